"""Every route is either public by name or declares the permission it needs, and refuses
anyone without it. The app is built in demo mode, so the demo routes are checked too."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import fastapi.routing
import pytest
from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlmodel import SQLModel

import learning.all_models  # noqa: F401 - every table, for the row counts
from learning.accounts.dependencies import declared_permission
from learning.app import PUBLIC_ROUTES, create_app
from learning.core.config import Settings
from learning.core.db import Database
from learning.core.permissions import Permission, Role, permissions_for
from learning.core.record_ids import RecordIdConvertor
from tests.conftest import make_settings
from tests.factories import Factory

#: Tables a GET may change: reads of sensitive records are audited, and sessions are kept
#: server-side (last seen, sign-in state).
WRITTEN_BY_READS = frozenset({"audit_event", "user_session"})


@pytest.fixture
def settings() -> Settings:
    return make_settings(demo=True)


def served_routes(app: FastAPI) -> list[Any]:
    """Every route the app serves. Since FastAPI 0.137 ``app.routes`` keeps each included
    router as one opaque entry; ``iter_route_contexts`` flattens them, each with its full
    path and every dependency it runs (the app's, the router's and its own)."""
    flatten = getattr(fastapi.routing, "iter_route_contexts", None)
    return list(flatten(app.routes)) if flatten else list(app.routes)


def demo_app_routes() -> list[Any]:
    """The routes of an app like the one under test (building it touches no database)."""
    return served_routes(create_app(make_settings(demo=True), Database.from_url("sqlite://")))


def is_api_route(route: Any) -> bool:
    return isinstance(getattr(route, "original_route", route), APIRoute)


def permissions_declared(dependant: Dependant) -> frozenset[Permission]:
    """Every permission a ``requires(...)`` dependency declares, however deeply nested."""
    found: set[Permission] = set()
    for dependency in dependant.dependencies:
        permission = declared_permission(dependency.call)
        if permission is not None:
            found.add(permission)
        found |= permissions_declared(dependency)
    return frozenset(found)


def protected_get_routes() -> list[tuple[str, str, frozenset[Permission], bool]]:
    """(name, path with every parameter set to 1, permissions, whether it names an object)."""
    found = []
    for route in filter(is_api_route, demo_app_routes()):
        permissions = permissions_declared(route.dependant)
        if "GET" in route.methods and permissions:
            path = route.path_format.format(**dict.fromkeys(route.param_convertors, 1))
            found.append((route.name, path, permissions, bool(route.param_convertors)))
    return found


PROTECTED_GETS = protected_get_routes()


def test_every_route_is_public_by_name_or_declares_a_permission() -> None:
    undeclared = [
        getattr(route, "name", repr(route))
        for route in demo_app_routes()
        if getattr(route, "name", None) not in PUBLIC_ROUTES
        and not (is_api_route(route) and permissions_declared(route.dependant))
    ]

    assert undeclared == [], "routes with neither a permission nor a place in PUBLIC_ROUTES"


def test_the_public_list_names_only_routes_that_exist() -> None:
    names = {getattr(route, "name", None) for route in demo_app_routes()}

    assert sorted(PUBLIC_ROUTES - names) == [], "stale names in PUBLIC_ROUTES"


def test_there_are_protected_routes_to_check() -> None:
    names = {name for name, *_ in PROTECTED_GETS}

    assert {"home", "audit_events", "audit_export"} <= names


def test_an_anonymous_visitor_is_sent_to_sign_in(client: TestClient) -> None:
    """Every protected page, asked for without signing in, sends the visitor to sign in and
    back. (One app for all of them: building an app per route made this file a fifth of the
    suite's time; every route that goes wrong is listed.)"""
    wrong = {}
    for name, path, *_ in PROTECTED_GETS:
        response = client.get(path)
        location = urlsplit(response.headers.get("location", ""))
        back_to = parse_qs(location.query).get("next")
        if (response.status_code, location.path, back_to) != (303, "/sign-in", [path]):
            wrong[name] = (response.status_code, location.path, back_to)

    assert wrong == {}, "protected pages that did not send an anonymous visitor to sign in"


ROLES: list[Role | None] = [None, *Role]


def expected_statuses(
    role: Role | None, needs: frozenset[Permission], has_params: bool
) -> set[int]:
    if not needs <= permissions_for((role,) if role else ()):
        return {403}
    if has_params:
        return {200, 404}  # the object with id 1 may not exist
    return {200}


@pytest.mark.parametrize("role", [pytest.param(role, id=str(role or "no-role")) for role in ROLES])
def test_each_role_reaches_exactly_the_routes_its_permissions_allow(
    client: TestClient, factory: Factory, role: Role | None
) -> None:
    """Signed in with one role (or none), every protected page answers as the role's
    permissions say: refused without them, shown with them. Every route that answers
    otherwise is listed."""
    factory.sign_in(client, factory.make_person(roles=(role,) if role else ()))
    wrong = {}

    for name, path, needs, has_params in PROTECTED_GETS:
        status = client.get(path).status_code
        expected = expected_statuses(role, needs, has_params)
        if status not in expected:
            wrong[f"GET {path} ({name})"] = (status, sorted(expected))

    assert len(PROTECTED_GETS) > 50
    assert wrong == {}, f"routes that answered {role} against its permissions"


def only(*roles: Role) -> tuple[frozenset[Role], frozenset[Role]]:
    """These roles must hold the permission, and every other role must not."""
    return frozenset(roles), frozenset(Role) - frozenset(roles)


#: The most sensitive permissions: the roles that must hold each, and the roles that must
#: not. Written out by hand from what the product says of its roles (the README, each
#: capability's docstrings, DOMAIN.md 5.3), never read from ROLE_PERMISSIONS, so a wrong
#: grant there fails here (the route walk above takes its expectations from that table).
#: A role in neither set is one the documents do not decide.
SENSITIVE: dict[Permission, tuple[frozenset[Role], frozenset[Role]]] = {
    # Alerts go to the safeguarding lead's inbox (DOMAIN 5.3: the duty/MASH inbox).
    Permission.SAFEGUARDING_ALERTS: only(Role.SAFEGUARDING_LEAD),
    # "The administrators' audit page": reading it, and its CSV export.
    Permission.AUDIT_READ: only(Role.ADMINISTRATOR),
    Permission.AUDIT_EXPORT: only(Role.ADMINISTRATOR),
    # "Administrators' pages for the organisation": people, teams, the staff import,
    # and ending someone's sessions (SECURITY 7.4.5: the administrator can).
    Permission.PEOPLE_MANAGE: only(Role.ADMINISTRATOR),
    Permission.TEAMS_MANAGE: only(Role.ADMINISTRATOR),
    Permission.STAFF_IMPORT: only(Role.ADMINISTRATOR),
    Permission.SESSIONS_REVOKE: only(Role.ADMINISTRATOR),
    # The analysts' codebook: only the principal social worker changes themes.
    Permission.THEMES_EDIT: only(Role.PRINCIPAL_SOCIAL_WORKER),
    # Feedback: a supervisor reads their team's; team managers, safeguarding leads and
    # principal social workers every team's. Practitioners make links but do not read the
    # team's feedback, and the administrator runs the system, not its feedback.
    Permission.FEEDBACK_TRIAGE: (
        frozenset({Role.SUPERVISOR, Role.TEAM_MANAGER, Role.SAFEGUARDING_LEAD,
                   Role.PRINCIPAL_SOCIAL_WORKER}),
        frozenset({Role.PRACTITIONER, Role.ADMINISTRATOR}),
    ),
    # Other people's supervision records: team managers read their team's, the principal
    # social worker and workforce leads the council's (supervision.access); a supervisor
    # only their own supervisees', through the supervision itself.
    Permission.SUPERVISION_OVERSEE: (
        frozenset({Role.TEAM_MANAGER, Role.PRINCIPAL_SOCIAL_WORKER, Role.WORKFORCE_LEAD}),
        frozenset({Role.PRACTITIONER, Role.SUPERVISOR, Role.SAFEGUARDING_LEAD,
                   Role.ADMINISTRATOR}),
    ),
}


@pytest.mark.parametrize("permission", list(SENSITIVE), ids=str)
def test_the_most_sensitive_permissions_go_only_to_the_roles_the_documents_name(
    permission: Permission,
) -> None:
    must, must_not = SENSITIVE[permission]
    assert must and not must & must_not
    holders = {role for role in Role if permission in permissions_for((role,))}

    assert sorted(must - holders) == [], f"roles that must have {permission}"
    assert sorted(holders & must_not) == [], f"roles that must not have {permission}"
    assert permission not in permissions_for(()), "given to everyone signed in"


def row_counts(database: Database) -> dict[str, int]:
    assert database.connection is not None
    count = database.connection.execute
    return {
        table.name: count(select(func.count()).select_from(table)).scalar_one()
        for table in SQLModel.metadata.sorted_tables
    }


def test_get_is_safe(
    app: FastAPI, client: TestClient, database: Database, factory: Factory
) -> None:
    """Every GET route without path parameters, called by an administrator, changes no table
    except the audit log and the session store. (A route that fails fails this test: an
    error would roll back, and hide, what it wrote.)"""
    factory.make_team()
    factory.sign_in(client, factory.make_person(roles=(Role.ADMINISTRATOR,)))
    gets = [
        route
        for route in served_routes(app)
        if is_api_route(route) and "GET" in route.methods and not route.param_convertors
    ]
    assert {"home", "audit_events", "audit_export", "healthz"} <= {r.name for r in gets}
    changed: dict[str, dict[str, tuple[int, int]]] = {}

    for route in gets:
        before = row_counts(database)
        client.get(route.path)
        after = row_counts(database)
        differences = {
            table: (before[table], after[table])
            for table in before
            if before[table] != after[table] and table not in WRITTEN_BY_READS
        }
        if differences:
            changed[route.name] = differences

    assert changed == {}, "GET routes that changed the database"


def test_a_refused_page_is_on_the_security_log_with_who_what_and_where(
    client: TestClient, factory: Factory, caplog: pytest.LogCaptureFixture
) -> None:
    person = factory.make_person(roles=(Role.PRACTITIONER,))
    factory.sign_in(client, person)
    with caplog.at_level("WARNING", logger="learning.security"):
        assert client.get("/audit").status_code == 403
    (message,) = [r.getMessage() for r in caplog.records if r.name == "learning.security"]
    assert message.startswith(f"authorisation refused: person {person.id} lacks ")
    assert " for GET /audit (request " in message and not message.endswith("(request )")


def test_every_number_in_an_address_is_a_record_id_of_at_most_18_digits() -> None:
    """Starlette's ``int`` takes any run of digits, and a number past the databases' largest
    integer made the driver raise before any check: a 500. Every numeric path parameter uses
    ``id`` (learning.core.record_ids) instead, and none is taken by the view's annotation
    alone (a bare ``{item_id}`` with ``item_id: int``)."""
    wrong = []
    for route in filter(is_api_route, demo_app_routes()):
        for param in route.dependant.path_params:
            convertor = route.param_convertors.get(param.name)
            if param.field_info.annotation is int and not isinstance(convertor, RecordIdConvertor):
                wrong.append(f"{route.path} {param.name}")

    assert wrong == []


def test_an_id_too_large_for_the_database_is_page_not_found_for_every_route(
    client: TestClient, factory: Factory
) -> None:
    """Asked for by someone with every role, by GET and by POST: 404, never a server error."""
    factory.sign_in(client, factory.make_person(roles=tuple(Role)))
    huge = 10**19  # past 2^63 - 1
    wrong = {}
    checked = 0
    for route in filter(is_api_route, demo_app_routes()):
        ids = [n for n, c in route.param_convertors.items() if isinstance(c, RecordIdConvertor)]
        if not ids:
            continue
        path = route.path_format.format(
            **dict.fromkeys(route.param_convertors, 1) | dict.fromkeys(ids, huge)
        )
        for method in sorted(route.methods & {"GET", "POST"}):
            checked += 1
            status = client.request(method, path).status_code
            if status != 404:
                wrong[f"{method} {path}"] = status

    assert checked > 70
    assert wrong == {}
