"""Importing staff from a CSV file: upload, a dry-run preview, then confirm.

The preview writes nothing. It carries the file to the confirm step in a hidden field
(base64, so it comes back byte for byte); confirming plans it again against the database
as it is then and applies it only if every row is valid.
"""

from __future__ import annotations

import base64
import binascii
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import Response

from learning.accounts.dependencies import Principal, requires
from learning.audit.service import actor_from
from learning.core.deps import DbSession
from learning.core.permissions import Permission, Role
from learning.core.uploads import limited_upload_route, too_large
from learning.core.web import flash, redirect, render
from learning.org import csv_import, service, staff_import
from learning.org.csv_import import Action, ImportPlan
from learning.org.models import CareerStage

#: The upload may be at most 2 MB; anything up to this is answered with a field error, and
#: anything over it is sent back to the upload page before it is read (learning.core.uploads).
UPLOAD_BODY_LIMIT = 4 * 1024 * 1024
TOO_LARGE = "The selected file must be smaller than 2 MB"
router = APIRouter()
upload_router = APIRouter(route_class=limited_upload_route(UPLOAD_BODY_LIMIT, "staff_import"))
Importer = Annotated[Principal, Depends(requires(Permission.STAFF_IMPORT))]

#: The confirm form carries the file as base64 (a third larger than the file).
CONFIRM_FIELD_LIMIT = csv_import.MAX_BYTES * 4 // 3 + 1024
SUMMARY_LIMIT = 20


@router.get("/people/import", name="staff_import")
def staff_import_page(request: Request, db: DbSession, principal: Importer) -> Response:
    return _upload_page(request, db, principal, {"file": TOO_LARGE} if too_large(request) else {})


@router.get("/people/import/example.csv", name="staff_import_example")
def staff_import_example(principal: Importer) -> Response:
    return Response(
        csv_import.EXAMPLE.encode("utf-8"), media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="staff-example.csv"'},
    )


@upload_router.post("/people/import/preview", name="staff_import_preview")
def staff_import_preview(
    request: Request, db: DbSession, principal: Importer,
    file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    upload = file
    if upload is None or not upload.filename:
        return _upload_page(request, db, principal, {"file": "Select a CSV file"}, 422)
    data = upload.file.read(csv_import.MAX_BYTES + 1)
    if len(data) > csv_import.MAX_BYTES:
        return _upload_page(request, db, principal,
                            {"file": TOO_LARGE}, 422)
    plan = staff_import.preview(db, principal.council_id, principal.person_id, data)
    return _preview_or_upload(request, db, principal, plan, data)


@upload_router.post("/people/import/confirm", name="staff_import_confirm",
                    form_limits={"max_part_size": CONFIRM_FIELD_LIMIT})
def staff_import_confirm(
    request: Request, db: DbSession, principal: Importer,
    csv_data: Annotated[str, Form()] = "",
) -> Response:
    try:
        data = base64.urlsafe_b64decode(csv_data.encode("ascii"))
    except (binascii.Error, UnicodeEncodeError):
        data = b""
    if not data:
        return _upload_page(request, db, principal, {
            "file": "The file was not received. Select it and check it again"}, 422)
    council = service.require_council(db, principal.council_id)
    plan, applied = staff_import.apply(db, actor_from(request), council, data)
    if not applied:
        return _preview_or_upload(request, db, principal, plan, data)
    counts = plan.counts
    flash(request, f"Staff imported: {counts[Action.CREATE]} added, "
          f"{counts[Action.UPDATE]} updated, {counts[Action.UNCHANGED]} unchanged")
    return redirect(request, str(request.url_for("people_list")))


def _preview_or_upload(
    request: Request, db: DbSession, principal: Principal, plan: ImportPlan, data: bytes
) -> Response:
    if plan.problems:
        return _upload_page(request, db, principal, {"file": " ".join(plan.problems)}, 422)
    errors: dict[str, str] = {}
    for row in plan.rows:
        for index, error in enumerate(row.errors, start=1):
            column = f", column {error.column}" if error.column else ""
            errors[f"row-{row.number}-{index}"] = f"Row {row.number}{column}: {error.message}"
    shown = dict(list(errors.items())[:SUMMARY_LIMIT])
    return render(request, "org/import_preview.html", {
        "plan": plan,
        "counts": plan.counts,
        "rows": [r for r in plan.rows if r.errors] if errors else plan.rows,
        "errors": shown,
        "more_errors": len(errors) - len(shown),
        "csv_data": "" if errors else base64.urlsafe_b64encode(data).decode("ascii"),
        "change_labels": csv_import.CHANGE_LABELS,
    }, status_code=422 if errors else 200)


def _upload_page(
    request: Request, db: DbSession, principal: Principal, errors: dict[str, str],
    status: int = 200,
) -> Response:
    context: dict[str, Any] = {
        "errors": errors,
        "columns": csv_import.COLUMNS,
        "required_columns": csv_import.REQUIRED_COLUMNS,
        "example_rows": csv_import.EXAMPLE.strip().splitlines(),
        "teams": [t.name for t in service.list_teams(db, principal.council_id)],
        "roles": [r.label for r in Role],
        "stages": [s.label for s in CareerStage],
        "max_rows": csv_import.MAX_ROWS,
    }
    return render(request, "org/staff_import.html", context, status_code=status)
