"""Nothing a maintainer types runs in a reader's browser: PAYLOAD in every field, then every built page,
Word file and the PDF hold it as text, never as markup."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import PAYLOAD, build, payload_project


class _Unsafe(HTMLParser):
    """Markup in a page that could run a script, and the page's text as a reader sees it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self._script: list[str] | None = None
        self._script_type: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "alert" in value:
                self.problems.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value.strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.problems.append("<img src=x>")
        if tag == "script":
            self._script, self._script_type = [], dict(attrs).get("type")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            body = "".join(self._script)
            if self._script_type == "application/json":
                try:
                    json.loads(body)  # a payload that closed the element would leave broken JSON behind
                except ValueError as exc:
                    self.problems.append(f"JSON script broken: {exc}")
            elif "alert(1)" in body:
                self.problems.append(f"<script>{body[:60]}")
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        else:
            self.text.append(data)


def _scan(page: Path) -> _Unsafe:
    scan = _Unsafe()
    scan.feed(page.read_text(encoding="utf-8"))
    return scan


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = payload_project(tmp_path_factory.mktemp("payload"))
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return project / "site"


def test_no_page_holds_the_payload_as_markup(payload_site: Path) -> None:
    problems = {str(p.relative_to(payload_site)): _scan(p).problems for p in sorted(payload_site.rglob("*.html"))}
    assert {page: found for page, found in problems.items() if found} == {}


@pytest.mark.parametrize(
    ("page", "label"),
    [
        ("schools/cambois/index.html", "Cambois "),  # heading, page title, navigation
        ("schools/cambois/index.html", "Heading "),
        ("schools/cambois/index.html", "There are four key areas "),
        ("index.html", "Cambois "),  # navigation on the site's own pages
        ("index.html", "Phones "),
        ("compare/mobile-phones/index.html", "Phones "),
        ("compare/mobile-phones/index.html", "Description "),
        ("compare/index.html", "Cambois "),
        ("model-policy/index.html", "Model "),
        ("model-policy/index.html", "Added "),
        ("model-policy/index.html", "Trust "),
        ("model-policy/index.html", "Note "),
        ("model-policy/index.html", "Replaced "),
        ("model-policy/cambois/index.html", "Model policy for Trust "),
        ("legislation/index.html", "Cambois "),
        ("health/index.html", "Cambois "),
    ],
)
def test_the_payload_shows_as_literal_text(payload_site: Path, page: str, label: str) -> None:
    text = re.sub(r"\s+", " ", "".join(_scan(payload_site / page).text))
    assert label + PAYLOAD in text


def test_no_page_escapes_the_payload_twice(payload_site: Path) -> None:
    """Escaped once everywhere: Material escapes a title in the footer's aria-label itself."""
    twice = [str(p.relative_to(payload_site)) for p in sorted(payload_site.rglob("*.html")) if "&amp;lt;script" in p.read_text(encoding="utf-8")]
    assert twice == []
    footer = (payload_site / "schools" / "buckminster" / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="Next: Cambois &lt;script&gt;alert(1)&lt;/script&gt;' in footer


def test_titles_carry_the_payload_escaped(payload_site: Path) -> None:
    html = (payload_site / "schools" / "cambois" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title is not None and "<" not in title[1] and "Cambois &lt;script&gt;alert(1)&lt;/script&gt;" in title[1]


def test_embedded_json_and_data_files_keep_the_payload_as_data(payload_site: Path) -> None:
    data = json.loads((payload_site / "data" / "alignment.json").read_text(encoding="utf-8"))
    assert "Cambois " + PAYLOAD in [s["name"] for s in data["schools"]]
    pairs = (payload_site / "compare" / "pairs" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in pairs and "Cambois \\u003cscript\\u003ealert(1)" in pairs


def test_word_files_hold_the_payload_as_text(payload_site: Path) -> None:
    for name in ("model-policy.docx", "model-policy-cambois.docx"):
        with zipfile.ZipFile(payload_site / "model-policy" / name) as docx:
            xml = docx.read("word/document.xml").decode("utf-8")
            core = docx.read("docProps/core.xml").decode("utf-8")
        assert "<script>" not in xml and "&lt;script&gt;alert(1)&lt;/script&gt;" in xml
        assert "<script>" not in core
    with zipfile.ZipFile(payload_site / "model-policy" / "model-policy-cambois.docx") as docx:
        assert "adopted by Cambois &lt;script&gt;" in docx.read("word/document.xml").decode("utf-8")


def test_the_pdf_holds_the_payload_as_text(payload_site: Path) -> None:
    pdf = payload_site / "model-policy" / "model-policy.pdf"
    if not pdf.exists() or not shutil.which("pdftotext"):
        pytest.skip("Chromium or poppler-utils is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Model <script>alert(1)</script>" in text
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "JavaScript:      no" in info


@pytest.mark.parametrize("name", ["Back\\slash School \\", 'Say "hi" School', "It's: a {school} - # [x]", PAYLOAD])
def test_generated_front_matter_titles_read_back_as_escaped_html(name: str) -> None:
    import html

    import yaml

    from policy_compare.render import yaml_title

    assert yaml.safe_load(f"title: {yaml_title(name)}\n") == {"title": html.escape(name)}


def test_csv_cells_never_start_a_spreadsheet_formula() -> None:
    from policy_compare.export import csv_text

    assert [csv_text(v) for v in ("=HYPERLINK(\"x\")", "+1", "-1", "@SUM(A1)", "Oakfield", "")] == [
        "'=HYPERLINK(\"x\")", "'+1", "'-1", "'@SUM(A1)", "Oakfield", "",
    ]


def test_an_edit_url_that_is_not_a_web_address_fails_the_build(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("      cache_dir:", "      edit_url: 'javascript:alert(1)//{path}'\n      cache_dir:"), encoding="utf-8")
    result = build(project)
    assert result.returncode != 0 and "`edit_url: javascript:alert(1)//{path}` is not a web address" in result.stderr
