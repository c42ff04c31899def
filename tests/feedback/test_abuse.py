"""The abuse checks one by one: honeypot, signed nonce, rate windows, duplicates, lengths,
and the purge of old counters and nonces."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from learning.core.config import Settings
from learning.core.security import keyed_hash
from learning.feedback import abuse, lookup_limits, nonces, rates
from learning.feedback.models import DailyKey, RateCounter, UsedNonce
from learning.feedback.terms import QuarantineReason
from tests.conftest import make_settings

NOW = datetime(2026, 3, 10, 14, 7, 30, tzinfo=UTC)


def test_an_empty_honeypot_passes_and_a_filled_one_is_quarantined() -> None:
    assert abuse.check_honeypot("") is None
    assert abuse.check_honeypot("   ") is None
    assert abuse.check_honeypot("http://spam.example") is QuarantineReason.HONEYPOT


def test_a_nonce_used_after_the_minimum_fill_time_passes_once(
    db: Session, settings: Settings
) -> None:
    nonce = abuse.issue_nonce(settings, 7, now=NOW)
    later = NOW + timedelta(seconds=40)
    assert abuse.check_nonce(db, settings, nonce, 7, later) is None
    assert abuse.check_nonce(db, settings, nonce, 7, later) is QuarantineReason.DUPLICATE


@pytest.mark.parametrize("suffix", ["!!", "~~~~", "$$", "!!~~~~"])
def test_a_nonce_sent_again_in_another_spelling_is_a_duplicate(
    db: Session, settings: Settings, suffix: str
) -> None:
    # The signature's base64 decoding skips characters outside its alphabet, so these
    # spellings still check: spending must go by what was signed, not by the string sent.
    nonce = abuse.issue_nonce(settings, 7, now=NOW)
    later = NOW + timedelta(seconds=40)
    assert abuse.check_nonce(db, settings, nonce, 7, later) is None
    assert nonces.issued_at(settings, nonce + suffix, 7) is not None
    assert abuse.check_nonce(db, settings, nonce + suffix, 7, later) is (
        QuarantineReason.DUPLICATE
    )


def test_a_nonce_sent_back_too_soon_is_too_fast_and_spent(db: Session, settings: Settings) -> None:
    nonce = abuse.issue_nonce(settings, 7, now=NOW)
    quick = NOW + timedelta(seconds=2.5)
    assert abuse.check_nonce(db, settings, nonce, 7, quick) is QuarantineReason.TOO_FAST
    assert abuse.check_nonce(db, settings, nonce, 7, NOW + timedelta(seconds=9)) is (
        QuarantineReason.DUPLICATE
    )


def test_the_minimum_fill_time_is_three_seconds_unless_set(db: Session) -> None:
    settings = make_settings()
    assert nonces.min_fill_time(settings) == timedelta(seconds=3)
    nonce = abuse.issue_nonce(settings, 7, now=NOW)
    assert abuse.check_nonce(db, settings, nonce, 7, NOW + timedelta(seconds=3)) is None
    instant = make_settings(feedback_min_fill_seconds=0)
    nonce = abuse.issue_nonce(instant, 7, now=NOW)
    assert abuse.check_nonce(db, instant, nonce, 7, NOW) is None


@pytest.mark.parametrize(
    "mangle",
    [
        lambda n: n[:-2] + ("AA" if not n.endswith("AA") else "BB"),  # signature broken
        lambda n: "",
        lambda n: "not-a-nonce",
    ],
)
def test_a_forged_or_mangled_nonce_is_bad(db: Session, settings: Settings, mangle) -> None:
    nonce = mangle(abuse.issue_nonce(settings, 7, now=NOW))
    later = NOW + timedelta(seconds=30)
    assert abuse.check_nonce(db, settings, nonce, 7, later) is QuarantineReason.BAD_NONCE


def test_a_nonce_for_another_link_or_under_another_secret_is_bad(
    db: Session, settings: Settings
) -> None:
    later = NOW + timedelta(seconds=30)
    other_link = abuse.issue_nonce(settings, 8, now=NOW)
    assert abuse.check_nonce(db, settings, other_link, 7, later) is QuarantineReason.BAD_NONCE
    other_secret = abuse.issue_nonce(make_settings(secret_key="x" * 40), 7, now=NOW)
    assert abuse.check_nonce(db, settings, other_secret, 7, later) is QuarantineReason.BAD_NONCE


def test_a_nonce_older_than_two_hours_is_bad(db: Session, settings: Settings) -> None:
    nonce = abuse.issue_nonce(settings, 7, now=NOW)
    assert abuse.check_nonce(db, settings, nonce, 7, NOW + timedelta(hours=2, seconds=1)) is (
        QuarantineReason.BAD_NONCE
    )
    fresh = abuse.issue_nonce(settings, 7, now=NOW)
    assert abuse.check_nonce(db, settings, fresh, 7, NOW + timedelta(hours=1, minutes=59)) is None


def test_a_nonce_is_stored_only_as_a_hash(db: Session, settings: Settings) -> None:
    nonce = abuse.issue_nonce(settings, 7, now=NOW)
    abuse.check_nonce(db, settings, nonce, 7, NOW + timedelta(seconds=5))
    stored = db.exec(select(UsedNonce.nonce_hash)).all()
    assert len(stored) == 1
    assert nonce not in stored[0]
    assert len(stored[0]) == 64


def test_windows_are_fixed_and_aligned() -> None:
    assert rates.window_start(NOW, timedelta(minutes=10)) == datetime(
        2026, 3, 10, 14, 0, tzinfo=UTC
    )
    assert rates.window_start(NOW, timedelta(hours=1)) == datetime(2026, 3, 10, 14, 0, tzinfo=UTC)
    later = NOW + timedelta(minutes=3)
    assert rates.window_start(later, timedelta(minutes=10)) == datetime(
        2026, 3, 10, 14, 10, tzinfo=UTC
    )


def test_the_client_limit_quarantines_past_twenty_in_ten_minutes(
    db: Session, settings: Settings
) -> None:
    results = [abuse.check_rates(db, settings, "203.0.113.9", 1, NOW) for _ in range(21)]
    assert results[:20] == [None] * 20
    assert results[20] is QuarantineReason.CLIENT_RATE
    # Another address in the same waiting room's window is not held back.
    assert abuse.check_rates(db, settings, "203.0.113.10", 1, NOW) is None
    # The next window starts again.
    next_window = NOW + timedelta(minutes=10)
    assert abuse.check_rates(db, settings, "203.0.113.9", 1, next_window) is None


@pytest.mark.parametrize(
    ("address", "counted_as"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:fffe", "2001:db8:1:2::/64"),
        ("::ffff:203.0.113.9", "203.0.113.9"),
        ("unknown", "unknown"),
    ],
)
def test_an_ipv6_client_is_counted_by_its_64_network(address: str, counted_as: str) -> None:
    assert rates.counted_as(address) == counted_as


def test_one_ipv6_network_shares_one_budget_of_sends_and_of_look_ups(
    db: Session, settings: Settings
) -> None:
    """A phone or home holds a whole /64: a new address in it is not a new budget."""
    sends = [abuse.check_rates(db, settings, f"2001:db8:7:7::{n:x}", 1, NOW) for n in range(21)]
    assert sends[:20] == [None] * 20
    assert sends[20] is QuarantineReason.CLIENT_RATE
    assert abuse.check_rates(db, settings, "2001:db8:7:8::1", 1, NOW) is None  # next /64
    for n in range(lookup_limits.FAILURES_ALLOWED):
        lookup_limits.note_failure(db, settings, f"2001:db8:7:7:{n:x}::1", NOW)
    assert lookup_limits.blocked(db, settings, "2001:db8:7:7:ffff::9", NOW)
    assert not lookup_limits.blocked(db, settings, "2001:db8:7:8::1", NOW)


def test_the_link_limit_counts_every_client(db: Session) -> None:
    settings = make_settings(feedback_link_limit=5)
    results = [abuse.check_rates(db, settings, f"198.51.100.{n}", 3, NOW) for n in range(6)]
    assert results == [None] * 5 + [QuarantineReason.LINK_RATE]
    assert abuse.check_rates(db, settings, "198.51.100.99", 4, NOW) is None


def test_client_keys_hide_the_address_and_change_daily(db: Session) -> None:
    today = rates.client_key(db, "203.0.113.9", NOW)
    assert "203.0.113.9" not in today and len(today) == 64
    assert rates.client_key(db, "203.0.113.9", NOW + timedelta(hours=1)) == today
    assert rates.client_key(db, "203.0.113.9", NOW + timedelta(days=1)) != today
    assert rates.client_key(db, "203.0.113.10", NOW) != today


def test_the_days_key_is_random_shared_and_gone_after_48_hours(db: Session) -> None:
    """Made on the day's first use and stored, so every worker hashes an address alike;
    deleted 48 hours later, after which not even the service's secret can tell whose
    address a count was about."""
    key = rates.daily_key(db, NOW)
    (stored,) = db.exec(select(DailyKey)).all()
    assert stored.day == NOW.date() and stored.key == key and len(key or "") == 64
    assert rates.client_key(db, "203.0.113.9", NOW) == keyed_hash(stored.key, "client:203.0.113.9")
    assert key not in (rates.daily_key(db, NOW + timedelta(days=1)), keyed_hash("", ""))

    assert rates.purge_keys(db, NOW + timedelta(days=1)) == 0  # yesterday's is still in use
    assert rates.purge_keys(db, NOW + timedelta(days=2)) == 1
    assert [k.day for k in db.exec(select(DailyKey)).all()] == [NOW.date() + timedelta(days=1)]


def test_a_request_that_only_reads_makes_no_key(db: Session) -> None:
    assert rates.known_daily_key(db, NOW) is None
    assert db.exec(select(DailyKey)).all() == []


def counted(db: Session, key: str, limit: rates.Limit) -> int:
    """The uses counted under ``key`` in the window of ``limit`` holding NOW."""
    start = rates.window_start(NOW, limit.window)
    query = select(RateCounter.count).where(
        RateCounter.key == key, RateCounter.window_start == start
    )
    return db.exec(query).first() or 0


def test_counting_is_one_row_per_key_and_window(db: Session, settings: Settings) -> None:
    for _ in range(3):
        abuse.check_rates(db, settings, "203.0.113.9", 1, NOW)
    key = rates.client_key(db, "203.0.113.9", NOW)
    assert counted(db, key, rates.client_limit(settings)) == 3
    assert counted(db, rates.link_key(1), rates.link_limit(settings)) == 3
    assert len(db.exec(select(RateCounter)).all()) == 2


def test_purge_deletes_counters_older_than_48_hours_and_old_nonces(
    db: Session, settings: Settings
) -> None:
    old, recent = NOW - timedelta(hours=49), NOW - timedelta(hours=47)
    rates.count_up(db, "old", rates.window_start(old, rates.CLIENT_WINDOW))
    rates.count_up(db, "recent", rates.window_start(recent, rates.CLIENT_WINDOW))
    nonces.spend(db, "old-nonce", NOW - timedelta(hours=3))
    nonces.spend(db, "new-nonce", NOW - timedelta(minutes=30))
    assert abuse.purge(db, NOW) == (1, 1)
    assert [row.key for row in db.exec(select(RateCounter)).all()] == ["recent"]
    assert len(db.exec(select(UsedNonce)).all()) == 1


def test_text_hash_ignores_case_spacing_and_punctuation_but_not_the_link() -> None:
    one = abuse.text_hash(1, {"worries": "My worker  never calls back!", "rating": "2"})
    same = abuse.text_hash(1, {"rating": "2", "worries": "my worker never calls back"})
    assert one == same
    assert abuse.text_hash(2, {"worries": "My worker never calls back!", "rating": "2"}) != one
    assert abuse.text_hash(1, {"worries": "My worker always calls back", "rating": "2"}) != one


def test_only_sentences_count_as_duplicates() -> None:
    assert not abuse.worth_comparing({"rating": "happy", "good": "all good"})
    assert abuse.worth_comparing({"rating": "happy", "good": "my worker listens to me"})


def test_lengths_beyond_the_limits_are_quarantined_and_cut_to_fit() -> None:
    fine = {"a": "x" * abuse.MAX_ANSWER_CHARS}
    assert abuse.check_lengths(fine, "Sam", "07700 900123") is None
    long = {"a": "x" * (abuse.MAX_ANSWER_CHARS + 1)}
    assert abuse.check_lengths(long, "", "") is QuarantineReason.TOO_LONG
    assert abuse.check_lengths({}, "n" * 121, "") is QuarantineReason.TOO_LONG
    assert abuse.check_lengths({}, "", "d" * 255) is QuarantineReason.TOO_LONG
    many = {f"q{n}": "x" for n in range(abuse.MAX_ANSWERS + 1)}
    assert abuse.check_lengths(many, "", "") is QuarantineReason.TOO_LONG
    assert len(abuse.trim_answers(many)) == abuse.MAX_ANSWERS
    assert abuse.trim_answers(long) == {"a": "x" * abuse.MAX_ANSWER_CHARS}
