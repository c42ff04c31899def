"""A batch of arrivals looks each council's current theme model up once per transaction,
not once per item; outside a batch every call looks again."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event
from sqlmodel import Session

from learning.themes.intake import current_model
from learning.themes.lookups import once, one_look_per_council
from tests.factories import Factory


@contextmanager
def model_lookups(db: Session) -> Iterator[list[str]]:
    """The statements that read the stored theme models, as they are sent."""
    seen: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if "FROM theme_model" in statement:
            seen.append(statement)

    engine = db.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_within_a_batch_each_council_is_looked_up_once(db: Session, factory: Factory) -> None:
    council_id = factory.council.id
    assert council_id is not None
    with one_look_per_council(), model_lookups(db) as seen:
        found = [current_model(db, council_id) for _ in range(3)]
    assert found == [None, None, None]
    assert len(seen) == 1


def test_outside_a_batch_every_call_looks_again(db: Session, factory: Factory) -> None:
    council_id = factory.council.id
    assert council_id is not None
    with one_look_per_council():
        current_model(db, council_id)
    with model_lookups(db) as seen:
        current_model(db, council_id)
        current_model(db, council_id)
    assert len(seen) == 2


def test_each_thing_is_looked_up_once_per_council_within_a_block() -> None:
    looks: list[tuple[str, int]] = []

    def look(what: str, council_id: int) -> str:
        looks.append((what, council_id))
        return f"{what} of {council_id}"

    with one_look_per_council():
        found = [
            once(w, c, lambda w=w, c=c: look(w, c))
            for w, c in [("a", 1), ("a", 1), ("b", 1), ("a", 2)]
        ]
    assert found == ["a of 1", "a of 1", "b of 1", "a of 2"]
    assert looks == [("a", 1), ("b", 1), ("a", 2)]
    once("a", 1, lambda: look("a", 1))
    assert looks[-1] == ("a", 1) and len(looks) == 4
