"""How children spell on phones: text-speak, misspellings and emoji the screen spells out.

Keys are words of the plain form (lower case, no apostrophes, no accents); values may be
several words. Only English: the other languages' phrases carry their own variants.
"""

from __future__ import annotations

EMOJI = {
    "🔪": "knife",
    "🗡": "knife",
    "🔫": "gun",
    "💊": "pills",
    "🩸": "blood",
    "💉": "needle",
    "🍺": "alcohol",
    "🍷": "alcohol",
    "🥃": "alcohol",
    "🌿": "weed",
    "🆘": "help me",
}

LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b"})

_SPELLINGS: dict[str, tuple[str, ...]] = {
    "i am": ("im", "iam"),
    "do not": ("dont", "dnt", "doent", "dosent", "donot"),
    "does not": ("doesnt", "dosnt", "dsnt", "doznt"),
    "did not": ("didnt", "didint", "dint"),
    "can not": ("cant", "cannot", "carnt", "cnt"),
    "will not": ("wont",),
    "is not": ("isnt",),
    "was not": ("wasnt",),
    "have not": ("havent",),
    "he is": ("hes",),
    "she is": ("shes",),
    "they are": ("theyre",),
    "want to": ("wanna", "wana", "wantto"),
    "want": ("wnt",),
    "going to": ("gonna", "gona", "gunna"),
    "got to": ("gotta",),
    "because": ("cuz", "coz", "cos", "cause", "bc", "bcoz", "becuz", "becos", "bcos", "becuase"),
    "you": ("u", "yu", "ya"),
    "your": ("ur", "yor"),
    "are": ("r",),
    "to": ("2",),
    "for": ("4",),
    "before": ("b4",),
    "with": ("wiv", "wif", "wth", "w"),
    "please": ("pls", "plz", "plez", "plse", "pleas"),
    "someone": ("sum1", "some1", "sumone", "sumwun"),
    "anyone": ("any1", "anyon"),
    "nobody": ("noone", "no1", "nobdy", "noboby"),
    "people": ("ppl", "peeps"),
    "boyfriend": ("bf",),
    "girlfriend": ("gf",),
    "brother": ("bro", "bruv"),
    "sister": ("sis",),
    "mum": ("mom", "mam", "mummy", "mommy", "mammy", "mumma", "mother", "mama", "mumy"),
    "dad": ("daddy", "father", "da", "papa", "pa", "dadd"),
    "stepdad": ("stepfather",),
    "myself": ("myslf", "myslef", "meself", "mysef", "mself", "myselfe", "mysel", "myseld"),
    "scared": ("scard", "scaed", "skared", "skard", "sacred", "scarred", "scrared", "scaired"),
    "afraid": ("afriad", "afrade", "afaid", "afrayed", "afrid"),
    "frightened": ("frightend", "fritened", "frigtened", "fritend", "frightned"),
    "hurts": ("hurtz", "herts"),
    "hurting": ("hurtin",),
    "hitting": ("hittin", "hiting"),
    "hits": ("hitz",),
    "beats": ("beets", "beatz"),
    "touches": ("tuches", "touchs", "tuchs", "tutches", "touchez"),
    "touched": ("touchd", "tuched", "toched", "tutched"),
    "bruises": ("bruses", "brusies", "bruzes", "brusis", "bruisis"),
    "hungry": ("hungy", "hungery", "hungrey", "hungree", "hugry"),
    "suicide": ("sucide", "suicde", "suiside", "suacide", "suicid", "sewercide"),
    "suicidal": ("sucidal", "suicdal", "suisidal"),
    "die": ("di",),
    "dead": ("ded",),
    "alive": ("alyve",),
    "anymore": ("nemore", "anymoor"),
    "safe": ("saf", "saif"),
    "police": ("polis", "poliece", "feds"),
    "bullied": ("bullyed", "bulied"),
    "bullying": ("bulling", "bulying", "bullyin"),
    "shouts": ("shoutz",),
    "screams": ("screamz",),
    "yells": ("yellz",),
    "drunk": ("drunks",),
    "alone": ("alown",),
    "kill": ("kil",),
    "knife": ("nife", "knif"),
    "punched": ("punchd",),
    "kicked": ("kickd",),
    "slapped": ("slaped", "slappd"),
    "private": ("privat",),
}

WORD_SWAPS: dict[str, str] = {
    variant: spelt for spelt, variants in _SPELLINGS.items() for variant in variants
}

PHRASE_SWAPS: dict[str, str] = {
    "my self": "myself",
    "me self": "myself",
    "no one": "nobody",
    "no body": "nobody",
    "any more": "anymore",
    "self harm": "selfharm",
    "step dad": "stepdad",
    "step father": "stepdad",
    "step mum": "stepmum",
    "some one": "someone",
    "any one": "anyone",
}
