"""Incident clustering on a gold set: ``eventwire evaluate incidents --data DIR``.

The gold set is a directory (``tests/fixtures/incidents`` is one, written for eventwire):

- ``articles/``: text files (with a ``---`` header: title, published, url) or JSONL;
- ``gold.tsv``: ``article`` (file name), ``anchor`` (words of the article that name an
  event: a phrase of the sentence, ideally around its trigger), ``incident`` (a gold
  label; rows with one label are mentions of one real-world event).

The articles are extracted, stored in a temporary SQLite file and clustered by the same
code as ``eventwire ingest`` (``incidents.cluster``).  Each anchor is matched to the
clustered event of its article whose trigger overlaps it, else one of whose mentions does,
else whose sentence holds it; an anchor with no such event counts as a predicted incident of
its own.  Scores: pairwise and B-cubed precision/recall/F1 over the anchors
(``evaluate.clustering``).
"""

from __future__ import annotations

import csv
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.errors import InputError
from eventwire.evaluate.report import Report, Row
from eventwire.model import ArticleReport, Event, Span

if TYPE_CHECKING:
    from eventwire.pipeline import Extractor


@dataclass(frozen=True)
class GoldMention:
    article: str  # file name
    anchor: str
    incident: str


def read_gold(data: Path) -> list[GoldMention]:
    """The rows of ``gold.tsv``; InputError naming the file when it is malformed."""
    path = data / "gold.tsv"
    if not path.is_file():
        raise InputError(str(path), "no gold.tsv (article, anchor, incident) in the dataset")
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream, delimiter="\t"))
    if not rows or not {"article", "anchor", "incident"} <= set(rows[0]):
        raise InputError(str(path), "expected the columns article, anchor, incident")
    return [GoldMention(r["article"], r["anchor"], r["incident"]) for r in rows]


def _overlaps(span: Span, start: int, end: int) -> bool:
    return span.start < end and start < span.end


def match_event(report: ArticleReport, anchor: str, events: list[Event]) -> Event | None:
    """The event of ``events`` that the anchor names (see the module docstring)."""
    start = report.article.text.find(anchor)
    if start < 0:
        raise InputError(report.article.title or report.article.id, f"anchor not found: {anchor!r}")
    end = start + len(anchor)
    for event in events:  # the trigger first: a mention may be words of another event
        if _overlaps(event.trigger, start, end):
            return event
    for event in events:
        if any(_overlaps(s, start, end) for s in event.mentions):
            return event
    for event in events:
        if event.sentence.start <= start < event.sentence.end:
            return event
    return None


def run(data: Path, limit: int | None, extractor: Extractor) -> Report:
    """Extract, cluster and score the gold set in ``data``."""
    from eventwire.evaluate.clustering import bcubed, pairwise
    from eventwire.evaluate.runner import run_pipeline
    from eventwire.incidents.cluster import update_incidents
    from eventwire.incidents.facts import clustered_events
    from eventwire.ingest.expand import Read, expand_sources
    from eventwire.model import Failure
    from eventwire.store import open_store

    gold = read_gold(data)
    files = sorted({g.article for g in gold})[:limit]
    gold = [g for g in gold if g.article in files]
    report = Report(dataset="incidents", split="all", data=str(data))
    articles, names = [], []
    for file in files:
        (item,) = list(expand_sources([str(data / "articles" / file)]))
        assert isinstance(item, Read)
        if isinstance(item.result, Failure):
            raise InputError(file, item.result.error)
        articles.append(item.result)
        names.append(file)
    reports = run_pipeline(extractor, articles, names, report, label="extracting")
    by_file = {n: r for n, r in zip(names, reports, strict=True) if r is not None}
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "gold.db") as store:
        store.save_many(by_file.values())
        update_incidents(store)
        predicted: dict[int, str] = {}
        expected: dict[int, str] = {}
        for n, mention in enumerate(gold):
            expected[n] = mention.incident
            predicted[n] = f"missed-{n}"
            found = by_file.get(mention.article)
            if found is None:
                continue
            event = match_event(found, mention.anchor, clustered_events(found))
            incident = store.incidents_of(found.article.id).get(event.id) if event else None
            if incident is None:
                report.error("mentions", mention.article, "event", "missed", anchor=mention.anchor)
            else:
                predicted[n] = f"incident-{incident}"
        items, total = store.incidents(limit=1000)
    table = report.table("clustering", note=f"{len(gold)} gold mentions; {total} incidents")
    table.add(Row.prf("pairwise", pairwise(expected, predicted)))
    table.add(Row.prf("b-cubed", bcubed(expected, predicted)))
    for n, mention in enumerate(gold):
        same_gold = {m for m in expected if expected[m] == mention.incident}
        same_pred = {m for m in predicted if predicted[m] == predicted[n]}
        if same_gold != same_pred:
            report.error(
                "clustering",
                mention.article,
                "incident",
                "split" if same_pred < same_gold else "merged" if same_gold < same_pred else "both",
                anchor=mention.anchor,
                gold=mention.incident,
                predicted=predicted[n],
            )
    report.notes.extend(
        f"incident {i.id}: {i.label} ({i.article_count} "
        f"article{'' if i.article_count == 1 else 's'})"
        for i in items
    )
    return report
