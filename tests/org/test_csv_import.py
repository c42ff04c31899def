"""The staff CSV, read and checked without a database: every bad input gets a plain message."""

from __future__ import annotations

import pytest

from learning.core.permissions import Role
from learning.org.csv_import import (
    MAX_ROWS,
    Action,
    CellError,
    Directory,
    KnownPerson,
    plan_import,
)
from learning.org.models import CareerStage

HEADER = ("given_name,family_name,email,job_title,team,career_stage,roles,fte,"
          "supervisor_email,object_id")
OBJECT_ID = "3f2b6c1e-8d4a-4e5f-9a7b-1c2d3e4f5a6b"


def known(person_id: int = 1, email: str = "kim@example.test", **fields: object) -> KnownPerson:
    values: dict[str, object] = {
        "id": person_id, "email": email, "given_name": "Kim", "family_name": "Lee",
        "job_title": "Social Worker", "team_id": 10, "career_stage": CareerStage.SOCIAL_WORKER,
        "fte": 1.0, "object_id": None, "active": True, "roles": frozenset({Role.PRACTITIONER}),
    }
    values.update(fields)
    return KnownPerson(**values)  # type: ignore[arg-type]


def directory(*people: KnownPerson, importer_id: int | None = None) -> Directory:
    return Directory(teams={"north team": 10, "south": 11},
                     people={p.email: p for p in people}, importer_id=importer_id)


def csv_of(*rows: str, header: str = HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def row(given: str = "Ada", family: str = "Ng", email: str = "ada@example.test",
        title: str = "Social Worker", team: str = "North Team", stage: str = "social_worker",
        roles: str = "practitioner", fte: str = "", supervisor: str = "",
        object_id: str = "") -> str:
    return ",".join([given, family, email, title, team, stage, roles, fte, supervisor, object_id])


def only_errors(data: bytes, where: Directory | None = None) -> list[tuple[int, CellError]]:
    plan = plan_import(data, where or directory())
    assert not plan.problems, plan.problems
    return [(r.number, e) for r in plan.rows for e in r.errors]


def problem(data: bytes) -> str:
    plan = plan_import(data, directory())
    assert len(plan.problems) == 1 and not plan.rows
    return plan.problems[0]


def test_a_good_file_plans_a_creation_with_typed_values() -> None:
    plan = plan_import(csv_of(row(team="north  TEAM", stage="Newly qualified (ASYE)",
                                  roles="Practitioner; team manager", fte="0.5",
                                  object_id=OBJECT_ID.upper(), email="Ada@Example.TEST")),
                       directory())
    assert plan.ok
    [planned] = plan.rows
    assert (planned.number, planned.action) == (2, Action.CREATE)
    record = planned.record
    assert record is not None
    assert (record.email, record.team_id, record.career_stage, record.fte, record.object_id) == (
        "ada@example.test", 10, CareerStage.ASYE, 0.5, OBJECT_ID)
    assert record.roles == {Role.PRACTITIONER, Role.TEAM_MANAGER}


def test_optional_columns_may_be_left_out_and_extra_columns_are_ignored() -> None:
    header = "email,given_name,family_name,job_title,team,career_stage,roles,notes"
    plan = plan_import(csv_of("ada@example.test,Ada,Ng,,,Other,Supervisor,hello", header=header),
                       directory())
    assert plan.ok and plan.ignored_columns == ["notes"]
    assert plan.rows[0].record is not None and plan.rows[0].record.team_id is None


def test_a_byte_order_mark_and_windows_line_endings_are_fine() -> None:
    data = b"\xef\xbb\xbf" + csv_of(row()).replace(b"\n", b"\r\n")
    assert plan_import(data, directory()).ok


def test_an_existing_email_updates_that_person_and_lists_what_changes() -> None:
    kim = known(job_title="Social Worker")
    plan = plan_import(csv_of(row(given="Kim", family="Lee", email="KIM@example.test",
                                  title="Senior Practitioner", roles="Practitioner")),
                       directory(kim))
    [planned] = plan.rows
    assert planned.action is Action.UPDATE and planned.existing == kim
    assert planned.changes == ("job_title",)


def test_an_existing_person_with_nothing_new_is_unchanged_and_blank_fte_keeps_theirs() -> None:
    kim = known(fte=0.6)
    plan = plan_import(csv_of(row(given="Kim", family="Lee", email=kim.email)), directory(kim))
    assert plan.rows[0].action is Action.UNCHANGED
    assert plan.ok


def test_a_new_supervisor_is_planned_once_and_one_already_current_is_not() -> None:
    boss = known(2, "boss@example.test")
    kim = known(supervisor_emails=frozenset({"boss@example.test"}))
    plan = plan_import(csv_of(
        row(given="Kim", family="Lee", email=kim.email, supervisor="boss@example.test"),
        row(email="new@example.test", supervisor="ada@example.test"),
        row(email="ada@example.test"),
    ), directory(boss, kim))
    assert [r.action for r in plan.rows] == [Action.UNCHANGED, Action.CREATE, Action.CREATE]
    assert [r.new_supervisor for r in plan.rows] == [False, True, False]
    assert plan.new_supervisions == 1


@pytest.mark.parametrize(("data", "message"), [
    (b"", "The file is empty."),
    (b"\xef\xbb\xbf \r\n", "The file is empty."),
    (HEADER.encode() + b"\n,,,,,,,,,\n", "The file has column names but no staff rows."),
    (b"PK\x03\x04\x14\x00binary", "The file is an Excel workbook, not a CSV file. In Excel, "
     "choose File, Save As, then 'CSV UTF-8 (Comma delimited)', and upload that file."),
    (HEADER.encode() + b"\nAda,N\xe9,x@example.test\n", "The file is not saved as UTF-8 text "
     "(the first problem is on line 2). In Excel, choose File, Save As, then 'CSV UTF-8 "
     "(Comma delimited)', and upload that file."),
])
def test_whole_file_problems_are_explained(data: bytes, message: str) -> None:
    assert problem(data) == message


def test_missing_columns_are_named() -> None:
    message = problem(csv_of("Ada,Ng", header="given_name,family_name,team"))
    assert message.startswith("The file is missing the columns email, job_title, career_stage, "
                              "roles. The first row must name the columns: given_name,")


def test_a_file_separated_by_semicolons_is_recognised() -> None:
    assert problem(csv_of("Ada;Ng", header=HEADER.replace(",", ";"))).startswith(
        "The columns must be separated by commas.")


def test_a_repeated_column_is_named() -> None:
    assert problem(csv_of("", header=HEADER + ",email")) == (
        "The first row names the column email more than once.")


def test_a_binary_file_is_not_a_csv() -> None:
    assert problem(b"\x00\x01\x02\x03").startswith("The file is not a CSV file.")


def test_too_many_rows_is_refused_with_the_limit() -> None:
    rows = [row(email=f"p{n}@example.test") for n in range(MAX_ROWS + 1)]
    assert problem(csv_of(*rows)) == (
        "The file has 5,001 staff rows; one file can hold at most 5,000. "
        "Split it into smaller files.")


def test_a_file_of_exactly_the_limit_is_accepted() -> None:
    rows = [row(email=f"p{n}@example.test") for n in range(MAX_ROWS)]
    assert plan_import(csv_of(*rows), directory()).ok


def test_an_unknown_role_is_named_with_the_roles_allowed() -> None:
    [(number, error)] = only_errors(csv_of(row(), row(email="b@example.test",
                                                      roles="Practitioner;Boss")))
    assert number == 3 and error.column == "roles"
    assert error.message == (
        'Unknown role "Boss". Use one or more of: Practitioner, Supervisor, Team manager, '
        "Workforce lead, Safeguarding lead, Principal social worker, Administrator, separated by ;")


@pytest.mark.parametrize(("cells", "column", "message"), [
    ({"team": "Nowhere"}, "team", 'There is no team called "Nowhere". Check the spelling, or '
     "add the team on the Teams page first"),
    ({"email": "not-an-email"}, "email",
     "Enter an email address in the correct format, like name@example.org"),
    ({"email": ""}, "email", "Enter an email address"),
    ({"given": ""}, "given_name", "Enter a first name"),
    ({"fte": "1.5"}, "fte", 'FTE must be a number from 0.1 to 1, like 0.6 (not "1.5")'),
    ({"fte": "0"}, "fte", 'FTE must be a number from 0.1 to 1, like 0.6 (not "0")'),
    ({"stage": "Wizard"}, "career_stage", 'Unknown career stage "Wizard". Use one of: '
     "Student social worker, Newly qualified (ASYE), Social worker, Senior practitioner, "
     "Advanced practitioner, Team manager, Service manager, Head of service, "
     "Family support worker, Other"),
    ({"roles": ""}, "roles", "Enter at least one role, separating roles with ; (semicolons). "
     "Use: Practitioner, Supervisor, Team manager, Workforce lead, Safeguarding lead, "
     "Principal social worker, Administrator"),
    ({"supervisor": "ada@example.test"}, "supervisor_email",
     "A person cannot be their own supervisor"),
    ({"supervisor": "ghost@example.test"}, "supervisor_email",
     "No one with the email address ghost@example.test is on the staff list or in this file"),
    ({"object_id": "12345"}, "object_id",
     "Enter the Entra object ID in the format 00000000-0000-0000-0000-000000000000"),
])
def test_each_bad_cell_is_reported_with_its_row_and_column(
    cells: dict[str, str], column: str, message: str
) -> None:
    assert only_errors(csv_of(row(**cells))) == [(2, CellError(column, message))]


def test_a_duplicate_email_in_the_file_points_at_the_first_row() -> None:
    errors = only_errors(csv_of(row(), row(email="ADA@example.test")))
    assert errors == [(3, CellError("email", "This email address is also on row 2: each person "
                                    "must appear once"))]


def test_an_object_id_linked_to_someone_else_or_repeated_is_refused() -> None:
    linked = known(7, "linked@example.test", object_id=OBJECT_ID)
    errors = only_errors(csv_of(row(object_id=OBJECT_ID)), directory(linked))
    assert errors == [(2, CellError("object_id", "This Entra object ID is already linked to "
                                    "another person (linked@example.test)"))]
    other = "11111111-1111-4111-8111-111111111111"
    errors = only_errors(csv_of(row(object_id=other), row(email="b@example.test", object_id=other)))
    assert errors == [(3, CellError("object_id", "This Entra object ID is also on row 2"))]


def test_a_disabled_supervisor_is_refused() -> None:
    gone = known(3, "gone@example.test", active=False)
    errors = only_errors(csv_of(row(supervisor="gone@example.test")), directory(gone))
    assert errors == [(2, CellError("supervisor_email",
                                    "The supervisor gone@example.test is disabled"))]


def test_the_importer_cannot_remove_their_own_administrator_role() -> None:
    me = known(5, "me@example.test", roles=frozenset({Role.ADMINISTRATOR}))
    errors = only_errors(csv_of(row(email="me@example.test", roles="Practitioner")),
                         directory(me, importer_id=5))
    assert errors == [(2, CellError("roles", "You cannot remove your own Administrator role"))]


def test_a_row_with_too_many_values_is_reported() -> None:
    [(number, error)] = only_errors(csv_of(row() + ",surprise"))
    assert number == 2 and error.message.startswith("This row has more values than there are")


def test_one_bad_row_makes_the_whole_plan_not_ok_but_the_others_are_still_checked() -> None:
    plan = plan_import(csv_of(row(), row(email="b@example.test", team="Nowhere"),
                              row(email="c@example.test")), directory())
    assert not plan.ok
    assert [r.action for r in plan.rows] == [Action.CREATE, Action.ERROR, Action.CREATE]
    assert plan.counts[Action.ERROR] == 1


def test_row_numbers_count_blank_lines_as_a_spreadsheet_does() -> None:
    errors = only_errors(csv_of(row(), ",,,,,,,,,", row(email="b@example.test", team="Nowhere")))
    assert [number for number, _ in errors] == [4]
