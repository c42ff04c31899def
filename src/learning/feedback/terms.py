"""The words of feedback: link kinds, forms, languages, screening categories, alert outcomes."""

from __future__ import annotations

from enum import StrEnum


class LinkKind(StrEnum):
    POSTER = "poster"  # many uses, printed with a QR code: public, an id for a place, not a secret
    PERSONAL = "personal"  # single use, sent to one person by text message, email or letter
    TIMED = "timed"  # many uses until it expires (an event, a review week)

    @property
    def label(self) -> str:
        return {
            "poster": "Poster (many uses, QR code)",
            "personal": "Personal (single use)",
            "timed": "Time-limited",
        }[self.value]


class LinkSubject(StrEnum):
    """What the feedback is about."""

    TEAM = "team"
    SERVICE = "service"
    WORKER = "worker"
    EVENT = "event"  # a conference, a review, a meeting

    @property
    def label(self) -> str:
        return {
            "team": "A team",
            "service": "A service",
            "worker": "A worker",
            "event": "An event (conference, review, meeting)",
        }[self.value]


class FormKind(StrEnum):
    CHILD_UNDER_8 = "child_under_8"
    CHILD_8_12 = "child_8_12"
    YOUNG_PERSON = "young_person"  # 13 and over
    THREE_HOUSES = "three_houses"
    PARENT_CARER = "parent_carer"
    FOSTER_CARER = "foster_carer"
    PARTNER = "partner"  # partner professional
    #: Not a form: "I am worried about my safety" pressed on "Who are you?", before any
    #: form was chosen. Stored so, the staff pages do not say who it was ("a child aged 8 to
    #: 12") when nobody said. Never offered, and never taken from a posted form.
    NOT_CHOSEN = "not_chosen"

    @property
    def is_child(self) -> bool:
        return self in CHILD_FORMS


#: The forms a person can choose and fill in (every kind but NOT_CHOSEN).
FORMS = tuple(kind for kind in FormKind if kind is not FormKind.NOT_CHOSEN)

CHILD_FORMS = frozenset(
    {FormKind.CHILD_UNDER_8, FormKind.CHILD_8_12, FormKind.YOUNG_PERSON, FormKind.THREE_HOUSES}
)


class Language(StrEnum):
    ENGLISH = "en"
    WELSH = "cy"
    POLISH = "pl"
    ROMANIAN = "ro"
    ARABIC = "ar"

    @property
    def native_name(self) -> str:
        return {"en": "English", "cy": "Cymraeg", "pl": "Polski", "ro": "Română", "ar": "العربية"}[
            self.value
        ]

    @property
    def right_to_left(self) -> bool:
        return self is Language.ARABIC


class SubmissionStatus(StrEnum):
    NEW = "new"  # nobody in the team has read it yet
    READ = "read"
    CLOSED = "closed"


class QuarantineReason(StrEnum):
    """Why a submission waits for a person to check it. Quarantined items are never dropped."""

    CLIENT_RATE = "client_rate"
    LINK_RATE = "link_rate"
    HONEYPOT = "honeypot"
    TOO_FAST = "too_fast"
    BAD_NONCE = "bad_nonce"
    DUPLICATE = "duplicate"
    TOO_LONG = "too_long"  # beyond the length limits (kept, cut to fit)
    LINK_USED = (
        "link_used"  # a single-use link already consumed, or expired or revoked since opening
    )


class ScreenCategory(StrEnum):
    """What the safeguarding screen looks for. Errs towards flagging."""

    IMMEDIATE_DANGER = "immediate_danger"
    SELF_HARM = "self_harm"
    SUICIDE = "suicide"
    PHYSICAL_ABUSE = "physical_abuse"
    SEXUAL_ABUSE = "sexual_abuse"
    EMOTIONAL_ABUSE = "emotional_abuse"
    NEGLECT = "neglect"
    DOMESTIC_ABUSE = "domestic_abuse"
    EXPLOITATION = "exploitation"
    FEAR = "fear"  # scared to go home, scared of someone
    RUNNING_AWAY = "running_away"
    SUBSTANCES = "substances"
    BULLYING = "bullying"
    CONCERN = "concern"  # a worry about a child's safety in other words, often an adult's
    ASKED_FOR_HELP = "asked_for_help"  # "I am worried about my safety": always alerts
    RAISED_BY_STAFF = "raised_by_staff"  # a person who read it raised the alert, not the screen


#: What an alert can say that the screen never finds in words: the person pressed "I am
#: worried about my safety", or someone who read the feedback raised the alert.
NOT_FROM_THE_SCREEN = frozenset({ScreenCategory.ASKED_FOR_HELP, ScreenCategory.RAISED_BY_STAFF})


class AlertStatus(StrEnum):
    OPEN = "open"  # raised, nobody has acknowledged it
    ACKNOWLEDGED = "acknowledged"  # a person has it
    CLOSED = "closed"  # an outcome is recorded


class AlertOutcome(StrEnum):
    NFA = "nfa"
    ADVICE = "advice"
    REFERRAL_TO_FRONT_DOOR = "referral_to_front_door"
    POLICE = "police"
    EXISTING_WORKER_INFORMED = "existing_worker_informed"

    @property
    def label(self) -> str:
        return {
            "nfa": "No further action",
            "advice": "Advice given",
            "referral_to_front_door": "Referral to the front door",
            "police": "Police",
            "existing_worker_informed": "Existing worker informed",
        }[self.value]


class ActionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
