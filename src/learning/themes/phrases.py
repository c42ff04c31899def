"""Theme labels people recognise: the most telling phrase the theme's own texts use.

A theme's distinctive terms (:func:`learning.themes.labels.distinctive_terms`) say what sets
it apart, but "agree, ask, visit" reads as a list of words. A label is instead a phrase of one
to :data:`MAX_WORDS` words exactly as written in at least :data:`MIN_TEXTS` of the theme's
texts, within one clause (never across a full stop, a comma or a "but"). It begins with a word that
means something ("not", "nobody" and "more" may begin one; "the" and "to" may not) and ends
with one (or a particle: "looked after", "spot on"), and it holds a word that is neither a
stop word nor a rating ("good", "very", "yes"): "nothing" and "nobody" count, "not" does not.

Each phrase scores the distinctive weight of its words and word pairs times the square root
of the share of the theme's texts that use it; a single word counts half, so a telling pair
or triple wins over a common word. The best phrase then grows while a longer phrase holding
it is used in more than :data:`EXTEND_SHARE` of its texts ("housing" -> "housing plan"). It is
shown in sentence case; acronyms and names keep their capitals ("ASYE", "Christmas"), other
words are lower case. Pure functions.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from learning.themes.labels import label_from_terms
from learning.themes.text import KEPT_WORDS, LABEL_STOP_WORDS, normalise

MAX_WORDS = 3
MIN_TEXTS = 2
#: Texts read per theme (the most typical first): bounds the time on very large themes.
MAX_TEXTS = 300
SINGLE_WORD = 0.5
EXTEND_SHARE = 0.5

# Words of answer scales: a phrase made only of these says how people rated, not what about.
RATING_WORDS = frozenset(
    {
        "good", "very", "excellent", "great", "fine", "ok", "okay", "poor", "bad", "brilliant",
        "fantastic", "amazing", "lovely", "satisfied", "dissatisfied", "yes", "bit", "sometimes",
        "always", "usually", "likely", "unlikely", "extremely", "best", "better", "worse",
        "worst", "nice", "perfect", "thanks", "thank", "know",
    }
)  # fmt: skip
_WHOLE_ANSWERS = frozenset({"nothing", "none", "nobody", "noone", "never"})
_STOP = LABEL_STOP_WORDS | KEPT_WORDS
_STARTS = _WHOLE_ANSWERS | {"not", "no", "more", "less", "too"}
_PARTICLES = frozenset({"after", "up", "out", "back", "down", "off", "on", "through", "over"})
# Words that join two clauses: a label is one thought ("conference but nobody" is two halves).
_JOINS = frozenset(
    {
        "but", "because", "so", "then", "when", "while", "if", "that", "which", "who", "though",
        "although", "until", "unless", "whether", "whereas", "since", "as", "or",
    }
)  # fmt: skip
# Placeholders left by redaction ("[name]"), sentence and clause ends, brackets and quotes.
_BREAK = re.compile(r"\[[^\]]*\]|[.!?;:,()\[\]{}\"“”«»/\\|•]+|\s[-–—]+\s|\n")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)

Phrases = dict[tuple[str, ...], tuple[set[int], Counter[str]]]


def _key(word: str) -> str:
    return word.lower().replace("'", "").replace("’", "")


def _fits(keys: Sequence[str]) -> bool:
    first, last = keys[0], keys[-1]
    if (first in _STOP and first not in _STARTS) or last.isdigit():
        return False
    if last in _STOP and last not in _WHOLE_ANSWERS and (len(keys) == 1 or last not in _PARTICLES):
        return False
    if any(k in _JOINS for k in keys[1:-1]):
        return False
    return any(
        (k not in _STOP or k in _WHOLE_ANSWERS) and k not in RATING_WORDS and not k.isdigit()
        for k in keys
    )


def phrases(texts: Iterable[str]) -> Phrases:
    """Every well-formed phrase of the texts: which texts use it, and each way it was written."""
    found: Phrases = {}
    for number, text in enumerate(texts):
        for segment in _BREAK.split(normalise(text)):
            words = list(_WORD.finditer(segment))
            keys = [_key(w.group()) for w in words]
            for i in range(len(words)):
                if segment[words[i].start() - 1 : words[i].start()] == "-":
                    continue  # not from the middle of "twelve-year-old"
                for j in range(i + 1, min(i + MAX_WORDS, len(words)) + 1):
                    if _fits(keys[i:j]) and segment[words[j - 1].end() :][:1] != "-":
                        used, forms = found.setdefault(tuple(keys[i:j]), (set(), Counter()))
                        used.add(number)
                        forms[segment[words[i].start() : words[j - 1].end()]] += 1
    return found


def _weight(keys: Sequence[str], weights: Mapping[str, float]) -> float:
    """A phrase's distinctive weight: its words' and its word pairs' (stop words left out, as
    :func:`learning.themes.labels.distinctive_terms` leaves them out)."""
    words = [k for k in keys if k not in _STOP or k in _STARTS]
    pairs = (f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    return sum(weights.get(w, 0.0) for w in words) + sum(weights.get(p, 0.0) for p in pairs)


def ranked_phrases(
    terms: Sequence[tuple[str, float]], texts: Sequence[str], top: int = 5
) -> list[str]:
    """Up to ``top`` labels for a theme, best first: ``terms`` are its distinctive terms with
    their weights, ``texts`` its texts, the most typical first. [] when no phrase fits."""
    texts = texts[:MAX_TEXTS]
    weights = dict(terms)
    found = {k: v for k, v in phrases(texts).items() if len(v[0]) >= MIN_TEXTS}
    scored: list[tuple[float, tuple[str, ...]]] = []
    for keys, (used, _) in found.items():
        weight = _weight(keys, weights) * (SINGLE_WORD if len(keys) == 1 else 1.0)
        if weight > 0:
            scored.append((weight * (len(used) / len(texts)) ** 0.5, keys))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    best = dict.fromkeys(_extend(keys, found) for _, keys in scored[: 4 * top])
    return [written(found[keys][1]) for keys in list(best)[:top]]


def _extend(keys: tuple[str, ...], found: Phrases) -> tuple[str, ...]:
    """The longest phrase holding ``keys`` that most of the texts using ``keys`` use."""
    while True:
        used = len(found[keys][0])
        longer = [
            other
            for other, (texts, _) in found.items()
            if len(other) > len(keys) and len(texts) > EXTEND_SHARE * used and _holds(other, keys)
        ]
        if not longer:
            return keys
        keys = max(longer, key=lambda other: (len(found[other][0]), -len(other), other))


def _holds(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def written(forms: Counter[str]) -> str:
    """A phrase as most people wrote it, in sentence case (see the module's description)."""
    ways = [_WORD.findall(form) for form, _ in forms.most_common()]
    counts = [n for _, n in forms.most_common()]
    base = ways[0]
    words = []
    for i, word in enumerate(base):
        seen: Counter[str] = Counter()
        for way, n in zip(ways, counts, strict=True):
            if len(way) == len(base):
                seen[_casing(way[i])] += n
        style = seen.most_common(1)[0][0] if seen else "lower"
        words.append(_styled(word, style if i or style == "upper" else "lower"))
    styled = iter(words)  # the hyphens, apostrophes and spaces as written
    text = _WORD.sub(lambda _: next(styled), forms.most_common(1)[0][0])
    return text[:1].upper() + text[1:]


def _casing(word: str) -> str:
    if len(word) > 1 and word.isupper():
        return "upper"
    if word[:1].isupper() and (len(word) == 1 or word[1:].islower()):
        return "title"
    return "lower"


def _styled(word: str, style: str) -> str:
    if style == "upper":
        return word.upper()
    if style == "title" or word.lower() == "i":
        return word[:1].upper() + word[1:].lower()
    return word.lower()


def theme_labels(
    terms: Sequence[Sequence[tuple[str, float]]],
    texts: Sequence[Sequence[str]],
    given: Sequence[str | None] = (),
) -> list[str]:
    """A label for each theme from its distinctive terms and its texts (the most typical
    first), no two alike: the themes with the most texts choose first, and a label ``given``
    (an analyst's) is kept and taken. A theme that no phrase fits goes by its terms."""
    given = list(given) + [None] * (len(terms) - len(given))
    taken = {label.lower() for label in given if label}
    labels = [label or "" for label in given]
    for pos in sorted(range(len(terms)), key=lambda p: (-len(texts[p]), p)):
        if given[pos]:
            continue
        ranked = ranked_phrases(terms[pos], texts[pos])
        label = next((phrase for phrase in ranked if phrase.lower() not in taken), None)
        if label is None:  # only when every phrase is taken is a label said twice
            plain = label_from_terms([term for term, _ in terms[pos][:10]])
            label = ranked[0] if ranked else plain[:1].upper() + plain[1:]
        taken.add(label.lower())
        labels[pos] = label
    return labels
