"""The practical ceiling for benchmarks/feedback_load.py: a bare Starlette endpoint (a server
that benchmark starts, not a benchmark itself).

It serves a small form with a hidden field, inserts each post into sqlite3 (WAL and
synchronous=NORMAL, as the service runs SQLite) and redirects to a tiny receipt page.
No framework beyond Starlette, no templates, no checks. Served by uvicorn exactly as the
service is.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import threading

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse
from starlette.routing import Route

FORM = """<!DOCTYPE html><html lang="en"><head><title>Feedback</title></head><body>
<form method="post" action="/form"><input type="hidden" name="nonce" value="{nonce}">
<input type="radio" name="rating" value="3"><textarea name="text"></textarea>
<button type="submit">Send</button></form></body></html>"""

_local = threading.local()


def connection() -> sqlite3.Connection:
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(os.environ["BASELINE_DB"], isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA busy_timeout=30000")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS submission (id INTEGER PRIMARY KEY, rating TEXT, "
            "text TEXT, receipt TEXT)"
        )
        _local.conn = conn
    return conn


async def form(request: Request) -> HTMLResponse:
    return HTMLResponse(FORM.format(nonce=secrets.token_urlsafe(16)))


async def submit(request: Request) -> RedirectResponse:
    data = await request.form()
    receipt = secrets.token_hex(5)
    conn = connection()
    conn.execute(
        "INSERT INTO submission (rating, text, receipt) VALUES (?, ?, ?)",
        (data.get("rating"), data.get("text"), receipt),
    )
    return RedirectResponse(f"/thanks?r={receipt}", status_code=303)


async def thanks(request: Request) -> HTMLResponse:
    return HTMLResponse(f"<p>Thank you. Your code is {request.query_params.get('r', '')}</p>")


app = Starlette(
    routes=[
        Route("/form", form, methods=["GET"]),
        Route("/form", submit, methods=["POST"]),
        Route("/thanks", thanks),
    ]
)
