"""The model lint: each kind of finding on a small fixture, one that must be found and one that must not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from policy_compare.align import align, load_topics
from policy_compare.lint import counts, lint
from policy_compare.merge import ModelClause, ModelPolicy, ModelSection
from policy_compare.normalise import load_rules
from policy_compare.parse import load_policies
from policy_compare.wording import drop_connective, is_fragment, is_truncated, near_duplicate, points_back

from .conftest import ROOT, policy_md

RULES = load_rules()
TOPICS = load_topics(ROOT / "source_policies" / "topics.yml")


@pytest.fixture(scope="module")
def alignment(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("lint")
    (folder / "ash.md").write_text(policy_md("Ash Primary School", "ash", (
        "Staff must report concerns about online abuse to Oakvale Borough Council without delay.\n\n"
        "Staff must never add pupils as friends on their personal social networking accounts."
    )), encoding="utf-8")
    (folder / "birch.md").write_text(policy_md("Birch Primary School", "birch", (
        "Staff must never add pupils as friends on their personal social networking accounts."
    )), encoding="utf-8")
    return align(load_policies(folder, RULES), TOPICS, rules=RULES)


def model_of(*entries: str | tuple[str, tuple[str, ...]]) -> ModelPolicy:
    clauses = []
    for i, entry in enumerate(entries, 1):
        text, items = entry if isinstance(entry, tuple) else (entry, ())
        clauses.append(ModelClause(number=f"1.{i}", text=text, row=None, schools=(), origin="added", items=items))
    section = ModelSection(number=1, topic="contact-pupils-parents", title="Contact", clauses=tuple(clauses))
    return ModelPolicy(title="Policy", version="1", sections=(section,), candidates=())


def kinds(alignment, *entries) -> dict[str, int]:
    return {k: n for k, n in counts(lint(model_of(*entries), alignment)).items() if n}


def test_points_back(alignment) -> None:
    assert kinds(alignment, "This will raise serious concerns about the suitability of the adult.") == {"points-back": 1}
    assert kinds(alignment, "They should report and record any incident with this potential.") == {"points-back": 1}
    assert kinds(alignment, ("In instances of a breach of the above code, the following will apply:", ("The governors will act.",))) == {"points-back": 1}
    # the document itself, a forward-pointing "it", a pronoun with its antecedent before it: nothing to find
    assert kinds(alignment, "This policy applies to all staff and volunteers.") == {}
    assert kinds(alignment, "It is important to protect staff from allegations.") == {}
    assert kinds(alignment, "Staff must keep records of abuse. They should not delete messages.") == {}
    # a sentence announcing a list that is not there points at nothing too
    assert kinds(alignment, "All incident types below are considered criminal in nature.") == {"points-back": 1}
    assert kinds(alignment, "Pupils below the minimum age should not hold accounts.") == {}
    assert kinds(alignment, ("All incident types below are considered criminal:", ("Hacking.", "Grooming."))) == {}
    # an aside in brackets about "this category" of something said before it
    assert kinds(alignment, "(Typically, teachers and social workers fall in this category of trust).") == {"points-back": 1}
    assert kinds(alignment, "(See the staff handbook for the form.)") == {}
    # "this Act" with no Act named before it in the entry; with one named, it points at that
    assert kinds(alignment, "The school may monitor its systems in line with its rights under this act.") == {"points-back": 1}
    assert kinds(alignment, "The Computer Misuse Act 1990 makes hacking an offence. Staff must not break this Act.") == {}


def test_fragment(alignment) -> None:
    assert kinds(alignment, "To further safeguard and protect children and staff.") == {"fragment": 1}
    assert kinds(alignment, "Policy For") == {"fragment": 1}
    assert kinds(alignment, "Code of Conduct for Everyone at the School – Social Networking") == {"fragment": 1}
    assert kinds(alignment, "Staff must never share their passwords.") == {}
    # an aims list stays a list under its lead-in: its items may be verbless
    assert kinds(alignment, ("This policy aims to:", ("Support safer working practice", "Prevent abuse of trust"))) == {}


def test_truncation(alignment) -> None:
    assert kinds(alignment, "It is unlawful for statements to be written which lower an individual in the estimation of society or") == {"truncation": 1}
    assert kinds(alignment, "The governors understand that, \u201cthere are circumstances in which police involvement is appropriate.") == {"truncation": 1}
    assert kinds(alignment, "The governors understand that \u201cthere are circumstances in which police involvement is appropriate.\u201d") == {}
    # a list's lead-in standing without its list
    assert kinds(alignment, "A person is guilty of an offence if, with intent to cause distress, they: -") == {"truncation": 1}
    assert kinds(alignment, ("A person is guilty of an offence if, with intent to cause distress, they:", ("Use threatening words.",))) == {}


def test_repeated_stem(alignment) -> None:
    found = kinds(alignment, "The following are not acceptable at [School name]: the use of the school logo.",
                  "The following are not acceptable at [School name]: posting images of pupils.")
    assert found == {"repeated-stem": 1}
    assert kinds(alignment, ("The following are not acceptable at [School name]:",
                             ("the use of the school logo.", "posting images of pupils."))) == {}


def test_near_duplicate(alignment) -> None:
    found = kinds(alignment,
                  "Schools should refer to the allegations policy and should not attempt to investigate or evaluate the material themselves.",
                  "Schools should refer to the allegations policy and should not attempt to investigate or evaluate the material themselves until advice is received.")
    assert found == {"near-duplicate": 1}
    assert kinds(alignment, "Staff must never add pupils as friends on social networking sites.",
                 "Parents must not post pictures of other children on social networking sites.") == {}


def test_a_local_authoritys_services_in_a_trusts_model(alignment) -> None:
    found = lint(model_of("The Headteacher will seek advice from the Schools' HR team where appropriate."), alignment)
    assert [f.kind for f in found] == ["local-authority"]
    assert "the trust's HR team where appropriate" in found[0].settle
    assert kinds(alignment, "Posts could damage the reputation of the school, the profession or the local authority.") == {"local-authority": 1}
    assert kinds(alignment, "Advice is given by Children's Services HR.") == {"local-authority": 1}
    # the authority's safeguarding roles every school still works with, and a fill-in, are not findings
    assert kinds(alignment, "The police and the local authority designated officer (LADO) should be informed.") == {}
    assert kinds(alignment, "Refer the child to local authority children's social care.") == {}
    assert kinds(alignment, "Report concerns to [Local authority].") == {}


def test_an_online_service_that_has_closed_or_changed_its_name(alignment) -> None:
    found = lint(model_of("Sites such as Facebook, bebo and Twitter are well known."), alignment)
    assert [(f.kind, f.text) for f in found] == [("outdated-service", "bebo"), ("outdated-service", "Twitter")]
    assert "X (formerly Twitter)" in found[1].settle and "<a service in use today>" in found[0].settle
    assert "renamed X in 2023" in found[1].detail
    # the new name with the old in brackets, a web address, a common noun: nothing to find
    assert kinds(alignment, "Sites such as Instagram and X (formerly Twitter) are well known.") == {}
    assert kinds(alignment, "The school's account is at twitter.com/ourschool and on Instagram.") == {}
    assert kinds(alignment, "Pupils planted a vine in the garden and shared photos on the school website.") == {}


def test_local_specific(alignment) -> None:
    found = lint(model_of("Report concerns to Oakvale Borough Council."), alignment)
    assert [f.kind for f in found] == ["local-specific"] and "Oakvale Borough Council" in found[0].text
    assert kinds(alignment, "Report concerns to [Local authority].") == {}
    # a name two schools' texts share is the trust's, not one school's local specific
    assert kinds(alignment, "Staff must never add pupils as friends on their personal social networking accounts.") == {}


def test_a_review_period_the_cover_does_not_give(alignment) -> None:
    assert kinds(alignment, "This policy will be reviewed every two years by the governing body.") == {"review-period": 1}
    assert kinds(alignment, "This policy will be reviewed annually by the governing body.") == {}  # the cover's 12 months
    assert kinds(alignment, "Staff must keep records of incidents every year.") == {}  # no review
    found = lint(model_of("This policy will be reviewed every two years, or sooner if the law changes."), alignment)
    assert found[0].settle.endswith('"This policy will be reviewed, or sooner if the law changes."}')


def test_each_finding_names_a_curation_entry(alignment) -> None:
    from policy_compare.merge import merge

    model = merge(alignment)
    entry = next(c for c in model.clauses() if "add pupils as friends" in c.text)
    doubled = ModelSection(number=9, topic="contact-pupils-parents", title="Again", clauses=(
        ModelClause(number="9.1", text=entry.text, row=entry.row, schools=entry.schools, origin="shared",
                    rows=entry.rows, sources=entry.sources),
    ))
    found = lint(ModelPolicy(title="P", version="1", sections=(*model.sections, doubled), candidates=()), alignment)
    assert [f.kind for f in found] == ["near-duplicate"]
    assert found[0].settle.startswith('drop: ["') and ": Staff must never add" in found[0].settle


def test_wording_judgements() -> None:
    assert points_back("It also reduces the potential for identity theft by third parties.")
    assert points_back("Adults in contact with children should therefore understand that safe practice matters.")
    assert points_back("In particular, staff must not post photographs of pupils.")
    assert points_back("Staff who access and possess links to such websites will be viewed as a threat.")
    assert not points_back("Staff must not give their personal mobile phone numbers to pupils.")
    assert points_back("Failure to do so may lead to action being taken under the disciplinary procedure.")
    assert points_back("Staff who find doing so difficult should ask the headteacher.")
    assert drop_connective("In addition to the above everyone at X must ensure that they:") == "Everyone at X must ensure that they:"
    assert drop_connective("It also reduces the risk.") == "It also reduces the risk."
    assert drop_connective("No. Staff must not have any pupil as a friend.") == "Staff must not have any pupil as a friend."
    assert drop_connective("Yes, parents may film their own child.") == "Parents may film their own child."
    assert drop_connective("In particular, do not:") == "Do not:"  # it followed a general rule the model has elsewhere
    assert drop_connective("No staff member may add a pupil as a friend.") == "No staff member may add a pupil as a friend."
    assert is_fragment("To set out the key principles and code of conduct expected of all members of staff.")
    assert not is_fragment("This policy relates to social networking outside work.")
    assert is_truncated("provides guidance for all employees, a national document that")
    assert near_duplicate("Confidentiality needs to be considered at all times.", "Confidentiality needs to be considered at all times by everyone.")


def test_check_model_prints_findings_and_exits_1(tmp_path: Path) -> None:
    sources = tmp_path / "source_policies"
    sources.mkdir()
    for school_id, name in (("ash", "Ash Primary School"), ("birch", "Birch Primary School")):
        (sources / f"{school_id}.md").write_text(policy_md(name, school_id, (
            "Staff must never add pupils as friends on their personal social networking accounts.\n\n"
            "Staff must keep records of any abuse. They should not delete texts or emails."
        )), encoding="utf-8")
    (sources / "curation.yml").write_text(
        'add: [{topic: cyberbullying, text: "This will raise serious concerns about the adult."}]\n', encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "policy_compare.cli", "check", "--model"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "points-back" in run.stdout and "settle with: replace:" in run.stdout and "1 finding in the model policy" in run.stdout
    (sources / "curation.yml").write_text("drop: []\n", encoding="utf-8")
    clean = subprocess.run([sys.executable, "-m", "policy_compare.cli", "check", "--model"], cwd=tmp_path,
                           capture_output=True, text=True, timeout=120, check=False)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "0 findings in the model policy" in clean.stdout


def test_words_in_brackets_or_capitals() -> None:
    from policy_compare.merge import modernise

    assert is_fragment("Commercial (illegal downloading, hacking, gambling, financial scams).")
    assert not is_fragment("(Although this is illegal most police forces would treat this as a lower priority.)")
    assert modernise("Staff may use sites BUT ONLY WITHIN THE SAFETY GUIDELINES of the ICT policy.") == \
        "Staff may use sites but only within the safety guidelines of the ICT policy."


def test_local_names_are_found_by_how_they_are_written() -> None:
    from policy_compare.localnames import candidates, label_for

    sentence = "Staff must report concerns to Mrs Jane Wood and to Riverdale Borough Council."
    assert candidates(sentence) == ["Riverdale Borough Council", "Mrs Jane Wood"]
    assert label_for("Riverdale Borough Council", sentence) == "[Local authority]"
    assert label_for("Mrs Jane Wood", sentence) == "[Name of member of staff]"
    governor = "The headteacher and the governor responsible for safeguarding, Mr T. Osei, will monitor this policy."
    assert label_for("Mr T. Osei", governor) == "[Name of governor]"
    # a role before ", and ..." is the earlier person's; "our deputy", beside the safeguarding lead, is the deputy DSL
    leads = "our designated safeguarding lead is mrs hannah cole, the headteacher, and our deputy is mr tom ashby, our year 5 teacher."
    assert label_for("Mrs Hannah Cole", leads) == "[Name of designated safeguarding lead]"
    assert label_for("Mr Tom Ashby", leads) == "[Name of deputy designated safeguarding lead]"
    platform = "All communication takes place through the Microsoft Teams learning platform."
    assert candidates(platform) == ["Microsoft Teams"]
    assert label_for("Microsoft Teams", platform) == "[Name of learning platform]"
    assert label_for("Class Dojo", "Teachers should message parents on Class Dojo.") == "[Messaging service for parents]"
    # examples, initials, Acts, quoted titles and generic policy words are not local names
    assert candidates("Social networking sites such as Facebook, Snapchat and LinkedIn are covered.") == []
    assert candidates("Online safety is taught through Computing, PSHE and RE lessons.") == []
    assert candidates("The Data Protection Act and the Racial and Religious Hatred Act apply.") == []
    assert candidates("Staff should read 'Guidance for Safer Working Practice for Adults' first.") == []
    assert candidates("The Designated Safeguarding Lead and the Governing Body will act.") == []
    # a title led by a gerund names guidance, not something local: no "Keeping [Local name]"
    assert candidates("Staff should follow Keeping Learners Safe, the national guidance.") == []
    assert candidates("Report concerns to Reading Borough Council.") == ["Reading Borough Council"]
    # whoever publishes some guidance is no local name; a school's own sixth form is no local name
    assert candidates("It reflects the Safer Recruitment Consortium's safer working practice guidance.") == []
    assert candidates("Students may use phones in the Sixth Form centre at lunchtime.") == []
    assert candidates("Staff should follow the Northshire Council guidance on allegations.") == ["Northshire Council"]
    # one capitalised word is a name when what follows says it is a product; not at a sentence's start
    assert candidates("Parents hear from us through the Arbor parent app and the Tapestry system.") == ["Arbor", "Tapestry"]
    assert candidates("Personal accounts are private. Reporting systems are clear.") == []
    # a sentence's capitalised first word is no part of a name ("Comments on Facebook are checked");
    # a national charity or body is no local name
    assert candidates("Only the head posts. Comments on Facebook are checked every school day.") == []
    assert candidates('Pupils are told of the Childline and Internet Watch Foundation "Report Remove" service.') == []
    assert candidates("Students may use phones in the Sixth Form Study Centre at lunchtime.") == ["Study Centre"]
    # a school's own telephone number is a blank to fill in; a national helpline is not
    phones = "Family members should ring the office on 01632 960418, or Childline on 0800 1111, or the NSPCC on 0808 800 5000."
    assert candidates(phones) == ["01632 960418"]
    assert label_for("01632 960418", phones) == "[Telephone number]"


def test_a_source_citation_is_a_fragment_and_an_imperative_naming_a_council_is_not() -> None:
    from policy_compare.wording import is_fragment, near_duplicate, points_back

    assert is_fragment("Children, Families and Education Directorate page 38 April 2007.")
    assert not is_fragment("Report concerns to Oakvale Borough Council.")
    assert points_back("Like the Racial and Religious Hatred Act 2006 it also makes possession of such material an offence.")
    assert points_back("The Act also provides for moral rights.") and not points_back("Staff must follow the Data Protection Act 2018.")
    assert not near_duplicate("The Public Order Act 1986 makes it a criminal offence to stir up racial hatred by publishing threatening material.",
                              "The Racial and Religious Hatred Act 2006 makes it a criminal offence to stir up religious hatred by publishing threatening material.")


def test_entries_that_say_much_the_same_are_listed_for_the_governors() -> None:
    from policy_compare.lint import overlaps

    model = model_of(
        "Staff must keep their personal phone numbers private and never use their own mobile phones to contact pupils or parents.",
        "Pupils must hand in their mobile phones at the school office each morning.",
        "Staff may give their personal mobile phone numbers to parents when the headteacher agrees.",
        "Governors will review this policy every year.",
    )
    found = overlaps(model)
    assert [(o.first, o.second) for o in found] == [("1.1", "1.3")], found
    assert found[0].differs == "one forbids what the other allows"  # never (1.1), may when agreed (1.3)
    assert overlaps(model_of("Staff must report cyberbullying to the headteacher.", "Governors will review this policy every year.")) == []
    # two lists' lead-ins are not a pair: their items say the rules
    lists = model_of(("Students are expected to:", ("follow the age limits of each site;",)),
                     ("Students must not:", ("create fake accounts;",)))
    assert [(o.first, o.second) for o in overlaps(lists)] == []


def test_what_sets_two_overlapping_entries_apart() -> None:
    from policy_compare.lint import differs

    assert differs("Staff must not use their phones in class.", "Staff may use their phones in the staff room.") == "one forbids what the other allows"
    assert differs("accept friend requests from pupils.", "Staff may accept friend requests from parents.",
                   first_lead="Staff must not:") == "one forbids what the other allows"  # an item says what its lead-in says
    assert differs("Staff must keep phones out of sight.",
                   "In exceptional circumstances, staff must keep phones on them.") == "one is an exception to a rule"
    assert differs("Staff must not post about pupils.", "Staff must never post comments about pupils.") == ""


def test_a_table_row_is_a_fragment_unless_a_cell_is_a_sentence() -> None:
    assert is_fragment("Policy owner | Deputy Headteacher (Pastoral)")
    assert is_fragment("Date adopted | March 2024")
    assert not is_fragment("Record | The member of staff records the concern on the same day.")


def test_check_model_reads_the_builds_inputs_from_mkdocs_yml(project: Path) -> None:
    """The register (and curation, topics, rules) mkdocs.yml gives the build, not the packaged ones:
    with a register in which the Data Protection Act 1998 is still in force, it is nothing to update."""
    import yaml

    from policy_compare.legislation import load_register

    def law_lines() -> list[str]:
        run = subprocess.run([sys.executable, "-m", "policy_compare.cli", "check", "--model"], cwd=project,
                             capture_output=True, text=True, timeout=300, check=False)
        assert run.returncode in (0, 1), run.stdout + run.stderr
        return [line for line in run.stdout.splitlines() if "describes the Data Protection Act 1998" in line]

    assert law_lines()  # the packaged register: repealed, so the text describing it is left out
    register = Path(load_register().source)
    data = yaml.safe_load(register.read_text(encoding="utf-8"))
    for entry in data["instruments"]:
        if entry["id"] == "data-protection-act-1998":
            entry["status"], entry["replaced_by"] = "in-force", None
    (project / "register.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- policy_compare:" in config
    (project / "mkdocs.yml").write_text(config.replace("- policy_compare:", "- policy_compare:\n      register: register.yml", 1), encoding="utf-8")
    assert law_lines() == []
