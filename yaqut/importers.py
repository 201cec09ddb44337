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
"""

from __future__ import annotations

import csv
import datetime as _dt
import math
from collections.abc import Iterator
from pathlib import Path

from yaqut.errors import MalformedInput, UnreadableInput
from yaqut.records import Action, ErrorRecord, Event

__all__ = ["ACTION_BY_SUB_EVENT", "acled_row_to_event", "read_acled"]

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
    being line 1). A file that cannot be opened raises :class:`~yaqut.errors.UnreadableInput`;
    a file without ACLED's required columns raises :class:`~yaqut.errors.MalformedInput`.
    """
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise UnreadableInput(str(exc), item=str(path)) from None
    with handle:
        reader = csv.DictReader(handle)
        columns = set(reader.fieldnames or ())
        absent = [key for key in _REQUIRED if key not in columns]
        if absent:
            raise MalformedInput(f"not an ACLED export: no column {', '.join(absent)}",
                                 item=str(path))
        line = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield ErrorRecord(origin=f"{path}:{line}", code=MalformedInput.code,
                                  reason=f"unreadable CSV row: {exc}")
                line = reader.line_num + 1
                continue
            origin = f"{path}:{line}"
            line = reader.line_num + 1
            if None in row:  # more cells than the header has columns
                yield ErrorRecord(origin=origin, code=MalformedInput.code,
                                  reason="row has more cells than the header",
                                  doc_id=_text(row, "event_id_cnty"))
                continue
            try:
                yield acled_row_to_event(row)
            except MalformedInput as exc:
                yield ErrorRecord(origin=origin, code=exc.code,
                                  reason=f"ACLED row {_text(row, 'event_id_cnty') or '?'}: "
                                  f"{exc.message}",
                                  doc_id=_text(row, "event_id_cnty"))
