"""The date grammar: date expressions in English news, and their resolution to ISO 8601.

``PATTERNS`` (run on the lower-cased model text, in windows around trigger words) name the
common forms, and ``resolve``/``resolve_match`` turn an expression into a ``Resolved``
range of days:

- absolute: "2024-01-05", "5 January 2024", "January 5, 2024", "3 JAN 90", "March 2020",
  "in 2020", "the 1979 Islamic Revolution", "the 1980s", "2019-2023", "between 2019 and
  2023", "early 2020", "the 19th century";
- relative to an anchor date (``relative=True``): "Friday", "last Friday", "January
  5", "in March", "yesterday", "today", "this morning", "last night", "last week", "this
  month", "next year", "three days ago", "in the last five years".

A bare weekday, a day of a month or a month without a year is placed by the tense of its
clause (news convention): past → the most recent such day on or before the anchor, future
→ the next one on or after it; unknown tense → the most recent, unless a day of a month is
at most a month ahead (``SOON``) or a month is the next one.  "The last/past N years" is
the rolling window ending at the anchor.  What the patterns do not know goes to
dateparser (pinned dependency), anchored at the same date and cached.

The word lists of the context checks (``YEAR_BEFORE``, ``NAMED_AFTER``…) live here too;
finding the expressions in a Doc and judging them is the dates stage
(``eventwire.stages.dates``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from eventwire.model import Granularity

__all__ = [
    "MONTHS",
    "PATTERNS",
    "WEEKDAYS",
    "Resolved",
    "Tense",
    "Unresolved",
    "lower_case",
    "resolve",
    "resolve_match",
]


def _words_list(text: str) -> list[str]:
    return text.split()


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


Tense = Literal["past", "future"] | None

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}
NUMBERS = {
    word: n
    for n, word in enumerate(_words_list("zero one two three four five six seven eight nine ten"))
} | {"eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30}
NUMBERS |= {"a": 1, "an": 1, "a few": 3, "several": 3}

# --- patterns (case-insensitive unless noted; run on the model text) ---------------------

# Patterns are written in lower case and run on the lower-cased text (much faster than
# re.IGNORECASE), only in windows around trigger words (a digit, a month, a weekday, a
# relative word): a full scan of every pattern costs more than spaCy's tagger.
FULL_MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
)
_ABBR_MONTH = r"(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
_MONTH = rf"(?:{FULL_MONTH}|{_ABBR_MONTH})"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_NUM = (
    r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"twenty|thirty|a few|several|a|an)"
)
_PART = r"(?:\s+(?:morning|afternoon|evening|night))"
_QUAL = r"(?:(?:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)[\s-]+)"
_B = r"(?<![\w-])"  # start of a word
_E = r"(?![\w])"  # end of a word

# (name, trigger kind, pattern); the longest match wins where they overlap, then the earliest
PATTERNS: list[tuple[str, str, re.Pattern[str]]] = [
    (name, kind, re.compile(_B + pattern + _E))
    for name, kind, pattern in [
        ("iso", "digit", r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"),
        (
            "d_m_y",
            "month",
            rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?\s+(?P<m>{_MONTH}),?\s+"
            rf"(?P<y>{_YEAR})",
        ),
        ("d_mon_yy", "month", rf"(?P<d>{_DAY})\s+(?P<m>{_ABBR_MONTH}|may)\s+(?P<yy>\d\d)"),
        (
            "m_d_y",
            "month",
            rf"(?:{_WEEKDAY},?\s+)?(?P<m>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})",
        ),
        ("m_d", "month", rf"(?:{_WEEKDAY},?\s+)?(?P<m>{_MONTH})\s+(?P<d>{_DAY})(?![\d:.,]\d)"),
        (
            "d_m",
            "month",
            rf"(?:{_WEEKDAY},?\s+)?(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?\s+(?P<m>{_MONTH})",
        ),
        ("m_y", "month", rf"{_QUAL}?(?P<m>{_MONTH}),?\s+(?:of\s+)?(?P<y>{_YEAR})"),
        (
            "month",
            "month",
            rf"(?:(?P<rel>last|next|this|early|late|mid)[\s-]+)?(?P<m>{FULL_MONTH}|{_ABBR_MONTH})",
        ),
        (
            "weekday",
            "weekday",
            rf"(?:(?P<rel>last|next|this|coming|past)\s+)?(?P<w>{_WEEKDAY})(?:'s)?{_PART}?",
        ),
        (
            "word",
            "word",
            r"(?P<word>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|"
            r"the\s+day\s+after\s+tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night|"
            r"yesterday\s+(?:morning|afternoon|evening))",
        ),
        (
            "week_of",
            "word",
            rf"(?:the\s+)?(?P<nth>first|second|third|fourth|last|final)\s+week\s+of\s+"
            rf"(?P<m>{FULL_MONTH}|{_ABBR_MONTH})(?:,?\s+(?P<y>{_YEAR}))?",
        ),
        (
            "this_unit",
            "word",
            r"(?:(?P<q>earlier|later|late|early)\s+)?(?:the\s+)?(?P<rel>last|this|next|coming|past)\s+"
            r"(?P<unit>week|weekend|month|year|decade)",
        ),
        ("ago", "word", rf"(?P<n>{_NUM})\s+(?P<unit>day|week|month|year)s?\s+ago"),
        (
            "window",
            "word",
            rf"(?:the\s+)?(?P<rel>last|past|previous)\s+(?P<n>{_NUM})\s+"
            r"(?P<unit>day|week|month|year|decade)s?",
        ),
        (
            "year_range",
            "digit",
            rf"(?:(?P<from>from|between)\s+)?(?P<y1>{_YEAR})\s*"
            rf"(?P<sep>-|–|—|to|and|until|through)\s*(?P<y2>{_YEAR}|\d\d)",
        ),
        (
            "decade",
            "digit",
            r"(?:the\s+)?(?:(?P<q>early|mid|late)[\s-]+)?(?P<dec>1[5-9]\d0|20\d0|'\d0)s",
        ),
        ("century", "word", r"the\s+(?P<c>1[5-9]|2[01])(?:st|nd|rd|th)\s+century"),
        ("year", "digit", rf"{_QUAL}?(?P<y>{_YEAR})(?!s\b|[,.]\d|-(?:year|month|day|week)|\s*%)"),
    ]
]
DIGITS = re.compile(r"\d+")
TRIGGER_WORDS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tues|wednes|thurs|fri|satur|sun|"
    r"today|tonight|yesterday|tomorrow|ago|week|month|year|decade|centur|night|morning|"
    r"afternoon|evening)"
)
TRIGGER_KIND = {w: "month" for w in _words_list("jan feb mar apr may jun jul aug sep oct nov dec")}
TRIGGER_KIND |= {w: "weekday" for w in _words_list("mon tues wednes thurs fri satur sun")}
WINDOW = 45  # characters around a trigger that a pattern may cover
SOON = 31  # days: a day of a month in a clause of unknown tense is past unless this near
# Month names that are also English words count only when capitalised (the model text is
# truecased) and, for the abbreviations, only next to a day or a year.
CAPITALISED = re.compile(r"[A-Z]")
YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|till|by|from|before|after|during|through|of|early|late|mid|"
    r"year|summer|winter|spring|autumn|fall|around|circa|c\.|between|and|to|the)\s*-?|[(,])\s*$",
    re.IGNORECASE,
)
NOT_A_YEAR_AFTER = re.compile(
    r"^\s*(?:%|percent|per\s+cent|people|persons|men|women|children|soldiers|troops|"
    r"dollars|euros|pounds|km|kilomet|met(?:er|re)s|miles|feet|tons|tonnes|votes|cases|"
    r"deaths|casualties|of\s+(?:them|whom|the))\b",
    re.IGNORECASE,
)
MONTH_BEFORE = re.compile(r"\b(?:in|since|until|by|of|during|early|late|mid)\s*$", re.I)
MAY_VERB_AFTER = re.compile(r"\s+(?:be|have|not|also|well|still|never)\b")
MONEY_BEFORE = re.compile(r"[$€£¥]\s*$|\b(?:US|USD|EUR|Rs)\s*$")
FUTURE_WORDS = _words(
    """schedule plan expect set slate due intend aim prepare upcoming next will shall
    forthcoming await postpone delay"""
)
FUTURE_GOVERNORS = _words(
    """plan hope want expect intend aim vow threaten pledge promise agree decide prepare
    seek try schedule propose call urge ask"""
)
DATE_WORDS = (
    frozenset(MONTHS)
    | frozenset(WEEKDAYS)
    | _words("today tonight yesterday tomorrow morning afternoon evening night")
    | _words("week weekend month year last next this ago")
)
REPORTING = _words(
    """say report indicate state claim announce add note confirm deny tell reveal show
    explain insist warn allege believe know learn"""
)
NAMED_AFTER = re.compile(
    r"\s+(?:avenue|av\.|street|st\.|square|boulevard|road|park|bridge|highway|stadium|"
    r"movement|front|brigade|command|commando|group|battalion|school|neighborhood|district|"
    r"colony|plaza|university|hospital)\b",
    re.IGNORECASE,
)
NAME_LABELS = frozenset(
    ["ORG", "PERSON", "WORK_OF_ART", "FAC", "EVENT", "LAW", "PRODUCT", "NORP", "GPE", "LOC"]
)
DURATION_BEFORE = re.compile(r"\bfor\s+(?:the\s+)?$", re.IGNORECASE)
VAGUE = re.compile(
    r"^(?:the\s+)?(?:recent(?:ly)?|previous(?:ly)?|now|currently|current|past|future|"
    r"present|once|then|later|earlier|soon|ago|daily|weekly|monthly|annual(?:ly)?|yearly|"
    r"(?:\w+\s+)?anniversary|(?:\w+\s+)?(?:days?|weeks?|months?|years?|decades?|century|centuries|"
    r"hours?|minutes?|seconds?|time|times|period|season|ages|era|age)|"
    r"\d+(?:\s+|-)(?:days?|weeks?|months?|years?|decades?|hours?|minutes?|seconds?)(?:[\s-]old)?|"
    r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many|few|some|"
    r"a\s+few|the\s+next|the\s+coming|the\s+first|the\s+same|that|this|these|those)"
    r"\s+(?:days?|weeks?|months?|years?|decades?|hours?|minutes?|seconds?|day|time))$",
    re.IGNORECASE,
)


def lower_case(text: str) -> str:
    """``text`` in lower case, character for character (offsets stay valid)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


@dataclass(frozen=True)
class Resolved:
    """A normalised date: the days it covers and how precisely."""

    start: dt.date
    end: dt.date
    granularity: Granularity
    relative: bool

    @property
    def value(self) -> str:
        """ISO 8601: "2024-01-05", "2024-01", "2020" or "2019-01-01/2023-12-31"."""
        if self.granularity is Granularity.DAY:
            return self.start.isoformat()
        if self.granularity is Granularity.MONTH:
            return f"{self.start.year:04d}-{self.start.month:02d}"
        if self.granularity is Granularity.YEAR:
            return f"{self.start.year:04d}"
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


class Unresolved(Exception):
    """A relative expression with no date to resolve it against."""


# --- resolution helpers -------------------------------------------------------------------


def _day(d: dt.date, relative: bool) -> Resolved:
    return Resolved(d, d, Granularity.DAY, relative)


def _month(year: int, month: int, relative: bool) -> Resolved:
    last = calendar.monthrange(year, month)[1]
    return Resolved(
        dt.date(year, month, 1), dt.date(year, month, last), Granularity.MONTH, relative
    )


def _year(year: int, relative: bool) -> Resolved:
    return Resolved(dt.date(year, 1, 1), dt.date(year, 12, 31), Granularity.YEAR, relative)


def _range(start: dt.date, end: dt.date, relative: bool) -> Resolved:
    return Resolved(start, end, Granularity.RANGE, relative)


def _shift_months(d: dt.date, months: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def _need(anchor: dt.date | None) -> dt.date:
    if anchor is None:
        raise Unresolved
    return anchor


def _number(word: str) -> int:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else NUMBERS[word]


def _two_digit_year(yy: int, anchor: dt.date | None) -> int:
    """ "90" → 1990: the century that puts the year nearest the anchor (or 1930-2029)."""
    if anchor is None:
        return 1900 + yy if yy >= 30 else 2000 + yy
    candidates = [c + yy for c in (1900, 2000, 2100)]
    return min(candidates, key=lambda y: (abs(y - anchor.year), y))


def _weekday(target: int, rel: str, anchor: dt.date, tense: Tense) -> dt.date:
    back = (anchor.weekday() - target) % 7  # days since the most recent such day (0 = today)
    ahead = (target - anchor.weekday()) % 7
    if rel == "last" or rel == "past":
        return anchor - dt.timedelta(days=back or 7)
    if rel == "next":
        return anchor + dt.timedelta(days=ahead or 7)
    if rel in ("this", "coming") or tense == "future":
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back)


def _day_of_month(month: int, day: int, anchor: dt.date, tense: Tense) -> dt.date | None:
    """The date month/day nearest the anchor, before it when past, after it when future."""
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        if day <= calendar.monthrange(year, month)[1]:
            options.append(dt.date(year, month, day))
    if not options:
        return None
    past = [d for d in options if d <= anchor]
    future = [d for d in options if d >= anchor]
    if tense == "future" or (tense is None and future and (min(future) - anchor).days <= SOON):
        return min(future or options)
    return max(past or options)


def _month_near(month: int, rel: str, anchor: dt.date, tense: Tense) -> tuple[int, int]:
    this = anchor.year * 12 + anchor.month - 1
    options = [(y * 12 + month - 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if rel == "last":
        pick = max(o for o in options if o < this)
    elif rel == "next":
        pick = min(o for o in options if o > this)
    elif rel == "this":
        pick = anchor.year * 12 + month - 1
    elif tense == "future" or (
        tense is None and 0 < min(o for o in options if o >= this) - this <= 1
    ):
        pick = min(o for o in options if o >= this)
    else:
        pick = max(o for o in options if o <= this)
    return divmod(pick, 12)[0], divmod(pick, 12)[1] + 1


def _unit_span(unit: str, anchor: dt.date, offset: int) -> Resolved:
    """The week/month/year containing the anchor, shifted by ``offset`` units."""
    if unit == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=offset)
        return _range(monday, monday + dt.timedelta(days=6), True)
    if unit == "weekend":
        saturday = anchor + dt.timedelta(days=(5 - anchor.weekday()) % 7)
        if offset < 0:
            saturday -= dt.timedelta(days=7)
        elif offset > 0 and anchor.weekday() >= 5:
            saturday += dt.timedelta(days=7)
        return _range(saturday, saturday + dt.timedelta(days=1), True)
    if unit == "month":
        first = _shift_months(anchor.replace(day=1), offset)
        return _month(first.year, first.month, True)
    return _year(anchor.year + offset, True)


# --- the grammar ----------------------------------------------------------------------------


def resolve_match(
    name: str, g: dict[str, str], anchor: dt.date | None, tense: Tense
) -> Resolved | None:
    """Resolve one pattern match (``g``: its named groups); None when it is no date."""
    if name == "iso":
        try:
            return _day(dt.date(int(g["y"]), int(g["m"]), int(g["d"])), False)
        except ValueError:
            return None
    if name in ("d_m_y", "m_d_y", "d_mon_yy"):
        month = MONTHS[g["m"].lower().rstrip(".")]
        day = int(re.sub(r"\D", "", g["d"]))
        year = int(g["y"]) if g.get("y") else _two_digit_year(int(g["yy"]), anchor)
        try:
            return _day(dt.date(year, month, day), False)
        except ValueError:
            return None
    if name in ("m_d", "d_m"):
        month = MONTHS[g["m"].lower().rstrip(".")]
        day = int(re.sub(r"\D", "", g["d"]))
        found = _day_of_month(month, day, _need(anchor), tense)
        return _day(found, True) if found else None
    if name == "week_of":
        month = MONTHS[g["m"].rstrip(".")]
        year = int(g["y"]) if g.get("y") else _month_near(month, "", _need(anchor), tense)[0]
        last = calendar.monthrange(year, month)[1]
        nth = {"first": 0, "second": 1, "third": 2, "fourth": 3}.get(g["nth"])
        first = 1 + 7 * nth if nth is not None else last - 6
        start = dt.date(year, month, first)
        return _range(start, start + dt.timedelta(days=6), not g.get("y"))
    if name == "m_y":
        return _month(int(g["y"]), MONTHS[g["m"].lower().rstrip(".")], False)
    if name == "month":
        rel = (g.get("rel") or "").lower().rstrip("-")
        year, month = _month_near(MONTHS[g["m"].lower().rstrip(".")], rel, _need(anchor), tense)
        return _month(year, month, True)
    if name == "weekday":
        rel = (g.get("rel") or "").lower()
        return _day(_weekday(WEEKDAYS[g["w"].lower()], rel, _need(anchor), tense), True)
    if name == "word":
        word = " ".join(g["word"].lower().split())
        anchor = _need(anchor)
        if word.startswith("the day before"):
            return _day(anchor - dt.timedelta(days=2), True)
        if word.startswith("the day after"):
            return _day(anchor + dt.timedelta(days=2), True)
        if word.startswith("yesterday") or word == "last night":
            return _day(anchor - dt.timedelta(days=1), True)
        if word == "tomorrow":
            return _day(anchor + dt.timedelta(days=1), True)
        return _day(anchor, True)
    if name == "this_unit":
        rel, unit = g["rel"].lower(), g["unit"].lower()
        offset = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[rel]
        if (rel == "past" and unit != "weekend") or unit == "decade":
            # "the past week", "the last decade": the days up to the anchor
            if unit == "decade" and rel not in ("last", "past"):
                return None
            anchor = _need(anchor)
            start = {
                "week": anchor - dt.timedelta(days=7),
                "month": _shift_months(anchor, -1),
                "year": _shift_months(anchor, -12),
                "decade": _shift_months(anchor, -120),
            }[unit]
            return _range(start, anchor, True)
        return _unit_span(unit, _need(anchor), offset)
    if name == "ago":
        anchor = _need(anchor)
        n, unit = _number(g["n"]), g["unit"].lower()
        if unit == "day":
            return _day(anchor - dt.timedelta(days=n), True)
        if unit == "week":
            return _unit_span("week", anchor - dt.timedelta(weeks=n), 0)
        if unit == "month":
            past = _shift_months(anchor, -n)
            return _month(past.year, past.month, True)
        return _year(anchor.year - n, True)
    if name == "window":
        anchor = _need(anchor)
        n, unit = _number(g["n"]), g["unit"].lower()
        months = {"month": n, "year": 12 * n, "decade": 120 * n}.get(unit)
        if months is not None:
            start = _shift_months(anchor, -months)
        else:
            start = anchor - dt.timedelta(days=n * (7 if unit == "week" else 1))
        return _range(start, anchor, True)
    if name == "year_range":
        y1, y2 = int(g["y1"]), g["y2"]
        end_year = int(y2) if len(y2) == 4 else (y1 // 100) * 100 + int(y2)
        sep = g["sep"].lower()
        if sep in ("to", "and", "until", "through") and not g.get("from"):
            return None  # "in 2019 and 2023": two years, not a range
        if sep == "and" and g.get("from", "").lower() != "between":
            return None
        if not y1 < end_year <= y1 + 100:
            return None
        return _range(dt.date(y1, 1, 1), dt.date(end_year, 12, 31), False)
    if name == "decade":
        dec = g["dec"]
        start = int(dec) if not dec.startswith("'") else 1900 + int(dec[1:])
        q = (g.get("q") or "").lower()
        first, last = {"early": (0, 3), "mid": (3, 6), "late": (6, 9)}.get(q, (0, 9))
        return _range(dt.date(start + first, 1, 1), dt.date(start + last, 12, 31), False)
    if name == "century":
        c = int(g["c"])
        return _range(dt.date((c - 1) * 100 + 1, 1, 1), dt.date(c * 100, 12, 31), False)
    if name == "year":
        return _year(int(g["y"]), False)
    return None


def resolve(expression: str, anchor: dt.date | None, tense: Tense = None) -> Resolved | None:
    """Normalise one date expression ("Friday", "3 JAN 90", "the last five years").

    Raises ``Unresolved`` when the expression is relative and ``anchor`` is None;
    returns None when it is not a date eventwire can place.
    """
    text = " ".join(expression.split())
    lower = lower_case(text)
    for name, _, pattern in PATTERNS:
        match = pattern.fullmatch(lower)
        if match:
            return resolve_match(name, match.groupdict(), anchor, tense)
    return _dateparser(text, anchor, tense)


# --- dateparser for what the patterns do not know -----------------------------------------


@lru_cache(maxsize=8)
def _parser(anchor: dt.date | None, prefer: str):
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {
        "PREFER_DATES_FROM": prefer,
        "REQUIRE_PARTS": [],
        "STRICT_PARSING": False,
    }
    if anchor is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(anchor, dt.time())
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def _dateparser(text: str, anchor: dt.date | None, tense: Tense) -> Resolved | None:
    cleaned = re.sub(r"^(?:the|on|in|at|by|of|since|from)\s+", "", text, flags=re.IGNORECASE)
    if VAGUE.match(cleaned):
        return None
    words = set(re.findall(r"[a-z]+", cleaned.lower()))
    if not (words & DATE_WORDS or re.search(r"\b(?:1[5-9]|20)\d\d\b|\d[/.-]\d", cleaned)):
        return None  # a bare number ("63", "2230") or words dateparser would guess at
    has_year = re.search(r"\b(?:1[5-9]|20)\d\d\b", cleaned) is not None
    if not has_year and anchor is None:
        if re.search(r"\d", cleaned) or any(w in cleaned.lower() for w in (*MONTHS, *WEEKDAYS)):
            raise Unresolved
        return None
    data = _parser(anchor if not has_year else None, "future" if tense == "future" else "past")
    parsed = data.get_date_data(cleaned)
    if parsed is None or parsed.date_obj is None:
        return None
    day = parsed.date_obj.date()
    period = parsed.period or "day"
    if period == "year":
        return _year(day.year, not has_year)
    if period == "month":
        return _month(day.year, day.month, not has_year)
    if period == "week":
        return _unit_span("week", day, 0)
    return _day(day, not has_year)
