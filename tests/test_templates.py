"""Templates: all ``.html``, always autoescaped, and every page escapes what it is given.

Each page template is rendered with a context whose every string is an attack payload
(script tag, attribute break-out, an htmx attribute); the payload must come out escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.testclient import TestClient
from jinja2 import DictLoader
from markupsafe import escape
from sqlmodel import Session
from starlette.routing import NoMatchFound

from learning.accounts.dependencies import Principal
from learning.audit.models import AuditEvent
from learning.core.clock import utcnow
from learning.core.config import Settings
from learning.core.permissions import Permission, Role
from learning.core.web import render
from learning.home.service import Home
from learning.org.models import CareerStage, Person, Team
from learning.org.service import PersonSummary
from tests.conftest import ROOT, make_settings
from tests.factories import Factory

TEMPLATES = ROOT / "web" / "templates"
SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '" onmouseover="x'
HTMX = "' hx-get='/evil"
PAYLOAD = SCRIPT + ATTRIBUTE + HTMX
ESCAPED = str(escape(PAYLOAD))
#: Short enough for a person's name columns (80 characters) on PostgreSQL too.
NAME_PAYLOAD = SCRIPT + ATTRIBUTE


def assert_escaped(html: str, payload: str = PAYLOAD) -> None:
    for raw in (SCRIPT, ATTRIBUTE, HTMX):
        if raw in payload:
            assert raw not in html, f"unescaped {raw!r} in the page"
    assert str(escape(payload)) in html, "the payload never reached the page"


def template_files() -> list[str]:
    return sorted(
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*")
        if path.is_file() and not path.name.startswith(".")
    )


# Files and the environment


def test_every_template_file_ends_in_html() -> None:
    files = template_files()
    assert "base.html" in files
    assert [name for name in files if not name.endswith(".html")] == []


def test_no_template_turns_escaping_off() -> None:
    forbidden = re.compile(r"\|\s*safe\b|autoescape\s+false|\bMarkup\b|\|\s*unescape\b")
    offenders = [
        name for name in template_files() if forbidden.search((TEMPLATES / name).read_text())
    ]
    assert offenders == []


def test_the_jinja_environment_autoescapes_strings(app: FastAPI) -> None:
    env = app.state.templates.env
    assert env.from_string("{{ x }}").render(x="<script>") == "&lt;script&gt;"
    assert env.from_string('<a title="{{ x }}">').render(x=ATTRIBUTE) == (
        '<a title="&#34; onmouseover=&#34;x">'
    )


def test_the_jinja_environment_autoescapes_whatever_the_file_extension(app: FastAPI) -> None:
    env = app.state.templates.env.overlay(
        loader=DictLoader({"page.j2": "{{ x }}", "p.txt": "{{ x }}"})
    )
    assert env.get_template("page.j2").render(x=SCRIPT) == str(escape(SCRIPT))
    assert env.get_template("p.txt").render(x=SCRIPT) == str(escape(SCRIPT))


# Every page template, rendered with payloads in every variable


def _person() -> Person:
    return Person(
        id=1,
        council_id=1,
        given_name=PAYLOAD,
        family_name=PAYLOAD,
        email="p@example.test",
        job_title=PAYLOAD,
        career_stage=CareerStage.SOCIAL_WORKER,
        team_id=1,
    )


def _home(app: FastAPI) -> dict[str, Any]:
    person, team = _person(), Team(id=1, council_id=1, name=PAYLOAD)
    home = Home(
        person=person,
        team=team,
        supervisors=[person],
        supervisees=[person],
        team_members=[(person, [person]), (person, [])],
        career_stages=[(PAYLOAD, 3)],
        supervision_coverage=(1, 2),
        unsupervised=[person],
    )
    admin_routes = ("people_list", "teams_list", "staff_import", "audit_events")
    try:
        for route in admin_routes:
            app.url_path_for(route)
    except NoMatchFound:
        pass  # the administrators' pages are not there yet: leave their panel out
    else:
        home.counts = {"people": 1, "disabled": 0, "teams": 1, "not_linked": 0}
        home.recent_events = [
            AuditEvent(id=1, actor_label=PAYLOAD, action=PAYLOAD, occurred_at=utcnow())
        ]
    return {"home": home}


def _demo(app: FastAPI) -> dict[str, Any]:
    person = _person()
    return {
        "showcase": [(Role.SUPERVISOR, [PersonSummary(person, PAYLOAD)])],
        "matches": [person],
        "q": PAYLOAD,
        "next": PAYLOAD,
    }


def _error(status: int) -> Callable[[FastAPI], dict[str, Any]]:
    return lambda app: {"status": status, "title": PAYLOAD, "request_id": PAYLOAD}


PAGES: dict[str, Callable[[FastAPI], dict[str, Any]]] = {
    "accounts/sign_in.html": lambda app: {
        "next": PAYLOAD,
        "ended_message": PAYLOAD,
        "oidc_enabled": True,
        "error": PAYLOAD,
    },
    "accounts/signed_out.html": lambda app: {},
    "accounts/demo_sign_in.html": _demo,
    "home/home.html": _home,
    **{f"errors/error.html#{status}": _error(status) for status in (400, 403, 404, 429, 500)},
    **{f"errors/_error.html#{status}": _error(status) for status in (404, 500)},
}


def shell_payloads() -> dict[str, Any]:
    """What base.html shows on every page, all payloads: council, person, messages."""
    roles = frozenset({Role.SUPERVISOR})
    return {
        "council": {"name": PAYLOAD, "colour": "#123456"},
        "principal": Principal(
            person_id=1,
            council_id=1,
            name=PAYLOAD,
            team_id=1,
            roles=roles,
            permissions=frozenset({Permission.HOME_VIEW}),
            session_id="test",
        ),
        "permissions": frozenset({Permission.HOME_VIEW}),
        "flashes": [
            {"message": PAYLOAD, "kind": "success"},
            {"message": PAYLOAD, "kind": "important"},
        ],
    }


@pytest.fixture
def settings() -> Settings:
    return make_settings(demo=True)


@pytest.fixture
def render_client(app: FastAPI) -> Iterator[TestClient]:
    def render_page(request: Request, page: str) -> Response:
        template = page.split("#", 1)[0]
        context = {**shell_payloads(), **PAGES[page](app)}
        return render(request, template, context)

    app.add_api_route("/_test/render/{page:path}", render_page, name="test_render")
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        yield client


def test_every_page_template_is_rendered_by_these_tests() -> None:
    rendered = {page.split("#", 1)[0] for page in PAGES}
    pages = {
        name
        for name in template_files()
        if name.split("/")[0] in {"accounts", "errors", "home"}
        and not name.split("/")[-1].startswith("_")
    }
    assert pages <= rendered, f"add a payload context for {sorted(pages - rendered)}"


@pytest.mark.parametrize("page", sorted(PAGES))
def test_each_page_escapes_payloads_in_every_variable(render_client: TestClient, page: str) -> None:
    response = render_client.get(f"/_test/render/{page.replace('#', '%23')}")
    assert response.status_code == 200
    assert_escaped(response.text)


def test_the_form_components_escape_payloads(app: FastAPI) -> None:
    env = app.state.templates.env
    template = env.from_string(
        '{% from "components/forms.html" import error_summary, text_input, textarea, select, '
        "checkboxes, button %}"
        "{{ error_summary(errors) }}"
        "{{ text_input(name, label, values, errors, hint=label) }}"
        "{{ textarea(name, label, values, errors, hint=label) }}"
        "{{ select(name, label, options, values, errors, hint=label, blank=label) }}"
        "{{ checkboxes(name, label, options, [label], errors, hint=label) }}"
        "{{ button(label, name=name, value=label) }}"
        '{% include "components/csrf.html" %}'
    )
    html = template.render(
        name="field",
        label=PAYLOAD,
        values={"field": PAYLOAD},
        errors={"field": PAYLOAD},
        options=[(PAYLOAD, PAYLOAD)],
        csrf_token=PAYLOAD,
    )
    assert_escaped(html)
    assert html.count(ESCAPED) >= 10


# The same, through real requests with payloads stored in the database


@pytest.fixture
def payload_council(factory: Factory, db: Session) -> None:
    factory.council.name = PAYLOAD
    db.add(factory.council)
    db.commit()


@pytest.mark.usefixtures("payload_council")
def test_the_sign_in_page_escapes_the_council_name_and_next(client: TestClient) -> None:
    response = client.get("/sign-in", params={"next": "/" + ATTRIBUTE})
    assert response.status_code == 200
    assert_escaped(response.text)
    assert 'next=/" onmouseover' not in response.text


@pytest.mark.usefixtures("payload_council")
def test_the_404_page_escapes_the_council_name(client: TestClient) -> None:
    response = client.get("/" + SCRIPT)
    assert response.status_code == 404
    assert_escaped(response.text)


@pytest.mark.usefixtures("payload_council")
def test_the_demo_page_escapes_the_search_and_peoples_names(
    client: TestClient, factory: Factory
) -> None:
    factory.make_person(
        roles=(Role.PRACTITIONER,),
        given_name=NAME_PAYLOAD,
        family_name="Payload",
        job_title=PAYLOAD,
    )
    response = client.get("/demo/sign-in-as", params={"q": "payload", "next": "/" + ATTRIBUTE})
    assert_escaped(response.text)
    assert_escaped(response.text, NAME_PAYLOAD)
    response = client.get("/demo/sign-in-as", params={"q": PAYLOAD})
    assert_escaped(response.text)


@pytest.mark.usefixtures("payload_council")
def test_the_home_page_escapes_the_signed_in_persons_details(
    client: TestClient, factory: Factory
) -> None:
    person = factory.make_person(
        roles=(Role.SUPERVISOR,),
        given_name=NAME_PAYLOAD,
        family_name=NAME_PAYLOAD,
        job_title=PAYLOAD,
    )
    factory.sign_in(client, person)
    response = client.get("/")
    assert response.status_code == 200
    assert_escaped(response.text)
    assert_escaped(response.text, NAME_PAYLOAD)
