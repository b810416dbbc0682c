"""What the stages know about one article so far, and one index over it.

A stage (``eventwire.pipeline.Stage``) receives the ``Findings`` of the article it works
on: the Article, its spaCy Doc (whose text has the article's offsets) and the lists that
earlier stages filled.  ``span``/``span_of`` make the evidence Spans every value carries.

``found.index`` (``ArticleIndex``) answers the questions every stage asks of the article:
the actor mentioned at some characters (``actor_at``: one rule for all stages), the
actors in a stretch, the place and the date at a token, the entity at a token, the
sentence of a token, the tokens' lemmas and lower-case forms, the words of person names.
It is built lazily and rebuilt when the actors, places or dates change, so no stage
keeps a private cache of its own on the Doc.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.model import (
    Actor,
    Article,
    ArticleReport,
    Count,
    Event,
    Place,
    PlaceMentionKind,
    Span,
    Statement,
    When,
)

__all__ = ["ArticleIndex", "CountMention", "Findings"]


@dataclass(frozen=True)
class CountMention:
    """A count of people with what happened to them (the counts stage's finding)."""

    count: Count
    outcome: str | None  # killed, injured, casualties, kidnapped, arrested, missing
    first: int  # first token of the count expression (modifier included)
    last: int  # last token of the count expression
    head: int  # token that stands for the counted people in the clause
    noun: int | None  # the counted noun ("people", "members"), when there is one
    anchor: int | None  # token that gave the outcome ("killed", "dead", "toll")


@dataclass
class Findings:
    """What the stages know about one article so far.

    Each list is assigned by one stage (``pipeline.default_stages`` declares which);
    ``extensions`` holds what custom stages add, by name (JSON values), reported in
    ``ArticleReport.extensions``.
    """

    article: Article
    doc: Doc
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[When] = field(default_factory=list)
    counts: list[CountMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    extensions: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    _index: tuple[tuple[object, ...], ArticleIndex] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def text(self) -> str:
        return self.article.text

    @property
    def index(self) -> ArticleIndex:
        """The article's index over what is found so far (rebuilt after a change)."""
        signature = (
            tuple(map(id, self.actors)),
            tuple(len(a.mentions) for a in self.actors),
            len(self.places),
            len(self.dates),
        )
        if self._index is None or self._index[0] != signature:
            self._index = (signature, ArticleIndex(self))
        return self._index[1]

    def span(self, start: int, end: int) -> Span:
        """Evidence for characters ``start:end`` of the article text."""
        return Span.of(self.article.text, start, end)

    def span_of(self, tokens: Token | SpacySpan) -> Span:
        """Evidence for a spaCy Span or Token (the Doc text is aligned with the article)."""
        if isinstance(tokens, Token):
            return self.span(tokens.idx, tokens.idx + len(tokens))
        return self.span(tokens.start_char, tokens.end_char)

    def report(self, pipeline: str) -> ArticleReport:
        """The ArticleReport of what was found."""
        return ArticleReport(
            article=self.article,
            actors=self.actors,
            places=self.places,
            dates=self.dates,
            events=self.events,
            statements=self.statements,
            extensions=self.extensions,
            pipeline=pipeline,
            warnings=self.warnings,
        )


class ArticleIndex:
    """Lookups from characters and tokens to what the stages found (each built on first use)."""

    def __init__(self, found: Findings) -> None:
        self.found = found
        self.doc: Doc = found.doc

    # -- actors ----------------------------------------------------------------------------

    @cached_property
    def actors(self) -> dict[str, Actor]:
        """Actor id → Actor."""
        return {a.id: a for a in self.found.actors}

    @cached_property
    def actor_mentions(self) -> list[tuple[int, int, Actor]]:
        """(start, end, actor) of every actor mention, sorted by start and end."""
        return sorted(
            ((m.start, m.end, a) for a in self.found.actors for m in a.mentions),
            key=lambda r: (r[0], r[1]),
        )

    @cached_property
    def _mention_starts(self) -> list[int]:
        return [r[0] for r in self.actor_mentions]

    @cached_property
    def _longest_mention(self) -> int:
        return max((b - a for a, b, _ in self.actor_mentions), default=0)

    def _overlapping(self, start: int, end: int) -> list[tuple[int, int, Actor]]:
        rows, starts = self.actor_mentions, self._mention_starts
        end = max(end, start + 1)
        hi = bisect.bisect_left(starts, end)
        lo = bisect.bisect_left(starts, start - self._longest_mention)
        return [r for r in rows[lo:hi] if r[1] > start]

    def actor_at(
        self, start: int, end: int, prefer: Literal["head", "overlap"] = "head"
    ) -> Actor | None:
        """The actor mentioned at characters start:end of the article, or None.

        ``prefer="head"`` (a speaker, a recipient): a mention containing the span wins
        (the shortest); otherwise, among the mentions overlapping it, the one holding the
        syntactic head of the span ("White House spokesman John Kirby" → Kirby, "Iran's
        Revolutionary Guard Corps" → the IRGC), else the longest overlap.
        ``prefer="overlap"`` (an event's argument): the mention overlapping the span most,
        the first of equals; the events stage reads its arguments so (with the head rule,
        MUC-4 dev PerpOrg F1 falls from 32.70 to 31.45).
        """
        rows = self._overlapping(start, end)
        if not rows:
            return None
        if prefer == "overlap":
            best: Actor | None = None
            most = 0
            for m_start, m_end, actor in rows:
                overlap = min(end, m_end) - max(start, m_start)
                if overlap > most:
                    best, most = actor, overlap
            return best
        if len(rows) == 1:
            return rows[0][2]
        containing = [r for r in rows if r[0] <= start and r[1] >= end]
        if containing:
            return min(containing, key=lambda r: r[1] - r[0])[2]
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            head = span.root.idx
            for r in rows:
                if r[0] <= head < r[1]:
                    return r[2]
        return max(rows, key=lambda r: (min(r[1], end) - max(r[0], start), r[0]))[2]

    def actor_of_token(
        self, token: Token, prefer: Literal["head", "overlap"] = "head"
    ) -> Actor | None:
        """The actor mentioned at ``token``."""
        return self.actor_at(token.idx, token.idx + len(token), prefer)

    def actors_in(self, start: int, end: int) -> list[Actor]:
        """Every actor with a mention overlapping characters start:end, in order of mention."""
        out: dict[int, Actor] = {}
        for _a, _b, actor in self._overlapping(start, end):
            out.setdefault(id(actor), actor)
        return list(out.values())

    # -- places, dates, entities -------------------------------------------------------------

    def tokens(self, start: int, end: int) -> range:
        """The tokens covering characters start:end."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return range(span.start, span.end) if span is not None else range(0)

    @cached_property
    def place_at(self) -> dict[int, tuple[Place, Span]]:
        """Token → (place, the name mention there); demonyms ("Iranian officials") are no
        place's name and no location."""
        out: dict[int, tuple[Place, Span]] = {}
        for place in self.found.places:
            for mention in place.mentions:
                if mention.kind == PlaceMentionKind.DEMONYM:
                    continue
                span = Span(text=mention.text, start=mention.start, end=mention.end)
                for k in self.tokens(mention.start, mention.end):
                    out[k] = (place, span)  # a plain Span: the evidence of an Arg
        return out

    @cached_property
    def date_at(self) -> dict[int, When]:
        """Token → the date expression there."""
        out: dict[int, When] = {}
        for when in self.found.dates:
            for k in self.tokens(when.span.start, when.span.end):
                out[k] = when
        return out

    @cached_property
    def ent_at(self) -> dict[int, tuple[int, int, str]]:
        """Token → (first token, end token, label) of spaCy's entity there."""
        out: dict[int, tuple[int, int, str]] = {}
        for ent in self.doc.ents:
            for k in range(ent.start, ent.end):
                out[k] = (ent.start, ent.end, ent.label_)
        return out

    @cached_property
    def person_words(self) -> frozenset[str]:
        """Words of the article's multi-word person names ("Tom Henderson": Tom, Henderson)."""
        found: set[str] = set()
        for ent in self.doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1:
                found.update(t.text for t in ent)
        return frozenset(found)

    # -- per-token tables ----------------------------------------------------------------------

    @cached_property
    def _lemma_lower(self) -> list[list[int]]:
        return self.doc.to_array([LEMMA, LOWER]).tolist() if len(self.doc) else []

    @cached_property
    def lemma_ids(self) -> list[int]:
        """The lemma (string id) of every token."""
        return [row[0] for row in self._lemma_lower]

    @cached_property
    def lower_ids(self) -> list[int]:
        """The lower-case form (string id) of every token."""
        return [row[1] for row in self._lemma_lower]

    @cached_property
    def lows(self) -> list[str]:
        """Every token's text in lower case (``str.lower`` of the text as written)."""
        strings = self.doc.vocab.strings
        orths = self.doc.to_array(ORTH).tolist() if len(self.doc) else []
        return [strings[o].lower() for o in orths]

    @cached_property
    def sentence_of(self) -> list[int]:
        """The number of the sentence of every token."""
        out = [0] * len(self.doc)
        for number, sent in enumerate(self.doc.sents):
            out[sent.start : sent.end] = [number] * (sent.end - sent.start)
        return out

    def span(self, first: int, last: int) -> Span:
        """Evidence for tokens first..last (inclusive)."""
        doc = self.doc
        return self.found.span(doc[first].idx, doc[last].idx + len(doc[last]))
