"""What every command shares: exit codes, the error edge, the configuration, stderr/stdout.

Library errors (:mod:`yaqut.errors`) become a one-line message on stderr and an exit code:

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
import importlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from yaqut.errors import ResourceError, StoreError, UsageError, YaqutError

if TYPE_CHECKING:  # pragma: no cover
    from yaqut.coder import CoderConfig

EXIT_ITEMS_FAILED = 1
EXIT_USAGE = 2
EXIT_STORE = 3
EXIT_RESOURCE = 4
EXIT_OTHER = 5

#: Warnings of one W-code printed one by one; the rest are counted (the summary has them all).
WARNINGS_SHOWN = 10
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
DATE = click.DateTime(formats=["%Y-%m-%d"])


class Failure(click.ClickException):
    """A YaqutError at the CLI's edge: its message, and the exit code for its kind."""

    def __init__(self, error: YaqutError) -> None:
        super().__init__(str(error))
        self.exit_code = exit_code_for(error)  # type: ignore[misc]  # click sets it per class


def exit_code_for(error: YaqutError) -> int:
    """The exit code of a kind of error (see this module's docstring)."""
    if isinstance(error, UsageError):
        return EXIT_USAGE
    if isinstance(error, StoreError):
        return EXIT_STORE
    if isinstance(error, ResourceError):
        return EXIT_RESOURCE
    return EXIT_OTHER


def reports_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a YaqutError raised by the command into its message and exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except YaqutError as exc:
            raise Failure(exc) from exc

    return wrapper


def seam(name: str, *args: Any) -> Any:
    """Call the package's loader ``name`` (``_load_coder`` ...) to get a heavy stage.

    The loaders live on :mod:`yaqut.cli` and are looked up when called, so that a test can
    replace one there (``monkeypatch.setattr(cli, "_load_coder", ...)``).
    """
    return getattr(importlib.import_module("yaqut.cli"), name)(*args)


def coder_config(ctx: click.Context, model: str | None = None) -> CoderConfig:
    """The coder's settings (the ``[coder]`` section), with ``--model`` when given."""
    from yaqut.coder import CoderConfig

    return CoderConfig.from_settings(config(ctx), model=model)


def config(ctx: click.Context) -> dict[str, Any]:
    """The configuration, loaded on first use (so ``--help`` works with a broken file)."""
    from yaqut.config import load_config

    root = ctx.find_root()
    root.ensure_object(dict)
    if "config" not in root.obj:
        root.obj["config"] = load_config(root.obj.get("config_path"))
    return root.obj["config"]


def db_path(ctx: click.Context, db: str | None) -> str:
    """The event store's path: ``--db``, else the configured one."""
    return db or config(ctx)["store"]["path"]


def err(message: str) -> None:
    click.echo(message, err=True)


def stdout() -> TextIO:
    return sys.stdout  # click's CliRunner swaps this for its capture


def on_terminal() -> bool:
    """True when standard output is a terminal (a person reading, not a pipe or a file)."""
    return stdout().isatty()


def output_target(out: str | None) -> Any:
    """Where ``--out`` points: standard output for none or ``-``, else the path."""
    return stdout() if not out or out == "-" else Path(out)


def report_items(summary: Any) -> None:
    from yaqut.docmeta import warning_code
    from yaqut.errors import printable  # control characters escaped: one item, one line

    shown: dict[str | None, int] = {}
    for warning in summary.warnings:
        code = warning_code(warning)
        shown[code] = shown.get(code, 0) + 1
        if code is None or shown[code] <= WARNINGS_SHOWN:
            err(f"warning: {printable(warning)}")
    for code, n in shown.items():
        if code is not None and n > WARNINGS_SHOWN:
            err(f"warning: {code} ... and {n - WARNINGS_SHOWN:,} more like it (counted below)")
    for failed in summary.failed:
        err(f"error [{failed.code}] {printable(failed.reason)}")


def date_option(value: _dt.datetime | None) -> _dt.date | None:
    return value.date() if value else None


def write_result(result: dict[str, Any], path: str, what: str = "result") -> None:
    """An eval's result or a training report as JSON (what `--json` asks for); say where."""
    Path(path).write_text(
        json.dumps(result, indent=2, ensure_ascii=False, default=str) + "\n", "utf-8"
    )
    err(f"{what} written to {path}")


def plural(n: int, word: str) -> str:
    """``1 event``, ``2 events``."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def open_store(ctx: click.Context, db: str | None, *, write: bool = False) -> Any:
    """The event store of ``--db``: to read (it must exist), or to write (made if missing)."""
    from yaqut.store import Store

    if write:
        return Store(db_path(ctx, db), busy_timeout=config(ctx)["store"]["busy_timeout"])
    return Store(db_path(ctx, db), create=False)
