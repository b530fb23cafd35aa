"""Browser fixtures: build the real site once, serve it on 127.0.0.1 and drive the system Chromium.

Uses pytest-playwright's `page`/`new_context` fixtures with a launch override (its own browser download
host is unreachable here). With POLICY_COMPARE_REQUIRE_BROWSER=1, as CI sets it, a missing Chromium or
any skipped browser test fails the run instead of passing quietly.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CHROMIUM = Path(os.environ.get("POLICY_COMPARE_CHROMIUM", "/usr/bin/chromium"))  # Debian's package
# Debian's chromium inside a container: no sandbox, no GPU, and nothing that phones home.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
REQUIRE_BROWSER = os.environ.get("POLICY_COMPARE_REQUIRE_BROWSER") == "1"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 800}


# --- making a skipped browser test fatal in CI -------------------------------------------------

_browser_tests: set[str] = set()
_skipped_browser_tests: dict[str, str] = {}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)
            _browser_tests.add(item.nodeid)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    # by node id, not by the items collected here: under pytest-xdist the reports of the workers
    # reach this process, which collected nothing
    if (report.nodeid in _browser_tests or report.nodeid.startswith("tests/browser/")) and report.skipped:
        if hasattr(report, "wasxfail"):
            reason = f"xfail: {report.wasxfail}"
        elif isinstance(report.longrepr, tuple):
            reason = str(report.longrepr[2])
        else:
            reason = str(report.longrepr)
        _skipped_browser_tests.setdefault(report.nodeid, reason)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if REQUIRE_BROWSER and _skipped_browser_tests and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    if REQUIRE_BROWSER and _skipped_browser_tests:
        terminalreporter.write_sep(
            "=", f"{len(_skipped_browser_tests)} browser test(s) skipped with POLICY_COMPARE_REQUIRE_BROWSER=1", red=True
        )
        for nodeid, reason in sorted(_skipped_browser_tests.items()):
            terminalreporter.write_line(f"SKIPPED {nodeid}: {reason}", red=True)
        terminalreporter.write_line("Browser tests must run in CI: install chromium and node dependencies (see .ci/run).")


def _missing(what: str) -> None:
    if REQUIRE_BROWSER:
        pytest.fail(f"{what}, and POLICY_COMPARE_REQUIRE_BROWSER=1 says browser tests must run", pytrace=False)
    pytest.skip(what)


# --- building and serving ----------------------------------------------------------------------


class SiteBuild:
    """`mkdocs build --strict` of `project` into `dest`, running in the background until `wait()`."""

    def __init__(self, project: Path, dest: Path) -> None:
        self.project, self.dest = project, dest
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(dest)],
            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )

    def wait(self) -> Path:
        """The built site; fails the test with MkDocs' log if the build failed."""
        _, stderr = self.process.communicate(timeout=600)
        if self.process.returncode != 0:
            pytest.fail(f"mkdocs build --strict failed in {self.project}:\n{stderr[-6000:]}", pytrace=False)
        return self.dest

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.communicate()


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        # The browser drops connections when it navigates away mid-transfer; that is not a site error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on an ephemeral 127.0.0.1 port; yields the base URL ending in '/'."""
    server = _QuietServer(("127.0.0.1", 0), partial(_QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, name=f"serve {directory}", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def site_pages(site: Path) -> list[str]:
    """Paths of every generated page ('', 'compare/', ...), relative to the site root, sorted."""
    pages = [p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")]
    return sorted("" if p == "." else f"{p}/" for p in pages)


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site, built once per session."""
    return SiteBuild(ROOT, tmp_path_factory.mktemp("browser-site") / "site").wait()


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as url:
        yield url


# --- browser -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any], browser_name: str) -> dict[str, Any]:
    if browser_name != "chromium":
        pytest.skip(f"the browser suite runs on the system Chromium only, not {browser_name}")
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} not found (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any], site_url: str) -> dict[str, Any]:
    return {**browser_context_args, "base_url": site_url, "viewport": DESKTOP}


@dataclass
class PageProblems:
    """Console errors, uncaught exceptions and failed requests seen by one page since the last reset."""

    console: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> PageProblems:
        page.on("console", lambda m: m.type == "error" and self.console.append(f"{m.text} ({m.location.get('url', '')})"))
        page.on("pageerror", lambda e: self.exceptions.append(str(e)))
        page.on("requestfailed", lambda r: self.requests.append(f"{r.url}: {r.failure}"))
        return self

    def reset(self) -> None:
        self.console.clear()
        self.exceptions.clear()
        self.requests.clear()

    def __bool__(self) -> bool:
        return bool(self.console or self.exceptions)

    def describe(self) -> str:
        lines = [f"console error: {c}" for c in self.console] + [f"page error: {e}" for e in self.exceptions]
        lines += [f"failed request: {r}" for r in self.requests]
        return "\n    ".join(lines)


@pytest.fixture(scope="session")
def axe_js() -> Path:
    """axe-core's browser bundle, installed from tests/browser/package-lock.json on first use."""
    if not AXE_JS.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.fail(f"{AXE_JS} is missing and npm is not installed; run `npm ci --prefix tests/browser`", pytrace=False)
        result = subprocess.run([npm, "ci", "--prefix", str(HERE)], capture_output=True, text=True, timeout=600)
        if result.returncode != 0 or not AXE_JS.exists():
            pytest.fail(
                f"`npm ci --prefix tests/browser` failed (exit {result.returncode}), so axe-core is missing:\n"
                f"{result.stdout[-2000:]}\n{result.stderr[-4000:]}",
                pytrace=False,
            )
    return AXE_JS
