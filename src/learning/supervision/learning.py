"""What supervision gives the theme engine: the reflections supervisees chose to share.

The supervisee decides, when signing a record off (and later, on the record), what may feed
organisational learning: case learning points are shared unless they say no; the reflective
text (the reflective model's stages, and learning and CPD) only if they say yes. Only
signed-off records count, so nothing is shared that the supervisee has not read.

Never shared: wellbeing scores, support needs, career goals, names, case references. Every
text is de-identified before it leaves this module: :func:`learning.themes.redact.redact`
removes personal data of every kind, and the names of the council's own staff (which no
general list knows) are replaced by the same ``[name]`` placeholder: anyone's full name,
and the first and family names of the session's supervisee and supervisor.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import Select, func
from sqlalchemy import select as wide_select
from sqlmodel import Session, col, select

from learning.org.models import Person, Team
from learning.supervision import frameworks
from learning.supervision.models import CaseDiscussion, SupervisionSession
from learning.themes.names import StaffNames
from learning.themes.redact import placeholder, redact
from learning.themes.sources import LearningItem, RecordShare

CASE_LEARNING = "supervision_case_learning"
REFLECTION = "supervision_reflection"
CASE_QUESTION = "Case learning point"
CPD_QUESTION = "What have you learned, and what learning or CPD would help?"

#: When a session happened: the day held, or the day planned.
session_day = func.coalesce(col(SupervisionSession.held_on), col(SupervisionSession.planned_for))


def learning_items(db: Session, council_id: int, since: date | None = None) -> list[LearningItem]:
    """Everything supervisees in the council have shared for learning, oldest first."""
    names = StaffNames(db, council_id)
    items = [*_case_learning(db, council_id, since, names),
             *_reflections(db, council_id, since, names)]
    return sorted(items, key=lambda item: (item.date, item.id))


def session_share(db: Session, session_id: int) -> RecordShare | None:
    """What one record shares now (signed off, or changed what it shares, or amended)."""
    session = db.get(SupervisionSession, session_id)
    if session is None:
        return None
    names = StaffNames(db, session.council_id)
    items = (*_case_learning(db, session.council_id, None, names, session_id),
             *_reflections(db, session.council_id, None, names, session_id))
    cases = db.exec(select(CaseDiscussion.id).where(CaseDiscussion.session_id == session_id))
    refs = {f"supervision:case:{case_id}" for case_id in cases} | {f"supervision:cpd:{session_id}"}
    refs |= {f"supervision:{key}:{session_id}" for key, _, _ in _shared_texts(session)}
    return RecordShare(session.council_id, items, frozenset(refs))


def _signed(
    query: Select[*tuple[Any, ...]], council_id: int, since: date | None,
    session_id: int | None = None,
) -> Select[*tuple[Any, ...]]:
    query = (query
             .join(Person, col(Person.id) == SupervisionSession.supervisee_id)
             .outerjoin(Team, col(Team.id) == Person.team_id)
             .where(col(SupervisionSession.council_id) == council_id,
                    col(SupervisionSession.signed_off_at).is_not(None)))
    if session_id is not None:
        query = query.where(col(SupervisionSession.id) == session_id)
    return query.where(session_day >= since) if since else query


def _case_learning(
    db: Session, council_id: int, since: date | None, names: StaffNames,
    session_id: int | None = None,
) -> Iterator[LearningItem]:
    query = _signed(
        wide_select(col(CaseDiscussion.id), col(CaseDiscussion.learning_point),
                    col(CaseDiscussion.case_reference), session_day, col(Team.name),
                    col(SupervisionSession.supervisee_id), col(SupervisionSession.supervisor_id))
        .join(SupervisionSession, col(SupervisionSession.id) == CaseDiscussion.session_id),
        council_id, since, session_id,
    ).where(col(SupervisionSession.share_case_learning),
            func.trim(col(CaseDiscussion.learning_point)) != "")
    for case_id, text, reference, day, team, supervisee, supervisor in db.exec(query):  # type: ignore[call-overload]
        text = text.replace(reference, placeholder("case reference")) if reference else text
        clean = names.remove(redact(text), _names_of(names, supervisee, supervisor))
        if clean.strip():
            yield LearningItem(f"supervision:case:{case_id}", clean.strip(), CASE_LEARNING,
                               team or "", day, CASE_QUESTION, respondent=_person(supervisee))


def _reflections(
    db: Session, council_id: int, since: date | None, names: StaffNames,
    session_id: int | None = None,
) -> Iterator[LearningItem]:
    query = _signed(
        wide_select(SupervisionSession, session_day, col(Team.name)), council_id, since, session_id
    ).where(col(SupervisionSession.share_personal_for_learning))
    for session, day, team in db.exec(query):  # type: ignore[call-overload]
        people = _names_of(names, session.supervisee_id, session.supervisor_id)
        for key, question, text in _shared_texts(session):
            clean = names.remove(redact(text), people).strip()
            if clean:
                yield LearningItem(f"supervision:{key}:{session.id}", clean, REFLECTION,
                                   team or "", day, question,
                                   respondent=_person(session.supervisee_id))


def _person(supervisee_id: int | None) -> str:
    """Who a learning point's words are from, for the themes' counts of people: the
    supervisee, by id (never a name)."""
    return f"person:{supervisee_id}"


def _shared_texts(session: SupervisionSession) -> Iterator[tuple[str, str, str]]:
    """(id part, question, text) for each reflective stage written, then learning and CPD."""
    try:
        written = json.loads(session.reflections or "{}")
    except ValueError:
        written = {}
    if isinstance(written, dict):
        prompts = {s.key: s.prompt for m in frameworks.reflective_models() for s in m.stages}
        model = frameworks.reflective_model(session.reflective_model)
        prompts.update({s.key: s.prompt for s in model.stages})
        for key, text in written.items():
            if isinstance(text, str) and text.strip():
                yield f"reflection:{key}", prompts.get(key, "Reflection"), text
    if session.learning_and_cpd.strip():
        yield "cpd", CPD_QUESTION, session.learning_and_cpd


def _names_of(names: StaffNames, *people: int | None) -> tuple[str, ...]:
    """The first and family names of ``people`` (the session's supervisee and supervisor)."""
    return tuple(word for person_id in people for word in names.names_of(person_id))
