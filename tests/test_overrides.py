"""Maintainers' overrides: move, join, split, exclude; stale entries become warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from policy_compare.align import align, load_topics
from policy_compare.errors import PolicyError
from policy_compare.merge import merge
from policy_compare.normalise import load_rules
from policy_compare.overrides import Overrides, load_overrides, resolve
from policy_compare.parse import load_policies

from .conftest import ROOT

RULES = load_rules(ROOT / "source_policies" / "normalisation.yml")
TOPICS = load_topics(ROOT / "source_policies" / "topics.yml")


@pytest.fixture(scope="module")
def policies():
    return load_policies(ROOT / "source_policies", RULES)


def clause(alignment, reference: str):
    found, problem = resolve(reference, alignment.clause_index)
    assert found is not None, problem
    return found


def test_move_puts_a_clause_in_another_topic(policies) -> None:
    ref = "whitchurch: Keep a record of their phone"
    before = align(policies, TOPICS, rules=RULES)
    assert before.clause_topic[clause(before, ref).id] == "mobile-phones"
    after = align(policies, TOPICS, Overrides(move=((ref, "personal-information"),)), rules=RULES)
    assert after.clause_topic[clause(after, ref).id] == "personal-information"
    assert after.warnings == ()


def test_join_and_split_change_rows(policies) -> None:
    a, b = "cambois: Staff must never add pupils", "heaton: accept invitations to become"
    base = align(policies, TOPICS, rules=RULES)
    joined = align(policies, TOPICS, Overrides(join=((a, b),)), rules=RULES)
    assert joined.clause_row[clause(joined, a).id] == joined.clause_row[clause(joined, b).id]
    assert joined.warnings == ()
    # split it out again: the clause ends up alone in its own row
    split = align(policies, TOPICS, Overrides(split=(a,)), rules=RULES)
    row = split.clause_row[clause(split, a).id]
    assert [cid for r in split.rows if r.id == row for ids in r.clauses.values() for cid in ids] == [clause(split, a).id]
    assert base.clause_row[clause(base, a).id] != row or len(next(r for r in base.rows if r.id == row).clauses) == 1


def test_exclude_keeps_a_clause_out_of_the_model(policies) -> None:
    refs = ("mosscroft: This policy relates to social networking outside work", "buckminster: This policy relates to social networking outside work")
    base = align(policies, TOPICS, rules=RULES)
    row = base.clause_row[clause(base, refs[0]).id]
    assert base.clause_row[clause(base, refs[1]).id] == row
    assert row in {r for c in merge(base).clauses() for r in c.rows}
    # one variant excluded: the row stays, worded from the school that is left
    one = align(policies, TOPICS, Overrides(exclude=refs[:1]), rules=RULES)
    assert clause(one, refs[0]).id in one.excluded
    assert row in {r for c in merge(one).clauses() for r in c.rows}
    # every variant excluded: the row leaves the model
    both = align(policies, TOPICS, Overrides(exclude=refs), rules=RULES)
    assert row not in {r for c in merge(both).clauses() for r in c.rows}
    assert both.warnings == ()


def test_references_that_match_nothing_or_too_much_are_warnings(policies, tmp_path: Path) -> None:
    path = tmp_path / "overrides.yml"
    path.write_text(
        'move:\n  - {clause: "cambois: no such words here", topic: mobile-phones}\n'
        '  - {clause: "cambois: Staff must never add pupils", topic: not-a-topic}\n'
        'split:\n  - "whitchurch: the"\n'
        'exclude:\n  - "buckminster-0000000"\n',
        encoding="utf-8",
    )
    overrides = load_overrides(path, "source_policies/overrides.yml")
    alignment = align(policies, TOPICS, overrides, rules=RULES)
    assert alignment.warnings[0] == "source_policies/overrides.yml:2: override `move: cambois: no such words here` matches no clause any more"
    assert alignment.warnings[1] == "source_policies/overrides.yml:3: override `move: cambois: Staff must never add pupils` names unknown topic 'not-a-topic'"
    assert alignment.warnings[2].startswith("source_policies/overrides.yml:5: override `split: whitchurch: the` matches ")
    assert alignment.warnings[2].endswith("clauses; quote more words")
    assert alignment.warnings[3] == (
        "source_policies/overrides.yml:7: override `exclude: buckminster-0000000` matches no clause id "
        "(write a clause id or `school: a short quote`)"
    )


def test_bad_overrides_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "overrides.yml"
    path.write_text("shuffle: []\n", encoding="utf-8")
    with pytest.raises(PolicyError, match="unknown key"):
        load_overrides(path)
    path.write_text("join: [[only-one]]\n", encoding="utf-8")
    with pytest.raises(PolicyError, match="two or more"):
        load_overrides(path)
