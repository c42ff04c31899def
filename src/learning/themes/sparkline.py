"""A trend sparkline as inline SVG, with a text alternative saying the same in words.

The SVG is decorative (``aria-hidden``): the text alternative, visually hidden beside it, is
what a screen reader reads. It holds numbers only, so it is safe to put in a page as it is.
Pure.
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
    values: Sequence[int], width: int = WIDTH, height: int = HEIGHT
) -> list[tuple[float, float]]:
    """Where each value goes: left to right, the largest at the top, zero at the bottom."""
    if not values:
        return []
    top = max(max(values), 1)
    step = (width - 2 * PAD) / max(len(values) - 1, 1)
    return [
        (round(PAD + i * step, 1), round(height - PAD - (height - 2 * PAD) * v / top, 1))
        for i, v in enumerate(values)
    ]


def month_label(key: str) -> str:
    """ "2025-03" -> "Mar 2025"."""
    year, month = key.split("-")
    return f"{_MONTHS[int(month) - 1]} {year}"


def sparkline(values: Sequence[int], months: Sequence[str]) -> Sparkline:
    """The line for ``values`` (one per month, oldest first; ``months`` are "YYYY-MM")."""
    at = points(values)
    path = " ".join(f"{x},{y}" for x, y in at)
    last = at[-1] if at else (0.0, 0.0)
    svg = Markup(
        '<svg class="app-sparkline" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'aria-hidden="true" focusable="false"><polyline points="{path}" fill="none" '
        'stroke="currentColor" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>'
        '<circle cx="{x}" cy="{y}" r="2.5" fill="currentColor"/></svg>'
    ).format(w=WIDTH, h=HEIGHT, path=path, x=last[0], y=last[1])
    return Sparkline(svg, describe(values, months))


def describe(values: Sequence[int], months: Sequence[str]) -> str:
    if not values:
        return "No items yet."
    parts = ", ".join(f"{month_label(m)}: {v}" for m, v in zip(months, values, strict=True))
    return f"Items each month from {month_label(months[0])} to {month_label(months[-1])}: {parts}."
