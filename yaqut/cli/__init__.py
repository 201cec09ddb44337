"""The ``yaqut`` command: parse arguments, call the library, report.

This package is the only place that prints or exits. One module per command group, each
thin over a library function:

    code.py       yaqut code            ingest, code, store (here or on a Dask cluster)
    export.py     yaqut export|errors|dedup   read and tidy the store
    imports.py    yaqut import acled|parquet
    campaigns.py  yaqut campaigns
    demo.py       yaqut demo
    geoparse.py   yaqut geoparse
    evals.py      yaqut eval geo|acled|case|news
    explain.py    yaqut explain         every candidate incident, kept or not, and why
    train.py      yaqut train acled
    serve.py      yaqut serve

Shared options (``--db``, ``--out``, ``--since`` ...) are defined once in ``options.py``;
exit codes, the error edge and the configuration in ``common.py`` (exit codes are listed
there and in ``yaqut --help``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from yaqut import __version__
from yaqut.records import Document, Event, Place

if TYPE_CHECKING:  # pragma: no cover
    from yaqut.coder import CoderConfig

from . import campaigns, code, demo, evals, explain, export, geoparse, imports, serve, train
from .campaigns import campaigns_table
from .common import (
    CONTEXT,
    EXIT_ITEMS_FAILED,
    EXIT_OTHER,
    EXIT_RESOURCE,
    EXIT_STORE,
    EXIT_USAGE,
    Failure,
)
from .demo import DEMO_ID, DEMO_NAME, demo_document
from .geoparse import PLACE_FIELDS, place_record
from .output import incidents_table
from .serve import LOOPBACK_HOSTS

__all__ = [
    "DEMO_ID",
    "DEMO_NAME",
    "EXIT_ITEMS_FAILED",
    "EXIT_OTHER",
    "EXIT_RESOURCE",
    "EXIT_STORE",
    "EXIT_USAGE",
    "LOOPBACK_HOSTS",
    "PLACE_FIELDS",
    "Failure",
    "campaigns_table",
    "demo_document",
    "incidents_table",
    "main",
    "place_record",
]


# -- seams: the heavy stages, imported on first use (tests replace these; see common.seam) --


def _load_coder(config: CoderConfig) -> Callable[[Document], list[Event]]:
    from yaqut.coder import build_coder  # yaqut's coder, or the one coder.plugin names

    return build_coder(config)


def _load_geoparser() -> Callable[..., list[Place]]:
    from yaqut.geo import geoparse as run_geoparse

    return run_geoparse


def _load_geo_eval() -> tuple[Callable[..., dict[str, Any]], Callable[[dict[str, Any]], str]]:
    from yaqut.eval.geo import format_table, run

    return run, format_table


def _load_acled_eval() -> tuple[Callable[..., dict[str, Any]], Callable[[dict[str, Any]], str]]:
    from yaqut.eval.acled import format_table, run

    return run, format_table


def _load_case_eval() -> tuple[Callable[..., dict[str, Any]], Callable[[dict[str, Any]], str]]:
    from yaqut.eval.case import format_table, run

    return run, format_table


def _load_news_eval() -> tuple[Callable[..., dict[str, Any]], Callable[[dict[str, Any]], str]]:
    from yaqut.eval.news import format_table, run

    return run, format_table


def _load_explainer() -> Callable[[Document], list[Any]]:
    from yaqut.coder import default_coder

    return default_coder().explain


# -- the command group ------------------------------------------------------------------------


@click.group(
    context_settings=CONTEXT, epilog="Run `yaqut COMMAND --help` for a command's options."
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
    """yaqut: news reports about armed conflict in, geocoded, dated, evidence-backed
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


for _command in (code.code, export.export, export.errors, imports.import_group, export.dedup,
                 campaigns.campaigns, demo.demo, geoparse.geoparse, evals.eval_group,
                 train.train_group, serve.serve, explain.explain):  # fmt: skip
    main.add_command(_command)
