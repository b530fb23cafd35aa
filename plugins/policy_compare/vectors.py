"""TF-IDF vectors, computed as scikit-learn's ``TfidfVectorizer`` computes them.

Why not import scikit-learn at build time: importing ``sklearn.feature_extraction`` takes
0.7 s (it pulls in scipy.stats and more), which is more than MkDocs needs to build a
whole five-school site without the plugin. The arithmetic we use is small: term counts,
smoothed IDF, optional sublinear TF, rows scaled to unit length. ``tests/test_vectors.py``
checks these functions against scikit-learn itself (a test dependency), value for value.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache

import numpy as np
from scipy import sparse

Analyser = Callable[[str], list[str]]

_SPACES = re.compile(r"\s\s+")


def char_wb(text: str, low: int = 3, high: int = 5) -> list[str]:
    """Character n-grams inside word boundaries, lower-cased (scikit-learn's ``char_wb``)."""
    grams: list[str] = []
    for word in _SPACES.sub(" ", text.lower()).split():
        grams.extend(_word_grams(word, low, high))
    return grams


@lru_cache(maxsize=1 << 16)
def _word_grams(word: str, low: int, high: int) -> tuple[str, ...]:
    """One word's character n-grams, padded with a space each side; a word shorter than n is
    counted once, whole. Cached: a policy repeats its words far more often than it has words."""
    padded = f" {word} "
    length = len(padded)
    grams: list[str] = []
    for n in range(low, high + 1):
        if length <= n:
            grams.append(padded)
            break
        grams.extend([padded[offset : offset + n] for offset in range(length - n + 1)])
    return tuple(grams)


def counts(texts: Sequence[str], analyser: Analyser, vocabulary: dict[str, int] | None = None) -> tuple[sparse.csr_matrix, dict[str, int]]:
    """Term counts (texts x terms) and the vocabulary: terms sorted, as CountVectorizer does.

    With a ``vocabulary``, terms outside it are ignored (as ``transform`` does).
    """
    distinct: dict[str, int] = {}  # a text that recurs is analysed once
    row_of = [distinct.setdefault(text, len(distinct)) for text in texts]
    tallies = [Counter(analyser(text)) for text in distinct]
    if vocabulary is not None:
        index = dict(vocabulary)
    else:
        index = {term: k for k, term in enumerate(sorted(set().union(*tallies)))}
    indices: list[int] = []
    values: list[int] = []
    indptr = [0]
    for tally in tallies:
        if vocabulary is not None:
            tally = Counter({term: count for term, count in tally.items() if term in index})
        indices.extend(map(index.__getitem__, tally))
        values.extend(tally.values())
        indptr.append(len(indices))
    matrix = sparse.csr_matrix(
        (np.array(values, dtype=np.float64), np.array(indices, dtype=np.int64), np.array(indptr, dtype=np.int64)),
        shape=(len(distinct), len(index)),
    )
    matrix.sort_indices()
    if len(distinct) < len(texts):  # each text's row, copied from its first occurrence's
        matrix = matrix[np.array(row_of, dtype=np.int64)]
        matrix.sort_indices()
    return matrix.tocsr(), index


def idf(matrix: sparse.csr_matrix, weights: np.ndarray | None = None) -> np.ndarray:
    """Smoothed IDF, ``ln((1 + n) / (1 + df)) + 1``; row k stands for ``weights[k]`` documents."""
    rows = matrix.shape[0]
    weights = np.ones(rows) if weights is None else np.asarray(weights, dtype=np.float64)
    present = matrix.copy()
    present.data[:] = 1.0
    df = np.asarray(present.T @ weights).ravel()
    return np.log((1 + float(weights.sum())) / (1 + df)) + 1


def l2_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Each row scaled to unit length (rows of zeros stay zero)."""
    matrix = sparse.csr_matrix(matrix, dtype=np.float64, copy=True)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    matrix.data /= np.repeat(norms, np.diff(matrix.indptr))
    return matrix


def tfidf(matrix: sparse.csr_matrix, weights_idf: np.ndarray, sublinear: bool = True) -> sparse.csr_matrix:
    """Counts -> TF-IDF rows of unit length."""
    tf = sparse.csr_matrix(matrix, dtype=np.float64, copy=True)
    if sublinear:
        tf.data = np.log(tf.data) + 1
    tf.data *= weights_idf[tf.indices]
    return l2_rows(tf)


class Tfidf:
    """``TfidfVectorizer(analyzer=..., sublinear_tf=...)``: fit on some texts, transform others."""

    def __init__(self, analyser: Analyser, sublinear: bool = True) -> None:
        self.analyser = analyser
        self.sublinear = sublinear
        self.vocabulary: dict[str, int] = {}
        self.idf = np.zeros(0)

    def _fit(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """Learn the vocabulary and IDF of ``texts``; their counts, for ``fit_transform``."""
        matrix, self.vocabulary = counts(texts, self.analyser)
        self.idf = idf(matrix)
        return matrix

    def fit(self, texts: Sequence[str]) -> Tfidf:
        self._fit(texts)
        return self

    def transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        matrix, _ = counts(texts, self.analyser, self.vocabulary)
        return tfidf(matrix, self.idf, self.sublinear)

    def fit_transform(self, texts: Sequence[str]) -> sparse.csr_matrix:
        return tfidf(self._fit(texts), self.idf, self.sublinear)
