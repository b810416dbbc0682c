"""Fine-tuning a BIO span tagger on labelled sentences (torch; the ``train`` extra).

Shared by ``eventwire train roles`` (and any other tagger): sentences with labelled
character spans in, an ONNX int8 tagger directory out (``knowledge/tagger.py`` runs it).
Deterministic for a seed, with torch on 2 threads.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from eventwire.train.encoder import Tagger, export_onnx, load_base
from eventwire.train.pieces import Encoded, LabelledSpan, encode, tag_names


@dataclass
class Settings:
    epochs: int = 3
    batch_size: int = 16
    lr: float = 5e-5
    head_lr: float = 1e-3
    max_pieces: int = 128
    seed: int = 13
    threads: int = 2
    warmup: float = 0.1
    freeze_embeddings: bool = True  # the word-piece table (11.7M of 22.7M weights) stays
    trained_layers: int = 3  # the top layers fine-tuned; the ones below stay as they are
    log_every: int = 50
    checkpoint: str | None = None  # a file to save the weights to every ``log_every`` steps


def _batches(items: list[Encoded], size: int, rng: random.Random) -> list[list[Encoded]]:
    """Batches of similar length (less padding), in random order."""
    order = sorted(range(len(items)), key=lambda k: (len(items[k].ids), rng.random()))
    batches = [[items[k] for k in order[i : i + size]] for i in range(0, len(order), size)]
    rng.shuffle(batches)
    return batches


def _tensors(batch: list[Encoded]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    width = max(len(e.ids) for e in batch)
    ids = torch.zeros((len(batch), width), dtype=torch.long)
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    labels = torch.full((len(batch), width), -100, dtype=torch.long)
    for row, e in enumerate(batch):
        n = len(e.ids)
        ids[row, :n] = torch.tensor(e.ids)
        mask[row, :n] = 1
        labels[row, :n] = torch.tensor(e.labels)
    return ids, mask, labels


def _hidden(batch: list[Encoded]) -> torch.Tensor:
    width = max(len(e.ids) for e in batch)
    first = batch[0].hidden
    assert first is not None
    out = torch.zeros((len(batch), width, first.shape[-1]))
    for row, e in enumerate(batch):
        assert e.hidden is not None
        out[row, : len(e.ids)] = e.hidden
    return out


def train(
    examples: Sequence[tuple[str, Sequence[LabelledSpan]]],
    labels: Sequence[str],
    settings: Settings,
    log: Callable[[str], None] = print,
) -> tuple[Tagger, bytes, list[str]]:
    """Fine-tune the base encoder on ``(text, spans)`` examples; returns the model, the
    tokenizer.json bytes and the tag names."""
    from tokenizers import Tokenizer

    random.seed(settings.seed)
    np.random.seed(settings.seed)
    torch.manual_seed(settings.seed)
    torch.set_num_threads(settings.threads)
    tags = tag_names(labels)
    model, tokenizer_json = load_base(len(tags))
    tokenizer = Tokenizer.from_str(tokenizer_json.decode("utf-8"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    items = [
        e
        for text, spans in examples
        for e in encode(tokenizer, text, spans, tags, settings.max_pieces)
    ]
    rng = random.Random(settings.seed)
    steps = settings.epochs * ((len(items) + settings.batch_size - 1) // settings.batch_size)
    if settings.freeze_embeddings:
        model.bert.word.weight.requires_grad_(False)
    frozen = max(0, model.bert.config.layers - settings.trained_layers)
    if frozen > 0:  # the embeddings and the lower layers stay as they are
        for p in model.bert.parameters():
            p.requires_grad_(False)
        for layer in model.bert.layers[frozen:]:
            for p in layer.parameters():
                p.requires_grad_(True)
    head = list(model.head.parameters())
    body = [p for n, p in model.named_parameters() if not n.startswith("head.") and p.requires_grad]
    optimiser = torch.optim.AdamW(
        [{"params": body, "lr": settings.lr}, {"params": head, "lr": settings.head_lr}],
        weight_decay=0.01,
    )
    warmup = max(1, int(settings.warmup * steps))

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (steps - step) / max(1, steps - warmup))

    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, factor)
    if frozen > 0:  # the frozen layers' output, computed once per window
        model.eval()
        with torch.no_grad():
            for first in range(0, len(items), 64):
                chunk = items[first : first + 64]
                ids, mask, _ = _tensors(chunk)
                hidden = model.bert.lower(ids, mask, frozen)
                for row, e in enumerate(chunk):
                    e.hidden = hidden[row, : len(e.ids)].clone()
        log(f"cached the output of the {frozen} frozen layers")
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=-100)
    pieces = sum(len(e.ids) for e in items)
    log(f"{len(items)} windows, {pieces} word pieces, {steps} steps")
    step = 0
    started = time.perf_counter()
    model.train()
    if frozen > 0:
        model.bert.eval()  # no dropout below the trained layers
        for layer in model.bert.layers[frozen:]:
            layer.train()
    for epoch in range(settings.epochs):
        total = 0.0
        for batch in _batches(items, settings.batch_size, rng):
            ids, mask, gold = _tensors(batch)
            if frozen > 0:
                hidden = _hidden(batch)
                logits = model.head(model.dropout(model.bert.upper(hidden, mask, frozen)))
            else:
                logits = model(ids, mask)
            loss = loss_fn(logits.view(-1, logits.shape[-1]), gold.view(-1))
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimiser.step()
            schedule.step()
            total += loss.item()
            step += 1
            if step % settings.log_every == 0:
                elapsed = time.perf_counter() - started
                mean = total / settings.log_every
                log(f"epoch {epoch + 1} step {step}/{steps} loss {mean:.4f} {elapsed:.0f}s")
                total = 0.0
                if settings.checkpoint:
                    torch.save(model.state_dict(), settings.checkpoint)
    model.eval()
    for e in items:
        e.hidden = None
    return model, tokenizer_json, tags


def save(model: Tagger, tokenizer_json: bytes, tags: list[str], out: Path, max_pieces: int) -> None:
    """Write the tagger directory: model.onnx (int8), tokenizer.json, tags.json."""
    out.mkdir(parents=True, exist_ok=True)
    export_onnx(model, out / "model.onnx", quantize=True)
    (out / "tokenizer.json").write_bytes(tokenizer_json)
    (out / "tags.json").write_text(
        json.dumps({"tags": tags, "max_pieces": max_pieces}, indent=1) + "\n", "utf-8"
    )
