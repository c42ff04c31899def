"""Analysts' codebook edits are versioned data and seed the next run."""

from __future__ import annotations

import json

import pytest

from learning.themes.codebook import Codebook
from learning.themes.pipeline import NOT_YET_THEMED, Item, ThemeRun, run_themes
from tests.themes.feedback_corpus import corpus, theme_of


@pytest.fixture(scope="module")
def first() -> tuple[ThemeRun, dict[str, str], Codebook]:
    items, truth = corpus(25, themes=["worker", "listen", "meetings", "waiting"])
    run = run_themes(items, k=4)
    book = Codebook.from_run(run, {it.id: it.text for it in items})
    return run, truth, book


def _later(seed: int = 5, themes: list[str] | None = None) -> tuple[list[Item], dict[str, str]]:
    return corpus(20, themes=themes, seed=seed, prefix="n")


def test_a_codebook_made_from_a_run_holds_its_themes_and_version_one(first) -> None:  # type: ignore[no-untyped-def]
    run, _, book = first
    assert book.version == 1
    assert set(book.themes) == {t.id for t in run.themes}
    assert book.examples and set(book.examples) <= set(book.assignments)


def test_edits_make_new_versions_and_round_trip_through_json(first) -> None:  # type: ignore[no-untyped-def]
    run, truth, book = first
    worker = theme_of(run.assignments, truth, "worker")
    edited = book.rename(worker, "Changes of social worker")
    assert (book.version, edited.version) == (1, 2)
    assert book.themes[worker].label != "Changes of social worker"  # the old version is intact
    assert [e.op for e in edited.history] == ["create", "rename"]
    again = Codebook.from_dict(json.loads(json.dumps(edited.to_dict())))
    assert again == edited
    with pytest.raises(KeyError):
        book.rename("T999", "x")
    with pytest.raises(ValueError):
        book.rename(worker, "  ")


def test_a_renamed_theme_keeps_its_name_and_id_in_the_next_run(first) -> None:  # type: ignore[no-untyped-def]
    run, truth, book = first
    worker = theme_of(run.assignments, truth, "worker")
    edited = book.rename(worker, "Changes of social worker")
    items, later_truth = _later()
    nxt = run_themes(items, codebook=edited, previous=run)
    assert theme_of(nxt.assignments, later_truth, "worker") == worker
    assert nxt.theme(worker).label == "Changes of social worker"
    assert nxt.theme(worker).curated


def test_merged_themes_come_back_as_one(first) -> None:  # type: ignore[no-untyped-def]
    run, truth, book = first
    listen = theme_of(run.assignments, truth, "listen")
    waiting = theme_of(run.assignments, truth, "waiting")
    edited = book.merge([waiting], into=listen, label="Not heard, kept waiting")
    items, later_truth = _later()
    nxt = run_themes(items, codebook=edited)
    assert theme_of(nxt.assignments, later_truth, "waiting") == listen
    assert theme_of(nxt.assignments, later_truth, "listen") == listen
    assert waiting not in {t.id for t in nxt.themes}
    assert nxt.theme(listen).label == "Not heard, kept waiting"


def test_a_hidden_theme_stays_hidden_and_does_not_re_emerge(first) -> None:  # type: ignore[no-untyped-def]
    run, truth, book = first
    meetings = theme_of(run.assignments, truth, "meetings")
    items, later_truth = _later()
    nxt = run_themes(items, codebook=book.hide(meetings))
    assert nxt.theme(meetings).hidden
    assert theme_of(nxt.assignments, later_truth, "meetings") == meetings
    assert sum(not t.curated for t in nxt.themes) == 0


def test_reassigned_items_stay_where_the_analyst_put_them(first) -> None:  # type: ignore[no-untyped-def]
    run, truth, book = first
    worker = theme_of(run.assignments, truth, "worker")
    a_listen_item = next(i for i, t in truth.items() if t == "listen")
    another = next(i for i, t in truth.items() if t == "meetings")
    edited = book.reassign(a_listen_item, worker).reassign(another, NOT_YET_THEMED)
    items = [Item(i, t) for i, t in edited.examples.items()]
    items += [Item(i, "the meetings are helpful") for i in [another] if i not in edited.examples]
    nxt = run_themes(items, codebook=edited)
    assert nxt.assignments[a_listen_item] == worker
    assert nxt.assignments[another] == NOT_YET_THEMED


def test_a_split_theme_becomes_two_themes_in_the_next_run(first) -> None:  # type: ignore[no-untyped-def]
    run, truth, book = first
    waiting = theme_of(run.assignments, truth, "waiting")
    members = [i for i, t in run.assignments.items() if t == waiting]
    edited = book.split(waiting, {"Contact with mum": members[: len(members) // 2]})
    created = next(iter(edited.history[-1].detail["created"]))
    assert created not in book.themes and created in edited.themes
    nxt = run_themes([Item(i, t) for i, t in edited.examples.items()], codebook=edited)
    assert {waiting, created} <= {t.id for t in nxt.themes}


def test_new_items_go_to_curated_themes_and_only_the_residue_forms_new_themes(first) -> None:  # type: ignore[no-untyped-def]
    run, truth, book = first
    known = {t.id for t in run.themes}
    items, later_truth = _later(themes=["worker", "listen"])
    odd = [Item(f"f{i}", t) for i, t in enumerate(
        ["the food at the residential home is cold", "the food is not nice at the home",
         "I hate the food at the home, it is cold", "food is always cold at my home",
         "the home food is horrible and cold", "cold food again at the residential home",
         "they serve cold food at the home", "the food in my home is never warm"])]  # fmt: skip
    nxt = run_themes(items + odd, codebook=book)
    assert theme_of(nxt.assignments, later_truth, "worker") in known
    assert theme_of(nxt.assignments, later_truth, "listen") in known
    food = {nxt.assignments[o.id] for o in odd} - {NOT_YET_THEMED}
    assert food and not food & known
    assert all(nxt.theme(t).curated is False for t in food)
