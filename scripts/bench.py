"""Benchmark the policy_compare plugin against plain MkDocs on synthetic trusts.

For each trust size N it generates a trust (``scripts/make_trust.py``) and a *plain*
project holding the same text: the site's own docs plus each school's source markdown
as an ordinary page, built by MkDocs with the same theme and no plugin. That plain build
is the floor: what MkDocs itself costs for that much text. It then times, one after
another and each in a fresh process:

- a cold plugin build (plugin cache and site deleted first),
- a plain build,
- a warm rebuild: one school's source gains a sentence, the plugin cache is kept,

takes the median of ``--repeat`` repetitions, and prints a table with the ratio of plugin
to plain time, the peak memory of the plugin build and the log-log slope of build time
against N, then PASS/MISS against the targets. It reports; it never fails: the exit
status is 0 even when a target is missed.

    python scripts/bench.py [--sizes 5 20 50 100 200] [--repeat 3] [--markdown docs/performance.md]
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import math
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_trust import make_trust  # noqa: E402

# Runs one command, then writes its wall time and peak resident memory (of it and any
# process it waited for) as JSON. Timing inside the wrapper leaves out the wrapper's own start.
_MEASURE = r"""
import json, resource, subprocess, sys, time
result, log, command = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(log, "w") as out:
    start = time.perf_counter()
    code = subprocess.call(command, stdout=out, stderr=subprocess.STDOUT)
    seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
peak_kb = peak / 1024 if sys.platform == "darwin" else peak
with open(result, "w") as out:
    json.dump({"code": code, "seconds": seconds, "peak_kb": peak_kb}, out)
"""


@dataclass(frozen=True)
class Target:
    what: str
    limit: float
    n: int | None  # the trust size it is measured at; None: over all sizes
    measure: str  # attribute of ``Size`` (or "slope")
    strict: bool = False  # the value must be under the limit, not just at most


TARGETS = (
    Target("plugin/plain ratio at N=5", 1.5, 5, "ratio"),
    Target("plugin/plain ratio at N=100", 3.0, 100, "ratio"),
    Target("log-log slope of plugin build time against N", 1.2, None, "slope"),
    Target("plugin build at N=200, seconds", 60.0, 200, "plugin_s", strict=True),
    Target("peak memory of the plugin build at N=200, MB", 1024.0, 200, "peak_mb", strict=True),
    Target("warm rebuild after one edit at N=100, share of a cold build", 0.5, 100, "warm_share", strict=True),
)


class BuildFailed(Exception):
    """A build exited non-zero or timed out; carries the lines of its log that say why."""


@dataclass
class Run:
    seconds: float
    peak_mb: float


@dataclass
class Size:
    n: int
    schools: int = 0
    clauses: int | None = None
    plugin: list[Run] = field(default_factory=list)
    plain: list[Run] = field(default_factory=list)
    warm: list[Run] = field(default_factory=list)
    error: str | None = None

    @staticmethod
    def _median(runs: list[Run]) -> float | None:
        return statistics.median(r.seconds for r in runs) if runs else None

    @property
    def plugin_s(self) -> float | None:
        return self._median(self.plugin)

    @property
    def plain_s(self) -> float | None:
        return self._median(self.plain)

    @property
    def warm_s(self) -> float | None:
        return self._median(self.warm)

    @property
    def ratio(self) -> float | None:
        return self.plugin_s / self.plain_s if self.plugin_s and self.plain_s else None

    @property
    def warm_share(self) -> float | None:
        return self.warm_s / self.plugin_s if self.warm_s and self.plugin_s else None

    @property
    def peak_mb(self) -> float | None:
        return max(r.peak_mb for r in self.plugin) if self.plugin else None


def build(project: Path, site: Path, log: Path, timeout: float) -> Run:
    """``mkdocs build --strict`` of ``project`` in a fresh process; its wall time and peak memory."""
    result = log.with_suffix(".json")
    command = [sys.executable, "-c", _MEASURE, str(result), str(log),
               sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(command, cwd=project, env=env, start_new_session=True)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # the wrapper's session: the wrapper and the build
        proc.wait()
        raise BuildFailed(f"timed out after {timeout:.0f} s ({project})") from None
    measured = json.loads(result.read_text())
    if measured["code"] != 0:
        lines = log.read_text(errors="replace").splitlines()
        why = [line for line in lines if line.startswith(("WARNING", "ERROR", "Aborted")) or "Error" in line] or lines[-15:]
        raise BuildFailed(f"exit status {measured['code']} building {project}:\n" + "\n".join(why))
    return Run(measured["seconds"], measured["peak_kb"] / 1024)


def make_plain(trust: Path, out: Path) -> Path:
    """The same text as ``trust`` for MkDocs alone: docs plus each source policy as a page."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(trust / "docs", out / "docs")
    if (trust / "overrides").exists():
        shutil.copytree(trust / "overrides", out / "overrides")  # the theme's custom_dir
    schools = out / "docs" / "schools"
    schools.mkdir(parents=True, exist_ok=True)
    for source in sorted((trust / "source_policies").glob("*.md")):
        shutil.copyfile(source, schools / source.name)  # MkDocs reads the front matter as page meta
    config = yaml.safe_load((trust / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [p for p in config.get("plugins", []) if not (isinstance(p, dict) and "policy_compare" in p)]
    # the site's own pages link to generated pages (compare/, data/) that only the plugin makes
    config["validation"] = {"links": {"not_found": "info", "unrecognized_links": "info"}}
    (out / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=1000), encoding="utf-8")
    return out


def _clauses(site: Path) -> int | None:
    path = site / "data" / "alignment.json"
    return len(json.loads(path.read_text(encoding="utf-8"))["clauses"]) if path.exists() else None


def measure(n: int, repeat: int, seed: int, work: Path, timeout: float) -> Size:
    """Cold plugin, plain and warm builds of a trust of ``n`` schools, ``repeat`` times each."""
    size = Size(n)
    trust = make_trust(n, work / f"trust-{n}", seed)
    plain = make_plain(trust, work / f"plain-{n}")
    sources = sorted((trust / "source_policies").glob("*.md"))
    size.schools = len(sources)
    edited = sources[0]
    original = edited.read_bytes()
    logs = work / "logs"
    logs.mkdir(exist_ok=True)
    for rep in range(repeat):
        try:
            shutil.rmtree(plain / "site", ignore_errors=True)
            size.plain.append(build(plain, plain / "site", logs / f"plain-{n}-{rep}.log", timeout))
        except BuildFailed as exc:
            size.error = f"plain build: {exc}"
            print(f"N={n}: {size.error}", file=sys.stderr, flush=True)
        try:
            shutil.rmtree(trust / ".policy_compare_cache", ignore_errors=True)
            shutil.rmtree(trust / "site", ignore_errors=True)
            size.plugin.append(build(trust, trust / "site", logs / f"plugin-{n}-{rep}.log", timeout))
            if size.clauses is None:
                size.clauses = _clauses(trust / "site")
            edited.write_bytes(original + f"\nThis sentence was added to time a rebuild after one edit ({rep + 1}).\n".encode())
            try:
                size.warm.append(build(trust, trust / "site", logs / f"warm-{n}-{rep}.log", timeout))
            finally:
                edited.write_bytes(original)
        except BuildFailed as exc:
            size.error = f"plugin build: {exc}"
            print(f"N={n}: {size.error}", file=sys.stderr, flush=True)
            break  # a failing or timed-out build would fail again: report it and move on
        plain_s = f"{size.plain[-1].seconds:.2f} s" if len(size.plain) > rep else "failed"
        print(f"N={n} repetition {rep + 1}/{repeat}: plain {plain_s}, plugin {size.plugin[-1].seconds:.2f} s, "
              f"warm {size.warm[-1].seconds:.2f} s, peak {size.plugin[-1].peak_mb:.0f} MB", file=sys.stderr, flush=True)
    return size


def slope(sizes: list[Size]) -> float | None:
    """Least-squares slope of log(plugin seconds) against log(N)."""
    points = [(math.log(s.n), math.log(s.plugin_s)) for s in sizes if s.plugin_s]
    if len(points) < 2:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    var = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / var if var else None


def local_slopes(sizes: list[Size]) -> list[tuple[int, int, float]]:
    """Slope between each pair of successive sizes: where the growth bends, the overall fit hides it."""
    measured = [s for s in sizes if s.plugin_s]
    return [
        (a.n, b.n, math.log(b.plugin_s / a.plugin_s) / math.log(b.n / a.n))  # type: ignore[operator]
        for a, b in zip(measured, measured[1:])
        if b.n != a.n
    ]


def _local(sizes: list[Size]) -> str:
    return ", ".join(f"{a}→{b}: {value:.2f}" for a, b, value in local_slopes(sizes)) or "–"


def verdicts(sizes: list[Size], fitted: float | None) -> list[tuple[Target, float | None, str]]:
    """Each target with the measured value and PASS, MISS or "not run"."""
    by_n = {s.n: s for s in sizes}
    out = []
    for target in TARGETS:
        run = by_n.get(target.n) if target.n is not None else None
        value = fitted if target.n is None else getattr(run, target.measure) if run else None
        if value is None:
            verdict = "MISS (build failed)" if run is not None and run.error else "not run"
        else:
            verdict = "PASS" if (value < target.limit if target.strict else value <= target.limit) else "MISS"
        out.append((target, value, verdict))
    return out


def _cell(value: float | int | None, digits: int = 2) -> str:
    if value is None:
        return "–"
    return str(value) if isinstance(value, int) else f"{value:.{digits}f}"


def table(sizes: list[Size]) -> list[str]:
    rows = [
        "| N | schools | clauses | plugin s | plain s | ratio | peak MB | warm rebuild s | warm/cold |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in sizes:
        rows.append(
            f"| {s.n} | {s.schools} | {_cell(s.clauses)} | {_cell(s.plugin_s)} | {_cell(s.plain_s)} | {_cell(s.ratio)} "
            f"| {_cell(s.peak_mb, 0)} | {_cell(s.warm_s)} | {_cell(s.warm_share)} |"
        )
    return rows


def machine() -> str:
    """CPUs, memory, system and the versions that matter, in one line."""
    cpu = next((line.split(":", 1)[1].strip() for line in _lines("/proc/cpuinfo") if line.startswith("model name")), None)
    memory = next((line.split()[1] for line in _lines("/proc/meminfo") if line.startswith("MemTotal")), None)
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    parts = [f"{os.cpu_count()} CPUs (nproc {usable})"]
    cpu = cpu or platform.processor()
    if cpu:
        parts.append(cpu)
    if memory:
        parts.append(f"{int(memory) / 1024 / 1024:.0f} GB RAM")
    parts.append(f"{platform.system()} {platform.release()}")
    parts.append(f"Python {platform.python_version()}")
    for package in ("mkdocs", "mkdocs-material", "policy-compare"):
        try:
            parts.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            pass
    return ", ".join(parts)


def _lines(path: str) -> list[str]:
    try:
        return Path(path).read_text().splitlines()
    except OSError:
        return []


def report(sizes: list[Size], repeat: int, seed: int, command: str) -> str:
    """The results as Markdown: the table, the slope, the targets and how to reproduce them."""
    fitted = slope(sizes)
    lines = [
        "# Performance",
        "",
        "How long the site takes to build as a trust grows, against MkDocs building the same text",
        "without the plugin. Each trust is synthetic, generated from the five real policies by",
        "`scripts/make_trust.py` (sections recombined and reordered, paragraphs dropped, wording",
        "paraphrased, schools renamed and renumbered). *Plain* is MkDocs alone building the site's",
        "own pages plus every school's source as an ordinary page, with the same theme: the floor",
        "for that much text. Every build is `mkdocs build --strict` in a fresh process; *plugin* is",
        "a cold build (cache and site deleted first, model policy PDF not printed); *warm rebuild* is",
        "a build after one school's source gains a sentence, with the cache kept. Times are the",
        f"median of {repeat} repetition{'s' if repeat != 1 else ''} in one run, so the ratios compare like with like; *peak MB*",
        "is the largest resident memory of the plugin build's process.",
        "",
        *table(sizes),
        "",
        f"Log-log slope of plugin build time against N: **{_cell(fitted)}** "
        f"(least squares over N = {', '.join(str(s.n) for s in sizes if s.plugin_s)}; 1 is linear, 2 quadratic). "
        f"Between successive sizes: {_local(sizes)}.",
        "",
        "| target | limit | measured | result |",
        "| --- | ---: | ---: | --- |",
    ]
    for target, value, verdict in verdicts(sizes, fitted):
        lines.append(f"| {target.what} | {target.limit:g} | {_cell(value)} | {verdict} |")
    failures = [s for s in sizes if s.error]
    if failures:
        lines += ["", "Builds that failed:", ""]
        for s in failures:
            first = s.error.splitlines()[0] if s.error else ""
            lines.append(f"- N={s.n}: {first}")
    notes = Path(__file__).with_name("bench_notes.md")  # explanations kept by hand beside the script
    if notes.exists():
        lines += ["", notes.read_text(encoding="utf-8").rstrip()]
    lines += [
        "",
        "## Reproduce",
        "",
        "```sh",
        command,
        "```",
        "",
        f"Trusts generated with seed {seed}. Measured on {_dt.date.today().isoformat()}: {machine()}.",
        "Times depend on the machine and on what else it is doing; compare the ratios and the slope.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5, 20, 50, 100, 200], help="trust sizes (schools)")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions per size; the median is reported")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic trusts")
    parser.add_argument("--markdown", type=Path, help="also write the results as a docs page (title 'Performance')")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds after which one build counts as failed")
    parser.add_argument("--work", type=Path,
                        help="keep the generated projects and build logs here (default: a temporary directory, removed)")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")

    # the command that reproduces the page: what was measured, written to where the page lives
    command = shlex.join([
        "python", "scripts/bench.py", "--sizes", *map(str, args.sizes), "--repeat", str(args.repeat),
        *(["--seed", str(args.seed)] if args.seed else []), "--markdown", "docs/performance.md",
    ])

    work = args.work or Path(tempfile.mkdtemp(prefix="policy-compare-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    sizes: list[Size] = []
    try:
        for n in args.sizes:
            sizes.append(measure(n, args.repeat, args.seed, work, args.timeout))
            # kept as the run goes, so that a long run that is interrupted still leaves its figures
            (work / "results.json").write_text(json.dumps([asdict(s) for s in sizes], indent=1))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)

    fitted = slope(sizes)
    print("\n".join(table(sizes)))
    print(f"\nlog-log slope of plugin build time against N: {_cell(fitted)} (between successive sizes: {_local(sizes)})")
    for target, value, verdict in verdicts(sizes, fitted):
        print(f"{verdict:>20}  {target.what} (limit {target.limit:g}): {_cell(value)}")
    for s in sizes:
        if s.error:
            print(f"\nN={s.n} failed: {s.error}")
    print(f"\nmachine: {machine()}")
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(report(sizes, args.repeat, args.seed, command), encoding="utf-8")
        print(f"wrote {args.markdown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
