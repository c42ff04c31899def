"""A trend sparkline as inline SVG, with a text alternative saying the same in words.

The SVG is decorative (``aria-hidden``): the text alternative, visually hidden beside it, is
what a screen reader reads. It holds numbers only, so it is safe to put in a page as it is.
A value of None is not shown (a small group, or one hidden to protect it): the line has a
gap there, and the words say "not shown". Pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

WIDTH, HEIGHT, PAD = 120, 28, 2
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Sparkline:
    svg: Markup
    text: str


def points(
    values: Sequence[int | None], width: int = WIDTH, height: int = HEIGHT
) -> list[tuple[float, float] | None]:
    """Where each value goes: left to right, the largest at the top, zero at the bottom;
    None where a value is not shown."""
    if not values:
        return []
    top = max(max((v for v in values if v is not None), default=0), 1)
    step = (width - 2 * PAD) / max(len(values) - 1, 1)
    return [
        None if v is None
        else (round(PAD + i * step, 1), round(height - PAD - (height - 2 * PAD) * v / top, 1))
        for i, v in enumerate(values)
    ]


def _runs(at: Sequence[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """The points in unbroken runs (a gap wherever a value is not shown)."""
    runs: list[list[tuple[float, float]]] = [[]]
    for point in at:
        if point is None:
            runs.append([])
        else:
            runs[-1].append(point)
    return [run for run in runs if run]


def month_label(key: str) -> str:
    """ "2025-03" -> "Mar 2025"."""
    year, month = key.split("-")
    return f"{_MONTHS[int(month) - 1]} {year}"


def sparkline(
    values: Sequence[int | None], months: Sequence[str], words: Sequence[str] | None = None
) -> Sparkline:
    """The line for ``values`` (one per month, oldest first; ``months`` are "YYYY-MM"), and
    ``words`` for each in the text (by default the number, or "not shown")."""
    at = points(values)
    lines = Markup("").join(
        Markup(
            '<polyline points="{path}" fill="none" stroke="currentColor" stroke-width="2" '
            'stroke-linejoin="round" stroke-linecap="round"/>'
        ).format(path=" ".join(f"{x},{y}" for x, y in run))
        for run in _runs(at)
    )
    last = at[-1] if at else None
    dot = (
        Markup('<circle cx="{x}" cy="{y}" r="2.5" fill="currentColor"/>').format(
            x=last[0], y=last[1]
        )
        if last is not None
        else Markup("")
    )
    svg = Markup(
        '<svg class="app-sparkline" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'aria-hidden="true" focusable="false">{lines}{dot}</svg>'
    ).format(w=WIDTH, h=HEIGHT, lines=lines, dot=dot)
    said = words if words is not None else ["not shown" if v is None else str(v) for v in values]
    return Sparkline(svg, describe(said, months))


def describe(words: Sequence[str], months: Sequence[str]) -> str:
    if not words:
        return "No items yet."
    parts = ", ".join(f"{month_label(m)}: {w}" for m, w in zip(months, words, strict=True))
    return f"Items each month from {month_label(months[0])} to {month_label(months[-1])}: {parts}."
