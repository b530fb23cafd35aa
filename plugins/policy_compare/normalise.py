"""Turn verbatim clause text into the normalised form used for matching.

The rules are data (``data/normalisation.yml`` or a maintainer's copy); this module
only applies them. It never changes what the site displays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .errors import PolicyError
from .safe_yaml import safe_load

DEFAULT_RULES = Path(__file__).parent / "data" / "normalisation.yml"

# paired emphasis markers only: a lone "*" or "_" is text, not markup
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\3(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
_CLAUSE_NUMBER = re.compile(r"^\s*(?:\(?[0-9]+(?:\.[0-9]+)*\)?\.?|\(?[a-z]\)|[ivx]+\))\s+")
_BULLET = re.compile(r"^\s*[\u00b7\u2022\u25cf\u25aa\u2013*+-]\s+")


@dataclass(frozen=True)
class Rules:
    """Normalisation rules loaded from a YAML file."""

    generic_words: tuple[str, ...]
    placeholder: str
    replacements: tuple[tuple[re.Pattern[str], str], ...]
    source: str
    synonyms: tuple[tuple[re.Pattern[str], str], ...] = ()
    # the forms worked out under these rules (trusts copy wording: the same sentence recurs in many
    # schools, and each stage asks for it); not part of what the rules are
    _forms: dict[str, str] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __hash__(self) -> int:
        """The dataclass's hash, worked out once (as :class:`legislation.Register`'s): the look-ups
        remembered per rule set (each wording's normalised form, a heading's audience) would otherwise
        hash every rule on every call, 4 microseconds each for each of a 5 MB source's 40,000 clauses."""
        known = self.__dict__.get("_hash")
        if known is None:
            known = hash((self.generic_words, self.placeholder, self.replacements, self.source, self.synonyms))
            object.__setattr__(self, "_hash", known)
        return known

    def __getstate__(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if k != "_hash"}  # a hash is no value to keep

    def matching_form(self, normalised: str) -> str:
        """Normalised text with synonyms folded to one word each, for similarity only."""
        form = self._forms.get(normalised)
        if form is None:
            if len(self._forms) >= _FORMS_LIMIT:
                self._forms.clear()
            form = normalised
            for pattern, canonical in self.synonyms:
                form = pattern.sub(canonical, form)
            self._forms[normalised] = form
        return form


_FORMS_LIMIT = 1 << 17  # forms kept per rule set, so `mkdocs serve` does not grow without end


def load_rules(path: str | Path | None = None) -> Rules:
    """Load normalisation rules; ``None`` gives the rules shipped with the package."""
    rule_path = Path(path) if path else DEFAULT_RULES
    return _load_rules_cached(str(rule_path), rule_path.stat().st_mtime_ns if rule_path.exists() else 0)


@lru_cache(maxsize=8)
def _load_rules_cached(path: str, _mtime: int) -> Rules:
    try:
        data = safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except FileNotFoundError as exc:
        raise PolicyError(path, "normalisation rules file not found") from exc
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise PolicyError(path, f"not valid YAML: {exc}", line + 1 if line is not None else None) from exc
    replacements: list[tuple[re.Pattern[str], str]] = []
    for index, entry in enumerate(data.get("replacements") or []):
        try:
            pattern = re.compile(entry["pattern"])
            # expand the replacement once (against an empty match) so a bad group reference fails here
            re.compile(f"(?:{pattern.pattern})|").sub(str(entry["replacement"]), "", count=1)
            replacements.append((pattern, str(entry["replacement"])))
        except (KeyError, TypeError, re.error) as exc:
            raise PolicyError(path, f"replacement {index + 1} is not a valid {{pattern, replacement}}: {exc}") from exc
    synonyms: list[tuple[re.Pattern[str], str]] = []
    for index, group in enumerate(data.get("synonyms") or []):
        if not isinstance(group, list) or len(group) < 2:
            raise PolicyError(path, f"synonym group {index + 1} must list at least two words")
        words = sorted({str(w).lower() for w in group}, key=lambda w: (-len(w), w))
        canonical = "syn" + re.sub(r"\W+", "", str(group[0]).lower())
        alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
        synonyms.append((re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), canonical))
    return Rules(
        generic_words=tuple(str(w).lower() for w in data.get("school_name_generic_words") or ()),
        placeholder=str(data.get("school_placeholder", "the school")),
        replacements=tuple(replacements),
        source=path,
        synonyms=tuple(synonyms),
    )


@lru_cache(maxsize=1 << 16)  # a long policy repeats its wordings; parsing asks of each sentence and its lead-in
def plain_text(markup: str) -> str:
    """Inline markdown -> plain text: emphasis markers and backslash escapes removed."""
    text = _EMPHASIS.sub(lambda m: m.group(2) if m.group(1) else m.group(4), markup)
    text = _ESCAPE.sub(r"\1", text)
    return re.sub(r"\s+", " ", text).strip()


def strip_structure(text: str) -> str:
    """Drop a leading bullet or clause number: structure, not wording."""
    previous = None
    while previous != text:
        previous = text
        text = _BULLET.sub("", text)
        text = _CLAUSE_NUMBER.sub("", text)
    return text


def school_names(school: str, aliases: tuple[str, ...], rules: Rules) -> tuple[str, ...]:
    """All the ways a school's name may be written: full name, short forms, aliases.

    Short forms drop generic words ("Primary", "School", "CE", "(VA)") from the end of
    the full name one at a time, and also try the name with every generic word removed; a
    joining word ("and", "of") between generic words is generic too ("Oakfield Church of England
    Infant and Junior School": "Oakfield"), and never ends a short form.
    Longest first, so that replacement never leaves half a name behind.
    """
    names = {school.strip(), *(a.strip() for a in aliases if a.strip())}
    words = school.split()
    joining = {"and", "&", "of"}  # "Oakfield Church of England Infant and Junior School": "Oakfield"
    generic = set(rules.generic_words) | joining
    core_positions = [i for i, w in enumerate(words) if w.lower().strip(",") not in generic]
    if core_positions:
        last_core = core_positions[-1]
        core = [words[i] for i in core_positions]
        names.add(" ".join(core))
        # prefixes that keep the whole distinctive part: "Buckminster Primary"
        for end in range(last_core + 1, len(words) + 1):
            if words[end - 1].lower() not in joining:
                names.add(" ".join(words[:end]))
        # the core followed by one generic word of the full name: "Buckminster School"
        for tail in words[last_core + 1 :]:
            if tail.lower() not in joining:
                names.add(" ".join(core + [tail]))
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


def school_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """A case-insensitive pattern matching any of ``names`` as whole words, possessive included."""
    if not names:
        return None
    alternatives = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    return re.compile(rf"(?<![\w])(?:{alternatives})(?:['\u2019]s)?(?![\w])", re.IGNORECASE)


def normalise(text: str, rules: Rules, school_re: re.Pattern[str] | None = None) -> str:
    """Verbatim clause text -> matching text (placeholder for the school, unified spellings)."""
    return _normalise(text, rules, school_re)


@lru_cache(maxsize=1 << 16)  # a policy repeats its wordings, and rows read each list's lead-in once per item
def _normalise(text: str, rules: Rules, school_re: re.Pattern[str] | None) -> str:
    result = strip_structure(plain_text(text))
    if school_re is not None:
        result = school_re.sub(lambda _: rules.placeholder, result)  # the placeholder as written, backslashes too
    result = result.lower()
    for pattern, replacement in rules.replacements:
        result = pattern.sub(replacement, result)
    return result.strip()


def with_placeholder(text: str, school_re: re.Pattern[str] | None, placeholder: str = "[School name]") -> str:
    """Verbatim wording with the school's own name swapped for a placeholder (for reference wordings)."""
    if school_re is None:
        return text

    def keep_possessive(match: re.Match[str]) -> str:
        name = match.group(0)
        tail = re.search(r"['\u2019]s$", name)
        return placeholder + (tail.group(0) if tail else "")

    return school_re.sub(keep_possessive, text)


def fold(text: str) -> str:
    """Whitespace collapsed, curly quotes straightened: how quotes in maintainers' and labellers'
    files are matched against clause text (callers lower-case it where case must not matter)."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text).strip()
