"""A worry the safeguarding screen missed, raised by the person reading the feedback: a real
alert (the same email, the same respond-by time) saying who raised it and why, the item held
out of themes as a screened disclosure is, and the raising audited. One alert per item: a
second is refused with who raised the first and when, and what was typed is kept."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.audit.models import AuditEvent
from learning.audit.service import Actor
from learning.core.clock import to_london, utcnow
from learning.core.config import Settings
from learning.core.db import Database
from learning.core.permissions import Role
from learning.feedback import alert_queries, alerts, learning, safeguarding
from learning.feedback.alert_words import already_raised, decode_categories
from learning.feedback.models import FeedbackSubmission, SafeguardingAlert
from learning.feedback.safeguarding import ENGLISH, LANGUAGES
from learning.feedback.terms import AlertStatus, ScreenCategory
from learning.mail.models import OutboxMessage
from learning.org.models import Team
from learning.themes.arrivals import FEEDBACK, take_in
from learning.themes.terms import ItemState
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.intake import DISCLOSURE
from tests.feedback.triage_helpers import given, poster_for, staff
from tests.org.conftest import SignedIn
from tests.org.pages import error_summary, field_error, flash, page, value_of
from tests.themes.factories import stored

#: A child's worry that names no harm: the screen does not flag it; a reader should.
MISSED = "I dont want to go back to my dads house on fridays, he is different when its just us"
WORRY = "She does not want to go to her dad's on Fridays and says he is different alone."


@pytest.fixture
def missed(db: Session, settings: Settings, factory: Factory, team: Team) -> FeedbackSubmission:
    return given(db, settings, poster_for(factory, team), answers={"better": MISSED})


def _alerts(db: Session) -> list[SafeguardingAlert]:
    return list(db.exec(select(SafeguardingAlert)).all())


def _alert_emails(db: Session) -> list[OutboxMessage]:
    query = select(OutboxMessage).where(OutboxMessage.kind == "safeguarding_alert")
    return list(db.exec(query).all())


def test_a_reader_raises_an_alert_the_screen_missed(
    db: Session, settings: Settings, supervisor: SignedIn, missed: FeedbackSubmission
) -> None:
    assert not safeguarding.screen(MISSED).flagged and _alerts(db) == []
    shown = supervisor.get(f"/feedback/queue/{missed.id}")
    buttons = {
        b.get_text(" ", strip=True): b.get("formaction") for b in page(shown).select("button")
    }
    assert buttons["Raise a safeguarding alert"] == (
        f"https://testserver/feedback/queue/{missed.id}/alert"
    )
    assert page(shown).find("label", attrs={"for": "worry"}).get_text(strip=True) == (
        "What worries you about it?"
    )

    raised = supervisor.post(f"/feedback/queue/{missed.id}/alert", {"worry": WORRY})

    after = supervisor.follow(raised)
    assert flash(after) == "Safeguarding alert raised. The safeguarding inbox has it"
    [alert] = _alerts(db)
    assert alert.submission_id == missed.id and alert.status is AlertStatus.OPEN
    assert decode_categories(alert.categories) == (ScreenCategory.RAISED_BY_STAFF,)
    assert alert.respond_by - alert.raised_at == timedelta(
        hours=settings.safeguarding_respond_hours
    )
    [event] = alerts.events(db, alert)
    assert (event.kind, event.actor_id, event.note) == ("raised", supervisor.person.id, WORRY)
    [email] = _alert_emails(db)
    assert email.to_address == settings.safeguarding_email
    assert email.safeguarding_alert_id == alert.id
    assert MISSED not in email.body and WORRY not in email.body  # never the words
    db.refresh(missed)
    assert missed.flagged
    audits = db.exec(
        select(AuditEvent).where(
            AuditEvent.action == "feedback.item.alert_raised",
            AuditEvent.record_id == str(missed.id),
        )
    ).all()
    assert [a.actor_id for a in audits] == [supervisor.person.id]
    warning = page(after).select_one(".govuk-warning-text")
    assert warning is not None
    assert f"{supervisor.person.name} raised a safeguarding alert" in warning.get_text(" ")
    assert page(after).find(attrs={"name": "worry"}) is None  # one alert: no second form


def test_an_item_a_reader_raised_an_alert_about_is_held_out_of_themes(
    db: Session,
    database: Database,
    supervisor: SignedIn,
    missed: FeedbackSubmission,
) -> None:
    take_in(database, [(FEEDBACK, missed.id)])  # it reached the themes when it arrived
    key = f"feedback_child_8_12:feedback:{missed.id}:better"
    before = stored(db, missed.council_id)[key]
    assert before.state is not ItemState.HELD and "fridays" in before.text

    supervisor.post(f"/feedback/queue/{missed.id}/alert", {"worry": WORRY})

    db.refresh(missed)
    alert = db.exec(select(SafeguardingAlert)).one()
    assert learning.is_held(missed, alert.status)
    after = stored(db, missed.council_id)[key]
    assert (after.state, after.text) == (ItemState.HELD, "")


def test_without_a_worry_the_error_is_beside_the_box_what_was_typed_is_kept_and_nothing_stored(
    db: Session, supervisor: SignedIn, missed: FeedbackSubmission
) -> None:
    typed = {"worry": "   ", "tag": "fridays", "body": ""}
    response = supervisor.post(f"/feedback/queue/{missed.id}/alert", typed)

    assert response.status_code == 422
    assert field_error(response, "worry") == "Say what worries you about it"
    assert error_summary(response) == ["Say what worries you about it"]
    assert value_of(response, "tag") == "fridays"
    assert _alerts(db) == [] and _alert_emails(db) == []
    db.refresh(missed)
    assert not missed.flagged


def test_a_worry_too_long_is_refused_beside_the_box_and_kept(
    db: Session, supervisor: SignedIn, missed: FeedbackSubmission
) -> None:
    long = "x" * (alerts.NOTE_LIMIT + 1)
    response = supervisor.post(f"/feedback/queue/{missed.id}/alert", {"worry": long})
    assert response.status_code == 422
    assert field_error(response, "worry") == f"Keep it to {alerts.NOTE_LIMIT} characters or fewer"
    assert value_of(response, "worry") == long
    assert _alerts(db) == []


def test_an_item_the_screen_alerted_on_refuses_a_second_with_a_link_and_keeps_the_words(
    client: TestClient, db: Session, settings: Settings, factory: Factory, team: Team
) -> None:
    flagged = given(db, settings, poster_for(factory, team), answers={"worries": DISCLOSURE})
    [alert] = _alerts(db)
    lead = staff(client, factory, team, Role.SAFEGUARDING_LEAD)
    assert page(lead.get(f"/feedback/queue/{flagged.id}")).find(attrs={"name": "worry"}) is None

    refused = lead.post(f"/feedback/queue/{flagged.id}/alert", {"worry": WORRY, "tag": "home"})

    assert refused.status_code == 409
    notice = page(refused).select_one("#alert-refused")
    assert notice is not None
    at = to_london(alert.raised_at).strftime("%H:%M")
    assert notice.h2 is not None
    assert (
        notice.h2.get_text(strip=True) == f"An alert was raised about this when it arrived, at {at}"
    )
    assert notice.select_one("a")["href"].endswith(f"/safeguarding/alerts/{alert.id}")
    assert WORRY in notice.get_text()
    assert value_of(refused, "tag") == "home"
    assert _alerts(db) == [alert] and len(_alert_emails(db)) == 1


def test_an_item_a_colleague_raised_an_alert_about_says_who_and_when(
    client: TestClient,
    db: Session,
    factory: Factory,
    team: Team,
    supervisor: SignedIn,
    missed: FeedbackSubmission,
) -> None:
    supervisor.post(f"/feedback/queue/{missed.id}/alert", {"worry": WORRY})
    colleague = staff(client, factory, team, Role.SUPERVISOR)

    refused = colleague.post(f"/feedback/queue/{missed.id}/alert", {"worry": "Me too"})

    assert refused.status_code == 409
    [alert] = _alerts(db)
    at = to_london(alert.raised_at).strftime("%H:%M")
    notice = page(refused).select_one("#alert-refused")
    assert notice is not None and notice.h2 is not None
    assert notice.h2.get_text(strip=True) == (
        f"{supervisor.person.name} raised an alert about this at {at}"
    )
    assert notice.select_one("a") is None  # a supervisor cannot open the alert: no dead link
    assert "Me too" in notice.get_text()
    assert len(alerts.events(db, alert)) == 1


def test_an_alert_raised_days_ago_says_on_which_day() -> None:
    now = utcnow()
    said = already_raised("Helen Pascoe", now - timedelta(days=3), now)
    assert said.startswith("Helen Pascoe raised an alert about this on ")


def test_the_alert_page_shows_who_raised_it_and_why(
    client: TestClient,
    db: Session,
    factory: Factory,
    team: Team,
    supervisor: SignedIn,
    missed: FeedbackSubmission,
) -> None:
    supervisor.post(f"/feedback/queue/{missed.id}/alert", {"worry": WORRY})
    [alert] = _alerts(db)
    lead = staff(client, factory, None, Role.SAFEGUARDING_LEAD)

    shown = page(lead.get(f"/safeguarding/alerts/{alert.id}"))

    raised_by = shown.select_one("#raised-by")
    because = shown.select_one("#raised-because")
    assert raised_by is not None and supervisor.person.name in raised_by.get_text()
    assert because is not None and because.get_text(strip=True) == WORRY
    trail = [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in shown.select("table tbody tr")
    ]
    assert trail[0][1:] == ["Alert raised", supervisor.person.name, WORRY]
    assert "a person who read it raised the alert" in shown.get_text()


def test_raising_needs_the_csrf_token_and_the_item_in_the_persons_queue(
    client: TestClient,
    db: Session,
    settings: Settings,
    factory: Factory,
    supervisor: SignedIn,
    missed: FeedbackSubmission,
) -> None:
    forged = client.post(f"/feedback/queue/{missed.id}/alert", data={"worry": WORRY})
    assert forged.status_code == 403
    other = given(db, settings, poster_for(factory, factory.make_team(name="South")))
    assert supervisor.post(f"/feedback/queue/{other.id}/alert", {"worry": WORRY}).status_code == 404
    assert _alerts(db) == []


def test_the_public_screen_never_says_a_person_raised_it() -> None:
    for lexicon in (ENGLISH, *LANGUAGES):
        assert ScreenCategory.RAISED_BY_STAFF not in lexicon
    for text in (DISCLOSURE, MISSED, "help", "I am scared", "raised by staff"):
        assert ScreenCategory.RAISED_BY_STAFF not in safeguarding.screen(text).categories


def test_raised_out_of_hours_it_is_routed_as_the_screen_s_and_keeps_the_worry_apart(
    db: Session, factory: Factory, team: Team, missed: FeedbackSubmission
) -> None:
    """The same routing as an alert the screen raised: out of office hours the out-of-hours
    service is emailed too, and the trail says so after the person's words."""
    night = make_settings(safeguarding_out_of_hours_email="edt@example.test")
    reader = factory.make_person(roles=(Role.SUPERVISOR,), team_id=team.id)
    saturday = datetime(2025, 3, 8, 22, 30, tzinfo=UTC)

    alert = alerts.raise_on_reading(
        db, night, Actor(reader.id, reader.name, reader.council_id), missed, WORRY, saturday
    )

    assert alert.raised_at == saturday
    assert alert.respond_by == saturday + timedelta(hours=night.safeguarding_respond_hours)
    assert sorted(e.to_address for e in _alert_emails(db)) == [
        "edt@example.test",
        night.safeguarding_email,
    ]
    [event] = alerts.events(db, alert)
    assert event.note.splitlines() == [
        WORRY,
        "Raised out of office hours: edt@example.test is emailed too.",
    ]
    raiser = alert_queries.raised_by(db, alert)
    assert raiser is not None and (raiser.name, raiser.why) == (reader.name, WORRY)
