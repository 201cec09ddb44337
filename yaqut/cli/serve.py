"""``yaqut serve``: the local web dashboard over the event store."""

from __future__ import annotations

import errno
import socket

import click

from yaqut.cli import options
from yaqut.cli.common import CONTEXT, db_path, err, reports_errors
from yaqut.errors import UsageError

# the usual loopback names (kept for callers); yaqut.dashboard.app.is_loopback decides, and
# also takes the rest of 127.0.0.0/8
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def check_port(host: str, port: int) -> None:
    """Raise UsageError (one line, exit 2) when ``host:port`` cannot be listened on.

    Binds and releases a socket the way uvicorn will (SO_REUSEADDR), so a port that is
    only in TIME_WAIT counts as free and one that another server holds does not.
    """
    if port == 0:
        return
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise UsageError(f"--host {host}: not an address this machine has ({exc})") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            reason = "in use" if exc.errno == errno.EADDRINUSE else exc.strerror
            raise UsageError(
                f"port {port} on {host} is {reason} (another `yaqut serve`?): "
                "choose another with --port"
            ) from None


@click.command(context_settings=CONTEXT)
@options.db
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Required to listen on an address other than this machine's loopback.",
)
@click.option(
    "--allowed-host",
    "allowed_host",
    multiple=True,
    metavar="NAME",
    help="With --allow-remote: a Host name or address clients use to reach the dashboard"
    " (repeatable). Requests naming any other host are refused.",
)
@click.pass_context
@reports_errors
def serve(ctx: click.Context, db: str | None, host: str, port: int, allow_remote: bool,
          allowed_host: tuple[str, ...]) -> None:
    """Open the local web dashboard over the event store (read-only).

    A map of Syria (OCHA governorate and sub-district boundaries, shipped with yaqut; no
    tiles, no CDN), a timeline stacked by event type with brushing, filters, an event page
    with the evidence highlighted in each source document, the campaign view, and
    downloads of the filtered events as ACLED CSV or GeoJSON. It listens on 127.0.0.1
    only unless --allow-remote is given with another --host; requests must name this
    machine by a loopback name, the --host address or an --allowed-host (a guard against
    DNS rebinding). Stop it with Ctrl-C.

    \b
    Examples:
      yaqut serve --db syria.db               then open http://127.0.0.1:8000/
      yaqut serve --port 8080
      yaqut serve --host 0.0.0.0 --allow-remote --allowed-host events.example.org
                                              (anyone who can reach you can read it)
    """
    import uvicorn

    from yaqut.dashboard import create_app
    from yaqut.dashboard.app import allowed_hosts_for, is_loopback

    allowed = allowed_hosts_for(host, allow_remote, allowed_host)
    if not is_loopback(host):
        err(
            f"warning: listening on {host}: anyone who can reach this address can read every"
            " event and article in the store (there is no login); accepted Host names: "
            + ", ".join(allowed)
        )
    app = create_app(db_path(ctx, db), allowed_hosts=allowed)
    check_port(host, port)
    shown = f"[{host}]" if ":" in host else host
    err(f"yaqut dashboard on http://{shown}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
