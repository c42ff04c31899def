"""Word lists used by :mod:`learning.themes.redact` to recognise people's names (its name
rules are in :mod:`learning.themes.redact_name_rules`).

The name lists are written by hand from general knowledge of names common in the UK (several
generations, and the communities a council in England serves), not copied from any data set;
``ORDINARY_WORDS``, the words that are not names, comes from SCOWL (see its note below). All
entries are lower case; lookups lower-case the word first.

- ``FIRST_NAMES``: first names and nicknames. Those not in ``AMBIGUOUS_FIRST_NAMES`` are taken
  as names wherever they appear, in any case, except ``CAPITALISED_ONLY`` ones ("charlie",
  "mags", "tel"), which are words or slang in lower case.
- ``AMBIGUOUS_FIRST_NAMES``: first names that are also ordinary words ("hope", "will", "may",
  "mark"). They count as names only with a cue: a title or role before them, a surname after
  them, or a capital letter in the middle of a sentence.
- ``STRONG_WORDS``: the ambiguous names (and place names) whose capitalised form is common in
  ordinary writing (months, seasons, countries, "Bill" for an invoice): these need a title,
  role or surname cue; a capital in mid-sentence is not enough.
- ``SURNAMES``: common surnames. ``ORDINARY_SURNAMES`` is the subset that are also ordinary
  words or places ("Brown", "Foster", "Walker", "Holland"): they count only next to a first
  name or after a title.
- ``NOT_NAMES``: capitalised words never taken as part of a name (pronouns, days, services,
  family roles, common sentence openers, ...). ``PLACE_WORDS`` end a name even when they could
  be surnames ("John Proctor Ward").
- ``CUE_WORDS``, ``TITLES``: words after which a capitalised word is a name ("my social worker
  Zeph", "Mum (Kerry)", "Mr Quill"). ``PHONED_SUBJECTS`` and ``DETERMINERS`` switch some cues
  off ("I called Parkway Medical", "the Rose Garden").
- ``INFORMAL_WORDS`` (slang, texting, spellings as said, brands) are ordinary words too;
  ``ACRONYMS`` are abbreviations that a word in capitals may be instead of a name ("CPN").
"""

from __future__ import annotations

from importlib.resources import files


def _words(text: str) -> frozenset[str]:
    return frozenset(word.lower() for word in text.split())


FIRST_NAMES: frozenset[str] = _words(
    """
    aaliyah aaron abbie abby abdul abdullah abe abi abigail ada adam ade adele adrian adriana
    agnes agnieszka ahmad ahmed aidan aimee aisha alan alana albert aleena alesha alex alexa
    alexander alexandra alexis alf alfie alfred ali alice alicia alina alisha alison alistair
    allison alys amanda amelia amelie amie amina amir amit amy ana anastasia andrea andreea
    andrei andrew andy angela angelina angie angus anil anita anjali ann anna annabel annabelle
    anne annette annie anthony anton antonia anya aoife arabella archie aria ariana arjun arnie
    arthur asha ashleigh ashley ashton audrey aurora ava ayesha bailey barbara barry beatrice
    beckie becky belinda bella benjamin bernadette bernard bernie bert bertie beth bethan
    bethany betty bev beverley bex bilal billie billy blake bobby bogdan bonnie bradley brandon
    brenda brendan brian bridget brody bronwen bruce bryan bryony caitlin callie callum calum
    calvin cameron camilla candice cara carl carla carlos carly caroline carolyn carrie casey
    cassandra cassie cath catherine cathy cerys chantal chantelle charlene charles charley
    charlie charlotte chelsie cheryl chidi chinedu chloe chloé chris christina christine
    christopher ciara ciaran cilla cindy clair claire clara clare claudia clive colin colleen
    connie connor conor corrine courtney craig cristina curtis cyril dafydd damian damien dan
    dani daniel daniela danielle danni danny darcey darcie darcy darrell darren darryl dave
    davey david debbie deborah debra declan dee deepak del delia demi denis denise dennis derek
    desmond dexter diana diane dianne dina dionne divya dolores dominic dominique donald donna
    doreen doris dorothy doug dougie douglas duane duncan dylan eddie eddy edith edward eileen
    eilidh elaine eleanor elena elijah elise eliza elizabeth ella ellen ellie elliot elliott
    eloise elsa elsie emeka emilia emily emma emmanuel emmie eric erin ernie esha esme esther
    ethan ethel euan eva evan evelyn evie ewa ewan faisal fatima fatma fay faye felicity felix
    fergus ffion finlay finley finn fiona fran frances francesca francis frankie fred freddie
    freddy frederick freya funmi gabriella gabrielle gail gareth gary gavin gaz gemma geoff
    geoffrey george georgie georgina gerald gerard gerry gethin gillian gina ginny gino glenn
    gloria gordon graham greg gregory gurdeep gurpreet gus gwen gwyneth hafsa hamish hamza
    hannah harjit harold haroon harpreet harriet harrison harry harvey hassan hattie hayden
    hayley hector heidi helen helena henry herbert hiba hilary hillary hollie horace howard hugo
    hussain ian ibrahim ida imogen imran ingrid ioana iqra irene irfan isaac isabel isabella
    isabelle isla isobel ivan ivor jackie jackson jacob jacqueline jacqui jacquie jake jakub
    james jamie jana jane janet janice janine jasmine jason jasper jaspreet jaswinder jax jaxon
    jayden jayne jeanette jeff jeffrey jemma jen jenna jennifer jenny jeremy jermaine jerome
    jess jesse jessica jessie jez jill jim jimmy jo joan joanna joanne jodi jodie joe joel joey
    john johnny jon jonathan jonny joseph josephine josh joshua josie joyce jude judith judy
    julia julian julianne julie juliet justin justine kacper kai kaiden kamran kara karen karl
    kasia kat katarzyna kate kath katherine kathleen kathryn katie katy kayden kaye kayla
    kayleigh keeley keith kelly kelvin kenneth kenny keri kerrie kerry kev kevin kez kezia
    khadija khalid kian kieran kim kimberley kirstie kirsty kofi kristian krzysztof kwame kyle
    kylie lacey laiba laila lana lara latoya laura lauren layla leah leanne leigh-anne lena
    lenny leo leon leonard leroy lesley lewis lexi liam libby lila lilly lily linda lindsay
    lindsey lionel lisa liz lizzie lloyd logan lois lola lorna lorraine lottie lou louie louis
    louisa louise luca lucas lucy luke lydia lyndsey lynn lynne lynsey maddie maddison madison
    magda magdalena maggie mags maisie malcolm mandy manny manpreet marc marcus marek margaret
    maria mariam marian marianne marie marilyn marion marjorie marta martha martin mary maryam
    matilda matt matthew maureen maurice maxine maya meg megan mel melanie melissa mia michael
    michelle mihaela mihai mike mila mildred millie miranda miriam mitchell mohamed mohammad
    mohammed mollie molly monica morag morgan muhammad mustafa nadia nadine nancy naomi natalie
    natasha nathan nathaniel ned neha neil nell nellie nerys ngozi nia niall niamh nicki nicky
    nico nicola nicole nigel nikki nina noah noor nora norma oliver olivia oliwia ollie
    oluwaseun omar oscar osman owen ozzy padraig paige pam pamela patricia patrick paul paula
    pauline pawel peggy penelope percy peter petra phil philip phillip phoebe phyllis piotr
    pippa polly pooja posy priscilla priya quentin rabia rachael rachel rahul raj rajesh ralph
    rani rashid ravi raymond rebecca rebekah reece reggie regina reuben rhea rhiannon rhodri
    rhona rhys richard rick ricky rico riley rita robbie robert roberta robyn rodney roger
    roisin ron ronald ronan ronnie rory rosa rosemary rosie ross rowena roxanne roy rupert
    russell ruth ryan sabrina sadie safa sally sam samantha samuel sana sandra sanjay sara sarah
    scarlett scott sean sebastian segun selina seán shane shanice shannon sharon shaun shauna
    sheila shelley sheryl shirley shona shreya sian sid sienna simon simran sinead sinéad
    siobhan sioned siân sofia sonia sonya sophia sophie stacey stacy stella steph stephanie
    stephen steve steven stevie stewart stu stuart sukhdev sumaya sunil sunita susan susannah
    suzanne suzie suzy sylvia tamara tammy tanisha tanya tara tariq tash tasha tel terence
    teresa terry tessa theo theodore theresa thomas tiffany tilly tim timothy tina toby todd tom
    tomasz tommy toni tony tracey tracy trevor trish trudy tunde tyler tyrone una usman valerie
    vanessa vicki vicky vikki vikram vince vincent vinny vivienne waqas wayne wendy wes wesley
    william winifred yasir yasmin yasmine yusra yusuf yvonne zac zachary zain zainab zak zara
    zayn zoe zoey zofia zoë zubair zuzanna
    """
)

AMBIGUOUS_FIRST_NAMES: frozenset[str] = _words(
    """
    al amber angel april art ash august austin autumn ben bentley bill blessing bob brooke bud
    buddy carmen carol chance charity chase chelsea cherry christian clay cliff crystal daisy
    dale dawn dean destiny devon di diamond dolly don dot drew duke earl ed em eve faith fern
    florence frank gene georgia gill glen grace grant guy harley harmony hazel heather holly
    honey hope hugh hunter india iris ivy jack jade jan jay jean jewel jordan joy june kay ken
    king kit kitty lance lavender lee les lincoln major mal marina mario mark max may melody
    mercedes mercy mick miles misty mo nat nick noel norm norman olive paris pat patience pearl
    penny perry pete pierce poppy precious prince prudence rain ray rebel reed reg rex rich
    river rob robin rocky rod rose royal ruby rusty saffron sandy sky skye sonny spencer stan
    stanley star sterling storm sue summer sunny sydney ted teddy temperance tia tiger verity
    victoria violet wade will willow
    """
)

CAPITALISED_ONLY: frozenset[str] = _words(
    """
    bev billy bobby charlie del eddy harry john josh mags matt mike ruth tash tel tom una
    """
)

STRONG_WORDS: frozenset[str] = _words(
    """
    al angel april art august austin autumn bentley bill chance charity chelsea christian devon
    di diamond duke earl ed em faith florence frank georgia harley india jan jordan june king
    lincoln major marina may mercedes mo norman paris precious prince rain rich river royal sky
    spencer star sterling storm summer sydney victoria will
    """
)

SURNAMES: frozenset[str] = _words(
    """
    abdi adams adeyemi ahmed akhtar ali allen anderson andrews armstrong arnold asante atkinson
    austin aziz bailey baker ball banks barber barker barnes barnett barrett barton bates baxter
    begum bell bennett berry bibi bird bishop blake bloggs boateng bond booth bradley brooks
    brown buckley burgess burke burns burton butler byrne campbell carr carroll carter chambers
    chapman chen choudhury chowdhury clark clarke clayton cole coleman collins cook cooke cooper
    cox cross cunningham curtis davidson davies davis dawson day dean desai dixon docherty
    douglas doyle dunn edwards elliott ellis evans ferguson fisher fletcher ford foster fowler
    fox francis fraser freeman french frost gallagher gardner george gibbs gibson gilbert gill
    goodwin gordon graham grant gray green greenwood gregory grey griffin griffiths gupta hall
    hamilton hammond harding hardy harper harris harrison hart harvey hassan hawkins hayes
    hayward heath henderson hewitt hicks higgins hill hodgson holland holmes holt hopkins howard
    hudson hughes hunt hunter hussain hussein hutchinson ionescu iqbal islam jackson james
    jarvis jenkins jennings johnson johnston jones jordan joshi kaur kelly kemp kennedy khan
    king knight kowalczyk kowalski kumar lambert lane lawrence lawson lewis lloyd long lowe
    lynch macdonald mackenzie mahmood malik mann marsh marshall martin mason matthews may
    mccarthy mcdonald mclean mcleod mensah miah middleton miles miller mills mistry mitchell
    mohamed mohammed moore morgan morris moss murphy murray nancarrow nash nelson newman newton
    nguyen nicholls nicholson norman nowak o'brien o'connor o'neill okafor okonkwo oliver
    osborne osei owen owusu page palmer parker parry parsons pascoe patel payne pearce pearson
    penrose perry phillips poole popescu porter potter powell price pritchard quinn rahman
    rashid read reed rees reid reynolds richards richardson riley roberts robertson robinson
    robson rogers rose ross rowe russell ryan saunders scott shah sharma sharp shaw shepherd
    simpson sinclair singh slater smith spencer stanley stephens stephenson stevens stevenson
    stewart stokes stone sullivan sutton taylor thomas thompson thomson trelawney tremayne
    tucker turner uddin walker wallace walsh walters walton wang ward warren watkins watson
    watts webb webster wells west wheeler white whitehead wilkinson williams williamson willis
    wilson wood woods woodward wozniak wright wójcik yates young zhang
    """
)

ORDINARY_SURNAMES: frozenset[str] = _words(
    """
    austin baker ball banks barker bell bird bishop bond booth brooks brown burns butler carter
    chambers cole cook cooper cross day dean douglas fisher ford foster fox freeman french frost
    gardner gill grant gray green grey hall hardy hart heath hill holland hunt hunter islam
    jordan king knight lane long mann marsh marshall mason may miles miller mills moore moss
    nelson newton norman page parry payne poole porter potter price read reed rose sharp
    shepherd stanley stone turner walker ward wells west wheeler white wood woods young
    """
)

NOT_NAMES: frozenset[str] = _words(
    """
    a about above academy adopted adoption after afternoon again against all allah also although
    always am amazing an and angry any anything anyway appointment appointments april are as
    asked assessment assessments at august aunt auntie aunty authority avenue awful baby bad
    barnardo's barnardos be because been before being below best better between board borough
    both brilliant britain british brother but by cafe café call called came camhs can care
    carer carers case cases center centre chapel cheers child childline children christ
    christmas church cin city class classes clinic close club college come comes conference
    consultant consultants contact cornwall coronavirus could council county course court courts
    cousin covid cp crescent dad daddy daughter day days dear december department did district
    diwali do doctor doctors does down dr drive during each early easter education ehcp eid
    email emailed england english even evening event eventually every everyone everything
    excellent experience facebook faithfully families family fantastic father february feel
    feels felt few file files finally first for forum foster fostering friday friend from
    further fw fwd garden gardens get gets god good google got gp gran grandad grandfather
    grandma grandmother grandpa granny great green group grove had happy has hate have he health
    healthcare hearing hello help helpful her here hey hi hill his home hopefully hospital house
    how however hub i i'd i'll i'm i've if in instagram instead into ireland iro is it its
    january jesus july june just kid kids kind knew know lac lane last letter letters library
    like liked local london lord lot lots love loved lovely luckily madam made make makes mam
    manager managers many march matron may maybe meanwhile medical meeting meetings mental mews
    might miss mom monday month months more morning mosque most mother mr mrs ms much mum mummy
    must mx my name named nan nana nanny need needed network never new next nhs nice night no
    nobody none not note notes nothing november now nspcc nurse nursery nurses october of off
    office ofsted often ok okay old on once only or other otherwise our out over overall own pa
    panel paramedic parent parents park partner partnership perhaps period phone phoned physio
    physiotherapist place plan planning plans please police poor practice programme project
    psychiatrist psychologist ramadan rang re really receptionist regard regards registrar
    report reports review reviews road row sad sadly safe said same saturday saw says scared
    scheme school schools scotland secretary see seen sen send september service services
    session sessions shall she shop should since sincerely sir sister snapchat so social some
    someone something sometimes son sorry specialist square st staff still street subject such
    sunday support surgeon surgery sw team teams temple terrace terrible text texted than thank
    thankfully thanks that the their then therapist there therefore these they think this those
    though thought through thursday tiktok time times to today told tomorrow too training truro
    tuesday uk uncle under unfortunately unit university unless until up upset very visit
    visited wales walk want wanted ward was way we wednesday week weeks well wellbeing went were
    what whatsapp when where which while who whom whose why will with wonderful work worker
    workers worried worse worst would year years yes yesterday yet you your yours youth youtube
    zoom
    """
)

PLACE_WORDS: frozenset[str] = _words(
    """
    academy avenue building center centre clinic close college court crescent drive foundation
    gardens green grove hall hill hospice hospital house lane lodge mews nursery park place
    practice road row school service services square station street suite surgery team terrace
    trust unit village walk ward wards way wing
    """
)
"""Words that end a name even when they could be a surname: "John Proctor Ward", "Mary Potter
Centre" keep "Ward" and "Centre"."""

CUE_WORDS: frozenset[str] = _words(
    """
    adviser advisor aka assistant aunt auntie aunty bestie bf bff boyfriend brother brothers called
    carer carers cousins friends gf mate mates pal sisters workers
    caseworker co-ordinator coordinator counsellor counselor cousin dad daddy daughter dear
    father friend girlfriend gran grandad grandfather grandma grandmother grandpa granny
    headteacher husband iro keyworker lawyer mam manager midwife mom mother mum mummy named nan
    nana nanny nephew nicknamed niece nurse officer pa partner practitioner psychiatrist
    psychologist sister solicitor son step-dad step-mum stepdad stepmom stepmum sw teacher
    therapist tutor uncle visitor wife worker
    """
)
"""Words after which a capitalised word is taken as a name: "my social worker Zeph", "Mum
(Kerry)", "a boy called Will", "Dear Jo". Also "name is", "name's", "known as" (handled in
:mod:`learning.themes.redact_name_rules`)."""

TITLES: frozenset[str] = _words("mr mrs ms mx miss dr prof professor sir dame rev revd cllr")
"""Titles before a name. After "Mr", "Mrs", "Ms", "Mx" and "Dr" a lower-case word counts too."""

PHONED_SUBJECTS: frozenset[str] = _words(
    """
    again already also and eventually finally had has have he i just never once she then they
    twice we you
    """
)
"""Words before "called" that make it mean "phoned" ("I called Parkway Medical"), not "named"."""

DETERMINERS: frozenset[str] = _words("the a an this that these those our your their its")
"""A capitalised word after these is not taken as a name on the strength of its capital alone
("the Rose Garden")."""


NATIONALITIES: frozenset[str] = _words(
    """
    afghan african albanian algerian american arab arabic asian australian bangladeshi bengali
    black brazilian british bulgarian chinese congolese cornish czech dutch egyptian english
    eritrean ethiopian european filipino french german ghanaian greek gujarati gypsy hindi hindu
    hungarian indian iranian iraqi irish islamic italian jamaican japanese jewish kenyan kurdish
    latvian lithuanian muslim nepali nigerian pakistani pashto persian polish portuguese punjabi
    romanian roma romany russian scottish sikh slovak somali spanish sudanese syrian tamil turkish
    ukrainian urdu vietnamese welsh white yemeni yoruba zimbabwean
    """
)
"""Nationalities, languages, ethnicities and faiths: not names, though capitalised ("an Arabic
interpreter"). After "the only" they identify a family and are removed as an identifying
detail instead."""

PERSON_VERBS: frozenset[str] = _words(
    """
    asked asks came comes come did does doesnt didnt drove gave gives got gets hit hits helped
    helps keeps kept kicked knew knows left listens listened lives lived looks looked moved
    never phoned phones promised rang rings said says shouted shouts sorted took takes talks
    talked texted texts told tells visited visits wants wanted went goes
    """
)
"""Verbs after which a capitalised first name that is also a word, starting a sentence, is
taken as a person ("Mark said", "May came", "Rose helped")."""

BE_VERBS: frozenset[str] = _words("is was has had isnt wasnt")
"""Like ``PERSON_VERBS``, but ordinary after months and seasons ("May was wet"): they count
only for names that are not ``STRONG_WORDS`` ("Hope is", "Amber was"), and for "Will"."""

OBJECT_VERBS: frozenset[str] = _words(
    """
    told tell tells telling asked ask asks asking texted text texting messaged message phoned
    phone rang ring met meet thanked thank
    """
)
"""Verbs whose object is a person: a first name that is also a word counts after them in any
case ("I told grace", "I asked june"); "to" after "spoke", "talked", "speak", "talk", "went",
"for" after "ask" do the same for capitalised ones ("I spoke to Faith")."""

SERVICE_WORDS: frozenset[str] = _words(
    """
    adopter advocacy advocate anti assess asye attendee autism autistic barnardos cafcass
    caseload casework caseworker catheter childcare childline coeliac cohort directorate ehcp
    enabler medic paediatric paediatrician paedophile telephonist befriender
    facilitator foster fostering frontline guardianship handover inbox intro keyworker kinship
    kooth learner leaver masterclass neurodiverse nspcc ofsted permanency playroom prioritise
    prioritised rater reassess reconvened referral refresher respite reunification rota
    safeguarding semi stakeholder stepbrother stepdad stepmum stepsister systemic timeline
    unaccompanied unallocated unannounced uninterrupted unplanned untested untreated website
    wellbeing
    mondays tuesdays wednesdays thursdays fridays saturdays sundays weekends
    facebook instagram snapchat tiktok whatsapp youtube xbox playstation netflix google
    """
)
"""Words of children's social care, days in the plural and apps children name, which the
general list below lacks: written out here so that "Caseloads", "Handovers", "Referral" or
"Snapchat" at the start of a sentence are not taken for names."""

INFORMAL_WORDS: frozenset[str] = _words(
    """
    agen aint alevels anorexia argh bc becos bestie brb bro bruv btec btw bulimia chemo cud cya
    deffo defo dyscalculia dyslexic dyspraxia erm fam ffs fifa fr gcse gcses grr haha hiya hmm
    hun ibuprofen imo innit irl itll laptop lego lmao lmfao luv nah nandos ngl nite nowt obvs
    ocd oops owt paracetamol ptsd rofl selfharm shud sis skool smh spotify summat ta tbf tho
    thru tourettes ttyl umm uni vape vaping wat wen wtf wud xmas ya yall yay yea yeh yh
    afaik anyfing aww bae brexit bruh bub eek evrythin everyfing everythin fluoxetine hbu
    hoodie hubby idc idek ilysm imho insta meds meh melatonin nintendo nuffin nuffink ofc omw
    onesie oof ooh selfie sertraline somefing somethin soz sumfink sumone thanx thnx tmi
    trackies tysm ucas urgh wbu welp wifey xoxo wyd yass yikes youtuber yup
    """
)
"""Words children and families write that the general list lacks: texting and slang
("innit", "ngl", "summat"), spellings as said ("skool", "nite", "wen"), school and health
words ("btec", "dyspraxia"), and brands. Part of ``ORDINARY_WORDS``, so that a name is not
looked for in them in any case."""

ACRONYMS: frozenset[str] = _words(
    """
    ae af ahp ai aka amu ap asap asc asd atm aud bame bbc bbq bf bff bia bic bp bpd bsl caf
    cahms cao cc cce cctv ccu cd ceo cfs cic cla cmht cpd cpn cpp cpr crb crht csc cse ct cv
    cvc cvv cyp da dbs dbt dfe diy dj dla dld dm dms dn dna dnacpr dnr dols dv dva dvd dvla dwp
    ecg eeg eha ehc emdr ems ent ep eu eupd eur eyfs faq fgc fgm fsm fyi gad gbp gcs gf gmc gov
    govt hca hcas hcp hdu hiv hmrc hr hv iapt iban ibs icu id idva ie ikr isva itu itv iv jk ks
    la lado las ld lgbt lgbtq lgbtqia mappa marac mau mc mdt me mh mld mnd mp mps mri msi nb
    nfc nicu nmc nqsw nvq opd ot ots pc pda pdf picc picu pip pm pmld pp ppe prn pru ps psw pta
    qr rgn rmn rn rsvp sau scbu semh senco sendco sepa sgo slcn sld slt sms spld srn std sti
    svt tac tb tm tv uasc uc url us usa usd uti vi vip wc yos yot yp
    """
)
"""Abbreviations written in capitals that are not names ("CAHMS", "MDT", "SEPA", "ICU"),
lower-cased, besides those already in ``NOT_NAMES`` and the ordinary words: a word in
capitals is taken as a name only when it is none of these."""


ORDINARY_WORDS: frozenset[str] = SERVICE_WORDS | INFORMAL_WORDS | frozenset(
    line
    for line in (files("learning.themes") / "english_words.txt").read_text("utf-8").splitlines()
    if line and not line.startswith("#")
)
"""Ordinary English words (about 28,000, with informal spellings such as "dont", "becuase",
and service words such as "camhs"), from the lower-case entries of SCOWL sizes 10 to 35
(Kevin Atkinson's Spell Checker Oriented Word Lists), less the first names and surnames
above, held in ``english_words.txt`` (SCOWL's notices: ``english_words.LICENSE.txt``).
Plurals whose singular is listed are left out: look words up with :func:`is_ordinary_word`.
A capitalised word that is none of these and no known word is taken as a name:
"Wojciech", "Abdirahman", "Nevaeh's", "Jonno"."""


_SUFFIXES = (
    "tion", "sion", "ness", "ment", "ity", "ism", "ology", "ics", "ive", "ous", "ful", "less",
    "able", "ible", "ing", "ally", "ence", "ance", "ised", "ized", "ated", "ingly", "therapy",
    "otomy", "ectomy", "oscopy", "aemia", "itis", "osis",
    "adone", "idone", "olone", "sterone", "azepam", "oxetine", "apine", "azole", "mycin",
    "cillin", "profen", "amine", "statin", "opram", "azepine", "iptyline", "phenidate",
)  # fmt: skip
_AMERICAN = ("ize", "izes", "ized", "izing")


def is_ordinary_word(key: str) -> bool:
    """Whether lower-case ``key`` is an ordinary English word (a plural of one, an American
    spelling of one, a long one with "-ly" or "-al" added, or a long word with a suffix no
    name has: "-tion", "-ness", "-ology", "-ised", "-itis", and medicines' "-azepam",
    "-oxetine", "-adone", ...)."""
    if key in ORDINARY_WORDS:
        return True
    if key.endswith("s") and (
        key[:-1] in ORDINARY_WORDS
        or (key.endswith("es") and key[:-2] in ORDINARY_WORDS)
        or (key.endswith("ies") and key[:-3] + "y" in ORDINARY_WORDS)
    ):
        return True
    if key.endswith(_AMERICAN) and is_ordinary_word(key.replace("iz", "is")):
        return True  # "recognize", "authorized"
    if len(key) >= 8 and key.endswith(("ly", "al")) and key[:-2] in ORDINARY_WORDS:
        return True  # "callously", "inspirational"
    return len(key) >= 7 and key.endswith(_SUFFIXES)
