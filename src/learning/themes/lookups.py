"""Looking a council's things up once per batch, not once per item.

A batch of arriving records is read in one transaction and stored in another; within each,
what is looked up about a council (its current theme model, whether a run is going, its
staff names) cannot usefully change, so ``once(...)`` inside ``one_look_per_council()``
looks each thing up for each council once and reuses it. Outside the block every call looks
again, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar, cast

T = TypeVar("T")

_looked_up: ContextVar[dict[tuple[str, int], object] | None] = ContextVar(
    "themes_looked_up", default=None
)


@contextmanager
def one_look_per_council() -> Iterator[None]:
    """For one transaction only: its snapshot of the council does not change under it."""
    token = _looked_up.set({})
    try:
        yield
    finally:
        _looked_up.reset(token)


def once(what: str, council_id: int, look: Callable[[], T]) -> T:
    """``look()``, or what it gave for this council earlier in the block."""
    looked_up = _looked_up.get()
    if looked_up is None:
        return look()
    key = (what, council_id)
    if key not in looked_up:
        looked_up[key] = look()
    return cast(T, looked_up[key])
