"""One error handler: JSON, partial or page; the template is ``errors/[status].html``,
then ``errors/error.html``. No traceback ever reaches the person; the request id does."""

from __future__ import annotations

import logging
from collections.abc import Callable
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from jinja2 import TemplateNotFound
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from learning.accounts import kept_forms
from learning.accounts.dependencies import SignInRequired
from learning.core.csrf import SAFE_METHODS
from learning.core.headers import with_security_headers
from learning.core.web import is_htmx, redirect, render

log = logging.getLogger("learning.errors")

TITLES = {
    400: "Sorry, there is a problem with the request",
    403: "You do not have permission to see this page",
    404: "Page not found",
    405: "Sorry, that is not allowed",
    411: "Sorry, there is a problem with the request",
    413: "That file or form is too large",
    422: "Sorry, there is a problem with what was sent",
    429: "Too many requests",
    500: "Sorry, there is a problem with the service",
}


#: Renders a capability's own page for an error status at one of its public addresses.
ErrorPage = Callable[[Request, int], Response]


def public_error_pages(app: FastAPI, prefixes: tuple[str, ...], page: ErrorPage) -> None:
    """Not-found and not-allowed at an address starting with one of ``prefixes`` get
    ``page``, not the staff layout: a child who mistypes a feedback address stays in their
    language, with the safety message."""
    app.state.public_error_pages = [*getattr(app.state, "public_error_pages", []),
                                    (prefixes, page)]  # fmt: skip


def install(app: FastAPI) -> None:
    app.add_exception_handler(SignInRequired, _sign_in_required)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(ClientDisconnect, _client_gone)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)


async def _sign_in_required(request: Request, exc: SignInRequired) -> Response:
    """To sign in, then back. A form sent to a session that has ended goes back to the page
    it was on (its own address may take only a POST), and what was typed there is kept for
    the same person (``learning.accounts.kept_forms``), an HTMX request's (a draft saved as
    it is typed) too: it is told to go to sign in (``HX-Redirect``), never given the sign-in
    page to swap into the page it came from."""
    back_to = request.url.path
    if request.method not in SAFE_METHODS:
        back_to = kept_forms.form_page(request)
        await kept_forms.keep_sent_form(request, back_to)
    query = {"next": back_to}
    if exc.reason in ("idle", "absolute", "disabled"):
        query["ended"] = exc.reason
    return redirect(request, f"{request.url_for('sign_in')}?{urlencode(query)}")


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    return error_response(request, exc.status_code, headers=getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
    return error_response(request, 422)


async def _client_gone(request: Request, exc: ClientDisconnect) -> Response:
    """The browser went away mid-request (an autosave replaced by the next): nothing to say."""
    return Response(status_code=400)


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error", extra={"request_id": _request_id(request)})
    response = error_response(request, 500)
    # Starlette calls this handler from ServerErrorMiddleware, the outermost layer, so the
    # response bypasses SecurityHeadersMiddleware: add its headers here.
    nonce = str(getattr(request.state, "csp_nonce", ""))
    response.raw_headers[:] = with_security_headers(
        response.raw_headers, nonce, _request_id(request)
    )
    return response


def error_response(
    request: Request, status: int, headers: dict[str, str] | None = None
) -> Response:
    title = TITLES.get(status, "Sorry, there is a problem")
    if _wants_json(request):
        return JSONResponse({"error": title, "request_id": _request_id(request)}, status, headers)
    if status in (404, 405) and not is_htmx(request):
        pages: list[tuple[tuple[str, ...], ErrorPage]] = getattr(
            request.app.state, "public_error_pages", []
        )
        for prefixes, page in pages:
            if request.url.path.startswith(prefixes):
                return page(request, status)
    context = {"status": status, "title": title, "request_id": _request_id(request)}
    for name in (f"errors/{status}.html", "errors/error.html"):
        try:
            partial = "errors/_error.html" if is_htmx(request) else None
            response = render(request, name, context, status_code=status, partial=partial)
        except TemplateNotFound:
            continue
        for key, value in (headers or {}).items():
            response.headers[key] = value
        return response
    return Response(title, status, headers, media_type="text/plain")


def _wants_json(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return request.url.path.startswith("/api/") or (
        "application/json" in accept and "text/html" not in accept
    )


def _request_id(request: Request) -> str:
    return str(getattr(request.state, "request_id", ""))
