"""Countries and territories: codes, GeoNames ids, English names, aliases and demonyms.

The data is ``countries.tsv`` beside this module (format and sources in its header).
Lookups ignore case, except abbreviations written in capitals ("US", "UK", "CAR"), which
match only as written so that "us" or "car" never names a country.  Where a name or a
demonym fits several rows ("Congolese"), the first row listed wins.

    >>> by_name("U.S.").iso3
    'USA'
    >>> by_demonym("Iranian").name
    'Iran'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from eventwire.knowledge.files import read_text

__all__ = ["Country", "all_countries", "by_demonym", "by_iso2", "by_iso3", "by_name"]


@dataclass(frozen=True, slots=True)
class Country:
    """One row of countries.tsv."""

    iso3: str
    iso2: str
    geonames_id: int
    name: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The name and every alias."""
        return (self.name, *self.aliases)


def _split(field: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in field.split("|") if part.strip())


@cache
def all_countries() -> tuple[Country, ...]:
    """Every row of countries.tsv, in file order."""
    text = read_text("countries.tsv")
    rows: list[Country] = []
    header_seen = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            header_seen = True
            if cells[0] == "iso3":
                continue
        if len(cells) < 4:
            raise ValueError(f"countries.tsv:{number}: expected at least 4 tab-separated columns")
        cells += [""] * (6 - len(cells))
        rows.append(
            Country(
                iso3=cells[0].strip(),
                iso2=cells[1].strip(),
                geonames_id=int(cells[2]),
                name=cells[3].strip(),
                aliases=_split(cells[4]),
                demonyms=_split(cells[5]),
            )
        )
    return tuple(rows)


def _is_abbreviation(name: str) -> bool:
    """ "US", "U.K.", "CAR": capitals only, short; matched case-sensitively."""
    letters = name.replace(".", "").replace(" ", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 5


def _key(name: str) -> str:
    return " ".join(name.replace("’", "'").split()).casefold()


@cache
def _index(kind: str) -> tuple[dict[str, Country], dict[str, Country]]:
    """(case-folded → country, exact abbreviation → country) for names or demonyms."""
    folded: dict[str, Country] = {}
    exact: dict[str, Country] = {}
    for country in all_countries():
        words = country.names if kind == "names" else country.demonyms
        for word in words:
            if _is_abbreviation(word):
                exact.setdefault(word, country)
            else:
                folded.setdefault(_key(word), country)
    return folded, exact


@lru_cache(maxsize=65536)
def _lookup(kind: str, word: str) -> Country | None:
    folded, exact = _index(kind)
    word = word.strip()
    if word in exact:
        return exact[word]
    found = folded.get(_key(word))
    if found is None and _key(word).startswith("the "):
        found = folded.get(_key(word)[4:])
    return found


@cache
def _codes() -> tuple[dict[str, Country], dict[str, Country]]:
    rows = all_countries()
    return {c.iso3: c for c in rows}, {c.iso2: c for c in rows}


def by_iso3(code: str) -> Country | None:
    """The country with this ISO alpha-3 code (any case), or None."""
    return _codes()[0].get(code.strip().upper())


def by_iso2(code: str) -> Country | None:
    """The country with this ISO alpha-2 code (any case), or None."""
    return _codes()[1].get(code.strip().upper())


def by_name(name: str) -> Country | None:
    """The country called ``name`` or one of its aliases ("Britain", "the U.S."), or None."""
    return _lookup("names", name)


def by_demonym(word: str) -> Country | None:
    """The country of a demonym ("Iranian", "Afghan", "U.S."), or None."""
    return _lookup("demonyms", word)
