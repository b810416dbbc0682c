"""MUC-4 terrorism templates: eventwire runs on the raw ALL-CAPS wire copy and is scored
against the answer keys.

Splits: ``dev`` = TST1 + TST2 (200 messages, processed/dev.json), ``train`` = the 1,300
DEV messages (processed/train.json).  The test split (TST3, TST4) is held out.

Gold: processed/{split}.json (GTT's release of the keys: five roles, one entity = its
alternative strings, only strings found in the text) for the published metrics; the raw
keys for incident date, location and effects.  ``check_gold`` verifies that the raw keys
give the same role fillers as the processed file.

Mapping of eventwire's output (one MUC template per event):
- events of type ASSAULT whose modality is not negated or hypothetical, that name at least
  one participant (actor, target, victim, instrument or claimant) and are not aimed at
  combatants alone (every target kind military or armed group: combat, not terrorism);
  and a weapon defused or deactivated (COERCE disrupt, "POLICE DEFUSED A BOMB"), which
  MUC-4 codes as an attempted bombing: its only filler is the weapon (MUC-4 train,
  5-fold CV with the scope: CEAF-REE 41.62 -> 41.79, templates 41.01 -> 41.20);
- incident type from ``attack_kind`` (bombing/explosion → bombing, kidnapping/abduction/
  hostage → kidnapping, arson → arson, robbery → robbery, forced work stoppage), else from
  the PLOVER mode (explosives, suicide-attack → bombing; abduct → kidnapping), else attack;
- PerpInd: ``actors`` with ``individual`` true; PerpOrg: the other ``actors`` and the
  organisations in ``claimed_by``; both also take the targets of statements about the
  event that accuse or suspect someone of it (MUC-4 perpetrators include accused ones),
  unless the target's words hold the event's trigger (the deed itself); a perpetrator's
  hedge is left out ("ALLEGED URBAN GUERRILLAS" fills "URBAN GUERRILLAS");
  Target: ``targets``; Weapon: ``instruments``, without an ordinal ("SECOND BOMB": "BOMB")
  and without the weapon words the scope model lists (``not_weapons``: "BULLETS");
  Victim: ``victims`` that are persons (the key's HUM TGT: NAME slot, which GRIT and GTT
  use, holds names only; descriptions such as "PEASANTS" are not scored);
- a filler is the text of the argument's span, except a person's: the actor's fullest
  name (longest mention), and a pronoun or a whole claim span (``claimed_by``): then the
  actor's mention (pronouns without an actor fill nothing);
  arguments of one role that name the same actor (or the same words) are one entity; the
  document level (CEAF-REE) takes the union over events;
- no attack kind says arson or robbery: a trigger word does ("burned", "set fire",
  "robbed", "looted");
- of the incidents, the learned scope (``evaluate.muc4_scope``) keeps those MUC-4 would
  code; one it leaves out whose trigger refers back ("THE KILLING HAD BEEN ORDERED BY …")
  gives its fillers to the closest kept incident before it;
- an actor of the message that fills no role is a victim of the closest incident when the
  scope file's victims model (``evaluate.muc4_victims``) says so: the names a message lists
  as the dead ("THE VICTIMS WERE IDENTIFIED AS …"), which no event argument holds (MUC-4
  train, 5-fold CV: CEAF-REE 41.24 -> 42.14, Victim 47.77 -> 51.16, templates 40.99 ->
  41.37).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from eventwire.errors import InputError
from eventwire.evaluate import muc4_keys as keys
from eventwire.evaluate import muc4_scope, muc4_victims
from eventwire.evaluate.metrics import (
    PRF,
    Template,
    ceaf_ree,
    match_templates,
    normalize_string,
    normalize_template,
    total,
)
from eventwire.evaluate.report import Report, Row
from eventwire.evaluate.runner import run_pipeline
from eventwire.ingest.article import make_article
from eventwire.knowledge.words import listed
from eventwire.model import (
    ActorKind,
    Arg,
    ArticleReport,
    Event,
    EventType,
    Modality,
    Place,
    Span,
    Stance,
)

if TYPE_CHECKING:
    from eventwire.pipeline import Extractor

ROLES = keys.ROLES
SPLITS = {
    "dev": (
        ["tst1/tst1-muc3", "tst2/tst2-muc4"],
        ["tst1/key-tst1.v7", "tst2/key-tst2.v4"],
        "dev.json",
    ),
    "train": (["dev/dev-muc3-*"], ["dev/key-dev-*"], "train.json"),
}
PUBLISHED = {
    "ceaf": "54.50 GRIT (test)",
    "templates": "50.23 GTT; 53.0 IterX T5-large (test)",
}
CEAF_TABLE = "CEAF-REE, document-level role fillers (GRIT)"
TEMPLATE_TABLE = "templates matched by incident type (GTT / IterX)"
EXTRA_TABLE = "beyond the published metrics (raw keys)"


@dataclass
class Doc:
    """One message with its gold templates (processed file) and raw key templates."""

    id: str
    message: keys.Message
    gold: list[Template]
    key_templates: list[keys.KeyTemplate]


# --------------------------------------------------------------------------------------
# reading


def _paths(root: Path, patterns: list[str]) -> list[Path]:
    out: list[Path] = []
    for pattern in patterns:
        found = sorted(root.glob(pattern))
        if not found:
            raise InputError(str(root / pattern), "missing MUC-4 file")
        out.extend(found)
    return out


def read_processed(path: Path) -> dict[str, list[Template]]:
    """docid → templates {"incident_type", role: [[string, ...], ...]} of a GTT json-lines file."""
    if not path.exists():
        raise InputError(str(path), "missing MUC-4 processed file")
    out: dict[str, list[Template]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            templates = []
            for raw in record["templates"]:
                t: Template = {"incident_type": raw["incident_type"]}
                for role in ROLES:
                    t[role] = [[m[0] for m in entity] for entity in raw.get(role, []) if entity]
                templates.append(t)
            out[record["docid"]] = templates
        except (KeyError, TypeError, IndexError, json.JSONDecodeError) as exc:
            raise InputError(f"{path}:{n}", f"not a GTT template record ({exc})") from exc
    return out


def load(root: Path, split: str) -> list[Doc]:
    """The messages of a split with their gold, in file order."""
    if split not in SPLITS:
        raise InputError(
            f"--split {split}",
            "MUC-4 splits are dev (TST1+TST2) and train (DEV); the test split is held out",
        )
    texts, key_files, processed = SPLITS[split]
    messages = keys.read_messages(_paths(root / "raw", texts))
    key_map = keys.read_keys(_paths(root / "raw", key_files))
    gold = read_processed(root / "processed" / processed)
    docs = []
    for m in messages:
        if m.id not in gold:
            raise InputError(str(root / "processed" / processed), f"no record for {m.id}")
        docs.append(Doc(m.id, m, gold[m.id], key_map.get(m.id, [])))
    return docs


def check_gold(docs: Sequence[Doc]) -> list[str]:
    """Where the raw keys and the processed file disagree (after normalisation)."""
    problems = []
    for doc in docs:
        if len(doc.key_templates) != len(doc.gold):
            problems.append(
                f"{doc.id}: {len(doc.key_templates)} key templates, {len(doc.gold)} processed"
            )
            continue
        text = doc.message.text.lower()
        for k, (kt, gt) in enumerate(zip(doc.key_templates, doc.gold, strict=True)):
            for role, slot in keys.ROLE_SLOTS.items():
                raw = {
                    frozenset(normalize_string(a) for a in alts if _in_text(a, text))
                    for alts in kt.strings(slot)
                } - {frozenset()}
                processed = {frozenset(normalize_string(m) for m in e) for e in gt[role]}
                if raw != processed:
                    problems.append(
                        f"{doc.id} template {k + 1} {role}: keys {raw} ≠ processed {processed}"
                    )
    return problems


def _in_text(string: str, text: str) -> bool:
    words = string.lower().split()
    return bool(words) and " ".join(words) in " ".join(
        text.replace("[", "(").replace("]", ")").split()
    )


# --------------------------------------------------------------------------------------
# mapping eventwire's output onto MUC templates

KEEP_MODALITIES = set(Modality) - {Modality.NEGATED, Modality.HYPOTHETICAL}
_KIND_WORDS = [
    (("bomb", "explos", "dynamit", "grenade", "car-bomb"), "bombing"),
    (("kidnap", "abduct", "hostage"), "kidnapping"),
    (("arson", "incendiar"), "arson"),
    (("robber", "rob", "theft", "loot"), "robbery"),
    (("stoppage",), "forced work stoppage"),
]
_MODE_TYPES = {"explosives": "bombing", "suicide-attack": "bombing", "abduct": "kidnapping"}
# eventwire has no attack kind for arson or robbery: the trigger word says it
_TRIGGER_WORDS = [
    (("burn", "torch", "arson", "set fire", "sets fire", "setting fire", "blaze"), "arson"),
    (("rob", "hold-up", "holdup", "loot", "steal", "stole"), "robbery"),
]


def defused(event: Event) -> bool:
    """A weapon defused or deactivated before it went off (a COERCE event of mode disrupt
    whose trigger is one of words.yaml's muc4 ``defused``): MUC-4 codes an attempted
    bombing."""
    trigger = " ".join(event.trigger.text.lower().split())
    return (
        event.type == EventType.COERCE
        and "disrupt" in event.mode
        and bool(event.instruments)
        and trigger in listed("muc4", "defused")
    )


def incident_type(event: Event) -> str:
    """The MUC incident type of an ASSAULT event: attack kind, trigger word, mode (a bomb
    defused: a bombing)."""
    if defused(event):
        return "bombing"
    words = re.findall(r"[a-z-]+", (event.attack_kind or "").lower())
    for prefixes, muc_type in _KIND_WORDS[:2]:  # bombing, kidnapping
        if any(w.startswith(p) for w in words for p in prefixes):
            return muc_type
    trigger = " ".join(event.trigger.text.lower().split())
    for prefixes, muc_type in _TRIGGER_WORDS:
        if any(trigger.startswith(p) for p in prefixes):
            return muc_type
    for prefixes, muc_type in _KIND_WORDS[2:]:
        if any(w.startswith(p) for w in words for p in prefixes):
            return muc_type
    for mode in event.mode:
        if mode in _MODE_TYPES:
            return _MODE_TYPES[mode]
    return "attack"


# GTD target kinds of combatants: an attack on them alone is combat, not a MUC incident
COMBATANT_KINDS = frozenset({"military", "terrorists/non-state militia"})


def is_incident(event: Event) -> bool:
    """Whether an event is a MUC-4 incident: an ASSAULT that is no negated or hypothetical
    deed, names at least one participant (a mention without any is generic or background:
    "attacks have continued"), and is not aimed at combatants alone (MUC-4 covers violence
    against civilian and government targets, not combat between armed forces)."""
    if event.modality not in KEEP_MODALITIES:
        return False
    if defused(event):
        return True
    if event.type != EventType.ASSAULT:
        return False
    participants = event.actors or event.targets or event.victims or event.instruments
    if not (participants or event.claimed_by):
        return False
    return not (event.target_kind and set(event.target_kind) <= COMBATANT_KINDS)


def role_args(event: Event, report: ArticleReport) -> dict[str, list[Arg]]:
    """The event's arguments per MUC role."""

    def is_person(arg: Arg) -> bool:
        actor = report.actor(arg.actor_id)
        return actor is not None and actor.kind == ActorKind.PERSON

    if defused(event):  # those who defused it are no perpetrators
        empty: dict[str, list[Arg]] = {role: [] for role in ROLES}
        return {**empty, "Weapon": [_without("ordinals", a, report) for a in event.instruments]}
    claimants = [c for a in event.claimed_by if not a.individual and (c := _claimant(a, report))]
    accused = accused_of(event, report)
    perpetrators = [*event.actors, *accused]
    return {
        "PerpInd": [_without("hedges", a, report) for a in perpetrators if a.individual],
        "PerpOrg": [
            _without("hedges", a, report)
            for a in [*event.actors, *claimants, *accused]
            if not a.individual
        ],
        "Target": list(event.targets),
        "Victim": [a for a in event.victims if is_person(a)],
        "Weapon": [_without("ordinals", a, report) for a in event.instruments],
    }


def _without(words: str, arg: Arg, report: ArticleReport) -> Arg:
    """The argument without a first word of the ``words`` list of knowledge/words.yaml's
    muc4 section, which MUC-4's fillers leave out: the ordinal that counts a weapon in a
    series ("THE SECOND BOMB" fills "BOMB"), the hedge of a perpetrator ("ALLEGED URBAN
    GUERRILLAS": the key's confidence slot says it).  MUC-4 train, the rules alone: 8 of 10
    weapon fillers with an ordinal match a key only without it (none with it), 10 of 18
    perpetrators with a hedge (1 with it)."""
    first, *rest = arg.span.text.split()
    if not rest or first.lower() not in listed("muc4", words):
        return arg
    start = arg.span.start + arg.span.text.index(rest[0], len(first))
    return arg.model_copy(update={"span": Span.of(report.article.text, start, arg.span.end)})


_BLAME = {Stance.ACCUSES, Stance.SUSPECTS}


def accused_of(event: Event, report: ArticleReport) -> list[Arg]:
    """Whom statements about the event accuse or suspect of it ("the army was blamed for the
    massacre"): MUC-4's perpetrator slots hold suspected and accused perpetrators too (the
    key's confidence slot says which)."""
    out: list[Arg] = []
    for statement in report.statements:
        if statement.about_event != event.id or statement.target is None:
            continue
        if not _BLAME & {statement.stance, *statement.stances}:
            continue
        target = statement.target
        actor = report.actor(target.actor_id)
        if actor is None:
            continue  # an accused is an actor of the article, not any phrase
        if target.span.start <= event.trigger.start and event.trigger.end <= target.span.end:
            continue  # the phrase is the deed itself ("the attack which destroyed the DAS…")
        individual = target.individual or (actor is not None and actor.kind == ActorKind.PERSON)
        out.append(target.model_copy(update={"individual": individual}))
    return out


PRONOUNS = frozenset(
    ("i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her",
     "it", "its", "they", "them", "their", "who", "whom", "whose", "which", "that", "this",
     "these", "those")
)  # fmt: skip


def _is_pronoun(text: str) -> bool:
    return set(normalize_string(text).split()) <= PRONOUNS


def _named_mention(arg: Arg, report: ArticleReport) -> Span | None:
    """The actor's first mention inside the argument's span, else its first one; no pronoun."""
    actor = report.actor(arg.actor_id)
    if actor is None:
        return None
    named = [m for m in actor.mentions if not _is_pronoun(m.text)]
    inside = [m for m in named if arg.span.start <= m.start and m.end <= arg.span.end]
    return (inside or named or [None])[0]


def _claimant(arg: Arg, report: ArticleReport) -> Arg | None:
    """A ``claimed_by`` entry spans the claim ("THE EXTRADITABLES CLAIMED RESPONSIBILITY
    FOR …"): its filler is the claimant's mention."""
    mention = _named_mention(arg, report)
    return Arg(actor_id=arg.actor_id, span=mention) if mention else None


def _fullest_name(arg: Arg, report: ArticleReport) -> Span | None:
    """A person's fullest name in the article: the longest mention of the argument's
    actor ("ANTONIO ROLDAN BETANCUR" for "ROLDAN"; the mention leaves out titles)."""
    actor = report.actor(arg.actor_id)
    if actor is None or actor.kind != ActorKind.PERSON:
        return None
    named = [m for m in actor.mentions if not _is_pronoun(m.text)]
    return max(named, key=lambda m: (len(m.text.split()), -m.start), default=None)


def filler_text(arg: Arg, report: ArticleReport) -> str | None:
    """The words that fill a MUC slot for this argument: a person's fullest name, else its
    own words, or for a pronoun ("THEY") its actor's mention; a pronoun without an actor
    fills nothing."""
    full = _fullest_name(arg, report)
    if full is not None:
        return full.text
    if not _is_pronoun(arg.span.text):
        return arg.span.text
    mention = _named_mention(arg, report)
    return mention.text if mention else None


def _arg_key(arg: Arg, text: str) -> str:
    return f"actor:{arg.actor_id}" if arg.actor_id else normalize_string(text)


def entities(args: Sequence[Arg], report: ArticleReport) -> list[list[str]]:
    """One entity per actor (or per distinct words): the filler text of its first argument."""
    seen: dict[str, list[str]] = {}
    for arg in args:
        text = filler_text(arg, report)
        if text is not None:
            seen.setdefault(_arg_key(arg, text), [text])
    return list(seen.values())


@dataclass
class Predicted:
    """eventwire's templates for one document, and the events they come from."""

    templates: list[Template] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    doc_roles: dict[str, list[list[str]]] = field(default_factory=dict)


def scope_features(event: Event, report: ArticleReport, kept: Sequence[Event]) -> dict[str, float]:
    """The scope model's features of an event among the message's ``kept`` events."""
    place = _place_of(event, report)
    country = (place[1] if place else None) or "none"
    return muc4_scope.features(event, report, kept, incident_type(event), country)


def incidents(report: ArticleReport, scope: muc4_scope.ScopeModel | None) -> list[Event]:
    """The events MUC-4 would code: those ``is_incident`` keeps, and of those, where the
    scope model is given, the ones it keeps."""
    kept = [e for e in report.events if is_incident(e)]
    if scope is None:
        return kept
    return [e for e in kept if scope.keeps(scope_features(e, report, kept))]


def refers_back(event: Event, report: ArticleReport) -> bool:
    """Whether the event's trigger follows a determiner that refers back ("THE KILLING")."""
    before = report.article.text[max(0, event.trigger.start - 20) : event.trigger.start]
    words = before.split()
    if not (words and before[-1:].isspace()):
        return False
    return words[-1].lower() in listed("muc4", "refers_back")


def referred_back(report: ArticleReport, events: Sequence[Event]) -> dict[str, list[Event]]:
    """The incidents the rules keep but ``events`` leaves out that refer back to an attack
    told before ("THE KILLING HAD BEEN ORDERED BY …"), by the id of the closest of
    ``events`` before them, which takes their fillers (MUC-4 train, 5-fold CV over messages
    with the scope: CEAF-REE 40.73 -> 40.81, templates 40.54 -> 40.57)."""
    out: dict[str, list[Event]] = {}
    chosen = {e.id for e in events}
    for event in report.events:
        if event.id in chosen or not is_incident(event) or not refers_back(event, report):
            continue
        before = [e for e in events if e.trigger.start < event.trigger.start]
        if before:
            out.setdefault(max(before, key=lambda e: e.trigger.start).id, []).append(event)
    return out


def weapon_word(text: str) -> str:
    """The last word of a weapon filler, lower case ("TWO BULLETS" → "bullets")."""
    words = text.split()
    return words[-1].lower() if words else ""


def predict(
    report: ArticleReport | None,
    events: Sequence[Event] | None = None,
    not_weapons: frozenset[str] | None = None,
    victims: muc4_victims.BinaryLogit | None = None,
    merge: bool = True,
) -> Predicted:
    """The templates and document-level fillers of ``events`` (by default the message's
    incidents, with the shipped scope model); an incident left out that refers back to one
    of them gives that one its fillers (``referred_back``).  A weapon filler whose last
    word is one of ``not_weapons`` is left out; the actors ``victims`` keeps
    (``victim_candidates``) are victims of the closest incident (both by default the scope
    model's, when ``events`` is not given).  ``merge``: events of one incident are one
    template (``merged``); the scope trainer chooses its settings without it."""
    out = Predicted(doc_roles={role: [] for role in ROLES})
    if report is None:
        return out
    if events is None:
        scope = muc4_scope.scope_model()
        events = incidents(report, scope)
        if scope is not None:
            not_weapons = scope.not_weapons if not_weapons is None else not_weapons
            victims = victims or scope.victims
    per_event = event_args(report, events, not_weapons or frozenset())
    if victims is not None:
        for k, arg, feats in victim_candidates(report, events, per_event):
            if victims.keeps(feats):
                per_event[k]["Victim"].append(arg)
    doc_args: dict[str, list[Arg]] = {role: [] for role in ROLES}
    joined = merged(report, events, per_event) if merge else zip(events, per_event, strict=True)
    for event, args in joined:
        template: Template = {"incident_type": incident_type(event)}
        for role in ROLES:
            template[role] = entities(args[role], report)
            doc_args[role].extend(args[role])
        out.templates.append(template)
        out.events.append(event)
    out.doc_roles = {role: entities(doc_args[role], report) for role in ROLES}
    return out


def merged(
    report: ArticleReport, events: Sequence[Event], per_event: Sequence[dict[str, list[Arg]]]
) -> list[tuple[Event, dict[str, list[Arg]]]]:
    """The events as incidents, each with its arguments by role: an event joins the first
    incident before it of the same incident type unless both name victims or targets and
    none in common (two shootings of one man are one incident, of two men two).  MUC-4
    train, the shipped models: templates 44.94 -> 46.39 (incident type 61.07 -> 66.06);
    joining also when they share a sentence or a filler, or only when they do: 46.36,
    45.92."""
    out: list[tuple[Event, dict[str, list[Arg]]]] = []
    for event, args in zip(events, per_event, strict=True):
        for first, joined in out:
            if incident_type(first) == incident_type(event) and not _apart(joined, args, report):
                for role in ROLES:
                    joined[role].extend(args[role])
                break
        else:
            out.append((event, {role: list(args[role]) for role in ROLES}))
    return out


def _apart(a: dict[str, list[Arg]], b: dict[str, list[Arg]], report: ArticleReport) -> bool:
    """Whether both name victims or targets, and none in common."""

    def hit(args: dict[str, list[Arg]]) -> set[str]:
        roles = ("Victim", "Target")
        return {normalize_string(s) for r in roles for e in entities(args[r], report) for s in e}

    first, second = hit(a), hit(b)
    return bool(first) and bool(second) and not first & second


def event_args(
    report: ArticleReport, events: Sequence[Event], not_weapons: frozenset[str]
) -> list[dict[str, list[Arg]]]:
    """The arguments by role of each of ``events``, with those of the incidents that refer
    back to it, without the weapons whose last word is one of ``not_weapons``."""
    taken = referred_back(report, events)
    out = []
    for event in events:
        args = role_args(event, report)
        for other in taken.get(event.id, []):
            for role, more in role_args(other, report).items():
                args[role].extend(more)
        args["Weapon"] = [a for a in args["Weapon"] if weapon_word(a.span.text) not in not_weapons]
        out.append(args)
    return out


def victim_candidates(
    report: ArticleReport, events: Sequence[Event], per_event: Sequence[dict[str, list[Arg]]]
) -> list[tuple[int, Arg, dict[str, float]]]:
    """The actors that fill no role of the templates of ``events`` (``per_event``: their
    arguments by role), each as (index of the closest incident, its filler as a victim,
    its ``muc4_victims.features``); a person's filler is its fullest name, another
    actor's its first mention."""
    if not events:
        return []
    fillers = [(role, a.span) for args in per_event for role in ROLES for a in args[role]]
    filled = {
        normalize_string(s)
        for args in per_event
        for role in ROLES
        for entity in entities(args[role], report)
        for s in entity
    }
    types = {e.id: incident_type(e) for e in events}
    out = []
    for actor in report.actors:
        named = [m for m in actor.mentions if not _is_pronoun(m.text)]
        if not named:
            continue
        span = named[0]
        if actor.kind == ActorKind.PERSON:
            span = max(named, key=lambda m: (len(m.text.split()), -m.start))
        if normalize_string(span.text) in filled:
            continue
        feats = muc4_victims.features(actor, named, report, events, types, fillers)
        arg = Arg(actor_id=actor.id, span=span)
        out.append((muc4_victims.closest(named[0], events), arg, feats))
    return out


def doc_gold(templates: Sequence[Template]) -> dict[str, list[list[str]]]:
    """Document-level gold entities: the union over templates (GRIT's merge: an entity
    whose strings are a subset of one already kept, or a superset of it, is dropped)."""
    out: dict[str, list[list[str]]] = {role: [] for role in ROLES}
    for t in templates:
        for role in ROLES:
            for entity in t[role]:
                cand = set(entity)
                if not any(cand <= set(e) or set(e) <= cand for e in out[role]):
                    out[role].append(list(entity))
    return out


# --------------------------------------------------------------------------------------
# the slots beyond the published metrics


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return normalize_string("".join(ch for ch in text if not unicodedata.combining(ch)))


def _place_of(event: Event, report: ArticleReport) -> tuple[str, str | None] | None:
    """(name, alpha-3 country) of the event's first place."""
    for arg in event.place:
        place: Place | None = report.place(arg.place_id)
        if place is not None:
            return place.name, place.country
        return arg.span.text, None
    return None


def _country_code(name: str) -> str | None:
    from eventwire.knowledge.countries import by_name

    country = by_name(name.title()) or by_name(name)
    return country.iso3 if country else None


def date_right(report: ArticleReport, event: Event, intervals: list[keys.Interval]) -> bool | None:
    """Is the event's date inside one of the key's date intervals? None: no predicted date."""
    when = report.date(event.date)
    if when is None:
        return None
    return any(
        (lo is None or lo <= when.start) and (hi is None or when.end <= hi) for lo, hi in intervals
    )


def _count(value: Any) -> int:
    if value is None:
        return 0
    return max(value.min or 0, value.max or 0)


# --------------------------------------------------------------------------------------
# scoring


@dataclass
class Scores:
    ceaf: dict[str, PRF] = field(default_factory=lambda: {r: PRF() for r in ROLES})
    templates: dict[str, PRF] = field(
        default_factory=lambda: {f: PRF() for f in ("incident_type", *ROLES)}
    )
    extra: dict[str, PRF] = field(default_factory=dict)
    inexact_docs: int = 0

    def bump(
        self, name: str, p_num: int = 0, p_den: int = 0, r_num: int = 0, r_den: int = 0
    ) -> None:
        self.extra[name] = self.extra.get(name, PRF()) + PRF(p_num, p_den, r_num, r_den)


EXTRA_ROWS = [
    ("relevant document", "a document has at least one template"),
    ("incident types (document)", "set of incident types per document"),
    ("date", "incident date within the key's interval, mapped templates"),
    ("location country", "country of the incident location"),
    ("location place", "most specific place named by the key"),
    ("location any level", "any place of the key's location path"),
    ("effect: death", "someone killed (HUM TGT: EFFECT = DEATH)"),
    ("effect: injury", "someone injured (HUM TGT: EFFECT = INJURY)"),
]


def score_doc(
    doc: Doc, pred: Predicted, scores: Scores, report: ArticleReport | None, out: Report
) -> None:
    """Add one document's counts to ``scores`` and its errors to ``out``."""
    # CEAF-REE over document-level entities
    gold_roles = doc_gold(doc.gold)
    for role in ROLES:
        al = ceaf_ree(pred.doc_roles[role], gold_roles[role])
        scores.ceaf[role] = scores.ceaf[role] + al.score
        for j in al.missed:
            out.error(CEAF_TABLE, doc.id, role, "missed", gold=" / ".join(gold_roles[role][j]))
        for i in al.spurious:
            out.error(CEAF_TABLE, doc.id, role, "spurious", predicted=pred.doc_roles[role][i][0])

    # templates
    first_index: dict[int, int] = {}
    gold_norm: list[Template] = []
    for k, t in enumerate(doc.gold):
        nt = normalize_template(t, ROLES)
        if nt not in gold_norm:
            first_index[len(gold_norm)] = k
            gold_norm.append(nt)
    pred_norm = [normalize_template(t, ROLES) for t in pred.templates]
    al = match_templates(pred_norm, gold_norm, ROLES)
    scores.inexact_docs += not al.exact
    for f, s in al.scores.items():
        scores.templates[f] = scores.templates[f] + s
    mapped_p = {i for i, _ in al.pairs}
    mapped_g = {j for _, j in al.pairs}
    for j in range(len(gold_norm)):
        if j not in mapped_g:
            out.error(
                TEMPLATE_TABLE,
                doc.id,
                "template",
                "missed",
                gold=_describe(doc.gold[first_index[j]]),
            )
    for i in range(len(pred_norm)):
        if i not in mapped_p:
            ev = pred.events[i]
            out.error(
                TEMPLATE_TABLE,
                doc.id,
                "template",
                "spurious",
                predicted=f"{pred.templates[i]['incident_type']}: {ev.trigger.text!r} "
                f"in {ev.sentence.text[:80]!r}",
            )

    # beyond the published metrics
    gold_types = {ty for kt in doc.key_templates for ty in keys_types(kt)}
    pred_types = {t["incident_type"] for t in pred.templates}
    scores.bump(
        "relevant document",
        int(bool(gold_types) and bool(pred_types)),
        int(bool(pred_types)),
        int(bool(gold_types) and bool(pred_types)),
        int(bool(gold_types)),
    )
    right = len(gold_types & pred_types)
    scores.bump("incident types (document)", right, len(pred_types), right, len(gold_types))
    for ty in sorted(gold_types - pred_types):
        out.error(EXTRA_TABLE, doc.id, "incident type", "missed", gold=ty)
    for ty in sorted(pred_types - gold_types):
        out.error(EXTRA_TABLE, doc.id, "incident type", "spurious", predicted=ty)
    if len(doc.key_templates) != len(doc.gold):
        return  # the raw keys do not line up with the processed templates: no slot scores
    pairs = {i: first_index[j] for i, j in al.pairs}
    _score_slots(doc, pred, pairs, scores, report, out)


def keys_types(kt: keys.KeyTemplate) -> list[str]:
    return [t.strip() for t in kt.incident_type.split("/") if t.strip()]


def _describe(t: Template) -> str:
    parts = [t["incident_type"]]
    for role in ROLES:
        if t[role]:
            parts.append(f"{role}={'; '.join(e[0] for e in t[role])}")
    return ", ".join(parts)


def _score_slots(
    doc: Doc,
    pred: Predicted,
    pairs: dict[int, int],
    scores: Scores,
    report: ArticleReport | None,
    out: Report,
) -> None:
    """Date, location and effects over mapped templates; unmapped ones count as missed/spurious."""
    if report is None:
        pairs = {}  # no prediction: every gold slot is missed
    year = doc.message.published.year if doc.message.published else None
    gold_of = {k: kt for k, kt in enumerate(doc.key_templates)}
    mapped_gold = set(pairs.values())
    for i, event in enumerate(pred.events):
        kt = gold_of.get(pairs[i]) if i in pairs else None
        # date
        when = report.date(event.date)
        intervals = keys.parse_date_slot(kt.raw.get(keys.DATE, []), year) if kt else []
        ok = date_right(report, event, intervals) if kt else None
        scores.bump(
            "date", int(bool(ok)), int(when is not None), int(bool(ok)), int(bool(intervals))
        )
        if kt and intervals and not ok:
            out.error(
                EXTRA_TABLE,
                doc.id,
                "date",
                "wrong" if when else "missed",
                gold=" ".join(kt.raw.get(keys.DATE, [])),
                predicted=when.value if when else None,
            )
        # location
        place = _place_of(event, report)
        alts = keys.parse_location_slot(kt.raw.get(keys.LOCATION, [])) if kt else []
        has_gold = int(bool(alts))
        if place is None:
            for name in ("location country", "location place", "location any level"):
                scores.bump(name, r_den=has_gold)
        else:
            name, country = place
            countries = {_country_code(a.country) for a in alts} - {None}
            c_ok = country is not None and country in countries
            p_ok = any(_fold(name) == _fold(a.most_specific) for a in alts)
            any_ok = any(
                _fold(name) in {_fold(a.country), *(_fold(n) for n, _ in a.levels)} for a in alts
            )
            scores.bump(
                "location country", int(c_ok), int(country is not None), int(c_ok), has_gold
            )
            scores.bump("location place", int(p_ok), 1, int(p_ok), has_gold)
            scores.bump("location any level", int(any_ok), 1, int(any_ok), has_gold)
            if alts and not p_ok:
                out.error(
                    EXTRA_TABLE,
                    doc.id,
                    "location",
                    "wrong",
                    gold=" ".join(kt.raw.get(keys.LOCATION, [])),
                    predicted=f"{name} ({country})",
                )
        # effects
        fx = keys.effects(kt) if kt else set()
        for label, effect, count in (
            ("effect: death", "DEATH", _count(event.killed)),
            ("effect: injury", "INJURY", _count(event.injured)),
        ):
            gold_has = effect in fx
            ok = gold_has and count > 0
            scores.bump(label, int(ok), int(count > 0), int(ok), int(gold_has))
            if gold_has != (count > 0) and kt is not None:
                who = [
                    f.ref[0]
                    for f in kt.slots.get(keys.HUM_TGT_EFFECT, [])
                    if effect in f.values and f.ref
                ]
                out.error(
                    EXTRA_TABLE,
                    doc.id,
                    label,
                    "missed" if gold_has else "spurious",
                    gold=f"{effect}: {', '.join(who)}" if gold_has else None,
                    predicted=f"{event.trigger.text!r} {label.split()[-1]} {count} "
                    f"in {event.sentence.text[:80]!r}",
                )
    for k, kt in gold_of.items():
        if k in mapped_gold:
            continue
        intervals = keys.parse_date_slot(kt.raw.get(keys.DATE, []), year)
        alts = keys.parse_location_slot(kt.raw.get(keys.LOCATION, []))
        scores.bump("date", r_den=int(bool(intervals)))
        for name in ("location country", "location place", "location any level"):
            scores.bump(name, r_den=int(bool(alts)))
        fx = keys.effects(kt)
        scores.bump("effect: death", r_den=int("DEATH" in fx))
        scores.bump("effect: injury", r_den=int("INJURY" in fx))


# --------------------------------------------------------------------------------------
# the command's entry point


def run(root: Path, split: str, limit: int | None, extractor: Extractor | None) -> Report:
    """Read, extract, map and score; the Report holds the tables and the errors."""
    docs = load(root, split)
    if limit is not None:
        docs = docs[:limit]
    out = Report(dataset="muc4", split=split, data=str(root))
    problems = check_gold(docs)
    out.notes.append(
        f"raw keys vs processed gold: {len(problems)} disagreement(s) after normalisation"
        + (f", e.g. {problems[0]}" if problems else "")
    )
    articles = [
        make_article(d.message.text, source=d.id, published=d.message.published, title=None)
        for d in docs
    ]
    reports = run_pipeline(extractor, articles, [d.id for d in docs], out, label="MUC-4")
    scores = Scores()
    for doc, report in zip(docs, reports, strict=True):
        score_doc(doc, predict(report), scores, report, out)
    if scores.inexact_docs:
        out.notes.append(
            f"{scores.inexact_docs} document(s) past the exhaustive template search limit"
        )

    t = out.table(
        CEAF_TABLE, note="micro average over the five roles; exact match after GRIT's normalisation"
    )
    for role in ROLES:
        t.add(Row.prf(role, scores.ceaf[role]))
    t.add(Row.prf("micro average", total(list(scores.ceaf.values())), PUBLISHED["ceaf"]))
    t = out.table(TEMPLATE_TABLE, note="GTT's scorer: optimal template mapping per document")
    for f in ("incident_type", *ROLES):
        t.add(Row.prf(f, scores.templates[f]))
    t.add(Row.prf("micro average", total(list(scores.templates.values())), PUBLISHED["templates"]))
    t = out.table(EXTRA_TABLE, note="date, location and effects over the template mapping above")
    for name, _ in EXTRA_ROWS:
        t.add(Row.prf(name, scores.extra.get(name, PRF())))
    return out
