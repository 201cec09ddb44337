"""The type of an incident told over several sentences (``classify.incident_type``): the
sentence that reports it decides before background words in its other sentences; and who
dropped a bomb or launched a strike (``classify._from_the_air``)."""

from __future__ import annotations

from yaqut.extract.classify import _from_the_air, classify, incident_type
from yaqut.extract.modality import Moded
from yaqut.extract.triggers import Trigger


def act(plover: str, cue: str | None = None, mode: str = "occurred") -> Moded:
    return Moded(Trigger(0, 0, 0, plover, cue, "x"), mode)


def decide(actions, text):
    return classify(actions, text, ())


def typed(parts, anchor=None):
    actions = [a for acts, _ in parts for a in acts]
    return incident_type(decide, actions, " ".join(t for _, t in parts), parts, anchor)


def test_lead_sentence_decides_over_background_fighting():
    parts = [([act("ASSAULT", "air")], "On Monday jets struck a market in the town."),
             ([act("ASSAULT", "clash")], "Rebels and the army have fought over the town "
                                         "for months.")]
    whole = decide([a for acts, _ in parts for a in acts], " ".join(t for _, t in parts))
    assert whole[1] == "Armed clash"  # read whole, the months of fighting outvote the strike
    assert typed(parts, anchor=0)[1] == "Air/drone strike"


def test_anchor_sentence_is_the_lead_even_when_not_first():
    parts = [([act("ASSAULT", "clash")], "Fighting has raged around the valley all year."),
             ([act("ASSAULT", "shelling")], "On Friday army artillery shelled two villages "
                                            "in the valley.")]
    assert typed(parts, anchor=1)[1] == "Shelling/artillery/missile attack"
    # without an anchor the first violent sentence leads
    assert typed(parts)[1] == "Armed clash"


def test_lead_that_tells_nothing_gives_way_to_the_whole():
    parts = [([act("RETREAT", "group")], "A new commander arrived in the town on Sunday."),
             ([act("ASSAULT", "air")], "Warplanes struck its outskirts the same day.")]
    assert typed(parts, anchor=0)[1] == "Air/drone strike"


def test_whole_tells_how_the_lead_bombing_was_done():
    parts = [([act("ASSAULT", "strike")], "The bomber struck a hotel lobby on Tuesday."),
             ([act("ASSAULT", "bomb")], "It was the third suicide bombing this month.")]
    assert typed(parts[:1], anchor=0)[1] == "Remote explosive/landmine/IED"
    assert typed(parts, anchor=0)[1] == "Suicide bomb"


def test_one_sentence_or_brief_report_is_read_whole():
    parts = [([act("ASSAULT", "shelling")], "Army artillery shelled the village.")]
    assert typed(parts, anchor=0) == decide(parts[0][0], parts[0][1])
    assert incident_type(decide, [act("ASSAULT", "clash")], "Rebels clashed with troops.",
                         ())[1] == "Armed clash"


def test_bombs_and_strikes_of_a_state_come_from_the_air():
    assert _from_the_air("Government forces bombed a hospital in the north on Tuesday.")
    assert _from_the_air("A coalition strike killed ten fighters near the river.")
    assert not _from_the_air("Rebels bombed a checkpoint outside the city.")
    assert not _from_the_air("A car bomb planted near an army base went off.")
    assert not _from_the_air("The bomber struck a hotel lobby.")
    coded = classify([act("ASSAULT", "strike")], "A coalition strike killed ten fighters "
                     "near the river.", ())
    assert coded[1] == "Air/drone strike"
    coded = classify([act("ASSAULT", "bomb")], "Rebels bombed a checkpoint outside the "
                     "city.", ())
    assert coded[1] == "Remote explosive/landmine/IED"


def test_a_state_strike_that_is_no_trigger_of_its_own_still_counts():
    # "killed by ... strike": the parse folds the strike into the killing
    coded = classify([act("ASSAULT", "kill")], "Six fighters were killed by a coalition "
                     "strike near the dam.", ())
    assert coded[1] == "Air/drone strike"


def test_a_fight_that_only_says_who_someone_is_makes_no_clash():
    text = "A medic fighting with the rebels died in a roadside bomb blast."
    fighting = Moded(Trigger(0, 0, 0, "ASSAULT", "clash", "fighting", describes=True),
                     "occurred")
    assert classify([fighting, act("ASSAULT", "explosion")], text, ())[1] == \
        "Remote explosive/landmine/IED"
    told = Moded(Trigger(0, 0, 0, "ASSAULT", "clash", "fighting"), "occurred")
    assert classify([told, act("ASSAULT", "explosion")], text, ())[1] == "Armed clash"


def test_a_village_is_where_an_attack_happened_not_who_it_hurt():
    where = "Fighters of a jihadist group carried out an attack in a village north of the city."
    assert classify([act("ASSAULT", "attack")], where, (2, None))[1] == "Armed clash"
    who = "Fighters of a jihadist group attacked villagers north of the city."
    assert classify([act("ASSAULT", "attack")], who, (2, None))[1] == "Attack"
