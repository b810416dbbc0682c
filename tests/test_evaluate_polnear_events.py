"""The PolNeAR event labels and their sentence-level scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.errors import InputError
from eventwire.evaluate import polnear_events as pe
from eventwire.evaluate.metrics import PRF
from eventwire.evaluate.report import Report
from eventwire.model import Event, EventType, Modality, Span

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "polnear" / "dev"


def _event(type_: EventType, mode: list[str] | None = None) -> Event:
    text = "Police arrested a man."
    return Event(
        id="e1",
        type=type_,
        mode=mode or [],
        trigger=Span(start=7, end=15, text=text[7:15]),
        sentence=Span(start=0, end=len(text), text=text),
        modality=Modality.OCCURRED,
    )


def test_labels_are_well_formed() -> None:
    gold = pe.load_labels()
    assert len(gold) == 85
    assert {g.kind for g in gold} == {"ATTACK", "PROTEST", "ARREST"}
    assert all(g.start < g.end for g in gold)


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data/polnear is absent")
def test_labels_point_at_sentences_of_the_texts() -> None:
    for g in pe.load_labels():
        text = (SHARED / "text" / f"{g.doc}.txt").read_text(encoding="utf-8")
        piece = text[g.start : g.end]
        assert piece == piece.strip(), piece
        assert piece[0].isupper() or piece[0] in "\"“'‘", piece


def test_bad_label_row_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "labels.tsv"
    path.write_text("file\tstart\tend\tkind\twhen\tnote\na.txt\t1\t9\tRIOT\trecent\tx\n")
    with pytest.raises(InputError, match="expected file"):
        pe.load_labels(path)


def test_kinds_of_events() -> None:
    assert pe.kind_of(_event(EventType.ASSAULT)) == "ATTACK"
    assert pe.kind_of(_event(EventType.PROTEST)) == "PROTEST"
    assert pe.kind_of(_event(EventType.COERCE, ["arrest"])) == "ARREST"
    assert pe.kind_of(_event(EventType.COERCE, ["curfew"])) is None
    assert pe.kind_of(_event(EventType.ACCUSE)) is None


def test_score_counts_sentences_not_events() -> None:
    gold = [pe.Gold("d", 0, 50, "ATTACK", "recent"), pe.Gold("d", 60, 90, "ATTACK", "recent")]
    pred = [
        pe.Predicted("ATTACK", 5, (0, 50), "shot"),  # right
        pe.Predicted("ATTACK", 20, (0, 50), "the shooting"),  # same sentence: one unit
        pe.Predicted("ATTACK", 120, (100, 140), "attacked her record"),  # spurious
        pe.Predicted("PROTEST", 70, (60, 90), "protest"),  # wrong kind: spurious protest
    ]
    scores: dict[str, PRF] = {}
    out = Report(dataset="t", split="dev", data="-")
    pe.score("d", pred, gold, scores, out, "t")
    assert (scores["ATTACK"].p, scores["ATTACK"].r) == (0.5, 0.5)
    assert scores["PROTEST"].p == 0.0
    kinds = sorted((e["field"], e["kind"]) for e in out.errors["t"])
    assert kinds == [("ASSAULT", "missed"), ("ASSAULT", "spurious"), ("PROTEST", "spurious")]


def test_only_the_dev_split_is_labelled() -> None:
    with pytest.raises(InputError, match="dev split only"):
        pe.run(Path("."), "train", None, None)
