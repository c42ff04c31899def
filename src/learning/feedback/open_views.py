"""Opening a feedback link: by its address (``/f/TOKEN``) or by typing its short code (``/s``).

An open link swaps the token for the short-lived link cookie and sends the browser on to
the clean form address, so the token never reaches the history, a Referer header or a log.
Every link that does not open (unknown, expired, used or switched off) gets one and the same
page, which says nothing about why. Failed look-ups count against the client
(:mod:`learning.feedback.lookup_limits`); over the limit, nothing is looked up at all.
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from learning.core.deps import DbSession
from learning.core.web import render
from learning.feedback import links, lookup_limits
from learning.feedback.link_cookie import set_link_cookie
from learning.feedback.models import FeedbackLink
from learning.org.forms import text
from learning.org.view_helpers import FormDep

router = APIRouter()
PUBLIC_ROUTES: frozenset[str] = frozenset(
    {
        "feedback_open_link",
        "feedback_short_code",
        "feedback_short_code_submit",
        "feedback_short_code_open",
    }
)

GIVE_FEEDBACK_PATH = "/give-feedback"
NO_REFERRER = {"Referrer-Policy": "no-referrer"}
MAX_TOKEN = 100
CODE_SHAPE = "Your code has 8 letters and numbers, like ACDE-FGHJ"
CODE_NOT_FOUND = (
    "That code does not work. Check it against your poster or letter, or ask for a new one"
)


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.get("/f/{token}", name="feedback_open_link")
def open_link(request: Request, db: DbSession, token: str) -> Response:
    if _blocked(request, db):
        return _too_many(request)
    link = links.find_by_token(db, token) if len(token) <= MAX_TOKEN else None
    return _opened(request, db, link)


@router.get("/s/{code}", name="feedback_short_code_open")
def open_short_code(request: Request, db: DbSession, code: str) -> Response:
    if _blocked(request, db):
        return _too_many(request)
    return _opened(request, db, links.find_by_short_code(db, code[:40]))


@router.get("/s", name="feedback_short_code")
def short_code_form(request: Request) -> Response:
    return _code_form(request, {"code": ""}, {})


@router.post("/s", name="feedback_short_code_submit")
def short_code_submit(request: Request, db: DbSession, form: FormDep) -> Response:
    typed = text(form, "code")[:40]
    code = links.normalise_short_code(typed)
    if not code:
        return _code_form(request, {"code": typed}, {"code": "Enter your code"}, 422)
    if len(code) != links.SHORT_CODE_LENGTH:
        return _code_form(request, {"code": typed}, {"code": CODE_SHAPE}, 422)
    if _blocked(request, db):
        return _too_many(request)
    link = links.find_by_short_code(db, code)
    if link is None:
        _note_failure(request, db)
        return _code_form(request, {"code": typed}, {"code": CODE_NOT_FOUND}, 404)
    return _open(request, link)


def _opened(request: Request, db: Session, link: FeedbackLink | None) -> Response:
    if link is None:
        _note_failure(request, db)
        return _closed(request)
    return _open(request, link)


def _open(request: Request, link: FeedbackLink) -> Response:
    response = RedirectResponse(GIVE_FEEDBACK_PATH, status_code=303, headers=NO_REFERRER)
    set_link_cookie(response, request.app.state.settings, link)
    return response


def _blocked(request: Request, db: Session) -> bool:
    return lookup_limits.blocked(db, request.app.state.settings, client_address(request))


def _note_failure(request: Request, db: Session) -> None:
    lookup_limits.note_failure(db, request.app.state.settings, client_address(request))


def _closed(request: Request) -> Response:
    return _public(request, "feedback/public/link_closed.html", {"too_many": False}, 404)


def _too_many(request: Request) -> Response:
    return _public(request, "feedback/public/link_closed.html", {"too_many": True}, 429)


def _code_form(
    request: Request, values: dict[str, str], errors: dict[str, str], status: int = 200
) -> Response:
    context = {"values": values, "errors": errors}
    return _public(request, "feedback/public/short_code.html", context, status)


def _public(
    request: Request, template: str, context: Mapping[str, object], status: int
) -> Response:
    response = render(request, template, context, status_code=status)
    response.headers.update(NO_REFERRER)
    return response
