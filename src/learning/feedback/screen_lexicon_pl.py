"""The safeguarding screen's phrases in Polish, by category (see screen_lexicon_intl).

Accents are removed before matching: "boję się" and "boje sie" are the same.
"""

from __future__ import annotations

from learning.feedback.terms import ScreenCategory as C

# fmt: off
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
        # missed by a review: "się" before the verb
        "sie pociac|potne|pocielam|pocialem|okalecz*",
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
        # missed by a review: "się" before the verb ("chcę się zabić"), the commoner order
        "sie zabic|zabije|zabijam|zabilbym|zabilabym|powiesic|powiesze|otruc|otruje",
        "powiesic|powiesze|otruc|otruje sie",
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
# fmt: on
