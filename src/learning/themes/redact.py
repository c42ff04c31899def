"""Remove personal data from free text before it is stored for themes, clustered or shown.

``redact(text)`` returns the text with each piece of personal data replaced by a typed
placeholder; ``find_personal_data(text)`` returns the pieces as :class:`Span` objects (start,
end, kind) so callers can highlight or count them. Both are pure functions: no database, no
network, no model download; regular expressions are compiled once at import.

This module finds the structured identifiers, addresses and other details, then the names,
and puts them together. The name rules are in :mod:`learning.themes.redact_name_rules` (words
in capitals and lower case in :mod:`learning.themes.redact_case`), which read words with
:mod:`learning.themes.redact_words` and the lists of :mod:`learning.themes.redact_names`.

Placeholders (the ``kind`` of a span, in square brackets):

===================  ==========================================================================
``[name]``           a person's name: first names from a built-in list, surnames after a first
                     name or a title, and any capitalised word after a cue ("Mr", "Dr", "my
                     social worker", "foster carer", "Mum (...)", "called", "named", ...).
                     Titles and roles are kept: "Mrs Smith" becomes "Mrs [name]".
``[nhs number]``     10 digits in a 3-3-4 grouping (always), 10 digits in a row that pass the
                     NHS modulus 11 check, or any 10-digit number after "NHS no"/"CHI".
``[ni number]``      National Insurance numbers: two letters and six digits (spaces allowed) and
                     an optional A-D suffix; a valid HMRC prefix, or any two letters after "NI".
``[postcode]``       full UK postcodes, any case, with or without the space; outward codes
                     alone ("TR1") after a street address or after the word "postcode".
``[phone]``          UK phone numbers, mobile or landline: 0 or +44 / 0044, then 9 or 10 digits
                     with spaces, dashes, dots or brackets ("(01872) 123456", "+44 (0)7700
                     900123"); other international numbers starting with "+".
``[email]``          email addresses; also without their ending after a mail provider
                     ("kaz@hotmail"), or after any name when the text speaks of email, and
                     spelt with a provider ("my email is kaz at gmail").
``[date of birth]``  a date next to born / DOB / d.o.b / date of birth / birthday / "aged N":
                     "born 12.05.2015", "dob: 5th March 2016", "12/05/2015 (DOB)", "born in
                     2015" (a year alone is removed only in that context); in words too:
                     "born on christmas day 2011", "the 3rd of the 4th 2011", "the twelfth of
                     may"; a month or a day alone only after "birthday": "my birthday is on
                     the 3rd" (a baby "born in October" keeps its month).
``[address]``        a street address: house (or flat) number, one to three capitalised words
                     and a street word (Road, Street, Close, Avenue, Lane, Drive, Way, Court,
                     Crescent, Place, Terrace, Gardens, Hill, Park, Row, Walk, ...); without a
                     number only after "live(s) at/on", "moved to", "address is", ...
                     In lower case: a house number, one to three words and a street word
                     ("12 trelawney road"), none of them a small word or a measure ("2 hours
                     down the road"); without a number after "live(s) on", ... with a word
                     on no list ("i live on trevithick road", not "on the main road").
``[case reference]`` case and record references: "CS-2023-00451", "LCS 123456", "AB123456",
                     anything with digits after "case ref/number/no", "ref", "ID", "Mosaic",
                     "LCS", ... The label is kept: "Mosaic ID [case reference]".
``[id number]``      any other run of seven or more digits (err towards removal: in this
                     service a long number is almost always an identifier of someone).
===================  ==========================================================================

Decisions:

- Only dates of birth are removed. Other dates ("visited on 3/4/2024") stay: on their own they
  identify nobody, and when something happened matters to the themes and briefings. The
  date-of-birth cue must be right next to the date (a few connecting words at most).
- Structured identifiers err towards removal: a 3-3-4 digit group is taken as an NHS number
  even when its check digit is wrong; a valid-looking but unknown reference is removed.
- Names err towards keeping ordinary words. A first name that is not an ordinary word
  ("Sarah", "Kerry", "Mohammed") is removed wherever it stands, in any case. A first name that
  is also a word ("Hope", "Grace", "Will", "May", "Mark", "Bill", "Rose") is removed only with a
  cue: a title or role just before it, a surname just after it, a role just after it
  ("Hope, my social worker"), or a capital letter in mid-sentence after a lower-case word
  ("I spoke to Grace"). For words often capitalised for other reasons (months, seasons,
  countries, "Will", "Bill", "Faith") only the title, role and surname cues count. "I hope",
  "May I say", "the mark on his arm" are left alone.
- Surnames that are ordinary words ("Brown", "Foster", "Walker") count only after a first name
  or a title; distinctive surnames ("Patel", "Jones") count wherever they are capitalised.
- A word on no list is a name when capitalised ("Wojciech"), and also in capitals or lower
  case, erring towards removal where that can be done without wrecking ordinary text: in a run
  of shouting each word is judged as if in lower case ("I HATE IT HERE [name] NEVER LISTENS");
  elsewhere a word in capitals or lower case needs a cue that points to a person ("me and
  [name]", "my sw [name]", "[name] said", "[name]'s mum", "my cousins [name] and [name]").
  Abbreviations ("MASH", "CPN"), slang, ordinary words misspelt as children do ("becuase",
  "placment", "sooo") or run together ("anymore") are not names.
- Schools are removed whole, in any case: capitalised words before a school word ("Truro
  High"), and in lower case or starting with a first name one to three words before one, one
  of them a name or a word on no list ("penair school", "richard lander academy"; not "my new
  school", "sunday school"), or a word on no list after "year 9 at" ("year 9 at penair").
  Ages go ("I'm [age], born ..."); a number with more to it stays ("15, maybe 20", "15.5").
- After a word that names, a name in lower case counts: a word on no list after "call me",
  "name is", "called" ("they call me kazza"), any word but a small one after "nickname is" or
  "nicknamed" ("my nickname is smudge"); an ordinary word after "call me" stays (it may be an
  insult: "they call me stupid"). A name of two letters counts between a role and a verb or
  before "my sw", ... ("my sw mo never helps", "mo my sw is kind").
- Names in scripts without capital letters (Arabic, ...) are not recognised; digits are
  recognised only as ASCII 0-9. Text other than personal data is returned unchanged,
  character for character (emoji, right-to-left text, odd whitespace included).
- All patterns use bounded repetition and start only at word or number boundaries, so a 1 MB
  text takes a fraction of a second; texts with no digit and no "@" skip the structured
  patterns entirely.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from learning.themes.redact_case import unlisted_name_shaped
from learning.themes.redact_name_rules import name_spans
from learning.themes.redact_names import DETERMINERS, NOT_NAMES, PERSON_VERBS, is_ordinary_word
from learning.themes.redact_words import F_FIRST, F_SURNAME, LOOKUP, PREV_TOKEN, listed, prev_word

__all__ = ["KINDS", "Span", "find_personal_data", "placeholder", "redact"]

NAME: Final = "name"
NHS_NUMBER: Final = "nhs number"
NI_NUMBER: Final = "ni number"
POSTCODE: Final = "postcode"
PHONE: Final = "phone"
EMAIL: Final = "email"
DATE_OF_BIRTH: Final = "date of birth"
ADDRESS: Final = "address"
CASE_REFERENCE: Final = "case reference"
ID_NUMBER: Final = "id number"
SCHOOL: Final = "school"
AGE: Final = "age"
SOCIAL_MEDIA: Final = "social media"
WEB_ADDRESS: Final = "web address"
DETAIL: Final = "identifying detail"

KINDS: Final[tuple[str, ...]] = (
    NAME,
    NHS_NUMBER,
    NI_NUMBER,
    POSTCODE,
    PHONE,
    EMAIL,
    DATE_OF_BIRTH,
    ADDRESS,
    CASE_REFERENCE,
    ID_NUMBER,
    SCHOOL,
    AGE,
    SOCIAL_MEDIA,
    WEB_ADDRESS,
    DETAIL,
)


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A piece of personal data: ``text[start:end]`` is of the given ``kind``."""

    start: int
    end: int
    kind: str


def placeholder(kind: str) -> str:
    """The text that replaces a span of this kind, e.g. ``[nhs number]``."""
    return f"[{kind}]"


# --------------------------------------------------------------------------------------------
# Structured identifiers
# --------------------------------------------------------------------------------------------

# Lower number wins when two candidate spans overlap. A reference after "case ref", "ref",
# "ID"... is a case reference even if it looks like an NI number.
_PRIORITY: Final[dict[str, int]] = {
    EMAIL: 0,
    NHS_NUMBER: 1,
    NI_NUMBER: 3,
    PHONE: 4,
    DATE_OF_BIRTH: 5,
    ADDRESS: 6,
    POSTCODE: 7,
    CASE_REFERENCE: 8,
    ID_NUMBER: 9,
    WEB_ADDRESS: 0,
    SOCIAL_MEDIA: 1,
    SCHOOL: 6,
    AGE: 10,
    DETAIL: 10,
}
_KEYWORD_REFERENCE_PRIORITY: Final = 2

_Candidate = tuple[int, int, str, int]  # start, end, kind, priority


def _keywords(*words: str) -> str:
    """A case-insensitive whole-word alternation that searches fast.

    Each word is a regex fragment starting with a plain letter. The result starts with a
    single character class (which the regex engine scans for quickly) instead of ``\\b`` or an
    alternation, and checks the word boundary and the rest of the word afterwards.
    """
    by_first: dict[str, list[str]] = {}
    for word in words:
        by_first.setdefault(word[0].lower(), []).append(word[1:])
    first = "".join(sorted(c + c.upper() for c in by_first))
    branches = "|".join(
        f"(?<={c})(?:{'|'.join(sorted(rests, key=len, reverse=True))})"
        for c, rests in sorted(by_first.items())
    )
    return rf"[{first}](?<!\w.)(?i:{branches})(?![^\W\d_])"


_DIGIT = re.compile(r"[0-9]")
_GAP = r"[ \t\u00a0]"  # spaces inside one identifier

_EMAIL_DOMAIN = re.compile(
    r"@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,7}\.[A-Za-z][A-Za-z0-9-]{0,62}"
)
_EMAIL_LOCAL = re.compile(r"[\w.%+'-]{1,64}\Z")
# An email written without its ending: a mail provider's name after "@" ("kaz@hotmail"), or
# any name after "@" when the text speaks of email; "kaz at gmail" when it does.
_MAIL_PROVIDER = (
    r"(?:gmail|googlemail|hotmail|outlook|live|yahoo|ymail|icloud|aol|btinternet|msn|proton"
    r"|protonmail|gmx|sky|talktalk|virginmedia|mail)"
)
_EMAIL_NO_ENDING = re.compile(
    r"@(?<=[\w.%+'-]@)(?:(?i:" + _MAIL_PROVIDER + r")|(?P<other>[A-Za-z][A-Za-z0-9-]{1,62}))"
    r"(?![\w@]|\.[A-Za-z0-9])"
)
_EMAIL_CUE = re.compile(r"(?i:e-?mail)")
_EMAIL_AT_PROVIDER = re.compile(
    r"[A-Za-z0-9](?<![\w.@].)[\w.+\-]{0,40}[ ]{1,2}(?i:at|\(at\)|\[at\])[ ]{1,2}"
    r"(?i:" + _MAIL_PROVIDER + r")(?:\.[A-Za-z]{2,6}){0,3}(?![\w@]|\.[A-Za-z0-9])"
)

_SEP = r"[ \t\-.()\u00a0]{0,2}"
_PHONE_UK = re.compile(
    r"[+0(](?<![\w+].)"
    r"(?:(?<=\+)" + _GAP + r"?44" + _GAP + r"?(?:\(0\)" + _GAP + r"?)?"
    r"|(?<=0)0" + _GAP + r"?44" + _GAP + r"?(?:\(0\)" + _GAP + r"?)?"
    r"|(?<=\()0|(?<=0)[ \-.]?)"
    r"[0-9](?:" + _SEP + r"[0-9]){8,9}(?![0-9])"
)
_PHONE_INTL = re.compile(r"\+(?<![\w+].)(?!44)[1-9][0-9]{0,2}(?:" + _SEP + r"[0-9]){6,12}(?![0-9])")

_TEN_DIGITS = re.compile(
    r"[0-9](?<![0-9].)[0-9]{2}(?:(?P<grouped>[ \-.]{1,2}[0-9]{3}[ \-.]{1,2}[0-9]{4})|[0-9]{7})"
    r"(?![0-9])"
)
_NHS_KEYWORD = re.compile(
    _keywords("nhs", "chi")
    + r"(?i:"
    + _GAP
    + r"{0,2}(?:no|number|num|#))?\.?"
    + _GAP
    + r"{0,2}(?:is)?"
    + _GAP
    + r"{0,2}[:\-]?"
    + _GAP
    + r"{0,2}(?P<id>[0-9](?:[ \-.]{0,2}[0-9]){8,11})(?![0-9])"
)

# HMRC: first letter not D F I Q U V; second not D F I O Q U V; some pairs are never issued.
_NI_STRICT = re.compile(
    r"[A-CEGHJ-PR-TW-Z](?<![A-Za-z0-9].)[A-CEGHJ-NPR-TW-Z](?<!BG|GB|KN|NK|NT|TN|ZZ)"
    r" ?[0-9]{2} ?[0-9]{2} ?[0-9]{2}(?: ?[A-Da-d])?(?![A-Za-z0-9])"
)
_NI_KEYWORD = re.compile(
    _keywords("ni", r"n\.i\.", "nino", r"national[ ]insurance")
    + r"(?i:"
    + _GAP
    + r"{0,2}(?:no|number|num|#))?\.?"
    + _GAP
    + r"{0,2}(?:is)?"
    + _GAP
    + r"{0,2}[:\-]?"
    + _GAP
    + r"{0,2}"
    r"(?P<id>[A-Za-z]{2} ?[0-9]{2} ?[0-9]{2} ?[0-9]{2}(?: ?[A-Da-d])?)(?![A-Za-z0-9])"
)

_INWARD = r"[0-9][ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2}"
_FULL_POSTCODE = r"(?:[A-Za-z]{1,2}[0-9][A-Za-z0-9]?|GIR|gir) {0,2}" + _INWARD
# Found from the inward code ("2AB"), which starts with a digit, then checked backwards.
_POSTCODE_INWARD = re.compile(r"[0-9](?=[ABD-HJLNP-UW-Zabd-hjlnp-uw-z]{2}(?![A-Za-z0-9]))")
_POSTCODE_ENDING = re.compile(r"(?<![A-Za-z0-9])" + _FULL_POSTCODE + r"\Z")
_OUTWARD = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
_POSTCODE_KEYWORD = re.compile(
    _keywords(r"post[ ]?code")
    + _GAP
    + r"{0,2}(?:is)?"
    + _GAP
    + r"{0,2}[:\-]?"
    + _GAP
    + r"{0,2}(?P<id>[A-Za-z]{1,2}[0-9][A-Za-z0-9]?)(?![A-Za-z0-9])"
)

_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?)(?![a-z])"
)
_ORD = r"(?:st|nd|rd|th)?"
_ORDINAL_WORD = (
    r"(?:(?:twenty|thirty)[ \-]?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
    r"|thirtieth)"
)
_YEAR_AFTER = r"(?:,?[ ]{1,2}[0-9]{4}|[ ]{1,2}'[0-9]{2})?"
# Days known by name: "born on christmas day 2011", "boxing day", "new year's eve".
_NAMED_DAY = (
    r"(?:(?:christmas|xmas|boxing|new[ ]years?|new[ ]year['\u2019]s|valentines?"
    r"|valentine['\u2019]s|bonfire|guy[ ]fawkes|easter|st[ ]patrick['\u2019]?s|mothers?"
    r"|mother['\u2019]s|fathers?|father['\u2019]s)[ ](?:day|eve|night|sunday|monday)"
    r"|hallowe['\u2019]?en)"
)
_DATE = (
    r"(?i:(?<![0-9])(?:[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}"
    r"|[0-9]{1,2}"
    + _ORD
    + r"[ ]of[ ]the[ ][0-9]{1,2}"
    + _ORD
    + _YEAR_AFTER
    + r"|"
    + _ORDINAL_WORD
    + r"(?:[ ]of)?[ ]{1,2}"
    + _MONTH
    + _YEAR_AFTER
    + r"|"
    + _NAMED_DAY
    + _YEAR_AFTER
    + r"|[0-9]{1,2}[-/.][0-9]{1,2}[-/.](?:[0-9]{4}|[0-9]{2})"
    r"|[0-9]{1,2}"
    + _ORD
    + r"(?:[ ]of)?[ ]{1,2}"
    + _MONTH
    + r"(?:,?[ ]{1,2}[0-9]{4}|[ ]{1,2}'[0-9]{2})?"
    r"|" + _MONTH + r"[ ]{1,2}[0-9]{1,2}" + _ORD + r"(?:,?[ ]{1,2}[0-9]{4})?"
    r"|" + _MONTH + r",?[ ]{1,2}[0-9]{4}"
    r"|[0-9]{1,2}[-/.][0-9]{1,2}"
    r"|(?:19|20)[0-9]{2})(?![0-9a-z]))"
)
_DOB_CUES = ("born", "dob", "d.o.b", "d. o. b", "birth", "bday", "b'day", "aged")
_DOB_BEFORE = re.compile(
    _keywords(
        "born",
        "dob",
        r"d\.[ ]?o\.[ ]?b\.?",
        r"date[ ]of[ ]birth",
        r"birth[ ]?date",
        "birthday",
        r"b'?day",
        r"aged[ ]{1,2}[0-9]{1,2}(?:[ ]{0,2}(?:years?|yrs?)(?:[ ]old)?)?",
    )
    + r"(?i:[ :,.()\-\u2013]{0,4}(?:(?:on|is|was|in|of|the)[ ]{1,2}){0,3})"
    r"(?P<id>" + _DATE + r")"
)
# A month or a day of the month alone is a date of birth only after "birthday is in/on": "my
# birthday is on the 3rd", "my bday is in march" (a baby "born in October" tells when).
_DOB_PART = re.compile(
    _keywords("birthday", r"b'?day")
    + r"(?i:[ ]{1,2}(?:(?:is|was|in|on)[ ]{1,2}){1,2}(?:the[ ]{1,2})?)"
    r"(?P<id>(?i:" + _MONTH + r"|(?<=the[ ])[0-9]{1,2}(?:st|nd|rd|th)(?![0-9a-z])"
    r"|(?<=the[ ])" + _ORDINAL_WORD + r"(?![a-z]|[ ]{1,2}(?:child|born|of|one|baby|kid|son"
    r"|daughter|time)\b)))"
)
_DOB_AFTER_CUE = re.compile(_keywords("dob", r"d\.[ ]?o\.[ ]?b", r"date[ ]of[ ]birth"))
_DATE_BEFORE_CUE = re.compile(r"(?P<id>" + _DATE + r")[ ]{0,2}[(\[,\-\u2013]?[ ]{0,2}\Z")

_STREET_WORD = r"(?:[A-Z][a-z'\u2019]{1,20}(?:-[A-Z]?[a-z]{1,20})?|St\.?)"
_STREET_SUFFIX = (
    r"(?:Road|Rd|Street|St|Avenue|Ave|Close|Lane|Ln|Drive|Way|Court|Ct|Crescent|Cres|Place"
    r"|Terrace|Gardens|Gdns|Grove|Hill|Park|Row|Walk|Square|Sq|Mews|Rise|View|Green|Parade"
    r"|Mead|Meadow|Meadows|Vale|Wharf|Yard|Quay|Croft|Fold|Chase|Drove|Gate|Heights|Boulevard"
    r"|Broadway|Embankment|Esplanade|Promenade|Estate|Cottages|Villas|Approach|Bank|Circus"
    r"|Crest|End|Field|Fields|Side|Wood|Brow|Wynd|Passage|Alley|Lea|Hollow|Orchard|Paddock"
    r"|Dene|Glade|Garth|Ridge)\b\.?"
)
_STREET = r"(?:" + _STREET_WORD + r"[ ]{1,3}){1,3}" + _STREET_SUFFIX
_HOUSE_NUMBER_REST = r"[0-9]{0,3}[A-Za-z]?(?:[ ]?[-\u2013/][ ]?[0-9]{1,4}[A-Za-z]?)?,?[ ]{1,3}"
_ADDRESS_NUMBERED = re.compile(
    r"[0-9](?<![0-9A-Za-z\u00a3$\u20ac.,:/].)" + _HOUSE_NUMBER_REST + _STREET
)
_ADDRESS_FLAT = re.compile(
    _keywords("flat", "apartment", "apt", "unit", "room")
    + r"[ ]{1,3}[0-9]{1,4}[A-Za-z]?,?[ ]{1,3}(?:[0-9]"
    + _HOUSE_NUMBER_REST
    + r")?"
    + _STREET
)
_FLAT_CUES = ("flat", "apartment", "apt", "unit", "room")
_ADDRESS_CUES = ("liv", "mov", "address")
_ADDRESS_CUED = re.compile(
    _keywords(r"live[sd]?", "living", "moved", "moving", r"address(?:[ ]is)?")
    + r"(?i:(?:[ ]{1,3}(?:on|at|in|to|is))?:?[ ]{1,3}(?:the[ ]{1,3})?)"
    r"(?P<id>" + _STREET + r")"
)
_ADDRESS_TAIL = re.compile(
    r",?[ ]{0,3}(?:[A-Z][a-z]{1,20}(?:[ \-][A-Z][a-z]{1,20}){0,2},?[ ]{1,3})?"
    r"(?P<id>" + _FULL_POSTCODE + r"|" + _OUTWARD + r")(?![A-Za-z0-9])"
)

_CASE_KEYWORD = re.compile(
    _keywords(
        *(
            word + r"[ ]{0,2}(?:ref(?:erence)?|number|no|num|id|#)\.?"
            for word in (
                "case",
                "client",
                "child",
                "file",
                "record",
                "referral",
                "person",
                "police",
                "crime",
                "incident",
                "court",
                "claim",
            )
        ),
        r"ref(?:erence)?(?:[ ]{0,2}(?:number|no|num))?\.?",
        "mosaic",
        "lcs",
        "eclipse",
        "carefirst",
        "liquidlogic",
        "frameworki",
        "id",
        "crn",
        "upn",
        "uln",
        "urn",
    )
    + r"(?i:(?:[ ]{0,2}(?:id|number|no|num|ref)\b\.?)?[ ]{0,2}(?:is|was)?[ ]{0,2}[:#\-]?[ ]{0,3})"
    r"(?P<id>[A-Z]{0,6}[-/]?[0-9](?:[A-Za-z0-9/\-]{0,24}[A-Za-z0-9])?)"
)
_CASE_LETTERS_DIGITS = re.compile(
    r"[A-Z](?<![A-Za-z0-9].)[A-Z]{0,4}[-/]?[0-9]{2,12}(?:[-/][0-9]{1,10}){0,3}(?![A-Za-z0-9])"
)
_CASE_SPACED = re.compile(r"[A-Z](?<![A-Za-z0-9].)[A-Z]{1,4} [0-9]{5,12}(?![A-Za-z0-9])")
_NOT_CASE_PREFIXES = frozenset(["NHS", "CHI", "NI", "ID", "NO", "REF", "UPN", "ULN", "URN", "CRN"])
_LONG_NUMBER = re.compile(r"[0-9](?<![0-9\u00a3$\u20ac.,].)[0-9]{6,}(?![0-9]|[.,][0-9])")


# Web addresses, social media, spelled-out emails and phone numbers, schools, ages, and
# details that single out one family.

_URL = re.compile(
    r"(?i:https?://|www\.)[^\s<>\"'\]\[)(]{2,300}"
    r"|[A-Za-z0-9](?<![\w@.\-/].)[A-Za-z0-9\-]{0,62}(?:\.[A-Za-z0-9\-]{1,63}){0,4}"
    r"\.(?i:com|co\.uk|org\.uk|org|net|uk|io|me|tv|ly|gg|app|be)/[^\s<>\"'\]\[)(]{1,300}"
)
_URL_HINT = re.compile(r"://|[Ww][Ww][Ww]\.|\.(?i:com|uk|org|net|io|me|tv|ly|gg|app|be)/")
_HANDLE_AT = re.compile(r"@(?<![\w@.]@)[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,29}[A-Za-z0-9_])?")
_HANDLE_CUED = re.compile(
    _keywords(
        "snap", "snapchat", "insta", "instagram", "ig", "tiktok", r"tik[ ]tok", "twitter",
        "facebook", "fb", "discord", "psn", "gamertag", "username", r"user[ ]name", "kik",
        "twitch", "roblox",
    )  # fmt: skip
    + r"(?i:[ :]{1,3}(?:(?:me|is|its|it's|on|at|name|add|and)[ :]{1,3}){0,3})"
    r"(?P<id>[A-Za-z0-9_][A-Za-z0-9_.]{1,29}[A-Za-z0-9_])(?![\w@])"
)
_HANDLE_UNDERSCORE = re.compile(
    r"[A-Za-z0-9](?<![\w@.].)[A-Za-z0-9.]{0,29}_[A-Za-z0-9_.]{0,29}[A-Za-z0-9]"
)
_HANDLE_YEAR_HINT = re.compile(r"1(?<=[A-Za-z._]1)9[0-9]{2}|2(?<=[A-Za-z._]2)0[0-9]{2}")
_HANDLE_YEAR = re.compile(r"[A-Za-z](?<![\w@.].)[A-Za-z._]{1,29}(?:19|20)[0-9]{2}(?![\w@])")


def _social_hint(lowered: str) -> bool:
    return (
        "snap" in lowered or "insta" in lowered or "tik" in lowered or "twitter" in lowered
        or "facebook" in lowered or "fb" in lowered or "discord" in lowered or "psn" in lowered
        or "gamertag" in lowered or "user" in lowered or "kik" in lowered or "roblox" in lowered
        or "ig " in lowered or "ig:" in lowered
    )  # fmt: skip


_SPELT_DOT = r"(?:dot|\(dot\)|\[dot\]|\.)"
_EMAIL_SPELT = re.compile(
    r"[A-Za-z0-9](?<![\w.].)[\w.+\-]{0,40}"
    r"(?:[ ]{1,2}(?i:dot|underscore|dash|\(dot\)|\[dot\])[ ]{1,2}[\w+\-]{1,40}){0,4}"
    r"[ ]{0,2}(?i:\(at\)|\[at\]|(?<=[ ])at(?=[ ]))[ ]{0,2}[A-Za-z0-9\-]{2,40}"
    r"(?P<tld>(?:[ ]{0,2}(?i:" + _SPELT_DOT + r")[ ]{0,2}[A-Za-z]{2,6}){1,3})(?![\w])"
)
_TLDS: Final = frozenset(("com", "uk", "net", "org", "co", "io", "me", "ac", "gov", "nhs", "ie"))

_NUMBER_WORD = (
    r"(?:zero|oh|nought|one|two|three|four|five|six|seven|eight|nine|double|triple|treble)"
)
_PHONE_WORDS = re.compile(
    r"(?i:(?<![\w])" + _NUMBER_WORD + r"(?:[ ,\-]{1,2}(?:" + _NUMBER_WORD + r"|[0-9]{1,5})){5,20}"
    r"(?![\w]))"
)
_NUMBER_WORD_DIGITS: Final = {"double": 1, "triple": 2, "treble": 2}

_SCHOOL_SUFFIX = (
    r"(?:Primary|Academy|School|College|High|Grammar|Infants|Juniors|Junior|Nursery|Prep"
    r"|Sixth[ ]Form|Pre-[Ss]chool|Pupil[ ]Referral[ ]Unit|PRU)"
)
_SCHOOL_HINT = re.compile(_SCHOOL_SUFFIX + r"\b")
_SCHOOL = re.compile(
    r"[A-Z](?<![\w].)[\w'\u2019.\-]{1,24}(?:[ ]{1,2}[A-Z][\w'\u2019.\-]{1,24}){0,3}[ ]{1,2}"
    + _SCHOOL_SUFFIX
    + r"(?:[ ](?:School|Academy))?(?![\w])"
)
_SCHOOL_CUED = re.compile(
    _keywords("year", "yr", "class", "form")
    + r"(?:[ ]{1,2}[0-9]{1,2})?[ ]{1,2}(?i:at|in)[ ]{1,2}(?:the[ ]{1,2})?"
    r"(?P<id>[A-Z][\w'\u2019.\-]{1,24}(?:[ ]{1,2}[A-Z][\w'\u2019.\-]{1,24}){0,3})"
)

# Not an age: a number with more to it ("15.5", "10:30", "3/4", "15,000", "15, maybe 20").
_NOT_AN_AGE = (
    r"(?![0-9]|[.:/][0-9]|,[ ]?(?:(?i:maybe|perhaps|or|nearly|almost|about|possibly|probably"
    r"|even|to|and)[ ]{1,2})?[0-9]"
    r"|[ ]?(?i:%|st\b|nd\b|rd\b|th\b|am\b|pm\b|p\b|x\b|-[0-9]|minutes?|mins?"
    r"|hours?|hrs?|days?|weeks?|wks?|months?|years?(?![ \-]old)|times?|o'?clock|pounds?|quid"
    r"|miles?|met(?:re|er)s?|km|kg|stone|inches|feet|ft|of\b|out\b|points?|per|people|kids"
    r"|children|nights?|goals?|sessions?|visits?|things?|places?|schools?|homes?))"
)
_AGE_NUMBER = re.compile(r"[0-9](?<=[ ][0-9])[0-9]?" + _NOT_AN_AGE)
_AGE_BEFORE = re.compile(
    r"(?<![\w'])(?i:i'?m|im|i[ ]am|he's|he[ ]is|he[ ]was|she's|she[ ]is|she[ ]was|it's|it[ ]is"
    r"|they're|they[ ]are|we're|we[ ]are|who's|who[ ]is|who[ ]was|is|was|are|turned|turns|turning"
    r"|be|aged|age)[ ]{1,2}\Z"
)
_AGE_OLD = re.compile(
    r"[0-9](?<![0-9.].)[0-9]?[ \-]?(?i:years?|yrs?)[ \-]old(?![\w])"
    r"|[0-9](?<![0-9.].)[0-9]?[ ]?(?i:yo|y/o|yr[ \-]old)(?![\w])"
)
_ONLY_ONE = re.compile(
    _keywords(r"the[ ]only", r"only[ ]one")
    + r"[ ]{1,2}(?P<id>[A-Za-z'\-]{2,24}(?:[ ]{1,2}[A-Za-z'\-]{2,24})?)[ ]{1,2}"
    r"(?=(?i:famil(?:y|ies)|boys?|girls?|child(?:ren)?|kids?|person|people|wom[ae]n|m[ae]n|lads?"
    r"|students?|pupils?|household|teenagers?|mum|dad|parents?)\b)"
)

_STREET_STRICT_SUFFIX = (
    r"(?:Street|Road|Rd|Avenue|Lane|Close|Drive|Crescent|Terrace|Gardens|Grove|Mews|Parade)"
)
_STREET_HINT = re.compile(_STREET_STRICT_SUFFIX + r"\b")
_PLACE_HINT = re.compile(
    r"(?P<street>" + _STREET_STRICT_SUFFIX + r")\b|(?P<school>" + _SCHOOL_SUFFIX + r")\b"
)
_STREET_UNNUMBERED = re.compile(
    r"[A-Z](?<![\w].)[a-z'\u2019\-]{1,20}(?:[ ]{1,2}[A-Z][a-z'\u2019\-]{1,20}){0,2}[ ]{1,2}"
    + _STREET_STRICT_SUFFIX
    + r"(?![\w])"
)
_ADDRESS_THE = re.compile(
    r"[0-9](?<![0-9A-Za-z\u00a3$\u20ac.,:/].)[0-9]{0,3}[A-Za-z]?,?[ ]{1,3}The[ ]{1,2}"
    r"[A-Z][a-z'\u2019\-]{2,20}(?:[ ][A-Z][a-z'\u2019\-]{2,20})?"
    r"(?:,[ ]{1,2}[A-Z][a-z]{2,20}(?:[ ][A-Z][a-z]{2,20})?)?"
)
_NOT_HOUSE_NUMBER_BEFORE: Final = frozenset(
    ("year", "yr", "page", "season", "series", "chapter", "episode", "part", "level", "class",
     "form", "number", "no", "top", "best")
)  # fmt: skip


# Street addresses in lower case: a house number, one to three words and a street word
# ("12 trelawney road", "3b chyandour close"), none of the words a small word or a measure
# ("2 hours down the road", "a 10 minute walk up the road"); without a number only after
# "live(s) on/at", "moved to", ... and with a word on no list ("i live on trevithick road",
# not "we live on the main road").
_STREET_SUFFIX_LOWER = (
    r"(?i:road|rd|street|avenue|ave|lane|close|drive|crescent|terrace|gardens|grove|mews"
    r"|parade)"
)
_STREET_WORDS_LOWER = r"(?P<words>(?:[A-Za-z][a-z'\u2019\-]{1,20}[ ]{1,3}){1,3})"
_ADDRESS_NUMBERED_LOWER = re.compile(
    r"[0-9](?<![0-9A-Za-z\u00a3$\u20ac.,:/].)"
    + _HOUSE_NUMBER_REST
    + _STREET_WORDS_LOWER
    + _STREET_SUFFIX_LOWER
    + r"(?![\w])"
)
_ADDRESS_CUED_LOWER = re.compile(
    _keywords(r"live[sd]?", "living", "moved", "moving", r"address(?:[ ]is)?")
    + r"(?i:(?:[ ]{1,3}(?:on|at|in|to|is))?:?[ ]{1,3})"
    r"(?P<id>" + _STREET_WORDS_LOWER + _STREET_SUFFIX_LOWER + r")(?![\w])"
)
_NOT_STREET_NAMES: Final = frozenset(
    ("a", "an", "the", "my", "our", "your", "his", "her", "their", "this", "that", "these",
     "those", "its", "of", "on", "in", "at", "to", "by", "for", "from", "with", "into", "onto",
     "and", "or", "but", "so", "then", "down", "up", "along", "across", "round", "around",
     "near", "past", "off", "over", "through", "out", "back", "more", "other", "different",
     "same", "whole", "extra", "few", "some", "all", "any", "each", "every", "both", "is",
     "was", "are", "were", "be", "been", "i", "we", "you", "he", "she", "it", "they", "me",
     "us", "him", "them", "min", "mins", "minute", "minutes", "hour", "hours", "hr", "hrs",
     "day", "days", "week", "weeks", "month", "months", "year", "years", "yr", "yrs", "time",
     "times", "mile", "miles", "metre", "metres", "meter", "meters", "km", "foot", "feet",
     "yard", "yards", "step", "steps", "people", "kids", "children", "cars", "houses", "doors",
     "x", "am", "pm", "o'clock", "percent", "pounds", "quid", "p")
)  # fmt: skip


def _street_hint(lowered: str) -> bool:
    """Whether a street word may be in ``lowered`` (a chain of "in": the fastest test)."""
    return (
        "road" in lowered or " rd" in lowered or "street" in lowered or " ave" in lowered
        or "lane" in lowered or "close" in lowered or "drive" in lowered or "cres" in lowered
        or "terrace" in lowered or "gardens" in lowered or "grove" in lowered
        or "mews" in lowered or "parade" in lowered
    )  # fmt: skip


def _street_words_ok(words: str, *, need_unlisted: bool) -> bool:
    """Whether the words before a street word can name a street (see ``_NOT_STREET_NAMES``);
    with ``need_unlisted``, one of them must be on no list ("trevithick")."""
    keys = [w.lower() for w in words.split()]
    if any(k in _NOT_STREET_NAMES for k in keys):
        return False
    return not need_unlisted or any(unlisted_name_shaped(k) for k in keys)


# Schools in lower case or with a first name ("penair school", "richard lander academy"): one
# to three words before a school word, one of them a name or a word on no list shaped like a
# name, from the first that is no ordinary word (not "my new school", "sunday school",
# "secondry school"); after "year 9 at", a word on no list
# ("year 9 at penair") or words before a school word ("year 7 at pool academy").
_SCHOOL_WORDS: Final = (
    "school", "academy", "college", "primary", "high", "grammar", "nursery", "infants", "juniors"
)  # fmt: skip
# Looked for in lower case on every text: the commonest only ("penair high" is not found).
_SCHOOL_WORDS_LOWER: Final = ("school", "academy", "college", "primary")
_SCHOOL_CUED_ANY = re.compile(
    _keywords("year", "yr", "class", "form")
    + r"(?:[ ]{1,2}[0-9]{1,2})?[ ]{1,2}(?i:at|in)[ ]{1,2}(?:(?i:the)[ ]{1,2})?"
    r"(?P<id>[A-Za-z][\w'\u2019\-]{1,24}(?:[ ]{1,2}[A-Za-z][\w'\u2019\-]{1,24}){0,3})"
)
_SCHOOL_KIND_WORDS: Final = frozenset(
    ("primary", "secondary", "high", "junior", "juniors", "infant", "infants", "nursery",
     "grammar", "big", "little", "new", "old", "special", "private", "public", "state",
     "boarding", "sunday", "bible", "church", "catholic", "faith", "village", "local", "free",
     "comprehensive", "community", "middle", "upper", "lower", "sixth", "medical", "nursing",
     "driving", "art", "dance", "drama", "music", "forest", "summer", "holiday", "day", "night",
     "main", "mainstream", "alternative", "residential", "independent", "language", "football",
     "other", "next", "last", "first", "same", "different", "whole", "good", "bad", "best",
     "worst", "nice", "rubbish", "horrible", "proper", "normal", "specialist", "secure",
     "hospital", "home", "online", "welsh", "english", "girls", "boys", "mixed", "training")
)  # fmt: skip


def _name_like(key: str) -> bool:
    """A word on no list shaped like a name, or a first name or surname that is no word."""
    return unlisted_name_shaped(key) or bool(LOOKUP.get(key, 0) & (F_FIRST | F_SURNAME))


def _school_words_before(text: str, end: int) -> int | None:
    """The start of the name of a school whose school word starts at ``end``, or None."""
    starts: list[tuple[int, str]] = []
    pos = end
    while len(starts) < 3:
        prev = prev_word(text, pos)
        if prev is None or prev[1] != " ":
            break
        word = prev[0]
        key = word.lower()
        if (
            key in NOT_NAMES
            or key in DETERMINERS
            or key in _SCHOOL_KIND_WORDS
            or key in PERSON_VERBS
            or key in _NOT_STREET_NAMES
        ):
            break
        pos -= 1 + len(word)
        starts.append((pos, key))
    if not any(_name_like(key) for _, key in starts):
        return None
    for start, key in reversed(starts):  # from the first word that is no ordinary word
        if not listed(key) or LOOKUP.get(key, 0) & (F_FIRST | F_SURNAME):
            return start
    return None


def _lower_case_schools(text: str, lowered: str, add: Callable[[int, int, str], None]) -> None:
    for word in _SCHOOL_WORDS_LOWER:  # str.find: faster than a regex over every s, a, c, ...
        at = lowered.find(word)
        while at != -1:
            end = at + len(word)
            if (at == 0 or not lowered[at - 1].isalnum()) and not lowered[end : end + 1].isalnum():
                start = _school_words_before(text, at)
                if start is not None:
                    add(start, end, SCHOOL)
            at = lowered.find(word, end)


def _cued_lower_case_schools(text: str, add: Callable[[int, int, str], None]) -> None:
    for m in _SCHOOL_CUED_ANY.finditer(text):
        start = m.start("id")
        words = [(w.start() + start, w.group()) for w in re.finditer(r"\S+", m.group("id"))]
        end = None
        for i, (pos, word) in enumerate(words):
            key = word.lower()
            if i and key in _SCHOOL_WORDS:
                end = pos + len(word)  # "year 7 at pool academy"
                break
            if key in NOT_NAMES or key in _NOT_STREET_NAMES or key in _SCHOOL_KIND_WORDS:
                break
        if end is None and _name_like(words[0][1].lower()):
            end = start + len(words[0][1])  # "year 9 at penair"
        if end is not None:
            add(start, end, SCHOOL)


def _spelt_digits(run: str) -> int:
    count = 0
    for token in re.split(r"[ ,\-]+", run.lower()):
        count += _NUMBER_WORD_DIGITS.get(token, len(token) if token.isdigit() else 1)
    return count


def _leading_ordinary(words: list[str]) -> int:
    """How many of ``words`` at the start are ordinary (not part of a name of a place)."""
    n = 0
    for word in words:
        key = word.lower()
        if (key in NOT_NAMES and key != "st") or key in DETERMINERS or key in PERSON_VERBS:
            n += 1
        else:
            break
    return n


def _trim_leading(text: str, start: int, end: int) -> int | None:
    """Start of the span without leading ordinary words; None if nothing is left."""
    words = text[start:end].split()
    n = _leading_ordinary(words[:-1])
    if n == len(words) - 1:
        return None
    for word in words[:n]:
        start = text.index(word, start) + len(word)
    while start < end and text[start] == " ":
        start += 1
    return start


def _other_candidates(text: str, lowered: str, add: Callable[[int, int, str], None]) -> None:
    """Web addresses, social media, spelt-out emails and numbers, schools, ages, and details."""
    if "/" in text and _URL_HINT.search(text):
        for m in _URL.finditer(text):
            add(m.start(), m.end() - len(m.group()) + len(m.group().rstrip(".,;:!?")), WEB_ADDRESS)
    if "@" in text:
        for m in _HANDLE_AT.finditer(text):
            add(m.start(), m.start() + len(m.group().rstrip(".")), SOCIAL_MEDIA)
    if _social_hint(lowered):
        for m in _HANDLE_CUED.finditer(text):
            handle = m.group("id")
            key = handle.lower()
            if (not handle.isalpha() or not is_ordinary_word(key)) and (
                key not in NOT_NAMES and key not in PERSON_VERBS
            ):
                add(m.start("id"), m.end("id"), SOCIAL_MEDIA)
    if "_" in text:
        for m in _HANDLE_UNDERSCORE.finditer(text):
            add(m.start(), m.end(), SOCIAL_MEDIA)
    if _DIGIT.search(text) and _HANDLE_YEAR_HINT.search(text):
        for m in _HANDLE_YEAR.finditer(text):
            add(m.start(), m.end(), SOCIAL_MEDIA)
    if " dot " in lowered or "(dot)" in lowered or "[dot]" in lowered or "(at)" in lowered:
        for m in _EMAIL_SPELT.finditer(text):
            last = re.split(r"[ .()\[\]]+", m.group("tld").strip())[-1].lower()
            if last in _TLDS and ("dot" in m.group().lower() or "at" in m.group().lower()):
                add(m.start(), m.end(), EMAIL)
    if "seven" in lowered or "eight" in lowered or "nine" in lowered or "zero" in lowered:
        for m in _PHONE_WORDS.finditer(text):
            if _spelt_digits(m.group()) >= 9:
                add(m.start(), m.end(), PHONE)
    place = _PLACE_HINT.search(text)  # one scan for the usual text with neither
    if place is not None and (place.group("school") or _SCHOOL_HINT.search(text, place.end())):
        for m in _SCHOOL.finditer(text):
            start = _trim_leading(text, m.start(), m.end())
            if start is not None:
                add(start, m.end(), SCHOOL)
    _lower_case_schools(text, lowered, add)
    if "year " in lowered or "yr " in lowered or "class " in lowered or "form " in lowered:
        for m in _SCHOOL_CUED.finditer(text):
            add(m.start("id"), m.end("id"), SCHOOL)
        _cued_lower_case_schools(text, add)
    if place is not None and (place.group("street") or _STREET_HINT.search(text, place.end())):
        for m in _STREET_UNNUMBERED.finditer(text):
            start = _trim_leading(text, m.start(), m.end())
            if start is not None:
                add(start, m.end(), ADDRESS)
    if "the only " in lowered or "only one " in lowered:
        for m in _ONLY_ONE.finditer(text):
            add(m.start("id"), m.end("id"), DETAIL)
    if not _DIGIT.search(text):
        return
    for m in _AGE_NUMBER.finditer(text):
        if _AGE_BEFORE.search(text, max(0, m.start() - 14), m.start()):
            add(m.start(), m.end(), AGE)
    if "old" in lowered or "yo" in lowered or "y/o" in lowered:
        for m in _AGE_OLD.finditer(text):
            add(m.start(), m.end(), AGE)
    for m in _ADDRESS_THE.finditer(text) if "The " in text else ():
        prev = PREV_TOKEN.search(text, max(0, m.start() - 40), m.start())
        if prev is None or prev.group(1).lower() not in _NOT_HOUSE_NUMBER_BEFORE:
            add(m.start(), m.end(), ADDRESS)


def _nhs_checksum_ok(digits: str) -> bool:
    """The NHS number modulus 11 check on a 10-digit string."""
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _looks_like_postcode(code: str) -> bool:
    """Case check: "Y7 3rd" and "it10th" are not postcodes, "TR1 2AB" and "tr1 2ab" are."""
    if code.isupper():
        return True
    return code.islower() and " " in code


def _digit_count(s: str) -> int:
    return sum(c.isdigit() for c in s)


def _structured_candidates(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []

    def add(start: int, end: int, kind: str, priority: int | None = None) -> None:
        if end <= start:
            return
        found.append((start, end, kind, _PRIORITY[kind] if priority is None else priority))

    if "@" in text:
        for m in _EMAIL_DOMAIN.finditer(text):
            local = _EMAIL_LOCAL.search(text, max(0, m.start() - 64), m.start())
            if local is not None:
                add(local.start(), m.end(), EMAIL)
    lowered = text.lower()
    mail_cue = "mail" in lowered and _EMAIL_CUE.search(text) is not None
    if "@" in text:
        for m in _EMAIL_NO_ENDING.finditer(text):
            local = _EMAIL_LOCAL.search(text, max(0, m.start() - 64), m.start())
            if local is not None and (m.group("other") is None or mail_cue):
                add(local.start(), m.end(), EMAIL)
    if mail_cue and " at " in lowered:
        for m in _EMAIL_AT_PROVIDER.finditer(text):
            user = m.group().split(None, 1)[0]
            if not user.isalpha() or not listed(user.lower()):
                add(m.start(), m.end(), EMAIL)
    _other_candidates(text, lowered, add)
    if any(cue in lowered for cue in _ADDRESS_CUES):
        for m in _ADDRESS_CUED.finditer(text):
            add(m.start("id"), m.end("id"), ADDRESS)
        for m in _ADDRESS_CUED_LOWER.finditer(text) if _street_hint(lowered) else ():
            if _street_words_ok(m.group("words"), need_unlisted=True):
                add(m.start("id"), m.end("id"), ADDRESS)
    if any(cue in lowered for cue in _DOB_CUES):
        for m in _DOB_BEFORE.finditer(text):
            add(m.start("id"), m.end("id"), DATE_OF_BIRTH)
        for m in _DOB_AFTER_CUE.finditer(text):
            date = _DATE_BEFORE_CUE.search(text, max(0, m.start() - 30), m.start())
            if date is not None:
                add(date.start("id"), date.end("id"), DATE_OF_BIRTH)
        if "day" in lowered:
            for m in _DOB_PART.finditer(text):
                add(m.start("id"), m.end("id"), DATE_OF_BIRTH)

    if not _DIGIT.search(text):
        return found

    for m in _TEN_DIGITS.finditer(text):
        if m.group("grouped") or _nhs_checksum_ok(m.group()):
            add(m.start(), m.end(), NHS_NUMBER)
    if "nhs" in lowered or "chi" in lowered:
        for m in _NHS_KEYWORD.finditer(text):
            if _digit_count(m.group("id")) == 10:
                add(m.start("id"), m.end("id"), NHS_NUMBER)

    for m in _NI_STRICT.finditer(text):
        add(m.start(), m.end(), NI_NUMBER)
    if "n" in lowered:
        for m in _NI_KEYWORD.finditer(text):
            add(m.start("id"), m.end("id"), NI_NUMBER)

    for m in _PHONE_UK.finditer(text):
        add(m.start(), m.end(), PHONE)
    if "+" in text:
        for m in _PHONE_INTL.finditer(text):
            add(m.start(), m.end(), PHONE)

    for m in _ADDRESS_NUMBERED.finditer(text):
        add(m.start(), m.end(), ADDRESS)
        tail = _ADDRESS_TAIL.match(text, m.end())
        if tail is not None:
            add(tail.start("id"), tail.end("id"), POSTCODE)
    for m in _ADDRESS_NUMBERED_LOWER.finditer(text) if _street_hint(lowered) else ():
        prev = PREV_TOKEN.search(text, max(0, m.start() - 40), m.start())
        if _street_words_ok(m.group("words"), need_unlisted=False) and (
            prev is None or prev.group(1).lower() not in _NOT_HOUSE_NUMBER_BEFORE
        ):
            add(m.start(), m.end(), ADDRESS)
    if any(cue in lowered for cue in _FLAT_CUES):
        for m in _ADDRESS_FLAT.finditer(text):
            add(m.start(), m.end(), ADDRESS)
    for m in _POSTCODE_INWARD.finditer(text):
        end = m.end() + 2
        code = _POSTCODE_ENDING.search(text, max(0, m.start() - 6), end)
        if code is not None and _looks_like_postcode(code.group()):
            add(code.start(), end, POSTCODE)
    if "post" in lowered:
        for m in _POSTCODE_KEYWORD.finditer(text):
            add(m.start("id"), m.end("id"), POSTCODE)

    for m in _CASE_KEYWORD.finditer(text):
        add(m.start("id"), m.end("id"), CASE_REFERENCE, _KEYWORD_REFERENCE_PRIORITY)
    for m in _CASE_LETTERS_DIGITS.finditer(text):
        if _digit_count(m.group()) >= 5:
            add(m.start(), m.end(), CASE_REFERENCE)
    for m in _CASE_SPACED.finditer(text):
        if m.group().split(" ", 1)[0] not in _NOT_CASE_PREFIXES:
            add(m.start(), m.end(), CASE_REFERENCE)
    for m in _LONG_NUMBER.finditer(text):
        add(m.start(), m.end(), ID_NUMBER)
    return found


def _resolve(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep non-overlapping spans: on overlap the higher-priority kind, then the longer, wins."""
    candidates.sort(key=lambda c: (c[0], c[3], c[0] - c[1]))
    kept: list[_Candidate] = []
    for cand in candidates:
        if kept and cand[0] < kept[-1][1]:
            last = kept[-1]
            if (cand[3], cand[0] - cand[1]) < (last[3], last[0] - last[1]):
                kept[-1] = cand
            continue
        kept.append(cand)
    return kept


# --------------------------------------------------------------------------------------------
# Names (found by learning.themes.redact_name_rules)
# --------------------------------------------------------------------------------------------


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


def find_personal_data(text: str) -> list[Span]:
    """Every piece of personal data found in ``text``, in order, without overlaps."""
    if not text:
        return []
    structured = _resolve(_structured_candidates(text))
    starts = [c[0] for c in structured]
    result = [Span(s, e, k) for s, e, k, _ in structured]
    for start, end in _merge(name_spans(text)):
        i = bisect.bisect_left(starts, end)
        if i > 0 and structured[i - 1][1] > start:
            continue  # overlaps a structured identifier, which wins
        result.append(Span(start, end, NAME))
    result.sort()
    return result


def redact(text: str) -> str:
    """``text`` with each piece of personal data replaced by its placeholder."""
    spans = find_personal_data(text)
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for span in spans:
        parts.append(text[pos : span.start])
        parts.append(placeholder(span.kind))
        pos = span.end
    parts.append(text[pos:])
    return "".join(parts)
