"""The theme engine's plain records: items in, themes out, and the reserved assignments."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

import numpy as np

# Reserved assignments: every item ends in exactly one theme or in one of these.
NOT_YET_THEMED = "not_yet_themed"  # has content, fits no theme well enough (yet)
SET_ASIDE = "set_aside"  # empty or a stock non-answer ("no comment"): never clustered
HELD_BACK = "held_back"  # under safeguarding review: kept out until a person releases it
RESERVED = frozenset({NOT_YET_THEMED, SET_ASIDE, HELD_BACK})


@dataclass(frozen=True)
class Item:
    """One free-text answer. ``question`` is the question it answered (part of its meaning)."""

    id: str
    text: str
    source: str = ""
    team: str = ""
    date: date | None = None
    question: str = ""
    held_back: bool = False


@dataclass(frozen=True)
class Theme:
    """A theme of one run.

    ``terms`` are its distinctive terms, best first; ``profile`` their weights (comparable
    across runs whatever the vectors); ``centroid`` lives in the vector space named ``space``.
    """

    id: str
    label: str
    terms: tuple[str, ...]
    representative_ids: tuple[str, ...]
    size: int
    centroid: np.ndarray = field(repr=False, compare=False)
    profile: Mapping[str, float] = field(default_factory=dict, repr=False, compare=False)
    space: str = ""
    curated: bool = False  # from the analysts' codebook (not found afresh by clustering)
    hidden: bool = False  # hidden by an analyst: kept so that its items don't re-emerge


_ID = re.compile(r"^T(\d+)$")


def theme_number(theme_id: str) -> int:
    match = _ID.match(theme_id)
    return int(match.group(1)) if match else 0


def next_theme_number(ids: Iterable[str]) -> int:
    return max((theme_number(i) for i in ids), default=0) + 1


def theme_id(number: int) -> str:
    return f"T{number}"
