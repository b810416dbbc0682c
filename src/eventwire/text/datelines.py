"""Datelines: the place, date and outlet that open a wire story.

"SAN SALVADOR, 3 JAN 90 -- [TEXT] …", "KABUL, March 3 (AP) -", "PESHAWAR, Pakistan —",
"(Cupventi.com) –".  ``dateline_date`` gives its date (the dates stage's anchor when the
article has no publication date), ``outlet_of_dateline`` its outlet (the Article's outlet
when the URL gives none), ``dateline_dash``/``end_dateline`` the dash that ends it (made a
full stop in the text the model sees, so that the first sentence parses as one).
"""

from __future__ import annotations

import datetime as dt
import re

from eventwire.text.dates import MONTHS

__all__ = [
    "dateline_dash",
    "dateline_date",
    "dateline_outlet_span",
    "end_dateline",
    "outlet_of_dateline",
]

# "(Cupventi.com) –", "KABUL, March 3 (Reuters) -", "BEIRUT (AP) —" at the very start
_OUTLET_LINE = re.compile(r"^([^\n()]{0,80}?)\(([^\n()]{2,40})\)\s*[-–—]")
# what may precede the outlet: capitalised words and numbers ("KABUL, March 3 ")
_OUTLET_PLACE = re.compile(r"^(?:(?:[A-Z][\w.'’-]*|\d{1,4})(?:[ ,]+|$))*$")


def dateline_outlet_span(text: str) -> tuple[int, int] | None:
    """Offsets of the outlet named in a dateline at the start of the text, if any."""
    match = _OUTLET_LINE.match(text)
    if not match or not _OUTLET_PLACE.match(match.group(1)):
        return None
    return match.span(2)


def outlet_of_dateline(text: str) -> str | None:
    """The outlet named in a dateline at the start of the text, if any."""
    span = dateline_outlet_span(text)
    if span is None:
        return None
    name = text[span[0] : span[1]].strip()
    if "." in name and " " not in name:  # a domain: compare like URL hosts
        return name.lower().removeprefix("www.")
    return name


_DATE_LINE = re.compile(
    r"^[ \t]*[A-Za-z][^\n,]{0,60}(?:\([^)\n]*\))?,\s*(?P<date>[^\n()]{3,30}?)\s*"
    r"(?:\([^)\n]*\)\s*)?(?:--|—|–|\s-\s)",
    re.MULTILINE,
)


def dateline_date(text: str, year: int | None = None) -> dt.date | None:
    """The date of a wire-copy dateline in the first lines of ``text``, or None.

    "SAN SALVADOR, 3 JAN 90 -- [TEXT] …" → 1990-01-03; also "BOGOTA, 18 APRIL 89 (AFP) --",
    "PERTH (AUSTRALIA), JUNE 11 89 (AFP) --", "KABUL, March 3, 2024 (Reuters) -".  A
    dateline without a year ("TEGUCIGALPA, 7 FEB (REUTER) --") takes ``year`` when given;
    "NO DATE" gives None.  Two-digit years are 1930-2029.
    """
    for match in _DATE_LINE.finditer(text[:400]):
        found = _dateline_words(re.findall(r"[A-Za-z]+|\d+", match.group("date")), year)
        if found is not None:
            return found
    return None


def _dateline_words(words: list[str], year: int | None) -> dt.date | None:
    months = [i for i, w in enumerate(words) if w.lower() in MONTHS or w.lower()[:3] in MONTHS]
    numbers = [i for i, w in enumerate(words) if w.isdigit()]
    if len(months) != 1 or not numbers or len(words) > len(numbers) + 1:
        return None
    m = months[0]
    word = words[m].lower()
    month = MONTHS.get(word) or MONTHS[word[:3]]
    before = [int(words[i]) for i in numbers if i < m]
    after = [int(words[i]) for i in numbers if i > m]
    if before:  # "3 JAN 90"
        day, rest = before[0], after
    else:  # "JUNE 11 89", "March 3, 2024"
        day, rest = after[0], after[1:]
    parsed = rest[0] if rest else year
    if parsed is None:
        return None
    if parsed < 100:
        parsed = 1900 + parsed if parsed >= 30 else 2000 + parsed
    try:
        return dt.date(parsed, month, day)
    except ValueError:
        return None


# the first dash of the first line, after a word, a date or "(outlet)": "KABUL, March 3 (AP) -"
_DASH = re.compile(r"[\w.)\]][ \t]*(?P<dash>--|[-–—])(?=[ \t\n])")
# "PESHAWAR, Pakistan —": a city in capitals, then maybe its region and country
_CITY_LINE = re.compile(
    r"[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*(?:, [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*){1,2}"
)
_FIRST_LETTER = re.compile(r"(?:[ \t\n]|\[[^\]\n]{0,60}\])*(?P<letter>[a-z])")


def dateline_dash(text: str) -> tuple[int, int] | None:
    """Offsets of the dash that ends a dateline at the start of ``text``, if there is one.

    Only a dash after a real dateline counts: a place with a date or an outlet, as the
    dates and ingest readers know them ("KABUL, March 3 (AP) -", "SAN SALVADOR, 3 JAN 90 --"),
    or a city in capitals with its country ("PESHAWAR, Pakistan —").
    """
    match = _DASH.search(text, 0, 200)
    if match is None or "\n" in text[: match.start()].strip():
        return None
    head = text[: match.end() + 1]
    if (
        dateline_date(head, year=2000) is None
        and outlet_of_dateline(head.lstrip()) is None
        and not _CITY_LINE.fullmatch(text[: match.start() + 1].strip())
    ):
        return None
    return match.span("dash")


def end_dateline(text: str) -> str:
    """A dateline's dash made a full stop, and the next word capitalised.

    "PESHAWAR, PAKISTAN, MARCH 14 (CAPITAL WIRE) - TWO SUICIDE BOMBERS KILLED…" parses as
    one sentence in which the bombers are an apposition of the city; "….  Two suicide
    bombers killed…" parses as what it is.
    """
    dash = dateline_dash(text)
    if dash is None:
        return text
    start, end = dash
    text = text[:start] + "." + " " * (end - start - 1) + text[end:]
    if first := _FIRST_LETTER.match(text, end):
        i = first.start("letter")
        text = text[:i] + text[i].upper() + text[i + 1 :]
    return text
