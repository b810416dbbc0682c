"""Stage places: find the toponyms of an article and resolve them against GeoNames.

Detection
    spaCy's GPE, LOC and FAC entities; ORG/PERSON/NORP entities that are a country's
    name (metonymy: "Iran vowed…"); and gazetteer matching where the model misses:
    a name followed by a division word ("SAN MIGUEL DEPARTMENT", "Kerman province"),
    and, in ALL-CAPS wire copy, names of countries, divisions and large cities.
    Demonyms ("Iranian") are not places: they are evidence for the context.

Resolution (one sense per article: every mention of a name gets the same place)
    Each candidate of a name gets a score from its prior (population, kind of place,
    how the name matched) and the article's context: the countries it names or implies
    (country names, demonyms, actors' countries, the outlet's country), its divisions,
    a division or country written next to the name ("Alexandria, Louisiana"), the word
    beside it ("province", "city"), and — in a second pass — the distance to the other
    places resolved.  ``confidence`` is the winner's share of the softmax over candidates.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from urllib.parse import urlsplit

from eventwire.findings import Findings
from eventwire.knowledge import countries
from eventwire.knowledge.gazetteer import ALIAS, ALTERNATE, Entry, gazetteer, name_key
from eventwire.model import Place, PlaceFeature, Span
from eventwire.stages import place_evidence
from eventwire.text.datelines import dateline_outlet_span
from eventwire.text.truecase import is_shouting

__all__ = ["extract", "resolve_spans"]

# Words beside a name that say what kind of place it is.
_ADMIN_WORDS = {
    "province", "provinces", "governorate", "department", "region", "state", "district",
    "county", "parish", "oblast", "prefecture", "municipality", "territory", "emirate",
}  # fmt: skip
_CITY_WORDS = {"city", "town", "village", "capital", "township", "suburb", "port"}
# Demonyms of places that are not countries (countries' own are in countries.tsv).
_PLACE_DEMONYMS = {
    "European": "Europe", "African": "Africa", "Asian": "Asia",
    "North American": "North America", "South American": "South America",
    "English": "England", "Scottish": "Scotland", "Scot": "Scotland", "Welsh": "Wales",
    "Northern Irish": "Northern Ireland", "Catalan": "Catalonia", "Texan": "Texas",
    "Californian": "California", "Floridian": "Florida", "Kashmiri": "Kashmir",
    "Tibetan": "Tibet", "Chechen": "Chechnya", "Crimean": "Crimea",
}  # fmt: skip
# Names that stand for a larger place in news ("the EU" is located in Europe).
_STANDS_FOR = {"eu": "Europe", "european union": "Europe", "european commission": "Europe"}
_DIVISION_FEATURES = ("continent", "admin1", "admin2")
# Words before a name that make it a place ("in Kerman", "near Mosul").
_LOCATIVE = {
    "in", "near", "outside", "around", "across", "from", "into", "toward", "towards",
    "throughout", "at", "to", "via", "between",
}  # fmt: skip
# Actors that are bodies, not places, though a place may be called like them ("Congress").
_BODIES = {"government", "military", "police", "armed_group", "igo", "ngo"}
_COUNTRY_WORDS = {"country", "nation", "republic", "kingdom"}
_SKIP_LEADING = ("the ", "The ", "THE ")
_DEMONYM_RE = re.compile(r"\b[A-Z][A-Za-z]+(?:[ -][A-Z][A-Za-z]+)?\b|\bU\.S\.")
_WORD_RE = re.compile(r"[A-Za-z][\w.'’-]*")

# Generic top-level domains: outlets there are more often in the United States.
_GENERIC_TLD_WEIGHT = {"com": 0.3, "org": 0.3, "net": 0.3, "gov": 1.0, "edu": 1.0, "us": 1.0}
_TLD_FIX = {"uk": "GB"}


@dataclass
class Mention:
    """One toponym occurrence: its span in the article and the name to look up."""

    start: int
    end: int
    name: str
    cue: str | None = None  # "admin", "city" or "country", from a word beside the name
    within: str | None = None  # a name written right after it: "Alexandria, Louisiana"


@dataclass
class _Name:
    """All mentions of one name (one sense per article)."""

    key: str
    mentions: list[Mention] = field(default_factory=list)
    candidates: list[Entry] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    choice: Entry | None = None
    confidence: float = 0.0


@dataclass
class _Context:
    countries: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    own: dict[str, dict[str, float]] = field(default_factory=lambda: defaultdict(dict))
    admin1: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    points: list[tuple[str, float, float, float]] = field(default_factory=list)
    # the points with their latitude in radians and its cosine (see _nearness)
    radians: list[tuple[str, float, float, float, float]] | None = None


# --------------------------------------------------------------------------- context


def outlet_country(outlet: str | None) -> tuple[str | None, float]:
    """(alpha-3, weight) implied by an outlet host or URL: ".ir" → Iran; ".com" → USA, weakly."""
    if not outlet:
        return None, 0.0
    host = urlsplit(outlet).hostname if "//" in outlet else outlet.split("/")[0]
    parts = (host or "").lower().rstrip(".").split(".")
    if len(parts) < 2:
        return None, 0.0
    tld = parts[-1]
    if tld in _GENERIC_TLD_WEIGHT:
        return "USA", _GENERIC_TLD_WEIGHT[tld]
    country = countries.by_iso2(_TLD_FIX.get(tld, tld))
    return (country.iso3, 1.0) if country else (None, 0.0)


def demonym_countries(text: str) -> dict[str, int]:
    """Countries implied by demonyms in the text ("Iranian" → IRN: 1 per occurrence)."""
    found: dict[str, int] = defaultdict(int)
    for match in _DEMONYM_RE.finditer(text):
        word = match.group()
        country = countries.by_demonym(word)
        if country is None and " " in word:
            country = countries.by_demonym(word.split()[0])
        if country is not None:
            found[country.iso3] += 1
    return found


# --------------------------------------------------------------------------- scoring


_FEATURE_PRIOR = {
    "continent": 3.0, "country": 3.0, "admin1": 0.8, "admin2": 0.0, "city": 0.0, "other": 5.0,
}  # fmt: skip
_KIND_PRIOR = {0: 0.0, ALIAS: -0.3, ALTERNATE: -1.6}

#: Weights of the scoring features, tuned on LGL and GeoWebNews (resolution given spans).
WEIGHTS = {
    "population": 0.5,  # per power of ten
    "capital": 1.0,
    "cue": 3.0,  # a division named with its kind word ("Kerman province")
    "same_name_city": 1.5,  # penalty of a division when a city has its name
    "country": 2.2,  # the article's countries
    "admin1": 1.2,  # the article's first-level divisions
    "within": 5.0,  # "Alexandria, Louisiana": inside the place written after it
    "contains": 4.0,  # "Atlanta, Georgia": contains the place written before it
    "near": 2.5,  # close to the other places (second pass)
    "near_km": 150.0,
}


def _contains(outer: Entry, inner: Entry) -> bool:
    if outer.geonames_id == inner.geonames_id:
        return False
    if outer.feature == "country":
        return inner.country == outer.country
    if outer.feature == "admin1":
        return inner.admin1_id == outer.geonames_id
    if outer.feature == "admin2":
        return inner.admin2_id == outer.geonames_id
    return False


def _score(
    name: _Name,
    cand: Entry,
    ctx: _Context,
    within: list[Entry],
    inner: list[Entry],
    second: bool,
) -> float:
    w = WEIGHTS
    score = w["population"] * math.log10(cand.population + 1)
    score += _FEATURE_PRIOR.get(cand.feature, 0.0) + _KIND_PRIOR.get(cand.name_kind, 0.0)
    score += w["capital"] if cand.capital else 0.0
    cues = {m.cue for m in name.mentions}
    if cand.feature in ("admin1", "admin2"):
        if "admin" in cues:
            score += w["cue"]
        elif any(
            c.feature == "city"
            and c.name_kind != ALTERNATE
            and (c.population * 20 >= cand.population or _contains(cand, c))
            for c in name.candidates
        ):
            score -= w["same_name_city"]  # "Tehran" is the city, not the province of the same name
    elif cand.feature == "city" and "city" in cues:
        score += 1.5
    elif cand.feature == "country" and "country" in cues:
        score += 2.0
    if cand.country:
        weight = ctx.countries.get(cand.country, 0.0) - ctx.own[name.key].get(cand.country, 0.0)
        score += w["country"] * min(1.0, weight / 2.0)
    if cand.admin1_id and cand.feature != "admin1":
        score += w["admin1"] * min(1.0, ctx.admin1.get(cand.admin1_id, 0.0))
    if within and any(_contains(w, cand) for w in within):
        score += w["within"]
    if inner and any(_contains(cand, i) for i in inner):
        score += w["contains"]  # "Georgia" in "Atlanta, Georgia" is the state
    if second and cand.feature in ("city", "admin2", "admin1"):
        near = _nearness(cand, ctx, name.key)
        if near is not None:
            score += w["near"] * near
    return score


def _nearness(cand: Entry, ctx: _Context, key: str) -> float | None:
    """max(confidence · exp(-km / near_km)) over the other names' places, None when there
    are none.  km: the haversine distance (Earth's mean diameter 12742 km); the points'
    radians and cosines are computed once per pass."""
    if ctx.radians is None:
        ctx.radians = [
            (k, math.radians(lat), math.cos(math.radians(lat)), lon, conf)
            for k, lat, lon, conf in ctx.points
        ]
    radians, sin, asin, sqrt, exp = math.radians, math.sin, math.asin, math.sqrt, math.exp
    p1 = radians(cand.lat)
    cos1, lon1, near_km = math.cos(p1), cand.lon, WEIGHTS["near_km"]
    best = None
    for k, p2, cos2, lon2, conf in ctx.radians:
        if k == key:
            continue
        dp, dl = p2 - p1, radians(lon2 - lon1)
        a = sin(dp / 2) ** 2 + cos1 * cos2 * sin(dl / 2) ** 2
        value = conf * exp(-(12742.0 * asin(min(1.0, sqrt(a)))) / near_km)
        if best is None or value > best:
            best = value
    return best


def _demonym_entry(name: str) -> Entry | None:
    """The country or continent of a demonym, singular or plural ("Palestinians")."""
    for word in (name, name[:-1] if name.endswith("s") else None):
        if not word:
            continue
        country = countries.by_demonym(word)
        if country is not None:
            return gazetteer().get(country.geonames_id)
        place = _PLACE_DEMONYMS.get(word)
        if place:
            found = [e for e in gazetteer().lookup(place) if e.feature in _DIVISION_FEATURES]
            return found[0] if found else None
    return None


def _candidates(name: str) -> list[Entry]:
    """Gazetteer entries for a name, trying variants when the name itself is unknown.

    A demonym ("Canadian") names its country, not a place spelled like it.
    """
    gaz = gazetteer()
    demonym = _demonym_entry(name) if name[:1].isupper() else None
    if demonym is not None:
        return [demonym]
    if name_key(name) in _STANDS_FOR:
        return [e for e in gaz.lookup(_STANDS_FOR[name_key(name)]) if e.feature == "continent"]
    for prefix in ("Republic of ", "Kingdom of ", "State of "):
        if name.startswith(prefix) and countries.by_name(name[len(prefix) :]):
            name = name[len(prefix) :]
    found = gaz.lookup(name)
    if found:
        return found
    country = countries.by_name(name)
    if country is not None:
        entry = gaz.get(country.geonames_id)
        return [entry] if entry else []
    words = name.split()
    if len(words) > 1 and words[-1].lower() in _ADMIN_WORDS | _CITY_WORDS:
        return gaz.lookup(" ".join(words[:-1]))
    if name.endswith(("'s", "’s")):
        return _candidates(name[:-2])
    return []


def _resolve(names: dict[str, _Name], ctx: _Context, within_of: dict[str, list[str]]) -> None:
    """Pick the best candidate of every name, twice: the second pass knows distances."""
    inner_of: dict[str, list[str]] = defaultdict(list)
    for key, outers in within_of.items():
        for outer in outers:
            inner_of[outer].append(key)
    for second in (False, True):
        if second:
            ctx.radians = None
            ctx.points = [
                (n.key, n.choice.lat, n.choice.lon, n.confidence)
                for n in names.values()
                if n.choice and n.choice.feature in ("city", "admin2", "admin1")
            ]
            for n in names.values():
                if n.choice and n.choice.feature in ("admin1", "city", "admin2"):
                    if n.choice.feature == "admin1":
                        ctx.admin1[n.choice.geonames_id] += n.confidence * len(n.mentions)
                    iso3 = n.choice.country or ""
                    ctx.countries[iso3] += 0.3 * n.confidence
                    ctx.own[n.key][iso3] = ctx.own[n.key].get(iso3, 0.0) + 0.3 * n.confidence
        for n in names.values():
            if not n.candidates:
                continue
            within = [
                names[w].choice or names[w].candidates[0]
                for w in within_of.get(n.key, [])
                if w in names and names[w].candidates
            ]
            inner = [
                c for w in inner_of.get(n.key, []) if w in names for c in names[w].candidates[:20]
            ]
            n.scores = [_score(n, c, ctx, within, inner, second) for c in n.candidates]
            best = max(range(len(n.scores)), key=n.scores.__getitem__)
            top = n.scores[best]
            n.choice = n.candidates[best]
            n.confidence = 1.0 / sum(math.exp(s - top) for s in n.scores)


def resolve_mentions(
    text: str,
    mentions: Sequence[Mention],
    *,
    outlet: str | None = None,
    actor_countries: Iterable[str] = (),
) -> list[tuple[Entry | None, float]]:
    """Resolve each mention in the context of the others; (entry or None, confidence)."""
    names: dict[str, _Name] = {}
    for m in mentions:
        key = name_key(m.name)
        if key not in names:
            names[key] = _Name(key=key, candidates=_candidates(m.name)[:60])
        names[key].mentions.append(m)
    within_of: dict[str, list[str]] = defaultdict(list)
    for m in mentions:
        if m.within and name_key(m.within) in names:
            within_of[name_key(m.name)].append(name_key(m.within))

    ctx = _Context()
    for n in names.values():
        if n.candidates and n.candidates[0].feature == "country":
            iso3 = n.candidates[0].country or ""
            ctx.countries[iso3] += len(n.mentions)
            ctx.own[n.key][iso3] = float(len(n.mentions))
    for iso3, count in demonym_countries(text).items():
        ctx.countries[iso3] += 0.5 * count
    for iso3 in actor_countries:
        ctx.countries[iso3] += 0.3
    iso3, weight = outlet_country(outlet)
    if iso3:
        ctx.countries[iso3] += weight
    for n in names.values():  # unambiguous divisions also set the context
        admins = {c.geonames_id for c in n.candidates if c.feature == "admin1"}
        if len(n.candidates) == 1 and admins:
            ctx.admin1[admins.pop()] += 1.0

    _resolve(names, ctx, within_of)
    return [(names[name_key(m.name)].choice, names[name_key(m.name)].confidence) for m in mentions]


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


def _cue_before(text: str, start: int) -> str | None:
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
    return Mention(start, end, name, cue=cue or _cue_before(text, start))


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
    for ent in ents:
        if ent.label_ in ("GPE", "LOC", "FAC"):
            for s, e in _split_commas(text, ent.start_char, ent.end_char):
                add(s, e)
        elif ent.label_ in ("ORG", "PERSON", "NORP"):
            s, e = _trim(text, ent.start_char, ent.end_char)
            if _org_is_place(text[s:e]):
                add(s, e)
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

    mentions = []
    for n, (s, e) in enumerate(sorted(spans)):
        m = mention_at(text, s, e)
        if m.cue is None and n + 1 < len(spans):
            s2, e2 = sorted(spans)[n + 1]
            if text[e:s2] in (", ", ","):
                m.within = text[s2:e2]
        mentions.append(m)
    return mentions


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
    words = name.split()
    return (
        len(words) > 1
        and words[-1].lower() in _ADMIN_WORDS
        and any(e.feature in ("admin1", "admin2") for e in gazetteer().lookup(name))
    )


def _after_locative(tokens, i: int, n: int, name: str) -> bool:
    """ "in Kerman": proper nouns after a locative preposition that name a known place."""
    if i == 0 or tokens[i - 1].lower_ not in _LOCATIVE:
        return False
    if not all(t.pos_ == "PROPN" for t in tokens[i : i + n]):
        return False
    return any(e.name_kind != ALTERNATE for e in gazetteer().lookup(name))


def _major_place(name: str, toks) -> bool:
    """In ALL-CAPS copy: a country, first-level division or city of 100,000+ people."""
    if len(name) < 4 and "." not in name:
        return False
    if len(toks) == 1 and (toks[0].is_stop or toks[0].pos_ not in ("PROPN", "NOUN")):
        return False
    for entry in gazetteer().lookup(name)[:5]:
        if entry.name_kind == ALTERNATE:
            continue
        if entry.feature in ("country", "continent", "admin1") or entry.population >= 100_000:
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


def _place(pid: str, entry: Entry, confidence: float, spans: list[Span]) -> Place:
    return Place(
        id=pid,
        geonames_id=entry.geonames_id if entry.geonames_id > 0 else None,
        name=entry.name,
        country=entry.country,
        admin1=entry.admin1 if entry.feature not in ("country", "continent") else None,
        lat=round(entry.lat, 5),
        lon=round(entry.lon, 5),
        feature=_FEATURE.get(entry.feature, PlaceFeature.OTHER),
        confidence=round(min(1.0, max(0.0, confidence)), 3),
        mentions=spans,
    )


def extract(found: Findings) -> None:
    """Add the article's resolved places, mentions of one place merged, to ``found``."""
    mentions = detect(found)
    if not mentions:
        return
    outlet = found.article.outlet or found.article.url
    actor_countries = [a.country for a in found.actors if a.country]
    resolved = resolve_mentions(
        found.text, mentions, outlet=outlet, actor_countries=actor_countries
    )
    by_place: dict[int, tuple[Entry, float, list[Span]]] = {}
    for m, (entry, confidence) in zip(mentions, resolved, strict=True):
        if entry is None:
            continue
        _, best, spans = by_place.setdefault(entry.geonames_id, (entry, confidence, []))
        spans.append(found.span(m.start, m.end))
        by_place[entry.geonames_id] = (entry, max(best, confidence), spans)
    for n, (entry, confidence, spans) in enumerate(by_place.values(), 1):
        found.places.append(_place(f"P{n}", entry, confidence, spans))


def resolve_spans(
    text: str, spans: list[tuple[int, int]], doc=None, outlet: str | None = None
) -> list[Place | None]:
    """Resolve given toponym spans (gold spans, for evaluation) in the context of each other.

    ``doc`` is accepted for callers that have one; the context comes from the spans, the
    demonyms of the text and the outlet (a host or URL).
    """
    valid = [(s, e) for s, e in spans if 0 <= s < e <= len(text)]
    mentions = sorted((mention_at(text, s, e) for s, e in valid), key=lambda m: m.start)
    for m, nxt in pairwise(mentions):
        if m.cue is None and text[m.end : nxt.start] in (", ", ","):
            m.within = nxt.name
    resolved = resolve_mentions(text, mentions, outlet=outlet)
    by_span = {(m.start, m.end): r for m, r in zip(mentions, resolved, strict=True)}
    out: list[Place | None] = []
    for n, (s, e) in enumerate(spans, 1):
        entry, confidence = by_span.get((s, e), (None, 0.0))
        out.append(_place(f"P{n}", entry, confidence, [Span.of(text, s, e)]) if entry else None)
    return out
