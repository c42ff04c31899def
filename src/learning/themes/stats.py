"""Each theme's figures, worked out again from its items after every run and every edit:
size, first and last seen, counts per month, and its trend.

The trend compares the last :data:`RECENT_MONTHS` months (this one included) with the
:data:`EARLIER_MONTHS` before them, with the exact test of :mod:`learning.themes.trends`:
``new``, ``growing``, ``fading`` or ``steady``.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date

from sqlmodel import Session, col, select

from learning.core.clock import today as london_today
from learning.core.clock import utcnow
from learning.themes.models import ThemeItem, ThemeRecord
from learning.themes.terms import ItemState
from learning.themes.trends import trend_flags

RECENT_MONTHS = 3
EARLIER_MONTHS = 12


def month_key(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def months_back(day: date, count: int) -> list[str]:
    """The ``count`` month keys ending with ``day``'s month, oldest first."""
    index = day.year * 12 + day.month - 1
    return [f"{i // 12}-{i % 12 + 1:02d}" for i in range(index - count + 1, index + 1)]


def trend_windows(counts: dict[str, Counter[str]], day: date) -> dict[object, dict[str, int]]:
    """period (0 earlier, 1 recent) -> theme key -> items, from theme -> month -> items."""
    months = months_back(day, RECENT_MONTHS + EARLIER_MONTHS)
    earlier, recent = set(months[:EARLIER_MONTHS]), set(months[EARLIER_MONTHS:])
    windows: dict[object, dict[str, int]] = {0: {}, 1: {}}
    for theme, per_month in counts.items():
        windows[0][theme] = sum(n for m, n in per_month.items() if m in earlier)
        windows[1][theme] = sum(n for m, n in per_month.items() if m in recent)
    return windows


def refresh_stats(db: Session, council_id: int, day: date | None = None) -> None:
    """Size, first and last seen, months and trend of every theme of the council."""
    day = day or london_today()
    rows = db.exec(
        select(col(ThemeItem.theme_key), col(ThemeItem.happened_on)).where(
            ThemeItem.council_id == council_id,
            ThemeItem.state == ItemState.CLUSTERED,
            col(ThemeItem.theme_key).is_not(None),
        )
    ).all()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    first: dict[str, date] = {}
    last: dict[str, date] = {}
    for key, happened in rows:
        assert key is not None
        counts[key][month_key(happened)] += 1
        first[key] = min(first.get(key, happened), happened)
        last[key] = max(last.get(key, happened), happened)
    flags = trend_flags(trend_windows(counts, day))
    themes = db.exec(select(ThemeRecord).where(ThemeRecord.council_id == council_id)).all()
    for theme in themes:
        per_month = counts.get(theme.key, Counter())
        theme.size = sum(per_month.values())
        theme.first_seen, theme.last_seen = first.get(theme.key), last.get(theme.key)
        theme.period_counts = json.dumps(dict(sorted(per_month.items())))
        flag = flags.get(theme.key)
        theme.trend = flag.status if flag and theme.size else ""
        theme.trend_p = flag.p_value if flag and theme.size else None
        theme.updated_at = utcnow()
        db.add(theme)
    db.flush()
