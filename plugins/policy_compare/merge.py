"""Merge aligned rows into a model policy, applying the maintainers' curation file.

Rows that enough schools share (or that are marked essential) enter the model in their
best wording; single-school rows become candidates for maintainers. No MkDocs import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import PolicyError
from .model import Alignment, Clause, Row
from .normalise import school_pattern, with_placeholder
from .overrides import resolve
from .safe_yaml import safe_load

# Current terminology: the model prefers variants already using it and rewrites the rest.
DEFAULT_TERMINOLOGY: dict[str, str] = {
    r"\bhead[- ]teacher": "headteacher",
    r"\be-mail": "email",
    r"\bcyber[- ]bullying": "cyberbullying",
    r"\bon-line\b": "online",
}
DISPREFERRED = (r"\bstudents?\b", r"\bhead[- ]teacher", r"\be-mail", r"\bcyber[- ]bull", r"\bon-line\b")


@dataclass(frozen=True)
class Curation:
    """The curation file: how maintainers shape the model policy."""

    essential: tuple[str, ...] = ()
    choose: dict[str, str] = field(default_factory=dict)  # row ref -> school id
    replace: dict[str, str] = field(default_factory=dict)  # row ref -> wording
    drop: tuple[str, ...] = ()
    add: tuple[dict[str, str], ...] = ()  # {topic, text, after?}
    order: dict[str, tuple[str, ...]] = field(default_factory=dict)  # topic -> row refs first
    title: str = "Social networking policy"
    version: str = "1.0"
    review_months: int = 12
    source: str = "curation"


@dataclass(frozen=True)
class ModelClause:
    number: str
    text: str  # with the placeholder for the school's name
    row: str | None  # row id, None for a maintainer's added clause
    schools: tuple[str, ...]
    origin: str  # "shared", "essential", "added", "replaced", "chosen"


@dataclass(frozen=True)
class ModelSection:
    number: int
    topic: str
    title: str
    clauses: tuple[ModelClause, ...]


@dataclass(frozen=True)
class ModelPolicy:
    title: str
    version: str
    sections: tuple[ModelSection, ...]
    candidates: tuple[Row, ...]  # single-school rows not in the model
    warnings: tuple[str, ...] = ()
    review_months: int = 12

    def clauses(self) -> list[ModelClause]:
        return [c for s in self.sections for c in s.clauses]


def load_curation(path: Path | None, shown: str | None = None) -> Curation:
    """Read the curation YAML; a missing file means no curation."""
    if path is None or not path.exists():
        return Curation()
    shown = shown or str(path)
    try:
        data = safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise PolicyError(shown, f"not valid YAML ({getattr(exc, 'problem', exc)})", mark.line + 1 if mark else None) from exc
    if not isinstance(data, dict):
        raise PolicyError(shown, "expected a mapping (essential, choose, replace, drop, add, order)")
    known = {"essential", "choose", "replace", "drop", "add", "order", "title", "version", "review_months"}
    unknown = set(data) - known
    if unknown:
        raise PolicyError(shown, f"unknown key(s): {', '.join(sorted(unknown))}", hint=f"use {', '.join(sorted(known))}")
    adds = []
    for entry in data.get("add") or []:
        if not isinstance(entry, dict) or not entry.get("topic") or not entry.get("text"):
            raise PolicyError(shown, f"add entries need `topic` and `text`: {entry!r}")
        adds.append({k: str(v) for k, v in entry.items()})
    return Curation(
        essential=tuple(str(e) for e in data.get("essential") or ()),
        choose={str(k): str(v) for k, v in (data.get("choose") or {}).items()},
        replace={str(k): str(v) for k, v in (data.get("replace") or {}).items()},
        drop=tuple(str(e) for e in data.get("drop") or ()),
        add=tuple(adds),
        order={str(k): tuple(str(r) for r in v) for k, v in (data.get("order") or {}).items()},
        title=str(data.get("title") or "Social networking policy"),
        version=str(data.get("version") or "1.0"),
        review_months=int(data.get("review_months") or 12),
        source=shown,
    )


def resolve_row(reference: str, alignment: Alignment) -> tuple[Row | None, str]:
    """A row named by its id (or an id it had before another school joined it, see
    :attr:`Row.aliases`) or by ``school: quote`` of one of its clauses."""
    row = alignment.row(reference.strip())
    if row is not None:
        return row, ""
    clause, problem = resolve(reference, alignment.clause_index)
    if clause is None:
        return None, problem.replace("clause id", "row id")
    row_id = alignment.clause_row.get(clause.id)
    return next((r for r in alignment.rows if r.id == row_id), None), ""


def modernise(text: str, terminology: dict[str, str] = DEFAULT_TERMINOLOGY) -> str:
    """Rewrite outdated terms ("Head Teacher" -> "headteacher"), keeping a capital at the start."""
    for pattern, replacement in terminology.items():
        def swap(match: re.Match[str], replacement: str = replacement) -> str:
            word = match.group(0)
            return replacement[0].upper() + replacement[1:] if word[:1].isupper() else replacement

        text = re.sub(pattern, swap, text, flags=re.IGNORECASE)
    return text


def best_variant(row: Row, alignment: Alignment, excluded: frozenset[str]) -> Clause | None:
    """The most complete variant in current terminology; ``None`` if all are excluded."""
    variants = [alignment.clause(cid) for ids in row.clauses.values() for cid in ids if cid not in excluded]
    if not variants:
        return None

    def score(clause: Clause) -> tuple[float, str]:
        words = len(clause.normalised.split())
        outdated = sum(1 for p in DISPREFERRED if re.search(p, clause.text, re.IGNORECASE))
        representative = 2.0 if clause.id == row.reference_clause else 0.0
        return (-(representative + min(words, 40) / 10 - outdated), clause.id)

    return sorted(variants, key=score)[0]


def with_lead_in(clause: Clause) -> str:
    """A list item reads on its own in the model: its lead-in goes in front of it."""
    if clause.kind == "item" and clause.lead_in:
        lead = clause.lead_in.rstrip().rstrip(":").rstrip()
        item = clause.text[:1].lower() + clause.text[1:] if not clause.text[:2].isupper() else clause.text
        return f"{lead}: {item}" if not lead.endswith(("to", "should", "must", "not")) else f"{lead} {item}"
    return clause.text


def merge(alignment: Alignment, curation: Curation = Curation(), threshold: int = 2, placeholder: str = "[School name]") -> ModelPolicy:
    """Build the model policy: topics in taxonomy order, ``other`` never included."""
    warnings: list[str] = []
    patterns = {p.id: school_pattern(p.names) for p in alignment.policies}

    def rows_named(references: tuple[str, ...] | list[str], kind: str) -> list[Row]:
        found = []
        for reference in references:
            row, problem = resolve_row(reference, alignment)
            if row is None:
                warnings.append(f"{curation.source}: curation `{kind}: {reference}` {problem or 'matches no row'}")
            else:
                found.append(row)
        return found

    essential = {r.id for r in rows_named(curation.essential, "essential")}
    dropped = {r.id for r in rows_named(curation.drop, "drop")}
    chosen = {}
    for reference, school in curation.choose.items():
        rows = rows_named([reference], "choose")
        if rows and school not in rows[0].clauses:
            warnings.append(f"{curation.source}: curation `choose: {reference}` names school {school!r}, which has no clause in that row")
        elif rows:
            chosen[rows[0].id] = school
    replaced = {}
    for reference, text in curation.replace.items():
        rows = rows_named([reference], "replace")
        if rows:
            replaced[rows[0].id] = text
    order = {topic: [r.id for r in rows_named(list(refs), "order")] for topic, refs in curation.order.items()}
    topic_ids = {t.id for t in alignment.topics}
    for entry in curation.add:
        if entry["topic"] not in topic_ids:
            warnings.append(f"{curation.source}: curation `add` names unknown topic {entry['topic']!r}")

    sections: list[ModelSection] = []
    candidates: list[Row] = []
    for topic in alignment.topics:
        if topic.off_topic:
            continue
        picked: list[tuple[Row, str, str]] = []  # row, text, origin
        for row in alignment.rows_for(topic.id):
            if row.id in dropped:
                continue
            if all(alignment.clause(cid).kind == "lead-in" for ids in row.clauses.values() for cid in ids):
                continue  # a list's lead-in reads with each of its items instead
            shared = len(row.clauses) >= threshold
            if not shared and row.id not in essential:
                candidates.append(row)
                continue
            if row.id in replaced:
                picked.append((row, replaced[row.id], "replaced"))
                continue
            if row.id in chosen:
                clause = alignment.clause(row.clauses[chosen[row.id]][0])
                origin = "chosen"
            else:
                variant = best_variant(row, alignment, alignment.excluded)
                if variant is None:
                    continue
                clause, origin = variant, ("shared" if shared else "essential")
            text = with_placeholder(with_lead_in(clause), patterns[clause.school], placeholder)
            picked.append((row, modernise(text), origin))
        if topic.id in order:
            rank = {rid: i for i, rid in enumerate(order[topic.id])}
            picked.sort(key=lambda p: rank.get(p[0].id, len(rank)))
        entries = [(text, row.id, row.schools, origin) for row, text, origin in picked]
        for entry in curation.add:
            if entry["topic"] != topic.id:
                continue
            position = len(entries)
            if entry.get("after"):
                after, problem = resolve_row(entry["after"], alignment)
                ids = [e[1] for e in entries]
                if after is None or after.id not in ids:
                    warnings.append(f"{curation.source}: curation `add ... after: {entry['after']}` {problem or 'is not in the model'}")
                else:
                    position = ids.index(after.id) + 1
            entries.insert(position, (entry["text"], None, (), "added"))
        if not entries:
            continue
        number = len(sections) + 1
        clauses = tuple(
            ModelClause(number=f"{number}.{i}", text=text, row=row_id, schools=tuple(schools), origin=origin)
            for i, (text, row_id, schools, origin) in enumerate(entries, 1)
        )
        sections.append(ModelSection(number=number, topic=topic.id, title=topic.title, clauses=clauses))
    return ModelPolicy(
        title=curation.title,
        version=curation.version,
        sections=tuple(sections),
        candidates=tuple(candidates),
        warnings=tuple(warnings),
        review_months=curation.review_months,
    )


def fill_school(text: str, school: str, placeholder: str = "[School name]") -> str:
    """The model's wording with one school's name filled in."""
    return text.replace(placeholder, school)


def gaps(model: ModelPolicy, alignment: Alignment, school_id: str) -> tuple[list[ModelClause], list[Clause]]:
    """Model clauses the school does not cover, and the school's clauses the model does not keep."""
    in_model = {c.row for c in model.clauses() if c.row}
    missing = [c for c in model.clauses() if c.row and school_id not in c.schools]
    policy = next(p for p in alignment.policies if p.id == school_id)
    off = alignment.off_topic_ids
    not_kept = [
        c for c in policy.clauses
        if alignment.clause_row.get(c.id) not in in_model and alignment.clause_topic.get(c.id) not in off
    ]
    return missing, not_kept
