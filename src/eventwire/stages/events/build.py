"""Building an Event from a cluster: its counts, modality, PLOVER type and mode,
contexts, arguments and evidence.
"""

from __future__ import annotations

from functools import cache

from spacy.strings import get_string_id
from spacy.tokens import Span as SpacySpan

from eventwire.findings import CountMention, Findings
from eventwire.knowledge.event_lexicon import (
    contexts,
    nouns,
)
from eventwire.knowledge.words import listed
from eventwire.model import (
    ActorKind,
    Arg,
    Count,
    Event,
    EventType,
    Modality,
    PlaceFeature,
    Span,
)
from eventwire.stages.events.args import Args, Index
from eventwire.stages.events.mentions import (
    _ACTOR_TARGET_KINDS,
    _FACT_ORDER,
    _FACTUAL,
    _HARMFUL,
    _KIND_ORDER,
    _MODE_KINDS,
    _STATE_KINDS,
    Cluster,
    Mention,
)
from eventwire.stages.events.phrases import mention_span

# ------------------------------------------------------------------ building the Event


def _specificity(count: Count) -> tuple[int, int]:
    if count.min is not None and count.min == count.max:
        rank = 4 if not count.approximate else 2
    elif count.min is not None and count.max is not None:
        rank = 3
    else:
        rank = 1 if count.approximate else 2
    value = count.max if count.max is not None else count.min or 0
    return (rank if value > 0 else 0, value)


def _summed(found: Findings, mentions: list[CountMention]) -> list[Count]:
    """The counts, those of conjoined groups of people summed: "at least 12 protesters
    and four police officers were injured" → at least 16."""
    doc = found.doc
    by_head = {m.head: m for m in mentions}
    out: list[Count] = []
    used: set[int] = set()
    for mention in sorted(mentions, key=lambda m: m.first):
        if mention.head in used:
            continue
        chain = [mention]
        node = doc[mention.head]
        while True:
            nxt = next(
                (by_head[c.i] for c in node.children if c.dep_ == "conj" and c.i in by_head),
                None,
            )
            if nxt is None or nxt.anchor != mention.anchor or nxt.head in used:
                break
            chain.append(nxt)
            node = doc[nxt.head]
        used.update(m.head for m in chain)
        if len(chain) == 1:
            out.append(mention.count)
            continue
        counts = [m.count for m in chain]
        low = [c.min for c in counts]
        high = [c.max for c in counts]
        start, end = counts[0].span.start, counts[-1].span.end
        out.append(
            Count(
                min=sum(x for x in low if x is not None)
                if any(x is not None for x in low)
                else None,
                max=sum(high) if all(x is not None for x in high) else None,  # type: ignore[arg-type]
                approximate=any(c.approximate for c in counts),
                span=found.span(start, end),
            )
        )
    return out


def _best(counts: list[Count]) -> Count | None:
    return max(counts, key=_specificity, default=None)


def _harmed(count: Count | None) -> Count | None:
    """The count, unless it says that no one was harmed ("no one was injured": 0)."""
    return None if count is None or count.max == 0 else count


def _claimed(index: Index, cluster: Cluster, mention: Mention) -> bool:
    """A mention reported by the event's own perpetrator ("the group said its members…")."""
    speaker = mention.reading.speaker
    if speaker is None:
        return False
    actor = index.actor_at(speaker.left_edge.idx, speaker.idx + len(speaker))
    if actor is None:
        return False
    own = cluster.args.actor_ids("actors")
    return actor.id in own or actor.kind == ActorKind.ARMED_GROUP


def _modality(found: Findings, index: Index, cluster: Cluster) -> Modality:
    readings: list[Modality] = []
    for group in cluster.groups:
        for mention in group.strong:
            modality = mention.reading.modality
            if modality is Modality.OCCURRED and _claimed(index, cluster, mention):
                modality = Modality.CLAIMED
            readings.append(modality)
    factual = [m for m in readings if m in _FACTUAL]
    modality = min(factual, key=_FACT_ORDER.index) if factual else readings[0]
    when = cluster.args.date
    published = found.article.published
    if modality is Modality.OCCURRED and when is not None and published and when.start > published:
        modality = Modality.PLANNED
    return modality


@cache
def _cue_ids() -> tuple[dict[int, str], frozenset[int]]:
    """Ids of context cue words, and of the first words of cue phrases."""
    lexicon = contexts()
    single = {get_string_id(word): name for word, name in lexicon.cues.items()}
    firsts = frozenset(get_string_id(words[0]) for words in lexicon.phrases)
    return single, firsts


def _sentence_contexts(index: Index, sent: SpacySpan) -> list[str]:
    """PLOVER contexts whose cue words occur in a sentence."""
    lexicon = contexts()
    names, firsts = _cue_ids()
    doc = index.doc
    out: list[str] = []
    for k in range(sent.start, sent.end):
        name = names.get(index.lemma_ids[k]) or names.get(index.lower_ids[k])
        if name and name not in out:
            out.append(name)
        if index.lower_ids[k] not in firsts:
            continue
        start = k
        for size in range(lexicon.max_words, 1, -1):
            if start + size <= sent.end:
                words = tuple(t.lower_ for t in doc[start : start + size])
                name = lexicon.phrases.get(words)
                if name and name not in out:
                    out.append(name)
    return out


def _contexts(found: Findings, index: Index, cluster: Cluster, modes: list[str]) -> list[str]:
    lexicon = contexts()
    out: list[str] = []

    def add(name: str) -> None:
        if name not in out:
            out.append(name)

    for group in cluster.groups:
        for mention in group.mentions:
            for name in mention.entry.context:
                add(name)
        for name in _sentence_contexts(index, group.sent):
            add(name)
    actors = [index.actors.get(a.actor_id) for a in cluster.args.actors if a.actor_id]
    for actor in actors:
        if actor is None:
            continue
        for name in lexicon.actor_kinds.get(actor.kind.value, ()):
            add(name)
    for mode in modes:
        for name in lexicon.modes.get(mode, ()):
            add(name)
    if cluster.type == "ASSAULT":
        kinds = {a.kind for a in actors if a is not None}
        if kinds & _STATE_KINDS and set(modes) & {"drone", "aerial", "heavy-weapons"}:
            add("military")
        if ActorKind.ARMED_GROUP in kinds and set(modes) & {"explosives", "suicide-attack"}:
            add("terrorism")
    return out


def _attack_kind(cluster: Cluster, modes: list[str]) -> str | None:
    kinds = {m.entry.kind for g in cluster.groups for m in g.mentions if m.entry.kind}
    if not kinds:
        kinds = {_MODE_KINDS[m] for m in modes if m in _MODE_KINDS}
    if "assassination" in kinds and not cluster.args.victims:
        kinds.discard("assassination")
        kinds.add("armed assault")
    return next((k for k in _KIND_ORDER if k in kinds), None)


def _target_kinds(index: Index, args: Args) -> list[str]:
    out: list[str] = []
    kinds = nouns().target_kinds
    gatherings = nouns().gatherings
    for arg in [*args.victims, *args.targets, *args.counted]:
        actor = index.actors.get(arg.actor_id) if arg.actor_id else None
        kind = None
        if actor is not None:
            kind = _ACTOR_TARGET_KINDS.get(actor.kind)
            if actor.kind == ActorKind.PERSON:
                kind = None
        words = arg.span.text.lower().split()
        if kind is None and words and words[-1] in gatherings:
            kind = "protesters"  # "a peaceful student demonstration"
        if kind is None:
            words = arg.span.text.lower().split()
            for size in (3, 2, 1):
                for k in range(len(words) - size + 1):
                    phrase = " ".join(words[k : k + size])
                    kind = kind or kinds.get(phrase) or kinds.get(phrase.rstrip("s"))
                if kind:
                    break
        if kind and kind not in out:
            out.append(kind)
    return out


_COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}


_FUTURE = {Modality.PLANNED, Modality.THREATENED}


def _plover_type(event_type: str, modality: Modality) -> str:
    """PLOVER's reading of future deeds (manual 3.1, 3.4): a cooperative deed announced for
    the future ("will visit", "will provide aid") is AGREE; a retreat announced for the
    future ("will withdraw troops") is CONCEDE."""
    if modality in _FUTURE and event_type in _COOPERATIVE:
        return "AGREE"
    if modality in _FUTURE and event_type == "RETREAT":
        return "CONCEDE"
    return event_type


def _sentence_span(found: Findings, sent: SpacySpan) -> Span:
    text = found.text
    start, end = sent.start_char, sent.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return found.span(start, end)


def _event(found: Findings, index: Index, cluster: Cluster, event_id: str) -> Event:
    args = cluster.args
    first_group = cluster.groups[0]
    first = first_group.strong[0]
    modes: list[str] = []
    for group in cluster.groups:
        for mention in group.mentions:
            for mode in mention.entry.mode:
                if mode not in modes:
                    modes.append(mode)
    for mode in sorted(args.modes) if cluster.type == "ASSAULT" else ():
        if mode not in modes:
            modes.append(mode)  # the weapons' modes are ASSAULT modes ("found a bomb": no)
    killed = _summed(found, [c for g in cluster.groups for c in g.counts if c.outcome == "killed"])
    injured = _summed(
        found, [c for g in cluster.groups for c in g.counts if c.outcome == "injured"]
    )
    # "no one was injured", "no casualties": nobody harmed is no count of the harmed (the
    # zero mentions still take their words from the other counts of the sentence)
    killed_count = _harmed(_best(killed))
    injured_count = _harmed(_best(injured))
    mentions: list[Span] = []
    seen: set[tuple[int, int]] = set()
    for group in cluster.groups:
        for mention in group.strong:
            span = mention_span(index, mention.head)
            if (span.start, span.end) not in seen:
                seen.add((span.start, span.end))
                mentions.append(span)
    mentions.sort(key=lambda s: s.start)
    places = sorted(
        zip(args.places, [_place_rank(index, a.place_id) for a in args.places], strict=True),
        key=lambda pair: pair[1],
    )
    assault = cluster.type == "ASSAULT"
    harmful = cluster.type in _HARMFUL
    modality = _modality(found, index, cluster)
    event_type = _plover_type(cluster.type, modality)
    if assault and _riot(cluster):
        event_type, modes, assault = "PROTEST", ["riot"], False
    elif assault and "mob" not in modes and _named_by(args.actors, nouns().mobs):
        modes.append("mob")  # "a mob beat two men", "killed by vigilantes"
    if event_type == "PROTEST" and "riot" not in modes and _clashes(cluster):
        modes = ["riot", *(m for m in modes if m != "demo")]
    if event_type == "PROTEST" and "riot" in modes and "demo" in modes:
        modes.remove("demo")  # a riot is not a peaceful demonstration
    confidence = 0.7 + 0.05 * min(len(cluster.groups) - 1, 2)
    confidence += 0.1 if args.actors else 0.0
    if all(g.weak for g in cluster.groups):
        confidence = 0.45
    return Event(
        id=event_id,
        type=EventType(event_type),
        mode=modes,
        context=_contexts(found, index, cluster, modes),
        trigger=index.span(first.first, first.last),
        sentence=_sentence_span(found, first_group.sent),
        mentions=mentions,
        modality=modality,
        actors=_without_members(args.actors),
        targets=args.targets,
        victims=args.victims,
        instruments=args.instruments,
        recipients=args.recipients,
        place=[a for a, _ in places],
        date=args.date.id if args.date is not None else None,
        killed=killed_count if harmful else None,
        injured=injured_count if harmful else None,
        suicide=(True if args.suicide else None) if assault else None,
        attack_kind=_attack_kind(cluster, modes) if assault else None,
        target_kind=_target_kinds(index, args) if assault or event_type == "COERCE" else [],
        confidence=round(min(max(confidence, 0.1), 0.95), 2),
    )


_MUTUAL = listed("events", "mutual")


def _named_by(args: list[Arg], words: frozenset[str]) -> bool:
    """Whether an argument's head word (its last) is one of ``words``."""
    return any(a.span.text.split()[-1].lower() in words for a in args if a.span.text.split())


def _protesters(args: list[Arg]) -> bool:
    return _named_by(args, nouns().protesters)


_SCUFFLES = listed("events", "scuffles")


def _clashes(cluster: Cluster) -> bool:
    """A protest told in one sentence with clashes is a violent demonstration ("protesters
    rallied against the president and were involved in clashes in several cities")."""
    return any(t.lemma_.lower() in _SCUFFLES for g in cluster.groups for t in g.sent)


def _riot(cluster: Cluster) -> bool:
    """Violence done by protesters is a riot (PLOVER PROTEST 'riot': "protesters torched
    cars", "demonstrators pelted the police with stones"), and so is a clash that has them
    on either side ("police clashed with protesters").  Read in the event's first
    sentence only: protesters named later in the article ("protesters demand the video of
    the shooting") did not do the deed."""
    first = cluster.groups[0]
    args = first.args()
    if _protesters(args.actors):
        return True
    if _protesters([*args.targets, *args.victims]) and any(
        m.head.lemma_.lower() in _MUTUAL for m in first.mentions
    ):
        return True
    words = nouns().protesters
    for group in cluster.groups[:1]:
        for mention in group.mentions:
            if mention.head.lemma_.lower() not in _MUTUAL:
                continue
            head = mention.head
            preps = list(head.children)
            if head.dep_ in ("nsubj", "nsubjpass"):
                preps += list(head.head.children)  # "clashes broke out between …"
            for prep in preps:  # "clashed with protesters", "between …"
                if (
                    prep.dep_ == "prep"
                    and prep.lower_ in ("with", "between", "against")
                    and any(t.lower_ in words for t in prep.subtree)
                ):
                    return True
            if not args.actors and any(t.lower_ in words for t in group.sent):
                return True  # "protesters rallied … and were involved in clashes"
    return False


_ORDINALS = {"first", "second", "third", "fourth", "fifth", "last", "latter", "former"}


def _without_members(actors: list[Arg]) -> list[Arg]:
    """The actors less "the first attacker", "the second bomber": one of a group of
    individuals the event already names ("two suicide bombers")."""

    def member(arg: Arg) -> bool:
        return arg.individual and arg.span.text.split()[0].lower() in _ORDINALS

    if not any(a.individual and not member(a) for a in actors):
        return actors
    return [a for a in actors if not member(a)]


_FEATURE_RANK = {
    PlaceFeature.CITY: 0,
    PlaceFeature.OTHER: 1,
    PlaceFeature.ADMIN2: 2,
    PlaceFeature.ADMIN1: 3,
    PlaceFeature.COUNTRY: 4,
    PlaceFeature.CONTINENT: 5,
}


def _place_rank(index: Index, place_id: str | None) -> int:
    """Most specific place first: the city, then its province, then the country; an
    unlisted site ("the bus station") after them all."""
    if place_id is None:
        return len(_FEATURE_RANK)
    place = next((p for p in index.found.places if p.id == place_id), None)
    return _FEATURE_RANK.get(place.feature, 1) if place is not None else 1
