"""Rows: group the clauses that state the same rule in different schools.

A greedy, order-independent multi-witness grouping over TF-IDF similarity (words and
character n-grams), at most one clause per school per row (or two adjacent sentences that
together state one rule). Works on the candidate topics the classify stage gave each clause;
knows nothing of overrides. No MkDocs import; deterministic.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .background import Background, can_fork, share_of, split_in_two
from .classify import Classification
from .embeddings import embed, meaning, prepare_encoder, worth_embedding
from .legislation import LawReader, Register
from .model import AlignSettings, Clause, Policy, Row, Topic
from .normalise import Rules, school_pattern, with_placeholder
from .readings import ClauseFeatures, bit_sets, clause_features, codes, disjoint
from .tokens import analyse as _analyse, stem as _stem, words as _words
from .vectors import Tfidf, char_wb, counts, idf, tfidf

SLICE = 512  # rows of a similarity block computed at once

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

    def __init__(
        self, texts: Sequence[str], char_ngrams: bool = True, overlap: bool = True,
        readable: Sequence[str] | None = None, semantic_weight: float = 0.0,
        schools: Sequence[str] | None = None, topics: Sequence[frozenset[str]] | None = None, semantic_candidates: int = 0,
    ) -> None:
        distinct = sorted(set(texts))
        position = {t: k for k, t in enumerate(distinct)}
        self.type_of = np.array([position[t] for t in texts], dtype=np.int64)
        self.semantic_weight = semantic_weight if readable is not None else 0.0
        self.semantic: np.ndarray | None = None
        self.embedded = np.zeros(len(distinct), dtype=bool)  # the wordings that have a vector
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
        self._distinct, self._texts = distinct, texts
        if self.semantic_weight > 0 and readable is not None:
            self.add_meaning(readable, semantic_weight, schools, topics, semantic_candidates)

    def add_meaning(
        self, readable: Sequence[str], semantic_weight: float,
        schools: Sequence[str] | None = None, topics: Sequence[frozenset[str]] | None = None, semantic_candidates: int = 0,
    ) -> None:
        """Sentence embeddings of the readable wording (the matching form's folded tokens would mean
        nothing to the encoder; one of each clause, in the order of the texts the model was made of),
        one per distinct matching form; with ``schools``, only of the wordings some other school's wording finds among its
        closest few (see :func:`embeddings.worth_embedding`): the others have none, and no
        similarity of meaning. Added after the words' vectors, which need no topics, so that those
        can be worked out while clauses are classified."""
        if semantic_weight <= 0:
            return
        self.semantic_weight = semantic_weight
        distinct = self._distinct
        wording: dict[str, str] = {}
        for text, shown in zip(self._texts, readable):
            wording.setdefault(text, shown)
        wanted = np.arange(len(distinct))
        if schools is not None and semantic_candidates > 0:
            wanted = worth_embedding(self._lexical_block, self.type_of, schools, topics or [], semantic_candidates)
        vectors = embed([wording[distinct[k]] for k in wanted.tolist()]) if len(wanted) else np.zeros((0, 1))
        self.semantic = np.zeros((len(distinct), vectors.shape[1]))
        self.semantic[wanted] = vectors
        self.embedded[wanted] = True

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
        lexical = self._lexical_block(rows, cols)
        if self.semantic is None:
            return lexical
        # a wording without a vector is alike in meaning to none
        alike = np.zeros((len(rows), len(cols)))
        row_in, col_in = self.embedded[rows], self.embedded[cols]
        if row_in.any() and col_in.any():
            alike[np.ix_(row_in, col_in)] = meaning(self.semantic[rows[row_in]], self.semantic[cols[col_in]])
        return (1 - self.semantic_weight) * lexical + self.semantic_weight * alike

    def _lexical_block(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
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



def group_rows(
    clauses: Sequence[Clause],
    candidates: Sequence[frozenset[str]],
    settings: AlignSettings = AlignSettings(),
    rules: Rules | None = None,
    model: SimilarityModel | None = None,
    laws: Sequence[frozenset[str]] | None = None,
    features: ClauseFeatures | None = None,
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
        model = similarity_model(clauses, settings, rules, candidates)
    if features is None:
        features = clause_features(clauses, rules)
    rank = np.empty(n, dtype=np.int64)  # clause ids in order: ties never depend on input order
    rank[sorted(range(n), key=lambda i: clauses[i].id)] = np.arange(n)
    keys, scores = _pair_similarities(clauses, candidates, model, settings, rank, rules, laws, features=features)
    first, second = keys // n, keys % n
    school_code = codes(schools)
    other_school = school_code[first] != school_code[second]
    # a pair starts a row when each clause is the other's best match in the other school and
    # they are similar enough, or when they are near copies; a fragment (a heading, a list stem,
    # two or three words) starts one only as a near copy, never on shared words alone
    mutual = _mutual_best(first, second, scores, school_code, other_school)
    fragment = features.fragments
    whole = ~fragment[first] & ~fragment[second]
    # a bare list stem ("Staff must not:", "Please read this policy alongside:") states nothing alone:
    # two schools' stems alike in words are not one rule, however alike (their items have rows);
    # nor does a table of contents' entry, a heading, however alike two schools' are
    stem = features.stems
    wanted = other_school & ~stem[first] & ~stem[second] & (
        ((scores >= settings.row_threshold) & mutual & whole) | (scores >= settings.copy_threshold))
    # nor does a pair that shares no word but whom it names ("It is written for staff, students,
    # parents and governors" / "the staff, children, parents and governors work together")
    wanted[wanted] = _share_content(clauses, rules, first[wanted], second[wanted]) | (scores[wanted] >= settings.copy_threshold)
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
        if len(a) > 1 or len(b) > 1:
            # every clause of one group must be close to every clause of the other (from another
            # school: complete linkage at ``link_floor``), and the two close on average, so a row
            # never chains A~B~C into A with C
            left, right = np.array(a), np.array(b)
            cross_schools = school_code[left][:, None] != school_code[right][None, :]
            cross = (np.minimum.outer(left, right) * n + np.maximum.outer(left, right))[cross_schools]
            if len(cross):
                linked = _lookup(keys, scores, cross)
                if float(linked.min()) < settings.link_floor or float(linked.mean()) < settings.link_threshold:
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


def cross_topic_partners(clauses: Sequence[Clause], model: SimilarityModel, threshold: float) -> list[tuple[int, int]]:
    """Pairs of clauses of two schools, each the other's best match in the other's whole policy,
    at least ``threshold`` similar (whatever topic each was given).

    Worked out on distinct wordings: each wording's best match among each school's wordings,
    so the cost grows with wordings times schools, not with the square of the clauses.
    """
    n = len(clauses)
    if n < 2 or threshold >= 1:
        return []
    school = codes([c.school for c in clauses])
    schools = int(school.max()) + 1
    types, type_of = np.unique(model.type_of, return_inverse=True)
    best_score = np.full((len(types), schools), -1.0)
    best_clause = np.full((len(types), schools), -1, dtype=np.int64)
    # each school's distinct wordings (and one clause of the school for each), compared with the
    # wordings of the other schools only: one very long policy costs its length times the others'
    present = np.zeros((len(types), schools), dtype=bool)
    present[type_of, school] = True
    # each school's column in one of two processes, shared by what it costs: the wordings it is
    # compared with times its own (one school's column each way; the same values wherever worked out)
    elsewhere_of = [np.flatnonzero(present[:, np.arange(schools) != k].any(axis=1)) for k in range(schools)]
    costs = [len(elsewhere_of[k]) * (int(present[:, k].sum()) + 64) for k in range(schools)]  # + a row's own work

    def columns(part: tuple[int, int]) -> list[tuple[int, np.ndarray, np.ndarray]]:
        return [(k, *_best_in_school(model, types, type_of, np.flatnonzero(school == k), elsewhere_of[k]))
                for k in sorted(share_of(costs, *part))]

    for k, score, clause in split_in_two(columns):
        best_score[elsewhere_of[k], k] = score
        best_clause[elsewhere_of[k], k] = clause
    everyone = np.arange(n)
    first_clause = np.repeat(everyone, schools)
    other_school = np.tile(np.arange(schools), n)
    second = best_clause[type_of].ravel()
    score = best_score[type_of].ravel()
    keep = (other_school != school[first_clause]) & (second > first_clause) & (score >= threshold)
    first_clause, second = first_clause[keep], second[keep]
    mutual = best_clause[type_of[second], school[first_clause]] == first_clause
    return list(zip(first_clause[mutual].tolist(), second[mutual].tolist()))


def _best_in_school(
    model: SimilarityModel, types: np.ndarray, type_of: np.ndarray, members: np.ndarray, elsewhere: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For each wording at ``elsewhere`` (indexes into ``types``), its best similarity among the wordings
    of one school's clauses (``members``), and a clause of that school with that wording."""
    own_types, first = np.unique(type_of[members], return_index=True)
    representative = members[first]
    score = np.full(len(elsewhere), -1.0)
    clause = np.full(len(elsewhere), -1, dtype=np.int64)
    for start in range(0, len(elsewhere), SLICE):
        rows = elsewhere[start : start + SLICE]
        sim = model._types_block(types[rows], types[own_types])
        at = np.argmax(sim, axis=1)
        score[start : start + len(rows)] = sim[np.arange(len(rows)), at]
        clause[start : start + len(rows)] = representative[at]
    return score, clause


def similarity_model(
    clauses: Sequence[Clause], settings: AlignSettings, rules: Rules | None, candidates: Sequence[frozenset[str]] | None = None,
    lexical: SimilarityModel | None = None,
) -> SimilarityModel:
    """The similarity model rows are grouped with: matching forms, plus embeddings of the wording.

    With ``candidates`` (each clause's candidate topics), only the wordings that can be some other
    school's close match are embedded; without, every wording is. ``lexical``: the model of the
    same clauses without embeddings (:func:`lexical_model`), which this completes.
    """
    if lexical is None:
        lexical = lexical_model(clauses, settings, rules)
    lexical.add_meaning(
        [c.text for c in clauses], settings.semantic_weight,
        [c.school for c in clauses] if candidates is not None else None, candidates, settings.semantic_candidates,
    )
    return lexical


def lexical_model(clauses: Sequence[Clause], settings: AlignSettings, rules: Rules | None) -> SimilarityModel:
    """The similarity model's words and characters (no embeddings yet: they depend on topics)."""
    return SimilarityModel(_model_texts(clauses, rules), settings.char_ngrams, settings.overlap)


def _model_texts(clauses: Sequence[Clause], rules: Rules | None) -> list[str]:
    cut: dict[str, str] = {}  # per distinct wording: a long policy repeats them
    texts = []
    for c in clauses:
        form = rules.matching_form(c.normalised) if rules else c.normalised
        text = cut.get(form)
        if text is None:
            text = cut[form] = _without_purpose(form)
        texts.append(text)
    return texts


_IN_ORDER_TO = re.compile(r"\s*,?\s*\b(?:in order to|in order that|so as to)\b.*$")


def _without_purpose(text: str) -> str:
    """A clause without the purpose it ends on ("... will be taken if necessary in order to support
    safer working practice and minimise the risk of allegations"): two rules that share a purpose
    are not one rule. Kept whole when little would be left."""
    cut = _IN_ORDER_TO.sub("", text)
    return cut if len(cut.split()) >= 10 else text


def _mutual_best(first: np.ndarray, second: np.ndarray, scores: np.ndarray, school: np.ndarray, other: np.ndarray) -> np.ndarray:
    """For each pair, whether each clause is the other's best match among the other school's clauses."""
    if not len(scores):
        return np.zeros(0, dtype=bool)
    schools = int(school.max()) + 1
    size = (int(max(first.max(), second.max())) + 1) * schools
    valued = np.where(other, scores, -1.0)
    best = np.full(size, -1.0)
    forward, backward = first * schools + school[second], second * schools + school[first]
    np.maximum.at(best, forward, valued)
    np.maximum.at(best, backward, valued)
    return other & (valued >= best[forward] - 1e-12) & (valued >= best[backward] - 1e-12)


# the people a clause names: shared, they are no evidence that two clauses state one rule
_AUDIENCE = frozenset({
    "synstaff", "synpupil", "synparent", "governor", "governors", "governing", "body", "volunteer", "volunteers",
    "contractor", "contractors", "visitor", "visitors", "everyone", "anyone", "community", "school", "schools",
})


def _content(clause: Clause, rules: Rules | None) -> frozenset[str]:
    text = rules.matching_form(clause.normalised) if rules else clause.normalised
    return frozenset(_stem(w) for w in _words(text) if w not in _AUDIENCE)


def _share_content(clauses: Sequence[Clause], rules: Rules | None, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """For each pair, whether the two clauses share a content word besides the people they name."""
    content = {k: _content(clauses[k], rules) for k in set(first.tolist()) | set(second.tolist())}
    return np.array([bool(content[i] & content[j]) for i, j in zip(first.tolist(), second.tolist())], dtype=bool)


def _pair_similarities(
    clauses: Sequence[Clause], candidates: Sequence[frozenset[str]], model: SimilarityModel, settings: AlignSettings, rank: np.ndarray,
    rules: Rules | None = None,
    laws: Sequence[frozenset[str]] | None = None,
    part: tuple[int, int] | None = None,
    features: ClauseFeatures | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Similarity of every pair of clauses that share a candidate topic: sorted keys ``i * n + j``
    (i < j) and their scores, 16 bytes a pair (a dict would take ten times that).

    Pairs from one school are kept only for adjacent sentences; a pair whose clauses are about
    different people (pupils / parents / police / governors), or bind different people (one
    says what staff must do, the other what parents must do), or are about different laws
    (``laws``: one states the Malicious Communications Act's offence, the other the
    Communications Act's), different people's devices (a pupil's phone, staff's own), or where
    one states an exception ("In exceptional circumstances, staff may ...") and the other the
    rule, has its score multiplied by ``role_penalty``. A pair that names different periods ("reviewed every
    year", "every two years") is never kept: however alike the words, they are two rules.
    Pairs below ``link_threshold * role_penalty`` cannot matter and are not kept. Works on
    whole slices of the similarity matrix with numpy rather than pair by pair.

    A pair is scored in one topic only, so the topics are shared between two processes (``part``:
    which of how many shares this call scores; by default this process and a forked one); each pair
    appears once, so the sorted keys are the same however the topics were shared. What each pair is
    checked for is read from each clause once (``features``: :func:`clause_features`, worked out here
    when not given), before the second process starts, so neither works it out again.
    """
    if features is None:
        features = clause_features(clauses, rules)
    if part is None:
        if not can_fork():
            return _pair_similarities(clauses, candidates, model, settings, rank, rules, laws, (0, 1), features)
        other = Background(lambda: _pair_similarities(clauses, candidates, model, settings, rank, rules, laws, (1, 2), features))
        own = _pair_similarities(clauses, candidates, model, settings, rank, rules, laws, (0, 2), features)
        theirs = other.result()
        keys = np.concatenate([own[0], theirs[0]])
        by_key = np.argsort(keys, kind="stable")
        return keys[by_key], np.concatenate([own[1], theirs[1]])[by_key]
    n = len(clauses)
    school_code, order, roles = features.school_code, features.order, features.roles
    not_head = features.not_head
    bound, stance, owned, used_for = features.bound, features.stance, features.owned, features.used_for
    about = bit_sets(laws if laws is not None else [frozenset()] * n)
    every, readings, leads, titles = features.every, features.readings, features.leads, features.titles
    fields, scopes, police, mentions_police = features.fields, features.scopes, features.police, features.mentions_police
    groups, excepted = features.groups, features.excepted
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
    # what a topic costs to score: its pairs of two schools, and a block of rows a slice and a school
    # (a topic of one long policy has many rows and few pairs)
    per_school = np.array([shares[school_code == code].sum(axis=0) for code in np.unique(school_code)]).reshape(-1, len(topics))
    members_in = per_school.sum(axis=0)
    mine = share_of(((members_in**2 - (per_school**2).sum(axis=0)) // 2 + 10 * members_in).tolist(), *part)
    for k, topic in enumerate(topics):
        members = np.array(sorted(np.flatnonzero(shares[:, k]).tolist(), key=lambda i: rank[i]), dtype=np.int64)
        if len(members) < 2 or k not in mine:
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
                other = (roles[i] & not_head != 0) & (roles[j] & not_head != 0) & ((roles[i] & roles[j] & not_head) == 0)
                other |= disjoint(bound, i, j)
                other |= stance[i] * stance[j] < 0  # one forbids what the other allows
                other |= disjoint(owned, i, j) | disjoint(used_for, i, j) | disjoint(about, i, j)
                for bits in readings:  # talking with people or about them; giving details or using them; holding or finding
                    other |= disjoint(bits, i, j)
                other |= leads[i] != leads[j]  # a list's lead-in means its items; a sentence means itself
                other |= titles[i] != titles[j]  # a document's title, and a rule that names the document
                other |= fields[i] != fields[j]  # "Next review: March 2026", and a sentence about review
                other |= scopes[i] != scopes[j]  # whom the policy covers, and a rule for some of them
                # a matter for the police (a short sentence's point), and one that never mentions them
                other |= (police[i] & ~mentions_police[j]) | (police[j] & ~mentions_police[i])
                other |= groups[i] != groups[j]  # a rule for Year 6, and one for every pupil
                other |= excepted[i] != excepted[j]  # "in exceptional circumstances ..." beside the rule itself
                score = np.where(other, score * settings.role_penalty, score)
                allowed &= ~disjoint(every, i, j)  # however alike the words, "every year" and "every two years" are two rules
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
    split = [school for school, orders in a.items() if len(orders) > 1] + [school for school, orders in b.items() if len(orders) > 1]
    for school, orders in small.items():
        other = large.get(school)
        if other is not None:
            both = sorted(orders + other)
            if len(both) > 2 or both[-1] - both[0] != 1:
                return False
            split.append(school)
    # two sentences of one school stand together only against another school's single sentence
    # that states both: when two schools each bring two, each pair of sentences is two rules
    return len(set(split)) <= 1


def reference_clause(members: Sequence[Clause]) -> Clause:
    """The row's most representative clause: the one most similar to the rest (medoid).

    Decided from the members alone (character n-gram vectors fitted on them), so a row whose
    members do not change keeps its reference, and its id, whatever other schools join the trust.
    """
    if len(members) <= 2:
        # with two variants prefer the fuller wording; ties by id
        return sorted(members, key=lambda c: (-len(c.normalised.split()), c.id))[0]
    vectors = char_matrix([c.normalised for c in members])
    totals = np.asarray((vectors @ vectors.T).sum(axis=1)).ravel()
    best = max(range(len(members)), key=lambda k: (round(float(totals[k]), 9), len(members[k].normalised), members[k].id))
    return members[best]


def row_id(topic: str, reference: Clause) -> str:
    """A readable, stable row id: topic plus a short hash of the reference wording."""
    return f"{topic}-{hashlib.sha1(reference.normalised.encode('utf-8')).hexdigest()[:6]}"


def row_aliases(topic: str, members: Sequence[Clause]) -> tuple[str, ...]:
    """Every id the row would have with any of its members as the reference.

    When a new school joins a row its reference may change, and so its id; a curation or
    override entry written before still names the row through one of these.
    """
    return tuple(sorted({row_id(topic, c) for c in members}))


@dataclass(frozen=True)
class Grouping:
    """What the rows stage says: each topic's groups of clause ids, before maintainers' overrides."""

    groups: dict[str, tuple[tuple[str, ...], ...]]  # topic id -> groups of clause ids


@dataclass
class RowsPrep:
    """What grouping rows needs that does not depend on topics, worked out while clauses are
    classified (see :func:`prepare`)."""

    model: SimilarityModel  # words and characters; :func:`group` adds the embeddings
    near: set[tuple[int, int]]  # near copies of two schools
    laws: list[frozenset[str]] | None  # the law each clause states
    features: Background[ClauseFeatures]  # what pairs are checked for, read in a second process


def prepare(clauses: Sequence[Clause], settings: AlignSettings = AlignSettings(), rules: Rules | None = None,
            register: Register | None = None) -> RowsPrep:
    """The parts of :func:`group` that need no topics: the similarity model's words and
    characters, near copies, the law each clause states, and (in a second process) each clause's
    pair checks."""
    features = Background(lambda: clause_features(clauses, rules))
    # the sentence encoder loads while clauses are classified and read, rather than alone when the
    # first wording is embedded (its weights are then shared with every process forked after)
    if settings.semantic_weight > 0:
        prepare_encoder([c.text for c in clauses])
    corpus = [rules.matching_form(c.normalised) if rules else c.normalised for c in clauses]
    model = lexical_model(clauses, settings, rules)
    near = set(near_duplicates(clauses, corpus, settings.near_duplicate, matrix=model.char))
    law_of = LawReader(register) if register else None
    laws = [law_of(c.text, c.section[-1] if c.section else None) for c in clauses] if law_of else None
    return RowsPrep(model, near, laws, features)


def group(
    clauses: Sequence[Clause],
    classification: Classification,
    topics: Sequence[Topic],
    settings: AlignSettings = AlignSettings(),
    rules: Rules | None = None,
    fixed: frozenset[str] = frozenset(),
    register: Register | None = None,
    prep: RowsPrep | None = None,
) -> Grouping:
    """Group the clauses into rows and give each row the topic its members agree on.

    ``fixed``: clauses a maintainer moved, which stay in their topic. ``register``: the
    legislation register, to tell which law a clause states (see :class:`legislation.LawReader`).
    ``prep``: :func:`prepare` of the same clauses, settings, rules and register, if already begun.
    """
    topic_ids = [t.id for t in topics]
    candidates = list(classification.candidates)
    if prep is None:
        prep = prepare(clauses, settings, rules, register)
    # near-identical clauses of two schools must be able to meet even when classification
    # put them in different topics: each also becomes a candidate for the other's topic
    model = similarity_model(clauses, settings, rules, candidates, prep.model)
    # so must a paraphrase and its original, when each is the other's clear best match across
    # the two whole policies (a school that words a rule its own way often files it elsewhere)
    pairs = prep.near | set(cross_topic_partners(clauses, model, settings.cross_topic_threshold))
    laws = prep.laws
    for i, j in sorted(pairs):
        if clauses[i].id not in fixed and clauses[j].id not in fixed:
            candidates[i] = candidates[i] | {classification.best[j]}
            candidates[j] = candidates[j] | {classification.best[i]}
    found: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for members in group_rows(clauses, candidates, settings, rules, model, laws, prep.features.result()):
        common = frozenset.intersection(*(candidates[i] for i in members))
        if len(common) == 1:
            topic = next(iter(common))
        else:
            # the topic the members agree on most strongly
            total = classification.scores[members].sum(axis=0)
            allowed = [k for k, t in enumerate(topic_ids) if t in common]
            topic = topic_ids[max(allowed, key=lambda k: (round(float(total[k]), 9), -k))]
        found[topic].append(tuple(clauses[i].id for i in members))
    return Grouping({topic: tuple(sorted(groups)) for topic, groups in sorted(found.items())})


def build_rows(
    groups: dict[str, list[list[Clause]]], policies: Sequence[Policy], topics: Sequence[Topic], placeholder: str = "[School name]"
) -> tuple[tuple[Row, ...], dict[str, str]]:
    """Rows from final groups (after overrides), in topic order; and each clause's row id.

    In a topic, rows shared by more schools come first, then in the order the text reads.
    """
    patterns = {p.id: school_pattern(p.names) for p in policies}
    sizes = {p.id: max(1, len(p.clauses)) for p in policies}
    rows: list[Row] = []
    clause_row: dict[str, str] = {}
    used_ids: set[str] = set()
    copies: dict[str, int] = {}  # id -> the last copy number given
    for topic in topics:
        built: list[tuple[float, Row]] = []
        # a row's id never depends on other rows: collisions are settled in the order of member ids
        for members in sorted(groups.get(topic.id, []), key=lambda g: sorted(c.id for c in g)):
            reference = reference_clause(members)
            rid = base = row_id(topic.id, reference)
            # rows that read the same (one school's repeated sentence): -2, -3, ... counted on from
            # the last one taken, so n copies cost n steps and ids stay short
            while rid in used_ids:
                copies[base] = copies.get(base, 1) + 1
                rid = f"{base}-{copies[base]}"
            used_ids.add(rid)
            by_school: dict[str, list[str]] = defaultdict(list)
            for clause in sorted(members, key=lambda c: (c.school, c.order)):
                by_school[clause.school].append(clause.id)
                clause_row[clause.id] = rid
            row = Row(
                id=rid,
                topic=topic.id,
                reference=with_placeholder(reference.text, patterns[reference.school], placeholder),
                reference_clause=reference.id,
                clauses={school: tuple(ids) for school, ids in sorted(by_school.items())},
                aliases=tuple(a for a in row_aliases(topic.id, members) if a != rid),
            )
            position = min(c.order / sizes[c.school] for c in members)
            built.append((position, row))
        built.sort(key=lambda item: (-len(item[1].clauses), item[0], item[1].id))
        rows.extend(row for _, row in built)
    return tuple(rows), clause_row
