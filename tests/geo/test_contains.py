"""geo.contains: by hierarchy, and a community's neighbourhoods by the gazetteer given."""

from __future__ import annotations

from yaqut.coder import Coder
from yaqut.geo import Entry, MemoryGazetteer, contains
from yaqut.records import Place


def _entry(id, level, name, pcode, parent=None):
    return Entry(id=id, level=level, name=name, latitude=35.0, longitude=36.0 + id / 100,
                 country="XX", country_name="Nowhere", admin1="North", admin1_pcode="XX01",
                 pcode=pcode, parent=parent)


def _place(e: Entry) -> Place:
    return Place(start=0, end=1, text=e.name, name=e.name, latitude=e.latitude,
                 longitude=e.longitude, level=e.level, geo_precision=1, country=e.country,
                 admin1=e.admin1, pcode=e.pcode)


TOWN = _entry(1, "community", "Kafr Test", "XX0101")
OTHER = _entry(2, "community", "Tell Other", "XX0102")
QUARTER = _entry(3, "neighbourhood", "Old Quarter", "XX0101-N1", parent=1)


def test_a_community_contains_its_neighbourhoods_by_the_gazetteer_given():
    gaz = MemoryGazetteer([TOWN, OTHER, QUARTER])
    town, other, quarter = _place(TOWN), _place(OTHER), _place(QUARTER)
    assert contains(town, quarter, gaz)
    assert not contains(other, quarter, gaz)
    assert not contains(quarter, town, gaz)
    # the coder asks its own gazetteer (the shipped one knows no "XX0101-N1")
    assert Coder(gazetteer=gaz, focus_country="XX").contains(town, quarter)
