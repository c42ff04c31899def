# ruff: noqa: E501  (prose: one voice per line reads better than wrapped strings)
"""What children, parents, carers and partner professionals wrote, for the demo council's
feedback (fictional, in their own words). Each voice is one person's text answers on one
form, with how it went for them (its ratings follow) and the topic a team would tag it with.

The recurring topics are the ones councils hear most: changing social worker too often, not
being told what a meeting is about, being listened to (or not), contact with brothers and
sisters, workers late for appointments, and things explained well. None of these is a
disclosure: the screen must not flag them (a test checks); the demo's disclosures are
written out in ``demo_moments``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from learning.feedback.terms import FormKind, Language


class Tone(StrEnum):
    GOOD = "good"
    MIXED = "mixed"
    POOR = "poor"


# Topics, as a team would tag them.
CHANGES = "changing social worker"
MEETINGS = "not told what the meeting was about"
LISTENED = "being listened to"
SIBLINGS = "brothers and sisters"
LATE = "late for appointments"
EXPLAINED = "explained things well"
REPORTS = "reports shared late"
JARGON = "jargon"
KINDNESS = "kindness"
CALLS = "calls not returned"
CARER_SUPPORT = "support for carers"
INTERPRETER = "interpreters"
GROUPS = "groups and activities"


@dataclass(frozen=True)
class Voice:
    kind: FormKind
    tone: Tone
    topic: str
    texts: dict[str, str] = field(default_factory=dict)
    language: Language = Language.ENGLISH


def _voices(kind: FormKind, rows: list[tuple[Tone, str, dict[str, str]]]) -> list[Voice]:
    return [Voice(kind, tone, topic, texts) for tone, topic, texts in rows]


# fmt: off
G, M, P = Tone.GOOD, Tone.MIXED, Tone.POOR

CHILD_8_12 = _voices(FormKind.CHILD_8_12, [
    (G, EXPLAINED, {"good": "Jess explained what is happening with my mum in a way I understood. she drew it for me"}),
    (P, CHANGES, {"better": "I keep getting a new social worker. I have had 4 and I dont want to tell my story again"}),
    (M, SIBLINGS, {"good": "my foster carer is nice and I have my own room", "better": "I want to see my brother and sister more not just once a month"}),
    (P, MEETINGS, {"better": "nobody told me what the meeting was about and everyone was talking about me"}),
    (G, LISTENED, {"good": "She listened to me and she remembered what I said last time", "better": "visits after school not in lessons"}),
    (M, LATE, {"good": "we played uno while we talked", "better": "she was late two times and I missed my tea"}),
    (G, LISTENED, {"good": "I liked that I could write my wishes and feelings on the computer instead of saying it"}),
    (M, SIBLINGS, {"good": "seeing my nan is good", "better": "I miss my little sister. I want to see her at christmas"}),
    (G, EXPLAINED, {"good": "I understood the plan because they used pictures", "better": "nothing"}),
    (P, CHANGES, {"better": "why do they keep changing my social worker. I liked Owen and then he left"}),
    (M, JARGON, {"good": "the chair said hello to me before the meeting", "better": "use shorter words in meetings. I didnt know what core group means"}),
    (G, KINDNESS, {"good": "my social worker asks about my football and came to watch a match"}),
    (M, LATE, {"better": "please come when you say you will. I waited by the window"}),
    (G, SIBLINGS, {"good": "I see my brothers every saturday now and it is the best"}),
    (M, LISTENED, {"good": "they let me choose where we met", "better": "I said I didnt want to move schools and it still happened"}),
    (G, KINDNESS, {"good": "my worker came to my school play"}),
    (M, MEETINGS, {"better": "tell me before the meeting who is coming"}),
    (G, EXPLAINED, {"good": "good", "better": "more trips"}),
])

YOUNG_PERSON = _voices(FormKind.YOUNG_PERSON, [
    (P, CHANGES, {"better": "I've had five social workers since I was 12. Every time I have to start again and it's exhausting", "more": "Just keep the same person please"}),
    (G, LISTENED, {"good": "My IRO actually listened and the plan changed because of what I said about college"}),
    (M, REPORTS, {"good": "My PA is sound", "better": "Send me the report before the review, not on the day. I walked in and didn't know what they were going to say"}),
    (M, SIBLINGS, {"good": "Living with my aunt is going ok", "better": "I want more time with my brothers, and not in a contact centre with someone writing notes"}),
    (P, LATE, {"better": "Workers are always late or cancel last minute. If I did that at college I'd get a warning"}),
    (G, EXPLAINED, {"good": "Kit explained my pathway plan properly and helped me sort my provisional licence", "more": "thanks for the help with my housing form"}),
    (M, LISTENED, {"good": "I got to chair part of my own review which was good", "better": "Stop asking the same questions every visit"}),
    (G, KINDNESS, {"good": "They text before they come and ask if it's a good time", "better": "More help with money and budgeting before I move out"}),
    (P, MEETINGS, {"better": "Too many people at my meeting who I'd never met. Nobody said why they were there", "more": "I want to be asked who comes"}),
    (M, CHANGES, {"good": "my new worker is alright", "better": "Tell me when my worker is leaving, don't just send someone new"}),
    (G, LISTENED, {"good": "When I said I wanted to stay at my school they made it happen"}),
    (M, JARGON, {"better": "Explain what the words mean. Section 20, PEP, LAC review... I don't know what half of it is"}),
    (G, GROUPS, {"good": "The Moving On drop-in is good and the food is decent", "better": "Open later on Thursdays"}),
    (M, LATE, {"good": "my PA replies to texts", "better": "the bus pass took 6 weeks to come"}),
])

CHILD_UNDER_8 = _voices(FormKind.CHILD_UNDER_8, [
    (G, LISTENED, {"more": "I liked drawing with Maya. (my foster carer helped me write this)"}),
    (M, SIBLINGS, {"more": "I want to see my big sister"}),
    (G, KINDNESS, {"more": "she gave me a dog sticker"}),
    (P, CHANGES, {"more": "where has Rhys gone"}),
    (G, EXPLAINED, {"more": "Owen made a book with me about the new house"}),
    (M, LATE, {"more": "she came late and I was in my pyjamas"}),
    (G, GROUPS, {"more": "I like the toys and the big slide"}),
    (M, MEETINGS, {"more": "too much talking"}),
])

THREE_HOUSES = _voices(FormKind.THREE_HOUSES, [
    (M, SIBLINGS, {"worries": "not seeing my brother", "good_things": "my cat and my foster mum's cooking", "dreams": "to live with my brother when I am older"}),
    (M, CHANGES, {"worries": "getting another new social worker", "good_things": "football on saturdays", "dreams": "to be a footballer"}),
    (G, LISTENED, {"worries": "nothing right now", "good_things": "my new school and my friend Leo", "dreams": "go to Disneyland"}),
    (M, MEETINGS, {"worries": "the big meeting next week, I don't know who is going to be there", "good_things": "my mum is trying really hard", "dreams": "that we can all live together again"}),
    (G, GROUPS, {"worries": "tests at school", "good_things": "dancing", "dreams": "to be a vet"}),
    (P, SIBLINGS, {"worries": "that my sister forgets me", "good_things": "my nan", "dreams": "christmas with my sister"}),
    (G, KINDNESS, {"good_things": "my social worker is funny", "dreams": "get a puppy"}),
    (M, LATE, {"worries": "when people say they will come and they don't", "good_things": "gaming with my foster brother", "dreams": "a PS5"}),
    (M, EXPLAINED, {"worries": "mum being poorly", "good_things": "going to the park with dad", "dreams": "mum gets better"}),
])

PARENT_CARER = _voices(FormKind.PARENT_CARER, [
    (P, MEETINGS, {"better": "I was sent a letter for a conference but nobody explained what it was for. I was worried sick for a week. Someone should have phoned to explain it first."}),
    (G, EXPLAINED, {"good": "Gemma was honest with me from the start and explained every step. I never felt judged."}),
    (P, CHANGES, {"better": "We've had three social workers in eight months. Each one asks the same questions and the plan starts over."}),
    (M, REPORTS, {"good": "The conference chair was fair and let me speak.", "better": "I got the report the night before. I didn't have time to read it, let alone get advice."}),
    (M, LATE, {"good": "Family support worker has been brilliant with the kids' routines", "better": "Visits are often late and nobody lets me know. I take time off work for them."}),
    (G, LISTENED, {"good": "They listened when I said the plan wasn't working around my shifts and changed the times."}),
    (M, SIBLINGS, {"good": "Contact with the kids is well organised", "better": "My two youngest live apart and only see each other at my contact. They need their own time together."}),
    (P, CALLS, {"better": "I leave messages and nobody calls back for days."}),
    (G, GROUPS, {"good": "The family hub helped with the school, housing and the food bank all in one place.", "better": "More groups in the evenings for working parents"}),
    (M, JARGON, {"good": "The worker was kind", "better": "Too much jargon. Say what you mean in normal words."}),
    (G, LISTENED, {"good": "As a grandparent caring for my granddaughter, I finally feel someone is on our side.", "better": "Help with the special guardianship paperwork took too long"}),
    (M, MEETINGS, {"better": "Hold meetings somewhere that isn't the council offices. It feels like being in trouble."}),
    (G, EXPLAINED, {"good": "Thank you for explaining the plan clearly and writing down what I needed to do."}),
    (P, LISTENED, {"better": "I said at every meeting my son needs an autism assessment and it is still not in the plan."}),
    (M, LATE, {"good": "The new worker is good", "better": "She was 40 minutes late and then had to leave early for another visit."}),
    (G, LISTENED, {"good": "I felt listened to for the first time. My views are in the plan in my own words."}),
    (M, INTERPRETER, {"better": "Book an interpreter for every meeting, not just the conference."}),
    (G, CHANGES, {"good": "Having the same worker for a year has made all the difference."}),
])

FOSTER_CARER = _voices(FormKind.FOSTER_CARER, [
    (M, CARER_SUPPORT, {"good": "Our supervising social worker is excellent and always picks up.", "better": "Out of hours support is hard to reach at weekends."}),
    (P, REPORTS, {"better": "We are not sent the child's plan or the minutes. We find things out from the child."}),
    (M, SIBLINGS, {"good": "Sibling contact has improved", "better": "Please arrange contact in the holidays, not on school nights."}),
    (G, LISTENED, {"good": "The child's social worker asked my view before the review and used it."}),
    (M, CHANGES, {"better": "The child has had four social workers. Each time we lose months."}),
    (M, CARER_SUPPORT, {"good": "Training is good", "better": "Allowances were paid late twice this year and nobody told us why."}),
    (G, EXPLAINED, {"good": "Clear explanation of the delegated authority rules at last.", "better": "Share the placement plan sooner"}),
    (M, LATE, {"better": "Workers turn up late for statutory visits and the child gets unsettled waiting."}),
    (G, CARER_SUPPORT, {"good": "The support group is a lifeline. Thank you."}),
    (M, MEETINGS, {"better": "We were not invited to the review for our own foster child."}),
])

PARTNER = _voices(FormKind.PARTNER, [
    (M, REPORTS, {"good": "Conference chair kept the meeting focused on the child", "better": "Reports arrived the day before conference; agencies need three working days."}),
    (G, LISTENED, {"good": "As the school's designated lead I felt my information was valued and it shaped the plan."}),
    (P, MEETINGS, {"better": "Core group invitations come at short notice and often clash with school hours."}),
    (M, LISTENED, {"good": "The social worker shared the child's views in her own words", "better": "Minutes take weeks to come out."}),
    (G, EXPLAINED, {"good": "Clear feedback on our referral from the front door within 24 hours.", "better": "A named contact for health visitors would help."}),
    (M, CHANGES, {"better": "Hard to know who the allocated worker is; it has changed twice this term."}),
    (G, LISTENED, {"good": "Good to see the child's wishes at the start of the report."}),
    (M, LATE, {"better": "Meetings start late and overrun; GPs cannot stay."}),
    (G, EXPLAINED, {"good": "Police and social care worked well together; the joint visit was well planned."}),
    (M, MEETINGS, {"better": "Please say in the invitation what decisions the meeting will make."}),
])

# fmt: on
ENGLISH: dict[FormKind, list[Voice]] = {
    voices[0].kind: voices
    for voices in (
        CHILD_8_12,
        YOUNG_PERSON,
        CHILD_UNDER_8,
        THREE_HOUSES,
        PARENT_CARER,
        FOSTER_CARER,
        PARTNER,
    )
}
