"""Supervision of supervisors: this week's sample of records, and the appreciative-inquiry
(EARS) review of one of them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlmodel import Session

from learning.accounts.dependencies import Principal, requires
from learning.audit.service import actor_from, record
from learning.core.clock import today
from learning.core.deps import DbSession
from learning.core.permissions import Permission
from learning.core.web import flash, redirect, render
from learning.org.view_helpers import FormDep
from learning.supervision import ears, queries
from learning.supervision.access import NotYourRecord
from learning.supervision.views_common import refused

router = APIRouter()
Auditor = Annotated[Principal, Depends(requires(Permission.SUPERVISION_AUDIT))]


@router.get("/supervision/audits", name="ears_sample")
def ears_sample(request: Request, db: DbSession, principal: Auditor) -> Response:
    on = today()
    sample = ears.weekly_sample(db, principal, on)
    record(db, actor_from(request), "supervision.ears.sample_viewed", "person",
           principal.person_id, sessions=[line.session_id for line in sample])
    return render(request, "supervision/ears_sample.html", {
        "sample": sample, "labels": queries.LABELS, "week": on.isocalendar()[1],
    })


@router.get("/supervision/sessions/{session_id:id}/ears", name="ears_review")
def ears_review(request: Request, db: DbSession, principal: Auditor, session_id: int) -> Response:
    return _review_page(request, db, principal, session_id, {}, {})


@router.post("/supervision/sessions/{session_id:id}/ears", name="ears_review")
def ears_review_create(
    request: Request, db: DbSession, principal: Auditor, session_id: int, form: FormDep
) -> Response:
    data, errors, values = ears.parse_review(form)
    if data is None:
        return _review_page(request, db, principal, session_id, values, errors, 422)
    try:
        ears.create_review(db, actor_from(request), principal, session_id, data)
    except NotYourRecord as error:
        raise refused(request, db, error, "supervision_session", session_id) from None
    flash(request, "Your review has been saved. The supervisor can read it on the "
                   "supervisee's history page.")
    return redirect(request, str(request.url_for("ears_sample")))


def _review_page(
    request: Request, db: Session, principal: Principal, session_id: int,
    values: dict[str, str], errors: dict[str, str], status_code: int = 200,
) -> Response:
    try:
        found = ears.record_for_review(db, actor_from(request), principal, session_id)
    except NotYourRecord as error:
        raise refused(request, db, error, "supervision_session", session_id) from None
    return render(request, "supervision/ears_review.html", {
        "item": found, "prompts": ears.PROMPTS, "labels": queries.LABELS,
        "values": values, "errors": errors,
    }, status_code=status_code)
