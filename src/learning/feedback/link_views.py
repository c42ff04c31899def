"""Staff pages for feedback links: the list, a new link, a link's page, switching it off and
printing a poster link again. The link's full address is shown only just after it is made
(see :mod:`learning.feedback.link_reveal`); after that, its short code."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlmodel import Session

from learning.accounts.dependencies import Principal
from learning.audit.service import actor_from
from learning.core.clock import today, utcnow
from learning.core.deps import DbSession
from learning.core.web import flash, redirect, render
from learning.feedback import link_access, link_forms, link_print_views, link_reveal, links
from learning.feedback import link_service as service
from learning.feedback.link_cookie import forget_link
from learning.feedback.link_view_common import Manager, describe, require_link
from learning.feedback.links import NewLink
from learning.feedback.terms import LinkKind, LinkSubject
from learning.org.forms import Errors, in_order
from learning.org.view_helpers import FormDep

router = APIRouter()
router.include_router(link_print_views.router)

CANNOT_REISSUE = "Only an open poster or time-limited link can be printed again"


@router.get("/feedback/links", name="feedback_links")
def link_list(request: Request, db: DbSession, principal: Manager) -> Response:
    now = utcnow()
    lines = link_access.list_links(db, principal)
    return render(
        request,
        "feedback/links/list.html",
        {
            "lines": [(line, links.status_of(line.link, now)) for line in lines],
            "limit": link_access.LIST_LIMIT,
            "can_create": bool(link_access.teams_for(db, principal)),
            "whole_council": link_access.sees_whole_council(principal),
        },
    )


@router.get("/feedback/links/new", name="feedback_link_new")
def link_new(request: Request, db: DbSession, principal: Manager) -> Response:
    teams = link_access.teams_for(db, principal)
    values = link_forms.initial_values([t.id for t in teams if t.id is not None])
    return _link_form(request, db, principal, teams, values, {})


@router.post("/feedback/links/new", name="feedback_link_create")
def link_create(request: Request, db: DbSession, principal: Manager, form: FormDep) -> Response:
    teams = link_access.teams_for(db, principal)
    workers = link_access.workers_in(db, principal.council_id, [t.id for t in teams if t.id])
    choices = link_forms.Choices(
        frozenset(t.id for t in teams if t.id is not None),
        {w.id: w.team_id for w in workers if w.id is not None and w.team_id is not None},
    )
    data, errors = link_forms.parse_link(form, choices, today())
    if data is None:
        values = link_forms.link_values(form)
        return _link_form(request, db, principal, teams, values, errors, 422, workers)
    settings = request.app.state.settings
    new = service.issue_link(db, settings, actor_from(request), principal.council_id, data)
    return to_issued(request, principal, new)


def to_issued(request: Request, principal: Principal, new: NewLink) -> Response:
    """Post/Redirect/Get to the page that shows the new address and short code, carrying
    them sealed."""
    sealed = link_reveal.seal(request.app.state.settings, new, principal.session_id)
    url = request.url_for("feedback_link_issued", link_id=new.link.id)
    return redirect(request, str(url.include_query_params(reveal=sealed)))


def _link_form(
    request: Request,
    db: Session,
    principal: Principal,
    teams: Any,
    values: dict[str, str],
    errors: Errors,
    status: int = 200,
    workers: Any = None,
) -> Response:
    if workers is None:
        workers = link_access.workers_in(db, principal.council_id, [t.id for t in teams if t.id])
    team_names = {t.id: t.name for t in teams}
    return render(
        request,
        "feedback/links/new.html",
        {
            "teams": [(str(t.id), t.name) for t in teams],
            "workers": [
                (str(w.id), f"{w.name} ({team_names.get(w.team_id, '')})") for w in workers
            ],
            "kinds": [(k.value, k.label) for k in LinkKind],
            "subjects": [(s.value, s.label) for s in LinkSubject],
            "forms": [(k.value, label) for k, label in link_forms.FORM_LABELS.items()],
            "retentions": [(str(days), label) for days, label in link_forms.RETENTION_CHOICES],
            "values": values,
            "errors": in_order(errors, link_forms.FIELDS),
        },
        status_code=status,
    )


@router.get("/feedback/links/{link_id:id}", name="feedback_link_detail")
def link_detail(request: Request, db: DbSession, principal: Manager, link_id: int) -> Response:
    link = require_link(request, db, principal, link_id)
    settings = request.app.state.settings
    # A personal link's short code opens it as surely as its address, for one person only:
    # like the address, it is shown once, when the link is made, and only its hash is kept.
    code = links.shown_short_code(link)
    return render(
        request,
        "feedback/links/detail.html",
        {
            **describe(db, link),
            "personal": code is None,
            "short_url": links.short_url(settings.base_url, code) if code else "",
            "short_page": links.short_code_page(settings.base_url),
            "can_revoke": link.revoked_at is None,
            "can_reissue": service.can_reissue(link),
        },
    )


@router.get("/feedback/links/{link_id:id}/revoke", name="feedback_link_revoke")
def link_revoke(request: Request, db: DbSession, principal: Manager, link_id: int) -> Response:
    link = require_link(request, db, principal, link_id)
    if link.revoked_at is not None:
        return _back_to_link(request, link_id, "This link is already switched off")
    return render(request, "feedback/links/revoke.html", describe(db, link))


@router.post("/feedback/links/{link_id:id}/revoke", name="feedback_link_revoke_submit")
def link_revoke_submit(
    request: Request, db: DbSession, principal: Manager, link_id: int
) -> Response:
    link = require_link(request, db, principal, link_id)
    if not service.revoke_link(db, actor_from(request), link):
        return _back_to_link(request, link_id, "This link was already switched off")
    forget_link(request.app, link_id)
    flash(request, "The link is switched off. Anyone who opens it is told it does not work.")
    return _back_to_link(request, link_id)


@router.get("/feedback/links/{link_id:id}/reissue", name="feedback_link_reissue")
def link_reissue(request: Request, db: DbSession, principal: Manager, link_id: int) -> Response:
    link = require_link(request, db, principal, link_id)
    if not service.can_reissue(link):
        return _back_to_link(request, link_id, CANNOT_REISSUE)
    return render(request, "feedback/links/reissue.html", describe(db, link))


@router.post("/feedback/links/{link_id:id}/reissue", name="feedback_link_reissue_submit")
def link_reissue_submit(
    request: Request, db: DbSession, principal: Manager, link_id: int
) -> Response:
    link = require_link(request, db, principal, link_id)
    settings = request.app.state.settings
    try:
        new = service.reissue_link(db, settings, actor_from(request), link)
    except service.CannotReissue:
        return _back_to_link(request, link_id, CANNOT_REISSUE)
    return to_issued(request, principal, new)


def _back_to_link(request: Request, link_id: int, important: str = "") -> Response:
    """Back to the link's page, with ``important`` news shown there first (if any)."""
    if important:
        flash(request, important, "important")
    return redirect(request, str(request.url_for("feedback_link_detail", link_id=link_id)))
