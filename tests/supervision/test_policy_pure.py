"""The pure policy functions: the supervision schedule and the workload weighing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from learning.supervision.policy import (
    FrequencyPolicy,
    FrequencyStep,
    WorkloadPolicy,
    expected_sessions,
    next_due,
    weigh,
)
from learning.supervision.terms import Rag

START = date(2025, 9, 1)
POLICY = FrequencyPolicy()


def on_day(n: int) -> date:
    return START + timedelta(days=n)


# How often: the ASYE schedule and everyone else ------------------------------------------


@pytest.mark.parametrize("day", [0, 1, 20, 41])
def test_an_asye_is_supervised_weekly_for_the_first_six_weeks(day: int) -> None:
    assert POLICY.interval_on("asye", START, on_day(day)) == 7


@pytest.mark.parametrize("day", [42, 100, 181])
def test_an_asye_is_supervised_fortnightly_from_week_six_until_six_months(day: int) -> None:
    assert POLICY.interval_on("asye", START, on_day(day)) == 14


@pytest.mark.parametrize("day", [182, 400])
def test_an_asye_is_supervised_monthly_after_six_months(day: int) -> None:
    assert POLICY.interval_on("asye", START, on_day(day)) == 31


def test_other_career_stages_are_supervised_monthly_from_the_start() -> None:
    for stage in ("social_worker", "senior_practitioner", "team_manager", "not-a-stage"):
        assert POLICY.interval_on(stage, START, START) == 31


def test_a_student_is_supervised_weekly() -> None:
    assert POLICY.interval_on("student", START, on_day(300)) == 7


def test_a_day_before_the_start_counts_as_the_first_week() -> None:
    assert POLICY.interval_on("asye", START, START - timedelta(days=30)) == 7


def test_an_agreed_override_replaces_the_policy_interval() -> None:
    assert POLICY.interval_on("asye", START, START, override=10) == 10
    assert POLICY.interval_on("social_worker", START, on_day(500), override=21) == 21


def test_the_first_session_is_due_one_interval_after_the_start() -> None:
    assert next_due(POLICY, "asye", START, None) == on_day(7)
    assert next_due(POLICY, "social_worker", START, None) == on_day(31)


def test_the_next_session_is_due_one_interval_after_the_last_one_held() -> None:
    assert next_due(POLICY, "asye", START, on_day(35)) == on_day(42)
    assert next_due(POLICY, "asye", START, on_day(42)) == on_day(56)
    assert next_due(POLICY, "asye", START, on_day(190)) == on_day(221)
    assert next_due(POLICY, "social_worker", START, on_day(3), override=14) == on_day(17)


def test_an_asye_is_expected_to_have_22_sessions_in_their_first_year() -> None:
    # 6 weekly (days 0-35), 10 fortnightly (days 42-168), 6 monthly (days 182-337).
    assert expected_sessions(POLICY, "asye", START, START, on_day(364)) == 22


def test_an_asye_is_expected_to_have_six_sessions_in_their_first_six_weeks() -> None:
    assert expected_sessions(POLICY, "asye", START, START, on_day(41)) == 6


def test_a_social_worker_is_expected_to_have_12_sessions_a_year() -> None:
    assert expected_sessions(POLICY, "social_worker", START, START, on_day(364)) == 12


def test_expected_sessions_count_from_the_period_start_when_it_is_later() -> None:
    # From week 30, monthly: days 210, 241, 272.
    assert expected_sessions(POLICY, "asye", START, on_day(210), on_day(280)) == 3


def test_no_sessions_are_expected_before_the_start_or_in_an_empty_period() -> None:
    assert expected_sessions(POLICY, "asye", START, on_day(-60), on_day(-1)) == 0
    assert expected_sessions(POLICY, "asye", START, on_day(20), on_day(10)) == 0


def test_an_override_sets_the_expected_count() -> None:
    assert expected_sessions(POLICY, "social_worker", START, START, on_day(27), override=7) == 4


# The frequency policy as data ------------------------------------------------------------


def test_a_frequency_policy_survives_a_round_trip_through_data() -> None:
    policy = FrequencyPolicy(
        default=(FrequencyStep(28),),
        by_stage={"asye": (FrequencyStep(7, 4), FrequencyStep(14))},
    )
    assert FrequencyPolicy.from_data(policy.to_data()) == policy
    assert FrequencyPolicy.from_data(POLICY.to_data()).to_data() == POLICY.to_data()


def test_a_council_policy_can_change_the_asye_schedule() -> None:
    policy = FrequencyPolicy.from_data({
        "default": [{"interval_days": 28}],
        "by_stage": {"asye": [{"interval_days": 7, "until_weeks": 12},
                              {"interval_days": 21}]},
    })
    assert policy.interval_on("asye", START, on_day(70)) == 7
    assert policy.interval_on("asye", START, on_day(84)) == 21
    assert policy.interval_on("social_worker", START, START) == 28


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"default": [{"interval_days": 31, "until_weeks": 4}]}, "last step"),
        ({"default": []}, "last step"),
        ({"default": [{"interval_days": 0}]}, "at least 1"),
        ({"default": [{"interval_days": 31}],
          "by_stage": {"asye": [{"interval_days": 7, "until_weeks": 6}]}}, "last step"),
    ],
)
def test_a_frequency_policy_with_a_bad_schedule_is_refused(data: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        FrequencyPolicy.from_data(data)


def test_a_frequency_policy_without_a_default_schedule_is_refused() -> None:
    with pytest.raises(KeyError):
        FrequencyPolicy.from_data({"by_stage": {}})


# Workload weighing -----------------------------------------------------------------------

WEIGHTS = WorkloadPolicy()


def test_a_full_time_worker_below_amber_is_green() -> None:
    result = weigh(WEIGHTS, {"child_in_need": 13}, fte=1, asye=False)
    assert (result.points, result.capacity, result.rag) == (80, 100, Rag.GREEN)


def test_reaching_the_amber_threshold_is_amber() -> None:
    result = weigh(WEIGHTS, {"child_in_need": 14}, fte=1, asye=False)
    assert (result.points, result.rag) == (85, Rag.AMBER)
    assert result.ratio == pytest.approx(0.85)


def test_reaching_the_red_threshold_is_red() -> None:
    result = weigh(WEIGHTS, {"child_in_need": 17}, fte=1, asye=False)
    assert (result.points, result.rag) == (100, Rag.RED)


def test_points_add_stable_points_case_points_and_extra_responsibilities() -> None:
    cases = {"child_protection": 3, "court_plo": 1, "care_leaver": 2}
    result = weigh(WEIGHTS, cases, fte=1, asye=False, extra_points=4)
    assert result.points == 15 + 24 + 10 + 6 + 4


def test_capacity_and_stable_points_are_pro_rata_to_fte() -> None:
    result = weigh(WEIGHTS, {"child_in_need": 6}, fte=0.5, asye=False)
    assert (result.points, result.capacity) == (37.5, 50)
    assert result.rag == Rag.GREEN
    assert weigh(WEIGHTS, {"child_in_need": 7}, fte=0.5, asye=False).rag == Rag.AMBER


def test_an_asye_has_a_capped_capacity() -> None:
    result = weigh(WEIGHTS, {"child_in_need": 14}, fte=1, asye=True)
    assert result.capacity == 90
    assert result.rag == Rag.AMBER  # 85 of 90
    assert weigh(WEIGHTS, {"child_in_need": 15}, fte=1, asye=True).rag == Rag.RED


def test_the_asye_cap_and_fte_combine() -> None:
    assert weigh(WEIGHTS, {}, fte=0.6, asye=True).capacity == 54


def test_thresholds_come_from_the_policy() -> None:
    strict = WorkloadPolicy(amber_at=0.5, red_at=0.7)
    assert weigh(strict, {"child_in_need": 7}, fte=1, asye=False).rag == Rag.AMBER  # 50
    assert weigh(strict, {"child_in_need": 11}, fte=1, asye=False).rag == Rag.RED  # 70


@pytest.mark.parametrize("fte", [0, -0.5, 1.2])
def test_an_impossible_fte_is_refused(fte: float) -> None:
    with pytest.raises(ValueError, match="fte"):
        weigh(WEIGHTS, {}, fte=fte, asye=False)


def test_an_unknown_case_category_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown case categories: hobbies"):
        weigh(WEIGHTS, {"hobbies": 1}, fte=1, asye=False)


def test_a_negative_case_count_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        weigh(WEIGHTS, {"child_in_need": -1}, fte=1, asye=False)


# The workload policy as data -------------------------------------------------------------


def test_a_workload_policy_survives_a_round_trip_through_data() -> None:
    assert WorkloadPolicy.from_data(WEIGHTS.to_data()) == WEIGHTS


def test_missing_workload_settings_take_the_standard_values() -> None:
    policy = WorkloadPolicy.from_data({"category_points": {"cin": 4}})
    assert (policy.stable_points, policy.capacity_per_fte, policy.red_at) == (15, 100, 1.0)


@pytest.mark.parametrize(
    "data",
    [
        {"category_points": {"cin": 5}, "amber_at": 1.0, "red_at": 1.0},
        {"category_points": {"cin": 5}, "amber_at": 0.9, "red_at": 0.8},
        {"category_points": {"cin": 5}, "amber_at": 0},
        {"category_points": {"cin": -5}},
    ],
)
def test_a_workload_policy_with_bad_numbers_is_refused(data: dict) -> None:
    with pytest.raises(ValueError):
        WorkloadPolicy.from_data(data)


def test_a_workload_policy_without_categories_is_refused() -> None:
    with pytest.raises(KeyError):
        WorkloadPolicy.from_data({})
