"""Detection: the toponym mentions of an article (spaCy entities, country names used as
actors, gazetteer matches the model missed), in text order, without overlaps.
"""

from __future__ import annotations

import re
from itertools import pairwise

from eventwire.findings import Findings
from eventwire.knowledge import countries
from eventwire.knowledge.gazetteer import ALTERNATE, gazetteer, name_key
from eventwire.knowledge.words import listed
from eventwire.model import PlaceFeature
from eventwire.stages.places import evidence as place_evidence
from eventwire.stages.places.candidates import STANDS_FOR
from eventwire.stages.places.resolve import (
    _ADMIN_WORDS,
    _BODIES,
    _CITY_WORDS,
    _COUNTRY_WORDS,
    _LOCATIVE,
    _SKIP_LEADING,
    _WORD_RE,
    Mention,
)
from eventwire.text.datelines import dateline_outlet_span
from eventwire.text.truecase import is_shouting

# --------------------------------------------------------------------------- detection


def _cue_after(text: str, end: int) -> tuple[str | None, int]:
    """("admin"/"city"/"country", end of the word) when a kind word follows at ``end``."""
    match = _WORD_RE.match(text, end + 1) if text[end : end + 1] == " " else None
    if match:
        word = match.group().lower().rstrip(".,")
        if word in _ADMIN_WORDS:
            return "admin", match.start() + len(word)
        if word in _CITY_WORDS and word != "capital":
            return "city", match.start() + len(word)
    return None, end


# "states such as California or Washington": a plural kind word, then a list of names
# (cue "state": a first-level division; "counties like …": "admin", any division).
_CITY_PLURALS = listed("places", "city_plurals")
_NAME = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*"
_LIST_CUE = re.compile(
    rf"\b({'|'.join(sorted(listed('places', 'division_plurals') | _CITY_PLURALS))})"
    rf" (?:such as|like|including) (?:{_NAME}(?:, (?:and |or )?| and | or ))*$"
)


# What follows the place of a dateline: "NEW YORK (AP) —", "(NEW YORK) —", "KABUL, March 3 -"
_DATELINE_REST = re.compile(r"\)?(?:,[^\n,()]{1,30})?\s*(?:\([^)\n]{2,40}\)\s*)?(?:--|[-–—])")


def _cue_before(text: str, start: int, end: int) -> str | None:
    if text[:start].strip() in ("", "(") and _DATELINE_REST.match(text, end):
        return "city"  # a dateline names a city
    listing = _LIST_CUE.search(text, max(0, start - 120), start)
    if listing:
        kind = listing.group(1)
        return "city" if kind in _CITY_PLURALS else "state" if kind == "states" else "admin"
    before = text[max(0, start - 20) : start].lower().split()
    if len(before) >= 2 and before[-1] == "of":
        word = before[-2]
        if word in _CITY_WORDS:
            return "city"
        if word in _ADMIN_WORDS:
            return "admin"
        if word in _COUNTRY_WORDS:
            return "country"
    return None


def mention_at(text: str, start: int, end: int) -> Mention:
    """A mention for ``text[start:end]``, with the kind word beside it as a cue."""
    name = text[start:end]
    cue, _ = _cue_after(text, end)
    words = name.split()
    if len(words) > 1 and words[-1].lower() in _ADMIN_WORDS:
        cue = "admin"
    elif len(words) > 1 and words[-1].lower() in _CITY_WORDS:
        cue = "city"
    return Mention(start, end, name, cue=cue or _cue_before(text, start, end))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    for lead in _SKIP_LEADING:
        if text.startswith(lead, start) and end - start > len(lead):
            start += len(lead)
    while end > start and text[end - 1] in ".,;:'’\"" and text.count(".", start, end) <= 1:
        end -= 1
    if text[end - 2 : end] in ("'s", "’s"):
        end -= 2
    return start, end


def _split_commas(text: str, start: int, end: int) -> list[tuple[int, int]]:
    parts, cursor = [], start
    for piece in text[start:end].split(","):
        s = cursor + len(piece) - len(piece.lstrip())
        e = cursor + len(piece.rstrip())
        if e > s:
            parts.append((s, e))
        cursor += len(piece) + 1
    return parts


def detect(found: Findings) -> list[Mention]:
    """Toponym mentions of the article, in text order, without overlaps."""
    text, doc = found.text, found.doc
    spans: list[tuple[int, int]] = []
    taken = [False] * (len(text) + 1)

    def add(start: int, end: int) -> None:
        start, end = _trim(text, start, end)
        if end > start and not any(taken[start:end]):
            spans.append((start, end))
            for i in range(start, end):
                taken[i] = True

    if outlet := dateline_outlet_span(text):  # "(CAPITAL WIRE) -" names a news agency
        taken[outlet[0] : outlet[1]] = [True] * (outlet[1] - outlet[0])
    ents = doc.ents
    # actors whose name holds a place as part of a proper name ("Balochistan Liberation
    # Army"), not as the jurisdiction of a state body ("Alexandria Police Department")
    named = [
        (m.start, m.end) for a in found.actors if a.kind not in _JURISDICTIONS for m in a.mentions
    ]
    for ent in ents:
        if ent.label_ in ("GPE", "LOC", "FAC"):
            for s, e in _split_commas(text, ent.start_char, ent.end_char):
                add(s, e)
        elif ent.label_ in ("ORG", "PERSON", "NORP"):
            s, e = _trim(text, ent.start_char, ent.end_char)
            if _org_is_place(text[s:e]):
                add(s, e)
            elif (
                ent.label_ == "ORG"
                and not any(s < ent.end_char and ent.start_char < e for s, e in named)
                and (inside := _place_inside(ent)) is not None
            ):
                add(*inside)  # "Alexandria police": the place in the name
    actors = [(m.start, m.end) for a in found.actors if a.kind in _BODIES for m in a.mentions]
    for s, e in place_evidence.names_with_evidence(text, doc, actors):  # "Gainesville residents"
        add(s, e)
    others = [(e.start_char, e.end_char) for e in ents if e.label_ in ("PERSON", "ORG")]
    for s, e in others:
        for i in range(s, e):
            taken[i] = True
    for s, e in _gazetteer_spans(text, doc, shouting=is_shouting(text)):
        add(s, e)
    # names listed with the places found, and the names found wherever else they are
    # written (one sense per discourse)
    placed = [False] * (len(text) + 1)
    for s, e in spans:
        placed[s:e] = [True] * (e - s)
    if outlet:
        placed[outlet[0] : outlet[1]] = [True] * (outlet[1] - outlet[0])

    def free(s: int, e: int) -> bool:
        return not any(placed[s:e])

    for more in (place_evidence.coordinated_names, place_evidence.repeated_names):
        for s, e in more(text, doc, list(spans), free):
            spans.append((s, e))
            placed[s:e] = [True] * (e - s)

    mentions = [mention_at(text, s, e) for s, e in sorted(spans)]
    link_within(text, mentions)
    return mentions


def link_within(text: str, mentions: list[Mention]) -> None:
    """ "Alexandria, Louisiana": a name right after another, past a comma, contains it
    (``within``); not in a list of names ("Washington, New York and Boston")."""
    ordered = sorted(mentions, key=lambda m: m.start)
    for n, (m, nxt) in enumerate(pairwise(ordered)):
        if m.cue not in (None, "city") or text[m.end : nxt.start] not in (", ", ","):
            continue
        after = ordered[n + 2] if n + 2 < len(ordered) else None
        if after is not None and text[nxt.end : after.start] in (" and ", " or "):
            continue
        m.within = nxt.name


def _gazetteer_spans(text: str, doc, shouting: bool) -> list[tuple[int, int]]:
    """Names the model missed: "X Province"-style names, and in ALL CAPS major places."""
    gaz = gazetteer()
    tokens = list(doc)
    starts = [t.idx for t in tokens]
    ends = [s + len(t) for s, t in zip(starts, tokens, strict=True)]
    capital = [text[s].isupper() for s in starts]
    for ent in doc.ents:  # "in March" is a date
        if ent.label_ in ("DATE", "TIME"):
            capital[ent.start : ent.end] = [False] * len(ent)
    # cap_run[i]: how many capitalised tokens in a row start at token i
    cap_run = [0] * (len(tokens) + 1)
    for i in range(len(tokens) - 1, -1, -1):
        cap_run[i] = cap_run[i + 1] + 1 if capital[i] else 0
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if not capital[i] or tokens[i].is_punct:
            i += 1
            continue
        start = starts[i]
        locative = not shouting and i > 0 and tokens[i - 1].lower_ in _LOCATIVE
        matched = 0
        for n in range(min(4, len(tokens) - i, cap_run[i]), 0, -1):
            end = ends[i + n - 1]
            cue, cue_end = _cue_after(text, end)
            if cue == "admin" and gaz.known(text[start:end]) and text[end + 1].isupper():
                out.append((start, cue_end))
                matched = n + 1
                break
            if shouting and _major_place(text[start:end], tokens[i : i + n]):
                out.append((start, end))
                matched = n
                break
            if locative and _after_locative(tokens, i, n, text[start:end]):
                out.append((start, end))
                matched = n
                break
        i += max(1, matched)
    return out


def _org_is_place(name: str) -> bool:
    """An ORG/PERSON/NORP entity that is a place: a country ("Iran vowed…") or a division
    named with its kind ("San Miguel Department")."""
    if countries.by_name(name) and not countries.by_demonym(name):
        return True
    if name_key(name) in STANDS_FOR:  # "the EU": located in Europe
        return True
    words = name.split()
    return (
        len(words) > 1
        and words[-1].lower() in _ADMIN_WORDS
        and any(e.feature in ("admin1", "admin2") for e in gazetteer().lookup(name))
    )


_JURISDICTIONS = {"state", "government", "military", "police"}
_STREET_WORDS = listed("places", "street_words")


def _place_inside(ent) -> tuple[int, int] | None:
    """The characters of the place an organisation's name starts with, else None: a
    country or the EU ("U.S. Army", "EU Commission"), a first-level division or a city
    of 50,000+ people by its own name ("Texas Department of Health", "Alexandria City
    Public Schools"), not an English word ("Olympic Committee")."""
    if len(ent) and ent[0].pos_ == "DET":  # "the Texas Department of Health"
        ent = ent[1:]
    for n in (3, 2, 1):
        if len(ent) <= n or not all(t.pos_ == "PROPN" for t in ent[:n]):
            continue
        head = ent[:n]
        name = head.text
        if ent[n].lower_.rstrip(".") in _STREET_WORDS:
            return None  # "Oxford Street": a street's name, not the city
        if name_key(name) in STANDS_FOR or (
            countries.by_name(name) and not countries.by_demonym(name)
        ):
            return head.start_char, head.end_char
        if countries.by_demonym(name) or place_evidence._common_word(name):
            continue
        if any(
            e.name_kind != ALTERNATE
            and (e.feature in ("country", "admin1") or e.population >= 50_000)
            for e in gazetteer().lookup(name)[:5]
        ):
            return head.start_char, head.end_char
    return None


def _after_locative(tokens, i: int, n: int, name: str) -> bool:
    """ "in Kerman": proper nouns after a locative preposition that name a known place."""
    if i == 0 or tokens[i - 1].lower_ not in _LOCATIVE:
        return False
    if not all(t.pos_ == "PROPN" for t in tokens[i : i + n]):
        return False
    return any(e.name_kind != ALTERNATE for e in gazetteer().lookup(name))


def _major_place(name: str, toks) -> bool:
    """In ALL-CAPS copy: a country, first-level division or city of 100,000+ people; one
    word that is also a common English word only when it is a country or a continent
    ("GRAIN STORE" is not Štore, Slovenia)."""
    if len(name) < 4 and "." not in name:
        return False
    if len(toks) == 1 and (toks[0].is_stop or toks[0].pos_ not in ("PROPN", "NOUN")):
        return False
    common = len(toks) == 1 and place_evidence._common_word(name.capitalize())
    for entry in gazetteer().lookup(name)[:5]:
        if entry.name_kind == ALTERNATE:
            continue
        if entry.feature in ("country", "continent"):
            return True
        if not common and (entry.feature == "admin1" or entry.population >= 100_000):
            return True
    return False


# --------------------------------------------------------------------------- stage


_FEATURE = {
    "continent": PlaceFeature.CONTINENT,
    "country": PlaceFeature.COUNTRY,
    "admin1": PlaceFeature.ADMIN1,
    "admin2": PlaceFeature.ADMIN2,
    "city": PlaceFeature.CITY,
}
