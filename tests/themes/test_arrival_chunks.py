"""A big batch of arrivals is stored a few records per transaction, so feedback being sent
never waits long for the database's one writer; every record is still stored once."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from learning.core.db import Database
from learning.themes import arrivals
from learning.themes.arrivals import STORE_TOGETHER, Prepared, take_in


def test_a_big_batch_is_stored_a_few_records_per_transaction(
    monkeypatch: pytest.MonkeyPatch, database: Database
) -> None:
    def prepare_batch(_db: Session, _kind: str, record_ids: list[int]) -> list[Prepared]:
        return [Prepared(1, (), frozenset({str(record_id)}), {}) for record_id in record_ids]

    sessions: list[Session] = []  # kept, so that no two transactions are mistaken for one
    stored: list[list[str]] = []

    def store(db: Session, batch: list[Prepared]) -> int:
        if not sessions or sessions[-1] is not db:
            sessions.append(db)
            stored.append([])
        stored[-1].extend(ref for prepared in batch for ref in prepared.refs)
        return len(batch)

    monkeypatch.setattr(arrivals, "prepare_batch", prepare_batch)
    monkeypatch.setattr(arrivals, "store", store)
    records = [("feedback", n) for n in range(2 * STORE_TOGETHER + 3)]

    assert take_in(database, records) == len(records)
    assert [len(refs) for refs in stored] == [STORE_TOGETHER, STORE_TOGETHER, 3]
    assert sorted(int(ref) for refs in stored for ref in refs) == list(range(len(records)))
