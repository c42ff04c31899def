"""An encoder that hands back the vectors stored with each item instead of encoding again.

Re-clustering reuses what was computed on arrival: an item is encoded once, in the space of
the model that was current then, and its vector is kept. Only texts with no stored vector
(or one from another space) are encoded afresh. Pure: numpy only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from learning.themes.text import normalise
from learning.themes.vectorise import Encoder


class StoredVectors:
    """Wraps a fitted ``encoder``; ``stored`` maps (text, question) to that text's vector."""

    fitted = True

    def __init__(self, encoder: Encoder, stored: Mapping[tuple[str, str], np.ndarray]) -> None:
        self.encoder = encoder
        self.name = encoder.name
        self.fingerprint = encoder.fingerprint
        self._stored = {(normalise(text), question): v for (text, question), v in stored.items()}
        self.reused = 0

    def fit_encode(
        self, texts: Sequence[str], questions: Sequence[str] | None = None
    ) -> np.ndarray:
        return self.encode(texts, questions)

    def encode(self, texts: Sequence[str], questions: Sequence[str] | None = None) -> np.ndarray:
        questions = list(questions) if questions is not None else [""] * len(texts)
        found = [self._stored.get((normalise(t), q)) for t, q in zip(texts, questions, strict=True)]
        missing = [i for i, v in enumerate(found) if v is None]
        fresh = (
            self.encoder.encode([texts[i] for i in missing], [questions[i] for i in missing])
            if missing
            else None
        )
        width = next((v.shape[0] for v in found if v is not None), None)
        if width is None:
            width = fresh.shape[1] if fresh is not None else 0
        out = np.zeros((len(texts), width), np.float32)
        for i, vector in enumerate(found):
            if vector is not None:
                out[i] = vector
        if fresh is not None:
            out[missing] = fresh
        self.reused += len(texts) - len(missing)
        return out

    def encode_one(self, text: str, question: str = "") -> np.ndarray:
        stored = self._stored.get((normalise(text), question))
        return stored if stored is not None else self.encoder.encode_one(text, question)
