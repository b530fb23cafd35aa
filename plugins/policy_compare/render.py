"""Render the alignment into Markdown pages (with escaped HTML blocks) for MkDocs.

Every piece of policy text goes through Jinja's autoescaping or ``html.escape``; Markdown
headings built from policy text are escaped for Markdown too. No MkDocs import: pages are
returned as ``{src path: markdown}`` and the plugin turns them into ``File.generated``.
"""

from __future__ import annotations

import functools
import hashlib
import html
import json
import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from .diff import diff_html
from .model import Alignment, Clause, Policy, Row, Topic
from .normalise import school_pattern, with_placeholder

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class SiteContext:
    """What pages need to know about the site they are part of."""

    use_directory_urls: bool = True
    edit_url: str = ""  # with {path}
    placeholder: str = "[School name]"
    trust_name: str = "the trust"
    extra: dict[str, object] = field(default_factory=dict)


class Stash:
    """Large HTML blocks kept out of Python-Markdown's way.

    Generated pages are Markdown, but most of a comparison page is one big HTML table that
    Markdown would only copy through, parsing it tag by tag on the way (most of a large
    trust's build time). A template wraps such a block in ``{% filter html_block %}``; the
    page's Markdown then holds a one-line placeholder that the plugin swaps back:
    ``search=True`` blocks in ``on_page_content`` (the search index sees them), the rest in
    ``on_post_page`` (text repeated elsewhere on the site, e.g. a topic table quoting every
    school's clauses, is left out of the search index).

    A searchable block may come with ``index``, a lighter copy that gives the search index the
    same text (a long policy's clauses without the attributes and links around each one, which
    the index drops anyway but parses tag by tag): the copy goes in ``on_page_content``, and the
    block itself takes its place in ``on_post_page``.
    """

    PATTERN = re.compile(r"<!-- pc-(block|late|index):([0-9a-f]{20}) -->")

    def __init__(self) -> None:
        self.blocks: dict[str, str] = {}

    def put(self, block: str, search: bool = True, index: str | None = None) -> Markup:
        key = hashlib.sha1(block.encode("utf-8")).hexdigest()[:20]
        self.blocks[key] = str(block)
        kind = "block" if search else "late"
        if search and index is not None:
            kind = "index"
            self.blocks[f"{key}-index"] = str(index)
        return Markup(f"\n\n<!-- pc-{kind}:{key} -->\n\n")

    def put_unsearched(self, html_part: str) -> Markup:
        """A part of a block that the search index would read only to drop (under headings or in
        elements marked ``data-search-exclude``): put back as it is, with the late blocks, so the
        index is not given it to parse. Unlike :meth:`put` it adds no blank lines: the block
        around it never goes through Markdown."""
        part = str(escape(html_part))  # HTML (Markup) as it is; plain text escaped
        key = hashlib.sha1(part.encode("utf-8")).hexdigest()[:20]
        self.blocks[key] = part
        return Markup(f"<!-- pc-late:{key} -->")

    def fill(self, text: str, *, late: bool) -> str:
        """Put back the blocks of one kind (``late`` False: searchable ones, and the search copies
        of blocks that have one; ``late`` True: the rest, and the blocks in place of their copies)."""
        if "<!-- pc-" not in text:
            return text
        if late and "<!-- pc-copy:" in text:
            text = self._uncopy(text)

        def back(m: re.Match[str]) -> str:
            kind, key = m[1], m[2]
            if kind == "index" and not late and f"{key}-index" in self.blocks:
                return f"<!-- pc-copy:{key} -->{self.blocks[key + '-index']}<!-- /pc-copy:{key} -->"
            if (kind == ("late" if late else "block") or (kind == "index" and late)) and key in self.blocks:
                return self.blocks[key]
            return m[0]

        return self.PATTERN.sub(back, text)

    def _uncopy(self, text: str) -> str:
        """``text`` with each block's search copy replaced by the block (found by position, not by a
        pattern run over the copy: a long policy's copy is megabytes)."""
        parts: list[str] = []
        at = 0
        while (start := text.find("<!-- pc-copy:", at)) >= 0:
            key = text[start + 13 : start + 33]
            close = f"<!-- /pc-copy:{key} -->"
            end = text.find(close, start)
            if end < 0 or key not in self.blocks:
                parts.append(text[at : start + 13])
                at = start + 13
                continue
            parts.append(text[at:start])
            parts.append(self.blocks[key])
            at = end + len(close)
        parts.append(text[at:])
        return "".join(parts)


def environment(override_dir: Path | None = None, stash: Stash | None = None) -> Environment:
    """Jinja environment, autoescaping everything; a site's own template folder wins.

    Without a ``stash`` the ``html_block`` filter leaves its HTML in place (for callers that
    want one self-contained Markdown string).
    """
    loaders = [FileSystemLoader(str(override_dir))] if override_dir and override_dir.is_dir() else []
    env = Environment(
        loader=ChoiceLoader([*loaders, FileSystemLoader(str(TEMPLATES))]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["yaml_title"] = yaml_title
    env.filters["json_attr"] = lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True)
    env.filters["markup"] = inline_markup
    env.filters["unindexed"] = unindexed
    env.filters["html_block"] = (
        (lambda block, search=True, index=None: stash.put(block, search, index)) if stash is not None
        else (lambda block, search=True, index=None: Markup(f"\n\n{block}\n\n"))
    )
    env.filters["unsearched"] = stash.put_unsearched if stash is not None else escape
    return env


def md_escape(text: str) -> Markup:
    """Escape text for a Markdown heading or line: HTML first, then Markdown's own syntax."""
    escaped = html.escape(str(text), quote=False)
    return Markup(re.sub(r"([\\`*_{}\[\]#+!|~])", r"\\\1", escaped))


def unindexed(block: str) -> Markup:
    """HTML whose headings (and so the sections under them) the search index skips.

    For text a page repeats from another page, such as a school's copy of the model policy:
    the page's own parts stay searchable, the copied sections are found once, at their source.
    """
    return Markup(re.sub(r"<(h[1-6])(?=[\s>])", r"<\1 data-search-exclude", str(block)))


def yaml_title(text: str) -> Markup:
    """A page title for generated front matter: HTML-escaped (Material prints ``page.meta.title``
    unescaped) inside a JSON string, which YAML reads back whatever quotes or backslashes it holds."""
    return Markup(json.dumps(html.escape(str(text)), ensure_ascii=False))


def inline_markup(markup: str) -> Markup:
    """A clause's inline markdown as safe HTML: escaped, with ``**bold**`` kept as bold."""
    escaped = html.escape(markup, quote=False)
    escaped = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)
    escaped = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", escaped)
    escaped = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|<>])", r"\1", escaped)
    return Markup(escaped)


def json_script(value: object) -> Markup:
    """JSON safe to embed in ``<script type="application/json">``: no ``</script>`` break-out."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


class Links:
    """URLs between generated pages, relative to the page they appear on."""

    def __init__(self, use_directory_urls: bool) -> None:
        self.use_directory_urls = use_directory_urls

    def page_url(self, src: str) -> str:
        if not self.use_directory_urls:
            return src[:-3] + ".html"
        stem = src[:-3]
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"

    def href(self, from_src: str, to_src: str, anchor: str = "") -> str:
        rel = self._relative(from_src, to_src)
        return rel + (f"#{anchor}" if anchor else "")

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one Links per build; pages ask the same pairs many times
    def _relative(self, from_src: str, to_src: str) -> str:
        here = posixpath.dirname(self.page_url(from_src).rstrip("/") + "/x") if self.use_directory_urls else posixpath.dirname(from_src)
        target = self.page_url(to_src)
        rel = posixpath.relpath(target or ".", here or ".")
        if self.use_directory_urls and target.endswith("/") and not rel.endswith("/"):
            rel = rel + "/" if rel != "." else "./"
        return rel


def topic_src(topic_id: str) -> str:
    return f"compare/{topic_id}.md"


def school_src(school_id: str) -> str:
    return f"schools/{school_id}.md"


def clause_anchor(clause_id: str) -> str:
    return f"c-{clause_id}"


def row_anchor(row_id: str) -> str:
    return f"r-{row_id}"


# --- shared figures -----------------------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    """One school in one topic, measured the same way for every school of the topic.

    The measure is the topic's *shared rows* (rules at least two schools have): ``of`` is
    the same for every school, ``shared`` is how many of them this school has. Rows only
    this school has are counted apart (``own``): they are neither a gap nor coverage of
    what others agree on. The off-topic row is not scored at all.
    """

    shared: int
    of: int
    own: int
    clauses: int
    off_topic: bool = False

    @property
    def level(self) -> str:
        """CSS class suffix and icon key: all, most, some, none, own (no shared rows), absent, neutral."""
        if self.off_topic:
            return "neutral"
        if self.of == 0:
            return "own" if self.own else "absent"
        if self.shared == self.of:
            return "all"
        if self.shared == 0:
            return "none"
        return "most" if self.shared * 2 >= self.of else "some"

    @property
    def words(self) -> str:
        """The cell in words: what is counted, never a bare ratio and never "0 of 0"."""
        if self.off_topic:
            return _count(self.clauses, "clause") if self.clauses else "no clause"
        if self.of == 0:
            return f"{_count(self.own, 'clause')} no other school has" if self.own else "no clause"
        rows = _count(self.of, "shared row")
        if self.shared == self.of:
            return "has the 1 shared row" if self.of == 1 else f"all {rows}"
        if self.shared == 0:
            return "lacks the 1 shared row" if self.of == 1 else f"none of the {rows}"
        return f"{self.shared} of the {rows}"

    @property
    def extra(self) -> str:
        """Clauses of its own beside the shared rows, in words ('' when none or not scored)."""
        if self.off_topic or self.of == 0 or not self.own:
            return ""
        return f"+ {_count(self.own, 'clause')} of its own"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


# the icon repeats the cell's words (it is aria-hidden); off-topic content has none: it is not scored
LEVEL_ICONS = {"all": "\u2714", "most": "\u25d1", "some": "\u25d4", "none": "\u2715", "own": "\u25cf", "absent": "\u2715", "neutral": ""}


def coverage(alignment: Alignment) -> dict[tuple[str, str], Cell]:
    """(topic, school) -> the school's shared rows of the topic's shared rows, and its own clauses."""
    result: dict[tuple[str, str], Cell] = {}
    for topic in alignment.topics:
        rows = alignment.rows_for(topic.id)
        shared = [r for r in rows if len(r.clauses) >= 2]
        for policy in alignment.policies:
            result[(topic.id, policy.id)] = Cell(
                shared=sum(1 for r in shared if policy.id in r.clauses),
                of=len(shared),
                own=sum(1 for r in rows if len(r.clauses) == 1 and policy.id in r.clauses),
                clauses=sum(len(r.clauses.get(policy.id, ())) for r in rows),
                off_topic=topic.off_topic,
            )
    return result


def findings(alignment: Alignment, cells: dict[tuple[str, str], Cell]) -> dict[str, list[tuple[str, str]]]:
    """The few facts worth reading first: gaps, single-school clauses, off-topic content."""
    uncovered = [
        (topic.id, policy.id)
        for topic in alignment.topics
        if not topic.off_topic
        for policy in alignment.policies
        if cells[(topic.id, policy.id)].clauses == 0
    ]
    off_topics = alignment.off_topic_ids
    singles = Counter(next(iter(r.clauses)) for r in alignment.rows if len(r.clauses) == 1 and r.topic not in off_topics)
    off = Counter(alignment.clause(cid).school for cid, t in alignment.clause_topic.items() if t in off_topics)
    by_topic: dict[str, list[str]] = {}
    for topic_id, school_id in uncovered:
        by_topic.setdefault(topic_id, []).append(school_id)
    return {
        "uncovered": uncovered,
        "uncovered_by_topic": list(by_topic.items()),  # taxonomy order
        "singles": sorted(singles.items()),
        "off_topic": sorted(off.items()),
    }


# --- pages --------------------------------------------------------------------------------

class Renderer:
    """Builds every comparison page as Markdown."""

    def __init__(self, alignment: Alignment, site: SiteContext, env: Environment | None = None) -> None:
        self.a = alignment
        self.site = site
        self.env = env or environment()
        self.links = Links(site.use_directory_urls)
        self.cells = coverage(alignment)
        self.schools = {p.id: p for p in alignment.policies}
        self.topic_by_id = {t.id: t for t in alignment.topics}
        self.patterns = {p.id: school_pattern(p.names) for p in alignment.policies}
        self._diffs: dict[tuple[str, str], Markup] = {}  # copied wordings repeat across a trust
        self._placeheld_texts: dict[tuple[str, str], str] = {}  # (school, wording) -> with the placeholder

    def edit_link(self, path: str) -> str:
        """Where to edit a file of the project; '' without an edit URL or for a file outside the project."""
        if not self.site.edit_url or path.startswith("/"):
            return ""
        return self.site.edit_url.format(path=path)

    @property
    def topics_path(self) -> str:
        """The taxonomy file, as the project names it (an absolute path: the plugin's own copy)."""
        return str(self.site.extra.get("topics_path", "topics.yml"))

    def pages(self) -> dict[str, str]:
        pages = {"compare/index.md": self.overview(), "compare/pairs.md": self.pairs(), "schools/index.md": self.schools_index()}
        for topic in self.a.topics:
            pages[topic_src(topic.id)] = self.topic(topic)
        for policy in self.a.policies:
            pages[school_src(policy.id)] = self.school(policy)
        return pages

    def sources_of(self, src: str) -> list[str]:
        """Source files a generated page comes from, for its edit links."""
        if src.startswith("schools/") and src != "schools/index.md":
            return [self.schools[src[len("schools/") : -3]].path]
        return [p.path for p in self.a.policies]

    def _common(self, src: str) -> dict[str, object]:
        return {
            "a": self.a,
            "site": self.site,
            "href": lambda to, anchor="": self.links.href(src, to, anchor),
            "topic_src": topic_src,
            "school_src": school_src,
            "clause_anchor": clause_anchor,
            "row_anchor": row_anchor,
            "schools": self.a.policies,
            "school_by_id": self.schools,
            "topics": [t for t in self.a.topics],
            "cells": self.cells,
            "level_icons": LEVEL_ICONS,
            "clause": self.a.clause,
            "markup": inline_markup,
            "edit_link": self.edit_link,
            "topics_path": self.topics_path,
        }

    def overview(self) -> str:
        src = "compare/index.md"
        return self.env.get_template("overview.md.j2").render(
            **self._common(src), findings=findings(self.a, self.cells), rows_for=self.a.rows_for
        )

    def topic_rows(self, topic: Topic) -> list[dict[str, object]]:
        """Rows of a topic page: reference, and per school its wording(s) marked against it.

        ``agree``: every school with the row words it exactly alike (what the diff marks, so
        "Differences only" never hides a row that shows a difference); ``spelling_only``: the
        wordings differ, but only in what matching ignores (spelling variants, hyphens, case).
        """
        rows = []
        for row in self.a.rows_for(topic.id):
            cells = {}
            wordings, matched = set(), set()
            for policy in self.a.policies:
                ids = row.clauses.get(policy.id, ())
                clauses = [self.a.clause(cid) for cid in ids]
                cells[policy.id] = [{"clause": c, "diff": self._diff(row.reference, self._placeheld(c))} for c in clauses]
                if clauses:
                    wordings.add(tuple(self._placeheld(c) for c in clauses))
                    matched.add(" ".join(c.normalised.rstrip(".;,: ") for c in clauses))
            shared = len(row.clauses) >= 2
            agree = shared and len(wordings) == 1
            rows.append({"row": row, "cells": cells, "agree": agree, "spelling_only": shared and not agree and len(matched) == 1})
        return rows

    def _diff(self, reference: str, wording: str) -> Markup:
        key = (reference, wording)
        if key not in self._diffs:
            self._diffs[key] = Markup(diff_html(reference, wording))
        return self._diffs[key]

    def _placeheld(self, clause: Clause) -> str:
        """The clause's wording with its school's name as the placeholder."""
        key = (clause.school, clause.text)
        text = self._placeheld_texts.get(key)
        if text is None:  # once per wording of a school: pages ask for each clause's several times
            text = self._placeheld_texts[key] = with_placeholder(clause.text, self.patterns[clause.school], self.site.placeholder)
        return text

    def topic(self, topic: Topic) -> str:
        src = topic_src(topic.id)
        # rows only one school has are listed under the table: a table row of "Not covered"
        # cells for every other school grows with the square of the trust
        all_rows = self.topic_rows(topic)
        rows = [r for r in all_rows if len(r["row"].clauses) > 1]
        singles = [r for r in all_rows if len(r["row"].clauses) == 1]
        data = {
            "schools": [{"id": p.id, "name": p.school} for p in self.a.policies],
            "rows": [
                {
                    "id": r["row"].id,
                    "reference": r["row"].reference,
                    "texts": {s: [self._placeheld(c["clause"]) for c in cs] for s, cs in r["cells"].items() if cs},
                }
                for r in rows
            ],
        }
        index = [t.id for t in self.a.topics].index(topic.id)
        neighbours = (self.a.topics[index - 1] if index else None, self.a.topics[index + 1] if index + 1 < len(self.a.topics) else None)
        # clauses only one school has, school by school: a heading each, so that a topic only one
        # school covers reads as that school's section and search lands on it
        own: dict[str, list[tuple[str, Clause]]] = defaultdict(list)  # (anchor on a row's first clause, clause)
        for r in singles:
            row = r["row"]
            for school_id, ids in row.clauses.items():
                own[school_id].extend((row_anchor(row.id) if not k else "", self.a.clause(cid)) for k, cid in enumerate(ids))
        return self.env.get_template("topic.md.j2").render(
            **self._common(src), topic=topic, rows=rows, data=json_script(data), neighbours=neighbours,
            singles=[(p, own[p.id]) for p in self.a.policies if own[p.id]],
            single_clauses=sum(len(v) for v in own.values()),
            own_schools=[p for p in self.a.policies if own[p.id]],
            absent_schools=[p for p in self.a.policies if not own[p.id]],
            in_grid={s for r in rows for s in r["row"].clauses},
            spelling_only=sum(1 for r in rows if r["spelling_only"]),
        )

    def school_blocks(self, policy: Policy) -> list[dict[str, object]]:
        """The policy as written: headings and paragraphs/items, in source order."""
        events: list[tuple[int, int, dict[str, object]]] = []
        for heading in policy.headings:
            events.append((heading.line, 0, {"kind": "heading", "heading": heading}))
        groups: dict[int, list[Clause]] = defaultdict(list)
        for clause in policy.clauses:
            groups[clause.block].append(clause)
        for block, clauses in groups.items():
            kind = "item" if clauses[0].kind == "item" else "para"
            events.append((clauses[0].line, 1, {"kind": kind, "clauses": clauses, "number": clauses[0].number}))
        events.sort(key=lambda e: (e[0], e[1]))
        blocks: list[dict[str, object]] = []
        outline: list[int] = []  # source levels of the headings the current one sits under
        for _, _, event in events:
            if event["kind"] == "heading":
                # the page's own "The policy as written" is an h2: the policy's headings go under it
                # by nesting, not by their source level, so a skipped level never skips an HTML level
                level = event["heading"].level  # type: ignore[attr-defined]
                while outline and outline[-1] >= level:
                    outline.pop()
                event["depth"] = min(3 + len(outline), 6)
                outline.append(level)
            if event["kind"] == "item" and blocks and blocks[-1]["kind"] == "list":
                blocks[-1]["items"].append(event)  # type: ignore[union-attr]
            elif event["kind"] == "item":
                blocks.append({"kind": "list", "items": [event]})
            else:
                blocks.append(event)
        return blocks

    def school(self, policy: Policy) -> str:
        src = school_src(policy.id)
        mine = [r for r in self.a.rows if policy.id in r.clauses]
        off_topics = self.a.off_topic_ids
        only = [r for r in mine if len(r.clauses) == 1 and r.topic not in off_topics]
        off = [c for c in policy.clauses if self.a.clause_topic[c.id] in off_topics]
        return self.env.get_template("school.md.j2").render(
            **{**self._common(src), "markup": functools.cache(inline_markup)},  # each clause's twice: the page's and the search index's copy
            policy=policy,
            blocks=self.school_blocks(policy),
            only=only,
            off=sorted(off, key=lambda c: c.order),
            clause_topic=self.a.clause_topic,
            clause_row=self.a.clause_row,
            topic_by_id=self.topic_by_id,
            source_edit=self.edit_link(policy.path),
        )

    def schools_index(self) -> str:
        src = "schools/index.md"
        return self.env.get_template("schools.md.j2").render(**self._common(src))

    def pairs(self) -> str:
        src = "compare/pairs.md"
        data = {
            "schools": [{"id": p.id, "name": p.school, "href": self.links.href(src, school_src(p.id))} for p in self.a.policies],
            "topics": [
                {
                    "id": t.id,
                    "title": t.title,
                    "href": self.links.href(src, topic_src(t.id)),
                    "rows": [
                        {
                            "id": r.id,
                            "texts": {s: [self.a.clause(c).text for c in ids] for s, ids in r.clauses.items()},
                        }
                        for r in self.a.rows_for(t.id)
                    ],
                }
                for t in self.a.topics
            ],
        }
        first, second = (self.a.policies + self.a.policies)[:2]
        return self.env.get_template("pairs.md.j2").render(
            **self._common(src), data=json_script(data), first=first, second=second, rows_for=self.a.rows_for
        )


def iter_texts(alignment: Alignment) -> Iterable[str]:
    """Every clause's verbatim text (used by tests that check nothing is dropped)."""
    for policy in alignment.policies:
        for clause in policy.clauses:
            yield clause.text
