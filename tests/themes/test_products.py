"""Matrix products in the theme engine: a false floating-point alarm from BLAS never fails a run,
and a vector that really is not a number is refused with a clear error.

OpenBLAS raises the "invalid" flag in some kernels on some processors although every value is
finite, so numpy warns and the suite (warnings are errors) failed a re-cluster at random. The
alarm cannot be raised on demand here, so these tests check where it matters that numpy's
floating-point state, at the moment of the product, does not report it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from learning.themes import cluster
from learning.themes.cluster import assign, choose_k, spherical_kmeans
from learning.themes.pipeline import Item, run_themes
from learning.themes.vectorise import TfidfLsaEncoder
from tests.themes.feedback_corpus import corpus

QUIET = {"over": "ignore", "invalid": "ignore", "divide": "ignore"}


def _reported(state: dict[str, str]) -> dict[str, str]:
    return {flag: state[flag] for flag in QUIET}


def _unit_rows(n: int = 40, d: int = 5) -> np.ndarray:
    x = np.random.RandomState(3).randn(n, d).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_the_seeding_products_of_a_theme_run_do_not_report_false_alarms(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[dict[str, str]] = []
    seed = cluster._kpp

    def watched(x: np.ndarray, k: int, rng: np.random.RandomState) -> np.ndarray:
        seen.append(np.geterr())
        return seed(x, k, rng)

    monkeypatch.setattr(cluster, "_kpp", watched)
    items, _ = corpus(10)
    run = run_themes(items)
    assert run.themes, "the corpus gives themes, so the seeding ran"
    assert seen and all(_reported(s) == QUIET for s in seen)
    assert _reported(np.geterr()) != QUIET, "the quiet state ends with the run"


def test_an_arriving_items_product_does_not_report_false_alarms() -> None:
    items, _ = corpus(10)
    encoder = TfidfLsaEncoder().fit([it.text for it in items])
    seen: list[dict[str, str]] = []

    class Basis(np.ndarray):
        def __rmatmul__(self, other: Any) -> Any:
            seen.append(np.geterr())
            return np.asarray(other) @ np.asarray(self)

    assert encoder._basis is not None, "LSA is fitted, so arrivals use the basis"
    encoder._basis = encoder._basis.view(Basis)
    vector = encoder.encode_one("my social worker keeps changing")
    assert seen and all(_reported(s) == QUIET for s in seen)
    assert np.isfinite(vector).all() and abs(float(np.linalg.norm(vector)) - 1.0) < 1e-5


def test_clustering_with_quiet_products_still_finds_the_groups() -> None:
    x = np.vstack([_unit_rows(30) + 4 * np.eye(5, dtype=np.float32)[j] for j in (0, 3)])
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    centroids = spherical_kmeans(x, 2)
    labels, sims = assign(x, centroids)
    assert len(set(labels[:30])) == 1 and len(set(labels[30:])) == 1
    assert labels[0] != labels[30]
    assert np.isfinite(centroids).all() and np.isfinite(sims).all()


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_vectors_that_are_not_numbers_are_refused_with_a_clear_error(bad: float) -> None:
    x = _unit_rows()
    x[7, 2] = bad
    for call in (
        lambda: spherical_kmeans(x, 3),
        lambda: choose_k(x),
        lambda: assign(x, _unit_rows(3)),
        lambda: assign(_unit_rows(), x[6:9]),
    ):
        with pytest.raises(ValueError, match="not a finite number"):
            call()


def test_a_theme_model_refuses_a_vector_that_is_not_a_number() -> None:
    items = [Item(str(i), it.text) for i, it in enumerate(corpus(10)[0])]
    model = run_themes(items).model
    vector = model.encoder.encode_one("my worker listened to me")  # type: ignore[union-attr]
    assert model.assign_vectors(vector[None, :])
    vector[0] = np.nan
    with pytest.raises(ValueError, match="not a finite number"):
        model.assign_vectors(vector[None, :])
