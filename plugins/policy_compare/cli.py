"""The ``policy-compare`` command: ``import`` a school's policy, ``check`` all sources (or the model).

Thin: argument parsing and printing only; the work is done by the pure core.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, TextIO

from .errors import PolicyError
from .import_batch import import_folder, left_out_lines, summary
from .importer import SUPPORTED, ImportResult, import_document
from .model import Policy
from .normalise import DEFAULT_RULES, load_rules
from .pipeline import DEFAULT_TOPICS, Inputs, Pipeline
from .validate import validate_project


def _import(args: argparse.Namespace) -> int:
    if Path(args.file).is_dir():
        return _import_folder(args)
    result = import_document(Path(args.file), args.school, args.id)
    slug, markdown = result.school_id, result.markdown
    if args.dry_run:
        # nothing is written: the source it would write goes to stdout, what it read to stderr
        sys.stdout.write(markdown)
        _report(result, f"would write {Path(args.sources) / f'{slug}.md'}", sys.stderr)
        return 0
    out_dir = Path(args.sources)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{slug}.md"
    if target.exists() and not args.force:
        raise PolicyError(str(target), "already exists", hint="pass --force to replace it")
    if target.exists():
        backup = target.with_name(target.name + ".bak")  # the build ignores *.bak files
        backup.write_bytes(target.read_bytes())
        print(f"kept the old {target.name} as {backup}")
    target.write_text(markdown, encoding="utf-8")
    _report(result, f"wrote {target}", sys.stdout)
    return 0


def _report(result: ImportResult, done: str, out: TextIO) -> None:
    """What one import read and wrote, its warnings, and what it left out on purpose."""
    print(f"{done}: {result.school}, {result.sentences_read} sentences read, {result.sentences_written} written", file=out)
    for warning in result.warnings:
        print(f"  warning: {warning}", file=out)
    for line in left_out_lines(result.removed):
        print(f"  left out: {line}", file=out)


def _import_folder(args: argparse.Namespace) -> int:
    """Import every policy in a folder, print the summary, write the sources (unless --dry-run), then check."""
    if args.school or args.id:
        raise PolicyError(args.file, "--school and --id name one school", hint="import a folder without them: each file's school is read from its text")
    sources = Path(args.sources)
    project_rules = sources / "normalisation.yml"
    rows = import_folder(Path(args.file), sources, load_rules(project_rules if project_rules.exists() else None), force=args.force)
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
        code = _check(argparse.Namespace(sources=str(target), config_file="mkdocs.yml", model=False)) if done else 0
    return 2 if len(done) < len(rows) else code


def _check(args: argparse.Namespace) -> int:
    if args.model:
        return _check_model(args)
    config_file = Path(args.config_file)
    if config_file.exists():
        policies, warnings = _check_as_built(config_file, args.sources)
    else:
        print(f"no {config_file}: checking {args.sources or 'source_policies'} with the plugin's defaults")
        sources = Path(args.sources or "source_policies").resolve()
        inputs = Inputs(root=Path.cwd(), sources=sources, topics=DEFAULT_TOPICS, overrides=None, rules=DEFAULT_RULES)
        warnings = validate_project(inputs)
        alignment = Pipeline().run(inputs)
        policies, warnings = alignment.policies, [*warnings, *alignment.warnings]
    width = max(len("school"), *(len(p.id) for p in policies))
    print(f"{'school':<{width}}  {'sections':>8}  {'clauses':>7}  warnings")
    for policy in policies:
        print(f"{policy.id:<{width}}  {len(policy.headings):>8}  {len(policy.clauses):>7}  {len(policy.warnings)}")
    for warning in warnings:
        print(f"warning: {warning}")
    print(f"{len(policies)} schools, {sum(len(p.clauses) for p in policies)} clauses, {len(warnings)} warnings")
    return 1 if warnings else 0


def _configured_plugin(config_file: Path, sources: str | None) -> tuple[Any, Any]:
    """The MkDocs configuration ``config_file`` gives and its policy_compare plugin (``None``
    when it does not use it), configured as for a build, with ``sources`` in place of its folder."""
    from mkdocs.config import load_config  # only here: the core never imports MkDocs
    from mkdocs.exceptions import ConfigurationError

    try:
        config = load_config(str(config_file))
    except ConfigurationError as exc:
        raise PolicyError(str(config_file), f"not a valid MkDocs configuration ({exc})") from exc
    plugin = config.plugins.get("policy_compare")
    if plugin is not None:
        if sources:
            plugin.config.sources = str(Path(sources).resolve())
        plugin.on_startup(command="build", dirty=False)
        plugin.on_config(config)
    return config, plugin


def _check_as_built(config_file: Path, sources: str | None) -> tuple[tuple[Policy, ...], list[str]]:
    """Everything ``mkdocs build --strict`` checks, with the plugin configured by ``config_file``."""
    config, plugin = _configured_plugin(config_file, sources)
    if plugin is None:
        raise PolicyError(str(config_file), "does not use the policy_compare plugin", hint="add it under `plugins:`")
    generated = plugin.prepare(config)
    return plugin.alignment.policies, generated.warnings


def _check_model(args: argparse.Namespace) -> int:
    """Lint the merged model policy; 1 when there is anything to review. The inputs (topics,
    normalisation, curation, legislation register) are those mkdocs.yml gives the build, when
    there is one; else the ones in the sources folder."""
    import dataclasses

    from .legislation import load_register
    from .lint import KINDS, laws_to_update, lint
    from .merge import load_curation, merge

    inputs = _model_inputs(Path(getattr(args, "config_file", "mkdocs.yml")), args.sources)
    if args.curation:
        inputs = dataclasses.replace(inputs, curation=Path(args.curation).resolve())
    alignment = Pipeline().run(inputs)
    curation = load_curation(inputs.curation, inputs.shown(inputs.curation) if inputs.curation else None)
    register = load_register(inputs.register)
    model = merge(alignment, curation, args.threshold, inputs.placeholder, register)
    findings = lint(model, alignment)
    for finding in findings:
        print(f"{finding.number}: {finding.kind}: {KINDS[finding.kind]}: {finding.detail}")
        print(f"    {finding.text}")
        print(f"    settle with: {finding.settle}")
    print(f"{len(findings)} {'finding' if len(findings) == 1 else 'findings'} in the model policy")
    laws = laws_to_update(model, register)
    for number, law in laws:
        instead = f"; in its place: {law.instead}" if law.instead else ""
        print(f"{number}: law to bring up to date: {law.cited}: {law.problem}{instead}")
    if laws:
        print(f"{len(laws)} {'reference' if len(laws) == 1 else 'references'} to law to bring up to date (listed on the review page too)")
    for clause_id, why in model.left_out:
        clause = alignment.clause(clause_id)
        print(f"left out: {clause.school}: {clause.text}: {why}")
    if model.left_out:
        print(f"{len(model.left_out)} {'sentence' if len(model.left_out) == 1 else 'sentences'} left out of the model (listed on the review page too)")
    return 1 if findings else 0


def _model_inputs(config_file: Path, sources: str | None) -> Inputs:
    """The build's inputs as mkdocs.yml configures the plugin; without mkdocs.yml (or the plugin
    in it), the sources folder's own files."""
    if config_file.exists():
        _config, plugin = _configured_plugin(config_file, sources)
        if plugin is not None:
            return plugin.inputs
    folder = Path(sources or "source_policies").resolve()
    topics, rules = folder / "topics.yml", folder / "normalisation.yml"
    return Inputs(
        root=Path.cwd(), sources=folder, topics=topics if topics.exists() else DEFAULT_TOPICS,
        overrides=folder / "overrides.yml", rules=rules if rules.exists() else DEFAULT_RULES, curation=folder / "curation.yml",
    )


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
    imp.add_argument("--force", action="store_true", help="replace an existing source file, keeping the old one as <id>.md.bak")
    imp.add_argument("--dry-run", action="store_true", help="write nothing: a file's source is printed; a folder's summary is printed and checked")
    imp.set_defaults(run=_import)
    chk = commands.add_parser(
        "check", help="run the build's own checks (as `mkdocs build --strict`): exit 1 on a warning, 2 on an error"
    )
    chk.add_argument("--config-file", "-f", default="mkdocs.yml", help="the site's configuration (default: %(default)s)")
    chk.add_argument("--sources", default=None, help="check this folder instead of the one mkdocs.yml names")
    chk.add_argument("--strict", action="store_true", help=argparse.SUPPRESS)  # always strict now; kept for old scripts
    chk.add_argument("--model", action="store_true", help="lint the merged model policy instead; exit 1 when it finds anything")
    chk.add_argument("--curation", default=None, help="with --model: curation file (default: SOURCES/curation.yml)")
    chk.add_argument("--threshold", type=int, default=2, help="with --model: schools that must share a row (default: %(default)s)")
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
