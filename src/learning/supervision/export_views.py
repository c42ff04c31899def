"""Downloads: a supervisee's supervision file (PDF, sessions CSV, actions CSV) and the
management-oversight entries for the case system (one session, or everything overseen).

Each download is audited; a record the person may not read answers 404, as if it did not
exist, and the refusal is audited in its own transaction.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import Response
from sqlmodel import Session

from learning.accounts.dependencies import Principal, requires
from learning.audit.service import actor_from
from learning.core.clock import today
from learning.core.deps import DbSession
from learning.core.permissions import Permission
from learning.supervision import export_pdf, export_records, exports
from learning.supervision.access import NotYourRecord
from learning.supervision.views_common import refused

router = APIRouter()
Reader = Annotated[Principal, Depends(requires(Permission.SUPERVISION_OWN))]
Recorder = Annotated[Principal, Depends(requires(Permission.SUPERVISION_RECORD))]
Overseer = Annotated[Principal, Depends(requires(Permission.SUPERVISION_OVERSEE))]

CSV = "text/csv; charset=utf-8"
PDF = "application/pdf"
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@router.get("/supervision/supervisees/{person_id:id}/file.pdf", name="supervision_file_pdf")
def supervision_file_pdf(
    request: Request, db: DbSession, principal: Reader, person_id: int
) -> Response:
    file = _file(request, db, principal, person_id, "pdf")
    return _download(export_pdf.render(file), PDF, "supervision-file-person", person_id, "pdf")


@router.get("/supervision/supervisees/{person_id:id}/file.csv", name="supervision_file_csv")
def supervision_file_csv(
    request: Request, db: DbSession, principal: Reader, person_id: int
) -> Response:
    file = _file(request, db, principal, person_id, "csv")
    return _download(exports.sessions_csv(file), CSV, "supervision-sessions-person", person_id,
                     "csv")


@router.get("/supervision/supervisees/{person_id:id}/actions.csv",
            name="supervision_actions_csv")
def supervision_actions_csv(
    request: Request, db: DbSession, principal: Reader, person_id: int
) -> Response:
    file = _file(request, db, principal, person_id, "actions-csv")
    return _download(exports.actions_csv(file), CSV, "supervision-actions-person", person_id,
                     "csv")


@router.get("/supervision/sessions/{session_id:id}/oversight.csv", name="oversight_entries_csv")
def oversight_entries_csv(
    request: Request, db: DbSession, principal: Recorder, session_id: int
) -> Response:
    try:
        entries = export_records.session_oversight(db, actor_from(request), principal, session_id)
    except NotYourRecord as refusal:
        raise refused(request, db, refusal, "supervision_session", session_id) from None
    return _download(exports.oversight_csv(entries), CSV, "oversight-session", session_id, "csv")


@router.get("/supervision/oversight.csv", name="oversight_export")
def oversight_export(
    request: Request, db: DbSession, principal: Overseer, since: str = ""
) -> Response:
    """Everything overseen, from ``since`` (YYYY-MM-DD, as a date input sends it) if given."""
    day = _day(since)
    entries = export_records.council_oversight(db, actor_from(request), principal, day)
    subject = f"since-{day.isoformat()}" if day else "all"
    return _download(exports.oversight_csv(entries), CSV, "oversight-entries", subject, "csv")


def _file(
    request: Request, db: Session, principal: Principal, person_id: int, export_format: str
) -> exports.SupervisionFile:
    try:
        return export_records.supervision_file(
            db, actor_from(request), principal, person_id, export_format)
    except NotYourRecord as refusal:
        raise refused(request, db, refusal, "person", person_id) from None


def _day(text: str) -> date | None:
    """``since`` as a date; an impossible or malformed date is refused (422), not guessed."""
    text = text.strip()
    if not text:
        return None
    try:
        if not ISO_DAY.fullmatch(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise HTTPException(status_code=422) from None



def _download(body: str | bytes, media_type: str, kind: str, subject: object,
              extension: str) -> Response:
    name = exports.filename(kind, str(subject), today(), extension)
    return Response(body, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
