"""Parse source policies (markdown with front matter) into ``Policy`` values of clauses.

A clause is a list item or one sentence of a paragraph. Headings give each clause its
section path. Nothing is dropped: every sentence of the body lands in exactly one clause.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .dates import parse_date
from .errors import PolicyError
from .normalise import Rules, normalise, plain_text, school_names, school_pattern
from .safe_yaml import key_lines, safe_load

_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
_ITEM = re.compile(r"^(?P<indent>\s*)(?:[-*+]|(?P<ordinal>\d{1,3})[.)])\s+(?P<text>.*)$")
_CLAUSE_NUMBER = re.compile(r"^(?P<num>\d+(?:\.\d+)+|\d+[.)]|[A-Z][.)]|\([a-z]{1,4}\)|[a-z]\))\s+")
_FENCE = re.compile(r"^(```|~~~)")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "e.g eg i.e ie etc. st mr mrs ms dr no vs approx incl esp viz cf co ltd dept govt nb n.b p pp para fig".split()
)
_CLOSERS = "\"'\u2019\u201d)]*_"
_OPENERS = "\"'\u2018\u201c([\u00a3$"


@dataclass(frozen=True)
class FrontMatter:
    """The validated front matter of a source policy and the line its body starts on."""

    meta: dict[str, object]
    body_start: int  # 1-based line number of the first body line


def read_source(path: Path, shown: str | None = None) -> str:
    """Read a source file as UTF-8 text, or raise a ``PolicyError`` saying how to fix it."""
    where = shown or str(path)
    data = path.read_bytes()
    if not data.strip():
        raise PolicyError(where, "file is empty", hint="add front matter (school, id) and the policy text, or delete the file")
    if b"\x00" in data[:8192]:
        raise PolicyError(where, "this is a binary file, not markdown", hint="import it with `policy-compare import`")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PolicyError(
            where, "not UTF-8 text", line, hint=f"re-save it as UTF-8, e.g. `iconv -f WINDOWS-1252 -t UTF-8 {path.name}`"
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_front_matter(text: str, path: str) -> FrontMatter:
    """Validate the ``---`` front matter block: a mapping with ``school`` and ``id``."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise PolicyError(path, "no front matter", 1, hint="start the file with a --- block giving `school:` and `id:`")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
    except StopIteration:
        raise PolicyError(path, "front matter is never closed", 1, hint="add a line with --- after the front matter") from None
    try:
        meta = safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        raise PolicyError(path, f"front matter is not valid YAML ({getattr(exc, 'problem', None) or exc})", line) from exc
    if not isinstance(meta, dict):
        raise PolicyError(path, "front matter must be `key: value` lines", 2)
    lines_of = key_lines("\n".join(lines[1:end]), 2)
    for key in ("school", "id"):
        if not str(meta.get(key) or "").strip():
            raise PolicyError(path, f"front matter has no `{key}`", lines_of.get(key, 2), hint=f"add `{key}: ...` between the --- lines")
    if not _ID.match(str(meta["id"])):
        raise PolicyError(path, f"id {meta['id']!r} is not a slug", lines_of.get("id", 2), hint="use lower-case letters, digits and hyphens")
    return FrontMatter(meta={str(k): v for k, v in meta.items()}, body_start=end + 2)


def _next_mark(text: str, i: int) -> int | None:
    """Where the next bracket, double quote or sentence end is, from ``i`` (None: there is none)."""
    found = _MARK.search(text, i)
    return None if found is None else found.start()


def split_sentences(text: str, next_mark: Callable[[str, int], int | None] = _next_mark) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of a paragraph; together they cover all its text.

    A full stop, ``?`` or ``!`` ends a sentence when followed by space and a capital,
    digit or opening quote, but not after an abbreviation (``e.g.``, ``St.``), nor inside
    brackets or double quotes that close later in the paragraph. A quotation of whole
    sentences (a passage quoted from guidance) is split like any text: inside quotes a
    sentence ends only when it and the next one have at least ``_QUOTED_WORDS`` words each.

    Only brackets, quotes and sentence ends change anything, so the scan jumps from one to the
    next (``next_mark``; the tests step a character at a time instead, and get the same spans).
    """
    spans: list[tuple[int, int]] = []
    start = 0
    depth = 0
    in_quote = False
    quote_start = 0
    i = 0
    n = len(text)
    while i < n:
        at = next_mark(text, i)
        if at is None:
            break
        i = at
        ch = text[i]
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        elif ch == "\u201c" and "\u201d" in text[i:]:
            in_quote = True
            quote_start = i + 1
        elif ch == "\u201d":
            in_quote = False
        elif ch in ".?!" and depth == 0:
            end = i + 1
            while end < n and text[end] in ".?!" + _CLOSERS:
                end += 1
            follow = end
            while follow < n and text[follow] == " ":
                follow += 1
            if (
                follow > end
                and follow < n
                and (text[follow].isupper() or text[follow].isdigit() or text[follow] in _OPENERS)
                and (not in_quote or _quoted_sentences(text, max(start, quote_start), i, follow))
            ):
                if ch != "." or not _is_abbreviation(text, i, text[follow]):
                    if "\u201d" in text[i:end]:
                        in_quote = False
                    spans.append((start, end))
                    start = follow
                    i = follow
                    continue
            i = end
            continue
        i += 1
    if start < n and text[start:].strip():
        spans.append((start, n))
    return spans


_QUOTED_WORDS = 4
_MARK = re.compile("[\\[\\]().?!\u201c\u201d]")
_WORD = re.compile(r"[A-Za-z0-9']+")
_SENTENCE_END = re.compile(r"[.?!\u201d]")


def _quoted_sentences(text: str, begin: int, dot: int, follow: int) -> bool:
    """Inside quotes: do whole sentences stand either side of the full stop at ``dot``?"""
    before = len(_WORD.findall(text, begin, dot))
    nxt = _SENTENCE_END.search(text, follow)
    after = len(_WORD.findall(text, follow, nxt.start() if nxt else len(text)))
    return before >= _QUOTED_WORDS and after >= _QUOTED_WORDS


def _is_abbreviation(text: str, dot: int, next_char: str) -> bool:
    word_match = re.search(r"([A-Za-z.]+)$", text[:dot])
    if not word_match:
        return False
    word = word_match.group(1).lower().strip(".")
    if word == "etc":
        return False  # "etc." usually ends a sentence when a capital follows
    if word in _ABBREVIATIONS or f"{word}." in _ABBREVIATIONS:
        return True
    # initials such as "J. Smith" or "A. N. Other"
    return len(word) == 1 and word.isalpha() and text[dot - 1].isupper() and next_char.isupper() and dot >= 2 and not text[dot - 2].isalpha()


@lru_cache(maxsize=1 << 16)  # a long policy repeats its wordings
def _one_line(markup: str) -> str:
    """A clause's markup with its runs of space (line breaks too) as one space."""
    return re.sub(r"\s+", " ", markup).strip()


def clause_id(school: str, normalised: str, seen: dict[str, int]) -> str:
    """A stable id from the school and the clause's normalised words.

    Editing one clause changes only that clause's id; a repeated sentence gets ``-2``, ``-3``.
    """
    digest = hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:7]
    base = f"{school}-{digest}"
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}-{seen[base]}"


@dataclass
class _Paragraph:
    lines: list[tuple[int, str]]


def _blocks(body: list[tuple[int, str]]) -> Iterable[tuple[str, int, str, int]]:
    """Yield ``(kind, line, text, depth)`` blocks: heading, para, item. Paragraph lines are joined."""
    paragraph: list[tuple[int, str]] = []
    item: list[tuple[int, str]] = []
    item_depth = 0
    in_fence = False

    def flush() -> Iterable[tuple[str, int, str, int]]:
        nonlocal paragraph, item
        if paragraph:
            yield "para", paragraph[0][0], "\n".join(t for _, t in paragraph), 0
            paragraph = []
        if item:
            yield "item", item[0][0], "\n".join(t for _, t in item), item_depth
            item = []

    for number, raw in body:
        line = raw.rstrip()
        if _FENCE.match(line.strip()):
            in_fence = not in_fence
        if in_fence or _FENCE.match(line.strip()):
            if line.strip() and not _FENCE.match(line.strip()):
                yield from flush()
                yield "para", number, line.strip(), 0
            continue
        if not line.strip():
            yield from flush()
            continue
        if heading := _HEADING.match(line):
            yield from flush()
            yield "heading", number, heading["text"], len(heading["hashes"])
            continue
        if list_item := _ITEM.match(line):
            yield from flush()
            item = [(number, list_item["text"] if not list_item["ordinal"] else f"{list_item['ordinal']}. {list_item['text']}")]
            item_depth = len(list_item["indent"].expandtabs(4)) // 2
            continue
        if item and raw[:1] in (" ", "\t"):
            item.append((number, line.strip()))  # a wrapped list item
            continue
        if item:
            yield from flush()
        paragraph.append((number, line.strip()))
    yield from flush()


def parse_policy(path: Path, rules: Rules, display_path: str | None = None) -> "Policy":
    """Parse one source file into a ``Policy``. Raises ``PolicyError`` on bad input."""
    from .model import Clause, Heading, Policy

    shown = display_path or str(path)
    text = read_source(path, shown)
    front = parse_front_matter(text, shown)
    meta = front.meta
    school_id = str(meta["id"])
    school = str(meta["school"]).strip()
    aliases = tuple(str(a) for a in (meta.get("aliases") or ()))
    names = school_names(school, aliases, rules)
    pattern = school_pattern(names)
    all_lines = text.split("\n")
    body = [(i + 1, all_lines[i]) for i in range(front.body_start - 1, len(all_lines))]

    clauses: list[Clause] = []
    headings: list[Heading] = []
    stack: list[tuple[int, str]] = []
    seen: dict[str, int] = {}
    last_para_sentence: str | None = None
    lead_in: str | None = None
    warnings: list[str] = []

    block_index = 0
    lead_number: str | None = None  # number of the paragraph the last lead-in came from

    def add(kind: str, markup: str, line: int, number: str | None, lead: str | None, depth: int = 0) -> None:
        verbatim = plain_text(markup)
        if not verbatim:
            return
        normalised = normalise(verbatim, rules, pattern)
        clauses.append(
            Clause(
                id=clause_id(school_id, normalised or verbatim, seen),
                school=school_id,
                section=tuple(title for _, title in stack),
                number=number,
                text=verbatim,
                markup=_one_line(markup),
                normalised=normalised,
                path=shown,
                line=line,
                kind=kind,
                order=len(clauses),
                lead_in=lead,
                block=block_index,
                depth=depth,
            )
        )

    for kind, line, block_text, depth in _blocks(body):
        block_index += 1
        if kind == "heading":
            title = plain_text(block_text)
            headings.append(Heading(title=title, level=depth, line=line))
            while stack and stack[-1][0] >= depth:
                stack.pop()
            stack.append((depth, title))
            lead_in = None
            last_para_sentence = None
            continue
        number = None
        body_text = block_text
        if match := _CLAUSE_NUMBER.match(body_text):
            number = match["num"].rstrip(".)").lstrip("(")
            body_text = body_text[match.end() :]
        # a numbered clause completes a lead-in that has no number, or one whose number it extends
        # ("4.1 Staff must:" / "4.1.1 apply the highest available privacy settings ...")
        completes = bool(number and (not lead_number or number.startswith(f"{lead_number}.")))
        if last_para_sentence and last_para_sentence.rstrip().endswith(":") and (kind == "item" or completes):
            lead_in = plain_text(last_para_sentence)
            last_para_sentence = None
        if kind == "item" or (lead_in and completes):
            # an item (or a numbered clause after "Adults working in schools should:") completes
            # the lead-in; an item of several sentences gives one clause per sentence
            for start, end in split_sentences(body_text):
                sentence_line = line + body_text[:start].count("\n")
                add("item", body_text[start:end], sentence_line, number, lead_in, depth if kind == "item" else 0)
            continue
        lead_in = None
        offset_line = line
        for start, end in split_sentences(body_text):
            sentence = body_text[start:end]
            sentence_line = offset_line + body_text[:start].count("\n")
            is_lead = sentence.rstrip().endswith(":")
            add("lead-in" if is_lead else "sentence", sentence, sentence_line, number, None)
            last_para_sentence = sentence
            lead_number = number
    if not clauses:
        raise PolicyError(shown, "no policy text after the front matter", front.body_start, hint="add the policy's text below the --- lines")

    def date_field(key: str) -> str | None:
        """The date as YYYY-MM-DD or YYYY-MM wherever it is shown, however the maintainer wrote it
        ("21/01/2025", "Autumn 2024"): validation has checked that it is a real date."""
        value = meta.get(key)
        if value in (None, ""):
            return None
        parsed = parse_date(str(value))
        return parsed.isoformat() if parsed is not None else str(value)

    review_months = meta.get("review_months")
    return Policy(
        id=school_id,
        school=school,
        title=str(meta.get("title") or f"{school} social networking policy"),
        path=shown,
        clauses=tuple(clauses),
        headings=tuple(headings),
        adopted=date_field("adopted"),
        reviewed=date_field("reviewed"),
        next_review=date_field("next_review"),
        imported_from=date_field("imported_from"),
        aliases=aliases,
        names=names,
        review_months=int(review_months) if isinstance(review_months, int) else None,
        warnings=tuple(warnings),
        source_hash=hashlib.sha1(text.encode("utf-8")).hexdigest(),
    )


def load_policies(directory: Path, rules: Rules, base: Path | None = None) -> tuple["Policy", ...]:
    """Parse every ``*.md`` in ``directory``; sorted by school id, so file names never matter."""
    shown_dir = str(directory.relative_to(base)) if base and directory.is_relative_to(base) else str(directory)
    if not directory.is_dir():
        raise PolicyError(shown_dir, "source_policies directory not found", hint="create it and import a policy with `policy-compare import`")
    files = sorted(directory.glob("*.md"))
    if not files:
        raise PolicyError(shown_dir, "no policies (*.md) found", hint="import one with `policy-compare import FILE --school NAME`")
    policies = []
    by_id: dict[str, str] = {}
    for file in files:
        shown = str(file.relative_to(base)) if base and file.is_relative_to(base) else str(file)
        policy = parse_policy(file, rules, shown)
        if policy.id in by_id:
            raise PolicyError(shown, f"id {policy.id!r} is already used by {by_id[policy.id]}", 2, hint="give each school its own `id`")
        by_id[policy.id] = shown
        policies.append(policy)
    return tuple(sorted(policies, key=lambda p: p.id))
