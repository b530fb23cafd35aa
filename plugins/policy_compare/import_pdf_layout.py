"""Lay out a PDF's text lines: reading order across columns, then paragraphs, headings and list items.

Works on positioned lines (``PdfLine``) only; ``import_pdf`` reads them from the file with pdfminer.six
and removes running headers and footers first.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, replace

# Bullet glyphs as PDFs carry them: Symbol and Wingdings bullets land in the private use area.
_BULLET_GLYPHS = "\u2022\u00b7\u25cf\u25aa\u25a0\u25e6\u2023\u2043\u2219\u27a2\u2713\u2714\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8o\u2013-*"
_BULLET = re.compile(rf"^[{re.escape(_BULLET_GLYPHS)}]\s+(?=\S)")
_ENUMERATED = re.compile(r"^(?:\d+(?:\.\d+)*[.)]?|[A-Za-z][.)]|\([a-z]{1,4}\)|[ivx]{1,4}[.)])\s+\S")
_AMBIGUOUS_BULLETS = "o\u2013-*"  # also a letter, a dash in a sentence, a hyphen
_SOFT_BREAK = ("\u00ad", "\u2010")  # a hyphen only a line break made (Chromium, Word's optional hyphen)


@dataclass
class PdfLine:
    """One line of text on a page, in PDF points (y grows upwards)."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float
    bold: bool
    rotated: bool = False
    bulleted: bool = False  # a drawn bullet (a small filled shape) stands just left of the line
    number: int = 0  # line number on its page, in reading order, from 1
    table_row: bool = False  # a table's row, its cells joined with " | " (a paragraph of its own)

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def unbold(text: str) -> str:
    """Text without its ``**`` bold markers."""
    return text.replace("**", "")


def bold_number_out(text: str) -> str:
    """A clause number set in bold ("**2.3** Staff must...") is a clause number, not emphasis."""
    return re.sub(r"^\*\*((?:\d+(?:\.\d+)*|[A-Z])[.)]?)\*\*(?=\s)", r"\1", text)


def tidy_bold(text: str) -> str:
    """Runs of bold that touch become one: ``**a** **b**`` is ``**a b**``."""
    return re.sub(r"\*\*(\s*)\*\*", lambda m: m.group(1), text)


# --- reading order -----------------------------------------------------------------------------------------


def reading_order(lines: list[PdfLine], page_width: float) -> list[PdfLine]:
    """Lines in reading order: top to bottom, and on a multi-column stretch column by column.

    A gutter is a vertical strip in the middle of the page that no line crosses while lines on both
    sides of it stand side by side. Lines that cross it (a title across both columns) split the
    page into bands, each read left column first.
    """
    top_down = _top_down(lines)
    gutter = _gutter(top_down, page_width)
    if gutter is None:
        return _merge_same_row(top_down)
    ordered: list[PdfLine] = []
    band: list[PdfLine] = []

    def flush() -> None:
        left = [ln for ln in band if ln.x1 <= gutter]
        right = [ln for ln in band if ln.x0 >= gutter]
        ordered.extend(_merge_same_row(left) + _merge_same_row(right))
        band.clear()

    for line in top_down:
        if line.x0 < gutter < line.x1:
            flush()
            ordered.append(line)
        else:
            band.append(line)
    flush()
    return ordered


def _top_down(lines: list[PdfLine]) -> list[PdfLine]:
    """Rows from the top of the page down, each row left to right.

    A row is lines whose vertical middles lie within half a line of each other, so a bullet glyph
    set a little lower than its text (a smaller font) still comes before it.
    """
    rows: list[list[PdfLine]] = []
    for line in sorted(lines, key=lambda ln: -(ln.y0 + ln.y1) / 2):
        middle = (line.y0 + line.y1) / 2
        if rows:
            row = rows[-1]
            row_middle = (row[0].y0 + row[0].y1) / 2
            if abs(row_middle - middle) < 0.5 * min(line.height, row[0].height):
                row.append(line)
                continue
        rows.append([line])
    return [line for row in rows for line in sorted(row, key=lambda ln: ln.x0)]


def _gutter(lines: list[PdfLine], page_width: float) -> float | None:
    if len(lines) < 8:
        return None
    best: tuple[int, float] | None = None
    for step in range(30, 71):
        x = page_width * step / 100
        crossing = sum(1 for ln in lines if ln.x0 < x < ln.x1)
        left = [ln for ln in lines if ln.x1 <= x]
        right = [ln for ln in lines if ln.x0 >= x]
        if len(left) < 0.2 * len(lines) or len(right) < 0.2 * len(lines) or crossing > 0.15 * len(lines):
            continue
        # side by side: most right-hand lines lie within the height the left-hand lines cover
        low, high = min(ln.y0 for ln in left), max(ln.y1 for ln in left)
        beside = sum(1 for ln in right if low <= ln.y0 <= high)
        if beside < 0.5 * len(right):
            continue
        if best is None or crossing < best[0]:
            best = (crossing, x)
    return best[1] if best else None


def _merge_same_row(lines: list[PdfLine]) -> list[PdfLine]:
    """Join pieces of one row that pdfminer split (a bullet and its text, a number and its clause)."""
    merged: list[PdfLine] = []
    for line in lines:
        last = merged[-1] if merged else None
        if (
            last is not None
            and abs(last.y0 - line.y0) < 0.4 * max(line.height, 1)
            and line.x0 >= last.x1 - 1
            and line.x0 - last.x1 < 6 * line.size
        ):
            size = line.size if len(line.text) > len(last.text) else last.size  # a bullet's font is not the text's
            merged[-1] = replace(last, x1=line.x1, text=f"{last.text} {line.text}", bold=last.bold and line.bold, size=size)
        else:
            merged.append(line)
    return merged


# --- lines to paragraphs, headings and list items --------------------------------------------------------------


@dataclass
class _Para:
    lines: list[PdfLine]
    kind: str = "para"  # "para" | "heading" | "item"
    level: int = 0

    @property
    def text(self) -> str:
        return join_lines([line.text for line in self.lines])


def join_lines(texts: list[str], vocabulary: set[str] | None = None) -> str:
    """Reflow wrapped lines into one paragraph, joining words hyphenated at line ends.

    A soft hyphen (U+00AD, U+2010) at a line end is always a break inside a word. An ordinary
    hyphen is kept ("e-" + "safety" stays "e-safety") unless ``vocabulary`` knows the joined word
    and not the hyphenated one.
    """
    out = ""
    for text in texts:
        if not out:
            out = text
            continue
        if out.endswith("**") and text.startswith("**"):  # a bold run that goes on over the line break
            out, text = out[:-2], text[2:]
        elif out.endswith(tuple(f"{c}**" for c in _SOFT_BREAK)) and text[:1].isalpha():
            out = out[:-3] + "**"  # the run ends on the hyphen; the word goes on plain
        if out.endswith(_SOFT_BREAK) and text[:1].isalpha():
            out = out[:-1] + text
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha() and text[:1].isalpha():
            left = re.findall(r"[\w'\u2019-]+$", out[:-1])
            right = re.findall(r"^[\w'\u2019]+", text)
            joined = (left[0] if left else "") + (right[0] if right else "")
            if vocabulary and joined.lower() in vocabulary and f"{left[0] if left else ''}-{right[0] if right else ''}".lower() not in vocabulary:
                out = out[:-1] + text
            else:
                out = out + text
        else:
            out = f"{out} {text}"
    return out


def _body_size(lines: list[PdfLine]) -> float:
    weights: Counter[float] = Counter()
    for line in lines:
        weights[round(line.size * 2) / 2] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 10.0


def _left_edges(lines: list[PdfLine], size: float) -> list[float]:
    """The left edges of the text columns: the leftmost of the usual line starts in each stretch of 100pt.

    (Indented list items are often the commonest start; the column's edge is left of them.)
    """
    counts: Counter[int] = Counter(round(ln.x0) for ln in lines if abs(ln.size - size) < 0.6)
    usual = sorted(x for x, count in counts.items() if count >= max(3, 0.05 * len(lines)))
    edges: list[float] = []
    for x in usual:
        if not edges or x - edges[-1] > 100:
            edges.append(x)
    return edges or [min((ln.x0 for ln in lines), default=0.0)]


def blocks_to_lines(ordered: list[PdfLine]) -> tuple[list[str], list[str]]:
    """Group lines into paragraphs, headings and items; return markdown-ish lines and their locations."""
    if not ordered:
        return [], []
    body = _body_size(ordered)
    edges = _left_edges(ordered, body)
    pitches = [
        round(a.y0 - b.y0, 1)
        for a, b in zip(ordered, ordered[1:])
        if a.page == b.page and abs(a.size - body) < 0.6 and abs(b.size - body) < 0.6 and 0 < a.y0 - b.y0 < 3 * body
    ]
    pitch = statistics.median(pitches) if pitches else body * 1.2
    vocabulary = {w.lower() for ln in ordered for w in re.findall(r"[\w'\u2019-]+", ln.text)}

    rights = {edge: max((ln.x1 for ln in ordered if max((e for e in edges if e <= ln.x0 + 2), default=edges[0]) == edge), default=edge)
              for edge in edges}

    def centred(line: PdfLine) -> bool:
        """A line set in the middle of its column (a cover page's subtitle), not indented as a list item."""
        edge = edge_of(line)
        return abs((line.x0 - edge) - (rights[edge] - line.x1)) < 12

    def edge_of(line: PdfLine) -> float:
        return max((e for e in edges if e <= line.x0 + 2), default=edges[0])

    def bigger(line: PdfLine) -> bool:
        return line.size >= body * 1.08 and line.size - body >= 0.7

    paras: list[_Para] = []
    previous: PdfLine | None = None
    for line in ordered:
        indent = line.x0 - edge_of(line)
        current = paras[-1] if paras else None
        gap = previous is not None and _new_block(previous, line, pitch, body, (previous.x0 - edge_of(previous), indent))
        ended = previous is not None and unbold(previous.text).rstrip()[-1:] in ".:;!?"
        # "-", "o" and dashes start an item only where a new block could start; "•" and the like always do
        glyph = _BULLET.match(unbold(line.text))
        bullet = line.bulleted or bool(glyph and (glyph.group()[0] not in _AMBIGUOUS_BULLETS or gap or ended or previous is None))
        continues = unbold(line.text)[:1].islower()
        if (
            previous is None
            or current is None
            or gap
            or bullet
            or line.table_row
            or previous.table_row
            or bigger(line) != bigger(previous)
            or abs(line.size - previous.size) > 0.6
            # bold to plain: a bold heading line at body size ends where the plain text starts
            or (previous.bold and not line.bold and not continues and all(ln.bold for ln in current.lines)
                and not unbold(previous.text).endswith((*_SOFT_BREAK, "-", ",")))
            or (not previous.bold and line.bold and current.kind != "item" and ended)
            or (current.kind == "item" and indent < min(ln.x0 - edge_of(ln) for ln in current.lines) - 4)
            or (_ENUMERATED.match(unbold(line.text)) and ended)
            # a list of numbered lines ("1. Purpose", "2. Scope"): each number at the same place starts an entry
            or (_ENUMERATED.match(unbold(line.text)) and _ENUMERATED.match(unbold(current.lines[0].text))
                and abs(current.lines[0].x0 - line.x0) < 2)
        ):
            starts_item = not line.table_row and (bullet or (indent > 8 and not bigger(line) and not centred(line)))
            paras.append(_Para([line], "item" if starts_item else "para", level=round(indent) if starts_item else 0))
        else:
            current.lines.append(line)
        previous = line
    run: list[_Para] = []
    for para in [*paras, None]:
        if para is not None and para.kind == "item":
            run.append(para)
        elif run:
            _item_levels(run)  # nesting is relative to the list the item is in
            run = []
    for para in paras:
        first = para.lines[0]
        if first.table_row:
            continue  # a table's row, its header row too, is a line of cells
        if bigger(first) or (all(ln.bold for ln in para.lines) and para.kind == "para" and _looks_like_heading(unbold(para.text))):
            para.kind = "heading"
    _heading_levels(paras, body)
    lines: list[str] = []
    where: list[str] = []
    for para in paras:
        text = bold_number_out(tidy_bold(join_lines([ln.text for ln in para.lines], vocabulary)))
        first = para.lines[0]
        location = f"page {first.page}, line {first.number}"
        if para.kind == "heading":
            lines.append(f"{'#' * para.level} {unbold(text)}")
        elif para.kind == "item":
            bullet = _BULLET.match(text)
            item = text[bullet.end() :] if bullet else text
            lines.append(f"{'  ' * para.level}- {item}")  # a number ("1. Purpose") stays in the item's text
        else:
            lines.append(text)
        where.append(location)
        lines.append("")
        where.append(location)
    return lines, where


def _item_levels(items: list[_Para]) -> None:
    """Nesting from indents within one list: its least indented items are level 0, each further indent
    (8pt apart or more) one deeper.

    ``level`` holds the item's indent from its column edge until this runs.
    """
    steps: list[int] = []
    for indent in sorted({item.level for item in items}):
        if not steps or indent - steps[-1] >= 8:
            steps.append(indent)
    for item in items:
        item.level = max(i for i, step in enumerate(steps) if step <= item.level)


def _looks_like_heading(text: str) -> bool:
    return len(text.split()) <= 20 and not text.endswith((".", ";", ",", "!", "?"))


def _new_block(previous: PdfLine, line: PdfLine, pitch: float, body: float, indents: tuple[float, float]) -> bool:
    """A gap wider than the line spacing (scaled to the font), a new page or a jump to a new column starts a new block.

    ``indents``: the two lines' distances from their columns' left edges.
    """
    if previous.page != line.page:
        # a paragraph runs over a page break unless the last line ended a sentence or the indent changes
        return unbold(previous.text).rstrip()[-1:] in ".:;?!" or abs(indents[0] - indents[1]) > 4
    gap = previous.y0 - line.y0
    if gap < 0 or line.x0 > previous.x1:  # went up: the next column
        return unbold(previous.text).rstrip()[-1:] in ".:;?!" or abs(indents[0] - indents[1]) > 4
    return gap > pitch * 1.3 * max(1.0, min(previous.size, line.size) / body)


def _heading_levels(paras: list[_Para], body: float) -> None:
    """Levels from font size: a single largest heading near the start is the title (#); other sizes, largest first, from ##."""
    headings = [p for p in paras if p.kind == "heading"]
    if not headings:
        return
    tiers = sorted({round(p.lines[0].size * 2) / 2 for p in headings}, reverse=True)
    top = [p for p in headings if round(p.lines[0].size * 2) / 2 == tiers[0]]
    title = len(tiers) > 1 and len(top) == 1 and top[0].lines[0].page == 1
    for para in headings:
        tier = tiers.index(round(para.lines[0].size * 2) / 2)
        para.level = min(6, (tier + 1) if title else (tier + 2))
