"""Word-level differences between two wordings, with diff-match-patch.

Words (and the spaces and punctuation between them) are mapped to single characters so
that diff-match-patch works at word granularity; semantic clean-up then merges the noise.
Output is escaped HTML using ``<ins>`` and ``<del>``, readable without colour.
"""

from __future__ import annotations

import html
import re

from diff_match_patch import diff_match_patch

from .normalise import strip_structure

_TOKEN = re.compile(r"\w+(?:['\u2019]\w+)*|\s+|[^\w\s]")


def tokens(text: str) -> list[str]:
    """Words, runs of space and single punctuation marks: the units a diff works on."""
    return _TOKEN.findall(text)


def word_diff(reference: str, variant: str) -> list[tuple[int, str]]:
    """``(op, text)`` pieces turning ``reference`` into ``variant``: -1 deleted, 1 inserted, 0 same.

    Clause numbers and bullets are structure, not wording: they are stripped first.
    """
    a, b = strip_structure(reference), strip_structure(variant)
    if a == b:  # a row's only wording is its reference: what diff-match-patch would say, without the work
        return [(0, a)] if a else []
    vocabulary: dict[str, str] = {}
    words: list[str] = []

    def encode(text: str) -> str:
        out = []
        for token in tokens(text):
            if token not in vocabulary:
                vocabulary[token] = chr(0xE000 + len(words)) if len(words) < 6400 else chr(0xF0000 + len(words))
                words.append(token)
            out.append(vocabulary[token])
        return "".join(out)

    engine = diff_match_patch()
    engine.Diff_Timeout = 0  # deterministic: never cut short by the clock
    diffs = engine.diff_main(encode(a), encode(b), False)
    engine.diff_cleanupSemantic(diffs)
    decode = {v: k for k, v in vocabulary.items()}
    merged: list[tuple[int, str]] = []
    for op, chars in diffs:
        text = "".join(decode[c] for c in chars)
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged


def diff_html(reference: str, variant: str) -> str:
    """The variant's wording with its differences from ``reference`` marked up, escaped."""
    parts = []
    for op, text in word_diff(reference, variant):
        escaped = html.escape(text, quote=False)
        if op == 0:
            parts.append(escaped)
        elif op == 1:
            parts.append(f'<ins title="added">{escaped}</ins>')
        else:
            parts.append(f'<del title="removed">{escaped}</del>')
    return "".join(parts)


def similarity(reference: str, variant: str) -> float:
    """Share of the words that the two wordings have in common (0..1)."""
    pieces = word_diff(reference, variant)
    same = sum(len(t.split()) for op, t in pieces if op == 0)
    total = sum(len(t.split()) for op, t in pieces)
    return same / total if total else 1.0
