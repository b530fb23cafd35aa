"""How long importing a 40-page PDF takes (the issue's target: at most 5 s).

Prints the figure; it is not a timed test (machines differ). The PDF is the five seeds, one after
another and repeated, in the styled rendering of scripts/render_seeds.py (running header, page
numbers, justified and hyphenated), printed by Chromium, cut to the first 40 pages' worth of seeds.

Usage: python scripts/bench_import.py [PAGES] [REPEATS]   (default: 40 pages, best of 3)
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render_seeds import STYLED_CSS, SEED_SCHOOLS, SEEDS, body_html, print_page, seed_markdown, soft_hyphenate  # noqa: E402

from policy_compare.importer import import_document  # noqa: E402
from policy_compare.pdf import find_chromium  # noqa: E402


def long_pdf(target: Path, pages: int) -> int:
    """Print the seeds in turn until the PDF has at least ``pages`` pages; returns its page count."""
    from pdfminer.pdfpage import PDFPage

    chromium = find_chromium()
    if chromium is None:
        sys.exit("needs Chromium")
    fragments = [body_html(seed_markdown(SEEDS / file, school, sid)[1]) for file, (school, sid) in SEED_SCHOOLS.items()]
    css = STYLED_CSS % {"school": "Oakfield Multi-Academy Trust", "title": "Social Networking Policies"}
    count, copies = 0, 1
    while count < pages:
        print_page(soft_hyphenate("".join(fragments * copies)), css, "Policies", target, chromium)
        with target.open("rb") as handle:
            count = sum(1 for _ in PDFPage.get_pages(handle))
        copies += 1
    return count


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the importer reads long PDFs in two)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "long.pdf"
        count = long_pdf(pdf, pages)
        times, cpu = [], []
        for _ in range(repeats):
            start, start_cpu = time.perf_counter(), _cpu()
            result = import_document(pdf, "Oakfield Primary School", "oakfield")
            times.append(time.perf_counter() - start)
            cpu.append(_cpu() - start_cpu)
        # CPU time as well as wall time: on a shared machine the wall clock also counts other people's work
        print(f"{count}-page PDF ({pdf.stat().st_size // 1024} KB, {result.sentences_read} sentences): "
              f"import best {min(times):.2f} s, median {statistics.median(times):.2f} s of {repeats}; "
              f"CPU {min(cpu):.2f} s in all processes ({min(cpu) / count * 1000:.0f} ms a page); "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; target <= 5 s")


if __name__ == "__main__":
    main()
