"""Routes that take a file: a body over the limit goes back to the form, with the error
beside the field, before a byte of it is read.

Starlette's body limit answers a body over it with a bare "Content Too Large" page, and puts
that in place of any other answer while the declared length is over the limit: a person
choosing too big a file would be left on a page with nowhere to go. A route made with
``limited_upload_route`` checks the length the browser declares instead. Over the limit, it
redirects to the form (``?too_large=1``), whose page shows the error beside the file field;
a body sent without a length (never by a browser) is refused with 411. HTTP framing ends a
body at its declared length, so nothing longer is read.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request
from fastapi.routing import APIRoute
from starlette.responses import Response

from learning.core.errors import error_response
from learning.core.web import redirect

TOO_LARGE = "too_large"


def limited_upload_route(limit: int, form_route: str) -> type[APIRoute]:
    """A route class for ``APIRouter(route_class=...)``: bodies of at most ``limit`` bytes;
    over it, back to the route named ``form_route`` with ``?too_large=1``."""

    class LimitedUploadRoute(APIRoute):
        def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
            handler = super().get_route_handler()

            async def checked(request: Request) -> Response:
                declared = request.headers.get("content-length", "")
                if not declared.isdigit():
                    return error_response(request, 411)
                if int(declared) > limit:
                    return redirect(request, f"{request.url_for(form_route)}?{TOO_LARGE}=1")
                return await handler(request)

            return checked

    return LimitedUploadRoute


def too_large(request: Request) -> bool:
    """Whether the form is shown again because what was sent was over the limit."""
    return request.query_params.get(TOO_LARGE) == "1"
