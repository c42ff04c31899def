"""Liveness and readiness probes."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from learning.core import migrate

router = APIRouter()


@router.get("/healthz", name="healthz")
async def healthz() -> JSONResponse:
    """The process is up (on the event loop: it needs no worker thread)."""
    return JSONResponse({"status": "ok"})


@router.get("/readyz", name="readyz")
def readyz(request: Request) -> JSONResponse:
    """The database answers and its schema is at the latest migration."""
    try:
        with request.app.state.db.session() as session:
            connection = session.connection()
            connection.execute(text("SELECT 1"))
            current = migrate.is_current(connection)
    except SQLAlchemyError:
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, 503)
    if not current:
        return JSONResponse({"status": "unavailable", "migrations": "behind"}, 503)
    return JSONResponse({"status": "ok", "database": "ok", "migrations": "current"})
