"""QR codes of a feedback link's address, as SVG and PNG (segno).

Pure: an address in, an image out. The error correction level is Q (a quarter of the code
may be lost), because a poster in a waiting room gets scuffed, folded and written on. The
quiet zone is the four modules the standard asks for.
"""

from __future__ import annotations

import io

import segno

ERROR_LEVEL = "q"
BORDER = 4
PNG_SCALE = 12
SVG_SCALE = 8
LABEL = "QR code of the feedback link"


def make_qr(url: str) -> segno.QRCode:
    return segno.make(url, error=ERROR_LEVEL, boost_error=False, micro=False)


def matrix(url: str) -> list[list[bool]]:
    """The code's modules, row by row (True is dark), without the quiet zone."""
    return [[bool(module) for module in row] for row in make_qr(url).matrix]


def svg(url: str, scale: int = SVG_SCALE) -> bytes:
    """A standalone SVG file."""
    out = io.BytesIO()
    make_qr(url).save(out, kind="svg", scale=scale, border=BORDER, xmldecl=True, title=LABEL)
    return out.getvalue()


def svg_inline(url: str, label: str = LABEL) -> str:
    """An ``<svg>`` element to place in a page: sized by its container, named for screen
    readers. Only our own markup, so safe to mark up without escaping."""
    element = make_qr(url).svg_inline(
        scale=1, border=BORDER, omitsize=True, svgclass="app-qr", lineclass=None
    )
    return element.replace("<svg ", f'<svg role="img" aria-label="{_attribute(label)}" ', 1)


def png(url: str, scale: int = PNG_SCALE) -> bytes:
    out = io.BytesIO()
    make_qr(url).save(out, kind="png", scale=scale, border=BORDER)
    return out.getvalue()


def _attribute(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
    )
