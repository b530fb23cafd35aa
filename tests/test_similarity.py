"""The similarity model computes vectors once per distinct text; figures must be those of the whole corpus."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer  # the reference (a test dependency)
from sklearn.preprocessing import normalize

from policy_compare.rows import SimilarityModel, _lookup
from policy_compare.tokens import analyse as _analyse

TEXTS = [
    "Staff must never add pupils as friends on social networking sites.",
    "Staff must never add pupils as friends on social networking sites.",
    "Staff should not make friends of pupils.",
    "Staff must not add parents as friends.",
    "Where indecent images are found, the police must be informed.",
    "Staff must never add pupils as friends on social networking sites.",
    "Where other unsuitable material is found, inform the headteacher.",
]


def _reference(texts: list[str]) -> np.ndarray:
    """Word + character TF-IDF cosine exactly as scikit-learn computes it over every text."""
    word = normalize(TfidfVectorizer(analyzer=_analyse, sublinear_tf=True).fit_transform(texts))
    char = normalize(TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(texts))
    return ((word @ word.T).toarray() + (char @ char.T).toarray()) / 2


def test_distinct_text_vectors_give_the_whole_corpus_cosines() -> None:
    model = SimilarityModel(TEXTS, char_ngrams=True, overlap=False)
    assert len(set(model.type_of.tolist())) == 5  # three copies of one sentence share a vector
    np.testing.assert_allclose(model.matrix(range(len(TEXTS))), _reference(TEXTS), atol=1e-12)
    rows, cols = [6, 0, 2], [1, 5, 3, 0]
    np.testing.assert_allclose(model.block(rows, cols), _reference(TEXTS)[np.ix_(rows, cols)], atol=1e-12)


def test_character_vectors_are_per_clause_and_unit_length() -> None:
    char = SimilarityModel(TEXTS).char
    assert char is not None and char.shape[0] == len(TEXTS)
    np.testing.assert_allclose(np.asarray(char.multiply(char).sum(axis=1)).ravel(), 1.0)
    assert (char[0] != char[5]).nnz == 0


def test_pair_lookup_finds_kept_pairs_and_gives_zero_otherwise() -> None:
    keys = np.array([3, 7, 12], dtype=np.int64)
    scores = np.array([0.5, 0.25, 0.75])
    assert _lookup(keys, scores, np.array([7, 4, 12, 99, 0])).tolist() == [0.25, 0.0, 0.75, 0.0, 0.0]
    assert _lookup(keys[:0], scores[:0], np.array([1])).tolist() == [0.0]


def test_addressees_come_from_the_subject_the_passive_agent_or_the_lead_in() -> None:
    from policy_compare.readings import addressees
    from policy_compare.model import Clause
    from policy_compare.normalise import load_rules, normalise

    rules = load_rules()

    def clause(text: str, lead_in: str | None = None) -> Clause:
        return Clause(id="x", school="s", section=(), number=None, text=text, markup=text,
                      normalised=normalise(text, rules), path="p.md", line=1, kind="item" if lead_in else "para", order=0,
                      lead_in=lead_in)

    assert addressees(clause("Staff must never add pupils as friends."), rules) == {"staff"}
    assert addressees(clause("Adults should not make friends of pupils."), rules) == {"staff"}
    assert addressees(clause("Parents should not post photographs of other children."), rules) == {"parents"}
    assert addressees(clause("Mobile phones must not be used on the premises by parents and carers."), rules) == {"parents"}
    assert addressees(clause("Keep their phone secure whilst on school premises.", "Adults working in schools should:"), rules) == {"staff"}
    assert addressees(clause("Never 'friend' a pupil.", "Everyone at the school must ensure that they:"), rules) == set()
    assert addressees(clause("Social networking sites can be a force for good."), rules) == set()
    # the governing body is the governors; the school itself, and the head, are addressees too
    assert addressees(clause("The Governing Body will take appropriate action."), rules) == {"governors"}
    assert addressees(clause("The school will monitor the impact of the policy."), rules) == {"school"}
    assert addressees(clause("The Headteacher will meet the parents."), rules) == {"head"}
    assert addressees(clause("School staff should always keep boundaries."), rules) == {"staff"}
    # a subject that opens the sentence, however long its relative clause
    assert addressees(clause("Parents who film or photograph concerts, plays and sports fixtures at the school are asked to "
                             "keep the images for family use."), rules) == {"parents"}
    # a complement or a gerund names what the rule is about, not whom it binds
    assert addressees(clause("Photographs of pupils may only be published on the school website."), rules) == set()
    assert addressees(clause("All communication with parents must go through the school office."), rules) == set()
    assert addressees(clause("Keeping children safe is a duty of every adult."), rules) == set()
    # nor is a relative clause's noun: "pupils whose parents have not given consent" are pupils
    assert addressees(clause("Pupils whose parents have not given consent will not appear in any image."), rules) == {"pupils"}
    # "by" names an agent only in a passive
    assert addressees(clause("The Anti-Bullying Policy sets out the sanctions for bullying by a child."), rules) == set()


def test_whoever_is_told_about_their_own_child_is_a_parent() -> None:
    from policy_compare.model import Clause
    from policy_compare.normalise import load_rules, normalise
    from policy_compare.readings import bound_audience

    rules = load_rules()

    def clause(text: str, heading: str = "Cyberbullying") -> Clause:
        return Clause(id="x", school="s", section=(heading,), number=None, text=text, markup=text,
                      normalised=normalise(text, rules), path="p.md", line=1, kind="para", order=0)

    assert bound_audience(clause("Please tell your child's class teacher as soon as possible."), rules) == {"parents"}
    assert bound_audience(clause("Tell the class teacher at once.", "What should I do if my child is bullied online?"), rules) == {"parents"}
    assert bound_audience(clause("Any pupil who is bullied online should tell a trusted adult."), rules) == {"pupils"}
    # a heading about contact with pupils addresses staff, as one for parents addresses parents
    assert bound_audience(clause("No, never add them on any platform.", "Can I be friends with pupils on social media?"), rules) == {"staff"}
    assert bound_audience(clause("Keep to the school's channels.", "Guidance for parents"), rules) == {"parents"}


def test_parents_of_pupils_are_parents_and_an_item_takes_its_lead_ins_stance() -> None:
    from policy_compare.model import Clause
    from policy_compare.readings import _roles, stance_of

    assert _roles("do not accept friend requests from the parents or carers of pupils") == {"parents"}
    assert _roles("never accept friend requests from pupils or their parents") == {"pupils", "parents"}
    item = Clause(id="x", school="s", section=(), number=None, text="accept friend requests from pupils.", markup="",
                  normalised="accept friend requests from pupils.", path="p.md", line=1, kind="item", order=0,
                  lead_in="Staff must not:")
    assert stance_of(item) == -1
    assert stance_of(Clause(**{**item.__dict__, "lead_in": "Staff may:"})) == 1
    assert stance_of(Clause(**{**item.__dict__, "kind": "para", "lead_in": None})) == 0


def test_obligations_binding_different_people_do_not_share_a_row(tmp_path) -> None:
    from policy_compare.align import align, load_topics
    from policy_compare.normalise import load_rules
    from policy_compare.parse import load_policies

    from .conftest import ROOT, policy_md

    rules = load_rules()
    texts = {
        "ash": ("Ash School", "## Mobile phones\n\nMobile phones must not be used on the school premises by parents and carers.\n\n"
                "Staff must keep their mobile phones switched off during lessons."),
        "oak": ("Oak School", "## Mobile phones\n\nAdults working in school should:\n\n"
                "- Keep their mobile phone switched off during lessons.\n"
                "- Keep a record of their phone's serial number and keep the phone secure on school premises."),
    }
    for school_id, (name, body) in texts.items():
        (tmp_path / f"{school_id}.md").write_text(policy_md(name, school_id, body), encoding="utf-8")
    policies = load_policies(tmp_path, rules)
    alignment = align(policies, load_topics(ROOT / "source_policies" / "topics.yml"), rules=rules)
    by_text = {c.text: c.id for p in policies for c in p.clauses}
    row = alignment.clause_row
    parents = by_text["Mobile phones must not be used on the school premises by parents and carers."]
    secure = by_text["Keep a record of their phone's serial number and keep the phone secure on school premises."]
    assert row[parents] != row[secure]
    # the same obligation for the same people still meets
    assert row[by_text["Staff must keep their mobile phones switched off during lessons."]] == row[
        by_text["Keep their mobile phone switched off during lessons."]]


def test_a_verbless_list_entry_is_a_fragment_unless_its_lead_in_is_a_rules_stem() -> None:
    from policy_compare.model import Clause
    from policy_compare.readings import is_fragment

    def item(text: str, lead_in: str) -> Clause:
        return Clause(id="x", school="s", section=(), number=None, text=text, markup=text, normalised=text.lower(),
                      path="p.md", line=1, kind="item", order=0, lead_in=lead_in)

    assert is_fragment(item("Freedom of expression", "The Human Rights Act 1998 gives everyone these rights:"))
    assert not is_fragment(item("Be defamatory or derogatory", "Staff must not:"))
    assert not is_fragment(item("Personal mobile phone", "Staff must not use a:"))
    assert not is_fragment(item("Staff must not share passwords with anyone.", "The rules are:"))


def test_two_clauses_that_share_only_whom_they_name_share_no_content() -> None:
    import numpy as np

    from policy_compare.model import Clause
    from policy_compare.normalise import load_rules, normalise
    from policy_compare.rows import _share_content

    rules = load_rules()

    def clause(text: str) -> Clause:
        return Clause(id="x", school="s", section=(), number=None, text=text, markup=text, normalised=normalise(text, rules),
                      path="p.md", line=1, kind="para", order=0)

    listed = [clause("It is written for staff, students, parents and carers, and governors."),
              clause("The staff, children, parents and governors work together in partnership."),
              clause("Staff must not add pupils or parents as friends."),
              clause("Staff should never accept friend requests from pupils.")]
    shared = _share_content(listed, rules, np.array([0, 2]), np.array([1, 3]))
    assert shared.tolist() == [False, True]
