"""ACLED event types and sub-event types of events, by the table ``acled_classes.yaml``.

    >>> from eventwire.model import ActorKind
    >>> classify("ASSAULT", ["aerial"])
    ('Explosions/Remote violence', 'Air/drone strike')
    >>> classify("ASSAULT", [], actors={ActorKind.ARMED_GROUP}, done_to={ActorKind.MILITARY})
    ('Battles', 'Armed clash')

``classify`` reads the table's rules in order (the file's header documents them);
``classify_events`` gives events their two fields from the article's actors;
``event_type_of`` names the event type of a sub-event type (for stored incidents).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from eventwire.knowledge.files import load_yaml
from eventwire.model import Actor, ActorKind, Arg, Event

FALLBACK = ("Strategic developments", "Other")


@dataclass(frozen=True)
class Rule:
    """One row of the table: conditions (None: any) and the class."""

    types: frozenset[str] | None
    modes: frozenset[str] | None
    not_modes: frozenset[str]
    contexts: frozenset[str] | None
    targets_kind: frozenset[str] | None
    not_targets_kind: frozenset[str]
    words: frozenset[str] | None
    suicide: bool | None
    casualties: bool | None
    sentence: tuple[str, ...] | None
    means: frozenset[str] | None
    actors: frozenset[str] | None
    not_actors: frozenset[str]
    done_to: frozenset[str] | None
    not_done_to: frozenset[str]
    event_type: str
    sub_event_type: str


def _set(value: Any) -> frozenset[str] | None:
    if value is None:
        return None
    return frozenset([value] if isinstance(value, str) else value)


@cache
def _data() -> dict[str, Any]:
    """``acled_classes.yaml``, parsed once."""
    data: dict[str, Any] = load_yaml("acled_classes.yaml")
    return data


@cache
def _arg_words() -> tuple[tuple[str, str], ...]:
    """(words, kind), longest words first."""
    data = _data().get("arg_words") or {}
    pairs = [(w.lower(), kind) for kind, words in data.items() for w in words]
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))


def arg_kind(text: str) -> str | None:
    """The actor kind an argument's words name ("the riot police" → police), or None."""
    padded = f" {' '.join(text.lower().split())} "
    for words, kind in _arg_words():
        if f" {words} " in padded:
            return kind
    return None


@cache
def _table() -> tuple[dict[str, frozenset[str]], tuple[Rule, ...]]:
    data = _data()
    groups = {name: frozenset(kinds) for name, kinds in data["groups"].items()}

    def kinds(value: Any) -> frozenset[str] | None:
        names = _set(value)
        if names is None:
            return None
        return frozenset(k for n in names for k in groups.get(n, {n}))

    rules = []
    for r in data["rules"]:
        types = _set(r.get("type", "*"))
        rules.append(
            Rule(
                types=None if types is None or "*" in types else types,
                modes=_set(r.get("modes")),
                not_modes=_set(r.get("not_modes")) or frozenset(),
                contexts=_set(r.get("contexts")),
                targets_kind=_set(r.get("targets_kind")),
                not_targets_kind=_set(r.get("not_targets_kind")) or frozenset(),
                words=_set(r.get("words")),
                suicide=r.get("suicide"),
                casualties=r.get("casualties"),
                sentence=tuple(f" {w.lower()} " for w in r["sentence"])
                if "sentence" in r
                else None,
                means=_set(r.get("means")),
                actors=kinds(r.get("actors")),
                not_actors=kinds(r.get("not_actors")) or frozenset(),
                done_to=kinds(r.get("done_to")),
                not_done_to=kinds(r.get("not_done_to")) or frozenset(),
                event_type=r["event_type"],
                sub_event_type=r["sub_event_type"],
            )
        )
    return groups, tuple(rules)


def rules() -> tuple[Rule, ...]:
    """The table's rules, in order."""
    return _table()[1]


def _any(wanted: frozenset[str] | None, have: Collection[str]) -> bool:
    return wanted is None or not wanted.isdisjoint(have)


def classify(
    plover_type: str,
    modes: Iterable[str] = (),
    *,
    contexts: Iterable[str] = (),
    targets_kind: Iterable[str] = (),
    trigger: str = "",
    suicide: bool | None = None,
    casualties: bool = False,
    sentence: str = "",
    means: Collection[str] = (),
    actors: Collection[str] = (),
    done_to: Collection[str] = (),
) -> tuple[str, str]:
    """(event type, sub-event type) of the first rule that holds; ``actors`` and
    ``done_to``: the actor kinds of the doers and of those done to; ``means``: the kinds
    the instruments' words name; ``casualties``: a killed or injured count; ``sentence``:
    the event's sentence."""
    mode_set, context_set, kind_set = set(modes), set(contexts), set(targets_kind)
    padded = " " + " ".join(re.findall(r"[\w'-]+", sentence.lower())) + " "
    word = trigger.lower().strip()
    words = {word, word.split(" ")[0]} if word else set()
    for rule in rules():
        if rule.types is not None and plover_type not in rule.types:
            continue
        if not _any(rule.modes, mode_set) or not rule.not_modes.isdisjoint(mode_set):
            continue
        if not _any(rule.contexts, context_set) or not _any(rule.targets_kind, kind_set):
            continue
        if not rule.not_targets_kind.isdisjoint(kind_set):
            continue
        if not _any(rule.words, words):
            continue
        if rule.suicide is not None and bool(suicide) != rule.suicide:
            continue
        if rule.casualties is not None and casualties != rule.casualties:
            continue
        if rule.sentence is not None and not any(w in padded for w in rule.sentence):
            continue
        if not _any(rule.means, means):
            continue
        if not _any(rule.actors, actors) or not rule.not_actors.isdisjoint(actors):
            continue
        if not _any(rule.done_to, done_to) or not rule.not_done_to.isdisjoint(done_to):
            continue
        return rule.event_type, rule.sub_event_type
    return FALLBACK


def _kinds(actors: Mapping[str, Actor], args: Iterable[Arg]) -> set[str]:
    found: set[str] = set()
    for arg in args:
        actor = actors.get(arg.actor_id or "")
        if actor is None:
            named = arg_kind(arg.span.text)
            if named:
                found.add(named)
            continue
        kind = actor.kind
        if kind is ActorKind.PERSON and actor.affiliation in actors:
            kind = actors[actor.affiliation].kind
        found.add(str(kind))
        named = arg_kind(arg.span.text)  # "army bases of AMISOM": also what the words say
        if named:
            found.add(named)
    return found


def event_classes(event: Event, actors: Mapping[str, Actor]) -> tuple[str, str]:
    """The event's (ACLED event type, sub-event type), from its type, modes, contexts,
    target kinds, trigger, casualties, instruments and the kinds of its actors and of
    those it is done to (a
    person counts as the organisation it acts for; an argument's words may name a kind
    too: ``arg_kind``); ``actors`` by id."""
    return classify(
        str(event.type),
        event.mode,
        contexts=event.context,
        targets_kind=event.target_kind,
        trigger=event.trigger.text,
        suicide=event.suicide,
        casualties=event.killed is not None or event.injured is not None,
        sentence=event.sentence.text,
        means={k for a in event.instruments if (k := arg_kind(a.span.text))},
        actors=_kinds(actors, event.actors),
        done_to=_kinds(actors, [*event.targets, *event.victims, *event.recipients]),
    )


def classify_events(events: Iterable[Event], actors: Sequence[Actor]) -> None:
    """Fill ``acled_event_type`` and ``acled_sub_event_type`` of every event; then the
    table's ``same_sentence`` rules."""
    by_id = {a.id: a for a in actors}
    events = list(events)
    for event in events:
        event.acled_event_type, event.acled_sub_event_type = event_classes(event, by_id)
    for rule in _same_sentence():
        changes = []
        for event in events:
            if event.acled_sub_event_type != rule["sub"]:
                continue
            beside = {
                e.acled_sub_event_type
                for e in events
                if e is not event
                and e.sentence.start == event.sentence.start
                and (not rule.get("after") or e.trigger.start > event.trigger.start)
            }
            if rule.get("becomes") and beside.intersection(rule["next_to"]):
                changes.append((event, rule["becomes"]))
            taken = next((sub for sub in rule.get("takes", ()) if sub in beside), None)
            if taken:
                changes.append((event, taken))
        for event, sub in changes:
            event.acled_event_type = event_type_of().get(sub, FALLBACK[0])
            event.acled_sub_event_type = sub


@cache
def _same_sentence() -> tuple[dict[str, Any], ...]:
    return tuple(_data().get("same_sentence") or ())


@cache
def event_type_of() -> dict[str, str]:
    """Sub-event type → its event type, as the table pairs them."""
    return {r.sub_event_type: r.event_type for r in reversed(rules())}
