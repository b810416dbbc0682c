"""MUC-4 victims no event argument names, learned: the people a message lists as killed,
wounded or kidnapped ("THE VICTIMS WERE IDENTIFIED AS JOSE PEREZ, PEDRO GOMEZ …",
"KILLING MARIA PULIDO, 42; PILAR PULIDO, 19; …") are actors of the article, but no
event's arguments hold them.

On MUC-4 train (the shipped scope and roles on), 186 of the 362 gold victims the mapping
misses are such actors: their names are in the message's actors and in no event's
arguments.  Of a message the mapping gives templates, every actor that fills no role yet
is scored by a binary logistic regression over ``features``: the words around its
mentions, its kind, the events and statements it takes part in, whether an incident is
told in its sentence and a filler of the mapping stands next to it.  One whose probability
reaches the model's threshold is a victim of the closest incident.  Trained with the scope
by ``eventwire train muc4-scope`` (``victims`` in ``models/muc4_scope/model.json``;
weights, threshold chosen by five-fold cross-validation over MUC-4 train's messages).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from eventwire.model import Actor, ArticleReport, Event, Span

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
WINDOW = 60  # characters either side of a mention read for its words
NEAR = 120  # characters between a mention and a filler of the mapping said to be near it
MENTIONS = 6  # mentions of an actor read


def _bucket(x: float, edges: Sequence[float]) -> str:
    return next((str(e) for e in edges if x <= e), "more")


def features(
    actor: Actor,
    named: Sequence[Span],
    report: ArticleReport,
    incidents: Sequence[Event],
    types: dict[str, str],
    fillers: Sequence[tuple[str, Span]],
) -> dict[str, float]:
    """The actor's features: ``named`` its mentions that are no pronoun (at least one),
    ``incidents`` the message's templates' events, ``types`` their MUC incident type by
    event id, ``fillers`` the mapping's (role, span) of those events."""
    text = report.article.text
    f = {"bias": 1.0, f"kind={actor.kind}": 1.0}
    f[f"mentions={_bucket(len(actor.mentions), (1, 2, 4))}"] = 1.0
    f[f"first={_bucket(named[0].start / max(1, len(text)), (0.1, 0.25, 0.5))}"] = 1.0
    if actor.role:
        f["has_title"] = 1.0
    for m in named[:MENTIONS]:
        left = _WORD.findall(text[max(0, m.start - WINDOW) : m.start])[-4:]
        right = _WORD.findall(text[m.end : m.end + WINDOW])[:4]
        for k, w in enumerate(reversed(left)):
            f[f"l:{w.lower()}"] = 1.0
            if k == 0:
                f[f"l1:{w.lower()}"] = 1.0
        for k, w in enumerate(right):
            f[f"r:{w.lower()}"] = 1.0
            if k == 0:
                f[f"r1:{w.lower()}"] = 1.0
        for e in incidents:
            if e.sentence.start <= m.start < e.sentence.end:
                f["same_sentence_incident"] = 1.0
                f[f"same_sentence_type={types[e.id]}"] = 1.0
        for role, span in fillers:
            if abs(span.start - m.start) < NEAR and not span.start <= m.start < span.end:
                f[f"near_filler={role}"] = 1.0
    chosen = {e.id for e in incidents}
    for e in report.events:
        for name in ("actors", "targets", "victims", "instruments", "recipients", "claimed_by"):
            if any(a.actor_id == actor.id for a in getattr(e, name)):
                f[f"in={e.type}:{name}"] = 1.0
                f[f"in_incident={e.id in chosen}:{name}"] = 1.0
    for s in report.statements:
        if s.speaker is not None and s.speaker.actor_id == actor.id:
            f["speaker"] = 1.0
        if s.target is not None and s.target.actor_id == actor.id:
            f[f"statement_target={s.stance}"] = 1.0
    return f


def closest(span: Span, incidents: Sequence[Event]) -> int:
    """Index of the incident told in the mention's sentence, else the closest one before it,
    else the first."""
    for k, e in enumerate(incidents):
        if e.sentence.start <= span.start < e.sentence.end:
            return k
    before = [k for k, e in enumerate(incidents) if e.trigger.start <= span.start]
    return max(before, key=lambda k: incidents[k].trigger.start) if before else 0


class BinaryLogit:
    """A binary logistic regression over string features, with its decision threshold
    (the victims model here; the scope model, ``muc4_scope.ScopeModel``, is one too)."""

    def __init__(self, data: dict) -> None:
        self.threshold = float(data["threshold"])
        self.weights = {k: float(v) for k, v in data["weights"].items()}

    def probability(self, features: dict[str, float]) -> float:
        z = sum(v * self.weights.get(k, 0.0) for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keeps(self, features: dict[str, float]) -> bool:
        return self.probability(features) >= self.threshold
