"""Batch theming of a CSV file: one output row per input row, in order.

``cluster_csv`` reads a column of free text, themes it with :func:`run_themes` and writes
``row,theme_id,theme_label`` (``row`` is the 1-based data row number). Empty and "no comment"
answers get an empty ``theme_id``; answers that fit no theme well enough get
``not_yet_themed``. Personal data is redacted (:func:`redact`) from every answer and question
before anything is clustered, so no theme label is built from a name or a number; and a theme
with fewer answers than the minimum group size (:data:`MIN_GROUP_SIZE`) is not written: its
answers go out as ``not_yet_themed``, so no label stands for fewer than five people.
Files that are not valid UTF-8 are read as Windows-1252 (what spreadsheet
exports on Windows usually are), with a warning; a missing column or an empty file is a
:class:`BatchError` with a message an analyst can act on.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from learning.themes.disclosure import MIN_GROUP_SIZE
from learning.themes.pipeline import Item, run_themes
from learning.themes.records import HELD_BACK, NOT_YET_THEMED, SET_ASIDE
from learning.themes.redact import redact

csv.field_size_limit(2**31 - 1)


class BatchError(Exception):
    """A problem with the input an analyst can fix (message says what)."""


@dataclass(frozen=True)
class BatchSummary:
    rows: int
    themes: int
    set_aside: int
    not_yet_themed: int
    k_chosen_automatically: bool
    encoding: str


def _read_text(path: Path, warn: Callable[[str], None]) -> tuple[str, str]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BatchError(f"input file not found: {path}") from None
    except IsADirectoryError:
        raise BatchError(f"input is a folder, not a CSV file: {path}") from None
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        warn(
            f"warning: {path.name} is not valid UTF-8 (first bad byte at offset {exc.start}); "
            "read it as Windows-1252 instead. Save it as 'CSV UTF-8' to avoid this."
        )
        return data.decode("cp1252", errors="replace"), "cp1252"


def cluster_csv(
    input_path: str | Path,
    text_column: str,
    output_path: str | Path,
    *,
    k: int | None = None,
    question_column: str | None = None,
    random_state: int = 0,
    warn: Callable[[str], None] = lambda message: None,
) -> BatchSummary:
    """Theme ``text_column`` of the CSV at ``input_path`` into ``output_path``."""
    if k is not None and k < 1:
        raise BatchError("--k must be at least 1")
    text, encoding = _read_text(Path(input_path), warn)
    if not text.strip():
        raise BatchError("the input file is empty: expected a header row naming the columns")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except csv.Error as exc:
        raise BatchError(f"could not read the CSV header: {exc}") from None
    names = [h.strip() for h in header]
    if text_column.strip() not in names:
        shown = ", ".join(repr(n) for n in names[:20]) or "none"
        raise BatchError(f"column {text_column!r} not found; the file's columns are: {shown}")
    col = names.index(text_column.strip())
    qcol = None
    if question_column:
        if question_column.strip() not in names:
            raise BatchError(f"question column {question_column!r} not found")
        qcol = names.index(question_column.strip())
    items: list[Item] = []
    try:
        for number, record in enumerate(reader, start=1):
            value = record[col] if col < len(record) else ""
            question = record[qcol] if qcol is not None and qcol < len(record) else ""
            items.append(Item(id=str(number), text=redact(value), question=redact(question)))
    except csv.Error as exc:
        raise BatchError(f"the CSV is malformed near data row {len(items) + 1}: {exc}") from None
    del text
    run = run_themes(items, k=k, random_state=random_state)
    sizes: dict[str, int] = {}
    for theme in run.assignments.values():
        sizes[theme] = sizes.get(theme, 0) + 1
    labels = {t.id: t.label for t in run.themes if sizes.get(t.id, 0) >= MIN_GROUP_SIZE}
    out = Path(output_path)
    set_aside = not_yet = 0
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["row", "theme_id", "theme_label"])
        for it in items:
            theme = run.assignments[it.id]
            if theme in (SET_ASIDE, HELD_BACK):
                set_aside += 1
                writer.writerow([it.id, "", ""])
            elif theme == NOT_YET_THEMED or theme not in labels:
                not_yet += 1
                writer.writerow([it.id, NOT_YET_THEMED, "not yet themed"])
            else:
                writer.writerow([it.id, theme, labels.get(theme, "")])
    return BatchSummary(
        rows=len(items),
        themes=len(labels),
        set_aside=set_aside,
        not_yet_themed=not_yet,
        k_chosen_automatically=k is None,
        encoding=encoding,
    )
