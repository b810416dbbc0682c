"""Invisible characters (zero-width spaces and joiners, bidi marks, soft hyphens…) and emoji
glued to words are ignored by the NLP, and evidence spans still index the text as given."""

from __future__ import annotations

import sys
import unicodedata

from eventwire.ingest.article import make_article

PLAIN = (
    "Boko Haram fighters attacked Konduga in Nigeria on Monday, killing 19 people, police "
    "said. Gunmen attacked a market in Maiduguri on Tuesday."
)


def facts(report) -> tuple:
    return (
        sorted(p.name for p in report.places),
        sorted((e.type, e.killed.min if e.killed else -1) for e in report.events),
    )


def test_invisible_characters_do_not_split_words(extractor):
    # a zero-width space or a bidi mark inside a name, an emoji right after one, zero-width
    # joiners before a number: the place and the "19 killed" were lost
    odd = (
        PLAIN.replace("Konduga", "Kon\u200bduga")
        .replace("Nigeria", "Nige\u200fria")
        .replace("Maiduguri", "Maiduguri\U0001f642")
        .replace(" 19 ", " \u200d\u200d19 ")
        .replace("fighters", "fight\u00aders")
    )
    plain = extractor.extract(make_article(PLAIN, source="plain", published="2025-03-03"))
    report = extractor.extract(make_article(odd, source="odd", published="2025-03-03"))
    report.check_spans()  # spans index the text as given, invisible characters included
    assert report.article.text == odd
    assert facts(report) == facts(plain)
    assert {"Konduga", "Nigeria", "Maiduguri"} <= {p.name for p in report.places}
    mentions = {m.text for p in report.places for m in p.mentions}
    assert {"Kon\u200bduga", "Nige\u200fria", "Maiduguri"} <= mentions
    killed = next(e.killed for e in report.events if e.killed)
    assert killed.min == 19 and report.article.text[killed.span.start : killed.span.end] == (
        killed.span.text
    )


def test_invisible_offsets_map_back_onto_the_text():
    from eventwire.text.invisible import visible

    text = "a\u200bb\u200c\u200dc \U0001f642d e\U0001f642 f\U0001f642x"
    seen = visible(text)
    assert seen is not None and seen.text == "abc d e f x"
    for i, char in enumerate(seen.text):
        start, end = seen.to_article(i, i + 1)
        assert end == start + 1 and (text[start] == char or text[start] == "\U0001f642")
    assert seen.to_article(0, 3) == (0, 6)  # the invisible characters inside come along
    assert seen.to_article(len(seen.text), len(seen.text)) == (len(text), len(text))
    assert visible("plain text") is None


def test_invisible_list_holds_every_format_character():
    from eventwire.text.invisible import _INVISIBLE_CHAR

    format_chars = [
        chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"
    ]
    assert all(_INVISIBLE_CHAR.match(c) for c in format_chars)
    assert not any(_INVISIBLE_CHAR.match(c) for c in "aZ09 .,-\n\t—é中")
