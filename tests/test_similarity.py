"""The similarity model computes vectors once per distinct text; figures must be those of the whole corpus."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer  # the reference (a test dependency)
from sklearn.preprocessing import normalize

from policy_compare.align import SimilarityModel, _analyse, _lookup

TEXTS = [
    "Staff must never add pupils as friends on social networking sites.",
    "Staff must never add pupils as friends on social networking sites.",
    "Staff should not make friends of pupils.",
    "Staff must not add parents as friends.",
    "Where indecent images are found, the police must be informed.",
    "Staff must never add pupils as friends on social networking sites.",
    "Where other unsuitable material is found, inform the headteacher.",
]


def _reference(texts: list[str]) -> np.ndarray:
    """Word + character TF-IDF cosine exactly as scikit-learn computes it over every text."""
    word = normalize(TfidfVectorizer(analyzer=_analyse, sublinear_tf=True).fit_transform(texts))
    char = normalize(TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(texts))
    return ((word @ word.T).toarray() + (char @ char.T).toarray()) / 2


def test_distinct_text_vectors_give_the_whole_corpus_cosines() -> None:
    model = SimilarityModel(TEXTS, char_ngrams=True, overlap=False)
    assert len(set(model.type_of.tolist())) == 5  # three copies of one sentence share a vector
    np.testing.assert_allclose(model.matrix(range(len(TEXTS))), _reference(TEXTS), atol=1e-12)
    rows, cols = [6, 0, 2], [1, 5, 3, 0]
    np.testing.assert_allclose(model.block(rows, cols), _reference(TEXTS)[np.ix_(rows, cols)], atol=1e-12)


def test_character_vectors_are_per_clause_and_unit_length() -> None:
    char = SimilarityModel(TEXTS).char
    assert char is not None and char.shape[0] == len(TEXTS)
    np.testing.assert_allclose(np.asarray(char.multiply(char).sum(axis=1)).ravel(), 1.0)
    assert (char[0] != char[5]).nnz == 0


def test_pair_lookup_finds_kept_pairs_and_gives_zero_otherwise() -> None:
    keys = np.array([3, 7, 12], dtype=np.int64)
    scores = np.array([0.5, 0.25, 0.75])
    assert _lookup(keys, scores, np.array([7, 4, 12, 99, 0])).tolist() == [0.25, 0.0, 0.75, 0.0, 0.0]
    assert _lookup(keys[:0], scores[:0], np.array([1])).tolist() == [0.0]
