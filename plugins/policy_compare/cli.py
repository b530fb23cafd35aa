"""The ``policy-compare`` command: ``import`` a school's policy, ``check`` all sources.

Thin: argument parsing and printing only; the work is done by the pure core.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from .errors import PolicyError
from .import_batch import import_folder, summary
from .importer import SUPPORTED, import_document
from .normalise import load_rules
from .parse import load_policies


def _import(args: argparse.Namespace) -> int:
    if Path(args.file).is_dir():
        return _import_folder(args)
    result = import_document(Path(args.file), args.school, args.id)
    slug, markdown = result.school_id, result.markdown
    out_dir = Path(args.sources)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{slug}.md"
    if target.exists() and not args.force:
        raise PolicyError(str(target), "already exists", hint="pass --force to replace it")
    target.write_text(markdown, encoding="utf-8")
    print(f"wrote {target}: {result.school}, {result.sentences_read} sentences read, {result.sentences_written} written")
    for warning in result.warnings:
        print(f"  warning: {warning}")
    return 0


def _import_folder(args: argparse.Namespace) -> int:
    """Import every policy in a folder, print the summary, write the sources (unless --dry-run), then check."""
    if args.school or args.id:
        raise PolicyError(args.file, "--school and --id name one school", hint="import a folder without them: each file's school is read from its text")
    sources = Path(args.sources)
    rows = import_folder(Path(args.file), sources, load_rules(args.rules), force=args.force)
    if not rows:
        raise PolicyError(args.file, "no policy files in this folder", hint=f"the importer reads {', '.join(SUPPORTED)}")
    print(summary(rows))
    done = [row for row in rows if row.result is not None and not row.error]
    with tempfile.TemporaryDirectory() as tmp:
        # a dry run checks a scratch copy of the sources with the new files in it
        target = Path(tmp) if args.dry_run else sources
        if args.dry_run and sources.is_dir():
            for existing in sources.glob("*.md"):
                shutil.copy(existing, target / existing.name)
        target.mkdir(parents=True, exist_ok=True)
        for row in done:
            assert row.result is not None
            (target / f"{row.result.school_id}.md").write_text(row.result.markdown, encoding="utf-8")
        print(f"\n{'would write' if args.dry_run else 'wrote'} {len(done)} of {len(rows)} files"
              f"{'' if args.dry_run else f' to {sources}'}; check:\n")
        code = _check(argparse.Namespace(sources=str(target), rules=args.rules, strict=False)) if done else 0
    return 2 if len(done) < len(rows) else code


def _check(args: argparse.Namespace) -> int:
    rules = load_rules(args.rules)
    policies = load_policies(Path(args.sources), rules, Path.cwd())
    width = max(len(p.id) for p in policies)
    print(f"{'school':<{width}}  {'sections':>8}  {'clauses':>7}  warnings")
    for policy in policies:
        print(f"{policy.id:<{width}}  {len(policy.headings):>8}  {len(policy.clauses):>7}  {len(policy.warnings)}")
        for warning in policy.warnings:
            print(f"  warning: {warning}")
    print(f"{len(policies)} schools, {sum(len(p.clauses) for p in policies)} clauses")
    return 1 if args.strict and any(p.warnings for p in policies) else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="policy-compare", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    imp = commands.add_parser(
        "import", help="convert a policy (.txt, .md, .docx, .odt, .html, .pdf), or every one in a folder, into source_policies/<id>.md"
    )
    imp.add_argument("file", help="a policy file, or a folder of them")
    imp.add_argument("--school", help='the school\'s full name, e.g. "Buckminster Primary School" (default: the name the text uses)')
    imp.add_argument("--id", help="short slug for the school (default: from the name)")
    imp.add_argument("--sources", default="source_policies", help="where source policies live (default: %(default)s)")
    imp.add_argument("--rules", default=None, help="normalisation rules file, for check (default: the packaged rules)")
    imp.add_argument("--force", action="store_true", help="replace an existing source file")
    imp.add_argument("--dry-run", action="store_true", help="a folder: print the summary and check without writing anything")
    imp.set_defaults(run=_import)
    chk = commands.add_parser("check", help="validate every source policy and count its sections and clauses")
    chk.add_argument("--sources", default="source_policies")
    chk.add_argument("--rules", default=None, help="normalisation rules file (default: the packaged rules)")
    chk.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    chk.set_defaults(run=_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except PolicyError as exc:
        print(f"policy-compare: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
