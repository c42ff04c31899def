"""The safeguarding screen flags disclosures, in five languages and as children type them.

Measured on the tables below: all 128 DISCLOSURES flag with the category expected, all 656
NEW_PHRASINGS flag, and none of the ORDINARY comments. Those are tuning tables, not an
independent estimate. Sentences written after the screen's last change and measured
before any fix tell more:
- NEW_PHRASINGS, rounds 1 to 3, forty disclosures each, mostly naming the harm, each
  written after the previous round's fixes: 27, 25, then 20 of 40 flagged (68%, 63%, 50%).
- Rounds 4 to 6, forty indirect tellings each (what a child says around harm without
  naming it: "he comes in the bathroom when I'm in there", "I sleep with a chair against
  my door"): 7, 11, then 15 of 40 flagged (18%, 28%, 38%). The phrases added for rounds 4
  and 5 caught only one more sentence of round 6 than the lexicon before them: each
  round's phrases catch that round, and little of the next.
- The cues (screen_cues_en) were written next, from what rounds 4 to 6 have in common: a
  person joined to secrecy, to being made to do something, to night and closeness, to
  distress. Round 7, written after them: the lexicon alone flagged 14 of 40, with the
  cues 20. Round 8, written after round 7's fixes: 15 and 21. FRESH_TELLINGS, round 9,
  written after round 8's fixes and not fixed since: the lexicon alone 18 of 40 (45%),
  with the cues 22 (55%). The cues add four to six in forty; the phrases added for a
  round add one to three of the next.
- Round 10 (in NEW_PHRASINGS), written after round 9 was measured, direct and indirect,
  with harms the earlier rounds named little (forced marriage, FGM, online grooming): the
  lexicon alone 27 of 40, with the cues 29 (68%, 73%). Its phrases were then added; they
  flag none of round 9 that did not flag before, so round 9 stays the fresh measure.
- Rounds 11 and 12 (in NEW_PHRASINGS), fifty tellings each, were written by someone who
  had never seen the screen's phrases or the earlier rounds, in children's, parents' and
  professionals' voices, most of them indirect. Round 11, after round 10's phrases: the
  lexicon alone 27 of 50, with the cues 34 (54%, 68%). Round 12, after round 11's phrases:
  23 and 28 of 50 (46%, 56%), much as round 9. Both rounds' phrases were then added; they
  flag none of round 9 that did not flag before.
- Round 13 (in NEW_PHRASINGS), sixty tellings written blind in the same way after round
  12's phrases: children's, parents' and professionals' voices, then harms the rounds named
  little (private fostering, domestic servitude, radicalisation, medical neglect). The
  lexicon alone 49 of 60, with the cues 51 (82%, 85%), perhaps because more of them than
  of rounds 11 and 12 name the harm or its usual words ("the belt", "bruises", "kys"). Its
  phrases were then added; they flag none of round 9 that did not flag before.
- Round 14 (in NEW_PHRASINGS), seventy tellings written blind in the same way after round
  13's phrases, at least two of every kind of harm, most indirect or coded ("its fine just
  dont ask about my back", "tell them not to ring ahead next time they visit", "home is ok
  when hes at work"): the lexicon alone 47 of 70, with the cues 50 (67%, 71%). Two of its
  misses were a fault, not a gap: "second phone|two phones|another phone" and the
  radicalisation words ("extremis*|...|race war|white power") never matched as meant,
  because a space splits words before `|` does; Romanian "made to" had the same fault.
  Its phrases were then added; they flag none of round 9 that did not flag before.
- Round 15 (in NEW_PHRASINGS), sixty tellings written blind after round 14's phrases by
  someone who had seen neither the screen nor the rounds, with parents telling of their
  own crisis ("I honestly worry what I might do") and professionals of what they saw (a
  baby's fracture whose explanation kept changing): the lexicon alone 46 of 60, with the
  cues 47 (77%, 78%). Looking for the fault round 14 found turned up fourteen older
  phrases, and seven of round 14's own, that matched less than they were written to
  ("clothes ~ too small|...|stink" never matched "my clothes stink"); they were mended
  with round 15's phrases. Together they flag one more of round 9 by the lexicon alone
  (19 of 40), and none more with the cues.
- In Welsh, Polish, Romanian and Arabic (OTHER_LANGUAGE_PHRASINGS): round 1, direct and
  indirect, 9 of 32 flagged; round 2, written after round 1's phrases, 1 of 24. The cues of
  screen_cues_intl came next (a person with closeness or with distress is enough there);
  OTHER_LANGUAGE_FRESH, round 3, written after them and not fixed since: the lexicons
  alone 5 of 24 (21%), with the cues 9 (38%). Round 4 (in OTHER_LANGUAGE_PHRASINGS), sixty
  tellings written blind, fifteen a language: the lexicons alone 34 of 60, with the cues 43
  (57%, 72%; Arabic 6 of 15 either way). Its phrases were written for each kind of telling in
  all four languages (long sleeves over cuts, a husband found for the summer, "say you fell
  down the stairs", passports taken, "you don't deserve food", the fridge empty while mum
  drinks in bed, an older boy's errands, a coach's presents), with Welsh mutations the
  lexicon lacked ("gleisiau", "gyfrinach"); two cue lines had round 14's fault (Romanian
  "...|cineva|mai mare", Polish "...|oddac|nie wolno") and were mended. Round 4 then flags
  59 by the lexicons, 60 with the cues; round 3, 6 and 11 of 24 (by "gleisiau", and
  Romanian "fratele ... plâng" as its Polish, Arabic and Welsh twins already did). Sixty
  ordinary comments written blind beside round 4 to trip a word-matcher: 15 flagged, 16
  after its phrases (the mended Romanian line); six by fear and secret words alone ("scared
  of the maths test", as "scared" flags in English), the rest by the cues (a person with a
  bath, photos, the night or a room; "grandma forces me to eat broccoli").
- So about half of indirect tellings in English, and more in the other languages, are
  missed. The screen is the first net, not the only one: a person reads every child's
  words within the review target.
- Ordinary comments written beside the rounds: 1 of 40 flagged in round 3, then 0, 1, 1,
  1, 1 and 3 of 40 in rounds 4 to 9, 1 of 20 in round 10 ("nervous"), 16 of 50 written
  blind beside rounds 11 and 12 to trip a word-matcher ("my brother beat me at mario
  kart", "i smashed my exams"), and 5 of 40 beside round 13 ("our dog is scared of the
  hoover", "coach wants to kill us"), and no more once its phrases were added; 11 of 50
  written blind beside round 14 to trip a word-matcher ("i want to run away to disneyland
  lol", "my PE kit keeps going missing"), and no more once its phrases were added. All are in
  ACCEPTED_FALSE_ALARMS but one of round 9's, "my carer took me to get new school shoes",
  which no longer flags since two cue words were narrowed ("took me", "shoes"); round 9
  still flags 22 of 40 without them. In the other languages, "mulțumesc pentru ajutor"
  (thanks for the help) flagged until "ajutor" counted only as a whole answer, and none of
  the 52 since.
- 14,494 ordinary NHS Friends and Family Test comments (public, labelled; adults about
  health care, not children's social care): 1.59% flagged before rounds 4 to 9, 1.72%
  after by the lexicon, 2.06% with the cues; after round 10, 1.73% and 2.07%; after rounds
  11 and 12, 1.74% and 2.08%; after round 13, the same (its phrases flag none of them);
  after round 14, 1.77% and 2.11%; after round 15, 1.79% and 2.13%.
  Almost all name a harm word ("scared", "suicidal", "drugs", "abusive") or tell of pain
  and being made to wait.
A false alarm costs a person a minute; a missed disclosure can cost a child, so the screen
errs towards flagging: idioms flag too (see ACCEPTED_FALSE_ALARMS).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from learning.feedback import form_questions, safeguarding, screen_text
from learning.feedback.safeguarding import ScreenResult, screen, screen_all
from learning.feedback.screen_spelling import PHRASE_SWAPS, WORD_SWAPS
from learning.feedback.terms import NOT_FROM_THE_SCREEN
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
    # missed by a review: "się" before the verb, the commoner order
    ("Chcę się zabić", C.SUICIDE),
    ("chce sie zabic", C.SUICIDE),
    ("Chyba się zabiję", C.SUICIDE),
    ("mam ochotę się zabić", C.SUICIDE),
    ("zaraz się zabiję", C.SUICIDE),
    ("chcę się powiesić", C.SUICIDE),
    ("chcę się otruć", C.SUICIDE),
    ("chcę się pociąć", C.SELF_HARM),
    ("znowu się potnę", C.SELF_HARM),
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
    # missed by a review written against an earlier screen, then added
    ("he toches me", C.SEXUAL_ABUSE),
    ("i want to kll myself", C.SUICIDE),
    ("nobody gives me dinner most nights", C.NEGLECT),
    ("my clothes are too small and smell and nobody washes them", C.NEGLECT),
    ("i dont get picked up from school", C.NEGLECT),
    ("mum drinks a lot and doesnt wake up", C.SUBSTANCES),
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
    # round 4: indirect tellings (what a child says around harm, not its name); 7 of 40 flagged
    "when mum's friend stays over he comes in the bathroom when im in there",
    "i have to wear long sleeves so nobody sees my arms",
    "dad said if anyone finds out we will all get taken away",
    "my little brother cries at night because there is never anything for tea",
    "my step mum pulls me by the ear and drags me upstairs",
    "I don't like going home on fridays because thats when he gets paid",
    "my cousin makes me play a game where we take our clothes off",
    "a man from the chicken shop gives me and my mates free food and lifts",
    "sometimes i think everyone would be better off if i wasnt around",
    "i stopped eating lunch so i get thinner, i feel disgusting",
    "mum stays in bed all day and I get my sisters ready for school",
    "my mums new partner wont let her see her friends or have her own money",
    "I have to lie to the teachers about where the marks come from",
    "he holds my head under the water in the bath as a punishment",
    "i take tablets from the cupboard when i cant sleep",
    "I wont be here by christmas",
    "some older boys say i owe them and now i have to work for them",
    "grandad tickles me in places I dont like",
    "we have to stay quiet in our room all weekend and cant come out",
    "the electric runs out a lot and we sit in the dark with no tea",
    "nobody at home talks to me, they act like im invisible",
    "someone i play xbox with keeps asking what i look like and where i live",
    "im always tired because of the noise in the house all night",
    "i sleep with a chair against my door",
    "my stepdad makes me stand in the corner for hours",
    "I keep thinking about jumping from the bridge",
    "the bruises are from falling over, that's what I'm meant to say",
    "mums boyfriend gave me money to keep quiet",
    "I had to go to hospital and they told me to say it was an accident",
    "my dad has lots of visitors at night who come to buy stuff",
    "they put a lock on the fridge",
    "my ex turns up at the house drunk and threatens me in front of the kids",
    "my daughter comes home with new clothes and phones and won't say who gives them to her",
    "since the new boyfriend moved in my son is scared to come out of his room",
    "i wish i could go to sleep and stay asleep",
    "my uncle shows me things on his phone that i dont like",
    "I want to live somewhere else, not with them",
    "he tells me im his girlfriend and i am 12",
    "the baby cries all day and nobody picks her up",
    "my brother's friends make me do stuff to them",
    # round 5, written after round 4's fixes: 11 of 40 flagged
    "my mum's boyfriend sends me messages late at night and tells me to delete them",
    "I'm not allowed to have a key so I wait outside till someone comes back",
    "when dad has been to the pub we all go quiet and stay out of his way",
    "I don't eat at school because I save my lunch for my brother",
    "the man next door lets me play on his playstation if I sit on his lap",
    "I've been getting headaches since mum's friend started giving me those sweets that "
    "make me sleepy",
    "nobody's noticed I've not been in school for 3 weeks",
    "I get blamed for everything and he makes me sleep in the shed",
    "my sister has a new phone and goes out at 2am in cars with older lads",
    "please don't tell my mum I wrote this",
    "sometimes I can't breathe because his hand is on my throat",
    "I don't see the point in anything, I just want everything to stop",
    "mum forgets to give me my medicine and I have fits",
    "there are men in our flat who I don't know and they sleep in the living room",
    "my step brother makes me keep watch while he does stuff",
    "I'm meant to say I live with mum but really I live with my friend's family",
    "I feel like I'm a burden and everyone would be happier",
    "I wet the bed because I'm scared of what happens at night",
    "my dad tells me I'm going to end up like my mum, dead in a ditch",
    "I haven't had a bath in ages because we have no hot water",
    "they shout at me every day and say I ruined their lives",
    "my foster carer took my phone and won't give it back unless I do what he says",
    "I'm scared to go to sleep because of what I see when I close my eyes",
    "the lady at the church says I'm possessed and prays over me for hours",
    "I have to give my dinner money to some boys every day or else",
    "my stepdad checks my phone and gets really angry if I talk to boys",
    "I hurt my wrist but I wasn't allowed to go to the doctor",
    "mum locks us in the bedroom when she goes out",
    "my grandma's new husband walks around with no clothes on",
    "a teacher at my school messages me on snapchat and says keep it between us",
    "I don't want to go back to my dad's, he does things to me",
    "I have been feeling really low and sometimes I scratch my legs till they bleed",
    "the house smells and there is dog poo everywhere",
    "I'm frightened of my brother, he has a knife in his room",
    "our carer leaves us with her 14 year old son every weekend",
    "I keep my shoes on in bed in case we have to leave quickly",
    "my mum's friend said I'm mature for my age and wants to take me to a hotel",
    "we had to move because dad found us",
    "my nan hits me with the hairbrush",
    "I have to sleep in the same bed as my uncle when we stay at his house",
    # round 6, written after round 5's fixes: 15 of 40 flagged
    "my boyfriend is in his twenties and he says my family wouldn't understand us",
    "when I get home from school I never know what mood she'll be in",
    "the last time I told someone it got worse",
    "I'm not allowed friends round because of what they might see",
    "he keeps my passport and says I can't leave",
    "I get woken up in the night to clean up after the party",
    "my mum's new man calls me his princess and buys me underwear",
    "I sleep at different houses most nights, whoever will have me",
    "mum doesn't come out of her room and I don't know if she's ok",
    "I know how to roll a joint for my dad",
    "my carer's husband watches me all the time and it makes me feel weird",
    "I'm 13 and I look after the baby on my own all night",
    "I don't think I'll be alive much longer if things stay like this",
    "the marks on my legs are from the cable",
    "my brother's mates pay me to hold things for them in my bag",
    "my dad said he will take me abroad and I will marry my cousin",
    "there's a man who waits for me at the bus stop after school and follows me home",
    "mum cries all the time and says she wants to go to sleep forever",
    "I'm really hungry at night but the kitchen is locked",
    "my teacher hugs me too long and sends me texts",
    "I had a burn on my arm and they told school it was the kettle",
    "sometimes I go without eating so my little sister can have more",
    "he threw my mum down the stairs and said it was my fault",
    "my ex keeps turning up and the kids are frightened of him",
    "my son's dad makes threats on facebook about taking him",
    "I stay in the toilets at school because I don't want to go home",
    "dad gets really angry when I make mistakes and I have to stay in my room with no dinner",
    "my foster brother comes into my room and gets in my bed",
    "I've been drinking every day to forget what happened",
    "I can't tell anyone what happens at my aunties",
    "they said nobody will believe me because I'm a liar",
    "I got taken to a flat in another town and I didn't know where I was",
    "my step mum won't let me eat with the family",
    "we don't have beds, we sleep on coats",
    "I hear mum screaming and then it goes really quiet",
    "I'm not coming back to the next meeting because there won't be a next time for me",
    "I feel like I'm drowning and nobody can see it",
    "my dad makes me fight my brother and films it",
    "she puts chilli in my mouth when I swear",
    "a girl at school is sending round a video of me in the changing room",
    # round 7, written after round 6's fixes: 14 of 40 by the lexicon, 20 with the cues
    "my stepdad said he'd put me in the ground if I ever spoke to you again",
    "I have to be really careful what I say at home",
    "there's a man at the park who buys us energy drinks and asks which one of us is the prettiest",
    "I don't go to the toilet at night because I have to go past his room",
    "mum said I can't wear shorts till the marks go",
    "my aunty takes all the money the council gives for me",
    "I was left at the shop for hours and nobody came",
    "I keep getting in trouble at school because I fall asleep, I have to look after mum at night",
    "the older girls at the home take me to parties and I wake up in places I don't know",
    "I get a headache when he squeezes my head",
    "my dad posts pictures of me online that I asked him not to",
    "she tells me I smell and makes me wash in cold water outside",
    "my foster carer hits the younger ones when you're not there",
    "sometimes I think about taking all my mum's tablets",
    "there's no lock on the bathroom and my stepbrother keeps walking in",
    "dad drives when he has had a drink with us in the car",
    "when my mum goes to work her friend babysits and he makes me watch grown up films",
    "nobody at home has noticed I've stopped eating",
    "my uncle gives me money and says it's our thing",
    "I'm not allowed to see my friends or go on my phone unless I do jobs for him",
    "I got sent to my nan's because mum's boyfriend doesn't like me, but nan hits too",
    "I went to school with a black eye and told them I fell off my bike",
    "our house has no carpets and there are rats",
    "my brother is 16 and he is always high, he threatens to hurt me if I tell",
    "someone keeps adding me on snapchat and sending me money to meet up",
    "I get in the bath with my dad and I don't like it anymore",
    "I can't sleep because I'm always listening for the door",
    "my mum's friend touched my leg under the table and said don't say anything",
    "I've been sleeping in the park with my mates",
    "I'm the only one who feeds my baby sister",
    "my dad makes me sit in the car outside the pub for hours",
    "I haven't been to the dentist ever and my teeth hurt all the time",
    "he said if I leave he'll hurt my mum",
    "I keep a bag packed under my bed",
    "my carer keeps my money and I haven't had any for weeks",
    "my family are sending me back home to get married in the summer",
    "there's a man online who says he loves me and wants me to run away with him",
    "I sometimes hurt myself so I can feel something",
    "my step dad shuts me in the cupboard under the stairs",
    "every time I say something at my review, I get punished at home after",
    # round 8, written after round 7's fixes: 15 of 40 by the lexicon, 21 with the cues
    "when daddy is cross he puts me in the dark room",
    "I don't have a coat and my shoes let the water in",
    "we moved house again and I don't go to any school now",
    "my mum's friend gives me a lift home and stops the car somewhere quiet",
    "I have to call him master",
    "my sister is 15 and she's pregnant by her manager at work",
    "we are not allowed to speak english at home and I get beaten if I do",
    "sometimes I wish I could have an accident so I don't have to go home",
    "nobody picks me up from school and I walk home on the main road in the dark",
    "mum's boyfriend says if I'm good I can have a phone, I have to be good in his room",
    "I've been sick for a week and nobody has taken me to the doctor",
    "our carer only feeds us bread and gives her own kids proper food",
    "dad keeps a bat by the front door and says it's for my mum",
    "my older brother's friends make me carry things to the park",
    "I get scared when the doorbell goes because of the men who come",
    "I've got nits and a rash and nobody does anything",
    "mum is always asleep on the sofa with the needle things next to her",
    "I don't like being alone with my grandad",
    "he makes me take photos of myself and send them to his friend",
    "I sleep in my clothes because it's so cold",
    "my parents say I'm a bad spirit and that's why things go wrong",
    "I only get to eat if I finish my chores",
    "my dad punches holes in the doors and then says sorry",
    "I have to babysit my brothers every night while mum goes out",
    "I tried to tell my teacher but she didn't listen",
    "there's a video of me and my boyfriend going round and I want to die",
    "my stepdad watches me in the shower through the gap",
    "foster carer here: the girl has come back from home visits with money and won't say where "
    "from",
    "my son's father strangled me in front of him last year and now he's back",
    "the child said mummy's friend hurt her bum",
    "my mum takes my medication and sells it",
    "I just feel empty all the time and I've started giving my things away",
    "at night my brother gets in my bed and does stuff I don't like",
    "they make me stand outside in the garden when they're angry",
    "I get told I'm the reason mum drinks",
    "there's a man on tiktok who says he'll pay for my train ticket to see him",
    "I've got a boyfriend who is 19 and I'm 13, he's really nice though",
    "my aunty burned my hand with a lighter",
    "nobody knows I'm gay, if dad finds out he'll kill me",
    "the neighbours call the police a lot about our house",
    # round 10, written after round 9 was measured: direct and indirect tellings, and harms
    # the earlier rounds named little (forced marriage, FGM, online grooming): 27 of 40 by
    # the lexicon, 29 with the cues
    "i eat my tea at my friends house most days cos theres nothing in ours",
    "mums new man says if i tell anyone about the bathroom thing ill get taken away",
    "my uncle buys me stuff and says i owe him a favour now",
    "i have to look after my little brothers all night when mum goes out and she doesnt come "
    "back till morning",
    "dad shouts that im useless and a mistake every time he sees me",
    "im not allowed to see my friends or have my phone unless i do what he says",
    "a boy from the park gives me money to carry bags to different houses after school",
    "i dont like it when my stepdad checks on me in the shower",
    "nobody has washed my uniform for weeks and the kids at school say i smell",
    "mum sleeps all day and the bottles are everywhere and i cant wake her up sometimes",
    "my older cousin makes me do things to him when everyone is asleep",
    "i wear long sleeves even in summer so nobody sees",
    "my dad said he would hurt my dog if i said anything to the social",
    "a man online keeps asking me for pictures and says hes 15 but i dont think he is",
    "when they fight i take my sister into the wardrobe and we wait",
    "i get locked in my room when ive been bad sometimes for the whole day",
    "im going to be sent to pakistan in the summer to marry someone i never met",
    "they took my passport and said i have to work to pay back the journey",
    "my foster carer calls me names when the social worker isnt there",
    "i dont want to go back to my dads at the weekend because of what happens at night",
    "theres no heating and we sleep in our coats",
    "i have marks on my back from the belt but i said i fell off my bike",
    "he keeps turning up outside school in his car and telling me to get in",
    "my mum's boyfriend walks around with no clothes on and makes me watch films i dont like",
    "i've been staying at different peoples flats and they give me stuff to smoke",
    "sometimes i think everyone would be better off if i just wasnt here",
    "my brother pushes my head under the water in the bath for a laugh but it isnt funny",
    "mum told me to say i live with my nan when the teacher asks",
    "i havent had my inhaler for ages because mum wont take me to the doctor",
    "the older lads said they know where i live and my mum will get hurt if i stop",
    "i get the bus to school with no breakfast and no coat and no money",
    "he touches my leg under the table and smiles and nobody sees",
    "my dad goes mental and smashes stuff and then says sorry the next day",
    "i stay up late on my phone talking to a man who says he loves me and wants to meet",
    "i'm scared to go home because my step mum said wait till your dad gets home",
    "they cut me down there when i was little and said it was to make me clean",
    "i have to hand over my dinner money to a group of year 11s or they beat me up",
    "my auntie said shed put me in care if i dont stop crying",
    "we move house a lot in the night and i'm not allowed to tell anyone where",
    "ive been cutting again but dont tell my mum she'll go mad",
    # round 11, written after round 10's phrases by someone who never saw the screen's
    # phrases: the lexicon alone flagged 27 of 50, with the cues 34 (54%, 68%)
    "sarah is nice n listens. i keep my hoodie on in pe even when its boiling so nobody sees "
    "my arms after dad has one of his days",
    "when i spill stuff mum makes me hold my hands out and does them with the wooden spoon "
    "till they go red and stingy",
    "my step dad said if i tell school about my ear again hell make the other one match it",
    "uncle ray says its our game and mums not allowed to know the rules of it. i dont want to "
    "go to his on sunday",
    "theres a guy on snap who says hell send my pics to my whole school unless i send more by "
    "tonight. i dont no what to do",
    "my boyfriends 24 he picks me up round the corner from the home n gets me vapes n weed, he "
    "says i owe him now and his mates want to meet me",
    "when i stay at dads his mate comes in my room after everyone is asleep and i just pretend "
    "im asleep til he goes",
    "someone on roblox said hes 13 but his voice sounds like a man and he keeps asking me to "
    "go on cam without my top",
    "sw was good tho she came on time and got me a hot choc, and she actually remembered about "
    "my exams. what could be better is home i guess, mum tells everyone im the reason dad left "
    "n that she wishes she just kept my brother n gave me away instead. she says it in front "
    "of my mates now",
    "if im bad i have to stand in the hall while they have tea. sometimes its till bedtime and "
    "i dont get any",
    "mummy does not talk to me for lots of days when im norty and tells my sisters not to talk "
    "to me to",
    "breakfast club is the best bit of my day cos theres toast, at home the cupboard is just "
    "sauce",
    "i do my little brothers tea and bath most nights cos mum goes out after and comes back "
    "when its light",
    "electrics been off since xmas we use our phone torches to find stuff n we all sleep in "
    "coats. college is warm at least",
    "Raising at the review: he has come in wearing the same uniform for three weeks, hair "
    "matted, head lice again, and told me there is no hot water at home. I am not sure anyone "
    "has followed up.",
    "i turn my music right up when they start shouting cos last time i heard mum hit the wall "
    "and it wasnt the wall",
    "He checks my phone every night and keeps my bank card. I'm not allowed to see my sister "
    "any more. I'm scared of what happens if he sees this form.",
    "dreams: me and mum and the baby live somewhere he doesnt know the adress of",
    "the police came again saturday. i hid my little sister in the wardrobe with my ipad n "
    "headphones till it went quiet",
    "some olders gave me a new phone and a bit of p, i just take a bag on the train to a flat "
    "out of town sometimes. easy money tbh dont tell my carer",
    "i owe them now cos the bag got robbed off me so i gotta keep running for them till its "
    "paid. cant say more on here",
    "He comes home with new trainers and two phones, goes very quiet when one of them rings, "
    "and last week he had a train ticket to Margate he couldn't explain.",
    "the guy in the discord says were being replaced and we need to be ready when it kicks "
    "off. hes been sending me vids of what to do",
    "My son has dropped all his old friends, says they are kuffar and will burn, and a man he "
    "talks to online is telling him he should travel. I'm scared he is being groomed by "
    "extremists.",
    "my brother says theres a war coming and hes been showing me how to mix stuff from bleach "
    "and other bits in the shed",
    "no point doing my pathway plan tbh i wont be around for it",
    "sharpener blade helps tbh",
    "saving my tablets just incase",
    "i cut again last night pls dont tell my carer",
    "they made a group chat called kys jade and put my school photo as the pic. theres like 40 "
    "people in it",
    "i go toilet in lessons not at break cos of the year 9s who wait in there, they took my "
    "shoes and shoved my head in the sink",
    "i eat my lunch in the library every day so nobody can get me. they film it when they trip "
    "me up on the stairs",
    "the lady i live with isnt my real auntie. i do the cleaning and her kids and i dont go "
    "school. she keeps my passport in her room",
    "Unaccompanied young person told me he works at a car wash from 7am to 10pm for the man "
    "who 'brought him over', is paid in food only and has to repay a debt of 8,000 pounds.",
    "morning the man take us in van to nail shop, we sleep upstair, he have my documents. i "
    "want go school please",
    "dad says in the summer were going back home for a wedding but nobody will tell me whose. "
    "my cousin said its mine. im 15",
    "if my family find out about my gf my brothers said theyll sort it the way they sorted my "
    "cousin",
    "mum took my phone and says im not going back to school after year 10 cos i need to learn "
    "to be a proper wife",
    "good things: i stayed out 3 nights last week at a mans flat and nobody even rang the "
    "police lol",
    "She's been missing from placement four times this month, comes back in the early hours in "
    "cars we don't recognise, once without her shoes.",
    "sometimes i sleep in the 24hr maccies or on the night bus cos its better than going back "
    "there",
    "mums special water in the fridge is just for her, after she has it she falls asleep on "
    "the kitchen floor and i cant wake her up",
    "dad keeps the little foil bits in the drawer and when his friends come round i have to "
    "stay in my room with the door shut even for the toilet",
    "when mummy has her tablets and the white stuff she forgets to get me from school",
    "one of the night staff at the unit puts extra credit on my phone if i go for a drive with "
    "him after lights out",
    "my foster carer locks the fridge and her kids eat first, i get whats left. she said if i "
    "tell my sw shell send me back to the home",
    "mr dale at football says im his favourite and messages me on insta late at night. he said "
    "dont tell the other lads",
    "When I picked her up from respite she had fingertip bruises on both upper arms and the "
    "staff just said she'd been 'a handful'.",
    "my foster brother is 14 and he makes me play a game under the duvet that i dont like",
    "At the review, her teacher reported that a 13-year-old pupil has been seen pressuring two "
    "younger children to touch each other in the toilets and filming it on his phone.",
    # round 12, written blind in the same way after round 11's phrases: the lexicon alone
    # flagged 23 of 50, with the cues 28 (46%, 56%)
    "(written by Mia age 6 with her TA) mummys boyfriend does the hard smacks on my head in "
    "the hair bit so nobody can see",
    "I need someone to know my partner pushed my 6 year old down the stairs on Sunday and I "
    "told A&E she tripped. I can't keep lying for him.",
    "priya is the best worker ever 10/10 🙌 also dont come to the house on thursday cos my step "
    "dad said he'll show me what happens if i grass again",
    "my uncle says the tickle game is our secret and if i tell i dont get my ipad back. i dont "
    "like the game anymore",
    "some guy off snap has pics of me and says hell send them to my whole year unless i send "
    "more by tonight. pls pls dont tell my mum",
    "jay and his mates pick me up after school in the merc and get me vapes and food n stuff. "
    "now they sayin i owe them and i gotta go to the party at the flat saturday",
    "my step brother comes in my room when everyones asleep and i just pretend im asleep. "
    "could i get a lock on my door",
    "Kayla (14) keeps coming back from contact with new acrylics, a second phone and a lot of "
    "cash. She says an 'older friend' pays for it and won't give a name or age.",
    "mum says she wishes she got rid of me before i was born. she only says it when shes "
    "tired. the rest of the time its ok",
    "Thank you for the group, it's been good. Sorry I always leave early, I have to be home "
    "before he checks the doorbell camera and he goes through my phone after so please don't "
    "text me about it",
    "not allowed to eat with the rest of them anymore cos i 'dont deserve it'. i sit on the "
    "landing till theyre done then i can have whats left",
    "i like breakfast club best cos its the only food till dinner at school and then theres "
    "nothing after most days",
    "(Leo is 6, he said this and I typed it) we sleep in our coats cos the heater is broke and "
    "mummy says theres no money for the key",
    "Ahmed is a lovely boy in class. The other children have started moving away from him "
    "because of the smell. He has worn the same uniform for about three weeks and told me the "
    "washing machine 'lives in the garden now'.",
    "my inhaler ran out like in march and mum keeps saying shes gonna ring the doctors. i go "
    "really tight at night and have to sit up",
    "good things: i can make my own tea now!! me and my brother (hes 4) are on our own most "
    "nights till like 11 and i do his bath and put him down",
    "worries: the shouting after i go to bed and the bangs on the wall and then in the morning "
    "mum wears her sunglasses in the kitchen",
    "(Noah 5, said to me at the session, I wrote it down for him) daddy squeezed mummys neck "
    "and she went a funny colour. i was under the table with the dog",
    "can we move the meeting im not around weekend gotta go up to a mates in swansea to drop "
    "some bits for a guy. its fine i get paid",
    "My son (14) has two phones now and one of them never stops going, even at 3am. He's been "
    "gone three days at a time twice since half term, came back with a wad of cash, new "
    "trainers and a deep cut on his hand he won't explain. He says he's 'just working for a "
    "mate'. I don't know who to tell without getting him in trouble.",
    "everyone carrys now miss its not even deep. ive got one in my bag for protection after "
    "what happend to kai",
    "Since the summer Tom (15) has been posting videos in the group chat about 'race traitors' "
    "and says the only answer is to 'start the war before it's too late'. He's up all night on "
    "a Telegram channel an older man invited him into and has stopped seeing his friends.",
    "the only people who actually get me are the lads on the server. they say normies like "
    "everyone at my school deserve whats coming and i kinda agree tbh",
    "ngl the worker is good but i still need the blades to get to sleep",
    "if u see me in hoodies in july just dont ask lol 🙃",
    "dreams: not waking up tbh",
    "i gave my teddy to my cousin and my switch to kian cos i wont need them after this week",
    "At the review Ellie (16) said she had 'sorted it' and has been saving up her tablets just "
    "in case. She was very calm about it, which worried me more than anything.",
    "my worker is lovely but pls stop putting biscuits out in sessions i literally cant. 3 "
    "days on just water and i can finally see my collarbones 🤍",
    "Our daughter runs up and down the stairs for an hour after every meal and we keep finding "
    "food wrapped in tissue behind the radiator. Her periods have stopped and she's cold all "
    "the time.",
    "the year 6s take my dinner money every day and they made me lick the toilet seat and said "
    "they will do it again if i tell",
    "theres a group chat called kys maisie with like 40 people from my year in it. its been "
    "going since easter and they post my address in it",
    "Dang (15) told me he came to the UK to 'work off the money' for his journey. He lived "
    "above a nail bar and wasn't allowed out. He's very frightened 'the uncle' will find out "
    "where he's living now.",
    "i do the car wash every day after school for the man my dad owes. i dont get any money "
    "and he keeps my passport in his office",
    "were going back home in the holidays for a wedding but my aunties keep measuring me for "
    "the outfit and nobody will say whos getting married. im 15",
    "my cousin said when we go see nani in the summer i get the special day to become a proper "
    "woman and it hurts a bit but you get presents and gold",
    "if my brothers find out about him im dead. not like dead dead. actually maybe dead dead "
    "idk. they already took my phone off me",
    "Jade has been missing four times this month, usually comes back around 3am in cars we "
    "don't recognise. The police are told every time but nothing changes.",
    "if u cant find me friday dont stress ill be at someones in manchester, dunno whose yet, a "
    "guy from insta is sorting it",
    "mums friends come round and they do the foil thing and then she sleeps all day and i cant "
    "wake her up to take me to school",
    "(typed by Grace's nan) Grace wanted to say: daddy drinks the smelly juice and then drives "
    "us to swimming and the car goes wobbly on the road",
    "mum hasnt got out of bed since christmas and she said she wants to go to sleep forever. i "
    "check on her when i get back from school",
    "the night staff at the home lock me in the quiet room when im kicking off and one of them "
    "sits on my chest till i cant breathe. its on the cctv if anyone bothers to check",
    "coach is the only one who gets me. he snaps me late at night and says its our thing and "
    "not to tell the others cos theyd get jealous",
    "The man who runs the weekend Bible class told my 12 year old she has a spirit in her and "
    "made her kneel for hours while they prayed over her and shouted at it. She screams when "
    "it's time to go.",
    "mr hayes keeps me in at break to help tidy and he shuts the blind and says im his "
    "favourite and i can sit on his knee",
    "the big boy at my foster house hes 15 makes me do stuff to him in the bathroom or he says "
    "hell hurt the dog",
    "good things i dont miss school as much now. worries who will do mums tablets and her bag "
    "and the shopping when i go up to big school. im always so tired",
    "We've been sofa surfing with the kids for six weeks. Right now we're at my ex's cousin's "
    "flat and the men there are using in the kitchen while the kids are in the next room. I "
    "have nowhere else to go.",
    "mum kicked me out sunday so im on my mates floor. his mum says i can only stay till the "
    "weekend then idk",
    # round 13, sixty written blind in the same way after round 12's phrases: children's (the
    # first 25), parents' (15), professionals' (10), then harms the rounds named little (10);
    # the lexicon alone flagged 49 of 60, with the cues 51 (82%, 85%)
    "my social worker is nice but i dont like going home cos mums boyfriend gets angry and i have "
    "to hide in my room til he goes out",
    "can u not tell my dad what i said in the meeting he will go mad and ill get it when i get "
    "home",
    "theres never food in the cupbords and mum sleeps all day so i just have crisps",
    "sumtimes i do stuff to my arms when it gets to much. pls dont tell my carer",
    "the review was ok i guess. tbh i just want to go to sleep and not wake up",
    "my uncle makes me do things i dont like when he babysits and says its our secret",
    "doesnt matter what u write im not gonna be around much longer anyway",
    "i get the belt if my marks are bad",
    "the older boys at the park give me money to take bags to places. they said if i stop they "
    "know where i live",
    "my step dad comes in my room at nite when mum is asleep",
    "I dont feel safe at my house and I didnt want to say it in front of everyone",
    "ppl in my year keep messaging me saying kys and nobody at school does anything, i dont want "
    "to go in anymore",
    "daddy pushed mummy into the wall and me and my sister hid under the table. i am 8",
    "went awol last weekend and stayed at a flat with someone i met on insta, nobody knows",
    "im 15 and my boyfriend is 24 he buys me stuff and says i cant tell my carers about him",
    "mum says in summer we are going back home and i have to marry my cousin and i dont want to",
    "got bruises all down my legs from where she kicked me but i told school i fell off my bike",
    "i take my mums tablets sometimes so i can sleep like loads of them",
    "im 11 and i look after my baby brothers most nights coz mum goes out and dont come back til "
    "morning",
    "a man online asked for pics and now he says hell send them to everyone if i dont send more",
    "review was long. also my nan whacks me round the head when im naughty and it really hurts",
    "my aunty says when we go to see family in the holidays ill have a special party to become a "
    "woman and it will hurt a bit but i must be brave",
    "dont send me back there please. id rather be dead",
    "every time i go to dads for the weekend he gets drunk and locks me out till really late",
    "been not eating for weeks and throwing up after tea, i hate myself",
    "My partner controls all the money and wont let me see my family, Im scared what hell do if he "
    "finds out Ive been talking to you",
    "the social worker was fine but my ex keeps turning up at the house drunk and threatening me "
    "infront of the kids",
    "im struggling so bad cant cope with the baby screaming all night and sometimes i feel like i "
    "could shake him",
    "my sons been coming home with new trainers and phones and wont say where from, hes 14 and out "
    "til 2am most nights",
    "my daughter said her dad touched her down there in the bath when she stayed over and I dont "
    "know what to do",
    "havent told anyone but he put his hands round my neck last week and the kids saw",
    "honestly some days i dont see the point in going on, the kids would be better off without me",
    "Meeting was ok. My new partner is quite rough with my youngest when Im at work, she cries "
    "every time I leave",
    "my 13 yr old has been cutting and CAMHS wont see her for months, I found blades under her bed",
    "i relapsed again and the kids have been on their own a bit while i sort myself out",
    "Thanks to Jo for her help. Just worried my daughter is talking to older men on snapchat and "
    "sneaking out to meet them",
    "he says if i leave hell take the kids and ill never see them again, hes done it before",
    "my son hasnt been home for 3 days and not answering his phone, police dont seem bothered",
    "im kinship carer for my grandson, his mum turns up off her face and tries to take him off me",
    "my husband hits our son with a slipper and says its normal discipline where hes from, i dont "
    "agree but im scared to say",
    "Foster carer: came back from contact with a burn mark on her arm and was very withdrawn, "
    "would not say what happened.",
    "Teacher: Y4 pupil regularly arrives hungry, same uniform all week, has started taking food "
    "from other childrens lunchboxes.",
    "Health visitor: baby has had 3 unexplained bruises in 2 months, mum's explanations don't add "
    "up.",
    "As her foster carer I've noticed she keeps going missing after school and coming back "
    "smelling of weed with a new phone",
    "Youth worker here. A 15yo girl in our group said her mum's boyfriend messages her asking for "
    "photos.",
    "PC from the neighbourhood team - attended a DA incident at the address last night, 3 children "
    "present, not sure if that was passed on.",
    "Foster carer - since the review L has started wetting the bed again and acting out sexually "
    "with her toys, quite worried",
    "School nurse: student told me she's been making herself sick and has marks on her wrists, "
    "parents not aware.",
    "After school club: K said she's not allowed to tell anyone about daddy's games and got really "
    "upset",
    "Teacher - Y8 boy told me his brother carries a knife and older lads have asked them both to "
    "do jobs for them",
    "i keep getting sent to a flat in another town for a few days, they give me a phone to sell "
    "from and if i lose anything i owe them",
    "this lad in year 11 keeps showing me videos about how we need to fight back against them and "
    "says i should join his group chat and go to meets",
    "my dad says if im seen talking to boys ill bring shame on the family and my brothers watch me "
    "all the time",
    "mums on the gear again, i have to sort her out when shes gouching and hide her needles from "
    "my little sister",
    "he checks my phone, tracks where i am, tells me what to wear and says no one else would want "
    "me anyway",
    "my son has epilepsy and his dad won't give him his meds when he stays there, says he's "
    "putting it on",
    "Im 9 and mum leaves me on my own all weekend sometimes when she goes to her boyfriends",
    "someone on discord got me to do stuff on camera and now they want 500 quid or theyll post it",
    "my mate has been living at ours for 2 months since her mum kicked her out, shes 14, nobody "
    "from the council knows",
    "my cousin came from abroad to live with us, shes 13, doesnt go to school and does all the "
    "cooking and cleaning, she sleeps in the kitchen",
    # round 14, seventy written blind in the same way after round 13's phrases, over every
    # kind of harm, most of them indirect or coded; the lexicon alone flagged 47 of 70, with
    # the cues 50 (67%, 71%)
    "uncle steve says its our special game and i get sweets if i dont tell mum",
    "i dont like bath time at dads because his frend stays in the bathroom with me and wont go "
    "out",
    "house of worries: when mummy drinks the purple juice she falls asleep on the floor and i "
    "make toast for my little brother",
    "theres never any food in ours after wednesday and the electric keeps going off so i wear my "
    "coat in bed",
    "My foster son came back from contact with a handprint on his upper arm and said grandad "
    "\"only grabbed him a bit hard\"",
    "he gets the belt out wen i get bad marks so i hide my reports now",
    "can i stay at afterschool club later on fridays please i dont want to go home on fridays",
    "dont send me back there. i mean it",
    "dad came back last month and since then mum wears long sleeves and sunglasses in the house",
    "when they shout at nite i put my headphones on and take my sister under the bed till it "
    "stops",
    "started doing the thing with the sharpener blade again its only on my legs so nobody sees "
    "dw",
    "the marks on my arm arnt from the cat like i told miss",
    "tbh whats the point making plans for college when i wont be here by xmas",
    "everyone would be better off without me and i looked up how many of mums tablets it would "
    "take",
    "A (15) has written goodbye letters to her friends and given away her favourite trainers, "
    "she keeps telling staff she's \"sorted now\"",
    "my bf is 22 and picks me up from the home in his car and his mates give me vapes and drink "
    "and then i have to be nice to them",
    "theres this guy who buys me nails and lashes and got me a new phone and now he says i owe "
    "him",
    "Our 14 year old keeps coming home with new clothes and two phones and is dropped off at 3am "
    "by men in different cars",
    "my cousins mate gives me 50 quid to take a bag on the train to another town, easy money "
    "innit",
    "got told to stay in a flat for a week and mind the phone, cant go home till the debt is "
    "paid off",
    "M (13) had a lot of cash and a kitchen knife in his bag and says he \"works for\" some "
    "older lads who will sort his mum out if he stops",
    "someone from roblox said hes 15 but his voice is well older and he wants pics and says hell "
    "give me robux if i send them",
    "i met someone on snap who wants to meet up just me and says not to tell my foster carer bc "
    "they wouldnt get it",
    "My daughter (12) talks every night on discord to a \"boy\" who has just posted her a train "
    "ticket to come and visit him",
    "house of dreams: finish school and be a nurse. house of worries: in the summer they are "
    "taking me back home to marry my cousin and i dont want to",
    "My mum says I have to stop college after Eid because it has all been agreed with his family "
    "and I have never even met him",
    "Y (16) asked me quietly if I could keep her passport locked in the school office because "
    "her family are planning a wedding for her abroad",
    "nani says when we go visit in the holidays i will have a special party to become a proper "
    "woman and it will hurt a bit but i have to be brave",
    "my big sister went away in the summer and came back and couldnt walk properly and wont say "
    "what they did and mum says its my turn next year",
    "Foster carer here: at contact S's birth mum said the aunties will \"cut\" her when she is "
    "old enough like they did to all the girls in the family",
    "my brother says immigrants are taking over and shows me videos of people getting killed and "
    "says i need to be ready to fight for our side",
    "Worried about my son (15). He has dropped all his friends, is up all night in chat groups, "
    "and last week said some people \"deserve to be blown up\" and he would \"do it for the "
    "cause\"",
    "im in a group chat where they say we need to do something big to wake people up and theyve "
    "asked me to draw a map of my school",
    "i came here in lorry, the man who bring me take all my money from the car wash and say i "
    "still owe for the journey",
    "the lady i live with is not my mum she brought me here from abroad, i clean and mind her "
    "kids all day and i dont go to school",
    "B told me the \"uncle\" she lives with keeps her passport and makes her work in his nail "
    "bar every evening and she is never paid",
    "Ive been staying at my mates house since september because mum moved back abroad, social "
    "services dont know",
    "Just so you know my neighbours two kids have been living with us about 5 weeks since their "
    "mum went into rehab, nobody has been in touch, is that ok?",
    "Teacher here: K has been living at his football coach's house since his dad kicked him out "
    "in the summer holidays",
    "didnt come back to the placement for 3 nights last week, slept at some lads flat, nobody "
    "even asked where i was",
    "my sister keeps going missing from her foster home and the police bring her back at like "
    "5am and she has money and wont say where from",
    "When J runs from placement she always ends up at the same flat in town, I think older men "
    "live there and she comes back with bruises on her neck",
    "they wait for me at the bus stop and take my dinner money and put my head down the toilet, "
    "i pretend to be poorly every day now",
    "everyone in my year is sharing a video of me and saying i should kys, not going in again",
    "the big boys at my home are nasty to me in the night and staff say its just banter",
    "My foster carer puts a lock on the fridge and I only get bread if Ive been good",
    "my worker gave me his personal number and said not to tell his manager we message at night",
    "the night staff man at my home comes in to \"check on me\" when im getting changed and he "
    "never knocks",
    "my carer makes me sleep in the shed wen i wet the bed",
    "I'm a supervising social worker; a child placed with one of our carers says he is made to "
    "kneel in the hallway for hours and is called \"the devil child\"",
    "mum says im the reason dad left and she wishes she never had me, she says it nearly every "
    "day",
    "im not aloud to talk at tea or look at my stepdad or i get sent to my room with nothing to "
    "eat",
    "i try to be invisible at home its safer that way",
    "dads new girlfriend pinches me under the table really hard so no one sees",
    "mum and her mates have white powder parties and i have to put the baby to bed",
    "There were needles in the bathroom at my son's dad's house and he was left on his own with "
    "his little brother all weekend",
    "N came to school smelling of cannabis and said he'd had some of \"mum's smoke\" to help him "
    "sleep because she was \"too wasted to wake up\"",
    "my dad drinks from when he gets up and still drives us to school",
    "Teacher: L (8) said she and mum have been sleeping in the car since the weekend and she "
    "hasnt had a wash or a proper meal",
    "the baby has had the same nappy on since yesterday and mums still asleep and i dont know "
    "what to do",
    "i cant say much but hes not meant to be at ours and he is, every night",
    "its fine just dont ask about my back",
    "tell them not to ring ahead next time they visit",
    "wasnt at contact this week bc my face was still a mess",
    "home is ok when hes at work",
    "my step brother does stuff to me when mums at bingo and says nobody will beleive a liar "
    "like me",
    "my foster carers grown up son keeps messaging me saying im fit and asking what im wearing "
    "in bed",
    "house of worries: mum cries a lot and says she wants to go to sleep and not wake up so i "
    "hide her tablets in my school bag",
    "me and my mates go to this house party every weekend where older lads give us free stuff, "
    "one of the girls was sick and they wouldnt let her leave",
    "i told my last worker what he did to me and nothing happened so whats the point telling you",
    # round 15, sixty written blind in the same way after round 14's phrases, by someone who
    # never saw the screen or the rounds: children's (25), teenagers' (15), parents' (10, some
    # about their own crisis) and professionals' (10); the lexicon alone flagged 46 of 60,
    # with the cues 47 (77%, 78%)
    "the review was good and i like my worker. dads new girlfriend locks the fridge and we only "
    "get tea if we been good",
    "mums boyfriend comes in my room when mum is asleep and says its our secret game",
    "dont make me go to dads",
    "house of worries mum and dad shouting and dad pushes mum into the wall and me and my sister "
    "hide under the bed",
    "no food in the house agen",
    "i like my school and my teacher is nice and i got a star. i have bruses on my legs but im "
    "not aloud to say how i got them",
    "sometimes i scrach my arm with the blade out of my sharpener so the bad feeling goes away",
    "i wish i could go to sleep and not wake up ever",
    "my uncle shows me videos of grown ups with no clothes on his phone and said not to tell mum",
    "house of dreams a house where i dont have to be scared when i hear dads key in the door",
    "in the summer holidays we are going to my nans country for a special party for girls. my "
    "auntie says they cut you a bit down there so you are clean. my cousin cried for weeks after "
    "hers",
    "my step mum says im the reason everything went wrong and she wishes i was never born and i "
    "have to eat my tea in my room on my own",
    "i live at my mums friends house now since christmas because mum went back to her country. i "
    "dont know if i am allowed to tell",
    "the big boys at the park give me money and new trainers to take bags to houses and they "
    "said if i stop they will hurt my mum",
    "everything is fine. my brother is 14 and he doesnt come home for days and mum doesnt even "
    "look for him anymore",
    "dad drinks the big cans and falls asleep on the floor and i make the tea for my little "
    "brothers and put them to bed",
    "the boys at school push my head down the toilet every day and kick me in the changing rooms "
    "i dont want to go no more id rather be dead",
    "a man on roblox says hes 12 but he keeps asking for pictures of me in my pants and says he "
    "will send my other pictures to everybody if i dont",
    "my foster carer is nice but her son pinches me and locks me in the shed when she goes to "
    "work",
    "mum takes her tablets with wine and then i cant wake her up till the next day",
    "i liked the pizza at the meeting. it hurts when i wee after the game me and my step dad "
    "play",
    "mums boyfriend put his hands round her neck and her face went purple and i called 999 but "
    "mum said tell them it was a mistake",
    "mum said if i tell the social worker anything we will get taken away and it will be my "
    "fault",
    "always hungry. no heating",
    "my cousins friends show me videos of fighting and say people like my teacher are the enemy "
    "and when im bigger i can fight them too and be a hero",
    "lol its whatever he only does it when hes had a few, i just stay out till hes asleep",
    "my worker is sound tbh. been cutting again but its not deep so dont make a thing of it",
    "tbh whats the point of any of it, ive got the tablets saved up anyway",
    "got a boyfriend hes 24 he picks me up from school and buys me vapes and weed, his mates "
    "come round his flat too and i have to be nice to them",
    "been doing a bit of running for some lads, easy money innit, only thing is they said i owe "
    "them now cos the stash got robbed",
    "stayed in a trap house in another town for like 2 weeks nobody even noticed i was gone lol",
    "my parents said were going back home this summer to meet the man im gonna marry, im 15, dad "
    "has my passport and says if i tell anyone ill shame the family",
    "someone screenshotted my nudes and now theyre all round the year group and some guy says "
    "hell send them to my mum unless i send more",
    "House of good things: nothing really. House of worries: mums new fella and the lock on my "
    "door that doesnt work. House of dreams: moving out before he tries it again",
    "the man who brought me here from albania says i still owe him 8000 pound and i have to work "
    "in the car wash for free until its paid, he keeps my ID",
    "been sleeping on mates sofas since my step dad kicked me out, not been home in a month but "
    "its fine",
    "my residential worker keeps messaging me on snapchat late at night saying im mature for my "
    "age and not to tell the others",
    "ngl the online lads are the only ones who get it, theyre showing me how the system is "
    "rigged against people like us and what needs to be done about it",
    "wont be around much longer tbh",
    "dad screams in my face and calls me a fat slag, its just how he is, everyones dad is like "
    "that right",
    "I'm on my own with three under five and no sleep. Last night I had to put the baby down in "
    "the cot and walk out of the room because I honestly worry what I might do",
    "Nobody listens. I've been telling you for months. My ex still turns up drunk, he broke the "
    "door last week and said next time he'll finish me off, and you still let him have the kids "
    "every other weekend",
    "My son is 13 and he keeps coming home with new phones and cash and says he's been at a "
    "mate's. Two men in a car wait for him at the end of the road most nights",
    "As foster carers we're fine thanks. Worth saying though, J came back from contact with "
    "marks on her arms and said mummy's friend did it. I told the contact worker but nobody has "
    "called back",
    "I don't see the point of carrying on to be honest. The kids would be better off with "
    "someone else and I've already written them letters",
    "my daughter has stopped eating and wears long sleeves in this heat, I found blood on her "
    "sheets and a razor taped under her drawer",
    "I'm a kinship carer for my granddaughter. Her mum keeps turning up off her head on heroin "
    "shouting in the street that she'll take her back, last time she had a knife",
    "The social worker was kind. Please don't tell my husband I wrote this, he checks my phone "
    "and won't give me money for the kids' school shoes",
    "Our daughter is 16, she's been going missing overnight at weekends and last time came back "
    "in clothes that weren't hers with a hotel key card in her pocket",
    "My partner grabs the baby roughly when she cries and shakes her to make her stop, I don't "
    "know what to do",
    "As her class teacher I want to flag that L, aged 7, drew a picture of her and daddy in bed "
    "and said it is their special cuddle time when mummy is at work.",
    "School nurse: a Year 9 girl said at drop-in that she was \"cut\" when she was little on a "
    "holiday abroad and her younger sister is being taken to the same place this summer.",
    "Youth worker here. Generally good partnership working. One of our lads (15) has an older "
    "\"girlfriend\" who drops him at the centre in different cars, he's had unexplained injuries "
    "and a lot of cash, and mentioned \"going country\" next week.",
    "Health visitor: home visit found no food in the house, dog mess on the floor, baby in a "
    "soiled nappy with a severe rash and mum asleep on the sofa at 2pm.",
    "I'm the SENCO. A boy in Year 5 told me his mum's new partner makes him stand in the garden "
    "in his pants for hours when he wets the bed.",
    "GP practice: a mum brought in her 4 month old with a swollen wrist which turned out to be "
    "fractured, and the explanation of how it happened kept changing.",
    "Teacher: a 14 year old has been saying in lessons that certain groups should be wiped out "
    "and has drawn extremist symbols on his books; he says his older brother's friends taught "
    "him.",
    "Sports coach: I'm uneasy about a colleague who offers lifts home to one particular girl and "
    "has been buying her gifts. I saw messages from him on her phone signed with kisses.",
    "Early help worker: mum told me she sometimes locks herself and the kids in the bathroom "
    "because dad comes home angry, she said she doesn't want a fuss made.",
    "Teaching assistant: a Year 6 girl has been living with a \"family friend\" since September "
    "while her parents are abroad, she says she sleeps on the floor and does all the cleaning "
    "and cooking.",
    # the English glosses of six of the other languages' round 4 that English missed (forced
    # marriage, food withheld, documents taken, a young girl's pain)
    "mum and dad are taking me to dad's country over the summer and I've heard them talking "
    "about finding me a husband, I'm only 14 and I don't want to go",
    "Mum says I didn't deserve food, and I haven't eaten anything since yesterday. At school I "
    "take bits of food from my friends.",
    "My parents say that in the summer we're going back to the home country and I'll be engaged "
    "there to the son of some friends of theirs, I'm 14 and I don't want to.",
    "They brought us here in a minibus to work, they took our ID cards and we sleep ten to a "
    "room, I'm 16.",
    "(parent) I'm the mother of a 7-year-old girl. Since she's been staying at her grandfather's "
    "she says it hurts between her legs and she doesn't want to go there any more.",
    "my family want to marry me to my cousin when we travel in the summer, and I'm 14 and I "
    "don't want to",
]

#: Round 9: forty indirect tellings written after round 8's fixes, measured once and not
#: fixed since: a measure, not a tuning table.
FRESH_TELLINGS: list[str] = [
    "my cousin and his friends show me videos about why we should hate people and say I should "
    "join them",
    "the lady I live with isn't my family, mum sent me here from another country and I clean her "
    "house all day",
    "my dad gets really sad and talks about not being here and I have to watch him all night",
    "I'm going on holiday to see my grandma and they said I will have a special cutting when I'm "
    "there",
    "my brother in law said my sister will be punished because she has a boyfriend",
    "I'm not allowed to go to school, I stay home and look after the little ones",
    "my wheelchair has been broken for months and nobody fixes it so I stay in bed",
    "my mum keeps me off school when I have bruises",
    "the man upstairs knocks on my door when mum's out and asks if I want to come up",
    "I got in a car with some lads and they drove me to a town I'd never been to",
    "my dad bets all the money and then there's nothing for the electric",
    "we sleep four in one bed at my auntie's",
    "they take my phone every night and read everything and if I've talked to anyone they go mad",
    "he said if I tell anyone about the pictures he will send them to everyone at school",
    "I get pocket money from a guy online if I do things on camera",
    "mum's boyfriend tells me I'm pretty and lets me stay up late with him when mum's at work",
    "I cry every night and nobody notices",
    "I stopped going to the toilet at school because I'm scared of the older kids",
    "when I wet the bed my mum makes me sleep in it",
    "my foster carer's husband comes in to say goodnight and stays too long",
    "I'm not really 18 like I said, I'm 15",
    "I don't eat the food at home because it makes me ill, it's always out of date",
    "they say I'm evil and need to be cleaned",
    "sometimes I take my dad's pills to help me sleep",
    "I'm scared of what will happen when my stepdad gets out of prison",
    "I have to share a room with my uncle when he stays",
    "my brother sets fires in the garden and my mum doesn't care",
    "I'm told to stay in the car when we go to these houses",
    "my mum goes out at night and comes back with different men",
    "I haven't seen a dentist or doctor since I moved here last year",
    "I wish I could live at school",
    "I've been drinking with my dad's friends at the weekend",
    "dad puts a lock on my door from the outside at night",
    "my sister's boyfriend waits for me after school and gives me lifts home",
    "I don't like it when my grandad baths me, I'm 10",
    "I got a new phone from a man I met in the park and he wants me to keep it secret",
    "I'm always the one who gets hit when things go wrong",
    "my mum says she'll kill herself if I go into care",
    "I'm scared to go to sleep because of who comes in",
    "the police came last week and now dad says I'm not allowed to talk to anyone",
]

#: The other languages of the forms, written the same way. Round 1 (direct and indirect, 8 a
#: language): 9 of 32 flagged before any fix. Round 2, written after round 1's phrases: 1 of 24.
#: Round 4, written blind after round 3 (OTHER_LANGUAGE_FRESH): 34 of 60 by the lexicons, 43
#: with the cues.
OTHER_LANGUAGE_PHRASINGS: list[str] = [
    # round 1
    # Polish
    "ojczym uderzył mnie w twarz",
    "mama zostawia nas samych na cały weekend",
    "wujek przychodzi do mojego pokoju w nocy",
    "czasem myślę że lepiej by było gdybym nie żyła",
    "tata mówi że jak komuś powiem to nas zabierą",
    "nie mamy prądu i jest zimno",
    "chłopak mamy ciągle na nią krzyczy i rzuca rzeczami",
    "dostaję pieniądze od starszego kolegi za noszenie paczek",
    # Romanian
    "tatăl meu mă lovește cu cureaua",
    "nu am mâncat nimic de ieri",
    "un bărbat din parc îmi dă bani și vrea să merg cu el",
    "uneori mă gândesc să-mi fac rău",
    "mama și iubitul ei se bat noaptea",
    "nimeni nu vine să mă ia de la școală",
    "mi-e rușine să spun ce se întâmplă acasă",
    "fratele meu mai mare mă atinge și îmi spune să tac",
    # Arabic
    "أبي يضربني بالحزام",
    "لم آكل شيئا منذ أمس",
    "رجل غريب يعطيني المال ويريد أن أذهب معه",
    "أحيانا أفكر أن أؤذي نفسي",
    "أمي وزوجها يتشاجران كل ليلة",
    "لا أحد يأتي ليأخذني من المدرسة",
    "أخجل أن أقول ما يحدث في البيت",
    "أخي الكبير يلمسني ويقول لي أن أسكت",
    # Welsh
    "mae llystad yn fy nharo gyda gwregys",
    "dw i heb fwyta ers ddoe",
    "mae dyn yn y parc yn rhoi arian i mi",
    "weithiau dw i eisiau brifo fy hun",
    "mae mam a'i chariad yn ymladd bob nos",
    "does neb yn dod i fy nôl o'r ysgol",
    "mae gen i gywilydd dweud beth sy'n digwydd adref",
    "mae fy mrawd hŷn yn fy nghyffwrdd ac yn dweud wrtha i am fod yn dawel",
    # round 2
    # Polish
    "mama ma nowego chłopaka i on mi robi zdjęcia jak się kąpię",
    "tata pije i wtedy rzuca we mnie butelkami",
    "nie mam butów na zimę i nikt mi nie kupi",
    "starszy pan z sąsiedztwa daje mi papierosy i chce żebym przychodziła sama",
    "czuję że nikt by nie zauważył gdybym zniknęła",
    "ciocia mówi że jestem nic nie warta i że mnie odda",
    # Romanian
    "tatăl vitreg intră în baie când fac duș",
    "mama bea și atunci aruncă cu lucruri în mine",
    "nu am haine de iarnă și nimeni nu-mi cumpără",
    "un om mai în vârstă îmi dă țigări și vrea să vin singură la el",
    "simt că nimeni n-ar observa dacă aș dispărea",
    "mătușa zice că nu valorez nimic și că o să mă dea",
    # Arabic
    "صديق أمي يصورني وأنا أستحم",
    "أبي يشرب ثم يرمي علي الأشياء",
    "ليس عندي ملابس للشتاء ولا أحد يشتري لي",
    "رجل كبير يعطيني سجائر ويريدني أن آتي إليه وحدي",
    "أشعر أن لا أحد سيلاحظ لو اختفيت",
    "خالتي تقول إني لا أساوي شيئا وإنها ستتخلى عني",
    # Welsh
    "mae cariad mam yn tynnu lluniau ohona i yn y bath",
    "mae dad yn yfed ac yna'n taflu pethau ata i",
    "does gen i ddim cot gaeaf a does neb yn prynu un",
    "mae dyn hŷn yn rhoi sigaréts i mi ac eisiau i mi fynd ato ar fy mhen fy hun",
    "dw i'n teimlo na fyddai neb yn sylwi pe bawn i'n diflannu",
    "mae modryb yn dweud nad ydw i'n werth dim byd",
    # round 4, sixty written blind (15 a language) by someone who never saw the screen, most of
    # them indirect; the lexicons alone flagged 34 of 60 (cy 7, pl 11, ro 10, ar 6), with the
    # cues 43 (cy 11, pl 13, ro 13, ar 6)
    # Welsh
    "mae cariad mam yn dod i'n stafell i yn y nos a dwi ddim yn lico fo. mae o'n deud bod o'n "
    "gyfrinach ni",
    "dwi'n cael fy nghloi yn y stafell wely pan mae dad yn mynd allan, weithia drwy'r dydd",
    "dwi ddim yn cael bwyd os dwi 'di bod yn ddrwg, ges i ddim byd i fwyta ers dydd sadwrn ond "
    "cinio ysgol",
    "mae gen i gleisiau ar fy mreichiau ond mae mam yn deud wrtha i am wisgo llewys hir i'r ysgol",
    "dwi ofn mynd adra heno achos mae dad wedi bod yn yfed eto",
    "mae mam yn yfed bob dydd a dwi'n gorfod edrych ar ôl fy chwaer fach ar ben fy hun, does na "
    "ddim bwyd yn y tŷ",
    "dwi'n meddwl am farw lot a dwi di bod yn brifo fy hun efo siswrn",
    "mae na ddynion hŷn yn rhoi vapes a pres i fi a wedyn dwi'n gorfod mynd â bagiau i lefydd "
    "erill ar y trên",
    "mae dad yn gweiddi ar mam a'i gwthio hi yn erbyn y wal, dwi'n cuddio dan y gwely efo'r ci",
    "mae mam a dad yn mynd â fi i wlad dad dros yr haf a dwi di clywed nhw'n siarad am ffeindio "
    "gŵr i fi, dwi mond yn 14 a dwi ddim isio mynd",
    "mae ffrind mam yn tynnu lluniau ohona i yn y bath a mae o'n deud wrtha i am beidio deud "
    "wrth neb",
    "dwi'n gorfod glanhau'r tŷ i gyd cyn cael mynd i'r gwely a weithia dwi'm yn cael mynd i'r "
    "ysgol er mwyn neud o",
    "mae boi ar-lein yn deud bydd o'n rhannu'r lluniau nes i yrru iddo fo os dwi ddim yn gyrru mwy",
    "mae partner newydd mam yn codi ofn arna i, mae o'n gafael yn fy ngwddw i pan mae o'n flin",
    "Dwi'n poeni am fy merch, mae hi'n deud bod ei thad yn ei tharo hi pan mae hi'n aros efo fo "
    "ar y penwythnos, dwi ddim yn gwybod be i neud",
    # Polish
    "wujek mowi ze to co robimy jak zostaje u niego to nasza tajemnica i ze jak powiem mamie to "
    "i tak nikt mi nie uwierzy",
    "tata zamyka mnie w piwnicy jak jestem niegrzeczny, czasem na cala noc i jest tam zimno i "
    "ciemno",
    "Mama mówi, że nie zasłużyłam na jedzenie, i od wczoraj nic nie jadłam. W szkole podjadam od "
    "koleżanek.",
    "nowy chlopak mamy przychodzi w nocy do mojego pokoju jak wszyscy spia i kaze mi byc cicho",
    "boje sie wracac do domu bo ojczym znowu pije a jak pije to robi sie strasznie",
    "Mam ślady na nogach od paska, ale mama kazała mówić w szkole, że spadłem z roweru.",
    "czasem mysle ze wszystkim byloby lepiej beze mnie, mam juz napisany list do mamy",
    "tne sie po udach zeby nikt nie widzial, prosze nie mowcie rodzicom",
    "mam 13 lat i musze pracowac u kolegi taty na budowie po szkole i w weekendy, nic mi nie "
    "placi a jak nie chce to mnie straszy",
    "Mój tata krzyczy na mamę i rzuca w nią rzeczami, wczoraj miała krew na twarzy, a ja z "
    "bratem zamykamy się w łazience.",
    "starszy chlopak z osiedla dawal mi kase i fajki a teraz mowi ze jestem mu winna i musze isc "
    "na impreze do jego kolegow",
    "mama caly czas spi albo pije, w lodowce nic nie ma i karmie brata tym co da sasiadka",
    "Jako mama chcę zgłosić, że mój syn wraca od ojca po weekendzie przestraszony, nie chce się "
    "przy mnie rozbierać i znowu moczy się w nocy.",
    "przyjechalam do anglii z ciocia ktora tak naprawde nie jest moja ciocia, zabrala mi "
    "paszport i musze sprzatac u ludzi zamiast chodzic do szkoly",
    "nie moge nikomu mowic co sie dzieje w domu bo tata mowi ze zabiora nas do domu dziecka i to "
    "bedzie moja wina",
    # Romanian
    "prietenul mamei intra noaptea in camera mea si imi zice sa nu spun la nimeni ca e secretul "
    "nostru",
    "tata ma incuie in baie cand vin oameni la noi si nu am voie sa ies pana nu pleaca toti",
    "Mama nu mă lasă să mănânc dacă nu termin toată treaba prin casă, azi n-am mâncat nimic.",
    "am vanatai pe spate dar tata mi-a zis sa zic la scoala ca m-am lovit la fotbal",
    "mi-e frica sa ma duc acasa dupa scoala cand e iubitul mamei acolo, a zis ca daca spun ceva "
    "o pateste mama",
    "tata vine beat in fiecare seara si se aude prin perete cum da in mama, eu si fratiorul meu "
    "ne ascundem in dulap",
    "Părinții zic că la vară mergem în țară și acolo mă logodesc cu băiatul unor prieteni de-ai "
    "lor, eu am 14 ani și nu vreau.",
    "nu mai vreau sa traiesc, m-am gandit cum sa fac si am strans pastile in sertar",
    "ma tai pe mana cu lama de la ascutitoare si port hanorac ca sa nu vada nimeni",
    "lucrez la spalatoria unchiului dupa scoala pana noaptea tarziu, am 12 ani si daca zic ca nu "
    "vreau nu primesc de mancare",
    "un barbat mai mare pe care l-am cunoscut pe tiktok vrea sa ne vedem si mi-a zis sa nu le "
    "spun parintilor, mi-a trimis deja cadouri",
    "Ne-au adus aici cu microbuzul să muncim, ne-au luat buletinele și dormim zece într-o "
    "cameră, eu am 16 ani.",
    "mama e mereu beata si nu vine acasa zile intregi, eu si sora mea stam singure si nu avem "
    "bani de mancare",
    "Sunt mama unei fetițe de 7 ani. De când stă la bunicul, zice că o doare între picioare și "
    "nu vrea să mai meargă acolo.",
    "vecinul ma cheama la el sa ma joc pe play si dupa imi da bani, zice ca avem un joc secret "
    "si ca daca spun cuiva o sa intru eu in bucluc",
    # Arabic
    "زوج أمي يدخل غرفتي بالليل لما الكل نايمين ويقول لي هذا سر بيني وبينك",
    "أبوي يقفل علي باب الغرفة من الصبح للمغرب إذا زعلته، وما أقدر أطلع حتى للحمام",
    "مرات أبويا مش بتخليني آكل معاهم وبتقول إني ما أستاهلش الأكل، بقالي يومين بنام من غير عشا",
    "عندي علامات زرق ع ضهري، وماما قالتلي احكي بالمدرسة إنك وقعتي عالدرج",
    "أنا خايف ارجع عالبيت اليوم، بابا شارب ولما بيشرب بصير يكسّر كل شي وبيلحقنا",
    "حبوبتي قالت لازم يطهروني لمن نمشي البلد في الإجازة زي بنات خالتي، وأنا خايفة شديد",
    "أهلي يبون يزوجوني ولد عمي إذا سافرنا الصيف، وأنا عمري ١٤ سنة وما أبي",
    "صرت أجرح يدي بالموس وألبس أكمام طويلة عشان محد يشوف",
    "ساعات بحس إن مفيش فايدة مني وإن الكل هيرتاح لو مشيت خالص، ومش عايز أصحى الصبح",
    "بابا بيزعق لماما ويزقها على الحيطة كل ما يرجع متأخر، وأنا بخبي إخواتي الصغيرين في الأوضة",
    "في شب أكبر مني بالحارة بيعطيني مصاري وبيبعتني وصّل أغراض لناس ما بعرفهم، وقال إذا حكيت لحدا "
    "رح يأذي أهلي",
    "أشتغل في مطعم قريبنا كل يوم بعد المدرسة لين نص الليل وما يعطيني فلوس، وعمري 13، وإذا قلت "
    "تعبت يقول بيرجعني للبلد",
    "ماما تعبانة وبتشرب وما بتقوم من التخت، وأنا بطبخ وبودي إخواتي عالمدرسة وما في أكل بالبيت",
    "أنا والدة طفل عمره ٩ سنوات، أصبح يخاف من مدرب النادي ويرفض الذهاب إلى التمرين، وقال لي إن "
    "المدرب يطلب منه البقاء وحده معه بعد التمرين ويعطيه هدايا.",
    "عمي يصورني وأنا أتسبح ويقول لا تعلمين أمك، هذا سر",
]

#: Round 3 in the other languages, written after the cues of screen_cues_intl, measured once and
#: not fixed since: 5 of 24 flagged by the lexicons alone, 9 with the cues.
OTHER_LANGUAGE_FRESH: list[str] = [
    # Polish
    "kiedy mama wychodzi wieczorem, jej kolega zostaje ze mną i każe mi siadać mu na kolanach",
    "w domu nikt ze mną nie rozmawia od tygodni",
    "brat mnie dusi poduszką dla zabawy ale ja płaczę",
    "mam siniaki ale mówię w szkole że spadłam z roweru",
    "nie śpię w nocy bo ciągle są awantury",
    "mama dała mi tabletki żebym była cicho",
    # Romanian
    "când mama pleacă seara, prietenul ei rămâne cu mine și mă pune să stau în brațele lui",
    "acasă nimeni nu vorbește cu mine de săptămâni",
    "fratele meu mă sufocă cu perna în joacă dar eu plâng",
    "am vânătăi dar la școală zic că am căzut de pe bicicletă",
    "nu dorm noaptea pentru că tot timpul se ceartă",
    "mama mi-a dat pastile ca să stau liniștită",
    # Arabic
    "عندما تخرج أمي في المساء يبقى صديقها معي ويجعلني أجلس في حضنه",
    "لا أحد في البيت يتكلم معي منذ أسابيع",
    "أخي يخنقني بالوسادة مزاحا لكني أبكي",
    "عندي كدمات لكني أقول في المدرسة إني وقعت عن الدراجة",
    "لا أنام في الليل لأنهم يتشاجرون دائما",
    "أمي أعطتني حبوبا لكي أبقى هادئة",
    # Welsh
    "pan mae mam yn mynd allan gyda'r nos, mae ei ffrind yn aros gyda fi ac yn gwneud i mi "
    "eistedd ar ei lin",
    "does neb adref yn siarad gyda fi ers wythnosau",
    "mae fy mrawd yn rhoi clustog dros fy wyneb fel jôc ond dw i'n crio",
    "mae gen i gleisiau ond dw i'n dweud yn yr ysgol mod i wedi syrthio oddi ar fy meic",
    "dw i ddim yn cysgu yn y nos achos maen nhw'n ffraeo drwy'r amser",
    "rhoddodd mam dabledi i mi i fod yn dawel",
]

ORDINARY = [
    "my social worker was nice",
    # home to school transport, which parents of disabled children write about often
    "the HTS bus was late again",
    "HTS taxi never comes on time",
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
    # written beside rounds 4 to 9 (seven of 240 flagged: see ACCEPTED_FALSE_ALARMS)
    "my social worker is kind and brings me snacks when we meet",
    "I wish the meetings were not in school time",
    "I like my foster carer because she listens to me",
    "the review was too long and boring and there were too many people",
    "I didn't understand the big words in the letter",
    "I want to see my nan more often",
    "my worker keeps changing and I have to tell my story again",
    "we went bowling and it was fun",
    "nobody asked me what I wanted before the meeting",
    "I want to stay at my school",
    "my new room is nice and I painted it blue",
    "the social worker was late again",
    "I like drawing and football",
    "I was nervous about the meeting but it was ok",
    "please can I have my own phone",
    "I miss my dog",
    "mum is getting better and I want to go home",
    "the contact centre is boring, there is nothing to do",
    "I felt listened to",
    "can we meet somewhere that isn't the office",
    "my brother and I argue about the xbox",
    "I would like help with my homework",
    "I am happy living here",
    "thank you for helping my family",
    "the taxi to school takes ages",
    "I don't like it when they talk about me like I'm not there",
    "the food at my foster home is really good",
    "I want more time with my sister",
    "my worker explained everything and I knew what would happen",
    "it would be better if meetings were shorter",
    "i get bored at weekends",
    "I want to join a football team",
    "my carer helps me with reading",
    "nothing really, it was fine",
    "the questions were easy",
    "I felt a bit sad when the meeting ended",
    "my teacher is nice",
    "we need more activities in the holidays",
    "I wish I had more pocket money",
    "it is good that I can say what I think",
    "my worker is funny and makes me laugh",
    "I did not like the new office, it is too far away",
    "the meeting was at my school which was good",
    "I want to go to the cinema with my carer more",
    "can I please have a different time for contact",
    "my social worker helped me apply for college",
    "I liked that I could bring my teddy",
    "I don't know why they keep asking the same questions",
    "we made a memory box and it was nice",
    "it was good that my mum was there",
    "I think the plan is fair",
    "the room was noisy and I couldn't hear",
    "I want my brother to come to my next review",
    "my worker listens and doesn't rush me",
    "the advocate was really helpful",
    "I wish my dad came to the meetings",
    "it was too early in the morning",
    "I liked the colouring sheets",
    "can we have the meeting at home next time",
    "I am doing better at school now",
    "my carer's dog is my best friend",
    "I want to do more sports",
    "my foster sister is annoying but I love her",
    "I felt happy when they said I could stay",
    "I didn't like the car journey, it made me feel sick",
    "I want to know more about my birth family",
    "the worker was nice to my mum",
    "there was nobody to talk to when my worker was off sick",
    "I want to learn to swim",
    "I like my new school",
    "my family support worker helped us with the shopping vouchers",
    "they should ask kids more often",
    "I liked playing uno with my worker",
    "the letter came after the meeting which was annoying",
    "it would help if I had my worker's phone number",
    "I'm excited about moving to my new house",
    "I want to stay up later at weekends",
    "thank you for the birthday card",
    "I was upset when my worker left but the new one is nice too",
    "I want my worker to visit more often",
    "the review was at a good time for me",
    "I didn't like the questions about school",
    "my carer is teaching me to cook",
    "I liked meeting my new worker",
    "it was good to see my brother at contact",
    "I want to move to a bigger bedroom",
    "we talked about my plan and I agreed with it",
    "I want to stay with my carers until I'm 18",
    "the social worker was always on time",
    "the family group conference helped us a lot",
    "I hate maths but I like art",
    "I would like to go to a summer camp",
    "my worker bought me a milkshake",
    "I was sad when the meeting finished early",
    "I want to be a footballer",
    "the independent reviewing officer explained everything",
    "mum said the worker was really helpful",
    "I like living here because it is quiet",
    "it was hard to talk about my feelings",
    "can the letters be in bigger writing",
    "I want more help with my anxiety",
    "my life story work was really good",
    "the parenting course helped me understand my son",
    "the foster carer training was well organised",
    "they took ages to reply to my email",
    "I think my worker should listen more",
    "I get nervous talking in big meetings",
    "my carer lets me have friends round",
    "I liked the activity day at half term",
    "I don't have anything else to say",
    "I was happy that they asked me first",
    "I want to see my mum without someone watching",
    "I miss my old school friends",
    "the new house is near the park",
    "I liked that I could choose where to sit",
    "I wish I had my own bedroom",
    "school is going well and I got a certificate",
    "the meeting was ok but a bit long",
    "my worker helped me get a place at college",
    "the review was in the afternoon which was better",
    "I didn't like that they talked about me when I wasn't in the room",
    "the new worker is kind and remembered my birthday",
    "it would be good to have the meeting online",
    "I want to go to Scouts",
    "I liked the pizza at the review",
    "I want to spend Christmas with my mum",
    "my carer takes me swimming on Saturdays",
    "the letters are too long",
    "I didn't know who everyone was at the meeting",
    "my brother and I want to live together",
    "can you tell my dad I said hi",
    "I like my new foster family",
    "the worker came to my school which was embarrassing",
    "it's good to have someone to talk to",
    "I don't like moving schools",
    "my mum is trying really hard",
    "I want to learn guitar",
    "the advocate helped me say what I wanted",
    "the social worker never rings back",
    "I feel more settled now",
    "I would like the meeting to be shorter",
    "my carer helps me with my homework every night",
    "I want to see my grandparents",
    "I'm happy with my plan",
    "my sister lives with me now and I'm glad",
    "I like having my own room at last",
    "I wish my worker didn't have to leave",
    "it was nice to be asked",
    "I want to do my driving lessons",
    "they always ask the same questions",
    "the meeting helped my family",
    "I like going to the youth club",
    "my foster dad makes the best pancakes",
    "thank you for listening",
    "I got a new bike for my birthday",
    "my carer and I go for walks with the dog",
    "I'd like more say about where I go on holiday",
    "my worker gave me a lift to the meeting which helped",
    "I like my school and my teacher",
    "can I have a different contact day please",
    "the meeting was long but I said what I wanted",
    "my carer makes me do my homework before I go out, which is fair",
    "I want to go to university",
    "I liked the stickers",
    "my dad came to the review and that made me happy",
    "we went to the zoo with my foster family",
    "they listened to my ideas about the plan",
    "I wish I could see my cousins more",
    "the social worker helped mum get a new bed for me",
    "I don't like when the worker is late",
    "my new room is cosy",
    "I felt heard",
    "it would be nice to have the meeting after school",
    "I want a dog",
    "the reviewing officer asked me first which was good",
    "my sister and I share a room and that's ok",
    "the contact centre is nice now it has been painted",
    "I like staying with my nan at the weekend",
    "my carer helps me with my reading at night",
    "I want to learn to cook",
    "the worker told me what would happen next",
    "I didn't like the forms, too many questions",
    "I'm proud of my school report",
    "my foster brother is funny",
    "mum said the meeting went well",
    "the family support worker came every week and helped",
    "I want to be a nurse when I grow up",
    "I don't like my new school uniform",
    "we went camping in the summer",
    "I got to choose my bedroom colour",
    "I like it when my worker brings games",
    "I didn't understand why my worker changed",
    "my carer lets me have a sleepover",
    "my birthday was great",
    "we had a good time at the youth club",
    "nothing to say really",
    "my worker helped me join the football club",
    "the meeting was in a nice room with a window",
    "I want to see my dad at the weekends",
    "my carer took me to get new school shoes",
    "I like my bedroom and my posters",
    "I didn't know what some of the words meant",
    "the review was better than last time",
    "my worker gave me a leaflet about my rights",
    "I'd like to stay at this school until year 11",
    "my foster mum is kind and funny",
    "I want more time to talk on my own with my worker",
    "the letter came on time",
    "I want my hamster to come with me if I move",
    "we did a timeline of my life and it was interesting",
    "I'm happy my brother visits",
    "the advocate listened and wrote down what I said",
    "I want to go to the seaside in the summer",
    "my carer helps me practise for my driving test",
    "I liked that I chose the snacks",
    "it's fine, nothing to change",
    "the worker was honest with me",
    "I don't like being asked lots of questions",
    "my mum is doing a course to help us",
    "I wish I could see my old friends",
    "the meeting was too early so I missed breakfast",
    "I'm proud of myself for speaking",
    "I like the youth worker",
    "my room is small but it's ok",
    "I want to learn Spanish",
    "my worker always says hello to my dog",
    "we went to a theme park and it was scary but fun",
    "I'd like a new worker who stays longer",
    "I liked the cake at my review",
    "the contact was nice but too short",
    "I want to do my own washing now",
    "my teacher helps me at lunchtime",
    "I'm looking forward to college",
    "thank you for listening to me",
    # written beside the other languages' rounds
    "moja pracownica socjalna jest bardzo miła",
    "spotkanie było za długie",
    "chcę częściej widywać babcię",
    "lubię moją nową szkołę",
    "dziękuję za pomoc",
    "asistenta socială este foarte drăguță",
    "întâlnirea a fost prea lungă",
    "vreau să o văd pe bunica mai des",
    "îmi place noua mea școală",
    "mulțumesc pentru ajutor",
    "الأخصائية الاجتماعية لطيفة جدا",
    "كان الاجتماع طويلا جدا",
    "أريد أن أرى جدتي أكثر",
    "أحب مدرستي الجديدة",
    "شكرا على المساعدة",
    "mae fy ngweithiwr cymdeithasol yn garedig iawn",
    "roedd y cyfarfod yn rhy hir",
    "dw i eisiau gweld nain yn amlach",
    "dw i'n hoffi fy ysgol newydd",
    "diolch am eich help",
    "wszystko było w porządku",
    "chciałbym mieć więcej czasu z moim pracownikiem",
    "spotkanie było nudne",
    "lubię moją rodzinę zastępczą",
    "totul a fost bine",
    "aș vrea mai mult timp cu asistenta mea",
    "întâlnirea a fost plictisitoare",
    "îmi place familia mea de plasament",
    "كان كل شيء جيدا",
    "أريد وقتا أكثر مع الأخصائية",
    "كان الاجتماع مملا",
    "أحب عائلتي الحاضنة",
    "roedd popeth yn iawn",
    "hoffwn i fwy o amser gyda fy ngweithiwr",
    "roedd y cyfarfod yn ddiflas",
    "dw i'n hoffi fy nheulu maeth",
    "pani z opieki była bardzo pomocna",
    "chcę mieszkać z bratem",
    "w nowym domu mam swój pokój",
    "szkoda że spotkanie było rano",
    "doamna de la protecție a fost foarte de ajutor",
    "vreau să locuiesc cu fratele meu",
    "în casa nouă am camera mea",
    "păcat că întâlnirea a fost dimineața",
    "كانت الأخصائية متعاونة جدا",
    "أريد أن أعيش مع أخي",
    "في البيت الجديد عندي غرفتي",
    "للأسف كان الاجتماع في الصباح",
    "roedd y weithwraig yn help mawr",
    "dw i eisiau byw gyda fy mrawd",
    "mae gen i fy stafell fy hun yn y tŷ newydd",
    "piti bod y cyfarfod yn y bore",
    # written beside round 10 (1 of 20 flagged: in ACCEPTED_FALSE_ALARMS)
    "my social worker always turns up on time and explains things properly",
    "i liked the meeting because they asked what i wanted",
    "the review was too long and i got bored",
    "my foster carer takes me swimming on saturdays",
    "i want to see my brother more often",
    "the food at the residential home is really good now",
    "i didnt understand the big words in the letter",
    "my worker changed three times this year which was annoying",
    "i felt listened to for the first time",
    "they should have the meetings after school not in the morning",
    "mum is doing better and we go to the park together",
    "can i have more pocket money please",
    "my teacher helped me with my maths and i got a good mark",
    "the contact centre room is small and smells weird",
    "i would like to join a football team",
    "my nan comes to every review and that makes me happy",
    "the social worker forgot my birthday but said sorry",
    "i dont like talking on the phone i prefer texting",
    "it took ages to get my bike fixed after it was broken",
    # written blind beside rounds 11 and 12, to trip a word-matcher (16 of 50 flagged: in
    # ACCEPTED_FALSE_ALARMS)
    "my social worker is killing it honestly best one ive had",
    "the meeting was painful and way too long, 2 hours of people talking about me like im not "
    "even there",
    "Mum was upset the review got moved again with no notice.",
    "worries: my hamster died and i cried all night. daddy says we can get another one",
    "the contact centre smells of bleach and the toys are for babies",
    "I was gutted when the family group conference was cancelled, I'd taken the day off work "
    "for it.",
    "my brother gave me a dead arm for nicking the last yorkshire pud, fair tbh",
    "i want to kill my xbox it keeps crashing in the middle of fortnite",
    "At the review his teacher said he's been smashing it in English and has a new friendship "
    "group.",
    "i was dying of embarrassment when my sw turned up at school in the car with the council "
    "logo on it",
    "the food at the new placement is unreal my carer does a mean curry",
    "i hate it when the iro asks the same questions every time, can they read the notes first",
    "He's had a rough week with his exams, a few tears and slammed doors, but we talked it "
    "through and he's back on track.",
    "my mum got a new boyfriend and hes alright actually he takes us bowling",
    "Please stop sending letters to my old address, I moved out last year and nearly missed "
    "the meeting.",
    "my carer screams at the telly when arsenal lose its well funny",
    "missing my nan loads since she moved to spain but we facetime on sundays",
    "youth club was sick, the fifa tournament got violent lol ethan launched his controller "
    "when he lost 😂",
    "i was dying of boredom in the first session ngl but it got better when we did the music "
    "stuff",
    "my sister is killing me she keeps singing frozen all day. apart from that everything is "
    "good at home",
    "(written with my key worker) i hate broccoli and i like it when my foster mum makes pasta "
    "with cheese",
    "i had a sleepover at ellas and we stayed up till midnight watching scary films. best "
    "night ever",
    "The respite weekend worked well. He came home exhausted from the climbing wall, covered "
    "in scrapes and grinning ear to ear.",
    "The multi-agency meeting was well chaired. Good discussion of the risk assessment and the "
    "actions were clear for everyone.",
    "my worker helped me sort my college application, i would literally die without her lol",
    "worries: my hamster died and i miss him. good things: we got a new one called biscuit",
    "boxing club is the best thing ive done, coach makes us hit the pads till our arms are dead",
    "dreams: to be a police officer and catch the bad guys and put them in jail",
    "Tyler has had a great term. He did fall off the trampoline and bump his head but he was "
    "checked at the walk-in centre and is absolutely fine.",
    "Jamal's behaviour has improved hugely this year. He spoke to the class about his "
    "grandad's funeral and handled it really maturely.",
    "(Ruby said this, I wrote it down) i want a unicorn and i want to kill all the spiders in "
    "the bath",
    "Honestly the parenting course was a lifesaver. I was at the end of my tether with the "
    "toddler tantrums and now bedtime is so much calmer.",
    "could be better: the room is freezing and the wifi is dead. worker is cool tho",
    "i went to the hospital to see my new baby cousin and she cried the whole time",
    # written blind beside round 13 (5 of 40 flagged: in ACCEPTED_FALSE_ALARMS)
    "the meeting killed me it was so long lol",
    "Sarah is the best social worker ive had, she actually listens",
    "review went well, nice to see everyone in one room for once",
    "my social worker keeps changing and its annoying having to tell my story again",
    "can we have the meetings after school not in the middle of maths",
    "food at the contact centre was well nice",
    "my fish died last week and my carer helped me bury him which was kind",
    "the traffic nearly killed me getting there on time but the meeting was good",
    "Thank you for sorting the transport, it made a big difference to us.",
    "i hurt my ankle at football so couldnt come to the last one sorry",
    "Would be good to get the minutes sooner, we waited 6 weeks last time.",
    "my foster carers are sound, they took me to the beach",
    "my little brother is so annoying he never stops talking lol",
    "the IRO was really friendly and explained everything",
    "I'm a bit nervous about changing school in september but excited too",
    "Contact with my nan was lovely, please can we have more",
    "I would like more say in where my review is held",
    "the room was freezing and there were no biscuits",
    "my grandad died when i was little and i like that my social worker asked about him for my "
    "life story book",
    "Please stop sending letters to my old address",
    "the social worker was late again, third time this month",
    "Mum and I had a good chat with the worker about my college plans",
    "i love my new room at my foster placement its purple",
    "The parenting course was helpful and the group was supportive.",
    "that form took ages my thumbs are dead",
    "Can I have my pocket money put up I'm 14 now",
    "we had a fight over the xbox but we sorted it out",
    "the worker said she would ring back and never did which was frustrating",
    "Foster carer: Tom has settled well and is enjoying cubs on Tuesdays.",
    "Teacher: J's attendance has improved a lot this term, well done to the team.",
    "i want to see my mum more often pls",
    "my social worker made me laugh so hard i nearly died",
    "i was gutted my keyworker left, she was ace",
    "the minibus to school is always late and i get told off for it",
    "Thank you for the support with housing, we've moved in and the kids are happy",
    # written blind beside round 14 to trip a word-matcher (11 of 50 flagged: in
    # ACCEPTED_FALSE_ALARMS)
    "this process is killing me, four social workers in a year and I have to tell my whole story "
    "again every single time",
    "Sick of being passed around from team to team and nobody ever rings back when they say they "
    "will",
    "it really hurts my feelings when my worker forgets my birthday and cancels last minute",
    "the review meeting was a nightmare, too many people round the table and i didnt know half "
    "of them",
    "I hate filling in forms, this is the third one this month asking the same questions",
    "the food at my placement is rank, if i see one more lasagne ill actually die",
    "i miss my mum but contact on saturdays is nice and we go to the park and get ice cream",
    "a police officer came into school to talk about road safety and we got to sit in the car it "
    "was cool",
    "The court hearing was stressful but the children's guardian explained everything really "
    "well beforehand",
    "house of worries: my hamster is really old and might die soon",
    "house of worries: spelling test on friday",
    "I feel sad sometimes that I cant live with my brother but I see him every week and we play "
    "fifa",
    "my social worker is a legend she fought for me to go on the school ski trip",
    "my carer keeps my phone downstairs after 10 which is well annoying but fair i guess",
    "Foster carer here: the respite arrangements over the summer were a shambles, I nearly lost "
    "my mind trying to sort cover",
    "school is boring and the dinner ladies shout at us to hurry up",
    "the new worker talks to me like im 5, its so patronising",
    "My son's new school have been brilliant at sorting out his EHCP, a real weight off my "
    "shoulders",
    "house of dreams: be a youtuber with a million subscribers and have a pet snake",
    "I was gutted the family holiday abroad didn't get agreed in time but I understand the "
    "paperwork takes a while",
    "the pathway plan meeting went on forever, i nearly died of boredom",
    "my mum is getting married in june and im going to be a bridesmaid",
    "me and my brother fight over the xbox all the time but hes alright really",
    "the staff at the home are sound, they took us to the beach and we had chips",
    "Our family support worker helped us with the bills and food bank vouchers when money was "
    "tight, thank you so much",
    "I'm sick and tired of chasing the leaving care team for my setting up home allowance, it's "
    "been three months",
    "i hate my haircut my carer took me to the cheap place and now i look like a mushroom",
    "Could the worker visit after school instead of pulling him out of lessons? His mates always "
    "ask where he's going and he finds it embarrassing",
    "I'm a teacher; the PEP meetings are much better organised this term, well done to the "
    "virtual school",
    "did my work experience at the police station and now i want to be a detective",
    "She cried at the end of contact because she didn't want to say bye to her nan, sad but a "
    "lovely visit",
    "the online form crashed twice and I lost everything I typed, absolutely furious",
    "I feel like a number not a person every time I ring the duty line",
    "the advocate was brill she helped me tell the meeting i want to stay at my school",
    "my foster dads jokes are so bad they should be illegal",
    "Nothing is going well with the housing department and I'm losing sleep over it but my PA "
    "has been a rock",
    "i get a bit lonely in my flat sometimes but the drop in on thursdays really helps",
    "I dont want another worker to leave, every time someone leaves it breaks my heart a bit",
    "the contact centre is dead depressing, can we have contact somewhere with a garden",
    # written blind beside round 15 (4 of 40 flagged, 3 once its phrases were added: in
    # ACCEPTED_FALSE_ALARMS)
    "my worker is nice and she got me a hot chocolate",
    "i nearly died laughing when my worker fell off the chair at the meeting",
    "my brother is a nightmare he took my lego again",
    "house of worries my hamster is old and i think he might die soon",
    "house of dreams to be a footballer and live near my nan",
    "the contact centre smells like death and the toys are broken",
    "i miss my mum but i like seeing her on tuesdays",
    "i was sad when our dog died but we buried him in the garden and said a prayer",
    "i go to court next week with my worker to tell the judge where i want to live. im a bit "
    "nervous",
    "i broke my arm on the trampoline and the hospital gave me a blue cast",
    "my teacher is really strict and shouts at the whole class when we talk its so annoying",
    "i want more time with my dad at contact",
    "maths is killing me",
    "this waiting is murder, been 3 months and still no answer about my flat",
    "my worker is actually decent not gonna lie",
    "stop changing my social worker, ive had 5 this year and its doing my head in",
    "lol the review was dead boring, could we do it at mcdonalds next time",
    "my sister is a psycho she borrowed my hoodie without asking",
    "i hate my life when the wifi goes off lol",
    "got stopped by the police with my mates for being loud in the park, they were fine about it "
    "tbh",
    "feel a bit low sometimes cos of exams but my counsellor at college helps",
    "house of worries: getting my gcse results. house of good things: my girlfriend and my job. "
    "house of dreams: being a mechanic",
    "The court process has been exhausting but our social worker kept us informed at every step.",
    "I could have strangled the printer at the family centre, it ate our forms twice! Staff were "
    "lovely though.",
    "My son was in hospital with his asthma last week and the social worker still rang to check "
    "in, thank you.",
    "I get down sometimes since my mum died but I have good friends and my GP has been "
    "supportive.",
    "The parenting course was brilliant. My teenager still drives me up the wall but we're "
    "talking more.",
    "Contact supervisor was great with the kids, they came out buzzing.",
    "Please stop sending letters to the old address, it's a nightmare.",
    "As the school's designated lead I appreciated the prompt replies this term; the new "
    "referral form is much easier to use.",
    "Health visitor: joint visits have improved a lot; the only issue is parking near the "
    "office, which is a killer.",
    "Youth worker: the young people loved the consultation session, especially the pizza. One "
    "asked if they could design the next feedback form.",
    "Teacher: the review meeting was well chaired and the plan is clear. Attendance has gone up "
    "to 96%.",
    "Police liaison officer: information sharing at the multi-agency meeting was efficient and "
    "everyone came prepared.",
    "School nurse: the drop-in sessions are well used; most questions are about spots, periods "
    "and exam stress.",
    "Paediatric nurse: discharge planning for the little one after his operation was smooth and "
    "the foster carer was brilliant.",
    "Foster carer: the training day on life story work was really useful, though the sandwiches "
    "were deadly dull.",
    # written blind beside the other languages' round 4 to trip a word-matcher (15 of 60
    # flagged, 16 once its phrases were added: in ACCEPTED_FALSE_ALARMS)
    "mae mam yn gorfod dod i'r cyfarfod dydd mawrth ond mae hi'n gweithio, oes modd newid yr "
    "amser?",
    "dwi'n gorfod gwneud fy ngwaith cartref cyn cael mynd ar y ffôn, boring ond iawn",
    "mae nain yn fy ngorfodi i fwyta sbrowts bob dydd sul lol",
    "nes i grio ar ddiwedd y ffilm yn y sinema efo fy ngweithiwr cymdeithasol, oedd o'n lyfli",
    "roedd drws y ganolfan deulu wedi cloi pan gyrhaeddon ni, felly naethon ni aros hanner awr "
    "yn y glaw",
    "ges i stafell fy hun yn y tŷ newydd a dwi di peintio hi'n biws",
    "ges i anrheg pen-blwydd gan fy ngofalwr maeth, set lego, diolch!",
    "dydi'r wifi ddim yn gweithio yn y fflat a dwi methu gwneud gwaith coleg, plis allwch chi "
    "helpu",
    "Diolch i'r tîm am yr help efo'r cais am le mewn ysgol newydd, roedd y gweithiwr "
    "cymdeithasol yn glên iawn.",
    "roedd y cyfarfod yn rhy hir ac yn boring ond roedd y bisgedi'n dda",
    "mae'n rhaid i fi fynd i'r gwely am naw ar noson ysgol, sy'n annheg achos mae fy ffrindiau'n "
    "cael aros i fyny",
    "mama musi przyjsc na spotkanie w czwartek ale pracuje do 17, czy mozna pozniej?",
    "Muszę odrobić lekcje, zanim wyjdę na dwór, trochę nudne, ale ok.",
    "zablokowal mi sie telefon i nie pamietam kodu, musialem isc do taty zeby go odblokowal",
    "Płakałam na końcu filmu o psie, cała sala płakała haha",
    "w nowym mieszkaniu mam wlasny pokoj i moge sama wybrac kolor scian",
    "Chciałabym, żeby spotkania były po szkole, a nie rano, bo opuszczam lekcje.",
    "dostalam prezent od rodziny zastepczej na swieta, bluze z kotem, jest super",
    "w nocy nie moge spac bo sasiedzi maja imprezke i glosno puszczaja muzyke",
    "Dziękuję pani z zespołu za szybką odpowiedź w sprawie zasiłku i pomoc z formularzami.",
    "mama trebuie sa vina la sedinta de marti dar lucreaza, se poate muta joi?",
    "Trebuie să-mi fac temele înainte să ies afară, dar e ok.",
    "bunica ma obliga sa mananc spanac de fiecare data cand merg la ea haha",
    "usa de la centru era incuiata cand am ajuns si am asteptat afara in frig jumatate de ora",
    "am plans la filmul cu elefantul la cinema, a fost trist dar frumos",
    "Acum am camera mea și pot să stau cu lumina aprinsă noaptea cât citesc.",
    "am facut poze la petrecerea de Craciun si doamna asistenta sociala ne-a dat cate una printata",
    "am primit de ziua mea o minge de fotbal de la asistenta maternala, multumesc mult",
    "nu am voie la telefon dupa ora 9 seara, e enervant dar asa sunt regulile in casa",
    "Vă mulțumesc pentru ajutor la programarea la medic și pentru traducere, a fost de mare folos.",
    "sedintele sunt prea lungi si plictisitoare, ar fi mai bine online",
    "mama ma pune sa spal vasele in fiecare seara si nu e corect ca frate-miu nu spala niciodata",
    "ماما لازم تجي عالاجتماع يوم الأحد بس عندها شغل، فينا نغير الموعد؟",
    "لازم أخلص واجباتي قبل ما أطلع ألعب، عادي",
    "تيتا بتجبرني آكل سبانخ كل جمعة هههه",
    "تلفوني انقفل ونسيت الرمز، أخوي الكبير فتحه لي",
    "بكيت بآخر الفيلم بالسينما، كان كتير حزين بس حلو",
    "صار عندي غرفة لحالي في البيت الجديد وحطيت فيها ستارة زرقا",
    "اتصورنا صور كتير في الرحلة وماما علقت واحدة على التلاجة",
    "جاتني هدية عيد ميلادي من الأسرة الحاضنة، دراجة جديدة، شكراً",
    "نسهر بالليل نتفرج على الكورة مع بابا يوم الخميس، أحلى يوم",
    "أشكر الأخصائية الاجتماعية على تعاونها وعلى توفير مترجم في الاجتماع الأخير.",
    "الاجتماعات طويلة ومملة، ياريت تكون أقصر أو أونلاين",
    "باب المكتب كان مقفول لمن وصلنا وقعدنا برة نص ساعة",
]

ACCEPTED_FALSE_ALARMS: list[tuple[str, C]] = [
    ("my mum will kill me if I'm late", C.IMMEDIATE_DANGER),
    ("my brother beat me at FIFA", C.PHYSICAL_ABUSE),
    ("I was scared before the meeting but it was ok", C.FEAR),
    ("I don't want to die my hair", C.SUICIDE),
    ("I kept the birthday present a secret from my sister", C.CONCERN),
    ("I felt a bit left out of the conversation at the review", C.BULLYING),
    ("I want to be able to stay at friends houses", C.RUNNING_AWAY),
    ("I don't like the car journey to contact but my carer plays music", C.CONCERN),
    ("I was a bit scared of the meeting but it was fine in the end", C.FEAR),
    ("I felt nervous but my carer held my hand", C.FEAR),
    ("my carer makes me tidy my room on Sundays", C.CONCERN),
    ("i get nervous before meetings but my advocate helps", C.FEAR),
    # written blind beside rounds 11 and 12 to trip a word-matcher, and they do
    ("i hate maths homework and my carer makes me do it before xbox", C.CONCERN),
    ("got hit by a football at the park lol my nose bled everywhere", C.PHYSICAL_ABUSE),
    ("dreams: be a barber and do proper sick cuts and skin fades", C.SELF_HARM),
    ("my foster carer drives me mad she makes me go bed at 9 on a school night!!!", C.CONCERN),
    ("i ran away from the goose on the farm trip it was so scary haha", C.RUNNING_AWAY),
    (
        "thanks for sorting the overnight permission so quick so i can stay at my mates on "
        "saturday",
        C.RUNNING_AWAY,
    ),
    (
        "i cut my own hair with the kitchen scissors and now i look like a mushroom pls help",
        C.IMMEDIATE_DANGER,
    ),
    (
        "the drugs and alcohol session at school was boring tbh we already know all that",
        C.SUBSTANCES,
    ),
    (
        "my leg is all bruised from rugby on saturday but we won!! can u come watch next time",
        C.PHYSICAL_ABUSE,
    ),
    (
        "in food tech we used the big knives to do the chicken and i didnt cut myself for once",
        C.IMMEDIATE_DANGER,
    ),
    (
        "we watched a film about drugs in PSHE and it was actually really good, made me think",
        C.SUBSTANCES,
    ),
    (
        "I was scared at first when social care got involved but our worker was lovely and "
        "explained everything properly.",
        C.FEAR,
    ),
    (
        "Could the sessions be after 4? My son is starving when he gets in from school and "
        "can't concentrate on anything till he's eaten.",
        C.NEGLECT,
    ),
    (
        "i smashed my exams!!! thank u for helping me revise, couldnt have done it without u",
        C.DOMESTIC_ABUSE,
    ),
    ("my brother beat me at mario kart 10 times in a row its not fair", C.PHYSICAL_ABUSE),
    (
        "we did a drama piece about knife crime for assembly and i played the paramedic",
        C.IMMEDIATE_DANGER,
    ),
    # written blind beside round 13, and they do
    ("i was scared about the review but it was fine in the end", C.FEAR),
    (
        "I hit my head on the cupboard at the family centre, theres a sharp corner someone should "
        "pad it",
        C.PHYSICAL_ABUSE,
    ),
    ("our dog is scared of the hoover haha", C.FEAR),
    ("I smashed my exams!! got a 7 in english", C.DOMESTIC_ABUSE),
    ("football training was brutal today coach wants to kill us", C.IMMEDIATE_DANGER),
    # written blind beside round 14, and they do
    ("my foster carer makes me eat brocoli its literally torture lol", C.CONCERN),
    (
        "i got a massive bruise on my knee playing football and my carer put frozen peas on it",
        C.PHYSICAL_ABUSE,
    ),
    (
        "We were dreading the child protection conference but honestly it was fair and we felt "
        "listened to",
        C.CONCERN,
    ),
    ("i want to run away to disneyland and never come back lol", C.RUNNING_AWAY),
    (
        "dad has a beer with his sunday dinner and we watch the football together, best day of "
        "the week",
        C.SUBSTANCES,
    ),
    ("Please stop sending letters to my old address, the last two went missing", C.RUNNING_AWAY),
    ("my PE kit keeps going missing from the changing rooms its so annoying", C.RUNNING_AWAY),
    ("my worker took me to the dentist and i was scared but it didnt hurt at all", C.FEAR),
    ("secret santa at the children in care council was so fun i got a lava lamp", C.CONCERN),
    (
        "im scared of spiders and there is a massive one in my bedroom at my foster house pls "
        "send help",
        C.FEAR,
    ),
    (
        "my carer makes me go to bed at 8 which is so unfair evryone else in my class stays up",
        C.CONCERN,
    ),
    # written blind beside round 15, and they do
    ("the police came to school and showed us their car and i sat in it", C.DOMESTIC_ABUSE),
    ("i hate brocoli and my foster mum makes me eat it", C.CONCERN),
    (
        "As foster carers we'd like more notice before contact changes, it's chaos trying to "
        "rearrange school runs.",
        C.SUBSTANCES,
    ),
    # written blind beside the other languages' round 4 to trip a word-matcher, and they do
    ("dwi ofn y prawf mathemateg wythnos nesa ond mae'r athrawes yn helpu fi", C.FEAR),
    (
        "mae fy mrawd bach yn cael bath efo swigod bob nos ac mae o'n gwneud llanast ym mhob man "
        "haha",
        C.CONCERN,
    ),
    (
        "naethon ni dynnu lluniau yn y parti Nadolig ac mae mam wedi rhoi nhw ar yr oergell",
        C.CONCERN,
    ),
    (
        "dwi'n cael aros i fyny'n hwyr yn y nos i wylio pêl-droed efo dad ar nos sadwrn, mae o'n "
        "hwyl",
        C.CONCERN,
    ),
    ("babcia zmusza mnie do jedzenia brokulow xd", C.CONCERN),
    ("boje sie sprawdzianu z matmy w piatek ale pani powiedziala ze mi pomoze", C.FEAR),
    (
        "z siostra robimy mamie niespodzianke na urodziny, to nasz sekret wiec nie mowcie jej "
        "prosze :)",
        C.CONCERN,
    ),
    ("brat siedzi w lazience godzine jak sie kapie a ja musze czekac", C.CONCERN),
    ("robilismy zdjecia na wycieczce do zoo, pani z opieki obiecala ze je wydrukuje", C.CONCERN),
    ("tata kaze mi sprzatac pokoj w kazda sobote zanim pojde na pilke, troche nudne", C.CONCERN),
    (
        "mi-e frica de testul de la mate de vineri, dar doamna diriginta zice ca o sa fie usor",
        C.FEAR,
    ),
    ("fratele meu mic face baie cu o rata de cauciuc si tipa de bucurie haha", C.CONCERN),
    (
        "ii pregatim o surpriza surorii mele de ziua ei, e secret asa ca nu-i spuneti va rog",
        C.CONCERN,
    ),
    ("أنا خايفة من امتحان الرياضيات بكرة بس المعلمة قالت إنه سهل", C.FEAR),
    ("أخوي الصغير يحب الحمام بالصابون والفقاعات وما يبغى يطلع", C.CONCERN),
    ("أمي تخليني أرتب غرفتي كل يوم سبت قبل ما أطلع مع صحباتي، مرة ممل بس عادي", C.CONCERN),
]


def test_the_tables_are_big_enough() -> None:
    assert len(DISCLOSURES) >= 80 and len(ORDINARY) >= 40 and len(NEW_PHRASINGS) == 656
    assert {category for _, category in DISCLOSURES} >= set(C) - NOT_FROM_THE_SCREEN


@pytest.mark.parametrize(("text", "category"), DISCLOSURES)
def test_every_disclosure_flags_with_its_category(text: str, category: C) -> None:
    result = screen(text)
    assert result.flagged
    assert category in result.categories


@pytest.mark.parametrize("text", OTHER_LANGUAGE_PHRASINGS)
def test_other_languages_phrasings_flag(text: str) -> None:
    assert screen(text).flagged


def test_the_cues_add_to_a_round_in_the_other_languages_written_after_every_fix() -> None:
    """Round 3 was measured once: 5 of 24 by the lexicons, 9 with the cues."""
    flagged = [t for t in OTHER_LANGUAGE_FRESH if screen(t).flagged]
    by_lexicon = [t for t in OTHER_LANGUAGE_FRESH if screen(t, cues=False).flagged]
    assert len(OTHER_LANGUAGE_FRESH) == 24 and len(flagged) >= 9
    assert len(flagged) - len(by_lexicon) >= 4


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("mam ma nowego chlopaka i on mi robi zdjecia", "pl"),
        ("mama plange cand vine iubitul ei", "ro"),
        ("mae ewythr yn dod i fy ystafell", "cy"),
        ("صديق أمي يدخل غرفتي", "ar"),
    ],
)
def test_a_person_with_closeness_or_distress_is_enough_in_the_other_languages(
    text: str, language: str
) -> None:
    plain, expanded = screen_text.forms(text)
    assert not any(safeguarding._any_pattern().search(form) for form in (plain, expanded))
    assert any(lang == language for _, lang in safeguarding._cue_concepts(plain, expanded))
    assert screen(text) == ScreenResult(flagged=True, categories=(C.CONCERN,))


def test_the_languages_of_the_cues_are_not_mixed() -> None:
    """"mam" is Welsh for "mum" and Polish for "I have"; "pokoj" is Polish for "room"."""
    text = "w nowym domu mam swoj pokoj"
    languages = {lang for _, lang in safeguarding._cue_concepts(*screen_text.forms(text))}
    assert languages >= {"cy", "pl"}
    assert screen(text) == ScreenResult(flagged=False, categories=())


@pytest.mark.parametrize("text", NEW_PHRASINGS)
def test_new_phrasings_flag(text: str) -> None:
    assert screen(text).flagged


@pytest.mark.parametrize(
    "text",
    [
        "he talks like an extremist now",
        "they radicalised him online",
        "he keeps going on about a race war",
        "i have a second phone",
        "my clothes stink",  # "clothes ~ too small|..." read as "too", then "small|...|stink"
        "i dont think ill be alive for long",  # "much longer|for_long": "much", then the rest
        "tata ma obliga sa stau in frig",  # dad makes me stay in the cold (made to, going without)
    ],
)
def test_phrases_of_several_words_among_alternatives_match(text: str) -> None:
    """A space splits words before `|` does: "second phone|two phones|another phone" read
    as "second", then "phone|two", "phones|another", "phone", and matched none of these."""
    assert screen(text).flagged


def test_the_cues_flag_more_than_half_of_a_round_written_after_every_fix() -> None:
    """Round 9 was measured once: 18 of 40 by the lexicon, 22 with the cues. Round 15's
    phrases later caught one of the cues' four by the lexicon alone."""
    by_lexicon = [t for t in FRESH_TELLINGS if screen(t, cues=False).flagged]
    flagged = [t for t in FRESH_TELLINGS if screen(t).flagged]
    assert len(FRESH_TELLINGS) == 40 and len(flagged) >= 22
    assert len(by_lexicon) >= 19 and len(flagged) - len(by_lexicon) >= 3


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("my uncle says nobody knows where we go", {"person", "secrecy"}),
        ("his friend comes round at night and makes me sit with him",
         {"person", "closeness", "made_to"}),
        ("when she stays in my room I get really upset", {"person", "closeness", "distress"}),
        ("he made me stand there and I was shaking", {"person", "made_to", "distress"}),
        ("he makes me wash in cold water", {"person", "made_to", "going_without"}),
        ("nobody knows and I feel sick every day", {"secrecy", "distress"}),
    ],
)
def test_cues_flag_a_concern_when_every_concept_of_a_rule_is_there(
    text: str, rule: set[str]
) -> None:
    plain, expanded = screen_text.forms(text)
    assert not safeguarding._any_pattern().search(expanded)  # the lexicon finds nothing
    assert safeguarding._cue_rule(safeguarding._cue_concepts(plain, expanded)) == rule
    assert screen(text) == ScreenResult(flagged=True, categories=(C.CONCERN,))
    assert [reason.category for reason in safeguarding.explain(text)] == [C.CONCERN]


@pytest.mark.parametrize(
    "text",
    [
        "my uncle came to my review",  # a person only
        "he helps me at night with my reading",  # a person and closeness
        "I had to wait and it was boring",  # made to only
        "she explained what would happen and I was upset at first",  # a person and distress
    ],
)
def test_one_cue_alone_or_a_person_with_one_more_does_not_flag(text: str) -> None:
    assert screen(text) == ScreenResult(flagged=False, categories=())
    assert safeguarding.explain(text) == ()


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
@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=0, max_size=2_000))
def test_never_crashes_on_huge_text_in_any_script(text: str) -> None:
    """Any text, in any script, repeated to 20,000 characters and more: the screen answers
    as it always does, and reads all of it, so words of harm after it still flag."""
    piece = text + "\u200f\u202e🔥"
    huge = piece * (20_000 // len(piece) + 1)
    told = screen(huge + "\nMy stepdad hits me.\n" + huge)
    assert told.flagged and C.PHYSICAL_ABUSE in told.categories
    for result in (screen(huge), told):
        assert isinstance(result, ScreenResult) and isinstance(result.flagged, bool)
        assert all(isinstance(category, C) for category in result.categories)
        assert not NOT_FROM_THE_SCREEN & set(result.categories)
        assert result.categories == tuple(sorted(set(result.categories)))
        assert result.flagged == bool(result.categories)


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


# No deadline (as for the other properties here): a busy machine can stall one of 300
# examples past Hypothesis's 200 ms, failing a test about the words, not the speed.
@settings(max_examples=300, deadline=None)
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


def test_every_phrase_swap_is_two_words() -> None:
    """expanded_words swaps phrases by pairing words."""
    assert all(len(phrase.split()) == 2 for phrase in PHRASE_SWAPS)
    assert all(len(spelt.split()) == 1 for spelt in PHRASE_SWAPS.values())


def _swapped_by_pattern(words: list[str]) -> list[str]:
    """The phrase swaps as one regular expression over the joined words, the way they were
    made before expanded_words paired words: the reference it must agree with."""
    pattern = re.compile(
        "|".join(rf"(?<![^ ]){re.escape(k)}(?![^ ])" for k in sorted(PHRASE_SWAPS, key=len)[::-1])
    )
    spelt = [WORD_SWAPS.get(w, w) for w in words]
    return pattern.sub(lambda m: PHRASE_SWAPS[m.group(0)], " ".join(spelt)).split()


@settings(max_examples=300, deadline=None)  # no deadline, as above
@given(
    st.lists(
        st.sampled_from(
            sorted({w for phrase in PHRASE_SWAPS for w in phrase.split()})
            + ["im", "self", "dad", "hurt", "one", "i", "x"]
        ),
        max_size=12,
    )
)
def test_phrase_swaps_pair_words_as_the_pattern_did(words: list[str]) -> None:
    assert screen_text.expanded_words(words) == _swapped_by_pattern(words)


@pytest.mark.parametrize(
    "text", ["my self harm", "no one no body", "step dad and step mum", "im ok", "hello"]
)
def test_forms_are_the_plain_form_twice_when_nothing_is_spelt_out(text: str) -> None:
    plain, expanded = screen_text.forms(text)
    words = screen_text.plain_words(text)
    assert plain == screen_text.skeleton(" ".join(words))
    assert expanded == screen_text.skeleton(" ".join(screen_text.expanded_words(words)))
