"""The analysts' codebook: curated themes, versioned, as plain data.

A codebook starts from a run (:meth:`Codebook.from_run`) and changes only through edits, each
returning a new codebook one version up with the edit recorded in ``history``: rename, merge,
split, hide/unhide, and re-assigning items. The next run is seeded with it: items the codebook
places stay where the analysts put them, a classifier trained on its assignments places new
items in curated themes when confident, and only the residue is clustered for emerging themes.
Everything converts to and from JSON-ready dicts (:meth:`to_dict`, :meth:`from_dict`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from learning.themes.records import RESERVED, next_theme_number, theme_id

if TYPE_CHECKING:
    from learning.themes.pipeline import ThemeRun

# Example texts kept per theme when a codebook is made from a run (for training next runs).
EXAMPLES_PER_THEME = 200


@dataclass(frozen=True)
class CodebookTheme:
    id: str
    label: str
    hidden: bool = False
    merged_into: str | None = None  # set when merged: the theme it now lives in


@dataclass(frozen=True)
class Edit:
    version: int  # the codebook version this edit produced
    op: str  # rename | merge | split | hide | unhide | reassign
    detail: Mapping[str, Any]


@dataclass(frozen=True)
class Codebook:
    version: int = 0
    themes: Mapping[str, CodebookTheme] = field(default_factory=dict)
    assignments: Mapping[str, str] = field(default_factory=dict)  # item id -> theme id
    examples: Mapping[str, str] = field(default_factory=dict)  # item id -> text (optional)
    history: tuple[Edit, ...] = ()
    next_number: int = 1

    # -- reading -------------------------------------------------------------------------
    def resolve(self, theme: str) -> str:
        """The live theme that ``theme`` now is (following merges)."""
        seen: set[str] = set()
        while theme in self.themes and self.themes[theme].merged_into and theme not in seen:
            seen.add(theme)
            theme = self.themes[theme].merged_into or theme
        return theme

    def live_themes(self) -> list[CodebookTheme]:
        """Themes not merged away (hidden ones included: they still absorb their items)."""
        return [t for t in self.themes.values() if t.merged_into is None]

    def curated_assignments(self) -> dict[str, str]:
        """Item id -> live theme id (or ``not_yet_themed``, where an analyst took it out)."""
        out: dict[str, str] = {}
        for item, theme in self.assignments.items():
            live = self.resolve(theme)
            if live in self.themes or live in RESERVED:
                out[item] = live
        return out

    # -- making and editing --------------------------------------------------------------
    @classmethod
    def from_run(cls, run: ThemeRun, texts: Mapping[str, str] | None = None) -> Codebook:
        """Version 1: the run's themes and assignments; with ``texts`` (item id -> text), up to
        :data:`EXAMPLES_PER_THEME` example texts per theme, representatives first."""
        themes = {t.id: CodebookTheme(t.id, t.label, hidden=t.hidden) for t in run.themes}
        assignments = {i: t for i, t in run.assignments.items() if t in themes}
        examples: dict[str, str] = {}
        if texts:
            per_theme: dict[str, int] = {}
            ordered = [r for t in run.themes for r in t.representative_ids] + list(assignments)
            for item in ordered:
                theme = assignments.get(item)
                if theme is None or item in examples or item not in texts:
                    continue
                if per_theme.get(theme, 0) < EXAMPLES_PER_THEME:
                    examples[item] = texts[item]
                    per_theme[theme] = per_theme.get(theme, 0) + 1
        return cls(
            version=1,
            themes=themes,
            assignments=assignments,
            examples=examples,
            history=(Edit(1, "create", {"themes": len(themes)}),),
            next_number=next_theme_number(themes),
        )

    def _edit(self, op: str, detail: Mapping[str, Any], **changes: Any) -> Codebook:
        version = self.version + 1
        return replace(
            self, version=version, history=(*self.history, Edit(version, op, dict(detail))),
            **changes,
        )  # fmt: skip

    def _need(self, theme: str) -> CodebookTheme:
        if theme not in self.themes or self.themes[theme].merged_into:
            raise KeyError(f"no live theme {theme!r} in the codebook")
        return self.themes[theme]

    def rename(self, theme: str, label: str) -> Codebook:
        label = label.strip()
        if not label:
            raise ValueError("a theme label cannot be empty")
        themes = {**self.themes, theme: replace(self._need(theme), label=label)}
        return self._edit("rename", {"theme": theme, "label": label}, themes=themes)

    def hide(self, theme: str) -> Codebook:
        themes = {**self.themes, theme: replace(self._need(theme), hidden=True)}
        return self._edit("hide", {"theme": theme}, themes=themes)

    def unhide(self, theme: str) -> Codebook:
        themes = {**self.themes, theme: replace(self._need(theme), hidden=False)}
        return self._edit("unhide", {"theme": theme}, themes=themes)

    def merge(self, sources: Sequence[str], into: str, label: str | None = None) -> Codebook:
        target = self._need(into)
        themes = dict(self.themes)
        for source in sources:
            if source == into:
                continue
            themes[source] = replace(self._need(source), merged_into=into)
        if label:
            themes[into] = replace(target, label=label.strip())
        detail = {"sources": list(sources), "into": into, "label": label}
        return self._edit("merge", detail, themes=themes)

    def split(self, theme: str, parts: Mapping[str, Sequence[str]]) -> Codebook:
        """New themes, one per ``label -> item ids``; the items listed move to them, the rest
        of ``theme`` stays. Returns the new codebook (new ids: see ``history[-1].detail``)."""
        self._need(theme)
        themes = dict(self.themes)
        assignments = dict(self.assignments)
        number = self.next_number
        created: dict[str, str] = {}
        for label, items in parts.items():
            new_id = theme_id(number)
            number += 1
            themes[new_id] = CodebookTheme(new_id, label.strip() or "unnamed theme")
            created[new_id] = label
            for item in items:
                assignments[item] = new_id
        detail = {"theme": theme, "created": created}
        return self._edit(
            "split", detail, themes=themes, assignments=assignments, next_number=number
        )

    def reassign(self, item: str, theme: str) -> Codebook:
        """Place ``item`` in ``theme`` (a live theme id, or ``not_yet_themed`` to take it out)."""
        assignments = dict(self.assignments)
        if theme in RESERVED:
            assignments[item] = theme
        else:
            self._need(theme)
            assignments[item] = theme
        return self._edit("reassign", {"item": item, "theme": theme}, assignments=assignments)

    def add_themes(self, themes: Mapping[str, str]) -> Codebook:
        """Adopt emerging themes (id -> label) found by a later run."""
        merged = dict(self.themes)
        for tid, label in themes.items():
            merged.setdefault(tid, CodebookTheme(tid, label))
        number = max(self.next_number, next_theme_number(merged))
        return self._edit("adopt", {"themes": dict(themes)}, themes=merged, next_number=number)

    # -- persistence ---------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "next_number": self.next_number,
            "themes": [
                {"id": t.id, "label": t.label, "hidden": t.hidden, "merged_into": t.merged_into}
                for t in self.themes.values()
            ],
            "assignments": dict(self.assignments),
            "examples": dict(self.examples),
            "history": [
                {"version": e.version, "op": e.op, "detail": dict(e.detail)} for e in self.history
            ],  # fmt: skip
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Codebook:
        themes = {
            t["id"]: CodebookTheme(t["id"], t["label"], bool(t.get("hidden")), t.get("merged_into"))
            for t in data.get("themes", [])
        }
        return cls(
            version=int(data.get("version", 0)),
            themes=themes,
            assignments=dict(data.get("assignments", {})),
            examples=dict(data.get("examples", {})),
            history=tuple(
                Edit(int(e["version"]), str(e["op"]), dict(e.get("detail", {})))
                for e in data.get("history", [])
            ),
            next_number=int(data.get("next_number", next_theme_number(themes))),
        )
