# ruff: noqa: E501  (prose: one answer per line reads better than wrapped strings)
"""The demo's particular moments, written out rather than drawn at random: the five
disclosures behind its safeguarding alerts, the items held for checking (spam caught by the
honeypot, forms sent too fast, a double send), the parent whose receipt code the demo
prints so that a visitor can look up what changed, and the feedback behind the review
queue's journeys after this week's child protection conferences (``demo_journeys``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from learning.feedback.demo_voices import EXPLAINED, MEETINGS, REPORTS, Tone
from learning.feedback.terms import FormKind, Language

#: The receipt code of the showcase item (a fictional parent after a review): the demo
#: prints it, and the receipt page shows the team's "what changed" for it.
SHOWCASE_RECEIPT = "TRY-DEM-4ACE"
SAFEGUARDING = "safeguarding"


@dataclass(frozen=True)
class Moment:
    name: str
    link: str  # the key of a link in ``demo_links.POSTERS`` or ``demo_links.SPECIAL``
    kind: FormKind
    ago: timedelta
    texts: dict[str, str]
    tone: Tone = Tone.MIXED
    topic: str = ""
    language: Language = Language.ENGLISH
    worried: bool = False  # pressed "I am worried about my safety"
    honeypot: str = ""
    fill_seconds: float = 140.0
    again_after: timedelta | None = None  # sent twice (a double tap)
    contact: tuple[str, ...] | None = None  # name, then a phone, an email or both
    receipt: str = ""


DAD_DRINKING = Moment(
    "dad_drinking",
    "contact_centre",
    FormKind.CHILD_8_12,
    timedelta(hours=5, minutes=10),
    {
        "good": "seeing my nan",
        "better": "my dad hits me when he has been drinking and I dont want to go home",
    },
    Tone.POOR,
    SAFEGUARDING,
)
MUMS_BOYFRIEND = Moment(
    "mums_boyfriend",
    "houses_visit",
    FormKind.THREE_HOUSES,
    timedelta(hours=2, minutes=35),
    {
        "worries": "mums boyfriend shouts at her and he pushed her into the door. I hide upstairs with my sister",
        "good_things": "my sister and school",
        "dreams": "that he goes away and it is just us",
    },
    Tone.POOR,
    SAFEGUARDING,
)
OWES_HIM = Moment(
    "owes_him",
    "drop_in",
    FormKind.YOUNG_PERSON,
    timedelta(days=20, hours=3),
    {
        "good": "The drop-in staff are alright",
        "better": "an older lad keeps giving me weed for free and now he says I owe him and have to take packages to Plymouth for him",
    },
    Tone.POOR,
    SAFEGUARDING,
)
EX_PARTNER = Moment(
    "ex_partner",
    "family_hub",
    FormKind.PARENT_CARER,
    timedelta(days=58, hours=6),
    {"better": "Boję się byłego partnera. Wczoraj znowu przyszedł pod dom i groził mi."},
    Tone.MIXED,
    SAFEGUARDING,
    Language.POLISH,
    worried=True,
    contact=("Agnieszka", "07700 900417"),
)
#: Words no phrase of the screen names, read as a worry by its cues (a person, being made
#: to, closeness, distress): the demo's alert "in other words".
STAYS_OVER = Moment(
    "stays_over",
    "new_reception",
    FormKind.CHILD_8_12,
    timedelta(days=9, hours=4),
    {
        "good": "my worker comes when she says she will",
        "better": "mums friend stays over most weekends and he makes me sit with him in my room and I hate it",
    },
    Tone.POOR,
    SAFEGUARDING,
)
DISCLOSURES = (DAD_DRINKING, MUMS_BOYFRIEND, OWES_HIM, EX_PARTNER, STAYS_OVER)

SPAM_KEPT = Moment(
    "spam_kept",
    "front_door",
    FormKind.PARENT_CARER,
    timedelta(days=40, hours=2),
    {"good": "Great website! Fast loans and crypto tips at cheap-loans.example"},
    honeypot="http://cheap-loans.example",
    fill_seconds=0.4,
)
SPAM_HELD = Moment(
    "spam_held",
    "family_hub",
    FormKind.PARENT_CARER,
    timedelta(days=6, hours=1),
    {"good": "Boost your rankings today with seo-boost.example, first month free"},
    honeypot="https://seo-boost.example",
    fill_seconds=0.3,
)
TOO_FAST_LET_IN = Moment(
    "too_fast_let_in",
    "contact_centre",
    FormKind.CHILD_8_12,
    timedelta(days=30, hours=4),
    {"good": "the toys are good"},
    Tone.GOOD,
    fill_seconds=1.5,
)
TOO_FAST_HELD = Moment(
    "too_fast_held",
    "short_breaks",
    FormKind.CHILD_UNDER_8,
    timedelta(days=1, hours=3),
    {},
    Tone.GOOD,
    fill_seconds=1.0,
)
DOUBLE_SEND = Moment(
    "double_send",
    "support_group",
    FormKind.FOSTER_CARER,
    timedelta(days=12, hours=5),
    {
        "better": "Please can the out of hours team have the placement plans? At the weekend nobody knew our child's plan."
    },
    Tone.MIXED,
    "support for carers",
    again_after=timedelta(seconds=40),
)
HELD = (SPAM_KEPT, SPAM_HELD, TOO_FAST_LET_IN, TOO_FAST_HELD, DOUBLE_SEND)

SHOWCASE = Moment(
    "showcase",
    "reviews",
    FormKind.PARENT_CARER,
    timedelta(days=86, hours=1),
    {
        "better": "Nobody told me what the review was for or who would be there. I found out on the day that they would talk about where my son lives."
    },
    Tone.POOR,
    MEETINGS,
    contact=("Dawn", "dawn.demo@example.com"),
    receipt=SHOWCASE_RECEIPT,
)

MOMENTS = (*DISCLOSURES, *HELD, SHOWCASE)

# The quality team's week after its child protection conferences: what the team did with
# each of these is written out in ``demo_journeys``.

#: Words the screen does not flag (no harm named, and not enough of its cues), which worry
#: a careful reader: she raises an alert.
WEEKENDS = Moment(
    "weekends",
    "conferences",
    FormKind.YOUNG_PERSON,
    timedelta(days=1, hours=23),
    {
        "good": "The chair let me say my bit first and nobody rushed me",
        "better": "Nobody asked about the weekends. That is when mums new partner stays over. I just stay in my room till Monday. I couldnt say it with him sat there",
    },
    Tone.MIXED,
    SAFEGUARDING,
)
#: The reply's email is refused (a letter missing from the address): she is phoned instead.
REPORT_LATE = Moment(
    "report_late",
    "conferences",
    FormKind.PARENT_CARER,
    timedelta(days=2, hours=3, minutes=20),
    {
        "good": "The chair explained what happens next and what a core group is",
        "better": "The report only came the night before, so I read it at midnight and went in upset. Please post it sooner, or send it by email",
    },
    Tone.MIXED,
    REPORTS,
    contact=("Kerry", "07700 900582", "kery.m@example.net"),
)
#: The reply's email was refused this afternoon (her mailbox is full); nobody has rung yet.
PLAN_NOT_SENT = Moment(
    "plan_not_sent",
    "conferences",
    FormKind.PARTNER,
    timedelta(days=1, hours=2),
    {
        "good": "The chair kept to time and everyone had their say",
        "better": "Partners get the minutes but not the plan. As the school nurse I need the plan to know what I am meant to be doing",
    },
    Tone.MIXED,
    REPORTS,
    contact=("Gwen", "07700 900641", "gwen.schoolnurse@example.org"),
)
#: Read by the principal social worker, who is not of the team: still unread for them.
READ_ELSEWHERE = Moment(
    "read_elsewhere",
    "conferences",
    FormKind.PARTNER,
    timedelta(days=1, hours=6),
    {
        "good": "The chair made sure the young person's views were read out first, in her own words",
        "better": "Our practice had two days' notice of the conference, too little to write a proper report. A week would let us send one",
    },
    Tone.MIXED,
    REPORTS,
)
#: Read by one of the team, then marked unread again.
UNREAD_AGAIN = Moment(
    "unread_again",
    "conferences",
    FormKind.YOUNG_PERSON,
    timedelta(days=2, hours=2),
    {
        "good": "My worker went through the plan with me after, in the cafe, so I knew what it meant",
        "better": "It went on for two and a half hours with no break",
    },
    Tone.MIXED,
    EXPLAINED,
)
JOURNEYS = (WEEKENDS, REPORT_LATE, PLAN_NOT_SENT, READ_ELSEWHERE, UNREAD_AGAIN)
