"""Text cleaning for the theme engine: what is set aside, how answers are normalised.

Pure functions, no project imports. An answer is *set aside* (kept, counted, never clustered)
when it carries no content: empty, only punctuation or spaces, or a stock non-answer such as
"no comment" or "n/a". Short real answers ("Nothing", "None", "No") are NOT set aside: under a
question such as "What could we do better?" they are meaningful, and the question is part of
their meaning (the encoder reads each answer with its question: see ``vectorise``).
"""

from __future__ import annotations

import re
import unicodedata

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

# Texts longer than this are cut before vectorising: the start of a long story carries its
# theme, and the cut keeps time and memory per item bounded.
MAX_CHARS = 4000

# Negations and "nothing"-like words change a feedback answer's meaning ("nothing to improve",
# "not listened to"), and quantity words carry the judgement ("too long", "more contact"): they
# stay in, unlike in scikit-learn's English stop-word list.
KEPT_WORDS = frozenset(
    {
        "no", "not", "nothing", "none", "never", "nor", "nobody", "neither", "cannot", "cant",
        "without", "less", "few", "more", "most", "very", "too", "only", "all", "every",
        "everything", "enough", "again", "still", "well", "thank", "could", "should", "would",
        "nowhere", "noone", "dont", "didnt", "doesnt", "wasnt", "isnt", "wont", "havent",
        "hasnt", "couldnt", "shouldnt", "wouldnt", "arent", "werent",
    }
)  # fmt: skip
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) - KEPT_WORDS

# Words that never make a good theme label on their own.
LABEL_STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | {
    "just", "really", "did", "does", "got", "get", "getting", "im", "ive", "dont", "didnt",
    "thats", "its", "youre", "theyre", "wasnt", "isnt", "cant", "wont", "lot", "lots",
    "thing", "things", "way", "also", "bit", "quite", "like", "think", "feel", "felt",
}  # fmt: skip

_NO_COMMENT = re.compile(
    r"^(?:no\s*comments?(?:\s+(?:to\s+(?:make|add)|at\s+(?:this|the)\s+(?:time|stage|moment)))?"
    r"|n\s*/\s*a|na|nil|not\s+applicable|no\s+answer|no\s+response|prefer\s+not\s+to\s+say"
    r"|blank|test)$"
)
_WORD = re.compile(r"\w", re.UNICODE)
# A "word" for tokenising: letters/digits (any script), or one pictographic symbol (emoji).
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|[\u2600-\u27bf\U0001f000-\U0001faff]", re.UNICODE)
_SPACES = re.compile(r"\s+")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def normalise(text: str | None) -> str:
    """Unicode-normalise, drop control and direction marks, collapse spaces, cut to MAX_CHARS."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", str(text)[: 4 * MAX_CHARS])
    text = _SPACES.sub(" ", _CONTROL.sub(" ", text)).strip()
    return text[:MAX_CHARS]


def is_set_aside(text: str | None) -> bool:
    """True for answers with no content: empty, punctuation only, or a stock non-answer."""
    clean = normalise(text)
    if not clean:
        return True
    if not _WORD.search(clean) and not any(unicodedata.category(ch) == "So" for ch in clean):
        return True
    key = _SPACES.sub(" ", re.sub(r"[^\w/ ]", " ", clean.lower())).strip()
    return bool(_NO_COMMENT.match(key))


def tokens(text: str) -> list[str]:
    """Lower-case word tokens (any script) and emoji; apostrophes dropped ("don't" -> "dont")."""
    return [t.replace("'", "").replace("’", "") for t in _TOKEN.findall(text.lower())]


def content_text(text: str) -> str:
    """The text as space-separated tokens without stop words (negations kept)."""
    return " ".join(t for t in tokens(normalise(text)) if t not in STOP_WORDS)
