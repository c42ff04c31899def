"""Signed, timed, URL-safe values (cookies, form fields, nonces), from the service's secret.

The standard ``URLSafeTimedSerializer`` tries zlib on every value it signs, and keeps the
result when shorter. The values signed here are a few bytes (an id, a timestamp), so that
only costs time: creating a zlib stream took most of the time of signing one, and a public
feedback visit signs three. This serializer never compresses, and reads everything the
standard one writes, compressed or not, so values already issued stay good.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from itsdangerous import URLSafeTimedSerializer
from itsdangerous.encoding import base64_encode
from itsdangerous.serializer import Serializer


class PlainSerializer(URLSafeTimedSerializer):
    def dump_payload(self, obj: Any) -> bytes:
        # JSON as the base Serializer makes it, base64-encoded, never zlib-compressed.
        return base64_encode(Serializer.dump_payload(self, obj))


@cache
def serializer(secret: str, salt: str) -> URLSafeTimedSerializer:
    """One per secret and salt: it holds no state between values, and a public feedback visit
    signs or reads several."""
    return PlainSerializer(secret, salt=salt)
