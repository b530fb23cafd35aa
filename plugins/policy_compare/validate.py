"""Check every input of a project before anything is built or written.

Sizes, links leaving the project, encodings, YAML, and each source's front matter (types,
real dates, unknown keys). Errors raise ``PolicyError`` with file, line and a fix; problems
the build survives come back as warnings. It does not parse policy bodies or align
anything: the pipeline does that. No MkDocs import: the plugin calls it in ``on_pre_build``
(before MkDocs empties ``site/``) and ``policy-compare check`` calls it the same way.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from pathlib import Path

import yaml

from .align import load_topics
from .dates import parse_date
from .errors import PolicyError
from .legislation import load_register
from .merge import load_curation
from .normalise import load_rules
from .overrides import load_overrides
from .parse import parse_front_matter, read_source
from .pipeline import Inputs
from .safe_yaml import SafeLoader, key_lines, safe_load

MAX_YAML_BYTES = 2 * 1024 * 1024
MAX_SOURCE_BYTES = 10 * 1024 * 1024

DATE_KEYS = ("adopted", "reviewed", "next_review")
TEXT_KEYS = ("school", "title", "imported_from")
FRONT_MATTER_KEYS = ("school", "id", "title", *DATE_KEYS, "aliases", "review_months", "imported_from")
MAX_REVIEW_MONTHS = 120
IMPORTABLE = (".txt", ".docx", ".markdown", ".doc", ".odt", ".rtf", ".pdf", ".html", ".htm")
IGNORED_SUFFIXES = (".bak",)  # `policy-compare import --force` keeps the replaced source as <id>.md.bak


def validate_project(inputs: Inputs) -> list[str]:
    """Check every input file of ``inputs``; returns warnings, raises ``PolicyError`` on the first error."""
    warnings: list[str] = []
    for path, loader in _yaml_inputs(inputs):
        if path is not None and path.exists():
            _check_yaml_file(inputs, path)
            try:
                loader(path)
            except PolicyError as exc:
                if exc.path not in (str(path), inputs.shown(path)):
                    raise
                # the topic and rules loaders name the file by its full path; the line is found here
                line = exc.line or _line_of(path.read_text(encoding="utf-8"), exc.message)
                raise PolicyError(inputs.shown(path), exc.message, line, exc.hint) from exc
            except (TypeError, AttributeError, KeyError, ValueError) as exc:
                # a shape the loader did not expect (a number where a list belongs, ...)
                raise PolicyError(
                    inputs.shown(path), f"has a value of the wrong kind ({type(exc).__name__}: {exc})",
                    hint="compare its layout with the comments at the top of the file or the README",
                ) from exc
    sources = inputs.sources
    if not sources.is_dir():
        return warnings  # the pipeline says so, with its hint
    yaml_inputs = {p.resolve() for p, _ in _yaml_inputs(inputs) if p is not None}
    for path in sorted(sources.iterdir()):
        shown = inputs.shown(path)
        if path.name.startswith(".") or path.suffix in IGNORED_SUFFIXES:
            continue
        _check_inside(inputs, path)
        if path.is_dir():
            continue
        if path.suffix == ".md":
            _check_file(inputs, path, MAX_SOURCE_BYTES)
            warnings.extend(validate_source(path, shown))
        elif path.resolve() in yaml_inputs:
            continue
        elif path.suffix.lower() == ".md":
            warnings.append(f"{shown}: not read: source policies end in lower-case .md; rename it to {path.stem}.md")
        elif path.suffix.lower() in IMPORTABLE:
            warnings.append(
                f"{shown}: not read: source policies are markdown files (*.md) with front matter; "
                f"import it with `policy-compare import {shown} --school \"School name\"`, then delete {path.name}"
            )
        else:
            warnings.append(
                f"{shown}: not read: only source policies (*.md) and the YAML files named in mkdocs.yml belong in "
                f"{inputs.shown(sources)}; move it elsewhere"
            )
    return warnings


def _line_of(text: str, message: str) -> int | None:
    """The line a loader's message is about: an unknown key, the n-th topic or instrument, a bad entry."""
    if unknown := re.match(r"unknown key\(s\): ([^,;]+)", message):
        return key_lines(text).get(unknown[1])
    numbered = re.match(r"(topic|instrument) (\d+)\b", message)
    entry = re.match(r"(add|move|join) entries .*?: (.*)$", message)
    try:
        node = yaml.compose(text, Loader=SafeLoader)  # noqa: S506 - SafeLoader subclass
    except (yaml.YAMLError, RecursionError):
        return None
    if not isinstance(node, yaml.MappingNode) or not (numbered or entry):
        return None
    key = f"{numbered[1]}s" if numbered else entry[1]  # type: ignore[index]
    items = next((v.value for k, v in node.value if getattr(k, "value", None) == key and isinstance(v, yaml.SequenceNode)), [])
    for index, item in enumerate(items, 1):
        if numbered and index == int(numbered[2]):
            return int(item.start_mark.line) + 1
        if entry and repr(SafeLoader("").construct_document(item)) == entry[2]:
            return int(item.start_mark.line) + 1
    return None


def _yaml_inputs(inputs: Inputs) -> list[tuple[Path | None, Callable[[Path], object]]]:
    """The YAML files of a project, each with the loader that checks it fully."""

    def register(path: Path) -> object:
        try:
            return load_register(path)
        except ValueError as exc:  # the register's own errors name file (as given) and entry
            where, _, what = str(exc).partition(": ")
            raise PolicyError(where.replace(str(path), inputs.shown(path), 1), what, hint="fix that entry of the register") from exc

    def topics(path: Path) -> object:
        data = safe_load_file(path, inputs.shown(path))
        entries = data.get("topics") if isinstance(data, dict) else None
        for index, entry in enumerate(entries if isinstance(entries, list) else (), 1):
            if isinstance(entry, dict) and "order" in entry and not _whole(entry["order"], 0):
                raise PolicyError(inputs.shown(path), f"topic {index} ({entry.get('id')}): `order: {entry['order']}` must be a whole number",
                                  hint="give each topic a whole number, or leave `order` out")
        return load_topics(path)

    def curation(path: Path) -> object:
        shown = inputs.shown(path)
        data = safe_load_file(path, shown)
        if isinstance(data, dict) and data.get("review_months") is not None and not _whole(data["review_months"], 1):
            line = key_lines(path.read_text(encoding="utf-8")).get("review_months")
            raise PolicyError(shown, f"`review_months: {data['review_months']}` must be a whole number of months", line,
                              hint="e.g. `review_months: 24`, or leave it out (12)")
        return load_curation(path, shown)

    return [
        (inputs.topics, topics),
        (inputs.rules, load_rules),
        (inputs.overrides, lambda p: load_overrides(p, inputs.shown(p))),
        (inputs.curation, curation),
        (inputs.register, register),
    ]


def safe_load_file(path: Path, shown: str) -> object:
    """A YAML file's data, or a ``PolicyError`` naming the line that is not valid YAML."""
    try:
        return safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise PolicyError(shown, f"not valid YAML ({getattr(exc, 'problem', None) or exc})", mark.line + 1 if mark else None) from exc


def _whole(value: object, least: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= least


def _check_inside(inputs: Inputs, path: Path) -> None:
    """A link in the sources folder must stay inside the project: nothing outside it is published."""
    if path.is_symlink() and not path.exists():
        raise PolicyError(inputs.shown(path), "is a link to a file that does not exist", hint="delete the link or copy the file here")
    if path.is_symlink() and not path.resolve().is_relative_to(inputs.root.resolve()):
        raise PolicyError(
            inputs.shown(path), f"is a link to {path.resolve()}, outside the project",
            hint="copy the file into the project instead of linking to it",
        )


def _check_file(inputs: Inputs, path: Path, limit: int) -> None:
    """Refuse a file over ``limit`` bytes or outside the project before any loader reads it."""
    _check_inside(inputs, path)
    size = path.stat().st_size
    if size > limit:
        raise PolicyError(
            inputs.shown(path), f"is {size / 1024 / 1024:.1f} MB, more than the {limit // 1024 // 1024} MB this plugin reads",
            hint="is this the right file? Split a policy this long into several, or trim it",
        )


def _check_yaml_file(inputs: Inputs, path: Path) -> None:
    _check_file(inputs, path, MAX_YAML_BYTES)
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PolicyError(inputs.shown(path), "not UTF-8 text", line, hint="re-save it as UTF-8") from exc


def validate_source(path: Path, shown: str) -> list[str]:
    """Check one source's front matter: types, real dates, known keys, id matching the file name."""
    text = read_source(path, shown)
    front = parse_front_matter(text, shown)
    meta = front.meta
    lines = key_lines("\n".join(text.split("\n")[1 : front.body_start - 2]), 2)
    warnings: list[str] = []

    def fail(key: str, what: str, hint: str) -> PolicyError:
        return PolicyError(shown, f"`{key}: {_shown_value(meta[key])}` {what}", lines.get(key, 2), hint=hint)

    for key in TEXT_KEYS:
        if key in meta and not isinstance(meta[key], str):
            raise fail(key, f"must be text, not {_kind(meta[key])}", f"write it on one line, e.g. `{key}: Oakfield Primary School`")
    if not isinstance(meta["id"], str):
        raise fail("id", f"must be text, not {_kind(meta['id'])}", "use lower-case letters, digits and hyphens, e.g. `id: oakfield`")
    for key in DATE_KEYS:
        value = meta.get(key)
        if value in (None, ""):
            continue
        if not isinstance(value, str) or parse_date(value) is None:
            raise fail(key, "is not a real date", "write it as YYYY-MM-DD (e.g. 2021-11-23) or YYYY-MM, or remove the line")
    aliases = meta.get("aliases")
    if aliases is not None and (not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases)):
        raise fail("aliases", "must be a list of names", "write e.g. `aliases: [Oakfield, Oakfield Primary]`")
    months = meta.get("review_months")
    if months is not None and (not _whole(months, 1) or months > MAX_REVIEW_MONTHS):
        raise fail("review_months", f"must be a whole number of months from 1 to {MAX_REVIEW_MONTHS}", "e.g. `review_months: 24`, or remove the line (12)")
    for key in meta:
        if key not in FRONT_MATTER_KEYS:
            close = difflib.get_close_matches(key, FRONT_MATTER_KEYS, n=1, cutoff=0.6)
            hint = f"did you mean `{close[0]}`?" if close else f"the keys are {', '.join(FRONT_MATTER_KEYS)}"
            warnings.append(f"{shown}:{lines.get(key, 2)}: unknown front-matter key `{key}`, ignored; {hint}")
    if meta["id"] != path.stem:
        warnings.append(
            f"{shown}:{lines.get('id', 2)}: id `{meta['id']}` differs from the file name {path.name}; "
            f"rename the file to {meta['id']}.md or set `id: {path.stem}`"
        )
    return warnings


def _kind(value: object) -> str:
    return {list: "a list", dict: "a mapping", bool: "true/false", int: "a number", float: "a number"}.get(type(value), "empty")


def _shown_value(value: object) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 60 else text[:57] + "..."
