"""What the organisation's views share: the submitted form, 404 for other councils' ids, and
what a save refused because its page is out of date shows and keeps."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from sqlmodel import Session
from starlette.datastructures import FormData

from learning.audit.models import REFUSED
from learning.audit.service import actor_from, add_event
from learning.core.typed_text import cleaned_form


async def form_data(request: Request) -> FormData:
    """The submitted form, read once (the CSRF check may already have read it), without the
    characters nobody types (``core.typed_text``)."""
    return cleaned_form(await request.form())


FormDep = Annotated[FormData, Depends(form_data)]


def not_found() -> HTTPException:
    """Another council's record, or none at all: the same answer either way."""
    return HTTPException(status_code=404)


# A save from a page opened before another save -------------------------------------------
# An edit form carries what its page showed (``seen``: when the record last changed, or a
# fingerprint of its fields). A save whose ``seen`` is not the record's now is refused and
# the form shown again: what was typed kept, the current ``seen``, and beside it what is
# saved now where that differs (``differing``), so saving again is a choice made having seen
# both. A form without ``seen`` (a page served before forms carried one) is not checked.

#: Why such a save was refused, as its audit event says.
CHANGED_SINCE_OPENED = "changed since the page was opened"


def differing(
    saved: Mapping[str, Any], sent: Mapping[str, Any], labels: Mapping[str, str],
    words: Mapping[str, Callable[[Any], str]] | None = None,
) -> list[tuple[str, str]]:
    """What is saved now for each field (those of ``labels``, in their order) where the form
    sent says something else: the field's label and the saved value in words (``words`` for a
    choice or an id, as it is; "None" when empty)."""
    say = words or {}
    found = []
    for name, label in labels.items():
        now = saved[name]
        if now != sent.get(name, ""):
            found.append((label, say.get(name, str)(now) or "None"))
    return found


def note_refused_save(
    request: Request, db: Session, action: str, record_type: str, record_id: object
) -> None:
    """Keep a save refused as out of date in the audit log (``action``, such as
    ``person.save_refused``), with result refused, in the request's own transaction: the
    refused page is an answer like any other, and its request commits."""
    add_event(db, actor_from(request), action, REFUSED, record_type, record_id,
              {"why": CHANGED_SINCE_OPENED})  # fmt: skip
