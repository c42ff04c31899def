"""After sending: the thank-you page with the receipt code, and looking a code up later.

The thank-you page reads the code from the short-lived receipt cookie (see
``receipt_cookie``), so it is never in an address; so is the form that was sent, whose
audience the page speaks to: a young child is thanked, and the receipt code and what
happens next are for the grown-up helping them. Looking a code up is a POST for the same
reason, and is rate limited per client.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from babel.dates import format_date
from fastapi import APIRouter, Request
from fastapi.responses import Response

from learning.core.deps import DbSession
from learning.core.web import branding_ready
from learning.feedback.form_definitions import Audience, definition_for
from learning.feedback.form_questions import N_
from learning.feedback.forms import FieldError, parse_kind
from learning.feedback.privacy import babel_locale
from learning.feedback.public_page import SAFETY_WORDS, PublicPage
from learning.feedback.receipt_cookie import read_receipt
from learning.feedback.receipt_status import lookup_allowed
from learning.feedback.submissions import receipt_status
from learning.org.view_helpers import FormDep

router = APIRouter()
ROUTES = frozenset({"feedback_thanks", "feedback_receipt", "feedback_receipt_lookup"})

#: What the team's handling of the feedback means, for the person who sent it.
STATUS_TEXT = {
    "received": N_("We have it. The team has not read it yet."),
    "read by the team": N_("The team has read it."),
    "closed": N_("The team has finished looking at it."),
}
ACTION_WORDS = {
    "planned": N_("Planned"),
    "happening now": N_("Happening now"),
    "done": N_("Done"),
}
ERROR_EMPTY = N_("Enter your receipt code")
ERROR_UNKNOWN = N_("We cannot find feedback with that code. Check it and try again.")
ERROR_TOO_MANY = N_("You have tried a lot of codes. Wait a few minutes, then try again.")


@dataclass(frozen=True)
class ThanksWords:
    """The thank-you page's heading, and for a young child what they are told in place of
    the receipt code (``told_us``), which goes to the grown-up helping them."""

    title: str
    told_us: str = ""  # empty: the code is in the panel, for the person who sent it


THANKS_WORDS = {
    Audience.YOUNG_CHILD: ThanksWords(
        N_("Thank you for telling us"), N_("We will read what you told us soon.")
    ),
    **dict.fromkeys(
        (Audience.CHILD, Audience.ADULT), ThanksWords(N_("Thank you. We have your feedback."))
    ),
}


async def feedback_thanks(request: Request) -> Response:
    """Runs on the event loop, as the form page does: it needs no database. A plain route,
    as the form page is (see ``public_views.feedback_form``)."""
    await branding_ready(request)
    page, receipt = PublicPage.of(request), read_receipt(request)
    kind = parse_kind(receipt.form) if receipt is not None else None
    audience = definition_for(kind).audience if kind is not None else Audience.CHILD
    words, safety = THANKS_WORDS[audience], SAFETY_WORDS[audience]
    if receipt is None:
        return page.render("thanks.html", receipt=None, words=words, safety=safety)
    return page.render_kept(
        "thanks.html",
        ("thanks", receipt.alert, audience),
        {"receipt_code": receipt.code},
        receipt=replace(receipt, code=""),  # the code goes in through its hole only
        words=words,
        safety=safety,
    )


router.add_route(
    "/give-feedback/thank-you", feedback_thanks, methods=["GET"], name="feedback_thanks"
)


@router.get("/give-feedback/receipt", name="feedback_receipt")
def feedback_receipt(request: Request) -> Response:
    return _receipt_page(PublicPage.of(request), {}, {})


@router.post("/give-feedback/receipt", name="feedback_receipt_lookup")
def feedback_receipt_lookup(request: Request, db: DbSession, form: FormDep) -> Response:
    page = PublicPage.of(request, str(form.get("lang", "")), str(form.get("easy", "")))
    code = str(form.get("code", "")).strip()[:40]
    values = {"code": code}
    if not code:
        return _receipt_page(page, values, {"code": FieldError(ERROR_EMPTY)}, 422)
    settings = request.app.state.settings
    if not lookup_allowed(db, settings, request.client.host if request.client else ""):
        return _receipt_page(page, values, {"code": FieldError(ERROR_TOO_MANY)}, 429)
    status = receipt_status(db, settings, code)
    if status is None:
        return _receipt_page(page, values, {"code": FieldError(ERROR_UNKNOWN)}, 422)
    return page.render(
        "receipt.html",
        values={"code": ""},
        errors={},
        status=status,
        status_text=STATUS_TEXT.get(status.status, status.status),
        action_words=ACTION_WORDS,
        received_on=format_date(
            status.received_on, format="long", locale=babel_locale(page.language)
        ),
    )


def _receipt_page(
    page: PublicPage, values: dict[str, str], errors: dict[str, FieldError], status_code: int = 200
) -> Response:
    return page.render(
        "receipt.html",
        status_code=status_code,
        values=values,
        errors=errors,
        status=None,
        status_text="",
        action_words=ACTION_WORDS,
        received_on="",
    )
