"""The words of the theme engine's storage: item states, run statuses and triggers."""

from __future__ import annotations

from enum import StrEnum


class ItemState(StrEnum):
    """Where a stored item is. Every item is in exactly one state while it is stored (it goes
    when its source withdraws it or its feedback's retention ends)."""

    CLUSTERED = "clustered"  # in a theme
    NOT_YET_THEMED = "not_yet_themed"  # has content, fits no theme well enough (yet)
    SET_ASIDE = "set_aside"  # empty or a stock non-answer ("no comment"): never clustered
    HELD = "held"  # under safeguarding review or in quarantine: no text kept, never shown

    @property
    def label(self) -> str:
        return {
            "clustered": "In a theme",
            "not_yet_themed": "Not yet themed",
            "set_aside": "Set aside (empty or 'no comment')",
            "held": "Held back until a person releases it",
        }[self.value]


class RunStatus(StrEnum):
    QUEUED = "queued"  # asked for; its background job has not started yet
    RUNNING = "running"
    FINISHED = "finished"
    FAILED = "failed"
    SKIPPED = "skipped"  # another run for the council was already going
    ABANDONED = "abandoned"  # started but never finished (the process stopped)

    @property
    def active(self) -> bool:
        return self in (RunStatus.QUEUED, RunStatus.RUNNING)


class RunTrigger(StrEnum):
    NIGHTLY = "nightly"
    ON_DEMAND = "on_demand"
    COMMAND = "command"
    DEMO = "demo"

    @property
    def label(self) -> str:
        return {
            "nightly": "Nightly",
            "on_demand": "Asked for on the themes page",
            "command": "From the command line",
            "demo": "Demo data",
        }[self.value]
