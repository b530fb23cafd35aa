"""Convert a school's policy (.txt, .md, .docx, .odt, .html or .pdf) into a source markdown file.

Recovers structure from messy text (headings, list items, clause numbers) and writes
YAML front matter. It keeps every word of the input: it only adds markup, never rewrites.
Each binary format has its own reader (``import_docx``, ``import_odt``, ``import_html``,
``import_pdf``) that turns the document into lines; ``structure`` works on lines alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .dates import find_policy_dates
from .errors import PolicyError
from .safe_yaml import safe_load
from .import_common import Extracted, drop_contents, drop_page_furniture, plain

SUPPORTED = (".txt", ".md", ".markdown", ".docx", ".odt", ".html", ".htm", ".pdf")

_BULLET_CHARS = "\u00b7\u2022\u25cf\u25aa\u25e6\u2023\u2043\u2013*+-"
_BULLET_ONLY = re.compile(rf"^[{re.escape(_BULLET_CHARS)}o]$")
# a word processor's plain-text export writes a second-level bullet as "o" and a tab ("o\tpersonal phones must not ...")
_BULLET = re.compile(rf"^(?:[{re.escape(_BULLET_CHARS)}]\s+|o\s+(?=[a-z(\u201c\"']))(?P<text>\S.*)$")
_NUMBER_ONLY = re.compile(r"^(?P<num>\d+(?:\.\d+)+)\.?$")
_NUMBERED_CLAUSE = re.compile(r"^(?P<num>\d+(?:\.\d+)+)\.?\s+(?P<text>\S.*)$")
_ORDERED_ITEM = re.compile(r"^(?P<num>\d{1,2})[.)]\s+(?P<text>\S.*)$")
_LETTERED = re.compile(r"^(?P<num>[A-Z])[.)]\s+(?P<text>\S.*)$")
_SMALL_LETTERED = re.compile(r"^\(?(?P<num>[a-z]|[ivx]{1,4})\)\s+(?P<text>\S.*)$")
# "Section 1: Introduction", "Part B", "Appendix IV": a number, a numeral or one capital letter ("Part of the ..." is a sentence)
_SECTION = re.compile(
    r"^(?P<label>(?i:section|part|appendix|annex)\s+(?:\d+[A-Za-z]?|[IVXLC]+|[A-Z]))(?![\w'\u2019])\s*[:.\-\u2013]?\s*(?P<text>.*)$"
)
_ALL_BOLD = re.compile(r"^\*\*(?P<text>[^*]+)\*\*$")
_MD_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.+?)\s*#*$")
WRAPPED = 60  # characters: a plain-text line this long that stops mid-sentence was wrapped, not ended
_LABEL_VALUE = re.compile(r"^[^:]{1,40}:\s+\S")
# a lead-in's words ("Never:", "Always:", "You must:"), never a section's title however short
_LEAD_WORDS = {"never", "always", "must", "should", "shall", "may", "do", "don't", "not", "please", "avoid"}
_DANGLING = {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with", "which"}
_TERMINAL = ".;,?!"
_MD_TABLE_ROW = re.compile(r"^\|(?P<cells>.*\|.*)\|\s*$")
# a plain-text title's underline ("Cyberbullying" / "=============") or a rule across the page: no text
_UNDERLINE = re.compile(r"^(?:={3,}|-{3,}|_{3,}|\*{3,}|~{3,})$")
_MD_TABLE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _table_line(line: str) -> str | None:
    """A Markdown table's line as the import writes it: a row as a line of cells ("a | b | c", as
    other formats' tables give it), the rule under the header as "" (nothing); None for any other line."""
    if _MD_TABLE_RULE.match(line):
        return ""
    row = _MD_TABLE_ROW.match(line)
    return " | ".join(cell.strip() for cell in row["cells"].split("|")) if row else None
# a person's name with a title of address, perhaps with their role: the name under a signature line
_SIGNATORY = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Revd|Rev|Prof|Sir|Dame|Canon|Father|Sister)\.?\s+[A-Z][\w'\u2019-]*(?:\s+[A-Z][\w'\u2019.-]*)*(?:,\s*.+)?$")


@dataclass(frozen=True)
class Block:
    """A structural unit of the converted document."""

    kind: str  # "heading" | "para" | "item"
    text: str
    level: int = 0  # heading level, or list nesting
    number: str | None = None  # clause reference or list marker
    ordered: bool = False


@dataclass(frozen=True)
class ImportResult:
    """What an import made and what it found: the markdown, counts for the summary, warnings."""

    school: str
    school_id: str
    markdown: str
    sentences_read: int
    sentences_written: int
    dates: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()  # running headers, footers and page numbers left out on purpose


def import_policy(source: Path, school: str | None, school_id: str | None = None) -> tuple[str, str]:
    """Convert ``source`` into markdown with front matter.

    Returns ``(school id, markdown text)``. Raises ``PolicyError`` for files it cannot read.
    """
    result = import_document(source, school, school_id)
    return result.school_id, result.markdown


def import_document(source: Path, school: str | None, school_id: str | None = None) -> ImportResult:
    """Convert ``source`` into markdown with front matter, and report what was read and written.

    ``school`` None: the name the policy's text uses for its school. Without ``school_id``, the id
    is made from the name's distinctive words ("Oakfield Primary School" -> ``oakfield``).
    """
    suffix = source.suffix.lower()
    if not source.exists():
        raise PolicyError(str(source), "file not found")
    if suffix not in SUPPORTED:
        raise PolicyError(str(source), f"unsupported file type {suffix or '(none)'}", hint=f"import one of {', '.join(SUPPORTED)}")
    if school is not None and not school.strip():
        raise PolicyError(str(source), "school name is empty", hint='pass --school "Name of School"')
    meta, document = read_document(source)
    document = drop_contents(document)
    if school is None and meta.get("school"):  # a markdown source that already names its school
        school, school_id = str(meta["school"]), school_id or (str(meta["id"]) if meta.get("id") else None)
    from .normalise import load_rules
    from .school_name import find_school_name, school_id as short_id

    if school is None:
        found = find_school_name(document.lines, load_rules())
        if found is None:
            raise PolicyError(str(source), "the school's name is not in the text", hint='pass --school "Name of School"')
        school = found
    # an id from the name's distinctive words, whether the name was given or found ("oakfield")
    slug = school_id or short_id(school, load_rules())
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
        raise PolicyError(str(source), f"id {slug!r} is not a slug", hint="use lower-case letters, digits and hyphens")
    blocks = structure(document.lines, joined_paragraphs=suffix != ".txt")
    if not any(b.text.strip() for b in blocks):
        raise PolicyError(str(source), "no text found", hint="is this the right file?")
    if not any(b.text.strip() for b in blocks if b.kind != "heading"):
        titles = "; ".join(b.text.strip() for b in blocks[:3])
        raise PolicyError(
            str(source), f"has headings only ({titles!r}), no policy text",
            hint="is this the right file? Import the document that holds the policy itself",
        )
    title = str(meta.get("title") or guess_title(blocks, school))
    front: dict[str, object] = {"school": school, "id": slug, "title": title}
    found = find_policy_dates([b.text for b in blocks])
    for key in ("adopted", "reviewed", "next_review"):
        value = meta.get(key) or found.get(key)
        if value:
            front[key] = str(value)
    for key, value in meta.items():
        if key not in front and key not in ("school", "id"):
            front[key] = value
    front["imported_from"] = source.name
    read, written, lost = account(document, blocks, joined_paragraphs=suffix != ".txt")
    return ImportResult(
        school=school,
        school_id=slug,
        markdown=render_markdown(front, blocks),
        sentences_read=read,
        sentences_written=written,
        dates={key: str(front[key]) for key in ("adopted", "reviewed", "next_review") if key in front},
        warnings=tuple(document.warnings) + tuple(lost),
        removed=tuple(document.removed),
    )


def read_document(source: Path) -> tuple[dict[str, object], Extracted]:
    """Front matter (markdown only) and the document as lines, by file type."""
    suffix = source.suffix.lower()
    if suffix == ".docx":
        from .import_docx import docx_document

        return {}, docx_document(source)
    if suffix == ".odt":
        from .import_odt import odt_document

        return {}, odt_document(source)
    if suffix in (".html", ".htm"):
        from .import_html import html_document

        return {}, html_document(source)
    if suffix == ".pdf":
        from .import_pdf import pdf_document

        return {}, pdf_document(source)
    meta: dict[str, object] = {}
    text = read_text(source)
    if suffix in (".md", ".markdown"):
        meta, text = split_front_matter(text, str(source))
    lines = text.split("\n") if suffix == ".txt" else text.splitlines()  # a form feed marks a page, not a line
    lines = [line.rstrip("\r") for line in lines]
    document = Extracted(lines=lines, where=[f"line {n}" for n in range(1, len(lines) + 1)])
    return meta, drop_page_furniture(document) if suffix == ".txt" else document


def account(document: Extracted, blocks: list[Block], joined_paragraphs: bool) -> tuple[int, int, list[str]]:
    """Sentences read, sentences written, and a warning for each sentence read that is not in the output.

    Nothing may be lost on import: this checks the readers and ``structure`` against each other.
    """
    from .parse import split_sentences

    def sentences(text: str) -> list[str]:
        text = plain(text)
        return [s for s in (text[a:b].strip() for a, b in split_sentences(text)) if s]

    paragraphs: list[tuple[str, str]] = []
    current: list[str] = []
    start = ""
    for line, where in zip(document.lines, document.where):
        table = _table_line(line) if joined_paragraphs else None
        if table is not None:
            # a Markdown table's row is written as a line of cells, its rule not at all (``structure``)
            if current:
                paragraphs.append((" ".join(current), start))
                current = []
            if table:
                paragraphs.append((plain(table), where))
            continue
        text = plain(line) if not _UNDERLINE.match(line.strip()) else ""  # an underline or a rule holds no text
        if not text or not joined_paragraphs or re.match(r"^\s*(?:#{1,6}|[-*+\u2022\u00b7]|\d{1,3}[.)])\s", line):
            if current:
                paragraphs.append((" ".join(current), start))
                current = []
        if text:
            if not current:
                start = where
            current.append(text)
            if not joined_paragraphs:
                paragraphs.append((" ".join(current), start))
                current = []
    if current:
        paragraphs.append((" ".join(current), start))
    written_text = " ".join(plain(f"{b.number or ''} {b.text}") for b in blocks)
    squeezed = re.sub(r"\s+", "", written_text)
    read = 0
    lost: list[str] = []
    for paragraph, where in paragraphs:
        for sentence in sentences(paragraph):
            read += 1
            if sentence not in written_text and re.sub(r"\s+", "", sentence) not in squeezed:
                lost.append(f"{where}: text not placed in the output: {sentence[:80]!r}")
    written = sum(len(sentences(b.text)) for b in blocks)
    return read, written, lost


def slugify(name: str) -> str:
    """``"Heaton St. Barnabas' CE Primary"`` -> ``"heaton-st-barnabas-ce-primary"``."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    # an apostrophe joins its word: "St Aidan's" -> "st-aidans", not "st-aidan-s"
    ascii_name = re.sub(r"(?<=\w)'(?=\w)", "", ascii_name)
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "school"


def read_text(source: Path) -> str:
    """Read a text file as UTF-8, refusing binaries and other encodings with a clear hint."""
    data = source.read_bytes()
    if b"\x00" in data[:8192]:
        raise PolicyError(str(source), "this looks like a binary file, not text", hint="save it as .txt, .md or .docx")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PolicyError(
            str(source),
            f"not UTF-8 text (byte 0x{data[exc.start]:02x})",
            line,
            hint=f"re-save it as UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8 {source.name} > fixed.txt`",
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str, path: str) -> tuple[dict[str, object], str]:
    """Split ``---`` YAML front matter from a markdown body."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end < 0:
        raise PolicyError(path, "front matter starts with --- but never ends", 1, hint="add a closing --- line")
    try:
        meta = safe_load(text[4:end]) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise PolicyError(path, f"front matter is not valid YAML ({getattr(exc, 'problem', exc)})", (mark.line + 2) if mark else 1) from exc
    if not isinstance(meta, dict):
        raise PolicyError(path, "front matter must be a mapping of keys to values", 2)
    body = text[end + 4 :]
    return meta, body[1:] if body.startswith("\n") else body


def _clean(line: str) -> str:
    line = line.replace("\t", " ").replace("\u00a0", " ").replace("\u200b", "")
    return re.sub(r" {2,}", " ", line).strip()


def _is_title(text: str, max_words: int = 12, question: bool = False, numbered: bool = False) -> bool:
    """A short line with no sentence punctuation at its end, that does not trail off.

    ``question``: a numbered question ("2.1 What is social media?") is a heading too.
    ``numbered``: the line had a section number before ``text``.
    """
    words = text.split()
    if question and text.endswith("?") and len(words) <= 6:
        text = text[:-1].rstrip()  # "?" alone leaves nothing: not a title
    text = text.rstrip("\"\u201d'\u2019") if numbered and text.isupper() else text  # a title ending in a quotation
    if not text or not words or len(words) > max_words or text[-1] in _TERMINAL or text.endswith(":"):
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "'\"\u2018\u201c"):
        return False
    if (_LABEL_VALUE.match(text) and not (numbered and text.isupper())) or " | " in text:
        # "Position: Chair of Governors" is a field, "Date adopted | March 2024" a table row, not headings;
        # a numbered line in capitals is a section's title, colon and all ("7. PUPILS' PHONES: "NOT SEEN, NOT HEARD"")
        return False
    if _SIGNATORY.match(text):
        return False  # a signatory's name under a sign-off line ("Mr Andrew Kessling, Headteacher"), not a section
    return words[-1].lower().strip("'\u2019") not in _DANGLING


def _form_lines(previous: str, line: str) -> bool:
    """Two lines of a form ("Written by: ..." / "Approved by: ..." / "Next review: July 2026"): each stays a line,
    however Markdown joins lines or a plain-text line runs long."""
    return bool(line[:1].isupper() and _LABEL_VALUE.match(line) and _LABEL_VALUE.match(previous))


def _is_title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'\u2019-]*", text) if w.lower() not in _DANGLING]
    return bool(words) and all(w[0].isupper() for w in words)


def _merge_markers(lines: list[str]) -> list[str]:
    """Join a bullet or clause number standing alone on its line with the text after it."""
    merged: list[str] = []
    pending: str | None = None
    for raw in lines:
        line = _clean(raw)
        if not line:
            if pending is None:
                merged.append("")
            continue
        if _BULLET_ONLY.match(line) or _NUMBER_ONLY.match(line):
            if pending is not None:
                merged.append(pending)
            pending = line
            continue
        if pending is not None:
            marker = "-" if _BULLET_ONLY.match(pending) else pending
            line = f"{marker} {line}"
            pending = None
        merged.append(line)
    if pending is not None:
        merged.append(pending)
    return merged


def structure(raw_lines: list[str], joined_paragraphs: bool = False) -> list[Block]:
    """Classify cleaned lines into headings, paragraphs and list items.

    ``joined_paragraphs``: consecutive plain lines form one paragraph (markdown and
    Word input); plain-text input treats each line as its own paragraph.
    """
    lines = _merge_markers(raw_lines)
    uses_sections = any(_SECTION.match(line) for line in lines)
    blocks: list[Block] = []

    def next_line(index: int) -> str:
        for candidate in lines[index + 1 :]:
            if candidate:
                return candidate
        return ""

    def is_list_line(line: str) -> bool:
        return bool(_BULLET.match(line) or _ORDERED_ITEM.match(line) or _SMALL_LETTERED.match(line))

    previous_blank = True
    previous_text = ""
    for index, line in enumerate(lines):
        if not line:
            previous_blank = True
            continue
        if _UNDERLINE.match(line):
            continue  # a title's underline (read with the title below) or a rule: no text
        # plain text wrapped at a fixed width ("... Even our youngest pupils arrive in" / "Reception having used
        # tablets ..."): a long line that ends in the middle of a sentence goes on in the next, whatever it looks like
        wrapped = (
            not joined_paragraphs
            and not previous_blank
            and blocks
            and blocks[-1].kind in ("para", "item")
            and len(previous_text) >= WRAPPED
            and (not re.search(r"[.!?:;]['\u2019\"\u201d)*]*$", previous_text)
                 # "... relatives of parents;" / "this must be declared ...": a paragraph's semicolon, not a list's
                 or (previous_text.endswith(";") and line[:1].islower() and blocks[-1].kind == "para"))
            and not is_list_line(line)
            and not (line[:1].isupper() and _is_title(line))  # a title after a paragraph that lacks its full stop
            and not _form_lines(previous_text, line)
            and not (_MD_HEADING.match(line) or _NUMBERED_CLAUSE.match(line) or _SECTION.match(line) or _table_line(line) is not None)
        )
        after = next_line(index)
        underlined = index + 1 < len(lines) and bool(_UNDERLINE.match(lines[index + 1])) and not is_list_line(line)
        block: Block
        table = _table_line(line)
        if table is not None:
            if table:  # a row; the rule under the header row ("|---|---|") is no text
                blocks.append(Block("para", table))
                previous_blank, previous_text = False, line
            continue
        if wrapped:
            block = Block("para", line)
        elif match := _MD_HEADING.match(line):
            block = Block("heading", match["text"], level=len(match["hashes"]))
        elif match := _BULLET.match(line):
            indent = 0
            raw = raw_lines[index] if index < len(raw_lines) else ""
            if joined_paragraphs and raw.startswith("  "):
                indent = (len(raw) - len(raw.lstrip(" "))) // 2
            block = Block("item", match["text"], level=indent)
        elif match := _SECTION.match(line):
            block = Block("heading", line, level=2)
        elif match := _NUMBERED_CLAUSE.match(line):
            depth = match["num"].count(".") + 1
            if _is_title(match["text"], 10, question=True, numbered=True):
                block = Block("heading", match["text"], level=min(6, depth + (1 if uses_sections else 0)), number=match["num"])
            else:
                block = Block("para", match["text"], number=match["num"])
        elif (match := _LETTERED.match(line)) and _is_title(match["text"]):
            in_list = previous_text.endswith(":") or bool(blocks and blocks[-1].kind == "item" and blocks[-1].ordered and not previous_blank)
            if in_list:
                block = Block("item", line, number=match["num"], ordered=True)
            else:
                block = Block("heading", line, level=2)
        elif match := _ORDERED_ITEM.match(line):
            # the last line of a numbered list of titles (a table of contents: "16. Monitoring and Review" /
            # "17. Sign-Off") goes on the list; a numbered title standing alone is a heading
            continues_list = bool(blocks and blocks[-1].kind == "item" and blocks[-1].ordered and not previous_blank)
            if _is_title(match["text"], 12 if _is_title_case(match["text"]) else 8, numbered=True) and not previous_text.endswith(":") \
                    and not is_list_line(after) \
                    and not continues_list:
                block = Block("heading", match["text"], level=2, number=match["num"])
            else:
                block = Block("item", match["text"], number=match["num"], ordered=True)
        elif match := _SMALL_LETTERED.match(line):
            block = Block("item", line, number=match["num"], ordered=True)
        elif line.endswith(":") and not _LEAD_WORDS & set(re.findall(r"[a-z']+", line.lower().replace("\u2019", "'"))) and (
            (len(line.split()) <= 4 and (_is_title_case(line) or not is_list_line(after)))
            or (len(line.split()) <= 10 and _is_title_case(line) and not is_list_line(after))
        ):
            block = Block("heading", line, level=3 if uses_sections else 2)
        elif _is_title(line) and (previous_blank or not joined_paragraphs) and not (
            # the first line of a paragraph wrapped at a fixed width, not a title: long, and the next line goes on
            not joined_paragraphs and len(line) >= WRAPPED and not _is_title_case(line)
            and index + 1 < len(lines) and lines[index + 1] != "" and not is_list_line(lines[index + 1])
            and not _is_title(lines[index + 1])
        ):
            block = Block("heading", line, level=3 if uses_sections else 2)
        elif (bold := _ALL_BOLD.match(line)) and _is_title(bold["text"]) and previous_blank and not is_list_line(after):
            # a line set wholly in bold with no sentence in it ("**Social Media and Online Conduct Policy**"): a title
            block = Block("heading", bold["text"], level=3 if uses_sections else 2)
        else:
            block = Block("para", line)
        if underlined and (previous_blank or not blocks) and (block.kind != "heading" or block.number is None):
            # a plain-text title set off by the line under it: "=" a section, "-" a sub-section
            block = Block("heading", block.text if block.kind == "heading" else line, level=2 if lines[index + 1][0] == "=" else 3)
        continues = wrapped or (  # a sentence broken across two lines: "..., a national document that" / "provides guidance ..."
            block.kind == "para"
            and block.number is None
            and line[:1].islower()
            and bool(blocks)
            and blocks[-1].kind in ("para", "item")
            and not previous_blank
            and not re.search(r"[.!?:;]['\u2019\"\u201d)]*$", previous_text)
        )
        if continues:
            last = blocks[-1]
            blocks[-1] = Block(last.kind, f"{last.text} {line}", level=last.level, number=last.number, ordered=last.ordered)
        elif (
            joined_paragraphs
            and block.kind == "para"
            and block.number is None
            and blocks
            and blocks[-1].kind == "para"
            and not previous_blank
            and not _form_lines(previous_text, line)
        ):
            blocks[-1] = Block("para", f"{blocks[-1].text} {line}", number=blocks[-1].number)
        else:
            blocks.append(block)
        previous_blank = False
        previous_text = line
    return blocks


def guess_title(blocks: list[Block], school: str) -> str:
    """The policy's title: the first early heading naming a policy, else a generic one."""
    for block in blocks[:12]:
        if block.kind == "heading" and "polic" in block.text.lower():
            title = block.text.strip().rstrip(":")
            return title if not title.isupper() else title.title().replace("E-Safety", "E-safety")
    return f"{school} social networking policy"


def _escape_start(text: str) -> str:
    """Keep a paragraph from being read as markdown structure it never had."""
    if re.match(r"^(#{1,6}\s|>|[-*+]\s|\d+[.)]\s|=+$|-{3,}$)", text):
        return "\\" + text
    return text


def render_markdown(front: dict[str, object], blocks: list[Block]) -> str:
    """Front matter plus blocks as markdown; list items stay tight, blocks are separated."""
    out = ["---", yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=1000).strip(), "---", ""]
    previous: Block | None = None
    for block in blocks:
        if previous is not None and not (block.kind == "item" and previous.kind == "item"):
            out.append("")
        if block.kind == "heading":
            label = f"{block.number} " if block.number and not block.text.startswith(block.number) else ""
            out.append(f"{'#' * max(1, block.level)} {label}{block.text}")
        elif block.kind == "item":
            # numbered items keep their number as a list marker; lettered ones keep it in the text
            marker = f"{block.number}." if block.ordered and block.number and block.number.isdigit() else "-"
            out.append(f"{'  ' * block.level}{marker} {block.text}")
        else:
            number = f"{block.number} " if block.number else ""
            out.append(number + (_escape_start(block.text) if not number else block.text))
        previous = block
    return "\n".join(out).rstrip() + "\n"
