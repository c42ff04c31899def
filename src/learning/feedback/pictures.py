"""The easy-read pictures, drawn into the page.

Each picture is an emoji (``form_questions.Picture``), but a phone draws an emoji with its
own font, or as an empty box where it has none. So the page carries the Twemoji drawing
of it instead (CC BY 4.0, from the npm package ``@twemoji/svg``, which the front-end build
copies to ``static/build/pictures/``), inline, so that a slow connection fetches nothing
more. A drawing the build did not provide falls back to the emoji itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markupsafe import Markup

#: Twemoji's file names leave out the emoji presentation selector.
VARIATION_SELECTOR = "\ufe0f"
_SVG = re.compile(r"\A<svg\b([^>]*)>(.*)</svg>\s*\Z", re.S)
_VIEW_BOX = re.compile(r'\bviewBox="([0-9 .-]+)"')
#: What a drawing may contain: shapes and their fills, nothing that runs or fetches.
_ELEMENT = re.compile(r"<(/?)([a-zA-Z]+)")
_SHAPES = frozenset({"path", "circle", "ellipse", "rect", "g", "polygon", "polyline", "line"})
_UNSAFE = re.compile(r"\bon[a-z]+\s*=|href|url\(|<!|&", re.I)


@dataclass(frozen=True)
class Drawing:
    view_box: str
    shapes: Markup


def file_name(emoji: str) -> str:
    """``"❤️"`` -> ``"2764"``: the code points, without the presentation selector."""
    return "-".join(f"{ord(c):x}" for c in emoji if c != VARIATION_SELECTOR)


def parse(svg: str) -> Drawing | None:
    """The drawing in a Twemoji file, or None for anything but plain shapes."""
    found = _SVG.match(svg)
    if not found:
        return None
    attributes, shapes = found.groups()
    view_box = _VIEW_BOX.search(attributes)
    if view_box is None:
        return None
    elements = {name.lower() for _, name in _ELEMENT.findall(shapes)}
    if not elements <= _SHAPES or _UNSAFE.search(shapes):
        return None
    return Drawing(view_box.group(1), Markup(shapes))  # noqa: S704 - checked above: shapes only


@lru_cache(maxsize=8)
def drawings(static_dir: Path) -> dict[str, Drawing]:
    """Every picture the build provides, by emoji file name; read once per folder."""
    found: dict[str, Drawing] = {}
    for path in sorted((static_dir / "build" / "pictures").glob("*.svg")):
        drawing = parse(path.read_text(encoding="utf-8"))
        if drawing is not None:
            found[path.stem] = drawing
    return found


def drawing_of(static_dir: Path, emoji: str) -> Drawing | None:
    return drawings(static_dir).get(file_name(emoji))
