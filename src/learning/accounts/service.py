"""Sign-in rules: who a token identifies, whether they may enter, and with which roles."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from learning.core.config import Settings
from learning.core.permissions import Role
from learning.org.models import Council, Person


class SignInRefused(Exception):
    """The identity provider vouched for someone who may not enter; ``reason`` says why."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason, self.message = reason, message


@dataclass(frozen=True)
class Identity:
    tenant_id: str
    object_id: str
    given_name: str
    family_name: str
    email: str
    idp_roles: tuple[Role, ...]


#: The longest ``tid`` or ``oid`` we store (Entra ID sends 36-character GUIDs).
MAX_ID_LENGTH = 64
MISSING_DETAILS = (
    "Your council account did not send the details this service needs. "
    "Ask your administrator to check how sign-in is set up."
)

WRONG_ORGANISATION = "Accounts from your organisation cannot sign in to this service."

security_log = logging.getLogger("learning.security")


def identity_from_claims(claims: Mapping[str, Any], settings: Settings) -> Identity:
    """People are identified by tenant and object id (``tid``, ``oid``), never by email."""
    tid, oid = claims.get("tid"), claims.get("oid")
    for value in (tid, oid):
        if not isinstance(value, str) or not value.strip() or len(value) > MAX_ID_LENGTH:
            raise SignInRefused("claims", MISSING_DETAILS)
    assert isinstance(tid, str) and isinstance(oid, str)
    if settings.allowed_tenants and tid not in settings.allowed_tenants:
        raise SignInRefused("tenant", WRONG_ORGANISATION)
    return Identity(
        tenant_id=tid,
        object_id=oid,
        given_name=str(claims.get("given_name") or claims.get("name") or "Unnamed")[:80],
        family_name=str(claims.get("family_name") or "")[:80],
        email=str(claims.get("email") or claims.get("preferred_username") or "")[:254].lower(),
        idp_roles=mapped_roles(claims.get(settings.oidc_role_claim), settings.role_map),
    )


def mapped_roles(values: Any, role_map: Mapping[str, str]) -> tuple[Role, ...]:
    """Roles for the claim's values; values not in the map give no role."""
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, Iterable) or isinstance(values, Mapping):
        return ()
    roles: set[Role] = set()
    for value in values:
        if not isinstance(value, str) or value not in role_map:
            continue
        try:
            roles.add(Role(role_map[value]))
        except ValueError:
            security_log.warning("role map names an unknown role", extra={"role": role_map[value]})
    return tuple(sorted(roles))


def person_for_identity(
    db: Session, council: Council, identity: Identity, settings: Settings
) -> Person:
    if council.tenant_id and council.tenant_id != identity.tenant_id:
        raise SignInRefused("tenant", WRONG_ORGANISATION)
    person = db.exec(
        select(Person).where(
            Person.oidc_tid == identity.tenant_id, Person.oidc_oid == identity.object_id
        )
    ).first()
    if person is not None and person.council_id != council.id:
        raise SignInRefused(
            "council", "Your account belongs to another council's copy of this service."
        )
    if person is None:
        if not settings.oidc_auto_provision:
            raise SignInRefused(
                "unknown",
                "Your council account has not been set up for this service yet. "
                "Ask your administrator to add you.",
            )
        person = _provision(db, council, identity)
    if not person.active:
        raise SignInRefused(
            "disabled", "Your account has been disabled. Ask an administrator if this is wrong."
        )
    return person


def _provision(db: Session, council: Council, identity: Identity) -> Person:
    assert council.id is not None
    email = identity.email or f"{identity.object_id}@{identity.tenant_id}.invalid"
    clash = db.exec(
        select(Person).where(Person.council_id == council.id, func.lower(Person.email) == email)
    ).first()
    if clash is not None:
        # Never link by email: someone else's record may carry it. Ask an administrator.
        raise SignInRefused(
            "email_in_use",
            "An account with your email address exists but is not linked to your sign-in. "
            "Ask an administrator to link it.",
        )
    person = Person(
        council_id=council.id,
        given_name=identity.given_name,
        family_name=identity.family_name,
        email=email,
        oidc_tid=identity.tenant_id,
        oidc_oid=identity.object_id,
    )
    try:
        with db.begin_nested():
            db.add(person)
    except IntegrityError as exc:
        # The same person signing in twice at once: the other attempt created the record.
        raise SignInRefused("provision_conflict", "Please try signing in again.") from exc
    return person


def council_for(db: Session, settings: Settings) -> Council:
    council = db.exec(select(Council).where(Council.slug == settings.council_slug)).first()
    if council is None:
        raise SignInRefused("council", "This service has not been set up for your council yet.")
    return council


def safe_next(value: str | None) -> str:
    """Only a path on this site: never another host (open redirect)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/"
    if any(ord(ch) < 32 for ch in value):
        return "/"
    return value
