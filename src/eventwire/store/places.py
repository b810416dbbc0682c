"""The place keys of the clustering's blocking index (``incident_places``).

An event dated only by a year may join any incident of that year whose places fit its own
(``eventwire.incidents.similarity.place_fit``); these keys let the store read only those,
a superset of them and never fewer.  The rules mirror ``place_fit`` case by case (the
test ``test_place_keys_mirror_the_similarity`` checks it on random pairs):

- the same place: both sides have the key ``k:<place key>``;
- one inside the other: an event place looks up the keys of its province and district
  (``k:<admin1 id>``, ``k:<admin2 id>``: the incident names the province), and a province
  or district looks up ``in:<its id>`` (the incident names a place inside it);
- near each other (within ``reach_km``, the farthest two places fit): an incident place is
  filed under its cell of ``CELL_DEG`` degrees, an event place looks up every cell that
  has a point within ``reach_km`` of it;
- an incident place that fits any place of its country (a country, a place without
  coordinates, a place borrowed from the article or without a country) and an incident
  without places are filed under ``ANY``, which every lookup reads.

An event place of that kind (or an event without places) cannot narrow the lookup:
``lookup_keys`` gives None and the store reads every incident of the year and country.

Places are the profile's (JSON dicts) on the incident side and ``PlaceRef`` objects or
dicts on the event side; this module reads their fields by name.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

ANY = "*"
CELL_DEG = 2.0  # the side of a cell, in degrees of latitude and longitude
EARTH_KM = 6371.0  # as eventwire.incidents.similarity.km
KEY_CHARS = 64  # a longer key is cut (both sides alike: the lookup stays a superset)


def _get(place: Any, name: str) -> Any:
    return place.get(name) if isinstance(place, Mapping) else getattr(place, name, None)


def place_key(place: Any) -> str:
    """As ``eventwire.incidents.similarity.place_key``: the GeoNames id, else country:name."""
    geonames_id = _get(place, "geonames_id")
    return str(geonames_id) if geonames_id else f"{_get(place, 'country')}:{_get(place, 'name')}"


def _unspecific(place: Any) -> bool:
    """Whether the place fits any place of its country (as far as keys can tell)."""
    return bool(
        _get(place, "from_article")
        or not _get(place, "country")
        or _get(place, "feature") == "country"
        or _get(place, "lat") is None
        or _get(place, "lon") is None
    )


def _cell(lat: float, lon: float) -> tuple[int, int]:
    row = min(math.floor(lat / CELL_DEG), math.floor(90 / CELL_DEG) - 1)
    return row, _wrap(math.floor(lon / CELL_DEG))


def _wrap(column: int) -> int:
    """A column of cells brought into [-180, 180) degrees."""
    half = round(180 / CELL_DEG)
    return (column + half) % (2 * half) - half


def incident_keys(places: Iterable[Any]) -> list[str]:
    """The keys an incident with these (profile) places is filed under."""
    keys: set[str] = set()
    for place in places:
        if _unspecific(place):
            return [ANY]
        keys.add(f"k:{place_key(place)}")
        for container in (_get(place, "admin1_id"), _get(place, "admin2_id")):
            if container:
                keys.add(f"in:{container}")
        row, column = _cell(_get(place, "lat"), _get(place, "lon"))
        keys.add(f"c:{row}:{column}")
    return sorted(k[:KEY_CHARS] for k in keys) if keys else [ANY]


def cells_near(lat: float, lon: float, reach_km: float) -> set[tuple[int, int]]:
    """Every cell with a point within ``reach_km`` (great circle) of (lat, lon)."""
    angle = reach_km / EARTH_KM  # radians
    margin = 1e-6
    south = max(-90.0, lat - math.degrees(angle) - margin)
    north = min(90.0, lat + math.degrees(angle) + margin)
    widest = math.cos(math.radians(max(abs(south), abs(north))))
    if north >= 90.0 or south <= -90.0 or math.sin(angle) >= widest:
        columns = range(-round(180 / CELL_DEG), round(180 / CELL_DEG))
    else:  # the widest longitude difference of a point within reach, at the band's edge
        span = math.degrees(math.asin(math.sin(angle) / widest)) + margin
        columns = range(
            math.floor((lon - span) / CELL_DEG), math.floor((lon + span) / CELL_DEG) + 1
        )
    rows = range(_cell(south, 0)[0], _cell(north, 0)[0] + 1)
    return {(r, _wrap(c)) for r in rows for c in columns}


def lookup_keys(places: Iterable[Any], reach_km: float) -> list[str] | None:
    """The keys an event with these places looks up; None: any incident may fit."""
    keys = {ANY}
    for place in places:
        if _unspecific(place):
            return None
        keys.add(f"k:{place_key(place)}")
        for container in (_get(place, "admin1_id"), _get(place, "admin2_id")):
            if container:
                keys.add(f"k:{container}")
        if _get(place, "feature") in ("admin1", "admin2") and _get(place, "geonames_id"):
            keys.add(f"in:{_get(place, 'geonames_id')}")
        for row, column in cells_near(_get(place, "lat"), _get(place, "lon"), reach_km):
            keys.add(f"c:{row}:{column}")
    return sorted(k[:KEY_CHARS] for k in keys) if len(keys) > 1 else None
