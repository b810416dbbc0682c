"""More toponym spans for the places stage: names the statistical model missed or took for
a person or an organisation, found again with evidence from the article itself.

- One sense per discourse: once a name is a place in an article, its other capitalised
  occurrences are mentions of that place too ("Fargo" in "Fargo Police Chief", "Fargo
  raised its goal"), unless the name is part of a longer person's name ("Paris Hilton"),
  or the article also uses it as a person's surname ("Mayor Tom Henderson… Henderson said").
- A person or organisation entity of the model that is a gazetteer place, with place
  evidence beside it: a locative preposition ("in Gainesville"), a word of residence or
  local government after it ("Gainesville residents", "Torrington firefighters"), or a
  division or country written after a comma ("Greer, South Carolina").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from eventwire.knowledge import countries
from eventwire.knowledge.gazetteer import ALTERNATE, gazetteer

__all__ = ["repeated_names"]

Spans = list[tuple[int, int]]
_TIME_LABELS = ("DATE", "TIME")


def _person_words(doc) -> set[str]:
    """Words of the article's multi-word person names ("Tom Henderson": "Tom", "Henderson")."""
    words: set[str] = set()
    for ent in doc.ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            words.update(t.text for t in ent)
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
    persons = [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON" and len(e) > 1]
    dates = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in _TIME_LABELS]
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


def _common_word(name: str) -> bool:
    """A one-word name that is also an English word ("March", "City", "Refuge")."""
    from eventwire.truecase import load_table

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
