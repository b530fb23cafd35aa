"""The ``policy-compare`` command: ``import`` a school's policy, ``check`` all sources.

Thin: argument parsing and printing only; the work is done by the pure core.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import PolicyError
from .importer import import_policy
from .model import Policy
from .normalise import DEFAULT_RULES
from .pipeline import DEFAULT_TOPICS, Inputs, Pipeline
from .validate import validate_project


def _import(args: argparse.Namespace) -> int:
    slug, markdown = import_policy(Path(args.file), args.school, args.id)
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
    print(f"wrote {target}")
    return 0


def _check(args: argparse.Namespace) -> int:
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


def _check_as_built(config_file: Path, sources: str | None) -> tuple[tuple[Policy, ...], list[str]]:
    """Everything ``mkdocs build --strict`` checks, with the plugin configured by ``config_file``."""
    from mkdocs.config import load_config  # only here: the core never imports MkDocs
    from mkdocs.exceptions import ConfigurationError

    try:
        config = load_config(str(config_file))
    except ConfigurationError as exc:
        raise PolicyError(str(config_file), f"not a valid MkDocs configuration ({exc})") from exc
    plugin = config.plugins.get("policy_compare")
    if plugin is None:
        raise PolicyError(str(config_file), "does not use the policy_compare plugin", hint="add it under `plugins:`")
    if sources:
        plugin.config.sources = str(Path(sources).resolve())
    plugin.on_startup(command="build", dirty=False)
    plugin.on_config(config)
    generated = plugin.prepare(config)
    return plugin.alignment.policies, generated.warnings


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="policy-compare", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    imp = commands.add_parser("import", help="convert a .txt, .md or .docx policy into source_policies/<id>.md")
    imp.add_argument("file")
    imp.add_argument("--school", required=True, help='the school\'s full name, e.g. "Buckminster Primary School"')
    imp.add_argument("--id", help="short slug for the school (default: from the name)")
    imp.add_argument("--sources", default="source_policies", help="where source policies live (default: %(default)s)")
    imp.add_argument("--force", action="store_true", help="replace an existing source file, keeping the old one as <id>.md.bak")
    imp.set_defaults(run=_import)
    chk = commands.add_parser(
        "check", help="run the build's own checks (as `mkdocs build --strict`): exit 1 on a warning, 2 on an error"
    )
    chk.add_argument("--config-file", "-f", default="mkdocs.yml", help="the site's configuration (default: %(default)s)")
    chk.add_argument("--sources", default=None, help="check this folder instead of the one mkdocs.yml names")
    chk.add_argument("--strict", action="store_true", help=argparse.SUPPRESS)  # always strict now; kept for old scripts
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
