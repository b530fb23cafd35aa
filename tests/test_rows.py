"""Rows: one rule per row (mutual best matches, fragments, complete linkage) and ids that stay put."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from policy_compare.align import align, load_topics
from policy_compare.model import AlignSettings, Clause
from policy_compare.normalise import load_rules
from policy_compare.parse import load_policies
from policy_compare.readings import is_fragment
from policy_compare.rows import _mutual_best, reference_clause, row_aliases, row_id

from .conftest import ROOT, policy_md

sys.path.insert(0, str(ROOT / "scripts"))
import audit_rows  # noqa: E402

RULES = load_rules(ROOT / "source_policies" / "normalisation.yml")
TOPICS = load_topics(ROOT / "source_policies" / "topics.yml")


def clause(text: str, school: str = "a", kind: str = "sentence", order: int = 0) -> Clause:
    return Clause(f"{school}-{order}", school, ("Contact with pupils",), None, text, text, text.lower(), "x.md", 1, kind, order)


def test_mutual_best_keeps_only_pairs_each_clause_prefers() -> None:
    # clause 0 (school A) is close to 1 and 2 (both school B); 1 prefers 0, 2 prefers 3 (school A)
    first, second = np.array([0, 0, 2, 1]), np.array([1, 2, 3, 3])
    scores = np.array([0.8, 0.6, 0.9, 0.2])
    school = np.array([0, 1, 1, 0])
    mutual = _mutual_best(first, second, scores, school, school[first] != school[second])
    assert mutual.tolist() == [True, False, True, False]


@pytest.mark.parametrize(
    ("text", "kind", "fragment"),
    [
        ("Policy For", "sentence", True),
        ("IT policy", "item", True),
        ("The following are not acceptable:", "lead-in", True),
        ("To set out the key principles and code of conduct expected of all staff.", "item", False),
        ("Staff must not add pupils as friends on social networking sites.", "sentence", False),
        ("Accurate;", "item", True),
        # its rule is in the sentence before it
        ("Failure to do so may lead to action being taken under the disciplinary procedure.", "sentence", True),
        ("Doing so could be a criminal offence.", "item", True),
        ("Staff may do so only with the headteacher's permission.", "sentence", False),
        # a list's entry naming an act, no verb: what the list says of it is in the paragraph before
        ("Viewing, production, distribution and possession of indecent images of children.", "item", True),
        ("The posting of any images of staff or pupils on personal accounts.", "item", True),
        ("Accessing, making and storing indecent images of children are illegal.", "sentence", False),
        ("Protection from Harassment Act 1997 – covers repeated behaviour causing alarm or distress.", "item", False),  # a law
        ("The use of the school's name or logo in a way that suggests staff speak for the school.", "item", False),
    ],
)
def test_fragments(text: str, kind: str, fragment: bool) -> None:
    assert is_fragment(clause(text, kind=kind)) is fragment


def test_a_few_words_naming_a_thing_under_a_lead_in() -> None:
    def item(text: str, lead_in: str) -> Clause:
        return Clause("x-1", "x", ("Photographs",), None, text, text, text.lower(), "x.md", 1, "item", 1, lead_in=lead_in)

    # a thing named in a few words under a lead-in that is no rule's stem: a list's entry
    assert is_fragment(item("the school's official social media accounts;", "Consent is requested separately for:"))
    # ... but not a law, an item completing a rule's stem, or whom a policy covers
    assert not is_fragment(item("the Data Protection Act 2018;", "This policy takes account of:"))
    assert not is_fragment(item("the school's official social media accounts;", "Staff must never post on:"))
    assert not is_fragment(item("all staff who work at the school;", "This policy applies to:"))


def tiny_trust(tmp_path: Path, bodies: dict[str, str]) -> Path:
    for school_id, body in bodies.items():
        (tmp_path / f"{school_id}.md").write_text(policy_md(school_id.title() + " School", school_id, body), encoding="utf-8")
    return tmp_path


def rows_of(alignment) -> list[set[str]]:  # type: ignore[no-untyped-def]
    return [{alignment.clause(cid).text for ids in row.clauses.values() for cid in ids} for row in alignment.rows]


def test_fragment_never_joins_on_shared_words(tmp_path: Path) -> None:
    sources = tiny_trust(tmp_path, {
        "north": "# Related documents\n\n- IT policy\n- Staff must never accept pupils as friends on social media.\n",
        "south": "# Policy For\n\nPolicy For\n\nStaff must never accept pupils as friends on social networking sites.\n",
    })
    alignment = align(load_policies(sources, RULES), TOPICS, rules=RULES)
    rows = rows_of(alignment)
    assert {"Staff must never accept pupils as friends on social media.", "Staff must never accept pupils as friends on social networking sites."} in rows
    assert not any("IT policy" in row and "Policy For" in row for row in rows)


def test_a_row_never_chains_two_different_rules(tmp_path: Path) -> None:
    # B's sentence shares words with both of A's rules; complete linkage keeps A's two rules apart
    sources = tiny_trust(tmp_path, {
        "east": "Staff must not give their personal e-mail addresses to pupils or parents. "
        "Teachers should message parents through the school office when they need to contact them.\n",
        "west": "Staff must not give their personal e-mail addresses to pupils or parents.\n",
    })
    alignment = align(load_policies(sources, RULES), TOPICS, rules=RULES)
    for row in alignment.rows:
        assert len(row.clauses.get("east", ())) <= 1 or "west" not in row.clauses


def test_a_row_holds_one_law(tmp_path: Path) -> None:
    # each school states two offences; similar wording must not pair one Act's offence with the other's
    sources = tiny_trust(tmp_path, {
        "east": "## Legislation\n\nThe Malicious Communications Act 1988 makes it an offence to send a message that is "
        "grossly offensive or threatening to another person.\n\nThe Protection from Harassment Act 1997 makes it an "
        "offence to pursue a course of conduct that amounts to harassment.\n",
        "west": "## Protection from Harassment Act 1997\n\nIt is an offence to send a grossly offensive or threatening "
        "message to another person as part of a course of conduct.\n\n## Malicious Communications Act 1988\n\n"
        "It is an offence to send a letter or message that is indecent or threatening.\n",
    })
    alignment = align(load_policies(sources, RULES), TOPICS, rules=RULES)
    for row in alignment.rows:
        texts = " ".join(alignment.clause(cid).text for ids in row.clauses.values() for cid in ids)
        if "Malicious" in texts:
            assert "course of conduct" not in texts, texts


def test_a_repeated_sentence_gets_short_distinct_row_ids(tmp_path: Path) -> None:
    # one school saying the same thing many times: each copy its own row, ids numbered, not grown
    sentence = "Staff must never add pupils as friends on social networking sites."
    sources = tiny_trust(tmp_path, {"east": "\n\n".join([sentence] * 40) + "\n", "west": sentence + "\n"})
    alignment = align(load_policies(sources, RULES), TOPICS, rules=RULES)
    ids = [row.id for row in alignment.rows]
    assert len(ids) == len(set(ids)) >= 35
    assert max(len(i) for i in ids) <= min(len(i) for i in ids) + 3, ids


@pytest.mark.parametrize(
    ("text", "owners"),
    [
        ("Staff may search a student's phone only with a second member of staff present.", {"pupils"}),
        ("Staff may use their mobile phones only in the staffroom.", {"staff"}),
        ("Personal mobile phones must not be used in classrooms.", {"staff"}),  # a staff policy's subject
        ("Pupils may bring their phones to school with a parent's consent.", {"pupils"}),
        ("On a trip, a school mobile phone will be provided.", {"school"}),
        ("Mobile phones must not be used when children are present.", set()),  # nobody's in particular
    ],
)
def test_whose_device_a_clause_is_about(text: str, owners: set[str]) -> None:
    from policy_compare.readings import device_owners

    assert device_owners(clause(text), RULES) == owners


def test_what_a_device_is_used_for() -> None:
    from policy_compare.readings import device_purposes

    assert device_purposes(clause("Staff must never use a personal phone to photograph or film pupils.")) == {"pictures"}
    assert device_purposes(clause("Staff must not use their own mobile phones to contact pupils or parents.")) == {"contact"}
    assert device_purposes(clause("Staff must not photograph pupils at any time.")) == set()  # no device named
    assert device_purposes(clause("Mobile phones must be kept in the office during lessons.")) == set()
    # where a device is not used says nothing of what it is used for
    assert device_purposes(clause("Staff must not use personal mobile phones in the presence of pupils.")) == {"presence"}
    assert device_purposes(clause("Personal phones must not be used when pupils are present.")) == {"presence"}


@pytest.mark.parametrize(
    ("east", "west"),
    [
        # a pupil's phone, staff's own
        ("Staff may search a pupil's phone only where the law allows and only with a colleague present.",
         "Staff may use their phones only in the staffroom and only where no pupil is present."),
        # an exception, the rule it excepts from
        ("Staff may use their mobile phones during break times in the staff room.",
         "In exceptional circumstances, agreed with the headteacher, staff may use their mobile phones in the staff room."),
        # talking with people, talking about them
        ("Staff must not use social media to discuss school issues with pupils, parents or colleagues.",
         "Staff must not post comments on social media about the school, pupils, parents or colleagues."),
        # giving out contact details, using a phone to contact
        ("Staff must not give their personal mobile numbers or e-mail addresses to pupils or parents.",
         "Staff should never use a personal mobile phone to contact pupils or parents."),
        # giving out an address, signing up for an account with one
        ("Staff must not give out their personal mobile number, email address or social media username to pupils.",
         "Staff must not use school email addresses to register for personal social networking accounts."),
        # asking a pupil for an image, keeping images from pupils
        ("Staff must never ask a pupil to show them an image or to send it to them.",
         "Staff should ensure that pupils are not exposed to any inappropriate images or web links."),
        # found holding something, finding it
        ("Any member of staff found in possession of indecent images of children will be reported to the police.",
         "Where indecent images of children are found on a school device, the police will be informed."),
        # a rule for one year group, and for every pupil
        ("Pupils in Year 6 who walk home alone may bring a mobile phone, which is handed in each morning.",
         "Pupils may bring mobile phones to school, but they must be handed to the office."),
        # kept in different kinds of place: locked away, or out of sight
        ("Staff must keep personal mobile phones in the locked cupboard in the staff room during the school day.",
         "Staff may bring personal mobile phones, but they must be switched to silent and kept out of sight during the school day."),
        # pupils at the school, former pupils
        ("Staff should never make a friend of a pupil at the school on social networking sites.",
         "Staff should not become online friends with former pupils who are under 18."),
        # carried about one, or locked away
        ("Staff may carry a mobile phone during the working day, but it must be on silent.",
         "Staff must keep their mobile phones on silent and stored in their locker during the working day."),
        # the exception for a friendship that existed before, and the rule
        ("Where a friendship existed before the child joined the school, staff must tell the headteacher before accepting a friend request from a parent.",
         "Staff must tell the headteacher before accepting a friend request from a parent on their personal social media accounts."),
        # deleting an image, asking a pupil to show one
        ("Staff must never delete the image or ask the pupil to delete it.",
         "Staff must never ask the pupil to show them the image."),
        # a lead-in means its items
        ("This policy takes account of the following legislation:\n\n- The Data Protection Act 2018\n",
         "This policy takes account of legislation and guidance."),
        # on the school's premises, or on a trip
        ("Staff must not use their mobile phones around the school premises during lessons.",
         "Staff must not use their mobile phones on educational visits except to call the school."),
        # reporting asked for, or required
        ("Staff are encouraged to report all incidents of cyberbullying to their line manager or the headteacher.",
         "Staff who are subjected to cyberbullying by parents or pupils must report this to the headteacher immediately."),
        # a matter for the police, and a rule that never mentions them
        ("Staff who are found with indecent images of children will be reported to the police.",
         "There are no circumstances that will justify staff possessing indecent images of children."),
        # any comment at all about the school and its people, or hurtful ones only
        ("Staff must not post comments about the school, pupils, parents or colleagues, including governors.",
         "Staff must not make derogatory, defamatory or rude comments about the school, or anyone connected with the school."),
        # an adult's part in a pupil's images, or images found
        ("The police should always be informed where an adult is involved with indecent images of children.",
         "Where indecent images of children are found, the police should be immediately informed."),
        # images found, or an allegation that someone has held or shared them
        ("Where indecent images of children are found, the police must be informed immediately.",
         "Any allegation that a member of staff has possessed indecent images of children must be reported to the police immediately."),
        # not in front of pupils, and not to contact them
        ("Staff must not use personal mobile phones in the presence of pupils.",
         "Staff should keep their personal phone numbers private and not use their own mobile phones to contact pupils."),
        # pupils (with an aside on former pupils), and former pupils
        ("Staff must never add pupils as friends on their personal accounts (including past pupils under the age of 16).",
         "Staff must not add former pupils as friends on their personal accounts until they are 18."),
        # searching a device, posting on an account
        ("Only the headteacher and staff authorised by the headteacher may search a pupil's device.",
         "Only staff authorised by the headteacher may post on the school's accounts."),
        # a document's title in a list, and a rule that names the document
        ("This policy should be read with:\n\n- Disciplinary Policy and Procedures\n",
         "Breaches of this policy may lead to action under the Disciplinary Policy and Procedures."),
    ],
)
def test_alike_words_two_rules(tmp_path: Path, east: str, west: str) -> None:
    sources = tiny_trust(tmp_path, {"east": east + "\n", "west": west + "\n"})
    policies = load_policies(sources, RULES)
    alignment = align(policies, TOPICS, rules=RULES)
    assert all(len(row.clauses) == 1 for row in alignment.rows)
    # what parts them is what tells the two rules apart, not that their words differ
    unpenalised = align(policies, TOPICS, settings=AlignSettings(role_penalty=1.0), rules=RULES)
    assert any(len(row.clauses) == 2 for row in unpenalised.rows)


@pytest.mark.parametrize(
    ("east", "west"),
    [
        ("Staff must not use social media to discuss school issues with pupils, parents or colleagues.",
         "Staff must never discuss school issues with pupils, parents or colleagues on social media."),
        ("Staff must not give their personal mobile numbers or e-mail addresses to pupils or parents.",
         "Staff should never give pupils or parents their personal mobile numbers or e-mail addresses."),
        ("Pupils in Year 6 may bring a mobile phone to school.", "Year 6 pupils may bring a mobile phone to school."),
    ],
)
def test_the_same_rule_in_other_words_shares_a_row(tmp_path: Path, east: str, west: str) -> None:
    """The control for the cases above: what tells two rules apart does not part one rule."""
    sources = tiny_trust(tmp_path, {"east": east + "\n", "west": west + "\n"})
    alignment = align(load_policies(sources, RULES), TOPICS, rules=RULES)
    assert any(set(row.clauses) == {"east", "west"} for row in alignment.rows)


@pytest.mark.parametrize(
    ("text", "kind", "said"),
    [
        # each of rows._READINGS: which of its ways of doing something a clause says (one, several, none)
        ("staff must not discuss school issues with pupils or parents.", "talks", {"with"}),
        ("staff must not post comments about pupils or parents.", "talks", {"about"}),
        ("staff must keep their accounts private.", "talks", frozenset()),
        ("staff must not give their personal numbers to pupils.", "reach", {"give"}),
        ("staff must not use their own phones to contact pupils.", "reach", {"use"}),
        ("staff must not share contact details and must never communicate with pupils by text.", "reach", {"give", "use"}),
        ("staff must not use school e-mail addresses to register for personal accounts.", "reach", {"sign up"}),
        ("staff must never ask a pupil to show them the image or send it to them.", "images", {"asks for"}),
        ("adults should ensure that pupils are not exposed to inappropriate images.", "images", {"keeps from"}),
        ("staff must not delete the image.", "images", {"deletes"}),
        ("staff should not become online friends with former pupils who are under 18.", "pupils", {"former"}),
        # an aside in brackets is no part of whom the rule is for
        ("staff must never add pupils as friends (including past pupils under 16).", "pupils", {"current"}),
        ("staff must not add pupils or former pupils as friends.", "pupils", {"current", "former"}),
        ("staff must not set up any other account in the school's name.", "name", {"creates"}),
        ("the use of the school's name, logo or other material without permission.", "name", {"uses name"}),
        ("only the headteacher may search a pupil's device.", "acts", {"searches"}),
        ("only staff authorised by the headteacher may post on the school's accounts.", "acts", {"posts"}),
        ("any member of staff found to be in possession of indecent images will be reported.", "found", {"holds"}),
        ("where indecent images are found, the police will be told.", "found", {"finds"}),
        ("if a teacher finds an image on a pupil's phone, they must not copy it.", "found", {"finds"}),
        ("any allegation that a member of staff has viewed or shared indecent images goes to the head.", "found", {"holds"}),
        ("staff who possess indecent images of children commit an offence.", "found", {"holds"}),
        ("the police will always be informed where an adult is involved.", "found", {"adult involved"}),
        ("staff must not post comments about the school, pupils, parents or colleagues.", "comments", {"anything"}),
        ("any breach by a member of staff shall be investigated under the disciplinary procedure.", "breach", {"investigated"}),
        ("any breaches of this policy may lead to disciplinary action.", "breach", {"acted on"}),
        ("these phones are handed to the class teacher at the start of the day.", "taken", {"handed in"}),
        ("a phone seen or heard during the day will be confiscated and kept at reception.", "taken", {"confiscated"}),
        ("if the investigation confirms a breach, it may be dealt with under the disciplinary procedure.", "breach", {"investigated", "acted on"}),
        ("do not make any derogatory, defamatory or rude comments about the school.", "comments", {"hurtful"}),
        ("staff must not share information about or comment on pupils, or criticise colleagues.", "comments", {"anything", "hurtful"}),
        ("staff must not post anything about pupils, parents or colleagues.", "comments", {"anything"}),
        ("where an adult has asked a student for images, the police will always be informed.", "found", {"adult involved"}),
        ("an incident involving an adult is referred to the police at once.", "found", {"adult involved"}),
        ("a school mobile phone will be provided on an educational visit.", "where", {"away"}),
        ("staff taking pupils on school trips or off-site must carry the school phone.", "where", {"away"}),
        ("phones must not be used on the school premises or in the playground.", "where", {"on site"}),
        ("staff may not use school equipment to visit social media sites.", "where", frozenset()),  # to visit a site is no trip
    ],
)
def test_what_a_clause_does_with_people(text: str, kind: str, said: set[str]) -> None:
    from policy_compare.readings import reading

    assert reading(clause(text), kind) == said


def test_whose_year_groups_a_clause_names() -> None:
    from policy_compare.readings import year_groups

    assert year_groups(clause("pupils in years 5 and 6 may bring a phone.")) == "years 5 and 6"
    assert year_groups(clause("pupils may bring a phone, and it is taught in year 6.")) == ""  # not the subject's
    assert year_groups(clause("photos are published with consent from sixth form students themselves.")) == ""  # no modal


def test_a_shared_purpose_is_not_a_shared_rule() -> None:
    """What a clause is for ("in order to ...") is left out of its words for matching, unless
    little would be left of it."""
    from policy_compare.rows import _without_purpose

    assert _without_purpose(
        "advise that in the event of unsafe behaviour disciplinary or legal action will be taken if necessary in order to "
        "minimise the risk of malicious allegations"
    ) == "advise that in the event of unsafe behaviour disciplinary or legal action will be taken if necessary"
    short = "the governing body will take action in order to protect the school's reputation"
    assert _without_purpose(short) == short


def test_the_parents_of_pupils_are_parents() -> None:
    from policy_compare.readings import _roles

    assert _roles("staff should not accept friend requests from parents of current pupils.") == {"parents"}
    assert _roles("the parents or carers of pupils must be told.") == {"parents"}
    assert _roles("staff must not add pupils or their parents as friends.") == {"pupils", "parents"}


def test_asked_to_report_or_required_to() -> None:
    from policy_compare.readings import reporting

    assert reporting(clause("staff are encouraged to report all incidents of cyberbullying to the headteacher.")) == {"invited"}
    assert reporting(clause("staff who are subjected to online abuse must report this to the headteacher.")) == {"required"}
    text = "report the matter to their line manager."
    item = Clause("x-1", "x", ("Cyberbullying",), None, text, text, text, "x.md", 1, "item", 1, lead_in="Staff who are targeted online shall:")
    assert reporting(item) == {"required"}
    assert reporting(clause("staff must keep screenshots as evidence.")) == set()


def test_where_a_clause_says_something_is_kept() -> None:
    from policy_compare.readings import places_kept

    assert places_kept(clause("if a phone is brought in by a child, it must be kept in the main office until home-time.")) == {"handed in"}
    assert places_kept(clause("pupils' phones must be handed to the class teacher at the start of the day.")) == {"handed in"}
    assert places_kept(clause("phones must be switched off and kept in their bags all day.")) == {"away"}
    assert places_kept(clause("telephones shall be switched off and kept in the pupil's bag.")) == {"away"}
    assert places_kept(clause("staff should keep their phones in a locker or bag during lessons.")) == {"locked", "away"}
    assert places_kept(clause("staff must not use phones in class.")) == set()
    assert places_kept(clause("staff may carry a mobile phone during the working day.")) == {"carried"}
    assert places_kept(clause("during lessons phones should be on silent and out of sight.")) == {"away"}
    assert places_kept(clause("cyberbullying is bullying carried out online.")) == set()


def test_whom_a_clause_binds_past_a_participle() -> None:
    from policy_compare.readings import bound_audience

    assert bound_audience(clause("Staff taking pupils on an educational visit will be given a school mobile phone."), RULES) == {"staff"}
    assert bound_audience(clause("The Governing Body will take appropriate action."), RULES) == {"governors"}
    assert bound_audience(clause("Visitors and contractors will be asked to keep their phones out of sight."), RULES) == {"visitors"}
    # "other adults" beside the staff are visitors; "adults" alone are staff
    assert bound_audience(clause("Other adults may carry their own phone for emergencies only."), RULES) == {"visitors"}
    assert bound_audience(clause("Adults should not give their personal numbers to pupils."), RULES) == {"staff"}
    # a second main clause has its own subject
    assert bound_audience(clause("Cyberbullying of staff by pupils will be taken seriously, and the academy will support staff in reporting it."),
                          RULES) == {"school"}
    # under a heading naming parents, a rule that speaks to "you" about parents binds the reader
    under = Clause("a-1", "a", ("Contact", "Parents"), None, "If you see a parent's post about the school, do not engage.",
                   "If you see a parent's post about the school, do not engage.", "if you see a parent's post about the school, do not engage.",
                   "x.md", 1, "sentence", 1)
    assert bound_audience(under, RULES) == {"staff"}
    rule = Clause("a-2", "a", ("Contact", "Parents"), None, "Please talk to the class teacher first.", "Please talk to the class teacher first.",
                  "please talk to the class teacher first.", "x.md", 1, "sentence", 2)
    assert bound_audience(rule, RULES) == {"parents"}


def test_how_often_a_clause_says_something_is_done() -> None:
    from policy_compare.dates import periods

    assert periods("this policy will be reviewed every two years by the governing body") == {24}
    assert periods("it will be reviewed annually, or sooner if guidance changes") == {12}
    assert periods("consent is renewed every year") == periods("consent is renewed annually")
    assert periods("the headteacher reports to governors each term") == {4}
    assert periods("students in every year group are taught about online safety") == set()


def test_reviewed_every_year_and_every_two_years_are_different_rules(tmp_path: Path) -> None:
    sources = tiny_trust(tmp_path, {
        "east": "This policy will be reviewed every year by the governing body.\n",
        "west": "This policy will be reviewed every two years by the governing body.\n",
        "north": "This policy will be reviewed annually by the governing body.\n",
    })
    alignment = align(load_policies(sources, RULES), TOPICS, rules=RULES)
    rows = [set(row.clauses) for row in alignment.rows]
    assert {"east", "north"} in rows and {"west"} in rows


def test_reference_and_id_depend_on_members_only() -> None:
    members = [clause("Staff must not add pupils as friends.", "a"), clause("Staff must never add pupils as friends.", "b"),
               clause("Staff must not add pupils as friends online.", "c")]
    assert reference_clause(members) == reference_clause(list(reversed(members)))
    assert row_id("contact", reference_clause(members)) in {row_id("contact", m) for m in members}
    assert len(row_aliases("contact", members)) == 3


@pytest.fixture(scope="module")
def five() -> object:
    return audit_rows.trust(None)


@pytest.mark.parametrize("sixth", audit_rows.sixth_schools(), ids=lambda p: p.stem)
def test_a_sixth_school_leaves_other_rows_ids_and_curation_intact(five, sixth: Path) -> None:  # type: ignore[no-untyped-def]
    from policy_compare.merge import resolve_row

    six = audit_rows.trust(sixth)
    by_members = {frozenset(cid for ids in r.clauses.values() for cid in ids): r.id for r in six.rows}
    unchanged = changed = 0
    for row in five.rows:
        members = frozenset(cid for ids in row.clauses.values() for cid in ids)
        if members in by_members:  # the sixth school did not join or split this row
            assert by_members[members] == row.id, row.reference
            unchanged += 1
        else:
            changed += 1
        # a curation entry naming the five-school id still finds the row holding its clauses
        found, problem = resolve_row(row.id, six)
        assert found is not None, (row.id, problem)
        assert members & frozenset(c for ids in found.clauses.values() for c in ids), row.id
    assert unchanged > 0.8 * (unchanged + changed)


@pytest.mark.parametrize("sixth", audit_rows.sixth_schools(), ids=lambda p: p.stem)
def test_curation_and_overrides_written_for_five_schools_build_strict_with_a_sixth(five, project: Path, sixth: Path) -> None:  # type: ignore[no-untyped-def]
    """Entries naming five-school rows by id (and clauses by id) keep resolving after an import."""
    import yaml

    from policy_compare.importer import import_policy

    from .conftest import build

    shared = [row for row in five.rows if len(row.clauses) >= 2]
    singles = [row for row in five.rows if len(row.clauses) == 1]
    curation = {
        "essential": [row.id for row in singles[:5]],
        "drop": [row.id for row in shared[-2:]],
        "choose": {row.id: sorted(row.clauses)[0] for row in shared[:5]},
        "order": {shared[0].topic: [shared[0].id]},
    }
    (project / "source_policies" / "curation.yml").write_text(yaml.safe_dump(curation), encoding="utf-8")
    moved = singles[0].clauses[next(iter(singles[0].clauses))][0]
    overrides = {"move": [{"clause": moved, "topic": "other"}], "exclude": [shared[1].clauses[sorted(shared[1].clauses)[0]][0]]}
    (project / "source_policies" / "overrides.yml").write_text(yaml.safe_dump(overrides), encoding="utf-8")
    for file, name, stem in audit_rows.joining(sixth):
        school_id, markdown = import_policy(file, name, stem)
        (project / "source_policies" / f"{school_id}.md").write_text(markdown, encoding="utf-8")
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("text", "kind", "title"),
    [
        ("Disciplinary policy and procedures", "item", True),
        ("the Complaints Procedure;", "item", True),
        ("the Online Safety Policy and Acceptable Use Agreements;", "item", True),
        ("Staff Code of Conduct", "item", True),
        ("Any breaches of this policy may lead to disciplinary action.", "item", False),  # a rule
        ("and takes account of the variety of legislation appropriate to this policy.", "item", False),  # a sentence's tail
        ("The Data Protection Act 2018", "item", False),  # an Act: the legislation rows match Acts by what they cite
        ("Disciplinary policy and procedures", "sentence", False),  # only a list gives titles
    ],
)
def test_a_documents_title_is_told_from_a_rule(text: str, kind: str, title: bool) -> None:
    from dataclasses import replace

    from policy_compare.readings import names_a_document

    assert names_a_document(replace(clause(text), kind=kind)) is title


def test_a_bare_list_stem_never_shares_a_row(tmp_path: Path) -> None:
    """"Staff must not:" and "Staff shall not:" are alike in words and say nothing alone: their items
    are the rules, each with a row of its own."""
    east = "## Contact\n\nStaff must not:\n\n- give pupils their personal mobile number;\n"
    west = "## Contact\n\nStaff shall not:\n\n- give pupils their personal mobile number;\n"
    alignment = align(load_policies(tiny_trust(tmp_path, {"east": east, "west": west}), RULES), TOPICS, rules=RULES)
    index = {c.id: c for p in alignment.policies for c in p.clauses}
    shared = [row for row in alignment.rows if len(row.clauses) == 2]
    assert [index[row.clauses["east"][0]].text for row in shared] == ["give pupils their personal mobile number;"]


def test_a_school_joining_never_changes_how_another_schools_clauses_score(tmp_path: Path) -> None:
    """Topic scores come from a clause's own policy and the taxonomy (a topic is part of a row's id)."""
    from policy_compare.classify import topic_scores

    east = "Staff should be aware that there are many more examples of social media.\n\nStaff must not add pupils as friends.\n"
    west = "Pupils' mobile phones are handed in at the office.\n\nCommunication with parents goes through the office.\n"
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    alone = load_policies(tiny_trust(tmp_path / "one", {"east": east}), RULES)
    both = load_policies(tiny_trust(tmp_path / "two", {"east": east, "west": west}), RULES)
    east_alone = [c for p in alone for c in p.clauses]
    east_with = [c for p in both if p.id == "east" for c in p.clauses]
    scores_alone = topic_scores(east_alone, TOPICS, rules=RULES)
    scores_with = topic_scores([c for p in both for c in p.clauses], TOPICS, rules=RULES)
    first = [i for i, c in enumerate(c for p in both for c in p.clauses) if c.school == "east"]
    assert [c.id for c in east_alone] == [c.id for c in east_with]
    assert (scores_with[first] == scores_alone).all()


def test_a_policys_own_title_is_not_a_sections_heading(tmp_path: Path) -> None:
    """A heading every clause sits under is the document's title: its words ("Phones") describe the
    whole policy, so they do not pull each section's clauses towards that topic."""
    body = ("# Being Safe, Kind and Wise Online: Our Policy on Social Media and Phones\n\n"
            "Our school is a small school of around 140 children in the heart of the village.\n\n"
            "## Looking after yourself online\n\nWe have no wish to check up on what staff do in their own time.\n\n"
            "## When unkindness goes online\n\nYou will not be left to cope alone.\n\n"
            "## Staff phones\n\nStaff keep their phones on silent and out of sight.\n")
    alignment = align(load_policies(tiny_trust(tmp_path, {"east": body}), RULES), TOPICS, rules=RULES)
    topic = {alignment.clause(cid).text: t for cid, t in alignment.clause_topic.items()}
    assert topic["Staff keep their phones on silent and out of sight."] == "mobile-phones"
    for text in ("Our school is a small school of around 140 children in the heart of the village.",
                 "We have no wish to check up on what staff do in their own time.", "You will not be left to cope alone."):
        assert topic[text] != "mobile-phones", text


def test_a_forms_field_is_not_a_sentence() -> None:
    from policy_compare.readings import is_field

    assert is_field(clause("Policy Reviewed: February 2018"))
    assert is_field(clause("Next review: January 2026"))
    assert not is_field(clause("The policy was approved on 3 February 2025 and is due for review in February 2027."))
    assert not is_field(clause("Criminal Justice and Public Order Act 1994: it is an offence to cause harassment."))
    assert not is_field(clause("This document should be read with:", kind="lead-in"))
    # a longer record of who wrote or approved the policy
    assert is_field(clause("Written by: Mr Liam Costello, Assistant Headteacher and Designated Safeguarding Lead"))
    assert not is_field(clause("Signed by: staff must sign to say they have read this policy."))
    assert not is_field(clause("Signed: ........................"))


def test_a_document_title_and_an_exception() -> None:
    from policy_compare.readings import names_a_document, states_an_exception

    assert names_a_document(clause("Filtering and monitoring standards for schools and colleges", kind="item"))
    assert states_an_exception("if you were friends with a parent before their child started here, you may stay friends.")
    # fresh10's Highmoor: existing friendships kept, beside "Staff should not accept friend requests from current parents"
    assert states_an_exception("many of our staff are friends or relatives of parents, and we do not expect anyone to give up existing friendships.")
    assert not states_an_exception("staff should not accept friend requests from current parents.")


def test_when_a_rule_holds() -> None:
    from policy_compare.readings import when_it_holds

    assert when_it_holds(clause("This policy relates to social networking outside work.")) == {"outside"}
    assert when_it_holds(clause("The policy applies to social media use on any device, in or out of working hours.")) == {"in and out"}
    assert when_it_holds(clause("It covers use of social media both inside and outside school hours.")) == {"in and out"}
    assert when_it_holds(clause("Staff must not post about pupils.")) == set()


def test_a_table_of_contents_item_is_a_heading(tmp_path: Path) -> None:
    # Cambois' "There are four key areas: ... - Use of social networking by staff in a personal capacity",
    # a section of its own policy, beside another school's "Staff who use social media in a personal capacity must:"
    contents = "Use of social networking by staff in a personal capacity"
    rows = rows_of(align(load_policies(tiny_trust(tmp_path, {
        "east": f"There are four key areas:\n\n- {contents}\n- Comments posted by parents\n\n## {contents}\n\nStaff must keep their accounts private.\n",
        "west": "Staff who use social networking in a personal capacity must:\n\n- keep their accounts private.\n",
    }), RULES), TOPICS, rules=RULES))
    assert {contents} in rows  # in a row of its own




def test_what_a_policy_covers_is_not_a_rule_in_it() -> None:
    from policy_compare.readings import states_scope

    assert states_scope(clause("It covers the use of social media at any time, including outside working hours."))
    assert states_scope(clause("This policy applies to all staff, governors, volunteers, pupils, parents and carers."))
    # fresh12's Ashbourne: which sections bind whom is scope too, not a rule on former pupils
    assert states_scope(clause("Sections on pupils apply to all pupils, including Sixth Formers who are 18."))
    assert states_scope(clause("Sections 7 and 9 also apply to pupils, and section 8 to parents at school events."))
    assert not states_scope(clause("Staff must not follow former pupils under 18 on any platform."))
    assert states_scope(clause("These rules govern activity on social media away from the workplace."))
    text = "agency and supply staff, contractors and volunteers;"
    item = Clause("x-1", "x", ("Scope",), None, text, text, text, "x.md", 1, "item", 1, lead_in="This policy applies to:")
    assert states_scope(item)
    assert not states_scope(clause("Staff must not use social media during lessons, whether on school or personal devices."))


def test_a_sentence_that_ends_as_a_lists_stem_is_read_as_one() -> None:
    from policy_compare.readings import clause_features

    texts = ["A person is guilty of an offence if, with intent to cause harassment, they: -",
             "It is an offence to cause intentional harassment, alarm or distress."]
    features = clause_features([clause(text, order=k) for k, text in enumerate(texts)], RULES)
    assert features.leads.tolist() == [True, False]
