"""Continents, unions and adjectives of places (yaqut.geo.wide), on a hand-made gazetteer,
and the frequent-word guard's bar for big cities."""

from __future__ import annotations

from yaqut.geo import Geocoder
from yaqut.geo.gazetteer import Entry, MemoryGazetteer, WideName

ENTRIES = [
    Entry(1, "country", "Syria", 35.0, 38.0, "SY", "Syria"),
    Entry(2, "country", "Russia", 60.0, 100.0, "RU", "Russia", geonameid=2017370),
    Entry(3, "city", "Harbourton", 51.0, 4.0, "NL", "Netherlands", population=400_000),
    Entry(4, "city", "Millbury", 52.0, 5.0, "NL", "Netherlands", population=90_000),
]
WIDE = [
    WideName("Europe", "continent", "Europe", None, 48.7, 9.1),
    WideName("European", "adjective", "Europe", None, 48.7, 9.1),
    WideName("European Union", "union", "European Union", None, 48.7, 9.1),
    WideName("EU", "union", "European Union", None, 48.7, 9.1),
    WideName("Russian", "adjective", "Russia", 2, 60.0, 100.0, "RU"),
    WideName("South American", "adjective", "South America", None, -14.6, -57.7),
    WideName("American", "adjective", "United States", None, 39.5, -99.0, "US"),
]
WORDS = {"harbourton": 4.2, "millbury": 4.2}


def _parse(wide: bool):
    return Geocoder(MemoryGazetteer(ENTRIES, words=WORDS, wide=WIDE), focus="SY",
                    wide=wide).geoparse


def test_wide_mentions_found_only_when_asked():
    text = "Russian jets flew over Europe while the European Union met."
    assert _parse(False)(text) == []
    got = {p.text: p for p in _parse(True)(text)}
    assert set(got) == {"Russian", "Europe", "European Union"}
    assert got["Russian"].level == "country" and got["Russian"].country == "Russia"
    assert got["Russian"].geonameid == 2017370
    assert got["Europe"].level == "continent" and got["Europe"].geo_precision == 3
    assert "continent" in got["Europe"].reason


def test_wide_two_words_before_one_and_whole_words_only():
    got = [p.text for p in _parse(True)("South American and EU ministers met Europeans.")]
    assert got == ["South American", "EU"]


def test_wide_possessive_and_places_first():
    got = [(p.text, p.name) for p in _parse(True)("Europe’s airlines fly to Harbourton, Syria.")]
    assert got[0] == ("Europe", "Europe")
    assert ("Syria", "Syria") in got


def test_big_city_with_a_frequent_name_is_a_place_without_a_cue():
    # a city of 250,000 or more outweighs its name's English frequency (zipf 4.2); a small
    # one does not
    parse = _parse(False)
    assert [p.name for p in parse("The trip from Harbourton took six hours.")] == ["Harbourton"]
    assert parse("The trip from Millbury took six hours.") == []


def test_wide_word_ending_a_longer_name_is_not_taken():
    got = [p.text for p in _parse(True)("Flights to Central American and North Europe hubs. "
                                        "In Europe, Russian planes land.")]
    assert got == ["Europe", "Russian"]


def _kingsland(population: int) -> MemoryGazetteer:
    entries = [
        *ENTRIES,
        Entry(10, "country", "United States", 39.5, -99.0, "US", "United States"),
        Entry(11, "admin1", "Kingsland", 43.0, -75.5, "US", "United States",
              admin1="Kingsland"),
        Entry(12, "city", "Kingsland City", 40.7, -74.0, "US", "United States",
              population=population, admin1="Kingsland"),
    ]
    return MemoryGazetteer(entries, names={12: ["Kingsland"]})


def test_abroad_a_name_after_a_place_is_the_big_city_not_the_state():
    # "X in <name>" asks for a governorate at home; abroad a city of a million of the
    # same name is the city; a smaller one leaves the state
    text = "She dined at Le Bernardin in Kingsland."
    big = Geocoder(_kingsland(8_000_000), focus="SY").geoparse(text)
    assert [(p.text, p.level) for p in big] == [("Kingsland", "city")]
    small = Geocoder(_kingsland(200_000), focus="SY").geoparse(text)
    assert [(p.text, p.level) for p in small] == [("Kingsland", "admin1")]


def test_country_starting_a_force_name_is_a_wide_mention_only():
    entries = [*ENTRIES, Entry(10, "country", "United States", 39.5, -99.0, "US",
                               "United States")]
    gaz = MemoryGazetteer(entries, names={10: ["US"]}, wide=WIDE)
    text = "The US military said it struck Syria."
    plain = Geocoder(gaz, focus="SY").geoparse(text)
    assert [p.text for p in plain] == ["Syria"]
    wide = {p.text: p for p in Geocoder(gaz, focus="SY", wide=True).geoparse(text)}
    assert set(wide) == {"US", "Syria"}
    assert wide["US"].level == "country" and "modifier" in wide["US"].reason
