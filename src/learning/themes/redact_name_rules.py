"""Find people's names in free text: the name rules of :mod:`learning.themes.redact`.

``name_spans(text)`` returns the ``(start, end)`` of each name found, unsorted and possibly
overlapping; the redaction merges them and lets structured identifiers win. The rules (the
decisions are set out in :mod:`learning.themes.redact`):

- first names from the lists, in any case; first names that are also words ("Hope", "Will")
  only with a cue; distinctive surnames when capitalised, ordinary ones after a first name or
  a title; a name after a title, a role or "name is" ("Mrs Smith", "my social worker Zeph");
  "the Foster family"; dotted initials ("J.S.");
- a capitalised word on no list ("Wojciech"), and words in capitals or lower case as
  :mod:`learning.themes.redact_case` decides; a first name that is also a word, in lower case,
  between a role or "me and" and a verb, as :mod:`learning.themes.redact_cues` decides.

Words are read with :mod:`learning.themes.redact_words`; the word lists are in
:mod:`learning.themes.redact_names`.
"""

from __future__ import annotations

import re
from typing import Final

from learning.themes.redact_case import (
    TO_VERBS,
    before_is_person_cue,
    names_beside,
    unknown_in_capitals_or_lower_case,
    unlisted_name_shaped,
)
from learning.themes.redact_cues import (
    first_name_word_in_lower_case,
    person_before,
    short_name_in_lower_case,
)
from learning.themes.redact_names import (
    AMBIGUOUS_FIRST_NAMES,
    BE_VERBS,
    CAPITALISED_ONLY,
    CUE_WORDS,
    DETERMINERS,
    NATIONALITIES,
    NOT_NAMES,
    OBJECT_VERBS,
    ORDINARY_WORDS,
    PERSON_VERBS,
    PHONED_SUBJECTS,
    PLACE_WORDS,
    STRONG_WORDS,
    SURNAMES,
    is_ordinary_word,
)
from learning.themes.redact_words import (
    DISTINCT_FIRST_NAMES,
    DISTINCT_SURNAMES,
    F_AMBIGUOUS,
    F_CUE,
    F_FIRST,
    F_NAME_WORD,
    F_SURNAME,
    F_TITLE,
    LOOKUP,
    NEXT_TOKEN,
    TOKEN,
    WORD,
    is_title_case,
    listed,
    lookup_key,
    prev_word,
    sentence_start,
    word_flags,
)

_INITIALS = r"(?P<initials>(?:[A-Z]\.?[ ]{1,2}){0,2})"
_AFTER_TITLE = re.compile(r"\.?[ ]{1,2}" + _INITIALS + r"(?P<word>" + WORD + r")")
_AFTER_ROLE = re.compile(r"[ ]{0,2}[,:(\-\u2013]?[ ]{0,2}" + _INITIALS + r"(?P<word>" + WORD + r")")
_AFTER_NAME_WORD = re.compile(r"(?i:'s|\u2019s|s?[ ]{1,2}(?:is|are|as|him|her|me|them|us))\b")
_APPOSITION = re.compile(
    r"[ ]{0,2}[,(\-\u2013]?[ ]{0,2}(?i:my|our|his|her|their|the)[ ]{1,2}"
    r"(?:[a-z\-]{2,20}[ ]){0,2}(?i:" + "|".join(sorted(CUE_WORDS, key=len, reverse=True)) + r")\b"
)
_LOWER_OK_TITLES: Final = frozenset(("mr", "mrs", "ms", "mx"))
_NICKNAME_CUES: Final = frozenset(("nickname", "nicknames", "nicknamed", "nick-name"))
# After "my nickname is" any word but a small one or one that is never a name is the name.
_NICKNAME_WORD = re.compile(
    r"(?!(?:a|an|the|my|not|just|really|very|so|quite|kind|sort|weird|funny|stupid|silly"
    r"|rubbish|cool|different|something|nothing|what|that|this|because|cos|like|also|still"
    r"|now|too|mine|ok|okay|dumb|embarrassing|annoying|horrible|bad|good|nice)\Z)[a-z'\-]+"
)
_NOT_AFTER_A_MODAL_NAME: Final = frozenset(("never", "got", "gets", "left", "looks", "looked"))


def _mid_sentence_after_lower(text: str, start: int) -> bool:
    prev = prev_word(text, start)
    if prev is None:
        return False
    word, gap = prev
    return word.islower() and gap.strip(" \t\u00a0,") == "" and word not in DETERMINERS


def _surname_like(word: str, key: str, *, lowercase_context: bool) -> bool:
    if key in PLACE_WORDS:
        return False
    if word.isupper() and len(word) > 1:
        return key in SURNAMES
    if is_title_case(word):
        return key in SURNAMES or (key not in NOT_NAMES and key not in STRONG_WORDS)
    if lowercase_context and word.islower():
        return key in DISTINCT_SURNAMES or key in DISTINCT_FIRST_NAMES
    return False


def _extend_forward(text: str, end: int, *, lowercase_context: bool, limit: int = 2) -> int:
    """Take in up to ``limit`` following surname-like words."""
    for _ in range(limit):
        m = NEXT_TOKEN.match(text, end)
        if m is None:
            break
        word = m.group(1)
        key, length = lookup_key(word)
        if not _surname_like(word, key, lowercase_context=lowercase_context):
            break
        end = m.start(1) + length
        if length != len(word):  # possessive: the name ends here
            break
    return end


def _extend_backward(text: str, start: int) -> int:
    """Take in a capitalised first name or an initial just before a surname."""
    prev = prev_word(text, start)
    if prev is None:
        return start
    word, gap = prev
    if len(word) == 1 and word.isupper() and gap in (" ", ". "):
        return start - len(gap) - 1
    key = word.lower()
    if (
        gap == " "
        and is_title_case(word)
        and key not in NOT_NAMES
        and key not in STRONG_WORDS
        and "'" not in key
        and "\u2019" not in key
    ):
        return start - 1 - len(word)
    return start


def _name_after_cue(
    text: str, pos: int, *, title: str | None, lower: str = ""
) -> tuple[int, int] | None:
    """A name just after a title or a role word ending at ``pos``, as (start, end), or None.

    A word in lower case counts after "Mr", "Mrs", "Ms", "Mx"; after a word that names
    (``lower``): a word on no list shaped like a name ("unlisted": "they call me kazza", "my
    name is tyreek"), or any word but a small one ("any": "my nickname is smudge")."""
    m = (_AFTER_TITLE if title else _AFTER_ROLE).match(text, pos)
    if m is None:
        return None
    word = m.group("word")
    key, length = lookup_key(word)
    lower_case_after_title = (
        title in _LOWER_OK_TITLES
        and word.islower()
        and len(key) > 1
        and not m.group("initials")
        and not text[pos - len(title) : pos].isupper()  # "my MS problem" is not a title
    )
    flags = word_flags(key)
    known_in_capitals = word.isupper() and (
        flags & (F_FIRST | F_SURNAME) or (flags & F_AMBIGUOUS and key not in STRONG_WORDS)
    )  # "MUM WILL NEVER LISTEN" keeps "WILL"
    named_in_lower_case = (
        lower != ""
        and word.islower()
        and not m.group("initials")
        and (
            unlisted_name_shaped(key)
            or bool(flags & F_FIRST)
            or (lower == "any" and len(key) > 2 and _NICKNAME_WORD.fullmatch(key) is not None)
        )
    )
    if not (is_title_case(word) or lower_case_after_title or known_in_capitals):
        if not named_in_lower_case:
            return None
        end = m.start("word") + length
        return m.start("word"), end
    if key in NOT_NAMES and key not in AMBIGUOUS_FIRST_NAMES and key not in SURNAMES:
        return None
    if LOOKUP.get(key, 0) & (F_CUE | F_TITLE):
        return None
    end = m.start("word") + length
    if length == len(word):
        end = _extend_forward(text, end, lowercase_context=word.islower())
    return m.start("initials") if m.group("initials") else m.start("word"), end


def _called_is_phoned(text: str, start: int) -> bool:
    """Whether "called" means "phoned" here ("I called Parkway Medical"), not "named"."""
    prev = prev_word(text, start)
    return prev is not None and prev[0].lower() in PHONED_SUBJECTS


def _after_object_verb(text: str, start: int) -> bool:
    """Whether the word at ``start`` is the object of "told", "asked", "spoke to", ..."""
    prev = prev_word(text, start)
    if prev is None or prev[1] != " ":
        return False
    word = prev[0].lower()
    if word in OBJECT_VERBS:
        return True
    if word in ("to", "for", "with"):
        before = prev_word(text, start - 1 - len(prev[0]))
        return before is not None and before[0].lower() in TO_VERBS
    return False


_FAMILY_NOUN = re.compile(
    r"[ ]{1,2}(?:family|families|case|household|children|twins|kids|boys|girls|siblings)\b"
)


def _ambiguous_is_name(text: str, start: int, end: int, key: str, possessive: bool) -> bool:
    """Whether a capitalised first name that is also an ordinary word is used as a name here."""
    if _APPOSITION.match(text, end):
        return True
    if _after_object_verb(text, start):
        return True
    nxt = None if possessive else NEXT_TOKEN.match(text, end)
    if nxt is not None:
        word = nxt.group(1)
        nkey, _ = lookup_key(word)
        if nkey in PERSON_VERBS and nxt.group().startswith(" "):
            return True
        if sentence_start(text, start) and (
            (nkey in BE_VERBS and (key not in STRONG_WORDS or key == "will"))
            or (nkey == "from" and key not in STRONG_WORDS)
            or (nkey == "and" and _name_follows(text, nxt.end()))
        ):
            return True
        if is_title_case(word) and nkey in DISTINCT_SURNAMES:
            return True
        if (
            key not in STRONG_WORDS
            and is_title_case(word)
            and nkey not in NOT_NAMES
            and nkey not in PLACE_WORDS
            and nkey not in STRONG_WORDS
            and nkey not in AMBIGUOUS_FIRST_NAMES
            and _mid_sentence_after_lower(text, start)
        ):
            return True
    if key in STRONG_WORDS:
        return False
    return possessive or _mid_sentence_after_lower(text, start)


def _name_follows(text: str, pos: int) -> bool:
    """Whether a name or "his", "her", "my" follows ``pos`` ("Destiny and her brother")."""
    m = NEXT_TOKEN.match(text, pos)
    if m is None:
        return False
    word = m.group(1)
    key, _ = lookup_key(word)
    if key in ("his", "her", "my", "their", "our"):
        return True
    return is_title_case(word) and bool(LOOKUP.get(key, 0) & (F_FIRST | F_AMBIGUOUS))


def _short_name_before_a_role(text: str, start: int) -> bool:
    """A word of two letters starting a sentence before "my sw", "my brother", ...: "mo my sw
    is kind"."""
    return sentence_start(text, start) and _APPOSITION.match(text, start + 2) is not None


def _unknown_capitalised(word: str, key: str) -> bool:
    """A capitalised word that is no ordinary word and no known word: taken as a name."""
    if len(key) < 3 or not is_title_case(word) or not word[1:2].islower():
        return False
    if is_ordinary_word(key) or key in NOT_NAMES or key in NATIONALITIES or key in PLACE_WORDS:
        return False
    if key.endswith("s") and (key[:-1] in NOT_NAMES or key[:-1] in NATIONALITIES):
        return False  # "Fridays", "Drs"
    if "-" in key or "'" in key:
        parts = [p for p in re.split(r"['\-]", key) if len(p) >= 3]
        return bool(parts) and not any(is_ordinary_word(p) or p in NOT_NAMES for p in parts)
    return True


def _unknown_is_name(text: str, m: re.Match[str], key: str, length: int, family_hint: bool) -> bool:
    """Whether a word on no name list starts a name: capitalised and no ordinary word
    ("Wojciech"), a surname before "family" ("the Foster family"), or in capitals or lower
    case where :mod:`learning.themes.redact_case` takes it as one."""
    word = m.group()
    if key in ORDINARY_WORDS:
        return family_hint and _family_name(text, m, key, length)
    if word[0].isupper() and _unknown_capitalised(word, key):
        return True
    if family_hint and _family_name(text, m, key, length):
        return True
    return (
        (word.islower() or word.isupper())
        and not listed(key)
        and unknown_in_capitals_or_lower_case(text, m, key, length)
    )


def _ambiguous_in_capitals(text: str, start: int, end: int, key: str) -> bool:
    """A first name that is also a word, in capitals, with the cues that need no capital letter:
    "TELL WILL", "HOPE IS ALL I HAVE LEFT", "MARK SAID"."""
    if _APPOSITION.match(text, end) or _after_object_verb(text, start):
        return True
    if not sentence_start(text, start):
        return False
    nxt = NEXT_TOKEN.match(text, end)
    if nxt is None or not nxt.group().startswith(" "):
        return False
    nkey = nxt.group(1).lower()
    if nkey in BE_VERBS:
        return key not in STRONG_WORDS or key == "will"
    return nkey in PERSON_VERBS and nkey not in _NOT_AFTER_A_MODAL_NAME  # "WILL NEVER ..."


def _family_name(text: str, m: re.Match[str], key: str, length: int) -> bool:
    """"the Foster family", "the Brown case": a capitalised surname-like word before them."""
    if not _FAMILY_NOUN.match(text, m.end()) or length != len(m.group()):
        return False
    if not is_title_case(m.group()):
        return False
    prev = prev_word(text, m.start())
    if prev is None or prev[0].lower() != "the" or prev[1] != " ":
        return False
    if key in NATIONALITIES or key in PLACE_WORDS:
        return False
    return key not in NOT_NAMES or key in SURNAMES  # "the Foster family", not "the Police case"


_INITIALS_DOTTED = re.compile(r"[A-Z](?<![\w.].)\.[ ]?[A-Z]\.(?:[ ]?[A-Z]\.)?")
_NOT_INITIALS: Final = frozenset(
    ("UK", "US", "AM", "PM", "NB", "PS", "IT", "PE", "EU", "GP", "DV", "RE", "AKA", "USA", "ETA",
     "DOB", "NMC", "OT", "NHS", "AE", "CP", "SW", "YP", "BA", "MA", "IE", "EG", "ASAP", "RSVP")
)


def _name_after_cue_word(
    text: str, m: re.Match[str], key: str, length: int, flags: int
) -> tuple[int, int] | None:
    """A name after the title, role or "name is" that token ``m`` (lookup ``key``) starts."""
    word = m.group()
    possessive = length != len(word)
    if flags & F_TITLE and not possessive and (key != "miss" or word[0] == "M"):
        return _name_after_cue(text, m.end(), title=key)
    if flags & F_CUE and not possessive:
        if key == "called" and _called_is_phoned(text, m.start()):
            return None
        naming = (
            "any" if key in _NICKNAME_CUES else "unlisted" if key in ("called", "named") else ""
        )
        return _name_after_cue(text, m.end(), title=None, lower=naming)
    if flags & F_NAME_WORD:  # "name is", "name's", "names are", "known as", "nickname is"
        after = _AFTER_NAME_WORD.match(text, m.start() + length)
        if after is not None:
            naming = "any" if key in _NICKNAME_CUES else "unlisted"
            return _name_after_cue(text, after.end(), title=None, lower=naming)
    return None


def name_spans(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of each name in ``text``, unsorted and possibly overlapping."""
    spans: list[tuple[int, int]] = []
    lookup = LOOKUP.get
    covered = 0  # end of the last name found: words inside it need no second look
    family_hint = (
        " famil" in text or " case" in text or " child" in text or " kids" in text
        or " twins" in text or " boys" in text or " girls" in text or " sibling" in text
    )  # fmt: skip
    for m in TOKEN.finditer(text):
        start = m.start()
        if start < covered:
            continue
        word = m.group()
        key = word.lower()
        flags = lookup(key, 0)
        length = len(word)
        if not flags:
            if "'" in key or "\u2019" in key or "-" in key:
                key, length = lookup_key(word)  # possessive, curly apostrophe or hyphenated
                flags = word_flags(key)
            if not flags:
                if (
                    length == 2
                    and word.islower()
                    and not listed(key)
                    and (
                        short_name_in_lower_case(text, start, start + 2, key)
                        or _short_name_before_a_role(text, start)
                    )
                ):  # "my brother ty is ...", "ty my brother ..."
                    spans.append((start, start + 2))
                    covered = start + 2
                elif (
                    length > 2
                    and (word[0].isupper() or key not in ORDINARY_WORDS)
                    and _unknown_is_name(text, m, key, length, family_hint)
                ):
                    end = start + length
                    if length == len(word):
                        end = _extend_forward(text, end, lowercase_context=word.islower())
                    spans.append((start, end))
                    covered = end
                continue
        if flags & (F_CUE | F_TITLE | F_NAME_WORD):
            found = _name_after_cue_word(text, m, key, length, flags)
            if found is not None:
                spans.append(found)
                covered = found[1]
                continue
        possessive = length != len(word)
        end = start + length
        if flags & F_FIRST:
            if word.isupper() and len(word) <= 3:
                continue  # "TIA", "ALI", "JO" in capitals are more often abbreviations
            if word.islower() and key in CAPITALISED_ONLY and not person_before(text, start):
                continue  # "charlie", "mags", "tel"; not "aunty bev", "my mate tom"
            if not possessive:
                end = _extend_forward(text, end, lowercase_context=word.islower())
            spans.append((start, end))
            covered = end
        elif flags & F_AMBIGUOUS:
            if (
                (is_title_case(word) and _ambiguous_is_name(text, start, end, key, possessive))
                or (word.islower() and _after_object_verb(text, start))
                or (word.islower() and first_name_word_in_lower_case(text, start, end, key))
                or (word.islower() and len(key) == 2 and _short_name_before_a_role(text, start))
                or (
                    word.isupper()
                    and len(word) > 1
                    and _ambiguous_in_capitals(text, start, end, key)
                )
            ):
                if not possessive:
                    end = _extend_forward(text, end, lowercase_context=False)
                spans.append((start, end))
                covered = end
        elif flags & F_SURNAME and (
            is_title_case(word)
            or (word.isupper() and len(word) > 1)
            or (word.islower() and before_is_person_cue(text, start))  # "dr okonkwo"
        ):
            spans.append((_extend_backward(text, start), end))
            covered = end
        elif family_hint and _family_name(text, m, key, length):
            spans.append((start, end))
            covered = end
    if spans:
        spans.extend(names_beside(text, spans))
    if "." in text:
        for d in _INITIALS_DOTTED.finditer(text):
            if d.group().replace(".", "").replace(" ", "") not in _NOT_INITIALS:
                spans.append((d.start(), d.end()))
    return spans
