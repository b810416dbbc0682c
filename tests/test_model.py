from __future__ import annotations

import pytest

from eventwire.model import (
    Actor,
    ActorKind,
    Arg,
    Article,
    ArticleReport,
    Count,
    Event,
    EventType,
    Modality,
    Span,
)

TEXT = "Gunmen killed at least 12 people in Kano on Monday."


def report() -> ArticleReport:
    article = Article(id="x", text=TEXT)
    return ArticleReport(
        article=article,
        actors=[
            Actor(id="A1", name="gunmen", kind=ActorKind.OTHER, mentions=[Span.of(TEXT, 0, 6)])
        ],
        events=[
            Event(
                id="E1",
                type=EventType.ASSAULT,
                trigger=Span.of(TEXT, 7, 13),
                sentence=Span.of(TEXT, 0, len(TEXT)),
                modality=Modality.OCCURRED,
                actors=[Arg(actor_id="A1", individual=True, span=Span.of(TEXT, 0, 6))],
                killed=Count(min=12, span=Span.of(TEXT, 14, 25)),
            )
        ],
    )


def test_model_report_round_trips_through_json():
    original = report()
    again = ArticleReport.model_validate_json(original.model_dump_json())
    assert again == original
    assert again.events[0].killed.min == 12


def test_model_check_spans_finds_every_span():
    r = report()
    assert len(r.spans()) == 5
    r.check_spans()
    r.events[0].trigger = Span(text="shot", start=7, end=13)
    with pytest.raises(ValueError, match="does not match"):
        r.check_spans()


def test_model_rejects_unknown_fields():
    with pytest.raises(ValueError):
        Span.model_validate({"text": "a", "start": 0, "end": 1, "offset": 3})
