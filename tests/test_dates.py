"""The dates stage on sentences written for the tests, the kerman example and datelines."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from eventwire.findings import Findings
from eventwire.ingest.article import make_article
from eventwire.stages import dates
from eventwire.text.datelines import dateline_date
from eventwire.text.dates import Unresolved, resolve
from eventwire.text.nlp import model_text

THURSDAY = "2024-01-04"  # the kerman article's publication date, a Thursday


def found_dates(extractor, text: str, published: str | None = THURSDAY) -> Findings:
    """Run spaCy and the dates stage alone on ``text``."""
    article = make_article(text, source="test", published=published)
    found = Findings(article=article, doc=extractor.nlp(model_text(article.text)))
    dates.extract(found)
    for when in found.dates:
        assert article.text[when.span.start : when.span.end] == when.span.text
    return found


def values(extractor, text: str, published: str | None = THURSDAY) -> list[tuple[str, str]]:
    return [(d.span.text, d.value) for d in found_dates(extractor, text, published).dates]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Funerals of the victims are scheduled for Friday.", "2024-01-05"),
        ("The two leaders will hold talks in Geneva on Friday.", "2024-01-05"),
        ("Officials said talks are expected to resume on Monday.", "2024-01-08"),
        ("The vote is set for next Tuesday.", "2024-01-09"),
        ("A soldier was killed on Friday.", "2023-12-29"),
        ("Police said on Monday that the suspect had fled.", "2024-01-01"),
        ("The rebels attacked the town last Friday.", "2023-12-29"),
        ("The protest took place on Thursday.", "2024-01-04"),
        ("Friday's bombing killed five people.", "2023-12-29"),
    ],
)
def test_dates_weekday_by_tense(extractor, sentence, expected):
    (when,) = found_dates(extractor, sentence).dates
    assert when.value == expected
    assert when.granularity == "day" and when.relative


def test_dates_years_are_year_granularity(extractor):
    found = found_dates(
        extractor, "He was killed in 2020, the worst loss since the 1979 Islamic Revolution."
    )
    assert [(d.span.text, d.value, d.granularity, d.relative) for d in found.dates] == [
        ("2020", "2020", "year", False),
        ("1979", "1979", "year", False),
    ]
    (when,) = found.dates[:1]
    assert when.start == dt.date(2020, 1, 1) and when.end == dt.date(2020, 12, 31)


def test_dates_months_and_days(extractor):
    assert values(extractor, "The group was founded in March 2015.") == [("March 2015", "2015-03")]
    assert values(extractor, "Elections will be held in May.") == [("May", "2024-05")]
    assert values(extractor, "The offensive began in November.") == [("November", "2023-11")]
    assert values(extractor, "The bridge was blown up on 30 December.") == [
        ("30 December", "2023-12-30")
    ]
    assert values(extractor, "The ceasefire was signed on January 5, 2023.") == [
        ("January 5, 2023", "2023-01-05")
    ]
    assert values(extractor, "The accord dated 2023-11-02 holds.") == [("2023-11-02", "2023-11-02")]
    assert values(extractor, "The rebels met in the first week of March 2020.") == [
        ("the first week of March 2020", "2020-03-01/2020-03-07")
    ]


def test_dates_ranges(extractor):
    assert values(extractor, "Between 2019 and 2023 the war displaced thousands.") == [
        ("Between 2019 and 2023", "2019-01-01/2023-12-31")
    ]
    assert values(extractor, "The junta ruled from 1976 to 1983.") == [
        ("from 1976 to 1983", "1976-01-01/1983-12-31")
    ]
    assert values(extractor, "The 2015-2017 drought was severe.") == [
        ("2015-2017", "2015-01-01/2017-12-31")
    ]
    assert values(extractor, "Kidnappings were common in the 1980s.") == [
        ("the 1980s", "1980-01-01/1989-12-31")
    ]
    found = found_dates(
        extractor, "Tehran accused the group of dozens of attacks in the last five years."
    )
    (when,) = found.dates
    assert (when.span.text, when.value, when.granularity) == (
        "the last five years",
        "2019-01-04/2024-01-04",
        "range",
    )
    assert when.relative


def test_dates_relative_words(extractor):
    found = found_dates(
        extractor,
        "The army said yesterday that fighting resumed this morning. Last week the rebels "
        "withdrew, and last month they lost a town. Three days ago a convoy was hit. "
        "Talks resume tomorrow.",
    )
    assert [(d.span.text, d.value, d.granularity) for d in found.dates] == [
        ("yesterday", "2024-01-03", "day"),
        ("this morning", "2024-01-04", "day"),
        ("Last week", "2023-12-25/2023-12-31", "range"),
        ("last month", "2023-12", "month"),
        ("Three days ago", "2024-01-01", "day"),
        ("tomorrow", "2024-01-05", "day"),
    ]
    assert all(d.relative for d in found.dates)
    assert [d.id for d in found.dates] == ["D1", "D2", "D3", "D4", "D5", "D6"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The recent bombings were previously blamed on the group, which now denies it.",
        "The memorial marked the fourth anniversary of his death.",
        "The clash lasted 30 minutes and the siege three days.",
        "The air force has kept the same level for the last 10 years.",
        "A 30-year-old man was arrested.",
        "He may come back, officials said.",
        "The blasts wounded 284 people, including children.",
        "Police said 2000 people marched and 1,500 soldiers were deployed.",
        "The first bomb exploded at 2230, local time.",
        "The company paid $2020 in fines.",
        "The Sunday Times published the letter.",
        "Police guarded 9 October Avenue during the 19 April Movement rally.",
        "The workers said they will March peacefully.",
        "The patrol was attacked at 1700, local time.",
    ],
)
def test_dates_not_dates(extractor, sentence):
    assert values(extractor, sentence) == []


def test_dates_without_publication_date(extractor):
    found = found_dates(
        extractor,
        "The group was founded in 1979 and attacked the base on Friday, officials said yesterday.",
        published=None,
    )
    assert [(d.span.text, d.value) for d in found.dates] == [("1979", "1979")]
    (warning,) = found.warnings
    assert warning.startswith("dates: 2 relative date expression(s) left unresolved")


def test_dates_wire_copy_dateline_anchors_relative_words(extractor):
    text = (
        "SAN SALVADOR, 3 JAN 90 -- [TEXT] THE ARMY REPORTED THAT FIVE GUERRILLAS WERE KILLED "
        "DURING CLASHES YESTERDAY.  ACCORDING TO THE GARRISON, THE KIDNAPPING TOOK PLACE ON "
        "30 DECEMBER.  THE CLASH LASTED 30 MINUTES."
    )
    found = found_dates(extractor, text, published=None)
    assert [(d.span.text, d.value, d.relative) for d in found.dates] == [
        ("3 JAN 90", "1990-01-03", False),
        ("YESTERDAY", "1990-01-02", True),
        ("30 DECEMBER", "1989-12-30", True),
    ]
    assert found.warnings == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SAN SALVADOR, 3 JAN 90 -- [TEXT] THE ARMY", dt.date(1990, 1, 3)),
        ("   BOGOTA, 18 APRIL 89 (AFP) -- [TEXT] TALKS", dt.date(1989, 4, 18)),
        ("PERTH (AUSTRALIA), JUNE 11 89 (AFP) -- [TEXT] X", dt.date(1989, 6, 11)),
        ("CLANDESTINE, 8 JAN 90 (RADIO VENCEREMOS)-- [TEXT] A", dt.date(1990, 1, 8)),
        ("KABUL, March 3, 2024 (Reuters) - Gunmen attacked", dt.date(2024, 3, 3)),
        ("DEV-MUC3-0001 (NOSC)\n\n   SAN SALVADOR, 3 JAN 90 -- [TEXT]", dt.date(1990, 1, 3)),
        ("SAN SALVADOR, NO DATE -- [SPEECH] [CRISTIANI]", None),
        ("TEGUCIGALPA, 7 FEB (REUTER) -- [TEXT] A BOMB", None),
        ("The army said, on reflection, that it would go -- eventually.", None),
    ],
)
def test_dateline_date(text, expected):
    assert dateline_date(text) == expected


def test_dateline_date_year_hint():
    assert dateline_date("TEGUCIGALPA, 7 FEB (REUTER) -- [TEXT]", year=1990) == dt.date(1990, 2, 7)


def test_resolve_without_anchor():
    assert resolve("3 JAN 90", None).value == "1990-01-03"
    assert resolve("the 1990s", None).value == "1990-01-01/1999-12-31"
    with pytest.raises(Unresolved):
        resolve("Friday", None)
    assert resolve("the fourth anniversary", dt.date(2024, 1, 4)) is None


def test_dates_fallback_to_dateparser(extractor):
    """A form the patterns do not know, found by spaCy, normalised by dateparser."""
    assert values(extractor, "The accord signed on 1/5/2024 still holds.") == [
        ("1/5/2024", "2024-01-05")
    ]


def test_dates_kerman(kerman):
    by_text = {}
    for when in kerman.dates:
        by_text.setdefault(when.span.text, when)
    assert by_text["2020"].value == "2020" and by_text["2020"].granularity == "year"
    assert by_text["1979"].value == "1979" and by_text["1979"].granularity == "year"
    assert by_text["Friday"].value == "2024-01-05" and by_text["Friday"].relative
    spans = {w.span.text for w in kerman.dates}
    assert not spans & {"recent", "previously", "the fourth anniversary"}


def _muc4_key_days(path) -> dict[str, set[dt.date]]:
    """Message id → its templates' incident days given as one day ("30 DEC 89")."""
    days: dict[str, set[dt.date]] = {}
    message = None
    for line in path.read_text(encoding="latin-1").splitlines():
        if "MESSAGE: ID" in line:
            message = line.split()[-2]
        elif "INCIDENT: DATE" in line and message:
            found = dateline_date(f"X, {line.split('DATE', 1)[1].strip()} --")
            if found:
                days.setdefault(message, set()).add(found)
    return days


def test_dates_quality_gate_muc4_dev(extractor):
    """On real wire copy (MUC-4 dev, first 40 messages, no publication date given), the
    incident day of the answer keys is among the days the stage extracts."""
    from conftest import DATA, need_shared

    raw = need_shared(DATA / "muc4" / "raw" / "dev")
    text = (raw / "dev-muc3-0001-0100").read_text(encoding="latin-1")
    parts = re.split(r"^(DEV-MUC3-\d{4}) \(\w+\)\s*$", text, flags=re.M)[1:]
    messages = list(zip(parts[::2], parts[1::2], strict=True))[:40]
    keys = _muc4_key_days(raw / "key-dev-0001.muc4")
    hits = total = 0
    for message_id, body in messages:
        if message_id not in keys:
            continue
        found = found_dates(extractor, body.strip(), published=None)
        extracted = {d.start for d in found.dates if d.granularity == "day"}
        total += len(keys[message_id])
        hits += len(keys[message_id] & extracted)
    assert total >= 20
    assert hits / total >= 0.9  # measured 0.964 on the first 400 dev messages
