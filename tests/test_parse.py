"""Parsing source markdown into clauses: sentences, items, lead-ins, numbers, ids, lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy_compare.errors import PolicyError
from policy_compare.normalise import load_rules
from policy_compare.parse import load_policies, parse_policy, split_sentences

from .conftest import policy_md

RULES = load_rules()


def parse_text(tmp_path: Path, body: str, school: str = "Oakfield Primary School", school_id: str = "oakfield"):
    path = tmp_path / f"{school_id}.md"
    path.write_text(policy_md(school, school_id, body), encoding="utf-8")
    return parse_policy(path, RULES, f"source_policies/{school_id}.md")


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_sentences_respect_abbreviations_brackets_and_quotes() -> None:
    text = (
        "Staff may use school devices (e.g. a laptop. Or a tablet.) at home. "
        "Heaton St. Barnabas' staff agree, i.e. all of them. "
        "Phones, cameras etc. are covered. The head said “Stop. Now.” Then left."
    )
    assert sentences(text) == [
        "Staff may use school devices (e.g. a laptop. Or a tablet.) at home.",
        "Heaton St. Barnabas' staff agree, i.e. all of them.",
        "Phones, cameras etc. are covered.",
        "The head said “Stop. Now.” Then left.",
    ]


def test_a_bold_run_in_title_ends_at_its_full_stop() -> None:
    """"**Searching.** The Principal may ...": the emphasis closing after the full stop does not
    glue the title to the sentence after it (the title's capitals then read as a local name)."""
    assert sentences("**Searching.** The Principal may search students. _Phones._ They are kept.") == [
        "**Searching.**", "The Principal may search students. _Phones._", "They are kept.",
    ]
    assert sentences("Staff use snake_case names. Then stop.") == ["Staff use snake_case names.", "Then stop."]


def test_a_quoted_passage_of_whole_sentences_is_split() -> None:
    text = (
        "The governors agree that, \u201cThere are cases where the police should be told. "
        "These include threats of violence against a member of staff.\u201d Furthermore, "
        "\u201cThe law on privacy still applies online.\u201d"
    )
    assert sentences(text) == [
        "The governors agree that, \u201cThere are cases where the police should be told.",
        "These include threats of violence against a member of staff.\u201d",
        "Furthermore, \u201cThe law on privacy still applies online.\u201d",
    ]


def test_sentence_spans_cover_every_word() -> None:
    text = "One. Two? Three! 4 items follow. (Bracketed. Text.) Last"
    joined = " ".join(sentences(text))
    assert joined.split() == text.split()


def test_clauses_carry_section_number_line_and_lead_in(tmp_path: Path) -> None:
    body = (
        "# Policy\n\n## 2.4 Protection of personal information\n\n"
        "Adults working in schools should:\n\n"
        "2.4.1 Ensure that they do not use school equipment, e.g. cameras.\n\n"
        "- Keep their phone secure\n- Never share **passwords**\n\n"
        "A paragraph. With two sentences at Oakfield Primary.\n"
    )
    policy = parse_text(tmp_path, body)
    texts = [c.text for c in policy.clauses]
    assert texts == [
        "Adults working in schools should:",
        "Ensure that they do not use school equipment, e.g. cameras.",
        "Keep their phone secure",
        "Never share passwords",
        "A paragraph.",
        "With two sentences at Oakfield Primary.",
    ]
    numbered = policy.clauses[1]
    assert numbered.number == "2.4.1"
    assert numbered.lead_in == "Adults working in schools should:"
    assert numbered.section == ("Policy", "2.4 Protection of personal information")
    assert policy.clauses[3].lead_in == "Adults working in schools should:"
    assert policy.clauses[3].markup == "Never share **passwords**"
    # line numbers point into the file, front matter included (5 lines of front matter + blank)
    lines = (tmp_path / "oakfield.md").read_text().splitlines()
    for clause in policy.clauses:
        assert clause.text.split()[0].strip("*") in lines[clause.line - 1]
    assert policy.clauses[-1].normalised == "with two sentences at the school."


def test_clause_ids_are_stable_when_unrelated_text_changes(tmp_path: Path) -> None:
    before = parse_text(tmp_path, "First rule here.\n\nSecond rule here.\n\n- An item\n")
    after = parse_text(tmp_path, "A new opening sentence. First rule here.\n\nSecond rule here, changed.\n\n- An item\n")
    ids_before = {c.text: c.id for c in before.clauses}
    ids_after = {c.text: c.id for c in after.clauses}
    assert ids_before["First rule here."] == ids_after["First rule here."]
    assert ids_before["An item"] == ids_after["An item"]
    assert ids_before["Second rule here."] not in ids_after.values()


def test_repeated_sentences_get_distinct_ids(tmp_path: Path) -> None:
    policy = parse_text(tmp_path, "Be kind.\n\nBe kind.\n")
    assert len({c.id for c in policy.clauses}) == 2


def test_normalised_form_unifies_spellings_and_school_names(tmp_path: Path) -> None:
    policy = parse_text(
        tmp_path,
        "At OAKFIELD PRIMARY SCHOOL the Head Teacher reads every e-mail about cyber-bullying.\n\n"
        "Oakfield School’s staff must not ‘friend’ pupils.\n",
    )
    assert policy.clauses[0].normalised == "at the school the headteacher reads every email about cyberbullying."
    assert policy.clauses[1].normalised == "the school staff must not 'friend' pupils."
    assert "OAKFIELD" in policy.clauses[0].text  # verbatim stays verbatim


def test_a_long_school_name_has_its_short_form() -> None:
    """"Oakfield Church of England Infant and Junior School" is "Oakfield" in its own text; a
    short form never ends on a joining word ("Oakfield and" would swallow the word after)."""
    from policy_compare.normalise import school_names

    names = school_names("Oakfield Church of England Infant and Junior School", (), RULES)
    assert "Oakfield" in names and "Oakfield Church of England" in names
    assert not [n for n in names if n.split()[-1].lower() in {"and", "of", "&"}]
    assert "St Peter and St Paul" in school_names("St Peter and St Paul Catholic Primary School", (), RULES)


def test_load_policies_sorts_by_id_not_file_name(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(policy_md("Zed School", "zed", "Text."))
    (tmp_path / "b.md").write_text(policy_md("Alpha School", "alpha", "Text."))
    assert [p.id for p in load_policies(tmp_path, RULES)] == ["alpha", "zed"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "file is empty"),
        (b"No front matter here.\n", "no front matter"),
        (b"---\nschool: X\nid: x\n", "never closed"),
        (b"---\nschool: [unclosed\nid: x\n---\nText.\n", "not valid YAML"),
        (b"---\nid: x\n---\nText.\n", "no `school`"),
        (b"---\nschool: X School\n---\nText.\n", "no `id`"),
        (b"---\nschool: X School\nid: Not A Slug\n---\nText.\n", "not a slug"),
        (b"---\nschool: X School\nid: x\n---\n", "no policy text"),
        ("---\nschool: X\nid: x\n---\nCaf\u00e9 r\u00e8gles.\n".encode("cp1252"), "not UTF-8"),
    ],
)
def test_bad_sources_name_the_file(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.md"
    path.write_bytes(content)
    with pytest.raises(PolicyError) as info:
        parse_policy(path, RULES, "source_policies/bad.md")
    assert message in str(info.value)
    assert str(info.value).startswith("source_policies/bad.md")


def test_duplicate_ids_and_empty_folder_are_errors(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="no policies"):
        load_policies(tmp_path, RULES)
    with pytest.raises(PolicyError, match="not found"):
        load_policies(tmp_path / "missing", RULES)
    (tmp_path / "a.md").write_text(policy_md("A School", "same", "Text."))
    (tmp_path / "b.md").write_text(policy_md("B School", "same", "Text."))
    with pytest.raises(PolicyError, match="already used by"):
        load_policies(tmp_path, RULES)


def test_front_matter_dates_read_in_iso_form_however_written(tmp_path: Path) -> None:
    """"21/01/2025" (UK order) and "Autumn 2024" are real dates: shown as 2025-01-21 and 2024-09
    everywhere (data files, the model's dates), as the health page reads them."""
    path = tmp_path / "oakfield.md"
    path.write_text(policy_md("Oakfield Primary School", "oakfield", "Staff must not add pupils as friends.",
                              "adopted: 21/01/2025\nreviewed: Autumn 2024\nnext_review: 2026-09\n"), encoding="utf-8")
    policy = parse_policy(path, RULES, "source_policies/oakfield.md")
    assert (policy.adopted, policy.reviewed, policy.next_review) == ("2025-01-21", "2024-09", "2026-09")


def _split_sentences_char_by_char(text: str) -> list[tuple[int, int]]:
    """split_sentences as it was first written, looking at every character: the scan that jumps
    from one bracket, quote or sentence end to the next must give the same spans."""
    return split_sentences(text, next_mark=lambda _text, i: i)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Staff", "must", "e.g.", "St.", "J.", "etc.", "(see", "above)", "[1]", "\u201cQuoted", "words here.\u201d",
                                 "It", "ends.", "Why?", "Now!", "2.", "no.", "A.", "N.", "Other", ". ", "  ", "\"", "'", ")", "(", "i.e."]),
                max_size=30).map(" ".join))
def test_sentences_split_as_a_character_at_a_time(text: str) -> None:
    assert split_sentences(text) == _split_sentences_char_by_char(text)


def test_sentences_of_the_seeds_split_as_a_character_at_a_time() -> None:
    from .conftest import ROOT

    for path in sorted((ROOT / "source_policies").glob("*.md")):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            assert split_sentences(paragraph) == _split_sentences_char_by_char(paragraph)


def test_normalised_once_per_wording_is_normalised_afresh() -> None:
    from policy_compare import normalise
    from .conftest import ROOT

    rules = load_rules(ROOT / "source_policies" / "normalisation.yml")
    policies = load_policies(ROOT / "source_policies", rules)
    pattern = normalise.school_pattern(normalise.school_names(policies[0].school, policies[0].aliases, rules))
    texts = [c.text for p in policies for c in p.clauses]
    for school_re in (None, pattern):
        assert [normalise.normalise(t, rules, school_re) for t in texts] == [normalise._normalise.__wrapped__(t, rules, school_re) for t in texts]


def test_matching_forms_remembered_are_those_worked_out_afresh() -> None:
    import re

    from policy_compare import normalise
    from .conftest import ROOT

    rules = load_rules(ROOT / "source_policies" / "normalisation.yml")
    texts = [c.normalised for p in load_policies(ROOT / "source_policies", rules) for c in p.clauses]

    def afresh(synonyms, text: str) -> str:  # type: ignore[no-untyped-def]
        for pattern, canonical in synonyms:
            text = pattern.sub(canonical, text)
        return text

    expected = [afresh(rules.synonyms, t) for t in texts]
    assert [rules.matching_form(t) for t in texts] == expected
    assert [rules.matching_form(t) for t in texts] == expected  # remembered
    other = normalise.Rules((), "the school", (), "other.yml", ((re.compile(r"\bstaff\b"), "synother"),))
    assert other.matching_form("staff must") == "synother must" and rules.matching_form("staff must") == afresh(rules.synonyms, "staff must")


def test_numbered_clauses_that_extend_a_numbered_lead_in_are_its_items(tmp_path: Path) -> None:
    # "4.1 STAFF must:" then "4.1.1 apply ..." / "4.1.2 refrain from ...": each completes the lead-in
    source = tmp_path / "k.md"
    source.write_text("---\nschool: K School\nid: k\n---\n\n4.1 STAFF must:\n\n4.1.1 apply the highest privacy settings;\n\n"
                      "4.1.2 refrain from naming the school as their employer.\n\n4.2 Staff may use phones at break.\n", encoding="utf-8")
    clauses = parse_policy(source, RULES, "source_policies/k.md").clauses
    items = [c for c in clauses if c.kind == "item"]
    assert [(c.number, c.lead_in) for c in items] == [("4.1.1", "STAFF must:"), ("4.1.2", "STAFF must:")]
    assert clauses[-1].kind == "sentence" and clauses[-1].lead_in is None
