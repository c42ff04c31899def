"""``learning feedback create-link``: prints a new link's address and short address, audits
it, and refuses an unknown team, kind or date with exit code 2 and a clear message.

The command opens its own connection and commits, so these tests run it against a database
of their own."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlmodel import Session, select

from learning import cli
from learning.audit.models import AuditEvent
from learning.core import migrate
from learning.core.clock import today
from learning.core.config import Settings
from learning.core.db import Database
from learning.core.security import token_hash
from learning.feedback import links
from learning.feedback.link_forms import end_of
from learning.feedback.models import FeedbackLink
from learning.feedback.terms import FormKind, LinkKind
from learning.org.models import Council, Team

BASE_URL = "https://feedback.example.org"


@dataclass
class Place:
    database: Database
    council: Council
    team: Team

    def links(self) -> list[FeedbackLink]:
        with self.database.session() as db:
            query = select(FeedbackLink).where(FeedbackLink.council_id == self.council.id)
            return list(db.exec(query).all())


@pytest.fixture(scope="module")
def own_database(fresh_database_url: Callable[[], str]) -> Iterator[Database]:
    """A database of this module's own: the command commits for real, and audit events
    cannot be deleted, so nothing it makes may reach the database other tests share."""
    database = Database.from_url(fresh_database_url())
    migrate.upgrade(database.engine)
    yield database
    database.engine.dispose()


@pytest.fixture
def place(own_database: Database, monkeypatch: pytest.MonkeyPatch) -> Place:
    """A council of its own for each test, with an active team and a closed one."""
    slug = f"cli-{uuid.uuid4().hex[:8]}"
    with Session(own_database.engine, expire_on_commit=False) as db:
        council = Council(slug=slug, name="Command Council")
        db.add(council)
        db.flush()
        team = Team(council_id=council.id, name="Children in Care  South")
        db.add_all([team, Team(council_id=council.id, name="Closed team", active=False)])
        db.commit()
    url = own_database.engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("LEARNING_DATABASE_URL", url)
    monkeypatch.setenv("LEARNING_COUNCIL_SLUG", slug)
    monkeypatch.setenv("LEARNING_BASE_URL", BASE_URL)
    return Place(own_database, council, team)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    try:
        code = cli.main(["feedback", "create-link", *args])
    except SystemExit as exit_:  # argparse refuses bad choices itself
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def test_it_prints_the_links_address_then_its_short_address(
    place: Place, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines, err = run(capsys, "--team", "children in care south", "--kind", "poster")

    assert (code, err) == (0, "")
    (link,) = place.links()
    url, short = lines
    assert url.startswith(f"{BASE_URL}/f/")
    assert token_hash(url.removeprefix(f"{BASE_URL}/f/")) == link.token_hash
    assert short == f"{BASE_URL}/s/{links.grouped_short_code(link.short_code)}"
    assert (link.team_id, link.kind, link.title) == (
        place.team.id,
        LinkKind.POSTER,
        "Feedback for Children in Care South",
    )


def test_it_prints_a_personal_links_short_code_which_is_kept_only_as_a_keyed_hash(
    place: Place, capsys: pytest.CaptureFixture[str]
) -> None:
    """Printed this once, as the address is: the database cannot give it again."""
    code, lines, err = run(capsys, "--team", "children in care south", "--kind", "personal")

    assert (code, err) == (0, "")
    (link,) = place.links()
    url, short = lines
    assert token_hash(url.removeprefix(f"{BASE_URL}/f/")) == link.token_hash
    printed = short.removeprefix(f"{BASE_URL}/s/")
    raw = links.normalise_short_code(printed)
    assert printed == links.grouped_short_code(raw) and len(raw) == links.SHORT_CODE_LENGTH
    assert link.short_code != raw and raw not in link.short_code
    settings = Settings()  # as the command read them, from the environment
    assert link.short_code == links.short_code_hash(settings, raw)
    with place.database.session() as db:
        found = links.find_by_short_code(db, settings, printed)
        event = db.exec(select(AuditEvent).where(AuditEvent.council_id == place.council.id)).one()
    assert found is not None and found.id == link.id
    assert raw not in event.detail and link.short_code not in event.detail


def test_a_title_of_only_spaces_is_taken_as_no_title(
    place: Place, capsys: pytest.CaptureFixture[str]
) -> None:
    """A link's title is shown on its form: it is never blank."""
    code, _, err = run(capsys, "--team", "children in care south", "--kind", "personal",
                       "--title", "   ")  # fmt: skip

    assert (code, err) == (0, "")
    (link,) = place.links()
    assert link.title == "Feedback for Children in Care South"


def test_it_takes_a_team_id_title_last_day_and_form_and_audits_the_link(
    place: Place, capsys: pytest.CaptureFixture[str]
) -> None:
    last = today() + timedelta(days=7)

    code, lines, _ = run(
        capsys,
        "--team",
        str(place.team.id),
        "--kind",
        "timed",
        "--title",
        "Review week",
        "--expires",
        last.isoformat(),
        "--form",
        "young_person",
    )

    assert code == 0 and len(lines) == 2
    (link,) = place.links()
    assert link.title == "Review week" and link.form_kind is FormKind.YOUNG_PERSON
    assert link.expires_at == end_of(last)
    with place.database.session() as db:
        event = db.exec(select(AuditEvent).where(AuditEvent.council_id == place.council.id)).one()
    assert (event.action, event.actor_label, event.record_id) == (
        "feedback_link.created",
        "learning command",
        str(link.id),
    )


def test_a_personal_link_lasts_28_days_by_default(
    place: Place, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "--team", "Children in care south", "--kind", "personal")[0] == 0

    (link,) = place.links()
    assert link.kind is LinkKind.PERSONAL and links.last_day(link) in {
        today() + timedelta(days=28),
        today() + timedelta(days=27),
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--team", "Nowhere", "--kind", "poster"), "there is no active team 'Nowhere'"),
        (("--team", "Closed team", "--kind", "poster"), "there is no active team 'Closed team'"),
        (("--team", "999999", "--kind", "poster"), "there is no active team '999999'"),
        (
            ("--team", "Children in care south", "--kind", "timed", "--expires", "2001-01-01"),
            "--expires must be from today to a year from today",
        ),
        (
            ("--team", "Children in care south", "--kind", "poster", "--title", "x" * 121),
            "the title must be 120 characters or fewer",
        ),
    ],
)
def test_a_mistake_is_explained_and_exits_with_code_2_making_nothing(
    place: Place, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    code, lines, err = run(capsys, *args)

    assert code == 2 and lines == []
    assert err.startswith("learning: ") and message in err
    assert place.links() == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--team", "x", "--kind", "leaflet"), "invalid choice: 'leaflet'"),
        (("--team", "x", "--kind", "timed", "--expires", "30/06/2026"), "is not a date like"),
        (("--team", "x", "--kind", "poster", "--form", "survey"), "invalid choice: 'survey'"),
        (
            (
                "--kind",
                "poster",
            ),
            "the following arguments are required: --team",
        ),
    ],
)
def test_an_unknown_kind_form_or_date_is_refused_with_code_2(
    place: Place, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    code, lines, err = run(capsys, *args)

    assert code == 2 and lines == [] and message in err
    assert place.links() == []


def test_an_unknown_council_is_explained(
    place: Place, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LEARNING_COUNCIL_SLUG", "atlantis")

    code, _, err = run(capsys, "--team", "Children in care south", "--kind", "poster")

    assert code == 2 and "there is no council 'atlantis'" in err


def test_it_keeps_feedback_for_the_days_asked_for_and_only_a_choice_the_app_offers(
    place: Place, capsys: pytest.CaptureFixture[str]
) -> None:
    code, lines, _ = run(capsys, "--team", str(place.team.id), "--kind", "poster")
    assert code == 0 and [link.retention_days for link in place.links()] == [730]

    code, lines, _ = run(
        capsys, "--team", str(place.team.id), "--kind", "personal", "--retention", "365"
    )
    assert code == 0 and len(lines) == 2
    assert sorted(link.retention_days for link in place.links()) == [365, 730]

    code, _, err = run(capsys, "--team", str(place.team.id), "--kind", "poster", "--retention", "3")
    assert code == 2 and "--retention" in err and len(place.links()) == 2
