"""``yaqut train acled``: learn the sub-event-type classifier from an ACLED export."""

from __future__ import annotations

from pathlib import Path

import click

from yaqut.cli import options
from yaqut.cli.common import CONTEXT, err, reports_errors, write_result


@click.group(name="train", context_settings=CONTEXT)
def train_group() -> None:
    """Learn from your own coded data (nothing is fetched: give the files' paths).

    \b
    Examples:
      yaqut train acled my_acled_export.csv --out my-model
      yaqut code reports/ --model my-model
    """


@train_group.command(name="acled", context_settings=CONTEXT)
@click.argument("export", type=click.Path(exists=True, dir_okay=False))
@click.option("--out", required=True, type=click.Path(file_okay=False),
              help="Folder to write the model to (model.json + arrays.npz).")
@click.option("--holdout", type=click.FloatRange(0.0, 0.9), default=0.0, show_default=True,
              help="Share of rows held back to compare rules alone with rules + model.")
@click.option("--seed", type=int, default=13, show_default=True,
              help="Seed of the held-back rows' draw.")
@options.limit("usable rows")
@options.json_out("report")
@reports_errors
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
    from yaqut.coder import default_coder
    from yaqut.model import format_report, rule_reader, train_acled

    model, report = train_acled(Path(export), holdout=holdout, seed=seed, limit=limit,
                                rule_code=rule_reader(default_coder()))
    for problem in report["problems"]:
        err(f"skipped: {problem}")
    model.save(out)
    click.echo(format_report(report))
    err(f"model written to {out}")
    if json_out:
        write_result(report, json_out, "report")
