"""The council's supervision policies, stored as versioned data.

Each kind ("frequency", "workload") is a series of versions; saving adds a version and never
changes an earlier one, so a workload snapshot can always say which policy weighed it. A
council that has saved none uses the defaults in :mod:`learning.supervision.policy`; reading
never stores anything, and a version 1 of the defaults is stored only when a record needs to
point at it (:func:`ensure_workload_row`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from learning.audit.service import Actor, record
from learning.org.models import Person
from learning.supervision.models import SupervisionPolicy
from learning.supervision.policy import FrequencyPolicy, WorkloadPolicy

FREQUENCY = "frequency"
WORKLOAD = "workload"
KINDS = (WORKLOAD, FREQUENCY)

#: What the default case categories are called on screen.
DEFAULT_CATEGORY_LABELS = {
    "child_in_need": "Child in need",
    "child_protection": "Child protection",
    "child_in_care": "Child in care",
    "care_leaver": "Care leaver",
    "court_plo": "Court or pre-proceedings (PLO)",
    "pre_birth": "Pre-birth assessment",
    "early_help": "Early help",
}


class PolicyConflict(RuntimeError):
    """Someone else saved a version at the same moment."""


@dataclass(frozen=True)
class StoredWorkload:
    """The workload policy in force, its labels, and the stored version (None: defaults)."""

    policy: WorkloadPolicy
    labels: Mapping[str, str] = field(default_factory=dict)
    row: SupervisionPolicy | None = None

    def label(self, category: str) -> str:
        return category_label(category, self.labels)


@dataclass(frozen=True)
class StoredFrequency:
    policy: FrequencyPolicy
    row: SupervisionPolicy | None = None


def category_label(category: str, labels: Mapping[str, str]) -> str:
    return labels.get(category) or DEFAULT_CATEGORY_LABELS.get(category) or (
        category.replace("_", " ").capitalize()
    )


def category_key(label: str) -> str:
    """A stable key for a category named ``label`` ("Court / PLO" -> "court_plo")."""
    return re.sub(r"[^a-z0-9]+", "_", label.casefold()).strip("_")[:60]


# Reading ---------------------------------------------------------------------------------


def latest_row(db: Session, council_id: int, kind: str) -> SupervisionPolicy | None:
    query = (
        select(SupervisionPolicy)
        .where(SupervisionPolicy.council_id == council_id, SupervisionPolicy.kind == kind)
        .order_by(col(SupervisionPolicy.version).desc())
        .limit(1)
    )
    return db.exec(query).first()


def workload_from_row(row: SupervisionPolicy) -> StoredWorkload:
    body = json.loads(row.body)
    return StoredWorkload(WorkloadPolicy.from_data(body), body.get("category_labels", {}), row)


def current_workload(db: Session, council_id: int) -> StoredWorkload:
    row = latest_row(db, council_id, WORKLOAD)
    return workload_from_row(row) if row else StoredWorkload(WorkloadPolicy())


def current_frequency(db: Session, council_id: int) -> StoredFrequency:
    row = latest_row(db, council_id, FREQUENCY)
    if row is None:
        return StoredFrequency(FrequencyPolicy())
    return StoredFrequency(FrequencyPolicy.from_data(json.loads(row.body)), row)


def frequency_policy(db: Session, council_id: int) -> FrequencyPolicy:
    return current_frequency(db, council_id).policy


@dataclass(frozen=True)
class PolicyVersion:
    row: SupervisionPolicy
    saved_by: str


def history(db: Session, council_id: int, kind: str) -> list[PolicyVersion]:
    """Every stored version of ``kind``, newest first, with who saved it."""
    query = (
        select(SupervisionPolicy, Person)
        .outerjoin(Person, col(Person.id) == SupervisionPolicy.created_by_id)
        .where(SupervisionPolicy.council_id == council_id, SupervisionPolicy.kind == kind)
        .order_by(col(SupervisionPolicy.version).desc())
    )
    return [PolicyVersion(row, person.name if person else "Set up automatically")
            for row, person in db.exec(query).all()]


# Saving ----------------------------------------------------------------------------------


def workload_body(policy: WorkloadPolicy, labels: Mapping[str, str]) -> dict[str, Any]:
    kept = {key: labels[key] for key in policy.category_points if key in labels}
    return {**policy.to_data(), "category_labels": kept}


def save_workload(
    db: Session, actor: Actor, council_id: int, policy: WorkloadPolicy, labels: Mapping[str, str]
) -> SupervisionPolicy | None:
    """A new version of the workload policy; None if it is the same as the current one."""
    current = current_workload(db, council_id)
    body = workload_body(policy, labels)
    if body == workload_body(current.policy, {**DEFAULT_CATEGORY_LABELS, **current.labels}):
        return None
    return _add_version(db, actor, council_id, WORKLOAD, body)


def save_frequency(
    db: Session, actor: Actor, council_id: int, policy: FrequencyPolicy
) -> SupervisionPolicy | None:
    """A new version of the frequency policy; None if it is the same as the current one."""
    if policy.to_data() == frequency_policy(db, council_id).to_data():
        return None
    return _add_version(db, actor, council_id, FREQUENCY, policy.to_data())


def ensure_workload_row(db: Session, actor: Actor, council_id: int) -> StoredWorkload:
    """The workload policy in force, stored as version 1 of the defaults if none is stored."""
    current = current_workload(db, council_id)
    if current.row is not None:
        return current
    body = workload_body(current.policy, DEFAULT_CATEGORY_LABELS)
    row = _add_version(db, actor, council_id, WORKLOAD, body, automatic=True)
    return workload_from_row(row)


def _add_version(
    db: Session, actor: Actor, council_id: int, kind: str, body: Mapping[str, Any],
    *, automatic: bool = False,
) -> SupervisionPolicy:
    latest = db.exec(
        select(func.max(SupervisionPolicy.version)).where(
            SupervisionPolicy.council_id == council_id, SupervisionPolicy.kind == kind
        )
    ).one()
    row = SupervisionPolicy(
        council_id=council_id,
        kind=kind,
        version=(latest or 0) + 1,
        body=json.dumps(body),  # in the order given: categories show in that order
        created_by_id=None if automatic else actor.person_id,
    )
    try:
        with db.begin_nested():
            db.add(row)
            db.flush()
    except IntegrityError as clash:
        raise PolicyConflict(kind) from clash
    record(db, actor, "policy.versioned", "supervision_policy", row.id,
           kind=kind, version=row.version, automatic=automatic)
    return row
