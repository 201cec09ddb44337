"""The ACLED misses listing of yaqut.eval.geo, on a hand-made CSV and a stand-in locator."""

from __future__ import annotations

import csv

from yaqut.eval.geo import eval_acled, format_misses
from yaqut.records import Place

FIELDS = ["event_id_cnty", "event_date", "notes", "latitude", "longitude", "admin1",
          "admin2", "location", "geo_precision"]


def _place(lat: float, admin1: str) -> Place:
    return Place(start=0, end=4, text="Town", name="Town", latitude=lat, longitude=36.0,
                 level="community", geo_precision=1, admin1=admin1, reason="a test")


def test_misses_list_the_far_and_unresolved_rows_farthest_first(tmp_path):
    path = tmp_path / "acled.csv"
    rows = [
        ("E1", "near", 35.0, "Hama"), ("E2", "far", 35.0, "Hama"), ("E3", "none", 35.0, "Hama"),
    ]
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, FIELDS)
        w.writeheader()
        for eid, note, lat, gov in rows:
            w.writerow({"event_id_cnty": eid, "event_date": "01 June 2023", "notes": note,
                        "latitude": lat, "longitude": 36.0, "admin1": gov, "admin2": gov,
                        "location": "Gold", "geo_precision": 1})
    got = {"near": _place(35.01, "Hama"), "far": _place(35.5, "Idleb"), "none": None}
    misses: list[dict] = []
    result = eval_acled(path, lambda text, date: got[text], misses=misses)
    assert result["rows"] == 3 and round(result["within_5km"], 3) == 0.333
    assert [m["event_id"] for m in misses] == ["E2", "E3"]
    assert misses[0]["right_admin1"] is False and misses[0]["km"] > 50
    shown = format_misses(misses)
    assert shown.index("E3") < shown.index("E2")  # unresolved first, then by distance
    assert "governorate WRONG" in shown and "unresolved" in shown
