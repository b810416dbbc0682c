"""Names the gazetteer lacks: candidates derived from the name, else the article's focus.

- A place's demonym: "Ohioans" → Ohio, "Dagestani" → Dagestan, "South Ossetian" → South
  Ossetia (a division, or a city of 100,000+, by its own name or alias).
- "Loudon Co." → Loudon County.
- The longest place name inside the name: "Dubai World Cup" → Dubai, "Colorado State
  University" → Colorado, "Russian Embassy" → Russia; not a part that is an English word
  ("Brands Hatch" is not Hatch).
- Else the name lies in the article's focus ("Royal Street" in an article about New
  Orleans), with a low confidence: GeoWebNews and LGL annotate streets, buildings and
  neighbourhoods, which no package of the index lists.
"""

from __future__ import annotations

from eventwire.knowledge import countries
from eventwire.knowledge.gazetteer import ALTERNATE, Entry
from eventwire.knowledge.words import listed
from eventwire.stages.places.candidates import candidates as _candidates
from eventwire.stages.places.evidence import _common_word

__all__ = ["derived_candidates", "place_within_focus"]

# Words of a name that make it a place below city level: it lies in the article's place.
FACILITY_WORDS = listed("places", "facility_words")
_FACILITY_FIRST = listed("places", "facility_first_words")
_COMPASS_FIRST = listed("places", "compass_first_words")
_LOCAL = ("city", "admin2", "admin1")
_GENERIC = FACILITY_WORDS | listed("places", "generic_name_words")


def place_within_focus(names, focus_all: bool = True) -> None:
    """Names without a candidate lie in the article's focus ("Royal Street" in an article
    about New Orleans): they get its entry, with a low confidence (0.3 for a name with a
    facility word, else 0.15).  So do names whose city or division, derived from a part of
    the name, lies in no country of the article's other places ("Bank of Japan" keeps
    Japan)."""
    focus = article_focus(names)
    if focus is None:
        return
    known = {n.choice.country for n in names.values() if n.choice is not None and not n.derived}
    for n in names.values():
        c, name = n.choice, n.mentions[0].name
        # a part's place far from the article: "Meydan Racecourse" in Dubai, not in Turkey
        far = bool(n.derived and c and c.feature in _LOCAL and c.country not in known)
        if (far and _from_part(name)) or (c is None and (focus_all or is_facility(name))):
            n.choice = focus
            n.confidence = 0.3 if is_facility(name) else 0.15


def _from_part(name: str) -> bool:
    """Candidates derived from a part of the name, not from a demonym ("Sicilian")."""
    words = name.split()
    return len(words) > 1 and words[0] not in _COMPASS_FIRST


def is_facility(name: str) -> bool:
    """A name of a place below city level by its words ("Royal Street", "Xavier University")."""
    words = [w.lower().strip(".,'’") for w in name.split()]
    first = words[:1]
    return any(w in FACILITY_WORDS for w in words[1:]) or any(w in _FACILITY_FIRST for w in first)


def article_focus(names) -> Entry | None:
    """The article's most mentioned place (mentions × confidence) of the finest level
    found: a city or district, else a first-level division, else a country; not a place
    derived from a longer name ("Faubourg Marigny" is no mention of Marigny)."""
    for features in (("city", "admin2"), ("admin1",), ("country",)):
        best, weight = None, 0.0
        for n in names.values():
            c = n.choice
            if c is not None and c.feature in features and not n.derived:
                w = len(n.mentions) * n.confidence
                if w > weight:
                    best, weight = c, w
        if best is not None:
            return best
    return None


# Suffixes of the demonyms of places (a place's name, then what replaces the suffix):
# "Ohioans" → Ohio, "Minnesotans" → Minnesota, "Londoners" → London, "Dagestani" →
# Dagestan, "South Ossetian" → South Ossetia, "Ontarians" → Ontario, "Abkhaz" → Abkhazia.
_DEMONYM_SUFFIXES = (
    ("ians", "ia"), ("ians", "io"), ("ians", "y"), ("ian", "ia"), ("ian", "io"), ("ian", "y"),
    ("ans", ""), ("ans", "a"), ("ns", ""), ("an", "a"), ("n", ""), ("ers", ""), ("er", ""),
    ("ites", ""), ("ite", ""), ("is", ""), ("i", ""), ("", "ia"),
)  # fmt: skip
_DIVISIONS = ("country", "admin1", "admin2", "continent")


def derived_candidates(name: str) -> list[Entry]:
    """Candidates of a name the gazetteer lacks, derived from it: a place's demonym
    ("Ohioans"), "X Co." for X County, or the longest place name inside it."""
    if (name[:1].isupper() and " " not in name.strip()) or name.split()[0] in _COMPASS_FIRST:
        found = demonym_candidates(name)
        if found:
            return found
    words = name.split()
    if len(words) > 1 and words[-1] in ("Co.", "Co", "Cnty."):
        found = _candidates(" ".join([*words[:-1], "County"]))
        if found:
            return found
    return _part_candidates(name)


def demonym_candidates(name: str) -> list[Entry]:
    """The division or city a demonym of a place names ("Iowans" → Iowa), by its suffix:
    a division, or a city of 100,000 people or more, by its own name or alias."""
    for suffix, replacement in _DEMONYM_SUFFIXES:
        if not name.endswith(suffix) or len(name) - len(suffix) < 3:
            continue
        stem = name[: len(name) - len(suffix)] + replacement
        found = [
            c
            for c in _candidates(stem)[:20]
            if c.name_kind != ALTERNATE
            and (c.feature in _DIVISIONS or (c.feature == "city" and c.population >= 100_000))
        ]
        if found:
            return found
    return []


def _part_candidates(name: str) -> list[Entry]:
    """Candidates of the longest place name inside an unknown name ("Dubai World Cup" →
    Dubai, "Colorado State University" → Colorado, "Russian Embassy" → Russia): words that
    are not generic, a country, division or city by its own name or alias."""
    words = name.replace("/", " ").split()
    if len(words) < 2:
        return []
    for size in range(len(words) - 1, 0, -1):
        for i in range(len(words) - size + 1):
            part = words[i : i + size]
            if all(w.lower().strip(".,'’") in _GENERIC for w in part):
                continue
            if part[0].lower() in _GENERIC or not part[0][:1].isupper():
                continue
            sub = " ".join(part).strip(".,'’")
            if countries.by_name(sub) is None and (len(sub) < 3 or _common_word(sub)):
                continue
            found = [c for c in _candidates(sub)[:60] if c.name_kind != ALTERNATE]
            if found:
                return found
    return []
