"""Statements on ../shared/examples/kerman.txt (published 2024-01-04): who said what."""

from __future__ import annotations

import pytest

from eventwire.model import ArticleReport, EventType, Statement

pytestmark = pytest.mark.shared


def said_by(report: ArticleReport, who: str) -> list[Statement]:
    """Statements whose speaker is the actor with this ref or name."""
    out = []
    for st in report.statements:
        actor = report.actor(st.speaker.actor_id) if st.speaker else None
        if actor is not None and who in (actor.ref, actor.name):
            out.append(st)
    assert out, f"no statement by {who}"
    return out


def stances(report: ArticleReport, who: str) -> set[str]:
    return {s for st in said_by(report, who) for s in st.stances}


def verbal(report: ArticleReport, who: str) -> set[EventType]:
    ids = {st.event_id for st in said_by(report, who)}
    return {e.type for e in report.events if e.id in ids}


def the_bombing(report: ArticleReport):
    assaults = [e for e in report.events if e.type == EventType.ASSAULT]
    return next(e for e in assaults if any("bombings" in m.text for m in [e.trigger, *e.mentions]))


def test_kerman_islamic_state_claims_via_telegram(kerman):
    claims = [s for s in said_by(kerman, "isis") if s.stance == "claims_responsibility"]
    assert claims
    assert any(s.cue.text.endswith("asserted responsibility") for s in claims)
    channels = [s.channel.text for s in claims if s.channel]
    assert channels == ["via its affiliated Telegram channels"]
    bombing = the_bombing(kerman)
    assert {s.about_event for s in claims} == {bombing.id}


def test_kerman_bombing_claimed_by_islamic_state(kerman):
    bombing = the_bombing(kerman)
    claimers = [kerman.actor(c.actor_id).ref for c in bombing.claimed_by]
    assert claimers == ["isis"]
    assert "asserted responsibility" in bombing.claimed_by[0].span.text


def test_kerman_kirby_does_not_dispute(kerman):
    (st,) = said_by(kerman, "John Kirby")
    assert st.stance == "does_not_dispute"
    assert st.speaker.span.text == "White House spokesman John Kirby"
    assert st.about_event == the_bombing(kerman).id


def test_kerman_threats(kerman):
    for who in ("Mohammad Mokhber", "p.khamenei", "IRN"):
        assert "threatens" in stances(kerman, who), who
        assert EventType.THREATEN in verbal(kerman, who), who
    (khamenei,) = said_by(kerman, "p.khamenei")
    assert "promised" in khamenei.cue.text and "revenge" in khamenei.content.text
    assert khamenei.about_event == the_bombing(kerman).id


def test_kerman_condemnations(kerman):
    for who in ("irgc", "p.raisi", "un.sc"):
        assert "condemns" in stances(kerman, who), who
        assert EventType.ACCUSE in verbal(kerman, who), who
    raisi = said_by(kerman, "p.raisi")[0]
    assert raisi.direct and "heinous and inhumane crime" in raisi.content.text


def test_kerman_security_council_condolences(kerman):
    assert {"condemns", "expresses_condolences"} <= stances(kerman, "un.sc")


def test_kerman_zelin_suspects_isis_k(kerman):
    (st,) = said_by(kerman, "Aaron Zelin")
    assert st.stance == "suspects"
    assert kerman.actor(st.target.actor_id).ref == "iskp"


def test_kerman_tehran_accuses_isis_k(kerman):
    (st,) = [s for s in said_by(kerman, "IRN.gov") if s.stance == "accuses"]
    assert st.speaker.span.text == "Tehran"
    assert kerman.actor(st.target.actor_id).ref == "iskp"
    event = next(e for e in kerman.events if e.id == st.event_id)
    assert event.type == EventType.ACCUSE and event.mode == ["allege"]


def test_kerman_united_states_denies_involvement(kerman):
    denials = [s for s in said_by(kerman, "USA") if s.stance == "denies"]
    assert any("involvement in the explosions" in s.content.text for s in denials)
    assert EventType.REJECT in verbal(kerman, "USA")


def test_kerman_verbal_events_have_the_speaker_as_actor(kerman):
    for st in kerman.statements:
        if st.event_id is None:
            continue
        event = next(e for e in kerman.events if e.id == st.event_id)
        assert event.trigger == st.cue
        assert [a.actor_id for a in event.actors] == [st.speaker.actor_id]


def test_kerman_claiming_lives_is_no_statement(kerman):
    assert all("claiming" not in s.cue.text for s in kerman.statements)
