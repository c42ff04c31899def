"""An open safeguarding alert holds the child's words out of the themes. Reopening a closed
alert holds them again at once, however old the feedback (the intake every quarter of an hour
looks back 60 days only); closing one lets them in at once, to be shown with the next run."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from learning.core.clock import today, utcnow
from learning.core.db import Database
from learning.core.permissions import Role
from learning.feedback.models import FeedbackSubmission, SafeguardingAlert
from learning.feedback.terms import FormKind
from learning.themes import jobs, sources
from learning.themes.models import ThemeItem, ThemeRunRecord
from learning.themes.recluster import recluster
from learning.themes.terms import ItemState, RunStatus, RunTrigger
from tests.factories import Factory
from tests.feedback.factories import FeedbackFactory
from tests.supervision.factories import sign_in
from tests.themes.factories import ListedSource, stored

WORDS = "my social worker never calls me back and i wait weeks and he locks me in"


def the_item(db: Session, council_id: int, submission_id: int) -> ThemeItem:
    return next(
        i for i in stored(db, council_id).values()
        if i.source_ref.startswith(f"feedback:{submission_id}:")
    )  # fmt: skip


def flagged_feedback_90_days_old(
    factory: Factory, db: Session, council_id: int, listed: ListedSource,
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[FeedbackSubmission, SafeguardingAlert]:  # fmt: skip
    monkeypatch.setattr(sources, "_REGISTRY", {
        "listed": listed, "feedback": "learning.feedback.learning:learning_items"})  # fmt: skip
    listed.add_corpus(per_theme=12, teams=("North",))
    team = factory.make_team(name="North")
    link = FeedbackFactory(factory).make_link(team_id=team.id).link
    submission = FeedbackSubmission(
        council_id=council_id, team_id=team.id, link_id=link.id,
        form_kind=FormKind.YOUNG_PERSON, answers=json.dumps({"better": WORDS}),
        flagged=True, receipt_hash="receipt-hash", delete_after=today() + timedelta(days=700),
        submitted_at=utcnow() - timedelta(days=90),  # older than the intake looks back
    )  # fmt: skip
    db.add(submission)
    db.flush()
    alert = SafeguardingAlert(council_id=council_id, team_id=team.id,
                              submission_id=submission.id or 0,
                              respond_by=utcnow() + timedelta(hours=4))  # fmt: skip
    db.add(alert)
    db.commit()
    return submission, alert


def test_reopening_an_alert_holds_its_words_at_once_and_closing_lets_them_in(
    client: TestClient, factory: Factory, db: Session, database: Database, council_id: int,
    listed: ListedSource, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    submission, alert = flagged_feedback_90_days_old(factory, db, council_id, listed, monkeypatch)
    recluster(database, council_id)
    assert the_item(db, council_id, submission.id or 0).state is ItemState.HELD
    lead = sign_in(client, factory, factory.make_person(roles=(Role.SAFEGUARDING_LEAD,)))

    outcome = {"outcome": "nfa", "note": "Spoke to the child: it was about a game."}
    closed = lead.post(f"/safeguarding/alerts/{alert.id}/outcome", outcome)

    assert closed.status_code == 303
    released = the_item(db, council_id, submission.id or 0)
    assert released.state is not ItemState.HELD and "locks me in" in released.text

    reason = {"reason": "New information: the child may be at risk after all."}
    reopened = lead.post(f"/safeguarding/alerts/{alert.id}/reopen", reason)

    assert reopened.status_code == 303
    held = the_item(db, council_id, submission.id or 0)
    assert held.state is ItemState.HELD and held.text == ""


def test_an_alert_reopened_while_the_themes_are_worked_out_holds_its_words_at_once(
    client: TestClient, factory: Factory, db: Session, database: Database, council_id: int,
    listed: ListedSource, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """While a run goes on, what arrives waits for the run or the intake after it; but the
    intake looks back 60 days only, so a reopened alert's older words stayed in the themes
    until the nightly sync. Words to be held are held at once, run or no run."""
    submission, alert = flagged_feedback_90_days_old(factory, db, council_id, listed, monkeypatch)
    recluster(database, council_id)
    lead = sign_in(client, factory, factory.make_person(roles=(Role.SAFEGUARDING_LEAD,)))
    outcome = {"outcome": "nfa", "note": "Spoke to the child: it was about a game."}
    assert lead.post(f"/safeguarding/alerts/{alert.id}/outcome", outcome).status_code == 303
    assert the_item(db, council_id, submission.id or 0).state is not ItemState.HELD
    going = ThemeRunRecord(council_id=council_id, trigger=RunTrigger.ON_DEMAND,
                           status=RunStatus.RUNNING, started_at=utcnow())  # fmt: skip
    db.add(going)
    db.commit()

    reason = {"reason": "New information: the child may be at risk after all."}
    assert lead.post(f"/safeguarding/alerts/{alert.id}/reopen", reason).status_code == 303

    held = the_item(db, council_id, submission.id or 0)
    assert held.state is ItemState.HELD and held.text == ""
    going.status, going.finished_at = RunStatus.FINISHED, utcnow()
    db.add(going)
    db.commit()
    jobs.intake(database)
    held = the_item(db, council_id, submission.id or 0)
    assert held.state is ItemState.HELD and held.text == ""
