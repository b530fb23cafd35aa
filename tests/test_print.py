"""Printing the model policy: A4, every model clause present, nothing of the website in it.

Needs Chromium and poppler-utils; skipped without them unless POLICY_COMPARE_REQUIRE_BROWSER=1
(as in CI), where their absence is a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from policy_compare.pdf import find_chromium, print_to_pdf

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "print"


def _require_tools() -> str:
    chromium = find_chromium()
    missing = [name for name, found in (("chromium", chromium), ("pdfinfo", shutil.which("pdfinfo")), ("pdftotext", shutil.which("pdftotext"))) if not found]
    if missing:
        message = f"print tests need {', '.join(missing)}"
        if os.environ.get("POLICY_COMPARE_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    assert chromium
    return chromium


def _text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _words(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(re.sub(r"-\n\s*", "-", text).split())


@pytest.fixture(scope="module")
def printed(built: Path) -> tuple[Path, str]:
    chromium = _require_tools()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pdf = ARTIFACTS / "model-policy-browser-print.pdf"
    print_to_pdf(built / "model-policy" / "index.html", pdf, chromium)
    return pdf, _text(pdf)


def _model_clauses(built: Path) -> list[str]:
    html = (built / "model-policy" / "index.html").read_text(encoding="utf-8")
    import html as html_lib

    return [html_lib.unescape(re.sub(r"<[^>]+>", "", t)) for t in re.findall(r'<span class="pc-model-text">(.*?)</span>', html, re.S)]


def test_print_is_a4(printed: tuple[Path, str]) -> None:
    info = subprocess.run(["pdfinfo", str(printed[0])], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+59[45]\.\d+ x 84[12]\.\d+ pts \(A4\)", info), info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert pages >= 2


def test_print_has_every_model_clause_and_numbers(printed: tuple[Path, str], built: Path) -> None:
    text = _words(printed[1])
    clauses = _model_clauses(built)
    assert len(clauses) > 20
    missing = [c for c in clauses if _words(c) not in text]
    assert missing == []
    assert re.search(r"\b1\.1\b", text) and re.search(r"\b2\.1\b", text)
    assert "Approval" in text and "Chair of governors" in text and "Headteacher" in text
    assert "Appendix: legislation and guidance" in text
    # the front page: every source school with its dates, and what to fill in before adopting
    assert "Built from these schools' policies" in text and "Fill in before adopting" in text
    for school in json.loads((built / "data" / "alignment.json").read_text())["schools"]:
        assert _words(school["name"]) in text


def test_print_has_none_of_the_website(printed: tuple[Path, str], built: Path) -> None:
    text = _words(printed[1])
    for furniture in ("Social networking policies compared", "Compare two schools", "Data downloads", "Search",
                      "Skip to content", "Table of contents", "Download:", "Overview", "(from "):
        assert furniture not in text, furniture
    assert "Page 1 of" in text  # page numbers in the margin
    assert "version 1.0" in text  # title and version in the margin


def test_build_made_the_pdf_and_word_files(built: Path) -> None:
    _require_tools()
    pdf = built / "model-policy" / "model-policy.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    data = json.loads((built / "data" / "alignment.json").read_text())
    assert (built / "model-policy" / "model-policy.docx").exists()
    for school in data["schools"]:
        assert (built / "model-policy" / f"model-policy-{school['id']}.docx").exists()
        assert (built / "model-policy" / school["id"] / "index.html").exists()
    page = (built / "model-policy" / "index.html").read_text()
    assert 'href="model-policy.pdf"' in page and 'href="model-policy.docx"' in page


def test_the_built_pdfs_title_is_the_policys_and_no_print_copy_is_left(built: Path) -> None:
    _require_tools()
    info = subprocess.run(["pdfinfo", str(built / "model-policy" / "model-policy.pdf")], capture_output=True, text=True, check=True).stdout
    title = re.search(r"^Title:\s+(.*)$", info, re.M)
    assert title is not None and title.group(1) == "Social networking policy", info
    assert not list((built / "model-policy").glob(".print-*"))


def test_structure_ids_are_numbered_by_rank_so_reprints_match() -> None:
    from policy_compare.pdf import renumber_nodes

    first = b"<</S /TH /ID (node00000258)>> <</S /TD /ID (node00000301)>> /Names [(node00000258) 5 0 R (node00000301) 6 0 R]"
    second = first.replace(b"00000258", b"00000257").replace(b"00000301", b"00000299")
    assert renumber_nodes(first) == renumber_nodes(second)
    assert len(renumber_nodes(first)) == len(first)  # byte offsets stay valid
    assert b"(node00000001)" in renumber_nodes(first) and b"(node00000002)" in renumber_nodes(first)
