"""Permissions: one enum (``scope:resource:action``) and one role-to-permission map.

Every route declares the permission it needs (``requires(Permission.X)``) or is listed in
``learning.app.PUBLIC_ROUTES``; a test walks the app and fails for any route that is neither.
Object-level checks (this supervisor, this team) live in each capability's service.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Role(StrEnum):
    PRACTITIONER = "practitioner"
    SUPERVISOR = "supervisor"
    TEAM_MANAGER = "team_manager"
    WORKFORCE_LEAD = "workforce_lead"
    SAFEGUARDING_LEAD = "safeguarding_lead"
    PRINCIPAL_SOCIAL_WORKER = "principal_social_worker"
    ADMINISTRATOR = "administrator"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.PRACTITIONER: "Practitioner",
    Role.SUPERVISOR: "Supervisor",
    Role.TEAM_MANAGER: "Team manager",
    Role.WORKFORCE_LEAD: "Workforce lead",
    Role.SAFEGUARDING_LEAD: "Safeguarding lead",
    Role.PRINCIPAL_SOCIAL_WORKER: "Principal social worker",
    Role.ADMINISTRATOR: "Administrator",
}


class Permission(StrEnum):
    HOME_VIEW = "home:dashboard:view"
    PEOPLE_READ = "org:people:read"
    PEOPLE_MANAGE = "org:people:manage"
    TEAMS_MANAGE = "org:teams:manage"
    STAFF_IMPORT = "org:import:run"
    SESSIONS_REVOKE = "accounts:sessions:revoke"
    AUDIT_READ = "audit:events:read"
    AUDIT_EXPORT = "audit:events:export"
    SUPERVISION_OWN = "supervision:own:read"
    SUPERVISION_RECORD = "supervision:sessions:record"
    SUPERVISION_OVERSEE = "supervision:team:oversee"
    SUPERVISION_AUDIT = "supervision:records:audit"
    SUPERVISION_POLICY = "supervision:policy:manage"
    FEEDBACK_LINKS = "feedback:links:manage"
    FEEDBACK_TRIAGE = "feedback:items:triage"
    SAFEGUARDING_ALERTS = "safeguarding:alerts:handle"
    THEMES_VIEW = "themes:themes:read"
    THEMES_EDIT = "themes:codebook:edit"


#: What every signed-in person may do, whatever their roles.
SIGNED_IN: frozenset[Permission] = frozenset({Permission.HOME_VIEW, Permission.SUPERVISION_OWN})

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.PRACTITIONER: frozenset({Permission.FEEDBACK_LINKS}),
    Role.SUPERVISOR: frozenset(
        {Permission.SUPERVISION_RECORD, Permission.FEEDBACK_LINKS, Permission.FEEDBACK_TRIAGE}
    ),
    Role.TEAM_MANAGER: frozenset(
        {
            Permission.PEOPLE_READ,
            Permission.SUPERVISION_RECORD,
            Permission.SUPERVISION_OVERSEE,
            Permission.SUPERVISION_AUDIT,
            Permission.FEEDBACK_LINKS,
            Permission.FEEDBACK_TRIAGE,
            Permission.THEMES_VIEW,
        }
    ),
    Role.WORKFORCE_LEAD: frozenset(
        {Permission.PEOPLE_READ, Permission.SUPERVISION_OVERSEE, Permission.THEMES_VIEW}
    ),
    Role.SAFEGUARDING_LEAD: frozenset(
        {
            Permission.SAFEGUARDING_ALERTS,
            Permission.FEEDBACK_TRIAGE,
            Permission.PEOPLE_READ,
            Permission.THEMES_VIEW,
        }
    ),
    Role.PRINCIPAL_SOCIAL_WORKER: frozenset(
        {
            Permission.PEOPLE_READ,
            Permission.SUPERVISION_OVERSEE,
            Permission.SUPERVISION_AUDIT,
            Permission.SUPERVISION_POLICY,
            Permission.FEEDBACK_LINKS,
            Permission.FEEDBACK_TRIAGE,
            Permission.THEMES_VIEW,
            Permission.THEMES_EDIT,
        }
    ),
    Role.ADMINISTRATOR: frozenset(
        {
            Permission.PEOPLE_READ,
            Permission.PEOPLE_MANAGE,
            Permission.TEAMS_MANAGE,
            Permission.STAFF_IMPORT,
            Permission.SESSIONS_REVOKE,
            Permission.AUDIT_READ,
            Permission.AUDIT_EXPORT,
            Permission.SUPERVISION_POLICY,
            Permission.FEEDBACK_LINKS,
        }
    ),
}


def permissions_for(roles: Iterable[Role]) -> frozenset[Permission]:
    granted = set(SIGNED_IN)
    for role in roles:
        granted |= ROLE_PERMISSIONS[role]
    return frozenset(granted)
