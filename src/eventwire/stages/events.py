"""Stage events: the deeds an article reports, each with its evidence.

Every event of the article, not only the main one: type (PLOVER), modes, contexts,
modality, actors (individuals apart from organisations), victims, targets, instruments,
place, date, killed and injured counts, and for ASSAULT the GTD-style attributes
(suicide, attack kind, target kind).  Verbal events (ACCUSE, THREATEN, REJECT,
REQUEST…) are made from statements by the statements stage, which runs after this one
and also fills ``claimed_by``.

How:

1. Triggers: words of ``knowledge/triggers.yaml`` with their constraints ("open fire",
   "release hostages", "drone strike"); mentions inside "a history of …" are generic
   and dropped.
2. Each mention gets its modality (``extract.modality``) and arguments
   (``extract.event_args``).
3. In a sentence, a casualty word ("killed", "wounded") joins the nearest stronger
   trigger of its type, and two triggers that are arguments of one verb ("attributing the
   blasts to a terrorist attack") are one mention group.
4. Counts (``extract.counts``) go to the group nearest in the parse to the word that gave
   their outcome.
5. Across the article, groups are merged into events: a definite description ("the
   attack", "the twin blasts") joins the most salient compatible event; other groups join
   an event they share actors, victims, places, dates or modes with.  Groups never
   merge across a conflict (different dates, places in different countries, different
   named victims, different organisations acting, a different modality class), and
   "another attack" is always a new event: background events stay separate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.findings import Findings
from eventwire.knowledge.event_lexicon import (
    Trigger,
    contexts,
    counts,
    is_person,
    nouns,
    triggers,
)
from eventwire.model import (
    ActorKind,
    Arg,
    Count,
    Event,
    EventType,
    Modality,
    Place,
    PlaceFeature,
    Span,
)
from eventwire.stages import counts as counts_stage
from eventwire.stages import modality as modality_stage
from eventwire.stages.event_args import Args, Index, arguments, elliptical_passive, mention_span

__all__ = ["extract"]

_SKIP_ENTS = {"DATE", "TIME", "PERSON", "WORK_OF_ART", "LAW", "MONEY", "PERCENT"}
_DEFINITE = {"the", "this", "these", "those", "that", "such"}
_FACTUAL = {Modality.OCCURRED, Modality.CLAIMED, Modality.ALLEGED, Modality.DENIED}
_FACT_ORDER = [Modality.OCCURRED, Modality.CLAIMED, Modality.ALLEGED, Modality.DENIED]
_KIND_ORDER = [
    "hijacking",
    "kidnapping",
    "assassination",
    "bombing/explosion",
    "facility attack",
    "armed assault",
    "unarmed assault",
]
_MODE_KINDS = {
    "explosives": "bombing/explosion",
    "suicide-attack": "bombing/explosion",
    "heavy-weapons": "bombing/explosion",
    "aerial": "bombing/explosion",
    "drone": "bombing/explosion",
    "firearms": "armed assault",
    "primitive": "armed assault",
    "abduct": "kidnapping",
    "beat": "unarmed assault",
}
_ACTOR_TARGET_KINDS = {
    ActorKind.MILITARY: "military",
    ActorKind.POLICE: "police",
    ActorKind.GOVERNMENT: "government",
    ActorKind.STATE: "government",
    ActorKind.MEDIA: "journalists",
    ActorKind.NGO: "ngo",
    ActorKind.ARMED_GROUP: "terrorists/non-state militia",
    ActorKind.CIVILIANS: "private citizens",
}
_STATE_KINDS = {ActorKind.STATE, ActorKind.GOVERNMENT, ActorKind.MILITARY}


@dataclass
class Mention:
    """One trigger of an event in the text."""

    entry: Trigger
    head: Token
    first: int
    last: int
    reading: modality_stage.Reading
    args: Args
    definite: bool
    other: bool

    @property
    def type(self) -> str:
        return self.entry.type

    @property
    def weak(self) -> bool:
        return self.entry.weak


@dataclass
class Group:
    """Mentions of one event in one sentence."""

    mentions: list[Mention]
    sent: SpacySpan
    number: int  # the sentence's number in the article
    counts: list[counts_stage.CountMention] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.mentions[0].type

    @property
    def strong(self) -> list[Mention]:
        return [m for m in self.mentions if not m.weak] or self.mentions

    @property
    def weak(self) -> bool:
        return all(m.weak for m in self.mentions)

    @property
    def join_only(self) -> bool:
        return all(m.entry.join_only for m in self.mentions)

    @property
    def definite(self) -> bool:
        return any(m.definite for m in self.strong) and not self.weak

    @property
    def other(self) -> bool:
        return any(m.other for m in self.strong)

    @property
    def modality(self) -> Modality:
        return self.strong[0].reading.modality

    def args(self) -> Args:
        merged = Args()
        for mention in sorted(self.mentions, key=lambda m: m.weak):
            merged.merge(mention.args)
        return merged


@dataclass
class Cluster:
    """Groups that report one event: the event of the article in the making."""

    groups: list[Group]
    args: Args
    modality: Modality

    @property
    def type(self) -> str:
        return self.groups[0].type

    @property
    def sentence(self) -> int:
        return self.groups[-1].sent.start

    def salience(self) -> int:
        return len(self.groups) + (1 if any(g.counts for g in self.groups) else 0)


def extract(found: Findings) -> None:
    """Add the article's events (deeds and meetings) to ``found.events``."""
    index = Index(found)
    mentions = _mentions(found, index)
    groups = _groups(index, mentions)
    orphans = _attach_counts(found, groups)
    clusters = _merge(groups)
    _attach_orphans(clusters, orphans)
    first_id = len(found.events) + 1
    for k, cluster in enumerate(clusters):
        found.events.append(_event(found, index, cluster, f"E{first_id + k}"))


# ------------------------------------------------------------------ 1-2 triggers and mentions


def _context_words(token: Token) -> set[str]:
    """Words around a trigger for its ``with`` constraint."""
    doc = token.doc
    words = {c.lemma_.lower() for c in token.children} | {c.lower_ for c in token.children}
    for k in (token.i - 1, token.i + 1):
        if 0 <= k < len(doc):
            words.add(doc[k].lemma_.lower())
            words.add(doc[k].lower_)
    head = token.head
    words.update((head.lemma_.lower(), head.head.lemma_.lower()))
    for child in token.children:
        if child.dep_ in ("prep", "prt"):
            words.update(c.lower_ for c in child.children)
    return words


def _objects(token: Token) -> list[Token]:
    objects: list[Token] = []
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "attr"):
            objects.append(child)
        elif child.dep_ == "prt":
            objects.extend(c for c in child.children if c.dep_ == "dobj")
        elif child.dep_ == "prep" and child.lower_ == "of" and token.pos_ in ("NOUN", "PROPN"):
            objects.extend(c for c in child.children if c.dep_ == "pobj")
    if token.dep_ == "compound" and token.pos_ in ("NOUN", "PROPN"):
        objects.append(token.head)  # "troop withdrawal" read as withdrawal of troops
    out: list[Token] = []
    for obj in objects:
        out.append(obj)
        out.extend(c for c in obj.children if c.dep_ == "conj")
        out.extend(c for c in obj.children if c.dep_ in ("compound",))
    return out


def _matches(doc: Doc, token: Token, entry: Trigger) -> tuple[int, int] | None:
    """(first, last) token of the trigger when ``entry`` holds at ``token``."""
    pos = token.pos_
    if entry.pos == "noun" and pos not in ("NOUN", "PROPN"):
        return None
    if entry.pos == "verb" and pos != "VERB":
        return None
    if entry.pos == "any" and pos not in ("NOUN", "PROPN", "VERB"):
        return None
    last = token.i
    if entry.words:
        end = token.i + len(entry.words)
        if end >= len(doc):
            return None
        following = doc[token.i + 1 : end + 1]
        if any(
            t.lower_ != w and t.lemma_.lower() != w
            for t, w in zip(following, entry.words, strict=True)
        ):
            return None
        last = end
    if entry.with_ and not (_context_words(token) & entry.with_):
        return None
    if entry.without:
        near = {c.lemma_.lower() for c in token.children} | {c.lower_ for c in token.children}
        if token.i > 0:
            near.add(doc[token.i - 1].lower_)
        if near & entry.without:
            return None
    if entry.objects or entry.object_person:
        objects = _objects(token)
        if entry.objects and not any(
            o.lemma_.lower() in entry.objects or o.lower_ in entry.objects for o in objects
        ):
            return None
        if entry.object_person and not any(
            is_person(o.lemma_, o.text) or o.ent_type_ in ("PERSON", "NORP") for o in objects
        ):
            return None
    return token.i, last


@cache
def _trigger_ids() -> frozenset[int]:
    """Ids of the first words of all triggers, for a fast scan of the Doc."""
    return frozenset(get_string_id(w) for w in triggers().by_lemma)


def _generic(token: Token) -> bool:
    """ "a history of attacks", "this kind of attack": no particular event."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of":
        return head.head.lemma_.lower() in nouns().generic
    if token.dep_ == "pcomp" or (token.dep_ == "dobj" and head.dep_ == "pcomp"):
        prep = head if token.dep_ == "pcomp" else head.head
        return prep.lower_ == "of" and prep.head.lemma_.lower() in nouns().generic
    return False


def _in_name(index: Index, token: Token) -> bool:
    """A proper noun inside a longer name of an actor: "Asia-Pacific Economic
    Cooperation", "Amnesty International", "Ceasefire Violations Committee"."""
    if token.pos_ != "PROPN":
        return False
    actor = index.actor_of_token(token)
    if actor is None:
        return False
    start, end = token.idx, token.idx + len(token)
    return any(
        m.start <= start and end <= m.end and m.end - m.start > end - start for m in actor.mentions
    )


def _mentions(found: Findings, index: Index) -> list[Mention]:
    doc = found.doc
    lexicon = triggers().by_lemma
    hits: list[tuple[Token, int, int, Trigger]] = []
    taken: set[int] = set()
    ids = _trigger_ids()
    candidates = [
        k
        for k, (lemma, lower) in enumerate(zip(index.lemma_ids, index.lower_ids, strict=True))
        if lemma in ids or lower in ids
    ]
    for k in candidates:
        token = doc[k]
        if token.i in taken or token.ent_type_ in _SKIP_ENTS or _in_name(index, token):
            continue
        entries = lexicon.get(token.lemma_.lower()) or lexicon.get(token.lower_)
        if not entries:
            continue
        for entry in entries:
            span = _matches(doc, token, entry)
            if span is not None:
                first, last = span
                head = (
                    doc[last]
                    if entry.words and doc[last].head.i not in range(first, last + 1)
                    else token
                )
                if entry.words:
                    head = next(
                        (
                            doc[k]
                            for k in range(first, last + 1)
                            if not first <= doc[k].head.i <= last
                        ),
                        token,
                    )
                hits.append((head, first, last, entry))
                taken.update(range(first, last + 1))
                break
    index.trigger_tokens = {head.i for head, _, _, entry in hits if not entry.weak}
    out: list[Mention] = []
    other_words = nouns().other_event
    for head, first, last, entry in hits:
        if _generic(head):
            continue
        args = arguments(index, head, entry)
        if args.natural and (entry.weak or entry.type == "ASSAULT"):
            continue
        determiners = {c.lower_ for c in head.children if c.dep_ in ("det", "poss", "predet")}
        modifiers = {c.lower_ for c in head.children if c.dep_ in ("det", "amod")}
        out.append(
            Mention(
                entry=entry,
                head=head,
                first=first,
                last=last,
                reading=modality_stage.read(head, entry.type),
                args=args,
                definite=bool(determiners & _DEFINITE)
                or any(c.dep_ == "poss" for c in head.children),
                other=bool(modifiers & other_words),
            )
        )
    return out


# ------------------------------------------------------------------ 3 groups in a sentence


def _path(a: Token, b: Token) -> list[Token] | None:
    """Tokens on the dependency path from ``a`` to ``b`` (both excluded)."""
    up_a = [a, *a.ancestors]
    index_a = {t.i: k for k, t in enumerate(up_a)}
    climb: list[Token] = []
    node = b
    while node.i not in index_a:
        climb.append(node)
        if node.head.i == node.i:
            return None
        node = node.head
    meet = index_a[node.i]
    middle = up_a[1 : meet + 1] + list(reversed(climb[1:]))
    return [t for t in middle if t.i not in (a.i, b.i)]


def _distance(a: Token, b: Token) -> int:
    path = _path(a, b)
    return 99 if path is None else len(path) + 1


def _argument_siblings(a: Token, b: Token) -> bool:
    """Two triggers that are one verb's arguments, or one the other's head ("attributing
    the blasts to a terrorist attack", "bombings and shootings")."""
    path = _path(a, b)
    if path is None or len(path) > 2:
        return False
    return all(t.pos_ not in ("NOUN", "PROPN") or t.dep_ == "conj" for t in path)


def _has_subject(token: Token) -> bool:
    """Whether a verb has an agent of its own ("a car bomb killed…", not "150 wounded")."""
    return any(
        c.dep_ in ("agent", "csubj") or (c.dep_ == "nsubj" and not elliptical_passive(token, c))
        for c in token.children
    )


def _joins(weak: Token, group: Group) -> bool:
    """Whether a casualty word belongs to a stronger trigger of its sentence: it has no
    subject of its own ("…, claiming 100 lives"), or the trigger governs it ("a bomb
    exploded, killing 5", "the attack that killed 5"), or the trigger is its subject or
    the object of its preposition ("the blasts wounded 284", "killed in the attack")."""
    if not _has_subject(weak):
        return True
    for mention in group.strong:
        head = mention.head
        if any(a.i == head.i for a in list(weak.ancestors)[:3]):
            return True
        if head.head.i == weak.i and head.dep_ in ("nsubj", "agent"):
            return True
        if head.dep_ == "pobj" and head.head.head.i == weak.i:
            return True
        if head.dep_ == "conj" and head.head.i == weak.i and not _has_subject(head):
            return True  # one doer, two verbs: "killed 19 villagers and abducted 30 women"
    return False


def _own_subjects(mention: Mention, group: Group) -> bool:
    """Whether a casualty verb and those of a group each have a doer of their own: two
    deeds ("troops killed 12 fighters, days after militants killed 19 villagers")."""
    mine = _doer(mention.head)
    return mine is not None and any(
        (theirs := _doer(m.head)) is not None and theirs.lemma_.lower() != mine.lemma_.lower()
        for m in group.mentions
    )


def _doer(verb: Token) -> Token | None:
    """The named subject of a verb that has one (not a pronoun, not an undergoer)."""
    if not _has_subject(verb):
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject if subject is not None and subject.pos_ != "PRON" else None


def _groups(index: Index, mentions: list[Mention]) -> list[Group]:
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.head.sent.start, []).append(mention)
    out: list[Group] = []
    for sent_mentions in by_sentence.values():
        sent = sent_mentions[0].head.sent
        number = int(index.sentence_of[sent.start])
        groups: list[Group] = []
        strong = [m for m in sent_mentions if not m.weak]
        for mention in strong:
            home = next(
                (
                    g
                    for g in groups
                    if g.type == mention.type
                    and any(_argument_siblings(m.head, mention.head) for m in g.mentions)
                    and _compatible(g.args(), g.modality, mention.args, mention.reading.modality)
                    and not mention.other
                ),
                None,
            )
            if home is None:
                groups.append(Group([mention], sent, number))
            else:
                home.mentions.append(mention)
        for mention in (m for m in sent_mentions if m.weak):
            candidates = [
                (min(_distance(mention.head, m.head) for m in g.strong), g)
                for g in groups
                if g.type == mention.type
                and not g.weak
                and _compatible(g.args(), g.modality, mention.args, g.modality)
            ]
            candidates = [c for c in candidates if _joins(mention.head, c[1])]
            if candidates:
                min(candidates, key=lambda c: c[0])[1].mentions.append(mention)
                continue
            weak_home = next(
                (
                    g
                    for g in groups
                    if g.type == mention.type
                    and g.weak
                    and _modality_class(g.modality) == _modality_class(mention.reading.modality)
                    and not _own_subjects(mention, g)
                ),
                None,
            )
            if weak_home is not None:
                weak_home.mentions.append(mention)
            else:
                groups.append(Group([mention], sent, number))
        out.extend(sorted(groups, key=lambda g: min(m.head.i for m in g.mentions)))
    return out


# ------------------------------------------------------------------ 4 counts


def _attach_counts(found: Findings, groups: list[Group]) -> list[counts_stage.CountMention]:
    """Give each casualty count to the ASSAULT of its sentence nearest to it; return the
    counts of sentences that report no event at all ("148 people were treated for
    wounds, the minister said")."""
    doc = found.doc
    by_sentence: dict[int, list[Group]] = {}
    with_event = {group.sent.start for group in groups}
    orphans: list[counts_stage.CountMention] = []
    for group in groups:
        if group.type == "ASSAULT":
            by_sentence.setdefault(group.sent.start, []).append(group)
    for count in counts_stage.mentions(found):
        if count.outcome not in ("killed", "injured", "casualties") or count.anchor is None:
            continue
        anchor = doc[count.anchor]
        candidates = by_sentence.get(anchor.sent.start, [])
        if not candidates:
            if anchor.sent.start not in with_event:
                orphans.append(count)
            continue
        best = min(
            candidates,
            key=lambda g: min(
                0 if m.head.i == anchor.i else _distance(anchor, m.head) for m in g.mentions
            ),
        )
        best.counts.append(count)
    return orphans


def _attach_orphans(clusters: list[Cluster], orphans: list[counts_stage.CountMention]) -> None:
    """Counts of sentences without an event of their own belong to the article's main
    attack, when it has one that occurred: its most reported ASSAULT."""
    attacks = [c for c in clusters if c.type == "ASSAULT" and c.modality in _FACTUAL]
    main = max(attacks, key=lambda c: c.salience(), default=None)
    if main is None:
        return
    for count in orphans:
        group = min(main.groups, key=lambda g: abs(g.sent.start - count.first))
        group.counts.append(count)


# ------------------------------------------------------------------ 5 events of the article


def _places_related(a: Place, b: Place) -> bool | None:
    """True when one place is or contains the other, False when they differ, None when
    unknown."""
    if a.id == b.id or (a.geonames_id is not None and a.geonames_id == b.geonames_id):
        return True
    if a.country is None or b.country is None:
        return None
    if a.country != b.country:
        return False
    if PlaceFeature.COUNTRY in (a.feature, b.feature):
        return True
    if a.admin1 and b.admin1 and a.admin1 != b.admin1:
        return False
    if PlaceFeature.ADMIN1 in (a.feature, b.feature):
        return True
    return a.name.lower() == b.name.lower()


def _modality_class(modality: Modality) -> str:
    return "factual" if modality in _FACTUAL else modality.value


def _compatible(a: Args, a_mod: Modality, b: Args, b_mod: Modality) -> bool:
    if _modality_class(a_mod) != _modality_class(b_mod):
        return False
    if (
        a.date is not None
        and b.date is not None
        and (a.date.end < b.date.start or b.date.end < a.date.start)
    ):
        return False
    if a.place_objects and b.place_objects:
        related = [_places_related(p, q) for p in a.place_objects for q in b.place_objects]
        if related and all(r is False for r in related):
            return False
    a_victims = a.actor_ids("victims")
    b_victims = b.actor_ids("victims")
    if a_victims and b_victims and not a_victims & b_victims:
        return False
    a_actors = {x.actor_id for x in a.actors if x.actor_id and not x.individual}
    b_actors = {x.actor_id for x in b.actors if x.actor_id and not x.individual}
    return not (a_actors and b_actors and not a_actors & b_actors)


def _score(cluster: Cluster, group: Group, args: Args, most_salient: Cluster | None) -> int:
    score = 0
    mine = cluster.args
    if mine.actor_ids("actors") & args.actor_ids("actors"):
        score += 2
    if mine.actor_ids("victims") & args.actor_ids("victims"):
        score += 3
    if (
        mine.place_objects
        and args.place_objects
        and any(_places_related(p, q) for p in mine.place_objects for q in args.place_objects)
    ):
        score += 1
    if mine.date is not None and args.date is not None:
        score += 2
    if (mine.modes & args.modes) - {"targeted"}:
        score += 1
    if group.definite:
        score += 3 if cluster is most_salient else 1
    distance = _sentence_distance(cluster, group)
    if distance <= 1:
        score += 1
    if group.weak and distance <= 2:
        score += 1
    if group.weak and not group.counts and not _says_who(args):
        # "the families of those killed": the event that killed people, not the nearest
        outcomes = {counts().verbs.get(m.head.lemma_.lower()) for m in group.mentions}
        told = {c.outcome for g in cluster.groups for c in g.counts}
        if outcomes & told or (not told and cluster is most_salient):
            score += 2
    return score


def _sentence_distance(cluster: Cluster, group: Group) -> int:
    return abs(group.number - cluster.groups[-1].number)


def _says_who(args: Args) -> bool:
    return bool(args.actors or args.victims or args.targets or args.instruments)


def _merge(groups: list[Group]) -> list[Cluster]:
    clusters: list[Cluster] = []
    for group in groups:
        args = group.args()
        modality = group.modality
        best: Cluster | None = None
        best_score = 0
        if not group.other:
            same_type = [c for c in clusters if c.type == group.type]
            most_salient = max(same_type, key=lambda c: c.salience(), default=None)
            for cluster in same_type:
                if not _compatible(cluster.args, cluster.modality, args, modality):
                    continue
                if any(
                    g.sent.start == group.sent.start and _own_subjects(m, g)
                    for g in cluster.groups
                    for m in group.mentions
                ):
                    continue  # two deeds of one sentence, each with its doer
                score = _score(cluster, group, args, most_salient)
                if score > best_score:
                    best, best_score = cluster, score
        threshold = 1 if group.weak else 2
        if best is not None and best_score >= threshold:
            best.groups.append(group)
            best.args.merge(args)
            factual = modality in _FACTUAL and best.modality in _FACTUAL
            if factual and _FACT_ORDER.index(modality) < _FACT_ORDER.index(best.modality):
                best.modality = modality  # the most factual reading: occurred > claimed > …
        elif not group.join_only and (not group.weak or group.counts or _says_who(args)):
            # a casualty word alone makes an event only with someone or some number in it
            clusters.append(Cluster([group], args, modality))
    return clusters


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


def _summed(found: Findings, mentions: list[counts_stage.CountMention]) -> list[Count]:
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
    for arg in [*args.victims, *args.targets]:
        actor = index.actors.get(arg.actor_id) if arg.actor_id else None
        kind = None
        if actor is not None:
            kind = _ACTOR_TARGET_KINDS.get(actor.kind)
            if actor.kind == ActorKind.PERSON:
                kind = None
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
    for mode in sorted(args.modes):
        if mode not in modes:
            modes.append(mode)
    killed = _summed(found, [c for g in cluster.groups for c in g.counts if c.outcome == "killed"])
    injured = _summed(
        found, [c for g in cluster.groups for c in g.counts if c.outcome == "injured"]
    )
    casualties = [c.count for g in cluster.groups for c in g.counts if c.outcome == "casualties"]
    zero = [c for c in casualties if c.max == 0]
    killed_count = _best(killed) or (zero[0] if zero else None)
    injured_count = _best(injured) or (zero[0] if zero else None)
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
    modality = _modality(found, index, cluster)
    event_type = _plover_type(cluster.type, modality)
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
        killed=killed_count if assault else None,
        injured=injured_count if assault else None,
        suicide=(True if args.suicide else None) if assault else None,
        attack_kind=_attack_kind(cluster, modes) if assault else None,
        target_kind=_target_kinds(index, args) if assault else [],
        confidence=round(min(max(confidence, 0.1), 0.95), 2),
    )


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
    """Most specific place first: the city, then its province, then the country."""
    place = next((p for p in index.found.places if p.id == place_id), None)
    return _FEATURE_RANK.get(place.feature, 1) if place is not None else 1
