"""More words around a name in lower case that point to a person.

:mod:`learning.themes.redact_case` takes a word in lower case (or in capitals among lower-case
words) that is on no list as a name only where the words around it point to a person. This
module adds cues it lacked, for words in lower case only (a word in capitals after them is
more often an abbreviation or a brand: "about UCAS", "because of COVID"); each still asks that
the word be no ordinary English word, shaped like a name and no misspelling, as
:mod:`learning.themes.redact_case` checks:

- words before that point to a person: "because of tymon", "cos of ruairi", "scared of
  grzegorz", "about" after a person or a worry ("nobody believes me about kaidyn", "worried
  about taytum", not "information about ..."), "why does khalil", a role the lists lack ("my
  advocate llinos", "the interpreter nour"), "thank you cathal"; but not before a place word
  ("thank you bonnard ward");
- a verb after a word that starts a sentence or a clause (after "then", "i think", "why", not
  "and"): a past tense before what follows a verb ("kobi started it", "ilinca cried all night",
  not "turbo charged cars"), a verb in "-s" before a person or "at" ("hywel hates me", "zosia
  laughs at me", not "comfier chairs for parents"), or an adverb between a subject and its
  verb ("kobi just ...");
- a comma of address: a word starting a sentence before a comma and "thank you", "you",
  "please", "sorry", ... ("cathal, thank you for everything"), or after a comma at the end of a
  sentence that thanks, greets or misses someone ("thank you for everything, sorcha");
- a first name that is also a word, in lower case, between a role or "me and" and a verb: "the
  duty social worker temperance never rang me back", "me and jade went to town" (not names
  common as words in any case: "will", "may", "guy", ...).

Used by :mod:`learning.themes.redact_case` and :mod:`learning.themes.redact_name_rules`.
"""

from __future__ import annotations

import re
from typing import Final

from learning.themes.redact_names import (
    BE_VERBS,
    CUE_WORDS,
    PERSON_VERBS,
    PLACE_WORDS,
    STRONG_WORDS,
    TITLES,
    is_ordinary_word,
)
from learning.themes.redact_words import NEXT_TOKEN, prev_word, sentence_start

_BECAUSE: Final = frozenset(
    ("because", "becuase", "becasue", "beacuse", "becos", "becoz", "becuz", "cos", "coz", "cuz",
     "cus", "bc", "bcos", "bcoz", "bcuz", "bcz")
)  # fmt: skip
_FEELING_OF: Final = frozenset(
    ("scared", "scard", "afraid", "frightened", "terrified", "jealous", "proud", "wary", "fond")
)
# Words before "about" when it is about a person: "believes me about", "worried about",
# "anything about"; not "information about", "talk about", "a comment about".
_ABOUT_A_PERSON: Final = frozenset(
    ("me", "us", "him", "her", "them", "worried", "worry", "worrying", "worries", "thinking",
     "think", "thought", "forget", "forgot", "care", "cares", "cared", "upset", "asked", "ask",
     "asking", "asks", "told", "tell", "telling", "tells", "lied", "lying", "lies", "believe",
     "believes", "believed", "listened", "listen", "listens", "what", "how", "fussed",
     "bothered", "sad", "angry", "mad", "annoyed", "scared", "concerned", "anything",
     "nothing", "something", "everything", "news", "heard", "hear", "dream", "dreamt")
)  # fmt: skip
_QUESTION_AUX: Final = frozenset(
    ("does", "did", "do", "is", "was", "has", "can", "will", "doesnt", "didnt", "isnt", "wasnt",
     "cant", "wont", "doesn't", "didn't", "isn't", "wasn't", "can't", "won't")
)  # fmt: skip
ROLE_WORDS: Final = frozenset(
    ("advocate", "befriender", "chaperone", "classmate", "driver", "escort", "fiance",
     "fiancee", "flatmate", "guardian", "housemate", "interpreter", "mentor", "neighbour",
     "receptionist", "roommate", "stepbrother", "stepsister", "supervisor")
)  # fmt: skip
"""Roles besides ``CUE_WORDS`` after which a word in lower case on no list is a name ("my
advocate llinos"); not for capitalised words, which they often head ("Guardian Angels")."""
_PAST_FORMS: Final = frozenset(
    ("broke", "stole", "threw", "ran", "swore", "hid", "fell", "made", "ate", "wrote", "tore",
     "beat", "caught", "brought", "bought", "sent", "spent", "lost", "won", "woke", "stood",
     "shook", "stuck", "spat", "fought", "slept", "forgot", "found", "held", "heard", "meant",
     "paid", "rode", "sold", "sang", "swam", "wore", "understood", "bit", "hurt", "chose",
     "drank", "drew", "flew", "grew")
)  # fmt: skip
_NOT_PAST: Final = frozenset(
    ("hundred", "kindred", "sacred", "naked", "wicked", "ragged", "rugged", "beloved", "crooked",
     "jagged", "wretched")
)  # fmt: skip
_BETWEEN_SUBJECT_AND_VERB: Final = frozenset(
    ("just", "still", "literally", "actually", "also", "even", "really", "sometimes", "usually",
     "often", "constantly", "basically", "already", "hasnt", "hadnt")
)  # fmt: skip
# What follows a past tense rather than an adjective ("kobi started it", "ilinca cried all
# night", not "turbo charged cars"), and a verb in "-s" rather than a plural ("hywel hates me",
# "zosia laughs at me", not "comfier chairs for parents").
_AFTER_A_PAST: Final = frozenset(
    ("me", "us", "him", "her", "them", "everyone", "everybody", "people", "my", "our", "his",
     "their", "your", "the", "a", "an", "this", "that", "it", "all", "at", "about", "on", "to",
     "off", "up", "out", "away", "back", "over", "down", "with", "into", "in", "when",
     "whenever", "every", "loads", "so", "too", "more", "again", "and", "but", "because", "cos",
     "for", "like", "yesterday", "today", "last", "everything", "nothing", "something", "i",
     "we")
)  # fmt: skip
_AFTER_AN_S_VERB: Final = frozenset(
    ("me", "us", "him", "her", "them", "everyone", "everybody", "my", "our", "his", "their",
     "your", "it", "at")
)  # fmt: skip
_BEFORE_AN_ING: Final = frozenset(
    ("started", "stopped", "kept", "keeps", "began", "starts", "stops", "went", "came", "goes")
)  # fmt: skip
_ADDRESS_NEXT: Final = frozenset(
    ("thank", "thanks", "thankyou", "thanx", "ty", "you", "u", "your", "ur", "youre", "you're",
     "please", "pls", "plz", "sorry", "soz", "love", "miss", "cheers", "hi", "hiya", "hello",
     "hey")
)  # fmt: skip
# A word before these names a place or a service, not a person ("thank you bonnard ward").
_PLACE_AFTER: Final = PLACE_WORDS | frozenset(
    ("county", "council", "city", "borough", "district", "team", "teams", "hub", "nhs")
)
_ADDRESS_BEFORE: Final = frozenset(
    ("thank", "thanks", "thankyou", "thanx", "ty", "you", "u", "love", "miss", "cheers", "sorry",
     "soz", "hi", "hiya", "hello", "hey", "bye", "night", "morning", "done")
)  # fmt: skip
_CLOSING = re.compile(r"[ \t]*(?:x{1,6}\b)?[^\w\n]*(?:[.!?\n]|\Z)", re.IGNORECASE)
_SENTENCE_BEFORE = re.compile(r"[^.!?\n]{0,80}\Z")
_WORDS = re.compile(r"[a-z']+")
_COMMON_AS_WORDS: Final = frozenset(
    ("guy", "bud", "buddy", "sunny", "honey", "lance", "mal", "les", "don", "chance", "grant")
)  # fmt: skip


def _word_before(text: str, start: int) -> tuple[str, int] | None:
    """The word just before ``start`` across one space, lower-cased, and where it starts."""
    prev = prev_word(text, start)
    if prev is None or prev[1] != " ":
        return None
    return prev[0].lower(), start - 1 - len(prev[0])


def pointed_to(text: str, start: int, end: int) -> bool:
    """Words before that point to a person: "because of X", "cos of X", "scared of X",
    "believes me about X", "why does X", "my advocate X", "thank you X" (not before "ward",
    "team", "county", ...: "thank you bonnard ward")."""
    prev = _word_before(text, start)
    if prev is None:
        return False
    word, word_start = prev
    if word in ROLE_WORDS or word in ("thankyou", "ty"):
        cue = True
    elif word not in ("of", "about", "you", "u") and word not in _QUESTION_AUX:
        return False
    else:
        before = _word_before(text, word_start)
        if before is None:
            return False
        if word == "of":
            cue = before[0] in _BECAUSE or before[0] in _FEELING_OF
        elif word == "about":
            cue = before[0] in _ABOUT_A_PERSON
        elif word in ("you", "u"):
            cue = before[0] in ("thank", "thanks")
        else:
            cue = before[0] == "why"
    if not cue:
        return False
    nxt = NEXT_TOKEN.match(text, end)
    return nxt is None or nxt.group(1).lower() not in _PLACE_AFTER


def a_verb(key: str, after_key: str) -> bool:
    """Whether ``key``, after a word that starts a clause, is its verb (besides the verbs that
    :mod:`learning.themes.redact_case` lists): a past tense, or a verb in "-s", before what
    follows a verb (``after_key``: a person, a preposition, an "-ing"; not the end of the
    text, so "kobi cried." is not taken), or an adverb between a subject and its verb."""
    if key in _BETWEEN_SUBJECT_AND_VERB:
        return True
    if key in _BEFORE_AN_ING and len(after_key) > 4 and after_key.endswith("ing"):
        return True  # "johnjoe started crying"
    if key.endswith("s"):
        return (
            after_key in _AFTER_AN_S_VERB
            and len(key) >= 4
            and not key.endswith("ss")
            and is_ordinary_word(key)
        )
    if after_key not in _AFTER_A_PAST:
        return False
    return key in _PAST_FORMS or (
        key.endswith("ed")
        and len(key) >= 5
        and not key.endswith("eed")
        and key not in _NOT_PAST
        and is_ordinary_word(key)
    )


def addressed(text: str, start: int, end: int) -> bool:
    """A comma of address: "X, thank you ..." at the start of a sentence, or "... thank you,
    X" at its end."""
    if text.startswith(", ", end):
        if not sentence_start(text, start):
            return False
        nxt = NEXT_TOKEN.match(text, end + 1)
        return nxt is not None and nxt.group(1).lower() in _ADDRESS_NEXT
    if start < 2 or text[start - 2 : start] != ", " or not _CLOSING.match(text, end):
        return False
    before = _SENTENCE_BEFORE.search(text, 0, start - 2)
    clause = before.group().lower() if before is not None else ""
    return any(w in _ADDRESS_BEFORE for w in _WORDS.findall(clause))


def person_before(text: str, start: int) -> bool:
    """A role or a title just before ("the duty social worker X", "my mate X", "aunty X") or
    "me and"."""
    prev = _word_before(text, start)
    if prev is None:
        return False
    word, word_start = prev
    if word in CUE_WORDS or word in ROLE_WORDS or word in TITLES:
        return word not in ("called", "named", "dear", "aka")  # handled as names elsewhere
    if word not in ("and", "n"):
        return False
    before = _word_before(text, word_start)
    return before is not None and before[0] == "me"


def first_name_word_in_lower_case(text: str, start: int, end: int, key: str) -> bool:
    """A first name that is also a word, in lower case, between a role or "me and" and a verb:
    "the social worker temperance never rang", "me and jade went"; names of two letters
    common as words elsewhere count there too ("my sw mo never helps", not "wait a mo")."""
    if (key in STRONG_WORDS and len(key) > 2) or key in _COMMON_AS_WORDS:
        return False
    return _before_a_verb_after_a_person(text, start, end)


_NOT_SHORT_NAMES: Final = frozenset(
    ("ah", "aw", "ay", "da", "de", "eh", "er", "ex", "ey", "go", "ha", "ho", "hm", "la", "le",
     "ma", "oh", "oi", "ok", "oo", "ow", "pa", "uh", "um", "ur", "ye", "yo")
)  # fmt: skip


def short_name_in_lower_case(text: str, start: int, end: int, key: str) -> bool:
    """A word of two letters on no list, in lower case, between a role or "me and" and a verb
    ("my brother ty is always kicking off"); not a sound or a particle ("oh", "de")."""
    return (
        key not in _NOT_SHORT_NAMES
        and any(c in "aeiouy" for c in key)
        and _before_a_verb_after_a_person(text, start, end)
    )


def _before_a_verb_after_a_person(text: str, start: int, end: int) -> bool:
    nxt = NEXT_TOKEN.match(text, end)
    if nxt is None or not person_before(text, start):
        return False
    after = NEXT_TOKEN.match(text, nxt.end())
    nkey = nxt.group(1).lower()
    after_key = after.group(1).lower() if after is not None else ""
    return nkey in PERSON_VERBS or nkey in BE_VERBS or a_verb(nkey, after_key)
