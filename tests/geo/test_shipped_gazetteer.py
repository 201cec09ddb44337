"""The shipped gazetteer file (yaqut/data/gazetteer.sqlite) with the geocoder's rules.

Loading the file takes a few seconds, hence ``slow``; still offline and deterministic.
"""

from __future__ import annotations

import pytest

from yaqut.geo import Geocoder, default_gazetteer, normalize

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def geo() -> Geocoder:
    return Geocoder(default_gazetteer(), focus="SY")


def found(geo, text):
    return [(p.text, p.name, p.level, p.pcode, p.country) for p in geo.geoparse(text)]


def test_shipped_holds_the_ocha_hierarchy_and_geonames():
    gaz = default_gazetteer()
    levels = {}
    for e in gaz._entries.values():
        levels[e.level] = levels.get(e.level, 0) + 1
    assert levels["admin1"] >= 14 and levels["admin2"] == 62 and levels["admin3"] == 272
    assert levels["community"] == 7250 and levels["neighbourhood"] == 414
    assert levels["country"] >= 190 and levels["city"] > 30_000
    neimeh = gaz.by_pcode("C5997")
    chain = [a.pcode for a in gaz.ancestors(neimeh)]
    assert chain == ["SY120000", "SY1200", "SY12", "SY"]


@pytest.mark.parametrize("spelling", ["Om Elmiathin", "Um Elmayathen", "Umm al-Mayadhin"])
def test_shipped_transliterations_of_one_village(geo, spelling):
    places = geo.geoparse(f"Regime forces raided {spelling} in Dara'a countryside.")
    assert places[0].pcode == "C5996"


def test_shipped_governorate_mention_disambiguates(geo):
    (p, gov) = geo.geoparse("Al-Naima in Dara'a was shelled.")
    assert (p.pcode, gov.pcode) == ("C5997", "SY12")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Read more: the war in numbers.", []),
        ("Syrian and Russian jets hit Iraqi and Lebanese targets.", []),
        ("President Bashar al-Assad met officials; al-Assad said nothing.", []),
        ("Fighters of Al Sham Corps and Hamza Division clashed.", []),
        ("Syria's war", [("Syria", "Syria", "country", "SY", "Syria")]),
    ],
)
def test_shipped_false_places_are_kept_out(geo, text, expected):
    assert found(geo, text) == expected


def test_shipped_eastern_governorate_and_bare_city(geo):
    (p,) = geo.geoparse("Clashes in eastern Dara'a.")
    assert (p.level, p.pcode, p.geo_precision) == ("admin1", "SY12", 3)
    (p,) = geo.geoparse("Clashes in Homs on Monday.")
    assert p.level == "community" and p.name == "Homs" and p.geo_precision == 1
    (p,) = geo.geoparse("Clashes in Homs province.")
    assert (p.level, p.geo_precision) == ("admin1", 3)


def test_shipped_azaz_is_found(geo):
    (p,) = geo.geoparse("Shells fell on Azaz.")
    assert p.admin1 == "Aleppo" and p.level == "community"


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        ("Regime forces shelled Eastern Ghouta on Monday.", "Eastern Ghouta", "Eastern Ghouta"),
        ("Airstrikes hit towns of western Ghouta.", "Ghouta", "Western Ghouta"),
        ("Clashes on the Jabal al-Zawiya axis in Idleb countryside.", "Jabal al-Zawiya",
         "Jabal al-Zawiya"),
        ("Shelling hit the Ghab plain.", "Ghab", "Ghab Plain"),
    ],
)
def test_shipped_regions_are_places_with_precision_2(geo, text, surface, name):
    p = next(p for p in geo.geoparse(text) if p.text == surface)
    assert (p.level, p.name, p.geo_precision) == ("region", name, 2), p.reason


@pytest.mark.parametrize(
    "text",
    ["Fighting in the northern countryside of Homs.", "Fighting in Homs's northern countryside.",
     "قصف على ريف حمص الشمالي"],
)
def test_shipped_compass_part_of_a_governorate_is_coded_at_its_centre(geo, text):
    p = geo.geoparse(text)[-1]
    assert (p.level, p.name, p.geo_precision) == ("admin1", "Homs", 3), p.reason


def test_shipped_compass_parts_have_footprints_from_communities(geo):
    gaz = geo.gazetteer
    (hit,) = [h for h in gaz.lookup(normalize.key("northern countryside of Homs"))
              if h.entry.level == "region"]
    fp = gaz.footprint(hit.entry)
    homs = next(h.entry for h in gaz.lookup(normalize.key("Homs")) if h.entry.level == "admin1")
    assert fp is not None and fp.members and fp.lat_min > homs.latitude - 0.5
    assert hit.entry.latitude > homs.latitude  # north of the governorate's capital


def test_shipped_countryside_of_damascus_is_rural_damascus(geo):
    p = next(p for p in geo.geoparse("Clashes in the western countryside of Damascus.")
             if p.text == "Damascus")
    assert (p.name, p.level, p.geo_precision) == ("Rural Damascus", "admin1", 3)
    (p,) = geo.geoparse("Clashes in northern Damascus.")
    assert p.name == "Damascus"  # the city's own northern quarters
