"""Naming themes: distinctive terms by class-based TF-IDF, and representative quotes."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer

from learning.themes.text import KEPT_WORDS, LABEL_STOP_WORDS, normalise, tokens

# Negations and "nothing" are telling in a label ("nothing to improve", "not listened to").
_LABEL_KEEP = frozenset({"no", "not", "nothing", "none", "never", "nobody", "too", "more", "less"})
_LABEL_STOP = (LABEL_STOP_WORDS - _LABEL_KEEP) | (KEPT_WORDS - _LABEL_KEEP)


def _label_tokens(text: str) -> list[str]:
    words = [t for t in tokens(normalise(text)) if t not in _LABEL_STOP and not t.isdigit()]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]


def distinctive_terms(
    texts: Sequence[str], labels: np.ndarray, k: int, *, top: int = 30
) -> list[list[tuple[str, float]]]:
    """For each cluster 0..k-1, its most distinctive terms with weights (class-based TF-IDF).

    ``labels`` may hold -1 for items in no cluster; they count towards term frequencies only.
    """
    empty: list[list[tuple[str, float]]] = [[] for _ in range(k)]
    if not len(texts) or k == 0:
        return empty
    vectorizer = CountVectorizer(
        analyzer=_label_tokens, min_df=2 if len(texts) >= 50 else 1, dtype=np.float32
    )
    try:
        counts = vectorizer.fit_transform(texts)
    except ValueError:  # no usable word at all
        return empty
    vocab = vectorizer.get_feature_names_out()
    rows = np.where(labels >= 0, labels, k)
    onehot = sp.csr_matrix(
        (np.ones(len(rows), np.float32), (rows, np.arange(len(rows)))), shape=(k + 1, len(rows))
    )
    per_class = np.asarray((onehot @ counts).todense())[:k]  # (k, terms)
    totals = per_class.sum(axis=1, keepdims=True)
    totals[totals == 0] = 1
    tf = per_class / totals
    freq = per_class.sum(axis=0)
    avg = float(per_class.sum()) / max(k, 1)
    idf = np.log1p(avg / np.maximum(freq, 1))
    # Items that share a term, not repeats in one long text, make it a theme's term.
    docs_with = np.asarray((onehot @ (counts > 0).astype(np.float32)).todense())[:k]
    sizes = np.bincount(rows, minlength=k + 1)[:k].astype(np.float32)
    coverage = docs_with / np.maximum(sizes[:, None], 1)
    score = tf * idf * np.sqrt(coverage)
    out: list[list[tuple[str, float]]] = []
    for c in range(k):
        order = np.argsort(-score[c], kind="stable")[:top]
        out.append([(str(vocab[j]), float(score[c, j])) for j in order if score[c, j] > 0])
    return out


def label_from_terms(terms: Sequence[str], max_terms: int = 3) -> str:
    """A short label: up to three terms, skipping words already said by a chosen phrase."""
    chosen: list[str] = []
    said: set[str] = set()
    for term in terms:
        words = term.split()
        if set(words) <= said:
            continue
        if len(words) == 1 and any(term in c.split() for c in chosen):
            continue
        chosen.append(term)
        said.update(words)
        if len(chosen) == max_terms:
            break
    return ", ".join(chosen) if chosen else "unnamed theme"


def representatives(
    similarity: np.ndarray, texts: Sequence[str], members: np.ndarray, top: int = 5
) -> list[int]:
    """Indices of the members most similar to their centroid, one per distinct text."""
    order = members[np.argsort(-similarity[members], kind="stable")]
    picked: list[int] = []
    seen: set[str] = set()
    for i in order:
        key = " ".join(tokens(texts[i]))
        if key in seen:
            continue
        seen.add(key)
        picked.append(int(i))
        if len(picked) == top:
            break
    return picked
