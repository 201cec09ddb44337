"""``yaqut export``, ``yaqut errors`` and ``yaqut dedup``: reading and tidying the store."""

from __future__ import annotations

import datetime as _dt

import click

from yaqut.cli import options
from yaqut.cli.common import (
    CONTEXT,
    date_option,
    err,
    open_store,
    output_target,
    plural,
    reports_errors,
)
from yaqut.cli.output import EVENT_FORMATS, emit_events
from yaqut.errors import UsageError


@click.command(context_settings=CONTEXT)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EVENT_FORMATS),
    help="jsonl: every field; acled-csv: ACLED's columns; geojson: points; parquet: columns; "
    "table: for reading on a terminal [default: what --out's extension says, else jsonl].",
)
@options.db
@options.out
@options.since
@options.until
@click.option("--with-background", is_flag=True,
              help="Also write background events (told as more than 30 days old).")
@click.pass_context
@reports_errors
def export(
    ctx: click.Context,
    fmt: str | None,
    db: str | None,
    out: str | None,
    since: _dt.datetime | None,
    until: _dt.datetime | None,
    with_background: bool,
) -> None:
    """Write the stored events out.

    acled-csv has ACLED's columns in ACLED's order (dates like "01 June 2023"), so
    scripts written for ACLED's exports load it unchanged. jsonl has every field,
    including actions with their modes, counts and the evidence spans. parquet needs --out.
    Background events (an article's incidents more than 30 days old) are left out unless
    --with-background.

    \b
    Examples:
      yaqut export                                (every event as JSONL on stdout)
      yaqut export --out events.csv               (ACLED's columns, from the extension)
      yaqut export --format table --since 2023-05-20
      yaqut export --format geojson --out events.geojson --since 2023-05-01
      yaqut export --format jsonl | jq .notes
      yaqut export --format parquet --out events.parquet --db syria.db
    """
    from yaqut.export import format_for_path

    fmt = fmt or (format_for_path(out) if out and out != "-" else "jsonl")
    if fmt == "parquet" and (not out or out == "-"):
        raise UsageError("parquet is binary: give a file to write it to (--out FILE)")
    with open_store(ctx, db) as store:
        events = store.events(since=date_option(since), until=date_option(until))
        n = emit_events(events, fmt, output_target(out), sources=store.document_sources(),
                        names=store.document_names(), title="Stored events",
                        with_background=with_background)
    err(plural(n, "event") + " written" + (f" to {out}" if out else ""))


@click.command(context_settings=CONTEXT)
@options.db
@click.pass_context
@reports_errors
def errors(ctx: click.Context, db: str | None) -> None:
    """List the input items that could not be read or coded, and why.

    One line per item: when it was first seen, the error code (searchable: E101 empty,
    E102 binary, E103 too large, E104 malformed, E105 unknown extension, E106 unreadable,
    E400 coding failed, E401 coded but not storable, E402 over the time budget) and the
    reason naming the item (path or path:line). An item that codes on a later run leaves
    the list.

    \b
    Examples:
      yaqut errors
      yaqut errors --db syria.db | grep E104
    """
    from yaqut.errors import printable

    with open_store(ctx, db) as store:
        records = list(store.errors())
    for rec in records:
        # escaped: a file name holding a newline or a tab cannot forge a line
        click.echo(f"{rec.created or '-'}\t{printable(rec.code)}\t{printable(rec.reason)}")
    err(plural(len(records), "error record"))


@click.command(context_settings=CONTEXT)
@options.db
@click.pass_context
@reports_errors
def dedup(ctx: click.Context, db: str | None) -> None:
    """Merge the stored reports of one incident into one event (over the whole store).

    Two events are one incident when their places agree at their precision (towns within
    5 km, "near" a town within 25 km, a governorate-level report by its names, never by
    kilometres), their dates fall within each other's precision (a day +-1), their types
    and actor families agree, and they come from different sources. The merged event keeps
    every doc_id and every source's evidence; counts take the lowest figure reported.
    `yaqut code` already does this as it stores; run this after importing or to re-check.

    \b
    Examples:
      yaqut dedup --db syria.db
    """
    from yaqut.dedup import dedup as run_dedup
    with open_store(ctx, db) as store:
        before = list(store.events())
        result = run_dedup(before)
        if result.merged:
            store.replace_events(result.events)
        stale = result.merged and store.counts()["campaigns"] > 0
    for kept, absorbed in sorted(result.merged.items()):
        click.echo(f"{kept}\t{', '.join(absorbed)}")
    err(f"{len(before)} events, {result.absorbed} merged into others: "
         f"{len(result.events)} incidents")
    if stale:
        err("stored campaigns name merged events: run `yaqut campaigns` again")
