"""The database: engine, sessions, and the one-transaction-per-request rule.

SQLite is the embedded default (WAL, foreign keys on, real transactions with savepoints);
PostgreSQL through psycopg 3. Views never commit: the request's session commits once,
after the view returned and before the response is sent.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from sqlalchemy import Connection, CursorResult, Engine, Result, Table, bindparam, event, insert
from sqlalchemy.engine import Dialect, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.pool import StaticPool
from sqlalchemy.sql.compiler import Compiled
from sqlalchemy.sql.expression import Executable
from sqlmodel import Session, SQLModel, create_engine

from learning.core import sqlite_writes
from learning.core.sqlite_writes import TurnTakingConnection

#: Execution option: the transaction will write after reading. On SQLite it then begins with
#: BEGIN IMMEDIATE, taking the write lock at once: in WAL mode a transaction that has read
#: cannot start writing once another writer has committed (SQLITE_BUSY_SNAPSHOT, which no
#: busy timeout cures), whereas waiting for the lock at BEGIN is ordinary queueing.
WRITE_INTENT = "learning_write_intent"

ModelT = TypeVar("ModelT", bound=SQLModel)

#: Connections kept open to a SQLite file: one for each worker thread that may hold one at
#: once (anyio's 40), and a few for the threads of our own. With the default of 5, senders
#: waiting for the write turn each held an overflow connection, opened (with its pragmas)
#: and closed again for every submission under load. An idle SQLite connection costs only
#: its page cache.
SQLITE_POOL_SIZE = 44


class Database:
    """Where sessions come from. Tests bind it to one connection inside a transaction."""

    def __init__(self, engine: Engine, connection: Connection | None = None) -> None:
        self.engine, self.connection = engine, connection

    @classmethod
    def from_url(cls, url: str, **kwargs: Any) -> Database:
        return cls(make_engine(url, **kwargs))

    def session(self, write: bool = False) -> Session:
        """A new session; ``write`` when it will write after reading (see WRITE_INTENT)."""
        options = {WRITE_INTENT: True} if write else {}
        if self.connection is not None:
            return Session(
                self.connection,
                expire_on_commit=False,
                join_transaction_mode="create_savepoint",
                execution_options=options,
            )
        return Session(self.engine, expire_on_commit=False, execution_options=options)

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[Session]:
        """A session that commits when the block ends cleanly and rolls back otherwise."""
        with self.session(write=write) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise


def new_row(model: type[SQLModel], **values: Any) -> dict[str, Any]:
    """Every column of a new ``model`` row for a Core insert: ``values``, and the model's own
    default (or default factory) for each column not given, as the model itself would set.
    Raises ``TypeError`` for a column that has no value and no default."""
    row = dict(values)
    for name, field in model.model_fields.items():
        if name in row or (name == "id" and field.default is None):
            continue
        if field.is_required():
            raise TypeError(f"{model.__name__}.{name} needs a value")
        row[name] = field.get_default(call_default_factory=True)
    return row


def stored_as(db: Session, instance: ModelT) -> ModelT:
    """``instance``, a row just inserted with Core (primary key set), made part of ``db`` as
    if the ORM had loaded it: persistent, with no second INSERT at the next flush."""
    make_transient_to_detached(instance)
    db.add(instance)
    return instance


def table_of(model: type[SQLModel]) -> Table:
    """``model``'s table, for Core statements. SQLAlchemy sets ``__table__`` on every table
    model but SQLModel does not declare it; this is the one place that says so. A plain
    attribute read: cheap enough for the statements every submission runs."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


def affected_rows(result: Result[Any]) -> int:
    """The rows an UPDATE or DELETE run with ``Session.execute`` matched. The session types
    its result as a plain ``Result``; for such a statement it is the ``CursorResult`` that
    has the count."""
    return cast("CursorResult[Any]", result).rowcount


def insert_returning_id(model: type[SQLModel]) -> Executable:
    """An INSERT of one ``model`` row naming every column but the id as a ``bindparam`` of
    its own name, returning the new id: fit for ``run_on_driver`` with a ``new_row``."""
    table = table_of(model)
    values = {c.name: bindparam(c.name, type_=c.type) for c in table.columns if c.name != "id"}
    return insert(table).values(values).returning(table.c.id)


@dataclass(frozen=True)
class DriverResult:
    rows: list[tuple[Any, ...]]  # what the statement returned (RETURNING, SELECT)
    rowcount: int


@dataclass(frozen=True)
class _DriverStatement:
    compiled: Compiled
    positions: tuple[str, ...] | None  # bind names in order, where the driver's are positional
    processors: dict[str, Callable[[Any], Any]]  # bind name -> its type's conversion


_driver_statements: dict[tuple[Executable, str], _DriverStatement] = {}


def run_on_driver(db: Session, statement: Executable, values: Mapping[str, Any]) -> DriverResult:
    """Run a Core statement in ``db``'s transaction straight on the driver's cursor: compiled
    once per database, its values converted as SQLAlchemy converts them, listeners told as
    SQLAlchemy tells them, errors raised as SQLAlchemy raises them. For the few statements
    every feedback submission runs, where SQLAlchemy's own execution cost four times the
    statement. Every value must be a named ``bindparam`` of the statement (an INSERT names
    its columns' values), and its result columns must need no conversion (ids, counts,
    text)."""
    connection = db.connection()
    dialect = connection.dialect
    key = (statement, dialect.name)
    prepared = _driver_statements.get(key)
    if prepared is None:
        prepared = _driver_statements.setdefault(key, _prepare_for_driver(statement, dialect))
    named = prepared.compiled.construct_params(values)
    assert named is not None  # a statement's compiled form always has its parameters
    for name, convert in prepared.processors.items():
        named[name] = convert(named[name])
    params: Any = named
    if prepared.positions is not None:
        params = tuple(named[name] for name in prepared.positions)
    sql = prepared.compiled.string
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        connection.dispatch.before_cursor_execute(connection, cursor, sql, params, None, False)
        cursor.execute(sql, params)
        return DriverResult(cursor.fetchall() if cursor.description else [], cursor.rowcount)
    except dialect.loaded_dbapi.Error as error:
        raise DBAPIError.instance(
            sql, params, error, dialect.loaded_dbapi.Error, hide_parameters=True
        ) from error
    finally:
        cursor.close()


def _prepare_for_driver(statement: Executable, dialect: Dialect) -> _DriverStatement:
    compiled = statement.compile(dialect=dialect)  # type: ignore[attr-defined]
    for column in getattr(compiled, "_result_columns", ()):  # what it returns, and as what
        if column.type.dialect_impl(dialect).result_processor(dialect, None) is not None:
            raise ValueError(f"{column.keyname} needs converting: run it through SQLAlchemy")
    processors = {  # as SQLAlchemy converts: through the type as this database has it
        name: convert
        for bind, name in compiled.bind_names.items()
        if (convert := bind.type.dialect_impl(dialect).bind_processor(dialect)) is not None
    }
    return _DriverStatement(compiled, getattr(compiled, "positiontup", None), processors)


def make_engine(url: str, **kwargs: Any) -> Engine:
    """The engine for ``url``. A database error never carries the values of its statement
    (``hide_parameters``): they may be what a child wrote, and errors are logged."""
    kwargs.setdefault("hide_parameters", True)
    if make_url(url).get_backend_name() == "sqlite":
        return _sqlite_engine(url, **kwargs)
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_engine(url: str, **kwargs: Any) -> Engine:
    database = make_url(url).database or ""
    if database in ("", ":memory:"):
        kwargs.setdefault("poolclass", StaticPool)
    else:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
        kwargs.setdefault("pool_size", SQLITE_POOL_SIZE)
    connect_args = {"check_same_thread": False, "timeout": 30, "factory": TurnTakingConnection}
    engine = create_engine(url, connect_args=connect_args, **kwargs)
    write_turn = sqlite_writes.turn_for(database)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "connect", lambda conn, _record: setattr(conn, "write_turn", write_turn))
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin, so that
    # transactions and savepoints behave as on PostgreSQL.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    dbapi_connection = connection.connection.dbapi_connection
    if not isinstance(dbapi_connection, TurnTakingConnection):
        immediate = connection.get_execution_options().get(WRITE_INTENT, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")
    elif connection.get_execution_options().get(WRITE_INTENT, False):
        dbapi_connection.begin_immediate()  # waits its turn first
    else:
        dbapi_connection.execute("BEGIN")  # straight to sqlite3: every request begins
