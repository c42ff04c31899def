"""The words of a text as the name rules of the redaction read them.

A word is a run of letters with up to four apostrophes or hyphens inside it ("O'Brien",
"Maisy-Rose"). This module holds what :mod:`learning.themes.redact_name_rules` and
:mod:`learning.themes.redact_case` share: the patterns that find a word and the words next to
it, a word's lookup key (lower case, without a possessive "'s"), and what the word lists of
:mod:`learning.themes.redact_names` say a word can be (a first name, a surname, a title, a
cue) or whether it is a listed word that is never a name.
"""

from __future__ import annotations

import functools
import re
from typing import Final

from learning.themes.redact_names import (
    ACRONYMS,
    AMBIGUOUS_FIRST_NAMES,
    CUE_WORDS,
    FIRST_NAMES,
    NATIONALITIES,
    NOT_NAMES,
    ORDINARY_SURNAMES,
    PERSON_VERBS,
    PLACE_WORDS,
    SURNAMES,
    TITLES,
    is_ordinary_word,
)

WORD = r"[^\W\d_]+(?:['\u2019\-][^\W\d_]+){0,4}"
TOKEN = re.compile(WORD)
NEXT_TOKEN = re.compile(r"[ \t\u00a0]{1,3}(" + WORD + r")")
PREV_TOKEN = re.compile(r"(" + WORD + r")([^\w]{0,6})\Z")
_PREV_TOKEN_REVERSED = re.compile(r"([^\w]{0,6})(" + WORD + r")")  # WORD is its own mirror

DISTINCT_SURNAMES: Final = SURNAMES - ORDINARY_SURNAMES
DISTINCT_FIRST_NAMES: Final = FIRST_NAMES - AMBIGUOUS_FIRST_NAMES

# What a lower-cased word can be or start: one dictionary lookup per word of the text.
F_FIRST, F_AMBIGUOUS, F_SURNAME, F_CUE, F_TITLE, F_NAME_WORD = 1, 2, 4, 8, 16, 32


def _build_lookup() -> dict[str, int]:
    lookup: dict[str, int] = {}
    for flag, words in (
        (F_FIRST, DISTINCT_FIRST_NAMES),
        (F_AMBIGUOUS, AMBIGUOUS_FIRST_NAMES),
        (F_SURNAME, DISTINCT_SURNAMES),
        (F_CUE, CUE_WORDS),
        (F_TITLE, TITLES),
        (
            F_NAME_WORD,
            frozenset(
                ("name", "names", "known", "call", "calls", "calling", "nickname", "nicknames")
            ),
        ),
    ):
        for word in words:
            lookup[word] = lookup.get(word, 0) | flag
    return lookup


LOOKUP: Final = _build_lookup()


def lookup_key(word: str) -> tuple[str, int]:
    """Lower-case lookup key and length, without a possessive 's."""
    key = word.lower()
    if "\u2019" in key:
        key = key.replace("\u2019", "'")
    if len(key) > 3 and key.endswith("'s"):
        return key[:-2], len(word) - 2
    return key, len(word)


def word_flags(key: str) -> int:
    """What lower-case ``key`` can be or start (``F_FIRST`` | ``F_SURNAME`` | ...), 0 if
    nothing; a hyphenated word takes a first name or a surname among its parts."""
    flags = LOOKUP.get(key, 0)
    if not flags and "-" in key:
        parts = key.split("-")
        for part in parts:
            flags |= LOOKUP.get(part, 0) & (F_FIRST | F_SURNAME)
        if not flags and any(p in AMBIGUOUS_FIRST_NAMES for p in parts):
            others = [p for p in parts if p not in AMBIGUOUS_FIRST_NAMES]
            if others and all(len(p) > 2 and not listed(p) for p in others):
                flags = F_FIRST  # "Maisy-Rose", "kacey-jade"
    return flags


def is_title_case(word: str) -> bool:
    """A capital first letter, and not all in capitals ("Grace", not "GRACE")."""
    return word[:1].isupper() and not word.isupper()


def prev_word(text: str, start: int) -> tuple[str, str] | None:
    """The word before ``start`` and the characters between it and ``start``.

    Read backwards: the 40 characters before ``start``, reversed, matched from their start
    (what ``PREV_TOKEN`` finds searching forwards, five times faster)."""
    m = _PREV_TOKEN_REVERSED.match(text[max(0, start - 40) : start][::-1])
    if m is None:
        return None
    return m.group(2)[::-1], m.group(1)[::-1]


def sentence_start(text: str, start: int) -> bool:
    """Whether ``start`` begins the text or follows ".", "!", "?", ":", ";" or a line break
    (quotes and an opening bracket between them are skipped)."""
    before = text[max(0, start - 4) : start].rstrip(" \t\u00a0\"'\u201c\u2018(")
    return not before or before[-1] in ".!?:;\n"


_CONTRACTION = re.compile(r"(?:n't|'ll|'ve|'re|'d|'m)\Z")


@functools.lru_cache(maxsize=4096)
def listed(key: str) -> bool:
    """Whether lower-case ``key`` is an ordinary word, an abbreviation or a word that is never
    a name, or is made of them ("self-harm", "dosen't")."""
    if (
        is_ordinary_word(key)
        or key in NOT_NAMES
        or key in ACRONYMS
        or key in NATIONALITIES
        or key in PLACE_WORDS
        or key in PERSON_VERBS
    ):
        return True
    if "-" in key or "'" in key:
        if _CONTRACTION.search(key):
            return True  # "dosen't", "shud've"
        parts = [p for p in re.split(r"['\-]", key) if len(p) >= 3]
        return not parts or any(listed(p) for p in parts)
    return False
