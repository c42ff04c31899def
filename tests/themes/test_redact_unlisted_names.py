"""Names on no list, in lower case or capitals, and ordinary sentences of the same shapes.

``NAMES`` and ``ORDINARY`` were written before the cues of :mod:`learning.themes.redact_cues`:
names the lists lack (Cornish, Irish, Polish, Romanian, Arabic, Somali, Traveller, Welsh and
newly made-up ones) after "of", "about", "cos of", "because of", at the start of a sentence
before a verb, after a role ("the social worker"), before or after a comma of address, and
after "why"; and ordinary sentences with the same words around them but no name (slang,
children's spelling, texting), which must come back unchanged. Before those cues 56 of the 63
names stayed and 1 of the 111 ordinary sentences lost a word ("sumone took my phone"); after,
3 names stay (``NOT_YET_FOUND``) and no ordinary sentence changes. The ordinary words the first
round took for names ("brexit", "thanx", "soz", "evrythin", "sumone") are listed since.

``SECOND_NAMES`` and ``SECOND_ORDINARY`` were written after that round and not tuned on: 28 of
the 30 names stayed before the cues and 2 after (``SECOND_NOT_YET_FOUND``); none of the 68
ordinary sentences changes, before or after.
"""

from __future__ import annotations

import pytest

from learning.themes.redact import redact

NAMES: list[tuple[str, str]] = [
    # after "because of", "cos of", "coz of", "bc of" and "of"
    ("because of kerensa i had to change schools", "because of [name] i had to change schools"),
    ("i got moved cos of horia", "i got moved cos of [name]"),
    ("cos of wiktoria i cant go to youth club", "cos of [name] i cant go to youth club"),
    ("its because of abdirahman i got excluded", "its because of [name] i got excluded"),
    ("i lost my phone cos of braxtyn", "i lost my phone cos of [name]"),
    ("im in trouble because of jowan", "im in trouble because of [name]"),
    ("we got moved coz of ionela", "we got moved coz of [name]"),
    ("i got grounded bc of shamie", "i got grounded bc of [name]"),
    ("im scared of grzegorz", "im scared of [name]"),
    # after "about"
    ("nobody believes me about dewi", "nobody believes me about [name]"),
    ("no one listened about hodan", "no one listened about [name]"),
    ("they never asked me about oisin", "they never asked me about [name]"),
    (
        "i told them about sorin but nothing happened",
        "i told them about [name] but nothing happened",
    ),
    ("im worried about taytum", "im worried about [name]"),
    ("i keep thinking about faduma", "i keep thinking about [name]"),
    ("nobody tells me anything about bridie", "nobody tells me anything about [name]"),
    ("NOBODY BELIEVES ME ABOUT IOLO", "NOBODY BELIEVES ME ABOUT [name]"),
    # at the start of a sentence (or after "then", "i think") before a verb
    ("jago started it not me", "[name] started it not me"),
    ("piran hits me when staff arent looking", "[name] hits me when staff arent looking"),
    ("ilinca cried all night", "[name] cried all night"),
    ("cosmin stole my trainers", "[name] stole my trainers"),
    ("maddox broke my xbox", "[name] broke my xbox"),
    ("warsame shouts at me all the time", "[name] shouts at me all the time"),
    ("sagal bullies me at school", "[name] bullies me at school"),
    ("osian pushed me down the stairs", "[name] pushed me down the stairs"),
    ("bartek nicked my bike", "[name] nicked my bike"),
    ("then kenwyn threw a chair", "then [name] threw a chair"),
    ("i think hywel hates me", "i think [name] hates me"),
    ("johnjoe started crying and the staff came", "[name] started crying and the staff came"),
    ("zosia laughs at me", "[name] laughs at me"),
    # after a role
    (
        "the duty social worker morwenna never rang me back",
        "the duty social worker [name] never rang me back",
    ),
    ("the social worker stelian came late again", "the social worker [name] came late again"),
    ("my advocate llinos helped me write this", "my advocate [name] helped me write this"),
    (
        "the contact supervisor florin was rude to my mum",
        "the contact supervisor [name] was rude to my mum",
    ),
    ("the interpreter nour didnt turn up", "the interpreter [name] didnt turn up"),
    ("our guardian raluca explained everything", "our guardian [name] explained everything"),
    ("the taxi driver costel is always late", "the taxi driver [name] is always late"),
    # a comma of address
    ("lowenna, thank you for listening to me", "[name], thank you for listening to me"),
    ("cadi, you are the best carer ever", "[name], you are the best carer ever"),
    ("thank you for everything, sorcha", "thank you for everything, [name]"),
    ("eoghan, please ring me back", "[name], please ring me back"),
    ("demelza, sorry for being a pain", "[name], sorry for being a pain"),
    ("miss you loads, zaylee", "miss you loads, [name]"),
    ("thanks so much, mairead", "thanks so much, [name]"),
    # after "why"
    ("dunno why jaycee gets more pocket money", "dunno why [name] gets more pocket money"),
    (
        "idk why mabli gets to go home and not me",
        "idk why [name] gets to go home and not me",
    ),
    ("why does khalil always get his own way", "why does [name] always get his own way"),
    ("no idea why amani got moved", "no idea why [name] got moved"),
    ("i asked why dorin was allowed out", "i asked why [name] was allowed out"),
    ("dunno why kyrell is allowed a phone", "dunno why [name] is allowed a phone"),
    # more of each, names from further afield
    ("because of yousef i got kicked out", "because of [name] i got kicked out"),
    ("nobody asked me about marius", "nobody asked me about [name]"),
    ("laith broke the window", "[name] broke the window"),
    ("my befriender tegen is lush", "my befriender [name] is lush"),
    ("idil, thank you for everything", "[name], thank you for everything"),
    ("dunno why wojtek got a new bike", "dunno why [name] got a new bike"),
    ("cos of xander we cant go out", "cos of [name] we cant go out"),
    ("fiachra took my charger again", "[name] took my charger again"),
    ("i hate it cos of brooklynn", "i hate it cos of [name]"),
    ("WHY DOES KAIZER GET MORE", "WHY DOES [name] GET MORE"),
]

ORDINARY: list[str] = [
    # "because of", "cos of", "of"
    "because of school i got moved",
    "cos of covid we couldnt have contact",
    "because of lockdown i missed my exams",
    "i got moved cos of money",
    "all because of one argument we got split up",
    "cos of my behaviour i cant go to youth club",
    "its because of bullying i got excluded",
    "i lost my phone cos of curfew",
    "im in trouble because of nothing",
    "we got moved coz of funding",
    "im scared of spiders",
    "because of skool i got moved",
    "cos of ofsted the staff were stressed",
    "i got excluded bc of vaping",
    "cos of lockdwn we never saw anyone",
    "because of brexit my dad lost his job",
    "cos of ramadan i was tired at school",
    "because of adhd i struggle in class",
    "because of tiktok everyone knows",
    "im sick of moving",
    "i got grounded bc of my attitude",
    "BECAUSE OF SCHOOL I GOT MOVED",
    "COS OF LOCKDOWN I MISSED EVERYTHING",
    "cos of sumthing i said",
    # "about"
    "nobody believes me about money",
    "no one listened about the bullying",
    "they never asked me about contact",
    "i told them about it but nothing happened",
    "im worried about gcses",
    "i keep thinking about home",
    "nobody talks to me about anything",
    "nobody believes me about bullyin",
    "nobody tells me anything about nothin",
    "they asked me about skool",
    "worried about exams n stuff",
    "idc about pocket money",
    "its all about respect",
    "moaning about curfew again",
    "NOBODY BELIEVES ME ABOUT ANYTHING",
    "they lied about evrythin",
    # the start of a sentence before a verb
    "school started it not me",
    "everything started going wrong after the move",
    "lockdown made everything worse",
    "contact gets cancelled all the time",
    "nobody hits me here",
    "bullying happens when staff arent looking",
    "homework takes ages",
    "skool starts too early",
    "everyone cried at the meeting",
    "someone stole my trainers",
    "somebody broke my xbox",
    "then everything kicked off",
    "i think everyone hates me",
    "football helps me calm down",
    "nothing ever changes",
    "ngl nobody cares",
    "lol nobody listens",
    "fr nobody cares",
    "istg nobody listens",
    "sumone took my phone",
    "evry1 laughs at me",
    "dinner gets cold by the time we eat",
    # after a role
    "the duty social worker never rang me back",
    "the social worker came late again",
    "my advocate helped me write this",
    "the contact supervisor was rude to my mum",
    "my mentor is the only one who gets me",
    "the interpreter didnt turn up",
    "our guardian explained everything",
    "the taxi driver is always late",
    "the duty social worker eventually rang me back",
    "the social worker literally never listens",
    "the duty social worker finaly rang back",
    "my sw nvr rings",
    "my sw deffo doesnt listen",
    "my social worker alwys cancels",
    "my key worker ngl is the best",
    "my advocate basically did everything",
    "my befriender is lush",
    # a comma
    "thanks, for everything",
    "honestly, thank you for listening to me",
    "anyway, you are the best carer ever",
    "thank you for everything, really",
    "please, ring me back",
    "sorry, for being a pain",
    "ngl, thank you for everything",
    "lol, thanks for the help",
    "cheers, see you next week",
    "hiya, thank you for everything",
    "yeah, thank you for everything",
    "thanx, you helped loads",
    "soz, i was rude",
    "bless, she tried her best",
    "hun, thank you for everything",
    "miss you loads, honestly",
    "thanks so much, xx",
    "omg, thank you",
    # after "why"
    "dunno why everyone gets more",
    "idk why everyone gets to go home and not me",
    "why does everyone always get their own way",
    "no idea why contact got moved",
    "i asked why nobody was allowed out",
    "dunno why staff get to decide",
    "why does it always happen to me",
    "dunno why evry1 gets more pocket money",
    "why tf does nobody listen",
    "dunno why lockdown made it worse",
    "idk why theyre so strict",
    "why does nobody ring back",
    "WHY DOES EVERYONE GET MORE POCKET MONEY",
    "dunno why sumone got moved",
]


_MISSPELT = "shaped like an abbreviation or an ordinary word misspelt"
NOT_YET_FOUND: list[tuple[str, str, str]] = [
    ("all because of tadhg we got split up", "all because of [name] we got split up", _MISSPELT),
    ("BECAUSE OF SEREN I GOT MOVED", "BECAUSE OF [name] I GOT MOVED", _MISSPELT),
    (
        "my mentor guled is the only one who gets me",
        "my mentor [name] is the only one who gets me",
        _MISSPELT,
    ),
]
"""Names shaped like an abbreviation ("tadhg" ends in three consonants) or like an ordinary
word misspelt ("seren" is "serene" less a letter, "guled" is "glued" with two swapped): the
rules keep such words to spare "cahms", "realy", "becuase"."""

SECOND_NAMES: list[tuple[str, str]] = [
    ("cos of darragh i aint allowed out", "cos of [name] i aint allowed out"),
    ("i got moved because of radek n his mates", "i got moved because of [name] n his mates"),
    ("nobody believes me about idris", "nobody believes me about [name]"),
    ("im worried about najma cos she isnt eating", "im worried about [name] cos she isnt eating"),
    ("bryher started shouting at me in the car", "[name] started shouting at me in the car"),
    ("kamil broke my headphones", "[name] broke my headphones"),
    ("dawid laughs at me when i cry", "[name] laughs at me when i cry"),
    ("the receptionist florentina was lovely", "the receptionist [name] was lovely"),
    ("my stepbrother tymek hits me", "my stepbrother [name] hits me"),
    ("gwion, thank you for listening", "[name], thank you for listening"),
    ("thanks for sticking by me, rhydian", "thanks for sticking by me, [name]"),
    ("dunno why sahra gets her own room", "dunno why [name] gets her own room"),
    ("why does alexandru get more", "why does [name] get more"),
    ("i had a fight cos of kylo", "i had a fight cos of [name]"),
    ("kaycee stole my makeup", "[name] stole my makeup"),
    ("thank you efa for everything", "thank you [name] for everything"),
    ("harri, please call me", "[name], please call me"),
    (
        "because of abdiaziz i got kicked out of school",
        "because of [name] i got kicked out of school",
    ),
    (
        "i told them about hamse but they did nothing",
        "i told them about [name] but they did nothing",
    ),
    ("the interpreter yasin was really nice", "the interpreter [name] was really nice"),
    ("tyreese pushed me off my bike", "[name] pushed me off my bike"),
    ("my neighbour lleucu looks after me", "my neighbour [name] looks after me"),
    ("scared of nyla at school", "scared of [name] at school"),
    ("no one asked me about deqa", "no one asked me about [name]"),
    ("idk why zion got moved and not me", "idk why [name] got moved and not me"),
    ("love you loads, sion", "love you loads, [name]"),
    ("dawid and me got in trouble", "[name] and me got in trouble"),
    ("cos of tyson we got moved off the site", "cos of [name] we got moved off the site"),
]

SECOND_NOT_YET_FOUND: list[tuple[str, str, str]] = [
    (
        "sick of zakir taking my stuff",
        "sick of [name] taking my stuff",
        '"sick of" is no cue: "sick of moving", "sick of it"',
    ),
    ("elis, you are the best", "[name], you are the best", '"delis" less a letter'),
]

SECOND_ORDINARY: list[str] = [
    "cos of covid we missed loads",
    "because of lockdown nobody came",
    "cos of the move i lost my friends",
    "because of my adhd i get sent out",
    "i got moved cos of my behaviour innit",
    "im worried about my nan",
    "nobody believes me about anything ever",
    "they never asked me about my feelings",
    "i told them about the bullying",
    "im scared of the dark",
    "scared of going back home",
    "sick of being moved about",
    "idk why everything is so hard",
    "dunno why nobody rings back",
    "why does contact always get cancelled",
    "why does skool have to start so early",
    "football started again after summer",
    "lunch gets served at 12",
    "everyone laughs at me",
    "the staff laughs at me",
    "mum hits the roof when i swear",
    "dad rang me on sunday",
    "my stepbrother is annoying",
    "the receptionist was rude to my mum",
    "my neighbour is nice",
    "the interpreter was late",
    "thanks, you helped me loads",
    "please, just listen to me",
    "sorry, i didnt mean it",
    "honestly, thank you",
    "cheers, see ya",
    "love you loads, mum",
    "thank you so much, everyone",
    "thank you guys for everything",
    "thank you loads for the help",
    "ty for the help",
    "bruv, you dont get it",
    "fam, thank you",
    "yo, thanks for the lift",
    "tbh, i dont care anymore",
    "sumtimes i feel sad",
    "evry time i ask they say no",
    "nuthin ever changes here",
    "wen i grow up i wanna be a nurse",
    "skool started at 9 and i was late",
    "homework took ages",
    "maths started at 9",
    "netflix crashed again",
    "wifi dropped out again",
    "ps4 broke so im bored",
    "the xbox got taken off me",
    "coz of curfew i cant go to the party",
    "because of money we cant go on holiday",
    "nobody talks about my dad",
    "dunno why they moved me",
    "why does it matter what i wear",
    "thank you for listening to me xx",
    "my mentor is sound",
    "my advocate listened to me",
    "because of ur help i got my gcses",
    "cos of u i feel better",
    "thnks for everything",
    "thanku so much",
    "cuz of the rules i cant see my mates",
    "worried about moving out",
    "moving out scares me",
    "the driver was late again",
    "bestie, you are the best",
]

WITH_THE_CUES: list[tuple[str, str]] = [
    ("me and jade went to town", "me and [name] went to town"),
    ("my social worker grace never rang", "my social worker [name] never rang"),
    ("thank you cathal for everything", "thank you [name] for everything"),
    ("thanks so much, mairead xx", "thanks so much, [name] xx"),
    ("then kobi kicked off", "then [name] kicked off"),
]
"""Written with the cues, for the cases they add besides the sets above: a first name that is
also a word, in lower case, between "me and" or a role and a verb, "thank you" before a name,
a kiss after a name at the end."""

KEPT_WITH_THE_CUES: list[str] = [
    "my carer will never listen",
    "me and may go",
    "the security guy was rude",
    "my mentor guy was rude",
    "nobody told me about UCAS",
    "because of COVID we had no contact",
    "our nurses are Guardian Angels",
    "thank you bonnard ward",
    "tractors and turbo charged cars",
    "comfier chairs for parents",
    "information about coeliac disease",
    "we talked about inspirational women",
    "the medic called back at 4",
    "thank you for everything, really",
]
"""Ordinary text next to the cues: "will" and "may" (names too common as words), "guy", words
in capitals after a cue (abbreviations, brands), a role before a capitalised word, "thank you"
before a ward, an adjective or a plural before what looks like a verb, "about" after a word
that does not point to a person."""


@pytest.mark.parametrize(("text", "expected"), NAMES + SECOND_NAMES + WITH_THE_CUES)
def test_a_name_on_no_list_is_removed(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize("text", ORDINARY + SECOND_ORDINARY + KEPT_WITH_THE_CUES)
def test_the_same_shapes_without_a_name_come_back_unchanged(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(text, expected, marks=pytest.mark.xfail(strict=True, reason=reason))
        for text, expected, reason in NOT_YET_FOUND + SECOND_NOT_YET_FOUND
    ],
)
def test_names_the_rules_take_for_other_words_are_not_yet_removed(text: str, expected: str) -> None:
    assert redact(text) == expected
