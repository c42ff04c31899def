"""The safeguarding inbox: a council's alerts, open first with the overdue marked; an alert's
page with the feedback (every view audited); acknowledging; recording the outcome with
errors beside the fields and nothing typed lost."""

from __future__ import annotations

import json
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.audit.models import AuditEvent
from learning.core.clock import to_london, utcnow
from learning.core.config import Settings
from learning.core.permissions import Role
from learning.feedback import alerts
from learning.feedback.models import SafeguardingAlert
from learning.feedback.terms import AlertOutcome, AlertStatus, FormKind
from tests.factories import Factory
from tests.factories import audit_events as audit
from tests.feedback.alert_helpers import CHILD_WORDS, make_alert
from tests.org.conftest import SignedIn, sign_in_as
from tests.org.pages import error_summary, field_error, flash, heading, page, table_rows, value_of


def lead(client: TestClient, factory: Factory) -> SignedIn:
    return sign_in_as(client, factory, Role.SAFEGUARDING_LEAD)


def reload(db: Session, alert: SafeguardingAlert) -> SafeguardingAlert:
    db.expire_all()
    fresh = db.get(SafeguardingAlert, alert.id)
    assert fresh is not None
    return fresh


def test_the_inbox_lists_open_alerts_first_marks_the_overdue_and_shows_only_this_council(
    client: TestClient, db: Session, factory: Factory, settings: Settings
) -> None:
    now = utcnow()
    old = make_alert(factory, settings, now=now - timedelta(hours=5))  # respond-by passed
    fresh = make_alert(factory, settings, now=now - timedelta(minutes=5))
    handled = make_alert(factory, settings, now=now - timedelta(hours=1))
    other = factory.make_person(roles=(Role.SAFEGUARDING_LEAD,))
    alerts.acknowledge(db, handled, other.id)
    closed = make_alert(factory, settings, now=now - timedelta(days=1))
    alerts.record_outcome(db, closed, other.id, AlertOutcome.ADVICE, "Advice to the school")
    elsewhere = factory.make_council(slug="elsewhere")
    elsewhere_team = factory.make_team(council_id=elsewhere.id)
    hidden = make_alert(factory, settings, team_id=elsewhere_team.id)
    hidden.council_id = elsewhere.id
    db.add(hidden)
    db.commit()

    response = lead(client, factory).get("/safeguarding/alerts")
    assert response.status_code == 200
    live = table_rows(response)
    expected = [f"Alert {old.id}", f"Alert {fresh.id}", f"Alert {handled.id}"]
    assert [row[0] for row in live] == expected
    assert live[0][1] == "Not acknowledged"
    assert live[0][2].startswith("Overdue") and "Overdue by" in live[0][2]
    assert "Not acknowledged in time" in live[0][2]
    assert "Overdue" not in live[1][2] and "left" in live[1][2]
    assert live[2][1] == "Acknowledged"
    assert "Physical abuse" in live[0][3]
    closed_rows = table_rows(response, "h2#closed-heading + div table")
    assert closed_rows[0][:2] == [f"Alert {closed.id}", "Advice given"]
    assert f"Alert {hidden.id}" not in response.text


def test_the_alert_page_shows_the_feedback_and_every_view_is_audited(
    client: TestClient, db: Session, factory: Factory, settings: Settings
) -> None:
    alert = make_alert(
        factory,
        settings,
        self_reported=True,
        form_kind=FormKind.YOUNG_PERSON,
        answers=json.dumps({"anything_else": CHILD_WORDS + "\nPlease help"}),
        wants_contact=True,
        contact_name="Sam",
        contact_detail="07700 900 982",
    )
    db.commit()
    me = lead(client, factory)

    response = me.get(f"/safeguarding/alerts/{alert.id}")
    assert response.status_code == 200
    assert heading(response).startswith(f"Alert {alert.id}")
    text = page(response).get_text(" ", strip=True)
    assert CHILD_WORDS in text and "Please help" in text
    assert "Sam" in text and "07700 900 982" in text
    assert "Physical abuse" in text and "Asked for help" in text
    assert "call the police on 999" in text
    me.get(f"/safeguarding/alerts/{alert.id}")
    viewed = audit(db, "safeguarding_alert.viewed")
    assert [(e.record_id, e.actor_id) for e in viewed] == [(str(alert.id), me.person.id)] * 2


def test_the_alert_page_marks_the_words_that_made_the_flag_and_says_why(
    client: TestClient, db: Session, factory: Factory, settings: Settings
) -> None:
    worries = "We moved house.\n<b>My stepdad</b> hits me with a belt & I am scared"
    alert = make_alert(
        factory,
        settings,
        answers=json.dumps({"worries": worries, "good_things": "My worker listens"}),
    )
    db.commit()

    response = lead(client, factory).get(f"/safeguarding/alerts/{alert.id}")
    rows = page(response).select(".govuk-summary-list__row")
    by_question = {row.select_one("dt").get_text(strip=True): row.select_one("dd") for row in rows}
    answer = next(dd for dd in by_question.values() if dd and "belt" in dd.get_text())
    assert [m.get_text() for m in answer.select("mark.app-flagged")] == [
        "hits me",
        "belt",
        "scared",
    ]
    assert answer.select_one("b") is None and "<b>My stepdad</b>" in answer.get_text()
    assert answer.select("br")  # the line break kept
    why = [" ".join(li.get_text().split()) for li in answer.select(".app-why li")]
    assert why == [
        "Physical abuse: “hits me”, “belt”",
        "Fear (scared of someone or of going home): “scared”",
    ]  # in the order they were written
    calm = next(dd for dd in by_question.values() if dd and "My worker listens" in dd.get_text())
    assert calm.select("mark") == [] and calm.select(".app-why") == []


def test_another_councils_alert_is_not_found(
    client: TestClient, db: Session, factory: Factory, settings: Settings
) -> None:
    elsewhere = factory.make_council(slug="far-away")
    alert = make_alert(factory, settings, team_id=factory.make_team(council_id=elsewhere.id).id)
    alert.council_id = elsewhere.id
    db.add(alert)
    db.commit()
    me = lead(client, factory)
    assert me.get(f"/safeguarding/alerts/{alert.id}").status_code == 404
    assert me.post(f"/safeguarding/alerts/{alert.id}/acknowledge").status_code == 404
    assert reload(db, alert).status is AlertStatus.OPEN

    # each refusal is kept in the audit log: someone probing alert ids shows up there
    refused = db.exec(
        select(AuditEvent).where(AuditEvent.action == "safeguarding.alert.refused")
    ).all()
    assert [(e.actor_id, e.record_id, json.loads(e.detail)["method"]) for e in refused] == [
        (me.person.id, str(alert.id), "GET"),
        (me.person.id, str(alert.id), "POST"),
    ]


def test_people_without_the_permission_are_refused(
    client: TestClient, db: Session, factory: Factory, settings: Settings
) -> None:
    alert = make_alert(factory, settings)
    db.commit()
    worker = sign_in_as(client, factory, Role.PRACTITIONER)
    assert worker.get("/safeguarding/alerts").status_code == 403
    assert worker.get(f"/safeguarding/alerts/{alert.id}").status_code == 403
    assert worker.post(f"/safeguarding/alerts/{alert.id}/acknowledge").status_code == 403
    assert reload(db, alert).status is AlertStatus.OPEN


def test_acknowledge_once(
    client: TestClient, db: Session, factory: Factory, settings: Settings
) -> None:
    alert = make_alert(factory, settings)
    db.commit()
    me = lead(client, factory)

    shown = me.follow(me.post(f"/safeguarding/alerts/{alert.id}/acknowledge"))
    assert "You have acknowledged this alert" in flash(shown)
    acknowledged = reload(db, alert)
    assert acknowledged.status is AlertStatus.ACKNOWLEDGED
    assert acknowledged.acknowledged_by_id == me.person.id
    assert len(audit(db, "safeguarding_alert.acknowledged")) == 1
    assert "Acknowledge" not in [b.get_text(strip=True) for b in page(shown).select("button")]
    trail = table_rows(shown, "h2#trail-heading + div table")
    assert [row[1] for row in trail] == ["Alert raised", "Acknowledged"]
    assert trail[1][2] == me.person.name

    again = me.follow(me.post(f"/safeguarding/alerts/{alert.id}/acknowledge"))
    assert len(audit(db, "safeguarding_alert.acknowledged")) == 1
    # Whoever tries again is told who has it, and since when, so they know whom to ask.
    at = to_london(acknowledged.acknowledged_at).strftime("%H:%M")  # type: ignore[arg-type]
    assert flash(again) == f"{me.person.name} has already acknowledged this alert at {at}"


def test_the_outcome_form_shows_errors_beside_fields_and_keeps_what_was_typed(
    client: TestClient, db: Session, factory: Factory, settings: Settings
) -> None:
    alert = make_alert(factory, settings)
    db.commit()
    me = lead(client, factory)
    url = f"/safeguarding/alerts/{alert.id}/outcome"

    response = me.post(url, {"outcome": "", "note": "  "})
    assert response.status_code == 422
    assert error_summary(response) == [
        "Choose what was done",
        "Say what you did and why, so the next person can follow it",
    ]
    assert field_error(response, "outcome") == "Choose what was done"

    typed = "Rang the school's designated lead.\nThey know the family."
    response = me.post(url, {"outcome": "made-up", "note": typed})
    assert response.status_code == 422
    assert field_error(response, "outcome") == "Choose what was done"
    assert field_error(response, "note") == ""
    assert value_of(response, "note") == typed
    assert reload(db, alert).status is AlertStatus.OPEN


def test_acknowledging_keeps_an_outcome_and_note_already_typed(
    client: TestClient, db: Session, factory: Factory, settings: Settings
) -> None:
    """The Acknowledge button sits in the outcome's form, so what was typed comes back."""
    alert = make_alert(factory, settings)
    db.commit()
    me = lead(client, factory)
    form = page(me.get(f"/safeguarding/alerts/{alert.id}")).select_one(
        f"main form[action$='/safeguarding/alerts/{alert.id}/outcome']"
    )
    assert form is not None and form.select_one(
        f"button[formaction$='/safeguarding/alerts/{alert.id}/acknowledge']"
    )
    assert form.select_one("textarea[name=note]") is not None
    note = "Spoke to the child's social worker; home visit today."

    shown = me.follow(
        me.post(f"/safeguarding/alerts/{alert.id}/acknowledge", {"outcome": "advice", "note": note})
    )

    assert "You have acknowledged this alert" in flash(shown)
    assert value_of(shown, "note") == note
    checked = page(shown).select_one("input[name=outcome][checked]")
    assert checked is not None and checked["value"] == "advice"
    assert reload(db, alert).status is AlertStatus.ACKNOWLEDGED
    assert value_of(me.get(f"/safeguarding/alerts/{alert.id}"), "note") == ""  # kept once


def test_recording_an_outcome_closes_the_alert_and_acknowledges_it(
    client: TestClient, db: Session, factory: Factory, settings: Settings
) -> None:
    alert = make_alert(factory, settings)
    db.commit()
    me = lead(client, factory)
    note = "Referred to the front door.\nMASH ref 123."

    shown = me.follow(
        me.post(
            f"/safeguarding/alerts/{alert.id}/outcome",
            {"outcome": AlertOutcome.REFERRAL_TO_FRONT_DOOR.value, "note": note},
        )
    )
    assert "Outcome recorded: Referral to the front door" in flash(shown)
    closed = reload(db, alert)
    assert closed.status is AlertStatus.CLOSED and closed.closed_by_id == me.person.id
    assert closed.outcome_note == note.replace("\r\n", "\n")
    assert "MASH ref 123." in page(shown).get_text(" ")
    assert page(shown).find("form", action=f"/safeguarding/alerts/{alert.id}/outcome") is None
    trail = [row[1] for row in table_rows(shown, "h2#trail-heading + div table")]
    assert trail == ["Alert raised", "Acknowledged", "Outcome recorded"]
    [closed_audit] = audit(db, "safeguarding_alert.closed")
    assert json.loads(closed_audit.detail) == {"outcome": "referral_to_front_door"}

    again = me.post(f"/safeguarding/alerts/{alert.id}/outcome", {"outcome": "nfa", "note": "again"})
    assert "already closed" in flash(me.follow(again))
    assert reload(db, alert).outcome is AlertOutcome.REFERRAL_TO_FRONT_DOOR


def test_the_navigation_offers_the_inbox_to_safeguarding_leads_only(
    client: TestClient, factory: Factory
) -> None:
    def menu(person: SignedIn) -> list[str]:
        return [a.get_text(strip=True) for a in page(person.get("/")).select("nav a")]

    assert "Safeguarding alerts" in menu(lead(client, factory))
    assert "Safeguarding alerts" not in menu(sign_in_as(client, factory, Role.PRACTITIONER))


def test_the_home_page_tells_a_lead_how_many_alerts_need_a_person(
    client: TestClient, db: Session, factory: Factory, settings: Settings
) -> None:
    me = lead(client, factory)
    assert "No alerts need a person now." in page(me.get("/")).get_text(" ")

    make_alert(factory, settings, now=utcnow() - timedelta(hours=5))
    make_alert(factory, settings)
    db.commit()
    panel = page(me.get("/")).select_one("section[aria-labelledby=safeguarding-heading]")
    assert panel is not None
    assert "2 alerts need a person, 1 overdue" in panel.get_text(" ", strip=True)
    assert str(panel.select_one("a")["href"]).endswith("/safeguarding/alerts")  # type: ignore[index]

    worker = sign_in_as(client, factory, Role.PRACTITIONER)
    assert "safeguarding-heading" not in worker.get("/").text


def test_every_closed_alert_can_be_found_a_page_at_a_time(
    client: TestClient, db: Session, factory: Factory, settings: Settings
) -> None:
    """Before, only the 50 most recently closed were shown, with no way to the rest."""
    now = utcnow()
    closer = factory.make_person(roles=(Role.SAFEGUARDING_LEAD,))
    closed = []
    for n in range(57):
        alert = make_alert(factory, settings, now=now - timedelta(days=60 - n))
        alerts.record_outcome(db, alert, closer.id, AlertOutcome.NFA, f"Note {n}",
                              now=now - timedelta(days=59 - n))  # fmt: skip
        closed.append(alert)
    db.commit()
    me = lead(client, factory)

    first = me.get("/safeguarding/alerts")
    rows = table_rows(first, "#closed-heading ~ div table")
    assert [row[0] for row in rows] == [f"Alert {a.id}" for a in reversed(closed[7:])]
    nav = page(first).select_one("nav.govuk-pagination")
    assert nav is not None
    assert "Showing 1 to 50 of 57 closed alerts" in page(first).get_text(" ", strip=True)
    next_link = nav.select_one("a[rel=next]")
    assert next_link is not None and next_link["href"].endswith("?page=2#closed-heading")

    second = me.get("/safeguarding/alerts?page=2")
    rows = table_rows(second, "#closed-heading ~ div table")
    assert [row[0] for row in rows] == [f"Alert {a.id}" for a in reversed(closed[:7])]
    assert "Showing 51 to 57 of 57" in page(second).get_text(" ", strip=True)
    # A page past the last, or not a number, shows a page that exists.
    past = me.get("/safeguarding/alerts?page=9")
    assert past.status_code == 200
    assert "Showing 51 to 57" in page(past).get_text(" ", strip=True)
    assert me.get("/safeguarding/alerts?page=x").status_code == 200
