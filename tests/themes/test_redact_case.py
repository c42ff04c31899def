"""Names written in capitals or in lower case, and the ordinary text around them.

Three sets of sentences in the words of children, parents and staff, each written before the
rules it tests were tuned: the first (``FIRST_SET``) before any of them; the second after the
first round, which its leaks then shaped; the third before that second round; the names with
no cue the rules then knew (``NO_CUE_BEFORE``) shaped the cues of
:mod:`learning.themes.redact_cues`. Each set has
sentences with a name that must go and ordinary sentences (shouting, slang, children's
spelling, the service's abbreviations) that must come back unchanged. The names that no rule
finds yet are kept below as expected failures, so that a rule that finds them shows up.
"""

from __future__ import annotations

import pytest

from learning.themes.redact import redact

FIRST_SET: list[tuple[str, str]] = [
    ("WOJCIECH SAID NO", "[name] SAID NO"),
    ("my worker SIOBHAN never came", "my worker [name] never came"),
    ("I HATE IT HERE WOJCIECH NEVER LISTENS", "I HATE IT HERE [name] NEVER LISTENS"),
    ("TELL BARTOSZ TO GIVE MY PHONE BACK", "TELL [name] TO GIVE MY PHONE BACK"),
    (
        "ME AND NEVAEH GOT SPLIT UP AND NOBODY ASKED US",
        "ME AND [name] GOT SPLIT UP AND NOBODY ASKED US",
    ),
    ("WHY DOES KAYDEN GET TO GO HOME AND I DONT", "WHY DOES [name] GET TO GO HOME AND I DONT"),
    ("MY KEY WORKER IS CERI AND SHE IS THE BEST", "MY KEY WORKER IS [name] AND SHE IS THE BEST"),
    ("DESHAWN KEEPS TAKING MY STUFF", "[name] KEEPS TAKING MY STUFF"),
    ("I WANT TO SEE MY BROTHER TYRESE", "I WANT TO SEE MY BROTHER [name]"),
    (
        "ask ZBIGNIEW from the leaving care team, he knows",
        "ask [name] from the leaving care team, he knows",
    ),
    ("THE STAFF LET KAYLEN STAY UP LATE", "THE STAFF LET [name] STAY UP LATE"),
    ("my sw OLUWADAMILOLA never rings back", "my sw [name] never rings back"),
    ("PLEASE TELL MIRELA I SAID SORRY", "PLEASE TELL [name] I SAID SORRY"),
    (
        "IONUT HIT ME AT SCHOOL AND NOBODY DID ANYTHING",
        "[name] HIT ME AT SCHOOL AND NOBODY DID ANYTHING",
    ),
    ("NO ONE LISTENS EXCEPT TAMSIN", "NO ONE LISTENS EXCEPT [name]"),
    ("Thank you to JOLENTA in the duty team", "Thank you to [name] in the duty team"),
    ("MUM SAYS KRYSTIAN CAN COME AT CHRISTMAS", "MUM SAYS [name] CAN COME AT CHRISTMAS"),
    ("I MISS ARIANWEN SO MUCH", "I MISS [name] SO MUCH"),
    ("FARHIYA IS MY BEST FRIEND", "[name] IS MY BEST FRIEND"),
    ("the IRO ANWEN WAS REALLY KIND", "the IRO [name] WAS REALLY KIND"),
    ("YASEEN AND ME WENT TO THE PARK", "[name] AND ME WENT TO THE PARK"),
    (
        "MY FOSTER CARERS ARE BRONWYN AND GETHIN AND I LOVE THEM",
        "MY FOSTER CARERS ARE [name] AND [name] AND I LOVE THEM",
    ),
    ("WHEN CAN I SEE JAYCEON AGAIN", "WHEN CAN I SEE [name] AGAIN"),
    ("wojciech said no", "[name] said no"),
    ("me and kacper went to the park", "me and [name] went to the park"),
    ("my friend bartosz moved away and i miss him", "my friend [name] moved away and i miss him"),
    ("i told nevaeh about my new school", "i told [name] about my new school"),
    ("kayden is my best mate", "[name] is my best mate"),
    ("i live with my nan and my cousin tyrese", "i live with my nan and my cousin [name]"),
    ("deshawn's mum is always shouting", "[name]'s mum is always shouting"),
    ("me and zbigniew share a room at the home", "me and [name] share a room at the home"),
    ("she said i cant see mirela anymore", "she said i cant see [name] anymore"),
    ("ionut and me got in trouble", "[name] and me got in trouble"),
    ("my social worker is called oluwadamilola", "my social worker is called [name]"),
    ("the staff wont let me ring krystian", "the staff wont let me ring [name]"),
    (
        "farhiya said she would come but she never did",
        "[name] said she would come but she never did",
    ),
    ("i want to live with arianwen again", "i want to live with [name] again"),
    ("playing xbox with yaseen is the best bit", "playing xbox with [name] is the best bit"),
    ("my key worker ceri listens to me", "my key worker [name] listens to me"),
    ("jayceon keeps calling me names", "[name] keeps calling me names"),
    ("can i see my little sister nevaeh more", "can i see my little sister [name] more"),
    ("went bowling with kaylen and it was fun", "went bowling with [name] and it was fun"),
    ("tell dariusz i said hi", "tell [name] i said hi"),
    (
        "me, tomek and the others were not allowed out",
        "me, [name] and the others were not allowed out",
    ),
    ("thanks to jolenta for sorting my move", "thanks to [name] for sorting my move"),
    (
        "i had contact with my dad and his girlfriend shantelle",
        "i had contact with my dad and his girlfriend [name]",
    ),
    ("everyone listens to mckenzie but not me", "everyone listens to [name] but not me"),
    ("i miss anwen so much", "i miss [name] so much"),
    ("Hope is all I have left", "[name] is all I have left"),
    ("my best friend Tink lives next door", "my best friend [name] lives next door"),
]

SECOND_SET: list[tuple[str, str]] = [
    ("sat next to kwabena at lunch", "sat next to [name] at lunch"),
    ("kwabena's dad shouted at me", "[name]'s dad shouted at me"),
    ("me n aleksy got told off", "me n [name] got told off"),
    ("aleksy n me are best friends", "[name] n me are best friends"),
    ("i dont like it when jaylah is mean", "i dont like it when [name] is mean"),
    ("tymon got excluded", "[name] got excluded"),
    ("i like it when marisol comes", "i like it when [name] comes"),
    (
        "the girl from school called raegan bullies me",
        "the girl from school called [name] bullies me",
    ),
    ("jaylah, mia and me went to the beach", "[name], [name] and me went to the beach"),
    ("ask mrs okwuosa she knows", "ask mrs [name] she knows"),
    ("my support worker is zenon", "my support worker is [name]"),
    (
        "i stay at my aunties with my cousins keanu and leland",
        "i stay at my aunties with my cousins [name] and [name]",
    ),
    ("went to the cinema with my mate lorcan", "went to the cinema with my mate [name]"),
    ("szymek never shares the xbox", "[name] never shares the xbox"),
    ("i want to go back to maeve's house", "i want to go back to [name]'s house"),
    ("ZAHIR KEEPS HITTING ME", "[name] KEEPS HITTING ME"),
    ("WHY WONT ANYONE LISTEN ABOUT KWABENA", "WHY WONT ANYONE LISTEN ABOUT [name]"),
    ("TYMON AND JAYLAH ARE MY FRIENDS", "[name] AND [name] ARE MY FRIENDS"),
    ("I WANT TO LIVE WITH MY AUNTIE DORCAS", "I WANT TO LIVE WITH MY AUNTIE [name]"),
    ("MY NEW SOCIAL WORKER KESTREL IS OK", "MY NEW SOCIAL WORKER [name] IS OK"),
    ("STOP MOVING ME AWAY FROM ODHRAN", "STOP MOVING ME AWAY FROM [name]"),
    ("i miss my old carer rhiannydd", "i miss my old carer [name]"),
    ("thank you to our worker ms adeyinka-bello", "thank you to our worker ms [name]"),
    ("the manager, GRAZYNA, was very supportive", "the manager, [name], was very supportive"),
    (
        "please pass on my thanks to teodora in the duty team",
        "please pass on my thanks to [name] in the duty team",
    ),
    ("dad says emrys cant come to contact", "dad says [name] cant come to contact"),
    ("I'M ALWAYS LEFT OUT WHEN FINNIAN IS HERE", "I'M ALWAYS LEFT OUT WHEN [name] IS HERE"),
    ("maisy-rose is my little sister", "[name] is my little sister"),
]

THIRD_SET: list[tuple[str, str]] = [
    ("me and my bestie shakira went shopping", "me and my bestie [name] went shopping"),
    ("i had a fight with kobi at school", "i had a fight with [name] at school"),
    ("my brother ezekiel lives in a different home", "my brother [name] lives in a different home"),
    ("i want to see my baby brother ezekiel", "i want to see my baby brother [name]"),
    ("eryk always takes my charger", "[name] always takes my charger"),
    ("tell eryk to stop", "tell [name] to stop"),
    ("aurelija and her mum came to visit", "[name] and her mum came to visit"),
    ("i used to live with bronagh and her kids", "i used to live with [name] and her kids"),
    ("my worker is called ifeoma and shes nice", "my worker is called [name] and shes nice"),
    (
        "our family support worker ayodele was brilliant with the kids",
        "our family support worker [name] was brilliant with the kids",
    ),
    ("my son's social worker is nnamdi", "my son's social worker is [name]"),
    ("thanks to cathal and the team", "thanks to [name] and the team"),
    ("I DONT WANT TO GO BACK TO BRONAGH", "I DONT WANT TO GO BACK TO [name]"),
    ("EZEKIEL IS MY BROTHER AND I WANT TO SEE HIM", "[name] IS MY BROTHER AND I WANT TO SEE HIM"),
    ("WHY DID THEY MOVE SHAKIRA", "WHY DID THEY MOVE [name]"),
    ("NO ONE TOLD ME THAT LULJETA WAS LEAVING", "NO ONE TOLD ME THAT [name] WAS LEAVING"),
    ("I LOVE LIVING WITH NANA AND GRANDAD ABIODUN", "I LOVE LIVING WITH NANA AND GRANDAD [name]"),
    ("THANK YOU IFEOMA FOR EVERYTHING", "THANK YOU [name] FOR EVERYTHING"),
    ("Our IRO, Mr OGUNLEYE, listened to us", "Our IRO, Mr [name], listened to us"),
    ("spoke to ms NWACHUKWU about the plan", "spoke to ms [name] about the plan"),
    ("i play fifa with dmitri and oskar", "i play fifa with [name] and [name]"),
    (
        "caoimhe said she would help me with my homework",
        "[name] said she would help me with my homework",
    ),
    ("anuoluwapo is the best carer ever", "[name] is the best carer ever"),
    ("i share a room with my sister saoirse", "i share a room with my sister [name]"),
    ("leighton and jaxon are my foster brothers", "[name] and [name] are my foster brothers"),
]

NO_CUE_BEFORE: list[tuple[str, str]] = [
    ("because of tymon i got moved", "because of [name] i got moved"),
    ("nobody believes me about kaidyn", "nobody believes me about [name]"),
    ("kobi started it not me", "[name] started it not me"),
    ("dunno why luljeta gets more pocket money", "dunno why [name] gets more pocket money"),
    (
        "the duty social worker temperance never rang me back",
        "the duty social worker [name] never rang me back",
    ),
    ("cathal, thank you for everything", "[name], thank you for everything"),
    ("i got in trouble cos of ruairi", "i got in trouble cos of [name]"),
]
"""Names that no rule found until the cues of :mod:`learning.themes.redact_cues`: after
"because of", "cos of" and "about", before a past tense ("started"), after "why", a name that
is also a word between a role and a verb ("temperance"), and a name greeted before a comma."""

NOT_YET_FOUND: list[tuple[str, str]] = [
    ("me and biscuit went to town", "me and [name] went to town"),
    ("BUNNY SAID I COULD HAVE HER HOODIE", "[name] SAID I COULD HAVE HER HOODIE"),
]
"""Ordinary words used as nicknames ("biscuit", "BUNNY"): only their place in the sentence
tells them from the word, and "me and ... went", "... SAID" take ordinary words too ("me and
school", "NOBODY SAID")."""

ORDINARY: list[str] = [
    "I HATE IT HERE NOBODY LISTENS",
    "my socal worker never rings me back",
    "becuase they never listen to me",
    "WHY DO I HAVE TO MOVE AGAIN",
    "i want to go home to my mum",
    "the staff are realy nice and kind",
    "i dont no why i cant see my brother",
    "they said it wood happen but it never happend",
    "I GET BORED AT WEEKENDS THERE IS NOTHING TO DO",
    "my foster carer is sooo nice",
    "wen can i see my dad",
    "i liked the activitys we did in the holidays",
    "PLEASE LISTEN TO ME",
    "im not aloud my phone after 9",
    "skool is ok but i get bullyed",
    "the food at the home is disgustin",
    "i feel safe hear",
    "my keywoker helps me with my homework",
    "WE NEVER GET TOLD ANYTHING ABOUT CONTACT",
    "I WANT MY OWN ROOM",
    "they keep chaging my social worker",
    "i was realy scared when the police came",
    "LAC REVIEW WAS BORING AND TOO LONG",
    "MY CAMHS WORKER IS GOOD",
    "the IRO listend to me this time",
    "I HAVE AN EHCP BUT SCHOOL IGNORE IT",
    "can we have more trips to the beech",
    "the wifi is rubbish and i cant do my coursework",
    "OMG THE NEW STAFF ARE SO STRICT",
    "i wish i could stay up later on fridays",
    "me and my sister got split up and its not fare",
    "evry time i say something they write it down",
    "I NEED MORE POCKET MONEY",
    "the PE teacher was nice to me",
    "we went to the GP and the NHS dentist",
    "i go to a SEND school and it is good",
    "thx for helping me with my ASYE",
    "honestly the MASH took ages to respond",
    "lol the staff are ok i guess",
    "idk what a care plan is tbh",
    "I DONT WANT TO GO TO CONTACT ANYMORE",
    "my mum and dad are spilt up",
    "i like my new placment",
    "its to noisy at nite",
    "I AM SICK OF BEING TREATED LIKE A BABY",
    "cant wait for xmas",
    "my freinds are not aloud to come round",
    "ASK ME WHAT I WANT NOT MY TEACHERS",
    "the CP meeting was scary",
    "social worker came late agen and didnt say sorry",
    "the worker was very profesional and explaned everything",
    "CIN MEETING MINUTES NEVER ARRIVED",
    "i dont get why i have to have contact at the centre",
    "WHY CANT I HAVE A SLEEPOVER LIKE EVERYONE ELSE",
    "me n my bro got split up",
    "my carer is ok but she shouts alot",
    "THE WIFI IS RUBBISH AT THE HOME",
    "i was so anxous before the meeting",
    "they never tell me nothing about my plan",
    "i want more say in whats happning",
    "my sw is nice but always late",
    "ITS NOT FAIR THAT I CANT SEE MY NAN",
    "i hate my placemnt",
    "i go to camhs every tuesday",
    "the respite was fun we did archery and climbing",
    "i got my gcse results and im happy",
    "PLEASE STOP CHANGING MY WORKER EVERY FEW MONTHS",
    "i feel like nobody cares tbh",
    "the new staff are sound",
    "i dont want to go to the PEP meeting",
    "LIFE STORY WORK WAS REALLY HELPFUL",
    "I LOVE MY FOSTER FAMILY SO MUCH",
    "can i have my own fone",
    "we went to the seaside and had chips",
    "i get anxiety when i have to go to school",
    "THE STAFF NEVER KNOCK ON MY DOOR",
    "my independent visitor is great",
    "sometimes i feel lonley at night",
    "they took my phone off me for no reason",
    "I WANT TO DO MORE ACTIVITIES AT WEEKENDS",
    "my key worker helped me with my CV",
    "i dont trust the police",
    "i want to see my brother more often",
    "my worker is nice and listens",
    "I DONT LIKE THE NEW PLACEMENT",
    "the staff take us bowling and swimming",
    "i had a fight with my sister",
    "WHY DOES EVERYONE GET TO GO HOME EXCEPT ME",
    "i get on with the other kids",
    "my social worker is ok i guess",
    "i share a room with my brother and its annoying",
    "i used to live with my dad",
    "thanks to the team for everything",
    "me and my bestie went shopping",
    "I GOT IN TROUBLE FOR NOTHING",
    "i wanna go on holiday",
    "the food is minging",
    "im sick of moving schools",
    "my carer helps me with my reading",
    "i like playing football with the staff",
    "they dont let me go out on my own",
    "i had contact with my mum on saturday",
    "my foster brothers are annoying but ok",
    "NOBODY ASKED ME WHAT I WANTED",
    "i want to stay here forever",
    "i dont understand my care plan",
    "the social worker was sooooo late",
    "i got a new bike for my birthday",
    "I HATE HAVING TO SEE THE DOCTOR",
    "i miss my old school and my freinds",
    "my worker is called my IRO sometimes",
    "we had pizza and watched netflix",
]


@pytest.mark.parametrize(("text", "expected"), FIRST_SET + SECOND_SET + THIRD_SET + NO_CUE_BEFORE)
def test_a_name_in_capitals_or_lower_case_is_removed(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize("text", ORDINARY)
def test_shouting_slang_and_misspelt_words_come_back_unchanged(text: str) -> None:
    assert redact(text) == text


@pytest.mark.xfail(strict=True, reason="an ordinary word used as a nickname")
@pytest.mark.parametrize(("text", "expected"), NOT_YET_FOUND)
def test_names_without_a_cue_the_rules_know_are_not_yet_removed(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "THE CPN AND THE OT CAME",
        "I WENT TO A&E AND THE ENT DOCTOR WAS NICE",
        "the ICU MDT meeting, then a referral from MASH and CAMHS",
        "DIOLCH YN FAWR AM Y GWAITH",
        "BECUASE THE PLACMENT WAS SOOO BAD",
        "I CANT WAIT ANYMORE",
        "MUM WILL NEVER LISTEN",
        "MAY I SAY SOMETHING",
        "she was diagnosed with sepsis",
        "i went with evryone and my freinds",
        "see gov.uk and www.tamarside.gov.uk",
    ],
)
def test_abbreviations_other_languages_and_misspellings_in_a_cue_stay(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("HOPE IS ALL I HAVE LEFT", "[name] IS ALL I HAVE LEFT"),
        ("TELL WILL I SAID HI", "TELL [name] I SAID HI"),
        ("MARK SAID NO", "[name] SAID NO"),
        ("dr okonkwo was lovely", "dr [name] was lovely"),
        ("Maisy-Rose is my little sister", "[name] is my little sister"),
    ],
)
def test_listed_names_count_in_capitals_and_lower_case_with_a_cue(text: str, expected: str) -> None:
    assert redact(text) == expected
