"""Organisations the dictionary lacks, named communities ("Shiites"), institutions of
the article's country ("the army") and descriptions referring back to a group ("the
militants").
"""

from __future__ import annotations

import re
from bisect import bisect_left

from eventwire.knowledge.actors import (
    Dictionary,
)
from eventwire.stages.actors.article import ORG_KINDS, _Article, _edge_words, _surnames
from eventwire.stages.actors.names import _clean_name, _is_place_name, _name_text
from eventwire.stages.places import evidence as place_evidence

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
