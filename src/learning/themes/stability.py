"""Keeping theme ids from run to run: Hungarian matching of new themes to previous ones."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
from scipy.optimize import linear_sum_assignment

from learning.themes.products import quiet_products
from learning.themes.records import Theme, next_theme_number, theme_id

# A new theme keeps a previous theme's id only if at least this similar to it.
CENTROID_THRESHOLD = 0.6  # cosine of centroids (same vector space)
PROFILE_THRESHOLD = 0.3  # cosine of distinctive-term profiles (any two runs)


def _profile_cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    dot = sum(w * b.get(t, 0.0) for t, w in a.items())
    na = math.sqrt(sum(w * w for w in a.values()))
    nb = math.sqrt(sum(w * w for w in b.values()))
    return dot / (na * nb) if na and nb else 0.0


def similarity(a: Theme, b: Theme) -> tuple[float, float]:
    """(similarity, threshold): centroid cosine in a shared space, else term-profile cosine."""
    if a.space and a.space == b.space and a.centroid.shape == b.centroid.shape:
        na, nb = float(np.linalg.norm(a.centroid)), float(np.linalg.norm(b.centroid))
        if na and nb:
            with quiet_products():
                dot = float(a.centroid @ b.centroid)
            return dot / (na * nb), CENTROID_THRESHOLD
    return _profile_cosine(a.profile, b.profile), PROFILE_THRESHOLD


def match_themes(
    previous: Sequence[Theme], current: Sequence[Theme], *, next_number: int | None = None
) -> dict[str, str]:
    """Map each current theme's id to its stable id.

    One-to-one Hungarian assignment maximising similarity; a pair below the threshold does not
    match. Matched themes keep the previous id; the others get fresh ids numbered after every id
    seen so far (``next_number`` if given).
    """
    mapping: dict[str, str] = {}
    if previous and current:
        sims = np.zeros((len(current), len(previous)))
        ok = np.zeros_like(sims, dtype=bool)
        for i, c in enumerate(current):
            for j, p in enumerate(previous):
                s, threshold = similarity(c, p)
                sims[i, j] = s
                ok[i, j] = s >= threshold
        rows, cols = linear_sum_assignment(np.where(ok, sims, -1.0), maximize=True)
        for i, j in zip(rows, cols, strict=True):
            if ok[i, j]:
                mapping[current[i].id] = previous[j].id
    number = next_number or next_theme_number([t.id for t in [*previous, *current]])
    number = max(number, next_theme_number(mapping.values()))
    for c in current:
        if c.id not in mapping:
            mapping[c.id] = theme_id(number)
            number += 1
    return mapping
