"""The safeguarding screen (pure): does a piece of feedback possibly disclose harm?

Every submission is screened the moment it arrives, before anything else. The screen is a
high-recall lexicon: missing a disclosure is far worse than a false alarm, so it errs
towards flagging. A text the lexicon finds nothing in is then tried against cues: words
that mean little alone and a worry together, flagged as a concern. Negation never
suppresses a flag ("I don't feel safe", "I don't want to die" both flag), idioms flag too
("my mum will kill me"), and a person reads every alert.

Text is normalised first (see screen_text): case, Unicode forms, accents, apostrophes,
repeated letters, text-speak and common misspellings. Phrases and cues are in English,
Welsh, Polish, Romanian and Arabic (screen_lexicon_en, screen_lexicon_intl, screen_cues_en,
screen_cues_intl). About half of what children write around harm without naming it is
still missed (benchmarks/safeguarding_screen.py): the screen is the first net, and a person
reads every child's words.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache

from learning.feedback import form_questions
from learning.feedback.screen_cues_en import CONCEPTS, RULES
from learning.feedback.screen_cues_intl import LANGUAGES as CUE_LANGUAGES
from learning.feedback.screen_cues_intl import RULES as OTHER_LANGUAGE_RULES
from learning.feedback.screen_lexicon_en import MACROS
from learning.feedback.screen_lexicon_en import PHRASES as ENGLISH
from learning.feedback.screen_lexicon_intl import LANGUAGES
from learning.feedback.screen_text import (
    Traced,
    forms,
    plain_words,
    skeleton,
    traced_expanded_words,
    traced_plain_words,
)
from learning.feedback.terms import ScreenCategory

GAP = r"(?:[^ ]+ ){0,3}"
GAP_MARK = "~"
_ANY = r"[^ ]*"
_WORD_START = r"(?<![^ ])"  # text is words separated by single spaces
_WORD_END = r"(?![^ ])"
#: A whole answer that is only a cry for help ("help", "help me please", "sos").
_CRY_FOR_HELP = re.compile(
    r"(?:please |someone |pls )*(?:help|sos|save me|ajutor)(?: me| us| please| now)*"
)
ARABIC_LETTER = "[\u0600-\u06ff]"
_ARABIC = re.compile(ARABIC_LETTER)


@dataclass(frozen=True)
class ScreenResult:
    flagged: bool
    categories: tuple[ScreenCategory, ...]  # sorted, unique


NOT_FLAGGED = ScreenResult(flagged=False, categories=())


def screen(text: str, *, cues: bool = True) -> ScreenResult:
    """Screen one text. Never raises on any string. ``cues=False``: the lexicon alone, to
    measure what the cues add."""
    if not text or text.isspace() or text in _calm_choices():
        return NOT_FLAGGED
    return _screen(text, cues=cues)


def prepare() -> None:
    """Compile the screen now (about a seventh of a second), so that the first feedback
    sent after the server starts does not wait for it, nor everyone behind it."""
    _patterns()
    _any_pattern()
    _english_cues()
    _other_language_cues()
    _calm_choices()


@cache
def _calm_choices() -> frozenset[str]:
    """The values of the forms' answer scales ("yes", "sometimes") that the screen finds
    nothing in: every submission sends several, so they are screened once, not each time.
    Anything sent in place of one of them is screened as usual."""
    values = {
        value
        for scale in vars(form_questions).values()
        if isinstance(scale, form_questions.Scale)
        for value in scale.values
    }
    return frozenset(value for value in values if not _screen(value).flagged)


def _screen(text: str, *, cues: bool = True) -> ScreenResult:
    if not text or text.isspace():
        return NOT_FLAGGED
    plain, expanded = forms(text)
    variants = {plain, expanded}  # the plain and expanded forms are often the same
    if any(_CRY_FOR_HELP.fullmatch(form) for form in variants):
        return _result({ScreenCategory.IMMEDIATE_DANGER})
    if not any(_any_pattern().search(form) for form in variants):
        # most feedback: one search per form, not one per category, then one for the cues
        if cues and _cue_rule(_cue_concepts(plain, expanded)):
            return _result({ScreenCategory.CONCERN})
        return NOT_FLAGGED
    found = {
        category
        for category, pattern in _patterns().items()
        if any(pattern.search(form) for form in variants)
    }
    return _result(found)


def screened_text(answers: Mapping[str, str], contact_name: str) -> list[str]:
    """Everything typed that the screen reads: the answers, and the name box, where a child
    may write the worry (the one box they may think reaches a person), unless it reads as a
    name (``screened_name``). Not the phone number or email address: a number with 999 in
    it is no emergency."""
    return [*answers.values(), screened_name(contact_name)]


def screened_name(contact_name: str) -> str:
    """What the screen reads of the name box: all of it, unless it looks like a name: one to
    four words, each with a capital first and none shouting ("Sam Gunn", "Tom Stabb", "Lily
    Beat" are people, not worries; "my dad hits me", "Help me" and "HELP" are read)."""
    words = contact_name.split()
    if 1 <= len(words) <= 4 and all(_name_word(word) for word in words):
        return ""
    return contact_name


def _name_word(word: str) -> bool:
    rest = word[1:]
    return (
        word[0].isupper()
        and all(c.isalpha() or c in "'’-." for c in word)
        and not (rest.isupper() and len(rest) > 1)
    )


def screen_all(texts: Iterable[str]) -> ScreenResult:
    """The union of the screen over several texts (every answer of one submission)."""
    found: set[ScreenCategory] = set()
    for text in texts:
        found.update(screen(text).categories)
    return _result(found)


@dataclass(frozen=True)
class Reason:
    """Why a text was flagged in one category: where in the text, as it was written (each
    span is a start and end offset; empty when the text's words cannot be traced)."""

    category: ScreenCategory
    spans: tuple[tuple[int, int], ...]


def explain(text: str) -> tuple[Reason, ...]:
    """For each category ``screen`` flags the text in, the stretches of the text that made
    it: every match of the category's phrases, or for a concern the words of each of the
    cues read together. To show a person why; never stored."""
    result = screen(text)
    if not result.flagged:
        return ()
    words = traced_plain_words(text)
    if words is None:
        return tuple(Reason(category, ()) for category in result.categories)
    plain, expanded = _Located(words), _Located(traced_expanded_words(words))
    if any(_CRY_FOR_HELP.fullmatch(form.text) for form in (plain, expanded)):
        return (Reason(ScreenCategory.IMMEDIATE_DANGER, (plain.span(0, len(plain.text)),)),)
    reasons = [
        Reason(category, spans)
        for category, pattern in _patterns().items()
        if (
            spans := _merged(
                form.span(*hit.span())
                for form in (plain, expanded)
                for hit in pattern.finditer(form.text)
            )
        )
    ]
    if not reasons:  # the lexicon found nothing: the cues flagged it
        reasons = [Reason(ScreenCategory.CONCERN, _cue_spans(plain, expanded))]
    return tuple(sorted(reasons, key=lambda reason: reason.category))


def flagged_spans(reasons: Iterable[Reason]) -> tuple[tuple[int, int], ...]:
    """Every stretch that made a flag, in order, overlapping ones joined."""
    return _merged(span for reason in reasons for span in reason.spans)


class _Located:
    """A normalised form as the screen reads it (skeleton words joined by single spaces),
    able to say which stretch of the original text a match in it came from."""

    def __init__(self, words: list[Traced]) -> None:
        self.words = words
        skeletons = [skeleton(t.word) for t in words]
        self.text = " ".join(skeletons)
        self.starts: list[int] = []
        at = 0
        for word in skeletons:
            self.starts.append(at)
            at += len(word) + 1

    def span(self, start: int, end: int) -> tuple[int, int]:
        first = bisect_right(self.starts, start) - 1
        last = bisect_right(self.starts, max(start, end - 1)) - 1
        return self.words[first].start, self.words[last].end


def _cue_spans(plain: _Located, expanded: _Located) -> tuple[tuple[int, int], ...]:
    """The words of each concept of the rule that flagged the text, in the language whose
    words made the rule (see _cue_rule)."""
    found = list(_cue_matches(plain.text, expanded.text))
    language, rule = _language_and_rule(label for label, _, _ in found) or ("", frozenset())
    languages = {language} if language == "en" else {language, "shared"}
    return _merged(
        (expanded if in_expanded else plain).span(*span)
        for (concept, where), in_expanded, span in found
        if concept in rule and where in languages
    )


def _merged(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return tuple(out)


def compile_phrase(phrase: str) -> str:
    """One phrase of the lexicon as a regular expression over normalised text, to be tried
    at the start of a word (see _patterns)."""
    for macro, words in MACROS.items():
        phrase = phrase.replace(macro, words)
    body = ""
    gap = False
    for token in phrase.split():
        if token == GAP_MARK:
            gap = True
            continue
        optional = token.endswith("?")
        piece = _token(token.rstrip("?"))
        sep = ("" if not body else " ") + (GAP if gap else "")
        body += f"(?:{sep}{piece})?" if optional else f"{sep}{piece}"
        gap = False
    return body + _WORD_END


def _token(token: str) -> str:
    alternatives = []
    for alt in token.split("|"):
        core = " ".join(plain_words(alt.strip("*").replace("_", " ")))
        regex = re.escape(skeleton(core)) if core else ""
        if alt.startswith("*"):
            regex = _ANY + regex
        if alt.endswith("*"):
            regex += _ANY
        alternatives.append(regex)
    return "(?:" + "|".join(alternatives) + ")"


#: Where a phrase can start: for each alternative of its first word, the first letter and,
#: when that word has two letters to go on, the first two (None: the letter alone).
Start = tuple[str, str | None]
#: A compiled phrase: its regular expression, and the starts it can have (None: any).
Compiled = tuple[str, frozenset[Start] | None]


@cache
def _phrases() -> Mapping[ScreenCategory, tuple[Compiled, ...]]:
    by_category: dict[ScreenCategory, list[Compiled]] = {}
    for lexicon in (ENGLISH, *LANGUAGES):
        for category, phrases in lexicon.items():
            compiled = [(compile_phrase(p), _first_letters(p)) for p in phrases]
            by_category.setdefault(category, []).extend(compiled)
    return {category: tuple(regexes) for category, regexes in by_category.items()}


@cache
def _patterns() -> Mapping[ScreenCategory, re.Pattern[str]]:
    return {category: _at_word_start(rx) for category, rx in _phrases().items()}


@cache
def _any_pattern() -> re.Pattern[str]:
    return _at_word_start([rx for regexes in _phrases().values() for rx in regexes])


def _first_letters(phrase: str) -> frozenset[Start] | None:
    for macro, words in MACROS.items():
        phrase = phrase.replace(macro, words)
    starts: set[Start] = set()
    for alt in phrase.split()[0].rstrip("?").split("|"):
        core = skeleton(" ".join(plain_words(alt.strip("*").replace("_", " "))))
        if not core:
            return None
        if alt.startswith("*"):  # any beginning: only Arabic words take these (prefixes)
            if not _ARABIC.match(core[0]):
                return None
            starts.add((ARABIC_LETTER, None))
        else:
            starts.add((re.escape(core[0]), re.escape(core[:2]) if len(core) > 1 else None))
    return frozenset(starts)


def _at_word_start(phrases: Iterable[Compiled]) -> re.Pattern[str]:
    """One regular expression for many phrases, tried only where a word starts, and there
    only on the phrases that can start with that word's first two letters: a look-ahead per
    first letter, then one per pair of letters within it, is far cheaper than trying every
    phrase at every word (a phrase whose first word has one letter is tried under its
    letter). The same matches as trying every phrase, a third of the time or less."""
    by_start: dict[str, dict[str | None, list[str]]] = {}
    anywhere: list[str] = []
    for regex, starts in phrases:
        if starts is None:
            anywhere.append(regex)
        for letter, pair in starts or ():
            by_start.setdefault(letter, {}).setdefault(pair, []).append(regex)
    branches = [
        f"(?={letter})(?:{'|'.join(_by_pair(pairs))})" for letter, pairs in sorted(by_start.items())
    ]
    return re.compile(_WORD_START + "(?:" + "|".join(branches + anywhere) + ")")


def _by_pair(pairs: Mapping[str | None, list[str]]) -> list[str]:
    """The phrases of one first letter, those of each pair of first letters behind its own
    look-ahead, then those of one letter."""
    grouped = [
        f"(?={pair})(?:{'|'.join(regexes)})"
        for pair, regexes in sorted((p, r) for p, r in pairs.items() if p is not None)
    ]
    return grouped + pairs.get(None, [])


def _cue_rule(cue_words: Iterable[tuple[str, str]]) -> frozenset[str] | None:
    """The first rule of the cues whose every concept is in the text in the words of one
    language: the rules of screen_cues_en in English, those and the looser ones of
    screen_cues_intl in the other languages. Languages are not mixed: "on" is Polish for
    "he", "mam" Welsh for "mum"."""
    found = _language_and_rule(cue_words)
    return found[1] if found else None


def _language_and_rule(
    cue_words: Iterable[tuple[str, str]],
) -> tuple[str, frozenset[str]] | None:
    """The language and rule ``_cue_rule`` finds."""
    by_language: dict[str, set[str]] = {}
    for concept, language in cue_words:
        by_language.setdefault(language, set()).add(concept)
    shared = by_language.pop("shared", set())
    for language, concepts in by_language.items():
        if language != "en":
            concepts |= shared
        rules = RULES if language == "en" else RULES + OTHER_LANGUAGE_RULES
        if rule := next((rule for rule in rules if rule <= concepts), None):
            return language, rule
    return None


def _cue_concepts(plain: str, expanded: str) -> set[tuple[str, str]]:
    """Each concept of the cues found in the text, and in which language's words."""
    return {label for label, _, _ in _cue_matches(plain, expanded)}


def _cue_matches(
    plain: str, expanded: str
) -> Iterator[tuple[tuple[str, str], bool, tuple[int, int]]]:
    """Each cue in the text: its concept and language, whether it was found in the expanded
    form, and where. English words are looked for in the expanded form, the other
    languages' in the plain form (the expanded form spells "mama" out as "mum")."""
    for match in _english_cues().finditer(expanded):
        concept, _, language = (match.lastgroup or "").rpartition("_")
        yield (concept, language), True, match.span()
    finder, labelled = _other_language_cues()
    for match in finder.finditer(plain):  # rare in most feedback: then say whose words
        for label, pattern in labelled:
            if hit := pattern.match(plain, match.start()):
                yield label, False, hit.span()
                break


@cache
def _english_cues() -> re.Pattern[str]:
    """One pass over the text finds every concept: each is a named group (``person_en``)."""
    groups = [
        f"(?P<{concept}_en>{'|'.join(compile_phrase(p) for p in phrases)})"
        for concept, phrases in CONCEPTS.items()
    ]
    return re.compile(_WORD_START + "(?:" + "|".join(groups) + ")")


Labelled = tuple[tuple[tuple[str, str], re.Pattern[str]], ...]


@cache
def _other_language_cues() -> tuple[re.Pattern[str], Labelled]:
    """A pattern that finds any cue of the other languages, tried only where a word starts
    with a letter one of them can start with (as the lexicon's is), and for each concept of
    each language a pattern that says whether a cue found there is one of its."""
    entries = [
        ((concept, language), phrase)
        for language, concepts in CUE_LANGUAGES.items()
        for concept, phrases in concepts.items()
        for phrase in phrases
    ]
    finder = _at_word_start((compile_phrase(p), _first_letters(p)) for _, p in entries)
    labelled = tuple(
        (label, re.compile("|".join(compile_phrase(p) for key, p in entries if key == label)))
        for label in dict.fromkeys(label for label, _ in entries)
    )
    return finder, labelled


def _result(found: set[ScreenCategory]) -> ScreenResult:
    return ScreenResult(flagged=bool(found), categories=tuple(sorted(found)))
