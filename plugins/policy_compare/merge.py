"""Merge aligned rows into a model policy, applying the maintainers' curation file.

Rows that enough schools share (or that are marked essential) enter the model in their
best wording; single-school rows become candidates for maintainers. No MkDocs import.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import crossrefs
from .align import REQUIRED_TOPICS
from .errors import PolicyError
from .legislation import (
    Instrument, Register, described_law, heading_title, law_to_update, load_register, with_register_titles, with_stale_notes,
)
from .localnames import kind_of, local_names, replace_local
from .model import Alignment, Clause, Row, Topic
from .normalise import school_pattern, with_placeholder
from .overrides import resolve
from .safe_yaml import safe_load
from .passages import (
    Passage,
    build,
    drop_near_duplicates,
    gather_lists,
    list_of,
    named_from_heading,
    naming_this_act,
    order_passages,
    sort_items,
    split_nested,
    split_off_sentences,
    under_heading,
)
from .wording import announces_what_follows, drop_connective, in_one_voice, is_aside, is_form_line, is_fragment, leans_back, opens_pointing_back, table_rows

# Current terminology: the model prefers variants already using it and rewrites the rest.
DEFAULT_TERMINOLOGY: dict[str, str] = {
    r"\bhead[- ]teacher": "headteacher",
    r"\be-mail": "email",
    r"\bcyber[- ]bullying": "cyberbullying",
    r"\bon-line\b": "online",
    r"\be-safety\b": "online safety",  # the term schools and the DfE use now
    r"\bi-?pads\b": "iPads",  # Apple's spelling, whatever a school typed ("Ipads", "i-pads")
    r"\bi-?pad\b": "iPad",
}
_ALSO = re.compile(r"(?<=\w) also(?= \w[^:]*:$)")
_SHOUTING = re.compile(r"\b[A-Z]{2,}(?:\s+[A-Z]{2,}){2,}\b")
DISPREFERRED = (r"\bstudents?\b", r"\bhead[- ]teacher", r"\be-mail", r"\bcyber[- ]bull", r"\bon-line\b", r"\be-safety\b")


@dataclass(frozen=True)
class Curation:
    """The curation file: how maintainers shape the model policy."""

    essential: tuple[str, ...] = ()
    choose: dict[str, str] = field(default_factory=dict)  # row ref -> school id
    replace: dict[str, str] = field(default_factory=dict)  # row ref -> wording
    drop: tuple[str, ...] = ()
    add: tuple[dict[str, str], ...] = ()  # {topic, text, after?}
    order: dict[str, tuple[str, ...]] = field(default_factory=dict)  # topic -> row refs first
    title: str = "Social networking policy"
    version: str = "1.0"
    review_months: int = 12
    source: str = "curation"


TO_BE_WRITTEN = "[to be written by the trust]"
SCHOOL_NAME_MEANING = "the school's full name"
FILL_IN_MEANINGS = {
    "[Local authority]": "the local authority (council) the school works with",
    "[Messaging service for parents]": "the service the school uses to message parents",
    "[Messaging service]": "the messaging service the school uses",
    "[Name of member of staff]": "the name of the member of staff who holds this role",
    "[Name of governor]": "the name of the governor who holds this role",
    "[Name of headteacher]": "the headteacher's name",
    "[Name of designated safeguarding lead]": "the designated safeguarding lead's name",
    "[Name of deputy designated safeguarding lead]": "the deputy designated safeguarding lead's name",
    "[Name of chair of governors]": "the chair of governors' name",
    "[Telephone number]": "the school's own telephone number",
    crossrefs.BLANK: crossrefs.MEANING,
    "[Trust name]": "the trust's name",
    "[Description of the school]": "what kind of school it is (its phase, the ages it serves)",
}


def _number_blanks(
    sections: list[ModelSection], used: dict[str, dict[tuple[str, str], None]]
) -> tuple[list[ModelSection], dict[str, dict[tuple[str, str], None]]]:
    """Blanks of one kind numbered in the order the model first uses them ("[Local name 1]",
    "[Local name 2]"), or left plain when the model uses one of that kind; the local names were
    told apart trust-wide, so their own numbers have gaps."""
    numbered = [label for label in used if kind_of(label) != label]
    if not numbered:
        return sections, used
    found = re.compile("|".join(re.escape(label) for label in sorted(numbered, key=len, reverse=True)))
    first: dict[str, None] = {}
    for section in sections:
        for entry in section.clauses:
            for text in (entry.text, *entry.items):
                first.update((m[0], None) for m in found.finditer(text))
    by_kind: dict[str, list[str]] = {}
    for label in [*first, *sorted(set(numbered) - first.keys())]:
        by_kind.setdefault(kind_of(label), []).append(label)
    rename = {label: kind if len(labels) == 1 else f"{kind[:-1]} {k}]"
              for kind, labels in by_kind.items() for k, label in enumerate(labels, 1)}

    def renamed(text: str) -> str:
        return found.sub(lambda m: rename[m[0]], text)

    sections = [
        dataclasses.replace(section, clauses=tuple(
            dataclasses.replace(entry, text=renamed(entry.text), items=tuple(renamed(i) for i in entry.items))
            for entry in section.clauses))
        for section in sections
    ]
    return sections, {rename.get(label, label): names for label, names in used.items()}


@dataclass(frozen=True)
class ModelClause:
    """One numbered entry of the model: a passage, or a list's lead-in with its items."""

    number: str
    text: str  # with the placeholder for the school's name; a list's lead-in when ``items``
    row: str | None  # the first row it states, None for a maintainer's added clause
    schools: tuple[str, ...]
    origin: str  # "shared", "essential", "single" (one school's), "added", "replaced", "chosen"
    items: tuple[str, ...] = ()
    rows: tuple[str, ...] = ()  # every row the entry states
    sources: tuple[str, ...] = ()  # ids of the clauses its wording comes from, in order

    @property
    def full_text(self) -> str:
        return " ".join((self.text, *self.items))


@dataclass(frozen=True)
class ModelSection:
    number: int
    topic: str
    title: str
    clauses: tuple[ModelClause, ...]
    status: str = "merged"  # "merged", "one-school" (from one school: review), "unwritten"
    school: str | None = None  # the school a one-school section comes from


@dataclass(frozen=True)
class FillIn:
    """A blank the school fills in before adopting: what to write, and what the source said."""

    label: str
    meaning: str
    found: tuple[tuple[str, str], ...] = ()  # (school id, the local name it stands for)


@dataclass(frozen=True)
class ModelPolicy:
    title: str
    version: str
    sections: tuple[ModelSection, ...]
    candidates: tuple[Row, ...]  # single-school rows not in the model
    warnings: tuple[str, ...] = ()
    review_months: int = 12
    fill_ins: tuple[FillIn, ...] = ()
    left_out: tuple[tuple[str, str], ...] = ()  # (clause id, why) picked but not standing on its own

    def clauses(self) -> list[ModelClause]:
        return [c for s in self.sections for c in s.clauses]


def load_curation(path: Path | None, shown: str | None = None) -> Curation:
    """Read the curation YAML; a missing file means no curation."""
    if path is None or not path.exists():
        return Curation()
    shown = shown or str(path)
    try:
        data = safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise PolicyError(shown, f"not valid YAML ({getattr(exc, 'problem', exc)})", mark.line + 1 if mark else None) from exc
    if not isinstance(data, dict):
        raise PolicyError(shown, "expected a mapping (essential, choose, replace, drop, add, order)")
    known = {"essential", "choose", "replace", "drop", "add", "order", "title", "version", "review_months"}
    unknown = set(data) - known
    if unknown:
        raise PolicyError(shown, f"unknown key(s): {', '.join(sorted(unknown))}", hint=f"use {', '.join(sorted(known))}")
    adds = []
    for entry in data.get("add") or []:
        if not isinstance(entry, dict) or not entry.get("topic") or not entry.get("text"):
            raise PolicyError(shown, f"add entries need `topic` and `text`: {entry!r}")
        adds.append({k: str(v) for k, v in entry.items()})
    return Curation(
        essential=tuple(str(e) for e in data.get("essential") or ()),
        choose={str(k): str(v) for k, v in (data.get("choose") or {}).items()},
        replace={str(k): str(v) for k, v in (data.get("replace") or {}).items()},
        drop=tuple(str(e) for e in data.get("drop") or ()),
        add=tuple(adds),
        order={str(k): tuple(str(r) for r in v) for k, v in (data.get("order") or {}).items()},
        title=str(data.get("title") or "Social networking policy"),
        version=str(data.get("version") or "1.0"),
        review_months=int(data.get("review_months") or 12),
        source=shown,
    )


def resolve_row(reference: str, alignment: Alignment) -> tuple[Row | None, str]:
    """A row named by its id (or an id it had before another school joined it, see
    :attr:`Row.aliases`) or by ``school: quote`` of one of its clauses."""
    row = alignment.row(reference.strip())
    if row is not None:
        return row, ""
    clause, problem = resolve(reference, alignment.clause_index)
    if clause is None:
        return None, problem.replace("clause id", "row id")
    row_id = alignment.clause_row.get(clause.id)
    return next((r for r in alignment.rows if r.id == row_id), None), ""


def modernise(text: str, terminology: dict[str, str] = DEFAULT_TERMINOLOGY) -> str:
    """Rewrite outdated terms ("Head Teacher" -> "headteacher"), keeping a capital at the start, and
    lower the case of three or more words in capitals."""
    for pattern, replacement in terminology.items():
        def swap(match: re.Match[str], replacement: str = replacement) -> str:
            word = match.group(0)
            if replacement[1:] != replacement[1:].lower():
                return replacement  # a name with its own capitals ("iPad") is written so at a sentence's start too
            return replacement[0].upper() + replacement[1:] if word[:1].isupper() else replacement

        text = re.sub(pattern, swap, text, flags=re.IGNORECASE)
    # words in capitals for emphasis ("BUT ONLY WITHIN THE SAFETY GUIDELINES") read as shouting
    return _SHOUTING.sub(lambda m: m.group(0).lower(), text)


# where a list or section is a pledge or a form ("Pupils' agreement", "I confirm that I have read ..."),
# its first person is the signer's, and stands in a model as it stands in a school's policy
_PLEDGE = re.compile(r"\b(?:agree|agreement|agreements|promise|pledge|charter|declaration|confirm|contract|signed|sign)\b|^I will:?$",
                     re.IGNORECASE)
ONE_VOICE = "it speaks as one person (\"I\", \"me\"), as its author wrote it; a model speaks for the school: say which role, and add it back in curation"


def speaks_as_one(clause: Clause) -> bool:
    """Whether a clause speaks as its author ("Tell me or a deputy DSL straight away") rather than as
    the school; not a pledge's or a form's first person (see ``_PLEDGE``)."""
    if not in_one_voice(clause.text):
        return False
    context = [clause.lead_in or "", *(clause.section[-1:] if clause.section else ())]
    return not any(_PLEDGE.search(text.strip()) for text in context if text)


def best_variant(row: Row, alignment: Alignment, excluded: frozenset[str]) -> Clause | None:
    """The wording that reads best on its own; ``None`` if every variant is excluded.

    A whole sentence beats a fragment (a new school's list fragment never replaces a fuller
    wording), one that stands alone beats one that points back, then the fuller and the one
    in current terminology; the row's reference breaks near-ties.
    """
    variants = [alignment.clause(cid) for ids in row.clauses.values() for cid in ids if cid not in excluded]
    if not variants:
        return None

    def score(clause: Clause) -> tuple[bool, bool, bool, float, str]:
        words = len(clause.normalised.split())
        outdated = sum(1 for p in DISPREFERRED if re.search(p, clause.text, re.IGNORECASE))
        return (is_fragment(clause.text) and clause.kind != "item", speaks_as_one(clause), opens_pointing_back(clause.text),
                -(min(words, 40) / 10 - outdated), clause.id)

    return min(variants, key=score)


def merge(alignment: Alignment, curation: Curation = Curation(), threshold: int = 2, placeholder: str = "[School name]",
          register: Register | None = None, trust: str | None = None) -> ModelPolicy:
    """Build the model policy: a section per topic any school covers, the named topics always.

    ``trust``: the trust's name, which a school's own name for its trust ("part of the Calderbrook
    Learning Trust") becomes; without it, a ``[Trust name]`` fill-in.

    Titles of Acts and guidance are written as ``register`` (the legislation register; the
    packaged one by default) writes them, where a source differs only in case.

    A topic whose rows no two schools share enters as one school's passages (marked for
    review); a named topic nobody covers is a section still to be written. ``other`` is
    never included.
    """
    warnings: list[str] = []
    patterns = {p.id: school_pattern(p.names) for p in alignment.policies}
    # a school that is an academy or a college calls itself so ("the academy will inform the
    # police"); in a model for every school of the trust it is "the school"
    selves = {p.id: _self_reference(p.names) for p in alignment.policies}
    head = _heads_title(alignment)

    def rows_named(references: tuple[str, ...] | list[str], kind: str) -> list[Row]:
        found = []
        for reference in references:
            row, problem = resolve_row(reference, alignment)
            if row is None:
                warnings.append(f"{curation.source}: curation `{kind}: {reference}` {problem or 'matches no row'}")
            else:
                found.append(row)
        return found

    essential = {r.id for r in rows_named(curation.essential, "essential")}
    dropped = {r.id for r in rows_named(curation.drop, "drop")}
    chosen = {}
    for reference, school in curation.choose.items():
        rows = rows_named([reference], "choose")
        if rows and school not in rows[0].clauses:
            warnings.append(f"{curation.source}: curation `choose: {reference}` names school {school!r}, which has no clause in that row")
        elif rows:
            chosen[rows[0].id] = school
    replaced = {}
    for reference, text in curation.replace.items():
        rows = rows_named([reference], "replace")
        if rows:
            replaced[rows[0].id] = text
    order = {topic: [r.id for r in rows_named(list(refs), "order")] for topic, refs in curation.order.items()}
    topic_ids = {t.id for t in alignment.topics}
    for entry in curation.add:
        if entry["topic"] not in topic_ids:
            warnings.append(f"{curation.source}: curation `add` names unknown topic {entry['topic']!r}")

    # a maintainer's wording stands in for every clause of its row (a list's lead-in included)
    rewritten = {cid: replaced[rid] for cid, rid in alignment.clause_row.items() if rid in replaced}
    sequences = {p.id: list(p.clauses) for p in alignment.policies}
    # "This Act ..." opening a section names the Act its heading gives, when it starts a passage
    titles = register or load_register()

    def act_title(heading: str) -> str | None:
        return heading_title(heading, titles)

    named = {c.id: naming for seq in sequences.values() for c in seq
             if (naming := named_from_heading(c, seq[c.order - 1] if c.order else None, act_title)
                 or under_heading(c, seq[c.order - 1] if c.order else None, act_title))}
    # "... under this act" anywhere else in a section under an Act's heading names it too
    inner = {c.id: naming for seq in sequences.values() for c in seq if (naming := naming_this_act(c, act_title))}
    # a table's row reads as a sentence with its header's words, not as cells between bars
    for seq in sequences.values():
        for at, sentence in table_rows([c.text for c in seq]).items():
            inner.setdefault(seq[at].id, sentence)
    lead_key = _lead_in_keys(alignment, patterns, placeholder)
    laws_described: dict[tuple[str, ...], Instrument | None] = {}  # by section: a long policy's clauses share a few

    def described(section: tuple[str, ...]) -> Instrument | None:
        if section not in laws_described:
            laws_described[section] = described_law(section, titles)
        return laws_described[section]

    def stale_law(passage: Passage) -> Instrument | None:
        """The repealed or replaced law every clause of ``passage`` sits under a heading of, if any."""
        found = {described(c.section) for c in passage.clauses}
        return next(iter(found)) if len(found) == 1 else None

    row_by_id = {r.id: r for r in alignment.rows}
    excluded = alignment.excluded
    plans: list[tuple[Topic, list[Passage], str, str | None]] = []
    candidates: list[Row] = []
    left_out: list[tuple[str, str]] = []
    selected: list[tuple[Topic, list[Row], list[Row], str, str | None]] = []  # topic, rows, entering, status, carrier
    for topic in alignment.topics:
        if topic.off_topic:
            continue
        rows = [r for r in alignment.rows_for(topic.id) if r.id not in dropped and not _lead_in_only(r, alignment)]
        entering = [r for r in rows if len(r.clauses) >= threshold or r.id in essential]
        status, single = "merged", None
        main = _main_school(rows, alignment, excluded)
        # the school that says most on the topic carries the section: its own rules stand beside
        # the shared ones, in its order, so the section reads as its prose does; and a school
        # joining the trust adds to the section (or, covering the topic more fully, carries it)
        # instead of emptying it of rules nobody else happened to state
        single = main
        entered = {r.id for r in entering}  # by id, not by scanning the list: a long policy's topic has thousands
        if single is not None:
            status = "merged" if entering else "one-school"
            entering += [r for r in rows if single in r.clauses and r.id not in entered]
        selected.append((topic, rows, entering, status, single))
    # a carrier's list keeps the items that classification put in other topics where nothing
    # takes them in: its list reads whole, and they are not left as candidates elsewhere
    completing = _complete_lists(selected, alignment, sequences, excluded)
    pulled = {row_id for additions in completing.values() for _clause, row_id in additions}
    for topic, rows, entering, status, single in selected:
        entered = {r.id for r in entering}
        candidates.extend(r for r in rows if r.id not in entered and r.id not in pulled)
        listed = _cohesive_lists(entering, alignment, excluded, threshold, lambda c: not law_to_update(c.text, titles))
        picked: list[tuple[Clause, str, str]] = []
        for row in entering:
            if single is not None and len(row.clauses) < threshold and row.id not in essential:
                variants = [alignment.clause(cid) for cid in row.clauses[single] if cid not in excluded]
                picked.extend((clause, row.id, "single") for clause in variants)
                continue
            if row.id in chosen:
                clause, origin = alignment.clause(row.clauses[chosen[row.id]][0]), "chosen"
            elif row.id in listed:
                clause, origin = listed[row.id], "shared"
            else:
                variant = best_variant(row, alignment, excluded)
                if variant is None:
                    continue
                clause, origin = variant, ("shared" if len(row.clauses) >= threshold else "essential")
            picked.append((clause, row.id, "replaced" if row.id in replaced else origin))
        picked.extend((clause, row_id, "single") for clause, row_id in completing.get(topic.id, []))
        built = build(picked, alignment, sequences, lead_key, frozenset(rewritten))
        built = [part for whole in built for part in split_off_sentences(whole, alignment.clause_row)]
        kept = []
        for passage in built:
            law = stale_law(passage)
            if law is not None:
                # a description of law since repealed or replaced ("The Act states that personal data must
                # be: ..." under "Data protection act 1998") is no rule to adopt: the appendix gives the law in force
                left_out.extend((c.id, f"it describes the {law.title}, which is {law.status.replace('-', ' ')}; "
                                       "the appendix gives the law in force") for c in passage.clauses)
                continue
            if is_form_line(" ".join(c.text for c in passage.clauses)):
                # a sign-off form's line ("Chair of Governors Signed: ______ Date: ..."), its lead-in and items alike
                left_out.extend((c.id, "a line of a form to fill in, not a rule") for c in passage.clauses)
                continue
            if passage.lead_in is not None and speaks_as_one(passage.lead_in):
                # a list its author introduces as one person ("I will then:"): none of it stands alone
                left_out.extend((c.id, ONE_VOICE) for c in passage.clauses)
                continue
            if passage.is_list:
                voiced = [item for item in passage.items if any(speaks_as_one(c) for c in item)]
                left_out.extend((c.id, ONE_VOICE) for item in voiced for c in item)
                passage.items = [item for item in passage.items if item not in voiced]
                if not passage.items:
                    # nothing left under its lead-in: the lead-in announces what does not follow
                    left_out.extend((c.id, "it announces what does not follow") for c in [passage.lead_in, *passage.sentences] if c)
                    continue
            standing = [c for c in passage.sentences if not is_fragment(c.text)] if not passage.is_list else passage.sentences
            voiced_ids = {c.id for c in standing if not passage.is_list and speaks_as_one(c)}
            left_out.extend((c.id, ONE_VOICE) for c in standing if c.id in voiced_ids)
            standing = [c for c in standing if c.id not in voiced_ids]
            if standing and standing != passage.sentences and leans_back(named.get(standing[0].id, standing[0].text)):
                standing = []  # what is left leans on the fragment: the passage cannot stand
            while len(standing) > 1 and not passage.is_list and is_aside(standing[0].text) and leans_back(standing[0].text):
                # "(Typically, teachers ... fall in this category of trust)." opening a passage: what it
                # is an aside to is said elsewhere in the model; the rest stands without it
                left_out.append((standing.pop(0).id, "an aside to a sentence said elsewhere"))
            left_out.extend((c.id, "a fragment") for c in passage.sentences if c not in standing and c.id not in voiced_ids)
            while standing and not passage.is_list and standing[-1].text.replace("**", "").rstrip().endswith("?"):
                # a question of a school's questions and answers whose answer went to another part of the model
                # (or nowhere): asked alone, it is no rule ("What do I do?")
                left_out.append((standing.pop().id, "a question whose answer is not beside it"))
            while standing and not passage.is_list and announces_what_follows(standing[-1].text):
                # "While the list below is not exhaustive, ..." with no list after it in the model
                left_out.append((standing.pop().id, "it announces what does not follow"))
            if passage.sentences and not standing:
                continue
            passage.sentences = standing
            kept.append(passage)
        ordered = order_passages(kept, alignment)
        if topic.id in order:
            rank = {rid: i for i, rid in enumerate(order[topic.id])}
            ordered.sort(key=lambda p: min((rank.get(r, len(rank)) for r in p.rows), default=len(rank)))
        for entry in curation.add:
            if entry["topic"] == topic.id:
                ordered.append(Passage(school="", origin="added", wording=entry["text"], anchor=entry.get("after")))
        plans.append((topic, ordered, status, single))

    gather_lists([passages for _, passages, _, _ in plans],
                 keep={i for i, (topic, _, _, _) in enumerate(plans) if topic.id in REQUIRED_TOPICS})
    for _, passages, _, _ in plans:  # a list inside a list, once lists split across topics are whole again
        passages[:] = [part for whole in passages for nested in split_nested(whole, alignment.clause_row)
                       for part in ([nested] if nested is whole else split_off_sentences(nested, alignment.clause_row))]
    drop_near_duplicates([p for _, passages, _, _ in plans for p in passages], alignment, named,
                         [topic.id for topic, passages, _, _ in plans for _ in passages])
    names = local_names(alignment)
    used: dict[str, dict[tuple[str, str], None]] = {}

    def wording(text: str, school: str) -> str:
        text = with_stale_notes(with_register_titles(modernise(with_placeholder(text, patterns.get(school), placeholder)), titles), titles) if school else text
        if school and selves.get(school) is not None:
            text = selves[school].sub(_as_school, text)
        text = _our_appendix(text)
        if school:
            text = _as_head(text, head)
            text, described = _self_description(text, placeholder)
            for description in described:
                used.setdefault(DESCRIPTION, {})[(school, description)] = None
            text, trusts = _our_trust(text, trust)
            for name in trusts:
                used.setdefault(TRUST_NAME, {})[(school, name)] = None
        text, replaced_names = replace_local(text, names)
        for local in replaced_names:
            used.setdefault(local.label, {})[(local.school, local.name)] = None
        return text

    sections: list[ModelSection] = []
    for topic, passages, status, single in plans:
        entries: list[ModelClause] = []
        for passage in passages:
            if passage.wording is None and not passage.sentences and not passage.items:
                continue  # said by a fuller passage elsewhere
            if passage.origin == "added" and passage.anchor:
                after, problem = resolve_row(passage.anchor, alignment)
                position = next((i + 1 for i, e in enumerate(entries) if after is not None and after.id in e.rows), None)
                if position is None:
                    warnings.append(f"{curation.source}: curation `add ... after: {passage.anchor}` {problem or 'is not in the model'}")
                    position = len(entries)
            else:
                position = len(entries)
            entries.insert(position, _entry(passage, wording, row_by_id, rewritten, named, inner))
        if not entries and topic.id not in REQUIRED_TOPICS:
            continue
        number = len(sections) + 1
        numbered = tuple(dataclasses.replace(e, number=f"{number}.{i}") for i, e in enumerate(entries, 1))
        sections.append(ModelSection(number=number, topic=topic.id, title=topic.title, clauses=numbered,
                                     status=status if entries else "unwritten", school=single))
    sections = _cross_referenced(sections, alignment, used)
    sections, used = _number_blanks(sections, used)
    # a known blank that curation's own wording uses ("shared on [Messaging service for parents]") is one to fill in too
    said = [text for section in sections for entry in section.clauses for text in (entry.text, *entry.items)]
    for label in FILL_IN_MEANINGS:
        if label not in used and any(label in text for text in said):
            used[label] = {}
    fill_ins = [FillIn(placeholder, SCHOOL_NAME_MEANING)]
    fill_ins += [FillIn(label, FILL_IN_MEANINGS.get(kind_of(label), "the local name the source used"), _distinct_names(found))
                 for label, found in sorted(used.items())]
    return ModelPolicy(
        title=curation.title,
        version=curation.version,
        sections=tuple(sections),
        candidates=tuple(candidates),
        warnings=tuple(warnings),
        review_months=curation.review_months,
        fill_ins=tuple(fill_ins),
        left_out=tuple(left_out),
    )


def _cross_referenced(sections: list[ModelSection], alignment: Alignment,
                      used: dict[str, dict[tuple[str, str], None]]) -> list[ModelSection]:
    """Each entry with a source's reference to its own paragraphs, sections or appendices ("paragraph
    10.6", "see section 9", "listed in the appendix") written in the model's numbering; one the model cannot place is a blank,
    recorded in ``used`` with what the source said."""
    numberings = {p.id: crossrefs.numbering(p.clauses) for p in alignment.policies}
    where = {cid: (section.number, entry.number) for section in sections for entry in section.clauses for cid in entry.sources}
    items = {entry.number: entry.items for section in sections for entry in section.clauses}
    clauses = alignment.clause_index
    section_of_topic = {section.topic: section.number for section in sections}
    by_topic = {cid: section_of_topic[topic] for cid, topic in alignment.clause_topic.items() if topic in section_of_topic}

    def fixed(text: str, entry: ModelClause) -> str:
        if not crossrefs.mentions(text):
            return text
        school = next((alignment.clause(cid).school for cid in entry.sources
                       if crossrefs.mentions(alignment.clause(cid).text)), None)
        if school is None:
            return text  # a maintainer's own wording: their numbers are the model's
        text, unresolved = crossrefs.renumber(text, school, numberings, where, clauses, items, by_topic)
        for original in unresolved:
            used.setdefault(crossrefs.BLANK, {})[(school, original)] = None
        return text

    return [dataclasses.replace(section, clauses=tuple(
        dataclasses.replace(entry, text=fixed(entry.text, entry), items=tuple(fixed(item, entry) for item in entry.items))
        for entry in section.clauses)) for section in sections]


def _complete_lists(selected: list[tuple[Topic, list[Row], list[Row], str, str | None]], alignment: Alignment,
                    sequences: dict[str, list[Clause]], excluded: frozenset[str]) -> dict[str, list[tuple[Clause, str]]]:
    """For each section, the items of its carrier's lists that sit in rows no section takes in
    (each with its row): "Students are expected to:" with the two items classification filed
    under other topics, so that the list enters whole."""
    entering = {r.id for _topic, _rows, rows, _status, _single in selected for r in rows}
    topic_of = {r.id: r.topic for r in alignment.rows}
    completing: dict[str, list[tuple[Clause, str]]] = {}
    taken: set[str] = set()
    for topic, _rows, rows, _status, single in selected:
        if single is None:
            continue
        sequence = sequences[single]
        seen: set[str] = set()  # items of the lists already read
        for row in rows:
            for cid in row.clauses.get(single, ()):
                clause = alignment.clause(cid)
                if clause.kind != "item" or clause.lead_in is None or cid in seen:
                    continue
                lead, items = list_of(clause, sequence)
                seen.update(c.id for item in items for c in item)
                if lead is None:
                    continue
                # a list is completed in its lead-in's section only, where the list itself enters
                lead_row = alignment.clause_row.get(lead.id)
                if lead_row is None or topic_of.get(lead_row) != topic.id:
                    continue
                for sibling in (c for item in items for c in item):
                    row_id = alignment.clause_row.get(sibling.id)
                    if row_id is None or row_id in entering or row_id in taken or sibling.id in excluded:
                        continue
                    completing.setdefault(topic.id, []).append((sibling, row_id))
                    taken.add(row_id)
    return completing


def _cohesive_lists(entering: list[Row], alignment: Alignment, excluded: frozenset[str], threshold: int,
                    acceptable: Callable[[Clause], bool] = lambda clause: True) -> dict[str, Clause]:
    """Shared rows that should take one school's list item as their wording, so that its list
    reads whole: where two or more entering rows hold items of one school's list (a lead-in
    and its items), each of those rows is worded by that list's item, not by another school's
    sentence that the row's best wording would be. The longest such list claims a row first;
    an item that is not ``acceptable`` (it cites repealed law, say) claims none.
    """
    lists: dict[tuple[str, str], dict[str, Clause]] = defaultdict(dict)  # (school, lead-in) -> row id -> item
    for row in entering:
        for school, ids in row.clauses.items():
            for cid in ids:
                clause = alignment.clause(cid)
                if clause.kind == "item" and clause.lead_in and cid not in excluded:
                    lists[(school, clause.lead_in)].setdefault(row.id, clause)
    # a list of one entering row claims nothing: only the others' items are read for acceptance
    lists = {key: kept for key, items in lists.items() if len(items) >= 2
             and len(kept := {rid: item for rid, item in items.items() if acceptable(item)}) >= 2}
    schools_in = {row.id: len(row.clauses) for row in entering}
    claimed: dict[str, Clause] = {}
    for _key, items in sorted(lists.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        shared = {rid: item for rid, item in items.items() if rid not in claimed}
        if len(shared) >= 2 and any(schools_in[rid] >= threshold for rid in shared):
            claimed.update(shared)
    return claimed


# "the relevant legislation listed at appendix A": a source's appendix, not the model's
_APPENDIX_REF = re.compile(r"\b(?:at|in)\s+appendix\s+(?:[A-Z]|\d+|[IVX]+)\b(?!\s*[-\u2013.]\d)", re.IGNORECASE)


def _our_appendix(text: str) -> str:
    """A reference to a source's lettered appendix of law as one to the model's own appendix of
    legislation and guidance ("... listed at appendix A" -> "... listed in the appendix")."""
    if not re.search(r"\b(?:legislation|law|laws|acts?|guidance)\b", text, re.IGNORECASE):
        return text
    return _APPENDIX_REF.sub("in the appendix", text)


# what a school calls its head: a headteacher, or (an academy's or college's) a principal, with
# their deputies and assistants
_HEADTEACHER = re.compile(r"\b(?P<rank>(?:[Dd]eputy|[Aa]ssistant|[Vv]ice|[Ee]xecutive)[ -])?[Hh]ead[ -]?[Tt]eacher(?P<plural>s)?\b")
_PRINCIPAL = re.compile(r"\b(?P<rank>(?:[Dd]eputy|[Aa]ssistant|[Vv]ice|[Ee]xecutive)[ -])?Principal(?P<plural>s)?\b"
                        r"(?!\s+(?:aim|aims|purpose|reason|means|source|concern|legislation|Act)\b)")
_RANK = {"vice": "Deputy", "deputy": "Deputy", "assistant": "Assistant", "executive": "Executive"}


def _heads_title(alignment: Alignment) -> str:
    """The title most of the trust's schools give their head ("headteacher" or "principal"): the
    model calls every school's head by it, as one document does."""
    votes = Counter()
    for policy in alignment.policies:
        text = " ".join(c.text for c in policy.clauses)
        heads, principals = len(_HEADTEACHER.findall(text)), len(_PRINCIPAL.findall(text))
        if heads or principals:
            votes["principal" if principals > heads else "headteacher"] += 1
    return "principal" if votes["principal"] > votes["headteacher"] else "headteacher"


def _as_head(text: str, title: str) -> str:
    """``text`` with the other title of a head (and of their deputy or assistant) as ``title``."""
    other, word = (_PRINCIPAL, "Headteacher") if title == "headteacher" else (_HEADTEACHER, "Principal")

    def swap(match: re.Match[str]) -> str:
        rank = match["rank"]
        if rank:
            new = f"{_RANK[rank.strip(' -').lower()]} {word}"
            if title == "principal" and rank.strip(" -").lower() == "deputy":
                new = "Vice Principal"
        else:
            first = match[0][:1]
            new = word if first.isupper() else word.lower()
        return new + (match["plural"] or "")

    return other.sub(swap, text)


DESCRIPTION = "[Description of the school]"
_KIND_OF_SCHOOL = re.compile(r"\b(?:school|academy|college|community|primary|secondary|infant|junior|sixth form|nursery"
                             r"|\d{1,2}\s*[-–]\s*\d{1,2})\b", re.IGNORECASE)


def _self_description(text: str, placeholder: str) -> tuple[str, list[str]]:
    """``text`` with how one school describes itself ("[School name] is an 11-18 academy with a Sixth
    Form", "... a one-form-entry community primary school serving children from Nursery to Year 6")
    as a fill-in: each school of the trust is its own kind of school. Returns the descriptions."""
    found: list[str] = []
    # who maintains it or which trust it belongs to is part of the description (", maintained by
    # Harrowdene Borough Council", ", part of the Calderbrook Learning Trust"): the trust's schools differ
    pattern = re.compile(rf"({re.escape(placeholder)}(?:\s*\([^)]*\))?\s+is\s+)(an?\s+.*?"
                         r"(?:,\s+(?:maintained|run|funded) by\s+[^.;,]+)?)(?=\s+and\s+(?:is|has|we)\b|[.;,](?:\s|$)|$)")

    def swap(match: re.Match[str]) -> str:
        if not _KIND_OF_SCHOOL.search(match[2]):
            return match[0]
        found.append(match[2])
        return match[1] + DESCRIPTION

    return pattern.sub(swap, text), found


TRUST_NAME = "[Trust name]"
# a school's name for its own trust ("the Calderbrook Learning Trust", "Northern Multi Academy Trust"):
# capitalised words before "Trust", not an NHS or a foundation trust, nor "The Trust" alone
_TRUST = re.compile(
    r"\b(?!(?:The|This|Our|A|An|Each|Every|Any|Its|Their)\s)(?:[A-Z][\w'’&-]*\s+){1,5}Trust\b"
    r"(?<!NHS Trust)(?<!Foundation Trust)(?<!Health Trust)"
)


def _our_trust(text: str, trust: str | None) -> tuple[str, list[str]]:
    """``text`` with a school's own trust named as the model's ``trust`` (or the fill-in), and the names it had."""
    found: list[str] = []

    def swap(match: re.Match[str]) -> str:
        found.append(match[0])
        return trust if trust else TRUST_NAME

    return _TRUST.sub(swap, text), found


def _self_reference(names: Iterable[str]) -> re.Pattern[str] | None:
    """How a school that is not called a school names itself: "the Academy", "this college",
    "academy devices" (a capitalised "Academy" only after an article: it may start another's name)."""
    kinds = sorted({kind for name in names for kind in ("academy", "college") if re.search(rf"\b{kind}\b", name, re.IGNORECASE)})
    if not kinds:
        return None
    either = "|".join(f"[{k[0]}{k[0].upper()}]{k[1:]}" for k in kinds)
    # ... or a capitalised "Academy" before a word in lower case ("Academy premises", "Academy-owned")
    capital = "|".join(k.capitalize() for k in kinds)
    return re.compile(rf"\b(?:(?P<article>[Tt]he|[Tt]his|[Oo]ur)\s+(?P<kind>{either})|(?P<bare>{'|'.join(kinds)})"
                      rf"|(?<![Tt]he )(?<![Tt]his )(?<![Oo]ur )(?P<attributive>{capital})(?=[ -][a-z]))\b(?!\s+[Tt]rust)")


def _as_school(match: re.Match[str]) -> str:
    if match.group("attributive"):
        before = match.string[: match.start()].rstrip()
        if re.search(r"[^\s.:!?]\s+[A-Z][\w'’]*$", before):
            return match[0]  # the end of a name: "the Oak National Academy lessons"
        return "School" if not before or before.endswith((".", ":", "!", "?")) else "school"
    if match.group("bare"):
        return "school"
    return match.group("article") + (" School" if match.group("kind")[0].isupper() else " school")


def _distinct_names(found: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """(school, name) pairs, each school's name once however it was spaced or cased ("Class Dojo", "ClassDojo")."""
    seen: dict[tuple[str, str], tuple[str, str]] = {}
    for school, name in found:
        seen.setdefault((school, re.sub(r"\W+", "", name).casefold()), (school, name))
    return tuple(seen.values())


def _lead_in_only(row: Row, alignment: Alignment) -> bool:
    """A row of list lead-ins alone: a lead-in reads with its items instead."""
    return all(alignment.clause(cid).kind == "lead-in" for ids in row.clauses.values() for cid in ids)


def _main_school(rows: list[Row], alignment: Alignment, excluded: frozenset[str]) -> str | None:
    """The school with the most clauses in these rows (the first by id on a tie)."""
    counts: dict[str, int] = {}
    for row in rows:
        for school, ids in row.clauses.items():
            counts[school] = counts.get(school, 0) + sum(1 for cid in ids if cid not in excluded)
    counts = {s: n for s, n in counts.items() if n}
    return min(counts, key=lambda s: (-counts[s], s)) if counts else None


def _lead_in_keys(alignment: Alignment, patterns: dict[str, re.Pattern[str] | None], placeholder: str) -> dict[str, str]:
    """Lead-in clause id -> one key per list: lead-ins in one row, or worded the same, share it."""
    keys: dict[str, str] = {}
    by_text: dict[str, str] = {}
    for policy in alignment.policies:
        for clause in policy.clauses:
            if clause.kind != "lead-in":
                continue
            wording = drop_connective(with_placeholder(clause.text, patterns.get(clause.school), placeholder))
            text_key = re.sub(r"\b(?:also|all|both)\b|\W", "", wording.lower())
            key = by_text.get(text_key) or alignment.clause_row.get(clause.id) or clause.id
            by_text.setdefault(text_key, key)
            keys[clause.id] = key
    return keys


def _same_case(items: tuple[str, ...]) -> tuple[str, ...]:
    """Items merged from several lists start as the first one does (capital or not)."""
    if not items:
        return items
    upper = items[0][:1].isupper()

    def fix(item: str) -> str:
        if item[:2].isupper():  # "IT policy", "ICT": an acronym keeps its capitals
            return item
        return (item[:1].upper() if upper else item[:1].lower()) + item[1:]

    return tuple(fix(item) for item in items)


# a lead-in that stops at its verb ("Staff should:", "... must not:", "ensure that they:") goes on
# with its one item as one clause; any other ("... include:") keeps its colon
_VERB_STEM = re.compile(r"\b(?:should|must|shall|will|may|can|cannot|not|never|to|they|we|you|always|also)\s*:$", re.IGNORECASE)


def _one_sentence(lead: str, item: str) -> str:
    """A lead-in and its only item as one sentence, ending with a full stop."""
    item = item.strip()
    if _VERB_STEM.search(lead):
        lead = lead[:-1].rstrip()
        if not item[:2].isupper():  # an acronym keeps its capitals
            item = item[:1].lower() + item[1:]
    if item and item[-1] not in ".!?\u201d\"'":
        item = item.rstrip(",;") + "."
    return f"{lead} {item}"


def _entry(passage: Passage, wording: Callable[[str, str], str], rows: dict[str, Row],
           replaced_clauses: dict[str, str], named: dict[str, str], inner: dict[str, str] | None = None) -> ModelClause:
    """A passage as a numbered entry (the number is set when the section is numbered).

    ``replaced_clauses``: clause id -> a maintainer's wording to show instead; ``named``: clause
    id -> its wording with "This Act" naming its heading, used when the clause opens the entry;
    ``inner``: clause id -> its wording with a "this Act" inside it named, used elsewhere.
    """
    # the entry's own row (its first clause's) first: the provenance link goes there
    first = next((rid for c in passage.clauses for rid in passage.rows if rid in rows and c.id in rows[rid].clauses.get(c.school, ())), None)
    row_ids = tuple(sorted(passage.rows, key=lambda rid: (rid != first, rid)))
    schools = tuple(sorted({s for rid in row_ids if rid in rows for s in rows[rid].clauses}))
    if passage.wording is not None:
        return ModelClause(number="", text=passage.wording, row=row_ids[0] if row_ids else None, schools=schools,
                           origin=passage.origin, rows=row_ids)
    sources = tuple(c.id for c in passage.clauses)
    origin = "replaced" if any(c in replaced_clauses for c in sources) else passage.origin
    if origin == "single" and len(schools) > 1:
        origin = "shared"  # a sentence it brought along is shared: not "from one school"

    opening = (passage.sentences or [passage.lead_in] if passage.lead_in else passage.sentences)[:1]

    def say(clause: Clause) -> str:
        if clause.id in replaced_clauses:
            return replaced_clauses[clause.id]
        if clause in opening and clause.id in named:
            return named[clause.id]
        return (inner or {}).get(clause.id, clause.text)

    if passage.is_list:
        assert passage.lead_in is not None
        sort_items(passage)
        lead = wording(drop_connective(" ".join(say(c) for c in [*passage.sentences, passage.lead_in])), passage.school)
        if passage.lead_in.id not in replaced_clauses:
            lead = _ALSO.sub("", lead, count=1)  # "are also not acceptable:" once no list comes before it
            lead = re.sub(r":\s*[-\u2013\u2014]\s*$", ":", lead)  # "they: -": the dash was the first bullet
        items = _same_case(tuple(wording(" ".join(say(c) for c in item), item[0].school) for item in passage.items))
        if len(items) == 1 and lead.endswith(":"):
            # a list of one reads as one sentence ("Staff should: - keep ..." -> "Staff should keep ...")
            return ModelClause(number="", text=_one_sentence(lead, items[0]), row=row_ids[0] if row_ids else None,
                               schools=schools, origin=origin, rows=row_ids, sources=sources)
        return ModelClause(number="", text=lead, row=row_ids[0] if row_ids else None, schools=schools,
                           origin=origin, items=items, rows=row_ids, sources=sources)
    text = wording(drop_connective(" ".join(say(c) for c in passage.sentences)), passage.school)
    if re.search(r"[\w)\]\u2019\u201d\"']$", text) and not re.search(r"[.!?:;][\u2019\u201d\"')\]]*$", text) and " | " not in text:
        text += "."  # a sentence its school left without its full stop ("... Acceptable Use of ICT and Communications Systems")
    return ModelClause(number="", text=text, row=row_ids[0] if row_ids else None, schools=schools,
                       origin=origin, rows=row_ids, sources=sources)


def fill_school(text: str, school: str, placeholder: str = "[School name]") -> str:
    """The model's wording with one school's name filled in."""
    return text.replace(placeholder, school)


def gaps(model: ModelPolicy, alignment: Alignment, school_id: str) -> tuple[list[ModelClause], list[Clause]]:
    """Model clauses the school does not cover, and the school's clauses the model does not keep."""
    in_model = {r for c in model.clauses() for r in c.rows}
    missing = [c for c in model.clauses() if c.rows and school_id not in c.schools]
    policy = next(p for p in alignment.policies if p.id == school_id)
    off = alignment.off_topic_ids
    kept = {c.id for c in policy.clauses if alignment.clause_row.get(c.id) in in_model}
    # a list's lead-in is kept when any of its items is: the model says it once, above them
    kept |= {c.lead_in_id for c in _lead_ins(policy.clauses) if c.item_ids & kept}
    not_kept = [c for c in policy.clauses if c.id not in kept and alignment.clause_topic.get(c.id) not in off]
    return missing, not_kept


@dataclass(frozen=True)
class _LeadIn:
    lead_in_id: str
    item_ids: frozenset[str]


def _lead_ins(clauses: tuple[Clause, ...]) -> list[_LeadIn]:
    """Each lead-in of a school's policy with the ids of the items that follow it."""
    found = []
    for position, clause in enumerate(clauses):
        if clause.kind != "lead-in":
            continue
        items = []
        for after in clauses[position + 1:]:
            if after.kind != "item" or after.lead_in != clause.text:
                break
            items.append(after.id)
        found.append(_LeadIn(clause.id, frozenset(items)))
    return found
