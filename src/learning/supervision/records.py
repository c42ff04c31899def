"""A session as a whole record: the session with its attendees, case discussions (with
their safety scale ratings) and actions, by name. Built from the database for the current
version, or from the JSON snapshot kept when a signed record was amended, so both are shown
by the same page. Callers have checked access; nothing here writes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import TypeAdapter
from sqlmodel import Session, col, select

from learning.org.models import BY_NAME, Person
from learning.supervision.models import (
    CaseDiscussion,
    SafetyRating,
    SessionAttendee,
    SessionVersion,
    SupervisionAction,
    SupervisionSession,
)

_MOMENT = TypeAdapter(datetime)


@dataclass(frozen=True)
class CaseRecord:
    discussion: CaseDiscussion
    ratings: list[SafetyRating]


@dataclass(frozen=True)
class ActionRecord:
    action: SupervisionAction
    owner_name: str
    case_reference: str
    #: Who last changed its status (shown with the reason it was dropped).
    changed_by_name: str = ""


@dataclass(frozen=True)
class SessionRecord:
    session: SupervisionSession
    supervisee_name: str
    supervisor_name: str
    attendee_names: list[str]
    cases: list[CaseRecord]
    actions: list[ActionRecord]
    #: The attendees' ids (kept in snapshots since amendments may be cancelled; None in a
    #: snapshot kept before then).
    attendee_ids: list[int] | None = None

    @property
    def reflections(self) -> dict[str, str]:
        data = json.loads(self.session.reflections or "{}")
        return data if isinstance(data, dict) else {}

    @property
    def functions(self) -> list[str]:
        return self.session.functions.split()


def names_of(db: Session, person_ids: set[int]) -> dict[int, str]:
    if not person_ids:
        return {}
    people = db.exec(select(Person).where(col(Person.id).in_(person_ids))).all()
    return {person.id: person.name for person in people if person.id is not None}


def case_discussions_of(db: Session, session_id: int) -> list[CaseDiscussion]:
    query = select(CaseDiscussion).where(CaseDiscussion.session_id == session_id)
    return list(db.exec(query.order_by(col(CaseDiscussion.id))).all())


def actions_of(db: Session, session_id: int) -> list[SupervisionAction]:
    query = select(SupervisionAction).where(SupervisionAction.session_id == session_id)
    return list(db.exec(query.order_by(col(SupervisionAction.id))).all())


def attendee_ids_of(db: Session, session_id: int) -> list[int]:
    query = select(SessionAttendee.person_id).where(SessionAttendee.session_id == session_id)
    return sorted(db.exec(query).all())


def ratings_by_discussion(db: Session, discussion_ids: list[int]) -> dict[int, list[SafetyRating]]:
    found: dict[int, list[SafetyRating]] = {i: [] for i in discussion_ids}
    if discussion_ids:
        query = select(SafetyRating).where(col(SafetyRating.case_discussion_id).in_(discussion_ids))
        for rating in db.exec(query.order_by(col(SafetyRating.id))).all():
            found[rating.case_discussion_id].append(rating)
    return found


def load_record(db: Session, session: SupervisionSession) -> SessionRecord:
    """The session as it is now."""
    assert session.id is not None
    discussions = case_discussions_of(db, session.id)
    actions = actions_of(db, session.id)
    attendees = attendee_ids_of(db, session.id)
    names = names_of(db, {session.supervisee_id, session.supervisor_id, *attendees,
                          *(a.owner_id for a in actions),
                          *(a.status_changed_by_id for a in actions if a.status_changed_by_id)})
    ratings = ratings_by_discussion(db, [d.id for d in discussions if d.id is not None])
    references = {d.id: d.case_reference for d in discussions}
    return SessionRecord(
        session=session,
        supervisee_name=names.get(session.supervisee_id, ""),
        supervisor_name=names.get(session.supervisor_id, ""),
        attendee_names=sorted(names.get(i, "") for i in attendees),
        attendee_ids=attendees,
        cases=[CaseRecord(d, ratings.get(d.id or 0, [])) for d in discussions],
        actions=[
            ActionRecord(a, names.get(a.owner_id, ""), references.get(a.case_discussion_id, ""),
                         names.get(a.status_changed_by_id or 0, ""))
            for a in actions
        ],
    )


def snapshot(record: SessionRecord) -> dict[str, Any]:
    """The whole record as JSON-ready data (names as they were at the time)."""
    return {
        "session": record.session.model_dump(mode="json", exclude={"draft"}),
        "supervisee_name": record.supervisee_name,
        "supervisor_name": record.supervisor_name,
        "attendee_names": record.attendee_names,
        "attendee_ids": record.attendee_ids,
        "cases": [
            {
                "discussion": case.discussion.model_dump(mode="json"),
                "ratings": [r.model_dump(mode="json") for r in case.ratings],
            }
            for case in record.cases
        ],
        "actions": [
            {
                "action": item.action.model_dump(mode="json"),
                "owner_name": item.owner_name,
                "case_reference": item.case_reference,
                "changed_by_name": item.changed_by_name,
            }
            for item in record.actions
        ],
    }


#: What changes in a record without changing what it says: its sign-off and sharing, when
#: it was saved, and how its actions are followed up.
_NOT_WHAT_IT_SAYS = {
    "session": {"signed_off_at", "supervisee_agreed", "supervisee_comment",
                "share_personal_for_learning", "share_case_learning", "updated_at",
                "first_recorded_at", "recorded_held_on"},
    "action": {"status", "completed_on", "status_reason", "status_changed_by_id"},
}


def fingerprint(record: SessionRecord) -> str:
    """Identifies what the record says, as its supervisee reads it before signing it off,
    to check it still says that when the sign-off arrives."""
    data = snapshot(record)
    data.pop("attendee_ids", None)  # the names say who attended
    data["session"] = {k: v for k, v in data["session"].items()
                       if k not in _NOT_WHAT_IT_SAYS["session"]}
    for item in data["actions"]:
        item.pop("changed_by_name", None)
        item["action"] = {k: v for k, v in item["action"].items()
                          if k not in _NOT_WHAT_IT_SAYS["action"]}
    text = json.dumps(data, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def from_snapshot(data: dict[str, Any]) -> SessionRecord:
    """A record rebuilt from :func:`snapshot`'s data (detached: never added to a session)."""
    return SessionRecord(
        session=SupervisionSession.model_validate(data["session"]),
        supervisee_name=data["supervisee_name"],
        supervisor_name=data["supervisor_name"],
        attendee_names=list(data["attendee_names"]),
        attendee_ids=(list(data["attendee_ids"]) if data.get("attendee_ids") is not None
                      else None),
        cases=[
            CaseRecord(
                CaseDiscussion.model_validate(case["discussion"]),
                [SafetyRating.model_validate(r) for r in case["ratings"]],
            )
            for case in data["cases"]
        ],
        actions=[
            ActionRecord(
                SupervisionAction.model_validate(item["action"]),
                item["owner_name"],
                item["case_reference"],
                item.get("changed_by_name", ""),
            )
            for item in data["actions"]
        ],
    )


@dataclass(frozen=True)
class VersionLine:
    """One earlier version: how it was signed off, and why it was amended."""

    version: int
    signed_off_at: datetime | None
    agreed: bool | None
    amended_at: datetime
    amended_by: str
    reason: str


def versions_of(db: Session, session_id: int) -> list[SessionVersion]:
    query = select(SessionVersion).where(SessionVersion.session_id == session_id)
    return list(db.exec(query.order_by(col(SessionVersion.version))).all())


def version_history(db: Session, session_id: int) -> list[VersionLine]:
    versions = versions_of(db, session_id)
    names = names_of(db, {v.amended_by_id for v in versions})
    lines = []
    for version in versions:
        earlier = json.loads(version.snapshot)["session"]
        signed = earlier.get("signed_off_at")
        lines.append(VersionLine(
            version=version.version,
            signed_off_at=_MOMENT.validate_python(signed) if signed else None,
            agreed=earlier.get("supervisee_agreed"),
            amended_at=version.amended_at,
            amended_by=names.get(version.amended_by_id, ""),
            reason=version.reason,
        ))
    return lines


def people_to_choose(db: Session, council_id: int) -> list[Person]:
    """Everyone active in the council, for attendees and action owners."""
    query = select(Person).where(Person.council_id == council_id, col(Person.active))
    return list(db.exec(query.order_by(*BY_NAME)).all())
