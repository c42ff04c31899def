"""Where the theme engine's text comes from: one interface for every source.

A source is a function ``(db, council_id, since) -> Iterable[item]``; each item has ``id``
(the source's own reference), ``text`` (already redacted by the source), ``source`` (e.g.
``supervision_case_learning`` or ``feedback_young_person``), ``team`` (a name), ``date``,
``question`` (what the text answered, or "") and, optionally, ``held`` (True while a person
has still to release it: its text is then never stored). ``since`` limits items to those
dated on or after it; None means everything the source shares now.

Supervision learning points and child and family feedback are registered here; survey answers
join the same way (``register_source("surveys", "learning.surveys.learning:learning_items")``).
Sources are imported only when first used, so the theme engine does not reach into them.

A source may also share one record at a time, for items to reach the themes on arrival (see
:mod:`learning.themes.arrivals`): a function ``(db, record_id) -> RecordShare | None``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from sqlmodel import Session


class SourceItem(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def team(self) -> str: ...
    @property
    def date(self) -> date: ...
    @property
    def question(self) -> str: ...


@dataclass(frozen=True)
class LearningItem:
    """One de-identified text a source shares (a :class:`SourceItem`): what supervision and
    feedback give. ``held`` while a person has still to release it (its text is then "")."""

    id: str
    text: str
    source: str
    team: str
    date: date
    question: str
    held: bool = False
    #: The language the person wrote in, as "cy" ("" for English, as the staff's pages are),
    #: so a quote is read in its own voice.
    language: str = ""
    #: Who the words are from, pseudonymously and never by name ("feedback:12" for every
    #: answer of one submission, "person:7" for a supervisee), so that small groups are
    #: counted in people; "" for an item that is its own respondent.
    respondent: str = ""


Source = Callable[[Session, int, date | None], Iterable[Any]]

_REGISTRY: dict[str, Source | str] = {
    "supervision": "learning.supervision.learning:learning_items",
    "feedback": "learning.feedback.learning:learning_items",
}


RESPONDENT_LENGTH = 80


@dataclass(frozen=True)
class Arrival:
    """One item as the theme engine keeps it (see :class:`learning.themes.models.ThemeItem`)."""

    source: str
    source_ref: str
    text: str
    team: str
    happened_on: date
    question: str
    held: bool = False
    language: str = ""
    respondent: str = ""  # see LearningItem.respondent; never "" here (see ``arrival``)

    @property
    def key(self) -> str:
        return f"{self.source}:{self.source_ref}"


@dataclass(frozen=True)
class RecordShare:
    """What one record (a submission, a signed-off supervision record) shares now: its items,
    held ones included, and the references of every item it could share, so that an item it
    no longer shares is taken out."""

    council_id: int
    items: tuple[Any, ...]
    refs: frozenset[str]


RecordSource = Callable[[Session, int], RecordShare | None]


def register_source(name: str, source: Source | str) -> None:
    """Add (or replace) a source: a function, or "module:function" imported on first use."""
    _REGISTRY[name] = source


def registered() -> dict[str, Source]:
    return {name: _resolve(source) for name, source in _REGISTRY.items()}


def _resolve(source: Source | str) -> Source:
    if callable(source):
        return source
    module, _, function = source.partition(":")
    found: Source = getattr(importlib.import_module(module), function)
    return found


def arrival(item: SourceItem) -> Arrival:
    held = bool(getattr(item, "held", False))
    ref = str(item.id)[:160]
    respondent = str(getattr(item, "respondent", "") or f"item:{item.source}:{ref}")
    return Arrival(
        source=item.source[:60],
        source_ref=ref,
        text="" if held else item.text,
        team=(item.team or "")[:120],
        happened_on=item.date,
        question=(item.question or "")[:300],
        held=held,
        language=str(getattr(item, "language", "") or "")[:10],
        respondent=respondent[:RESPONDENT_LENGTH],
    )


def collect(db: Session, council_id: int, since: date | None = None) -> list[Arrival]:
    """Every item every source shares now for the council (since ``since``), oldest first."""
    found = [
        arrival(item) for source in registered().values() for item in source(db, council_id, since)
    ]
    return sorted(found, key=lambda a: (a.happened_on, a.key))


def unresolved(source: str) -> str:
    """The respondent an item counts as while its own is not known (stored before
    respondents were kept, and not worked out by migration 0014, until its source shares it
    again): every such item of a source counts as one person, so an unknown never makes a
    group look bigger."""
    return f"unresolved:{source}"[:RESPONDENT_LENGTH]
