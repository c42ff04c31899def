"""Showing a new link's full address to the person who made it, without storing its token.

Only a token's hash is stored, so the address exists in clear only in the response that
creates (or re-issues) the link. To keep Post/Redirect/Get and still offer the QR code and
the poster as downloads, that response carries the token *sealed*: encrypted and
authenticated (Fernet) under a key derived from the secret, bound to the link, to the
current token (a re-issue or nothing else opens an old seal) and to the staff member's
session, and good for ``REVEAL_SECONDS``. After that the address is gone for good.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time

from cryptography.fernet import Fernet, InvalidToken

from learning.core.config import Settings
from learning.core.security import same, token_hash
from learning.feedback.models import FeedbackLink

REVEAL_SECONDS = 30 * 60


def _fernet(settings: Settings) -> Fernet:
    key = hmac.new(
        settings.effective_secret.encode(), b"feedback-link-reveal", hashlib.sha256
    ).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def _session_tag(session_id: str) -> str:
    return token_hash(f"reveal:{session_id}")[:32]


def seal(settings: Settings, link: FeedbackLink, token: str, session_id: str) -> str:
    payload = {"link": link.id, "token": token, "session": _session_tag(session_id)}
    return _fernet(settings).encrypt(json.dumps(payload).encode()).decode()


def unseal(
    settings: Settings,
    sealed: str,
    link: FeedbackLink,
    session_id: str,
    now: float | None = None,
) -> str | None:
    """The token sealed for this link and session, or None (expired, tampered, another
    link or session, or the link has been re-issued since)."""
    if not sealed or len(sealed) > 1000:
        return None
    try:
        raw = _fernet(settings).decrypt_at_time(
            sealed.encode(), REVEAL_SECONDS, int(now if now is not None else time.time())
        )
        payload = json.loads(raw)
    except (InvalidToken, ValueError):
        return None
    token = payload.get("token") if isinstance(payload, dict) else None
    if not isinstance(token, str) or payload.get("link") != link.id:
        return None
    if not same(str(payload.get("session", "")), _session_tag(session_id)):
        return None
    return token if same(token_hash(token), link.token_hash) else None
