"""Names written in capitals or in lower case, for the redaction's name rules.

A word on no list is a name when capitalised ("Wojciech"); in capitals or in lower case it
needs more. In a run of shouting ("I HATE IT HERE WOJCIECH NEVER LISTENS") each word is judged
as if written in lower case; elsewhere a word in capitals is more often an abbreviation
("CPN", "SEPA") and a lower-case word a slip of spelling, so each is taken as a name only
where the words around it point to a person ("me and kacper", "my sw OLUWADAMILOLA",
"wojciech said", "deshawn's mum"; for lower case also the cues of
:mod:`learning.themes.redact_cues`: "because of tymon", "kobi started it", "cathal, thank
you"). Either way the word must be on no list, shaped like a name (a vowel, no run of
consonants an abbreviation has), and not an ordinary word misspelt as children do ("becuase",
"placment", "bullyed", "sooo") or run together ("anymore"). Words in lower case or capitals
joined to a name by "and" or a comma are names too ("keanu and leland").

Used by :mod:`learning.themes.redact_name_rules`.
"""

from __future__ import annotations

import functools
import re
from typing import Final

from learning.themes.redact_cues import a_verb, addressed, pointed_to
from learning.themes.redact_names import (
    ACRONYMS,
    BE_VERBS,
    CUE_WORDS,
    NOT_NAMES,
    OBJECT_VERBS,
    ORDINARY_WORDS,
    PERSON_VERBS,
    TITLES,
    is_ordinary_word,
)
from learning.themes.redact_words import (
    NEXT_TOKEN,
    TOKEN,
    WORD,
    listed,
    lookup_key,
    prev_word,
    sentence_start,
    word_flags,
)

_CONSONANT_RUN = re.compile(r"[b-df-hj-np-tv-xz]{4}|[b-df-hj-np-tv-xz]{3}\Z")
_DRAWN_OUT = re.compile(r"(.)\1\1+")
_WEB_PART = re.compile(r"[@_/]|\.(?:com|co|uk|org|net|gov|nhs|ac|io|me|ie)\b")
_LETTERS: Final = "abcdefghijklmnopqrstuvwxyz"
_PARTICLES: Final = frozenset(("up", "out", "off"))
_QUANTIFIERS: Final = frozenset(("any", "every", "some"))
_Y_ENDINGS: Final = (("yed", "ied"), ("yer", "ier"), ("yest", "iest"), ("ys", "ies"))
_SUBJECT_AFTER: Final = frozenset(
    ("and", "but", "then", "because", "cos", "coz", "cuz", "when", "if", "that", "so", "until",
     "before", "after", "while", "think", "thought", "reckon", "know", "knew", "says", "said",
     "why")
)  # fmt: skip
_SEEN_VERBS: Final = frozenset(
    ("see", "saw", "seeing", "seen", "miss", "missed", "missing", "misses", "visit", "visited",
     "visiting", "visits", "hug", "hugged", "trust", "blame", "blamed", "thanks",
     "thankyou", "thx", "cheers", "hi", "hiya", "hey", "hello", "bye")
)  # fmt: skip
_TO_PERSON: Final = frozenset(
    ("listen", "listens", "listened", "listening", "thanks", "you", "said", "says", "sorry",
     "close", "nice", "kind", "mean", "rude", "married", "engaged", "related", "next")
)  # fmt: skip
_AFTER_A_SUBJECT: Final = frozenset(
    ("are", "were", "can", "cant", "can't", "could", "couldnt", "couldn't", "will", "wont",
     "won't", "would", "wouldnt", "wouldn't", "should", "does", "doesnt", "doesn't", "did",
     "didnt", "didn't", "dont", "don't", "always")
)  # fmt: skip
_BEFORE_PAIRED: Final = frozenset(("and", "n", "to", "with", "is", "was"))
_WITH_A_CONDITION: Final = frozenset(
    ("diagnosed", "diagnosis", "problem", "problems", "issue", "issues", "dealt", "deal",
     "dealing", "cope", "coping", "struggle", "struggles", "struggling", "suffer", "suffers",
     "suffered", "suffering", "complaint", "complaints", "treated", "treatment", "associated",
     "familiar", "disorder", "condition", "conditions", "admitted", "presented", "infected",
     "help", "helped", "helping", "helps")
)  # fmt: skip
# Verbs after which "to", "for" or "with" points to a person ("spoke to", "asked for"); the
# rules for first names that are also words use them too.
TO_VERBS: Final = frozenset(
    ("spoke", "speak", "speaking", "talked", "talk", "talking", "ask", "asked", "wrote", "write",
     "listened", "listen", "talks", "speaks")
)  # fmt: skip


def _name_shaped(key: str) -> bool:
    """A vowel, and no run of consonants that only abbreviations have ("CAHMS", "MDT")."""
    has_vowel = any(c in "aeiouy" or not c.isascii() for c in key)
    return has_vowel and _CONSONANT_RUN.search(key) is None


def _known_word(word: str) -> bool:
    return (
        word in ORDINARY_WORDS
        or word in NOT_NAMES
        or (word.endswith("s") and word[:-1] in ORDINARY_WORDS)
    )


def _misspelt(key: str) -> bool:
    """Whether ``key`` is an ordinary word drawn out ("sooo"), with two letters swapped
    ("becuase"), one letter left out ("placment") or a "y" kept ("bullyed", "activitys").

    A letter too many or a letter changed is not tried: a name is too often a word with one
    letter more or another ("tyrese", "harlow")."""
    if _DRAWN_OUT.search(key):
        return any(_known_word(_DRAWN_OUT.sub(r, key)) for r in (r"\1", r"\1\1"))
    if not key.isascii():
        return False
    for ending, fixed in _Y_ENDINGS:
        if key.endswith(ending) and is_ordinary_word(key[: -len(ending)] + fixed):
            return True
    for i in range(len(key) - 1):
        if _known_word(key[:i] + key[i + 1] + key[i] + key[i + 2 :]):
            return True
    return any(_known_word(key[:i] + c + key[i:]) for i in range(len(key) + 1) for c in _LETTERS)


def _compound(key: str) -> bool:
    """Two ordinary words run together ("anymore", "playgroup", "topup"): each of four letters
    or more, or "any", "every", "some" before, or "up", "out", "off" after. ("in" and "on" make
    too many names: "justin", "brandon".)"""
    for i in range(3, len(key) - 1):
        first, rest = key[:i], key[i:]
        if first not in ORDINARY_WORDS:
            continue
        if rest in _PARTICLES or (
            (i >= 4 or first in _QUANTIFIERS) and len(rest) >= 4 and _known_word(rest)
        ):
            return True
    return False


@functools.lru_cache(maxsize=4096)
def _unlike_a_name(key: str) -> bool:
    """Whether lower-case ``key``, on no list, is shaped unlike a name or is an ordinary word
    misspelt or run together with another. The parts of a hyphenated word are only checked
    for their shape: a word none of whose parts is listed is more often a name ("ty-rese",
    "kacey-leigh") than a misspelling, though a part may be one letter off a word ("rese")."""
    if "-" in key:
        return any(
            not _name_shaped(p) or ("'" in p and _unlike_a_name(p))
            for p in key.split("-")
            if len(p) >= 3
        )
    if "'" in key:
        return any(_unlike_a_name(p) for p in key.split("'") if len(p) >= 3)
    return not _name_shaped(key) or _misspelt(key) or _compound(key)


def unlisted_name_shaped(key: str) -> bool:
    """Whether lower-case ``key`` is on no list and shaped like a name, not an ordinary word
    misspelt or run together ("penair", "treviglas"; not "secondry", "anymore")."""
    return len(key) > 2 and not listed(key) and not word_flags(key) and not _unlike_a_name(key)


def _shouting(text: str, start: int, end: int) -> bool:
    """Whether the words on either side are mostly in capitals, and mostly ordinary ones."""
    before = [m.group() for m in TOKEN.finditer(text, max(0, start - 48), start)][-3:]
    after = [m.group() for m in TOKEN.finditer(text, end, end + 48)][:3]
    capitals = ordinary = other = 0
    for word in before + after:
        if len(word) < 2:
            continue  # "I", "A"
        if not word.isupper():
            other += 1
            continue
        capitals += 1
        key, _ = lookup_key(word)
        if is_ordinary_word(key) or key in NOT_NAMES or key in ACRONYMS:
            ordinary += 1
    return 2 * ordinary > capitals and capitals > other


def before_is_person_cue(text: str, start: int) -> bool:
    """A word before that points to a person: "my friend X", "dr X", "told X", "with X",
    "miss X", "me and X", "me, X", "listens to X", "my worker is X"."""
    prev = prev_word(text, start)
    if prev is None or prev[1] not in (" ", ", "):
        return False
    word, gap = prev
    key = word.lower()
    if key in CUE_WORDS:
        return True  # "my mate lorcan", "the manager, GRAZYNA,"
    if gap == ", ":
        return key == "me"
    if key in OBJECT_VERBS or key in _SEEN_VERBS or key in TITLES:
        return True
    if key not in _BEFORE_PAIRED:
        return False
    before = prev_word(text, start - 1 - len(word))
    other = before[0].lower() if before is not None and before[1] == " " else ""
    if key == "with":
        return other not in _WITH_A_CONDITION  # "diagnosed with sepsis"
    if key in ("and", "n"):
        return other in ("me", "i")
    if key in ("is", "was"):
        return other in CUE_WORDS  # "my support worker is zenon"
    return other in TO_VERBS or other in _TO_PERSON


def _after_is_person_cue(text: str, start: int, end: int) -> bool:
    """A word after that points to a person: "X and me", and at the start of a sentence or
    clause "X said", "X is", "X cant"."""
    nxt = NEXT_TOKEN.match(text, end)
    if nxt is None or not nxt.group().startswith(" "):
        return False
    key = nxt.group(1).lower()
    after = NEXT_TOKEN.match(text, nxt.end())
    after_key = after.group(1).lower() if after is not None else ""
    prev = prev_word(text, start)
    opener = prev[0].lower() if prev is not None and prev[1] in (" ", ", ") else ""
    if not (sentence_start(text, start) or opener in _SUBJECT_AFTER):
        return False
    if key in ("and", "n"):
        return after_key in ("me", "i", "her", "his")  # "aurelija and her mum"
    if key in PERSON_VERBS or key in BE_VERBS or key in _AFTER_A_SUBJECT:
        return True
    # "kobi started it", "hywel hates me"; not "tractors and turbo charged cars"
    return text[start:end].islower() and opener != "and" and a_verb(key, after_key)


def unknown_in_capitals_or_lower_case(text: str, m: re.Match[str], key: str, length: int) -> bool:
    """A word in capitals or in lower case on no list, taken as a name here (see the module
    docstring)."""
    word = m.group()
    upper = word.isupper()
    start, end = m.start(), m.start() + length
    if _WEB_PART.match(text, end) or (start and text[start - 1] in "./@_"):
        return False  # "gov.uk", "www.tamarside"
    if not (upper and _shouting(text, start, end)):
        if upper and length < 4:
            return False  # "QMC", "ENT" among lower-case words
        if not (
            length != len(word)  # "deshawn's mum"
            or before_is_person_cue(text, start)
            or _after_is_person_cue(text, start, end)
            or (word.islower() and (pointed_to(text, start, end) or addressed(text, start, end)))
        ):  # "because of tymon", "about kaidyn", "cathal, thank you": not "about UCAS"
            return False
    return not _unlike_a_name(key)


_JOIN_AFTER = re.compile(r"(?:,|[ ]and|[ ]n|[ ]&)[ ]")
_NEXT_WORD = re.compile(r"(" + WORD + r")")


def _joinable(word: str) -> bool:
    """A word in lower case or capitals on no list, shaped like a name."""
    if not (word.islower() or word.isupper()):
        return False
    key, length = lookup_key(word)
    return (
        length > 2
        and key not in ORDINARY_WORDS
        and not word_flags(key)
        and not listed(key)
        and not _unlike_a_name(key)
    )


def _joined_before(text: str, start: int) -> tuple[int, str] | None:
    """The word joined by a comma, "and", "n" or "&" to the word at ``start``, and its start."""
    prev = prev_word(text, start)
    if prev is None:
        return None
    word, gap = prev
    if gap in (", ", " & "):
        return start - len(gap) - len(word), word
    if gap != " " or word.lower() not in ("and", "n"):
        return None
    before = prev_word(text, start - 1 - len(word))
    if before is None or before[1] != " ":
        return None
    return start - 2 - len(word) - len(before[0]), before[0]


def names_beside(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Words in lower case or capitals on no list joined to a name by "and" or a comma:
    "keanu and leland", "jaylah, mia and me", "TYMON AND JAYLAH"."""
    found: list[tuple[int, int]] = []
    todo = list(spans)
    seen = set(spans)
    while todo and len(found) < 50:
        start, end = todo.pop()
        joined: list[tuple[int, str]] = []
        join = _JOIN_AFTER.match(text, end)
        nxt = _NEXT_WORD.match(text, join.end()) if join is not None else None
        if nxt is not None:
            joined.append((nxt.start(), nxt.group()))
        before = _joined_before(text, start)
        if before is not None:
            joined.append(before)
        for word_start, word in joined:
            span = (word_start, word_start + lookup_key(word)[1])
            if span not in seen and _joinable(word):
                seen.add(span)
                found.append(span)
                todo.append(span)
    return found
