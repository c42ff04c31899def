"""Core safeguarding phrases in the other languages of the forms: Welsh, Polish, Romanian,
Arabic. Same pattern syntax as the English lexicon. Write them as a child would, with or
without accents: both match, because accents, apostrophes and Arabic vowel marks are removed
before matching ("boję się" and "boje sie" are the same; "mae'n" is "maen"; "أ" is "ا").
Arabic words take attached prefixes and suffixes, so most Arabic entries are `*word*`.
Welsh words change their first letter after some words (mutation): list each form a child
would write ("cleisiau", "gen i gleisiau", "fy nghleisiau"; "cyfrinach", "ein gyfrinach").

Each language's phrases are in a module of their own: screen_lexicon_cy (Welsh),
screen_lexicon_pl (Polish), screen_lexicon_ro (Romanian), screen_lexicon_ar (Arabic).
"""

from __future__ import annotations

from learning.feedback.screen_lexicon_ar import ARABIC
from learning.feedback.screen_lexicon_cy import WELSH
from learning.feedback.screen_lexicon_pl import POLISH
from learning.feedback.screen_lexicon_ro import ROMANIAN

__all__ = ["ARABIC", "LANGUAGES", "POLISH", "ROMANIAN", "WELSH"]

LANGUAGES = (WELSH, POLISH, ROMANIAN, ARABIC)
