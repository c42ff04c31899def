"""Failed look-ups of links and resume codes, limited per client.

Guessing is the one attack on a link's token or short code, so every look-up that finds no
link at all counts against the client. A link that exists but no longer opens (expired,
used, switched off) is not counted: that is a family tapping their own old link again, and
counting it locked whole schools and care homes out. What a guesser learns from that (a code
that exists but is closed, by the lock-out not coming) opens nothing. A resume
code is guessed the same way (and opens a link with someone's saved answers), so failed
resume codes count too, against their own budget (``RESUME_CODES``). The
client is known only by a keyed hash of its address under the daily key of
:mod:`learning.feedback.rates`, so the counter rows say nothing about who asked, and they
go with the other counters after 48 hours.

Over the limit, every look-up from that client is refused until the window ends, the right
ones too: otherwise a guesser would still learn which guess was right. The limit is
generous, because a waiting room shares one address; an IPv6 client is counted by its /64
network (``rates.counted_as``), as one home or phone holds a whole one.

Guesses sent at the same moment: ``blocked``, read before a look-up, only spares the look-up
once the limit is reached; what decides is the count. A look-up that finds nothing is counted
before it is answered (``count_failure``: one atomic INSERT ... ON CONFLICT DO UPDATE, which
returns the new count), and answered as a failure only while that count is within the
limit; past it, it is refused as too many, as a right guess would be then. So however many
guesses arrive together, no more than ``FAILURES_ALLOWED`` failed look-ups are answered in a
window. (Before, every guess that read the count before the others had added to it was
answered: 300 guesses at once got some 30 answers more than the limit.) A right guess is
still never counted; it is refused only when the count read before it was at the limit, as
if it had come just before the failures counted since.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlmodel import Session

from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.core.db import table_of
from learning.core.security import keyed_hash
from learning.feedback import rates
from learning.feedback.models import RateCounter

FAILURES_ALLOWED = 30
WINDOW = timedelta(hours=1)
LINKS = "lookup"  # link tokens and short codes
RESUME_CODES = "resume"  # codes of answers saved to finish later


def lookup_key(db: Session, client_address: str, now: datetime, what: str = LINKS) -> str:
    """The client's key for counting failed look-ups of ``what``."""
    return _under(rates.daily_key(db, now), client_address, what)


def _under(day_key: str, client_address: str, what: str) -> str:
    return keyed_hash(day_key, f"{what}:{rates.counted_as(client_address)}")


def failures(
    db: Session, settings: Settings, client_address: str, now: datetime, what: str = LINKS
) -> int:
    table = table_of(RateCounter)
    day_key = rates.known_daily_key(db, now)  # reading makes no key
    if day_key is None:
        return 0
    key = _under(day_key, client_address, what)
    query = select(table.c.count).where(
        table.c.key == key, table.c.window_start == rates.window_start(now, WINDOW)
    )
    return int(db.connection().execute(query).scalar() or 0)


def blocked(
    db: Session,
    settings: Settings,
    client_address: str,
    now: datetime | None = None,
    what: str = LINKS,
) -> bool:
    """Whether this client has used up its failed look-ups (of ``what``) for now."""
    return failures(db, settings, client_address, now or utcnow(), what) >= FAILURES_ALLOWED


def note_failure(
    db: Session,
    settings: Settings,
    client_address: str,
    now: datetime | None = None,
    what: str = LINKS,
) -> int:
    """Count one failed look-up (of ``what``); returns the count in this window, this one
    included, in the same atomic statement (``rates.count_up``)."""
    now = now or utcnow()
    key = lookup_key(db, client_address, now, what)
    return rates.count_up(db, key, rates.window_start(now, WINDOW))


def count_failure(
    db: Session,
    settings: Settings,
    client_address: str,
    now: datetime | None = None,
    what: str = LINKS,
) -> bool:
    """Count one failed look-up (of ``what``) and say whether it may be answered as one:
    True while the count, this one included, is within ``FAILURES_ALLOWED``; False past it,
    when the look-up is to be refused as too many (it is counted all the same). Decided from
    the count the increment itself returned, never from one read before it, so of failures
    counted at the same moment exactly the limit's worth are answered."""
    return note_failure(db, settings, client_address, now, what) <= FAILURES_ALLOWED
