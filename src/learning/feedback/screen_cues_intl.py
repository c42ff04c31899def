"""Cues of the safeguarding screen in the other languages of the forms (see screen_cues_en).

The concepts are the English ones, with the words a child would use for them in Welsh,
Polish, Romanian and Arabic, in the lexicon's syntax; the rules are the English rules and
two looser ones (RULES below).
Stems (`*`) stand for the endings of inflected words ("zamyka*": zamyka, zamykają...).
A word belongs to one concept only: the first concept that matches at a word wins.

Measured on 24 tellings written after these cues (OTHER_LANGUAGE_FRESH in
tests/feedback/test_safeguarding_screen.py): the lexicons alone flagged 5, with the cues 9.
Until round 4, two lines ended in two words among alternatives ("...|cineva|mai mare",
"...|oddac|nie wolno"), so that Romanian "fratele", "sora", "el", "cineva" and Polish "odda"
counted only before "mare" or "wolno" (a space splits words before `|` does).
"""

from __future__ import annotations

# fmt: off
WELSH: dict[str, tuple[str, ...]] = {
    "person": (
        "dad|tad|nhad|mam|fam|llystad|llysfam|cariad|ewythr|modryb|taid|nain|tadcu|mamgu",
        "brawd|mrawd|chwaer|dyn|dynion|menyw|dynes|cymydog|athro|athrawes|gofalwr|fe|fo|hi|nhw",
        "rhywun", "hyfforddwr|hyfforddwraig|hyfforddwyr",
    ),
    "secrecy": ("cyfrinach*", "dweud wrth neb", "peidio dweud|deud", "cau fy ngheg", "celwydd*"),
    "closeness": (
        "nos|gwely|ngwely|ystafell|stafell|bath|cawod|dillad|noeth|lluniau|luniau|llun|negeseuon",
        "cyffwrdd|nghyffwrdd|cusanu|anrhegion|sigarets|sigaret*", "ar fy mhen fy hun",
        "ar ei ben ei hun", "ar ei phen ei hun",
    ),
    "made_to": ("gwneud i mi", "gorfod|rhaid|gorfodi", "cloi|nghloi|gloi", "cosbi|cosb"),
    "distress": (
        "ofn|ofnus|crio|trist|poen|brifo|cywilydd|diflannu|sylwi", "werth dim",
        "ddim yn hoffi",
    ),
    "going_without": ("bwyd|bwyta|fwyta|fwyd|oer|gaeaf|cot|esgidiau|arian|pres|meddyg|ysgol",),
}

POLISH: dict[str, tuple[str, ...]] = {
    "person": (
        "tato|taty|ojciec|ojczym*|mamy|matka|macocha|chlopak*|partner*|wujek|wujka",
        "ciocia|cioci|ciotka|dziadek|dziadka|babcia|kuzyn*|brat|brata|siostra|pan|pani|facet*",
        "mezczyzn*|sasiad*|nauczyciel*|opiekun*|on|ona|oni|ktos|starszy|starsza|starsi|trener*",
    ),
    "secrecy": (
        "tajemnic*|sekret*|nikomu|zabroni*|udawac|klamac|klamie|oklamywac", "nie mow*",
    ),
    "closeness": (
        "noc|nocy|nocami|lozk*|pokoj*|lazienk*|kapie|kapiel*|prysznic*|nago|rozbier*|dotyk*",
        "caluj*|calowac|zdjeci*|zdjec|filmy|filmik*|wiadomosc*|prezent*|papieros*|sama|samego",
        "sam na sam",
    ),
    "made_to": (
        "kaze|kazal*|zmusza*|zmusil*|musze|zamyka*|zamkn*|zabiera|zabral*|karze|kara|kary",
        "karal*|odda|oddac|nie_wolno",
    ),
    "distress": (
        "boje|boi|boimy|strach*|placz*|smutn*|boli|bol|wstyd*|znikn*|samotn*|rzuca*",
        "nic nie wart*", "nie zauwaz*",
    ),
    "going_without": (
        "jedzeni*|jesc|glod*|zimn*|zimno|zima|zime|buty|butow|ubran*|pieniadz*|lekarz*|szkol*",
        "prad*",
    ),
}

ROMANIAN: dict[str, tuple[str, ...]] = {
    "person": (
        "tatal|tatic|mamei|vitreg|vitrega|iubit*|unchi*|matusa|bunic*|var|verisor*",
        "frate|fratele|sora|barbat*|om|femeie|vecin*|profesor*|el|ea|ei|cineva|mai_mare",
        "antrenor*",
    ),
    "secrecy": ("secret*", "sa nu spun", "nimanui", "sa tac", "minciun*|mint"),
    "closeness": (
        "noapte|noaptea|pat|patul|camera|baie|dus|dezbrac*|goala|gol|poze|fotografii",
        "mesaje|cadouri|tigari|singura|singur|atinge|pup*|saruta",
    ),
    "made_to": ("ma_pune|ma_obliga|trebuie|nu_am_voie|incuie|ma_inchide|pedeaps*", "o sa ma dea"),
    "distress": (
        "frica|teama|plang*|trist*|doare|durere|rusine|dispar*|observa", "nu valorez",
        "arunca*",
    ),
    "going_without": ("mancare|manca|foame|frig|iarna|haine|pantofi|bani|doctor*|scoala",),
}

ARABIC: dict[str, tuple[str, ...]] = {
    "person": (
        "ابي|وابي|ابوي|امي|وامي|لامي|زوج|زوجها|وزوجها|*صديق*|عمي|وعمي|خالي|خالتي|عمتي",
        "جدي|جدتي|اخي|واخي|اخوي|اختي|واختي",
        "*رجل*|*امراه*|جار|جارنا|جيران|*استاذ*|*معلم*|هو|هي|هم|احد|*كبير*|*مدرب*",
    ),
    "secrecy": ("سر|سري|سرنا", "*اسكت*", "لا *اخبر*|*اقول*", "*يكذب*|*اكذب*"),
    "closeness": (
        "ليل|ليله|الليل|بالليل|*سرير*|*غرف*|*حمام*|*استحم*|*يصور*|*صور*|*رسائل*|*هدايا*",
        "*سجائر*",
        "*وحدي*|*يلمس*|*يقبل*", "*وحده|*لحاله معه|معاه",
    ),
    "made_to": ("*يجبر*|*لازم*|*يجب*|*يحبس*|*يعاقب*|*ستتخلى*|*يتخلى*",),
    "distress": (
        "*خائف*|*اخاف*|*ابكي*|*حزين*|*يؤلم*|الم|*اخجل*|*وحيد*|*اختفي*|*سيلاحظ*",
        "*يرمي*", "لا *اساوي*",
    ),
    "going_without": (
        "اكل|الاكل|*طعام*|*جوع*|*برد*|*الشتاء*|*ملابس*|*حذاء*|مال|المال|فلوس|*طبيب*",
    ),
}

#: The lexicons of these languages are far thinner than the English one, so two concepts
#: are enough here: a person with night and closeness, or a person with distress.
RULES: tuple[frozenset[str], ...] = tuple(frozenset(rule) for rule in (
    ("person", "closeness"),
    ("person", "distress"),
))
# fmt: on

#: Words Polish and Romanian share: they count in each of those languages.
SHARED: dict[str, tuple[str, ...]] = {"person": ("mama|tata",)}

#: By language: a rule holds in one language's words ("mam" is "mum" in Welsh, "I have" in
#: Polish). The shared words come first, so that they are found as shared.
LANGUAGES = {"shared": SHARED, "cy": WELSH, "pl": POLISH, "ro": ROMANIAN, "ar": ARABIC}
