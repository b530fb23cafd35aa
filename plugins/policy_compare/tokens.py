"""Words and stems for matching: the analyser that topic scoring and row similarity share.

Light and deterministic: a stop list, a suffix-stripping stemmer and word bigrams. Nothing
here is shown to a reader; verbatim text always stays on the clause.
"""

from __future__ import annotations

import re
from functools import lru_cache

_STOP = frozenset(
    """a an and are as at be been by can could do does for from has have in into is it its
    may might must not of on or our should so such that the their them they this those to
    was we were which who will with would any all also other than there these when where""".split()
)
_WORD = re.compile(r"[a-z0-9']+")


def words(text: str) -> list[str]:
    """Content words of ``text``, lower-cased (stop words and one-letter words left out)."""
    return [w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1]


def analyse(text: str) -> list[str]:
    """Stems and stem bigrams: the terms of a TF-IDF vector."""
    stems = [stem(w) for w in words(text)]
    return stems + [f"{a} {b}" for a, b in zip(stems, stems[1:])]


@lru_cache(maxsize=1 << 16)  # a policy repeats its words far more often than it has words
def stem(word: str) -> str:
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
