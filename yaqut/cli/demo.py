"""``yaqut demo``: code the bundled article and show its incidents (and the incident table)."""

from __future__ import annotations

import datetime as _dt
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import click

from yaqut.cli.common import (
    CONTEXT,
    EXIT_ITEMS_FAILED,
    config,
    err,
    plural,
    report_items,
    reports_errors,
    seam,
    stdout,
)
from yaqut.records import Document, Event

DEMO_NAME = "regime-demands-2023.txt"
DEMO_ID = "regime-demands-2023"
PRECISION_WORDS = {1: "day", 2: "week", 3: "month"}


def demo_document(published: _dt.date | str) -> Document:
    """The bundled demo article as a Document."""
    from yaqut.ingest import make_document

    text = resources.files("yaqut").joinpath(f"data/demo/{DEMO_NAME}").read_text("utf-8")
    return make_document(
        text, published=published, doc_id=DEMO_ID, origin=f"yaqut/data/demo/{DEMO_NAME}"
    )


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


def incidents_table(events: Sequence[Event], title: str) -> Any:
    """A rich Table of incidents: one section per event, one row per aspect."""
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
        table.add_row(f"#{number}", f"[dim]{escape(event.event_id)}[/dim]")
        for i, (name, value) in enumerate(rows):
            table.add_row(name, escape(value), end_section=i == len(rows) - 1)
    return table


def _demo_campaigns(store: Any, events: Sequence[Event]) -> list[Any]:
    """Campaigns found over the store that take in the demo's events (and are stored)."""
    from yaqut.campaigns import find_campaigns

    found = find_campaigns(store.events())
    store.put_campaigns(found)
    ids = {e.event_id for e in events}
    return [c for c in found if ids & set(c.members)]


@click.command(context_settings=CONTEXT)
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    help="Keep the coded events in this store [default: a temporary one].",
)
@click.pass_context
@reports_errors
def demo(ctx: click.Context, db: str | None) -> None:
    """Code the bundled article and show its incidents.

    The article (a May 2023 report on the Syrian regime's demands on towns in Dar'a and
    Homs) ships with yaqut; it is coded as published on 2023-05-24. Each incident is shown
    with its place (governorate, p-code), date and precision, actors, ACLED type,
    PLOVER actions with their modes, counts, and the notes sentence.

    \b
    Examples:
      yaqut demo
      yaqut demo --db demo.db && yaqut export --db demo.db --format jsonl
    """
    from rich.console import Console

    from yaqut.cli.campaigns import campaigns_table
    from yaqut.store import BatchSummary, Store, code_into_store

    cfg = config(ctx)
    doc = demo_document(cfg["demo"]["published"])
    with tempfile.TemporaryDirectory(prefix="yaqut-demo-") as tmp:
        path = Path(db) if db else Path(tmp, "demo.db")
        summary = BatchSummary()
        with Store(path) as store:
            for _ in code_into_store([doc], store, seam("_load_coder"), summary=summary):
                pass
            events = list(store.events(doc_id=doc.id))
            found = _demo_campaigns(store, events)
        console = Console(file=stdout(), soft_wrap=False)
        title = (
            f"{plural(len(events), 'incident')} in {DEMO_NAME} "
            f"(published {doc.published})"
        )
        console.print(incidents_table(events, title))
        if found:
            console.print(campaigns_table(found, "Campaign behind these incidents"))
    report_items(summary)
    if db:
        err(f"stored in {db}: {summary.line()}")
    if summary.errors:
        ctx.exit(EXIT_ITEMS_FAILED)
