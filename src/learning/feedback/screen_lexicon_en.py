"""The English phrases of the safeguarding screen, by category.

Pattern syntax (see safeguarding.compile_phrase): words separated by spaces; `a|b` either word;
`_` joins words inside one alternative (`no_food|nothing`); `*` at either end of a word is
any ending or beginning (`bruise*`); `~` lets up to three other words in between; a trailing
`?` makes a word optional. Write words in their spelt-out form ("do not", "i am", "nobody",
"mum", "dad", "myself"): text-speak and misspellings are spelt out before matching.
Negation never suppresses: "I don't want to die" flags, by design.
"""

from __future__ import annotations

from learning.feedback.terms import ScreenCategory as C

MACROS = {
    "{HIT}": "hit|hits|hitting|beat|beats|beating|beaten|punch*|kick|kicks|kicked|kicking|"
    "slap*|smack*|whack*|thump*|batter*|strangl*|choke|chokes|choked|choking|hurt|hurts|"
    "hurting|push|pushes|pushed|pushing|shove*|bash*|bite|bites|bit|throttl*|headbutt*|"
    "burnt|burned|burns|attack*",
    "{HURT}": "hit|beaten|punched|kicked|slapped|smacked|hurt|attacked|choked|strangled",
    "{MUM}": "mum|stepmum|nan|nana|gran|granny",
    "{MAN}": "dad|stepdad|he|him|boyfriend|partner|husband|uncle",
    "{INSULT}": "stupid|useless|worthless|fat|ugly|names|idiot|thick|dumb|a_mistake|"
    "a_waste|pathetic|disgusting|rubbish|evil|a_burden|slag|slut|retard*|bitch",
    "{DRUG}": "drugs|drug|weed|cannabis|skunk|cocaine|crack|ket|ketamine|spice|heroin|pills|"
    "mdma|ecstasy|vapes|alcohol|vodka|cigarettes|fags",
}

# fmt: off
PHRASES: dict[C, tuple[str, ...]] = {
    C.IMMEDIATE_DANGER: (
        "please help", "help me please", "someone|somebody|anyone ~ help me|us", "help me|us now",
        "someone|somebody help", "help now", "is an emergency",
        "need help ~ urgent*|now|asap", "get me out", "come ~ get me", "save me",
        "in danger", "danger now", "dangerous ~ home", "not safe ~ tonight|now|right_now",
        "kill me", "kill us", "kill mum", "going to kill", "will kill", "would kill",
        "threat* ~ kill", "try* to kill", "tried to kill", "knife|knives|gun|guns|weapon*",
        "machete|blade", "stab|stabs|stabbed|stabbing", "shoot me|shot at", "locked me in",
        "locks me in",
        "locked in", "trapped", "call ~ police|999", "ring ~ police|999", "999",
        "he is coming back", "hurt me tonight", "going to hurt me",
    ),
    C.SELF_HARM: (
        "cut|cuts|cutting|cutted myself", "cut ~ my arm|arms|wrist|wrists|leg|legs|thigh*",
        "hurt|hurts|hurting|harm|harms|harming|harmed myself", "selfharm*", "self harm*",
        "burn* myself", "scratch* myself", "punch* myself", "hit* myself", "bang* my head",
        "starv* myself", "make|made|making myself sick|throw_up", "throw* up on purpose",
        "bite myself", "pull* my hair out", "overdos*", "took|take|taken|had an od", "i od",
        "od on", "oded",
        "took|take|taking|swallow* ~ pills|tablets|paracetamol", "paracetamol", "razor*",
        "scars", "tried to hang", "ligature", "round my neck", "not eating",
    ),
    C.SUICIDE: (
        "kill|killing|kil myself", "kms", "suicid*", "end it all|now", "ending it all",
        "want|going to end it", "end ~ my life",
        "take|taking ~ my own? life", "want|wanting|wants|wanted to die", "want to be dead",
        "wish i|id ~ dead|never_born|not_alive|not_here", "better off dead",
        "better off without me", "do not want to be alive|here|around", "not ~ want to live",
        "no reason to live", "nothing to live for", "not be here anymore", "never wake up",
        "not to wake up", "not wake up again", "unalive*", "hang myself", "jump off",
        "jump in front", "kys",
        "want to disappear", "not want to exist", "not worth living", "tired of living",
        "tired of life", "can not go on", "can not cope anymore", "can not do this anymore",
    ),
    C.PHYSICAL_ABUSE: (
        "{HIT} me|us", "get|gets|getting|got|been|being|was|were {HURT}",
        "{HIT} ~ my brother|sister|baby|brothers|sisters", "beats",
        "punched", "bruise*", "belt", "black eye", "marks on me|my", "slapped", "smacked",
        "throw*|threw|thrown ~ at me", "grab*|grabbed me", "pull* my hair", "pinch* me",
        "beaten", "battered", "whipped", "physically ~ hurt|abus*|attack*",
        "with a stick|slipper|cable|wire|wooden_spoon",
    ),
    C.SEXUAL_ABUSE: (
        "touch*|touched|touchin me|my|him|her", "private part*", "privates",
        "make|made|makes|making me do ~ things|stuff", "sex", "sexual*", "sexy", "rape*",
        "raped", "molest*", "nude*", "naked", "porn*", "bad touch*", "our ~ secret",
        "secret game", "not to tell", "do not tell anyone", "not allowed to tell",
        "kiss* me ~ lips|do_not|did_not|not_want",
        "comes|came|gets|got|climbs|climbed|creeps|crept|sleeps|slept|lies|lay into|in my bed",
        "comes|came into|in my room ~ night", "gets into bed", "groom*", "inappropriat*",
        "pictures|photos|pics|videos of me", "send|sent|sends|asked ~ pictures|pics|photos",
        "willy|penis|vagina|fanny", "undress*", "my clothes off", "off my clothes",
        "watch* me ~ bath|shower", "fgm", "forced marriage", "made to marry",
    ),
    C.EMOTIONAL_ABUSE: (
        "abuse*", "abusive", "abused", "abusing", "call*|called me ~ {INSULT}",
        "says|said|told me|tells_me i am ~ {INSULT}", "worthless", "never wanted me",
        "does not want me", "do not want me", "nobody wants me", "nobody loves me",
        "nobody cares", "hates me", "hate me", "scream*|shout*|yell*|swear* at me",
        "threat*", "humiliat*", "put*|puts me down", "ignores me",
        "lock*|locked ~ room|cupboard|outside|shed", "locks me", "not allowed to ~ eat|out",
        "blames me", "control* me", "makes|made me feel ~ worthless|stupid|small|bad",
        "walking on eggshells", "wish i was never born",
    ),
    C.NEGLECT: (
        "no food", "not ~ enough food", "nothing to eat", "not enough to eat", "not fed",
        "do|does not ~ feed|fed", "nobody feeds", "hungry", "starving", "starve", "no dinner",
        "no breakfast", "skip* meals", "left alone", "left ~ home alone", "home alone",
        "left on my own", "on my own|by_myself ~ all night|at night|for days|all weekend",
        "nobody look*|looks after me", "nobody ~ take* care of me", "nobody cares for me",
        "look* after my ~ brother*|sister*|siblings",
        "looking after ~ mum|dad", "dirty clothes", "no clean clothes", "same clothes",
        "no heating", "no electric*", "no gas", "no hot water", "no bed",
        "sleep*|slept on the floor", "no money for food", "cold all the time", "always cold",
        "no shoes", "never home", "nobody ~ picks me up", "not taken to ~ doctor|dentist",
        "not ~ been to school", "mould*", "filthy", "dirty house", "rubbish everywhere",
    ),
    C.DOMESTIC_ABUSE: (
        "{HIT} ~ {MUM}", "{HIT} her", "{MUM} ~ get*|got|been|is|was {HURT}",
        "{MAN} ~ {HIT} ~ {MUM}|her", "mum ~ {HIT} ~ dad|stepdad",
        "parents ~ fight*", "mum and dad ~ fight*|argu*|row*|scream*|shout*",
        "fight*|fighting at home", "shouting and hitting", "hitting and shouting",
        "screaming and hitting", "screaming and shouting", "shouting and screaming",
        "police came", "police ~ our house|round|at home|to_the_house", "domestic*",
        "mum ~ crying", "mum ~ bruise*|black_eye", "throw*|threw ~ at mum",
        "throws things", "smash* things", "break*|broke ~ things|door|window|tv|phone",
        "punch* ~ wall|walls|door", "holes in ~ wall*", "mum ~ scared of ~ {MAN}",
        "angry when he drinks", "coercive",
    ),
    C.EXPLOITATION: (
        "older ~ boyfriend|girlfriend|man|men|guy|guys|lads",
        "boyfriend ~ older", "boyfriend is ~ 18|19|20|21|22|23|24|25|26|27|28|29|30",
        "{DRUG} to sell", "sell*|selling|deal* drugs|weed|stuff", "dealer*",
        "county lines", "go|going|went country", "trap house", "trapping",
        "owe them|him|her", "owe ~ money", "in debt to", "gave|give|gives|giving me ~ {DRUG}|gifts",
        "met someone|him|a_man|a_boy online", "someone|man|friend online",
        "asked me to meet ~ him|up|alone|secret*", "meet up with ~ men|man|older",
        "parties|party with ~ men|older", "men|man|older ~ pick* me up", "carry ~ for them|him",
        "hold* ~ for them|him", "plugging", "stash*", "runner for", "gang*", "grooming",
        "groomed", "blackmail*", "sextortion", "made me ~ sell|carry|steal|deliver",
        "pay ~ back", "work it off", "exploit*", "traffick*", "sleep with ~ men|them|friends",
    ),
    C.FEAR: (
        "scared", "scares", "afraid", "frighten*", "fright", "terrified", "terrifies",
        "petrified", "fear*", "not safe", "unsafe", "not ~ feel*|felt safe", "not ~ safe",
        "never feel safe", "feel* unsafe", "nervous ~ home|him|her|my", "worried ~ home|him",
        "worried about my safety", "not want to go ~ home", "not ~ go back home",
        "hide ~ from", "hiding", "under the bed", "nightmares",
    ),
    C.RUNNING_AWAY: (
        "run|ran|running away", "runaway", "leave|leaving|left home", "go|going|gone|went missing",
        "missing from",
        "sleep*|slept rough", "sleep*|slept on the street*", "sleep*|slept ~ park|outside",
        "sofa surf*", "stay*|stayed out ~ night", "not going back", "never going back",
        "kicked me out", "kicked out", "threw|throws me out", "thrown out",
        "nowhere to ~ sleep|go|stay|live", "homeless", "climb*|sneak* out ~ window", "sneak* out",
        "snuck out", "abscond*",
    ),
    C.SUBSTANCES: (
        "drunk", "alcohol*", "vodka|cider|wine|beer|beers|lager", "drink*|drank ~ too much",
        "drink* ~ all day|every day|every night|all the time", "always drinking",
        "been drinking", "when he|she drinks", "hangover", "drugs", "drug", "weed", "cannabis",
        "skunk", "spliff*", "cocaine", "coke ~ up|lines|nose", "sniff*", "heroin",
        "crack cocaine", "smoking crack", "on crack", "ket", "ketamine", "spice", "mdma",
        "ecstasy", "pills", "needle*", "get|gets|getting|got|always high", "off his|her|their face",
        "stoned", "wasted", "vape*", "vaping", "smoking ~ weed|drugs", "rehab", "methadone",
        "addict*",
    ),
    C.BULLYING: (
        "bully", "bullies", "bullied", "bullying", "cyberbull*", "pick*|picked on me",
        "picked on", "call*|calling me names", "laugh* at me", "make*|made fun of me",
        "no friends", "not got any friends", "nobody likes me", "everyone hates me",
        "everybody hates me", "left out", "leave*|leaves me out", "push* me around",
        "beat*|beats me up", "jump* me", "took my ~ money|phone|stuff|lunch",
        "nasty|mean|horrible|threatening messages", "posted ~ about me", "kys",
        "spread* rumours", "rumours", "teas* me", "teased", "mock* me", "spit*|spat on me",
        "racist", "homophobic", "called me ~ {INSULT}|gay", "trip* me up", "gang up on me",
        "ganged up", "exclude* me",
    ),
}
# fmt: on
