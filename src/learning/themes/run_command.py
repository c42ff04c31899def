"""``learning themes recluster``: a council's themes worked out again, from the command line."""

from __future__ import annotations

import sys

from sqlmodel import select

from learning.core.config import Settings
from learning.core.db import Database
from learning.org.models import Council
from learning.themes.recluster import recluster
from learning.themes.terms import RunStatus, RunTrigger


def run_for_council(slug: str | None = None) -> int:
    """Run the council's themes now; print what happened. The exit code: 0 done, 1 not done
    (another run was going, or it failed), 2 no such council."""
    settings = Settings()
    slug = slug or settings.council_slug
    database = Database.from_url(settings.database_url)
    try:
        with database.session() as db:
            council = db.exec(select(Council).where(Council.slug == slug)).first()
        if council is None or council.id is None:
            print(f"learning themes recluster: error: no council {slug!r}", file=sys.stderr)
            return 2
        try:
            run = recluster(database, council.id, trigger=RunTrigger.COMMAND)
        except Exception as problem:  # noqa: BLE001 - recorded on the run; say so plainly
            print(
                f"learning themes recluster: the run failed ({type(problem).__name__}); "
                "see the log",
                file=sys.stderr,
            )
            return 1
    finally:
        database.engine.dispose()
    if run is None or run.status != RunStatus.FINISHED:
        print(
            "learning themes recluster: another run for the council was already going; "
            "nothing was done",
            file=sys.stderr,
        )
        return 1
    print(
        f"{council.name}: {run.themes} themes ({run.new_themes} new) from {run.items} items: "
        f"{run.clustered} in themes, {run.not_yet_themed} not yet themed, "
        f"{run.set_aside} set aside, {run.held} held back."
    )
    return 0
