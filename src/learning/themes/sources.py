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
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

from sqlalchemy import update
from sqlmodel import Session, col, select

from learning.themes.models import ThemeItem


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


Source = Callable[[Session, int, date | None], Iterable[Any]]

_REGISTRY: dict[str, Source | str] = {
    "supervision": "learning.supervision.learning:learning_items",
    "feedback": "learning.feedback.learning:learning_items",
}


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
    return Arrival(
        source=item.source[:60],
        source_ref=str(item.id)[:160],
        text="" if held else item.text,
        team=(item.team or "")[:120],
        happened_on=item.date,
        question=(item.question or "")[:300],
        held=held,
        language=str(getattr(item, "language", "") or "")[:10],
    )


def collect(db: Session, council_id: int, since: date | None = None) -> list[Arrival]:
    """Every item every source shares now for the council (since ``since``), oldest first."""
    found = [
        arrival(item) for source in registered().values() for item in source(db, council_id, since)
    ]
    return sorted(found, key=lambda a: (a.happened_on, a.key))


# Respondents: who an item's words are from, so that small groups are counted in people ----

_FEEDBACK_REF = re.compile(r"^feedback:(\d+):")
_CASE_REF = re.compile(r"^supervision:case:(\d+)$")
_SESSION_REF = re.compile(r"^supervision:.+:(\d+)$")
RESPONDENT_LENGTH = 80


def respondent_of(source: str, source_ref: str) -> str | None:
    """An item's respondent, where its reference alone says (pure): a feedback answer's is
    its submission (each submission is one respondent, whatever it answered); a supervision
    learning point's is its supervisee, which only the record says (None here: see
    :func:`fill_respondents`); any other source's item is its own respondent. A pseudonymous
    key, never a name."""
    if match := _FEEDBACK_REF.match(source_ref):
        return f"feedback:{match.group(1)}"
    if source_ref.startswith("supervision:"):
        return None
    return f"item:{source}:{source_ref}"[:RESPONDENT_LENGTH]


def unresolved(source: str) -> str:
    """The respondent an item counts as while its own is not known: every such item of a
    source counts as one person, so an unknown never makes a group look bigger."""
    return f"unresolved:{source}"[:RESPONDENT_LENGTH]


def fill_respondents(db: Session, council_id: int) -> int:
    """Store the respondent of each of the council's items that has none yet (a supervision
    learning point: its supervisee, as ``person:<id>``); how many were filled. Run with each
    theme run, so every item a published run shows has its respondent."""
    rows = db.exec(
        select(ThemeItem.id, ThemeItem.source, ThemeItem.source_ref).where(
            ThemeItem.council_id == council_id, col(ThemeItem.respondent).is_(None)
        )
    ).all()
    if not rows:
        return 0
    people = _supervisees(db, [ref for _, _, ref in rows])
    found = []
    for item_id, source, ref in rows:
        respondent = respondent_of(source, ref) or people.get(ref)
        if respondent is not None:
            found.append({"id": item_id, "respondent": respondent})
    if found:
        db.execute(update(ThemeItem), found)
    return len(found)


def _supervisees(db: Session, refs: Iterable[str]) -> dict[str, str]:
    """Supervision item reference -> ``person:<supervisee id>``. (Would sit best with the
    supervision source, as a ``respondents`` function beside ``learning_items``.)"""
    cases: dict[int, str] = {}
    sessions: dict[int, list[str]] = {}
    for ref in refs:
        if match := _CASE_REF.match(ref):
            cases[int(match.group(1))] = ref
        elif match := _SESSION_REF.match(ref):
            sessions.setdefault(int(match.group(1)), []).append(ref)
    if not cases and not sessions:
        return {}
    from learning.supervision.models import CaseDiscussion, SupervisionSession

    out: dict[str, str] = {}
    if cases:
        for case_id, person in db.exec(
            select(CaseDiscussion.id, SupervisionSession.supervisee_id)
            .join(SupervisionSession, col(SupervisionSession.id) == CaseDiscussion.session_id)
            .where(col(CaseDiscussion.id).in_(sorted(cases)))
        ):
            out[cases[int(case_id or 0)]] = f"person:{person}"
    if sessions:
        for session_id, person in db.exec(
            select(SupervisionSession.id, SupervisionSession.supervisee_id).where(
                col(SupervisionSession.id).in_(sorted(sessions))
            )
        ):
            for ref in sessions[int(session_id or 0)]:
                out[ref] = f"person:{person}"
    return out
