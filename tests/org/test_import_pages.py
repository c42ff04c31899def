"""Importing staff through the pages: preview writes nothing, confirm writes all or nothing."""

from __future__ import annotations

import base64
import json
import time

import pytest
from bs4 import BeautifulSoup, SoupStrainer
from sqlalchemy import func
from sqlmodel import Session, select

from learning.audit.models import AuditEvent
from learning.core.clock import today
from learning.core.permissions import Role
from learning.org import service, staff_import
from learning.org.csv_import import EXAMPLE, MAX_BYTES, MAX_ROWS, Directory
from learning.org.models import Person, SupervisoryRelationship
from tests.factories import Factory
from tests.org.conftest import SignedIn, sign_in_as
from tests.org.pages import error_summary, field_error, flash, heading, page, table_rows

HEADER = "given_name,family_name,email,job_title,team,career_stage,roles,fte,supervisor_email"


def upload(admin: SignedIn, content: bytes, name: str = "staff.csv"):  # type: ignore[no-untyped-def]
    return admin.post("/people/import/preview", files={"file": (name, content, "text/csv")})


def hidden_csv(response) -> str:  # type: ignore[no-untyped-def]
    inputs = BeautifulSoup(response.text, "html.parser", parse_only=SoupStrainer("input"))
    field = inputs.find("input", attrs={"name": "csv_data"})
    assert field is not None, "the preview offers no import button"
    return str(field["value"])


def counts(db: Session) -> tuple[int, int, int]:
    return (
        db.exec(select(func.count()).select_from(Person)).one(),
        db.exec(select(func.count()).select_from(SupervisoryRelationship)).one(),
        db.exec(select(func.count()).select_from(AuditEvent)).one(),
    )


def staff_csv(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def test_the_import_page_explains_the_columns_with_an_example(admin: SignedIn) -> None:
    response = admin.get("/people/import")
    assert heading(response) == "Import staff"
    columns = [r[0] for r in table_rows(response)]
    assert columns[:3] == ["given_name", "family_name", "email"] and "object_id" in columns
    assert "Ada,Lovelace,ada.lovelace@example.org" in response.text
    example = admin.get("/people/import/example.csv")
    assert example.headers["content-type"].startswith("text/csv")
    assert example.text == EXAMPLE


def test_only_people_who_may_import_can_use_it(client: object, factory: Factory) -> None:
    lead = sign_in_as(client, factory, Role.WORKFORCE_LEAD)  # type: ignore[arg-type]
    assert lead.get("/people/import").status_code == 403
    assert lead.post("/people/import/confirm", {"csv_data": "x"}).status_code == 403


def test_the_preview_shows_what_each_row_would_do_and_writes_nothing(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    team = factory.make_team(name="North")
    factory.make_person(email="kim@example.test", given_name="Kim", family_name="Lee",
                        team_id=team.id, roles=(Role.PRACTITIONER,))
    before = counts(db)
    response = upload(admin, staff_csv(
        "Kim,Lee,kim@example.test,Senior Practitioner,North,social worker,Practitioner,,",
        "Sam,Ode,sam@example.test,Social Worker,North,Social worker,Practitioner,0.5,"
        "kim@example.test",
    ))
    assert response.status_code == 200
    assert heading(response) == "Check the staff import"
    rows = table_rows(response, "#import-rows")
    assert rows[0][:4] == ["2", "Kim Lee", "kim@example.test", "Would update"]
    assert rows[0][4] == "Changes: job title"
    assert rows[1][:4] == ["3", "Sam Ode", "sam@example.test", "Would add"]
    assert rows[1][4] == "Adds supervisor kim@example.test"
    summary = dict(table_rows_of_summary(response))
    assert (summary["People to add"], summary["People to update"],
            summary["Supervisions to add"]) == ("1", "1", "1")
    assert counts(db) == before


def table_rows_of_summary(response) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    soup = page(response)
    return [(row.select_one("dt").get_text(strip=True), row.select_one("dd").get_text(strip=True))
            for row in soup.select("#import-counts .govuk-summary-list__row")]


def test_confirming_imports_every_row_with_audit_events_and_counts(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    team = factory.make_team(name="North")
    kim = factory.make_person(email="kim@example.test", given_name="Kim", family_name="Lee",
                              team_id=team.id, roles=(Role.PRACTITIONER,))
    preview = upload(admin, staff_csv(
        "Kim,Lee,kim@example.test,Senior Practitioner,North,social worker,"
        "Practitioner;Supervisor,,",
        "Sam,Ode,sam@example.test,Social Worker,North,Social worker,Practitioner,0.5,"
        "kim@example.test",
    ))
    confirmed = admin.post("/people/import/confirm", {"csv_data": hidden_csv(preview)})
    shown = admin.follow(confirmed)
    assert flash(shown) == "Staff imported: 1 added, 1 updated, 0 unchanged"
    sam = db.exec(select(Person).where(Person.email == "sam@example.test")).one()
    assert (sam.fte, sam.team_id) == (0.5, team.id)
    db.refresh(kim)
    assert kim.job_title == "Senior Practitioner"
    assert service.roles_of(db, kim.id or 0) == [Role.PRACTITIONER, Role.SUPERVISOR]
    assert service.is_current_supervisor(db, kim.id or 0, sam.id or 0)
    link = db.exec(select(SupervisoryRelationship)).one()
    assert link.starts_on == today()
    actions = sorted(db.exec(select(AuditEvent.action).where(
        AuditEvent.action != "person.viewed")).all())
    assert actions == ["person.created", "person.updated", "staff.imported",
                       "supervision_link.created"]
    imported = db.exec(select(AuditEvent).where(AuditEvent.action == "staff.imported")).one()
    assert json.loads(imported.detail) == {
        "rows": 2, "created": 1, "updated": 1, "unchanged": 0, "supervisions_added": 1}


def test_a_file_with_one_bad_row_is_shown_with_its_errors_and_nothing_is_written(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    factory.make_team(name="North")
    before = counts(db)
    response = upload(admin, staff_csv(
        "Ann,One,ann@example.test,SW,North,Social worker,Practitioner,,",
        "Bob,Two,bob@example.test,SW,North,Social worker,Practitioner;Boss,,",
        "Cat,Three,ann@example.test,SW,Nowhere,Social worker,Practitioner,2,",
    ))
    assert response.status_code == 422
    assert error_summary(response) == [
        'Row 3, column roles: Unknown role "Boss". Use one or more of: Practitioner, '
        "Supervisor, Team manager, Workforce lead, Safeguarding lead, Principal social worker, "
        "Administrator, separated by ;",
        'Row 4, column team: There is no team called "Nowhere". Check the spelling, or add the '
        "team on the Teams page first",
        'Row 4, column fte: FTE must be a number from 0.1 to 1, like 0.6 (not "2")',
        "Row 4, column email: This email address is also on row 2: each person must appear once",
    ]
    assert [r[0] for r in table_rows(response, "#import-rows")] == ["3", "4"]
    assert page(response).find("input", attrs={"name": "csv_data"}) is None
    assert "Nothing has been imported" in page(response).select_one("#nothing-imported").text  # type: ignore[union-attr]
    assert page(response).find("input", attrs={"type": "file"}) is not None
    assert counts(db) == before


def test_a_tampered_confirmation_is_checked_again_and_nothing_is_written(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    factory.make_team(name="North")
    before = counts(db)
    bad = staff_csv("Ann,One,ann@example.test,SW,North,Social worker,Practitioner,,",
                    "Bob,Two,bob@example.test,SW,North,Social worker,Emperor,,")
    response = admin.post("/people/import/confirm",
                          {"csv_data": base64.urlsafe_b64encode(bad).decode()})
    assert response.status_code == 422
    assert error_summary(response)[0].startswith('Row 3, column roles: Unknown role "Emperor"')
    assert counts(db) == before


def test_a_row_made_invalid_between_preview_and_confirm_stops_the_whole_import(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    factory.make_team(name="North")
    preview = upload(admin, staff_csv(
        "Ann,One,ann@example.test,SW,North,Social worker,Practitioner,,",
        "Bob,Two,bob@example.test,SW,North,Social worker,Practitioner,,boss@example.test",
        "Boss,Three,boss@example.test,TM,North,Team manager,Supervisor,,",
    ))
    boss_gone = factory.make_person(email="elsewhere@example.test")
    assert boss_gone.id
    csv_data = hidden_csv(preview)
    factory.make_person(email="boss@example.test", active=False)
    before = counts(db)
    response = admin.post("/people/import/confirm", {"csv_data": csv_data})
    assert response.status_code == 422
    assert "The supervisor boss@example.test is disabled" in " ".join(error_summary(response))
    assert counts(db) == before


def test_file_problems_are_shown_next_to_the_upload_field(admin: SignedIn, db: Session) -> None:
    before = counts(db)
    response = upload(admin, b"given_name,family_name\nA,B\n")
    assert response.status_code == 422
    assert heading(response) == "Import staff"
    message = field_error(response, "file")
    assert message.startswith("The file is missing the columns email, job_title, team, "
                              "career_stage, roles.")
    assert error_summary(response) == [message]
    response = upload(admin, "given_name,family_name\nZoë,Brontë\n".encode("latin-1"))
    assert field_error(response, "file").startswith("The file is not saved as UTF-8 text")
    response = upload(admin, b"")
    assert field_error(response, "file") == "The file is empty."
    assert counts(db) == before


def test_choosing_no_file_or_a_file_over_2_mb_is_explained(admin: SignedIn) -> None:
    response = admin.post("/people/import/preview", files={"file": ("", b"", "text/csv")})
    assert field_error(response, "file") == "Select a CSV file"
    big = staff_csv("x" * (MAX_BYTES + 10))
    response = upload(admin, big)
    assert response.status_code == 422
    assert field_error(response, "file") == "The selected file must be smaller than 2 MB"


def test_a_confirmation_without_the_file_asks_for_it_again(admin: SignedIn) -> None:
    response = admin.post("/people/import/confirm", {"csv_data": "%%%not base64%%%"})
    assert response.status_code == 422
    assert field_error(response, "file") == (
        "The file was not received. Select it and check it again")


def test_the_largest_file_allowed_survives_the_round_trip_and_imports(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    factory.make_team(name="North")
    title = "Senior Practitioner, Child Protection and Court Work (PLO)".ljust(120, ".")
    rows = [f'{f"Given{n}".ljust(70, "a")},{f"Family{n}".ljust(70, "b")},'
            f'person.{n}.{"x" * 70}@example.test,"{title}",North,Social worker,'
            "Practitioner;Supervisor,0.9,"
            for n in range(MAX_ROWS)]
    content = staff_csv(*rows)
    assert MAX_BYTES * 0.9 < len(content) <= MAX_BYTES
    started = time.perf_counter()
    preview = upload(admin, content)
    assert preview.status_code == 200
    csv_data = hidden_csv(preview)
    middle = time.perf_counter()
    confirmed = admin.post("/people/import/confirm", {"csv_data": csv_data})
    print(f"preview {middle - started:.1f}s, import {time.perf_counter() - middle:.1f}s")
    shown = admin.follow(confirmed)
    assert flash(shown) == f"Staff imported: {MAX_ROWS} added, 0 updated, 0 unchanged"
    assert db.exec(select(func.count()).select_from(Person).where(
        Person.council_id == factory.council.id)).one() == MAX_ROWS + 1


def test_imported_people_belong_to_the_importers_council_only(
    admin: SignedIn, factory: Factory, db: Session
) -> None:
    elsewhere = factory.make_council()
    factory.make_team(council_id=elsewhere.id, name="Their Team")
    factory.make_person(council_id=elsewhere.id, email="twin@example.test")
    response = upload(admin, staff_csv(
        "Twin,Here,twin@example.test,SW,Their Team,Social worker,Practitioner,,"))
    assert error_summary(response) == [
        'Row 2, column team: There is no team called "Their Team". Check the spelling, or add '
        "the team on the Teams page first"]
    response = upload(admin, staff_csv(
        "Twin,Here,twin@example.test,SW,,Social worker,Practitioner,,"))
    assert table_rows(response, "#import-rows")[0][3] == "Would add"


def test_a_clash_found_only_while_writing_undoes_the_whole_import(
    admin: SignedIn, factory: Factory, db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    factory.make_person(email="late@example.test")
    content = staff_csv("Ann,One,ann@example.test,SW,,Social worker,Practitioner,,",
                        "Late,Comer,late@example.test,SW,,Social worker,Practitioner,,")
    preview = upload(admin, content)
    before = counts(db)
    real_directory = staff_import.directory_for

    def directory_missing_late(*args: object) -> Directory:
        found = real_directory(*args)  # type: ignore[arg-type]
        people = {e: p for e, p in found.people.items() if e != "late@example.test"}
        return Directory(found.teams, people, found.importer_id)

    monkeypatch.setattr(staff_import, "directory_for", directory_missing_late)
    response = admin.post("/people/import/confirm", {"csv_data": hidden_csv(preview)})
    assert response.status_code == 422
    assert field_error(response, "file") == staff_import.CHANGED_ELSEWHERE
    assert counts(db) == before
    assert db.exec(select(Person).where(Person.email == "ann@example.test")).first() is None


def test_an_upload_far_over_the_limit_goes_back_to_the_form_with_the_error_beside_the_field(
    admin: SignedIn, db: Session
) -> None:
    before = counts(db)
    response = upload(admin, staff_csv("Ann,One,ann@example.test,SW,,Other,Practitioner,,")
                      + b"x" * (5 * 1024 * 1024))
    assert response.status_code == 303
    assert response.headers["location"].endswith("/people/import?too_large=1")
    page_again = admin.follow(response)
    assert heading(page_again) == "Import staff"
    assert field_error(page_again, "file") == "The selected file must be smaller than 2 MB"
    assert error_summary(page_again) == ["The selected file must be smaller than 2 MB"]
    assert counts(db) == before
    confirm = admin.post("/people/import/confirm", {"csv_data": "A" * (5 * 1024 * 1024)})
    assert confirm.headers["location"].endswith("/people/import?too_large=1")
    assert counts(db) == before


def test_an_upload_without_a_declared_length_is_refused_unread(
    admin: SignedIn, db: Session
) -> None:
    before = counts(db)
    chunks = iter([b"--x\r\n", b"x" * 1024])  # sent in chunks: no Content-Length
    response = admin.client.post("/people/import/preview", content=chunks,
                                 headers={"content-type": "multipart/form-data; boundary=x"})
    assert response.status_code == 411
    assert counts(db) == before
