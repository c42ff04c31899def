"""The analysts' edit forms: submitted fields in, a clean value or field errors out.

Pure. Each ``parse_*`` returns ``(value, errors)``; ``errors`` maps a field's id to a plain
message, and ``value`` is None whenever there is an error. The page shows each error next to
its field and keeps everything that was typed or ticked.
"""

from __future__ import annotations

from collections.abc import Collection

from learning.org.forms import Errors, FormLike, text, texts

__all__ = ["Errors", "parse_merge", "parse_move", "parse_rename", "parse_split", "text", "texts"]

MAX_LABEL = 200


def label_problem(label: str, what: str = "the theme") -> str | None:
    if not label:
        return f"Enter a name for {what}"
    if len(label) > MAX_LABEL:
        return f"The name must be {MAX_LABEL} characters or fewer"
    return None


def parse_rename(form: FormLike) -> tuple[str | None, Errors]:
    label = " ".join(text(form, "label").split())
    problem = label_problem(label)
    return (None, {"label": problem}) if problem else (label, {})


def parse_merge(
    form: FormLike, choices: Collection[str]
) -> tuple[tuple[list[str], str] | None, Errors]:
    """(the themes to merge into this one, an optional new name)."""
    errors: Errors = {}
    chosen = [key for key in texts(form, "themes") if key in choices]
    if not chosen:
        errors["themes"] = "Choose at least one theme to merge into this one"
    label = " ".join(text(form, "label").split())
    if label and (problem := label_problem(label)):
        errors["label"] = problem
    return (None, errors) if errors else ((chosen, label), {})


def parse_split(
    form: FormLike, item_ids: Collection[int]
) -> tuple[tuple[str, list[int]] | None, Errors]:
    """(the new theme's name, the items that move to it)."""
    errors: Errors = {}
    label = " ".join(text(form, "label").split())
    if problem := label_problem(label, "the new theme"):
        errors["label"] = problem
    chosen = [int(v) for v in texts(form, "items") if v.isdigit() and int(v) in item_ids]
    if not chosen:
        errors["items"] = "Choose at least one item to move to the new theme"
    elif len(chosen) == len(item_ids):
        errors["items"] = "Leave at least one item in this theme, or rename it instead"
    return (None, errors) if errors else ((label, chosen), {})


def parse_move(form: FormLike, targets: Collection[str]) -> tuple[str | None, Errors]:
    target = text(form, "target")
    if not target:
        return None, {"target": "Choose where the item goes"}
    if target not in targets:
        return None, {"target": "Choose one of the themes listed"}
    return target, {}
