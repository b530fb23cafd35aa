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
