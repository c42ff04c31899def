"""Helpers for intake tests: a submission as the form would hand it over."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from learning.core.config import Settings
from learning.feedback import abuse
from learning.feedback.models import FeedbackLink
from learning.feedback.submissions import Incoming
from learning.feedback.terms import FormKind, Language

CALM_ANSWERS = {"rating": "happy", "good": "My worker listens to me and explains things"}
DISCLOSURE = "my step dad hits me and I am scared to go home"


def incoming(
    settings: Settings,
    link: FeedbackLink,
    now: datetime,
    *,
    filled_for: timedelta = timedelta(seconds=45),
    **overrides: Any,
) -> Incoming:
    """A submission for ``link`` whose form was shown ``filled_for`` before ``now``."""
    assert link.id is not None
    values: dict[str, Any] = {
        "link": link,
        "form_kind": FormKind.CHILD_8_12,
        "language": Language.ENGLISH,
        "easy_read": False,
        "answers": dict(CALM_ANSWERS),
        "worried_about_safety": False,
        "wants_contact": False,
        "contact_name": "",
        "contact_detail": "",
        "honeypot": "",
        "nonce": abuse.issue_nonce(settings, link.id, now=now - filled_for),
    }
    values.update(overrides)
    return Incoming(**values)
