"""Who is asking, and may they? ``requires(Permission.X)`` guards every protected route."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from sqlmodel import Session, select

from learning.accounts.sessions import session_state
from learning.core.deps import DbSession
from learning.core.permissions import Permission, Role, permissions_for
from learning.org.models import Person, RoleAssignment

security_log = logging.getLogger("learning.security")


class SignInRequired(Exception):
    """The request needs a signed-in person; the error handler sends them to sign in."""

    def __init__(self, reason: str = "") -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Principal:
    person_id: int
    council_id: int
    name: str
    team_id: int | None
    roles: frozenset[Role]
    permissions: frozenset[Permission]
    session_id: str

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    def has_role(self, role: Role) -> bool:
        return role in self.roles


def load_principal(db: Session, request: Request) -> Principal | None:
    state = session_state(request.scope)
    if state.person_id is None or state.id is None:
        return None
    person = db.get(Person, state.person_id)
    if person is None or not person.active:
        return None
    assigned = db.exec(select(RoleAssignment.role).where(RoleAssignment.person_id == person.id))
    roles = frozenset(Role(r) for r in assigned) | frozenset(
        Role(r) for r in state.idp_roles if r in Role.__members__.values()
    )
    return principal_for(person, roles, state.id)


def principal_for(person: Person, roles: frozenset[Role], session_id: str) -> Principal:
    """``person`` acting with ``roles`` (and what they permit) in the session ``session_id``."""
    assert person.id is not None
    return Principal(
        person_id=person.id,
        council_id=person.council_id,
        name=person.name,
        team_id=person.team_id,
        roles=roles,
        permissions=permissions_for(roles),
        session_id=session_id,
    )


def current_principal(request: Request, db: DbSession) -> Principal:
    cached = getattr(request.state, "principal", None)
    if isinstance(cached, Principal):
        return cached
    principal = load_principal(db, request)
    if principal is None:
        raise SignInRequired(session_state(request.scope).ended_reason)
    request.state.principal = principal
    return principal


def optional_principal(request: Request, db: DbSession) -> Principal | None:
    try:
        return current_principal(request, db)
    except SignInRequired:
        return None


def requires(permission: Permission) -> Callable[..., Principal]:
    """A dependency that lets the request through only with ``permission``."""

    def check(
        request: Request, principal: Annotated[Principal, Depends(current_principal)]
    ) -> Principal:
        if not principal.can(permission):
            security_log.warning(
                "authorisation refused: person %s lacks %s for %s %s (request %s)",
                principal.person_id, permission, request.method, request.url.path,
                getattr(request.state, "request_id", ""),
            )
            raise HTTPException(status_code=403)
        return principal

    check.permission = permission  # type: ignore[attr-defined]
    check.__name__ = f"requires_{permission.name.lower()}"
    return check


def declared_permission(dependency: Any) -> Permission | None:
    return getattr(dependency, "permission", None)


OptionalUser = Annotated[Principal | None, Depends(optional_principal)]
