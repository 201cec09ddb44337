"""The ``yaqut`` command: parse arguments, call the library, report.

This module is the only place that prints or exits. Library errors (:mod:`yaqut.errors`)
become a one-line message on stderr and an exit code:

    0  everything went well
    1  some input items could not be read or coded (the rest were; see `yaqut errors`)
    2  bad arguments or configuration
    3  the event store cannot be opened or written
    4  a shipped resource (spaCy pipeline, gazetteer) is missing
    5  any other yaqut error
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from yaqut import __version__
from yaqut.errors import ResourceError, StoreError, UsageError, YaqutError
from yaqut.records import Document, ErrorRecord, Event, Place

if TYPE_CHECKING:  # pragma: no cover
    from yaqut.coder import CoderConfig

EXIT_ITEMS_FAILED = 1
EXIT_USAGE = 2
EXIT_STORE = 3
EXIT_RESOURCE = 4
EXIT_OTHER = 5

DEMO_NAME = "regime-demands-2023.txt"
DEMO_ID = "regime-demands-2023"
PLACE_FIELDS = (
    "doc_id",
    "start",
    "end",
    "text",
    "name",
    "latitude",
    "longitude",
    "pcode",
    "geonameid",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "level",
    "geo_precision",
    "score",
    "reason",
)
_PRECISION_WORDS = {1: "day", 2: "week", 3: "month"}
_CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Failure(click.ClickException):
    """A YaqutError at the CLI's edge: its message, and the exit code for its kind."""

    def __init__(self, error: YaqutError) -> None:
        super().__init__(str(error))
        if isinstance(error, UsageError):
            self.exit_code = EXIT_USAGE
        elif isinstance(error, StoreError):
            self.exit_code = EXIT_STORE
        elif isinstance(error, ResourceError):
            self.exit_code = EXIT_RESOURCE
        else:
            self.exit_code = EXIT_OTHER


def _reports_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except YaqutError as exc:
            raise Failure(exc) from exc

    return wrapper


# -- seams: the heavy stages, imported on first use (tests replace these) --------------------


def _load_coder(config: CoderConfig) -> Callable[[Document], list[Event]]:
    from yaqut.coder import build_coder  # yaqut's coder, or the one coder.plugin names

    return build_coder(config)


def _coder_config(ctx: click.Context, model: str | None = None) -> CoderConfig:
    """The coder's settings (the ``[coder]`` section), with ``--model`` when given."""
    from yaqut.coder import CoderConfig

    return CoderConfig.from_settings(_config(ctx), model=model)


def _load_geoparser() -> Callable[..., list[Place]]:
    from yaqut.geo import geoparse

    return geoparse


def _load_geo_eval() -> tuple[Callable[..., dict[str, Any]], Callable[[dict[str, Any]], str]]:
    from yaqut.eval.geo import format_table, run

    return run, format_table


# -- helpers ----------------------------------------------------------------------------------


def _write_result(result: dict[str, Any], path: str) -> None:
    """An eval's result as JSON (what `--json` asks for), and say where it went."""
    Path(path).write_text(
        json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n", "utf-8"
    )
    _err(f"result written to {path}")


def _config(ctx: click.Context) -> dict[str, Any]:
    """The configuration, loaded on first use (so ``--help`` works with a broken file)."""
    from yaqut.config import load_config

    root = ctx.find_root()
    root.ensure_object(dict)
    if "config" not in root.obj:
        root.obj["config"] = load_config(root.obj.get("config_path"))
    return root.obj["config"]


def _err(message: str) -> None:
    click.echo(message, err=True)


def _stdout() -> TextIO:
    return sys.stdout  # click's CliRunner swaps this for its capture


def _report_items(summary: Any) -> None:
    for warning in summary.warnings:
        _err(f"warning: {warning}")
    for err in summary.failed:
        _err(f"error [{err.code}] {err.reason}")


def _date_option(value: _dt.datetime | None) -> _dt.date | None:
    return value.date() if value else None


DATE = click.DateTime(formats=["%Y-%m-%d"])


# -- the command group ------------------------------------------------------------------------


@click.group(
    context_settings=_CONTEXT, epilog="Run `yaqut COMMAND --help` for a command's options."
)
@click.version_option(__version__, "-V", "--version", prog_name="yaqut")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="A TOML file overriding some of the shipped defaults (also: $YAQUT_CONFIG).",
)
@click.pass_context
def main(ctx: click.Context, config_path: str | None) -> None:
    """yaqut: news reports about armed conflict in; geocoded, dated, evidence-backed
    ACLED-style events out.

    \b
    Examples:
      yaqut demo                                  code the bundled article, show its incidents
      yaqut code reports/ --published 2023-05-24  code a folder of .txt/.html/.jsonl/.csv
      yaqut export --format acled-csv --out events.csv
      yaqut errors                                what could not be read or coded, and why
      yaqut geoparse article.txt --format table   every place mention, resolved
      yaqut import acled export.csv               load an ACLED export into the store
      yaqut campaigns --format json               related incidents, with significance
      yaqut serve                                 the dashboard at http://127.0.0.1:8000

    \b
    Exit codes: 0 ok; 1 some input items failed (the rest were coded); 2 bad arguments or
    configuration; 3 event store error; 4 missing resource (model, gazetteer); 5 other.
    """
    ctx.ensure_object(dict)
    ctx.obj["config_path"] = config_path


# -- yaqut code -------------------------------------------------------------------------------


@main.command(context_settings=_CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--published",
    type=DATE,
    metavar="YYYY-MM-DD",
    help="Publication date for items without their own.",
)
@click.option("--db", type=click.Path(dir_okay=False), help="Event store [default: ./yaqut.db].")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "acled-csv", "geojson", "parquet"]),
    help="Also write the newly coded events in this format (to --out, else stdout).",
)
@click.option(
    "--out",
    type=click.Path(allow_dash=True),
    help="File to write the new events to (the format follows its extension if not given); "
    "with --engine dask, the folder for the Parquet shards.",
)
@click.option("--max-bytes", type=click.IntRange(min=1), help="Largest input item, in bytes.")
@click.option(
    "--model",
    type=click.Path(exists=True, file_okay=False),
    help="A sub-event-type model from `yaqut train acled` (default: the rules alone).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Processes coding at once (results are identical to one process); with --engine "
    "dask and no --scheduler, the local cluster's workers [default there: 2].",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: this machine, into --db. dask: shards on a Dask cluster, Parquet to --out DIR.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler (tcp://host:8786) for --engine dask [default: a local cluster].",
)
@click.option(
    "--progress/--no-progress",
    default=True,
    help="Show progress on stderr (a bar on a terminal, a line every few seconds otherwise).",
)
@click.pass_context
@_reports_errors
def code(
    ctx: click.Context,
    inputs: Sequence[str],
    published: _dt.datetime | None,
    db: str | None,
    fmt: str | None,
    out: str | None,
    max_bytes: int | None,
    model: str | None,
    workers: int,
    engine: str,
    scheduler: str | None,
    progress: bool,
) -> None:
    """Code news reports into events and store them.

    INPUT is a .txt file (one article), an .html page (main text, title and date are
    extracted), a .jsonl file (one {"id", "text", "published", ...} object per line), a
    .csv file with a `text` column, a folder (read recursively), or - for stdin.
    Documents already in the store are skipped, so running again is cheap. An item that
    cannot be read or coded is recorded (see `yaqut errors`) and the batch goes on.
    A summary line goes to stderr; the exit code is 1 when any item failed.

    \b
    Examples:
      yaqut code article.txt --published 2023-05-24
      yaqut code reports/ --db syria.db
      yaqut code feed.jsonl --format acled-csv --out events.csv
      cat article.txt | yaqut code - --published 2023-05-24 --format jsonl
      yaqut code reports/ --model my-acled-model
      yaqut code big.jsonl --workers 4          (interrupted? run it again to resume)
      yaqut code shards/ --engine dask --out events/ && yaqut import parquet events/
    """
    if engine == "dask":
        return _code_dask(ctx, inputs, published, out, max_bytes, model, workers, scheduler)
    if scheduler:
        raise UsageError("--scheduler is for --engine dask")
    from yaqut.batch import BatchSummary, Progress, code_batch, count_items
    from yaqut.export import format_for_path, write_events
    from yaqut.ingest import read_inputs
    from yaqut.store import Store

    cfg = _config(ctx)
    db_path = db or cfg["store"]["path"]
    if out and out != "-" and not fmt:
        fmt = format_for_path(out, cfg["export"]["format"])
    if fmt == "parquet" and (not out or out == "-"):
        raise UsageError("parquet is binary: give a file to write it to (--out FILE)")
    if out and out != "-" and Path(out).is_dir():
        raise UsageError(f"--out {out} is a folder; give a file (folders are for --engine dask)")
    coder_config = _coder_config(ctx, model)
    coder = _load_coder(coder_config) if workers == 1 else None
    sources: dict[str, str] = {}

    def noted(items: Iterator[Document | ErrorRecord]) -> Iterator[Document | ErrorRecord]:
        for item in items:
            if isinstance(item, Document) and item.source:
                sources[item.id] = item.source
            yield item

    items = read_inputs(
        inputs,
        published=_date_option(published),
        max_bytes=max_bytes or cfg["ingest"]["max_bytes"],
        fallback_encodings=cfg["ingest"]["fallback_encodings"],
    )
    summary = BatchSummary()
    total = count_items(inputs) if progress else None
    with (
        Store(db_path, busy_timeout=cfg["store"]["busy_timeout"]) as store,
        Progress(total, enabled=progress) as shown,
    ):
        events = code_batch(
            noted(items),
            store,
            workers=workers,
            coder=coder,
            config=coder_config,
            summary=summary,
            batch_size=cfg["store"]["batch_size"],
            progress=shown,
        )
        try:
            if fmt:
                target: Any = _stdout() if not out or out == "-" else Path(out)
                write_events(events, fmt, target, sources=sources)
            else:
                for _ in events:
                    pass
        except KeyboardInterrupt:
            _err(f"interrupted: {summary.documents} documents stored; run again to resume")
            ctx.exit(130)
    _report_items(summary)
    _err(summary.line())
    if summary.errors:
        ctx.exit(EXIT_ITEMS_FAILED)


def _code_dask(
    ctx: click.Context,
    inputs: Sequence[str],
    published: _dt.datetime | None,
    out: str | None,
    max_bytes: int | None,
    model: str | None,
    workers: int,
    scheduler: str | None,
) -> None:
    """``yaqut code --engine dask``: shards to Parquet on a cluster (see yaqut.engine)."""
    from yaqut.engine.dask_engine import run

    cfg = _config(ctx)
    if not out or out == "-" or (Path(out).exists() and not Path(out).is_dir()):
        raise UsageError("--engine dask writes Parquet shards: give a folder (--out DIR)")
    if scheduler is None and workers < 2:
        workers = 2

    def shown(result: Any, done: int, total: int) -> None:
        what = "already done" if result.skipped else (
            f"{result.documents} documents, {result.events} events, {result.errors} errors")
        _err(f"[{done}/{total}] {result.shard}: {what}")

    results = run(
        inputs,
        out,
        scheduler=scheduler,
        workers=workers,
        published=_date_option(published).isoformat() if published else None,
        max_bytes=max_bytes or cfg["ingest"]["max_bytes"],
        fallback_encodings=cfg["ingest"]["fallback_encodings"],
        config=_coder_config(ctx, model),
        on_result=shown,
    )
    docs = sum(r.documents for r in results)
    n_events = sum(r.events for r in results)
    n_errors = sum(r.errors for r in results)
    _err(f"{len(results)} shards ({sum(r.skipped for r in results)} already done): {docs} "
         f"documents, {n_events} events, {n_errors} errors; load them with "
         f"`yaqut import parquet {out}`")
    if n_errors:
        ctx.exit(EXIT_ITEMS_FAILED)


# -- yaqut export -----------------------------------------------------------------------------


@main.command(context_settings=_CONTEXT)
@click.option(
    "--format",
    "fmt",
    required=True,
    type=click.Choice(["jsonl", "acled-csv", "geojson", "parquet"]),
    help="jsonl: every field; acled-csv: ACLED's columns; geojson: points; parquet: columns.",
)
@click.option("--db", type=click.Path(dir_okay=False), help="Event store [default: ./yaqut.db].")
@click.option(
    "--out", type=click.Path(dir_okay=False, allow_dash=True), help="File [default: stdout]."
)
@click.option(
    "--since",
    type=DATE,
    metavar="YYYY-MM-DD",
    help="Only events on or after this day (YYYY-MM-DD).",
)
@click.option(
    "--until",
    type=DATE,
    metavar="YYYY-MM-DD",
    help="Only events on or before this day (YYYY-MM-DD).",
)
@click.pass_context
@_reports_errors
def export(
    ctx: click.Context,
    fmt: str,
    db: str | None,
    out: str | None,
    since: _dt.datetime | None,
    until: _dt.datetime | None,
) -> None:
    """Write the stored events out.

    acled-csv has ACLED's columns in ACLED's order (dates like "01 June 2023"), so
    scripts written for ACLED's exports load it unchanged. jsonl has every field,
    including actions with their modes, counts and the evidence spans. parquet needs --out.

    \b
    Examples:
      yaqut export --format acled-csv --out events.csv
      yaqut export --format geojson --out events.geojson --since 2023-05-01
      yaqut export --format jsonl | jq .notes
      yaqut export --format parquet --out events.parquet --db syria.db
    """
    from yaqut.export import write_events
    from yaqut.store import Store

    cfg = _config(ctx)
    if fmt == "parquet" and (not out or out == "-"):
        raise UsageError("parquet is binary: give a file to write it to (--out FILE)")
    with Store(db or cfg["store"]["path"], create=False) as store:
        events = store.events(since=_date_option(since), until=_date_option(until))
        target: Any = _stdout() if not out or out == "-" else Path(out)
        n = write_events(events, fmt, target, sources=store.document_sources())
    _err(f"{n} event{'' if n == 1 else 's'} written" + (f" to {out}" if out else ""))


# -- yaqut errors -----------------------------------------------------------------------------


@main.command(context_settings=_CONTEXT)
@click.option("--db", type=click.Path(dir_okay=False), help="Event store [default: ./yaqut.db].")
@click.pass_context
@_reports_errors
def errors(ctx: click.Context, db: str | None) -> None:
    """List the input items that could not be read or coded, and why.

    One line per item: when it was first seen, the error code (searchable: E101 empty,
    E102 binary, E103 too large, E104 malformed, E105 unknown extension, E106 unreadable,
    E400 coding failed) and the reason naming the item (path or path:line). An item that
    codes on a later run leaves the list.

    \b
    Examples:
      yaqut errors
      yaqut errors --db syria.db | grep E104
    """
    from yaqut.store import Store

    cfg = _config(ctx)
    with Store(db or cfg["store"]["path"], create=False) as store:
        records = list(store.errors())
    for rec in records:
        click.echo(f"{rec.created or '-'}\t{rec.code}\t{rec.reason}")
    _err(f"{len(records)} error record{'' if len(records) == 1 else 's'}")


# -- yaqut import / dedup / campaigns ---------------------------------------------------------


@main.group(name="import", context_settings=_CONTEXT)
def import_group() -> None:
    """Load event data coded by others into the store.

    \b
    Examples:
      yaqut import acled export.csv --db syria.db
      yaqut import parquet events/ --db syria.db
    """


@import_group.command(name="acled", context_settings=_CONTEXT)
@click.argument("export_csv", metavar="EXPORT.csv", type=click.Path(dir_okay=False))
@click.option("--db", type=click.Path(dir_okay=False), help="Event store [default: ./yaqut.db].")
@click.pass_context
@_reports_errors
def import_acled(ctx: click.Context, export_csv: str, db: str | None) -> None:
    """Load an ACLED export (ACLED's column names) into the store.

    Each row becomes an event keeping ACLED's event_id_cnty as its event_id (importing the
    same file again replaces those events, adds nothing twice). Dates may be written
    "02 June 2023" or 2023-06-02; notes, codes, coordinates and precisions are kept. A
    malformed row is reported with its line number (and kept in `yaqut errors`) and
    skipped; the other rows load. Exit code 1 when any row was skipped.

    \b
    Examples:
      yaqut import acled acled_syria.csv --db syria.db
      yaqut import acled export.csv && yaqut campaigns --format table
    """
    from yaqut.importers import read_acled
    from yaqut.store import Store

    cfg = _config(ctx)
    events: list[Event] = []
    failed: list[ErrorRecord] = []
    for item in read_acled(export_csv):
        (events if isinstance(item, Event) else failed).append(item)  # type: ignore[arg-type]
    with Store(db or cfg["store"]["path"], busy_timeout=cfg["store"]["busy_timeout"]) as store:
        with store.transaction():
            n = store.import_events(events)
            for err in failed:
                store.add_error(err)
    for err in failed:
        _err(f"error [{err.code}] {err.origin}: {err.reason}")
    _err(f"{n} event{'' if n == 1 else 's'} imported, {len(failed)} "
         f"row{'' if len(failed) == 1 else 's'} skipped")
    if failed:
        ctx.exit(EXIT_ITEMS_FAILED)


@import_group.command(name="parquet", context_settings=_CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--db", type=click.Path(dir_okay=False), help="Event store [default: ./yaqut.db].")
@click.pass_context
@_reports_errors
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
    from yaqut.engine.dask_engine import import_parquet as load
    from yaqut.store import Store

    cfg = _config(ctx)
    with Store(db or cfg["store"]["path"], busy_timeout=cfg["store"]["busy_timeout"]) as store:
        summary = load(paths, store, batch_size=cfg["store"]["batch_size"])
    _report_items(summary)
    _err(summary.line())
    if summary.errors:
        ctx.exit(EXIT_ITEMS_FAILED)


@main.command(context_settings=_CONTEXT)
@click.option("--db", type=click.Path(dir_okay=False), help="Event store [default: ./yaqut.db].")
@click.pass_context
@_reports_errors
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
    from yaqut.store import Store

    cfg = _config(ctx)
    with Store(db or cfg["store"]["path"], create=False) as store:
        before = list(store.events())
        result = run_dedup(before)
        if result.merged:
            store.replace_events(result.events)
        stale = result.merged and store.counts()["campaigns"] > 0
    for kept, absorbed in sorted(result.merged.items()):
        click.echo(f"{kept}\t{', '.join(absorbed)}")
    _err(f"{len(before)} events, {result.absorbed} merged into others: "
         f"{len(result.events)} incidents")
    if stale:
        _err("stored campaigns name merged events: run `yaqut campaigns` again")


def campaigns_table(campaigns: Sequence[Any], title: str) -> Any:
    """A rich Table of campaigns: pattern, span, places, p-value and the explanation."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=title, show_header=True, header_style="bold", show_lines=True)
    table.add_column("Campaign", style="bold cyan", no_wrap=True)
    table.add_column("Pattern / when / where", overflow="fold")
    table.add_column("p", justify="right", no_wrap=True)
    table.add_column("Why", overflow="fold")
    for c in campaigns:
        span = c.start.isoformat() if c.start == c.end else f"{c.start} to {c.end}"
        where = ", ".join(c.places[:6]) + (f" (+{len(c.places) - 6})" if len(c.places) > 6 else "")
        govs = ", ".join(c.admin1s)
        cell = f"{c.pattern}\n{span}, {len(c.members)} events\n{where}" + (
            f"\n{govs}" if govs else "")
        table.add_row(escape(c.campaign_id), escape(cell), f"{c.p_value:.3f}",
                      escape(c.explanation))
    return table


@main.command(context_settings=_CONTEXT)
@click.option("--db", type=click.Path(dir_okay=False), help="Event store [default: ./yaqut.db].")
@click.option("--since", type=DATE, metavar="YYYY-MM-DD", help="Only events on or after this day.")
@click.option("--until", type=DATE, metavar="YYYY-MM-DD", help="Only events on or before this day.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "geojson"]),
    default="table",
    show_default=True,
    help="A table, a JSON list of campaigns, or GeoJSON (one MultiPoint feature a campaign).",
)
@click.option("--replications", type=click.IntRange(min=1), default=999, show_default=True,
              help="Monte Carlo replications per pattern.")
@click.option("--seed", type=int, default=20230524, show_default=True,
              help="Random seed of the Monte Carlo replications.")
@click.option("--alpha", type=click.FloatRange(0, 1, min_open=True, max_open=True),
              default=0.05, show_default=True,
              help="False discovery rate (Benjamini-Hochberg across patterns).")
@click.option(
    "--out", type=click.Path(dir_okay=False, allow_dash=True), help="File [default: stdout]."
)
@click.pass_context
@_reports_errors
def campaigns(
    ctx: click.Context,
    db: str | None,
    since: _dt.datetime | None,
    until: _dt.datetime | None,
    fmt: str,
    replications: int,
    seed: int,
    alpha: float,
    out: str | None,
) -> None:
    """Find campaigns: events of one actor family and pattern that cluster in time and space.

    Groups events that share an actor (by family) and a pattern of actions or an ACLED type
    and that cluster in time and space beyond what the store's own history leads one to
    expect: a space-time scan (Kulldorff's Poisson likelihood ratio over grid cells x time
    windows), Monte Carlo p = (r+1)/(R+1) with a fixed seed, Benjamini-Hochberg across
    patterns. Events dated only to the week or month, or placed only at a region, take part
    only at their own scale. The campaigns found are stored (replacing earlier ones) for
    the dashboard and `yaqut demo`.

    \b
    JSON fields: campaign_id, members, start, end, places (name, governorate, coordinates),
    governorates, actors, pattern, p_value, replications, seed, statistic, method,
    explanation, details.

    \b
    Examples:
      yaqut campaigns --db syria.db
      yaqut campaigns --since 2023-05-01 --format json | jq '.[].explanation'
      yaqut campaigns --format geojson --out campaigns.geojson
    """
    from yaqut.campaigns import campaign_record, campaigns_geojson, find_campaigns
    from yaqut.store import Store

    cfg = _config(ctx)
    with Store(db or cfg["store"]["path"], create=False) as store:
        events = list(store.events(until=_date_option(until)))  # earlier ones: history
        found = find_campaigns(events, since=_date_option(since), until=_date_option(until),
                               replications=replications, seed=seed, alpha=alpha)
        store.put_campaigns(found)
    by_id = {e.event_id: e for e in events}
    target: TextIO
    handle = open(out, "w", encoding="utf-8") if out and out != "-" else None  # noqa: SIM115
    try:
        target = handle or _stdout()
        if fmt == "json":
            records = [campaign_record(c, by_id) for c in found]
            target.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
        elif fmt == "geojson":
            target.write(json.dumps(campaigns_geojson(found, by_id), ensure_ascii=False) + "\n")
        else:
            from rich.console import Console

            title = f"{len(found)} campaign{'' if len(found) == 1 else 's'} in {len(events)} events"
            Console(file=target, soft_wrap=False).print(campaigns_table(found, title))
    finally:
        if handle:
            handle.close()
    _err(f"{len(found)} campaign{'' if len(found) == 1 else 's'} among {len(events)} events "
         f"({replications} replications, seed {seed}); stored")


# -- yaqut demo -------------------------------------------------------------------------------


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
    word = _PRECISION_WORDS.get(event.time_precision or 0)
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


@main.command(context_settings=_CONTEXT)
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    help="Keep the coded events in this store [default: a temporary one].",
)
@click.pass_context
@_reports_errors
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
    from yaqut.store import Store

    cfg = _config(ctx)
    doc = demo_document(cfg["demo"]["published"])
    with tempfile.TemporaryDirectory(prefix="yaqut-demo-") as tmp:
        path = Path(db) if db else Path(tmp, "demo.db")
        summary = BatchSummary()
        with Store(path) as store:
            for _ in code_into_store([doc], store, _load_coder(_coder_config(ctx)),
                                       summary=summary):
                pass
            events = list(store.events(doc_id=doc.id))
            found = _demo_campaigns(store, events)
        console = Console(file=_stdout(), soft_wrap=False)
        title = (
            f"{len(events)} incident{'' if len(events) == 1 else 's'} in {DEMO_NAME} "
            f"(published {doc.published})"
        )
        console.print(incidents_table(events, title))
        if found:
            console.print(campaigns_table(found, "Campaign behind these incidents"))
    _report_items(summary)
    if db:
        _err(f"stored in {db}: {summary.line()}")
    if summary.errors:
        ctx.exit(EXIT_ITEMS_FAILED)


# -- yaqut geoparse ---------------------------------------------------------------------------


def place_record(place: Place, doc_id: str | None) -> dict[str, Any]:
    """One place mention as a flat record with :data:`PLACE_FIELDS`."""
    record = {name: getattr(place, name, None) for name in PLACE_FIELDS}
    record["doc_id"] = place.doc_id or doc_id
    return record


def _write_places(records: list[dict[str, Any]], fmt: str, out: TextIO) -> None:
    if fmt == "jsonl":
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
    elif fmt == "geojson":
        features = [
            {
                "type": "Feature",
                "geometry": (
                    {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]}
                    if r["latitude"] is not None and r["longitude"] is not None
                    else None
                ),
                "properties": r,
            }
            for r in records
        ]
        collection = {"type": "FeatureCollection", "features": features}
        out.write(json.dumps(collection, ensure_ascii=False, indent=1) + "\n")
    else:
        from rich.console import Console
        from rich.markup import escape
        from rich.table import Table

        table = Table(show_header=True, header_style="bold")
        for name in ("doc_id", "start", "text", "name", "admin1", "pcode", "level",
                     "geo_precision", "score", "reason"):  # fmt: skip
            table.add_column(name, overflow="fold")
        for r in records:
            score = f"{r['score']:.2f}" if isinstance(r["score"], float) else r["score"]
            table.add_row(
                *(escape(str(v)) if v is not None else "" for v in (
                    r["doc_id"], r["start"], r["text"], r["name"], r["admin1"], r["pcode"],
                    r["level"], r["geo_precision"], score, r["reason"],
                ))
            )  # fmt: skip
        Console(file=out, soft_wrap=False).print(table)


@main.command(context_settings=_CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "geojson", "table"]),
    default="jsonl",
    show_default=True,
    help="One JSON record per place mention, a GeoJSON FeatureCollection, or a table.",
)
@click.option(
    "--out", type=click.Path(dir_okay=False, allow_dash=True), help="File [default: stdout]."
)
@click.option("--max-bytes", type=click.IntRange(min=1), help="Largest input item, in bytes.")
@click.pass_context
@_reports_errors
def geoparse(
    ctx: click.Context, inputs: Sequence[str], fmt: str, out: str | None, max_bytes: int | None
) -> None:
    """Find and resolve every place mention in the inputs.

    INPUT is read as for `yaqut code`. Each mention gives doc_id, start, end, text, name,
    latitude, longitude, pcode, geonameid, country, admin1..3, level, geo_precision
    (1 town, 2 near a town / part of a region, 3 region), score and the reason it was
    resolved so.

    \b
    Examples:
      yaqut geoparse article.txt --format table
      yaqut geoparse reports/ --format geojson --out places.geojson
    """
    from yaqut.ingest import read_inputs

    cfg = _config(ctx)
    parse = _load_geoparser()
    records: list[dict[str, Any]] = []
    failed: list[ErrorRecord] = []
    items = read_inputs(
        inputs,
        max_bytes=max_bytes or cfg["ingest"]["max_bytes"],
        fallback_encodings=cfg["ingest"]["fallback_encodings"],
    )
    for item in items:
        if isinstance(item, ErrorRecord):
            failed.append(item)
            continue
        for warning in item.warnings:
            _err(f"warning: {warning}")
        records.extend(place_record(p, item.id) for p in parse(item.text, doc_id=item.id))
    if out and out != "-":
        with open(out, "w", encoding="utf-8") as handle:
            _write_places(records, fmt, handle)
    else:
        _write_places(records, fmt, _stdout())
    for err in failed:
        _err(f"error [{err.code}] {err.reason}")
    _err(f"{len(records)} place mention{'' if len(records) == 1 else 's'}, {len(failed)} errors")
    if failed:
        ctx.exit(EXIT_ITEMS_FAILED)


# -- yaqut eval -------------------------------------------------------------------------------


@main.group(name="eval", context_settings=_CONTEXT)
def eval_group() -> None:
    """Measure yaqut against gold data (nothing is fetched: give the files' paths).

    \b
    Examples:
      yaqut eval geo --acled ../shared/data/dev/acled_syria_battles_dev.csv --limit 200
      yaqut eval geo --gwn ../shared/data/dev/GWN.xml --json geo.json
    """


@eval_group.command(name="geo", context_settings=_CONTEXT)
@click.option("--acled", type=click.Path(exists=True, dir_okay=False), help="ACLED CSV.")
@click.option("--gwn", type=click.Path(exists=True, dir_okay=False), help="GeoWebNews XML.")
@click.option("--limit", type=click.IntRange(min=1), help="Use only the first N items of each.")
@click.option(
    "--json", "json_out", type=click.Path(dir_okay=False), help="Also write the result as JSON."
)
@click.option(
    "--pipeline", is_flag=True,
    help="Also score ACLED with the full coder's event place (slower: parses every note).",
)
@_reports_errors
def eval_geo(
    acled: str | None, gwn: str | None, limit: int | None, json_out: str | None, pipeline: bool
) -> None:
    """Score the geoparser: locations of ACLED events, toponyms of GeoWebNews, speed.

    Prints a table of the scores; --json writes the full result.

    \b
    Examples:
      yaqut eval geo --acled ../shared/data/dev/acled_syria_battles_dev.csv
      yaqut eval geo --gwn ../shared/data/dev/GWN.xml --limit 50 --json gwn.json
      yaqut eval geo --acled ../shared/data/dev/acled_syria_battles_dev.csv --pipeline
    """
    run, format_table = _load_geo_eval()
    extra = {"pipeline": True} if pipeline else {}
    result = run(acled=Path(acled) if acled else None, gwn=Path(gwn) if gwn else None,
                 limit=limit, **extra)
    click.echo(format_table(result))
    if json_out:
        _write_result(result, json_out)


def _load_acled_eval() -> tuple[Callable[..., dict[str, Any]], Callable[[dict[str, Any]], str]]:
    from yaqut.eval.acled import format_table, run

    return run, format_table


@eval_group.command(name="acled", context_settings=_CONTEXT)
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=click.IntRange(min=1), help="Use only the first N rows.")
@click.option(
    "--json", "json_out", type=click.Path(dir_okay=False), help="Also write the result as JSON."
)
@_reports_errors
def eval_acled(file: str, limit: int | None, json_out: str | None) -> None:
    """Score event coding on an ACLED CSV: each row's notes against its codes.

    Each note is coded as a report published three days after its event_date (the date
    must come from the text). The main coded event (the first with an action that
    occurred) is compared with the row: event_type, sub_event_type, actor pair exact and
    by family (either order), fatalities, event_date, location. A row with no event counts
    as wrong. Prints a table; --json writes the result with every row's codes.

    \b
    Examples:
      yaqut eval acled ../shared/data/dev/acled_syria_battles_dev.csv --limit 200
      yaqut eval acled export.csv --json acled.json
    """
    run, format_table = _load_acled_eval()
    result = run(Path(file), limit=limit)
    click.echo(format_table(result))
    for bad in result["bad_rows"] + result["failures"]:
        _err(f"{file}:{bad['line']} ({bad['id']}): {bad['reason']}")
    if json_out:
        _write_result(result, json_out)


def _load_case_eval() -> tuple[Callable[..., dict[str, Any]], Callable[[dict[str, Any]], str]]:
    from yaqut.eval.case import format_table, run

    return run, format_table


@eval_group.command(name="case", context_settings=_CONTEXT)
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--limit", type=click.IntRange(min=1), help="Use only the first N snippets.")
@click.option(
    "--model",
    type=click.Path(exists=True, file_okay=False),
    help="Code with a model from `yaqut train acled` (default: the rules alone).",
)
@click.option(
    "--json", "json_out", type=click.Path(dir_okay=False), help="Also write the result as JSON."
)
@_reports_errors
def eval_case(file: str, limit: int | None, model: str | None, json_out: str | None) -> None:
    """Score event types on CASE 2021 task 2 snippets (a TSV: id, EventSnippet, SubType).

    Each snippet is coded and its first event's sub_event_type compared with the label;
    snippets labelled with one of the five classes ACLED does not code (natural and
    man-made disasters, organised crime, diplomacy, attribution) must yield no event.
    Prints weighted F1 over the 25 ACLED sub-types, the share of non-ACLED snippets coded
    as events, and per-type figures; --json writes them with every snippet's answer.

    \b
    Examples:
      yaqut eval case ../shared/data/dev/case2021_task2_dev.tsv
      yaqut eval case ../shared/data/dev/case2021_task2_dev.tsv --limit 100 --json case.json
    """
    run, format_table = _load_case_eval()
    result = run(Path(file), limit=limit, model=model)
    click.echo(format_table(result))
    if json_out:
        _write_result(result, json_out)


# -- yaqut train ------------------------------------------------------------------------------


@main.group(name="train", context_settings=_CONTEXT)
def train_group() -> None:
    """Learn from your own coded data (nothing is fetched: give the files' paths).

    \b
    Examples:
      yaqut train acled my_acled_export.csv --out my-model
      yaqut code reports/ --model my-model
    """


@train_group.command(name="acled", context_settings=_CONTEXT)
@click.argument("export", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", required=True, type=click.Path(file_okay=False),
              help="Folder to write the model to (model.json + arrays.npz).")
@click.option("--holdout", type=click.FloatRange(0.0, 0.9), default=0.0, show_default=True,
              help="Share of rows held back to compare rules alone with rules + model.")
@click.option("--seed", type=int, default=13, show_default=True,
              help="Seed of the held-back rows' draw.")
@click.option("--limit", type=click.IntRange(min=1), help="Use only the first N usable rows.")
@click.option(
    "--json", "json_out", type=click.Path(dir_okay=False), help="Also write the report as JSON."
)
@_reports_errors
def train_acled_cmd(export: str, out: str, holdout: float, seed: int, limit: int | None,
                    json_out: str | None) -> None:
    """Train the sub-event-type classifier on an ACLED export's notes and codes.

    Needs the columns notes, event_type and sub_event_type (disorder_type and event_date
    are used when present). The rules code every note first; a logistic regression then
    learns from the notes' words and the rules' answers (see `yaqut code --model`). Rows
    without notes or a sub_event_type are reported and skipped. The model is plain JSON
    and arrays: loading it runs no code.

    \b
    Examples:
      yaqut train acled export.csv --out my-model
      yaqut train acled export.csv --out my-model --holdout 0.5 --json report.json
    """
    from yaqut.coder import rule_sub_event_coder
    from yaqut.model import format_report, train_acled

    model, report = train_acled(Path(export), holdout=holdout, seed=seed, limit=limit,
                                rule_code=rule_sub_event_coder())
    for problem in report["problems"]:
        _err(f"skipped: {problem}")
    model.save(out)
    click.echo(format_report(report))
    _err(f"model written to {out}")
    if json_out:
        Path(json_out).write_text(
            json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n", "utf-8"
        )
        _err(f"report written to {json_out}")


# -- yaqut serve ------------------------------------------------------------------------------

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


@main.command(context_settings=_CONTEXT)
@click.option("--db", type=click.Path(dir_okay=False), help="Event store [default: ./yaqut.db].")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Required to listen on an address other than this machine's loopback.",
)
@click.pass_context
@_reports_errors
def serve(ctx: click.Context, db: str | None, host: str, port: int, allow_remote: bool) -> None:
    """Open the local web dashboard over the event store (read-only).

    A map of Syria (OCHA governorate and sub-district boundaries, shipped with yaqut; no
    tiles, no CDN), a timeline stacked by event type with brushing, filters, an event page
    with the evidence highlighted in each source document, the campaign view, and
    downloads of the filtered events as ACLED CSV or GeoJSON. It listens on 127.0.0.1
    only unless --allow-remote is given with another --host. Stop it with Ctrl-C.

    \b
    Examples:
      yaqut serve --db syria.db               then open http://127.0.0.1:8000/
      yaqut serve --port 8080
      yaqut serve --host 0.0.0.0 --allow-remote   (anyone who can reach you can read it)
    """
    import uvicorn

    from yaqut.dashboard import create_app

    cfg = _config(ctx)
    local = host in LOOPBACK_HOSTS
    if not local and not allow_remote:
        raise UsageError(
            f"--host {host} would let other machines read the store; add --allow-remote"
            " to do that on purpose"
        )
    allowed = None if local else ["*"]
    if not local:
        _err(
            f"warning: listening on {host}: anyone who can reach this address can read every"
            " event and article in the store (there is no login)"
        )
    app = create_app(db or cfg["store"]["path"], allowed_hosts=allowed)
    shown = f"[{host}]" if ":" in host else host
    _err(f"yaqut dashboard on http://{shown}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
