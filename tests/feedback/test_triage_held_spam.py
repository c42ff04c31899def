"""Held items: "Keep as spam" waits while the item's safeguarding alert is not closed (the
safeguarding lead decides first), and only "Keep as spam" calls an item spam: closing a held
item lets it in and closes it."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.audit.models import AuditEvent
from learning.core.config import Settings
from learning.core.permissions import Role
from learning.feedback import alerts
from learning.feedback.models import FeedbackSubmission, SafeguardingAlert
from learning.feedback.terms import AlertOutcome, SubmissionStatus
from learning.org.models import Team
from tests.factories import Factory
from tests.feedback.triage_helpers import given, poster_for, staff
from tests.org.conftest import SignedIn
from tests.org.pages import error_summary, page

WAITS = (
    "This feedback raised a safeguarding alert that is not closed: "
    "the safeguarding lead decides first"
)


def _actions(db: Session, submission: FeedbackSubmission) -> list[str]:
    query = select(AuditEvent.action).where(AuditEvent.record_id == str(submission.id))
    return [a for a in db.exec(query.order_by(AuditEvent.id)).all() if a != "feedback.item.read"]


def _again(client: TestClient, factory: Factory, signed: SignedIn) -> SignedIn:
    """The same person signed in again on the shared client (another signed in meanwhile)."""
    return SignedIn(client, signed.person, factory.sign_in(client, signed.person))


def _status(response: object) -> str:
    found = page(response).select_one("#item-status p")  # type: ignore[arg-type]
    assert found is not None
    return found.get_text(" ", strip=True)


def _held_with_a_worry(
    db: Session, settings: Settings, factory: Factory, team: Team
) -> tuple[FeedbackSubmission, SafeguardingAlert]:
    held = given(
        db, settings, poster_for(factory, team), honeypot="http://spam.example",
        worried_about_safety=True,
    )
    alert = db.exec(select(SafeguardingAlert).where(SafeguardingAlert.submission_id == held.id))
    return held, alert.one()


def test_keep_as_spam_waits_for_the_alert_to_be_closed(
    client: TestClient,
    db: Session,
    settings: Settings,
    factory: Factory,
    team: Team,
    supervisor: SignedIn,
) -> None:
    held, alert = _held_with_a_worry(db, settings, factory, team)
    assert held.quarantine_reason is not None

    shown = supervisor.get(f"/feedback/queue/{held.id}")
    box = page(shown).select_one("#held")
    assert box is not None
    assert [b.get_text(strip=True) for b in box.select("button")] == ["Let it in"]
    waits = page(shown).select_one("#spam-waits")
    assert waits is not None and WAITS in waits.get_text()
    assert waits.select("a") == []  # a supervisor may not see the alert

    sent = supervisor.post(f"/feedback/queue/{held.id}/spam")

    assert sent.status_code == 409  # from a page shown before the alert: the page again, saying why
    assert [WAITS.rstrip(".")] == [e.rstrip(".") for e in error_summary(sent)]
    db.refresh(held)
    assert held.status is not SubmissionStatus.CLOSED
    assert "feedback.item.kept_as_spam" not in _actions(db, held)

    lead = staff(client, factory, None, Role.SAFEGUARDING_LEAD)
    anchor = page(lead.get(f"/feedback/queue/{held.id}")).select_one("#spam-waits a")
    assert anchor is not None and str(anchor["href"]).endswith(f"/safeguarding/alerts/{alert.id}")

    alerts.record_outcome(db, alert, lead.person.id, AlertOutcome.NFA, "A test form")
    db.commit()
    supervisor = _again(client, factory, supervisor)

    box = page(supervisor.get(f"/feedback/queue/{held.id}")).select_one("#held")
    assert box is not None and "Keep as spam" in [b.get_text(strip=True) for b in box("button")]
    sent = supervisor.post(f"/feedback/queue/{held.id}/spam")

    assert sent.status_code == 303
    db.refresh(held)
    assert held.status is SubmissionStatus.CLOSED and held.released_at is None
    assert _actions(db, held)[-1] == "feedback.item.kept_as_spam"
    assert _status(supervisor.follow(sent)) == "Closed (kept as spam)"


def test_closing_a_held_item_lets_it_in_and_does_not_call_it_spam(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    held = given(db, settings, poster_for(factory, team), honeypot="http://spam.example")

    closed = supervisor.post(f"/feedback/queue/{held.id}/close")

    assert closed.status_code == 303
    db.refresh(held)
    assert held.status is SubmissionStatus.CLOSED
    assert held.released_at is not None and held.released_by_id == supervisor.person.id
    assert _actions(db, held) == ["feedback.item.released", "feedback.item.closed"]
    assert _status(supervisor.follow(closed)) == "Closed"
    closed_tab = page(supervisor.get("/feedback/queue?tab=closed")).select("#queue tbody a")
    assert [str(a["href"]).rsplit("/", 1)[-1] for a in closed_tab] == [str(held.id)]
    assert page(supervisor.get("/feedback/queue?tab=held")).select("#queue tbody a") == []
