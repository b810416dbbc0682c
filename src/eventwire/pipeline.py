"""Composes the stages: Article → spaCy Doc → stages → ArticleReport.

A stage (``Stage``) is a function ``fn(found: Findings) -> None`` that reads the Doc and
what earlier stages found and adds its own findings, with its contract: the fields of
``Findings`` it ``requires`` (some earlier stage must assign them) and those it
``assigns``.  The Extractor checks the contracts when it is built (a stage list whose
requirements no earlier stage assigns is refused, naming stage and field) and after each
stage (a field changed that the stage does not assign is a contract error: raised in
strict mode, a warning otherwise).  ``default_stages()`` lists the built-in stages in the
order they run; a custom stage goes after them and writes ``found.extensions[name]``,
which lands in ``ArticleReport.extensions``::

    def weapons(found):
        found.extensions["weapons"] = sorted({a.span.text for e in found.events
                                              for a in e.instruments})

    extractor = Extractor(stages=[*default_stages(),
                                  Stage("weapons", weapons, requires=("events",),
                                        assigns=("extensions",))])

One article's failure never stops a batch: ``extract_many`` yields a ``Failure``, also
for an article whose extraction takes longer than its time limit (``timeout_s``).
The text the model is given comes from ``text.nlp.model_text`` over the visible text
(``text.invisible``: the stages read the text without zero-width and other invisible
characters, and the report's spans are moved back onto the article as given);
``Extractor._parse`` parses a batch under the time limit, a long text in windows
(``text.nlp.parse``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.errors import EventwireError, PipelineError, StageError, TimeLimitError
from eventwire.findings import Findings
from eventwire.model import Article, ArticleReport, Failure
from eventwire.stages import actors, classes, counts, dates, events, places, statements
from eventwire.text.invisible import Visible, visible
from eventwire.text.nlp import describe, load, model_text, parse
from eventwire.timeout import TimeUp, checkpoint, time_limit, usable
from eventwire.version import __version__

__all__ = ["FIELDS", "Extractor", "Stage", "default_extractor", "default_stages", "model_input"]

# The fields of Findings a stage may require or assign (warnings: any stage may add one).
FIELDS = ("actors", "places", "dates", "counts", "events", "statements", "extensions")


@dataclass(frozen=True)
class Stage:
    """One step of the pipeline: ``fn(found)`` and its contract over ``FIELDS``."""

    name: str
    fn: Callable[[Findings], None]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()


def default_stages() -> list[Stage]:
    """The built-in stages in the order they run, with their contracts."""
    return [
        Stage("actors", actors.extract, assigns=("actors",)),
        Stage("places", places.extract, requires=("actors",), assigns=("places",)),
        Stage("dates", dates.extract, assigns=("dates",)),
        Stage("counts", counts.extract, assigns=("counts",)),
        Stage(
            "events",
            events.extract,
            requires=("actors", "places", "dates", "counts"),
            assigns=("events",),
        ),
        Stage(
            "statements",
            statements.extract,
            requires=("actors", "places", "dates", "events"),
            assigns=("statements", "events"),
        ),
        Stage("classes", classes.extract, requires=("actors", "events"), assigns=("events",)),
    ]


def check_contracts(stages: Sequence[Stage]) -> None:
    """Raise PipelineError unless every stage's requirements are assigned before it."""
    assigned: set[str] = set()
    names: set[str] = set()
    for stage in stages:
        if not isinstance(stage, Stage):
            raise PipelineError(repr(stage), "not a Stage(name, fn, requires, assigns)")
        if stage.name in names:
            raise PipelineError(stage.name, "two stages with this name")
        names.add(stage.name)
        for field in (*stage.requires, *stage.assigns):
            if field not in FIELDS:
                raise PipelineError(
                    stage.name, f"unknown field {field!r} (one of: {', '.join(FIELDS)})"
                )
        missing = [f for f in stage.requires if f not in assigned]
        if missing:
            raise PipelineError(
                stage.name,
                f"requires {', '.join(missing)}, which no stage before it assigns "
                f"(stages: {', '.join(s.name for s in stages)})",
            )
        assigned.update(stage.assigns)


def _state(found: Findings) -> dict[str, tuple[int, int]]:
    """What a stage may change, cheaply compared: each field's identity and length."""
    return {name: (id(value), len(value)) for name in FIELDS if (value := getattr(found, name))}


def strict() -> bool:
    """In strict mode (EVENTWIRE_STRICT=1, set by the tests) a failing stage raises."""
    return os.environ.get("EVENTWIRE_STRICT", "") not in ("", "0")


class Extractor:
    """The loaded pipeline: spaCy and the stages, loaded once per process."""

    def __init__(self, nlp: Language | None = None, stages: Sequence[Stage] | None = None) -> None:
        """``nlp``: a loaded spaCy pipeline (default: ``text.nlp.load()``); ``stages``:
        the stages to run (default: ``default_stages()``), checked by their contracts."""
        self.stages: list[Stage] = list(stages) if stages is not None else default_stages()
        check_contracts(self.stages)
        self.nlp: Language = nlp if nlp is not None else load()
        self.name = f"eventwire {__version__} / {describe(self.nlp)}"

    def _run(self, article: Article, doc: Doc) -> ArticleReport:
        seen = visible(article.text)  # the stages read the text without invisible characters
        read = article if seen is None else article.model_copy(update={"text": seen.text})
        found = Findings(article=read, doc=doc)
        for stage in self.stages:
            before = _state(found)
            try:
                checkpoint()  # a limit set outside the main thread stops between stages
                stage.fn(found)
            except TimeUp as exc:  # not an Exception: the article's time is up
                exc.stage = stage.name
                raise
            except Exception as exc:  # one stage failing loses its fields, not the article
                if strict():
                    raise StageError(stage.name, f"{type(exc).__name__}: {exc}") from exc
                found.warnings.append(f"stage {stage.name} failed: {type(exc).__name__}: {exc}")
            after = _state(found)
            undeclared = [f for f in FIELDS if before.get(f) != after.get(f)]
            undeclared = [f for f in undeclared if f not in stage.assigns]
            if undeclared:
                message = f"changed {', '.join(undeclared)}, which it does not assign"
                if strict():
                    raise StageError(stage.name, message)
                found.warnings.append(f"stage {stage.name} {message}")
        report = found.report(self.name)
        if seen is not None:  # evidence indexes the text as given
            report = _as_given(report, article, seen)
        # whatever the stages did (one dropping an event another's statement names), the
        # report leaves the pipeline consistent: every id it uses names one of its items
        for repair in report.drop_inconsistencies():
            report.warnings.append(f"consistency: {repair}")
        return report

    def extract(self, article: Article) -> ArticleReport:
        """Run every stage on one article."""
        return self._run(article, next(parse(self.nlp, [model_input(article)])))

    def extract_many(
        self,
        articles: Iterable[Article | Failure],
        batch_size: int = 16,
        timeout_s: float | None = None,
    ) -> Iterator[ArticleReport | Failure]:
        """Run on many articles, batching spaCy; failures pass through in order.

        ``timeout_s``: an article whose stages run longer than this becomes a Failure
        (``TimeLimitError``), and so does one whose parse does: a batch's parse gets
        ``timeout_s`` per article, and a batch over that is parsed again one article at a
        time, each within the limit.  None: no limit (see ``eventwire.timeout``).
        """
        pending: list[Article | Failure] = []

        def flush() -> Iterator[ArticleReport | Failure]:
            ready = [a for a in pending if isinstance(a, Article)]
            docs = iter(self._parse(ready, batch_size, timeout_s))
            for item in pending:
                if isinstance(item, Failure):
                    yield item
                    continue
                doc = next(docs)
                name = item.url or item.title or item.id
                if doc is None:
                    yield Failure(name, str(_late(name, timeout_s, "parsing")))
                    continue
                try:
                    with time_limit(timeout_s):
                        report = self._run(item, doc)
                except TimeUp as exc:
                    where = getattr(exc, "stage", None)
                    yield Failure(name, str(_late(name, timeout_s, f"stage {where}")))
                except EventwireError as exc:
                    yield Failure(name, str(exc))
                else:
                    yield report
            pending.clear()

        for item in articles:
            pending.append(item)
            if len(pending) >= batch_size:
                yield from flush()
        yield from flush()

    def _parse(
        self, articles: list[Article], batch_size: int, timeout_s: float | None
    ) -> list[Doc | None]:
        """The Docs of the articles; None for one whose parse ran past ``timeout_s``."""

        def texts(items: list[Article]) -> Iterator[str]:
            return (model_input(a) for a in items)

        if not articles:
            return []
        if not usable(timeout_s):
            return list(parse(self.nlp, texts(articles), batch_size))
        try:
            with time_limit(timeout_s * len(articles)):
                return list(parse(self.nlp, texts(articles), batch_size))
        except TimeUp:
            if len(articles) == 1:
                return [None]
        docs: list[Doc | None] = []
        for article in articles:  # one at a time, each within the limit
            try:
                with time_limit(timeout_s):
                    docs.append(next(parse(self.nlp, [model_input(article)])))
            except TimeUp:
                docs.append(None)
        return docs


def model_input(article: Article) -> str:
    """What spaCy parses: the visible text (``text.invisible``), prepared (``model_text``)."""
    seen = visible(article.text)
    return model_text(article.text if seen is None else seen.text)


def _as_given(report: ArticleReport, article: Article, seen: Visible) -> ArticleReport:
    """The report on the visible text, its spans moved onto the article as given (the
    invisible characters inside a span are part of its words)."""
    moved: set[int] = set()
    for span in report.spans():
        if id(span) in moved:  # one Span object can be the evidence of two findings
            continue
        moved.add(id(span))
        span.start, span.end = seen.to_article(span.start, span.end)
        span.text = article.text[span.start : span.end]
    report.article = article
    return report


def _late(name: str, timeout_s: float | None, where: str) -> TimeLimitError:
    return TimeLimitError(name, f"extraction took longer than {timeout_s:g} s (in {where})")


_default: Extractor | None = None


def default_extractor() -> Extractor:
    """The process-wide Extractor, loaded on first use."""
    global _default
    if _default is None:
        _default = Extractor()
    return _default
