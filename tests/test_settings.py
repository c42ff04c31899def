"""Settings: documented in the README, and unsafe ones refused outside demo mode."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from learning import cli
from learning.accounts.sessions import PLAIN_COOKIE
from learning.app import create_app
from learning.core.config import DEMO_SECRET, InsecureSettings, Settings
from learning.core.db import Database
from tests.conftest import ROOT, make_settings
from tests.factories import Factory

ROW = re.compile(r"^\|\s*`(LEARNING_[A-Z0-9_]+)`\s*\|\s*(.*?)\s*\|\s*(.*?)\s*\|\s*$")
FIELD_ENV_NAMES = {f"LEARNING_{name.upper()}" for name in Settings.model_fields}
NO_OIDC: dict[str, Any] = {
    "oidc_discovery_url": "",
    "oidc_issuer": "",
    "oidc_client_id": "",
    "oidc_client_secret": "",
}


def readme_settings_rows() -> dict[str, tuple[str, str]]:
    """The README's settings table: name -> (default, description)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Settings\n", 1)[1].split("\n## ", 1)[0]
    rows: dict[str, tuple[str, str]] = {}
    for line in section.splitlines():
        match = ROW.match(line)
        if match:
            name, default, description = match.groups()
            assert name not in rows, f"{name} appears twice in the README's settings table"
            rows[name] = (default.strip("`"), description)
    return rows


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No LEARNING_ setting from the environment running the tests leaks into the test."""
    for name in FIELD_ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


# The README


def test_every_setting_is_documented_in_the_readme_settings_table() -> None:
    rows = readme_settings_rows()
    assert len(rows) >= 10, "the README's settings table was not found"
    missing = sorted(FIELD_ENV_NAMES - set(rows))
    assert not missing, f"add these to the README's settings table: {missing}"


def test_every_setting_in_the_readme_table_is_a_real_setting() -> None:
    unknown = sorted(set(readme_settings_rows()) - FIELD_ENV_NAMES)
    assert not unknown, f"the README documents settings that do not exist: {unknown}"


def test_the_readme_gives_each_settings_real_default_and_a_description() -> None:
    rows = readme_settings_rows()
    for name, field in Settings.model_fields.items():
        default, description = rows[f"LEARNING_{name.upper()}"]
        assert description, name
        if field.default_factory is not None:  # paths inside the repository
            assert isinstance(field.default_factory(), Path)  # type: ignore[call-arg]
            assert default, name
            continue
        expected = "(empty)" if field.default == "" else str(field.default)
        assert default == expected, f"README default for {name}: {default!r} != {expected!r}"


# Refusing to start


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"secret_key": ""}, "LEARNING_SECRET_KEY"),
        ({"secret_key": "   "}, "LEARNING_SECRET_KEY"),
        ({"secret_key": "short-but-random-Xk9"}, "LEARNING_SECRET_KEY"),
        ({"secret_key": "changeme"}, "LEARNING_SECRET_KEY"),
        ({"secret_key": "CHANGEME"}, "LEARNING_SECRET_KEY"),
        ({"secret_key": "a" * 31}, "LEARNING_SECRET_KEY"),
        ({"cookie_secure": False}, "LEARNING_COOKIE_SECURE"),
        ({"oidc_discovery_url": ""}, "LEARNING_OIDC_DISCOVERY_URL"),
        ({"oidc_issuer": ""}, "LEARNING_OIDC_ISSUER"),
        ({"oidc_client_id": ""}, "LEARNING_OIDC_CLIENT_ID"),
        ({"oidc_client_secret": ""}, "LEARNING_OIDC_CLIENT_SECRET"),
        ({"oidc_client_secret": "changeme"}, "LEARNING_OIDC_CLIENT_SECRET"),
        (NO_OIDC, "LEARNING_OIDC_DISCOVERY_URL"),
    ],
    ids=[
        "missing secret",
        "blank secret",
        "short secret",
        "placeholder secret",
        "placeholder secret in capitals",
        "31-character secret",
        "insecure cookie",
        "no discovery url",
        "no issuer",
        "no client id",
        "no client secret",
        "placeholder client secret",
        "no sign-in settings at all",
    ],
)
def test_outside_demo_mode_the_app_refuses_unsafe_settings_naming_the_setting(
    overrides: dict[str, Any], named: str
) -> None:
    settings = make_settings(**overrides)
    with pytest.raises(InsecureSettings, match=named):
        settings.check_safe_to_start()
    with pytest.raises(InsecureSettings, match=named):
        create_app(settings)


def test_safe_settings_outside_demo_mode_start(database: Database) -> None:
    settings = make_settings()
    settings.check_safe_to_start()
    app = create_app(settings, database=database)
    with TestClient(app, base_url="https://testserver") as client:
        assert client.get("/healthz").status_code == 200
    assert settings.effective_secret == settings.secret_key


def test_demo_mode_starts_without_a_secret_secure_cookie_or_sign_in_settings(
    database: Database, factory: Factory
) -> None:
    settings = make_settings(demo=True, secret_key="", cookie_secure=False, **NO_OIDC)
    settings.check_safe_to_start()
    assert settings.effective_secret == DEMO_SECRET
    person = factory.make_person()
    app = create_app(settings, database=database)
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/demo/sign-in-as").status_code == 200
        response = client.post("/demo/sign-in-as", data={"person_id": str(person.id)})
        assert response.status_code == 303
        assert response.headers["set-cookie"].startswith(f"{PLAIN_COOKIE}=")
        assert client.get("/").status_code == 200


# The command line


@pytest.mark.parametrize(
    ("environment", "named"),
    [
        ({}, "LEARNING_SECRET_KEY"),
        ({"LEARNING_SECRET_KEY": "changeme"}, "LEARNING_SECRET_KEY"),
        (
            {"LEARNING_SECRET_KEY": "x" * 48, "LEARNING_COOKIE_SECURE": "false"},
            "LEARNING_COOKIE_SECURE",
        ),
        ({"LEARNING_SECRET_KEY": "x" * 48}, "LEARNING_OIDC_DISCOVERY_URL"),
    ],
    ids=["no secret", "placeholder secret", "insecure cookie", "no sign-in settings"],
)
def test_learning_serve_refuses_unsafe_settings_with_exit_code_2_and_a_clear_message(
    clean_environment: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    environment: dict[str, str],
    named: str,
) -> None:
    for name, value in environment.items():
        clean_environment.setenv(name, value)
    started: list[object] = []
    clean_environment.setattr("uvicorn.run", lambda *a, **k: started.append((a, k)))

    assert cli.main(["serve"]) == 2

    assert started == []
    error = capsys.readouterr().err
    assert error.startswith("learning: refusing to start: ")
    assert named in error
    assert "Traceback" not in error


def test_learning_serve_starts_in_demo_mode_without_secrets(
    clean_environment: pytest.MonkeyPatch,
) -> None:
    clean_environment.setenv("LEARNING_DEMO", "true")
    started: list[dict[str, object]] = []
    clean_environment.setattr("uvicorn.run", lambda *a, **k: started.append(k))
    assert cli.main(["serve", "--port", "8123"]) == 0
    assert len(started) == 1
    assert started[0]["port"] == 8123
    assert started[0]["proxy_headers"] is False


def test_the_learning_command_exits_with_code_2_when_refusing() -> None:
    environment = {k: v for k, v in os.environ.items() if k not in FIELD_ENV_NAMES}
    environment["LEARNING_SECRET_KEY"] = "changeme"
    finished = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "learning.cli", "serve"],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert finished.returncode == 2
    assert "refusing to start" in finished.stderr
    assert "LEARNING_SECRET_KEY" in finished.stderr
    assert "Traceback" not in finished.stderr
