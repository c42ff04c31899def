"""The council's name and colour on every page: read again every 30 seconds, and once read,
never waited for. A page whose request held a connection used to take a second one to read
them again; with as many requests at once as the pool has connections, each waited for
another's, and all of them for the pool's timeout."""

from __future__ import annotations

import time
from pathlib import Path
from types import SimpleNamespace

from sqlmodel import Session, SQLModel

from learning.core.db import Database, make_engine
from learning.core.web import council_branding
from learning.org.models import Council


def page_of(state: SimpleNamespace) -> SimpleNamespace:
    return SimpleNamespace(app=SimpleNamespace(state=state))


def test_branding_that_is_due_is_served_as_read_before_while_a_thread_reads_it_again(
    tmp_path: Path,
) -> None:
    engine = make_engine(
        f"sqlite:///{tmp_path / 'branding.db'}", pool_size=1, max_overflow=0, pool_timeout=0.5
    )
    SQLModel.metadata.create_all(engine)
    with Session(engine) as db:
        db.add(Council(slug="kernow", name="Kernow Council", tenant_id="t", brand_colour="#123456"))
        db.commit()
    state = SimpleNamespace(
        db=Database(engine),
        settings=SimpleNamespace(council_slug="kernow"),
        branding_cache=(time.monotonic() - 60, {"name": "Old name", "colour": "#000000"}),
    )
    held = engine.connect()  # the request's own connection: the pool's only one
    try:
        started = time.monotonic()
        served = council_branding(page_of(state))  # type: ignore[arg-type]
        waited = time.monotonic() - started
    finally:
        held.close()

    assert served == {"name": "Old name", "colour": "#000000"}
    assert waited < 0.4  # not the pool's timeout
    deadline = time.monotonic() + 5
    while state.branding_cache[1]["name"] != "Kernow Council" and time.monotonic() < deadline:
        council_branding(page_of(state))  # type: ignore[arg-type]  # asks again if one failed
        time.sleep(0.05)
    assert state.branding_cache[1] == {"name": "Kernow Council", "colour": "#123456"}
    engine.dispose()
