"""What feedback gives the theme engine: what children, young people, parents and carers
wrote, each answer with the question it answered.

Only written answers count (a choice on a scale is not text to theme), and only from the
child, young person, Three Houses, parent or carer and foster carer forms: partner
professionals' feedback is left out. Every text is de-identified here: :func:`redact` removes
personal data of every kind, and the names no general list knows (the council's staff, the
worker a link is about, the name a person gave for contact) become ``[name]``.

An answer is *held* while a person has still to look at its submission: flagged by the
safeguarding screen (or "I am worried about my safety") with an alert not yet closed, or in
quarantine and not yet checked. A held item carries no text at all: the theme engine counts it
and shows nothing, until it comes back released. A held submission a person kept as spam is
decided, not waiting: it is left out (shares nothing, like partner professionals' feedback),
and the theme engine takes out what it held of it when its themes are next worked out.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, time
from functools import cache
from typing import Any

from sqlmodel import Session, col, select

from learning.core.clock import to_london
from learning.feedback import form_definitions, form_questions
from learning.feedback.models import FeedbackLink, FeedbackSubmission, SafeguardingAlert
from learning.feedback.terms import CHILD_FORMS, AlertStatus, FormKind
from learning.feedback.triage import is_kept_as_spam
from learning.feedback.triage_display import own_language
from learning.org.models import Team
from learning.themes.lookups import once
from learning.themes.names import StaffNames
from learning.themes.redact import redact
from learning.themes.sources import LearningItem, RecordShare

SOURCE_PREFIX = "feedback_"
#: Each answer's id in the theme engine is ``feedback:<submission id>:<question key>``.
ITEM_PREFIX = "feedback:"
THEMED_FORMS = CHILD_FORMS | {FormKind.PARENT_CARER, FormKind.FOSTER_CARER}


def learning_items(
    db: Session, council_id: int, since: date | None = None
) -> list[LearningItem]:
    """Every written answer in the council's child and family feedback, oldest first."""
    names = StaffNames(db, council_id)
    alerts = _alert_status(db, council_id)
    query = (
        select(FeedbackSubmission, FeedbackLink.worker_id, Team.name)
        .join(FeedbackLink, col(FeedbackLink.id) == FeedbackSubmission.link_id)
        .join(Team, col(Team.id) == FeedbackSubmission.team_id)
        .where(
            FeedbackSubmission.council_id == council_id,
            col(FeedbackSubmission.form_kind).in_(sorted(THEMED_FORMS)),
        )
    )
    if since is not None:
        start = datetime.combine(since, time.min, tzinfo=UTC)
        query = query.where(col(FeedbackSubmission.submitted_at) >= start)
    items = [
        item
        for submission, worker_id, team in db.exec(query)
        for item in _items(submission, team, alerts, names, worker_id)
    ]
    return sorted(items, key=lambda item: (item.date, item.id))


def submission_share(db: Session, submission_id: int) -> RecordShare | None:
    """What one submission gives the theme engine now (for its arrival, once stored)."""
    return submission_shares(db, [submission_id]).get(submission_id)


def submission_shares(db: Session, submission_ids: Sequence[int]) -> dict[int, RecordShare]:
    """What each submission gives the theme engine now, read in one go for a batch of
    arrivals (submission id -> share; none for an id not found)."""
    found = db.exec(
        select(FeedbackSubmission, FeedbackLink.worker_id, Team.name)
        .join(FeedbackLink, col(FeedbackLink.id) == FeedbackSubmission.link_id)
        .join(Team, col(Team.id) == FeedbackSubmission.team_id)
        .where(col(FeedbackSubmission.id).in_(sorted(set(submission_ids))))
    ).all()
    themed = [row[0].id for row in found if row[0].form_kind in THEMED_FORMS]
    alerts = (
        {
            submission_id: AlertStatus(status)
            for submission_id, status in db.exec(
                select(SafeguardingAlert.submission_id, SafeguardingAlert.status).where(
                    col(SafeguardingAlert.submission_id).in_(themed)
                )
            )
        }
        if themed
        else {}
    )
    return {
        submission.id: _share(db, submission, team, alerts, worker_id)
        for submission, worker_id, team in found
        if submission.id is not None
    }


def _share(
    db: Session,
    submission: FeedbackSubmission,
    team: str,
    alerts: dict[int, AlertStatus],
    worker_id: int | None,
) -> RecordShare:
    refs = frozenset(
        f"feedback:{submission.id}:{key}"
        for key, _, _ in written_answers(submission.form_kind, submission.answers)
    )
    council_id = submission.council_id
    if submission.form_kind not in THEMED_FORMS:
        return RecordShare(council_id, (), refs)
    names = once("staff names", council_id, lambda: StaffNames(db, council_id))
    items = tuple(_items(submission, team, alerts, names, worker_id))
    return RecordShare(council_id, items, refs)


def is_held(submission: FeedbackSubmission, alert_status: AlertStatus | None) -> bool:
    """Waiting for a person: an alert not yet closed (or a flag with no alert at all), or a
    quarantine not yet checked (neither released nor kept as spam)."""
    if alert_status is not None and alert_status != AlertStatus.CLOSED:
        return True
    if alert_status is None and (submission.flagged or submission.worried_about_safety):
        return True
    quarantined = submission.quarantine_reason is not None and submission.released_at is None
    return quarantined and not is_kept_as_spam(submission)


def is_left_out(submission: FeedbackSubmission, alert_status: AlertStatus | None) -> bool:
    """Decided not to use: kept as spam by a person, with no worry in it still waiting."""
    return is_kept_as_spam(submission) and not is_held(submission, alert_status)


def _alert_status(db: Session, council_id: int) -> dict[int, AlertStatus]:
    rows = db.exec(
        select(SafeguardingAlert.submission_id, SafeguardingAlert.status).where(
            SafeguardingAlert.council_id == council_id
        )
    )
    return {submission_id: AlertStatus(status) for submission_id, status in rows}


def _items(
    submission: FeedbackSubmission,
    team: str,
    alerts: dict[int, AlertStatus],
    names: StaffNames,
    worker_id: int | None,
) -> Iterator[LearningItem]:
    assert submission.id is not None
    if is_left_out(submission, alerts.get(submission.id)):
        return
    held = is_held(submission, alerts.get(submission.id))
    words = (*names.names_of(worker_id), *submission.contact_name.split())
    day = to_london(submission.submitted_at).date()
    for key, question, answer in written_answers(submission.form_kind, submission.answers):
        text = "" if held else names.remove(redact(answer), words).strip()
        if held or text:
            yield LearningItem(
                id=f"{ITEM_PREFIX}{submission.id}:{key}",
                text=text,
                source=f"{SOURCE_PREFIX}{submission.form_kind.value}",
                team=team,
                date=day,
                question=question,
                held=held,
                language=own_language(submission),
                respondent=f"feedback:{submission.id}",  # its answers are one person's
            )


def written_answers(form_kind: FormKind, answers_json: str) -> Iterator[tuple[str, str, str]]:
    """(question key, question, answer) for each answer written in words, not chosen."""
    try:
        answers: Any = json.loads(answers_json or "{}")
    except ValueError:
        return
    if not isinstance(answers, dict):
        return
    prompts = _prompts(form_kind)
    for key, answer in answers.items():
        if not isinstance(answer, str) or not answer.strip():
            continue
        known = prompts.get(str(key))
        if known is not None and not known[1]:
            continue  # a question answered on a scale
        if known is None and answer.strip() in _choice_values():
            continue
        yield str(key), known[0] if known else _humane(str(key)), answer.strip()


@cache
def _prompts(form_kind: FormKind) -> dict[str, tuple[str, bool]]:
    """Question key -> (prompt, answered in words?) for the form."""
    definition = form_definitions.definition_for(form_kind)
    return {q.key: (q.prompt, q.is_text) for q in definition.questions}


@cache
def _choice_values() -> frozenset[str]:
    return frozenset(
        v
        for value in vars(form_questions).values()
        if isinstance(value, form_questions.Scale)
        for v in value.values
    )


def _humane(key: str) -> str:
    return key.replace("_", " ").strip().capitalize()
