"""Browser tests: Playwright (sync API) driving Debian's chromium against a throwaway portal.

- No chromium: the tests skip, unless ``E2E_REQUIRED=1`` (set by .ci/run when it has installed
  chromium), when they fail instead.
- The portal is built once per run in the background as soon as collection is over (see
  ``world.py``), and the browser tests are moved to the end of the run so the build overlaps with
  the rest of the suite.
- Every page a test opens is watched for Content-Security-Policy violations and script errors.
"""

from __future__ import annotations

import os
import re
import shutil

import pytest

from .world import World

CHROMIUM = shutil.which("chromium")
E2E_REQUIRED = os.environ.get("E2E_REQUIRED") == "1"
# docs/house-style.md §10.10 and the machine notes: no sandbox as root, and no background traffic
# (this machine's network is closed; without these flags chromium keeps trying to reach Google).
# Playwright's launch() gives every run a fresh, empty profile directory of its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEFAULT_TIMEOUT_MS = 20_000

_world: World | None = None


def _is_browser_test(item) -> bool:
    return item.get_closest_marker("e2e") is not None and "tests/e2e/" in item.nodeid.replace("\\", "/")


def browser_missing_reason() -> str | None:
    if CHROMIUM is None:
        return "chromium is not installed (apt-get install chromium); browser tests skipped"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed; browser tests skipped"
    return None


def require_browser() -> None:
    reason = browser_missing_reason()
    if reason is None:
        return
    if E2E_REQUIRED:
        pytest.fail(f"E2E_REQUIRED=1 but {reason}", pytrace=False)
    pytest.skip(reason)


def world() -> World:
    global _world
    if _world is None:
        _world = World()
    return _world


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    browser_tests = [item for item in items if _is_browser_test(item)]
    if browser_tests and len(browser_tests) < len(items):
        others = [item for item in items if not _is_browser_test(item)]
        items[:] = others + browser_tests


def pytest_collection_finish(session):
    if browser_missing_reason() is None and any(_is_browser_test(item) for item in session.items):
        world().build_start()


def pytest_unconfigure(config):
    if _world is not None:
        _world.stop()


# Fixtures ----------------------------------------------------------------------------------------
@pytest.fixture(scope="package")
def portal() -> World:
    """The running portal (``portal.url``), with the demo world loaded."""
    require_browser()
    current = world()
    current.serve()
    return current


@pytest.fixture(scope="package")
def browser(portal):
    # Package scope, not session: Playwright's sync API keeps an event loop on this thread while it
    # runs, and Django refuses ORM calls from a thread with a running loop (SynchronousOnlyOperation),
    # so the browser must be gone before any later test touches the database.
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


class PageProblems:
    """What the browser reported while a test ran: CSP violations and uncaught script errors."""

    CSP = re.compile(r"Content Security Policy", re.IGNORECASE)

    def __init__(self) -> None:
        self.csp: list[str] = []
        self.script_errors: list[str] = []

    def console(self, message) -> None:
        if message.type == "error" and self.CSP.search(message.text):
            self.csp.append(f"{message.location.get('url')}: {message.text}")

    def page_error(self, error) -> None:
        self.script_errors.append(str(error))


@pytest.fixture
def page(browser, portal):
    """A fresh browser context (no cookies) on the portal; fails the test on CSP violations or script
    errors outside Wagtail's admin (which has its own, looser policy)."""
    context = browser.new_context(
        base_url=portal.url,
        locale="nb-NO",
        timezone_id="Europe/Oslo",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    current = context.new_page()
    problems = PageProblems()
    current.on("console", problems.console)
    current.on("pageerror", problems.page_error)
    current.problems = problems
    yield current
    context.close()
    public_csp = [line for line in problems.csp if "/admin/" not in line]
    assert not public_csp, "Content-Security-Policy violations:\n" + "\n".join(public_csp)
    assert not problems.script_errors, "Script errors:\n" + "\n".join(problems.script_errors)


@pytest.fixture
def require_route(portal):
    """Skip when a route another developer is building still answers 404."""

    def check(path: str) -> None:
        status = portal.status(path)
        if status == 404:
            pytest.skip(f"{path} answers 404: not built yet; re-run when it lands")

    return check


@pytest.fixture
def login(page):
    from .helpers import login_as

    def do(username: str):
        login_as(page, username)
        return page

    return do
