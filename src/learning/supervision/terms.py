"""The words of supervision: statuses, types, the 4x4x4 functions, raters, RAG."""

from __future__ import annotations

from enum import StrEnum


class SessionStatus(StrEnum):
    DRAFT = "draft"
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"
    RESCHEDULED = "rescheduled"


class SessionType(StrEnum):
    ONE_TO_ONE = "one_to_one"
    CASE = "case"
    PERSONAL_REFLECTIVE = "personal_reflective"
    GROUP = "group"
    AD_HOC = "ad_hoc"


#: The sessions that meet the frequency of a supervision agreement: formal supervision of
#: the supervisee alone (one-to-one, case, or personal and reflective). Ad hoc
#: consultations are informal and unplanned; group supervision complements individual
#: supervision but does not replace it (nobody's personal section, wellbeing or workload is
#: discussed, and one group session would otherwise reset the clock of one attendee only).
#: Both are kept and shown in the history; neither resets when supervision is next due.
FREQUENCY_TYPES = frozenset({SessionType.ONE_TO_ONE, SessionType.CASE,
                             SessionType.PERSONAL_REFLECTIVE})


class SupervisionFunction(StrEnum):
    """Morrison's 4x4x4: the four functions of supervision."""

    MANAGEMENT = "management"
    DEVELOPMENT = "development"
    SUPPORT = "support"
    MEDIATION = "mediation"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class RaterRole(StrEnum):
    PRACTITIONER = "practitioner"
    SUPERVISOR = "supervisor"
    PARENT = "parent"
    CHILD = "child"
    NETWORK = "network"


class Rag(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
