"""What makes a long source cost time linear in its size finds what the plain searches found.

The quote index, the near-duplicate index and the choice of wordings to embed are checked
against the obvious computation they replace, on the seeds and on made-up texts.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from policy_compare import embeddings
from policy_compare.normalise import load_rules
from policy_compare.overrides import _fold, resolve
from policy_compare.parse import load_policies
from policy_compare.wording import bigrams, content_words, near_duplicate_candidates

from .conftest import ROOT

RULES = load_rules(ROOT / "source_policies" / "normalisation.yml")


def scanned_candidates(texts: list[str]) -> set[tuple[int, int]]:
    """Near-duplicate candidates as they were first found: every text's rarest keys against every text."""
    features = [(bigrams(t), set(content_words(t))) for t in texts]
    posting: dict[object, list[int]] = {}
    for i, (pairs, content) in enumerate(features):
        for key in [*pairs, *(("w", c) for c in content)]:
            posting.setdefault(key, []).append(i)
    found: set[tuple[int, int]] = set()
    equal: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        equal.setdefault(text.strip().lower(), []).append(i)
    for same in equal.values():
        found.update((a, b) for k, a in enumerate(same) for b in same[k + 1 :])
    for i, (pairs, content) in enumerate(features):
        for keys in (sorted(pairs, key=lambda k: (len(posting[k]), k)), sorted((("w", c) for c in content), key=lambda k: (len(posting[k]), k))):
            for key in keys[: len(keys) - -(-3 * len(keys) // 4) + 1] if keys else []:
                found.update((min(i, j), max(i, j)) for j in posting[key] if j != i)
    return found


WORDS = ["staff", "pupils", "must", "not", "share", "photos", "online", "with", "parents", "the", "school", "w", "images", "never"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join), min_size=2, max_size=25))
def test_near_duplicate_candidates_are_those_of_the_plain_search(texts: list[str]) -> None:
    assert near_duplicate_candidates(texts) == scanned_candidates(texts)


def test_near_duplicate_candidates_on_the_seeds() -> None:
    texts = [c.text for p in load_policies(ROOT / "source_policies", RULES) for c in p.clauses]
    assert near_duplicate_candidates(texts) == scanned_candidates(texts)


def test_a_quote_finds_what_a_scan_of_every_clause_finds() -> None:
    index = {c.id: c for p in load_policies(ROOT / "source_policies", RULES) for c in p.clauses}
    some = sorted(index.values(), key=lambda c: c.id)[::7]
    quotes = ["must", "social media", "ocial medi", "  Staff   must not ", "“personal” accounts", "ZZZ nothing"]
    for clause in some:
        words = clause.text.split()
        quotes += [" ".join(words[:5]), " ".join(words[1:3]), clause.text[3:40]]
    for clause in some:
        for quote in quotes:
            wanted = _fold(quote)
            hits = [c for c in index.values() if c.school == clause.school and wanted in _fold(c.text)]
            found, problem = resolve(f"{clause.school}: {quote}", index)
            assert (found, bool(problem)) == ((hits[0], False) if len(hits) == 1 else (None, True)), quote


def test_wordings_worth_embedding_are_each_ones_closest_in_another_school() -> None:
    # wordings 0-2 of school a, 3-5 of school b; similarity is given, one topic for all
    similarity = np.array([
        [1.0, 0.0, 0.0, 0.9, 0.2, 0.2],
        [0.0, 1.0, 0.0, 0.1, 0.5, 0.0],
        [0.0, 0.0, 1.0, 0.0, 0.0, 0.0],
        [0.9, 0.1, 0.0, 1.0, 0.0, 0.0],
        [0.2, 0.5, 0.0, 0.0, 1.0, 0.0],
        [0.2, 0.0, 0.0, 0.0, 0.0, 1.0],
    ])

    def lexical(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        return similarity[np.ix_(rows, cols)]

    type_of = np.arange(6)
    schools = ["a", "a", "a", "b", "b", "b"]
    topics = [frozenset({"t"})] * 6
    # the closest one: 3 and 4 find 0 and 1, 5 finds 0; 0 finds 3, 1 finds 4; 2 (like nothing) is nobody's
    assert embeddings.worth_embedding(lexical, type_of, schools, topics, 1).tolist() == [0, 1, 3, 4]
    # two closest, ties included (0 finds 4 and 5 equally), never one not alike at all
    assert embeddings.worth_embedding(lexical, type_of, schools, topics, 2).tolist() == [0, 1, 3, 4, 5]


def test_vectors_are_stored_whole_and_read_back(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    class Encoder:
        def __init__(self) -> None:
            self.calls: list[list[str]] = []

        def encode(self, batch: list[str]) -> np.ndarray:
            self.calls.append(list(batch))
            return np.array([[len(t), 1.0, 2.0] for t in batch], dtype=np.float32)

    encoder = Encoder()
    for name, value in (("_EMBEDDINGS", {}), ("_RAW", {}), ("_STORED", set()), ("_ASKED", set())):
        monkeypatch.setattr(embeddings, name, value)
    monkeypatch.setattr(embeddings, "_encoder", lambda: encoder)
    store = tmp_path / "cache" / "embeddings.pickle"
    embeddings.load(store)  # none yet
    first = embeddings.embed(["Staff must not.", "Pupils may."])
    embeddings.save(store)
    saved = pickle.loads(store.read_bytes())
    assert saved["texts"] == ["Pupils may.", "Staff must not."] and saved["vectors"].dtype == np.float32
    assert sorted(p.name for p in store.parent.iterdir()) == ["embeddings.pickle"]  # no temporary file left
    # another process: nothing is encoded again, and the vectors are the same
    for name, value in (("_EMBEDDINGS", {}), ("_RAW", {}), ("_STORED", set()), ("_ASKED", set())):
        monkeypatch.setattr(embeddings, name, value)
    embeddings.load(store)
    embeddings.load(store)  # a rebuild in the same process reads back what it has already
    assert np.array_equal(embeddings.embed(["Staff must not.", "Pupils may."]), first)
    assert encoder.calls == [["Pupils may.", "Staff must not."]]
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0)
    # the next alignment asks for one wording only: the store keeps what it asked for
    embeddings.save(store)
    embeddings.embed(["Governors should."])
    embeddings.save(store)
    assert pickle.loads(store.read_bytes())["texts"] == ["Governors should."]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join), min_size=2, max_size=25))
def test_alike_with_words_cached_per_text_is_alike_worked_out_afresh(texts: list[str]) -> None:
    # NearDuplicateIndex reads each wording once (wording._said is cached, keys and prefixes kept
    # per distinct text): the same verdicts as working out both texts' words for every pair
    from policy_compare import wording

    texts = texts + texts[::2]  # recurring wordings, as a long policy's copies
    index = wording.NearDuplicateIndex(texts)
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            fresh = wording._alike(wording._said.__wrapped__(texts[i]), wording._said.__wrapped__(texts[j]), 0.75)
            assert index.alike(i, j) == fresh
    assert near_duplicate_candidates(texts) == scanned_candidates(texts)


def test_topic_scores_of_a_wording_worked_out_once_are_those_worked_out_afresh() -> None:
    # classify.topic_scores keeps each wording's own scores and each run of headings' scores: a
    # school copied whole (same wordings, headings and order) gets, from the memo, exactly the
    # figures its original got worked out afresh
    from dataclasses import replace

    from policy_compare.align import load_topics
    from policy_compare.classify import topic_scores
    from policy_compare.pipeline import DEFAULT_TOPICS

    policies = load_policies(ROOT / "source_policies", RULES)
    original = list(policies[0].clauses)
    copies = [replace(c, id=f"copy-{c.id}", school="zz-copy") for c in original]
    scores = topic_scores([*original, *copies], load_topics(DEFAULT_TOPICS), rules=RULES)
    assert scores.shape[0] == 2 * len(original) and scores.any()
    assert np.array_equal(scores[: len(original)], scores[len(original) :])


def test_fragments_judged_once_per_wording_are_judged_afresh() -> None:
    from policy_compare import wording

    texts = [c.text for p in load_policies(ROOT / "source_policies", RULES) for c in p.clauses]
    texts += [" | ".join(texts[k : k + 2]) for k in range(0, 40, 2)]  # table rows: judged cell by cell
    wording.is_fragment.cache_clear()
    assert [wording.is_fragment(t) for t in texts * 2] == [wording.is_fragment.__wrapped__(t) for t in texts * 2]


def test_a_passage_is_given_the_meaning_of_its_opening_only_when_it_is_longer_than_any_policy_section() -> None:
    from policy_compare.passages import MEANING_CHARS, opening

    short = "Staff must not accept friend requests from pupils. " * 10
    assert opening(short) == short
    long = "Pupils must not share images of others without consent. " * 500  # 28,500 characters
    read = opening(long)
    assert len(read) <= MEANING_CHARS and long.startswith(read) and not read.endswith(" ")
    assert long[len(read)] == " "  # cut between words
    assert opening("x" * (MEANING_CHARS + 5)) == "x" * MEANING_CHARS  # no space to cut at: cut at the limit
