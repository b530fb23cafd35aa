"""Comparison views that read right (issue 14): the overview's measure, topic tables that keep their
bearings on screen and on paper, controls that say what they do and keep their state in the URL,
axe-core with every rule in both palettes, search that lands on a topic row, and the navigation.

Expectations come from the site's own data/alignment.json, so the tests follow the sources.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser, Page

from .conftest import DESKTOP, PHONE, SCREENSHOTS, site_pages
from .test_site_browser import alignment, busiest_topic, plural, school_names

OVERVIEW = "compare/"
PAIRS = "compare/pairs/"
WIDTHS = [375, 414, 768, 1024, 1280, 1440, 1920]


def shared_rows(topic: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in topic["rows"] if len(r["clauses"]) > 1]


def topic_with_absent_school(site: Path) -> tuple[str, str]:
    """(topic, school): a topic with a table in which one school has no clause at all."""
    data = alignment(site)
    schools = [s["id"] for s in data["schools"]]
    for topic in data["topics"]:
        rows = shared_rows(topic)
        present = {s for r in rows for s in r["clauses"]}
        absent = [s for s in schools if s not in present]
        if rows and absent:
            return topic["id"], absent[0]
    raise AssertionError("test data: every school has a clause in every topic's table")


# --- the overview --------------------------------------------------------------------------------

OVERVIEW_JS = """() => [...document.querySelectorAll('.pc-matrix tbody tr')].map(tr => ({
  topic: tr.querySelector('th a').textContent.trim(),
  of: tr.querySelector('th .pc-of').textContent.trim(),
  offTopic: tr.classList.contains('pc-offtopic'),
  cells: [...tr.querySelectorAll('td')].map(td => ({
    label: td.dataset.label, level: td.className, text: td.querySelector('a').textContent.trim(),
    words: td.querySelector('.pc-words').textContent.trim(), icon: !!td.querySelector('.pc-icon'),
    href: td.querySelector('a').getAttribute('href')})),
}))"""


def test_overview_measures_each_topic_the_same_way_for_every_school(page: Page, site_dir: Path) -> None:
    data = alignment(site_dir)
    names = [s["name"] for s in data["schools"]]
    topics = {t["title"]: t for t in data["topics"]}
    page.goto(OVERVIEW, wait_until="load")
    rows = page.evaluate(OVERVIEW_JS)
    assert [r["topic"] for r in rows] == [t["title"] for t in data["topics"]]
    for row in rows:
        topic = topics[row["topic"]]
        assert [c["label"] for c in row["cells"]] == names, row["topic"]
        texts = " | ".join(c["text"] for c in row["cells"])
        assert not re.search(r"\b0 of 0\b", texts), f"{row['topic']}: {texts}"
        if row["offTopic"]:  # counted, not scored: no icon, no good/bad shading
            assert row["of"] == "not scored"
            assert all(c["level"] == "pc-level-neutral" and not c["icon"] for c in row["cells"]), row
            continue
        of = len(shared_rows(topic))
        assert row["of"] == (plural(of, "shared row") if of else "no shared row"), row["topic"]
        for cell, school in zip(row["cells"], data["schools"]):
            has = sum(1 for r in shared_rows(topic) if school["id"] in r["clauses"])
            words = cell["words"]
            # every cell of the row is measured against the same number: the topic's shared rows
            if of == 0:
                assert words.endswith("no other school has") or words == "no clause", words
            elif has == of:
                assert words in (f"all {of} shared rows", "has the 1 shared row"), words
            elif has == 0:
                assert words in (f"none of the {of} shared rows", "lacks the 1 shared row"), words
            else:
                assert words == f"{has} of the {of} shared rows", words
            # a cell leads to where the school's wording is: its column, or its own clauses below it
            if has == 0 and of and "of its own" in cell["text"]:
                assert cell["href"].endswith(f"#own-{school['id']}"), cell


def test_overview_is_one_card_per_topic_at_375px(browser: Browser, browser_context_args: dict[str, Any]) -> None:
    context = browser.new_context(**{**browser_context_args, "viewport": PHONE})
    page = context.new_page()
    page.goto(OVERVIEW, wait_until="load")
    state = page.evaluate("""() => {
      const tds = [...document.querySelectorAll('.pc-matrix tbody td')];
      const root = document.documentElement;
      return {rows: getComputedStyle(document.querySelector('.pc-matrix tbody tr')).display,
              unlabelled: tds.filter(td => getComputedStyle(td, '::before').content !== JSON.stringify(td.dataset.label)).length,
              cells: tds.length, sideways: root.scrollWidth > root.clientWidth};
    }""")
    context.close()
    assert state["rows"] == "block", "each topic is a card at phone width"
    assert state["cells"] > 0 and state["unlabelled"] == 0, state
    assert not state["sideways"]


# Each word of the given elements on one line: a word whose letters fall on two lines was broken.
BROKEN_WORDS_JS = """selector => {
  const broken = [];
  for (const root of document.querySelectorAll(selector)) {
    // skip what is not laid out for reading (the visually hidden header row of the phone cards)
    let hidden = false;
    for (let el = root; el && !hidden; el = el.parentElement) hidden = el.getBoundingClientRect().width <= 1;
    if (hidden) continue;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.textContent.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (tops.size > 1) broken.push(m[0]);
      }
    }
  }
  return [...new Set(broken)];
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_no_name_or_heading_is_broken_mid_word(browser: Browser, browser_context_args: dict[str, Any],
                                              site_dir: Path, width: int) -> None:
    context = browser.new_context(**{**browser_context_args, "viewport": {"width": width, "height": 900}})
    page = context.new_page()
    found = {}
    for path, selector in ((OVERVIEW, ".pc-matrix th, .pc-matrix td"), (busiest_topic(site_dir), ".pc-grid thead th"),
                           ("schools/heaton/", ".pc-aside")):
        page.goto(path, wait_until="load")
        found[path] = page.evaluate(BROKEN_WORDS_JS, selector)
    context.close()
    assert not any(found.values()), f"words broken across lines at {width} px: {found}"


# --- topic tables keep their bearings ------------------------------------------------------------


def test_school_header_row_stays_in_view_while_the_table_scrolls(page: Page, site_dir: Path) -> None:
    names = school_names(site_dir)
    page.goto(busiest_topic(site_dir), wait_until="load")
    page.evaluate("() => document.querySelector('[data-pc-grid] tbody tr:last-child').scrollIntoView()")
    page.wait_for_timeout(100)
    state = page.evaluate("""() => {
      const header = document.querySelector('.md-header').getBoundingClientRect();
      const heads = [...document.querySelectorAll('[data-pc-grid] thead th')];
      return {scrolled: window.scrollY, header: header.bottom,
              tops: heads.map(th => th.getBoundingClientRect().top),
              seen: heads.map(th => { const b = th.getBoundingClientRect();
                                      const hit = document.elementFromPoint(b.left + b.width / 2, b.top + 8);
                                      return !!hit && th.contains(hit) ? th.textContent.trim() : null; })};
    }""")
    assert state["scrolled"] > 1000, "test data: the table should be long enough to scroll"
    assert all(abs(top - state["header"]) < 2 for top in state["tops"]), state
    assert state["seen"][1:] == list(names.values()), f"school names hidden after scrolling: {state['seen']}"


def test_each_cell_is_labelled_with_its_school_on_a_phone(browser: Browser, browser_context_args: dict[str, Any], site_dir: Path) -> None:
    names = school_names(site_dir)
    context = browser.new_context(**{**browser_context_args, "viewport": PHONE})
    page = context.new_page()
    page.goto(busiest_topic(site_dir), wait_until="load")
    labels = page.evaluate("""() => [...document.querySelectorAll('[data-pc-grid] tbody td[data-school]')].map(td =>
        [td.dataset.school, getComputedStyle(td, '::before').content, td.getBoundingClientRect().width])""")
    context.close()
    assert labels
    wrong = [(s, shown) for s, shown, _ in labels if shown != json.dumps(names[s])]
    assert not wrong, f"cells whose visible label is not their school: {wrong[:5]}"
    assert min(width for *_, width in labels) > 300, "at 375 px each school's cell takes the card's width"


@pytest.mark.parametrize("path", [OVERVIEW, PAIRS, "topic"])
def test_comparison_pages_use_the_full_content_width(browser: Browser, browser_context_args: dict[str, Any],
                                                     site_dir: Path, path: str) -> None:
    context = browser.new_context(**{**browser_context_args, "viewport": {"width": 1920, "height": 1000}})
    page = context.new_page()
    page.goto(busiest_topic(site_dir) if path == "topic" else path, wait_until="load")
    state = page.evaluate("""() => {
      const toc = document.querySelector('.md-sidebar--secondary');
      const content = document.querySelector('.md-content').getBoundingClientRect();
      return {toc: !!toc && toc.getBoundingClientRect().width > 0 && getComputedStyle(toc).visibility !== 'hidden'
                   && toc.querySelector('.md-nav__list a') !== null, content: content.width};
    }""")
    context.close()
    assert not state["toc"], f"{path}: an (empty) table of contents column takes width"
    assert state["content"] > 1400, f"{path}: content is only {state['content']} px wide at 1920 px"


# --- print ---------------------------------------------------------------------------------------


def _pages_text(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(t.split()) for t in text.split("\f")]


def test_printed_topic_page_fits_every_school_on_every_page(page: Page, site_dir: Path) -> None:
    names = school_names(site_dir)
    topic = busiest_topic(site_dir)
    page.goto(topic, wait_until="load")
    out = SCREENSHOTS.parent / "print"
    out.mkdir(parents=True, exist_ok=True)
    pdf = out / f"{topic.strip('/').replace('/', '-')}.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    info = subprocess.run(["pdfinfo", "-l", "999", str(pdf)], capture_output=True, text=True, check=True).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert sizes and all(float(w) > float(h) for w, h in sizes), f"a wide table prints on landscape A4: {sizes}"
    pages = _pages_text(pdf)
    marker = f"of {len(names)} schools"  # each shared row says how many schools have it
    with_rows = [i for i, text in enumerate(pages) if marker in text]
    assert len(with_rows) >= 2, "test data: the table should run over several pages"
    missing = {i + 1: [n for n in names.values() if n not in pages[i]] for i in with_rows}
    assert not any(missing.values()), f"school names missing from printed pages: {missing}"
    data = json.loads(page.locator("#pc-data").text_content())
    printed = " ".join(pages)
    # nothing cut: every row is on paper, and in print layout no cell reaches past the table's box
    assert len(re.findall(rf"\b\d+ {marker}", printed)) == len(data["rows"])
    for row in data["rows"]:
        assert " ".join(row["reference"].split())[-30:] in printed, row["reference"]
    page.emulate_media(media="print")
    overflow = page.evaluate("""() => {
      const wrap = document.querySelector('.pc-grid-wrap').getBoundingClientRect();
      const right = Math.max(...[...document.querySelectorAll('[data-pc-grid] th, [data-pc-grid] td')].map(c => c.getBoundingClientRect().right));
      return right - wrap.right;
    }""")
    assert overflow <= 1, f"printed table reaches {overflow} px past its box"


# --- controls ------------------------------------------------------------------------------------


def test_a_school_without_a_clause_cannot_be_the_reference(page: Page, site_dir: Path) -> None:
    names = school_names(site_dir)
    topic, school = topic_with_absent_school(site_dir)
    page.goto(f"compare/{topic}/", wait_until="load")
    option = page.locator(f'[data-pc-reference] option[value="{school}"]')
    assert option.is_disabled()
    assert re.search(r"\((has no clause in this topic|no clause shared with another school)\)", option.inner_text())
    # a link asking for it anyway says so plainly and compares with the reference wording
    page.goto(f"compare/{topic}/?against={school}", wait_until="load")
    assert page.locator("[data-pc-reference]").input_value() == ""
    status = page.locator("[data-pc-status]").inner_text()
    assert status.startswith(f"{names[school]} has no clause in this topic; compared with the reference wording"), status


def test_header_legend_and_status_follow_the_chosen_school(page: Page, site_dir: Path) -> None:
    names = school_names(site_dir)
    page.goto(busiest_topic(site_dir), wait_until="load")
    data = json.loads(page.locator("#pc-data").text_content())
    counts = {s: sum(1 for r in data["rows"] if s in r["texts"]) for s in names}
    school = max(counts, key=lambda s: (0 < counts[s] < len(data["rows"]), counts[s]))
    page.locator("[data-pc-reference]").select_option(school)
    assert page.locator("[data-pc-refhead]").inner_text() == f"Compared with: {names[school]}"
    legend = page.locator("[data-pc-legend-ref]").inner_text()
    assert legend.startswith(f"{names[school]}\u2019s wording"), legend
    shown = page.locator("[data-pc-reftext]").all_inner_texts()
    for row, text in zip(data["rows"], shown):  # the first column shows what each row is compared with
        assert text == (row["texts"][school][0] if school in row["texts"] else row["reference"])
    notes = page.locator("[data-pc-refnote]").all_inner_texts()
    assert sum(1 for n in notes if n == f"{names[school]} has no clause in this row") == len(data["rows"]) - counts[school]
    page.locator("[data-pc-reference]").select_option("")
    assert page.locator("[data-pc-refhead]").inner_text() == "Reference wording"
    assert page.locator("[data-pc-legend-ref]").inner_text() == "the reference wording"
    assert page.locator("[data-pc-reftext]").all_inner_texts() == [r["reference"] for r in data["rows"]]


def test_topic_view_state_lives_in_the_url(page: Page, browser: Browser, browser_context_args: dict[str, Any], site_dir: Path) -> None:
    topic = busiest_topic(site_dir)
    page.goto(topic, wait_until="load")
    data = json.loads(page.locator("#pc-data").text_content())
    school = next(s for s in school_names(site_dir) if any(s in r["texts"] for r in data["rows"]))
    page.locator("[data-pc-reference]").select_option(school)
    page.locator("[data-pc-diffonly]").check()
    query = parse_qs(urlparse(page.url).query)
    assert query == {"against": [school], "only": ["differences"]}, page.url
    seen = (page.locator("[data-pc-status]").inner_text(), page.locator("[data-pc-grid]").inner_html())
    # the link alone reproduces the view
    context = browser.new_context(**browser_context_args)
    other = context.new_page()
    other.goto(page.url, wait_until="load")
    assert other.locator("[data-pc-reference]").input_value() == school
    assert other.locator("[data-pc-diffonly]").is_checked()
    assert (other.locator("[data-pc-status]").inner_text(), other.locator("[data-pc-grid]").inner_html()) == seen
    context.close()
    page.locator("[data-pc-reference]").select_option("")
    page.locator("[data-pc-diffonly]").uncheck()
    assert urlparse(page.url).query == ""


def test_pairs_page_cannot_pick_one_school_twice_and_keeps_its_state(page: Page, site_dir: Path) -> None:
    names = list(school_names(site_dir))
    page.goto(PAIRS, wait_until="load")
    first, second = page.locator("[data-pc-first]"), page.locator("[data-pc-second]")
    assert first.input_value() != second.input_value()
    assert second.locator(f'option[value="{first.input_value()}"]').is_disabled()
    assert first.locator(f'option[value="{second.input_value()}"]').is_disabled()
    a, b = names[-1], names[-2]
    first.select_option(a)
    second.select_option(b)
    assert second.locator(f'option[value="{a}"]').is_disabled() and first.locator(f'option[value="{b}"]').is_disabled()
    assert parse_qs(urlparse(page.url).query) == {"first": [a], "second": [b]}
    heads = page.locator("[data-pc-pairs] table").first.locator("thead th").all_inner_texts()
    page.goto(page.url, wait_until="load")
    assert (first.input_value(), second.input_value()) == (a, b)
    assert page.locator("[data-pc-pairs] table").first.locator("thead th").all_inner_texts() == heads
    page.goto(f"{PAIRS}?first={a}&second={a}", wait_until="load")  # a hand-made link cannot pair a school with itself
    assert first.input_value() == a and second.input_value() != a


def test_differences_only_keeps_rows_that_differ_only_in_spelling(page: Page, site_dir: Path) -> None:
    pages = [p for p in site_pages(site_dir) if p.startswith("compare/")
             and 'data-spelling-only="true"' in (site_dir / p / "index.html").read_text(encoding="utf-8")]
    assert pages, "test data: no row differs only in spelling, hyphens or capitals"
    page.goto(pages[0], wait_until="load")
    legend = page.locator("[data-pc-legend]").inner_text()
    assert "a difference of spelling, hyphens or capitals counts as a difference" in legend
    rows = page.locator('[data-pc-grid] tr[data-spelling-only="true"]')
    page.locator("[data-pc-diffonly]").check()
    assert rows.count() >= 1 and all(rows.nth(i).is_visible() for i in range(rows.count()))
    assert all(rows.nth(i).get_attribute("data-agree") == "false" for i in range(rows.count()))
    assert rows.first.locator("ins, del").count() > 0, "the spelling difference is marked in the row"


# --- accessibility -------------------------------------------------------------------------------


def _axe(page: Page, axe_js: Path) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(axe_js))
    return page.evaluate("""() => axe.run(document).then(r => r.violations.map(v => ({
        id: v.id, help: v.help, nodes: v.nodes.slice(0, 4).map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\\s+/g, ' '))})))""")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_every_rule_on_every_page(browser: Browser, browser_context_args: dict[str, Any],
                                                         site_dir: Path, axe_js: Path, scheme: str) -> None:
    """All rules (best practice included), desktop width, in the light and the dark palette."""
    context = browser.new_context(**browser_context_args, color_scheme=scheme)
    page = context.new_page()
    found = {}
    try:
        for path in site_pages(site_dir):
            page.goto(path, wait_until="load")
            palette = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
            assert palette == ("slate" if scheme == "dark" else "default"), f"/{path}: palette {palette}"
            violations = _axe(page, axe_js)
            if violations:
                found[path or "/"] = violations
    finally:
        context.close()
    report = "\n".join(f"  /{p}: {v['id']} ({v['help']})\n      " + "\n      ".join(v["nodes"]) for p, vs in found.items() for v in vs)
    assert not found, f"axe-core, {scheme} palette, {len(found)} pages:\n{report}"


@pytest.mark.parametrize("path", ["", OVERVIEW, PAIRS, "topic", "schools/whitchurch/", "performance/", "model-policy/"])
def test_axe_finds_nothing_at_phone_width(browser: Browser, browser_context_args: dict[str, Any], site_dir: Path,
                                          axe_js: Path, path: str) -> None:
    """At 375 px wide tables scroll inside their wrappers: those must take focus and have a name."""
    context = browser.new_context(**{**browser_context_args, "viewport": PHONE})
    page = context.new_page()
    page.goto(busiest_topic(site_dir) if path == "topic" else path, wait_until="load")
    violations = _axe(page, axe_js)
    context.close()
    assert not violations, violations


def test_school_pages_never_skip_a_heading_level(page: Page, site_dir: Path) -> None:
    jumps = {}
    for school in school_names(site_dir):
        page.goto(f"schools/{school}/", wait_until="load")
        levels = page.evaluate("""() => [...document.querySelectorAll('article h1, article h2, article h3, article h4, article h5, article h6, article [role=heading]')]
            .map(h => Number(h.getAttribute('aria-level') || h.tagName.slice(1)))""")
        bad = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
        if bad or levels[:1] != [1]:
            jumps[school] = bad or levels[:3]
    assert not jumps, f"heading levels that jump: {jumps}"


def test_topic_pager_has_its_own_landmark_name(page: Page, site_dir: Path) -> None:
    page.goto(busiest_topic(site_dir), wait_until="load")
    names = page.evaluate("""() => [...document.querySelectorAll('nav')].filter(n => n.getClientRects().length)
        .map(n => n.getAttribute('aria-label') || (document.getElementById(n.getAttribute('aria-labelledby')) || {}).textContent || '')
        .map(s => s.trim())""")
    assert "Previous and next topic" in names
    assert len([n for n in names if n == "Topics"]) <= 1, names


# --- search --------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["IMEI", "Facebook", "LADO"])
def test_search_leads_to_a_topic_row_with_the_words_highlighted(page: Page, site_dir: Path, query: str) -> None:
    page.goto("", wait_until="load")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query)
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    page.wait_for_timeout(300)
    hrefs = page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    topical = [urlparse(h) for h in hrefs if urlparse(h).path.startswith("/compare/") and urlparse(h).fragment]
    assert topical, f"no result for {query!r} lands on a topic page's row: {hrefs}"
    target = topical[0]
    assert re.fullmatch(r"(r|own)-[\w-]+", target.fragment), target
    assert parse_qs(target.query).get("h") == [query.lower()], target
    page.goto(target.geturl(), wait_until="load")
    page.wait_for_timeout(300)
    landed = page.evaluate("""id => { const el = document.getElementById(id); if (!el) return null;
        const box = el.getBoundingClientRect(); return {top: box.top, inView: box.top >= 0 && box.top < innerHeight}; }""", target.fragment)
    assert landed and landed["inView"], f"{target.geturl()}: the row is not in view: {landed}"
    marks = page.locator("article mark").all_inner_texts()
    assert any(m.lower() == query.lower() for m in marks), f"{query!r} is not highlighted on the topic page: {marks[:5]}"


def test_a_school_page_result_lands_on_the_clause_itself(page: Page, site_dir: Path) -> None:
    clause = next(c for c in alignment(site_dir)["clauses"] if "IMEI" in c["text"])
    page.goto("", wait_until="load")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("IMEI")
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    page.wait_for_timeout(300)
    hrefs = page.locator(".md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    school = [h for h in hrefs if urlparse(h).path.endswith(f"/schools/{clause['school']}/") and urlparse(h).fragment]
    assert school, hrefs
    assert parse_qs(urlparse(school[0]).query).get("h") == ["imei"], school[0]
    page.goto(school[0], wait_until="load")
    found = page.locator(".pc-found")
    found.first.wait_for(timeout=5_000)
    assert found.first.get_attribute("id") == f"c-{clause['id']}"
    box_ = found.first.bounding_box()
    assert box_ and 0 <= box_["y"] < DESKTOP["height"], f"the clause is not in view: {box_}"


def test_the_model_front_page_tables_fit_a_phone(browser: Browser, browser_context_args: dict[str, Any]) -> None:
    context = browser.new_context(**{**browser_context_args, "viewport": PHONE})
    page = context.new_page()
    page.goto("model-policy/", wait_until="load")
    widths = page.evaluate("""() => [...document.querySelectorAll('.pc-fill-table, .pc-source-table')].map(t => ({
        table: t.className, right: Math.round(t.getBoundingClientRect().right), screen: document.documentElement.clientWidth}))""")
    context.close()
    assert len(widths) == 2 and all(w["right"] <= w["screen"] for w in widths), widths
