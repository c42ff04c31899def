"""A printable A4 poster for a feedback link: what the feedback is for, the QR code, the short
address with its code, who it goes to, and the safety message.

Pure: a :class:`Poster` in, PDF bytes out (fpdf2). The QR code is drawn as vector squares,
so it prints sharp at any size. Text is in DejaVu Sans when installed (it covers Welsh,
Polish, Romanian and Arabic letters); otherwise in the core font Helvetica, Latin-1 only,
with any other character drawn as its plain letter or "?" (see :mod:`learning.core.pdf`).
"""

from __future__ import annotations

from dataclasses import dataclass

from fpdf.enums import XPos, YPos

from learning.core.pdf import Fonts, Page, choose_font
from learning.feedback import qr

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


def render(poster: Poster, fonts: Fonts | bool = True, compress: bool = True) -> bytes:
    """The poster as PDF bytes. ``fonts``: True finds DejaVu; None or False uses Helvetica."""
    pdf = _Sheet(choose_font(fonts))
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


class _Sheet(Page):
    def __init__(self, fonts: Fonts) -> None:
        super().__init__(fonts)
        self.set_margins(18, 16, 18)
        # The bottom margin too (no page breaks: the poster is one page): office printers
        # cannot print the outer few millimetres, where the safety panel would otherwise sit.
        self.set_auto_page_break(False, margin=16)

    def text_line(self, text: str, size: float, bold: bool = False, align: str = "C") -> None:
        """``text`` centred (or as ``align`` says), wrapping onto more lines if it must."""
        self.style(size, bold)
        self.multi_cell(
            0, size * 0.5, self.clean(text), align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
