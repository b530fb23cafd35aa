"""The maintainers' loop: `mkdocs serve` rebuilds when a source outside docs/ changes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _get(url):
            return True
        time.sleep(0.5)
    return False


@contextmanager
def _serving(project: Path, *extra: str) -> Iterator[int]:
    """`mkdocs serve` of ``project`` on a free port, stopped afterwards."""
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *extra],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        yield port
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


def test_editing_a_source_policy_rebuilds_the_site(project: Path) -> None:
    with _serving(project) as port:
        url = f"http://127.0.0.1:{port}/schools/cambois/"
        assert _wait_for(url, "Cambois Primary School", 90), "the site never came up"
        source = project / "source_policies" / "cambois.md"
        source.write_text(source.read_text(encoding="utf-8") + "\nStaff must lock away their tablets at 4pm.\n", encoding="utf-8")
        assert _wait_for(url, "Staff must lock away their tablets at 4pm.", 90), "the edit never reached the page"
        topics = project / "source_policies" / "topics.yml"
        topics.write_text(topics.read_text(encoding="utf-8").replace("title: Cyberbullying", "title: Online bullying"), encoding="utf-8")
        assert _wait_for(f"http://127.0.0.1:{port}/compare/", "Online bullying", 90), "the topic file is not watched"


@pytest.mark.parametrize("strict", [False, True], ids=["serve", "serve --strict"])
def test_a_broken_edit_keeps_serving_the_last_good_site_with_the_error_on_top(project: Path, strict: bool) -> None:
    with _serving(project, *(["--strict"] if strict else [])) as port:
        url = f"http://127.0.0.1:{port}/schools/cambois/"
        assert _wait_for(url, "Cambois Primary School", 90), "the site never came up"
        source = project / "source_policies" / "cambois.md"
        good = source.read_text(encoding="utf-8")
        source.write_text(good.replace("id: cambois\n", "id: cambois\nreviewed: 2021-13-45\n") + "\nA sentence that never builds.\n", encoding="utf-8")
        # every request answers (within _get's 5 s), first with the old page, then with the error on top of it
        assert _wait_for(url, "This preview is out of date.", 90), "the error never reached the page"
        page = _get(url)
        assert "source_policies/cambois.md:4: `reviewed: 2021-13-45` is not a real date" in page
        assert "Cambois Primary School" in page and "A sentence that never builds." not in page
        source.write_text(good + "\nStaff must lock away their tablets at 4pm.\n", encoding="utf-8")
        assert _wait_for(url, "Staff must lock away their tablets at 4pm.", 90), "the fix never reached the page"
        assert "This preview is out of date." not in _get(url)
