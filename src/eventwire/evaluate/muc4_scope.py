"""MUC-4's scope, learned: which of an article's attacks MUC-4 would code as incidents.

MUC-4 codes specific terrorist incidents (against civilian or government targets, in the
nine countries of its messages, recent enough to be news), not every violent deed a
message mentions: speeches recall massacres, interviews describe fighting, reports sum up
last year's killings.  The rules of ``evaluate.muc4.is_incident`` keep what any reading
would (an attack that occurred, with a participant, not on combatants alone); this model,
trained by ``eventwire train muc4-scope`` on MUC-4 train (``models/muc4_scope/CARD.md``),
scores each of those for the rest from the event's own properties: its trigger, kind,
modality, place's country, date against the publication date, participants, position in
the message and the number of attacks the message holds.  The same file lists the last
words of the weapon fillers that MUC-4 train's keys hardly ever give (``not_weapons``:
"BULLETS"; counts of fillers matching a key or not, precision threshold by
cross-validation), which the mapping leaves out.  The MUC-4 mapping keeps an
event whose score reaches the model's threshold; without the model file (or with
``EVENTWIRE_MODELS=0``) it keeps them all.  Nothing outside the MUC-4 mapping reads it:
the events eventwire stores are not filtered.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from eventwire.evaluate.muc4_victims import BinaryLogit
from eventwire.knowledge.files import trained
from eventwire.model import ArticleReport, Event

MODEL_DIR = Path(str(resources.files("eventwire.knowledge"))) / "models" / "muc4_scope"
MODEL_FILE = "model.json"
CLASSES = ("out", "in")  # out of MUC-4's scope, in it


def _bucket(x: float, edges: Sequence[float]) -> str:
    return next((str(e) for e in edges if x <= e), "more")


def features(
    event: Event, report: ArticleReport, incidents: Sequence[Event], muc_type: str, country: str
) -> dict[str, float]:
    """The event's features: ``incidents`` are the message's events the rules keep,
    ``muc_type`` its MUC incident type, ``country`` its place's country ("none")."""
    f = {
        "bias": 1.0,
        "trigger=" + " ".join(event.trigger.text.lower().split()): 1.0,
        f"kind={event.attack_kind}": 1.0,
        f"type={muc_type}": 1.0,
        f"modality={event.modality}": 1.0,
        f"country={country}": 1.0,
        f"killed={event.killed is not None}": 1.0,
        f"injured={event.injured is not None}": 1.0,
        f"mentions={_bucket(len(event.mentions), (1, 2, 4))}": 1.0,
        f"incidents={_bucket(len(incidents), (1, 2, 4, 8))}": 1.0,
    }
    for name in ("actors", "targets", "victims", "instruments", "claimed_by"):
        f[f"has_{name}={bool(getattr(event, name))}"] = 1.0
    f.update({f"mode={m}": 1.0 for m in event.mode})
    f.update({f"target_kind={k}": 1.0 for k in event.target_kind})
    f.update({f"context={c}": 1.0 for c in event.context})
    for arg in event.actors:
        actor = report.actor(arg.actor_id)
        if actor is not None:
            f[f"actor_kind={actor.kind}"] = 1.0
    when = report.date(event.date)
    published = report.article.published
    if when is None:
        f["date=none"] = 1.0
    elif published is not None:
        days = (published - when.end).days
        f[f"days_before={_bucket(days, (-1, 3, 15, 60, 365))}"] = 1.0
        f[f"granularity={when.granularity}"] = 1.0
    sentences = sorted({e.sentence.start for e in incidents})
    rank = sentences.index(event.sentence.start) if event.sentence.start in sentences else 99
    f[f"sentence_rank={_bucket(rank, (0, 1, 3, 6))}"] = 1.0
    where = event.sentence.start / max(1, len(report.article.text))
    f[f"position={_bucket(where, (0.1, 0.25, 0.5, 0.75))}"] = 1.0
    return f


class ScopeModel(BinaryLogit):
    """A binary logistic regression over ``features`` (how likely the event is a MUC-4
    incident), with its decision threshold, the weapon words left out and the victims
    model."""

    def __init__(self, data: dict) -> None:
        if tuple(data["classes"]) != CLASSES:
            raise ValueError(f"classes {data['classes']} are not {CLASSES}")
        super().__init__(data)
        # last words of weapon fillers MUC-4's keys do not give ("BULLETS")
        self.not_weapons = frozenset(str(w) for w in data.get("not_weapons", ()))
        # victims no event argument names (evaluate.muc4_victims)
        self.victims = BinaryLogit(data["victims"]) if data.get("victims") else None


@trained("muc4-scope")
def scope_model() -> ScopeModel | None:
    """The shipped model, or None (missing or unreadable)."""
    try:
        return ScopeModel(json.loads((MODEL_DIR / MODEL_FILE).read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None
