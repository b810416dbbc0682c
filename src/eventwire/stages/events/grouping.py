"""Grouping and merging: mentions of one sentence into groups, counts attached to the
nearest group, groups that report the same event merged into clusters.
"""

from __future__ import annotations

from eventwire.findings import CountMention, Findings
from eventwire.knowledge.event_lexicon import (
    counts,
)
from eventwire.model import (
    Modality,
    Place,
    PlaceFeature,
)
from eventwire.stages.events.args import Args, Index
from eventwire.stages.events.mentions import (
    _FACT_ORDER,
    _FACTUAL,
    _HARMFUL,
    Cluster,
    Group,
    Mention,
    _argument_siblings,
    _distance,
    _has_subject,
    _joins,
    _named_as,
    _own_subjects,
)


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
                    and _territorial(g.mentions[0]) == _territorial(mention)
                    and any(
                        _argument_siblings(m.head, mention.head) or _named_as(m.head, mention.head)
                        for m in g.mentions
                    )
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
                and not (_territorial(g.mentions[0]) and _has_subject(mention.head))
            ]
            candidates = [c for c in candidates if _joins(mention.head, c[1])]
            if candidates:
                min(candidates, key=lambda c: c[0])[1].mentions.append(mention)
                continue
            toll = _toll_of(mention, groups)
            if toll is not None:
                toll.mentions.append(mention)
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


def _attach_counts(found: Findings, groups: list[Group]) -> list[CountMention]:
    """Give each casualty count to the ASSAULT (or disaster, or crime) of its sentence
    nearest to it; return the
    counts of sentences that report no event at all ("148 people were treated for
    wounds, the minister said")."""
    doc = found.doc
    by_sentence: dict[int, list[Group]] = {}
    with_event = {group.sent.start for group in groups}
    orphans: list[CountMention] = []
    for group in groups:
        if group.type in _HARMFUL:
            by_sentence.setdefault(group.sent.start, []).append(group)
    for count in found.counts:
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


def _attach_orphans(clusters: list[Cluster], orphans: list[CountMention]) -> None:
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
    # different named persons hit; groups ("Americans", "NATO troops") may be the same people
    a_victims = a.persons_hit
    b_victims = b.persons_hit
    if a_victims and b_victims and not a_victims & b_victims:
        return False
    a_actors = {x.actor_id for x in a.actors if x.actor_id and not x.individual}
    b_actors = {x.actor_id for x in b.actors if x.actor_id and not x.individual}
    return not (a_actors and b_actors and not a_actors & b_actors)


def _territorial(mention: Mention) -> bool:
    """A place taken is another deed than the attack beside it ("seized a district while a
    bomb killed ten at a base"): their mentions are not grouped."""
    return "territory" in mention.entry.mode


def _toll_of(mention: Mention, groups: list[Group]) -> Group | None:
    """The disaster whose toll a casualty word tells, in a sentence that reports a disaster
    and no attack ("66 people died after floods hit the region", "a boiler exploded,
    killing four workers")."""
    if mention.type != "ASSAULT" or any(g.type == "ASSAULT" and not g.weak for g in groups):
        return None
    disasters = [g for g in groups if g.type == "DISASTER"]
    return min(
        disasters,
        key=lambda g: min(_distance(mention.head, m.head) for m in g.mentions),
        default=None,
    )


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


def _armed_damage(args: Args) -> bool:
    """A damage word with a weapon that did it and a thing it hit ("a bomb destroyed a
    branch of the bank", "the booth was destroyed by a grenade"): an attack of its own,
    not only the harm of one told elsewhere."""
    return bool(args.instruments and args.targets)


def _says_who(args: Args) -> bool:
    return bool(args.actors or args.victims or args.targets or args.instruments or args.counted)


# Clusters of a type a new mention is compared with: the latest ones and the most salient.
# An ordinary article has a few; a very long text (a digest of a thousand reports) would
# otherwise compare every mention with every event before it.
RECENT_CLUSTERS = 64


def _merge(groups: list[Group]) -> list[Cluster]:
    clusters: list[Cluster] = []
    by_type: dict[str, list[Cluster]] = {}
    salient: dict[str, Cluster] = {}  # per type, the first of the most salient clusters
    for group in groups:
        args = group.args()
        modality = group.modality
        best: Cluster | None = None
        best_score = 0
        if not group.other:
            same_type = by_type.get(group.type, [])
            most_salient = salient.get(group.type)
            candidates = same_type[-RECENT_CLUSTERS:]
            if most_salient is not None and most_salient not in candidates:
                candidates = [most_salient, *candidates]
            for cluster in candidates:
                if not _compatible(cluster.args, cluster.modality, args, modality):
                    continue
                if _territorial(cluster.groups[0].strong[0]) != _territorial(group.strong[0]):
                    continue  # a place taken and an attack: two deeds
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
            _note_salience(salient, clusters, best)
            factual = modality in _FACTUAL and best.modality in _FACTUAL
            if factual and _FACT_ORDER.index(modality) < _FACT_ORDER.index(best.modality):
                best.modality = modality  # the most factual reading: occurred > claimed > …
        elif (not group.join_only or _armed_damage(args)) and (
            not group.weak or group.counts or _says_who(args)
        ):
            # a casualty word alone makes an event only with someone or some number in it
            cluster = Cluster([group], args, modality)
            clusters.append(cluster)
            by_type.setdefault(cluster.type, []).append(cluster)
            _note_salience(salient, clusters, cluster)
    return _fold_tolls(clusters)


def _fold_tolls(clusters: list[Cluster]) -> list[Cluster]:
    """A casualty word with a number and no one named, left alone ("Of the 130 injured, 77
    were women"), tells the toll of the article's main attack when it has one that
    occurred and nothing sets them apart; only without one is it an event of its own."""
    tolls = [
        c
        for c in clusters
        if c.type == "ASSAULT" and len(c.groups) == 1 and c.groups[0].weak and not _says_who(c.args)
    ]
    if not tolls:
        return clusters
    attacks = [
        c for c in clusters if c.type == "ASSAULT" and c.modality in _FACTUAL and c not in tolls
    ]
    main = max(attacks, key=lambda c: c.salience(), default=None)
    if main is None:
        return clusters
    folded = []
    for toll in tolls:
        if _compatible(main.args, main.modality, toll.args, toll.modality):
            main.groups.append(toll.groups[0])
            main.args.merge(toll.args)
            folded.append(toll)
    return [c for c in clusters if c not in folded]


def _note_salience(salient: dict[str, Cluster], clusters: list[Cluster], grown: Cluster) -> None:
    """Keep ``salient[type]`` the first cluster of the highest salience (salience only grows)."""
    held = salient.get(grown.type)
    if held is None or held is grown:
        salient[grown.type] = grown
        return
    mine, theirs = grown.salience(), held.salience()
    if mine > theirs or (mine == theirs and clusters.index(grown) < clusters.index(held)):
        salient[grown.type] = grown
