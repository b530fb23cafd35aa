"""Find the local specifics in a trust's policies: names only one school's text uses.

A council, an app the school chose, a named person: capitalised names (or "... Council",
"... Borough") that are not generic policy words, not an example in a "such as" list, not a
quoted title and found in one school's text only. The model policy turns each into a
fill-in such as ``[Local authority]``. No list of particular places or products: the test
is how a name is written and where it occurs. No MkDocs import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Alignment

# Words any school's policy may capitalise without naming anything local.
GENERIC_WORDS = frozenset(
    """
    a an the of and or for in on at to by with from as this that these those our your their its all any every each
    school schools primary secondary infant junior nursery academy academies trust college federation church
    policy policies code conduct procedure procedures guidance guidelines practice framework statement agreement
    social media networking network networks sites site internet online e-safety esafety safety safeguarding safer
    child children young people pupil pupils student students adult adults parent parents carer carers family families
    staff member members employee employees volunteer volunteers visitor visitors governor governors governing body board
    head headteacher head's teacher teachers deputy assistant senior leadership management team leader leaders lead
    designated officer officers manager coordinator co-ordinator committee chair clerk
    local authority authorities council hr human resources ict it computing technology communications use acceptable
    data protection information freedom act acts regulations regulation order bill law laws rights right convention
    department education national government uk england wales britain british united kingdom european
    police service services association union office commissioner ombudsman court crown
    working work together keeping learning
    equality equal opportunities opportunity anti-bullying bullying behaviour discipline disciplinary grievance whistleblowing
    child protection allegations abuse harassment criminal justice public order malicious computer misuse copyright
    health wellbeing welfare special educational needs send sen
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    key principles aims objectives overview introduction purpose scope appendix section part
    sixth form year years key stage
    privacy notice standards teachers teachers' teacher's registered trade mark marks patent patents like
    """.split()
)
GENERIC_LABEL = "[Local name]"
_KINDS = ("platform", "app", "application", "system", "service", "account", "page", "website", "group", "portal")
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "mx"})
_CAP = r"[A-Z][\w\u2019'&.-]*"
_JOIN = r"(?:and|of|or|upon|on|for|the|&)"
_NAME = re.compile(rf"\b{_CAP}(?:\s+(?:{_JOIN}\s+)*{_CAP})+|\b[A-Z][a-z]+[A-Z]\w*\b")
_AUTHORITY = re.compile(rf"\b{_CAP}(?:\s+(?:{_JOIN}\s+)*{_CAP})*\s+(?:Council|Borough|County Council|City Council)\b")
_EXAMPLE_CUE = re.compile(r"(?:such as|e\.g\.|\beg\b|for example|including|\binclude[sd]?\b|like)\W[^.;:]*$", re.IGNORECASE)
_PRODUCT = re.compile(r"\b(?P<name>[A-Z][a-z]{2,}[A-Za-z]*)\s+(?:[a-z]+\s+)?(?:app|application|platform|system|portal)s?\b")
_PUBLISHES = re.compile(r"\W*(?:[a-z][\w-]*\s+){0,4}(?:guidance|advice|guidelines|publication|framework)\b")
# what a national charity, regulator or public body is called; a school's own arrangements are not
_NATIONAL_BODY = re.compile(r"\b(?:Foundation|Society|Commission|Agency|Institute|Consortium|Charity|Council for [A-Z]\w+)\b")
_QUOTED = re.compile(r"[\u2018\u201c\"'][^\u2018\u2019\u201c\u201d\"]{3,}?[\u2019\u201d\"']")


@dataclass(frozen=True)
class LocalName:
    """A name only one school's text uses, and the fill-in that stands for it in the model."""

    name: str
    label: str  # e.g. "[Local authority]"
    school: str


def _word_key(word: str) -> str:
    return word.lower().strip(".,;:()\u2019'")


# a school's own telephone number (a landline or a mobile); national freephone and 03 numbers
# (helplines such as the NSPCC's 0808 800 5000) are not local
_PHONE = re.compile(r"(?<![\d+])0[127]\d{2,4}(?:[ -]?\d{2,4}){1,3}(?![\d])")


def _phones(text: str) -> list[str]:
    return [m[0] for m in _PHONE.finditer(text) if len(re.sub(r"\D", "", m[0])) in (10, 11)]


def candidates(text: str) -> list[str]:
    """Capitalised names in ``text`` that are not generic policy words, examples or quoted titles,
    and the school's own telephone numbers."""
    found: list[str] = _phones(text)
    quoted = [m.span() for m in _QUOTED.finditer(text)]
    for pattern in (_AUTHORITY, _NAME):
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(a <= start and end <= b for a, b in quoted):
                continue
            if pattern is _NAME and _EXAMPLE_CUE.search(text[max(0, start - 160):start]):
                continue
            if match.group(0).endswith(" Act") or re.match(r"\s+Act\b", text[end:]) or match.group(0).isupper():
                continue  # the title of an Act, or words in capitals for emphasis
            if pattern is _NAME and _PUBLISHES.match(text[end:]):
                continue  # who wrote some guidance ("the Safer Recruitment Consortium's safer working practice guidance")
            tokens = match.group(0).split()
            if pattern is _NAME and len(tokens) > 1 and re.fullmatch(r"[A-Z][a-z]{2,}ing", tokens[0]):
                continue  # a title led by a gerund ("Keeping Learners Safe"): guidance, not a local name
            if pattern is _NAME and len(tokens) > 2 and tokens[1] in ("on", "of", "for", "from", "to") \
                    and re.search(r"(?:^|[.!?:]\s+)$", text[:start]):
                # a sentence's first word is capitalised as a sentence's first word: "Comments on Facebook are
                # checked" names Facebook (one word: not local on its own), not "Comments on Facebook"
                tokens = tokens[2:]
            if pattern is _NAME and _NATIONAL_BODY.search(match.group(0)):
                continue  # a national charity or body ("the Childline and Internet Watch Foundation service")
            while tokens and _word_key(tokens[0]) in GENERIC_WORDS:
                tokens = tokens[1:]
            while tokens and _word_key(tokens[-1]) in GENERIC_WORDS - {"council", "borough"}:
                tokens = tokens[:-1]
            name = " ".join(tokens).strip(".,;:()")
            if not name or all(_word_key(t) in GENERIC_WORDS or t.lower() in {"and", "of", "or", "&"} for t in tokens):
                continue
            if len(tokens) == 1 and not re.match(r"[A-Z][a-z]+[A-Z]", tokens[0]):
                continue  # one capitalised word is too often just a word
            if all(t.isupper() for t in tokens if t.lower() not in {"and", "of", "or", "&"}):
                continue  # initials (PSHE and RE, DSL): curriculum and safeguarding terms
            if name not in found and not any(name in f for f in found):
                found.append(name)
    # one capitalised word that names a product by what follows ("the Arbor parent app", "the
    # Tapestry system"), not at the start of a sentence
    for match in _PRODUCT.finditer(text):
        word = match["name"]
        if _word_key(word) not in GENERIC_WORDS and not re.search(r"(?:^|[.!?:]\s+)$", text[: match.start("name")]):
            if not any(word in f for f in found):
                found.append(word)
    return found


# roles every school has one holder of: their names are one fill-in, whichever school's name it was
ROLE_LABELS = {
    "deputy dsl": "[Name of deputy designated safeguarding lead]",
    "dsl": "[Name of designated safeguarding lead]",
    "chair": "[Name of chair of governors]",
    "head": "[Name of headteacher]",
}
_DSL = re.compile(r"\b(?:designated )?safeguarding lead\b|\bdsl\b")
_ROLES = (
    ("deputy dsl", re.compile(r"\bdeputy (?:designated safeguarding lead|dsl)\b")),
    ("dsl", _DSL),
    ("chair", re.compile(r"\bchair of (?:the )?(?:governors|governing body|local governing (?:body|committee))\b")),
    ("head", re.compile(r"(?<!deputy )(?<!assistant )(?<!vice )(?<!vice-)\b(?:headteacher|head teacher|principal|head of school)\b")),
    ("governor", re.compile(r"\bgovernors?\b")),
)


def _role_label(name: str, sentence: str) -> str:
    """A named person's fill-in, from the role the words beside the name give: the nearest before
    it (back to a bracket, a bar or a full stop), else the first after it (up to one)."""
    at = sentence.find(name.lower())
    if at < 0:
        return "[Name of member of staff]"
    before = re.split(r"[(;|.]", sentence[:at])[-1][-60:]
    before = re.split(r"\b(?:mr|mrs|ms|miss|dr|mx)\.?\s+[a-z][\w.'’-]*(?:\s+[a-z][\w'’-]*)?", before)[-1]  # after another person's name
    # a role named before ", and ..." is another person's ("our DSL is Mrs Cole, the headteacher, and our deputy is Mr Ashby")
    before = re.split(r",?\s+and\s+", before)[-1]
    after = re.split(r"[(;|.]", sentence[at + len(name):])[0][:60]
    # the nearest mention; of two ending at one place ("deputy dsl", "dsl") the more particular, listed first
    nearest = max(((m.end(), -k, role) for k, (role, pattern) in enumerate(_ROLES) for m in pattern.finditer(before)), default=None)
    if nearest is None and re.search(r"\bdeputy\b", before) and _DSL.search(sentence):
        return ROLE_LABELS["deputy dsl"]  # "our deputy is Mr Ashby", in a sentence about the safeguarding lead
    if nearest is None:
        nearest = min(((m.start(), k, role) for k, (role, pattern) in enumerate(_ROLES) for m in pattern.finditer(after)), default=None)
    role = nearest[2] if nearest else None
    if role == "governor":
        return "[Name of governor]"
    return ROLE_LABELS.get(role or "", "[Name of member of staff]")


def label_for(name: str, sentence: str) -> str:
    """The fill-in for a local name, from how it is written and the sentence it is in."""
    if _phones(name) == [name]:
        return "[Telephone number]"
    words = [_word_key(w) for w in name.split()]
    if words[-1] in {"council", "borough", "county"}:
        return "[Local authority]"
    lowered = sentence.lower()
    if words[0] in _TITLES:
        # "the governor responsible for safeguarding, Mr T. Osei,", "The Principal is Dr A. Whitcombe",
        # "Mrs R. Okafor, Headteacher": the words beside the name say who the person is
        return _role_label(name, lowered)
    # "the Microsoft Teams learning platform": the words after the name say what it is
    kind = re.search(re.escape(name.lower()) + r"\s+((?:[a-z]+\s+)?(?:" + "|".join(_KINDS) + r"))\b", lowered)
    if kind:
        return f"[Name of {kind.group(1)}]"
    if re.search(r"\b(?:message|messages|messaging|app|application|platform|text)\b", lowered):
        return "[Messaging service for parents]" if "parent" in lowered else "[Messaging service]"
    return GENERIC_LABEL


_FOUND: list[tuple[Alignment, dict[str, LocalName]]] = []  # the last alignment's names


def local_names(alignment: Alignment) -> dict[str, LocalName]:
    """Every name one school's text uses and no other school's, with its fill-in (worked out once per
    alignment: the model's merge and its review both ask)."""
    for known, found in _FOUND:
        if known is alignment:
            return dict(found)
    found = _local_names(alignment)
    _FOUND.insert(0, (alignment, found))
    del _FOUND[1:]
    return dict(found)


def _local_names(alignment: Alignment) -> dict[str, LocalName]:
    texts = {p.id: " ".join(c.text for c in p.clauses).lower() for p in alignment.policies}
    own = {n.lower() for p in alignment.policies for n in p.names}
    occurrences: dict[str, list[tuple[str, str, str]]] = {}  # compact form -> (name, school, sentence)
    for policy in alignment.policies:
        # the school's own section titles: "the sections on Parents and Carers and on Mobile
        # Telephones" names its sections ("Mobile Telephones and Personal Devices"), nothing local
        # (one string, searched once a name, and only for a name no other school uses: a long policy
        # has thousands of headings and says its names many times)
        headings = "\n".join({h.lower() for c in policy.clauses for h in c.section})
        local: dict[str, bool] = {}
        named: dict[str, list[str]] = {}  # a long policy repeats its wordings: each is read once
        for clause in policy.clauses:
            if clause.text not in named:
                named[clause.text] = candidates(clause.text)
            for name in named[clause.text]:
                key = name.lower()
                if key not in local:
                    local[key] = (not any(key in n or n in key for n in own)
                                  and [s for s, text in texts.items() if key in text] == [policy.id]
                                  and not re.search(rf"\b{re.escape(key)}\b", headings))
                if local[key]:
                    occurrences.setdefault(re.sub(r"\W", "", key), []).append((name, policy.id, clause.text))
    label_of: dict[str, str] = {}
    for key, seen in occurrences.items():
        # one thing written two ways ("Class Dojo", "ClassDojo") gets one fill-in, the most telling one
        labels = [label_for(name, sentence) for name, _, sentence in seen]
        label_of[key] = next((lab for lab in labels if lab != GENERIC_LABEL), GENERIC_LABEL)
    # different things of one kind get a blank each ("[Local name 1]", "[Local name 2]"): one blank
    # for an app, a building and a body would have the governors write one word for all three
    sharing: dict[str, list[str]] = {}
    for key in sorted(label_of):
        sharing.setdefault(label_of[key], []).append(key)
    for label, keys in sharing.items():
        if len(keys) > 1 and label != "[Local authority]" and label not in ROLE_LABELS.values():
            for k, key in enumerate(keys, 1):
                label_of[key] = f"{label[:-1]} {k}]"
    found: dict[str, LocalName] = {}
    for key, seen in occurrences.items():
        for name, school, _ in seen:
            found.setdefault(name.lower(), LocalName(name=name, label=label_of[key], school=school))
    return dict(sorted(found.items()))


def kind_of(label: str) -> str:
    """A numbered blank's kind: "[Local name 2]" -> "[Local name]"."""
    return re.sub(r" \d+\]$", "]", label)


def replace_local(text: str, names: dict[str, LocalName]) -> tuple[str, list[LocalName]]:
    """``text`` with each local name replaced by its fill-in, and the names replaced."""
    used: list[LocalName] = []
    for local in sorted(names.values(), key=lambda n: -len(n.name)):
        pattern = re.compile(r"\b" + re.escape(local.name) + r"\b", re.IGNORECASE)
        text, count = pattern.subn(local.label, text)
        if count:
            used.append(local)
    return text, used
