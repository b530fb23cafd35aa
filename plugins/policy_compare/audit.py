"""Row audit: every pair of clauses from two schools that share a row, against read verdicts.

A verdict (``same``, ``related`` or ``unrelated``) is decided by a person reading the two
texts, never from a score, and stored in ``tests/gold/audit.yaml`` keyed by each clause's
school and whitespace-collapsed text, so verdicts survive any change to the alignment. A pair
that shares a row but has no verdict is reported as unlabelled: nothing can hide in a row
nobody has read.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from .model import Alignment, Clause
from .normalise import fold

VERDICTS = ("same", "related", "unrelated")

Side = tuple[str, str]  # (school id, folded text)
PairKey = tuple[Side, Side]  # sides in sorted order


def pair_key(a: Clause, b: Clause) -> PairKey:
    first, second = sorted(((a.school, fold(a.text)), (b.school, fold(b.text))))
    return first, second


def shared_row_pairs(alignment: Alignment) -> list[tuple[Clause, Clause]]:
    """Every pair of clauses from different schools that share a row, in row order."""
    pairs: list[tuple[Clause, Clause]] = []
    for row in alignment.rows:
        members = [alignment.clause(cid) for school in sorted(row.clauses) for cid in row.clauses[school]]
        for a, b in itertools.combinations(members, 2):
            if a.school != b.school:
                pairs.append((a, b))
    return pairs


def load_verdicts(path: Path) -> dict[PairKey, str]:
    """Read an audit file: ``verdicts: [{a: {school, text}, b: {school, text}, verdict}]``."""
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    verdicts: dict[PairKey, str] = {}
    for entry in data.get("verdicts") or []:
        verdict = str(entry["verdict"])
        if verdict not in VERDICTS:
            raise ValueError(f"{path}: verdict {verdict!r} is not one of {', '.join(VERDICTS)}")
        first, second = sorted(((entry["a"]["school"], fold(entry["a"]["text"])), (entry["b"]["school"], fold(entry["b"]["text"]))))
        verdicts[(first, second)] = verdict
    return verdicts


@dataclass(frozen=True)
class AuditResult:
    """How the pairs sharing a row were judged."""

    pairs: int
    counts: dict[str, int]  # verdict -> pairs
    unlabelled: tuple[tuple[Clause, Clause], ...]
    wrong: tuple[tuple[str, Clause, Clause], ...]  # (verdict, a, b) for related and unrelated pairs

    @property
    def same_share(self) -> float:
        judged = sum(self.counts.values())
        return self.counts.get("same", 0) / judged if judged else 1.0


def audit(alignment: Alignment, verdicts: dict[PairKey, str]) -> AuditResult:
    """Judge every pair sharing a row with the stored verdicts."""
    counts: Counter[str] = Counter()
    unlabelled: list[tuple[Clause, Clause]] = []
    wrong: list[tuple[str, Clause, Clause]] = []
    pairs = shared_row_pairs(alignment)
    for a, b in pairs:
        verdict = verdicts.get(pair_key(a, b))
        if verdict is None:
            unlabelled.append((a, b))
            continue
        counts[verdict] += 1
        if verdict != "same":
            wrong.append((verdict, a, b))
    return AuditResult(len(pairs), {v: counts.get(v, 0) for v in VERDICTS}, tuple(unlabelled), tuple(wrong))


def context_of(clause: Clause) -> dict[str, str]:
    """A clause as an annotator reads it: its text, plus the heading and list lead-in it sits under."""
    shown = {"school": clause.school, "text": fold(clause.text)}
    if clause.section:
        shown["heading"] = fold(clause.section[-1])
    if clause.lead_in:
        shown["lead_in"] = fold(clause.lead_in)
    return shown


def unlabelled_yaml(pairs: list[tuple[Clause, Clause]]) -> str:
    """Unlabelled pairs as an audit file to fill in (``verdict:`` left empty)."""
    seen: set[PairKey] = set()
    entries = []
    for a, b in pairs:
        key = pair_key(a, b)
        if key in seen:
            continue
        seen.add(key)
        first, second = (a, b) if (a.school, fold(a.text)) == key[0] else (b, a)
        entries.append({"a": context_of(first), "b": context_of(second), "verdict": ""})
    return yaml.safe_dump({"verdicts": entries}, sort_keys=False, allow_unicode=True, width=100)
