"""What every document reader hands the importer: structured lines, where each came from, what was removed.

Also the check that nothing was lost: every sentence read must appear in what is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# markers the importer turns into markup: headings, bullets (as typed or pasted), list numbers, escapes
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|[-*+\u00b7\u2022\u25cf\u25aa\u25e6\u2023\u2043\u2013](?:\s+|$)|\d{1,3}[.)]\s+|\\)")
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
