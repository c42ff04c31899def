"""Who sent what, when, through which link: the demo's submissions planned in memory (from a
seeded random generator) before any is sent. Each plan is the form as a person would have
filled it in: answers to the scale questions following how it went for them, their words
(from ``demo_voices``) and, now and then, a name and a way to contact them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from learning.core.clock import LONDON
from learning.feedback import forms
from learning.feedback.demo_links import MadeLink, pick
from learning.feedback.demo_moments import JOURNEYS, MOMENTS, Moment
from learning.feedback.demo_voices import ENGLISH, Tone, Voice
from learning.feedback.demo_voices_intl import OTHER_LANGUAGES
from learning.feedback.terms import CHILD_FORMS, FormKind, Language
from learning.org.demo import FIRST_NAMES

#: Where a tone sits on a scale listed best first (0) to worst (1).
TONE_POSITION = {Tone.GOOD: 0.1, Tone.MIXED: 0.5, Tone.POOR: 0.9}
RATINGS_ONLY = 0.25
OTHER_LANGUAGE = 0.14
#: The journeys' own generator, so that adding one leaves everything else as it was.
JOURNEYS_SEED = 5512


@dataclass
class Planned:
    made: MadeLink
    at: datetime
    kind: FormKind
    language: Language
    easy: bool
    tone: Tone
    topic: str
    raw: dict[str, str]  # the form's fields as posted
    client: str
    fill_seconds: float
    moment: Moment | None = None
    extra: dict[str, str] = field(default_factory=dict)  # honeypot


class Voices:
    """Each form's voices dealt like cards, so the same words come round rarely."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.decks: dict[tuple[FormKind, bool], list[Voice]] = {}

    def draw(self, kind: FormKind) -> Voice:
        if self.rng.random() < RATINGS_ONLY:
            tone = self.rng.choices(list(Tone), (5, 3, 2))[0]
            language = Language.ENGLISH
            if self.rng.random() < 0.06:
                language = self.rng.choice([x for x in Language if x is not Language.ENGLISH])
            return Voice(kind, tone, "", {}, language)
        other = [v for v in OTHER_LANGUAGES if v.kind is kind]
        foreign = bool(other) and self.rng.random() < OTHER_LANGUAGE
        deck = self.decks.setdefault((kind, foreign), [])
        if not deck:
            deck.extend(other if foreign else ENGLISH[kind])
            self.rng.shuffle(deck)
        return deck.pop()


def plan_all(made: dict[str, MadeLink], rng: random.Random, now: datetime) -> list[Planned]:
    voices = Voices(rng)
    planned = []
    for item in made.values():
        for _ in range(item.plan.count):
            kind = item.plan.form_kind or pick(rng, item.plan.kinds)
            at = when(rng, item.opened_at, item.closes_at, kind.is_child)
            planned.append(from_voice(rng, item, at, voices.draw(kind)))
    for moment in MOMENTS:
        planned.extend(from_moment(rng, made[moment.link], now, moment))
    journeys = random.Random(JOURNEYS_SEED)  # noqa: S311 - demo data, not secret
    for moment in JOURNEYS:
        planned.extend(from_moment(journeys, made[moment.link], now, moment))
    return sorted(planned, key=lambda p: p.at)


def from_voice(rng: random.Random, made: MadeLink, at: datetime, voice: Voice) -> Planned:
    kind = voice.kind
    easy = rng.random() < (0.4 if kind is FormKind.CHILD_UNDER_8 else 0.06)
    answered = {**ratings(rng, kind, easy, voice.tone), **voice.texts}
    raw = {**(answered or a_rating(kind, easy, voice.tone)), **contact(rng, kind)}
    return Planned(
        made,
        at,
        kind,
        voice.language,
        easy,
        voice.tone,
        voice.topic,
        raw,
        client_address(rng),
        rng.uniform(35, 420),
    )


def from_moment(rng: random.Random, made: MadeLink, now: datetime, moment: Moment) -> list[Planned]:
    raw = {**ratings(rng, moment.kind, False, moment.tone), **moment.texts}
    if moment.contact is not None:
        name, *details = moment.contact
        raw.update({"wants_contact": "yes", "contact_name": name})
        for detail in details:
            raw["contact_email" if "@" in detail else "contact_phone"] = detail
    first = Planned(
        made,
        now - moment.ago,
        moment.kind,
        moment.language,
        False,
        moment.tone,
        moment.topic,
        raw,
        client_address(rng),
        moment.fill_seconds,
        moment,
        {"website": moment.honeypot} if moment.honeypot else {},
    )
    if moment.again_after is None:
        return [first]
    again = Planned(**{**first.__dict__, "at": first.at + moment.again_after})
    return [first, again]


def ratings(rng: random.Random, kind: FormKind, easy: bool, tone: Tone) -> dict[str, str]:
    answers = {}
    for question in forms.definition_for(kind, easy).questions:
        if question.scale is None or rng.random() < 0.1:
            continue
        choices = question.scale.choices
        position = min(1.0, max(0.0, rng.gauss(TONE_POSITION[tone], 0.2)))
        answers[question.key] = choices[round(position * (len(choices) - 1))].value
    return answers


def a_rating(kind: FormKind, easy: bool, tone: Tone) -> dict[str, str]:
    """For someone who skipped every question but meant to answer (the form asks for one
    answer): the first scale's, at their tone. Nothing drawn, so the rest stays as it was."""
    question = next(q for q in forms.definition_for(kind, easy).questions if q.scale)
    assert question.scale is not None
    choices = question.scale.choices
    return {question.key: choices[round(TONE_POSITION[tone] * (len(choices) - 1))].value}


def contact(rng: random.Random, kind: FormKind) -> dict[str, str]:
    if rng.random() > (0.05 if kind in CHILD_FORMS else 0.16):
        return {}
    name = rng.choice(FIRST_NAMES)
    fields = {"wants_contact": "yes", "contact_name": name}
    if kind.is_child or rng.random() < 0.5:
        fields["contact_phone"] = f"07700 900{rng.randint(0, 999):03d}"
    else:
        fields["contact_email"] = f"{name.lower()}{rng.randint(1, 99)}@example.com"
    return fields


def when(rng: random.Random, start: datetime, end: datetime, child: bool) -> datetime:
    """A plausible moment between ``start`` and ``end``: a weekday, mostly, in the daytime
    (after school for children), UK time."""
    latest = end - timedelta(minutes=20)
    for _ in range(50):
        day = (start + (latest - start) * rng.random()).astimezone(LONDON).date()
        if day.weekday() >= 5 and rng.random() < 0.7:
            continue
        hour = rng.randint(15, 19) if child else rng.randint(9, 19)
        moment = datetime.combine(day, time(hour, rng.randint(0, 59)), LONDON)
        if start <= moment <= latest:
            return moment.astimezone(start.tzinfo)
    return start + (latest - start) * rng.random()


def client_address(rng: random.Random) -> str:
    """Documentation addresses (RFC 5737): phones on mobile networks and home broadband."""
    return f"{rng.choice(('192.0.2', '198.51.100', '203.0.113'))}.{rng.randint(1, 254)}"
