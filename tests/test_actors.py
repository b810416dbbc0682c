"""Stage actors: dictionary matches, persons with roles, metonymy, merging, ALL-CAPS copy."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from eventwire.findings import Findings
from eventwire.ingest.article import make_article
from eventwire.model import Actor, ArticleReport
from eventwire.pipeline import Extractor, Stage


@pytest.fixture(scope="module")
def actors_only(extractor):
    """The loaded spaCy pipeline with the actors stage alone."""
    from eventwire.stages import actors

    return Extractor(
        nlp=extractor.nlp, stages=[Stage("actors", actors.extract, assigns=("actors",))]
    )


def run(ex: Extractor, text: str) -> ArticleReport:
    report = ex.extract(make_article(text, source="test", check_language=False))
    report.check_spans()
    return report


def findings(ex: Extractor, text: str) -> Findings:
    from eventwire.stages import actors
    from eventwire.text.nlp import model_text

    article = make_article(text, source="test", check_language=False)
    found = Findings(article=article, doc=ex.nlp(model_text(text)))
    actors.extract(found)
    return found


def by_ref(report: ArticleReport, ref: str) -> Actor:
    found = [a for a in report.actors if a.ref == ref]
    assert len(found) == 1, (ref, [(a.name, a.ref) for a in report.actors])
    return found[0]


def by_name(report: ArticleReport, word: str) -> Actor:
    found = [a for a in report.actors if word in a.name]
    assert len(found) == 1, (word, [(a.name, a.ref) for a in report.actors])
    return found[0]


def mentions(actor: Actor) -> list[str]:
    return [m.text for m in actor.mentions]


# ---- the example article -----------------------------------------------------------------------


def test_actors_kerman_islamic_state_and_isis_k_are_distinct(kerman):
    isis = by_ref(kerman, "isis")
    iskp = by_ref(kerman, "iskp")
    assert isis.kind == "armed_group" and isis.name == "Islamic State"
    assert iskp.parent == "isis" and iskp.kind == "armed_group"
    assert "ISIS" in mentions(isis) and "ISIS-K" in mentions(iskp)
    assert "ISIS-Khorasan" in mentions(iskp)
    # "The extremist Sunni Muslim group declared…" is Islamic State
    assert "The extremist Sunni Muslim group" in mentions(isis)


def test_actors_kerman_irgc_un_security_council(kerman):
    irgc = by_ref(kerman, "irgc")
    assert (irgc.kind, irgc.country) == ("military", "IRN")
    assert "Revolutionary Guard Corps" in mentions(irgc)
    unsc = by_ref(kerman, "un.sc")
    assert unsc.kind == "igo" and unsc.parent == "un"


def test_actors_kerman_persons(kerman):
    usa_gov = by_ref(kerman, "USA.gov")
    iran_gov = by_ref(kerman, "IRN.gov")
    kirby = by_name(kerman, "Kirby")
    assert kirby.kind == "person" and kirby.name == "John Kirby"
    assert kirby.role == "spokesman" and kirby.affiliation == usa_gov.id
    assert kirby.country == "USA"
    assert "White House" in mentions(usa_gov)
    raisi = by_name(kerman, "Raisi")
    assert (raisi.kind, raisi.country, raisi.role) == ("person", "IRN", "President")
    assert raisi.affiliation == iran_gov.id
    mokhber = by_name(kerman, "Mokhber")
    assert (mokhber.kind, mokhber.country) == ("person", "IRN")
    assert mokhber.role == "First Vice President" and mokhber.affiliation == iran_gov.id
    khamenei = by_name(kerman, "Khamenei")
    assert (khamenei.kind, khamenei.country, khamenei.role) == ("person", "IRN", "Supreme Leader")
    soleimani = by_name(kerman, "Soleimani")
    assert (soleimani.kind, soleimani.country) == ("person", "IRN")
    assert mentions(soleimani).count("Soleimani") >= 3  # later surnames, whatever spaCy said
    zelin = by_name(kerman, "Zelin")
    assert kerman.actor(zelin.affiliation).ref == "washinstitute"


def test_actors_kerman_metonymy_and_places(kerman):
    iran_gov = by_ref(kerman, "IRN.gov")
    assert "Tehran" in mentions(iran_gov)  # "Tehran has previously accused ISIS-K…"
    iran = by_ref(kerman, "IRN")
    text = kerman.article.text
    at = text.index("bombings in Iran") + len("bombings in ")
    assert all(m.start != at for m in iran.mentions)  # where, not who
    assert any(m.start == text.index("Iran has vowed") for m in iran.mentions)


def test_actors_kerman_ids_follow_first_mention(kerman):
    firsts = [min(m.start for m in a.mentions) for a in kerman.actors if a.mentions]
    assert firsts == sorted(firsts)
    assert [a.id for a in kerman.actors] == [f"A{n}" for n in range(1, len(kerman.actors) + 1)]
    assert kerman.actors[0].ref == "isis"


# ---- sentences written for the tests ---------------------------------------------------------


def test_actors_aliases_merge_into_one_actor(actors_only):
    report = run(
        actors_only,
        "Islamic State claimed the attack on Sunday. The group said two of its fighters "
        "took part. Officials blamed ISIS, also known as Daesh, for earlier bombings. "
        "IS is said to have cells in the region.",
    )
    isis = by_ref(report, "isis")
    assert mentions(isis) == ["Islamic State", "The group", "ISIS", "Daesh", "IS"]
    assert len([a for a in report.actors if a.kind == "armed_group"]) == 1


def test_actors_is_the_verb_is_not_islamic_state(actors_only):
    report = run(actors_only, "The situation is calm and the market is open, the mayor said.")
    assert not [a for a in report.actors if a.ref == "isis"]


def test_actors_branch_is_not_its_parent(actors_only):
    report = run(
        actors_only,
        "Analysts linked the attack to Islamic State Khorasan Province, the Afghan branch of "
        "the Islamic State. ISKP has targeted Shiite mosques before, and the Islamic State "
        "praised it.",
    )
    iskp = by_ref(report, "iskp")
    isis = by_ref(report, "isis")
    assert iskp.parent == "isis" and iskp.id != isis.id
    assert mentions(iskp) == ["Islamic State Khorasan Province", "ISKP"]
    assert "Islamic State" in mentions(isis)


def test_actors_person_with_role_and_affiliation(actors_only):
    report = run(
        actors_only,
        "Pentagon spokesman Dale Orwin said the strike hit a depot. "
        "Iranian Foreign Minister Kaveh Sarrafi condemned it. Orwin declined to comment further.",
    )
    orwin = by_name(report, "Orwin")
    pentagon = by_ref(report, "USA.mil")
    assert (orwin.kind, orwin.role, orwin.affiliation) == ("person", "spokesman", pentagon.id)
    assert orwin.country == "USA"
    assert mentions(orwin) == ["Dale Orwin", "Orwin"]
    sarrafi = by_name(report, "Sarrafi")
    assert (sarrafi.role, sarrafi.country) == ("Foreign Minister", "IRN")
    assert report.actor(sarrafi.affiliation).ref == "IRN.gov"


def test_actors_person_role_after_the_name(actors_only):
    report = run(
        actors_only,
        "Hamid Tavakoli, a senior commander of the Revolutionary Guards, was killed in the strike.",
    )
    tavakoli = by_name(report, "Tavakoli")
    irgc = by_ref(report, "irgc")
    assert tavakoli.affiliation == irgc.id and tavakoli.country == "IRN"
    assert tavakoli.role == "senior commander"


def test_actors_role_without_country_takes_the_article_country(actors_only):
    report = run(
        actors_only,
        "Iran said the blasts were a terrorist act. Iranian officials vowed to respond. "
        "Interior Minister Reza Farahani visited the wounded.",
    )
    farahani = by_name(report, "Farahani")
    assert farahani.country == "IRN"
    assert report.actor(farahani.affiliation).ref == "IRN.gov"


def test_actors_metonymy_capital_acting_vs_place(actors_only):
    report = run(
        actors_only,
        "Tehran has accused the group of plotting attacks. Thousands marched in Tehran on "
        "Friday. The Kremlin said Moscow would not intervene.",
    )
    iran_gov = by_ref(report, "IRN.gov")
    assert mentions(iran_gov) == ["Tehran"]
    assert iran_gov.mentions[0].start == 0  # the acting one, not "in Tehran"
    russia_gov = by_ref(report, "RUS.gov")
    assert mentions(russia_gov) == ["Kremlin", "Moscow"]


def test_actors_country_acting_vs_place(actors_only):
    report = run(
        actors_only,
        "Iran has vowed retaliation for the bombings in Iran, and the United States denied "
        "involvement. Israeli forces were put on alert.",
    )
    iran = by_ref(report, "IRN")
    assert [m.start for m in iran.mentions] == [0]
    assert mentions(by_ref(report, "USA")) == ["United States"]
    assert mentions(by_ref(report, "ISR.mil")) == ["Israeli forces"]


def test_actors_demonym_with_institution_nouns(actors_only):
    report = run(
        actors_only,
        "Iranian state TV showed crowds. Iraqi authorities closed the border and Turkish "
        "troops moved south. The government of Pakistan stayed silent.",
    )
    assert mentions(by_ref(report, "IRN.media")) == ["Iranian state TV"]
    assert mentions(by_ref(report, "IRQ.gov")) == ["Iraqi authorities"]
    assert mentions(by_ref(report, "TUR.mil")) == ["Turkish troops"]
    assert mentions(by_ref(report, "PAK.gov")) == ["The government of Pakistan"]


def test_actors_generic_groups_are_not_actors(actors_only):
    report = run(
        actors_only,
        "Gunmen opened fire on worshippers, killing three children, police said.",
    )
    assert report.actors == []


def test_actors_unknown_organisation_from_ner(actors_only):
    report = run(
        actors_only,
        "The Northern Highlands Liberation Front (NHLF) claimed the ambush. "
        "The NHLF said it would fight on.",
    )
    front = by_name(report, "Northern Highlands Liberation Front")
    assert front.kind == "armed_group" and front.ref is None
    assert "NHLF" in mentions(front)


def test_actors_all_caps_wire_copy(actors_only):
    text = (
        "SAN SALVADOR, 12 MAR 90 -- THE FARABUNDO MARTI NATIONAL LIBERATION FRONT [FMLN] "
        "KIDNAPPED TWO MAYORS IN USULUTAN DEPARTMENT. THE SALVADORAN ARMED FORCES SAID THE "
        "FMLN IS RESPONSIBLE. THE SHINING PATH IS ACTIVE IN PERU."
    )
    report = run(actors_only, text)
    fmln = by_ref(report, "fmln")
    assert mentions(fmln) == ["FARABUNDO MARTI NATIONAL LIBERATION FRONT", "FMLN", "FMLN"]
    assert by_ref(report, "SLV.mil").country == "SLV"
    assert mentions(by_ref(report, "shiningpath")) == ["SHINING PATH"]
    assert not [a for a in report.actors if a.ref == "isis"]  # "IS" is the verb here


def test_findings_index_actor_at_and_actors_in(actors_only):
    text = "White House spokesman John Kirby said Iran's Revolutionary Guard Corps was behind it."
    found = findings(actors_only, text)
    kirby = found.index.actor_at(text.index("White"), text.index(" said"))
    assert kirby is not None and kirby.name == "John Kirby"
    head = text.index("Revolutionary")
    irgc = found.index.actor_at(text.index("Iran's"), head + len("Revolutionary Guard Corps"))
    assert irgc is not None and irgc.ref == "irgc"
    assert found.index.actor_at(text.index("White"), text.index("White") + 5).ref == "USA.gov"
    assert found.index.actor_at(text.index("behind"), text.index("behind") + 6) is None
    assert [a.ref for a in found.index.actors_in(0, len(text))] == ["USA.gov", None, "IRN", "irgc"]


def test_actors_names_across_line_breaks_in_wire_copy(actors_only):
    text = (
        "THE FARABUNDO MARTI NATIONAL\nLIBERATION FRONT ATTACKED THE ARMY GARRISON. THE\n"
        "SALVADORAN ARMY REPELLED THE ATTACK, THE ARMY SAID."
    )
    report = run(actors_only, text)
    assert mentions(by_ref(report, "fmln")) == ["FARABUNDO MARTI NATIONAL\nLIBERATION FRONT"]
    army = by_ref(report, "SLV.mil")
    assert "SALVADORAN ARMY" in mentions(army)
    assert "THE ARMY" in mentions(army)  # "the army" of the article's country


def test_actors_institutions_without_country_take_the_main_country(actors_only):
    report = run(
        actors_only,
        "Colombia's army clashed with ELN rebels near the border with Venezuela. Colombia "
        "said the rebels attacked first, and the government promised more troops.",
    )
    assert "the government" in mentions(by_ref(report, "COL.gov"))
    eln = by_ref(report, "eln")
    assert "the rebels" in mentions(eln)


def test_actors_dateline_country_outweighs_countries_mentioned_later(actors_only):
    report = run(
        actors_only,
        "QUETTA, Pakistan — Police arrested two men on Sunday. The government blamed fighters "
        "based in Afghanistan, a charge Afghanistan's rulers have denied before.",
    )
    assert "Police" in mentions(by_ref(report, "PAK.pol"))
    assert "The government" in mentions(by_ref(report, "PAK.gov"))


def test_actors_dateline_is_a_place(actors_only):
    report = run(actors_only, "TEHRAN (Reuters) - Iran summoned the British ambassador on Monday.")
    iran_gov = [a for a in report.actors if a.ref == "IRN.gov"]
    assert not iran_gov or "TEHRAN" not in mentions(iran_gov[0])
    assert mentions(by_ref(report, "IRN")) == ["Iran"]
    assert by_ref(report, "reuters").kind == "media"


def test_actors_mixed_case_acronyms_match_exactly(actors_only):
    report = run(actors_only, "Let them talk. Police blamed LeT for the Mumbai attacks.")
    let = by_ref(report, "let")
    assert mentions(let) == ["LeT"]


def test_actors_country_words_inside_other_names_are_not_countries(actors_only):
    report = run(
        actors_only,
        "Students of the Central American University marched. A Washington Institute fellow, "
        "Dana Ruiz, said Jordan Peterson spoke.",
    )
    assert not [a for a in report.actors if a.ref in ("USA", "USA.gov", "JOR")]
    assert by_name(report, "Ruiz").kind == "person"
    report = run(actors_only, "In New Jersey, Secretary of State Madeleine Albright spoke.")
    albright = by_name(report, "Albright")
    assert albright.affiliation is None and albright.country is None  # not the Jersey's


def test_actors_descriptions_of_a_kind_are_not_references(actors_only):
    report = run(
        actors_only,
        "Human Rights Watch documented the killings. The civil rights movement praised "
        "the report, and the group said more evidence would follow.",
    )
    hrw = by_ref(report, "hrw")
    assert mentions(hrw) == ["Human Rights Watch", "the group"]
    assert all("movement" not in m for a in report.actors for m in mentions(a))


def test_actors_possessive_names_keep_the_person(actors_only):
    report = run(actors_only, "Breitbart's Joel Pollak said Pollak had seen the documents.")
    pollak = by_name(report, "Pollak")
    assert pollak.name == "Joel Pollak" and mentions(pollak) == ["Joel Pollak", "Pollak"]


# ---- long Spanish names: split entities, two surnames ----------------------------------------


def test_actors_name_with_two_surnames_and_its_shorter_forms(extractor):
    text = (
        "Gunmen shot the lawyer Carlos Mendoza Pineda outside a court on Monday, "
        "and Mendoza died on the way to hospital."
    )
    report = run(extractor, text)
    person = by_name(report, "Mendoza")
    assert person.name == "Carlos Mendoza Pineda"
    assert mentions(person) == ["Carlos Mendoza Pineda", "Mendoza"]
    assert all(text[m.start : m.end] == m.text for m in person.mentions)


def test_actors_a_run_of_a_known_name_is_the_same_person(extractor):
    text = (
        "MEDELLIN, 4 JUN 90 -- [TEXT] A COURT TODAY ACCUSED TWO MEN OF THE MURDER OF "
        "JUDGE JAVIER OSORIO LONDONO.  LAWYERS FOR OSORIO LONDONO SAID OSORIO HAD "
        "RECEIVED THREATS."
    )
    person = by_name(run(extractor, text), "Osorio")
    assert person.name == "Javier Osorio Londono"
    assert mentions(person) == ["JAVIER OSORIO LONDONO", "OSORIO LONDONO", "OSORIO"]
    text = (
        "MEDELLIN, 4 JUN 90 -- [TEXT] A COURT TODAY ACCUSED TWO MEN OF THE MURDER OF "
        "PROVINCIAL GOVERNOR ANTONIO RUIZ BETANCOURT.  HIS FAMILY SAID ANTONIO RUIZ HAD "
        "RECEIVED THREATS."
    )
    person = by_name(run(extractor, text), "Ruiz")
    assert mentions(person)[0] == "ANTONIO RUIZ BETANCOURT"
    assert "ANTONIO RUIZ" in mentions(person)


def test_actors_person_entities_that_touch_are_one_name():
    from eventwire.stages.actors.persons import _person_ents

    class Tok:
        def __init__(self, ws: str) -> None:
            self.whitespace_ = ws
            self.pos_ = "PROPN"

    class Ent(list):
        def __init__(self, start: int, end: int, label: str) -> None:
            super().__init__([Tok(" ")] * (end - start))
            self.start, self.end, self.label_ = start, end, label

    doc = [Tok(" "), Tok(" "), Tok(" "), Tok(""), Tok(" "), Tok(" ")]
    ents = [Ent(0, 2, "PERSON"), Ent(2, 3, "PERSON"), Ent(4, 5, "PERSON"), Ent(5, 6, "GPE")]
    assert _person_ents(SimpleNamespace(doc=doc, ents=ents)) == [(0, 3), (4, 6)]
    ents = [Ent(0, 2, "PERSON"), Ent(2, 4, "GPE")]  # a place of two words stays a place
    assert _person_ents(SimpleNamespace(doc=doc, ents=ents)) == [(0, 2)]


def test_actors_abbreviated_titles_of_wire_copy_are_roles(extractor):
    text = (
        "LIMA, 2 MAY 90 -- [TEXT] GUNMEN KILLED COL RAMIRO VEGA SOTO TODAY.  SOLDIER ANIBAL "
        "CRUZ MEJIA WAS WOUNDED, AND MSGR TOMAS ROJAS CONDEMNED THE ATTACK."
    )
    report = run(extractor, text)
    assert mentions(by_name(report, "Vega"))[0] == "RAMIRO VEGA SOTO"
    assert mentions(by_name(report, "Cruz"))[0] == "ANIBAL CRUZ MEJIA"
    assert by_name(report, "Rojas").name == "Tomas Rojas"  # an honorific, part of the name


def test_actors_wire_copy_name_cut_short_by_spacy(extractor):
    """In ALL-CAPS copy spaCy may tag only the given names ("Jose Antonio"): the
    capitalised proper nouns right after, which no entity claims, end the name."""
    text = (
        "SAN SALVADOR, 3 MAR 90 -- [TEXT] THE PRESIDENT BLAMED THE REBELS FOR THE MURDER OF "
        "DR JOSE ANTONIO RODRIGUEZ PORTH AND CALLED IT AN ATTEMPT TO STOP THE TALKS."
    )
    person = by_name(run(extractor, text), "Jose")
    assert mentions(person) == ["JOSE ANTONIO RODRIGUEZ PORTH"]
