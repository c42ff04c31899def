#!/usr/bin/env bash
# Runs the whole test suite on SQLite, then the tests that use a database on PostgreSQL at
# 127.0.0.1:5432 (tests/conftest.py leaves out the rest there, and the browser's page_only checks:
# they do the same on any database).
# Both runs must pass, each on two workers (pytest-xdist). Arguments go to pytest, e.g. bash deploy/test.sh -x -k feedback
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash deploy/setup.sh --with-browser

# Some machines tell Python not to write bytecode (PYTHONDONTWRITEBYTECODE). Here it is written:
# each of the four collections (two workers, two databases) otherwise compiles the app and
# rewrites every test module's asserts again; with the first run's kept, a worker's collection
# on PostgreSQL takes about 21 s of CPU instead of 37 s. (__pycache__ is ignored by git.)
unset PYTHONDONTWRITEBYTECODE

pg_host=127.0.0.1
pg_port=5432
postgres_url="postgresql+psycopg://postgres@${pg_host}:${pg_port}/test"

postgres_ready() {
  command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h "$pg_host" -p "$pg_port"
}

start_postgres() {
  postgres_ready && return 0
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    local version
    version="$(find /etc/postgresql -mindepth 1 -maxdepth 1 -printf "%f\n" | sort -V | tail -n 1)"
    echo "test: starting PostgreSQL ${version}"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  fi
  for _ in $(seq 30); do
    postgres_ready && return 0
    sleep 1
  done
  echo "test: PostgreSQL does not answer at ${pg_host}:${pg_port}" >&2
  return 1
}

ensure_test_database() {
  command -v psql >/dev/null 2>&1 || return 0
  if ! psql -h "$pg_host" -p "$pg_port" -U postgres -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1; then
    createdb -h "$pg_host" -p "$pg_port" -U postgres test
  fi
}

# Describes a pytest exit code; "no tests collected" (5) is a failure too.
verdict() {
  case "$1" in
    0) echo "passed" ;;
    5) echo "failed (no tests collected)" ;;
    *) echo "failed (pytest exit code $1)" ;;
  esac
}

echo "== Tests on SQLite =="
sqlite_rc=0
env -u LEARNING_TEST_DATABASE_URL .venv/bin/python -m pytest -n 2 --dist loadfile "$@" || sqlite_rc=$?

echo "== Tests on PostgreSQL (${pg_host}:${pg_port}/test) =="
postgres_rc=0
if start_postgres && ensure_test_database; then
  LEARNING_TEST_DATABASE_URL="$postgres_url" .venv/bin/python -m pytest -n 2 --dist loadfile "$@" || postgres_rc=$?
  postgres_result="$(verdict "$postgres_rc")"
else
  postgres_rc=1
  postgres_result="failed (PostgreSQL not reachable at ${pg_host}:${pg_port})"
fi

echo "SQLite: $(verdict "$sqlite_rc"); PostgreSQL: ${postgres_result}"
[ "$sqlite_rc" -eq 0 ] && [ "$postgres_rc" -eq 0 ]
