"""Property-based tests: any text in, either a clear error or clauses that hold every sentence."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from policy_compare.errors import PolicyError
from policy_compare.importer import import_policy
from policy_compare.normalise import load_rules
from policy_compare.parse import parse_policy, split_sentences

RULES = load_rules()

words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=12)
lines = st.lists(
    st.one_of(
        words,
        st.builds(lambda w: f"{w}.", words),
        st.builds(lambda w: f"- {w}", words),
        st.builds(lambda w: f"\u00b7 {w}", words),
        st.builds(lambda n, w: f"{n} {w}", st.from_regex(r"\d\.\d(\.\d)?", fullmatch=True), words),
        st.builds(lambda w: f"{w}:", words),
        st.just(""),
        st.just("e.g. this (and that. too) etc. St. Mary's “Quote. Here.”"),
    ),
    max_size=25,
)


def _tokens(text: str) -> list[str]:
    # words without underscores: sources are light Markdown, so "_word_" is an emphasised "word"
    return re.findall(r"[^\W_]+", text)


@given(st.text(max_size=300))
def test_sentence_spans_cover_all_text(text: str) -> None:
    spans = split_sentences(text)
    covered = "".join(text[a:b] for a, b in spans)
    assert _tokens(covered) == _tokens(text)
    assert all(0 <= a < b <= len(text) for a, b in spans)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=lines)
@example(body=["0.0 ?"])  # a numbered "question" that is only a question mark once the number goes
@example(body=["_0_"])  # emphasis markers around a word
@example(body=["o", "0"])  # Word's "o" bullet on a line of its own
def test_import_then_parse_keeps_every_word_or_says_why(tmp_path: Path, body: list[str]) -> None:
    source = tmp_path / "policy.txt"
    source.write_text("\n".join(body), encoding="utf-8")
    try:
        _, markdown = import_policy(source, "Oak Primary School", "oak")
    except PolicyError as error:
        # nothing at all, or nothing but headings: refused with a message rather than written
        assert "no text found" in str(error) or "no policy text" in str(error)
        return
    target = tmp_path / "oak.md"
    target.write_text(markdown, encoding="utf-8")
    try:
        policy = parse_policy(target, RULES, "source_policies/oak.md")
    except PolicyError as error:
        assert str(error).startswith("source_policies/oak.md")
        return
    kept = " ".join([c.text for c in policy.clauses] + [h.title for h in policy.headings] + [str(c.number or "") for c in policy.clauses])
    # a line that is only "o" is Word's second-level bullet glyph pasted as text: a marker, not a word
    expected = [t for line in body if line.strip() != "o" for t in _tokens(line)]
    got = _tokens(kept)
    missing = [t for t in set(expected) if t not in got]
    assert missing == []


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=400))
def test_parse_never_raises_anything_but_a_policy_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "any.md"
    path.write_bytes(content)
    try:
        policy = parse_policy(path, RULES, "source_policies/any.md")
    except PolicyError as error:
        assert str(error).startswith("source_policies/any.md")
    else:
        assert policy.clauses


# --- alignment invariants on trusts recombined from the seed sentences ---------------------------

def _seed_sentences() -> list[str]:
    from policy_compare.parse import load_policies

    from .conftest import ROOT

    policies = load_policies(ROOT / "source_policies", RULES, ROOT)
    return sorted({c.text for p in policies for c in p.clauses if "[" not in c.text and len(c.text) > 20})


SENTENCES = _seed_sentences()
HEADINGS = ["Mobile phones", "Cyberbullying", "Contact with pupils", "Legislation", "Photographs", "General"]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(trust=st.lists(
    st.lists(st.tuples(st.sampled_from(HEADINGS), st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4)), min_size=1, max_size=4),
    min_size=2, max_size=4,
))
def test_alignment_places_every_clause_once_whatever_the_order(tmp_path_factory, trust) -> None:
    from policy_compare.align import align, load_topics

    from .conftest import ROOT, policy_md

    folder = tmp_path_factory.mktemp("trust")
    for k, sections in enumerate(trust):
        body = "\n\n".join(f"## {heading}\n\n" + "\n\n".join(sentences) for heading, sentences in sections)
        (folder / f"s{k}.md").write_text(policy_md(f"School {k}", f"s{k}", body), encoding="utf-8")
    from policy_compare.parse import load_policies

    policies = load_policies(folder, RULES)
    topics = load_topics(ROOT / "source_policies" / "topics.yml")
    alignment = align(policies, topics, rules=RULES)
    clause_ids = [c.id for p in policies for c in p.clauses]
    placed = [cid for r in alignment.rows for ids in r.clauses.values() for cid in ids]
    assert sorted(placed) == sorted(clause_ids)  # every clause in exactly one row
    order = {c.id: c.order for p in policies for c in p.clauses}
    for row in alignment.rows:
        for ids in row.clauses.values():  # one clause per school, or two adjacent sentences
            assert len(ids) == 1 or (len(ids) == 2 and abs(order[ids[0]] - order[ids[1]]) == 1)
    reversed_alignment = align(tuple(reversed(policies)), topics, rules=RULES)
    assert reversed_alignment.rows == alignment.rows
    assert reversed_alignment.clause_topic == alignment.clause_topic
