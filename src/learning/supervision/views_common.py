"""What the session pages share: the submitted form, refusals as 404s that are audited,
records that cannot change now, safe return addresses, and the words shown for terms."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from fastapi.responses import Response
from sqlmodel import Session

from learning.accounts.dependencies import Principal, requires
from learning.audit.service import record_refusal
from learning.core.deps import DbSession
from learning.core.permissions import Permission
from learning.core.typed_text import without_hidden
from learning.core.web import flash, keep_typed, redirect
from learning.supervision import forms
from learning.supervision.access import NotYourRecord
from learning.supervision.forms import Fields
from learning.supervision.lifecycle import SIGNED_OFF

Reader = Annotated[Principal, Depends(requires(Permission.SUPERVISION_OWN))]
Recorder = Annotated[Principal, Depends(requires(Permission.SUPERVISION_RECORD))]

#: Which record a refused request asked for, by the name of its path parameter.
RECORD_TYPES = {
    "session_id": "supervision_session",
    "case_id": "case_discussion",
    "action_id": "supervision_action",
    "person_id": "person",
}


def refusals(request: Request, db: DbSession) -> Iterator[None]:
    """A record the person may not see or change answers 404, as if it did not exist
    (``refused``), for every supervision route that yields to it: the record is the one
    its path names."""
    try:
        yield
    except NotYourRecord as refusal:
        kind, value = next(((RECORD_TYPES[k], v) for k, v in request.path_params.items()
                            if k in RECORD_TYPES), ("", ""))
        raise refused(request, db, refusal, kind, value) from refusal


def refused(
    request: Request, db: Session, refusal: NotYourRecord, record_type: str, record_id: object
) -> HTTPException:
    """404, as if the record did not exist; the request's own work is rolled back and the
    refusal kept in the audit log, in a transaction of its own (``record_refusal``)."""
    record_refusal(request, db, "supervision.refused", record_type, record_id, str(refusal))
    return HTTPException(status_code=404)


async def form_fields(request: Request) -> Fields:
    """The submitted form's text fields (the CSRF check may already have read it), without
    the characters nobody types (``core.typed_text``)."""
    form = await request.form()
    return Fields({
        name: [without_hidden(value) for value in form.getlist(name) if isinstance(value, str)]
        for name in form if name != "csrf_token"
    })


FormFields = Annotated[Fields, Depends(form_fields)]


def cannot_change_now(
    request: Request, message: str, session_id: int, fields: Fields | None = None
) -> Response:
    """Back to the record, saying why the change was not made. Words typed into a form that
    was open before the record was signed off (or changed hands) come back on the record's
    page, to copy into an amendment: they are not lost, and not put in the record unasked."""
    flash(request, message, "important")
    if fields is not None:
        keep_typed(request, unsaved_key(session_id), forms.typed_words(fields))
    return redirect(request, str(request.url_for("session_detail", session_id=session_id)))


def unsaved_key(session_id: int) -> str:
    """Where a session's unsaved words are kept for its page (``core.web.keep_typed``)."""
    return f"supervision-session-{session_id}-unsaved"


def local_path(candidate: str, fallback: str) -> str:
    """``candidate`` if it is a path on this site, else ``fallback``."""
    ok = candidate.startswith("/") and not candidate.startswith(("//", "/\\"))
    return candidate if ok and "\\" not in candidate and len(candidate) < 500 else fallback


def labels() -> dict[str, Any]:
    return {
        "outcome": forms.OUTCOME_LABELS,
        "type": forms.TYPE_LABELS,
        "function": forms.FUNCTION_LABELS,
        "rater": forms.RATER_LABELS,
        "status": forms.STATUS_LABELS,
        "action_status": forms.ACTION_STATUS_LABELS,
        #: The outcomes signed off by the supervisee (``lifecycle.needs_sign_off``).
        "signed_off": sorted(status.value for status in SIGNED_OFF),
    }
