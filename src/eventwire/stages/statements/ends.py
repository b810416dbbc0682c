"""Where a content ends, as PolNeAR draws it, learned: a ranking of candidate ends.

The rules give a content (a clause, an object, a quotation…) whose end is often not
PolNeAR's: the gold content runs on over a coordinated clause ("…by the size of their
breasts and talked about which ones…"), an apposition, a relative clause, or into the
next sentences of the paragraph where the speaker goes on; or it stops before a
clause that comments on what was said (", which makes him an outlier").

The candidates are the ends of the subtrees of the content's sentence after its start,
the rules' end, and the ends of the next ``MAX_SENTENCES`` sentences of the paragraph.
Each is described by string features: where it lies against the rules' end (before,
after, how far, over another attribution's cue), the words around it, the piece it cuts
off or adds (its dependency, what sets it off, its first word), and for a later sentence
how that sentence begins (a pronoun, a quotation, a cue of its own).  A conditional
logit fitted on PolNeAR train by ``eventwire train attribution``
(``knowledge/attribution_ends.json``) scores them and the best one is the end.  At run
time no candidate runs past a wall (``_limit``): another attribution's cue or content, a
quotation resumed after its cue, a preposition of the cue's circumstances.  Without
the file ``model()`` is None and the table of pieces (``boundaries``) or the rules decide.
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from importlib.resources.abc import Traversable
from pathlib import Path

import numpy as np
from spacy.attrs import DEP, HEAD, IS_PUNCT, IS_SPACE, IS_STOP, LOWER, ORTH, POS
from spacy.strings import get_string_id
from spacy.symbols import AUX, VERB
from spacy.tokens import Doc

from eventwire.knowledge.files import data_file, trained
from eventwire.stages.statements.quotes import CIRCUMSTANCES, QUOTES, Attribution

__all__ = [
    "MAX_SENTENCES",
    "MODEL_FILE",
    "EndModel",
    "bucket",
    "candidates",
    "features",
    "load",
    "model",
]

MODEL_FILE = "attribution_ends.json"
MAX_SENTENCES = 2  # later sentences of the paragraph a content may run into
SEPARATORS = (",", ";", "--", "—", "–", "-", ":", "(")
Range = tuple[int, int]


class Tokens:
    """The columns of a Doc the features read, as Python lists (one ``to_array`` per
    Doc: no Token objects), and the strings of their ids, looked up once."""

    def __init__(self, doc: Doc) -> None:
        cols = doc.to_array([IS_PUNCT, IS_SPACE, IS_STOP, DEP, POS, LOWER, HEAD, ORTH])
        n = len(doc)
        idx = np.arange(n)
        head = idx + cols[:, 6].astype(np.int64)
        self.n = n
        self.punct: list[bool] = cols[:, 0].astype(bool).tolist()
        self.space: list[bool] = cols[:, 1].astype(bool).tolist()
        self.stop: list[bool] = cols[:, 2].astype(bool).tolist()
        self.dep: list[int] = cols[:, 3].tolist()
        self.pos: list[int] = cols[:, 4].tolist()
        self.lower: list[int] = cols[:, 5].tolist()
        self.head: list[int] = head.tolist()
        quote = np.isin(cols[:, 7], _QUOTE_IDS)
        self.quote: list[bool] = quote.tolist()
        self.quotes_before: list[int] = np.concatenate([[0], np.cumsum(quote)]).tolist()
        verb = (cols[:, 4] == VERB) | (cols[:, 4] == AUX)
        self.verbs_before: list[int] = np.concatenate([[0], np.cumsum(verb)]).tolist()
        comma = cols[:, 7] == _COMMA
        self.commas_before: list[int] = np.concatenate([[0], np.cumsum(comma)]).tolist()
        right_child = np.zeros(n, dtype=bool)
        right_child[head[head < idx]] = True
        self.right_child: list[bool] = right_child.tolist()  # a dependent after it
        self.cc = [d == _CC for d in self.dep]
        self.strings = doc.vocab.strings
        self._names: dict[int, str] = {}
        self._words: dict[int, str] = {}

    def name(self, value: int) -> str:
        """The string of an id."""
        out = self._names.get(value)
        if out is None:
            out = self._names[value] = self.strings[value] if value else ""
        return out

    def word(self, i: int) -> str:
        """Token ``i`` as a feature value: punctuation and stop words as themselves, else
        its part of speech."""
        out = self._words.get(i)
        if out is None:
            value = self.lower[i] if self.punct[i] or self.stop[i] else self.pos[i]
            out = self._words[i] = self.name(value)
        return out

    def trimmed_end(self, a: int, e: int) -> int:
        """``e`` without the spaces, punctuation (but quotes and ")") and conjunctions
        before it."""
        while e > a + 1 and (
            self.space[e - 1]
            or (self.punct[e - 1] and not self.quote[e - 1] and self.lower[e - 1] != _CLOSE)
            or self.cc[e - 1]
        ):
            e -= 1
        return e


_QUOTE_IDS = np.array([get_string_id(q) for q in QUOTES], dtype=np.uint64)
_CC = get_string_id("cc")
_COMMA = get_string_id(",")
_CLOSE = get_string_id(")")
_SEPARATORS = {get_string_id(s) for s in SEPARATORS}


def candidates(tk: Tokens, content: Range, sentence_end: int, later: list[int]) -> list[int]:
    """The candidate ends of ``content`` (token indexes, sorted, distinct): the ends of the
    subtrees of its sentence (which ends at ``sentence_end``) after its start (a token
    with no dependent after it ends one), its own end, and ``later`` (the ends of the
    next sentences)."""
    a, b = content
    ends = {b, *later}
    stop = max(sentence_end, b)
    rc, punct = tk.right_child, tk.punct
    for i in range(a, stop):
        if not rc[i]:
            ends.add(i + 1)
        if punct[i] and i > a:
            ends.add(i)
    out: list[int] = []
    for e in sorted({tk.trimmed_end(a, e) for e in ends if e > a}, reverse=True):
        if out and all(tk.punct[k] for k in range(e, out[-1])):
            continue  # the same words as the wider end, but for quotes and brackets
        out.append(e)
    return out[::-1]


def bucket(n: int) -> str:
    """``n`` as a feature value: 0, 1, 2, 3-4, 5-8, 9-16, 17+."""
    for limit, name in ((0, "0"), (1, "1"), (2, "2"), (4, "3-4"), (8, "5-8"), (16, "9-16")):
        if n <= limit:
            return name
    return "17+"


def _piece(tk: Tokens, a: int, e: int, stop: int) -> str:
    """What starts right after the end ``e``: what sets it off (a comma, a conjunction,
    nothing), the dependency of the subtree starting there, where its head is (in the
    content, before it, after it), and its first word."""
    j = e
    sep = "-"
    while j < stop and (tk.punct[j] or tk.cc[j]) and not tk.quote[j]:
        sep = "cc" if tk.cc[j] else tk.name(tk.lower[j]) if tk.lower[j] in _SEPARATORS else "p"
        j += 1
    if j >= stop:
        return f"{sep}:END"
    top = j
    for _ in range(4):  # "the" → "plans": up to the word the subtree hangs from
        h = tk.head[top]
        if h <= top or h >= stop:
            break
        top = h
    head = tk.head[top]
    where = "in" if a <= head < e else "cue" if head < a else "out"
    return f"{sep}:{tk.name(tk.dep[top])}:{where}:{tk.word(j)}"


@dataclass(frozen=True)
class Context:
    """What the features of one attribution's candidates look up."""

    tokens: Tokens
    rule_end: int  # the rules' end (trimmed)
    sentence_end: int  # the end of the content's sentence
    later: list[int]  # the ends of the next sentences of the paragraph
    heads: list[int]  # the heads of every attribution's cue, sorted
    frame: str
    limit: int  # no end after it: the next wall (``_walls``) after the rules' end


def features(att: Attribution, e: int, ctx: Context) -> list[str]:
    """The features of ending ``att``'s content at token ``e``."""
    tk = ctx.tokens
    a = att.content[0] if att.content else att.head
    b = ctx.rule_end
    rel = "same" if e == b else "before" if e < b else "after"
    out = [f"rel:{rel}", f"rel_frame:{rel}:{ctx.frame}", f"dist:{rel}:{bucket(abs(e - b))}"]
    k = min(bisect_left(ctx.later, e) + 1, len(ctx.later)) if e > ctx.sentence_end else 0
    out.append(f"sents:{k}")
    lo, hi = min(e, b), max(e, b)
    out.append(f"len:{bucket(e - a)}")
    if e != b:
        cues = bisect_left(ctx.heads, hi) - bisect_left(ctx.heads, lo)
        out.append(f"cue_between:{rel}:{min(cues, 2)}")
        verbs = tk.verbs_before[hi] - tk.verbs_before[lo]
        commas = tk.commas_before[hi] - tk.commas_before[lo]
        out.append(f"moved:{rel}:{min(verbs, 2)}:{min(commas, 2)}")
    stop = ctx.sentence_end if e <= ctx.sentence_end else tk.n
    piece = _piece(tk, a, e, stop)
    out += [f"piece:{piece}", f"piece_rel:{rel}:{piece}"]
    out.append(f"piece_frame:{rel}:{piece.rsplit(':', 1)[0]}:{ctx.frame}")
    last = e - 1
    out += [f"last:{tk.word(last)}", f"last_dep:{tk.name(tk.dep[last])}:{rel}"]
    if e < tk.n:
        out += [f"next:{tk.word(e)}", f"next_dep:{tk.name(tk.dep[e])}:{rel}"]
    quotes = tk.quotes_before[e] - tk.quotes_before[a]
    if quotes % 2:
        out.append("open_quote")
    if e == ctx.sentence_end:
        out.append(f"sentence_end:{ctx.frame}")
    if k:
        first = ctx.sentence_end
        while tk.space[first] and first + 1 < tk.n:
            first += 1
        out.append(f"later_first:{k}:{tk.word(first)}")
        if tk.quote[first]:
            out.append(f"later_quote:{k}:{quotes % 2}")
        own = bisect_left(ctx.heads, e) - bisect_left(ctx.heads, ctx.sentence_end)
        out.append(f"later_cue:{k}:{min(own, 1)}")
        out.append(f"later_direct:{k}:{int(att.direct)}")
    return out


# frames whose content is a quotation or a line as it stands
FIXED = frozenset({"quote", "signed", "headline", "noun"})


def eligible(att: Attribution) -> bool:
    """Whether the model moves the end of ``att``'s content: not a quotation next to its
    cue, a headline or a signed line (their contents are the quotation, the line), not a
    quotation resumed after the cue, not words inside someone's quotation."""
    if att.content is None or att.in_quote or att.gap is not None:
        return False
    return att.frame not in FIXED


def _walls(found: list[Attribution]) -> list[int]:
    """Where no content may run past: another attribution's cue (PolNeAR gives a word to
    one attribution at most, and the statements stage would drop the one inside), the
    start of another content, a quotation resumed after its cue ("“A,” he said,
    pointing out that B. “C.”"), sorted."""
    walls = {att.head for att in found}
    for att in found:
        if att.content is not None:
            walls.add(att.content[0])
        if att.gap is not None:
            walls.add(att.gap[1])
    return sorted(walls)


def _limit(doc: Doc, att: Attribution, walls: list[int], rule_end: int) -> int:
    """The last end ``att``'s content may have: the first wall at or after the rules'
    end, or a preposition of the cue's circumstances after it ("denounced the plan as
    reckless during a meeting": when, not what; PolNeAR's contents keep it half the
    time, the rules leave it out)."""
    k = bisect_left(walls, rule_end)
    limit = walls[k] if k < len(walls) else len(doc)
    for child in doc[att.head].rights:
        if rule_end <= child.i < limit and child.dep_ == "prep" and child.lower_ in CIRCUMSTANCES:
            return child.i
    return limit


def prepare(
    doc: Doc,
    found: list[Attribution],
    starts: list[int] | None = None,
    ends: list[int] | None = None,
    breaks: list[int] | None = None,
    bounded: bool = True,
    tokens: Tokens | None = None,
) -> list[tuple[Attribution, list[int], Context]]:
    """Each eligible attribution of ``found`` with its candidate ends and their context.

    ``starts``/``ends``: the sentences' bounds; ``breaks``: the line-break tokens (the
    paragraphs' bounds); ``tokens``: the Doc's columns; computed here when not given.
    ``bounded``: only the candidates up to the content's limit (training ranks them
    all)."""
    if starts is None or ends is None:
        starts = [s.start for s in doc.sents]
        ends = [*starts[1:], len(doc)]
    if breaks is None:
        breaks = [t.i for t in doc if t.is_space and "\n" in t.text]
    heads = sorted(att.head for att in found)
    walls = _walls(found)
    out: list[tuple[Attribution, list[int], Context]] = []
    tk = tokens
    for att in found:
        if not eligible(att) or att.content is None:
            continue
        tk = tk or Tokens(doc)
        a, b = att.content
        k = bisect_right(starts, b - 1) - 1
        p = bisect_right(breaks, b - 1)
        hi = breaks[p] if p < len(breaks) else len(doc)
        sentence_end = min(ends[k], hi)
        later = []
        for s, e in zip(starts[k + 1 : k + 1 + MAX_SENTENCES], ends[k + 1 :], strict=False):
            if s >= hi:
                break
            later.append(tk.trimmed_end(s, min(e, hi)))
        rule_end = tk.trimmed_end(a, b)
        frame = att.frame + ("+direct" if att.direct else "")
        limit = _limit(doc, att, walls, rule_end)
        ctx = Context(tk, rule_end, sentence_end, later, heads, frame, limit)
        stop = min(sentence_end, limit) if bounded else sentence_end
        upto = [e for e in later if e <= limit] if bounded else later
        out.append((att, candidates(tk, (a, rule_end), stop, upto), ctx))
    return out


def apply(
    doc: Doc,
    found: list[Attribution],
    end_model: EndModel,
    starts: list[int] | None = None,
    ends: list[int] | None = None,
    breaks: list[int] | None = None,
    tokens: Tokens | None = None,
) -> None:
    """End each eligible content of ``found`` where ``end_model`` ranks best."""
    for att, cands, ctx in prepare(doc, found, starts, ends, breaks, tokens=tokens):
        if att.content is not None:
            att.content = (att.content[0], end_model.end(att, cands, ctx))


@dataclass(frozen=True)
class EndModel:
    """The fitted weights of the features."""

    weights: dict[str, float]

    def score(self, feats: list[str]) -> float:
        get = self.weights.get
        return sum(w for w in map(get, feats) if w is not None)

    def best(self, cands: list[int], describe: Callable[[int], list[str]], rule: int) -> int:
        """The best scored of the candidates ``cands`` (their features: ``describe``);
        ``rule`` when there are none."""
        best, best_score = rule, float("-inf")
        for c in cands:
            s = self.score(describe(c))
            if s > best_score:
                best, best_score = c, s
        return best

    def end(self, att: Attribution, cands: list[int], ctx: Context) -> int:
        """The best of the candidate ends ``cands`` of ``att``'s content."""
        return self.best(cands, partial(features, att, ctx=ctx), ctx.rule_end)


def load(path: Traversable | Path) -> EndModel | None:
    """The end model in file ``path``; None where there is no such file."""
    if not path.is_file():
        return None
    return EndModel(json.loads(path.read_text("utf-8"))["weights"])


@trained("attribution")
def model() -> EndModel | None:
    """The package's end model; None without its file."""
    return load(data_file(MODEL_FILE))
