"""World context, anchored unknown places and regions, on a small hand-made gazetteer."""

from __future__ import annotations

import pytest

from yaqut.geo import Geocoder
from yaqut.geo.gazetteer import Entry, MemoryGazetteer
from yaqut.geo.regions import Footprint


def _sy(id, name, lat, lon, a3="SY090203", **kw):
    return Entry(id, "community", name, lat, lon, "SY", "Syria", admin1="Deir-ez-Zor",
                 admin1_pcode="SY09", admin3_pcode=a3, **kw)


GAZ = MemoryGazetteer(
    [
        Entry(1, "country", "Syria", 35.0, 38.0, "SY", "Syria", pcode="SY"),
        Entry(2, "country", "United Kingdom", 54.0, -2.0, "GB", "United Kingdom"),
        Entry(3, "country", "Zimbabwe", -19.0, 29.8, "ZW", "Zimbabwe"),
        Entry(4, "country", "Iraq", 33.0, 44.0, "IQ", "Iraq"),
        Entry(10, "city", "Salisbury", 51.07, -1.79, "GB", "United Kingdom", population=44_748),
        Entry(11, "city", "Harare", -17.83, 31.05, "ZW", "Zimbabwe", population=1_542_813),
        _sy(20, "Baghouz", 34.45, 40.95),
        Entry(21, "city", "Keshma", 33.0, 44.5, "IQ", "Iraq", population=5_000),
        _sy(22, "Hajin", 34.70, 40.83),
        _sy(23, "Susa", 34.55, 40.90),
        _sy(24, "Marj", 36.0, 36.5, a3="SY070502"),
        Entry(30, "region", "Lower Valley", 34.6, 40.9, "SY", "Syria", admin1="Deir-ez-Zor",
              admin1_pcode="SY09", parent=None),
    ],
    {11: ["Salisbury"]},
    footprints={30: Footprint(frozenset({"SY090203"}), 34.4, 34.8, 40.8, 41.0)},
)


def first(text: str, surface: str, focus: str | None = "SY"):
    places = Geocoder(GAZ, focus=focus).geoparse(text)
    return next((p for p in places if p.text == surface), None)


def test_a_name_resolves_in_the_geography_of_its_document():
    p = first("The spy was poisoned in Salisbury, England, police said.", "Salisbury")
    assert p is not None and p.country == "United Kingdom"
    p = first("Police in Salisbury said the agents had left Britain.", "Salisbury")
    assert p is None or p.country == "United Kingdom"


def test_a_city_abroad_is_not_resolved_by_an_old_name_without_its_country():
    p = first("The attack in Salisbury was condemned.", "Salisbury")
    assert p is None or p.country != "Zimbabwe"


def test_an_unknown_place_anchored_next_to_a_known_one_is_coded_there_with_precision_2():
    p = first("Fighters entered Keshma, a village next to Baghouz, on Sunday.", "Keshma")
    assert (p.name, p.geo_precision) == ("Baghouz", 2), p.reason
    p = first("Fighters entered Keshma, a small town 5 km east of Baghouz.", "Keshma")
    assert (p.name, p.geo_precision) == ("Baghouz", 2), p.reason


def test_an_anchored_place_that_lies_by_its_anchor_stays_itself():
    p = first("Clashes in Susa, a town near Baghouz.", "Susa")
    assert (p.name, p.geo_precision) == ("Susa", 1)


def test_a_region_is_coded_at_its_centre_with_precision_2_and_contains_its_members():
    p = first("Airstrikes hit the Lower Valley on Monday.", "Lower Valley")
    assert (p.level, p.geo_precision) == ("region", 2)
    assert "region" in p.reason
    from yaqut.geo.distance import within

    valley, hajin = GAZ.entry(30), GAZ.entry(22)
    assert within(GAZ, hajin, valley)
    assert not within(GAZ, GAZ.entry(10), valley)


@pytest.mark.parametrize("text", ["Hajin", "Susa"])
def test_a_place_inside_a_named_region_gains_from_it(text):
    p = first(f"Clashes in {text} in the Lower Valley.", text)
    assert p.admin1 == "Deir-ez-Zor"


def test_a_name_put_in_a_region_whose_namesakes_lie_outside_it_is_coded_at_the_region():
    p = first("Missiles hit al-Marj in the Lower Valley.", "Marj")
    assert (p.name, p.level, p.geo_precision) == ("Lower Valley", "region", 2), p.reason
    p = first("Missiles hit Susa in the Lower Valley.", "Susa")
    assert p.name == "Susa"
