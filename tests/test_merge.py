"""The model policy: threshold, best wording, numbering, curation, per-school gaps, Word files."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from policy_compare.align import align, load_topics
from policy_compare.export import model_docx
from policy_compare.merge import Curation, fill_school, gaps, load_curation, merge, modernise
from policy_compare.normalise import load_rules
from policy_compare.parse import load_policies

from .conftest import ROOT, policy_md

RULES = load_rules()
TOPICS = load_topics(ROOT / "source_policies" / "topics.yml")

SCHOOLS = {
    "ash": ("Ash Primary School", [
        "## Contact with pupils",
        "Staff must never add pupils as friends on their personal social networking accounts.",
        "Staff must not give their personal mobile phone numbers to pupils or parents at Ash Primary.",
        "## Mobile phones",
        "Pupils who bring a mobile phone to school must hand it in to the school office each morning.",
        "Staff must keep their own mobile phones switched off during lessons.",
    ]),
    "birch": ("Birch Primary School", [
        "## Contact",
        "Staff must never add pupils as friends on their personal social networking accounts or accept their requests.",
        "Staff must not give their personal mobile phone numbers to pupils or parents of Birch Primary School.",
        "## Phones",
        "Pupils who bring a mobile phone to school must hand it in to the school office every morning.",
        "The Head Teacher will e-mail parents about cyber-bullying incidents involving phones.",
    ]),
    "cedar": ("Cedar Primary School", [
        "## Online contact",
        "Staff should never add pupils as friends on personal social networking accounts.",
        "## Devices",
        "Visitors must not use their mobile phones in classrooms or toilets.",
    ]),
}


@pytest.fixture(scope="module")
def alignment(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("sources")
    for school_id, (name, lines) in SCHOOLS.items():
        (folder / f"{school_id}.md").write_text(policy_md(name, school_id, "\n\n".join(lines)), encoding="utf-8")
    return align(load_policies(folder, RULES), TOPICS, rules=RULES)


def row_of(alignment, school: str, words: str) -> str:
    clause = next(c for p in alignment.policies if p.id == school for c in p.clauses if words in c.text)
    return alignment.clause_row[clause.id]


def test_shared_rows_enter_the_model_and_singles_become_candidates(alignment) -> None:
    model = merge(alignment)
    texts = [c.text for c in model.clauses()]
    assert any("add pupils as friends" in t for t in texts)
    assert any("hand it in to the school office" in t for t in texts)
    assert not any("Visitors must not use their mobile phones" in t for t in texts)
    candidate_texts = [alignment.clause(cid).text for r in model.candidates for ids in r.clauses.values() for cid in ids]
    assert any("Visitors must not use their mobile phones" in t for t in candidate_texts)
    # every clause is either in the model (via its row), a candidate, or in an unincluded topic: none lost
    assert model.warnings == ()


def test_numbering_placeholder_and_terminology(alignment) -> None:
    model = merge(alignment)
    numbers = [c.number for c in model.clauses()]
    assert numbers[0] == "1.1"
    for section in model.sections:
        assert [c.number for c in section.clauses] == [f"{section.number}.{i}" for i in range(1, len(section.clauses) + 1)]
    phone_numbers = next(c for c in model.clauses() if "personal mobile phone numbers" in c.text)
    assert "[School name]" in phone_numbers.text and "Ash" not in phone_numbers.text and "Birch" not in phone_numbers.text
    assert fill_school(phone_numbers.text, "Oak School").count("Oak School") == 1
    assert modernise("The Head Teacher will e-mail about cyber-bullying on-line.") == "The Headteacher will email about cyberbullying online."
    assert modernise("E-safety is taught; see the e-safety policy.") == "Online safety is taught; see the online safety policy."
    # the fuller wording wins
    friends = next(c for c in model.clauses() if "add pupils as friends" in c.text)
    assert set(friends.schools) == {"ash", "birch", "cedar"}


def test_model_numbers_are_stable_when_another_topic_changes(alignment, tmp_path: Path) -> None:
    before = {c.text: c.number for c in merge(alignment).clauses()}
    for school_id, (name, lines) in SCHOOLS.items():
        extra = ["Visitors must not use their mobile phones in classrooms."] if school_id != "cedar" else []
        (tmp_path / f"{school_id}.md").write_text(policy_md(name, school_id, "\n\n".join(lines + extra)), encoding="utf-8")
    changed = merge(align(load_policies(tmp_path, RULES), TOPICS, rules=RULES))
    after = {c.text: c.number for c in changed.clauses()}
    contact = [t for t in before if "friends" in t]
    assert contact and all(before[t] == after[t] for t in contact)


def test_curation_choose_replace_drop_add_order_essential(alignment) -> None:
    friends = row_of(alignment, "ash", "add pupils as friends")
    phones = row_of(alignment, "ash", "hand it in")
    single = row_of(alignment, "cedar", "Visitors must not")
    curation = Curation(
        essential=(single,),
        choose={friends: "cedar"},
        replace={"birch: personal mobile phone numbers": "Staff must keep their phone numbers private."},
        drop=(phones,),
        add=({"topic": "mobile-phones", "text": "Phones are the [School name]'s business.", "after": single},),
        order={"mobile-phones": (single,)},
    )
    model = merge(alignment, curation)
    texts = [c.text for c in model.clauses()]
    assert "Staff should never add pupils as friends on personal social networking accounts." in texts
    assert "Staff must keep their phone numbers private." in texts
    assert not any("hand it in" in t for t in texts)
    phones_section = next(s for s in model.sections if s.topic == "mobile-phones")
    assert [c.text for c in phones_section.clauses][:2] == [
        "Visitors must not use their mobile phones in classrooms or toilets.",
        "Phones are the [School name]'s business.",
    ]
    assert phones_section.clauses[1].origin == "added"
    assert model.warnings == ()


def test_a_known_blank_in_curations_own_wording_is_a_fill_in(alignment) -> None:
    replaced = Curation(replace={"birch: personal mobile phone numbers": "Staff must message parents on [Messaging service for parents] only."})
    labels = {f.label: f for f in merge(alignment, replaced).fill_ins}
    assert "[Messaging service for parents]" in labels and labels["[Messaging service for parents]"].found == ()
    assert "[Messaging service for parents]" not in {f.label for f in merge(alignment).fill_ins}


def test_curation_entries_that_match_nothing_are_warnings(alignment, tmp_path: Path) -> None:
    path = tmp_path / "curation.yml"
    path.write_text('drop: ["ash: words that are nowhere"]\nchoose: {"mobile-phones-000000": ash}\n', encoding="utf-8")
    curation = load_curation(path, "source_policies/curation.yml")
    model = merge(alignment, curation)
    assert model.warnings == (
        "source_policies/curation.yml: curation `drop: ash: words that are nowhere` matches no clause any more",
        "source_policies/curation.yml: curation `choose: mobile-phones-000000` matches no row id (write a row id or `school: a short quote`)",
    )
    path.write_text("colour: blue\n", encoding="utf-8")
    with pytest.raises(Exception, match="unknown key"):
        load_curation(path)


def test_gaps_per_school(alignment) -> None:
    model = merge(alignment)
    missing, not_kept = gaps(model, alignment, "cedar")
    assert any("personal mobile phone numbers" in c.text for c in missing)
    assert any("Visitors must not" in c.text for c in not_kept)


def test_word_document_has_headings_numbers_and_approval(alignment) -> None:
    docx = pytest.importorskip("docx")
    model = merge(alignment)
    data = model_docx(model, heading="Social networking policy: Ash Primary School", kicker="Model policy for Oak Trust",
                      meta=[("Version", "1.0")], fill=lambda t: fill_school(t, "Ash Primary School"),
                      appendix=[("Equality Act 2010", "https://www.legislation.gov.uk/ukpga/2010/15/contents", "")])
    document = docx.Document(io.BytesIO(data))
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Title", "Social networking policy: Ash Primary School") in styles
    assert any(style == "Heading 1" and text.startswith("1. ") for style, text in styles)
    assert any(text.startswith("1.1\t") for _, text in styles)
    assert not any("[School name]" in text for _, text in styles)
    assert document.tables[0].rows[1].cells[0].text == "Headteacher"
    assert data == model_docx(model, heading="Social networking policy: Ash Primary School", kicker="Model policy for Oak Trust",
                              meta=[("Version", "1.0")], fill=lambda t: fill_school(t, "Ash Primary School"),
                              appendix=[("Equality Act 2010", "https://www.legislation.gov.uk/ukpga/2010/15/contents", "")])


def test_school_word_files_have_the_school_name_filled_in(alignment) -> None:
    docx = pytest.importorskip("docx")
    from policy_compare.export import fill_docx

    model = merge(alignment)
    template = model_docx(model, heading="Policy: [School name]", kicker="Adopted by [School name]", meta=[],
                          fill=lambda t: t, appendix=[])
    filled = docx.Document(io.BytesIO(fill_docx(template, "[School name]", "Ash & Elm Primary School")))
    text = "\n".join(p.text for p in filled.paragraphs)
    assert "Policy: Ash & Elm Primary School" in text and "Adopted by Ash & Elm Primary School" in text
    assert "[School name]" not in text
    assert any("Ash & Elm Primary School" in p.text for p in filled.paragraphs if p.text[:1].isdigit())


def test_school_copies_of_the_model_page_fill_in_the_escaped_school_name(alignment) -> None:
    """Each school's copy is rendered from one shared body; the name must still be escaped."""
    import dataclasses
    import datetime as dt

    from policy_compare.model_site import model_files
    from policy_compare.render import Links, environment

    odd = dataclasses.replace(alignment.policies[0], school="O'Brien & <Sons> School")
    policies = (odd, *alignment.policies[1:])
    renamed = dataclasses.replace(alignment, policies=policies)
    files, model = model_files(
        renamed, environment(), Links(True), curation_path=None, curation_shown="curation.yml", threshold=2,
        placeholder="[School name]", trust="Trust", today=dt.date(2026, 1, 1), appendix=[],
    )
    page = files[f"model-policy/{odd.id}.md"]
    assert isinstance(page, str)
    assert "O&#39;Brien &amp; &lt;Sons&gt; School" in page and "<Sons>" not in page
    assert "\ue000" not in page and "[School name]" not in page.split("pc-titleblock")[1]
    other = files[f"model-policy/{policies[1].id}.md"]
    assert isinstance(other, str)
    texts = re.findall(r'<span class="pc-model-text">(.*?)</span>', other)
    assert any(policies[1].school in t for t in texts) and not any("O&#39;Brien" in t for t in texts)


# --- passages, sections and fill-ins -------------------------------------------------------

PASSAGES = {
    "oak": ("Oak Primary School", [
        "## Contact with pupils",
        "Staff must not give their personal mobile phone numbers to pupils. This will avoid the potential for families having access to staff outside school.",
        "## Conduct",
        "Everyone at Oak Primary School must ensure that they:",
        "- Never accept pupils as friends on social networking sites.",
        "- Do not post derogatory comments about the school online.",
        "## Aims",
        "To further safeguard and protect children and staff.",
        "## Posting",
        "Staff must never post remarks online which may bring the school or Riverdale Borough Council into disrepute.",
        "## Legislation",
        "The governors note that, \u201cThere are circumstances in which police involvement is appropriate.",
        "These include where postings have a racist element.\u201d",
    ]),
    "elm": ("Elm Primary School", [
        "## Contact with pupils",
        "Staff must not give their personal mobile phone numbers to pupils. This will avoid the potential for families having access to staff outside school.",
        "## Conduct",
        "In addition to the above everyone at Elm Primary School must ensure that they:",
        "- Never accept pupils as friends on social networking sites.",
        "- Do not post derogatory comments about the school online.",
        "## Aims",
        "To further safeguard and protect children and staff.",
        "## Posting",
        "Staff must never post remarks online which may bring the school into disrepute.",
    ]),
}


@pytest.fixture(scope="module")
def passages(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("passages")
    for school_id, (name, lines) in PASSAGES.items():
        (folder / f"{school_id}.md").write_text(policy_md(name, school_id, "\n\n".join(lines)), encoding="utf-8")
    return align(load_policies(folder, RULES), TOPICS, rules=RULES)


def test_a_sentence_pointing_back_travels_with_its_antecedent(passages) -> None:
    texts = [c.text for c in merge(passages).clauses()]
    together = [t for t in texts if "This will avoid the potential" in t]
    assert len(together) == 1 and together[0].startswith("Staff must not give their personal mobile phone numbers")


def test_a_list_enters_once_under_its_lead_in(passages) -> None:
    model = merge(passages)
    lists = [c for c in model.clauses() if c.items]
    assert len(lists) == 1
    assert lists[0].text == "Everyone at [School name] must ensure that they:"  # "In addition to the above" gone
    assert any("accept pupils as friends" in item for item in lists[0].items)
    assert not any("must ensure that they" in c.text for c in model.clauses() if not c.items)


def test_fragments_never_stand_alone(passages) -> None:
    assert not any("To further safeguard" in c.full_text for c in merge(passages).clauses())


def test_a_quotation_is_never_cut(passages) -> None:
    quoted = [c.text for c in merge(passages, Curation(essential=("oak: The governors note",))).clauses() if "\u201c" in c.text]
    assert quoted and all(t.count("\u201c") == t.count("\u201d") for t in quoted)


def test_one_schools_local_names_become_fill_ins(passages) -> None:
    model = merge(passages)
    assert not any("Riverdale" in c.full_text for c in model.clauses())
    assert any("[Local authority]" in c.full_text for c in model.clauses())
    labels = {f.label: f for f in model.fill_ins}
    assert labels["[Local authority]"].found == (("oak", "Riverdale Borough Council"),)
    assert "[School name]" in labels


def one_school_model(folder: Path, lines: list[str]):
    """The model of a trust of one school whose policy is ``lines`` (Markdown blocks)."""
    (folder / "solo.md").write_text(policy_md("Solo Primary School", "solo", "\n\n".join(lines)), encoding="utf-8")
    return merge(align(load_policies(folder, RULES), TOPICS, rules=RULES))


def test_different_local_names_of_one_kind_get_a_blank_each(tmp_path: Path) -> None:
    """Two apps, two people, two telephone numbers: a numbered blank each, in the order the model
    first uses them (one blank for all of them would have the governors write one word twice)."""
    model = one_school_model(tmp_path, [
        "## Contact",
        "Lessons set online are shared through the Microsoft Teams learning platform only.",
        "Parents should phone the office on 01632 960418 in an emergency.",
        "Staff on trips carry the school mobile, 07700 900123, for emergencies.",
        "The computing lead, Mrs Jane Wood, and the office manager, Mr Sam Patel, monitor this policy.",
    ])
    text = " ".join(c.full_text for c in model.clauses())
    labels = {f.label for f in model.fill_ins}
    assert {"[Telephone number 1]", "[Telephone number 2]", "[Name of member of staff 1]", "[Name of member of staff 2]"} <= labels
    assert text.index("[Telephone number 1]") < text.index("[Telephone number 2]")
    assert not any(name in text for name in ("Microsoft Teams", "01632", "07700", "Jane Wood", "Sam Patel"))
    assert all(label in text for label in labels - {"[School name]"})


def test_named_topics_always_have_a_section_and_one_school_topics_enter(tmp_path: Path) -> None:
    model = one_school_model(tmp_path, [
        "## Mobile phones",
        "Pupils who bring a mobile phone to school must hand it in to the school office each morning.",
        "## Contact",
        "Staff must never add pupils as friends on their personal social networking accounts.",
    ])
    assert model.clauses(), "a one-school trust gets a model"
    by_topic = {s.topic: s for s in model.sections}
    from policy_compare.align import REQUIRED_TOPICS

    assert set(REQUIRED_TOPICS) <= set(by_topic)
    assert by_topic["mobile-phones"].status == "one-school" and by_topic["mobile-phones"].school == "solo"
    assert by_topic["cyberbullying"].status == "unwritten" and by_topic["cyberbullying"].clauses == ()


def test_a_new_schools_fragment_never_replaces_a_fuller_wording(alignment, tmp_path: Path) -> None:
    before = {c.text for c in merge(alignment).clauses()}
    for school_id, (name, lines) in SCHOOLS.items():
        (tmp_path / f"{school_id}.md").write_text(policy_md(name, school_id, "\n\n".join(lines)), encoding="utf-8")
    (tmp_path / "dale.md").write_text(policy_md("Dale Primary School", "dale", "\n\n".join([
        "Staff should:", "- never add pupils as friends", "- hand phones in",
    ])), encoding="utf-8")
    after = merge(align(load_policies(tmp_path, RULES), TOPICS, rules=RULES))
    friends = [c.text for c in after.clauses() if "add pupils as friends" in c.full_text]
    assert friends and all(t in before for t in friends)


def test_a_topic_sharing_one_rule_keeps_its_main_schools_wording(tmp_path: Path) -> None:
    """A second school sharing one rule of a one-school topic adds that rule; it does not empty the section."""
    phones = [
        "Pupils who bring a mobile phone to school must hand it in to the school office each morning.",
        "Staff must keep their own mobile phones switched off and out of sight during lessons.",
        "Visitors must not use their mobile phones in classrooms, toilets or changing areas.",
    ]
    (tmp_path / "pair.md").write_text(policy_md("Pair Primary School", "pair", "\n\n".join(["## Phones", phones[0]])), encoding="utf-8")
    model = one_school_model(tmp_path, ["## Mobile phones", *phones])
    section = next(s for s in model.sections if s.topic == "mobile-phones")
    texts = {c.text: c.origin for c in section.clauses}
    assert texts[phones[0]] == "shared"
    assert texts[phones[1]] == "single" and texts[phones[2]] == "single"


def test_a_sentence_announcing_a_list_leads_it_and_also_goes_from_a_lead_in(tmp_path: Path) -> None:
    model = one_school_model(tmp_path, [
        "## Misuse and criminal activity",
        "All incident types below are considered criminal in nature and will be fully investigated.",
        "- Distributing viruses.", "- Hacking sites.", "- Grooming and harassment of a child or young person.",
        "## Legislation",
        "A person is guilty of an offence if, with intent to cause a person harassment, alarm or distress, they: -",
        "- Use threatening, abusive or insulting words or behaviour.", "- Display any threatening writing or sign.",
        "## Posting about the school",
        "The following are also not considered acceptable at Solo Primary School:",
        "- The use of the school's logo without permission.", "- Posting images of pupils.",
    ])
    lists = {c.text: c.items for c in model.clauses() if c.items}
    announced = next(items for text, items in lists.items() if text.startswith("All incident types below"))
    assert "Hacking sites." in announced and "Distributing viruses." in announced
    assert "The following are not considered acceptable at [School name]:" in lists
    offence = lists["A person is guilty of an offence if, with intent to cause a person harassment, alarm or distress, they:"]
    assert len(offence) == 2


def test_a_one_school_trust_reads_this_act_as_its_heading_and_says_a_quotation_once(tmp_path: Path) -> None:
    model = one_school_model(tmp_path, [
        "## Legislation", "### Computer Misuse Act 1990",
        "This Act makes it an offence to obtain unauthorised access to a computer.",
        "## Parents",
        "The Governing Body understands that, \u201cThere are circumstances in which police involvement is appropriate. "
        "These include where postings have a racist element or where violence is threatened.\u201d",
    ])
    texts = [c.full_text for c in model.clauses()]
    assert "The Computer Misuse Act 1990 makes it an offence to obtain unauthorised access to a computer." in texts
    quoted = [t for t in texts if "police involvement" in t]
    assert len(quoted) == 1 and quoted[0].endswith("threatened.\u201d")


def test_an_item_with_its_own_subject_is_said_after_the_list(tmp_path: Path) -> None:
    model = one_school_model(tmp_path, [
        "## Posting about the school",
        "Everyone at Solo Primary School must ensure that they:",
        "- Do not make derogatory comments about the school online.",
        "- Use social networking sites responsibly.",
        "- Mobile phones must not be used on the premises by parents and carers.",
    ])
    listed = next(c for c in model.clauses() if c.items)
    assert not any("Mobile phones" in item for item in listed.items)
    alone = next(c for c in model.clauses() if c.text.startswith("Mobile phones must not be used"))
    assert alone.number > listed.number and alone.schools == ("solo",)


def test_a_list_inside_a_list_is_its_own_entry(tmp_path: Path) -> None:
    # a source that could not nest lists: an item ending with a colon leads in the items after it,
    # and a sentence about the school doing something is said after the list, not as an item
    model = one_school_model(tmp_path, [
        "## Legislation",
        "Monitoring or keeping a record of electronic communications is permitted, in order to:",
        "- Establish the facts;",
        "- Prevent or detect crime;",
        "- Ensure the effective operation of the system.",
        "- Monitoring but not recording is also permissible in order to:",
        "- Ascertain whether the communication is business or personal;",
        "- Protect or support help line staff.",
        "- The school reserves the right to monitor its systems and communications.",
    ])
    entries = [c for c in model.clauses() if c.items or "reserves" in c.text]
    assert [len(c.items) for c in entries] == [3, 2, 0]
    assert entries[1].text.startswith("Monitoring but not recording") and entries[1].text.endswith("in order to:")
    assert entries[2].text.startswith("The school reserves the right")


def test_a_nested_list_is_its_own_entry_led_by_both_lead_ins(tmp_path: Path) -> None:
    # a source that nests its lists (a Word file's "List Bullet 2"): the inner list's own items only,
    # and its lead-in goes on from the outer one
    model = one_school_model(tmp_path, [
        "## Staff conduct online",
        "Staff must not:\n\n- make offensive comments about pupils or colleagues online;\n"
        "- share confidential information about the school, including:\n"
        "  - details of pupils' behaviour or family circumstances;\n"
        "  - internal discussions about staffing;\n"
        "- use the school logo on a personal social media account.",
    ])
    lists = [c for c in model.clauses() if c.items]
    inner = next(c for c in lists if "confidential" in c.text)
    assert inner.text.startswith("Staff must not share confidential information") and len(inner.items) == 2
    outer = next(c for c in lists if c is not inner)
    assert any("logo" in item for item in outer.items) and not any("staffing" in item for item in outer.items)


def test_a_sections_main_school_keeps_its_own_rules_when_another_shares_most_of_them(tmp_path: Path) -> None:
    """A school sharing most of a one-school topic's rules adds its rows; the rules only the
    main school states stay (a new school never empties a section of what nobody else said)."""
    phones = [
        "Pupils who bring a mobile phone to school must hand it in to the school office each morning.",
        "Staff must keep their own mobile phones switched off and out of sight during lessons.",
        "Visitors must not use their mobile phones in classrooms, toilets or changing areas.",
        "Staff on school trips must carry the school's mobile phone and use it for emergencies only.",
    ]
    (tmp_path / "pair.md").write_text(policy_md("Pair Primary School", "pair", "\n\n".join(["## Phones", *phones[:3]])), encoding="utf-8")
    model = one_school_model(tmp_path, ["## Mobile phones", *phones])
    section = next(s for s in model.sections if s.topic == "mobile-phones")
    texts = {c.text: c.origin for c in section.clauses}
    assert [texts.get(p) for p in phones] == ["shared", "shared", "shared", "single"]
    assert section.school == "solo"


def test_a_sentence_announcing_what_is_not_in_the_model_is_left_out_and_said_so(tmp_path: Path) -> None:
    model = one_school_model(tmp_path, [
        "## Breaches of this policy",
        "Staff must report any breach of this policy to the headteacher without delay.",
        "While the examples below are not exhaustive, they help in judging how serious an incident is.",
        "## Mobile phones",
        "Pupils who bring a mobile phone to school must hand it in to the school office each morning.",
    ])
    texts = [c.full_text for c in model.clauses()]
    assert any(t.startswith("Staff must report any breach") for t in texts)
    assert not any("examples below" in t for t in texts)
    assert "it announces what does not follow" in dict(model.left_out).values()


def test_a_list_keeps_the_sentence_its_lead_in_leans_on(tmp_path: Path) -> None:
    model = one_school_model(tmp_path, [
        "## Cyberbullying",
        "Cyberbullying is bullying that takes place using digital technology, including social media and messaging services. It can include:",
        "- sending hurtful, threatening or abusive messages.",
        "- spreading rumours or posting embarrassing content about someone.",
    ])
    lists = [c for c in model.clauses() if c.items]
    assert len(lists) == 1 and lists[0].text.startswith("Cyberbullying is bullying") and lists[0].text.endswith("It can include:")
    assert not any(c.text.startswith("It can include") for c in model.clauses())


def test_model_changes_say_whether_the_newcomer_explains_them(alignment) -> None:
    import dataclasses

    from policy_compare.drift import model_changes

    before = merge(alignment)
    first = before.sections[0]
    lost = first.clauses[0]
    after = dataclasses.replace(before, sections=(dataclasses.replace(first, clauses=first.clauses[1:]), *before.sections[1:]))
    assert model_changes(before, alignment, before, alignment, "nobody") == []
    [change] = model_changes(before, alignment, after, alignment, "nobody")
    assert (change.number, change.kind) == (lost.number, "unexplained")
    reworded = dataclasses.replace(before, sections=(
        dataclasses.replace(first, clauses=(dataclasses.replace(lost, text="Reworded."), *first.clauses[1:])), *before.sections[1:]))
    [change] = model_changes(before, alignment, reworded, alignment, lost.schools[0])
    assert change.kind == "joined"  # a school of the entry's row: its wording may now be the better one
    # the entry gone from its place, but every clause it was worded from stated by another entry
    second = first.clauses[1]
    holding = dataclasses.replace(second, sources=(*second.sources, *lost.sources))
    moved = dataclasses.replace(before, sections=(dataclasses.replace(first, clauses=(holding, *first.clauses[2:])), *before.sections[1:]))
    kinds = {c.number: c.kind for c in model_changes(before, alignment, moved, alignment, "nobody")}
    assert kinds[lost.number] == "regrouped"


def test_a_rule_the_main_school_lacks_sits_beside_its_rules_on_the_same_matter(tmp_path: Path) -> None:
    """Rows shared by other schools, with nothing from the school carrying the section, are
    placed next to its closest passage, not at the section's end."""
    schools = {
        "main": ["## Contact with pupils",
                 "Staff must not follow pupils on social networking sites or send them private messages there.",
                 "Staff must not give their personal mobile phone numbers or home addresses to pupils.",
                 "Staff must only email pupils from their school email account about school work.",
                 "Staff must not meet pupils outside school unless the headteacher has agreed it.",
                 "Staff must not take pupils home in their own cars without written consent from parents."],
        "west": ["## Contact",
                 "Staff must report any friend request they receive from a pupil to the designated safeguarding lead.",
                 "Staff must not give their personal mobile phone numbers or home addresses to pupils."],
        "east": ["## Online contact",
                 "Staff must report a friend request received from a pupil to the designated safeguarding lead.",
                 "Staff must only email pupils from their school email account about school work."],
    }
    for school_id, lines in schools.items():
        (tmp_path / f"{school_id}.md").write_text(policy_md(f"{school_id.title()} Primary School", school_id, "\n\n".join(lines)), encoding="utf-8")
    model = merge(align(load_policies(tmp_path, RULES), TOPICS, rules=RULES))
    section = next(s for s in model.sections if any("friend request" in c.text for c in s.clauses))
    texts = [c.text for c in section.clauses]
    requests = next(i for i, t in enumerate(texts) if "friend request" in t)
    assert section.school == "main" and set(section.clauses[requests].schools) == {"east", "west"}
    assert "follow pupils on social networking" in texts[requests - 1], texts
    assert requests < len(texts) - 1


def test_a_list_of_one_item_reads_as_one_sentence() -> None:
    from policy_compare.merge import _one_sentence

    assert _one_sentence("Adults working in schools should:", "Keep their personal phone numbers private") == \
        "Adults working in schools should keep their personal phone numbers private."
    assert _one_sentence("Any use of social media must not:", "Breach copyrights of any kind,") == \
        "Any use of social media must not breach copyrights of any kind."
    assert _one_sentence("Examples include:", "Facebook and Instagram.") == "Examples include: Facebook and Instagram."
    assert _one_sentence("Staff must:", "ICT rules apply.") == "Staff must ICT rules apply."  # an acronym keeps its capitals


def test_a_fill_in_lists_each_schools_name_once_however_spaced() -> None:
    from policy_compare.merge import _distinct_names

    assert _distinct_names([("ash", "Class Dojo"), ("ash", "ClassDojo"), ("birch", "ClassDojo")]) == (("ash", "Class Dojo"), ("birch", "ClassDojo"))


def test_a_sentence_under_an_acts_heading_says_which_act_and_acts_are_never_duplicates(tmp_path: Path) -> None:
    model = one_school_model(tmp_path, [
        "## Legislation",
        "### Copyright, designs and patents act 1988",
        "It is an offence to copy all, or a substantial part, of a copyright work. The Act also provides for moral rights.",
        "### Racial and religious hatred act 2006",
        "This Act makes it a criminal offence to stir up religious hatred by publishing written material which is threatening.",
        "### Public order act 1986",
        "This Act makes it a criminal offence to stir up racial hatred by publishing written material which is threatening.",
    ])
    texts = [c.full_text for c in model.clauses()]
    assert "Under the Copyright, Designs and Patents Act 1988, it is an offence to copy all, or a substantial part, of a copyright work. " \
           "The Act also provides for moral rights." in texts
    assert any(t.startswith("The Racial and Religious Hatred Act 2006 makes it") for t in texts)
    assert any(t.startswith("The Public Order Act 1986 makes it") for t in texts)


def test_a_heading_that_misdates_an_act_leads_the_text_with_the_acts_right_name(tmp_path: Path) -> None:
    """A misdated heading is not spread: the text says which Act it means, as the register names
    it; a replaced Act is named too, with what replaced it, and the review page's law list flags it."""
    model = one_school_model(tmp_path, [
        "## Legislation",
        "### Malicious communications act 2003",
        "It is an offence to send an indecent, offensive or threatening letter or electronic communication to another person.",
        "### Data protection act 1998",
        "Personal data must be processed fairly and lawfully.",
        "## Personal information",
        "Staff must keep pupils' personal data secure, as the Data Protection Act 1998 requires.",
    ])
    texts = [c.full_text for c in model.clauses()]
    assert "Under the Malicious Communications Act 1988, it is an offence to send an indecent, offensive or threatening letter " \
           "or electronic communication to another person." in texts
    assert not any("2003" in t for t in texts)
    # what describes an Act since replaced is left out (the appendix gives the law in force), and said so
    assert not any("processed fairly and lawfully" in t for t in texts)
    assert any("describes the Data Protection Act 1998, which is repealed" in why for _cid, why in model.left_out)
    # where a rule cites it, the model says that it has been replaced
    assert "Staff must keep pupils' personal data secure, as the Data Protection Act 1998 [replaced by the Data Protection Act 2018] " \
           "requires." in texts


def test_an_academy_or_college_calling_itself_so_reads_the_school_in_the_model() -> None:
    from policy_compare.merge import _as_school, _self_reference

    academy = _self_reference(["Ashgrove Community Academy", "Ashgrove"])
    assert academy is not None
    fix = lambda t: academy.sub(_as_school, t)  # noqa: E731
    assert fix("The academy will inform the police.") == "The school will inform the police."
    assert fix("Pupils at this Academy must not") == "Pupils at this School must not"
    assert fix("Staff who run an official academy account must post only from academy devices.") == \
        "Staff who run an official school account must post only from school devices."
    assert fix("The academy trust board decides.") == "The academy trust board decides."
    assert fix("See the Oak National Academy lessons.") == "See the Oak National Academy lessons."
    # a capitalised "Academy" before a word in lower case is the school's own
    assert fix("This applies off Academy premises and on Academy-owned equipment.") == \
        "This applies off school premises and on school-owned equipment."
    assert fix("Academy staff must not.") == "School staff must not."
    assert fix("On Academy premises, phones stay off.") == "On school premises, phones stay off."
    assert _self_reference(["Buckminster Primary School"]) is None


def test_a_list_whose_items_several_shared_rows_hold_reads_whole(tmp_path: Path) -> None:
    """Items of one school's list that share rows with other schools' sentences stay one list,
    in that school's wording, instead of each row taking its fullest sentence."""
    schools = {
        "ash": ("Ash Primary School", [
            "## Images",
            "If an indecent image of a pupil is found on a device:",
            "- staff must not view, copy or forward the image;",
            "- staff must not delete the image or ask the pupil to delete it;",
            "- the indecent image must be reported to the safeguarding lead at once.",
        ]),
        "birch": ("Birch Primary School", [
            "## Images",
            "Staff must not view, copy or forward an indecent image of a pupil that is found on a device at school.",
            "Staff must not delete an indecent image of a pupil or ask the pupil to delete it, even when asked.",
        ]),
        "cedar": ("Cedar Primary School", [
            "## Images",
            "Any indecent image of a pupil must be reported to the safeguarding lead at once, on the same day.",
        ]),
    }
    for school_id, (name, lines) in schools.items():
        (tmp_path / f"{school_id}.md").write_text(policy_md(name, school_id, "\n\n".join(lines)), encoding="utf-8")
    alignment = align(load_policies(tmp_path, RULES), TOPICS, rules=RULES)
    shared = [r for r in alignment.rows if len(r.clauses) >= 2]
    assert len(shared) >= 2  # the items do share rows with the other schools' sentences
    entries = merge(alignment).clauses()
    lists = [e for e in entries if e.items]
    assert len(lists) == 1 and lists[0].text.startswith("If an indecent image of a pupil is found")
    assert len(lists[0].items) == 3 and set(lists[0].schools) >= {"ash", "birch"}
    assert not any(e.text.startswith("Staff must not view, copy or forward an indecent image") for e in entries)


def test_a_carriers_list_takes_back_an_item_filed_under_a_topic_it_does_not_carry(tmp_path: Path) -> None:
    """Ash carries mobile phones; one item of its list is about photographs, a topic Birch carries,
    where it would only be a candidate: the list enters whole, the item once."""
    schools = {
        "ash": ("Ash Primary School", [
            "## Mobile phones",
            "Staff must keep their mobile phones switched off during lessons.",
            "Staff must:",
            "- keep their personal mobile phones in the staff room during the school day;",
            "- never post photographs of pupils on their personal social media accounts;",
            "- use only a school mobile phone on school trips.",
        ]),
        "birch": ("Birch Primary School", [
            "## Photographs",
            "Photographs of pupils may only be taken with school cameras.",
            "Parents must give written consent before any photograph of a pupil is published.",
            "Photographs of pupils are stored only on the school network.",
            "## Phones",
            "Staff must keep their mobile phones switched off during lessons and out of sight.",
        ]),
    }
    for school_id, (name, lines) in schools.items():
        (tmp_path / f"{school_id}.md").write_text(policy_md(name, school_id, "\n\n".join(lines)), encoding="utf-8")
    alignment = align(load_policies(tmp_path, RULES), TOPICS, rules=RULES)
    filed = alignment.row(alignment.clause_row[next(c.id for c in alignment.policies[0].clauses if "never post photographs" in c.text)])
    assert filed is not None and filed.topic != "mobile-phones"  # classification put the item elsewhere
    model = merge(alignment)
    [listed] = [e for e in model.clauses() if e.items]
    assert listed.text == "Staff must:" and len(listed.items) == 3
    assert sum("never post photographs of pupils" in e.full_text for e in model.clauses()) == 1
    assert filed.id not in {r.id for r in model.candidates}


def test_this_act_inside_a_section_names_the_act_of_its_heading() -> None:
    from policy_compare.model import Clause
    from policy_compare.passages import naming_this_act

    def under(heading: str, text: str) -> Clause:
        return Clause("a-1", "a", (heading,), None, text, text, text.lower(), "a.md", 1, "item", 1)

    assert naming_this_act(under("Regulation of investigatory powers Act 2018", "The school may monitor its systems under this act."),
                           lambda h: "Regulation of Investigatory Powers Act 2000") == (
        "The school may monitor its systems under the Regulation of Investigatory Powers Act 2000.")
    assert naming_this_act(under("Monitoring", "The school may monitor its systems under this act."), lambda h: h) is None
    assert naming_this_act(under("Computer Misuse Act 1990", "Hacking is an offence."), lambda h: h) is None


def test_a_sources_lettered_appendix_of_law_is_the_models_appendix() -> None:
    from policy_compare.merge import _our_appendix

    assert _our_appendix("It takes account of the relevant legislation listed at appendix A.") == (
        "It takes account of the relevant legislation listed in the appendix.")
    assert _our_appendix("Consent forms are in appendix B.") == "Consent forms are in appendix B."  # not law: left as it is


def test_two_lead_items_in_a_flat_list_each_lead_their_own_items() -> None:
    from policy_compare.model import Clause
    from policy_compare.passages import Passage, split_nested

    def item(text: str, order: int) -> list[Clause]:
        return [Clause(f"a-{order}", "a", (), None, text, text, text.lower(), "a.md", order, "item", order)]

    lead = Clause("a-0", "a", (), None, "Monitoring is permitted in order to:", "", "", "a.md", 0, "lead-in", 0)
    items = [item("Establish the facts;", 1), item("Recording is permitted in order to:", 2), item("Keep evidence;", 3),
             item("Monitoring alone is permitted in order to:", 4), item("Protect help line staff.", 5)]
    parts = split_nested(Passage(school="a", lead_in=lead, items=items), {})
    assert [(p.lead_in.text, [i[0].text for i in p.items]) for p in parts] == [
        ("Monitoring is permitted in order to:", ["Establish the facts;"]),
        ("Recording is permitted in order to:", ["Keep evidence;"]),
        ("Monitoring alone is permitted in order to:", ["Protect help line staff."]),
    ]


def test_a_fuller_passage_stays_where_most_of_its_sentences_belong() -> None:
    """Two sections hold one school's passage, one of them with a sentence more: the fuller one is
    kept, in the section that most of its sentences are about."""
    from policy_compare.model import Alignment, Clause
    from policy_compare.passages import Passage, drop_near_duplicates

    def sentence(order: int, text: str) -> Clause:
        return Clause(f"w-{order}", "w", ("Scope",), None, text, text, text.lower(), "w.md", order, "sentence", order)

    applies = sentence(1, "This document applies to all adults who work in the school.")
    includes = sentence(2, "This includes teachers, support staff and volunteers.")
    followed = sentence(3, "It should be followed by any adult whose work brings them into contact with pupils.")
    topic = {applies.id: "purpose-scope", includes.id: "purpose-scope", followed.id: "contact-pupils-parents"}
    alignment = Alignment(policies=(), topics=(), rows=(), clause_topic=topic, clause_row={}, excluded=frozenset(), warnings=())
    # the scope section holds the first two; the contact section holds all three (the third leans on them)
    scope = Passage(school="w", sentences=[applies, includes], rows={"r1", "r2"})
    contact = Passage(school="w", sentences=[applies, includes, followed], rows={"r3"})
    drop_near_duplicates([scope, contact], alignment, sections=["purpose-scope", "contact-pupils-parents"])
    assert [c.text for c in scope.sentences] == [applies.text, includes.text, followed.text]
    assert scope.rows == {"r1", "r2", "r3"} and contact.sentences == []
    # without the sections, the fuller passage stays where it was
    scope = Passage(school="w", sentences=[applies, includes], rows={"r1", "r2"})
    contact = Passage(school="w", sentences=[applies, includes, followed], rows={"r3"})
    drop_near_duplicates([scope, contact], alignment)
    assert scope.sentences == [] and len(contact.sentences) == 3


def test_a_schools_own_trust_is_the_trusts_name_or_a_fill_in(tmp_path: Path) -> None:
    """A school that names its own trust ("part of the Calderbrook Learning Trust") names another
    trust than the one adopting the model: the model says the trust's name, or a blank for it."""
    from policy_compare.merge import TRUST_NAME, _our_trust

    lines = ["## Purpose", "Solo Primary School is part of the Calderbrook Learning Trust and follows its Code of Conduct.",
             "Staff may use the Trust's Employee Assistance Programme and must report concerns to the local NHS Trust."]
    model = one_school_model(tmp_path, lines)
    text = " ".join(c.full_text for c in model.clauses())
    assert "Calderbrook" not in text and f"part of the {TRUST_NAME}" in text
    assert next(f for f in model.fill_ins if f.label == TRUST_NAME).found == (("solo", "Calderbrook Learning Trust"),)
    assert text.count(TRUST_NAME) == 1 and "the local NHS Trust" in text  # "the Trust's ..." and an NHS trust are no names of its own
    assert _our_trust("part of the Calderbrook Learning Trust.", "Northern Schools Trust") == (
        "part of the Northern Schools Trust.", ["Calderbrook Learning Trust"])
    assert _our_trust("The Trust will review this policy.", None) == ("The Trust will review this policy.", [])


def test_the_model_calls_every_head_by_the_title_most_schools_use() -> None:
    """One school's "Principal" in a trust of headteachers reads "Headteacher" (its deputies and
    assistants too); a principal aim is no principal."""
    from policy_compare.merge import _as_head

    assert _as_head("Report it to the Principal, or the Vice Principal in their absence.", "headteacher") == (
        "Report it to the Headteacher, or the Deputy Headteacher in their absence.")
    assert _as_head("The DSL is Ms Marsh, Assistant Principal.", "headteacher") == "The DSL is Ms Marsh, Assistant Headteacher."
    assert _as_head("The principal aim of this policy is safety.", "headteacher") == "The principal aim of this policy is safety."
    assert _as_head("Tell the headteacher or a deputy head teacher.", "principal") == "Tell the principal or a Vice Principal."
    assert _as_head("Tell the headteacher.", "headteacher") == "Tell the headteacher."


def test_a_trust_of_academies_keeps_the_principal(tmp_path: Path) -> None:
    from policy_compare.merge import _heads_title

    for school, head in (("east", "Principal"), ("west", "Principal"), ("north", "Headteacher")):
        (tmp_path / f"{school}.md").write_text(policy_md(f"{school.title()} Academy", school, f"Staff must tell the {head} at once."), encoding="utf-8")
    alignment = align(load_policies(tmp_path, RULES), TOPICS, rules=RULES)
    assert _heads_title(alignment) == "principal"
    assert all("Headteacher" not in c.full_text for c in merge(alignment).clauses())


def test_a_tables_row_reads_as_a_sentence_with_its_headers_words() -> None:
    from policy_compare.wording import table_rows

    texts = [
        "Tell the right person quickly.",
        "Concern | Who to tell | How quickly",
        "A friend request from a pupil | DSL | Same day",
        "A concern about the Headteacher | Chair of Governors | Same day",
        "Last reviewed: October 2024 | Next review due: October 2025",  # one line of cells, no table
    ]
    assert table_rows(texts) == {
        2: "A friend request from a pupil \u2014 who to tell: DSL; how quickly: Same day.",
        3: "A concern about the Headteacher \u2014 who to tell: Chair of Governors; how quickly: Same day.",
    }
    # a first row that is no header (a cell is a sentence) leaves the table as it is
    assert table_rows(["Staff must report it. | DSL", "Pupils tell a teacher. | Teacher"]) == {}


def test_the_model_reads_a_sources_table_row_as_a_sentence(tmp_path: Path) -> None:
    model = one_school_model(tmp_path, [
        "## Cyberbullying",
        "Staff who are bullied online must report it.",
        "Concern | Who to tell | How quickly",
        "You are being harassed online by a parent | Headteacher | Same day",
    ])
    text = " ".join(c.full_text for c in model.clauses())
    assert " | " not in text and "You are being harassed online by a parent \u2014 who to tell: Headteacher; how quickly: Same day." in text


def test_how_a_school_describes_itself_is_a_fill_in() -> None:
    from policy_compare.merge import DESCRIPTION, _self_description

    assert _self_description('[School name] ("the School") is an 11-18 academy with a Sixth Form and is part of the Trust.',
                             "[School name]") == (f'[School name] ("the School") is {DESCRIPTION} and is part of the Trust.',
                                                  ["an 11-18 academy with a Sixth Form"])
    assert _self_description("[School name] is an 11\u201318 academy serving around 1,350 students.", "[School name]") == (
        f"[School name] is {DESCRIPTION}.", ["an 11\u201318 academy serving around 1,350 students"])
    # who maintains it is part of what kind of school it is
    assert _self_description("[School name] is a community school for pupils aged 11 to 16, maintained by [Local authority]. "
                             "This policy applies to staff.", "[School name]") == (
        f"[School name] is {DESCRIPTION}. This policy applies to staff.",
        ["a community school for pupils aged 11 to 16, maintained by [Local authority]"])
    # a statement about the school that does not say what kind of school it is stays
    assert _self_description("[School name] is a safe place to learn.", "[School name]") == (
        "[School name] is a safe place to learn.", [])


def test_a_named_holder_of_a_role_every_school_has_is_one_fill_in(tmp_path: Path) -> None:
    """Each school's headteacher is the same blank, whichever school's name it was; so is the
    safeguarding lead; a governor and other staff are told by the words beside the name."""
    from policy_compare.localnames import _role_label

    assert _role_label("Dr Andrew Whitcombe", "the principal is dr andrew whitcombe.") == "[Name of headteacher]"
    assert _role_label("Mrs Rachel Okafor", "a concern | headteacher, mrs rachel okafor | same day") == "[Name of headteacher]"
    assert _role_label("Ms Helen Marsh", "the designated safeguarding lead is ms helen marsh, assistant principal.") == \
        "[Name of designated safeguarding lead]"
    assert _role_label("Mrs Priya Sandhu", "dsl, mr tom hadley (or deputy dsl, mrs priya sandhu)") == "[Name of deputy designated safeguarding lead]"
    assert _role_label("Mr Tom Hadley", "dsl, mr tom hadley (or deputy dsl, mrs priya sandhu)") == "[Name of designated safeguarding lead]"
    assert _role_label("Mr Sam Patel", "the headteacher, mrs jane wood, and the safeguarding lead, mr sam patel, monitor it.") == \
        "[Name of designated safeguarding lead]"
    assert _role_label("Mr T. Osei", "the governor responsible for safeguarding, mr t. osei, will monitor it.") == "[Name of governor]"
    assert _role_label("Mrs Jane Wood", "the computing lead, mrs jane wood, monitors it.") == "[Name of member of staff]"
    for school, head in (("east", "Mrs Ann Lee"), ("west", "Mr Bo Ray")):
        (tmp_path / f"{school}.md").write_text(policy_md(f"{school.title()} Primary School", school,
                                                         f"## Monitoring\n\nThe headteacher, {head}, monitors how this policy works."), encoding="utf-8")
    model = merge(align(load_policies(tmp_path, RULES), TOPICS, rules=RULES))
    text = " ".join(c.full_text for c in model.clauses())
    assert "[Name of headteacher]" in text and "[Name of headteacher 1]" not in text and "Ann Lee" not in text


def test_a_schools_own_section_title_is_no_local_name(tmp_path: Path) -> None:
    """"the section on Mobile Telephones" names the school's section "Mobile Telephones and Personal
    Devices", not a product or a place: it stays as written (a name nobody else uses still goes)."""
    model = one_school_model(tmp_path, [
        "## Scope",
        "Parents and visitors are covered to the extent set out in the section on Mobile Telephones.",
        "Pupils may report bullying through the Speak Out form on the school website.",
        "## Mobile Telephones and Personal Devices",
        "Staff must keep personal mobile phones out of sight during lessons.",
    ])
    text = " ".join(c.full_text for c in model.clauses())
    assert "the section on Mobile Telephones." in text
    assert "Speak Out" not in text and "[Local name]" in text


def test_a_sentence_in_its_authors_voice_is_left_out_and_said_so(tmp_path: Path) -> None:
    # fresh8's Saltmarsh, written by its DSL: "Tell me ...", "I will normally refer it ..."; a model
    # speaks for every school, so such a sentence (or item) is left out and listed with its reason
    model = one_school_model(tmp_path, [
        "## Nude images",
        "Any incident involving a child under 13 is a safeguarding concern and I will normally refer it to Children's Services.",
        "Staff must never view, copy or forward a nude or semi-nude image of a pupil.",
        "If you find out about an image:",
        "",
        "- tell me or a deputy DSL straight away, in person;",
        "- switch the device off and keep it safe;",
        '- never save it, even to "show me".',
        "",
        "## Pupils' agreement",
        "Pupils agree:",
        "",
        "- I will tell a trusted adult if something online upsets me.",
        "- I will keep my passwords private.",
    ])
    texts = [c.full_text for c in model.clauses()]
    joined = "\n".join(texts)
    assert "Staff must never view, copy or forward" in joined and "switch the device off" in joined
    assert "I will normally refer" not in joined and "tell me or a deputy" not in joined
    assert '"show me"' in joined  # quoted words are nobody's voice
    assert "I will keep my passwords private" in joined  # a pledge's first person is the signer's
    why = dict(model.left_out)
    assert sum(1 for reason in why.values() if reason.startswith("it speaks as one person")) == 2


def test_a_question_without_its_answer_is_left_out(tmp_path: Path) -> None:
    model = one_school_model(tmp_path, [
        "## Contact with parents",
        "Staff must contact parents only through the school office or the school's messaging app.",
        "A parent has messaged a teacher on Facebook about their child's reading. What should the teacher do?",
        "## Mobile phones",
        "Where are staff phones kept? In staff lockers, switched to silent, all day.",
    ])
    texts = [c.full_text for c in model.clauses()]
    assert not any(t.rstrip().endswith("?") for t in texts)
    assert any(t.startswith("Where are staff phones kept? In staff lockers") for t in texts)  # asked and answered
    assert "a question whose answer is not beside it" in dict(model.left_out).values()


@pytest.mark.parametrize(("text", "one_voice"), [
    ("I have written this policy to be read, not filed.", True),
    ("At [School name] that is me.", True),
    ("The class teacher and I will speak to the parents of the children involved.", True),
    ("I\u2019ll tell the parents the same day.", True),
    ("**A student showed me a nude on their phone before I could stop them.", True),
    ('Never save it, even to "show me".', False),  # quoted
    ("Where is my phone kept? On silent, in your staff locker.", False),  # the reader asks; the answer is nobody's voice
    ("Part I of the Act sets out the offences; Appendix I lists them.", False),  # numerals
    ("Staff must not use IM apps or I.T. equipment for personal use.", False),
    ("Key Stage I pupils do not bring phones.", False),
])
def test_one_persons_voice(text: str, one_voice: bool) -> None:
    from policy_compare.wording import in_one_voice

    assert in_one_voice(text) is one_voice


def test_a_brand_keeps_its_own_capitals_and_a_sentence_gets_its_full_stop(tmp_path: Path) -> None:
    assert modernise("Photos are taken on the school Ipads or i-pads.") == "Photos are taken on the school iPads or iPads."
    assert modernise("Ipads are kept in the office.") == "iPads are kept in the office."
    model = one_school_model(tmp_path, [
        "## Use at school",
        "Staff who have school equipment at home may use it only in line with the Acceptable Use of ICT Policy",
        "Cyberbullying can be defined as \u2018the use of technology to embarrass or humiliate someone.\u2019",
    ])
    texts = [c.full_text for c in model.clauses()]
    assert any(t.endswith("in line with the Acceptable Use of ICT Policy.") for t in texts)
    assert any(t.endswith("embarrass or humiliate someone.\u2019") for t in texts)  # its full stop is inside the quotation


def test_a_sign_off_forms_line_is_no_rule() -> None:
    from policy_compare.wording import is_form_line, is_fragment

    # fresh9's Ravenscar: a borderless sign-off table in its PDF came out as "Chair of the Local Governing Signed: Date: 21."
    assert is_fragment("Chair of the Local Governing Signed: Date: 21.") and is_form_line("Signed: ______________")
    assert not is_form_line("All staff must sign to confirm that they have read and understood this policy.")


def test_a_sign_off_form_is_left_out_of_the_model(tmp_path: Path) -> None:
    model = one_school_model(tmp_path, [
        "## Monitoring and review",
        "The DSL reports termly to the governing body on online safety incidents.",
        "Chair of the Local Governing Signed:",
        "",
        "- Date: 21",
    ])
    texts = [c.full_text for c in model.clauses()]
    assert any(t.startswith("The DSL reports termly") for t in texts)
    assert not any("Signed" in t for t in texts)
    assert "a line of a form to fill in, not a rule" in dict(model.left_out).values()
