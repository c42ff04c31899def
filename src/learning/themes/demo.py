"""Themes for the demo council: a run over whatever its sources share (supervision learning
points, and child and family feedback once there is any), so the themes pages have
something to show. Run after the other demo data; each ``learning demo`` runs it again, which
keeps theme ids and takes in anything new."""

from __future__ import annotations

from learning.core.db import Database
from learning.org.models import Council
from learning.themes.models import ThemeRunRecord
from learning.themes.recluster import recluster
from learning.themes.terms import RunTrigger


def create_demo_themes(database: Database, council_id: int) -> ThemeRunRecord | None:
    with database.session() as db:
        council = db.get(Council, council_id)
        if council is None or not council.is_demo:
            raise ValueError("Demo themes are only ever made for the demo council.")
    return recluster(database, council_id, trigger=RunTrigger.DEMO)
