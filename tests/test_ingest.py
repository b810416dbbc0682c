"""Readers: text normalisation, ids, outlets, dates, header, decoding, HTML, JSONL, URLs."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
from datetime import date

import pytest

from eventwire.errors import FetchError, InputError, LanguageError
from eventwire.ingest.article import (
    article_id,
    articles_from_records,
    make_article,
    normalise_text,
    outlet_of_dateline,
)
from eventwire.ingest.html import html_article
from eventwire.ingest.jsonl import read_jsonl
from eventwire.ingest.limits import Limits
from eventwire.ingest.sources import read_source
from eventwire.ingest.text import decode, split_header
from eventwire.model import Failure

SENTENCE = "Police said gunmen killed four people at a checkpoint in Kano on Monday."
FRENCH = (
    "Le président a déclaré mardi que la situation dans la région était très grave et que "
    "le gouvernement allait envoyer une aide humanitaire aux habitants des villages touchés."
)
PAGE = """<!DOCTYPE html>
<html><head><title>Gunmen kill four in Kano | Example Wire</title>
<meta property="og:title" content="Gunmen kill four in Kano">
<meta property="article:published_time" content="2025-03-04T08:00:00Z">
<link rel="canonical" href="https://www.examplewire.example/africa/kano-checkpoint">
</head><body>
<nav><a href="/">Home</a> | <a href="/africa">Africa</a> | <a href="/sport">Sport</a></nav>
<article><h1>Gunmen kill four in Kano</h1>
<p>Gunmen killed four police officers at a checkpoint outside Kano on Monday night, a police
spokesman said, in the third attack on security forces in the state this month.</p>
<p>The attackers fled on motorcycles before reinforcements arrived, the spokesman said. No
group has claimed responsibility for the attack.</p>
</article>
<footer>Copyright Example Wire. All rights reserved.</footer>
</body></html>"""


def test_ingest_normalise_line_ends_unicode_and_spaces():
    text = "  Cafe\u0301 owners\r\nsaid\u00a0it  \r\rwas over.\x07  \n\n"
    assert normalise_text(text) == "Café owners\nsaid it\n\nwas over."


def test_ingest_article_id_is_the_hash_of_the_normalised_text():
    a = make_article(SENTENCE + "\r\n", source="a")
    b = make_article("  " + SENTENCE.replace(" ", " ", 1), source="b")
    assert a.id == b.id == article_id(a.text)
    assert a.text == SENTENCE


def test_ingest_spans_index_the_normalised_text():
    article = make_article("\ufeff  Gunmen\r\nkilled four.", source="x")
    assert article.text[article.text.index("killed") :].startswith("killed four")
    assert "\r" not in article.text and not article.text.startswith(" ")


def test_ingest_outlet_from_url_host_without_www():
    article = make_article(SENTENCE, source="x", url="https://WWW.Northwire.example/a/b?c=1")
    assert article.outlet == "northwire.example"
    assert article.url == "https://WWW.Northwire.example/a/b?c=1"


@pytest.mark.parametrize(
    ("start", "outlet"),
    [
        ("(Cupventi.com) – Islamic State has said", "cupventi.com"),
        ("KABUL, March 3 (Northwire) - Gunmen killed", "Northwire"),
        ("BEIRUT (AP) — The army said", "AP"),
        ("PESHAWAR, PAKISTAN, MARCH 14 (CAPITAL WIRE) - TWO BOMBERS", "CAPITAL WIRE"),
        ("The army (which denied it) – said the raid failed", None),
        ("Police said. Then (two men) - fled", None),
    ],
)
def test_ingest_outlet_from_dateline(start, outlet):
    assert outlet_of_dateline(start) == outlet


def test_ingest_explicit_outlet_wins_over_url_and_dateline():
    article = make_article(
        "BEIRUT (AP) — " + SENTENCE, source="x", url="https://a.example/x", outlet="Own Wire"
    )
    assert article.outlet == "Own Wire"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-04", date(2024, 1, 4)),
        ("2024-01-04T10:00:00Z", date(2024, 1, 4)),
        ("2024-01-04 23:59:00", date(2024, 1, 4)),
        (date(2020, 2, 29), date(2020, 2, 29)),
        (None, None),
    ],
)
def test_ingest_published_forms(value, expected):
    assert make_article(SENTENCE, source="x", published=value).published == expected


def test_ingest_published_unreadable_names_the_source():
    with pytest.raises(InputError, match=r"^a\.txt: .*'last Tuesday'"):
        make_article(SENTENCE, source="a.txt", published="last Tuesday")
    with pytest.raises(InputError, match="2024-02-30"):
        make_article(SENTENCE, source="a.txt", published="2024-02-30")


def test_ingest_empty_and_wordless_texts_are_refused():
    for text in ("", "   \n\t ", "12 34 -- 56"):
        with pytest.raises(InputError, match="empty text"):
            make_article(text, source="e.txt")


def test_ingest_too_long_text_is_refused():
    with pytest.raises(InputError, match="too long"):
        make_article(SENTENCE * 10, source="long.txt", max_chars=100)


def test_ingest_non_english_is_refused_english_accepted():
    with pytest.raises(LanguageError, match=r"fr\.txt: .*'fr'"):
        make_article(FRENCH, source="fr.txt")
    assert make_article(SENTENCE, source="en.txt").language == "en"
    assert make_article("Gunmen killed 12 in Kano.", source="short.txt").language == "en"
    assert make_article(SENTENCE.upper(), source="caps.txt").language == "en"


def test_ingest_clear_english_does_not_import_langid():
    code = (
        "import sys; from eventwire.ingest.language import detect_language; "
        f"assert detect_language({SENTENCE!r})[0] == 'en'; print('py3langid' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


def test_ingest_header_gives_metadata_and_is_not_article_text():
    text = (
        "---\ntitle: Gunmen kill four\npublished: 2025-03-04\n"
        "url: https://www.northwire.example/kano\n---\n" + SENTENCE
    )
    article = read_text(text)
    assert article.title == "Gunmen kill four"
    assert article.published == date(2025, 3, 4)
    assert article.outlet == "northwire.example"
    assert article.text == SENTENCE


def test_ingest_header_unknown_key_is_an_error_and_rules_are_not_headers():
    with pytest.raises(InputError, match=r"unknown header key.*author"):
        split_header("---\ntitle: A\nauthor: B\n---\ntext", "h.txt")
    assert split_header("---\nSome text\n---\nmore", "h.txt") == ({}, "---\nSome text\n---\nmore")


def read_text(text: str, **kwargs):
    from eventwire.ingest.text import text_article

    return text_article(text, source="t.txt", **kwargs)


def test_ingest_decode_utf8_with_bom_and_utf16():
    assert decode(codecs.BOM_UTF8 + "Café".encode(), "x") == "Café"
    assert decode("Café said".encode("utf-16"), "x") == "Café said"


def test_ingest_decode_windows_1252_with_a_note(caplog):
    data = "Café owners said the “army” fired.".encode("cp1252")
    with caplog.at_level("WARNING", logger="eventwire.ingest"):
        assert decode(data, "old.txt") == "Café owners said the “army” fired."
    assert "old.txt: not UTF-8" in caplog.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        (b"some text\x00\x00\x00more", "NUL"),
        (bytes(range(1, 32)) * 20, "control bytes"),
        (b"Caf\x81 \x8d\x8f\x90 said", "not UTF-8"),
    ],
)
def test_ingest_decode_refuses_binary(data, message):
    with pytest.raises(InputError, match=message):
        decode(data, "blob.bin")


def test_ingest_html_main_text_and_metadata():
    article = html_article(PAGE.encode(), source="page.html")
    assert article.title == "Gunmen kill four in Kano"
    assert article.published == date(2025, 3, 4)
    assert article.url == "https://www.examplewire.example/africa/kano-checkpoint"
    assert article.outlet == "examplewire.example"
    assert article.text.startswith("Gunmen killed four police officers")
    assert "Home" not in article.text and "Copyright" not in article.text


def test_ingest_html_without_main_text_is_refused():
    with pytest.raises(InputError, match=r"^e\.html: .*no article text"):
        html_article(b"<html><body><div><span></span></div></body></html>", source="e.html")


def test_ingest_html_detected_by_content_in_a_txt_file(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_text(PAGE, encoding="utf-8")
    assert read_source(str(path)).title == "Gunmen kill four in Kano"


def test_ingest_records_in_news_please_layout():
    records = [
        {
            "maintext": SENTENCE,
            "date_publish": "2025-03-04 10:00:00",
            "source_domain": "nw.example",
        },
        {"text": SENTENCE + " Again.", "published": "2025-03-05", "title": "T"},
        {"title": "no text"},
    ]
    items = list(articles_from_records(records, source="py", published="2000-01-01"))
    assert items[0].published == date(2025, 3, 4) and items[0].outlet == "nw.example"
    assert items[1].published == date(2025, 3, 5) and items[1].title == "T"
    assert isinstance(items[2], Failure) and items[2].source == "py:3"


def test_ingest_jsonl_bad_lines_fail_alone(tmp_path):
    path = tmp_path / "b.jsonl"
    lines = [
        json.dumps({"text": SENTENCE}),
        "{not json",
        "",
        json.dumps({"text": FRENCH}),
        json.dumps(["a", "list"]),
        json.dumps({"maintext": SENTENCE + " More.", "date_publish": "2025-03-04"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_jsonl(str(path), published="2020-01-01"))
    assert [type(i).__name__ for i in items] == [
        "Article",
        "Failure",
        "Failure",
        "Failure",
        "Article",
    ]
    assert items[0].published == date(2020, 1, 1)
    assert items[4].published == date(2025, 3, 4)
    assert [i.source for i in items if isinstance(i, Failure)] == [
        f"{path}:2",
        f"{path}:4",
        f"{path}:5",
    ]
    assert "malformed JSON" in items[1].error


def test_ingest_jsonl_line_over_the_cap_is_skipped(tmp_path):
    path = tmp_path / "big.jsonl"
    big = json.dumps({"text": SENTENCE * 50})
    path.write_text(big + "\n" + json.dumps({"text": SENTENCE}) + "\n", encoding="utf-8")
    items = list(read_jsonl(str(path), limits=Limits(max_bytes=500)))
    assert isinstance(items[0], Failure) and "size cap" in items[0].error
    assert items[1].text == SENTENCE


def test_ingest_url_html_page(http_server, tmp_path, loopback_allowed):
    (tmp_path / "www" / "kano.html").write_text(PAGE, encoding="utf-8")
    article = read_source(f"{http_server}/kano.html")
    assert article.title == "Gunmen kill four in Kano"
    assert article.url == f"{http_server}/kano.html"
    assert article.outlet == "127.0.0.1"


def test_ingest_url_plain_text_with_header(http_server, tmp_path, loopback_allowed):
    (tmp_path / "www" / "a.txt").write_text(
        "---\npublished: 2025-03-04\n---\n" + SENTENCE, encoding="utf-8"
    )
    article = read_source(f"{http_server}/a.txt")
    assert article.text == SENTENCE and article.published == date(2025, 3, 4)


def test_ingest_url_failures_name_the_url(http_server, tmp_path, loopback_allowed):
    (tmp_path / "www" / "doc.pdf").write_bytes(b"%PDF-1.7 not an article")
    (tmp_path / "www" / "big.txt").write_text(SENTENCE * 100, encoding="utf-8")
    with pytest.raises(FetchError, match=r"/missing\.html: .*HTTP 404"):
        read_source(f"{http_server}/missing.html")
    with pytest.raises(FetchError, match="redirects"):
        read_source(f"{http_server}/loop")
    with pytest.raises(InputError, match="content type application/pdf"):
        read_source(f"{http_server}/doc.pdf")
    with pytest.raises(FetchError, match="size cap"):
        read_source(f"{http_server}/big.txt", limits=Limits(max_bytes=1000))
    with pytest.raises(InputError, match="only http and https"):
        read_source("file:///etc/passwd")
