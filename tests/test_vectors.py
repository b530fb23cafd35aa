"""Our TF-IDF (policy_compare.vectors) against scikit-learn's, value for value."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from policy_compare import vectors
from policy_compare.tokens import analyse as _analyse
from policy_compare.normalise import load_rules
from policy_compare.parse import load_policies

from .conftest import ROOT


@pytest.fixture(scope="module")
def seed_texts() -> list[str]:
    rules = load_rules(ROOT / "source_policies" / "normalisation.yml")
    return [rules.matching_form(c.normalised) for p in load_policies(ROOT / "source_policies", rules, ROOT) for c in p.clauses]


def _sklearn_char(text: str) -> list[str]:
    return TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).build_analyzer()(text)


@given(st.text(max_size=80))
def test_char_ngrams_are_scikit_learns(text: str) -> None:
    assert vectors.char_wb(text) == _sklearn_char(text)


@pytest.mark.parametrize("analyser", [_analyse, vectors.char_wb], ids=["words", "characters"])
def test_fit_transform_matches_scikit_learn_on_the_seeds(seed_texts: list[str], analyser) -> None:
    ours = vectors.Tfidf(analyser, sublinear=True).fit_transform(seed_texts)
    theirs = TfidfVectorizer(analyzer=analyser, sublinear_tf=True).fit_transform(seed_texts)
    assert ours.shape == theirs.shape
    np.testing.assert_allclose(ours.toarray(), theirs.toarray(), rtol=0, atol=1e-12)


def test_transform_of_unseen_texts_ignores_new_terms(seed_texts: list[str]) -> None:
    fit, other = seed_texts[:200], seed_texts[200:] + ["words nobody used zzqx"]
    ours = vectors.Tfidf(_analyse).fit(fit).transform(other)
    theirs = TfidfVectorizer(analyzer=_analyse, sublinear_tf=True).fit(fit).transform(other)
    np.testing.assert_allclose(ours.toarray(), theirs.toarray(), rtol=0, atol=1e-12)


def test_counts_vocabulary_and_weighted_idf(seed_texts: list[str]) -> None:
    matrix, vocabulary = vectors.counts(seed_texts, _analyse)
    reference = CountVectorizer(analyzer=_analyse)
    expected = reference.fit_transform(seed_texts)
    assert vocabulary == reference.vocabulary_
    assert (matrix != expected).nnz == 0
    # three copies of a text weigh as three documents
    distinct = sorted(set(seed_texts))
    copies = np.array([seed_texts.count(t) for t in distinct], dtype=float)
    weighted = vectors.idf(vectors.counts(distinct, _analyse)[0], copies)
    np.testing.assert_allclose(weighted, TfidfVectorizer(analyzer=_analyse).fit(seed_texts).idf_, rtol=0, atol=1e-12)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(alphabet="ab cd\n", max_size=20), min_size=1, max_size=8))
def test_any_small_corpus_matches_or_has_no_terms(texts: list[str]) -> None:
    ours = vectors.Tfidf(vectors.char_wb).fit_transform(texts)
    try:
        theirs = TfidfVectorizer(analyzer=vectors.char_wb, sublinear_tf=True).fit_transform(texts)
    except ValueError:  # scikit-learn refuses an empty vocabulary; ours is an empty matrix
        assert ours.shape == (len(texts), 0)
        return
    np.testing.assert_allclose(ours.toarray(), theirs.toarray(), rtol=0, atol=1e-12)


def test_the_plugin_does_not_import_scikit_learn() -> None:
    import subprocess
    import sys

    code = "import sys, policy_compare.plugin, policy_compare.site; print('sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_cached_word_grams_and_stems_are_what_the_uncached_functions_give(seed_texts: list[str]) -> None:
    # char_wb keeps each word's n-grams, tokens.stem each word's stem: cold or warm, the same terms
    from policy_compare import tokens

    words = sorted({w for text in seed_texts for w in text.lower().split()})
    vectors._word_grams.cache_clear()
    tokens.stem.cache_clear()
    cold = [vectors.char_wb(text) for text in seed_texts], [tokens.stem(w) for w in words]
    warm = [vectors.char_wb(text) for text in seed_texts], [tokens.stem(w) for w in words]
    uncached = ([[g for w in text.lower().split() for g in vectors._word_grams.__wrapped__(w, 3, 5)] for text in seed_texts],
                [tokens.stem.__wrapped__(w) for w in words])
    assert cold == warm == uncached
    assert cold[0][:50] == [_sklearn_char(text) for text in seed_texts[:50]]


def test_counts_of_repeated_texts_repeat_the_first_rows_counts() -> None:
    texts = ["staff must not", "pupils may", "staff must not", "", "pupils may"]
    matrix, vocabulary = vectors.counts(texts, vectors.char_wb)
    reference = CountVectorizer(analyzer=vectors.char_wb)
    assert vocabulary == reference.fit(texts).vocabulary_
    assert (matrix != reference.transform(texts)).nnz == 0
    assert matrix.has_sorted_indices
    fixed, _ = vectors.counts(["staff may", "nobody"] * 2, vectors.char_wb, vocabulary)
    assert (fixed != reference.transform(["staff may", "nobody"] * 2)).nnz == 0
