"""Whole builds through MkDocs: pages, data files, errors and warnings, reproducibility."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from .conftest import build, policy_md


def test_pages_exist_for_overview_topics_schools(built: Path) -> None:
    data = json.loads((built / "data" / "alignment.json").read_text())
    assert (built / "compare" / "index.html").exists()
    assert (built / "compare" / "pairs" / "index.html").exists()
    for topic in data["topics"]:
        assert (built / "compare" / topic["id"] / "index.html").exists()
    for school in data["schools"]:
        assert (built / "schools" / school["id"] / "index.html").exists()
    assert [s["id"] for s in data["schools"]] == ["buckminster", "cambois", "heaton", "mosscroft", "whitchurch"]


def test_alignment_json_contract(built: Path) -> None:
    data = json.loads((built / "data" / "alignment.json").read_text())
    assert data["schema"] == "policy-compare/alignment/v1"
    assert set(data) == {"schema", "schools", "topics", "clauses"}
    for school in data["schools"]:
        assert set(school) >= {"id", "name", "source", "adopted", "reviewed"}
    topic_ids = {t["id"] for t in data["topics"]}
    assert {"mobile-phones", "cyberbullying", "inappropriate-images", "legislation", "other"} <= topic_ids
    clause_ids = [c["id"] for c in data["clauses"]]
    assert len(clause_ids) == len(set(clause_ids))
    in_rows = [cid for t in data["topics"] for r in t["rows"] for ids in r["clauses"].values() for cid in ids]
    assert sorted(in_rows) == sorted(clause_ids)  # every clause appears in exactly one row
    by_id = {c["id"]: c for c in data["clauses"]}
    for topic in data["topics"]:
        for row in topic["rows"]:
            assert set(row) == {"id", "aliases", "reference", "clauses"}
            assert row["id"] not in row["aliases"]
            for school, ids in row["clauses"].items():
                for cid in ids:
                    assert by_id[cid]["school"] == school
                    assert by_id[cid]["row"] == row["id"]
                    assert by_id[cid]["topic"] == topic["id"]
    for clause in data["clauses"]:
        assert set(clause) == {"id", "school", "topic", "row", "text", "normalised", "section", "number", "source"}
        assert set(clause["source"]) == {"path", "line"}


def test_coverage_csv(built: Path) -> None:
    lines = (built / "data" / "coverage.csv").read_text().splitlines()
    assert lines[0] == "topic,topic_title,school,school_name,clauses,rows_covered,topic_rows,share_of_rows"
    data = json.loads((built / "data" / "alignment.json").read_text())
    assert len(lines) - 1 == len(data["topics"]) * len(data["schools"])


def test_every_clause_text_is_on_its_school_page(built: Path) -> None:
    import html as html_lib

    data = json.loads((built / "data" / "alignment.json").read_text())
    pages = {s["id"]: html_lib.unescape(re.sub(r"<[^>]+>", "", (built / "schools" / s["id"] / "index.html").read_text())) for s in data["schools"]}
    for clause in data["clauses"]:
        assert clause["text"] in re.sub(r"\s+", " ", pages[clause["school"]]) or clause["text"] in pages[clause["school"]]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")


def test_every_internal_link_resolves(built: Path) -> None:
    parsed: dict[Path, _Links] = {}

    def page(path: Path) -> _Links:
        if path not in parsed:
            parser = _Links()
            parser.feed(path.read_text(encoding="utf-8"))
            parsed[path] = parser
        return parsed[path]

    broken = []
    for html_file in sorted(built.rglob("*.html")):
        if html_file.name == "404.html":
            continue
        for href in page(html_file).links:
            url = urlparse(href)
            if url.scheme or href.startswith("//") or href.startswith("mailto:"):
                continue
            target = (html_file.parent / unquote(url.path)).resolve() if url.path else html_file
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{html_file.relative_to(built)} -> {href}")
                continue
            if url.fragment and target.suffix == ".html" and url.fragment not in page(target).ids:
                broken.append(f"{html_file.relative_to(built)} -> {href} (no such anchor)")
    assert broken == []


def test_topic_page_marks_differences_and_gaps(built: Path) -> None:
    text = (built / "compare" / "contact-pupils-parents" / "index.html").read_text()
    assert "<ins" in text and "<del" in text
    assert "Not covered" in text
    assert '<th scope="col"' in text


def test_two_builds_give_a_byte_identical_site(built: Path, project: Path) -> None:
    """Everything, PDF and Word files included, is the same for the same sources (no clock, no cache)."""
    result = build(project)
    assert result.returncode == 0, result.stderr
    first = {p.relative_to(built): p.read_bytes() for p in sorted(built.rglob("*")) if p.is_file()}
    second = {p.relative_to(project / "site"): p.read_bytes() for p in sorted((project / "site").rglob("*")) if p.is_file()}
    assert sorted(first) == sorted(second)
    assert [str(name) for name in first if first[name] != second[name]] == []


def test_file_names_do_not_change_the_alignment(built: Path, project: Path) -> None:
    """Renaming sources so they sort in reverse changes nothing but the source paths (and a warning each)."""
    sources = sorted((project / "source_policies").glob("*.md"))
    for index, path in enumerate(sources):
        path.rename(path.with_name(f"{len(sources) - index:02d}-{path.name}"))
    result = build(project, strict=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("differs from the file name") == len(sources)
    before = json.loads((built / "data" / "alignment.json").read_text())
    after = json.loads((project / "site" / "data" / "alignment.json").read_text())

    def strip_paths(data: dict) -> dict:
        for school in data["schools"]:
            school.pop("source")
        for clause in data["clauses"]:
            clause["source"].pop("path")
        return data

    assert strip_paths(before) == strip_paths(after)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.md", "", "source_policies/empty.md: file is empty"),
        ("nofm.md", "Just text.\n", "source_policies/nofm.md:1: no front matter"),
        ("noid.md", "---\nschool: X School\n---\nText.\n", "source_policies/noid.md:2: front matter has no `id`"),
        ("dup.md", policy_md("Copy School", "whitchurch", "Text."), "id 'whitchurch' is already used by"),
    ],
)
def test_bad_source_fails_the_build_with_a_clear_message(project: Path, name: str, content: str, message: str) -> None:
    (project / "source_policies" / name).write_text(content, encoding="utf-8")
    result = build(project)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site" / "compare" / "index.html").exists()


def test_non_utf8_source_fails_the_build(project: Path) -> None:
    (project / "source_policies" / "latin.md").write_bytes(policy_md("Latin School", "latin", "R\u00e8gles.").encode("cp1252"))
    result = build(project)
    assert result.returncode != 0 and "source_policies/latin.md:7: not UTF-8 text; re-save it as UTF-8" in result.stderr


def test_empty_sources_fail_the_build(project: Path) -> None:
    for path in (project / "source_policies").glob("*.md"):
        path.unlink()
    result = build(project)
    assert result.returncode != 0 and "source_policies: no source policies (*.md)" in result.stderr


def test_stale_override_is_a_warning_that_fails_strict(project: Path) -> None:
    (project / "source_policies" / "overrides.yml").write_text(
        'move:\n  - {clause: "cambois: this sentence does not exist", topic: mobile-phones}\n', encoding="utf-8"
    )
    result = build(project)
    assert result.returncode != 0
    assert "WARNING -  policy_compare: source_policies/overrides.yml:2: override `move: cambois: this sentence does not exist` matches no clause any more" in result.stderr


def test_generated_pages_link_to_their_sources_for_editing(built: Path) -> None:
    edit = "https://github.com/policy-compare/policy-compare/edit/main/"
    school = (built / "schools" / "heaton" / "index.html").read_text()
    assert f'href="{edit}source_policies/heaton.md"' in school
    topic = (built / "compare" / "mobile-phones" / "index.html").read_text()
    for school_id in ("buckminster", "cambois", "heaton", "mosscroft", "whitchurch"):
        assert f'href="{edit}source_policies/{school_id}.md"' in topic
    assert f'href="{edit}docs/index.md"' in (built / "index.html").read_text()
    assert f'href="{edit}source_policies/curation.yml"' in (built / "model-policy" / "index.html").read_text()


def _page_edit_link(page: Path) -> str | None:
    """The theme's "Edit this page" button (rel="edit"), or None."""
    found = re.search(r'<a href="([^"]+)"[^>]*rel="edit"', page.read_text(encoding="utf-8"))
    return found.group(1) if found else None


def test_pages_made_from_many_sources_have_no_page_edit_link(built: Path) -> None:
    """One school's file is the wrong one to open from the overview or a topic page."""
    edit = "https://github.com/policy-compare/policy-compare/edit/main/"
    many = ["compare", "compare/pairs", "compare/mobile-phones", "compare/cyberbullying", "schools", "legislation", "health"]
    linked = {p: _page_edit_link(built / p / "index.html") for p in many}
    assert linked == dict.fromkeys(many), linked
    assert _page_edit_link(built / "schools" / "heaton" / "index.html") == f"{edit}source_policies/heaton.md"
    assert _page_edit_link(built / "model-policy" / "index.html") == f"{edit}source_policies/curation.yml"
    assert _page_edit_link(built / "index.html") == f"{edit}docs/index.md"


def test_home_page_leads_to_findings_and_model_policy(built: Path) -> None:
    home = (built / "index.html").read_text(encoding="utf-8")
    assert 'href="compare/#findings"' in home and 'href="model-policy/"' in home


def test_no_block_placeholder_is_left_and_search_finds_rows_once(built: Path) -> None:
    """Big HTML blocks skip Markdown and come back whole. The search index holds each clause from
    its school page; a topic page adds one entry per shared row (its reference wording, landing on
    the row) and its single-school clauses, never every school's copy of a row."""
    for page in built.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<!-- pc-block:" not in text and "<!-- pc-late:" not in text, page
        assert "<!-- pc-index:" not in text and "<!-- pc-copy:" not in text, page
    data = json.loads((built / "data" / "alignment.json").read_text())
    index = json.loads((built / "search" / "search_index.json").read_text())
    clause = next(c for c in data["clauses"] if "IMEI" in c["text"])
    where = {d["location"].split("#")[0] for d in index["docs"] if "IMEI" in d["text"] + d["title"]}
    assert {f"schools/{clause['school']}/", f"compare/{clause['topic']}/"} <= where, where
    entries = {d["location"]: d for d in index["docs"]}
    for topic in data["topics"]:
        page = f"compare/{topic['id']}/"
        indexed = " ".join(d["title"] + " " + d["text"] for loc, d in entries.items() if loc.startswith(page))
        for row in (r for r in topic["rows"] if len(r["clauses"]) > 1):
            assert entries[f"{page}#r-{row['id']}"]["title"] == html.escape(row["reference"], quote=False)
            for ids in row["clauses"].values():
                for cid in ids:
                    text = next(c["text"] for c in data["clauses"] if c["id"] == cid)
                    if text not in row["reference"] and len(text) > 40:
                        assert html.escape(text, quote=False) not in indexed, f"{page}: a school's copy is indexed: {text}"


def test_search_index_grows_by_at_most_half_for_comparisons(built: Path) -> None:
    """Topic rows and schools' model copies may add at most half of what the rest of the site
    indexes (issue 14: within 1.5 times the index without them)."""
    index = json.loads((built / "search" / "search_index.json").read_text())

    def size(entry: dict[str, str]) -> int:
        return len(json.dumps(entry, separators=(",", ":"), ensure_ascii=False))

    added = sum(size(d) for d in index["docs"]
                if re.match(r"compare/(?!pairs/)[^/]+/#", d["location"]) or re.match(r"model-policy/(?!candidates/)[^/]+/", d["location"]))
    rest = sum(size(d) for d in index["docs"]) - added
    assert added <= rest / 2, f"comparisons add {added} bytes to {rest}"


def test_each_school_copy_of_the_model_is_found_by_its_own_parts_only(built: Path) -> None:
    index = json.loads((built / "search" / "search_index.json").read_text())
    data = json.loads((built / "data" / "alignment.json").read_text())
    for school in data["schools"]:
        entries = [d for d in index["docs"] if d["location"].startswith(f"model-policy/{school['id']}/")]
        assert entries, f"model-policy/{school['id']}/ is not in the search index"
        assert any(school["name"] in d["title"] for d in entries)
        # the model's clauses are found once, on the model page, not again on every school's copy
        assert not any(re.search(r"#s-\d+$", d["location"]) for d in entries), [d["location"] for d in entries]


def test_stash_round_trip_and_fallback() -> None:
    from policy_compare.render import Stash, environment

    stash = Stash()
    env = environment(stash=stash)
    template = env.from_string("# T\n\n{% filter html_block %}<p>{{ x }}</p>{% endfilter %}\n\n"
                               "{% filter html_block(search=False) %}<table><tr><td>{{ x }}</td></tr></table>{% endfilter %}")
    markdown = template.render(x="<b>&")
    assert "<table>" not in markdown and "&lt;b&gt;" not in markdown
    early = stash.fill(markdown, late=False)
    assert "<p>&lt;b&gt;&amp;</p>" in early and "<table>" not in early
    assert "<td>&lt;b&gt;&amp;</td>" in stash.fill(early, late=True)
    inline = environment().from_string("{% filter html_block %}<p>{{ x }}</p>{% endfilter %}").render(x="<i>")
    assert "<p>&lt;i&gt;</p>" in inline  # without a stash the HTML stays in the Markdown
    # a block with a light copy for the search index: the copy first, then the block in its place
    light = env.from_string("{% set light %}<p>{{ x }} &#8644;</p>{% endset %}"
                            "{% filter html_block(index=light) %}<p><span class=\"c\">{{ x }}</span> <a>&#8644;</a></p>{% endfilter %}")
    markdown = light.render(x="<b>&")
    early = stash.fill(markdown, late=False)
    assert "<p>&lt;b&gt;&amp; &#8644;</p>" in early and "<span" not in early
    late = stash.fill(early, late=True)
    assert '<p><span class="c">&lt;b&gt;&amp;</span> <a>&#8644;</a></p>' in late and "pc-copy" not in late
    assert '<span class="c">' in stash.fill(markdown, late=True)  # never filled early: the block itself
    # a part the index would only drop comes back late, in place, with no blank lines added
    part = env.from_string("{% filter html_block %}<h2 data-search-exclude>T</h2>\n{% filter unsearched %}<ul data-search-exclude>"
                           "<li>{{ x }}</li></ul>\n{% endfilter %}<p>after</p>{% endfilter %}").render(x="<b>")
    early = stash.fill(part, late=False)
    assert "<li>" not in early and "<!-- pc-late:" in early and "<p>after</p>" in early
    assert "<h2 data-search-exclude>T</h2>\n<ul data-search-exclude><li>&lt;b&gt;</li></ul>\n<p>after</p>" in stash.fill(early, late=True)
    assert str(environment().from_string("{{ x|unsearched }}").render(x="<b>")) == "&lt;b&gt;"  # without a stash: in place


def test_school_pages_search_entries_are_those_of_the_policy_as_shown(built: Path) -> None:
    """The index is given a light copy of each school's policy text (no attributes or links around
    each clause): its sections read exactly as Material's indexing of the page as shown would."""
    from material.plugins.search.plugin import Parser

    index = json.loads((built / "search" / "search_index.json").read_text())
    for page in sorted((built / "schools").glob("*/index.html")):
        shown = page.read_text(encoding="utf-8")
        start = shown.index('<div class="pc-policy">')
        parser = Parser()
        parser.feed(shown[start : shown.index("\n</div>", start) + 7])
        parser.close()
        expected = {s.id: "".join(s.text).strip() for s in parser.data if s.id and s.id.startswith("h-")}
        location = page.parent.relative_to(built).as_posix() + "/"
        found = {d["location"].split("#")[1]: d["text"] for d in index["docs"]
                 if d["location"].startswith(location + "#h-")}
        assert expected and found == expected, page


def _shown_sections(page: Path, start: str) -> dict[str, str]:
    """Material's reading of the part of a built page that opens with ``start`` (to its closing
    ``</div>``): each section's id and text, as the search index would hold them."""
    from material.plugins.search.plugin import Parser

    shown = page.read_text(encoding="utf-8")
    at = shown.index(start)
    parser = Parser()
    parser.feed(shown[at : shown.index("\n</div>", at) + 7])
    parser.close()
    return {s.id: "".join(s.text).strip() for s in parser.data if s.id and not s.is_excluded()}


def test_light_search_copies_index_as_the_pages_shown(built: Path) -> None:
    """Topic pages give the index a light copy of their clauses only one school has, and a school's
    copy of the model is not given to the index at all (its headings exclude it): the entries are
    exactly those Material would read from the pages as shown."""
    index = json.loads((built / "search" / "search_index.json").read_text())
    checked = 0
    for page in sorted((built / "compare").glob("*/index.html")) + sorted((built / "model-policy").glob("*/index.html")):
        start = '<div class="pc-singles">' if page.parent.parent.name == "compare" else '<div class="pc-model'
        if start not in page.read_text(encoding="utf-8"):
            continue
        location = page.parent.relative_to(built).as_posix() + "/"
        expected = _shown_sections(page, start)
        anchored = (d["location"].partition("#") + (d["text"],) for d in index["docs"])
        found = {anchor: text for where, _, anchor, text in anchored if where == location and anchor in expected}
        if not found and start == '<div class="pc-singles">':
            continue  # an off-topic page: its clauses are searched on their school pages only
        assert found == expected, page
        checked += 1
    assert checked >= 5


def test_navigation_lists_schools_one_by_one_only_for_a_small_trust(tmp_path: Path) -> None:
    from types import SimpleNamespace

    from policy_compare.site import navigation

    schools = [SimpleNamespace(id=f"s{k}", school=f"School {k}") for k in range(3)]
    alignment = SimpleNamespace(policies=schools, topics=[SimpleNamespace(id="t", title="T")])
    config = SimpleNamespace(docs_dir=str(tmp_path))

    def section(nav: list, title: str) -> list:
        return next(item[title] for item in nav if isinstance(item, dict) and title in item)

    small = navigation(alignment, config, max_schools=3)
    assert section(small, "Schools") == ["schools/index.md", *({s.school: f"schools/{s.id}.md"} for s in schools)]
    large = navigation(alignment, config, max_schools=2)
    assert section(large, "Schools") == ["schools/index.md"]
    for nav in (small, large):  # each school is named once: its copy of the model is reached from its page
        assert section(nav, "Model policy") == [
            "model-policy/index.md", {"Review before adopting": "model-policy/review.md"}, {"Candidates": "model-policy/candidates.md"},
        ]


def test_schools_index_links_every_school_and_its_model_page(built: Path) -> None:
    data = json.loads((built / "data" / "alignment.json").read_text())
    index = (built / "schools" / "index.html").read_text(encoding="utf-8")
    for school in data["schools"]:
        assert f'href="../schools/{school["id"]}/"' in index or f'href="{school["id"]}/"' in index
        assert f'href="../model-policy/{school["id"]}/"' in index


def test_readme_documents_every_plugin_option() -> None:
    from policy_compare.config import PolicyCompareConfig

    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    options = [name for name, _ in PolicyCompareConfig._schema]
    assert options and all(f"| `{name}` |" in readme for name in options), [n for n in options if f"| `{n}` |" not in readme]


def test_topic_pages_show_a_grid_only_when_schools_share_a_row(built: Path) -> None:
    data = json.loads((built / "data" / "alignment.json").read_text())
    for topic in data["topics"]:
        page = (built / "compare" / topic["id"] / "index.html").read_text(encoding="utf-8")
        shared = any(len(r["clauses"]) > 1 for r in topic["rows"])
        assert ("data-pc-grid" in page) == shared, topic["id"]
        assert ("No clause on this topic is shared by two or more schools" in page) == (not shared), topic["id"]


def test_model_page_front_matter_for_governors(built: Path) -> None:
    """Sources with their dates, the fill-in table, links to each school's changes, the review page."""
    import io

    import docx

    data = json.loads((built / "data" / "alignment.json").read_text())
    page = (built / "model-policy" / "index.html").read_text(encoding="utf-8")
    assert "Fill in before adopting" in page and '<mark class="pc-fill">[School name]</mark>' in page
    assert "Built from these schools&#39; policies" in page or "Built from these schools' policies" in page
    for school in data["schools"]:
        assert school["name"].replace("'", "&#39;") in page
        assert f'href="{school["id"]}/#gaps"' in page
    assert "What changes for" in (built / "model-policy" / data["schools"][0]["id"] / "index.html").read_text(encoding="utf-8")
    review = (built / "model-policy" / "review" / "index.html").read_text(encoding="utf-8")
    assert "Review before adopting" in review
    # sentences of the model's rules that it leaves out are listed, each with its school and why: one
    # school's description of the Data Protection Act 1998 (repealed) among them, the appendix giving the law in force
    left = review[review.index('id="sentences-left-out-of-the-model"'):]
    assert "Children, Families and Education Directorate page 38 April 2007." in left and "a fragment" in left
    assert "it describes the Data Protection Act 1998, which is repealed" in left
    assert "Data Protection Act 1998" not in page
    assert 'review list</a> (0 items)' in page  # and no law to bring up to date: the repealed Act's text is left out
    document = docx.Document(io.BytesIO((built / "model-policy" / "model-policy.docx").read_bytes()))
    texts = [p.text for p in document.paragraphs]
    assert "Fill in before adopting" in texts and "Built from these schools' policies" in texts
    assert [c.text for c in document.tables[0].rows[0].cells] == ["School", "Adopted", "Last reviewed", "Next review"]
    assert {row.cells[0].text for row in document.tables[0].rows[1:]} == {s["name"] for s in data["schools"]}
    assert any(run.font.highlight_color is not None for p in document.paragraphs for run in p.runs)
    copy = docx.Document(io.BytesIO((built / "model-policy" / f"model-policy-{data['schools'][0]['id']}.docx").read_bytes()))
    assert "Fill in before adopting" in [p.text for p in copy.paragraphs]
    assert not any("[School name]" in p.text for p in copy.paragraphs)
