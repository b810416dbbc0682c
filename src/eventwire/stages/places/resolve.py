"""Resolution: each name's candidates in the gazetteer scored by prior and context (one
sense per article), the winner's share of the softmax as confidence.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from eventwire.knowledge import countries
from eventwire.knowledge.gazetteer import ALIAS, ALTERNATE, Entry, name_key
from eventwire.knowledge.words import listed, prepositions
from eventwire.stages.places import ranker as learned
from eventwire.stages.places.candidates import candidates as _candidates
from eventwire.stages.places.fallback import derived_candidates, place_within_focus

# Words beside a name that say what kind of place it is.
_ADMIN_WORDS = listed("places", "admin_words")


_CITY_WORDS = listed("places", "city_words")


_DIVISION_FEATURES = ("continent", "admin1", "admin2")


# Words before a name that make it a place ("in Kerman", "near Mosul").
_LOCATIVE = prepositions("gazetteer_cue")


# Actors that are bodies, not places, though a place may be called like them ("Congress").
_BODIES = {"government", "military", "police", "armed_group", "igo", "ngo"}


_COUNTRY_WORDS = listed("places", "country_words")


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
    cue: str | None = None  # "admin", "state", "city" or "country": a word beside the name
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
    derived: bool = False  # candidates derived from the name ("Dubai World Cup" → Dubai)


@dataclass
class _Context:
    countries: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    own: dict[str, dict[str, float]] = field(default_factory=lambda: defaultdict(dict))
    admin1: dict[int, float] = field(default_factory=lambda: defaultdict(float))
    points: list[tuple[str, float, float, float]] = field(default_factory=list)
    # the points with their latitude in radians and its cosine (see _nearness)
    radians: list[tuple[str, float, float, float, float]] | None = None


# --------------------------------------------------------------------------- context


@dataclass
class Prepared:
    """What resolution reads (``prepare``)."""

    names: dict[str, _Name]
    ctx: _Context
    within_of: dict[str, list[str]]
    demonyms: dict[str, int]  # iso3 → demonyms of the country in the text
    outlet: tuple[str | None, float]  # the outlet's country and its weight
    mentions: list[Mention]


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
        if "admin" in cues or (cand.feature == "admin1" and "state" in cues):
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


def prepare(
    text: str,
    mentions: Sequence[Mention],
    *,
    outlet: str | None = None,
    actor_countries: Iterable[str] = (),
) -> Prepared:
    """What resolution reads: the names and their candidates, the article's context, the
    "X, Y" links."""
    names: dict[str, _Name] = {}
    for m in mentions:
        key = name_key(m.name)
        if key not in names:
            found = _candidates(m.name)[:60]
            derived = not found
            found = found or derived_candidates(m.name)[:60]
            names[key] = _Name(key=key, candidates=found, derived=derived and bool(found))
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
    demonyms = demonym_countries(text)
    for iso3, count in demonyms.items():
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
    return Prepared(names, ctx, within_of, dict(demonyms), (iso3, weight), list(mentions))


def resolve_prepared(
    setup: Prepared, model: learned.Ranker | None, focus_all: bool = True
) -> list[tuple[Entry | None, float]]:
    """(entry or None, confidence) of each mention: chosen by the learned ranker when one
    is given, else by the rules.  Names without a candidate lie in the article's focus:
    all of them (``focus_all``: given spans, known to be toponyms), else only those with a
    facility word ("Royal Street": a detected name the gazetteer lacks may be no place)."""
    names = setup.names
    if model is None:
        _resolve(names, setup.ctx, setup.within_of)
    else:
        learned.resolve(names, setup.ctx, setup.within_of, setup.demonyms, setup.outlet, model)
    place_within_focus(names, focus_all)
    return [
        (names[name_key(m.name)].choice, names[name_key(m.name)].confidence) for m in setup.mentions
    ]


def resolve_mentions(
    text: str,
    mentions: Sequence[Mention],
    *,
    outlet: str | None = None,
    actor_countries: Iterable[str] = (),
) -> list[tuple[Entry | None, float]]:
    """Resolve each mention in the context of the others; (entry or None, confidence).
    The shipped ranker decides (``knowledge/geo_ranker.json``), the rules when it is
    missing."""
    setup = prepare(text, mentions, outlet=outlet, actor_countries=actor_countries)
    return resolve_prepared(setup, learned.ranker(), focus_all=False)
