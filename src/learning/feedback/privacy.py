"""The privacy notice of the public feedback forms, in a young child's, a child's and an
adult's version.

Plain words, in the order people ask: who we are, what we keep, who reads it, that worries
about safety are passed on, how long we keep it (the link's retention), no tracking and no
location, and what they can ask for. A young child (under 8) gets a few short sentences, and
the grown-up helping them the adult's notice below them (``for_the_grown_up``). Paragraphs
may use ``%(council)s``, ``%(team)s`` and ``%(period)s``; they are translated where shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from babel.dates import format_timedelta

from learning.feedback.form_definitions import Audience
from learning.feedback.form_questions import (
    BULB,
    EAR,
    HEART,
    HOUSE,
    N_,
    PENCIL,
    SPEECH,
    STAR,
    Picture,
)
from learning.feedback.terms import Language

DEFAULT_RETENTION_DAYS = 730
PERIOD = N_("%(exact)s (about %(approx)s)")


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]
    picture: Picture
    important: bool = False


def _young_child(has_team: bool) -> tuple[Section, ...]:
    """For a child of 4 to 7: what happens to their words, in sentences they can follow."""
    return (
        Section(
            N_("Who we are"), (N_("We are %(council)s. We help children and families."),), HOUSE
        ),
        Section(
            N_("Who reads it"),
            (N_("We read what you tell us. It helps us make things better for children."),),
            EAR,
        ),
        Section(
            N_("If you are not safe"),
            (
                N_("If you tell us you are not safe, we tell someone who can help."),
                N_("We tell them even if you ask us not to. Keeping you safe matters most."),
            ),
            HEART,
            important=True,
        ),
        Section(
            N_("What we keep"),
            (
                N_("We keep your answers for a while. Then we throw them away."),
                N_("We only keep your name if you want someone to talk to you."),
            ),
            PENCIL,
        ),
        Section(
            N_("You can ask"),
            (
                N_(
                    "You can ask us to show you what you told us, or to throw it away. Ask a "
                    "grown-up to help you."
                ),
            ),
            SPEECH,
        ),
    )


def _child(has_team: bool) -> tuple[Section, ...]:
    readers = (
        N_("People in %(team)s read what you tell us.")
        if has_team
        else N_("People in the team that asked you read what you tell us.")
    )
    return (
        Section(N_("Who we are"), (N_("We are %(council)s children's services."),), HOUSE),
        Section(
            N_("What we keep"),
            (
                N_("We keep your answers."),
                N_("We only keep your name, phone number or email if you ask us to contact you."),
            ),
            PENCIL,
        ),
        Section(
            N_("Who reads it"),
            (
                readers,
                N_("Their managers may read it too, to make things better."),
            ),
            EAR,
        ),
        Section(
            N_("If you are not safe"),
            (
                N_(
                    "If you tell us something that means you or another child may not be safe, we "
                    "will tell people whose job is to keep children safe."
                ),
                N_("We do this even if you ask us not to, because keeping you safe matters most."),
            ),
            HEART,
            important=True,
        ),
        Section(
            N_("How long we keep it"), (N_("We keep it for %(period)s. Then we delete it."),), STAR
        ),
        Section(
            N_("No tracking"),
            (
                N_(
                    "We do not use cookies to follow you or show you adverts. We do not know where "
                    "you are."
                ),
                N_(
                    "We use two small cookies: one remembers the link you opened, and one shows "
                    "your receipt code after you send. They go away after a few hours."
                ),
            ),
            BULB,
        ),
        Section(
            N_("You can ask"),
            (
                N_(
                    "You can ask to see what you told us, or ask us to delete it. Ask a grown-up "
                    "you trust to help, or contact %(council)s."
                ),
            ),
            SPEECH,
        ),
    )


def _adult(has_team: bool) -> tuple[Section, ...]:
    readers = (
        N_("Staff in %(team)s, and managers who look at feedback across the service.")
        if has_team
        else N_(
            "Staff in the team that asked for your feedback, and managers who look at "
            "feedback across the service."
        )
    )
    return (
        Section(
            N_("Who we are"),
            (
                N_(
                    "%(council)s is responsible for the feedback you give here (the data "
                    "controller)."
                ),
            ),
            HOUSE,
        ),
        Section(
            N_("What we collect"),
            (
                N_(
                    "Your answers. If you ask us to contact you, also your name and your phone "
                    "number or email address. Nothing else."
                ),
            ),
            PENCIL,
        ),
        Section(
            N_("Why we use it"),
            (
                N_(
                    "To hear from the people we work with and to improve our services. We do this "
                    "as part of our public task (UK GDPR Article 6(1)(e))."
                ),
            ),
            BULB,
        ),
        Section(
            N_("Who sees it"),
            (
                readers,
                N_("Feedback is also looked at in groups, without names, to find common themes."),
            ),
            EAR,
        ),
        Section(
            N_("Safety comes first"),
            (
                N_(
                    "If what you write suggests that a child or anyone else may be at risk of "
                    "harm, we will pass it on straight away to the people who keep children "
                    "safe: our safeguarding team, and the police if someone is in danger. We "
                    "cannot keep this confidential."
                ),
            ),
            HEART,
            important=True,
        ),
        Section(
            N_("How long we keep it"), (N_("We keep it for %(period)s, then we delete it."),), STAR
        ),
        Section(
            N_("Cookies and location"),
            (
                N_(
                    "We use no tracking or advertising cookies. One short-lived cookie remembers "
                    "the feedback link you opened and is deleted after 4 hours; another shows your "
                    "receipt code after you send and is deleted after 15 minutes. We do not "
                    "collect your location."
                ),
            ),
            BULB,
        ),
        Section(
            N_("Your rights"),
            (
                N_(
                    "You can ask to see, correct or delete what you told us. Contact the data "
                    "protection officer of %(council)s. You can also complain to the Information "
                    "Commissioner's Office (ico.org.uk)."
                ),
            ),
            SPEECH,
        ),
    )


NOTICES = {Audience.YOUNG_CHILD: _young_child, Audience.CHILD: _child, Audience.ADULT: _adult}
CONTACT_TEXT = N_("To contact the data protection officer of %(council)s:")


def contact(configured: str) -> tuple[str, str] | None:
    """The data protection officer's address as shown, and its link (``mailto:`` for an
    email address); None when the council has not given one (``privacy_contact``)."""
    if not configured:
        return None
    return configured, configured if configured.startswith("https://") else f"mailto:{configured}"


def notice(audience: Audience, has_team: bool) -> tuple[Section, ...]:
    return NOTICES[audience](has_team)


def for_the_grown_up(audience: Audience, has_team: bool) -> tuple[Section, ...]:
    """What the grown-up helping a young child reads below the child's words: the adult's
    notice, with how long it is kept, the cookies and their rights. Nothing for the others."""
    return _adult(has_team) if audience is Audience.YOUNG_CHILD else ()


def babel_locale(language: Language) -> str:
    return "en_GB" if language is Language.ENGLISH else language.value


def retention_parts(days: int, language: Language) -> dict[str, str]:
    """How long feedback is kept, in the language's own words: ``730 days`` and ``2 years``
    (the caller puts them into ``PERIOD``, translated)."""
    locale = babel_locale(language)
    period = timedelta(days=days)
    return {
        "exact": format_timedelta(period, granularity="day", threshold=10**9, locale=locale),
        "approx": format_timedelta(period, locale=locale),
    }
