"""The council's staff names are removed in any case, whole or a first name or surname alone;
names that are also ordinary words only with a capital."""

from __future__ import annotations

from typing import Any

import pytest

from learning.themes.names import StaffNames


class _Rows:
    def __init__(self, rows: list[tuple[int, str, str]]) -> None:
        self.rows = rows

    def all(self) -> list[tuple[int, str, str]]:
        return self.rows


class _DB:
    """Stands in for a session: ``exec`` gives the council's people."""

    def exec(self, _query: Any) -> _Rows:
        return _Rows([(1, "Kit", "Jory"), (2, "Morwenna", "Friggens"), (3, "Will", "Ward"),
                      (4, "Jo", "Hale")])  # fmt: skip


@pytest.fixture
def staff() -> StaffNames:
    return StaffNames(_DB(), 1)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kit jory came", "[name] came"),
        ("KIT JORY shouted", "[name] shouted"),
        ("Kit Jory's report", "[name]'s report"),
        ("Kit came late", "[name] came late"),
        ("Jory was late", "[name] was late"),
        ("jory was late", "[name] was late"),
        ("Morwenna said no", "[name] said no"),
        ("morwenna said no", "[name] said no"),
        ("Friggens shouted", "[name] shouted"),
        ("FRIGGENS shouted", "[name] shouted"),
        ("I told Will", "I told [name]"),
        ("jo hale rang", "[name] rang"),
        ("Jo rang", "[name] rang"),
    ],
)
def test_a_staff_name_is_removed_whole_or_alone_in_any_case(
    staff: StaffNames, text: str, expected: str
) -> None:
    assert staff.remove(text) == expected


@pytest.mark.parametrize(
    "text",
    ["my PE kit was lost", "I will ring you", "Will you ring me", "ward 5 was clean", "jo"],
)
def test_a_staff_name_that_is_also_a_word_needs_a_capital(staff: StaffNames, text: str) -> None:
    assert staff.remove(text) == text


def test_the_given_words_are_removed_too(staff: StaffNames) -> None:
    assert staff.remove("tegen rang Bolitho's manager", ("Tegen", "Bolitho")) == (
        "[name] rang [name]'s manager"
    )
