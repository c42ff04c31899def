"""Rendering pages and partials, HTMX helpers, flash messages and form errors.

Templates are always autoescaped (every template ends in ``.html``; the environment does
not rely on file extensions). The same URL returns a partial when ``HX-Request`` is set.
Each template is compiled once per process (:class:`CompiledTemplates`), however many apps
the process makes.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    meta,
    pass_context,
)
from jinja2.bccache import Bucket
from jinja2.runtime import Context
from sqlmodel import select
from starlette.concurrency import run_in_threadpool

from learning.accounts import kept_forms
from learning.accounts.sessions import session_state, time_left
from learning.core import clock
from learning.core.app_state import made_once
from learning.core.navigation import NavItem, visible_items
from learning.core.pagination import query_page_links
from learning.org.models import Council

_BRANDING_TTL_SECONDS = 30.0
_BRANDING_GRACE_SECONDS = 5.0
logger = logging.getLogger(__name__)


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory and shared by every environment of the process.

    Jinja compiles each template once per environment (about 8 ms each, 101 templates); an
    app makes one environment, and the test suite makes an app per test. Jinja checks each
    entry against the template's source, so a template that changed is compiled again."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


def load_with_all_it_uses(env: Environment, name: str) -> None:
    """Load a template and every template it extends, imports or includes by name, so that
    its first render compiles nothing (loading one template leaves those to its render)."""
    assert env.loader is not None
    waiting, seen = [name], set()
    while waiting:
        current = waiting.pop()
        if current in seen:
            continue
        seen.add(current)
        env.get_template(current)
        source, _, _ = env.loader.get_source(env, current)
        waiting.extend(ref for ref in meta.find_referenced_templates(env.parse(source)) if ref)


def make_templates(directory: Path, nav: tuple[NavItem, ...]) -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(str(directory)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=COMPILED_TEMPLATES,
    )
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters["date"] = clock.format_date
    env.filters["datetime"] = clock.format_datetime
    env.globals["nav_items"] = nav
    env.globals["visible_items"] = visible_items
    env.globals["numbered_pages"] = query_page_links
    return Jinja2Templates(env=env)


@pass_context
def _gettext(context: Context, message: str) -> str:
    """``_("...")`` in a template: translated by the page's ``translations`` (a
    ``gettext.NullTranslations``), when the view passes one; otherwise as written."""
    translations = context.get("translations")
    return str(translations.gettext(message)) if translations is not None else message


@pass_context
def _ngettext(context: Context, singular: str, plural: str, n: int) -> str:
    translations = context.get("translations")
    if translations is not None:
        return str(translations.ngettext(singular, plural, n))
    return singular if n == 1 else plural


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true" and not request.headers.get(
        "hx-history-restore-request"
    )


def render(
    request: Request,
    template: str,
    context: Mapping[str, Any] | None = None,
    *,
    status_code: int = 200,
    partial: str | None = None,
) -> HTMLResponse:
    """Render ``template`` (or ``partial`` for an HTMX request) with the shell's context."""
    name = partial if partial and is_htmx(request) else template
    full = {**shell_context(request), **(context or {})}
    if name == template and status_code < 400 and request.method == "GET":
        _fill_kept_form(request, full)
    response = request.app.state.templates.TemplateResponse(
        request, name, full, status_code=status_code
    )
    response.headers["Vary"] = "HX-Request"
    return response  # type: ignore[no-any-return]


def _fill_kept_form(request: Request, context: dict[str, Any]) -> None:
    """The page a form was sent from when its session had ended, shown again to the same
    person signed in again: its form holds what they typed, once, and the page says why."""
    state = session_state(request.scope)
    if state.person_id is None:
        return
    kept = kept_forms.take(request.scope.get("session"), state.person_id, request.url.path)
    if kept is None:
        return
    values = context.get("values")
    context["values"] = {**(values if isinstance(values, Mapping) else {}), **kept.values}
    context["kept_form_notice"] = kept.notice(request.app.state.settings)


def shell_context(request: Request) -> dict[str, Any]:
    state = session_state(request.scope)
    principal = getattr(request.state, "principal", None)
    settings = request.app.state.settings
    return {
        "principal": principal,
        "permissions": principal.permissions if principal else frozenset(),
        "csrf_token": state.csrf_token,
        "csp_nonce": getattr(request.state, "csp_nonce", ""),
        "council": council_branding(request),
        "demo": settings.demo,
        "flashes": pop_flashes(request),
        "errors": {},
        "values": {},
        "kept_form_notice": "",
        "session_time": time_left(state, settings) if principal else None,
    }


def council_branding(request: Request) -> dict[str, str]:
    """The council's name and colour for the page, read again every 30 seconds.

    Once read, a page never waits for them: when they are due, the page gets the ones read
    before and a thread of its own reads them again. Reading them on the page's thread took
    a second connection while the request held one: with as many requests at once as the
    pool has connections, each waited for another's, and all of them for the pool's timeout.
    (A database bound to one connection, as in tests, is read at once.)"""
    app_state = request.app.state
    cached = getattr(app_state, "branding_cache", None)
    if cached and time.monotonic() - cached[0] < _BRANDING_TTL_SECONDS:
        return cached[1]  # type: ignore[no-any-return]
    if not cached or app_state.db.connection is not None:
        return _read_branding(app_state)
    refreshing: threading.Lock = made_once(app_state, "branding_refresh", threading.Lock)
    if refreshing.acquire(blocking=False):
        threading.Thread(target=_refresh_branding, args=(app_state, refreshing), daemon=True,
                         name="branding").start()  # fmt: skip
    return cached[1]  # type: ignore[no-any-return]


def _refresh_branding(app_state: Any, refreshing: threading.Lock) -> None:
    try:
        _read_branding(app_state)
    except Exception:  # the next page asks again; until then the branding read before stands
        logger.warning("The council's branding could not be read again", exc_info=True)
    finally:
        refreshing.release()


async def branding_ready(request: Request) -> None:
    """For views that run on the event loop: have the council's branding read (in a worker
    thread) when it is due within ``_BRANDING_GRACE_SECONDS``, so that rendering the page
    then reads no database on the loop."""
    cached = getattr(request.app.state, "branding_cache", None)
    due = _BRANDING_TTL_SECONDS - _BRANDING_GRACE_SECONDS
    if not cached or time.monotonic() - cached[0] >= due:
        await run_in_threadpool(_read_branding, request.app.state)


def _read_branding(app_state: Any) -> dict[str, str]:
    with app_state.db.session() as db:
        slug = app_state.settings.council_slug
        council = db.exec(select(Council).where(Council.slug == slug)).first()
    branding = {
        "name": council.name if council else "Children's social care",
        "colour": council.brand_colour if council else "#1d4f76",
    }
    app_state.branding_cache = (time.monotonic(), branding)
    return branding


def flash(request: Request, message: str, kind: str = "success") -> None:
    """A one-off message shown on the next page (stored in the server-side session)."""
    request.scope["session"].setdefault("_flashes", []).append({"message": message, "kind": kind})


def pop_flashes(request: Request) -> list[dict[str, str]]:
    session = request.scope.get("session")
    if not session or "_flashes" not in session:
        return []
    flashes: list[dict[str, str]] = session.pop("_flashes")
    return flashes


def keep_typed(request: Request, page: str, values: dict[str, str]) -> None:
    """What was typed into a form that was not the one sent, kept (in the server-side
    session) for the next showing of ``page``, so that no other button on a page loses it."""
    if any(value.strip() for value in values.values()):
        request.scope["session"].setdefault("_typed", {})[page] = values


def typed_for(request: Request, page: str) -> dict[str, str]:
    """What :func:`keep_typed` kept for ``page``, once."""
    session = request.scope.get("session")
    if not session or page not in session.get("_typed", {}):
        return {}
    kept = session["_typed"]
    values: dict[str, str] = kept.pop(page)
    if not kept:
        session.pop("_typed")
    return values


def redirect(request: Request, url: str) -> Response:
    """Post/Redirect/Get; an HTMX request is told where to go with ``HX-Redirect``."""
    if is_htmx(request):
        return Response(status_code=204, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)
