"""Judgements about how a sentence reads on its own, shared by the merge and the model lint.

Does it point back at something said before it, is it a fragment (a heading, an aim
without a verb, a document title), is it cut short, does it say what another sentence
says? Plain functions over strings; they know nothing of schools or of MkDocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, pairwise

# Nouns that make "this ..." / "these ..." name the document itself rather than point back.
_SELF_NOUNS = (
    "policy", "policies", "document", "guidance", "guidelines", "code", "procedure", "procedures",
    "school", "academy", "trust", "section", "agreement", "statement", "plan",
)
_SELF = "|".join(_SELF_NOUNS)
# Openings that lean on the sentence before: pronouns and connectives.
_OPENING_BACK = re.compile(
    r"^(?:(?:this|these|that)\b(?!\s+(?:" + _SELF + r")\b)|those\b(?!\s+(?:who|whose|working|in|at|with|responsible)\b)"
    r"|(?:it|its|they|their|them|he|she|such|both)\b"
    r"|(?:in addition|additionally|furthermore|moreover|also|however|therefore|thus|consequently|"
    r"as a result|likewise|similarly|otherwise|again|in turn|nevertheless|finally|in particular)\b)",
    re.IGNORECASE,
)
# "It is important to ...", "It is expected that ...": the pronoun points forward, not back.
_DUMMY_IT = re.compile(r"^it\s+(?:is|was|will be|would be|may be|can be|should be)\b.*\b(?:to|that|whether|for)\b", re.IGNORECASE)
# Inside a sentence: "the above", "such websites" (not "such as"), "these circumstances", "this potential",
# "it also", "the Act" (named before), "failure to do so".
_INNER_BACK = re.compile(
    r"\b(?:the above|above-mentioned|aforementioned|such (?!as\b)[a-z]+|it also|the act\b(?!\s+(?:\d|of\b))|do(?:ing)? so\b"
    r"|(?:this|these|those) (?!(?:" + _SELF + r")\b)[a-z]+(?= is| are|\.|,|$| will| should| could| may| must))",
    re.IGNORECASE,
)
# Early in a sentence, before anything it could refer to: "In some circumstances this could ...",
# "It is therefore expected that they ...".
_EARLY_BACK = re.compile(
    r"^(?:(?:[\w’'-]+,?\s+){0,6}?therefore|(?:[\w’'-]+,?\s+){0,4}?(?:this|these) (?:could|will|would|may|might|can|should|must|is|was|has|means|includes?|applies)"
    r"|(?:[\w’'-]+,?\s+)?they)\b",
    re.IGNORECASE,
)
# A connective at the start that can go without changing the rule: "In addition to the above, everyone ...".
_DROPPABLE_OPENING = re.compile(
    r"^(?:(?:in addition(?: to (?:the above|this))?|additionally|furthermore|moreover|also|likewise|in particular)\s*,?"
    # the answer to a question-and-answer policy's heading ("Can I be friends with pupils?" "No. Staff must not ...")
    r"|(?:yes|no)\s*[.,;:!\u2013\u2014-])\s+(?=[\w\[\u201c\u2018\"'])",
    re.IGNORECASE,
)

_VERB_CUE = re.compile(
    r"\b(?:must|should|shall|will|would|may|might|can|could|is|are|was|were|be|been|being|has|have|had|"
    r"do|does|did|need|needs|apply|applies|include|includes|mean|means|remain|remains|cover|covers)\b"
    r"|\b(?:it|this|that|which|who|he|she|they|we|staff|everyone|anyone)\s+(?:also\s+|not\s+|always\s+|never\s+)?[a-z]+(?:s|ed)\b",
    re.IGNORECASE,
)
_AUXILIARY = re.compile(r"\b(?:must|should|shall|will|would|may|might|can|could|is|are|was|were|has|have|had)\b", re.IGNORECASE)
_TERMINAL = tuple(".!?:;") + ("\u201d", '"', "\u2019", "'", ")")
_DANGLING = frozenset(
    "or and but nor the a an of to with for by in on at from which that who whose whom as than "
    "including such e.g. eg i.e. ie".split()
)
_WORD = re.compile(r"[\w\[\]’'-]+")
_QUOTES = (("\u201c", "\u201d"), ("(", ")"), ("[", "]"))
_STOP = frozenset(
    "a an the of to and or in on at for by with from as is are be been being that this these those it its "
    "their they them will should must may can could would shall not no any all".split()
)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=1 << 16)  # a model's copies of one wording are each asked of, once per alike pair
def points_back(text: str) -> bool:
    """Whether the sentence leans on the one before it ("This will ...", "They should ...", "the above")."""
    stripped = text.strip().lstrip("\u201c\"'(")
    if _OPENING_BACK.match(stripped) and not _DUMMY_IT.match(stripped):
        return True
    return bool(_INNER_BACK.search(stripped) or _EARLY_BACK.match(stripped))


def opens_pointing_back(text: str) -> bool:
    """Whether the sentence's opening words (not a phrase inside it) lean on what came before."""
    stripped = text.strip().lstrip("\u201c\"'(")
    return bool(_OPENING_BACK.match(stripped)) and not _DUMMY_IT.match(stripped)


def is_aside(text: str) -> bool:
    """A sentence wholly in brackets: "(Typically, teachers ... fall in this category of trust)."."""
    return bool(re.fullmatch(r"\([^()]+\)[.;]?", text.strip()))


def leans_back(text: str) -> bool:
    """Whether a sentence that opens a passage lacks what it refers to: its opening words, or
    "the above" anywhere. Stricter than :func:`points_back`, which also counts a "such ..."
    later in the sentence (often referring inside it) when deciding what to bring along."""
    if is_aside(text) and re.search(r"\b(?:this|these|such)\b", text, re.IGNORECASE):
        return True  # an aside in brackets about "this category" of what came before it
    stripped = text.strip().lstrip("\u201c\"'(")
    return opens_pointing_back(stripped) or bool(_EARLY_BACK.match(stripped)) or bool(re.search(r"\bthe above\b", stripped, re.IGNORECASE))


# "below" as an adverb ("the types below are"), not a preposition ("below the minimum age")
_FORWARD = re.compile(r"\b(?:below(?!\s+(?:the|a|an|\d|their|its|his|her|this|that|age|average|par)\b)|the following|as follows)\b", re.IGNORECASE)


def refers_forward(text: str) -> bool:
    """Whether a sentence announces what comes after it ("All incident types below are ...")."""
    return bool(_FORWARD.search(text)) or introduces_list(text)


def announces_what_follows(text: str) -> bool:
    """Refers forward and does not itself give what it announces ("The following apply: X and Y."
    gives it): read alone, it announces something that is not there."""
    return refers_forward(text) and not re.search(r":\s+\S", text)


def introduces_list(text: str) -> bool:
    """Ends as a list's lead-in does: on a colon (a dash after it, as some documents write it)."""
    return bool(re.search(r":\s*[-\u2013\u2014]?\s*$", text))


def drop_connective(text: str) -> str:
    """Text without an opening connective that only linked it to what came before it.

    "In addition to the above everyone at X must:" becomes "Everyone at X must:", and "No. Staff
    must not ..." (the answer to a question the model has no heading for) "Staff must not ...";
    a pronoun ("It also ...") is not a connective and stays (its sentence travels with its antecedent).
    """
    match = _DROPPABLE_OPENING.match(text.strip())
    if not match:
        return text
    rest = text.strip()[match.end():]
    return rest[:1].upper() + rest[1:]


@lru_cache(maxsize=1 << 16)  # a model asks of each wording it holds, copies and all
def is_fragment(text: str) -> bool:
    """A heading, a verbless aim ("To further safeguard children."), or a document title."""
    stripped = text.strip()
    tokens = words(stripped)
    if not tokens or stripped[:1].islower():
        return True  # nothing, or the tail of a sentence cut in two
    if " | " in stripped:
        # a table's row ("Policy owner | Deputy Headteacher (Pastoral)"): a fragment unless a cell is a sentence
        return all(is_fragment(cell) for cell in stripped.split(" | ") if cell.strip())
    terminal = stripped.endswith(_TERMINAL)
    capitals = sum(1 for w in tokens if w[:1].isupper() or w.startswith("["))
    if not terminal and (len(tokens) <= 6 or capitals / len(tokens) >= 0.6):
        return True  # a heading or a title
    if re.match(r"^to [a-z]+", stripped, re.IGNORECASE) and not _AUXILIARY.search(stripped):
        return True  # an aim: "To set out the key principles ..."
    names = sum(1 for w in tokens if w[:1].isupper() or w[:1].isdigit())
    if names / len(tokens) >= 0.6 and any(w[:1].isdigit() for w in tokens) and not _VERB_CUE.search(stripped):
        return True  # a citation or a title: "Children, Families and Education Directorate page 38 April 2007."
    outside_brackets = words(re.sub(r"\([^)]*\)", "", stripped))
    if len(tokens) <= 3 or (not stripped.startswith("(") and len(outside_brackets) <= 2):
        return True  # "Data breaches.", "Commercial (illegal downloading, hacking)."
    if is_form_line(stripped):
        return True  # a line of a form to fill in ("Chair of Governors Signed: ______ Date: 21 March 2024")
    return not terminal and not _VERB_CUE.search(stripped)  # a finished sentence is given the benefit of the doubt


_BLANK_TO_FILL = re.compile(r"_{4,}|\.{6,}|\u2026{3,}")
_FORM_LABEL = re.compile(r"\b(?:signed|signature|date|name|position|role)\s*:", re.IGNORECASE)


def is_form_line(text: str) -> bool:
    """A line of a sign-off form, not a rule: a blank to write in ("Signed: ______"), or two of a form's
    labels in a few words ("Chair of the Local Governing Body Signed: Date: 21 March 2024")."""
    if _BLANK_TO_FILL.search(text):
        return True
    return len(_FORM_LABEL.findall(text)) >= 2 and len(words(text)) <= 16


def is_truncated(text: str) -> bool:
    """Cut short: ends on a joining word or a comma, or leaves a quotation or bracket open."""
    stripped = text.strip()
    if not stripped:
        return False
    return unbalanced(stripped) or ends_dangling(stripped)


def ends_dangling(text: str) -> bool:
    """Ends on a joining word ("... members of society or") or a comma."""
    stripped = text.strip()
    if not stripped or stripped.endswith(_TERMINAL):
        return False
    last = stripped.split()[-1].lower().rstrip(",")
    return stripped.endswith(",") or last in _DANGLING


def unbalanced(text: str) -> bool:
    """A quotation or bracket opened and not closed (or closed and never opened)."""
    for opening, closing in _QUOTES:
        if text.count(opening) != text.count(closing):
            return True
    return text.count('"') % 2 == 1


def opens_quote(text: str) -> bool:
    """More quotations or brackets opened than closed: the text goes on in what follows."""
    return any(text.count(o) > text.count(c) for o, c in _QUOTES) or text.count('"') % 2 == 1


def content_words(text: str) -> list[str]:
    return [w.lower().strip("’'") for w in words(text) if w.lower() not in _STOP]


def bigrams(text: str) -> set[tuple[str, str]]:
    tokens = [w.lower() for w in words(text)]
    return set(pairwise(tokens))


_YEARS = re.compile(r"\b(?:1[89]|20)\d\d\b")


@dataclass(frozen=True)
class _Said:
    """What :func:`near_duplicate` compares of a text, worked out once."""

    length: int
    folded: str  # stripped, lower case
    content_count: int  # content words, repeats counted
    pairs: frozenset[tuple[str, str]]
    content: frozenset[str]
    years: frozenset[str]  # the years it cites: two Acts' sections alike in words are two statements


@lru_cache(maxsize=1 << 16)  # a model repeats its wordings: one school's copies, list items said twice
def _said(text: str) -> _Said:
    content = content_words(text)
    return _Said(len(text), text.strip().lower(), len(content), frozenset(bigrams(text)), frozenset(content),
                 frozenset(_YEARS.findall(text)))


def _overlap(shorter: _Said, longer: _Said) -> float:
    if not shorter.pairs or not shorter.content:
        return 0.0
    pair_share = len(shorter.pairs & longer.pairs) / len(shorter.pairs)
    content_share = len(shorter.content & longer.content) / len(shorter.content)
    return max(pair_share, content_share if len(shorter.content) >= 8 else 0.0)


def overlap(shorter: str, longer: str) -> float:
    """How much of ``shorter`` ``longer`` also says: word pairs and content words, the larger share."""
    return _overlap(_said(shorter), _said(longer))


def _alike(first: _Said, second: _Said, threshold: float) -> bool:
    shorter, longer = (second, first) if second.length < first.length else (first, second)
    if shorter.years and longer.years and shorter.years != longer.years:
        return False  # two Acts (or two editions) saying alike things are two statements
    if shorter.content_count < 4:
        return shorter.folded == longer.folded
    return _overlap(shorter, longer) >= threshold


class NearDuplicateIndex:
    """Texts indexed so that :meth:`partners` gives, for one text, the later texts that
    :func:`near_duplicate` could find alike with it: only these need checking.

    Two texts alike share most of the shorter one's word pairs or content words, so they share
    one of its rarest few (a prefix filter): a pair is a candidate when one text's rarest keys
    meet the other's keys. Short texts alike are equal. Partners are found one text at a time,
    so a caller that settles a text early (a duplicate dropped) never pays for its pairs: texts
    copied many times have a number of candidate pairs that grows with the square of the copies.
    """

    def __init__(self, texts: list[str]) -> None:
        self._said = [_said(t) for t in texts]
        # two kinds of key: word pairs, and content words (tagged "w"); a text that recurs has
        # its keys and its prefix worked out once (both depend on its words alone), and is entered
        # in the postings once, with all its copies (a long policy's model repeats its wordings)
        copies: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            copies.setdefault(text, []).append(i)
        features: dict[str, tuple[frozenset[tuple[str, str]], list[tuple[str, str]]]] = {}
        for text in copies:
            said = self._said[copies[text][0]]
            features[text] = (said.pairs, [("w", c) for c in said.content])
        keys_of = {text: [*pairs, *content] for text, (pairs, content) in features.items()}
        self._keys = [keys_of[text] for text in texts]
        self._posting = _postings(keys_of, copies)  # key -> texts that have it
        self._folded = [said.folded for said in self._said]
        self._equal: dict[str, list[int]] = {}
        for i, folded in enumerate(self._folded):
            self._equal.setdefault(folded, []).append(i)
        prefix_of: dict[str, list[object]] = {}
        for text, kinds in features.items():
            prefix: list[object] = []
            for kind in kinds:
                keys = sorted(kind, key=lambda k: (len(self._posting[k]), k))
                prefix.extend(keys[: len(keys) - -(-3 * len(keys) // 4) + 1] if keys else [])
            prefix_of[text] = prefix
        self._prefix: list[list[object]] = [prefix_of[text] for text in texts]  # each text's rarest few keys of each kind
        self._prefixed = _postings(prefix_of, copies)  # key -> texts that have it among their rarest

    def partners(self, i: int) -> list[int]:
        """The texts after text ``i`` that may be near duplicates of it, in order."""
        found = set(self._equal[self._folded[i]])
        for key in self._prefix[i]:  # its rarest keys met in any text
            found.update(self._posting[key])
        for key in self._keys[i]:  # its keys met among any text's rarest
            found.update(self._prefixed.get(key, ()))
        return sorted(j for j in found if j > i)

    def alike(self, i: int, j: int, threshold: float = 0.75) -> bool:
        """:func:`near_duplicate` of texts ``i`` and ``j``, from their words worked out once."""
        return _alike(self._said[i], self._said[j], threshold)


def _postings(keys_of: dict[str, list[object]], copies: dict[str, list[int]]) -> dict[object, list[int]]:
    """Key -> the positions of the texts that have it (a text's copies together; in no particular
    order): ``keys_of`` each distinct text's keys, ``copies`` where it stands."""
    holders: dict[object, list[list[int]]] = {}
    for text, keys in keys_of.items():
        where = copies[text]
        for key in keys:
            holders.setdefault(key, []).append(where)
    return {key: list(chain.from_iterable(lists)) for key, lists in holders.items()}


def near_duplicate_candidates(texts: list[str]) -> set[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, that :func:`near_duplicate` could find alike (see :class:`NearDuplicateIndex`)."""
    index = NearDuplicateIndex(texts)
    return {(i, j) for i in range(len(texts)) for j in index.partners(i)}


def near_duplicate(first: str, second: str, threshold: float = 0.75) -> bool:
    """Whether two wordings say the same thing, one perhaps at greater length."""
    return _alike(_said(first), _said(second), threshold)


def stem(text: str) -> str | None:
    """The lead-in a sentence repeats ("The following are not acceptable at X: ..."), if any."""
    head, sep, rest = text.partition(": ")
    if sep and rest and 3 <= len(head.split()) <= 25:
        return head.strip().lower()
    return None


def _cells(text: str) -> list[str]:
    return [cell.strip() for cell in text.split(" | ")]


def table_rows(texts: list[str]) -> dict[int, str]:
    """Rows of a table a source gives as lines of cells ("Concern | Who to tell | How quickly", then
    "A friend request from a pupil | DSL | Same day"), read as sentences with their header's words:
    "A friend request from a pupil — who to tell: DSL; how quickly: Same day." Keyed by each
    row's index in ``texts`` (a policy's clauses in order); a table whose first row does not read as
    a header (short cells, none a sentence) is left as it is."""
    out: dict[int, str] = {}
    index = 0
    while index < len(texts):
        width = len(_cells(texts[index])) if " | " in texts[index] else 0
        end = index + 1
        while width and end < len(texts) and " | " in texts[end] and len(_cells(texts[end])) == width:
            end += 1
        header = _cells(texts[index]) if width else []
        if end - index >= 2 and all(cell and len(words(cell)) <= 5 and not cell.endswith(".") for cell in header):
            for row in range(index + 1, end):
                cells = _cells(texts[row])
                said = "; ".join(f"{name[:1].lower()}{name[1:]}: {cell}" for name, cell in zip(header[1:], cells[1:]) if cell)
                out[row] = f"{cells[0].rstrip('.')} — {said}." if said else texts[row]
        index = end
    return out


# "I", "me", "my": one person speaking ("Tell me or a deputy DSL straight away"), unless "I" is a
# numeral ("Part I", "Appendix I", "(i)") or the words are quoted ("even to "show me"")
_ONE_PERSON = re.compile(
    r"(?<![\w'\u2019(\-./])(?:(?<!Part )(?<!Appendix )(?<!Annex )(?<!Section )(?<!Schedule )(?<!Stage )(?<!Tier )(?<!Phase )"
    r"(?<!Level )(?<!Type )(?<!Chapter )(?<!Article )I(?:['\u2019](?:m|ll|ve|d))?(?!\.[A-Za-z])|[Mm]e|[Mm]y|[Mm]yself)(?![\w'\u2019)\-/])"
)
_QUOTED = re.compile(r"\"[^\"]*\"|\u201c[^\u201d]*\u201d|(?<![\w])\u2018[^\u2019]*\u2019(?![\w])")


def in_one_voice(text: str) -> bool:
    """Whether a statement speaks as one person ("I will normally refer it to Children's Services",
    "bring it to me unopened"): a school's policy written by its DSL or head may, a model policy for
    every school cannot. A question ("Where is my phone kept?") is the reader's voice and does not count."""
    unquoted = _QUOTED.sub(" ", text.replace("**", ""))
    for sentence in re.split(r"(?<=[.!?])\s+", unquoted):
        if not sentence.rstrip().endswith("?") and _ONE_PERSON.search(sentence):
            return True
    return False
