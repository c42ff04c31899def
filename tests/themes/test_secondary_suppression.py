"""Secondary suppression: no hidden figure can be worked out from the figures shown, by
subtraction within a table, across the tables of a page, or across the themes pages; and
the run's status gives no figure that subtracts to the number of unpublished arrivals."""

from __future__ import annotations

import random
import re
from itertools import product

import numpy as np
import pytest
from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from scipy.optimize import linprog
from sqlmodel import Session

from learning.core.db import Database
from learning.core.permissions import Role
from learning.themes.disclosure import Cell, cell, protect
from learning.themes.recluster import recluster
from learning.themes.terms import ItemState
from tests.factories import Factory
from tests.supervision.factories import SignedIn, sign_in
from tests.themes.factories import ListedSource, stored, theme_holding


def page(response: object) -> BeautifulSoup:
    assert response.status_code == 200, response.text[:800]  # type: ignore[attr-defined]
    return BeautifulSoup(response.text, "html.parser")  # type: ignore[attr-defined]


def number(text: str) -> int | None:
    head = text.strip().split(" (")[0].replace(",", "")
    return int(head) if head.isdigit() else None


# The pure function ---------------------------------------------------------------------


def table(values: list[list[int]]) -> tuple[dict[object, Cell], list[tuple[object, list[object]]]]:
    """A two-way table with its row and column totals and its grand total, each item one
    person."""
    cells: dict[object, Cell] = {}
    sums: list[tuple[object, list[object]]] = []
    rows, columns = len(values), len(values[0])
    for r, c in product(range(rows), range(columns)):
        cells[(r, c)] = Cell(values[r][c])
    for r in range(rows):
        cells[("row", r)] = Cell(sum(values[r]))
        sums.append((("row", r), [(r, c) for c in range(columns)]))
    for c in range(columns):
        cells[("column", c)] = Cell(sum(row[c] for row in values))
        sums.append((("column", c), [(r, c) for r in range(rows)]))
    cells["total"] = Cell(sum(map(sum, values)))
    sums.append(("total", [("row", r) for r in range(rows)]))
    sums.append(("total", [("column", c) for c in range(columns)]))
    return cells, sums


def bounds(
    cells: dict[object, Cell], sums: list[tuple[object, list[object]]], hidden: set[object]
) -> dict[object, tuple[float, float]]:
    """What a reader can work out of each hidden figure from the shown ones and the sums
    (none below zero): its least and greatest possible value."""
    order = sorted(hidden, key=str)
    at = {key: i for i, key in enumerate(order)}
    rows, rhs = [], []
    for total, parts in sums:
        row = np.zeros(len(order))
        known = 0.0
        for key, sign in [(total, 1.0), *((p, -1.0) for p in parts)]:
            if key in at:
                row[at[key]] += sign
            else:
                known -= sign * cells[key].value
        rows.append(row)
        rhs.append(known)
    out = {}
    for key in order:
        goal = np.zeros(len(order))
        goal[at[key]] = 1.0
        low = linprog(goal, A_eq=np.array(rows), b_eq=np.array(rhs), bounds=(0, None))
        high = linprog(-goal, A_eq=np.array(rows), b_eq=np.array(rhs), bounds=(0, None))
        assert low.status == 0 and high.status in (0, 3), (low.message, high.message)
        out[key] = (low.fun, float("inf") if high.status == 3 else -high.fun)  # 3: no bound
    return out


@pytest.mark.parametrize("seed", range(60))
def test_no_hidden_figure_of_a_table_with_its_totals_can_be_worked_out(seed: int) -> None:
    rng = random.Random(seed)
    rows, columns = rng.randint(2, 4), rng.randint(2, 5)
    values = [[rng.choice([0, 0, 1, 2, 3, 4, 6, 9, 15, 30]) for _ in range(columns)]
              for _ in range(rows)]
    cells, sums = table(values)

    shown = protect(cells, sums)

    hidden = {key for key, c in shown.items() if not c.shown}
    small = {key for key, c in cells.items() if 0 < c.value < 5}
    assert small <= hidden
    for key, (low, high) in bounds(cells, sums, hidden).items():  # small ones, and the rest
        assert high - low >= 1 - 1e-6, (values, key, low, high)


def test_a_row_whose_hidden_cells_are_one_persons_hides_one_more() -> None:
    """Two hidden cells of 3 answers each add up to 6, but they are one person's answers:
    together still a group of one, so a third is hidden."""
    one = ["feedback:1"]
    cells = {
        "North": cell(3, one),
        "South": cell(3, one),
        "West": cell(9, [f"feedback:{n}" for n in range(10, 19)]),
        "East": cell(20, [f"feedback:{n}" for n in range(20, 40)]),
        "total": cell(35, [*one, *(f"feedback:{n}" for n in range(10, 40))]),
    }

    shown = protect(cells, [("total", ["North", "South", "West", "East"])])

    assert {k for k, c in shown.items() if not c.shown} == {"North", "South", "West"}
    assert shown["North"].text == "fewer than 5" and shown["West"].text == "not shown"


def test_a_cell_of_many_answers_from_few_people_is_hidden_as_not_shown() -> None:
    shown = protect(
        {
            "North": cell(8, ["a", "b"]),
            "South": cell(12, list("cdefgh")),
            "all": cell(20, "abcdefgh"),
        },
        [("all", ["North", "South"])],
    )
    assert (shown["North"].shown, shown["North"].text, shown["North"].openable) == (
        False, "not shown", False)
    assert not shown["South"].shown and shown["South"].openable  # hidden to protect North


# The pages -----------------------------------------------------------------------------


@pytest.fixture
def viewer(client: TestClient, factory: Factory) -> SignedIn:
    return sign_in(client, factory, factory.make_person(roles=(Role.TEAM_MANAGER,)))


def figures(soup: BeautifulSoup) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    accounting = {
        r.dt.get_text(strip=True): r.dd.get_text(" ", strip=True)
        for r in soup.select("#accounting .govuk-summary-list__row")
    }
    heads = [th.get_text(strip=True) for th in soup.select("#sources thead th")][1:]
    rows = {
        tr.th.get_text(strip=True): dict(
            zip(heads, [td.get_text(strip=True) for td in tr.select("td")], strict=True)
        )
        for tr in soup.select("#sources tbody tr")
    }
    return accounting, rows


def test_a_held_answer_cannot_be_counted_from_the_list_pages_two_tables(
    viewer: SignedIn, database: Database, council_id: int, listed: ListedSource
) -> None:
    listed.add_corpus(per_theme=10, source="feedback_young_person")
    listed.add("", held=True, source="feedback_young_person")  # one flagged child
    for _ in range(6):
        listed.add("no comment", source="feedback_parent_carer")
    listed.add_corpus(per_theme=6, themes=["listen"], seed=3, source="feedback_parent_carer")
    recluster(database, council_id)

    accounting, rows = figures(page(viewer.get("/themes")))

    held = "Held back until a person releases them"
    assert accounting[held] == "fewer than 5"
    known: dict[str, int] = {}
    for state in ItemState:  # a column's total, where each cell of it is shown
        column = [number(r[state.label]) for r in rows.values()]
        if all(n is not None for n in column):
            known[state.label] = sum(n for n in column if n is not None)
    shown_there = {ItemState.HELD.label: held}
    for state in ItemState:
        found = number(accounting.get(shown_there.get(state.label, state.label), ""))
        if found is not None:
            known[state.label] = found
    missing = [s.label for s in ItemState if s.label not in known]
    total = number(accounting["Total"])
    totals = [number(r["Total"]) for r in rows.values()]
    if total is None and None not in totals:  # or the sources' totals added up
        total = sum(n for n in totals if n is not None)
    assert total is None or len(missing) != 1  # else total minus the rest is the held count


def test_a_small_themes_size_cannot_be_worked_out_from_in_a_theme(
    client: TestClient,
    factory: Factory,
    viewer: SignedIn,
    db: Session,
    database: Database,
    council_id: int,
    listed: ListedSource,
) -> None:
    truth = listed.add_corpus(per_theme=12)
    recluster(database, council_id)
    analyst = sign_in(client, factory, factory.make_person(roles=(Role.PRINCIPAL_SOCIAL_WORKER,)))
    key = theme_holding(db, council_id, truth, "worker")
    one = next(i for i in stored(db, council_id).values() if i.theme_key == key)
    response = analyst.post(
        f"/themes/{key}/split", {"label": "Bullied on the school bus", "items": [str(one.id)]}
    )
    assert response.status_code == 303

    soup = page(viewer.get("/themes"))
    sizes = [
        number(tr.select("td")[1].get_text(strip=True)) for tr in soup.select("#themes tbody tr")
    ]
    in_a_theme = number(soup.select("#accounting dd")[0].get_text(" ", strip=True))
    assert sizes.count(None) != 1 or in_a_theme is None  # never one unknown in a shown sum
    voices = [
        [number(td.get_text(" ", strip=True)) for td in tr.select("td")[:2]]
        for tr in soup.select("#voices tbody tr")
    ]
    for size, (practitioners, families) in zip(sizes, voices, strict=True):
        if size is None:  # a hidden size is not the sum of its voices shown
            assert practitioners is None or families is None


def test_a_themes_hidden_source_cell_cannot_be_worked_out_from_the_list_page(
    viewer: SignedIn, db: Session, database: Database, council_id: int, listed: ListedSource
) -> None:
    truth = listed.add_corpus(per_theme=12, source="feedback_young_person")
    recluster(database, council_id)
    x = theme_holding(db, council_id, truth, "worker")
    y = theme_holding(db, council_id, truth, "waiting")
    items = stored(db, council_id).values()
    xs = [i for i in items if i.theme_key == x]
    ys = [i for i in items if i.theme_key == y]
    for i in xs[:3]:
        i.source = "feedback_parent_carer"
    for i in xs[3:8]:
        i.source = "feedback_foster_carer"
    for i in ys[:6]:
        i.source = "feedback_parent_carer"
    db.add_all(xs + ys)
    db.commit()

    def by_source(key: str) -> dict[str, str]:
        soup = page(viewer.get(f"/themes/{key}"))
        return {
            tr.th.get_text(strip=True): tr.select("td")[0].get_text(strip=True)
            for tr in soup.select("#by-source tbody tr")
        }

    parents = "Feedback: parents and carers"
    in_x, in_y = by_source(x), by_source(y)
    assert in_x[parents] == "fewer than 5"
    _, rows = figures(page(viewer.get("/themes")))
    in_themes = number(rows[parents][ItemState.CLUSTERED.label])
    others = [number(in_y.get(parents, "0"))]
    assert in_themes is None or None in others  # never "in a theme" minus the other themes'


def test_the_run_status_gives_no_count_of_unpublished_arrivals(
    viewer: SignedIn, database: Database, council_id: int, listed: ListedSource
) -> None:
    listed.add_corpus(per_theme=12)
    recluster(database, council_id)
    listed.add("my worker never listens to me", team="Far West")
    recluster(database, council_id)  # not published: one arrival

    soup = page(viewer.get("/themes"))

    since = soup.select_one("#arrived-since dd")
    assert since is not None and since.get_text(" ", strip=True).startswith("fewer than 5")
    status = soup.select_one("#run-status")
    assert status is not None
    assert not re.search(r"[\d,]+ items", status.get_text(" "))  # the run's count: 49 of 48
