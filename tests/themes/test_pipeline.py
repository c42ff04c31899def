"""The theme engine's pipeline on small synthetic feedback corpora (never the shared data)."""

from __future__ import annotations

import time

import numpy as np
import pytest

from learning.themes.cluster import MAX_OUTLIER_SHARE, choose_k, outliers
from learning.themes.pipeline import (
    HELD_BACK,
    NOT_YET_THEMED,
    SET_ASIDE,
    Item,
    Theme,
    cluster_vectors,
    match_themes,
    run_themes,
)
from learning.themes.records import RESERVED
from learning.themes.text import is_set_aside
from learning.themes.vectorise import TfidfLsaEncoder, sentence_encoder
from tests.themes.feedback_corpus import answers, corpus, purity, theme_of


@pytest.fixture(scope="module")
def big() -> tuple[list[Item], dict[str, str]]:
    return corpus(30)


@pytest.fixture(scope="module")
def big_run(big: tuple[list[Item], dict[str, str]]):  # type: ignore[no-untyped-def]
    return run_themes(big[0], k=4)


def test_every_item_is_accounted_for_exactly_once_in_a_theme_or_a_reserved_place() -> None:
    items, _ = corpus(10)
    items += [
        Item("empty", ""),
        Item("nc", "No comment"),
        Item("held", "my social worker keeps changing", held_back=True),
    ]
    run = run_themes(items)
    assert set(run.assignments) == {it.id for it in items}
    ids = {t.id for t in run.themes}
    assert all(a in ids or a in RESERVED for a in run.assignments.values())
    assert sum(t.size for t in run.themes) == sum(a in ids for a in run.assignments.values())
    assert run.assignments["empty"] == SET_ASIDE
    assert run.assignments["nc"] == SET_ASIDE
    assert run.assignments["held"] == HELD_BACK


def test_a_tiny_corpus_of_thirty_answers_gets_a_few_meaningful_themes() -> None:
    items, truth = corpus(8)
    items = items[:30]
    run = run_themes(items)
    assert 2 <= len(run.themes) <= 6
    assert all(t.label and t.terms for t in run.themes)
    assert purity(run.assignments, {i.id: truth[i.id] for i in items}) >= 0.6


def test_themes_are_recovered_from_varied_wording_with_the_number_chosen_automatically() -> None:
    items, truth = corpus(30)
    run = run_themes(items)
    assert run.k_choice is not None
    assert 3 <= len(run.themes) <= 15  # at most n / 8 themes for n answers
    assert purity(run.assignments, truth) >= 0.9


def test_each_theme_is_labelled_from_its_distinctive_terms(big, big_run) -> None:  # type: ignore[no-untyped-def]
    items, truth = big
    worker = big_run.theme(theme_of(big_run.assignments, truth, "worker"))
    assert "worker" in worker.label or "social" in worker.label
    assert 1 <= len(worker.label.split(", ")) <= 3
    waiting = big_run.theme(theme_of(big_run.assignments, truth, "waiting"))
    assert any(w in waiting.label for w in ("contact", "waiting", "long"))


def test_representative_quotes_are_members_of_their_theme(big_run) -> None:  # type: ignore[no-untyped-def]
    for theme in big_run.themes:
        assert 1 <= len(theme.representative_ids) <= 5
        assert all(big_run.assignments[i] == theme.id for i in theme.representative_ids)


def test_empty_input_gives_no_themes_and_no_error() -> None:
    run = run_themes([])
    assert run.themes == ()
    assert run.assignments == {}
    assert run.model.assign("nobody listens to me") == NOT_YET_THEMED


def test_a_corpus_of_only_no_comment_answers_is_all_set_aside() -> None:
    items = [Item(str(i), t) for i, t in enumerate(["no comment", "N/A", "", "  ", "...", "-"])]
    run = run_themes(items)
    assert run.themes == ()
    assert set(run.assignments.values()) == {SET_ASIDE}


def test_no_comment_answers_are_set_aside_but_nothing_and_none_are_real_answers() -> None:
    for text in ["", "   ", "No comment.", "no comments at this time", "n/a", "N / A", "?!", "nil"]:
        assert is_set_aside(text), text
    for text in ["Nothing", "None", "No", "nothing to improve", "👍", "لا شيء"]:
        assert not is_set_aside(text), text


def test_held_back_items_are_never_clustered_quoted_or_used_for_labels() -> None:
    items, _ = corpus(12)
    secret = [
        Item(f"h{i}", f"zebracrossing incident {i} zebracrossing", held_back=True) for i in range(8)
    ]
    run = run_themes(items + secret)
    assert all(run.assignments[s.id] == HELD_BACK for s in secret)
    for theme in run.themes:
        assert not set(theme.representative_ids) & {s.id for s in secret}
        assert not any("zebracrossing" in term for term in theme.terms)
    assert run.assignments.keys() >= {s.id for s in secret}
    assert not {s.id for s in secret} & set(run.vector_ids)


def test_emoji_and_right_to_left_scripts_are_handled_without_error() -> None:
    items, _ = corpus(8)
    extra = [
        "👍👍",
        "😡 nobody listens 😡",
        "لا أحد يستمع إلي",
        "אף אחד לא מקשיב לי",
        "‏مرحبا‎",
        "🙂",
    ]
    items += [Item(f"x{i}", t) for i, t in enumerate(extra)]
    run = run_themes(items)
    assert set(run.assignments) == {it.id for it in items}
    assert run.model.assign("אף אחד לא מקשיב") in {t.id for t in run.themes} | RESERVED


def test_a_very_long_text_is_handled_quickly() -> None:
    items, _ = corpus(8)
    long_text = "my social worker keeps changing and " * 20_000  # ~700,000 characters
    items.append(Item("long", long_text))
    start = time.perf_counter()
    run = run_themes(items)
    assert time.perf_counter() - start < 20
    assert run.assignments["long"] != SET_ASIDE


def test_the_same_input_gives_the_same_output() -> None:
    items, _ = corpus(15)
    first, second = run_themes(items), run_themes(items)
    assert first.assignments == second.assignments
    assert [(t.id, t.label, t.representative_ids) for t in first.themes] == [
        (t.id, t.label, t.representative_ids) for t in second.themes
    ]


def test_a_given_number_of_themes_is_honoured(big) -> None:  # type: ignore[no-untyped-def]
    assert len(run_themes(big[0], k=3).themes) == 3
    with pytest.raises(ValueError):
        run_themes(big[0], k=0)


def test_duplicate_item_ids_are_rejected_with_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unique"):
        run_themes([Item("a", "one answer"), Item("a", "another answer")])


def test_theme_ids_are_kept_when_themes_persist_into_the_next_run(big, big_run) -> None:  # type: ignore[no-untyped-def]
    items, truth = big
    later, later_truth = corpus(30, seed=7, prefix="j")
    rerun = run_themes(later, k=4, previous=big_run)
    for theme in ["worker", "listen", "meetings", "waiting"]:
        assert theme_of(rerun.assignments, later_truth, theme) == theme_of(
            big_run.assignments, truth, theme
        )


def test_a_theme_that_only_appears_in_the_later_run_gets_a_new_id() -> None:
    first_items, _ = corpus(25, themes=["worker", "listen", "meetings"])
    first = run_themes(first_items, k=3)
    later, truth = corpus(25, seed=3, prefix="j")
    second = run_themes(later, k=4, previous=first)
    waiting = theme_of(second.assignments, truth, "waiting")
    assert waiting not in {t.id for t in first.themes}
    kept = {theme_of(second.assignments, truth, t) for t in ["worker", "listen", "meetings"]}
    assert kept == {t.id for t in first.themes}


def test_match_themes_uses_centroid_similarity_and_numbers_new_themes_after_old_ones() -> None:
    def theme(tid: str, vec: list[float]) -> Theme:
        c = np.array(vec, np.float32)
        return Theme(tid, tid, (), (), 1, c / np.linalg.norm(c), space="s")

    previous = [theme("T1", [1, 0, 0]), theme("T2", [0, 1, 0])]
    current = [theme("a", [0.1, 1, 0]), theme("b", [0, 0, 1]), theme("c", [1, 0.05, 0])]
    assert match_themes(previous, current) == {"a": "T2", "b": "T3", "c": "T1"}


def test_a_new_item_is_assigned_on_arrival_to_the_theme_of_a_clearly_matching_text(
    big,
    big_run,  # type: ignore[no-untyped-def]
) -> None:
    _, truth = big
    model = big_run.model
    cases = {
        "worker": "my social worker keeps changing, I have had a new one again",
        "listen": "nobody ever listens to me",
        "waiting": "waiting far too long for contact with my family",
    }
    for theme, text in cases.items():
        assert model.assign(text) == theme_of(big_run.assignments, truth, theme)
    assert model.assign("no comment") == SET_ASIDE
    timings = []
    for text in answers("meetings", 50, seed=9):
        start = time.perf_counter()
        model.assign(text)
        timings.append(time.perf_counter() - start)
    assert sorted(timings)[len(timings) // 2] < 0.010


def test_the_question_is_part_of_an_answers_meaning() -> None:
    good = "What went well?"
    bad = "What could we do better?"
    items = [Item(f"g{i}", "Nothing", question=good) for i in range(12)]
    items += [Item(f"b{i}", "Nothing.", question=bad) for i in range(12)]
    items += [Item(f"o{i}", t, question=bad) for i, t in enumerate(answers("waiting", 12))]
    run = run_themes(items, k=3)
    assert run.assignments["g0"] != run.assignments["b0"]
    assert len({run.assignments[f"g{i}"] for i in range(12)}) == 1


def test_outliers_go_to_not_yet_themed_and_never_exceed_their_share() -> None:
    sims = np.linspace(0.0, 1.0, 100)
    mask, _ = outliers(sims)
    assert mask.sum() == int(MAX_OUTLIER_SHARE * 100)
    assert mask[:5].all() and not mask[-50:].any()
    items, _ = corpus(20)
    run = run_themes(items + [Item(f"odd{i}", f"xylophone quartz {i}") for i in range(3)])
    themed = [a for a in run.assignments.values() if a not in RESERVED]
    waiting = list(run.assignments.values()).count(NOT_YET_THEMED)
    assert waiting <= MAX_OUTLIER_SHARE * (len(themed) + waiting) + 1


def test_stored_vectors_can_be_reclustered_without_the_texts() -> None:
    items, _ = corpus(20)
    encoder = TfidfLsaEncoder()
    vectors = encoder.fit_encode([it.text for it in items])
    labels, sims, centroids, choice = cluster_vectors(vectors, k=4)
    assert labels.shape == (len(items),) and centroids.shape == (4, vectors.shape[1])
    assert choice is None
    assert choose_k(vectors).k >= 2
    run = run_themes(items, encoder=encoder, k=4)  # an already-fitted encoder is reused
    assert run.themes[0].space == encoder.fingerprint


def test_the_pipeline_runs_without_the_optional_sentence_embeddings() -> None:
    # sentence-transformers is optional: when absent, the TF-IDF encoder does the work.
    encoder = sentence_encoder("a-model-that-is-not-installed-here")
    assert encoder is None


def test_too_few_answers_to_theme_wait_as_not_yet_themed() -> None:
    run = run_themes([Item("a", "nobody listens to me"), Item("b", "café was nice"), Item("c", "")])
    assert run.themes == ()
    assert run.assignments == {"a": NOT_YET_THEMED, "b": NOT_YET_THEMED, "c": SET_ASIDE}


def test_odd_corpora_of_identical_numeric_or_stop_word_answers_do_not_fail() -> None:
    for texts in (["nobody listens"] * 10, ["123", "456", "789", "12", "34"], ["the and of"] * 6):
        run = run_themes([Item(str(i), t) for i, t in enumerate(texts)], k=3)
        assert set(run.assignments) == {str(i) for i in range(len(texts))}
