"""What every public feedback page shares: its language, easy read, the switches between
them, links that carry both, and rendering with the light public layout.

The language and easy-read choices travel in the address (``?lang=cy&easy=1``) and in a
hidden field of each form, never in a cookie.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import Request
from fastapi.responses import Response

from learning.core.web import render
from learning.feedback import i18n
from learning.feedback.terms import Language

SHORT_CODE_ROUTE = "feedback_short_code"
TRUE_WORDS = frozenset({"1", "yes", "true", "on"})


def route_path(app: Any, name: str, **params: str) -> str:
    """``url_path_for``, remembered per app: it walks every route on each call, which costs
    more than rendering the rest of a public page."""
    cache: dict[tuple[str, tuple[tuple[str, str], ...]], str] | None = getattr(
        app.state, "route_path_cache", None
    )
    if cache is None:
        cache = app.state.route_path_cache = {}
    key = (name, tuple(sorted(params.items())))
    if key not in cache:
        cache[key] = str(app.url_path_for(name, **params))
    return cache[key]


@dataclass(frozen=True)
class LanguageChoice:
    language: Language
    url: str
    current: bool


@dataclass
class PublicPage:
    request: Request
    language: Language
    easy: bool
    chosen: bool  # the person chose the language on the page (so links carry it)
    keep: dict[str, str] = field(default_factory=dict)  # other parameters links carry
    here: str = ""  # where the switches lead, when not this address (one holding a token)

    @classmethod
    def of(
        cls, request: Request, lang: str | None = None, easy: str | None = None, **keep: str
    ) -> PublicPage:
        lang = lang if lang is not None else request.query_params.get("lang")
        easy = easy if easy is not None else request.query_params.get("easy")
        chosen = i18n.parse_language(lang)
        language = chosen or i18n.choose_language(None, request.headers.get("accept-language"))
        return cls(
            request,
            language,
            (easy or "").lower() in TRUE_WORDS,
            chosen is not None,
            {k: v for k, v in keep.items() if v},
        )

    def params(self, **extra: str) -> dict[str, str]:
        values: dict[str, str] = {}
        if self.chosen:
            values["lang"] = self.language.value
        if self.easy:
            values["easy"] = "1"
        values.update(self.keep)
        values.update({k: v for k, v in extra.items() if v})
        return values

    def link_to(self, name: str, query: bool = True, **extra: str) -> str:
        """The path of a route, with the page's language, easy read and ``extra``."""
        path = route_path(self.request.app, name)
        values = self.params(**extra) if query else {}
        return f"{path}?{urlencode(values)}" if values else str(path)

    def _here(self, **values: str) -> str:
        merged = {**self.params(), **values}
        merged = {k: v for k, v in merged.items() if v}
        path = self.here or self.request.url.path
        return f"{path}?{urlencode(merged)}" if merged else path

    def switches(self) -> dict[str, Any]:
        languages = [
            LanguageChoice(language, self._here(lang=language.value), language is self.language)
            for language in Language
        ]
        return {"languages": languages, "easy_url": self._here(easy="" if self.easy else "1")}

    def short_code_url(self) -> str:
        return route_path(self.request.app, SHORT_CODE_ROUTE)

    def address(self, path: str) -> str:
        """A path as a person would type it: ``example.gov.uk/s``."""
        host = urlsplit(self.request.app.state.settings.base_url).netloc
        return f"{host}{path}"

    def context(self, **extra: Any) -> dict[str, Any]:
        return {
            "language": self.language,
            "translations": i18n.translations(self.language),
            "easy": self.easy,
            "chosen_language": self.chosen,
            "switch": self.switches(),
            "link_to": self.link_to,
            "static_path": self.static_path,
            "privacy_url": self.link_to("feedback_privacy"),
            **extra,
        }

    def static_path(self, path: str) -> str:
        return route_path(self.request.app, "static", path=path)

    def gettext(self, message: str) -> str:
        return i18n.translations(self.language).gettext(message)

    def render(self, template: str, status_code: int = 200, **extra: Any) -> Response:
        response = render(
            self.request,
            f"feedback/public/{template}",
            self.context(**extra),
            status_code=status_code,
        )
        response.headers["Referrer-Policy"] = "no-referrer"
        return response
