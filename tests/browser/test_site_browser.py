"""The built site in headless Chromium: clean loads, phone layout, topic and pairs controls, search,
escaping of hostile policy text, and an axe-core accessibility audit.

Reads expectations from the site's own data/alignment.json and embedded page data rather than
hard-coding clause texts, so the tests follow the seeds when they are re-imported.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Dialog, Locator, Page

from .conftest import DESKTOP, PHONE, ROOT, SCREENSHOTS, PageProblems, SiteBuild, serve, site_pages

TOPIC = "compare/mobile-phones/"
SCHOOL = "schools/whitchurch/"
OVERVIEW = "compare/"
PAIRS = "compare/pairs/"


def alignment(site: Path) -> dict[str, Any]:
    return json.loads((site / "data" / "alignment.json").read_text(encoding="utf-8"))


def busiest_topic(site: Path) -> str:
    """The comparison page with the most rows shared by two or more schools: the grid's controls
    are exercised where there is most to compare (which topic that is depends on the sources)."""
    topics = alignment(site)["topics"]
    best = max(topics, key=lambda t: (sum(1 for r in t["rows"] if len(r["clauses"]) > 1), t["id"]))
    return f"compare/{best['id']}/"


def school_names(site: Path) -> dict[str, str]:
    return {s["id"]: s["name"] for s in alignment(site)["schools"]}


def heading(page: Page) -> str:
    """The page's <h1> text without the permalink sign."""
    return str(page.evaluate("""() => {
      const h = document.querySelector('article h1');
      if (!h) return '';
      const copy = h.cloneNode(true);
      copy.querySelectorAll('.headerlink').forEach(a => a.remove());
      return copy.textContent.trim();
    }"""))


# --- one walk over every page at phone width ------------------------------------------------------

OVERFLOW_JS = """() => {
  const root = document.documentElement, width = root.clientWidth, culprits = [], seen = new Set();
  if (root.scrollWidth > width) {
    for (const el of document.body.querySelectorAll('*')) {
      let inside = false;
      for (let p = el.parentElement; p; p = p.parentElement) { if (seen.has(p)) { inside = true; break; } }
      const box = el.getBoundingClientRect();
      if (inside || box.width === 0 || box.right <= width + 1) continue;
      seen.add(el);
      const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
      culprits.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + cls + ' right=' + Math.round(box.right));
      if (culprits.length >= 6) break;
    }
  }
  return {scrollWidth: root.scrollWidth, clientWidth: width, culprits};
}"""


@pytest.fixture(scope="module")
def phone_walk(browser: Browser, browser_context_args: dict[str, Any], site_dir: Path) -> dict[str, dict[str, Any]]:
    """Every generated page loaded once at 375 px: HTTP status, h1, console/page errors, overflow."""
    context = browser.new_context(**{**browser_context_args, "viewport": PHONE})
    page = context.new_page()
    problems = PageProblems().attach(page)
    results: dict[str, dict[str, Any]] = {}
    try:
        for path in site_pages(site_dir):
            problems.reset()
            response = page.goto(path, wait_until="load")
            results[path] = {
                "status": response.status if response else None,
                "h1": heading(page),
                "errors": problems.describe() if problems else "",
                "overflow": page.evaluate(OVERFLOW_JS),
            }
    finally:
        context.close()
    return results


def test_every_page_loads_without_console_or_page_errors(phone_walk: dict[str, dict[str, Any]]) -> None:
    assert len(phone_walk) >= 30, sorted(phone_walk)
    assert {"", OVERVIEW, TOPIC, SCHOOL, PAIRS} <= set(phone_walk)
    broken = {p: r["status"] for p, r in phone_walk.items() if r["status"] != 200 or not r["h1"]}
    assert not broken, f"pages without a 200 response or without an <h1>: {broken}"
    errors = {p or "/": r["errors"] for p, r in phone_walk.items() if r["errors"]}
    report = "\n".join(f"  {p}:\n    {e}" for p, e in sorted(errors.items()))
    assert not errors, f"{len(errors)} of {len(phone_walk)} pages logged errors:\n{report}"


def test_no_horizontal_overflow_at_375px(phone_walk: dict[str, dict[str, Any]]) -> None:
    checked = {p: r["overflow"] for p, r in phone_walk.items() if p.startswith(("compare/", "schools/"))}
    assert len(checked) >= 25, sorted(checked)
    wide = {p: o for p, o in checked.items() if o["scrollWidth"] > o["clientWidth"]}
    report = "\n".join(
        f"  {p}: scrollWidth {o['scrollWidth']} > clientWidth {o['clientWidth']}; widest: {', '.join(o['culprits'])}"
        for p, o in sorted(wide.items())
    )
    assert not wide, f"{len(wide)} pages scroll sideways at 375 px:\n{report}"


# --- screenshots -------------------------------------------------------------------------------


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280x900", "375x800"])
def test_screenshots(page: Page, site_dir: Path, viewport: dict[str, int], scheme: str) -> None:
    names = school_names(site_dir)
    topic_title = next(t["title"] for t in alignment(site_dir)["topics"] if t["id"] == "mobile-phones")
    expected_h1 = {OVERVIEW: None, TOPIC: topic_title, SCHOOL: names["whitchurch"], PAIRS: "Compare two schools"}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size(viewport)
    page.emulate_media(color_scheme=scheme)  # Material picks its palette from prefers-color-scheme
    size = f"{viewport['width']}x{viewport['height']}-{scheme}"
    for path, h1 in expected_h1.items():
        page.goto(path, wait_until="load")
        shown = heading(page)
        assert shown and (h1 is None or shown == h1), f"{path}: h1 is {shown!r}"
        assert page.evaluate("() => document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
        shot = SCREENSHOTS / f"{path.strip('/').replace('/', '-')}-{size}.png"
        page.screenshot(path=str(shot))
        assert png_size(shot) == (viewport["width"], viewport["height"]), shot


# --- topic page controls -----------------------------------------------------------------------

# Checks every diff cell against the page's own data: the words kept plus the <ins> words must give
# the school's wording, and the words kept plus the <del> words the wording it is compared with.
DIFF_STATE_JS = """() => {
  const data = JSON.parse(document.getElementById('pc-data').textContent);
  const ref = document.querySelector('[data-pc-reference]').value;
  const rows = {}; data.rows.forEach(r => { rows[r.id] = r; });
  const side = (span, skip) => Array.from(span.childNodes)
      .filter(n => !(n.nodeType === 1 && n.tagName.toLowerCase() === skip)).map(n => n.textContent).join('');
  const cells = [], problems = [];
  document.querySelectorAll('[data-pc-grid] tbody tr[data-row]').forEach(tr => {
    const row = rows[tr.dataset.row];
    const compared = ref && row.texts[ref] ? row.texts[ref][0] : row.reference;
    tr.querySelectorAll('td[data-school]').forEach(td => {
      const school = td.dataset.school;
      td.querySelectorAll('[data-pc-text]').forEach((span, i) => {
        const marked = span.querySelectorAll('ins, del').length;
        cells.push({row: row.id, school, i, html: span.innerHTML, marked,
                    reference: td.classList.contains('pc-is-reference')});
        const wording = (row.texts[school] || [])[i], where = `${row.id}/${school}[${i}]`;
        const added = side(span, 'del'), kept = side(span, 'ins');
        if (added !== wording) problems.push(`${where}: new side ${JSON.stringify(added)} != ${JSON.stringify(wording)}`);
        if (kept !== compared) problems.push(`${where}: old side ${JSON.stringify(kept)} != ${JSON.stringify(compared)}`);
        if ((wording !== compared) !== (marked > 0)) {
          problems.push(`${where}: ${marked} ins/del for ${wording === compared ? 'identical' : 'different'} wording`);
        }
      });
    });
  });
  return {ref, cells, problems, referenceCells: document.querySelectorAll('td.pc-is-reference').length};
}"""


def diff_state(page: Page) -> dict[str, Any]:
    state: dict[str, Any] = page.evaluate(DIFF_STATE_JS)
    assert not state["problems"], "diff markup does not match the page data:\n  " + "\n  ".join(state["problems"][:20])
    return state


def compared_wordings(data: dict[str, Any], school: str) -> list[str]:
    """What each row's cells are compared with when `school` ('' for the reference wording) is chosen."""
    return [r["texts"][school][0] if school in r["texts"] else r["reference"] for r in data["rows"]]


def assert_compared_with(page: Page, school: str, before: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """After switching the reference to `school` ('' = reference wording): the markup follows the new
    reference (checked cell by cell in diff_state) and only `school`'s cells are marked as the reference."""
    data = json.loads(page.locator("#pc-data").text_content())
    state = diff_state(page)
    assert state["ref"] == school
    html_before, html_after = ([c["html"] for c in s["cells"]] for s in (before, state))
    if compared_wordings(data, school) != compared_wordings(data, before["ref"]):
        assert html_after != html_before, f"switching to {school or 'the reference wording'} changed no cell"
    assert page.locator("[data-pc-status]").inner_text() == expected_status(data, school, names)
    marked_reference = {c["school"] for c in state["cells"] if c["reference"]}
    own = [c for c in state["cells"] if c["school"] == school]
    if not own:  # the reference wording, or a school with no clause here: rows keep the reference wording
        assert not marked_reference, f"cells marked as reference: {sorted(marked_reference)}"
        return state
    assert marked_reference == {school}, f"cells marked as reference: {sorted(marked_reference)}"
    assert all(c["reference"] for c in own), f"some of {school}'s cells lack pc-is-reference"
    assert all(c["marked"] == 0 for c in own if c["i"] == 0), f"{school}'s own wording shows ins/del"
    return state


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def expected_status(data: dict[str, Any], school: str, names: dict[str, str], shown: int | None = None) -> str:
    """The status line: what the rows are compared with, said plainly, and how many are shown."""
    rows = len(data["rows"])
    own = sum(1 for r in data["rows"] if school in r["texts"])
    if not school:
        said = "Compared with the reference wording"
    elif own < rows:
        said = f"Compared with {names[school]} in the {plural(own, 'row')} it has, the reference wording in the other {rows - own}"
    else:
        said = f"Compared with {names[school]}"
    return f"{said}; showing {rows if shown is None else shown} of {plural(rows, 'row')}."


def test_reference_switch_by_mouse(page: Page, site_dir: Path) -> None:
    names = school_names(site_dir)
    page.goto(busiest_topic(site_dir), wait_until="load")
    before = diff_state(page)
    assert before["ref"] == "" and before["referenceCells"] == 0 and any(c["marked"] for c in before["cells"])
    data = json.loads(page.locator("#pc-data").text_content())
    # a school whose wording is not already the reference in every row it shares, so the markup must change
    school = next(s for s in names if any(s in r["texts"] for r in data["rows"])
                  and compared_wordings(data, s) != compared_wordings(data, ""))
    other = next(s for s in names if s != school and any(s in r["texts"] for r in data["rows"]))
    select = page.locator("[data-pc-reference]")
    # A native <select> pops up outside the DOM, so the option itself is chosen with select_option.
    select.click()
    select.select_option(school)
    after = assert_compared_with(page, school, before, names)
    assert after["referenceCells"] > 0
    assert [c["html"] for c in after["cells"]] != [c["html"] for c in before["cells"]]
    select.select_option(other)
    assert_compared_with(page, other, after, names)


def test_reference_switch_by_keyboard(page: Page, site_dir: Path) -> None:
    names = school_names(site_dir)
    page.goto(busiest_topic(site_dir), wait_until="load")
    select = page.locator("[data-pc-reference]")
    options = select.locator("option").evaluate_all("os => os.map(o => o.value)")
    assert options == ["", *names], options
    data = json.loads(page.locator("#pc-data").text_content())
    # a school with no clause in the table cannot be chosen, so the arrow keys pass over it
    choosable = [s for s in names if any(s in r["texts"] for r in data["rows"])]
    states = [diff_state(page)]
    select.focus()
    for school in choosable:  # each ArrowDown moves the closed select to the next school and fires change
        page.keyboard.press("ArrowDown")
        assert select.input_value() == school
        states.append(assert_compared_with(page, school, states[-1], names))
    different = {tuple(compared_wordings(data, s)) for s in ["", *choosable]}
    assert len(different) > 1, "test data: every choice of reference compares with the same wordings"
    markups = {tuple(c["html"] for c in s["cells"]) for s in states}
    assert len(markups) == len(different), "each different reference must give its own markup"
    page.keyboard.press("Home")
    back = assert_compared_with(page, "", states[-1], names)
    assert [c["html"] for c in back["cells"]] == [c["html"] for c in states[0]["cells"]], "back to the reference wording"


def check_differences_only(page: Page, toggle: Callable[[Locator], None]) -> int:
    """Turn "Differences only" on with `toggle`, check rows and status, turn it off again; returns agreeing rows."""
    rows = page.locator("[data-pc-grid] tbody tr[data-row]")
    agreeing = page.locator('[data-pc-grid] tbody tr[data-row][data-agree="true"]')
    total, agree = rows.count(), agreeing.count()
    checkbox = page.locator("[data-pc-diffonly]")
    assert total > 0 and not checkbox.is_checked()
    toggle(checkbox)
    assert checkbox.is_checked()
    hidden = page.locator("[data-pc-grid] tbody tr.pc-hidden")
    assert hidden.count() == agree
    assert page.locator('[data-pc-grid] tbody tr.pc-hidden[data-agree="false"]').count() == 0
    visible = sum(rows.nth(i).is_visible() for i in range(total))
    assert visible == total - agree
    assert page.locator("[data-pc-status]").inner_text().endswith(f"showing {total - agree} of {plural(total, 'row')}.")
    toggle(checkbox)
    assert not checkbox.is_checked() and hidden.count() == 0
    assert page.locator("[data-pc-status]").inner_text().endswith(f"showing {total} of {plural(total, 'row')}.")
    return agree


def click(checkbox: Locator) -> None:
    checkbox.click()


def space(checkbox: Locator) -> None:
    checkbox.focus()
    checkbox.press("Space")


@pytest.mark.parametrize("toggle", [click, space], ids=["mouse", "keyboard"])
def test_differences_only_on_real_topic(page: Page, site_dir: Path, toggle: Callable[[Locator], None]) -> None:
    page.goto(busiest_topic(site_dir), wait_until="load")
    check_differences_only(page, toggle)


# --- pairs page --------------------------------------------------------------------------------


def test_pairs_rerender_for_chosen_schools(page: Page, site_dir: Path) -> None:
    names = school_names(site_dir)
    page.goto(PAIRS, wait_until="load")
    data = json.loads(page.locator("#pc-pairs-data").text_content())
    first, second = page.locator("[data-pc-first]"), page.locator("[data-pc-second]")
    defaults = {first.input_value(), second.input_value()}
    a, b = [s for s in names if s not in defaults][:2]
    first.select_option(a)
    second.focus()
    second.select_option(b)
    holder = page.locator("[data-pc-pairs]")
    tables = holder.locator("table")
    assert tables.count() == len(data["topics"])
    for i in range(tables.count()):
        assert tables.nth(i).locator("thead th").all_inner_texts() == [names[a], names[b]]
    rows = [r for t in data["topics"] for r in t["rows"] if a in r["texts"] or b in r["texts"]]
    assert page.locator("[data-pc-status]").inner_text() == f"{names[a]} and {names[b]}: {len(rows)} rows."
    assert holder.locator("tbody tr").count() >= len(rows)
    text = holder.inner_text()
    only_a = next(r["texts"][a][0] for r in rows if b not in r["texts"])
    assert only_a in text


# --- search ------------------------------------------------------------------------------------


def test_search_finds_imei_clause(page: Page, site_dir: Path, site_url: str) -> None:
    clause = next(c for c in alignment(site_dir)["clauses"] if c["school"] == "whitchurch" and "IMEI" in c["text"])
    wanted = {SCHOOL, f"compare/{clause['topic']}/"}
    page.goto("", wait_until="load")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("IMEI")
    meta = page.locator(".md-search-result__meta")
    # Wait for the query to be answered either way, so that "no results" fails at once.
    page.wait_for_function(
        """() => document.querySelector('.md-search-result__item')
                 || /no matching/i.test(document.querySelector('.md-search-result__meta').textContent)""",
        timeout=15_000,
    )
    results = page.locator(".md-search-result__item").count()
    assert results, f"no search results for 'IMEI'; the search box says {meta.inner_text()!r}"
    hrefs = page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    found = {urlparse(h).path.removeprefix(urlparse(site_url).path) for h in hrefs}
    assert found & wanted, f"results {sorted(found)} include none of {sorted(wanted)}"


# --- accessibility -----------------------------------------------------------------------------

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.mark.parametrize("path", [OVERVIEW, TOPIC, SCHOOL])
def test_axe_finds_no_wcag_violations(page: Page, axe_js: Path, path: str) -> None:
    page.goto(path, wait_until="load")
    page.add_script_tag(path=str(axe_js))
    violations = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations)", AXE_TAGS
    )
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{v['helpUrl']}]")
        for node in v["nodes"][:8]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more nodes")
    assert not violations, f"axe-core found {len(violations)} WCAG violation(s) on /{path}:\n" + "\n".join(lines)


# --- a hostile policy and a row every school shares, on a separate small site --------------------

EVIL = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "{{ jinja }}"]
SHARED = "Every member of staff completes the annual online safety training before the start of each academic year."
EVIL_POLICY = f"""---
school: Evil Test School
id: zz-evil
title: Evil policy
---

## Mobile phones

1.1 Staff must not post {EVIL[0]} or {EVIL[1]} or {EVIL[2]} about pupils on social networking sites from a mobile phone.

1.2 Pupils' mobile phones are handed in at the office, where the note {EVIL[0]} is read aloud.

- Staff keep {EVIL[1]} and {EVIL[2]} and {EVIL[0]} away from the school's mobile phones.
- Parents must not share {EVIL[2]} about pupils on social networking sites.

## Contact

Staff must never add pupils as ‘friends’ into their personal accounts, {EVIL[0]} {EVIL[1]} {EVIL[2]}.

{SHARED}
"""


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteBuild]:
    """The repository's sources plus zz-evil.md, with SHARED appended to every policy, building."""
    project = tmp_path_factory.mktemp("fixture-project")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    theme_dir = re.search(r"^\s+custom_dir:\s*['\"]?([^'\"\s#]+)", config, re.MULTILINE)
    for name in ("docs", "source_policies", *([theme_dir.group(1)] if theme_dir else [])):
        shutil.copytree(ROOT / name, project / name)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    (project / "source_policies" / "zz-evil.md").write_text(EVIL_POLICY, encoding="utf-8")
    for source in sorted((project / "source_policies").glob("*.md")):
        if source.name != "zz-evil.md":
            source.write_text(source.read_text(encoding="utf-8").rstrip() + f"\n\n{SHARED}\n", encoding="utf-8")
    build = SiteBuild(project, project / "site")
    yield build
    build.stop()


@pytest.fixture(scope="module", autouse=True)
def _start_fixture_build_early(request: pytest.FixtureRequest) -> None:
    # Start the second build before the first test asks for the real site, so both use the two cores.
    if any("fixture_site" in getattr(item, "fixturenames", ()) for item in request.session.items):
        request.getfixturevalue("fixture_build")


@pytest.fixture(scope="module")
def fixture_site(fixture_build: SiteBuild) -> Iterator[tuple[Path, str]]:
    """(site dir, base URL) of the fixture site."""
    site = fixture_build.wait()
    with serve(site) as url:
        yield site, url


def watch_dialogs(page: Page) -> list[str]:
    dialogs: list[str] = []

    def record(dialog: Dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", record)
    return dialogs


def assert_inert(page: Page, where: str, dialogs: list[str], problems: PageProblems) -> None:
    page.wait_for_timeout(200)
    assert not dialogs, f"{where}: a dialog opened: {dialogs}"
    assert not problems.exceptions, f"{where}: page errors: {problems.exceptions}"
    text = page.locator("article").inner_text()
    missing = [s for s in EVIL if s not in text]
    assert not missing, f"{where}: visible text lacks the literal {missing}"
    assert page.locator("img[src='x']").count() == 0, f"{where}: the <img onerror> became an element"
    injected = page.locator("script:not([type='application/json'])").evaluate_all(
        "scripts => scripts.filter(s => s.textContent.includes('alert(1)')).length"
    )
    assert injected == 0, f"{where}: a <script> with alert(1) is in the DOM"


def test_hostile_policy_text_is_shown_not_run(page: Page, fixture_site: tuple[Path, str]) -> None:
    site, url = fixture_site
    clauses = [c for c in alignment(site)["clauses"] if c["school"] == "zz-evil"]
    whole = [c for c in clauses if all(s in c["text"] for s in EVIL)]
    assert whole, "no zz-evil clause keeps all three strings verbatim:\n  " + "\n  ".join(c["text"] for c in clauses)
    topic = whole[0]["topic"]
    dialogs, problems = watch_dialogs(page), PageProblems().attach(page)

    page.goto(f"{url}schools/zz-evil/", wait_until="load")
    assert_inert(page, "school page", dialogs, problems)

    page.goto(f"{url}compare/{topic}/", wait_until="load")
    assert_inert(page, f"compare/{topic}/", dialogs, problems)
    # the page script re-renders the table when zz-evil becomes the reference: use a topic
    # where zz-evil shares a row (rows only one school has are listed under the table)
    data = alignment(site)
    hostile = {c["id"] for c in whole}
    shared_rows = {
        r["id"]: t["id"] for t in data["topics"] for r in t["rows"]
        if len(r["clauses"]) > 1 and hostile & set(r["clauses"].get("zz-evil", []))
    }
    assert shared_rows, "no hostile zz-evil clause shares a row with another school"
    shared_topic = sorted(shared_rows.values())[0]
    page.goto(f"{url}compare/{shared_topic}/", wait_until="load")
    page.locator("[data-pc-reference]").select_option("zz-evil")
    assert page.locator("td.pc-is-reference[data-school='zz-evil']").count() >= 1
    assert_inert(page, f"compare/{shared_topic}/ compared with zz-evil", dialogs, problems)

    page.goto(f"{url}compare/pairs/", wait_until="load")
    page.locator("[data-pc-first]").select_option("zz-evil")
    assert_inert(page, "pairs page with zz-evil", dialogs, problems)

    # Material renders search results as HTML from the index: the clause must stay text there too.
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("onerror")
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    page.wait_for_timeout(200)
    assert not dialogs, f"search results: a dialog opened: {dialogs}"
    assert page.locator(".md-search-result img[src='x']").count() == 0, "search results: the <img onerror> became an element"


@pytest.mark.parametrize("toggle", [click, space], ids=["mouse", "keyboard"])
def test_differences_only_hides_agreeing_rows(
    page: Page, fixture_site: tuple[Path, str], toggle: Callable[[Locator], None]
) -> None:
    site, url = fixture_site
    data = alignment(site)
    every = {s["id"] for s in data["schools"]}
    shared = [
        (t["id"], r["id"]) for t in data["topics"] for r in t["rows"] if set(r["clauses"]) == every and r["reference"] == SHARED
    ]
    assert shared, f"no row shared by all of {sorted(every)} with the wording {SHARED!r}"
    topic, row = shared[0]
    page.goto(f"{url}compare/{topic}/", wait_until="load")
    assert page.locator(f'tr[data-row="{row}"]').get_attribute("data-agree") == "true"
    assert check_differences_only(page, toggle) >= 1
