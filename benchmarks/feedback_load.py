"""How many feedback submissions per second the real service takes, and how fast, on SQLite.

    python benchmarks/feedback_load.py            # 32 clients, 20 s per server
    python benchmarks/feedback_load.py --quick    # 32 clients, 6 s per server (under 60 s)

It creates a fresh SQLite database, migrates it, makes a council, a team and a poster link,
and starts the real service (``uvicorn learning.asgi:app``) on a loopback port. Each of the
concurrent clients then behaves as a phone's browser would: it opens the poster link once
(which swaps the token for a cookie), and then, again and again and each time on a new
connection, fetches the form, fills in every question it finds, posts it, and follows the
redirect to the receipt page. A submission counts when its receipt page has loaded; after
the run, every one of them must be in the database, none quarantined or flagged.

In the same run, the same clients load a bare Starlette endpoint served the same way, which
serves a small form and inserts each post into sqlite3 with no framework, templates or
checks: the practical ceiling on this machine. Both servers are started the same way (same
uvicorn options and workers); with more cores than workers, the servers get their own cores
and the load generator the rest (``--no-pin`` to let them share). It also weighs the child's
form page as a phone would fetch it: the HTML and every stylesheet, script and image it
links, as transferred (compressed where the server compresses). And it measures the
service's own floor: the same clients making three requests a visit to its health endpoint,
which does nothing, so the figures show how much of the gap to the bare endpoint is the
stack (uvicorn, FastAPI, the app's middleware) and how much the feedback work.

Targets (2 cores, 32 clients): at least 300 submissions/s, p99 at most 100 ms, at least half
the bare endpoint's rate, and the form page at most 50 KB. The service's abuse limits are
raised for the run (one address sends everything, far faster than any person types): the
checks still run on every submission; only their thresholds change. The last line printed
is one JSON object of the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import itertools
import json
import os
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATE = 300.0
TARGET_P99_MS = 100.0
TARGET_RATIO = 0.5
TARGET_PAGE_BYTES = 50_000
ANSWER = "The social worker listened to me and explained what would happen next."


# --- A small keep-alive HTTP/1.1 client: the load generator must not be the bottleneck. ---


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    cookies: dict[str, str]
    body: bytes


class Connection:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(
        self,
        method: str,
        path: str,
        *,
        cookies: dict[str, str],
        body: bytes = b"",
        headers: dict[str, str] | None = None,
    ) -> Reply:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        lines = [
            f"{method} {path} HTTP/1.1",
            f"Host: {self.host}:{self.port}",
            "Sec-Fetch-Site: same-origin",
            "Accept: text/html",
        ]
        if cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
        for name, value in (headers or {}).items():
            lines.append(f"{name}: {value}")
        if method == "POST":
            lines += [
                "Content-Type: application/x-www-form-urlencoded",
                f"Content-Length: {len(body)}",
                f"Origin: http://{self.host}:{self.port}",
            ]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        return await self._read_reply()

    async def _read_reply(self) -> Reply:
        assert self.reader is not None
        head = await self.reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head.decode("latin-1").split("\r\n")
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        cookies: dict[str, str] = {}
        for line in header_lines:
            if not line:
                continue
            name, _, value = line.partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "set-cookie":
                cookie_name, _, rest = value.partition("=")
                cookies[cookie_name] = rest.split(";", 1)[0]
            headers[name] = value
        if headers.get("transfer-encoding") == "chunked":
            body = await self._read_chunked()
        else:
            body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        return Reply(status, headers, cookies, body)

    async def _read_chunked(self) -> bytes:
        assert self.reader is not None
        parts = []
        while True:
            size = int((await self.reader.readline()).split(b";")[0], 16)
            if size == 0:
                await self.reader.readline()
                return b"".join(parts)
            parts.append(await self.reader.readexactly(size))
            await self.reader.readline()

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


# --- Filling in whatever form the page has, as a person would. ---


_FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
_FIELD = re.compile(r"<(input|textarea|button)\b([^>]*)>", re.I)
_ATTR = re.compile(r'([\w:-]+)(?:="([^"]*)")?')
NOT_SENDING = ("worried", "save", "save_draft")  # buttons that do something else


def attributes(tag: str) -> dict[str, str]:
    return {name.lower(): html.unescape(value) for name, value in _ATTR.findall(tag)}


def read_form(page: bytes, serial: str) -> tuple[str, bytes]:
    """The first POST form on the page, filled in as a person would: every hidden field as
    it came, the first choice of every question, a written answer in every text box, and
    the first button that sends it. Every written answer is different (``serial``), as
    people's are: the service quarantines a sentence repeated word for word. (Regular
    expressions rather than an HTML parser, so that the load generator stays light.)"""
    text = page.decode("utf-8", "replace")
    for form in _FORM.finditer(text):
        attrs = attributes(form.group(1))
        if attrs.get("method", "").lower() == "post":
            fields = filled_fields(form.group(2), f"{ANSWER} Form {serial}.")
            return attrs.get("action", ""), urlencode(fields).encode()
    raise RuntimeError("the form page has no POST form")


def filled_fields(form: str, answer: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    radios: dict[str, str] = {}
    submit: tuple[str, str] | None = None
    for tag, raw in _FIELD.findall(form):
        a = attributes(raw)
        name, kind = a.get("name", ""), a.get("type", "text").lower()
        if not name:
            continue
        if tag.lower() == "input" and kind == "hidden":
            fields[name] = a.get("value", "")
        elif tag.lower() == "input" and kind == "radio":
            radios.setdefault(name, a.get("value", ""))
        elif tag.lower() == "textarea":
            fields[name] = answer
        elif tag.lower() == "button" and kind == "submit" and submit is None:
            submit = (name, a.get("value", ""))
    values = {**radios, **fields}
    if submit and submit[0] not in NOT_SENDING:
        values[submit[0]] = submit[1]
    return values


# --- The clients. ---


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    page_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    #: One number per form, whole and six digits long: "999" inside an answer rightly
    #: raises a safeguarding alert, so serials never look like an emergency number.
    serials: Iterator[int] = field(default_factory=lambda: itertools.count(100_000))


async def one_client(
    port: int, open_path: str, form_path: str, deadline: float, tally: Tally
) -> None:
    """One person's phone: it opens the link once, then sends feedback again and again, each
    time on a new connection (a person takes a while over a form; with several server
    workers, new connections also spread over them as real visitors' do)."""
    cookies: dict[str, str] = {}
    if open_path:
        conn = Connection("127.0.0.1", port)
        try:
            cookies.update((await conn.request("GET", open_path, cookies=cookies)).cookies)
        finally:
            conn.close()
    while time.perf_counter() < deadline:
        conn = Connection("127.0.0.1", port)
        try:
            await one_visit(conn, form_path, tally, cookies, str(next(tally.serials)))
        finally:
            conn.close()


async def one_visit(
    conn: Connection, form_path: str, tally: Tally, cookies: dict[str, str], serial: str
) -> None:
    """Fetch the form, fill it in, send it, and follow the redirect to the receipt."""
    started = time.perf_counter()
    page = await conn.request("GET", form_path, cookies=cookies)
    cookies.update(page.cookies)
    if page.status != 200:
        tally.errors.append(f"form page {page.status}")
        return
    action, body = read_form(page.body, serial)
    posted_at = time.perf_counter()
    tally.page_ms.append((posted_at - started) * 1000)
    reply = await conn.request("POST", action or form_path, cookies=cookies, body=body)
    cookies.update(reply.cookies)
    if reply.status == 303:
        target = urlsplit(reply.headers["location"])
        path = target.path + (f"?{target.query}" if target.query else "")
        reply = await conn.request("GET", path, cookies=cookies)
        cookies.update(reply.cookies)
    if reply.status != 200:
        tally.errors.append(f"submit {reply.status}: {reply.body[:200]!r}")
        return
    tally.latencies_ms.append((time.perf_counter() - posted_at) * 1000)


async def load(port: int, open_path: str, form_path: str, clients: int, seconds: float) -> dict:
    tally = Tally()
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(
        *(one_client(port, open_path, form_path, deadline, tally) for _ in range(clients))
    )
    elapsed = time.perf_counter() - started
    lat = sorted(tally.latencies_ms)
    if not lat:
        raise RuntimeError(f"no submission succeeded: {tally.errors[:3]}")
    return {
        "submissions": len(lat),
        "submissions_per_s": round(len(lat) / elapsed, 1),
        "p50_ms": round(percentile(lat, 50), 1),
        "p95_ms": round(percentile(lat, 95), 1),
        "p99_ms": round(percentile(lat, 99), 1),
        "form_page_p95_ms": round(percentile(sorted(tally.page_ms), 95), 1),
        "errors": len(tally.errors),
        "first_errors": tally.errors[:3],
    }


async def floor(port: int, clients: int, seconds: float) -> float:
    """Visits per second when each visit is three requests (a visit's form, post and receipt)
    to the service's health endpoint, which does nothing: the rate the service's own stack
    (uvicorn, FastAPI's routing, the app's middleware) allows before any feedback work."""
    visits = 0
    deadline = time.perf_counter() + seconds

    async def one() -> None:
        nonlocal visits
        while time.perf_counter() < deadline:
            conn = Connection("127.0.0.1", port)
            try:
                for _ in range(3):
                    if (await conn.request("GET", "/healthz", cookies={})).status != 200:
                        raise RuntimeError("the health endpoint did not answer 200")
            finally:
                conn.close()
            visits += 1

    started = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(clients)))
    return round(visits / (time.perf_counter() - started), 1)


def percentile(values: list[float], pct: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(pct) - 1]


# --- Page weight, as a phone would fetch the child's form. ---


class AssetReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if (
            tag == "link"
            and "stylesheet" in a.get("rel", "")
            or tag == "link"
            and "icon" in a.get("rel", "")
        ):
            self.assets.append(a.get("href", ""))
        elif tag in ("script", "img") and a.get("src"):
            self.assets.append(a["src"])


async def page_weight(port: int, open_path: str, form_path: str) -> dict:
    conn = Connection("127.0.0.1", port)
    cookies: dict[str, str] = {}
    gzip = {"Accept-Encoding": "gzip, br"}
    try:
        if open_path:
            cookies.update((await conn.request("GET", open_path, cookies=cookies)).cookies)
        page = await conn.request("GET", form_path, cookies=cookies, headers=gzip)
        sizes = {"html": len(page.body)}
        reader = AssetReader()
        body = page.body
        if page.headers.get("content-encoding") == "gzip":
            import gzip as gz

            body = gz.decompress(body)
        reader.feed(body.decode("utf-8", "replace"))
        for href in reader.assets:
            if not href.startswith("/"):
                continue
            asset = await conn.request("GET", href, cookies={}, headers=gzip)
            sizes[href] = len(asset.body)
    finally:
        conn.close()
    return {"page_bytes": sum(sizes.values()), "page_parts": sizes}


# --- The two servers. ---


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_up(port: int, proc: subprocess.Popen, seconds: float = 60) -> None:
    """Until the server takes connections; a server that never does is ended, not left
    running (a busy machine can take well over ten seconds to start one)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    proc.terminate()
    proc.wait()
    raise RuntimeError(f"server did not start within {seconds:.0f} s")


def split_cpus(workers: int, pin: bool) -> tuple[set[int], set[int]] | None:
    """The cores for the server (one per worker) and the rest for the load generator, so
    that the two do not take turns on one core; None when there are too few to split."""
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if not pin or len(cpus) <= workers:
        return None
    return set(cpus[:workers]), set(cpus[workers:])


def start(
    app: str,
    port: int,
    env: dict[str, str],
    app_dir: Path,
    workers: int,
    cpus: set[int] | None = None,
) -> subprocess.Popen:
    """Both servers are started by this one function: same uvicorn, options, workers, cores."""
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        app,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-access-log",
        "--log-level",
        "warning",
        "--app-dir",
        str(app_dir),
        "--workers",
        str(workers),
    ]
    pin = (lambda: os.sched_setaffinity(0, cpus)) if cpus else None
    proc = subprocess.Popen(command, env={**os.environ, **env}, preexec_fn=pin)  # noqa: PLW1509
    wait_until_up(port, proc)
    return proc


def prepare_service(database_url: str) -> str:
    """Migrate, make a council, a team and a poster link; return the link's path."""
    from sqlmodel import Session

    from learning.core import migrate
    from learning.core.config import Settings
    from learning.core.db import make_engine
    from learning.feedback import links
    from learning.feedback.terms import FormKind, LinkKind
    from learning.org.models import Council, Team, TeamKind

    engine = make_engine(database_url)
    migrate.upgrade(engine)
    with Session(engine) as db:
        council = Council(slug="benchshire", name="Benchshire Council", tenant_id="bench")
        db.add(council)
        db.flush()
        team = Team(council_id=council.id, name="Children in care", kind=TeamKind.CHILDREN_IN_CARE)
        db.add(team)
        db.flush()
        new = links.create_link(
            db,
            Settings(demo=True),  # as the service started with service_env() has them
            council_id=council.id,
            team_id=team.id,
            kind=LinkKind.POSTER,
            title="Your review meeting",
            form_kind=FormKind.CHILD_8_12,
        )
        db.commit()
    engine.dispose()
    return f"/f/{new.token}"


def service_env(database_url: str) -> dict[str, str]:
    return {
        "LEARNING_DEMO": "true",
        "LEARNING_DATABASE_URL": database_url,
        "LEARNING_COUNCIL_SLUG": "benchshire",
        "LEARNING_COOKIE_SECURE": "false",
        "LEARNING_LOG_LEVEL": "WARNING",
        "LEARNING_MAIL_SENDER_ENABLED": "false",
        "LEARNING_FEEDBACK_CLIENT_LIMIT": "1000000000",
        "LEARNING_FEEDBACK_LINK_LIMIT": "1000000000",
        "LEARNING_FEEDBACK_MIN_FILL_SECONDS": "0",
    }


def stored(path: str) -> dict[str, int]:
    """What the service's database holds after the run: every submission the clients saw a
    receipt for must be there, and none of them quarantined or flagged."""
    with closing(sqlite3.connect(path)) as conn:
        total, quarantined, flagged = conn.execute(
            "SELECT COUNT(*), COUNT(quarantine_reason), COALESCE(SUM(flagged), 0) "
            "FROM feedback_submission"
        ).fetchone()
    return {"stored": total, "quarantined": quarantined, "flagged": flagged}


def measure(args: argparse.Namespace) -> dict:
    here = Path(__file__).resolve().parent
    cpus = split_cpus(args.workers, args.pin)
    server_cpus = cpus[0] if cpus else None
    if cpus:
        os.sched_setaffinity(0, cpus[1])
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/feedback.db"
        open_path = prepare_service(url)
        port = free_port()
        proc = start(
            "learning.asgi:app", port, service_env(url), ROOT / "src", args.workers, server_cpus
        )
        try:
            weight = asyncio.run(page_weight(port, open_path, "/give-feedback"))
            ours = asyncio.run(load(port, open_path, "/give-feedback", args.clients, args.seconds))
            stack = asyncio.run(floor(port, args.clients, args.seconds))
        finally:
            proc.terminate()
            proc.wait()
        kept = stored(f"{tmp}/feedback.db")
        base_port = free_port()
        base_env = {"BASELINE_DB": f"{tmp}/baseline.db"}
        proc = start(
            "feedback_baseline:app",
            base_port,
            base_env,
            here / "servers",
            args.workers,
            server_cpus,
        )
        try:
            base = asyncio.run(load(base_port, "", "/form", args.clients, args.seconds))
        finally:
            proc.terminate()
            proc.wait()
    ratio = ours["submissions_per_s"] / base["submissions_per_s"]
    return {
        "clients": args.clients,
        "seconds": args.seconds,
        "workers": args.workers,
        "server_cpus": sorted(server_cpus) if server_cpus else "any",
        "submissions": ours["submissions"],
        **kept,
        "errors": ours["errors"],
        "first_errors": ours["first_errors"],
        "form_page_p95_ms": ours["form_page_p95_ms"],
        "page_parts": weight["page_parts"],
        "baseline_p99_ms": base["p99_ms"],
        "stack_floor_per_s": stack,
        "stack_floor_ratio": round(stack / base["submissions_per_s"], 3),
        "submissions_per_s": ours["submissions_per_s"],
        "p50_ms": ours["p50_ms"],
        "p95_ms": ours["p95_ms"],
        "p99_ms": ours["p99_ms"],
        "baseline_submissions_per_s": base["submissions_per_s"],
        "baseline_ratio": round(ratio, 3),
        "page_bytes": weight["page_bytes"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="6 s per server (under 60 s)")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--workers", type=int, default=1, help="server processes, both servers")
    parser.add_argument(
        "--no-pin",
        dest="pin",
        action="store_false",
        help="do not give the servers and the load generator separate cores",
    )
    args = parser.parse_args()
    if args.seconds is None:
        args.seconds = 6.0 if args.quick else 20.0
    figures = measure(args)
    checks = {
        "submissions_per_s": figures["submissions_per_s"] >= TARGET_RATE,
        "p99_ms": figures["p99_ms"] <= TARGET_P99_MS,
        "baseline_ratio": figures["baseline_ratio"] >= TARGET_RATIO,
        "page_bytes": figures["page_bytes"] <= TARGET_PAGE_BYTES,
        "no_errors": figures["errors"] == 0,
        "all_stored": figures["stored"] == figures["submissions"],
        "none_quarantined": figures["quarantined"] == 0 and figures["flagged"] == 0,
    }
    details = {
        "no_errors": f"{figures['errors']} errors",
        "all_stored": f"{figures['stored']} stored of {figures['submissions']} receipts",
        "none_quarantined": f"{figures['quarantined']} quarantined, {figures['flagged']} flagged",
    }
    for name, met in checks.items():
        detail = details.get(name, figures.get(name, ""))
        print(f"{name}: {detail} {'met' if met else 'NOT MET'}", file=sys.stderr)
    summary = {k: figures[k] for k in figures if k not in ("page_parts", "first_errors")}
    print(json.dumps({**summary, "targets_met": all(checks.values())}))
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
