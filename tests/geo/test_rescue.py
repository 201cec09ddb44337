"""Names in a locative frame found by fuzzy search within the governorate the text names
(yaqut.geo.rescue and Resolver._rescue), on a hand-made gazetteer."""

from __future__ import annotations

import pytest

from yaqut.geo import Geocoder
from yaqut.geo.gazetteer import Entry, MemoryGazetteer
from yaqut.geo.rescue import frames


def _sy(id, level, name, lat, lon, a1, a1p, a2=None, a2p=None, **kw):
    return Entry(id=id, level=level, name=name, latitude=lat, longitude=lon, country="SY",
                 country_name="Syria", admin1=a1, admin1_pcode=a1p, admin2=a2,
                 admin2_pcode=a2p, **kw)


HASAKEH = ("Al-Hasakeh", "SY08")
HAMA = ("Hama", "SY05")
LATTAKIA = ("Lattakia", "SY06")
ENTRIES = [
    Entry(1, "country", "Syria", 35.0, 38.0, "SY", "Syria"),
    Entry(2, "country", "Türkiye", 39.0, 35.0, "TR", "Türkiye"),
    _sy(10, "admin1", "Al-Hasakeh", 36.5, 40.7, *HASAKEH, pcode="SY08"),
    _sy(11, "admin1", "Hama", 35.1, 36.75, *HAMA, pcode="SY05"),
    _sy(12, "admin1", "Lattakia", 35.5, 35.8, *LATTAKIA, pcode="SY06"),
    _sy(100, "community", "Azzawi", 36.3, 40.8, *HASAKEH, "Al-Hasakeh", "SY0800"),
    _sy(101, "community", "Tal Baydar", 36.7, 40.5, *HASAKEH, "Al-Hasakeh", "SY0800"),
    _sy(102, "community", "Eastern Huweiz", 35.5, 36.4, *HAMA, "Suqaylabiyah", "SY0504"),
    _sy(103, "community", "Huweiz", 35.3, 35.95, *LATTAKIA, "Jablah", "SY0602"),
    _sy(104, "community", "Kafr Eppo", 35.2, 36.6, *HAMA, "Hama", "SY0500"),
    Entry(200, "city", "Malatya", 38.35, 38.3, "TR", "Türkiye", population=400_000),
]


@pytest.fixture()
def parse():
    geo = Geocoder(MemoryGazetteer(ENTRIES), focus="SY")
    return geo.geoparse


def test_frames_find_names_before_and_after_place_words():
    text = ("Clashes on Ma'arrat Mukhus axis in Idleb countryside; shelling of the village of "
            "Ghanim al-Ali and raids in Al Taif in al-Hasakeh.")
    assert [(f.text, f.word) for f in frames(text)] == [
        ("Ma'arrat Mukhus", "axis"), ("Ghanim al-Ali", "village"), ("Al Taif", "in"),
    ]


def test_rescue_a_variant_spelling_in_a_frame_inside_the_named_governorate(parse):
    places = parse("Clashes in AlAa'zawi village in the southern countryside of Al-Hasakeh.")
    got = [p for p in places if p.name == "Azzawi"]
    assert got and got[0].geo_precision == 1 and "locative frame" in got[0].reason


def test_rescue_needs_a_named_governorate(parse):
    places = parse("Clashes in AlAa'zawi village on Monday.")
    assert not any(p.name == "Azzawi" for p in places)


def test_rescue_front_is_precision_2_and_a_word_of_a_longer_name_counts(parse):
    places = parse("Snipers fired on the Huweiz front in Hama countryside.")
    hit = [p for p in places if p.text == "Huweiz"]
    assert hit and hit[0].name == "Eastern Huweiz" and hit[0].geo_precision == 2


def test_rescue_keeps_an_exact_name_not_placed_directly_elsewhere(parse):
    places = parse("Shelling hit the village of Huweiz. Later, clashes in Hama.")
    hit = [p for p in places if p.text == "Huweiz"]
    assert hit and hit[0].name == "Huweiz" and hit[0].admin1 == "Lattakia"


def test_rescue_never_replaces_a_place_abroad(parse):
    places = parse("He was born in the town of Malatya, Turkey, and fought in Hama.")
    assert [p.name for p in places if p.text == "Malatya"] == ["Malatya"]


def test_rescue_a_shared_head_word_does_not_carry_the_match(parse):
    places = parse("Clashes in the village of Kafr Nabu in Hama countryside.")
    assert not any(p.name == "Kafr Eppo" for p in places)


def test_rescue_skips_english_words(parse):
    # common English words ('Military Base') are no name, whatever the frame
    gaz = MemoryGazetteer(ENTRIES, words={"military": 4.6, "base": 4.7})
    places = Geocoder(gaz, focus="SY").geoparse("Shelling on the Military Base axis in Hama.")
    assert [p.name for p in places] == ["Hama"]


def test_closing_hamza_mark_keeps_the_cue_after_a_name():
    gaz = MemoryGazetteer(
        [*ENTRIES, _sy(105, "community", "Mare'", 36.5, 37.2, "Aleppo", "SY02")],
        words={"mare": 3.6},
    )
    places = Geocoder(gaz, focus="SY").geoparse("Clashes on the Mare' axis, killing two.")
    hit = [p for p in places if p.name == "Mare'"]
    assert hit and hit[0].geo_precision == 2


def test_letters_as_written_break_a_tie_between_look_alikes():
    entries = [
        *ENTRIES,
        _sy(110, "community", "Atma", 36.2, 36.7, "Idleb", "SY07", "Harim", "SY0703"),
        _sy(111, "community", "Tama", 35.6, 36.8, "Idleb", "SY07", "Al Ma'ra", "SY0705"),
        _sy(13, "admin1", "Idleb", 35.9, 36.6, "Idleb", "SY07", pcode="SY07"),
    ]
    geo = Geocoder(MemoryGazetteer(entries), focus="SY")
    places = geo.geoparse("Clashes in Atameh village in Idleb.")
    assert [p.name for p in places if p.text == "Atameh"] == ["Atma"]


def test_the_part_of_the_governorate_named_breaks_a_tie():
    entries = [
        *ENTRIES,
        _sy(13, "admin1", "Homs", 34.7, 36.7, "Homs", "SY04", pcode="SY04"),
        _sy(112, "community", "Tiba", 35.0, 38.6, "Homs", "SY04", "Tadmor", "SY0405"),
        _sy(113, "community", "Tiba", 34.9, 36.3, "Homs", "SY04", "Ar-Rastan", "SY0403"),
    ]
    geo = Geocoder(MemoryGazetteer(entries), focus="SY")
    east = geo.geoparse("An attack near Tiba village in eastern Homs governorate.")
    assert [(p.admin2, p.geo_precision) for p in east if p.text == "Tiba"] == [("Tadmor", 2)]
    west = geo.geoparse("An attack near Tiba village in western Homs governorate.")
    assert [p.admin2 for p in west if p.text == "Tiba"] == ["Ar-Rastan"]
    # no part named: still ambiguous
    both = geo.geoparse("An attack near Tiba village in Homs governorate.")
    assert ["ambiguous" in p.reason for p in both if p.text == "Tiba"] == [True]


def test_loose_match_to_a_unit_in_another_governorate_is_dropped_too():
    entries = [
        *ENTRIES,
        _sy(14, "admin3", "Maadan", 35.7, 39.6, "Ar-Raqqa", "SY11", "Ar-Raqqa", "SY1100"),
        _sy(15, "admin1", "Ar-Raqqa", 35.9, 39.0, "Ar-Raqqa", "SY11", pcode="SY11"),
    ]
    geo = Geocoder(MemoryGazetteer(entries), focus="SY")
    assert [p.name for p in geo.geoparse("An attack on Maydaani front in Hama countryside.")] \
        == ["Hama"]
    # not placed in another governorate, the loose match stands
    assert "Maadan" in [p.name for p in geo.geoparse("An attack near Maydaani.")]


def test_ambiguous_name_near_a_sure_place_with_none_of_its_namesakes_there_is_near_it():
    entries = [
        *ENTRIES,
        _sy(120, "community", "Tal Ahmar", 36.4, 37.0, "Aleppo", "SY02", "Jebel Saman", "SY0200"),
        _sy(121, "community", "Tal Ahmar", 36.6, 40.9, *HASAKEH, "Al-Hasakeh", "SY0800"),
        _sy(122, "community", "Herfa", 33.3, 35.9, "Rural Damascus", "SY03", "Qatana", "SY0307"),
    ]
    geo = Geocoder(MemoryGazetteer(entries), focus="SY")
    (p, _) = geo.geoparse("Clashes in Tal Ahmar near Herfa town.")
    assert (p.text, p.name, p.geo_precision) == ("Tal Ahmar", "Herfa", 2)
    assert "coded near Herfa" in p.reason
    # without the 'near' place it stays the flagged most likely namesake
    (p,) = geo.geoparse("Clashes in Tal Ahmar.")
    assert p.name == "Tal Ahmar" and p.score <= 0.5


def test_loose_look_alike_of_a_large_city_is_not_that_city():
    entries = [
        *ENTRIES,
        _sy(130, "community", "Hama", 35.13, 36.75, *HAMA, "Hama", "SY0500", population=800_000),
    ]
    geo = Geocoder(MemoryGazetteer(entries), focus="SY")
    assert not geo.geoparse("QSD forces captured the al-Hawamah neighborhood.")
    assert [p.name for p in geo.geoparse("QSD forces captured the Hamah neighborhood.")] \
        == ["Hama"]


def test_rescue_the_part_of_the_governorate_named_settles_a_tie():
    entries = [
        *ENTRIES,
        _sy(140, "community", "Tal Bardaya", 35.3, 37.4, *HAMA, "As-Salamiyeh", "SY0502"),
        _sy(141, "community", "Kherbet Bardaya", 35.2, 36.2, *HAMA, "Masyaf", "SY0503"),
    ]
    geo = Geocoder(MemoryGazetteer(entries), focus="SY")
    east = geo.geoparse("Shelling on the Bardaya front in the eastern countryside of Hama.")
    assert [p.name for p in east if p.text == "Bardaya"] == ["Tal Bardaya"]
    # no part named: two candidates far apart, nothing is guessed
    both = geo.geoparse("Shelling on the Bardaya front in Hama countryside.")
    assert not [p for p in both if p.text == "Bardaya"]


def test_facility_named_after_a_place_lies_in_the_settlement_named_after_it():
    entries = [
        *ENTRIES,
        Entry(150, "city", "Port Said", 31.26, 32.3, "EG", "Egypt", population=600_000),
        Entry(6, "country", "Egypt", 27.0, 30.0, "EG", "Egypt"),
        _sy(151, "community", "Deir-ez-Zor", 35.33, 40.14, "Deir-ez-Zor", "SY09",
            "Deir-ez-Zor", "SY0900", population=200_000),
    ]
    geo = Geocoder(MemoryGazetteer(entries), focus="SY")
    places = geo.geoparse("Clashes in Port Said street in Deir-ez-Zor city.")
    street = [p for p in places if p.text == "Port Said"]
    assert street and street[0].name == "Deir-ez-Zor" and "facility" in street[0].reason
    # not followed by a facility word, Port Said is Port Said (Egypt named)
    places = geo.geoparse("Ships left Port Said in Egypt.")
    assert [p.name for p in places if p.text == "Port Said"] == ["Port Said"]


@pytest.mark.parametrize("text", [
    "Rebels clashed with the Liberation Army of Huweiz near Hama.",
    "Rebels clashed with QSD's Huweiz military council near Hama.",
])
def test_a_place_in_a_group_s_name_is_not_a_place(parse, text):
    assert [p.name for p in parse(text)] == ["Hama"]


def test_a_capitalised_direction_before_a_village_makes_a_region_name_it_lacks():
    entries = [*ENTRIES, _sy(160, "community", "Ghota", 35.9, 39.1, "Ar-Raqqa", "SY11")]
    geo = Geocoder(MemoryGazetteer(entries), focus="SY")
    assert not geo.geoparse("Shelling continued on Monday in Eastern Ghouta.")
    # a lower-case direction is a part of the place named
    assert [p.name for p in geo.geoparse("Shelling hit eastern Ghouta.")] == ["Ghota"]


def test_pro_and_anti_adjectives_are_not_places(parse):
    assert [p.name for p in parse("Pro-Türkiye and anti-Syria forces clashed in Hama.")] \
        == ["Hama"]


def test_a_village_put_in_a_sure_town_far_from_it_is_coded_near_the_town():
    entries = [
        *ENTRIES,
        _sy(170, "community", "Maamel", 36.2, 37.1, "Aleppo", "SY02"),
        _sy(171, "community", "Kisweh", 33.36, 36.23, "Rural Damascus", "SY03"),
        _sy(172, "community", "Duma", 33.57, 36.4, "Rural Damascus", "SY03", population=110_000),
        _sy(173, "community", "Tal Kisweh", 36.3, 37.2, "Aleppo", "SY02"),
    ]
    geo = Geocoder(MemoryGazetteer(entries), focus="SY")
    (p, _) = geo.geoparse("Airstrikes hit Maamel in Kisweh area.")
    assert (p.text, p.name, p.geo_precision) == ("Maamel", "Kisweh", 2)
    # a known town keeps its own place whatever the text puts it in
    assert geo.geoparse("Shelling hit Duma in Tal Kisweh.")[0].name == "Duma"


def test_a_place_abroad_put_in_a_syrian_governorate_is_not_that_place():
    entries = [*ENTRIES, Entry(180, "city", "Basra", 30.5, 47.8, "IQ", "Iraq",
                               population=2_000_000),
               _sy(13, "admin1", "Idleb", 35.9, 36.6, "Idleb", "SY07", pcode="SY07")]
    geo = Geocoder(MemoryGazetteer(entries), focus="SY")
    assert [p.name for p in geo.geoparse("Rebels captured Basra in Idleb.")] == ["Idleb"]


def test_frames_find_a_name_after_a_verb_of_taking_or_striking_placed_in_a_unit():
    text = "Regime forces took control of Tal al-Waz in southern Aleppo and shelled Qurayn."
    assert [(f.text, f.word) for f in frames(text)] == [("Tal al-Waz", "took control of")]


def test_rescue_a_variant_spelling_after_a_verb_in_the_named_governorate(parse):
    places = parse("Regime forces captured AlAa'zawi in the southern countryside of Al-Hasakeh.")
    got = [p for p in places if p.name == "Azzawi"]
    assert got and got[0].geo_precision == 1


def test_rescue_matches_words_by_their_consonants_and_prefers_the_leading_name():
    # "Tall Samn" is written "Tal Elsamen" in the gazetteer: the vowels differ, the
    # consonants do not; "Tall" is an English word but also an Arabic head of names
    raqqa = ("Ar-Raqqa", "SY11")
    entries = [
        *ENTRIES,
        _sy(13, "admin1", "Ar-Raqqa", 35.95, 39.0, *raqqa, pcode="SY11"),
        _sy(110, "community", "Sukariyet Tal Elsamen", 36.18, 38.965, *raqqa),
        _sy(111, "community", "Tal Elsamen Dahham", 36.227, 38.973, *raqqa),
        _sy(112, "community", "Tal Elsamen", 36.55, 41.07, *HASAKEH),
    ]
    gaz = MemoryGazetteer(entries, words={"tall": 4.2})
    got = Geocoder(gaz, focus="SY").geoparse(
        "Gunmen shot dead a fighter near the town of Tall Samn in Ar-Raqqa.")
    assert [(p.text, p.name) for p in got][0] == ("Tall Samn", "Tal Elsamen Dahham")
