"""Events out of a command: as a table for a terminal (rich: what `yaqut demo` shows, and
`yaqut code`/`yaqut export` with ``--format table``), or in an export format."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from yaqut.records import Event

PRECISION_WORDS = {1: "day", 2: "week", 3: "month"}


def _place_cell(event: Event) -> str:
    parts = [event.location or "(no place)"]
    where = []
    if event.admin1:
        where.append(f"{event.admin1} governorate")
    if event.pcode:
        where.append(f"p-code {event.pcode}")
    if where:
        parts.append(", ".join(where))
    if event.latitude is not None and event.longitude is not None:
        precision = f", geo precision {event.geo_precision}" if event.geo_precision else ""
        parts.append(f"{event.latitude:.4f}, {event.longitude:.4f}{precision}")
    return "\n".join(parts)


def _date_cell(event: Event) -> str:
    if event.event_date is None:
        return "(no date)"
    word = PRECISION_WORDS.get(event.time_precision or 0)
    return f"{event.event_date.isoformat()} ({word or 'precision ?'})"


def _clip(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def incidents_table(
    events: Sequence[Event], title: str, names: Mapping[str, str] | None = None
) -> Any:
    """A rich Table of incidents: one section per event, one row per aspect; with ``names``
    (doc_id -> title or file name) a last row says which reports it comes from."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=title, show_header=True, header_style="bold", show_lines=False)
    table.add_column("", style="bold cyan", no_wrap=True)
    table.add_column("Incident", overflow="fold")
    for number, event in enumerate(events, start=1):
        actors = f"{event.actor1 or '?'} → {event.actor2 or '(none)'}"
        kind = " / ".join(x for x in (event.event_type, event.sub_event_type) if x) or "?"
        actions = (
            "\n".join(f"{a.type} ({a.mode}): “{_clip(a.text)}”" for a in event.actions) or "(none)"
        )
        counts = [f"{q.count} {q.unit}: {q.role}" for q in event.quantities]
        counts.append(f"fatalities: {event.fatalities}")
        rows = [
            ("Place", _place_cell(event)),
            ("Date", _date_cell(event)),
            ("Actors", actors),
            ("Type", kind),
            ("Actions", actions),
            ("Counts", "\n".join(counts)),
            ("Notes", event.notes or "(none)"),
        ]
        if names is not None:
            rows.append(("Reported", "\n".join(f"{names.get(d, d)} [{d}]" for d in event.doc_ids)
                         or "(no document: imported)"))
        table.add_row(f"#{number}", f"[dim]{escape(event.event_id)}[/dim]")
        for i, (name, value) in enumerate(rows):
            table.add_row(name, escape(value), end_section=i == len(rows) - 1)
    return table


def write_table(
    events: Iterable[Event],
    out: TextIO,
    title: str,
    *,
    limit: int | None = None,
    names: Mapping[str, str] | None = None,
) -> int:
    """Print ``events`` as :func:`incidents_table` (the first ``limit`` of them, and a line
    saying how many more there are); returns how many events there were."""
    from rich.console import Console

    shown: list[Event] = []
    n = 0
    for event in events:
        n += 1
        if limit is None or len(shown) < limit:
            shown.append(event)
    console = Console(file=out, soft_wrap=False)
    console.print(incidents_table(shown, title, names))
    if n > len(shown):
        console.print(f"... and {n - len(shown)} more (see them all with `yaqut export`)")
    return n


#: Events a terminal shows when `yaqut code` prints its table without being asked to.
TERMINAL_LIMIT = 20
#: What --format offers where events go out (export's formats and a table).
EVENT_FORMATS = ("table", "jsonl", "acled-csv", "geojson", "parquet")


def emit_events(
    events: Iterable[Event],
    fmt: str,
    target: TextIO | Path,
    *,
    sources: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    title: str = "",
    limit: int | None = None,
    with_background: bool = False,
) -> int:
    """Write ``events`` as ``fmt`` (:data:`EVENT_FORMATS`) to a stream or a file; returns
    how many there were. A table shows the first ``limit`` (all when None). Background
    events are left out unless ``with_background``."""
    if not with_background:
        events = (e for e in events if not e.background)
    if fmt != "table":
        from yaqut.export import write_events

        return write_events(events, fmt, target, sources=sources, names=names,
                            with_background=True)
    if isinstance(target, Path):
        with open(target, "w", encoding="utf-8") as handle:
            return write_table(events, handle, title, limit=limit, names=names)
    return write_table(events, target, title, limit=limit, names=names)
