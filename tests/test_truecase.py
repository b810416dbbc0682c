"""Truecasing of ALL-CAPS wire copy: same length, only case changes, entities found again."""

from __future__ import annotations

import lzma

import pytest

from conftest import DATA, need_shared
from eventwire.text.truecase import is_shouting, load_table, parse_table, truecase

WIRE = (
    "SAN SALVADOR, 3 JAN 90 -- [TEXT] THE ARMY REPORTED THAT GUERRILLAS OF THE FARABUNDO "
    "MARTI NATIONAL LIBERATION FRONT [FMLN] ATTACKED A POLICE POST IN USULUTAN DEPARTMENT "
    "YESTERDAY.  COLONEL RENE EMILIO PONCE SAID THAT AN M-16 RIFLE WAS SEIZED.\n\n"
    "   THE U.S. EMBASSY CONDEMNED THE ATTACK. [END RECORDING]"
)


def only_case_changed(before: str, after: str) -> bool:
    return len(before) == len(after) and all(
        a == b or a.lower() == b.lower() for a, b in zip(before, after, strict=True)
    )


def test_truecase_keeps_length_and_letters():
    cased = truecase(WIRE)
    assert only_case_changed(WIRE, cased)
    assert cased != WIRE


def test_truecase_wire_copy():
    cased = truecase(WIRE)
    assert cased.startswith("San Salvador, 3 Jan 90 -- [TEXT] The ")
    assert " reported that guerrillas of the " in cased
    assert "Farabundo Marti National Liberation Front [FMLN]" in cased
    assert "in Usulutan" in cased
    assert "Colonel Rene Emilio Ponce said" in cased
    assert "an M-16 rifle was seized" in cased
    assert "The U.S. " in cased and " condemned the attack. [END RECORDING]" in cased


def test_truecase_sentence_starts_and_common_words():
    text = "THE MINISTER SAID THE TALKS WOULD RESUME. WE WILL SEE, HE ADDED! WHO KNOWS?"
    assert (
        truecase(text)
        == "The minister said the talks would resume. We will see, he added! Who knows?"
    )


def test_truecase_context_decides_ambiguous_words():
    text = (
        "OFFICIALS IN THE UNITED STATES SAID THE STATES MAY VOTE IN MAY, AND BILL CLINTON AGREED."
    )
    cased = truecase(text)
    assert "the United States said the states may vote in May" in cased
    assert "Bill Clinton" in cased


def test_truecase_acronyms_and_bracketed_names():
    text = "THE MRTA [TUPAC AMARU REVOLUTIONARY MOVEMENT] AND THE ELN CLAIMED THE ATTACKS ON NATO."
    cased = truecase(text)
    assert cased.startswith("The MRTA [Tupac Amaru Revolutionary Movement]")
    assert "ELN" in cased and "NATO" in cased


def test_truecase_possessives_and_unknown_names():
    cased = truecase("ZELTAROVIC'S SPOKESMAN DENIED IT. THE GROUP'S LEADER DID NOT.")
    assert cased == "Zeltarovic's spokesman denied it. The group's leader did not."


def test_is_shouting():
    assert is_shouting(WIRE)
    assert not is_shouting("The army reported that guerrillas attacked a police post.")
    assert not is_shouting("OK")  # too few letters to tell


def test_truecase_lets_spacy_find_entities(extractor):
    text = (
        "PRESIDENT ALFREDO CRISTIANI MET GERMAN CHANCELLOR HELMUT KOHL IN BONN ON TUESDAY. "
        "THE UNITED NATIONS SECURITY COUNCIL CONDEMNED THE KILLING OF SIX JESUIT PRIESTS "
        "IN SAN SALVADOR."
    )
    cased = truecase(text)
    assert only_case_changed(text, cased)
    doc = extractor.nlp(cased)
    found = {(e.text, e.label_) for e in doc.ents}
    assert ("Alfredo Cristiani", "PERSON") in found
    assert ("Helmut Kohl", "PERSON") in found
    assert ("Bonn", "GPE") in found
    assert ("San Salvador", "GPE") in found
    assert any(e.label_ == "ORG" and "Security Council" in e.text for e in doc.ents)
    # the same sentences left in capitals lose most of them
    upper = {(e.text, e.label_) for e in extractor.nlp(text).ents}
    assert len(found & upper) < len(found)


def test_model_text_truecases_only_shouting():
    from eventwire.text.nlp import model_text

    cased = truecase(WIRE)
    dash = cased.index(" -- ") + 1
    # the dateline's dash ends a sentence, "[FMLN]" inside a sentence is "(FMLN)";
    # everything else is the truecased text
    expected = cased[:dash] + ". " + cased[dash + 2 :]
    assert model_text(WIRE) == expected.replace("[FMLN]", "(FMLN)")
    mixed = "The U.S. embassy condemned the attack - the third this year."
    assert model_text(mixed) == mixed


def test_model_text_ends_a_dateline_like_a_sentence():
    from eventwire.text.nlp import model_text

    wire = "PESHAWAR, PAKISTAN, MARCH 14 (CAPITAL WIRE) - TWO BOMBERS KILLED 70 PEOPLE."
    seen = model_text(wire)
    assert len(seen) == len(wire)
    assert seen.startswith("Peshawar, Pakistan, March 14 (Capital Wire) . Two bombers killed")
    for text, expected in [
        ("KABUL, March 3, 2024 (AP) - gunmen killed", "KABUL, March 3, 2024 (AP) . Gunmen"),
        ("BEIRUT (AP) — A blast hit", "BEIRUT (AP) . A blast"),
        ("Gunmen - armed with rifles - killed five.", "Gunmen - armed"),
    ]:
        assert model_text(text).startswith(expected)


def test_casing_table_format(tmp_path):
    lines = [
        "# comment",
        "f\tTrump\t10",
        "f\tnew\t5\tNew\t7",
        "c\tNew\t>york\t6\t<*\t2\t>*\t1\t<_\t7\t>^\t6",
        "c\tnew\t>york\t0\t<*\t3\t>*\t4\t<_\t5\t>_\t5",
        "l\tguerrilla\tpeasant",
    ]
    table = parse_table(iter(lines))
    assert table.forms["trump"] == [("Trump", 10)]
    assert table.best("new", "the", False, "york", True) == "New"
    assert table.best("new", "a", False, "poll", False) == "new"
    assert table.known_lower("peasants") and table.known_lower("guerrillas")
    assert not table.known_lower("usulutan")
    with pytest.raises(ValueError, match=r"casing\.tsv\.xz:1"):
        parse_table(iter(["x\tbad"]))


def test_casing_table_build(tmp_path):
    """The builder turns a folder of mixed-case articles into a table truecase can use."""
    from eventwire.train.casing import build

    articles = tmp_path / "articles"
    articles.mkdir()
    for i in range(3):
        (articles / f"a{i}.txt").write_text(
            "A Headline In Title Case\n\nOfficials said Zorblat visited the Qwixo plant. "
            f"Then the zorblat engine failed, and Zorblat left on day {i}.\n",
            encoding="utf-8",
        )
    out = tmp_path / "casing.tsv.xz"
    sizes = build(articles, out)
    assert sizes["articles"] == 3
    with lzma.open(out, "rt", encoding="utf-8") as lines:
        table = parse_table(lines)
    assert [form for form, _ in table.forms["zorblat"]] == ["Zorblat", "zorblat"]
    assert "headline" not in table.forms  # titles are not counted
    assert truecase("THE ZORBLAT ENGINE FAILED.", table) == "The zorblat engine failed."


def test_truecase_quality_gate_polnear_dev():
    """Token case accuracy on upper-cased PolNeAR dev articles stays above its floor."""
    folder = need_shared(DATA / "polnear" / "dev" / "text")
    from eventwire.train.casing import evaluate

    result = evaluate(folder, limit=30)
    assert result["accuracy_truecase"] >= 0.96  # measured 0.9735 on all 84 articles
    assert result["accuracy_truecase"] > result["accuracy_sentence_case"] + 0.05


def test_shipped_table_loads():
    table = load_table()
    assert table.forms["fbi"][0][0] == "FBI"
    assert (
        truecase("SHE SAID THE FBI WOULD BRIEF TRUMP.", table)
        == "She said the FBI would brief Trump."
    )
    assert "peasant" in table.lower
    assert "david" in table.starters
