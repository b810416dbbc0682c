"""Word pieces of labelled sentences for the taggers' training (no torch needed).

``encode`` turns a sentence and its labelled character spans into windows of word pieces
with BIO tag ids (``tag_names``), as ``span_tagger`` trains on them and as
``knowledge.tagger`` reads them back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

LabelledSpan = tuple[int, int, str]


@dataclass
class Encoded:
    ids: list[int]
    offsets: list[tuple[int, int]]
    labels: list[int]
    hidden: Any = None  # output of the frozen layers (a torch tensor), when cached


def tag_names(labels: Sequence[str]) -> list[str]:
    return ["O", *(f"{p}-{lab}" for lab in labels for p in ("B", "I"))]


def encode(
    tokenizer: object, text: str, spans: Sequence[LabelledSpan], tags: list[str], max_pieces: int
) -> list[Encoded]:
    """The word pieces of a sentence with their BIO tag ids, in windows of ``max_pieces``."""
    enc = tokenizer.encode(text, add_special_tokens=False)  # type: ignore[attr-defined]
    ids, offsets = list(enc.ids), list(enc.offsets)
    index = {t: k for k, t in enumerate(tags)}
    labels = [0] * len(ids)
    for start, end, label in spans:
        inside = [k for k, (s, e) in enumerate(offsets) if s < end and start < e]
        for n, k in enumerate(inside):
            labels[k] = index[("B-" if n == 0 else "I-") + label]
    cls_id = tokenizer.token_to_id("[CLS]")  # type: ignore[attr-defined]
    sep_id = tokenizer.token_to_id("[SEP]")  # type: ignore[attr-defined]
    out = []
    size = max_pieces - 2
    for start in range(0, max(len(ids), 1), size):
        piece = slice(start, start + size)
        out.append(
            Encoded(
                [cls_id, *ids[piece], sep_id],
                [(0, 0), *offsets[piece], (0, 0)],
                [-100, *labels[piece], -100],
            )
        )
    return out
