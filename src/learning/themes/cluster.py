"""Clustering unit vectors: spherical k-means, an automatic number of themes, outliers.

Spherical k-means (cosine similarity, centroids kept at unit length) is written here on numpy
BLAS rather than taken from scikit-learn: it is a few matrix products per iteration, runs on a
million stored vectors in seconds, and is deterministic for a given ``random_state``.

The number of themes is chosen by *stability*, an internal criterion that never sees labels:
for each candidate k (doubling: 8, 16, 32, 60 on large corpora; from 2 on small ones), pairs
of overlapping sub-samples are clustered independently and their agreement (adjusted Rand
index) on the shared items is measured; the largest k whose themes come back about as
reliably as the most reliable candidate's (within :data:`TIE`) is kept.
Themes that do not reproduce are not themes an analyst can rely on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.metrics import adjusted_rand_score

from learning.themes.products import finite, matrix_products

K_CAP = 60
K_MIN = 2
K_MIN_LARGE = 8  # with room for 16 or more themes, fewer than 8 is too coarse to use
TIE = 0.05  # about the noise of one stability estimate
# At most this share of the clustered items goes to "not yet themed" as outliers.
MAX_OUTLIER_SHARE = 0.15
# Items less similar than this to their nearest theme are outliers (within the share above).
OUTLIER_SIMILARITY = 0.3
_FIT_SAMPLE = 100_000
_INIT_SAMPLE = 20_000
_SELECT_SAMPLE = 3_000
_CHUNK = 200_000  # rows per product when assigning: bounded memory


@dataclass(frozen=True)
class KChoice:
    k: int
    scores: dict[int, float]  # candidate k -> stability (ARI between sub-sample runs)


def k_bounds(n: int) -> tuple[int, int]:
    """The candidate range for the number of themes given ``n`` items."""
    upper = max(2, min(4, n // 5), min(K_CAP, n // 8, int(2 * math.sqrt(max(n, 1)))))
    lower = K_MIN_LARGE if upper >= 2 * K_MIN_LARGE else K_MIN
    return min(lower, upper), upper


def _kpp(x: np.ndarray, k: int, rng: np.random.RandomState) -> np.ndarray:
    """Greedy k-means++ seeding on cosine distance."""
    n = x.shape[0]
    centres = [int(rng.randint(n))]
    dist = np.maximum(1.0 - x @ x[centres[0]], 0.0)
    trials = 2 + int(math.log(k))
    for _ in range(1, k):
        total = float(dist.sum())
        cand = rng.randint(n, size=trials) if total <= 0 else rng.choice(n, trials, p=dist / total)
        sims = x[cand] @ x.T  # (trials, n)
        pots = np.minimum(dist[None, :], np.maximum(1.0 - sims, 0.0))
        best = int(np.argmin(pots.sum(axis=1)))
        centres.append(int(cand[best]))
        dist = pots[best]
    return np.array(x[centres], dtype=np.float32)


def _unit(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.asarray(m / norms, dtype=np.float32)


def assign(
    x: np.ndarray, centroids: np.ndarray, chunk: int = _CHUNK
) -> tuple[np.ndarray, np.ndarray]:
    """Nearest centroid and its cosine similarity for each row (in chunks, bounded memory)."""
    finite(x, "the vectors to assign")
    with matrix_products():
        return _assign(x, finite(centroids, "the theme centroids"), chunk)


def _assign(x: np.ndarray, centroids: np.ndarray, chunk: int) -> tuple[np.ndarray, np.ndarray]:
    labels = np.empty(x.shape[0], np.int64)
    sims = np.empty(x.shape[0], np.float32)
    for s in range(0, x.shape[0], chunk):
        block = x[s : s + chunk] @ centroids.T
        labels[s : s + chunk] = block.argmax(axis=1)
        sims[s : s + chunk] = block[np.arange(block.shape[0]), labels[s : s + chunk]]
    return labels, sims


def _means(x: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    n = x.shape[0]
    onehot = sp.csr_matrix((np.ones(n, np.float32), (labels, np.arange(n))), shape=(k, n))
    return np.asarray(onehot @ x, dtype=np.float32)


def _lloyd(x: np.ndarray, centroids: np.ndarray, max_iter: int) -> tuple[np.ndarray, float]:
    k = centroids.shape[0]
    previous = -np.inf
    for _ in range(max_iter):
        labels, sims = _assign(x, centroids, _CHUNK)
        objective = float(sims.sum())
        sums = _means(x, labels, k)
        empty = np.bincount(labels, minlength=k) == 0
        if empty.any():  # re-seed empty themes with the worst-served items
            sums[empty] = x[np.argsort(sims)[: int(empty.sum())]]
        centroids = _unit(sums)
        if objective - previous <= 1e-6 * abs(objective):
            break
        previous = objective
    _, sims = _assign(x, centroids, _CHUNK)
    return centroids, float(sims.sum())


def spherical_kmeans(
    x: np.ndarray,
    k: int,
    *,
    n_init: int = 16,
    max_iter: int = 60,
    random_state: int = 0,
    init: np.ndarray | None = None,
) -> np.ndarray:
    """Unit-length centroids (k, d) of the rows of ``x`` (unit rows; zero rows are ignored).

    Consensus of ``n_init`` k-means++ starts: the centroids of all starts are pooled and
    clustered (from the best start), then refined on the data. The consensus lands on the same
    themes from one sample of the data to another far more often than the single best start.
    The starts run on at most 20,000 rows and the consensus is refined on at most 100,000 (fixed
    samples), then by two passes over all rows: a million rows cost little more than 100,000.
    ``init`` (e.g. the previous run's centroids) is tried as one more start and kept if it fits
    at least as well as the consensus.
    """
    finite(x, "the vectors to cluster")
    with matrix_products():
        centroids = _spherical_kmeans(x, k, n_init, max_iter, random_state, init)
    return finite(centroids, "the theme centroids")


def _spherical_kmeans(
    x: np.ndarray, k: int, n_init: int, max_iter: int, random_state: int, init: np.ndarray | None
) -> np.ndarray:
    rng = np.random.RandomState(random_state)
    live = x[np.linalg.norm(x, axis=1) > 0]
    if live.shape[0] == 0:
        raise ValueError("no item has any usable content")
    k = max(1, min(k, live.shape[0]))
    fit = live
    if live.shape[0] > _FIT_SAMPLE:
        fit = live[np.sort(rng.choice(live.shape[0], _FIT_SAMPLE, replace=False))]
    start = fit
    if fit.shape[0] > _INIT_SAMPLE:  # the many starts run on a smaller fixed sample
        start = fit[np.sort(rng.choice(fit.shape[0], _INIT_SAMPLE, replace=False))]
    runs = [_lloyd(start, _kpp(start, k, rng), max_iter) for _ in range(max(1, n_init))]
    runs.sort(key=lambda r: -r[1])
    best = runs[0]
    if len(runs) > 1:
        pooled = np.vstack([c for c, _ in runs])
        consensus, _ = _lloyd(pooled, best[0].copy(), max_iter)
        best = _lloyd(fit, consensus, max_iter)
    elif start is not fit:
        best = _lloyd(fit, best[0], max_iter)
    if init is not None and init.shape == (k, x.shape[1]):
        seeded = _lloyd(fit, _unit(init), max_iter)
        if seeded[1] >= best[1] - 1e-9:
            best = seeded
    centroids = best[0]
    if fit is not live:
        centroids, _ = _lloyd(live, centroids, 2)
    return centroids


def choose_k(x: np.ndarray, *, random_state: int = 0, k_max: int | None = None) -> KChoice:
    """The largest stable number of themes for the unit rows ``x`` (see module docstring).

    Candidates double from :func:`k_bounds`' lower end up to its upper end. Each is
    scored by the agreement of two pairs of runs on overlapping 80% sub-samples of (at most)
    3,000 items. The most stable candidate wins (the largest, among those within :data:`TIE`
    of the best).
    """
    finite(x, "the vectors to cluster")
    with matrix_products():
        return _choose_k(x, random_state, k_max)


def _choose_k(x: np.ndarray, random_state: int, k_max: int | None) -> KChoice:
    live = x[np.linalg.norm(x, axis=1) > 0]
    n = live.shape[0]
    lo, hi = k_bounds(n)
    if k_max is not None:
        hi = max(lo, min(hi, k_max))
    if hi <= lo:
        return KChoice(lo, {lo: 1.0})
    rng = np.random.RandomState(random_state)
    if n > _SELECT_SAMPLE:
        live = live[np.sort(rng.choice(n, _SELECT_SAMPLE, replace=False))]
        n = _SELECT_SAMPLE
    # A coarse grid (doubling, and the upper bound): two samples of the same data then settle
    # on the same k far more often than with finely spaced candidates.
    grid = sorted({min(hi, lo * 2**i) for i in range(8) if lo * 2 ** (i - 1) < hi})
    pairs = [(rng.rand(n) < 0.8, rng.rand(n) < 0.8) for _ in range(2)]
    scores: dict[int, float] = {}
    for k in grid:
        agreement = []
        for p, (pick_a, pick_b) in enumerate(pairs):
            both = pick_a & pick_b
            seed = random_state + 10 * p
            ca = _spherical_kmeans(live[pick_a], k, 4, 40, seed + 1, None)
            cb = _spherical_kmeans(live[pick_b], k, 4, 40, seed + 2, None)
            la, _ = _assign(live[both], ca, _CHUNK)
            lb, _ = _assign(live[both], cb, _CHUNK)
            agreement.append(float(adjusted_rand_score(la, lb)))
        scores[k] = float(np.mean(agreement))
    best = max(scores.values())
    k = max(j for j, s in scores.items() if s >= best - TIE)
    return KChoice(k, scores)


def outliers(similarity: np.ndarray, *, max_share: float = MAX_OUTLIER_SHARE,
             threshold: float = OUTLIER_SIMILARITY) -> tuple[np.ndarray, float]:  # fmt: skip
    """Mask of items too far from their theme, capped at ``max_share``; and the cut used."""
    n = similarity.shape[0]
    if n == 0:
        return np.zeros(0, bool), threshold
    cap = int(math.floor(max_share * n))
    below = similarity < threshold
    if below.sum() <= cap:
        return below, threshold
    if cap == 0:
        return np.zeros(n, bool), float(similarity.min())
    order = np.argsort(similarity, kind="stable")
    mask = np.zeros(n, bool)
    mask[order[:cap]] = True
    return mask, float(similarity[order[cap]])
