"""Supervision in a real browser: a team manager records a whole session by keyboard alone,
the supervisee signs it off, and the manager sees the action that is overdue; the session
form without JavaScript, at a phone's width, and saving itself as it is typed.

The module has its own live server (the run's shared one is never changed by its tests),
whose demo council the module fixture ``recorded_session`` changes once: it is the keyboard
journey, run once, that the sign-off and oversight tests build on. Every page visited is
scanned with axe.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from sqlmodel import Session, select

from learning.core.clock import format_date, today
from learning.core.permissions import Role
from learning.org import service as org
from learning.org.demo import DEMO_SLUG
from learning.org.models import Council, Person
from learning.supervision import frameworks
from learning.supervision.models import SupervisionSession
from learning.supervision.terms import SessionStatus
from tests.browser.conftest import (
    DEFAULT_TIMEOUT_MS,
    LiveServer,
    assert_accessible,
    assert_accessible_without_javascript,
    assert_focus_visible,
    assert_no_horizontal_scrolling,
    demo_sign_in,
    keyboard_to,
    sign_out,
    type_by_keyboard,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 640}
CASE_REFERENCE = "CS-2025-00042"
#: The session was held four weeks ago: one action fell due two weeks later (overdue now),
#: the other is due in two weeks.
HELD_DAYS_AGO = 28
OVERDUE_BY = 14
OVERDUE_ACTION = "Book a family network meeting"
OPEN_ACTION = "Read the neglect research summary"


# --- Who, and the server ---------------------------------------------------------------


@dataclass(frozen=True)
class Cast:
    """A demo team manager who supervises practitioners in a Signs of Safety team, and three
    of those practitioners: one for each journey that starts a session, so none of them
    finds another's draft."""

    manager: str
    journey: str  # recorded by keyboard, signed off, with the overdue action
    no_script: str  # recorded without JavaScript
    autosave: str  # the draft saved as it is typed


@pytest.fixture(scope="module")
def server(start_live_server: Callable[..., LiveServer]) -> LiveServer:
    """This module's own demo server: its tests record supervision, which the shared one
    must not hold."""
    return start_live_server()


@pytest.fixture(scope="module")
def cast(server: LiveServer) -> Cast:
    with server.database.transaction() as db:
        council = db.exec(select(Council).where(Council.slug == DEMO_SLUG)).one()
        assert council.id is not None
        for summary in org.people_with_role(db, council.id, Role.TEAM_MANAGER, limit=50):
            manager, team_id = summary.person, summary.person.team_id
            team = org.get_team(db, council.id, team_id) if team_id else None
            if team is None or frameworks.framework_for(team.kind.value).name != "Signs of Safety":
                continue
            assert manager.id is not None
            started = set(db.exec(select(SupervisionSession.supervisee_id).where(
                SupervisionSession.status == SessionStatus.DRAFT)).all())  # the demo's own
            people = [p for p in org.supervisees_of(db, manager.id) if p.team_id == team_id
                      and org.roles_of(db, p.id or 0) == [Role.PRACTITIONER]
                      and p.id not in started]
            if len(people) >= 3:
                return Cast(manager.name, *(_unique_name(db, council.id, p) for p in people[:3]))
    raise AssertionError("the demo council has no team manager of a Signs of Safety team "
                         "who supervises three practitioners")


def _start_or_carry_on(page: Page, supervisee: str) -> Locator:
    """The supervisees list's button for ``supervisee``: "Start a session", or "Carry on with
    the session" where one is started and not recorded (several tests write in one)."""
    label = rf"^(Start a session|Carry on with the session) with {re.escape(supervisee)}$"
    return page.get_by_role("button", name=re.compile(label))


def _unique_name(db: Session, council_id: int, person: Person) -> str:
    """The demo page finds people by name: each chosen one's name is theirs alone."""
    found = org.search_people(db, council_id, person.name)
    assert [p.name for p in found].count(person.name) == 1, person.name
    return str(person.name)


@pytest.fixture(scope="module")
def module_context(browser: Browser) -> Iterator[Callable[..., BrowserContext]]:
    """Browser contexts that outlive one test (for the module's journey)."""
    contexts: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        context = browser.new_context(**options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


# --- The keyboard journey, once ------------------------------------------------------------


@dataclass(frozen=True)
class RecordedSession:
    url: str  # the record's own page
    supervisee: str
    manager: str
    held_on: date
    overdue_due_on: date
    open_due_on: date


def _menu(page: Page, label: str) -> Locator:
    return page.get_by_role("navigation", name="Menu").get_by_role("link", name=label, exact=True)


def _press(page: Page, key: str = "Enter") -> None:
    """Press a key on what has the focus now (the focus was moved there by keyboard)."""
    page.keyboard.press(key)


def _tab_and_check(page: Page, target: Locator) -> None:
    keyboard_to(page, target)
    assert_focus_visible(page)


def _date_by_keyboard(page: Page, name: str, day: date) -> None:
    """A GOV.UK date input: day, month and year, each replacing what was there."""
    for part, value in (("", day.day), ("-month", day.month), ("-year", day.year)):
        type_by_keyboard(page, page.locator(f"#{name}{part}"), str(value), replace=True)


def _choose_radio_by_keyboard(page: Page, name: str, value: str) -> None:
    """Tab into a radio group (the focus lands on the checked radio, or the first), then the
    arrow keys to the one wanted; arrows select as they move, Space makes sure."""
    group = page.locator(f"input[type=radio][name='{name}']")
    values = [group.nth(i).get_attribute("value") for i in range(group.count())]
    checked = page.locator(f"input[type=radio][name='{name}']:checked")
    start = checked if checked.count() else group.first
    keyboard_to(page, start)
    here = values.index(start.get_attribute("value"))
    steps = values.index(value) - here
    for _ in range(abs(steps)):
        _press(page, "ArrowRight" if steps > 0 else "ArrowLeft")
    _press(page, "Space")
    expect(page.locator(f"input[type=radio][name='{name}'][value='{value}']")).to_be_checked()


def _tick_by_keyboard(page: Page, name: str, value: str) -> None:
    box = page.locator(f"input[type=checkbox][name='{name}'][value='{value}']")
    keyboard_to(page, box)
    _press(page, "Space")
    expect(box).to_be_checked()


def _choose_option_by_keyboard(page: Page, select_id: str, text: str) -> None:
    """A closed <select>: the arrow keys move its choice, one option a press."""
    box = page.locator(f"#{select_id}")
    keyboard_to(page, box)
    options = [t.strip() for t in box.locator("option").all_inner_texts()]
    steps = options.index(text) - box.evaluate("select => select.selectedIndex")
    for _ in range(abs(steps)):
        _press(page, "ArrowDown" if steps > 0 else "ArrowUp")
    expect(box.locator("option:checked")).to_have_text(text)


def _sign_in_by_keyboard(page: Page, server: LiveServer, name: str) -> None:
    page.goto(server.url("/sign-in"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    _tab_and_check(page, page.get_by_role("link", name="Sign in as a demo person"))
    _press(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in as a demo person")
    type_by_keyboard(page, page.get_by_label("Find a person by name"), name)
    _press(page)  # submits the search
    results = page.locator("h2:has-text('People matching') + ul")
    button = results.get_by_role("button", name=f"Sign in as {name}", exact=True)
    expect(button).to_be_visible()
    _tab_and_check(page, button)
    _press(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {name.split()[0]}")


def _record_by_keyboard(page: Page, server: LiveServer, cast: Cast) -> RecordedSession:
    """The whole journey with the keyboard alone: no mouse click anywhere."""
    held_on = today() - timedelta(days=HELD_DAYS_AGO)
    overdue_due_on = held_on + timedelta(days=HELD_DAYS_AGO - OVERDUE_BY)
    open_due_on = today() + timedelta(days=14)
    supervisee = cast.journey

    _sign_in_by_keyboard(page, server, cast.manager)

    # Supervision, from the menu.
    menu_link = _menu(page, "Supervision")
    _tab_and_check(page, menu_link)
    _press(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("My supervisees")
    expect(menu_link).to_have_attribute("aria-current", "page")
    assert_accessible(page)

    start = page.get_by_role("button", name=f"Start a session with {supervisee}", exact=True)
    _tab_and_check(page, start)
    _press(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Supervision with {supervisee}")
    edit_url = page.url
    assert_accessible(page)

    # The session: planned and held four weeks ago.
    _date_by_keyboard(page, "planned_for", held_on)
    assert_focus_visible(page)
    _choose_radio_by_keyboard(page, "outcome", "held")
    _date_by_keyboard(page, "held_on", held_on)
    type_by_keyboard(page, page.locator("#duration_minutes"), "90")
    assert_focus_visible(page)
    expect(page.locator("input[name=session_type][value=one_to_one]")).to_be_checked()
    _tick_by_keyboard(page, "functions", "support")
    _tick_by_keyboard(page, "functions", "development")

    # Reflection (Morrison's 4x4x4 cycle, the default model) and the personal section.
    expect(page.locator("input[name=reflective_model]:checked")).to_have_value("morrison")
    reflections = {
        "experience": "The mother kept us from the baby's room.",
        "reflection": "I felt rushed; she felt judged.",
        "analysis": "Shame, or disguised compliance.",
        "action_planning": "Visit with the health visitor.",
    }
    for key, text in reflections.items():
        type_by_keyboard(page, page.locator(f"#reflection-{key}"), text)
    assert_focus_visible(page)
    _choose_radio_by_keyboard(page, "wellbeing", "7")
    type_by_keyboard(page, page.locator("#support_needs"), "Time to write up.")
    type_by_keyboard(page, page.locator("#learning_and_cpd"), "Neglect training.")
    # Shift+Tab back up the form, to correct an answer.
    keyboard_to(page, page.locator("#duration_minutes"))
    type_by_keyboard(page, page.locator("#duration_minutes"), "95", replace=True)

    # One case discussion: "Add a case discussion" keeps the draft, then opens its page.
    add_case = page.get_by_role("button", name="Add a case discussion")
    _tab_and_check(page, add_case)
    _press(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a case discussion")
    assert_accessible(page)
    type_by_keyboard(page, page.get_by_label("Case reference"), CASE_REFERENCE)
    assert_focus_visible(page)
    signs_of_safety = {
        "harm": "Bruised arm seen at nursery.",
        "danger_statement": "The baby could be hurt again.",
        "complicating_factors": "Mother's low mood.",
        "existing_strengths": "Grandmother visits daily.",
        "existing_safety": "Grandmother has him at weekends.",
        "safety_goal": "Safe adults care for him daily.",
        "next_steps": "A family network meeting.",
    }
    for name, text in signs_of_safety.items():
        type_by_keyboard(page, page.locator(f"#{name}"), text)
    type_by_keyboard(page, page.get_by_label("What has the child told us?"),
                     "He reaches for grandmother.")
    type_by_keyboard(page, page.get_by_label("Decision (optional)"), "Stay at child in need.")
    type_by_keyboard(page, page.get_by_label("Rationale"), "Grandmother's care is real safety.")
    type_by_keyboard(page, page.get_by_label("Learning point (optional)"),
                     "Ask who the child reaches for.")
    type_by_keyboard(page, page.locator("#rating-practitioner"), "6")
    type_by_keyboard(page, page.locator("#rating-supervisor"), "5")
    _tab_and_check(page, page.get_by_role("button", name="Save the case discussion"))
    _press(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Supervision with {supervisee}")
    expect(page.get_by_role("heading", name=f"Case {CASE_REFERENCE}")).to_be_visible()
    # The message is in the section that changed, with the focus: Tab goes on from there.
    expect(page.locator("#case-discussions + .govuk-notification-banner")).to_be_focused()
    # What was typed on the form before leaving it was kept.
    expect(page.locator("#duration_minutes")).to_have_value("95")
    expect(page.locator("#reflection-analysis")).to_have_value(reflections["analysis"])

    # Two actions: one is overdue already (due two weeks after the session), one is not.
    for description, owner, due_on, case in (
        (OVERDUE_ACTION, supervisee, overdue_due_on, CASE_REFERENCE),
        (OPEN_ACTION, cast.manager, open_due_on, None),
    ):
        _tab_and_check(page, page.get_by_role("button", name="Add an action"))
        _press(page)
        expect(page.get_by_role("heading", level=1)).to_have_text("Add an action")
        assert_accessible(page)
        type_by_keyboard(page, page.get_by_label("What needs to be done?"), description)
        _choose_option_by_keyboard(page, "owner_id", owner)
        _date_by_keyboard(page, "due_on", due_on)
        if case is not None:
            _choose_option_by_keyboard(page, "case_discussion_id", case)
        _tab_and_check(page, page.get_by_role("button", name="Add the action"))
        _press(page)
        expect(page.get_by_role("heading", level=1)).to_have_text(
            f"Supervision with {supervisee}")
        expect(page.get_by_role("table", name="Actions")).to_contain_text(description)
    assert_accessible(page)

    # Record it.
    record = page.get_by_role("button", name="Record the session")
    _tab_and_check(page, record)
    _press(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Supervision with {supervisee}, {format_date(held_on)}")
    expect(page.get_by_role("alert")).to_contain_text(
        f"The session has been recorded. {supervisee} can now read it and sign it off.")
    assert page.url != edit_url
    assert_accessible(page)
    return RecordedSession(page.url, supervisee, cast.manager, held_on, overdue_due_on,
                           open_due_on)


@pytest.fixture(scope="module")
def recorded_session(
    module_context: Callable[..., BrowserContext], server: LiveServer, cast: Cast
) -> RecordedSession:
    """The keyboard journey, run once for the module: the tests after it build on it.
    Every press of a mouse button on any of its pages is counted: there must be none."""
    context = module_context()
    presses: list[str] = []

    def pressed(where: str) -> None:
        presses.append(where)

    context.expose_function("__mousePressed", pressed)
    context.add_init_script(
        "document.addEventListener('mousedown', e => window.__mousePressed("
        "e.target.outerHTML.slice(0, 80)), true)")
    recorded = _record_by_keyboard(context.new_page(), server, cast)
    assert presses == [], f"the mouse was pressed on: {presses}"
    return recorded


def _summary(page: Page, key: str) -> str:
    row = page.locator("#summary .govuk-summary-list__row", has_text=key)
    return row.locator("dd").inner_text().strip()


# --- The tests -----------------------------------------------------------------------------


def test_a_supervisor_records_a_whole_session_with_a_case_and_two_actions_by_keyboard_alone(
    recorded_session: RecordedSession, module_context: Callable[..., BrowserContext],
    server: LiveServer,
) -> None:
    page = module_context().new_page()
    demo_sign_in(page, server, recorded_session.manager)
    page.goto(recorded_session.url)
    done = recorded_session
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Supervision with {done.supervisee}, {format_date(done.held_on)}")
    expect(page.locator("strong.govuk-tag").first).to_have_text("Waiting for sign-off")
    assert _summary(page, "What happened") == "Held"
    assert _summary(page, "Date held") == format_date(done.held_on)
    assert _summary(page, "Duration") == "95 minutes"
    assert _summary(page, "Functions covered").splitlines() == [
        "Development: learning and growth",
        "Support: wellbeing and the emotional impact of the work",
    ]
    expect(page.locator("main")).to_contain_text("Shame, or disguised compliance.")
    wellbeing = page.locator(".govuk-summary-list__row:has(dt:text-is('Wellbeing (0 to 10)')) dd")
    expect(wellbeing).to_have_text("7")

    case = page.locator(".govuk-summary-card", has_text=f"Case {CASE_REFERENCE}")
    expect(case).to_contain_text("Bruised arm seen at nursery.")
    expect(case).to_contain_text("He reaches for grandmother.")
    expect(case).to_contain_text("Stay at child in need.")
    expect(case).to_contain_text("Grandmother's care is real safety.")
    expect(case.locator(".govuk-summary-list__row", has_text="Safety scale")).to_contain_text(
        "Practitioner: 6")

    actions = page.get_by_role("table", name="Actions")
    overdue = actions.get_by_role("row", name=re.compile(re.escape(OVERDUE_ACTION)))
    expect(overdue).to_contain_text(done.supervisee)
    expect(overdue).to_contain_text(format_date(done.overdue_due_on))
    expect(overdue).to_contain_text(CASE_REFERENCE)
    expect(overdue).to_contain_text("Overdue")
    later = actions.get_by_role("row", name=re.compile(re.escape(OPEN_ACTION)))
    expect(later).to_contain_text(done.manager)
    expect(later).to_contain_text(format_date(done.open_due_on))
    expect(later).not_to_contain_text("Overdue")


def test_the_supervisee_reads_the_record_agrees_and_signs_it_off_and_it_is_locked(
    recorded_session: RecordedSession, new_context: Callable[..., BrowserContext],
    server: LiveServer,
) -> None:
    done = recorded_session
    page = new_context().new_page()
    demo_sign_in(page, server, done.supervisee)
    _menu(page, "My supervision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My supervision")
    waiting = page.get_by_role("list", name="Waiting for you to sign off")
    link = waiting.get_by_role("link", name=f"Supervision with {done.manager}, "
                                            f"{format_date(done.held_on)}")
    expect(link).to_be_visible()
    overdue = page.get_by_role("table", name="My open actions").get_by_role(
        "row", name=re.compile(re.escape(OVERDUE_ACTION)))
    expect(overdue).to_contain_text("Overdue")
    assert_accessible(page)

    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Supervision with {done.supervisee}, {format_date(done.held_on)}")
    expect(page.locator(".govuk-inset-text").first).to_contain_text("sign it off")
    assert_accessible(page)

    # Signing without an answer is refused, accessibly.
    page.get_by_role("button", name="Sign off the record").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Select whether you agree this is an accurate record")
    assert_accessible(page)

    page.get_by_label("I agree this is an accurate record").check()
    page.get_by_label("The learning points from case discussions, without names").check()
    page.get_by_role("button", name="Sign off the record").click()
    expect(page.get_by_role("alert")).to_contain_text("You have signed off the record")
    expect(page.locator("strong.govuk-tag").first).to_have_text("Signed off")
    sign_off = page.locator("h2#sign-off + p")
    expect(sign_off).to_contain_text(f"Signed off by {done.supervisee} on")
    expect(sign_off).to_contain_text("agreed this is an accurate record")
    expect(page.get_by_role("button", name="Sign off the record")).to_have_count(0)
    assert_accessible(page)

    # Locked: the supervisor can no longer change it, only amend it.
    sign_out(page)
    demo_sign_in(page, server, done.manager)
    page.goto(done.url)
    expect(page.locator("strong.govuk-tag").first).to_have_text("Signed off")
    expect(page.get_by_role("link", name=re.compile("Change the record"))).to_have_count(0)
    expect(page.get_by_role("button", name="Amend the record")).to_be_visible()
    page.goto(done.url + "/edit")
    expect(page).to_have_url(done.url)
    expect(page.get_by_role("region", name="Important")).to_contain_text(
        "This record has been signed off, so it cannot be changed. Amend it instead.")
    assert_accessible(page)


def test_the_manager_sees_the_overdue_action_with_its_owner_and_days_overdue(
    recorded_session: RecordedSession, new_context: Callable[..., BrowserContext],
    server: LiveServer,
) -> None:
    done = recorded_session
    page = new_context().new_page()
    demo_sign_in(page, server, done.manager)

    _menu(page, "Oversight").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Supervision overview")
    overdue = page.get_by_role("table", name="Overdue actions")
    row = overdue.get_by_role("row", name=re.compile(re.escape(OVERDUE_ACTION)))
    expect(row).to_have_count(1)
    cells = row.get_by_role("cell")
    expect(cells.nth(1)).to_contain_text(done.supervisee)  # whose supervision
    expect(cells.nth(2)).to_have_text(done.supervisee)  # who owns it
    expect(cells.nth(3)).to_have_text(format_date(done.overdue_due_on))
    expect(cells.nth(4)).to_have_text(str(OVERDUE_BY))
    expect(overdue).not_to_contain_text(OPEN_ACTION)
    totals = page.locator("#totals .govuk-summary-list__row", has_text="Overdue actions")
    expect(totals.locator("dd")).to_have_text("1")
    assert_accessible(page)

    page.goto(server.url("/supervision/actions/overdue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Overdue actions")
    table = page.locator("table#overdue")
    row = table.get_by_role("row", name=re.compile(re.escape(OVERDUE_ACTION)))
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell").nth(2)).to_have_text(done.supervisee)
    expect(row.get_by_role("cell").nth(4)).to_have_text(f"Overdue {OVERDUE_BY}")
    assert_accessible(page)

    # And on their list of supervisees.
    _menu(page, "Supervision").click()
    supervisee_row = page.locator("table#supervisees").get_by_role(
        "row", name=re.compile(re.escape(done.supervisee)))
    expect(supervisee_row).to_contain_text("1 overdue")


def test_without_javascript_the_session_form_saves_a_draft_and_records_the_session(
    new_context: Callable[..., BrowserContext], server: LiveServer, cast: Cast
) -> None:
    page = new_context(java_script_enabled=False).new_page()
    demo_sign_in(page, server, cast.manager)
    _menu(page, "Supervision").click()
    page.get_by_role("button", name=f"Start a session with {cast.no_script}", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Supervision with {cast.no_script}")
    expect(page.locator("body")).not_to_have_class(re.compile("js-enabled"))
    assert_accessible_without_javascript(page)

    page.get_by_label("Held", exact=True).check()
    held = today()
    page.locator("#held_on").fill(str(held.day))
    page.locator("#held_on-month").fill(str(held.month))
    page.locator("#held_on-year").fill(str(held.year))
    page.get_by_label("How long it lasted").fill("60")
    page.locator("#reflection-experience").fill("Written without JavaScript.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("alert")).to_contain_text("Your draft has been saved")
    expect(page.get_by_label("Held", exact=True)).to_be_checked()
    expect(page.get_by_label("How long it lasted")).to_have_value("60")
    expect(page.locator("#reflection-experience")).to_have_value("Written without JavaScript.")
    assert_accessible_without_javascript(page)

    # Recording it without a function of supervision is refused, and says why.
    page.get_by_role("button", name="Record the session").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Select the functions of supervision the session covered")
    page.get_by_label("Management: competent, accountable practice").check()
    page.get_by_role("button", name="Record the session").click()
    expect(page.get_by_role("alert")).to_contain_text("The session has been recorded")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Supervision with {cast.no_script}, {format_date(held)}")
    expect(page.locator("strong.govuk-tag").first).to_have_text("Waiting for sign-off")
    assert _summary(page, "Duration") == "60 minutes"
    assert_accessible_without_javascript(page)


@pytest.mark.page_only
def test_on_a_phone_the_session_form_and_the_supervisees_record_do_not_scroll_sideways(
    recorded_session: RecordedSession, new_context: Callable[..., BrowserContext],
    server: LiveServer,
) -> None:
    done = recorded_session
    phone = {"viewport": PHONE, "is_mobile": True, "has_touch": True}

    # The supervisee's next session: the form starts with the open actions carried over.
    page = new_context(**phone).new_page()
    demo_sign_in(page, server, done.manager)
    page.goto(server.url("/supervision"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My supervisees")
    # The list of supervisees is a wide table (it scrolls sideways on a phone, which this
    # test does not check): the button is pressed from the keyboard wherever it is.
    page.get_by_role("button", name=f"Start a session with {done.supervisee}", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Supervision with {done.supervisee}")
    carried = page.get_by_role("table", name="Open actions from earlier sessions")
    expect(carried).to_contain_text(OVERDUE_ACTION)
    assert_no_horizontal_scrolling(page)
    assert_accessible(page)

    # The supervisee's own pages.
    page = new_context(**phone).new_page()
    demo_sign_in(page, server, done.supervisee)
    page.goto(done.url)
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        f"Supervision with {done.supervisee}")
    expect(page.get_by_role("table", name="Actions")).to_contain_text(OVERDUE_ACTION)
    assert_no_horizontal_scrolling(page)
    assert_accessible(page)
    page.goto(server.url("/supervision/mine"))
    expect(page.get_by_role("table", name="My open actions")).to_contain_text(OVERDUE_ACTION)
    assert_no_horizontal_scrolling(page)


def test_enter_in_a_box_saves_the_draft_and_never_marks_a_carried_action_done(
    recorded_session: RecordedSession, new_context: Callable[..., BrowserContext],
    server: LiveServer,
) -> None:
    """Enter presses a form's first button: on the session form that is a hidden "Save
    draft", not the "Mark done" of the first action carried over (which also sends the
    session's form, and comes first on the page)."""
    done = recorded_session
    page = new_context(java_script_enabled=False).new_page()
    demo_sign_in(page, server, done.manager)
    page.goto(server.url("/supervision"))
    start_or_carry_on = re.compile(
        f"^(Start a session|Carry on with the session) with {re.escape(done.supervisee)}$")
    page.get_by_role("button", name=start_or_carry_on).click()
    carried = page.get_by_role("table", name="Open actions from earlier sessions")
    expect(carried).to_contain_text(OVERDUE_ACTION)

    page.get_by_label("How long it lasted").fill("45")
    with page.expect_navigation():
        page.get_by_label("How long it lasted").press("Enter")

    expect(page.get_by_role("alert")).to_contain_text("Your draft has been saved")
    expect(carried).to_contain_text(OVERDUE_ACTION)
    expect(page.get_by_label("How long it lasted")).to_have_value("45")


SAVING = "Saving your latest changes…"
DRAFT_SAVED = re.compile(r"^\s*Draft saved at \d{2}:\d{2}\.")
#: A save goes two seconds after the last key: this is for the typing before it (key by key,
#: slow on a busy machine), those two seconds and the save itself, with room to spare.
SAVE_TIMEOUT_MS = 30_000


def keep_what_it_says(status: Locator) -> None:
    """From now on the page keeps each text ``status`` shows, in turn (see ``said``).

    "Saving your latest changes…" shows from the first key until the save lands, two seconds
    after the last: a busy machine can stall longer than that before a test looks, so the
    tests look back at what was shown rather than hope to catch it while it shows."""
    status.evaluate(
        """status => {
            window.statusSaid = [];
            new MutationObserver(() => window.statusSaid.push(status.textContent.trim()))
                .observe(status, {childList: true, characterData: true, subtree: true});
        }"""
    )


def said(page: Page) -> list[str]:
    """What the status line kept by ``keep_what_it_says`` showed, in turn."""
    return list(page.evaluate("window.statusSaid"))


def test_with_javascript_a_reflection_saves_itself_as_it_is_typed_and_is_still_there_after_a_reload(
    new_context: Callable[..., BrowserContext], server: LiveServer, cast: Cast
) -> None:
    page = new_context().new_page()
    demo_sign_in(page, server, cast.manager)
    page.goto(server.url("/supervision"))
    _start_or_carry_on(page, cast.autosave).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Supervision with {cast.autosave}")
    expect(page.locator("body")).to_have_class(re.compile("js-enabled"))
    url = page.url
    status = page.locator("#save-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_attribute("aria-live", "polite")
    keep_what_it_says(status)

    text = "We talked about the weight of the caseload after the court hearing."
    page.locator("#reflection-experience").click()
    with page.expect_response(  # the save of all of it (a stall while typing may save a part)
        lambda r: r.url.endswith("/autosave") and "hearing." in (r.request.post_data or ""),
        timeout=SAVE_TIMEOUT_MS,
    ):
        page.keyboard.type(text)
    expect(status).to_have_text(re.compile(r"^\s*Draft saved at \d{2}:\d{2}\.\s*$"))
    shown = said(page)
    assert SAVING in shown and DRAFT_SAVED.match(shown[-1]), shown
    assert page.url == url
    expect(page.locator("#reflection-experience")).to_be_focused()  # the page did not change
    assert_accessible(page)

    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Supervision with {cast.autosave}")
    expect(page.locator("#reflection-experience")).to_have_value(text)


def _new_case_discussion(context: BrowserContext, server: LiveServer, cast: Cast) -> Page:
    """The manager's "Add a case discussion" page in the record with ``cast.autosave``."""
    page = context.new_page()
    demo_sign_in(page, server, cast.manager)
    page.goto(server.url("/supervision"))
    _start_or_carry_on(page, cast.autosave).click()
    page.get_by_role("button", name="Add a case discussion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a case discussion")
    return page


def test_a_case_discussion_saves_itself_as_it_is_typed_and_survives_the_sign_in_running_out(
    new_context: Callable[..., BrowserContext], server: LiveServer, cast: Cast
) -> None:
    context = new_context()
    page = _new_case_discussion(context, server, cast)
    status = page.locator("#case-save-status")
    expect(status).to_have_attribute("role", "status")

    voice = "She drew her house with a big locked door and said the door keeps the shouting out."
    page.get_by_label("Case reference").fill("CS-20417")
    page.get_by_label("What has the child told us?").click()
    with page.expect_response(
        lambda r: r.url.endswith("/cases/draft") and "shouting" in (r.request.post_data or ""),
        timeout=SAVE_TIMEOUT_MS,
    ) as saved:
        page.keyboard.type(voice)  # kept two seconds after the last key
    assert saved.value.ok
    expect(status).to_have_text(DRAFT_SAVED)
    expect(page.get_by_label("What has the child told us?")).to_be_focused()
    assert_accessible(page)

    context.clear_cookies()  # the sign-in runs out before the discussion is saved
    page.get_by_role("button", name="Save the case discussion").click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Add a case discussion")
    demo_sign_in(page, server, cast.manager)
    page.goto(server.url("/supervision"))
    _start_or_carry_on(page, cast.autosave).click()
    expect(page.locator("#case-started")).to_contain_text("not added yet")
    page.get_by_role("button", name="Go back to the case discussion you started").click()
    expect(page.locator("#case-draft")).to_contain_text("which is not saved yet")
    expect(page.get_by_label("Case reference")).to_have_value("CS-20417")
    expect(page.get_by_label("What has the child told us?")).to_have_value(voice)
    assert_accessible(page)

    page.get_by_role("button", name="Discard what was not saved").click()
    expect(page.get_by_role("alert")).to_contain_text("discarded")
    expect(page.get_by_label("What has the child told us?")).to_have_value("")


@pytest.mark.page_only
def test_an_autosave_that_cannot_reach_the_server_says_the_changes_are_not_saved(
    new_context: Callable[..., BrowserContext], server: LiveServer, cast: Cast
) -> None:
    context = new_context()
    page = _new_case_discussion(context, server, cast)
    status = page.locator("#case-save-status")

    context.set_offline(True)
    page.get_by_label("What has the child told us?").fill("Typed on a train with no signal.")
    page.get_by_label("Case reference").click()  # leaving the box: a change, so a save
    expect(status).to_have_text(re.compile("Your latest changes are not saved yet"))

    context.set_offline(False)
    page.get_by_label("Case reference").fill("CS-33120")
    expect(status).to_have_text(re.compile("Your latest changes are not saved yet"))
    page.get_by_label("Decision (optional)").click()
    expect(status).to_have_text(re.compile(r"^\s*Draft saved at \d{2}:\d{2}\."))

    # Typing after a save: the line says so until the save lands, not "Draft saved".
    keep_what_it_says(status)
    with page.expect_response(
        lambda r: r.url.endswith("/cases/draft")
        and re.search(r"=Plan(&|$)", r.request.post_data or "") is not None,
        timeout=SAVE_TIMEOUT_MS,
    ):
        page.get_by_label("Decision (optional)").press_sequentially("Plan")
    expect(status).to_have_text(DRAFT_SAVED)
    shown = said(page)
    assert SAVING in shown and DRAFT_SAVED.match(shown[-1]), shown

    page.reload()  # both answers were kept once the connection was back
    expect(page.get_by_label("What has the child told us?")).to_have_value(
        "Typed on a train with no signal.")
    page.get_by_role("button", name="Discard what was not saved").click()
    expect(page.get_by_label("Case reference")).to_have_value("")


def test_without_javascript_a_case_discussion_is_kept_with_save_draft(
    new_context: Callable[..., BrowserContext], server: LiveServer, cast: Cast
) -> None:
    context = new_context(java_script_enabled=False)
    page = _new_case_discussion(context, server, cast)
    expect(page.locator("body")).not_to_have_class(re.compile("js-enabled"))
    page.get_by_label("Case reference").fill("CS-88120")
    page.get_by_label("Decision (optional)").fill("Step down to early help")
    page.get_by_role("button", name="Save draft").click()

    expect(page.get_by_role("alert")).to_contain_text("Your draft has been saved")
    expect(page.locator("#case-draft")).to_contain_text("which is not saved yet")
    expect(page.get_by_label("Decision (optional)")).to_have_value("Step down to early help")
    assert_accessible_without_javascript(page)

    # Enter in a box saves the draft again; it never presses "Discard", which comes first.
    with page.expect_navigation():
        page.get_by_label("Case reference").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Your draft has been saved")
    expect(page.get_by_label("Case reference")).to_have_value("CS-88120")

    page.get_by_role("button", name="Discard what was not saved").click()
    expect(page.get_by_label("Case reference")).to_have_value("")
