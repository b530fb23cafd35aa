"""Read an OpenDocument text file (.odt) with the standard library: zipfile and ElementTree.

Turns content.xml into the same simple HTML the Word reader gets from mammoth (Title as
``h1.doc-title``, outline headings as ``h<n>``, lists, tables, bold) and reads that with
``import_html.html_lines``, so both formats follow one set of rules.
"""

from __future__ import annotations

import html
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from bs4 import BeautifulSoup

from .errors import PolicyError
from .import_common import Extracted
from .import_html import html_lines

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
}


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


def odt_document(source: Path) -> Extracted:
    """An .odt as structured lines with the paragraph number of each."""
    try:
        with zipfile.ZipFile(source) as archive:
            content = ElementTree.fromstring(archive.read("content.xml"))
            styles = ElementTree.fromstring(archive.read("styles.xml")) if "styles.xml" in archive.namelist() else None
    except (zipfile.BadZipFile, KeyError) as exc:
        raise PolicyError(str(source), "not an OpenDocument .odt file (no content.xml in a zip package)", hint="open it and save as .odt") from exc
    except ElementTree.ParseError as exc:
        raise PolicyError(str(source), f"cannot read this .odt (content.xml: {exc})", hint="open it and save it again") from exc
    body = content.find("office:body/office:text", _NS)
    if body is None:
        raise PolicyError(str(source), "this OpenDocument file has no text body", hint="is it a spreadsheet or a presentation? import a text document")
    converter = _ToHtml([content, *([styles] if styles is not None else [])])
    return html_lines(BeautifulSoup(converter.blocks(body), "html.parser"), unit="paragraph")


class _ToHtml:
    """content.xml elements to simple HTML, resolving paragraph, text and list styles by name."""

    def __init__(self, roots: list[ElementTree.Element]) -> None:
        self.parent: dict[str, str] = {}
        self.bold: set[str] = set()
        self.numbered: dict[str, bool] = {}
        for root in roots:
            for style in root.iter(_q("style:style")):
                name = style.get(_q("style:name"), "")
                if style.get(_q("style:parent-style-name")):
                    self.parent[name] = style.get(_q("style:parent-style-name"), "")
                props = style.find("style:text-properties", _NS)
                if props is not None and props.get(_q("fo:font-weight")) in ("bold", "600", "700", "800", "900"):
                    self.bold.add(name)
            for list_style in root.iter(_q("text:list-style")):
                first = next(iter(list_style), None)
                self.numbered[list_style.get(_q("style:name"), "")] = first is not None and first.tag == _q("text:list-level-style-number")

    def _is_title(self, name: str) -> bool:
        chain, seen = [name], set()
        while name in self.parent and name not in seen:
            seen.add(name)
            name = self.parent[name]
            chain.append(name)
        return "Title" in chain

    def _is_numbered(self, name: str) -> bool:
        if name in self.numbered:
            return self.numbered[name]
        return "number" in name.lower()  # a list style defined elsewhere: go by its name

    def inline(self, element: ElementTree.Element) -> str:
        parts = [html.escape(element.text or "")]
        for child in element:
            tag = child.tag
            if tag == _q("text:s"):
                parts.append(" " * int(child.get(_q("text:c"), "1")))
            elif tag in (_q("text:tab"),):
                parts.append(" ")
            elif tag == _q("text:line-break"):
                parts.append("<br>")
            elif tag == _q("text:note"):
                body = child.find("text:note-body", _NS)
                note = " ".join(self.inline(p) for p in body) if body is not None else ""
                parts.append(f" ({note})" if note.strip() else "")  # a footnote stays next to its text
            elif tag == _q("text:span") and child.get(_q("text:style-name"), "") in self.bold:
                parts.append(f"<strong>{self.inline(child)}</strong>")
            elif tag in (_q("text:bookmark"), _q("text:bookmark-start"), _q("text:bookmark-end"), _q("text:soft-page-break")):
                pass
            else:
                parts.append(self.inline(child))
            parts.append(html.escape(child.tail or ""))
        return "".join(parts)

    def blocks(self, element: ElementTree.Element) -> str:
        out: list[str] = []
        for child in element:
            tag = child.tag
            if tag == _q("text:h"):
                level = int(child.get(_q("text:outline-level"), "1"))
                out.append(f"<h{min(6, level)}>{self.inline(child)}</h{min(6, level)}>")
            elif tag == _q("text:p"):
                style = child.get(_q("text:style-name"), "")
                if self._is_title(style):
                    out.append(f'<h1 class="doc-title">{self.inline(child)}</h1>')
                else:
                    out.append(f"<p>{self.inline(child)}</p>")
            elif tag == _q("text:list"):
                out.append(self.list(child, child.get(_q("text:style-name"), "")))
            elif tag == _q("table:table"):
                rows = []
                for row in child.iter(_q("table:table-row")):
                    cells = "".join(f"<td>{self.blocks(cell)}</td>" for cell in row.findall("table:table-cell", _NS))
                    rows.append(f"<tr>{cells}</tr>")
                out.append(f"<table>{''.join(rows)}</table>")
            elif tag in (_q("text:section"), _q("text:index-body"), _q("text:table-of-content")):
                out.append(self.blocks(child))
        return "".join(out)

    def list(self, element: ElementTree.Element, style: str) -> str:
        style = element.get(_q("text:style-name"), style)
        tag = "ol" if self._is_numbered(style) else "ul"
        items = []
        for item in element.findall("text:list-item", _NS):
            text = " ".join(self.inline(p) for p in item if p.tag in (_q("text:p"), _q("text:h")))
            nested = "".join(self.list(sub, style) for sub in item.findall("text:list", _NS))
            items.append(f"<li>{text}{nested}</li>")
        return f"<{tag}>{''.join(items)}</{tag}>"
