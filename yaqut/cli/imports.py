"""``yaqut import acled|parquet``: event data coded by others (or by Dask shards) into the store."""

from __future__ import annotations

from collections.abc import Sequence

import click

from yaqut.cli import options
from yaqut.cli.common import (
    CONTEXT,
    EXIT_ITEMS_FAILED,
    config,
    err,
    open_store,
    plural,
    report_items,
    reports_errors,
)


@click.group(name="import", context_settings=CONTEXT)
def import_group() -> None:
    """Load event data coded by others into the store.

    \b
    Examples:
      yaqut import acled export.csv --db syria.db
      yaqut import parquet events/ --db syria.db
    """


@import_group.command(name="acled", context_settings=CONTEXT)
@click.argument("export_csv", metavar="EXPORT.csv", type=click.Path(dir_okay=False))
@options.db
@click.option("--replace", is_flag=True,
              help="Let a row overwrite a stored event of the same event_id_cnty (and a later"
              " row of the file an earlier one) instead of reporting it.")
@click.pass_context
@reports_errors
def import_acled(ctx: click.Context, export_csv: str, db: str | None, replace: bool) -> None:
    """Load an ACLED export (ACLED's column names) into the store.

    Each row becomes an event keeping ACLED's event_id_cnty as its event_id (importing the
    same file again adds nothing twice). Dates may be written "02 June 2023" or
    2023-06-02; notes, codes, coordinates and precisions are kept. A malformed row (a bad
    date, a count that is not a whole number or is out of range ...) is reported with
    path:line (and kept in `yaqut errors`) and skipped; the other rows load. An
    event_id_cnty seen twice in the file, or stored before with other values, is such an
    error too, unless --replace is given. Exit code 1 when any row was skipped.

    \b
    Examples:
      yaqut import acled acled_syria.csv --db syria.db
      yaqut import acled updated.csv --replace
      yaqut import acled export.csv && yaqut campaigns --format table
    """
    from yaqut.errors import printable
    from yaqut.importers import import_acled as load

    with open_store(ctx, db, write=True) as store:
        result = load(export_csv, store, replace=replace)
    for warning in result.warnings:
        err(f"warning: {printable(warning)}")
    for failure in result.errors:
        err(f"error [{failure.code}] {printable(failure.reason)}")
    unchanged = f" ({result.unchanged} already stored)" if result.unchanged else ""
    err(f"{plural(result.imported, 'event')} imported{unchanged},"
        f" {plural(len(result.errors), 'row')} skipped")
    if result.errors:
        ctx.exit(EXIT_ITEMS_FAILED)


@import_group.command(name="parquet", context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@options.db
@click.pass_context
@reports_errors
def import_parquet(ctx: click.Context, paths: Sequence[str], db: str | None) -> None:
    """Load Parquet shards from `yaqut code --engine dask` (or event Parquet files).

    PATH is a folder of shards or a file. Each shard's documents and events are stored in
    shard order as `yaqut code` would store them (documents keyed by content hash, reports
    of one incident merged, coding errors kept), so the store is the same as a
    single-process run's; documents already stored are skipped, so importing again adds
    nothing twice. A plain event file (`yaqut export --format parquet`) loads its events.

    \b
    Examples:
      yaqut code shards/ --engine dask --out events/ && yaqut import parquet events/
      yaqut import parquet events.parquet --db syria.db
    """
    from yaqut.importers import import_parquet as load

    with open_store(ctx, db, write=True) as store:
        summary = load(paths, store, batch_size=config(ctx)["store"]["batch_size"])
    report_items(summary)
    err(summary.line())
    if summary.errors:
        ctx.exit(EXIT_ITEMS_FAILED)
