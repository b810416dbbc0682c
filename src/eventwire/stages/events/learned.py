"""Argument roles from the trained classifier (``knowledge/models/roles``, ``eventwire train
roles``).

The last step of the events stage, for attack (ASSAULT) events only, over the event's
candidate spans (``candidates.py``: the noun chunks, entities, actor mentions and weapon
phrases of the sentences holding its trigger or mentions, and the rules' own arguments):

1. a rule argument that names no actor of the article (no actor at its words, none the
   rules resolved it to, no pronoun among them) goes when the classifier finds it very likely no
   argument (``drop``: "Manchester" as the attacker);
2. the roles among actors, targets, victims and instruments left empty are filled: each
   other candidate (none of the event's places) gets the role the classifier gives it
   when likely enough (``threshold``), overlapping ones of a role giving way to the
   likelier; a new argument names the actor mentioned at its words; a new target loses
   the count or determiner before it ("several electricity poles" → "electricity poles":
   a target is the object attacked, how many is no part of its name).

The rules' other arguments stay.  Without the model (not installed, or
``EVENTWIRE_MODELS`` without ``roles``) nothing changes: the rules' arguments stand.

Measured on MUC-4, WikiEvents and PLOVER, letting the classifier drop or replace any of
the rules' arguments gained on MUC-4 and lost on the other two (it learnt MUC-4's notion
of a terrorist incident: armies, states and soldiers are no perpetrators or victims
there), and so did adding arguments to roles the rules had filled.
"""

from __future__ import annotations

from collections.abc import Mapping

from eventwire.findings import Findings
from eventwire.knowledge.event_lexicon import counts
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


def read_roles(found: Findings, counted: Mapping[str, list[Arg]] | None = None) -> None:
    """Re-read the arguments of the attack events with the trained classifier.

    ``counted``: by event id, the people the rules found named by their number alone
    ("killing 130 people", ``Args.counted``): they tell who was hit (the victims are no
    empty role to fill) and are no new argument."""
    model = roles_model()
    if model is None:
        return
    counted = counted or {}
    for event in found.events:
        if event.type != EventType.ASSAULT:
            continue
        tolls = counted.get(event.id, [])
        cands = candidates(found, event)
        for cand in cands:
            if cand.rule is not None and model.drops(cand.features) and not _pronoun(found, cand):
                name = FIELD_OF[cand.rule]
                kept = [a for a in getattr(event, name) if a.actor_id or not _at(a, cand)]
                setattr(event, name, kept)
        filled = {name for name in FIELD_OF.values() if getattr(event, name)}
        if tolls:
            filled.add("victims")
        chosen: dict[str, list[tuple[float, Arg]]] = {}
        places = [(a.span.start, a.span.end) for a in [*event.place, *tolls]]
        for cand in cands:
            if cand.rule is not None:
                continue  # the rules' arguments stay (or went above)
            if any(cand.start < end and start < cand.end for start, end in places):
                continue  # where it happened ("at the Cavehill Road"), a toll: no new argument
            role, p = model.role(cand.features)
            if role is None or FIELD_OF[role] in filled:
                continue  # a new argument only fills a role the rules left empty
            arg = _arg(found, cand, role)
            if arg is not None:
                chosen.setdefault(FIELD_OF[role], []).append((p, arg))
        for name, scored in chosen.items():
            setattr(event, name, _apart(scored))


def _pronoun(found: Findings, cand: Candidate) -> bool:
    """Whether the candidate's words hold a pronoun ("two of its members")."""
    span = found.doc.char_span(cand.start, cand.end, alignment_mode="expand")
    return span is not None and any(t.pos_ == "PRON" for t in span)


def _at(arg: Arg, cand: Candidate) -> bool:
    return (arg.span.start, arg.span.end) == (cand.start, cand.end)


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
    if role == "target":
        start = _uncounted(found, start, end)
    if start >= end:
        return None
    actor = found.index.actor_at(start, end, prefer="overlap")
    return Arg(
        actor_id=actor.id if actor else None,
        individual=role == "actor_ind",
        span=found.span(start, end),
    )


def _uncounted(found: Findings, start: int, end: int) -> int:
    """Where a target's name starts past the leading count words, determiners and count
    modifiers (``counts.yaml``: "several", "two", "about 20", "the"); ``start`` for a
    single word."""
    span = found.doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 2:
        return start
    lex = counts()
    words = lex.numbers.keys() | lex.vague.keys() | lex.singular | lex.modifiers.keys()
    for tok in span[:-1]:
        if not (tok.like_num or tok.tag_ in ("DT", "PDT") or tok.lower_ in words):
            return max(start, tok.idx)
    return max(start, span[-1].idx)  # "two buses": the last word names it
