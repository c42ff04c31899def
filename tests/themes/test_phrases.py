"""Theme labels read as phrases people wrote: taken from the theme's own texts, never a list
of words, a stop word or a rating alone, never from one text only, never the same for two
themes, and shown in sentence case with acronyms and names as written."""

from __future__ import annotations

import numpy as np

from learning.themes.labels import distinctive_terms
from learning.themes.phrases import ranked_phrases, theme_labels
from learning.themes.pipeline import Item, run_themes
from tests.themes.feedback_corpus import THEMES, answers


def labels_of(*themes: list[str]) -> list[str]:
    texts = [text for theme in themes for text in theme]
    groups = np.array([g for g, theme in enumerate(themes) for _ in theme])
    labels: list[str] = theme_labels(distinctive_terms(texts, groups, len(themes)), list(themes))
    return labels


WORKER = [
    "my social worker keeps changing",
    "I have had so many different social workers",
    "they changed my social worker again",
    "too many changes of social worker",
    "my social worker left and now there is another one",
]
WAITING = [
    "waiting too long for an appointment",
    "the waiting list is far too long",
    "I was on the waiting list for months",
    "long wait to see anyone",
]


def test_a_label_is_a_phrase_the_theme_wrote_not_a_list_of_words() -> None:
    worker, waiting = labels_of(WORKER, WAITING)

    assert worker == "Social worker"
    assert waiting == "Waiting list"
    assert "," not in worker + waiting


def test_labels_in_a_run_are_phrases_from_the_themes_texts() -> None:
    items = [
        Item(id=f"{theme}-{i}", text=text)
        for theme in THEMES
        for i, text in enumerate(answers(theme, 20, seed=1))
    ]
    run = run_themes(items, random_state=0)
    texts = " ".join(item.text.lower() for item in items)

    for theme in run.themes:
        assert theme.label.lower() in texts, theme.label
        assert theme.label[0].isupper()
    assert len({theme.label for theme in run.themes}) == len(run.themes)


def test_ratings_and_stop_words_alone_are_never_a_label() -> None:
    rated = ["very good", "Very good.", "good", "very good staff", "staff, very good"]

    [label] = labels_of(rated)

    assert label == "Staff"


def test_a_theme_of_nothing_to_add_is_labelled_nothing() -> None:
    [label] = labels_of(["nothing", "Nothing.", "nothing really", "no nothing", "nothing at all"])

    assert label == "Nothing"


def test_a_phrase_from_one_text_only_is_never_a_label() -> None:
    texts = ["the housing officer Mrs Pennington-Smythe helped", "housing", "housing help"]

    ranked = ranked_phrases([("housing", 1.0), ("pennington", 2.0), ("officer", 2.0)], texts)

    assert ranked == ["Housing"]


def test_a_label_never_crosses_a_full_stop_or_a_comma_nor_a_redacted_name() -> None:
    texts = ["I waited. List of things", "waited, list again", "[name] waited", "[name] waited"]

    ranked = ranked_phrases([("waited", 1.0), ("list", 1.0), ("name", 5.0)], texts)

    assert ranked == ["Waited", "List"]


def test_acronyms_and_names_keep_their_capitals_and_odd_capitals_go() -> None:
    texts = ["ASYE log", "the ASYE log helped", "contact at Christmas", "Contact at Christmas"]
    terms = [("asye", 1.0), ("log", 1.0), ("christmas", 1.0), ("contact", 1.0)]

    assert ranked_phrases(terms, texts)[:2] == ["ASYE log", "Contact at Christmas"]
    assert labels_of(["InformatIon given", "informatIon", "information"]) == ["Information"]


def test_a_label_is_one_thought_and_may_end_in_a_particle() -> None:
    texts = ["the visit but nobody came", "visit but nobody told me", "spot on", "Spot on!"]
    terms = [("visit", 1.0), ("nobody", 1.0), ("spot", 1.0)]

    ranked = ranked_phrases(terms, texts)

    assert "Spot on" in ranked and not any("but" in phrase for phrase in ranked)


def test_a_hyphenated_word_is_never_cut() -> None:
    texts = ["a twelve-year-old in school", "the sixteen-year-old", "a year old", "one year old"]

    ranked = ranked_phrases([("year", 1.0), ("old", 1.0), ("year old", 2.0)], texts)

    assert "Year-old" not in ranked and ranked[0] == "Year old"


def test_no_two_themes_share_a_label_and_the_larger_chooses_first() -> None:
    smaller = ["social worker", "Social worker", "a new social worker", "new social worker"]

    assert labels_of(smaller, WORKER) == ["New social worker", "Social worker"]


def test_an_analysts_label_is_kept_and_not_given_to_another_theme() -> None:
    terms = [("social", 1.0), ("worker", 1.0), ("changed", 0.5)]
    texts = [*WORKER, "worker changed", "changed again"]

    labels = theme_labels([terms, terms], [texts, texts], ["Social worker", None])

    assert labels == ["Social worker", "Changed"]


def test_a_theme_no_phrase_fits_goes_by_its_terms() -> None:
    labels = theme_labels([[("alpha", 1.0), ("beta", 0.5)]], [["alpha beta"]])

    assert labels == ["Alpha, beta"]
