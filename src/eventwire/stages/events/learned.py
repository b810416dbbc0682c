"""Argument roles from the trained tagger (``knowledge/models/roles``, ``eventwire train roles``).

The last step of the events stage, on the sentences that hold the trigger or a mention of an
attack (ASSAULT) event, and only there: the tagger marks the spans that are individual
perpetrators (ACTOR_IND), perpetrating organisations (ACTOR_ORG), targets, victims,
instruments and places.  Each tagged span goes to the attack event of its sentence whose
trigger or mention lies nearest.  For an event the tagger gave arguments, the tagger's
actors, targets, victims and instruments replace those the rules found; its places are
kept where they name a place the places stage resolved.  Without the model (not
installed, or ``EVENTWIRE_MODELS=0``) nothing changes: the rules' arguments stand.
"""

from __future__ import annotations

from eventwire.findings import Findings
from eventwire.knowledge.tagger import Tagged, tagger
from eventwire.model import Arg, Event, EventType

NAME = "roles"
ROLE_OF = {
    "ACTOR_IND": ("actors", True),
    "ACTOR_ORG": ("actors", False),
    "TARGET": ("targets", False),
    "VICTIM": ("victims", False),
    "INSTRUMENT": ("instruments", False),
    "PLACE": ("place", False),
}
REPLACED = ("actors", "targets", "victims", "instruments")
# True: a role the tagger left empty keeps the rules' arguments; False: the tagger's
# reading of the event replaces all four roles
KEEP_RULES_FOR_EMPTY_ROLES = False


def read_roles(found: Findings) -> None:
    """Re-read the arguments of the attack events with the trained tagger."""
    model = tagger(NAME)
    attacks = [e for e in found.events if e.type == EventType.ASSAULT]
    if model is None or not attacks:
        return
    doc = found.doc
    anchors: dict[int, list[tuple[int, Event]]] = {}  # sentence start → (offset, event)
    sentences: dict[int, tuple[int, int]] = {}
    for event in attacks:
        for span in (event.trigger, *event.mentions):
            token = doc.char_span(span.start, span.end, alignment_mode="expand")
            if token is None or len(token) == 0:
                continue
            sent = token[0].sent
            sentences[sent.start_char] = (sent.start_char, sent.end_char)
            anchors.setdefault(sent.start_char, []).append((span.start, event))
    order = sorted(sentences)
    tagged = model.tag([found.text[slice(*sentences[k])] for k in order])
    args: dict[str, dict[str, list[Arg]]] = {}
    for key, spans in zip(order, tagged, strict=True):
        start = sentences[key][0]
        for t in spans:
            event = _nearest(anchors[key], start + t.start)
            arg = _arg(found, t, start)
            if arg is None:
                continue
            field, _ = ROLE_OF[t.label]
            mine = args.setdefault(event.id, {})
            if all(a.span != arg.span for a in mine.get(field, [])):
                mine.setdefault(field, []).append(arg)
    for event in attacks:
        mine = args.get(event.id)
        if not mine:
            continue
        for field in REPLACED:
            if field in mine or not KEEP_RULES_FOR_EMPTY_ROLES:
                setattr(event, field, mine.get(field, []))
        places = [a for a in mine.get("place", []) if a.place_id]
        known = {a.place_id for a in event.place}
        event.place.extend(a for a in places if a.place_id not in known)


def _nearest(anchors: list[tuple[int, Event]], offset: int) -> Event:
    return min(anchors, key=lambda item: abs(item[0] - offset))[1]


def _arg(found: Findings, t: Tagged, offset: int) -> Arg | None:
    """The argument for a tagged span: its actor or place when one is mentioned there."""
    start, end = offset + t.start, offset + t.end
    text = found.text
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    if start >= end:
        return None
    span = found.span(start, end)
    field, individual = ROLE_OF[t.label]
    if field == "place":
        for place in found.places:
            if any(m.start < end and start < m.end for m in place.mentions):
                return Arg(place_id=place.id, span=span)
        return None  # a place the places stage did not resolve
    actor = found.index.actor_at(start, end, prefer="overlap")
    return Arg(actor_id=actor.id if actor else None, individual=individual, span=span)
