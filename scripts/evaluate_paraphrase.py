"""How often a paraphrase's true partner is its best match: lexical similarity against lexical + embedding.

Usage: python scripts/evaluate_paraphrase.py
For each labelled pair of tests/heldout/paraphrase/pairs_*.yaml (a strongly paraphrased
policy and the seed it rewrites, imported as a sixth school), it checks whether the seed
sentence is the paraphrase's best match among that seed's clauses, and whether the two are
each other's best match (mutual), with the row similarity without and with sentence embeddings.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from audit_rows import HELDOUT, trust  # noqa: E402

from policy_compare.evaluate import find_clause  # noqa: E402
from policy_compare.model import AlignSettings  # noqa: E402
from policy_compare.normalise import load_rules  # noqa: E402
from policy_compare.rows import similarity_model  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    rules = load_rules(ROOT / "source_policies" / "normalisation.yml")
    print(f"{'policy':10} {'pairs':>5}  {'similarity':28} {'best':>5} {'mutual':>7} {'wrong best':>10}")
    for sixth in sorted(HELDOUT.glob("paraphrase/*.txt")):
        alignment = trust(sixth)
        clauses = [c for p in alignment.policies for c in p.clauses]
        at = {c.id: i for i, c in enumerate(clauses)}
        by_school = {p.id: list(p.clauses) for p in alignment.policies}
        gold = yaml.safe_load((sixth.parent / f"pairs_{sixth.stem}.yaml").read_text(encoding="utf-8"))["pairs"]
        pairs = [(find_clause(e["a"]["school"], e["a"]["quote"], by_school), find_clause(e["b"]["school"], e["b"]["quote"], by_school)) for e in gold]
        pairs = [(a, b) for a, b in pairs if a is not None and b is not None]
        partners = {(a.id, b.school) for a, b in pairs}
        for name, weight in (("lexical (TF-IDF + overlap)", 0.0), ("mean with USE embedding", AlignSettings().semantic_weight)):
            model = similarity_model(clauses, AlignSettings(semantic_weight=weight), rules)
            best = mutual = 0
            for a, b in pairs:
                theirs = [at[c.id] for c in by_school[b.school]]
                mine = [at[c.id] for c in by_school[a.school]]
                top = theirs[int(np.argmax(model.block([at[a.id]], theirs)[0]))]
                back = mine[int(np.argmax(model.block([at[b.id]], mine)[0]))]
                best += top == at[b.id]
                mutual += top == at[b.id] and back == at[a.id]
            # a best match that is not a labelled partner, for a paraphrase that has one
            wrong = 0
            for clause_id, school in sorted(partners):
                theirs = [at[c.id] for c in by_school[school]]
                top = theirs[int(np.argmax(model.block([at[clause_id]], theirs)[0]))]
                wrong += (clause_id, clauses[top].id) not in {(a.id, b.id) for a, b in pairs}
            print(f"{sixth.stem:10} {len(pairs):5}  {name:28} {best:5} {mutual:7} {wrong:10}")


if __name__ == "__main__":
    main()
