"""Check the model draft for what a governor would otherwise find, and say how to settle each.

Sentences pointing back at nothing, fragments, truncations, repeated stems, near-duplicates
and local specifics left in. Findings are review items for maintainers (a page of the site,
``policy-compare check --model``), never build warnings. No MkDocs import.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .dates import periods, without_periods
from .legislation import LawToUpdate, Register, law_to_update
from .localnames import candidates, local_names
from .merge import ModelClause, ModelPolicy
from .model import AlignSettings, Alignment
from .overrides import resolve
from .passages import THIS_ACT
from .wording import announces_what_follows, ends_dangling, introduces_list, is_fragment, leans_back, near_duplicate, near_duplicate_candidates, stem, unbalanced

KINDS = {
    "points-back": "points back at something that is not there",
    "fragment": "a fragment (a heading, an aim without a verb, a title)",
    "truncation": "cut short (or a list's lead-in without its list)",
    "repeated-stem": "repeats a lead-in another entry already has",
    "near-duplicate": "says what another entry says",
    "local-specific": "names one school's local specifics",
    "review-period": "gives a review period the cover does not",
    "local-authority": "names a local authority's service, or the authority as employer, in a trust's model",
    "outdated-service": "names an online service that has closed or changed its name",
}
_SENTENCE_END = re.compile(r"(?<=[.!?])[\u201d\u2019\"')]*\s+(?=[A-Z\u201c\u2018\"'(\[])")


@dataclass(frozen=True)
class Finding:
    """One thing to settle before adopting: where, what, and the curation entry that settles it."""

    kind: str
    number: str  # the model entry's number, e.g. "5.3"
    text: str  # the wording concerned
    detail: str
    settle: str  # a curation.yml entry that would settle it


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def reference(entry: ModelClause, alignment: Alignment, lead: bool = False, sentence: str | None = None) -> str:
    """How curation names the entry's row (or its list's lead-in, with ``lead``; or, with
    ``sentence``, the row of the source clause that reads most like it): ``school: a short quote``
    that finds one clause, else the row id."""
    index = alignment.clause_index
    sources = [index[cid] for cid in entry.sources if cid in index]
    if sentence is not None and sources:
        said = set(re.findall(r"\w+", sentence.lower()))
        sources = [max(sources, key=lambda c: len(said & set(re.findall(r"\w+", c.text.lower()))))]
    for clause in sources:
        if clause.id not in alignment.clause_row or (clause.kind == "lead-in") != lead:
            continue
        words = clause.text.split()
        for length in range(5, len(words) + 1, 3):
            quote = " ".join(words[:length]).rstrip(",;:")
            found, _ = resolve(f"{clause.school}: {quote}", index)
            if found is not None and found.id == clause.id:
                return f"{clause.school}: {quote}"
    return entry.row or entry.number


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# a council's services a maintained school's policy names, which a trust's academies do not use:
# its HR ("the Schools' HR team", "Children's Services HR") and the authority as employer ("bring
# the school, the profession or the local authority into disrepute"); never its safeguarding roles
# (the designated officer, children's social care), which every school still works with
_LOCAL_AUTHORITY = re.compile(
    r"\b(?:(?:the )?schools?['\u2019]? (?:HR|human resources)(?: team| service)?|(?:the )?children['\u2019]?s services (?:HR|human resources)"
    r"|(?:the )?(?:local authority|LA)(?:['\u2019]s)? (?:HR|human resources)(?: team| service)?"
    r"|(?<!\[)(?:the )?local authority\b(?!['\u2019]?s? designated| designated| children| social| safeguarding|['\u2019]s children|\]))",
    re.IGNORECASE,
)


def _for_the_trust(found: str) -> str:
    return "the trust's HR team" if re.search(r"\b(?:HR|human resources)\b", found, re.IGNORECASE) else "the trust"


# online services a policy may name as examples that have closed or changed their name since:
# name -> (what happened, what to write in its place); facts as the services announced them
_SERVICES: dict[str, tuple[str, str]] = {
    "bebo": ("closed as a social network in 2013", "<a service in use today>"),
    "vine": ("closed in 2017", "<a service in use today>"),
    "google+": ("closed in 2019", "<a service in use today>"),
    "google plus": ("closed in 2019", "<a service in use today>"),
    "msn messenger": ("closed in 2013", "<a service in use today>"),
    "windows live messenger": ("closed in 2013", "<a service in use today>"),
    "friends reunited": ("closed in 2016", "<a service in use today>"),
    "orkut": ("closed in 2014", "<a service in use today>"),
    "periscope": ("closed in 2021", "<a service in use today>"),
    "twitter": ("was renamed X in 2023", "X (formerly Twitter)"),
}
# a name as a proper noun (capitalised, "Twitter", not "twitter" in a web address); not "X (formerly Twitter)"
_SERVICE = re.compile(r"(?<![\w/.@])(?<!formerly )(?:Bebo|(?-i:Vine)|Google\+|Google Plus|MSN Messenger|Windows Live Messenger|Friends Reunited|Orkut"
                      r"|(?-i:Periscope)|Twitter)(?!\w|\.\w)", re.IGNORECASE)


def _service_key(name: str) -> str:
    return re.sub(r"\s+", " ", name.lower())


_REVIEWED = re.compile(r"\breview(?:ed|s)?\b", re.IGNORECASE)  # "will be reviewed every two years", "reviews it annually"
_AN_ACT = re.compile(r"\b[A-Z][\w']*(?:,?\s+(?:[A-Z][\w']*|of|and|the|for|from|on|in))*\s+Act\b")  # "the Computer Misuse Act"


def lint(model: ModelPolicy, alignment: Alignment) -> list[Finding]:
    """Every finding in the model, in model order."""
    findings: list[Finding] = []
    entries = model.clauses()

    def add(kind: str, entry: ModelClause, text: str, detail: str, settle: str) -> None:
        findings.append(Finding(kind, entry.number, text, detail, settle))

    seen_stems: dict[str, str] = {}
    locals_ = local_names(alignment)
    for entry in entries:
        ref = _yaml(reference(entry, alignment))
        lead_ref = _yaml(reference(entry, alignment, lead=True)) if entry.items else ref
        first = (sentences(entry.text) or [entry.text])[0]
        if not entry.items and announces_what_follows(entry.text):
            add("points-back", entry, entry.text, "it announces a list that does not follow",
                f"replace: {{{ref}: {_yaml('<the rule, worded to stand on its own>')}}}")
        if leans_back(first):
            ref = lead_ref
            add("points-back", entry, first, "its first sentence leans on one that is not before it",
                f"replace: {{{ref}: {_yaml('<the rule, worded to stand on its own>')}}}")
        if (this_act := THIS_ACT.search(entry.full_text)) and not _AN_ACT.search(entry.full_text, 0, this_act.start()):
            add("points-back", entry, entry.full_text, "it says \"this Act\" but names no Act before",
                f"replace: {{{ref}: {_yaml(THIS_ACT.sub('the <name of the Act>', entry.text))}}}")
        for sentence in sentences(entry.full_text):
            said = periods(sentence.lower()) if _REVIEWED.search(sentence) else frozenset()
            if said and model.review_months not in said:
                months = " or ".join(f"{m:g}" for m in sorted(said))
                add("review-period", entry, sentence,
                    f"it says every {months} months; the cover says every {model.review_months} "
                    f"(or set `review_months: {months}` in the curation file)",
                    f"replace: {{{ref}: {_yaml(without_periods(sentence))}}}")
        fragment = not entry.items and is_fragment(entry.text)
        if fragment:  # dropping it settles a cut-off end too
            add("fragment", entry, entry.text, "not a sentence on its own", f"drop: [{ref}]")
        last = entry.items[-1] if entry.items else entry.text
        if not fragment and (unbalanced(entry.full_text) or ends_dangling(last) or (not entry.items and introduces_list(last))):
            add("truncation", entry, last, "ends mid-sentence or leaves a quotation or bracket open",
                f"replace: {{{ref}: {_yaml('<the whole sentence>')}}}")
        own_stem = entry.text.strip().lower() if entry.items else stem(entry.text)
        if own_stem:
            if own_stem in seen_stems:
                add("repeated-stem", entry, entry.text, f"{seen_stems[own_stem]} starts the same way",
                    f"replace: {{{lead_ref}: {_yaml('<a lead-in of its own>')}}}")
            else:
                seen_stems[own_stem] = entry.number
        said = sentences(entry.text)
        row_of: dict[str, str] = {}  # a sentence or item -> how curation names its row, looked up when a finding needs it

        def settle_by(part: str, pattern: re.Pattern[str], put: Callable[[str], str], entry: ModelClause = entry) -> str:
            """The curation entry that writes ``part`` with each match of ``pattern`` put right."""
            for text in (*said, part) if part in said else (part,):
                if text not in row_of:
                    row_of[text] = _yaml(reference(entry, alignment, sentence=text))
            rows_said = list(dict.fromkeys(row_of[text] for text in said)) if part in said else []
            if len(rows_said) > 1:
                # sentences of several rows: the first row says the whole entry, the others go
                # (replaced alone, a later sentence would stand apart from the one it goes on from)
                return (f"replace: {{{rows_said[0]}: {_yaml(pattern.sub(lambda m: put(m[0]), entry.text))}}}"
                        f"; drop: [{', '.join(rows_said[1:])}]")
            return f"replace: {{{row_of[part]}: {_yaml(pattern.sub(lambda m: put(m[0]), part))}}}"

        for part in [*said, *entry.items]:
            for found in dict.fromkeys(m[0] for m in _LOCAL_AUTHORITY.finditer(part)):
                add("local-authority", entry, found, f"{found!r} is a local authority's; the trust's schools use the trust's",
                    settle_by(part, _LOCAL_AUTHORITY, _for_the_trust))
            for found in dict.fromkeys(m[0] for m in _SERVICE.finditer(part)):
                add("outdated-service", entry, found, f"{found} {_SERVICES[_service_key(found)][0]}",
                    settle_by(part, _SERVICE, lambda name: _SERVICES[_service_key(name)][1]))
        for name in candidates(entry.full_text):
            if name.lower() in locals_ or re.search(r"\b(?:Council|Borough)\b", name):
                add("local-specific", entry, name, f"{name!r} is local to one school",
                    f"replace: {{{ref}: {_yaml(entry.text.replace(name, '[Local name]'))}}}")
    # two lists' lead-ins are checked as stems above, not here
    parts: list[tuple[ModelClause, str, bool]] = []  # entry, sentence or item, whether it is a list's lead-in
    for entry in entries:
        said = sentences(entry.text)
        parts.extend((entry, part, bool(entry.items) and position == len(said) - 1) for position, part in enumerate(said))
        parts.extend((entry, item, False) for item in entry.items)
    for i, j in sorted(near_duplicate_candidates([part for _, part, _ in parts])):  # the pairs in order, i then j
        (entry, part, lead), (other, other_part, other_lead) = parts[i], parts[j]
        if other is not entry and not (lead and other_lead) and near_duplicate(part, other_part):
            shorter, longer = (other, entry) if len(other_part) <= len(part) else (entry, other)
            add("near-duplicate", shorter, other_part if shorter is other else part, f"{longer.number} says the same",
                f"drop: [{_yaml(reference(shorter, alignment))}]")
    order = {entry.number: i for i, entry in enumerate(entries)}
    return sorted(findings, key=lambda f: (order.get(f.number, len(order)), f.kind))


def laws_to_update(model: ModelPolicy, register: Register) -> list[tuple[str, LawToUpdate]]:
    """The model's references to repealed, replaced or misdated law, each with its entry's number
    (the review page and ``policy-compare check --model`` list them)."""
    return [(entry.number, law) for entry in model.clauses() for part in (entry.text, *entry.items) for law in law_to_update(part, register)]


def counts(findings: list[Finding]) -> dict[str, int]:
    """How many findings of each kind (every kind listed, zeros included)."""
    return {kind: sum(1 for f in findings if f.kind == kind) for kind in KINDS}


@dataclass(frozen=True)
class Overlap:
    """Two entries of one section that say much the same: a duplicate to drop, or two rules that
    may conflict (one school's "must never" beside another's "may, with permission")."""

    first: str  # the entry's number, with the item's letter for a list item ("6.2", "4.1a")
    second: str
    first_text: str
    second_text: str
    similarity: float
    first_entry: str  # the entry's number alone, where the model page's anchor is
    second_entry: str
    differs: str = ""  # what sets the two apart, when a reading of them says: "one forbids what the other allows"


# a permission given to someone: "staff may ...", "pupils in year 6 can ...", "parents are allowed to ..."
_PERMITS = re.compile(
    r"\b(?:staff|pupils?|students?|children|parents?|carers?|adults?|employees?|teachers?|governors?|visitors?|they|you|"
    r"members? of staff)\b(?:\s+[\w,'-]+){0,6}?\s+(?:may|can|(?:is|are) (?:permitted|allowed|free) to)\b"
)


def differs(first: str, second: str, first_lead: str = "", second_lead: str = "") -> str:
    """What sets two overlapping entries apart, as the rows stage reads it, or "" (nothing said:
    perhaps one rule twice). A list item says what its lead-in says ("Staff must not:")."""
    from .readings import forbids, states_an_exception

    def said(text: str) -> int:  # -1 forbids; 1 lets someone do something ("Staff may ...", not "which can arise")
        text = text.lower()
        return -1 if forbids(text) else (1 if _PERMITS.search(text) else 0)

    def stance(text: str, lead: str) -> int:
        return said(text) or (said(lead) if lead else 0)

    if stance(first, first_lead) * stance(second, second_lead) < 0:
        return "one forbids what the other allows"
    if states_an_exception(first.lower()) != states_an_exception(second.lower()):
        return "one is an exception to a rule"
    return ""


def overlaps(model: ModelPolicy, threshold: float = 0.45, window: int = 12, floor: float = 0.25) -> list[Overlap]:
    """Pairs of entries (and list items) in one section at least ``threshold`` similar, by the
    measure rows are grouped with: words and characters, averaged with sentence meaning.

    Each part is compared with the next ``window`` parts of its section, so the cost grows with
    the model's length; only pairs already ``floor`` similar in words are given a meaning
    (embedded), as every pair this reports is. Not lint findings: a governor decides these.
    """
    from .embeddings import embed, meaning
    from .rows import SimilarityModel

    weight = AlignSettings().semantic_weight
    found: list[Overlap] = []
    for section in model.sections:
        parts: list[tuple[str, str, str]] = []  # entry number, label, text
        leads = {entry.number for entry in section.clauses if entry.items}  # a list's lead-in: its items say the rule
        lead_of: dict[str, str] = {}  # a list item's label -> its lead-in
        for entry in section.clauses:
            parts.append((entry.number, entry.number, entry.text))
            for k, item in enumerate(entry.items[:26]):
                parts.append((entry.number, f"{entry.number}{chr(ord('a') + k)}", item))
                lead_of[parts[-1][1]] = entry.text
        if len(parts) < 2:
            continue
        texts = [text for _, _, text in parts]
        lexical = SimilarityModel([t.lower() for t in texts])
        pairs: list[tuple[int, int, float]] = []
        for i in range(len(parts)):
            later = [j for j in range(i + 1, min(len(parts), i + 1 + window))
                     if parts[j][0] != parts[i][0] and not (parts[i][1] in leads and parts[j][1] in leads)]
            if later:
                scores = lexical.block([i], later)[0]
                pairs.extend((i, j, float(s)) for j, s in zip(later, scores) if s >= floor)
        if not pairs:
            continue
        wanted = sorted({k for i, j, _ in pairs for k in (i, j)})
        vectors = dict(zip(wanted, embed([texts[k] for k in wanted])))
        for i, j, words in pairs:
            score = (1 - weight) * words + weight * float(meaning(vectors[i], vectors[j]))
            if score >= threshold:
                found.append(Overlap(parts[i][1], parts[j][1], texts[i], texts[j], round(score, 2), parts[i][0], parts[j][0],
                                     differs(texts[i], texts[j], lead_of.get(parts[i][1], ""), lead_of.get(parts[j][1], ""))))
    return found
