"""Signed values are never compressed, and values signed the standard way still read."""

from __future__ import annotations

import pytest
from itsdangerous import BadSignature, URLSafeTimedSerializer

from learning.core.signing import serializer

SECRET = "a-secret-for-these-tests-only-0123456789"


def test_a_value_that_zlib_would_shorten_is_signed_uncompressed_and_reads_back() -> None:
    value = {"text": "again " * 50}
    signed = serializer(SECRET, "salt").dumps(value)

    assert not signed.startswith(".")  # "." marks a compressed payload
    standard = URLSafeTimedSerializer(SECRET, salt="salt")
    assert standard.dumps(value).startswith(".")  # the standard one would have compressed it
    assert serializer(SECRET, "salt").loads(signed, max_age=60) == value
    assert standard.loads(signed, max_age=60) == value


def test_values_signed_by_the_standard_serializer_still_read() -> None:
    for value in (12345, {"l": 7, "t": 1.5}, {"text": "again " * 50}):
        signed = URLSafeTimedSerializer(SECRET, salt="salt").dumps(value)
        assert serializer(SECRET, "salt").loads(signed, max_age=60) == value


@pytest.mark.parametrize("salt", ["salt", "another-salt"])
def test_a_tampered_value_or_another_salt_does_not_read(salt: str) -> None:
    signed = serializer(SECRET, "salt").dumps(12345)
    # The payload's first character (a signature's last one may carry only spare bits).
    tampered = ("A" if signed[0] != "A" else "B") + signed[1:]

    with pytest.raises(BadSignature):
        serializer(SECRET, salt).loads(tampered, max_age=60)
    if salt != "salt":
        with pytest.raises(BadSignature):
            serializer(SECRET, salt).loads(signed, max_age=60)


def test_kept_signers_and_keys_still_tell_salts_and_secrets_apart() -> None:
    ours = serializer(SECRET, "salt")
    signed = ours.dumps(12345)
    assert ours.loads(signed, max_age=60) == 12345  # its signer and key are kept from here

    with pytest.raises(BadSignature):
        ours.loads(signed, salt="another-salt", max_age=60)
    with pytest.raises(BadSignature):
        ours.loads(serializer(SECRET[::-1], "salt").dumps(12345), max_age=60)
    with pytest.raises(BadSignature):
        ours.loads(URLSafeTimedSerializer(SECRET, salt="another-salt").dumps(12345), max_age=60)
    assert ours.loads(ours.dumps(67890, salt="another-salt"), salt="another-salt") == 67890
    assert ours.loads(signed, max_age=60) == 12345


def test_a_value_older_than_its_life_does_not_read_with_kept_keys() -> None:
    ours = serializer(SECRET, "salt")
    signed = ours.dumps(12345)
    assert ours.loads(signed, max_age=60) == 12345
    with pytest.raises(BadSignature):  # SignatureExpired is a BadSignature
        ours.loads(signed, max_age=-1)
