"""The safeguarding inbox: a council's alerts (open first, overdue marked), one alert with the
feedback that raised it and its trail, acknowledging it, recording its outcome, and
reopening it when that outcome was wrong.

Every view of an alert's page is audited: it shows what a child wrote. Views never commit
(the request does); a refused or repeated action says so and changes nothing.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlmodel import Session

from learning.accounts.dependencies import Principal, requires
from learning.audit.service import actor_from, record, record_refusal
from learning.core.clock import format_datetime, utcnow
from learning.core.deps import DbSession
from learning.core.pagination import PageLinks, page_links
from learning.core.permissions import Permission
from learning.core.web import flash, keep_typed, redirect, render, typed_for
from learning.feedback import alert_forms, alert_queries, alerts
from learning.feedback.models import SafeguardingAlert
from learning.feedback.terms import AlertStatus
from learning.org.view_helpers import FormDep, not_found
from learning.themes.arrival_queue import after_response
from learning.themes.arrivals import FEEDBACK

router = APIRouter()
PUBLIC_ROUTES: frozenset[str] = frozenset()
RECORD_TYPE = "safeguarding_alert"

Lead = Annotated[Principal, Depends(requires(Permission.SAFEGUARDING_ALERTS))]


@router.get("/safeguarding/alerts", name="safeguarding_alerts")
def alert_list(request: Request, db: DbSession, principal: Lead) -> Response:
    settings = request.app.state.settings
    page = request.query_params.get("page", "1")
    wanted = int(page) if page.isascii() and page.isdigit() and len(page) < 7 else 1
    found = alert_queries.inbox(db, settings, principal.council_id, utcnow(), page=wanted)
    context = {
        "live": found.live,
        "closed": found.closed,
        "closed_total": found.closed_total,
        "first": (found.page - 1) * alert_queries.CLOSED_PAGE_SIZE + 1,
        "last": (found.page - 1) * alert_queries.CLOSED_PAGE_SIZE + len(found.closed),
        "pagination": _pagination(request, found.page, found.pages),
    }
    return render(request, "feedback/alerts/list.html", context)


def _pagination(request: Request, page: int, pages: int) -> PageLinks | None:
    """Links to the pages of closed alerts."""
    base = str(request.url_for("safeguarding_alerts"))
    return page_links(page, pages, lambda n: f"{base}?page={n}#closed-heading")


@router.get("/safeguarding/alerts/{alert_id:id}", name="safeguarding_alert")
def alert_detail(request: Request, db: DbSession, principal: Lead, alert_id: int) -> Response:
    alert = _require(request, db, principal, alert_id)
    return _detail_page(request, db, alert, typed_for(request, _page(alert_id)), {})


@router.post("/safeguarding/alerts/{alert_id:id}/acknowledge", name="safeguarding_alert_ack")
def alert_acknowledge(
    request: Request, db: DbSession, principal: Lead, alert_id: int, form: FormDep
) -> Response:
    alert = _require(request, db, principal, alert_id)
    # The button sits in the outcome's form: an outcome or note typed is kept, not lost.
    keep_typed(request, _page(alert_id), alert_forms.values_of(form))
    try:
        alerts.acknowledge(db, alert, principal.person_id)
    except alerts.AlertError:
        flash(request, alert_queries.taken_by(db, alert), "important")
    else:
        record(db, actor_from(request), "safeguarding_alert.acknowledged", RECORD_TYPE, alert_id)
        flash(request, "You have acknowledged this alert. Record what was done when you can.")
    return redirect(request, str(request.url_for("safeguarding_alert", alert_id=alert_id)))


@router.post("/safeguarding/alerts/{alert_id:id}/outcome", name="safeguarding_alert_outcome")
def alert_outcome(
    request: Request, db: DbSession, principal: Lead, alert_id: int, form: FormDep
) -> Response:
    alert = _require(request, db, principal, alert_id)
    data, errors = alert_forms.parse_outcome(form)
    if data is None:
        return _detail_page(request, db, alert, alert_forms.values_of(form), errors, 422)
    try:
        alerts.record_outcome(db, alert, principal.person_id, data.outcome, data.note)
    except alerts.AlertError:
        # Someone closed it first (perhaps at the same moment): nothing of this person's is
        # stored, and what they typed is shown back to them on the page.
        keep_typed(request, _page(alert_id), alert_forms.values_of(form))
        flash(request, "This alert was already closed: its outcome is below", "important")
    else:
        record(
            db, actor_from(request), "safeguarding_alert.closed", RECORD_TYPE, alert_id,
            outcome=data.outcome.value,
        )  # fmt: skip
        flash(request, f"Outcome recorded: {data.outcome.label}. The alert is closed.")
        # Its feedback may now reach the themes (shown with their next published run).
        return _taken_in_again(request, alert)
    return redirect(request, str(request.url_for("safeguarding_alert", alert_id=alert_id)))


@router.post("/safeguarding/alerts/{alert_id:id}/reopen", name="safeguarding_alert_reopen")
def alert_reopen(
    request: Request, db: DbSession, principal: Lead, alert_id: int, form: FormDep
) -> Response:
    alert = _require(request, db, principal, alert_id)
    reason, errors = alert_forms.parse_reopen(form)
    typed = alert_forms.reopen_values_of(form)
    if errors and alert.status is AlertStatus.CLOSED:
        return _detail_page(request, db, alert, typed, errors, 422)
    undone = alert.outcome
    try:
        alerts.reopen(db, request.app.state.settings, alert, principal.person_id, reason)
    except alerts.AlertError as refused:
        # Someone reopened it first (or it was never closed): nothing of this person's is
        # stored, and the reason they typed is shown back to them on the page.
        keep_typed(request, _page(alert_id), typed)
        flash(request, str(refused), "important")
    else:
        record(
            db, actor_from(request), "safeguarding_alert.reopened", RECORD_TYPE, alert_id,
            outcome_undone=undone.value if undone else "",
        )  # fmt: skip
        by = format_datetime(alert.respond_by)
        flash(request, f"You have reopened this alert and have it now. Record its outcome by {by}.")
        # Its feedback is held out of the themes again at once, not at the next sync.
        return _taken_in_again(request, alert)
    return redirect(request, str(request.url_for("safeguarding_alert", alert_id=alert_id)))


def _taken_in_again(request: Request, alert: SafeguardingAlert) -> Response:
    """The alert's page, and its feedback taken in by the themes once the page is sent: an
    open alert holds the child's words out of the themes, so closing or reopening one
    changes what the themes may read."""
    response = redirect(request, str(request.url_for("safeguarding_alert", alert_id=alert.id)))
    return after_response(request, response, FEEDBACK, alert.submission_id)


def _page(alert_id: int) -> str:
    return f"safeguarding_alert:{alert_id}"


def _require(
    request: Request, db: Session, principal: Principal, alert_id: int
) -> SafeguardingAlert:
    """The alert, if it is this council's; otherwise 404, and the refusal audited."""
    try:
        return alert_queries.require_alert(db, principal.council_id, alert_id)
    except alert_queries.NotThisCouncils:
        record_refusal(
            request, db, "safeguarding.alert.refused", "safeguarding_alert", alert_id,
            "no such alert in the person's council",
        )
        raise not_found() from None


def _detail_page(
    request: Request,
    db: Session,
    alert: SafeguardingAlert,
    values: dict[str, str],
    errors: dict[str, str],
    status: int = 200,
) -> Response:
    settings = request.app.state.settings
    context = alert_queries.detail(db, settings, alert, utcnow())
    record(db, actor_from(request), "safeguarding_alert.viewed", RECORD_TYPE, alert.id)
    return render(
        request,
        "feedback/alerts/detail.html",
        {
            **context,
            "outcomes": alert_forms.OUTCOME_CHOICES,
            "values": values,
            "errors": {f: errors[f] for f in alert_forms.ALL_FIELDS if f in errors},
        },
        status_code=status,
    )
