"""Small groups stay hidden (and cannot be worked out by subtraction); the trend line is
drawn from numbers alone and says the same in words."""

from __future__ import annotations

from learning.themes.disclosure import MIN_GROUP_SIZE, count, suppress
from learning.themes.sparkline import describe, points, sparkline


def test_a_count_below_the_minimum_is_shown_as_fewer_than_five() -> None:
    assert MIN_GROUP_SIZE == 5
    assert (count(4).text, count(4).big_enough) == ("fewer than 5", False)
    assert (count(5).text, count(5).big_enough) == ("5", True)
    assert (count(0).text, count(0).big_enough) == ("0", False)
    assert count(12_345).text == "12,345"


def test_a_count_hidden_under_another_minimum_names_that_minimum() -> None:
    assert (count(7, k=10).text, count(7, k=10).big_enough) == ("fewer than 10", False)
    assert (count(10, k=10).text, count(10, k=10).big_enough) == ("10", True)
    assert (count(3, k=2).text, count(3, k=2).big_enough) == ("3", True)
    cells = suppress({"North": 12, "South": 7}, k=10)
    assert [(c.text, c.big_enough) for c in cells.values()] == [
        ("not shown", False), ("fewer than 10", False)]  # North hidden to protect South


def test_one_small_cell_hides_the_next_smallest_too() -> None:
    cells = suppress({"North": 9, "South": 7, "Far West": 2, "East": 0})

    assert {k for k, c in cells.items() if not c.shown} == {"Far West", "South"}
    assert cells["East"].text == "0"


def test_two_small_cells_hide_each_other() -> None:
    cells = suppress({"North": 9, "South": 3, "Far West": 2})

    assert {k for k, c in cells.items() if not c.shown} == {"South", "Far West"}


def test_nothing_is_hidden_when_every_cell_is_big_enough() -> None:
    assert all(c.shown for c in suppress({"North": 5, "South": 50}).values())


def test_the_trend_line_goes_from_left_to_right_with_the_largest_at_the_top() -> None:
    at = points([0, 4, 2])

    assert [x for x, _ in at] == sorted(x for x, _ in at)
    assert min(at, key=lambda p: p[1]) == at[1]
    assert at[0][1] == max(y for _, y in at)


def test_the_trend_line_is_decorative_and_its_words_carry_the_figures() -> None:
    line = sparkline([3, 0, 7], ["2025-11", "2025-12", "2026-01"])

    assert 'aria-hidden="true"' in line.svg and "<script" not in line.svg
    assert line.text == (
        "Items each month from Nov 2025 to Jan 2026: Nov 2025: 3, Dec 2025: 0, Jan 2026: 7."
    )
    assert describe([], []) == "No items yet."


def test_a_run_is_published_once_enough_arrived_since_the_last_one_published() -> None:
    """SECURITY.md test_no_live_differencing: results change only in batches of at least k."""
    from datetime import UTC, datetime, timedelta

    from learning.themes.publication import published_through

    def at(minutes: int) -> datetime:
        return datetime(2026, 3, 1, tzinfo=UTC) + timedelta(minutes=minutes)

    arrivals = [at(m) for m in (1, 2, 3, 11, 12, 21, 22, 23, 24, 25)]
    ends = [at(5), at(15), at(30)]
    # The first run is published; 2 arrived before the second (not enough); 7 by the third.
    assert published_through(ends[:1], arrivals) == at(5)
    assert published_through(ends[:2], arrivals) == at(5)
    assert published_through(ends, arrivals) == at(30)
    assert published_through([], arrivals) is None


def test_a_batch_is_counted_in_people_so_one_persons_answers_publish_nothing() -> None:
    """One feedback with five written answers is five items of one person: publishing a run
    for them would show where that person's words went."""
    from datetime import UTC, datetime, timedelta

    from learning.themes.publication import published_through

    def at(minutes: int) -> datetime:
        return datetime(2026, 3, 1, tzinfo=UTC) + timedelta(minutes=minutes)

    arrivals = [at(m) for m in (1, 11, 12, 13, 14, 15, 21, 22, 23, 24)]
    who = ["a", "b", "b", "b", "b", "b", "c", "d", "e", "f"]
    ends = [at(5), at(17), at(30)]

    assert published_through(ends[:2], arrivals) == at(17)  # five items
    assert published_through(ends[:2], arrivals, who=who) == at(5)  # one person
    assert published_through(ends, arrivals, who=who) == at(30)  # b, c, d, e, f
