"""Which themes are new, growing or fading: an exact test, not a raw count.

For each theme, the latest period's count ``x`` (of ``n`` items themed then) is compared with
the earlier periods' pooled count ``c`` (of ``m``). If the theme's share had not changed, then,
given ``x + c``, ``x`` would follow Binomial(x + c, n / (n + m)) (the exact conditional test
for two Poisson rates). One-sided p-values, Holm-corrected across themes, decide:

- ``new``: absent from every earlier period and significantly present now;
- ``growing`` / ``fading``: share significantly higher / lower than before;
- ``steady``: anything else, including changes too small to tell from chance.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from scipy.stats import binomtest

from learning.themes.records import RESERVED

Status = Literal["new", "growing", "fading", "steady"]


@dataclass(frozen=True)
class TrendFlag:
    theme_id: str
    status: Status
    p_value: float  # Holm-adjusted p-value of the one-sided test in the direction of change
    latest_share: float
    earlier_share: float
    latest_count: int
    earlier_count: int


def _holm(pvalues: dict[str, float]) -> dict[str, float]:
    order = sorted(pvalues, key=lambda t: pvalues[t])
    m = len(order)
    adjusted: dict[str, float] = {}
    running = 0.0
    for rank, theme in enumerate(order):
        running = max(running, min(1.0, (m - rank) * pvalues[theme]))
        adjusted[theme] = running
    return adjusted


def trend_flags(
    counts_by_period: Mapping[object, Mapping[str, int]], *, alpha: float = 0.05
) -> dict[str, TrendFlag]:
    """Flag each theme of ``counts_by_period`` (period -> theme id -> count; periods in any
    sortable order, the greatest is the latest). Reserved assignments (not yet themed, set
    aside, held back) are ignored. With a single period, every theme present is ``new``."""
    if not counts_by_period:
        return {}
    periods = sorted(counts_by_period)  # type: ignore[type-var]
    latest = {t: int(c) for t, c in counts_by_period[periods[-1]].items() if t not in RESERVED}
    earlier: dict[str, int] = {}
    for period in periods[:-1]:
        for t, c in counts_by_period[period].items():
            if t not in RESERVED:
                earlier[t] = earlier.get(t, 0) + int(c)
    themes = sorted(set(latest) | set(earlier))
    n = sum(latest.values())
    m = sum(earlier.values())
    raw: dict[str, float] = {}
    direction: dict[str, str] = {}
    for t in themes:
        x, c = latest.get(t, 0), earlier.get(t, 0)
        if n == 0 or m == 0 or x + c == 0:
            raw[t], direction[t] = 1.0, "none"
            continue
        expected = n / (n + m)
        if x / n >= c / m:
            direction[t] = "up"
            raw[t] = binomtest(x, x + c, expected, alternative="greater").pvalue
        else:
            direction[t] = "down"
            raw[t] = binomtest(x, x + c, expected, alternative="less").pvalue
    adjusted = _holm(raw)
    flags: dict[str, TrendFlag] = {}
    for t in themes:
        x, c = latest.get(t, 0), earlier.get(t, 0)
        status: Status = "steady"
        if m == 0 and x > 0:
            status = "new"
        elif adjusted[t] < alpha and direction[t] == "up":
            status = "new" if c == 0 else "growing"
        elif adjusted[t] < alpha and direction[t] == "down":
            status = "fading"
        flags[t] = TrendFlag(
            theme_id=t,
            status=status,
            p_value=adjusted[t],
            latest_share=x / n if n else 0.0,
            earlier_share=c / m if m else 0.0,
            latest_count=x,
            earlier_count=c,
        )
    return flags
