"""The abuse thresholds come from the settings (``LEARNING_FEEDBACK_CLIENT_LIMIT``,
``LEARNING_FEEDBACK_LINK_LIMIT``, ``LEARNING_FEEDBACK_MIN_FILL_SECONDS``), as the load
benchmark raises them; the checks themselves still run on every submission."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session

from learning.feedback import abuse, nonces, rates
from learning.feedback.terms import QuarantineReason
from tests.conftest import make_settings

NOW = datetime(2026, 3, 10, 14, 7, 30, tzinfo=UTC)


def test_the_thresholds_are_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEARNING_FEEDBACK_CLIENT_LIMIT", "7")
    monkeypatch.setenv("LEARNING_FEEDBACK_LINK_LIMIT", "9")
    monkeypatch.setenv("LEARNING_FEEDBACK_MIN_FILL_SECONDS", "0.5")
    settings = make_settings()
    assert rates.client_limit(settings).allowed == 7
    assert rates.link_limit(settings).allowed == 9
    assert nonces.min_fill_time(settings) == timedelta(seconds=0.5)


def test_the_defaults_are_twenty_per_client_and_three_hundred_per_link() -> None:
    settings = make_settings()
    assert rates.client_limit(settings).allowed == 20
    assert rates.link_limit(settings).allowed == 300


def test_a_raised_client_limit_lets_more_through_but_still_counts(db: Session) -> None:
    settings = make_settings(feedback_client_limit=25)
    results = [abuse.check_rates(db, settings, "203.0.113.9", 1, NOW) for _ in range(26)]
    assert results[:25] == [None] * 25
    assert results[25] is QuarantineReason.CLIENT_RATE


def test_a_lowered_client_limit_holds_back_sooner(db: Session) -> None:
    settings = make_settings(feedback_client_limit=2)
    results = [abuse.check_rates(db, settings, "203.0.113.9", 1, NOW) for _ in range(3)]
    assert results == [None, None, QuarantineReason.CLIENT_RATE]
