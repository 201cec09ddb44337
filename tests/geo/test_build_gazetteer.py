"""Name rules of the gazetteer builder (tools/build_gazetteer.py), on hand-made names."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from yaqut.geo import normalize

_PATH = Path(__file__).resolve().parents[2] / "tools" / "build_gazetteer.py"


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_gazetteer", _PATH)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_build_english_qualifiers_get_their_arabic_forms(build):
    variants = build.qualifier_variants("Big Sweidiyeh")
    assert normalize.key("Sweidiyah Kabira") in {normalize.key(v) for v in variants}
    north = {normalize.key(v) for v in build.qualifier_variants("Northern Msheirfeh")}
    assert normalize.key("Msheirfeh Shamaliah") in north
    assert build.qualifier_variants("Bigger Town") == []
    assert build.qualifier_variants("Big") == []


def test_build_builder_keeps_spellings_that_differ_letter_for_letter(build):
    b = build.Builder()
    pid = b.add(level="city", name="New York City")
    for n in ("New York", "New Yorke", "new york"):
        b.name(pid, n)
    kept = set(b.names[pid].values())
    assert {"New York", "New Yorke"} <= kept


def test_build_joined_article_variant_only_after_the_first_word(build):
    b = build.Builder()
    pid = b.add(level="community", name="Tal Elada")
    b.name(pid, "Tal Elada")
    b.name(pid, "Aleppo")
    kept = set(b.names[pid].values())
    assert "Tal Ada" in kept and "eppo" not in kept


def test_build_lower_case_geonames_alternates_are_dropped(build):
    assert not build.keep_alternate("huo mu si")
    assert build.keep_alternate("Homs") and build.keep_alternate("حمص")


def test_build_country_centre_is_the_centroid_of_the_largest_outline(build):
    square = [[0.0, 0.0], [4.0, 0.0], [4.0, 2.0], [0.0, 2.0], [0.0, 0.0]]
    islet = [[10.0, 10.0], [10.5, 10.0], [10.5, 10.5], [10.0, 10.0]]
    one = {"features": [{"geometry": {"type": "Polygon", "coordinates": [square]}}]}
    lat, lon = build._main_polygon_centre(one)
    assert (round(lat, 6), round(lon, 6)) == (1.0, 2.0)
    many = {"features": [{"geometry": {"type": "MultiPolygon",
                                       "coordinates": [[islet], [square]]}}]}
    assert tuple(round(x, 6) for x in build._main_polygon_centre(many)) == (1.0, 2.0)
    assert build._main_polygon_centre({}) is None
