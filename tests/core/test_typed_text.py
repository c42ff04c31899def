"""The characters nobody types: staff input loses them where it is read, on every database.

PostgreSQL refuses a NUL in text outright, so before, a NUL pasted into a staff form or a
search box was a server error there (and everything typed with it lost), while SQLite kept
it. Direction overrides could make a name or a link's title read differently than it was
written, and a name of zero-width spaces looked empty but was not.
"""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session, select
from starlette.datastructures import FormData

from learning.core.typed_text import (
    cleaned_form,
    cleaned_query_string,
    without_hidden,
)
from learning.org.models import Person
from learning.supervision.models import SupervisionSession
from tests.factories import Factory
from tests.org.conftest import SignedIn, admin
from tests.org.pages import error_summary, field_error, value_of
from tests.org.test_person_forms import valid_person
from tests.supervision.factories import SupervisionFactory, sign_in
from tests.supervision.test_sessions import session_form, start

NUL = "\x00"
RIGHT_TO_LEFT_OVERRIDE = "\u202e"
ZERO_WIDTH_SPACE = "\u200b"

__all__ = ["admin"]  # the administrator fixture, shared with the organisation tests


def test_hidden_characters_go_and_the_rest_stays_as_typed() -> None:
    assert without_hidden(f"Nu{NUL}ll\x07 {RIGHT_TO_LEFT_OVERRIDE}evil\u2066") == "Null evil"
    assert without_hidden("Line one\r\nline two\tend") == "Line one\r\nline two\tend"
    # What real writing uses is kept: right-to-left marks, joiners inside emoji and words.
    kept = "مرحبا\u200f 👩\u200d👧 می\u200cخواهم café"
    assert without_hidden(kept) == kept


def test_a_value_of_invisible_characters_only_is_empty() -> None:
    assert without_hidden(f"{ZERO_WIDTH_SPACE} \ufeff\u2060\n") == ""
    assert without_hidden(f"{ZERO_WIDTH_SPACE}A") == f"{ZERO_WIDTH_SPACE}A"


def test_a_form_loses_hidden_characters_in_text_and_keeps_every_value_in_order() -> None:
    form = FormData([("a", f"x{NUL}y"), ("a", "z"), ("b", ZERO_WIDTH_SPACE)])
    assert cleaned_form(form).multi_items() == [("a", "xy"), ("a", "z"), ("b", "")]


def test_a_query_string_changes_only_when_a_value_holds_a_hidden_character() -> None:
    plain = b"q=Sam+Worker&team=3&page=2"
    assert cleaned_query_string(plain) is plain
    encoded = b"q=Se%C3%A1n%20O%27Neill"
    assert cleaned_query_string(encoded) is encoded
    assert cleaned_query_string(b"q=a%00b&actor=%E2%80%AEx&page=2") == b"q=ab&actor=x&page=2"
    assert cleaned_query_string(b"q=%E2%80%8B") == b"q="


def test_a_search_with_a_nul_in_it_searches_for_the_rest(admin: SignedIn, factory: Factory) -> None:
    factory.make_person(given_name="Wren", family_name="Tonkin")
    response = admin.get("/people", params={"q": f"Wr{NUL}en"})
    assert response.status_code == 200
    assert "Wren Tonkin" in response.text
    audit = admin.get("/audit", params={"actor": f"a{NUL}", "record_id": f"1{NUL}"})
    assert audit.status_code == 200


def test_a_person_added_with_hidden_characters_is_kept_without_them(
    admin: SignedIn, db: Session
) -> None:
    form = valid_person(given_name=f"Ni{NUL}a", job_title=f"{RIGHT_TO_LEFT_OVERRIDE}Social Worker")
    response = admin.post("/people/new", form)
    assert response.status_code == 303, response.text[:500]
    person = db.exec(select(Person).where(Person.family_name == "Brennan")).one()
    assert (person.given_name, person.job_title) == ("Nia", "Social Worker")


def test_a_name_of_zero_width_spaces_is_asked_for_again(admin: SignedIn, db: Session) -> None:
    form = valid_person(given_name=ZERO_WIDTH_SPACE * 2, job_title="Kept as typed")
    response = admin.post("/people/new", form)
    assert response.status_code == 422
    assert error_summary(response) == ["Enter a first name"]
    assert field_error(response, "given_name") == "Enter a first name"
    assert value_of(response, "job_title") == "Kept as typed"
    assert db.exec(select(Person).where(Person.family_name == "Brennan")).first() is None


def test_a_session_autosaved_with_a_nul_keeps_everything_typed(
    client: TestClient, factory: Factory, db: Session
) -> None:
    supervisor, supervisee = SupervisionFactory(factory).make_pair(
        team_id=factory.make_team().id
    )
    me = sign_in(client, factory, supervisor)
    session_id = start(me, supervisee)
    form = session_form(support_needs=f"Time to write{NUL} up court reports.")
    response = me.post(f"/supervision/sessions/{session_id}/autosave", form)
    assert response.status_code in (200, 303), response.text[:500]
    db.expire_all()
    saved = db.get(SupervisionSession, session_id)
    assert saved is not None
    assert saved.support_needs == "Time to write up court reports."
    assert saved.career_goals == "Senior practitioner within two years."
