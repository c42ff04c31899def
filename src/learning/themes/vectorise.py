"""Turning answers into vectors: TF-IDF over character n-grams, then LSA, L2-normalised.

The default :class:`TfidfLsaEncoder` needs only scikit-learn. It keeps negations and
"nothing"-like words (see :mod:`learning.themes.text`), reads character n-grams inside words
(robust to spelling, plurals and word endings), and adds the question an answer was given to as
its own features, since "Nothing" to "What went well?" and "Nothing" to "What could be better?"
mean opposite things. LSA (truncated SVD) makes dense, short vectors: cheap to store once per
item, fast to re-cluster, and stable from sample to sample.

An :class:`Encoder` is anything with ``fit``/``encode``; :func:`sentence_encoder` offers
sentence embeddings when the optional ``sentence-transformers`` stack is installed, and ``None``
otherwise (the pipeline then runs on TF-IDF alone).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from learning.themes.products import matrix_products, quiet_products
from learning.themes.text import content_text, normalise

# Weight of the question features next to the (unit-length) text features.
QUESTION_WEIGHT = 0.6
_CHUNK = 20_000


class Encoder(Protocol):
    """Turns texts (with the question each answered) into L2-normalised float32 rows."""

    name: str
    fingerprint: str  # names the vector space: vectors are comparable only within one

    @property
    def fitted(self) -> bool: ...

    def fit_encode(
        self, texts: Sequence[str], questions: Sequence[str] | None = None
    ) -> np.ndarray:
        """Fit (if the encoder learns from data) and return the texts' vectors."""
        ...

    def encode(
        self, texts: Sequence[str], questions: Sequence[str] | None = None
    ) -> np.ndarray: ...

    def encode_one(self, text: str, question: str = "") -> np.ndarray: ...


def _question_key(question: str) -> str:
    return normalise(question).lower()


class TfidfLsaEncoder:
    """Character n-gram TF-IDF (negations kept) + question features, reduced by LSA.

    ``dims`` is the number of LSA components. Fitting uses at most ``fit_size`` texts (a fixed
    sample), so fitting on a million stored items costs no more than on ``fit_size``.
    """

    def __init__(self, dims: int = 64, *, fit_size: int = 60_000, random_state: int = 0) -> None:
        self.dims = dims
        self.fit_size = fit_size
        self.random_state = random_state
        self.name = f"tfidf-char-lsa{dims}"
        self._vectorizer: TfidfVectorizer | None = None
        self._svd: TruncatedSVD | None = None
        self._questions: dict[str, int] = {}
        self._fingerprint = ""
        self._analyse: Any = None
        self._vocab: dict[str, int] = {}
        self._idf = np.zeros(0)
        self._basis: np.ndarray | None = None

    @property
    def fitted(self) -> bool:
        return self._vectorizer is not None

    @property
    def fingerprint(self) -> str:
        """Changes whenever the vector space changes (a new fit): stored vectors need it equal."""
        return self._fingerprint

    def fit(self, texts: Sequence[str], questions: Sequence[str] | None = None) -> TfidfLsaEncoder:
        self.fit_encode(texts, questions)
        return self

    def fit_encode(
        self, texts: Sequence[str], questions: Sequence[str] | None = None
    ) -> np.ndarray:
        """Fit on (a sample of) ``texts`` and return their vectors, analysing each text once."""
        with matrix_products():
            return self._fit_encode(texts, questions)

    def _fit_encode(
        self, texts: Sequence[str], questions: Sequence[str] | None = None
    ) -> np.ndarray:
        questions = list(questions) if questions is not None else [""] * len(texts)
        n = len(texts)
        if n == 0:
            raise ValueError("cannot fit an encoder on no texts")
        idx = np.arange(n)
        if n > self.fit_size:
            idx = np.sort(np.random.RandomState(self.random_state).choice(n, self.fit_size, False))
        docs = [content_text(texts[int(i)]) for i in idx]
        self._vectorizer = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=(3, 5),
            sublinear_tf=True,
            min_df=3 if len(docs) >= 200 else (2 if len(docs) >= 50 else 1),
            max_features=50_000,
            dtype=np.float32,
        )
        try:
            text_matrix = self._vectorizer.fit_transform(docs)
        except ValueError:  # no n-gram at all (e.g. every text is one emoji): use any character
            self._vectorizer = TfidfVectorizer(
                analyzer="char", ngram_range=(1, 3), sublinear_tf=True, dtype=np.float32
            )
            text_matrix = self._vectorizer.fit_transform([d or " " for d in docs])
        keys = sorted({_question_key(questions[i]) for i in idx} - {""})
        self._questions = {q: j for j, q in enumerate(keys)} if len(keys) > 1 else {}
        matrix = self._features(docs, [questions[i] for i in idx], text_matrix)
        n_comp = min(self.dims, matrix.shape[1] - 1, matrix.shape[0] - 1)
        self._svd = None
        if n_comp >= 2:
            # Many power iterations: the trailing components then come out the same from one
            # sample of the data to another, which keeps themes stable between runs.
            self._svd = TruncatedSVD(n_comp, algorithm="randomized", n_iter=10,
                                     random_state=self.random_state)  # fmt: skip
            with np.errstate(divide="ignore", invalid="ignore"):  # identical texts: no variance
                self._svd.fit(matrix)
        self._prepare_fast_path()
        digest = hashlib.sha256()
        digest.update(self.name.encode())
        digest.update(str(n).encode())
        digest.update("\x1f".join(docs[:1000]).encode("utf-8", "replace"))
        self._fingerprint = digest.hexdigest()[:16]
        if len(idx) == n:
            return self._project(matrix)
        return self.encode(texts, questions)

    def _project(self, matrix: sp.csr_matrix) -> np.ndarray:
        dense = self._svd.transform(matrix) if self._svd is not None else matrix.toarray()
        out: np.ndarray = normalize(np.asarray(dense, dtype=np.float32))
        return out

    def _prepare_fast_path(self) -> None:
        assert self._vectorizer is not None
        self._analyse = self._vectorizer.build_analyzer()
        self._vocab = self._vectorizer.vocabulary_
        self._idf = self._vectorizer.idf_.astype(np.float64)
        self._basis = (
            np.ascontiguousarray(self._svd.components_.T, dtype=np.float64)
            if self._svd is not None
            else None
        )

    def encode_one(self, text: str, question: str = "") -> np.ndarray:
        """One text's vector, without scikit-learn's per-call overhead (well under 1 ms)."""
        if self._vectorizer is None:
            raise RuntimeError("encoder is not fitted")
        counts: dict[int, int] = {}
        for gram in self._analyse(content_text(text)):
            j = self._vocab.get(gram)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        width = len(self._vocab) + len(self._questions)
        cols = np.fromiter(counts.keys(), np.int64, len(counts))
        vals = (1.0 + np.log(np.fromiter(counts.values(), np.float64, len(counts)))) * self._idf[
            cols
        ]
        norm = float(np.sqrt((vals * vals).sum()))
        if norm:
            vals /= norm
        q = self._questions.get(_question_key(question)) if self._questions else None
        if q is not None:
            cols = np.append(cols, len(self._vocab) + q)
            vals = np.append(vals, QUESTION_WEIGHT)
        if self._basis is None:
            out = np.zeros(width, np.float64)
            out[cols] = vals
        else:
            with quiet_products():
                out = vals @ self._basis[cols]
        norm = float(np.linalg.norm(out))
        return np.asarray(out / norm if norm else out, dtype=np.float32)

    def _features(
        self, docs: Sequence[str], questions: Sequence[str], text_matrix: Any = None
    ) -> sp.csr_matrix:
        assert self._vectorizer is not None
        if text_matrix is None:
            text_matrix = self._vectorizer.transform(docs)
        text = normalize(text_matrix)
        if not self._questions:
            return sp.csr_matrix(text)
        rows, cols = [], []
        for i, q in enumerate(questions):
            j = self._questions.get(_question_key(q))
            if j is not None:
                rows.append(i)
                cols.append(j)
        qmat = sp.csr_matrix(
            (np.full(len(rows), QUESTION_WEIGHT, np.float32), (rows, cols)),
            shape=(len(docs), len(self._questions)),
        )
        return sp.csr_matrix(sp.hstack([text, qmat], format="csr"))

    def encode(self, texts: Sequence[str], questions: Sequence[str] | None = None) -> np.ndarray:
        """Rows of unit length (all-zero for a text with no known feature)."""
        if self._vectorizer is None:
            raise RuntimeError("encoder is not fitted")
        questions = list(questions) if questions is not None else [""] * len(texts)
        out: list[np.ndarray] = []
        with matrix_products():
            for start in range(0, len(texts), _CHUNK):
                docs = [content_text(t) for t in texts[start : start + _CHUNK]]
                out.append(self._project(self._features(docs, questions[start : start + _CHUNK])))
        width = self._svd.n_components if self._svd is not None else len(self.terms())
        return np.vstack(out) if out else np.zeros((0, width), np.float32)

    def terms(self) -> list[str]:
        assert self._vectorizer is not None
        return list(self._vectorizer.get_feature_names_out()) + list(self._questions)

    def to_arrays(self) -> dict[str, np.ndarray]:
        """The fitted state as plain arrays (no pickle): :meth:`from_arrays` restores it."""
        if self._vectorizer is None:
            raise RuntimeError("encoder is not fitted")
        vocab = sorted(self._vocab, key=self._vocab.__getitem__)
        questions = sorted(self._questions, key=self._questions.__getitem__)
        ngrams = self._vectorizer.ngram_range
        return {
            "config": np.array([self.dims, self.fit_size, self.random_state, *ngrams], np.int64),
            "names": np.array([self.name, self._fingerprint, str(self._vectorizer.analyzer)]),
            "vocabulary": np.array(vocab, dtype=str),
            "idf": np.asarray(self._vectorizer.idf_, np.float32),
            "questions": np.array(questions, dtype=str),
            "components": (np.asarray(self._svd.components_, np.float32) if self._svd is not None
                           else np.zeros((0, 0), np.float32)),
        }  # fmt: skip

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> TfidfLsaEncoder:
        dims, fit_size, random_state, low, high = (int(v) for v in arrays["config"])
        name, fingerprint, analyzer = (str(v) for v in arrays["names"])
        encoder = cls(dims, fit_size=fit_size, random_state=random_state)
        encoder.name, encoder._fingerprint = name, fingerprint
        vectorizer = TfidfVectorizer(analyzer=analyzer, ngram_range=(low, high),
                                     sublinear_tf=True, dtype=np.float32)  # fmt: skip
        vectorizer.vocabulary_ = {str(t): j for j, t in enumerate(arrays["vocabulary"])}
        vectorizer.idf_ = np.asarray(arrays["idf"], np.float64)
        encoder._vectorizer = vectorizer
        encoder._questions = {str(q): j for j, q in enumerate(arrays["questions"])}
        components = arrays["components"]
        if components.size:
            encoder._svd = TruncatedSVD(components.shape[0], random_state=random_state)
            encoder._svd.components_ = np.asarray(components, np.float64)
        encoder._prepare_fast_path()
        return encoder


class SentenceEncoder:
    """Sentence embeddings via ``sentence-transformers`` (optional: see :func:`sentence_encoder`).

    Slow per item (hundreds of items a second on two cores), so encode each item once, on
    arrival, and re-cluster the stored vectors. The question is prepended to the answer.
    """

    def __init__(self, model: Any, name: str) -> None:
        self._model = model
        self.name = name
        self.fingerprint = name
        self.fitted = True

    def fit_encode(
        self, texts: Sequence[str], questions: Sequence[str] | None = None
    ) -> np.ndarray:
        return self.encode(texts, questions)

    def encode_one(self, text: str, question: str = "") -> np.ndarray:
        row: np.ndarray = self.encode([text], [question])[0]
        return row

    def fit(self, texts: Sequence[str], questions: Sequence[str] | None = None) -> SentenceEncoder:
        return self  # pre-trained: nothing to fit

    def encode(self, texts: Sequence[str], questions: Sequence[str] | None = None) -> np.ndarray:
        questions = list(questions) if questions is not None else [""] * len(texts)
        docs = [
            (f"{normalise(q)}: {normalise(t)}" if q else normalise(t))
            for t, q in zip(texts, questions, strict=True)
        ]
        vectors = self._model.encode(docs, batch_size=64, show_progress_bar=False)
        out: np.ndarray = normalize(np.asarray(vectors, dtype=np.float32))
        return out


def sentence_encoder(model_name_or_path: str = "all-MiniLM-L6-v2") -> SentenceEncoder | None:
    """A :class:`SentenceEncoder` if sentence-transformers and the model load offline, else None."""
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        return None
    try:
        model = SentenceTransformer(model_name_or_path, device="cpu", local_files_only=True)
    except Exception:  # noqa: BLE001 - any failure to load means "not available here"
        return None
    return SentenceEncoder(model, f"sentence:{model_name_or_path}")
