"""The safeguarding screen's phrases in Romanian, by category (see screen_lexicon_intl).

Accents are removed before matching: "mă tai" and "ma tai" are the same.
"""

from __future__ import annotations

from learning.feedback.terms import ScreenCategory as C

# fmt: off
ROMANIAN: dict[C, tuple[str, ...]] = {
    C.IMMEDIATE_DANGER: (
        "ajutati ma", "ajuta ma", "cutit", "ma omoara", "pericol",
        # round 4, written blind
        "o pateste ~ mama|mami|familia", "face|faca rau ~ familiei|mamei|fratelui|surorii",
    ),
    C.SELF_HARM: (
        "ma tai", "m am taiat", "imi fac rau", "mi am facut rau", "ma ranesc", "autovatam*",
        "supradoz*",
        "mi fac rau", "ma gandesc ~ sa mi fac|sa ma tai|sa mor",
        # round 4, written blind
        "manec* lung*", "ascund ~ taieturi*|vanatai*|cicatric*|semne*|urme*|incheieturi*",
        "cu lama|lame|lamele|o_lama|briciul|brici",
    ),
    C.SUICIDE: (
        "vreau sa mor", "sa ma omor", "ma omor", "ma sinucid", "sinucid*", "nu ~ vreau sa traiesc",
        "vreau ~ traiesc",
        "mai bine ~ as_muri|nu_as_fi|n_as_fi|as_disparea", "sa dispar",
        "daca as ~ disparea|muri",
        # round 4, written blind
        "mai bine|fericiti|fericita|usurati|linistiti fara mine",
        "toti|toata_lumea|familia|mama|ei ~ mai bine|fericiti|fericita|usurati|"
        "linistiti ~ fara mine",
        "scrisoare|bilet|mesaj ~ de_adio|de_ramas_bun", "nu ma mai trezesc",
        "adorm ~ totdeauna|vecie|veci", "nu|n_are ~ rost ~ traiesc|viata|sa_mai_traiesc",
    ),
    C.PHYSICAL_ABUSE: (
        "ma|m bat*|lov*|pocn*|palmu*|ranes*", "m a bat*|lov*|pocn*|palmu*", "curea*", "vanatai*",
        # round 4, written blind
        "sa zic|spun ~ m_am_lovit|am_cazut|cazut|m_am_impiedicat|accident|m_am_ranit",
        "il bate|loveste|snopeste|cafteste|pocneste",
    ),
    C.SEXUAL_ABUSE: (
        "ma atinge", "m a atins", "ma pipai*", "parti|partile intime|private", "sex*",
        "viol|violat*", "m a violat", "abuz sexual", "poze nud*", "dezbrac*",
        "vine ~ camera|patul ~ noaptea", "in patul meu",
        # round 4, written blind
        "poze|filmeaza|fotografii|pozeaza|fotografiaza ~ in_baie|la_dus|fac_baie|fac_dus|"
        "dezbracat*|goala|gol",
        "doare ~ intre picioare|la_pipi|cand_face_pipi", "ma logod*|marit*|marita|insor*|insoare",
        "de nevasta|sotie", "mi ~ gaseasca|gasi|caute|cauta ~ sot|mire|barbat|nevasta|sotie",
        "circumciz*|excizi*|mutilar*", "ma ~ purific*",
        "pozele mele ~ daca|tuturor|la_toti|pe_net|pe_internet",
        "daca nu ~ trimit ~ poze|mai_multe|altele", "vine|intra ~ noaptea ~ camera|patul",
        "l am cunoscut ~ tiktok|snap*|instagram|insta|discord|internet|net|online|roblox|joc",
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
        # round 4, written blind
        "nu primesc ~ mancare|de_mancare|sa_mananc|masa", "nu ma|ne lasa ~ mananc|mancam|manca",
        "merit* ~ mancare|sa_manan*|masa", "culc|dorm|adorm ~ fara ~ cina|mancare|sa_mananc|masa",
        "frigider* ~ gol|goala|nimic", "nimic ~ frigider*", "nu se ~ ridica|scoala|da_jos ~ pat",
        "sta|zace ~ in pat ~ toata_ziua|zile", "nu ma lasa ~ scoala", "in loc sa merg ~ scoala",
    ),
    C.DOMESTIC_ABUSE: (
        "o bate|loveste ~ mama", "bate|loveste pe mama", "tata o bate|loveste",
        "violent* domestic*", "violent* in familie",
        "se bat|cearta ~ noaptea|mereu|tot_timpul|acasa", "iubitul ~ bate|loveste|tipa",
        "mama si ~ iubitul|tata ~ se bat",
        # round 4, written blind
        "o|ma|il|ne impinge|izbeste|tranteste ~ perete*|zid*|podea|usa",
        "impins*|izbit*|trantit* o|ma|l|pe_mama ~ perete*|zid*|podea",
        "striga|tipa|urla la mama|mami",
    ),
    C.EXPLOITATION: (
        "le datorez", "datorez bani", "iubit mai mare",
        "cere|cerut|ceruta ~ poze|fotografii|imagini",
        "poze nud*",
        "barbat|strain ~ bani|dulciuri|cadouri", "imi da ~ bani", "merg cu el",
        "imi da ~ tigari|cadouri|dulciuri",
        "vin singura|singur ~ la el|la_ei",
        # round 4, written blind
        "ne|mi|i|le au|a luat|confiscat|ascuns ~ buletin*|pasaport*|pasapoart*|"
        "cartea_de_identitate|cartile_de_identitate",
        "tine|tin|pastreaza ~ buletin*|pasaport*|pasapoart*",
        "adus ~ sa_muncim|sa_muncesc|sa_lucram|sa_lucrez|la_munca|la_lucru",
        "nu ma|mi plateste|platesc", "ma trimite ~ duc|livrez|pachet*|colet*",
        "duc|livrez|car|cara pachete|colete|chestii|plicuri|pachetele|coletele",
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
        # round 4, written blind
        "bea in fiecare zi", "bea toata ziua", "bea zilnic|mereu", "bea tot timpul", "mereu bea",
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
        # round 4, written blind
        "sa nu ~ le|ii ~ spun|zic|spui|zici|spuneti ~ parintilor|mamei|tatalui|tatei",
        "daca spun|zic ~ cuiva|la_cineva",
    ),
}
# fmt: on
