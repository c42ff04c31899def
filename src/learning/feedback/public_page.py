"""What every public feedback page shares: its language, easy read, the switches between
them, links that carry both, and rendering with the light public layout.

The language and easy-read choices travel in the address (``?lang=cy&easy=1``) and in a
hidden field of each form, never in a cookie.

The pages every visitor sees alike (the empty form, the thank-you page) are rendered once
per form, language and address and kept (``render_kept``): what differs between visitors
(the form's nonce, the receipt code, the style's CSP nonce) is put into the kept page on each
request. A visitor who is signed in, or has a session for any other reason, gets a page
rendered afresh.

The words around a form's questions (the safety message here, the rest in ``public_form``
and ``public_receipt_views``) follow its ``Audience``: a young child's are short, and what
only the grown-up helping them needs is set apart for the grown-up.
"""

from __future__ import annotations

import re
import secrets
import threading
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from learning.accounts.sessions import session_state
from learning.core.app_state import made_once
from learning.core.static import versioned_path
from learning.core.web import council_branding, render
from learning.feedback import i18n, pictures
from learning.feedback.form_definitions import Audience
from learning.feedback.form_questions import N_
from learning.feedback.terms import Language

SHORT_CODE_ROUTE = "feedback_short_code"
TRUE_WORDS = frozenset({"1", "yes", "true", "on"})
#: Kept pages per app; past this many (every form in every language, easy read and not,
#: is about 150, and the thank-you page after each, with or without an alert, about 300)
#: the store is emptied and fills again.
KEPT_PAGES = 1024
#: What a per-visitor value put into a kept page may contain: it goes into the page as it
#: is, so nothing that HTML would read as markup or as the end of an attribute.
HOLE_SAFE = re.compile(r"[A-Za-z0-9_.~-]*")


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
class SafetyWords:
    """What the safety message says besides 999 and Childline's number (its ``told`` only
    after a worry was passed on)."""

    childline: str
    told: str


SAFETY_WORDS = {
    Audience.YOUNG_CHILD: SafetyWords(
        childline=N_("Childline helps children. You can call them any time, for free:"),
        told=N_(
            "A grown-up whose job is to keep children safe will read what you told us very soon."
        ),
    ),
    **dict.fromkeys(
        (Audience.CHILD, Audience.ADULT),
        SafetyWords(
            childline=N_("You can talk to Childline any time, for free:"),
            told=N_(
                "Someone whose job is to keep children safe will look at what you told us as "
                "soon as possible."
            ),
        ),
    ),
}


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
            "drawing_of": self.drawing_of,
            "privacy_url": self.link_to("feedback_privacy"),
            "safety": SAFETY_WORDS[Audience.CHILD],
            **extra,
        }

    def static_path(self, path: str) -> str:
        return versioned_path(self.request.app.state.settings.static_dir, path)

    def drawing_of(self, emoji: str) -> pictures.Drawing | None:
        return pictures.drawing_of(self.request.app.state.settings.static_dir, emoji)

    def gettext(self, message: str) -> str:
        return i18n.translations(self.language).gettext(message)

    def render_kept(
        self, template: str, key: tuple[Any, ...], holes: dict[str, str], **extra: Any
    ) -> Response:
        """``render(template, **holes, **extra)``, from a page kept for everyone whose page
        differs from this one only in ``holes``: ``key`` names what else the page depends on
        beyond the template, language, easy read, address and council's branding. Each hole's
        value must be plain (``HOLE_SAFE``)."""
        if session_state(self.request.scope).id is not None or not all(
            HOLE_SAFE.fullmatch(value) for value in holes.values()
        ):
            return self.render(template, 200, **holes, **extra)
        branding = council_branding(self.request)
        full_key = (
            template,
            key,
            self.language,
            self.easy,
            self.chosen,
            tuple(sorted(self.keep.items())),
            self.here or self.request.url.path,
            tuple(sorted(branding.items())),
        )
        kept = KeptPages.of(self.request.app)
        page = kept.get(full_key)
        if page is None:
            markers = {name: kept.marker(name) for name in (*holes, "csp_nonce")}
            rendered = self.render(template, 200, **markers, **extra)
            page = KeptPage.cut(bytes(rendered.body).decode(), markers)
            kept.put(full_key, page)
        values = {**holes, "csp_nonce": self.request.state.csp_nonce}
        response = HTMLResponse(page.fill(values))
        response.headers["Vary"] = "HX-Request"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def render(self, template: str, status_code: int = 200, **extra: Any) -> Response:
        response = render(
            self.request,
            f"feedback/public/{template}",
            self.context(**extra),
            status_code=status_code,
        )
        response.headers["Referrer-Policy"] = "no-referrer"
        return response


@dataclass(frozen=True)
class KeptPage:
    """A rendered page cut where each per-visitor value goes: ``parts[0]``, the value named
    ``holes[0]``, ``parts[1]``, and so on (one pass to fill, not one per value)."""

    parts: tuple[bytes, ...]
    holes: tuple[str, ...]

    @classmethod
    def cut(cls, page: str, markers: dict[str, str]) -> KeptPage:
        by_marker = {marker: name for name, marker in markers.items()}
        pieces = re.split(f"({'|'.join(map(re.escape, by_marker))})", page)
        return cls(
            tuple(piece.encode() for piece in pieces[0::2]),
            tuple(by_marker[marker] for marker in pieces[1::2]),
        )

    def fill(self, values: dict[str, str]) -> bytes:
        filled = [self.parts[0]]
        for name, part in zip(self.holes, self.parts[1:], strict=True):
            filled += (values[name].encode(), part)
        return b"".join(filled)


class KeptPages:
    """The pages kept for one app (``app.state.kept_pages``)."""

    def __init__(self) -> None:
        self._pages: dict[tuple[Any, ...], KeptPage] = {}
        self._lock = threading.Lock()
        #: Random per process, so no answer or address can contain a marker by chance.
        self._salt = secrets.token_hex(8)

    @classmethod
    def of(cls, app: Any) -> KeptPages:
        return made_once(app.state, "kept_pages", cls)

    def marker(self, name: str) -> str:
        return f"kept{self._salt}{name.replace('_', '')}"

    def get(self, key: tuple[Any, ...]) -> KeptPage | None:
        return self._pages.get(key)

    def put(self, key: tuple[Any, ...], page: KeptPage) -> None:
        with self._lock:
            if len(self._pages) >= KEPT_PAGES:
                self._pages.clear()
            self._pages[key] = page
