"""Model lint counts: on the seeds with the committed curation, then with each held-out
policy (tests/heldout/*.txt) imported as a sixth school, then with the three policies of
tests/heldout/trio/ imported together (eight schools) and the two of tests/heldout/duo/ and of tests/heldout/fresh/ (seven;
the lint only).

Usage: python scripts/lint_model.py [--findings]
Each held-out policy is imported with the project's importer (as a maintainer would) into a
copy of ``source_policies/`` beside the five seeds; the model is merged with the committed
curation and linted. Targets: 0 of each kind on the seeds, at most 2 in all with a sixth school.

Also measured: how many of the five-school model's entries a sixth school changes, and why
(:mod:`policy_compare.drift`): ``joined`` (the sixth school states one of the entry's rules:
a better wording, or an added item or sentence), ``fuller-source`` (it says more on the section's
topic than the school that carried the section, and now carries it), ``regrouped`` (every clause
it was worded from is still stated, in another entry) or ``unexplained`` (target: none).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

import yaml
from policy_compare.drift import KINDS, model_changes
from policy_compare.importer import import_policy
from policy_compare.model import Alignment
from policy_compare.lint import Finding, counts, lint
from policy_compare.merge import ModelPolicy, load_curation, merge
from policy_compare.pipeline import Inputs, Pipeline, default_inputs

ROOT = Path(__file__).resolve().parent.parent
HELDOUT = ROOT / "tests" / "heldout"


def build(root: Path) -> tuple[ModelPolicy, list[Finding], Alignment]:
    """The model built from the project at ``root`` with its curation, its lint findings and its alignment."""
    inputs = default_inputs(root)
    inputs = Inputs(**{**inputs.__dict__, "rules": root / "source_policies" / "normalisation.yml"})
    alignment = Pipeline().run(inputs)
    model = merge(alignment, load_curation(inputs.curation))
    return model, lint(model, alignment), alignment


def with_sixth(file: Path, school: str) -> tuple[str, ModelPolicy, list[Finding], Alignment]:
    """The model and findings with one held-out policy imported beside the seeds."""
    return with_schools([(file, school)])


def with_schools(files: list[tuple[Path, str]]) -> tuple[str, ModelPolicy, list[Finding], Alignment]:
    """The model and findings with held-out policies imported beside the seeds (the last one's id first)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(ROOT / "source_policies", root / "source_policies")
        school_id = ""
        for file, school in files:
            school_id, markdown = import_policy(file, school, file.stem)
            (root / "source_policies" / f"{school_id}.md").write_text(markdown, encoding="utf-8")
        return (school_id, *build(root))


def report(label: str, found: list[Finding], show: bool) -> None:
    tally = counts(found)
    print(f"{label:<34} {sum(tally.values()):>3} in all  " + "  ".join(f"{k} {n}" for k, n in tally.items()))
    if show:
        for finding in found:
            print(f"    {finding.number:>6} {finding.kind}: {finding.text[:90]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--findings", action="store_true", help="list each finding and each unexplained change")
    args = parser.parse_args()
    seeds, found, seed_alignment = build(ROOT)
    report("seeds (5 schools)", found, args.findings)
    names = yaml.safe_load((HELDOUT / "schools.yaml").read_text(encoding="utf-8"))
    for file in sorted(HELDOUT.glob("*.txt")):
        school_id, model, found, alignment = with_sixth(file, names[file.name])
        report(f"seeds + {file.stem} (6 schools)", found, args.findings)
        changes = model_changes(seeds, seed_alignment, model, alignment, school_id)
        tally = "  ".join(f"{kind} {sum(1 for c in changes if c.kind == kind)}" for kind in KINDS)
        print(f"{'':<34} stability: {len(changes)} of {len(seeds.clauses())} entries changed: {tally}")
        if args.findings:
            for change in changes:
                print(f"    {change.number:>6} {change.kind}: {change.text[:90]}")
    # policies written elsewhere, imported together (the trio: eight schools; the duo: seven): the lint only
    for folder in (HELDOUT / "trio", HELDOUT / "duo", HELDOUT / "fresh", *(HELDOUT / f"fresh{n}" for n in range(2, 13))):
        folder_names = yaml.safe_load((folder / "schools.yaml").read_text(encoding="utf-8"))
        files = [(f, folder_names[f.name]) for f in sorted(folder.iterdir()) if f.name in folder_names]
        _, _, found, _ = with_schools(files)
        report(f"seeds + {folder.name} ({5 + len(files)} schools)", found, args.findings)


if __name__ == "__main__":
    main()
