"""A failed build leaves the published site/ exactly as it was, and the cache whole."""

from __future__ import annotations

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
    "curation": ("source_policies/curation.yml", None, "add:\n  - nonsense\n", "source_policies/curation.yml: add entries need"),
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
