"""Core safeguarding phrases in the other languages of the forms: Welsh, Polish, Romanian,
Arabic. Same pattern syntax as the English lexicon. Write them as a child would, with or
without accents: both match, because accents, apostrophes and Arabic vowel marks are removed
before matching ("boję się" and "boje sie" are the same; "mae'n" is "maen"; "أ" is "ا").
Arabic words take attached prefixes and suffixes, so most Arabic entries are `*word*`.
Welsh words change their first letter after some words (mutation): list each form a child
would write ("cleisiau", "gen i gleisiau", "fy nghleisiau"; "cyfrinach", "ein gyfrinach").
"""

from __future__ import annotations

from learning.feedback.terms import ScreenCategory as C

# fmt: off
WELSH: dict[C, tuple[str, ...]] = {
    C.IMMEDIATE_DANGER: (
        "helpwch fi", "help fi", "cyllell", "mewn perygl",
        # round 4, written blind
        "brifo|frifo|niweidio|anafu ~ fy_nheulu|nheulu|teulu|fy_mam|mrawd|chwaer",
    ),
    C.SELF_HARM: (
        "brifo|niweidio|anafu|torri|llosgi fy hun", "hunan niwed*", "hunanniwed*", "gorddos*",
        # round 4, written blind
        "llewys hir",
        "cuddio|guddio|chuddio ~ cleisiau|gleisiau|marciau|toriadau|creithiau|greithiau|mreichiau|"
        "mraich",
        "efo|gyda|hefo llafn|lafn|rasel|raser",
    ),
    C.SUICIDE: (
        "lladd fy hun", "eisiau|isio|moyn marw", "hunanladd*", "ddim eisiau|isio|moyn byw",
        "pe bawn i ~ diflannu|marw|farw",
        "diflannu",
        # round 4, written blind
        "well|gwell ~ hebdda|hebddof|heb_fi", "llythyr|nodyn|neges ~ ffarwel|hwyl_fawr",
        "a_byth|a_pheidio|a_peidio ~ deffro|ddeffro",
        "pwynt ~ byw|bodoli|fy_mywyd|i_mi_fyw|i_fi_fyw",
    ),
    C.PHYSICAL_ABUSE: (
        "fy nharo|nghuro|mwrw|nghicio|mrifo", "taro|curo|bwrw|cicio|brifo fi", "cleisiau",
        "gwregys", "taro|daro|tharo|nharo fi",
        "taflu ~ ata|ataf|aton",
        # round 4, written blind
        "gleisiau|nghleisiau",
        "ei|eu|ein daro|tharo|taro|guro|churo|curo|fwrw|bwrw|chicio|gicio|cicio",
        "am deud|dweud ~ syrth*|disgyn*|ddisgyn*|cwymp*|gwymp*|baglu|faglu",
    ),
    C.SEXUAL_ABUSE: (
        "cyffwrdd ~ fi", "fy nghyffwrdd", "rhannau preifat", "treisio", "rhywiol",
        # round 4, written blind
        "dod|dwad|daw|ddaw ~ stafell|ystafell|llofft|gwely|ngwely ~ nos|noson|nosweithiau",
        "lluniau|luniau ohona_i|ohonof ~ bath|cawod|noeth|gwely|ngwely|newid",
        "lluniau|luniau ~ yrru|gyrru|anfon|danfon ~ iddo|iddi|iddyn",
        "os ~ dim ~ gyrru|yrru|anfon|danfon ~ mwy|rhagor",
        "brifo|poen|boen|dolur ~ rhwng ~ coesau|choesau|ngoesau",
        "priodi|briodi|mhriodi ~ cefnder|gefnder|nghefnder|cyfnither|gyfnither|nghyfnither",
        "fy mhriodi", "gorfod|rhaid ~ priodi|briodi", "gwr|wr|gwraig|wraig i fi|mi", "fy nyweddio",
        "gorfod|rhaid ~ dyweddio|nyweddio", "dyweddio|nyweddio ~ mab|cefnder|gefnder|nghefnder|dyn",
        "enwaed*|anffurfio", "fy mhuro", "puro|buro fi",
        "dyn|boi|hogyn|rhywun|dynion ~ ar_lein|arlein|tiktok|snapchat|snap|instagram|insta|discord|"
        "roblox",
    ),
    C.EMOTIONAL_ABUSE: (
        "cam drin", "camdrin", "gweiddi arna", "galw enwau", "fy nghasau", "neb ~ fy ngharu",
        "nghloi|cloi|gloi ~ ystafell|stafell|mewn|yn",
        "fy nghloi",
        # round 4, written blind
        "bygwth*|mygwth*|fygwth*",
    ),
    C.NEGLECT: (
        "dim bwyd", "dim byd i fwyta", "eisiau bwyd", "llwglyd", "ar ben fy hun",
        "neb ~ gofalu|edrych_ar",
        "heb fwyta|fwyd ~ ers|ddoe|dyddiau", "neb yn dod ~ nol|i_fy_nol", "dim ~ trydan|gwres",
        "oer ~ adref|gartref|yn_y_ty",
        "neb yn ~ prynu|bwydo",
        # round 4, written blind
        "dim|dwim yn cael bwyd|bwyta|fwyta|swper|swpar",
        "dim ~ gadael|adael ~ fwyta|bwyta|fwyd|bwyd", "haeddu|haedda ~ bwyd|fwyd|bwyta|fwyta|swper",
        "cysgu|gysgu|gwely ~ heb ~ swper|swpar|fwyd|fwyta|ginio", "dim ~ oergell|ffrij|ffridj",
        "oergell|ffrij|ffridj ~ wag|gwag", "dim|dwim yn codi ~ gwely|wely",
        "gwely drwyr|trwyr dydd|amser", "dim|dwim yn cael mynd ir|i ysgol",
        "glanhau|lanhau|glanhaur|lanhaur ~ ty|tai ~ i_gyd|cyfan|gyfan",
    ),
    C.DOMESTIC_ABUSE: (
        "taro|curo|bwrw|cicio|brifo mam", "ymladd ~ gartref|adref|adra", "gweiddi a tharo",
        "ymladd|ffraeo ~ bob_nos|bob_dydd", "cariad mam ~ taro|curo|gweiddi|brifo",
        # round 4, written blind
        "gwthio|wthio|ngwthio|gwthiodd|wthiodd ~ wal|erbyn|llawr",
        "gweiddi|sgrechian ar mam|fam|fy_mam",
    ),
    C.EXPLOITATION: (
        "cariad hyn", "mewn dyled", "gwerthu cyffuriau",
        "gofyn|gofyn_am ~ luniau|lluniau|llun|lun",
        "dyn|dieithryn ~ rhoi ~ arian|pres|anrhegion", "rhoi arian|pres i mi", "dieithryn",
        # round 4, written blind
        "dyn|dynion|ddynion|hogyn|hogia|bachgen|bechgyn|boi|bois hyn ~ rhoi|roi ~ arian|pres|vapes|"
        "feps|sigaret*",
        "mynd_a|cario|gario|danfon|ddanfon|dosbarthu|ddosbarthu ~ bagiau|pecyn*|becyn*|phecyn*|"
        "parsel*|barsel*|pethau|stwff ~ lefydd|bobl|tren|bws|dynion|rhywun|dieithriaid",
        "cymryd|gymryd|cymerodd|gymerodd|cymeron|gymeron|mynd_a|cadw|gadw|cuddio ~ pasbort*|"
        "basbort*|mhasbort*|phasbort*|cardiau_adnabod|cerdyn_adnabod",
        "dod_a|ddod_a|daeth_a|ddaeth_a|daethon_a|ddaethon_a ~ ni|fi ~ weithio|gweithio",
        "dim ~ nhalu|talu_i_mi|talu_i_fi|talu_fi",
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
        # round 4, written blind
        "yfed bob_dydd|bob_nos|drwyr_dydd|drwyr_amser|trwyr_amser|trwyr_dydd",
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
        # round 4, written blind
        "gyfrinach*|nghyfrinach*|chyfrinach*", "deud wrth neb",
        "peidio|beidio|paid|peidiwch ~ deud|dweud",
    ),
}

POLISH: dict[C, tuple[str, ...]] = {
    C.IMMEDIATE_DANGER: (
        "pomocy", "pomozcie mi", "pomoz mi", "noz", "zabije mnie", "zabic mnie",
        "niebezpieczenstwie",
        # round 4, written blind
        "skrzywdzi|skrzywdza|zrobi_krzywde|zrobia_krzywde ~ rodzin*|mame|mamie|brata|bratu|siostr*|"
        "bliskich",
    ),
    C.SELF_HARM: (
        "tne sie", "pocielam|pocialem|ciac|tnac sie", "okaleczam sie", "samookalecz*",
        "krzywdze sie", "krzywde sobie", "sobie krzywde", "przedawkow*",
        # round 4, written blind
        "dlug* rekaw*",
        "zakryw*|ukryw*|chowam|chowac|zaslaniam ~ rany|blizny|siniaki|slady|rece|reke|nadgarstk*|"
        "ciecia",
        "tne|tnie|pocielam|pocialem|nacinam|nacielam|nacialem ~ reke|rece|nogi|uda|udach|"
        "nadgarstk*|ramie|ramiona|skore",
        "zyletk*",
    ),
    C.SUICIDE: (
        "zabic|zabije|zabilbym|zabilabym sie", "chce umrzec", "chcialbym|chcialabym umrzec",
        "nie chce zyc", "samoboj*", "skoncze|skonczyc ze soba", "odebrac sobie zycie",
        "lepiej ~ gdybym|jakbym ~ nie_zyla|nie_zyl|umarla|umarl|zniknela|zniknal",
        "gdybym nie zyl*", "nie chce ~ zyc|istniec", "zniknac",
        "gdybym ~ znikn*|umarl*",
        # round 4, written blind
        "lepiej|lepsze|latwiej|szczesliw*|spokojniej ~ beze mnie",
        "beze mnie ~ lepiej|lepsze|latwiej|szczesliw*", "list|liscik|wiadomosc|filmik pozegnaln*",
        "sensu ~ zyc|zycia|zyje|istnienia", "sie nie obudzic", "nie obudzic sie",
        "zasnac na zawsze",
    ),
    C.PHYSICAL_ABUSE: (
        "bij*|bil*|pobil*|uderz*|kop*|kopn*|szarp*|krzywdz* mnie", "mnie bij*|bil*|uderz*|kop*",
        "siniak*", "pasem", "lanie",
        "uderz*|bij*|bil*|pobil*|kopn* ~ twarz|glowe|brzuch|plecy", "dusi|dusil|dusila mnie",
        "slady ~ na",
        # round 4, written blind
        "kazal|kazala|kazali|kaze|kaza|kazano|mam|musze|mialam|mialem ~ mowic|powiedziec ~ spadl*|"
        "przewroc*|potkn*|wypadek|wypadku|uderzyl*",
        "bije|bija|bil|bila|bili|uderza|uderzyl|uderzyla|pobil|pobila|kopie go|ja|nas|ich|brata|"
        "siostre",
    ),
    C.SEXUAL_ABUSE: (
        "dotyk* mnie", "mnie dotyk*", "molest*", "zgwalc*", "gwalt*", "seks*", "intymne",
        "nagie zdjecia", "nago",
        "przychodzi|wchodzi|przychodzil|wchodzil ~ pokoju|lozka ~ nocy", "w nocy ~ pokoju|lozka",
        "do mojego lozka", "kaze|kazal ~ rozebrac|dotykac|sie_rozebrac", "rozbier*",
        # round 4, written blind
        "boli ~ miedzy nogami|krocze|kroczu|siusianiu",
        "mnie ~ wydac|wydadza|ozenic|ozenia ~ za|z|kuzyn*|maz",
        "znalezc|znalezli|szukaja|szukac|znajda ~ mi|dla_mnie ~ meza|zone|narzeczon*",
        "zarecz* ~ z|ze ~ syn*|kuzyn*|starsz*|mezczyzn*", "mnie|mam|musze|bede ~ zarecz*",
        "musze|maja_mnie|kaza_mi|kaze_mi ~ wyjsc_za_maz|za_maz|ozenic", "za maz ~ kuzyn*",
        "obrzez*", "mnie oczysc*", "oczysc* mnie",
        "jesli|jak|jezeli ~ nie ~ wysle|przesle|wyslesz ~ wiecej|kolejn*|nastepn*",
        "facet|mezczyzna|chlopak|ktos|koles|starszy ~ internet*|tiktok*|snap*|instagram*|insta|"
        "discord*|roblox*|necie|sieci",
    ),
    C.EMOTIONAL_ABUSE: (
        "krzyczy na mnie", "wyzywa mnie", "poniza*", "nienawidzi mnie", "nikt mnie nie kocha",
        "grozi mi", "grozil*", "zamyka mnie", "znecan*", "znecaj*",
        "zamyka|zamknal|zamknela|zamykaja|zamykal|zamykala mnie",
        "zamknieta|zamkniety ~ pokoju|piwnicy|lazience|szafie",
        # round 4, written blind
        "mnie ~ straszy|strasza", "straszy|strasza mnie", "zastrasz*",
    ),
    C.NEGLECT: (
        "nie mam|ma jedzenia", "nie ma|mam co jesc", "glodn*", "glodu", "sam|sama w domu",
        "zostawia* mnie", "nikt ~ nie opiekuje|zajmuje", "brudne ubrania",
        "zostawia*|zostawil* ~ samych|sama|samego|same",
        "nie_mamy|nie_ma ~ pradu|ogrzewania|ciepla|jedzenia", "zimno ~ w_domu|w_mieszkaniu",
        "nie jadl*|jadlam|jadlem ~ od", "nikt ~ nie ~ odbiera|przychodzi",
        "nikt ~ nie ~ kupi|kupuje|karmi",
        # round 4, written blind
        "nie pozwala|pozwalala|daje|dawala ~ jesc|zjesc|jedzenia|obiadu|kolacji",
        "zasluz*|zasluguj* ~ jedzeni*|jesc|obiad*|kolacj*",
        "spac|spania|lozka ~ bez ~ kolacji|jedzenia|obiadu",
        "lodowce|lodowka|lodowki ~ nic|pust*|pusto", "nic ~ lodowce|lodowki", "nie wstaje ~ lozka",
        "lezy|spi ~ caly_dzien|calymi_dniami", "nie pozwala|pozwalaja|puszcza|puszczaja ~ szkoly",
        "zamiast chodzic|isc ~ szkoly",
    ),
    C.DOMESTIC_ABUSE: (
        "bij*|bil*|uderz*|krzywdz* mame", "przemoc*", "awantur*",
        "krzyczy ~ na_nia|na_mame", "rzuca ~ rzeczami|talerzami|czyms", "bija|kloca sie",
        "bije|uderza|popycha ~ mame|ja",
        # round 4, written blind
        "popycha*|pcha|pchnal|pchnela|popchnal|popchnela|rzuca|rzucil|rzucila ja|nia|mna|mnie|mame|"
        "go ~ sciane|scian*",
    ),
    C.EXPLOITATION: (
        "winien|winna im", "jestem im winien|winna", "starszy chlopak", "diler*",
        "prosi|prosil|prosila|chce|wysyla ~ zdjec*|zdjecia|fotek|fotki|nagich|nagie",
        "pieniadze|kase ~ za ~ noszenie|paczki|paczek|przewozenie",
        "nosic|nosze|zanies* ~ paczk*|torb*",
        "starszy|starsi|obcy ~ kolega|koledzy|facet|mezczyzna|mezczyzni",
        # round 4, written blind
        "zabral*|zabrali|zabiera*|trzyma*|schowal*|odebral*|odebrali ~ paszport*|dowod_osobisty|"
        "dowody_osobiste|dowod",
        "przywiezli|przywiozl*|sprowadzil*|sprowadzili ~ nas|mnie ~ pracy|pracowac|roboty",
        "mi nie placi|placa", "nie placi|placa mi", "nic nie placi|placa",
        "dostarcz*|rozno*|rozwoz*|zawiez*|podrzuc* ~ paczk*|towar*|torb*|pakunk*",
        "wysyla|posyla mnie ~ dostarcz*|zanies*|zawiez*|paczk*",
        "mnie wysyla|posyla ~ dostarcz*|zanies*|zawiez*|paczk*",
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
        # round 4, written blind
        "albo pije", "pije albo", "znowu|wciaz|stale pije", "caly czas pije", "pije caly czas",
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
        # round 4, written blind
        "nie ~ mow|mowic|mowcie|mowila|mowil|mowili|powiedz|powiedzcie ~ rodzicom|mamie|tacie|"
        "mamusi|tatusiowi",
    ),
}

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

ARABIC: dict[C, tuple[str, ...]] = {
    C.IMMEDIATE_DANGER: (
        "*ساعدوني*", "*ساعدني*", "*سكين*", "*سيقتلني*", "*يقتلني*", "*خطر*",
        # round 4, written blind
        "*ياذي*|*يوذي* ~ *اهلي|*عيلتي|*امي|*ماما|*اخواتي|*اخوتي|*اختي|*اخوي",
    ),
    C.SELF_HARM: (
        "*ذي نفسي", "*جرح نفسي", "*اقطع نفسي", "*ايذاء النفس", "*جرعه زايده*",
        # round 4, written blind
        "*اكمام *طويل*", "بكم|كم طويل",
        "*اخبي*|*اغطي*|*اخفي*|*اداري* ~ *جروح*|*كدمات*|*اثار*|*ذراعي|*دراعي",
        "*اجرح*|*جرحت* ~ *يدي|*ايدي|*ذراعي|*دراعي|*رجلي|*فخذ*|*معصم*|*جلدي|*جسمي",
        "*جرح*|*اقطع*|*قطعت* ~ *موس|*شفره|*شفرات*|*مشرط*",
    ),
    C.SUICIDE: (
        "*انتحار*", "*انتحر*", "*قتل نفسي", "ان|بدي|ابي|ابغى|نفسي اموت", "لا اريد ~ اعيش",
        "*انهي حياتي", "اتمنى الموت",
        "لو ~ *اختفيت*|*مت*",
        # round 4, written blind
        "الكل|كلهم|الجميع|اهلي|عيلتي|العيله ~ *يرتاح*|*ترتاح*|احسن|افضل|*مبسوط* ~ *بدوني|لو_مت|"
        "لو_مشيت|لو_رحت|لو_اختفيت|اذا_مت|اذا_رحت|اذا_اختفيت",
        "*احسن*|*افضل*|*يرتاح* ~ *بدوني", "*فايده ~ مني|من_وجودي|من_حياتي",
        "*رساله*|*جواب*|*ورقه* ~ *وداع*", "اصحي|استيقظ|اصحا ~ ابدا|للابد",
        "*نام ~ وما|ولا ~ اصحي|اصحاش|استيقظ",
    ),
    C.PHYSICAL_ABUSE: (
        "*ضربني*", "*ضربوني*", "*يضربنا*", "*يؤذيني*", "*يوذيني*", "*اذاني*", "*يركلني*",
        "*يصفعني*", "*كدمات*", "*يعنفني*", "*حزام*",
        # round 4, written blind
        "*قال* ~ *احكي*|*اقول*|*قولي*|*قول*|*تقول*|*تقولي* ~ *وقعت*|*طحت*|*درج|*السلم*|*حادث*",
        "*يضربه*|*يضربهم*",
    ),
    C.SEXUAL_ABUSE: (
        "*يلمسني*", "*لمسني*", "*تحرش*", "*اغتصاب*", "*اغتصب*", "*الاماكن الخاصه", "*جنسي",
        "*جنسيا", "*الجنس", "صور عاري*",
        # round 4, written blind
        "*يصورني*|*صورني*|*يصورها*|*يصوره* ~ *استحم*|*اتسبح*|*اتحمم*|*بتحمم*|*حمام*|*عاري*|"
        "*بدون_ملابس*|*بلا_ملابس*",
        "*يدخل*|*يجي* ~ *غرفتي*|*اوضتي*|*سريري*|*فراشي*|*تختي* ~ *الليل|*باليل|ليل|ليلا",
        "*وجع*|*يولم*|*تولم*|الم ~ بين ~ *رجل*|*فخذ*",
        "*زوجوني*|*جوزوني*|*زوجني*|*جوزني*|*يخطبوني*|*خطبوني*",
        "*زوج*|*جوز*|*خطب*|*زواج* ~ ولد|ابن|بنت ~ عمي|خالي|عمتي|خالتي",
        "*يدور*|*يلاقو*|*يلاقي* ~ *عريس*|*عروس*",
        "*يطهروني*|*يطهرني*|*طهروني*|*يطهروها*|*طهور*|*ختان*|*يختنوني*|*ختنوني*|*يختنوها*",
        "*تعرفت*|*عرفته*|*قابلته* ~ *تيك*|*سناب*|*انستا*|النت|بالنت|عالنت|*انترنت*|*اونلاين*|"
        "*ديسكورد*|*روبلوكس*|*فورتنايت*",
        "*يفضحني*|*افضحك*", "*ينشر*|*يوزع* ~ *صوري*",
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
        # round 4, written blind
        "ما|مش|لا|مو ~ *خليني*|*خلوني*|*يسمح*|*تسمح* ~ اكل|ناكل|الاكل|باكل|اتعشي|افطر|اتغدي",
        "*استاهل*|*استحق* ~ اكل|الاكل|والاكل|بالاكل|*طعام*|اكله",
        "*انام*|*بنام*|*نمت*|*ننام* ~ من_غير|بدون|بلا ~ عشا|عشاء|اكل|العشا|العشاء|*طعام*",
        "وما في اكل|طعام|الاكل|الطعام",
        "مفيش|مافيش|ومفيش|ومافيش|مافي|ومافي|مافيه اكل|طعام|الاكل|الطعام",
        "*ثلاجه*|*تلاجه* ~ *فاضي*", "ما|وما|مافي|مفيش ~ شي|اشي|اكل ~ *ثلاجه|*تلاجه",
        "ما|وما|مش|ومش|لا|ولا ~ *تقوم*|*يقوم* ~ *تخت|*سرير|*فراش",
        "*نايمه*|*نايم*|*تنام*|*بتنام* ~ طول ~ اليوم|النهار|الوقت",
        "ما|مش|لا|وما ~ *خلوني*|*خليني* ~ *مدرسه*", "بدل ما اروح ~ *مدرسه*",
    ),
    C.DOMESTIC_ABUSE: (
        "*يضرب ~ *امي|*ماما", "*ضرب ~ *امي|*ماما", "*عنف اسري", "*عنف*",
        "*يتشاجر*|*يتشاجران*|*يتخانق*|*يتضارب* ~ *ليله*|*امي*|*الليل*", "*يضرب_امي*|*يضربها*",
        # round 4, written blind
        "*يزق*|*زق*|*يدفع*|*دفع*|*يدز*|*دز*|*يخبط*|*خبط* ~ *حيط*|*حايط*|*جدار*",
        "*يزعق*|*يصرخ* ~ *ماما|*امي|*لماما|*لامي",
    ),
    C.EXPLOITATION: (
        "*مدين لهم", "*بيع مخدرات", "حبيب اكبر",
        "*يطلب*|*طلب*|*يريد* ~ *صور*",
        "رجل|غريب ~ *يعطيني* ~ *مال*|*فلوس*|*هدايا*", "*يعطيني* *مال*|*فلوس*",
        "*اذهب_معه*|*اروح_معه*",
        # round 4, written blind
        "*اخذو*|*اخدو*|*خدو*|*خذو*|*سحبو*|*ماخذ*|*ماخد*|*ماسك*|*حجز*|*محتفظ* ~ *جواز*|*باسبور*|"
        "*هويه*|*هويات*|*هويتي*|*بطاقاتنا*|*بطاقتي*",
        "*جابونا*|*جابوني*|*جابنا*|*احضرونا*|*جلبونا*|*جابوا* ~ *نشتغل*|*اشتغل*|*للشغل*|*نعمل*|"
        "*للعمل*|*نخدم*",
        "*يبعتني*|*يبعثني*|*يرسلني* ~ *وصل*|*اوصل*|*اسلم*|*اغراض*|*اكياس*|*كيس*|*طرد*|*طرود*|"
        "*باكيت*|*غراض*",
        "*يعطيني* ~ *مصاري*|*كاش*|*مصريات*", "ما|مش|لا|وما|ولا *يدفعلي*|*يدفع_لي*",
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
        # round 4, written blind
        "لا|ما ~ *تقولي*|*تخبري*|*تعلمين*|*تعلمي*|*تحكي*|*تقول*|*تخبر* ~ *امك|*ابوك|*اهلك|*ماما|"
        "*بابا|*لاحد|*لحدا|*احد",
        "اذا|لو|ان ~ *حكيت*|*قلت*|*خبرت* ~ احد|لاحد|لحدا|لحد|حدا|لاي_حد",
    ),
}
# fmt: on

LANGUAGES = (WELSH, POLISH, ROMANIAN, ARABIC)
