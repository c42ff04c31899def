"""The seven public feedback forms, one per ``FormKind``: who they are for and what they ask.

Children under 8 answer with large faces and very few words; 8 to 12 with three faces;
13 and over with five. Adults (parents and carers, foster carers, partner professionals)
say how much they agree. The Three Houses ask about worries, good things and dreams. The
easy-read version of any form uses shorter questions, three faces and pictures.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from learning.feedback.form_questions import (
    AGREE,
    AGREE_HINT,
    EAR,
    FEELINGS,
    HEART,
    HOUSE,
    HOW_OFTEN,
    N_,
    PENCIL,
    SMILE,
    SPEECH,
    STAR,
    YES_A_BIT_NO,
    Lundy,
    Question,
    good_and_better,
    lundy_scale,
)
from learning.feedback.terms import FormKind


class Audience(StrEnum):
    """Which privacy notice, and which words around the form's questions: a young child's
    (under 8, usually with a grown-up, who gets words of their own), a child's or an adult's."""

    YOUNG_CHILD = "young_child"
    CHILD = "child"
    ADULT = "adult"


class FaceSize(StrEnum):
    NONE = "none"
    SMALL = "small"
    LARGE = "large"


@dataclass(frozen=True)
class FormDefinition:
    kind: FormKind
    who: str  # "Who are you?" answer that leads to this form
    title: str
    intro: str
    questions: tuple[Question, ...]
    audience: Audience
    faces: FaceSize = FaceSize.SMALL
    saveable: bool = False  # long enough to offer "Save and finish later"
    easy_read: bool = False

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(question.key for question in self.questions)

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)


def _easy(question: Question) -> Question:
    scale = question.scale
    if scale is not None and scale is not FEELINGS:
        scale = YES_A_BIT_NO
    return replace(
        question,
        prompt=question.easy_prompt or question.prompt,
        scale=scale,
        hint="" if question.easy_prompt else question.hint,
    )


def easy_read(definition: FormDefinition) -> FormDefinition:
    """The same form in easy read: short questions, three faces at least this big."""
    faces = FaceSize.LARGE if definition.faces is FaceSize.LARGE else FaceSize.SMALL
    return replace(
        definition,
        questions=tuple(_easy(q) for q in definition.questions),
        faces=faces,
        easy_read=True,
    )


CHILD_TITLE = N_("Tell us what you think")
SKIP_ANY = N_("It takes about a minute. You can skip any question.")
ADULT_INTRO = N_(
    "Your views help us improve. It takes about two minutes. You can skip any question."
)
ANYTHING_ELSE = N_("Is there anything else you want us to know?")

_CHILD_UNDER_8 = FormDefinition(
    FormKind.CHILD_UNDER_8,
    who=N_("A child under 8"),
    title=CHILD_TITLE,
    intro=N_("Pick a face. There are no wrong answers."),
    questions=(
        Question(
            "space",
            N_("Did you get to say what you think?"),
            SPEECH,
            YES_A_BIT_NO,
            lundy=Lundy.SPACE,
        ),
        Question(
            "audience",
            N_("Did the grown-ups listen to you?"),
            EAR,
            YES_A_BIT_NO,
            lundy=Lundy.AUDIENCE,
        ),
        Question("feel", N_("How do you feel?"), SMILE, FEELINGS),
        Question(
            "more", N_("Tell us more"), PENCIL, hint=N_("You can ask a grown-up to help you write.")
        ),
    ),
    audience=Audience.YOUNG_CHILD,
    faces=FaceSize.LARGE,
)

_CHILD_8_12 = FormDefinition(
    FormKind.CHILD_8_12,
    who=N_("A child aged 8 to 12"),
    title=CHILD_TITLE,
    intro=SKIP_ANY,
    questions=lundy_scale(
        YES_A_BIT_NO,
        (
            N_("Did you get the chance to say what you think?"),
            N_("Did you get help to say it in your own way?"),
            N_("Did someone listen to you?"),
            N_("Did what you said make a difference?"),
        ),
    )
    + good_and_better(N_("What is going well?"), N_("What would make things better?")),
    audience=Audience.CHILD,
)

_YOUNG_PERSON = FormDefinition(
    FormKind.YOUNG_PERSON,
    who=N_("A young person aged 13 or over"),
    title=N_("Have your say"),
    intro=N_("Tell us how things are going. You can skip any question."),
    questions=lundy_scale(
        HOW_OFTEN,
        (
            N_("Did you get the chance to say what you think?"),
            N_("Did you get the information and help you needed to have your say?"),
            N_("Did the right people listen to you?"),
            N_("Did what you said make a difference to what happened?"),
        ),
    )
    + (
        Question(
            "respect",
            N_("Were you treated with respect?"),
            HEART,
            HOW_OFTEN,
            easy_prompt=N_("Were people kind to you?"),
        ),
    )
    + good_and_better(N_("What is going well?"), N_("What should we change?"))
    + (Question("more", ANYTHING_ELSE, PENCIL),),
    audience=Audience.CHILD,
    saveable=True,
)

# For children of any age (often 6 to 16): the child's words, not the young child's, which
# would talk down to a teenager; its intro already asks a grown-up to help a young one.
_THREE_HOUSES = FormDefinition(
    FormKind.THREE_HOUSES,
    who=N_("The Three Houses: worries, good things and dreams"),
    title=N_("The Three Houses"),
    intro=N_("Write in each house. You can skip any house. You can ask a grown-up to help."),
    questions=(
        Question("worries", N_("House of worries"), HOUSE, hint=N_("What worries you?")),
        Question(
            "good_things", N_("House of good things"), HOUSE, hint=N_("What is good in your life?")
        ),
        Question("dreams", N_("House of dreams"), HOUSE, hint=N_("What would you like to happen?")),
        Question(
            "audience", N_("Did someone listen to you?"), EAR, YES_A_BIT_NO, lundy=Lundy.AUDIENCE
        ),
    ),
    audience=Audience.CHILD,
)

_PARENT_CARER = FormDefinition(
    FormKind.PARENT_CARER,
    who=N_("A parent or carer"),
    title=N_("Tell us about your experience"),
    intro=ADULT_INTRO,
    questions=lundy_scale(
        AGREE,
        (
            N_("I had the chance to say what I think."),
            N_("I was given the information and support I needed to have my say."),
            N_("I was listened to."),
            N_("What I said made a difference to the plan for my child."),
        ),
        AGREE_HINT,
    )
    + (
        Question(
            "respect",
            N_("I was treated with respect."),
            HEART,
            AGREE,
            AGREE_HINT,
            N_("Were people kind to you?"),
        ),
    )
    + good_and_better(N_("What has worked well?"), N_("What could we do better?")),
    audience=Audience.ADULT,
    saveable=True,
)

_FOSTER_CARER = FormDefinition(
    FormKind.FOSTER_CARER,
    who=N_("A foster carer"),
    title=N_("Tell us about your experience as a foster carer"),
    intro=ADULT_INTRO,
    questions=lundy_scale(
        AGREE,
        (
            N_("I had the chance to give my views about the child I care for."),
            N_("I was given the information I needed to give my views."),
            N_("The child's social worker listened to me."),
            N_("My views made a difference to decisions about the child."),
        ),
        AGREE_HINT,
    )
    + (
        Question(
            "support",
            N_("I felt supported as a foster carer."),
            HEART,
            AGREE,
            AGREE_HINT,
            N_("Did you get the help you needed?"),
        ),
    )
    + good_and_better(N_("What has worked well?"), N_("What could we do better?")),
    audience=Audience.ADULT,
    saveable=True,
)

_PARTNER = FormDefinition(
    FormKind.PARTNER,
    who=N_("A professional from another agency"),
    title=N_("Feedback from partner professionals"),
    intro=ADULT_INTRO,
    questions=lundy_scale(
        AGREE,
        (
            N_("I was asked for my agency's view."),
            N_("I had the information I needed to contribute."),
            N_("My contribution was listened to."),
            N_("My contribution made a difference to the decisions made."),
        ),
        AGREE_HINT,
    )
    + (
        Question(
            "child_voice",
            N_("The child's views were clearly heard."),
            STAR,
            AGREE,
            AGREE_HINT,
            N_("Was the child heard?"),
        ),
    )
    + good_and_better(N_("What has worked well?"), N_("What could we do better?")),
    audience=Audience.ADULT,
    saveable=True,
)

DEFINITIONS: dict[FormKind, FormDefinition] = {
    definition.kind: definition
    for definition in (
        _CHILD_UNDER_8,
        _CHILD_8_12,
        _YOUNG_PERSON,
        _THREE_HOUSES,
        _PARENT_CARER,
        _FOSTER_CARER,
        _PARTNER,
    )
}
EASY_DEFINITIONS: dict[FormKind, FormDefinition] = {
    kind: easy_read(definition) for kind, definition in DEFINITIONS.items()
}


#: What staff pages say of a safety button pressed on "Who are you?" (``FormKind.NOT_CHOSEN``):
#: no questions, and the words of the forms for children, as the chooser's are. Never shown
#: to the person, so in English only.
NOT_CHOSEN = FormDefinition(
    FormKind.NOT_CHOSEN,
    who="Not known: the safety button was pressed before choosing a form",
    title="I am worried about my safety",
    intro="",
    questions=(),
    audience=Audience.CHILD,
    faces=FaceSize.NONE,
)


def definition_for(kind: FormKind, easy: bool = False) -> FormDefinition:
    if kind is FormKind.NOT_CHOSEN:
        return NOT_CHOSEN
    return (EASY_DEFINITIONS if easy else DEFINITIONS)[kind]
