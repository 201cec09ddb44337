"""ACLED event_type / sub_event_type / disorder_type from actions and words
(yaqut.extract.classify): every one of the 25 sub-types, the order between them, and
incidents ACLED does not code at all (disasters, crime, diplomacy)."""

from __future__ import annotations

import pytest

from yaqut.extract.classify import classify, not_acled
from yaqut.extract.modality import Moded
from yaqut.extract.triggers import Trigger


def act(plover: str, cue: str | None = None, mode: str = "occurred", lemma: str = "x") -> Moded:
    return Moded(Trigger(0, 0, 0, plover, cue, lemma), mode)


ASSAULT = "ASSAULT"

CASES = [
    # Battles
    ([act(ASSAULT, "clash")], "Rebels clashed with army troops near the town.", (2, 1),
     ("Battles", "Armed clash", "Political violence")),
    ([act(ASSAULT, "recapture")], "Government forces recaptured the village from rebels.", (),
     ("Battles", "Government regains territory", "Political violence")),
    ([act(ASSAULT, "capture")], "Militants captured the town after heavy fighting.", (),
     ("Battles", "Non-state actor overtakes territory", "Political violence")),
    # Explosions/Remote violence
    ([act(ASSAULT, "attack")], "The town was hit in a sarin attack that killed 40 people.", (),
     ("Explosions/Remote violence", "Chemical weapon", "Political violence")),
    ([act(ASSAULT, "air")], "Warplanes carried out air strikes on the market.", (),
     ("Explosions/Remote violence", "Air/drone strike", "Political violence")),
    ([act(ASSAULT, "explosion")], "A suicide bomber blew himself up at a checkpoint.", (),
     ("Explosions/Remote violence", "Suicide bomb", "Political violence")),
    ([act(ASSAULT, "shelling")], "Army artillery shelled the village overnight.", (),
     ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Political violence")),
    ([act(ASSAULT, "explosion")], "A roadside IED exploded under a patrol car.", (),
     ("Explosions/Remote violence", "Remote explosive/landmine/IED", "Political violence")),
    ([act(ASSAULT, "attack")], "Assailants threw a hand grenade at a police post.", (),
     ("Explosions/Remote violence", "Grenade", "Political violence")),
    # Violence against civilians
    ([act(ASSAULT, "sexual")], "Soldiers raped two women in the village.", (),
     ("Violence against civilians", "Sexual violence", "Political violence")),
    ([act(ASSAULT, "kill")], "Gunmen killed three villagers in their homes.", (),
     ("Violence against civilians", "Attack", "Political violence")),
    ([act("COERCE", "abduct")], "Unknown men kidnapped a local teacher.", (),
     ("Violence against civilians", "Abduction/forced disappearance", "Political violence")),
    # Protests
    ([act("PROTEST", "protest")], "Hundreds of people marched against the new tax.", (),
     ("Protests", "Peaceful protest", "Demonstrations")),
    ([act("PROTEST", "protest"), act("COERCE", "disperse")],
     "Police used tear gas to disperse a protest outside parliament.", (),
     ("Protests", "Protest with intervention", "Demonstrations")),
    ([act("PROTEST", "protest"), act(ASSAULT, "kill")],
     "Security forces opened fire on protesters with live ammunition, killing four.", (),
     ("Protests", "Excessive force against protesters", "Demonstrations")),
    # Riots
    ([act("PROTEST", "protest")], "Protesters threw stones at police and torched two cars.", (),
     ("Riots", "Violent demonstration", "Demonstrations")),
    ([act(ASSAULT, "kill")], "An angry mob lynched a man accused of theft.", (),
     ("Riots", "Mob violence", "Political violence")),
    # Strategic developments
    ([act("AGREE", "agreement")], "The two sides signed a ceasefire agreement.", (),
     ("Strategic developments", "Agreement", "Strategic developments")),
    ([act("COERCE", "arrest")], "Security forces arrested five opposition activists.", (),
     ("Strategic developments", "Arrests", "Strategic developments")),
    ([act("MOBILIZE", "recruit")], "The militia recruited 200 new fighters in the district.", (),
     ("Strategic developments", "Change to group/activity", "Strategic developments")),
    ([act("COERCE", "find")], "Troops discovered a cache of weapons and ammunition.", (),
     ("Strategic developments", "Disrupted weapons use", "Strategic developments")),
    ([act("MOBILIZE", "base")], "Turkish forces set up a new observation post near the town.",
     (), ("Strategic developments", "Headquarters or base established",
          "Strategic developments")),
    ([act("COERCE", "loot")], "Fighters looted shops and homes in the village.", (),
     ("Strategic developments", "Looting/property destruction", "Strategic developments")),
    ([act("RETREAT", "withdraw")], "Government troops withdrew from the town and handed it over.",
     (), ("Strategic developments", "Non-violent transfer of territory",
          "Strategic developments")),
    ([act("DEMAND", None, "demanded"), act("THREATEN", "threat", "threatened")],
     "The army demanded the surrender of the wanted men and threatened an operation.", (),
     ("Strategic developments", "Other", "Strategic developments")),
]


@pytest.mark.parametrize(("actions", "text", "inters", "expected"), CASES,
                         ids=[c[3][1] for c in CASES])
def test_every_sub_event_type(actions, text, inters, expected):
    assert classify(actions, text, inters) == expected


def test_all_25_sub_types_are_covered_here():
    assert len({c[3][1] for c in CASES}) == 25


def test_a_threatened_assault_is_no_battle():
    actions = [act("THREATEN", "threat", "threatened"), act(ASSAULT, "attack", "threatened")]
    text = "The army threatened to storm the town unless the fighters handed over their weapons."
    assert classify(actions, text) == ("Strategic developments", "Other",
                                       "Strategic developments")


def test_a_hypothetical_or_attributed_assault_is_no_battle():
    attributed = Moded(Trigger(0, 0, 0, ASSAULT, "attack", "x"), "claimed", attributed=True)
    for a in [act(ASSAULT, "attack", m) for m in ("hypothetical", "planned", "denied",
                                                  "historical")] + [attributed]:
        # alone it is no event at all; beside a real demand it does not make it violent
        assert classify([a], "Forces would storm the town.") is None
        got = classify([act("DEMAND", None, "demanded"), a],
                       "They demanded the men's surrender; forces would storm the town.")
        assert got == ("Strategic developments", "Other", "Strategic developments")


def test_an_act_claimed_as_done_is_coded_as_what_was_claimed():
    # "IS claimed to have killed a YPG member": ACLED codes claimed attacks
    got = classify([act(ASSAULT, "kill", "claimed")],
                   "IS claimed to have killed a YPG fighter in a clash near the town.", (2, 2))
    assert got == ("Battles", "Armed clash", "Political violence")


def test_weapons_found_with_nobody_hurt_beat_the_weapon_words():
    got = classify([act("COERCE", "find"), act(ASSAULT, "bomb")],
                   "Police found a bomb and two grenades near the station.")
    assert got[1] == "Disrupted weapons use"


def test_crowd_violence_comes_before_the_force_used_on_it():
    got = classify([act("PROTEST", "protest"), act("COERCE", "disperse")],
                   "Police fired tear gas after demonstrators threw bottles and set fire to bins.")
    assert got[1] == "Violent demonstration"


def test_riot_police_do_not_make_a_riot():
    got = classify([act("PROTEST", "protest")], "Riot police watched as students rallied.")
    assert got[1] == "Peaceful protest"


def test_state_side_from_inter_code_when_the_text_names_no_side():
    got = classify([act(ASSAULT, "capture")], "They captured the hill on Monday.", (1, 2))
    assert got[1] == "Government regains territory"
    got = classify([act(ASSAULT, "capture")], "They captured the hill on Monday.", (2, 1))
    assert got[1] == "Non-state actor overtakes territory"


def test_passive_loss_names_the_loser():
    got = classify([act(ASSAULT, "capture")],
                   "The militants were pushed back from the villages by the army.")
    assert got[1] == "Government regains territory"


def test_raid_to_arrest_is_an_arrest():
    got = classify([act(ASSAULT, "raid"), act("COERCE", "arrest")],
                   "Police raided a house and arrested three suspects.")
    assert got[1] == "Arrests"


def test_civilian_target_without_a_fight_is_an_attack_with_one_a_clash():
    assert classify([act(ASSAULT, "attack")], "Gunmen attacked a bus carrying passengers.",
                    )[1] == "Attack"
    assert classify([act(ASSAULT, "attack")], "Gunmen attacked an army checkpoint.")[1] == \
        "Armed clash"
    assert classify([act(ASSAULT, "kill")], "They killed him.", (2, 7))[1] == "Attack"


@pytest.mark.parametrize("text", [
    "A strong earthquake killed eight people and damaged 1,300 buildings.",
    "Flash floods and landslides killed at least 89 people, the disaster agency said.",
    "Four workers were injured when a tank at the gas plant exploded.",
])
def test_disasters_are_not_acled_events(text):
    actions = [act(ASSAULT, "kill")]
    assert not_acled(actions, text)
    assert classify(actions, text) is None


def test_ordinary_crime_and_diplomacy_are_not_acled_events():
    assert classify([act("COERCE", "arrest")],
                    "Police arrested ten people and recovered counterfeit notes.") is None
    assert classify([act("SANCTION")], "Russia expelled two US diplomats on Friday.") is None
    assert classify([act("CONSULT", "meeting")], "The ministers met to discuss trade.") is None


def test_armed_words_keep_an_event_even_with_disaster_or_crime_words():
    got = classify([act(ASSAULT, "attack")],
                   "Militants attacked a convoy carrying drugs seized from smugglers.")
    assert got is not None and got[0] == "Battles"


def test_peace_talks_are_an_agreement_and_demands_keep_an_event():
    assert classify([act("CONSULT", "meeting")],
                    "Rebels and the government started peace talks.")[1] == "Agreement"
    got = classify([act("DEMAND", None, "demanded")],
                   "The regime claimed the men were involved in drug trafficking and demanded "
                   "their surrender.")
    assert got == ("Strategic developments", "Other", "Strategic developments")


def test_arrests_by_the_state_or_by_an_armed_group():
    arrest = [act("COERCE", "arrest")]
    assert classify(arrest, "An opposition activist has been detained in the capital.")[1] == \
        "Arrests"
    assert classify(arrest, "Police arrested three members of the rebel group.")[1] == "Arrests"
    assert classify(arrest, "Rebels detained two soldiers at a checkpoint.")[1] == "Armed clash"
    assert classify(arrest, "Ten fighters were detained by the rebels.")[1] == "Armed clash"
    assert classify(arrest, "HTS raided the town. Ten members of a rival faction were "
                            "detained.")[1] == "Armed clash"


def test_remote_weapon_with_direct_fire_on_fighters_is_a_clash():
    got = classify([act(ASSAULT, "explosion"), act(ASSAULT, "shoot")],
                   "Militants detonated an IED and fired machine guns at a patrol, wounding "
                   "three soldiers.")
    assert got[1] == "Armed clash"
    got = classify([act(ASSAULT, "explosion")], "A roadside bomb wounded three soldiers.")
    assert got[1] == "Remote explosive/landmine/IED"


def test_a_fight_told_as_the_news_takes_in_its_weapons():
    text = ("Amid the deployment of suicide vehicles, the group battled the SDF in the "
            "countryside, killing 16 fighters.")
    got = classify([act(ASSAULT, "clash"), act(ASSAULT, "kill")], text, (2, 2))
    assert got[1] == "Armed clash"
    # without a fight told, the suicide bomber decides
    got = classify([act(ASSAULT, "explosion")],
                   "A suicide bomber blew himself up at a checkpoint, killing 3.", (2, 1))
    assert got[1] == "Suicide bomb"


def test_explosives_in_an_assault_on_forces_and_shelling_back_are_clashes():
    got = classify([act(ASSAULT, "attack"), act(ASSAULT, "kill")],
                   "HTS carried out an attack on regime forces, accompanied by suicide bombings "
                   "with explosive belts. 3 fighters were killed.", (2, 1))
    assert got[1] == "Armed clash"
    got = classify([act(ASSAULT, "shelling")],
                   "The army shelled the village. Rebel factions shelled back in response.",
                   (1, 2))
    assert got[1] == "Armed clash"


def test_a_chemical_weapon_only_alleged_does_not_decide():
    text = ("Rebels shelled government positions near Duma; dozens were killed, with claims "
            "of the use of chlorine gas.")
    assert classify([act(ASSAULT, "shelling")], text, (2, 1))[1] != "Chemical weapon"
    assert classify([act(ASSAULT, "shelling")], "Rebels shelled the town with chlorine gas.",
                    (2, 1))[1] == "Chemical weapon"


def test_not_acled_sees_the_whole_report():
    # the incident's own sentence names no disaster; the report does
    text = "Rescuers pulled 12 bodies from the rubble in the town."
    context = "A strong earthquake struck the region at dawn. " + text
    assert classify([act(ASSAULT, "kill")], text) is not None
    assert classify([act(ASSAULT, "kill")], text, context=context) is None
    # armed groups named anywhere in the report make it no ordinary disaster or crime
    context = "Militants shelled the town after the earthquake. " + text
    assert classify([act(ASSAULT, "kill")], text, context=context) is not None


def test_taking_posts_or_checkpoints_is_a_clash_not_territory():
    got = classify([act(ASSAULT, "clash"), act(ASSAULT, "capture")],
                   "Clashes took place between HTS and Hurras al Deen. Hurras al Deen seized "
                   "control of the checkpoint.", (2, 2))
    assert got[1] == "Armed clash"
    got = classify([act(ASSAULT, "clash"), act(ASSAULT, "capture")],
                   "Rebels clashed with regime forces and captured the village of Basra.",
                   (2, 1))
    assert got[1] == "Non-state actor overtakes territory"


def test_kidnapping_members_of_a_force_is_a_clash():
    got = classify([act(ASSAULT, "attack"), act("COERCE", "abduct")],
                   "Gunmen attacked a checkpoint and managed to kidnap two regime State "
                   "Security members.", (3, 1))
    assert got[1] == "Armed clash"


def test_a_victim_said_to_be_a_fighter_makes_a_clash():
    text = "Gunmen shot and killed 1 man, likely to be an Islamist faction fighter, at his house."
    assert classify([act(ASSAULT, "kill")], text, (3, None))[1] == "Armed clash"
    text = "Gunmen shot and killed 1 man, a shepherd, near his house."
    assert classify([act(ASSAULT, "kill")], text, (3, None))[1] == "Attack"


def test_destroying_the_other_sides_guns_is_a_clash():
    text = "Islamist faction fighters destroyed a regime heavy machine gun on the hill."
    assert classify([act("COERCE", "destroy")], text, (2, 1))[1] == "Armed clash"
    # a mob burning shops is still property destruction
    text = "Unknown men destroyed shops in the market."
    assert classify([act("COERCE", "destroy")], text, (3, 7))[1] == \
        "Looting/property destruction"


def test_air_strikes_with_ground_fire_on_fighters_are_a_clash():
    text = ("Coalition drones and QSD forces targeted a house hosting IS sleeper cells with "
            "airstrikes and arms fire.")
    assert classify([act(ASSAULT, "attack")], text, (1, 2))[1] == "Armed clash"


def test_fighters_named_as_the_agent_make_no_armed_victim():
    # "killed by / at the hands of militants": the militants did it; the victim is unarmed
    for text in ("A teacher was killed at the hands of IS militants in the town.",
                 "Two shepherds were shot by militants near the village."):
        assert classify([act(ASSAULT, "kill")], text)[1] == "Attack", text
    # ... while fighters who were themselves killed still make a clash
    assert classify([act(ASSAULT, "kill")], "Gunmen killed two soldiers at a checkpoint.",
                    )[1] == "Armed clash"


@pytest.mark.parametrize(("actions", "text", "expected"), [
    # protests, riots, violence against civilians, strategic developments outside Syria
    ([act("PROTEST", "protest")], "Hundreds of teachers rallied peacefully outside parliament "
     "in Nairobi to demand higher pay.", "Peaceful protest"),
    ([act("PROTEST", "protest"), act("COERCE", "disperse")], "Police fired tear gas to "
     "disperse students protesting in Dhaka.", "Protest with intervention"),
    ([act("PROTEST", "protest"), act(ASSAULT, "kill")], "Security forces opened fire on "
     "demonstrators in Khartoum, killing three protesters.", "Excessive force against protesters"),
    ([act("PROTEST", "riot")], "Rioters torched cars and smashed shop windows in Lagos.",
     "Violent demonstration"),
    ([act(ASSAULT, "attack")], "An angry mob lynched a man accused of theft in a village "
     "near Kano.", "Mob violence"),
    ([act(ASSAULT, "abduct")], "Gunmen kidnapped a priest from his home in Zamfara.",
     "Abduction/forced disappearance"),
    ([act(ASSAULT, "sexual")], "Soldiers raped two women at a checkpoint in North Kivu.",
     "Sexual violence"),
    ([act("COERCE", "arrest")], "Police arrested 14 opposition activists in Kampala.",
     "Arrests"),
    ([act("AGREE", "agreement")], "The government and the rebels signed a ceasefire in Juba.",
     "Agreement"),
    ([act("MOBILIZE", "base")], "Militants set up a new base in the hills outside Kidal.",
     "Headquarters or base established"),
    ([act("COERCE", "loot")], "Militiamen looted the market and burned shops in Bangui.",
     "Looting/property destruction"),
    ([act("SEIZE", "seize")], "Troops seized a cache of rifles and ammunition near Mosul.",
     "Disrupted weapons use"),
])
def test_other_event_types_set_outside_syria(actions, text, expected):
    assert classify(actions, text)[1] == expected


def test_named_groups_come_from_the_actor_dictionary():
    # no group name in the rules' word lists: the dictionary's inter codes tell the side
    from yaqut import lexicon

    for f in ("extract_classify_state", "extract_classify_non_state", "extract_classify_armed"):
        words = lexicon.words(f)
        assert not {"Taliban", "Boko Haram", "HTS\\b", "Tatmadaw", "IDF\\b"} & words
    capture = [act(ASSAULT, "capture")]
    assert classify(capture, "The Tatmadaw took control of the town after heavy fighting.",
                    )[1] == "Government regains territory"
    assert classify(capture, "Taliban fighters took control of the district centre.",
                    )[1] == "Non-state actor overtakes territory"
    # an armed group among the sides keeps crime words from making it ordinary crime
    assert classify([act(ASSAULT, "clash")], "Boko Haram clashed with smugglers near the "
                    "border.") is not None
