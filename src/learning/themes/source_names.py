"""Names for the sources of themed text, and the voices (groups) they belong to.

Two voices are compared on the themes page: practitioners (supervision, and practitioner
surveys when they arrive) and children and families (feedback). Pure.
"""

from __future__ import annotations

PRACTITIONERS = "practitioners"
FAMILIES = "families"
OTHER = "other"

GROUP_LABELS = {
    PRACTITIONERS: "Practitioners",
    FAMILIES: "Children and families",
    OTHER: "Other sources",
}

_LABELS = {
    "supervision_case_learning": "Supervision: case learning points",
    "supervision_reflection": "Supervision: reflections",
    "feedback_child_under_8": "Feedback: children under 8",
    "feedback_child_8_12": "Feedback: children aged 8 to 12",
    "feedback_young_person": "Feedback: young people (13 and over)",
    "feedback_three_houses": "Feedback: Three Houses",
    "feedback_parent_carer": "Feedback: parents and carers",
    "feedback_foster_carer": "Feedback: foster carers",
    "feedback_partner": "Feedback: partner professionals",
}


def source_group(source: str) -> str:
    if source.startswith(("supervision", "survey")):
        return PRACTITIONERS
    if source.startswith("feedback"):
        return FAMILIES
    return OTHER


def source_label(source: str) -> str:
    if source in _LABELS:
        return _LABELS[source]
    head, _, tail = source.partition("_")
    return f"{head.capitalize()}: {tail.replace('_', ' ')}" if tail else source.capitalize()
