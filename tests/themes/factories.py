"""Test data for the stored theme engine: a source that shares a list of items (plugged in
through the real source interface), corpora with dates and teams, and shortcuts for runs.

    listed = ListedSource()                       # then: use_source(monkeypatch, listed)
    listed.add_corpus(per_theme=12)               # four themes (tests.themes.feedback_corpus)
    run = recluster(database, council_id)
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlmodel import Session, col, select

from learning.core.clock import today
from learning.themes import sources
from learning.themes.models import ThemeItem, ThemeRecord
from learning.themes.terms import ItemState
from tests.themes.feedback_corpus import THEMES, answers

_refs = itertools.count(1)


@dataclass(frozen=True)
class Listed:
    id: str
    text: str
    source: str
    team: str
    date: date
    question: str = ""
    held: bool = False
    respondent: str = ""  # "": the item is its own respondent


class ListedSource:
    """A source that shares exactly the items listed on it (held ones included)."""

    def __init__(self) -> None:
        self.items: list[Listed] = []

    def __call__(self, db: Session, council_id: int, since: date | None) -> list[Listed]:
        return [i for i in self.items if since is None or i.date >= since]

    def add(
        self,
        text: str,
        *,
        source: str = "feedback_young_person",
        team: str = "North",
        day: date | None = None,
        question: str = "",
        held: bool = False,
    ) -> Listed:
        item = Listed(f"listed:{next(_refs)}", text, source, team, day or today(), question, held)
        self.items.append(item)
        return item

    def add_corpus(
        self,
        per_theme: int = 12,
        themes: list[str] | None = None,
        *,
        seed: int = 0,
        days: int = 300,
        source: str = "feedback_young_person",
        teams: tuple[str, ...] = ("North", "South"),
    ) -> dict[str, str]:
        """Items for each theme, dated over the last ``days`` days; item id -> true theme."""
        rng = random.Random(seed)
        truth: dict[str, str] = {}
        for theme in themes or list(THEMES):
            for text in answers(theme, per_theme, seed):
                day = today() - timedelta(days=rng.randrange(days))
                item = self.add(text, source=source, team=rng.choice(teams), day=day)
                truth[f"{source}:{item.id}"] = theme
        return truth

    def remove(self, item: Listed) -> None:
        self.items.remove(item)

    def replace(self, item: Listed, **changes: object) -> Listed:
        new = Listed(**{**item.__dict__, **changes})  # type: ignore[arg-type]
        self.items[self.items.index(item)] = new
        return new


def use_source(monkeypatch: pytest.MonkeyPatch, source: ListedSource) -> None:
    """Make ``source`` the only source (the registry is restored after the test)."""
    monkeypatch.setattr(sources, "_REGISTRY", {"listed": source})


def stored(db: Session, council_id: int) -> dict[str, ThemeItem]:
    """The council's stored items by key (read afresh)."""
    db.expire_all()
    rows = db.exec(select(ThemeItem).where(ThemeItem.council_id == council_id)).all()
    return {row.key: row for row in rows}


def themes(db: Session, council_id: int, *, active: bool = True) -> dict[str, ThemeRecord]:
    db.expire_all()
    query = select(ThemeRecord).where(ThemeRecord.council_id == council_id)
    if active:
        query = query.where(col(ThemeRecord.active))
    return {row.key: row for row in db.exec(query)}


def theme_holding(db: Session, council_id: int, truth: dict[str, str], theme: str) -> str:
    """The theme key holding most of the items whose true theme is ``theme``."""
    counts: dict[str, int] = {}
    for key, item in stored(db, council_id).items():
        if truth.get(key) == theme and item.state == ItemState.CLUSTERED and item.theme_key:
            counts[item.theme_key] = counts.get(item.theme_key, 0) + 1
    return max(counts, key=lambda k: counts[k])
