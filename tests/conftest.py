"""Shared fixtures: paths of the repository, the seeds, and a tiny project factory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# the five seed policies, copied byte for byte from ../shared/seeds so that a clone on its own
# can check the committed imports (test_seed_copies_are_the_shared_seeds compares them)
SEEDS = ROOT / "tests" / "seeds"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"
SOURCES = ROOT / "source_policies"
# what a copy of the site needs beside mkdocs.yml (overrides/ is the theme's custom_dir)
SITE_INPUTS = ("docs", "source_policies", "overrides")

SEED_SCHOOLS = {
    "000_d4825e8c91cc5331.txt": "buckminster",
    "001_ee43fc449e7f6ab3.txt": "whitchurch",
    "002_396ee2cd10b1c05c.txt": "cambois",
    "003_f03d67410969c514.txt": "heaton",
    "004_d528808ccec20804.txt": "mosscroft",
}


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """A copy of this repository's site inputs (mkdocs.yml, docs, source_policies) in tmp."""
    for name in SITE_INPUTS:
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def policy_md(school: str, school_id: str, body: str, extra: str = "") -> str:
    """A minimal source policy."""
    return f"---\nschool: {school}\nid: {school_id}\ntitle: {school} policy\n{extra}---\n\n{body}\n"


def build(project: Path, *extra: str, strict: bool = True) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` (or without ``--strict``) of ``project`` into ``project/site``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "-d", str(project / "site"), *extra],
        cwd=project, capture_output=True, text=True, env=env, timeout=300,
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session from a copy of the repository's inputs."""
    project = tmp_path_factory.mktemp("site")
    for name in SITE_INPUTS:
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project / "site"


# What a careless or hostile maintainer might type: markup, template syntax, a script URL, quotes.
PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(1)>{{ 7*7 }}{% raw %}\"'><a href=\"javascript:alert(1)\">x</a>"


def payload_project(dest: Path) -> Path:
    """A copy of the repository's site with PAYLOAD in every field a maintainer writes."""
    import json
    import re

    for name in SITE_INPUTS:
        shutil.copytree(ROOT / name, dest / name)
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    sources = dest / "source_policies"
    q = json.dumps  # JSON strings are YAML strings

    def edit(path: Path, *swaps: tuple[str, str]) -> None:
        text = path.read_text(encoding="utf-8")
        for old, new in swaps:
            assert old in text, f"{old!r} not in {path.name}"
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")

    edit(
        sources / "cambois.md",
        ("school: Cambois Primary School\n", f"school: {q('Cambois ' + PAYLOAD)}\n"),
        ("title: Cambois Primary School social networking policy\n", f"title: {q('Title ' + PAYLOAD)}\naliases: [{q('Alias ' + PAYLOAD)}]\n"),
        ("## A. The use of social networking sites by pupils within school", f"## A. Heading {PAYLOAD} [link](javascript:alert(1))"),
        ("There are four key areas:", f"There are four key areas {PAYLOAD} [link](javascript:alert(1)) <b onmouseover=alert(1)>b</b>:"),
    )
    edit(
        sources / "topics.yml",
        ("title: Mobile phones and personal devices", f"title: {q('Phones ' + PAYLOAD)}"),
        ("description: Mobile phones, cameras and other personal devices on the school site, for adults and children.",
         f"description: {q('Description ' + PAYLOAD)}"),
    )
    edit(
        sources / "curation.yml",
        ("title: Social networking policy", f"title: {q('Model ' + PAYLOAD)}"),
        ('version: "1.0"', f"version: {q('1.0 ' + PAYLOAD)}"),
        ("add: []", "add: [{topic: mobile-phones, text: " + q("Added " + PAYLOAD) + "}]"),
    )
    # one more `replace` entry, whatever the project's file already replaces
    curation = sources / "curation.yml"
    text = curation.read_text(encoding="utf-8")
    entry = "  " + q("buckminster: has a firm commitment to safeguarding children") + ": " + q("Replaced " + PAYLOAD) + "\n"
    if "replace: {}" in text:
        text = text.replace("replace: {}", "replace:\n" + entry, 1)
    else:
        start = text.index("\nreplace:")
        text = text[: text.index("\n", start + 1) + 1] + entry + text[text.index("\n", start + 1) + 1 :]
    curation.write_text(text, encoding="utf-8")
    register = (ROOT / "plugins" / "policy_compare" / "data" / "legislation.yml").read_text(encoding="utf-8")
    note = re.search(r"\n    note: (.*)\n", register)
    assert note is not None
    (sources / "register.yml").write_text(register.replace(note[0], f"\n    note: {q('Note ' + PAYLOAD)}\n", 1), encoding="utf-8")
    edit(
        dest / "mkdocs.yml",
        ("trust_name: Northern Schools Trust", f"trust_name: {q('Trust ' + PAYLOAD)}"),
        ('placeholder: "[School name]"', f"placeholder: {q('[School ' + PAYLOAD + ']')}\n      register: source_policies/register.yml"),
    )
    return dest
