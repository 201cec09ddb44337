"""Agent and patient from the dependency parse (yaqut.extract.roles), on sentences of our own."""

from __future__ import annotations

import pytest

from yaqut.extract.roles import find_roles
from yaqut.extract.triggers import find_triggers

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def nlp():
    from yaqut.nlp import load_pipeline

    return load_pipeline()


def sides(nlp, text: str, lemma: str) -> dict[str, list[str]]:
    doc = nlp(text)
    trig = next(t for t in find_triggers(doc[:]) if t.lemma == lemma)
    r = find_roles(doc, trig.head, trig.plover)
    return {k: [text[a:b] for a, b in getattr(r, k)]
            for k in ("agents", "patients", "both", "associated")}


def test_active_subject_acts_on_its_object(nlp):
    got = sides(nlp, "Rebels attacked an army checkpoint near Hama.", "attack")
    assert got["agents"] == ["Rebels"]
    assert got["patients"] == ["an army checkpoint near Hama"]


def test_passive_subject_is_the_victim_and_the_by_phrase_the_agent(nlp):
    got = sides(nlp, "Two farmers were killed by a Turkish drone in the village.", "kill")
    assert any("farmers" in p for p in got["patients"])
    assert any("Turkish drone" in a for a in got["agents"])
    assert not any("farmers" in a for a in got["agents"])


def test_at_the_hands_of_names_the_agent_not_a_target(nlp):
    got = sides(nlp, "A teacher was killed at the hands of militia members in Kirkuk.", "kill")
    assert any("militia members" in a for a in got["agents"])
    assert not any("militia" in p for p in got["patients"])


def test_a_backer_is_associated_not_a_side(nlp):
    got = sides(nlp, "Rebels backed by Ankara captured the town of Jarablus.", "capture")
    assert any("Ankara" in a for a in got["associated"])
    assert any("town" in p for p in got["patients"])


def test_with_the_support_of_is_associated(nlp):
    got = sides(nlp, "Government troops stormed the camp with the support of Russian "
                     "aircraft.", "storm")
    assert any("Russian aircraft" in a for a in got["associated"])


def test_clashed_with_names_the_other_side(nlp):
    got = sides(nlp, "Somali soldiers clashed with al-Shabaab fighters near Baidoa.", "clash")
    assert got["agents"] == ["Somali soldiers"]
    assert any("al-Shabaab fighters" in p for p in got["patients"])


def test_joined_verb_takes_the_first_verbs_subject(nlp):
    got = sides(nlp, "Gunmen stormed a house in Mosul and killed two brothers.", "kill")
    assert got["agents"] == ["Gunmen"]
    assert any("brothers" in p for p in got["patients"])


def _at(nlp, text: str, word: str):
    doc = nlp(text)
    return doc, next(t.i for t in doc if t.text == word)


def _texts(text: str, spans) -> list[str]:
    return [text[a:b] for a, b in spans]


def test_the_passive_subject_of_firing_is_the_weapon_and_its_owner_the_agent(nlp):
    got = sides(nlp, "Iranian rockets were fired at a border post on Sunday.", "fire")
    assert any("Iranian rockets" in a for a in got["agents"])
    assert not any("rockets" in p for p in got["patients"])


def test_what_fell_to_a_group_was_taken_by_it(nlp):
    text = "The port town fell to Houthi fighters after a week of fighting."
    doc, i = _at(nlp, text, "fell")
    r = find_roles(doc, i, "ASSAULT")
    assert any("Houthi fighters" in a for a in _texts(text, r.agents))


def test_a_nationality_adjective_of_a_nominal_trigger_is_its_agent(nlp):
    got = sides(nlp, "A Turkish assault drove the militants from the valley.", "assault")
    assert "Turkish" in got["agents"]


def test_a_reported_pronoun_subject_is_the_speaker(nlp):
    got = sides(nlp, "The militants said they had attacked the convoy near Gao.", "attack")
    assert any("militants" in a for a in got["agents"])
    assert "they" not in got["agents"]


def test_speakers_are_sources_each_conjunct_without_its_clauses(nlp):
    from yaqut.extract.roles import find_sources

    text = "Five people died in the raid, the ministry and local monitors said on Monday."
    assert _texts(text, find_sources(nlp(text))) == ["the ministry", "local monitors"]
    text = "According to the governor, who visited the site, nine shops burned."
    assert _texts(text, find_sources(nlp(text))) == ["the governor"]
    # no speaker in an absolute phrase
    text = "Rebels took the hill with no casualties reported."
    assert find_sources(nlp(text)) == ()


def test_a_group_claiming_responsibility_is_the_claimant(nlp):
    from yaqut.extract.roles import find_claimants

    text = "Al-Shabaab claimed responsibility for the bombing in Mogadishu."
    assert _texts(text, find_claimants(nlp(text))) == ["Al-Shabaab"]
    assert find_claimants(nlp("The police claimed the square was empty.")) == ()


def test_an_action_without_its_own_agent_takes_its_clauses_subject_and_object(nlp):
    text = "The army drove the rebels out of the valley following a long offensive."
    doc, i = _at(nlp, text, "offensive")
    r = find_roles(doc, i, "ASSAULT")
    assert _texts(text, r.agents) == ["The army"]
    assert _texts(text, r.patients) == ["the rebels"]
    # never the speaker of a reported clause
    text = "The ministry said a long offensive had begun in the valley."
    doc, i = _at(nlp, text, "offensive")
    assert find_roles(doc, i, "ASSAULT").agents == ()
