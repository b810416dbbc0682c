"""The learned MUC-4 scope (evaluate.muc4_scope, trained by ``eventwire train muc4-scope``):
on a message written for the test, a bombing of today is a MUC-4 incident and an air raid
recalled from five years before in another country is not; the trainer's steps on a few
MUC-4 train messages."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import DATA, need_shared
from eventwire.evaluate import muc4, muc4_scope
from eventwire.ingest.article import make_article
from eventwire.train import muc4_scope as trainer

MESSAGE = (
    "BOGOTA, 12 MAR 90 -- [TEXT] A CAR BOMB EXPLODED TODAY OUTSIDE THE OFFICES OF A "
    "NEWSPAPER IN NORTHERN BOGOTA, KILLING TWO GUARDS AND INJURING SEVEN PASSERSBY. POLICE "
    "SAID URBAN GUERRILLAS PLACED THE BOMB.\n\n"
    "THE MAYOR RECALLED THAT IN 1985 AIR FORCE PLANES BOMBED A VILLAGE IN PANAMA, KILLING 12 "
    "PEASANTS."
)


@pytest.fixture(scope="module")
def message(extractor):
    article = make_article(MESSAGE, source="test", published=dt.date(1990, 3, 12))
    report = extractor.extract(article)
    report.check_spans()
    return report


def test_the_shipped_model_keeps_todays_bombing_and_drops_the_recalled_air_raid(message):
    model = muc4_scope.scope_model()
    assert model is not None, "knowledge/models/muc4_scope/model.json is missing"
    kept = [e for e in message.events if muc4.is_incident(e)]
    assert [e.trigger.text for e in kept] == ["EXPLODED", "BOMBED"]
    bombing, raid = (muc4.scope_features(e, message, kept) for e in kept)
    assert bombing["country=COL"] == 1.0 and raid["country=PAN"] == 1.0
    assert model.probability(bombing) > 0.9 > 0.1 > model.probability(raid)
    chosen = muc4.incidents(message, model)
    assert [e.trigger.text for e in chosen] == ["EXPLODED"]
    templates = muc4.predict(message).templates
    assert [t["incident_type"] for t in templates] == ["bombing"]
    assert len(muc4.predict(message, kept, merge=False).templates) == 2  # the rules keep both


def test_without_the_model_every_incident_stays(message, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_MODELS", "0")
    assert muc4_scope.scope_model() is None
    assert len(muc4.predict(message, merge=False).templates) == 2


WEAPONS = (
    "LIMA, 3 APR 90 -- [TEXT] UNIDENTIFIED GUNMEN FIRED 12 BULLETS AT THE CAR OF MAYOR JUAN "
    "PEREZ IN LIMA TODAY, KILLING HIS DRIVER. A BOMB EXPLODED AT THE CITY HALL LATER."
)


def test_the_shipped_model_leaves_out_the_weapon_words_muc4_does_not_give(extractor):
    """MUC-4 train's keys never give "BULLETS" as a weapon: the model lists it, the mapping
    leaves it out; the rules alone (no scope) keep it."""
    model = muc4_scope.scope_model()
    assert model is not None and "bullets" in model.not_weapons and "bomb" not in model.not_weapons
    report = extractor.extract(make_article(WEAPONS, source="t", published=dt.date(1990, 4, 3)))
    kept = [e for e in report.events if muc4.is_incident(e)]
    weapons = [w for e in muc4.predict(report).doc_roles["Weapon"] for w in e]
    everything = [w for e in muc4.predict(report, kept).doc_roles["Weapon"] for w in e]
    assert "12 BULLETS" in everything and "BOMB" in everything
    assert "12 BULLETS" not in weapons and "BOMB" in weapons
    assert muc4.weapon_word("12 BULLETS") == "bullets"


def test_weapon_words_below_the_precision_are_left_out():
    counts = {"bullets": [0, 4], "bomb": [5, 1], "rocket": [0, 2], "mortar": [1, 9]}
    assert trainer.not_weapons(counts, 0.05, 3) == {"bullets"}
    assert trainer.not_weapons(counts, 0.2, 2) == {"bullets", "rocket", "mortar"}
    assert trainer.not_weapons(counts, 0.0, 1) == frozenset()


def test_a_model_file_of_other_classes_is_refused():
    with pytest.raises(ValueError, match="classes"):
        muc4_scope.ScopeModel({"classes": ["no", "yes"], "threshold": 0.5, "weights": {}})


def test_the_trainer_labels_fits_and_writes_a_model_the_run_time_reads(tmp_path):
    root = need_shared(DATA / "muc4")
    docs = muc4.load(root, "train")[:40]
    reports = trainer.collect(docs)
    rows = trainer.rows_of(docs, reports)
    labels = {r.label for r in rows}
    assert labels == {"in", "out"}
    for row in rows:  # a message without templates has no event in MUC-4's scope
        assert row.label == "out" or docs[row.doc].gold
    probs = trainer.cross_validated(rows, len(docs))
    assert set(probs) == {(r.doc, r.event) for r in rows}
    assert all(0.0 <= p <= 1.0 for p in probs.values())
    everything = trainer.score(docs, reports, lambda i, e: True)
    nothing = trainer.score(docs, reports, lambda i, e: False)
    assert everything[0].f1 > 0 and nothing[0].f1 == 0
    counts = trainer.weapon_counts(docs, reports, lambda i, e: True, lambda i: True)
    assert counts and all(ok >= 0 and bad >= 0 and ok + bad > 0 for ok, bad in counts.values())
    assert sum(ok for ok, _ in counts.values()) > 0  # some weapon fillers match a key
    victims = trainer.victim_rows(docs, reports, lambda i, e: True, frozenset())
    assert victims and {r.label for r in victims} <= set(muc4_scope.CLASSES)
    assert any(r.label == "in" for r in victims)  # some actors no argument holds are victims
    vocab = trainer.vocabulary(rows)
    w = trainer.fit(rows, vocab, classes=muc4_scope.CLASSES)
    trainer.write(tmp_path, vocab, w, 0.35, "# card\n")
    data = json.loads((tmp_path / muc4_scope.MODEL_FILE).read_text("utf-8"))
    model = muc4_scope.ScopeModel(data)
    assert model.threshold == 0.35 and (tmp_path / "CARD.md").is_file()
    # the written weights give the probabilities of the fitted model
    fitted = trainer.predict(w, rows[:5], vocab)[:, 1]
    for row, p in zip(rows[:5], fitted, strict=True):
        assert model.probability(row.features) == pytest.approx(p, abs=1e-3)


NAMED = (
    "CALI, 14 MAY 90 -- [TEXT] UNIDENTIFIED GUNMEN KILLED FOUR PEASANTS IN A RURAL AREA NEAR "
    "CALI LAST NIGHT. THE VICTIMS WERE IDENTIFIED AS RAMIRO ESTRADA GOMEZ, LUCIA PARRA, "
    "ALBERTO CHIVATA AND JAIRO QUINTERO."
)


def test_the_shipped_model_adds_a_victim_named_after_the_attack(extractor):
    """No event argument holds the name the police identified as a victim: the victims model
    (evaluate.muc4_victims) adds it to the incident; the rules alone do not."""
    model = muc4_scope.scope_model()
    assert model is not None and model.victims is not None
    report = extractor.extract(make_article(NAMED, source="t", published=dt.date(1990, 5, 14)))
    kept = [e for e in report.events if muc4.is_incident(e)]
    victims = [v for e in muc4.predict(report).doc_roles["Victim"] for v in e]
    assert "RAMIRO ESTRADA GOMEZ" in victims
    assert "RAMIRO ESTRADA GOMEZ" not in [
        v for e in muc4.predict(report, kept).doc_roles["Victim"] for v in e
    ]
    (template,) = muc4.predict(report).templates
    assert ["RAMIRO ESTRADA GOMEZ"] in template["Victim"]


ONE_ATTACK = (
    "SAN SALVADOR, 2 JUN 90 -- [TEXT] URBAN GUERRILLAS ATTACKED A POLICE POST IN SAN SALVADOR "
    "TODAY. THE ATTACKERS FIRED RIFLES AT THE POLICE POST FOR AN HOUR. THE ASSAULT CAUSED "
    "HEAVY DAMAGE."
)
TWO_KILLINGS = (
    "LIMA, 2 JUN 90 -- [TEXT] GUNMEN SHOT AND KILLED JUDGE MARIO CORDOVA IN LIMA TODAY. IN A "
    "SEPARATE INCIDENT, UNIDENTIFIED MEN KILLED MAYOR LUIS PALOMINO IN HUANCAYO."
)


def test_the_events_of_one_incident_are_one_template(extractor):
    """The attack and the shots at the same police post are one incident (muc4.merged);
    the killings of two men are two; without the merge every event is a template."""
    published = dt.date(1990, 6, 2)
    one = extractor.extract(make_article(ONE_ATTACK, source="t", published=published))
    kept = muc4.incidents(one, muc4_scope.scope_model())
    assert len(kept) == 2 and len(muc4.predict(one, kept, merge=False).templates) == 2
    (template,) = muc4.predict(one).templates
    assert template["Target"] == [["POLICE POST"]] and ["RIFLES"] in template["Weapon"]
    two = extractor.extract(make_article(TWO_KILLINGS, source="t", published=published))
    victims = [t["Victim"] for t in muc4.predict(two).templates]
    assert victims == [[["MARIO CORDOVA"]], [["LUIS PALOMINO"]]]
