"""The alignment stages in order: classify, topic overrides, rows, row overrides, assemble.

Each stage is a pure function of its own module; this one only runs them in order and lets
the caller cache each on its own inputs (``memo``, see :class:`~policy_compare.pipeline.Pipeline`).
Follow a clause top to bottom: its topic comes from :mod:`classify`, a maintainer's ``move``
may change it, :mod:`rows` groups it with the same rule in other schools, ``split`` and
``join`` correct that, and :func:`rows.build_rows` gives the rows their ids and order.
No MkDocs import; deterministic; input order never changes the result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from .background import Background
from .classify import OFF_TOPIC_FALLBACK, REQUIRED_TOPICS, Classification, classify, load_topics, with_moves
from .legislation import Register, load_register
from .model import AlignSettings, Alignment, Policy, Topic
from .normalise import Rules, load_rules
from .overrides import Overrides, apply_topic_overrides
from .rows import Grouping, RowsPrep, build_rows, group, prepare

T = TypeVar("T")
Memo = Callable[[str, Callable[[], T]], T]  # (stage name, compute) -> the stage's result


def _no_memo(stage: str, compute: Callable[[], T]) -> T:
    return compute()


def align(
    policies: Sequence[Policy],
    topics: Sequence[Topic],
    overrides: Overrides | None = None,
    settings: AlignSettings = AlignSettings(),
    rules: Rules | None = None,
    placeholder: str = "[School name]",
    memo: Memo = _no_memo,  # type: ignore[assignment]
    register: Register | None = None,
) -> Alignment:
    """Place every clause in one topic and one row.

    ``memo(stage, compute)`` may return a cached result of the stage instead of computing
    it; the stages named are ``classify`` (depends on policies, topics, rules, settings) and
    ``rows`` (the same, plus the topic overrides and the legislation ``register``, by default
    the packaged one).
    """
    policies = tuple(sorted(policies, key=lambda p: p.id))
    overrides = overrides or Overrides()
    rules = rules or load_rules()
    register = register or load_register()
    clauses = [c for p in policies for c in p.clauses]
    index = {c.id: c for c in clauses}
    warnings: list[str] = []

    prep: RowsPrep | None = None

    def classified() -> Classification:
        # classified in a second process while this one works out what grouping rows needs that
        # does not depend on topics (the words' vectors, near copies, laws)
        nonlocal prep
        run = Background(lambda: classify(clauses, topics, settings, rules))
        prep = prepare(clauses, settings, rules, register)
        return run.result()

    classification: Classification = memo("classify", classified)
    moved, topic_warnings = apply_topic_overrides({}, overrides, index, {t.id for t in topics})
    warnings.extend(topic_warnings)
    placed = with_moves(classification, clauses, moved)
    grouping: Grouping = memo("rows", lambda: group(clauses, placed, topics, settings, rules, frozenset(moved), register, prep))

    groups = {topic: [[index[cid] for cid in ids] for ids in groups] for topic, groups in grouping.groups.items()}
    clause_topic = {cid: topic for topic, gs in grouping.groups.items() for ids in gs for cid in ids}
    groups, row_warnings = overrides.apply_rows(groups, index, clause_topic)
    warnings.extend(row_warnings)
    rows, clause_row = build_rows(groups, policies, topics, placeholder)
    excluded, exclude_warnings = overrides.resolve_excluded(index)
    warnings.extend(exclude_warnings)
    return Alignment(
        policies=policies,
        topics=tuple(topics),
        rows=rows,
        clause_topic=dict(sorted(clause_topic.items())),
        clause_row=dict(sorted(clause_row.items())),
        excluded=frozenset(excluded),
        warnings=tuple(warnings),
    )


__all__ = ["AlignSettings", "OFF_TOPIC_FALLBACK", "REQUIRED_TOPICS", "align", "load_topics"]
