"""The analysts' edit pages show no more than the themes pages do: a small theme's engine-made
name is not printed on the merge, move, rename or split pages, and an answer that has not been
published yet cannot be read through the move page."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from learning.core.db import Database
from learning.core.permissions import Role
from learning.themes.models import ThemeRecord
from learning.themes.recluster import recluster
from learning.themes.terms import ItemState
from tests.factories import Factory
from tests.supervision.factories import SignedIn, sign_in
from tests.themes.factories import ListedSource, stored, themes

SMALL_NAME = "pascoe, kensa"  # made by the engine from three people's words


def analyst(client: TestClient, factory: Factory) -> SignedIn:
    return sign_in(client, factory, factory.make_person(roles=(Role.PRINCIPAL_SOCIAL_WORKER,)))


def test_a_small_themes_engine_made_name_is_not_on_the_edit_pages(
    client: TestClient, factory: Factory, db: Session, database: Database, council_id: int,
    listed: ListedSource,
) -> None:  # fmt: skip
    listed.add_corpus(per_theme=12)
    recluster(database, council_id)
    db.add(ThemeRecord(council_id=council_id, key="T99", label=SMALL_NAME, size=3,
                       terms=json.dumps(["pascoe", "kensa"])))  # fmt: skip
    db.commit()
    editor = analyst(client, factory)
    other = next(k for k in themes(db, council_id) if k != "T99")
    item = next(i for i in stored(db, council_id).values() if i.state is ItemState.CLUSTERED)

    for path in (f"/themes/{other}/merge", f"/themes/items/{item.id}/move", "/themes/T99/rename"):
        response = editor.get(path)
        assert response.status_code == 200, path
        assert "pascoe" not in response.text.casefold(), path
        assert "A small theme (T99)" in response.text, path
    assert editor.get("/themes/T99/split").status_code == 404  # too few people to list


def test_a_named_theme_keeps_its_name_on_the_edit_pages(
    client: TestClient, factory: Factory, db: Session, database: Database, council_id: int,
    listed: ListedSource,
) -> None:  # fmt: skip
    listed.add_corpus(per_theme=12)
    recluster(database, council_id)
    key = next(iter(themes(db, council_id)))
    query = select(ThemeRecord).where(ThemeRecord.key == key, ThemeRecord.council_id == council_id)
    theme = db.exec(query).first()
    assert theme is not None
    editor = analyst(client, factory)

    rename = editor.get(f"/themes/{key}/rename")

    assert rename.status_code == 200
    assert f'value="{theme.label}"' in rename.text  # big enough: its name is offered to edit


def test_an_answer_not_yet_published_cannot_be_read_through_the_move_page(
    client: TestClient, factory: Factory, db: Session, database: Database, council_id: int,
    listed: ListedSource,
) -> None:  # fmt: skip
    listed.add_corpus(per_theme=12)
    recluster(database, council_id)
    listed.add("zebra words of the newest child", team="Far West")
    recluster(database, council_id)  # one arrival: not published
    newest = max(stored(db, council_id).values(), key=lambda i: i.id or 0)
    assert newest.text.startswith("zebra")
    editor = analyst(client, factory)

    response = editor.get(f"/themes/items/{newest.id}/move")

    assert response.status_code == 404
    assert "zebra" not in response.text and "Far West" not in response.text
    assert editor.post(f"/themes/items/{newest.id}/move", {"target": "T1"}).status_code == 404
    published = next(
        i for i in stored(db, council_id).values()
        if i.state is ItemState.CLUSTERED and i.id != newest.id
    )  # fmt: skip
    assert editor.get(f"/themes/items/{published.id}/move").status_code == 200
