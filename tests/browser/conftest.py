"""Browser tests: the real app under uvicorn on loopback, driven by Debian's chromium in its
headless build (package chromium-headless-shell: the same Blink and V8, without the desktop
browser around them, as Playwright itself runs Chromium headless). The whole browser
(``LEARNING_TEST_CHROMIUM=/usr/bin/chromium``) passes the same tests, using about twice the
CPU: in a run of the browser tests on SQLite, 280 s of chromium's CPU against 149 s.

One live demo server (with its own fresh database of the kind under test, holding the demo
council) per run, plus one for each other set of settings (council sign-in); one browser per
run; a new browser context for every test.
Every page the tests visit is scanned with axe (pages that are the same for everyone, such
as the sign-in page, once per run): serious and critical violations fail the test.
Tests of the page itself (``page_only``: fit, keyboard, axe, the page's script) run on SQLite
only; the journeys, which store records and read them back, run on PostgreSQL too.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import uvicorn
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Locator,
    Page,
    Playwright,
    expect,
    sync_playwright,
)

from learning.app import create_app
from learning.core import migrate
from learning.core.db import Database
from learning.org.demo import DEMO_SLUG, create_demo_council
from tests.conftest import make_settings

CHROMIUM = os.environ.get("LEARNING_TEST_CHROMIUM", "/usr/bin/chromium-headless-shell")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Anything a page asks for that is not on loopback is refused (the tests never go online).
OFF_MACHINE = re.compile(r"^(?!(?:https?|wss?)://(?:127\.0\.0\.1|localhost)(?::\d+)?/)[a-z]+://")
SERIOUS = ("serious", "critical")
SESSION_COOKIE = "__Host-learning_session"
DEFAULT_TIMEOUT_MS = 10_000
# Assertions wait as long as actions do: Playwright's own 5 seconds for them is little for a
# page the live server renders (in this process) while a busy machine stalls. An assertion
# that holds passes as soon as it does; only one that fails takes longer to say so.
expect.set_options(timeout=DEFAULT_TIMEOUT_MS)


# --- The live server -------------------------------------------------------------------


@dataclass
class LiveServer:
    base_url: str
    database: Database

    def url(self, path: str = "/") -> str:
        return self.base_url + path


def loopback_socket() -> socket.socket:
    """A listening-ready socket on a free loopback port (bound now, so the port is known)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def demo_database(fresh_database_url: Callable[[], str]) -> Database:
    database = Database.from_url(fresh_database_url())
    migrate.upgrade(database.engine)
    with database.transaction() as db:
        create_demo_council(db)
    return database


@dataclass
class _Running:
    server: uvicorn.Server
    thread: threading.Thread


def _serve(app: Any, sock: socket.socket, lifespan: bool = False) -> _Running:
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        # Off unless asked for: the app's background services (the mail sender, the themes
        # scheduler) run only in a server whose tests need them.
        lifespan="on" if lifespan else "off",
        ws="none",
        server_header=False,
        proxy_headers=False,
    )
    server = uvicorn.Server(config)
    # Server.run installs no signal handlers outside the main thread.
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="live-server", daemon=True
    )
    thread.start()
    port = sock.getsockname()[1]
    deadline = time.monotonic() + 15
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return _Running(server, thread)
        except httpx.TransportError:
            pass
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("the live server did not start")
        time.sleep(0.05)


def _stop(running: _Running) -> None:
    running.server.should_exit = True
    running.thread.join(timeout=15)
    assert not running.thread.is_alive(), "the live server did not stop"


@pytest.fixture(scope="session")
def start_live_server(fresh_database_url: Callable[[], str]) -> Iterator[Callable[..., LiveServer]]:
    """Starts a live app on a free loopback port; stops all of them at the end of the run.

    ``settings`` are overrides for ``make_settings``; ``more_settings(base_url)`` may add
    more once the port is known (an OpenID client must know its callback address).
    ``prepare(database, base_url)`` adds records before the server starts; ``lifespan``
    runs the app's background services.
    """
    running: list[tuple[_Running, Database]] = []

    def start(
        more_settings: Callable[[str], dict[str, object]] | None = None,
        *,
        prepare: Callable[[Database, str], None] | None = None,
        lifespan: bool = False,
        **settings: object,
    ) -> LiveServer:
        database = demo_database(fresh_database_url)
        sock = loopback_socket()
        base_url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        if prepare is not None:
            prepare(database, base_url)
        values: dict[str, object] = {
            "demo": True,
            "council_slug": DEMO_SLUG,
            "base_url": base_url,
            # The production setting: a __Host- prefixed, Secure cookie. Chromium treats
            # http://127.0.0.1 as potentially trustworthy and keeps it (a test checks).
            "cookie_secure": True,
            "database_url": database.engine.url.render_as_string(hide_password=False),
            # No council sign-in unless a test sets one up (see test_oidc_sign_in).
            "oidc_discovery_url": "",
            "oidc_issuer": "",
            "oidc_client_id": "",
            "oidc_client_secret": "",
            **settings,
        }
        if more_settings is not None:
            values.update(more_settings(base_url))
        app = create_app(make_settings(**values), database=database)
        running.append((_serve(app, sock, lifespan), database))
        return LiveServer(base_url, database)

    try:
        yield start
    finally:
        for server, database in reversed(running):
            _stop(server)
            database.engine.dispose()


@pytest.fixture(scope="session")
def live_server(start_live_server: Callable[..., LiveServer]) -> LiveServer:
    """The demo council's app, shared by the run's tests (none of them changes its records
    beyond signing in and out); a test that needs other settings starts its own."""
    return start_live_server()


# --- The browser -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            f"chromium is not installed at {CHROMIUM} (bash deploy/setup.sh --with-browser)")
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def new_context(browser: Browser) -> Iterator[Callable[..., BrowserContext]]:
    """Makes browser contexts, closed at the end of the test.

    ``loopback_only=True`` refuses every request that would leave the machine (the OpenID
    provider's page links a stylesheet on a CDN); it costs some speed, so it is opt-in.
    """
    contexts: list[BrowserContext] = []

    def make(*, loopback_only: bool = False, **options: Any) -> BrowserContext:
        context = browser.new_context(**options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        if loopback_only:
            context.route(OFF_MACHINE, lambda route: route.abort())
        contexts.append(context)
        return context

    try:
        yield make
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def context(new_context: Callable[..., BrowserContext]) -> BrowserContext:
    return new_context()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


# --- Accessibility ---------------------------------------------------------------------

_AXE = Axe()


def assert_accessible(page: Page) -> None:
    """Run axe on the page as it is now; fail on any serious or critical violation.

    axe-playwright-python injects axe with ``page.evaluate``, which runs through the
    DevTools protocol and is not subject to the page's Content-Security-Policy, so our CSP
    (no inline script without a nonce) stays on for every scan.
    """
    results = _AXE.run(page)
    serious = [v for v in results.response["violations"] if v.get("impact") in SERIOUS]
    if serious:
        pytest.fail(f"axe found problems on {page.url}:\n{describe_violations(serious)}")


def assert_accessible_without_javascript(page: Page) -> None:
    """Scan a page of a context that has JavaScript turned off.

    There axe cannot run: Chromium fires no timers with scripts disabled, so ``axe.run``
    never settles. Instead the same address is opened in a scanning context that has the
    same cookies and refuses every script file, so the page renders as it did without
    JavaScript (no ``js-enabled`` class, no GOV.UK Frontend set-up), and axe scans that.
    Only for pages reached by GET (a redirect after a POST counts).
    """
    browser = page.context.browser
    assert browser is not None
    scanner = browser.new_context(storage_state=page.context.storage_state())
    try:
        # By path: a page asks for its scripts by fingerprint (``?v=``).
        scanner.route(lambda url: urlsplit(url).path.endswith(".js"), lambda route: route.abort())
        copy = scanner.new_page()
        response = copy.goto(page.url)
        assert response is not None and response.ok, f"{page.url} answered {response}"
        assert copy.evaluate("document.body.classList.contains('js-enabled')") is False
        assert_accessible(copy)
    finally:
        scanner.close()


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
            f"  {violation['helpUrl']}"
        )
        for node in violation["nodes"][:5]:
            target = " ".join(str(t) for t in node.get("target", []))
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    at {target}: {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    ...and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


# --- Journeys --------------------------------------------------------------------------


def demo_sign_in(page: Page, live: LiveServer, name: str, section: str | None = None) -> None:
    """From anywhere signed out: the sign-in page, then the demo page, then "Sign in as <name>"
    from the role ``section`` of the demo page or, without one, from a search by name."""
    page.goto(live.url("/sign-in"))
    page.get_by_role("link", name="Sign in as a demo person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in as a demo person")
    choose_demo_person(page, name, section)


def choose_demo_person(page: Page, name: str, section: str | None = None) -> None:
    """On the demo page: press "Sign in as <name>" in a role section or in search results."""
    if section is None:
        page.get_by_label("Find a person by name").fill(name)
        page.get_by_role("button", name="Search").click()
        scope = page.locator("h2:has-text('People matching') + ul")
    else:
        scope = page.locator(f"#role-{section} + ul")
    scope.get_by_role("button", name=f"Sign in as {name}", exact=True).click()


def tab_to(page: Page, target: Locator, *, limit: int = 80) -> int:
    """Press Tab until ``target`` has the focus; returns how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if target.evaluate("element => element === document.activeElement"):
            return presses
    raise AssertionError(f"{limit} presses of Tab did not reach {target}")


def assert_focus_visible(page: Page) -> None:
    """The focused element shows a focus indicator (GOV.UK: yellow and a thick underline)."""
    style = page.evaluate(
        """() => {
            const s = getComputedStyle(document.activeElement);
            return {shadow: s.boxShadow, outline: s.outlineStyle, width: s.outlineWidth,
                    colour: s.outlineColor, background: s.backgroundColor};
        }"""
    )
    shadow = style["shadow"] not in ("", "none")
    outline = (
        style["outline"] != "none"
        and style["width"] != "0px"
        and style["colour"] not in ("transparent", "rgba(0, 0, 0, 0)")
    )
    assert shadow or outline, f"no visible focus indicator: {style}"


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have signed out")


# --- More keyboard helpers -------------------------------------------------------------


#: Where the focus is, from ``element``'s point of view: there already, or how many Tab
#: stops away and in which direction (a guess: one stop per radio group, the checked radio
#: or the first, and no positive tabindex; ``keyboard_to`` checks each press after it).
_TAB_STOPS_TO = """element => {
    const now = document.activeElement;
    if (now === element) return {here: true, backwards: false, stops: 0};
    const candidates = [...document.querySelectorAll(
        'a[href], button, input, select, textarea, summary, [tabindex]')].filter(e =>
        (e === now || e.tabIndex >= 0) && !e.disabled && e.type !== 'hidden'
        && e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden');
    const stops = candidates.filter(e => {
        if (e === element || e === now || e.type !== 'radio' || !e.name) return true;
        const group = candidates.filter(r => r.type === 'radio' && r.name === e.name
                                             && r.form === e.form);
        return e === (group.find(r => r.checked) || group[0]);
    });
    const to = stops.indexOf(element);
    const from = stops.indexOf(now);
    // From nowhere in particular (after a link to a fragment, say, Tab starts from there):
    // no guess, one press at a time.
    if (from < 0 || to < 0) return {here: false, backwards: false, stops: 1};
    return {here: false, backwards: to < from, stops: Math.abs(to - from)};
}"""


def keyboard_to(page: Page, target: Locator, *, limit: int = 200) -> int:
    """Move the focus to ``target`` with the keyboard alone: Tab, or Shift+Tab when the
    target comes before the element that has the focus now. Returns the presses it took.

    It presses straight to one stop short of where the target seems to be, then one press
    at a time, looking after each (and turning back if it went past)."""
    presses = 0
    where = target.evaluate(_TAB_STOPS_TO)
    for _ in range(max(0, where["stops"] - 1)):
        page.keyboard.press("Shift+Tab" if where["backwards"] else "Tab")
        presses += 1
    while True:
        where = target.evaluate(_TAB_STOPS_TO)
        if where["here"]:
            return presses
        if presses >= limit:
            raise AssertionError(f"{limit} presses of Tab and Shift+Tab did not reach {target}")
        page.keyboard.press("Shift+Tab" if where["backwards"] else "Tab")
        presses += 1


def type_by_keyboard(page: Page, target: Locator, text: str, *, replace: bool = False) -> None:
    """Reach ``target`` with Tab or Shift+Tab and type ``text`` into it, key by key
    (``replace``: select what is there first, with Ctrl+A, so the typing replaces it)."""
    keyboard_to(page, target)
    if replace:
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
    page.keyboard.type(text)
    expect(target).to_have_value(text if replace else re.compile(re.escape(text) + "$"))


def assert_no_horizontal_scrolling(page: Page) -> None:
    """Nothing on the page is wider than the viewport (no scrolling sideways).

    The page must ask for the device's width (``<meta name="viewport"
    content="width=device-width">``): without it a phone lays the page out 980px wide and
    shrinks it to fit, and the page's own width is then 980px too, so a page far wider than
    the phone seemed to fit. It is measured against the viewport the test chose."""
    asked = page.evaluate(
        "document.querySelector('meta[name=viewport]')?.getAttribute('content') ?? ''"
    )
    assert re.search(r"\bwidth\s*=\s*device-width\b", asked), (
        f"{page.url} does not ask for the device's width: viewport meta {asked!r}"
    )
    width, client = page.evaluate(
        "[document.scrollingElement.scrollWidth, document.documentElement.clientWidth]"
    )
    chosen = page.viewport_size
    viewport = min(client, chosen["width"]) if chosen else client
    if width > viewport:
        wide = page.evaluate(
            """viewport => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > viewport + 0.5)
                .slice(0, 5)
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                          + (e.className && typeof e.className === 'string'
                             ? '.' + e.className.trim().split(/\\s+/).join('.') : ''))""",
            viewport,
        )
        pytest.fail(f"{page.url} is {width}px wide at a {viewport}px viewport: {wide}")
