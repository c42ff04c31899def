"""What the themes pages show: every item accounted for, the themes with their trends, each
theme's share of practitioners' and of children's and families' text, and breakdowns by
source and team, of the items published (see :mod:`learning.themes.publication`).

Small groups are hidden, counted in people (see :mod:`learning.themes.disclosure`), and every
figure of the pages is suppressed together with the sums that link it to the others
(:func:`disclosed`): the accounting, the source table, the themes' sizes and voices, the hidden
themes' items, and each theme's items by source are one system, so a figure hidden in one
place is hidden wherever it is shown, and none can be worked out by subtracting the ones
shown, on one page or across them. A theme's items by team and by month are suppressed with
its size as decided there.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from learning.themes import publication
from learning.themes.disclosure import Cell, Count, cell, count, protect
from learning.themes.models import ThemeItem, ThemeRecord
from learning.themes.products import matrix_products
from learning.themes.records import theme_number
from learning.themes.source_names import FAMILIES, PRACTITIONERS, source_group
from learning.themes.sources import unresolved
from learning.themes.sparkline import Sparkline, sparkline
from learning.themes.stats import month_key, months_back
from learning.themes.terms import ItemState

SPARK_MONTHS = 12
TREND_LABELS = {"new": "New", "growing": "Growing", "fading": "Fading", "steady": ""}
NO_TEAM = "No team"
#: The states besides "in a theme", where an item is not in any theme.
OUTSIDE = (ItemState.NOT_YET_THEMED, ItemState.SET_ASIDE, ItemState.HELD)
VOICES = (PRACTITIONERS, FAMILIES)


@dataclass(frozen=True)
class PublishedItem:
    """One published item as the pages count it: where it is, and who wrote it."""

    source: str
    state: ItemState
    theme: str | None
    team: str
    happened_on: date
    who: str


def published_items(db: Session, council_id: int) -> list[PublishedItem]:
    """The items the pages show (read once for the database session)."""
    asked = ("themes.queries.published_items", council_id)
    if asked not in db.info:
        rows = db.exec(
            select(  # type: ignore[call-overload]
                ThemeItem.source,
                ThemeItem.state,
                ThemeItem.theme_key,
                ThemeItem.team,
                ThemeItem.happened_on,
                ThemeItem.respondent,
            )
            .where(ThemeItem.council_id == council_id)
            .where(publication.shown(publication.cutoff(db, council_id)))
        ).all()
        db.info[asked] = [
            PublishedItem(
                source,
                ItemState(state),
                theme if ItemState(state) == ItemState.CLUSTERED else None,
                team or NO_TEAM,
                happened,
                respondent or unresolved(source),
            )
            for source, state, theme, team, happened, respondent in rows
        ]
    found: list[PublishedItem] = db.info[asked]
    return found


class _Tally:
    """Items and their people, by figure."""

    def __init__(self) -> None:
        self.items: Counter[Any] = Counter()
        self.who: dict[Any, set[str]] = defaultdict(set)

    def add(self, key: Any, who: str) -> None:
        self.items[key] += 1
        self.who[key].add(who)

    def cell(self, key: Any, displayed: bool = True) -> Cell:
        return cell(self.items[key], self.who.get(key, set()), displayed)


@dataclass(frozen=True)
class Disclosed:
    """Every figure of the themes pages but a theme's teams and months, as shown (keys:
    ``("x", source, column)`` a source's items in a theme or state, a column being
    ``("theme", key)`` or ``("state", state)``; ``("sc", source)`` a source's items in a
    theme; ``("st", source)`` a source's items; ``("acc", state or "total")``; ``("size",
    theme)``; ``("voice", theme, voice)``; ``("hidden_items",)``)."""

    counts: dict[Any, Count]
    sources: list[str]
    themes: list[str]

    def __getitem__(self, key: Any) -> Count:
        return self.counts.get(key, count(0))


def disclosed(db: Session, council_id: int) -> Disclosed:
    """The pages' figures, suppressed together (worked out once for the database session)."""
    asked = ("themes.queries.disclosed", council_id)
    if asked not in db.info:
        live = db.exec(
            select(ThemeRecord.key, ThemeRecord.hidden).where(
                ThemeRecord.council_id == council_id, col(ThemeRecord.active)
            )
        ).all()
        db.info[asked] = _disclosed(
            published_items(db, council_id), {key: hidden for key, hidden in live}
        )
    found: Disclosed = db.info[asked]
    return found


def _disclosed(items: Iterable[PublishedItem], live: dict[str, bool]) -> Disclosed:
    tally = _Tally()
    for item in items:
        column = ("theme", item.theme) if item.state == ItemState.CLUSTERED else (
            "state", item.state
        )
        tally.add(("x", item.source, column), item.who)
        tally.add(("st", item.source), item.who)
        tally.add(("acc", item.state), item.who)
        tally.add(("acc", "total"), item.who)
        if item.state == ItemState.CLUSTERED:
            tally.add(("sc", item.source), item.who)
            tally.add(("size", item.theme), item.who)
            tally.add(("voice", item.theme, source_group(item.source)), item.who)
            if live.get(str(item.theme)):
                tally.add(("hidden_items",), item.who)
    sources = sorted({key[1] for key in tally.items if key[0] == "st"})
    found = {key[1] for key in tally.items if key[0] == "size"}
    themes = sorted(set(live) | found, key=lambda t: (t is None, str(t)))
    cells: dict[Any, Cell] = {}
    sums: list[tuple[Any, list[Any]]] = []
    columns = [("theme", t) for t in themes] + [("state", s) for s in OUTSIDE]
    for source in sources:
        for column in columns:
            shown = column[0] == "state" or column[1] in live
            cells[("x", source, column)] = tally.cell(("x", source, column), shown)
        cells[("sc", source)] = tally.cell(("sc", source))
        cells[("st", source)] = tally.cell(("st", source))
        sums.append((("sc", source), [("x", source, ("theme", t)) for t in themes]))
        sums.append(
            (("st", source), [("sc", source), *(("x", source, ("state", s)) for s in OUTSIDE)])
        )
    for state in ItemState:
        cells[("acc", state)] = tally.cell(("acc", state))
    cells[("acc", "total")] = tally.cell(("acc", "total"))
    sums.append((("acc", ItemState.CLUSTERED), [("sc", s) for s in sources]))
    sums.append((("acc", ItemState.CLUSTERED), [("size", t) for t in themes]))
    for state in OUTSIDE:
        sums.append((("acc", state), [("x", s, ("state", state)) for s in sources]))
    sums.append((("acc", "total"), [("acc", s) for s in ItemState]))
    sums.append((("acc", "total"), [("st", s) for s in sources]))
    for theme in themes:
        shown = theme in live
        cells[("size", theme)] = tally.cell(("size", theme), shown)
        sums.append((("size", theme), [("x", s, ("theme", theme)) for s in sources]))
        for voice in VOICES:
            cells[("voice", theme, voice)] = tally.cell(("voice", theme, voice), shown)
            parts = [("x", s, ("theme", theme)) for s in sources if source_group(s) == voice]
            sums.append((("voice", theme, voice), parts))
    cells[("hidden_items",)] = tally.cell(("hidden_items",))
    sums.append((("hidden_items",), [("size", t) for t in themes if live.get(str(t))]))
    with matrix_products():  # small matrices: more BLAS threads only wait on each other
        counts = protect(cells, sums)
    return Disclosed(counts, sources, [str(t) for t in themes if t is not None])


@dataclass(frozen=True)
class Accounting:
    """Every item, in the state it is in as the pages show it, and those that arrived since
    (``publication``: shown at the next published run)."""

    clustered: int
    not_yet_themed: int
    set_aside: int
    held: int
    since: int = 0
    since_people: int | None = None  # who wrote what arrived since (None: not known)
    #: Each state's figure and the total as the page shows them (see :func:`disclosed`).
    figures: dict[str, Count] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Every item the pages show (those arrived since are counted on their own)."""
        return self.clustered + self.not_yet_themed + self.set_aside + self.held

    @property
    def shown(self) -> dict[str, Count]:
        """Each state's count as the page shows it, suppressed with every other figure of
        the pages ("held: 1" would say one person's words raised a concern)."""
        return {**self.figures, "since": count(self.since, people=self.since_people)}


def accounting(db: Session, council_id: int) -> Accounting:
    figures = disclosed(db, council_id)
    by_state = {state: figures[("acc", state)] for state in ItemState}
    through = publication.cutoff(db, council_id)
    query = select(ThemeItem.respondent, ThemeItem.source).where(
        ThemeItem.council_id == council_id
    )
    if through is not None:
        query = query.where(col(ThemeItem.arrived_at) > through)
    arrived = db.exec(query).all()
    since = len(arrived)
    people = len({who or unresolved(source) for who, source in arrived})
    return Accounting(
        clustered=by_state[ItemState.CLUSTERED].value,
        not_yet_themed=by_state[ItemState.NOT_YET_THEMED].value,
        set_aside=by_state[ItemState.SET_ASIDE].value,
        held=by_state[ItemState.HELD].value,
        since=since,
        since_people=people,
        figures={
            **{state.value: shown for state, shown in by_state.items()},
            "total": figures[("acc", "total")],
        },
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


def shown_label(theme: ThemeRecord, size: Count | int | None = None) -> str:
    """The theme's name as the pages show it. A name made from the words of fewer than
    :data:`~learning.themes.disclosure.MIN_GROUP_SIZE` people could give one of them away,
    so such a theme goes by its number until it grows or an analyst names it. ``size``: the
    theme's figure as the pages show it (by default, all of its items)."""
    if isinstance(size, Count):
        big = size.openable
    else:
        big = count(theme.size if size is None else size).big_enough
    if theme.curated or big:
        return theme.label
    return f"A small theme ({theme.key})"


@dataclass
class Published:
    """The items of a theme the pages show, by month, and the first and last of them: a
    theme's size, months and dates as they stand at the last published run
    (``publication``), not the run's own figures, which count what arrived after it too."""

    months: Counter[str] = field(default_factory=Counter)
    who: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    first: date | None = None
    last: date | None = None


def published(db: Session, council_id: int) -> dict[str, Published]:
    """theme key -> what of it the pages show."""
    out: dict[str, Published] = defaultdict(Published)
    for item in published_items(db, council_id):
        if item.state != ItemState.CLUSTERED or item.theme is None:
            continue
        theme, happened = out[item.theme], item.happened_on
        theme.months[month_key(happened)] += 1
        theme.who[month_key(happened)].add(item.who)
        theme.first = min(theme.first or happened, happened)
        theme.last = max(theme.last or happened, happened)
    return out


def theme_summaries(db: Session, council_id: int, day: date) -> list[ThemeSummary]:
    """The council's live themes, largest first, those whose size is hidden last (hidden
    themes included, marked)."""
    themes = db.exec(
        select(ThemeRecord)
        .where(ThemeRecord.council_id == council_id, col(ThemeRecord.active))
        .order_by(col(ThemeRecord.size).desc(), col(ThemeRecord.key))
    ).all()
    figures = disclosed(db, council_id)
    totals: dict[str, int] = defaultdict(int)
    for item in published_items(db, council_id):
        if item.state == ItemState.CLUSTERED:
            totals[source_group(item.source)] += 1
    # A share is a part over its voice's total: shown with a part, it gives the total away
    # (part / share). So shares are given only where the total can be worked out from the
    # figures shown anyway: every source of the voice's themed items shown.
    for source in figures.sources:
        if not figures[("sc", source)].shown:
            totals.pop(source_group(source), None)
    months = months_back(day, SPARK_MONTHS)
    shown = published(db, council_id)
    with matrix_products():
        found = [
            _summary(t, figures, totals, months, shown.get(t.key, Published())) for t in themes
        ]
    # Largest first by the figures shown; those hidden after them, by key: placed by their
    # own size, a hidden one between two shown would be bounded by them.
    return sorted(found, key=_largest_shown_first)


def _largest_shown_first(summary: ThemeSummary) -> tuple[bool, int, int, str]:
    shown = summary.size.shown
    number = theme_number(summary.key)
    return (not shown, -summary.size.value if shown else 0, number, summary.key)


def _summary(
    theme: ThemeRecord,
    figures: Disclosed,
    totals: dict[str, int],
    months: list[str],
    shown: Published,
) -> ThemeSummary:
    size = figures[("size", theme.key)]
    spark = _spark(shown, months, size) if size.openable else None
    practitioners = figures[("voice", theme.key, PRACTITIONERS)]
    families = figures[("voice", theme.key, FAMILIES)]
    voices = Voices(
        practitioners,
        families,
        _share(practitioners.value, totals.get(PRACTITIONERS, 0)),
        _share(families.value, totals.get(FAMILIES, 0)),
    )
    return ThemeSummary(
        theme.key,
        shown_label(theme, size),
        size,
        theme.trend,
        json.loads(theme.terms or "[]")[:6] if size.openable else [],
        theme.hidden,
        spark,
        voices,
        shown.first,
        shown.last,
    )


def _spark(shown: Published, months: list[str], size: Count) -> Sparkline:
    """The theme's last months as a line, a small month a gap that says so: suppressed with
    the theme's size as shown (the months before are in it too, and shown nowhere)."""
    window = set(months)
    cells: dict[Any, Cell] = {
        m: cell(shown.months.get(m, 0), shown.who.get(m, set())) for m in months
    }
    before = [m for m in shown.months if m not in window]
    earlier = set().union(*(shown.who[m] for m in before)) if before else set()
    # Nothing before the window is no secret: the first and last dates shown say so.
    cells["earlier"] = cell(sum(shown.months[m] for m in before), earlier, displayed=not before)
    cells["size"] = Cell(size.value, None, True)
    found = protect(cells, [("size", [*months, "earlier"])], size.k, fixed={"size": size.shown})
    values = [found[m].value if found[m].shown else None for m in months]
    return sparkline(values, months, [found[m].text for m in months])


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class SourceRow:
    """A source's items in each state, and in all, as the page shows them."""

    source: str
    states: dict[ItemState, Count]
    total: Count


def source_overview(db: Session, council_id: int) -> list[SourceRow]:
    """Each source, with its items in each state (every item accounted for, per source), as
    suppressed with every other figure of the pages (:func:`disclosed`)."""
    figures = disclosed(db, council_id)
    return [
        SourceRow(
            source,
            {
                ItemState.CLUSTERED: figures[("sc", source)],
                **{state: figures[("x", source, ("state", state))] for state in OUTSIDE},
            },
            figures[("st", source)],
        )
        for source in figures.sources
    ]


def breakdown(db: Session, council_id: int, key: str, column: str) -> dict[str, Count]:
    """The theme's items by ``source`` (as suppressed with every other figure of the pages)
    or ``team`` (suppressed with the theme's size as shown), small cells hidden."""
    figures = disclosed(db, council_id)
    if column == "source":
        return {
            source: shown
            for source in figures.sources
            if (shown := figures[("x", source, ("theme", key))]).value
        }
    tally = _Tally()
    for item in published_items(db, council_id):
        if item.state == ItemState.CLUSTERED and item.theme == key:
            tally.add(item.team, item.who)
    size = figures[("size", key)]
    cells: dict[Any, Cell] = {team: tally.cell(team) for team in sorted(tally.items)}
    cells[("size",)] = Cell(size.value)
    with matrix_products():
        found = protect(
            cells, [(("size",), sorted(tally.items))], size.k, fixed={("size",): size.shown}
        )
    return {str(team): found[team] for team in sorted(tally.items)}
