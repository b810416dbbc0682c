"""WikiEvents (Li, Ji & Han, NAACL 2021): attack events and their arguments, end to end.

Data (``--data …/wikievents``): ``dev.jsonl`` (20 news articles with KAIROS events: each
event mention a type, a trigger and arguments naming entity mentions), ``dev.coref.jsonlines``
(gold entity coreference) and ``event_role_KAIROS.json`` (the roles).  A dev set: scored
here, never trained on; the test split is held out.

Text: the ``text`` field glues sentences together ("in SyriaThe desert"), so the article
is rebuilt from ``sentences``: every token at its own character offset, blanks inside a
sentence as spaces and between sentences as line breaks.  Token offsets are then exact.

Scored: the events of type ``Conflict.Attack.*`` against eventwire's ASSAULT events whose
modality is not negated or hypothetical.

- Event detection.  A predicted event *covers* a gold attack mention when its trigger or
  one of its coreferent mentions (``Event.mentions``) overlaps the gold trigger.  Mention
  level: every trigger and mention span of the predicted events against the gold
  triggers, one-to-one by overlap.  Event level: P = predicted events that cover a gold
  mention / predicted events, R = gold mentions covered / gold mentions (eventwire merges
  the mentions of one event; the gold has no event coreference).
- Arguments (Arg-I: the span; Arg-C: the span and the role).  Each gold mention goes to
  the first predicted event covering it; a predicted event is compared with the union of
  the arguments of its gold mentions (one gold argument per role and entity).  Roles:
  Attacker ← ``actors`` + ``claimed_by``; Target ← ``targets`` + ``victims``; Instrument
  ← ``instruments`` (ExplosiveDevice counts as Instrument); Place ← ``place``.  A
  predicted argument matches a gold one when the gold argument's head token (the root of
  its words in the pipeline's parse) lies inside the predicted span; one-to-one
  (Kuhn–Munkres).  Arguments of uncovered gold mentions count as missed, those of
  predicted events covering no gold mention as spurious.  *Strict*: the gold mention
  named by the annotation; *coreference-lenient*: any mention of the gold entity's
  coreference cluster (one gold argument per role and cluster).

Published (Li et al. 2021, with gold triggers, test split): BART-Gen Arg-C head F1 64.6.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.errors import InputError
from eventwire.evaluate.metrics import PRF, assign
from eventwire.evaluate.offsets import raw_offsets, to_raw
from eventwire.evaluate.report import Report, Row
from eventwire.evaluate.runner import run_pipeline
from eventwire.ingest.article import make_article
from eventwire.model import ArticleReport, Event, EventType, Modality

if TYPE_CHECKING:
    from spacy.language import Language

    from eventwire.pipeline import Extractor

FILE = "dev.jsonl"
COREF = "dev.coref.jsonlines"
ATTACK = "Conflict.Attack"
ROLES = ("Attacker", "Target", "Instrument", "Place")
GOLD_ROLE = {"ExplosiveDevice": "Instrument"}
PRED_ROLES = {
    "Attacker": ("actors", "claimed_by"),
    "Target": ("targets", "victims"),
    "Instrument": ("instruments",),
    "Place": ("place",),
}
DETECTION = "attack event detection (trigger overlap)"
ARGUMENTS = "attack arguments, head-word match"
LENIENT = "attack arguments, head-word match with gold coreference"
PUBLISHED_ARG_C = "BART-Gen 64.6 (gold triggers, test)"
Char = tuple[int, int]


@dataclass
class Mention:
    """A gold entity mention: its characters and its head token's characters."""

    id: str
    span: Char
    head: Char
    text: str


@dataclass
class GoldArg:
    role: str
    entity: str  # the entity mention id named by the annotation
    cluster: str  # its coreference cluster (the mention id when it has none)


@dataclass
class GoldEvent:
    id: str
    type: str
    trigger: Char
    text: str
    args: list[GoldArg] = field(default_factory=list)


@dataclass
class WikiDoc:
    id: str
    text: str
    mentions: dict[str, Mention]
    clusters: dict[str, list[str]]  # cluster id → its mention ids
    events: list[GoldEvent]  # attack events only
    token_spans: list[Char]
    entity_tokens: dict[str, tuple[int, int]] = field(default_factory=dict)


# --------------------------------------------------------------------------------------
# reading


def rebuild_text(sentences: list[Any]) -> tuple[str, list[Char]]:
    """The article text with every token at its own offset, and each token's span.

    Blanks inside a sentence become spaces, between sentences line breaks."""
    chars: list[str] = []
    spans: list[Char] = []
    for k, (tokens, _sentence) in enumerate(sentences):
        for j, (token, start, end) in enumerate(tokens):
            if start < len(chars) or end - start != len(token):
                raise ValueError(f"token {token!r} at {start}:{end} does not fit the text")
            blank = "\n" if (j == 0 and k > 0) else " "
            chars.extend(blank * (start - len(chars)))
            chars.extend(token)
            spans.append((start, end))
    return "".join(chars), spans


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        raise InputError(str(path), "missing WikiEvents file")
    rows = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}", f"malformed JSON ({exc.msg})") from None
    return rows


def load(root: Path) -> list[WikiDoc]:
    """The documents of ``root`` (a folder with dev.jsonl and dev.coref.jsonlines)."""
    if root.is_file():
        root = root.parent
    coref = {row["doc_key"]: row["clusters"] for row in _read_jsonl(root / COREF)}
    docs: list[WikiDoc] = []
    for row in _read_jsonl(root / FILE):
        doc_id = row.get("doc_id", "?")
        try:
            docs.append(_doc(row, coref.get(doc_id, [])))
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise InputError(f"{root / FILE}: {doc_id}", f"unexpected layout ({exc})") from None
    return docs


def _doc(row: dict[str, Any], clusters: list[list[str]]) -> WikiDoc:
    text, token_spans = rebuild_text(row["sentences"])
    mentions: dict[str, Mention] = {}
    entity_tokens: dict[str, tuple[int, int]] = {}
    for m in row["entity_mentions"]:
        start, end = m["start"], m["end"]
        span = (token_spans[start][0], token_spans[end - 1][1])
        mentions[m["id"]] = Mention(m["id"], span, token_spans[end - 1], text[span[0] : span[1]])
        entity_tokens[m["id"]] = (start, end)
    cluster_of: dict[str, str] = {}
    cluster_map: dict[str, list[str]] = {}
    for members in clusters:
        key = members[0]
        cluster_map[key] = list(members)
        for member in members:
            cluster_of[member] = key
    events = []
    for e in row["event_mentions"]:
        if not e["event_type"].startswith(ATTACK):
            continue
        t = e["trigger"]
        trigger = (token_spans[t["start"]][0], token_spans[t["end"] - 1][1])
        event = GoldEvent(e["id"], e["event_type"], trigger, t["text"])
        seen = set()
        for a in e["arguments"]:
            role = GOLD_ROLE.get(a["role"], a["role"])
            if role not in ROLES or a["entity_id"] not in mentions:
                continue
            if (role, a["entity_id"]) in seen:
                continue
            seen.add((role, a["entity_id"]))
            cluster = cluster_of.get(a["entity_id"], a["entity_id"])
            cluster_map.setdefault(cluster, [a["entity_id"]])
            event.args.append(GoldArg(role, a["entity_id"], cluster))
        events.append(event)
    return WikiDoc(row["doc_id"], text, mentions, cluster_map, events, token_spans, entity_tokens)


def find_heads(doc: WikiDoc, nlp: Language) -> None:
    """Set each mention's head to the root of its words in ``nlp``'s parse of the text."""
    parsed = nlp(doc.text)
    for mention in doc.mentions.values():
        span = parsed.char_span(*mention.span, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        root = span.root
        head = (root.idx, root.idx + len(root))
        # the gold token holding the root's first character
        for start, end in doc.token_spans:
            if start <= head[0] < end and mention.span[0] <= start and end <= mention.span[1]:
                mention.head = (start, end)
                break


# --------------------------------------------------------------------------------------
# eventwire's side


@dataclass
class PredArg:
    role: str
    span: Char
    text: str


@dataclass
class PredEvent:
    id: str
    spans: list[Char]  # trigger first, then coreferent mentions
    trigger: str
    args: list[PredArg]


def attack_events(report: ArticleReport | None, raw: str) -> list[PredEvent]:
    """eventwire's ASSAULT events (not negated or hypothetical), offsets on ``raw``."""
    if report is None:
        return []
    text = report.article.text
    at = raw_offsets(raw, text) if raw != text else None

    def char(span: Any) -> Char:
        return to_raw(at, span.start, span.end) if at is not None else (span.start, span.end)

    out = []
    for event in report.events:
        if not _counts(event):
            continue
        spans = [char(event.trigger)]
        spans += [s for s in (char(m) for m in event.mentions) if s not in spans]
        args: list[PredArg] = []
        for role, fields in PRED_ROLES.items():
            seen: set[Char] = set()
            for name in fields:
                for arg in getattr(event, name):
                    span = char(arg.span)
                    if span not in seen:
                        seen.add(span)
                        args.append(PredArg(role, span, arg.span.text))
        out.append(PredEvent(event.id, spans, event.trigger.text, args))
    return out


def _counts(event: Event) -> bool:
    """An attack that is said to have happened.  A place taken (ASSAULT mode "territory",
    eventwire's addition) and a kidnapping (PLOVER's mode "abduct": KAIROS has no
    abduction among Conflict.Attack) are no KAIROS Conflict.Attack."""
    return (
        event.type == EventType.ASSAULT
        and "territory" not in event.mode
        and "abduct" not in event.mode
        and event.modality not in (Modality.NEGATED, Modality.HYPOTHETICAL)
    )


# --------------------------------------------------------------------------------------
# scoring


def _overlaps(a: Char, b: Char) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside(head: Char, span: Char) -> bool:
    return span[0] <= head[0] and head[1] <= span[1]


@dataclass
class Scores:
    mentions: PRF = field(default_factory=PRF)
    events: PRF = field(default_factory=PRF)
    arg_i: PRF = field(default_factory=PRF)
    arg_c: PRF = field(default_factory=PRF)
    roles: dict[str, PRF] = field(default_factory=dict)
    lenient_i: PRF = field(default_factory=PRF)
    lenient_c: PRF = field(default_factory=PRF)
    lenient_roles: dict[str, PRF] = field(default_factory=dict)


def cover(pred: list[PredEvent], gold: list[GoldEvent]) -> dict[int, int]:
    """Gold mention index → index of the first predicted event covering it."""
    out: dict[int, int] = {}
    for j, g in enumerate(gold):
        for i, p in enumerate(pred):
            if any(_overlaps(s, g.trigger) for s in p.spans):
                out[j] = i
                break
    return out


def _heads(doc: WikiDoc, arg: GoldArg, lenient: bool) -> list[Char]:
    if not lenient:
        return [doc.mentions[arg.entity].head]
    members = doc.clusters.get(arg.cluster, [arg.entity])
    return [doc.mentions[m].head for m in members if m in doc.mentions]


def match_args(
    doc: WikiDoc, pred: list[PredArg], gold: list[GoldArg], lenient: bool, typed: bool
) -> list[tuple[int, int]]:
    """One-to-one pairs (predicted, gold) of matching arguments."""
    heads = [_heads(doc, g, lenient) for g in gold]

    def ok(p: PredArg, j: int) -> bool:
        if typed and p.role != gold[j].role:
            return False
        return any(_inside(h, p.span) for h in heads[j])

    weights = [[1.0 if ok(p, j) else 0.0 for j in range(len(gold))] for p in pred]
    if not pred or not gold:
        return []
    return [(i, j) for i, j in assign(weights) if weights[i][j] > 0]


def _gold_args(events: Iterable[GoldEvent], lenient: bool) -> list[GoldArg]:
    out: list[GoldArg] = []
    seen: set[tuple[str, str]] = set()
    for event in events:
        for arg in event.args:
            key = (arg.role, arg.cluster if lenient else arg.entity)
            if key not in seen:
                seen.add(key)
                out.append(arg)
    return out


def score_doc(doc: WikiDoc, pred: list[PredEvent], scores: Scores, report: Report) -> None:
    """Add one document's counts to ``scores`` and its errors to ``report``."""
    gold = doc.events
    # mention level: every predicted span against the gold triggers, one-to-one
    spans = [s for p in pred for s in p.spans]
    weights = [[1.0 if _overlaps(s, g.trigger) else 0.0 for g in gold] for s in spans]
    pairs = [(i, j) for i, j in assign(weights) if weights[i][j] > 0] if spans and gold else []
    scores.mentions += PRF.of(len(pairs), len(spans), len(gold))
    # event level
    covered = cover(pred, gold)
    useful = set(covered.values())
    scores.events += PRF(len(useful), len(pred), len(covered), len(gold))
    for j, g in enumerate(gold):
        if j not in covered:
            report.error(DETECTION, doc.id, g.type, "missed", gold=_context(doc.text, g.trigger))
    for i, p in enumerate(pred):
        if i not in useful:
            report.error(DETECTION, doc.id, "ASSAULT", "spurious", predicted=p.trigger)
    # arguments, per predicted event against the union of its gold mentions' arguments
    for lenient in (False, True):
        table = LENIENT if lenient else ARGUMENTS
        groups: list[tuple[list[PredArg], list[GoldArg], str]] = []
        for i, p in enumerate(pred):
            mine = [gold[j] for j, k in covered.items() if k == i]
            groups.append((p.args, _gold_args(mine, lenient), p.trigger))
        for j, g in enumerate(gold):
            if j not in covered:
                groups.append(([], _gold_args([g], lenient), g.text))
        for p_args, g_args, trigger in groups:
            found_i = match_args(doc, p_args, g_args, lenient, typed=False)
            found_c = match_args(doc, p_args, g_args, lenient, typed=True)
            arg_i = PRF.of(len(found_i), len(p_args), len(g_args))
            arg_c = PRF.of(len(found_c), len(p_args), len(g_args))
            if lenient:
                scores.lenient_i += arg_i
                scores.lenient_c += arg_c
            else:
                scores.arg_i += arg_i
                scores.arg_c += arg_c
            per_role = scores.lenient_roles if lenient else scores.roles
            matched_p = {i for i, _ in found_c}
            matched_g = {j for _, j in found_c}
            for role in ROLES:
                n_pred = sum(1 for a in p_args if a.role == role)
                n_gold = sum(1 for a in g_args if a.role == role)
                n_ok = sum(1 for _, j in found_c if g_args[j].role == role)
                per_role[role] = per_role.get(role, PRF()) + PRF.of(n_ok, n_pred, n_gold)
            if lenient:
                continue
            for j, a in enumerate(g_args):
                if j not in matched_g:
                    words = doc.mentions[a.entity].text
                    report.error(table, doc.id, a.role, "missed", gold=words, text=trigger)
            for i, a in enumerate(p_args):
                if i not in matched_p:
                    report.error(table, doc.id, a.role, "spurious", predicted=a.text, text=trigger)


def _context(text: str, span: Char) -> str:
    start = max(0, span[0] - 30)
    return f"{text[start : span[0]]}[{text[span[0] : span[1]]}]{text[span[1] : span[1] + 30]}"


def run(root: Path, split: str, limit: int | None, extractor: Extractor | None) -> Report:
    if split != "dev":
        raise InputError(
            split, "WikiEvents: only the dev split is read (the test split is held out)"
        )
    docs = load(root)
    if limit is not None:
        docs = docs[:limit]
    out = Report(dataset="wikievents", split="dev", data=str(root))
    articles = [make_article(d.text, source=d.id, check_language=False) for d in docs]
    reports = run_pipeline(extractor, articles, [d.id for d in docs], out, label="WikiEvents")
    from eventwire.pipeline import default_extractor

    nlp = (extractor or default_extractor()).nlp
    scores = Scores()
    for doc, report in zip(docs, reports, strict=True):
        find_heads(doc, nlp)
        score_doc(doc, attack_events(report, doc.text), scores, out)
    detection = out.table(DETECTION, note="a predicted ASSAULT covers a gold Conflict.Attack")
    detection.add(Row.prf("mention level", scores.mentions))
    detection.add(Row.prf("event level", scores.events))
    for lenient, title in ((False, ARGUMENTS), (True, LENIENT)):
        table = out.table(title, note="the gold argument's head token inside the predicted span")
        arg_i, arg_c = (
            (scores.lenient_i, scores.lenient_c) if lenient else (scores.arg_i, scores.arg_c)
        )
        roles = scores.lenient_roles if lenient else scores.roles
        table.add(Row.prf("Arg-I", arg_i))
        table.add(Row.prf("Arg-C", arg_c, None if lenient else PUBLISHED_ARG_C))
        for role in ROLES:
            table.add(Row.prf(f"Arg-C {role}", roles.get(role, PRF())))
    n_gold = sum(len(d.events) for d in docs)
    out.notes.append(f"{n_gold} gold attack mentions in {len(docs)} documents")
    return out
