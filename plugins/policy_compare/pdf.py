"""Print a built page to PDF with headless Chromium (A4 and margins come from the page's CSS)."""

from __future__ import annotations

import shutil
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


def print_to_pdf(html_file: Path, pdf_file: Path, chromium: str, timeout: int = 120) -> None:
    """Print ``html_file`` (a file in the built site) to ``pdf_file``; raises RuntimeError on failure."""
    with tempfile.TemporaryDirectory() as profile:
        command = [chromium, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf_file}", html_file.resolve().as_uri()]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    if result.returncode != 0 or not pdf_file.exists() or pdf_file.stat().st_size == 0:
        raise RuntimeError(f"chromium could not print {html_file.name}: exit {result.returncode}")
