"""The gazetteer candidates of a name: the entries called so, or what a demonym ("Canadian"),
an abbreviation of a body ("EU") or a variant ("Republic of …", "X province", "X's") names.
"""

from __future__ import annotations

from eventwire.knowledge import countries
from eventwire.knowledge.gazetteer import Entry, gazetteer, name_key
from eventwire.knowledge.words import listed, mapped

__all__ = ["candidates", "demonym_entry", "place_demonym"]

_ADMIN_WORDS = listed("places", "admin_words")
_CITY_WORDS = listed("places", "city_words")
_DIVISION_FEATURES = ("continent", "admin1", "admin2", "other")  # "other": world regions

# Demonyms of places that are not countries (countries' own are in countries.tsv).
_PLACE_DEMONYMS = mapped("places", "place_demonyms")


# Names that stand for a larger place in news ("the EU" is located in Europe).
STANDS_FOR = {"eu": "Europe", "european union": "Europe", "european commission": "Europe"}


def place_demonym(word: str) -> str | None:
    """The place a demonym of a place that is no country names ("Texan" → Texas)."""
    return _PLACE_DEMONYMS.get(word)


def demonym_entry(name: str) -> Entry | None:
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


def candidates(name: str) -> list[Entry]:
    """Gazetteer entries for a name, trying variants when the name itself is unknown.

    A demonym ("Canadian") names its country, not a place spelled like it.
    """
    gaz = gazetteer()
    demonym = demonym_entry(name) if name[:1].isupper() else None
    if demonym is not None:
        return [demonym]
    if name_key(name) in STANDS_FOR:
        return [e for e in gaz.lookup(STANDS_FOR[name_key(name)]) if e.feature == "continent"]
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
        return candidates(name[:-2])
    return []
