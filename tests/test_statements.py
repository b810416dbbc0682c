"""Statements: speaker, cue, content and stance on sentences written for these tests."""

from __future__ import annotations

from itertools import islice

import pytest

from conftest import DATA, need_shared
from eventwire.ingest.article import make_article
from eventwire.model import ArticleReport, EventType, Statement
from eventwire.stages.statements.attribution import find
from eventwire.stages.statements.stance import read


def run(extractor, text: str) -> ArticleReport:
    report = extractor.extract(make_article(text, source="test", published="2024-03-01"))
    report.check_spans()
    return report


def by(report: ArticleReport, speaker: str) -> Statement:
    """The statement whose speaker span contains ``speaker``."""
    found = [s for s in report.statements if s.speaker and speaker in s.speaker.span.text]
    assert found, f"no statement by {speaker!r}: {[s.cue.text for s in report.statements]}"
    return found[0]


def event_of(report: ArticleReport, st: Statement):
    return next((e for e in report.events if e.id == st.event_id), None)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The Islamic State group claimed responsibility for the bombing in Kabul.", "Islamic"),
        ("The Houthis took responsibility for the drone strike on the port.", "Houthis"),
        (
            "Al-Shabaab said in a statement on its radio station that its fighters carried out "
            "the attack on the base.",
            "Shabaab",
        ),
        (
            "“We carried out the attack on the convoy,” a spokesman for the militants said.",
            "spokesman",
        ),
        ("The group declared that two of its members detonated the car bomb.", "group"),
    ],
)
def test_statements_claims_responsibility(extractor, text, speaker):
    st = by(run(extractor, text), speaker)
    assert st.stance == "claims_responsibility"
    assert st.event_id is None  # a claim is not a PLOVER verbal event


@pytest.mark.parametrize(
    "text",
    [
        "No group has claimed responsibility for the attack.",
        "Hamas has not claimed responsibility for the shooting.",
        "The blast claimed the lives of 12 people.",
    ],
)
def test_statements_no_claim_when_negated_or_lives(extractor, text):
    report = run(extractor, text)
    assert all(s.stance != "claims_responsibility" for s in report.statements)
    assert all(not e.claimed_by for e in report.events)


def test_statements_claim_links_event_and_claimed_by(extractor):
    report = run(
        extractor, "The Islamic State group claimed responsibility for the bombing in Kabul."
    )
    st = by(report, "Islamic State")
    assert st.about_event is not None
    event = next(e for e in report.events if e.id == st.about_event)
    assert event.type == EventType.ASSAULT
    assert [c.actor_id for c in event.claimed_by] == [st.speaker.actor_id]
    assert "claimed responsibility" in event.claimed_by[0].span.text


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The United States denied involvement in the strike.", "United States"),
        ("Israel said it had nothing to do with the explosion.", "Israel"),
        ("The group denied that it was behind the kidnapping.", "group"),
        ("“We were not involved in this attack,” the army spokesman said.", "spokesman"),
    ],
)
def test_statements_denies_is_a_reject_event(extractor, text, speaker):
    report = run(extractor, text)
    st = by(report, speaker)
    assert st.stance == "denies"
    assert "claims_responsibility" not in st.stances
    event = event_of(report, st)
    assert event is not None and event.type == EventType.REJECT
    assert event.actors and event.actors[0].span == st.speaker.span


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The ministry did not deny the report.", "ministry"),
        ("Washington does not dispute the group's claim.", "Washington"),
    ],
)
def test_statements_negated_denial_is_does_not_dispute(extractor, text, speaker):
    report = run(extractor, text)
    st = by(report, speaker)
    assert st.stance == "does_not_dispute"
    assert st.event_id is None


@pytest.mark.parametrize(
    ("text", "speaker", "direct"),
    [
        ("The European Union condemned the attack.", "European Union", False),
        (
            "Pakistan's foreign ministry strongly denounced the killings as barbaric.",
            "ministry",
            False,
        ),
        ("The secretary-general deplored the loss of civilian lives.", "secretary-general", False),
        ("President Raisi condemned the “heinous crime.”", "Raisi", True),
    ],
)
def test_statements_condemns_is_accuse_disapprove(extractor, text, speaker, direct):
    report = run(extractor, text)
    st = by(report, speaker)
    assert st.stance == "condemns"
    assert st.direct is direct
    event = event_of(report, st)
    assert event.type == EventType.ACCUSE and event.mode == ["disapprove"]
    assert event.trigger == st.cue


def test_statements_negated_condemnation_is_no_event(extractor):
    report = run(extractor, "The government did not condemn the coup.")
    st = by(report, "government")
    assert st.stance == "other" and st.event_id is None
    assert "not" in st.cue.text


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Iran vowed revenge for the killing of its commander.", "Iran"),
        ("The militia threatened to attack US bases in the region.", "militia"),
        ("A commander warned that the army would respond with overwhelming force.", "commander"),
        ("“We will make them pay a heavy price,” the general said.", "general"),
        ("The minister affirmed that the guards will mete out severe consequences.", "minister"),
    ],
)
def test_statements_threatens(extractor, text, speaker):
    report = run(extractor, text)
    st = by(report, speaker)
    assert st.stance == "threatens"
    assert event_of(report, st).type == EventType.THREATEN


def test_statements_threat_of_violence_has_mode(extractor):
    report = run(extractor, "Iran vowed revenge for the killing of its commander.")
    assert event_of(report, by(report, "Iran")).mode == ["violence"]


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed six soldiers near Gao. The president promised revenge for the attack.",
        "Rebels pledged to retaliate against the army for the air strike on their camp.",
    ],
)
def test_statements_a_promised_threat_is_one_threaten_event_not_also_agree(extractor, text):
    report = run(extractor, text)
    cue = next(s for s in report.statements if s.stance == "threatens").cue
    on_cue = [e for e in report.events if e.trigger.start < cue.end and cue.start < e.trigger.end]
    assert [e.type for e in on_cue] == [EventType.THREATEN]
    assert report.article.text[cue.start : cue.end] == cue.text
    ids = {e.id for e in report.events}
    assert all(s.about_event in ids for s in report.statements if s.about_event)


@pytest.mark.parametrize(
    "text",
    [
        "The mayor vowed to rebuild the market.",
        "The governor promised new schools.",
        "The minister said the government will respond to the request next week.",
        "The coach said the team will attack from the first minute.",
        "The governor's office promised to rebuild the destroyed homes.",
    ],
)
def test_statements_promise_without_hostility_is_no_threat(extractor, text):
    report = run(extractor, text)
    assert all(s.stance != "threatens" for s in report.statements)
    assert all(e.type != EventType.THREATEN for e in report.events)


@pytest.mark.parametrize(
    ("text", "speaker", "target"),
    [
        ("Ukraine accused Russia of shelling the plant.", "Ukraine", "Russia"),
        (
            "Officials in Baghdad blamed the attack on the Islamic State.",
            "Officials",
            "Islamic State",
        ),
        ("The government said Hamas was behind the rocket fire.", "government", "Hamas"),
    ],
)
def test_statements_accuses_with_target(extractor, text, speaker, target):
    report = run(extractor, text)
    st = by(report, speaker)
    assert st.stance == "accuses"
    assert st.target is not None and target in st.target.span.text
    event = event_of(report, st)
    assert event.type == EventType.ACCUSE and event.mode == ["allege"]


@pytest.mark.parametrize(
    ("text", "speaker", "target"),
    [
        (
            "Analysts suggested that Hezbollah may have been behind the strike.",
            "Analysts",
            "Hezbollah",
        ),
        ("Investigators suspect the involvement of al-Qaeda.", "Investigators", "al-Qaeda"),
        ("Experts suggest the possible involvement of the Taliban.", "Experts", "Taliban"),
    ],
)
def test_statements_hedged_blame_suspects(extractor, text, speaker, target):
    report = run(extractor, text)
    st = by(report, speaker)
    assert st.stance == "suspects"
    assert st.target is None or target in st.target.span.text


@pytest.mark.parametrize(
    ("text", "speaker", "stance"),
    [
        ("The Pentagon confirmed that two soldiers were wounded.", "Pentagon", "confirms"),
        ("The army acknowledged that the strike hit a school.", "army", "confirms"),
    ],
)
def test_statements_confirms(extractor, text, speaker, stance):
    assert by(run(extractor, text), speaker).stance == stance


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        ("The UN called for an immediate ceasefire.", "UN", "an immediate ceasefire"),
        ("Egypt urged both sides to show restraint.", "Egypt", "both sides to show restraint"),
        ("The opposition demanded the release of the prisoners.", "opposition", "the release"),
        ("The ministry called on Israel to halt the strikes.", "ministry", "Israel to halt"),
    ],
)
def test_statements_calls_for_is_a_request(extractor, text, speaker, content):
    report = run(extractor, text)
    st = by(report, speaker)
    assert st.stance == "calls_for"
    assert st.content.text.startswith(content)
    assert event_of(report, st).type == EventType.REQUEST


def test_statements_call_on_names_the_addressee(extractor):
    st = by(run(extractor, "The ministry called on Israel to halt the strikes."), "ministry")
    assert st.target is not None and st.target.span.text == "Israel"


def test_statements_calling_something_a_name_is_no_request(extractor):
    report = run(extractor, "She called the decision a mistake.")
    assert all(s.stance != "calls_for" for s in report.statements)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The king offered condolences to the families of the victims.", "king"),
        ("Several leaders expressed their condolences to the Turkish people.", "leaders"),
        ("The prime minister sent condolences to the bereaved families.", "prime minister"),
    ],
)
def test_statements_condolences(extractor, text, speaker):
    report = run(extractor, text)
    st = by(report, speaker)
    assert st.stance == "expresses_condolences"
    assert "condolences" in st.cue.text
    assert st.event_id is None  # dropped by PLOVER (CAMEO "make public statement")


def test_statements_according_to(extractor):
    report = run(extractor, "The attack killed 12 people, according to local officials.")
    st = by(report, "local officials")
    assert st.cue.text == "according to"
    assert st.content.text == "The attack killed 12 people"
    assert st.stance == "other" and not st.direct


@pytest.mark.parametrize(
    ("text", "speaker", "content", "direct"),
    [
        (
            "“The situation is calm,” the governor told reporters.",
            "governor",
            "“The situation is calm,”",
            True,
        ),
        ("Police said the road had reopened.", "Police", "the road had reopened", False),
        (
            "The spokesman said: “We will not leave the city.”",
            "spokesman",
            "“We will not leave the city.”",
            True,
        ),
    ],
)
def test_statements_direct_and_reported_speech(extractor, text, speaker, content, direct):
    st = by(run(extractor, text), speaker)
    assert st.content.text == content
    assert st.direct is direct


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        (
            "The group said via its Telegram channel that the fighters had returned.",
            "via its Telegram channel",
        ),
        (
            "The minister told state television that the border would stay closed.",
            "state television",
        ),
        ("The ministry said in a statement that the talks would resume.", "in a statement"),
    ],
)
def test_statements_channel(extractor, text, channel):
    report = run(extractor, text)
    assert [s.channel.text for s in report.statements if s.channel] == [channel]


def test_statements_speaker_keeps_person_and_affiliation(extractor):
    report = run(extractor, "White House spokesman John Kirby said the talks had failed.")
    st = by(report, "Kirby")
    assert st.speaker.span.text == "White House spokesman John Kirby"
    person = report.actor(st.speaker.actor_id)
    assert person is not None and person.name == "John Kirby"
    assert report.actor(person.affiliation).country == "USA"


def test_statements_speaker_named_inside_a_group(extractor):
    text = (
        "Experts, including Aaron Zelin of the Washington Institute, suggest a link to the group."
    )
    report = run(extractor, text)
    st = report.statements[0]
    assert report.actor(st.speaker.actor_id).name == "Aaron Zelin"


def test_statements_inner_statement_of_the_same_side_is_one(extractor):
    text = "A State Department spokesman said the United States does not dispute the claim."
    report = run(extractor, text)
    stances = [s.stance for s in report.statements]
    assert stances.count("does_not_dispute") == 1


def test_statements_evidence_spans_index_the_text(extractor):
    text = "Iran vowed revenge. “We will strike back,” the general said, according to state media."
    report = run(extractor, text)
    assert report.statements
    for st in report.statements:
        assert text[st.cue.start : st.cue.end] == st.cue.text
        assert st.sentence.start <= st.cue.start < st.sentence.end


def test_attribution_find_on_a_parse(extractor):
    doc = extractor.nlp("Officials said on Monday that the bridge would reopen.")
    (att,) = find(doc)
    assert doc[att.source[0] : att.source[1]].text == "Officials"
    assert doc[att.cue[0] : att.cue[1]].text == "said"
    assert doc[att.content[0] : att.content[1]].text == "that the bridge would reopen"
    assert read(att, doc).stance == "other"


def test_attribution_quote_inside_quote_is_not_a_statement(extractor):
    text = "“They accused us of lying, but we stayed,” the mayor said."
    report = run(extractor, text)
    assert [s.speaker.span.text for s in report.statements if s.speaker] == ["the mayor"]


def test_statements_on_all_caps_wire_copy(extractor):
    text = (
        "SAN SALVADOR, 12 JAN 90 -- THE FARABUNDO MARTI NATIONAL LIBERATION FRONT CLAIMED "
        "RESPONSIBILITY FOR THE ATTACK ON THE POWER STATION. THE ARMED FORCES DENIED THAT "
        "SOLDIERS HAD KILLED THE PRIESTS. PRESIDENT CRISTIANI CONDEMNED THE MURDER."
    )
    report = run(extractor, text)
    assert by(report, "LIBERATION FRONT").stance == "claims_responsibility"
    assert by(report, "ARMED FORCES").stance == "denies"
    assert by(report, "CRISTIANI").stance == "condemns"


def test_statements_requested_speech_is_not_a_statement(extractor):
    text = "The traders demanded that the government explain how the bombers reached the market."
    report = run(extractor, text)
    assert [s.cue.text for s in report.statements] == ["demanded"]


def test_statements_content_stays_in_its_paragraph(extractor):
    text = "Bombing kills 12 in market\n\nThe army denied involvement in the bombing."
    report = run(extractor, text)
    st = by(report, "army")
    assert st.content.text == "involvement in the bombing"
    assert st.sentence.text == "The army denied involvement in the bombing."


@pytest.mark.shared
def test_attribution_quality_gate_on_polnear_dev(extractor):
    """Floors a little under the figures measured on the first 12 PolNeAR dev articles
    (2024: cue overlap F1 0.77, whole attribution overlap F1 0.73): fails on regressions."""
    from eventwire.text.nlp import model_text
    from eventwire.train.attribution import predicted, read_split, score

    golds = list(islice(read_split(need_shared(DATA / "polnear" / "dev")), 12))
    docs = list(extractor.nlp.pipe(model_text(g.text) for g in golds))
    scores = score(
        (g.text, g.attributions, predicted(d, g.text)) for g, d in zip(golds, docs, strict=True)
    )
    assert scores["cue overlap"][2] >= 0.72
    assert scores["source overlap"][2] >= 0.72
    assert scores["content overlap"][2] >= 0.75
    assert scores["attribution overlap"][2] >= 0.68
    assert scores["cue overlap"][0] >= 0.85  # precision: statements are evidence


def test_statements_verbal_event_dated_by_its_own_words(extractor):
    report = run(extractor, "On Friday, the European Union condemned the attack.")
    event = event_of(report, by(report, "European Union"))
    assert report.date(event.date).value == "2024-03-01"


@pytest.mark.parametrize(
    ("text", "speaker", "stance", "content"),
    [
        (
            "The attack was condemned by the European Union.",
            "European Union",
            "condemns",
            "The attack",
        ),
        (
            "The bombing was claimed by the Islamic State group.",
            "Islamic State",
            "claims_responsibility",
            "The bombing",
        ),
        ("The report was denied by Hamas.", "Hamas", "denies", "The report"),
    ],
)
def test_statements_passive_voice(extractor, text, speaker, stance, content):
    st = by(run(extractor, text), speaker)
    assert (st.stance, st.content.text) == (stance, content)
