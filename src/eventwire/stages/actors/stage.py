"""The actors stage: dictionary matches, persons, organisations and references, built
into the article's ``Actor`` list.
"""

from __future__ import annotations

from eventwire.findings import Findings
from eventwire.knowledge.actors import (
    BLOCK,
    DEMONYM,
    METONYM,
)
from eventwire.model import Actor, ActorKind
from eventwire.stages.actors.article import _Article
from eventwire.stages.actors.groups import (
    _communities,
    _group_references,
    _institutions,
    _organisations,
)
from eventwire.stages.actors.names import (
    _candidates,
    _inside_longer_name,
    _is_acting,
    _is_place,
    _plain_state,
    _resolve,
)
from eventwire.stages.actors.persons import _add_person, _persons, _surname_mentions
from eventwire.text.datelines import dateline_dash

# ---- the stage ----------------------------------------------------------------------------------


def extract(found: Findings) -> None:
    """Find the actors of the article and add them to ``found.actors``."""
    art = _Article(found)
    d = art.d
    cands = _candidates(art)
    blocks = [c for c in cands if c.how == BLOCK]
    if blocks:  # "New Jersey" names no country, "Central American" no American
        cands = [
            c
            for c in cands
            if c.how == BLOCK or not any(b.start <= c.start and c.end <= b.end for b in blocks)
        ]
    art.cands = cands
    art.covered = {i for c in cands if c.how != BLOCK for i in range(c.start, c.end)}
    # Matches that are only part of a longer name ("Washington" in "Washington Institute").
    cands = [c for c in cands if not _inside_longer_name(art, c)]

    # Context: every country word counts, wherever it stands; the dateline's three times
    # ("PESHAWAR, Pakistan —" says where the story is, whatever the story mentions later).
    dash = dateline_dash(found.text)
    counts: dict[str, int] = {}
    counted: dict[str, int] = {}  # country → end of the last word counted for it
    for c in sorted(cands, key=lambda c: (c.start, -c.end)):
        entry = d.get(c.ref)
        if entry is None or not entry.country or entry.kind == "person":
            continue
        art.marks.append((c.start, entry.country))
        if counted.get(entry.country, -1) <= c.start:  # "U.S. forces" counts once
            weight = 3 if dash and art.doc[c.start].idx < dash[0] else 1
            counts[entry.country] = counts.get(entry.country, 0) + weight
            counted[entry.country] = c.end
    if counts:
        best = max(counts.values())
        top = [country for _, country in sorted(art.marks) if counts[country] == best]
        if best >= 2:
            art.main_country = top[0]

    # Persons first: their role words and affiliations shape the rest.
    people = _persons(art, cands)
    person_tokens: set[int] = set()
    for p in people:
        person_tokens.update(range(p.start, p.end))
        if p.role:
            person_tokens.update(range(*p.role))
    forced = {id(p.aff) for p in people if p.aff is not None}
    kept = [
        c
        for c in cands
        if id(c) in forced or not any(i in person_tokens for i in range(c.start, c.end))
    ]
    chosen = _resolve(kept)
    for p in people:
        if p.aff is not None and p.aff not in chosen:
            chosen = [c for c in chosen if c.end <= p.aff.start or c.start >= p.aff.end]
            chosen.append(p.aff)
    chosen.sort(key=lambda c: c.start)
    for c in chosen:
        art.blocked.update(range(c.start, c.end))

    # Dictionary mentions.
    for c in chosen:
        if id(c) in forced or c.how in (BLOCK, DEMONYM):
            continue  # affiliations go with their person; "Iranian" alone gave context
        if c.how == METONYM and not _is_acting(art, c):
            continue
        if _plain_state(art, c) and _is_place(art, c):
            continue
        art.entry_info(c.ref)
        art.mention(c.ref, c.start, c.end)

    for p in people:
        _add_person(art, p)
    _surname_mentions(art)
    _institutions(art)
    _organisations(art)
    _communities(art)
    _group_references(art)
    found.actors.extend(_build(art))


# ---- building the actors -------------------------------------------------------


def _build(art: _Article) -> list[Actor]:
    referenced = {i.affiliation for i in art.infos.values() if i.mentions and i.affiliation}
    infos = [i for i in art.infos.values() if i.mentions or i.key in referenced]
    infos.sort(key=lambda i: i.first if i.mentions else i.referenced)
    ids = {info.key: f"A{n}" for n, info in enumerate(infos, 1)}
    return [
        Actor(
            id=ids[info.key],
            name=info.name,
            kind=ActorKind(info.kind),
            country=info.country,
            ref=info.ref,
            parent=info.parent,
            role=info.role,
            affiliation=ids.get(info.affiliation) if info.affiliation else None,
            mentions=[art.found.span(a, b) for a, b in sorted(info.mentions)],
        )
        for info in infos
    ]
