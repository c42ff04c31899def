"""How often the safeguarding screen flags, and how fast it is.

    python benchmarks/safeguarding_screen.py [--quick] [--data DIR]

Recall: the share of each table of disclosures in tests/feedback/test_safeguarding_screen.py
that flags. The tuning tables (DISCLOSURES, NEW_PHRASINGS) flag by construction; the fresh
round (FRESH_TELLINGS: indirect tellings written after round 8's fixes and never fixed
since; the phrases of rounds 10 to 14, added later, caught none of them) is the honest
figure, shown for the lexicon alone and with the cues; so is OTHER_LANGUAGE_FRESH, the
same in Welsh, Polish, Romanian and Arabic.

False alarms: the share of the ORDINARY comments that flags, and of the public NHS Friends
and Family Test comments in ``../shared/data/`` (adults about health care: none is a
disclosure about a child, so every flag there is a false alarm for this purpose), by
category. Texts from the data sets are never printed.

Speed: microseconds per text, for the NHS comments and for the answers a child's form
sends (several short answers per submission). ``--quick`` screens a 2,000-comment sample.
The last line printed is one JSON object of the figures.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.feedback.test_safeguarding_screen import (  # noqa: E402
    DISCLOSURES,
    FRESH_TELLINGS,
    NEW_PHRASINGS,
    ORDINARY,
    OTHER_LANGUAGE_FRESH,
)

from learning.feedback import safeguarding  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data"
DATA_SETS = ("nhs_fft_phase1", "nhs_fft_v6")
FORM_ANSWERS = [
    "The social worker listened to me and explained what would happen next.",
    "I liked the games we played",
    "My worker always comes when she says she will",
    "yes",
    "sometimes",
]


def by_lexicon(text: str) -> bool:
    """Whether the lexicon alone, without the cues, flags the text."""
    return safeguarding.screen(text, cues=False).flagged


def share(texts: list[str], flags) -> float:
    return round(100 * sum(1 for text in texts if flags(text)) / len(texts), 2)


def per_text_us(texts: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            safeguarding._screen(text)
        best = min(best, time.perf_counter() - start)
    return round(1e6 * best / len(texts), 1)


def read_comments(data: Path) -> list[str]:
    texts: list[str] = []
    for name in DATA_SETS:
        with (data / name / "feedback.csv").open(newline="", encoding="utf-8") as f:
            texts += [row["text"] for row in csv.DictReader(f)]
    return texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a 2,000-comment sample")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of the data sets")
    args = parser.parse_args()
    safeguarding.prepare()
    flagged = lambda text: safeguarding.screen(text).flagged  # noqa: E731
    comments = read_comments(args.data)
    if args.quick:
        comments = random.Random(7).sample(comments, 2_000)
    categories = Counter(
        category.value for text in comments for category in safeguarding.screen(text).categories
    )
    figures = {
        "disclosures_flagged_pct": share([text for text, _ in DISCLOSURES], flagged),
        "new_phrasings_flagged_pct": share(NEW_PHRASINGS, flagged),
        "fresh_tellings": len(FRESH_TELLINGS),
        "fresh_flagged_by_lexicon_pct": share(FRESH_TELLINGS, by_lexicon),
        "fresh_flagged_pct": share(FRESH_TELLINGS, flagged),
        "other_languages_fresh": len(OTHER_LANGUAGE_FRESH),
        "other_languages_fresh_by_lexicon_pct": share(OTHER_LANGUAGE_FRESH, by_lexicon),
        "other_languages_fresh_flagged_pct": share(OTHER_LANGUAGE_FRESH, flagged),
        "ordinary_flagged_pct": share(ORDINARY, flagged),
        "nhs_comments": len(comments),
        "nhs_flagged_by_lexicon_pct": share(comments, by_lexicon),
        "nhs_flagged_pct": share(comments, flagged),
        "nhs_flags_by_category": dict(categories.most_common()),
        "us_per_nhs_comment": per_text_us(comments, 1 if args.quick else 3),
        "us_per_form_answer": per_text_us(FORM_ANSWERS * 200, 5),
    }
    for name, value in figures.items():
        print(f"{name}: {value}", file=sys.stderr)
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
