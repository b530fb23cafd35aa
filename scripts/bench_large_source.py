"""Time `mkdocs build` of this site with one school's source grown to a given size.

The large source repeats a seed policy's paragraphs, each copy with a few words varied, so
that clauses are distinct (as in a long real policy) rather than one wording copied. Prints
the build's wall-clock and CPU time (on a shared machine the CPU time is the steadier figure);
run it at several sizes to see how cost grows with a source's size:

    .venv/bin/python scripts/bench_large_source.py --mb 5
    .venv/bin/python scripts/bench_large_source.py --mb 1 --mb 2 --mb 5

With ``--plain`` it also times MkDocs alone on the same text (each source an ordinary page,
no plugin), the share of a build that is MkDocs' own.

To profile a build, prepare the project and keep it (nothing is built):

    .venv/bin/python scripts/bench_large_source.py --mb 2 --keep /tmp/large2
    cd /tmp/large2 && python -m cProfile -o build.prof -m mkdocs build -q
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("pupils", "staff", "parents", "governors", "visitors", "volunteers", "carers", "leaders", "teachers", "children")
VERBS = ("must", "should", "may", "will", "are expected to", "are asked to", "must never", "should not")


def large_source(seed: Path, size: int, rng: random.Random) -> str:
    """``seed``'s front matter and about ``size`` bytes of its paragraphs, repeated with words varied."""
    text = seed.read_text(encoding="utf-8")
    end = text.index("\n---", 3) + 4
    front, body = text[:end], text[end:]
    paragraphs = [p for p in re.split(r"\n\s*\n", body) if p.strip()]
    out: list[str] = [front, ""]
    total = len(front)
    copy = 0
    while total < size:
        copy += 1
        out.append(f"## Part {copy}")
        for paragraph in paragraphs:
            if paragraph.lstrip().startswith("#"):
                varied = f"{paragraph.strip()} ({copy})"
            else:
                varied = re.sub(r"\b(pupils|staff|parents|must|should)\b",
                                lambda m: rng.choice(WORDS if m[1] not in ("must", "should") else VERBS), paragraph)
                varied = varied.replace(". ", f" in term {rng.randint(1, 999)}. ", 1)
            out.append(varied)
            total += len(varied) + 2
    return "\n\n".join(out) + "\n"


def prepare(project: Path, megabytes: float, school: str = "whitchurch", seed: int = 1) -> None:
    """This site in ``project`` (a new folder), with ``school``'s source grown to ``megabytes``."""
    for name in ("docs", "source_policies", "overrides"):  # overrides: the theme's custom_dir
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    source = project / "source_policies" / f"{school}.md"
    source.write_text(large_source(source, int(megabytes * 1024 * 1024), random.Random(seed)), encoding="utf-8")


def build(project: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds (the build and its children: Chromium printing the PDF) of one build."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(project / "site")],
                            cwd=project, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"build failed:\n{result.stderr[-3000:]}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bench(megabytes: float, plain: bool = False) -> tuple[tuple[float, float], tuple[float, float] | None]:
    """The build of the grown project, and with ``plain`` MkDocs' build of the same text without
    the plugin (each source an ordinary page, as ``scripts/bench.py`` makes it)."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        project.mkdir()
        prepare(project, megabytes)
        timed = build(project)
        if not plain:
            return timed, None
        from bench import make_plain  # scripts/bench.py

        return timed, build(make_plain(project, Path(tmp) / "plain"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, action="append", help="size of the large source in MB (repeatable; default 5)")
    parser.add_argument("--plain", action="store_true", help="also time MkDocs alone on the same text (no plugin)")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="only prepare the project (one size) in DIR, a new folder")
    args = parser.parse_args()
    if args.keep:
        prepare(args.keep, (args.mb or [5.0])[0])
        print(f"prepared {args.keep}")
        return
    for megabytes in args.mb or [5.0]:
        (wall, cpu), plain = bench(megabytes, args.plain)
        alone = f"; plain MkDocs {plain[0]:.1f} s ({plain[1]:.1f} s of CPU)" if plain else ""
        print(f"{megabytes:g} MB source: mkdocs build in {wall:.1f} s ({cpu:.1f} s of CPU){alone}", flush=True)


if __name__ == "__main__":
    main()
