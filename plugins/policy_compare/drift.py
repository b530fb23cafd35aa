"""How a model policy changes when a school joins the trust, and whether each change is explained.

Governors adopt the model; a new school joining the trust must not rewrite it behind their
backs. An entry of the old model may change only because of the newcomer:

- ``joined``: the newcomer states one of the entry's rules (its wording may now be the better
  one, or the entry has grown by an item or a sentence);
- ``fuller-source``: the newcomer says more on the section's topic than the school that
  carried the section (whose own rules stood beside the shared ones), so it carries the
  section now, and the other school's own rules become candidates;
- ``regrouped``: every clause the entry was worded from is still stated by the model, in
  another entry: a list's item that now shares a row with another school's sentence enters
  with that row (the similarities of all clauses shift a little as a school joins).

Anything else is ``unexplained``. Pure functions; no MkDocs import.
"""

from __future__ import annotations

from dataclasses import dataclass

from .merge import ModelClause, ModelPolicy
from .model import Alignment

KINDS = ("joined", "fuller-source", "regrouped", "unexplained")


@dataclass(frozen=True)
class Change:
    number: str  # the entry's number in the old model
    kind: str  # one of KINDS
    text: str  # the old entry's text


def _members(entry: ModelClause, alignment: Alignment) -> set[str]:
    """Every clause of every row the entry states, and the clauses its wording comes from."""
    found = set(entry.sources)
    for rid in entry.rows:
        row = alignment.row(rid)
        if row is not None:
            found |= {cid for ids in row.clauses.values() for cid in ids}
    return found


def model_changes(before: ModelPolicy, before_alignment: Alignment, after: ModelPolicy, after_alignment: Alignment, school: str) -> list[Change]:
    """Entries of ``before`` that ``after`` lost or changed, each with the reason ``school`` gives for it."""
    after_entries = after.clauses()
    texts = [e.full_text for e in after_entries]
    members_after = [_members(e, after_alignment) for e in after_entries]
    section_after = {s.topic: s for s in after.sections}
    stated_after = set().union(*members_after) if members_after else set()
    changes: list[Change] = []
    for section in before.sections:
        for entry in section.clauses:
            if any(entry.full_text in text for text in texts):
                continue  # unchanged, or grown by an item or a sentence
            members = _members(entry, before_alignment)
            touching = [k for k, m in enumerate(members_after) if m & members]
            joined = any(after_alignment.clause(cid).school == school
                         for k in touching for cid in members_after[k] if cid in after_alignment.clause_index)
            now = section_after.get(section.topic)
            if joined:
                kind = "joined"
            elif section.school is not None and now is not None and now.school == school and section.school != school:
                kind = "fuller-source"
            elif set(entry.sources) <= stated_after:
                kind = "regrouped"
            else:
                kind = "unexplained"
            changes.append(Change(entry.number, kind, entry.full_text))
    return changes
