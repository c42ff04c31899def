"""Supervision agreements: the supervisor sets the terms, the supervisee reads and agrees."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from learning.accounts.dependencies import Principal, requires
from learning.audit.models import REFUSED
from learning.audit.service import actor_from, add_event
from learning.core.clock import today
from learning.core.deps import DbSession
from learning.core.permissions import Permission
from learning.core.web import flash, redirect, render
from learning.org import service as org
from learning.org.forms import Errors, in_order, text
from learning.org.models import CareerStage, Person
from learning.org.view_helpers import FormDep
from learning.supervision import access, agreement_forms, agreements, policy_store
from learning.supervision.agreements import AgreementInput, Schedule
from learning.supervision.views_common import refused

router = APIRouter()

Recorder = Annotated[Principal, Depends(requires(Permission.SUPERVISION_RECORD))]
Anyone = Annotated[Principal, Depends(requires(Permission.SUPERVISION_OWN))]

SAVED = {
    "created": "The agreement with {name} has been saved. {name} can now read and agree it.",
    "updated": "The agreement has been changed. {name} has not agreed it yet.",
    "replaced": "These terms start a new agreement, which {name} needs to agree. "
                "The earlier agreement is kept in the history.",
    "unchanged": "Nothing was changed",
}
NOT_SAVED = ("The agreement was changed in another window or by someone else since you "
             "opened this page, so your changes were not saved")




def _supervisee(request: Request, db: DbSession, principal: Principal, person_id: int) -> Person:
    try:
        return access.require_supervisee(db, principal, person_id)
    except access.NotYourRecord as error:
        raise refused(request, db, error, "person", person_id) from None


# The supervisor's form -------------------------------------------------------------------


@router.get("/supervision/supervisees/{person_id:id}/agreement", name="agreement_edit")
def agreement_edit(
    request: Request, db: DbSession, principal: Recorder, person_id: int
) -> Response:
    supervisee = _supervisee(request, db, principal, person_id)
    current = agreements.current_agreement(db, person_id)
    values = agreement_forms.values_of(AgreementInput.of(current) if current else None, today())
    return _agreement_form(request, db, supervisee, values, {})


@router.post("/supervision/supervisees/{person_id:id}/agreement", name="agreement_save")
def agreement_save(
    request: Request, db: DbSession, principal: Recorder, person_id: int, form: FormDep
) -> Response:
    supervisee = _supervisee(request, db, principal, person_id)
    asye = supervisee.career_stage == CareerStage.ASYE
    data, errors = agreement_forms.parse_agreement(form, asye=asye, today=today())
    seen = text(form, "seen")
    if data is None:  # shown again as it was opened: nothing newer has been seen
        values = {**agreement_forms.agreement_values(form), "seen": seen}
        return _agreement_form(request, db, supervisee, values, errors, 422)
    try:
        _, outcome = agreements.save_agreement(
            db, actor_from(request), principal.person_id, supervisee, data, seen)
    except agreements.AgreementChanged:
        # What was typed, under the agreement as it is now, with its token: saving again
        # is a choice made having seen both.
        add_event(db, actor_from(request), "supervision.agreement.save_refused", REFUSED,
                  "person", person_id, {"why": "changed since the page was opened"})  # fmt: skip
        values = agreement_forms.agreement_values(form)
        return _agreement_form(request, db, supervisee, values, {"agreement-now": NOT_SAVED},
                               409, changed=True)
    flash(request, SAVED[outcome].format(name=supervisee.name))
    return redirect(request, str(request.url_for("agreement_edit", person_id=person_id)))


def _agreement_form(
    request: Request, db: DbSession, supervisee: Person, values: dict[str, Any],
    errors: Errors, status: int = 200, *, changed: bool = False,
) -> Response:
    """The form, under the agreement in force now; ``changed`` when a save of ``values``
    was refused because the agreement changed after the form was opened."""
    assert supervisee.id is not None
    history = agreements.list_agreements(db, supervisee.id)
    current = history[0] if history and history[0].agreement.ended_on is None else None
    if current is not None:
        schedule = agreements.schedule_for(db, supervisee)
    else:
        policy = policy_store.frequency_policy(db, supervisee.council_id)
        schedule = Schedule(policy, supervisee.career_stage.value, today(), None)
    return render(request, "supervision/agreement_edit.html", {
        "supervisee": supervisee,
        "is_asye": supervisee.career_stage == CareerStage.ASYE,
        "current": current,
        "earlier": [line for line in history if line is not current],
        "frequency": agreements.describe_schedule(schedule),
        "values": values,
        "errors": in_order(errors, agreement_forms.FIELDS),
        "seen": agreements.agreement_token(current.agreement if current else None),
        "changed": changed,
    }, status_code=status)


# The supervisee's agreement --------------------------------------------------------------


@router.get("/supervision/agreement", name="my_agreement")
def my_agreement(request: Request, db: DbSession, principal: Anyone) -> Response:
    person = org.require_person(db, principal.council_id, principal.person_id)
    history = agreements.list_agreements(db, principal.person_id)
    current = history[0] if history and history[0].agreement.ended_on is None else None
    return render(request, "supervision/agreement_mine.html", {
        "person": person,
        "current": current,
        "earlier": [line for line in history if line is not current],
        "frequency": agreements.describe_schedule(agreements.schedule_for(db, person))
        if current else "",
        "seen": agreements.terms_fingerprint(current.agreement) if current else "",
    })


@router.post("/supervision/agreement", name="my_agreement_agree")
def my_agreement_agree(
    request: Request, db: DbSession, principal: Anyone, form: FormDep
) -> Response:
    raw_id = text(form, "agreement_id")
    try:
        if not (raw_id.isascii() and raw_id.isdigit()) or len(raw_id) > 12:
            raise access.NotYourRecord(f"agreement {raw_id[:20]}")
        _, agreed = agreements.agree(db, actor_from(request), principal.person_id, int(raw_id),
                                     text(form, "terms_seen"))
    except access.NotYourRecord as error:
        raise refused(request, db, error, "supervision_agreement", raw_id[:20]) from None
    except agreements.TermsChanged:
        flash(request, "Your supervisor changed the terms while you were reading them. "
                       "Read them again before you agree.", "important")
    else:
        flash(request, "You have agreed your supervision agreement" if agreed
              else "You had already agreed this agreement")
    return redirect(request, str(request.url_for("my_agreement")))
