"""A failed build leaves the published site/ exactly as it was, and the cache whole."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import build


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


BREAKAGES = {
    "impossible date": ("source_policies/cambois.md", "id: cambois\n", "id: cambois\nreviewed: 2021-13-45\n",
                        "source_policies/cambois.md:4: `reviewed: 2021-13-45` is not a real date"),
    "no policy text": ("source_policies/heaton.md", None, "---\nschool: Heaton\nid: heaton\n---\n\n",
                       "source_policies/heaton.md:5: no policy text"),
    "curation": ("source_policies/curation.yml", None, "add:\n  - nonsense\n", "source_policies/curation.yml:2: add entries need"),
    "topics": ("source_policies/topics.yml", None, "topics: [", "source_policies/topics.yml"),
    "a warning in strict mode": ("source_policies/cambois.md", "id: cambois\n", "id: cambois\nreveiwed: 2021-01-01\n",
                                 "did you mean `reviewed`?"),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_a_failed_build_leaves_the_previous_site_as_it_was(project: Path, breakage: str) -> None:
    first = build(project)
    assert first.returncode == 0, first.stderr
    before = _snapshot(project / "site")
    cache_before = _snapshot(project / ".policy_compare_cache")
    name, old, new, message = BREAKAGES[breakage]
    path = project / name
    path.write_text(path.read_text(encoding="utf-8").replace(old, new) if old else new, encoding="utf-8")
    second = build(project)
    assert second.returncode != 0
    assert message in second.stderr, second.stderr
    assert "Traceback" not in second.stderr and "Cleaning site directory" not in second.stderr
    assert _snapshot(project / "site") == before
    # nothing half-written: every cache file is a finished pickle (tmp files are renamed into place)
    cache_after = _snapshot(project / ".policy_compare_cache")
    assert not [n for n in cache_after if n.endswith(".tmp")]
    assert {n: b for n, b in cache_after.items() if n in cache_before} == cache_before


def test_printing_the_pdf_has_a_time_limit_then_the_build_warns_and_carries_on(project: Path) -> None:
    bin_dir = project / "fake-bin"
    bin_dir.mkdir()
    chromium = bin_dir / "chromium"
    chromium.write_text("#!/bin/sh\nsleep 60 &\nexec sleep 60\n", encoding="utf-8")  # a hung printer and a helper
    chromium.chmod(0o755)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      cache_dir:", "      pdf_timeout: 2\n      cache_dir:"), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(project / "site")],
                            cwd=project, capture_output=True, text=True, env=env, timeout=120)
    assert time.monotonic() - started < 50
    assert result.returncode == 0, result.stderr
    assert "WARNING -  policy_compare: model policy PDF not made" in result.stderr and "timed out after 2 seconds" in result.stderr
    assert (project / "site" / "model-policy" / "index.html").exists()


def test_a_cache_write_that_fails_leaves_no_file_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from policy_compare import pipeline

    def broken(*args: object, **kwargs: object) -> bytes:
        raise OSError("disk full")

    cache = pipeline.Pipeline(tmp_path / "cache")
    monkeypatch.setattr(pipeline.pickle, "dumps", broken)
    with pytest.raises(OSError, match="disk full"):
        cache._store("policy", "0" * 64, object(), {})
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [".gitignore"]
