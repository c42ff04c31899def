"""Carrying the receipt code from the form's POST to the thank-you page.

Post/Redirect/Get keeps a refresh or the back button from sending the feedback twice; the
code must not go into the thank-you page's address (where it would sit in history and
logs), so it travels in this short-lived signed cookie instead. The cookie is strictly
necessary and lasts ``RECEIPT_COOKIE_SECONDS``: long enough to write the code down.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request, Response

from learning.core.config import Settings
from learning.core.signed_cookie import SignedCookie

RECEIPT_COOKIE_SECONDS = 15 * 60
RECEIPT_COOKIE = SignedCookie(
    "learning_receipt", salt="feedback-receipt", seconds=RECEIPT_COOKIE_SECONDS
)


@dataclass(frozen=True)
class Receipt:
    code: str
    alert: bool  # a safeguarding alert was raised: show the safety message first
    form: str = ""  # the form sent (its kind): the thank-you page speaks to its audience


def receipt_cookie_name(settings: Settings) -> str:
    return RECEIPT_COOKIE.name_for(settings)


def set_receipt_cookie(response: Response, settings: Settings, receipt: Receipt) -> None:
    value = {"c": receipt.code, "a": receipt.alert, "k": receipt.form}
    RECEIPT_COOKIE.set(response, settings, value)


def read_receipt(request: Request) -> Receipt | None:
    value = RECEIPT_COOKIE.read(request)
    if not isinstance(value, dict) or not isinstance(value.get("c"), str):
        return None
    form = value.get("k")
    form = form if isinstance(form, str) else ""
    return Receipt(code=value["c"], alert=bool(value.get("a")), form=form)
