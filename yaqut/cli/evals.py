"""``yaqut eval geo|acled|case|news``: yaqut measured against gold data."""

from __future__ import annotations

from pathlib import Path

import click

from yaqut.cli import options
from yaqut.cli.common import CONTEXT, err, reports_errors, seam, write_result


@click.group(name="eval", context_settings=CONTEXT)
def eval_group() -> None:
    """Measure yaqut against gold data (nothing is fetched: give the files' paths).

    \b
    Examples:
      yaqut eval geo --acled ../shared/data/dev/acled_syria_battles_dev.csv --limit 200
      yaqut eval geo --gwn ../shared/data/dev/GWN.xml --json geo.json
    """


@eval_group.command(name="geo", context_settings=CONTEXT)
@click.option("--acled", type=click.Path(exists=True, dir_okay=False), help="ACLED CSV.")
@click.option("--gwn", type=click.Path(exists=True, dir_okay=False), help="GeoWebNews XML.")
@options.limit("items of each")
@options.json_out()
@click.option(
    "--pipeline", is_flag=True,
    help="Also score ACLED with the full coder's event place (slower: parses every note).",
)
@reports_errors
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
    run, format_table = seam("_load_geo_eval")
    extra = {"pipeline": True} if pipeline else {}
    result = run(acled=Path(acled) if acled else None, gwn=Path(gwn) if gwn else None,
                 limit=limit, **extra)
    click.echo(format_table(result))
    if json_out:
        write_result(result, json_out)


#: ``--half tune|test|all``: one half of a dev file's rows (yaqut.eval.split).
_HALF = click.option(
    "--half", type=click.Choice(["tune", "test", "all"]), default="all", show_default=True,
    help="Only the tune or the test half of the rows (yaqut.eval.split): tune rules on one, "
         "report the other.")


@eval_group.command(name="acled", context_settings=CONTEXT)
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@options.limit("rows")
@_HALF
@options.json_out()
@reports_errors
def eval_acled(file: str, limit: int | None, half: str, json_out: str | None) -> None:
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
      yaqut eval acled ../shared/data/dev/acled_syria_battles_dev.csv --half test
    """
    run, format_table = seam("_load_acled_eval")
    result = run(Path(file), limit=limit, half=half)
    click.echo(format_table(result))
    for bad in result["bad_rows"] + result["failures"]:
        err(f"{file}:{bad['line']} ({bad['id']}): {bad['reason']}")
    if json_out:
        write_result(result, json_out)


@eval_group.command(name="case", context_settings=CONTEXT)
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@options.limit("snippets")
@options.model("Code with a model from `yaqut train acled` (default: the model shipped in "
               "the package).")
@_HALF
@options.json_out()
@reports_errors
def eval_case(file: str, limit: int | None, model: str | None, half: str,
              json_out: str | None) -> None:
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
      yaqut eval case ../shared/data/dev/case2021_task2_dev.tsv --half test
    """
    run, format_table = seam("_load_case_eval")
    result = run(Path(file), limit=limit, model=model, half=half)
    click.echo(format_table(result))
    if json_out:
        write_result(result, json_out)


@eval_group.command(name="news", context_settings=CONTEXT)
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--corpus", type=click.Path(exists=True, dir_okay=False), required=True,
              help="The articles (JSONL: id, text, published) the gold annotates.")
@click.option("--half", type=click.Choice(["tune", "test", "all"]), default="all",
              show_default=True, help="Score one fixed half of the gold's articles.")
@options.json_out()
@reports_errors
def eval_news(gold: str, corpus: str, half: str, json_out: str | None) -> None:
    """Score whole news articles against hand-coded incidents (the news gold guide).

    Every gold article is coded from CORPUS; a coded event matches an incident in the same
    country, within 25 km (the same governorate when either is coarser than a town) and 3
    days (7 for a week, 31 for a month); each incident takes its best match (same type,
    then nearest); a second event on an incident is false; background incidents
    (required: false) neither reward nor punish. Prints precision, recall, F1, events per
    article with no incident, and on matched incidents the type, sub-type, actor pair by
    family, fatalities, place within 5 km and exact date.

    \b
    Examples:
      yaqut eval news ../shared/data/dev/news_gold_dev.jsonl \\
          --corpus ../shared/data/corpus/guardian_syria_2017_2019.jsonl --half test
    """
    run, format_table = seam("_load_news_eval")
    result = run(Path(gold), Path(corpus), half=half)
    click.echo(format_table(result))
    if json_out:
        write_result(result, json_out)
