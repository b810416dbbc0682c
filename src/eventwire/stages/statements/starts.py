"""Where a content starts, as PolNeAR draws it, learned: a ranking of candidate starts.

The rules start a content after its cue, but PolNeAR's content often starts elsewhere:
it takes in the addressee or leaves it out ("told his supporters to stay home"), it
starts after a preposition or a comma that belongs to the cue's circumstances, or (for a
content before its cue) at a different word of the sentence.

For a content after its cue, the candidates are the words from the cue's end (or the
source's, or another attribution's cue, whichever is last) to ``AFTER`` words into the
rules' content; for one before its cue ("…, he said"), from ``BEFORE`` words before its
start (in its paragraph, after the previous cue).  Each is described by string
features: where it lies against the rules' start (before, after, how far), the word and
dependency at it and before it, what lies between the cue and it (an addressee, "that",
a preposition, a comma, a quotation mark, their dependencies), whether it is the
addressee's start or end, the subtree starting there and where it hangs, each with the
cue's lemma ("likened X to …", "called on X to …").  A conditional logit fitted on
PolNeAR train by ``eventwire train attribution`` (``knowledge/attribution_starts.json``,
with ``train.ends``'s helpers) scores them and the best one is the start.  Without the
file ``model()`` is None and the rules' start stands.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import partial

from spacy.strings import get_string_id
from spacy.tokens import Doc

from eventwire.knowledge.files import data_file, trained
from eventwire.stages.statements.ends import EndModel, Tokens, bucket, eligible, load
from eventwire.stages.statements.quotes import Attribution

__all__ = ["MODEL_FILE", "apply", "features", "model", "prepare"]

MODEL_FILE = "attribution_starts.json"
BEFORE = 15  # at most this many words before the rules' start
AFTER = 6  # at most this many words after it
_THAT = get_string_id("that")


@dataclass(frozen=True)
class Context:
    """What the features of one attribution's candidates look up."""

    tokens: Tokens
    rule_start: int  # the rules' start
    low: int  # the end of the cue (or of what stands between it and the content)
    frame: str
    addressee: tuple[int, int] | None
    cue_head: int
    cue: tuple[int, int]
    end: int  # the content's end


def _skip(tk: Tokens, i: int, stop: int) -> int:
    """``i`` past spaces and punctuation but quotes and brackets."""
    while i < stop - 1 and (tk.space[i] or (tk.punct[i] and not tk.quote[i])):
        i += 1
    return i


def candidates(tk: Tokens, low: int, a: int, b: int) -> list[int]:
    """The candidate starts (sorted, distinct) of a content ``[a, b)`` whose cue ends at
    ``low``: the words from ``max(low, a - BEFORE)`` to ``a + AFTER``, past punctuation."""
    lo = max(low, a - BEFORE)
    hi = min(a + AFTER, b - 1)
    out = {a}
    for i in range(lo, hi + 1):
        s = _skip(tk, i, b)
        if s < b:
            out.add(s)
    return sorted(out)


def _between(tk: Tokens, lo: int, hi: int, tag: str) -> list[str]:
    """What the words ``[lo, hi)`` hold, as features tagged ``tag``."""
    seen: set[str] = set()
    for i in range(lo, hi):
        if tk.space[i]:
            continue
        if tk.lower[i] == _THAT:
            seen.add("that:" + tk.name(tk.dep[i]))
        elif tk.quote[i]:
            seen.add("quote")
        elif tk.punct[i]:
            seen.add("p:" + tk.word(i))
        else:
            seen.add("dep:" + tk.name(tk.dep[i]))
    return [f"{tag}:{x}" for x in sorted(seen)]


def features(att: Attribution, s: int, ctx: Context) -> list[str]:
    """The features of starting ``att``'s content at token ``s``."""
    tk = ctx.tokens
    a = ctx.rule_start
    rel = "same" if s == a else "before" if s < a else "after"
    out = [f"rel:{rel}", f"rel_frame:{rel}:{ctx.frame}", f"dist:{rel}:{bucket(abs(s - a))}"]
    out.append(f"gap:{bucket(s - ctx.low)}")
    word, dep = tk.word(s), tk.name(tk.dep[s])
    out += [f"word:{word}", f"word_rel:{rel}:{word}", f"dep:{dep}", f"dep_rel:{rel}:{dep}"]
    out.append(f"dep_frame:{dep}:{ctx.frame}")
    p = s - 1
    while p > ctx.low and tk.space[p]:
        p -= 1
    pdep = "cue"
    if p >= ctx.low:
        prev, pdep = tk.word(p), tk.name(tk.dep[p])
        out += [f"prev:{prev}", f"prev_dep:{pdep}", f"prev_pair:{prev}:{word}"]
        out.append(f"prev_frame:{pdep}:{ctx.frame}")
    else:
        out.append("at_cue")
    if s != a:
        lo, hi = min(s, a), max(s, a)
        out += _between(tk, lo, hi, "moved_" + rel)
    if not ctx.frame.endswith(":pre"):  # what lies between the cue and the start
        skipped = _between(tk, ctx.low, s, "skipped")
        out += skipped + [f"{x}:{ctx.frame}" for x in skipped]
    top = s
    for _ in range(6):  # "the" → "candidates": up to the word the words from s hang from
        h = tk.head[top]
        if h <= top or h >= ctx.end:
            break
        top = h
    h = tk.head[top]
    where = "cue" if ctx.cue[0] <= h < ctx.cue[1] else "skipped" if ctx.low <= h < s else "far"
    piece = f"{tk.name(tk.dep[top])}:{where}"
    out += [f"top:{piece}", f"top_frame:{piece}:{ctx.frame}", f"top_rel:{piece}:{rel}"]
    out += [f"lemma_top:{att.lemma}:{piece}", f"lemma_prev:{att.lemma}:{pdep}"]
    if ctx.addressee is not None:
        x, y = ctx.addressee
        where = "at" if s == x else "after" if s >= y else "before" if s < x else "inside"
        out += [f"addressee:{where}", f"addressee_frame:{where}:{ctx.frame}"]
    h = tk.head[s]
    out.append(f"head:{'cue' if h == ctx.cue_head else 'left' if h < s else 'right'}")
    return out


def prepare(
    doc: Doc, found: list[Attribution], tokens: Tokens | None = None
) -> list[tuple[Attribution, list[int], Context]]:
    """Each eligible attribution of ``found`` with its candidate starts and their context
    (a content before its cue: from ``BEFORE`` words before its start, in its paragraph,
    after the previous cue); ``tokens``: the Doc's columns, made here when not given."""
    heads = sorted(att.head for att in found)
    out: list[tuple[Attribution, list[int], Context]] = []
    tk = tokens
    for att in found:
        if not eligible(att) or att.content is None:
            continue
        a, b = att.content
        if b - a < 2:
            continue
        pre = b <= att.cue[0]  # "…, he said"
        if not pre and a < att.cue[1]:
            continue
        k = bisect_left(heads, a)
        if pre:
            low = max(0, a - BEFORE, heads[k - 1] + 1 if k else 0)
            for i in range(a - 1, low - 1, -1):
                if "\n" in doc[i].text:  # not into the paragraph before
                    low = i + 1
                    break
        else:
            low = att.cue[1]
            if att.source is not None and low <= att.source[0] < a:
                low = max(low, att.source[1])
            if k and heads[k - 1] >= low:
                low = heads[k - 1] + 1  # another cue between: not before it
        if low > a:
            continue
        tk = tk or Tokens(doc)
        frame = att.frame + ("+direct" if att.direct else "") + (":pre" if pre else "")
        ctx = Context(tk, a, low, frame, att.addressee, att.head, att.cue, b)
        out.append((att, candidates(tk, low, a, b), ctx))
    return out


def apply(
    doc: Doc, found: list[Attribution], start_model: EndModel, tokens: Tokens | None = None
) -> None:
    """Start each eligible content of ``found`` where ``start_model`` ranks best."""
    for att, cands, ctx in prepare(doc, found, tokens):
        if att.content is not None:
            best = start_model.best(cands, partial(features, att, ctx=ctx), ctx.rule_start)
            att.content = (best, att.content[1])


@trained("attribution")
def model() -> EndModel | None:
    """The package's start model (weights scored as ``ends``'s); None without its file."""
    return load(data_file(MODEL_FILE))
