"""Why the safeguarding screen flagged a text: every category it flags is explained by the
stretches of the text, as written, that made it; the words of the screen's normalised forms
are traced back to where they came from; answers are cut into marked and unmarked pieces."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from learning.feedback import safeguarding, screen_text
from learning.feedback.safeguarding import Reason, explain, flagged_spans, screen
from learning.feedback.terms import ScreenCategory as C
from learning.feedback.triage_display import Answer, Piece, explained, pieces
from tests.feedback.test_safeguarding_screen import (
    ACCEPTED_FALSE_ALARMS,
    DISCLOSURES,
    FRESH_TELLINGS,
    NEW_PHRASINGS,
    ORDINARY,
    OTHER_LANGUAGE_FRESH,
    OTHER_LANGUAGE_PHRASINGS,
)

FLAGGED = (
    [text for text, _ in DISCLOSURES]
    + NEW_PHRASINGS
    + OTHER_LANGUAGE_PHRASINGS
    + [text for text, _ in ACCEPTED_FALSE_ALARMS]
    + [text for text in FRESH_TELLINGS + OTHER_LANGUAGE_FRESH if screen(text).flagged]
)


def words_of(text: str) -> dict[C, list[str]]:
    return {r.category: [text[start:end] for start, end in r.spans] for r in explain(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "My stepdad hits me with a belt and I am scared to go home",
            {C.PHYSICAL_ABUSE: ["hits me", "belt"], C.FEAR: ["scared"]},
        ),
        # text-speak and spelling are read spelt out; the words are shown as typed
        ("im scard cuz he h1ts me", {C.FEAR: ["scard"], C.PHYSICAL_ABUSE: ["h1ts me"]}),
        ("I don't feel safe at home", {C.FEAR: ["don't feel safe"]}),
        ("he has a 🔪 in his room", {C.IMMEDIATE_DANGER: ["🔪"]}),
        # a cry for help is the whole answer
        ("  Help me please!!  ", {C.IMMEDIATE_DANGER: ["Help me please"]}),
        # accents and other scripts
        ("Mój tata mnie bije!!", {C.PHYSICAL_ABUSE: ["mnie bije"]}),
        # words that name no harm: the cues read together, in the concepts of the rule
        (
            "mums friend stays over and he makes me sit with him in my room",
            {C.CONCERN: ["mums", "he", "makes me", "him", "room"]},
        ),
        ("The social worker was kind and listened", {}),
    ],
)
def test_the_words_that_made_each_flag_are_shown_as_written(
    text: str, expected: dict[C, list[str]]
) -> None:
    assert words_of(text) == expected


@pytest.mark.parametrize("text", FLAGGED)
def test_every_flag_the_screen_raises_is_explained_by_words_of_the_text(text: str) -> None:
    reasons = explain(text)
    assert tuple(r.category for r in reasons) == screen(text).categories
    for reason in reasons:
        assert reason.spans, reason.category
        assert list(reason.spans) == sorted(reason.spans)
        for start, end in reason.spans:
            assert 0 <= start < end <= len(text)
            assert text[start:end] == text[start:end].strip()


@pytest.mark.parametrize("text", ORDINARY)
def test_what_the_screen_does_not_flag_has_nothing_to_explain(text: str) -> None:
    assert explain(text) == ()


def test_a_concern_shows_the_cue_words_of_the_language_that_made_it_only() -> None:
    """The Polish cues flag this; "friend" is an English cue word, and languages are not
    mixed (see safeguarding._cue_rule), so it is not shown as part of the reason."""
    text = "mama ma nowego chłopaka i on mi robi zdjęcia jak się kąpię. my friend knows"
    assert not screen(text, cues=False).flagged
    assert words_of(text) == {C.CONCERN: ["mama", "chłopaka", "on", "zdjęcia", "kąpię"]}


@pytest.mark.parametrize("text", FLAGGED + ORDINARY + ["don't", "‘quoted’ ½ ™ été", "🗡️ x"])
def test_traced_words_are_the_screen_s_words_and_come_from_their_place(text: str) -> None:
    traced = screen_text.traced_plain_words(text)
    assert traced is not None
    words = screen_text.plain_words(text)
    assert [t.word for t in traced] == words
    for t in traced:
        assert t.word in screen_text.any_plain_words(text[t.start : t.end])
    expanded = screen_text.traced_expanded_words(traced)
    assert [t.word for t in expanded] == " ".join(screen_text.expanded_words(words)).split()


# No deadline: a busy machine can stall one of 300 examples past Hypothesis's 200 ms, failing
# a test about what the words are, not how fast they come.
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab ’'-\n1é🔪.ł"), max_size=30))
def test_traced_words_agree_with_the_plain_form_on_any_text(text: str) -> None:
    traced = screen_text.traced_plain_words(text)
    assert traced is not None
    assert [t.word for t in traced] == screen_text.plain_words(text)


def test_untraceable_text_is_still_explained_by_its_categories(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(safeguarding, "traced_plain_words", lambda text: None)
    text = "he hits me"
    assert explain(text) == (Reason(C.PHYSICAL_ABUSE, ()),)


def test_overlapping_stretches_are_marked_once() -> None:
    reasons = (Reason(C.FEAR, ((0, 5), (20, 25))), Reason(C.PHYSICAL_ABUSE, ((3, 9),)))
    assert flagged_spans(reasons) == ((0, 9), (20, 25))


def test_pieces_keep_every_character_and_line_and_mark_the_spans() -> None:
    text = "first line\nhe hits me\r\nlast"
    cut = pieces(text, ((14, 21),))
    assert cut == (
        Piece(("first line", "he "), False),
        Piece(("hits me",), True),
        Piece(("", "last"), False),
    )
    assert "".join("\n".join(p.lines) for p in cut) == text.replace("\r\n", "\n")


def test_explained_answers_mark_only_flagged_text_answers() -> None:
    answers = [
        Answer("Worries", "my step dad hits me", True),
        Answer("Good things", "my worker listens", True),
        Answer("How was it?", "Sad", False),
    ]
    worries, good, scale = explained(answers)
    assert [p for p in worries.pieces if p.flagged] == [Piece(("hits me",), True)]
    assert [(w.label, w.words) for w in worries.why] == [("Physical abuse", ("hits me",))]
    assert good == answers[1] and scale == answers[2]
