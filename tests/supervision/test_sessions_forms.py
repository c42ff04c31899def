"""The session forms and the practice frameworks, without a database or a browser."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from learning.org.models import TeamKind
from learning.supervision import case_forms, forms, frameworks
from learning.supervision.forms import Fields, SessionState
from learning.supervision.terms import RaterRole, SessionType

TODAY = date(2025, 3, 12)


def state(**overrides: object) -> SessionState:
    values: dict[str, object] = {
        "planned_for": TODAY, "outcome": "held", "status_reason": "", "held_on": TODAY,
        "duration_minutes": 90, "session_type": SessionType.ONE_TO_ONE, "attendees": 0,
        "functions": ("support",),
    }
    values.update(overrides)
    return SessionState(**values)  # type: ignore[arg-type]


def test_a_complete_held_session_has_no_errors() -> None:
    assert forms.completeness_errors(state(), TODAY) == {}


def test_a_held_date_may_be_a_year_before_the_planned_date_but_no_earlier() -> None:
    year_before = TODAY - timedelta(days=365)
    assert forms.completeness_errors(state(held_on=year_before), TODAY) == {}
    errors = forms.completeness_errors(state(held_on=year_before - timedelta(days=1)), TODAY)
    assert errors["held_on"] == ("Date held must be no more than a year before the planned "
                                 "date: 12 March 2024 or later")


def test_a_cancelled_session_needs_only_its_reason() -> None:
    cancelled = state(outcome="cancelled", held_on=None, duration_minutes=None, functions=())
    assert forms.completeness_errors(cancelled, TODAY) == {
        "status_reason": "Enter why the session was cancelled"}


def test_each_answer_is_parsed_on_its_own_and_a_failing_one_is_kept_as_typed() -> None:
    answers = forms.parse_session(Fields({
        "planned_for-day": "12", "planned_for-month": "3", "planned_for-year": "2025",
        "wellbeing": "eleven", "functions": ["", "support", "management"],
    }))

    assert answers.values == {"planned_for": TODAY,
                              "functions": ["management", "support"]}
    assert answers.raw == {"wellbeing": "eleven"}
    assert answers.errors == {"wellbeing": "Wellbeing must be a number from 0 to 10"}


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("", "", ""), "Enter the planned date"),
        (("12", "", "2025"), "Planned date must include a month"),
        (("", "", "2025"), "Planned date must include a day and month"),
        (("29", "2", "2025"), "Planned date must be a real date, like 27 3 2025"),
        (("1", "13", "2025"), "Planned date must be a real date, like 27 3 2025"),
        (("1", "1", "25"), "Planned date must be a real date, like 27 3 2025"),
    ],
)
def test_impossible_or_incomplete_dates_are_errors(
    parts: tuple[str, str, str], message: str
) -> None:
    fields = Fields(dict(zip(forms.date_inputs("planned_for"), parts, strict=True)))
    assert forms.parse_date(fields, "planned_for", "Planned date", required=True) == (None, message)


def test_a_case_discussion_parses_its_ratings_and_leaves_out_blank_ones() -> None:
    data, errors = case_forms.parse_case(Fields({
        "case_reference": " CS-42 ", "child_voice": "He likes football.",
        "rating-parent": "0", "rating-child": "10", "rating-network": "",
    }))

    assert errors == {}
    assert data is not None
    assert data.case_reference == "CS-42"
    assert data.ratings == {RaterRole.PARENT: 0, RaterRole.CHILD: 10}


@pytest.mark.parametrize("score", ["11", "-1", "5.5", "ten"])
def test_a_rating_outside_the_scale_is_an_error(score: str) -> None:
    _, errors = case_forms.parse_case(Fields({
        "case_reference": "CS-42", "child_voice": "Said nothing yet.", "rating-supervisor": score,
    }))
    assert errors == {"rating-supervisor": "Supervisor's rating must be a number from 0 to 10"}


def test_every_reflective_model_has_stages_each_with_a_prompt() -> None:
    models = frameworks.reflective_models()
    assert [m.key for m in models] == ["morrison", "kolb", "gibbs"]
    assert [s.key for s in frameworks.reflective_model("morrison").stages] == [
        "experience", "reflection", "analysis", "action_planning"]
    assert len(frameworks.reflective_model("gibbs").stages) == 6
    assert all("?" in stage.prompt for m in models for stage in m.stages)
    assert frameworks.reflective_model("no-such-model").key == "morrison"


def every_case_framework() -> tuple[frameworks.CaseFramework, ...]:
    """Every framework the data defines, whether or not a team kind uses it."""
    return tuple(frameworks._case_frameworks()[2].values())


def test_every_framework_labels_every_column_and_each_team_kind_has_one() -> None:
    for framework in every_case_framework():
        fields = [name for column in framework.columns for name in column.fields]
        assert fields == list(frameworks.CASE_FIELDS), framework.key
        assert set(framework.labels) == set(framework.hints) == set(frameworks.CASE_FIELDS)
    assert frameworks.framework_for(TeamKind.EARLY_HELP.value).name == "Signs of Wellbeing"
    assert frameworks.framework_for(TeamKind.CHILDREN_IN_CARE.value).name == "Signs of Success"
    assert frameworks.framework_for(TeamKind.CHILD_PROTECTION.value).name == "Signs of Safety"
    assert frameworks.framework_for(None).name == "Signs of Safety"
