"""Normalising text for the safeguarding screen (pure).

Children write fast, on phones, in several languages and scripts: the screen matches phrases
against a normalised form of what they wrote, never the raw text. Two forms are produced:

- the plain form: Unicode NFKC, lower case, apostrophes dropped ("don't" -> "dont"), accents
  and Arabic vowel marks removed ("boję się" -> "boje sie", "أ" -> "ا"), anything that is not a
  letter or digit turned into a space;
- the expanded form: the plain form with text-speak and common misspellings spelt out
  ("im scard cuz" -> "i am scared because", "wanna" -> "want to", "k1ll" -> "kill").

To explain a flag, each word of both forms can be traced back to the stretch of the text it
came from (``traced_plain_words``, ``traced_expanded_words``).

Both are then reduced to a skeleton in which every run of one repeated character is one
letter ("sooo scaaared" -> "so scared", "kill" -> "kil"); phrases are reduced the same way,
so doubled or tripled letters never matter.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from learning.feedback.screen_spelling import EMOJI, LEET, PHRASE_SWAPS, WORD_SWAPS

_APOSTROPHES = dict.fromkeys(map(ord, "'’‘ʼ`´′ʻ‛"), None)
_LETTER_FIXES = str.maketrans(
    {
        "ł": "l",  # Polish l with stroke has no decomposition
        "ø": "o",
        "đ": "d",
        "ı": "i",
        "ة": "ه",  # Arabic ta marbuta
        "ى": "ي",  # alef maqsura
        "ی": "ي",  # Persian yeh, often typed on Arabic keyboards
        "ک": "ك",
        "ـ": None,  # tatweel (stretching)
    }
)
_REPEATS = re.compile(r"([^\W\d_])\1+")
#: In ASCII text, once lower case and without apostrophes, what is not a word's letter or
#: digit (as ``str.isalnum`` has it for ASCII).
_ASCII_NON_WORD = re.compile(r"[^a-z0-9]+")
#: The first words of the phrase swaps (each two words: see expanded_words).
_PHRASE_STARTS = frozenset(phrase.split()[0] for phrase in PHRASE_SWAPS)


def plain_words(text: str) -> list[str]:
    """Words of the plain form (see the module docstring)."""
    if text.isascii():  # most feedback: no emoji, accents or other scripts to undo
        return ascii_plain_words(text)
    return any_plain_words(text)


def ascii_plain_words(text: str) -> list[str]:
    """``any_plain_words`` for ASCII text, in a fifth of the time."""
    return _ASCII_NON_WORD.sub(" ", text.casefold().translate(_APOSTROPHES)).split()


def any_plain_words(text: str) -> list[str]:
    for symbol, word in EMOJI.items():
        if symbol in text:
            text = text.replace(symbol, f" {word} ")
    text = unicodedata.normalize("NFKC", text).casefold().translate(_APOSTROPHES)
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    text = unicodedata.normalize("NFC", text).translate(_LETTER_FIXES)
    return "".join(ch if ch.isalnum() else " " for ch in text).split()


def expanded_words(words: list[str]) -> list[str]:
    """Text-speak and misspellings spelt out, word by word and then phrase by phrase."""
    out: list[str] = []
    for word in words:
        if word not in WORD_SWAPS:
            word = _unleet(word)
        out.append(WORD_SWAPS.get(word, word))
    spelt = " ".join(out).split()  # a swap may spell one word out as two ("im": "i am")
    if _PHRASE_STARTS.isdisjoint(spelt):  # most text: no word a phrase swap starts with
        return spelt
    swapped: list[str] = []
    at = 0
    while at < len(spelt):  # each phrase is two words: swapped from the left, no overlaps
        pair = " ".join(spelt[at : at + 2])
        if pair in PHRASE_SWAPS:
            swapped.append(PHRASE_SWAPS[pair])
            at += 2
        else:
            swapped.append(spelt[at])
            at += 1
    return swapped


def skeleton(text: str) -> str:
    """Every run of one repeated letter as one letter (digits stay: "999")."""
    return _REPEATS.sub(r"\1", text)


def forms(text: str) -> tuple[str, str]:
    """The plain and expanded skeletons of a text, words separated by single spaces."""
    words = plain_words(text)
    plain = skeleton(" ".join(words))
    expanded = expanded_words(words)
    return plain, plain if expanded == words else skeleton(" ".join(expanded))


def _unleet(word: str) -> str:
    """'k1ll' -> 'kill', 's3x' -> 'sex': digits inside a word that also has letters."""
    if word.isdigit() or word.isalpha() or not any(ch.isalpha() for ch in word):
        return word
    return word.translate(LEET)


@dataclass(frozen=True)
class Traced:
    """A word of a normalised form and the stretch of the text it came from."""

    word: str
    start: int
    end: int


def traced_plain_words(text: str) -> list[Traced] | None:
    """``plain_words`` with each word's place in the text: the run of characters that made
    it. None in the rare text whose words cannot be traced one run at a time (then the
    flag is explained without places)."""
    traced: list[Traced] = []
    for start, end in _word_runs(text):
        run = text[start:end]
        traced.extend(Traced(word, start, end) for word in any_plain_words(run))
    if [t.word for t in traced] != plain_words(text):
        return None
    return traced


def traced_expanded_words(plain: list[Traced]) -> list[Traced]:
    """``expanded_words`` with each word's place: a spelt-out word keeps its source's, and
    a phrase swapped for two words spans both."""
    spelt: list[Traced] = []
    for source in plain:
        word = source.word if source.word in WORD_SWAPS else _unleet(source.word)
        spelt.extend(
            Traced(part, source.start, source.end) for part in WORD_SWAPS.get(word, word).split()
        )
    swapped: list[Traced] = []
    at = 0
    while at < len(spelt):
        pair = " ".join(t.word for t in spelt[at : at + 2])
        if pair in PHRASE_SWAPS:
            first, last = spelt[at], spelt[at + 1]
            swapped.extend(
                Traced(part, first.start, last.end) for part in PHRASE_SWAPS[pair].split()
            )
            at += 2
        else:
            swapped.append(spelt[at])
            at += 1
    return swapped


def _word_runs(text: str) -> list[tuple[int, int]]:
    """Where each run of word characters (and the apostrophes and accents inside words)
    starts and ends; an emoji the screen spells out is a run of its own."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    at = 0
    while at < len(text):
        symbol = next((s for s in EMOJI if text.startswith(s, at)), None)
        if symbol is None and _in_word(text[at]):
            start = at if start is None else start
            at += 1
            continue
        if start is not None:
            runs.append((start, at))
            start = None
        if symbol is not None:
            runs.append((at, at + len(symbol)))
            at += len(symbol)
        else:
            at += 1
    if start is not None:
        runs.append((start, len(text)))
    return runs


def _in_word(ch: str) -> bool:
    if ch.isascii():
        return ch.isalnum() or ch in "'`"
    return ord(ch) in _APOSTROPHES or unicodedata.combining(ch) > 0 or bool(any_plain_words(ch))
