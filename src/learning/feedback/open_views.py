"""Opening a feedback link: by its address (``/f/TOKEN``) or by typing its short code (``/s``).

An open link swaps the token for the short-lived link cookie and sends the browser on to
the clean form address, so the token never reaches the history, a Referer header or a log.
Every link that does not open (unknown, expired, used or switched off) gets one and the same
page, which says nothing about why. Look-ups of links that do not exist count against the
client (:mod:`learning.feedback.lookup_limits`); over the limit, nothing is looked up at
all. A link that exists but no longer opens is not counted: that is someone tapping their
own old link again, not guessing.

These pages use the light public layout in the person's language (``?lang=`` or the
browser's), like the forms. The closed page's language switch leads to ``/f``, which shows
the same page without a token in its address.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from learning.core.deps import SAFE_METHODS, DbSession
from learning.feedback import links, lookup_limits
from learning.feedback.form_questions import N_
from learning.feedback.forms import FieldError
from learning.feedback.link_cookie import set_link_cookie
from learning.feedback.models import FeedbackLink
from learning.feedback.public_page import PublicPage, route_path
from learning.org.forms import text
from learning.org.view_helpers import FormDep

router = APIRouter()
PUBLIC_ROUTES: frozenset[str] = frozenset(
    {
        "feedback_open_link",
        "feedback_link_closed",
        "feedback_short_code",
        "feedback_short_code_submit",
        "feedback_short_code_open",
    }
)

NO_REFERRER = {"Referrer-Policy": "no-referrer"}
MAX_TOKEN = 100
CODE_EMPTY = N_("Enter your code")
CODE_SHAPE = N_("Your code has 8 letters and numbers, like ACDE-FGHJ")
CODE_NOT_FOUND = N_(
    "That code does not work. Check it against your poster or letter, or ask for a new one"
)


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@router.get("/f", name="feedback_link_closed")
def link_closed(request: Request, db: DbSession) -> Response:
    """The closed page at an address without a token (where its language switch leads)."""
    return closed_page(request, too_many=_blocked(request, db))


@router.get("/f/{token}", name="feedback_open_link")
def open_link(request: Request, db: DbSession, token: str) -> Response:
    if _blocked(request, db):
        return closed_page(request, too_many=True)
    link = links.known_by_token(db, token) if len(token) <= MAX_TOKEN else None
    return _opened(request, db, link)


@router.get("/s/{code}", name="feedback_short_code_open")
def open_short_code(request: Request, db: DbSession, code: str) -> Response:
    if _blocked(request, db):
        return closed_page(request, too_many=True)
    settings = request.app.state.settings
    return _opened(request, db, links.known_by_short_code(db, settings, code[:40]))


@router.get("/s", name="feedback_short_code")
def short_code_form(request: Request) -> Response:
    return _code_form(PublicPage.of(request), {"code": ""}, {})


@router.post("/s", name="feedback_short_code_submit")
def short_code_submit(request: Request, db: DbSession, form: FormDep) -> Response:
    lang = str(form.get("lang", ""))
    page = PublicPage.of(request, lang, str(form.get("easy", "")))
    typed = text(form, "code")[:40]
    code = links.normalise_short_code(typed)
    if not code:
        return _code_form(page, {"code": typed}, {"code": FieldError(CODE_EMPTY)}, 422)
    if len(code) != links.SHORT_CODE_LENGTH:
        return _code_form(page, {"code": typed}, {"code": FieldError(CODE_SHAPE)}, 422)
    if _blocked(request, db):
        return closed_page(request, too_many=True, lang=lang)
    link = links.known_by_short_code(db, request.app.state.settings, code)
    if link is None or not links.is_open(link):
        if link is None:
            _note_failure(request, db)
        return _code_form(page, {"code": typed}, {"code": FieldError(CODE_NOT_FOUND)}, 404)
    return _open(page, link)


#: Where the public feedback pages live: an address there that does not exist gets
#: ``not_found_page`` (see ``core.errors.public_error_pages``).
PUBLIC_PREFIXES = ("/give-feedback", "/f/", "/s/")


def not_found_page(request: Request, status: int) -> Response:
    """A feedback address that does not exist (a mistyped one, or a form's own address
    opened in a new tab): in the person's language, with the safety message."""
    page = PublicPage.of(request)
    page.here = route_path(request.app, "feedback_link_closed")
    return page.render("link_closed.html", status_code=status, too_many=False, not_found=True)


def closed_page(request: Request, too_many: bool = False, lang: str | None = None) -> Response:
    """The one page for every link that does not open (404), or for too many tries (429)."""
    page = PublicPage.of(request, lang)
    page.here = route_path(request.app, "feedback_link_closed")
    return page.render(
        "link_closed.html", status_code=429 if too_many else 404, too_many=too_many, not_found=False
    )


def _opened(request: Request, db: Session, link: FeedbackLink | None) -> Response:
    """On to the form; or, for a link that does not open, the one page for every such link.
    Only a link that does not exist counts against the client's look-ups: a family tapping
    their used or expired link again is no guesser, and a school's or care home's shared
    address must not be locked out by it."""
    if link is None or not links.is_open(link):
        if link is None:
            _note_failure(request, db)
        return closed_page(request)
    return _open(PublicPage.of(request), link)


def _open(page: PublicPage, link: FeedbackLink) -> Response:
    """On to the form's clean address, in the language chosen here (if one was)."""
    response = RedirectResponse(page.link_to("feedback_form"), status_code=303, headers=NO_REFERRER)
    set_link_cookie(response, page.request.app.state.settings, link)
    return response


def _blocked(request: Request, db: Session) -> bool:
    return lookup_limits.blocked(db, request.app.state.settings, client_address(request))


def _note_failure(request: Request, db: Session) -> None:
    """Opening a link is a GET, whose transaction only reads: on SQLite it could not start
    writing once another writer (feedback being sent) had committed, so there the count goes
    in a transaction of its own that means to write from its start. A POST's transaction
    means to write already (and holds the one write turn: a second would wait for it)."""
    settings, address = request.app.state.settings, client_address(request)
    if request.method not in SAFE_METHODS:
        lookup_limits.note_failure(db, settings, address)
        return
    with request.app.state.db.transaction() as counting:
        lookup_limits.note_failure(counting, settings, address)


def _code_form(
    page: PublicPage, values: dict[str, str], errors: dict[str, FieldError], status: int = 200
) -> Response:
    return page.render("short_code.html", status_code=status, values=values, errors=errors)
