"""CASE 2021 task 2: fine-grained classes of socio-political event snippets (dev part).

Data (``--data …/case2021``): ``dev.tsv``, tab-separated ``id``, ``EventSnippet``,
``SubType`` (one of 30 labels: the 25 ACLED sub-event types, ORG_CRIME,
NATURAL_DISASTER, MAN_MADE_DISASTER, ATTRIB, DIPLO).  Each snippet is run as an article
without a publication date.

Mapping, snippet → label:

1. the snippet's **main event** (``main_event``): the candidates are the events that
   happened or are reported as happening (modality occurred, claimed or alleged); when
   there is none, every event is a candidate (a planned sanction or expulsion still tells
   the class).  Among the candidates: the earliest sentence (a snippet leads with its
   news), then a deed or diplomatic event before another development ("Other") and
   before what is only said (ACLED event type "Political": accusations, appeals), then the
   sure ones (confidence ≥ 0.7), then the event of the main clause (trigger nearest the
   root of the sentence's parse), then the highest confidence, then the first in the text;
2. **ATTRIB** when a statement about responsibility for a deed (a claim of
   responsibility; a denial, accusation or suspicion about an event of the snippet —
   ``Statement.stance``, ``about_event``) is the news: its cue comes before the main
   event's trigger (same or earlier sentence: "X claimed responsibility for the
   bombing"), or the main event is that statement itself ("the group denied it was behind
   the attack");
3. otherwise the main event's ACLED sub-event type (``acled_sub_event_type`` of the
   event; eventwire's additions for disasters, crime and diplomacy included) → the label
   by ``LABELS``; a snippet without any event gets no label (counted wrong, and as
   "without an event").

Scores: accuracy; per label P/R/F1 (support = gold count); macro F1 over the 30 labels
(a label with neither gold nor prediction is left out); weighted F1 (the task's official
ranking figure: per-label F1 weighted by gold support); the share of snippets without an
event; the confusion (gold × predicted) of the largest gold classes.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from eventwire.errors import InputError
from eventwire.evaluate.metrics import PRF
from eventwire.evaluate.plover import Depth, trigger_depth
from eventwire.evaluate.report import Report, Row
from eventwire.evaluate.runner import run_pipeline
from eventwire.ingest.article import make_article
from eventwire.model import ArticleReport, Event, Modality, Stance

if TYPE_CHECKING:
    from eventwire.pipeline import Extractor

FILE = "dev.tsv"
TABLE = "CASE 2021 task 2 (30 labels): main event's ACLED class"
LABEL_TABLE = "CASE 2021 task 2: per label"
CONFUSION_TABLE = "CASE 2021 task 2: confusion of the largest classes (rows gold)"
PUBLISHED = "best system about 77 (whole test set, 30 labels)"
SURE = 0.7
FACTUAL = {Modality.OCCURRED, Modality.CLAIMED, Modality.ALLEGED}
RESPONSIBILITY = {Stance.CLAIMS_RESPONSIBILITY, Stance.DENIES, Stance.ACCUSES, Stance.SUSPECTS}
CONFUSION_CLASSES = 8

# ACLED sub-event type (and eventwire's additions) → CASE 2021 label
LABELS = {
    "Armed clash": "ARMED_CLASH",
    "Government regains territory": "GOV_REGAINS_TERIT",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
    "Chemical weapon": "CHEM_WEAP",
    "Air/drone strike": "AIR_STRIKE",
    "Suicide bomb": "SUIC_BOMB",
    "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Remote explosive/landmine/IED": "REM_EXPLOS",
    "Grenade": "GRENADE",
    "Sexual violence": "SEX_VIOL",
    "Attack": "ATTACK",
    "Abduction/forced disappearance": "ABDUCT_DISSAP",
    "Peaceful protest": "PEACE_PROTEST",
    "Protest with intervention": "PROTEST_WITH_INTER",
    "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Violent demonstration": "VIOL_DEMONSTR",
    "Mob violence": "MOB_VIOL",
    "Agreement": "AGREEMENT",
    "Arrests": "ARREST",
    "Change to group/activity": "CHANGE_TO_GROUP_ACT",
    "Disrupted weapons use": "DISR_WEAP",
    "Headquarters or base established": "HQ_ESTABLISHED",
    "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
    "Other": "OTHER",
    # eventwire's additions (not ACLED)
    "Organised crime": "ORG_CRIME",
    "Natural disaster": "NATURAL_DISASTER",
    "Man-made disaster": "MAN_MADE_DISASTER",
    "Diplomatic event": "DIPLO",
}
ALL_LABELS = (*dict.fromkeys(LABELS.values()), "ATTRIB")


@dataclass
class Snippet:
    id: str
    text: str
    label: str


def load(path: Path) -> list[Snippet]:
    """The labelled snippets of ``dev.tsv`` (CSV quoting: a quoted field doubles its quotes)."""
    if path.is_dir():
        path = path / FILE
    if not path.exists():
        raise InputError(str(path), "missing CASE 2021 file (dev.tsv)")
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    if not rows or [c.strip() for c in rows[0][:3]] != ["id", "EventSnippet", "SubType"]:
        raise InputError(str(path), "not a CASE 2021 file: header id, EventSnippet, SubType")
    out = []
    for n, row in enumerate(rows[1:], start=2):
        if not row or not any(c.strip() for c in row):
            continue
        if len(row) < 3 or not row[1].strip() or not row[2].strip():
            raise InputError(f"{path}:{n}", "expected id, EventSnippet, SubType")
        out.append(Snippet(row[0].strip(), row[1].strip(), row[2].strip()))
    return out


# --------------------------------------------------------------------------------------
# mapping


def sentence_rank(report: ArticleReport) -> dict[str, int]:
    """Each event's sentence index in the snippet (by sentence start)."""
    starts = sorted({e.sentence.start for e in report.events})
    return {e.id: starts.index(e.sentence.start) for e in report.events}


SAID = {"Political"}  # event types of what is only said
MINOR = {"Other"}  # the sub-event type that tells less than a deed


def tier(event: Event) -> int:
    """0: a deed or a diplomatic event; 1: another development; 2: what is only said."""
    if event.acled_event_type in SAID:
        return 2
    return 1 if event.acled_sub_event_type in MINOR else 0


def main_event(report: ArticleReport | None, depth: Depth | None = None) -> Event | None:
    """The snippet's main event (module docstring, rule 1)."""
    if report is None or not report.events:
        return None
    candidates = [e for e in report.events if e.modality in FACTUAL] or report.events
    rank = sentence_rank(report)
    return min(
        candidates,
        key=lambda e: (
            rank[e.id],
            tier(e),
            e.confidence < SURE,
            depth(e) if depth else 0,
            -e.confidence,
            e.trigger.start,
        ),
    )


def is_attribution(report: ArticleReport, event: Event) -> bool:
    """Rule 2: a statement about responsibility for a deed is the news: a claim of
    responsibility, or a denial, accusation or suspicion about an event of the snippet;
    its cue comes before the main event's trigger (in the same or an earlier sentence), or
    the main event is that statement itself."""
    for st in report.statements:
        stances = {st.stance, *st.stances}
        if Stance.CLAIMS_RESPONSIBILITY not in stances and not (
            stances & RESPONSIBILITY and st.about_event
        ):
            continue
        if st.event_id == event.id:
            return True
        if st.cue.start < event.trigger.start and st.sentence.start <= event.sentence.start:
            return True
    return False


def sub_event_type(event: Event) -> str:
    """The event's ACLED sub-event type (the pipeline's ``classes`` stage)."""
    return event.acled_sub_event_type or "Other"


def label_of(report: ArticleReport | None, depth: Depth | None = None) -> str | None:
    """The snippet's CASE label, or None without an event."""
    event = main_event(report, depth)
    if report is None or event is None:
        return None
    if is_attribution(report, event):
        return "ATTRIB"
    return LABELS.get(sub_event_type(event), "OTHER")


# --------------------------------------------------------------------------------------
# scoring


@dataclass
class Scores:
    accuracy: float
    macro_f1: float
    weighted_f1: float
    no_event: float
    per_label: dict[str, PRF]
    support: Counter[str]


def score(gold: Sequence[str], predicted: Sequence[str | None]) -> Scores:
    """Accuracy, per-label P/R/F1, macro and support-weighted F1; None = no event."""
    n = len(gold)
    support = Counter(gold)
    pred_counts = Counter(p for p in predicted if p is not None)
    right = Counter(g for g, p in zip(gold, predicted, strict=True) if g == p)
    labels = [lab for lab in dict.fromkeys([*support, *pred_counts])]
    per_label = {lab: PRF.of(right[lab], pred_counts[lab], support[lab]) for lab in sorted(labels)}
    macro = sum(p.f1 for p in per_label.values()) / len(per_label) if per_label else 0.0
    weighted = sum(per_label[lab].f1 * k for lab, k in support.items()) / n if n else 0.0
    return Scores(
        accuracy=sum(right.values()) / n if n else 0.0,
        macro_f1=macro,
        weighted_f1=weighted,
        no_event=sum(p is None for p in predicted) / n if n else 0.0,
        per_label=per_label,
        support=support,
    )


def confusion(
    gold: Sequence[str], predicted: Sequence[str | None], classes: int = CONFUSION_CLASSES
) -> tuple[list[str], dict[str, Counter[str]]]:
    """The largest gold classes and, per class, the counts of its predictions (columns:
    those classes, then "other" and "none")."""
    top = [lab for lab, _ in sorted(Counter(gold).items(), key=lambda x: (-x[1], x[0]))][:classes]
    rows: dict[str, Counter[str]] = {lab: Counter() for lab in top}
    for g, p in zip(gold, predicted, strict=True):
        if g in rows:
            rows[g][p if p in rows else ("none" if p is None else "other")] += 1
    return top, rows


def _short(label: str) -> str:
    return label[:12]


def add_tables(out: Report, gold: Sequence[str], predicted: Sequence[str | None]) -> Scores:
    """The summary, per-label and confusion tables of a run."""
    s = score(gold, predicted)
    n = len(gold)
    table = out.table(TABLE, note="weighted F1 (by gold support) is the task's ranking figure")
    table.add(Row("weighted F1", {"f1": s.weighted_f1, "n": n}, PUBLISHED))
    table.add(Row("macro F1", {"f1": s.macro_f1, "n": n}))
    table.add(Row("accuracy", {"accuracy": s.accuracy, "n": n}))
    table.add(Row("snippets with an event", {"share": 1 - s.no_event, "n": n}))
    table.add(Row("snippets without an event", {"share": s.no_event, "n": n}))
    per = out.table(LABEL_TABLE, note="gold = support")
    for lab in sorted(s.per_label, key=lambda x: (-s.support[x], x)):
        per.add(Row.prf(lab, s.per_label[lab]))
    top, rows = confusion(gold, predicted)
    columns = [*top, "other", "none"]
    conf = out.table(CONFUSION_TABLE, note="columns: predicted (other: any other label)")
    conf.columns = [_short(c) for c in columns]
    for lab in top:
        conf.add(Row(lab, {_short(c): float(rows[lab][c]) for c in columns}))
    return s


def _notes(out: Report, gold: Iterable[str], predicted: Iterable[str | None]) -> None:
    pairs = Counter((g, p or "none") for g, p in zip(gold, predicted, strict=True) if g != p)
    if pairs:
        common = ", ".join(f"{g}→{p} {k}" for (g, p), k in pairs.most_common(10))
        out.notes.append(f"most frequent confusions (gold→predicted): {common}")


def run(root: Path, split: str, limit: int | None, extractor: Extractor | None) -> Report:
    if split not in ("dev", "all"):
        raise InputError(f"--split {split}", "CASE 2021 has only its dev part here (dev)")
    snippets = load(root)
    if limit is not None:
        snippets = snippets[:limit]
    out = Report(dataset="case2021", split="dev", data=str(root))
    from eventwire.pipeline import default_extractor

    extractor = extractor or default_extractor()
    articles = [make_article(s.text, source=s.id) for s in snippets]
    reports = run_pipeline(extractor, articles, [s.id for s in snippets], out, label="CASE 2021")
    gold = [s.label for s in snippets]
    predicted: list[str | None] = []
    for snip, report in zip(snippets, reports, strict=True):
        depth = trigger_depth(extractor.nlp, report) if report and report.events else None
        label = label_of(report, depth)
        predicted.append(label)
        if label != snip.label:
            event = main_event(report, depth)
            out.error(
                TABLE,
                snip.id,
                snip.label,
                f"→ {label}" if label else "no event",
                gold=snip.label,
                predicted=f"{label} ({event.type} {'/'.join(event.mode)} '{event.trigger.text}')"
                if event and label
                else label,
                text=snip.text[:160],
            )
    add_tables(out, gold, predicted)
    _notes(out, gold, predicted)
    return out
