"""The council's supervision policies: how often supervision happens, and how workload is
weighed. Each save is a new version; earlier versions stay, listed in the history."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from learning.accounts.dependencies import Principal, requires
from learning.audit.service import actor_from
from learning.core.deps import DbSession
from learning.core.permissions import Permission
from learning.core.web import flash, redirect, render
from learning.org.forms import Errors, in_order
from learning.org.view_helpers import FormDep
from learning.supervision import policy_forms, policy_store
from learning.supervision.agreements import describe_steps

router = APIRouter()

PolicyKeeper = Annotated[Principal, Depends(requires(Permission.SUPERVISION_POLICY))]
CONFLICT = ("Someone else saved a new version of this policy just now. Check the policy "
            "below and save again.")


@router.get("/supervision/policy", name="supervision_policy")
def supervision_policy(request: Request, db: DbSession, principal: PolicyKeeper) -> Response:
    council_id = principal.council_id
    workload = policy_store.current_workload(db, council_id)
    frequency = policy_store.current_frequency(db, council_id).policy
    schedules = [(policy_forms.stage_label(stage), describe_steps(steps))
                 for stage, steps in policy_forms.schedules_in_order(frequency)]
    return render(request, "supervision/policy_overview.html", {
        "workload": workload,
        "categories": [(workload.label(key), points)
                       for key, points in workload.policy.category_points.items()],
        "schedules": schedules,
        "frequency_row": policy_store.latest_row(db, council_id, policy_store.FREQUENCY),
        "workload_history": policy_store.history(db, council_id, policy_store.WORKLOAD),
        "frequency_history": policy_store.history(db, council_id, policy_store.FREQUENCY),
    })


# Workload weighting ----------------------------------------------------------------------


@router.get("/supervision/policy/workload", name="workload_policy_edit")
def workload_policy_edit(request: Request, db: DbSession, principal: PolicyKeeper) -> Response:
    current = policy_store.current_workload(db, principal.council_id)
    return _workload_form(request, policy_forms.workload_values(current.policy, current.labels),
                          {})


@router.post("/supervision/policy/workload", name="workload_policy_save")
def workload_policy_save(
    request: Request, db: DbSession, principal: PolicyKeeper, form: FormDep
) -> Response:
    values = policy_forms.submitted_workload_values(form)
    parsed, errors = policy_forms.parse_workload_policy(values)
    if parsed is None:
        return _workload_form(request, values, errors, 422)
    policy, labels = parsed
    try:
        row = policy_store.save_workload(db, actor_from(request), principal.council_id,
                                         policy, labels)
    except policy_store.PolicyConflict:
        return _workload_form(request, values, {"category-0-name": CONFLICT}, 409)
    _saved(request, row, "workload weighting")
    return redirect(request, str(request.url_for("supervision_policy")))


def _workload_form(
    request: Request, values: dict[str, Any], errors: Errors, status: int = 200
) -> Response:
    rows = values["category_rows"]
    return render(request, "supervision/policy_workload.html", {
        "rows": rows,
        "values": values,
        "errors": in_order(errors, policy_forms.workload_field_order(rows)),
    }, status_code=status)


# Supervision frequency -------------------------------------------------------------------


@router.get("/supervision/policy/frequency", name="frequency_policy_edit")
def frequency_policy_edit(
    request: Request, db: DbSession, principal: PolicyKeeper
) -> Response:
    current = policy_store.frequency_policy(db, principal.council_id)
    return _frequency_form(request, policy_forms.frequency_values(current), {})


@router.post("/supervision/policy/frequency", name="frequency_policy_save")
def frequency_policy_save(
    request: Request, db: DbSession, principal: PolicyKeeper, form: FormDep
) -> Response:
    values = policy_forms.submitted_frequency_values(form)
    policy, errors = policy_forms.parse_frequency_policy(values)
    if policy is None:
        return _frequency_form(request, values, errors, 422)
    try:
        row = policy_store.save_frequency(db, actor_from(request), principal.council_id, policy)
    except policy_store.PolicyConflict:
        return _frequency_form(request, values, {"step-0-days": CONFLICT}, 409)
    _saved(request, row, "supervision frequency")
    return redirect(request, str(request.url_for("supervision_policy")))


def _frequency_form(
    request: Request, values: dict[str, Any], errors: Errors, status: int = 200
) -> Response:
    rows = values["step_rows"]
    return render(request, "supervision/policy_frequency.html", {
        "rows": rows,
        "values": values,
        "stage_options": list(policy_forms.STAGE_LABELS.items()),
        "errors": in_order(errors, policy_forms.frequency_field_order(rows)),
    }, status_code=status)


def _saved(request: Request, row: Any, what: str) -> None:
    if row is None:
        flash(request, "Nothing was changed")
    else:
        flash(request, f"Version {row.version} of the {what} policy has been saved")
