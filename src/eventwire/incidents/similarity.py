"""How well an event fits an incident: hard constraints, then a weighted score.

An event may join an incident only when
- the types are the same or compatible (``Settings.compatible``);
- the dates fit: a day-precise event within ``day_tolerance`` days of the incident's day
  (outlets resolve "Friday" differently, wire copy lags); a month, year or range that
  contains the incident's day; an undated event (assumed: the days before publication)
  whose window, widened by ``day_tolerance``, contains it;
- the places fit: the same place, one inside the other (Kerman city inside Kerman province
  inside Iran), or within ``max_km`` of each other; places in different countries never
  fit.  A place borrowed from the article (the event names none) vetoes only another
  country.

Then ``score = Σ weight × part`` over date, place, actors and text, each part in [0, 1]
(0.5 when a side does not say), and the event joins the best-scoring incident at or above
``threshold``, else starts one.  Text is the cosine of the content words of the event's
sentence and mentions with those of the incident's reports (no downloaded model).

The incident's side is its ``Profile``: the counts of its members' days, places, actors
and words, updated as members join (never recomputed from all members).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from pydantic import Field, PrivateAttr

from eventwire.incidents.facts import Features, PlaceRef
from eventwire.model import Model

EARTH_KM = 6371.0
MAX_TOKENS = 300  # words kept in a profile (the most frequent)
MAX_PLACES = 30


@dataclass(frozen=True)
class Settings:
    """Thresholds and weights of clustering (tuned on tests/fixtures/incidents)."""

    day_tolerance: int = 2
    max_km: float = 40.0
    threshold: float = 0.55
    weights: dict[str, float] = field(
        default_factory=lambda: {"date": 0.25, "place": 0.3, "actors": 0.1, "text": 0.35}
    )
    compatible: dict[str, frozenset[str]] = field(
        default_factory=lambda: {
            # an abduction or a raid is coded ASSAULT by one outlet and COERCE by another
            "ASSAULT": frozenset({"ASSAULT", "COERCE"}),
            "COERCE": frozenset({"COERCE", "ASSAULT"}),
            "PROTEST": frozenset({"PROTEST", "MOBILIZE"}),
            "MOBILIZE": frozenset({"MOBILIZE", "PROTEST"}),
        }
    )

    def types(self, type_: str) -> frozenset[str]:
        return self.compatible.get(type_, frozenset({type_}))


class Profile(Model):
    """What an incident looks like to clustering (stored as ``incidents.profile``)."""

    type: str
    n: int = 0
    days: dict[str, int] = Field(default_factory=dict, description="day-precise dates")
    ranges: list[tuple[dt.date, dt.date]] = Field(
        default_factory=list, description="coarse or assumed date ranges (first 20)"
    )
    places: list[PlaceRef] = Field(default_factory=list)
    place_counts: dict[str, int] = Field(default_factory=dict)
    actors: dict[str, int] = Field(default_factory=dict)
    tokens: dict[str, int] = Field(default_factory=dict)
    _day: list[dt.date | None] = PrivateAttr(default_factory=list)  # day(), once computed
    _weights: list[tuple[dict[str, float], float]] = PrivateAttr(default_factory=list)

    def day(self) -> dt.date | None:
        """The incident's day: the most reported day-precise date (earliest on a tie)."""
        cache = self.__pydantic_private__  # (a plain dict: pydantic's own access is slow)
        if cache["_day"]:  # computed once per change: scoring asks for it per candidate
            return cache["_day"][0]
        found = None
        if self.days:
            days = {dt.date.fromisoformat(k): n for k, n in self.days.items()}
            found = max(days, key=lambda d: (days[d], -d.toordinal()))
        cache["_day"] = [found]
        return found

    def window(self) -> tuple[dt.date, dt.date] | None:
        """Its day, or the intersection-or-earliest of its coarse ranges."""
        day = self.day()
        if day is not None:
            return day, day
        if not self.ranges:
            return None
        return min(r[0] for r in self.ranges), min(r[1] for r in self.ranges)

    def add(self, features: Features) -> None:
        """Count one more member."""
        self.__pydantic_private__.update(_day=[], _weights=[])
        self.n += 1
        if features.granularity == "day" and features.start is not None:
            key = features.start.isoformat()
            self.days[key] = self.days.get(key, 0) + 1
        elif features.start is not None and features.end is not None and len(self.ranges) < 20:
            self.ranges.append((features.start, features.end))
        for place in features.places:
            key = place_key(place)
            if key in self.place_counts:
                self.place_counts[key] += 1
            elif len(self.places) < MAX_PLACES:
                self.places.append(place)
                self.place_counts[key] = 1
        for actor in features.actors:
            self.actors[actor] = self.actors.get(actor, 0) + 1
        merged = Counter(self.tokens)
        merged.update(features.tokens)
        if len(merged) > MAX_TOKENS:
            merged = Counter(dict(merged.most_common(MAX_TOKENS)))
        self.tokens = dict(merged)

    def weights(self) -> tuple[dict[str, float], float]:
        """Its words' sublinear weights and their sum of squares (``cosine``), computed
        once per change: an event is compared with many incidents."""
        cache = self.__pydantic_private__
        if not cache["_weights"]:
            cache["_weights"] = [_weighted(self.tokens)]
        return cache["_weights"][0]

    def country(self) -> str | None:
        """The country of its most reported own place (borrowed places count less)."""
        counts: Counter[str] = Counter()
        for place in self.places:
            if place.country:
                weight = 1 if place.from_article else 3
                counts[place.country] += weight * self.place_counts.get(place_key(place), 1)
        return counts.most_common(1)[0][0] if counts else None


def place_key(place: PlaceRef) -> str:
    return str(place.geonames_id) if place.geonames_id else f"{place.country}:{place.name}"


def km(a: PlaceRef, b: PlaceRef) -> float | None:
    """Great-circle distance in km (None without coordinates)."""
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def inside(small: PlaceRef, big: PlaceRef) -> bool:
    """Whether ``small`` lies in ``big`` (a country, a first- or second-level division)."""
    if small.country is None or small.country != big.country:
        return False
    if big.feature == "country":
        return small.feature != "country"
    if big.geonames_id is None:
        return False
    if big.feature == "admin1":
        return small.admin1_id == big.geonames_id and small.geonames_id != big.geonames_id
    if big.feature == "admin2":
        return small.admin2_id == big.geonames_id and small.geonames_id != big.geonames_id
    return False


def place_fit(a: PlaceRef, b: PlaceRef, max_km: float) -> float | None:
    """How well two places fit (1 the same … 0.5 one inside a country); None: they do not."""
    if a.country and b.country and a.country != b.country:
        return None
    if place_key(a) == place_key(b):
        return 1.0
    if inside(a, b) or inside(b, a):
        return 0.5 if "country" in (a.feature, b.feature) else 0.8
    distance = km(a, b)
    if distance is not None and "country" not in (a.feature, b.feature):
        if distance <= max_km:
            return 0.9
        if a.feature == "city" and b.feature == "city":
            return None  # two towns too far apart
    if a.feature == "country" or b.feature == "country":
        return 0.5  # same country (checked above), one of them unspecific
    return None if distance is not None and distance > reach_km(max_km) else 0.3


def reach_km(max_km: float) -> float:
    """The farthest apart two places may be and still fit (``place_fit``: one of them a
    province or a district; two towns only within ``max_km``).  The store's place keys
    (``eventwire.store.places``) find the incidents within it."""
    return 4 * max_km


def _date_part(features: Features, profile: Profile, tolerance: int) -> float | None:
    window = profile.window()
    if features.start is None or features.end is None or window is None:
        return 0.5
    day = profile.day()
    if features.granularity == "day":
        if day is None:  # the incident knows only ranges
            lo, hi = window
            return 0.5 if lo - dt.timedelta(days=tolerance) <= features.start <= hi else None
        gap = abs((features.start - day).days)
        return None if gap > tolerance else 1.0 - gap / (tolerance + 1)
    if features.granularity == "assumed":
        lo = features.start - dt.timedelta(days=tolerance)
        if day is not None:
            return 0.6 if lo <= day <= features.end else None
        return 0.5 if lo <= window[1] and window[0] <= features.end else None
    # month, year, range: it must contain the incident's day (or meet its window)
    if day is not None:
        return 0.4 if features.start <= day <= features.end else None
    return 0.4 if features.start <= window[1] and window[0] <= features.end else None


def _place_part(features: Features, profile: Profile, max_km: float) -> float | None:
    if not features.places or not profile.places:
        return 0.5
    best: float | None = None
    vetoed = False
    for mine in features.places:
        for theirs in profile.places:
            fit = place_fit(mine, theirs, max_km)
            if fit is None:
                borrowed = mine.from_article or theirs.from_article
                if not borrowed or mine.country != theirs.country:
                    vetoed = True  # a borrowed place still says which country
                continue
            if mine.from_article or theirs.from_article:
                fit *= 0.8
            best = fit if best is None else max(best, fit)
    if best is None:
        return None if vetoed else 0.3
    return best


def _actor_part(features: Features, profile: Profile) -> float:
    if not features.actors or not profile.actors:
        return 0.5
    shared = sum(1 for a in features.actors if a in profile.actors)
    return 0.5 + 0.5 * shared / len(features.actors) if shared else 0.3


def _weighted(bag: dict[str, int]) -> tuple[dict[str, float], float]:
    weights = {k: 1 + math.log(v) for k, v in bag.items()}
    return weights, sum(v * v for v in weights.values())


def cosine(a: dict[str, int], b: dict[str, int]) -> float:
    """Cosine of two bags of words (sublinear counts)."""
    return _cosine(_weighted(a), _weighted(b))


def _cosine(a: tuple[dict[str, float], float], b: tuple[dict[str, float], float]) -> float:
    (wa, na), (wb, nb) = a, b
    if not wa or not wb:
        return 0.0
    dot = sum(v * wb[k] for k, v in wa.items() if k in wb)
    if not dot:
        return 0.0
    return dot / math.sqrt(na * nb)


def score(features: Features, profile: Profile, settings: Settings) -> float | None:
    """How well the event fits the incident, in [0, 1]; None when it cannot join it."""
    if profile.type not in settings.types(str(features.type)):
        return None
    date = _date_part(features, profile, settings.day_tolerance)
    if date is None:
        return None
    place = _place_part(features, profile, settings.max_km)
    if place is None:
        return None
    parts: dict[str, float] = {
        "date": date,
        "place": place,
        "actors": _actor_part(features, profile),
        "text": min(1.0, 1.6 * _cosine(_weighted(features.tokens), profile.weights())),
    }
    return sum(settings.weights[k] * v for k, v in parts.items())


def explain(features: Features, profile: Profile, settings: Settings) -> dict[str, Any]:
    """The parts of the score, for debugging and the evaluation report."""
    return {
        "date": _date_part(features, profile, settings.day_tolerance),
        "place": _place_part(features, profile, settings.max_km),
        "actors": _actor_part(features, profile),
        "text": cosine(features.tokens, profile.tokens),
        "score": score(features, profile, settings),
    }
