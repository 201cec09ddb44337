"""Options that several commands take, each defined once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from yaqut.cli.common import DATE

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]

db = click.option(
    "--db", type=click.Path(dir_okay=False), help="Event store [default: ./yaqut.db]."
)
out = click.option(
    "--out", type=click.Path(dir_okay=False, allow_dash=True), help="File [default: stdout]."
)
since = click.option(
    "--since", type=DATE, metavar="YYYY-MM-DD", help="Only events on or after this day."
)
until = click.option(
    "--until", type=DATE, metavar="YYYY-MM-DD", help="Only events on or before this day."
)
max_bytes = click.option(
    "--max-bytes", type=click.IntRange(min=1), help="Largest input item, in bytes."
)


def limit(what: str) -> Decorator:
    """``--limit N``: use only the first N ``what``."""
    return click.option("--limit", type=click.IntRange(min=1), help=f"Use only the first N {what}.")


def json_out(what: str = "result") -> Decorator:
    """``--json FILE``: also write the ``what`` as JSON."""
    return click.option(
        "--json",
        "json_out",
        type=click.Path(dir_okay=False),
        help=f"Also write the {what} as JSON.",
    )


def model(help_text: str) -> Decorator:
    """``--model DIR``: a model folder from `yaqut train acled`."""
    return click.option("--model", type=click.Path(exists=True, file_okay=False), help=help_text)
