"""A small hand-made gazetteer: enough Syria (and a few traps elsewhere) to specify the
geocoder's behaviour without the shipped file."""

from __future__ import annotations

import pytest

from yaqut.geo import Geocoder
from yaqut.geo.gazetteer import Entry, MemoryGazetteer


def _sy(id, level, name, lat, lon, a1, a1p, a2=None, a2p=None, a3=None, a3p=None, **kw):
    return Entry(id=id, level=level, name=name, latitude=lat, longitude=lon, country="SY",
                 country_name="Syria", admin1=a1, admin1_pcode=a1p, admin2=a2,
                 admin2_pcode=a2p, admin3=a3, admin3_pcode=a3p, **kw)


DARA = ("Dar'a", "SY12")
ALEPPO = ("Aleppo", "SY02")
HOMS = ("Homs", "SY04")

ENTRIES = [
    Entry(1, "country", "Syria", 35.0, 38.0, "SY", "Syria", "سوريا", pcode="SY"),
    Entry(2, "country", "Russia", 60.0, 100.0, "RU", "Russia"),
    Entry(3, "country", "Lebanon", 33.8, 35.8, "LB", "Lebanon"),
    Entry(4, "country", "Iraq", 33.0, 44.0, "IQ", "Iraq"),
    Entry(5, "country", "Türkiye", 39.0, 35.0, "TR", "Türkiye"),
    _sy(10, "admin1", "Dar'a", 32.62, 36.10, *DARA, pcode="SY12", name_ar="درعا", parent=1),
    _sy(11, "admin1", "Aleppo", 36.20, 37.15, *ALEPPO, pcode="SY02", name_ar="حلب", parent=1),
    _sy(12, "admin1", "Homs", 34.73, 36.71, *HOMS, pcode="SY04", name_ar="حمص", parent=1),
    _sy(20, "admin2", "Homs", 34.73, 36.71, *HOMS, "Homs", "SY0400", pcode="SY0400",
        parent=12),
    _sy(21, "admin2", "Izra'", 32.86, 36.25, *DARA, "Izra'", "SY1202", pcode="SY1202",
        parent=10),
    _sy(22, "admin2", "Jebel Saman", 36.20, 37.15, *ALEPPO, "Jebel Saman", "SY0200",
        pcode="SY0200", parent=11),
    _sy(30, "admin3", "Homs", 34.73, 36.71, *HOMS, "Homs", "SY0400", "Homs", "SY040000",
        pcode="SY040000", parent=20),
    _sy(31, "admin3", "Izra'", 32.86, 36.25, *DARA, "Izra'", "SY1202", "Izra'", "SY120200",
        pcode="SY120200", parent=21),
    _sy(32, "admin3", "Tall Ed-daman", 35.9, 37.4, *ALEPPO, "Jebel Saman", "SY0200",
        "Tall Ed-daman", "SY020004", pcode="SY020004", parent=22),
    _sy(33, "admin3", "Qaryatein", 34.23, 37.24, *HOMS, "Homs", "SY0400", "Qaryatein",
        "SY040004", pcode="SY040004", parent=20),
    _sy(100, "community", "Homs", 34.73, 36.71, *HOMS, "Homs", "SY0400", "Homs",
        "SY040000", pcode="C4000", population=775404, name_ar="حمص", parent=30),
    _sy(101, "community", "Neimeh", 32.63, 36.16, *DARA, "Dar'a", "SY1200", "Dar'a",
        "SY120000", pcode="C5997", name_ar="النعيمة", parent=None),
    _sy(102, "community", "Noaimeh", 35.95, 37.40, *ALEPPO, "Jebel Saman", "SY0200",
        "Tall Ed-daman", "SY020004", pcode="C1234", name_ar="النعيمة", parent=32),
    _sy(103, "community", "Um Elmayathen", 32.70, 36.20, *DARA, "Dar'a", "SY1200", "Dar'a",
        "SY120000", pcode="C5996", name_ar="أم المياذن"),
    _sy(104, "community", "Talbiseh", 34.84, 36.73, *HOMS, "Ar-Rastan", "SY0403",
        "Talbiseh", "SY040301", pcode="C2882", name_ar="تلبيسة"),
    _sy(105, "community", "Dar'a", 32.62, 36.10, *DARA, "Dar'a", "SY1200", "Dar'a",
        "SY120000", pcode="C5800", name_ar="درعا", population=97969),
    _sy(106, "community", "Qaryatein", 34.23, 37.24, *HOMS, "Homs", "SY0400", "Qaryatein",
        "SY040004", pcode="C4100", name_ar="القريتين"),
    _sy(107, "neighbourhood", "Al / Sad", 34.73, 36.71, *HOMS, "Homs", "SY0400", "Homs",
        "SY040000", pcode="N0300", parent=100),
    _sy(108, "community", "Hamza", 35.0, 36.9, *HOMS, "Homs", "SY0400", "Homs",
        "SY040000", pcode="C4200"),
    _sy(109, "community", "Rad", 35.1, 36.8, *HOMS, "Homs", "SY0400", "Homs", "SY040000",
        pcode="C4300"),
    _sy(110, "community", "Izra'", 32.86, 36.25, *DARA, "Izra'", "SY1202", "Izra'",
        "SY120200", pcode="C5900", name_ar="ازرع", parent=31),
    _sy(111, "community", "Tayyibeh", 34.9, 36.9, *HOMS, "Homs", "SY0400", "Homs",
        "SY040000", pcode="C4401", parent=30),
    _sy(112, "community", "Tayyibeh", 34.4, 37.1, *HOMS, "Homs", "SY0400", "Qaryatein",
        "SY040004", pcode="C4402", parent=33),
    Entry(200, "city", "Ulsan", 35.54, 129.32, "KR", "South Korea", population=1_100_000),
    Entry(201, "city", "Balıkesir", 39.65, 27.88, "TR", "Türkiye", population=300_000),
    Entry(202, "city", "Olive Branch", 34.96, -89.83, "US", "United States",
          population=33_000),
    Entry(203, "city", "Tripoli", 34.43, 35.84, "LB", "Lebanon", population=229_000),
    Entry(204, "city", "Tripoli", 32.89, 13.19, "LY", "Libya", population=1_150_000),
]

NAMES = {
    1: ["Syrian Arab Republic"],
    5: ["Turkey"],
    101: ["Al-Naima", "Na'imeh", "An-Nu'aymah"],
    102: ["Al-Nuaimeh", "Nu'aymah"],
    103: ["Umm al-Mayadhin", "Om Elmiathin"],
    105: ["Daraa", "Deraa"],
    10: ["Daraa", "Deraa"],
    107: ["As Sadd"],
    100: ["Hims"],  # a spelling only the city has
    200: ["Ulsan"],
}

WORDS = {"the": 7.7, "read": 5.5, "more": 6.6, "russian": 5.0, "syrian": 4.1, "olive": 3.7,
         "branch": 4.3, "president": 5.6, "red": 5.3}


@pytest.fixture(scope="session")
def gaz() -> MemoryGazetteer:
    return MemoryGazetteer(ENTRIES, NAMES, WORDS)


@pytest.fixture()
def geocoder(gaz) -> Geocoder:
    return Geocoder(gaz, focus="SY")


@pytest.fixture()
def parse(geocoder):
    def run(text: str) -> list:
        return geocoder.geoparse(text)

    return run
