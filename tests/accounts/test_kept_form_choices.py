"""Every box ticked stays ticked, every radio chosen stays chosen and every word typed stays,
whether the page is shown again with errors or filled from a form kept while its sender signed
in again (``learning.accounts.kept_forms``), on every page with a group of checkboxes.

A kept form's field sent more than once (a checkbox group) comes back as a list; one sent once
comes back as text, which the ``checkboxes`` macro takes as one value ticked, never as the
letters or digits in it ("12" ticks box 12, not boxes 1 and 2).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import SimpleNamespace
from urllib.parse import urlsplit

import httpx2
import pytest
from bs4 import BeautifulSoup
from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.testclient import TestClient
from sqlmodel import Session

from learning.accounts.kept_forms import as_values
from learning.core.clock import today
from learning.core.config import Settings
from learning.core.db import Database
from learning.core.permissions import Role
from learning.core.web import render
from learning.org.models import Person
from learning.themes.recluster import recluster
from tests.accounts.test_kept_forms import (
    NOTICE,
    demo_sign_in,
    end_by_the_clock,
    notice,
    signed_in,
)
from tests.conftest import ROOT, make_settings
from tests.factories import Factory
from tests.org.pages import checked, field_error, value_of
from tests.supervision.factories import SupervisionFactory
from tests.supervision.test_sessions import session_form
from tests.test_templates import shell_payloads
from tests.themes.factories import ListedSource, stored, theme_holding, use_source

TEMPLATES = ROOT / "web" / "templates"
TYPED = "Typed before the session ended, and still here."


@pytest.fixture
def settings() -> Settings:
    """Demo mode: the "sign in as" page is the way back in."""
    return make_settings(demo=True)


def send(
    client: TestClient, token: str, url: str, page: str, data: dict[str, str | list[str]]
) -> httpx2.Response:
    """The form on ``page`` sent to ``url``, as a browser sends it."""
    return client.post(url, data={**data, "csrf_token": token},
                       headers={"Referer": f"https://testserver{page}"})


def kept_and_shown_again(
    client: TestClient, db: Session, factory: Factory, person: Person, page: str, url: str,
    data: dict[str, str | list[str]],
) -> httpx2.Response:
    """``person`` opens ``page``, fills in its form with ``data``, goes away too long, sends
    it, signs in again: the page as it is then shown."""
    token = signed_in(client, factory, person)
    assert client.get(page).status_code == 200
    end_by_the_clock(db, client)
    sent = send(client, token, url, page, data)
    assert sent.status_code == 303 and urlsplit(sent.headers["location"]).path == "/sign-in"
    back = demo_sign_in(client, person, page)
    assert urlsplit(back.headers["location"]).path == page
    shown = client.get(back.headers["location"])
    assert shown.status_code == 200
    assert notice(shown) == NOTICE
    return shown


# --- The pieces ------------------------------------------------------------------------


def test_a_field_sent_more_than_once_is_kept_as_a_list_and_one_sent_once_as_text() -> None:
    fields = [
        ["functions", ""], ["functions", "management"], ["functions", "support"],  # 2 ticked
        ["attendees", ""], ["attendees", "12"],  # one ticked, beside the hidden empty value
        ["sharing", ""],  # none ticked
        ["roles", "supervisor"],  # one ticked, no hidden value
        ["note", "Words"], ["empty", ""],
    ]
    assert as_values(fields) == {
        "functions": ["management", "support"],
        "attendees": "12",
        "sharing": "",
        "roles": "supervisor",
        "note": "Words",
        "empty": "",
    }


@pytest.mark.parametrize(
    ("selected", "ticked"),
    [
        (["1", "12"], ["1", "12"]),
        ([1, 12], ["1", "12"]),
        ("12", ["12"]),  # one value as text: box 12, not boxes 1 and 2
        ("2", ["2"]),
        ("", []),
        ([], []),
        (None, []),
    ],
)
def test_the_checkboxes_macro_ticks_every_value_given_as_a_list_or_as_text(
    app: FastAPI, selected: object, ticked: list[str]
) -> None:
    template = app.state.templates.env.from_string(
        '{% from "components/forms.html" import checkboxes %}'
        "{{ checkboxes('box', 'Boxes', options, selected, {}) }}"
    )
    options = [(str(n), f"Box {n}") for n in (1, 2, 12, 21)]
    html = template.render(options=options, selected=selected)
    boxes = BeautifulSoup(html, "html.parser").select("input[name=box][type=checkbox]")
    assert [str(box["value"]) for box in boxes if box.has_attr("checked")] == ticked


@pytest.mark.parametrize(
    ("selected", "ticked"),
    [(["1", "12"], ["1", "12"]), ("12", ["12"]), ("2", ["2"]), ("", []), ([], [])],
)
def test_the_split_page_ticks_every_item_given_as_a_list_or_as_text(
    app: FastAPI, selected: object, ticked: list[str]
) -> None:
    """Its checkboxes are written out by hand (each item's words are set apart)."""
    theme = SimpleNamespace(key="T3", label="Waiting")
    items = [
        SimpleNamespace(item_id=n, text=f"Item {n}", question="Q", source="Form",
                        happened_on=today(), language="")
        for n in (1, 2, 12, 21)
    ]

    def split_page(request: Request) -> Response:
        return render(request, "themes/split.html", {
            **shell_payloads(), "theme": theme, "name": theme.label, "items": items,
            "limited": False, "values": {"label": "", "items": selected}, "errors": {},
        })

    app.add_api_route("/_test/split", split_page)
    with TestClient(app, base_url="https://testserver") as client:
        assert checked(client.get("/_test/split"), "items") == ticked


#: Checkboxes written out by hand rather than with the ``checkboxes`` macro, each of which
#: takes one value as text too (and is tested below), or is no staff form at all.
HAND_WRITTEN = {
    ("themes/split.html", "items"),
    ("feedback/public/form.html", "wants_contact"),  # the public form: no staff session
}
CHECKBOX = re.compile(r"<input\b[^>]*\btype=\"checkbox\"[^>]*>")
NAME = re.compile(r"\bname=\"([^\"]+)\"")


def test_every_checkbox_outside_the_macro_is_one_that_takes_one_value_as_text() -> None:
    """A new group of checkboxes uses the ``checkboxes`` macro, which re-ticks any of them."""
    found = set()
    for path in TEMPLATES.rglob("*.html"):
        name = str(path.relative_to(TEMPLATES))
        if name == "components/forms.html":
            continue
        for tag in CHECKBOX.findall(path.read_text()):
            field = NAME.search(tag)
            found.add((name, field.group(1) if field else tag))
    assert found <= HAND_WRITTEN, "use the checkboxes macro (components/forms.html)"


# --- People: roles ---------------------------------------------------------------------


def person_form(**overrides: str | list[str]) -> dict[str, str | list[str]]:
    values: dict[str, str | list[str]] = {
        "given_name": "Nia", "family_name": "Brennan", "email": "nia.brennan@example.test",
        "job_title": "Social Worker", "team_id": "", "career_stage": "social_worker",
        "fte": "0.8", "roles": ["practitioner", "supervisor"], "object_id": "",
    }
    return {**values, **overrides}


def assert_person_form_kept(shown: httpx2.Response, given_name: str) -> None:
    assert checked(shown, "roles") == ["practitioner", "supervisor"]
    assert value_of(shown, "given_name") == given_name
    assert value_of(shown, "job_title") == "Social Worker"
    assert value_of(shown, "career_stage") == "social_worker"
    assert value_of(shown, "fte") == "0.8"


def test_a_person_form_keeps_every_role_ticked(
    client: TestClient, db: Session, factory: Factory
) -> None:
    admin = factory.make_person(roles=(Role.ADMINISTRATOR,))

    token = signed_in(client, factory, admin)
    with_errors = send(client, token, "/people/new", "/people/new", person_form(email=""))
    assert with_errors.status_code == 422
    assert_person_form_kept(with_errors, "Nia")

    shown = kept_and_shown_again(client, db, factory, admin, "/people/new", "/people/new",
                                 person_form(given_name=TYPED))
    assert_person_form_kept(shown, TYPED)


# --- Supervision: attendees and functions; sharing at sign-off ------------------------


@pytest.fixture
def sf(factory: Factory) -> SupervisionFactory:
    return SupervisionFactory(factory)


def assert_session_form_kept(shown: httpx2.Response, colleagues: list[Person]) -> None:
    assert checked(shown, "attendees") == [str(c.id) for c in colleagues]
    assert checked(shown, "functions") == ["management", "support", "mediation"]
    assert checked(shown, "session_type") == ["group"]
    assert checked(shown, "outcome") == ["held"]
    assert checked(shown, "wellbeing") == ["6"]
    assert checked(shown, "reflective_model") == ["morrison"]
    assert value_of(shown, "support_needs") == TYPED


def test_the_session_form_keeps_every_attendee_and_function_ticked(
    client: TestClient, db: Session, factory: Factory, sf: SupervisionFactory
) -> None:
    supervisor, supervisee = sf.make_pair()
    colleagues = [factory.make_person(given_name=name) for name in ("Ola", "Ben")]
    form = session_form(
        session_type="group",
        attendees=["", *(str(c.id) for c in colleagues)],
        functions=["", "management", "support", "mediation"],
        support_needs=TYPED,
    )

    token = signed_in(client, factory, supervisor)
    started = client.post(f"/supervision/supervisees/{supervisee.id}/sessions",
                          data={"csrf_token": token})
    session_id = int(started.headers["location"].split("/")[-2])
    edit = f"/supervision/sessions/{session_id}/edit"
    record = f"/supervision/sessions/{session_id}/record"
    with_errors = send(client, token, record, edit, {**form, "duration_minutes": "ninety"})
    assert with_errors.status_code == 422
    assert field_error(with_errors, "duration_minutes")
    assert_session_form_kept(with_errors, colleagues)

    shown = kept_and_shown_again(client, db, factory, supervisor, edit, record,
                                 {**form, "duration_minutes": "45"})
    assert_session_form_kept(shown, colleagues)
    assert value_of(shown, "duration_minutes") == "45"


def test_sign_off_keeps_both_sharing_choices_ticked(
    client: TestClient, db: Session, factory: Factory, sf: SupervisionFactory
) -> None:
    supervisor, supervisee = sf.make_pair()
    session = sf.make_session(supervisor, supervisee)
    detail = f"/supervision/sessions/{session.id}"
    sign_off = f"{detail}/sign-off"
    both = ["", "personal", "case_learning"]

    token = signed_in(client, factory, supervisee)
    with_errors = send(client, token, sign_off, detail,
                       {"agreed": "", "comment": TYPED, "sharing": both})
    assert with_errors.status_code == 422 and field_error(with_errors, "agreed")
    assert checked(with_errors, "sharing") == ["personal", "case_learning"]
    assert value_of(with_errors, "comment") == TYPED

    shown = kept_and_shown_again(client, db, factory, supervisee, detail, sign_off,
                                 {"agreed": "no", "comment": TYPED, "sharing": both})
    assert checked(shown, "sharing") == ["personal", "case_learning"]
    assert checked(shown, "agreed") == ["no"]
    assert value_of(shown, "comment") == TYPED


# --- Themes: merging and splitting -----------------------------------------------------


@pytest.fixture
def truth(
    database: Database, factory: Factory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[dict[str, str]]:
    """The council's feedback worked out into themes (as ``tests/themes`` does)."""
    source = ListedSource()
    use_source(monkeypatch, source)
    found = source.add_corpus(per_theme=14, source="feedback_young_person")
    assert factory.council.id is not None
    recluster(database, factory.council.id)
    yield found


def test_merging_themes_keeps_every_theme_ticked(
    client: TestClient, db: Session, factory: Factory, truth: dict[str, str]
) -> None:
    council_id = factory.council.id or 0
    into = theme_holding(db, council_id, truth, "worker")
    others = sorted(theme_holding(db, council_id, truth, t) for t in ("meetings", "listen"))
    analyst = factory.make_person(roles=(Role.PRINCIPAL_SOCIAL_WORKER,))
    page = f"/themes/{into}/merge"

    token = signed_in(client, factory, analyst)
    with_errors = send(client, token, page, page, {"themes": others, "label": "x" * 201})
    assert with_errors.status_code == 422 and field_error(with_errors, "label")
    assert sorted(checked(with_errors, "themes")) == others
    assert value_of(with_errors, "label") == "x" * 201

    shown = kept_and_shown_again(client, db, factory, analyst, page, page,
                                 {"themes": others, "label": TYPED})
    assert sorted(checked(shown, "themes")) == others
    assert value_of(shown, "label") == TYPED


def test_splitting_a_theme_keeps_every_item_ticked(
    client: TestClient, db: Session, factory: Factory, truth: dict[str, str]
) -> None:
    council_id = factory.council.id or 0
    key = theme_holding(db, council_id, truth, "listen")
    ids = sorted(str(i.id) for i in stored(db, council_id).values() if i.theme_key == key)
    chosen = [i for i in ids if len(i) > 1][:2]  # "12" must not tick items 1 and 2
    assert len(chosen) == 2
    analyst = factory.make_person(roles=(Role.PRINCIPAL_SOCIAL_WORKER,))
    page = f"/themes/{key}/split"

    token = signed_in(client, factory, analyst)
    with_errors = send(client, token, page, page, {"items": chosen, "label": ""})
    assert with_errors.status_code == 422 and field_error(with_errors, "label")
    assert sorted(checked(with_errors, "items")) == chosen

    shown = kept_and_shown_again(client, db, factory, analyst, page, page,
                                 {"items": chosen, "label": TYPED})
    assert sorted(checked(shown, "items")) == chosen
    assert value_of(shown, "label") == TYPED

    one = kept_and_shown_again(client, db, factory, analyst, page, page,
                               {"items": chosen[1], "label": TYPED})
    assert checked(one, "items") == [chosen[1]]
