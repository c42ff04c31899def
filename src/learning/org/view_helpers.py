"""What the organisation's views share: the submitted form, and 404 for other councils' ids."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from starlette.datastructures import FormData

from learning.core.typed_text import cleaned_form


async def form_data(request: Request) -> FormData:
    """The submitted form, read once (the CSRF check may already have read it), without the
    characters nobody types (``core.typed_text``)."""
    return cleaned_form(await request.form())


FormDep = Annotated[FormData, Depends(form_data)]


def not_found() -> HTTPException:
    """Another council's record, or none at all: the same answer either way."""
    return HTTPException(status_code=404)
