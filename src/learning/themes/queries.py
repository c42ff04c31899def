"""What the themes pages show: every item accounted for, the themes with their trends, each
theme's share of practitioners' and of children's and families' text, and breakdowns by
source and team, with small groups hidden (see :mod:`learning.themes.disclosure`)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from learning.themes.disclosure import Count, count, suppress
from learning.themes.models import ThemeItem, ThemeRecord
from learning.themes.source_names import FAMILIES, PRACTITIONERS, source_group
from learning.themes.sparkline import Sparkline, sparkline
from learning.themes.stats import months_back
from learning.themes.terms import ItemState

SPARK_MONTHS = 12
TREND_LABELS = {"new": "New", "growing": "Growing", "fading": "Fading", "steady": ""}


@dataclass(frozen=True)
class Accounting:
    clustered: int
    not_yet_themed: int
    set_aside: int
    held: int

    @property
    def total(self) -> int:
        return self.clustered + self.not_yet_themed + self.set_aside + self.held

    @property
    def shown(self) -> dict[str, Count]:
        """Each state's count as the page shows it: the total is shown, so a small one is
        hidden with the next smallest ("held: 1" would say one person's words raised a
        concern)."""
        return suppress({
            "clustered": self.clustered,
            "not_yet_themed": self.not_yet_themed,
            "set_aside": self.set_aside,
            "held": self.held,
        })


def accounting(db: Session, council_id: int) -> Accounting:
    rows = db.exec(
        select(ThemeItem.state, func.count())
        .where(ThemeItem.council_id == council_id)
        .group_by(col(ThemeItem.state))
    ).all()
    by_state = {ItemState(state): n for state, n in rows}
    return Accounting(
        *(
            by_state.get(s, 0)
            for s in (
                ItemState.CLUSTERED,
                ItemState.NOT_YET_THEMED,
                ItemState.SET_ASIDE,
                ItemState.HELD,
            )
        )
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

    @property
    def trend_label(self) -> str:
        return TREND_LABELS.get(self.trend, "")


def shown_label(theme: ThemeRecord) -> str:
    """The theme's name as the pages show it. A name made from the words of fewer than
    :data:`~learning.themes.disclosure.MIN_GROUP_SIZE` items could give one of them away, so
    such a theme goes by its number until it grows or an analyst names it."""
    if theme.curated or count(theme.size).big_enough:
        return theme.label
    return f"A small theme ({theme.key})"


def group_counts(db: Session, council_id: int) -> dict[str, dict[str, int]]:
    """theme key -> source -> items in it."""
    rows = db.exec(
        select(ThemeItem.theme_key, ThemeItem.source, func.count())
        .where(ThemeItem.council_id == council_id, ThemeItem.state == ItemState.CLUSTERED)
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
    return [_summary(t, per_source.get(t.key, {}), totals, months) for t in themes]


def _summary(
    theme: ThemeRecord, sources: dict[str, int], totals: dict[str, int], months: list[str]
) -> ThemeSummary:
    groups: dict[str, int] = defaultdict(int)
    for source, n in sources.items():
        groups[source_group(source)] += n
    size = count(theme.size)
    spark = _spark(json.loads(theme.period_counts or "{}"), months) if size.big_enough else None
    cells = suppress({PRACTITIONERS: groups[PRACTITIONERS], FAMILIES: groups[FAMILIES]})
    voices = Voices(
        cells[PRACTITIONERS],
        cells[FAMILIES],
        _share(groups[PRACTITIONERS], totals[PRACTITIONERS]),
        _share(groups[FAMILIES], totals[FAMILIES]),
    )
    return ThemeSummary(
        theme.key,
        shown_label(theme),
        size,
        theme.trend,
        json.loads(theme.terms or "[]")[:6] if size.big_enough else [],
        theme.hidden,
        spark,
        voices,
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
        .group_by(field)
    ).all()
    return suppress({str(name or "No team"): n for name, n in sorted(rows)})
