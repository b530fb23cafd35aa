"""Read a text PDF (pdfminer.six) into the markdown-ish lines the importer structures.

Reads each page's lines with position, font size, weight and drawn bullets, and removes running
headers, footers and page numbers; ``import_pdf_layout`` then works out reading order, paragraphs,
headings and list items. It does not OCR: a scanned PDF is an error that says so.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import statistics
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from .errors import PolicyError
from .import_common import Extracted, running_key, running_threshold
from .import_pdf_layout import PdfLine, blocks_to_lines, join_lines, reading_order

_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?#+(?:\s*(?:of|/)\s*#+)?$|^[-\u2013\u2014]\s*#+\s*[-\u2013\u2014]$", re.I)
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,b$", re.I)
MARGIN_ZONE = 0.13  # running headers and footers live in the top and bottom 13% of a page


@dataclass
class Page:
    """One page's size and text lines (running headers and footers are removed from ``lines``)."""

    number: int
    width: float
    height: float
    lines: list[PdfLine] = field(default_factory=list)


def pdf_document(source: Path) -> Extracted:
    """A text PDF as structured lines, with the location of each line and what was removed.

    Raises ``PolicyError`` when the file is not a PDF, is encrypted, or has no text layer.
    """
    pages = read_pages(source)
    if not any(page.lines for page in pages):
        count = len(pages)
        raise PolicyError(
            str(source),
            f"no text layer on any of its {count} page{'s' if count != 1 else ''}: it is a scanned image and needs OCR",
            hint=f"run it through OCR first (e.g. `ocrmypdf {source.name} ocr.pdf`) and import the result",
        )
    warnings: list[str] = []
    empty = [page.number for page in pages if not page.lines]
    if empty:
        many = len(empty) > 1
        warnings.append(f"page{'s' if many else ''} {', '.join(map(str, empty))} ha{'ve' if many else 's'} no text layer (scanned?): not imported")
    removed = remove_running_lines(pages)
    ordered: list[PdfLine] = []
    for page in pages:
        page_order = reading_order([line for line in page.lines if not line.rotated], page.width)
        rotated = [line for line in page.lines if line.rotated]
        for number, line in enumerate(page_order + rotated, start=1):
            line.number = number
        for line in rotated:
            warnings.append(f"page {page.number}, line {line.number}: rotated text {line.text!r} kept as its own paragraph at the end of the page")
        ordered.extend(page_order + rotated)
    # a font without a text mapping gives glyph numbers, not letters: say where, so it can be retyped
    unmapped = [line for line in ordered if "(cid:" in line.text]
    for line in unmapped[:20]:
        warnings.append(f"page {line.page}, line {line.number}: characters the PDF gives no text for, shown as (cid:n): {line.text[:60]!r}")
    if len(unmapped) > 20:
        warnings.append(f"and {len(unmapped) - 20} more lines with (cid:n) characters")
    lines, where = blocks_to_lines(ordered)
    return Extracted(lines=lines, where=where, warnings=warnings, removed=[f"page {p}: {t}" for t, p in removed])


# --- reading the PDF ---------------------------------------------------------------------------------------


PARALLEL_PAGES = 8  # from this many pages, read the two halves of a PDF in two processes


def read_pages(source: Path) -> list[Page]:
    """Every page's text lines with their position, font size and weight.

    pdfminer interprets page content in pure Python, about 0.1-0.3 s a page for Chromium's PDFs
    (a positioning operator per glyph); a long PDF is read in two processes at once.
    """
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError
    from pdfminer.psparser import PSException

    with source.open("rb") as handle:
        if handle.read(1024).find(b"%PDF-") < 0:
            raise PolicyError(str(source), "not a PDF file (no %PDF header)", hint="is this the right file?")
    try:
        with source.open("rb") as handle:
            count = sum(1 for _ in PDFPage.create_pages(PDFDocument(PDFParser(handle))))
        if count < PARALLEL_PAGES or (os.cpu_count() or 1) < 2:
            return _read_range(str(source), list(range(count)))
        half = (count + 1) // 2
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
        try:
            with ProcessPoolExecutor(max_workers=2, mp_context=context) as pool:
                first, second = pool.map(_read_range, [str(source)] * 2, [list(range(half)), list(range(half, count))])
            return first + second
        except (OSError, BrokenProcessPool):  # no second process to be had (a sandbox, a limit): read in this one
            return _read_range(str(source), list(range(count)))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise PolicyError(str(source), "the PDF is encrypted", hint="save an unprotected copy and import that") from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise PolicyError(str(source), f"cannot read this PDF ({exc.__class__.__name__}: {exc})", hint="print it to a new PDF and import that") from exc


def _read_range(source: str, indexes: list[int]) -> list[Page]:
    """The pages at ``indexes`` (from 0), read with pdfminer's layout analysis (a process pool runs this)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTAnno, LTChar, LTCurve, LTImage, LTPage, LTTextContainer, LTTextLine

    # boxes_flow=None: we order lines ourselves (columns below), so skip pdfminer's box grouping
    params = LAParams(line_margin=0.5, char_margin=2.0, word_margin=0.1, boxes_flow=None, detect_vertical=True)
    pages: list[Page] = []
    ruled: list[Page] = []  # pages with enough ruled lines to hold a table
    for number, layout in zip((i + 1 for i in indexes), extract_pages(source, laparams=params, page_numbers=set(indexes))):
        assert isinstance(layout, LTPage)
        page = Page(number, layout.width, layout.height)
        markers: list[tuple[float, float, float]] = []  # (x1, y0, y1) of shapes small enough to be bullets
        for container in layout:
            if isinstance(container, (LTCurve, LTImage)) and 1.5 <= container.width <= 8 and 1.5 <= container.height <= 8:
                markers.append((container.x1, container.y0, container.y1))
            if not isinstance(container, LTTextContainer):
                continue
            for line in container:
                if not isinstance(line, LTTextLine):
                    continue
                visible = [c for c in line if isinstance(c, LTChar) and c.get_text().strip()]
                text = _line_text(list(line), LTChar, LTAnno)
                if not text.strip() or not visible:
                    continue
                size = statistics.median(round(c.size, 1) for c in visible)
                bold = sum(1 for c in visible if _BOLD_FONT.search(c.fontname)) > len(visible) / 2
                rotated = not all(c.upright for c in visible)
                page.lines.append(PdfLine(number, line.x0, line.y0, line.x1, line.y1, text, size, bold, rotated))
        for line in page.lines:
            middle = [(y0 + y1) / 2 for x1, y0, y1 in markers if 0 <= line.x0 - x1 <= 3 * line.size]
            line.bulleted = any(line.y0 <= y <= line.y1 for y in middle)
        rules = sum(1 for item in layout if isinstance(item, LTCurve) and (item.width > 8 or item.height > 8))
        if rules >= TABLE_RULES:
            ruled.append(page)
        pages.append(page)
    if ruled:
        _read_tables(source, ruled)
    return pages


TABLE_RULES = 6  # ruled lines or boxes on a page before its tables are looked for (a table has a grid)


def _read_tables(source: str, pages: list[Page]) -> None:
    """Replace the lines of each ruled table on ``pages`` with one line a row, its cells joined by " | "
    (as the importer writes other formats' tables). pdfplumber finds a table from its ruled grid and
    puts wrapped cell text in its cell; read line by line, a table's cells come out interleaved, row
    and column mixed. A table of one row or one column (a box round a paragraph) is left as text."""
    import pdfplumber

    with pdfplumber.open(source) as pdf:
        for page in pages:
            found = [t for t in pdf.pages[page.number - 1].find_tables()
                     if len(t.rows) >= 2 and max(len(row.cells) for row in t.rows) >= 2]
            for table in found:
                x0, top, x1, bottom = table.bbox
                inside = [ln for ln in page.lines
                          if x0 - 1 <= (ln.x0 + ln.x1) / 2 <= x1 + 1 and top - 1 <= page.height - (ln.y0 + ln.y1) / 2 <= bottom + 1]
                if not inside:
                    continue
                size = statistics.median(ln.size for ln in inside)
                rows: list[PdfLine] = []
                for row, cells in zip(table.rows, table.extract()):
                    texts = [join_lines([t for t in (cell or "").split("\n") if t.strip()]) for cell in cells]
                    if not any(texts):
                        continue
                    _, row_top, _, row_bottom = row.bbox
                    rows.append(PdfLine(page.number, x0, page.height - row_bottom, x1, page.height - row_top,
                                        " | ".join(t.strip() for t in texts), size, False, table_row=True))
                gone = {id(ln) for ln in inside}
                page.lines = [ln for ln in page.lines if id(ln) not in gone] + rows


def _line_text(items: list[object], char_type: type, anno_type: type) -> str:
    """A line's text from its glyphs, bold runs marked ``**``.

    A space glyph that the next glyph overlaps is an artefact, not a space (Chromium prints a soft
    hyphen that did not break a line as a zero-advance space).
    """
    parts: list[str] = []
    in_bold = False
    for index, item in enumerate(items):
        text = item.get_text()  # type: ignore[attr-defined]
        if isinstance(item, anno_type) and text == "\n":
            continue
        if isinstance(item, char_type) and text == " ":
            following = next((n for n in items[index + 1 :] if isinstance(n, char_type)), None)
            if following is not None and following.x0 < item.x1 - 0.3 * (item.x1 - item.x0):  # type: ignore[attr-defined]
                continue
        if isinstance(item, char_type) and text.strip():
            bold = bool(_BOLD_FONT.search(item.fontname))  # type: ignore[attr-defined]
            if bold != in_bold:
                if bold:
                    parts.append("**")
                else:  # close the run before the spaces that led up to this glyph
                    trailing = len("".join(parts)) - len("".join(parts).rstrip())
                    joined = "".join(parts)
                    parts = [joined[: len(joined) - trailing], "**", joined[len(joined) - trailing :]]
                in_bold = bold
        parts.append(text)
    if in_bold:
        parts.append("**")
    text = "".join(parts).translate(_LIGATURES).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


# --- running headers and footers -------------------------------------------------------------------------


def remove_running_lines(pages: list[Page]) -> list[tuple[str, int]]:
    """Drop running headers, footers and page numbers from ``pages``; return (text, page) of each removed.

    A running line sits in the top or bottom margin zone at the same height on most pages (at
    least two, and 40% of them, so alternating left and right headers count), with its digits
    ignored ("Page 3 of 9"). A page number alone in a margin zone goes even on a one-page file.
    """
    seen: dict[tuple[str, int], set[int]] = defaultdict(set)
    for page in pages:
        for line in page.lines:
            if _in_margin(line, page):
                seen[(running_key(line.text), round(line.y0 / 6))].add(page.number)
    threshold = running_threshold(len(pages))
    running = {key for key, on in seen.items() if len(on) >= threshold}
    removed: list[tuple[str, int]] = []
    for page in pages:
        keep = []
        for line in page.lines:
            key = running_key(line.text)
            near = any((key, round(line.y0 / 6) + d) in running for d in (-1, 0, 1))
            if _in_margin(line, page) and (near or _PAGE_NUMBER.match(key)):
                removed.append((line.text, page.number))
            else:
                keep.append(line)
        page.lines = keep
    return removed


def _in_margin(line: PdfLine, page: Page) -> bool:
    return line.y0 > page.height * (1 - MARGIN_ZONE) or line.y1 < page.height * MARGIN_ZONE
