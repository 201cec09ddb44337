"""``yaqut campaigns``: related incidents found by a space-time scan, with significance."""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Sequence
from typing import Any, TextIO

import click

from yaqut.cli import options
from yaqut.cli.common import CONTEXT, date_option, err, open_store, plural, reports_errors, stdout


def campaigns_table(campaigns: Sequence[Any], title: str) -> Any:
    """A rich Table of campaigns, best first: pattern, dates, places, members, p-value, how
    unusual (observed against expected) and the explanation."""
    from rich.markup import escape
    from rich.table import Table

    from yaqut.campaigns import format_p

    table = Table(title=title, show_header=True, header_style="bold", show_lines=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("Pattern / when / where", overflow="fold")
    table.add_column("p", justify="right", no_wrap=True)
    table.add_column("Unusual", justify="right", no_wrap=True)
    table.add_column("Why", overflow="fold")
    for c in campaigns:
        span = c.start.isoformat() if c.start == c.end else f"{c.start} to {c.end}"
        where = ", ".join(c.places[:6]) + (f" (+{len(c.places) - 6})" if len(c.places) > 6 else "")
        govs = ", ".join(c.admin1s)
        cell = f"{c.pattern}\n{span}, {len(c.members)} events\n{where}" + (
            f"\n{govs}" if govs else "")
        unusual = (f"{c.observed:.0f} vs {c.expected:.2f}\n({c.relative_risk:.0f}x)"
                   if c.expected else "")
        table.add_row(str(c.rank or ""), escape(cell), format_p(c.p_value),
                      unusual, escape(f"{c.explanation}\n[{c.campaign_id}]"))
    return table


@click.command(context_settings=CONTEXT)
@options.db
@options.since
@options.until
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
@click.option("--top", type=click.IntRange(min=1),
              help="Only the N best campaigns (most significant, then largest).")
@click.option("--with-background", is_flag=True,
              help="Let events told as background (not the incident reported) take part.")
@options.out
@click.pass_context
@reports_errors
def campaigns(
    ctx: click.Context,
    db: str | None,
    since: _dt.datetime | None,
    until: _dt.datetime | None,
    fmt: str,
    replications: int,
    seed: int,
    alpha: float,
    top: int | None,
    with_background: bool,
    out: str | None,
) -> None:
    """Find campaigns: events of one actor family and pattern that cluster in time and space.

    Groups events that share an actor (by family) and a pattern of actions or an ACLED type
    and that cluster in time and space beyond what the store's own history leads one to
    expect: a space-time scan (Kulldorff's Poisson likelihood ratio over grid cells x time
    windows), Monte Carlo p = (r+1)/(R+1) with a fixed seed, Benjamini-Hochberg across
    patterns. Events dated only to the week or month, or placed only at a region, take part
    only at their own scale; events placed only at country level and events told as
    background take no part (unless --with-background). A campaign has at least three
    members over more than one place or day. Campaigns come best first (most significant,
    then largest); all found are stored (replacing earlier ones) for the dashboard and
    `yaqut demo`, --top limits what is printed.

    \b
    JSON fields: campaign_id, members, start, end, places (name, governorate, coordinates),
    governorates, actors, pattern, p_value, replications, seed, statistic, method,
    explanation, rank, family, kind, where, when, window_days, observed, expected,
    relative_risk, history_per_month, details.

    \b
    Examples:
      yaqut campaigns --db syria.db --top 10
      yaqut campaigns --since 2023-05-01 --format json | jq '.[].explanation'
      yaqut campaigns --format geojson --out campaigns.geojson
    """
    from yaqut.campaigns import campaign_record, campaigns_geojson, find_campaigns

    with open_store(ctx, db) as store:
        events = list(store.events(until=date_option(until)))  # earlier ones: history
        found = find_campaigns(events, since=date_option(since), until=date_option(until),
                               replications=replications, seed=seed, alpha=alpha,
                               with_background=with_background)
        store.put_campaigns(found)
    total = len(found)
    found = found[:top] if top else found
    by_id = {e.event_id: e for e in events}
    target: TextIO
    handle = open(out, "w", encoding="utf-8") if out and out != "-" else None  # noqa: SIM115
    try:
        target = handle or stdout()
        if fmt == "json":
            records = [campaign_record(c, by_id) for c in found]
            target.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
        elif fmt == "geojson":
            from yaqut.export import write_feature_collection  # the one GeoJSON writer

            write_feature_collection(campaigns_geojson(found, by_id)["features"], target)
        else:
            from rich.console import Console

            title = f"{plural(total, 'campaign')} in {len(events)} events" + (
                f" (the best {len(found)})" if len(found) < total else "")
            Console(file=target, soft_wrap=False).print(campaigns_table(found, title))
    finally:
        if handle:
            handle.close()
    err(f"{plural(total, 'campaign')} among {len(events)} events "
         f"({replications} replications, seed {seed}); stored")
