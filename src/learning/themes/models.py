"""Theme engine tables: the items (redacted text and a stored vector), the runs, the themes,
the fitted model of the latest run, and the analysts' codebook versions.

Only redacted text is stored, and none at all for an item that is held back (under
safeguarding review or in quarantine): it is counted, never read, until a person releases it.
Items are named by their source and the source's own reference, so a re-run or a re-sync
finds the same row; themes by a key ("T12") that stays the same from run to run.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Index, LargeBinary, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from learning.core.clock import utcnow
from learning.core.models import EnumString
from learning.themes.terms import ItemState, RunStatus, RunTrigger


class ThemeItem(SQLModel, table=True):
    __tablename__ = "theme_item"
    __table_args__ = (
        UniqueConstraint("council_id", "source", "source_ref"),
        Index("ix_theme_item_council_theme", "council_id", "theme_key"),
        Index("ix_theme_item_council_state", "council_id", "state"),
    )

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id")
    source: str = Field(max_length=60, description="e.g. supervision_case_learning")
    source_ref: str = Field(max_length=160, description="The source's own id for the text")
    team: str = Field(default="", max_length=120, description="The team's name")
    happened_on: date
    question: str = Field(default="", max_length=300, description="What the text answered")
    text: str = Field(default="", sa_type=Text, description="Redacted; empty while held")
    language: str = Field(
        default="", max_length=10, description="The words' language, as 'cy'; '' for English"
    )
    vector: bytes | None = Field(default=None, sa_type=LargeBinary, description="float32")
    space: str = Field(default="", max_length=64, description="The vector space's name")
    theme_key: str | None = Field(default=None, max_length=20)
    state: ItemState = Field(default=ItemState.NOT_YET_THEMED, sa_type=EnumString(ItemState))
    respondent: str | None = Field(
        default=None,
        max_length=80,
        description="Who the words are from, pseudonymously (never a name), as its source "
        "says: see learning.themes.sources.LearningItem.respondent",
    )
    arrived_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)

    @property
    def key(self) -> str:
        """The item's name in the pipeline and the codebook."""
        return f"{self.source}:{self.source_ref}"


class ThemeRunRecord(SQLModel, table=True):
    __tablename__ = "theme_run"
    __table_args__ = (Index("ix_theme_run_council_status", "council_id", "status"),)

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id")
    trigger: RunTrigger = Field(sa_type=EnumString(RunTrigger))
    status: RunStatus = Field(default=RunStatus.QUEUED, sa_type=EnumString(RunStatus))
    requested_by_id: int | None = Field(default=None, foreign_key="person.id")
    queued_at: datetime = Field(default_factory=utcnow)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    items: int = 0
    clustered: int = 0
    not_yet_themed: int = 0
    set_aside: int = 0
    held: int = 0
    themes: int = 0
    new_themes: int = 0
    parameters: str = Field(default="{}", sa_type=Text, description="JSON: how it ran")
    error: str = Field(default="", max_length=500)


class ThemeRecord(SQLModel, table=True):
    __tablename__ = "theme"
    __table_args__ = (UniqueConstraint("council_id", "key"),)

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id", index=True)
    key: str = Field(max_length=20, description="Stable id, e.g. T12")
    label: str = Field(max_length=200)
    terms: str = Field(default="[]", sa_type=Text, description="JSON list, best first")
    quotes: str = Field(default="[]", sa_type=Text, description="JSON list of item keys")
    size: int = 0
    active: bool = Field(default=True, description="A theme of the latest run or edit")
    hidden: bool = False
    curated: bool = Field(default=False, description="In the analysts' codebook")
    merged_into: str | None = Field(default=None, max_length=20)
    first_seen: date | None = None
    last_seen: date | None = None
    period_counts: str = Field(default="{}", sa_type=Text, description="JSON: month -> count")
    trend: str = Field(default="", max_length=20, description="new, growing, fading, steady")
    trend_p: float | None = None
    centroid: bytes | None = Field(default=None, sa_type=LargeBinary)
    profile: str = Field(default="{}", sa_type=Text, description="JSON: term -> weight")
    space: str = Field(default="", max_length=64)
    first_run_id: int | None = Field(default=None, foreign_key="theme_run.id")
    last_run_id: int | None = Field(default=None, foreign_key="theme_run.id")
    updated_at: datetime = Field(default_factory=utcnow)


class ThemeModelRecord(SQLModel, table=True):
    """The fitted model of a run (its encoder and centroids), so new items are encoded and
    assigned on arrival in the same space as the stored vectors. Only the latest is kept."""

    __tablename__ = "theme_model"

    run_id: int = Field(foreign_key="theme_run.id", primary_key=True)
    council_id: int = Field(foreign_key="council.id", index=True)
    space: str = Field(max_length=64)
    fitted_items: int = Field(default=0, description="Items the encoder was fitted on")
    data: bytes = Field(sa_type=LargeBinary)
    created_at: datetime = Field(default_factory=utcnow)


class CodebookVersion(SQLModel, table=True):
    """One version of the analysts' codebook: every edit makes the next version."""

    __tablename__ = "theme_codebook"
    __table_args__ = (UniqueConstraint("council_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    council_id: int = Field(foreign_key="council.id", index=True)
    version: int
    content: str = Field(sa_type=Text, description="JSON: learning.themes.codebook.Codebook")
    op: str = Field(max_length=20, description="create, rename, merge, split, hide, ...")
    summary: str = Field(default="", max_length=300)
    author_id: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = Field(default_factory=utcnow)
