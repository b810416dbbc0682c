"""Names: dictionary matches chosen and filtered (inside a longer name, a place rather
than an actor, acting or not), and spaCy names cleaned of determiners, titles and
possessives.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from eventwire.knowledge.actors import (
    BLOCK,
    DEMONYM,
    METONYM,
    PEOPLE,
    Pattern,
    matcher,
)
from eventwire.stages.actors.article import (
    DETERMINERS,
    INITIAL,
    NAME_ENTS,
    POSSESSIVE,
    _Article,
    _Cand,
)

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
    return " ".join(art.name_text[art.idx[start] : art.ends[end - 1]].split())
