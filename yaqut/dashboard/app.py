"""The dashboard's web app: HTML pages, a small JSON API, downloads. GET only.

Pages are Jinja2 templates with autoescaping on, and the page script only ever puts
store text into the DOM as text (``textContent``) or into plotly as entity-escaped
labels, so article text cannot inject markup. A Content-Security-Policy that allows
scripts from this server only is a second wall. The app serves exactly three kinds of
files: its own static folder (through Starlette's StaticFiles, which refuses paths that
leave it), plotly.js from the installed ``plotly`` package, and the shipped boundary
files, by fixed names. Every list is bounded (see :mod:`yaqut.dashboard.query`); bad
parameters get a 400 with a one-line reason, unknown ids a 404, and an unexpected failure
a 500 that names no internals.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import io
import logging
import tempfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from yaqut import __version__
from yaqut.dashboard.query import (
    MAX_DOWNLOAD,
    MAX_PAGE,
    MAX_TEXT,
    Dashboard,
    Filters,
    evidence_marks,
    highlight,
)
from yaqut.docmeta import document_name
from yaqut.errors import UsageError
from yaqut.records import event_to_dict
from yaqut.store import campaign_to_dict

log = logging.getLogger("yaqut.dashboard")

HERE = Path(__file__).parent
LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]
WILDCARD_HOSTS = ("0.0.0.0", "::", "")
BOUNDARY_LEVELS = ("admin1", "admin3")

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
#: On every response, errors (400, 404, 500) included.
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address, IPv6 with or without brackets) is this
    machine's loopback: ``localhost``, any of 127.0.0.0/8, ``::1``."""
    import ipaddress

    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_loopback or bool(mapped and mapped.is_loopback)


def allowed_hosts_for(host: str, allow_remote: bool = False,
                      extra: list[str] | tuple[str, ...] = ()) -> list[str]:
    """The Host headers the dashboard accepts when it listens on ``host``.

    Always the loopback names and the listening address itself (unless it is a wildcard
    such as 0.0.0.0), plus ``extra`` (``--allowed-host``): the names by which remote
    clients reach it. The Host check is never off (a DNS-rebinding guard). Raises
    UsageError for a ``host`` that is not loopback without ``allow_remote``, and for
    ``extra`` given without it.
    """
    if not is_loopback(host) and not allow_remote:
        raise UsageError(f"--host {host} would let other machines read the store; add"
                         " --allow-remote to do that on purpose")
    if extra and not allow_remote:
        raise UsageError("--allowed-host is for --allow-remote: on loopback only local"
                         " names are used")
    allowed = list(LOCAL_HOSTS)
    bare = host.strip().strip("[]")
    if bare not in WILDCARD_HOSTS:
        allowed += [bare, f"[{bare}]"] if ":" in bare else [bare]
    for name in extra:
        name = name.strip()
        if name and name not in allowed:
            allowed.append(name)
    return allowed


def _secure(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers[name] = value
    return response


class NotFound(Exception):
    """An id that names nothing in the store."""


def plotly_js_path() -> Path:
    """plotly.min.js as bundled in the installed ``plotly`` package."""
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.is_file():  # pragma: no cover - a broken plotly install
        from yaqut.errors import ResourceError

        raise ResourceError("plotly.min.js is missing from the plotly package", item=str(path))
    return path


def _filters(
    since: Annotated[str | None, Query(max_length=10)] = None,
    until: Annotated[str | None, Query(max_length=10)] = None,
    event_type: Annotated[str | None, Query(max_length=MAX_TEXT)] = None,
    sub_event_type: Annotated[str | None, Query(max_length=MAX_TEXT)] = None,
    actor: Annotated[str | None, Query(max_length=MAX_TEXT)] = None,
    admin1: Annotated[str | None, Query(max_length=MAX_TEXT)] = None,
    mode: Annotated[str | None, Query(max_length=20)] = None,
    q: Annotated[str | None, Query(max_length=MAX_TEXT)] = None,
    campaign: Annotated[str | None, Query(max_length=MAX_TEXT)] = None,
) -> Filters:
    return Filters.parse(dict(locals()))


FiltersDep = Annotated[Filters, Depends(_filters)]


def create_app(db_path: str | Path, *, allowed_hosts: list[str] | None = None) -> FastAPI:
    """The dashboard over the store at ``db_path`` (opened read-only per request).

    ``allowed_hosts`` are the Host headers accepted (DNS-rebinding guard); the default
    accepts only loopback names. Raises StoreError when the file is not a yaqut store.
    """
    data = Dashboard(db_path)
    app = FastAPI(
        title="yaqut dashboard",
        version=__version__,
        docs_url=None,  # the interactive docs load assets from a CDN
        redoc_url=None,
        openapi_url=None,
    )
    app.state.data = data
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or LOCAL_HOSTS)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["version"] = __version__
    templates.env.filters["document_name"] = document_name  # title, else file name, else id
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        return _secure(await call_next(request))

    _add_error_handlers(app, templates)
    _add_pages(app, data, templates)
    _add_api(app, data)
    _add_downloads(app, data)
    return app


def _add_error_handlers(app: FastAPI, templates: Jinja2Templates) -> None:
    """Errors answer with a reason, never a traceback."""

    def _wants_html(request: Request) -> bool:
        return not request.url.path.startswith(("/api/", "/download/"))

    def _error(request: Request, status: int, message: str) -> Response:
        # headers set here too: a 500 is sent by Starlette's outermost middleware, which
        # the header middleware above does not wrap
        if _wants_html(request) and request.method == "GET":
            return _secure(templates.TemplateResponse(
                request, "error.html", {"status": status, "message": message}, status_code=status
            ))
        return _secure(JSONResponse({"error": message, "status": status}, status_code=status))

    @app.exception_handler(UsageError)
    async def usage_error(request: Request, exc: UsageError) -> Response:
        return _error(request, 400, exc.message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path"))
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return _error(request, 400, "; ".join(parts) or "bad parameters")

    @app.exception_handler(NotFound)
    @app.exception_handler(LookupError)
    async def not_found(request: Request, exc: Exception) -> Response:
        return _error(request, 404, str(exc).strip("'\""))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("dashboard error on %s", request.url.path)
        return _error(request, 500, "internal error (see the server's log)")


def _add_pages(app: FastAPI, data: Dashboard, templates: Jinja2Templates) -> None:
    """The HTML pages: the map and list, campaigns, one event with its evidence."""

    def _campaign_context(f: Filters) -> dict[str, Any] | None:
        if not f.campaign:
            return None
        campaign = data.campaign(f.campaign)
        if campaign is None:
            raise NotFound(f"no campaign {f.campaign!r}")
        return campaign_to_dict(campaign)

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request, f: FiltersDep) -> Response:
        context = {
            "filters": f.params(),
            "facets": data.facets(),
            "campaign": _campaign_context(f),
            "store": data.path.name,
        }
        return templates.TemplateResponse(request, "index.html", context)

    @app.get("/campaigns", response_class=HTMLResponse)
    def campaigns_page(request: Request) -> Response:
        items = [campaign_to_dict(c) for c in data.campaigns()]
        return templates.TemplateResponse(request, "campaigns.html", {"campaigns": items})

    @app.get("/campaign/{campaign_id:path}")  # ids may hold "/" (URL-encoded in links)
    def campaign_page(campaign_id: Annotated[str, PathParam(max_length=MAX_TEXT)]) -> Response:
        if data.campaign(campaign_id) is None:
            raise NotFound(f"no campaign {campaign_id!r}")
        from urllib.parse import urlencode

        return RedirectResponse("/?" + urlencode({"campaign": campaign_id}), status_code=303)

    @app.get("/event/{event_id:path}", response_class=HTMLResponse)
    def event_page(
        request: Request, event_id: Annotated[str, PathParam(max_length=MAX_TEXT)]
    ) -> Response:
        event = data.event(event_id)
        if event is None:
            raise NotFound(f"no event {event_id!r}")
        docs = []
        for i, doc in enumerate(data.documents(event.doc_ids)):
            marks = evidence_marks(event, doc, first=i == 0)
            docs.append({"doc": doc, "pieces": highlight(doc.text, marks), "n_marks": len(marks)})
        record = event_to_dict(event)
        # Every field of the record, including those the serialised form leaves out when
        # they hold their default (``background`` is written only when true).
        scalars = [
            (f.name, record.get(f.name, getattr(event, f.name)))
            for f in dataclasses.fields(event)
            if f.name not in ("actions", "quantities", "claims", "evidence", "doc_ids")
        ]
        context = {
            "event": event,
            "scalars": scalars,
            "documents": docs,
            "campaigns": [campaign_to_dict(c) for c in data.campaigns_of(event.event_id)],
        }
        return templates.TemplateResponse(request, "event.html", context)


def _add_api(app: FastAPI, data: Dashboard) -> None:
    """The JSON API the pages read, the boundary layers and the vendored Plotly."""

    @app.get("/api/events")
    def api_events(
        f: FiltersDep,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> dict[str, Any]:
        return data.events_page(f, limit=limit, offset=offset)

    @app.get("/api/map")
    def api_map(f: FiltersDep) -> dict[str, Any]:
        return data.points(f)

    @app.get("/api/timeline")
    def api_timeline(
        f: FiltersDep, bin: Annotated[str, Query(pattern="^(day|week)$")] = "day"
    ) -> dict[str, Any]:
        return data.timeline(f, bin)

    @app.get("/api/facets")
    def api_facets() -> dict[str, Any]:
        return data.facets()

    @app.get("/api/event/{event_id:path}")
    def api_event(event_id: Annotated[str, PathParam(max_length=MAX_TEXT)]) -> dict[str, Any]:
        event = data.event(event_id)
        if event is None:
            raise NotFound(f"no event {event_id!r}")
        return event_to_dict(event)

    @app.get("/api/campaigns")
    def api_campaigns() -> dict[str, Any]:
        return {"campaigns": [campaign_to_dict(c) for c in data.campaigns()]}

    @app.get("/api/boundaries/{level}")
    def api_boundaries(level: str) -> Response:
        if level not in BOUNDARY_LEVELS:
            raise NotFound(f"no boundary layer {level!r} (one of {', '.join(BOUNDARY_LEVELS)})")
        resource = resources.files("yaqut").joinpath(f"data/boundaries/syr_{level}.geojson")
        return Response(
            resource.read_bytes(),
            media_type="application/geo+json",
            headers={"Cache-Control": "max-age=86400"},
        )

    @app.get("/vendor/plotly.min.js")
    def plotly_js() -> Response:
        return FileResponse(
            plotly_js_path(),
            media_type="text/javascript",
            headers={"Cache-Control": "max-age=86400"},
        )

    @app.get("/healthz")
    def healthz() -> dict[str, Any]:
        return {"ok": True, "version": __version__}


def _add_downloads(app: FastAPI, data: Dashboard) -> None:
    """The filtered events as ACLED CSV or GeoJSON."""

    def _download(f: Filters, fmt: str, media: str, name: str) -> Response:
        from yaqut.export import write_events

        n = data.count(f)
        if n > MAX_DOWNLOAD:
            raise UsageError(
                f"{n} events match; a download holds at most {MAX_DOWNLOAD}"
                " (narrow the filters, or use `yaqut export`)"
            )
        spool = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024, mode="w+b")
        text = io.TextIOWrapper(spool, encoding="utf-8", newline="" if fmt == "acled-csv" else None)
        write_events(data.iter_events(f), fmt, text, sources=data.document_sources(),
                     names=data.document_names())
        text.flush()
        text.detach()
        spool.seek(0)

        def chunks() -> Iterator[bytes]:
            try:
                while block := spool.read(64 * 1024):
                    yield block
            finally:
                spool.close()

        stamp = _dt.date.today().isoformat()
        return StreamingResponse(
            chunks(),
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="yaqut-{stamp}.{name}"'},
        )

    @app.get("/download/events.csv")
    def download_csv(f: FiltersDep) -> Response:
        return _download(f, "acled-csv", "text/csv; charset=utf-8", "csv")

    @app.get("/download/events.geojson")
    def download_geojson(f: FiltersDep) -> Response:
        return _download(f, "geojson", "application/geo+json", "geojson")
