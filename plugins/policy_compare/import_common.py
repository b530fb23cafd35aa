"""What every document reader hands the importer: structured lines, where each came from, what was removed.

Also the check that nothing was lost: every sentence read must appear in what is written.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

# markers the importer turns into markup: headings, bullets (as typed or pasted), list numbers, escapes
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|[-*+\u00b7\u2022\u25cf\u25aa\u25e6\u2023\u2043\u2013](?:\s+|$)|o\s+(?=[a-z(\u201c\"'])|\d{1,3}[.)]\s+|\\)")
_MARKER_ONLY = re.compile(r"^\s*(?:\d+(?:\.\d+)*\.?|o)\s*$")


@dataclass
class Extracted:
    """A document as lines for ``importer.structure``: ``# heading``, ``- item``, paragraphs between blank lines.

    ``where`` gives each line's location for messages ("page 3, line 12", "paragraph 14");
    ``removed`` lists running headers, footers and page numbers left out on purpose.
    """

    lines: list[str]
    where: list[str]
    warnings: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def plain(text: str) -> str:
    """Text for comparing what was read with what was written: no markup, emphasis or spacing differences."""
    if _MARKER_ONLY.match(text):
        return ""
    text = _MARKUP.sub("", text).replace("**", "").replace("\\", "")
    return re.sub(r"\s+", " ", text).strip()


# a contents entry: a title, then a page number after a tab, dot leaders or a wide gap
_CONTENTS_ENTRY = re.compile(r"^(?P<title>\S.*?)(?:\t+|\s*(?:\.\s?){3,}\s*|\s{2,}|(?<=[a-z)])\s)(?P<page>\d{1,3})$")
_CONTENTS_TITLE = re.compile(r"^(?:#+\s*)?(?:.*/\s*)?(?:table of )?contents:?$", re.IGNORECASE)


def _title_key(text: str) -> str:
    """A heading's words for comparing a contents entry with it: no markers, numbers or case."""
    text = re.sub(r"^(?:#+|[-*\u2022])\s*", "", text.strip())
    text = re.sub(r"^(?:\d+(?:\.\d+)*\.?|[A-Z]\.)\s+", "", text)
    return " ".join(re.findall(r"[^\W\d_]+", text.casefold()))


def drop_contents(document: Extracted) -> Extracted:
    """The document without its table of contents: lines that give a title and a page number
    ("4. Learners<tab>3", "Legislation ....... 6") where that title is a line further on (the
    heading it lists), at least two of them, and a "Contents" line before them. What is left out
    is listed in ``removed``, as running headers are."""
    keys = [_title_key(line) for line in document.lines]
    entries: list[int] = []
    for k, line in enumerate(document.lines):
        match = _CONTENTS_ENTRY.match(line.strip())
        if not match:
            continue
        title = _title_key(match["title"])
        if title and any(keys[j] == title for j in range(k + 1, len(keys))):
            entries.append(k)
    if len(entries) < 2:
        return document
    drop = set(entries)
    first = entries[0]
    before = [j for j in range(first) if document.lines[j].strip()]
    if before and _CONTENTS_TITLE.match(document.lines[before[-1]].strip()):
        drop.add(before[-1])
    kept = [k for k in range(len(document.lines)) if k not in drop]
    return Extracted(
        lines=[document.lines[k] for k in kept],
        where=[document.where[k] for k in kept] if len(document.where) == len(document.lines) else document.where,
        warnings=document.warnings,
        removed=[*document.removed, *(f"contents: {document.lines[k].strip()}" for k in sorted(drop))],
    )


# "Page 3 of 6", "Page 3", "page 3/6": a page's number, wherever it stands on its own line
_PAGE_LINE = re.compile(r"^page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)
# "3", "3 of 6", "- 3 -": a page's number only where a page starts or ends
_BARE_PAGE_NUMBER = re.compile(r"^\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-\u2013\u2014]\s*\d{1,4}\s*[-\u2013\u2014]$")
EDGE = 2  # non-blank lines at the top and at the foot of a page where running lines stand


def running_key(text: str) -> str:
    """A line as a running header or footer is recognised from page to page: its digits (a page's
    number, a date) aside, case and spacing aside."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.lower())).strip()


def running_threshold(pages: int) -> int:
    """On how many of ``pages`` a line must stand to be a running one: two at least, and 40% of them
    (so that alternating left and right headers count)."""
    return max(2, math.ceil(0.4 * pages))


def drop_page_furniture(document: Extracted) -> Extracted:
    """Plain text saved from a word processor keeps its pages' furniture: a form feed where a page
    breaks, a running header or footer on every page, "Page 3 of 6". These are left out (and listed
    in ``removed``, as a PDF's are), and the blank lines round a page break with them, so that a
    paragraph the break cut in two reads on.

    A running line stands among the first or last ``EDGE`` non-blank lines of most pages (two at
    least, and 40% of them), digits aside; without form feeds, a line that stands just before or
    after a "Page N of M" line and is repeated in the text (and its copy at the top of the first page). A page's number alone ("Page 3 of 6") goes wherever it is; a bare
    number only at a page's edge.
    """
    lines = document.lines
    where = document.where if len(document.where) == len(lines) else [f"line {k + 1}" for k in range(len(lines))]
    page_of: list[int] = []
    page = 0
    for k, line in enumerate(lines):
        if "\f" in line and k:
            page += 1
        page_of.append(page)
    text = [line.replace("\f", "") for line in lines]
    paged = page > 0
    edges: set[int] = set()
    if paged:
        for number in range(page + 1):
            filled = [k for k, line in enumerate(text) if page_of[k] == number and line.strip()]
            edges.update(filled[:EDGE] + filled[-EDGE:])
    furniture = {k for k, line in enumerate(text) if _PAGE_LINE.match(line.strip())}
    furniture |= {k for k in edges if _BARE_PAGE_NUMBER.match(text[k].strip())}
    if paged:
        pages_with: dict[str, set[int]] = {}
        for k in edges:
            pages_with.setdefault(running_key(text[k]), set()).add(page_of[k])
        running = {key for key, on in pages_with.items() if len(on) >= running_threshold(page + 1)}
        furniture |= {k for k in edges if running_key(text[k]) in running}
    else:
        filled = [k for k, line in enumerate(text) if line.strip()]
        near: dict[str, set[int]] = {}  # the line just before or just after a page's number
        for at, k in enumerate(filled):
            if k in furniture:
                for j in filled[max(0, at - 1): at] + filled[at + 1: at + 2]:
                    if j not in furniture:
                        near.setdefault(running_key(text[j]), set()).add(j)
        # a running line repeats: the same words elsewhere too (the first page's header has no number before it)
        times: dict[str, int] = {}
        for k in filled:
            times[running_key(text[k])] = times.get(running_key(text[k]), 0) + 1
        running = {key for key in near if times[key] >= 2}
        furniture |= {j for key in running for j in near[key]}
        furniture |= {k for k in filled[:EDGE] if running_key(text[k]) in running}
    if not furniture and not paged:
        return document
    kept: list[int] = []
    for k in range(len(text)):
        if k in furniture:
            while kept and not text[kept[-1]].strip():
                kept.pop()  # the blank lines before the break go with it
            continue
        if not text[k].strip() and kept and (kept[-1] + 1 in furniture or any(j in furniture for j in range(kept[-1] + 1, k))):
            continue  # ... and those after it
        kept.append(k)
    return Extracted(
        lines=[text[k] for k in kept],
        where=[where[k] for k in kept],
        warnings=document.warnings,
        removed=[*document.removed, *(f"{where[k]}: {text[k].strip()}" for k in sorted(furniture))],
    )
