"""Actor mentions named as ACLED names them (yaqut.extract.actors)."""

from __future__ import annotations

import datetime as dt

import pytest

from yaqut.errors import UsageError
from yaqut.extract import actors
from yaqut.extract.actors import entries, family, inter_of, interaction

SYR = "Military Forces of Syria (2000-)"


def find_actors(text: str, **kw):
    """The dictionary's actors, read in Syria unless ``country`` says otherwise (the
    function itself assumes no country: the coder passes the report's)."""
    kw.setdefault("country", "Syria")
    return actors.find_actors(text, **kw)


def names(text: str, **kw) -> list[str]:
    return [a.name for a in find_actors(text, **kw)]


def test_actors_offsets_are_absolute_and_exact():
    text = "Yesterday unknown gunmen shot a regime soldier near the town."
    found = find_actors(text)
    assert [a.text for a in found] == ["unknown gunmen", "regime soldier"]
    for a in found:
        assert text[a.start:a.end] == a.text


def test_actors_window_only_searches_inside_and_keeps_document_offsets():
    text = "HTS attacked. Later, ISIS cells attacked."
    found = find_actors(text, start=14)
    assert [a.name for a in found] == ["Islamic State (Syria)"]
    assert text[found[0].start:found[0].end] == "ISIS cells"
    with pytest.raises(UsageError):
        find_actors(text, start=5, end=999)


def test_actors_branch_beats_family_longest_match():
    found = find_actors("It followed the military intelligence's request to hand over arms.")
    assert [(a.name, a.text) for a in found] == [
        (f"{SYR} Military Intelligence", "military intelligence")]
    assert found[0].family == SYR


def test_actors_family_word_next_to_branch_becomes_one_branch_mention():
    found = find_actors("gunmen attacked a regime Military Intelligence vehicle")
    assert [(a.name, a.text) for a in found][-1] == (
        f"{SYR} Military Intelligence", "regime Military Intelligence")


def test_actors_regime_branches_by_their_common_names():
    assert names("the 4th Division entered the town") == [f"{SYR} 4th Armored Division"]
    assert names("the Fifth Corps and the Tiger Forces") == [
        f"{SYR} 5th Assault Corps", f"{SYR} Tiger Paramilitary Forces (Qawat al Nimr)"]
    assert names("Air Force Intelligence arrested him") == [
        f"{SYR} Air Force Intelligence Directorate"]
    assert names("Political Security and State Security") == [
        "Police Forces of Syria (2000-) Political Intelligence",
        "Police Forces of Syria (2000-) State Security"]


def test_actors_nusra_name_follows_the_date():
    text = "Jabhat al-Nusra fighters clashed with Ahrar al-Sham."
    assert names(text, on=dt.date(2016, 3, 1))[0] == "JFS: Al Nusra Front"
    assert names(text, on=dt.date(2016, 10, 1))[0] == "Jabhat Fateh al Sham"
    assert names(text, on=dt.date(2018, 5, 1))[0] == "HTS: Hayat Tahrir al Sham"
    assert names(text)[0] == "HTS: Hayat Tahrir al Sham"  # no date: today's name


def test_actors_state_names_carry_their_period():
    text = "Israeli warplanes struck the airport."
    assert names(text, on=dt.date(2020, 1, 1)) == ["Military Forces of Israel (2009-2021)"]
    assert names(text, on=dt.date(2022, 1, 1)) == ["Military Forces of Israel (2021-2022)"]
    assert names(text, on=dt.date(2023, 5, 1)) == ["Military Forces of Israel (2022-)"]


def test_actors_generic_terms_resolve_by_country():
    text = "Government forces and police clashed with protesters; a man and unknown gunmen"
    assert names(text) == [SYR, "Police Forces of Syria (2000-)", "Protesters (Syria)",
                           "Civilians (Syria)", "Unidentified Armed Group (Syria)"]
    iraq = names(text, country="Iraq", on=dt.date(2021, 1, 1))
    assert iraq == ["Military Forces of Iraq (2020-2022)", "Police Forces of Iraq (2020-2022)",
                    "Protesters (Iraq)", "Civilians (Iraq)", "Unidentified Armed Group (Iraq)"]
    assert names("soldiers fired", country="Ruritania") == ["Military Forces of Ruritania"]


@pytest.mark.parametrize("phrase, expected", [
    ("regime forces", SYR), ("the Syrian army", SYR), ("soldiers", SYR),
    ("security forces", SYR), ("the security agency", SYR), ("a regime soldier", SYR),
    ("residents", "Civilians (Syria)"), ("notables", "Civilians (Syria)"),
    ("local leaders", "Civilians (Syria)"), ("dignitaries", "Civilians (Syria)"),
    ("influential figures", "Civilians (Syria)"),
    ("individuals wanted by the regime", "Civilians (Syria)"),
    ("armed men", "Unidentified Armed Group (Syria)"),
    ("rebels", "Opposition Rebels (Syria)"), ("opposition factions", "Opposition Rebels (Syria)"),
    ("demonstrators", "Protesters (Syria)"),
])
def test_actors_generic_descriptions(phrase, expected):
    assert names(f"Yesterday {phrase} arrived.") == [expected]


def test_actors_short_acronyms_need_their_case():
    assert names("The town is quiet, it is said.") == []
    assert names("IS attacked the town") == ["Islamic State (Syria)"]
    assert names("a turkey farm near the ISLAND; This Is fine") == []
    assert names("Turkey shelled the village") == ["Military Forces of Turkey (2016-)"]
    assert names("the HTS-run government; hts") == ["HTS: Hayat Tahrir al Sham"]


def test_actors_no_false_actors_from_places_and_ordinary_words():
    for text in ("The town of Hasrat lies east of the river.",
                 "Shamarin camp and Al Bab city saw heavy rain.",
                 "They discussed Islamabad, crisis management and Daeshi tea."):
        assert names(text) == [], text


def test_actors_patrons_and_opponents_are_not_actors():
    assert names("Russian-backed 5th Corps fought the anti-IS coalition") == [
        f"{SYR} 5th Assault Corps", "Global Coalition Against Daesh"]


def test_actors_patrons_written_without_hyphen_are_not_actors():
    assert names("clashes between Turkey backed opposition rebels and QSD") == [
        "Opposition Rebels (Syria)", "QSD: Syrian Democratic Forces"]
    # "X supported by Y": X is the actor
    assert names("QSD supported by coalition forces attacked IS") == [
        "QSD: Syrian Democratic Forces", "Global Coalition Against Daesh",
        "Islamic State (Syria)"]


def test_actors_arabic_names_with_proclitics():
    found = find_actors("هاجمت قوات النظام والأمن العسكري مقرات داعش")
    assert [a.name for a in found] == [SYR, f"{SYR} Military Intelligence",
                                       "Islamic State (Syria)"]
    assert found[1].text == "الأمن العسكري"  # the conjunction wa- stays out


def test_actors_tribe_names():
    assert names("clashes between the Al Bakeer tribe and a clan") == [
        "Al Bakeer Tribal Militia (Syria)"]


def test_family_strips_qualifiers():
    assert family(f"{SYR} Military Intelligence") == SYR
    assert family("YPG: Peoples Protection Units - Anti-Terror Unit") == (
        "YPG: Peoples Protection Units")
    assert family("Hamza Division - Aleppo") == "Hamza Division - Aleppo"
    assert family("Islamic State (Syria)") == "Islamic State (Syria)"
    assert family("Military Forces of Syria (2000- ) Syrian Arab Air Defense Force") == SYR


def test_inter_codes():
    assert inter_of(SYR) == 1
    assert inter_of(f"{SYR} 4th Armored Division") == 1
    assert inter_of("Islamic State (Syria)") == 2
    assert inter_of("QDW: National Defence Forces") == 3
    assert inter_of("Shaitat Tribal Militia (Syria)") == 4
    assert inter_of("Protesters (Syria)") == 6
    assert inter_of("Civilians (Lebanon)") == 7
    assert inter_of("Military Forces of Turkey (2016-)", country="Syria") == 8
    assert inter_of("Military Forces of Turkey (2016-)", country="Turkey") == 1
    assert inter_of("Nobody In Particular") is None


def test_interaction_joins_lower_first():
    assert interaction(1, 7) == 17
    assert interaction(7, 1) == 17
    assert interaction(2, None) == 20
    assert interaction(None, None) is None
    with pytest.raises(UsageError):
        interaction(9, 1)


def test_dictionary_rows_are_well_formed():
    rows = entries()
    assert len({e.name for e in rows}) == len(rows)
    for e in rows:
        assert e.inter in range(1, 9), e.name
        assert e.valid_from is None or e.valid_to is None or e.valid_from <= e.valid_to


def test_actors_a_named_groups_gunmen_are_that_group():
    assert names("IS gunmen shot and killed a QSD member") == [
        "Islamic State (Syria)", "QSD: Syrian Democratic Forces"]
    assert names("unknown gunmen attacked a checkpoint") == ["Unidentified Armed Group (Syria)"]


def test_actors_a_states_police_branch_after_its_military_name():
    assert names("gunmen attacked a checkpoint of the regime's state security") == [
        "Unidentified Armed Group (Syria)", "Police Forces of Syria (2000-) State Security"]


def test_smugglers_are_an_unidentified_armed_group():
    got = [a.name for a in find_actors("QSD forces clashed with smugglers near the river.")]
    assert "Unidentified Armed Group (Syria)" in got


def test_backed_up_by_keeps_the_side_before_it():
    got = [a.name for a in find_actors("Syrian Democratic Forces backed up by US forces.")]
    assert got[0] == "QSD: Syrian Democratic Forces"
    got = [a.name for a in find_actors("Turkey backed opposition rebels attacked.")]
    assert got == ["Opposition Rebels (Syria)"]


def test_a_states_fighters_and_pro_regime_fighters():
    assert [a.name for a in find_actors("Turkish fighters attacked the village.")] == [
        "Military Forces of Turkey (2016-)"]
    assert [a.name for a in find_actors("They killed five pro-regime fighters.")] == [
        "Militia (Pro-Government)"]


def test_a_state_adjective_sharing_the_next_sides_noun():
    got = [(a.name, a.text) for a in find_actors("Turkish and YPG forces clashed in Harbal.")]
    assert got == [("Military Forces of Turkey (2016-)", "Turkish"),
                   ("YPG: Peoples Protection Units", "YPG")]


def test_a_rebel_group_backing_another_is_its_umbrella_a_state_only_a_patron():
    got = [a.name for a in find_actors("QSD-backed Menbij Military Council shot a rebel.")]
    assert got[0] == "QSD: Syrian Democratic Forces"
    assert "Menbij Military Council" not in got
    got = [a.name for a in find_actors("Turkey backed opposition rebels attacked.")]
    assert got == ["Opposition Rebels (Syria)"]


def test_acled_acronyms_of_curated_rows_and_islamic_militias():
    assert [a.name for a in find_actors("Suspected JaT fighters targeted IS positions.")][0] == \
        "JaT: Army of Revolutionaries"
    assert [a.name for a in find_actors("A fighter of an Islamic militia was killed.")] == [
        "Islamist Militia (Syria)"]


def test_family_puts_a_branch_under_its_forces_or_its_group():
    # the one family rule (campaigns groups by it): state branches belong to their forces,
    # even where the dictionary names the branch alone; other branches to their group
    from yaqut.extract.actors import family

    assert family("Police Forces of Jordan (1999-) Gendarmerie") == \
        "Police Forces of Jordan (1999-)"
    assert family("Military Forces of Syria (2000- ) Syrian Arab Air Defense Force") == \
        "Military Forces of Syria (2000-)"
    assert family("YPG: Peoples Protection Units - Anti-Terror Unit") == \
        "YPG: Peoples Protection Units"
    assert family("JFS: Al Nusra Front (Muhammad Brigade)") == "JFS: Al Nusra Front"
    assert family("Civilians (Iraq)") == "Civilians (Iraq)"


def test_inter_code_of_state_forces_follows_the_events_country_not_syria():
    from yaqut.extract.actors import inter_of

    iraq = "Military Forces of Iraq (2022-)"
    assert inter_of(iraq) == 1  # country unknown: the forces' own country
    assert inter_of(iraq, country="Iraq") == 1
    assert inter_of(iraq, country="Syria") == 8
    assert inter_of("Military Forces of Syria (2000-) Military Intelligence") == 1
    assert inter_of("Military Forces of Syria (2000-)", country="Lebanon") == 8


def test_a_state_named_by_its_adjective_alone():
    from yaqut.extract.actors import state_of_adjectives

    assert state_of_adjectives(["Turkish"], country="Syria").name == \
        "Military Forces of Turkey (2016-)"
    assert state_of_adjectives(["Chemical"], country="Syria") is None
    # two states sharing one weapon: the dictionary's joint row when it has one
    assert state_of_adjectives(["Russian", "Syrian"], country="Syria").name == \
        "Allied Syrian and/or Russian Forces"


def test_the_country_is_spelt_as_acled_spells_it():
    from yaqut.extract.actors import acled_country

    assert acled_country("Türkiye") == "Turkey"
    assert acled_country("Iraq") == "Iraq"
    assert names("unknown gunmen opened fire", country="Türkiye") == \
        ["Unidentified Armed Group (Turkey)"]


def test_a_patron_sharing_a_hyphenated_participle_is_no_side():
    # "Russian and Iran-backed government forces": Russia backs them too
    assert names("Russian and Iran-backed government forces took the town") == \
        ["Military Forces of Syria (2000-)"]
    # "SDF and Turkish-backed rebels": two sides
    assert len(names("clashes between SDF and Turkish-backed rebels")) == 2
