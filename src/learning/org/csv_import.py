"""The staff CSV: read it, check every row, and plan what importing it would change.

Pure: the file's bytes and a :class:`Directory` (what the council holds now) in, an
:class:`ImportPlan` out. Nothing here touches the database, so the preview (a dry run) and
the real import plan exactly the same way. An email already on the staff list updates that
person; any other email creates one. A plan with any error is never applied, in part.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from learning.core.permissions import Role
from learning.core.typed_text import without_hidden
from learning.org import forms
from learning.org.models import CareerStage

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
REQUIRED_COLUMNS = (
    "given_name", "family_name", "email", "job_title", "team", "career_stage", "roles",
)
OPTIONAL_COLUMNS = ("fte", "supervisor_email", "object_id")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
SAVE_AS_CSV = (
    "In Excel, choose File, Save As, then 'CSV UTF-8 (Comma delimited)', and upload that file."
)
EXAMPLE = (
    "given_name,family_name,email,job_title,team,career_stage,roles,fte,supervisor_email,object_id\n"
    "Ada,Lovelace,ada.lovelace@example.org,Team Manager,Child Protection South,Team manager,"
    "Team manager;Supervisor,1,,\n"
    "Sam,Okafor,sam.okafor@example.org,Social Worker,Child Protection South,Social worker,"
    "Practitioner,0.8,ada.lovelace@example.org,3f2b6c1e-8d4a-4e5f-9a7b-1c2d3e4f5a6b\n"
)


class FileProblem(ValueError):
    """The file as a whole cannot be read as a staff list."""


@dataclass(frozen=True)
class KnownPerson:
    """Someone already on the council's staff list, as the import compares them."""

    id: int
    email: str
    given_name: str
    family_name: str
    job_title: str
    team_id: int | None
    career_stage: CareerStage
    fte: float
    object_id: str | None
    active: bool
    roles: frozenset[Role] = frozenset()
    supervisor_emails: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Directory:
    """What the council holds now: teams by name (case-folded) and people by email."""

    teams: Mapping[str, int]
    people: Mapping[str, KnownPerson]
    importer_id: int | None = None

    def team_id(self, name: str) -> int | None:
        return self.teams.get(" ".join(name.split()).casefold())

    def linked_to(self, object_id: str) -> KnownPerson | None:
        return self._by_object_id.get(object_id)

    @cached_property
    def _by_object_id(self) -> dict[str, KnownPerson]:
        return {p.object_id: p for p in self.people.values() if p.object_id}


@dataclass(frozen=True)
class StaffRecord:
    """One valid row. ``fte``, ``supervisor_email`` and ``object_id`` are None when blank:
    a new person then gets FTE 1; an existing person keeps what they have."""

    given_name: str
    family_name: str
    email: str
    job_title: str
    team_id: int | None
    career_stage: CareerStage
    roles: frozenset[Role]
    fte: float | None = None
    supervisor_email: str | None = None
    object_id: str | None = None


@dataclass(frozen=True)
class CellError:
    column: str
    message: str


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    ERROR = "error"


@dataclass
class PlannedRow:
    number: int
    name: str
    email: str
    errors: list[CellError] = field(default_factory=list)
    record: StaffRecord | None = None
    existing: KnownPerson | None = None
    changes: tuple[str, ...] = ()
    new_supervisor: bool = False

    @property
    def action(self) -> Action:
        if self.errors or self.record is None:
            return Action.ERROR
        if self.existing is None:
            return Action.CREATE
        return Action.UPDATE if self.changes or self.new_supervisor else Action.UNCHANGED


@dataclass
class ImportPlan:
    rows: list[PlannedRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and bool(self.rows) and not self.counts[Action.ERROR]

    @property
    def counts(self) -> Counter[Action]:
        return Counter(row.action for row in self.rows)

    @property
    def new_supervisions(self) -> int:
        return sum(1 for row in self.rows if row.new_supervisor and not row.errors)


def plan_import(data: bytes, directory: Directory) -> ImportPlan:
    try:
        header, records = read_csv(data)
    except FileProblem as problem:
        return ImportPlan(problems=[str(problem)])
    plan = ImportPlan(ignored_columns=[c for c in header if c and c not in COLUMNS])
    file_emails = {
        forms.clean_email(cells.get("email", "")): number for number, cells, _ in records
    }
    seen_emails: dict[str, int] = {}
    seen_object_ids: dict[str, int] = {}
    for number, cells, extra in records:
        row = _check_row(number, cells, directory, file_emails)
        if extra:
            row.errors.append(CellError("", "This row has more values than there are columns: "
                                        "check for a comma that should be inside quotes"))
        _check_repeats(row, seen_emails, seen_object_ids)
        if row.errors:
            row.record = None
        plan.rows.append(row)
    return plan


# Reading the file -------------------------------------------------------------------------


def read_csv(data: bytes) -> tuple[list[str], list[tuple[int, dict[str, str], bool]]]:
    """The normalised header and each non-blank row as (row number, cells, had extra cells).

    Row numbers count the header as row 1, as a spreadsheet shows them."""
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise FileProblem(
            f"The file could not be read as CSV (line {reader.line_num}: {exc}). "
            f"{SAVE_AS_CSV}"
        ) from exc
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise FileProblem("The first row must name the columns, starting given_name,family_name.")
    header = [_column(cell) for cell in rows[0]]
    _check_header(header, rows[0])
    records = []
    for index, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        named = dict(zip(header, cells, strict=False))
        extra = any(cell.strip() for cell in cells[len(header):])
        records.append(
            (index, {k: without_hidden(v).strip() for k, v in named.items() if k}, extra)
        )
    if not records:
        raise FileProblem("The file has column names but no staff rows.")
    if len(records) > MAX_ROWS:
        raise FileProblem(
            f"The file has {len(records):,} staff rows; one file can hold at most "
            f"{MAX_ROWS:,}. Split it into smaller files."
        )
    return header, records


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise FileProblem("The file is larger than 2 MB. Split it into smaller files.")
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise FileProblem("The file is empty.")
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise FileProblem(f"The file is an Excel workbook, not a CSV file. {SAVE_AS_CSV}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileProblem(
            f"The file is not saved as UTF-8 text (the first problem is on line {line}). "
            f"{SAVE_AS_CSV}"
        ) from exc
    if "\x00" in text:
        raise FileProblem(f"The file is not a CSV file. {SAVE_AS_CSV}")
    return text


def _column(cell: str) -> str:
    return "_".join(cell.strip().casefold().replace("-", " ").split())


def _check_header(header: list[str], raw: list[str]) -> None:
    repeated = sorted(c for c, n in Counter(c for c in header if c).items() if n > 1)
    if repeated:
        raise FileProblem(f"The first row names the column {repeated[0]} more than once.")
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if not missing:
        return
    if len(raw) == 1 and (";" in raw[0] or "\t" in raw[0]):
        raise FileProblem("The columns must be separated by commas. "
                          f"This file seems to use semicolons or tabs. {SAVE_AS_CSV}")
    names = ", ".join(missing)
    plural = "columns" if len(missing) > 1 else "column"
    raise FileProblem(
        f"The file is missing the {plural} {names}. The first row must name the columns: "
        f"{', '.join(COLUMNS)} (the last three may be left out)."
    )


# Checking a row ---------------------------------------------------------------------------


def _check_row(
    number: int, cells: dict[str, str], directory: Directory, file_emails: Mapping[str, int]
) -> PlannedRow:
    get = cells.get
    email = forms.clean_email(get("email", ""))
    row = PlannedRow(number, f"{get('given_name', '')} {get('family_name', '')}".strip(), email)
    errors = row.errors
    given, family = get("given_name", ""), get("family_name", "")
    for column, value, what in (("given_name", given, "first name"),
                                ("family_name", family, "last name")):
        if not value:
            errors.append(CellError(column, f"Enter a {what}"))
        elif len(value) > forms.MAX_NAME:
            errors.append(CellError(
                column, f"The {what} must be {forms.MAX_NAME} characters or fewer"))
    if problem := forms.email_problem(email):
        errors.append(CellError("email", problem))
    row.existing = directory.people.get(email) if email else None
    job_title = get("job_title", "")
    if len(job_title) > forms.MAX_TITLE:
        errors.append(CellError(
            "job_title", f"The job title must be {forms.MAX_TITLE} characters or fewer"))
    team_id = _team(get("team", ""), directory, errors)
    stage = _stage(get("career_stage", ""), errors)
    roles = _roles(get("roles", ""), row.existing, directory, errors)
    fte = _fte(get("fte", ""), errors)
    supervisor = _supervisor(get("supervisor_email", ""), email, directory, file_emails, errors)
    object_id = _object_id(get("object_id", ""), row.existing, directory, errors)
    if errors or stage is None:
        return row
    row.record = StaffRecord(given, family, email, job_title, team_id, stage, roles, fte,
                             supervisor, object_id)
    row.changes = changes(row.record, row.existing) if row.existing else ()
    known = row.existing.supervisor_emails if row.existing else frozenset()
    row.new_supervisor = supervisor is not None and supervisor not in known
    return row


def _team(name: str, directory: Directory, errors: list[CellError]) -> int | None:
    if not name:
        return None
    team_id = directory.team_id(name)
    if team_id is None:
        errors.append(CellError("team", f'There is no team called "{name}". Check the spelling, '
                                "or add the team on the Teams page first"))
    return team_id


def _stage(value: str, errors: list[CellError]) -> CareerStage | None:
    stage = forms.stage_named(value) if value else None
    if stage is None:
        start = f'Unknown career stage "{value}"' if value else "Enter a career stage"
        errors.append(CellError("career_stage", f"{start}. Use one of: {forms.allowed_stages()}"))
    return stage


def _roles(
    value: str, existing: KnownPerson | None, directory: Directory, errors: list[CellError]
) -> frozenset[Role]:
    names = [name.strip() for name in value.split(";") if name.strip()]
    if not names:
        errors.append(CellError("roles", "Enter at least one role, separating roles with ; "
                                f"(semicolons). Use: {forms.allowed_roles()}"))
        return frozenset()
    unknown = [name for name in names if forms.role_named(name) is None]
    for name in unknown:
        errors.append(CellError("roles", f'Unknown role "{name}". Use one or more of: '
                                f"{forms.allowed_roles()}, separated by ;"))
    roles = frozenset(r for r in map(forms.role_named, names) if r is not None)
    if (existing is not None and existing.id == directory.importer_id and not unknown
            and Role.ADMINISTRATOR in existing.roles and Role.ADMINISTRATOR not in roles):
        errors.append(CellError("roles", "You cannot remove your own Administrator role"))
    return roles


def _fte(value: str, errors: list[CellError]) -> float | None:
    if not value:
        return None
    fte, problem = forms.parse_fte(value)
    if problem:
        errors.append(CellError("fte", f'{problem} (not "{value}")'))
    return fte


def _supervisor(
    value: str, email: str, directory: Directory, file_emails: Mapping[str, int],
    errors: list[CellError],
) -> str | None:
    supervisor = forms.clean_email(value)
    if not supervisor:
        return None
    message = None
    if forms.email_problem(supervisor):
        message = ("Enter the supervisor's email address in the correct format, "
                   "like name@example.org")
    elif supervisor == email:
        message = "A person cannot be their own supervisor"
    elif supervisor in directory.people and not directory.people[supervisor].active:
        message = f"The supervisor {supervisor} is disabled"
    elif supervisor not in directory.people and supervisor not in file_emails:
        message = f"No one with the email address {supervisor} is on the staff list or in this file"
    if message:
        errors.append(CellError("supervisor_email", message))
    return supervisor


def _object_id(
    value: str, existing: KnownPerson | None, directory: Directory, errors: list[CellError]
) -> str | None:
    object_id, problem = forms.parse_object_id(value)
    if problem:
        errors.append(CellError("object_id", problem))
        return None
    if object_id is not None:
        holder = directory.linked_to(object_id)
        if holder is not None and (existing is None or holder.id != existing.id):
            errors.append(CellError("object_id", "This Entra object ID is already linked to "
                                    f"another person ({holder.email})"))
    return object_id


def _check_repeats(row: PlannedRow, emails: dict[str, int], object_ids: dict[str, int]) -> None:
    if row.email and not forms.email_problem(row.email):
        if row.email in emails:
            row.errors.append(CellError("email", f"This email address is also on row "
                                        f"{emails[row.email]}: each person must appear once"))
        else:
            emails[row.email] = row.number
    object_id = row.record.object_id if row.record else None
    if object_id:
        if object_id in object_ids:
            row.errors.append(CellError("object_id", "This Entra object ID is also on row "
                                        f"{object_ids[object_id]}"))
        else:
            object_ids[object_id] = row.number


CHANGE_LABELS = {
    "given_name": "first name", "family_name": "last name", "job_title": "job title",
    "team_id": "team", "career_stage": "career stage", "roles": "roles", "fte": "FTE",
    "object_id": "Entra object ID",
}


def changes(record: StaffRecord, person: KnownPerson) -> tuple[str, ...]:
    """The fields a row would change on an existing person (blank optional cells keep)."""
    changed = []
    for name in CHANGE_LABELS:
        new = getattr(record, name)
        if name in ("fte", "object_id") and new is None:
            continue
        if new != getattr(person, name):
            changed.append(name)
    return tuple(changed)
