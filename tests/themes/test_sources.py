"""Where themed text comes from: one interface for every source. Supervision shares what
supervisees allowed; feedback shares what children and families wrote, de-identified, with
its question; anything under safeguarding review or in quarantine is held: counted, with no
text, until a person releases it."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlmodel import Session

from learning.core.clock import today, utcnow
from learning.core.db import Database
from learning.feedback.learning import learning_items as feedback_items
from learning.feedback.models import FeedbackSubmission, SafeguardingAlert
from learning.feedback.terms import AlertStatus, FormKind, LinkSubject, QuarantineReason
from learning.org.models import Person, Team
from learning.themes import sources
from learning.themes.intake import sync_items
from learning.themes.sources import Arrival, collect, register_source
from learning.themes.terms import ItemState
from tests.factories import Factory
from tests.feedback.factories import FeedbackFactory
from tests.supervision.factories import SupervisionFactory
from tests.themes.factories import ListedSource, stored

_receipts = iter(range(10**6))


@pytest.fixture
def team(factory: Factory) -> Team:
    return factory.make_team(name="Child in Need North")


@pytest.fixture
def worker(factory: Factory, team: Team) -> Person:
    return factory.make_person(team_id=team.id, given_name="Morwenna", family_name="Trevithick")


def submit(
    factory: Factory,
    team: Team,
    answers: dict[str, object],
    *,
    form_kind: FormKind = FormKind.YOUNG_PERSON,
    worker: Person | None = None,
    days_ago: int = 3,
    **fields: object,
) -> FeedbackSubmission:
    link_fields = {"subject": LinkSubject.WORKER, "worker_id": worker.id} if worker else {}
    link = FeedbackFactory(factory).make_link(team_id=team.id, **link_fields).link
    submission = FeedbackSubmission(
        council_id=factory.council.id,
        team_id=team.id,
        link_id=link.id,
        form_kind=form_kind,
        answers=json.dumps(answers),
        receipt_hash=f"receipt-{next(_receipts)}",
        submitted_at=utcnow() - timedelta(days=days_ago),
        delete_after=today() + timedelta(days=700),
        **fields,
    )
    factory.db.add(submission)
    factory.db.commit()
    return submission


def alert(
    factory: Factory, submission: FeedbackSubmission, status: AlertStatus
) -> SafeguardingAlert:
    row = SafeguardingAlert(
        council_id=submission.council_id,
        team_id=submission.team_id,
        submission_id=submission.id,
        status=status,
        respond_by=utcnow() + timedelta(hours=4),
    )
    factory.db.add(row)
    factory.db.commit()
    return row


def council(factory: Factory) -> int:
    assert factory.council.id is not None
    return factory.council.id


# Feedback -------------------------------------------------------------------------------


def test_a_written_answer_is_shared_with_its_question_team_date_and_form(
    db: Session, factory: Factory, team: Team
) -> None:
    submission = submit(factory, team, {"good": "They listened to me.", "space": "yes"})

    [item] = feedback_items(db, council(factory))

    assert item.id == f"feedback:{submission.id}:good"
    assert item.text == "They listened to me."
    assert item.source == "feedback_young_person"
    assert item.team == "Child in Need North"
    assert item.date == today() - timedelta(days=3)
    assert item.question == "What is going well?"  # as the young person's form asks it
    assert not item.held


def test_each_house_of_the_three_houses_is_its_own_question(
    db: Session, factory: Factory, team: Team
) -> None:
    submit(
        factory,
        team,
        {"worries": "Moving school.", "dreams": "A dog.", "audience": "yes"},
        form_kind=FormKind.THREE_HOUSES,
    )

    items = feedback_items(db, council(factory))

    assert sorted((i.question, i.text) for i in items) == [
        ("House of dreams", "A dog."),
        ("House of worries", "Moving school."),
    ]
    assert {i.source for i in items} == {"feedback_three_houses"}


def test_answers_chosen_on_a_scale_are_not_text_to_theme(
    db: Session, factory: Factory, team: Team
) -> None:
    submit(factory, team, {"space": "a_bit", "voice": "no", "audience": "yes", "good": " "})

    assert feedback_items(db, council(factory)) == []


def test_feedback_text_is_de_identified_including_the_workers_name_and_contact_name(
    db: Session, factory: Factory, team: Team, worker: Person
) -> None:
    submit(
        factory,
        team,
        {"better": "Morwenna said ring 07700 900123, ask for Kensa Pascoe. Trevithick was late."},
        worker=worker,
        wants_contact=True,
        contact_name="Kensa Pascoe",
    )

    [item] = feedback_items(db, council(factory))

    for secret in ("Morwenna", "Trevithick", "07700", "Kensa", "Pascoe"):
        assert secret not in item.text
    assert "[name]" in item.text and "[phone]" in item.text


def test_partner_professionals_feedback_is_not_themed(
    db: Session, factory: Factory, team: Team
) -> None:
    submit(factory, team, {"good": "Good joint working."}, form_kind=FormKind.PARTNER)
    submit(factory, team, {"good": "Good foster support."}, form_kind=FormKind.FOSTER_CARER)

    assert [i.source for i in feedback_items(db, council(factory))] == ["feedback_foster_carer"]


@pytest.mark.parametrize(
    ("fields", "alert_status", "held"),
    [
        pytest.param({"flagged": True}, AlertStatus.OPEN, True, id="alert-open"),
        pytest.param({"flagged": True}, AlertStatus.ACKNOWLEDGED, True, id="alert-acknowledged"),
        pytest.param({"flagged": True}, AlertStatus.CLOSED, False, id="alert-closed"),
        pytest.param({"worried_about_safety": True}, AlertStatus.OPEN, True, id="self-reported"),
        pytest.param({"flagged": True}, None, True, id="flagged-without-alert"),
        pytest.param(
            {"quarantine_reason": QuarantineReason.TOO_FAST}, None, True, id="quarantined"
        ),
        pytest.param(
            {"quarantine_reason": QuarantineReason.TOO_FAST, "released_at": utcnow()},
            None,
            False,
            id="released",
        ),
    ],
)
def test_feedback_waiting_for_a_person_is_held_with_no_text(
    db: Session,
    factory: Factory,
    team: Team,
    fields: dict[str, object],
    alert_status: AlertStatus | None,
    held: bool,
) -> None:
    submission = submit(factory, team, {"better": "Someone hurts me at home."}, **fields)
    if alert_status is not None:
        alert(factory, submission, alert_status)

    [item] = feedback_items(db, council(factory))

    assert item.held is held
    assert (item.text == "") is held


def test_feedback_since_a_date_leaves_out_older_submissions(
    db: Session, factory: Factory, team: Team
) -> None:
    submit(factory, team, {"good": "Old news."}, days_ago=40)
    submit(factory, team, {"good": "New news."}, days_ago=2)

    items = feedback_items(db, council(factory), today() - timedelta(days=10))

    assert [i.text for i in items] == ["New news."]


# The interface ----------------------------------------------------------------------------


def test_every_registered_source_is_collected_oldest_first(
    db: Session, factory: Factory, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    sf = SupervisionFactory(factory)
    supervisor, supervisee = sf.make_pair(team_id=team.id)
    session = sf.make_session(
        supervisor, supervisee, planned_for=today() - timedelta(days=9), signed=True
    )
    case = sf.make_case_discussion(session, learning_point="Meeting the father early helped.")
    submit(factory, team, {"good": "They came when they said."}, days_ago=1)
    monkeypatch.setattr(sources, "_REGISTRY", dict(sources._REGISTRY))
    surveys = ListedSource()
    surveys.add(
        "More time for reflection please.",
        source="survey_practitioners",
        day=today() - timedelta(days=5),
    )
    register_source("surveys", surveys)

    found = collect(db, council(factory))

    assert [(a.source, a.text) for a in found] == [
        ("supervision_case_learning", "Meeting the father early helped."),
        ("survey_practitioners", "More time for reflection please."),
        ("feedback_young_person", "They came when they said."),
    ]
    assert found[0] == Arrival(
        "supervision_case_learning",
        f"supervision:case:{case.id}",
        "Meeting the father early helped.",
        "Child in Need North",
        today() - timedelta(days=9),
        "Case learning point",
        respondent=f"person:{supervisee.id}",  # the supervisee, by id: never a name
    )
    survey = found[1]
    assert survey.respondent == f"item:survey_practitioners:{survey.source_ref}"  # its own


def test_a_source_named_by_module_is_imported_on_first_use(
    db: Session, factory: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "_REGISTRY", {})
    register_source("feedback", "learning.feedback.learning:learning_items")

    assert sources.registered()["feedback"] is feedback_items
    assert collect(db, council(factory)) == []


# Held items on their way in ---------------------------------------------------------------


def test_a_held_item_is_stored_without_text_and_comes_in_when_released(
    db: Session, database: Database, factory: Factory, team: Team
) -> None:
    submission = submit(factory, team, {"better": "My stepdad hits me."}, flagged=True)
    raised = alert(factory, submission, AlertStatus.OPEN)
    with database.transaction() as session:
        sync_items(session, council(factory))

    [held] = stored(db, council(factory)).values()
    assert (held.state, held.text, held.vector) == (ItemState.HELD, "", None)

    raised.status = AlertStatus.CLOSED
    factory.db.add(raised)
    factory.db.commit()
    with database.transaction() as session:
        counts = sync_items(session, council(factory))

    [released] = stored(db, council(factory)).values()
    assert counts.changed == 1
    assert released.id == held.id
    assert released.state is ItemState.NOT_YET_THEMED  # no themes yet to place it in
    assert released.text == "My stepdad hits me."


def test_a_full_sync_removes_what_a_source_no_longer_shares(
    db: Session, database: Database, factory: Factory, team: Team
) -> None:
    sf = SupervisionFactory(factory)
    supervisor, supervisee = sf.make_pair(team_id=team.id)
    session = sf.make_session(supervisor, supervisee, signed=True)
    sf.make_case_discussion(session, learning_point="Seeing the children alone mattered.")
    with database.transaction() as db_:
        sync_items(db_, council(factory))
    assert len(stored(db, council(factory))) == 1

    session.share_case_learning = False
    factory.db.add(session)
    factory.db.commit()
    with database.transaction() as db_:
        recent = sync_items(db_, council(factory), today() - timedelta(days=60))
        full = sync_items(db_, council(factory))

    assert (recent.removed, full.removed) == (0, 1)
    assert stored(db, council(factory)) == {}


def test_items_are_dated_on_the_day_they_happened(
    db: Session, factory: Factory, team: Team
) -> None:
    submit(factory, team, {"good": "Kind and calm."}, days_ago=0)

    [item] = feedback_items(db, council(factory))

    assert isinstance(item.date, date) and item.date == today()
