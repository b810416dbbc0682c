"""Learn the table of content pieces (``stages.statements.boundaries``) on PolNeAR train:
for each kind of piece at the end of (or right after) one of our contents whose cue is an
annotated cue, how often PolNeAR's content kept it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Doc

from eventwire.stages.statements.attribution import ADJUSTED, find
from eventwire.stages.statements.boundaries import _end, pieces

CharSpan = tuple[int, int]
Gold = tuple[list[CharSpan], list[CharSpan]]  # cue fragments, content fragments


def learn(pairs: Iterable[tuple[Doc, list[Gold]]]) -> list[tuple[str, int, int]]:
    """(kind, times kept, times seen) of every kind of piece, most seen first."""
    kept: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for doc, golds in pairs:
        starts = [t.idx for t in doc]
        for att in find(doc, adjust=False, move_cues=False):
            if att.content is None or att.direct or att.in_quote or att.frame not in ADJUSTED:
                continue
            a, b = doc[att.cue[0]].idx, doc[att.cue[1] - 1].idx + len(doc[att.cue[1] - 1])
            gold = next((c for cue, c in golds if c and any(s < b and a < e for s, e in cue)), None)
            if gold is None:
                continue
            g_end = bisect_left(starts, max(e for _, e in gold))
            stop = att.sentence[1] if att.sentence else len(doc)
            inside, outside = pieces(doc, att.content, stop)
            for start, end, kind in inside:
                if g_end <= start:
                    seen[kind] += 1
                elif g_end >= _end(doc, start, end):
                    seen[kind] += 1
                    kept[kind] += 1
            for start, end, kind in outside:
                if g_end >= end:
                    seen[kind] += 1
                    kept[kind] += 1
                elif g_end <= _end(doc, att.content[0], start):
                    seen[kind] += 1
    return sorted(((k, kept[k], n) for k, n in seen.items()), key=lambda r: (-r[2], r[0]))


def write(rows: list[tuple[str, int, int]], path: Path, min_seen: int = 3) -> None:
    header = (
        "# eventwire content pieces, learned from PolNeAR train (Newell, Margolin & Ruths,\n"
        "# LREC 2018; CC BY-SA 4.0) by `eventwire train attribution`.  Do not edit: re-run\n"
        "# the command.  kind: side (in: ends our content; out: follows it), dependency,\n"
        "# what sets it off (, / cc / -), first word (or its part of speech); kept: times\n"
        "# PolNeAR's content kept it; seen: times seen; p = kept / seen.\n"
        "kind\tkept\tseen\tp\n"
    )
    body = "".join(f"{k}\t{c}\t{n}\t{c / n:.3f}\n" for k, c, n in rows if n >= min_seen)
    path.write_text(header + body, encoding="utf-8")
