"""Core safeguarding phrases in the other languages of the forms: Welsh, Polish, Romanian,
Arabic. Same pattern syntax as the English lexicon. Write them as a child would, with or
without accents: both match, because accents, apostrophes and Arabic vowel marks are removed
before matching ("boję się" and "boje sie" are the same; "mae'n" is "maen"; "أ" is "ا").
Arabic words take attached prefixes and suffixes, so most Arabic entries are `*word*`.
"""

from __future__ import annotations

from learning.feedback.terms import ScreenCategory as C

# fmt: off
WELSH: dict[C, tuple[str, ...]] = {
    C.IMMEDIATE_DANGER: (
        "helpwch fi", "help fi", "cyllell", "mewn perygl",
    ),
    C.SELF_HARM: (
        "brifo|niweidio|anafu|torri|llosgi fy hun", "hunan niwed*", "hunanniwed*", "gorddos*",
    ),
    C.SUICIDE: (
        "lladd fy hun", "eisiau|isio|moyn marw", "hunanladd*", "ddim eisiau|isio|moyn byw",
    ),
    C.PHYSICAL_ABUSE: (
        "fy nharo|nghuro|mwrw|nghicio|mrifo", "taro|curo|bwrw|cicio|brifo fi", "cleisiau",
        "gwregys", "taro|daro|tharo|nharo fi",
    ),
    C.SEXUAL_ABUSE: (
        "cyffwrdd ~ fi", "fy nghyffwrdd", "rhannau preifat", "treisio", "rhywiol",
    ),
    C.EMOTIONAL_ABUSE: (
        "cam drin", "camdrin", "gweiddi arna", "galw enwau", "fy nghasau", "neb ~ fy ngharu",
    ),
    C.NEGLECT: (
        "dim bwyd", "dim byd i fwyta", "eisiau bwyd", "llwglyd", "ar ben fy hun",
        "neb ~ gofalu|edrych_ar",
    ),
    C.DOMESTIC_ABUSE: (
        "taro|curo|bwrw|cicio|brifo mam", "ymladd ~ gartref|adref|adra", "gweiddi a tharo",
    ),
    C.EXPLOITATION: (
        "cariad hyn", "mewn dyled", "gwerthu cyffuriau",
    ),
    C.FEAR: (
        "ofn", "ofnus", "ddim ~ ddiogel", "anniogel", "dychryn*",
    ),
    C.RUNNING_AWAY: (
        "rhedeg i ffwrdd", "rhedeg bant", "dianc", "gadael cartref",
    ),
    C.SUBSTANCES: (
        "cyffuriau", "meddw", "yfed gormod",
    ),
    C.BULLYING: (
        "bwlio", "bwlian", "fy mwlio", "bwli",
    ),
}

POLISH: dict[C, tuple[str, ...]] = {
    C.IMMEDIATE_DANGER: (
        "pomocy", "pomozcie mi", "pomoz mi", "noz", "zabije mnie", "zabic mnie",
        "niebezpieczenstwie",
    ),
    C.SELF_HARM: (
        "tne sie", "pocielam|pocialem|ciac|tnac sie", "okaleczam sie", "samookalecz*",
        "krzywdze sie", "krzywde sobie", "sobie krzywde", "przedawkow*",
    ),
    C.SUICIDE: (
        "zabic|zabije|zabilbym|zabilabym sie", "chce umrzec", "chcialbym|chcialabym umrzec",
        "nie chce zyc", "samoboj*", "skoncze|skonczyc ze soba", "odebrac sobie zycie",
    ),
    C.PHYSICAL_ABUSE: (
        "bij*|bil*|pobil*|uderz*|kop*|kopn*|szarp*|krzywdz* mnie", "mnie bij*|bil*|uderz*|kop*",
        "siniak*", "pasem", "lanie",
    ),
    C.SEXUAL_ABUSE: (
        "dotyk* mnie", "mnie dotyk*", "molest*", "zgwalc*", "gwalt*", "seks*", "intymne",
        "nagie zdjecia", "nago",
    ),
    C.EMOTIONAL_ABUSE: (
        "krzyczy na mnie", "wyzywa mnie", "poniza*", "nienawidzi mnie", "nikt mnie nie kocha",
        "grozi mi", "grozil*", "zamyka mnie", "znecan*", "znecaj*",
    ),
    C.NEGLECT: (
        "nie mam|ma jedzenia", "nie ma|mam co jesc", "glodn*", "glodu", "sam|sama w domu",
        "zostawia* mnie", "nikt ~ nie opiekuje|zajmuje", "brudne ubrania",
    ),
    C.DOMESTIC_ABUSE: (
        "bij*|bil*|uderz*|krzywdz* mame", "przemoc*", "awantur*",
    ),
    C.EXPLOITATION: (
        "winien|winna im", "jestem im winien|winna", "starszy chlopak", "diler*",
    ),
    C.FEAR: (
        "boje|boimy|balam|balem sie", "strach*", "przerazon*", "nie ~ bezpieczn*", "niebezpiecz*",
    ),
    C.RUNNING_AWAY: (
        "uciek* ~ domu", "uciec ~ domu", "ucieczk*",
    ),
    C.SUBSTANCES: (
        "narkotyk*", "pijan*", "pije za duzo", "ciagle pije", "alkohol*", "dopalacz*", "marihuan*",
    ),
    C.BULLYING: (
        "dreczy|drecza mnie", "dreczyl*", "przesladuj*", "nekaj*", "wysmiewaj*",
    ),
}

ROMANIAN: dict[C, tuple[str, ...]] = {
    C.IMMEDIATE_DANGER: (
        "ajutor", "ajutati ma", "ajuta ma", "cutit", "ma omoara", "pericol",
    ),
    C.SELF_HARM: (
        "ma tai", "m am taiat", "imi fac rau", "mi am facut rau", "ma ranesc", "autovatam*",
        "supradoz*",
    ),
    C.SUICIDE: (
        "vreau sa mor", "sa ma omor", "ma omor", "ma sinucid", "sinucid*", "nu ~ vreau sa traiesc",
        "vreau ~ traiesc",
    ),
    C.PHYSICAL_ABUSE: (
        "ma|m bat*|lov*|pocn*|palmu*|ranes*", "m a bat*|lov*|pocn*|palmu*", "curea*", "vanatai*",
    ),
    C.SEXUAL_ABUSE: (
        "ma atinge", "m a atins", "ma pipai*", "parti|partile intime|private", "sex*",
        "viol|violat*", "m a violat", "abuz sexual", "poze nud*", "dezbrac*",
    ),
    C.EMOTIONAL_ABUSE: (
        "abuz*", "tipa|striga la mine", "ma jigneste", "ma injura", "ma ameninta", "amenint*",
        "ma uraste", "nimeni nu ma iubeste", "ma inchide",
    ),
    C.NEGLECT: (
        "nu am|avem mancare", "nu e mancare", "nu am ce manca", "mi e foame", "flamand*",
        "singur|singura acasa", "ma lasa singur*", "nimeni nu ~ grija|ingrijeste",
    ),
    C.DOMESTIC_ABUSE: (
        "o bate|loveste ~ mama", "bate|loveste pe mama", "tata o bate|loveste",
        "violent* domestic*", "violent* in familie",
    ),
    C.EXPLOITATION: (
        "le datorez", "datorez bani", "iubit mai mare",
    ),
    C.FEAR: (
        "mi e frica|teama", "frica", "teama", "ma tem", "speriat*", "nu ~ siguranta",
    ),
    C.RUNNING_AWAY: (
        "fug* ~ acasa", "sa fug", "plec de acasa",
    ),
    C.SUBSTANCES: (
        "droguri", "drog*", "e|este|mereu beat", "beat mort", "bea ~ prea mult|mult", "alcool*",
        "iarba",
    ),
    C.BULLYING: (
        "rad de mine", "ma tachin*", "ma agreseaz*", "ma hartui*", "hartuire",
    ),
}

ARABIC: dict[C, tuple[str, ...]] = {
    C.IMMEDIATE_DANGER: (
        "*ساعدوني*", "*ساعدني*", "*سكين*", "*سيقتلني*", "*يقتلني*", "*خطر*",
    ),
    C.SELF_HARM: (
        "*ذي نفسي", "*جرح نفسي", "*اقطع نفسي", "*ايذاء النفس", "*جرعه زايده*",
    ),
    C.SUICIDE: (
        "*انتحار*", "*انتحر*", "*قتل نفسي", "ان|بدي|ابي|ابغى|نفسي اموت", "لا اريد ~ اعيش",
        "*انهي حياتي", "اتمنى الموت",
    ),
    C.PHYSICAL_ABUSE: (
        "*ضربني*", "*ضربوني*", "*يضربنا*", "*يؤذيني*", "*يوذيني*", "*اذاني*", "*يركلني*",
        "*يصفعني*", "*كدمات*", "*يعنفني*", "*حزام*",
    ),
    C.SEXUAL_ABUSE: (
        "*يلمسني*", "*لمسني*", "*تحرش*", "*اغتصاب*", "*اغتصب*", "*الاماكن الخاصه", "*جنسي",
        "*جنسيا", "*الجنس", "صور عاري*",
    ),
    C.EMOTIONAL_ABUSE: (
        "*يصرخ علي", "*يشتمني*", "*يهددني*", "*يكرهني*", "لا احد يحبني", "*يحبسني*", "*اساءه*",
    ),
    C.NEGLECT: (
        "لا يوجد طعام|اكل", "ما في اكل", "*جايع*", "*جوعان*", "*وحدي", "لا احد ~ يهتم|يعتني",
    ),
    C.DOMESTIC_ABUSE: (
        "*يضرب ~ *امي|*ماما", "*ضرب ~ *امي|*ماما", "*عنف اسري", "*عنف*",
    ),
    C.EXPLOITATION: (
        "*مدين لهم", "*بيع مخدرات", "حبيب اكبر",
    ),
    C.FEAR: (
        "*خايف*", "*اخاف*", "*خوف*", "*بالامان", "*مش امان", "*مرعوب*",
    ),
    C.RUNNING_AWAY: (
        "*اهرب*", "*هربت*", "*هرب من*",
    ),
    C.SUBSTANCES: (
        "*مخدرات*", "*سكران*", "*خمر*", "*كحول*", "*حشيش*",
    ),
    C.BULLYING: (
        "*تنمر*", "*يسخرون مني*",
    ),
}
# fmt: on

LANGUAGES = (WELSH, POLISH, ROMANIAN, ARABIC)
