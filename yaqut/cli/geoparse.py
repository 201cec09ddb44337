"""``yaqut geoparse``: every place mention in the inputs, resolved."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, TextIO

import click

from yaqut.cli import options
from yaqut.cli.common import (
    CONTEXT,
    EXIT_ITEMS_FAILED,
    config,
    err,
    plural,
    reports_errors,
    seam,
    stdout,
)
from yaqut.records import ErrorRecord, Place

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
        from yaqut.export import point_feature, write_feature_collection

        write_feature_collection(
            (point_feature(r["latitude"], r["longitude"], r) for r in records), out
        )
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


@click.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "geojson", "table"]),
    default="jsonl",
    show_default=True,
    help="One JSON record per place mention, a GeoJSON FeatureCollection, or a table.",
)
@options.out
@options.max_bytes
@click.pass_context
@reports_errors
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

    cfg = config(ctx)
    parse = seam("_load_geoparser")
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
            err(f"warning: {warning}")
        records.extend(place_record(p, item.id) for p in parse(item.text, doc_id=item.id))
    if out and out != "-":
        with open(out, "w", encoding="utf-8") as handle:
            _write_places(records, fmt, handle)
    else:
        _write_places(records, fmt, stdout())
    for failure in failed:
        err(f"error [{failure.code}] {failure.reason}")
    err(f"{plural(len(records), 'place mention')}, {len(failed)} errors")
    if failed:
        ctx.exit(EXIT_ITEMS_FAILED)
