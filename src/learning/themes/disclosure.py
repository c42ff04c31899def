"""What may be shown of small groups: nothing about fewer than the minimum group size of
people, and nothing that can be worked out from what is shown. Pure.

**Counted in people.** A group is small when fewer than :data:`MIN_GROUP_SIZE` (or the ``k``
a caller gives) *distinct respondents* wrote its items: one supervisee's six learning points
are one person, and the several answers of one feedback submission are one respondent. The
figure shown is the group's items (the pages say so); whether it is shown is decided by its
people. A hidden figure reads "fewer than 5" when it is fewer than 5 items, else "not
shown" (a small group of many answers, or a figure hidden to protect another).

**Primary suppression.** A figure of 1 to k-1 people is hidden. Zeros are shown: they give
nothing away.

**Secondary suppression** (:func:`protect`). A page's figures are linked by sums: a table's
cells add up to its row and column totals, each theme's items by source add up to its size,
the themes' sizes to "in a theme", and so on. The figures and every sum linking them, on the
page and on the pages that show the same figures, are one system, suppressed together, so the
same figure is hidden wherever it is shown. Two rules, applied until neither hides more:

1. *Line rule* (the usual "no single suppressed cell in a row, and no suppressed cells that
   together are small"). For each sum whose total is shown, the hidden parts' total can be
   worked out (total minus the parts shown): there must be at least two hidden parts, and
   where any is small, together they must cover at least k people (counted as distinct
   people where their respondents are known, so one person in two hidden cells counts
   once). If not, the smallest shown non-zero part of the sum is hidden too (its total, if
   no part is left).
2. *Exact check*. No hidden figure (small, or hidden to protect another) may follow from the
   shown figures by any combination of the sums (not only row by row: across rows and
   columns, as in a two-way table with its totals, and across tables that share figures).
   A figure that does (its unit vector lies in the row space of the sums restricted to the
   hidden figures) has the smallest shown non-zero figure whose hiding frees it hidden too
   (else the smallest in a sum beside it, and the check runs again).

Figures hidden only to protect others are chosen smallest first, so as little as possible
is lost. What a reader can still work out of a hidden figure is a range (none is below 0,
or above a shown total it is in), never its value: the protection of the usual cell
suppression of official tables, not more (a range can be narrow where the figures hiding a
small one are themselves small).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np

MIN_GROUP_SIZE = 5

K = TypeVar("K", bound=Hashable)

_TOTAL = ("__total__",)


@dataclass(frozen=True)
class Count:
    value: int
    shown: bool
    k: int = MIN_GROUP_SIZE  # the minimum group size it was judged by
    #: The distinct people (respondents) behind it; None where each item is one.
    people: int | None = None

    @property
    def size(self) -> int:
        """What it is judged by: its people (its items where each is one person)."""
        return self.value if self.people is None else self.people

    @property
    def text(self) -> str:
        if self.shown:
            return f"{self.value:,}"
        return f"fewer than {self.k}" if self.value < self.k else "not shown"

    @property
    def big_enough(self) -> bool:
        """Shown, and of at least k people."""
        return self.shown and self.size >= self.k

    @property
    def openable(self) -> bool:
        """A group of at least k people: it may be opened (its quotes read, its name and
        breakdowns shown) even when its figure is hidden to protect another's."""
        return self.value > 0 and self.size >= self.k


def count(value: int, k: int = MIN_GROUP_SIZE, people: int | None = None) -> Count:
    """A figure on its own (no other figure shown with it gives it away)."""
    judged = value if people is None else people
    return Count(value, value == 0 or judged >= k, k, people)


@dataclass(frozen=True)
class Cell:
    """A figure before suppression: its items, and who wrote them (``who``: respondent keys;
    None where each item is one person). ``displayed`` False: on no page, but in the sums
    (e.g. a theme's items before the months its trend line shows)."""

    value: int
    who: frozenset[Hashable] | None = None
    displayed: bool = True

    @property
    def people(self) -> int:
        return self.value if self.who is None else len(self.who)


def cell(value: int, who: Iterable[Hashable] | None = None, displayed: bool = True) -> Cell:
    return Cell(value, None if who is None else frozenset(who), displayed)


def protect(
    cells: Mapping[K, Cell],
    sums: Iterable[tuple[K, Sequence[K]]],
    k: int = MIN_GROUP_SIZE,
    fixed: Mapping[K, bool] | None = None,
) -> dict[K, Count]:
    """Each figure as it may be shown (see the module's description): ``sums`` are
    ``(total, parts)``, each saying the total is the sum of the parts (all keys of
    ``cells``); ``fixed`` figures are shown (True) or hidden (False) whatever this finds,
    as already decided elsewhere (a theme's size, when its trend line is protected)."""
    fixed = dict(fixed or {})
    lines = [(total, [p for p in parts if p in cells]) for total, parts in sums if total in cells]
    small = {
        key for key, c in cells.items() if 0 < c.people < k and fixed.get(key) is not True
    }
    hidden = set(small)
    hidden |= {key for key, c in cells.items() if not c.displayed}
    hidden |= {key for key, shown in fixed.items() if not shown and key in cells}
    keys = list(cells)
    at = {key: i for i, key in enumerate(keys)}
    matrix = np.zeros((len(lines), len(keys)))
    for row, (total, parts) in enumerate(lines):
        matrix[row, at[total]] += 1.0
        for part in parts:
            matrix[row, at[part]] -= 1.0
    member_of: dict[K, list[int]] = {}
    for row, (total, parts) in enumerate(lines):
        for key in (total, *parts):
            member_of.setdefault(key, []).append(row)

    def cost(key: K) -> int:
        """The sums in which ``key``, once hidden, would be the only hidden figure: each
        would need one more hidden (a look one step ahead, so the choice spreads least)."""
        alone = 0
        for row in member_of.get(key, []):
            total, parts = lines[row]
            others = [o for o in (total, *parts) if o != key and cells[o].value > 0]
            alone += not any(o in hidden for o in others)
        return alone

    def candidates(among: Iterable[K]) -> list[K]:
        found = {
            key
            for key in among
            if key not in hidden and cells[key].value > 0 and key not in fixed
        }
        return sorted(found, key=lambda key: (cost(key), cells[key].value, str(key)))

    def line_rule() -> K | None:
        for total, parts in lines:
            if total in hidden:
                continue
            gone = [p for p in parts if p in hidden and cells[p].value > 0]
            if not gone:
                continue
            if len(gone) >= 2 and (
                not any(p in small for p in gone) or _people(cells[p] for p in gone) >= k
            ):
                continue
            found = candidates([*parts, total])
            if found:
                return found[0]
        return None

    stuck: set[K] = set()

    def exact_check() -> K | None:
        watched = [
            key
            for key in keys
            if key in hidden and cells[key].displayed and cells[key].value > 0
            and key not in stuck
        ]
        if not watched or not lines:
            return None
        order = [key for key in keys if key in hidden]
        where = {key: i for i, key in enumerate(order)}
        restricted = matrix[:, [at[key] for key in order]]
        known = _determined(restricted)
        inverse = np.linalg.pinv(restricted)
        for key in watched:
            if not known[where[key]]:
                continue
            near = candidates(
                other
                for total, parts in lines
                if total in hidden or any(p in hidden for p in parts)
                for other in (total, *parts)
            )
            for option in near:  # the smallest figure whose hiding protects it
                if _frees(restricted, inverse, matrix[:, at[option]], where[key]):
                    return option
            own = candidates(
                other
                for total, parts in lines
                if key == total or key in parts
                for other in (total, *parts)
            )
            if own or near:  # none does alone: hide the smallest beside it, and look again
                return (own or near)[0]
            stuck.add(key)
        return None

    for _ in range(len(keys) + 1):
        more = line_rule()
        if more is None:
            more = exact_check()
        if more is None:
            break
        hidden.add(more)
    return {
        key: Count(
            c.value,
            key not in hidden or fixed.get(key) is True,
            k,
            None if c.who is None else c.people,
        )
        for key, c in cells.items()
    }


def _people(cells: Iterable[Cell]) -> int:
    """The distinct people of some cells together (their items, where who is not known)."""
    found = list(cells)
    if all(c.who is not None for c in found):
        return len(frozenset().union(*(c.who or frozenset() for c in found)))
    return sum(c.people for c in found)


def _frees(restricted: np.ndarray, inverse: np.ndarray, column: np.ndarray, index: int) -> bool:
    """Whether hiding one more figure (``column``: its place in the sums) leaves the
    determined hidden figure ``index`` free: the new figure can change only along with the
    hidden ones (its column is in their span), and then that change moves this one."""
    moved = inverse @ column
    if np.abs(restricted @ moved - column).max(initial=0.0) > 1e-7:
        return False  # no solution of the sums moves it with the hidden ones: nothing changes
    return bool(abs(moved[index]) > 1e-7)


def _determined(matrix: np.ndarray) -> list[bool]:
    """For each column (a hidden figure) of the sums restricted to the hidden figures:
    whether the shown figures fix its value (no solution of the sums can change it)."""
    if matrix.size == 0:
        return [False] * matrix.shape[1]
    _, singular, vt = np.linalg.svd(matrix, full_matrices=True)
    rank = int((singular > 1e-9 * max(1.0, float(singular.max(initial=0.0)))).sum())
    free = vt[rank:]  # a basis of the changes to hidden figures that keep every sum
    if free.shape[0] == 0:
        return [True] * matrix.shape[1]
    return [bool(np.abs(free[:, j]).max() < 1e-9) for j in range(matrix.shape[1])]


def suppress(counts: Mapping[K, int], k: int = MIN_GROUP_SIZE) -> dict[K, Count]:
    """Each cell of a row whose total is shown, each item one person (see :func:`protect`)."""
    cells: dict[Any, Cell] = {key: Cell(value) for key, value in counts.items()}
    cells[_TOTAL] = Cell(sum(counts.values()))
    found = protect(cells, [(_TOTAL, list(counts))], k, fixed={_TOTAL: True})
    return {key: found[key] for key in counts}
