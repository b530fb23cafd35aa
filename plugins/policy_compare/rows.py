"""Rows: group the clauses that state the same rule in different schools.

A greedy, order-independent multi-witness grouping over TF-IDF similarity (words and
character n-grams), at most one clause per school per row (or two adjacent sentences that
together state one rule). Works on the candidate topics the classify stage gave each clause;
knows nothing of overrides. No MkDocs import; deterministic.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .background import Background, can_fork, share_of, split_in_two
from .classify import Classification
from .dates import periods
from .embeddings import embed, meaning, prepare_encoder, worth_embedding
from .legislation import LawReader, Register
from .model import AlignSettings, Clause, Policy, Row, Topic
from .normalise import Rules, normalise, school_pattern, with_placeholder
from .tokens import analyse as _analyse, stem as _stem, words as _words
from .vectors import Tfidf, char_wb, counts, idf, tfidf

SLICE = 512  # rows of a similarity block computed at once

# Role groups: two clauses naming different audiences are different obligations
# ("add parents as friends" is not "add pupils as friends"). Staff are usually implicit,
# so they are not a role here.
ROLES: dict[str, tuple[str, ...]] = {
    "pupils": ("pupil", "pupils", "child", "children", "student", "students", "child's", "children's"),
    "parents": ("parent", "parents", "carer", "carers", "parent's", "parents'", "families"),
    "police": ("police",),
    "head": ("headteacher", "head", "senior leadership", "senior management", "line manager", "hr", "lado"),
    "governors": ("governor", "governors", "governing body"),
}


# one look-behind before the words, not one per word: the same matches, found five times as fast
_ROLE_PATTERNS = {
    role: re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(w) for w in words)})(?![\w-])") for role, words in ROLES.items()
}


# Who an obligation binds: the subject before the modal verb ("Staff must ...", "Adults working
# in schools should: ..."), or the agent of a passive ("... must not be used by parents").
# Read from the matching form, where synonyms are already folded (staff/adults/employees...).
_ADDRESSEES: dict[str, tuple[str, ...]] = {
    "staff": ("synstaff",), "pupils": ("synpupil",), "parents": ("synparent",), "governors": ("governor", "governing body"),
    "head": ("synheadteacher",), "school": (), "visitors": ("visitor", "contractor"),
}
# the school itself as the subject: "The school will ...", "Schools should ...", "Hollins Park Primary School will ..."
_INSTITUTION = re.compile(r"(?:^|\s)(?:schools?|academy|academies|college|trust)$")
# a gerund subject ("keeping pupils safe is a duty of ...") names what is done, not who must do it
_GERUND = re.compile(r"^(?!\w*thing\b)\w+ing\b")
_MODAL = r"(?:must|should|will|shall|may|can|cannot|synnever|are|is|need|needs|have to|has to|ought)"  # synnever: "must not" etc. folded
# (an imperative or an opening adverbial, "Never friend a pupil ... where they are", has no subject of its own)
_OBLIGED = re.compile(
    rf"^(?!(?:never|synnever|not|do|don't|always|please|ensure|only|under|in|at|if|when|where|whilst|while|once|during|before|after)\b)"
    rf"(?P<who>[^.;:!?]{{1,60}}?)\s+(?:\w+ly\s+)?{_MODAL}\b"
)
# the agent of a passive only ("must not be used by parents"), not any "by" ("bullying by a child")
_AGENT = re.compile(
    r"\b(?:be|been|being|is|are)\s+(?:\w+ly\s+)?\w+(?:ed|en|wn|t)\b[^.;:]{0,40}?\bby (?:all |any |the )?"
    r"(?P<who>[a-z ,]{1,40}?)(?=[.;,]|$| (?:at|on|in|when|while|whilst|during)\b)"
)
# a subject that opens the sentence, however long the clause that follows it
# ("Parents who film concerts, plays and sports fixtures are asked to ...")
_LEADING = re.compile(r"^(?:the |all |any |our |every |each )?(?P<who>synstaff|synpupil|synparent|governors?|governing body)\b(?! of\b)")
# a subject's complement names whom the thing is about, not who must act: "photographs of pupils
# may only be published", "all communication with parents must ..."
_COMPLEMENT = re.compile(r"\s(?:of|with|to|for|about|from|regarding|between|towards|against|involving|at|in|on|within"
                         r"|who|whose|whom|that|which|where)\s.*$")  # nor a relative clause: "pupils whose parents ..."
# nor a participle's object: "staff taking pupils on a visit" binds staff
_PARTICIPLE = re.compile(r"\b(synstaff|synpupil|synparent|governors|anyone|everyone)\s(?!including\b)\w{2,}ing\s.*$")
# a child named as someone's ("your child", "my child"): the one addressed is a parent
_KIN = re.compile(r"\b(?:your|my|their own|our) synpupil")
# an inverted subject: "under no circumstances should staff ...", "at no time may pupils ..."
_INVERTED = re.compile(rf"\b(?:circumstances|time|account|way|case)\s+{_MODAL}\s+(?P<who>[a-z]+(?: [a-z]+)?)")


_MAIN_CLAUSE = re.compile(r"(?:,|;)\s+(?:and|but|while|whilst)\s+(?=(?:the|our|all|every|each|any)\s)")


@functools.lru_cache(maxsize=65536)
def _addressees_of(text: str) -> frozenset[str]:
    """The audiences an obligation's subject (or passive agent) names, in a matching-form text."""
    found: set[str] = set()
    # a second main clause has its own subject: "Cyberbullying of staff will be taken seriously, and
    # the academy will support staff in reporting it" binds the academy
    later = [_OBLIGED.match(part) for part in _MAIN_CLAUSE.split(text)[1:]]
    for match in (_OBLIGED.match(text), _LEADING.match(text), _AGENT.search(text), _INVERTED.search(text), *later):
        if match and not _GERUND.match(match["who"]):
            subject = _COMPLEMENT.sub("", _PARTICIPLE.sub(r"\1", match["who"]))
            named = {who for who, words in _ADDRESSEES.items() if any(word in subject for word in words)}
            if not named and _INSTITUTION.search(subject):
                named = {"school"}
            found |= named
    return frozenset(found)


_OTHER_ADULTS = re.compile(r"\bother adults\b")


def addressees(clause: Clause, rules: Rules | None) -> frozenset[str]:
    """Whom the clause binds: its own subject, else (for a list item) its lead-in's."""
    form = rules.matching_form if rules else (lambda t: t)
    # "other adults" (beside the staff a policy is about) are visitors, though "adults" alone means staff
    own = _addressees_of(form(_OTHER_ADULTS.sub("visitors", clause.normalised)))
    if own or not clause.lead_in or rules is None:
        return own
    return _addressees_of(form(normalise(clause.lead_in, rules)))


def bound_audience(clause: Clause, rules: Rules | None) -> frozenset[str]:
    """Whom the clause binds, read as a reader would: named in the clause (or its list's
    lead-in), else named in its heading ("Guidance for parents"), else staff, whom a staff
    policy addresses when it names nobody."""
    named = addressees(clause, rules)
    if named:
        return named
    if rules is not None and _KIN.search(rules.matching_form(clause.normalised)):
        return frozenset({"parents"})  # "Please tell your child's class teacher ..."
    if clause.section and rules is not None:
        in_heading = _heading_audience(clause.section[-1], rules)
        # under "Parents", "If you see a parent's post about the school, do not engage" speaks to the
        # reader about parents: the heading names whom the rules concern, the reader is bound
        if in_heading and not (_YOU.search(clause.normalised) and in_heading & _roles(clause.normalised)):
            return in_heading
    return frozenset({"staff"})


_YOU = re.compile(r"\byou\b")


@functools.lru_cache(maxsize=4096)
def _heading_audience(heading: str, rules: Rules) -> frozenset[str]:
    """Whom a heading names as the ones its rules bind, if one audience and not staff."""
    heading = rules.matching_form(normalise(heading, rules))
    if _KIN.search(heading):
        return frozenset({"parents"})  # "What should I do if my child is bullied online?"
    # "Guidance for parents" binds parents; "Protection of children", "Images of pupils" bind nobody new
    heading = re.sub(r"\b(?:of|with) (?:the |our |all )?\w+", "", heading)
    in_heading = frozenset(who for who, words in _ADDRESSEES.items() if who != "staff" and any(word in heading for word in words))
    return in_heading if len(in_heading) == 1 else frozenset()


# whose device a clause is about: "a student's phone", "their own mobile phones" (the subject's),
# "personal devices" (the subject's: staff, when a staff policy names nobody), "a school mobile phone"
_DEVICE = r"(?:phones?|mobiles?|devices?|cameras?|tablets?|ipads?|laptops?|computers?|smart ?watch(?:es)?)"
_OWNED = re.compile(
    rf"\b(?P<owner>synpupil|synstaff|synparent|school|academy|their|personal|own)(?:'s|s'|')?\s+"
    rf"(?:(?:own|personal|mobile|smart)\s+)*{_DEVICE}\b"
)
_A_DEVICE = re.compile(rf"\b{_DEVICE}")
_OWNER = {"synpupil": "pupils", "synstaff": "staff", "synparent": "parents", "school": "school", "academy": "school"}


# what a device is used for, when a clause says: taking pictures, or getting in touch; or where it is not
# used ("must not use personal mobile phones in the presence of pupils"), which says nothing of what for
_PURPOSES = {
    "presence": re.compile(
        r"\b(?:in (?:the )?presence of|in front of|(?:in|out of) (?:the )?(?:sight|view|earshot) of"
        r"|(?:when|while|whilst|where) (?:synpupil|pupils|children|students) (?:are|is) (?:present|around|about))\b"
    ),
    "pictures": re.compile(r"\b(?:photograph\w*|photos?|film(?:s|ed|ing)?|videos?|record(?:s|ed|ing)?|pictures?|cameras?)\b"),
    "contact": re.compile(
        r"\b(?:contact(?:s|ed|ing)?|communicat\w*|call(?:s|ed|ing)?|messag\w*|text(?:s|ed|ing)?|numbers?|e-?mails?)\b"
    ),
}


def device_purposes(clause: Clause) -> frozenset[str]:
    """What a clause about a phone or device says it is used for (pictures, contact), or where it is not
    used (in pupils' presence), if it names a device."""
    text = clause.normalised
    if not _A_DEVICE.search(text):
        return frozenset()
    return frozenset(purpose for purpose, pattern in _PURPOSES.items() if pattern.search(text))


# What a clause does, read two ways each: a pair whose readings share nothing (one says only
# the first, the other only the second) states two rules, however alike the words.
_HURTFUL = (r"\b(?:derogatory|disparaging|critical|criticis\w*|criticiz\w*|offensive|defamatory|rude|mocking|abusive|negative"
            r"|discriminatory|threatening|insulting|demeaning|malicious|unkind|nasty|grumble|complain\w*)\b")
_READINGS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    # talking *with* people ("discuss school issues with pupils, parents or colleagues"), or
    # *about* them ("post comments about the school, pupils, parents or colleagues")
    "talks": (
        ("with", re.compile(r"\b(?:discuss\w*|communicat\w*|contact\w*|talk\w*|chat\w*|messag\w*|correspond\w*|interact\w*"
                            r"|engag\w*)\b(?:\W+\w+){0,5}?\W+with\b")),
        ("about", re.compile(r"\b(?:about|regarding|concerning|mentioning|referenc\w* to|refer\w* to|identif\w*|criticis\w*)\b")),
    ),
    # giving people a way to reach you ("not give their personal numbers to pupils"), using one
    # to reach them ("not use personal mobile phones to contact pupils"), or to sign up for an account
    "reach": (
        ("give", re.compile(r"\b(?:give|gives|giving|share|shares|sharing|disclos\w*|pass\w* on|hand\w* out)\b(?:\W+\w+){0,6}?\W+"
                            r"(?:numbers?|e-?mail address(?:es)?|contact details|addresses|usernames?)\b")),
        ("use", re.compile(r"\b(?:to|not|never) (?:contact|communicate|call|text|message)\b|\bcommunicat\w* with\b")),
        # or signing up with an address ("not use school e-mail addresses to register for personal accounts")
        ("sign up", re.compile(r"\b(?:regist\w*|sign\w* up|set\w* up|creat\w*|open\w*)\b(?:\W+\w+){0,5}?\W+(?:accounts?|profiles?)\b")),
    ),
    # asking pupils for images ("never ask a pupil to show or send an image"), deleting one ("must
    # not delete the image"), or keeping images from pupils ("ensure that pupils are not exposed to
    # inappropriate images")
    "images": (
        ("asks for", re.compile(r"\b(?:ask\w*|request\w*|encourag\w*|invit\w*)\b(?:\W+\w+){0,4}?\W+(?:to )?(?:show|send|share|forward|describe)\b")),
        ("deletes", re.compile(r"\b(?:delet\w*|eras\w*)\b")),
        ("keeps from", re.compile(r"\b(?:expos\w*|shown|shows?|showing)\b(?:\W+\w+){0,2}?\W+to\b|\bnot (?:be )?exposed\b")),
    ),
    # pupils at the school ("never friend a pupil at the school"), or former pupils ("not become
    # online friends with former pupils who are under 18")
    "pupils": (
        ("current", re.compile(r"(?<!former )(?<!past )(?<!ex-)(?<!ex )\b(?:current |existing )?(?:pupils?|students?|children|child)\b")),
        ("former", re.compile(r"\b(?:former|past|ex-?) ?(?:pupils?|students?)|\bleavers?\b")),
    ),
    # on a trip or visit ("a school mobile phone will be provided on an educational visit"), or on the
    # school's premises ("prohibited from using mobile phones ... on school premises")
    "where": (
        ("away", re.compile(r"\b(?:(?:educational|school|residential|class) visits?|(?:on|during) (?:an? |the )?visits?"
                            r"|trips?|outings?|excursions?|residentials?)\b|\boff[- ]site\b")),
        ("on site", re.compile(r"\b(?:on (?:the )?(?:school )?(?:premises|site)|around (?:the )?school|in (?:the )?class(?:rooms?)?"
                               r"|in (?:the )?(?:playground|corridors?))\b")),
    ),
    # what staff must not say online about the school and its people: anything at all ("must not post
    # comments about the school, pupils, parents or colleagues"), or nothing hurtful ("do not make
    # derogatory, defamatory or rude comments about the school")
    "comments": (
        ("hurtful", re.compile(_HURTFUL)),
        ("anything", re.compile(r"\b(?:(?:post|make|write|put|publish|share)\w*\s+(?:any\s+)?(?:comments?|remarks?|anything|information)"
                                r"\s+(?:about|on|regarding|relating to|concerning)|(?:to|or|and|not|never) comment(?:ing)? (?:on|about))\b")),
    ),
    # a phone handed in as the day's routine ("handed to the class teacher at the start of the day"), or
    # taken as a sanction ("a phone seen or heard will be confiscated")
    "taken": (
        ("confiscated", re.compile(r"\b(?:confiscat\w*|seized?|taken (?:away|from))\b")),
        ("handed in", re.compile(r"\b(?:hand(?:ed|s)? (?:in|to|over)|handed in)\b")),
    ),
    # what follows a breach: it is looked into ("any breach shall be investigated under the disciplinary
    # procedure"), or acted on ("breaches may lead to disciplinary action", "will be dealt with under ...")
    "breach": (
        ("investigated", re.compile(r"\b(?:investigat\w*|looked into|look into)\b")),
        ("acted on", re.compile(r"\b(?:(?:disciplinary|legal|further) action|action (?:being |will be |may be )?taken|dealt with|lead to|led to"
                                r"|result in|sanctions?|dismissal|gross misconduct)\b")),
    ),
    # a device searched ("Only the Headteacher ... may search a device"), or content posted ("Only staff
    # authorised by the Headteacher may post on them"): two acts, however alike who authorises them
    "acts": (
        ("searches", re.compile(r"\b(?:search\w*|examin\w*|look\w* through|inspect\w*)\b")),
        ("posts", re.compile(r"\b(?:post(?:s|ed|ing)?|publish\w*|upload\w*)\b")),
    ),
    # someone found holding something ("staff found in possession of indecent images will be
    # reported"), or someone who finds it ("where indecent images are found by staff, ...")
    "found": (
        # ... or is said to have held, made or shared it ("any allegation that a member of staff has
        # possessed, made or distributed indecent images")
        ("holds", re.compile(r"\b(?:found (?:with|to (?:be in possession|have|possess))|in possession of|possessing|possess(?:es|ed)?"
                             r"|(?:allegations?|concerns?|suspicions?) that (?:\w+ ){1,5}?(?:has|have|may have) (?:\w+ )?"
                             r"(?:viewed|shared|made|accessed|downloaded|distributed|stored|sent))\b")),
        ("finds", re.compile(r"\b(?:(?:are|is|be) found\b(?! with| to)|found by|who finds?|(?:if|where|when) (?:\w+ ){1,3}finds?"
                             r"|discover\w*|comes? across)\b")),
        # ... or an adult's part in a pupil's images ("the police will always be informed where an adult
        # is involved", "where an adult has asked a student for images"): who did it, not what was found
        ("adult involved", re.compile(r"\b(?:(?:where|if|when|whenever) an? (?:adult|member of staff|staff member) (?:is|was|has been|may be|may have been|might be) involved"
                                      r"|involv\w* an adult|(?:where|if|when) an? adult (?:has )?(?:asked|asks|requested|requests|pressur\w*|coerc\w*|groom\w*))\b")),
    ),
}


# where something is kept ("kept in the main office until home-time", "switched off and kept in
# their bag", "handed to the class teacher"): rules that keep it in different places are two rules
_PLACES = r"office|reception|bags?|lockers?|cupboard|drawer|box|safe|trays?|teacher|staff ?room|sight|pockets?"
_KEPT = re.compile(
    r"\b(?:kept|keep|keeps|stored?|left|locked|handed(?: in)?|given|placed|put away)\b(?:\W+\w+){0,3}?\W+(?:in|at|to|with|into|out of|inside)"
    rf"(?: the| their| a| an| its| his| her| our)?(?: [\w'\u2019]+)?? (?P<place>{_PLACES})\b"  # "the pupil's bag" too
    rf"(?: (?:or|and)(?: the| their| a| an)? (?P<other>{_PLACES})\b)?"
)


# places of one kind: handed in (to the office, the teacher, reception), put away (in a bag, out
# of sight), locked up (a locker, a cupboard), the staff room
_PLACE_KIND = {
    "office": "handed in", "reception": "handed in", "teacher": "handed in",
    "bag": "away", "bags": "away", "pocket": "away", "pockets": "away", "sight": "away",
    "locker": "locked", "lockers": "locked", "cupboard": "locked", "drawer": "locked", "box": "locked", "safe": "locked",
    "tray": "locked", "trays": "locked", "staffroom": "staff room", "staff room": "staff room",
}


# kept about one ("Staff may carry a mobile phone during the working day"; not bullying "carried
# out" online), or out of sight with no verb of keeping ("phones should be on silent and out of sight")
_CARRIED = re.compile(r"\bcarr(?:y|ies|ied|ying)\b(?! out\b)")
_OUT_OF_SIGHT = re.compile(r"\bout of sight\b")


def places_kept(clause: Clause) -> frozenset[str]:
    """Where a clause says something is kept, by kind: handed in (the office, the teacher,
    reception), away (a bag, out of sight), locked up (a locker, a cupboard), the staff room,
    carried (about one)."""
    text = clause.normalised
    kinds = {_PLACE_KIND[place] for m in _KEPT.finditer(text) for place in (m["place"], m["other"]) if place}
    if _CARRIED.search(text):
        kinds.add("carried")
    if _OUT_OF_SIGHT.search(text):
        kinds.add("away")
    return frozenset(kinds)


# an aside in brackets ("Staff must never add pupils as 'friends' ... (including past pupils under the
# age of 16)"): whom a rule is for is read from the rule, not from what it extends to in passing
_ASIDE = re.compile(r"\s*\([^()]*\)")


def reading(clause: Clause, kind: str) -> frozenset[str]:
    """Which of a two-way reading (``talks``: with / about people; ``reach``: give contact details /
    use them; ``found``: holds / finds) a clause says: one, both, or neither."""
    return _read(_ASIDE.sub("", clause.normalised) if kind == "pupils" else clause.normalised, _READINGS[kind])


def _read(text: str, ways: tuple[tuple[str, re.Pattern[str]], ...]) -> frozenset[str]:
    """The names of the ways of a reading whose pattern ``text`` has."""
    return frozenset(name for name, pattern in ways if pattern.search(text))


# reporting asked for ("staff are encouraged to report all incidents of cyberbullying") or required
# ("staff who are subjected to online abuse must report this to the headteacher"; a list's lead-in
# "... shall:" before "- report the matter to their line manager"): a choice and a duty are two rules
_REPORTING = (
    ("invited", re.compile(r"\b(?:encouraged|advised|invited|asked|urged|welcome)\s+to\s+(?:\w+\s+){0,2}?report")),
    ("required", re.compile(r"\b(?:must|shall|(?:is|are) required to|ha(?:ve|s) a duty to|(?:is|are) expected to)[\s:;-]+(?:\w+\s+){0,3}?report")),
)


def reporting(clause: Clause) -> frozenset[str]:
    """Whether a clause (with its list's lead-in) asks someone to report, or requires it: one, both or neither."""
    text = clause.context.lower()
    return _read(text, _REPORTING) if "report" in text else frozenset()


# when a rule holds: outside work only ("This policy relates to social networking outside work"), or in
# work and out of it ("The policy applies to social media use on any device, in or out of working hours")
_IN_AND_OUT = re.compile(
    r"\b(?:in or out(?:side)? of|in and out(?:side)? of|inside (?:and|or) outside|(?:at work|in school) (?:and|or) (?:outside|at home|away)"
    r"|whether (?:or not )?(?:at|in) (?:work|school)|at any time|on any device)\b"
)
_OUTSIDE_WORK = re.compile(r"\b(?:outside (?:of )?(?:work|school|the workplace|working hours|school hours)|away from (?:the )?(?:workplace|work))\b")


def when_it_holds(clause: Clause) -> frozenset[str]:
    """Whether a clause's rule holds outside work only, or in work and out of it (or neither said)."""
    if _IN_AND_OUT.search(clause.normalised):
        return frozenset({"in and out"})
    return frozenset({"outside"}) if _OUTSIDE_WORK.search(clause.normalised) else frozenset()


# a rule for some year groups only ("Pupils in Year 6 who walk home may bring a phone") is not the
# rule for every pupil ("Pupils may bring a mobile phone")
_YEAR_GROUP = re.compile(
    r"\b(?:years? \d{1,2}\b(?:\s*(?:,|and|or|to|-|–)\s*\d{1,2}\b)*|key stage \d|ks\d|sixth form|reception class|nursery|eyfs)"
)


_SUBJECT_ENDS = re.compile(r"\b(?:must|should|shall|may|might|can|could|will|would|are (?:not )?(?:allowed|permitted|expected|asked))\b")


def year_groups(clause: Clause) -> str:
    """The year groups that a clause's subject names, before its modal verb ("Pupils in Year 6 who
    walk home may ..."), as one string ("" for none, or no modal verb)."""
    modal = _SUBJECT_ENDS.search(clause.normalised)
    subject = clause.normalised[: modal.start()] if modal else ""
    return " / ".join(sorted({re.sub(r"\s+", " ", m[0]) for m in _YEAR_GROUP.finditer(subject)}))


def device_owners(clause: Clause, rules: Rules | None) -> frozenset[str]:
    """Whose phones or devices the clause is about (pupils, staff, parents, the school); a
    possessive that points at the subject ("their", "own", "personal") is the subject's."""
    if rules is None:
        return frozenset()
    found = {match["owner"] for match in _OWNED.finditer(rules.matching_form(clause.normalised))}
    if not found:
        return frozenset()
    owners = {_OWNER[o] for o in found if o in _OWNER}
    if found - _OWNER.keys():
        owners |= bound_audience(clause, rules)
    return frozenset(owners)


@functools.lru_cache(maxsize=65536)
def _roles(text: str) -> frozenset[str]:
    """Whom a clause is about (pupils, parents, police, head, governors); "parents of pupils"
    are parents, not pupils."""
    text = _WHOSE.sub(r"\1", text)
    return frozenset(role for role, pattern in _ROLE_PATTERNS.items() if pattern.search(text))


# a role that only says whose someone is: "the parents or carers of pupils", "families of children"
_WHOSE = re.compile(
    r"\b((?:parents?|carers?|families)(?: (?:or|and) (?:parents?|carers?))?) of (?:the |our |a |any |all )?"
    r"(?:current |former |past |other )?(?:pupils?|children|child|students?|synpupil)\b"
)


class SimilarityModel:
    """Vectors of every clause, computed once per alignment, sliced per topic.

    Similarity is the mean of word and character TF-IDF cosines, averaged with an
    IDF-weighted overlap of content words measured against the shorter clause (so that a
    short clause that a longer one contains still scores high).

    Trusts copy wording from school to school, so many clauses read the same once school
    names are placeholders: vectors are computed once per distinct text (with document
    frequencies still counted over every clause, so figures are those of the whole corpus)
    and a block of clause similarities is the block of their distinct texts, repeated.
    """

    def __init__(
        self, texts: Sequence[str], char_ngrams: bool = True, overlap: bool = True,
        readable: Sequence[str] | None = None, semantic_weight: float = 0.0,
        schools: Sequence[str] | None = None, topics: Sequence[frozenset[str]] | None = None, semantic_candidates: int = 0,
    ) -> None:
        distinct = sorted(set(texts))
        position = {t: k for k, t in enumerate(distinct)}
        self.type_of = np.array([position[t] for t in texts], dtype=np.int64)
        self.semantic_weight = semantic_weight if readable is not None else 0.0
        self.semantic: np.ndarray | None = None
        self.embedded = np.zeros(len(distinct), dtype=bool)  # the wordings that have a vector
        copies = np.bincount(self.type_of, minlength=len(distinct)).astype(np.float64)
        word_counts = counts(distinct, _analyse)[0]
        matrices = [tfidf(word_counts, idf(word_counts, copies))]
        self._char: sparse.csr_matrix | None = None  # per distinct text
        if char_ngrams:
            char_counts = counts(distinct, char_wb)[0]
            self._char = tfidf(char_counts, idf(char_counts, copies))
            matrices.append(self._char)
        self.combined = (sparse.hstack(matrices).tocsr() * (1 / np.sqrt(len(matrices)))).tocsr()
        self.overlap = overlap
        if overlap:
            presence = counts(distinct, lambda t: sorted({_stem(w) for w in _words(t)}))[0]
            presence.data[:] = 1.0
            weights = idf(presence, copies)
            self.weighted = (presence @ sparse.diags(weights)).tocsr()
            self.presence = presence
            self.totals = np.asarray(self.weighted.sum(axis=1)).ravel()
            # two shared words are not yet a shared obligation: damp very short clauses
            self.short = 4 * float(np.median(weights)) if len(weights) else 1.0
        self._distinct, self._texts = distinct, texts
        if self.semantic_weight > 0 and readable is not None:
            self.add_meaning(readable, semantic_weight, schools, topics, semantic_candidates)

    def add_meaning(
        self, readable: Sequence[str], semantic_weight: float,
        schools: Sequence[str] | None = None, topics: Sequence[frozenset[str]] | None = None, semantic_candidates: int = 0,
    ) -> None:
        """Sentence embeddings of the readable wording (the matching form's folded tokens would mean
        nothing to the encoder; one of each clause, in the order of the texts the model was made of),
        one per distinct matching form; with ``schools``, only of the wordings some other school's wording finds among its
        closest few (see :func:`embeddings.worth_embedding`): the others have none, and no
        similarity of meaning. Added after the words' vectors, which need no topics, so that those
        can be worked out while clauses are classified."""
        if semantic_weight <= 0:
            return
        self.semantic_weight = semantic_weight
        distinct = self._distinct
        wording: dict[str, str] = {}
        for text, shown in zip(self._texts, readable):
            wording.setdefault(text, shown)
        wanted = np.arange(len(distinct))
        if schools is not None and semantic_candidates > 0:
            wanted = worth_embedding(self._lexical_block, self.type_of, schools, topics or [], semantic_candidates)
        vectors = embed([wording[distinct[k]] for k in wanted.tolist()]) if len(wanted) else np.zeros((0, 1))
        self.semantic = np.zeros((len(distinct), vectors.shape[1]))
        self.semantic[wanted] = vectors
        self.embedded[wanted] = True

    @property
    def char(self) -> sparse.csr_matrix | None:
        """Character 3-5-gram TF-IDF vector of every clause (unit length), if computed."""
        return self._char[self.type_of] if self._char is not None else None

    def matrix(self, rows: Sequence[int]) -> np.ndarray:
        """Similarity (0..1) between the clauses at ``rows``."""
        return self.block(rows, rows)

    def block(self, rows: Sequence[int], cols: Sequence[int]) -> np.ndarray:
        """Similarity (0..1) of the clauses at ``rows`` with those at ``cols``."""
        row_types, row_back = np.unique(self.type_of[np.asarray(rows, dtype=np.int64)], return_inverse=True)
        col_types, col_back = np.unique(self.type_of[np.asarray(cols, dtype=np.int64)], return_inverse=True)
        return self._types_block(row_types, col_types)[np.ix_(row_back.ravel(), col_back.ravel())]

    def _types_block(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        lexical = self._lexical_block(rows, cols)
        if self.semantic is None:
            return lexical
        # a wording without a vector is alike in meaning to none
        alike = np.zeros((len(rows), len(cols)))
        row_in, col_in = self.embedded[rows], self.embedded[cols]
        if row_in.any() and col_in.any():
            alike[np.ix_(row_in, col_in)] = meaning(self.semantic[rows[row_in]], self.semantic[cols[col_in]])
        return (1 - self.semantic_weight) * lexical + self.semantic_weight * alike

    def _lexical_block(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        cosine = (self.combined[rows] @ self.combined[cols].T).toarray()
        if not self.overlap:
            return cosine
        shared = (self.weighted[rows] @ self.presence[cols].T).toarray()
        smaller = np.minimum.outer(self.totals[rows], self.totals[cols])
        damp = np.minimum(1.0, smaller / self.short)
        with np.errstate(divide="ignore", invalid="ignore"):
            contained = np.where(smaller > 0, shared / smaller, 0.0) * damp
        return 0.5 * cosine + 0.5 * contained


def char_matrix(texts: Sequence[str]) -> sparse.csr_matrix:
    """Character 3-5-gram TF-IDF vectors of ``texts`` (within word boundaries), unit length."""
    return Tfidf(char_wb, sublinear=True).fit_transform(texts)



def group_rows(
    clauses: Sequence[Clause],
    candidates: Sequence[frozenset[str]],
    settings: AlignSettings = AlignSettings(),
    rules: Rules | None = None,
    model: SimilarityModel | None = None,
    laws: Sequence[frozenset[str]] | None = None,
    features: ClauseFeatures | None = None,
) -> list[list[int]]:
    """Group clauses into rows; returns lists of indexes into ``clauses``.

    Similarity is only computed inside a topic, between clauses that have the topic among
    their ``candidates`` (their best topic, and a close second), so near-identical clauses
    that classification split across two topics can still meet. Candidate pairs from
    different schools are taken strongest first (ties by clause id, so input order never
    matters); two groups join when they share a candidate topic, a school appears at most
    once (or twice, for two adjacent sentences), and their average similarity stays above
    ``link_threshold``.
    """
    n = len(clauses)
    schools = [c.school for c in clauses]
    if model is None:
        model = similarity_model(clauses, settings, rules, candidates)
    rank = np.empty(n, dtype=np.int64)  # clause ids in order: ties never depend on input order
    rank[sorted(range(n), key=lambda i: clauses[i].id)] = np.arange(n)
    keys, scores = _pair_similarities(clauses, candidates, model, settings, rank, rules, laws, features=features)
    first, second = keys // n, keys % n
    school_code = _codes(schools)
    other_school = school_code[first] != school_code[second]
    # a pair starts a row when each clause is the other's best match in the other school and
    # they are similar enough, or when they are near copies; a fragment (a heading, a list stem,
    # two or three words) starts one only as a near copy, never on shared words alone
    mutual = _mutual_best(first, second, scores, school_code, other_school)
    fragment = np.array([_is_fragment(c) for c in clauses], dtype=bool) | _lists_a_heading(clauses)
    whole = ~fragment[first] & ~fragment[second]
    # a bare list stem ("Staff must not:", "Please read this policy alongside:") states nothing alone:
    # two schools' stems alike in words are not one rule, however alike (their items have rows)
    stem = np.array([_is_bare_stem(c) for c in clauses], dtype=bool)
    wanted = other_school & ~stem[first] & ~stem[second] & (
        ((scores >= settings.row_threshold) & mutual & whole) | (scores >= settings.copy_threshold))
    # nor does a pair that shares no word but whom it names ("It is written for staff, students,
    # parents and governors" / "the staff, children, parents and governors work together")
    wanted[wanted] = _share_content(clauses, rules, first[wanted], second[wanted]) | (scores[wanted] >= settings.copy_threshold)
    ranked = np.flatnonzero(wanted)
    ranked = ranked[np.lexsort((rank[second[ranked]], rank[first[ranked]], -np.round(scores[ranked], 9)))]
    group_of = list(range(n))
    members_of: dict[int, list[int]] = {i: [i] for i in range(n)}
    shared_topics: dict[int, frozenset[str]] = {i: candidates[i] for i in range(n)}
    orders_of: dict[int, dict[str, list[int]]] = {i: {schools[i]: [clauses[i].order]} for i in range(n)}
    for score, i, j in zip(scores[ranked].tolist(), first[ranked].tolist(), second[ranked].tolist()):
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        a, b = members_of[gi], members_of[gj]
        common = shared_topics[gi] & shared_topics[gj]
        if not common or not _may_join(orders_of[gi], orders_of[gj]):
            continue
        if len(a) > 1 or len(b) > 1:
            # every clause of one group must be close to every clause of the other (from another
            # school: complete linkage at ``link_floor``), and the two close on average, so a row
            # never chains A~B~C into A with C
            left, right = np.array(a), np.array(b)
            cross_schools = school_code[left][:, None] != school_code[right][None, :]
            cross = (np.minimum.outer(left, right) * n + np.maximum.outer(left, right))[cross_schools]
            if len(cross):
                linked = _lookup(keys, scores, cross)
                if float(linked.min()) < settings.link_floor or float(linked.mean()) < settings.link_threshold:
                    continue
        keep, drop = (gi, gj) if gi < gj else (gj, gi)
        members_of[keep] = sorted(a + b)
        shared_topics[keep] = common
        for school, orders in orders_of[drop].items():
            orders_of[keep][school] = sorted(orders_of[keep].get(school, []) + orders)
        for k in members_of[drop]:
            group_of[k] = keep
        del members_of[drop], shared_topics[drop], orders_of[drop]
    return sorted(members_of.values(), key=lambda g: clauses[g[0]].id)


def cross_topic_partners(clauses: Sequence[Clause], model: SimilarityModel, threshold: float) -> list[tuple[int, int]]:
    """Pairs of clauses of two schools, each the other's best match in the other's whole policy,
    at least ``threshold`` similar (whatever topic each was given).

    Worked out on distinct wordings: each wording's best match among each school's wordings,
    so the cost grows with wordings times schools, not with the square of the clauses.
    """
    n = len(clauses)
    if n < 2 or threshold >= 1:
        return []
    school = _codes([c.school for c in clauses])
    schools = int(school.max()) + 1
    types, type_of = np.unique(model.type_of, return_inverse=True)
    best_score = np.full((len(types), schools), -1.0)
    best_clause = np.full((len(types), schools), -1, dtype=np.int64)
    # each school's distinct wordings (and one clause of the school for each), compared with the
    # wordings of the other schools only: one very long policy costs its length times the others'
    present = np.zeros((len(types), schools), dtype=bool)
    present[type_of, school] = True
    # each school's column in one of two processes, shared by what it costs: the wordings it is
    # compared with times its own (one school's column each way; the same values wherever worked out)
    elsewhere_of = [np.flatnonzero(present[:, np.arange(schools) != k].any(axis=1)) for k in range(schools)]
    costs = [len(elsewhere_of[k]) * (int(present[:, k].sum()) + 64) for k in range(schools)]  # + a row's own work

    def columns(part: tuple[int, int]) -> list[tuple[int, np.ndarray, np.ndarray]]:
        return [(k, *_best_in_school(model, types, type_of, np.flatnonzero(school == k), elsewhere_of[k]))
                for k in sorted(share_of(costs, *part))]

    for k, score, clause in split_in_two(columns):
        best_score[elsewhere_of[k], k] = score
        best_clause[elsewhere_of[k], k] = clause
    everyone = np.arange(n)
    first_clause = np.repeat(everyone, schools)
    other_school = np.tile(np.arange(schools), n)
    second = best_clause[type_of].ravel()
    score = best_score[type_of].ravel()
    keep = (other_school != school[first_clause]) & (second > first_clause) & (score >= threshold)
    first_clause, second = first_clause[keep], second[keep]
    mutual = best_clause[type_of[second], school[first_clause]] == first_clause
    return list(zip(first_clause[mutual].tolist(), second[mutual].tolist()))


def _best_in_school(
    model: SimilarityModel, types: np.ndarray, type_of: np.ndarray, members: np.ndarray, elsewhere: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """For each wording at ``elsewhere`` (indexes into ``types``), its best similarity among the wordings
    of one school's clauses (``members``), and a clause of that school with that wording."""
    own_types, first = np.unique(type_of[members], return_index=True)
    representative = members[first]
    score = np.full(len(elsewhere), -1.0)
    clause = np.full(len(elsewhere), -1, dtype=np.int64)
    for start in range(0, len(elsewhere), SLICE):
        rows = elsewhere[start : start + SLICE]
        sim = model._types_block(types[rows], types[own_types])
        at = np.argmax(sim, axis=1)
        score[start : start + len(rows)] = sim[np.arange(len(rows)), at]
        clause[start : start + len(rows)] = representative[at]
    return score, clause


def similarity_model(
    clauses: Sequence[Clause], settings: AlignSettings, rules: Rules | None, candidates: Sequence[frozenset[str]] | None = None,
    lexical: SimilarityModel | None = None,
) -> SimilarityModel:
    """The similarity model rows are grouped with: matching forms, plus embeddings of the wording.

    With ``candidates`` (each clause's candidate topics), only the wordings that can be some other
    school's close match are embedded; without, every wording is. ``lexical``: the model of the
    same clauses without embeddings (:func:`lexical_model`), which this completes.
    """
    if lexical is None:
        lexical = lexical_model(clauses, settings, rules)
    lexical.add_meaning(
        [c.text for c in clauses], settings.semantic_weight,
        [c.school for c in clauses] if candidates is not None else None, candidates, settings.semantic_candidates,
    )
    return lexical


def lexical_model(clauses: Sequence[Clause], settings: AlignSettings, rules: Rules | None) -> SimilarityModel:
    """The similarity model's words and characters (no embeddings yet: they depend on topics)."""
    return SimilarityModel(_model_texts(clauses, rules), settings.char_ngrams, settings.overlap)


def _model_texts(clauses: Sequence[Clause], rules: Rules | None) -> list[str]:
    return [_without_purpose(rules.matching_form(c.normalised) if rules else c.normalised) for c in clauses]


_IN_ORDER_TO = re.compile(r"\s*,?\s*\b(?:in order to|in order that|so as to)\b.*$")


def _without_purpose(text: str) -> str:
    """A clause without the purpose it ends on ("... will be taken if necessary in order to support
    safer working practice and minimise the risk of allegations"): two rules that share a purpose
    are not one rule. Kept whole when little would be left."""
    cut = _IN_ORDER_TO.sub("", text)
    return cut if len(cut.split()) >= 10 else text


def _mutual_best(first: np.ndarray, second: np.ndarray, scores: np.ndarray, school: np.ndarray, other: np.ndarray) -> np.ndarray:
    """For each pair, whether each clause is the other's best match among the other school's clauses."""
    if not len(scores):
        return np.zeros(0, dtype=bool)
    schools = int(school.max()) + 1
    size = (int(max(first.max(), second.max())) + 1) * schools
    valued = np.where(other, scores, -1.0)
    best = np.full(size, -1.0)
    forward, backward = first * schools + school[second], second * schools + school[first]
    np.maximum.at(best, forward, valued)
    np.maximum.at(best, backward, valued)
    return other & (valued >= best[forward] - 1e-12) & (valued >= best[backward] - 1e-12)


# the people a clause names: shared, they are no evidence that two clauses state one rule
_AUDIENCE = frozenset({
    "synstaff", "synpupil", "synparent", "governor", "governors", "governing", "body", "volunteer", "volunteers",
    "contractor", "contractors", "visitor", "visitors", "everyone", "anyone", "community", "school", "schools",
})


def _content(clause: Clause, rules: Rules | None) -> frozenset[str]:
    text = rules.matching_form(clause.normalised) if rules else clause.normalised
    return frozenset(_stem(w) for w in _words(text) if w not in _AUDIENCE)


def _share_content(clauses: Sequence[Clause], rules: Rules | None, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """For each pair, whether the two clauses share a content word besides the people they name."""
    content = {k: _content(clauses[k], rules) for k in set(first.tolist()) | set(second.tolist())}
    return np.array([bool(content[i] & content[j]) for i, j in zip(first.tolist(), second.tolist())], dtype=bool)


_VERB = re.compile(r"\b(?:is|are|was|were|be|been|will|would|must|should|shall|may|might|can|could|has|have|had|do|does)\b|\w(?:ed|es|s)\b")


# a lead-in an item completes as a rule: "Staff must not:", "Adults should:", "You are expected to:"
_STEM = re.compile(r"\b(?:must|should|shall|will|may|can|cannot|not|never|to|ensure that|ensure they|they)(?:\s+[a-z]+){0,2}\s*:?\s*$")


# the title of a document, as a list of related policies gives it ("Disciplinary policy and procedures",
# "the Complaints Procedure;"): a few words naming a policy, with no verb
_DOCUMENT = re.compile(r"\b(?:polic(?:y|ies)|procedures?|guidance|guidelines|code of conduct|handbook|agreements?)\b")
_AUXILIARY_VERB = re.compile(r"\b(?:is|are|was|were|be|been|will|would|must|should|shall|may|might|can|could|has|have|had|do|does|did)\b")


def names_a_document(clause: Clause) -> bool:
    """A document's title ("Staff Code of Conduct", "Disciplinary policy and procedures"): it names
    a policy and states no rule, so it matches another title, never a rule that mentions the policy."""
    if clause.kind != "item" or not _DOCUMENT.search(clause.normalised) or _AUXILIARY_VERB.search(clause.normalised):
        return False
    if len(_words(clause.text)) <= 5:  # content words
        return True
    tokens = re.findall(r"[A-Za-z][\w'’-]*", clause.text)
    capitals = sum(1 for w in tokens if w[:1].isupper())
    return len(tokens) <= 8 and 2 * capitals >= len(tokens)  # a longer title's words are capitalised


# a form's field, "Label: value" ("Policy Reviewed: February 2018", "Next review: January 2026"): a record,
# which meets another record, not a sentence ("The policy was approved ... and is due for review in 2027")
_FIELD = re.compile(r"^[A-Z][^:.|]{2,40}:\s+\S[^.|]{0,40}$")
# ... or a longer record of who wrote, owns, approved or signed it ("Written by: Mr Liam Costello, Assistant
# Headteacher and Designated Safeguarding Lead"), which states no rule
_RECORD = re.compile(r"^[A-Z][^:.|]{0,30}\b(?:by|owner|author|signed|approved|adopted)\s*:\s+(?P<value>[^|]*[A-Za-z0-9][^|]{0,100})$",
                     re.IGNORECASE)


# what a policy covers, not a rule in it: "This policy applies to all staff, governors ...", "It covers the use of
# social media at any time", "These rules govern activity away from the workplace", a list under "applies to:"
_SCOPE = re.compile(r"^(?:(?:this|the|these) (?:policy|document|guidance|rules?)|it)\s+(?:also\s+|equally\s+)?"
                    r"(?:applies|apply|covers|cover|relates|relate|governs|govern|is written for)\b|^this includes\b")


_POLICE = re.compile(r"\bpolice\b")
_ENDS_AS_STEM = re.compile(r":\s*[-\u2013\u2014]?\s*$")


def states_scope(clause: Clause) -> bool:
    """Whether a clause (with its list's lead-in) says whom or what the policy covers."""
    return bool(_SCOPE.match(clause.context.strip().lower()))


def is_field(clause: Clause) -> bool:
    """A "Label: value" line of a policy's front page or sign-off."""
    text = clause.text.strip()
    if clause.kind == "item":
        return False
    record = _RECORD.match(text)
    return bool(_FIELD.match(text)) or (record is not None and not _AUXILIARY_VERB.search(record["value"].lower()))


def _is_bare_stem(clause: Clause) -> bool:
    """A list's lead-in of five words or fewer: "Staff must not:", "Please read this policy alongside:"."""
    text = clause.text.strip()
    return (clause.kind == "lead-in" or text.endswith(":")) and len(re.findall(r"[\w’'-]+", text)) < 6


# a sentence whose rule is in the one before it: "Failure to do so may lead to ...", "Doing so could be ..."
_DOES_SO = re.compile(r"^(?:failure to do so|failing to do so|not doing so|doing so|to do so|in doing so)\b", re.IGNORECASE)


def _is_fragment(clause: Clause) -> bool:
    """A heading, a list stem, a few words, or a sentence that only points back ("Failure to do so may
    lead to disciplinary action"): too little of a rule to be matched on shared words."""
    text = clause.text.strip()
    if _DOES_SO.match(text):
        return True
    own = len(_words(text))
    if clause.kind == "lead-in" or text.endswith(":"):
        # a list's stem means little without its items, unless it is a whole sentence itself
        # ("This document should be read in conjunction with the following school documents:")
        return own < 6 or not _VERB.search(text.lower())
    if _is_entry(clause):
        return True
    if clause.kind == "item" and clause.lead_in:
        # an item completes its lead-in ("Staff must not: - be defamatory or derogatory"); a few
        # words without a verb under a lead-in that is no rule's stem ("The Act protects:
        # - Freedom of expression") are a list's entry, too little of a rule to match on words
        if own < 4 and not _VERB.search(text.lower()) and not _STEM.search(clause.lead_in.lower()):
            return True
        # ... as is a thing named in a few words ("Consent is requested separately for: - the school's
        # official social media accounts;"), unless it is a law, a document's title or whom a policy covers
        if own <= 6 and _NAMES_A_THING.match(text.lower()) and not _AUXILIARY_VERB.search(text.lower()) \
                and not _NAMES_LAW.search(text.lower()) and not _STEM.search(clause.lead_in.lower()) \
                and not names_a_document(clause) and not states_scope(clause):
            return True
        return own < 2 or not _VERB.search(clause.context.lower())
    return own < 4 or not _VERB.search(text.lower())


# a list's entry naming an act, with no verb of its own ("Viewing, production, distribution and possession of
# indecent images of children."): what the list says of it is in the paragraph before; a law's name is no entry
_NAMES_ACT = re.compile(r"^(?:the |any )?[a-z]+(?:ing|ion|ment)\b(?!\s+(?:that|which|who)\b)")
_NAMES_LAW = re.compile(r"\bact\b|\b(?:19|20)\d\d\b")


_NAMES_A_THING = re.compile(r"^(?:the|a|an|any|all|our|their|its)\s(?!.*\b(?:which|that|who)\b)")


def _is_entry(clause: Clause) -> bool:
    """An item that names an act rather than states a rule: no verb, opening with what is done."""
    text = clause.text.strip().lower()
    if clause.kind != "item" or _AUXILIARY_VERB.search(text) or _NAMES_LAW.search(text):
        return False
    if clause.lead_in and _STEM.search(clause.lead_in.lower()):
        return False  # "Staff must not: - posting ..." completes its stem as a rule
    return bool(_NAMES_ACT.match(text))


def _heading_key(text: str) -> str:
    """A heading's or item's words, without its number or letter ("B. Use of ..." -> "use of ...")."""
    text = re.sub(r"[^\w\s.)]", "", text.lower())
    return re.sub(r"^(?:[a-z]|\d+(?:\.\d+)*)[.)]\s+", "", text).strip(" .")


def _lists_a_heading(clauses: Sequence[Clause]) -> np.ndarray:
    """Which clauses are a list's item that repeats a heading of its own policy: a table of contents
    ("There are four key areas: ... - Use of social networking by staff in a personal capacity"), a
    heading, not a rule."""
    headings: dict[str, set[str]] = {}
    for c in clauses:
        headings.setdefault(c.school, set()).update(_heading_key(h) for h in c.section)
    return np.array([c.kind == "item" and _heading_key(c.text) in headings[c.school] for c in clauses], dtype=bool)


_FORBIDS = re.compile(
    r"\b(?:must not|mustn't|should not|shouldn't|shall not|may not|cannot|can not|can't|never|do not|don't|"
    r"not (?:be )?(?:permitted|allowed|acceptable)|prohibited|forbidden|unacceptable|under no circumstances)\b"
)
_ALLOWS = re.compile(r"\b(?:may|can|(?:is|are) (?:permitted|allowed|free) to|(?:is|are) acceptable)\b")


def stance_of(clause: Clause) -> int:
    """-1 when a clause forbids, 1 when it only allows, 0 otherwise; a list item that says
    neither takes its lead-in's ("Staff must not: - accept friend requests from pupils")."""
    own = _stance(clause.normalised)
    if own or clause.kind != "item" or not clause.lead_in:
        return own
    return _stance(clause.lead_in.lower())


@functools.lru_cache(maxsize=65536)
def _stance(text: str) -> int:
    """-1 when a clause forbids, 1 when it only allows, 0 otherwise (a duty, a statement)."""
    if _FORBIDS.search(text):
        return -1
    return 1 if _ALLOWS.search(text) else 0


# a clause that states an exception to a rule rather than the rule: "In exceptional circumstances,
# agreed with the head, staff may ...", "in an emergency, staff may use their phone ...", "where a genuine
# friendship existed before the child joined the school, staff may ..."
_EXCEPTION = re.compile(r"\b(?:exceptional circumstances|in an? emergency|in emergencies|emergency purposes"
                        r"|genuine friendship|pre-?existing (?:relationship|friendship)|(?:friendship|relationship) existed before|already friends)\b")


def _bit_sets(sets: Sequence[frozenset]) -> np.ndarray:  # type: ignore[type-arg]
    """Each set as an integer with one bit per distinct value (Python integers past 62 values)."""
    bit = {value: 1 << k for k, value in enumerate(sorted({v for found in sets for v in found}))}
    return np.array([sum(bit[v] for v in found) for found in sets], dtype=object if len(bit) > 62 else np.int64)


def _disjoint(bits: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Whether the sets at ``i`` and ``j`` are both non-empty and share nothing."""
    return (bits[i] != 0) & (bits[j] != 0) & ((bits[i] & bits[j]) == 0)


def _codes(values: Sequence[str]) -> np.ndarray:
    """Each value as a small integer (equal values, equal codes)."""
    index: dict[str, int] = {}
    return np.array([index.setdefault(v, len(index)) for v in values], dtype=np.int64)


def _pair_similarities(
    clauses: Sequence[Clause], candidates: Sequence[frozenset[str]], model: SimilarityModel, settings: AlignSettings, rank: np.ndarray,
    rules: Rules | None = None,
    laws: Sequence[frozenset[str]] | None = None,
    part: tuple[int, int] | None = None,
    features: ClauseFeatures | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Similarity of every pair of clauses that share a candidate topic: sorted keys ``i * n + j``
    (i < j) and their scores, 16 bytes a pair (a dict would take ten times that).

    Pairs from one school are kept only for adjacent sentences; a pair whose clauses are about
    different people (pupils / parents / police / governors), or bind different people (one
    says what staff must do, the other what parents must do), or are about different laws
    (``laws``: one states the Malicious Communications Act's offence, the other the
    Communications Act's), different people's devices (a pupil's phone, staff's own), or where
    one states an exception ("In exceptional circumstances, staff may ...") and the other the
    rule, has its score multiplied by ``role_penalty``. A pair that names different periods ("reviewed every
    year", "every two years") is never kept: however alike the words, they are two rules.
    Pairs below ``link_threshold * role_penalty`` cannot matter and are not kept. Works on
    whole slices of the similarity matrix with numpy rather than pair by pair.

    A pair is scored in one topic only, so the topics are shared between two processes (``part``:
    which of how many shares this call scores; by default this process and a forked one); each pair
    appears once, so the sorted keys are the same however the topics were shared. What each pair is
    checked for is read from each clause once (``features``: :func:`clause_features`, worked out here
    when not given), before the second process starts, so neither works it out again.
    """
    if features is None:
        features = clause_features(clauses, rules)
    if part is None:
        if not can_fork():
            return _pair_similarities(clauses, candidates, model, settings, rank, rules, laws, (0, 1), features)
        other = Background(lambda: _pair_similarities(clauses, candidates, model, settings, rank, rules, laws, (1, 2), features))
        own = _pair_similarities(clauses, candidates, model, settings, rank, rules, laws, (0, 2), features)
        theirs = other.result()
        keys = np.concatenate([own[0], theirs[0]])
        by_key = np.argsort(keys, kind="stable")
        return keys[by_key], np.concatenate([own[1], theirs[1]])[by_key]
    n = len(clauses)
    school_code, order, roles = features.school_code, features.order, features.roles
    not_head = features.not_head
    bound, stance, owned, used_for = features.bound, features.stance, features.owned, features.used_for
    about = _bit_sets(laws if laws is not None else [frozenset()] * n)
    every, readings, leads, titles = features.every, features.readings, features.leads, features.titles
    fields, scopes, police, mentions_police = features.fields, features.scopes, features.police, features.mentions_police
    groups, excepted = features.groups, features.excepted
    floor = settings.link_threshold * settings.role_penalty
    found_keys: list[np.ndarray] = []
    found_scores: list[np.ndarray] = []
    topics = sorted({t for cands in candidates for t in cands})
    # which candidate topics each clause has: a pair is scored in the first topic both share only
    # (its score does not depend on the topic)
    shares = np.zeros((n, len(topics)), dtype=bool)
    column = {t: k for k, t in enumerate(topics)}
    for i, cands in enumerate(candidates):
        shares[i, [column[t] for t in cands]] = True
    position = np.zeros(n, dtype=np.int64)
    # what a topic costs to score: its pairs of two schools, and a block of rows a slice and a school
    # (a topic of one long policy has many rows and few pairs)
    per_school = np.array([shares[school_code == code].sum(axis=0) for code in np.unique(school_code)]).reshape(-1, len(topics))
    members_in = per_school.sum(axis=0)
    mine = share_of(((members_in**2 - (per_school**2).sum(axis=0)) // 2 + 10 * members_in).tolist(), *part)
    for k, topic in enumerate(topics):
        members = np.array(sorted(np.flatnonzero(shares[:, k]).tolist(), key=lambda i: rank[i]), dtype=np.int64)
        if len(members) < 2 or k not in mine:
            continue
        position[members] = np.arange(len(members))
        member_at = {(int(school_code[m]), int(order[m])): int(m) for m in members}
        # in slices of rows, so memory stays bounded however large a topic grows; each row is scored
        # against later members (each unordered pair once) of other schools and its own school's
        # adjacent sentences only: a school's whole block of pairs, never kept, grew with the square
        # of a long policy
        for start in range(0, len(members), SLICE):
            in_slice = members[start : start + SLICE]
            for code in np.unique(school_code[in_slice]).tolist():
                rows = in_slice[school_code[in_slice] == code]
                later = members[position[rows[0]] + 1 :]
                near = {member_at.get((code, int(order[r]) + step)) for r in rows.tolist() for step in (-1, 1)}
                cols = np.concatenate([later[school_code[later] != code], np.array(sorted(m for m in near if m is not None), dtype=np.int64)])
                sim = model.block(rows, cols)
                a, b = np.nonzero((sim >= floor) & (position[cols][None, :] > position[rows][:, None]))
                i, j = np.minimum(rows[a], cols[b]), np.maximum(rows[a], cols[b])
                score = sim[a, b]
                allowed = (school_code[i] != school_code[j]) | (np.abs(order[i] - order[j]) == 1)
                if k:
                    allowed &= ~(shares[i, :k] & shares[j, :k]).any(axis=1)
                other = (roles[i] & not_head != 0) & (roles[j] & not_head != 0) & ((roles[i] & roles[j] & not_head) == 0)
                other |= _disjoint(bound, i, j)
                other |= stance[i] * stance[j] < 0  # one forbids what the other allows
                other |= _disjoint(owned, i, j) | _disjoint(used_for, i, j) | _disjoint(about, i, j)
                for bits in readings:  # talking with people or about them; giving details or using them; holding or finding
                    other |= _disjoint(bits, i, j)
                other |= leads[i] != leads[j]  # a list's lead-in means its items; a sentence means itself
                other |= titles[i] != titles[j]  # a document's title, and a rule that names the document
                other |= fields[i] != fields[j]  # "Next review: March 2026", and a sentence about review
                other |= scopes[i] != scopes[j]  # whom the policy covers, and a rule for some of them
                # a matter for the police (a short sentence's point), and one that never mentions them
                other |= (police[i] & ~mentions_police[j]) | (police[j] & ~mentions_police[i])
                other |= groups[i] != groups[j]  # a rule for Year 6, and one for every pupil
                other |= excepted[i] != excepted[j]  # "in exceptional circumstances ..." beside the rule itself
                score = np.where(other, score * settings.role_penalty, score)
                allowed &= ~_disjoint(every, i, j)  # however alike the words, "every year" and "every two years" are two rules
                found_keys.append((i * n + j)[allowed])
                found_scores.append(score[allowed])
    if not found_keys:
        return np.zeros(0, dtype=np.int64), np.zeros(0)
    # one array at a time, freeing each list as it goes: peak memory a few times the pairs' own
    keys = np.concatenate(found_keys)
    found_keys.clear()
    by_key = np.argsort(keys, kind="stable")
    keys = keys[by_key]
    scores = np.concatenate(found_scores)
    found_scores.clear()
    return keys, scores[by_key]


@dataclass(frozen=True)
class ClauseFeatures:
    """What :func:`_pair_similarities` checks a pair for, read from each clause once (arrays indexed
    like the clauses; bit sets as from :func:`_bit_sets`)."""

    school_code: np.ndarray
    order: np.ndarray
    roles: np.ndarray
    not_head: int
    bound: np.ndarray
    stance: np.ndarray
    owned: np.ndarray
    used_for: np.ndarray
    every: np.ndarray
    readings: list[np.ndarray]
    leads: np.ndarray
    titles: np.ndarray
    fields: np.ndarray
    scopes: np.ndarray
    police: np.ndarray
    mentions_police: np.ndarray
    groups: np.ndarray
    excepted: np.ndarray


def _wording(clause: Clause) -> tuple[object, ...]:
    """What a clause says, not where: the fields a reading of its own words looks at (a long policy
    repeats its wordings, in sections and lists of their own)."""
    return clause.text, clause.markup, clause.normalised, clause.kind, clause.lead_in, clause.depth


def _under_heading(clause: Clause) -> tuple[object, ...]:
    """A clause's wording and the heading it sits under (whom it binds may come from its heading)."""
    return *_wording(clause), clause.section[-1] if clause.section else None


def _distinct(clauses: Sequence[Clause], key: Callable[[Clause], object]) -> tuple[list[Clause], np.ndarray]:
    """One clause of each distinct ``key`` (in the order of first appearance), and the position of
    each clause's among them: a reading of the distinct ones, indexed by it, is each clause's."""
    position: dict[object, int] = {}
    distinct: list[Clause] = []
    at = np.empty(len(clauses), dtype=np.int64)
    for i, clause in enumerate(clauses):
        k = position.setdefault(key(clause), len(distinct))
        if k == len(distinct):
            distinct.append(clause)
        at[i] = k
    return distinct, at


def clause_features(clauses: Sequence[Clause], rules: Rules | None = None) -> ClauseFeatures:
    """Each clause's school, position, whom it is about and binds, its stance, devices, periods,
    readings, year groups and exceptions, as arrays (needs neither topics nor similarities, so it
    can be worked out beside them). Read once per distinct wording (or wording and heading)."""
    role_names = sorted(ROLES)
    bits = {role: 1 << k for k, role in enumerate(role_names)}
    said, of = _distinct(clauses, _wording)
    placed, at = _distinct(clauses, _under_heading)
    readings = [_bit_sets([reading(c, kind) for c in said])[of] for kind in _READINGS]
    readings.append(_bit_sets([places_kept(c) for c in said])[of])  # kept in the office, kept in their bag
    readings.append(_bit_sets([reporting(c) for c in said])[of])  # asked to report, required to
    readings.append(_bit_sets([when_it_holds(c) for c in said])[of])  # outside work only, in and out of it
    mentions_police = np.array([bool(_POLICE.search(c.normalised)) for c in said], dtype=bool)
    return ClauseFeatures(
        school_code=_codes([c.school for c in clauses]),
        order=np.array([c.order for c in clauses], dtype=np.int64),
        roles=np.array([sum(bits[r] for r in _roles(c.normalised)) for c in said], dtype=np.int64)[of],
        not_head=~bits.get("head", 0),
        bound=_bit_sets([bound_audience(c, rules) for c in placed])[at],
        stance=np.array([stance_of(c) for c in said], dtype=np.int64)[of],
        # what else tells two rules apart, each clause's as a bit set: different owners of a device,
        # different uses of it; and different periods, which part a pair whatever its score
        owned=_bit_sets([device_owners(c, rules) for c in placed])[at],
        used_for=_bit_sets([device_purposes(c) for c in said])[of],
        every=_bit_sets([periods(c.normalised) for c in said])[of],
        readings=readings,
        # a list's lead-in, or a sentence that ends as one ("... with intent to cause harassment, they: -")
        leads=np.array([c.kind == "lead-in" or bool(_ENDS_AS_STEM.search(c.text)) for c in said], dtype=bool)[of],
        titles=np.array([names_a_document(c) for c in said], dtype=bool)[of],
        fields=np.array([is_field(c) for c in said], dtype=bool)[of],
        scopes=np.array([states_scope(c) for c in said], dtype=bool)[of],
        # (the police as a short sentence's point, not one step of a long one's many)
        police=(mentions_police & np.array([len(c.normalised.split()) <= 20 for c in said], dtype=bool))[of],
        mentions_police=mentions_police[of],
        groups=_codes([year_groups(c) for c in said])[of],
        excepted=np.array([bool(_EXCEPTION.search(c.normalised)) for c in said], dtype=bool)[of],
    )


def _lookup(keys: np.ndarray, scores: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Scores of the pairs ``wanted`` (keys as from :func:`_pair_similarities`); 0 if not kept."""
    at = np.searchsorted(keys, wanted)
    at_clipped = np.minimum(at, len(keys) - 1)
    found = (at < len(keys)) & (keys[at_clipped] == wanted) if len(keys) else np.zeros(len(wanted), dtype=bool)
    return np.where(found, scores[at_clipped] if len(keys) else 0.0, 0.0)


def near_duplicates(
    clauses: Sequence[Clause], texts: Sequence[str], threshold: float, shingle: int = 3, matrix: sparse.csr_matrix | None = None
) -> list[tuple[int, int]]:
    """Pairs of clauses from different schools whose wording is nearly the same.

    Candidates come from an inverted index of word 3-grams that few clauses share (a
    template sentence's distinctive run of words), so the cost grows with the number of
    clauses, not its square; each candidate pair is then checked by character TF-IDF cosine
    (``matrix``: the texts' :func:`char_matrix`, when the caller already has it).
    """
    grams: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        words = _words(text)
        for k in set(zip(*(words[n:] for n in range(shingle)))):
            grams[k].append(i)
    schools = len({c.school for c in clauses})
    cap = max(4, 2 * schools)  # a run of words in more clauses than that is boilerplate, not a template
    groups = sorted({tuple(sorted(members)) for members in grams.values() if 2 <= len(members) <= cap})
    if not groups:
        return []
    matrix = char_matrix(texts) if matrix is None else matrix
    found: set[tuple[int, int]] = set()
    # each distinct set of clauses sharing a rare 3-gram is compared once, as a small block:
    # memory stays bounded by the largest set, never by the number of candidate pairs
    for members in groups:
        block = matrix[list(members)]
        cosine = (block @ block.T).toarray()
        rows_i, cols_i = np.nonzero(np.triu(cosine, 1) >= threshold)
        for a, b in zip(rows_i.tolist(), cols_i.tolist()):
            i, j = members[a], members[b]
            if clauses[i].school != clauses[j].school:
                found.add((i, j))
    return sorted(found)


def _may_join(a: dict[str, list[int]], b: dict[str, list[int]]) -> bool:
    """At most one clause per school, unless a school splits one obligation over two adjacent sentences.

    ``a`` and ``b``: each group's schools, with the positions of its clauses in their policy.
    """
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    split = [school for school, orders in a.items() if len(orders) > 1] + [school for school, orders in b.items() if len(orders) > 1]
    for school, orders in small.items():
        other = large.get(school)
        if other is not None:
            both = sorted(orders + other)
            if len(both) > 2 or both[-1] - both[0] != 1:
                return False
            split.append(school)
    # two sentences of one school stand together only against another school's single sentence
    # that states both: when two schools each bring two, each pair of sentences is two rules
    return len(set(split)) <= 1


def reference_clause(members: Sequence[Clause]) -> Clause:
    """The row's most representative clause: the one most similar to the rest (medoid).

    Decided from the members alone (character n-gram vectors fitted on them), so a row whose
    members do not change keeps its reference, and its id, whatever other schools join the trust.
    """
    if len(members) <= 2:
        # with two variants prefer the fuller wording; ties by id
        return sorted(members, key=lambda c: (-len(c.normalised.split()), c.id))[0]
    vectors = char_matrix([c.normalised for c in members])
    totals = np.asarray((vectors @ vectors.T).sum(axis=1)).ravel()
    best = max(range(len(members)), key=lambda k: (round(float(totals[k]), 9), len(members[k].normalised), members[k].id))
    return members[best]


def row_id(topic: str, reference: Clause) -> str:
    """A readable, stable row id: topic plus a short hash of the reference wording."""
    return f"{topic}-{hashlib.sha1(reference.normalised.encode('utf-8')).hexdigest()[:6]}"


def row_aliases(topic: str, members: Sequence[Clause]) -> tuple[str, ...]:
    """Every id the row would have with any of its members as the reference.

    When a new school joins a row its reference may change, and so its id; a curation or
    override entry written before still names the row through one of these.
    """
    return tuple(sorted({row_id(topic, c) for c in members}))


@dataclass(frozen=True)
class Grouping:
    """What the rows stage says: each topic's groups of clause ids, before maintainers' overrides."""

    groups: dict[str, tuple[tuple[str, ...], ...]]  # topic id -> groups of clause ids


@dataclass
class RowsPrep:
    """What grouping rows needs that does not depend on topics, worked out while clauses are
    classified (see :func:`prepare`)."""

    model: SimilarityModel  # words and characters; :func:`group` adds the embeddings
    near: set[tuple[int, int]]  # near copies of two schools
    laws: list[frozenset[str]] | None  # the law each clause states
    features: Background[ClauseFeatures]  # what pairs are checked for, read in a second process


def prepare(clauses: Sequence[Clause], settings: AlignSettings = AlignSettings(), rules: Rules | None = None,
            register: Register | None = None) -> RowsPrep:
    """The parts of :func:`group` that need no topics: the similarity model's words and
    characters, near copies, the law each clause states, and (in a second process) each clause's
    pair checks."""
    features = Background(lambda: clause_features(clauses, rules))
    # the sentence encoder loads while clauses are classified and read, rather than alone when the
    # first wording is embedded (its weights are then shared with every process forked after)
    if settings.semantic_weight > 0:
        prepare_encoder([c.text for c in clauses])
    corpus = [rules.matching_form(c.normalised) if rules else c.normalised for c in clauses]
    model = lexical_model(clauses, settings, rules)
    near = set(near_duplicates(clauses, corpus, settings.near_duplicate, matrix=model.char))
    law_of = LawReader(register) if register else None
    laws = [law_of(c.text, c.section[-1] if c.section else None) for c in clauses] if law_of else None
    return RowsPrep(model, near, laws, features)


def group(
    clauses: Sequence[Clause],
    classification: Classification,
    topics: Sequence[Topic],
    settings: AlignSettings = AlignSettings(),
    rules: Rules | None = None,
    fixed: frozenset[str] = frozenset(),
    register: Register | None = None,
    prep: RowsPrep | None = None,
) -> Grouping:
    """Group the clauses into rows and give each row the topic its members agree on.

    ``fixed``: clauses a maintainer moved, which stay in their topic. ``register``: the
    legislation register, to tell which law a clause states (see :class:`legislation.LawReader`).
    ``prep``: :func:`prepare` of the same clauses, settings, rules and register, if already begun.
    """
    topic_ids = [t.id for t in topics]
    candidates = list(classification.candidates)
    if prep is None:
        prep = prepare(clauses, settings, rules, register)
    # near-identical clauses of two schools must be able to meet even when classification
    # put them in different topics: each also becomes a candidate for the other's topic
    model = similarity_model(clauses, settings, rules, candidates, prep.model)
    # so must a paraphrase and its original, when each is the other's clear best match across
    # the two whole policies (a school that words a rule its own way often files it elsewhere)
    pairs = prep.near | set(cross_topic_partners(clauses, model, settings.cross_topic_threshold))
    laws = prep.laws
    for i, j in sorted(pairs):
        if clauses[i].id not in fixed and clauses[j].id not in fixed:
            candidates[i] = candidates[i] | {classification.best[j]}
            candidates[j] = candidates[j] | {classification.best[i]}
    found: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for members in group_rows(clauses, candidates, settings, rules, model, laws, prep.features.result()):
        common = frozenset.intersection(*(candidates[i] for i in members))
        if len(common) == 1:
            topic = next(iter(common))
        else:
            # the topic the members agree on most strongly
            total = classification.scores[members].sum(axis=0)
            allowed = [k for k, t in enumerate(topic_ids) if t in common]
            topic = topic_ids[max(allowed, key=lambda k: (round(float(total[k]), 9), -k))]
        found[topic].append(tuple(clauses[i].id for i in members))
    return Grouping({topic: tuple(sorted(groups)) for topic, groups in sorted(found.items())})


def build_rows(
    groups: dict[str, list[list[Clause]]], policies: Sequence[Policy], topics: Sequence[Topic], placeholder: str = "[School name]"
) -> tuple[tuple[Row, ...], dict[str, str]]:
    """Rows from final groups (after overrides), in topic order; and each clause's row id.

    In a topic, rows shared by more schools come first, then in the order the text reads.
    """
    patterns = {p.id: school_pattern(p.names) for p in policies}
    sizes = {p.id: max(1, len(p.clauses)) for p in policies}
    rows: list[Row] = []
    clause_row: dict[str, str] = {}
    used_ids: set[str] = set()
    copies: dict[str, int] = {}  # id -> the last copy number given
    for topic in topics:
        built: list[tuple[float, Row]] = []
        # a row's id never depends on other rows: collisions are settled in the order of member ids
        for members in sorted(groups.get(topic.id, []), key=lambda g: sorted(c.id for c in g)):
            reference = reference_clause(members)
            rid = base = row_id(topic.id, reference)
            # rows that read the same (one school's repeated sentence): -2, -3, ... counted on from
            # the last one taken, so n copies cost n steps and ids stay short
            while rid in used_ids:
                copies[base] = copies.get(base, 1) + 1
                rid = f"{base}-{copies[base]}"
            used_ids.add(rid)
            by_school: dict[str, list[str]] = defaultdict(list)
            for clause in sorted(members, key=lambda c: (c.school, c.order)):
                by_school[clause.school].append(clause.id)
                clause_row[clause.id] = rid
            row = Row(
                id=rid,
                topic=topic.id,
                reference=with_placeholder(reference.text, patterns[reference.school], placeholder),
                reference_clause=reference.id,
                clauses={school: tuple(ids) for school, ids in sorted(by_school.items())},
                aliases=tuple(a for a in row_aliases(topic.id, members) if a != rid),
            )
            position = min(c.order / sizes[c.school] for c in members)
            built.append((position, row))
        built.sort(key=lambda item: (-len(item[1].clauses), item[0], item[1].id))
        rows.extend(row for _, row in built)
    return tuple(rows), clause_row
