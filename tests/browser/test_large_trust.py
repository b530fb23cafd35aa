"""A larger trust in the browser: the topic grid stays readable (it scrolls inside its own
region, the reference column stays in view), the page itself never scrolls sideways, and
axe finds no WCAG A/AA violations."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser

from .conftest import ROOT, SiteBuild, serve

SCHOOLS = 13  # more than nav_schools (12): the navigation stops listing schools one by one
DESKTOP = {"width": 1280, "height": 900}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("large-trust") / "project"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_trust.py"), str(SCHOOLS), "--out", str(project)],
                   check=True, capture_output=True, text=True)
    return SiteBuild(project, project / "site").wait()


@pytest.fixture(scope="module")
def large_url(large_site: Path) -> Iterator[str]:
    with serve(large_site) as url:
        yield url


def _busiest(site: Path) -> str:
    topics = json.loads((site / "data" / "alignment.json").read_text(encoding="utf-8"))["topics"]
    best = max(topics, key=lambda t: (sum(1 for r in t["rows"] if len(r["clauses"]) > 1), t["id"]))
    return f"compare/{best['id']}/"


def test_wide_grid_scrolls_in_its_region_with_readable_columns(browser: Browser, large_site: Path, large_url: str, axe_js: Path) -> None:
    context = browser.new_context(viewport=DESKTOP, base_url=large_url)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(_busiest(large_site), wait_until="load")
    state: dict[str, Any] = page.evaluate("""() => {
      const wrap = document.querySelector('.pc-grid-wrap'), grid = wrap.querySelector('table');
      const heads = [...grid.querySelectorAll('thead th')].map(th => th.getBoundingClientRect().width);
      const ref = grid.querySelector('tbody .pc-ref');
      const before = ref.getBoundingClientRect().left;
      wrap.scrollLeft = 500;
      return {wide: grid.classList.contains('pc-wide'), scrolls: wrap.scrollWidth > wrap.clientWidth,
              narrowest: Math.min(...heads.slice(1)), schools: heads.length - 1,
              refMoved: Math.abs(ref.getBoundingClientRect().left - before),
              pageScrolls: document.documentElement.scrollWidth > document.documentElement.clientWidth,
              focusable: wrap.tabIndex === 0 && !!wrap.getAttribute('aria-label')};
    }""")
    assert state["wide"] and state["schools"] == SCHOOLS
    assert state["scrolls"], "the grid should scroll inside its region"
    assert state["narrowest"] >= 150, f"school columns squeezed to {state['narrowest']} px"
    assert state["refMoved"] < 1, "the reference column should stay in view while the grid scrolls"
    assert not state["pageScrolls"], "the page itself must not scroll sideways"
    assert state["focusable"], "a scrolling region must be reachable by keyboard and named"
    page.add_script_tag(path=str(axe_js))
    violations = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map(v => v.id))", AXE_TAGS
    )
    assert violations == [] and errors == []
    context.close()


def test_navigation_links_the_schools_index_not_every_school(browser: Browser, large_site: Path, large_url: str) -> None:
    ids = [s["id"] for s in json.loads((large_site / "data" / "alignment.json").read_text(encoding="utf-8"))["schools"]]
    context = browser.new_context(viewport=DESKTOP, base_url=large_url)
    page = context.new_page()
    page.goto("compare/", wait_until="load")
    nav = set(page.locator("nav.md-nav--primary a").evaluate_all("as => as.map(a => new URL(a.href).pathname)"))
    assert "/schools/" in nav and "/model-policy/" in nav
    listed = sorted(p for p in nav for i in ids if p in (f"/schools/{i}/", f"/model-policy/{i}/"))
    assert listed == [], f"schools listed one by one in the navigation: {listed}"
    page.goto("schools/", wait_until="load")
    assert page.locator("table.pc-list tbody tr").count() == SCHOOLS
    hrefs = set(page.locator("table.pc-list a").evaluate_all("as => as.map(a => new URL(a.href).pathname)"))
    assert all(f"/schools/{i}/" in hrefs and f"/model-policy/{i}/" in hrefs for i in ids)
    context.close()
