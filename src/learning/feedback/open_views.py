"""Opening a feedback link: by its address (``/f/TOKEN``) or by typing its short code (``/s``).

An open link swaps the token for the short-lived link cookie and sends the browser on to
the clean form address, so the token never reaches the history, a Referer header or a log.
Every link that does not open (unknown, expired, used or switched off) gets one and the same
page, which says nothing about why. Look-ups of links that do not exist count against the
client (:mod:`learning.feedback.lookup_limits`, through ``look_up``); over the limit,
nothing is looked up at all, and a look-up that finds nothing but whose count takes the
client past the limit (guesses sent at the same moment) gets the page for too many tries
as well. A link that exists but no longer opens is not counted: that is someone tapping
their own old link again, not guessing.

These pages use the light public layout in the person's language (``?lang=`` or the
browser's), like the forms. The closed page's language switch leads to ``/f``, which shows
the same page without a token in its address.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from learning.core.deps import DbSession
from learning.feedback import links, lookup_limits
from learning.feedback.form_questions import N_
from learning.feedback.forms import FieldError
from learning.feedback.link_cookie import set_link_cookie
from learning.feedback.models import FeedbackLink
from learning.feedback.public_page import PublicPage, route_path
from learning.org.forms import text
from learning.org.view_helpers import FormDep

Found = TypeVar("Found")

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
def open_link(request: Request, token: str) -> Response:
    def find(db: Session) -> FeedbackLink | None:
        return links.known_by_token(db, token) if len(token) <= MAX_TOKEN else None

    return _opened(request, look_up(request, find))


@router.get("/s/{code}", name="feedback_short_code_open")
def open_short_code(request: Request, code: str) -> Response:
    settings = request.app.state.settings
    return _opened(
        request, look_up(request, lambda db: links.known_by_short_code(db, settings, code[:40]))
    )


@router.get("/s", name="feedback_short_code")
def short_code_form(request: Request) -> Response:
    return _code_form(PublicPage.of(request), {"code": ""}, {})


@router.post("/s", name="feedback_short_code_submit")
def short_code_submit(request: Request, form: FormDep) -> Response:
    lang = str(form.get("lang", ""))
    page = PublicPage.of(request, lang, str(form.get("easy", "")))
    typed = text(form, "code")[:40]
    code = links.normalise_short_code(typed)
    if not code:
        return _code_form(page, {"code": typed}, {"code": FieldError(CODE_EMPTY)}, 422)
    if len(code) != links.SHORT_CODE_LENGTH:
        return _code_form(page, {"code": typed}, {"code": FieldError(CODE_SHAPE)}, 422)
    settings = request.app.state.settings
    looked = look_up(request, lambda db: links.known_by_short_code(db, settings, code))
    if looked.too_many:
        return closed_page(request, too_many=True, lang=lang)
    link = looked.found
    if link is None or not links.is_open(link):
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


def _opened(request: Request, looked: LookedUp[FeedbackLink]) -> Response:
    """On to the form; or, for a link that does not open, the one page for every such link
    (or for too many tries)."""
    if looked.too_many:
        return closed_page(request, too_many=True)
    link = looked.found
    if link is None or not links.is_open(link):
        return closed_page(request)
    return _open(PublicPage.of(request), link)


def _open(page: PublicPage, link: FeedbackLink) -> Response:
    """On to the form's clean address, in the language chosen here (if one was)."""
    response = RedirectResponse(page.link_to("feedback_form"), status_code=303, headers=NO_REFERRER)
    set_link_cookie(response, page.request.app.state.settings, link)
    return response


@dataclass(frozen=True)
class LookedUp(Generic[Found]):
    """What a look-up within the client's limit found (None: nothing), or that it was
    refused as one of too many tries (``too_many``: nothing is said about what was found)."""

    found: Found | None
    too_many: bool = False


def look_up(
    request: Request, find: Callable[[Session], Found | None], what: str = lookup_limits.LINKS
) -> LookedUp[Found]:
    """``find`` for this client, within its limit on failed look-ups of ``what``.

    Refused (``too_many``) when the client is over the limit already, before anything is
    looked up; and when ``find`` found nothing and counting that failure took the client
    past the limit (``lookup_limits.count_failure``): of guesses sent at the same moment, no
    more than the limit are answered. Only a look-up that finds nothing counts: a right
    guess does not, nor does a link that exists but no longer opens (``find`` returns it: a
    family tapping their used or expired link again is no guesser, and a school's or care
    home's shared address must not be locked out by it).

    Not in the request's transaction: the look-up reads in a transaction of its own, which
    has ended before the failure is counted in another (``_note_failure``), committed at
    once. So the counter's row is locked only for the moment of the count, not while a page
    is made, and a request never holds one connection while it waits for a second."""
    settings, address = request.app.state.settings, client_address(request)
    with request.app.state.db.session() as db:
        if lookup_limits.blocked(db, settings, address, what=what):
            return LookedUp(None, too_many=True)
        found = find(db)
        if found is None and not _note_failure(request, db, what):
            return LookedUp(None, too_many=True)
    return LookedUp(found)


def _blocked(request: Request, db: Session) -> bool:
    return lookup_limits.blocked(db, request.app.state.settings, client_address(request))


def _note_failure(request: Request, db: Session, what: str = lookup_limits.LINKS) -> bool:
    """Count a look-up that found nothing; whether it may be answered as one (False: over
    the limit, refuse it as too many).

    ``db`` is the look-up's own session, which only read: it is closed first, and the count
    goes in a transaction of its own that means to write from its start and commits at
    once. On SQLite a transaction that has read could not start writing once another writer
    (feedback being sent) had committed. On PostgreSQL, each request waiting for the
    counter's row holds a connection: with the row held until a page was made, or a second
    connection wanted while the first was held, a burst of guesses emptied the pool, and
    every request waited for it (30 seconds, then an error)."""
    db.close()
    settings, address = request.app.state.settings, client_address(request)
    with request.app.state.db.transaction() as counting:
        return lookup_limits.count_failure(counting, settings, address, what=what)


def _code_form(
    page: PublicPage, values: dict[str, str], errors: dict[str, FieldError], status: int = 200
) -> Response:
    return page.render("short_code.html", status_code=status, values=values, errors=errors)
