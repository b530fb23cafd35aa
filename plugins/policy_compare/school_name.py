"""Find the school's name in a policy's own text, and make an id from it (for importing a folder).

Looks for names ending in School, Academy or College ("Heaton St. Barnabas' CE (VA) Primary School",
"WHITCHURCH PRIMARY SCHOOL"); the name written most often wins, earlier lines breaking ties.
"""

from __future__ import annotations

import re
from collections import Counter

from .normalise import Rules

# A capitalised word, an abbreviation like "St." or "CE", a bracketed "(VA)", or a linking word inside a name
_WORD = r"(?:[A-Z][A-Za-z'\u2019.&-]*|\([A-Z]{1,4}\)|of|the|and|&)"
_NAME = re.compile(rf"(?<![\w'])((?:{_WORD}\s+){{1,7}}?)(School|Academy|College)\b")
# Words that start a sentence or a reference to the school without being part of its name
_NOT_NAME = {
    "the", "this", "our", "a", "an", "each", "every", "all", "any", "whole", "at", "in", "of", "and", "for", "to",
    "by", "with", "from", "on", "as", "that", "when", "where", "staff", "governors", "pupils", "parents", "your", "their",
}


def find_school_name(lines: list[str], rules: Rules) -> str | None:
    """The school's name as the policy writes it most often (capitals made title case), or None."""
    generic = set(rules.generic_words)
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for number, raw in enumerate(lines):
        line = raw.replace("**", "").replace("\u2019", "'")
        if line.isupper():
            line = _title_case(line)
        for match in _NAME.finditer(line):
            words = match.group(1).split()
            while words and words[0].lower() in _NOT_NAME:
                words = words[1:]
            if not words or all(w.lower().strip("().") in generic for w in words):
                continue  # "Primary School", "the School": no name in it
            name = " ".join([*words, match.group(2)])
            counts[name] += 1
            first_seen.setdefault(name, number)
    if not counts:
        return None
    # a longer name that contains a shorter one counts its mentions too ("Buckminster School" inside
    # "Buckminster Primary School" does not, as it is not a substring; "St Mary's Primary School" does)
    best = max(counts, key=lambda n: (counts[n] + sum(c for other, c in counts.items() if other != n and n in other), -first_seen[n]))
    return best


def _title_case(line: str) -> str:
    small = {"of", "the", "and"}
    words = []
    for index, word in enumerate(line.split(" ")):
        if re.fullmatch(r"\(?[A-Z]{1,3}\)?", word) and word.strip("()") in ("CE", "VA", "VC", "RC", "C", "E"):
            words.append(word)  # "CE (VA)" stays in capitals
        elif index and word.lower() in small:
            words.append(word.lower())
        else:
            words.append(word[:1] + word[1:].lower())
    return " ".join(words)


def school_id(name: str, rules: Rules, taken: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    """A short id from a school's name: its distinctive words ("Heaton St. Barnabas' CE (VA) Primary School"
    is ``heaton-st-barnabas``), numbered on when ``taken`` already has it."""
    from .importer import slugify

    generic = set(rules.generic_words)
    words = [w for w in name.split() if w.lower().strip("().,") not in generic]
    base = slugify(" ".join(words) or name)
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
