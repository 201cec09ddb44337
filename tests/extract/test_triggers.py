"""The trigger lexicon and its two entry points (yaqut.extract.triggers)."""

from __future__ import annotations

import pytest

from yaqut.extract.triggers import find_triggers, lexicon, may_hold_trigger

PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
          "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "CRIME",
          "MOBILIZE", "COERCE", "ASSAULT"}


def test_lexicon_rows_are_well_formed():
    entries = lexicon()
    assert len(entries) > 150
    for e in entries:
        assert e.pos in ("VERB", "NOUN", "ANY"), e
        assert e.plover in PLOVER, e
        assert all(w == w.lower() and w.strip() for w in e.lemmas), e


def test_prefilter_sees_inflections_and_skips_plain_text():
    assert may_hold_trigger("Gunmen shot two men on Friday.")
    assert may_hold_trigger("The militants were besieging the town.")
    assert may_hold_trigger("Protesters marched through the capital.")
    assert may_hold_trigger("Troops seized a cache of rifles.")
    assert not may_hold_trigger("The weather was mild and sunny in the north.")


@pytest.fixture(scope="module")
def nlp():
    from yaqut.nlp import load_pipeline

    return load_pipeline()


def triggers(nlp, text):
    return [(t.lemma, t.plover, t.cue) for t in find_triggers(nlp(text)[:])]


@pytest.mark.slow
def test_multiword_triggers_win_over_their_first_word(nlp):
    got = triggers(nlp, "Government forces seized control of the town after an air strike.")
    assert ("seize control", "ASSAULT", "capture") in got
    assert ("air strike", "ASSAULT", "air") in got
    assert not any(lemma == "seize" for lemma, _, _ in got)


@pytest.mark.slow
def test_part_of_speech_is_checked(nlp):
    # "march" the month is no protest; "marched" the verb is
    assert triggers(nlp, "The town fell in March 2018.") == []
    assert ("march", "PROTEST", "protest") in triggers(nlp, "Students marched to parliament.")


@pytest.mark.slow
def test_crowd_territory_and_weapons_vocabulary(nlp):
    got = triggers(nlp, "Rebels overran the base and gunmen gunned down a doctor.")
    assert ("overrun", "ASSAULT", "capture") in got
    assert ("gun down", "ASSAULT", "kill") in got
    got = triggers(nlp, "Police discovered explosives and the soldiers defected.")
    assert ("discover", "COERCE", "find") in got
    assert ("defect", "MOBILIZE", "defect") in got


@pytest.mark.slow
def test_trigger_offsets_point_at_the_words(nlp):
    doc = nlp("The army threatened to storm the town.")
    found = find_triggers(doc[:])
    assert [doc[t.first:t.last + 1].text for t in found] == ["threatened", "storm"]


@pytest.mark.slow
def test_regular_inflection_found_when_the_lemmatiser_errs(nlp):
    # the small English model lemmatises "raped" as "rap"
    assert ("rape", "ASSAULT", "sexual") in triggers(nlp, "Four men raped a woman in a car.")


def test_a_body_found_is_a_killing(nlp):
    assert triggers(nlp, "The body of a fighter was found near the village.") == [
        ("find", "ASSAULT", "kill")]
    assert triggers(nlp, "Police found a cache of rifles near the village.")[0][1:] == (
        "COERCE", "find")


def test_opened_fire_with_words_between(nlp):
    got = triggers(nlp, "Gunmen opened small arms fire at a checkpoint.")
    assert ("open fire", "ASSAULT", "shoot") in got
    assert triggers(nlp, "Infighting was reported between two factions.") == [
        ("infighting", "ASSAULT", "clash")]


def test_a_security_operation_is_a_raid(nlp):
    assert ("security operation", "ASSAULT", "raid") in triggers(
        nlp, "QSD carried out a security operation against IS cells.")


def test_made_advances_is_an_advance(nlp):
    assert ("make advance", "ASSAULT", "advance") in triggers(
        nlp, "QSD forces made advances around the village.")


@pytest.mark.slow
def test_words_that_only_describe_are_no_triggers(nlp):
    # who a person is ("a medic fighting with the rebels") is no fight that happened
    found = find_triggers(nlp("A medic fighting with the rebels died in a blast near the "
                              "bridge.")[:])
    assert [(t.lemma, t.describes) for t in found] == [("fighting", True), ("blast", False)]
    assert ("fight", "ASSAULT", "clash") in triggers(nlp, "Rebels were fighting the army "
                                                          "near the bridge on Monday.")
    # a trigger noun naming a kind of thing ("attack helicopters", "battle lines") is none;
    # one modifying another trigger ("a mortar shell attack") stays
    assert not any(lemma in ("attack", "battle") for lemma, _, _ in triggers(
        nlp, "Attack helicopters flew over the old battle lines."))
    assert ("mortar", "ASSAULT", "shelling") in triggers(nlp, "Mortar shells hit the school.")


@pytest.mark.slow
def test_holding_a_place_in_the_present_is_no_capture(nlp):
    got = triggers(nlp, "The militias that control the valley refused to talk.")
    assert not any(cue == "capture" for _, _, cue in got)
    assert ("control", "ASSAULT", "capture") in triggers(
        nlp, "Rebels controlled the valley after the clashes on Monday.")
