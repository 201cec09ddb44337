"""``yaqut explain``: every candidate incident of a report, with the decision and its reason."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import Any

import click

from yaqut.cli.common import CONTEXT, DATE, date_option, err, reports_errors, seam, stdout
from yaqut.records import Document, ErrorRecord


def decision_line(d: Any) -> str:
    """One decision as a line: ``#2 kept   incident | 2019-03-08 Ariha Battles/Armed clash``."""
    e = d.event
    what = ""
    if e is not None:
        what = (f" | {e.event_date or '?'} {e.location or '(no place)'} "
                f"{e.event_type}/{e.sub_event_type} {e.actor1 or '-'} v {e.actor2 or '-'}"
                f" {e.fatalities} killed")
    state = "kept" if d.kept else "left"
    told = " ".join(d.text.split())
    told = told if len(told) <= 110 else told[:107] + "..."
    return f"  #{d.n} {state:<4} {d.reason}{what}\n       \"{told}\""


def explained(doc: Document, decisions: Sequence[Any]) -> str:
    """A document's decisions as ``yaqut explain`` prints them: a heading, one line each."""
    kept = sum(1 for d in decisions if d.kept)
    lines = [f"{doc.id} ({doc.published or 'no publication date'}): "
             f"{len(decisions)} candidates, {kept} kept"]
    return "\n".join([*lines, *(decision_line(d) for d in decisions)])


@click.command(context_settings=CONTEXT)
@click.argument("inputs", nargs=-1, required=True)
@click.option("--published", type=DATE, metavar="YYYY-MM-DD",
              help="Publication date for items without their own.")
@reports_errors
def explain(inputs: Sequence[str], published: _dt.datetime | None) -> None:
    """List every candidate incident of each report with its decision and reason.

    INPUT is read as by `yaqut code` (a .txt, .html, .jsonl, .csv file, a folder, or - for
    stdin); nothing is stored. Each candidate is kept as an incident (or as background:
    more than 30 days before publication) or left out, with the reason: out of scope, not
    realis, generic, summary, no place, no date, duplicate of #N, ...

    \b
    Examples:
      yaqut explain article.txt --published 2019-03-10
      yaqut explain feed.jsonl
    """
    from yaqut.ingest import read_inputs

    explain_document = seam("_load_explainer")
    out = stdout()
    for item in read_inputs(inputs, published=date_option(published)):
        if isinstance(item, ErrorRecord):
            err(f"error [{item.code}] {item.reason}")
            continue
        assert isinstance(item, Document)
        out.write(explained(item, explain_document(item)) + "\n")
