"""Where a cue starts and ends, as PolNeAR draws it, learned: two rankings of candidates.

The rules' cue is the cue word with its verb group ("has repeatedly accused") or the
verbs it hangs from ("went on to discuss").  PolNeAR's cue often differs: it takes in the
preposition the content hangs from ("pointed to X", "talked about X", "responded to X"),
the circumstances right after the verb ("said in a statement Saturday", "told Reuters in
an interview"), a particle or object ("called them on it"), and it leaves out what
introduces the clause ("when asked", "then listed", "also said") or the verb of a
longer chain ("charged X after determining").

For each attribution the candidates are the starts from the rules' start (or ``LEFT``
words before the head) up to the head, and the ends from just after the head to the
rules' end (or ``RIGHT`` words after the head); none crosses punctuation, the source,
another cue or the whole content.  Each is described by string features of the words it
adds or cuts (their dependency and the word, a stop word as itself, else its part of
speech), the word beyond it, the cue's lemma and frame.  Two conditional logits fitted
on PolNeAR train by ``eventwire train attribution`` (``knowledge/attribution_cue_spans.json``,
with ``train.ends``'s fitting) score them; the best start and end make the cue, and a
content after the cue starts no earlier than its new end.  Without the file ``model()``
is None and the rules' cue stands.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from dataclasses import dataclass
from functools import partial
from importlib.resources.abc import Traversable
from pathlib import Path

from spacy.tokens import Doc

from eventwire.knowledge.files import data_file, trained
from eventwire.stages.statements.ends import EndModel, Tokens, bucket
from eventwire.stages.statements.quotes import Attribution

__all__ = ["MODEL_FILE", "CueSpanModel", "apply", "end_features", "load", "model", "prepare"]

MODEL_FILE = "attribution_cue_spans.json"
LEFT = 4  # at most this many words before the head (beside the rules' start)
RIGHT = 8  # at most this many words after it (beside the rules' end)
FIXED = frozenset({"headline", "signed", "quote"})  # a mark or a quotation: as it stands
_OPEN = frozenset({"-", "'s", "’s"})  # punctuation a cue may run over


@dataclass(frozen=True)
class Context:
    """What the features of one attribution's candidates look up."""

    tokens: Tokens
    cue: tuple[int, int]  # the rules' cue
    head: int
    frame: str
    lemma: str
    content: tuple[int, int] | None


def _word(tk: Tokens, i: int) -> str:
    return f"{tk.name(tk.dep[i])}:{tk.word(i)}"


def _words(tk: Tokens, lo: int, hi: int, tag: str) -> list[str]:
    """The words ``[lo, hi)`` as features tagged ``tag`` (each word, and the run's
    first and last)."""
    out = [f"{tag}:n:{bucket(hi - lo)}"]
    for i in range(lo, hi):
        if not tk.space[i]:
            out += [f"{tag}:{_word(tk, i)}", f"{tag}_w:{tk.name(tk.lower[i])}"]
    if hi > lo:
        out += [f"{tag}_first:{_word(tk, lo)}", f"{tag}_last:{_word(tk, hi - 1)}"]
    if 0 < hi - lo <= 5:  # the run as a whole: "in a statement", "on PROPN"
        words = [tk.word(i) for i in range(lo, hi)]
        out += [f"{tag}_seq:{' '.join(words)}"]
        out.append(f"{tag}_text:{' '.join(tk.name(tk.lower[i]) for i in range(lo, hi))}")
    return out


def start_features(s: int, ctx: Context) -> list[str]:
    """The features of starting the cue at token ``s``."""
    tk, a = ctx.tokens, ctx.cue[0]
    rel = "same" if s == a else "before" if s < a else "after"
    out = [f"rel:{rel}", f"rel_frame:{rel}:{ctx.frame}", f"dist_head:{bucket(ctx.head - s)}"]
    if s != a:
        tag = "cut" if s > a else "added"
        words = _words(tk, min(s, a), max(s, a), tag)
        out += words + [f"{x}:{ctx.frame}" for x in words if ":n:" not in x]
    out += _words(tk, s, ctx.head, "kept")
    out += [f"first:{_word(tk, s)}", f"first_lemma:{ctx.lemma}:{tk.word(s)}"]
    if s > 0:
        out += [f"before:{_word(tk, s - 1)}", f"before_pair:{tk.word(s - 1)}:{tk.word(s)}"]
    return out


def end_features(e: int, ctx: Context) -> list[str]:
    """The features of ending the cue at token ``e`` (exclusive)."""
    tk, b = ctx.tokens, ctx.cue[1]
    rel = "same" if e == b else "before" if e < b else "after"
    out = [f"rel:{rel}", f"rel_frame:{rel}:{ctx.frame}", f"dist_head:{bucket(e - ctx.head)}"]
    if e != b:
        tag = "cut" if e < b else "added"
        words = _words(tk, min(e, b), max(e, b), tag)
        out += words + [f"{x}:{ctx.frame}" for x in words if ":n:" not in x]
        out.append(f"{tag}_lemma:{ctx.lemma}:{tk.word(min(e, b))}")
    out += _words(tk, ctx.head + 1, e, "kept")
    last = e - 1
    out += [f"last:{_word(tk, last)}", f"last_lemma:{ctx.lemma}:{tk.word(last)}"]
    if e < tk.n:
        out += [f"next:{_word(tk, e)}", f"next_pair:{tk.word(last)}:{tk.word(e)}"]
        out.append(f"next_lemma:{ctx.lemma}:{tk.word(e)}")
    if ctx.content is not None and ctx.content[0] >= ctx.head:
        where = bucket(ctx.content[0] - e) if e <= ctx.content[0] else "into"
        out += [f"to_content:{where}", f"to_content_frame:{where}:{ctx.frame}"]
    return out


def _bounds(att: Attribution, heads: list[int], n: int) -> tuple[int, int]:
    """The first start and the last end the cue of ``att`` may have: not over its
    source, another cue, its sentence or the whole of its content."""
    h = att.head
    lo, hi = max(0, h - LEFT), min(n, h + 1 + RIGHT)
    if att.sentence is not None:
        lo, hi = max(lo, att.sentence[0]), min(hi, att.sentence[1])
    k = bisect_left(heads, h)
    if k:
        lo = max(lo, heads[k - 1] + 1)
    if k + 1 < len(heads):
        hi = min(hi, heads[k + 1])
    for rng in (att.source, att.content):
        if rng is None:
            continue
        if rng[1] <= h:
            lo = max(lo, rng[1])
        elif rng[0] > h:
            limit = rng[1] - 1 if rng is att.content else rng[0]
            hi = min(hi, limit)
    return min(lo, att.cue[0]), max(hi, att.cue[1])


def candidates(tk: Tokens, att: Attribution, lo: int, hi: int) -> tuple[list[int], list[int]]:
    """The candidate starts and ends of ``att``'s cue within ``[lo, hi)``: no run of
    words with punctuation (but hyphens and "'s") between them and the head."""
    h = att.head
    starts = {att.cue[0], h}
    for s in range(h - 1, lo - 1, -1):
        if (tk.punct[s] and tk.name(tk.lower[s]) not in _OPEN) or tk.space[s]:
            break
        starts.add(s)
    ends = {att.cue[1], h + 1}
    for e in range(h + 1, hi):
        if (tk.punct[e] and tk.name(tk.lower[e]) not in _OPEN) or tk.space[e]:
            break
        ends.add(e + 1)
    return sorted(s for s in starts if s <= h), sorted(e for e in ends if e > h)


def eligible(att: Attribution) -> bool:
    """Whether the models move ``att``'s cue: a word's cue with its head inside it, not
    one whose object states the stance ("took responsibility", "sent condolences": the
    stance's evidence)."""
    if att.frame in FIXED or att.in_quote or att.object_stance is not None:
        return False
    return att.cue[0] <= att.head < att.cue[1]


def prepare(
    doc: Doc, found: list[Attribution], tokens: Tokens | None = None
) -> list[tuple[Attribution, list[int], list[int], Context]]:
    """Each eligible attribution of ``found`` with its candidate starts and ends and
    their context; ``tokens``: the Doc's columns, made here when not given."""
    heads = sorted(att.head for att in found)
    out: list[tuple[Attribution, list[int], list[int], Context]] = []
    tk = tokens
    for att in found:
        if not eligible(att):
            continue
        tk = tk or Tokens(doc)
        lo, hi = _bounds(att, heads, len(doc))
        starts, ends = candidates(tk, att, lo, hi)
        frame = att.frame + ("+direct" if att.direct else "")
        ctx = Context(tk, att.cue, att.head, frame, att.lemma, att.content)
        out.append((att, starts, ends, ctx))
    return out


@dataclass(frozen=True)
class CueSpanModel:
    """The start and the end rankings."""

    start: EndModel
    end: EndModel


def apply(
    doc: Doc, found: list[Attribution], cue_model: CueSpanModel, tokens: Tokens | None = None
) -> None:
    """Give each eligible attribution of ``found`` the cue ``cue_model`` ranks best; a
    content after the cue starts after its new end."""
    for att, starts, ends, ctx in prepare(doc, found, tokens):
        s = cue_model.start.best(starts, partial(start_features, ctx=ctx), att.cue[0])
        e = cue_model.end.best(ends, partial(end_features, ctx=ctx), att.cue[1])
        if att.content is not None and att.content[0] > att.head:
            a, b = att.content
            if e >= b:
                continue
            att.content = (max(a, e), b)
        att.cue = (s, e)


def load(path: Traversable | Path) -> CueSpanModel | None:
    """The cue-span model in file ``path``; None where there is no such file."""
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    return CueSpanModel(EndModel(data["start"]), EndModel(data["end"]))


@trained("attribution")
def model() -> CueSpanModel | None:
    """The package's cue-span model; None without its file."""
    return load(data_file(MODEL_FILE))
