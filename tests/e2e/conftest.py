"""Browser tests: Debian's Chromium driven by Playwright against a live test server."""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "e2e-screenshots"

# Playwright's sync API keeps an event loop in the test's thread; the ORM calls the tests make
# between browser steps are ordinary synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def screenshot():
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(page, name: str) -> None:
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take


class Console:
    """What a page's browser console reports that a user must never see: console errors (a
    Content Security Policy violation, a failed load: a 404), uncaught script errors, and
    answers of 404 or 5xx to anything the page loads."""

    def __init__(self):
        self.errors: list[str] = []

    def watch(self, page):
        page.on("console", self.on_console)
        page.on("pageerror", lambda error: self.errors.append(f"script error: {error}"))
        page.on("response", self.on_response)
        return page

    def on_console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    def on_response(self, response) -> None:
        if response.status == 404 or response.status >= 500:
            self.errors.append(f"{response.status} for {response.url}")


@pytest.fixture
def console():
    """Every browser test fails on anything its pages' consoles report (see Console)."""
    watched = Console()
    yield watched
    assert watched.errors == [], "the browser console reported:\n" + "\n".join(watched.errors)


@pytest.fixture
def new_page(browser, console):
    """A new browser page whose console the test watches."""

    opened = []

    def open_page():
        opened.append(browser.new_page(viewport={"width": 1366, "height": 900}))
        return console.watch(opened[-1])

    yield open_page
    # Before the test database goes: a page still loading a part would query it.
    for page in opened:
        page.close()


@pytest.fixture
def log_in(new_page, live_server):
    """A new browser page logged in as one of the demo users."""
    from tracker.domain.demo import DEMO_PASSWORD

    def open_as(username: str):
        page = new_page()
        page.goto(f"{live_server.url}/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state()
        return page

    return open_as
