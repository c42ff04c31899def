"""Trend flags come from an exact test of the latest period's share, not from raw counts."""

from __future__ import annotations

from learning.themes.trends import trend_flags


def _periods(latest: dict[str, int], earlier: dict[str, int], n_earlier: int = 4):  # type: ignore[no-untyped-def]
    counts = {f"2024-0{i + 1}": dict(earlier) for i in range(n_earlier)}
    counts["2024-09"] = dict(latest)
    return counts


def test_a_theme_whose_share_clearly_grows_is_flagged_growing_and_a_steady_one_is_not() -> None:
    earlier = {"T1": 10, "T2": 40, "T3": 50}
    flags = trend_flags(_periods({"T1": 35, "T2": 40, "T3": 50}, earlier))
    assert flags["T1"].status == "growing"
    assert flags["T1"].p_value < 0.05
    assert flags["T2"].status == "steady"


def test_a_small_wobble_in_a_raw_count_is_not_flagged() -> None:
    earlier = {"T1": 10, "T2": 90}
    flags = trend_flags(_periods({"T1": 14, "T2": 86}, earlier))
    assert flags["T1"].status == "steady"
    assert flags["T1"].latest_count > flags["T1"].earlier_count / 4  # more, yet not significant


def test_a_theme_absent_from_earlier_periods_and_clearly_present_now_is_flagged_new() -> None:
    earlier = {"T1": 50, "T2": 50}
    flags = trend_flags(_periods({"T1": 40, "T2": 40, "T3": 20}, earlier))
    assert flags["T3"].status == "new"


def test_a_single_new_mention_is_too_few_to_call_a_theme_new() -> None:
    earlier = {"T1": 50, "T2": 50}
    flags = trend_flags(_periods({"T1": 50, "T2": 49, "T3": 1}, earlier))
    assert flags["T3"].status == "steady"


def test_a_theme_whose_share_clearly_falls_is_flagged_fading() -> None:
    earlier = {"T1": 40, "T2": 60}
    flags = trend_flags(_periods({"T1": 5, "T2": 95}, earlier))
    assert flags["T1"].status == "fading"
    assert flags["T2"].status == "growing"


def test_reserved_assignments_are_not_themes_and_an_empty_history_gives_no_flags() -> None:
    flags = trend_flags(_periods({"T1": 5, "not_yet_themed": 90}, {"T1": 5, "set_aside": 3}))
    assert set(flags) == {"T1"}
    assert trend_flags({}) == {}
    assert trend_flags({"2024-01": {"T1": 3}})["T1"].status == "new"
