"""Stage actors: who acts in the article, every mention of each merged into one actor.

What counts as an actor:
- Entries of the actor dictionary (``knowledge/actors.yaml`` and the per-country entries):
  "Islamic State", "IS", "Daesh" → one actor (ref ``isis``); "ISIS-K" is another (``iskp``,
  parent ``isis``).  Country names are the state when they act ("Iran has vowed"), not when
  they are where something happens ("bombings in Iran": the places stage has those).
  Capitals and seats of government are the government only when acting or speaking
  ("Tehran has accused…", "the White House said"); demonyms name an entry together with a
  noun ("Iranian authorities" → IRN.gov, "Iranian state TV" → IRN.media, "Iranians" →
  IRN.civ); "the government", "the army" alone are those of the article's main country.
- People (spaCy PERSON, and the dictionary's few public figures), with the role and
  affiliation the text gives them: "White House spokesman John Kirby" → person John Kirby,
  role "spokesman", affiliation the US government; "First Vice President Mohammad Mokhber"
  with no country in the words takes the country named around him.  Later surnames
  ("Raisi") are the same person, whatever spaCy tagged them as.
- Organisations spaCy finds that the dictionary lacks (kind guessed from their name; an
  acronym in brackets after the name names it too), and named communities written as
  nouns ("Shiites", "Kurds": kind civilians).
- Definite descriptions referring back to an organisation: "the group", "the extremist
  Sunni Muslim group" → the nearest organisation named before; "the militants", "the
  terrorists" → the nearest armed group.

Not actors: generic groups of people ("gunmen", "children", "worshippers", "two of its
members").  The events stage keeps them as argument spans without an actor (``Arg`` with
``individual=True`` for perpetrators): they name nobody that other articles could share.

Mentions are names as written, without a leading "the"; descriptions ("The group", "The
government of Pakistan") keep their determiner.  Actor ids follow the first mention; an
actor only referred to as a person's affiliation (no mention) comes where that person is.

Later stages use ``actor_at(found, start, end)`` and ``actors_in(found, start, end)``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from operator import attrgetter

from spacy.tokens import Doc, Token

from eventwire.findings import Findings
from eventwire.knowledge.actors import (
    BLOCK,
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
from eventwire.stages import place_evidence
from eventwire.text.datelines import dateline_dash

__all__ = ["actor_at", "actors_in", "extract"]

DETERMINERS = frozenset(("the", "a", "an", "this", "that", "these", "those"))
POSSESSIVE = frozenset(("'s", "’s", "'", "’"))
NAME_ENTS = ("ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT")
INITIAL = re.compile(r"^[A-Z]\.$")
ORG_KINDS = frozenset(("armed_group", "ngo", "igo", "other", "media"))


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
    acronym: bool = False  # the alias is written in capitals ("US", "UAE")


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


@dataclass
class _Person:
    start: int  # the name (with honorifics), without role words
    end: int
    ref: str | None = None
    role: tuple[int, int] | None = None
    role_cls: str | None = None
    aff: _Cand | None = None
    aff_org: tuple[int, int] | None = None  # an ORG entity (tokens) the person works for


class _Article:
    """The state of the stage on one article."""

    def __init__(self, found: Findings):
        from spacy.attrs import IDX, LENGTH, LOWER, ORTH, SENT_START

        self.found = found
        self.doc: Doc = found.doc
        self.text = text = found.text
        self.d: Dictionary = dictionary()
        # token attributes in one array: no Token objects for the whole text
        rows = self.doc.to_array([IDX, LENGTH, LOWER, ORTH, SENT_START]).tolist()
        strings = self.doc.vocab.strings
        self.idx = [r[0] for r in rows]
        self.ends = [r[0] + r[1] for r in rows]
        self.tw = [text[a:b] for a, b in zip(self.idx, self.ends, strict=True)]  # as written
        self.words = [strings[r[2]] for r in rows]
        model = [strings[r[3]] for r in rows]  # as the model saw them (truecased)
        # ALL-CAPS wire copy: the model saw a truecased text
        self.shouting = model != self.tw
        self.caps = [w[:1].isupper() for w in (model if self.shouting else self.tw)]
        self.ents = list(self.doc.ents)
        self.ent_at = {i: ent for ent in self.ents for i in range(ent.start, ent.end)}
        self.infos: dict[str, _Info] = {}
        self.used: set[int] = set()  # tokens that belong to a mention or a role
        self.blocked: set[int] = set()  # tokens of dictionary matches: no spaCy names there
        self.cands: list[_Cand] = []  # every dictionary match, before any filter
        self.marks: list[tuple[int, str]] = []  # (token, country) of every country word
        self.main_country: str | None = None
        self.extra_orgs: list[tuple[int, int]] = []  # PERSON entities that are organisations
        self.covered: set[int] = set()  # tokens inside any dictionary match
        # sentence starts from the parser (none without one: the article is one sentence)
        self.sent_starts = [i for i, r in enumerate(rows) if i == 0 or r[4] == 1]
        self._surnames: tuple[int, dict[str, str]] = (-1, {})

    # -- helpers ---------------------------------------------------------------------------

    def w(self, name: str) -> frozenset[str]:
        """A word list of the dictionary (``words:`` in actors.yaml)."""
        return self.d.words.get(name, frozenset())

    def written(self, start: int, end: int) -> list[str]:
        """The tokens start:end as written in the article (not truecased)."""
        return self.tw[start:end]

    def capitalised(self, i: int) -> bool:
        """Token ``i`` is written with a capital (in ALL-CAPS copy: after truecasing)."""
        return self.caps[i]

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
        a = self.idx[start]
        b = self.ends[end - 1]
        info.mentions.add((a, b))
        info.first = min(info.first, a)
        self.used.update(range(start, end))

    def free(self, start: int, end: int) -> bool:
        return not any(i in self.used or i in self.blocked for i in range(start, end))

    def phrase_ending(self, table, end: int, longest: int = 5) -> int:
        """Length of the longest phrase of ``table`` ending at token ``end`` (0 if none)."""
        if end <= 0 or self.words[end - 1] not in _edge_words(table)[1]:
            return 0
        for k in range(min(longest, end), 0, -1):
            if tuple(self.words[end - k : end]) in table:
                return k
        return 0

    def phrase_starting(self, table, start: int, longest: int = 5) -> int:
        """Length of the longest phrase of ``table`` starting at token ``start``."""
        n = len(self.words)
        if start >= n or self.words[start] not in _edge_words(table)[0]:
            return 0
        for k in range(min(longest, n - start), 0, -1):
            if tuple(self.words[start : start + k]) in table:
                return k
        return 0


# ---- dictionary candidates ------------------------------------------------------------------


def _candidates(art: _Article) -> list[_Cand]:
    """Every dictionary match whose case fits, plus country words extended by their noun."""
    d = art.d
    out: list[_Cand] = []
    # match over the words without whitespace tokens: names run across line breaks
    keep = [i for i, w in enumerate(art.words) if w.strip()]
    for s, e, patterns in matcher()([art.words[i] for i in keep]):
        start, end = keep[s], keep[e - 1] + 1
        written = [art.tw[i] for i in keep[s:e]]
        ok = [p for p in patterns if p.case_ok(written, art.shouting)]
        if not ok:
            continue
        for p in _distinct(ok):
            entry = d.get(p.ref)
            country = entry.country if entry and entry.generated else None
            out.append(_Cand(start, end, p.ref, p.how, p.rank, country, 2 in p.caps))
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


def _plain_state(art: _Article, c: _Cand) -> bool:
    """A country name (not an institution of it, not a capital)."""
    return c.ref[:3].isupper() and "." not in c.ref and c.how not in (METONYM, PEOPLE)


def _curated(c: _Cand) -> bool:
    return bool(c.ref) and not c.ref[:3].isupper()


def _inside_longer_name(art: _Article, c: _Cand) -> bool:
    """A match that is only part of a longer name of spaCy's: "Washington" in "Washington
    Institute…", "Jordan" in "Michael Jordan", "National Resistance" in "National Resistance
    Front".  Not decided in ALL-CAPS copy, where spaCy's names are unreliable."""
    if art.shouting or c.how == BLOCK:
        return False
    entry = art.d.get(c.ref)
    ent = art.ent_at.get(c.start)
    if ent is not None:
        if ent.end < c.end or (ent.start, ent.end) == (c.start, c.end):
            return False
        if ent.label_ == "PERSON":
            if entry is not None and entry.kind == "person":
                return False
            # a seat of several words ending the name stays: "Obama White House"
            if c.end == ent.end and c.end - c.start >= 2 and not _plain_state(art, c):
                return False
            return entry is not None and (entry.generated or c.how == METONYM)
        if ent.label_ not in NAME_ENTS:
            return False
        # words of the entity outside the match, and not names of the dictionary themselves
        # ("Iran's Revolutionary Guard Corps" holds two names, not one longer name)
        extra = [
            t
            for t in ent
            if (t.i < c.start or t.i >= c.end)
            and t.i not in art.covered
            and t.lower_ not in DETERMINERS
            and t.lower_ not in POSSESSIVE
            and t.is_alpha
        ]
        return any(art.capitalised(t.i) for t in extra) and not all(
            art.words[t.i] in ("group", "militants", "forces", "fighters") for t in extra
        )
    return False


# ---- syntax tests for countries and capitals ----------------------------------------------------


def _head(art: _Article, c: _Cand) -> Token:
    root = art.doc[c.start : c.end].root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    return root


def _is_place(art: _Article, c: _Cand) -> bool:
    """A country or capital used as a location: "in Iran", "Tehran province", "Kabul-based",
    a dateline ("MACAU (Reuters) –")."""
    first = art.written(c.start, c.end)[0]
    if not art.shouting and not c.acronym and first.isupper() and len(first) > 1:
        entry = art.d.get(c.ref)
        if entry is not None and (entry.generated or c.how == METONYM):
            return True  # "TEHRAN, Iran —": a dateline in a mixed-case article
    root = _head(art, c)
    if root.dep_ == "pobj" and root.head.lower_ in art.w("locative"):
        prep = root.head
        # "loyalty to Iran", "a threat to Iran" act; "troops sent to Iran" is a place
        return prep.lower_ != "to" or prep.head.lemma_.lower() in art.w("motion_verbs")
    if root.dep_ in ("compound", "nmod") and root.head.lower_ in art.w("place_nouns"):
        return True
    words = art.words
    return c.end + 1 < len(words) and words[c.end] == "-" and words[c.end + 1] in ("based", "born")


def _is_acting(art: _Article, c: _Cand) -> bool:
    """A capital or seat that acts or speaks: subject, possessor, agent, relational object."""
    if _is_place(art, c):
        return False
    words = art.words
    if (
        c.end + 1 < len(words)
        and words[c.end] == "-"
        and words[c.end + 1] in art.w("agent_participles")
    ):
        return True
    root = _head(art, c)
    dep = root.dep_
    if dep in ("nsubj", "nsubjpass", "csubj", "poss", "agent"):
        return True
    if dep == "pobj" and root.head.lower_ in art.w("relational"):
        return True
    return dep in ("dobj", "dative") and root.head.lemma_.lower() in art.w("relation_verbs")


# ---- names found by spaCy ------------------------------------------------------------------------


def _name_ok(art: _Article, i: int, end: int) -> bool:
    """Token ``i`` can be part of a proper name."""
    word = art.words[i]
    if word in art.w("name_particles") or (not word.strip() and 0 < i < end - 1):
        return True  # "bin", "de"; a line break inside a name
    tok = art.doc[i]
    if tok.pos_ in ("VERB", "AUX") and i > 0:
        return False
    written = art.tw[i]
    if word in ("-", "&", "and", "of", "for", "the") and 0 < i < end - 1:
        return True
    if not (tok.is_alpha or INITIAL.match(written) or re.match(r"^\w[\w.'’-]*$", written)):
        return False
    if sum(c.isdigit() for c in written) >= 4:
        return False  # "DEV-MUC3-0001": a document number
    return art.capitalised(i) or written[:1].isdigit()


def _clean_name(art: _Article, start: int, end: int) -> tuple[int, int] | None:
    """The proper name inside spaCy's entity start:end: without a leading "the", cut at a
    possessive ("Breitbart's Joel Pollak" → Joel Pollak), a verb or a lower-case word."""
    words = art.words
    while start < end and (words[start] in DETERMINERS or not art.doc[start].text.strip()):
        start += 1
    for i in range(start, end):
        if words[i] in POSSESSIVE:
            # "Breitbart's Joel Pollak" → Joel Pollak; "Trump's 'Incredibly" → Trump
            after = _clean_name(art, i + 1, end)
            before = _clean_name(art, start, i)
            if after is None or (before is not None and after[1] - after[0] < 2):
                return before
            return after
    for i in range(start, end):
        if not _name_ok(art, i, end):
            end = i
            break
    while end > start and (
        words[end - 1] in art.w("name_particles") - {"jr.", "jr", "sr.", "sr"}
        or words[end - 1] in ("-", "&", "and", "of", "for", "the")
        or not (
            art.doc[end - 1].is_alpha
            or INITIAL.match(art.doc[end - 1].text)
            or art.doc[end - 1].text[:1].isalnum()
        )
    ):
        end -= 1
    if end <= start or not any(art.doc[i].is_alpha for i in range(start, end)):
        return None
    return start, end


def _is_place_name(art: _Article, start: int, end: int) -> bool:
    """ "Usulutan Department", "Pavon Prison", "Department of Bolivar", ("San Carlos")."""
    words = art.words
    if words[end - 1] in art.w("place_words"):
        return True
    if end - start >= 3 and words[start] in art.w("place_words") and words[start + 1] == "of":
        return True
    return art.shouting and words[start] in art.w("place_prefixes")


def _name_text(art: _Article, start: int, end: int) -> str:
    """The words start:end on one line (truecased in ALL-CAPS copy: "Rene Rodriguez")."""
    text = art.doc.text if art.shouting else art.text
    return " ".join(text[art.idx[start] : art.ends[end - 1]].split())


# ---- persons, roles, affiliations ------------------------------------------------------------


def _trim_person(art: _Article, start: int, end: int) -> tuple[int, int, tuple[int, int] | None]:
    """Strip role words from the front of a PERSON entity ("President Ebrahim Raisi")."""
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
    return i, end, role


def _role_cls(old: str | None, new: str) -> str:
    return new if old is None or old == "any" else old


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
            cls = _role_cls(cls, d.roles[tuple(art.words[i - k : i])])
            i -= k
        elif art.words[i - 1] in d.role_modifiers and cls is not None:
            i -= 1
        else:
            break
    return (i, end, cls) if cls is not None else None


def _role_after(art: _Article, start: int) -> tuple[int, int, str] | None:
    """A role starting at token ``start``: "chief commander", "senior fellow"."""
    d = art.d
    i = start
    last = None
    cls = None
    while i < len(art.words):
        k = art.phrase_starting(d.roles, i)
        if k:
            cls = _role_cls(cls, d.roles[tuple(art.words[i : i + k])])
            i += k
            last = i
        elif art.words[i] in d.role_modifiers:
            i += 1
        else:
            break
    return (start, last, cls or "any") if last is not None else None


def _longest(cands: list[_Cand] | None) -> _Cand | None:
    return max(cands, key=lambda c: (c.end - c.start, -c.rank)) if cands else None


def _person_ents(art: _Article) -> list[tuple[int, int]]:
    """spaCy's PERSON entities, a long name split in two joined: two that touch
    ("Federico Estrada" + "Velez"), or a one-word place name right after one, which is a
    second surname ("Alberto Medina" + "Salcedo" tagged GPE)."""
    out: list[tuple[int, int]] = []
    for ent in art.ents:
        touches = bool(out) and out[-1][1] == ent.start
        touches = touches and art.doc[ent.start - 1].whitespace_ == " "
        if ent.label_ == "PERSON":
            if touches:
                out[-1] = (out[-1][0], ent.end)
            else:
                out.append((ent.start, ent.end))
        elif touches and ent.label_ == "GPE" and len(ent) == 1 and ent[0].pos_ == "PROPN":
            out[-1] = (out[-1][0], ent.end)
    if getattr(art, "shouting", False):
        out = [(start, _surnames_after(art, end)) for start, end in out]
    return out


def _surnames_after(art: _Article, end: int) -> int:
    """In ALL-CAPS copy, the end of a person's name that spaCy cut short: up to two more
    capitalised proper nouns no entity claims ("Jose Antonio" + "Rodriguez Porth")."""
    doc = art.doc
    k = end
    while (
        k < len(doc)
        and k < end + 2
        and doc[k].pos_ == "PROPN"
        and not doc[k].ent_type_
        and doc[k].is_alpha
        and len(doc[k]) > 1
        and art.capitalised(k)
        and doc[k - 1].whitespace_ == " "
        and art.words[k] not in art.w("name_particles")
        and _org_kind(art, [art.words[k]]) == "other"
    ):
        k += 1
    return k


def _person_spans(art: _Article, cands: list[_Cand]) -> list[_Person]:
    """PERSON entities (cleaned) and dictionary persons, longest first without overlaps."""
    d = art.d
    whole = {
        (c.start, c.end) for c in cands if d.get(c.ref) is None or d.get(c.ref).kind != "person"
    }
    curated = [c for c in cands if _curated(c)]
    # curated organisations, and the names a seat may end ("Obama White House")
    organisations = [(c.start, c.end) for c in curated if d.get(c.ref).kind != "person"]
    seats = curated + [c for c in cands if c.how == METONYM]
    spans: list[tuple[int, int, tuple[int, int] | None]] = []
    for start, end in _person_ents(art):
        if (start, end) in whole:
            continue
        # an organisation of the dictionary tagged PERSON stays an organisation
        if any(s <= start and e >= end for s, e in organisations):
            continue
        # "Obama White House": the seat ends the name
        for c in seats:
            if start < c.start < end and c.end == end and c.end - c.start >= 2:
                end = c.start
        s, e, role = _trim_person(art, start, end)
        cleaned = _clean_name(art, s, e)
        if cleaned is None:
            continue
        s, e = cleaned
        name = _name_text(art, s, e).lower()
        if name in d.not_actors or _is_place_name(art, s, e):
            continue
        kind = _org_kind(art, art.words[s:e])
        if kind in ("armed_group", "igo", "government", "police", "military") or (
            kind in ("ngo", "media") and e - s >= 2
        ):
            art.extra_orgs.append((s, e))  # "Ansar al-Sharia" tagged PERSON
            continue
        if all((art.words[i],) in d.roles or (art.words[i],) in d.honorifics for i in range(s, e)):
            continue  # "Editor", "General": a title without a name
        spans.append((s, e, role))
    persons = [c for c in curated if d.get(c.ref).kind == "person"]
    for c in persons:
        spans.append((c.start, c.end, None))
    spans.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    taken: set[int] = set()
    people: list[_Person] = []
    for s, e, role in spans:
        if any(i in taken for i in range(s, e)):
            continue
        taken.update(range(s, e))
        person = _Person(s, e)
        inside = [c for c in persons if c.start >= s and c.end <= e]
        if inside:
            person.ref = max(inside, key=lambda c: c.end - c.start).ref
        if role:
            person.role = role
            person.role_cls = d.roles.get(tuple(art.words[role[0] : role[1]]), "any")
        people.append(person)
    return sorted(people, key=lambda p: p.start)


def _persons(art: _Article, cands: list[_Cand]) -> list[_Person]:
    """Persons with the role and affiliation around their name."""
    people = _person_spans(art, cands)
    by_end: dict[int, list[_Cand]] = {}
    by_start: dict[int, list[_Cand]] = {}
    for c in cands:
        if c.how != BLOCK:
            by_end.setdefault(c.end, []).append(c)
            by_start.setdefault(c.start, []).append(c)
    orgs_end = {e.end: (e.start, e.end) for e in art.ents if e.label_ == "ORG"}
    orgs_start = {e.start: (e.start, e.end) for e in art.ents if e.label_ == "ORG"}
    words = art.words
    for person in people:
        if person.role is None:
            found = _role_before(art, person.start)
            if found:
                person.role, person.role_cls = (found[0], found[1]), found[2]
        if person.role is not None:
            at = person.role[0]
            if at > 0 and words[at - 1] in POSSESSIVE:
                at -= 1
            person.aff = _longest(by_end.get(at))
            if person.aff is None and at in orgs_end:
                person.aff_org = orgs_end[at]
            if person.aff is None and person.aff_org is None:
                _after(art, person, by_start, orgs_start)
        else:
            _after(art, person, by_start, orgs_start)
    return people


def _after(art: _Article, person: _Person, by_start, orgs_start) -> None:
    """ ", chief commander of the Quds Force" / " from the Washington Institute"."""
    words = art.words
    n = len(words)
    i = person.end
    if i < n and words[i] == ",":
        i += 1
        if i < n and words[i] in ("the", "a", "an"):
            i += 1
        aff = _longest(by_start.get(i))
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
        aff = _longest(by_start.get(i))
        if aff is not None and not _plain_state(art, aff):
            person.aff = aff
        elif i in orgs_start:
            person.aff_org = orgs_start[i]


def _affiliation_key(art: _Article, p: _Person) -> str | None:
    """The key of the actor a person works for, creating it when needed."""
    d = art.d
    if p.aff is not None:
        c = p.aff
        if _plain_state(art, c) or c.how in (DEMONYM, PEOPLE):
            suffix = {"mil": "mil", "pol": "pol"}.get(p.role_cls or "", "gov")
            ref = f"{c.country or c.ref.split('.')[0]}.{suffix}"
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
    if entry is None and p.role_cls in ("gov", "mil", "pol"):
        country = _context_country(art, p.start)
        ref = f"{country}.{p.role_cls}" if country else None
        if ref and d.get(ref):
            art.entry_info(ref)
            return ref
    return None


def _context_country(art: _Article, i: int) -> str | None:
    """The country named around token ``i`` (its sentence and the one before): the article's
    main country if named there, else the only one named there."""
    s = art.sentence_of(i)
    lo = art.sent_starts[max(0, s - 1)]
    hi = art.sent_starts[s + 1] if s + 1 < len(art.sent_starts) else len(art.doc)
    near = {country for at, country in art.marks if lo <= at < hi}
    if art.main_country in near:
        return art.main_country
    return near.pop() if len(near) == 1 else None


def _add_person(art: _Article, p: _Person) -> None:
    d = art.d
    entry = d.get(p.ref)
    start = p.start
    while start < p.end - 1 and art.phrase_starting(d.honorifics, start):
        start += art.phrase_starting(d.honorifics, start)
    name = _name_text(art, start, p.end) if entry is None else entry.name
    key = p.ref or _person_key(art, name)
    role = _name_text(art, *p.role) if p.role else None
    aff = _affiliation_key(art, p)
    aff_info = art.infos.get(aff) if aff else None
    country = (entry.country if entry else None) or (aff_info.country if aff_info else None)
    info = art.info(key, entry, name=name, kind="person", role=role, country=country)
    if aff and info.affiliation is None:
        info.affiliation = aff
    art.mention(key, p.start, p.end)
    if p.role:
        art.used.update(range(*p.role))
    if aff_info is not None:
        aff_info.referenced = min(aff_info.referenced, art.doc[p.start].idx)


def _person_key(art: _Article, name: str) -> str:
    """ "person:ebrahim raisi"; a bare surname, or two words or more of a known name,
    join the person first named with it."""
    words = name.split()
    runs = []
    for key, info in art.infos.items():
        if info.kind != "person":
            continue
        known = info.name.split()
        bare = len(words) == 1 and words[0] in _surname_words(known, art.w("name_particles"))
        if info.name == name or bare:
            return key
        if len(words) >= 2 and (_run_of(words, known) or _run_of(known, words)):
            runs.append(key)
    # "Maza Marquez" after "Miguel Maza Marquez", "Antonio Roldan" after "Antonio Roldan
    # Betancur": two words or more of one known person's name, in order
    return runs[0] if len(runs) == 1 else "person:" + name.lower()


def _surname_words(words: list[str], particles: frozenset[str]) -> list[str]:
    """The words of a name that name the person alone: the last; of three or more, also
    the one before it, the first of two surnames ("Alberto Medina Salcedo" → Medina)."""
    if len(words) >= 3 and words[-2].lower() not in particles:
        return words[-2:]
    return words[-1:]


def _run_of(short: list[str], long: list[str]) -> bool:
    """``short`` is a run of two words or more of ``long``, in order, and shorter."""
    n = len(short)
    if n < 2 or n >= len(long):
        return False
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _surnames(art: _Article) -> dict[str, str]:
    """Surname (as written) → person key, for the persons found so far."""
    size = sum(len(i.mentions) for i in art.infos.values() if i.kind == "person")
    if art._surnames[0] == size:
        return art._surnames[1]
    surnames: dict[str, str] = {}
    particles = art.w("name_particles")
    for key, info in art.infos.items():
        if info.kind != "person":
            continue
        for a, b in info.mentions:
            for last in _surname_words(art.text[a:b].split(), particles):
                if len(last) >= 3 and last[:1].isupper() and last.lower() not in particles:
                    surnames[last] = key if surnames.get(last, key) == key else ""
    found = {k: v for k, v in surnames.items() if v}
    art._surnames = (size, found)
    return found


def _surname_mentions(art: _Article) -> None:
    """Later bare surnames of known persons, whatever spaCy tagged them as."""
    surnames = _surnames(art)
    if not surnames:
        return
    for i, written in enumerate(art.tw):
        key = surnames.get(written)
        if key and i not in art.used and i not in art.blocked and art.caps[i]:
            art.mention(key, i, i + 1)


# ---- organisations and communities -------------------------------------------------------------


def _org_kind(art: _Article, words: list[str]) -> str:
    """The kind of an organisation from the words of its name (first keyword listed wins)."""
    by_first = _keyword_index(art.d)
    best = None
    for i, word in enumerate(words):
        for order, phrase, kind in by_first.get(word, ()):
            if tuple(words[i : i + len(phrase)]) == phrase and (best is None or order < best[0]):
                best = (order, kind)
    return best[1] if best else "other"


_KEYWORDS: dict[int, dict[str, list[tuple[int, tuple[str, ...], str]]]] = {}


def _keyword_index(d: Dictionary) -> dict[str, list[tuple[int, tuple[str, ...], str]]]:
    index = _KEYWORDS.get(id(d))
    if index is None:
        index = {}
        for order, (phrase, kind) in enumerate(d.org_keywords):
            index.setdefault(phrase[0], []).append((order, phrase, kind))
        _KEYWORDS[id(d)] = index
    return index


_EDGES: dict[int, tuple[frozenset[str], frozenset[str]]] = {}


def _edge_words(table: dict) -> tuple[frozenset[str], frozenset[str]]:
    """(first words, last words) of a phrase table, for a quick test before slicing."""
    edges = _EDGES.get(id(table))
    if edges is None:
        edges = (frozenset(p[0] for p in table), frozenset(p[-1] for p in table))
        _EDGES[id(table)] = edges
    return edges


def _org(art: _Article, start: int, end: int) -> str | None:
    """The key of the organisation named by tokens start:end (a spaCy entity), or None."""
    cleaned = _clean_name(art, start, end)
    if cleaned is None:
        return None
    start, end = cleaned
    words = art.words
    name = _name_text(art, start, end)
    lower = name.lower()
    if lower in art.d.not_actors or re.search(r"\.(com|org|net|co|gov|info|news)\b", lower):
        return None
    outlet = (art.found.article.outlet or "").lower()
    if outlet and lower in (outlet, outlet.split(".")[0]):
        return None
    if _is_place_name(art, start, end):
        return None
    suffix = art.d.institutions.get(tuple(words[start:end]))
    if suffix and art.main_country and art.d.get(f"{art.main_country}.{suffix}"):
        ref = f"{art.main_country}.{suffix}"  # "Air Force" in a Salvadoran article
        art.entry_info(ref)
        art.mention(ref, start, end)
        return ref
    kind = _org_kind(art, words[start:end])
    if kind == "other" and end - start <= 2 and place_evidence.located_name(art.doc, start, end):
        return None  # "a checkpoint in Herat" (tagged ORG): the places stage has it
    if end - start == 1:
        tok = art.doc[start]
        if (
            (art.shouting and kind == "other")
            or words[start] in art.d.role_modifiers
            or (words[start],) in art.d.roles
            or (words[start],) in art.d.honorifics
            or tok.is_stop
        ):
            return None
    # a person's name tagged ORG ("Carly Fiorina") or a surname ("Brafman")
    surnames = _surnames(art)
    for key, info in art.infos.items():
        if info.kind == "person" and (info.name == name or surnames.get(name) == key):
            art.mention(key, start, end)
            return None
    key = "org:" + lower
    for k, info in art.infos.items():
        if info.kind not in ORG_KINDS and info.kind != "government":
            continue
        if k == key or (end - start >= 2 and k.startswith(key + " ")):
            key = k  # "the Washington Institute" after its full name
            break
        if end - start == 1 and info.name.split()[-1] == name and len(name) > 3:
            key = k  # "the Times" after "The New York Times"
            break
    if key not in art.infos:
        country = None
        for c in art.cands:
            entry = art.d.get(c.ref)
            if c.start >= start and c.end <= end and entry is not None and entry.country:
                country = entry.country
                break
        art.info(key, name=name, kind=kind, country=country)
    art.mention(key, start, end)
    return key


def _organisations(art: _Article) -> None:
    doc = art.doc
    acronyms: dict[str, str] = {}
    spans = [(e.start, e.end) for e in art.ents if e.label_ == "ORG"] + art.extra_orgs
    for start, end in sorted(spans):
        if not art.free(start, end):
            continue
        key = _org(art, start, end)
        if key is None:
            continue
        # "… Liberation Front (NHLF)": the acronym names the same organisation from now on
        j = end
        if j + 2 < len(doc) and doc[j].text in ("(", "[") and doc[j + 2].text in (")", "]"):
            acronym = art.text[doc[j + 1].idx : doc[j + 1].idx + len(doc[j + 1])]
            first = art.infos[key].name.lstrip("The ")[:1].upper()
            if (
                acronym.isalpha()
                and acronym.isupper()
                and len(acronym) >= 2
                and acronym[0] == first
            ):
                acronyms[acronym] = key
    if acronyms:
        for tok in doc:
            written = art.text[tok.idx : tok.idx + len(tok)]
            if written in acronyms and tok.i not in art.used:
                art.mention(acronyms[written], tok.i, tok.i + 1)


def _communities(art: _Article) -> None:
    """Named communities as nouns: "Shiites", "Kurds" (civilians, no country)."""
    for ent in art.ents:
        if ent.label_ != "NORP" or not art.free(ent.start, ent.end):
            continue
        root = ent.root
        if root.dep_ in ("amod", "compound", "nmod") or root.tag_ not in ("NNPS", "NNS"):
            continue
        if not art.capitalised(ent.start):
            continue
        name = _name_text(art, ent.start, ent.end)
        art.info("people:" + name.lower(), name=name, kind="civilians")
        art.mention("people:" + name.lower(), ent.start, ent.end)


def _institutions(art: _Article) -> None:
    """ "the government", "the army", "police" without a country: the main country's."""
    if art.main_country is None:
        return
    table = art.d.institutions
    doc = art.doc
    firsts = _edge_words(table)[0]
    for i, word in enumerate(art.words):
        if word not in firsts or i in art.used or i in art.blocked:
            continue
        k = art.phrase_starting(table, i, longest=3)
        if not k or not art.free(i, i + k):
            continue
        head = doc[i + k - 1]
        if head.pos_ not in ("NOUN", "PROPN") or head.dep_ in ("compound", "amod"):
            continue
        if i + k < len(doc) and art.words[i + k] in ("of", "'s", "’s"):
            continue
        start = i
        if i > 0:
            prev = doc[i - 1]
            if art.words[i - 1] == "the":
                start = i - 1
            elif prev.is_alpha and prev.pos_ not in (
                "VERB",
                "AUX",
                "ADP",
                "CCONJ",
                "SCONJ",
                "PUNCT",
            ):
                continue  # "opposition government", "rebel army", "its army"
        ref = f"{art.main_country}.{table[tuple(art.words[i : i + k])]}"
        if art.d.get(ref) is None:
            continue
        art.entry_info(ref)
        art.mention(ref, start, i + k)


GROUP_KINDS = frozenset(("armed_group", "ngo"))


def _group_references(art: _Article) -> None:
    """ "the group" / "the extremist Sunni Muslim group" → the last armed group named (or
    NGO, when "the group" is a subject); "the militants" → the last armed group.  Within
    the last three sentences."""
    d = art.d
    doc = art.doc
    mentions: list[tuple[int, int, str]] = []  # (char offset, sentence, key)
    for key, info in art.infos.items():
        if info.kind in GROUP_KINDS:
            for a, _b in info.mentions:
                tok = doc.char_span(a, a + 1, alignment_mode="expand")
                sent = art.sentence_of(tok.start) if tok is not None else 0
                mentions.append((a, sent, key))
    if not mentions:
        return
    mentions.sort()
    starts = [a for a, _, _ in mentions]
    for i, word in enumerate(art.words):
        plural = word in d.group_plurals
        if not (plural or word in d.group_nouns):
            continue
        tok = doc[i]
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if tok.i in art.used or tok.i in art.blocked:
            continue
        left = tok.left_edge.i
        if art.words[left] != "the" or not art.free(left, tok.i + 1):
            continue
        if any(ch.dep_ == "prep" and ch.lower_ == "of" for ch in tok.children):
            continue  # "the group of protesters"
        if any(ch.dep_ == "compound" and ch.pos_ == "NOUN" for ch in tok.lefts):
            continue  # "the civil rights movement", "the rebel group": a kind, not a reference
        here = art.sentence_of(tok.i)
        k = bisect_left(starts, doc[left].idx) - 1
        # an NGO is "the group" that says or does something, not "a link to the group"
        ngo_ok = not plural and tok.dep_ in ("nsubj", "nsubjpass")
        while k >= 0 and mentions[k][1] >= here - 2:
            info = art.infos[mentions[k][2]]
            if info.kind == "armed_group" or (ngo_ok and info.kind in GROUP_KINDS):
                art.mention(mentions[k][2], left, tok.i + 1)
                break
            k -= 1


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


# ---- building the actors and the index -------------------------------------------------------


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


_INDEX = "eventwire.actors.index"
_MENTIONS = attrgetter("mentions")


def _index(found: Findings) -> tuple[list[int], list[tuple[int, int, Actor]], int]:
    """Mentions sorted by start, cached on the Doc until the actors change."""
    actors = found.actors
    signature = (list(map(id, actors)), list(map(len, map(_MENTIONS, actors))))
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
    Indexed per article (bisection over the sorted mentions).
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
