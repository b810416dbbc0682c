"""The pipeline: stage contracts checked when the Extractor is built and after each stage,
and a custom stage whose output lands in the report."""

from __future__ import annotations

import pytest
import spacy

from eventwire.errors import PipelineError, StageError
from eventwire.findings import Findings
from eventwire.ingest.article import make_article
from eventwire.model import ArticleReport, Span, When
from eventwire.pipeline import Extractor, Stage, default_stages
from eventwire.stages import actors, events

TEXT = (
    "Gunmen armed with rifles and a car bomb attacked a police station in Kandahar on "
    "Monday, killing three officers, officials said."
)


def weapons(found: Findings) -> None:
    """A custom stage: the instruments of the article's events, in text order."""
    found.extensions["weapons"] = [
        a.span.text for e in found.events for a in sorted(e.instruments, key=lambda a: a.span.start)
    ]


def test_pipeline_default_stages_declare_what_they_require_and_assign():
    stages = {s.name: s for s in default_stages()}
    assert list(stages) == [
        "actors",
        "places",
        "dates",
        "counts",
        "events",
        "statements",
        "classes",
    ]
    assert stages["events"].requires == ("actors", "places", "dates", "counts")
    assert stages["statements"].assigns == ("statements", "events")


def test_pipeline_refuses_a_stage_whose_requirement_no_earlier_stage_assigns():
    stage = Stage("events", events.extract, requires=("actors", "places"), assigns=("events",))
    first = Stage("actors", actors.extract, assigns=("actors",))
    with pytest.raises(PipelineError) as caught:
        Extractor(nlp=spacy.blank("en"), stages=[first, stage])
    assert str(caught.value) == (
        "events: [E103] requires places, which no stage before it assigns (stages: actors, events)"
    )
    with pytest.raises(PipelineError, match="requires actors"):
        Extractor(nlp=spacy.blank("en"), stages=[stage, first])  # the order matters


def test_pipeline_refuses_unknown_fields_duplicate_names_and_plain_functions():
    with pytest.raises(PipelineError, match="unknown field 'weapons'"):
        Extractor(nlp=spacy.blank("en"), stages=[Stage("w", weapons, assigns=("weapons",))])
    twice = [Stage("w", weapons), Stage("w", weapons)]
    with pytest.raises(PipelineError, match="w: \\[E103\\] two stages with this name"):
        Extractor(nlp=spacy.blank("en"), stages=twice)
    with pytest.raises(PipelineError, match="not a Stage"):
        Extractor(nlp=spacy.blank("en"), stages=[("w", weapons)])  # type: ignore[list-item]


def sneaky(found: Findings) -> None:
    """Adds a date without declaring it."""
    text = found.article.text
    found.dates.append(
        When(
            id="D9",
            value="2024-01-01",
            granularity="day",
            start="2024-01-01",
            end="2024-01-01",
            span=Span.of(text, 0, 6),
        )
    )


def test_pipeline_a_stage_changing_a_field_it_does_not_assign_is_a_contract_error(monkeypatch):
    extractor = Extractor(nlp=spacy.blank("en"), stages=[Stage("sneaky", sneaky)])
    article = make_article(TEXT, source="test", check_language=False)
    with pytest.raises(StageError, match="sneaky: \\[E100\\] changed dates, which it does not"):
        extractor.extract(article)
    monkeypatch.setenv("EVENTWIRE_STRICT", "0")
    report = extractor.extract(article)
    assert report.warnings == ["stage sneaky changed dates, which it does not assign"]
    declared = Extractor(nlp=spacy.blank("en"), stages=[Stage("s", sneaky, assigns=("dates",))])
    assert declared.extract(article).warnings == []


def test_pipeline_custom_stage_output_lands_in_the_report(extractor):
    custom = Stage("weapons", weapons, requires=("events",), assigns=("extensions",))
    with_weapons = Extractor(nlp=extractor.nlp, stages=[*default_stages(), custom])
    report = with_weapons.extract(make_article(TEXT, source="test", check_language=False))
    report.check_spans()
    assert report.extensions == {"weapons": ["rifles", "car bomb"]}
    again = ArticleReport.model_validate_json(report.model_dump_json())
    assert again.extensions == report.extensions
    plain = extractor.extract(make_article(TEXT, source="test", check_language=False))
    assert plain.extensions == {}
    assert plain.events == report.events  # the custom stage changes nothing else


def test_every_error_class_that_sets_a_code_has_its_own():
    # ClusterError once shared E103 with PipelineError (FetchRefused keeps FetchError's)
    from eventwire import errors

    codes = [
        c.__dict__["code"]
        for c in vars(errors).values()
        if isinstance(c, type) and issubclass(c, errors.EventwireError) and "code" in c.__dict__
    ]
    assert len(codes) == len(set(codes)) >= 9
