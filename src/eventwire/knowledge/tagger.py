"""Run time of the trained span taggers: an ONNX model (int8) and its tokenizer, no torch.

A tagger directory (``knowledge/models/NAME/``) holds

- ``model.onnx``: inputs ``input_ids`` and ``attention_mask`` (batch × word pieces),
  output ``logits`` (batch × word pieces × tags);
- ``tokenizer.json``: the word-piece tokenizer (the ``tokenizers`` library's format);
- ``tags.json``: ``{"tags": ["O", "B-ACTOR_IND", "I-ACTOR_IND", …], "max_pieces": 128}``;
- ``CARD.md``: the model card (training data, command, date, dev figures, licence).

``tagger(NAME)`` loads one once per process, or gives None when its files or
onnxruntime are missing: the stages then fall back to their rules.  ``SpanTagger.tag``
takes texts (sentences) and returns, per text, the labelled character spans with their
probability.  ``eventwire train roles`` writes these files.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import numpy as np

MODELS = Path(str(resources.files("eventwire.knowledge"))) / "models"


@dataclass(frozen=True)
class Tagged:
    """A labelled span of one text: characters ``start:end``, its label and probability."""

    start: int
    end: int
    label: str
    p: float


class SpanTagger:
    """A BIO word-piece tagger: texts in, labelled character spans out."""

    def __init__(self, directory: Path, threads: int | None = None) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        meta = json.loads((directory / "tags.json").read_text("utf-8"))
        self.tags: list[str] = meta["tags"]
        self.max_pieces: int = int(meta.get("max_pieces", 128))
        self.directory = directory
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or int(os.environ.get("EVENTWIRE_THREADS", "1"))
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            str(directory / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )

    def tag(self, texts: list[str], batch_size: int = 16) -> list[list[Tagged]]:
        """The labelled spans of each text (offsets into that text)."""
        if not texts:
            return []
        pieces = [self._windows(t) for t in texts]
        flat = [(k, w) for k, windows in enumerate(pieces) for w in windows]
        flat.sort(key=lambda item: len(item[1][0]))
        out: list[list[Tagged]] = [[] for _ in texts]
        for first in range(0, len(flat), batch_size):
            batch = flat[first : first + batch_size]
            width = max(len(ids) for _, (ids, _) in batch)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, (_, (piece_ids, _)) in enumerate(batch):
                ids[row, : len(piece_ids)] = piece_ids
                mask[row, : len(piece_ids)] = 1
            (logits,) = self.session.run(["logits"], {"input_ids": ids, "attention_mask": mask})
            for row, (k, (piece_ids, offsets)) in enumerate(batch):
                probs = _softmax(logits[row, : len(piece_ids)])
                out[k].extend(self._decode(texts[k], probs, offsets))
        for spans in out:
            spans.sort(key=lambda s: (s.start, s.end))
        return out

    def _windows(self, text: str) -> list[tuple[list[int], list[tuple[int, int]]]]:
        """[CLS] pieces [SEP] of the text, cut into windows of at most ``max_pieces``."""
        encoding = self.tokenizer.encode(text, add_special_tokens=False)
        ids, offsets = encoding.ids, encoding.offsets
        cls_id = self.tokenizer.token_to_id("[CLS]")
        sep_id = self.tokenizer.token_to_id("[SEP]")
        size = self.max_pieces - 2
        out = []
        start = 0
        while start < len(ids) or not out:
            end = min(len(ids), start + size)
            # do not cut inside a word: back up to a piece that starts a word
            while end < len(ids) and end > start + 1 and offsets[end][0] == offsets[end - 1][1]:
                end -= 1
            out.append(
                (
                    [cls_id, *ids[start:end], sep_id],
                    [(0, 0), *offsets[start:end], (0, 0)],
                )
            )
            start = end
        return out

    def _decode(self, text: str, probs: np.ndarray, offsets: list[tuple[int, int]]) -> list[Tagged]:
        best = probs.argmax(-1)
        spans: list[Tagged] = []
        current: list[int] | None = None  # [start, end, label index, sum p, count]
        label = ""

        def close() -> None:
            nonlocal current
            if current is not None:
                start, end = _word_edges(text, current[0], current[1])
                spans.append(Tagged(start, end, label, current[3] / current[4]))
            current = None

        for k, (tag_id, (s, e)) in enumerate(zip(best, offsets, strict=True)):
            if s == e:  # [CLS], [SEP]
                continue
            tag = self.tags[int(tag_id)]
            p = float(probs[k, tag_id])
            if tag == "O":
                close()
                continue
            kind, name = tag.split("-", 1)
            continuing = (
                current is not None
                and name == label
                and (
                    kind == "I" or s == current[1]  # a B inside a word continues it
                )
            )
            if continuing:
                current[1] = e
                current[3] += p
                current[4] += 1
            else:
                close()
                label = name
                current = [s, e, 0, p, 1]
        close()
        return spans


def _word_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` widened to whole words."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def available(name: str) -> bool:
    """Whether the model files of tagger ``name`` are installed."""
    d = MODELS / name
    return all((d / f).is_file() for f in ("model.onnx", "tokenizer.json", "tags.json"))


def models_on() -> bool:
    """False when ``EVENTWIRE_MODELS=0`` turns the trained models off (rules alone)."""
    return os.environ.get("EVENTWIRE_MODELS", "1").lower() not in ("0", "off", "no", "false")


def tagger(name: str) -> SpanTagger | None:
    """The tagger ``name`` (loaded once per process), or None when the models are turned
    off, or its files or onnxruntime are missing: the rules alone then run."""
    return _load(name) if models_on() else None


@cache
def _load(name: str) -> SpanTagger | None:
    if not available(name):
        return None
    try:
        return SpanTagger(MODELS / name)
    except ImportError:
        return None
