"""Wrong guesses at links, short codes and resume codes sent at the same moment from one
address: exactly ``FAILURES_ALLOWED`` of them are answered as failed look-ups, and the rest
are refused as too many tries, however many arrive together.

Before, a look-up checked the count, looked the guess up and counted the failure in separate
steps: every guess that checked before the others had counted was answered, and 300 guesses
at once got some 30 answers more than the limit. Each failure is now counted first, in one
atomic statement, and answered only while that count is within the limit.

These requests commit, and run at once on threads of their own, so they go to a database of
the test's own (SQLite or PostgreSQL, as the suite runs), through the app as served."""

from __future__ import annotations

import itertools
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from learning.app import create_app
from learning.core.clock import utcnow
from learning.core.db import Database
from learning.feedback import drafts, links, lookup_limits, rates
from tests.conftest import make_settings

GUESSES = 300
#: Threads sending at once: more than the app's own worker threads (40), so the app is as
#: busy as it can be.
SENDERS = 60
ADDRESS = "198.51.100.40"
#: How long each look-up takes here: as on a busy database, long enough for the guesses sent
#: together to be looked up together.
LOOK_UP_SECONDS = 0.01


@pytest.fixture
def client(
    own_database: tuple[str, Database], monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    """The app on a database of its own, every guess counted in one window of the limits'
    clock (held at one moment: the window does not end while the test runs)."""
    url, database = own_database
    now = utcnow()
    monkeypatch.setattr(lookup_limits, "utcnow", lambda: now)
    rates.forget_keys()  # a key remembered from another test's database is not this one's
    for module, name in ((links, "known_by_token"), (links, "known_by_short_code"),
                         (drafts, "find_draft")):  # fmt: skip
        monkeypatch.setattr(module, name, slowly(getattr(module, name)))
    app = create_app(make_settings(database_url=url), database=database)
    with TestClient(
        app, base_url="https://testserver", follow_redirects=False, client=(ADDRESS, 50000)
    ) as served:
        yield served
    rates.forget_keys()


def slowly(look_up: Callable[..., object]) -> Callable[..., object]:
    def looking_up(*args: object, **kwargs: object) -> object:
        time.sleep(LOOK_UP_SECONDS)
        return look_up(*args, **kwargs)

    return looking_up


def wrong_codes() -> Iterator[str]:
    """Short codes of the right shape, none of which a link has (the database has none)."""
    letters = links.SHORT_CODE_ALPHABET
    for chars in itertools.product(letters, repeat=3):
        yield "ACDE" + "".join(chars) + "F"


def guess_link(client: TestClient, n: int, code: str) -> Response:
    return client.get(f"/f/no-such-link-{n}")


def guess_short_code_typed(client: TestClient, n: int, code: str) -> Response:
    return client.post("/s", data={"code": code})


def guess_short_code_address(client: TestClient, n: int, code: str) -> Response:
    return client.get(f"/s/{code}")


def guess_resume_code(client: TestClient, n: int, code: str) -> Response:
    return client.post("/give-feedback/resume", data={"code": f"{code}-ACDE"})


Guess = Callable[[TestClient, int, str], Response]


def all_at_once(client: TestClient, guess: Guess) -> Counter[int]:
    """GUESSES wrong guesses from one address, sent SENDERS at a time: their status codes."""
    codes = list(itertools.islice(wrong_codes(), GUESSES))
    with ThreadPoolExecutor(max_workers=SENDERS) as pool:
        sent = [pool.submit(guess, client, n, code) for n, code in enumerate(codes)]
        return Counter(future.result(timeout=120).status_code for future in sent)


@pytest.mark.parametrize(
    ("guess", "answered", "what"),
    [
        (guess_link, 404, lookup_limits.LINKS),
        (guess_short_code_address, 404, lookup_limits.LINKS),
        (guess_short_code_typed, 404, lookup_limits.LINKS),
        (guess_resume_code, 422, lookup_limits.RESUME_CODES),
    ],
    ids=["link", "short-code-address", "short-code-typed", "resume-code"],
)
def test_wrong_guesses_at_once_get_no_more_answers_than_the_limit(
    client: TestClient, own_database: tuple[str, Database], guess: Guess, answered: int, what: str
) -> None:
    statuses = all_at_once(client, guess)

    assert statuses == {answered: lookup_limits.FAILURES_ALLOWED,
                        429: GUESSES - lookup_limits.FAILURES_ALLOWED}  # fmt: skip
    # The address is refused from now on, and only in the budget it guessed in.
    _, database = own_database
    settings = client.app.state.settings  # type: ignore[attr-defined]
    other = lookup_limits.RESUME_CODES if what == lookup_limits.LINKS else lookup_limits.LINKS
    with database.session() as db:
        now = lookup_limits.utcnow()
        assert lookup_limits.blocked(db, settings, ADDRESS, now, what)
        assert lookup_limits.failures(db, settings, ADDRESS, now, other) == 0
