"""Stage places: find the toponyms of an article and resolve them against GeoNames.

Detection
    spaCy's GPE, LOC and FAC entities; ORG/PERSON/NORP entities that are a country's
    name (metonymy: "Iran vowed…"); and gazetteer matching where the model misses:
    a name followed by a division word ("SAN MIGUEL DEPARTMENT", "Kerman province"),
    and, in ALL-CAPS wire copy, names of countries, divisions and large cities.
    Demonyms ("Iranian officials", "Palestinians") are place mentions of their own kind
    (``PlaceMention.kind`` demonym, ``uses.py``): they name the country but locate no
    event; metonymic uses ("Tehran said") are flagged (``metonymic``).

Resolution (one sense per article: every mention of a name gets the same place)
    The candidates of a name (``candidates.py``; for a name the gazetteer lacks, derived
    ones: a place's demonym, a place inside the name, ``fallback.py``) are ranked by the
    learned ranker (``ranker.py``, ``knowledge/geo_ranker.json``, trained by ``eventwire
    train geo``) from their prior (population, kind of place, how the name matched) and
    the article's context: the countries it names or implies (country names, demonyms,
    actors' countries, the outlet's country), its divisions, a division or country
    written next to the name ("Alexandria, Louisiana"), the word beside it ("province",
    "city"), and — in a second pass — the distance to the other places resolved.  The
    rules of ``resolve.py`` are the fallback.  ``confidence`` is the winner's share of
    the softmax over candidates.  A street or building the gazetteer lacks lies in the
    article's focus, its most mentioned place.
"""

from eventwire.stages.places.resolve import outlet_country
from eventwire.stages.places.stage import extract, resolve_spans

__all__ = ["extract", "outlet_country", "resolve_spans"]
