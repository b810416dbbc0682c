"""LGL and GeoWebNews readers and the detection scorer, on fixtures written for the tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventwire.evaluate import geo
from eventwire.evaluate.metrics import MAX_ERROR_KM, distance_km
from eventwire.evaluate.report import Report
from eventwire.model import Article, ArticleReport, Place, PlaceFeature, Span

ROOT = Path(__file__).parent / "fixtures" / "evaluate" / "geo"


def test_evaluate_geo_read_lgl():
    docs = geo.read_lgl(ROOT / "lgl.xml")
    assert [d.id for d in docs] == ["1001", "1002"]
    first, second = docs
    assert first.published == dt.date(2009, 3, 20)
    assert first.url == "http://www.example.org/news/20090320/bridge"
    assert [(t.text, t.geonames_id) for t in first.toponyms] == [
        ("Springfield", 4250542),
        ("Springfield", 4250542),
        ("Sangamon River", None),
        ("Peoria", 4905687),
    ]
    assert not first.toponyms[2].located and first.toponyms[3].lat == pytest.approx(40.69365)
    for doc in docs:
        for t in doc.toponyms:
            assert doc.text[t.start : t.end] == t.text
    # the fixture's "Alexandria" is two characters off: moved onto its words, not dropped
    assert second.toponyms[0].text == "Alexandria" and second.misaligned == 0


def test_evaluate_geo_read_gwn_types():
    [doc] = geo.read_gwn(ROOT / "GWN.xml")
    kinds = {t.text: t.kind for t in doc.toponyms}
    assert kinds["Dublin"] == "Literal" and kinds["Texan"] == "Demonym"
    toponyms = [t.text for t in doc.toponyms if geo.is_toponym(t)]
    assert toponyms == ["Irish", "Dublin", "Paris", "Washington", "Kurdish", "Elm Street"]
    elm = next(t for t in doc.toponyms if t.text == "Elm Street")
    assert elm.located and elm.geonames_id is None  # coordinates, no GeoNames id
    assert next(t for t in doc.toponyms if t.text == "lot").lat is None


def test_evaluate_geo_missing_file_is_one_line_error(tmp_path):
    from eventwire.errors import InputError

    with pytest.raises(InputError, match="missing"):
        geo.read_lgl(tmp_path / "lgl.xml")
    bad = tmp_path / "GWN.xml"
    bad.write_text("<articles><article>", encoding="utf-8")
    with pytest.raises(InputError, match="XML"):
        geo.read_gwn(bad)


def test_evaluate_geo_error_km():
    t = geo.Toponym(0, 6, "Dublin", geonames_id=2964574, lat=53.33306, lon=-6.24889)
    assert geo.error_km(None, t) == MAX_ERROR_KM
    paris = Place(id="P1", name="Paris", lat=48.85341, lon=2.3488)
    assert geo.error_km(paris, t) == pytest.approx(
        distance_km(48.85341, 2.3488, 53.33306, -6.24889)
    )
    assert geo.error_km(Place(id="P2", name="Nowhere"), t) == MAX_ERROR_KM
    # the same GeoNames id is no error, wherever its coordinates put it
    same = Place(id="P3", name="Dublin", geonames_id=2964574, lat=53.0, lon=-8.0)
    assert geo.error_km(same, t) == 0.0


def place(text: str, pid: str, words: str, gid: int, lat: float, lon: float, country: str) -> Place:
    start = text.index(words)
    mention = Span.of(text, start, start + len(words))
    return Place(id=pid, geonames_id=gid, name=words, country=country, lat=lat, lon=lon,
                 feature=PlaceFeature.CITY, mentions=[mention])  # fmt: skip


def test_evaluate_geo_detection_scored_by_hand():
    [doc] = geo.read_gwn(ROOT / "GWN.xml")
    text = doc.text
    report = ArticleReport(
        article=Article(id="g", text=text),
        places=[
            place(text, "P1", "Dublin", 2964574, 53.33306, -6.24889, "IRL"),
            place(text, "P2", "Paris", 4717560, 33.66094, -95.55551, "USA"),  # Paris, Texas
            place(text, "P3", "Texan", 4736286, 31.25044, -99.25061, "USA"),  # a demonym
        ],
    )
    report.check_spans()
    out = Report("geo-gwn", "all", "fixture")
    det = geo.score_detection([doc], [report], out)
    # gold toponyms: Irish, Dublin, Paris, Washington, Kurdish, Elm Street; found Dublin, Paris
    assert (det["overlap"].p_num, det["overlap"].p_den, det["overlap"].r_den) == (2, 3, 6)
    assert det["exact"].p_num == 2
    # literal types only: Dublin, Paris, Elm Street
    assert (det["literal"].r_num, det["literal"].r_den) == (2, 3)
    # detected and located: Dublin 0 km, Paris (Texas) thousands of km off
    assert det["errors"][0] == pytest.approx(0.0) and det["errors"][1] > 7000
    assert det["ids"] == [True, False]
    assert det["spurious_kinds"] == {"Demonym": 1}
    missed = sorted(e["text"] for e in out.errors[geo.DETECTION_TABLE] if e["kind"] == "missed")
    assert missed == ["Elm Street", "Irish", "Kurdish", "Washington"]
    assert geo.score_detection([doc], [None], out)["overlap"].r_den == 6


def test_evaluate_geo_resolution_counts_the_right_toponyms():
    [doc] = geo.read_gwn(ROOT / "GWN.xml")
    res = geo.score_resolution([doc], Report("geo-gwn", "all", "fixture"))
    # with coordinates: Irish, Dublin, Paris, Washington, Kurdish, Elm Street (6);
    # with a GeoNames id: Irish, Dublin, Paris, Washington (4)
    assert len(res.located_errors) == 6
    assert len(res.errors) == len(res.exact) == 4
    assert all(0 <= e <= MAX_ERROR_KM for e in res.located_errors)


def test_evaluate_geo_detection_maps_normalised_offsets_onto_the_file_text():
    from eventwire.ingest.article import normalise_text

    [doc] = geo.read_gwn(ROOT / "GWN.xml")
    # the file's text with outer white space and trailing blanks, as some corpus files have
    raw = "\n  " + doc.text.replace("\n", "   \n")
    shift = {t.text: raw.index(t.text, t.start) - t.start for t in doc.toponyms}
    for t in doc.toponyms:
        t.start, t.end = t.start + shift[t.text], t.end + shift[t.text]
        assert raw[t.start : t.end] == t.text
    doc.text = raw
    text = normalise_text(raw)  # what eventwire indexes
    assert text != raw
    report = ArticleReport(
        article=Article(id="g", text=text),
        places=[place(text, "P1", "Dublin", 2964574, 53.33306, -6.24889, "IRL")],
    )
    report.check_spans()
    det = geo.score_detection([doc], [report], Report("geo-gwn", "all", "fixture"))
    assert det["exact"].p_num == 1 and det["overlap"].p_num == 1
    assert det["ids"] == [True]
