"""Which items the themes pages show: those that arrived before a published run, so that the
pages change in batches of at least MIN_GROUP_SIZE, never with each arrival.

New feedback and signed-off supervision are placed in the current themes as they arrive
(``arrivals``). A page that changed with each one would tell whoever watched it where the
newest item went, its team and its source, one child at a time. So the pages show only the
items that had arrived when a run finished (nightly, or on demand: a run also takes in
what its sources hold that has not arrived yet), and a run is published only when at least
MIN_GROUP_SIZE items arrived since the one published before it (the first run is always
published); until then the pages stay as they were. Items that arrived
since are counted, as one line, and nowhere broken down or quoted.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Hashable, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, false
from sqlmodel import Session, col, select

from learning.themes.disclosure import MIN_GROUP_SIZE
from learning.themes.models import ThemeItem, ThemeRunRecord
from learning.themes.sources import unresolved
from learning.themes.terms import RunStatus

#: The published moment of each council, by the latest finished run it was worked out for.
_known: dict[tuple[int, int, int, datetime | None], datetime | None] = {}


def published_through(
    ends: Sequence[datetime],
    arrivals: Sequence[datetime],
    k: int = MIN_GROUP_SIZE,
    who: Sequence[Hashable] | None = None,
) -> datetime | None:
    """The end of the last run to publish, given every finished run's end and every item's
    arrival, both oldest first, and who wrote each item (``who``, beside ``arrivals``): a
    run is published once at least ``k`` people's items arrived since the last one (one
    person's five answers are no batch: they would show where that person's words went).
    Without ``who``, each item counts as a person. Pure."""
    through: datetime | None = None
    for end in ends:
        before = bisect_right(arrivals, through) if through is not None else 0
        upto = bisect_right(arrivals, end)
        people = upto - before if who is None else len(set(who[before:upto]))
        if through is None or people >= k:
            through = end
    return through


def cutoff(db: Session, council_id: int) -> datetime | None:
    """This council's published moment (None before its first run has finished). Worked
    out once for each finished run: arrivals since do not move it. A page asks for it in
    each of its queries, so it is read once for the database session."""
    asked = ("themes.publication.cutoff", council_id)
    if asked not in db.info:
        db.info[asked] = _cutoff(db, council_id)
    found: datetime | None = db.info[asked]
    return found


def _cutoff(db: Session, council_id: int) -> datetime | None:
    runs = db.exec(
        select(ThemeRunRecord.id, ThemeRunRecord.finished_at)
        .where(ThemeRunRecord.council_id == council_id)
        .where(ThemeRunRecord.status == RunStatus.FINISHED)
        .where(col(ThemeRunRecord.finished_at).is_not(None))
        .order_by(col(ThemeRunRecord.finished_at))
    ).all()
    if not runs:
        return None
    bind = db.get_bind()
    last_id, last_end = runs[-1]
    remembered = (id(getattr(bind, "engine", bind)), council_id, int(last_id or 0), last_end)
    if remembered not in _known:
        arrivals = db.exec(
            select(ThemeItem.arrived_at, ThemeItem.respondent, ThemeItem.source)
            .where(ThemeItem.council_id == council_id)
            .order_by(col(ThemeItem.arrived_at))
        ).all()
        _known[remembered] = published_through(
            [end for _, end in runs if end is not None],
            [at for at, _, _ in arrivals],
            who=[who or unresolved(source) for _, who, source in arrivals],
        )
    return _known[remembered]


def forget() -> None:
    """Work every council's published moment out again when next asked (tests that change
    what arrived when)."""
    _known.clear()


def shown(through: datetime | None) -> ColumnElement[bool]:
    """The clause for the items the pages show."""
    if through is None:
        return false()
    return col(ThemeItem.arrived_at) <= through
