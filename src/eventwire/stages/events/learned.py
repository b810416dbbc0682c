"""Argument roles from the trained classifier (``knowledge/models/roles``, ``eventwire train
roles``).

The last step of the events stage, for attack (ASSAULT) events only.  The rules'
arguments stay; the roles among actors, targets, victims and instruments that the rules
left empty are filled by the classifier: each other candidate span of the event
(``candidates.py``: the noun chunks, entities, actor mentions and weapon phrases of the
sentences holding its trigger or mentions) gets the role the classifier gives it, or
none.  A new argument names the actor mentioned at its words.  Without the model (not
installed, or ``EVENTWIRE_MODELS=0``) nothing changes: the rules' arguments stand.

Measured on MUC-4, WikiEvents and PLOVER, letting the classifier also drop or replace
the rules' arguments gained on MUC-4 and lost on the other two (it learnt MUC-4's
notion of a terrorist incident: armies and states are no perpetrators there), and so
did adding arguments to roles the rules had filled.
"""

from __future__ import annotations

from eventwire.findings import Findings
from eventwire.knowledge.roles import roles_model
from eventwire.model import Arg, EventType
from eventwire.stages.events.candidates import Candidate, candidates

NAME = "roles"
FIELD_OF = {
    "actor_ind": "actors",
    "actor_org": "actors",
    "target": "targets",
    "victim": "victims",
    "instrument": "instruments",
}


def read_roles(found: Findings) -> None:
    """Re-read the arguments of the attack events with the trained classifier."""
    model = roles_model()
    if model is None:
        return
    for event in found.events:
        if event.type != EventType.ASSAULT:
            continue
        filled = {name for name in FIELD_OF.values() if getattr(event, name)}
        chosen: dict[str, list[tuple[float, Arg]]] = {}
        for cand in candidates(found, event):
            if cand.rule is not None:
                continue  # the rules' arguments stay
            role, p = model.role(cand.features)
            if role is None or FIELD_OF[role] in filled:
                continue  # a new argument only fills a role the rules left empty
            arg = _arg(found, cand, role)
            if arg is not None:
                chosen.setdefault(FIELD_OF[role], []).append((p, arg))
        for name, scored in chosen.items():
            setattr(event, name, _apart(scored))


def _apart(scored: list[tuple[float, Arg]]) -> list[Arg]:
    """The arguments of one role less those overlapping a likelier one ("judge Maria
    Lopez", "Maria Lopez"), in text order."""
    kept: list[Arg] = []
    for _, arg in sorted(scored, key=lambda item: -item[0]):
        if all(arg.span.end <= k.span.start or k.span.end <= arg.span.start for k in kept):
            kept.append(arg)
    return sorted(kept, key=lambda a: a.span.start)


def _arg(found: Findings, cand: Candidate, role: str) -> Arg | None:
    """The argument for a chosen candidate: its words, with the actor mentioned there."""
    start, end = cand.start, cand.end
    text = found.text
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    if start >= end:
        return None
    actor = found.index.actor_at(start, end, prefer="overlap")
    return Arg(
        actor_id=actor.id if actor else None,
        individual=role == "actor_ind",
        span=found.span(start, end),
    )
