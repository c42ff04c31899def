"""Personal data a reviewer found leaking, and ordinary sentences of the same shapes.

``LEAKS`` and ``ORDINARY`` were written before the rules they measure, going beyond the
reviewer's own examples: schools in lower case and schools whose first word is a first name
("richard lander academy"), street addresses in lower case, names of two letters after a role,
nicknames after a cue that names ("my nickname is", "they call me", "aunty"), hyphenated names
in lower case, dates of birth in words, an age before a comma or a full stop, and emails
without a domain ending. ``ORDINARY`` holds what children, parents and social workers write
with the same words around it but no personal data: it must come back unchanged.

Before the rules 41 of the 42 sentences in ``LEAKS`` leaked and none of the 44 ordinary
sentences changed; after them 2 leak (``NOT_YET_FOUND``) and none changes. The rules were
written looking at these sets, so ``SECOND_LEAKS`` and ``SECOND_ORDINARY`` were written after
the rules and not tuned on: 20 of the 22 leaked before, 7 after (``SECOND_NOT_YET_FOUND``);
none of the 23 ordinary sentences changes, before or after. (A 24th, "my brother is 9 and
annoying", was dropped: an age, which is removed by design, before and after.)

A year alone is not personal data ("in 2011 we moved"); a year of birth is ("born in 2011"
gives the age, which is removed too), so it is removed after "born", as before.
"""

from __future__ import annotations

import pytest

from learning.themes.redact import redact

LEAKS: list[tuple[str, str]] = [
    # schools in lower case, and schools whose name starts with a first name
    ("the teachers at penair school dont help me", "the teachers at [school] dont help me"),
    ("i go to richard lander academy", "i go to [school]"),
    ("i got excluded from treviglas academy", "i got excluded from [school]"),
    ("im in year 9 at penair", "im in year 9 at [school]"),
    ("she is in year 7 at pool academy and hates it", "she is in year 7 at [school] and hates it"),
    ("we moved me to humphry davy school", "we moved me to [school]"),
    ("Penair school never rings my mum", "[school] never rings my mum"),
    ("i start at brannel school in september", "i start at [school] in september"),
    ("my little brother goes to mounts bay academy", "my little brother goes to [school]"),
    # street addresses in lower case
    ("i live at 12 trelawney road", "i live at [address]"),
    ("we moved to 4 penventon terrace last year", "we moved to [address] last year"),
    ("send it to 27 tregolls road please", "send it to [address] please"),
    ("nan lives at 3b chyandour close", "nan lives at [address]"),
    ("i live on trevithick road with my dad", "i live on [address] with my dad"),
    # names of two letters after a role or before one
    ("my sw mo never helps", "my sw [name] never helps"),
    ("my social worker mo is kind", "my social worker [name] is kind"),
    ("my brother ty is always kicking off", "my brother [name] is always kicking off"),
    ("my key worker al said no", "my key worker [name] said no"),
    ("mo my sw is kind", "[name] my sw is kind"),
    # nicknames after a cue that names
    ("my nickname is Smudge", "my nickname is [name]"),
    ("my nickname is smudge", "my nickname is [name]"),
    ("they call me kazza at school", "they call me [name] at school"),
    ("everyone calls me smudge", "everyone calls me [name]"),
    ("aunty bev looks after me", "aunty [name] looks after me"),
    ("my mate tom is sound", "my mate [name] is sound"),
    ("uncle del picks me up", "uncle [name] picks me up"),
    # hyphenated names in lower case
    ("my brother ty-rese hits me", "my brother [name] hits me"),
    ("me and kacey-leigh are best friends", "me and [name] are best friends"),
    ("my sister rae-lynn is in care too", "my sister [name] is in care too"),
    # dates of birth in words
    ("I was born on christmas day 2011", "I was born on [date of birth]"),
    ("my DOB is the 3rd of the 4th 2011", "my DOB is the [date of birth]"),
    ("i was born on the twelfth of may", "i was born on the [date of birth]"),
    ("my birthday is on the 3rd", "my birthday is on the [date of birth]"),
    ("date of birth: first of june 2010", "date of birth: [date of birth]"),
    ("she was born on boxing day", "she was born on [date of birth]"),
    # an age before a comma or a full stop
    ("I'm 15, born in march", "I'm [age], born in march"),
    ("my sister is 4, she lives with nan", "my sister is [age], she lives with nan"),
    ("im 13. i hate it here", "im [age]. i hate it here"),
    # emails without a domain ending, or spelt with a provider
    ("email me kazzy123@hotmail", "email me [email]"),
    ("my email is jay.b2010@gmail", "my email is [email]"),
    ("my email is kaz at gmail", "my email is [email]"),
    ("message mum on tracey_k@outlook", "message mum on [email]"),
]

ORDINARY: list[str] = [
    "my school is ok",
    "i go to a special school now",
    "primary school was better than high school",
    "my new school is miles away",
    "i hate going to school",
    "year 9 is hard",
    "im in year 9 at the moment",
    "year 10 at school is stressful",
    "sunday school is boring",
    "she goes to boarding school",
    "the school nurse is nice",
    "we live on a farm road",
    "we live on the main road",
    "it took 2 hours down the road",
    "it is a 10 minute walk up the road",
    "there are 3 kids on our street",
    "we waited 2 weeks in the close",
    "my sw is nice",
    "my sw never rings back",
    "my social worker is ok",
    "my brother is annoying",
    "my mate is sound",
    "my carer will never listen",
    "call me back please",
    "they call me names",
    "they call me stupid at school",
    "call me if you need anything",
    "call me on the house phone",
    "aunty is nice",
    "i see my aunty at weekends",
    "christmas day was fun",
    "in 2011 we moved house",
    "my birthday was rubbish",
    "my baby was born in hospital",
    "born and raised in cornwall",
    "we are 2 minutes away",
    "it was 15, maybe 20 minutes",
    "the score was 3, 2 at half time",
    "i have been there 3 times.",
    "i got a new email address",
    "meet me at the park at 5",
    "self-harm is hard to talk about",
    "i feel like a part-time kid",
    "we had a know-it-all teacher",
]

NOT_YET_FOUND: list[tuple[str, str, str]] = [
    (
        "my little brother goes to mounts bay academy",
        "my little brother goes to [school]",
        "a school named by ordinary words, with no year or class before it",
    ),
    (
        "everyone calls me smudge",
        "everyone calls me [name]",
        "an ordinary word after 'call me' may be an insult ('they call me stupid')",
    ),
]
"""Sentences of ``LEAKS`` the rules still leave, with the reason."""

SECOND_LEAKS: list[tuple[str, str]] = [
    ("i was at tolvaddon school till year 6", "i was at [school] till year 6"),
    ("in year 11 at brannel they dont care", "in year 11 at [school] they dont care"),
    ("the head at trenance academy is strict", "the head at [school] is strict"),
    ("my foster home is 9 carne view road", "my foster home is [address]"),
    ("mum moved to 15 lemon street", "mum moved to [address]"),
    ("nan lives on penwerris lane now", "nan lives on [address] now"),
    ("my cousin jo-jo stole my phone", "my cousin [name] stole my phone"),
    ("my carer ab never lets me out", "my carer [name] never lets me out"),
    ("me and bo got into trouble", "me and [name] got into trouble"),
    ("people call me dizzy because of my hair", "people call me [name] because of my hair"),
    ("my nickname was titch", "my nickname was [name]"),
    ("nicknamed the bear by staff", "nicknamed [name] by staff"),
    ("aunty mags is my favourite", "aunty [name] is my favourite"),
    ("my dob is 3rd march 2012", "my dob is [date of birth]"),
    ("my birthday is on the twenty first", "my birthday is on the [date of birth]"),
    ("i was born on new years eve 2010", "i was born on [date of birth]"),
    ("she's 9, nearly 10", "she's [age], nearly 10"),
    ("he is 17. he lives alone", "he is [age]. he lives alone"),
    ("you can email me kayleigh_2009@yahoo", "you can email me [email]"),
    ("my email is bob at hotmail", "my email is [email]"),
    ("my brother jay-den is horrible to me", "my brother [name] is horrible to me"),
    ("uncle tel takes me fishing", "uncle [name] takes me fishing"),
]

SECOND_ORDINARY: list[str] = [
    "i go to school by bus",
    "my high school is big",
    "college is better than school",
    "year 8 at school is hard",
    "year 7 at the start was scary",
    "we live near the main road",
    "we had 3 tries down the lane",
    "i walked 2 miles up the road",
    "my carer is strict",
    "me and my mum go shopping",
    "my sw oh well",
    "call me when you can",
    "they call me a liar",
    "my nickname is a secret",
    "my aunty is lovely",
    "boxing day is the best",
    "my birthday is soon",
    "the baby was born in june",
    "it costs 5, or 10 with lunch",
    "email me back please",
    "im at hotmail usually",
    "we had a drive-by",
    "i want a part-time job",
]

SECOND_NOT_YET_FOUND: list[tuple[str, str, str]] = [
    (
        "the head at trenance academy is strict",
        "the head at [school] is strict",
        "'trenance' is one letter off 'entrance' run together: taken for a misspelling",
    ),
    (
        "people call me dizzy because of my hair",
        "people call me [name] because of my hair",
        "an ordinary word after 'call me'",
    ),
    ("my nickname was titch", "my nickname was [name]", "'nickname was' is no cue yet"),
    ("nicknamed the bear by staff", "nicknamed [name] by staff", "'the' before the nickname"),
    ("she's 9, nearly 10", "she's [age], nearly 10", "'15, nearly 16' reads as a range"),
    (
        "my email is bob at hotmail",
        "my email is [email]",
        "'bob' is an ordinary word: 'account at hotmail' must stay",
    ),
    (
        "my brother jay-den is horrible to me",
        "my brother [name] is horrible to me",
        "'den' is an ordinary word, so the hyphenated word is taken as listed",
    ),
]

_NOT_YET = {text for text, _, _ in NOT_YET_FOUND + SECOND_NOT_YET_FOUND}


@pytest.mark.parametrize(
    ("text", "expected"), [(t, e) for t, e in LEAKS + SECOND_LEAKS if t not in _NOT_YET]
)
def test_the_reviewers_kinds_of_personal_data_are_removed(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize("text", ORDINARY + SECOND_ORDINARY)
def test_ordinary_sentences_of_the_same_shapes_stay(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(text, expected, marks=pytest.mark.xfail(strict=True, reason=reason))
        for text, expected, reason in NOT_YET_FOUND + SECOND_NOT_YET_FOUND
    ],
)
def test_what_the_rules_still_leave(text: str, expected: str) -> None:
    assert redact(text) == expected
