"""Import fidelity: each seed rendered to .docx, .odt, .html and PDF (scripts/render_seeds.py), imported
again and compared with the import of its .txt.

Per seed and format: sentences matched (after whitespace normalisation), headings matched (same text
at the same level), dates matched, and header/footer text found in clauses (must be 0).

Usage: python scripts/evaluate_import.py [RENDER_DIR]   (default: a temporary folder, rendered afresh)
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render_seeds import FORMATS, SEED_SCHOOLS, SEEDS, SUFFIX, render_all  # noqa: E402

from policy_compare.importer import import_document, split_front_matter  # noqa: E402
from policy_compare.model import Policy  # noqa: E402
from policy_compare.normalise import load_rules  # noqa: E402
from policy_compare.parse import parse_policy  # noqa: E402

RULES = load_rules()
# what render_seeds puts around the policy: page numbers, and a website's cookie banner, navigation, sidebar, footer
FURNITURE = re.compile(
    r"\bPage \d+ of \d+\b|cookies|Ofsted reports|News and events|Latest news|Sports day|School Lane|All rights reserved|Share this page"
)


@dataclass(frozen=True)
class Fidelity:
    """How one rendering's import compares with the .txt import."""

    sentences: tuple[int, int]  # (matched, of)
    headings: tuple[int, int]
    dates: tuple[int, int]
    furniture: tuple[str, ...]  # running header/footer or page furniture text found in clauses
    warnings: tuple[str, ...] = ()

    @property
    def sentence_share(self) -> float:
        return self.sentences[0] / max(1, self.sentences[1])


def parsed(markdown: str, school_id: str) -> Policy:
    """A source policy's markdown parsed as the site parses it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{school_id}.md"
        path.write_text(markdown, encoding="utf-8")
        return parse_policy(path, RULES)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def compare(reference_md: str, imported_md: str, school_id: str, running: tuple[str, ...] = ()) -> Fidelity:
    """Compare two imports of one policy: sentences, headings with levels, dates, page furniture in clauses.

    ``running``: the running header's texts; a clause may hold them only as often as the reference does.
    """
    a, b = parsed(reference_md, school_id), parsed(imported_md, school_id)
    want = Counter(_norm(c.text) for c in a.clauses)
    got = Counter(_norm(c.text) for c in b.clauses)
    sentences = (sum((want & got).values()), sum(want.values()))
    want_h = Counter((h.level, _norm(h.title)) for h in a.headings)
    got_h = Counter((h.level, _norm(h.title)) for h in b.headings)
    headings = (sum((want_h & got_h).values()), max(sum(want_h.values()), sum(got_h.values())))
    front_a, _ = split_front_matter(reference_md, "reference")
    front_b, _ = split_front_matter(imported_md, "imported")
    keys = [k for k in ("adopted", "reviewed", "next_review") if k in front_a or k in front_b]
    dates = (sum(1 for k in keys if front_a.get(k) == front_b.get(k)), len(keys))
    furniture = [c.text for c in b.clauses if FURNITURE.search(c.text)]
    for text in running:
        extra = sum(c.text.count(text) for c in b.clauses) - sum(c.text.count(text) for c in a.clauses)
        furniture += [text] * max(0, extra)
    return Fidelity(sentences, headings, dates, tuple(furniture))


def evaluate(folder: Path, formats: tuple[str, ...] = FORMATS) -> dict[tuple[str, str], Fidelity]:
    """Render every seed into ``folder`` (unless already there) and compare each import with the .txt import."""
    missing = [f for f in formats if not all((folder / f"{sid}{SUFFIX[f]}").exists() for _, sid in SEED_SCHOOLS.values())]
    if missing:
        render_all(folder, missing)
    results: dict[tuple[str, str], Fidelity] = {}
    for file, (school, school_id) in SEED_SCHOOLS.items():
        reference = import_document(SEEDS / file, school, school_id)
        front, _ = split_front_matter(reference.markdown, file)
        running = (school, str(front.get("title", "")))  # the styled PDFs' running header
        for fmt in formats:
            result = import_document(folder / f"{school_id}{SUFFIX[fmt]}", school, school_id)
            fidelity = compare(reference.markdown, result.markdown, school_id, running if fmt.startswith("pdf-") else ())
            results[(school_id, fmt)] = replace(fidelity, warnings=result.warnings)
    return results


def table(results: dict[tuple[str, str], Fidelity]) -> str:
    """seed x format: sentences, headings and dates matched."""
    lines = [f"{'seed':<12} {'format':<12} {'sentences':>14} {'headings':>10} {'dates':>6} {'furniture':>9} {'warnings':>8}"]
    for (school_id, fmt), f in results.items():
        lines.append(
            f"{school_id:<12} {fmt:<12} {f.sentences[0]:>4}/{f.sentences[1]:<4} {f.sentence_share:>4.0%} "
            f"{f.headings[0]:>4}/{f.headings[1]:<4}  {f.dates[0]}/{f.dates[1]}  {len(f.furniture):>9} {len(f.warnings):>8}"
        )
    for label, group in (("the issue's formats (docx, odt, html, pdf, pdf-styled)", [f for (_, fmt), f in results.items() if fmt != "pdf-columns"]),
                         ("the extra two-column PDF", [f for (_, fmt), f in results.items() if fmt == "pdf-columns"])):
        if group:
            lines.append(f"lowest sentence share, {label}: {min(f.sentence_share for f in group):.1%} (target >= 99%)")
    return "\n".join(lines)


if __name__ == "__main__":
    if len(sys.argv) > 1:
        print(table(evaluate(Path(sys.argv[1]))))
    else:
        with tempfile.TemporaryDirectory() as tmp:
            print(table(evaluate(Path(tmp))))
