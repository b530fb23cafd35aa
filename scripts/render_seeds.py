"""Render each seed policy the way schools publish them: .docx, .odt, a saved web page and PDFs.

The test generator for import fidelity (``scripts/evaluate_import.py``, ``tests/test_import_formats.py``):
each seed is imported from its .txt with the project's importer, and that markdown is rendered to
every format. Importing a rendering should give back the .txt import.

PDF styles (printed by headless Chromium from HTML):
  ``pdf``          plain: one column, no running header, no page numbers;
  ``pdf-styled``   a running header (school and title), "Page n of m" footers, justified text hyphenated
                   at line ends (soft hyphens, which Chromium breaks with a hyphen);
  ``pdf-columns``  the styled page set in two columns.

Usage: python scripts/render_seeds.py OUT_DIR [FORMAT ...]   (default: every format)
"""

from __future__ import annotations

import html
import re
import sys
import zipfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import markdown
from bs4 import BeautifulSoup, NavigableString, Tag

from policy_compare.importer import import_policy, split_front_matter
from policy_compare.pdf import find_chromium, print_to_pdf

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "seeds"
SEED_SCHOOLS = {  # the same names as scripts/import_seeds.py
    "000_d4825e8c91cc5331.txt": ("Buckminster Primary School", "buckminster"),
    "001_ee43fc449e7f6ab3.txt": ("Whitchurch Primary School", "whitchurch"),
    "002_396ee2cd10b1c05c.txt": ("Cambois Primary School", "cambois"),
    "003_f03d67410969c514.txt": ("Heaton St. Barnabas' CE (VA) Primary School", "heaton"),
    "004_d528808ccec20804.txt": ("Mosscroft Primary School", "mosscroft"),
}
FORMATS = ("docx", "odt", "html", "pdf", "pdf-styled", "pdf-columns")
SUFFIX = {"docx": ".docx", "odt": ".odt", "html": ".html", "pdf": ".pdf", "pdf-styled": ".styled.pdf", "pdf-columns": ".columns.pdf"}
RUNNING_FOOTER = "Page {n} of {m}"  # what the styled PDFs print at the foot of every page


def seed_markdown(seed: Path, school: str, school_id: str) -> tuple[dict[str, object], str]:
    """The .txt import of a seed: (front matter, markdown body)."""
    _, text = import_policy(seed, school, school_id)
    return split_front_matter(text, str(seed))


def body_html(body: str) -> str:
    """The markdown body as an HTML fragment (h1-h3, p, ul/ol, strong)."""
    return markdown.markdown(body, output_format="html")


# --- Word ------------------------------------------------------------------------------------------

_WORD_HEADING = {"h1": "Title", "h2": "Heading 1", "h3": "Heading 2", "h4": "Heading 3", "h5": "Heading 4", "h6": "Heading 5"}


def _runs(node: Tag, bold: bool = False) -> Iterable[tuple[str, bool]]:
    for child in node.children:
        if isinstance(child, NavigableString):
            yield str(child), bold
        elif isinstance(child, Tag) and child.name not in ("ul", "ol"):
            yield from _runs(child, bold or child.name in ("strong", "b"))


def write_docx(fragment: str, target: Path, signoff: bool = True) -> None:
    """A Word file as a school makes one: Title and Heading styles, list styles, a sign-off table."""
    import docx

    document = docx.Document()
    soup = BeautifulSoup(fragment, "html.parser")

    def paragraph(node: Tag, style: str | None) -> None:
        para = document.add_paragraph(style=style)
        for text, bold in _runs(node):
            text = re.sub(r"\s+", " ", text)
            if text:
                para.add_run(text).bold = bold or None

    def walk_list(node: Tag, depth: int) -> None:
        kind = "List Number" if node.name == "ol" else "List Bullet"
        for li in node.find_all("li", recursive=False):
            paragraph(li, kind if depth == 0 else f"{kind} {min(depth + 1, 3)}")
            for sub in li.find_all(["ul", "ol"], recursive=False):
                walk_list(sub, depth + 1)

    for node in soup.children:
        if not isinstance(node, Tag):
            continue
        if node.name in _WORD_HEADING:
            paragraph(node, _WORD_HEADING[node.name])
        elif node.name in ("ul", "ol"):
            walk_list(node, 0)
        else:
            paragraph(node, None)
    document.save(str(target))


# --- OpenDocument ------------------------------------------------------------------------------------

_ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3"'
)


def _odf_inline(node: Tag) -> str:
    parts = []
    for text, bold in _runs(node):
        text = html.escape(re.sub(r"\s+", " ", text), quote=False)
        parts.append(f'<text:span text:style-name="Strong">{text}</text:span>' if bold and text.strip() else text)
    return "".join(parts).strip()


def write_odt(fragment: str, target: Path) -> None:
    """An OpenDocument text file as LibreOffice writes one: Title, outline headings, numbered and bulleted lists."""
    soup = BeautifulSoup(fragment, "html.parser")
    body: list[str] = []

    def walk_list(node: Tag) -> None:
        style = "Numbering_20_123" if node.name == "ol" else "List_20_1"
        body.append(f'<text:list text:style-name="{style}">')
        for li in node.find_all("li", recursive=False):
            body.append(f'<text:list-item><text:p text:style-name="List_20_Paragraph">{_odf_inline(li)}</text:p>')
            for sub in li.find_all(["ul", "ol"], recursive=False):
                walk_list(sub)
            body.append("</text:list-item>")
        body.append("</text:list>")

    for node in soup.children:
        if not isinstance(node, Tag):
            continue
        if node.name == "h1":
            body.append(f'<text:p text:style-name="Title">{_odf_inline(node)}</text:p>')
        elif re.fullmatch(r"h[2-6]", node.name):
            level = int(node.name[1]) - 1
            body.append(f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">{_odf_inline(node)}</text:h>')
        elif node.name in ("ul", "ol"):
            walk_list(node)
        else:
            body.append(f'<text:p text:style-name="Text_20_body">{_odf_inline(node)}</text:p>')
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_ODF_NS}>'
        '<office:automatic-styles><style:style style:name="Strong" style:family="text">'
        '<style:text-properties fo:font-weight="bold"/></style:style></office:automatic-styles>'
        f'<office:body><office:text>{"".join(body)}</office:text></office:body></office:document-content>'
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {_ODF_NS}><office:styles>'
        '<style:style style:name="Title" style:family="paragraph"/>'
        '<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1"/>'
        '<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:default-outline-level="2"/>'
        "</office:styles></office:document-styles>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")  # stored, first
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("styles.xml", styles, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)


# --- a school website's page ---------------------------------------------------------------------------

def web_page(fragment: str, school: str, title: str) -> str:
    """The policy as a school website shows it: navigation, cookie banner, sidebar and footer around the text."""
    name = html.escape(school)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | {name}</title>
<link rel="stylesheet" href="/wp-content/themes/school/style.css"><script>window.dataLayer = [];</script></head>
<body class="page-template-default">
<div id="cookie-notice" class="cookie-banner" role="dialog"><p>We use cookies to give you the best experience on
our website. By continuing you agree to our use of cookies.</p><a href="#" class="button">Accept all cookies</a>
<a href="/cookie-policy/">Read our cookie policy</a></div>
<header class="site-header"><a class="logo" href="/">{name}</a><p class="tagline">Learning together, growing together.</p>
<nav class="main-navigation" aria-label="Main"><ul><li><a href="/">Home</a></li><li><a href="/about/">About us</a>
<ul class="sub-menu"><li><a href="/about/policies/">Policies</a></li><li><a href="/about/ofsted/">Ofsted reports</a></li></ul></li>
<li><a href="/parents/">Parents</a></li><li><a href="/news/">News and events</a></li><li><a href="/contact/">Contact us</a></li></ul></nav>
</header>
<div class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/about/policies/">Policies</a> &gt; {html.escape(title)}</div>
<div id="content" class="site-content">
<main id="main" class="site-main"><article class="page type-page">
<div class="entry-content">
{fragment}
</div>
<div class="share-links">Share this page: <a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">Email</a></div>
</article></main>
<aside id="secondary" class="widget-area"><section class="widget"><h2 class="widget-title">Latest news</h2>
<ul><li><a href="/news/sports-day/">Sports day results</a></li><li><a href="/news/harvest/">Harvest festival thank you</a></li></ul>
</section><section class="widget"><h2 class="widget-title">Key dates</h2><p>Term ends Friday at 2pm.</p></section></aside>
</div>
<footer class="site-footer"><p>{name}, School Lane, Anytown AB1 2CD. Telephone 01234 567890.</p>
<p>&copy; 2024 {name}. All rights reserved. <a href="/privacy/">Privacy notice</a> | <a href="/accessibility/">Accessibility</a></p>
</footer></body></html>
"""


# --- PDF -------------------------------------------------------------------------------------------------

PLAIN_CSS = """
@page { size: A4; margin: 20mm 22mm; }
body { font-family: "DejaVu Serif", serif; font-size: 11pt; line-height: 1.35; }
h1 { font-size: 20pt; } h2 { font-size: 15pt; margin-top: 1.2em; } h3 { font-size: 12.5pt; }
p, li { margin: 0 0 0.6em; }
"""
STYLED_CSS = """
@page { size: A4; margin: 24mm 20mm 22mm;
  @top-left { content: "%(school)s"; font: 8.5pt "DejaVu Sans", sans-serif; color: #444; }
  @top-right { content: "%(title)s"; font: 8.5pt "DejaVu Sans", sans-serif; color: #444; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 8.5pt "DejaVu Sans", sans-serif; } }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10pt; line-height: 1.3; text-align: justify; hyphens: manual; }
h1 { font-size: 17pt; text-align: left; } h2 { font-size: 13pt; text-align: left; } h3 { font-size: 11pt; text-align: left; }
p, li { margin: 0 0 0.5em; }
"""
COLUMNS_CSS = "body { column-count: 2; column-gap: 9mm; }\nh1 { column-span: all; }\n"

_WORD = re.compile(r"[A-Za-z]{9,}")


def soft_hyphenate(fragment: str) -> str:
    """Put soft hyphens into long words (every four letters, never within three of either end).

    Chromium then breaks them at line ends with a visible hyphen, as word processors do.
    """
    soup = BeautifulSoup(fragment, "html.parser")

    def split(word: re.Match[str]) -> str:
        text = word.group()
        cuts = range(4, len(text) - 3, 4)
        pieces, last = [], 0
        for cut in cuts:
            pieces.append(text[last:cut])
            last = cut
        pieces.append(text[last:])
        return "\u00ad".join(pieces)

    for node in list(soup.find_all(string=True)):
        node.replace_with(NavigableString(_WORD.sub(split, str(node))))
    return str(soup)


def print_page(fragment: str, css: str, title: str, target: Path, chromium: str) -> None:
    """Print an HTML fragment with ``css`` to ``target`` with headless Chromium."""
    page = target.with_suffix(".print.html")
    page.write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"<style>{css}</style></head><body>{fragment}</body></html>",
        encoding="utf-8",
    )
    try:
        print_to_pdf(page, target, chromium)
    finally:
        page.unlink()


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def render(seed: Path, school: str, school_id: str, out: Path, formats: Iterable[str] = FORMATS) -> dict[str, Path]:
    """Render one seed to each of ``formats`` in ``out``; returns format -> file."""
    front, body = seed_markdown(seed, school, school_id)
    fragment = body_html(body)
    title = str(front.get("title", ""))
    out.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}
    chromium = None
    for fmt in formats:
        target = out / f"{school_id}{SUFFIX[fmt]}"
        if fmt == "docx":
            write_docx(fragment, target)
        elif fmt == "odt":
            write_odt(fragment, target)
        elif fmt == "html":
            target.write_text(web_page(fragment, school, title), encoding="utf-8")
        else:
            chromium = chromium or find_chromium()
            if chromium is None:
                raise RuntimeError("PDF renderings need Chromium (apt-get install chromium)")
            if fmt == "pdf":
                print_page(fragment, PLAIN_CSS, title, target, chromium)
            else:
                css = STYLED_CSS % {"school": _css_string(school), "title": _css_string(title)}
                print_page(soft_hyphenate(fragment), css + (COLUMNS_CSS if fmt == "pdf-columns" else ""), title, target, chromium)
        made[fmt] = target
    return made


def render_all(out: Path, formats: Iterable[str] = FORMATS, seeds: Path = SEEDS) -> dict[tuple[str, str], Path]:
    """Every seed in every format, two at a time (Chromium is the slow part); (school id, format) -> file."""
    wanted = tuple(formats)
    jobs = [(seeds / file, school, school_id) for file, (school, school_id) in SEED_SCHOOLS.items()]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda job: render(*job, out, wanted), jobs))
    return {(job[2], fmt): path for job, made in zip(jobs, results) for fmt, path in made.items()}


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    made = render_all(Path(sys.argv[1]), sys.argv[2:] or FORMATS)
    for (school_id, fmt), path in sorted(made.items()):
        print(f"{school_id:<12} {fmt:<12} {path}")
