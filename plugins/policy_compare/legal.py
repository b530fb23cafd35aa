"""Legislation register and policy health, as site pages and the model's appendix.

Joins the pure checks (``legislation``, ``dates``) with the alignment; returns Markdown.
"""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from jinja2 import Environment

from .classify import REQUIRED_TOPICS as NAMED_TOPICS
from .dates import policy_review_status, parse_date
from .legislation import Citation, Register, find_citations, load_register, missing_expected
from .model import Alignment, Clause, Policy
from .render import Links, clause_anchor, school_src



@dataclass(frozen=True)
class LegalReport:
    register: Register
    citations: tuple[Citation, ...]
    missing: dict[str, tuple[str, ...]]


def with_headings(policy: Policy) -> Policy:
    """The policy with its headings as extra clauses: an appendix cites Acts in its headings."""
    headings = tuple(
        Clause(id=f"{policy.id}-h{h.line}", school=policy.id, section=(), number=None, text=h.title, markup=h.title,
               normalised=h.title.lower(), path=policy.path, line=h.line, kind="heading", order=-1)
        for h in policy.headings
    )
    return replace(policy, clauses=policy.clauses + headings)


def legal_report(alignment: Alignment, register_path: Path | None, register: Register | None = None) -> LegalReport:
    """What every school cites, checked against the register at ``register_path`` (``register``:
    that register, if already loaded)."""
    register = register if register is not None else load_register(register_path)
    policies = [with_headings(p) for p in alignment.policies]
    citations = find_citations(policies, register)
    return LegalReport(register, citations, missing_expected(policies, citations, register))


def warnings(report: LegalReport) -> list[str]:
    """References the register cannot resolve: maintainers should add them to the register."""
    return [
        f"{c.path}:{c.line}: cites {c.text!r}, which the legislation register ({report.register.source}) does not know; "
        "add it to the register or correct the reference"
        for c in report.citations
        if c.flag == "unresolved"
    ]


@dataclass(frozen=True)
class AppendixItem:
    title: str
    url: str
    note: str


def appendix(report: LegalReport) -> list[AppendixItem]:
    """Current law the schools cite (stale references replaced by their successors) plus what a policy is expected to cite."""
    ids: set[str] = set()
    for citation in report.citations:
        instrument = report.register.get(citation.instrument) if citation.instrument else None
        while instrument is not None and instrument.stale and instrument.replaced_by:
            instrument = report.register.get(instrument.replaced_by)
        if instrument is not None and not instrument.stale:
            ids.add(instrument.id)
    ids |= {i.id for i in report.register.expected}
    chosen = [i for i in report.register.instruments if i.id in ids]
    chosen.sort(key=lambda i: (i.type != "act", i.title.lower()))
    return [AppendixItem(i.title if i.dated_title else f"{i.title} ({i.year})", i.url, i.note) for i in chosen]


def legal_pages(
    alignment: Alignment, report: LegalReport, env: Environment, links: Links, today: _dt.date
) -> dict[str, str]:
    """The Legislation page and the Health page."""
    schools = {p.id: p for p in alignment.policies}
    by_school: dict[str, list[Citation]] = {p.id: [] for p in alignment.policies}
    for citation in report.citations:
        by_school[citation.school].append(citation)
    register = {i.id: i for i in report.register.instruments}

    def anchor_for(citation: Citation) -> str:
        return clause_anchor(citation.clause) if not citation.clause.startswith(f"{citation.school}-h") else f"h-{citation.line}"

    legislation = env.get_template("legislation.md.j2").render(
        schools=alignment.policies, by_school=by_school, register=register, report=report,
        href=lambda to, anchor="": links.href("legislation.md", to, anchor), school_src=school_src, anchor_for=anchor_for,
        flag_words={"ok": "OK", "stale": "Repealed or replaced", "wrong-year": "Wrong year or title", "unresolved": "Not in the register"},
    )
    rows = []
    off_topic = alignment.off_topic_ids
    for policy in alignment.policies:
        status = policy_review_status(policy, today)
        topics_of_school = Counter(alignment.clause_topic[c.id] for c in policy.clauses)
        rows.append({
            "policy": policy,
            "last_review": parse_date(policy.reviewed or "") or parse_date(policy.adopted or ""),
            "status": status,
            "stale": sum(1 for c in by_school[policy.id] if c.flag in ("stale", "wrong-year")),
            "unresolved": sum(1 for c in by_school[policy.id] if c.flag == "unresolved"),
            "uncovered": [t for t in NAMED_TOPICS if topics_of_school.get(t, 0) == 0],
            "off_topic": [c for c in policy.clauses if alignment.clause_topic[c.id] in off_topic],
        })
    topic_titles = {t.id: t.title for t in alignment.topics}
    health = env.get_template("health.md.j2").render(
        rows=rows, today=today.isoformat(), topic_titles=topic_titles, schools=schools,
        href=lambda to, anchor="": links.href("health.md", to, anchor), school_src=school_src, clause_anchor=clause_anchor,
    )
    return {"legislation.md": legislation, "health.md": health}
