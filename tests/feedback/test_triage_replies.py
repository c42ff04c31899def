"""Replies to people who asked to be contacted, after the send: what became of the email shows
on the item (sent, not sent yet, refused for good) and a refused one in the queue; the email
is honest about where answers go, and is in the person's language around the team's English
words; the page tells an email from a phone number, lets the replier choose between them,
and says so plainly when the details are neither."""

from __future__ import annotations

from email.message import EmailMessage
from typing import Any

from babel.dates import format_date
from bs4 import Tag
from sqlmodel import Session, select

from learning.audit.models import AuditEvent
from learning.audit.service import Actor
from learning.core.clock import to_london
from learning.core.config import Settings
from learning.core.db import Database
from learning.feedback import demo_triage, triage_work
from learning.feedback.models import FeedbackReply, FeedbackSubmission
from learning.feedback.terms import FormKind, Language, LinkKind
from learning.mail.models import OutboxMessage
from learning.mail.worker import run_once
from learning.org.models import Team
from tests.conftest import make_settings
from tests.factories import Factory
from tests.feedback.factories import FeedbackFactory
from tests.feedback.triage_helpers import given, poster_for
from tests.org.conftest import SignedIn
from tests.org.pages import field_error, flash, page
from tests.support.smtp import Inbox, refusing_server

WORDS = "Thank you for telling us. We are finding a bigger room for the meetings."


def sender_settings(port: int, **overrides: Any) -> Settings:
    return make_settings(smtp_host="127.0.0.1", smtp_port=port, **overrides)


def asking(
    db: Session, settings: Settings, factory: Factory, team: Team, detail: str, **more: Any
) -> FeedbackSubmission:
    """Feedback from someone who asked to be contacted, giving ``detail``."""
    more.setdefault("contact_name", "Jo")
    link = poster_for(factory, team)
    return given(db, settings, link, wants_contact=True, contact_detail=detail, **more)


def replies_shown(response: Any) -> list[str]:
    """Each reply on the item's page, as a person reads it."""
    return [r.get_text(" ", strip=True) for r in page(response).select(".app-reply")]


def queue_status(supervisor: SignedIn, item: FeedbackSubmission) -> str:
    """The Status cell of the item's line in the queue."""
    soup = page(supervisor.get("/feedback/queue"))
    for row in soup.select("#queue tbody tr"):
        link = row.find("a")
        if isinstance(link, Tag) and str(link["href"]).endswith(f"/feedback/queue/{item.id}"):
            cell = row.select_one("[data-label=Status]")
            return cell.get_text(" ", strip=True) if cell else ""
    raise AssertionError(f"item {item.id} is not in the queue")


def the_outbox_row(db: Session, item: FeedbackSubmission) -> OutboxMessage:
    db.expire_all()
    reply = db.exec(select(FeedbackReply).where(FeedbackReply.submission_id == item.id)).one()
    message = db.get(OutboxMessage, reply.outbox_id)
    assert message is not None
    return message


# What became of the email ---------------------------------------------------------------


def test_a_reply_the_mail_server_refuses_shows_as_not_delivered_and_is_marked_in_the_queue(
    database: Database,
    db: Session,
    settings: Settings,
    factory: Factory,
    team: Team,
    supervisor: SignedIn,
    inbox: Inbox,
) -> None:
    """It showed "Emailed" and nothing else, for good, while the outbox said failed."""
    bounce = asking(db, settings, factory, team, "jo.bounce@example.test")
    supervisor.post(f"/feedback/queue/{bounce.id}/reply", {"body": WORDS})
    with refusing_server("jo.bounce@example.test", inbox, "550 5.1.1 No such user") as port:
        run_once(database, sender_settings(port))

    [shown] = replies_shown(supervisor.get(f"/feedback/queue/{bounce.id}"))
    assert (
        "Not delivered: the mail server refused it (550 5.1.1 No such user). Contact them "
        "another way." in shown
    )
    assert WORDS in shown and "Sent" not in shown
    assert "Reply not delivered" in queue_status(supervisor, bounce)
    assert "Replied" not in queue_status(supervisor, bounce)  # not beside its refusal


def test_noting_another_way_of_reaching_them_after_a_refusal_clears_the_queue_s_mark(
    database: Database,
    db: Session,
    settings: Settings,
    factory: Factory,
    team: Team,
    supervisor: SignedIn,
    inbox: Inbox,
) -> None:
    both = asking(db, settings, factory, team, "07700 900123 / jo.bounce@example.test")
    supervisor.post(f"/feedback/queue/{both.id}/reply", {"body": WORDS, "way": "email"})
    with refusing_server("jo.bounce@example.test", inbox, "550 5.1.1 No such user") as port:
        run_once(database, sender_settings(port))
    assert "Reply not delivered" in queue_status(supervisor, both)

    supervisor.post(f"/feedback/queue/{both.id}/reply", {"body": "Rang Jo.", "way": "phone"})

    assert "Reply not delivered" not in queue_status(supervisor, both)
    first, second = replies_shown(supervisor.get(f"/feedback/queue/{both.id}"))
    assert "Not delivered" in first  # the refusal stays on the email it was about
    assert second.startswith("Phone call noted") and "Rang Jo." in second


def test_a_reply_the_mail_server_cannot_take_yet_shows_as_not_sent_yet(
    database: Database,
    db: Session,
    settings: Settings,
    factory: Factory,
    team: Team,
    supervisor: SignedIn,
    inbox: Inbox,
) -> None:
    busy = asking(db, settings, factory, team, "jo.busy@example.test")
    supervisor.post(f"/feedback/queue/{busy.id}/reply", {"body": WORDS})
    with refusing_server("jo.busy@example.test", inbox, "450 4.2.1 Mailbox busy") as port:
        run_once(database, sender_settings(port))

    [shown] = replies_shown(supervisor.get(f"/feedback/queue/{busy.id}"))
    assert "Not sent yet: the mail server could not take it; trying again." in shown
    assert "Reply not delivered" not in queue_status(supervisor, busy)
    assert the_outbox_row(db, busy).attempts == 1


def test_a_delivered_reply_shows_as_sent(
    database: Database,
    db: Session,
    settings: Settings,
    factory: Factory,
    team: Team,
    supervisor: SignedIn,
    inbox: Inbox,
) -> None:
    fine = asking(db, settings, factory, team, "jo@example.test")
    supervisor.post(f"/feedback/queue/{fine.id}/reply", {"body": WORDS})
    [waiting] = replies_shown(supervisor.get(f"/feedback/queue/{fine.id}"))
    assert "Waiting to be sent." in waiting

    run_once(database, sender_settings(inbox.port))

    inbox.wait_for(1)
    [shown] = replies_shown(supervisor.get(f"/feedback/queue/{fine.id}"))
    assert shown.startswith("Email written") and "Sent " in shown
    assert "Not delivered" not in shown and "Not sent yet" not in shown
    assert "Reply not delivered" not in queue_status(supervisor, fine)


# Where answers go -------------------------------------------------------------------------


def _reply_by_service(
    db: Session, settings: Settings, person_id: int | None, item: FeedbackSubmission
) -> None:
    actor = Actor(person_id, "Ruth", item.council_id)
    triage_work.reply(db, actor, settings, item, WORDS)
    db.commit()


def test_with_a_reply_address_set_answers_go_there_and_the_email_says_they_are_read(
    database: Database,
    db: Session,
    settings: Settings,
    factory: Factory,
    team: Team,
    supervisor: SignedIn,
    inbox: Inbox,
) -> None:
    reply_to = "children-in-need@council.example.test"
    item = asking(db, settings, factory, team, "jo@example.test")
    _reply_by_service(db, make_settings(feedback_reply_to=reply_to), supervisor.person.id, item)

    run_once(database, sender_settings(inbox.port, feedback_reply_to=reply_to))

    [email] = inbox.wait_for(1)
    assert email["Reply-To"] == reply_to
    assert email["Auto-Submitted"] is None  # a person wrote it, and wants the answer
    assert "To answer, reply to this email: we read the answers." in _text(email)


def test_without_a_reply_address_the_email_never_asks_for_a_reply_and_says_answers_are_unread(
    database: Database,
    db: Session,
    settings: Settings,
    factory: Factory,
    team: Team,
    supervisor: SignedIn,
    inbox: Inbox,
) -> None:
    item = asking(db, settings, factory, team, "jo@example.test")
    supervisor.post(f"/feedback/queue/{item.id}/reply", {"body": WORDS})

    run_once(database, sender_settings(inbox.port))

    [email] = inbox.wait_for(1)
    assert email["Reply-To"] is None
    text = _text(email)
    assert "reply to this email" not in text.lower()
    assert "Nobody reads answers to this email." in text
    assert "enter your receipt code at https://testserver/give-feedback/receipt" in text


def test_a_reply_to_feedback_on_a_personal_link_does_not_send_them_back_to_it(
    database: Database,
    db: Session,
    settings: Settings,
    factory: Factory,
    team: Team,
    supervisor: SignedIn,
    inbox: Inbox,
) -> None:
    """A personal link works once: the email does not tell them to use it again."""
    link = FeedbackFactory(factory).make_link(
        LinkKind.PERSONAL, team_id=team.id, council_id=team.council_id
    ).link
    item = given(db, settings, link, wants_contact=True, contact_name="Jo",
                 contact_detail="jo@example.test")  # fmt: skip
    supervisor.post(f"/feedback/queue/{item.id}/reply", {"body": WORDS})

    run_once(database, sender_settings(inbox.port))

    [email] = inbox.wait_for(1)
    text = _text(email)
    assert "the way you did before" not in text
    assert "The link you used works only once" in text
    assert "ask the person who sent it to you for a new one" in text


def test_the_reply_box_tells_staff_when_answers_to_the_email_are_not_read(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    item = asking(db, settings, factory, team, "jo@example.test")
    hint = page(supervisor.get(f"/feedback/queue/{item.id}")).select_one("#body-hint")
    assert hint is not None
    assert "Nobody reads answers to the email" in hint.get_text(" ", strip=True)


def test_the_demo_s_replies_do_not_ask_for_an_answer_by_email() -> None:
    """The demo's reply said "you can reply to this email with a good time": nobody would
    have read it."""
    assert "reply to this email" not in demo_triage.REPLY.lower()
    assert "reply to this email" not in demo_triage.PHONE_NOTE.lower()


def _text(email: EmailMessage) -> str:
    """The email's words, as read (lines end in CRLF on the wire)."""
    return str(email.get_content()).replace("\r\n", "\n")


# In their language --------------------------------------------------------------------------


def test_a_reply_to_polish_feedback_is_wrapped_in_polish_and_says_the_team_writes_in_english(
    database: Database,
    db: Session,
    settings: Settings,
    factory: Factory,
    team: Team,
    supervisor: SignedIn,
    inbox: Inbox,
) -> None:
    polish = asking(
        db, settings, factory, team, "ola@example.test", contact_name="Ola",
        language=Language.POLISH, answers={"good": "Pracownik mnie słucha"},
    )  # fmt: skip
    supervisor.post(f"/feedback/queue/{polish.id}/reply", {"body": WORDS})

    run_once(database, sender_settings(inbox.port))

    [email] = inbox.wait_for(1)
    assert email["Subject"] == "Odpowiedź na twoją opinię"
    text = _text(email)
    day = format_date(to_london(polish.submitted_at).date(), format="long", locale="pl")
    assert text.startswith("Cześć, Ola!\n\nSłowa zespołu poniżej są po angielsku.\n\n" + WORDS)
    assert f"{day} otrzymaliśmy twoją opinię i prośbę o kontakt." in text
    assert "Jeśli teraz grozi ci niebezpieczeństwo, zadzwoń pod numer 999." in text
    assert "Możesz porozmawiać z Childline o każdej porze, za darmo: 0800 1111" in text
    assert "Nikt nie czyta odpowiedzi na tego e-maila." in text
    assert "/give-feedback/receipt?lang=pl" in text
    for english in ("Hello", "You gave us feedback", "in danger", "Childline at any time"):
        assert english not in text


def test_a_reply_to_an_arabic_parent_is_wrapped_in_arabic(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    """Plain text has no direction of its own: the words are simply Arabic."""
    arabic = asking(
        db, settings, factory, team, "amal@example.test", contact_name="أمل",
        language=Language.ARABIC, form_kind=FormKind.PARENT_CARER,
        answers={"good": "الأخصائي يستمع إلي"},
    )  # fmt: skip
    supervisor.post(f"/feedback/queue/{arabic.id}/reply", {"body": WORDS})

    message = the_outbox_row(db, arabic)
    assert message.subject == "ردّ على رأيك"
    assert message.body.startswith("مرحبًا أمل،\n\nكلمات الفريق أدناه باللغة الإنجليزية.\n\n")
    assert WORDS in message.body
    assert "إذا كنت في خطر الآن، اتصل بالرقم 999." in message.body
    # a parent is told who Childline is for
    assert "يمكن للأطفال والشباب التحدث إلى Childline في أي وقت، مجانًا: 0800 1111" in message.body
    assert "Hello" not in message.body and "You gave us feedback" not in message.body


def test_a_reply_in_english_says_nothing_about_the_language(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    item = asking(db, settings, factory, team, "jo@example.test")
    supervisor.post(f"/feedback/queue/{item.id}/reply", {"body": WORDS})
    body = the_outbox_row(db, item).body
    assert body.startswith(f"Hello Jo,\n\n{WORDS}\n\n")
    assert "in English" not in body
    assert "If you are in danger now, call 999." in body


def test_the_reply_box_says_the_email_s_own_words_will_be_in_their_language(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    polish = asking(db, settings, factory, team, "ola@example.test", language=Language.POLISH)
    said = page(supervisor.get(f"/feedback/queue/{polish.id}")).select_one("#reply-language")
    assert said is not None
    assert "in Polski, with a line saying that your words are in English" in said.get_text()


# How to reach them ----------------------------------------------------------------------------


def contact_rows(response: Any) -> dict[str, str]:
    details = page(response).select_one("#contact-details")
    assert details is not None
    return {
        row.select_one("dt").get_text(strip=True): row.select_one("dd").get_text(strip=True)  # type: ignore[union-attr]
        for row in details.select(".govuk-summary-list__row")
    }


def buttons(response: Any) -> dict[str, str]:
    """The reply's buttons: their words, and the way each sends."""
    group = page(response).select_one("[aria-labelledby=contact-heading]")
    assert group is not None
    return {b.get_text(strip=True): str(b.get("value", "")) for b in group.select("button")}


def test_with_a_phone_and_an_email_both_are_shown_apart_and_either_can_be_chosen(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    """The page said "by email at 07700 900123 / sam.test@example.com", with no way to note
    a phone call."""
    both = asking(db, settings, factory, team, "07700 900123 / sam.test@example.com")
    shown = supervisor.get(f"/feedback/queue/{both.id}")

    assert contact_rows(shown) == {"Email": "sam.test@example.com", "Phone": "07700 900123"}
    assert "by email at" not in shown.text
    assert buttons(shown) == {"Email them": "email", "Note a phone call": "phone"}

    rang = supervisor.post(f"/feedback/queue/{both.id}/reply", {"body": "Talked.", "way": "phone"})
    assert flash(supervisor.follow(rang)) == "Your phone call is noted"
    sent = supervisor.post(f"/feedback/queue/{both.id}/reply", {"body": WORDS, "way": "email"})
    assert flash(supervisor.follow(sent)) == "Your reply is on its way by email"

    db.expire_all()
    replies = db.exec(
        select(FeedbackReply).where(FeedbackReply.submission_id == both.id)
    ).all()
    assert [(r.body, r.outbox_id is not None) for r in replies] == [
        ("Talked.", False), (WORDS, True)
    ]
    assert the_last_address(db) == "sam.test@example.com"
    assert _audited(db, both) == ["feedback.reply.phoned", "feedback.reply.emailed"]


def reply_emails(db: Session) -> list[OutboxMessage]:
    return list(db.exec(select(OutboxMessage).where(OutboxMessage.kind == "feedback_reply")))


def the_last_address(db: Session) -> str:
    return reply_emails(db)[-1].to_address


def _audited(db: Session, item: FeedbackSubmission) -> list[str]:
    events = db.exec(
        select(AuditEvent)
        .where(AuditEvent.record_id == str(item.id))
        .where(AuditEvent.action.startswith("feedback.reply"))  # type: ignore[attr-defined]
        .order_by(AuditEvent.id)  # type: ignore[arg-type]
    ).all()
    return [e.action for e in events]


def test_an_email_only_or_a_phone_only_shows_just_that_way(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    by_email = asking(db, settings, factory, team, "sam@example.test")
    by_phone = asking(db, settings, factory, team, "07700 900123")
    emailed = supervisor.get(f"/feedback/queue/{by_email.id}")
    rung = supervisor.get(f"/feedback/queue/{by_phone.id}")
    assert contact_rows(emailed) == {"Email": "sam@example.test"}
    assert list(buttons(emailed)) == ["Send reply"]
    assert contact_rows(rung) == {"Phone": "07700 900123"}
    assert list(buttons(rung)) == ["Note the phone call"]
    refused = supervisor.post(f"/feedback/queue/{by_phone.id}/reply", {"body": WORDS,
                                                                      "way": "email"})
    assert refused.status_code == 409
    assert reply_emails(db) == []


def test_details_that_are_neither_a_phone_nor_an_email_are_said_to_be_unreadable(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    """Sent unchecked with a worry about safety; the page said "by phone on snap me
    lily_07"."""
    snap = asking(
        db, settings, factory, team, "snap me lily_07", contact_name="Lily",
        worried_about_safety=True,
    )  # fmt: skip
    shown = supervisor.get(f"/feedback/queue/{snap.id}")

    assert contact_rows(shown) == {"As they gave it": "snap me lily_07"}
    said = page(shown).select_one("#contact-unreadable")
    assert said is not None
    assert "could not be read as a phone number or an email address" in said.get_text()
    assert "by phone on" not in shown.text
    assert page(shown).select("main a[href^='tel:']") == []
    assert buttons(shown) == {"Note how you contacted them": "other"}

    empty = supervisor.post(f"/feedback/queue/{snap.id}/reply", {"body": "", "way": "other"})
    assert empty.status_code == 422
    assert field_error(empty, "body") == "Say what you talked about"
    noted = supervisor.post(
        f"/feedback/queue/{snap.id}/reply",
        {"body": "Their social worker passed on a message.", "way": "other"},
    )
    assert flash(supervisor.follow(noted)) == "How you contacted them is noted"
    [shown_note] = replies_shown(supervisor.get(f"/feedback/queue/{snap.id}"))
    assert shown_note.startswith("Contact noted")
    assert _audited(db, snap) == ["feedback.reply.noted"]
    assert reply_emails(db) == []


def test_a_readable_phone_beside_unreadable_words_is_a_phone_and_the_rest_is_said_unread(
    db: Session, settings: Settings, factory: Factory, team: Team, supervisor: SignedIn
) -> None:
    half = asking(
        db, settings, factory, team, "07700 900123 / jo@", worried_about_safety=True
    )
    shown = supervisor.get(f"/feedback/queue/{half.id}")
    assert contact_rows(shown) == {"Phone": "07700 900123", "As they gave it": "jo@"}
    said = page(shown).select_one("#contact-unreadable")
    assert said is not None and said.get_text().startswith("Part of what they gave")
    assert list(buttons(shown)) == ["Note the phone call"]
