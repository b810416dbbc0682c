"""Counts of people: bounds, approximation and outcome, on sentences written for the tests."""

from __future__ import annotations

import pytest

from eventwire.stages.counts import find


@pytest.fixture(scope="module")
def counts_of(extractor):
    """Counts found in one sentence: [(span text, min, max, approximate, outcome)]."""
    from eventwire.text.nlp import model_text

    def read(text: str) -> list[tuple[str, int | None, int | None, bool, str | None]]:
        doc = extractor.nlp(model_text(text))
        out = []
        for m in find(doc, text):
            c = m.count
            assert text[c.span.start : c.span.end] == c.span.text
            out.append((c.span.text, c.min, c.max, c.approximate, m.outcome))
        return out

    return read


def one(found: list, outcome: str | None = None) -> tuple:
    chosen = [c for c in found if outcome is None or c[4] == outcome]
    assert len(chosen) == 1, found
    return chosen[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Nearly 100 people were killed in the bombing.", (None, 100, True)),
        ("The blast claimed almost 40 lives.", (None, 40, True)),
        ("At least 84 people were killed on Wednesday.", (84, None, False)),
        ("No fewer than 12 soldiers died in the ambush.", (12, None, False)),
        ("More than 20 villagers were killed by the gunmen.", (21, None, False)),
        ("Gunmen killed over 30 passengers.", (31, None, False)),
        ("Up to 30 people may have died.", (None, 30, False)),
        ("As many as 15 miners were killed.", (None, 15, False)),
        ("Fewer than 10 people died.", (None, 9, False)),
        ("About 50 peasants were killed.", (50, 50, True)),
        ("Around 60 people died in the fire.", (60, 60, True)),
        ("Some 1,200 people were killed in the fighting.", (1200, 1200, True)),
        ("An estimated 300 civilians were killed.", (300, 300, True)),
        ("Between 10 and 20 soldiers were killed.", (10, 20, False)),
        ("Three to five policemen were killed.", (3, 5, False)),
    ],
)
def test_counts_modifiers_give_bounds(counts_of, text, expected):
    _, low, high, approximate, outcome = one(counts_of(text))
    assert (low, high, approximate) == expected
    assert outcome == "killed"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("284 people were wounded.", 284),
        ("The attack wounded 284 people.", 284),
        ("Twelve students were injured.", 12),
        ("Twenty-five civilians were hurt.", 25),
        ("Two dozen soldiers were wounded.", 24),
        ("Two hundred and fifty people were injured.", 250),
        ("Nearly two hundred and fifty people were injured.", 250),
        ("1,500 protesters were injured.", 1500),
    ],
)
def test_counts_numbers_and_number_words(counts_of, text, value):
    _, _, high, _, outcome = one(counts_of(text))
    assert high == value
    assert outcome == "injured"


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("Dozens of people were killed.", 24, None),
        ("Dozens were killed in the raid.", 24, None),
        ("Hundreds of protesters were killed.", 200, None),
        ("Thousands of people died in the siege.", 2000, None),
        ("Tens of thousands of people were killed in the war.", 20000, None),
        ("A handful of guards were killed.", 2, 5),
        ("Several soldiers were killed.", 3, None),
    ],
)
def test_counts_vague_quantities_are_approximate(counts_of, text, low, high):
    _, got_low, got_high, approximate, outcome = one(counts_of(text))
    assert (got_low, got_high) == (low, high)
    assert approximate
    assert outcome == "killed"


@pytest.mark.parametrize(
    "text",
    [
        "A soldier was wounded.",
        "It was also reported that a soldier was wounded and taken to the hospital.",
        "One policeman was wounded in the clash.",
    ],
)
def test_counts_indefinite_singular_is_one(counts_of, text):
    _, low, high, approximate, outcome = one(counts_of(text))
    assert (low, high, approximate, outcome) == (1, 1, False, "injured")


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        ("No one was killed in the explosion.", "killed"),
        ("Nobody was hurt.", "injured"),
        ("The attack resulted in no casualties.", "casualties"),
        ("There were no deaths.", "killed"),
        ("No soldiers were wounded.", "injured"),
    ],
)
def test_counts_negation_gives_zero(counts_of, text, outcome):
    _, low, high, _, got = one(counts_of(text))
    assert (low, high, got) == (0, 0, outcome)


@pytest.mark.parametrize(
    ("text", "killed", "injured"),
    [
        ("Three subversives were killed and seven others were wounded.", 3, 7),
        ("At least 84 people were killed and 284 injured in the blasts.", 84, 284),
        ("The bombing left 12 people dead and 30 wounded.", 12, 30),
        ("The attack killed 12 and injured 40.", 12, 40),
        ("Gunmen killed five villagers and wounded up to 30 others.", 5, 30),
        ("There was a clash that resulted in one dead terrorist.", 1, None),
        ("The death toll rose to 95.", 95, None),
        ("Police said two people were shot dead.", 2, None),
        ("A policeman was beaten to death and two were shot.", 1, 2),
    ],
)
def test_counts_killed_apart_from_injured(counts_of, text, killed, injured):
    found = counts_of(text)
    by_outcome = {c[4]: c for c in found}
    if killed is not None:
        assert killed in by_outcome["killed"][1:3]
    if injured is not None:
        assert injured in by_outcome["injured"][1:3]
    else:
        assert "injured" not in by_outcome


@pytest.mark.parametrize(
    "text",
    [
        "THREE SUBVERSIVES WERE KILLED AND SEVEN OTHERS WERE WOUNDED DURING CLASHES YESTERDAY.",
        "THE ATTACK KILLED THREE PEASANTS AND WOUNDED SEVEN OTHERS NEAR THE TOWN.",
    ],
)
def test_counts_all_caps_wire_copy(counts_of, text):
    found = counts_of(text)
    by_outcome = {c[4]: c for c in found}
    assert by_outcome["killed"][1:3] == (3, 3)
    assert by_outcome["injured"][1:3] == (7, 7)
    assert by_outcome["killed"][0].isupper()


@pytest.mark.parametrize(
    "text",
    [
        "The memorial marked the fourth anniversary of his death in 2020.",
        "The armed clash lasted 30 minutes.",
        "The government pledged 50 million dollars.",
        "The 1979 revolution changed the country.",
        "Numerous attacks were foiled in the last five years.",
        "The three buses were destroyed.",
    ],
)
def test_counts_ignore_what_is_not_people(counts_of, text):
    assert counts_of(text) == []


def test_counts_keep_other_groups_of_people_without_outcome(counts_of):
    found = counts_of("The group said that two of its members detonated the bombs.")
    assert one(found)[:5] == ("two of its members", 2, 2, False, None)


def test_counts_fill_findings(extractor):
    from eventwire.ingest.article import make_article

    text = "A bomb exploded in the market. At least 84 people were killed and 284 injured."
    report = extractor.extract(make_article(text, source="test", published="2024-01-04"))
    report.check_spans()
    event = next(e for e in report.events if e.type == "ASSAULT")
    assert (event.killed.min, event.killed.max) == (84, None)
    assert (event.injured.min, event.injured.max, event.injured.approximate) == (284, 284, False)


@pytest.mark.parametrize(
    "text",
    [
        "Doctors said 37 people were being treated for wounds at two clinics.",
        "THE GOVERNOR SAID 37 PEOPLE WERE TREATED FOR INJURIES AFTER THE BLAST.",
        "Officials said 37 villagers were hospitalised.",
        "37 passengers were admitted with burns, the hospital said.",
    ],
)
def test_counts_people_treated_for_wounds_are_injured(counts_of, text):
    assert one(counts_of(text), "injured")[1:3] == (37, 37)


def test_counts_treated_for_other_things_are_not_injured(counts_of):
    found = counts_of("Doctors said 37 people were treated for dehydration.")
    assert all(c[4] != "injured" for c in found)
