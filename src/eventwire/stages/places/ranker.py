"""The learned ranker of gazetteer candidates: features of a candidate in its article, and
the two conditional-logit models of ``knowledge/geo_ranker.json`` that score them.

A toponym's candidates compete in a softmax; the chosen one is the candidate of highest
score.  Two models, as the rules do two passes:

- ``first``: features of the name and the article's explicit context (countries named,
  demonyms, the outlet's country, divisions named, "Alexandria, Louisiana");
- ``second``: the same plus what the first pass resolved (distance to the other places,
  their countries and divisions).

Both are trained by ``eventwire train geo`` (``eventwire.train.geo``) on one corpus and
validated on the other; the file's card gives the data, the command, the date and both
cross-corpus figures.  Scoring is a dot product: no library at run time.  When the file
is missing or unreadable the rules of ``eventwire.stages.places.resolve`` decide (the fallback).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from eventwire.knowledge.files import read_text, trained
from eventwire.knowledge.gazetteer import ALIAS, ALTERNATE, NAME, Entry, fold, name_key

__all__ = ["FEATURES", "Ranker", "candidate_features", "ranker"]

MODEL_FILE = "geo_ranker.json"

#: The feature names, in vector order.
FEATURES = (
    "log_population",  # log10(population + 1)
    "population_share",  # log10 of population / the largest candidate's population
    "largest",  # the most populous candidate
    "capital",
    "feature=continent",
    "feature=country",
    "feature=admin1",
    "feature=admin2",
    "feature=city",
    "feature=other",
    "kind=name",
    "kind=alias",
    "kind=alternate",
    "spelled_as_entry",  # the text is the entry's own name (diacritics and case aside)
    "cue_admin_division",  # "Kerman province" and a division, "states such as Ohio" and a state
    "cue_city_city",  # "the city of Kerman" and a city
    "cue_country_country",
    "division_shadowed",  # a division while a city of comparable size has its name
    "country_context",  # the article's countries (names, demonyms, outlet), not this name
    "country_top",  # the article's most weighted country
    "demonyms",  # log(1 + demonyms of the candidate's country in the text)
    "outlet_country",  # the outlet's country (top-level domain)
    "admin1_context",  # the article's first-level divisions
    "within",  # "Alexandria, Louisiana": inside the place written after it
    "contains",  # "Atlanta, Georgia": contains the place written before it
    "near",  # max confidence · exp(-km / 150) to the other resolved places (2nd pass)
    "near_100km",  # another resolved place within 100 km (2nd pass)
    "resolved_country",  # the first pass's places in the candidate's country (2nd pass)
    "resolved_admin1",  # the first pass's places in the candidate's division (2nd pass)
    "mentions",  # log(mentions of the name) for a division or country
    "country_named",  # the candidate's country has some weight in the article (0/1)
    "city_in_outlet_country",  # a city in the outlet's country (local news)
    "population_rank",  # 0 for the most populous candidate, 1 for the next, … (capped at 5)
    "no_country_context",  # the article names no country of any candidate
    "shares_admin2",  # another name of the article has a candidate in its county/district
    "shares_admin1",  # log(1 + other names with a candidate in its first-level division)
)
_INDEX = {f: i for i, f in enumerate(FEATURES)}
_FEATURE_SLOT = {
    f: _INDEX[f"feature={f}"] for f in ("continent", "country", "admin1", "admin2", "city", "other")
}
_KIND_SLOT = {
    NAME: _INDEX["kind=name"],
    ALIAS: _INDEX["kind=alias"],
    ALTERNATE: _INDEX["kind=alternate"],
}


@dataclass
class ArticleSignals:
    """What the article says about countries and divisions, for every candidate."""

    countries: dict[str, float] = field(default_factory=dict)  # iso3 → weight (all sources)
    own: dict[str, dict[str, float]] = field(default_factory=dict)  # name key → its own weight
    demonyms: dict[str, int] = field(default_factory=dict)  # iso3 → demonyms in the text
    outlet: tuple[str | None, float] = (None, 0.0)  # the outlet's country and its weight
    admin1: dict[int, float] = field(default_factory=dict)
    top_country: str | None = None
    # per name key: the admin2 and admin1 ids its candidates lie in (or are)
    admin2_of: dict[str, set[int]] = field(default_factory=dict)
    admin1_of: dict[str, set[int]] = field(default_factory=dict)
    # second pass: what the first resolved
    resolved_countries: dict[str, float] = field(default_factory=dict)
    resolved_admin1: dict[int, float] = field(default_factory=dict)


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


def candidate_features(
    key: str,
    text: str,
    cues: set[str | None],
    mentions: int,
    cand: Entry,
    candidates: list[Entry],
    signals: ArticleSignals,
    within: list[Entry],
    inner: list[Entry],
    near: float | None = None,
    near_100km: bool = False,
    second: bool = False,
    own_resolved: tuple[str | None, int | None, float] = (None, None, 0.0),
) -> list[float]:
    """The feature vector of one candidate of a name (``key``, written ``text``)."""
    x = [0.0] * len(FEATURES)
    pop = math.log10(cand.population + 1)
    largest = max((c.population for c in candidates), default=0)
    x[0] = pop
    x[1] = pop - math.log10(largest + 1)
    x[2] = 1.0 if cand.population >= largest else 0.0
    x[3] = 1.0 if cand.capital else 0.0
    x[_FEATURE_SLOT.get(cand.feature, _FEATURE_SLOT["other"])] = 1.0
    x[_KIND_SLOT.get(cand.name_kind, _KIND_SLOT[ALTERNATE])] = 1.0
    x[13] = 1.0 if fold(text).casefold() == fold(cand.name).casefold() else 0.0
    division = cand.feature in ("admin1", "admin2")
    named = division and ("admin" in cues or (cand.feature == "admin1" and "state" in cues))
    x[14] = 1.0 if named else 0.0
    x[15] = 1.0 if cand.feature == "city" and "city" in cues else 0.0
    x[16] = 1.0 if cand.feature == "country" and "country" in cues else 0.0
    if division and not named:
        x[17] = float(
            any(
                c.feature == "city"
                and c.name_kind != ALTERNATE
                and (c.population * 20 >= cand.population or _contains(cand, c))
                for c in candidates
            )
        )
    if cand.country:
        own = signals.own.get(key, {}).get(cand.country, 0.0)
        x[18] = min(1.0, max(0.0, signals.countries.get(cand.country, 0.0) - own) / 2.0)
        x[19] = 1.0 if signals.top_country == cand.country and x[18] > 0 else 0.0
        x[20] = math.log1p(signals.demonyms.get(cand.country, 0))
        x[21] = signals.outlet[1] if signals.outlet[0] == cand.country else 0.0
    if cand.admin1_id and cand.feature != "admin1":
        x[22] = min(1.0, signals.admin1.get(cand.admin1_id, 0.0))
    x[23] = 1.0 if within and any(_contains(w, cand) for w in within) else 0.0
    x[24] = 1.0 if inner and any(_contains(cand, i) for i in inner) else 0.0
    if second:
        x[25] = near or 0.0
        x[26] = 1.0 if near_100km else 0.0
        own_country, own_admin1, own_conf = own_resolved
        if cand.country:
            weight = signals.resolved_countries.get(cand.country, 0.0)
            weight -= own_conf if own_country == cand.country else 0.0
            x[27] = min(1.0, max(0.0, weight) / 2.0)
        if cand.admin1_id and cand.feature != "admin1":
            weight = signals.resolved_admin1.get(cand.admin1_id, 0.0)
            weight -= own_conf if own_admin1 == cand.admin1_id else 0.0
            x[28] = min(1.0, max(0.0, weight))
    if cand.feature in ("country", "admin1", "admin2", "continent"):
        x[29] = math.log(mentions)
    x[30] = 1.0 if x[18] > 0 else 0.0
    x[31] = x[21] if cand.feature == "city" else 0.0
    x[32] = min(5, sum(1 for c in candidates if c.population > cand.population))
    a2 = cand.geonames_id if cand.feature == "admin2" else cand.admin2_id
    a1 = cand.geonames_id if cand.feature == "admin1" else cand.admin1_id
    if a2 and cand.feature in ("city", "admin2"):
        x[34] = float(any(a2 in ids for k, ids in signals.admin2_of.items() if k != key))
    if a1 and cand.feature in ("city", "admin2"):
        x[35] = math.log1p(sum(1 for k, ids in signals.admin1_of.items() if k != key and a1 in ids))
    x[33] = (
        0.0
        if any(c.country and signals.countries.get(c.country, 0.0) > 0 for c in candidates)
        else 1.0
    )
    return x


@dataclass(frozen=True)
class Ranker:
    """Two weight vectors (first and second pass) over ``FEATURES``."""

    first: tuple[float, ...]
    second: tuple[float, ...]
    card: dict

    def score(self, x: list[float], second: bool) -> float:
        w = self.second if second else self.first
        return sum(a * b for a, b in zip(w, x, strict=True))

    @classmethod
    def from_json(cls, data: dict) -> Ranker:
        def vector(weights: dict[str, float]) -> tuple[float, ...]:
            unknown = set(weights) - set(FEATURES)
            if unknown:
                raise ValueError(f"unknown ranker features: {sorted(unknown)}")
            return tuple(float(weights.get(f, 0.0)) for f in FEATURES)

        return cls(vector(data["first"]), vector(data["second"]), data.get("card", {}))

    def to_json(self) -> dict:
        return {
            "card": self.card,
            "first": dict(zip(FEATURES, self.first, strict=True)),
            "second": dict(zip(FEATURES, self.second, strict=True)),
        }


@trained("geo")
def ranker() -> Ranker | None:
    """The shipped ranker, or None (the rules decide) when its file is missing or bad."""
    try:
        return Ranker.from_json(json.loads(read_text(MODEL_FILE)))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def same_key(a: str, b: str) -> bool:
    return name_key(a) == name_key(b)


# --------------------------------------------------------------------------- resolution


def _near(cand: Entry, points: list[tuple[str, float, float, float]], key: str):
    """(max confidence · exp(-km / 150), another place within 100 km) over ``points``."""
    best, close = None, False
    p1 = math.radians(cand.lat)
    cos1 = math.cos(p1)
    for k, lat, lon, conf in points:
        if k == key:
            continue
        p2 = math.radians(lat)
        a = (
            math.sin((p2 - p1) / 2) ** 2
            + cos1 * math.cos(p2) * math.sin(math.radians(lon - cand.lon) / 2) ** 2
        )
        km = 12742.0 * math.asin(min(1.0, math.sqrt(a)))
        value = conf * math.exp(-km / 150.0)
        close = close or km <= 100.0
        if best is None or value > best:
            best = value
    return best, close


def signals_of(ctx, demonyms: dict[str, int], outlet: tuple[str | None, float]) -> ArticleSignals:
    """The article's signals from the places stage's context (``_Context``)."""
    countries = dict(ctx.countries)
    top = max(countries, key=countries.__getitem__) if countries else None
    signals = ArticleSignals(
        countries=countries,
        own={k: dict(v) for k, v in ctx.own.items()},
        demonyms=dict(demonyms),
        outlet=outlet,
        admin1=dict(ctx.admin1),
        top_country=top or None,
    )
    return signals


def add_links(signals: ArticleSignals, names) -> None:
    """The divisions each name's candidates lie in: ``admin2_of`` for every name,
    ``admin1_of`` for names of at most 5 candidates (a name found in every state says
    nothing about any)."""
    for n in names.values():
        a2, a1 = set(), set()
        for c in n.candidates:
            if c.feature == "admin2":
                a2.add(c.geonames_id)
            elif c.admin2_id:
                a2.add(c.admin2_id)
            if c.feature == "admin1":
                a1.add(c.geonames_id)
            elif c.admin1_id:
                a1.add(c.admin1_id)
        if a2:
            signals.admin2_of[n.key] = a2
        if a1 and len(n.candidates) <= 5:
            signals.admin1_of[n.key] = a1


def name_matrices(names, signals: ArticleSignals, within_of, second: bool):
    """Per name key with candidates: the feature matrix of its candidates.

    ``names`` maps keys to the places stage's ``_Name`` (mentions, candidates, and on the
    second pass the first pass's ``choice`` and ``confidence``)."""
    inner_of: dict[str, list[str]] = {}
    for key, outers in within_of.items():
        for outer in outers:
            inner_of.setdefault(outer, []).append(key)
    points = []
    if second:
        points = [
            (n.key, n.choice.lat, n.choice.lon, n.confidence)
            for n in names.values()
            if n.choice and n.choice.feature in ("city", "admin2", "admin1", "other")
        ]
    out = {}
    for n in names.values():
        if not n.candidates:
            continue
        within = [
            names[w].choice or names[w].candidates[0]
            for w in within_of.get(n.key, [])
            if w in names and names[w].candidates
        ]
        inner = [c for w in inner_of.get(n.key, []) if w in names for c in names[w].candidates[:20]]
        cues = {m.cue for m in n.mentions}
        text = n.mentions[0].name
        own = (None, None, 0.0)
        if second and n.choice is not None:
            c = n.choice
            a1 = c.geonames_id if c.feature == "admin1" else c.admin1_id
            own = (c.country if c.feature != "continent" else None, a1, n.confidence)
        rows = []
        for cand in n.candidates:
            near, close = _near(cand, points, n.key) if second else (None, False)
            rows.append(
                candidate_features(
                    n.key,
                    text,
                    cues,
                    len(n.mentions),
                    cand,
                    n.candidates,
                    signals,
                    within,
                    inner,
                    near,
                    close,
                    second,
                    own,
                )
            )
        out[n.key] = rows
    return out


def second_pass_signals(names, signals: ArticleSignals) -> None:
    """Add what the first pass resolved to ``signals``: countries and divisions, each
    place weighted by its confidence (a name does not count for itself: see ``own``)."""
    signals.resolved_countries = {}
    signals.resolved_admin1 = {}
    for n in names.values():
        c = n.choice
        if c is None:
            continue
        if c.country and c.feature != "continent":
            signals.resolved_countries[c.country] = (
                signals.resolved_countries.get(c.country, 0.0) + n.confidence
            )
        a1 = c.geonames_id if c.feature == "admin1" else c.admin1_id
        if a1:
            signals.resolved_admin1[a1] = signals.resolved_admin1.get(a1, 0.0) + n.confidence


def _pick(n, scores: list[float]) -> None:
    best = max(range(len(scores)), key=scores.__getitem__)
    top = scores[best]
    n.scores = scores
    n.choice = n.candidates[best]
    n.confidence = 1.0 / sum(math.exp(s - top) for s in scores)


def resolve(names, ctx, within_of, demonyms: dict[str, int], outlet: tuple, model: Ranker):
    """Choose every name's candidate with ``model``: first pass, then second pass."""
    signals = signals_of(ctx, demonyms, outlet)
    add_links(signals, names)
    for second in (False, True):
        if second:
            second_pass_signals(names, signals)
        for key, rows in name_matrices(names, signals, within_of, second).items():
            _pick(names[key], [model.score(x, second) for x in rows])
