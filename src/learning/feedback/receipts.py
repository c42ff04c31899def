"""Receipt codes: what a person keeps to look up later what happened to their feedback.

About ten characters from the short-code alphabet (no look-alikes), shown in groups for
reading aloud or copying from a screen. Only a keyed hash of the code is stored, so the
database alone cannot be used to look anything up.
"""

from __future__ import annotations

import secrets

from learning.core.config import Settings
from learning.core.security import keyed_hash
from learning.feedback.links import SHORT_CODE_ALPHABET, normalise_short_code, typed_code

RECEIPT_LENGTH = 10
GROUPS = (3, 3, 4)


def new_receipt_code() -> str:
    """A fresh code, formatted for reading: ``ACD-EFG-HJKM``."""
    raw = "".join(secrets.choice(SHORT_CODE_ALPHABET) for _ in range(RECEIPT_LENGTH))
    return format_receipt(raw)


def receipt_code_for(settings: Settings, nonce_key: str) -> str:
    """The receipt code of the feedback sent with the form nonce spent under ``nonce_key``:
    worked out from it with the service's secret, so that the same form sent twice (a double
    tap on a slow connection) answers the second time with the first one's code, the code of
    the feedback that counts. Nobody without the secret can work it out."""
    digest = int(keyed_hash(settings.effective_secret, f"receipt-of-form:{nonce_key}"), 16)
    raw = []
    for _ in range(RECEIPT_LENGTH):
        digest, index = divmod(digest, len(SHORT_CODE_ALPHABET))
        raw.append(SHORT_CODE_ALPHABET[index])
    return format_receipt("".join(raw))


def format_receipt(raw: str) -> str:
    parts, start = [], 0
    for size in GROUPS:
        parts.append(raw[start : start + size])
        start += size
    return "-".join(parts)


def normalise_receipt(text: str) -> str | None:
    """What a person typed, as the raw code; None when it cannot be a receipt code."""
    return typed_code(text, RECEIPT_LENGTH)


def receipt_hash(settings: Settings, code: str) -> str:
    """The stored form of a receipt code (formatted or raw, typed in any case)."""
    return keyed_hash(settings.effective_secret, f"feedback-receipt:{normalise_short_code(code)}")
