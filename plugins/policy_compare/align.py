"""Align policies: give every clause one topic, then group equivalent clauses into rows.

Topics come from weighted terms in the clause's own words and in its headings, backed by
TF-IDF similarity to the topic's description and examples. Rows come from a greedy,
order-independent multi-witness grouping over TF-IDF similarity (words and character
n-grams), at most one clause per school per row. No MkDocs import; deterministic.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize as l2_normalise

from .errors import PolicyError
from .model import Alignment, Clause, Policy, Row, Topic
from .normalise import Rules, load_rules, school_names, school_pattern, with_placeholder

OFF_TOPIC_FALLBACK = "other"
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

    row_threshold: float = 0.42
    link_threshold: float = 0.32
    text_weight: float = 1.0
    heading_weight: float = 0.6
    example_weight: float = 4.0
    role_penalty: float = 0.55
    char_ngrams: bool = True


def load_topics(path: Path) -> tuple[Topic, ...]:
    """Read the topic taxonomy YAML; raises ``PolicyError`` naming the file and entry."""
    shown = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
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
    suffix = r"(?![\w-])" if phrase[-1:].isalnum() or phrase[-1:] in "'" else ""
    return _Term(re.compile(prefix + body + suffix), float(weight) if weight else float(len(words)))


def _terms(specs: Iterable[str]) -> tuple[_Term, ...]:
    return tuple(_term(s) for s in specs if s.strip())


def _term_score(text: str, terms: Sequence[_Term]) -> float:
    return sum(term.weight for term in terms if term.pattern.search(text))


def _analyse(text: str) -> list[str]:
    words = [w for w in re.findall(r"[a-z0-9']+", text.lower()) if w not in _STOP and len(w) > 1]
    stems = [_stem(w) for w in words]
    return stems + [f"{a} {b}" for a, b in zip(stems, stems[1:])]


def _stem(word: str) -> str:
    """A light suffix-stripper: enough to meet "friend"/"friends"/"friending" halfway."""
    word = word.strip("'")
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def classify(
    clauses: Sequence[Clause], topics: Sequence[Topic], settings: AlignSettings = AlignSettings()
) -> dict[str, str]:
    """Give every clause exactly one topic id.

    Score = weighted terms in the clause's own words (with its list lead-in at half
    weight) + ``heading_weight`` x terms in its headings (nearest heading counts most)
    + ``example_weight`` x TF-IDF similarity to the topic's title, description and examples.
    """
    if not clauses:
        return {}
    topic_terms = [_terms(t.terms) for t in topics]
    heading_terms = [_terms([*t.headings, *t.terms]) for t in topics]
    descriptors = [" ".join([t.title, t.description, *t.examples, *(s.split(":")[0] for s in t.terms)]).lower() for t in topics]
    vectoriser = TfidfVectorizer(analyzer=_analyse, sublinear_tf=True)
    vectoriser.fit([c.normalised for c in clauses] + descriptors)
    topic_matrix = vectoriser.transform(descriptors)
    clause_matrix = vectoriser.transform([c.normalised for c in clauses])
    similarity = (clause_matrix @ topic_matrix.T).toarray()

    result: dict[str, str] = {}
    for index, clause in enumerate(clauses):
        own = clause.normalised
        lead = clause.lead_in.lower() if clause.lead_in else ""
        headings = [h.lower() for h in clause.section]
        scores = np.zeros(len(topics))
        for t, topic in enumerate(topics):
            score = settings.text_weight * _term_score(own, topic_terms[t])
            if lead:
                score += settings.text_weight * 0.5 * _term_score(lead, topic_terms[t])
            for depth, heading in enumerate(reversed(headings[-3:])):
                score += settings.heading_weight * (0.5**depth) * _term_score(heading, heading_terms[t])
            score += settings.example_weight * similarity[index, t]
            scores[t] = score
        best = int(np.argmax(scores))  # ties go to the earlier topic in taxonomy order
        result[clause.id] = topics[best].id if scores[best] > 0 else OFF_TOPIC_FALLBACK
    return result


# --- rows ------------------------------------------------------------------------------

def _roles(text: str) -> frozenset[str]:
    found = set()
    for role, words in ROLES.items():
        if any(re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text) for w in words):
            found.add(role)
    return frozenset(found)


def _similarity_matrix(texts: Sequence[str], corpus: Sequence[str], char_ngrams: bool = True) -> np.ndarray:
    """Cosine similarity of ``texts`` with each other: mean of word and character TF-IDF."""
    vectorisers = [TfidfVectorizer(analyzer=_analyse, sublinear_tf=True).fit(corpus)]
    if char_ngrams:
        vectorisers.append(TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit(corpus))
    matrices = [l2_normalise(v.transform(texts)) for v in vectorisers]
    combined = sparse.hstack(matrices).tocsr() * (1 / np.sqrt(len(matrices)))
    return (combined @ combined.T).toarray()


def group_rows(
    clauses: Sequence[Clause], corpus: Sequence[str], settings: AlignSettings = AlignSettings()
) -> list[list[Clause]]:
    """Group one topic's clauses into rows, at most one clause per school.

    Candidate pairs from different schools are taken strongest first (ties by clause id,
    so input order never matters); two groups join when their schools do not overlap and
    their average similarity stays above ``link_threshold``.
    """
    ordered = sorted(clauses, key=lambda c: c.id)
    n = len(ordered)
    if n == 0:
        return []
    sim = _similarity_matrix([c.normalised for c in ordered], corpus, settings.char_ngrams)
    roles = [_roles(c.normalised) for c in ordered]
    schools = [c.school for c in ordered]
    pairs: list[tuple[float, int, int]] = []
    rows_i, cols_i = np.nonzero(np.triu(sim, 1) >= settings.row_threshold * settings.role_penalty)
    for i, j in zip(rows_i.tolist(), cols_i.tolist()):
        if schools[i] == schools[j]:
            continue
        score = float(sim[i, j])
        if roles[i] and roles[j] and roles[i] != roles[j] and (roles[i] ^ roles[j]) - {"head"}:
            score *= settings.role_penalty
        if score >= settings.row_threshold:
            pairs.append((score, i, j))
    pairs.sort(key=lambda p: (-round(p[0], 9), ordered[p[1]].id, ordered[p[2]].id))

    group_of = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for score, i, j in pairs:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        a, b = members[gi], members[gj]
        if {schools[k] for k in a} & {schools[k] for k in b}:
            continue
        if float(sim[np.ix_(a, b)].mean()) < settings.link_threshold:
            continue
        keep, drop = (gi, gj) if gi < gj else (gj, gi)
        members[keep] = sorted(members[keep] + members[drop])
        for k in members[drop]:
            group_of[k] = keep
        del members[drop]
    groups = [[ordered[k] for k in ks] for ks in members.values()]
    return sorted(groups, key=lambda g: g[0].id)


def _reference(group: Sequence[Clause]) -> Clause:
    """The most representative clause: the one most similar to the rest (medoid)."""
    if len(group) <= 2:
        # with two variants prefer the fuller wording; ties by id
        return sorted(group, key=lambda c: (-len(c.normalised.split()), c.id))[0]
    corpus = [c.normalised for c in group]
    sim = _similarity_matrix(corpus, corpus)
    totals = sim.sum(axis=1)
    best = max(range(len(group)), key=lambda k: (round(float(totals[k]), 9), len(group[k].normalised), group[k].id))
    return group[best]


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
    clause_topic = classify(clauses, topics, settings)
    clause_topic, topic_warnings = apply_topic_overrides(clause_topic, overrides, index, {t.id for t in topics})
    warnings.extend(topic_warnings)

    corpus = [c.normalised for c in clauses]
    rules = rules or load_rules()
    patterns = {p.id: school_pattern(school_names(p.school, p.aliases, rules)) for p in policies}
    by_topic: dict[str, list[Clause]] = defaultdict(list)
    for clause in clauses:
        by_topic[clause_topic[clause.id]].append(clause)

    rows: list[Row] = []
    clause_row: dict[str, str] = {}
    groups_by_topic: dict[str, list[list[Clause]]] = {}
    for topic in topics:
        groups_by_topic[topic.id] = group_rows(by_topic.get(topic.id, []), corpus, settings)
    groups_by_topic, row_warnings = overrides.apply_rows(groups_by_topic, index, clause_topic)
    warnings.extend(row_warnings)

    used_ids: set[str] = set()
    for topic in topics:
        groups = groups_by_topic.get(topic.id, [])
        built: list[tuple[int, Row]] = []
        for group in groups:
            reference = _reference(group)
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
