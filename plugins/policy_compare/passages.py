"""Grow the clauses picked for the model into passages that read on their own, and tidy them.

A sentence that points back ("This will ...") brings the sentence it points to; a quotation
runs to its end; a list item comes with its list's lead-in, and items of lists that share
a lead-in become one list. Passages are then ordered as the school contributing most
orders them, a list split across sections is gathered in one, and of two sentences saying
the same thing the fuller stays. Pure functions over clauses; no MkDocs import.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from .model import AlignSettings, Alignment, Clause
from .wording import (
    NearDuplicateIndex,
    drop_connective,
    is_truncated,
    opens_pointing_back,
    opens_quote,
    points_back,
    refers_forward,
)

MAX_REACH_BACK = 3  # sentences a pointer may reach back; further than that, a maintainer decides
# a passage's meaning, to place it, is read from this many characters of its opening: ten times the
# longest passage any trust's model has embedded (1,060), a few pages of text. The sentence encoder reads
# each token of a text, so one list of a thousand items gathered from a long policy's copies (126,000
# characters) cost 2 s of encoding, a quarter of the model's time, for a meaning the opening already gives
MEANING_CHARS = 10_000


@dataclass(eq=False)  # a passage is itself: two with the same clauses are still two
class Passage:
    """Consecutive sentences of one school, or one list (a lead-in and its items)."""

    school: str
    sentences: list[Clause] = field(default_factory=list)
    lead_in: Clause | None = None
    items: list[list[Clause]] = field(default_factory=list)  # each item's sentences
    rows: set[str] = field(default_factory=set)
    origin: str = "shared"
    wording: str | None = None  # a maintainer's wording (replace, add), instead of the sources'
    anchor: str | None = None  # for an added passage: the row it goes after
    key: str = ""  # for a list: lists with the same key are one list

    @property
    def clauses(self) -> list[Clause]:
        lead = [self.lead_in] if self.lead_in else []
        return [*lead, *self.sentences, *(c for item in self.items for c in item)]

    @property
    def is_list(self) -> bool:
        return self.lead_in is not None and bool(self.items)


def sentence_span(clause: Clause, sequence: list[Clause], reach_back: int = MAX_REACH_BACK) -> list[Clause]:
    """The clause with what it leans on before it and the rest of a quotation it opens."""
    start = end = clause.order
    for _ in range(reach_back):
        text = sequence[start].text
        # an opening connective can simply go; a pronoun or "such ..." needs what it refers to
        if start == 0 or not (points_back(drop_connective(text)) or text[:1].islower()):
            break
        before = sequence[start - 1]
        if before.kind != "sentence" or before.section != sequence[start].section:
            break
        start -= 1
    while end + 1 < len(sequence):
        text = " ".join(c.text for c in sequence[start:end + 1])
        after = sequence[end + 1]
        if opens_quote(text) and after.kind == "sentence" and after.block == sequence[end].block:
            end += 1  # a quotation is never cut
        elif is_truncated(text) and after.kind == "sentence" and after.section == sequence[end].section:
            end += 1  # a sentence the source broke across paragraphs
        else:
            break
    return sequence[start:end + 1]


def list_of(item: Clause, sequence: list[Clause]) -> tuple[Clause | None, list[list[Clause]]]:
    """The lead-in of an item's list and all the list's items (each a list of sentences).

    A list without a lead-in ending in a colon takes the sentence before it as its lead-in
    when that sentence announces it ("All incident types below are ...").
    """
    lead: Clause | None = None
    position = item.order
    while position > 0:
        position -= 1
        candidate = sequence[position]
        if candidate.kind == "lead-in" and candidate.text == item.lead_in:
            lead = candidate
            break
        if candidate.kind != "item" or candidate.lead_in != item.lead_in:
            if item.lead_in is None and announces(candidate, sequence):
                lead = candidate
            break
    items: dict[int, list[Clause]] = {}
    start = (lead.order + 1) if lead else item.order
    for position in range(start, len(sequence)):  # by position: a slice copied the rest of a long policy each time
        clause = sequence[position]
        if clause.kind != "item" or clause.lead_in != item.lead_in:
            break
        items.setdefault(clause.block, []).append(clause)
    return lead, list(items.values())


def announces(clause: Clause, sequence: list[Clause]) -> bool:
    """A sentence that announces the list right after it (its items have no lead-in of their own)."""
    after = sequence[clause.order + 1] if clause.order + 1 < len(sequence) else None
    return (clause.kind == "sentence" and after is not None and after.kind == "item" and after.lead_in is None
            and after.section == clause.section and refers_forward(clause.text))


def item_block(item: Clause, sequence: list[Clause]) -> list[Clause]:
    """The items of an item's paragraph: its neighbours of the same block (a block's clauses are consecutive)."""
    start = end = item.order
    while start > 0 and sequence[start - 1].block == item.block:
        start -= 1
    while end + 1 < len(sequence) and sequence[end + 1].block == item.block:
        end += 1
    return [c for c in sequence[start:end + 1] if c.kind == "item"]


def _listed(clause: Clause, sequence: list[Clause], entering: Callable[[Clause], bool] | None) -> tuple[Clause, Clause | None, list[list[Clause]]] | None:
    """For a clause that enters as (part of) a list: an item of it, its lead-in and the items that enter.

    A lead-in (or a sentence announcing a list) brings none of its items when some enter on
    their own rows (``entering``), and all of them when none do (a lead-in never stands alone)
    or when there is no ``entering`` (a school's own wording of a topic is its whole list).
    An item enters alone, unless its lead-in opens a quotation, which is never cut. ``None``
    for a sentence.
    """
    following = sequence[clause.order + 1] if clause.order + 1 < len(sequence) else None
    if following is not None and following.kind == "item" and (clause.kind == "lead-in" or announces(clause, sequence)):
        lead, items = list_of(following, sequence)
        return following, lead, [] if entering and any(entering(c) for item in items for c in item) else items
    if clause.kind != "item":
        return None
    lead, items = list_of(clause, sequence)
    quoted = lead is not None and opens_quote(lead.text)
    return clause, lead, items if quoted else [item_block(clause, sequence)]


def build(picked: Iterable[tuple[Clause, str, str]], alignment: Alignment, sequences: dict[str, list[Clause]],
          lead_key: dict[str, str], rewritten: frozenset[str] = frozenset()) -> list[Passage]:
    """Passages for the picked ``(clause, row id, origin)``, sentences merged where they run on.

    ``lead_key`` maps a lead-in clause id to the key of the list it starts: lists whose
    lead-ins share a key become one list. Clauses in ``rewritten`` have a maintainer's
    wording, which stands on its own: nothing is brought along before them.
    """
    spans: dict[str, set[int]] = {}
    origins: dict[tuple[str, int], str] = {}
    lists: dict[str, Passage] = {}
    firsts: dict[str, set[str]] = {}  # each list's items, by the id of their first sentence
    picked = list(picked)
    picked_ids = {clause.id for clause, _, _ in picked}
    for clause, row_id, origin in picked:
        sequence = sequences[clause.school]
        listed = _listed(clause, sequence, None if origin == "single" else (lambda c: c.id in picked_ids))
        if listed is None:
            for member in sentence_span(clause, sequence, 0 if clause.id in rewritten else MAX_REACH_BACK):
                spans.setdefault(clause.school, set()).add(member.order)
                if origins.get((clause.school, member.order), "single") == "single":
                    origins[(clause.school, member.order)] = origin
            continue
        first_item, lead, chosen = listed
        key = lead_key.get(lead.id, lead.id) if lead else f"{clause.school}:{first_item.block}"
        passage = lists.get(key) or Passage(school=clause.school, lead_in=lead, origin=origin, key=key)
        if key not in lists and lead is not None and lead.id not in rewritten and points_back(drop_connective(lead.text)):
            passage.sentences = sentence_span(lead, sequence)[:-1]  # what "It sets out to:" refers to
        lists[key] = passage
        if origin != "single":
            passage.origin = origin  # "from one school" only when every part of it is
        held = firsts.get(key)
        if held is None:  # worked out once per list, not once per item that enters it
            held = firsts[key] = {existing[0].id for existing in passage.items}
        for block in chosen:
            if block[0].id not in held:  # a set per list: one list can gather thousands of items
                held.add(block[0].id)
                passage.items.append(block)
        passage.rows.add(row_id)
    passages: list[Passage] = []
    for school, orders in sorted(spans.items()):
        run: list[Clause] = []
        for order in sorted(orders):
            clause = sequences[school][order]
            if run and not _runs_on(run[-1], clause):
                passages.append(_sentences(run, alignment, origins))
                run = []
            run.append(clause)
        if run:
            passages.append(_sentences(run, alignment, origins))
    for passage in lists.values():
        passage.rows |= {alignment.clause_row[c.id] for c in passage.clauses if c.id in alignment.clause_row and c.kind != "lead-in"}
        if passage.lead_in is None:  # items with no lead-in to hold them together read one by one
            for item in passage.items:
                rows = {alignment.clause_row[c.id] for c in item if c.id in alignment.clause_row}
                passages.append(Passage(school=item[0].school, sentences=item, rows=rows, origin=passage.origin))
        else:
            passages.append(passage)
    return passages


def _runs_on(before: Clause, clause: Clause) -> bool:
    """Whether ``clause`` continues the passage ending with ``before``: the next sentence of
    its paragraph, or of the next paragraph when it leans on ``before`` or completes it."""
    if clause.order != before.order + 1 or clause.section != before.section:
        return False
    return (clause.block == before.block or points_back(drop_connective(clause.text))
            or clause.text[:1].islower() or is_truncated(before.text))


def _sentences(run: list[Clause], alignment: Alignment, origins: dict[tuple[str, int], str]) -> Passage:
    rows = {alignment.clause_row[c.id] for c in run if c.id in alignment.clause_row}
    kinds = [origins.get((c.school, c.order), "single") for c in run]
    origin = next((kind for kind in kinds if kind != "single"), "single")
    return Passage(school=run[0].school, sentences=run, rows=rows, origin=origin)


_WANTS_VERB = re.compile(r"\b(?:they|to|should|must|will|shall|can|not)\s*:\s*[-\u2013\u2014]?\s*$", re.IGNORECASE)
_OWN_SUBJECT = re.compile(
    r"^[A-Z][\w\u2019'-]*(?:\s+[\w\u2019'-]+){0,4}?\s+(?:must|should|shall|will|may|can)\b"
    # or the school itself doing something: "The school reserves the right to monitor ..."
    r"|^(?:The|Our) (?:school|academy|college|trust|governing body|headteacher|head teacher)\s+(?!is\b|has\b)[a-z]+s\b"
)


def split_nested(passage: Passage, clause_row: dict[str, str]) -> list[Passage]:
    """The list, then each list inside it: an item ending with a colon ("Monitoring but not
    recording is also permissible in order to:") leads in the items of its school after it, up
    to the next such item (a source that cannot nest lists writes them at one level), or, where
    the source nests its lists, the run of items nested under it. Each inner list becomes its own
    entry after the outer one, so none reads as one run of items. Each item is looked at once per
    level of nesting: a long policy's lists cost their length, not its square."""
    if not passage.is_list:
        return [passage]
    nested = any(c.depth for item in passage.items for c in item)  # the source nests its lists: read the nesting
    by_school: dict[str, list[list[Clause]]] = {}
    for item in passage.items:
        by_school.setdefault(item[0].school, []).append(item)
    inner_lists: list[tuple[list[Clause], list[list[Clause]]]] = []  # (lead item, its items)
    taken: set[int] = set()  # ids of the items that go to an inner list (their lead items too)
    for items in by_school.values():
        items.sort(key=lambda item: item[0].order)
        k = 0
        while k < len(items):
            item = items[k]
            if not item[-1].text.rstrip().endswith(":"):
                k += 1
                continue
            end = k + 1
            while end < len(items) and (
                items[end][0].depth > item[-1].depth if nested else not items[end][-1].text.rstrip().endswith(":")
            ):
                end += 1
            if end > k + 1:
                inner_lists.append((item, items[k + 1 : end]))
                taken.update(id(i) for i in items[k:end])
            k = max(end, k + 1)
    if not inner_lists or len(taken) == len(passage.items):  # the outer list keeps an item of its own
        return [passage]
    passage.items = [item for item in passage.items if id(item) not in taken]
    parts = [passage]
    for item, inner in inner_lists:
        lead = item[-1]
        if passage.lead_in is not None and lead.text[:1].islower():
            # "share confidential information, including:" goes on from "staff must not:": said whole
            outer = re.sub(r"\s*:\s*[-\u2013\u2014]?\s*$", "", passage.lead_in.text)
            lead = replace(lead, text=f"{outer} {lead.text}", markup=f"{outer} {lead.markup}")
        inside = Passage(school=item[0].school, sentences=list(item[:-1]), lead_in=lead, items=inner, origin=passage.origin,
                         key=f"{passage.key}/{item[-1].id}")
        inside.rows = {clause_row[c.id] for c in inside.clauses if c.id in clause_row}
        parts.extend(split_nested(inside, clause_row) if nested else [inside])
    kept = {clause_row[c.id] for c in passage.clauses if c.id in clause_row}
    passage.rows -= {row for part in parts[1:] for row in part.rows} - kept
    return parts


def split_off_sentences(passage: Passage, clause_row: dict[str, str]) -> list[Passage]:
    """The list, then each item that is a sentence with its own subject under a lead-in that
    wants a verb ("Everyone must ensure that they:" / "Mobile phones must not be used ..."):
    such an item does not continue its lead-in, so it is said on its own after the list."""
    if not passage.is_list or passage.lead_in is None or not _WANTS_VERB.search(passage.lead_in.text):
        return [passage]
    own = [item for item in passage.items if _OWN_SUBJECT.match(item[0].text)]
    if not own:
        return [passage]
    passage.items = [item for item in passage.items if not any(item is o for o in own)]
    if not passage.items:
        passage.lead_in, passage.sentences = None, []
    alone = [Passage(school=item[0].school, sentences=item, rows={clause_row[c.id] for c in item if c.id in clause_row},
                     origin=passage.origin) for item in own]
    kept = {clause_row[c.id] for item in passage.items for c in item if c.id in clause_row}
    passage.rows -= {row for part in alone for row in part.rows} - kept
    return [passage, *alone]


_THIS = re.compile(r"^(?:This|These|It)(?:\s+([A-Za-z]+))?\b")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def _opening_heading(clause: Clause, before: Clause | None) -> str | None:
    """The heading of the section ``clause`` opens (``before`` is the clause before it), without its
    numbering or closing punctuation; ``None`` when the clause does not open a section."""
    if not clause.section or (before is not None and before.section == clause.section):
        return None
    return _heading_words(clause.section[-1])


def _heading_words(heading: str) -> str:
    """A heading without its numbering or closing punctuation ("15.3 Computer Misuse Act 1990:")."""
    return re.sub(r"^[\d.\s]+|[\s:.]+$", "", heading)


def named_from_heading(clause: Clause, before: Clause | None, title: Callable[[str], str | None] = lambda heading: heading) -> str | None:
    """The first sentence under a heading, with "This Act" (or a bare "This", "It") replaced by
    the heading it points to: "This Act makes it an offence to:" under "Computer Misuse Act 1990"
    becomes "The Computer Misuse Act 1990 makes it an offence to:". ``None`` when it does not apply:
    the sentence does not open a section, does not point back, or the heading names nothing
    (the noun after "This" is not in it, or, with no noun, it has no year). ``title(heading)``: the
    name as the text should have it (an Act's, as the legislation register writes it), or ``None``
    to keep the heading's own words."""
    heading = _opening_heading(clause, before)
    if heading is None or not opens_pointing_back(clause.text):
        return None
    match = _THIS.match(clause.text)
    if not match or len(heading.split()) < 2:
        return None
    noun = match.group(1) or ""
    if noun.lower() in heading.lower().split():
        rest = clause.text[match.end():]
    elif _YEAR.search(heading):
        rest = clause.text[match.end(0) - len(noun):] if noun else clause.text[match.end():]
    else:
        return None
    named = title(heading) or heading
    named = named if named.lower().startswith("the ") else f"The {named}"
    return f"{named}{rest if rest.startswith(' ') or not rest else ' ' + rest}"


_INSTRUMENT = re.compile(r"\b(?:act|acts|regulations|order)\s+(?:1[89]|20)\d\d\s*$", re.IGNORECASE)


def under_heading(clause: Clause, before: Clause | None, title: Callable[[str], str | None] = lambda heading: heading) -> str | None:
    """The first sentence under a heading that names an Act, led by it when the sentence does not
    name it ("It is an offence to copy ..." under "Copyright, Designs and Patents Act 1988" becomes
    "Under the Copyright, Designs and Patents Act 1988, it is an offence to copy ..."), so that it
    still says which law it means once the heading is gone. ``title(heading)`` gives the Act's
    name as the text should have it (the legislation register's, a misdated year put right), or
    ``None`` for a heading that is not an Act's name. ``None`` when that does not apply."""
    heading = _opening_heading(clause, before)
    if heading is None or clause.kind != "sentence" or not _INSTRUMENT.search(heading):
        return None
    heading = title(heading)
    if heading is None:
        return None
    name = re.sub(r"^the\s+", "", _YEAR.sub("", heading).strip(), flags=re.IGNORECASE)

    def fold(text: str) -> str:
        return " ".join(text.replace("&", "and").casefold().split())

    if fold(name) in fold(clause.text):
        return None
    words = clause.text.split(maxsplit=2)
    opening = words[0] if words else ""
    # the sentence's first letter goes lower case, unless it begins a name ("Registered Trade Marks")
    # or an acronym
    keep = (len(opening) > 1 and opening.isupper()) or (len(words) > 1 and words[1][:1].isupper())
    text = clause.text if keep else clause.text[:1].lower() + clause.text[1:]
    return f"Under the {heading}, {text}"


THIS_ACT = re.compile(r"\bthis act\b", re.IGNORECASE)  # also read by the model lint


def naming_this_act(clause: Clause, title: Callable[[str], str | None] = lambda heading: heading) -> str | None:
    """A sentence or item under an Act's heading with "this Act" inside it named ("... in line
    with its rights under this act." under "Regulation of Investigatory Powers Act 2000" becomes
    "... under the Regulation of Investigatory Powers Act 2000."), so that it still says which law
    it means once the heading is gone or the entry stands apart from the one naming it.
    ``title(heading)`` as for :func:`under_heading`. ``None`` when that does not apply (no "this
    Act", no Act's heading); a sentence opening with "This Act" is :func:`named_from_heading`'s."""
    if not clause.section or not THIS_ACT.search(clause.text):
        return None
    heading = _heading_words(clause.section[-1])
    if not _INSTRUMENT.search(heading) or (name := title(heading)) is None:
        return None
    name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)

    def the_act(match: re.Match[str]) -> str:
        return ("The " if match.group()[0].isupper() and match.start() == 0 else "the ") + name

    return THIS_ACT.sub(the_act, clause.text)


def sort_items(passage: Passage) -> None:
    """A merged list's items: its lead-in school's first, in their order, then each other school's."""
    passage.items.sort(key=lambda item: (item[0].school != passage.school, item[0].school, item[0].order))


def order_passages(passages: list[Passage], alignment: Alignment) -> list[Passage]:
    """Passages in the order of the school contributing most; others placed beside the rules they share."""
    if not passages:
        return passages
    weight: dict[str, int] = {}
    for passage in passages:
        weight[passage.school] = weight.get(passage.school, 0) + len(passage.clauses)
    primary = min(weight, key=lambda s: (-weight[s], s))
    row_index = {r.id: r for r in alignment.rows}
    keys: dict[int, float] = {}
    for i, passage in enumerate(passages):
        if passage.school == primary and passage.clauses:
            keys[i] = float(passage.clauses[0].order)
            continue
        theirs = [alignment.clause(cid).order for rid in passage.rows if rid in row_index
                  for cid in row_index[rid].clauses.get(primary, ())]
        if theirs:
            keys[i] = min(theirs) + 0.5
    # the rest follow the passage that precedes them in their own school, or else the placed
    # passage whose wording is closest to theirs (a rule beside the rules on the same matter)
    placed = sorted(keys)
    closest = _closest(passages, placed) if len(placed) < len(passages) else {}
    for i, passage in enumerate(passages):
        if i in keys:
            continue
        own_order = passage.clauses[0].order if passage.clauses else 0
        before = [(p.clauses[0].order, keys[j]) for j, p in enumerate(passages)
                  if j in keys and p.school == passage.school and p.clauses and p.clauses[0].order < own_order]
        if before:
            keys[i] = max(before)[1] + 0.25
        elif i in closest:
            keys[i] = keys[closest[i]] + 0.125 + own_order * 1e-9
        else:
            keys[i] = 1e9 + own_order
    ranked = sorted(range(len(passages)), key=lambda i: (keys[i], passages[i].school, i))
    return [passages[i] for i in ranked]


def _closest(passages: list[Passage], placed: list[int], floor: float = 0.2, candidates: int = 10) -> dict[int, int]:
    """For each passage not in ``placed``, the placed passage closest to it in meaning (the
    similarity rows are grouped by: words and characters, averaged with sentence embeddings) if
    at least ``floor``. Only its ``candidates`` closest in words are given a meaning (embedded),
    so a long policy's section costs a few embeddings per passage to place, not one per passage;
    a meaning is read from a passage's opening (:data:`MEANING_CHARS`).
    """
    from .embeddings import embed, meaning
    from .rows import SimilarityModel  # the rows stage's measure; imported here, as only ordering needs it

    if not placed:
        return {}
    weight = AlignSettings().semantic_weight
    texts = [" ".join(c.text for c in p.clauses) for p in passages]
    lexical = SimilarityModel([t.lower() for t in texts])
    chosen = set(placed)
    others = [i for i in range(len(passages)) if i not in chosen]
    words = lexical.block(others, placed)
    nearest = np.argsort(-words, axis=1, kind="stable")[:, :candidates]
    wanted = sorted(set(others) | {placed[k] for k in nearest.ravel().tolist()})
    vectors = dict(zip(wanted, embed([opening(texts[k]) for k in wanted])))
    found: dict[int, int] = {}
    for row, i in enumerate(others):
        near = nearest[row]
        alike = meaning(vectors[i][None, :], np.array([vectors[placed[k]] for k in near]))[0]
        scores = (1 - weight) * words[row, near] + weight * alike
        top = scores.max()
        if top >= floor:
            found[i] = placed[int(near[scores == top].min())]  # of equals, the first placed
    return found


def opening(text: str, limit: int = MEANING_CHARS) -> str:
    """``text`` whole up to ``limit`` characters, else its opening up to the last space within them."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    return text[: cut if cut > 0 else limit]


def gather_lists(sections: list[list[Passage]], keep: Collection[int] = ()) -> None:
    """A list split across sections goes whole to the section holding most of its items.

    Its lead-in is then said once. A section holding nothing but a piece of the list is
    left empty (its topic is said with the list), unless its index is in ``keep``.
    """
    by_key: dict[str, list[tuple[int, Passage]]] = {}
    for index, passages in enumerate(sections):
        for passage in passages:
            if passage.is_list:
                by_key.setdefault(passage.key, []).append((index, passage))
    for group in by_key.values():
        if len(group) < 2:
            continue
        home = max(group, key=lambda entry: (len(entry[1].items), -entry[0]))[1]
        for index, passage in group:
            others = [p for p in sections[index] if p is not passage and (p.sentences or p.items or p.wording)]
            if passage is home or (not others and index in keep):
                continue
            home.items.extend(passage.items)
            home.rows |= passage.rows
            passage.items, passage.sentences, passage.lead_in = [], [], None


def drop_near_duplicates(passages: list[Passage], alignment: Alignment, named: dict[str, str] | None = None,
                         sections: Sequence[str] | None = None) -> None:
    """Of two sentences or list items saying the same thing, keep the fuller; its passage states both rows.

    A sentence that the next one in its passage points back to stays (the other goes, if it can).
    ``sections``: the topic of each passage's section. Of two passages of sentences where one holds
    the other's and more, the fuller stays in the section where most of its sentences belong (a
    school's scope paragraph, whose last sentence mentions contact with pupils, stays under
    *Purpose and scope*).
    """
    # a passage whose sentences another passage holds too goes; the other holds all of them, so it
    # is among the passages that hold any one of them (looked up by sentence, not found by a scan
    # of every passage for every passage)
    holding: dict[str, list[int]] = {}
    for index, passage in enumerate(passages):
        for clause_id in {c.id for c in passage.sentences}:
            holding.setdefault(clause_id, []).append(index)
    for index, passage in enumerate(passages):
        ids = {c.id for c in passage.sentences}
        if not ids:
            continue
        # of two passages holding the same sentences, a list keeps them (its lead-in may lean on them:
        # "... email. It can include:"), else the first
        others = min((holding[clause_id] for clause_id in ids), key=len)  # in passage order
        at = next((i for i in others if i != index and (
            ids < (held := {c.id for c in passages[i].sentences})
            or (ids == held and (passages[i].is_list, -i) > (passage.is_list, -index)))), None)
        if at is not None:
            holder = passages[at]
            holder.rows |= passage.rows
            if sections is not None and not holder.is_list and not passage.is_list and holder.wording is None:
                topics = Counter(alignment.clause_topic.get(c.id) for c in holder.sentences)
                if sections[at] != sections[index] and topics[sections[index]] > topics[sections[at]]:
                    # the fuller passage belongs where this one is: it takes this one's place
                    passage.sentences, passage.rows, passage.origin = holder.sentences, holder.rows, holder.origin
                    holder.sentences, holder.rows = [], set()
                    for clause_id in {c.id for c in passage.sentences}:
                        holding[clause_id] = [index if i == at else i for i in holding[clause_id]]
                    continue
            passage.sentences = []
    statements: list[tuple[str, Passage, Clause | list[Clause]]] = []
    for passage in passages:
        if passage.wording is not None:
            continue
        statements.extend((" ".join(c.text for c in item), passage, item) for item in passage.items)
        statements.extend(((named or {}).get(c.id, c.text), passage, c) for c in passage.sentences)  # "This Act" as its heading names it
        if passage.lead_in is not None:
            statements.append((passage.lead_in.text, passage, passage.lead_in))

    def removable(passage: Passage, part: Clause | list[Clause]) -> bool:
        if isinstance(part, list):
            return True
        if part is passage.lead_in:
            return False  # a list's lead-in goes only with its list
        after = passage.sentences[passage.sentences.index(part) + 1:] if part in passage.sentences else []
        return not (after and points_back(after[0].text))

    def remove(passage: Passage, part: Clause | list[Clause]) -> None:
        if isinstance(part, list):
            passage.items = [it for it in passage.items if it is not part]
        else:
            passage.sentences = [c for c in passage.sentences if c is not part]

    gone: set[int] = set()
    index = NearDuplicateIndex([s[0] for s in statements])

    def settle(i: int, j: int) -> bool:
        """Drop the one of an alike pair that can go (the shorter, if it can); whether one went."""
        shorter, longer = (j, i) if len(statements[j][0]) <= len(statements[i][0]) else (i, j)
        if not removable(*statements[shorter][1:]):
            shorter, longer = longer, shorter
            if not removable(*statements[shorter][1:]):
                return False
        _, lost_passage, lost_part = statements[shorter]
        lost = lost_part if isinstance(lost_part, list) else [lost_part]
        statements[longer][1].rows |= {alignment.clause_row[c.id] for c in lost if c.id in alignment.clause_row}
        remove(lost_passage, lost_part)
        gone.add(shorter)
        return True

    # the candidate pairs in order, i then j; a statement gone has none left to check, so its
    # partners are never looked up (a long policy's copies would give pairs by the million)
    waiting: list[tuple[int, int]] = []  # alike, but neither could go yet
    for i, j in ((first, j) for first in range(len(statements)) if first not in gone for j in index.partners(first)):
        if i in gone or j in gone or not index.alike(i, j):
            continue
        if not settle(i, j):
            waiting.append((i, j))
    removed = True
    while removed and waiting:  # a sentence kept for the one after it that pointed back can go once that one has gone
        removed, still = False, []
        for i, j in waiting:
            if i in gone or j in gone:
                continue
            if settle(i, j):
                removed = True
            else:
                still.append((i, j))
        waiting = still
    for passage in passages:
        if passage.lead_in is not None and not passage.items:
            passage.lead_in = None
            passage.sentences = []
