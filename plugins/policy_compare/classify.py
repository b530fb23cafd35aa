"""Classify: give every clause one topic (and a close second as a candidate for rows).

Topics come from weighted terms in the clause's own words and in its headings, backed by
TF-IDF similarity to the topic's description and examples (word rarity counted in the clause's own
policy, so that one school joining the trust never moves another's clause). This stage knows nothing of rows
or of maintainers' overrides (the pipeline applies those next). No MkDocs import; deterministic.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from .errors import PolicyError
from .model import AlignSettings, Clause, Topic
from .normalise import Rules
from .safe_yaml import safe_load
from .tokens import analyse as _analyse
from .vectors import Tfidf

OFF_TOPIC_FALLBACK = "other"
REQUIRED_TOPICS = ("mobile-phones", "cyberbullying", "inappropriate-images", "legislation")


def load_topics(path: Path) -> tuple[Topic, ...]:
    """Read the topic taxonomy YAML; raises ``PolicyError`` naming the file and entry."""
    shown = str(path)
    try:
        data = safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError as exc:
        raise PolicyError(shown, "topic file not found", hint="set `topics:` in mkdocs.yml to an existing file") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise PolicyError(shown, f"not valid YAML ({getattr(exc, 'problem', exc)})", mark.line + 1 if mark else None) from exc
    entries = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise PolicyError(shown, "expected a `topics:` list")
    topics: list[Topic] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("title"):
            raise PolicyError(shown, f"topic {index} needs at least `id` and `title`")
        topic_id = str(entry["id"])
        if topic_id in seen:
            raise PolicyError(shown, f"topic id {topic_id!r} is used twice")
        seen.add(topic_id)
        topics.append(
            Topic(
                id=topic_id,
                title=str(entry["title"]),
                description=str(entry.get("description", "")),
                order=int(entry.get("order", index)),
                terms=tuple(str(t) for t in entry.get("terms") or ()),
                headings=tuple(str(h) for h in entry.get("headings") or ()),
                examples=tuple(str(e) for e in entry.get("examples") or ()),
                off_topic=bool(entry.get("off_topic", False)),
            )
        )
    missing = [t for t in (*REQUIRED_TOPICS, OFF_TOPIC_FALLBACK) if t not in seen]
    if missing:
        raise PolicyError(shown, f"missing required topic ids: {', '.join(missing)}")
    return tuple(sorted(topics, key=lambda t: (t.order, t.id)))


# --- topic classification -------------------------------------------------------------

@dataclass(frozen=True)
class _Term:
    pattern: re.Pattern[str]
    weight: float
    literal: str  # a plain substring every match contains: a cheap test before the regex


def _term(spec: str) -> _Term:
    text, _, weight = spec.rpartition(":") if re.search(r":\s*[0-9.]+\s*$", spec) else (spec, "", "")
    phrase = text.strip().lower()
    leading_space = text.startswith(" ")
    words = phrase.split()
    body = r"\s+".join(re.escape(w) for w in words)
    # plurals and possessives: "phone" also matches "phones" and "phone's"
    if not re.search(r"[0-9]$", phrase) and phrase[-1:].isalpha():
        body += r"(?:s|es|'s|s')?"
    prefix = r"(?<![\w-])" if not leading_space else r"\s"
    # a term ending in digits is a prefix ("act 19" matches "act 1990"); words end at a word boundary
    suffix = r"(?![\w-])" if phrase[-1:].isalpha() or phrase[-1:] in "'" else ""
    literal = max(words, key=len) if words else phrase
    return _Term(re.compile(prefix + body + suffix), float(weight) if weight else float(len(words)), literal)


def _terms(specs: Iterable[str]) -> tuple[_Term, ...]:
    return tuple(_term(s) for s in specs if s.strip())


def _term_score(text: str, terms: Sequence[_Term]) -> float:
    """Sum of the weights of the terms found, each stretch of text counted once.

    Longer and heavier terms claim their span first, so "mobile phones" does not also
    count as "phones".
    """
    found: list[tuple[int, int, float]] = []
    for term in terms:
        if term.literal not in text:
            continue
        for match in term.pattern.finditer(text):
            found.append((match.start(), match.end(), term.weight))
            break
    taken: list[tuple[int, int]] = []
    score = 0.0
    for start, end, weight in sorted(found, key=lambda f: (-(f[1] - f[0]), -f[2], f[0])):
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        score += weight
    return score



@dataclass(frozen=True)
class Classification:
    """What the classify stage says of each clause, in the order of the clauses it was given."""

    scores: np.ndarray  # clauses x topics, see :func:`topic_scores`
    best: tuple[str, ...]  # each clause's topic
    candidates: tuple[frozenset[str], ...]  # its topic and a close second, where rows may look


def classify(
    clauses: Sequence[Clause], topics: Sequence[Topic], settings: AlignSettings = AlignSettings(), rules: Rules | None = None
) -> Classification:
    """Give every clause one topic (the best of ``topic_scores``) and its candidate topics.

    A second topic is a candidate when it scores within ``topic_margin`` of the best and at
    least ``topic_ratio`` of it: rows may then pair the clause with a clause of that topic.
    """
    scores = topic_scores(clauses, topics, settings, rules)
    topic_ids = [t.id for t in topics]
    best = tuple(_best_topic(scores[i], topics) for i in range(len(clauses)))
    orders = np.argsort(-scores, axis=1, kind="stable")[:, : settings.topic_candidates]
    candidates = []
    for i in range(len(clauses)):
        top = scores[i][orders[i][0]] if len(topics) else 0.0
        close = {
            topic_ids[k]
            for k in orders[i]
            if scores[i][k] > 0 and scores[i][k] >= top - settings.topic_margin and scores[i][k] >= settings.topic_ratio * top
        }
        candidates.append(frozenset({best[i]} | close))
    return Classification(scores, best, tuple(candidates))


def with_moves(classification: Classification, clauses: Sequence[Clause], moved: dict[str, str]) -> Classification:
    """The classification after maintainers' ``move`` overrides: a moved clause has that topic only."""
    if not moved:
        return classification
    best = tuple(moved.get(c.id, b) for c, b in zip(clauses, classification.best))
    candidates = tuple(frozenset({moved[c.id]}) if c.id in moved else k for c, k in zip(clauses, classification.candidates))
    return Classification(classification.scores, best, candidates)


def _best_topic(scores: np.ndarray, topics: Sequence[Topic]) -> str:
    best = int(np.argmax(scores))  # ties go to the earlier topic in taxonomy order
    return topics[best].id if scores[best] > 0 else OFF_TOPIC_FALLBACK


_PURPOSE = re.compile(
    r"^(?:in order to|so as to|to (?:reduce|prevent|avoid|minimise|minimize|protect|limit))\b(?P<adjunct>.*?)"
    r"(?:,|\b(?=(?:pupils|children|staff|adults|employees|parents|everyone|all|the school|we|they|visitors)\b))"
)


_EXAMPLES = re.compile(r"\b(?:such as|for example|including|for instance)\b")


def _split_examples(text: str) -> tuple[str, str]:
    """Split off a trailing list of examples ("... technology such as phones, email and blogs")."""
    match = _EXAMPLES.search(text)
    if not match or match.start() < 15:
        return text, ""
    return text[: match.start()], text[match.start() :]


def _split_purpose(text: str) -> tuple[str, str]:
    """Split a leading purpose ("In order to reduce cyberbullying, pupils may not ...") from the main clause.

    The purpose says why; the main clause says what the rule is about, so it decides the topic.
    """
    match = _PURPOSE.match(text)
    if not match or match.end() >= len(text) - 3:
        return "", text
    return text[: match.end()], text[match.end() :]


# the title of a statute: "Computer Misuse Act 1990", "The Data Protection Act", "... Regulations 2018"
_STATUTE = re.compile(r"\b(?:act|regulations)(?:\s*\(?\d{4}\)?)?\s*$")

# a list of subjects that names the policy's own subject among others ("social media/mobile
# phones", "social media, email, mobile phones and the internet"): the clause is about the
# policy as a whole, so a topic named in the list is not what the clause is about
_FUNCTION = r"(?:are|is|be|to|the|a|an|and|or|of|in|on|at|by|for|with|will|must|should|may|can|this|that|it|which)"
_ITEM = rf"(?:the )?(?!{_FUNCTION}\b)[a-z'-]+(?: (?!{_FUNCTION}\b)[a-z'-]+)?"
_SUBJECT_LIST = re.compile(
    rf"\b{_ITEM}(?:\s*/\s*{_ITEM})+"  # slash list
    rf"|\b{_ITEM}(?:, {_ITEM}){{1,12}},? (?:and|or) {_ITEM}"  # a, b and c (bounded, so matching stays linear)
)
_SUBJECT = re.compile(r"\bsocial (?:media|networking)\b")


# the name of another document: "the anti-bullying policy", "e-safety procedures"
_DOCUMENT = re.compile(
    r"\b((?:(?!(?:the|a|an|and|or|with|alongside|to|of|in|our|this|these|its|their|all|other)\b)[a-z'-]+ ){1,3})"
    r"(polic(?:y|ies)|procedures?)\b"
)
_DOCUMENT_WORD = re.compile(r"\bpolic(?:y|ies)\b|\bprocedures?\b|\bcode of conduct\b")


def _strip_document_names(text: str) -> str:
    """In a clause that names other documents ("read alongside the anti-bullying, e-safety and
    behaviour policies"), the words of their titles name documents, not what the clause is about."""
    if len(_DOCUMENT_WORD.findall(text)) < 2:
        return text
    return _DOCUMENT.sub(lambda m: m.group(2), text)


def _split_subject_list(text: str) -> tuple[str, str]:
    """Take out subjects coordinated with social media itself ("social media/mobile phones are to be used by ...")."""
    listed = []

    def cut(match: re.Match[str]) -> str:
        if not _SUBJECT.search(match.group(0)):
            return match.group(0)
        listed.append(match.group(0))
        return " "

    rest = _SUBJECT_LIST.sub(cut, text)
    return rest, " ".join(listed)


def topic_scores(
    clauses: Sequence[Clause], topics: Sequence[Topic], settings: AlignSettings = AlignSettings(), rules: Rules | None = None
) -> np.ndarray:
    """How strongly each clause belongs to each topic: a (clauses x topics) matrix.

    Score = weighted terms in the clause's own words (with its list lead-in at
    ``lead_in_weight``; subjects listed alongside social media itself at ``scope_damping``)
    + ``heading_weight`` x how strongly its headings point at the topic (the heading's best
    topic scores 1; the nearest heading counts most) + ``example_weight`` x TF-IDF
    similarity to the topic's title, description and examples. Under a heading naming a
    statute, the other topics' own evidence is scaled by ``statute_damping``; neighbours in
    the same section add a share of theirs (sibling list items only
    ``item_neighbour_weight``); a table-of-contents item takes its lead-in's scores.
    """
    if not clauses:
        return np.zeros((0, len(topics)))
    topic_terms = [_terms(t.terms) for t in topics]
    heading_terms = [_terms([*t.headings, *t.terms]) for t in topics]
    descriptors = [" ".join([t.title, t.description, *t.examples, *(s.split(":")[0] for s in t.terms)]).lower() for t in topics]
    # subjects merely listed alongside social media itself say nothing of what the clause is about
    texts = [_split_subject_list(c.normalised)[0] if "social " in c.normalised else c.normalised for c in clauses]
    if rules is not None:
        texts = [rules.matching_form(t) for t in texts]
        descriptors = [rules.matching_form(d) for d in descriptors]
    # each school's clauses are weighed by word rarity in that school's own policy (and the
    # taxonomy), so that a school joining or leaving the trust never moves another school's clause
    similarity = np.zeros((len(clauses), len(topics)))
    by_school: dict[str, list[int]] = defaultdict(list)
    for index, clause in enumerate(clauses):
        by_school[clause.school].append(index)
    for school in sorted(by_school):
        members = by_school[school]
        own_texts = [texts[i] for i in members]
        vectoriser = Tfidf(_analyse, sublinear=True)
        vectoriser.fit(own_texts + descriptors)
        similarity[members] = (vectoriser.transform(own_texts) @ vectoriser.transform(descriptors).T).toarray()

    heading_cache: dict[str, np.ndarray] = {}

    def heading_scores(heading: str) -> np.ndarray:
        """How strongly one heading points at each topic, scaled so the best topic gets 1."""
        if heading not in heading_cache:
            raw = np.array([_term_score(heading, heading_terms[t]) for t in range(len(topics))])
            # a heading naming a topic outright ("Cyberbullying", "Computer Misuse Act 1990") counts in
            # full; one generic word ("Contact") counts for less
            heading_cache[heading] = raw / max(float(raw.max()), settings.heading_strength) if raw.max() > 0 else raw
        return heading_cache[heading]

    topic_ids = [t.id for t in topics]
    legislation = topic_ids.index("legislation") if "legislation" in topic_ids else None
    under_statute: list[int] = []
    no_terms = np.zeros(len(topics))
    term_cache: dict[str, np.ndarray] = {}  # trusts copy wording: the same text is scored once

    def term_scores(text: str) -> np.ndarray:
        """Weighted terms of each topic found in ``text``."""
        if not text.strip():
            return no_terms
        if text not in term_cache:
            scores = np.array([_term_score(text, terms) for terms in topic_terms])
            scores.setflags(write=False)  # shared between clauses: never changed in place
            term_cache[text] = scores
        return term_cache[text]

    # a heading every clause of a policy sits under is the document's own title ("Our Policy on Social
    # Media and Phones"): it says what the whole policy is about, not what one part of it is
    # (when the policy has sections under it; a policy's one heading is its one section)
    firsts: dict[str, set[str]] = defaultdict(set)
    nested: set[str] = set()
    for clause in clauses:
        firsts[clause.school].add(clause.section[0] if clause.section else "")
        if len(clause.section) > 1:
            nested.add(clause.school)
    title_of = {school: next(iter(heads)) for school, heads in firsts.items()
                if len(heads) == 1 and next(iter(heads)) and school in nested}
    own_scores = np.zeros((len(clauses), len(topics)))
    context = np.zeros((len(clauses), len(topics)))
    # a wording's own scores and a run of headings' scores are worked out once (the same sums in
    # the same order, so the same figures): a long policy repeats both
    wording_scores: dict[str, np.ndarray] = {}
    headings_scores: dict[tuple[str, ...], np.ndarray] = {}
    for index, clause in enumerate(clauses):
        own = wording_scores.get(clause.normalised)
        if own is None:
            # words in a purpose ("in order to reduce bullying, ...") or a list of examples ("such as
            # phones, email") say less about what the rule is about than its main clause
            purpose, rest = _split_purpose(clause.normalised)
            main, examples = _split_examples(rest)
            main, listed = _split_subject_list(main) if "social " in main else (main, "")
            main = _strip_document_names(main)
            own = wording_scores[clause.normalised] = (
                term_scores(main)
                + 0.5 * (term_scores(purpose) + term_scores(examples))
                + settings.scope_damping * term_scores(listed)
            )
        own_scores[index] = own
        if legislation is not None and clause.section and _STATUTE.search(clause.section[-1].lower()):
            under_statute.append(index)
        if clause.lead_in:
            own_scores[index] += settings.lead_in_weight * term_scores(clause.lead_in.lower())
        section = clause.section[1:] if clause.section and title_of.get(clause.school) == clause.section[0] else clause.section
        headings = tuple(section[-3:])
        near = headings_scores.get(headings)
        if near is None:
            near = headings_scores[headings] = np.zeros(len(topics))
            # the nearest heading counts most; its parents count half as much each step up
            for depth, heading in enumerate(reversed(headings)):
                near += settings.heading_weight * (settings.parent_heading_decay**depth) * heading_scores(heading.lower())
        context[index] = near
    own_scores = settings.text_weight * own_scores + settings.example_weight * similarity
    # under a heading naming a statute ("Protection of Children Act 1978") the text explains
    # that law: the subjects it names (indecent images, harassment) are the law's scope
    if under_statute:
        kept = own_scores[under_statute, legislation]
        own_scores[under_statute] *= settings.statute_damping
        own_scores[under_statute, legislation] = kept
    # neighbours: a sentence such as "This will lead to ..." takes its topic from the one before
    smoothed = own_scores.copy()
    for index, clause in enumerate(clauses):
        for other in (index - 1, index + 1):
            if 0 <= other < len(clauses) and clauses[other].school == clause.school and clauses[other].section == clause.section:
                weight = settings.neighbour_weight if clauses[other].block == clause.block else settings.neighbour_weight / 2
                if clause.kind == "item" and clauses[other].kind == "item" and clauses[other].block != clause.block:
                    weight = settings.item_neighbour_weight
                smoothed[index] += weight * own_scores[other]
    scores = smoothed + context
    # a list item that repeats one of its own policy's headings is a table of contents
    # ("There are four key areas: A. ..., D. Dealing with incidents of bullying"): it outlines
    # the policy rather than stating a rule, so it takes the topic of the sentence introducing it
    for index, lead in _contents_entries(clauses):
        scores[index] = scores[lead]
    return scores


_ENUMERATOR = re.compile(r"^\s*(?:[a-z0-9]{1,3}[.)]|\([a-z0-9]{1,3}\))\s+")


def _plain_heading(text: str) -> str:
    return re.sub(r"\s+", " ", _ENUMERATOR.sub("", text.lower())).strip(" .:;")


def _contents_entries(clauses: Sequence[Clause]) -> list[tuple[int, int]]:
    """(item, lead-in) index pairs for list items that repeat a heading of the same policy."""
    # a heading, or its start up to a space or slash, per school: one set lookup per item
    # (scanning every heading for every item grew with the square of a policy's length)
    # (each school's distinct headings gathered first: its clauses share their sections' runs of headings)
    raw: dict[str, set[str]] = defaultdict(set)
    for clause in clauses:
        raw[clause.school].update(clause.section)
    headings: dict[str, set[str]] = defaultdict(set)
    for school, titles in raw.items():
        for heading in {_plain_heading(h) for h in titles}:
            headings[school].update([heading, *(heading[:i] for i, ch in enumerate(heading) if ch in " /")])
    found = []
    lead_at: dict[tuple[str, str], int] = {}
    for index, clause in enumerate(clauses):
        if clause.kind == "lead-in":
            lead_at[(clause.school, clause.text)] = index
        if clause.kind != "item" or not clause.lead_in or (clause.school, clause.lead_in) not in lead_at:
            continue
        entry = _plain_heading(clause.text)
        repeats = entry in headings[clause.school]
        if len(entry.split()) >= 2 and repeats:
            found.append((index, lead_at[(clause.school, clause.lead_in)]))
    return found


