"""What every PDF the service draws shares: its font, and text that font can always draw.

Text is drawn in DejaVu Sans when it is installed (Debian: ``fonts-dejavu-core``), which
covers Latin, Greek, Cyrillic, Arabic and Hebrew letters; a character the font lacks is
drawn as "?". Without DejaVu, the PDF core font Helvetica is used, which only knows
Latin-1: accents are dropped where that keeps the letter ("ł" becomes "l"), typographic
quotes and dashes become their plain forms, and anything else becomes "?". Either way no
text can make a PDF fail.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF

#: DejaVu Sans and its bold, or None for the core font.
Fonts = tuple[Path, Path] | None

#: Where DejaVu Sans is installed on Debian and Ubuntu, Fedora, and Alpine.
FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu-sans-fonts"),
    Path("/usr/share/fonts/dejavu"),
)
#: fontTools logs each font subset it makes at INFO, dozens of lines per PDF: keep it quiet.
logging.getLogger("fontTools").setLevel(logging.WARNING)

PLAIN = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2026": "...", "\u2022": "-",
    "\u00a0": " ", "\u200b": "", "\u2009": " ", "\u0142": "l", "\u0141": "L",
})  # fmt: skip


def find_font(dirs: Sequence[Path] = FONT_DIRS) -> Fonts:
    """DejaVu Sans and its bold, if installed (the regular face stands in for a missing bold)."""
    for directory in dirs:
        regular = directory / "DejaVuSans.ttf"
        if regular.is_file():
            bold = directory / "DejaVuSans-Bold.ttf"
            return regular, bold if bold.is_file() else regular
    return None


def choose_font(fonts: Fonts | bool) -> Fonts:
    """True finds DejaVu; None or False means the core font; a pair of paths is used as given."""
    return find_font() if fonts is True else (fonts or None)


def latin1(text: str) -> str:
    """``text`` drawable by a core font: Latin-1 only, with as little lost as possible."""
    out = []
    for char in text.translate(PLAIN):
        if ord(char) < 256:
            out.append(char)
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        out.append(base if base and all(ord(c) < 256 for c in base) else "?")
    return "".join(out)


class Page(FPDF):
    """An A4 document in DejaVu Sans when ``fonts`` are given, otherwise in Helvetica."""

    def __init__(self, fonts: Fonts) -> None:
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

    def clean(self, text: str) -> str:
        """``text`` with every character the font cannot draw replaced (line breaks kept)."""
        if not self.unicode:
            return latin1(text)
        return "".join(c if ord(c) in self.known or c == "\n" else "?" for c in text)

    def style(self, size: float, bold: bool = False) -> None:
        self.set_font(self.face, "B" if bold else "", size)
