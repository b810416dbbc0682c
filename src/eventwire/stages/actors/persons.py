"""Persons: spaCy PERSON names with their role ("White House spokesman") and
affiliation, honorifics and surnames (a later "Raisi" is the same person).
"""

from __future__ import annotations

from eventwire.knowledge.actors import (
    BLOCK,
    DEMONYM,
    METONYM,
    PEOPLE,
)
from eventwire.stages.actors.article import (
    POSSESSIVE,
    _Article,
    _Cand,
    _Person,
    _run_of,
    _surname_words,
    _surnames,
)
from eventwire.stages.actors.groups import _org, _org_kind
from eventwire.stages.actors.names import (
    _clean_name,
    _curated,
    _is_place_name,
    _name_text,
    _plain_state,
)

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


def _surname_mentions(art: _Article) -> None:
    """Later bare surnames of known persons, whatever spaCy tagged them as."""
    surnames = _surnames(art)
    if not surnames:
        return
    for i, written in enumerate(art.tw):
        key = surnames.get(written)
        if key and i not in art.used and i not in art.blocked and art.caps[i]:
            art.mention(key, i, i + 1)
