# ruff: noqa: E501  (prose: one voice per line reads better than wrapped strings)
"""Demo feedback written in Welsh, Polish, Romanian and Arabic (fictional), on the same
recurring topics as the English voices. None is a disclosure (a test checks)."""

from __future__ import annotations

from learning.feedback.demo_voices import (
    CARER_SUPPORT,
    CHANGES,
    EXPLAINED,
    GROUPS,
    INTERPRETER,
    KINDNESS,
    LATE,
    MEETINGS,
    REPORTS,
    SIBLINGS,
    Tone,
    Voice,
)
from learning.feedback.terms import FormKind, Language

G, M, P = Tone.GOOD, Tone.MIXED, Tone.POOR
CHILD, YOUNG, UNDER_8 = FormKind.CHILD_8_12, FormKind.YOUNG_PERSON, FormKind.CHILD_UNDER_8
HOUSES, PARENT, FOSTER = FormKind.THREE_HOUSES, FormKind.PARENT_CARER, FormKind.FOSTER_CARER


def _voices(
    language: Language, rows: list[tuple[FormKind, Tone, str, dict[str, str]]]
) -> list[Voice]:
    return [Voice(kind, tone, topic, texts, language) for kind, tone, topic, texts in rows]


# fmt: off
WELSH = _voices(Language.WELSH, [
    (PARENT, G, EXPLAINED, {"good": "Roedd y gweithiwr cymdeithasol yn garedig ac yn egluro popeth yn glir.", "better": "Hoffwn gael yr adroddiad yn Gymraeg cyn y cyfarfod, nid ar y diwrnod."}),
    (CHILD, M, SIBLINGS, {"good": "Mae Siân yn gwrando arna i.", "better": "Dw i eisiau gweld fy mrawd bach yn amlach."}),
    (CHILD, P, MEETINGS, {"better": "Doedd neb wedi dweud wrtha i am beth oedd y cyfarfod."}),
    (PARENT, P, CHANGES, {"better": "Rydyn ni wedi cael tri gweithiwr cymdeithasol mewn blwyddyn. Mae'n rhaid i ni ddweud ein stori dro ar ôl tro."}),
    (YOUNG, M, LATE, {"good": "Ces i siarad Cymraeg yn fy adolygiad, ac roedd hynny'n bwysig i mi.", "better": "Roedd y gweithiwr yn hwyr ddwywaith a wnaeth neb ffonio."}),
    (FOSTER, G, CARER_SUPPORT, {"good": "Cefnogaeth dda iawn gan y tîm maethu, yn enwedig y grŵp cymorth.", "better": "Mwy o hyfforddiant yn Gymraeg, os gwelwch yn dda."}),
    (UNDER_8, G, KINDNESS, {"more": "Mae hi'n neis ac mae hi'n chwarae gyda fi."}),
])

POLISH = _voices(Language.POLISH, [
    (PARENT, M, MEETINGS, {"good": "Tłumacz był bardzo pomocny.", "better": "Nikt mi nie wytłumaczył, o czym będzie spotkanie. Raport dostałam dopiero w dniu konferencji."}),
    (PARENT, G, EXPLAINED, {"good": "Pani z zespołu zawsze oddzwania i wszystko dobrze wyjaśnia."}),
    (YOUNG, P, CHANGES, {"good": "Mogę rozmawiać po polsku z moją opiekunką.", "better": "Ciągle zmieniają mi pracownika socjalnego. W tym roku miałem już trzech."}),
    (CHILD, M, SIBLINGS, {"good": "Lubię spotkania w szkole.", "better": "Chcę częściej widzieć moją siostrę."}),
    (PARENT, P, LATE, {"better": "Spóźnili się na wizytę godzinę i nikt nie zadzwonił."}),
])

ROMANIAN = _voices(Language.ROMANIAN, [
    (PARENT, G, EXPLAINED, {"good": "Asistenta socială a explicat totul foarte bine și a avut răbdare cu mine."}),
    (PARENT, P, MEETINGS, {"better": "Nu am știut despre ce este întâlnirea până nu am ajuns acolo."}),
    (FOSTER, M, REPORTS, {"good": "Echipa de plasament ne-a sprijinit mult.", "better": "Aș vrea ca rapoartele să vină mai devreme."}),
    (YOUNG, P, CHANGES, {"better": "Am avut patru asistenți sociali în doi ani. E greu să tot povestesc totul de la început."}),
    (CHILD, M, SIBLINGS, {"good": "M-au ascultat.", "better": "Vreau să-mi văd frații mai des."}),
])

ARABIC = _voices(Language.ARABIC, [
    (PARENT, G, EXPLAINED, {"good": "شرحت لنا الأخصائية الاجتماعية كل شيء بوضوح، وكان المترجم ممتازاً.", "better": "نتمنى أن نعرف موعد الاجتماع وسببه قبل وقت كافٍ."}),
    (PARENT, P, CHANGES, {"better": "تغيّرت الأخصائية الاجتماعية ثلاث مرات هذا العام، وفي كل مرة نبدأ من جديد."}),
    (CHILD, G, SIBLINGS, {"good": "المعلمة والأخصائية استمعتا إليّ.", "better": "أريد أن أرى أخي الكبير أكثر."}),
    (HOUSES, M, GROUPS, {"worries": "المدرسة الجديدة والواجبات", "good_things": "عائلتي وأصدقائي في النادي", "dreams": "أن أصبح طبيبة"}),
    (PARENT, M, LATE, {"good": "الأخصائية لطيفة", "better": "تأخروا عن الموعد مرتين ولم يتصلوا بنا."}),
    (PARENT, M, INTERPRETER, {"better": "نحتاج إلى مترجم في كل زيارة، وليس فقط في الاجتماعات الكبيرة."}),
])

# fmt: on
OTHER_LANGUAGES: list[Voice] = [*WELSH, *POLISH, *ROMANIAN, *ARABIC]
