"""Import every supported file in a folder: the school's name from each text, an id from the name.

Works out what each import would write and counts its clauses; the CLI prints the summary,
writes the files (unless it is a dry run) and runs ``check``.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import PolicyError
from .importer import SUPPORTED, ImportResult, import_document
from .normalise import Rules
from .parse import parse_policy


@dataclass(frozen=True)
class BatchRow:
    """One file of the folder: what it became, or why it could not be imported."""

    file: Path
    result: ImportResult | None = None
    clauses: int = 0
    error: str = ""


def policy_files(folder: Path) -> list[Path]:
    """The files of ``folder`` the importer reads, in name order (hidden files and editors' lock files left out)."""
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in SUPPORTED and not p.name.startswith((".", "~$"))
    )


def import_folder(folder: Path, sources: Path, rules: Rules, force: bool = False) -> list[BatchRow]:
    """Import each policy file in ``folder`` (nothing is written); ids already in ``sources`` need ``force``."""
    existing = {p.stem for p in sources.glob("*.md")} if sources.is_dir() else set()
    taken: set[str] = set()
    rows: list[BatchRow] = []
    for path in policy_files(folder):
        try:
            result = import_document(path, None)
        except PolicyError as exc:
            rows.append(BatchRow(path, error=str(exc)))
            continue
        if result.school_id in taken:  # two files of one school, or two schools of one name
            from .school_name import school_id

            result = import_document(path, result.school, school_id(result.school, rules, taken))
        taken.add(result.school_id)
        if result.school_id in existing and not force:
            rows.append(BatchRow(path, result, error=f"{sources / result.school_id}.md: already exists; pass --force to replace it"))
            continue
        rows.append(BatchRow(path, result, clauses=count_clauses(result, rules)))
    return rows


def count_clauses(result: ImportResult, rules: Rules) -> int:
    """How many clauses the site will find in an import."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{result.school_id}.md"
        path.write_text(result.markdown, encoding="utf-8")
        return len(parse_policy(path, rules).clauses)


def summary(rows: list[BatchRow]) -> str:
    """The table the CLI prints: file, school, id, clauses, sentences read and written, dates found, warnings."""
    header = ("file", "school", "id", "clauses", "sentences", "dates found", "warnings")
    table = [header]
    for row in rows:
        if row.result is None:
            table.append((row.file.name, "-", "-", "-", "-", "-", "error"))
            continue
        r = row.result
        dates = ", ".join(f"{key.replace('_', ' ')} {value}" for key, value in r.dates.items()) or "none"
        table.append((
            row.file.name, r.school, r.school_id, str(row.clauses) if not row.error else "-",
            f"{r.sentences_read} read, {r.sentences_written} written", dates, str(len(r.warnings)) if not row.error else "error",
        ))
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    out = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() for line in table]
    for row in rows:
        if row.error:
            out.append(f"error: {row.error}")
        for warning in row.result.warnings if row.result else ():
            out.append(f"warning: {row.file.name}: {warning}")
        for line in left_out_lines(row.result.removed) if row.result else ():
            out.append(f"left out: {row.file.name}: {line}")
    return "\n".join(out)


SHOWN_REMOVED = 12  # lines of page furniture listed one by one; the rest counted


def left_out_lines(removed: tuple[str, ...]) -> list[str]:
    """What an import left out on purpose (running headers and footers, page numbers, a table of
    contents), each with where it stood, so that nothing goes silently: the first few, then a count."""
    shown = [*removed[:SHOWN_REMOVED]]
    if len(removed) > SHOWN_REMOVED:
        shown.append(f"and {len(removed) - SHOWN_REMOVED} more running headers, footers, page numbers or contents lines")
    return shown
