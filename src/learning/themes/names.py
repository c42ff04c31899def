"""The council's own staff names, which no general list knows, replaced by ``[name]``.

Reads the people of one council once; ``remove(text, words)`` replaces anyone's full name,
and the given ``words`` (the first and family names of the people a text is about, or the
name someone gave for contact), written as whole words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlmodel import Session, select

from learning.org.models import Person
from learning.themes.redact import placeholder


class StaffNames:
    def __init__(self, db: Session, council_id: int) -> None:
        rows = db.exec(
            select(Person.id, Person.given_name, Person.family_name).where(
                Person.council_id == council_id
            )
        ).all()
        self.parts = {pid: (given, family) for pid, given, family in rows}
        self._full = words_pattern(f"{given} {family}" for given, family in self.parts.values())

    def names_of(self, person_id: int | None) -> tuple[str, ...]:
        return self.parts.get(person_id, ()) if person_id is not None else ()

    def remove(self, text: str, words: Iterable[str] = ()) -> str:
        text = self._full.sub(placeholder("name"), text) if self._full else text
        own = words_pattern(words)
        return own.sub(placeholder("name"), text) if own else text


def words_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """Any of ``words`` as whole words, longest first, matched as written."""
    found = sorted({w.strip() for w in words if len(w.strip()) > 1}, key=len, reverse=True)
    if not found:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in found) + r")(?!\w)")
