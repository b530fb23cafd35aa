"""Importing what schools publish: Word, OpenDocument, saved web pages and PDF.

Round trip: each seed is rendered to every format (scripts/render_seeds.py) and imported again;
the result must match the import of its .txt (scripts/evaluate_import.py measures the same).
"""

from __future__ import annotations

import re
import sys
import zlib
from pathlib import Path

import pytest

from policy_compare.errors import PolicyError
from policy_compare.import_common import Extracted
from policy_compare.import_pdf import Page, remove_running_lines
from policy_compare.import_pdf_layout import PdfLine, join_lines, reading_order
from policy_compare.importer import Block, account, import_document
from policy_compare.pdf import find_chromium

from .conftest import ROOT, SEED_SCHOOLS

sys.path.insert(0, str(ROOT / "scripts"))
from evaluate_import import compare  # noqa: E402
from render_seeds import FORMATS, SEEDS, SUFFIX, render_all, write_docx, write_odt  # noqa: E402
from render_seeds import SEED_SCHOOLS as NAMES  # noqa: E402

OFFICE = ("docx", "odt", "html")
PDF = tuple(f for f in FORMATS if f.startswith("pdf"))
# pdf-columns is a third, harder PDF style (two columns); one seed loses one sentence there ("written…which"
# broken after the ellipsis reads back with a space), so its floor is lower
FLOOR = {"pdf-columns": 0.97}


@pytest.fixture(scope="session")
def office_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("renderings")
    render_all(folder, OFFICE)
    return folder


@pytest.fixture(scope="session")
def pdf_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if find_chromium() is None:
        pytest.skip("PDF renderings need Chromium")
    folder = tmp_path_factory.mktemp("pdf-renderings")
    render_all(folder, PDF)
    return folder


def _round_trip(folder: Path, seed: str, fmt: str) -> None:
    school, school_id = NAMES[seed]
    reference = import_document(SEEDS / seed, school, school_id)
    result = import_document(folder / f"{school_id}{SUFFIX[fmt]}", school, school_id)
    title = reference.markdown.split("\ntitle: ", 1)[1].split("\n", 1)[0]
    fidelity = compare(reference.markdown, result.markdown, school_id, (school, title) if fmt != "pdf" else ())
    assert fidelity.sentence_share >= FLOOR.get(fmt, 0.99), fidelity
    assert fidelity.headings[0] == fidelity.headings[1], fidelity
    assert fidelity.dates[0] == fidelity.dates[1], fidelity
    assert fidelity.furniture == ()
    assert result.warnings == ()
    assert result.sentences_written >= result.sentences_read


@pytest.mark.parametrize("fmt", OFFICE)
@pytest.mark.parametrize("seed", sorted(SEED_SCHOOLS))
def test_office_and_web_renderings_import_like_the_text(office_files: Path, seed: str, fmt: str) -> None:
    _round_trip(office_files, seed, fmt)


@pytest.mark.browser
@pytest.mark.parametrize("fmt", PDF)
@pytest.mark.parametrize("seed", sorted(SEED_SCHOOLS))
def test_pdf_renderings_import_like_the_text(pdf_files: Path, seed: str, fmt: str) -> None:
    _round_trip(pdf_files, seed, fmt)


@pytest.mark.browser
def test_styled_pdf_loses_its_running_header_and_page_numbers(pdf_files: Path) -> None:
    result = import_document(pdf_files / "whitchurch.styled.pdf", "Whitchurch Primary School", "whitchurch")
    pages = len({r.split(":")[0] for r in result.removed})
    assert pages >= 5
    assert any("Page 2 of" in r for r in result.removed)
    assert "Page 2 of" not in result.markdown
    body = result.markdown.split("\n---\n", 1)[1]
    assert "E-safety & Social Networking Policy" not in body  # the running header's title, never the body's


# --- Word ---------------------------------------------------------------------------------------------------


def test_docx_heading_levels_numbers_tables_and_review_date(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Oakfield Social Media Policy", style="Title")
    document.add_heading("Scope", level=1)
    document.add_heading("Who it covers", level=2)
    document.add_paragraph("Staff must not add pupils as friends.")
    document.add_paragraph("Report every request.", style="List Number")
    document.add_paragraph("Keep a record.", style="List Number")
    dates = document.add_paragraph("Adopted: January 2023")
    dates.add_run().add_break()
    dates.add_run("Next review: March 2024")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Signed:", "Mrs P. France"
    table.cell(1, 0).text, table.cell(1, 1).text = "Designated lead", "Mr N. Bowmaker"
    path = tmp_path / "oakfield.docx"
    document.save(str(path))
    result = import_document(path, "Oakfield Primary School", "oakfield")
    body = result.markdown.split("\n---\n", 1)[1]
    assert "# Oakfield Social Media Policy\n" in body and "\n## Scope\n" in body and "\n### Who it covers\n" in body
    assert "1. Report every request.\n2. Keep a record." in body
    assert "Signed: Mrs P. France" in body and "Designated lead | Mr N. Bowmaker" in body
    # a table row is text, never a heading (a short line without a full stop reads like one)
    assert "\nDesignated lead | Mr N. Bowmaker\n" in body and "# Designated lead" not in body
    assert result.dates == {"adopted": "2023-01", "next_review": "2024-03"}
    assert "title: Oakfield Social Media Policy" in result.markdown


def test_docx_without_a_title_starts_sections_at_level_two(tmp_path: Path) -> None:
    pytest.importorskip("docx")
    path = tmp_path / "p.docx"
    write_docx("<h2>Scope</h2><p>Staff must not add pupils.</p><h3>Detail</h3><p>Nor parents.</p>", path)
    body = import_document(path, "Oakfield School", "oakfield").markdown.split("\n---\n", 1)[1]
    assert "## Scope" in body and "### Detail" in body and "\n# " not in body


def test_nested_numbered_lists_become_clause_numbers() -> None:
    from bs4 import BeautifulSoup

    from policy_compare.import_html import html_lines

    html = "<ol><li>Scope<ol><li>Staff must not add pupils.</li><li>Nor parents.</li></ol></li><li>Review</li></ol>"
    lines = [line for line in html_lines(BeautifulSoup(html, "html.parser"), unit="paragraph").lines if line]
    assert lines == ["1. Scope", "1.1 Staff must not add pupils.", "1.2 Nor parents.", "2. Review"]


# --- OpenDocument --------------------------------------------------------------------------------------------------


def test_odt_title_headings_lists_and_bold(tmp_path: Path) -> None:
    path = tmp_path / "p.odt"
    write_odt(
        "<h1>Oakfield Social Media Policy</h1><h2>Scope</h2><p>Staff <strong>must not</strong> add pupils.</p>"
        "<ol><li>Report it.</li><li>Record it.</li></ol><ul><li>Phones away</li></ul><h3>Review</h3><p>Next review: Spring 2025</p>",
        path,
    )
    result = import_document(path, "Oakfield School", "oakfield")
    body = result.markdown.split("\n---\n", 1)[1]
    assert "# Oakfield Social Media Policy\n\n## Scope\n\nStaff **must not** add pupils." in body
    assert "1. Report it.\n2. Record it." in body and "- Phones away" in body and "### Review" in body
    assert result.dates == {"next_review": "2025-01"}


def test_odt_that_is_not_a_text_document_is_refused(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "sheet.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')
    with pytest.raises(PolicyError, match="no text body"):
        import_document(path, "Oakfield School")


# --- web pages ------------------------------------------------------------------------------------------------------


def test_web_page_keeps_only_the_main_content(tmp_path: Path) -> None:
    page = tmp_path / "policy.html"
    page.write_text(
        """<html><head><title>Policy | Oakfield</title><script>var x = "Staff must";</script></head><body>
        <div class="cookie-consent">We use cookies. <button>Accept</button></div>
        <header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
        <div class="wrapper"><div class="sidebar"><h3>Quick links</h3><p>Term dates are online.</p></div>
        <div id="content"><h1>Social Media Policy</h1><div class="social-share">Share on Facebook</div>
        <div class="social-media-policy"><p>Staff must not add pupils as friends. They should report requests.</p></div>
        <div class="entry">Read the <a href="/conduct">code of conduct</a> too.<br>It <b>applies</b> to governors.</div>
        <ul><li>Keep phones locked away</li></ul></div></div>
        <footer><p>Oakfield School, Anytown. All rights reserved.</p></footer></body></html>""",
        encoding="utf-8",
    )
    result = import_document(page, "Oakfield School", "oakfield")
    body = result.markdown.split("\n---\n", 1)[1]
    assert body.strip().splitlines() == [
        "# Social Media Policy", "", "Staff must not add pupils as friends. They should report requests.", "",
        "Read the code of conduct too. It **applies** to governors.", "", "- Keep phones locked away",
    ]


# --- PDF -----------------------------------------------------------------------------------------------------------------


def _pdf(pages: list[str | None]) -> bytes:
    """A valid PDF: a page of Helvetica text for each string, a page with a drawing and no text (as a
    scanner's image has no text) for each None."""
    font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    objects: list[str | tuple[str, bytes]] = ["<< /Type /Catalog /Pages 2 0 R >>", "", font]
    kids = []
    for text in pages:
        drawing = b"0 0 0 rg 50 50 400 600 re f"
        lines = b"".join(b"BT /F1 12 Tf 72 %d Td (%s) Tj ET " % (700 - 20 * n, t.encode()) for n, t in enumerate((text or "").split("\n")))
        stream = zlib.compress(lines if text else drawing)
        kids.append(f"{len(objects) + 1} 0 R")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {len(objects) + 2} 0 R >>")
        objects.append((f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n", stream))
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        if isinstance(body, tuple):
            out += f"{number} 0 obj\n{body[0]}".encode() + body[1] + b"\nendstream\nendobj\n"
        else:
            out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def test_scanned_pdf_needs_ocr_and_says_how_many_pages(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf([None, None, None]))
    with pytest.raises(PolicyError, match=r"no text layer on any of its 3 pages.*needs OCR") as error:
        import_document(path, "Oakfield School")
    assert str(path) in str(error.value)


def test_a_scanned_page_among_text_pages_is_a_warning_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "mixed.pdf"
    path.write_bytes(_pdf(["Oakfield School Social Media Policy\nStaff must not add pupils as friends.", None, "Staff must report requests."]))
    result = import_document(path, None)
    assert result.school == "Oakfield School"
    assert result.warnings == ("page 2 has no text layer (scanned?): not imported",)
    assert "Staff must not add pupils as friends." in result.markdown and "Staff must report requests." in result.markdown


def _line(page: int, y: float, text: str, x0: float = 72, x1: float = 520, size: float = 11) -> PdfLine:
    return PdfLine(page, x0, y, x1, y + size, text, size, False)


def test_running_headers_footers_and_page_numbers_are_removed() -> None:
    pages = []
    for number in range(1, 5):
        page = Page(number, 595, 842)
        page.lines = [
            _line(number, 800, "Oakfield School Social Media Policy"),
            _line(number, 700, "Staff must not add pupils." if number != 2 else "Oakfield School Social Media Policy"),
            _line(number, 40, f"Page {number} of 4"),
        ]
        pages.append(page)
    removed = remove_running_lines(pages)
    assert len(removed) == 8
    assert [line.text for page in pages for line in page.lines] == [
        "Staff must not add pupils.", "Oakfield School Social Media Policy", "Staff must not add pupils.", "Staff must not add pupils.",
    ]  # the title in the body of page 2 stays: it is not in the margin


def test_words_hyphenated_at_line_ends_are_joined() -> None:
    assert join_lines(["Staff must not com\u2010", "municate with pupils."]) == "Staff must not communicate with pupils."
    assert join_lines(["the \u00adorgan\u00ad", "isation"]) == "the \u00adorganisation"
    assert join_lines(["about e-", "safety"]) == "about e-safety"  # a real hyphen stays
    assert join_lines(["good cyber-", "bullying policy"], {"cyberbullying"}) == "good cyberbullying policy"
    assert join_lines(["**organi\u2010**", "**sation** is"]) == "**organisation** is"


def test_two_columns_are_read_column_by_column() -> None:
    left = [_line(1, 700 - 14 * n, f"left {n}", 72, 280) for n in range(6)]
    right = [_line(1, 700 - 14 * n, f"right {n}", 310, 520) for n in range(6)]
    title = _line(1, 760, "A title across both columns", 72, 520)
    order = [line.text for line in reading_order([*right, title, *left], 595)]
    assert order == ["A title across both columns", *[f"left {n}" for n in range(6)], *[f"right {n}" for n in range(6)]]


def test_text_read_but_not_written_is_a_warning_with_its_place() -> None:
    document = Extracted(lines=["Staff must not add pupils. They must report requests."], where=["page 2, line 7"])
    read, written, lost = account(document, [Block("para", "Staff must not add pupils.")], joined_paragraphs=True)
    assert (read, written) == (2, 1)
    assert lost == ["page 2, line 7: text not placed in the output: 'They must report requests.'"]


# --- a folder at once ---------------------------------------------------------------------------------------------------


def test_import_folder_names_schools_prints_the_summary_and_checks(
    office_files: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from policy_compare.cli import main

    # a folder of its own: the check that follows the import runs with the plugin's defaults, not with
    # this repository's mkdocs.yml, whose curation names the repository's own schools
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "downloads"
    folder.mkdir()
    for name in ("buckminster.docx", "cambois.html", "mosscroft.odt"):
        (folder / name).write_bytes((office_files / name).read_bytes())
    (folder / "heaton.txt").write_bytes((SEEDS / "003_f03d67410969c514.txt").read_bytes())
    (folder / "notes.rtf").write_text("not a policy format")
    sources = tmp_path / "source_policies"
    assert main(["import", str(folder), "--sources", str(sources), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert not sources.exists()  # a dry run writes nothing
    assert re.search(r"^buckminster\.docx\s+Buckminster Primary School\s+buckminster\s+102\s+112 read, 112 written\s+none\s+0$", out, re.M)
    assert re.search(r"^heaton\.txt\s+Heaton St\. Barnabas' CE \(VA\) Primary School\s+heaton-st-barnabas\s+79\s+.*reviewed 2021-11-23\s+0$", out, re.M)
    assert "notes.rtf" not in out and "would write 4 of 4 files" in out and "4 schools, 260 clauses" in out
    assert main(["import", str(folder), "--sources", str(sources)]) == 0
    assert sorted(p.name for p in sources.iterdir()) == ["buckminster.md", "cambois.md", "heaton-st-barnabas.md", "mosscroft.md"]
    capsys.readouterr()
    assert main(["import", str(folder), "--sources", str(sources)]) == 2  # already there, and no --force
    assert "already exists; pass --force" in capsys.readouterr().out


def test_single_import_reads_the_school_name_and_reports_sentences(
    office_files: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from policy_compare.cli import main

    assert main(["import", str(office_files / "cambois.odt"), "--sources", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == f"wrote {tmp_path / 'cambois.md'}: Cambois Primary School, 54 sentences read, 54 written"


@pytest.mark.browser
def test_a_policy_laid_out_differently_printed_with_chromiums_own_header_and_footer(tmp_path: Path) -> None:
    """Not a render_seeds layout: a cover page with a document-control table, a contents list, clause
    numbers in a bold hanging column, circle bullets, and Chromium's default running header (date,
    title) and footer (file address, "1/3")."""
    import subprocess

    from policy_compare.pdf import FLAGS

    chromium = find_chromium()
    if chromium is None:
        pytest.skip("needs Chromium")
    page = ROOT / "tests" / "import_samples" / "hollybank-policy.html"
    pdf = tmp_path / "hollybank.pdf"
    flags = [flag for flag in FLAGS if flag != "--no-pdf-header-footer"]
    subprocess.run([chromium, *flags, f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    result = import_document(pdf, None)
    assert (result.school, result.school_id) == ("Hollybank Church of England Primary Academy", "hollybank")
    assert result.dates == {"adopted": "2023-03-14", "next_review": "2025-01"}
    assert result.warnings == () and result.sentences_read == result.sentences_written == 43
    assert len(result.removed) == 12  # date and title at the top, address and page number at the foot, on 3 pages
    body = result.markdown.split("\n---\n", 1)[1]
    assert "file://" not in body and "PM" not in body
    assert "# Social Media Policy\n" in body and "## 3. Personal use of social media by staff" in body
    for number in ("1.1", "1.2", "2.1", "2.2", "3.1", "3.2", "3.3", "4.1", "4.2", "5.1", "5.2", "6.1", "6.2"):
        assert f"\n{number} " in body
    assert "\n- never post photographs or videos of pupils," in body


@pytest.mark.browser
def test_imported_pdfs_build_with_strict_and_no_edits(pdf_files: Path, project: Path) -> None:
    """The site builds from PDF imports as they come (the two-column style, the hardest) with no warning."""
    from .conftest import build

    sources = project / "source_policies"
    for seed, (school, school_id) in NAMES.items():
        result = import_document(pdf_files / f"{school_id}{SUFFIX['pdf-columns']}", school, school_id)
        (sources / f"{school_id}.md").write_text(result.markdown, encoding="utf-8")
    completed = build(project)
    assert completed.returncode == 0, completed.stderr
    assert "WARNING" not in completed.stderr, completed.stderr


def test_without_school_the_name_comes_from_front_matter_or_text_or_an_error(tmp_path: Path) -> None:
    source = tmp_path / "p.md"
    source.write_text("---\nschool: Oakfield School\nid: oakfield\n---\n# Rules\n\nStaff must not.\n", encoding="utf-8")
    assert (import_document(source, None).school, import_document(source, None).school_id) == ("Oakfield School", "oakfield")
    text = tmp_path / "p.txt"
    text.write_text("ST MARY'S C OF E PRIMARY SCHOOL\n\nStaff at St Mary's C of E Primary School must not.\n", encoding="utf-8")
    assert import_document(text, None).school == "St Mary's C of E Primary School"
    text.write_text("Staff must not add pupils.\n", encoding="utf-8")
    with pytest.raises(PolicyError, match="the school's name is not in the text; pass --school"):
        import_document(text, None)


def test_a_bullet_set_lower_than_its_text_still_starts_the_line() -> None:
    text = PdfLine(1, 130, 267, 510, 277, "It must be possible to install (in the", 10, False)
    bullet = PdfLine(1, 120, 267, 122, 275, "\u2022", 8, False)
    after = PdfLine(1, 130, 254, 357, 264, "normal Unix way).", 10, False)
    [first, second] = reading_order([text, bullet, after], 595)
    assert (first.text, first.size, second.text) == ("\u2022 It must be possible to install (in the", 10, "normal Unix way).")


def test_school_ids_keep_an_apostrophe_s_with_its_word() -> None:
    from policy_compare.importer import slugify

    assert slugify("St Aidan's Catholic Junior School") == "st-aidans-catholic-junior-school"
    assert slugify("St Aidan\u2019s") == "st-aidans"
    assert slugify("Heaton St. Barnabas' CE Primary") == "heaton-st-barnabas-ce-primary"


def test_a_table_of_contents_is_left_out_and_reported(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph("Oakfield Social Media Policy", style="Title")
    document.add_paragraph("Contents")
    for line in ("1. Scope\t2", "2. Staff conduct\t3", "3. Review ........ 4"):
        document.add_paragraph(line)
    document.add_heading("1. Scope", level=1)
    document.add_paragraph("This policy applies to all staff.")
    document.add_heading("2. Staff conduct", level=1)
    document.add_paragraph("Staff must not add pupils as friends.")
    document.add_heading("3. Review", level=1)
    document.add_paragraph("The policy is reviewed every 2 years.")
    path = tmp_path / "oakfield.docx"
    document.save(str(path))
    result = import_document(path, "Oakfield Primary School", "oakfield")
    body = result.markdown.split("\n---\n", 1)[1]
    assert "Contents" not in body and "Scope 2" not in body and "Review ...." not in body
    assert "## 1. Scope" in body or "## Scope" in body
    assert [r for r in result.removed if r.startswith("contents:")] == [
        "contents: Contents", "contents: 1. Scope 2", "contents: 2. Staff conduct 3", "contents: 3. Review ........ 4"]
    assert result.sentences_read == result.sentences_written


def test_lines_ending_in_a_number_are_kept_unless_they_list_later_headings() -> None:
    from policy_compare.import_common import Extracted, drop_contents

    lines = ["Pupils may bring phones in Year 6", "", "Staff must report concerns within 2", "", "# Phones", "Phones are kept in the office."]
    assert drop_contents(Extracted(lines=lines, where=[""] * len(lines))).lines == lines


@pytest.mark.browser
def test_a_ruled_table_in_a_pdf_is_a_line_of_cells_per_row(tmp_path: Path) -> None:
    """fresh9's Ravenscar: a sanctions table with wrapped cells came out read line by line, row and
    column interleaved ("First time in a term Phone confiscated and incident Student collects from
    Student recorded on Arbor"); each row is now a line of its cells, as other formats' tables are.
    A box drawn round a paragraph (one cell) is no table."""
    import subprocess

    from policy_compare.pdf import FLAGS

    chromium = find_chromium()
    if chromium is None:
        pytest.skip("needs Chromium")
    page = tmp_path / "table.html"
    page.write_text("""<!doctype html><meta charset="utf-8"><style>
      body { font: 11pt serif; width: 16cm; } td, th { border: 1px solid #000; padding: 4px; width: 5cm; }
      table { border-collapse: collapse; } .box { border: 1px solid #000; padding: 6px; }</style>
      <h1>Oakfield Academy Mobile Phone Policy</h1>
      <p>8.3 If a phone is seen or heard, staff will confiscate it. Sanctions are set out in the table below.</p>
      <table><tr><th>Occasion</th><th>Action taken</th><th>Return of the phone</th></tr>
      <tr><td>First time in a term</td><td>Phone confiscated and the incident recorded on the school's management information system</td>
          <td>Student collects it from Student Services at 3.10pm</td></tr>
      <tr><td>Second time in a term</td><td>Phone confiscated; a thirty-minute after-school detention</td>
          <td>Student collects it at the end of the detention</td></tr></table>
      <p class="box">Local arrangements: students who need to contact home should go to Student Services.</p>
      <p>8.4 Parents should not text their children during the school day.</p>""", encoding="utf-8")
    pdf = tmp_path / "table.pdf"
    subprocess.run([chromium, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    result = import_document(pdf, "Oakfield Academy", "oakfield")
    body = result.markdown.split("\n---\n", 1)[1]
    assert "\nOccasion | Action taken | Return of the phone\n" in body
    assert ("\nFirst time in a term | Phone confiscated and the incident recorded on the school's management information system"
            " | Student collects it from Student Services at 3.10pm\n") in body
    assert "\nSecond time in a term | Phone confiscated; a thirty-minute after-school detention | Student collects it at the end" in body
    assert "\nLocal arrangements: students who need to contact home should go to Student Services.\n" in body
    assert result.warnings == () and result.sentences_read == result.sentences_written
