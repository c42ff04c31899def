"""What goes into the exports, read from the database: a supervisee's supervision file and
the management-oversight entries for the case system. Access is checked first (access.py)
and every export is audited in the caller's transaction. Nothing else is written.

Decisions:
- The file holds recorded sessions only (held, cancelled, rescheduled), oldest first: a
  draft is not yet a record and a planned session has nothing in it.
- The personal section of a session is included only for its supervisee and the session's
  supervisor (``access.sees_personal_section``), session by session.
- Oversight entries come from held sessions only, one per case discussion with a decision,
  each as last recorded: a record being amended gives its last signed version until the
  amendment is recorded. ``since`` selects records changed since (recorded, amended and
  recorded again, or signed off), not held since, so an amended decision reaches the
  child's file; each entry carries the record's version and when it last changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time
from typing import Any, TypeVar

from pydantic import TypeAdapter
from sqlalchemy import Select, false, func, or_
from sqlmodel import Session, col, select

from learning.accounts.dependencies import Principal
from learning.audit.service import Actor, record
from learning.core.clock import LONDON, format_date, today
from learning.core.permissions import Role
from learning.org import service as org
from learning.org.models import CareerStage, Person, Team
from learning.supervision import access, exports, forms, frameworks, policy_store, records
from learning.supervision.exports import (
    ActionEntry,
    AgreementTerms,
    CaseEntry,
    OversightEntry,
    Personal,
    Rating,
    SessionEntry,
    SupervisionFile,
    VersionEntry,
)
from learning.supervision.lifecycle import NOT_RECORDED
from learning.supervision.models import (
    CaseDiscussion,
    SafetyRating,
    SessionAttendee,
    SessionVersion,
    SupervisionAction,
    SupervisionAgreement,
    SupervisionSession,
)
from learning.supervision.terms import ActionStatus, SessionStatus

Part = TypeVar("Part", CaseDiscussion, SupervisionAction, SessionAttendee, SessionVersion)
_MOMENT = TypeAdapter(datetime)
RECORDED = (SessionStatus.HELD, SessionStatus.CANCELLED, SessionStatus.RESCHEDULED)
COUNCIL_WIDE = frozenset({Role.PRINCIPAL_SOCIAL_WORKER, Role.WORKFORCE_LEAD})


# The supervision file ------------------------------------------------------------------


def supervision_file(
    db: Session, actor: Actor, principal: Principal, person_id: int, export_format: str
) -> SupervisionFile:
    """``person_id``'s supervision file as ``principal`` may read it; the export is audited."""
    person = access.require_readable_person(db, principal, person_id)
    assert person.id is not None
    team = db.get(Team, person.team_id) if person.team_id else None
    sessions = list(db.exec(
        select(SupervisionSession)
        .where(SupervisionSession.supervisee_id == person.id,
               SupervisionSession.council_id == principal.council_id,
               col(SupervisionSession.status).in_(RECORDED))
        .order_by(func.coalesce(col(SupervisionSession.held_on),
                                col(SupervisionSession.planned_for)),
                  col(SupervisionSession.id))
    ).all())
    entries = _session_entries(db, principal, sessions, team)
    file = SupervisionFile(
        person_id=person.id,
        person=person.name,
        job_title=person.job_title,
        career_stage=person.career_stage.label,
        team=team.name if team else "",
        supervisors=[p.name for p in org.supervisors_of(db, person.id)],
        agreement=_agreement(db, person),
        sessions=entries,
        prepared_on=today(),
        prepared_by=principal.name,
        personal_note=_personal_note(principal, person, entries),
        actions=[action for entry in entries for action in entry.actions],
    )
    record(db, actor, "supervision.file.exported", "person", person.id, format=export_format,
           sessions=len(entries), personal_sections=sum(1 for e in entries if e.personal))
    return file


def _personal_note(principal: Principal, person: Person, entries: Sequence[SessionEntry]) -> str:
    if principal.person_id == person.id:
        return "Your personal sections are included: this file is for you."
    if any(e.personal for e in entries):
        return ("Personal sections are included only for the sessions you supervised; they are "
                "private to the supervisee and their supervisor.")
    return ("Personal sections are not included: they are private to the supervisee and "
            "their supervisor.")


def _agreement(db: Session, person: Person) -> AgreementTerms | None:
    agreement = db.exec(
        select(SupervisionAgreement)
        .where(SupervisionAgreement.supervisee_id == person.id,
               col(SupervisionAgreement.ended_on).is_(None))
        .order_by(col(SupervisionAgreement.id).desc())
    ).first()
    if agreement is None:
        return None
    supervisor = db.get(Person, agreement.supervisor_id)
    return AgreementTerms(
        supervisor=supervisor.name if supervisor else "",
        starts_on=agreement.starts_on,
        frequency=_frequency(db, person, agreement),
        usual_duration_minutes=agreement.usual_duration_minutes,
        venue=agreement.venue,
        confidentiality_terms=agreement.confidentiality_terms,
        recording_terms=agreement.recording_terms,
        agreed=_agreed(agreement),
    )


def _agreed(agreement: SupervisionAgreement) -> str:
    both = (agreement.supervisor_agreed_at, agreement.supervisee_agreed_at)
    if all(both):
        return f"By both, on {format_date(max(m for m in both if m))}"
    if agreement.supervisor_agreed_at:
        return "By the supervisor; not yet by the supervisee"
    if agreement.supervisee_agreed_at:
        return "By the supervisee; not yet by the supervisor"
    return "Not yet agreed"


def _frequency(db: Session, person: Person, agreement: SupervisionAgreement) -> str:
    if agreement.frequency_days_override:
        return f"{exports.every(agreement.frequency_days_override)} (agreed for this supervisee)"
    rules = policy_store.frequency_policy(db, person.council_id)
    steps = rules.by_stage.get(person.career_stage.value, rules.default)
    words = exports.describe_steps(steps)
    if person.career_stage == CareerStage.ASYE and agreement.asye_started_on:
        words += f", from the start of the ASYE on {format_date(agreement.asye_started_on)}"
    return words


# Sessions, with everything in them --------------------------------------------------------


def _session_entries(
    db: Session, principal: Principal, sessions: Sequence[SupervisionSession], team: Team | None
) -> list[SessionEntry]:
    ids = [s.id for s in sessions if s.id is not None]
    discussions = _by_session(db, CaseDiscussion, ids)
    actions = _by_session(db, SupervisionAction, ids)
    attendees = _by_session(db, SessionAttendee, ids)
    versions = _by_session(db, SessionVersion, ids)
    ratings = _ratings(db, [d.id for ds in discussions.values() for d in ds if d.id])
    names = _names(db, {*(s.supervisor_id for s in sessions),
                        *(a.owner_id for xs in actions.values() for a in xs),
                        *(a.person_id for xs in attendees.values() for a in xs),
                        *(v.amended_by_id for xs in versions.values() for v in xs)})
    framework = frameworks.framework_for(team.kind.value if team else None)
    entries = []
    for session in sessions:
        assert session.id is not None
        cases = discussions.get(session.id, [])
        references = {d.id: d.case_reference for d in cases}
        entries.append(SessionEntry(
            id=session.id,
            planned_for=session.planned_for,
            held_on=session.held_on,
            status=forms.STATUS_LABELS.get(session.status, session.status.value),
            status_reason=session.status_reason,
            session_type=forms.TYPE_LABELS.get(session.session_type, ""),
            duration_minutes=session.duration_minutes,
            supervisor=names.get(session.supervisor_id, ""),
            attendees=sorted(names.get(a.person_id, "") for a in attendees.get(session.id, [])),
            functions=[f.capitalize() for f in session.functions.split()],
            reflective_model=frameworks.reflective_model(session.reflective_model).name,
            reflections=reflections_of(session),
            personal=_personal(principal, session),
            cases=[_case(d, ratings.get(d.id or 0, []), framework) for d in cases],
            actions=[_action(a, session, names, references.get(a.case_discussion_id, ""))
                     for a in actions.get(session.id, [])],
            signed_off_at=session.signed_off_at,
            supervisee_agreed=session.supervisee_agreed,
            supervisee_comment=session.supervisee_comment,
            version=session.version,
            versions=[_version(v, names) for v in versions.get(session.id, [])],
        ))
    return entries


def reflections_of(session: SupervisionSession) -> list[tuple[str, str]]:
    """(stage label, text) for each stage written, in the model's order."""
    try:
        written = json.loads(session.reflections or "{}")
    except ValueError:
        written = {}
    if not isinstance(written, dict):
        return []
    model = frameworks.reflective_model(session.reflective_model)
    return [(stage.label, str(written[stage.key]).strip()) for stage in model.stages
            if str(written.get(stage.key) or "").strip()]


def _personal(principal: Principal, session: SupervisionSession) -> Personal | None:
    if not access.sees_personal_section(principal, session):
        return None
    return Personal(session.wellbeing, session.support_needs, session.learning_and_cpd,
                    session.career_goals)


def _case(
    discussion: CaseDiscussion, ratings: Sequence[SafetyRating],
    framework: frameworks.CaseFramework,
) -> CaseEntry:
    assert discussion.id is not None
    columns = [
        (column.heading, [(framework.labels[name], str(getattr(discussion, name)))
                          for name in column.fields])
        for column in framework.columns
    ]
    return CaseEntry(
        id=discussion.id, case_reference=discussion.case_reference, columns=columns,
        child_voice=discussion.child_voice, decision=discussion.decision,
        rationale=discussion.rationale, learning_point=discussion.learning_point,
        scale_label=framework.scale_label,
        ratings=[Rating(forms.RATER_LABELS.get(r.rater_role, r.rater_role.value), r.score,
                        r.rated_on) for r in ratings],
    )


def _action(
    action: SupervisionAction, session: SupervisionSession, names: dict[int, str],
    case_reference: str,
) -> ActionEntry:
    return ActionEntry(
        session_id=action.session_id,
        session_date=session.held_on or session.planned_for,
        description=action.description,
        owner=names.get(action.owner_id, ""),
        due_on=action.due_on,
        status=forms.ACTION_STATUS_LABELS.get(action.status, action.status.value),
        completed_on=action.completed_on,
        case_reference=case_reference,
        overdue=action.status == ActionStatus.OPEN and action.due_on < today(),
    )


def _version(version: SessionVersion, names: dict[int, str]) -> VersionEntry:
    """An earlier version: when it had been signed off (from its snapshot), and the amendment."""
    earlier = json.loads(version.snapshot).get("session", {})
    signed = earlier.get("signed_off_at") if isinstance(earlier, dict) else None
    return VersionEntry(
        version=version.version,
        signed_off_at=_MOMENT.validate_python(signed) if signed else None,
        amended_at=version.amended_at,
        amended_by=names.get(version.amended_by_id, ""),
        reason=version.reason,
    )


def _by_session(db: Session, model: type[Part], session_ids: list[int]) -> dict[int, list[Part]]:
    """The rows of ``model`` (a table with a session_id) for each session, in id order."""
    found: dict[int, list[Part]] = {}
    if session_ids:
        column = model.session_id
        rows = db.exec(select(model).where(col(column).in_(session_ids))
                       .order_by(col(model.id)))
        for row in rows:
            found.setdefault(row.session_id, []).append(row)
    return found


def _ratings(db: Session, discussion_ids: list[int]) -> dict[int, list[SafetyRating]]:
    found: dict[int, list[SafetyRating]] = {}
    if discussion_ids:
        query = (select(SafetyRating)
                 .where(col(SafetyRating.case_discussion_id).in_(discussion_ids))
                 .order_by(col(SafetyRating.id)))
        for rating in db.exec(query):
            found.setdefault(rating.case_discussion_id, []).append(rating)
    return found


def _names(db: Session, person_ids: Iterable[int]) -> dict[int, str]:
    wanted = set(person_ids)
    if not wanted:
        return {}
    people = db.exec(select(Person).where(col(Person.id).in_(wanted)))
    return {p.id: p.name for p in people if p.id is not None}


# Management-oversight entries for the case system ----------------------------------------


def session_oversight(
    db: Session, actor: Actor, principal: Principal, session_id: int
) -> list[OversightEntry]:
    """The oversight entries of one session, for the supervisor who gave them."""
    session = access.require_session(db, principal, session_id)
    if session.supervisor_id != principal.person_id:
        raise access.NotYourRecord(f"session {session_id}")
    one = select(col(SupervisionSession.id)).where(col(SupervisionSession.id) == session.id)
    entries = _oversight_entries(db, one, None)
    record(db, actor, "supervision.oversight.exported", "supervision_session", session.id,
           entries=len(entries), versions=sorted({e.version for e in entries}))
    return entries


def council_oversight(
    db: Session, actor: Actor, principal: Principal, since: date | None
) -> list[OversightEntry]:
    """The oversight entries of every held session ``principal`` oversees that changed
    (was recorded, amended and recorded again, or signed off) on or after ``since``: the
    whole council for the principal social worker and workforce leads, their own team for
    a team manager (the same rule as ``access.can_oversee``)."""
    overseen = (
        select(col(SupervisionSession.id))
        .join(Person, col(Person.id) == SupervisionSession.supervisee_id)
        .where(col(SupervisionSession.council_id) == principal.council_id)
    )
    council_wide = bool(principal.roles & COUNCIL_WIDE)
    if not council_wide:
        team_id = principal.team_id if principal.has_role(Role.TEAM_MANAGER) else None
        overseen = overseen.where(col(Person.team_id) == team_id if team_id else false())
    entries = _oversight_entries(db, overseen, since)
    record(db, actor, "supervision.oversight.exported", "council", principal.council_id,
           since=since.isoformat() if since else "", entries=len(entries),
           scope="council" if council_wide else "team")
    return entries


def _start_of(day: date) -> datetime:
    """The first moment of ``day`` in London, in UTC (how moments are stored)."""
    return datetime.combine(day, time.min, LONDON).astimezone(UTC)


def _last_changed(session: SupervisionSession) -> datetime:
    """When what a held record says, or its sign-off, last changed."""
    moments = [m if m.tzinfo else m.replace(tzinfo=UTC)
               for m in (session.updated_at, session.signed_off_at) if m is not None]
    return max(moments)


def _oversight_entries(
    db: Session, sessions: Select[Any], since: date | None
) -> list[OversightEntry]:
    """One entry per case discussion with a decision, in the held records ``sessions``
    selects: each as it was last recorded. A record being changed or amended gives its last
    signed version (from the version history) until it is recorded again; one changed
    before it was ever signed has no version kept to give, and gives nothing meanwhile.
    With ``since``, only records that changed on or after that day (London time)."""
    live = sessions.where(col(SupervisionSession.status) == SessionStatus.HELD)
    if since is not None:
        start = _start_of(since)
        live = live.where(or_(col(SupervisionSession.updated_at) >= start,
                              col(SupervisionSession.signed_off_at) >= start))
    entries = _live_oversight_entries(db, live)
    amending = sessions.where(col(SupervisionSession.status).in_(NOT_RECORDED),
                              col(SupervisionSession.version) > 1)
    entries += [entry for entry in _last_signed_entries(db, amending)
                if since is None or (entry.changed_at or _start_of(since)) >= _start_of(since)]
    return sorted(entries, key=lambda e: (e.held_on, e.session_id, e.case_id))


def _live_oversight_entries(db: Session, held: Select[Any]) -> list[OversightEntry]:
    rows = db.exec(
        select(CaseDiscussion, SupervisionSession)
        .join(SupervisionSession, col(SupervisionSession.id) == CaseDiscussion.session_id)
        .where(col(CaseDiscussion.session_id).in_(held),
               func.trim(col(CaseDiscussion.decision)) != "")
        .order_by(col(SupervisionSession.held_on), col(SupervisionSession.id),
                  col(CaseDiscussion.id))
    ).all()
    actions: dict[int, list[SupervisionAction]] = {}
    if rows:
        decided = select(col(CaseDiscussion.id)).where(
            col(CaseDiscussion.session_id).in_(held),
            func.trim(col(CaseDiscussion.decision)) != "")
        query = (select(SupervisionAction)
                 .where(col(SupervisionAction.case_discussion_id).in_(decided))
                 .order_by(col(SupervisionAction.id)))
        for action in db.exec(query):
            actions.setdefault(action.case_discussion_id or 0, []).append(action)
    names = _names(db, {*(p for _, s in rows for p in (s.supervisor_id, s.supervisee_id)),
                        *(a.owner_id for xs in actions.values() for a in xs)})
    return [_oversight_entry(d, s, actions.get(d.id or 0, []), names) for d, s in rows]


def _last_signed_entries(db: Session, amending: Select[Any]) -> list[OversightEntry]:
    """The entries of the last signed version of each record ``amending`` selects."""
    latest = (select(col(SessionVersion.session_id), func.max(SessionVersion.version))
              .where(col(SessionVersion.session_id).in_(amending))
              .group_by(col(SessionVersion.session_id)).subquery())
    kept = db.exec(select(SessionVersion).join(
        latest, (col(SessionVersion.session_id) == latest.c.session_id)
        & (col(SessionVersion.version) == latest.c[1]))).all()
    entries = []
    for version in kept:
        earlier = records.from_snapshot(json.loads(version.snapshot))
        session = earlier.session
        if session.status != SessionStatus.HELD:
            continue
        names = {session.supervisor_id: earlier.supervisor_name,
                 session.supervisee_id: earlier.supervisee_name,
                 **{a.action.owner_id: a.owner_name for a in earlier.actions}}
        for case in earlier.cases:
            if not case.discussion.decision.strip():
                continue
            actions = [a.action for a in earlier.actions
                       if a.action.case_discussion_id == case.discussion.id]
            entries.append(_oversight_entry(case.discussion, session, actions, names))
    return entries


def _oversight_entry(
    discussion: CaseDiscussion, session: SupervisionSession,
    actions: Sequence[SupervisionAction], names: dict[int, str],
) -> OversightEntry:
    assert discussion.id is not None and session.id is not None
    return OversightEntry(
        case_reference=discussion.case_reference,
        held_on=session.held_on or session.planned_for,
        supervisor=names.get(session.supervisor_id, ""),
        practitioner=names.get(session.supervisee_id, ""),
        decision=discussion.decision,
        rationale=discussion.rationale,
        child_voice=discussion.child_voice,
        next_steps=discussion.next_steps,
        actions=[_action(a, session, names, discussion.case_reference) for a in actions],
        signed_off=session.signed_off_at is not None,
        session_id=session.id,
        case_id=discussion.id,
        version=session.version,
        changed_at=_last_changed(session),
    )
