"""The safeguarding screen flags disclosures, in five languages and as children type them.

Measured on the tables below: recall 100% (all 128 DISCLOSURES flag with the category
expected, and all 120 NEW_PHRASINGS flag) and no false alarms on the 85 ORDINARY comments.
Those are tuning tables, not an independent estimate. Sentences written after the lexicon
and measured before any fix tell more:
- NEW_PHRASINGS, three rounds of 40 disclosures, each written after the previous round's
  fixes: 27, 25, then 20 of 40 flagged (68%, 63%, 50%). New wordings of harm are often
  missed, so the screen is the first net, not the only one: a person reads every child's
  words within the review target.
- 40 more ordinary comments: 1 flagged (a "secret" birthday present, now in
  ACCEPTED_FALSE_ALARMS); the other 39 end ORDINARY.
- 14,494 ordinary NHS Friends and Family Test comments (public, labelled; adults about
  health care, not children's social care): 1.6% flag, almost all naming a harm word
  ("scared", "suicidal", "drugs", "abusive").
A false alarm costs a person a minute; a missed disclosure can cost a child, so the screen
errs towards flagging: idioms flag too (see ACCEPTED_FALSE_ALARMS).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from learning.feedback import form_questions, safeguarding, screen_text
from learning.feedback.safeguarding import ScreenResult, screen, screen_all
from learning.feedback.terms import ScreenCategory as C

DISCLOSURES: list[tuple[str, C]] = [
    # English: physical abuse
    ("my dad hits me when he is drunk", C.PHYSICAL_ABUSE),
    ("mum's boyfriend hit me last night", C.PHYSICAL_ABUSE),
    ("he beats me with a belt", C.PHYSICAL_ABUSE),
    ("I got punched by my stepdad", C.PHYSICAL_ABUSE),
    ("my uncle kicked me in the stomach", C.PHYSICAL_ABUSE),
    ("I have bruises on my arms from her", C.PHYSICAL_ABUSE),
    ("she slaps me if I am late home", C.PHYSICAL_ABUSE),
    ("im scard cuz he hurts me", C.PHYSICAL_ABUSE),
    ("dad hurtz me wen mum is out", C.PHYSICAL_ABUSE),
    ("he grabbed me by the neck and choked me", C.PHYSICAL_ABUSE),
    ("he is hurtin me", C.PHYSICAL_ABUSE),
    ("my step dad hit me wiv a belt", C.PHYSICAL_ABUSE),
    ("i get hit at home", C.PHYSICAL_ABUSE),
    ("HE HITS ME", C.PHYSICAL_ABUSE),
    ("h1ts me every day", C.PHYSICAL_ABUSE),
    # suicide
    ("I want to kill myself", C.SUICIDE),
    ("i wanna die", C.SUICIDE),
    ("I wnt 2 die", C.SUICIDE),
    ("I don't want to be alive anymore", C.SUICIDE),
    ("sometimes i dont want to be here", C.SUICIDE),
    ("i just want to end it all", C.SUICIDE),
    ("I wish I was dead", C.SUICIDE),
    ("everyone would be better off without me", C.SUICIDE),
    ("thinking about suicide a lot", C.SUICIDE),
    ("kms", C.SUICIDE),
    ("i cant go on like this", C.SUICIDE),
    ("I want to kil my self", C.SUICIDE),
    # self-harm
    ("i have been cutting myself", C.SELF_HARM),
    ("I cut my arms when I'm sad", C.SELF_HARM),
    ("i hurt myself on purpose", C.SELF_HARM),
    ("I took an overdose last month", C.SELF_HARM),
    ("i self harm", C.SELF_HARM),
    ("i self-harm when it gets bad", C.SELF_HARM),
    ("i burn myself with a lighter", C.SELF_HARM),
    # sexual abuse
    ("he touches me and I don't like it", C.SEXUAL_ABUSE),
    ("my cousin touched me in my private parts", C.SEXUAL_ABUSE),
    ("he made me do things I didnt want to", C.SEXUAL_ABUSE),
    ("he comes into my room at night", C.SEXUAL_ABUSE),
    ("a man online asked for nudes", C.SEXUAL_ABUSE),
    ("he said it was our little secret", C.SEXUAL_ABUSE),
    ("I was raped", C.SEXUAL_ABUSE),
    ("my brother's friend made me touch him", C.SEXUAL_ABUSE),
    ("he tuches me", C.SEXUAL_ABUSE),
    # emotional abuse
    ("she calls me stupid and worthless every day", C.EMOTIONAL_ABUSE),
    ("mum screams at me all the time", C.EMOTIONAL_ABUSE),
    ("they say nobody wants me", C.EMOTIONAL_ABUSE),
    ("they lock me in my room", C.EMOTIONAL_ABUSE),
    ("u dont understand im being abused", C.EMOTIONAL_ABUSE),
    # neglect
    ("there is no food in the house", C.NEGLECT),
    ("im hungry all the time", C.NEGLECT),
    ("I get left alone at night", C.NEGLECT),
    ("nobody looks after me", C.NEGLECT),
    ("no one looks after me at home", C.NEGLECT),
    ("nobody feeds me", C.NEGLECT),
    ("im always hungy", C.NEGLECT),
    # domestic abuse
    ("my dad hits mum", C.DOMESTIC_ABUSE),
    ("there is shouting and hitting at home", C.DOMESTIC_ABUSE),
    ("the police came to our house because dad hurt mum", C.DOMESTIC_ABUSE),
    ("my mum's boyfriend beats her up", C.DOMESTIC_ABUSE),
    ("my parents fight all the time and I hide in my room", C.DOMESTIC_ABUSE),
    ("my mam gets hurt by him", C.DOMESTIC_ABUSE),
    # exploitation
    ("I have an older boyfriend he is 24", C.EXPLOITATION),
    ("they gave me drugs to sell", C.EXPLOITATION),
    ("they said I owe them money", C.EXPLOITATION),
    ("I go country for them", C.EXPLOITATION),
    ("county lines", C.EXPLOITATION),
    # fear
    ("im scared to go home", C.FEAR),
    ("I'm scared of him", C.FEAR),
    ("I'm afraid of my stepdad", C.FEAR),
    ("I don't feel safe at home", C.FEAR),
    ("I do not feel safe", C.FEAR),
    ("I never feel safe there", C.FEAR),
    ("sooooo scaaared", C.FEAR),
    ("I am frightend of my dad", C.FEAR),
    ("i feel unsafe at home", C.FEAR),
    ("I'm not safe", C.FEAR),
    ("I have nightmares about going home", C.FEAR),
    ("I don’t feel safe", C.FEAR),  # a curly apostrophe
    # running away, substances, bullying
    ("I ran away from home last week", C.RUNNING_AWAY),
    ("I'm going to run away", C.RUNNING_AWAY),
    ("I slept rough for two nights", C.RUNNING_AWAY),
    ("my mum is always drunk", C.SUBSTANCES),
    ("dad smokes weed every day", C.SUBSTANCES),
    ("people at school bully me", C.BULLYING),
    ("I get bullied every day", C.BULLYING),
    ("they call me names and laugh at me", C.BULLYING),
    # immediate danger
    ("please help me", C.IMMEDIATE_DANGER),
    ("he said he will kill me", C.IMMEDIATE_DANGER),
    ("he has a knife", C.IMMEDIATE_DANGER),
    ("pls help", C.IMMEDIATE_DANGER),
    ("he has a 🔪", C.IMMEDIATE_DANGER),
    # Welsh
    ("Mae'n fy nharo i", C.PHYSICAL_ABUSE),
    ("Mae gen i ofn mynd adref", C.FEAR),
    ("Dw i ddim yn teimlo'n ddiogel", C.FEAR),
    ("Dw i eisiau lladd fy hun", C.SUICIDE),
    ("Dw i'n brifo fy hun", C.SELF_HARM),
    ("Mae dad yn taro mam", C.DOMESTIC_ABUSE),
    ("Does dim bwyd yn y tŷ", C.NEGLECT),
    ("Maen nhw'n fy mwlio yn yr ysgol", C.BULLYING),
    # Polish
    ("Boję się wrócić do domu", C.FEAR),
    ("boje sie ojczyma", C.FEAR),
    ("tata mnie bije", C.PHYSICAL_ABUSE),
    ("ojczym bije mnie pasem", C.PHYSICAL_ABUSE),
    ("chcę umrzeć", C.SUICIDE),
    ("tnę się", C.SELF_HARM),
    ("on mnie dotyka", C.SEXUAL_ABUSE),
    ("nie czuję się bezpiecznie w domu", C.FEAR),
    ("tata bije mamę", C.DOMESTIC_ABUSE),
    ("nie mam co jeść", C.NEGLECT),
    # Romanian
    ("Tata mă bate", C.PHYSICAL_ABUSE),
    ("mi-e frică să merg acasă", C.FEAR),
    ("vreau să mor", C.SUICIDE),
    ("mă tai", C.SELF_HARM),
    ("nu mă simt în siguranță acasă", C.FEAR),
    ("mă atinge unde nu vreau", C.SEXUAL_ABUSE),
    ("nu avem mâncare acasă", C.NEGLECT),
    ("tata o bate pe mama", C.DOMESTIC_ABUSE),
    # Arabic
    ("أبي يضربني", C.PHYSICAL_ABUSE),
    ("أنا خائف من الذهاب إلى البيت", C.FEAR),
    ("لا أشعر بالأمان في البيت", C.FEAR),
    ("أريد أن أموت", C.SUICIDE),
    ("أؤذي نفسي", C.SELF_HARM),
    ("يلمسني عمي", C.SEXUAL_ABUSE),
    ("أبي يضرب أمي", C.DOMESTIC_ABUSE),
    ("لا يوجد طعام في البيت", C.NEGLECT),
    ("يتنمرون علي في المدرسة", C.BULLYING),
    # an adult's words for a worry
    ("The young person disclosed that her stepfather hits her", C.CONCERN),
    ("I have a safeguarding concern about the children at home", C.CONCERN),
]

NEW_PHRASINGS: list[str] = [
    # round 1
    "my stepmum pulls my hair when she is angry",
    "dad throws stuff at me",
    "mum's new partner is really mean to me and he shoved me down the stairs",
    "i get smacked with a wooden spoon",
    "he strangled me last week",
    "i dont want to live anymore",
    "sometimes i think about ending my life",
    "i've been thinking of taking all my mums tablets",
    "i wish i could go to sleep and not wake up",
    "nobody would miss me if i was gone",
    "i scratch my arms till they bleed",
    "i hurt my self when i get upset",
    "my uncle makes me sit on his lap and touches my leg",
    "he sends me pictures of his private area",
    "an older man keeps messaging me on snapchat asking for pics",
    "my brother comes into my bed at night",
    "my dad says i am useless and should never have been born",
    "they tell me im a waste of space",
    "i never have clean clothes for school",
    "there is never any food and i have to get my own tea",
    "we have no electric and no heating",
    "i get left at home on my own for days",
    "mum and her boyfriend fight every night and he hits her",
    "dad pushed mum into the wall",
    "i hear mum screaming at night",
    "some lads gave me a phone and i have to take packages to places",
    "they make me hold drugs for them",
    "i have been going to parties with older men who give me vodka",
    "i dont wanna go home",
    "i'm petrified of my dad",
    "i feel scared all the time at home",
    "i get really frightened when he comes home drunk",
    "i want to run away from my foster placement",
    "i have been sleeping at my mates because i cant go home",
    "my mum takes drugs in front of us",
    "my dad is always drunk and shouting",
    "they beat me up after school",
    "they post horrible stuff about me online",
    "somebody please help me",
    "he said he would stab me",
    # round 2
    "when dad gets angry he grabs my arm really hard and it leaves marks",
    "my mum's friend keeps trying to get me into his car",
    "I don't eat at home because there's nothing in the fridge",
    "nobody comes to pick me up from school and I walk home in the dark alone",
    "my carer locks the food cupboard",
    "i sometimes stay out all night so i dont have to be at home",
    "he made me watch videos of grown ups doing stuff",
    "i had to sleep in the car with mum last week",
    "i took a load of pills last night",
    "i tried to hang myself",
    "i want to jump off the bridge",
    "my step brother hurts me when nobody is looking",
    "I get hit with a slipper",
    "they threaten to hurt my little sister if i tell",
    "my mum's boyfriend is always angry and I have to hide in my room",
    "my friends older brother gives us weed",
    "I have been sending pictures to a guy I met on a game",
    "they said they would hurt my family if I stopped",
    "dad gets drunk and breaks things",
    "my mum is off her head on something most days",
    "i feel like i'm not safe anywhere",
    "im scard of my stepdad he shouts at me",
    "i want to die soooo bad",
    "my nan hits me with her stick",
    "i am being bullied at school and no one does anything",
    "i get called names every day at school because of my skin",
    "there's a man who waits outside school and talks to me",
    "i have to go to a flat and do things for money",
    "mum says if i tell anyone she will send me away",
    "i get shut in the garden when i am naughty",
    "Rwy'n ofnus o fy llystad",
    "Tata krzyczy i bije mnie",
    "Mama mnie nie karmi, jestem głodny",
    "Mi-e frică de tatăl meu vitreg",
    "Nimeni nu are grijă de mine acasă",
    "زوج أمي يضربني كل يوم",
    "أنا أفكر في الانتحار",
    "أبي يصرخ علي ويهددني",
    "As a teacher I am worried, the child said dad hit him",
    "The young person disclosed that she is being sexually exploited",
    # round 3
    "mums boyfriend sleeps in my room sometimes and i dont like it",
    "my dad whacked me round the head with his shoe",
    "he pins me down",
    "my mum burns me with her cigarette",
    "i keep thinking everyone would be happier if i died",
    "i have a plan to end things",
    "i cut again last night",
    "i'm so done with everything i just want it to be over",
    "my step dad watches me when i get changed",
    "an adult at church told me to keep a secret",
    "my coach touches my bum",
    "he gives me money if i dont tell",
    "i have no coat and my shoes have holes and mum says theres no money",
    "i look after my baby brother all night because mum goes out",
    "we havent got a bed i sleep on the sofa",
    "mum forgets to feed us",
    "my brother and me get locked out of the house",
    "dad goes mental and smashes the house up",
    "dads girlfriend punches mum",
    "police keep coming round because of the fighting",
    "i got asked to carry a bag for some older boys and they pay me",
    "a man i dont know gave me a vape and asked for my number",
    "i owe a lad money and he says ill get hurt",
    "i'm terrified of going back there",
    "i get a horrible feeling when i know he's coming home",
    "i dont feel safe with my foster carer",
    "i keep running off from the unit",
    "i went missing last weekend",
    "mum has been using again",
    "theres needles in the bathroom",
    "everyone at school says i smell and pushes me",
    "people keep sending me messages telling me to kill myself",
    "help",
    "please can someone come",
    "Nu vreau să mai trăiesc",
    "Ona mnie bije kablem",
    "Mae fy nhad yn fy nghicio",
    "عمي يلمسني",
    "The child told me her mother's partner hurts her",
    "Foster carer here: the boy came back from contact with bruises on his arm",
]

ORDINARY = [
    "my social worker was nice",
    "the meeting was boring",
    "nothing to add",
    "I hit the ball really far when we played rounders",
    "We played football and I kicked the ball into the goal",
    "She listened to me and explained what would happen next",
    "I liked the games we played",
    "I want to see my brother more often",
    "The food at the contact centre was nice",
    "I would like more time with my worker",
    "My foster carer is kind and makes good dinners",
    "There were too many people at my review",
    "I didn't understand some of the words in the letter",
    "Can the meetings be after school please",
    "My worker always comes when she says she will",
    "I feel safe with my foster family",
    "I am happy living with my nan",
    "thanks for helping me with my college application",
    "I don't like it when they change my worker",
    "The room was too hot",
    "I wish we had more days out",
    "My worker helped me get a new bike",
    "it was ok",
    "no",
    "I liked drawing my three houses",
    "My dream is to be a vet",
    "I want to play for Arsenal when I grow up",
    "Please keep my worker, she is the best",
    "The review chair let me speak first",
    "We went bowling and I won",
    "I was nervous at first but it was fine",
    "The social worker kept us informed and answered my calls",
    "I did not receive the minutes of the meeting",
    "The plan makes sense now and I know what to do next",
    "I would have liked more notice before the visit",
    "The supervising social worker replies quickly to emails",
    "The training on therapeutic parenting was useful",
    "The conference report arrived two days late",
    "Good multi-agency working and clear actions",
    "Invitations should go out a week earlier, 9 days would be better",
    "My worker brought me a hot chocolate 😊",
    "Dim byd i'w ychwanegu",
    "Roedd y cyfarfod yn dda",
    "Mój pracownik socjalny jest miły",
    "Întâlnirea a fost bună",
    "الأخصائية الاجتماعية لطيفة",
    # written after the lexicon, to measure false alarms (one of 40 flagged: see below)
    "my worker took me to get a haircut",
    "I was angry at first but she helped me calm down",
    "I liked that they told me what was happening with court",
    "I don't like having to repeat my story to new people",
    "The contact visits with my dad are going well",
    "I want to stay with my foster family",
    "Can I have more pocket money",
    "they helped mum with money for the gas and electric",
    "the worker explained things in a way I understood",
    "my favourite thing was the trip to the beach",
    "I play on roblox with my friends after school",
    "we met on teams which was easier for me as a parent",
    "I felt judged at the start but not now",
    "My son's worker changes too often",
    "I was worried about the meeting but it went fine",
    "Please stop moving my social worker",
    "the plan was clear and I know who to ring",
    "I want to go home to mum at the weekend",
    "we had pizza and played games",
    "it helped to have my advocate there",
    "they listened when I said I wanted to see my nan",
    "the carer's training day was too long",
    "Our family support worker is amazing with the kids",
    "school is better now I have help with reading",
    "I could not get through on the phone for two days",
    "the letter had my name spelt wrong",
    "I liked the drawing activity about my feelings",
    "the review felt rushed",
    "i have no complaints",
    "The contact centre needs more toys for older children",
    "I was nervous about going back to school but it's okay",
    "my worker helped me with my bus pass",
    "I want to learn to drive when I'm older",
    "the meeting room was cold and there were no drinks",
    "thank you for helping us find a new house",
    "he is a brilliant worker",
    "My daughter felt listened to",
    "I was upset when they cancelled the visit",
    "it's ok i guess",
]

ACCEPTED_FALSE_ALARMS: list[tuple[str, C]] = [
    ("my mum will kill me if I'm late", C.IMMEDIATE_DANGER),
    ("my brother beat me at FIFA", C.PHYSICAL_ABUSE),
    ("I was scared before the meeting but it was ok", C.FEAR),
    ("I don't want to die my hair", C.SUICIDE),
    ("I kept the birthday present a secret from my sister", C.CONCERN),
]


def test_the_tables_are_big_enough() -> None:
    assert len(DISCLOSURES) >= 80 and len(ORDINARY) >= 40 and len(NEW_PHRASINGS) == 120
    assert {category for _, category in DISCLOSURES} >= set(C) - {C.ASKED_FOR_HELP}


@pytest.mark.parametrize(("text", "category"), DISCLOSURES)
def test_every_disclosure_flags_with_its_category(text: str, category: C) -> None:
    result = screen(text)
    assert result.flagged
    assert category in result.categories


@pytest.mark.parametrize("text", NEW_PHRASINGS)
def test_new_phrasings_flag(text: str) -> None:
    assert screen(text).flagged


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_feedback_does_not_flag(text: str) -> None:
    assert screen(text) == ScreenResult(flagged=False, categories=())


@pytest.mark.parametrize(("text", "category"), ACCEPTED_FALSE_ALARMS)
def test_idioms_flag_because_the_screen_errs_towards_flagging(text: str, category: C) -> None:
    assert category in screen(text).categories


@pytest.mark.parametrize(
    "text", ["I don't feel safe", "I do not want to die", "I'm not being hit, honestly"]
)
def test_negation_never_suppresses_a_flag(text: str) -> None:
    assert screen(text).flagged


def test_screen_all_is_the_union_sorted_and_unique() -> None:
    result = screen_all(["he hits me", "nothing else", "", "I'm scared of him", "he hit me"])
    assert result == ScreenResult(True, (C.FEAR, C.PHYSICAL_ABUSE))
    assert screen_all([]) == ScreenResult(False, ())
    assert screen_all(["fine", "   "]) == ScreenResult(False, ())


def test_a_disclosure_inside_a_long_answer_still_flags() -> None:
    padding = "The meeting was long and we talked about school and my football. " * 400
    assert screen(padding + "Also my stepdad hits me." + padding).flagged


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_crashes_on_any_text(text: str) -> None:
    result = screen(text)
    assert isinstance(result.flagged, bool)
    assert result.flagged == bool(result.categories)


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=0, max_size=20_000))
def test_never_crashes_on_huge_text_in_any_script(text: str) -> None:
    screen(text + "\u200f\u202e🔥" + text)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(DISCLOSURES), st.text(alphabet=" .,!?\n", max_size=5))
def test_punctuation_and_case_around_a_disclosure_do_not_matter(
    disclosure: tuple[str, C], around: str
) -> None:
    text, category = disclosure
    assert category in screen(around + text.upper() + around + "!!!").categories


def test_the_answer_scales_values_are_screened_once_with_the_same_result() -> None:
    """The forms' scale values are screened once and then known calm; the shortcut must
    give exactly what screening them gives, and only for those exact values."""
    values = {
        value
        for scale in vars(form_questions).values()
        if isinstance(scale, form_questions.Scale)
        for value in scale.values
    }
    assert {"yes", "no", "sometimes"} <= values
    for value in values:
        assert screen(value) == safeguarding._screen(value)
    assert safeguarding._calm_choices() <= values
    assert screen("yes please help me").flagged  # a value with more typed is screened


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_has_the_same_plain_words_by_the_quick_way(text: str) -> None:
    assert screen_text.ascii_plain_words(text) == screen_text.any_plain_words(text)


def test_ascii_plain_words_drop_apostrophes_and_split_on_the_rest() -> None:
    assert screen_text.plain_words("I DON'T feel safe...at home!") == [
        "i",
        "dont",
        "feel",
        "safe",
        "at",
        "home",
    ]
