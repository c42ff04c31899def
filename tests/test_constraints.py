"""The Python packages are pinned: deploy/constraints.txt names an exact version of every
package the service and its tests need (setup.sh installs with it), each pin satisfies what
pyproject.toml asks for, and the suite is running on exactly those versions."""

from __future__ import annotations

import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]


def pins() -> dict[str, str]:
    found: dict[str, str] = {}
    for line in (ROOT / "deploy" / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, _, pinned = line.partition("==")
            assert pinned, f"not an exact pin: {line}"
            found[canonicalize_name(name)] = pinned
    return found


def wanted() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = [r for group in project["optional-dependencies"].values() for r in group]
    return [Requirement(r) for r in [*project["dependencies"], *extras]]


def test_the_constraints_pin_every_package_once_and_exactly() -> None:
    lines = [
        line
        for line in (ROOT / "deploy" / "constraints.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert len(pins()) == len(lines), "a package is pinned twice"
    assert "fastapi" in pins() and "starlette" in pins()  # what the service stands on


@pytest.mark.parametrize("requirement", wanted(), ids=str)
def test_each_dependency_is_pinned_within_what_pyproject_asks(requirement: Requirement) -> None:
    pinned = pins().get(canonicalize_name(requirement.name))
    assert pinned is not None, f"{requirement.name} is not in deploy/constraints.txt"
    assert requirement.specifier.contains(pinned, prereleases=True), (
        f"{requirement.name}=={pinned} is outside {requirement}"
    )


def test_the_suite_runs_on_the_pinned_versions() -> None:
    differ: dict[str, tuple[str, str | None]] = {}
    for name, pinned in pins().items():
        try:
            installed = version(name)
        except PackageNotFoundError:
            differ[name] = (pinned, None)
            continue
        if installed != pinned:
            differ[name] = (pinned, installed)
    assert differ == {}, "installed versions differ from deploy/constraints.txt: run setup.sh"
