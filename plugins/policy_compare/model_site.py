"""Pages and files of the model policy: the model, one adopted version per school,
the candidates list, and Word documents. Pure: returns contents for the plugin to add.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment
from markupsafe import Markup, escape

from .export import fill_docx, model_docx
from .legal import AppendixItem
from .lint import KINDS, Finding, Overlap, laws_to_update, lint, overlaps
from .legislation import Register
from .merge import TO_BE_WRITTEN, Curation, FillIn, ModelPolicy, fill_school, gaps, load_curation, merge
from .model import DEFAULT_TRUST, Alignment, Policy
from .render import Links, clause_anchor, row_anchor, school_src, topic_src


def latest_source_date(alignment: Alignment) -> str:
    """The model's date: the latest adoption or review date any source gives."""
    dates = [d for p in alignment.policies for d in (p.reviewed, p.adopted) if d]
    return max(dates) if dates else "not stated"


def add_months(day: _dt.date, months: int) -> _dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, 28))


def merged(
    alignment: Alignment,
    *,
    curation_path: Path | None,
    curation_shown: str,
    threshold: int,
    placeholder: str,
    trust: str,
    register: Register | None = None,
) -> ModelPolicy:
    """The model policy (:func:`merge.merge`) with the maintainers' curation, if any."""
    curation = load_curation(curation_path, curation_shown) if curation_path else Curation()
    return merge(alignment, curation, threshold, placeholder, register, trust if trust != DEFAULT_TRUST else None)


def model_files(
    alignment: Alignment,
    env: Environment,
    links: Links,
    *,
    curation_path: Path | None,
    curation_shown: str,
    threshold: int,
    placeholder: str,
    trust: str,
    today: _dt.date,
    appendix: list[AppendixItem],
    print_provenance: bool = False,
    pdf_available: bool = False,
    register: Register | None = None,
    model: ModelPolicy | None = None,
    findings: list[Finding] | None = None,
    overlapping: list[Overlap] | None = None,
) -> tuple[dict[str, str | bytes], ModelPolicy]:
    """All model-policy files, keyed by their path in the site. ``model``: :func:`merged` of the
    same arguments, ``findings`` its :func:`lint.lint` and ``overlapping`` its :func:`lint.overlaps`,
    if already made (in another process, say: the one that embedded its passages)."""
    if model is None:
        model = merged(alignment, curation_path=curation_path, curation_shown=curation_shown, threshold=threshold,
                       placeholder=placeholder, trust=trust, register=register)
    if findings is None:
        findings = lint(model, alignment)
    if overlapping is None:
        overlapping = overlaps(model)
    # references to repealed, replaced or misdated law the model carries from its sources
    laws = laws_to_update(model, register) if register is not None else []
    schools = {p.id: p for p in alignment.policies}
    unwritten = [str(s.number) for s in model.sections if s.status == "unwritten"]
    fill_ins = list(model.fill_ins) + ([FillIn(TO_BE_WRITTEN, "the trust's own wording for a topic it named that no school covers")] if unwritten else [])
    labels = sorted({f.label for f in fill_ins}, key=len, reverse=True)
    label_re = re.compile("|".join(re.escape(str(escape(label))) for label in labels))

    def fillins(text: str) -> Markup:
        """Escaped text with every fill-in marked, so that a reader sees what to complete."""
        return Markup(label_re.sub(lambda m: f'<mark class="pc-fill">{m.group(0)}</mark>', str(escape(text))))

    env.filters["fillins"] = fillins
    built = latest_source_date(alignment)
    review_due = add_months(today, model.review_months).isoformat()
    files: dict[str, str | bytes] = {}
    # every school's copy reads the same but for its name: render the body once with a marker
    # (a private-use character no policy text contains) and put each name in its place
    marker = "\ue000school\ue001"
    markable = not any(marker in c.text for c in model.clauses())

    def render_body(fill: Callable[[str], str], href: Callable[..., str]) -> str:
        return env.get_template("model_body.html.j2").render(
            model=model, fill=fill, href=href, topic_src=topic_src, row_anchor=row_anchor, school_by_id=schools,
            appendix=appendix, to_be_written=TO_BE_WRITTEN, row_topic={r.id: r.topic for r in alignment.rows},
        ).rstrip("\n")

    marked_body: str | None = None  # rendered once, for the first school's copy

    def body(school: Policy | None, href: Callable[..., str], fill: Callable[[str], str]) -> Markup:
        nonlocal marked_body
        if school is None or not markable:
            return Markup(render_body(fill, href))
        if marked_body is None:  # all school copies live in one folder: their links are the same
            marked_body = render_body(lambda t: fill_school(t, marker, placeholder), href)
        return Markup(marked_body.replace(marker, str(escape(school.school))))

    def page(src: str, school: Policy | None) -> str:
        def href(to: str, anchor: str = "") -> str:
            return links.href(src, to, anchor)

        fill: Callable[[str], str] = (lambda t: fill_school(t, school.school, placeholder)) if school else (lambda t: t)
        base = "model-policy" if school is None else f"model-policy-{school.id}"
        downloads = [("Word (.docx)", href_file(links, src, f"model-policy/{base}.docx"))]
        if pdf_available and school is None:
            downloads.append(("PDF", href_file(links, src, "model-policy/model-policy.pdf")))
        gap_html = ""
        if school is not None:
            missing, not_kept = gaps(model, alignment, school.id)
            gap_html = Markup(
                env.get_template("gaps.md.j2").render(
                    school=school, missing=missing, not_kept=not_kept, fill=fill, href=href,
                    school_src=school_src, clause_anchor=clause_anchor,
                )
            )
        return env.get_template("model.md.j2").render(
            model=model, title=model.title, version=model.version, trust=trust, school=school, built=built,
            review_due=review_due, downloads=downloads, body=body(school, href, fill), gaps=gap_html,
            print_provenance=print_provenance, sources=alignment.policies, school_by_id=schools,
            fill_ins=[f for f in fill_ins if school is None or f.label != placeholder], to_be_written=TO_BE_WRITTEN,
            unwritten=unwritten, findings=len(findings), laws=len(laws), review_href=href("model-policy/review.md"),
            change_href=lambda p: href(f"model-policy/{p.id}.md", "gaps"),
            page_label=css_string(f"{model.title}{': ' + school.school if school else ''}, version {model.version}"),
            intro=None if school else f"Passages shared by at least {threshold} schools, in their best wording, each with the sentences it depends on, beside the own wording of the school that says most on the topic, in its order; the schools each comes from are shown in brackets (not printed). A topic only one school covers enters as that school's wording, marked for review; other clauses only one school has are listed as candidates.",
        )

    files["model-policy/index.md"] = page("model-policy/index.md", None)
    for policy in alignment.policies:
        files[f"model-policy/{policy.id}.md"] = page(f"model-policy/{policy.id}.md", policy)
    grouped = []
    for topic in alignment.topics:
        rows = [r for r in model.candidates if r.topic == topic.id]
        if rows:
            grouped.append((topic, rows))
    files["model-policy/candidates.md"] = env.get_template("candidates.md.j2").render(
        candidates=model.candidates, grouped=grouped, curation_path=curation_shown, school_by_id=schools,
        clause=alignment.clause, href=lambda to, anchor="": links.href("model-policy/candidates.md", to, anchor),
        topic_src=topic_src, row_anchor=row_anchor,
    )
    files["model-policy/review.md"] = env.get_template("review.md.j2").render(
        findings=findings, kinds=KINDS, curation_path=curation_shown, overlaps=overlapping, laws=laws,
        href=lambda to, anchor="": links.href("model-policy/review.md", to, anchor),
        left_out=[(alignment.clause(cid), why) for cid, why in model.left_out], school_by_id=schools,
        school_src=school_src, clause_anchor=clause_anchor,
    )
    entries = [(a.title, a.url, a.note) for a in appendix]
    meta = [("Version", model.version), ("Built from sources dated", built), ("Review due", review_due)]
    source_rows = [(p.school, p.adopted or "not stated", p.reviewed or "not stated", p.next_review or "not stated")
                   for p in alignment.policies]

    def fill_in_rows(entries: list[FillIn]) -> list[tuple[str, str, str]]:
        return [(f.label, f.meaning, "; ".join(f"{name} ({schools[s].school})" for s, name in f.found)
                 or ("sections " + ", ".join(unwritten) if f.label == TO_BE_WRITTEN else "each school's own"))
                for f in entries]

    files["model-policy/model-policy.docx"] = model_docx(
        model, heading=model.title, kicker=f"Model policy for {trust}", meta=meta, fill=lambda t: t, appendix=entries,
        sources=source_rows, fill_ins=fill_in_rows(fill_ins), highlight=tuple(labels),
    )
    # a school's copy: its name is filled in (and not highlighted); the other fill-ins stay to complete
    adopted = model_docx(
        model, heading=f"{model.title}: {placeholder}", kicker=f"Model policy for {trust}, as adopted by {placeholder}",
        meta=meta, fill=lambda t: t, appendix=entries, sources=source_rows,
        fill_ins=fill_in_rows([f for f in fill_ins if f.label != placeholder]),
        highlight=tuple(label for label in labels if label != placeholder),
    )
    for policy in alignment.policies:
        files[f"model-policy/model-policy-{policy.id}.docx"] = fill_docx(adopted, placeholder, policy.school)
    return files, model


def css_string(text: str) -> Markup:
    """Text safe inside a CSS string in a <style> element: no quotes, backslashes or tags."""
    cleaned = "".join(ch for ch in text if ch not in "\\\"'<>&{}" and ch.isprintable())
    return Markup(cleaned)


def href_file(links: Links, from_src: str, target: str) -> str:
    """Link from a page to a non-page file (a download)."""
    import posixpath

    here = links.page_url(from_src)
    base = posixpath.dirname(here.rstrip("/") + "/x") if links.use_directory_urls else posixpath.dirname(from_src)
    return posixpath.relpath(target, base or ".")
