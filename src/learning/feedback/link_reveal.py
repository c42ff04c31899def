"""Showing a new link's full address and short code to the person who made it, without
storing its token (or, for a personal link, its code).

Only a token's hash is stored, so the address exists in clear only in the response that
creates (or re-issues) the link; so does a personal link's short code, kept only as a keyed
hash. To keep Post/Redirect/Get and still offer the QR code and the poster as downloads,
that response carries the token and the code *sealed*: encrypted and authenticated (Fernet)
under a key derived from the secret, bound to the link, to the current token and code (a
re-issue or nothing else opens an old seal) and to the staff member's session, and good for
``REVEAL_SECONDS``. After that the address, and a personal link's code, are gone for good.
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
from learning.feedback.links import NewLink, stored_short_code
from learning.feedback.models import FeedbackLink

REVEAL_SECONDS = 30 * 60


def _fernet(settings: Settings) -> Fernet:
    key = hmac.new(
        settings.effective_secret.encode(), b"feedback-link-reveal", hashlib.sha256
    ).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def _session_tag(session_id: str) -> str:
    return token_hash(f"reveal:{session_id}")[:32]


def seal(settings: Settings, new: NewLink, session_id: str) -> str:
    payload = {
        "link": new.link.id,
        "token": new.token,
        "code": new.short_code,
        "session": _session_tag(session_id),
    }
    return _fernet(settings).encrypt(json.dumps(payload).encode()).decode()


def unseal(
    settings: Settings,
    sealed: str,
    link: FeedbackLink,
    session_id: str,
    now: float | None = None,
) -> NewLink | None:
    """The link with the token and code sealed for it and this session, or None (expired,
    tampered, another link or session, or the link has been re-issued since)."""
    if not sealed or len(sealed) > 1000:
        return None
    try:
        raw = _fernet(settings).decrypt_at_time(
            sealed.encode(), REVEAL_SECONDS, int(now if now is not None else time.time())
        )
        payload = json.loads(raw)
    except (InvalidToken, ValueError):
        return None
    if not isinstance(payload, dict) or payload.get("link") != link.id:
        return None
    token, code = payload.get("token"), payload.get("code")
    if not isinstance(token, str) or not isinstance(code, str):
        return None
    if not same(str(payload.get("session", "")), _session_tag(session_id)):
        return None
    if not same(token_hash(token), link.token_hash):
        return None
    if not same(stored_short_code(settings, link.kind, code), link.short_code):
        return None
    return NewLink(link=link, token=token, short_code=code)
