"""Test data for safeguarding alerts: submissions made directly with the model, and alerts."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from learning.core.clock import today
from learning.core.config import Settings
from learning.feedback import alerts
from learning.feedback.models import FeedbackSubmission, SafeguardingAlert
from learning.feedback.terms import FormKind, LinkKind, ScreenCategory
from tests.factories import Factory
from tests.feedback.factories import FeedbackFactory

#: When the alerts of the timed tests are raised (a Tuesday morning, London time).
RAISED = datetime(2025, 3, 4, 10, 0, tzinfo=UTC)
CHILD_WORDS = "My stepdad hits me with a belt and I am scared to go home"
_receipts = itertools.count(1)


def make_submission(factory: Factory, **fields: Any) -> FeedbackSubmission:
    link = FeedbackFactory(factory).make_link(LinkKind.POSTER, **_link_fields(fields)).link
    values: dict[str, Any] = {
        "council_id": link.council_id,
        "team_id": link.team_id,
        "link_id": link.id,
        "form_kind": FormKind.CHILD_8_12,
        "answers": json.dumps({"worries": CHILD_WORDS, "good_things": "My worker listens"}),
        "receipt_hash": f"{next(_receipts):064x}",
        "delete_after": today() + timedelta(days=730),
        "flagged": True,
    }
    submission = FeedbackSubmission(**{**values, **fields})
    factory.db.add(submission)
    factory.db.flush()
    return submission


def make_alert(
    factory: Factory,
    settings: Settings,
    categories: tuple[ScreenCategory, ...] = (ScreenCategory.PHYSICAL_ABUSE, ScreenCategory.FEAR),
    self_reported: bool = False,
    now: datetime | None = None,
    **submission_fields: Any,
) -> SafeguardingAlert:
    submission = make_submission(factory, **submission_fields)
    return alerts.raise_alert(factory.db, settings, submission, categories, self_reported, now=now)


def _link_fields(fields: dict[str, Any]) -> dict[str, Any]:
    return {"team_id": fields.pop("team_id")} if "team_id" in fields else {}


def minutes(n: int) -> datetime:
    """``n`` minutes after RAISED."""
    return RAISED + timedelta(minutes=n)
