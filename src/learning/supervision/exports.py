"""A supervisee's supervision file and management-oversight entries, as files to download.

Pure: plain data in (built from the database by :mod:`learning.supervision.export_records`),
CSV text out; the PDF is drawn by :mod:`learning.supervision.export_pdf`. No database, no web.

Supervision file CSVs (for people, opened in a spreadsheet): UTF-8 with a byte-order mark so
spreadsheets read accents correctly, one header row, dates as YYYY-MM-DD, moments as UK local
time with their offset (2025-03-04T10:15:00+00:00), yes/no for true/false.

- ``sessions``: one row per recorded session (held, cancelled or rescheduled), oldest first.
  The personal columns (wellbeing, support needs, learning and CPD, career goals) are empty,
  and ``personal_section`` says "not included", unless the person downloading is the
  supervisee or that session's supervisor.
- ``actions``: one row per action agreed in those sessions.

Management-oversight entries for the case system (``oversight.csv``): UTF-8 without a
byte-order mark (it is read by an import, not a person), one header row, one row per case
discussion that records a decision, in a held session, oldest first, each as the record
was last recorded (a record being amended gives its last signed version until the
amendment is recorded). Asked for ``since`` a day, it gives the records changed on or
after that day (recorded, amended and recorded again, or signed off), whenever they were
held: an import that keeps the newest ``version`` of each case and session, or adds each
``source`` it does not hold yet, takes amended decisions to the child's file. Columns:

==================  ========================================================================
``case_reference``  the case system's identifier, exactly as recorded (no child's name is
                    stored or exported)
``date``            the day the session was held, YYYY-MM-DD
``supervisor``      who gave the oversight (the session's supervisor), by name
``practitioner``    whose supervision it was, by name
``entry_type``      always ``Management oversight (supervision)``
``note``            the text for the child's file, in this order, one part per paragraph:
                    a first line ``Management oversight (supervision), <date>, <supervisor>``,
                    then ``Decision:``, ``Rationale:``, ``What the child has told us:``
                    ("Not recorded in supervision." when empty), ``Next steps:`` (when
                    recorded), and ``Actions:`` with one line per action of this case,
                    ``- <what> (owner: <name>, due <d Month yyyy>, <status>)``
``signed_off``      yes if the supervisee has signed the record off, else no
``source``          ``supervision:session:<id>:case:<id>:version:<n>``: where the entry came
                    from, and which version of the record, so an import can recognise an
                    entry it already holds, and an amended one as new
``version``         the record's version: 1, then one more for each amendment recorded
``changed_on``      the day the record last changed (recorded, amended or signed off),
                    YYYY-MM-DD; the same entry's ``signed_off`` may go from no to yes with
                    a later ``changed_on``
==================  ========================================================================

Every cell is guarded against spreadsheet formulas (CSV injection): a cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from learning.core.clock import format_date, to_london
from learning.supervision.policy import FrequencyStep

ENTRY_TYPE = "Management oversight (supervision)"
#: A spreadsheet treats a cell starting with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


# The plain data an export is drawn from ---------------------------------------------------


@dataclass(frozen=True)
class AgreementTerms:
    supervisor: str
    starts_on: date
    frequency: str
    usual_duration_minutes: int
    venue: str
    confidentiality_terms: str
    recording_terms: str
    agreed: str


@dataclass(frozen=True)
class Personal:
    """The personal section: only for the supervisee and the session's supervisor."""

    wellbeing: int | None
    support_needs: str
    learning_and_cpd: str
    career_goals: str


@dataclass(frozen=True)
class Rating:
    rater: str
    score: int
    rated_on: date


@dataclass(frozen=True)
class CaseEntry:
    id: int
    case_reference: str
    #: (column heading, [(label, text)]) in the framework's order (Signs of Safety, ...).
    columns: Sequence[tuple[str, Sequence[tuple[str, str]]]]
    child_voice: str
    decision: str
    rationale: str
    learning_point: str
    scale_label: str
    ratings: Sequence[Rating] = ()


@dataclass(frozen=True)
class ActionEntry:
    session_id: int
    session_date: date
    description: str
    owner: str
    due_on: date
    status: str
    completed_on: date | None
    case_reference: str
    overdue: bool


@dataclass(frozen=True)
class VersionEntry:
    version: int
    signed_off_at: datetime | None
    amended_at: datetime
    amended_by: str
    reason: str


@dataclass(frozen=True)
class SessionEntry:
    id: int
    planned_for: date
    held_on: date | None
    status: str
    status_reason: str
    session_type: str
    duration_minutes: int | None
    supervisor: str
    attendees: Sequence[str]
    functions: Sequence[str]
    reflective_model: str
    #: (stage label, text) in the model's order; stages left empty are left out.
    reflections: Sequence[tuple[str, str]]
    personal: Personal | None
    cases: Sequence[CaseEntry]
    actions: Sequence[ActionEntry]
    signed_off_at: datetime | None
    supervisee_agreed: bool | None
    supervisee_comment: str
    version: int
    versions: Sequence[VersionEntry] = ()

    @property
    def day(self) -> date:
        return self.held_on or self.planned_for


@dataclass(frozen=True)
class SupervisionFile:
    person_id: int
    person: str
    job_title: str
    career_stage: str
    team: str
    supervisors: Sequence[str]
    agreement: AgreementTerms | None
    sessions: Sequence[SessionEntry]
    prepared_on: date
    prepared_by: str
    personal_note: str = ""
    actions: Sequence[ActionEntry] = field(default_factory=tuple)


@dataclass(frozen=True)
class OversightEntry:
    case_reference: str
    held_on: date
    supervisor: str
    practitioner: str
    decision: str
    rationale: str
    child_voice: str
    next_steps: str
    actions: Sequence[ActionEntry]
    signed_off: bool
    session_id: int
    case_id: int
    #: The record's version, and when it last changed (recorded, amended or signed off).
    version: int = 1
    changed_at: datetime | None = None

    @property
    def source(self) -> str:
        return (f"supervision:session:{self.session_id}:case:{self.case_id}"
                f":version:{self.version}")

    @property
    def changed_on(self) -> date | None:
        return to_london(self.changed_at).date() if self.changed_at else None


# Cells and files --------------------------------------------------------------------------


def csv_cell(value: object) -> str:
    """The value as text, with a leading apostrophe if a spreadsheet would run it."""
    if value is None:
        text = ""
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, datetime):
        text = to_london(value).isoformat(timespec="seconds")
    elif isinstance(value, date):
        text = value.isoformat()
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]], *, bom: bool) -> str:
    buffer = io.StringIO()
    if bom:
        buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue()


SESSION_COLUMNS = (
    "session_id", "planned_for", "held_on", "status", "status_reason", "type",
    "duration_minutes", "supervisor", "attendees", "functions", "reflective_model",
    "reflections", "case_references", "actions", "personal_section", "wellbeing",
    "support_needs", "learning_and_cpd", "career_goals", "signed_off_at", "supervisee_agreed",
    "supervisee_comment", "version",
)


def sessions_csv(file: SupervisionFile) -> str:
    return _csv(SESSION_COLUMNS, (_session_row(s) for s in file.sessions), bom=True)


def _session_row(entry: SessionEntry) -> list[object]:
    personal = entry.personal
    return [
        entry.id, entry.planned_for, entry.held_on, entry.status, entry.status_reason,
        entry.session_type, entry.duration_minutes, entry.supervisor,
        "; ".join(entry.attendees), "; ".join(entry.functions), entry.reflective_model,
        "\n\n".join(f"{label}: {text}" for label, text in entry.reflections),
        "; ".join(case.case_reference for case in entry.cases), len(entry.actions),
        "included" if personal else "not included",
        personal.wellbeing if personal else None,
        personal.support_needs if personal else "",
        personal.learning_and_cpd if personal else "",
        personal.career_goals if personal else "",
        entry.signed_off_at, entry.supervisee_agreed, entry.supervisee_comment, entry.version,
    ]


ACTION_COLUMNS = (
    "session_id", "session_date", "action", "owner", "due_on", "status", "completed_on",
    "overdue", "case_reference",
)


def actions_csv(file: SupervisionFile) -> str:
    rows = (
        (a.session_id, a.session_date, a.description, a.owner, a.due_on, a.status,
         a.completed_on, a.overdue, a.case_reference)
        for a in file.actions
    )
    return _csv(ACTION_COLUMNS, rows, bom=True)


OVERSIGHT_COLUMNS = (
    "case_reference", "date", "supervisor", "practitioner", "entry_type", "note",
    "signed_off", "source", "version", "changed_on",
)


def oversight_csv(entries: Iterable[OversightEntry]) -> str:
    rows = (
        (e.case_reference, e.held_on, e.supervisor, e.practitioner, ENTRY_TYPE,
         oversight_note(e), e.signed_off, e.source, e.version, e.changed_on)
        for e in entries
    )
    return _csv(OVERSIGHT_COLUMNS, rows, bom=False)


def oversight_note(entry: OversightEntry) -> str:
    """The management-oversight text for the child's file (format in the module docstring)."""
    parts = [
        f"{ENTRY_TYPE}, {format_date(entry.held_on)}, {entry.supervisor}",
        f"Decision: {entry.decision.strip()}",
        f"Rationale: {entry.rationale.strip() or 'Not recorded.'}",
        "What the child has told us: "
        + (entry.child_voice.strip() or "Not recorded in supervision."),
    ]
    if entry.next_steps.strip():
        parts.append(f"Next steps: {entry.next_steps.strip()}")
    if entry.actions:
        lines = [
            f"- {a.description} (owner: {a.owner}, due {format_date(a.due_on)}, {a.status.lower()})"
            for a in entry.actions
        ]
        parts.append("Actions:\n" + "\n".join(lines))
    return "\n\n".join(parts)


def filename(kind: str, subject: str, on: date, extension: str) -> str:
    """A download's name: no personal names, only what it is, whose id, and the day."""
    safe = "".join(c if c.isalnum() or c == "-" else "-" for c in f"{kind}-{subject}")
    return f"{safe}-{on.isoformat()}.{extension}"


def describe_steps(steps: Sequence[FrequencyStep]) -> str:
    """How often, in words: "Weekly for the first 6 weeks, then fortnightly until week 26,
    then monthly"."""
    parts: list[str] = []
    since = 0
    for step in steps:
        often = every(step.interval_days)
        if step.until_weeks is None:
            parts.append(often if not parts else f"then {often.lower()}")
        elif since == 0:
            parts.append(f"{often} for the first {step.until_weeks} weeks")
        else:
            parts.append(f"then {often.lower()} until week {step.until_weeks}")
        since = step.until_weeks or since
    return ", ".join(parts)


def every(days: int) -> str:
    """An interval in words ("Fortnightly", "Every 10 days")."""
    named = {7: "Weekly", 14: "Fortnightly", 28: "Every four weeks", 30: "Monthly", 31: "Monthly"}
    return named.get(days, f"Every {days} days")
