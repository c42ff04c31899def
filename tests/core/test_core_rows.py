"""Rows inserted with Core on a hot path (``new_row``, ``stored_as``) are the rows the ORM
would have stored: every default filled, and the model then part of the session without a
second INSERT."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import event, insert
from sqlmodel import Session

from learning.core.db import new_row, stored_as
from learning.org.models import Council


def test_a_new_row_has_every_column_with_the_models_defaults() -> None:
    row = new_row(Council, slug="kernow", name="Kernow Council")

    assert set(row) == set(Council.model_fields) - {"id"}
    assert row["brand_colour"] == "#1d4f76" and row["is_demo"] is False
    assert row["created_at"] is not None  # a default factory is called for each row


def test_a_new_row_refuses_a_required_column_left_out() -> None:
    with pytest.raises(TypeError, match=r"Council\.name needs a value"):
        new_row(Council, slug="kernow")


def test_a_row_stored_with_core_joins_the_session_without_a_second_insert(db: Session) -> None:
    row = new_row(Council, slug="kernow", name="Kernow Council")
    row["id"] = db.connection().execute(insert(Council).returning(Council.id), row).scalar_one()
    statements: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    engine = db.get_bind()
    event.listen(engine, "before_cursor_execute", note)
    try:
        council = stored_as(db, Council(**row))
        db.flush()
        assert db.get(Council, row["id"]) is council  # no query: it is the session's own
    finally:
        event.remove(engine, "before_cursor_execute", note)

    assert statements == []
    council.name = "Cornwall Council"
    db.flush()
    db.expire_all()
    stored = db.get(Council, row["id"])
    assert stored is not None and stored.name == "Cornwall Council"
