"""Import events coded by others: ACLED export CSVs.

:func:`read_acled` reads an ACLED export (its own column names) and yields one
:class:`~yaqut.records.Event` per row, or an :class:`~yaqut.records.ErrorRecord` for a row it
cannot read, so a bad row never stops the rest of the file from loading.

Imported events keep ACLED's ``event_id_cnty`` as ``event_id``, ``source="acled"`` and no
``doc_ids`` (there is no yaqut document behind them); ACLED's ``notes`` go to ``notes``.

PLOVER actions are derived only where ACLED's type says it without reading the notes
(:data:`ACTION_BY_SUB_EVENT`): a battle is actor1 assaulting actor2; an air strike, shelling,
IED or grenade attack is an assault by actor1 on actor2 (or on nobody named); an attack on
civilians, sexual violence and abduction are assaults; mob violence is an assault; arrests
are coercion; protests are PROTEST. Strategic developments (agreements, looting, HQs ...)
get no action: their type does not say who did what to whom. Every derived action has mode
``occurred`` (ACLED records events that happened), no text span (``start = end = 0``) and its
``text`` says it was derived from the type, so no one mistakes it for a reading of the notes.

A bad value (a date that is not one, a count that is not a whole number or is beyond any
real event, a coordinate off the globe) makes its row an ErrorRecord naming ``path:line``;
the file is read as other inputs are (:func:`yaqut.ingest.csv_rows`: bounded lines, a
non-UTF-8 byte decoded by the fallback encodings with a warning, linear recovery after a
malformed row). :func:`import_acled` stores the events: an ``event_id_cnty`` seen twice,
in the file or already stored with other values, is an error unless ``replace`` is given,
never a silent overwrite; the same row imported again is left as it is.
:func:`import_parquet` turns a broken Parquet file into an error record.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yaqut.errors import InputError, MalformedInput, printable
from yaqut.records import Action, ErrorRecord, Event

__all__ = [
    "ACTION_BY_SUB_EVENT",
    "AcledImport",
    "acled_row_to_event",
    "import_acled",
    "import_parquet",
    "read_acled",
]

#: ACLED sub_event_type -> the PLOVER action its definition implies (actor1 -> actor2).
ACTION_BY_SUB_EVENT: dict[str, str] = {
    "Armed clash": "ASSAULT",
    "Government regains territory": "ASSAULT",
    "Non-state actor overtakes territory": "ASSAULT",
    "Chemical weapon": "ASSAULT",
    "Air/drone strike": "ASSAULT",
    "Suicide bomb": "ASSAULT",
    "Shelling/artillery/missile attack": "ASSAULT",
    "Remote explosive/landmine/IED": "ASSAULT",
    "Grenade": "ASSAULT",
    "Sexual violence": "ASSAULT",
    "Attack": "ASSAULT",
    "Abduction/forced disappearance": "ASSAULT",
    "Mob violence": "ASSAULT",
    "Violent demonstration": "PROTEST",
    "Peaceful protest": "PROTEST",
    "Protest with intervention": "PROTEST",
    "Excessive force against protesters": "ASSAULT",
    "Arrests": "COERCE",
}

_REQUIRED = ("event_id_cnty", "event_date", "event_type", "actor1")
#: No ACLED count or code comes near this; a larger "whole number" is an error, not an event
#: (and would overflow SQLite's 64-bit integers).
MAX_INTEGER = 10_000_000
_DATE_FORMATS = ("%d %B %Y", "%Y-%m-%d", "%d-%B-%Y", "%d/%m/%Y")


def _text(row: dict[str, str | None], key: str) -> str | None:
    value = row.get(key)
    if value is None:
        return None
    value = value.strip()
    return value or None


def _number(row: dict[str, str | None], key: str) -> float | None:
    """A numeric cell ("3", "3.0", "") as a float; raises ValueError on junk."""
    value = _text(row, key)
    if value is None:
        return None
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        raise ValueError(f"{key} is not a finite number: {value!r}")
    return number


def _integer(row: dict[str, str | None], key: str) -> int | None:
    number = _number(row, key)
    if number is None:
        return None
    if number != int(number):
        raise ValueError(f"{key} is not a whole number: {row.get(key)!r}")
    if abs(number) > MAX_INTEGER:
        raise ValueError(f"{key} is out of range (over {MAX_INTEGER:,}): {row.get(key)!r}")
    return int(number)


def _date(value: str | None) -> _dt.date:
    if not value:
        raise ValueError("event_date is empty")
    value = value.strip()
    for fmt in _DATE_FORMATS:
        try:
            return _dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"event_date is not a date: {value!r}")


def _actions(event_type: str | None, sub_event_type: str | None, actor1: str | None,
             actor2: str | None) -> tuple[Action, ...]:
    kind = ACTION_BY_SUB_EVENT.get(sub_event_type or "")
    if kind is None:
        return ()
    text = f"derived from ACLED type {event_type}/{sub_event_type}"
    return (Action(type=kind, mode="occurred", actor=actor1, target=actor2, text=text,
                   start=0, end=0),)


def acled_row_to_event(row: dict[str, str | None]) -> Event:
    """One ACLED CSV row (a dict keyed by ACLED's column names) as an Event.

    Raises :class:`~yaqut.errors.MalformedInput` naming the first bad field.
    """
    try:
        missing = [key for key in _REQUIRED if not _text(row, key)]
        if missing:
            raise ValueError(f"missing {', '.join(missing)}")
        lat = _number(row, "latitude")
        lon = _number(row, "longitude")
        if lat is not None and not -90.0 <= lat <= 90.0:
            raise ValueError(f"latitude out of range: {lat}")
        if lon is not None and not -180.0 <= lon <= 180.0:
            raise ValueError(f"longitude out of range: {lon}")
        time_precision = _integer(row, "time_precision")
        geo_precision = _integer(row, "geo_precision")
        for name, value in (("time_precision", time_precision), ("geo_precision", geo_precision)):
            if value is not None and value not in (1, 2, 3):
                raise ValueError(f"{name} must be 1, 2 or 3: {value}")
        fatalities = _integer(row, "fatalities") or 0
        if fatalities < 0:
            raise ValueError(f"fatalities is negative: {fatalities}")
        event_type = _text(row, "event_type")
        sub_event_type = _text(row, "sub_event_type")
        actor1 = _text(row, "actor1")
        actor2 = _text(row, "actor2")
        return Event(
            event_id=_text(row, "event_id_cnty") or "",
            doc_ids=(),
            event_date=_date(_text(row, "event_date")),
            time_precision=time_precision,
            event_type=event_type,
            sub_event_type=sub_event_type,
            disorder_type=_text(row, "disorder_type"),
            actor1=actor1,
            assoc_actor_1=_text(row, "assoc_actor_1"),
            inter1=_integer(row, "inter1"),
            actor2=actor2,
            assoc_actor_2=_text(row, "assoc_actor_2"),
            inter2=_integer(row, "inter2"),
            interaction=_integer(row, "interaction"),
            country=_text(row, "country"),
            admin1=_text(row, "admin1"),
            admin2=_text(row, "admin2"),
            admin3=_text(row, "admin3"),
            location=_text(row, "location"),
            latitude=lat,
            longitude=lon,
            geo_precision=geo_precision,
            fatalities=fatalities,
            actions=_actions(event_type, sub_event_type, actor1, actor2),
            notes=_text(row, "notes") or "",
            source="acled",
        )
    except ValueError as exc:
        raise MalformedInput(str(exc)) from None


def read_acled(path: Path | str) -> Iterator[Event | ErrorRecord]:
    """Events from an ACLED export CSV, and an ErrorRecord (E104) for each bad row.

    ``origin`` of an error is ``path:line`` (the physical line the row starts on, the header
    being line 1), and its reason starts with it. A file that cannot be opened raises
    :class:`~yaqut.errors.UnreadableInput`; a file without ACLED's required columns raises
    :class:`~yaqut.errors.MalformedInput`.
    """
    for _, item in _acled_rows(Path(path)):
        yield item


def _acled_rows(path: Path, warnings: list[str] | None = None
                ) -> Iterator[tuple[str, Event | ErrorRecord]]:
    """(path:line, the row's Event or ErrorRecord) for every row of an ACLED export;
    decoding warnings (a line not in UTF-8) go to ``warnings``."""
    from yaqut.ingest import csv_rows, open_regular

    item = printable(str(path))
    with open_regular(path, item) as handle:
        rows = csv_rows(handle, item)
        first = next(rows, None)
        if first is None or isinstance(first[1], InputError):
            why = first[1].message if first is not None else "empty"  # type: ignore[union-attr]
            raise MalformedInput(f"not an ACLED export: {why}", item=item)
        header = [h.strip() for h in first[1]]
        absent = [key for key in _REQUIRED if key not in header]
        if absent:
            raise MalformedInput(f"not an ACLED export: no column {', '.join(absent)}",
                                 item=item)
        for number, cells, found in rows:
            origin = f"{item}:{number}"
            if warnings is not None:
                warnings.extend(found)
            if isinstance(cells, InputError):
                yield origin, _error(origin, cells.code, f"unreadable CSV row: {cells.message}")
            elif any(cell.strip() for cell in cells):
                yield origin, _row(header, cells, origin)


def _error(origin: str, code: str, reason: str, event_id: str | None = None) -> ErrorRecord:
    return ErrorRecord(origin=origin, code=code, reason=printable(f"{origin}: {reason}"),
                       doc_id=event_id)


def _row(header: list[str], cells: list[str], origin: str) -> Event | ErrorRecord:
    row: dict[str, str | None] = dict(zip(header, cells, strict=False))
    event_id = _text(row, "event_id_cnty")
    if len(cells) > len(header):
        return _error(origin, MalformedInput.code, "row has more cells than the header",
                      event_id)
    try:
        return acled_row_to_event(row)
    except MalformedInput as exc:
        return _error(origin, exc.code, f"ACLED row {event_id or '?'}: {exc.message}", event_id)


@dataclass
class AcledImport:
    """What :func:`import_acled` did."""

    imported: int = 0  # events stored (new, or replacing others with ``replace``)
    unchanged: int = 0  # rows already stored with the same values
    errors: list[ErrorRecord] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # lines decoded by a fallback encoding


def import_acled(path: Path | str, store: Any, *, replace: bool = False) -> AcledImport:
    """Store the events of an ACLED export; every bad row becomes a stored ErrorRecord.

    An ``event_id_cnty`` that comes twice in the file, or that the store holds with other
    values, is an error (E104, naming both lines or the stored event) unless ``replace``:
    then the later row wins. A row the store already holds unchanged is counted, not
    written again. Raises what :func:`read_acled` raises for a file that is not an export.
    """
    from yaqut.store import event_to_dict

    result = AcledImport()
    first_line: dict[str, str] = {}
    events: dict[str, Event] = {}
    for origin, item in _acled_rows(Path(path), result.warnings):
        if isinstance(item, ErrorRecord):
            result.errors.append(item)
            continue
        key = item.event_id
        stored = store.event(key) if key not in first_line else None
        if key in first_line and not replace:
            result.errors.append(_error(
                origin, MalformedInput.code, f"event_id_cnty {key} is already on line"
                f" {first_line[key].rsplit(':', 1)[1]} of this file (--replace: the later"
                " row wins)", key))
            continue
        if stored is not None and event_to_dict(stored) == event_to_dict(item):
            result.unchanged += 1
            continue
        if stored is not None and not replace:
            result.errors.append(_error(
                origin, MalformedInput.code, f"event_id_cnty {key} is already stored with"
                " other values (--replace: overwrite it)", key))
            continue
        first_line.setdefault(key, origin)
        events[key] = item
    with store.transaction():
        result.imported = store.import_events(events.values())
        for failure in result.errors:
            store.add_error(failure)
    return result


def import_parquet(paths: Sequence[str | Path], store: Any, *, batch_size: int = 100) -> Any:
    """Load Parquet shards or event files (:func:`yaqut.engine.dask_engine.import_parquet`)
    one file at a time; a file pyarrow cannot read is a stored E104 record naming it, and
    the other files load. Returns the BatchSummary."""
    import pyarrow as pa

    from yaqut.batch import BatchSummary
    from yaqut.engine.dask_engine import import_parquet as load
    from yaqut.engine.dask_engine import parquet_files

    summary = BatchSummary()
    for path in parquet_files(paths):
        try:
            load([path], store, summary=summary, batch_size=batch_size)
        except (pa.ArrowException, ValueError, OSError, KeyError, TypeError) as exc:
            # pyarrow's kinds for a broken file, and what reading a file of other columns
            # raises
            failure = _error(printable(str(path)), MalformedInput.code,
                             f"not a readable Parquet file ({type(exc).__name__}: {exc})")
            store.add_error(failure)
            summary.errors += 1
            summary.failed.append(failure)
    return summary
