"""EVENTWIRE_MODELS turns the trained components on and off, each alone or all together;
without them the rules decide (the fallback when a model file is missing)."""

from __future__ import annotations

import pytest

from eventwire.knowledge.files import MODELS, model_on, models_only, models_used

CRITIC = "The senator bemoaned that the budget was late again."
GOMA = "Rebels attacked a checkpoint near Goma on Monday, the army said."


def cues(report) -> list[str]:
    return [s.cue.text for s in report.statements if s.cue is not None]


def goma_confidence(report) -> float:
    (place,) = [p for p in report.places if p.name == "Goma"]
    return place.confidence


@pytest.mark.parametrize(
    ("value", "used"),
    [
        (None, set(MODELS)),
        ("1", set(MODELS)),
        ("0", set()),
        ("off", set()),
        ("attribution, geo", {"attribution", "geo"}),
        ("ROLES", {"roles"}),
    ],
)
def test_models_switch_reads_all_none_or_a_list(monkeypatch, value, used):
    if value is None:
        monkeypatch.delenv("EVENTWIRE_MODELS", raising=False)
    else:
        monkeypatch.setenv("EVENTWIRE_MODELS", value)
    assert models_used() == used
    assert {m for m in MODELS if model_on(m)} == used


def test_models_switch_refuses_an_unknown_name_in_one_line(monkeypatch):
    from typer.testing import CliRunner

    from eventwire.cli import _register, app

    monkeypatch.setenv("EVENTWIRE_MODELS", "roles,atribution")
    with pytest.raises(ValueError, match="'atribution'"):
        models_used()
    _register()
    result = CliRunner().invoke(app, ["info"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "error: EVENTWIRE_MODELS: no trained component 'atribution' "
        "(known: roles, attribution, geo, muc4-scope; or 1 for all, 0 for none)"
    ]


@pytest.mark.parametrize("before", [None, "roles"])
def test_models_only_holds_inside_its_block_and_restores_the_switch(monkeypatch, before):
    if before is None:
        monkeypatch.delenv("EVENTWIRE_MODELS", raising=False)
    else:
        monkeypatch.setenv("EVENTWIRE_MODELS", before)
    outside = models_used()
    with models_only("attribution", "geo"):
        assert models_used() == {"attribution", "geo"}
    with pytest.raises(RuntimeError), models_only():
        assert models_used() == set()
        raise RuntimeError("a trainer failed inside the block")
    assert models_used() == outside
    with pytest.raises(ValueError, match="'rolls'"), models_only("rolls"):
        pass


def test_models_switch_attribution_off_leaves_the_curated_cues(monkeypatch, report_of):
    # "bemoan" is a cue learned from PolNeAR train, not one of cues.yaml's
    assert cues(report_of(CRITIC)) == ["bemoaned"]
    monkeypatch.setenv("EVENTWIRE_MODELS", "roles,geo")
    assert cues(report_of(CRITIC)) == []
    assert cues(report_of(GOMA)) == ["said"]  # a curated cue stays


def test_models_switch_geo_off_the_rules_rank_places(monkeypatch, report_of):
    learned = goma_confidence(report_of(GOMA))
    monkeypatch.setenv("EVENTWIRE_MODELS", "roles,attribution")
    ruled = goma_confidence(report_of(GOMA))
    assert learned != ruled
    monkeypatch.setenv("EVENTWIRE_MODELS", "1")
    assert goma_confidence(report_of(GOMA)) == learned


def test_every_trained_loader_answers_to_the_switch_and_can_be_cleared(monkeypatch):
    # the attribution trainer clears each loader after writing its file; the cue-span
    # model once stayed on under EVENTWIRE_MODELS=0
    from eventwire.evaluate.muc4_scope import scope_model
    from eventwire.knowledge.files import Trained
    from eventwire.knowledge.roles import roles_model
    from eventwire.stages.places.ranker import ranker
    from eventwire.stages.statements import boundaries, cue_model, cue_spans, ends, starts

    loaders = [
        scope_model, roles_model, ranker, boundaries.table, cue_model.model,
        cue_spans.model, ends.model, starts.model,
    ]  # fmt: skip
    assert all(isinstance(load, Trained) for load in loaders)
    assert all(load() is not None for load in loaders)
    monkeypatch.setenv("EVENTWIRE_MODELS", "0")
    assert [load() for load in loaders] == [None] * len(loaders)
    for load in loaders:
        load.cache_clear()
