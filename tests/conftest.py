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
    for name in ("docs", "source_policies", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path


def policy_md(school: str, school_id: str, body: str, extra: str = "") -> str:
    """A minimal source policy."""
    return f"---\nschool: {school}\nid: {school_id}\ntitle: {school} policy\n{extra}---\n\n{body}\n"


def build(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of ``project`` into ``project/site``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site"), *extra],
        cwd=project, capture_output=True, text=True, env=env, timeout=300,
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session from a copy of the repository's inputs."""
    project = tmp_path_factory.mktemp("site")
    for name in ("docs", "source_policies", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project / "site"
