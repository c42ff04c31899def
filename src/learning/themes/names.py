"""The council's own staff names, which no general list knows, replaced by ``[name]``.

Reads the people of one council once; ``remove(text, words)`` replaces any of their names,
and the given ``words`` (the first and family names of the people a text is about, or the
name someone gave for contact), as whole words:

- a whole name ("Kit Jory") in any case: "kit jory", "KIT JORY", "Kit Jory's";
- a first name or a surname alone, in any case ("jory", "Friggens", "MORWENNA"), unless it is
  also an ordinary word ("Kit", "Will", "May", "Ward", "Hope") or has two letters or fewer
  ("Jo"): then only with a capital ("Kit came", "WARD") and, starting a sentence, not before a
  pronoun or determiner ("Will you ring me", "May I ask", "Mark my work" stay). "my PE kit",
  "I will" stay.

Names next to each other with only spaces between become one ``[name]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlmodel import Session, select

from learning.org.models import Person
from learning.themes.redact import placeholder
from learning.themes.redact_names import (
    AMBIGUOUS_FIRST_NAMES,
    NOT_NAMES,
    ORDINARY_SURNAMES,
    is_ordinary_word,
)

_TOKEN = re.compile(r"[^\W\d_]+(?:['\u2019\-][^\W\d_]+){0,4}")
_NOT_AFTER_NAME = frozenset(
    ("i", "you", "we", "they", "he", "she", "it", "me", "my", "your", "our", "the", "a", "an",
     "this", "that", "these", "those", "us", "him", "her")
)  # fmt: skip
_STRONG, _WEAK = 1, 2


def _key(word: str) -> str:
    key = word.lower().replace("\u2019", "'")
    return key[:-2] if len(key) > 3 and key.endswith("'s") else key


def _strength(key: str) -> int:
    if (
        len(key) <= 2
        or key in AMBIGUOUS_FIRST_NAMES
        or key in ORDINARY_SURNAMES
        or key in NOT_NAMES
        or is_ordinary_word(key)
    ):
        return _WEAK
    return _STRONG


class _Index:
    """Name parts (lower case) and the pairs that make a whole name."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        self.parts: dict[str, int] = {}
        self.pairs: set[tuple[str, str]] = set()
        for given, family in names:
            words = [_key(w) for w in _TOKEN.findall(f"{given} {family}")]
            for word in words:
                if len(word) > 1 or len(words) == 1:
                    self.parts[word] = _strength(word)
            self.pairs.update(zip(words, words[1:], strict=False))

    def __bool__(self) -> bool:
        return bool(self.parts)


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 6) : start].rstrip(" \t\"'\u201c\u2018(")
    return not before or before[-1] in ".!?:;\n"


def _spans(text: str, indexes: list[_Index]) -> list[tuple[int, int]]:
    tokens: list[tuple[int, int, str, str]] = []
    for m in _TOKEN.finditer(text):
        key = _key(m.group())
        tokens.append((m.start(), m.start() + len(key), m.group(), key))  # without a final 's
    found: list[tuple[int, int]] = []
    for i, (start, end, word, key) in enumerate(tokens):
        strength = max((ix.parts.get(key, 0) for ix in indexes), default=0)
        if not strength:
            continue
        if strength == _STRONG:
            found.append((start, end))
            continue
        prev_key = tokens[i - 1][3] if i else ""
        next_key = tokens[i + 1][3] if i + 1 < len(tokens) else ""
        whole = any((prev_key, key) in ix.pairs or (key, next_key) in ix.pairs for ix in indexes)
        alone = _capitalised(word) and not (
            _sentence_start(text, start) and next_key in _NOT_AFTER_NAME
        )
        if whole or alone:
            found.append((start, end))
    return found


def _replace(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    last_end = -1
    for start, end in spans:
        if last_end >= 0 and text[last_end:start].strip(" \t") == "":
            pos = end  # next to the last name: one placeholder for both
            last_end = end
            continue
        parts.append(text[pos:start])
        parts.append(placeholder("name"))
        pos = last_end = end
    parts.append(text[pos:])
    return "".join(parts)


class StaffNames:
    def __init__(self, db: Session, council_id: int) -> None:
        rows = db.exec(
            select(Person.id, Person.given_name, Person.family_name).where(
                Person.council_id == council_id
            )
        ).all()
        self.parts = {pid: (given, family) for pid, given, family in rows}
        self._index = _Index(self.parts.values())

    def names_of(self, person_id: int | None) -> tuple[str, ...]:
        return self.parts.get(person_id, ()) if person_id is not None else ()

    def remove(self, text: str, words: Iterable[str] = ()) -> str:
        indexes = [self._index] if self._index else []
        own = _Index([(" ".join(w.strip() for w in words if w.strip()), "")])
        if own:
            indexes.append(own)
        if not indexes:
            return text
        return _replace(text, _spans(text, indexes))


def words_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """Any of ``words`` as whole words, longest first, matched as written."""
    found = sorted({w.strip() for w in words if len(w.strip()) > 1}, key=len, reverse=True)
    if not found:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in found) + r")(?!\w)")
