"""What may be shown of small groups: nothing below the minimum group size.

A count below :data:`MIN_GROUP_SIZE` (or the ``k`` a caller gives) is shown as "fewer than
5" (or than k), and its group's quotes are not shown at all. Where one count in a row is
hidden and the row's total is shown, the next smallest count is hidden too, so the hidden
one cannot be worked out by subtraction; that one says "not shown", since it is not small.
Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

MIN_GROUP_SIZE = 5

K = TypeVar("K")


@dataclass(frozen=True)
class Count:
    value: int
    shown: bool
    k: int = MIN_GROUP_SIZE  # the minimum group size it was judged by

    @property
    def text(self) -> str:
        if self.shown:
            return f"{self.value:,}"
        return f"fewer than {self.k}" if self.value < self.k else "not shown"

    @property
    def big_enough(self) -> bool:
        """A group this size may be opened (its quotes read)."""
        return self.shown and self.value >= self.k


def count(value: int, k: int = MIN_GROUP_SIZE) -> Count:
    return Count(value, value == 0 or value >= k, k)


def suppress(counts: Mapping[K, int], k: int = MIN_GROUP_SIZE) -> dict[K, Count]:
    """Each cell of a row whose total is shown: small ones hidden, and a second one when
    exactly one is hidden (zeros are shown: they give nothing away)."""
    hidden = {key for key, value in counts.items() if 0 < value < k}
    if len(hidden) == 1:
        rest = [
            (value, str(key), key)
            for key, value in counts.items()
            if key not in hidden and value > 0
        ]
        if rest:
            hidden.add(min(rest)[2])
    return {key: Count(value, key not in hidden, k) for key, value in counts.items()}
