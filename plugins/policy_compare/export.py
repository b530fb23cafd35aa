"""Machine-readable exports of an alignment: ``alignment.json`` and ``coverage.csv``.

The JSON layout is a published contract (schema ``policy-compare/alignment/v1``): add
fields if needed, never rename or remove them.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .merge import TO_BE_WRITTEN
from .model import Alignment

if TYPE_CHECKING:
    from .merge import ModelPolicy

SCHEMA = "policy-compare/alignment/v1"



def alignment_data(alignment: Alignment) -> dict[str, object]:
    """The alignment as plain data, in a stable order."""
    topic_titles = {t.id: t.title for t in alignment.topics}
    return {
        "schema": SCHEMA,
        "schools": [
            {"id": p.id, "name": p.school, "source": p.path, "adopted": p.adopted, "reviewed": p.reviewed}
            for p in alignment.policies
        ],
        "topics": [
            {
                "id": t.id,
                "title": topic_titles[t.id],
                "rows": [
                    {"id": r.id, "aliases": list(r.aliases), "reference": r.reference, "clauses": {s: list(ids) for s, ids in r.clauses.items()}}
                    for r in alignment.rows_for(t.id)
                ],
            }
            for t in alignment.topics
        ],
        "clauses": [
            {
                "id": c.id,
                "school": c.school,
                "topic": alignment.clause_topic[c.id],
                "row": alignment.clause_row.get(c.id),
                "text": c.text,
                "normalised": c.normalised,
                "section": list(c.section),
                "number": c.number,
                "source": {"path": c.path, "line": c.line},
            }
            for p in alignment.policies
            for c in p.clauses
        ],
    }


def alignment_json(alignment: Alignment) -> str:
    """``alignment.json``: byte-identical for identical input."""
    return json.dumps(alignment_data(alignment), ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def coverage_csv(alignment: Alignment) -> str:
    """``coverage.csv``: one line per topic and school with clause count and share of rows."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["topic", "topic_title", "school", "school_name", "clauses", "rows_covered", "topic_rows", "share_of_rows"])
    for topic in alignment.topics:
        rows = alignment.rows_for(topic.id)
        for policy in alignment.policies:
            covered = sum(1 for r in rows if policy.id in r.clauses)
            clauses = sum(len(r.clauses.get(policy.id, ())) for r in rows)
            share = f"{covered / len(rows):.3f}" if rows else "0.000"
            writer.writerow([topic.id, csv_text(topic.title), policy.id, csv_text(policy.school), clauses, covered, len(rows), share])
    return out.getvalue()


def csv_text(value: str) -> str:
    """A maintainer's text for a CSV cell: one starting ``=``, ``+``, ``-``, ``@`` or a tab would
    be run as a formula by a spreadsheet, so it gets a leading apostrophe (OWASP's advice)."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def model_docx(
    model: ModelPolicy,
    *,
    heading: str,
    kicker: str,
    meta: list[tuple[str, str]],
    fill: Callable[[str], str],
    appendix: list[tuple[str, str, str]],
    sources: list[tuple[str, str, str, str]] = (),  # type: ignore[assignment]
    fill_ins: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
    highlight: tuple[str, ...] = (),
) -> bytes:
    """A Word document of the model policy: a front page, real headings, numbered clauses, approval table.

    ``appendix`` holds ``(title, url, note)`` for the legislation appendix; ``sources``
    ``(school, adopted, reviewed, next review)`` and ``fill_ins`` ``(fill-in, what to write,
    what the source said)`` make the front page; the fill-ins in ``highlight`` are highlighted
    wherever they occur.
    """
    from docx import Document
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt

    marked = re.compile("(" + "|".join(re.escape(h) for h in sorted(highlight, key=len, reverse=True)) + ")") if highlight else None

    def write(paragraph: Any, text: str) -> None:
        """Text as runs, each fill-in its own highlighted run (whole, so a school's copy can fill it)."""
        for piece in marked.split(text) if marked else [text]:
            if piece:
                run = paragraph.add_run(piece)
                if marked and marked.fullmatch(piece):
                    run.font.highlight_color = WD_COLOR_INDEX.YELLOW

    def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> None:
        grid = document.add_table(rows=1 + len(rows), cols=len(header))
        grid.style = "Table Grid"
        for cell, text in zip(grid.rows[0].cells, header):
            cell.text = text
        for row, values in zip(grid.rows[1:], rows):
            for cell, text in zip(row.cells, values):
                write(cell.paragraphs[0], text)

    document = Document()
    document.core_properties.title = heading
    document.styles["Normal"].font.size = Pt(11)
    document.add_paragraph(kicker)
    document.add_heading(heading, level=0)
    for label, value in meta:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    if sources:
        document.add_heading("Built from these schools' policies", level=2)
        table(("School", "Adopted", "Last reviewed", "Next review"), list(sources))
    if fill_ins:
        document.add_heading("Fill in before adopting", level=2)
        table(("Fill-in", "What to write", "The source said"), list(fill_ins))
    for section in model.sections:
        document.add_heading(f"{section.number}. {section.title}", level=1)
        if section.status == "unwritten":
            write(document.add_paragraph(), TO_BE_WRITTEN)
        for clause in section.clauses:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.left_indent = Pt(28)
            paragraph.paragraph_format.first_line_indent = Pt(-28)
            paragraph.paragraph_format.keep_together = True
            paragraph.add_run(f"{clause.number}\t").bold = True
            write(paragraph, fill(clause.text))
            for letter, item in zip("abcdefghijklmnopqrstuvwxyz", clause.items):
                line = document.add_paragraph()
                line.paragraph_format.left_indent = Pt(48)
                line.paragraph_format.first_line_indent = Pt(-20)
                line.add_run(f"({letter})\t")
                write(line, fill(item))
    document.add_heading("Appendix: legislation and guidance", level=1)
    for title, url, note in appendix:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(title).bold = True
        paragraph.add_run(f" ({url})" + (f": {note}" if note else ""))
    document.add_heading("Approval", level=1)
    approval = document.add_table(rows=3, cols=4)
    approval.style = "Table Grid"
    for cell, text in zip(approval.rows[0].cells, ("Role", "Name", "Signature", "Date")):
        cell.text = text
    approval.rows[1].cells[0].text = "Headteacher"
    approval.rows[2].cells[0].text = "Chair of governors"
    document.add_paragraph("Date signed: ____________    Next review: ____________")
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip_times(out.getvalue())


def fill_docx(template: bytes, placeholder: str, value: str) -> bytes:
    """A copy of a .docx with ``placeholder`` replaced by ``value`` in its text and properties.

    Much quicker than building the document again for each school; the placeholder is
    always written whole into one run, so a plain replacement in the XML finds it.
    """
    from xml.sax.saxutils import escape

    old, new = escape(placeholder).encode("utf-8"), escape(value).encode("utf-8")
    return _rewrite_zip(template, lambda name, data: data.replace(old, new) if name.endswith(".xml") else data)


def _fixed_zip_times(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps so the same model gives the same bytes."""
    return _rewrite_zip(data, lambda name, content: content)


def _rewrite_zip(data: bytes, change: Callable[[str, bytes], bytes]) -> bytes:
    """The zip ``data`` entry by entry, each passed through ``change`` and stamped 1980-01-01."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, change(info.filename, source.read(info.filename)))
    return out.getvalue()
