"""The administrators' audit page: filters, 50 events a page, and a CSV export.

The filter form is a plain GET form (it works without JavaScript); with HTMX only the
results are swapped. Viewing and exporting the log are themselves audited.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response, StreamingResponse
from sqlmodel import Session

from learning.accounts.dependencies import Principal, requires
from learning.audit import service
from learning.audit.models import FAILED, REFUSED, SUCCEEDED
from learning.audit.service import (
    NOT_RECORDED,
    NOT_RECORDED_WORDS,
    AuditFilter,
    actor_from,
    record,
)
from learning.core.clock import today
from learning.core.db import Database
from learning.core.deps import DbSession
from learning.core.pagination import PageLinks, page_links
from learning.core.permissions import Permission
from learning.core.web import is_htmx, render

router = APIRouter()

PAGE_SIZE = 50
AuditReader = Annotated[Principal, Depends(requires(Permission.AUDIT_READ))]
AuditExporter = Annotated[Principal, Depends(requires(Permission.AUDIT_EXPORT))]

#: Text filters: query parameter, longest accepted value, and how the field is named.
TEXT_FIELDS = {
    "action": (80, "Action"),
    "actor": (80, "Person"),
    "record_type": (60, "Record type"),
    "record_id": (64, "Record ID"),
}
#: What came of an action (``AuditEvent.result``), as the result filter offers it and the
#: table shows it; events from before results were kept are "not recorded" (their "").
RESULT_OPTIONS = [
    (SUCCEEDED, "Succeeded"),
    (REFUSED, "Refused"),
    (FAILED, "Failed"),
    (NOT_RECORDED, NOT_RECORDED_WORDS.capitalize()),
]
#: Each result as the table shows it, by what the event holds.
RESULT_LABELS = dict(RESULT_OPTIONS) | {"": NOT_RECORDED_WORDS.capitalize()}
DATE_FIELDS = {"date_from": ("from", "From date"), "date_to": ("to", "To date")}
DATE_PARTS = ("day", "month", "year")
_PART_PATTERN = {"day": r"[0-9]{1,2}", "month": r"[0-9]{1,2}", "year": r"[0-9]{4}"}


@dataclass
class FilterForm:
    """What was typed into the filters (kept as typed), any errors, and the filter it means."""

    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    dates: dict[str, date | None] = field(default_factory=dict)
    page: int = 1

    def audit_filter(self, council_id: int) -> AuditFilter:
        return AuditFilter(
            council_id=council_id,
            action=self.values["action"],
            actor_name=self.values["actor"],
            record_type=self.values["record_type"],
            record_id=self.values["record_id"],
            result=self.values["result"],
            since=self.dates.get("date_from"),
            until=self.dates.get("date_to"),
        )

    def query(self, **extra: object) -> str:
        """The filters as a query string (empty fields left out), plus ``extra``."""
        pairs = {key: value for key, value in self.values.items() if value}
        pairs.update({key: str(value) for key, value in extra.items()})
        return urlencode(pairs)


def parse_filters(params: Mapping[str, str]) -> FilterForm:
    form = FilterForm()
    for name, (longest, label) in TEXT_FIELDS.items():
        value = params.get(name, "").strip()
        form.values[name] = value
        if len(value) > longest:
            form.errors[name] = f"{label} must be {longest} characters or fewer"
    result = params.get("result", "").strip()[:20]
    form.values["result"] = result
    if result and result not in dict(RESULT_OPTIONS):
        form.errors["result"] = "Select a result from the list"
    for name, (prefix, label) in DATE_FIELDS.items():
        form.dates[name] = _parse_date(form, params, name, prefix, label)
    since, until = form.dates["date_from"], form.dates["date_to"]
    if since and until and since > until:
        form.errors["date_to"] = "To date must be the same as or after the from date"
    page = params.get("page", "1")
    form.page = max(1, int(page)) if page.isascii() and page.isdigit() and len(page) < 7 else 1
    return form


def _parse_date(
    form: FilterForm, params: Mapping[str, str], name: str, prefix: str, label: str
) -> date | None:
    """A GOV.UK date input: day, month and year fields, all empty or all filled."""
    parts = {part: params.get(f"{prefix}_{part}", "").strip()[:10] for part in DATE_PARTS}
    form.values.update({f"{prefix}_{part}": value for part, value in parts.items()})
    if not any(parts.values()):
        return None
    missing = [part for part in DATE_PARTS if not parts[part]]
    if missing:
        form.errors[name] = f"{label} must include a {' and '.join(missing)}"
        return None
    if not re.fullmatch(_PART_PATTERN["year"], parts["year"]) and parts["year"].isdigit():
        form.errors[name] = f"{label} year must include 4 numbers"
        return None
    if not all(re.fullmatch(_PART_PATTERN[part], parts[part]) for part in DATE_PARTS):
        form.errors[name] = f"{label} must be a real date"
        return None
    try:
        return date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    except ValueError:
        form.errors[name] = f"{label} must be a real date"
        return None


@router.get("/audit", name="audit_events")
def audit_events(request: Request, db: DbSession, principal: AuditReader) -> Response:
    form = parse_filters(request.query_params)
    if form.errors:
        return _invalid(request, db, principal, form)
    audit_filter = form.audit_filter(principal.council_id)
    total = service.count_events(db, audit_filter)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(form.page, pages)
    events = service.list_events(db, audit_filter, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    context = _form_context(request, db, principal, form) | {
        "rows": [(event, _detail_lines(service.detail_of(event))) for event in events],
        "total": total,
        "first": (page - 1) * PAGE_SIZE + 1,
        "last": (page - 1) * PAGE_SIZE + len(events),
        "pagination": _pagination(request, form, page, pages),
    }
    record(db, actor_from(request), "audit.viewed", filters=audit_filter.describe(), page=page)
    return render(request, "audit/events.html", context, partial="audit/_results.html")


@router.get("/audit/export.csv", name="audit_export")
def audit_export(request: Request, db: DbSession, principal: AuditExporter) -> Response:
    form = parse_filters(request.query_params)
    if form.errors:
        return _invalid(request, db, principal, form)
    audit_filter = form.audit_filter(principal.council_id)
    rows = service.count_events(db, audit_filter)
    # Committed with the request's transaction, after this view returns and before any row
    # leaves: no export goes unrecorded. (Not in a transaction of its own: on SQLite this
    # request already holds the one write turn, which such a transaction would wait for.)
    service.record(db, actor_from(request), "audit.exported", filters=audit_filter.describe(),
                   rows=rows)
    filename = f"audit-events-{today().isoformat()}.csv"
    return StreamingResponse(
        _csv_stream(request.app.state.db, audit_filter),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _csv_stream(database: Database, audit_filter: AuditFilter) -> Iterator[str]:
    """A byte-order mark (so spreadsheets read the names as UTF-8), then the rows."""
    yield "\ufeff"
    with database.session() as db:
        yield from service.csv_lines(service.iter_events(db, audit_filter))


def _invalid(request: Request, db: Session, principal: Principal, form: FilterForm) -> Response:
    """The page again with the errors next to the fields, as typed. An HTMX request cannot
    swap a 422 into the results, so it is sent to the full page instead."""
    if is_htmx(request):
        url = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return Response(status_code=422, headers={"HX-Redirect": url, "Vary": "HX-Request"})
    context = _form_context(request, db, principal, form) | {"errors": form.errors}
    return render(request, "audit/events.html", context, status_code=422)


def _form_context(
    request: Request, db: Session, principal: Principal, form: FilterForm
) -> dict[str, Any]:
    actions = service.list_actions(db, principal.council_id)
    record_types = service.list_record_types(db, principal.council_id)
    return {
        "values": form.values,
        "action_options": _with_typed(_action_options(actions), form.values["action"]),
        "record_type_options": _with_typed(
            [(t, t) for t in record_types], form.values["record_type"]
        ),
        "result_options": RESULT_OPTIONS,
        "result_labels": RESULT_LABELS,
        "rows": [],
        "total": 0,
        "pagination": None,
        "can_export": principal.can(Permission.AUDIT_EXPORT),
        "export_url": f"{request.url_for('audit_export')}?{form.query()}".rstrip("?"),
    }


def _detail_lines(detail: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The detail as ``key: value`` lines; a nested mapping (the filters) on one line."""
    lines = []
    for key, value in sorted(detail.items()):
        if isinstance(value, Mapping):
            value = ", ".join(f"{k}: {v}" for k, v in sorted(value.items())) or "none"
        lines.append((key, str(value)))
    return lines


def _action_options(actions: list[str]) -> list[tuple[str, str]]:
    """Each known action, and before a family of actions (``sign_in.``) the whole family."""
    families: dict[str, list[str]] = {}
    for action in actions:
        families.setdefault(action.split(".", 1)[0], []).append(action)
    options: list[tuple[str, str]] = []
    for family, members in sorted(families.items()):
        if len(members) > 1:
            options.append((f"{family}.", f"{family}: all {len(members)} kinds"))
        options.extend((action, action) for action in members)
    return options


def _with_typed(options: list[tuple[str, str]], typed: str) -> list[tuple[str, str]]:
    """Keep a value that is not (or no longer) among the options, so it stays selected."""
    if typed and typed not in {value for value, _ in options}:
        return [*options, (typed, typed)]
    return options


def _pagination(request: Request, form: FilterForm, page: int, pages: int) -> PageLinks | None:
    base = str(request.url_for("audit_events"))
    return page_links(page, pages, lambda n: f"{base}?{form.query(page=n)}")
