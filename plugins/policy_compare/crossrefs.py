"""A source's references to its own numbered paragraphs and sections, read in the model's numbering.

A school's policy says "the persons listed in paragraphs 2.1(a) to (c)" or "(see section 9)". In the
model its paragraphs have other numbers, or are not there at all: a reference kept as it was points
at the wrong text. Each reference is looked up in its school's own numbering (a paragraph's number,
or the number its section heading starts with), and written as the model entry or section that holds
what it meant; one that no single place of the model holds becomes a blank for the trust to fill in.
Pure functions over strings and clauses; no MkDocs import.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .model import Clause

BLANK = "[Cross-reference]"
MEANING = "the paragraph or section of this policy meant (the source's own numbering does not carry over)"

_NUMBER = r"\d{1,2}(?:\.\d{1,2})*"
# "paragraph 10.6", "paragraphs 2.1(a) to (c)", "Sections 7 and 8", "see section 9"; never a section
# of an Act ("section 127 of the Communications Act 2003") or of another document
REFERENCE = re.compile(
    rf"\b(?P<word>paragraphs?|paras?\.?|sections?|clauses?)\s+(?P<first>{_NUMBER})(?P<letter>\s?\([a-z]\))?"
    rf"(?P<more>(?:\s*,\s*{_NUMBER}(?=\s*(?:,|and\s|or\s)))*)"  # "sections 7, 8 and 9": the numbers before the last
    rf"(?:(?P<join>\s*(?:,|and|or|to|-|\u2013)\s*)(?P<second>{_NUMBER}|\([a-z]\))(?P<letter2>\s?\([a-z]\))?)?"
    r"(?!\s*(?:of|in|under)\s)(?![\w.]*\d)",
    re.IGNORECASE,
)
# "the relevant legislation listed in the appendix", "see Appendix A": the model has no appendices, so
# the one meant is the model section that holds what stood under it; never another document's appendix
APPENDIX = re.compile(r"\b(?:the\s+)?appendix(?!(?:\s+(?:[A-Z]|\d{1,2}))?\s+(?:of|in|to|from)\s)(?:\s+(?P<label>[A-Z]|\d{1,2})\b)?",
                      re.IGNORECASE)
_APPENDIX_HEADING = re.compile(r"^\s*appendix(?:\s+(?P<label>[A-Z]|\d{1,2})\b)?", re.IGNORECASE)
_RANGE = re.compile(r"to|-|\u2013")  # a join that makes a range ("2.1(a) to (c)"), not a list
_HEADING_NUMBER = re.compile(rf"^\s*(?:section\s+)?(?P<number>{_NUMBER})[.)]?\s")


@dataclass(frozen=True)
class Numbering:
    """Where a school's own numbers point: paragraph number -> its clauses (with the list under
    it), section number -> the clauses under that heading."""

    paragraphs: Mapping[str, tuple[str, ...]]
    sections: Mapping[str, tuple[str, ...]]
    appendices: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)  # "A" (or "" for "the appendix")


def mentions(text: str) -> bool:
    """Whether ``text`` refers to a paragraph, section or appendix of its own policy."""
    return bool(REFERENCE.search(text) or APPENDIX.search(text))


def numbering(clauses: Sequence[Clause]) -> Numbering:
    """One school's numbering, from its clauses in order."""
    paragraphs: dict[str, list[str]] = {}
    sections: dict[str, list[str]] = {}
    appendices: dict[str, list[str]] = {}
    current: str | None = None
    for clause in clauses:
        if clause.number and re.fullmatch(_NUMBER, clause.number):
            current = clause.number
        elif clause.kind != "item":
            current = None  # a sentence without a number is no paragraph's
        if current is not None:
            paragraphs.setdefault(current, []).append(clause.id)
        for heading in clause.section:
            match = _HEADING_NUMBER.match(heading)
            if match:
                sections.setdefault(match["number"], []).append(clause.id)
            appendix = _APPENDIX_HEADING.match(heading)
            if appendix:
                appendices.setdefault((appendix["label"] or "").upper(), []).append(clause.id)
    # a policy numbered by paragraph only ("8.1", "8.2" under an unnumbered heading): section 8 is its 8.x
    headed = set(sections)
    for number, ids in paragraphs.items():
        if "." in number and number.split(".")[0] not in headed:
            sections.setdefault(number.split(".")[0], []).extend(ids)
    if len(appendices) == 1:  # "the appendix" is the policy's only one, however it is labelled
        appendices[""] = next(iter(appendices.values()))
    return Numbering({k: tuple(v) for k, v in paragraphs.items()}, {k: tuple(v) for k, v in sections.items()},
                     {k: tuple(v) for k, v in appendices.items()})


def _place(ids: Iterable[str], where: Mapping[str, tuple[int, str]], whole: bool,
           by_topic: Mapping[str, int] | None = None) -> str | None:
    """The model entry ("4.2") that holds every one of ``ids`` the model has, or with ``whole``
    false the section ("4") that holds most of them; None if the model has none of them.

    ``by_topic``: clause id -> the model section of its topic. A section is then the one most of
    its clauses' topics lead to, whether or not the model states each clause (a school's section on
    pupils' phones is the model's section on phones, though the model leaves most of its rules out).
    """
    ids = list(ids)
    if not whole and by_topic:
        topics = Counter(by_topic[i] for i in ids if i in by_topic)
        if topics:
            return str(topics.most_common(1)[0][0])
    found = [where[i] for i in ids if i in where]
    if not found:
        return None
    if not whole:
        return str(Counter(section for section, _entry in found).most_common(1)[0][0])
    entries = {entry for _section, entry in found}
    return next(iter(entries)) if len(entries) == 1 else None


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower())[:4])


def renumber(
    text: str, school: str, numberings: Mapping[str, Numbering], where: Mapping[str, tuple[int, str]],
    clauses: Mapping[str, Clause] | None = None, items: Mapping[str, Sequence[str]] | None = None,
    by_topic: Mapping[str, int] | None = None,
) -> tuple[str, list[str]]:
    """``text`` (a model entry's wording from ``school``) with its references in the model's
    numbering; the references no single place of the model holds are left as :data:`BLANK`,
    and returned as the source wrote them.

    ``where``: clause id -> (model section, model entry) of every clause the model states. A
    lettered item ("paragraph 2.1(c)") keeps a letter when ``clauses`` (by id) and ``items``
    (entry -> its items' wording) show where the source's item stands in the model's list.
    """
    own = numberings.get(school)
    if own is None or not mentions(text):
        return text, []
    unresolved: list[str] = []

    def appendix(match: re.Match[str]) -> str:
        placed = _place(own.appendices.get((match["label"] or "").upper(), ()), where, whole=False, by_topic=by_topic)
        if placed is None:
            unresolved.append(match[0])
            return BLANK
        return f"section {placed}"

    def ids_of(word: str, number: str) -> tuple[str, ...]:
        by_section = word.lower().startswith("section")
        first, second = (own.sections, own.paragraphs) if by_section else (own.paragraphs, own.sections)
        return first.get(number) or second.get(number) or ()

    def one(word: str, number: str) -> str | None:
        return _place(ids_of(word, number), where, whole=not word.lower().startswith("section"), by_topic=by_topic)

    def letter(word: str, number: str, entry: str, source_letter: str) -> str | None:
        """The model's letter for the source's item ``source_letter`` of paragraph ``number``."""
        wanted = next((clauses[i] for i in ids_of(word, number)
                       if clauses and i in clauses and clauses[i].number == source_letter), None)
        listed = (items or {}).get(entry, ())
        if wanted is None:
            return None
        at = [k for k, item in enumerate(listed) if _words(item) == _words(wanted.text)]
        return f"({chr(ord('a') + at[0])})" if len(at) == 1 else None

    def swap(match: re.Match[str]) -> str:
        word, number = match["word"], match["first"]
        if match["more"]:
            # a list of three or more ("sections 7, 8 and 9"): each placed, in the model's order, once
            numbers = [number, *re.findall(_NUMBER, match["more"]), match["second"]]
            placed = [one(word, n) for n in numbers]
            if None in placed or match["letter"] or match["letter2"] or _RANGE.search(match["join"]):
                unresolved.append(match[0])
                return BLANK
            ordered = sorted({p for p in placed if p is not None}, key=lambda p: [int(x) for x in p.split(".")])
            if len(ordered) == 1:
                return f"{word.rstrip('s')} {ordered[0]}"
            return f"{word} {', '.join(ordered[:-1])}{' or ' if 'or' in match['join'] else ' and '}{ordered[-1]}"
        first = one(word, number)
        second = None
        if first is not None and match["second"] and not match["second"].startswith("("):
            second = one(word, match["second"])
        lettered = [m for m in (match["letter"], match["second"] if (match["second"] or "").startswith("(") else None, match["letter2"]) if m]
        letters = [letter(word, number, first, m.strip()[1:-1]) for m in lettered] if first is not None else []
        if first is None or (match["second"] and not match["second"].startswith("(") and second is None) or None in letters:
            unresolved.append(match[0])
            return BLANK
        if match["second"] and match["second"].startswith("("):
            if _RANGE.search(match["join"]):
                # a range: every item in it, wherever each now stands, must still make one range
                low, high = match["letter"].strip()[1:-1], match["second"][1:-1]
                spanned = [letter(word, number, first, chr(k)) for k in range(ord(low), ord(high) + 1)]
                places = sorted(ord(m[1]) for m in spanned if m) if None not in spanned else []
                if not places or places != list(range(places[0], places[0] + len(places))):
                    unresolved.append(match[0])
                    return BLANK
                return f"{word} {first}({chr(places[0])}){match['join']}({chr(places[-1])})"
            return f"{word} {first}{letters[0]}{match['join']}{letters[1]}"
        if second is not None:
            return f"{word} {first}{letters[0] if match['letter'] else ''}{match['join']}{second}"
        return f"{word} {first}{letters[0] if letters else ''}"

    # the appendices last: "section 15" written for one is the model's number, not the source's
    return APPENDIX.sub(appendix, REFERENCE.sub(swap, text)), unresolved
