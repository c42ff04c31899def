"""What each public feedback form asks, in plain English (translated on the page).

Questions follow the Lundy model of participation: SPACE (a chance to give a view), VOICE
(help to give it), AUDIENCE (someone listened) and INFLUENCE (it made a difference). Every
question is optional; the texts are marked with ``N_`` so that the catalogue extraction
finds them, and translated where they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "translate later"
    """Marks a message for translation without translating it here."""
    return message


class Lundy(StrEnum):
    SPACE = "space"
    VOICE = "voice"
    AUDIENCE = "audience"
    INFLUENCE = "influence"


class Face(StrEnum):
    """The face drawn beside an answer (its label always says the same in words)."""

    GREAT = "great"
    HAPPY = "happy"
    OKAY = "okay"
    SAD = "sad"
    UPSET = "upset"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    face: Face | None = None


@dataclass(frozen=True)
class Scale:
    name: str
    choices: tuple[Choice, ...]

    @property
    def has_faces(self) -> bool:
        return all(choice.face is not None for choice in self.choices)

    @property
    def values(self) -> frozenset[str]:
        return frozenset(choice.value for choice in self.choices)


YES_A_BIT_NO = Scale(
    "yes_a_bit_no",
    (
        Choice("yes", N_("Yes"), Face.HAPPY),
        Choice("a_bit", N_("A bit"), Face.OKAY),
        Choice("no", N_("No"), Face.SAD),
    ),
)
FEELINGS = Scale(
    "feelings",
    (
        Choice("happy", N_("Happy"), Face.HAPPY),
        Choice("okay", N_("Okay"), Face.OKAY),
        Choice("sad", N_("Sad"), Face.SAD),
    ),
)
HOW_OFTEN = Scale(
    "how_often",
    (
        Choice("always", N_("Yes, always"), Face.GREAT),
        Choice("mostly", N_("Mostly"), Face.HAPPY),
        Choice("sometimes", N_("Sometimes"), Face.OKAY),
        Choice("not_really", N_("Not really"), Face.SAD),
        Choice("never", N_("No, never"), Face.UPSET),
    ),
)
AGREE = Scale(
    "agree",
    (
        Choice("strongly_agree", N_("Strongly agree")),
        Choice("agree", N_("Agree")),
        Choice("not_sure", N_("Not sure")),
        Choice("disagree", N_("Disagree")),
        Choice("strongly_disagree", N_("Strongly disagree")),
    ),
)


@dataclass(frozen=True)
class Picture:
    """A picture for the easy-read version: an emoji and the words it stands for."""

    emoji: str
    alt: str


SPEECH = Picture("💬", N_("Speech bubble"))
HELPING_HAND = Picture("🤝", N_("Helping hands"))
EAR = Picture("👂", N_("An ear, listening"))
STAR = Picture("⭐", N_("A star"))
HEART = Picture("❤️", N_("A heart"))
THUMBS_UP = Picture("👍", N_("Thumbs up"))
BULB = Picture("💡", N_("A light bulb"))
PENCIL = Picture("✏️", N_("A pencil"))
HOUSE = Picture("🏠", N_("A house"))
SMILE = Picture("🙂", N_("A smiling face"))


@dataclass(frozen=True)
class Question:
    key: str
    prompt: str
    picture: Picture
    scale: Scale | None = None  # None: a box to write in
    hint: str = ""
    easy_prompt: str = ""  # shorter words for the easy-read version
    lundy: Lundy | None = None

    @property
    def is_text(self) -> bool:
        return self.scale is None


AGREE_HINT = N_("How much do you agree?")
EASY_SPACE = N_("Could you say what you think?")
EASY_VOICE = N_("Did you get help to say it?")
EASY_AUDIENCE = N_("Did people listen to you?")
EASY_INFLUENCE = N_("Did it change anything?")
EASY_GOOD = N_("What was good?")
EASY_BETTER = N_("What could be better?")


def lundy_scale(
    scale: Scale, prompts: tuple[str, str, str, str], hint: str = ""
) -> tuple[Question, ...]:
    """The four Lundy questions, asked on ``scale``."""
    space, voice, audience, influence = prompts
    return (
        Question("space", space, SPEECH, scale, hint, EASY_SPACE, Lundy.SPACE),
        Question("voice", voice, HELPING_HAND, scale, hint, EASY_VOICE, Lundy.VOICE),
        Question("audience", audience, EAR, scale, hint, EASY_AUDIENCE, Lundy.AUDIENCE),
        Question("influence", influence, STAR, scale, hint, EASY_INFLUENCE, Lundy.INFLUENCE),
    )


def good_and_better(good: str, better: str) -> tuple[Question, ...]:
    return (
        Question("good", good, THUMBS_UP, easy_prompt=EASY_GOOD),
        Question("better", better, BULB, easy_prompt=EASY_BETTER),
    )
