"""The states of an outgoing email."""

from __future__ import annotations

from enum import StrEnum


class OutboxStatus(StrEnum):
    PENDING = "pending"  # waiting for its first or next attempt
    SENT = "sent"
    CANCELLED = "cancelled"  # no longer needed (the alert was acknowledged before it went)
    FAILED = "failed"  # refused for good by the mail server (a 5xx reply): not tried again
