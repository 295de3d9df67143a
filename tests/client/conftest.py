"""End-to-end tests of the web client in headless Chromium (Debian's, driven by Playwright),
against each build started as real processes that serve the built client themselves.

Needs client/dist (`make client`) and /usr/bin/chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.support.processes import REPO_ROOT
from tests.support.targets import MonolithTarget, SplitTarget, Target

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: Where the screenshots go: beside the other test output, kept after the run.
SCREENSHOTS = REPO_ROOT / "var" / "test-output" / "client"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail("the end-to-end tests need Debian's chromium at /usr/bin/chromium")
    if not (REPO_ROOT / "client" / "dist" / "index.html").exists():
        pytest.fail("build the client first: make client")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module", params=["monolith", "split"])
def build(request, tmp_path_factory) -> Iterator[Target]:
    """Each build on SQLite; the split build on the Redis at --redis-url, under a prefix."""
    workdir = tmp_path_factory.mktemp(request.param)
    if request.param == "monolith":
        target = MonolithTarget("monolith", workdir=workdir)
    else:
        target = SplitTarget(
            "split", workdir=workdir, broker_url=request.config.getoption("--redis-url")
        )
    with target.running():
        yield target


@pytest.fixture
def page(browser, build) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        context.close()


def pytest_addoption(parser):
    parser.addoption("--redis-url", default="redis://127.0.0.1:6379/0")
