"""To whom: the recipients (PLOVER targets) of events and verbal events, on sentences
written for the tests (each run through the whole pipeline, published 2024-01-04)."""

from __future__ import annotations

import pytest

from eventwire.model import ArticleReport, Event


def event_of(report: ArticleReport, type_: str) -> Event:
    found = [e for e in report.events if e.type == type_]
    assert found, [(e.type, e.trigger.text) for e in report.events]
    return found[0]


def recipients(report: ArticleReport, event: Event) -> list[str]:
    """The recipients' words, and their actors' names."""
    out = []
    for arg in event.recipients:
        assert report.article.text[arg.span.start : arg.span.end] == arg.span.text
        out.append(arg.span.text)
        actor = report.actor(arg.actor_id)
        if actor is not None:
            out.append(actor.name)
    return out


@pytest.mark.parametrize(
    ("text", "type_", "actor", "recipient"),
    [
        # CONSULT: the one met, talked with, visited, hosted
        (
            "The Norwegian prime minister met the Chilean president in Oslo.",
            "CONSULT",
            "prime minister",
            "president",
        ),
        ("Kenya held talks with Uganda over the border dispute.", "CONSULT", "Kenya", "Uganda"),
        (
            "Officials from Peru talked with the International Monetary Fund.",
            "CONSULT",
            "Officials",
            "International Monetary Fund",
        ),
        (
            "The Ghanaian foreign minister visited Togo on Monday.",
            "CONSULT",
            "foreign minister",
            "Togo",
        ),
        # ACCUSE: the accused, the criticised
        ("Ukraine accused Russia of shelling the power plant.", "ACCUSE", "Ukraine", "Russia"),
        (
            "The opposition leader criticised the government over the price of bread.",
            "ACCUSE",
            "opposition leader",
            "government",
        ),
        (
            "Brazil condemned Argentina's decision to close the border.",
            "ACCUSE",
            "Brazil",
            "Argentina",
        ),
        # AGREE: the one a commitment is made to
        ("Denmark agreed to provide emergency aid to Sudan.", "AGREE", "Denmark", "Sudan"),
        ("Portugal will support Greece's bid to host the games.", "AGREE", "Portugal", "Greece"),
        # SANCTION
        ("The European Union imposed sanctions on Iran.", "SANCTION", "European Union", "Iran"),
        ("The council voted for sanctions against Myanmar on Friday.", "SANCTION", None, "Myanmar"),
        # THREATEN
        (
            "The United States threatened North Korea with new sanctions.",
            "THREATEN",
            "United States",
            "North Korea",
        ),
        (
            "The militia threatened to attack the United Nations mission.",
            "THREATEN",
            "militia",
            "United Nations",
        ),
        # REQUEST: the one urged, called on, asked
        ("Egypt urged Israel to halt the strikes.", "REQUEST", "Egypt", "Israel"),
        (
            "The ministry called on the rebels to lay down their arms.",
            "REQUEST",
            "ministry",
            "rebels",
        ),
        (
            "Pakistan demanded that India withdraw its troops from the border.",
            "REQUEST",
            "Pakistan",
            "India",
        ),
        # AID: the one given to
        ("Japan sent food and medicine to Indonesia.", "AID", "Japan", "Indonesia"),
        ("Norway gave Kenya a grant of 10 million dollars.", "AID", "Norway", "Kenya"),
        # SUPPORT
        ("Sweden supports Finland's bid to join the alliance.", "SUPPORT", "Sweden", "Finland"),
        ("Chile apologized to Peru for the incident at the border.", "SUPPORT", "Chile", "Peru"),
        # REJECT: whose proposal or demand is rejected
        ("Chile rejected a Bolivian request for access to the sea.", "REJECT", "Chile", "Bolivian"),
        ("Serbia rejected demands from the Kosovo government.", "REJECT", "Serbia", "Kosovo"),
        (
            "Iran threatened to close the strait unless Britain released the tanker.",
            "THREATEN",
            "Iran",
            "Britain",
        ),
        ("Peru issued an ultimatum to Ecuador over the border.", "THREATEN", "Peru", "Ecuador"),
        (
            "China demanded that the US cancel the sale of the jets.",
            "REQUEST",
            "China",
            "United States",
        ),
        ("Serbia lifted the curfew in Montenegro on Sunday.", "CONCEDE", "Serbia", "Montenegro"),
        ("Italy announced a suspension of air links with Serbia.", "SANCTION", "Italy", "Serbia"),
        # RETREAT: the country withdrawn from
        ("The army withdrew its troops from Lebanon.", "RETREAT", "army", "Lebanon"),
    ],
)
def test_recipient_of_event(report_of, text, type_, actor, recipient):
    report = report_of(text)
    event = event_of(report, type_)
    found = recipients(report, event)
    assert any(recipient in words for words in found), found
    if actor is not None:
        assert any(actor in a.span.text for a in event.actors), [a.span.text for a in event.actors]
        assert not any(actor in words for words in found)


def test_own_troops_are_not_a_recipient(report_of):
    report = report_of("The army withdrew its troops from Lebanon.")
    assert "troops" not in " ".join(recipients(report, event_of(report, "RETREAT")))


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("The Ghanaian foreign minister met the press in Paris on Monday.", "CONSULT"),
        ("The government sent aid to Kandahar on Sunday.", "AID"),
        ("Denmark agreed to provide emergency aid to Darfur.", "AGREE"),
    ],
)
def test_a_town_is_not_a_recipient(report_of, text, type_):
    """Where something happened or went is a place, not to whom."""
    report = report_of(text)
    event = event_of(report, type_)
    found = " ".join(recipients(report, event))
    for town in ("Paris", "Kandahar", "Darfur"):
        assert town not in found
    assert all(a.place_id is None for a in event.recipients)


def test_meeting_between_two_sides_mediated(report_of):
    report = report_of("Qatar offered mediation between Ethiopia and Eritrea.")
    found = recipients(report, event_of(report, "CONSULT"))
    assert any("Ethiopia" in w for w in found) and any("Eritrea" in w for w in found)


def test_mediation_mission_between_two_sides(report_of):
    report = report_of("The envoy undertook a mediation mission between Sudan and Chad.")
    found = recipients(report, event_of(report, "CONSULT"))
    assert any("Sudan" in w for w in found) and any("Chad" in w for w in found)


def test_speech_read_as_accusation_is_less_sure_than_an_accusation(report_of):
    report = report_of(
        "Ukraine accused Russia of the attack. The ministry said Hamas was behind the attack."
    )
    accusations = {e.trigger.text: e for e in report.events if e.type == "ACCUSE"}
    assert accusations["accused"].confidence > accusations["said"].confidence


def test_talks_between_two_sides_both_act(report_of):
    event = event_of(report_of("Talks between Ethiopia and Eritrea resumed on Monday."), "CONSULT")
    assert {a.span.text for a in event.actors} >= {"Ethiopia", "Eritrea"}
    assert not event.recipients


def test_coordinated_nationalities_are_each_an_actor(report_of):
    event = event_of(
        report_of("Senior Hungarian and Romanian officials agreed to reopen the border."), "AGREE"
    )
    assert {a.span.text for a in event.actors} == {"Hungarian", "Romanian"}


def test_subject_of_willing_to_acts(report_of):
    report = report_of("Syria says it is willing to withdraw its troops from Lebanon.")
    event = next(e for e in report.events if e.trigger.text == "withdraw")
    actors = [report.actor(a.actor_id) for a in event.actors]
    assert any(a is not None and a.name == "Syria" for a in actors)
    assert "Lebanon" in " ".join(recipients(report, event))


def test_every_side_threatened_is_a_recipient(report_of):
    report = report_of("Pakistan threatened to cut ties with Congo and Costa Rica.")
    found = " ".join(recipients(report, event_of(report, "THREATEN")))
    assert "Congo" in found and "Costa Rica" in found


def test_recipient_inside_the_object_of_the_object(report_of):
    report = report_of("A French minister threatened to impose restrictions against German goods.")
    assert "German" in " ".join(recipients(report, event_of(report, "THREATEN")))


def test_main_event_of_a_sentence_is_that_of_its_main_clause(report_of, extractor):
    from eventwire.evaluate import plover

    report = report_of("Thousands of students staged demonstrations to demand new elections.")
    assert {e.type for e in report.events} >= {"PROTEST", "REQUEST"}
    depth = plover.trigger_depth(extractor.nlp, report)
    assert plover.main_event(report, depth).type == "PROTEST"


@pytest.mark.parametrize(
    ("text", "type_", "recipient"),
    [
        ("Norway offered to send medical teams to Haiti.", "AGREE", "Haiti"),
        ("The minister promised aid to the flood victims.", "AGREE", "victims"),
        ("The government accepted the demands of the striking miners.", "CONCEDE", "miners"),
        ("Ghana refused to extradite the suspects to Togo.", "REJECT", "Togo"),
        ("Kenya complained about the raids of Somali militias.", "ACCUSE", "militias"),
        ("Prosecutors opened an investigation into the mayor of the city.", "ACCUSE", None),
    ],
)
def test_plover_verbs_of_deeds(report_of, text, type_, recipient):
    report = report_of(text)
    event = event_of(report, type_)
    if recipient is not None:
        assert recipient in " ".join(recipients(report, event))


def test_saying_someone_must_act_is_a_request(report_of):
    report = report_of("The Bush administration declared that China must drop its barriers.")
    event = event_of(report, "REQUEST")
    assert "China" in " ".join(recipients(report, event))


def test_saying_oneself_must_act_is_no_request(report_of):
    report = report_of("The minister said he must leave early.")
    assert all(e.type != "REQUEST" for e in report.events)


def test_light_verb_subject_acts_and_owner_is_the_recipient(report_of):
    report = report_of("The police launched an investigation into the mayor's contracts.")
    event = event_of(report, "ACCUSE")
    assert [a.span.text for a in event.actors] == ["police"]
    report = report_of("Sweden supports Finland's bid to join the alliance.")
    assert "Finland" in " ".join(recipients(report, event_of(report, "SUPPORT")))


def test_a_word_inside_a_name_is_no_event(report_of):
    report = report_of("Amnesty International accused the army of torture.")
    assert all(e.type != "CONCEDE" for e in report.events)  # "amnesty"
    assert "army" in " ".join(recipients(report, event_of(report, "ACCUSE")))


def test_a_noun_named_by_the_name_before_it_acts(report_of):
    report = report_of("The Asia-Pacific Economic Cooperation forum agreed to open an office.")
    event = event_of(report, "AGREE")
    assert any("Asia-Pacific Economic Cooperation" in a.span.text for a in event.actors)


@pytest.mark.parametrize(
    ("text", "type_", "own", "recipient"),
    [
        ("France recalled its ambassador from Rwanda.", "SANCTION", "ambassador", "Rwanda"),
        ("Chad withdrew its soldiers from Mali.", "RETREAT", "soldiers", "Mali"),
    ],
)
def test_own_people_are_moved_not_recipients(report_of, text, type_, own, recipient):
    report = report_of(text)
    found = " ".join(recipients(report, event_of(report, type_)))
    assert recipient in found and own not in found


def test_thousands_of_people_act(report_of):
    event = event_of(report_of("Thousands of Iraqi Kurds demonstrated in Kirkuk."), "PROTEST")
    assert [a.span.text for a in event.actors] == ["Thousands of Iraqi Kurds"]
