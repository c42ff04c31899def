"""A printable A4 poster for a feedback link: what the feedback is for, the QR code, the short
address with its code, who it goes to, and the safety message.

Pure: a :class:`Poster` in, PDF bytes out (fpdf2). The QR code is drawn as vector squares,
so it prints sharp at any size. Text is in DejaVu Sans when installed (it covers Welsh,
Polish, Romanian and Arabic letters); otherwise in the core font Helvetica, Latin-1 only,
with any other character drawn as its plain letter or "?".
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from learning.feedback import qr

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu-sans-fonts"),
    Path("/usr/share/fonts/dejavu"),
)
logging.getLogger("fontTools").setLevel(logging.WARNING)

HEADING = "Tell us what you think"
SAFETY = (
    "If you or a child is in danger now, call 999. Children can call Childline free on 0800 1111."
)
PRIVACY = (
    "You do not need to give your name or sign in. If you tell us you or someone else "
    "is not safe, we will pass it on so that they can be kept safe."
)
QR_SIZE_MM = 105.0
SAFETY_FILL = (255, 221, 0)  # GOV.UK yellow: the colour of a warning


@dataclass(frozen=True)
class Poster:
    council: str
    team: str
    title: str  # what the feedback is for
    url: str  # the full address, in the QR code only
    short_page: str  # where to type the code, e.g. "https://example.org/s"
    code: str  # grouped for reading: "ACDE-FGHJ"
    short_url: str  # the page and the code together
    until: str = ""  # "Open until 30 June 2025", or nothing

    @property
    def short_page_text(self) -> str:
        """The address as people type it: without ``https://``."""
        return self.short_page.split("://", 1)[-1]

    @property
    def short_url_text(self) -> str:
        return self.short_url.split("://", 1)[-1]


def find_font(dirs: Sequence[Path] = FONT_DIRS) -> tuple[Path, Path] | None:
    for directory in dirs:
        regular = directory / "DejaVuSans.ttf"
        if regular.is_file():
            bold = directory / "DejaVuSans-Bold.ttf"
            return regular, bold if bold.is_file() else regular
    return None


def render(
    poster: Poster, fonts: tuple[Path, Path] | None | bool = True, compress: bool = True
) -> bytes:
    """The poster as PDF bytes. ``fonts``: True finds DejaVu; None or False uses Helvetica."""
    chosen = find_font() if fonts is True else (fonts or None)
    pdf = _Sheet(chosen)
    pdf.set_compression(compress)
    pdf.set_title(f"Feedback poster: {poster.title}")
    pdf.set_creator("learning")
    pdf.add_page()
    _draw(pdf, poster)
    return bytes(pdf.output())


def _draw(pdf: _Sheet, poster: Poster) -> None:
    pdf.text_line(f"{poster.council} · {poster.team}", 12, bold=True, align="L")
    pdf.ln(6)
    pdf.text_line(HEADING, 32, bold=True)
    pdf.ln(2)
    pdf.text_line(poster.title, 18)
    pdf.ln(4)
    _draw_qr(pdf, qr.matrix(poster.url), pdf.get_y())
    pdf.text_line("Scan the code with your phone's camera.", 15, bold=True)
    pdf.ln(2)
    pdf.text_line(f"Or go to {poster.short_page_text} and type this code:", 13)
    pdf.text_line(poster.code, 30, bold=True)
    pdf.text_line(f"({poster.short_url_text})", 11)
    pdf.ln(3)
    pdf.text_line(f"What you say goes to {poster.team}. {PRIVACY}", 11)
    if poster.until:
        pdf.text_line(poster.until, 11)
    _draw_safety(pdf)


def _draw_qr(pdf: _Sheet, modules: list[list[bool]], top: float) -> None:
    count = len(modules) + 2 * qr.BORDER
    size = QR_SIZE_MM / count
    left = (pdf.w - QR_SIZE_MM) / 2
    pdf.set_fill_color(0, 0, 0)
    for r, row in enumerate(modules):
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            run = c
            while run < len(row) and row[run]:
                run += 1
            x, y = left + (qr.BORDER + c) * size, top + (qr.BORDER + r) * size
            pdf.rect(x, y, (run - c) * size, size, style="F")
            c = run
    pdf.set_y(top + QR_SIZE_MM + 2)


def _draw_safety(pdf: _Sheet) -> None:
    height = 22.0
    top = pdf.h - pdf.b_margin - height
    pdf.set_fill_color(*SAFETY_FILL)
    pdf.rect(pdf.l_margin, top, pdf.epw, height, style="F")
    pdf.set_xy(pdf.l_margin + 4, top + 4)
    pdf.style(13, bold=True)
    pdf.multi_cell(pdf.epw - 8, 7, pdf.clean(SAFETY), align="C")


class _Sheet(FPDF):
    def __init__(self, fonts: tuple[Path, Path] | None) -> None:
        super().__init__(format="A4")
        self.unicode = fonts is not None
        self.known: frozenset[int] = frozenset()
        if fonts:
            self.add_font("DejaVu", "", str(fonts[0]))
            self.add_font("DejaVu", "B", str(fonts[1]))
            self.face = "DejaVu"
            faces = [font for key, font in self.fonts.items() if key.startswith("dejavu")]
            self.known = frozenset.intersection(
                *(frozenset(getattr(font, "cmap", {})) for font in faces)
            )
        else:
            self.face = "Helvetica"
        self.set_margins(18, 16, 18)
        self.set_auto_page_break(False)

    def clean(self, text: str) -> str:
        if self.unicode:
            return "".join(c if ord(c) in self.known else "?" for c in text)
        return latin1(text)

    def style(self, size: float, bold: bool = False) -> None:
        self.set_font(self.face, "B" if bold else "", size)

    def text_line(self, text: str, size: float, bold: bool = False, align: str = "C") -> None:
        """``text`` centred (or as ``align`` says), wrapping onto more lines if it must."""
        self.style(size, bold)
        self.multi_cell(
            0, size * 0.5, self.clean(text), align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )


def latin1(text: str) -> str:
    """``text`` drawable by a core font: accents dropped only where Latin-1 lacks them."""
    text = text.replace("\u2019", "'").replace("\u2013", "-")
    out = []
    for char in text:
        if ord(char) < 256:
            out.append(char)
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        out.append(base if base and all(ord(c) < 256 for c in base) else "?")
    return "".join(out)
