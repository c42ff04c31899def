"""A fitted :class:`~learning.themes.pipeline.ThemeModel` to bytes and back, for storage.

Arrays only (numpy's ``.npz``, read with ``allow_pickle=False``): loading stored bytes never
runs code. The encoder is the TF-IDF/LSA encoder's state, or the name of a pre-trained
sentence encoder, which is loaded again by name (or, where it is not installed, left out:
the model then assigns nothing new until the next run fits a new one).

Pure: numpy and scikit-learn only.
"""

from __future__ import annotations

import io
from typing import cast

import numpy as np
from sklearn.linear_model import LogisticRegression

from learning.themes.pipeline import ThemeModel
from learning.themes.vectorise import Encoder, SentenceEncoder, TfidfLsaEncoder, sentence_encoder

_ENCODER = "encoder."
_SENTENCE = "sentence:"


def dump_model(model: ThemeModel) -> bytes:
    arrays: dict[str, np.ndarray] = {
        "centroids": np.asarray(model.centroids, np.float32),
        "theme_ids": np.array(model.theme_ids, dtype=str),
        "threshold": np.array([model.threshold], np.float64),
        "classifier_ids": np.array(model.classifier_ids, dtype=str),
    }
    if model.classifier is not None:
        arrays["coef"] = np.asarray(model.classifier.coef_, np.float64)
        arrays["intercept"] = np.asarray(model.classifier.intercept_, np.float64)
        arrays["classes"] = np.asarray(model.classifier.classes_, np.int64)
    if isinstance(model.encoder, TfidfLsaEncoder):
        arrays.update({_ENCODER + k: v for k, v in model.encoder.to_arrays().items()})
    elif isinstance(model.encoder, SentenceEncoder):
        arrays[_ENCODER + "sentence"] = np.array([model.encoder.name])
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)  # type: ignore[arg-type]  # names are ours
    return buffer.getvalue()


def load_model(data: bytes) -> ThemeModel:
    with np.load(io.BytesIO(data), allow_pickle=False) as stored:
        arrays = {name: stored[name] for name in stored.files}
    classifier = None
    if "coef" in arrays:
        classifier = LogisticRegression()
        classifier.coef_ = arrays["coef"]
        classifier.intercept_ = arrays["intercept"]
        classifier.classes_ = arrays["classes"]
    return ThemeModel(
        encoder=_load_encoder(arrays),
        centroids=np.asarray(arrays["centroids"], np.float32),
        theme_ids=tuple(str(t) for t in arrays["theme_ids"]),
        threshold=float(arrays["threshold"][0]),
        classifier=classifier,
        classifier_ids=tuple(str(t) for t in arrays["classifier_ids"]),
    )


def _load_encoder(arrays: dict[str, np.ndarray]) -> Encoder | None:
    if _ENCODER + "sentence" in arrays:
        name = str(arrays[_ENCODER + "sentence"][0])
        return sentence_encoder(name.removeprefix(_SENTENCE))
    own = {k[len(_ENCODER) :]: v for k, v in arrays.items() if k.startswith(_ENCODER)}
    if not own:
        return None
    return cast(Encoder, TfidfLsaEncoder.from_arrays(own))
