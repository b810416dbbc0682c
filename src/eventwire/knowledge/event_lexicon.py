"""The lexicons of the counts and events stages, loaded once per process.

Data files beside this module (formats in their headers): ``counts.yaml`` (count
expressions and outcomes), ``triggers.yaml`` (event triggers per PLOVER type),
``event_nouns.yaml`` (weapons, perpetrators, target kinds), ``modality.yaml`` (modality
cues), ``contexts.yaml`` (PLOVER contexts) and ``everyday.yaml`` (figurative triggers,
events named in general).

    >>> counts().vague["dozens"]
    (24, None, True)
    >>> [t.type for t in triggers().by_lemma["bombing"]]
    ['ASSAULT']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from eventwire.knowledge.files import load_yaml
from eventwire.knowledge.words import verbs

__all__ = [
    "CountLexicon",
    "NounLexicon",
    "Trigger",
    "TriggerLexicon",
    "contexts",
    "counts",
    "everyday",
    "is_person",
    "modality",
    "nouns",
    "triggers",
]


def _words(values: object) -> frozenset[str]:
    return frozenset(str(v).lower() for v in (values or []))


# ---------------------------------------------------------------------------- counts


@dataclass(frozen=True)
class CountLexicon:
    numbers: dict[str, int]
    multipliers: frozenset[str]
    vague: dict[str, tuple[int | None, int | None, bool]]
    singular: frozenset[str]
    zero: frozenset[str]
    modifiers: dict[str, str]  # phrase → approx | near | min | above | max | below
    max_modifier_words: int
    verbs: dict[str, str]
    adjectives: dict[str, str]
    nouns: dict[str, str]
    objects: dict[tuple[str, str], str]
    prep_objects: dict[tuple[str, str, str], str]
    to_death: frozenset[str]
    people: frozenset[str]
    non_people: frozenset[str]


@cache
def counts() -> CountLexicon:
    data = load_yaml("counts.yaml")
    modifiers = {
        str(phrase).lower(): kind
        for kind, phrases in data["modifiers"].items()
        for phrase in phrases
    }
    outcomes = data["outcomes"]
    return CountLexicon(
        numbers={str(k).lower(): int(v) for k, v in data["numbers"].items()},
        multipliers=_words(data["multipliers"]),
        vague={
            str(k).lower(): (v.get("min"), v.get("max"), bool(v.get("approximate", False)))
            for k, v in data["vague"].items()
        },
        singular=_words(data["singular"]),
        zero=_words(data["zero"]),
        modifiers=modifiers,
        max_modifier_words=max(len(p.split()) for p in modifiers),
        verbs=dict(outcomes["verbs"]),
        adjectives=dict(outcomes["adjectives"]),
        nouns=dict(outcomes["nouns"]),
        objects={tuple(k.split()): v for k, v in outcomes["objects"].items()},
        prep_objects={tuple(k.split()): v for k, v in outcomes.get("prep_objects", {}).items()},
        to_death=_words(outcomes["to_death"]),
        people=_words(data["people"]),
        non_people=_words(data["non_people"]),
    )


_PERSON_SUFFIXES = ("ist", "ists", "ian", "ians", "man", "men", "er", "ers", "or", "ors")


def is_person(lemma: str, text: str | None = None) -> bool:
    """Whether a noun names people: the people list, or a person suffix ("-ist", "-men")."""
    lex = counts()
    for word in (lemma.lower(), (text or lemma).lower()):
        if word in lex.people:
            return True
        if word in lex.non_people:
            return False
    word = (text or lemma).lower()
    return len(word) > 4 and word.isalpha() and word.endswith(_PERSON_SUFFIXES)


# ---------------------------------------------------------------------------- triggers


@dataclass(frozen=True)
class Trigger:
    """One trigger entry of triggers.yaml."""

    type: str
    lemma: str
    words: tuple[str, ...] = ()  # the words after the first in a multi-word trigger
    pos: str = "any"
    mode: tuple[str, ...] = ()
    kind: str | None = None
    weak: bool = False
    join_only: bool = False
    with_: frozenset[str] = frozenset()
    without: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    object_person: bool = False
    object_place: bool = False
    object_weapon: bool = False
    subject_weapon: bool = False
    subject_perpetrator: bool = False
    context: tuple[str, ...] = ()

    @property
    def rank(self) -> int:
        """Constrained entries are tried first."""
        if self.objects or self.object_weapon:
            return 0
        if self.object_person or self.object_place or self.subject_weapon:
            return 1
        if self.subject_perpetrator:
            return 1
        return 2 if self.with_ else 3


@dataclass(frozen=True)
class TriggerLexicon:
    by_lemma: dict[str, tuple[Trigger, ...]]  # first word's lemma → entries, best first


@cache
def triggers() -> TriggerLexicon:
    data = load_yaml("triggers.yaml")
    by_lemma: dict[str, list[Trigger]] = {}
    for type_, entries in data.items():
        for key, value in entries.items():
            # one reading, or a list of readings of the word under this type
            for spec in value if isinstance(value, list) else [value or {}]:
                trigger = _trigger(type_, str(key), spec)
                by_lemma.setdefault(trigger.lemma, []).append(trigger)
    return TriggerLexicon(
        by_lemma={
            k: tuple(sorted(v, key=lambda t: (-len(t.words), t.rank))) for k, v in by_lemma.items()
        }
    )


def _trigger(type_: str, key: str, spec: dict[str, object]) -> Trigger:
    first, *rest = key.lower().split()
    return Trigger(
        type=type_,
        lemma=first,
        words=tuple(rest),
        pos=str(spec.get("pos", "any")),
        mode=_tuple(spec.get("mode")),
        kind=str(spec["kind"]) if spec.get("kind") else None,
        weak=bool(spec.get("weak", False)),
        join_only=bool(spec.get("join_only", False)),
        with_=_words(spec.get("with")),
        without=_words(spec.get("without")),
        objects=_words(spec.get("objects")),
        object_person=bool(spec.get("object_person", False)),
        object_place=bool(spec.get("object_place", False)),
        object_weapon=bool(spec.get("object_weapon", False)),
        subject_weapon=bool(spec.get("subject_weapon", False)),
        subject_perpetrator=bool(spec.get("subject_perpetrator", False)),
        context=_tuple(spec.get("context")),
    )


def _tuple(values: object) -> tuple[str, ...]:
    return tuple(str(v) for v in values) if isinstance(values, list | tuple) else ()


# ---------------------------------------------------------------------------- nouns


@dataclass(frozen=True)
class Weapon:
    phrase: tuple[str, ...]
    mode: tuple[str, ...]
    suicide: bool = False


@dataclass(frozen=True)
class NounLexicon:
    weapons: dict[str, tuple[Weapon, ...]]  # last word → weapons ending with it, longest first
    suicide: frozenset[str]
    perpetrators: frozenset[str]
    institutions: frozenset[str]
    physical: frozenset[str]
    target_kinds: dict[str, str]  # word or phrase → kind
    natural: frozenset[str]
    generic: frozenset[str]
    other_event: frozenset[str]
    doer_verbs: frozenset[str] = frozenset()
    doer_words: dict[str, str] = field(default_factory=dict)  # word → preposition
    blamed_on: dict[str, str] = field(default_factory=dict)  # verb → preposition
    work_of: frozenset[str] = frozenset()
    object_doers: frozenset[str] = frozenset()  # doer words whose object is the doer
    territory: frozenset[str] = frozenset()
    caches: frozenset[str] = frozenset()
    protesters: frozenset[str] = frozenset()
    control: frozenset[str] = frozenset()
    quantities: frozenset[str] = frozenset()
    mobs: frozenset[str] = frozenset()
    gatherings: frozenset[str] = frozenset()
    weapon_units: frozenset[str] = frozenset()


@cache
def nouns() -> NounLexicon:
    data = load_yaml("event_nouns.yaml")
    weapons: dict[str, list[Weapon]] = {}
    for key, spec in data["weapons"].items():
        if isinstance(spec, dict):
            weapon = Weapon(
                tuple(str(key).split()), tuple(spec.get("mode", ())), bool(spec.get("suicide"))
            )
        else:
            weapon = Weapon(tuple(str(key).split()), tuple(spec or ()))
        weapons.setdefault(weapon.phrase[-1], []).append(weapon)
    kinds: dict[str, str] = {}
    for kind, words in data["target_kinds"].items():
        for word in words:
            kinds.setdefault(str(word).lower(), kind)
    return NounLexicon(
        weapons={k: tuple(sorted(v, key=lambda w: -len(w.phrase))) for k, v in weapons.items()},
        suicide=_words(data["suicide"]),
        perpetrators=_words(data["perpetrators"]),
        institutions=_words(data["institutions"]),
        physical=_words(data["physical"]),
        target_kinds=kinds,
        natural=_words(data["natural"]),
        generic=_words(data["generic"]),
        other_event=_words(data["other_event"]),
        doer_verbs=verbs("doer"),
        doer_words={str(k).lower(): str(v).lower() for k, v in data.get("doer_words", {}).items()},
        work_of=_words(data.get("work_of")),
        object_doers=_words(data.get("object_doers")),
        blamed_on={str(k).lower(): str(v).lower() for k, v in data.get("blamed_on", {}).items()},
        territory=_words(data.get("territory")),
        caches=_words(data.get("caches")),
        protesters=_words(data.get("protesters")),
        control=_words(data.get("control")),
        quantities=_words(data.get("quantities")),
        mobs=_words(data.get("mobs")),
        gatherings=_words(data.get("gatherings")),
        weapon_units=_words(data.get("weapon_units")),
    )


# ---------------------------------------------------------------------------- modality


@dataclass(frozen=True)
class ModalityLexicon:
    verbs: dict[str, str]
    preps: dict[tuple[str, str], str]
    nouns: dict[str, str]
    adjectives: dict[str, str]
    adverbs: dict[str, str]
    aux: dict[str, str]
    hedged_past: frozenset[str]
    marks: frozenset[str]
    say: frozenset[str]
    presuppose: frozenset[str]


@cache
def modality() -> ModalityLexicon:
    data = load_yaml("modality.yaml")
    return ModalityLexicon(
        verbs=dict(data["verbs"]),
        preps={tuple(k.split()): v for k, v in data["preps"].items()},
        nouns=dict(data["nouns"]),
        adjectives=dict(data["adjectives"]),
        adverbs=dict(data["adverbs"]),
        aux={str(k): v for k, v in data["aux"].items()},
        hedged_past=_words(data["hedged_past"]),
        marks=_words(data["marks"]),
        say=_words(data["say"]),
        presuppose=_words(data["presuppose"]),
    )


# ---------------------------------------------------------------------------- everyday news


@cache
def everyday() -> dict[str, dict[str, frozenset[str]]]:
    """``everyday.yaml``: word lists of figurative triggers and of events named in general,
    as ``everyday()["figurative"]["abstract"]``."""
    data = load_yaml("everyday.yaml")
    return {part: {k: _words(v) for k, v in data[part].items()} for part in data}


# ---------------------------------------------------------------------------- contexts


@dataclass(frozen=True)
class ContextLexicon:
    cues: dict[str, str]  # word → context (single words)
    phrases: dict[tuple[str, ...], str]  # several words → context
    actor_kinds: dict[str, tuple[str, ...]]  # actor kind → contexts
    modes: dict[str, tuple[str, ...]]  # mode → contexts
    max_words: int = field(default=1)


@cache
def contexts() -> ContextLexicon:
    data = load_yaml("contexts.yaml")
    cues: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for context, words in data["cues"].items():
        for word in words:
            parts = tuple(str(word).lower().split())
            if len(parts) == 1:
                cues.setdefault(parts[0], context)
            else:
                phrases.setdefault(parts, context)
    actor_kinds: dict[str, list[str]] = {}
    for context, kinds in (data.get("actor_kinds") or {}).items():
        for kind in kinds or ():
            actor_kinds.setdefault(kind, []).append(context)
    modes: dict[str, list[str]] = {}
    for context, names in (data.get("modes") or {}).items():
        for name in names or ():
            modes.setdefault(name, []).append(context)
    return ContextLexicon(
        cues=cues,
        phrases=phrases,
        actor_kinds={k: tuple(v) for k, v in actor_kinds.items()},
        modes={k: tuple(v) for k, v in modes.items()},
        max_words=max((len(p) for p in phrases), default=1),
    )
