"""What the themes pages show: every item accounted for, the themes with their trends, each
theme's share of practitioners' and of children's and families' text, and breakdowns by
source and team, with small groups hidden (see :mod:`learning.themes.disclosure`), of the
items published (see :mod:`learning.themes.publication`)."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from learning.themes import publication
from learning.themes.disclosure import Count, count, suppress
from learning.themes.models import ThemeItem, ThemeRecord
from learning.themes.source_names import FAMILIES, PRACTITIONERS, source_group
from learning.themes.sparkline import Sparkline, sparkline
from learning.themes.stats import month_key, months_back
from learning.themes.terms import ItemState

SPARK_MONTHS = 12
TREND_LABELS = {"new": "New", "growing": "Growing", "fading": "Fading", "steady": ""}


@dataclass(frozen=True)
class Accounting:
    """Every item, in the state it is in as the pages show it, and those that arrived since
    (``publication``: shown at the next published run)."""

    clustered: int
    not_yet_themed: int
    set_aside: int
    held: int
    since: int = 0

    @property
    def total(self) -> int:
        """Every item the pages show (those arrived since are counted on their own)."""
        return self.clustered + self.not_yet_themed + self.set_aside + self.held

    @property
    def shown(self) -> dict[str, Count]:
        """Each state's count as the page shows it: the total is shown, so a small one is
        hidden with the next smallest ("held: 1" would say one person's words raised a
        concern)."""
        cells = suppress({
            "clustered": self.clustered,
            "not_yet_themed": self.not_yet_themed,
            "set_aside": self.set_aside,
            "held": self.held,
        })
        return {**cells, "total": count(self.total), "since": count(self.since)}


def accounting(db: Session, council_id: int) -> Accounting:
    through = publication.cutoff(db, council_id)
    published = col(ThemeItem.arrived_at) <= through if through is not None else None
    query = select(ThemeItem.state, func.count()).where(ThemeItem.council_id == council_id)
    if published is None:  # no run has finished: nothing is shown yet
        rows = [(state, False, n) for state, n in db.exec(query.group_by(col(ThemeItem.state)))]
    else:
        rows = list(db.exec(
            select(ThemeItem.state, published, func.count())
            .where(ThemeItem.council_id == council_id)
            .group_by(col(ThemeItem.state), published)
        ))
    by_state = {ItemState(state): n for state, shown_now, n in rows if shown_now}
    return Accounting(
        clustered=by_state.get(ItemState.CLUSTERED, 0),
        not_yet_themed=by_state.get(ItemState.NOT_YET_THEMED, 0),
        set_aside=by_state.get(ItemState.SET_ASIDE, 0),
        held=by_state.get(ItemState.HELD, 0),
        since=sum(n for _, shown_now, n in rows if not shown_now),
    )


@dataclass(frozen=True)
class Voices:
    """A theme's place in each voice: its items and its share of that voice's themed items."""

    practitioners: Count
    families: Count
    practitioner_share: float | None
    family_share: float | None

    @property
    def meeting(self) -> str:
        if not (self.practitioners.big_enough and self.families.big_enough):
            return "Not enough to compare"
        low, high = sorted((self.practitioner_share or 0.0, self.family_share or 0.0))
        if high and low / high >= 0.5:
            return "Raised by both"
        if (self.practitioner_share or 0.0) > (self.family_share or 0.0):
            return "Mostly practitioners"
        return "Mostly children and families"


@dataclass(frozen=True)
class ThemeSummary:
    key: str
    label: str
    size: Count
    trend: str
    terms: list[str]
    hidden: bool
    spark: Sparkline | None
    voices: Voices
    first_seen: date | None = None
    last_seen: date | None = None

    @property
    def trend_label(self) -> str:
        return TREND_LABELS.get(self.trend, "")


def shown_label(theme: ThemeRecord, size: int | None = None) -> str:
    """The theme's name as the pages show it. A name made from the words of fewer than
    :data:`~learning.themes.disclosure.MIN_GROUP_SIZE` items could give one of them away, so
    such a theme goes by its number until it grows or an analyst names it. ``size``: the
    items of it the pages show (by default, all of it)."""
    if theme.curated or count(theme.size if size is None else size).big_enough:
        return theme.label
    return f"A small theme ({theme.key})"


@dataclass
class Published:
    """The items of a theme the pages show, by month, and the first and last of them: a
    theme's size, months and dates as they stand at the last published run
    (``publication``), not the run's own figures, which count what arrived after it too."""

    months: Counter[str] = field(default_factory=Counter)
    first: date | None = None
    last: date | None = None


def published(db: Session, council_id: int) -> dict[str, Published]:
    """theme key -> what of it the pages show."""
    rows = db.exec(
        select(col(ThemeItem.theme_key), col(ThemeItem.happened_on))
        .where(ThemeItem.council_id == council_id, ThemeItem.state == ItemState.CLUSTERED)
        .where(col(ThemeItem.theme_key).is_not(None))
        .where(publication.shown(publication.cutoff(db, council_id)))
    ).all()
    out: dict[str, Published] = defaultdict(Published)
    for key, happened in rows:
        theme = out[str(key)]
        theme.months[month_key(happened)] += 1
        theme.first = min(theme.first or happened, happened)
        theme.last = max(theme.last or happened, happened)
    return out


def group_counts(db: Session, council_id: int) -> dict[str, dict[str, int]]:
    """theme key -> source -> items in it."""
    rows = db.exec(
        select(ThemeItem.theme_key, ThemeItem.source, func.count())
        .where(ThemeItem.council_id == council_id, ThemeItem.state == ItemState.CLUSTERED)
        .where(publication.shown(publication.cutoff(db, council_id)))
        .group_by(col(ThemeItem.theme_key), col(ThemeItem.source))
    ).all()
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for key, source, n in rows:
        if key:
            out[key][source] = n
    return out


def theme_summaries(db: Session, council_id: int, day: date) -> list[ThemeSummary]:
    """The council's live themes, largest first (hidden ones included, marked)."""
    themes = db.exec(
        select(ThemeRecord)
        .where(ThemeRecord.council_id == council_id, col(ThemeRecord.active))
        .order_by(col(ThemeRecord.size).desc(), col(ThemeRecord.key))
    ).all()
    per_source = group_counts(db, council_id)
    totals: dict[str, int] = defaultdict(int)
    for sources in per_source.values():
        for source, n in sources.items():
            totals[source_group(source)] += n
    months = months_back(day, SPARK_MONTHS)
    shown = published(db, council_id)
    return [
        _summary(t, per_source.get(t.key, {}), totals, months, shown.get(t.key, Published()))
        for t in themes
    ]


def _summary(
    theme: ThemeRecord,
    sources: dict[str, int],
    totals: dict[str, int],
    months: list[str],
    shown: Published,
) -> ThemeSummary:
    groups: dict[str, int] = defaultdict(int)
    for source, n in sources.items():
        groups[source_group(source)] += n
    size = count(sum(shown.months.values()))
    spark = _spark(dict(shown.months), months) if size.big_enough else None
    cells = suppress({PRACTITIONERS: groups[PRACTITIONERS], FAMILIES: groups[FAMILIES]})
    voices = Voices(
        cells[PRACTITIONERS],
        cells[FAMILIES],
        _share(groups[PRACTITIONERS], totals[PRACTITIONERS]),
        _share(groups[FAMILIES], totals[FAMILIES]),
    )
    return ThemeSummary(
        theme.key,
        shown_label(theme, size.value),
        size,
        theme.trend,
        json.loads(theme.terms or "[]")[:6] if size.big_enough else [],
        theme.hidden,
        spark,
        voices,
        shown.first,
        shown.last,
    )


def _spark(per_month: dict[str, int], months: list[str]) -> Sparkline:
    """The theme's last months as a line, a small month (and, when it is the only one, the
    next smallest, as in any row whose total is shown) a gap that says so."""
    cells = suppress({m: int(per_month.get(m, 0)) for m in months})
    values = [cells[m].value if cells[m].shown else None for m in months]
    return sparkline(values, months, [cells[m].text for m in months])


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class SourceRow:
    """A source's items in each state, and in all, as the page shows them."""

    source: str
    states: dict[ItemState, Count]
    total: Count


def source_overview(db: Session, council_id: int) -> list[SourceRow]:
    """Each source, with its items in each state (every item accounted for, per source),
    small counts hidden: a row's total is shown, so a small cell is hidden with the next
    smallest; a source with fewer items in all than the minimum shows none of its states."""
    rows = db.exec(
        select(ThemeItem.source, ThemeItem.state, func.count())
        .where(ThemeItem.council_id == council_id)
        .where(publication.shown(publication.cutoff(db, council_id)))
        .group_by(col(ThemeItem.source), col(ThemeItem.state))
    ).all()
    out: dict[str, dict[ItemState, int]] = defaultdict(lambda: dict.fromkeys(ItemState, 0))
    for source, state, n in rows:
        out[source][ItemState(state)] = n
    shown = []
    for source, states in sorted(out.items()):
        total = count(sum(states.values()))
        cells = suppress(states)
        if not total.shown:
            cells = {state: Count(n, n == 0) for state, n in states.items()}
        shown.append(SourceRow(source, cells, total))
    return shown


def breakdown(db: Session, council_id: int, key: str, column: str) -> dict[str, Count]:
    """The theme's items by ``source`` or ``team``, small cells hidden."""
    field = col(ThemeItem.source) if column == "source" else col(ThemeItem.team)
    rows = db.exec(
        select(field, func.count())
        .where(
            ThemeItem.council_id == council_id,
            ThemeItem.theme_key == key,
            ThemeItem.state == ItemState.CLUSTERED,
        )
        .where(publication.shown(publication.cutoff(db, council_id)))
        .group_by(field)
    ).all()
    return suppress({str(name or "No team"): n for name, n in sorted(rows)})
