"""Audit the rows: read verdicts for every pair sharing a row, and pair recall, per trust.

Usage: python scripts/audit_rows.py [--export DIR] [--list]

Trusts: the five seeds, then the seeds with each held-out policy (tests/heldout/*.txt,
tests/heldout/paraphrase/*.txt) imported as a sixth school. For each it prints the share of
row pairs judged ``same`` in tests/gold/audit.yaml, the related and unrelated counts, the
pairs nobody has judged yet, and pair recall against the labelled equivalences
(tests/gold/pairs.yaml for the seeds, tests/heldout/pairs_<school>.yaml for a sixth school).
``--export DIR`` writes each trust's unlabelled pairs as an audit file to fill in.
"""

from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

import numpy as np
import yaml

from policy_compare.audit import AuditResult, audit, load_verdicts, unlabelled_yaml
from policy_compare.evaluate import find_clause
from policy_compare.importer import import_policy
from policy_compare.model import Alignment, Clause
from policy_compare.pipeline import Inputs, Pipeline

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "heldout"
AUDIT = ROOT / "tests" / "gold" / "audit.yaml"


def sixth_schools() -> list[Path]:
    """The held-out policies that can join the seeds: each a sixth school, or (``trio/``, ``duo/``) a
    folder of policies that join together."""
    fresh = [HELDOUT / "fresh", *(HELDOUT / f"fresh{n}" for n in range(2, 13))]
    # "fresh10" after "fresh9": numbers in names compared as numbers
    return sorted([*HELDOUT.glob("*.txt"), *HELDOUT.glob("paraphrase/*.txt"), HELDOUT / "trio", HELDOUT / "duo", *fresh],
                  key=lambda p: [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", str(p))])


def joining(sixth: Path) -> list[tuple[Path, str, str]]:
    """The policy files ``sixth`` names, with the school each comes from and its id (the file's stem)."""
    folder, files = (sixth, sorted(f for f in sixth.iterdir() if f.suffix in (".txt", ".md", ".html", ".docx", ".odt", ".pdf"))) if sixth.is_dir() else (sixth.parent, [sixth])
    names = yaml.safe_load((folder / "schools.yaml").read_text(encoding="utf-8"))
    return [(file, names[file.name], file.stem) for file in files]


def trust(sixth: Path | None = None) -> Alignment:
    """Align the project's sources (and ``sixth``, imported with our importer) as the site does."""
    with tempfile.TemporaryDirectory() as tmp:
        sources = Path(tmp) / "source_policies"
        sources.mkdir()
        for file in sorted((ROOT / "source_policies").iterdir()):
            (sources / file.name).write_bytes(file.read_bytes())
        for file, name, stem in joining(sixth) if sixth is not None else []:
            school_id, markdown = import_policy(file, name, stem)
            (sources / f"{school_id}.md").write_text(markdown, encoding="utf-8")
        inputs = Inputs(
            root=Path(tmp), sources=sources, topics=sources / "topics.yml", overrides=sources / "overrides.yml",
            rules=sources / "normalisation.yml", curation=sources / "curation.yml",
        )
        return Pipeline().run(inputs)


def gold_pairs(sixth: Path | None) -> Path:
    return sixth.parent / f"pairs_{sixth.stem}.yaml" if sixth else ROOT / "tests" / "gold" / "pairs.yaml"


def labelled_pairs(alignment: Alignment, gold: Path) -> tuple[list[tuple[Clause, Clause]], list[str]]:
    """The ``same: true`` equivalences of a gold file as clause pairs, and the entries whose
    quotes name no clause (``UNRESOLVED ...``)."""
    by_school: dict[str, list[Clause]] = {p.id: list(p.clauses) for p in alignment.policies}
    pairs: list[tuple[Clause, Clause]] = []
    unresolved: list[str] = []
    for entry in (yaml.safe_load(gold.read_text(encoding="utf-8")) or {}).get("pairs") or []:
        if not entry.get("same"):
            continue
        a = find_clause(entry["a"]["school"], entry["a"]["quote"], by_school)
        b = find_clause(entry["b"]["school"], entry["b"]["quote"], by_school)
        if a is None or b is None:
            unresolved.append(f"UNRESOLVED {entry['a']['quote']} ~ {entry['b']['quote']}")
        else:
            pairs.append((a, b))
    return pairs, unresolved


def recall(alignment: Alignment, gold: Path) -> tuple[int, int, list[str]]:
    """(found, labelled, missed) over the ``same: true`` equivalences of a gold file.

    A row holds one clause per school, so a clause labelled equivalent to two sentences of one
    other school (a school that says it twice) can share a row with only one of them. The unit
    is therefore a clause and another school: found when the clause shares a row with any of its
    labelled partners in that school. Each direction counts (a -> b's school, b -> a's school).
    """
    pairs, unresolved = labelled_pairs(alignment, gold)
    partners: dict[tuple[str, str], set[str]] = {}
    for a, b in pairs:
        partners.setdefault((a.id, b.school), set()).add(b.id)
        partners.setdefault((b.id, a.school), set()).add(a.id)
    found = 0
    missed = list(unresolved)
    for (clause_id, school), others in sorted(partners.items()):
        row = alignment.clause_row.get(clause_id)
        if any(alignment.clause_row.get(o) == row for o in others):
            found += 1
        else:
            clause, other = alignment.clause(clause_id), alignment.clause(sorted(others)[0])
            missed.append(f"{clause.school}: {clause.text[:80]}  ~  {school}: {other.text[:80]}")
    return found, len(partners) + len(unresolved), missed


def labelled_partners(pairs: list[tuple[Clause, Clause]]) -> dict[str, set[str]]:
    """Each clause's labelled equivalents, both ways."""
    partners: dict[str, set[str]] = {}
    for a, b in pairs:
        partners.setdefault(a.id, set()).add(b.id)
        partners.setdefault(b.id, set()).add(a.id)
    return partners


def placed_with_a_partner(alignment: Alignment, partners: dict[str, set[str]], school: str) -> tuple[int, int]:
    """(placed, labelled): the sixth school's clauses with a labelled equivalent that share a row with one."""
    own = [cid for cid in partners if alignment.clause(cid).school == school]
    placed = sum(1 for cid in own if any(alignment.clause_row[cid] == alignment.clause_row[o] for o in partners[cid]))
    return placed, len(own)


def recall_ceiling(alignment: Alignment, partners: dict[str, set[str]], school: str) -> int:
    """The most pair-recall units any placement of the sixth school's clauses could find, the
    other schools' rows as they are (a row holds one clause per school): a maximum-weight
    matching of its clauses to rows, each worth the units it would find there.

    Held-out labels pair a clause with every sentence stating (part of) its rule, often several
    rows of one school; no row can hold them all, so recall cannot reach 1.
    """
    from scipy.optimize import linear_sum_assignment

    own = sorted(cid for cid in partners if alignment.clause(cid).school == school)
    rows = sorted({alignment.clause_row[o] for cid in own for o in partners[cid]})
    if not own or not rows:
        return 0
    worth = np.zeros((len(own), len(rows)))
    for i, cid in enumerate(own):
        for j, rid in enumerate(rows):
            there = [o for o in partners[cid] if alignment.clause_row[o] == rid]
            # units found: (this clause, each school there) and (each partner there, this school)
            worth[i, j] = len({alignment.clause(o).school for o in there}) + len(there)
    chosen_rows, chosen_cols = linear_sum_assignment(-worth)
    return int(worth[chosen_rows, chosen_cols].sum())


def report(name: str, result: AuditResult, found: int, labelled: int) -> str:
    counts = result.counts
    rec = found / labelled if labelled else 1.0
    return (
        f"{name:22} {result.pairs:6} {result.same_share:8.3f} {counts['related']:8} {counts['unrelated']:10} "
        f"{len(result.unlabelled):11}   " + (f"{rec:.3f} ({found}/{labelled})" if labelled else "no labels")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--export", type=Path, help="write each trust's unlabelled pairs here, to be judged")
    parser.add_argument("--list", action="store_true", help="list related/unrelated pairs and missed gold pairs")
    parser.add_argument("--only", help="only the trust with this sixth school (or 'seeds')")
    args = parser.parse_args()
    verdicts = load_verdicts(AUDIT)
    print(f"{'trust':22} {'pairs':>6} {'same':>8} {'related':>8} {'unrelated':>10} {'unlabelled':>11}   pair recall"
          "   (ceiling: the most any placement of the sixth school's clauses could reach; its clauses"
          " with a labelled equivalent that share a row with one)")
    for sixth in [None, *sixth_schools()]:
        name = "seeds" if sixth is None else f"seeds + {sixth.stem}"
        if args.only and args.only != (sixth.stem if sixth else "seeds"):
            continue
        alignment = trust(sixth)
        result = audit(alignment, verdicts)
        gold = gold_pairs(sixth)
        found, labelled, missed = recall(alignment, gold) if gold.exists() else (0, 0, [])
        line = report(name, result, found, labelled)
        if sixth is not None and gold.exists():
            partners = labelled_partners(labelled_pairs(alignment, gold)[0])
            placed, own = placed_with_a_partner(alignment, partners, sixth.stem)
            ceiling = recall_ceiling(alignment, partners, sixth.stem)
            line += f"   ceiling {ceiling / labelled:.3f}   placed with a partner {placed}/{own}"
        print(line)
        if args.list:
            for verdict, a, b in result.wrong:
                print(f"    {verdict}: {a.school}: {a.text[:90]}\n{'':17}~ {b.school}: {b.text[:90]}")
            for line in missed:
                print(f"    missed: {line}")
        if args.export and result.unlabelled:
            args.export.mkdir(parents=True, exist_ok=True)
            (args.export / f"{sixth.stem if sixth else 'seeds'}.yaml").write_text(unlabelled_yaml(list(result.unlabelled)), encoding="utf-8")


if __name__ == "__main__":
    main()
