"""What the theme engine stores: redacted items once each (by source and reference), their
vectors as bytes, themes by a key unique per council, one codebook version per number, and
the fitted model as plain arrays that load without running code."""

from __future__ import annotations

import io
import json
from datetime import date

import numpy as np
import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from learning.themes.codebook import Codebook
from learning.themes.model_store import dump_model, load_model
from learning.themes.models import CodebookVersion, ThemeItem, ThemeRecord
from learning.themes.pipeline import run_themes
from learning.themes.terms import ItemState
from learning.themes.vectorise import TfidfLsaEncoder
from tests.factories import Factory
from tests.themes.feedback_corpus import corpus


def test_an_item_keeps_its_redacted_text_and_vector_as_stored(
    db: Session, factory: Factory
) -> None:
    vector = np.arange(4, dtype=np.float32) / 4
    item = ThemeItem(
        council_id=factory.council.id,
        source="feedback_young_person",
        source_ref="feedback:1:good",
        team="North",
        happened_on=date(2025, 3, 4),
        question="What was good?",
        text="My worker [name] listened.",
        vector=vector.tobytes(),
        space="abc",
        state=ItemState.CLUSTERED,
        theme_key="T1",
    )
    db.add(item)
    db.commit()
    db.expire_all()

    again = db.exec(select(ThemeItem).where(ThemeItem.id == item.id)).one()

    assert again.key == "feedback_young_person:feedback:1:good"
    assert again.text == "My worker [name] listened."
    assert again.state is ItemState.CLUSTERED
    assert np.array_equal(np.frombuffer(again.vector or b"", np.float32), vector)


def test_one_item_per_source_reference_in_a_council(db: Session, factory: Factory) -> None:
    def item() -> ThemeItem:
        return ThemeItem(
            council_id=factory.council.id,
            source="feedback_young_person",
            source_ref="feedback:1:good",
            happened_on=date(2025, 3, 4),
        )

    db.add(item())
    db.flush()
    with pytest.raises(IntegrityError), db.begin_nested():
        db.add(item())
        db.flush()


def test_theme_keys_and_codebook_versions_are_unique_per_council(
    db: Session, factory: Factory
) -> None:
    other = factory.make_council()
    for council in (factory.council, other):
        db.add(ThemeRecord(council_id=council.id, key="T1", label="Waiting for contact"))
        db.add(CodebookVersion(council_id=council.id, version=1, content="{}", op="create"))
    db.flush()

    with pytest.raises(IntegrityError), db.begin_nested():
        db.add(ThemeRecord(council_id=factory.council.id, key="T1", label="Again"))
        db.flush()
    with pytest.raises(IntegrityError), db.begin_nested():
        db.add(CodebookVersion(council_id=factory.council.id, version=1, content="{}", op="x"))
        db.flush()


def test_a_stored_model_assigns_new_answers_as_the_fitted_one_does() -> None:
    items, _ = corpus(12)
    run = run_themes(items)
    texts = ["nobody listens to me at all", "contact takes ages to arrange", "the meetings help"]

    restored = load_model(dump_model(run.model))

    assert [restored.assign(t) for t in texts] == [run.model.assign(t) for t in texts]
    assert restored.theme_ids == run.model.theme_ids


def test_a_stored_model_keeps_the_classifier_trained_on_the_codebook() -> None:
    items, _ = corpus(12)
    first = run_themes(items)
    codebook = Codebook.from_run(first)
    run = run_themes(items, previous=first, codebook=codebook)
    assert run.model.classifier is not None

    restored = load_model(dump_model(run.model))

    assert restored.classifier is not None
    vectors = run.model.encoder.encode([i.text for i in items[:20]])  # type: ignore[union-attr]
    assert np.allclose(
        restored.classifier.predict_proba(vectors), run.model.classifier.predict_proba(vectors)
    )


def test_an_encoder_restored_from_arrays_encodes_as_before() -> None:
    texts = [i.text for i in corpus(10)[0]]
    encoder = TfidfLsaEncoder()
    vectors = encoder.fit_encode(texts, ["What was good?"] * 20 + [""] * (len(texts) - 20))

    restored = TfidfLsaEncoder.from_arrays(encoder.to_arrays())

    assert restored.fingerprint == encoder.fingerprint
    assert np.allclose(
        restored.encode(texts[:30], ["What was good?"] * 20 + [""] * 10), vectors[:30], atol=1e-5
    )
    assert np.allclose(restored.encode_one(texts[3], "What was good?"), vectors[3], atol=1e-5)


def test_stored_model_bytes_never_unpickle_objects() -> None:
    buffer = io.BytesIO()
    np.savez(buffer, centroids=np.array([{"run": "code"}], dtype=object))

    with pytest.raises(ValueError, match="pickle"):
        load_model(buffer.getvalue())


def test_a_codebook_version_keeps_the_codebook_as_json(db: Session, factory: Factory) -> None:
    items, _ = corpus(8)
    codebook = Codebook.from_run(run_themes(items)).rename("T1", "Social workers keep changing")
    db.add(
        CodebookVersion(
            council_id=factory.council.id,
            version=codebook.version,
            content=json.dumps(codebook.to_dict()),
            op="rename",
        )
    )
    db.commit()
    db.expire_all()

    row = db.exec(
        select(CodebookVersion).where(CodebookVersion.council_id == factory.council.id)
    ).one()

    assert Codebook.from_dict(json.loads(row.content)).themes["T1"].label == (
        "Social workers keep changing"
    )
