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
