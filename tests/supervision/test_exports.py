"""Downloading a supervision file (PDF and CSV) and management-oversight entries: what is in
them, who may download what, personal sections kept private, spreadsheet formulas defused,
and every download (and refusal) audited."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, time, timedelta

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlmodel import Session, select

from learning.accounts.dependencies import Principal
from learning.audit.service import Actor
from learning.core.clock import format_date, today
from learning.core.pdf import find_font, latin1
from learning.core.permissions import Role, permissions_for
from learning.org.models import CareerStage, Person, RoleAssignment, Team
from learning.supervision import export_pdf, exports
from learning.supervision.export_records import supervision_file
from learning.supervision.models import SessionVersion, SupervisionSession
from learning.supervision.policy import FrequencyPolicy
from learning.supervision.terms import ActionStatus, RaterRole, SessionStatus, SessionType
from tests.factories import Factory
from tests.factories import audit_events as events
from tests.supervision.factories import SupervisionFactory

ON = today()


@pytest.fixture
def sf(factory: Factory) -> SupervisionFactory:
    return SupervisionFactory(factory)


@pytest.fixture
def team(factory: Factory) -> Team:
    return factory.make_team(name="Child Protection South")


def ago(days: int) -> date:
    return ON - timedelta(days=days)


def rows_of(response: Response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def a_full_session(sf: SupervisionFactory, supervisor: Person, supervisee: Person,
                   days_ago: int = 20, **fields: object) -> SupervisionSession:
    values: dict[str, object] = {
        "reflections": {"experience": "A hard visit to a family in crisis.",
                        "action_planning": "Plan a joint visit."},
        "support_needs": "Time to catch up on recording.",
        "learning_and_cpd": "Contextual safeguarding workshop.",
        "career_goals": "Become a practice educator.",
        "wellbeing": 6,
        "functions": "management support",
        **fields,
    }
    session = sf.make_session(supervisor, supervisee, planned_for=ago(days_ago), signed=True,
                              **values)  # type: ignore[arg-type]
    case = sf.make_case_discussion(session, case_reference="CS-2025-01234",
                                   ratings={RaterRole.PRACTITIONER: 4, RaterRole.PARENT: 6})
    sf.make_action(session, due_on=ago(days_ago - 10), case_discussion_id=case.id,
                   description="Visit the family and see the children alone.")
    sf.make_action(session, due_on=ago(days_ago - 14), owner=supervisor,
                   status=ActionStatus.DONE, description="Book the family group conference.")
    return session


# The supervision file, as the supervisee downloads it


def test_a_supervisee_downloads_their_supervision_file_as_a_pdf(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session, team: Team,
) -> None:
    supervisor, supervisee = sf.make_pair(team_id=team.id, given_name="Demelza",
                                          family_name="Angove")
    a_full_session(sf, supervisor, supervisee)
    factory.sign_in(client, supervisee)

    response = client.get(f"/supervision/supervisees/{supervisee.id}/file.pdf")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-") and response.content.rstrip().endswith(b"%%EOF")
    disposition = response.headers["content-disposition"]
    assert disposition == (f'attachment; filename="supervision-file-person-{supervisee.id}-'
                           f'{ON.isoformat()}.pdf"')
    assert "Angove" not in disposition and "Demelza" not in disposition
    [event] = events(db, "supervision.file.exported")
    assert (event.record_type, event.record_id) == ("person", str(supervisee.id))
    assert json.loads(event.detail)["format"] == "pdf"
    assert json.loads(event.detail)["personal_sections"] == 1


def test_the_pdf_has_a_title_page_then_each_session_with_everything_recorded(
    factory: Factory, sf: SupervisionFactory, db: Session, team: Team,
) -> None:
    supervisor, supervisee = sf.make_pair(team_id=team.id, career_stage=CareerStage.ASYE)
    sf.make_agreement(supervisor, supervisee, venue="Meeting room 2",
                      asye_started_on=ago(100))
    session = a_full_session(sf, supervisor, supervisee)
    db.add(SessionVersion(session_id=session.id, version=1, snapshot=json.dumps(
        {"session": {"signed_off_at": "2025-01-10T10:00:00+00:00"}}),
        amended_by_id=supervisor.id, reason="Corrected the due date of an action"))
    db.commit()
    principal = _principal(db, supervisee)

    file = supervision_file(db, _actor(supervisee), principal, supervisee.id, "pdf")
    text = export_pdf.render(file, fonts=None, compress=False).decode("latin-1")

    for expected in ("Supervision file", supervisee.name, "Child Protection South",
                     supervisor.name, "Weekly for the first 6 weeks", "Meeting room 2",
                     f"Supervision on {format_date(ago(20))}", "Experience",
                     "A hard visit to a family in crisis.", "Action planning",
                     "Time to catch up on recording.", "6 out of 10",
                     "Case discussion: CS-2025-01234", "Danger statement",
                     "What has the child told us?", "Practitioner 4; Parent or carer 6",
                     "Continue the child protection plan.", "Safety is not yet shown over time.",
                     "Visit the family and see the children alone.", "Open \\(overdue\\)",
                     "Signed off on", "agreed this is an accurate record",
                     "Corrected the due date of an action"):
        assert expected in text, expected
    assert text.index("Supervision agreement") < text.index("Supervision on")


def test_a_manager_gets_the_file_without_anyones_personal_sections(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session, team: Team,
) -> None:
    supervisor, supervisee = sf.make_pair(team_id=team.id)
    a_full_session(sf, supervisor, supervisee)
    manager = factory.make_person(roles=(Role.TEAM_MANAGER,), team_id=team.id)
    factory.sign_in(client, manager)

    [row] = rows_of(client.get(f"/supervision/supervisees/{supervisee.id}/file.csv"))
    pdf = export_pdf.render(supervision_file(db, _actor(manager), _principal(db, manager),
                                             supervisee.id, "pdf"), fonts=None, compress=False)

    assert row["personal_section"] == "not included"
    assert (row["wellbeing"], row["support_needs"], row["learning_and_cpd"],
            row["career_goals"]) == ("", "", "", "")
    assert row["reflections"].startswith("Experience: A hard visit")
    assert b"Time to catch up on recording." not in pdf
    assert b"Not included: the personal section is private" in pdf


def test_a_supervisor_sees_the_personal_section_only_of_sessions_they_held(
    client: TestClient, factory: Factory, sf: SupervisionFactory, team: Team,
) -> None:
    supervisor, supervisee = sf.make_pair(team_id=team.id)
    earlier = factory.make_person(roles=(Role.SUPERVISOR,), team_id=team.id)
    factory.make_relationship(earlier, supervisee, starts_on=ago(400), ends_on=ago(100))
    a_full_session(sf, earlier, supervisee, days_ago=150, support_needs="Earlier support.")
    a_full_session(sf, supervisor, supervisee, days_ago=20, support_needs="Current support.")
    factory.sign_in(client, supervisor)

    rows = rows_of(client.get(f"/supervision/supervisees/{supervisee.id}/file.csv"))

    assert [(r["supervisor"], r["personal_section"], r["support_needs"]) for r in rows] == [
        (earlier.name, "not included", ""),
        (supervisor.name, "included", "Current support."),
    ]


def test_someone_who_may_not_read_the_file_gets_not_found_and_the_refusal_is_audited(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session, team: Team,
) -> None:
    supervisor, supervisee = sf.make_pair(team_id=team.id)
    a_full_session(sf, supervisor, supervisee)
    colleague = factory.make_person(roles=(Role.SUPERVISOR,), team_id=team.id)
    factory.sign_in(client, colleague)

    for path in ("file.pdf", "file.csv", "actions.csv"):
        response = client.get(f"/supervision/supervisees/{supervisee.id}/{path}")
        assert response.status_code == 404

    refused = events(db, "supervision.refused")
    assert [(e.actor_id, e.record_type, e.record_id) for e in refused] == [
        (colleague.id, "person", str(supervisee.id))] * 3
    assert events(db, "supervision.file.exported") == []


def test_the_sessions_csv_has_one_row_per_recorded_session_with_clear_headers(
    client: TestClient, factory: Factory, sf: SupervisionFactory, team: Team,
) -> None:
    supervisor, supervisee = sf.make_pair(team_id=team.id)
    a_full_session(sf, supervisor, supervisee, days_ago=40)
    sf.make_session(supervisor, supervisee, status=SessionStatus.CANCELLED, planned_for=ago(30))
    sf.make_session(supervisor, supervisee, status=SessionStatus.DRAFT, planned_for=ago(2))
    factory.sign_in(client, supervisee)

    response = client.get(f"/supervision/supervisees/{supervisee.id}/file.csv")

    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    header = response.content.decode("utf-8-sig").splitlines()[0].split(",")
    assert header == list(exports.SESSION_COLUMNS)
    rows = rows_of(response)
    assert [(r["planned_for"], r["status"]) for r in rows] == [
        (ago(40).isoformat(), "Held"), (ago(30).isoformat(), "Cancelled")]
    assert rows[0]["functions"] == "Management; Support"
    assert rows[0]["case_references"] == "CS-2025-01234"
    assert rows[0]["supervisee_agreed"] == "yes"
    assert rows[1]["status_reason"] == "Off sick"


def test_the_actions_csv_lists_each_action_with_owner_due_date_status_and_case(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session, team: Team,
) -> None:
    supervisor, supervisee = sf.make_pair(team_id=team.id)
    a_full_session(sf, supervisor, supervisee, days_ago=30)
    factory.sign_in(client, supervisee)

    response = client.get(f"/supervision/supervisees/{supervisee.id}/actions.csv")

    assert response.headers["content-disposition"].endswith(
        f'filename="supervision-actions-person-{supervisee.id}-{ON.isoformat()}.csv"')
    assert [(r["action"], r["owner"], r["due_on"], r["status"], r["overdue"],
             r["case_reference"]) for r in rows_of(response)] == [
        ("Visit the family and see the children alone.", supervisee.name,
         ago(20).isoformat(), "Open", "yes", "CS-2025-01234"),
        ("Book the family group conference.", supervisor.name, ago(16).isoformat(), "Done",
         "no", ""),
    ]
    assert json.loads(events(db, "supervision.file.exported")[0].detail)["format"] == "actions-csv"


def test_cells_a_spreadsheet_would_run_as_formulas_are_defused(
    client: TestClient, factory: Factory, sf: SupervisionFactory, team: Team,
) -> None:
    supervisor, supervisee = sf.make_pair(team_id=team.id)
    session = sf.make_session(supervisor, supervisee, signed=True,
                              supervisee_comment='=HYPERLINK("http://x.test","click")')
    sf.make_action(session, description="@SUM(A1:A9)")
    factory.sign_in(client, supervisee)

    [row] = rows_of(client.get(f"/supervision/supervisees/{supervisee.id}/file.csv"))
    [action] = rows_of(client.get(f"/supervision/supervisees/{supervisee.id}/actions.csv"))

    assert row["supervisee_comment"] == '\'=HYPERLINK("http://x.test","click")'
    assert action["action"] == "'@SUM(A1:A9)"


@pytest.mark.parametrize("text", ["=1+1", "+44 7700", "-2", "@cmd", "\tTab", "\rReturn"])
def test_every_formula_trigger_gets_a_leading_apostrophe(text: str) -> None:
    assert exports.csv_cell(text) == "'" + text


def test_plain_values_are_written_as_they_are() -> None:
    assert [exports.csv_cell(v) for v in ("Safe", 7, None, True, False, date(2025, 3, 4))] == [
        "Safe", "7", "", "yes", "no", "2025-03-04"]


# Management-oversight entries for the case system


def test_a_supervisor_exports_a_sessions_case_decisions_as_oversight_entries(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session, team: Team,
) -> None:
    supervisor, supervisee = sf.make_pair(team_id=team.id)
    session = a_full_session(sf, supervisor, supervisee, days_ago=20)
    sf.make_case_discussion(session, case_reference="CS-2024-00007", decision="",
                            child_voice="")
    factory.sign_in(client, supervisor)

    response = client.get(f"/supervision/sessions/{session.id}/oversight.csv")

    assert response.status_code == 200
    assert not response.content.startswith(b"\xef\xbb\xbf")
    assert response.headers["content-disposition"].endswith(
        f'filename="oversight-session-{session.id}-{ON.isoformat()}.csv"')
    [row] = rows_of(response)
    assert (row["case_reference"], row["date"], row["supervisor"], row["practitioner"],
            row["entry_type"], row["signed_off"]) == (
        "CS-2025-01234", ago(20).isoformat(), supervisor.name, supervisee.name,
        "Management oversight (supervision)", "yes")
    assert row["note"].split("\n\n") == [
        f"Management oversight (supervision), {format_date(ago(20))}, {supervisor.name}",
        "Decision: Continue the child protection plan.",
        "Rationale: Safety is not yet shown over time.",
        "What the child has told us: Z said he likes it when Nan picks him up.",
        "Next steps: Safety planning meeting with the family network.",
        "Actions:\n- Visit the family and see the children alone. "
        f"(owner: {supervisee.name}, due {format_date(ago(10))}, open)",
    ]
    assert row["source"].startswith(f"supervision:session:{session.id}:case:")
    assert row["source"].endswith(":version:1")
    assert (row["version"], row["changed_on"]) == ("1", ON.isoformat())
    [event] = events(db, "supervision.oversight.exported")
    assert (event.record_type, event.record_id) == ("supervision_session", str(session.id))


def test_only_the_sessions_supervisor_may_export_its_oversight_entries(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session, team: Team,
) -> None:
    supervisor, supervisee = sf.make_pair(team_id=team.id)
    session = a_full_session(sf, supervisor, supervisee)
    manager = factory.make_person(roles=(Role.TEAM_MANAGER,), team_id=team.id)
    path = f"/supervision/sessions/{session.id}/oversight.csv"

    factory.sign_in(client, supervisee)
    assert client.get(path).status_code == 403
    factory.sign_in(client, manager)
    assert client.get(path).status_code == 404

    [refusal] = events(db, "supervision.refused")
    assert (refusal.actor_id, refusal.record_type, refusal.record_id) == (
        manager.id, "supervision_session", str(session.id))
    assert json.loads(refusal.detail)["method"] == "GET"
    assert events(db, "supervision.oversight.exported") == []


def test_a_team_manager_exports_their_teams_oversight_entries_since_a_date(
    client: TestClient, factory: Factory, sf: SupervisionFactory, db: Session, team: Team,
) -> None:
    other_team = factory.make_team(name="Children in Care")
    manager = factory.make_person(roles=(Role.TEAM_MANAGER,), team_id=team.id)
    supervisor, supervisee = sf.make_pair(team_id=team.id)
    elsewhere_supervisor, elsewhere = sf.make_pair(team_id=other_team.id)
    recorded_then = datetime.combine(ago(88), time(12), UTC)  # recorded two days after
    old = sf.make_session(supervisor, supervisee, planned_for=ago(90), updated_at=recorded_then)
    sf.make_case_discussion(old, case_reference="CS-2024-00001")
    recent = sf.make_session(supervisor, supervisee, planned_for=ago(10))
    sf.make_case_discussion(recent, case_reference="CS-2025-00002")
    away = sf.make_session(elsewhere_supervisor, elsewhere, planned_for=ago(5))
    sf.make_case_discussion(away, case_reference="CS-2025-00003")
    factory.sign_in(client, manager)

    since = ago(30).isoformat()
    response = client.get("/supervision/oversight.csv", params={"since": since})
    everything = client.get("/supervision/oversight.csv", params={"since": ""})

    assert [r["case_reference"] for r in rows_of(response)] == ["CS-2025-00002"]
    assert [r["signed_off"] for r in rows_of(response)] == ["no"]
    assert response.headers["content-disposition"].endswith(
        f'filename="oversight-entries-since-{since}-{ON.isoformat()}.csv"')
    assert [r["case_reference"] for r in rows_of(everything)] == [
        "CS-2024-00001", "CS-2025-00002"]
    first = json.loads(events(db, "supervision.oversight.exported")[0].detail)
    assert (first["since"], first["entries"], first["scope"]) == (since, 1, "team")


def test_the_principal_social_worker_exports_oversight_entries_for_the_whole_council(
    client: TestClient, factory: Factory, sf: SupervisionFactory, team: Team,
) -> None:
    other_team = factory.make_team(name="Children in Care")
    psw = factory.make_person(roles=(Role.PRINCIPAL_SOCIAL_WORKER,))
    for team_id, reference in ((team.id, "CS-2025-00010"), (other_team.id, "CS-2025-00011")):
        supervisor, supervisee = sf.make_pair(team_id=team_id)
        sf.make_case_discussion(sf.make_session(supervisor, supervisee), case_reference=reference)
    factory.sign_in(client, psw)

    rows = rows_of(client.get("/supervision/oversight.csv"))

    assert sorted(r["case_reference"] for r in rows) == ["CS-2025-00010", "CS-2025-00011"]


@pytest.mark.parametrize("since", ["2025-02-30", "yesterday", "2025-3-4", "20250304"])
def test_an_impossible_or_malformed_since_date_is_refused(
    client: TestClient, factory: Factory, since: str,
) -> None:
    factory.sign_in(client, factory.make_person(roles=(Role.PRINCIPAL_SOCIAL_WORKER,)))

    assert client.get("/supervision/oversight.csv", params={"since": since}).status_code == 422


def test_a_practitioner_cannot_export_the_councils_oversight_entries(
    client: TestClient, factory: Factory,
) -> None:
    factory.sign_in(client, factory.make_person(roles=(Role.PRACTITIONER,)))

    assert client.get("/supervision/oversight.csv").status_code == 403


# Drawing any text


def test_text_the_core_font_cannot_draw_is_simplified_never_fatal() -> None:
    assert latin1("Łódź – “quoted” café 😀 中") == 'Lódz - "quoted" café ? ?'


def test_a_pdf_with_any_script_or_emoji_is_produced_with_or_without_dejavu(
    db: Session, factory: Factory, sf: SupervisionFactory, team: Team,
) -> None:
    supervisor, supervisee = sf.make_pair(team_id=team.id, given_name="Zofia",
                                          family_name="Wiśniewska")
    sf.make_session(supervisor, supervisee, signed=True, reflections={
        "experience": "Ярослав said “thank you” 😀 — مرحبا 你好 \u200b\x00 end",
        "reflection": "https://example.test/" + "a" * 600 + "\n\n\n" + "word " * 400})
    file = supervision_file(db, _actor(supervisee), _principal(db, supervisee), supervisee.id,
                            "pdf")

    core = export_pdf.render(file, fonts=None)
    found = find_font()
    unicode = export_pdf.render(file) if found else core

    assert core.startswith(b"%PDF-") and unicode.startswith(b"%PDF-")


def test_the_agreed_frequency_is_described_in_words() -> None:
    rules = FrequencyPolicy()
    assert exports.describe_steps(rules.by_stage["asye"]) == (
        "Weekly for the first 6 weeks, then fortnightly until week 26, then monthly")
    assert exports.describe_steps(rules.default) == "Monthly"
    assert exports.every(21) == "Every 21 days"


def test_session_types_are_named_in_the_file(
    db: Session, factory: Factory, sf: SupervisionFactory, team: Team,
) -> None:
    supervisor, supervisee = sf.make_pair(team_id=team.id)
    member = factory.make_person(team_id=team.id, given_name="Keira", family_name="Tonkin")
    sf.make_session(supervisor, supervisee, attendees=(member,))
    sf.make_session(supervisor, supervisee, session_type=SessionType.AD_HOC)

    file = supervision_file(db, _actor(supervisor), _principal(db, supervisor), supervisee.id,
                            "csv")

    assert sorted((s.session_type, tuple(s.attendees)) for s in file.sessions) == [
        ("Ad hoc consultation", ()), ("Group", ("Keira Tonkin",))]


# Helpers


def _principal(db: Session, person: Person) -> Principal:
    assert person.id is not None
    roles = frozenset(db.exec(select(RoleAssignment.role)
                              .where(RoleAssignment.person_id == person.id)).all())
    return Principal(person.id, person.council_id, person.name, person.team_id, roles,
                     permissions_for(roles), "test")


def _actor(person: Person) -> Actor:
    return Actor(person.id, person.name, person.council_id)
