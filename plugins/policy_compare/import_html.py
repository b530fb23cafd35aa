"""Read a saved web page's main content, and turn document HTML into the lines the importer structures.

A school website wraps a policy in navigation, cookie banners, sidebars, share buttons and
footers: only the main content is taken. ``html_lines`` is shared with the Word and OpenDocument
readers, which go through HTML too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PageElement, PreformattedString

from .errors import PolicyError
from .import_common import Extracted

_HEADING = re.compile(r"^h[1-6]$")
_BLOCKS = [
    "p", "div", "section", "article", "main", "aside", "header", "footer", "nav", "ul", "ol", "li", "table", "tr", "td", "th",
    "blockquote", "pre", "address", "dl", "dt", "dd", "figure", "figcaption", "caption", "h1", "h2", "h3", "h4", "h5", "h6",
]
_NOT_TEXT = ("script", "style", "noscript", "template", "iframe", "svg", "img", "button", "input", "select", "textarea", "form")
# Page furniture, by tag, ARIA role, or its id or class: a class is furniture when one of its parts
# ("cookie" in "cookie-notice") always is, or when all its parts are furniture words ("social-share",
# but not "social-media-policy")
_FURNITURE_TAGS = ("nav", "aside", "dialog")
_FURNITURE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "dialog", "alertdialog", "search", "menu", "menubar"}
_ALWAYS_FURNITURE = {
    "cookie", "cookies", "consent", "gdpr", "breadcrumb", "breadcrumbs", "navbar", "nav", "navigation", "menu", "submenu",
    "sidebar", "widget", "newsletter", "popup", "modal", "masthead", "footer", "skip", "sharing", "addtoany", "sr", "screen",
}
_FURNITURE_PARTS = _ALWAYS_FURNITURE | {
    "social", "share", "links", "icons", "buttons", "related", "posts", "comments", "comment", "banner", "site", "page", "global",
    "area", "bar", "notice", "only", "reader", "text", "visually", "hidden", "print", "sub", "link", "widgets",
}


def html_document(source: Path) -> Extracted:
    """A saved web page's main content as structured lines."""
    data = source.read_bytes()
    soup = BeautifulSoup(data, "html.parser")
    main = main_content(soup)
    if main is None:
        raise PolicyError(str(source), "no text found in the page", hint="save the page with its content (File > Save Page As, complete)")
    return html_lines(main, unit="block", h1_is_title=True)


def main_content(soup: BeautifulSoup) -> Tag | None:
    """The element holding the page's own text, with page furniture removed from it.

    ``<main>`` (or ``role=main``), else the one ``<article>``, else, once furniture is gone, the
    innermost element that still holds nine tenths of the page's text.
    """
    for node in soup.find_all(_NOT_TEXT):
        node.decompose()
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    if main is None:
        articles = soup.find_all("article")
        main = articles[0] if len(articles) == 1 else None
    if main is None:
        body = soup.body or soup
        _remove_furniture(body)
        main = _innermost_with_most_text(body)
    if not isinstance(main, Tag):
        return None
    _remove_furniture(main)
    return main if main.get_text(strip=True) else None


def _remove_furniture(root: Tag) -> None:
    whole = len(root.get_text(" ", strip=True))
    for node in list(root.find_all(True)):
        # never furniture: a block holding most of the text (a wrapper with an unlucky class name)
        if not node.decomposed and _is_furniture(node) and len(node.get_text(" ", strip=True)) < 0.5 * whole:
            node.decompose()


def _innermost_with_most_text(root: Tag) -> Tag:
    whole = len(root.get_text(" ", strip=True))
    best = root
    for node in root.find_all(True) if whole else ():
        if len(node.get_text(" ", strip=True)) >= 0.9 * whole:
            best = node  # find_all goes depth first, so a later match lies inside the earlier one
    return best


def _is_furniture(node: Tag) -> bool:
    if node.name in _FURNITURE_TAGS:
        return True
    if str(node.get("role", "")).lower() in _FURNITURE_ROLES or node.get("aria-hidden") == "true" or node.has_attr("hidden"):
        return True
    if node.name in ("header", "footer") and not node.find(_HEADING):
        return True
    for name in [str(node.get("id", "")), *(node.get("class") or [])]:
        parts = [part for part in re.split(r"[-_\s]+", name.lower()) if part]
        if parts and (any(part in _ALWAYS_FURNITURE for part in parts) or all(part in _FURNITURE_PARTS for part in parts)):
            return not node.find(["main", "article"])
    return False


def heading_levels(root: Tag, h1_is_title: bool) -> dict[int, int]:
    """Markdown levels relative to the document, keyed by ``heading_rank``.

    The title is ``#``, then each heading level the document uses, in order, one level down; a
    document with no title starts at ``##`` (the level the importer gives sections of plain text).
    """
    used = sorted({heading_rank(h, h1_is_title) for h in root.find_all(_HEADING)})
    first = 1 if 0 in used else 2
    return {rank: min(6, first + index) for index, rank in enumerate(used)}


def heading_rank(node: Tag, h1_is_title: bool) -> int:
    """0 for a title (Word's Title style as ``h1.doc-title``; a web page's ``h1``), else n for ``h<n>``."""
    if "doc-title" in (node.get("class") or []) or (h1_is_title and node.name == "h1"):
        return 0
    return int(node.name[1])


def inline_text(node: Tag) -> list[str]:
    """A block's text as lines (``<br>`` breaks a line), bold as ``**``, whitespace collapsed."""
    return inline_lines(list(node.children))


def inline_lines(nodes: list[PageElement]) -> list[str]:
    """The text of a run of inline nodes as lines (``<br>`` breaks a line), bold as ``**``."""
    lines: list[list[str]] = [[]]

    def walk(children: Iterable[PageElement]) -> None:
        for child in children:
            if isinstance(child, PreformattedString):  # comments, doctype, CDATA
                continue
            if isinstance(child, NavigableString):
                lines[-1].append(str(child))
            elif isinstance(child, Tag):
                if child.name == "br":
                    lines.append([])
                elif child.name in ("strong", "b"):
                    raw = child.get_text()
                    inner = " ".join(inline_text(child)).replace("**", "").strip()
                    if inner:  # spaces inside the bold run belong outside the markers
                        lead = " " if raw[:1].isspace() else ""
                        trail = " " if raw[-1:].isspace() else ""
                        lines[-1].append(f"{lead}**{inner}**{trail}")
                elif child.name not in ("ul", "ol", "script", "style", "table"):
                    walk(child.children)

    walk(nodes)
    out = [re.sub(r"\s+", " ", "".join(parts)).strip() for parts in lines]
    return [line for line in out if line]


def html_lines(root: Tag, unit: str, h1_is_title: bool = False) -> Extracted:
    """Walk document HTML (mammoth's, an .odt's, a web page's main content) into structured lines.

    Headings take levels from ``heading_levels`` (``h1_is_title``: a web page's h1 is its title,
    a Word file's is Heading 1); ``unit`` names a block in locations ("paragraph 12").
    """
    levels = heading_levels(root, h1_is_title)
    lines: list[str] = []
    where: list[str] = []
    count = 0

    def emit(texts: list[str], prefix: str = "") -> None:
        nonlocal count
        count += 1
        for number, text in enumerate(texts):
            lines.append((prefix if number == 0 else "") + text)
            where.append(f"{unit} {count}")
        lines.append("")
        where.append(f"{unit} {count}")

    def walk_list(node: Tag, depth: int, number: str) -> None:
        ordered = node.name == "ol"
        start = int(node.get("start", 1)) if str(node.get("start", "1")).isdigit() else 1
        for position, li in enumerate(node.find_all("li", recursive=False), start=start):
            texts = inline_text(li)
            label = f"{number}.{position}" if number else str(position)
            if texts:
                if ordered and number:
                    emit(texts, f"{label} ")  # a nested numbered list: clause numbers 2.3, 2.3.1
                elif ordered:
                    emit(texts, f"{'  ' * depth}{position}. ")
                else:
                    emit(texts, f"{'  ' * depth}- ")
            for sub in li.find_all(["ul", "ol"], recursive=False):
                walk_list(sub, depth + 1, label if ordered and sub.name == "ol" else "")

    def walk(node: Tag) -> None:
        run: list[PageElement] = []  # text and inline tags side by side (a <div> with no <p>): one paragraph

        def flush() -> None:
            texts = inline_lines(run)
            run.clear()
            if texts:
                emit(texts)

        for child in node.children:
            if isinstance(child, PreformattedString) or (isinstance(child, Tag) and child.name in _NOT_TEXT):
                continue
            if not isinstance(child, Tag) or (child.name not in _BLOCKS and not child.find(_BLOCKS)):
                run.append(child)
                continue
            flush()
            if re.fullmatch(r"h[1-6]", child.name):
                text = " ".join(inline_text(child)).replace("**", "")
                if text:
                    emit([text], "#" * levels[heading_rank(child, h1_is_title)] + " ")
            elif child.name in ("ul", "ol"):
                walk_list(child, 0, "")
            elif child.name == "table":
                for row in child.find_all("tr"):
                    cells = [" ".join(inline_text(cell)) for cell in row.find_all(["td", "th"], recursive=False)]
                    cells = [cell for cell in cells if cell]
                    if cells:
                        emit([table_row(cells)])
            elif child.name in ("p", "blockquote", "pre", "address", "dt", "dd", "figcaption", "caption"):
                if child.find(["p", "ul", "ol", "table", re.compile(r"^h[1-6]$")]):
                    walk(child)
                else:
                    texts = inline_text(child)
                    if texts:
                        emit(texts)
            else:
                walk(child)
        flush()

    walk(root)
    return Extracted(lines=lines, where=where)


def table_row(cells: list[str]) -> str:
    """One table row as one line: a label cell ("Next review:") runs into its value, other cells are separated by |."""
    out = cells[0]
    for cell in cells[1:]:
        out = f"{out} {cell}" if out.endswith(":") else f"{out} | {cell}"
    return out
