"""Quotes: the redacted items behind a theme, for the groups big enough to open.

Callers check the group's size first (:mod:`learning.themes.disclosure`) and audit the read.
A quote names its team and its source, so it is drawn only from a team-and-source group of
the theme (or of what is not yet themed) that is itself big enough, in people
(``open_groups``): one young person's words in a team with one young person would otherwise
point to them, however big the theme. A page shows at most one quote from each respondent.
Held items are never here: they have no text and no theme.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, or_, tuple_
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from learning.themes.disclosure import MIN_GROUP_SIZE
from learning.themes.models import ThemeItem, ThemeRecord
from learning.themes.publication import cutoff, shown
from learning.themes.source_names import source_label
from learning.themes.sources import unresolved
from learning.themes.terms import ItemState

NO_TEAM = "No team"
#: The items read to choose quotes from, one from each respondent.
SCAN = 1000


@dataclass(frozen=True)
class Quote:
    item_id: int
    text: str
    question: str
    source: str
    team: str
    happened_on: date
    #: The language of the person's words ("cy"; "" for English, the page's own).
    language: str = ""


def as_quote(item: ThemeItem) -> Quote:
    assert item.id is not None
    return Quote(
        item.id,
        item.text,
        item.question,
        source_label(item.source),
        item.team or NO_TEAM,
        item.happened_on,
        item.language,
    )


def _in_theme(db: Session, council_id: int, key: str | None) -> SelectOfScalar[ThemeItem]:
    query = select(ThemeItem).where(ThemeItem.council_id == council_id, ThemeItem.text != "")
    query = query.where(shown(cutoff(db, council_id)))
    if key is None:
        return query.where(ThemeItem.state == ItemState.NOT_YET_THEMED)
    return query.where(ThemeItem.theme_key == key, ThemeItem.state == ItemState.CLUSTERED)


def respondent(item: ThemeItem) -> str:
    """Who the item's words are from (an unknown one counts with the others of its source)."""
    return item.respondent or unresolved(item.source)


def open_groups(db: Session, council_id: int, key: str | None) -> set[tuple[str, str]]:
    """The theme's (or, with ``key`` None, the not yet themed) team-and-source groups of at
    least MIN_GROUP_SIZE people (distinct respondents, not items: one supervisee's six
    learning points are one person): the only ones a quote may come from."""
    state = ItemState.NOT_YET_THEMED if key is None else ItemState.CLUSTERED
    query = select(ThemeItem.team, ThemeItem.source, ThemeItem.respondent).where(
        ThemeItem.council_id == council_id, ThemeItem.state == state
    ).where(shown(cutoff(db, council_id)))
    if key is not None:
        query = query.where(ThemeItem.theme_key == key)
    people: dict[tuple[str, str], set[str]] = defaultdict(set)
    for team, source, who in db.exec(query):
        people[(team, source)].add(who or unresolved(source))
    return {group for group, found in people.items() if len(found) >= MIN_GROUP_SIZE}


def _open(
    db: Session, council_id: int, key: str | None, groups: set[tuple[str, str]]
) -> SelectOfScalar[ThemeItem]:
    """The theme's items with text from ``groups`` only."""
    return _in_theme(db, council_id, key).where(
        tuple_(col(ThemeItem.team), col(ThemeItem.source)).in_(sorted(groups))
    )


def one_each(
    rows: Iterable[ThemeItem], limit: int, seen: set[str] | None = None
) -> list[ThemeItem]:
    """The first ``limit`` of ``rows``, at most one from each respondent (``seen``: those
    quoted already): several quotes of one person, side by side, say more about them than
    any one does, and a group's quotes are meant to be its people's."""
    seen = set() if seen is None else seen
    found: list[ThemeItem] = []
    for row in rows:
        if len(found) >= limit:
            break
        who = respondent(row)
        if who not in seen:
            seen.add(who)
            found.append(row)
    return found


def representative(db: Session, council_id: int, theme: ThemeRecord, limit: int = 5) -> list[Quote]:
    """The theme's most typical items (as the run chose them), then its latest ones, from
    its groups big enough to quote (``open_groups``), one from each respondent."""
    groups = open_groups(db, council_id, theme.key)
    if not groups:
        return []
    keys = [k for k in json.loads(theme.quotes or "[]") if isinstance(k, str)][: limit * 2]
    pairs = [k.split(":", 1) for k in keys if ":" in k]
    found: list[ThemeItem] = []
    seen: set[str] = set()
    if pairs:
        match = or_(
            *(and_(col(ThemeItem.source) == s, col(ThemeItem.source_ref) == r) for s, r in pairs)
        )
        typical = _open(db, council_id, theme.key, groups).where(match)
        rows = {row.key: row for row in db.exec(typical)}
        found = one_each((rows[k] for k in keys if k in rows), limit, seen)
    if len(found) < limit:
        ids = {row.id for row in found}
        latest = db.exec(
            _open(db, council_id, theme.key, groups)
            .order_by(col(ThemeItem.happened_on).desc(), col(ThemeItem.id).desc())
            .limit(SCAN)
        ).all()
        found += one_each((row for row in latest if row.id not in ids), limit - len(found), seen)
    return [as_quote(row) for row in found]


def cell(
    db: Session,
    council_id: int,
    key: str,
    *,
    team: str | None = None,
    source: str | None = None,
    limit: int = 10,
) -> list[Quote]:
    """The theme's latest items from one team or one source (of its groups big enough to
    quote), one from each respondent."""
    groups = open_groups(db, council_id, key)
    if not groups:
        return []
    query = _open(db, council_id, key, groups)
    if team is not None:
        query = query.where(ThemeItem.team == ("" if team == NO_TEAM else team))
    if source is not None:
        query = query.where(ThemeItem.source == source)
    query = query.order_by(col(ThemeItem.happened_on).desc(), col(ThemeItem.id).desc())
    return [as_quote(row) for row in one_each(db.exec(query.limit(SCAN)), limit)]


def items_of(
    db: Session, council_id: int, key: str | None, limit: int = 200, quotable: bool = False
) -> list[Quote]:
    """A theme's items (or, with ``key`` None, those not yet themed), latest first; with
    ``quotable``, only those of its groups big enough to quote (``open_groups``), one from
    each respondent. Analysts splitting a theme see all of it."""
    query = _in_theme(db, council_id, key)
    if quotable:
        groups = open_groups(db, council_id, key)
        if not groups:
            return []
        query = _open(db, council_id, key, groups)
    query = query.order_by(col(ThemeItem.happened_on).desc(), col(ThemeItem.id).desc())
    if quotable:
        return [as_quote(row) for row in one_each(db.exec(query.limit(SCAN)), limit)]
    return [as_quote(row) for row in db.exec(query.limit(limit))]
