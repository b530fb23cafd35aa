"""Tests for the legislation register and citation checks (policy_compare.legislation)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from policy_compare.legislation import Citation, Register, find_citations, load_register, missing_expected
from policy_compare.model import Clause, Policy

from .conftest import ROOT, SEEDS


def clause(text: str, school: str = "school-a", line: int = 1) -> Clause:
    return Clause(
        id=f"{school}-{line}",
        school=school,
        section=("Legislation",),
        number=None,
        text=text,
        markup=text,
        normalised=text.lower(),
        path=f"source_policies/{school}.md",
        line=line,
        kind="sentence",
        order=line,
    )


def policy(school: str, *texts: str) -> Policy:
    clauses = tuple(clause(text, school, line) for line, text in enumerate(texts, 1))
    return Policy(
        id=school, school=school.title(), title="Social media policy", path=f"source_policies/{school}.md", clauses=clauses
    )


@pytest.fixture(scope="module")
def register() -> Register:
    return load_register()


def cite(register: Register, text: str) -> tuple[Citation, ...]:
    return find_citations([policy("school-a", text)], register)


def only(register: Register, text: str) -> Citation:
    citations = cite(register, text)
    assert len(citations) == 1, citations
    return citations[0]


# --- the register ----------------------------------------------------------------------------------


def test_shipped_register_loads_with_the_expected_instruments(register: Register) -> None:
    assert {i.id for i in register.expected} == {
        "data-protection-act-2018",
        "uk-gdpr",
        "online-safety-act-2023",
        "equality-act-2010",
        "education-and-inspections-act-2006",
        "education-act-2011",
        "keeping-children-safe-in-education",
    }
    dpa_1998 = register.get("data-protection-act-1998")
    assert dpa_1998.status == "repealed" and dpa_1998.replaced_by == "data-protection-act-2018"
    mca = register.get("malicious-communications-act-1988")
    assert (mca.title, mca.year, mca.url) == (
        "Malicious Communications Act 1988",
        1988,
        "https://www.legislation.gov.uk/ukpga/1988/27/contents",
    )
    assert register.get("regulation-of-investigatory-powers-act-2000").url.endswith("/ukpga/2000/23/contents")
    for instrument in register.instruments:
        assert instrument.url.startswith("https://")
        if instrument.type != "guidance":
            assert "legislation.gov.uk" in instrument.url


VALID_ENTRY = """\
  - id: test-act-2001
    title: Test Act 2001
    year: 2001
    type: act
    url: https://www.legislation.gov.uk/ukpga/2001/1/contents
    status: in-force
    replaced_by: null
    note: A test.
    aliases: []
"""


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("instruments: [\n", "not valid YAML"),
        ("- just a list\n", "`instruments:` list"),
        ("instruments:\n" + VALID_ENTRY.replace("    status: in-force\n", ""), "missing status"),
        ("instruments:\n" + VALID_ENTRY.replace("status: in-force", "status: abolished"), "status must be one of"),
        ("instruments:\n" + VALID_ENTRY.replace("type: act", "type: bill"), "type must be one of"),
        ("instruments:\n" + VALID_ENTRY.replace("year: 2001", "year: 2002"), "title says 2001 but year is 2002"),
        (
            "instruments:\n" + VALID_ENTRY.replace("replaced_by: null", "replaced_by: nowhere"),
            "'nowhere' is not an instrument id",
        ),
        ("instruments:\n" + VALID_ENTRY.replace("aliases: []", "aliases: [Test Act 2001]"), "ends with a year"),
        ("instruments:\n" + VALID_ENTRY.replace("id: test-act-2001", "id: Test Act"), "id must be a slug"),
        ("instruments:\n" + VALID_ENTRY + VALID_ENTRY, "used twice"),
        ("instruments:\n" + VALID_ENTRY.replace("status: in-force", "status: replaced"), "needs replaced_by"),
    ],
)
def test_bad_register_names_file_and_problem(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "legislation.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError) as error:
        load_register(path)
    assert str(path) in str(error.value)
    assert problem in str(error.value)


def test_missing_register_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="register file not found"):
        load_register(tmp_path / "nope.yml")


# --- flags ---------------------------------------------------------------------------------------


def test_ok_citation_carries_where_it_was_found(register: Register) -> None:
    citation = only(register, "Computer misuse act 1990 makes it an offence to hack.")
    assert citation == Citation(
        school="school-a",
        clause="school-a-1",
        path="source_policies/school-a.md",
        line=1,
        text="Computer misuse act 1990",
        year=1990,
        instrument="computer-misuse-act-1990",
        flag="ok",
        start=0,
    )


@pytest.mark.parametrize(
    ("text", "instrument", "year"),
    [
        ("Data protection act 1998", "data-protection-act-1998", 1998),
        ("Telecommunications act 1984", "telecommunications-act-1984", 1984),
        ("the Lawful Business Practice Regulations", "lawful-business-practice-regulations-2000", None),
        ("Keeping Children Safe in Education 2016", "keeping-children-safe-in-education", 2016),
    ],
)
def test_stale_instruments(register: Register, text: str, instrument: str, year: int | None) -> None:
    citation = only(register, f"Staff must follow {text}.")
    assert (citation.instrument, citation.year, citation.flag) == (instrument, year, "stale")


@pytest.mark.parametrize(
    ("text", "instrument", "year"),
    [
        ("Malicious communications Act 2003", "malicious-communications-act-1988", 2003),
        ("Regulation of investigatory powers Act 2018", "regulation-of-investigatory-powers-act-2000", 2018),
        ("Data Protection Act 2008", "data-protection-act-2018", 2008),
    ],
)
def test_wrong_year(register: Register, text: str, instrument: str, year: int) -> None:
    citation = only(register, text)
    assert (citation.text, citation.instrument, citation.year, citation.flag) == (text, instrument, year, "wrong-year")


@pytest.mark.parametrize(
    ("text", "cited", "year"),
    [
        ("Posts may breach the Gambling Act 2005.", "Gambling Act 2005", 2005),
        ("Posts may breach the gambling act 2005.", "gambling act 2005", 2005),
        ("Staff are protected by the Freedom of Speech Act.", "Freedom of Speech Act", None),
        # other Acts share this title, so an unknown year is not called wrong
        ("See the Education Act 2005.", "Education Act 2005", 2005),
    ],
)
def test_unknown_acts_are_unresolved(register: Register, text: str, cited: str, year: int | None) -> None:
    citation = only(register, text)
    assert (citation.text, citation.year, citation.instrument, citation.flag) == (cited, year, None, "unresolved")


@pytest.mark.parametrize(
    ("text", "cited", "instrument"),
    [
        ("COMPUTER MISUSE ACT 1990", "COMPUTER MISUSE ACT 1990", "computer-misuse-act-1990"),
        (
            "Criminal justice & public order act 1994",
            "Criminal justice & public order act 1994",
            "criminal-justice-and-public-order-act-1994",
        ),
        (
            "the Criminal Justice and Public Order Act (1994)",
            "Criminal Justice and Public Order Act (1994)",
            "criminal-justice-and-public-order-act-1994",
        ),
        (
            "Copyright, designs and patents act 1988",
            "Copyright, designs and patents act 1988",
            "copyright-designs-and-patents-act-1988",
        ),
        ("The Freedom of Information Act gives a right", "Freedom of Information Act", "freedom-of-information-act-2000"),
        ("under the Data Protection Act", "Data Protection Act", "data-protection-act-2018"),
        ("Are you aware of GDPR?", "GDPR", "uk-gdpr"),
        ("the UK GDPR applies", "UK GDPR", "uk-gdpr"),
        ("The General Data Protection Regulations will make changes", "General Data Protection Regulations", "uk-gdpr"),
        ("comply with equalities legislation online", "equalities legislation", "equality-act-2010"),
        ("the current National Teacher\u2019s Standards.", "National Teacher\u2019s Standards", "teachers-standards"),
        ("the Teachers' Standards", "Teachers' Standards", "teachers-standards"),
        (
            "\u2018Guidance for Safer Working Practice\u2019 should be read",
            "Guidance for Safer Working Practice",
            "guidance-for-safer-working-practice",
        ),
        (
            "read 'Guidance for Safer Working Practice for Adults who Work with Children and Young People'.",
            "Guidance for Safer Working Practice for Adults who Work with Children and Young People",
            "guidance-for-safer-working-practice",
        ),
        (
            "Keeping Children Safe in Education sets out",
            "Keeping Children Safe in Education",
            "keeping-children-safe-in-education",
        ),
        ("in line with KCSIE (September 2025)", "KCSIE (September 2025)", "keeping-children-safe-in-education"),
        ("the Online Safety Act 2023", "Online Safety Act 2023", "online-safety-act-2023"),
        # small misspellings still resolve, and the longer title wins over "Communications Act"
        ("Protection from Harrassment Act 1997", "Protection from Harrassment Act 1997", "protection-from-harassment-act-1997"),
        ("Malicous Communications Act 1988", "Malicous Communications Act 1988", "malicious-communications-act-1988"),
        ("Communications Act 2003", "Communications Act 2003", "communications-act-2003"),
    ],
)
def test_case_punctuation_and_spelling_variants_resolve(register: Register, text: str, cited: str, instrument: str) -> None:
    citation = only(register, text)
    assert (citation.text, citation.instrument, citation.flag) == (cited, instrument, "ok")
    assert text[citation.start : citation.start + len(citation.text)] == citation.text


def test_two_years_give_two_citations(register: Register) -> None:
    citations = cite(register, "Obscene publications act 1959 and 1964")
    assert [(c.text, c.year, c.instrument, c.flag) for c in citations] == [
        ("Obscene publications act 1959 and 1964", 1959, "obscene-publications-act-1959", "ok"),
        ("Obscene publications act 1959 and 1964", 1964, "obscene-publications-act-1964", "ok"),
    ]


def test_plural_title_without_years_names_every_act_of_that_title(register: Register) -> None:
    citations = cite(register, "the Obscene Publications Acts")
    assert [(c.text, c.year, c.instrument, c.flag) for c in citations] == [
        ("Obscene Publications Acts", None, "obscene-publications-act-1959", "ok"),
        ("Obscene Publications Acts", None, "obscene-publications-act-1964", "ok"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "This Act makes it an offence to threaten people.",
        "The Act states that personal data must be processed fairly.",
        "The school reserves the right to monitor in line with its rights under this act.",
        "Staff should act responsibly and acts of terrorism must be reported.",
        "Causing a child under 16 to watch a sexual act is illegal.",
        "This policy takes account of employment legislation and the relevant legislation.",
        "How We Act Online",
        "Relevant Acts of Parliament are listed below.",
        "Act now.",
    ],
)
def test_ordinary_words_are_not_citations(register: Register, text: str) -> None:
    assert cite(register, text) == ()


def test_every_reference_in_a_clause_is_found(register: Register) -> None:
    text = "The Freedom of Information Act gives rights; public authorities have duties under the Freedom of Information Act."
    citations = cite(register, text)
    assert [c.start for c in citations] == [4, text.rindex("Freedom")]
    assert {c.instrument for c in citations} == {"freedom-of-information-act-2000"}


# --- missing expected and ordering ---------------------------------------------------------------


def test_missing_expected(register: Register) -> None:
    policies = [
        policy("b-school", "Data protection act 1998 applies.", "Staff must comply with equalities legislation."),
        policy("a-school", "We follow the Data Protection Act 2008 and UK GDPR.", "See KCSIE."),
        policy("c-school"),
    ]
    citations = find_citations(policies, register)
    missing = missing_expected(policies, citations, register)
    everything = tuple(sorted(i.id for i in register.expected))
    assert list(missing) == ["a-school", "b-school", "c-school"]
    assert missing["c-school"] == everything
    # citing the repealed 1998 Act does not count for the 2018 Act
    assert "data-protection-act-2018" in missing["b-school"]
    assert "equality-act-2010" not in missing["b-school"]
    # a wrong year still mentions the instrument
    assert missing["a-school"] == tuple(
        i for i in everything if i not in {"data-protection-act-2018", "uk-gdpr", "keeping-children-safe-in-education"}
    )


def test_output_is_sorted_and_independent_of_input_order(register: Register) -> None:
    first = policy("zeta", "GDPR", "Computer Misuse Act 1990 and the Human Rights Act 1998")
    second = policy("alpha", "Sexual Offences Act 2003", "Public Order Act 1986")
    reversed_clauses = replace(first, clauses=tuple(reversed(first.clauses)))
    forward = find_citations([first, second], register)
    backward = find_citations([second, reversed_clauses], register)
    assert forward == backward
    assert [(c.school, c.line, c.text) for c in forward] == [
        ("alpha", 1, "Sexual Offences Act 2003"),
        ("alpha", 2, "Public Order Act 1986"),
        ("zeta", 1, "GDPR"),
        ("zeta", 2, "Computer Misuse Act 1990"),
        ("zeta", 2, "Human Rights Act 1998"),
    ]


# --- the five real policies ----------------------------------------------------------------------


def seed_policies() -> list[Policy]:
    if not SEEDS.is_dir():
        pytest.skip(f"seed policies not found at {SEEDS}")
    policies = []
    for file in sorted(SEEDS.glob("*.txt")):
        school = file.stem.split("_")[0]
        lines = file.read_text(encoding="utf-8").splitlines()
        clauses = tuple(clause(text.strip(), school, number) for number, text in enumerate(lines, 1) if text.strip())
        policies.append(Policy(id=school, school=school, title=file.name, path=file.name, clauses=clauses))
    return policies


def test_every_act_the_seeds_cite_is_resolved_or_flagged(register: Register) -> None:
    policies = seed_policies()
    citations = find_citations(policies, register)
    cited_lines = {(c.school, c.line) for c in citations}
    act_with_year = re.compile(r"\bacts?\b\W{0,3}(?:19|20)\d\d", re.IGNORECASE)
    lines_with_acts = {(p.id, c.line) for p in policies for c in p.clauses if act_with_year.search(c.text)}
    assert len(lines_with_acts) == 18
    assert lines_with_acts <= cited_lines, "an Act with a year was silently missed"
    for citation in citations:
        assert citation.flag in ("ok", "stale", "wrong-year", "unresolved")
        assert (citation.instrument is None) == (citation.flag == "unresolved")
    flags = {(c.text, c.year): (c.instrument, c.flag) for c in citations if c.school == "001"}
    assert flags[("Malicious communications Act 2003", 2003)] == ("malicious-communications-act-1988", "wrong-year")
    assert flags[("Regulation of investigatory powers Act 2018", 2018)] == (
        "regulation-of-investigatory-powers-act-2000",
        "wrong-year",
    )
    assert flags[("Data protection act 1998", 1998)] == ("data-protection-act-1998", "stale")
    assert flags[("Telecommunications act 1984", 1984)] == ("telecommunications-act-1984", "stale")
    assert flags[("Criminal justice & public order act 1994", 1994)] == ("criminal-justice-and-public-order-act-1994", "ok")
    assert flags[("equalities legislation", None)] == ("equality-act-2010", "ok")
    cambois = {c.instrument for c in citations if c.school == "002"}
    assert cambois == {"teachers-standards", "guidance-for-safer-working-practice"}
    missing = missing_expected(policies, citations, register)
    assert missing["001"] == (
        "data-protection-act-2018",
        "education-act-2011",
        "education-and-inspections-act-2006",
        "keeping-children-safe-in-education",
        "online-safety-act-2023",
    )


def test_titles_are_written_as_the_register_writes_them_where_only_case_differs() -> None:
    from policy_compare.legislation import load_register, with_register_titles

    register = load_register()
    assert with_register_titles("The Computer misuse act 1990 makes it an offence to:", register) == "The Computer Misuse Act 1990 makes it an offence to:"
    assert with_register_titles("The Criminal justice & public order act 1994 defines", register) == \
        "The Criminal Justice and Public Order Act 1994 defines"
    unchanged = ["The Data protection act (1998) protects", "Staff should act 1990 style.", "The Data Protection Act 2018 applies."]
    assert [with_register_titles(t, register) for t in unchanged] == unchanged


def test_a_replaced_act_is_noted_where_it_is_cited() -> None:
    from policy_compare.legislation import load_register, with_stale_notes

    register = load_register()
    assert with_stale_notes("The Data Protection Act 1998 protects personal data.", register) == \
        "The Data Protection Act 1998 [replaced by the Data Protection Act 2018] protects personal data."
    unchanged = [
        "The Data Protection Act 2018 applies.",  # in force
        "The Data Protection Act protects personal data.",  # no year: which Act is not said
        "The Data Protection Act 1998 [replaced by the Data Protection Act 2018] protects it.",  # noted already
    ]
    assert [with_stale_notes(t, register) for t in unchanged] == unchanged


def test_law_to_update_names_what_is_wrong_and_what_replaces_it(register: Register) -> None:
    from policy_compare.legislation import law_to_update

    [repealed] = law_to_update("The Data Protection Act 1998 protects the rights and privacy of individuals.", register)
    assert repealed.cited == "Data Protection Act 1998" and "repealed" in repealed.problem
    assert repealed.instead == "Data Protection Act 2018" and repealed.url and repealed.url.startswith("https://")
    [misdated] = law_to_update("Under the Computer Misuse Act 1991 it is an offence to hack.", register)
    assert misdated.problem == "the Computer Misuse Act 1990 is from 1990, not 1991" and misdated.instead == "Computer Misuse Act 1990"
    # current law, an unknown Act and a bare "the Act" are nothing to update; each reference is named once
    assert law_to_update("The Communications Act 2003 makes it an offence.", register) == []
    assert law_to_update("The Widgets Act 1850 and the Act say so.", register) == []
    assert len(law_to_update("The Data Protection Act 1998 and again the Data Protection Act 1998.", register)) == 1


@pytest.mark.parametrize(
    ("text", "heading", "laws"),
    [
        ("Section 127 of the Communications Act 2003 makes it an offence to send a grossly offensive message.", None, {"communications-act-2003"}),
        ("It is an offence to send a grossly offensive message.", "Telecommunications act 1984", {"communications-act-2003"}),  # replaced
        ("It is an offence to send an indecent letter.", "Malicious communications Act 2003", {"malicious-communications-act-1988"}),
        ("It is an offence to send an indecent letter.", "Legislation", set()),
        ("Staff must not share pupils' photographs, as the Data Protection Act 2018 says.", None, set()),  # in passing
    ],
)
def test_the_law_a_clause_states(text: str, heading: str | None, laws: set[str]) -> None:
    from policy_compare.legislation import LawReader

    assert LawReader(load_register())(text, heading) == laws


@pytest.mark.parametrize(
    ("text", "instrument"),
    [
        ("The Health and Safety at Work etc. Act 1974 protects staff.", "health-and-safety-at-work-act-1974"),
        ("Upskirting is an offence under the Voyeurism (Offences) Act 2019.", "voyeurism-offences-act-2019"),
        ("Welsh schools follow the Social Services and Well-being (Wales) Act 2014.", "social-services-and-well-being-wales-act-2014"),
    ],
)
def test_acts_added_to_the_register_resolve(text: str, instrument: str) -> None:
    register = load_register()
    found = find_citations([Policy(id="a", school="A", title="", path="a.md", clauses=(
        Clause("a-1", "a", (), None, text, text, text.lower(), "a.md", 1, "sentence", 0),))], register)
    assert [(c.instrument, c.flag) for c in found] == [(instrument, "ok")]


def test_citations_read_once_per_wording_are_those_read_afresh(register: Register) -> None:
    # what a wording cites is remembered on the register's index: a second reading, and a reading
    # under the memo's size limit, give what reading the text afresh gives
    from policy_compare import legislation

    texts = [c.text for p in seed_policies() for c in p.clauses]
    texts += [c.section[-1] for p in seed_policies() for c in p.clauses if c.section]
    index = legislation._index(register)
    index.read.clear()
    fresh = [legislation._read_citations(t, register, index) for t in texts]
    assert [legislation._text_citations(t, register, index) for t in texts] == fresh
    assert [legislation._text_citations(t, register, index) for t in texts] == fresh  # from the memo
    assert any(fresh) and len(index.read) == len(set(texts))
    returned = legislation._text_citations(texts[0], register, index)
    returned.append((0, 0, "", None, None, "ok"))  # a caller's list is its own
    assert legislation._text_citations(texts[0], register, index) == fresh[0]


_CUE_TEXT = st.lists(st.sampled_from(["Act", "acts", "Children", "children's", "people", "Regulations", "GDPR", "&", "'", "\u2019",
                                      "contact", "practice", "practise", "setting", "The", "and", "the", "1998", ".", ",", " ", "e", "s"]),
                     max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(_CUE_TEXT, st.text(max_size=40)))
def test_a_text_passed_over_has_no_word_a_citation_is_read_from(text: str) -> None:
    """Texts without a cue word are not read token by token: none of their tokens is a title's last
    word or "act", so reading them would find nothing either."""
    from policy_compare.legislation import _index, _may_cite, _tokens

    index = _index(load_register())
    if not _may_cite(text, index):
        assert not any(t.key in index.by_anchor or t.key == "act" for t in _tokens(text)), text


def test_every_source_clause_that_cites_is_read() -> None:
    from policy_compare.legislation import _index, _may_cite, _read_citations, _tokens
    from policy_compare.normalise import load_rules
    from policy_compare.parse import load_policies

    register = load_register()
    index = _index(register)
    sources = ROOT / "source_policies"
    texts = {c.text for p in load_policies(sources, load_rules(sources / "normalisation.yml")) for c in p.clauses}
    assert sum(1 for t in texts if _may_cite(t, index)) < len(texts)
    for text in texts:
        if not _may_cite(text, index):
            assert not any(t.key in index.by_anchor or t.key == "act" for t in _tokens(text)), text
            assert _read_citations(text, register, index) == []
