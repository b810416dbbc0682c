"""Stage actors: who acts in the article, every mention of each merged into one actor.

What counts as an actor:
- Entries of the actor dictionary (``knowledge/actors.yaml`` and the per-country entries):
  "Islamic State", "IS", "Daesh" → one actor (ref ``isis``); "ISIS-K" is another (``iskp``,
  parent ``isis``).  Country names are the state when they act ("Iran has vowed"), not when
  they are where something happens ("bombings in Iran": the places stage has those).
  Capitals and seats of government are the government only when acting or speaking
  ("Tehran has accused…", "the White House said"); demonyms name an entry together with a
  noun ("Iranian authorities" → IRN.gov, "Iranian state TV" → IRN.media).
- People (spaCy PERSON), with the role and affiliation the text gives them: "White House
  spokesman John Kirby" → person John Kirby, role "spokesman", affiliation the US
  government; "First Vice President Mohammad Mokhber" with no country in the words takes
  the article's main country.  Later surnames ("Raisi") are the same person.
- Organisations spaCy finds that the dictionary lacks (kind guessed from their name), and
  named communities written as nouns ("Shiites", "Iranians": kind civilians).
- Definite descriptions referring back to an organisation: "the group", "the extremist
  Sunni Muslim group", "the militants" → the nearest armed group named before.

Not actors: generic groups of people ("gunmen", "children", "worshippers", "two of its
members").  The events stage keeps them as argument spans without an actor (``Arg`` with
``individual=True`` for perpetrators): they are nobody's identity across articles.

Later stages use ``actor_at(found, start, end)`` and ``actors_in(found, start, end)``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from eventwire.knowledge.actors import (
    DEMONYM,
    METONYM,
    PEOPLE,
    Dictionary,
    Entry,
    Pattern,
    dictionary,
    matcher,
)
from eventwire.model import Actor, ActorKind
from eventwire.pipeline import Findings

__all__ = ["actor_at", "actors_in", "extract"]

# Prepositions after which a country or capital is where something happens, not who acts.
LOCATIVE = frozenset(
    [
        "in",
        "at",
        "near",
        "from",
        "to",
        "into",
        "inside",
        "outside",
        "across",
        "around",
        "throughout",
        "within",
        "toward",
        "towards",
        "via",
        "through",
        "off",
        "along",
        "beyond",
        "onto",
        "over",
        "under",
        "across",
    ]
)
# Prepositions after which a capital still acts: "talks with Tehran", "pressure on Moscow".
RELATIONAL = frozenset(
    ["by", "against", "with", "between", "for", "toward", "towards", "on", "upon", "versus", "vs."]
)
# Verbs whose direct object is a government, not a destination: "urged Tehran to…".
RELATION_VERBS = frozenset(
    [
        "accuse",
        "urge",
        "warn",
        "blame",
        "condemn",
        "criticize",
        "criticise",
        "sanction",
        "pressure",
        "threaten",
        "support",
        "back",
        "ask",
        "call",
        "tell",
        "punish",
        "hold",
        "thank",
        "praise",
        "press",
        "persuade",
        "convince",
        "fight",
        "defeat",
        "attack",
        "engage",
        "join",
        "oppose",
        "reject",
        "rebuke",
        "denounce",
        "deter",
        "confront",
        "help",
        "aid",
    ]
)
# Nouns of places: "Tehran province", "the Iran border" are places.
PLACE_NOUNS = frozenset(
    [
        "province",
        "city",
        "capital",
        "border",
        "borders",
        "region",
        "district",
        "county",
        "state",
        "airport",
        "port",
        "street",
        "streets",
        "suburb",
        "outskirts",
        "area",
        "areas",
        "embassy",
        "consulate",
        "skies",
        "airspace",
        "coast",
        "highway",
        "road",
        "time",
    ]
)
# "Tehran-backed militias": the capital acts.
AGENT_PARTICIPLES = frozenset(
    [
        "backed",
        "led",
        "allied",
        "aligned",
        "funded",
        "supported",
        "sponsored",
        "controlled",
        "armed",
        "trained",
        "brokered",
        "imposed",
        "ordered",
    ]
)
# Verbs of motion: after them "to Iran" is a destination.
MOTION_VERBS = frozenset(
    [
        "go",
        "come",
        "travel",
        "fly",
        "return",
        "send",
        "deploy",
        "move",
        "flee",
        "arrive",
        "head",
        "bring",
        "take",
        "deliver",
        "ship",
        "export",
        "extend",
        "spread",
        "expand",
        "migrate",
        "relocate",
        "transfer",
        "smuggle",
        "trip",
        "visit",
        "journey",
        "flight",
        "route",
        "way",
    ]
)
DETERMINERS = frozenset(
    ["the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"]
)
POSSESSIVE = frozenset(("'s", "’s", "'", "’"))


# ---- per-article working data ------------------------------------------------------------


@dataclass
class _Cand:
    """A dictionary match (tokens start:end) and the entry it names."""

    start: int
    end: int
    ref: str
    how: str
    rank: int
    country: str | None = None  # the country named, for country words
    forced: bool = False  # kept whatever the filters say (a person's affiliation)


@dataclass
class _Info:
    """What an actor of this article is, before it gets its id."""

    key: str
    name: str
    kind: str
    country: str | None = None
    ref: str | None = None
    parent: str | None = None
    role: str | None = None
    affiliation: str | None = None  # key of another _Info
    first: int = 1 << 30  # char offset of the first mention
    referenced: int = 1 << 30  # char offset of the first person affiliated with it
    mentions: set[tuple[int, int]] = field(default_factory=set)


class _Article:
    """The state of the stage on one article."""

    def __init__(self, found: Findings):
        from eventwire.truecase import is_shouting

        self.found = found
        self.doc: Doc = found.doc
        self.text = found.text
        self.d: Dictionary = dictionary()
        self.shouting = is_shouting(self.text)
        self.words = [t.lower_ for t in self.doc]
        self.infos: dict[str, _Info] = {}
        self.cands: list[_Cand] = []  # every dictionary match, before any filter
        self.used: set[int] = set()  # tokens that belong to a mention or a role
        self.sent_starts = (
            [s.start for s in self.doc.sents] if self.doc.has_annotation("SENT_START") else [0]
        )

    # -- helpers ---------------------------------------------------------------------------

    def written(self, start: int, end: int) -> list[str]:
        """The tokens start:end as written in the article (not truecased)."""
        return [self.text[t.idx : t.idx + len(t)] for t in self.doc[start:end]]

    def sentence_of(self, i: int) -> int:
        return bisect_right(self.sent_starts, i) - 1

    def info(self, key: str, entry: Entry | None = None, **fields) -> _Info:
        found = self.infos.get(key)
        if found is None:
            if entry is not None:
                found = _Info(
                    key=key,
                    name=entry.name,
                    kind=entry.kind,
                    country=entry.country,
                    ref=entry.ref,
                    parent=entry.parent,
                )
            else:
                found = _Info(key=key, name=fields.pop("name"), kind=fields.pop("kind"))
            self.infos[key] = found
        for name, value in fields.items():
            if value is not None and getattr(found, name) is None:
                setattr(found, name, value)
        return found

    def entry_info(self, ref: str) -> _Info:
        return self.info(ref, self.d.get(ref))

    def mention(self, key: str, start: int, end: int) -> None:
        """Tokens start:end mention the actor ``key``."""
        if end <= start:
            return
        info = self.infos[key]
        a = self.doc[start].idx
        b = self.doc[end - 1].idx + len(self.doc[end - 1])
        info.mentions.add((a, b))
        info.first = min(info.first, a)
        self.used.update(range(start, end))

    def free(self, start: int, end: int) -> bool:
        return not any(i in self.used for i in range(start, end))

    def phrase_ending(self, table: dict, end: int, longest: int = 5) -> int:
        """Length of the longest phrase of ``table`` ending at token ``end`` (0 if none)."""
        for k in range(min(longest, end), 0, -1):
            if tuple(self.words[end - k : end]) in table:
                return k
        return 0

    def phrase_starting(self, table: dict, start: int, longest: int = 5) -> int:
        n = len(self.words)
        for k in range(min(longest, n - start), 0, -1):
            if tuple(self.words[start : start + k]) in table:
                return k
        return 0


# ---- dictionary candidates ------------------------------------------------------------------


def _candidates(art: _Article) -> list[_Cand]:
    """Every dictionary match whose case fits, plus country words extended by their noun."""
    d = art.d
    out: list[_Cand] = []
    for start, end, patterns in matcher()(art.words):
        written = art.written(start, end)
        ok = [p for p in patterns if p.case_ok(written, art.shouting)]
        if not ok:
            continue
        for p in _distinct(ok):
            entry = d.get(p.ref)
            country = entry.country if entry and entry.generated else None
            out.append(_Cand(start, end, p.ref, p.how, p.rank, country))
            if entry is not None and entry.generated and p.how != PEOPLE and "." not in p.ref:
                out.extend(_extensions(art, start, end, p))
    return out


def _distinct(patterns: list[Pattern]) -> list[Pattern]:
    """One pattern per (ref, how), best rank first."""
    seen: set[tuple[str, str]] = set()
    out = []
    for p in sorted(patterns, key=lambda p: p.rank):
        if (p.ref, p.how) not in seen:
            seen.add((p.ref, p.how))
            out.append(p)
    return out


def _extensions(art: _Article, start: int, end: int, p: Pattern) -> list[_Cand]:
    """ "Iranian" + "authorities" → IRN.gov; "the government of" + "Iran" → IRN.gov."""
    d = art.d
    out = []
    after = end
    if after < len(art.words) and art.words[after] in POSSESSIVE:
        after += 1
    k = art.phrase_starting(d.country_nouns, after)
    if k:
        suffix = d.country_nouns[tuple(art.words[after : after + k])]
        ref = p.ref if suffix == "state" else f"{p.ref}.{suffix}"
        if suffix != "state" or p.how == DEMONYM:
            out.append(_Cand(start, after + k, ref, "name", p.rank, p.ref))
    if p.how != DEMONYM and start >= 2 and art.words[start - 1] == "of":
        k = art.phrase_ending(d.of_nouns, start - 1)
        if k:
            begin = start - 1 - k
            if begin > 0 and art.words[begin - 1] == "the":
                begin -= 1
            suffix = d.of_nouns[tuple(art.words[start - 1 - k : start - 1])]
            out.append(_Cand(begin, end, f"{p.ref}.{suffix}", "name", p.rank, p.ref))
    return out


def _resolve(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates, longest first, then best rank."""
    chosen: list[_Cand] = []
    taken: set[int] = set()
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.rank, c.start)):
        if not any(i in taken for i in range(c.start, c.end)):
            chosen.append(c)
            taken.update(range(c.start, c.end))
    return sorted(chosen, key=lambda c: c.start)


# ---- syntax tests for countries and capitals ----------------------------------------------------


def _head(art: _Article, c: _Cand) -> Token:
    span = art.doc[c.start : c.end]
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    return root


def _is_place(art: _Article, c: _Cand) -> bool:
    """A country or capital used as a location: "in Iran", "Tehran province", "Kabul-based"."""
    root = _head(art, c)
    if root.dep_ == "pobj" and root.head.lower_ in LOCATIVE:
        prep = root.head
        # "loyalty to Iran", "a threat to Iran" act; "troops sent to Iran" is a place
        return prep.lower_ != "to" or prep.head.lemma_.lower() in MOTION_VERBS
    if root.dep_ in ("compound", "nmod") and root.head.lower_ in PLACE_NOUNS:
        return True
    words = art.words
    return c.end + 1 < len(words) and words[c.end] == "-" and words[c.end + 1] in ("based", "born")


def _is_acting(art: _Article, c: _Cand) -> bool:
    """A capital or seat that acts or speaks: subject, possessor, agent, relational object."""
    words = art.words
    if c.end + 1 < len(words) and words[c.end] == "-" and words[c.end + 1] in AGENT_PARTICIPLES:
        return True
    root = _head(art, c)
    dep = root.dep_
    if dep in ("nsubj", "nsubjpass", "csubj", "poss", "agent"):
        return True
    if dep == "pobj":
        prep = root.head
        if prep.lower_ == "by" or prep.lower_ in RELATIONAL:
            return True
    return dep in ("dobj", "dative") and root.head.lemma_.lower() in RELATION_VERBS


# ---- persons, roles, affiliations ------------------------------------------------------------


@dataclass
class _Person:
    start: int  # the name (with honorifics), without role words
    end: int
    ref: str | None = None
    role: tuple[int, int] | None = None
    role_cls: str | None = None
    aff: _Cand | None = None
    aff_org: tuple[int, int] | None = None  # an ORG entity (tokens) the person works for


def _trim_person(art: _Article, start: int, end: int) -> tuple[int, int, tuple[int, int] | None]:
    """Strip role words from the front of a PERSON entity and "'s" from its end."""
    d = art.d
    role = None
    i = start
    while i < end:
        k = art.phrase_starting(d.roles, i)
        if k and i + k < end:
            role = (role[0] if role else i, i + k)
            i += k
        elif art.words[i] in d.role_modifiers and i + 1 < end and role is None:
            i += 1
        else:
            break
    if role is None:
        i = start
    while end > i and (art.words[end - 1] in POSSESSIVE or not art.doc[end - 1].is_alpha):
        end -= 1
    return i, end, role


def _role_before(art: _Article, start: int) -> tuple[int, int, str] | None:
    """A role right before token ``start``: "First Vice President", "White House spokesman"."""
    d = art.d
    i = start
    while i > 0 and art.phrase_ending(d.honorifics, i):
        i -= art.phrase_ending(d.honorifics, i)
    end = i
    cls = None
    while i > 0:
        k = art.phrase_ending(d.roles, i)
        if k:
            found = d.roles[tuple(art.words[i - k : i])]
            cls = found if cls is None or cls == "any" else cls
            i -= k
        elif art.words[i - 1] in d.role_modifiers and cls is not None:
            i -= 1
        else:
            break
    if cls is None:
        return None
    return i, end, cls


def _role_after(art: _Article, start: int) -> tuple[int, int, str] | None:
    """A role starting at token ``start``: "chief commander", "senior fellow"."""
    d = art.d
    i = start
    last = None
    cls = None
    n = len(art.words)
    while i < n:
        k = art.phrase_starting(d.roles, i)
        if k:
            found = d.roles[tuple(art.words[i : i + k])]
            cls = found if cls is None or cls == "any" else cls
            i += k
            last = i
        elif art.words[i] in d.role_modifiers:
            i += 1
        else:
            break
    if last is None:
        return None
    return start, last, cls or "any"


def _cand_ending(by_end: dict[int, list[_Cand]], end: int) -> _Cand | None:
    cands = by_end.get(end)
    return max(cands, key=lambda c: (c.end - c.start, -c.rank)) if cands else None


def _cand_starting(by_start: dict[int, list[_Cand]], start: int) -> _Cand | None:
    cands = by_start.get(start)
    return max(cands, key=lambda c: (c.end - c.start, -c.rank)) if cands else None


def _persons(art: _Article, cands: list[_Cand]) -> list[_Person]:
    """PERSON entities and dictionary persons, with roles and affiliations."""
    d = art.d
    doc = art.doc
    spans: list[tuple[int, int, tuple[int, int] | None]] = []
    curated = [c for c in cands if not c.ref[:3].isupper()]
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        # an organisation of the dictionary tagged PERSON stays an organisation
        if any(
            c.start <= ent.start and c.end >= ent.end and d.get(c.ref).kind != "person"
            for c in curated
        ):
            continue
        s, e, role = _trim_person(art, ent.start, ent.end)
        if e > s and any(art.doc[i].is_alpha for i in range(s, e)):
            spans.append((s, e, role))
    for c in curated:
        if d.get(c.ref).kind == "person":
            spans.append((c.start, c.end, None))
    # longest first, no overlaps
    spans.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    taken: set[int] = set()
    people: list[_Person] = []
    for s, e, role in spans:
        if any(i in taken for i in range(s, e)):
            continue
        taken.update(range(s, e))
        person = _Person(s, e)
        inside = [
            c for c in curated if c.start >= s and c.end <= e and d.get(c.ref).kind == "person"
        ]
        if inside:
            person.ref = max(inside, key=lambda c: c.end - c.start).ref
        if role:
            person.role = role
            person.role_cls = d.roles.get(tuple(art.words[role[0] : role[1]]), "any")
        people.append(person)
    people.sort(key=lambda p: p.start)

    by_end: dict[int, list[_Cand]] = {}
    by_start: dict[int, list[_Cand]] = {}
    for c in cands:
        by_end.setdefault(c.end, []).append(c)
        by_start.setdefault(c.start, []).append(c)
    orgs_end = {e.end: (e.start, e.end) for e in doc.ents if e.label_ == "ORG"}
    orgs_start = {e.start: (e.start, e.end) for e in doc.ents if e.label_ == "ORG"}
    words = art.words
    for person in people:
        # role and affiliation before the name
        if person.role is None:
            found = _role_before(art, person.start)
            if found:
                person.role = (found[0], found[1])
                person.role_cls = found[2]
        if person.role is not None:
            at = person.role[0]
            if at > 0 and words[at - 1] in POSSESSIVE:
                at -= 1
            person.aff = _cand_ending(by_end, at)
            if person.aff is None:
                org = orgs_end.get(at)
                if org and org[1] - org[0] >= 1:
                    person.aff_org = org
            if person.aff is None and person.aff_org is None:
                _after(art, person, by_start, orgs_start, person.end)
        else:
            _after(art, person, by_start, orgs_start, person.end)
    return people


def _after(art, person: _Person, by_start, orgs_start, at: int) -> None:
    """ ", chief commander of the Quds Force" / " from the Washington Institute"."""
    words = art.words
    n = len(words)
    i = at
    if i < n and words[i] == ",":
        i += 1
        if i < n and words[i] in ("the", "a", "an"):
            i += 1
        aff = _cand_starting(by_start, i)
        if aff is not None and not _plain_state(art, aff):
            j = aff.end
            if j < n and words[j] in POSSESSIVE:
                j += 1
            role = _role_after(art, j)
            if role:
                person.role, person.role_cls, person.aff = (role[0], role[1]), role[2], aff
                return
        role = _role_after(art, i)
        if role is None:
            return
        person.role, person.role_cls = (role[0], role[1]), role[2]
        i = role[1]
    if i < n and words[i] in ("of", "at", "for", "from", "with"):
        i += 1
        if i < n and words[i] == "the":
            i += 1
        aff = _cand_starting(by_start, i)
        if aff is not None and not _plain_state(art, aff):
            person.aff = aff
        elif i in orgs_start:
            person.aff_org = orgs_start[i]


def _plain_state(art: _Article, c: _Cand) -> bool:
    return c.ref[:3].isupper() and "." not in c.ref and c.how != METONYM


# ---- the stage ----------------------------------------------------------------------------------


def extract(found: Findings) -> None:
    """Find the actors of the article and add them to ``found.actors``."""
    art = _Article(found)
    d = art.d
    cands = art.cands = _candidates(art)

    # Dictionary matches that are only part of a longer proper name ("Washington" in
    # "Washington Institute…", "National Resistance" in "National Resistance Front").
    cands = [c for c in cands if not _inside_longer_name(art, c)]

    # Context: the country the article is mostly about (every country word counts).
    counts: dict[str, int] = {}
    firsts: dict[str, int] = {}
    for c in cands:
        entry = d.get(c.ref)
        country = entry.country if entry else None
        if country:
            counts[country] = counts.get(country, 0) + 1
            firsts.setdefault(country, c.start)
    main_country = max(counts, key=lambda k: (counts[k], -firsts[k])) if counts else None

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

    # Dictionary mentions.
    for c in chosen:
        is_aff = id(c) in forced
        if c.how == DEMONYM and not is_aff:
            continue  # "Iranian" alone is not an actor; it gave context above
        if c.how == METONYM and not is_aff and not _is_acting(art, c):
            continue
        if _plain_state(art, c) and c.how != DEMONYM and not is_aff and _is_place(art, c):
            continue
        ref = c.ref
        if is_aff and _plain_state(art, c):
            continue  # resolved with the person (the country's government or military)
        art.entry_info(ref)
        art.mention(ref, c.start, c.end)

    # Persons.
    for p in people:
        _add_person(art, p, main_country)
    _surnames(art, people)

    # Organisations and communities spaCy finds that the dictionary lacks.
    _organisations(art, chosen)
    _communities(art)

    # "the group", "the militants" → the organisation named last.
    _group_references(art)

    found.actors.extend(_build(art))


def _inside_longer_name(art: _Article, c: _Cand) -> bool:
    """A match inside a longer capitalised name of spaCy's (an ORG, FAC or PERSON)."""
    if art.shouting:
        return False
    d = art.d
    entry = d.get(c.ref)
    for ent in art.doc.ents:
        if ent.start > c.start or ent.end < c.end or (ent.start, ent.end) == (c.start, c.end):
            continue
        if ent.label_ == "PERSON":
            return entry is not None and (entry.generated or c.how == METONYM)
        if ent.label_ not in ("ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"):
            return False
        extra = [
            t
            for t in ent
            if (t.i < c.start or t.i >= c.end)
            and t.lower_ not in DETERMINERS
            and t.lower_ not in POSSESSIVE
            and t.is_alpha
        ]
        written = [art.text[t.idx : t.idx + len(t)] for t in extra]
        return any(w[:1].isupper() for w in written) and not all(
            art.words[t.i] in ("group", "militants") for t in extra
        )
    return False


def _affiliation_key(art: _Article, p: _Person, country: str | None) -> str | None:
    """The key of the actor a person works for, creating it when needed."""
    d = art.d
    if p.aff is not None:
        c = p.aff
        if _plain_state(art, c) or c.how == DEMONYM:
            suffix = {"mil": "mil", "pol": "pol"}.get(p.role_cls or "", "gov")
            ref = f"{c.country or c.ref}.{suffix}"
            art.entry_info(ref)
            art.mention(ref, c.start, c.end)
            return ref
        art.entry_info(c.ref)
        art.mention(c.ref, c.start, c.end)
        return c.ref
    if p.aff_org is not None:
        return _org(art, *p.aff_org)
    entry = d.get(p.ref)
    if entry is not None and entry.affiliation:
        art.entry_info(entry.affiliation)
        return entry.affiliation
    if p.role_cls in ("gov", "mil", "pol") and country:
        ref = f"{country}.{p.role_cls}"
        if d.get(ref):
            art.entry_info(ref)
            return ref
    return None


def _add_person(art: _Article, p: _Person, main_country: str | None) -> None:
    d = art.d
    entry = d.get(p.ref)
    name_start = p.start
    while name_start < p.end - 1 and art.phrase_starting(d.honorifics, name_start):
        name_start += art.phrase_starting(d.honorifics, name_start)
    name = art.doc[name_start : p.end].text if entry is None else entry.name
    key = p.ref or _person_key(art, name)
    role = art.doc[p.role[0] : p.role[1]].text if p.role else None
    context = None
    if p.aff is None and p.aff_org is None and entry is None:
        context = _sentence_country(art, p.start) or main_country
    aff = _affiliation_key(art, p, context)
    aff_info = art.infos.get(aff) if aff else None
    country = (entry.country if entry else None) or (aff_info.country if aff_info else None)
    info = art.info(key, entry, name=name, kind="person", role=role, country=country)
    if aff and info.affiliation is None:
        info.affiliation = aff
    if role and info.role is None:
        info.role = role
    art.mention(key, p.start, p.end)
    if p.role:
        art.used.update(range(*p.role))
    if aff_info is not None:
        aff_info.referenced = min(aff_info.referenced, art.doc[p.start].idx)


def _person_key(art: _Article, name: str) -> str:
    """ "person:ebrahim raisi"; a bare surname joins the person first named with it."""
    words = name.split()
    for key, info in art.infos.items():
        if info.kind != "person":
            continue
        known = info.name.split()
        if len(words) == 1 and known and known[-1] == words[0]:
            return key
        if info.name == name:
            return key
    return "person:" + name.lower()


def _sentence_country(art: _Article, i: int) -> str | None:
    """The one country named before token ``i`` in its sentence, if exactly one."""
    s = art.sent_starts[art.sentence_of(i)]
    seen = set()
    for info in art.infos.values():
        if info.country and info.kind != "person":
            for a, _b in info.mentions:
                if art.doc[s].idx <= a < art.doc[i].idx:
                    seen.add(info.country)
    return seen.pop() if len(seen) == 1 else None


def _surnames(art: _Article, people: list[_Person]) -> None:
    """Later bare surnames of known persons, whatever spaCy tagged them as."""
    surnames: dict[str, str] = {}
    for key, info in art.infos.items():
        if info.kind == "person" and info.mentions:
            for a, b in info.mentions:
                last = art.text[a:b].split()[-1]
                if len(last) >= 3 and last[:1].isupper():
                    if surnames.get(last, key) != key:
                        surnames[last] = ""  # two persons share it: ambiguous
                    else:
                        surnames[last] = key
    if not surnames:
        return
    for tok in art.doc:
        if tok.i in art.used:
            continue
        written = art.text[tok.idx : tok.idx + len(tok)]
        key = surnames.get(written)
        if key:
            art.mention(key, tok.i, tok.i + 1)


def _org_kind(art: _Article, words: list[str]) -> str:
    text = " " + " ".join(words) + " "
    for phrase, kind in art.d.org_keywords:
        if " " + " ".join(phrase) + " " in text:
            return kind
    return "other"


def _org(art: _Article, start: int, end: int) -> str | None:
    """The key of the organisation spanning tokens start:end (an ORG entity)."""
    words = art.words
    while start < end and (words[start] in DETERMINERS):
        start += 1
    while end > start and (words[end - 1] in POSSESSIVE or not art.doc[end - 1].is_alpha):
        if art.doc[end - 1].text in (")",):
            break
        end -= 1
    if end <= start:
        return None
    span = art.doc[start:end]
    name = art.text[span.start_char : span.end_char]
    lower = name.lower()
    if lower in art.d.not_actors or "." in name.replace("U.S.", "").replace("U.N.", "")[-5:]:
        return None
    outlet = (art.found.article.outlet or "").lower()
    if outlet and lower in (outlet, outlet.split(".")[0]):
        return None
    if end - start == 1:
        tok = art.doc[start]
        written = name
        if (
            not written[:1].isupper()
            or words[start] in art.d.role_modifiers
            or (words[start],) in art.d.roles
            or (words[start],) in art.d.honorifics
            or tok.is_stop
        ):
            return None
    key = "org:" + lower
    for k in art.infos:  # "the Washington Institute" after its full name
        if k.startswith("org:") and (k == key or (end - start >= 2 and k.startswith(key + " "))):
            key = k
            break
    country = None
    for c in _candidates_in(art, start, end):
        entry = art.d.get(c.ref)
        if entry is not None and entry.country:
            country = entry.country
            break
    art.info(key, name=name, kind=_org_kind(art, words[start:end]), country=country)
    art.mention(key, start, end)
    return key


def _candidates_in(art: _Article, start: int, end: int) -> list[_Cand]:
    return [c for c in art.cands if c.start >= start and c.end <= end]


def _organisations(art: _Article, chosen: list[_Cand]) -> None:
    doc = art.doc
    acronyms: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ != "ORG" or not art.free(ent.start, ent.end):
            continue
        key = _org(art, ent.start, ent.end)
        if key is None:
            continue
        # "Farabundo Front (FF)": the acronym names the same organisation from now on
        j = ent.end
        if j + 2 < len(doc) and doc[j].text in ("(", "[") and doc[j + 2].text in (")", "]"):
            acronym = art.text[doc[j + 1].idx : doc[j + 1].idx + len(doc[j + 1])]
            if acronym.isupper() and len(acronym) >= 2:
                acronyms[acronym] = key
    if acronyms:
        for tok in doc:
            written = art.text[tok.idx : tok.idx + len(tok)]
            if written in acronyms and tok.i not in art.used:
                art.mention(acronyms[written], tok.i, tok.i + 1)


def _communities(art: _Article) -> None:
    """Named communities as nouns: "Shiites", "Kurds" (civilians, no country)."""
    for ent in art.doc.ents:
        if ent.label_ != "NORP" or not art.free(ent.start, ent.end):
            continue
        root = ent.root
        if root.dep_ in ("amod", "compound", "nmod") or root.tag_ not in ("NNPS", "NNS"):
            continue
        name = ent.text
        art.info("people:" + name.lower(), name=name, kind="civilians")
        art.mention("people:" + name.lower(), ent.start, ent.end)


ORG_KINDS = frozenset(("armed_group", "ngo", "igo", "other", "media"))


def _group_references(art: _Article) -> None:
    """ "the group" / "the extremist Sunni Muslim group" / "the militants" → last armed group."""
    d = art.d
    doc = art.doc
    mentions: list[tuple[int, str]] = []  # (token index, key) of organisations
    for key, info in art.infos.items():
        if info.kind in ORG_KINDS:
            for a, _b in info.mentions:
                mentions.append((a, key))
    if not mentions:
        return
    mentions.sort()
    starts = [a for a, _ in mentions]
    for tok in doc:
        plural = tok.lower_ in d.group_plurals
        if not (tok.lower_ in d.group_nouns or plural) or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if tok.i in art.used:
            continue
        left = tok.left_edge.i
        if doc[left].lower_ != "the" or not art.free(left, tok.i + 1):
            continue
        if any(ch.dep_ == "prep" and ch.lower_ == "of" for ch in tok.children):
            continue
        k = bisect_left(starts, doc[left].idx) - 1
        reach = 2 if plural else 3
        while k >= 0:
            a, key = mentions[k]
            info = art.infos[key]
            if art.sentence_of(doc.char_span(a, a + 1, alignment_mode="expand").start) < (
                art.sentence_of(tok.i) - reach
            ):
                k = -1
                break
            if info.kind == "armed_group" or (not plural and info.kind in ORG_KINDS):
                break
            k -= 1
        if k >= 0:
            art.mention(mentions[k][1], left, tok.i + 1)


# ---- building the actors and the index -------------------------------------------------------


def _build(art: _Article) -> list[Actor]:
    infos = [i for i in art.infos.values() if i.mentions or _referenced(art, i.key)]
    infos.sort(key=lambda i: i.first if i.mentions else i.referenced)
    ids = {info.key: f"A{n}" for n, info in enumerate(infos, 1)}
    actors = []
    text = art.text
    for info in infos:
        actors.append(
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
        )
    assert all(text[m.start : m.end] == m.text for a in actors for m in a.mentions)
    return actors


def _referenced(art: _Article, key: str) -> bool:
    return any(i.affiliation == key for i in art.infos.values() if i.mentions)


_INDEX = "eventwire.actors.index"


def _index(found: Findings) -> tuple[list[int], list[tuple[int, int, Actor]], int]:
    signature = tuple((id(a), len(a.mentions)) for a in found.actors)
    cached = found.doc.user_data.get(_INDEX)
    if cached is not None and cached[0] == signature:
        return cached[1]
    rows = sorted(
        ((m.start, m.end, a) for a in found.actors for m in a.mentions), key=lambda r: r[:2]
    )
    longest = max((b - a for a, b, _ in rows), default=0)
    built = ([r[0] for r in rows], rows, longest)
    found.doc.user_data[_INDEX] = (signature, built)
    return built


def _overlapping(found: Findings, start: int, end: int) -> list[tuple[int, int, Actor]]:
    starts, rows, longest = _index(found)
    end = max(end, start + 1)
    hi = bisect_left(starts, end)
    lo = bisect_left(starts, start - longest)
    return [r for r in rows[lo:hi] if r[1] > start]


def actor_at(found: Findings, start: int, end: int) -> Actor | None:
    """The actor mentioned at characters start:end of the article, or None.

    A mention containing the span wins; otherwise, among the mentions overlapping it, the
    one holding the syntactic head of the span ("White House spokesman John Kirby" →
    Kirby, "Iran's Revolutionary Guard Corps" → the IRGC), else the longest overlap.
    Indexed per article: a few microseconds a call.
    """
    rows = _overlapping(found, start, end)
    if not rows:
        return None
    if len(rows) == 1:
        return rows[0][2]
    containing = [r for r in rows if r[0] <= start and r[1] >= end]
    if containing:
        return min(containing, key=lambda r: r[1] - r[0])[2]
    span = found.doc.char_span(start, end, alignment_mode="expand")
    if span is not None and len(span):
        head = span.root.idx
        for r in rows:
            if r[0] <= head < r[1]:
                return r[2]
    return max(rows, key=lambda r: (min(r[1], end) - max(r[0], start), r[0]))[2]


def actors_in(found: Findings, start: int, end: int) -> list[Actor]:
    """Every actor with a mention overlapping characters start:end, in order of mention."""
    out: dict[int, Actor] = {}
    for _a, _b, actor in _overlapping(found, start, end):
        out.setdefault(id(actor), actor)
    return list(out.values())
