"""The learned ranker of gazetteer candidates, its training, and the resolution that uses
it (``eventwire.stages.places.ranker``, ``.resolve``, ``.fallback``, ``eventwire.train.geo``)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from conftest import DATA, need_shared
from eventwire.knowledge.files import read_text
from eventwire.stages.places import ranker as place_ranker
from eventwire.stages.places.ranker import FEATURES, Ranker
from eventwire.stages.places.resolve import resolve_prepared
from eventwire.stages.places.stage import prepare_spans
from eventwire.train import geo


def resolve(text: str, names: list[str], outlet: str | None = None, model=None):
    """The entries chosen for the first occurrence of each name, resolved together."""
    spans = [(text.index(n), text.index(n) + len(n)) for n in names]
    return [e for e, _ in resolve_prepared(prepare_spans(text, spans, outlet), model)]


def test_geo_ranker_ships_with_a_card_and_every_feature():
    data = json.loads(read_text(place_ranker.MODEL_FILE))
    card = data["card"]
    for key in ("data", "command", "date", "cross_corpus", "licence"):
        assert card[key]
    assert set(card["cross_corpus"]) == {"LGL->GWN", "GWN->LGL"}
    assert set(data["first"]) == set(data["second"]) == set(FEATURES)
    model = place_ranker.ranker()
    assert model is not None and len(model.first) == len(FEATURES)


def test_geo_ranker_rejects_a_model_with_unknown_features():
    data = json.loads(read_text(place_ranker.MODEL_FILE))
    data["first"]["shoe_size"] = 1.0
    with pytest.raises(ValueError, match="shoe_size"):
        Ranker.from_json(data)


def test_geo_ranker_resolves_homonyms_by_the_article_context():
    model = place_ranker.ranker()
    text = "Police in Alexandria, Louisiana, closed a road near Pineville on Monday."
    alexandria, _ = resolve(text, ["Alexandria", "Louisiana"], model=model)
    assert alexandria.geonames_id == 4314550  # Alexandria, Louisiana, not Egypt or Virginia
    text = "The Athens City Council met in Henderson County on Tuesday. Athens police said."
    athens, county = resolve(text, ["Athens", "Henderson County"], model=model)
    assert (athens.admin1, county.admin1) == ("Texas", "Texas")  # the county Athens lies in
    text = "Iranian officials said the blast in Kerman killed dozens. Iran blamed its enemies."
    kerman, _ = resolve(text, ["Kerman", "Iran"], model=model)
    assert kerman.geonames_id == 128234


def test_geo_resolution_names_the_gazetteer_lacks():
    text = "Fans came from Ohio to the Dubai World Cup. Ohioans cheered in Loudon Co. later."
    cup, ohioans, loudon = resolve(text, ["Dubai World Cup", "Ohioans", "Loudon Co."])
    assert cup.name == "Dubai"  # the place inside the name
    assert ohioans.name == "Ohio"  # a demonym of a division
    assert loudon.name == "Loudon County"
    text = "Crowds filled Frenchmen Street in New Orleans. New Orleans police closed it."
    street, city = resolve(text, ["Frenchmen Street", "New Orleans"])
    assert street.geonames_id == city.geonames_id == 4335045  # the article's focus


def test_geo_resolution_part_of_a_name_is_not_an_english_word():
    # "Hatch" and "Wing" are towns, but here English words of a longer name
    text = "The race at Brands Hatch was cancelled. The Left Wing said nothing."
    hatch, wing = resolve(text, ["Brands Hatch", "Left Wing"])
    assert hatch is None and wing is None  # no place named in the article to fall back on


def test_geo_train_fit_learns_the_deciding_feature():
    """On examples where the answer is always the candidate with the feature set, the
    fitted weight of that feature is the largest."""
    rng = np.random.default_rng(0)
    k = FEATURES.index("within")
    examples = []
    for _ in range(200):
        rows = rng.normal(size=(4, len(FEATURES))).tolist()
        answer = int(rng.integers(4))
        for i, row in enumerate(rows):
            row[k] = 1.0 if i == answer else 0.0
        examples.append(geo.Example(rows, answer, 1.0))
    w = geo.fit(examples, steps=300, l2=0.001)
    assert int(np.argmax(w)) == k


@pytest.mark.shared
def test_geo_train_cross_corpus_on_a_sample():
    """Trained on 60 LGL articles, the ranker resolves 40 GeoWebNews articles' gold
    toponyms about as well as the rules (the full figures: eventwire train geo)."""
    root = need_shared(DATA / "geo")
    lgl = geo.read_lgl(root / "lgl.xml")[:60]
    gwn = geo.read_gwn(root / "GWN.xml")[:40]
    model = geo.train(lgl, {})
    learned, rules = geo.score(gwn, model), geo.score(gwn, None)
    assert learned["n"] == rules["n"] > 300
    assert learned["within_161km"] >= rules["within_161km"] - 5
    assert learned["within_161km"] > 80
