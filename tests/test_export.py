"""Exports: each format parses back, ACLED CSV has ACLED's columns, order and spellings."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from yaqut.errors import UsageError
from yaqut.export import FORMATS, acled_country, acled_date, format_for_path, write_events
from yaqut.records import Event, event_from_dict, event_to_dict

FIXTURES = Path(__file__).parent / "fixtures"

# ACLED's export header, typed from ACLED's documentation of its columns.
ACLED_HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp"
).split(",")


def full_event() -> Event:
    return event_from_dict(json.loads((FIXTURES / "event_full.json").read_text()))


def bare_event() -> Event:
    """An event with nothing known but its id: no date, no place."""
    return Event(event_id="bare", doc_ids=("doc-9",))


def test_jsonl_has_every_field_and_reads_back():
    out = io.StringIO()
    assert write_events([full_event(), bare_event()], "jsonl", out) == 2
    lines = out.getvalue().splitlines()
    assert [event_from_dict(json.loads(line)) for line in lines] == [full_event(), bare_event()]
    assert json.loads(lines[0]) == event_to_dict(full_event())


def test_acled_csv_has_acled_columns_dates_and_codes(tmp_path):
    path = tmp_path / "events.csv"
    write_events(
        [full_event(), bare_event()],
        "acled-csv",
        path,
        sources={"doc-7": "Enab Baladi", "doc-9": "SOHR"},
        timestamp=1_700_000_000,
    )
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames == ACLED_HEADER
    row = rows[0]
    assert row["event_id_cnty"] == "doc-7:1"
    assert row["event_date"] == "01 June 2023" and row["year"] == "2023"
    assert (row["iso"], row["region"], row["country"]) == ("760", "Middle East", "Syria")
    assert row["time_precision"] == "2" and row["geo_precision"] == "1"
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("1", "7", "17")
    assert row["civilian_targeting"] == ""  # a strategic development names no target
    assert (row["latitude"], row["longitude"]) == ("34.9", "36.7")
    assert row["source"] == "Enab Baladi; SOHR"
    assert row["fatalities"] == "2" and row["timestamp"] == "1700000000"
    assert row["notes"] == full_event().notes
    empty = rows[1]
    assert empty["event_date"] == "" and empty["latitude"] == "" and empty["iso"] == ""
    assert empty["source"] == "SOHR" and empty["fatalities"] == "0"


def test_acled_dates_do_not_depend_on_the_locale():
    assert acled_date(dt.date(2023, 6, 1)) == "01 June 2023"
    assert acled_date(dt.date(2017, 12, 31)) == "31 December 2017"
    assert acled_date(None) == ""


def test_countries_are_named_as_acled_names_them():
    assert acled_country("SY") == ("Syria", 760, "Middle East")
    assert acled_country("Syrian Arab Republic") == ("Syria", 760, "Middle East")
    assert acled_country("TR") == ("Turkey", 792, "Middle East")
    assert acled_country("Egypt") == ("Egypt", 818, "Northern Africa")
    assert acled_country("Atlantis") == ("Atlantis", None, "")
    assert acled_country(None) == ("", None, "")


def test_geojson_is_points_with_flat_properties_and_null_geometry_kept():
    out = io.StringIO()
    write_events([full_event(), bare_event()], "geojson", out)
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    located, bare = collection["features"]
    assert located["geometry"] == {"type": "Point", "coordinates": [36.7, 34.9]}
    props = located["properties"]
    assert props["event_date"] == "2023-06-01" and props["admin1"] == "Homs"
    assert props["doc_ids"] == "doc-7; doc-9"
    assert props["actions"] == "DEMAND (demanded); THREATEN (threatened)"
    assert "evidence" not in props and "quantities" not in props
    assert all(not isinstance(v, dict | list) for v in props.values())
    assert bare["geometry"] is None and bare["properties"]["event_id"] == "bare"


def test_geojson_of_no_events_is_an_empty_collection():
    out = io.StringIO()
    assert write_events([], "geojson", out) == 0
    assert json.loads(out.getvalue()) == {"type": "FeatureCollection", "features": []}


def test_parquet_has_typed_flat_columns_and_json_nested_ones(tmp_path):
    path = tmp_path / "events.parquet"
    write_events([full_event(), bare_event()], "parquet", path)
    table = pq.read_table(path)
    rows = table.to_pylist()
    assert rows[0]["event_date"] == dt.date(2023, 6, 1)
    assert rows[0]["doc_ids"] == ["doc-7", "doc-9"]
    assert rows[0]["latitude"] == 34.9 and rows[0]["geonameid"] == 123456
    assert json.loads(rows[0]["actions"])[0]["mode"] == "demanded"
    assert json.loads(rows[0]["evidence"])["event_date"][1]["text"] == "1 June"
    assert rows[1]["event_date"] is None and rows[1]["latitude"] is None
    rebuilt = {**rows[0], "event_date": "2023-06-01"}
    for name in ("actions", "quantities", "claims", "evidence"):
        rebuilt[name] = json.loads(rebuilt[name])
    assert event_from_dict(rebuilt) == full_event()


def test_empty_parquet_still_has_every_column(tmp_path):
    path = tmp_path / "none.parquet"
    write_events([], "parquet", path)
    table = pq.read_table(path)
    assert table.num_rows == 0 and "event_date" in table.column_names


def test_text_formats_write_to_binary_streams_too():
    out = io.BytesIO()
    write_events([full_event()], "jsonl", out)
    assert json.loads(out.getvalue().decode("utf-8"))["event_id"] == "doc-7:1"


def test_bad_requests_are_usage_errors():
    with pytest.raises(UsageError, match="unknown export format"):
        write_events([], "xml", io.StringIO())
    with pytest.raises(UsageError, match="parquet is binary"):
        write_events([], "parquet", io.StringIO())
    assert set(FORMATS) == {"jsonl", "acled-csv", "geojson", "parquet"}


def test_format_follows_the_file_extension():
    assert format_for_path("x.csv") == "acled-csv"
    assert format_for_path("x.GeoJSON") == "geojson"
    assert format_for_path("x.parquet") == "parquet"
    assert format_for_path("x.out", default="jsonl") == "jsonl"


def test_civilian_targeting_only_on_political_violence_against_civilians():
    import dataclasses

    attack = dataclasses.replace(
        full_event(),
        event_type="Violence against civilians",
        sub_event_type="Attack",
        disorder_type="Political violence",
    )
    battle = dataclasses.replace(attack, actor2="Hay'at Tahrir al-Sham", inter2=2)
    out = io.StringIO()
    write_events([attack, battle], "acled-csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["civilian_targeting"] for r in rows] == ["Civilian targeting", ""]
