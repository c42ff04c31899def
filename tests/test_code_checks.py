"""The code passes its checks: mypy in strict mode finds nothing in src/, and ruff, with the
rules in pyproject.toml, finds nothing in src/, tests/ or benchmarks/ (security rules among
them: no shell=True, no weak random for secrets, no SQL built from strings)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*module_and_args: str) -> subprocess.CompletedProcess[str]:
    """``python -m <module> <args>`` from the repository's root, as a developer runs it."""
    return subprocess.run(
        [sys.executable, "-m", *module_and_args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_mypy_finds_no_errors(tmp_path: Path) -> None:
    done = run("mypy", "--cache-dir", str(tmp_path / "cache"), "src")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "Success: no issues found" in done.stdout


def test_ruff_finds_nothing() -> None:
    done = run("ruff", "check", "--no-cache", "src", "tests", "benchmarks")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "All checks passed" in done.stdout
