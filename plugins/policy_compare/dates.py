"""Read the dates schools write in policies (adopted, reviewed, next review) and work out if a review is overdue.

Pure functions: ``today`` is always passed in, never read from the clock.
"""

from __future__ import annotations

import calendar
import re
from functools import lru_cache
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from .model import Policy

DEFAULT_REVIEW_MONTHS = 12  # schools review annually unless the policy says otherwise

_MONTH_NUMBERS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
# Terms of the English school year, which is what "Autumn 2019" means in a school policy;
# winter is not a term, so it takes the meteorological start.
_SEASON_MONTHS = {"spring": 1, "summer": 4, "autumn": 9, "fall": 9, "winter": 12}

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_EDGE = r"(?<![\w/.-])"  # a date never starts inside a number or a word
_END = r"(?![\w/-])"


@dataclass(frozen=True)
class PolicyDate:
    """A date as precise as the school wrote it: ``day`` is None for "February 2018" or "Autumn 2019"."""

    year: int
    month: int
    day: int | None = None

    @property
    def precision(self) -> str:
        return "month" if self.day is None else "day"

    def first_day(self) -> date:
        return date(self.year, self.month, self.day or 1)

    def last_day(self) -> date:
        """The date itself, or for month precision the end of that month."""
        if self.day is not None:
            return date(self.year, self.month, self.day)
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def isoformat(self) -> str:
        """``2021-11-23``, or ``2018-02`` for month precision (what the importer writes to front matter)."""
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.isoformat()


def _make(year: int, month: int, day: int | None) -> PolicyDate | None:
    if not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None  # "31 February" is a typo we cannot repair, not a date
    return PolicyDate(year, month, day)


def _month_number(name: str) -> int:
    return _MONTH_NUMBERS[name[:3].lower()]


def _two_digit_year(text: str) -> int:
    # "23/11/21": every policy we read was written this century
    return int(text) + 2000 if len(text) == 2 else int(text)


_Builder = Callable[[re.Match[str]], "PolicyDate | None"]

_FORMS: tuple[tuple[re.Pattern[str], _Builder], ...] = (
    # 23rd November 2021, Monday 23 November 2021, 23rd of Nov. 2021
    (
        re.compile(rf"{_EDGE}{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}{_END}", re.IGNORECASE),
        lambda m: _make(int(m["year"]), _month_number(m["month"]), int(m["day"])),
    ),
    # November 23, 2021 / Nov 23rd 2021
    (
        re.compile(rf"{_EDGE}{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_END}", re.IGNORECASE),
        lambda m: _make(int(m["year"]), _month_number(m["month"]), int(m["day"])),
    ),
    # 2021-11-23 (ISO)
    (
        re.compile(rf"{_EDGE}{_YEAR}-(?P<month>[01]?\d)-(?P<day>[0-3]?\d){_END}"),
        lambda m: _make(int(m["year"]), int(m["month"]), int(m["day"])),
    ),
    # 23/11/2021, 23.11.2021, 23-11-2021, 23/11/21 (UK order: day first). A two-digit year only
    # with slashes: "2.3.10" is a clause number, not 2 March 2010.
    (
        re.compile(r"(?<![\w/.-])(?P<day>[0-3]?\d)(?P<sep>[/.-])(?P<month>[01]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)(?![\w/-])"),
        lambda m: _make(int(m["year"]), int(m["month"]), int(m["day"])),
    ),
    (
        re.compile(r"(?<![\w/.-])(?P<day>[0-3]?\d)/(?P<month>[01]?\d)/(?P<year>\d\d)(?![\w/-])"),
        lambda m: _make(_two_digit_year(m["year"]), int(m["month"]), int(m["day"])),
    ),
    # 2018-02 (ISO month, as written back to front matter)
    (
        re.compile(rf"{_EDGE}{_YEAR}-(?P<month>[01]\d){_END}"),
        lambda m: _make(int(m["year"]), int(m["month"]), None),
    ),
    # 11/2021
    (
        re.compile(rf"{_EDGE}(?P<month>[01]?\d)/{_YEAR}{_END}"),
        lambda m: _make(int(m["year"]), int(m["month"]), None),
    ),
    # Autumn 2019, Spring Term 2020, summer term, 2021
    (
        re.compile(rf"{_EDGE}(?P<season>spring|summer|autumn|fall|winter)(?:\s+term)?,?\s+{_YEAR}{_END}", re.IGNORECASE),
        lambda m: _make(int(m["year"]), _SEASON_MONTHS[m["season"].lower()], None),
    ),
    # February 2018, Nov 2021, Sept. 2019
    (
        re.compile(rf"{_EDGE}{_MONTH},?\s+{_YEAR}{_END}", re.IGNORECASE),
        lambda m: _make(int(m["year"]), _month_number(m["month"]), None),
    ),
)


def parse_date(text: str) -> PolicyDate | None:
    """Parse a date written on its own, in any of the forms schools use, or return None.

    Day precision: "23rd November 2021", "23 November 2021", "Monday 23rd of November 2021",
    "November 23, 2021", "23/11/2021" and "23.11.21" (UK order, day first: "11/23/2021" is not a date),
    "2021-11-23". Month precision: "February 2018", "Nov 2021", "11/2021", "2018-02", and school
    terms, "Autumn 2019" / "Spring Term 2020", which count from the month the term starts
    (spring January, summer April, autumn September; winter December). Surrounding punctuation
    is ignored; any other words make it not a date (use ``find_date`` to search within text).
    """
    stripped = text.strip().strip(".,;:()[]*_\"'\u2018\u2019\u201c\u201d").strip()
    for pattern, build in _FORMS:
        match = pattern.fullmatch(stripped)
        if match:
            return build(match)
    return None


def find_date(text: str) -> tuple[PolicyDate, str] | None:
    """The first date anywhere in ``text`` and the words it was written as, or None."""
    best: tuple[int, int, PolicyDate, str] | None = None
    for pattern, build in _FORMS:
        for match in pattern.finditer(text):
            parsed = build(match)
            if parsed is None:
                continue
            # leftmost wins; at the same place the longer reading ("23 November 2021" over "November 2021")
            candidate = (match.start(), -len(match.group()), parsed, match.group())
            if best is None or candidate[:2] < best[:2]:
                best = candidate
            break
    return (best[2], best[3].strip()) if best else None


# --- dates in a policy's own text --------------------------------------------------------------------

FIELDS = ("adopted", "reviewed", "next_review")

_LEAD = r"^[\s*_#>\-\u2022\u00b7]*(?:this\s+policy\s+(?:(?:was|is|has\s+been)\s+)?|policy\s+)?"
# who adopts a policy: "the Full Governing Body", an academy's "Local Governing Body", "the Board of Trustees"
_BOARD = (
    r"(?:(?:full|local)\s+)?"
    r"(?:governing\s+(?:body|board)|governors|board\s+of\s+(?:trustees|directors|governors)|trustees|trust\s+board)"
)

# Most specific first: "date of next review" must not read as "date of review".
_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "next_review",
        re.compile(
            _LEAD + r"(?:date\s+of\s+(?:the\s+)?next\s+review|next\s+review(?:\s+date)?|date\s+for\s+(?:next\s+)?review"
            r"|review\s+date|review\s+due(?:\s+date)?|(?:is\s+)?due\s+for\s+review|(?:will|shall)\s+be\s+reviewed"
            r"|(?:is\s+)?(?:due\s+)?to\s+be\s+reviewed|next\s+reviewed?)"
            r"(?:\s+(?:on|by|in|before))?",
            re.IGNORECASE,
        ),
    ),
    (
        "reviewed",
        re.compile(
            _LEAD + r"(?:(?:last\s+)?reviewed|date\s+(?:of\s+)?(?:last\s+)?review(?:ed)?|last\s+review(?:\s+date)?"
            r"|(?:last\s+)?updated|date\s+(?:last\s+)?updated|(?:last\s+)?revised|date\s+revised)"
            r"(?:\s+(?:on|in))?",
            re.IGNORECASE,
        ),
    ),
    (
        "adopted",
        re.compile(
            _LEAD + r"(?:(?:date\s+)?(?:adopted|approved|ratified)|date\s+(?:of\s+)?(?:adoption|approval|ratification)"
            r"|agreed\s+(?:by\s+(?:the\s+)?" + _BOARD + r"\s+)?on|date\s+agreed"
            r"|(?:date\s+)?(?:written|issued))"
            r"(?:\s+by\s+(?:the\s+)?" + _BOARD + r")?(?:\s+(?:on|in))?",
            re.IGNORECASE,
        ),
    ),
)
_BARE_DATE_LABEL = re.compile(r"^[\s*_]*date\b\s*[:\-\u2013]?[\s*_]*(?P<rest>.*)$", re.IGNORECASE)
_SIGN_OFF = re.compile(r"\b(?:agreed|approved|adopted|ratified|signed)\b", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[\s*_]*[:\-\u2013\u2014=|]?[\s*_]*")
_PLACEHOLDER = re.compile(r"^[\s._\-\u2013\u2014/*]*$")
_VALUE_LABEL = re.compile(r"^[\s*_]*(?:on|date|dated)\s*[:\-\u2013]?\s*", re.IGNORECASE)
LOOKAHEAD = 3  # "This policy was updated on" / (blank) / "On: 23rd November 2021"


@dataclass(frozen=True)
class DateField:
    """A labelled date in a policy's text.

    ``status`` is ``found`` (``date`` is set), ``blank`` (the label is there with nothing after it,
    as in a sign-off block never filled in) or ``unreadable`` (words that are not a date, e.g. "TBC").
    ``line`` is the index of the label in the lines given.
    """

    field: str  # "adopted" | "reviewed" | "next_review"
    label: str
    text: str
    line: int
    date: PolicyDate | None
    status: str


def _label(line: str) -> tuple[str, str, str] | None:
    """(field, label as written, rest of the line) if the line starts with a date label."""
    for field, pattern in _LABELS:
        match = pattern.match(line)
        if not match:
            continue
        rest = line[match.end() :]
        # "Reviewed annually", "Agreed by Mrs France": a label must be followed by a separator,
        # a date or nothing, otherwise the line is a sentence that happens to start with the word
        after = _SEPARATOR.sub("", rest, count=1)
        if after.strip() and not re.match(r"^[\s*_]*[:\-\u2013\u2014=|]", rest) and _labelled_date(after) is None:
            continue
        return field, match.group().strip(" \t*_#>-\u2022\u00b7"), after.strip()
    return None


# "Review date: 03/24": month and two-digit year, read only straight after a date label (in running
# text "24/7" or "3/4" are not dates)
_SHORT_MONTH_YEAR = re.compile(r"^[\s*_]*(?P<month>0?[1-9]|1[0-2])[/.](?P<year>\d\d)(?![\w/.])")


def _labelled_date(rest: str) -> PolicyDate | None:
    """The date that follows a label: any form ``find_date`` reads, or a month and two-digit year."""
    found = find_date(rest)
    if found is not None:
        return found[0]
    short = _SHORT_MONTH_YEAR.match(rest)
    return _make(_two_digit_year(short["year"]), int(short["month"]), None) if short else None


def _value(rest: str) -> tuple[str, PolicyDate | None, str]:
    """(text, date, status) for what follows a label."""
    if _PLACEHOLDER.match(rest):
        return "", None, "blank"
    found = _labelled_date(rest)
    if found is None:
        return rest.strip(), None, "unreadable"
    return rest.strip(), found, "found"


def find_date_fields(lines: Sequence[str]) -> tuple[DateField, ...]:
    """Every labelled adoption, review and next-review date in a policy's lines, in order.

    Reads "Reviewed: February 2018", "Date of next review: Autumn 2022", "Adopted by governors on
    12/03/2020", a label whose value is on a following line ("This policy was updated on" ... "On:
    23rd November 2021"), and a bare "Date:" in a sign-off block ("Agreed by ... Date:") as the
    adoption date. "Last updated" counts as a review. A label left empty is reported as ``blank``.
    """
    fields: list[DateField] = []
    used: set[int] = set()
    for number, whole in enumerate(lines):
        if number in used or not whole.strip():
            continue
        for line in _segments(whole):
            _read_field(line, number, lines, fields, used)
    return tuple(fields)


# A second label on the same line ("Adopted: May 2023  Next review: May 2024", a table row read as one line)
_SECOND_LABEL = re.compile(
    r"(?:\s{2,}|\s*[|;,\u2013\u2014]\s*|\s)(?=(?:date\s+of\s+(?:the\s+)?next\s+review|next\s+review|review\s+date|(?:last\s+)?reviewed"
    r"|date\s+reviewed|to\s+be\s+reviewed|adopted|approved|ratified|date\s+(?:of\s+)?(?:adoption|approval))\b)",
    re.IGNORECASE,
)


def _segments(line: str) -> list[str]:
    """A line cut before each further date label that follows a date: each piece holds one labelled date."""
    pieces: list[str] = []
    start = 0
    for match in _SECOND_LABEL.finditer(line):
        before = line[start : match.start()]
        # after a date, or after a sentence ("Part of the Teesmoor Learning Partnership. Approved by ...")
        if match.start() > start and (find_date(before) is not None or re.search(r"[.;]\s*$", before)):
            pieces.append(line[start : match.start()])
            start = match.end()
    pieces.append(line[start:])
    return pieces


def _read_field(line: str, number: int, lines: Sequence[str], fields: list[DateField], used: set[int]) -> None:
    """Append the labelled date ``line`` holds (a piece of ``lines[number]``), if any, to ``fields``."""
    labelled = _label(line)
    if labelled is None:
        bare = _BARE_DATE_LABEL.match(line)
        recent = [text for text in lines[max(0, number - 6) : number] if text.strip()][-4:]
        # a bare "Date:" means adoption only inside a sign-off block; elsewhere it is ambiguous
        if not bare or not any(_SIGN_OFF.search(text) for text in recent):
            return
        labelled = ("adopted", "Date", bare.group("rest").strip())
    field, label, rest = labelled
    if rest:
        text, parsed, status = _value(rest)
    else:
        text, parsed, status = "", None, "blank"
        following = [(n, lines[n]) for n in range(number + 1, min(len(lines), number + 1 + LOOKAHEAD)) if lines[n].strip()]
        if following:
            n, candidate = following[0]
            value = _VALUE_LABEL.sub("", candidate, count=1)
            found = _labelled_date(value)
            # the next line is the value only if it is a short date line, not the next label or a paragraph
            if found is not None and _label(candidate) is None and len(value.strip()) <= 40:
                text, parsed, status = value.strip(), found, "found"
                used.add(n)
    fields.append(DateField(field=field, label=label, text=text, line=number, date=parsed, status=status))


def _sort_key(value: PolicyDate) -> tuple[int, int, int]:
    return (value.year, value.month, value.day or 0)


def find_policy_dates(lines: Sequence[str]) -> dict[str, PolicyDate | None]:
    """The adoption, last review and next review dates found in a policy's lines.

    Keys are ``adopted``, ``reviewed`` and ``next_review``; a key is absent when the policy has no
    such label, and maps to None when the label is there but blank or unreadable (see
    ``find_date_fields`` for which). With several dates for a field: the earliest adoption, the
    latest review and the latest next review.
    """
    result: dict[str, PolicyDate | None] = {}
    found = find_date_fields(lines)
    for field in FIELDS:
        matches = [f for f in found if f.field == field]
        if not matches:
            continue
        dated = [f.date for f in matches if f.date is not None]
        if not dated:
            result[field] = None
        elif field == "adopted":
            result[field] = min(dated, key=_sort_key)
        else:
            result[field] = max(dated, key=_sort_key)
    return result


# how often something is done: "every two years", "annually", "each term", "three-yearly" (in months)
_NUMBER = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_UNIT = {"year": 12, "month": 1, "term": 4, "week": 0.25}
_PERIOD = re.compile(
    r"\b(?:(?:every|each)\s+(?:(?P<n>one|two|three|four|five|six|\d{1,2})\s+)?(?P<unit>year|month|term|week)s?"
    r"|(?P<m>two|three|2|3)[-\s]yearly"
    r"|(?P<adverb>annual(?:ly)?|yearly|biennial(?:ly)?|triennial(?:ly)?|termly|monthly|weekly))\b",
    re.IGNORECASE,
)
_SPACED_PERIOD = re.compile(r"\s+" + _PERIOD.pattern, re.IGNORECASE)  # a period with the space before it, to cut
_ADVERB = {"annual": 12, "annually": 12, "yearly": 12, "biennial": 24, "biennially": 24, "triennial": 36, "triennially": 36,
           "termly": 4, "monthly": 1, "weekly": 0.25}


@lru_cache(maxsize=65536)
def periods(text: str) -> frozenset[float]:
    """How often a text says something is done, in months ("reviewed every two years": 24;
    "annually": 12); "every year group" is no period."""
    found: set[float] = set()
    for match in _PERIOD.finditer(text):
        if match["adverb"]:
            found.add(_ADVERB[match["adverb"].lower()])
        elif match["m"]:
            found.add(12 * (_NUMBER.get(match["m"].lower()) or int(match["m"])))
        elif not re.match(r"\s*group", text[match.end():], re.IGNORECASE):
            n = match["n"]
            found.add((_NUMBER.get(n.lower()) or int(n) if n else 1) * _UNIT[match["unit"].lower()])
    return frozenset(found)


def without_periods(text: str) -> str:
    """``text`` without the periods :func:`periods` reads in it ("This policy will be reviewed
    every two years, or sooner" -> "This policy will be reviewed, or sooner")."""
    return _SPACED_PERIOD.sub(lambda m: m.group() if re.match(r"\s*group", text[m.end():], re.IGNORECASE) else "", text)


def find_review_months(lines: Sequence[str]) -> int | None:
    """How often the policy says it is reviewed, in months ("reviewed annually" is 12), or None:
    the longest period on the first line about review that gives one."""
    for line in lines:
        if re.search(r"\breview", line, re.IGNORECASE) and (found := periods(line)):
            return round(max(found))
    return None


# --- review status -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewStatus:
    """Whether a policy's review is overdue on ``today``.

    ``state`` is ``current``, ``overdue`` or ``unknown`` (no dates at all); ``basis`` says where
    ``due`` comes from: ``next-review`` (the policy's own date), ``last-review`` (last review plus
    ``review_months``) or ``none``. ``days_past_due`` is negative while the review is not yet due.
    """

    state: str
    due: date | None
    basis: str
    review_months: int
    days_past_due: int | None


def add_months(value: date, months: int) -> date:
    """``value`` plus whole months, clamped to the end of a shorter month (31 Jan + 1 -> 28/29 Feb)."""
    index = value.year * 12 + value.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(value.day, calendar.monthrange(year, month)[1]))


def review_status(
    last_review: PolicyDate | None,
    next_review: PolicyDate | None,
    review_months: int | None,
    today: date,
) -> ReviewStatus:
    """Work out when a review is due and whether it is overdue on ``today``.

    An explicit next-review date wins; otherwise the last review plus ``review_months`` (12 when
    None: annual review unless the policy says otherwise). Month-precision dates count from the end
    of their month, so "Reviewed: February 2018" is due by 28 February 2019. Overdue means
    ``today`` is after the due date.
    """
    months = DEFAULT_REVIEW_MONTHS if review_months is None else review_months
    if months <= 0:
        raise ValueError(f"review interval must be a positive number of months, got {months}")
    if next_review is not None:
        due, basis = next_review.last_day(), "next-review"
    elif last_review is not None:
        if last_review.day is None:
            end = add_months(last_review.first_day(), months)
            due = date(end.year, end.month, calendar.monthrange(end.year, end.month)[1])
        else:
            due = add_months(last_review.last_day(), months)
        basis = "last-review"
    else:
        return ReviewStatus(state="unknown", due=None, basis="none", review_months=months, days_past_due=None)
    days = (today - due).days
    return ReviewStatus(
        state="overdue" if days > 0 else "current", due=due, basis=basis, review_months=months, days_past_due=days
    )


def policy_review_status(policy: Policy, today: date) -> ReviewStatus:
    """``review_status`` from a policy's front matter; with no review date, adoption counts as the last review."""
    last = parse_date(policy.reviewed or "") or parse_date(policy.adopted or "")
    return review_status(last, parse_date(policy.next_review or ""), policy.review_months, today)
