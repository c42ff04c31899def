"""Templates are compiled once per process and shared by every app's environment; a template
whose source changed is compiled again, never served stale."""

from __future__ import annotations

from pathlib import Path

import pytest

from learning.app import NAVIGATION
from learning.core.web import make_templates


def _never(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("compiled again")


def test_a_second_app_uses_the_templates_the_first_compiled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "page.html").write_text("<p>{{ who }} said it</p>", encoding="utf-8")
    first = make_templates(tmp_path, NAVIGATION).env
    assert first.get_template("page.html").render(who="Ava") == "<p>Ava said it</p>"

    second = make_templates(tmp_path, NAVIGATION).env
    monkeypatch.setattr(second, "compile", _never)

    assert second.get_template("page.html").render(who="Sam") == "<p>Sam said it</p>"


def test_a_template_that_changed_is_compiled_again(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>Before</p>", encoding="utf-8")
    assert make_templates(tmp_path, NAVIGATION).env.get_template("page.html").render() == (
        "<p>Before</p>"
    )

    page.write_text("<p>After, {{ who }}</p>", encoding="utf-8")

    fresh = make_templates(tmp_path, NAVIGATION).env
    assert fresh.get_template("page.html").render(who="Ava") == "<p>After, Ava</p>"


def test_templates_of_the_same_name_elsewhere_are_not_mixed_up(tmp_path: Path) -> None:
    for place, words in (("one", "First"), ("two", "Second")):
        (tmp_path / place).mkdir()
        (tmp_path / place / "page.html").write_text(f"<p>{words}</p>", encoding="utf-8")
    shown = [
        make_templates(tmp_path / place, NAVIGATION).env.get_template("page.html").render()
        for place in ("one", "two")
    ]
    assert shown == ["<p>First</p>", "<p>Second</p>"]
