"""Composes the stages: Article → spaCy Doc → stages → ArticleReport.

A stage is a function ``stage(found: Findings) -> None`` that reads the Doc and what
earlier stages found and adds its own findings.  Stages run in the order of ``STAGES``.
One article's failure never stops a batch: ``extract_many`` yields a ``Failure``, also
for an article whose extraction takes longer than its time limit (``timeout_s``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.errors import EventwireError, StageError, TimeLimitError
from eventwire.findings import Findings
from eventwire.model import Article, ArticleReport, Failure
from eventwire.stages import actors, counts, dates, events, places, statements
from eventwire.text.nlp import describe, load, model_text
from eventwire.timeout import TimeUp, checkpoint, time_limit, usable
from eventwire.version import __version__

Stage = Callable[[Findings], None]


def default_stages() -> list[tuple[str, Stage]]:
    """The built-in stages in the order they run."""
    return [
        ("actors", actors.extract),
        ("places", places.extract),
        ("dates", dates.extract),
        ("counts", counts.extract),
        ("events", events.extract),
        ("statements", statements.extract),
    ]


def strict() -> bool:
    """In strict mode (EVENTWIRE_STRICT=1, set by the tests) a failing stage raises."""
    return os.environ.get("EVENTWIRE_STRICT", "") not in ("", "0")


class Extractor:
    """The loaded pipeline: spaCy and the stages, loaded once per process."""

    def __init__(self, nlp: Language | None = None, stages: list[tuple[str, Stage]] | None = None):

        self.nlp = nlp if nlp is not None else load()
        self.stages = stages if stages is not None else default_stages()
        self.name = f"eventwire {__version__} / {describe(self.nlp)}"

    def _run(self, article: Article, doc: Doc) -> ArticleReport:
        found = Findings(article=article, doc=doc)
        for name, stage in self.stages:
            try:
                checkpoint()  # a limit set outside the main thread stops between stages
                stage(found)
            except TimeUp as exc:  # not an Exception: the article's time is up
                exc.stage = name
                raise
            except Exception as exc:  # one stage failing loses its fields, not the article
                if strict():
                    raise StageError(name, f"{type(exc).__name__}: {exc}") from exc
                found.warnings.append(f"stage {name} failed: {type(exc).__name__}: {exc}")
        return found.report(self.name)

    def extract(self, article: Article) -> ArticleReport:
        """Run every stage on one article."""
        return self._run(article, self.nlp(model_text(article.text)))

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
            return (model_text(a.text) for a in items)

        if not articles:
            return []
        if not usable(timeout_s):
            return list(self.nlp.pipe(texts(articles), batch_size=batch_size))
        try:
            with time_limit(timeout_s * len(articles)):
                return list(self.nlp.pipe(texts(articles), batch_size=batch_size))
        except TimeUp:
            if len(articles) == 1:
                return [None]
        docs: list[Doc | None] = []
        for article in articles:  # one at a time, each within the limit
            try:
                with time_limit(timeout_s):
                    docs.append(self.nlp(model_text(article.text)))
            except TimeUp:
                docs.append(None)
        return docs


def _late(name: str, timeout_s: float | None, where: str) -> TimeLimitError:
    return TimeLimitError(name, f"extraction took longer than {timeout_s:g} s (in {where})")


_default: Extractor | None = None


def default_extractor() -> Extractor:
    """The process-wide Extractor, loaded on first use."""
    global _default
    if _default is None:
        _default = Extractor()
    return _default
