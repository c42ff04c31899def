"""The analysts' batch command: one output row per input row, in order, and clear errors."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from learning.themes.batch import BatchError, cluster_csv
from tests.themes.feedback_corpus import corpus


def _write(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_one_output_row_per_input_row_in_order_with_empty_answers_unthemed(tmp_path: Path) -> None:
    items, _ = corpus(10)
    rows = [["ref", "comment"]] + [[f"r{i}", it.text] for i, it in enumerate(items)]
    rows[3][1] = ""
    rows[7][1] = "No comment"
    src = _write(tmp_path / "in.csv", rows)
    summary = cluster_csv(src, "comment", tmp_path / "out.csv")
    out = _read(tmp_path / "out.csv")
    assert list(out[0]) == ["row", "theme_id", "theme_label"]
    assert [r["row"] for r in out] == [str(i) for i in range(1, len(rows))]
    assert out[2]["theme_id"] == "" and out[6]["theme_id"] == ""
    assert all(r["theme_id"] and r["theme_label"] for i, r in enumerate(out) if i not in (2, 6))
    assert summary.rows == len(rows) - 1 and summary.k_chosen_automatically
    assert summary.set_aside == 2


def test_a_given_number_of_themes_is_used(tmp_path: Path) -> None:
    items, _ = corpus(10)
    src = _write(tmp_path / "in.csv", [["text"]] + [[it.text] for it in items])
    cluster_csv(src, "text", tmp_path / "out.csv", k=3)
    themes = {r["theme_id"] for r in _read(tmp_path / "out.csv")} - {"", "not_yet_themed"}
    assert len(themes) == 3


def test_a_file_that_is_not_utf8_is_read_with_a_warning(tmp_path: Path) -> None:
    items, _ = corpus(8)
    rows = [["text"]] + [[it.text] for it in items] + [["café staff were nice £5 – fine"]]
    src = _write(tmp_path / "in.csv", rows, encoding="cp1252")
    (tmp_path / "in.csv").write_bytes(src.read_bytes() + b"\x81\xff broken bytes\r\n")
    warnings: list[str] = []
    summary = cluster_csv(src, "text", tmp_path / "out.csv", warn=warnings.append)
    assert summary.encoding == "cp1252"
    assert warnings and "UTF-8" in warnings[0]
    assert len(_read(tmp_path / "out.csv")) == len(rows)


def test_a_missing_column_is_a_clear_error_naming_the_columns(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.csv", [["id", "answer"], ["1", "nobody listens"]])
    with pytest.raises(BatchError, match=r"'comment' not found.*'id', 'answer'"):
        cluster_csv(src, "comment", tmp_path / "out.csv")


def test_an_empty_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_bytes(b"")
    with pytest.raises(BatchError, match="empty"):
        cluster_csv(tmp_path / "in.csv", "text", tmp_path / "out.csv")
    with pytest.raises(BatchError, match="not found"):
        cluster_csv(tmp_path / "missing.csv", "text", tmp_path / "out.csv")


def test_a_header_only_file_gives_a_header_only_output(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.csv", [["text"]])
    summary = cluster_csv(src, "text", tmp_path / "out.csv")
    assert summary.rows == 0 and _read(tmp_path / "out.csv") == []


def test_very_long_texts_emoji_and_right_to_left_scripts_are_written_back(tmp_path: Path) -> None:
    items, _ = corpus(8)
    rows = [["text"]] + [[it.text] for it in items]
    rows += [["nobody listens " * 30_000], ["😡😡"], ["لا أحد يستمع إلي"], ['a,"quoted"\nanswer']]
    src = _write(tmp_path / "in.csv", rows)
    cluster_csv(src, "text", tmp_path / "out.csv")
    assert len(_read(tmp_path / "out.csv")) == len(rows) - 1


def test_the_learning_themes_cluster_command_writes_the_output_and_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from learning.cli import main

    items, _ = corpus(8)
    src = _write(tmp_path / "in.csv", [["text"]] + [[it.text] for it in items])
    code = main(["themes", "cluster", "--input", str(src), "--text-column", "text",
                 "--k", "3", "--output", str(tmp_path / "out.csv")])  # fmt: skip
    assert code == 0
    assert len(_read(tmp_path / "out.csv")) == len(items)
    assert "3 themes" in capsys.readouterr().err
    code = main(["themes", "cluster", "--input", str(src), "--text-column", "nope",
                 "--output", str(tmp_path / "out.csv")])  # fmt: skip
    assert code == 2
    assert "'nope' not found" in capsys.readouterr().err


def test_answers_are_redacted_before_clustering_and_labels(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import learning.themes.batch as batch

    seen: list[str] = []
    real = batch.run_themes

    def spy(items: list[batch.Item], **kwargs: object) -> object:
        seen.extend(it.text for it in items)
        return real(items, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "run_themes", spy)
    items, _ = corpus(10)
    rows = [["text"]] + [[f"Wojciech said {it.text}"] for it in items]
    rows += [["Wojciech Kowalczyk on 07700 900123 told my social worker Zeph"]] * 6
    src = _write(tmp_path / "in.csv", rows)
    cluster_csv(src, "text", tmp_path / "out.csv")
    assert seen and not any("Wojciech" in t or "07700" in t or "Zeph" in t for t in seen)
    labels = " ".join(r["theme_label"] for r in _read(tmp_path / "out.csv"))
    assert "Wojciech" not in labels and "Zeph" not in labels and "07700" not in labels


def test_a_theme_smaller_than_the_minimum_group_size_goes_out_not_yet_themed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import learning.themes.batch as batch

    real = batch.run_themes

    def small_theme(items: list[batch.Item], **kwargs: object) -> object:
        run = real(items, **kwargs)  # type: ignore[arg-type]
        first = run.themes[0].id
        moved = [i for i, t in run.assignments.items() if t != first][:3]
        for item_id, theme in list(run.assignments.items()):
            if theme == first and item_id not in moved:
                run.assignments[item_id] = run.themes[1].id
        for item_id in moved:
            run.assignments[item_id] = first  # a theme of three answers
        return run

    monkeypatch.setattr(batch, "run_themes", small_theme)
    items, _ = corpus(10)
    src = _write(tmp_path / "in.csv", [["text"]] + [[it.text] for it in items])
    summary = cluster_csv(src, "text", tmp_path / "out.csv", k=4)
    out = _read(tmp_path / "out.csv")
    sizes: dict[str, int] = {}
    for r in out:
        sizes[r["theme_id"]] = sizes.get(r["theme_id"], 0) + 1
    themed = {t: n for t, n in sizes.items() if t not in ("", "not_yet_themed")}
    assert themed and all(n >= 5 for n in themed.values())
    assert sizes.get("not_yet_themed", 0) >= 3
    assert summary.themes == len(themed)
