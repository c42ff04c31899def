"""The theme engine: from free-text answers to stable, named themes. Pure and deterministic.

``run_themes(items)`` accounts for every item: it is either in a theme, or ``not_yet_themed``
(has content but fits no theme well enough; at most 15% of those clustered), or ``set_aside``
(empty or a stock non-answer), or ``held_back`` (under safeguarding review; never read).

Steps: clean -> vectorise (char n-gram TF-IDF keeping negations, plus the question; LSA) ->
seed from the analysts' codebook (their placements stand; a classifier trained on them places
new items when confident) -> cluster the residue (spherical k-means, number of themes chosen
by stability unless given) -> outliers -> names from distinctive terms, representative quotes
-> ids matched to the previous run's themes. The fitted :class:`ThemeModel` assigns a newly
arrived item to the current themes in about a millisecond.

No database, web or other project imports: scikit-learn, numpy and scipy only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import cast

import numpy as np
from sklearn.linear_model import LogisticRegression

from learning.themes.cluster import OUTLIER_SIMILARITY as OUTLIER_SIMILARITY
from learning.themes.cluster import (
    KChoice,
    assign,
    choose_k,
    outliers,
    spherical_kmeans,
)
from learning.themes.codebook import Codebook
from learning.themes.labels import distinctive_terms, representatives
from learning.themes.phrases import MAX_TEXTS, theme_labels
from learning.themes.products import finite, matrix_products, quiet_products
from learning.themes.records import (
    HELD_BACK,
    NOT_YET_THEMED,
    RESERVED,
    SET_ASIDE,
    Item,
    Theme,
    next_theme_number,
)
from learning.themes.stability import match_themes
from learning.themes.text import is_set_aside, normalise
from learning.themes.vectorise import Encoder, TfidfLsaEncoder

__all__ = [
    "HELD_BACK",
    "NOT_YET_THEMED",
    "SET_ASIDE",
    "Codebook",
    "Item",
    "Theme",
    "ThemeModel",
    "ThemeRun",
    "cluster_vectors",
    "match_themes",
    "run_themes",
]

# Fewer items than this left to cluster: they wait, "not yet themed".
MIN_ITEMS_TO_CLUSTER = 5
# A curated theme takes a new item when the classifier is at least this sure.
CURATED_CONFIDENCE = 0.6


@dataclass
class ThemeModel:
    """Assigns newly arrived items to the current themes (see :meth:`assign`)."""

    encoder: Encoder | None
    centroids: np.ndarray  # (themes, dims), unit rows
    theme_ids: tuple[str, ...]
    threshold: float = OUTLIER_SIMILARITY
    classifier: LogisticRegression | None = None
    classifier_ids: tuple[str, ...] = ()

    def assign_vectors(self, vectors: np.ndarray) -> list[str]:
        """Theme ids for already-encoded items (unit rows)."""
        vectors = finite(np.atleast_2d(np.asarray(vectors, dtype=np.float32)), "the vectors")
        with quiet_products():
            return self._assign_vectors(vectors)

    def _assign_vectors(self, vectors: np.ndarray) -> list[str]:
        out = [NOT_YET_THEMED] * vectors.shape[0]
        live = np.linalg.norm(vectors, axis=1) > 0
        if not live.any() or not self.theme_ids:
            return out
        idx = np.flatnonzero(live)
        sims_all = vectors[idx] @ self.centroids.T
        labels = sims_all.argmax(axis=1)
        sims = sims_all[np.arange(len(idx)), labels]
        curated: dict[int, str] = {}
        if self.classifier is not None:
            proba = self.classifier.predict_proba(vectors[idx])
            best = proba.argmax(axis=1)
            for hit in np.flatnonzero(proba[np.arange(len(idx)), best] >= CURATED_CONFIDENCE):
                curated[int(hit)] = self.classifier_ids[int(best[hit])]
        position = {t: j for j, t in enumerate(self.theme_ids)}
        for row, i in enumerate(idx):
            if row in curated:
                theme = curated[row]
                j = position.get(theme)
                if j is not None and float(vectors[i] @ self.centroids[j]) >= self.threshold:
                    out[i] = theme
                    continue
            if sims[row] >= self.threshold:
                out[i] = self.theme_ids[int(labels[row])]
        return out

    def assign(self, text: str, question: str = "") -> str:
        """The theme for one new answer, or ``set_aside`` / ``not_yet_themed``."""
        if is_set_aside(text):
            return SET_ASIDE
        if self.encoder is None:
            return NOT_YET_THEMED
        return self.assign_vectors(self.encoder.encode_one(text, question)[None, :])[0]


@dataclass
class ThemeRun:
    themes: tuple[Theme, ...]
    assignments: dict[str, str]  # item id -> theme id or a reserved assignment
    model: ThemeModel
    k_choice: KChoice | None = None  # how the number of new themes was chosen (None if given)
    vector_ids: tuple[str, ...] = ()  # the items encoded, in the order of ``vectors``
    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))

    def theme(self, theme_id: str) -> Theme:
        for t in self.themes:
            if t.id == theme_id:
                return t
        raise KeyError(theme_id)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for t in self.assignments.values():
            out[t] = out.get(t, 0) + 1
        return out


def cluster_vectors(
    vectors: np.ndarray, *, k: int | None = None, random_state: int = 0,
    init: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, KChoice | None]:  # fmt: skip
    """Re-cluster stored unit vectors: (labels with -1 for outliers, similarities, centroids,
    how k was chosen). Works on a million rows in bounded memory and a few minutes."""
    choice = None
    if k is None:
        choice = choose_k(vectors, random_state=random_state)
        k = choice.k
    centroids = spherical_kmeans(vectors, k, random_state=random_state, init=init)
    labels, sims = assign(vectors, centroids)
    labels[np.linalg.norm(vectors, axis=1) == 0] = -1
    mask, _ = outliers(sims[labels >= 0])
    live_idx = np.flatnonzero(labels >= 0)
    labels[live_idx[mask]] = -1
    return labels, sims, centroids, choice


def _typical(member: np.ndarray, similarity: np.ndarray) -> np.ndarray:
    """A theme's members, the most typical (nearest its centre) first, at most MAX_TEXTS."""
    members = np.flatnonzero(member)
    return members[np.argsort(-similarity[members], kind="stable")[:MAX_TEXTS]]


def _unit_mean(rows: np.ndarray) -> np.ndarray:
    mean = rows.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return np.asarray(mean / norm if norm else mean, dtype=np.float32)


def run_themes(
    items: Sequence[Item],
    *,
    k: int | None = None,
    previous: ThemeRun | Sequence[Theme] | None = None,
    codebook: Codebook | None = None,
    encoder: Encoder | None = None,
    random_state: int = 0,
) -> ThemeRun:
    """Theme ``items``; see the module docstring.

    ``k``: number of new themes (default: chosen by stability). ``previous``: the last run (or
    its themes), whose ids persist for matching themes. ``codebook``: the analysts' curated
    themes, which seed this run. ``encoder``: an already-fitted encoder (e.g. the one that made
    the stored vectors); by default a fresh :class:`TfidfLsaEncoder` is fitted on the items.
    """
    with matrix_products():
        return _run_themes(items, k, previous, codebook, encoder, random_state)


def _run_themes(
    items: Sequence[Item],
    k: int | None,
    previous: ThemeRun | Sequence[Theme] | None,
    codebook: Codebook | None,
    encoder: Encoder | None,
    random_state: int,
) -> ThemeRun:
    if k is not None and k < 1:
        raise ValueError("k, the number of themes, must be at least 1")
    ids = [it.id for it in items]
    if len(set(ids)) != len(ids):
        raise ValueError("item ids must be unique")
    assignments: dict[str, str] = {}
    live: list[Item] = []
    for it in items:
        if it.held_back:
            assignments[it.id] = HELD_BACK
        elif is_set_aside(it.text):
            assignments[it.id] = SET_ASIDE
        else:
            assignments[it.id] = NOT_YET_THEMED
            live.append(it)
    prev_themes: tuple[Theme, ...] = tuple(
        previous.themes if isinstance(previous, ThemeRun) else (previous or ())
    )
    curated = codebook.curated_assignments() if codebook else {}
    examples = {i: t for i, t in (codebook.examples.items() if codebook else ()) if i in curated}
    live_ids = {it.id for it in live}
    extra = [
        (i, t) for i, t in examples.items() if i not in live_ids and curated[i] not in RESERVED
    ]
    if not live:
        return ThemeRun((), assignments, ThemeModel(encoder, np.zeros((0, 0), np.float32), ()))

    texts = [normalise(it.text) for it in live]
    questions = [it.question for it in live]
    if encoder is None:
        encoder = cast(Encoder, TfidfLsaEncoder(random_state=random_state))
    if not encoder.fitted:
        both = encoder.fit_encode(texts + [t for _, t in extra], questions + [""] * len(extra))
        x, extra_x = both[: len(texts)], both[len(texts) :]
    else:
        x = encoder.encode(texts, questions)
        extra_x = encoder.encode([t for _, t in extra]) if extra else x[:0]
    space = str(getattr(encoder, "fingerprint", getattr(encoder, "name", "")))
    n = len(live)
    group = np.full(n, -1, np.int64)  # index into `found` below, -1 = not yet themed
    found: list[tuple[str, bool]] = []  # (theme id or temporary id, curated)

    # 1. The codebook: analysts' placements stand; a classifier places new items when sure.
    classifier: LogisticRegression | None = None
    classifier_ids: tuple[str, ...] = ()
    fixed = np.zeros(n, bool)
    if codebook is not None:
        cb_ids = [t.id for t in codebook.live_themes()]
        index = {t: j for j, t in enumerate(cb_ids)}
        found.extend((t, True) for t in cb_ids)
        for row, it in enumerate(live):
            target = curated.get(it.id)
            if target is not None:
                fixed[row] = True
                group[row] = index.get(target, -1)
        train_x = [x[fixed & (group >= 0)]]
        train_y = [group[fixed & (group >= 0)]]
        if extra:
            train_x.append(extra_x)
            train_y.append(np.array([index[curated[i]] for i, _ in extra], np.int64))
        tx, ty = np.vstack(train_x), np.concatenate(train_y)
        keep = np.linalg.norm(tx, axis=1) > 0
        tx, ty = tx[keep], ty[keep]
        classes = np.unique(ty)
        if len(classes) >= 2:
            classifier = LogisticRegression(C=10.0, max_iter=2000, random_state=random_state)
            classifier.fit(tx, ty)
            classifier_ids = tuple(cb_ids[int(c)] for c in classifier.classes_)
            todo = np.flatnonzero(~fixed & (np.linalg.norm(x, axis=1) > 0))
            if len(todo):
                proba = classifier.predict_proba(x[todo])
                best = proba.argmax(axis=1)
                means = {int(c): _unit_mean(tx[ty == c]) for c in classes}
                for at, b, p in zip(todo, best, proba[np.arange(len(todo)), best], strict=True):
                    c = int(classifier.classes_[b])
                    if p >= CURATED_CONFIDENCE and float(x[at] @ means[c]) >= OUTLIER_SIMILARITY:
                        group[at] = c

    # 2. The residue: cluster afresh for emerging themes.
    residue = np.flatnonzero((group < 0) & ~fixed & (np.linalg.norm(x, axis=1) > 0))
    choice: KChoice | None = None
    if len(residue) >= MIN_ITEMS_TO_CLUSTER:
        rx = x[residue]
        k_new = k
        if k_new is None:
            choice = choose_k(rx, random_state=random_state)
            k_new = choice.k
        init = None
        if prev_themes:
            prev_c = [t.centroid for t in prev_themes if t.space == space and not t.curated]
            if len(prev_c) == k_new:
                init = np.vstack(prev_c)
        cents = spherical_kmeans(rx, k_new, random_state=random_state, init=init)
        labels, sims = assign(rx, cents)
        mask, _ = outliers(sims)
        base = len(found)
        found.extend((f"new-{j}", False) for j in range(cents.shape[0]))
        group[residue[~mask]] = base + labels[~mask]

    # 3. Themes: centroids, names, representatives; drop empty ones.
    order = [g for g in range(len(found)) if (group == g).any()]
    centroids = np.zeros((len(found), x.shape[1]), np.float32)
    for g in order:
        centroids[g] = _unit_mean(x[group == g])
    sim_own = np.einsum("ij,ij->i", x, centroids[np.maximum(group, 0)]) if found else np.zeros(n)
    terms = distinctive_terms(texts, np.searchsorted(order, group) * (group >= 0) - (group < 0),
                              len(order))  # fmt: skip
    given = [
        codebook.themes[found[g][0]].label
        if codebook and found[g][1] and found[g][0] in codebook.themes
        else None
        for g in order
    ]
    typical = [[texts[i] for i in _typical(group == g, sim_own)] for g in order]
    named = theme_labels(terms, typical, given)
    drafts: list[Theme] = []
    for pos, g in enumerate(order):
        tid, is_curated = found[g]
        members = np.flatnonzero(group == g)
        cb_theme = codebook.themes.get(tid) if (codebook and is_curated) else None
        term_words = tuple(t for t, _ in terms[pos][:10])
        drafts.append(
            Theme(
                id=tid,
                label=named[pos],
                terms=term_words,
                representative_ids=tuple(
                    live[i].id for i in representatives(sim_own, texts, members)
                ),
                size=len(members),
                centroid=centroids[g],
                profile=dict(terms[pos]),
                space=space,
                curated=is_curated,
                hidden=bool(cb_theme and cb_theme.hidden),
            )
        )

    # 4. Stable ids for the new themes.
    taken = {t.id for t in drafts if t.curated}
    numbers = [t.id for t in prev_themes] + list(taken)
    if codebook is not None:
        numbers += list(codebook.themes)
    next_number = max(next_theme_number(numbers), codebook.next_number if codebook else 1)
    fresh = [t for t in drafts if not t.curated]
    mapping = match_themes(
        [t for t in prev_themes if t.id not in taken], fresh, next_number=next_number
    )
    final_ids = {g: (found[g][0] if found[g][1] else mapping[found[g][0]]) for g in order}
    themes = tuple(
        Theme(**{**t.__dict__, "id": final_ids[g]}) for t, g in zip(drafts, order, strict=True)
    )
    themes = tuple(sorted(themes, key=lambda t: (-t.size, t.id)))
    for row, it in enumerate(live):
        g = int(group[row])
        if g >= 0:
            assignments[it.id] = final_ids[g]
        elif fixed[row] and curated.get(it.id) in RESERVED:
            assignments[it.id] = curated[it.id]
    by_id = {final_ids[g]: g for g in order}
    model_ids = tuple(t.id for t in themes)
    model = ThemeModel(
        encoder=encoder,
        centroids=np.vstack([centroids[by_id[t]] for t in model_ids])
        if model_ids
        else np.zeros((0, x.shape[1]), np.float32),
        theme_ids=model_ids,
        classifier=classifier,
        classifier_ids=classifier_ids,
    )
    return ThemeRun(
        themes=themes,
        assignments=assignments,
        model=model,
        k_choice=choice,
        vector_ids=tuple(it.id for it in live),
        vectors=x,
    )


def counts_by_period(
    items: Sequence[Item], assignments: Mapping[str, str], period: str = "month"
) -> dict[str, dict[str, int]]:
    """Theme counts per period (``month`` "YYYY-MM" or ``quarter`` "YYYY-Qn") of dated items,
    ready for :func:`learning.themes.trends.trend_flags`."""
    out: dict[str, dict[str, int]] = {}
    for it in items:
        if it.date is None or it.id not in assignments:
            continue
        if period == "quarter":
            key = f"{it.date.year}-Q{(it.date.month - 1) // 3 + 1}"
        else:
            key = f"{it.date.year}-{it.date.month:02d}"
        bucket = out.setdefault(key, {})
        bucket[assignments[it.id]] = bucket.get(assignments[it.id], 0) + 1
    return out
