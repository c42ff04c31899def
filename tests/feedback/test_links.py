"""Feedback links: tokens stored only as hashes, short codes (a personal link's only as a
keyed hash), expiry, switching off, re-issuing, and consuming a single-use link atomically,
even under twenty racing submits."""

from __future__ import annotations

import hashlib
import re
import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, delete, text
from sqlmodel import Session

from learning.core.clock import utcnow
from learning.core.db import Database, make_engine
from learning.core.security import keyed_hash
from learning.feedback import links
from learning.feedback.link_forms import end_of
from learning.feedback.links import LinkStatus
from learning.feedback.models import FeedbackLink
from learning.feedback.terms import LinkKind
from learning.org.models import Council, Team
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.factories import FeedbackFactory

LOOK_ALIKES = "0O1IL5S2Z8B"


def row_text(db: Session, link: FeedbackLink) -> str:
    """Every column of the link's row, as the database holds it."""
    row = (
        db.connection()
        .execute(text("SELECT * FROM feedback_link WHERE id = :id"), {"id": link.id})
        .one()
    )
    return " ".join(str(value) for value in row)


# Tokens and short codes -------------------------------------------------------------------


def test_a_token_has_at_least_128_random_bits_and_only_its_hash_is_stored(
    ff: FeedbackFactory, db: Session
) -> None:
    new = ff.make_link(LinkKind.PERSONAL)

    assert re.fullmatch(r"[A-Za-z0-9_-]{43,}", new.token)  # 256 bits, URL-safe
    assert new.link.token_hash == hashlib.sha256(new.token.encode()).hexdigest()
    assert new.token not in row_text(db, new.link)


def test_two_links_never_share_a_token_or_a_short_code(ff: FeedbackFactory) -> None:
    made = [ff.make_link() for _ in range(20)]

    assert len({new.token for new in made}) == 20
    assert len({new.link.short_code for new in made}) == 20


def test_short_codes_are_eight_characters_without_look_alikes() -> None:
    assert not set(LOOK_ALIKES) & set(links.SHORT_CODE_ALPHABET)
    for _ in range(200):
        code = links.new_short_code()
        assert len(code) == 8 and set(code) <= set(links.SHORT_CODE_ALPHABET)


@pytest.mark.parametrize("typed", ["acde-fghj", " ACDE FGHJ ", "Acde–Fghj", "ac-de-fg-hj"])
def test_a_typed_short_code_is_normalised_for_case_spaces_and_dashes(typed: str) -> None:
    assert links.normalise_short_code(typed) == "ACDEFGHJ"


@pytest.mark.parametrize("kind", list(LinkKind))
def test_a_link_is_found_by_its_short_code_however_it_is_typed(
    ff: FeedbackFactory, kind: LinkKind
) -> None:
    new = ff.make_link(kind)
    code = new.short_code
    typed = f" {code[:4].lower()}-{code[4:]} "

    found = links.find_by_short_code(ff.db, ff.settings, typed)

    assert found is not None and found.id == new.link.id
    assert links.find_by_short_code(ff.db, ff.settings, code[:7]) is None


def test_a_personal_links_row_holds_only_a_keyed_hash_of_its_short_code(
    ff: FeedbackFactory, db: Session
) -> None:
    """Whoever reads the database or a backup cannot open a family's link with its code."""
    new = ff.make_link(LinkKind.PERSONAL)
    code = new.short_code

    assert len(code) == 8 and set(code) <= set(links.SHORT_CODE_ALPHABET)
    stored = row_text(db, new.link)
    assert code not in stored and links.grouped_short_code(code) not in stored
    secret = ff.settings.effective_secret
    assert new.link.short_code == keyed_hash(secret, f"feedback-link-code:{code}")
    assert new.link.short_code != hashlib.sha256(code.encode()).hexdigest()
    assert links.find_by_short_code(ff.db, ff.settings, new.link.short_code) is None
    other_secret = make_settings(secret_key="another-secret-key-for-another-service-00")
    assert links.find_by_short_code(ff.db, other_secret, code) is None


@pytest.mark.parametrize("kind", [LinkKind.POSTER, LinkKind.TIMED])
def test_a_poster_or_time_limited_links_code_is_public_and_kept_as_it_is(
    ff: FeedbackFactory, db: Session, kind: LinkKind
) -> None:
    new = ff.make_link(kind)

    assert new.link.short_code == new.short_code and new.short_code in row_text(db, new.link)
    assert links.shown_short_code(new.link) == new.short_code


def test_a_personal_links_code_is_never_to_be_shown_again(ff: FeedbackFactory) -> None:
    assert links.shown_short_code(ff.make_link(LinkKind.PERSONAL).link) is None


@pytest.mark.parametrize("kind", [LinkKind.POSTER, LinkKind.PERSONAL])
def test_a_new_code_is_never_one_a_link_has_in_either_form(
    ff: FeedbackFactory, monkeypatch: pytest.MonkeyPatch, kind: LinkKind
) -> None:
    """A poster's code must not be a personal link's (kept hashed), nor the other way round:
    the code would open either."""
    poster, personal = ff.make_link(LinkKind.POSTER), ff.make_link(LinkKind.PERSONAL)
    fresh = links.new_short_code()
    drawn = iter([poster.short_code, personal.short_code, fresh])
    monkeypatch.setattr(links, "new_short_code", lambda: next(drawn))

    new = ff.make_link(kind)

    assert new.short_code == fresh
    for made in (poster, personal, new):
        found = links.find_by_short_code(ff.db, ff.settings, made.short_code)
        assert found is not None and found.id == made.link.id


def test_a_short_code_is_grouped_in_fours_for_reading() -> None:
    assert links.grouped_short_code("ACDEFGHJ") == "ACDE-FGHJ"
    assert links.short_url("https://example.org/", "ACDEFGHJ") == "https://example.org/s/ACDE-FGHJ"
    assert links.link_url("https://example.org/", "tok") == "https://example.org/f/tok"


# Expiry, switching off, re-issuing --------------------------------------------------------


def test_each_kind_has_its_default_expiry() -> None:
    now = datetime(2026, 3, 1, 12, tzinfo=UTC)

    assert links.default_expiry(LinkKind.POSTER, now) is None
    assert links.default_expiry(LinkKind.PERSONAL, now) == now + timedelta(days=28)
    assert links.default_expiry(LinkKind.TIMED, now) == now + timedelta(days=14)


def test_an_expired_link_is_not_found_by_token_or_code(ff: FeedbackFactory) -> None:
    new = ff.make_link(LinkKind.TIMED, expires_at=utcnow() - timedelta(seconds=1))

    assert links.status_of(new.link) is LinkStatus.EXPIRED
    assert links.find_by_token(ff.db, new.token) is None
    assert links.find_by_short_code(ff.db, ff.settings, new.short_code) is None


def test_a_link_works_through_its_last_day_in_uk_time() -> None:
    last = date(2026, 6, 30)  # British Summer Time: midnight is 23:00 UTC
    link = FeedbackLink(
        council_id=1,
        team_id=1,
        kind=LinkKind.TIMED,
        title="t",
        token_hash="h",
        short_code="c",
        expires_at=end_of(last),
    )

    assert links.is_open(link, datetime(2026, 6, 30, 22, 59, tzinfo=UTC))
    assert not links.is_open(link, datetime(2026, 6, 30, 23, 0, tzinfo=UTC))
    assert links.last_day(link) == last


def test_a_revoked_link_no_longer_opens_and_keeps_when_it_was_revoked(
    ff: FeedbackFactory, factory: Factory
) -> None:
    new = ff.make_link()
    person = factory.make_person()
    links.revoke(ff.db, new.link, person.id)
    first = new.link.revoked_at

    links.revoke(ff.db, new.link, None)

    assert links.find_by_token(ff.db, new.token) is None
    assert links.status_of(new.link) is LinkStatus.REVOKED
    assert new.link.revoked_at == first and new.link.revoked_by_id == person.id


def test_reissuing_gives_a_new_token_and_code_and_the_old_ones_stop_working(
    ff: FeedbackFactory,
) -> None:
    new = ff.make_link()
    old_code = new.link.short_code

    again = links.reissue(ff.db, ff.settings, new.link)

    assert again.token != new.token and again.short_code != old_code
    assert new.link.short_code == again.short_code
    assert links.find_by_token(ff.db, new.token) is None
    assert links.find_by_short_code(ff.db, ff.settings, old_code) is None
    for found in (
        links.find_by_token(ff.db, again.token),
        links.find_by_short_code(ff.db, ff.settings, again.short_code),
    ):
        assert found is not None and found.id == new.link.id


# Consuming --------------------------------------------------------------------------------


def test_a_personal_link_is_consumed_once_and_then_reads_as_used(ff: FeedbackFactory) -> None:
    new = ff.make_link(LinkKind.PERSONAL)

    assert links.consume(ff.db, new.link) is True
    assert links.consume(ff.db, new.link) is False
    ff.db.refresh(new.link)
    assert new.link.use_count == 1 and new.link.used_at is not None
    assert links.status_of(new.link) is LinkStatus.USED
    assert links.find_by_token(ff.db, new.token) is None


def test_a_poster_link_counts_every_use(ff: FeedbackFactory) -> None:
    new = ff.make_link(LinkKind.POSTER)

    results = [links.consume(ff.db, new.link) for _ in range(3)]

    ff.db.refresh(new.link)
    assert results == [True, True, True] and new.link.use_count == 3
    assert links.is_open(new.link)


def test_a_link_revoked_or_expired_after_it_was_opened_is_not_consumed(
    ff: FeedbackFactory,
) -> None:
    revoked, expired = ff.make_link(LinkKind.PERSONAL), ff.make_link(LinkKind.POSTER)
    links.revoke(ff.db, revoked.link, None)

    assert links.consume(ff.db, revoked.link) is False
    assert links.consume(ff.db, expired.link, now=utcnow() + timedelta(days=3650)) is True
    expired.link.expires_at = utcnow() - timedelta(minutes=1)
    ff.db.add(expired.link)
    ff.db.flush()
    assert links.consume(ff.db, expired.link) is False


@pytest.fixture
def racing_engine(migrated: Database) -> Iterator[Engine]:
    """An engine on the migrated database with a connection for each racer; rows made with
    it are committed for real, so each test removes its own."""
    url = migrated.engine.url.render_as_string(hide_password=False)
    engine = make_engine(url, pool_size=21, max_overflow=0)
    yield engine
    engine.dispose()


def test_twenty_simultaneous_consumes_of_a_personal_link_give_exactly_one_success(
    racing_engine: Engine,
) -> None:
    with Session(racing_engine, expire_on_commit=False) as db:
        council = Council(slug=f"race-{uuid.uuid4().hex[:8]}", name="Race Council")
        db.add(council)
        db.flush()
        team = Team(council_id=council.id, name="Race team")
        db.add(team)
        db.flush()
        assert council.id is not None and team.id is not None
        link = links.create_link(
            db,
            make_settings(),
            council_id=council.id,
            team_id=team.id,
            kind=LinkKind.PERSONAL,
            title="Race",
        ).link
        db.commit()
    start = threading.Barrier(20)

    def submit(_: int) -> bool:
        with Session(racing_engine) as session:
            start.wait(timeout=30)
            won = links.consume(session, link)
            session.commit()
            return won

    try:
        with ThreadPoolExecutor(max_workers=20) as pool:
            results = list(pool.map(submit, range(20)))
        with Session(racing_engine) as db:
            stored = db.get(FeedbackLink, link.id)
            assert stored is not None
            use_count, used_at = stored.use_count, stored.used_at
    finally:
        with Session(racing_engine) as db:
            db.exec(delete(FeedbackLink).where(FeedbackLink.id == link.id))  # type: ignore[call-overload]
            db.exec(delete(Team).where(Team.id == team.id))  # type: ignore[call-overload]
            db.exec(delete(Council).where(Council.id == council.id))  # type: ignore[call-overload]
            db.commit()

    assert results.count(True) == 1 and results.count(False) == 19
    assert use_count == 1 and used_at is not None
