"""Reopening a closed safeguarding alert whose outcome was wrong: a lead gives a reason, the
alert is theirs again (acknowledged, a new respond-by time), the trail keeps the outcome
undone, and the right outcome can then be recorded. A missing reason is shown beside its
box with nothing typed lost; people without the permission, and alerts not closed, are
refused."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.core.clock import format_datetime, to_london
from learning.core.config import Settings
from learning.core.permissions import Role
from learning.feedback import alert_queries, alerts
from learning.feedback.alert_jobs import escalate_overdue
from learning.feedback.alert_mail import ESCALATION_KIND
from learning.feedback.models import SafeguardingAlert
from learning.feedback.terms import AlertOutcome, AlertStatus
from learning.mail.models import OutboxMessage
from learning.mail.terms import OutboxStatus
from tests.factories import Factory
from tests.factories import audit_events as audit
from tests.feedback.alert_helpers import RAISED, make_alert, minutes
from tests.org.conftest import SignedIn, sign_in_as
from tests.org.pages import (
    error_summary,
    field_error,
    flash,
    heading,
    page,
    table_rows,
    value_of,
)

WRONG_NOTE = "Read in full: a family friend stays at weekends.\nNothing to do."
REASON = "Closed too quickly: an adult making her sit in her room is a worry. Seeing her today."


def lead(client: TestClient, factory: Factory, **fields: str) -> SignedIn:
    person = factory.make_person(roles=(Role.SAFEGUARDING_LEAD,), **fields)
    return SignedIn(client, person, factory.sign_in(client, person))


def reload(db: Session, alert: SafeguardingAlert) -> SafeguardingAlert:
    db.expire_all()
    fresh = db.get(SafeguardingAlert, alert.id)
    assert fresh is not None
    return fresh


def trail_kinds(db: Session, alert: SafeguardingAlert) -> list[str]:
    return [event.kind for event in alerts.events(db, alert)]


def closed_alert(db: Session, factory: Factory, settings: Settings) -> SafeguardingAlert:
    """An alert closed as "no further action" by another lead, committed."""
    alert = make_alert(factory, settings)
    closer = factory.make_person(roles=(Role.SAFEGUARDING_LEAD,))
    alerts.record_outcome(db, alert, closer.id, AlertOutcome.NFA, WRONG_NOTE)  # type: ignore[arg-type]
    db.commit()
    return alert


def test_a_lead_reopens_a_wrong_outcome_with_a_reason_and_records_the_right_one(
    client: TestClient, db: Session, factory: Factory, settings: Settings
) -> None:
    alert = make_alert(factory, settings)
    db.commit()
    url = f"/safeguarding/alerts/{alert.id}"
    closer = lead(client, factory, given_name="Ash", family_name="Closer")
    closer.follow(closer.post(f"{url}/outcome", {"outcome": "nfa", "note": WRONG_NOTE}))
    closed = reload(db, alert)
    assert closed.status is AlertStatus.CLOSED
    closed_at = closed.closed_at

    me = lead(client, factory, given_name="Bo", family_name="Reopener")
    shown = me.get(url)
    form = page(shown).select_one(f"main form[action$='{url}/reopen']")
    assert form is not None
    assert form.select_one("textarea[name=reason]") is not None
    assert "Reopen this alert" in [b.get_text(strip=True) for b in form.select("button")]

    response = me.post(f"{url}/reopen", {"reason": REASON})
    assert response.status_code == 303
    shown = me.follow(response)

    assert flash(shown).startswith("You have reopened this alert and have it now.")
    assert heading(shown) == f"Alert {alert.id} Acknowledged"
    reopened = reload(db, alert)
    assert reopened.status is AlertStatus.ACKNOWLEDGED
    assert reopened.acknowledged_by_id == me.person.id
    assert reopened.acknowledged_at is not None
    hours = timedelta(hours=settings.safeguarding_respond_hours)
    assert reopened.respond_by == reopened.acknowledged_at + hours
    assert (reopened.outcome, reopened.outcome_note) == (None, "")
    assert (reopened.closed_at, reopened.closed_by_id) == (None, None)
    # The page offers the outcome again, not reopening.
    assert page(shown).select_one(f"main form[action$='{url}/outcome']") is not None
    assert page(shown).select_one(f"main form[action$='{url}/reopen']") is None

    trail = table_rows(shown, "h2#trail-heading + div table")
    assert [row[1] for row in trail] == [
        "Alert raised", "Acknowledged", "Outcome recorded", "Reopened",
    ]  # fmt: skip
    when, _, who, details = trail[-1]
    assert who == "Bo Reopener"
    assert f"Why: {REASON}" in details
    assert (
        f"Outcome undone: No further action, recorded by Ash Closer on "
        f"{format_datetime(closed_at)}."
    ) in details
    assert "a family friend stays at weekends. Nothing to do." in details  # the old note
    [reopened_audit] = audit(db, "safeguarding_alert.reopened")
    assert reopened_audit.actor_id == me.person.id
    assert reopened_audit.record_id == str(alert.id)
    assert json.loads(reopened_audit.detail) == {"outcome_undone": "nfa"}

    note = "Social worker saw her alone; referred to the front door. MASH ref 456."
    right = {"outcome": AlertOutcome.REFERRAL_TO_FRONT_DOOR.value, "note": note}
    shown = me.follow(me.post(f"{url}/outcome", right))
    assert flash(shown) == "Outcome recorded: Referral to the front door. The alert is closed."
    final = reload(db, alert)
    assert final.status is AlertStatus.CLOSED
    assert final.outcome is AlertOutcome.REFERRAL_TO_FRONT_DOOR and final.outcome_note == note
    assert final.closed_by_id == me.person.id
    kinds = [row[1] for row in table_rows(shown, "h2#trail-heading + div table")]
    assert kinds[-2:] == ["Reopened", "Outcome recorded"]
    assert len(audit(db, "safeguarding_alert.closed")) == 2


def test_a_missing_or_too_long_reason_is_shown_beside_the_box_and_nothing_changes(
    client: TestClient, db: Session, factory: Factory, settings: Settings
) -> None:
    alert = closed_alert(db, factory, settings)
    me = lead(client, factory)
    url = f"/safeguarding/alerts/{alert.id}/reopen"
    missing = "Say why you are reopening this alert, so the next person knows"

    response = me.post(url, {"reason": "  \n "})
    assert response.status_code == 422
    assert page(response).title is not None
    assert page(response).title.get_text().startswith("Error:")  # type: ignore[union-attr]
    assert error_summary(response) == [missing]
    assert field_error(response, "reason") == missing
    link = page(response).select_one(".govuk-error-summary a")
    assert link is not None and link["href"] == "#reason"
    assert page(response).select_one("textarea#reason[name=reason]") is not None

    typed = "Closed by mistake.\n" + "x" * 5000
    response = me.post(url, {"reason": typed})
    assert response.status_code == 422
    assert field_error(response, "reason") == "The reason must be 5,000 characters or fewer"
    assert value_of(response, "reason") == typed
    # the outcome's form is not shown with an error it did not have
    assert field_error(response, "note") == ""

    unchanged = reload(db, alert)
    assert unchanged.status is AlertStatus.CLOSED
    assert unchanged.outcome is AlertOutcome.NFA and unchanged.outcome_note == WRONG_NOTE
    assert "reopened" not in trail_kinds(db, unchanged)
    assert audit(db, "safeguarding_alert.reopened") == []


def test_people_without_the_permission_cannot_reopen_an_alert(
    client: TestClient, db: Session, factory: Factory, settings: Settings
) -> None:
    alert = closed_alert(db, factory, settings)
    for role in (Role.PRACTITIONER, Role.SUPERVISOR):
        someone = sign_in_as(client, factory, role)
        response = someone.post(f"/safeguarding/alerts/{alert.id}/reopen", {"reason": REASON})
        assert response.status_code == 403
    unchanged = reload(db, alert)
    assert unchanged.status is AlertStatus.CLOSED and unchanged.outcome is AlertOutcome.NFA
    assert "reopened" not in trail_kinds(db, unchanged)
    assert audit(db, "safeguarding_alert.reopened") == []


def test_another_councils_alert_cannot_be_reopened(
    client: TestClient, db: Session, factory: Factory, settings: Settings
) -> None:
    elsewhere = factory.make_council(slug="far-away")
    alert = make_alert(factory, settings, team_id=factory.make_team(council_id=elsewhere.id).id)
    alert.council_id = elsewhere.id
    db.add(alert)
    alerts.record_outcome(db, alert, factory.make_person().id, AlertOutcome.NFA, WRONG_NOTE)  # type: ignore[arg-type]
    db.commit()

    me = lead(client, factory)
    assert me.post(f"/safeguarding/alerts/{alert.id}/reopen", {"reason": REASON}).status_code == 404
    assert reload(db, alert).status is AlertStatus.CLOSED
    [refused] = audit(db, "safeguarding.alert.refused")
    assert (refused.actor_id, refused.record_id) == (me.person.id, str(alert.id))


@pytest.mark.parametrize("acknowledged", [False, True], ids=["open", "acknowledged"])
def test_an_alert_that_is_not_closed_cannot_be_reopened(
    client: TestClient, db: Session, factory: Factory, settings: Settings, acknowledged: bool
) -> None:
    alert = make_alert(factory, settings)
    holder = factory.make_person(roles=(Role.SAFEGUARDING_LEAD,))
    if acknowledged:
        alerts.acknowledge(db, alert, holder.id)  # type: ignore[arg-type]
    db.commit()
    before = reload(db, alert)
    status, respond_by = before.status, before.respond_by
    me = lead(client, factory)
    url = f"/safeguarding/alerts/{alert.id}"
    assert page(me.get(url)).select_one(f"form[action$='{url}/reopen']") is None

    shown = me.follow(me.post(f"{url}/reopen", {"reason": REASON}))

    assert flash(shown) == "This alert is not closed, so there is nothing to reopen."
    inset = page(shown).select_one("#reopen-not-recorded")
    assert inset is not None and REASON in inset.get_text(" ", strip=True)  # not lost
    after = reload(db, alert)
    assert (after.status, after.respond_by) == (status, respond_by)
    assert after.acknowledged_by_id == (holder.id if acknowledged else None)
    assert "reopened" not in trail_kinds(db, after)
    assert audit(db, "safeguarding_alert.reopened") == []
    with pytest.raises(alerts.AlertError, match="nothing to reopen"):
        alerts.reopen(db, settings, after, me.person.id, REASON)  # type: ignore[arg-type]


def test_reopening_again_says_who_reopened_it_and_when(
    db: Session, factory: Factory, settings: Settings
) -> None:
    alert = closed_alert(db, factory, settings)
    first = factory.make_person(roles=(Role.SAFEGUARDING_LEAD,), given_name="Helen")
    second = factory.make_person(roles=(Role.SAFEGUARDING_LEAD,))

    alerts.reopen(db, settings, alert, first.id, REASON)  # type: ignore[arg-type]
    reopened_at = alert.acknowledged_at
    assert reopened_at is not None
    with pytest.raises(alerts.AlertError) as refused:
        alerts.reopen(db, settings, alert, second.id, "Me too")  # type: ignore[arg-type]

    at = to_london(reopened_at).strftime("%H:%M")
    assert str(refused.value) == f"{first.name} has already reopened this alert at {at}"
    assert alert.acknowledged_by_id == first.id
    assert [(e.kind, e.actor_id) for e in alerts.events(db, alert)][-1] == ("reopened", first.id)
    assert trail_kinds(db, alert).count("reopened") == 1


def test_a_reason_is_needed_to_reopen(db: Session, factory: Factory, settings: Settings) -> None:
    alert = closed_alert(db, factory, settings)
    me = factory.make_person(roles=(Role.SAFEGUARDING_LEAD,))
    with pytest.raises(alerts.AlertError, match="Say why"):
        alerts.reopen(db, settings, alert, me.id, "   ")  # type: ignore[arg-type]
    assert reload(db, alert).status is AlertStatus.CLOSED


def test_a_reopened_alert_is_live_again_in_the_inbox_and_counts_and_escalates_when_overdue(
    db: Session, factory: Factory, settings: Settings
) -> None:
    """Its new respond-by time counts from the reopening: not overdue at once, however old
    the alert, and escalated from the foot of the ladder again when the new time passes."""
    alert = make_alert(factory, settings, now=RAISED)
    me = factory.make_person(roles=(Role.SAFEGUARDING_LEAD,))
    assert escalate_overdue(db, settings, minutes(31)) == [alert]  # nobody had it in time
    alerts.record_outcome(db, alert, me.id, AlertOutcome.NFA, WRONG_NOTE, now=minutes(40))  # type: ignore[arg-type]
    reopened_at = minutes(24 * 60)  # the next day: long past the first respond-by time

    alerts.reopen(db, settings, alert, me.id, REASON, now=reopened_at)  # type: ignore[arg-type]

    hours = settings.safeguarding_respond_hours
    respond_by = reopened_at + timedelta(hours=hours)
    assert alert.respond_by == respond_by and alert.escalation_level == 0
    soon = reopened_at + timedelta(minutes=10)
    found = alert_queries.inbox(db, settings, alert.council_id, soon)
    assert [row.alert.id for row in found.live] == [alert.id] and found.closed == []
    [row] = found.live
    assert not row.overdue and not row.waiting
    assert row.time_left == f"{hours - 1} hours 50 minutes left"
    assert alert_queries.open_counts(db, alert.council_id, soon) == (1, 0)
    late = respond_by + timedelta(minutes=1)
    assert alert_queries.open_counts(db, alert.council_id, late) == (1, 1)

    assert escalate_overdue(db, settings, respond_by - timedelta(minutes=1)) == []
    assert escalate_overdue(db, settings, respond_by) == [alert]
    assert alert.escalation_level == 1
    overdue = alerts.events(db, alert)[-1]
    assert overdue.kind == "outcome_overdue" and me.name in overdue.note

    alerts.record_outcome(db, alert, me.id, AlertOutcome.POLICE, "Called the police", now=late)  # type: ignore[arg-type]
    assert alert.status is AlertStatus.CLOSED
    pending = db.exec(
        select(OutboxMessage)
        .where(OutboxMessage.kind == ESCALATION_KIND)
        .where(OutboxMessage.status == OutboxStatus.PENDING)
    ).all()
    assert pending == []  # the overdue email not yet sent is cancelled, as for any outcome
