"""What each clause says, read from its own words: whom it is about and whom it binds, whose device
and what for, which of two ways it does something (talks with people or about them, gives contact
details or uses them, ...), its stance (forbids, allows), whether it is a fragment, a field, a scope
statement or a document's title; and :func:`clause_features`, the same as arrays for a whole trust.

Rows (:mod:`.rows`) part two clauses whose readings disagree however alike their words. Pure
functions over clauses; no MkDocs import; deterministic.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .dates import periods
from .model import Clause
from .normalise import Rules, normalise
from .tokens import words as _words

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
    # an account set up in the school's name ("Staff must not set up any other account in the school's name,
    # such as a class Instagram page"), or the school's name or logo used ("The use of the school's name, logo,
    # or any other published material without written prior permission")
    "name": (
        ("creates", re.compile(r"\b(?:set\w* up|creat\w*|open\w*|start\w*|establish\w*)\b(?:\W+\w+){0,4}?\W+"
                               r"(?:accounts?|pages?|groups?|profiles?|channels?)\b")),
        ("uses name", re.compile(r"\b(?:use|using|uses)\b(?:\W+\w+){0,2}?\W+(?:the )?(?:school|academy)(?:'s|s)? (?:name|logo|badge|crest)"
                                 r"|\b(?:name|logo|badge|crest),? (?:or|and) (?:logo|badge|crest|name)\b")),
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


_VERB = re.compile(r"\b(?:is|are|was|were|be|been|will|would|must|should|shall|may|might|can|could|has|have|had|do|does)\b|\w(?:ed|es|s)\b")


# a lead-in an item completes as a rule: "Staff must not:", "Adults should:", "You are expected to:"
_STEM = re.compile(r"\b(?:must|should|shall|will|may|can|cannot|not|never|to|ensure that|ensure they|they)(?:\s+[a-z]+){0,2}\s*:?\s*$")


# the title of a document, as a list of related policies gives it ("Disciplinary policy and procedures",
# "the Complaints Procedure;"): a few words naming a policy, with no verb
_DOCUMENT = re.compile(r"\b(?:polic(?:y|ies)|procedures?|guidance|guidelines|code of conduct|handbook|agreements?|standards)\b")
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
                    r"(?:applies|apply|covers|cover|relates|relate|governs|govern|is written for)\b|^this includes\b"
                    # "Sections on pupils apply to all pupils, including ...", "Sections 7 and 9 also apply to pupils"
                    r"|^(?:sections?|parts?|paragraphs?)\b[^.]{0,60}?\b(?:applies|apply|covers?)\b")


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


def is_bare_stem(clause: Clause) -> bool:
    """A list's lead-in of five words or fewer: "Staff must not:", "Please read this policy alongside:"."""
    text = clause.text.strip()
    return (clause.kind == "lead-in" or text.endswith(":")) and len(re.findall(r"[\w’'-]+", text)) < 6


# a sentence whose rule is in the one before it: "Failure to do so may lead to ...", "Doing so could be ..."
_DOES_SO = re.compile(r"^(?:failure to do so|failing to do so|not doing so|doing so|to do so|in doing so)\b", re.IGNORECASE)


def is_fragment(clause: Clause) -> bool:
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
        return own < 2 or not _VERB.search(clause.context.lower())
    return own < 4 or not _VERB.search(text.lower())


# a list's entry naming an act, with no verb of its own ("Viewing, production, distribution and possession of
# indecent images of children."): what the list says of it is in the paragraph before; a law's name is no entry
_NAMES_ACT = re.compile(r"^(?:the |any )?[a-z]+(?:ing|ion|ment)\b(?!\s+(?:that|which|who)\b)")
# ... or, under a lead-in, a thing named in a few words ("Consent is requested separately for: - the
# school's official social media accounts;")
_NAMES_A_THING = re.compile(r"^(?:the|a|an|any|all|our|their|its)\s(?!.*\b(?:which|that|who)\b)")
_NAMES_LAW = re.compile(r"\bact\b|\b(?:19|20)\d\d\b")


def _is_entry(clause: Clause) -> bool:
    """An item that names something rather than states a rule, with no verb of its own: an act, or under
    a lead-in a thing in six words or fewer; never a law, a document's title, whom a policy covers, or an
    item that completes a rule's stem."""
    text = clause.text.strip().lower()
    if clause.kind != "item" or _AUXILIARY_VERB.search(text) or _NAMES_LAW.search(text):
        return False
    if clause.lead_in and _STEM.search(clause.lead_in.lower()):
        return False  # "Staff must not: - posting ..." completes its stem as a rule
    if _NAMES_ACT.match(text):
        return True
    return (bool(clause.lead_in) and len(_words(clause.text.strip())) <= 6 and bool(_NAMES_A_THING.match(text))
            and not names_a_document(clause) and not states_scope(clause))


def _heading_key(text: str) -> str:
    """A heading's or item's words, without its number or letter ("B. Use of ..." -> "use of ...")."""
    text = re.sub(r"[^\w\s.)]", "", text.lower())
    return re.sub(r"^(?:[a-z][.)]|\d+(?:\.\d+)*[.)]?)\s+", "", text).strip(" .")


def lists_a_heading(clauses: Sequence[Clause]) -> np.ndarray:
    """Which clauses are a list's item that repeats a heading of its own policy: a table of contents
    ("There are four key areas: ... - Use of social networking by staff in a personal capacity"), a
    heading, not a rule."""
    # each school's headings gathered first and keyed once (a clause's run of headings is its section's,
    # which a long policy's thousands of clauses share)
    raw: dict[str, set[str]] = {}
    for c in clauses:
        raw.setdefault(c.school, set()).update(c.section)
    headings = {school: {_heading_key(h) for h in titles} for school, titles in raw.items()}
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
                        r"|genuine friendship|(?:pre-?)?existing (?:personal )?(?:relationships?|friendships?)|(?:friendship|relationship) existed before|already friends"
                        r"|(?:were|was) friends with\b.{0,60}\bbefore\b|before (?:their|the|your) child (?:started|joined))\b")


def forbids(text: str) -> bool:
    """Whether lower-cased ``text`` forbids something ("must not", "never", "under no circumstances")."""
    return bool(_FORBIDS.search(text))


def states_an_exception(text: str) -> bool:
    """Whether lower-cased ``text`` states an exception to a rule rather than the rule (see ``_EXCEPTION``)."""
    return bool(_EXCEPTION.search(text))


def bit_sets(sets: Sequence[frozenset]) -> np.ndarray:  # type: ignore[type-arg]
    """Each set as an integer with one bit per distinct value (Python integers past 62 values)."""
    bit = {value: 1 << k for k, value in enumerate(sorted({v for found in sets for v in found}))}
    return np.array([sum(bit[v] for v in found) for found in sets], dtype=object if len(bit) > 62 else np.int64)


def disjoint(bits: np.ndarray, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Whether the sets at ``i`` and ``j`` are both non-empty and share nothing."""
    return (bits[i] != 0) & (bits[j] != 0) & ((bits[i] & bits[j]) == 0)


def codes(values: Sequence[str]) -> np.ndarray:
    """Each value as a small integer (equal values, equal codes)."""
    index: dict[str, int] = {}
    return np.array([index.setdefault(v, len(index)) for v in values], dtype=np.int64)


@dataclass(frozen=True)
class ClauseFeatures:
    """What :func:`.rows._pair_similarities` checks a pair for, read from each clause once (arrays indexed
    like the clauses; bit sets as from :func:`bit_sets`)."""

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
    fragments: np.ndarray  # too little of a rule to be matched on shared words (:func:`is_fragment`)
    stems: np.ndarray  # a bare list stem or a table of contents' entry: in no pair (:func:`is_bare_stem`, :func:`lists_a_heading`)


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
    readings = [bit_sets([reading(c, kind) for c in said])[of] for kind in _READINGS]
    readings.append(bit_sets([places_kept(c) for c in said])[of])  # kept in the office, kept in their bag
    readings.append(bit_sets([reporting(c) for c in said])[of])  # asked to report, required to
    readings.append(bit_sets([when_it_holds(c) for c in said])[of])  # outside work only, in and out of it
    mentions_police = np.array([bool(_POLICE.search(c.normalised)) for c in said], dtype=bool)
    return ClauseFeatures(
        school_code=codes([c.school for c in clauses]),
        order=np.array([c.order for c in clauses], dtype=np.int64),
        roles=np.array([sum(bits[r] for r in _roles(c.normalised)) for c in said], dtype=np.int64)[of],
        not_head=~bits.get("head", 0),
        bound=bit_sets([bound_audience(c, rules) for c in placed])[at],
        stance=np.array([stance_of(c) for c in said], dtype=np.int64)[of],
        # what else tells two rules apart, each clause's as a bit set: different owners of a device,
        # different uses of it; and different periods, which part a pair whatever its score
        owned=bit_sets([device_owners(c, rules) for c in placed])[at],
        used_for=bit_sets([device_purposes(c) for c in said])[of],
        every=bit_sets([periods(c.normalised) for c in said])[of],
        readings=readings,
        # a list's lead-in, or a sentence that ends as one ("... with intent to cause harassment, they: -")
        leads=np.array([c.kind == "lead-in" or bool(_ENDS_AS_STEM.search(c.text)) for c in said], dtype=bool)[of],
        titles=np.array([names_a_document(c) for c in said], dtype=bool)[of],
        fields=np.array([is_field(c) for c in said], dtype=bool)[of],
        scopes=np.array([states_scope(c) for c in said], dtype=bool)[of],
        # (the police as a short sentence's point, not one step of a long one's many)
        police=(mentions_police & np.array([len(c.normalised.split()) <= 20 for c in said], dtype=bool))[of],
        mentions_police=mentions_police[of],
        groups=codes([year_groups(c) for c in said])[of],
        excepted=np.array([states_an_exception(c.normalised) for c in said], dtype=bool)[of],
        fragments=np.array([is_fragment(c) for c in said], dtype=bool)[of],
        stems=np.array([is_bare_stem(c) for c in said], dtype=bool)[of] | lists_a_heading(clauses),
    )
