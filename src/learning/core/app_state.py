"""What one app keeps for its life (caches, background workers, its sign-in client), on
``app.state``: each made on first use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def made_once(state: Any, name: str, make: Callable[[], T]) -> T:
    """``state.<name>`` (``state`` is ``app.state``), made by ``make()`` the first time."""
    found: T | None = getattr(state, name, None)
    if found is None:
        found = make()
        setattr(state, name, found)
    return found
