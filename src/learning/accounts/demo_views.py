"""Demo mode only: a clearly labelled 'sign in as' page listing the demo council's people.

This router is included only when ``LEARNING_DEMO`` is true; outside demo mode the routes
do not exist.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import Response

from learning.accounts import kept_forms, service
from learning.accounts.sessions import session_state, start_signed_in_session
from learning.audit.service import Actor, record
from learning.core.deps import DbSession, SettingsDep
from learning.core.web import redirect, render
from learning.org import service as org_service

router = APIRouter(prefix="/demo")


@router.get("/sign-in-as", name="demo_sign_in")
def demo_sign_in(
    request: Request,
    db: DbSession,
    settings: SettingsDep,
    q: Annotated[str, Query(max_length=80)] = "",
    next: Annotated[str | None, Query()] = None,
) -> Response:
    if not settings.demo:
        raise HTTPException(404)
    council = service.council_for(db, settings)
    assert council.id is not None
    found = org_service.search_people(db, council.id, q, limit=20) if q else []
    return render(
        request,
        "accounts/demo_sign_in.html",
        {
            "showcase": org_service.demo_showcase(db, council.id),
            "matches": [person for person in found if person.active],  # inactive: cannot sign in
            "q": q,
            "next": service.safe_next(next),
        },
    )


@router.post("/sign-in-as", name="demo_sign_in_submit")
def demo_sign_in_submit(
    request: Request,
    db: DbSession,
    settings: SettingsDep,
    person_id: Annotated[int, Form()],
    next: Annotated[str, Form()] = "/",
) -> Response:
    if not settings.demo:
        raise HTTPException(404)
    council = service.council_for(db, settings)
    person = org_service.get_person(db, council.id or 0, person_id)
    if person is None or not person.active:
        raise HTTPException(404)
    assert person.id is not None
    carried = kept_forms.carried(request.scope["session"], person.id)
    start_signed_in_session(db, session_state(request.scope), person.id, (), carried)
    actor = Actor(person.id, person.name, person.council_id, str(request.state.request_id))
    record(db, actor, "sign_in.succeeded", "person", person.id, method="demo")
    return redirect(request, service.safe_next(next))
