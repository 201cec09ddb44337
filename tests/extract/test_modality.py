"""Modes of actions (yaqut.extract.modality): occurred, demanded, threatened, planned,
claimed, denied, hypothetical, historical; folding into demands and threats."""

from __future__ import annotations

import pytest

from yaqut.extract.modality import assign_modes
from yaqut.extract.triggers import find_triggers

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    from yaqut.nlp import load_pipeline

    return load_pipeline()


def modes(nlp, text, historical=()):
    doc = nlp(text)
    return [(m.trigger.lemma, m.trigger.plover, m.mode, m.folded_into)
            for m in assign_modes(doc, find_triggers(doc[:]), list(historical))]


def test_threat_to_storm_is_a_threat_not_an_assault(nlp):
    got = modes(nlp, "The army threatened to storm the town unless the fighters handed over "
                     "their weapons.")
    assert got[0] == ("threaten", "THREATEN", "threatened", None)
    storm = next(g for g in got if g[0] == "storm")
    assert storm[1:] == ("ASSAULT", "threatened", 0)  # folded into the threat
    assert all(g[2] != "occurred" for g in got)


def test_conditional_is_hypothetical(nlp):
    got = modes(nlp, "If they refuse, forces would storm the town.")
    assert {g[2] for g in got} == {"hypothetical"}


def test_demand_content_is_demanded(nlp):
    got = modes(nlp, "The regime demanded that the men surrender their weapons.")
    assert got == [("demand", "DEMAND", "demanded", None),
                   ("surrender", "CONCEDE", "demanded", 0)]


def test_occurred(nlp):
    got = modes(nlp, "Militants attacked a checkpoint on Tuesday, killing two soldiers.")
    assert [g[2] for g in got] == ["occurred", "occurred"]


def test_planned(nlp):
    assert modes(nlp, "The group plans to attack the base next week.")[0][2] == "planned"
    assert modes(nlp, "Turkey will deploy more troops.")[0][2] == "planned"


def test_claimed(nlp):
    assert modes(nlp, "Rebels claimed they had shot down a helicopter.")[0][2] == "claimed"
    assert modes(nlp, "They accused the army of shelling the market.")[0][2] == "claimed"
    got = modes(nlp, "The group claimed responsibility for the bombing.")
    assert ("bombing", "ASSAULT", "claimed", None) in got


def test_denied(nlp):
    assert modes(nlp, "The ministry denied that troops had shelled the village.")[0][2] == \
        "denied"
    assert modes(nlp, "Government forces did not shell the town.")[0][2] == "denied"


def test_historical_by_date_and_by_habit(nlp):
    # tokens 0-2 ("Several years ago") are a date put well before the report
    got = modes(nlp, "Several years ago, ISIS fighters stormed the town.", [(0, 2)])
    assert got[0][2] == "historical"
    assert modes(nlp, "The army has repeatedly shelled the area.")[0][2] == "historical"


def test_attempt_is_not_an_act(nlp):
    got = modes(nlp, "Rebels tried to storm the base.")
    assert [g[:3] for g in got] == [("storm", "ASSAULT", "hypothetical")]


def test_alleged_act_is_claimed(nlp):
    got = modes(nlp, "Rebels said the alleged attack killed nobody.")
    assert ("attack", "ASSAULT", "claimed") in [g[:3] for g in got]
    # the reason for a sanction is part of it, not an act of its own
    got = modes(nlp, "Canada imposed sanctions over the chemical weapons attack.")
    assert [g[3] for g in got if g[1] == "ASSAULT"] == [0, 0]


def test_a_claim_of_the_act_differs_from_an_attribution(nlp):
    def claimed(text):
        doc = nlp(text)
        return [(m.mode, m.attributed, m.eventive)
                for m in assign_modes(doc, find_triggers(doc[:]))]

    # "claimed to have killed": a report of the act, coded (ACLED codes claimed attacks)
    assert claimed("IS claimed to have assassinated a YPG member.") == [
        ("claimed", False, True)]
    # "claimed responsibility for", "accused X of": an attribution, no event of its own
    assert claimed("The group claimed responsibility for the bombing.")[-1] == (
        "claimed", True, False)
    assert claimed("The minister accused Iran of bombing the city.")[-1] == (
        "claimed", True, False)


def test_likely_before_a_place_hedges_the_place_not_the_act(nlp):
    assert modes(nlp, "Regime forces clashed with HTS, likely in the Abul Thouhur area.")[0][2] \
        == "occurred"
    assert modes(nlp, "Regime forces will likely attack the town.")[0][2] != "occurred"


def test_clashes_during_an_attempt_still_happened(nlp):
    got = modes(nlp, "Regime forces attempted to advance during clashes against IS.")
    assert ("clash", "ASSAULT", "occurred", None) in got
    assert got[0][2] == "hypothetical"  # the advance was only attempted
