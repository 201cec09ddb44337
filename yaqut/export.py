"""Write events out: JSONL (every field), ACLED CSV, GeoJSON, Parquet.

- ``jsonl``: one :func:`yaqut.records.event_to_dict` object per line, every field.
- ``acled-csv``: ACLED's columns, in ACLED's order, with ACLED's meanings and spellings
  (dates as ``01 June 2023``, ``iso`` as the numeric country code, ``region`` from the
  country), so scripts written for ACLED's export load it unchanged. ACLED's ``source``
  column names the reporting sources: the documents' sources when ``sources`` maps the
  event's doc_ids to them, else the event's own ``source``.
- ``geojson``: a FeatureCollection of points ([longitude, latitude]) whose properties are
  the flat fields (and ``documents``, the reports by title or file name with their ids,
  when ``names`` is given); an event without coordinates is kept, with a null geometry.
- ``parquet``: flat typed columns, plus JSON strings for the nested fields (actions,
  quantities, claims, evidence) and a list column for doc_ids.
"""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, BinaryIO, TextIO

from yaqut.errors import UsageError
from yaqut.records import Event, event_from_dict, event_to_dict

FORMATS = ("jsonl", "acled-csv", "geojson", "parquet")

#: ACLED's export columns, in ACLED's order.
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

#: Event fields that hold nested records (written as JSON in flat formats).
NESTED_FIELDS = ("actions", "quantities", "claims", "evidence")
#: Event fields that are plain values (doc_ids is joined with "; " where a cell must be text).
#: (``background`` is not a column: exports leave background events out.)
FLAT_FIELDS = tuple(f for f in Event.__dataclass_fields__
                    if f not in NESTED_FIELDS and f != "background")

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# ACLED country name -> (ISO 3166 numeric, ACLED region), for Syria's region and its
# neighbours' (the countries a Syrian report names). Other countries get blank cells.
_COUNTRIES: dict[str, tuple[int, str]] = {
    "Bahrain": (48, "Middle East"),
    "Iran": (364, "Middle East"),
    "Iraq": (368, "Middle East"),
    "Israel": (376, "Middle East"),
    "Jordan": (400, "Middle East"),
    "Kuwait": (414, "Middle East"),
    "Lebanon": (422, "Middle East"),
    "Oman": (512, "Middle East"),
    "Palestine": (275, "Middle East"),
    "Qatar": (634, "Middle East"),
    "Saudi Arabia": (682, "Middle East"),
    "Syria": (760, "Middle East"),
    "Turkey": (792, "Middle East"),
    "United Arab Emirates": (784, "Middle East"),
    "Yemen": (887, "Middle East"),
    "Algeria": (12, "Northern Africa"),
    "Egypt": (818, "Northern Africa"),
    "Libya": (434, "Northern Africa"),
    "Morocco": (504, "Northern Africa"),
    "Sudan": (729, "Northern Africa"),
    "Tunisia": (788, "Northern Africa"),
    "Armenia": (51, "Caucasus and Central Asia"),
    "Azerbaijan": (31, "Caucasus and Central Asia"),
    "Georgia": (268, "Caucasus and Central Asia"),
    "Afghanistan": (4, "South Asia"),
    "Pakistan": (586, "South Asia"),
    "Cyprus": (196, "Europe"),
    "Greece": (300, "Europe"),
    "Russia": (643, "Europe"),
}
# Other spellings of those countries (ISO alpha-2/alpha-3 codes, official and GeoNames
# names) -> ACLED's name.
_ALIASES: dict[str, str] = {
    "BH": "Bahrain", "BHR": "Bahrain",
    "IR": "Iran", "IRN": "Iran", "Iran, Islamic Republic of": "Iran",
    "IQ": "Iraq", "IRQ": "Iraq",
    "IL": "Israel", "ISR": "Israel",
    "JO": "Jordan", "JOR": "Jordan",
    "KW": "Kuwait", "KWT": "Kuwait",
    "LB": "Lebanon", "LBN": "Lebanon",
    "OM": "Oman", "OMN": "Oman",
    "PS": "Palestine", "PSE": "Palestine", "State of Palestine": "Palestine",
    "Palestinian Territory": "Palestine",
    "QA": "Qatar", "QAT": "Qatar",
    "SA": "Saudi Arabia", "SAU": "Saudi Arabia",
    "SY": "Syria", "SYR": "Syria", "Syrian Arab Republic": "Syria",
    "TR": "Turkey", "TUR": "Turkey", "Türkiye": "Turkey", "Turkiye": "Turkey",
    "AE": "United Arab Emirates", "ARE": "United Arab Emirates",
    "YE": "Yemen", "YEM": "Yemen",
    "DZ": "Algeria", "DZA": "Algeria",
    "EG": "Egypt", "EGY": "Egypt",
    "LY": "Libya", "LBY": "Libya",
    "MA": "Morocco", "MAR": "Morocco",
    "SD": "Sudan", "SDN": "Sudan",
    "TN": "Tunisia", "TUN": "Tunisia",
    "AM": "Armenia", "ARM": "Armenia",
    "AZ": "Azerbaijan", "AZE": "Azerbaijan",
    "GE": "Georgia", "GEO": "Georgia",
    "AF": "Afghanistan", "AFG": "Afghanistan",
    "PK": "Pakistan", "PAK": "Pakistan",
    "CY": "Cyprus", "CYP": "Cyprus",
    "GR": "Greece", "GRC": "Greece",
    "RU": "Russia", "RUS": "Russia", "Russian Federation": "Russia",
}  # fmt: skip


def acled_country(country: str | None) -> tuple[str, int | None, str]:
    """ACLED's name, ISO numeric code and region for a country name or ISO code."""
    if not country:
        return "", None, ""
    name = _ALIASES.get(country.strip(), country.strip())
    iso, region = _COUNTRIES.get(name, (None, ""))
    return name, iso, region


def acled_date(value: Any) -> str:
    """``01 June 2023``, as ACLED writes dates (independent of the locale)."""
    if value is None:
        return ""
    return f"{value.day:02d} {_MONTHS[value.month - 1]} {value.year}"


def _cell(value: Any) -> Any:
    return "" if value is None else value


def acled_row(
    event: Event, *, sources: Mapping[str, str] | None = None, timestamp: int | None = None
) -> dict[str, Any]:
    """One event as an ACLED CSV row (a dict keyed by :data:`ACLED_COLUMNS`)."""
    country, iso, region = acled_country(event.country)
    named = [sources[d] for d in event.doc_ids if sources and sources.get(d)]
    source = "; ".join(dict.fromkeys(named)) or (event.source or "")
    # ACLED marks civilian targeting on political violence only (not on protests or
    # strategic developments that merely name civilians as the other party).
    civilian = "Political violence" in (event.disorder_type or "") and (
        (event.actor2 or "").startswith("Civilians") or event.inter2 == 7
    )
    row = {
        "event_id_cnty": event.event_id,
        "event_date": acled_date(event.event_date),
        "year": event.event_date.year if event.event_date else "",
        "time_precision": event.time_precision,
        "disorder_type": event.disorder_type,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "assoc_actor_1": event.assoc_actor_1,
        "inter1": event.inter1,
        "actor2": event.actor2,
        "assoc_actor_2": event.assoc_actor_2,
        "inter2": event.inter2,
        "interaction": event.interaction,
        "civilian_targeting": "Civilian targeting" if civilian else "",
        "iso": iso,
        "region": region,
        "country": country,
        "admin1": event.admin1,
        "admin2": event.admin2,
        "admin3": event.admin3,
        "location": event.location,
        "latitude": event.latitude,
        "longitude": event.longitude,
        "geo_precision": event.geo_precision,
        "source": source,
        "source_scale": "",
        "notes": event.notes,
        "fatalities": event.fatalities,
        "tags": "",
        "timestamp": timestamp if timestamp is not None else int(time.time()),
    }
    return {k: _cell(v) for k, v in row.items()}


def flat_record(event: Event) -> dict[str, Any]:
    """The flat fields of an event (dates ISO, doc_ids joined by ``; ``)."""
    data = event_to_dict(event)
    out = {name: data[name] for name in FLAT_FIELDS}
    out["doc_ids"] = "; ".join(event.doc_ids)
    return out


def _actions_summary(event: Event) -> str:
    return "; ".join(f"{a.type} ({a.mode})" for a in event.actions)


# -- writers -------------------------------------------------------------------------------


@contextmanager
def _text_out(out: IO[Any] | Path | str, newline: str | None) -> Iterator[TextIO]:
    if isinstance(out, str | Path):
        with open(out, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
    elif isinstance(out, io.TextIOBase) or hasattr(out, "encoding"):
        yield out  # type: ignore[misc]
    else:
        wrapper = io.TextIOWrapper(out, encoding="utf-8", newline=newline)  # type: ignore[arg-type]
        try:
            yield wrapper
        finally:
            wrapper.flush()
            wrapper.detach()


def _jsonl(events: Iterable[Event], out: TextIO) -> int:
    n = 0
    for event in events:
        out.write(json.dumps(event_to_dict(event), ensure_ascii=False) + "\n")
        n += 1
    return n


def _acled(
    events: Iterable[Event], out: TextIO, sources: Mapping[str, str] | None, timestamp: int | None
) -> int:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    stamp = timestamp if timestamp is not None else int(time.time())
    n = 0
    for event in events:
        writer.writerow(acled_row(event, sources=sources, timestamp=stamp))
        n += 1
    return n


def point_feature(
    latitude: float | None,
    longitude: float | None,
    properties: dict[str, Any],
    feature_id: str | None = None,
) -> dict[str, Any]:
    """A GeoJSON Feature at [longitude, latitude]; a null geometry without coordinates."""
    geometry = (
        {"type": "Point", "coordinates": [longitude, latitude]}
        if latitude is not None and longitude is not None
        else None
    )
    feature: dict[str, Any] = {"type": "Feature"}
    if feature_id is not None:
        feature["id"] = feature_id
    feature["geometry"] = geometry
    feature["properties"] = properties
    return feature


def write_feature_collection(features: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Stream a GeoJSON FeatureCollection, one feature a line; returns how many were written.

    The one GeoJSON writer: events (``--format geojson``, the dashboard's download) and
    place mentions (``yaqut geoparse``) go through it.
    """
    out.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for feature in features:
        out.write(("\n" if n == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def event_feature(event: Event, names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """An event as a GeoJSON point feature: its flat fields and an actions summary; with
    ``names`` (doc_id -> title or file name), ``documents`` names its reports, ids beside."""
    properties = flat_record(event)
    properties["actions"] = _actions_summary(event)
    if names is not None:
        properties["documents"] = "; ".join(f"{names.get(d, d)} [{d}]" for d in event.doc_ids)
    return point_feature(event.latitude, event.longitude, properties, event.event_id)


def _geojson(events: Iterable[Event], out: TextIO, names: Mapping[str, str] | None) -> int:
    return write_feature_collection((event_feature(e, names) for e in events), out)


def parquet_schema() -> Any:
    """The Arrow schema of the Parquet export."""
    import pyarrow as pa

    types = {
        "event_id": pa.string(),
        "doc_ids": pa.list_(pa.string()),
        "event_date": pa.date32(),
        "time_precision": pa.int8(),
        "inter1": pa.int8(),
        "inter2": pa.int8(),
        "interaction": pa.int16(),
        "latitude": pa.float64(),
        "longitude": pa.float64(),
        "geo_precision": pa.int8(),
        "geonameid": pa.int64(),
        "fatalities": pa.int32(),
    }
    fields = [pa.field(name, types.get(name, pa.string())) for name in FLAT_FIELDS]
    fields += [pa.field(name, pa.string()) for name in NESTED_FIELDS]
    return pa.schema(fields)


def parquet_record(event: Event, data: dict[str, Any] | None = None) -> dict[str, Any]:
    """One event as a row of :func:`parquet_schema`: flat fields typed, nested ones as JSON.

    ``data`` is the event's :func:`~yaqut.records.event_to_dict`, when the caller has it.
    """
    data = data if data is not None else event_to_dict(event)
    row = {name: getattr(event, name) for name in FLAT_FIELDS}
    row["doc_ids"] = list(event.doc_ids)
    for name in NESTED_FIELDS:
        row[name] = json.dumps(data[name], ensure_ascii=False)
    return row


def event_from_parquet_record(row: dict[str, Any]) -> Event:
    """The event a :func:`parquet_record` row holds (extra columns are ignored)."""
    data = {k: v for k, v in row.items() if k in FLAT_FIELDS or k in NESTED_FIELDS}
    if data.get("event_date") is not None:
        data["event_date"] = data["event_date"].isoformat()
    for name in NESTED_FIELDS:
        if isinstance(data.get(name), str):
            data[name] = json.loads(data[name])
    return event_from_dict(data)


def _parquet(events: Iterable[Event], out: BinaryIO | Path | str) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist([parquet_record(e) for e in events], schema=parquet_schema())
    pq.write_table(table, out if not isinstance(out, Path) else str(out))
    return table.num_rows


def write_events(
    events: Iterable[Event],
    fmt: str,
    out: TextIO | BinaryIO | IO[Any] | Path | str,
    *,
    sources: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    timestamp: int | None = None,
    with_background: bool = False,
) -> int:
    """Write ``events`` as ``fmt`` (one of :data:`FORMATS`) to a stream or a file path.

    Background events (:attr:`~yaqut.records.Event.background`: told in a report as more
    than 30 days old) are left out unless ``with_background``.

    ``sources`` (doc_id -> source name) fills ACLED's ``source`` column; ``names`` (doc_id
    -> title or file name) gives GeoJSON features a ``documents`` property; ``timestamp``
    (Unix seconds) fills ACLED's ``timestamp`` column (now, when not given). Parquet needs
    a path or a binary stream. Returns the number of events written. Raises UsageError for
    an unknown format or a text stream given for Parquet.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if not with_background:
        events = (e for e in events if not e.background)
    if fmt == "parquet":
        if not isinstance(out, str | Path) and (
            isinstance(out, io.TextIOBase) or hasattr(out, "encoding")
        ):
            raise UsageError("parquet is binary: give a file to write it to (--out FILE)")
        return _parquet(events, out)  # type: ignore[arg-type]
    newline = "" if fmt == "acled-csv" else None
    with _text_out(out, newline) as handle:
        if fmt == "jsonl":
            return _jsonl(events, handle)
        if fmt == "acled-csv":
            return _acled(events, handle, sources, timestamp)
        return _geojson(events, handle, names)


def format_for_path(path: str | Path, default: str = "jsonl") -> str:
    """The export format a file name implies (``.csv`` -> acled-csv, ...), else ``default``."""
    suffix = Path(path).suffix.lower()
    return {
        ".jsonl": "jsonl",
        ".ndjson": "jsonl",
        ".csv": "acled-csv",
        ".geojson": "geojson",
        ".json": "geojson",
        ".parquet": "parquet",
        ".pq": "parquet",
    }.get(suffix, default)
