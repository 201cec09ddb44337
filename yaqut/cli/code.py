"""``yaqut code``: news reports in, events into the store (here or on a Dask cluster)."""

from __future__ import annotations

import datetime as _dt
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from yaqut.cli import common, options
from yaqut.cli.common import (
    CONTEXT,
    DATE,
    EXIT_ITEMS_FAILED,
    coder_config,
    config,
    date_option,
    db_path,
    err,
    output_target,
    plural,
    report_items,
    reports_errors,
    seam,
)
from yaqut.cli.output import EVENT_FORMATS, TERMINAL_LIMIT, emit_events
from yaqut.errors import UsageError
from yaqut.records import Document, ErrorRecord


@click.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--published",
    type=DATE,
    metavar="YYYY-MM-DD",
    help="Publication date for items without their own.",
)
@options.db
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EVENT_FORMATS),
    help="Also write the newly coded events in this format (to --out, else stdout) "
    f"[default on a terminal: a table of the first {TERMINAL_LIMIT}].",
)
@click.option(
    "--out",
    type=click.Path(allow_dash=True),
    help="File to write the new events to (the format follows its extension if not given); "
    "with --engine dask, the folder for the Parquet shards.",
)
@options.max_bytes
@options.model("A sub-event-type model from `yaqut train acled` (default: the rules alone).")
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
    "--recode",
    is_flag=True,
    help="Code again the documents already in the store (say, with a new --published or a "
    "new yaqut): their old events are replaced.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Also list on stderr every candidate incident of each document coded, with its "
    "decision and reason (as `yaqut explain`); one process only.",
)
@click.option(
    "--progress/--no-progress",
    default=True,
    help="Show progress on stderr (a bar on a terminal, a line every few seconds otherwise).",
)
@click.pass_context
@reports_errors
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
    recode: bool,
    explain: bool,
    progress: bool,
) -> None:
    """Code news reports into events and store them.

    INPUT is a .txt file (one article), an .html page (main text, title and date are
    extracted), a .jsonl file (one {"id", "text", "published", ...} object per line), a
    .csv file with a `text` column, a folder (read recursively), or - for stdin.
    An item's publication date is its own (a published/date field, the page's metadata),
    else --published, else an ISO date in its file name; without one, relative dates
    ("on Tuesday") stay unresolved and the item is reported (W201). Documents already in
    the store are skipped, so running again is cheap (--recode codes them again). An item
    that cannot be read or coded is recorded (see `yaqut errors`) and the batch goes on.
    A summary line goes to stderr: events coded, merged into events already stored, and
    stored; the exit code is 1 when any item failed.

    \b
    Examples:
      yaqut code article.txt --published 2023-05-24   (on a terminal: a table of events)
      yaqut code reports/ --db syria.db
      yaqut code article.txt --published 2023-05-20 --recode    (a corrected date)
      yaqut code article.txt --published 2023-05-20 --explain   (why each was coded or not)
      yaqut code feed.jsonl --format acled-csv --out events.csv
      cat article.txt | yaqut code - --published 2023-05-24 --format jsonl
      yaqut code reports/ --model my-acled-model
      yaqut code big.jsonl --workers 4          (interrupted? run it again to resume)
      yaqut code shards/ --engine dask --out events/ && yaqut import parquet events/
    """
    if explain and (engine == "dask" or workers > 1):
        raise UsageError("--explain codes in this process: drop --engine dask and --workers")
    if engine == "dask":
        return _code_dask(ctx, inputs, published, out, max_bytes, model, workers, scheduler)
    if scheduler:
        raise UsageError("--scheduler is for --engine dask")
    fmt, limit = _output_format(ctx, fmt, out)
    _code_local(ctx, inputs, published, db, fmt, out, limit, max_bytes, model, workers, recode,
                progress, explain)  # fmt: skip


def _output_format(
    ctx: click.Context, fmt: str | None, out: str | None
) -> tuple[str | None, int | None]:
    """What `yaqut code` writes its events as, and how many a table shows (None: all)."""
    from yaqut.export import format_for_path

    limit = None
    if out and out != "-" and not fmt:
        fmt = format_for_path(out, config(ctx)["export"]["format"])
    elif not fmt and not out and common.on_terminal():
        fmt, limit = "table", TERMINAL_LIMIT
    if fmt == "parquet" and (not out or out == "-"):
        raise UsageError("parquet is binary: give a file to write it to (--out FILE)")
    if out and out != "-" and Path(out).is_dir():
        raise UsageError(f"--out {out} is a folder; give a file (folders are for --engine dask)")
    return fmt, limit


def _code_local(
    ctx: click.Context,
    inputs: Sequence[str],
    published: _dt.datetime | None,
    db: str | None,
    fmt: str | None,
    out: str | None,
    limit: int | None,
    max_bytes: int | None,
    model: str | None,
    workers: int,
    recode: bool,
    progress: bool,
    explain: bool = False,
) -> None:
    """``yaqut code`` on this machine, into the store."""
    from yaqut.batch import BatchSummary, Progress, code_batch, count_items
    from yaqut.docmeta import annotate, document_name
    from yaqut.ingest import read_inputs
    from yaqut.store import Store

    cfg = config(ctx)
    settings = coder_config(ctx, model)
    coder = seam("_load_coder", settings) if workers == 1 else None
    if explain:
        coder = explaining(coder, settings.time_budget)
    sources: dict[str, str] = {}
    names: dict[str, str] = {}

    def noted(items: Iterator[Document | ErrorRecord]) -> Iterator[Document | ErrorRecord]:
        for item in items:
            if isinstance(item, Document):
                names[item.id] = document_name(item)
                if item.source:
                    sources[item.id] = item.source
            yield item

    items = annotate(read_inputs(
        inputs,
        published=date_option(published),
        max_bytes=max_bytes or cfg["ingest"]["max_bytes"],
        fallback_encodings=cfg["ingest"]["fallback_encodings"],
    ))
    summary = BatchSummary()
    tally = Tally()
    total = count_items(inputs) if progress else None
    with (
        Store(db_path(ctx, db), busy_timeout=cfg["store"]["busy_timeout"]) as store,
        Progress(total, enabled=progress) as shown,
    ):
        tally.before = store.counts()["events"]
        tally.background_before = store.background_count()
        events = code_batch(
            tally.recoding(noted(items), store, recode),
            store,
            workers=workers,
            coder=coder,
            config=settings,
            summary=summary,
            batch_size=cfg["store"]["batch_size"],
            progress=shown,
        )
        try:
            if fmt:
                emit_events(events, fmt, output_target(out), sources=sources, names=names,
                            title="Events coded", limit=limit)
            else:
                for _ in events:
                    pass
        except KeyboardInterrupt:
            err(f"interrupted: {summary.documents} documents stored; run again to resume")
            ctx.exit(130)
        tally.after = store.counts()["events"]
        tally.background_after = store.background_count()
    report_items(summary)
    err(tally.line(summary))
    if summary.errors:
        ctx.exit(EXIT_ITEMS_FAILED)


def explaining(coder: Any, time_budget: float = 0) -> Any:
    """``coder`` (a :class:`yaqut.coder.Coder`, perhaps held to a time budget) coding
    through :meth:`~yaqut.coder.Coder.explain`: the same events, each document's decisions
    written to stderr as ``yaqut explain`` prints them."""
    from yaqut.cli.explain import explained
    from yaqut.coder import within_budget
    from yaqut.extract.incidents import events_of

    explain = getattr(coder, "explain", None) or getattr(
        getattr(coder, "__wrapped__", None), "explain", None)
    if explain is None:
        raise UsageError("--explain needs yaqut's own coder; the configured one (a plugin) "
                         "cannot explain its decisions")

    def code(doc: Document) -> list:
        decisions = explain(doc)
        err(explained(doc, decisions))
        return events_of(decisions)

    return within_budget(code, time_budget) if time_budget > 0 else code


@dataclass
class Tally:
    """What `yaqut code` says it did, beyond the batch summary: events merged into stored
    ones and stored, documents re-coded or stale (another date or yaqut version)."""

    before: int = 0  # events in the store before the batch
    after: int = 0  # ... and after it
    deleted: int = 0  # events removed by --recode before their documents were coded again
    recoded: int = 0
    stale: int = 0
    background_before: int = 0  # background events in the store before the batch
    background_after: int = 0

    def recoding(
        self, items: Iterable[Document | ErrorRecord], store: Any, recode: bool
    ) -> Iterator[Document | ErrorRecord]:
        """The items; a stored document is forgotten first with ``recode`` (so it is coded
        again), else counted as stale when its date or yaqut version has changed."""
        from yaqut import __version__

        for item in items:
            coded = store.coded_with(item.content_hash) if isinstance(item, Document) else None
            if coded is not None and isinstance(item, Document):
                published = item.published.isoformat() if item.published else None
                if recode:
                    self.deleted += store.forget_document(item.content_hash)
                    self.recoded += 1
                elif coded != (published, __version__):
                    self.stale += 1
            yield item

    def line(self, summary: Any) -> str:
        """``N documents, K errors: E events coded, M merged into existing events, S stored``
        and the warnings counted by code."""
        stored = self.after - self.before + self.deleted
        text = (
            f"{plural(summary.documents, 'document')}, {plural(summary.errors, 'error')}: "
            f"{summary.events:,} event{'' if summary.events == 1 else 's'} coded, "
            f"{summary.events - stored:,} merged into existing events, {stored:,} stored"
        )
        background = self.background_after - self.background_before
        if background > 0:
            text += (f" ({background:,} of them background: exports and campaigns leave them out"
                     " unless --with-background)")
        if self.recoded:
            text += f" ({self.recoded} coded again)"
        if summary.skipped:
            text += f" ({summary.skipped} already in the store"
            if self.stale:
                text += (f", {self.stale} of them with another publication date or yaqut "
                         "version: --recode codes them again")
            text += ")"
        return text + "".join(f"; {n}" for n in warning_counts(summary.warnings))


def warning_counts(warnings: Sequence[str]) -> list[str]:
    """The documents' W-coded warnings counted: ``3 documents had no publication date``."""
    from yaqut.docmeta import W_LANGUAGE, W_NO_DATE, warning_code

    codes = Counter(warning_code(w) for w in warnings)
    out = []
    if codes[W_NO_DATE]:
        out.append(f"{plural(codes[W_NO_DATE], 'document')} had no publication date "
                   f"({W_NO_DATE}: relative dates left unresolved)")
    if codes[W_LANGUAGE]:
        languages = Counter(
            w.split("written in ", 1)[1].split(" ", 1)[0].strip("'")
            for w in warnings if warning_code(w) == W_LANGUAGE
        )
        named = ", ".join(f"{lang} {n}" for lang, n in languages.most_common())
        out.append(f"{plural(codes[W_LANGUAGE], 'document')} in a language yaqut cannot code "
                   f"yet ({W_LANGUAGE}: {named})")
    return out


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

    cfg = config(ctx)
    if not out or out == "-" or (Path(out).exists() and not Path(out).is_dir()):
        raise UsageError("--engine dask writes Parquet shards: give a folder (--out DIR)")
    if scheduler is None and workers < 2:
        workers = 2

    def shown(result: Any, done: int, total: int) -> None:
        what = "already done" if result.skipped else (
            f"{result.documents} documents, {result.events} events, {result.errors} errors")
        err(f"[{done}/{total}] {result.shard}: {what}")

    results = run(
        inputs,
        out,
        scheduler=scheduler,
        workers=workers,
        published=published.date().isoformat() if published else None,
        max_bytes=max_bytes or cfg["ingest"]["max_bytes"],
        fallback_encodings=cfg["ingest"]["fallback_encodings"],
        config=coder_config(ctx, model),
        on_result=shown,
    )
    docs = sum(r.documents for r in results)
    n_events = sum(r.events for r in results)
    n_errors = sum(r.errors for r in results)
    err(f"{len(results)} shards ({sum(r.skipped for r in results)} already done): {docs} "
         f"documents, {n_events} events, {n_errors} errors; load them with "
         f"`yaqut import parquet {out}`")
    if n_errors:
        ctx.exit(EXIT_ITEMS_FAILED)

