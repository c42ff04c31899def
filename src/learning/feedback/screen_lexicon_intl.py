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
        "pe bawn i ~ diflannu|marw|farw",
        "diflannu",
    ),
    C.PHYSICAL_ABUSE: (
        "fy nharo|nghuro|mwrw|nghicio|mrifo", "taro|curo|bwrw|cicio|brifo fi", "cleisiau",
        "gwregys", "taro|daro|tharo|nharo fi",
        "taflu ~ ata|ataf|aton",
    ),
    C.SEXUAL_ABUSE: (
        "cyffwrdd ~ fi", "fy nghyffwrdd", "rhannau preifat", "treisio", "rhywiol",
    ),
    C.EMOTIONAL_ABUSE: (
        "cam drin", "camdrin", "gweiddi arna", "galw enwau", "fy nghasau", "neb ~ fy ngharu",
        "nghloi|cloi|gloi ~ ystafell|stafell|mewn|yn",
        "fy nghloi",
    ),
    C.NEGLECT: (
        "dim bwyd", "dim byd i fwyta", "eisiau bwyd", "llwglyd", "ar ben fy hun",
        "neb ~ gofalu|edrych_ar",
        "heb fwyta|fwyd ~ ers|ddoe|dyddiau", "neb yn dod ~ nol|i_fy_nol", "dim ~ trydan|gwres",
        "oer ~ adref|gartref|yn_y_ty",
        "neb yn ~ prynu|bwydo",
    ),
    C.DOMESTIC_ABUSE: (
        "taro|curo|bwrw|cicio|brifo mam", "ymladd ~ gartref|adref|adra", "gweiddi a tharo",
        "ymladd|ffraeo ~ bob_nos|bob_dydd", "cariad mam ~ taro|curo|gweiddi|brifo",
    ),
    C.EXPLOITATION: (
        "cariad hyn", "mewn dyled", "gwerthu cyffuriau",
        "gofyn|gofyn_am ~ luniau|lluniau|llun|lun",
        "dyn|dieithryn ~ rhoi ~ arian|pres|anrhegion", "rhoi arian|pres i mi", "dieithryn",
    ),
    C.FEAR: (
        "ofn", "ofnus", "ddim ~ ddiogel", "anniogel", "dychryn*",
        "ddim eisiau|isio|moyn ~ mynd|fynd ~ adref|adra|gartref|nol",
    ),
    C.RUNNING_AWAY: (
        "rhedeg i ffwrdd", "rhedeg bant", "dianc", "gadael cartref",
    ),
    C.SUBSTANCES: (
        "cyffuriau", "meddw", "yfed gormod",
        "meddwi|feddw|feddwi",
    ),
    C.BULLYING: (
        "bwlio", "bwlian", "fy mwlio", "bwli",
    ),
    C.CONCERN: (
        "na chaf|chai|cha ~ ddweud|dweud",
        "dweud wrth neb",
        "cyfrinach*",
        "cywilydd ~ dweud", "beth syn digwydd ~ adref|gartref|adra", "bod|fod yn dawel",
        "cau fy ngheg",
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
        "lepiej ~ gdybym|jakbym ~ nie_zyla|nie_zyl|umarla|umarl|zniknela|zniknal",
        "gdybym nie zyl*", "nie chce ~ zyc|istniec", "zniknac",
        "gdybym ~ znikn*|umarl*",
    ),
    C.PHYSICAL_ABUSE: (
        "bij*|bil*|pobil*|uderz*|kop*|kopn*|szarp*|krzywdz* mnie", "mnie bij*|bil*|uderz*|kop*",
        "siniak*", "pasem", "lanie",
        "uderz*|bij*|bil*|pobil*|kopn* ~ twarz|glowe|brzuch|plecy", "dusi|dusil|dusila mnie",
        "slady ~ na",
    ),
    C.SEXUAL_ABUSE: (
        "dotyk* mnie", "mnie dotyk*", "molest*", "zgwalc*", "gwalt*", "seks*", "intymne",
        "nagie zdjecia", "nago",
        "przychodzi|wchodzi|przychodzil|wchodzil ~ pokoju|lozka ~ nocy", "w nocy ~ pokoju|lozka",
        "do mojego lozka", "kaze|kazal ~ rozebrac|dotykac|sie_rozebrac", "rozbier*",
    ),
    C.EMOTIONAL_ABUSE: (
        "krzyczy na mnie", "wyzywa mnie", "poniza*", "nienawidzi mnie", "nikt mnie nie kocha",
        "grozi mi", "grozil*", "zamyka mnie", "znecan*", "znecaj*",
        "zamyka|zamknal|zamknela|zamykaja|zamykal|zamykala mnie",
        "zamknieta|zamkniety ~ pokoju|piwnicy|lazience|szafie",
    ),
    C.NEGLECT: (
        "nie mam|ma jedzenia", "nie ma|mam co jesc", "glodn*", "glodu", "sam|sama w domu",
        "zostawia* mnie", "nikt ~ nie opiekuje|zajmuje", "brudne ubrania",
        "zostawia*|zostawil* ~ samych|sama|samego|same",
        "nie_mamy|nie_ma ~ pradu|ogrzewania|ciepla|jedzenia", "zimno ~ w_domu|w_mieszkaniu",
        "nie jadl*|jadlam|jadlem ~ od", "nikt ~ nie ~ odbiera|przychodzi",
        "nikt ~ nie ~ kupi|kupuje|karmi",
    ),
    C.DOMESTIC_ABUSE: (
        "bij*|bil*|uderz*|krzywdz* mame", "przemoc*", "awantur*",
        "krzyczy ~ na_nia|na_mame", "rzuca ~ rzeczami|talerzami|czyms", "bija|kloca sie",
        "bije|uderza|popycha ~ mame|ja",
    ),
    C.EXPLOITATION: (
        "winien|winna im", "jestem im winien|winna", "starszy chlopak", "diler*",
        "prosi|prosil|prosila|chce|wysyla ~ zdjec*|zdjecia|fotek|fotki|nagich|nagie",
        "pieniadze|kase ~ za ~ noszenie|paczki|paczek|przewozenie",
        "nosic|nosze|zanies* ~ paczk*|torb*",
        "starszy|starsi|obcy ~ kolega|koledzy|facet|mezczyzna|mezczyzni",
    ),
    C.FEAR: (
        "boje|boimy|balam|balem sie", "strach*", "przerazon*", "nie ~ bezpieczn*", "niebezpiecz*",
        "nie chce ~ wracac|isc|wrocic ~ domu",
        "boje sie wracac",
        "boje sie ~ go|jej|ich|ojczyma|taty|mamy", "chowam sie",
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
    C.CONCERN: (
        "nie wolno mi ~ mowic|powiedziec",
        "nikomu ~ mowic|powiedziec|nie_mow",
        "tajemnic*",
        "sekret*",
        "jak ~ komus powiem", "zabiora nas|mnie", "nie moge ~ powiedziec|mowic",
        "wstydze sie ~ powiedziec|mowic",
    ),
}

ROMANIAN: dict[C, tuple[str, ...]] = {
    C.IMMEDIATE_DANGER: (
        "ajutati ma", "ajuta ma", "cutit", "ma omoara", "pericol",
    ),
    C.SELF_HARM: (
        "ma tai", "m am taiat", "imi fac rau", "mi am facut rau", "ma ranesc", "autovatam*",
        "supradoz*",
        "mi fac rau", "ma gandesc ~ sa mi fac|sa ma tai|sa mor",
    ),
    C.SUICIDE: (
        "vreau sa mor", "sa ma omor", "ma omor", "ma sinucid", "sinucid*", "nu ~ vreau sa traiesc",
        "vreau ~ traiesc",
        "mai bine ~ as_muri|nu_as_fi|n_as_fi|as_disparea", "sa dispar",
        "daca as ~ disparea|muri",
    ),
    C.PHYSICAL_ABUSE: (
        "ma|m bat*|lov*|pocn*|palmu*|ranes*", "m a bat*|lov*|pocn*|palmu*", "curea*", "vanatai*",
    ),
    C.SEXUAL_ABUSE: (
        "ma atinge", "m a atins", "ma pipai*", "parti|partile intime|private", "sex*",
        "viol|violat*", "m a violat", "abuz sexual", "poze nud*", "dezbrac*",
        "vine ~ camera|patul ~ noaptea", "in patul meu",
    ),
    C.EMOTIONAL_ABUSE: (
        "abuz*", "tipa|striga la mine", "ma jigneste", "ma injura", "ma ameninta", "amenint*",
        "ma uraste", "nimeni nu ma iubeste", "ma inchide",
        "incuie|incuiat|incuiata|inchide|inchis ~ camera|in_camera|beci|baie",
    ),
    C.NEGLECT: (
        "nu am|avem mancare", "nu e mancare", "nu am ce manca", "mi e foame", "flamand*",
        "singur|singura acasa", "ma lasa singur*", "nimeni nu ~ grija|ingrijeste",
        "nu_am|n_am mancat ~ nimic|de_ieri|de", "nimeni nu ~ vine|ma_ia",
        "nu avem ~ curent|caldura|lumina|apa", "frig ~ acasa|in_casa",
        "ma|ne lasa ~ singur*|singuri|singure",
        "nimeni nu ~ cumpara|da_de_mancare",
    ),
    C.DOMESTIC_ABUSE: (
        "o bate|loveste ~ mama", "bate|loveste pe mama", "tata o bate|loveste",
        "violent* domestic*", "violent* in familie",
        "se bat|cearta ~ noaptea|mereu|tot_timpul|acasa", "iubitul ~ bate|loveste|tipa",
        "mama si ~ iubitul|tata ~ se bat",
    ),
    C.EXPLOITATION: (
        "le datorez", "datorez bani", "iubit mai mare",
        "cere|cerut|ceruta ~ poze|fotografii|imagini",
        "poze nud*",
        "barbat|strain ~ bani|dulciuri|cadouri", "imi da ~ bani", "merg cu el",
        "imi da ~ tigari|cadouri|dulciuri",
        "vin singura|singur ~ la el|la_ei",
    ),
    C.FEAR: (
        "mi e frica|teama", "frica", "teama", "ma tem", "speriat*", "nu ~ siguranta",
        "nu vreau ~ intorc|duc|merg ~ acasa",
        "frica sa ma intorc",
    ),
    C.RUNNING_AWAY: (
        "fug* ~ acasa", "sa fug", "plec de acasa",
    ),
    C.SUBSTANCES: (
        "droguri", "drog*", "e|este|mereu beat", "beat mort", "bea ~ prea mult|mult", "alcool*",
        "iarba",
        "beat|beata|beti|bete",
    ),
    C.BULLYING: (
        "rad de mine", "ma tachin*", "ma agreseaz*", "ma hartui*", "hartuire",
    ),
    C.CONCERN: (
        "nu am voie ~ spun|zic",
        "sa nu ~ spun|zic ~ nimanui|nimic",
        "nimanui",
        "secret*",
        "rusine sa ~ spun|zic", "ce se intampla acasa", "sa tac", "spune sa tac",
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
        "لو ~ *اختفيت*|*مت*",
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
        "*يحبسني*|*حبسني*|*يحبسوني*|*يقفل_علي*",
    ),
    C.NEGLECT: (
        "لا يوجد طعام|اكل", "ما في اكل", "*جايع*", "*جوعان*", "*وحدي", "لا احد ~ يهتم|يعتني",
        "لم_اكل|ما_اكلت ~ شيئا|شي|منذ|من", "لا احد ~ *ياخذني*|*يهتم*|*ياتي*", "*بدون اكل*",
        "*جوعان*|*جائع*", "لا_كهرباء|بدون_كهرباء",
        "لا احد ~ *يشتري*|*يطعم*",
        "ليس عندي ~ *ملابس*|*طعام*|*اكل*|*حذاء*",
        "*لا احد ~ *يشتري*|*يطعم*",
    ),
    C.DOMESTIC_ABUSE: (
        "*يضرب ~ *امي|*ماما", "*ضرب ~ *امي|*ماما", "*عنف اسري", "*عنف*",
        "*يتشاجر*|*يتشاجران*|*يتخانق*|*يتضارب* ~ *ليله*|*امي*|*الليل*", "*يضرب_امي*|*يضربها*",
    ),
    C.EXPLOITATION: (
        "*مدين لهم", "*بيع مخدرات", "حبيب اكبر",
        "*يطلب*|*طلب*|*يريد* ~ *صور*",
        "رجل|غريب ~ *يعطيني* ~ *مال*|*فلوس*|*هدايا*", "*يعطيني* *مال*|*فلوس*",
        "*اذهب_معه*|*اروح_معه*",
    ),
    C.FEAR: (
        "*خايف*", "*اخاف*", "*خوف*", "*بالامان", "*مش امان", "*مرعوب*",
        "لا اريد ~ *عوده*|*ارجع*|*رجوع* ~ *بيت*|*منزل*",
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
    C.CONCERN: (
        "لا يجوز ~ *اخبر*|*اقول*|*احكي*",
        "ممنوع ~ *اخبر*|*اقول*|*احكي*",
        "سر|سرنا|سري",
        "*اخجل* ~ *اقول*|*احكي*", "ما يحدث في البيت", "*اسكت*",
    ),
}
# fmt: on

LANGUAGES = (WELSH, POLISH, ROMANIAN, ARABIC)
