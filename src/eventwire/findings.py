"""What the stages know about one article so far.

A stage (``eventwire.pipeline.Stage``) receives the ``Findings`` of the article it works
on: the Article, its spaCy Doc (whose text has the article's offsets) and the lists that
earlier stages filled.  ``span``/``span_of`` make the evidence Spans every value carries.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from eventwire.model import (
    Actor,
    Article,
    ArticleReport,
    Count,
    Event,
    Place,
    Span,
    Statement,
    When,
)


@dataclass
class Findings:
    """What the stages know about one article so far."""

    article: Article
    doc: Doc
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[When] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.article.text

    def span(self, start: int, end: int) -> Span:
        """Evidence for characters ``start:end`` of the article text."""
        return Span.of(self.article.text, start, end)

    def span_of(self, tokens: object) -> Span:
        """Evidence for a spaCy Span or Token (the Doc text is aligned with the article)."""
        start = tokens.start_char if hasattr(tokens, "start_char") else tokens.idx
        end = tokens.end_char if hasattr(tokens, "end_char") else tokens.idx + len(tokens)
        return self.span(start, end)

    def report(self, pipeline: str) -> ArticleReport:
        return ArticleReport(
            article=self.article,
            actors=self.actors,
            places=self.places,
            dates=self.dates,
            events=self.events,
            statements=self.statements,
            pipeline=pipeline,
            warnings=self.warnings,
        )
