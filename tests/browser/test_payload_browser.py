"""A site whose every maintainer-written field holds script payloads fires no dialog in the browser,
on any page, when the reader switches the reference or the pair of schools, or searches."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog, Page

from ..conftest import PAYLOAD, payload_project
from .conftest import DESKTOP, SiteBuild, serve, site_pages


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = payload_project(tmp_path_factory.mktemp("payload-browser") / "project")
    return SiteBuild(project, project / "site").wait()


@pytest.fixture(scope="module")
def payload_url(payload_site: Path) -> Iterator[str]:
    with serve(payload_site) as url:
        yield url


@pytest.fixture()
def watched(browser: Browser, payload_url: str) -> Iterator[tuple[Page, list[str]]]:
    context = browser.new_context(viewport=DESKTOP, base_url=payload_url)
    page = context.new_page()
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(f"{page.url}: {dialog.type} {dialog.message}")
        dialog.dismiss()

    page.on("dialog", dismiss)
    yield page, dialogs
    context.close()


def test_no_page_fires_a_dialog(watched: tuple[Page, list[str]], payload_site: Path) -> None:
    page, dialogs = watched
    for path in site_pages(payload_site):
        page.goto(path, wait_until="load")
    assert dialogs == []
    page.goto("schools/cambois/", wait_until="load")
    assert ("Cambois " + PAYLOAD) in page.locator("h1").first.inner_text()
    assert page.title().startswith("Cambois " + PAYLOAD)


def test_switching_schools_and_searching_fire_no_dialog(watched: tuple[Page, list[str]]) -> None:
    page, dialogs = watched
    page.goto("compare/mobile-phones/", wait_until="load")
    reference = page.locator("[data-pc-reference]")
    if reference.count():
        for value in reference.locator("option:not([disabled])").evaluate_all("options => options.map(o => o.value)"):
            reference.select_option(value)
    page.goto("compare/pairs/", wait_until="load")
    for select in page.locator("select").all():
        # every choice the page offers (a school cannot be paired with itself: the other list's school is disabled)
        for value in select.locator("option:not([disabled])").evaluate_all("options => options.map(o => o.value)"):
            select.select_option(value)
    page.goto("", wait_until="load")
    page.keyboard.press("s")  # Material's search shortcut
    page.locator("input.md-search__input").fill("Cambois")
    page.wait_for_timeout(1500)
    assert dialogs == []
