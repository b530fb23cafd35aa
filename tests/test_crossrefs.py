"""A source's references to its own paragraphs and sections, in the model's numbering."""

from __future__ import annotations

from pathlib import Path

from policy_compare.crossrefs import BLANK, numbering, renumber
from policy_compare.model import Clause

from .test_merge import one_school_model


def clause(order: int, text: str, number: str | None = None, kind: str = "sentence", section: str = "Scope") -> Clause:
    return Clause(f"g-{order}", "g", (section,), number, text, text, text.lower(), "g.md", order, kind, order)


SOURCE = [
    clause(1, "This policy applies to:", "2.1", "lead-in"),
    clause(2, "all persons employed by the Academy;", "a", "item"),
    clause(3, "members of the Local Governing Body;", "b", "item"),
    clause(4, "agency and supply staff and volunteers;", "c", "item"),
    clause(5, "References to staff include all persons listed in paragraphs 2.1(a) to (c).", "2.3"),
    clause(6, "Visit leaders carry the school phone.", "10.6", section="9. Mobile phones"),
    clause(7, "Staff may use a personal phone only as provided in paragraph 10.6 or section 9.", "6.1", section="Contact"),
    clause(8, "This is an offence under section 127 of the Communications Act 2003.", "13.1", section="Law"),
]


def test_a_schools_numbering_maps_paragraphs_with_their_lists_and_sections() -> None:
    own = numbering(SOURCE)
    assert own.paragraphs["2.1"] == ("g-1", "g-2", "g-3", "g-4")
    assert own.sections["9"] == ("g-6",)
    assert own.sections["2"] == ("g-1", "g-2", "g-3", "g-4", "g-5")  # numbered by paragraph only: section 2 is its 2.x


def test_references_are_written_in_the_models_numbering() -> None:
    numberings = {"g": numbering(SOURCE)}
    clauses = {c.id: c for c in SOURCE}
    # the model's entry 1.4 holds paragraph 2.1 whole, its list in the source's order; 11.2 holds 10.6
    where = {"g-1": (1, "1.4"), "g-2": (1, "1.4"), "g-3": (1, "1.4"), "g-4": (1, "1.4"), "g-5": (1, "1.10"), "g-6": (11, "11.2")}
    items = {"1.4": ("all persons employed by the School;", "members of the Local Governing Body;", "agency and supply staff and volunteers;")}
    assert renumber(SOURCE[4].text, "g", numberings, where, clauses, items) == (
        "References to staff include all persons listed in paragraphs 1.4(a) to (c).", [])
    assert renumber(SOURCE[6].text, "g", numberings, where, clauses, items) == (
        "Staff may use a personal phone only as provided in paragraph 11.2 or section 11.", [])
    # a section of an Act is the Act's, never the school's
    assert renumber(SOURCE[7].text, "g", numberings, where, clauses, items) == (SOURCE[7].text, [])
    # the list in another order: the range is where its items now stand, or a blank when they are apart
    reordered = {"1.4": ("someone else's item;", *reversed(items["1.4"]))}
    assert renumber(SOURCE[4].text, "g", numberings, where, clauses, reordered) == (
        "References to staff include all persons listed in paragraphs 1.4(b) to (d).", [])
    apart = {"1.4": (items["1.4"][0], "someone else's item;", *items["1.4"][1:])}
    assert renumber(SOURCE[4].text, "g", numberings, where, clauses, apart) == (
        f"References to staff include all persons listed in {BLANK}.", ["paragraphs 2.1(a) to (c)"])
    # what the model does not hold, or holds in two places, is a blank too
    assert renumber("See paragraph 4.2.", "g", numberings, where, clauses, items) == (f"See {BLANK}.", ["paragraph 4.2"])
    split = {**where, "g-4": (2, "2.1")}
    assert renumber("As paragraph 2.1 says.", "g", numberings, split, clauses, items)[1] == ["paragraph 2.1"]


def test_the_model_renumbers_a_sources_references_and_lists_those_it_cannot(tmp_path: Path) -> None:
    model = one_school_model(tmp_path, [
        "## 3. Mobile phones",
        "3.1 Staff must keep personal mobile phones on silent and out of sight during lessons.",
        "3.2 On school trips the visit leader carries the school mobile phone for emergencies.",
        "## 4. Contact with pupils",
        "4.1 Staff must not contact pupils from a personal phone, except on a trip as set out in paragraph 3.2.",
        "4.2 Staff must not give pupils their personal e-mail address, as explained in paragraph 9.9.",
    ])
    entries = {e.number: e.full_text for e in model.clauses()}
    trip = next(n for n, t in entries.items() if "visit leader carries" in t)
    contact = next(t for t in entries.values() if "contact pupils from a personal phone" in t)
    assert f"as set out in paragraph {trip}." in contact
    email = next(t for t in entries.values() if "email address" in t)
    assert f"as explained in {BLANK}." in email
    blank = next(f for f in model.fill_ins if f.label == BLANK)
    assert blank.found == (("solo", "paragraph 9.9"),)


def test_a_list_of_sections_and_a_section_the_model_leaves_mostly_out() -> None:
    source = [
        clause(1, "Pupils may bring phones.", "7.1", section="7 Pupils' phones"),
        clause(2, "Phones stay in bags.", "7.2", section="7 Pupils' phones"),
        clause(3, "Cyberbullying means ...", "8.1", section="8 Cyberbullying"),
        clause(4, "A nude image means ...", "9.1", section="9 Nude images"),
        clause(5, "Pupils are covered in respect of sections 7, 8 and 9.", "1.2", section="1 Scope"),
    ]
    numberings = {"g": numbering(source)}
    # the model states none of section 7's rules, but its topic is the model's section 11
    where = {"g-3": (12, "12.1"), "g-4": (13, "13.1"), "g-5": (1, "1.2")}
    by_topic = {"g-1": 11, "g-2": 11, "g-3": 12, "g-4": 13, "g-5": 1}
    assert renumber(source[4].text, "g", numberings, where, by_topic=by_topic) == (
        "Pupils are covered in respect of sections 11, 12 and 13.", [])
    # without the topics, section 7 has no place in the model: the whole list is a blank
    assert renumber(source[4].text, "g", numberings, where) == (
        f"Pupils are covered in respect of {BLANK}.", ["sections 7, 8 and 9"])
    # two of them in one model section are named once, in the model's order
    assert renumber("See sections 9, 8 and 7.", "g", numberings, where, by_topic={**by_topic, "g-3": 13}) == (
        "See sections 11 and 13.", [])


def test_the_appendix_is_the_model_section_that_holds_it() -> None:
    source = [
        clause(1, "This policy takes account of the relevant legislation listed in the appendix.", "1.3"),
        clause(2, "It is an offence to send a grossly offensive message.", section="Appendix A – Relevant legislation"),
        clause(3, "The Act protects personal data.", section="Appendix B: Data protection"),
    ]
    numberings = {"g": numbering(source)}
    assert numberings["g"].appendices["A"] == ("g-2",) and numberings["g"].appendices["B"] == ("g-3",)
    where = {"g-1": (1, "1.3"), "g-2": (15, "15.2"), "g-3": (7, "7.1")}
    # two appendices: "the appendix" names neither, so it is a blank; "Appendix B" is section 7
    assert renumber("listed in the appendix.", "g", numberings, where) == (f"listed in {BLANK}.", ["the appendix"])
    assert renumber("see Appendix B for details.", "g", numberings, where) == ("see section 7 for details.", [])
    # a policy's only appendix is "the appendix"; the model's section number is not read as the source's own
    one = {"g": numbering(source[:2])}
    assert renumber("listed in the appendix.", "g", one, where) == ("listed in section 15.", [])
    # another document's appendix is left alone
    assert renumber("See Appendix 3 of Keeping Children Safe in Education.", "g", one, where)[0] == \
        "See Appendix 3 of Keeping Children Safe in Education."
