"""QR codes and the poster: each image carries exactly the QR code of the link's address
(segno cannot read codes back, so the modules are read out of each image and compared with
the code made again), and the poster PDF says what a person needs to read."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest
import segno
from PIL import Image

from learning.feedback import poster, qr

URL = "https://learning.example.org/f/Zt3q9v_Xk1-4bQmWc7yLh0aP2sDfGjEoRuTnViBx8Ks"
SAFETY = (
    "If you or a child is in danger now, call 999. Children can call Childline free on 0800 1111."
)


def expected(url: str = URL) -> list[list[bool]]:
    """The code made again, independently, with the same settings."""
    code = segno.make(url, error="q", boost_error=False, micro=False)
    return [[bool(m) for m in row] for row in code.matrix]


def modules_from_svg_path(d: str, size: int) -> list[list[bool]]:
    """Reads segno's path back: each 'h' is a dark run along the row at y - 0.5."""
    grid = [[False] * size for _ in range(size)]
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:\s+(-?[\d.]+))?", d):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            row = int(y - 0.5) - qr.BORDER
            for column in range(int(x), int(x + float(a))):
                grid[row][column - qr.BORDER] = True
            x += float(a)
    return grid


def test_the_svg_file_is_valid_and_holds_the_links_code() -> None:
    root = ET.fromstring(qr.svg(URL))
    namespace = "{http://www.w3.org/2000/svg}"
    (path,) = root.iter(f"{namespace}path")
    want = expected()

    assert root.tag == f"{namespace}svg"
    assert modules_from_svg_path(path.attrib["d"], len(want)) == want


def test_the_inline_svg_is_named_for_screen_readers_and_holds_the_same_code() -> None:
    element = ET.fromstring(qr.svg_inline(URL, label='Scan "me" & go'))
    (path,) = element.iter("path")
    want = expected()

    assert element.attrib["role"] == "img"
    assert element.attrib["aria-label"] == 'Scan "me" & go'
    size = len(want) + 2 * qr.BORDER
    assert element.attrib["viewBox"] == f"0 0 {size} {size}"
    assert modules_from_svg_path(path.attrib["d"], len(want)) == want


def test_the_png_is_valid_and_holds_the_links_code_with_a_quiet_zone() -> None:
    image = Image.open(io.BytesIO(qr.png(URL, scale=5))).convert("L")
    want = expected()
    size = len(want) + 2 * qr.BORDER

    assert image.size == (size * 5, size * 5)
    read = [
        [
            image.getpixel(((c + qr.BORDER) * 5 + 2, (r + qr.BORDER) * 5 + 2)) < 128
            for c in range(len(want))
        ]
        for r in range(len(want))
    ]
    assert read == want
    border = [image.getpixel((x, 2)) for x in range(0, size * 5, 5)]
    assert all(value > 128 for value in border)


def test_a_different_address_gives_a_different_code() -> None:
    assert expected(URL) != expected(URL[:-1] + "t")
    assert qr.matrix(URL) == expected()


def sample(**changes: str) -> poster.Poster:
    values = {
        "council": "Tamarside Council",
        "team": "Children in need north",
        "title": "Our family centre",
        "url": URL,
        "short_page": "https://learning.example.org/s",
        "code": "ACDE-FGHJ",
        "short_url": "https://learning.example.org/s/ACDE-FGHJ",
        "until": "You can use this until the end of 30 June 2026.",
    }
    return poster.Poster(**{**values, **changes})


def test_the_poster_pdf_says_what_it_is_for_where_to_go_and_how_to_stay_safe() -> None:
    pdf = poster.render(sample(), fonts=None, compress=False)
    text = pdf.decode("latin-1")

    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    for words in (
        "ACDE-FGHJ",
        "learning.example.org/s",
        "Our family centre",
        "Tamarside Council",
        "Children in need north",
        "Tell us what you think",
        "call 999",
        "Childline",
        "0800 1111",
        "30 June 2026",
    ):
        assert words in text, words
    assert URL not in text and "Zt3q9v" not in text


def rectangles(pdf: bytes) -> list[tuple[float, float, float, float]]:
    return [
        tuple(map(float, m))
        for m in re.findall(rb"(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re f", pdf)
    ]  # type: ignore[misc]


def test_the_poster_draws_the_links_code_as_squares() -> None:
    pdf = poster.render(sample(), fonts=None, compress=False)
    want = expected()
    module = poster.QR_SIZE_MM / (len(want) + 2 * qr.BORDER) * 72 / 25.4
    runs = [r for r in rectangles(pdf) if abs(abs(r[3]) - module) < 0.02]
    left, top = min(r[0] for r in runs), max(r[1] for r in runs)

    grid = [[False] * len(want) for _ in want]
    for x, y, width, _ in runs:
        row, column = round((top - y) / module), round((x - left) / module)
        for c in range(column, column + round(width / module)):
            grid[row][c] = True
    assert grid == want


@pytest.mark.parametrize("title", ["Your review", "Your review meeting " * 6])
def test_everything_on_the_poster_is_well_inside_the_printable_area(title: str) -> None:
    """Office printers cannot print the outer 4 to 5 mm of a page: the safety panel (the
    widest and lowest thing drawn) keeps 15 mm clear of the edge, and nothing above it runs
    into it, however long the title."""
    pdf = poster.render(sample(title=title), fonts=None, compress=False)
    page_width, page_height = 210 * 72 / 25.4, 297 * 72 / 25.4
    clear = 15 * 72 / 25.4
    spans = [(x, min(y, y + h), x + w, max(y, y + h)) for x, y, w, h in rectangles(pdf)]
    for left, bottom, right, top in spans:
        assert left >= clear and right <= page_width - clear
        assert bottom >= clear and top <= page_height - clear
    panel = max(spans, key=lambda span: span[2] - span[0])  # the safety panel: the widest
    assert all(span[1] > panel[3] for span in spans if span != panel)


@pytest.mark.parametrize(
    "title",
    [
        "Adolygiad ŵyr a wyresau",
        "Opinia o naszej pracy – łódź",
        "رأيك يهمنا",
        "Părerea ta contează",
    ],
)
def test_a_poster_in_any_language_is_made_with_or_without_dejavu(title: str) -> None:
    with_font = poster.render(sample(title=title))
    core = poster.render(sample(title=title), fonts=None)

    assert with_font.startswith(b"%PDF-") and core.startswith(b"%PDF-")


def test_the_safety_message_is_the_agreed_one() -> None:
    assert poster.SAFETY == SAFETY
