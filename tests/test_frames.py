"""eventwire.to_frame: reports and stores as pandas DataFrames."""

from __future__ import annotations

from pathlib import Path

import pandas
import pytest

import eventwire
from eventwire.export import COLUMNS
from eventwire.incidents.cluster import update_incidents
from eventwire.ingest.sources import read_source

ARTICLES = Path(__file__).resolve().parents[1] / "examples" / "articles"


@pytest.fixture(scope="module")
def reports(extractor):
    out = []
    for name in ("peshawar-bombing-day1.txt", "peshawar-bombing-day2.txt", "peshawar-claim.txt"):
        report = extractor.extract(read_source(str(ARTICLES / name)))
        report.check_spans()
        out.append(report)
    return out


def test_frames_events_one_row_per_event_with_names_and_evidence(reports):
    frame = eventwire.to_frame(reports, what="events")
    assert isinstance(frame, pandas.DataFrame)
    assert len(frame) == sum(len(r.events) for r in reports)
    first, event = reports[0], reports[0].events[0]
    row = frame.iloc[0]
    assert row["article_id"] == first.article.id and row["event_id"] == event.id
    assert row["type"] == str(event.type)
    assert row["acled_sub_event_type"] == event.acled_sub_event_type
    assert row["acled_event_type"] == event.acled_event_type and row["acled_event_type"]
    text = first.article.text
    assert text[row["sentence_start"] : row["sentence_end"]] == row["sentence"]
    actors = [first.actor(a.actor_id) for a in event.actors if a.actor_id]
    for actor in actors:
        assert actor.name in row["actors"]
    place = next((first.place(a.place_id) for a in event.place if a.place_id), None)
    if place is not None:
        assert (row["place"], row["latitude"]) == (place.name, place.lat)


def test_frames_statements_and_places(reports):
    statements = eventwire.to_frame(reports, what="statements")
    assert len(statements) == sum(len(r.statements) for r in reports) > 0
    places = eventwire.to_frame(reports[0], what="places")
    assert list(places["name"]) == [p.name for p in reports[0].places]
    assert "Peshawar" in set(places["name"])


def test_frames_of_nothing_keep_their_columns():
    frame = eventwire.to_frame([], what="events")
    assert frame.empty and {"event_id", "type", "actors", "sentence"} <= set(frame.columns)


def test_frames_from_a_store_match_the_reports_and_give_incidents(reports, tmp_path):
    with eventwire.open_store(tmp_path / "frames.db") as store:
        for report in reports:
            store.save(report)
        from_store = eventwire.to_frame(store, what="events")
        pandas.testing.assert_frame_equal(from_store, eventwire.to_frame(reports))
        update_incidents(store)
        incidents = eventwire.to_frame(store, what="incidents")
    assert list(incidents.columns) == [c.name for c in COLUMNS]
    assert len(incidents) >= 1 and "Peshawar" in " ".join(incidents["location"].dropna())


def test_frames_refuse_what_they_cannot_give(reports):
    with pytest.raises(ValueError, match="incidents come from a store"):
        eventwire.to_frame(reports, what="incidents")
    with pytest.raises(ValueError, match="one of events, statements, places, incidents"):
        eventwire.to_frame(reports, what="actors")  # type: ignore[arg-type]
