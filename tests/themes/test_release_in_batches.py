"""An answer released from being held, moved to another team or amended is shown as it now is
only with the next published run, as a new answer is: a page that changed at once would show
where one child's released words went, their team and their source, one child at a time."""

from __future__ import annotations

from bs4 import BeautifulSoup
from fastapi.testclient import TestClient
from sqlmodel import Session

from learning.core.clock import today
from learning.core.db import Database
from learning.core.permissions import Role
from learning.themes import jobs
from learning.themes.recluster import recluster
from learning.themes.terms import ItemState
from tests.factories import Factory
from tests.supervision.factories import SignedIn, sign_in
from tests.themes.factories import Listed, ListedSource, stored

WORDS = "my social worker never calls me back and the zebra crossing man shouts"
ARRIVED_SINCE = "Arrived since the themes were last shown"


def shown(viewer: SignedIn) -> tuple[list[list[str]], dict[str, str]]:
    """The list page's themes, its accounting and its count of arrivals since."""
    response = viewer.get("/themes")
    assert response.status_code == 200, response.text[:500]
    soup = BeautifulSoup(response.text, "html.parser")
    themes = [[td.get_text(" ", strip=True) for td in tr.select("td")]
              for tr in soup.select("#themes tbody tr")]  # fmt: skip
    rows = {r.dt.get_text(strip=True): r.dd.get_text(" ", strip=True)
            for r in soup.select("#accounting .govuk-summary-list__row")}  # fmt: skip
    since = soup.select_one("#arrived-since dd")
    assert since is not None
    rows[ARRIVED_SINCE] = str(since.find(string=True, recursive=False)).strip()
    return themes, rows


def quoted_anywhere(viewer: SignedIn, db: Session, council_id: int) -> bool:
    keys = {i.theme_key for i in stored(db, council_id).values() if i.theme_key}
    return any("zebra crossing" in viewer.get(f"/themes/{key}").text for key in keys)


def test_a_released_answer_waits_for_the_next_published_run(
    client: TestClient, factory: Factory, db: Session, database: Database, council_id: int,
    listed: ListedSource,
) -> None:  # fmt: skip
    listed.add_corpus(per_theme=10)
    held = listed.add("", held=True)
    recluster(database, council_id)
    viewer = sign_in(client, factory, factory.make_person(roles=(Role.TEAM_MANAGER,)))
    themes_before, rows_before = shown(viewer)
    assert rows_before["Held back until a person releases them"] == "fewer than 5"

    listed.replace(held, held=False, text=WORDS)  # a person released it
    jobs.intake(database)

    item = stored(db, council_id)[f"feedback_young_person:{held.id}"]
    assert item.state is not ItemState.HELD and item.text == WORDS
    themes_after, rows_after = shown(viewer)
    assert themes_after == themes_before  # no theme grew by one
    # It is counted with the arrivals since, until then: the page's other figures are of
    # what it showed at the last run (so the held count loses it, as it would in any case).
    assert (rows_before[ARRIVED_SINCE], rows_after[ARRIVED_SINCE]) == ("0", "fewer than 5")
    assert not quoted_anywhere(viewer, db, council_id)

    for n in range(5):  # a batch: the next run is published
        listed.add(f"my social worker explained my plan to me, number {n}")
    recluster(database, council_id)

    _, published = shown(viewer)
    assert published[ARRIVED_SINCE].startswith("0")
    assert published["Held back until a person releases them"].startswith("0")


def test_an_answer_moved_to_another_team_waits_for_the_next_published_run(
    client: TestClient, factory: Factory, db: Session, database: Database, council_id: int,
    listed: ListedSource,
) -> None:  # fmt: skip
    listed.add_corpus(per_theme=10, teams=("North",))
    moved = listed.add(WORDS, team="North")
    recluster(database, council_id)
    viewer = sign_in(client, factory, factory.make_person(roles=(Role.TEAM_MANAGER,)))
    before = viewer.get("/themes?team=South")

    listed.replace(moved, team="South")
    jobs.intake(database)

    assert stored(db, council_id)[f"feedback_young_person:{moved.id}"].team == "South"
    after = viewer.get("/themes?team=South")
    assert (before.status_code, after.status_code) == (200, 200)
    assert "zebra crossing" not in after.text
    _, rows = shown(viewer)
    assert rows[ARRIVED_SINCE] == "fewer than 5"


def test_one_persons_answers_are_no_batch_to_publish_and_not_counted_as_five(
    client: TestClient, factory: Factory, db: Session, database: Database, council_id: int,
    listed: ListedSource,
) -> None:  # fmt: skip
    listed.add_corpus(per_theme=10)
    recluster(database, council_id)
    viewer = sign_in(client, factory, factory.make_person(roles=(Role.TEAM_MANAGER,)))
    _, rows_before = shown(viewer)
    for n in range(5):  # one feedback's five written answers
        listed.items.append(Listed(f"feedback:777:q{n}", f"{WORDS}, answer {n}",
                                   "feedback_young_person", "North", today(),
                                   respondent="feedback:777"))  # fmt: skip

    recluster(database, council_id)

    _, rows = shown(viewer)
    # Not published (one person): the page still counts only what it counted (the run may
    # have placed those answers afresh, so themes are not compared, only the total).
    assert rows["Total"] == rows_before["Total"]
    assert rows[ARRIVED_SINCE] == "not shown"  # five answers, but of one person
