"""Measure alignment quality against a hand-labelled gold file (topics and clause pairs).

Topic precision is over all clauses; pair precision is over the labelled pairs (true
pairs and hard negatives). Quotes in the gold file name clauses: a quote is matched
against the whitespace-collapsed verbatim text of a clause of that school.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .classify import REQUIRED_TOPICS
from .normalise import fold
from .model import Alignment, Clause

NAMED_TOPICS = REQUIRED_TOPICS  # the four topics the taxonomy must have, scored against the gold labels


@dataclass(frozen=True)
class Scores:
    topics: dict[str, tuple[float, float, int, int]]  # topic -> precision, recall, predicted, gold
    pair_precision: float
    pair_recall: float
    pair_f1: float
    pairs: tuple[int, int, int]  # true positives, false positives, false negatives
    unresolved: tuple[str, ...]
    errors: dict[str, list[str]]


def _fold(text: str) -> str:
    return fold(text).lower()


def find_clause(school: str, quote: str, clauses: dict[str, list[Clause]]) -> Clause | None:
    wanted = _fold(quote)
    hits = [c for c in clauses.get(school, []) if wanted in _fold(c.text)]
    return hits[0] if hits else None


def gold_clauses(school: str, quote: str, clauses: dict[str, list[Clause]]) -> list[Clause]:
    """The clauses a labelled quote names: the one clause holding it, or, when our sentence
    splitting cut the labelled text in two, each clause holding one of its sentences."""
    whole = find_clause(school, quote, clauses)
    if whole is not None:
        return [whole]
    parts = [p for p in re.split(r"(?<=[.!?])\s+", quote.strip()) if p]
    found = [find_clause(school, part, clauses) for part in parts] if len(parts) > 1 else [None]
    return [c for c in found if c is not None] if all(found) else []


def score_topics(
    alignment: Alignment,
    gold_topics: dict[str, list[dict[str, str]]],
    by_school: dict[str, list[Clause]],
    unresolved: list[str],
    errors: dict[str, list[str]],
) -> dict[str, tuple[float, float, int, int]]:
    """Precision and recall of each named topic against exhaustive gold labels."""
    topic_scores = {}
    for topic in NAMED_TOPICS:
        gold: set[str] = set()
        for entry in gold_topics.get(topic) or []:
            found = gold_clauses(entry["school"], entry["quote"], by_school)
            if not found:
                unresolved.append(f"{topic}: {entry['school']}: {entry['quote']}")
            gold.update(c.id for c in found)
        predicted = {cid for cid, t in alignment.clause_topic.items() if t == topic}
        hit = len(predicted & gold)
        precision = hit / len(predicted) if predicted else 1.0
        recall = hit / len(gold) if gold else 1.0
        topic_scores[topic] = (precision, recall, len(predicted), len(gold))
        errors[f"{topic} missed"] = sorted(f"{cid}: {alignment.clause(cid).text[:90]}  [{alignment.clause_topic[cid]}]" for cid in gold - predicted)
        errors[f"{topic} extra"] = sorted(f"{cid}: {alignment.clause(cid).text[:90]}" for cid in predicted - gold)
    return topic_scores


def evaluate(alignment: Alignment, gold_dir: Path) -> Scores:
    """Score an alignment against ``gold_dir/topics.yaml`` and ``gold_dir/pairs.yaml``."""
    by_school: dict[str, list[Clause]] = {}
    for policy in alignment.policies:
        by_school[policy.id] = list(policy.clauses)
    unresolved: list[str] = []
    errors: dict[str, list[str]] = {}

    gold_topics = yaml.safe_load((gold_dir / "topics.yaml").read_text(encoding="utf-8"))["topics"]
    topic_scores = score_topics(alignment, gold_topics, by_school, unresolved, errors)

    pairs = yaml.safe_load((gold_dir / "pairs.yaml").read_text(encoding="utf-8"))["pairs"]
    tp = fp = fn = 0
    errors["pairs missed"] = []
    errors["pairs wrongly joined"] = []
    for entry in pairs:
        a = find_clause(entry["a"]["school"], entry["a"]["quote"], by_school)
        b = find_clause(entry["b"]["school"], entry["b"]["quote"], by_school)
        if a is None or b is None:
            unresolved.append(f"pair: {entry['a']['quote']} ~ {entry['b']['quote']}")
            continue
        same = alignment.clause_row.get(a.id) is not None and alignment.clause_row.get(a.id) == alignment.clause_row.get(b.id)
        if entry["same"] and same:
            tp += 1
        elif entry["same"]:
            fn += 1
            errors["pairs missed"].append(f"{a.text[:70]} ~ {b.text[:70]} [{alignment.clause_topic[a.id]} / {alignment.clause_topic[b.id]}]")
        elif same:
            fp += 1
            errors["pairs wrongly joined"].append(f"{a.text[:70]} ~ {b.text[:70]}")
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(topic_scores, precision, recall, f1, (tp, fp, fn), tuple(unresolved), errors)
