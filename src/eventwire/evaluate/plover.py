"""PLOVER gold-standard records (PLOVER_GSR_CAMEO.txt, Open Event Data Alliance, 2016).

The file is a JSON list; each record codes one sentence: ``text``, ``event`` (an older
PLOVER type), ``source`` and ``target`` (lists of ``{"actorText", "code", "sector"}``; a
missing target is null or ""), ``mode``, ``context``.  ``DOCUMENT`` records document the
file and are skipped.  The ``date`` is a placeholder (2000-01-01): each sentence is run
as an article without a publication date.

Old → current PLOVER types, from the CAMEO → PLOVER table of the PLOVER manual:
DEMAND → REQUEST, FIGHT → ASSAULT, DISAPPROVE → ACCUSE, INVESTIGATE → ACCUSE (mode
investigate); every other type of the file is a current type.  Old CAMEO country codes
JAP, ITL, VTN are JPN, ITA, VNM; IGO and NGO compare with eventwire's actor kinds igo
and ngo, IMG (international militarised group) with armed_group; ISM is not scored.

Scores:
- event type: the type of eventwire's main event of the sentence against the gold
  type, as accuracy over all sentences (no event counts as wrong); also whether any
  event of the sentence has the gold type.  The main event is the event of the main
  clause: among the events with confidence ≥ 0.7, the one whose trigger lies nearest the
  root of the sentence's parse (the pipeline's own parse), then the highest confidence,
  then the first in the text;
- actors: the main event's ``actors`` are its sources, its ``recipients``, ``targets``
  and ``victims`` its targets; a gold actor's text matches a predicted argument when one
  contains the other (after normalisation), one-to-one, P/R/F1;
- codes: per sentence, the set of country (or IGO/NGO/IMG) codes of the source and of
  the target side, P/R/F1; an argument's code is its actor's country (or that of the
  actor a person acts for), else IGO/NGO/IMG by kind; a place argument has its place's
  country.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.errors import InputError
from eventwire.evaluate.metrics import PRF, assign, normalize_string
from eventwire.evaluate.report import Report, Row
from eventwire.evaluate.runner import run_pipeline
from eventwire.ingest.article import make_article
from eventwire.model import ActorKind, Arg, ArticleReport, Event
from eventwire.text.nlp import model_text

if TYPE_CHECKING:
    from spacy.language import Language

    from eventwire.pipeline import Extractor

FILE = "PLOVER_GSR_CAMEO.txt"
OLD_TYPES = {
    "DEMAND": "REQUEST",
    "FIGHT": "ASSAULT",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
}
OLD_CODES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
KIND_CODES = {ActorKind.IGO: "IGO", ActorKind.NGO: "NGO", ActorKind.ARMED_GROUP: "IMG"}
UNSCORED_CODES = {"ISM"}
TABLE = "PLOVER gold records: main event and its actors"
SURE = 0.7  # events below: a lone casualty word (0.45), a stance read from content (× 0.6)


@dataclass
class GoldActor:
    text: str
    code: str | None


@dataclass
class Record:
    id: str
    text: str
    event: str  # current PLOVER type
    old_event: str
    sources: list[GoldActor] = field(default_factory=list)
    targets: list[GoldActor] = field(default_factory=list)


def _actors(value: Any) -> list[GoldActor]:
    if not isinstance(value, list):
        return []  # null, "" or a stray string: no actor
    out = []
    for a in value:
        if isinstance(a, dict) and a.get("actorText"):
            code = (a.get("code") or "").strip().upper() or None
            out.append(GoldActor(a["actorText"], OLD_CODES.get(code, code) if code else None))
    return out


def load(path: Path) -> list[Record]:
    if path.is_dir():
        path = path / FILE
    if not path.exists():
        raise InputError(str(path), "missing PLOVER gold file")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"not a JSON list ({exc})") from exc
    if not isinstance(data, list):
        raise InputError(str(path), "not a JSON list of records")
    records = []
    for item in data:
        if (
            not isinstance(item, dict)
            or item.get("event") in (None, "DOCUMENT")
            or not item.get("text")
        ):
            continue
        old = str(item["event"]).upper()
        records.append(
            Record(
                id=str(item.get("id") or len(records)),
                text=item["text"],
                event=OLD_TYPES.get(old, old),
                old_event=old,
                sources=_actors(item.get("source")),
                targets=_actors(item.get("target")),
            )
        )
    return records


# --------------------------------------------------------------------------------------
# mapping


Depth = Callable[[Event], int]


def main_event(report: ArticleReport | None, depth: Depth | None = None) -> Event | None:
    """The sentence's main event: with ``depth`` (how far the trigger lies from the root
    of the sentence's parse), the event of the main clause among the sure ones
    (confidence ≥ 0.7: not a lone casualty word, not a stance read from a speech cue's
    content), "staged demonstrations" before "to demand"; then the highest confidence,
    then the first in the text."""
    if report is None or not report.events:
        return None
    if depth is None:
        return min(report.events, key=lambda e: (-e.confidence, e.trigger.start))
    sure = [e for e in report.events if e.confidence >= SURE] or report.events
    return min(sure, key=lambda e: (depth(e), -e.confidence, e.trigger.start))


def trigger_depth(nlp: Language, report: ArticleReport) -> Depth:
    """How far each event's trigger lies from the root of its sentence, by the parse the
    pipeline makes of the article (``nlp.model_text``)."""
    doc = nlp(model_text(report.article.text))

    def depth(event: Event) -> int:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is None or not len(span):
            return len(doc)
        token, steps = span.root, 0
        while token.head.i != token.i:
            token, steps = token.head, steps + 1
        return steps

    return depth


def arg_code(arg: Arg, report: ArticleReport) -> str | None:
    """Country code of the argument's actor (or of the actor a person acts for), or
    IGO/NGO/IMG; for a place argument ("sanctions on Russia" read as a place), its
    country."""
    actor = report.actor(arg.actor_id)
    if actor is None:
        place = next((p for p in report.places if arg.place_id and p.id == arg.place_id), None)
        return place.country if place is not None else None
    if actor.country:
        return actor.country
    affiliation = report.actor(actor.affiliation)
    if affiliation is not None and affiliation.country:
        return affiliation.country
    return KIND_CODES.get(actor.kind)


def arg_texts(arg: Arg, report: ArticleReport) -> list[str]:
    """The argument's words and its actor's name."""
    texts = [arg.span.text]
    actor = report.actor(arg.actor_id)
    if actor is not None:
        texts.append(actor.name)
    return texts


def text_match(gold: str, predicted: list[str]) -> bool:
    """One contains the other, word-wise, after normalisation."""
    g = f" {normalize_string(gold)} "
    for p in predicted:
        q = f" {normalize_string(p)} "
        if q.strip() and g.strip() and (q in g or g in q):
            return True
    return False


def match_actors(gold: list[GoldActor], pred: list[list[str]]) -> tuple[PRF, list[tuple[int, int]]]:
    weights = [[1.0 if text_match(g.text, p) else 0.0 for g in gold] for p in pred]
    pairs = [(i, j) for i, j in assign(weights) if weights[i][j] > 0]
    return PRF.of(len(pairs), len(pred), len(gold)), pairs


def _code_prf(gold: list[GoldActor], codes: set[str]) -> PRF:
    g = {a.code for a in gold if a.code and a.code not in UNSCORED_CODES}
    return PRF.of(len(g & codes), len(codes), len(g))


# --------------------------------------------------------------------------------------


def run(root: Path, split: str, limit: int | None, extractor: Extractor | None) -> Report:
    if split not in ("dev", "all"):
        raise InputError(
            f"--split {split}", "the PLOVER gold file has no splits: it is scored as a whole (all)"
        )
    records = load(root)
    if limit is not None:
        records = records[:limit]
    out = Report(dataset="plover", split="all", data=str(root))
    renamed = Counter(f"{r.old_event}→{r.event}" for r in records if r.old_event != r.event)
    if renamed:
        mapped = ", ".join(f"{k} ({n})" for k, n in sorted(renamed.items()))
        out.notes.append(f"old PLOVER types mapped: {mapped}")
    from eventwire.pipeline import default_extractor

    extractor = extractor or default_extractor()
    articles = [make_article(r.text, source=r.id) for r in records]
    reports = run_pipeline(extractor, articles, [r.id for r in records], out, label="PLOVER")

    scores: dict[str, PRF] = {}
    right_main = right_any = 0
    for rec, report in zip(records, reports, strict=True):
        event = main_event(report, trigger_depth(extractor.nlp, report) if report else None)
        predicted_type = event.type.value if event else None
        right_main += predicted_type == rec.event
        types = {e.type.value for e in report.events} if report else set()
        right_any += rec.event in types
        if predicted_type != rec.event:
            out.error(
                TABLE,
                rec.id,
                "event type",
                "wrong" if event else "missed",
                gold=rec.event,
                predicted=predicted_type,
                text=rec.text[:120],
            )
        sides = {
            "source": (rec.sources, list(event.actors) if event else []),
            "target": (
                rec.targets,
                [*event.recipients, *event.targets, *event.victims] if event else [],
            ),
        }
        for side, (gold, args) in sides.items():
            pred_texts = [arg_texts(a, report) for a in args] if report else []
            prf, pairs = match_actors(gold, pred_texts)
            scores[f"{side} actor text"] = scores.get(f"{side} actor text", PRF()) + prf
            matched = {j for _, j in pairs}
            for j, g in enumerate(gold):
                if j not in matched:
                    out.error(
                        TABLE, rec.id, f"{side} actor", "missed", gold=g.text, text=rec.text[:120]
                    )
            codes = {c for a in args if report and (c := arg_code(a, report))}
            scores[f"{side} code"] = scores.get(f"{side} code", PRF()) + _code_prf(gold, codes)
    n = len(records)
    table = out.table(TABLE, note="accuracy over all sentences; actors one-to-one by text")
    table.add(Row("event type (main event)", {"accuracy": right_main / n if n else 0.0, "n": n}))
    table.add(Row("event type (any event)", {"accuracy": right_any / n if n else 0.0, "n": n}))
    for name in ("source actor text", "target actor text", "source code", "target code"):
        table.add(Row.prf(name, scores.get(name, PRF())))
    return out
