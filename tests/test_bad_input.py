"""Every mistake a maintainer can make is one clear message naming file and line, never a traceback,
and `policy-compare check` fails exactly where `mkdocs build --strict` fails.

Each row of BAD_INPUTS changes one file of a small two-school project; the same row runs through
MkDocs' own build command in strict mode and through `policy-compare check`.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from policy_compare.cli import main

from .conftest import ROOT

MKDOCS_YML = """site_name: Bad input
theme: {name: material, font: false}
plugins:
  - policy_compare:
      topics: source_policies/topics.yml
      curation: source_policies/curation.yml
      overrides: source_policies/overrides.yml
      normalisation: source_policies/normalisation.yml
      pdf: never
      today: "2024-01-01"
      cache_dir: ""
"""


@dataclass(frozen=True)
class Bad:
    """One bad input: what to do to the project, and the words every report of it must contain."""

    change: Callable[[Path], None]
    expected: tuple[str, ...]
    error: bool = True  # False: a warning, which fails a strict build all the same


def _front(key_lines: str, school: str = "cambois") -> Callable[[Path], None]:
    """Add lines to a source's front matter (after its `id:` line)."""

    def change(project: Path) -> None:
        path = project / "source_policies" / f"{school}.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace(f"id: {school}\n", f"id: {school}\n{key_lines}\n", 1), encoding="utf-8")

    return change


def _replace(name: str, old: str, new: str) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        path = project / "source_policies" / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def _write(name: str, content: str | bytes) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        path = project / "source_policies" / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    return change


def _append(name: str, content: str) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        path = project / "source_policies" / name
        path.write_text(path.read_text(encoding="utf-8") + content, encoding="utf-8")

    return change


def _link(name: str, target: str) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        outside = project.parent / f"{project.name}-outside"
        outside.mkdir(exist_ok=True)
        (outside / "secret.md").write_text("---\nschool: Secret\nid: secret\n---\n\nSecret text.\n", encoding="utf-8")
        (project / "source_policies" / name).symlink_to(outside / target)

    return change


def _big(name: str, size: int, line: str) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        path = project / "source_policies" / name
        head = path.read_text(encoding="utf-8") if name.endswith(".md") else ""
        path.write_text(head + line * (size // len(line) + 1), encoding="utf-8")

    return change


SRC = "source_policies/cambois.md"
BOMB = "essential:\n  - &a [x, x, x, x, x, x, x, x]\n  - &b [*a, *a, *a, *a, *a, *a, *a, *a]\n  - &c [*b, *b, *b, *b, *b, *b, *b, *b]\n"
REGISTER = "register.yml"

BAD_INPUTS: dict[str, Bad] = {
    # --- dates ---------------------------------------------------------------------------------
    "impossible date": Bad(_front("reviewed: 2021-13-45"), (f"{SRC}:4:", "`reviewed: 2021-13-45` is not a real date", "YYYY-MM-DD")),
    "impossible date, quoted": Bad(_front('reviewed: "2021-13-45"'), (f"{SRC}:4:", "`reviewed: 2021-13-45` is not a real date")),
    "30 February": Bad(_front("adopted: 2021-02-30"), (f"{SRC}:4:", "`adopted: 2021-02-30` is not a real date")),
    "30 February, quoted": Bad(_front("next_review: '2021-02-30'"), (f"{SRC}:4:", "`next_review: 2021-02-30` is not a real date")),
    "a year alone": Bad(_front("reviewed: 2021"), (f"{SRC}:4:", "`reviewed: 2021` is not a real date")),
    "a date as a list": Bad(_front("reviewed: [2021-01-01]"), (f"{SRC}:4:", "is not a real date")),
    "a date in words that is none": Bad(_front("reviewed: last summer"), (f"{SRC}:4:", "`reviewed: last summer` is not a real date")),
    "month 13": Bad(_front("reviewed: 2021-13"), (f"{SRC}:4:", "`reviewed: 2021-13` is not a real date")),
    # --- types of other keys -------------------------------------------------------------------
    "aliases: 7": Bad(_front("aliases: 7"), (f"{SRC}:4:", "`aliases: 7` must be a list of names")),
    "aliases as text": Bad(_front("aliases: Cambois"), (f"{SRC}:4:", "`aliases: Cambois` must be a list of names")),
    "aliases nested": Bad(_front("aliases: [Cambois, [x]]"), (f"{SRC}:4:", "must be a list of names")),
    "review_months: -5": Bad(_front("review_months: -5"), (f"{SRC}:4:", "`review_months: -5` must be a whole number of months from 1 to 120")),
    "review_months: 0": Bad(_front("review_months: 0"), (f"{SRC}:4:", "must be a whole number of months")),
    "review_months in words": Bad(_front("review_months: twelve"), (f"{SRC}:4:", "must be a whole number of months")),
    "review_months: true": Bad(_front("review_months: true"), (f"{SRC}:4:", "must be a whole number of months")),
    "review_months: 1.5": Bad(_front("review_months: 1.5"), (f"{SRC}:4:", "must be a whole number of months")),
    "school as a list": Bad(_replace("cambois.md", "school: Cambois Primary School", "school: [Cambois, Primary]"),
                            (f"{SRC}:2:", "`school: ['Cambois', 'Primary']` must be text, not a list")),
    "school as a mapping": Bad(_replace("cambois.md", "school: Cambois Primary School", "school: {a: b}"), (f"{SRC}:2:", "must be text, not a mapping")),
    "school empty": Bad(_replace("cambois.md", "school: Cambois Primary School", "school:"), (f"{SRC}:2:", "front matter has no `school`")),
    "title as a list": Bad(_replace("cambois.md", "title: Cambois Primary School social networking policy", "title: [a, b]"), (f"{SRC}:4:", "`title: ['a', 'b']` must be text, not a list")),
    "id as a list": Bad(_replace("cambois.md", "id: cambois", "id: [cambois]"), (f"{SRC}:3:", "is not a slug")),
    "id not a slug": Bad(_replace("cambois.md", "id: cambois", "id: Cambois School"), (f"{SRC}:3:", "is not a slug", "lower-case")),
    # --- names ---------------------------------------------------------------------------------
    "misspelt key": Bad(_front("reveiwed: 2021-01-01"), (f"{SRC}:4:", "unknown front-matter key `reveiwed`", "did you mean `reviewed`?"), error=False),
    "misspelt school key": Bad(_front("shcool: Cambois"), (f"{SRC}:4:", "unknown front-matter key `shcool`", "did you mean `school`?"), error=False),
    "unknown key": Bad(_front("colour: red"), (f"{SRC}:4:", "unknown front-matter key `colour`", "the keys are school, id"), error=False),
    "id differs from file name": Bad(_replace("cambois.md", "id: cambois", "id: cambois-primary"),
                                     (f"{SRC}:3:", "id `cambois-primary` differs from the file name cambois.md", "rename the file"), error=False),
    "same id twice": Bad(_write("cambois-copy.md", "---\nschool: Copy School\nid: cambois\n---\n\nText.\n"),
                         ("source_policies/cambois.md", "id 'cambois' is already used by")),
    # --- whole files ----------------------------------------------------------------------------
    "YAML syntax error": Bad(_front("school: [unclosed"), (f"{SRC}:", "front matter is not valid YAML")),
    "alias in front matter": Bad(_front("title: *name"), (f"{SRC}:4:", "aliases are not allowed")),
    "no front matter": Bad(_write("cambois.md", "Just text.\n"), (f"{SRC}:1:", "no front matter")),
    "front matter never closed": Bad(_write("cambois.md", "---\nschool: X\nid: cambois\n\nText.\n"), (f"{SRC}:1:", "front matter is never closed")),
    "empty file": Bad(_write("cambois.md", ""), (SRC, "file is empty")),
    "binary file": Bad(_write("cambois.md", b"PK\x03\x04\x00\x00binary"), (SRC, "binary file", "policy-compare import")),
    "not UTF-8": Bad(_write("cambois.md", "---\nschool: X\nid: cambois\n---\n\nR\u00e8gles.\n".encode("cp1252")), (f"{SRC}:6:", "not UTF-8 text", "iconv")),
    "no policy text": Bad(_write("cambois.md", "---\nschool: X\nid: cambois\n---\n\n"), (f"{SRC}:5:", "no policy text")),
    "a .txt among the sources": Bad(_write("oakfield.txt", "Oakfield policy.\n"),
                                    ("source_policies/oakfield.txt: not read", "policy-compare import source_policies/oakfield.txt"), error=False),
    "a .docx among the sources": Bad(_write("oakfield.docx", b"PK\x03\x04"), ("source_policies/oakfield.docx: not read", "policy-compare import"), error=False),
    "an upper-case .MD": Bad(_write("oakfield.MD", "---\nschool: Oakfield\nid: oakfield\n---\n\nText.\n"),
                            ("source_policies/oakfield.MD: not read", "rename it to oakfield.md"), error=False),
    "a stray file among the sources": Bad(_write("notes.yml", "a: 1\n"), ("source_policies/notes.yml: not read", "move it elsewhere"), error=False),
    "a link out of the project": Bad(_link("secret.md", "secret.md"), ("source_policies/secret.md", "outside the project", "copy the file")),
    "a broken link": Bad(_link("gone.md", "missing.md"), ("source_policies/gone.md", "a link to a file that does not exist")),
    "a source over 10 MB": Bad(_big("cambois.md", 10_500_000, "Staff must not use phones in class. "), (SRC, "is 10.0 MB, more than the 10 MB")),
    "a YAML file over 2 MB": Bad(_big("curation.yml", 2_200_000, "# a comment line\n"), ("source_policies/curation.yml", "more than the 2 MB")),
    # --- the maintainers' YAML files -------------------------------------------------------------
    "alias bomb in curation": Bad(_write("curation.yml", BOMB), ("source_policies/curation.yml:3:", "aliases are not allowed")),
    "curation not a mapping": Bad(_write("curation.yml", "- a\n- b\n"), ("source_policies/curation.yml", "expected a mapping")),
    "curation unknown key": Bad(_write("curation.yml", "esential: []\n"), ("source_policies/curation.yml:1:", "unknown key(s): esential")),
    "curation add without text": Bad(_write("curation.yml", "add:\n  - topic: mobile-phones\n"), ("source_policies/curation.yml:2:", "add entries need `topic` and `text`")),
    "curation review_months in words": Bad(_write("curation.yml", "review_months: yearly\n"),
                                           ("source_policies/curation.yml", "review_months", "whole number of months")),
    "curation not UTF-8": Bad(_write("curation.yml", "title: Caf\u00e9\n".encode("cp1252")), ("source_policies/curation.yml:1:", "not UTF-8 text")),
    "topics not YAML": Bad(_write("topics.yml", "topics: [\n"), ("source_policies/topics.yml", "not valid YAML")),
    "topics missing a required topic": Bad(_write("topics.yml", "topics:\n  - {id: other, title: Other}\n"), ("source_policies/topics.yml", "missing required topic ids")),
    "topic without a title": Bad(_write("topics.yml", "topics:\n  - {id: other, title: Other}\n  - {id: phones}\n"),
                                 ("source_policies/topics.yml:3:", "topic 2 needs at least `id` and `title`")),
    "topic order in words": Bad(_replace("topics.yml", "order: 11\n", "order: first\n"),
                                ("source_policies/topics.yml", "order", "whole number")),
    "overrides unknown key": Bad(_write("overrides.yml", "# corrections\nmvoe: []\n"), ("source_policies/overrides.yml:2:", "unknown key(s): mvoe")),
    "overrides move without topic": Bad(_write("overrides.yml", "move:\n  - clause: x\n"), ("source_policies/overrides.yml:2:", "move entries need")),
    "override matching nothing": Bad(_write("overrides.yml", "exclude:\n  - 'cambois: no such sentence'\n"),
                                     ("source_policies/overrides.yml:2:", "matches no clause"), error=False),
    "normalisation bad pattern": Bad(_write("normalisation.yml", "replacements:\n  - {pattern: '(', replacement: x}\n"),
                                     ("normalisation.yml", "replacement 1 is not a valid")),
    "normalisation bad group reference": Bad(_write("normalisation.yml", "replacements:\n  - {pattern: 'a(b)', replacement: '\\2'}\n"),
                                             ("normalisation.yml", "replacement 1 is not a valid", "invalid group reference")),
    "register with a javascript: URL": Bad(
        _write(REGISTER, "instruments:\n  - {id: x, title: X Act 2000, year: 2000, type: act, url: 'javascript:alert(1)', status: in-force, note: n}\n"),
        ("source_policies/register.yml:2:", "url must start with https://")),
}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small project: two of the real schools, the real topics and rules, no curation or overrides."""
    project = tmp_path_factory.mktemp("bad-input-template")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text("# Bad input\n", encoding="utf-8")
    sources = project / "source_policies"
    sources.mkdir()
    for name in ("cambois.md", "mosscroft.md", "topics.yml", "normalisation.yml"):
        shutil.copy(ROOT / "source_policies" / name, sources / name)
    (sources / "curation.yml").write_text("{}\n", encoding="utf-8")
    (sources / "overrides.yml").write_text("{}\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return project


def _project(template: Path, tmp_path: Path, name: str) -> Path:
    project = tmp_path / "project"
    shutil.copytree(template, project, symlinks=True)
    BAD_INPUTS[name].change(project)
    if (project / "source_policies" / REGISTER).exists():
        with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
            config.write(f"      register: source_policies/{REGISTER}\n")
    return project


def _strict_build(project: Path, caplog: pytest.LogCaptureFixture) -> str:
    """MkDocs' own build command in strict mode (in-process: the same code `mkdocs build --strict` runs)."""
    cwd = Path.cwd()
    os.chdir(project)
    try:
        with caplog.at_level(logging.WARNING, logger="mkdocs"):
            config = load_config(str(project / "mkdocs.yml"), strict=True, site_dir=str(project / "site"))
            with pytest.raises(Abort):
                mkdocs_build(config)
    finally:
        os.chdir(cwd)
    return "\n".join(f"{r.levelname} {r.getMessage()}" for r in caplog.records)


def test_the_template_project_builds_without_a_warning(template: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    project = tmp_path / "project"
    shutil.copytree(template, project)
    monkeypatch.chdir(project)
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        mkdocs_build(load_config(str(project / "mkdocs.yml"), strict=True, site_dir=str(project / "site")))
    assert [r.getMessage() for r in caplog.records] == []
    assert main(["check"]) == 0, capsys.readouterr()


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_fails_the_strict_build_with_one_clear_message(
    name: str, template: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    bad = BAD_INPUTS[name]
    log = _strict_build(_project(template, tmp_path, name), caplog)
    level = "ERROR" if bad.error else "WARNING"
    matching = [line for line in log.splitlines() if all(words in line for words in bad.expected)]
    assert matching, f"no {level} with {bad.expected} in:\n{log}"
    assert matching[0].startswith(level), log
    assert "Traceback" not in log


@pytest.mark.parametrize("name", list(BAD_INPUTS))
def test_bad_input_fails_policy_compare_check_the_same_way(
    name: str, template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = BAD_INPUTS[name]
    monkeypatch.chdir(_project(template, tmp_path, name))
    status = main(["check"])
    out, err = capsys.readouterr()
    assert status == (2 if bad.error else 1), out + err
    report = err if bad.error else out
    assert any(all(words in line for words in bad.expected) for line in report.splitlines()), out + err
    if bad.error:
        assert err.startswith("policy-compare: error:") and err.count("\n") == 1, err


def test_a_placeholder_with_backslashes_is_used_as_written() -> None:
    from policy_compare.normalise import load_rules, normalise, school_pattern

    rules = load_rules()
    rules = type(rules)(**{**rules.__dict__, "placeholder": "\\1 school"})
    assert normalise("Oakfield staff must not.", rules, school_pattern(("Oakfield",))).startswith("\\1 school staff")
