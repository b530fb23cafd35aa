"""Read a Word .docx (through mammoth's HTML) into the markdown-ish lines the importer structures.

Heading levels are relative to the document: its Title is ``#``, then each heading style it uses,
in order, one level down (a document without a Title starts its sections at ``##``, the level the
importer gives sections of plain text). Numbered lists keep their numbers; nested ones become
clause numbers ("2.3"). Line breaks inside a paragraph stay line breaks, tables are kept as text.
"""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from .errors import PolicyError
from .import_common import Extracted
from .import_html import html_lines

# mammoth drops the Title and Subtitle styles to plain paragraphs unless told; and Word's "List
# Bullet 2" / "List Number 2" styles nest by style, not by the numbering level mammoth reads
_STYLE_MAP = "\n".join([
    "p[style-name='Title'] => h1.doc-title:fresh",
    "p[style-name='Subtitle'] => p.doc-subtitle:fresh",
    "p[style-name='List Bullet 2'] => ul|ol > li > ul > li:fresh",
    "p[style-name='List Bullet 3'] => ul|ol > li > ul|ol > li > ul > li:fresh",
    "p[style-name='List Number 2'] => ul|ol > li > ol > li:fresh",
    "p[style-name='List Number 3'] => ul|ol > li > ul|ol > li > ol > li:fresh",
])


def docx_document(source: Path) -> Extracted:
    """A .docx as structured lines with the paragraph number of each."""
    import mammoth

    if not source.read_bytes()[:2] == b"PK":
        raise PolicyError(str(source), "not a Word .docx file (it is not a zip package)", hint="open it in Word and save as .docx")
    try:
        with source.open("rb") as handle:
            result = mammoth.convert_to_html(handle, style_map=_STYLE_MAP)
    except Exception as exc:  # mammoth raises many kinds for a damaged package
        raise PolicyError(str(source), f"cannot read this .docx ({exc.__class__.__name__})", hint="open it in Word and save it again") from exc
    return html_lines(BeautifulSoup(result.value, "html.parser"), unit="paragraph")


