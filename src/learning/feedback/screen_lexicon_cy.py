"""The safeguarding screen's phrases in Welsh, by category (see screen_lexicon_intl).

Welsh words change their first letter after some words (mutation): list each form a child
would write ("cleisiau", "gen i gleisiau", "fy nghleisiau"; "cyfrinach", "ein gyfrinach").
Apostrophes are removed before matching: "mae'n" is "maen".
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
# fmt: on
