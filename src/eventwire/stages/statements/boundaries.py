"""Where a content ends, as PolNeAR draws it: which clauses at the end of a content belong
to what was said ("…, which makes him an outlier" after "acknowledged the reality of
climate change" does not; "…, although he refused…" after "claimed that…" does not), and
which right after it do ("…and passing more gun control").

A *piece* is a subtree hanging from a word of the content that ends the content (inside)
or follows it in the sentence (outside); its kind is its dependency, what sets it off (a
comma, a conjunction) and its first word.  ``eventwire train attribution`` counts on
PolNeAR train how often PolNeAR's content kept each kind of piece
(``knowledge/attribution_boundaries.tsv``); ``adjust`` cuts a content before the first
inside piece of a kind usually left out and extends it over the outside pieces of kinds
usually kept.  Without the table contents stay as the rules make them.
"""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.knowledge.files import data_file, trained

__all__ = ["TABLE_FILE", "Piece", "adjust", "pieces", "read_table", "table"]

TABLE_FILE = "attribution_boundaries.tsv"
MIN_SEEN = 8  # a kind of piece seen fewer times in train is left as the rules have it
PIECE_DEPS = frozenset(
    {
        *("relcl", "advcl", "conj", "prep", "acl", "appos", "npadvmod", "ccomp"),
        *("xcomp", "dobj", "parataxis", "advmod", "dep", "oprd", "attr", "pobj", "agent"),
    }
)
Range = tuple[int, int]
Piece = tuple[int, int, str]  # start, end, kind ("in:relcl:,:which")


def _end(doc: Doc, a: int, b: int) -> int:
    """``b`` without the punctuation that closes the range."""
    while b > a + 1 and doc[b - 1].is_punct:
        b -= 1
    return b


def _separator(doc: Doc, i: int) -> bool:
    """A comma, dash or conjunction that sets a piece off."""
    return doc[i].text in (",", "--", "—") or doc[i].dep_ == "cc"


def _kind(doc: Doc, side: str, dep: str, start: int, first: int) -> str:
    sep = "-"
    if start < first:
        sep = "," if any(doc[k].text == "," for k in range(start, first)) else "cc"
    word = doc[first]
    return f"{side}:{dep}:{sep}:{word.lower_ if word.is_stop else word.pos_}"


def pieces(doc: Doc, content: Range, stop: int) -> tuple[list[Piece], list[Piece]]:
    """The inside and outside pieces of ``content`` (the sentence ends at ``stop``):
    inside ones as (where the content would end, its end, kind), outside ones as (the
    content's end, where it would end, kind), each in text order."""
    a, b = content
    end = _end(doc, a, b)
    inside: list[Piece] = []
    for j in range(a + 1, b):
        tok = doc[j]
        h = tok.head.i
        if not a <= h < j or tok.dep_ not in PIECE_DEPS or tok.right_edge.i + 1 < end:
            continue
        first = tok.left_edge.i
        start = first
        while start - 1 > a and (
            doc[start - 1].text in (",", "--", "—") or doc[start - 1].dep_ == "cc"
        ):
            start -= 1
        if start > a:
            inside.append((start, b, _kind(doc, "in", tok.dep_, start, first)))
    outside: list[Piece] = []
    for j in range(b, stop):
        tok = doc[j]
        h = tok.head.i
        if not a <= h < b or tok.dep_ not in PIECE_DEPS or tok.left_edge.i < b:
            continue
        first = tok.left_edge.i
        start = b
        if any(not (doc[k].is_punct or _separator(doc, k)) for k in range(b, first)):
            continue  # words between the content and the piece
        outside.append(
            (b, _end(doc, first, tok.right_edge.i + 1), _kind(doc, "out", tok.dep_, start, first))
        )
    return sorted(inside), sorted(outside, key=lambda p: p[1])


def adjust(doc: Doc, content: Range, stop: int, kept: dict[str, float]) -> Range:
    """``content`` cut before its first piece PolNeAR leaves out, or extended over the
    pieces after it that PolNeAR keeps (``kept``: how often each kind was kept)."""
    inside, outside = pieces(doc, content, stop)
    a, b = content
    for start, _, kind in inside:
        if kept.get(kind, 1.0) < 0.5:
            return a, start
    for _, end, kind in outside:
        if kept.get(kind, 0.0) < 0.5:
            break
        b = max(b, end)
    return a, b


def read_table(text: str) -> dict[str, float]:
    """kind → share kept, for the kinds seen at least MIN_SEEN times."""
    out: dict[str, float] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith(("#", "kind\t")):
            continue
        kind, kept, seen, *_ = line.split("\t")
        if int(seen) >= MIN_SEEN:
            out[kind] = int(kept) / int(seen)
    return out


@trained("attribution")
def table() -> dict[str, float] | None:
    """The package's table of pieces; None without its file."""
    path = data_file(TABLE_FILE)
    return read_table(path.read_text("utf-8")) if path.is_file() else None
