"""Event coding quality on ACLED rows: does yaqut code a note the way ACLED did?

Each row's ``notes`` is coded as a report published three days after the row's
``event_date``, so the date has to be read from the text ("On 10 May 2023, ..."), not copied
from the publication date. The coded event is then compared with the row's codes:

- ``event_type`` and ``sub_event_type``: equal strings;
- ``actor_pair``: {actor1, actor2} equal to ACLED's, in either order (an empty actor2 must
  be empty);
- ``actor_family``: the same, comparing families (:func:`yaqut.extract.actors.family`, the
  one family rule: ``Military Forces of Syria (2000-) Military Intelligence`` ->
  ``Military Forces of Syria (2000-)``, a group's sub-unit -> the group);
- ``fatalities``, ``event_date``, ``time_precision``: equal values. ``event_date`` over
  all rows is not a measure of reading dates: a note that names no day gets the middle of
  the week before its publication (:func:`yaqut.extract.dates.undated_report_date`), which
  is the row's own date here only because every note is published exactly three days
  after it; ``event_date_named`` (notes that write their day) is the reading measure;
- ``date_window``: ACLED's date lies inside the window the coded date and its precision
  claim (precision 1: that day; 2: the week around it, three days either side; 3: its
  calendar month); a coded date without a precision claims no window;
- ``within_5km`` / ``within_25km``: the coded event's coordinates against ACLED's;
  ``right_admin1``: the coded event's governorate against ACLED's ``admin1``.

Which coded event is compared: a note may come out as several incidents. The rule is the
**main event**: the first coded event whose actions include one that occurred, else the
first coded event (incidents come in the note's order, and an ACLED note opens with the
event it codes). A row with no coded event counts as wrong on every measure. Rows that
cannot be read (no notes, a date that is not a date) are reported by line and left out of
the denominators; coding failures (a :class:`~yaqut.errors.YaqutError`) count as rows with
no event and are listed too.

``run()`` measures and returns a JSON-ready dict; ``format_table()`` prints it.
"""

from __future__ import annotations

import csv
import datetime as _dt
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from yaqut.errors import MalformedInput, UsageError, YaqutError
from yaqut.records import Document, Event

__all__ = ["METRICS", "actor_family", "compare", "format_halves", "format_table", "in_window",
           "main_event", "read_rows", "run"]

PUBLISHED_AFTER_DAYS = 3
#: The measures, in the order the table prints them.
METRICS = (
    "event_type",
    "sub_event_type",
    "actor_pair",
    "actor_family",
    "fatalities",
    "event_date",
    "date_window",
    "time_precision",
    "within_5km",
    "within_25km",
    "right_admin1",
)
_REQUIRED = ("notes", "event_date")


def actor_family(name: str | None) -> str:
    """The actor family of a name (:func:`yaqut.extract.actors.family`), "" for none."""
    if not name:
        return ""
    from yaqut.extract.actors import family

    return family(" ".join(name.split()))


def parse_date(value: str) -> _dt.date:
    """An ACLED date: ``01 June 2023`` or ISO ``2023-06-01``. Raises MalformedInput."""
    text = (value or "").strip()
    for fmt in ("%d %B %Y", "%Y-%m-%d", "%d-%b-%y", "%d %b %Y"):
        try:
            return _dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise MalformedInput(f"event_date {value!r} is not a date (expected e.g. 01 June 2023)")


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value not in (None, "") else None
    except ValueError:
        return None


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def read_rows(path: Path, limit: int | None = None, half: str | None = None
              ) -> tuple[list[dict], list[dict]]:
    """(good rows, bad rows) of an ACLED CSV; a bad row names its line and the reason.

    ``half`` keeps only the ``"tune"`` or ``"test"`` half (:mod:`yaqut.eval.split`, file key
    ``acled``, row id ``event_id_cnty``); ``None`` or ``"all"`` keeps every row. ``limit``
    counts the rows kept. Raises MalformedInput when the file lacks a required column.
    """
    from yaqut.eval.split import keep

    if half not in (None, "all", "tune", "test"):
        raise UsageError(f"half must be tune, test or all, not {half!r}")
    good: list[dict] = []
    bad: list[dict] = []
    with Path(path).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in _REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise MalformedInput(f"{path}: not an ACLED export: no column {', '.join(missing)}")
        for row in reader:
            if limit is not None and len(good) + len(bad) >= limit:
                break
            line = reader.line_num
            rid = row.get("event_id_cnty") or f"line {line}"
            if not keep("acled", rid, half):
                continue
            if not (row.get("notes") or "").strip():
                bad.append({"line": line, "id": rid, "reason": "empty notes"})
                continue
            try:
                day = parse_date(row["event_date"])
            except MalformedInput as exc:
                bad.append({"line": line, "id": rid, "reason": str(exc)})
                continue
            good.append({**row, "_line": line, "_id": rid, "_date": day})
    return good, bad


def names_its_day(notes: str, day: _dt.date) -> bool:
    """Whether a note writes its own event day ("10 May", "May 10th", "the 10th of May",
    "10/5/2023"): only there can the day be read from the text. Older ACLED notes often
    name none, and their rows are scored apart as well (``event_date_named``)."""
    month = day.strftime("%B")
    mon = rf"(?:{month}|{month[:3]}\.?)"
    d = rf"0?{day.day}(?:st|nd|rd|th)?"
    pats = (rf"\b{d}(?:\s+of)?\s+{mon}\b", rf"\b{mon}\s+{d}\b",
            rf"\b0?{day.day}[/.]0?{day.month}[/.](?:{day.year}|{day.year % 100:02d})\b",
            rf"\b{day.isoformat()}\b")
    return any(re.search(p, notes, re.IGNORECASE) for p in pats)


def in_window(true: _dt.date, coded: _dt.date | None, precision: int | None) -> bool:
    """Whether ``true`` lies in the window a coded date claims: its day (precision 1), the
    week around it (2: three days either side) or its calendar month (3)."""
    if coded is None or precision is None:
        return False
    if precision == 1:
        return true == coded
    if precision == 2:
        return abs((true - coded).days) <= 3
    return (true.year, true.month) == (coded.year, coded.month)


def main_event(events: list[Event]) -> Event | None:
    """The event compared with the row: the first with an occurred action, else the first."""
    for e in events:
        if any(a.mode == "occurred" for a in e.actions):
            return e
    return events[0] if events else None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from yaqut.eval.geo import km

    return km(lat1, lon1, lat2, lon2)


def _same_pair(c1: str, c2: str, g1: str, g2: str) -> bool:
    return (c1, c2) == (g1, g2) or (c2, c1) == (g1, g2)


def compare(row: dict, event: Event | None) -> dict[str, bool]:
    """Right or wrong on every measure for one row (all wrong when there is no event)."""
    if event is None:
        return dict.fromkeys(METRICS, False)
    from yaqut.geo.normalize import admin_key

    g1, g2 = (row.get("actor1") or "").strip(), (row.get("actor2") or "").strip()
    c1, c2 = event.actor1 or "", event.actor2 or ""
    out = {
        "event_type": event.event_type == row.get("event_type"),
        "sub_event_type": event.sub_event_type == row.get("sub_event_type"),
        "actor_pair": _same_pair(c1, c2, g1, g2),
        "actor_family": _same_pair(actor_family(c1), actor_family(c2), actor_family(g1),
                                   actor_family(g2)),
        "fatalities": event.fatalities == (_int(row.get("fatalities")) or 0),
        "event_date": event.event_date == row["_date"],
        "date_window": in_window(row["_date"], event.event_date, event.time_precision),
        "time_precision": event.time_precision == _int(row.get("time_precision")),
    }
    lat, lon = _float(row.get("latitude")), _float(row.get("longitude"))
    if lat is not None and lon is not None and event.latitude is not None \
            and event.longitude is not None:
        d = _km(lat, lon, event.latitude, event.longitude)
        out["within_5km"], out["within_25km"] = d <= 5, d <= 25
    else:
        out["within_5km"] = out["within_25km"] = False
    gold_admin = row.get("admin1") or ""
    out["right_admin1"] = bool(event.admin1 and gold_admin
                               and admin_key(event.admin1) == admin_key(gold_admin))
    return out


def _default_coder() -> Callable[[Document], list[Event]]:
    from yaqut.coder import default_coder

    return default_coder()


def run(
    path: Path,
    limit: int | None = None,
    coder: Callable[[Document], list[Event]] | None = None,
    half: str | None = None,
) -> dict[str, Any]:
    """Code every row's notes and score them (see the module docstring); ``half``:
    ``"tune"``, ``"test"`` or ``None``/``"all"`` (see :func:`read_rows`)."""
    from yaqut.ingest import make_document

    code = coder or _default_coder()
    rows, bad = read_rows(Path(path), limit, half)
    hits = dict.fromkeys(METRICS, 0)
    named = named_hits = 0
    no_event = 0
    failures: list[dict] = []
    detail: list[dict] = []
    started = time.perf_counter()
    for row in rows:
        published = row["_date"] + _dt.timedelta(days=PUBLISHED_AFTER_DAYS)
        doc = make_document(row["notes"], published=published, doc_id=row["_id"],
                            origin=f"{path}:{row['_line']}")
        try:
            events = code(doc)
        except YaqutError as exc:
            failures.append({"line": row["_line"], "id": row["_id"], "reason": str(exc)})
            events = []
        event = main_event(events)
        if event is None:
            no_event += 1
        right = compare(row, event)
        for k, ok in right.items():
            hits[k] += ok
        if names_its_day(row["notes"], row["_date"]):
            named += 1
            named_hits += right["event_date"]
        detail.append({
            "id": row["_id"],
            "line": row["_line"],
            "events": len(events),
            "wrong": [k for k in METRICS if not right[k]],
            "gold": {k: row.get(k) for k in ("event_type", "sub_event_type", "actor1", "actor2",
                                             "fatalities", "event_date", "time_precision",
                                             "location", "admin1")},
            "coded": None if event is None else {
                "event_type": event.event_type, "sub_event_type": event.sub_event_type,
                "actor1": event.actor1, "actor2": event.actor2,
                "fatalities": event.fatalities,
                "event_date": event.event_date.isoformat() if event.event_date else None,
                "time_precision": event.time_precision, "location": event.location,
                "admin1": event.admin1},
        })
    n = len(rows)
    seconds = time.perf_counter() - started
    return {
        "file": str(path),
        "half": half or "all",
        "rows": n,
        "rule": "main event: the first coded event with an occurred action, else the first; "
                "no event counts as wrong",
        "scores": {k: (hits[k] / n if n else 0.0) for k in METRICS},
        "event_date_named": named_hits / named if named else 0.0,
        "rows_naming_their_day": named,
        "no_event": no_event / n if n else 0.0,
        "bad_rows": bad,
        "failures": failures,
        "seconds": round(seconds, 2),
        "rows_per_second": round(n / seconds, 2) if seconds else None,
        "detail": detail,
    }


def format_halves(test: dict[str, Any], tune: dict[str, Any]) -> str:
    """The test half's figures with the tune half's beside them (two :func:`run` results)."""
    lines = [f"{'measure':<16} {'test':>8} {'tune':>8}",
             f"{'rows':<16} {test['rows']:>8} {tune['rows']:>8}"]
    for k in METRICS:
        lines.append(f"{k:<16} {test['scores'][k]:>8.1%} {tune['scores'][k]:>8.1%}")
    lines.append(f"{'event_date_named':<16} {test['event_date_named']:>8.1%} "
                 f"{tune['event_date_named']:>8.1%}   (notes that name their day: "
                 f"{test['rows_naming_their_day']} test, {tune['rows_naming_their_day']} tune)")
    lines.append(f"{'no event':<16} {test['no_event']:>8.1%} {tune['no_event']:>8.1%}")
    return "\n".join(lines)


def format_table(result: dict[str, Any]) -> str:
    """A plain-text table of a :func:`run` result."""
    lines = [f"{'measure':<16} {'score':>8}", f"{'rows':<16} {result['rows']:>8}"]
    for k in METRICS:
        lines.append(f"{k:<16} {result['scores'][k]:>8.1%}")
    lines.append(f"{'event_date_named':<16} {result['event_date_named']:>8.1%}"
                 f"   (over the {result['rows_naming_their_day']} notes that name their day)")
    lines.append(f"{'no event':<16} {result['no_event']:>8.1%}")
    if result["bad_rows"]:
        lines.append(f"{'unreadable rows':<16} {len(result['bad_rows']):>8}")
    if result["failures"]:
        lines.append(f"{'coding failures':<16} {len(result['failures']):>8}")
    return "\n".join(lines)
