"""Topic precision/recall on policies the method was not developed on (tests/heldout).

Usage: python scripts/evaluate_heldout.py [--errors]
Each ``tests/heldout/*.txt`` is imported with the project's own importer (as a maintainer
would), aligned together with the same taxonomy and rules as the site, and scored against
``tests/heldout/labels.yaml`` (exhaustive labels of the four named topics).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import yaml

from policy_compare.align import align, load_topics
from policy_compare.evaluate import NAMED_TOPICS, score_topics
from policy_compare.importer import import_policy
from policy_compare.model import Alignment, Clause
from policy_compare.normalise import load_rules
from policy_compare.parse import load_policies

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "heldout"


def run(folder: Path = HELDOUT) -> tuple[Alignment, dict[str, tuple[float, float, int, int]], list[str], dict[str, list[str]]]:
    """Import, align and score the held-out policies in ``folder``."""
    labels = yaml.safe_load((folder / "labels.yaml").read_text(encoding="utf-8"))
    names = yaml.safe_load((folder / "schools.yaml").read_text(encoding="utf-8"))
    rules = load_rules(ROOT / "source_policies" / "normalisation.yml")
    with tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp)
        for file in sorted(folder.glob("*.txt")):
            school_id, markdown = import_policy(file, names[file.name], file.stem)
            (sources / f"{school_id}.md").write_text(markdown, encoding="utf-8")
        policies = load_policies(sources, rules)
        alignment = align(policies, load_topics(ROOT / "source_policies" / "topics.yml"), rules=rules)
    by_school: dict[str, list[Clause]] = {p.id: list(p.clauses) for p in alignment.policies}
    gold: dict[str, list[dict[str, str]]] = {topic: [] for topic in NAMED_TOPICS}
    for file_name, topics in labels.items():
        for topic, quotes in (topics or {}).items():
            gold.setdefault(topic, []).extend({"school": Path(file_name).stem, "quote": q} for q in quotes or [])
    unresolved: list[str] = []
    errors: dict[str, list[str]] = {}
    scores = score_topics(alignment, gold, by_school, unresolved, errors)
    return alignment, scores, unresolved, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", action="store_true", help="list the clauses the method gets wrong")
    args = parser.parse_args()
    alignment, scores, unresolved, errors = run()
    clauses = sum(len(p.clauses) for p in alignment.policies)
    print(f"held-out: {len(alignment.policies)} policies, {clauses} clauses")
    for topic in NAMED_TOPICS:
        precision, recall, predicted, gold = scores[topic]
        print(f"  {topic:22} P{precision:.2f} R{recall:.2f}  ({predicted} predicted, {gold} labelled)")
    if unresolved:
        print("labelled sentences that match no clause:", *unresolved, sep="\n  ")
    if args.errors:
        for kind, items in errors.items():
            if items:
                print(f"\n{kind}:", *items, sep="\n  ")


if __name__ == "__main__":
    main()
