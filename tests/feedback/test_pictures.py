"""The easy-read pictures: drawn into the page from the front-end build, the same on every
phone, and only ever plain shapes."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from learning.core.config import Settings
from learning.feedback import pictures
from learning.feedback.form_definitions import DEFINITIONS
from learning.feedback.form_questions import Picture
from learning.feedback.terms import FormKind
from tests.feedback.factories import FeedbackFactory
from tests.feedback.public import open_link
from tests.org.pages import page

EVERY_PICTURE = sorted(
    {q.picture for definition in DEFINITIONS.values() for q in definition.questions},
    key=lambda p: p.alt,
)


@pytest.mark.parametrize("picture", EVERY_PICTURE, ids=lambda p: p.alt)
def test_the_build_draws_every_picture_a_form_uses(picture: Picture) -> None:
    drawing = pictures.drawing_of(Settings().static_dir, picture.emoji)
    assert drawing is not None, f"no drawing of {picture.emoji} in static/build/pictures"
    assert drawing.view_box == "0 0 36 36"
    assert "<path" in drawing.shapes or "<circle" in drawing.shapes


def test_a_file_is_named_by_its_code_points_without_the_presentation_selector() -> None:
    assert pictures.file_name("❤️") == "2764"
    assert pictures.file_name("✏️") == "270f"
    assert pictures.file_name("💬") == "1f4ac"


PLAIN = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 36 36">'
    '<circle cx="18" cy="15" r="2" fill="#2A6797"/></svg>'
)


def test_a_drawing_of_plain_shapes_is_read() -> None:
    drawing = pictures.parse(PLAIN)
    assert drawing is not None
    assert drawing.view_box == "0 0 36 36"
    assert drawing.shapes == '<circle cx="18" cy="15" r="2" fill="#2A6797"/>'


@pytest.mark.parametrize(
    "svg",
    [
        PLAIN.replace("<circle", "<script>alert(1)</script><circle"),
        PLAIN.replace("<circle", '<circle onload="alert(1)"'),
        PLAIN.replace("<circle", '<image href="https://example.com/x.png"/><circle'),
        PLAIN.replace('fill="#2A6797"', 'fill="url(https://example.com/#x)"'),
        PLAIN.replace("<circle", "<foreignObject></foreignObject><circle"),
        PLAIN.replace("<circle", "<!ENTITY x><circle"),
        PLAIN.replace(' viewBox="0 0 36 36"', ""),
        "<p>not a drawing</p>",
    ],
    ids=["script", "handler", "image", "url", "foreign", "entity", "no-view-box", "not-svg"],
)
def test_anything_but_plain_shapes_is_refused(svg: str) -> None:
    assert pictures.parse(svg) is None


def test_easy_read_draws_its_pictures_in_the_page_and_credits_them(
    client: TestClient, ff: FeedbackFactory
) -> None:
    open_link(client, ff, FormKind.CHILD_8_12)
    easy = page(client.get("/give-feedback", params={"easy": "1"}))
    drawn = easy.select("svg.app-picture[role=img]")
    assert drawn and all(svg["aria-label"] and svg.find("path") for svg in drawn)
    # Sized without the stylesheet too: not the phone's width each.
    assert all(svg["width"] == svg["height"] == "40" for svg in drawn)
    assert not easy.select("span.app-picture"), "no picture left to the phone's emoji font"
    assert "Twemoji" in easy.select_one("footer").get_text()  # type: ignore[union-attr]

    plain = page(client.get("/give-feedback"))
    assert not plain.select(".app-picture")
    assert "Twemoji" not in plain.select_one("footer").get_text()  # type: ignore[union-attr]
