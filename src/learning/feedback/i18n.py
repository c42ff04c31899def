"""The languages of the public feedback pages: gettext catalogues (Babel) and choosing one.

Each language has ``locales/<lang>/LC_MESSAGES/messages.po``, read once at start-up. Pages
pass the chosen language's ``translations`` to the template, whose ``_("...")`` calls look
their words up in it (see ``core.web``). The language comes from the ``lang`` parameter when
the person chose one on the page, otherwise from the browser's ``Accept-Language``, and
falls back to English. No cookie remembers it: the choice travels in the page's links and
forms.

To add new words, from the repository root: ``pybabel extract -F
src/learning/feedback/locales/babel.cfg --no-default-keywords -k N_ -k _ -o messages.pot .``,
then ``pybabel update -i messages.pot -d src/learning/feedback/locales -l LANG`` for each
language, and translate the new entries (a test fails while any language lacks one).
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

from learning.feedback.terms import Language

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"
TRANSLATED = tuple(language for language in Language if language is not Language.ENGLISH)


class CatalogueTranslations(gettext.NullTranslations):
    """One language's translations, from its ``.po`` catalogue. An entry that is missing,
    empty or fuzzy falls back to the English words (a test keeps them all present)."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self.messages = messages

    def gettext(self, message: str) -> str:
        return self.messages.get(message) or message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)


def catalogue_path(language: Language) -> Path:
    return LOCALES_DIR / language.value / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_messages(language: Language) -> dict[str, str]:
    """The translated entries of a language's catalogue: English words to its words."""
    with catalogue_path(language).open("rb") as handle:
        catalogue = read_po(handle, locale=language.value)
    return {
        str(message.id): str(message.string)
        for message in catalogue
        if message.id
        and isinstance(message.id, str)
        and isinstance(message.string, str)
        and message.string
        and not message.fuzzy
    }


@cache
def translations(language: Language) -> gettext.NullTranslations:
    if language is Language.ENGLISH:
        return gettext.NullTranslations()
    return CatalogueTranslations(read_messages(language))


def load_all() -> None:
    """Read every catalogue now (at start-up), not on the first request in each language."""
    for language in Language:
        translations(language)


def parse_language(raw: str | None) -> Language | None:
    if not raw:
        return None
    primary = raw.strip().lower().replace("_", "-").split("-")[0]
    try:
        return Language(primary)
    except ValueError:
        return None


def from_accept_language(header: str | None) -> Language | None:
    """The browser's most preferred language we have (``cy-GB,cy;q=0.9,en;q=0.8``)."""
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and tag != "*" and quality > 0:
            ranked.append((-quality, position, tag))
    for _, _, tag in sorted(ranked):
        language = parse_language(tag)
        if language is not None:
            return language
    return None


def choose_language(chosen: str | None, accept_language: str | None) -> Language:
    """The language a person chose on the page, else their browser's, else English."""
    return parse_language(chosen) or from_accept_language(accept_language) or Language.ENGLISH
