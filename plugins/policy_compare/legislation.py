"""Find the Acts, regulations and statutory guidance each policy cites, and check them against a register.

Pure functions over clause text and ``data/legislation.yml``; it judges citations, it never rewrites a policy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from .model import Clause, Policy
from .safe_yaml import safe_load

DEFAULT_REGISTER = Path(__file__).parent / "data" / "legislation.yml"

TYPES = ("act", "regulation", "guidance")
STATUSES = ("in-force", "partly-repealed", "replaced", "repealed")
FLAGS = ("ok", "stale", "wrong-year", "unresolved")
STALE_STATUSES = frozenset({"replaced", "repealed"})

# token_sort_ratio at or above this counts as the same title: high enough that "Education Act" and
# "Equality Act" (64) or "employment legislation" and "equalities legislation" (68) stay apart, low
# enough that a dropped letter ("Malicous", "Harrasment") still resolves.
FUZZY_THRESHOLD = 90.0
MAX_NAME_WORDS = 16  # the longest title in the register, with room for a stray word
MAX_GENERIC_WORDS = 8

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_TRAILING_YEAR = re.compile(r"\s+(\d{4})$")
_TOKEN = re.compile(r"[^\W_]+(?:['\u2019\u2018][^\W_]+)*['\u2019]?|&")
_APOSTROPHES = re.compile(r"['\u2019\u2018]")
# a year straight after a title: "Act 1998", "Act (1998)", "Acts 1959 and 1964", "(DfE, September 2024)"
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_YEAR = r"(?:1[6-9]|20)\d\d"
_CITED_YEARS = re.compile(
    rf"[ \t,]*\(?[ \t]*(?:(?:DfE|DfES|DCSF|HM[ \t]+Government|Home[ \t]+Office)[ \t]*,?[ \t]*)?(?:{_MONTHS}[ \t]+)?"
    rf"(?P<first>{_YEAR})\b\)?(?:[ \t]*(?:and|&|/)[ \t]*(?P<second>{_YEAR})\b\)?)?",
    re.IGNORECASE,
)
_HARD_BREAK = re.compile(r"[;:!?\n\r\u2022\u00b7]")

# Words that never start a title: a window starting with one is "the Data Protection Act", not a name.
_FUNCTION_WORDS = frozenset(
    {
        *("the", "a", "an", "this", "that", "these", "those", "any", "all", "our", "its", "their", "his", "her"),
        *("of", "and", "or", "to", "in", "on", "for", "by", "with", "under", "from", "as", "at", "into", "within"),
        *("is", "are", "be", "was", "were", "see", "per", "also", "not", "never", "always"),
        *("i", "we", "you", "they", "he", "she", "it", "who", "which", "what", "how", "when", "where", "why"),
        *("must", "should", "will", "shall", "may", "can", "could", "would"),
    }
)
# Words allowed inside a title we do not know ("Protection from Harassment", "Freedom of Speech").
_CONNECTORS = frozenset({"of", "and", "for", "on", "in", "to", "from"})


@dataclass(frozen=True)
class Instrument:
    """One Act, statutory instrument or piece of guidance in the register."""

    id: str
    title: str
    year: int
    type: str  # "act" | "regulation" | "guidance"
    url: str
    status: str  # "in-force" | "partly-repealed" | "replaced" | "repealed"
    replaced_by: str | None
    note: str
    aliases: tuple[str, ...] = ()
    expected: bool = False
    statutory: bool | None = None  # guidance only; None when not recorded
    editions: bool = False  # re-issued under the same title: an older cited year is stale, not wrong
    title_reused: bool = False  # other Acts share the title: an unknown year is unresolved, not wrong

    @property
    def stale(self) -> bool:
        return self.status in STALE_STATUSES

    @property
    def dated_title(self) -> bool:
        """True when the title carries the year, as the short titles of Acts and SIs do."""
        return self.title.endswith(str(self.year))


@dataclass(frozen=True)
class Register:
    """The instruments of a register file, in file order."""

    instruments: tuple[Instrument, ...]
    source: str = ""

    def __hash__(self) -> int:
        """The dataclass's hash, worked out once: look-ups remembered per register (its index, each
        heading's law) would otherwise hash every instrument on every call."""
        known = self.__dict__.get("_hash")
        if known is None:
            known = hash((self.instruments, self.source))
            object.__setattr__(self, "_hash", known)
        return known

    def __getstate__(self) -> dict[str, object]:
        return {"instruments": self.instruments, "source": self.source}  # a hash is no value to keep

    def get(self, instrument_id: str) -> Instrument:
        for instrument in self.instruments:
            if instrument.id == instrument_id:
                return instrument
        raise KeyError(instrument_id)

    @property
    def expected(self) -> tuple[Instrument, ...]:
        return tuple(i for i in self.instruments if i.expected)


@dataclass(frozen=True)
class Citation:
    """One reference to a legal instrument in one clause.

    ``text`` is the reference as the school wrote it; ``start`` is its offset in the clause text.
    ``instrument`` is the register id it resolves to (for ``wrong-year``, the instrument the title
    names); ``flag`` is ``ok``, ``stale``, ``wrong-year`` or ``unresolved``.
    """

    school: str
    clause: str
    path: str
    line: int
    text: str
    year: int | None
    instrument: str | None
    flag: str
    start: int = 0

    @property
    def sort_key(self) -> tuple[str, int, str, int, str, int, str]:
        return (self.school, self.line, self.text, self.start, self.clause, self.year or 0, self.instrument or "")


# --- loading -------------------------------------------------------------------------------------------


def load_register(path: str | Path | None = None) -> Register:
    """Load and validate a register; ``None`` gives the register shipped with the package.

    Raises ``ValueError`` naming the file (and the entry) for any problem.
    """
    register_path = Path(path) if path else DEFAULT_REGISTER
    shown = str(register_path)
    try:
        text = register_path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ValueError(f"{shown}: register file not found") from exc
    return _register(text, shown)


@lru_cache(maxsize=4)
def _register(text: str, shown: str) -> Register:
    """The register a file's ``text`` gives, made once: a file read again (by the rows, then by the
    site and the model) is the same object, so what is remembered per register (its index, what each
    text cites, each heading's law) is found by identity, not by comparing every instrument of two
    equal registers on every look-up (1.2 s of a 5 MB build's profile)."""
    try:
        data = safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{shown}:{mark.line + 1}" if mark is not None else shown
        raise ValueError(f"{where}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("instruments"), list):
        raise ValueError(f"{shown}: expected a mapping with an `instruments:` list")  # noqa: TRY004 - one exception type for all bad register data
    instruments = tuple(_instrument(entry, index, shown) for index, entry in enumerate(data["instruments"], 1))
    if not instruments:
        raise ValueError(f"{shown}: the `instruments:` list is empty")
    seen: set[str] = set()
    for instrument in instruments:
        if instrument.id in seen:
            raise ValueError(f"{shown}: instrument id {instrument.id!r} is used twice")
        seen.add(instrument.id)
    for instrument in instruments:
        if instrument.replaced_by is not None and instrument.replaced_by not in seen:
            raise ValueError(f"{shown}: {instrument.id}: replaced_by {instrument.replaced_by!r} is not an instrument id")
        if instrument.replaced_by == instrument.id:
            raise ValueError(f"{shown}: {instrument.id}: replaced_by names itself")
    return Register(instruments=instruments, source=shown)


def _instrument(entry: object, index: int, shown: str) -> Instrument:
    label = f"{shown}: instrument {index}"
    if not isinstance(entry, dict):
        raise ValueError(f"{label}: expected a mapping of fields")  # noqa: TRY004 - one exception type for all bad register data
    if isinstance(entry.get("id"), str):
        label = f"{label} ({entry['id']})"
    missing = [key for key in ("id", "title", "year", "type", "url", "status", "note") if entry.get(key) in (None, "")]
    if missing:
        raise ValueError(f"{label}: missing {', '.join(missing)}")
    unknown = set(entry) - {
        "id",
        "title",
        "year",
        "type",
        "url",
        "status",
        "replaced_by",
        "note",
        "aliases",
        "expected",
        "statutory",
        "editions",
        "title_reused",
    }
    if unknown:
        raise ValueError(f"{label}: unknown field(s) {', '.join(sorted(unknown))}")
    instrument_id, title, year = entry["id"], entry["title"], entry["year"]
    if not isinstance(instrument_id, str) or not _SLUG.match(instrument_id):
        raise ValueError(f"{label}: id must be a slug (lower-case letters, digits, hyphens)")
    if not isinstance(title, str):
        raise ValueError(f"{label}: title must be text")  # noqa: TRY004 - one exception type for all bad register data
    # bool is an int in Python; a year of `true` is a typo, not 1
    if not isinstance(year, int) or isinstance(year, bool) or not 1200 <= year <= 2100:
        raise ValueError(f"{label}: year must be a four-digit year, got {year!r}")
    title_year = _TRAILING_YEAR.search(title)
    if title_year and int(title_year.group(1)) != year:
        raise ValueError(f"{label}: title says {title_year.group(1)} but year is {year}")
    if entry["type"] not in TYPES:
        raise ValueError(f"{label}: type must be one of {', '.join(TYPES)}, got {entry['type']!r}")
    if entry["status"] not in STATUSES:
        raise ValueError(f"{label}: status must be one of {', '.join(STATUSES)}, got {entry['status']!r}")
    if not str(entry["url"]).startswith("https://"):
        raise ValueError(f"{label}: url must start with https://")
    replaced_by = entry.get("replaced_by")
    if replaced_by is not None and not isinstance(replaced_by, str):
        raise ValueError(f"{label}: replaced_by must be an instrument id or null")
    if entry["status"] == "replaced" and not replaced_by:
        raise ValueError(f"{label}: status `replaced` needs replaced_by")
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise ValueError(f"{label}: aliases must be a list of names")
    for alias in aliases:
        if _TRAILING_YEAR.search(alias):
            raise ValueError(f"{label}: alias {alias!r} ends with a year; years are read from the text, list the bare name")
    flags: dict[str, bool] = {}
    for key in ("expected", "editions", "title_reused"):
        value = entry.get(key, False)
        if not isinstance(value, bool):
            raise ValueError(f"{label}: {key} must be true or false")  # noqa: TRY004 - one exception type for all bad register data
        flags[key] = value
    statutory = entry.get("statutory")
    if statutory is not None and not isinstance(statutory, bool):
        raise ValueError(f"{label}: statutory must be true, false or omitted")
    return Instrument(
        id=instrument_id,
        title=title.strip(),
        year=year,
        type=entry["type"],
        url=str(entry["url"]),
        status=entry["status"],
        replaced_by=replaced_by,
        note=str(entry["note"]).strip(),
        aliases=tuple(a.strip() for a in aliases),
        expected=flags["expected"],
        statutory=statutory,
        editions=flags["editions"],
        title_reused=flags["title_reused"],
    )


# --- matching ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    start: int
    end: int
    raw: str
    word: str  # lower case, apostrophes dropped, "&" -> "and"
    key: str  # word with a plural "s" dropped, for comparing titles
    segment: int  # tokens in different segments are never part of one title


@dataclass(frozen=True)
class _Index:
    names: dict[str, tuple[str, ...]]  # normalised name -> instrument ids, in register order
    by_anchor: dict[str, tuple[str, ...]]  # last word of a name -> names ending with it
    # text -> what it cites, against the register this index was built from: a trust's clauses,
    # their headings and the model's sentences repeat wordings, each read once
    read: dict[str, tuple[_Found, ...]] = field(default_factory=dict, compare=False, repr=False)

    @cached_property
    def cues(self) -> frozenset[str]:
        """The words (as :func:`_word` makes them) whose :func:`_key` ends a title the register knows,
        or is "act": a text with none of them cites nothing, and is not read token by token."""
        return frozenset(w for anchor in (*self.by_anchor, "act") for w in (anchor, anchor + "s"))


def _word(raw: str) -> str:
    return "and" if raw == "&" else _APOSTROPHES.sub("", raw).casefold()


def _key(word: str) -> str:
    # "Acts", "Regulations", "Teachers'": plurals and possessives name the same instrument
    if word == "acts":
        return "act"
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    segment = 0
    previous_end = 0
    for match in _TOKEN.finditer(text):
        gap = text[previous_end : match.start()]
        raw = match.group()
        # a full stop ends a title only before a new sentence ("1998. The"), not in "etc. for" or "c. 12"
        # ("etc. Act" goes on: "the Health and Safety at Work etc. Act 1974")
        if tokens and (_HARD_BREAK.search(gap) or ("." in gap and raw[:1].isupper() and tokens[-1].word != "etc")):
            segment += 1
        word = _word(raw)
        tokens.append(_Token(match.start(), match.end(), raw, word, _key(word), segment))
        previous_end = match.end()
    return tokens


def _name_key(name: str) -> str:
    return " ".join(_key(_word(m.group())) for m in _TOKEN.finditer(name))


@lru_cache(maxsize=8)
def _index(register: Register) -> _Index:
    names: dict[str, list[str]] = {}
    for instrument in register.instruments:
        base = _TRAILING_YEAR.sub("", instrument.title)
        base = re.sub(r"^the\s+", "", base, flags=re.IGNORECASE)
        for name in (base, *instrument.aliases):
            key = _name_key(name)
            ids = names.setdefault(key, [])
            if instrument.id not in ids:
                ids.append(instrument.id)
    by_anchor: dict[str, list[str]] = {}
    for key in names:
        by_anchor.setdefault(key.rsplit(" ", 1)[-1], []).append(key)
    return _Index(
        names={k: tuple(v) for k, v in names.items()},
        by_anchor={k: tuple(v) for k, v in by_anchor.items()},
    )


def _match_name(tokens: Sequence[_Token], anchor: int, index: _Index) -> tuple[int, str] | None:
    """(first token, register name) of the title ending at ``tokens[anchor]``, preferring the longest window."""
    segment = tokens[anchor].segment
    lowest = anchor
    while (
        lowest > 0
        and anchor - lowest + 1 < MAX_NAME_WORDS
        and tokens[lowest - 1].segment == segment
        and not tokens[lowest - 1].word.isdigit()
        # a title holds one "Act", at its end: "Criminal Justice Act and Public Order Act" is two titles
        and tokens[lowest - 1].key != "act"
    ):
        lowest -= 1
    candidates = index.by_anchor.get(tokens[anchor].key, ())
    exact: dict[int, str] = {}
    fuzzy: dict[int, tuple[float, str]] = {}
    for first in range(lowest, anchor + 1):
        if tokens[first].word in _FUNCTION_WORDS:
            continue
        window = " ".join(t.key for t in tokens[first : anchor + 1])
        if window in index.names:
            exact[first] = window
            continue
        size = anchor - first + 1
        if size < 2:
            continue
        for name in candidates:
            name_size = name.count(" ") + 1
            if name_size < 2 or abs(name_size - size) > 1:
                continue
            score = fuzz.token_sort_ratio(window, name)
            if score >= FUZZY_THRESHOLD and score > fuzzy.get(first, (0.0, ""))[0]:
                fuzzy[first] = (score, name)
    if not exact and not fuzzy:
        return None
    # the longest window wins: "Criminal Justice and Public Order Act" over "Public Order Act",
    # "Malicous Communications Act" (fuzzy) over "Communications Act" (exact)
    first = min([*exact, *fuzzy])
    name = exact.get(first) or fuzzy[first][1]
    if first not in exact:
        # a stray word that still scores ("UK Public Order Act") stays out of the quoted text
        same = [f for f, n in exact.items() if n == name]
        if same:
            first = min(same)
    return first, name


def _generic_name(tokens: Sequence[_Token], anchor: int, has_year: bool) -> int | None:
    """First token of an Act title the register does not know, or None if it is not a title.

    Without a year only a capitalised title counts ("the Freedom of Speech Act"); with a year,
    sentence-case headings count too ("Digital economy act 2017").
    """
    # "Acts of Parliament" and "acts responsibly" are not titles; a plural needs its years to count
    if not has_year and tokens[anchor].raw != "Act":
        return None
    segment = tokens[anchor].segment
    words: list[int] = []
    position = anchor - 1
    while position >= 0 and len(words) < MAX_GENERIC_WORDS and tokens[position].segment == segment:
        token = tokens[position]
        if token.word.isdigit() or token.key == "act":
            break
        if token.word in _FUNCTION_WORDS and token.word not in _CONNECTORS:
            break
        if not has_year and not token.raw[:1].isupper() and token.word not in _CONNECTORS:
            break
        words.append(position)
        position -= 1
    words.reverse()
    while words and tokens[words[0]].word in _CONNECTORS:
        words.pop(0)
    capitalised = [i for i in words if tokens[i].raw[:1].isupper()]
    if capitalised:
        # "reserves Digital Economy Act": the title starts at its first capital
        words = [i for i in words if i >= capitalised[0]]
    elif not has_year:
        return None
    return words[0] if words else None


def _cited_years(text: str, end: int) -> tuple[tuple[int, ...], int]:
    """Years written straight after a title, and where they end."""
    match = _CITED_YEARS.match(text, end)
    if not match:
        return (), end
    years = [int(match.group("first"))]
    if match.group("second"):
        years.append(int(match.group("second")))
    return tuple(years), match.end()


def _preferred(instruments: Sequence[Instrument]) -> Instrument:
    # a bare "Data Protection Act" means the one in force, then the latest
    return min(instruments, key=lambda i: (i.stale, -i.year))


def _resolve(ids: Sequence[str], year: int | None, register: Register) -> tuple[str | None, str]:
    instruments = [register.get(i) for i in ids]
    if year is None:
        chosen = _preferred(instruments)
        return chosen.id, "stale" if chosen.stale else "ok"
    same_year = [i for i in instruments if i.year == year and i.dated_title]
    if same_year:
        chosen = _preferred(same_year)
        return chosen.id, "stale" if chosen.stale else "ok"
    undated = [i for i in instruments if not i.dated_title]
    if undated:
        chosen = _preferred(undated)
        if chosen.editions and year < chosen.year:
            return chosen.id, "stale"
        # "GDPR 2018", "KCSIE 2025": the year names an edition or a commencement, not a different title
        return chosen.id, "stale" if chosen.stale else "ok"
    if any(i.title_reused for i in instruments):
        return None, "unresolved"
    return _preferred(instruments).id, "wrong-year"


_Found = tuple[int, int, str, "int | None", "str | None", str]  # start, end, text, year, instrument id, flag


def _clause_citations(policy: Policy, clause: Clause, register: Register, index: _Index, memo: dict[str, list[_Found]]) -> list[Citation]:
    """The clause's citations; what a wording cites is worked out once per distinct wording."""
    if clause.text not in memo:
        memo[clause.text] = _text_citations(clause.text, register, index)
    return [
        Citation(
            school=policy.id,
            clause=clause.id,
            path=clause.path,
            line=clause.line,
            text=cited,
            year=year,
            instrument=instrument,
            flag=flag,
            start=start,
        )
        for start, _end, cited, year, instrument, flag in memo[clause.text]
    ]


_READ_LIMIT = 1 << 17  # wordings remembered per register, so `mkdocs serve` does not grow without end


def _text_citations(text: str, register: Register, index: _Index) -> list[_Found]:
    """What ``text`` cites (see :func:`_read_citations`), read once per distinct text; ``index``
    is ``_index(register)``."""
    found = index.read.get(text)
    if found is None:
        if len(index.read) >= _READ_LIMIT:
            index.read.clear()
        found = index.read[text] = tuple(_read_citations(text, register, index))
    return list(found)


def _may_cite(text: str, index: _Index) -> bool:
    """Whether some word of ``text`` is one of ``index.cues`` (every token :func:`_read_citations`
    reads a title or an Act from is; most texts have none). Folding words is only needed where
    ``_word`` does more than change case."""
    raw = _TOKEN.findall(text)
    words = {_word(r) for r in raw} if "&" in text or _APOSTROPHES.search(text) else set(map(str.casefold, raw))
    return not index.cues.isdisjoint(words)


def _read_citations(text: str, register: Register, index: _Index) -> list[_Found]:
    if not _may_cite(text, index):
        return []
    tokens = _tokens(text)
    found: list[tuple[int, int, str, int | None, str | None, str]] = []  # start, end, text, year, id, flag
    for position, token in enumerate(tokens):
        is_act = token.key == "act"
        if token.key not in index.by_anchor and not is_act:
            continue
        years, years_end = _cited_years(text, token.end)
        match = _match_name(tokens, position, index)
        if match is not None:
            first, name = match
            start = tokens[first].start
            end = years_end if years else token.end
            ids = index.names[name]
            if not years and token.word == "acts" and len(ids) > 1:
                # "the Obscene Publications Acts" names every Act of that title
                for instrument_id in sorted(ids, key=lambda i: register.get(i).year):
                    instrument, flag = _resolve((instrument_id,), None, register)
                    found.append((start, end, text[start:end], None, instrument, flag))
                continue
            for year in years or (None,):
                instrument, flag = _resolve(ids, year, register)
                found.append((start, end, text[start:end], year, instrument, flag))
            continue
        if not is_act:
            continue
        generic = _generic_name(tokens, position, bool(years))
        if generic is None:
            continue
        start = tokens[generic].start
        end = years_end if years else token.end
        for year in years or (None,):
            found.append((start, end, text[start:end], year, None, "unresolved"))
    # a closing quote hugging the last word (...Young People, then U+2019) is not part of the title
    found = [
        (start, start + len(cited.rstrip("'\u2019")), cited.rstrip("'\u2019"), year, instrument, flag)
        for start, _end, cited, year, instrument, flag in found
    ]
    # "Guidance for Safer Working Practice" inside "Guidance for Safer Working Practice for Adults ...":
    # one reference, reported once, by its longest reading
    return [
        f for f in found if not any(o is not f and o[0] <= f[0] and f[1] <= o[1] and (o[1] - o[0]) > (f[1] - f[0]) for o in found)
    ]


@dataclass(frozen=True)
class LawToUpdate:
    """A reference in a text that a governor should bring up to date before adopting it."""

    cited: str  # as written
    problem: str  # what is wrong with it, in words
    instead: str | None  # the register's current instrument, "Data Protection Act 2018", if any
    url: str | None  # where to read the current instrument


def law_to_update(text: str, register: Register) -> list[LawToUpdate]:
    """References in ``text`` to law that is repealed or replaced, or cited with the wrong year,
    each with what the register has in its place; in the order they appear, each once."""
    found: list[LawToUpdate] = []
    for _start, _end, cited, year, instrument_id, flag in sorted(_text_citations(text, register, _index(register))):
        if instrument_id is None or flag not in ("stale", "wrong-year"):
            continue
        instrument = register.get(instrument_id)
        if flag == "stale":
            current = register.get(instrument.replaced_by) if instrument.replaced_by else None
            problem = f"{instrument.title} is {instrument.status.replace('-', ' ')}"
            if instrument.editions and year and year != instrument.year:
                problem = f"the {year} edition is out of date: the current one is {instrument.year}"
                current = instrument
        else:
            current = instrument
            problem = f"the {instrument.title} is from {instrument.year}, not {year}"
        item = LawToUpdate(cited, problem, current.title if current else None, current.url if current else None)
        if item not in found:
            found.append(item)
    return found


@lru_cache(maxsize=4096)  # a long policy's passages ask of the same headings many times
def _heading_instrument(heading: str, register: Register) -> str | None:
    """The id of the one instrument a heading names and nothing more ("The Malicious
    Communications Act 2003" -> the 1988 Act, the year a source got wrong aside); ``None``
    when it names none the register knows, or more than one, or says more than the name."""
    found = _text_citations(heading, register, _index(register))
    ids = {instrument for *_, instrument, flag in found if instrument is not None and flag != "unresolved"}
    if len(found) != 1 or len(ids) != 1:
        return None
    start, end, *_rest = found[0]
    if len(words_outside := re.findall(r"[A-Za-z]+", heading[:start] + heading[end:])) > 1 or (words_outside and words_outside[0].lower() != "the"):
        return None
    return next(iter(ids))


def described_law(section: Sequence[str], register: Register) -> Instrument | None:
    """The repealed or replaced instrument that the nearest heading naming one names (what sits
    under "Data protection act 1998" describes that Act), or ``None`` when that instrument is in
    force or no heading names one."""
    for heading in reversed(section):
        if not re.search(r"\b(?:1[89]|20)\d\d\b", heading):
            continue  # a law since repealed or replaced is named by its year: a heading without one names none
        instrument_id = _heading_instrument(heading, register)
        if instrument_id is not None:
            instrument = register.get(instrument_id)
            return instrument if instrument.stale else None
    return None


def heading_title(heading: str, register: Register) -> str | None:
    """The register's title of the one instrument a heading names ("Regulation of investigatory
    powers Act 2018" -> "Regulation of Investigatory Powers Act 2000": the year a source got wrong
    is put right), for leading the text under it; ``None`` when the heading names no instrument
    the register knows, or more than one, or says more than the name."""
    instrument_id = _heading_instrument(heading, register)
    if instrument_id is None:
        return None
    instrument = register.get(instrument_id)
    if not instrument.dated_title:
        return None  # guidance re-issued under one title: its edition is the source's to state
    return instrument.title


def _lineage(instrument_id: str, register: Register) -> str:
    """The instrument's newest successor in the register ("telecommunications-act-1984" ->
    "communications-act-2003"): a law and the one that replaced it state one offence."""
    seen = {instrument_id}
    while (successor := register.get(instrument_id).replaced_by) and successor not in seen:
        try:
            register.get(successor)
        except KeyError:
            break
        seen.add(successor)
        instrument_id = successor
    return instrument_id


class LawReader:
    """Which laws clauses are about (see :meth:`__call__`), for many clauses of one trust: the
    register's index is built once, a text that names no title word within reach of its start is
    passed over without being read, and each heading is read once."""

    def __init__(self, register: Register, lead: int = 40) -> None:
        self.register = register
        self.lead = lead
        self._index = _index(register)
        # the last word of every title the register knows, and "act": a text without one cites nothing
        words = sorted({*self._index.by_anchor, "act"}, key=lambda w: (-len(w), w))
        self._may_cite = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + ")", re.IGNORECASE)
        self._headings: dict[str, frozenset[str]] = {}
        self._texts: dict[str, frozenset[str]] = {}  # what each wording cites in its lead: a long policy repeats them

    def __call__(self, text: str, heading: str | None = None) -> frozenset[str]:
        """The laws a clause is about, as lineages (see :func:`_lineage`): those its text cites
        within its first ``lead`` characters ("Section 127 of the Communications Act 2003 makes
        it an offence ..."), or else the one instrument its heading names and nothing more
        ("Malicious Communications Act 1988" over "It is an offence to send ..."). Empty when it
        is about none: a rule that mentions an Act in passing is about the rule, not the Act."""
        found = self._texts.get(text)
        if found is None:
            found = self._texts[text] = frozenset(
                _lineage(instrument, self.register)
                # a title that starts within the lead ends within a hundred or so characters after it
                for start, _e, _c, _y, instrument, flag in _text_citations(text[: self.lead + 160], self.register, self._index)
                if instrument is not None and flag != "unresolved" and start < self.lead
            ) if self._may_cite.search(text, 0, self.lead + 80) else frozenset()
        if found:
            return found
        if not heading:
            return frozenset()
        if heading not in self._headings:
            named = _heading_instrument(heading, self.register)
            self._headings[heading] = frozenset({_lineage(named, self.register)}) if named else frozenset()
        return self._headings[heading]


def with_register_titles(text: str, register: Register) -> str:
    """``text`` with each title it cites written as the register writes it, where only the case or
    an "&" differs ("the Computer misuse act 1990" -> "the Computer Misuse Act 1990"); a title
    cited otherwise (another year, other words) is left as the source has it.
    """
    index = _index(register)
    titles = {i.id: i.title for i in register.instruments}
    parts: list[str] = []
    last = 0
    for start, end, cited, _year, instrument, _flag in sorted(_text_citations(text, register, index)):
        title = titles.get(instrument or "")
        if title is None or start < last or cited == title:
            continue
        name = re.sub(r"^the\s+", "", cited, flags=re.IGNORECASE)
        written = re.sub(r"^the\s+", "", title, flags=re.IGNORECASE)
        if name.casefold().replace("&", "and") != written.casefold():
            continue
        start = end - len(name)
        parts.append(text[last:start])
        parts.append(written)
        last = end
    parts.append(text[last:])
    return "".join(parts)


def with_stale_notes(text: str, register: Register) -> str:
    """``text`` with a note after each Act it cites by year that the register says is replaced or
    repealed ("the Data Protection Act 1998 [replaced by the Data Protection Act 2018]"), so a
    reader of the model sees it where it is cited, not only in the appendix. Cited without a year,
    or already followed by a note, it is left as it is."""
    index = _index(register)
    notes: list[tuple[int, str]] = []
    for _start, end, _cited, year, instrument_id, _flag in sorted(_text_citations(text, register, index)):
        if year is None or instrument_id is None or text[end:].lstrip().startswith("["):
            continue
        instrument = register.get(instrument_id)
        if instrument.status not in STALE_STATUSES or (notes and notes[-1][0] == end):
            continue
        successor = register.get(instrument.replaced_by) if instrument.replaced_by else None
        notes.append((end, f" [replaced by the {re.sub(r'^the ', '', successor.title, flags=re.IGNORECASE)}]" if successor else " [repealed]"))
    for end, note in reversed(notes):
        text = text[:end] + note + text[end:]
    return text


def find_citations(policies: Sequence[Policy], register: Register) -> tuple[Citation, ...]:
    """Every reference to an Act, regulation or guidance in every clause, flagged against the register.

    Titles are matched whatever the case, punctuation, ``&``/``and``, apostrophes and plurals, and
    fuzzily (small misspellings); Acts the register does not know are found by pattern and flagged
    ``unresolved``. Sorted by school, line, then matched text.
    """
    index = _index(register)
    memo: dict[str, list[_Found]] = {}  # trusts copy wording: many clauses read the same
    citations = [
        citation
        for policy in policies
        for clause in policy.clauses
        for citation in _clause_citations(policy, clause, register, index, memo)
    ]
    return tuple(sorted(citations, key=lambda c: c.sort_key))


def missing_expected(policies: Sequence[Policy], citations: Iterable[Citation], register: Register) -> dict[str, tuple[str, ...]]:
    """For each school, the expected instruments it never mentions (ids, sorted).

    A citation with the wrong year still counts as a mention; citing a repealed predecessor
    (Data Protection Act 1998) does not count for its successor.
    """
    mentioned = {(c.school, c.instrument) for c in citations if c.instrument}
    expected = sorted(i.id for i in register.expected)
    return {
        policy.id: tuple(i for i in expected if (policy.id, i) not in mentioned)
        for policy in sorted(policies, key=lambda p: p.id)
    }
