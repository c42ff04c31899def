"""Small synthetic corpora of children's social care feedback, written for the theme tests.

Four themes with varied wording; each answer is one of several ways of saying the theme, with
optional openings and endings, so no two themes share their distinctive words.
"""

from __future__ import annotations

import random

from learning.themes.pipeline import Item

THEMES: dict[str, list[str]] = {
    "worker": [
        "my social worker keeps changing",
        "I have had so many different social workers",
        "every few months there is a new social worker",
        "they changed my social worker again",
        "my social worker left and now I have another new one",
        "too many changes of social worker",
        "I never keep the same social worker for long",
    ],
    "listen": [
        "nobody listens to me",
        "no one listens to what I say",
        "I do not feel listened to",
        "they never listen to my views",
        "nobody listens when I tell them what I want",
        "adults do not listen to children like me",
        "I wish someone would listen to me properly",
    ],
    "meetings": [
        "the meetings are helpful",
        "my review meetings are really useful",
        "I like the meetings because they help me plan",
        "meetings with my carer are helpful",
        "the review meeting was useful and I could speak",
        "helpful meetings every month with my team",
        "the planning meetings are useful for me",
    ],
    "waiting": [
        "I wait too long for contact with my family",
        "waiting weeks for contact with my mum",
        "contact takes too long to arrange",
        "still waiting for contact to be sorted",
        "it takes far too long to get contact",
        "long waits before contact with my brother",
        "I have been waiting ages for family contact",
    ],
}
OPENINGS = ["", "", "Honestly, ", "I think ", "To be honest ", "Well, "]
ENDINGS = ["", "", ".", " this year.", " and it is hard.", " which matters to me.", "!"]


def answers(theme: str, n: int, seed: int = 0) -> list[str]:
    rng = random.Random(f"{theme}-{seed}")
    return [
        rng.choice(OPENINGS) + rng.choice(THEMES[theme]) + rng.choice(ENDINGS) for _ in range(n)
    ]


def corpus(
    per_theme: int, themes: list[str] | None = None, seed: int = 0, prefix: str = "i"
) -> tuple[list[Item], dict[str, str]]:
    """Items shuffled across ``themes`` (default all four), and each item's true theme."""
    items: list[Item] = []
    truth: dict[str, str] = {}
    rng = random.Random(seed)
    rows = [(t, text) for t in (themes or list(THEMES)) for text in answers(t, per_theme, seed)]
    rng.shuffle(rows)
    for number, (theme, text) in enumerate(rows):
        item_id = f"{prefix}{number}"
        items.append(Item(id=item_id, text=text))
        truth[item_id] = theme
    return items, truth


def theme_of(assignments: dict[str, str], truth: dict[str, str], theme: str) -> str:
    """The theme id holding most of the items whose true theme is ``theme``."""
    counts: dict[str, int] = {}
    for item, true in truth.items():
        if true == theme:
            counts[assignments[item]] = counts.get(assignments[item], 0) + 1
    return max(counts, key=lambda t: counts[t])


def purity(assignments: dict[str, str], truth: dict[str, str]) -> float:
    """Share of themed items whose theme's majority true theme is their own."""
    by_theme: dict[str, list[str]] = {}
    for item, theme in assignments.items():
        if item in truth:
            by_theme.setdefault(theme, []).append(truth[item])
    right = sum(max(members.count(t) for t in set(members)) for members in by_theme.values())
    return right / max(1, sum(len(m) for m in by_theme.values()))
