"""The second process a build may use: same value as computing in place, errors raised again."""

from __future__ import annotations

import pickle

import pytest

from policy_compare.background import Background, can_fork
from policy_compare.errors import PolicyError


def _value() -> dict[str, object]:
    return {"pages": {"a.md": "text", "b.docx": b"\x00bytes"}, "n": sorted({3, 1, 2})}


@pytest.mark.parametrize("forked", [False, True])
def test_same_value_either_way(forked: bool) -> None:
    if forked and not can_fork():
        pytest.skip("no fork here")
    assert Background(_value, forked=forked).result() == _value()


@pytest.mark.parametrize("forked", [False, True])
def test_a_policy_error_is_raised_again(forked: bool) -> None:
    if forked and not can_fork():
        pytest.skip("no fork here")

    def fails() -> None:
        raise PolicyError("source_policies/curation.yml", "unknown row", 12, hint="check the id")

    with pytest.raises(PolicyError) as caught:
        Background(fails, forked=forked).result()
    assert (caught.value.path, caught.value.line, caught.value.message, caught.value.hint) == (
        "source_policies/curation.yml", 12, "unknown row", "check the id")


def test_policy_error_pickles_with_its_parts() -> None:
    error = PolicyError("a.md", "bad", 3, hint="fix it")
    back = pickle.loads(pickle.dumps(error))
    assert str(back) == str(error) and back.line == 3


def test_an_error_that_does_not_pickle_becomes_a_runtime_error() -> None:
    if not can_fork():
        pytest.skip("no fork here")

    class Local(Exception):  # a local class cannot be pickled
        pass

    def fails() -> None:
        raise Local("inside")

    with pytest.raises(RuntimeError, match="inside"):
        Background(fails, forked=True).result()


def test_many_wordings_are_encoded_in_two_processes_to_the_same_vectors(monkeypatch: pytest.MonkeyPatch) -> None:
    import numpy as np

    from policy_compare import background, embeddings

    class Encoder:
        def encode(self, batch: list[str]) -> np.ndarray:
            # a vector that depends on the whole batch, as a real encoder's last bits may
            return np.array([[len(t), sum(map(len, batch)) % 7 + 1.0, 2.0] for t in batch], dtype=np.float32)

    texts = [f"Rule {k} says {'x' * (k % 13)}." for k in range(700)]
    found = []
    for fork in (False, True):
        for name, value in (("_EMBEDDINGS", {}), ("_RAW", {}), ("_STORED", set()), ("_ASKED", set())):
            monkeypatch.setattr(embeddings, name, value)
        monkeypatch.setattr(embeddings, "_encoder", Encoder)
        monkeypatch.setattr(background, "can_fork", lambda fork=fork: fork and can_fork())
        found.append(embeddings.embed(texts))
    assert np.array_equal(found[0], found[1])


def test_pairs_scored_in_two_processes_are_those_scored_in_one(root, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    from policy_compare import background, rows
    from policy_compare.align import load_topics
    from policy_compare.classify import classify
    from policy_compare.model import AlignSettings
    from policy_compare.normalise import load_rules
    from policy_compare.parse import load_policies

    if not can_fork():
        pytest.skip("no fork here")
    rules = load_rules()
    clauses = [c for p in load_policies(root / "source_policies", rules) for c in p.clauses]
    settings = AlignSettings()
    candidates = list(classify(clauses, load_topics(root / "source_policies" / "topics.yml"), settings, rules).candidates)
    model = rows.similarity_model(clauses, settings, rules, candidates)
    rank = np.argsort(np.argsort([c.id for c in clauses], kind="stable"))
    found = []
    for fork in (False, True):
        monkeypatch.setattr(rows, "can_fork", lambda fork=fork: fork)
        found.append(rows._pair_similarities(clauses, candidates, model, settings, rank, rules))
    assert np.array_equal(found[0][0], found[1][0]) and np.array_equal(found[0][1], found[1][1])
    assert len(found[0][0]) > 1000 and len(np.unique(found[0][0])) == len(found[0][0])  # each pair once
    halves = [background.share_of([9, 1, 5, 5, 2], part, 2) for part in (0, 1)]
    assert halves[0] | halves[1] == set(range(5)) and not halves[0] & halves[1]


def test_a_fork_that_fails_computes_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    import multiprocessing.process

    def refused(self: object) -> None:
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", refused)
    assert Background(_value, forked=True).result() == _value()
