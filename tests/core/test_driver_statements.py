"""``run_on_driver``: a Core statement run straight on the driver's cursor stores, finds and
counts what SQLAlchemy's own execution would, tells listeners, and raises SQLAlchemy's
errors. On SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import bindparam, event, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from learning.core.clock import utcnow
from learning.core.db import insert_returning_id, new_row, run_on_driver
from learning.org.models import Council

TABLE = Council.__table__
INSERT = insert_returning_id(Council)
SINCE = select(TABLE.c.slug).where(
    TABLE.c.created_at >= bindparam("since", type_=TABLE.c.created_at.type),
    TABLE.c.is_demo == bindparam("demo", type_=TABLE.c.is_demo.type),
)
RENAME = update(TABLE).where(TABLE.c.slug == bindparam("old")).values(name=bindparam("new"))


def test_a_row_inserted_on_the_driver_is_the_row_sqlalchemy_reads_back(db: Session) -> None:
    row = new_row(Council, slug="kernow", name="Kernow Cyngor – Kernow", is_demo=True)

    done = run_on_driver(db, INSERT, row)

    (council_id,) = done.rows[0]
    stored = db.get(Council, council_id)
    assert stored is not None
    assert (stored.slug, stored.name, stored.is_demo) == ("kernow", row["name"], True)
    assert stored.created_at == row["created_at"]  # the date and time converted as SQLAlchemy does


def test_values_are_stored_exactly_as_sqlalchemy_stores_them(db: Session) -> None:
    """Dates and times, true and false: the very values in the database are the same."""
    when = utcnow()
    by_sqlalchemy = new_row(Council, slug="a", name="A", is_demo=True, created_at=when)
    db.connection().execute(INSERT, by_sqlalchemy)
    run_on_driver(db, INSERT, new_row(Council, slug="b", name="A", is_demo=True, created_at=when))

    raw = "SELECT name, is_demo, created_at FROM council ORDER BY slug"
    stored = db.connection().exec_driver_sql(raw).all()

    assert len(stored) == 2 and stored[0] == stored[1]


def test_values_are_compared_as_sqlalchemy_converts_them(db: Session) -> None:
    now = utcnow()
    for slug, age, demo in [("old", 3, False), ("new", 0, False), ("shown", 0, True)]:
        run_on_driver(
            db,
            INSERT,
            new_row(
                Council, slug=slug, name=slug, is_demo=demo, created_at=now - timedelta(days=age)
            ),
        )

    found = run_on_driver(db, SINCE, {"since": now - timedelta(days=1), "demo": False}).rows
    by_sqlalchemy = db.connection().execute(
        SINCE, {"since": now - timedelta(days=1), "demo": False}
    )

    assert found == [("new",)] and [tuple(r) for r in by_sqlalchemy] == found


def test_the_rowcount_counts_the_rows_changed(db: Session) -> None:
    run_on_driver(db, INSERT, new_row(Council, slug="kernow", name="Kernow"))

    assert run_on_driver(db, RENAME, {"old": "kernow", "new": "Cornwall"}).rowcount == 1
    assert run_on_driver(db, RENAME, {"old": "nowhere", "new": "Nowhere"}).rowcount == 0
    assert list(db.scalars(select(TABLE.c.name))) == ["Cornwall"]


def test_listeners_see_the_statement(db: Session) -> None:
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    engine = db.get_bind()
    db.connection()  # the test's own transaction begun, before listening
    event.listen(engine, "before_cursor_execute", note)
    try:
        run_on_driver(db, RENAME, {"old": "kernow", "new": "Cornwall"})
    finally:
        event.remove(engine, "before_cursor_execute", note)

    assert len(seen) == 1 and seen[0].startswith("UPDATE council SET name=")


def test_a_database_error_is_raised_as_sqlalchemy_raises_it(db: Session) -> None:
    run_on_driver(db, INSERT, new_row(Council, slug="kernow", name="Kernow"))

    with pytest.raises(IntegrityError), db.begin_nested():
        run_on_driver(db, INSERT, new_row(Council, slug="kernow", name="Kernow again"))


def test_a_database_error_never_carries_the_values_it_was_given(db: Session) -> None:
    """They may be what a child wrote, and errors are logged: on the driver and through
    SQLAlchemy alike."""
    run_on_driver(db, INSERT, new_row(Council, slug="kernow", name="Kernow"))
    secret = "Words only the child and the team should read"

    with pytest.raises(IntegrityError) as on_driver, db.begin_nested():
        run_on_driver(db, INSERT, new_row(Council, slug="kernow", name=secret))
    with pytest.raises(IntegrityError) as through_orm, db.begin_nested():
        db.execute(insert(TABLE).values(new_row(Council, slug="kernow", name=secret)))

    for raised in (on_driver, through_orm):
        assert secret not in str(raised.value)
        assert "hidden due to hide_parameters" in str(raised.value)


def test_a_result_that_needs_converting_is_refused(db: Session) -> None:
    returning_a_date = insert(TABLE).returning(TABLE.c.created_at)

    with pytest.raises(ValueError, match="created_at needs converting"):
        run_on_driver(db, returning_a_date, new_row(Council, slug="kernow", name="Kernow"))
