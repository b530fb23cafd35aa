"""Align policies: give every clause one topic, then group equivalent clauses into rows.

Topics come from weighted terms in the clause's own words and in its headings, backed by
TF-IDF similarity to the topic's description and examples. Rows come from a greedy,
order-independent multi-witness grouping over TF-IDF similarity (words and character
n-grams), at most one clause per school per row. No MkDocs import; deterministic.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from scipy import sparse

from .errors import PolicyError
from .model import Alignment, Clause, Policy, Row, Topic
from .normalise import Rules, load_rules, normalise, school_pattern, with_placeholder
from .safe_yaml import safe_load
from .vectors import Tfidf, char_wb, counts, idf, tfidf

OFF_TOPIC_FALLBACK = "other"
SLICE = 512  # rows of a similarity block computed at once
REQUIRED_TOPICS = ("mobile-phones", "cyberbullying", "inappropriate-images", "legislation")

# Role groups: two clauses naming different audiences are different obligations
# ("add parents as friends" is not "add pupils as friends"). Staff are usually implicit,
# so they are not a role here.
ROLES: dict[str, tuple[str, ...]] = {
    "pupils": ("pupil", "pupils", "child", "children", "student", "students", "child's", "children's"),
    "parents": ("parent", "parents", "carer", "carers", "parent's", "parents'", "families"),
    "police": ("police",),
    "head": ("headteacher", "head", "senior leadership", "senior management", "line manager", "hr", "lado"),
    "governors": ("governor", "governors", "governing body"),
}

_STOP = frozenset(
    """a an and are as at be been by can could do does for from has have in into is it its
    may might must not of on or our should so such that the their them they this those to
    was we were which who will with would any all also other than there these when where""".split()
)


@dataclass(frozen=True)
class AlignSettings:
    """Tunable knobs; the defaults were chosen on the labelled seeds (see docs)."""

    row_threshold: float = 0.26
    link_threshold: float = 0.15
    text_weight: float = 1.0
    heading_weight: float = 3.0
    neighbour_weight: float = 0.4
    heading_strength: float = 4.0
    parent_heading_decay: float = 0.5
    lead_in_weight: float = 1.0
    topic_margin: float = 3.0
    topic_candidates: int = 2
    topic_ratio: float = 0.4
    near_duplicate: float = 0.6
    example_weight: float = 4.0
    role_penalty: float = 0.55
    char_ngrams: bool = True
    overlap: bool = True
    item_neighbour_weight: float = 0.05
    statute_damping: float = 0.1
    scope_damping: float = 0.0


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


def _analyse(text: str) -> list[str]:
    stems = [_stem(w) for w in _words(text)]
    return stems + [f"{a} {b}" for a, b in zip(stems, stems[1:])]


def _stem(word: str) -> str:
    """A light suffix-stripper: "friend"/"friends"/"friending", "settings"/"set", "policies"/"policy".

    Plurals and possessives first, then one verb ending ("-ing", "-ed") with a doubled final
    consonant undone ("setting" -> "set"), then a silent final "e" ("share"/"sharing").
    """
    word = word.strip("'")
    if word.endswith("'s"):
        word = word[:-2]
    if word.endswith(("ies", "ied")) and len(word) > 5:
        return word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 4:
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            # "setting" -> "sett" -> "set"; "used" -> "us" is left alone by the length test
            if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "lsz":
                word = word[:-1]
            break
    # a silent final e goes, so "share", "shared" and "sharing" meet
    return word[:-1] if word.endswith("e") and len(word) >= 4 else word


def classify(
    clauses: Sequence[Clause], topics: Sequence[Topic], settings: AlignSettings = AlignSettings(), rules: Rules | None = None
) -> dict[str, str]:
    """Give every clause exactly one topic id: the best of ``topic_scores``."""
    scores = topic_scores(clauses, topics, settings, rules)
    return {c.id: _best_topic(scores[i], topics) for i, c in enumerate(clauses)}


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
    vectoriser = Tfidf(_analyse, sublinear=True)
    vectoriser.fit(texts + descriptors)
    similarity = (vectoriser.transform(texts) @ vectoriser.transform(descriptors).T).toarray()

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

    own_scores = np.zeros((len(clauses), len(topics)))
    context = np.zeros((len(clauses), len(topics)))
    for index, clause in enumerate(clauses):
        # words in a purpose ("in order to reduce bullying, ...") or a list of examples ("such as
        # phones, email") say less about what the rule is about than its main clause
        purpose, rest = _split_purpose(clause.normalised)
        main, examples = _split_examples(rest)
        main, listed = _split_subject_list(main) if "social " in main else (main, "")
        main = _strip_document_names(main)
        own_scores[index] = (
            term_scores(main)
            + 0.5 * (term_scores(purpose) + term_scores(examples))
            + settings.scope_damping * term_scores(listed)
        )
        if legislation is not None and clause.section and _STATUTE.search(clause.section[-1].lower()):
            under_statute.append(index)
        if clause.lead_in:
            own_scores[index] += settings.lead_in_weight * term_scores(clause.lead_in.lower())
        # the nearest heading counts most; its parents count half as much each step up
        for depth, heading in enumerate(reversed(clause.section[-3:])):
            context[index] += settings.heading_weight * (settings.parent_heading_decay**depth) * heading_scores(heading.lower())
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
    headings: dict[str, set[str]] = defaultdict(set)
    for clause in clauses:
        for heading in {_plain_heading(h) for h in clause.section} - headings[clause.school]:
            headings[clause.school].update([heading, *(heading[:i] for i, ch in enumerate(heading) if ch in " /")])
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


# --- rows ------------------------------------------------------------------------------

_ROLE_PATTERNS = {
    role: re.compile("|".join(rf"(?<![\w-]){re.escape(w)}(?![\w-])" for w in words)) for role, words in ROLES.items()
}


# Who an obligation binds: the subject before the modal verb ("Staff must ...", "Adults working
# in schools should: ..."), or the agent of a passive ("... must not be used by parents").
# Read from the matching form, where synonyms are already folded (staff/adults/employees...).
_ADDRESSEES = {"staff": "synstaff", "pupils": "synpupil", "parents": "synparent", "governors": "governor"}
_MODAL = r"(?:must|should|will|shall|may|can|cannot|synnever|are|is|need|needs|have to|has to|ought)"  # synnever: "must not" etc. folded
_OBLIGED = re.compile(rf"^(?P<who>[^.;:!?]{{1,60}}?)\s+(?:\w+ly\s+)?{_MODAL}\b")
_AGENT = re.compile(r"\bby (?:all |any |the )?(?P<who>[a-z ,]{1,40}?)(?=[.;,]|$| (?:at|on|in|when|while|whilst|during)\b)")


@functools.lru_cache(maxsize=65536)
def _addressees_of(text: str) -> frozenset[str]:
    """The audiences an obligation's subject (or passive agent) names, in a matching-form text."""
    found: set[str] = set()
    for match in (_OBLIGED.match(text), _AGENT.search(text)):
        if match:
            found |= {who for who, word in _ADDRESSEES.items() if word in match["who"]}
    return frozenset(found)


def addressees(clause: Clause, rules: Rules | None) -> frozenset[str]:
    """Whom the clause binds: its own subject, else (for a list item) its lead-in's."""
    form = rules.matching_form if rules else (lambda t: t)
    own = _addressees_of(form(clause.normalised))
    if own or not clause.lead_in or rules is None:
        return own
    return _addressees_of(form(normalise(clause.lead_in, rules)))


@functools.lru_cache(maxsize=65536)
def _roles(text: str) -> frozenset[str]:
    """Whom a clause is about (pupils, parents, police, head, governors)."""
    return frozenset(role for role, pattern in _ROLE_PATTERNS.items() if pattern.search(text))


class SimilarityModel:
    """Vectors of every clause, computed once per alignment, sliced per topic.

    Similarity is the mean of word and character TF-IDF cosines, averaged with an
    IDF-weighted overlap of content words measured against the shorter clause (so that a
    short clause that a longer one contains still scores high).

    Trusts copy wording from school to school, so many clauses read the same once school
    names are placeholders: vectors are computed once per distinct text (with document
    frequencies still counted over every clause, so figures are those of the whole corpus)
    and a block of clause similarities is the block of their distinct texts, repeated.
    """

    def __init__(self, texts: Sequence[str], char_ngrams: bool = True, overlap: bool = True) -> None:
        distinct = sorted(set(texts))
        position = {t: k for k, t in enumerate(distinct)}
        self.type_of = np.array([position[t] for t in texts], dtype=np.int64)
        copies = np.bincount(self.type_of, minlength=len(distinct)).astype(np.float64)
        word_counts = counts(distinct, _analyse)[0]
        matrices = [tfidf(word_counts, idf(word_counts, copies))]
        self._char: sparse.csr_matrix | None = None  # per distinct text
        if char_ngrams:
            char_counts = counts(distinct, char_wb)[0]
            self._char = tfidf(char_counts, idf(char_counts, copies))
            matrices.append(self._char)
        self.combined = (sparse.hstack(matrices).tocsr() * (1 / np.sqrt(len(matrices)))).tocsr()
        self.overlap = overlap
        if overlap:
            presence = counts(distinct, lambda t: sorted({_stem(w) for w in _words(t)}))[0]
            presence.data[:] = 1.0
            weights = idf(presence, copies)
            self.weighted = (presence @ sparse.diags(weights)).tocsr()
            self.presence = presence
            self.totals = np.asarray(self.weighted.sum(axis=1)).ravel()
            # two shared words are not yet a shared obligation: damp very short clauses
            self.short = 4 * float(np.median(weights)) if len(weights) else 1.0

    @property
    def char(self) -> sparse.csr_matrix | None:
        """Character 3-5-gram TF-IDF vector of every clause (unit length), if computed."""
        return self._char[self.type_of] if self._char is not None else None

    def matrix(self, rows: Sequence[int]) -> np.ndarray:
        """Similarity (0..1) between the clauses at ``rows``."""
        return self.block(rows, rows)

    def block(self, rows: Sequence[int], cols: Sequence[int]) -> np.ndarray:
        """Similarity (0..1) of the clauses at ``rows`` with those at ``cols``."""
        row_types, row_back = np.unique(self.type_of[np.asarray(rows, dtype=np.int64)], return_inverse=True)
        col_types, col_back = np.unique(self.type_of[np.asarray(cols, dtype=np.int64)], return_inverse=True)
        return self._types_block(row_types, col_types)[np.ix_(row_back.ravel(), col_back.ravel())]

    def _types_block(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        cosine = (self.combined[rows] @ self.combined[cols].T).toarray()
        if not self.overlap:
            return cosine
        shared = (self.weighted[rows] @ self.presence[cols].T).toarray()
        smaller = np.minimum.outer(self.totals[rows], self.totals[cols])
        damp = np.minimum(1.0, smaller / self.short)
        with np.errstate(divide="ignore", invalid="ignore"):
            contained = np.where(smaller > 0, shared / smaller, 0.0) * damp
        return 0.5 * cosine + 0.5 * contained


def char_matrix(texts: Sequence[str]) -> sparse.csr_matrix:
    """Character 3-5-gram TF-IDF vectors of ``texts`` (within word boundaries), unit length."""
    return Tfidf(char_wb, sublinear=True).fit_transform(texts)


def _words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9']+", text.lower()) if w not in _STOP and len(w) > 1]


def group_rows(
    clauses: Sequence[Clause],
    candidates: Sequence[frozenset[str]],
    settings: AlignSettings = AlignSettings(),
    rules: Rules | None = None,
    model: SimilarityModel | None = None,
) -> list[list[int]]:
    """Group clauses into rows; returns lists of indexes into ``clauses``.

    Similarity is only computed inside a topic, between clauses that have the topic among
    their ``candidates`` (their best topic, and a close second), so near-identical clauses
    that classification split across two topics can still meet. Candidate pairs from
    different schools are taken strongest first (ties by clause id, so input order never
    matters); two groups join when they share a candidate topic, a school appears at most
    once (or twice, for two adjacent sentences), and their average similarity stays above
    ``link_threshold``.
    """
    n = len(clauses)
    schools = [c.school for c in clauses]
    if model is None:
        texts = [rules.matching_form(c.normalised) if rules else c.normalised for c in clauses]
        model = SimilarityModel(texts, settings.char_ngrams, settings.overlap)
    rank = np.empty(n, dtype=np.int64)  # clause ids in order: ties never depend on input order
    rank[sorted(range(n), key=lambda i: clauses[i].id)] = np.arange(n)
    keys, scores = _pair_similarities(clauses, candidates, model, settings, rank, rules)
    first, second = keys // n, keys % n
    school_code = _codes(schools)
    wanted = (scores >= settings.row_threshold) & (school_code[first] != school_code[second])
    ranked = np.flatnonzero(wanted)
    ranked = ranked[np.lexsort((rank[second[ranked]], rank[first[ranked]], -np.round(scores[ranked], 9)))]
    group_of = list(range(n))
    members_of: dict[int, list[int]] = {i: [i] for i in range(n)}
    shared_topics: dict[int, frozenset[str]] = {i: candidates[i] for i in range(n)}
    orders_of: dict[int, dict[str, list[int]]] = {i: {schools[i]: [clauses[i].order]} for i in range(n)}
    for score, i, j in zip(scores[ranked].tolist(), first[ranked].tolist(), second[ranked].tolist()):
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        a, b = members_of[gi], members_of[gj]
        common = shared_topics[gi] & shared_topics[gj]
        if not common or not _may_join(orders_of[gi], orders_of[gj]):
            continue
        if len(a) == len(b) == 1:
            link = score
        else:  # average linkage over every pair of the two groups' members
            left, right = np.array(a), np.array(b)
            cross = (np.minimum.outer(left, right) * n + np.maximum.outer(left, right)).ravel()
            link = float(_lookup(keys, scores, cross).mean())
        if link < settings.link_threshold:
            continue
        keep, drop = (gi, gj) if gi < gj else (gj, gi)
        members_of[keep] = sorted(a + b)
        shared_topics[keep] = common
        for school, orders in orders_of[drop].items():
            orders_of[keep][school] = sorted(orders_of[keep].get(school, []) + orders)
        for k in members_of[drop]:
            group_of[k] = keep
        del members_of[drop], shared_topics[drop], orders_of[drop]
    return sorted(members_of.values(), key=lambda g: clauses[g[0]].id)


def _codes(values: Sequence[str]) -> np.ndarray:
    """Each value as a small integer (equal values, equal codes)."""
    index: dict[str, int] = {}
    return np.array([index.setdefault(v, len(index)) for v in values], dtype=np.int64)


def _pair_similarities(
    clauses: Sequence[Clause], candidates: Sequence[frozenset[str]], model: SimilarityModel, settings: AlignSettings, rank: np.ndarray,
    rules: Rules | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Similarity of every pair of clauses that share a candidate topic: sorted keys ``i * n + j``
    (i < j) and their scores, 16 bytes a pair (a dict would take ten times that).

    Pairs from one school are kept only for adjacent sentences; a pair whose clauses are about
    different people (pupils / parents / police / governors), or bind different people (one
    says what staff must do, the other what parents must do), has its score multiplied by
    ``role_penalty``.
    Pairs below ``link_threshold * role_penalty`` cannot matter and are not kept. Works on
    whole slices of the similarity matrix with numpy rather than pair by pair.
    """
    n = len(clauses)
    school_code = _codes([c.school for c in clauses])
    order = np.array([c.order for c in clauses], dtype=np.int64)
    role_names = sorted(ROLES)
    bits = {role: 1 << k for k, role in enumerate(role_names)}
    roles = np.array([sum(bits[r] for r in _roles(c.normalised)) for c in clauses], dtype=np.int64)
    not_head = ~bits.get("head", 0)
    binds = {who: 1 << k for k, who in enumerate(sorted(_ADDRESSEES))}
    bound = np.array([sum(binds[w] for w in addressees(c, rules)) for c in clauses], dtype=np.int64)
    floor = settings.link_threshold * settings.role_penalty
    found_keys: list[np.ndarray] = []
    found_scores: list[np.ndarray] = []
    topics = sorted({t for cands in candidates for t in cands})
    # which candidate topics each clause has: a pair is scored in the first topic both share only
    # (its score does not depend on the topic)
    shares = np.zeros((n, len(topics)), dtype=bool)
    column = {t: k for k, t in enumerate(topics)}
    for i, cands in enumerate(candidates):
        shares[i, [column[t] for t in cands]] = True
    position = np.zeros(n, dtype=np.int64)
    for k, topic in enumerate(topics):
        members = np.array(sorted(np.flatnonzero(shares[:, k]).tolist(), key=lambda i: rank[i]), dtype=np.int64)
        if len(members) < 2:
            continue
        position[members] = np.arange(len(members))
        member_at = {(int(school_code[m]), int(order[m])): int(m) for m in members}
        # in slices of rows, so memory stays bounded however large a topic grows; each row is scored
        # against later members (each unordered pair once) of other schools and its own school's
        # adjacent sentences only: a school's whole block of pairs, never kept, grew with the square
        # of a long policy
        for start in range(0, len(members), SLICE):
            in_slice = members[start : start + SLICE]
            for code in np.unique(school_code[in_slice]).tolist():
                rows = in_slice[school_code[in_slice] == code]
                later = members[position[rows[0]] + 1 :]
                near = {member_at.get((code, int(order[r]) + step)) for r in rows.tolist() for step in (-1, 1)}
                cols = np.concatenate([later[school_code[later] != code], np.array(sorted(m for m in near if m is not None), dtype=np.int64)])
                sim = model.block(rows, cols)
                a, b = np.nonzero((sim >= floor) & (position[cols][None, :] > position[rows][:, None]))
                i, j = np.minimum(rows[a], cols[b]), np.maximum(rows[a], cols[b])
                score = sim[a, b]
                allowed = (school_code[i] != school_code[j]) | (np.abs(order[i] - order[j]) == 1)
                if k:
                    allowed &= ~(shares[i, :k] & shares[j, :k]).any(axis=1)
                other = (roles[i] != 0) & (roles[j] != 0) & (((roles[i] ^ roles[j]) & not_head) != 0)
                other |= (bound[i] != 0) & (bound[j] != 0) & ((bound[i] & bound[j]) == 0)
                score = np.where(other, score * settings.role_penalty, score)
                found_keys.append((i * n + j)[allowed])
                found_scores.append(score[allowed])
    if not found_keys:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    # one array at a time, freeing each list as it goes: peak memory a few times the pairs' own
    keys = np.concatenate(found_keys)
    found_keys.clear()
    by_key = np.argsort(keys, kind="stable")
    keys = keys[by_key]
    scores = np.concatenate(found_scores)
    found_scores.clear()
    return keys, scores[by_key]


def _lookup(keys: np.ndarray, scores: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Scores of the pairs ``wanted`` (keys as from :func:`_pair_similarities`); 0 if not kept."""
    at = np.searchsorted(keys, wanted)
    at_clipped = np.minimum(at, len(keys) - 1)
    found = (at < len(keys)) & (keys[at_clipped] == wanted) if len(keys) else np.zeros(len(wanted), dtype=bool)
    return np.where(found, scores[at_clipped] if len(keys) else 0.0, 0.0)


def near_duplicates(
    clauses: Sequence[Clause], texts: Sequence[str], threshold: float, shingle: int = 3, matrix: sparse.csr_matrix | None = None
) -> list[tuple[int, int]]:
    """Pairs of clauses from different schools whose wording is nearly the same.

    Candidates come from an inverted index of word 3-grams that few clauses share (a
    template sentence's distinctive run of words), so the cost grows with the number of
    clauses, not its square; each candidate pair is then checked by character TF-IDF cosine
    (``matrix``: the texts' :func:`char_matrix`, when the caller already has it).
    """
    grams: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        words = _words(text)
        for k in set(zip(*(words[n:] for n in range(shingle)))):
            grams[k].append(i)
    schools = len({c.school for c in clauses})
    cap = max(4, 2 * schools)  # a run of words in more clauses than that is boilerplate, not a template
    groups = sorted({tuple(sorted(members)) for members in grams.values() if 2 <= len(members) <= cap})
    if not groups:
        return []
    matrix = char_matrix(texts) if matrix is None else matrix
    found: set[tuple[int, int]] = set()
    # each distinct set of clauses sharing a rare 3-gram is compared once, as a small block:
    # memory stays bounded by the largest set, never by the number of candidate pairs
    for members in groups:
        block = matrix[list(members)]
        cosine = (block @ block.T).toarray()
        rows_i, cols_i = np.nonzero(np.triu(cosine, 1) >= threshold)
        for a, b in zip(rows_i.tolist(), cols_i.tolist()):
            i, j = members[a], members[b]
            if clauses[i].school != clauses[j].school:
                found.add((i, j))
    return sorted(found)


def _may_join(a: dict[str, list[int]], b: dict[str, list[int]]) -> bool:
    """At most one clause per school, unless a school splits one obligation over two adjacent sentences.

    ``a`` and ``b``: each group's schools, with the positions of its clauses in their policy.
    """
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    for school, orders in small.items():
        other = large.get(school)
        if other is not None:
            both = sorted(orders + other)
            if len(both) > 2 or both[-1] - both[0] != 1:
                return False
    return True


def _reference(group: Sequence[int], clauses: Sequence[Clause], model: SimilarityModel) -> Clause:
    """The most representative clause: the one most similar to the rest (medoid)."""
    members = [clauses[i] for i in group]
    if len(members) <= 2:
        # with two variants prefer the fuller wording; ties by id
        return sorted(members, key=lambda c: (-len(c.normalised.split()), c.id))[0]
    totals = model.matrix(group).sum(axis=1)
    best = max(range(len(members)), key=lambda k: (round(float(totals[k]), 9), len(members[k].normalised), members[k].id))
    return members[best]


def row_id(topic: str, reference: Clause) -> str:
    """A readable, stable row id: topic plus a short hash of the reference wording."""
    return f"{topic}-{hashlib.sha1(reference.normalised.encode('utf-8')).hexdigest()[:6]}"


def align(
    policies: Sequence[Policy],
    topics: Sequence[Topic],
    overrides: "Overrides | None" = None,
    settings: AlignSettings = AlignSettings(),
    rules: Rules | None = None,
    placeholder: str = "[School name]",
) -> Alignment:
    """Place every clause in one topic and one row. Input order never changes the result."""
    from .overrides import Overrides, apply_topic_overrides

    policies = tuple(sorted(policies, key=lambda p: p.id))
    overrides = overrides or Overrides()
    clauses = [c for p in policies for c in p.clauses]
    index = {c.id: c for c in clauses}
    warnings: list[str] = []
    rules = rules or load_rules()
    topic_ids = [t.id for t in topics]
    scores = topic_scores(clauses, topics, settings, rules)
    moved, topic_warnings = apply_topic_overrides({}, overrides, index, set(topic_ids))
    warnings.extend(topic_warnings)
    best_topics = [_best_topic(scores[i], topics) for i in range(len(clauses))]
    orders = np.argsort(-scores, axis=1, kind="stable")[:, : settings.topic_candidates]
    candidates: list[frozenset[str]] = []
    for i, clause in enumerate(clauses):
        if clause.id in moved:
            candidates.append(frozenset({moved[clause.id]}))
            continue
        top = scores[i][orders[i][0]]
        close = {
            topic_ids[k]
            for k in orders[i]
            if scores[i][k] > 0 and scores[i][k] >= top - settings.topic_margin and scores[i][k] >= settings.topic_ratio * top
        }
        candidates.append(frozenset({best_topics[i]} | close))

    corpus = [rules.matching_form(c.normalised) for c in clauses]
    # near-identical clauses of two schools must be able to meet even when classification
    # put them in different topics: each also becomes a candidate for the other's topic
    model = SimilarityModel(corpus, settings.char_ngrams, settings.overlap)
    for i, j in near_duplicates(clauses, corpus, settings.near_duplicate, matrix=model.char):
        if clauses[i].id not in moved and clauses[j].id not in moved:
            candidates[i] = candidates[i] | {best_topics[j]}
            candidates[j] = candidates[j] | {best_topics[i]}
    groups = group_rows(clauses, candidates, settings, rules, model)
    position_of = {c.id: i for i, c in enumerate(clauses)}
    clause_topic: dict[str, str] = {}
    for group in groups:
        common = frozenset.intersection(*(candidates[i] for i in group))
        if len(common) == 1:
            topic = next(iter(common))
        else:
            # the topic the members agree on most strongly
            total = scores[group].sum(axis=0)
            allowed = [k for k, t in enumerate(topic_ids) if t in common]
            topic = topic_ids[max(allowed, key=lambda k: (round(float(total[k]), 9), -k))]
        for i in group:
            clause_topic[clauses[i].id] = topic

    patterns = {p.id: school_pattern(p.names) for p in policies}
    groups_by_topic: dict[str, list[list[Clause]]] = defaultdict(list)
    for group in groups:
        groups_by_topic[clause_topic[clauses[group[0]].id]].append([clauses[i] for i in group])
    rows: list[Row] = []
    clause_row: dict[str, str] = {}
    groups_by_topic, row_warnings = overrides.apply_rows(dict(groups_by_topic), index, clause_topic)
    warnings.extend(row_warnings)

    used_ids: set[str] = set()
    for topic in topics:
        groups = groups_by_topic.get(topic.id, [])
        built: list[tuple[int, Row]] = []
        for group in groups:
            reference = _reference([position_of[c.id] for c in group], clauses, model)
            rid = row_id(topic.id, reference)
            while rid in used_ids:
                rid = rid + "x"
            used_ids.add(rid)
            members: dict[str, list[str]] = defaultdict(list)
            for clause in sorted(group, key=lambda c: (c.school, c.order)):
                members[clause.school].append(clause.id)
                clause_row[clause.id] = rid
            row = Row(
                id=rid,
                topic=topic.id,
                reference=with_placeholder(reference.text, patterns[reference.school], placeholder),
                reference_clause=reference.id,
                clauses={school: tuple(ids) for school, ids in sorted(members.items())},
            )
            # rows shared by more schools first, then in the order the text reads
            position = min(_position(c, policies) for c in group)
            built.append((position, row))
        built.sort(key=lambda item: (-len(item[1].clauses), item[0], item[1].id))
        rows.extend(row for _, row in built)
    excluded, exclude_warnings = overrides.resolve_excluded(index)
    warnings.extend(exclude_warnings)
    return Alignment(
        policies=policies,
        topics=tuple(topics),
        rows=tuple(rows),
        clause_topic=dict(sorted(clause_topic.items())),
        clause_row=dict(sorted(clause_row.items())),
        excluded=frozenset(excluded),
        warnings=tuple(warnings),
    )


def _position(clause: Clause, policies: Sequence[Policy]) -> float:
    """Where a clause sits in its own policy, 0..1: lets shared rows read in a natural order."""
    for policy in policies:
        if policy.id == clause.school:
            return clause.order / max(1, len(policy.clauses))
    return 1.0
