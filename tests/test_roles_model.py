"""The argument-role classifier of attack events (knowledge/models/roles, stages.events.learned):
the shipped model fills a role the rules left empty, keeps the rules' arguments, and with
EVENTWIRE_MODELS=0 the rules alone stand."""

from __future__ import annotations

import pytest

from eventwire.knowledge.roles import CLASSES, MODEL_DIR, MODEL_FILE, RoleModel, roles_model
from eventwire.model import ArticleReport, Event

GRENADE = "Police said a grenade was thrown at the home of judge Maria Lopez in the capital."


def attack(report: ArticleReport) -> Event:
    [event] = [e for e in report.events if e.type == "ASSAULT"]
    return event


def words(text: str, args: list) -> list[tuple[str, int]]:
    for a in args:
        assert text[a.span.start : a.span.end] == a.span.text
    return [(a.span.text, a.span.start) for a in args]


def test_roles_model_shipped_with_its_card():
    assert (MODEL_DIR / MODEL_FILE).is_file()
    card = (MODEL_DIR / "CARD.md").read_text("utf-8")
    assert "eventwire train roles" in card and "held out" in card
    model = roles_model()
    assert model is not None and 0.0 < model.threshold < 1.0


def test_roles_model_fills_the_victim_the_rules_left_empty(report_of):
    event = attack(report_of(GRENADE))
    assert words(GRENADE, event.victims) == [("judge Maria Lopez", GRENADE.index("judge"))]
    assert not event.victims[0].individual
    # the rules' arguments stay as they were
    home = GRENADE.index("home")
    assert words(GRENADE, event.targets) == [("home of judge Maria Lopez", home)]
    assert words(GRENADE, event.instruments) == [("grenade", GRENADE.index("grenade"))]


POLES = "Damage to several electricity poles was reported after the dynamite attack."


def test_roles_model_target_without_its_count(report_of):
    # the classifier adds the target the rules left empty; "several" is no part of its name
    event = attack(report_of(POLES))
    assert words(POLES, event.targets) == [("electricity poles", POLES.index("electricity"))]


def test_roles_model_off_the_rules_alone(monkeypatch, extractor):
    from eventwire.ingest.article import make_article

    monkeypatch.setenv("EVENTWIRE_MODELS", "0")
    assert roles_model() is None
    article = make_article(GRENADE, source="test", published="2024-01-04", check_language=False)
    report = extractor.extract(article)
    report.check_spans()
    event = attack(report)
    assert event.victims == []
    assert words(GRENADE, event.targets) == [("home of judge Maria Lopez", GRENADE.index("home"))]
    assert words(GRENADE, event.instruments) == [("grenade", GRENADE.index("grenade"))]


def test_roles_model_decides_by_weights_and_threshold():
    zero = [0.0] * len(CLASSES)
    weapon = [0.0, 0.0, 0.0, 0.0, 0.0, 4.0]  # instrument
    data = {
        "classes": list(CLASSES),
        "threshold": 0.5,
        "weights": {"bias": [2.0, *zero[1:]], "lex=weapon": weapon},
    }
    model = RoleModel(data)
    assert model.role({"bias": 1.0})[0] is None  # "none" likeliest, every role below 0.5
    role, p = model.role({"bias": 1.0, "lex=weapon": 1.0})
    assert role == "instrument" and p > 0.5
    assert model.role({"bias": 1.0, "unknown feature": 1.0})[0] is None  # ignored
    # a rule argument goes only when it names no actor, is no pronoun and "none" is sure
    strict = RoleModel({**data, "drop": 0.8})
    assert strict.drops({"bias": 3.0, "actor=none": 1.0})
    assert not strict.drops({"bias": 3.0, "actor=none": 1.0, "pronoun": 1.0})
    assert not strict.drops({"bias": 3.0, "actor=person": 1.0})
    assert not strict.drops({"bias": 1.0, "actor=none": 1.0, "lex=weapon": 1.0})
    assert not model.drops({"bias": 3.0, "actor=none": 1.0})  # no "drop": never
    with pytest.raises(ValueError, match="classes"):
        RoleModel({**data, "classes": ["none", "actor"]})
