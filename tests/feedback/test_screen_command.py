"""``learning safeguarding screen``: one JSON object per input line, in order, never a crash."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from learning.cli import main

CALM = {"flagged": False, "categories": []}


def run(
    monkeypatch: pytest.MonkeyPatch, data: bytes, *options: str
) -> tuple[int, list[dict[str, object]], str]:
    stdout, stderr = io.BytesIO(), io.StringIO()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(stdout, write_through=True))
    monkeypatch.setattr(sys, "stderr", stderr)
    code = main(["safeguarding", "screen", *options])
    lines = stdout.getvalue().decode("ascii").splitlines()
    return code, [json.loads(line) for line in lines], stderr.getvalue()


def test_one_json_object_per_line_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    data = "my worker was nice\n\nmy dad hits me and im scared\r\n   \nmă bate\nkms".encode()
    code, out, err = run(monkeypatch, data)
    assert code == 0 and err == ""
    assert out == [
        CALM,
        CALM,
        {"flagged": True, "categories": ["fear", "physical_abuse"]},
        CALM,
        {"flagged": True, "categories": ["physical_abuse"]},
        {"flagged": True, "categories": ["suicide"]},
    ]


def test_why_gives_the_words_that_made_each_category_as_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = "my worker was nice\nmy step-dad h1ts me & I'm scared\nMój tata mnie bije\n".encode()
    code, out, err = run(monkeypatch, data, "--why")
    assert code == 0 and err == ""
    assert out == [
        {**CALM, "why": {}},
        {
            "flagged": True,
            "categories": ["fear", "physical_abuse"],
            "why": {"fear": ["scared"], "physical_abuse": ["h1ts me"]},
        },
        {
            "flagged": True,
            "categories": ["physical_abuse"],
            "why": {"physical_abuse": ["mnie bije"]},
        },
    ]


def test_invalid_utf8_is_replaced_with_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"\xef\xbb\xbfhe hurts me\n\xff\xfe broken \xc3 bytes\nfine\n"
    code, out, err = run(monkeypatch, data)
    assert code == 0
    assert out == [{"flagged": True, "categories": ["physical_abuse"]}, CALM, CALM]
    assert "1 input line(s) were not valid UTF-8 (first: line 2)" in err


def test_no_input_no_output(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(monkeypatch, b"") == (0, [], "")


def test_the_installed_command_in_a_real_process() -> None:
    lines = ["I don't feel safe at home", "the meeting was boring", "", "boję się wrócić do domu"]
    done = subprocess.run(
        [sys.executable, "-m", "learning.cli", "safeguarding", "screen"],
        input="\n".join(lines).encode() + b"\n\x80\n",
        capture_output=True,
        check=True,
        timeout=60,
    )
    out = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [o["flagged"] for o in out] == [True, False, False, True, False]
    assert out[0]["categories"] == ["fear"] and out[3]["categories"] == ["fear"]
    assert b"not valid UTF-8" in done.stderr


def test_safeguarding_without_a_subcommand_shows_help(monkeypatch: pytest.MonkeyPatch) -> None:
    stderr = io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    assert main(["safeguarding"]) == 2
    assert "screen" in stderr.getvalue()
