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
    coder_config,
    config,
    err,
    plural,
    report_items,
    reports_errors,
    seam,
    stdout,
)
from yaqut.cli.output import incidents_table
from yaqut.records import Document, Event

DEMO_NAME = "regime-demands-2023.txt"
DEMO_ID = "regime-demands-2023"


def demo_document(published: _dt.date | str) -> Document:
    """The bundled demo article as a Document."""
    from yaqut.ingest import make_document

    text = resources.files("yaqut").joinpath(f"data/demo/{DEMO_NAME}").read_text("utf-8")
    return make_document(
        text, published=published, doc_id=DEMO_ID, origin=f"yaqut/data/demo/{DEMO_NAME}"
    )


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

    from yaqut.batch import BatchSummary, code_into_store
    from yaqut.cli.campaigns import campaigns_table
    from yaqut.cli.code import Tally
    from yaqut.docmeta import document_name
    from yaqut.store import Store

    cfg = config(ctx)
    doc = demo_document(cfg["demo"]["published"])
    with tempfile.TemporaryDirectory(prefix="yaqut-demo-") as tmp:
        path = Path(db) if db else Path(tmp, "demo.db")
        summary, tally = BatchSummary(), Tally()
        with Store(path) as store:
            tally.before = store.counts()["events"]
            for _ in code_into_store([doc], store, seam("_load_coder", coder_config(ctx)),
                                       summary=summary):
                pass
            tally.after = store.counts()["events"]
            events = list(store.events(doc_id=doc.id))
            found = _demo_campaigns(store, events)
        console = Console(file=stdout(), soft_wrap=False)
        title = (
            f"{plural(len(events), 'incident')} in {DEMO_NAME} "
            f"(published {doc.published})"
        )
        console.print(incidents_table(events, title, {doc.id: document_name(doc)}))
        if found:
            console.print(campaigns_table(found, "Campaign behind these incidents"))
    report_items(summary)
    if db:
        err(f"stored in {db}: {tally.line(summary)}")
    if summary.errors:
        ctx.exit(EXIT_ITEMS_FAILED)
