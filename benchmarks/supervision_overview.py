"""How fast the team manager's overview and a supervisee's history are, through HTTP, on a
realistic amount of supervision data in PostgreSQL.

    python benchmarks/supervision_overview.py            # 500 practitioners, 30,000 sessions
    python benchmarks/supervision_overview.py --quick    # 100 practitioners, 6,000 sessions

It creates a fresh database from the admin URL (dropped at the end), migrates it, fills it
with COPY, serves the real app with uvicorn on a loopback port, signs in a team
manager and a supervisor (server-side session rows and their cookie), and times
GET /supervision/overview and GET /supervision/supervisees/{id}. Target: p95 <= 300 ms.
The last line printed is one JSON object of the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import psycopg
import uvicorn
from sqlalchemy import Engine, create_engine, insert, text
from sqlalchemy.engine import make_url

from learning.accounts.models import UserSession
from learning.accounts.sessions import PLAIN_COOKIE
from learning.app import create_app
from learning.core import migrate
from learning.core.clock import today, utcnow
from learning.core.config import Settings
from learning.core.db import make_engine
from learning.core.security import new_token, token_hash

ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
TARGET_P95_MS = 300.0
GIVEN = ("Alex", "Bea", "Cal", "Dee", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jas", "Kit", "Lou",
         "Mo", "Nia", "Oli", "Pip", "Quin", "Ros", "Sol", "Tam", "Uma", "Vic", "Wyn", "Zac")
FAMILY = ("Abbott", "Boyle", "Carne", "Dunstan", "Eddy", "Furse", "Geach", "Hocking", "Jago",
          "Kitto", "Lander", "Moyle", "Nance", "Opie", "Penrose", "Rowe", "Soady", "Trevail",
          "Uren", "Vosper", "Warne", "Yelland")
VOICES = ("She said she feels safe when nan is there.", "He drew his family and put dad outside.",
          "They told us they want to stay at the same school.", "")
STAGES = (("asye", 15), ("social_worker", 50), ("senior_practitioner", 20),
          ("advanced_practitioner", 5), ("family_support", 10))
TYPES = (("one_to_one", 60), ("case", 25), ("personal_reflective", 10), ("group", 3),
         ("ad_hoc", 2))


def pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


class Service:
    """Rows for every table, with ids given here so that rows can point at each other."""

    def __init__(self, practitioners: int, sessions: int, seed: int = 42) -> None:
        self.rng = random.Random(seed)
        self.on = today()
        self.now = utcnow()
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.ids: dict[str, int] = {}
        self.practitioners = practitioners
        self.per_person = max(1, sessions // practitioners)
        self.teams: list[dict[str, Any]] = []

    def add(self, table: str, **row: Any) -> int:
        self.ids[table] = self.ids.get(table, 0) + 1
        self.rows.setdefault(table, []).append({"id": self.ids[table], **row})
        return self.ids[table]

    def person(self, team_id: int | None, stage: str, roles: tuple[str, ...] = (),
               fte: float = 1.0) -> int:
        n = self.ids.get("person", 0) + 1
        pid = self.add("person", council_id=1, given_name=self.rng.choice(GIVEN),
                       family_name=self.rng.choice(FAMILY), email=f"person{n}@bench.test",
                       job_title=stage.replace("_", " ").capitalize(), team_id=team_id,
                       career_stage=stage, fte=fte, active=True, oidc_tid=None, oidc_oid=None,
                       created_at=self.now - timedelta(days=2000), updated_at=self.now)
        for role in roles:
            self.add("role_assignment", person_id=pid, role=role)
        return pid

    def supervise(self, supervisor: int, supervisee: int, starts_on: date) -> None:
        self.add("supervisory_relationship", council_id=1, supervisor_id=supervisor,
                 supervisee_id=supervisee, starts_on=starts_on, ends_on=None)

    def build(self) -> None:
        self.add("council", slug="benchshire", name="Benchshire Council", tenant_id="bench",
                 brand_colour="#1d4f76", is_demo=True, created_at=self.now)
        self.policy = self.add("supervision_policy", council_id=1, kind="workload", version=1,
                               body="{}", created_at=self.now, created_by_id=None)
        head = self.person(None, "head_of_service", ("principal_social_worker",))
        n_teams = max(2, round(self.practitioners / 12.5))
        for t in range(n_teams):
            team_id = self.add("team", council_id=1, service_area_id=None, name=f"Team {t + 1}",
                               kind="child_in_need", active=True)
            manager = self.person(team_id, "team_manager", ("team_manager",))
            supervisors = [self.person(team_id, "senior_practitioner", ("supervisor",))
                           for _ in range(2)]
            self.supervise(head, manager, self.on - timedelta(days=2000))
            for s in supervisors:
                self.supervise(manager, s, self.on - timedelta(days=2000))
            self.teams.append({"id": team_id, "manager": manager, "supervisors": supervisors,
                               "members": []})
        for i in range(self.practitioners):
            team = self.teams[i % n_teams]
            stage = pick(self.rng, STAGES)
            pid = self.person(team["id"], stage, ("practitioner",),
                              fte=self.rng.choice((1.0, 1.0, 1.0, 0.8, 0.6)))
            supervisor = team["supervisors"][i % 2]
            team["members"].append((pid, supervisor))
            start = self.on - timedelta(days=self.per_person * (14 if stage == "asye" else 31) + 30)
            self.supervise(supervisor, pid, start)
            if self.rng.random() < 0.7:
                self.add("supervision_agreement", council_id=1, supervisee_id=pid,
                         supervisor_id=supervisor, starts_on=start,
                         asye_started_on=start if stage == "asye" else None,
                         frequency_days_override=None, usual_duration_minutes=90, venue="",
                         confidentiality_terms="Private unless a child is at risk.",
                         recording_terms="The supervisor records; both sign.",
                         supervisor_agreed_at=self.now, supervisee_agreed_at=self.now,
                         ended_on=None, created_at=self.now)
            self.history(pid, supervisor, stage)
            self.workload(pid)

    def history(self, pid: int, supervisor: int, stage: str) -> None:
        cases = [f"CS-{pid:05d}-{n}" for n in range(self.rng.randint(4, 10))]
        scores = {case: self.rng.randint(2, 6) for case in cases}
        day = self.on - timedelta(days=self.rng.randint(0, 12))
        for index in range(self.per_person):
            status = "held"
            roll = self.rng.random()
            if index == 0 and roll < 0.2:
                status = "draft"
            elif roll < 0.06:
                status = "cancelled"
            elif roll < 0.09:
                status = "rescheduled"
            self.session(pid, supervisor, day, status, cases, scores)
            day -= timedelta(days=(14 if stage == "asye" else 30) + self.rng.randint(-4, 6))

    def session(self, pid: int, supervisor: int, day: date, status: str, cases: list[str],
                scores: dict[str, int]) -> None:
        held = status == "held"
        kind = pick(self.rng, TYPES)
        signed = held and (self.on - day).days > 7 or (held and self.rng.random() < 0.5)
        sid = self.add(
            "supervision_session", council_id=1, supervisee_id=pid, supervisor_id=supervisor,
            status=status, status_reason="Court hearing" if status == "cancelled" else "",
            planned_for=day, held_on=day if held else None,
            duration_minutes=self.rng.choice((60, 75, 90, 90, 120)) if held else None,
            session_type=kind, functions="management support development" if held else "",
            reflective_model="morrison",
            reflections=json.dumps({"experience": "A hard visit.", "reflection": "I felt stuck."}),
            wellbeing=self.rng.randint(3, 10) if held else None,
            support_needs="Time to write up." if held else "", learning_and_cpd="", career_goals="",
            share_personal_for_learning=False, share_case_learning=True,
            signed_off_at=datetime.combine(day, datetime.min.time(), UTC) + timedelta(days=3)
            if signed else None,
            supervisee_agreed=True if signed else None, supervisee_comment="", version=1,
            created_at=self.now, updated_at=self.now)
        if not held:
            return
        if self.rng.random() < 0.01:
            self.add("supervision_audit", council_id=1, session_id=sid, auditor_id=1,
                     elicit="Clear analysis of the danger statement.", amplify="", reflect="",
                     start_over="", child_voice_evident=True, created_at=self.now)
        for case in self.rng.sample(cases, self.rng.choice((0, 1, 1, 2, 2, 3))
                                    if kind != "personal_reflective" else 0):
            self.discussion(sid, case, day, scores)
        for _ in range(self.rng.choice((0, 1, 1, 2, 3))):
            due = day + timedelta(days=self.rng.randint(10, 28))
            late = (self.on - due).days
            status = "open" if late < 0 or self.rng.random() < 0.05 else "done"
            self.add("supervision_action", council_id=1, session_id=sid, case_discussion_id=None,
                     supervisee_id=pid, description="Visit and see the children alone.",
                     owner_id=pid if self.rng.random() < 0.8 else supervisor, due_on=due,
                     status=status, completed_on=due if status == "done" else None,
                     created_at=self.now)

    def discussion(self, sid: int, case: str, day: date, scores: dict[str, int]) -> None:
        cid = self.add(
            "case_discussion", session_id=sid, case_reference=case,
            harm="Bruising seen at nursery.", danger_statement="We are worried Z could be hurt.",
            complicating_factors="", existing_strengths="Grandmother visits daily.",
            existing_safety="", safety_goal="Z is kept safe for six months.",
            next_steps="Family network meeting.", child_voice=self.rng.choice(VOICES),
            decision="Continue the plan.", rationale="Safety not yet shown over time.",
            learning_point="", created_at=self.now)
        scores[case] = min(10, max(0, scores[case] + self.rng.choice((-1, 0, 0, 1, 1))))
        self.add("safety_rating", council_id=1, case_discussion_id=cid, case_reference=case,
                 rater_role="practitioner", score=scores[case], rated_on=day)

    def workload(self, pid: int) -> None:
        for quarter in range(8):
            points = self.rng.uniform(55, 110)
            rag = "red" if points >= 100 else "amber" if points >= 85 else "green"
            self.add("workload_snapshot", council_id=1, person_id=pid, session_id=None,
                     policy_id=self.policy, taken_on=self.on - timedelta(days=91 * quarter + 5),
                     cases="{}", extra_points=0, hours_over_contract=0, points=round(points, 1),
                     capacity=100, rag=rag)


TABLE_ORDER = ("council", "supervision_policy", "team", "person", "role_assignment",
               "supervisory_relationship", "supervision_agreement", "supervision_session",
               "case_discussion", "safety_rating", "supervision_action", "workload_snapshot",
               "supervision_audit")


def column_defaults(table: str) -> dict[str, Any]:
    """Each column's value when a row leaves it out, as the models would fill it in (COPY
    fills in nothing), so that columns added to the models later need no change here."""
    from sqlmodel import SQLModel

    import learning.all_models  # noqa: F401 - every table in the metadata

    found = {}
    for column in SQLModel.metadata.tables[table].columns:
        default = column.default
        if default is not None and getattr(default, "is_scalar", False):
            found[column.name] = default.arg  # type: ignore[attr-defined]
        elif default is not None and getattr(default, "is_callable", False):
            found[column.name] = default.arg(None)  # type: ignore[attr-defined]
        elif column.nullable:
            found[column.name] = None
    return found


def load(engine: Engine, service: Service) -> int:
    """COPY every table's rows in (far faster than INSERTs), set each id sequence, and
    VACUUM ANALYZE (as a settled database would be, and so autovacuum does not start up in
    the middle of the timings)."""
    total = 0
    pooled = engine.raw_connection()
    connection: psycopg.Connection[Any] = pooled.dbapi_connection  # type: ignore[assignment]
    try:
        with connection.cursor() as cursor:
            for name in TABLE_ORDER:
                rows = service.rows.get(name, [])
                if not rows:
                    continue
                defaults = column_defaults(name)
                columns = [*rows[0], *(c for c in defaults if c not in rows[0])]
                with cursor.copy(f'COPY "{name}" ({", ".join(columns)}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row([row[c] if c in row else defaults[c] for c in columns])
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                               f"{len(rows)})")
                total += len(rows)
        connection.commit()
    finally:
        pooled.close()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as settled:
        settled.execute(text("VACUUM ANALYZE"))
    return total


@contextmanager
def fresh_database(admin_url: str) -> Iterator[str]:
    name = f"learning_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(database_url: str) -> Iterator[str]:
    settings = Settings(demo=True, cookie_secure=False, database_url=database_url,
                        council_slug="benchshire", log_level="WARNING",
                        base_url="http://127.0.0.1")
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False,
                                           lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def sign_in(engine: Engine, person_id: int) -> str:
    raw = new_token()
    with engine.begin() as connection:
        connection.execute(insert(UserSession), [{
            "id": token_hash(raw), "person_id": person_id, "created_at": utcnow(),
            "last_seen_at": utcnow(), "signed_in_at": utcnow(), "revoked_at": None,
            "csrf_token": new_token(), "idp_roles": "", "data": "{}"}])
    return str(raw)


def timed(base_url: str, pages: dict[str, tuple[str, str]], warmup: int,
          count: int) -> dict[str, list[float]]:
    """Request each page in turn (so that each sees the same conditions), ``warmup``
    times untimed and then ``count`` times timed; milliseconds per request, by page."""
    clients = {name: httpx.Client(base_url=base_url, cookies={PLAIN_COOKIE: cookie}, timeout=30)
               for name, (cookie, _) in pages.items()}
    times: dict[str, list[float]] = {name: [] for name in pages}
    try:
        for round_ in range(warmup + count):
            for name, (_, path) in pages.items():
                started = time.perf_counter()
                response = clients[name].get(path)
                elapsed = (time.perf_counter() - started) * 1000
                response.raise_for_status()
                if round_ >= warmup:
                    times[name].append(elapsed)
    finally:
        for client in clients.values():
            client.close()
    return times


def percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 1)


def summary(label: str, times: list[float]) -> dict[str, float]:
    figures = {"p50": percentile(times, 0.50), "p95": percentile(times, 0.95),
               "p99": percentile(times, 0.99), "mean": round(statistics.fmean(times), 1)}
    print(f"{label}: p50 {figures['p50']} ms, p95 {figures['p95']} ms, "
          f"p99 {figures['p99']} ms ({len(times)} requests)")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller data, fewer requests")
    parser.add_argument("--database-url", default=ADMIN_URL,
                        help="PostgreSQL admin URL; a fresh database is made from it")
    args = parser.parse_args()
    practitioners, sessions = (100, 6000) if args.quick else (500, 30000)
    warmup, count = (5, 60) if args.quick else (20, 200)
    print(f"{'Quick run: ' if args.quick else ''}{practitioners} practitioners, "
          f"{sessions} sessions; {count} timed requests per page after {warmup} warm-up")
    started = time.perf_counter()
    with fresh_database(args.database_url) as url:
        engine = make_engine(url)
        migrate.upgrade(engine)
        service = Service(practitioners, sessions)
        service.build()
        rows = load(engine, service)
        print(f"Loaded {rows} rows ({len(service.rows['supervision_session'])} sessions) "
              f"in {time.perf_counter() - started:.1f} s")
        team = service.teams[0]
        worker, supervisor = team["members"][0]
        manager_cookie, supervisor_cookie = sign_in(engine, team["manager"]), sign_in(
            engine, supervisor)
        with serving(url) as base_url:
            times = timed(base_url, {
                "overview": (manager_cookie, "/supervision/overview"),
                "history": (supervisor_cookie, f"/supervision/supervisees/{worker}"),
            }, warmup, count)
        overview = summary("Team manager overview (GET /supervision/overview)", times["overview"])
        history = summary(f"Supervisee history (GET /supervision/supervisees/{worker})",
                          times["history"])
        engine.dispose()
    met = overview["p95"] <= TARGET_P95_MS and history["p95"] <= TARGET_P95_MS
    load_average = round(os.getloadavg()[0], 1)
    print(f"Target p95 <= {TARGET_P95_MS:g} ms: {'met' if met else 'NOT met'}; "
          f"total {time.perf_counter() - started:.1f} s; load average {load_average} "
          f"on {os.cpu_count()} CPUs")
    print(json.dumps({
        "quick": args.quick, "practitioners": practitioners,
        "sessions": len(service.rows["supervision_session"]), "requests": count,
        "overview_p50_ms": overview["p50"], "overview_p95_ms": overview["p95"],
        "overview_p99_ms": overview["p99"], "history_p50_ms": history["p50"],
        "history_p95_ms": history["p95"], "history_p99_ms": history["p99"],
        "target_p95_ms": TARGET_P95_MS, "met": met, "load_average": load_average,
    }))


if __name__ == "__main__":
    main()
