"""Workload reviewed in a session, and the escalations leaders see and resolve."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from learning.accounts.dependencies import Principal, requires
from learning.audit.service import actor_from, record
from learning.core.deps import DbSession
from learning.core.permissions import Permission
from learning.core.web import flash, redirect, render
from learning.org import service as org
from learning.org.forms import Errors, in_order, text
from learning.org.models import CareerStage
from learning.org.view_helpers import FormDep
from learning.supervision import access, policy_store, workload, workload_forms
from learning.supervision.models import SupervisionSession
from learning.supervision.policy import Workload
from learning.supervision.terms import Rag
from learning.supervision.views_common import refused

router = APIRouter()

Recorder = Annotated[Principal, Depends(requires(Permission.SUPERVISION_RECORD))]
Overseer = Annotated[Principal, Depends(requires(Permission.SUPERVISION_OVERSEE))]
MAX_NOTE = 4000


def _session(
    request: Request, db: DbSession, principal: Principal, session_id: int
) -> SupervisionSession:
    try:
        return access.require_editable_session(db, principal, session_id)
    except access.NotYourRecord as error:
        raise refused(request, db, error, "supervision_session", session_id) from None


# The workload review in a session --------------------------------------------------------


@router.get("/supervision/sessions/{session_id:id}/workload", name="workload_snapshot")
def workload_snapshot(
    request: Request, db: DbSession, principal: Recorder, session_id: int
) -> Response:
    session = _session(request, db, principal, session_id)
    own = workload.session_snapshot(db, session_id)
    earlier = own or workload.latest_snapshot(db, session.supervisee_id)
    record(db, actor_from(request), "workload.snapshot.viewed", "supervision_session",
           session_id, person_id=session.supervisee_id,
           snapshot_id=earlier.id if earlier else None)
    values = workload_forms.values_from(earlier, same_session=own is not None)
    return _workload_page(request, db, session, values, {})


@router.post("/supervision/sessions/{session_id:id}/workload", name="workload_snapshot_save")
def workload_snapshot_save(
    request: Request, db: DbSession, principal: Recorder, session_id: int, form: FormDep
) -> Response:
    session = _session(request, db, principal, session_id)
    here = str(request.url_for("workload_snapshot", session_id=session_id))
    if session.locked:
        flash(request, "This session has been signed off, so its workload review cannot be "
                       "changed.", "important")
        return redirect(request, here)
    stored = policy_store.current_workload(db, session.council_id)
    categories = _categories(stored)
    values = workload_forms.workload_values(form, categories)
    data, errors = workload_forms.parse_workload(form, categories)
    if set(text(form, "categories").split()) != {key for key, _ in categories}:
        errors["cases"] = ("The workload policy changed while you were filling this in. "
                           "Check the numbers against the case categories shown now.")
        data = None
    if data is None:
        return _workload_page(request, db, session, values, errors, 422)
    person = org.require_person(db, session.council_id, session.supervisee_id)
    try:
        snapshot, escalation = workload.record_snapshot(
            db, actor_from(request), session, person, data, raised_by_id=principal.person_id)
    except workload.ContingencyNeeded as needed:
        problem = {"contingency_action": "Say what will happen now: this workload is red, "
                   f"{_points(needed.result)}"}
        return _workload_page(request, db, session, values, problem, 422, result=needed.result)
    message = f"Workload saved: {workload.RAG_WORDS[snapshot.rag].lower()}"
    if escalation is not None:
        message += ". It has been escalated to the team manager"
    flash(request, message)
    return redirect(request, here)


def _points(result: Workload) -> str:
    return f"{result.points:g} points against a capacity of {result.capacity:g}"


def _categories(stored: policy_store.StoredWorkload) -> list[tuple[str, str]]:
    return [(key, stored.label(key)) for key in stored.policy.category_points]


def _workload_page(
    request: Request, db: DbSession, session: SupervisionSession, values: dict[str, Any],
    errors: Errors, status: int = 200, result: Workload | None = None,
) -> Response:
    assert session.id is not None
    person = org.require_person(db, session.council_id, session.supervisee_id)
    stored = policy_store.current_workload(db, session.council_id)
    categories = _categories(stored)
    own = workload.session_snapshot(db, session.id)
    earlier = None if own else workload.latest_snapshot(db, session.supervisee_id)
    open_escalations = workload.open_escalations_of(db, session.supervisee_id)
    return render(request, "supervision/workload_snapshot.html", {
        "session": session,
        "back": str(request.url_for("session_detail", session_id=session.id)),
        "person": person,
        "asye": person.career_stage == CareerStage.ASYE,
        "stored": stored,
        "capacity": workload.capacity_of(stored, person),
        "categories": [(key, label, stored.policy.category_points[key])
                       for key, label in categories],
        "field": workload_forms.case_field,
        "category_keys": " ".join(stored.policy.category_points),
        "snapshot": own,
        "snapshot_cases": workload.cases_of(own) if own else {},
        "earlier": earlier,
        "open_escalations": open_escalations,
        "red_open": any(e.rag == Rag.RED for e in open_escalations),
        "result": result,
        "rag_words": workload.RAG_WORDS,
        "rag_tags": workload.RAG_TAGS,
        "values": values,
        "errors": in_order(errors, workload_forms.field_order(categories)),
    }, status_code=status)


# Escalations -----------------------------------------------------------------------------


@router.get("/supervision/escalations", name="workload_escalations")
def workload_escalations(request: Request, db: DbSession, principal: Overseer) -> Response:
    record(db, actor_from(request), "workload.escalations.viewed", "person",
           principal.person_id)
    return _escalations_page(request, db, principal, {}, {})


@router.post("/supervision/escalations/{escalation_id:id}/resolve",
             name="workload_escalation_resolve")
def workload_escalation_resolve(
    request: Request, db: DbSession, principal: Overseer, escalation_id: int, form: FormDep
) -> Response:
    field = f"note-{escalation_id}"
    note = text(form, "note")
    try:
        escalation = workload.require_escalation(db, principal, escalation_id)
        problem = _note_problem(note)
        if problem and escalation.resolved_at is None:
            return _escalations_page(request, db, principal, {field: note}, {field: problem},
                                     422)
        _, closed = workload.resolve_escalation(db, actor_from(request), principal,
                                                escalation_id, note)
    except access.NotYourRecord as error:
        raise refused(request, db, error, "workload_escalation", escalation_id) from None
    flash(request, "The escalation has been resolved" if closed
          else "That escalation had already been resolved")
    return redirect(request, str(request.url_for("workload_escalations")))


def _note_problem(note: str) -> str:
    if not note:
        return "Enter what was done about this workload"
    if len(note) > MAX_NOTE:
        return f"What was done must be {MAX_NOTE} characters or fewer"
    return ""


def _escalations_page(
    request: Request, db: DbSession, principal: Principal, values: dict[str, Any],
    errors: Errors, status: int = 200,
) -> Response:
    return render(request, "supervision/workload_escalations.html", {
        "open": workload.list_open_escalations(db, principal),
        "resolved": workload.list_resolved_escalations(db, principal),
        "rag_words": workload.RAG_WORDS,
        "rag_tags": workload.RAG_TAGS,
        "values": values,
        "errors": errors,
    }, status_code=status)
