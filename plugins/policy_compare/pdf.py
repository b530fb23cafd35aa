"""Print a built page to PDF with headless Chromium (A4 and margins come from the page's CSS)."""

from __future__ import annotations

import html
import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw", "--virtual-time-budget=5000",
)


def find_chromium() -> str | None:
    """The Chromium executable on PATH, if any."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_to_pdf(html_file: Path, pdf_file: Path, chromium: str, timeout: int = 120, stamp: str = "20000101000000",
                 title: str | None = None) -> None:
    """Print ``html_file`` (a file in the built site) to ``pdf_file``; raises RuntimeError on failure.

    ``stamp`` becomes the PDF's creation and modification time (the sources' date, not the clock's);
    ``title``, if given, the PDF's title (else the page's, which names the site as well).
    """
    start_print(html_file, pdf_file, chromium, stamp, title).finish(timeout)


def start_print(html_file: Path, pdf_file: Path, chromium: str, stamp: str = "20000101000000", title: str | None = None,
                page: str | None = None) -> PrintJob:
    """Start printing as :func:`print_to_pdf` does, and return at once: :meth:`PrintJob.finish` waits.

    ``page``: the page's HTML, when the build has it before ``html_file`` is written (the print
    then reads a copy beside it, so its links and styles resolve; the styles and scripts of the
    site are in place before any page is built).
    """
    copy: Path | None = None
    if title is not None or page is not None:
        # a copy beside the page whose <title> is the document's
        text = page if page is not None else html_file.read_text(encoding="utf-8")
        if title is not None:
            text = re.sub(r"<title>.*?</title>", lambda _: f"<title>{html.escape(title)}</title>", text, count=1, flags=re.DOTALL)
        copy = html_file.with_name(f".print-{os.getpid()}.html")
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(text, encoding="utf-8")
    profile = tempfile.mkdtemp()
    command = [chromium, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf_file}", (copy or html_file).resolve().as_uri()]
    try:
        # its own process group, so that a timeout ends Chromium's helper processes too
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    except BaseException:
        shutil.rmtree(profile, ignore_errors=True)
        if copy is not None:
            copy.unlink(missing_ok=True)
        raise
    return PrintJob(process, html_file, pdf_file, stamp, copy, Path(profile))


class PrintJob:
    """Chromium printing a page in the background."""

    def __init__(self, process: subprocess.Popen[bytes], html_file: Path, pdf_file: Path, stamp: str, copy: Path | None,
                 profile: Path) -> None:
        self.process, self.html_file, self.pdf_file, self.stamp = process, html_file, pdf_file, stamp
        self.copy, self.profile = copy, profile

    def finish(self, timeout: float) -> None:
        """Wait for the PDF (at most ``timeout`` seconds) and make its bytes reproducible; raises
        RuntimeError when Chromium fails and subprocess.TimeoutExpired when it takes too long."""
        try:
            try:
                returncode = self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.cancel()
                raise
        finally:
            self._clean()
        if returncode != 0 or not self.pdf_file.exists() or self.pdf_file.stat().st_size == 0:
            raise RuntimeError(f"chromium could not print {self.html_file.name}: exit {returncode}")
        self.pdf_file.write_bytes(renumber_nodes(fix_dates(self.pdf_file.read_bytes(), self.stamp)))

    def cancel(self) -> None:
        """End the print (Chromium and its helpers) and remove what it left."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:  # ended already, helpers and all
            pass
        self.process.wait()
        self._clean()

    def _clean(self) -> None:
        shutil.rmtree(self.profile, ignore_errors=True)
        if self.copy is not None:
            self.copy.unlink(missing_ok=True)


_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[^)]*\)")


def fix_dates(data: bytes, stamp: str) -> bytes:
    """Replace the print time with ``stamp`` (YYYYMMDDHHMMSS), keeping every byte offset valid.

    The same sources then give the same PDF, byte for byte.
    """

    def swap(match: re.Match[bytes]) -> bytes:
        old = match.group(0)
        new = b"/" + match.group(1) + b" (D:" + stamp.encode("ascii")
        return (new + old[len(new):]) if len(new) <= len(old) else old

    return _DATE.sub(swap, data)


_NODE = re.compile(rb"\(node(\d{8})\)")


def renumber_nodes(data: bytes) -> bytes:
    """Number the tagged PDF's structure ids (``/ID (node00000258)``, Chromium's DOM node counter,
    which the page's scripts can move on by a node or two) by rank: the same page gives the same
    bytes. Same width, same order (a name tree of them stays sorted), so every byte offset stays valid.
    """
    rank = {number: f"{k:08d}".encode("ascii") for k, number in enumerate(sorted({int(m[1]) for m in _NODE.finditer(data)}), 1)}
    return _NODE.sub(lambda m: b"(node" + rank[int(m[1])] + b")", data)
