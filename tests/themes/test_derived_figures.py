"""Figures the themes pages show beside their tables must not give back a hidden one: a
theme's share of its voice (part / share is the voice's total, and with it a hidden source
figure), nor a theme's trend line with its first and last dates (which say nothing came before
the 12 months, so the months add up to a size hidden to protect a small theme)."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta

from bs4 import BeautifulSoup
from sqlmodel import Session

from learning.core.clock import utcnow
from learning.core.permissions import Role
from learning.themes import publication
from learning.themes.models import ThemeItem, ThemeRecord, ThemeRunRecord
from learning.themes.terms import ItemState, RunStatus, RunTrigger
from tests.supervision.factories import sign_in

CASE, REFL, YP = "supervision_case_learning", "supervision_reflection", "feedback_young_person"
_n = itertools.count(1)

def run(db: Session, council_id: int) -> None:
    now = utcnow()
    db.add(ThemeRunRecord(council_id=council_id, trigger=RunTrigger.COMMAND,
                          status=RunStatus.FINISHED, started_at=now - timedelta(minutes=5),
                          finished_at=now))
    db.commit()
    publication.forget()


def theme(db: Session, council_id: int, key: str, label: str = "", hidden: bool = False,
          curated: bool = False) -> ThemeRecord:
    t = ThemeRecord(council_id=council_id, key=key, label=label or f"Label of {key}",
                    terms='["alpha","beta"]', hidden=hidden, curated=curated)
    db.add(t)
    db.flush()
    return t


def item(db: Session, council_id: int, *, theme_key: str | None, source: str,
         who: str | None, team: str = "North", day: date | None = None,
         state: ItemState | None = None, text: str = "some words here") -> ThemeItem:
    n = next(_n)
    st = state or (ItemState.CLUSTERED if theme_key else ItemState.NOT_YET_THEMED)
    row = ThemeItem(council_id=council_id, source=source, source_ref=f"r:{n}", team=team,
                    happened_on=day or (date.today() - timedelta(days=3)),
                    text="" if st == ItemState.HELD else f"{text} {n}",
                    theme_key=theme_key if st == ItemState.CLUSTERED else None, state=st,
                    respondent=who, arrived_at=utcnow() - timedelta(hours=1))
    db.add(row)
    db.flush()
    return row


def items(db, council_id, n, *, theme_key, source, prefix, **kw):
    for i in range(n):
        item(db, council_id, theme_key=theme_key, source=source, who=f"{prefix}{i}", **kw)


def test_a_share_does_not_give_back_a_hidden_source_figure(client, factory, db, council_id):
    for key in ("T1", "T2", "T3"):
        theme(db, council_id, key)
    items(db, council_id, 20, theme_key="T1", source=CASE, prefix="p")   # persons p0..
    items(db, council_id, 20, theme_key="T1", source=YP, prefix="f1-")
    items(db, council_id, 15, theme_key="T2", source=CASE, prefix="q")
    items(db, council_id, 2, theme_key="T2", source=REFL, prefix="r")    # 2 people: small
    items(db, council_id, 10, theme_key="T2", source=YP, prefix="f2-")
    items(db, council_id, 10, theme_key="T3", source=CASE, prefix="s")
    items(db, council_id, 12, theme_key="T3", source=YP, prefix="f3-")
    db.commit()
    run(db, council_id)
    viewer = sign_in(client, factory, factory.make_person(roles=(Role.TEAM_MANAGER,)))
    soup = BeautifulSoup(viewer.get("/themes").text, "html.parser")
    voices = [[td.get_text(" ", strip=True) for td in tr.select("td")]
              for tr in soup.select("#voices tbody tr")]
    rows = {tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.select("td")]
            for tr in soup.select("#sources tbody tr")}
    heads = [th.get_text(strip=True) for th in soup.select("#sources thead th")][1:]
    # Work out the practitioners' themed total from each shown "N (P%)".
    cands = None
    for prac, _fam, _m in voices:
        m = re.match(r"([\d,]+) \((\d+)%\)", prac)
        if not m:
            continue
        n, p = int(m.group(1)), int(m.group(2))
        ok = {t for t in range(n, 500) if round(n / t * 100) == p or
              abs(n / t * 100 - p) <= 0.5}
        cands = ok if cands is None else cands & ok
    in_theme = {k: v[heads.index("In a theme")] for k, v in rows.items()}
    case = in_theme["Supervision: case learning points"]
    refl = in_theme["Supervision: reflections"]
    assert not refl.isdigit(), "reflections' figure is hidden on the page"
    worked_out = (
        next(iter(cands)) - int(case) if case.isdigit() and cands and len(cands) == 1 else None
    )
    assert worked_out != 2, "the hidden figure (2 answers from 2 people) came from the shares"


def test_a_trend_line_does_not_give_back_a_hidden_theme_size(client, factory, db, council_id):
    for key in ("T1", "T2", "T3"):
        theme(db, council_id, key)
    d1 = date.today() - timedelta(days=100)
    d2 = date.today() - timedelta(days=40)
    items(db, council_id, 3, theme_key="T1", source=YP, prefix="a", day=d1)   # small: 3 people
    items(db, council_id, 5, theme_key="T2", source=YP, prefix="b", day=d1)
    items(db, council_id, 5, theme_key="T2", source=YP, prefix="c", day=d2)
    items(db, council_id, 30, theme_key="T3", source=YP, prefix="d", day=d2)
    db.commit()
    run(db, council_id)
    viewer = sign_in(client, factory, factory.make_person(roles=(Role.TEAM_MANAGER,)))
    soup = BeautifulSoup(viewer.get("/themes").text, "html.parser")
    acc = {r.dt.get_text(strip=True): r.dd.get_text(" ", strip=True)
           for r in soup.select("#accounting .govuk-summary-list__row")}
    table = [[td.get_text(" ", strip=True) for td in tr.select("td")]
             for tr in soup.select("#themes tbody tr")]
    sizes = {}
    for row in table:
        key = row[0].split()[-1]
        sizes[key] = row[1]
    hidden = [k for k, v in sizes.items() if not v.replace(",", "").isdigit()]
    assert "T1" in hidden  # 3 people
    derived = {}
    for key in hidden:
        page = BeautifulSoup(viewer.get(f"/themes/{key}").text, "html.parser")
        about = {r.dt.get_text(strip=True): r.dd.get_text(" ", strip=True)
                 for r in page.select("#about .govuk-summary-list__row")}
        words = about.get("Last 12 months", "")
        months = re.findall(r"[A-Z][a-z]{2} \d{4}: (\w[\w ]*?)(?=,|\.)", words)
        if months and all(m.strip().isdigit() for m in months) and about.get("First and last seen"):
            derived[key] = sum(int(m) for m in months)
    total = int(acc["In a theme"].split()[0])
    known = {k: int(v) for k, v in sizes.items() if v.isdigit()} | derived
    rest = [k for k in sizes if k not in known]
    assert not (len(rest) == 1 and total - sum(known.values()) < 5), (
        f"{rest[0]}'s hidden size worked out: {total - sum(known.values())}")
