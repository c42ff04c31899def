"""Carrying the receipt code from the form's POST to the thank-you page.

Post/Redirect/Get keeps a refresh or the back button from sending the feedback twice; the
code must not go into the thank-you page's address (where it would sit in history and
logs), so it travels in this short-lived signed cookie instead. The cookie is strictly
necessary and lasts ``RECEIPT_COOKIE_SECONDS``: long enough to write the code down.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from learning.core.config import Settings

SECURE_RECEIPT_COOKIE = "__Host-learning_receipt"
PLAIN_RECEIPT_COOKIE = "learning_receipt"
RECEIPT_COOKIE_SECONDS = 15 * 60


@dataclass(frozen=True)
class Receipt:
    code: str
    alert: bool  # a safeguarding alert was raised: show the safety message first


def receipt_cookie_name(settings: Settings) -> str:
    return SECURE_RECEIPT_COOKIE if settings.cookie_secure else PLAIN_RECEIPT_COOKIE


def _serializer(settings: Settings) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(settings.effective_secret, salt="feedback-receipt")


def set_receipt_cookie(response: Response, settings: Settings, receipt: Receipt) -> None:
    response.set_cookie(
        receipt_cookie_name(settings),
        _serializer(settings).dumps({"c": receipt.code, "a": receipt.alert}),
        max_age=RECEIPT_COOKIE_SECONDS,
        path="/",
        secure=settings.cookie_secure,
        httponly=True,
        samesite="lax",
    )


def read_receipt(request: Request) -> Receipt | None:
    settings: Settings = request.app.state.settings
    raw = request.cookies.get(receipt_cookie_name(settings))
    if not raw:
        return None
    try:
        value = _serializer(settings).loads(raw, max_age=RECEIPT_COOKIE_SECONDS)
    except BadSignature:
        return None
    if not isinstance(value, dict) or not isinstance(value.get("c"), str):
        return None
    return Receipt(code=value["c"], alert=bool(value.get("a")))
