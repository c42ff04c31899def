"""Practice frameworks as data: the reflective models a session can follow
(``reflective_models.json``) and the case-discussion labels per service
(``frameworks.json``: Signs of Safety, Signs of Wellbeing, Signs of Success).

Pure: reads the two data files beside this module once, no database or web.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

#: The seven analysis categories of a Signs of Safety case discussion, in column order.
CASE_FIELDS = (
    "harm",
    "danger_statement",
    "complicating_factors",
    "existing_strengths",
    "existing_safety",
    "safety_goal",
    "next_steps",
)


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    prompt: str


@dataclass(frozen=True)
class ReflectiveModel:
    key: str
    name: str
    stages: tuple[Stage, ...]


@dataclass(frozen=True)
class Column:
    heading: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class CaseFramework:
    key: str
    name: str
    columns: tuple[Column, ...]
    labels: dict[str, str]
    hints: dict[str, str]
    scale_label: str
    scale_question: str


def _read(name: str) -> Any:
    return json.loads((HERE / name).read_text(encoding="utf-8"))


@cache
def _reflective() -> tuple[str, dict[str, ReflectiveModel]]:
    data = _read("reflective_models.json")
    models = {
        item["key"]: ReflectiveModel(
            item["key"], item["name"], tuple(Stage(**stage) for stage in item["stages"])
        )
        for item in data["models"]
    }
    return data["default"], models


def reflective_models() -> tuple[ReflectiveModel, ...]:
    return tuple(_reflective()[1].values())


def default_reflective_model() -> str:
    return _reflective()[0]


def reflective_model(key: str) -> ReflectiveModel:
    """The model named ``key``, or the default one if there is no such model."""
    default, models = _reflective()
    return models.get(key) or models[default]


def stage_label(key: str) -> str:
    """What a stage is called (a stage shared by models, like analysis, has one name)."""
    for model in reflective_models():
        for stage in model.stages:
            if stage.key == key:
                return stage.label
    return key


def stage_keys() -> tuple[str, ...]:
    """Every stage of every model, each once (models may share a stage, like analysis)."""
    keys = (stage.key for model in reflective_models() for stage in model.stages)
    return tuple(dict.fromkeys(keys))


@cache
def _case_frameworks() -> tuple[str, dict[str, str], dict[str, CaseFramework]]:
    data = _read("frameworks.json")
    frameworks = {
        key: CaseFramework(
            key=key,
            name=item["name"],
            columns=tuple(Column(c["heading"], tuple(c["fields"])) for c in item["columns"]),
            labels=dict(item["labels"]),
            hints=dict(item["hints"]),
            scale_label=item["scale"]["label"],
            scale_question=item["scale"]["question"],
        )
        for key, item in data["frameworks"].items()
    }
    return data["default"], dict(data["by_team_kind"]), frameworks


def framework_for(team_kind: str | None) -> CaseFramework:
    """The labels a team of ``team_kind`` uses (Signs of Safety unless the data says else)."""
    default, by_kind, frameworks = _case_frameworks()
    return frameworks[by_kind.get(team_kind or "", default)]
