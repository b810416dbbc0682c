"""More toponym spans for the places stage: names the statistical model missed or took for
a person or an organisation, found again with evidence from the article itself.

- One sense per discourse: once a name is a place in an article, its other capitalised
  occurrences are mentions of that place too ("Fargo" in "Fargo Police Chief", "Fargo
  raised its goal"), unless the name is part of a longer person's name ("Paris Hilton"),
  or the article also uses it as a person's surname ("Mayor Tom Henderson… Henderson said").
- A person or organisation entity of the model (one or two words) that is a gazetteer
  place, with place evidence beside it: a locative preposition ("in Gainesville"), a word
  of residence or local government after it ("Gainesville residents", "Torrington
  firefighters"), or a division or country after a comma ("Greer, South Carolina"); not an
  acronym, a body of the actors stage ("Congress") or a surname of the article.
- A name listed with a place found ("in Fargo and Moorhead") that is a gazetteer place.
- Not one-word names that are also English words ("March", "Refuge"), by the casing
  table of ``eventwire.text.truecase`` (loaded once per process, about 20 MB).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from spacy.attrs import IDX, LENGTH

from eventwire.knowledge import countries
from eventwire.knowledge.gazetteer import ALTERNATE, gazetteer
from eventwire.knowledge.words import listed, prepositions, titles
from eventwire.text.truecase import load_table

__all__ = ["coordinated_names", "names_with_evidence", "repeated_names"]

Spans = list[tuple[int, int]]
_TIME_LABELS = ("DATE", "TIME")
# Words after a name that make it a place: who lives or governs there ("Gainesville
# residents", "Torrington firefighters", "an Alexandria man").
_LOCAL_WORDS = listed("places", "local_words")
# Words before a name that make it a place ("in Gainesville", "near Tbilisi"); not "to"
# or "from", said of people too ("a letter from Welch").
_LOCATIVE = prepositions("place_cue")
_TITLES = titles("person_cue")


_PERSON_WORDS = "eventwire.places.person_words"


def _person_words(doc) -> frozenset[str]:
    """Words of the article's multi-word person names ("Tom Henderson": "Tom", "Henderson"),
    computed once per Doc (cached on it)."""
    words = doc.user_data.get(_PERSON_WORDS)
    if words is None:
        found: set[str] = set()
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) > 1:
                found.update(t.text for t in ent)
        words = doc.user_data[_PERSON_WORDS] = frozenset(found)
    return words


def repeated_names(
    text: str, doc, found: Iterable[tuple[int, int]], free: Callable[[int, int], bool]
) -> Spans:
    """Other occurrences of the names in ``found`` (spans of places already detected) that
    ``free(start, end)`` allows: same spelling, whole words, not inside a longer person's
    name, and not names the article uses as a person's surname."""
    names = {text[s:e] for s, e in found}
    names = {n for n in names if n[:1].isupper() and len(n) > 2 and not countries.by_demonym(n)}
    if not names:
        return []
    names = {n for n in names if not _common_word(n)}
    surnames = _person_words(doc)
    names -= surnames
    if not names:
        return []
    # entities an occurrence may not be inside: a longer person's name, a date ("March")
    ents = doc.ents
    persons = [(e.start_char, e.end_char) for e in ents if e.label_ == "PERSON" and len(e) > 1]
    dates = [(e.start_char, e.end_char) for e in ents if e.label_ in _TIME_LABELS]
    pattern = re.compile(
        r"(?<![\w.])(?:"
        + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        + r")(?![\w])"
    )
    out: Spans = []
    for match in pattern.finditer(text):
        s, e = match.span()
        if any(ps <= s and e <= pe for ps, pe in persons):
            continue
        if any(ds < e and s < de for ds, de in dates):
            continue
        if free(s, e):
            out.append((s, e))
    return out


def coordinated_names(
    text: str, doc, found: Iterable[tuple[int, int]], free: Callable[[int, int], bool]
) -> Spans:
    """Names listed with a place of ``found`` ("in Oakport and Moorhead", "Becker, Clay and
    Wilkin counties") that are gazetteer places, whatever the model tagged them (one or two
    proper nouns, not a longer person's name, an acronym, an English word or a surname).
    A name after a comma must be followed by another list item or a division word."""
    found = list(found)
    if not found:
        return []
    surnames = _person_words(doc)
    ents = doc.ents
    persons = [(e.start, e.end) for e in ents if e.label_ == "PERSON" and len(e) > 1]
    times = {i for e in ents if e.label_ in _TIME_LABELS for i in range(e.start, e.end)}
    rows = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
    token_of = {a: i for i, (a, _) in enumerate(rows)}
    end_of = {a + n: i for i, (a, n) in enumerate(rows)}
    queue = [(token_of[s], end_of[e] + 1) for s, e in found if s in token_of and e in end_of]
    taken = {i for first, last in queue for i in range(first, last)}
    out: Spans = []
    while queue:
        first, last = queue.pop()
        for start, end, joiner in _neighbours(doc, first, last):
            if any(i in times or i in taken for i in range(start, end)):
                continue
            span = doc[start:end]
            name = span.text
            if not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in span):
                continue
            if name.isupper() or any(w in surnames for w in name.split()):
                continue
            if any(ps <= start < pe and (ps, pe) != (start, end) for ps, pe in persons):
                continue
            if joiner == "," and not _list_goes_on(doc, start, end):
                continue
            if _common_word(name) or countries.by_demonym(name) or not is_place_name(name):
                continue
            if not free(span.start_char, span.end_char):
                continue
            taken.update(range(start, end))
            out.append((span.start_char, span.end_char))
            queue.append((start, end))
    return out


def _neighbours(doc, first: int, last: int):
    """(start, end, joiner) of the one- and two-token names joined to tokens first:last
    by "and", "or" or a comma, after and before them."""
    if last + 1 < len(doc) and doc[last].text in (",", "and", "or"):
        for n in (2, 1):
            if last + 1 + n <= len(doc):
                yield last + 1, last + 1 + n, doc[last].text
    if first >= 2 and doc[first - 1].text in (",", "and", "or"):
        for n in (2, 1):
            if first - 1 - n >= 0:
                yield first - 1 - n, first - 1, doc[first - 1].text


def _list_goes_on(doc, start: int, end: int) -> bool:
    after = doc[end] if end < len(doc) else None
    if after is None:
        return False
    return after.text in (",", "and", "or") or after.lower_ in _DIVISION_PLURALS


_DIVISION_PLURALS = listed("places", "division_plurals")


def names_with_evidence(text: str, doc, actors: Spans = ()) -> Spans:
    """Person and organisation entities of the model (one or two words) that are places by
    the words beside them: "in Gainesville", "Gainesville residents", "Greer, South
    Carolina"; not an acronym ("SEC"), a mention of an actor in ``actors`` (spans:
    "Congress") or a name the article uses for a person ("Tom Henderson… Henderson")."""
    surnames = _person_words(doc)
    out: Spans = []
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG") or len(ent) > 2:
            continue
        name = ent.text
        if name.startswith(("the ", "The ")) or not name[:1].isupper() or name.isupper():
            continue
        if any(s < ent.end_char and ent.start_char < e for s, e in actors):
            continue
        if any(w in surnames for w in name.split()):
            continue
        if located_name(doc, ent.start, ent.end):
            out.append((ent.start_char, ent.end_char))
    return out


def located_name(doc, start: int, end: int) -> bool:
    """Whether the name at tokens ``start:end`` is a gazetteer place with a locative word
    beside it ("in Herat", "Herat residents"), not an English word or a demonym."""
    name = doc[start:end].text
    if not _evidence(doc, start, end) or _common_word(name):
        return False
    return not countries.by_demonym(name) and is_place_name(name)


def _evidence(doc, start: int, end: int) -> bool:
    """A locative word before tokens ``start:end``, a local word after them, or a
    division or country after a comma."""
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if before is not None and before.lower_.rstrip(".") in _TITLES:
        return False
    if after is not None and after.lower_ in ("'s", "’s"):
        return False  # "into Bell's back"
    if before is not None and before.lower_ in _LOCATIVE:
        return True
    if after is not None and after.lower_ in _LOCAL_WORDS:
        return True
    if after is not None and after.text == "," and end + 1 < len(doc):
        for n in range(min(3, len(doc) - end - 1), 0, -1):
            piece = doc[end + 1 : end + 1 + n]
            if not all(t.text[:1].isupper() for t in piece):
                continue
            if any(e.feature in ("admin1", "country") for e in gazetteer().lookup(piece.text)):
                return True
    return False


def _common_word(name: str) -> bool:
    """A one-word name that is also an English word ("March", "City", "Refuge")."""
    if " " in name or "." in name:
        return False
    table, key = load_table(), name.lower()
    if table.known_lower(key):
        return True
    forms = table.forms.get(key, [])
    lower = sum(n for f, n in forms if f.islower())
    return lower > 0.05 * sum(n for _, n in forms)


def is_place_name(name: str) -> bool:
    """A gazetteer place by its own name or alias (not only an alternate spelling)."""
    return any(e.name_kind != ALTERNATE for e in gazetteer().lookup(name))
