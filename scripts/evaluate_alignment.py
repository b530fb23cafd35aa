"""Print alignment quality on the labelled seeds, for our method and two baselines.

Usage: python scripts/evaluate_alignment.py [--errors]
Topic precision/recall for the four named topics (over all clauses) and pair
precision/recall/F1 (over the labelled pairs in tests/gold/pairs.yaml).
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path

from policy_compare.align import AlignSettings, align, load_topics
from policy_compare.evaluate import NAMED_TOPICS, Scores, evaluate
from policy_compare.normalise import load_rules
from policy_compare.parse import load_policies

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"

METHODS = {
    "policy-compare": AlignSettings(),
    "baseline: heading-only topics": AlignSettings(text_weight=0.0, example_weight=0.0, heading_weight=1.0),
    "baseline: plain TF-IDF rows": AlignSettings(role_penalty=1.0, char_ngrams=False, semantic_weight=0.0, link_threshold=0.0, link_floor=0.0),
}


def run(settings: AlignSettings) -> Scores:
    rules = load_rules(ROOT / "source_policies" / "normalisation.yml")
    policies = load_policies(ROOT / "source_policies", rules, ROOT)
    topics = load_topics(ROOT / "source_policies" / "topics.yml")
    return evaluate(align(policies, topics, None, settings, rules), GOLD)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--errors", action="store_true", help="list the clauses and pairs our method gets wrong")
    args = parser.parse_args()
    results = {name: run(settings) for name, settings in METHODS.items()}
    print(f"{'method':32} " + " ".join(f"{t[:14]:>15}" for t in NAMED_TOPICS) + "   pair P    R    F1")
    for name, scores in results.items():
        cells = " ".join(f"  P{scores.topics[t][0]:.2f} R{scores.topics[t][1]:.2f}" for t in NAMED_TOPICS)
        print(f"{name:32} {cells}   {scores.pair_precision:.2f} {scores.pair_recall:.2f} {scores.pair_f1:.2f}")
    ours = results["policy-compare"]
    print(f"pairs: {ours.pairs[0]} found, {ours.pairs[1]} wrongly joined, {ours.pairs[2]} missed")
    if ours.unresolved:
        print("gold quotes that match no clause:", *ours.unresolved, sep="\n  ")
    if args.errors:
        for kind, items in ours.errors.items():
            if items:
                print(f"\n{kind}:", *items, sep="\n  ")


if __name__ == "__main__":
    main()
