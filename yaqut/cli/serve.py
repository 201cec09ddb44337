"""``yaqut serve``: the local web dashboard over the event store."""

from __future__ import annotations

import click

from yaqut.cli import options
from yaqut.cli.common import CONTEXT, db_path, err, reports_errors
from yaqut.errors import UsageError

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


@click.command(context_settings=CONTEXT)
@options.db
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Required to listen on an address other than this machine's loopback.",
)
@click.pass_context
@reports_errors
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

    local = host in LOOPBACK_HOSTS
    if not local and not allow_remote:
        raise UsageError(
            f"--host {host} would let other machines read the store; add --allow-remote"
            " to do that on purpose"
        )
    allowed = None if local else ["*"]
    if not local:
        err(
            f"warning: listening on {host}: anyone who can reach this address can read every"
            " event and article in the store (there is no login)"
        )
    app = create_app(db_path(ctx, db), allowed_hosts=allowed)
    shown = f"[{host}]" if ":" in host else host
    err(f"yaqut dashboard on http://{shown}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
