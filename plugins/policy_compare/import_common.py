"""What every document reader hands the importer: structured lines, where each came from, what was removed.

Also the check that nothing was lost: every sentence read must appear in what is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|[-*+]\s+|\d{1,3}[.)]\s+|\\)")


@dataclass
class Extracted:
    """A document as lines for ``importer.structure``: ``# heading``, ``- item``, paragraphs between blank lines.

    ``where`` gives each line's location for messages ("page 3, line 12", "paragraph 14");
    ``removed`` lists running headers, footers and page numbers left out on purpose;
    ``title`` is the document's own title (Word's Title style, an HTML <title>), when it has one.
    """

    lines: list[str]
    where: list[str]
    warnings: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    pages: int | None = None
    title: str | None = None


def plain(text: str) -> str:
    """Text for comparing what was read with what was written: no markup, emphasis or spacing differences."""
    text = _MARKUP.sub("", text).replace("**", "").replace("\\", "")
    return re.sub(r"\s+", " ", text).strip()
