"""The dashboard's pages, API, downloads and guards, over a hand-built store (no browser)."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3

import pytest
from click.testing import CliRunner
from conftest import ARTICLE, XSS_IMG, XSS_SCRIPT, XSS_SVG, build_events, campaign_of
from fastapi.testclient import TestClient

from yaqut import cli
from yaqut.dashboard import create_app
from yaqut.dashboard.app import plotly_js_path
from yaqut.dashboard.query import MAX_PAGE, Filters, evidence_marks, highlight
from yaqut.errors import StoreError, UsageError
from yaqut.export import ACLED_COLUMNS
from yaqut.records import Document, Event, Span


@pytest.fixture
def client(store_path):
    app = create_app(store_path)
    return TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False)


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [e["event_id"] for e in response.json()["events"]]


# -- the event list and its filters --------------------------------------------------------------


def test_events_newest_first_with_total(client):
    r = client.get("/api/events")
    assert ids(r) == ["ev-sweida", "ev-payload", "ev-kafrnabl", "ev-talbiseh", "ev-undated"]
    assert r.json()["total"] == 5
    first = r.json()["events"][2]
    assert first["modes"] == ["occurred"] and first["fatalities"] == 3


def test_pagination(client):
    page1 = client.get("/api/events", params={"limit": 2}).json()
    page2 = client.get("/api/events", params={"limit": 2, "offset": 2}).json()
    page3 = client.get("/api/events", params={"limit": 2, "offset": 4}).json()
    assert [len(p["events"]) for p in (page1, page2, page3)] == [2, 2, 1]
    seen = [e["event_id"] for p in (page1, page2, page3) for e in p["events"]]
    assert len(set(seen)) == 5 and all(p["total"] == 5 for p in (page1, page2, page3))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"since": "2023-05-20"}, {"ev-kafrnabl", "ev-payload", "ev-sweida"}),
        ({"until": "2023-05-20"}, {"ev-talbiseh"}),
        ({"since": "2023-05-19", "until": "2023-05-21"}, {"ev-talbiseh", "ev-kafrnabl"}),
        ({"event_type": "Protests"}, {"ev-sweida"}),
        ({"sub_event_type": "Agreement"}, {"ev-talbiseh"}),
        ({"actor": "Civilians (Syria)"}, {"ev-talbiseh", "ev-kafrnabl", "ev-payload"}),
        ({"admin1": "Idleb"}, {"ev-kafrnabl"}),
        ({"mode": "demanded"}, {"ev-talbiseh"}),
        ({"mode": "occurred", "admin1": "Homs"}, {"ev-talbiseh"}),
        ({"q": "unplaced"}, {"ev-undated"}),  # in the notes
        ({"q": "KAFR NABL"}, {"ev-talbiseh", "ev-kafrnabl", "ev-sweida",
                              "ev-undated"}),  # in their document's text, any case
        ({"q": "Demands and shelling"}, {"ev-talbiseh", "ev-kafrnabl", "ev-sweida",
                                         "ev-undated"}),  # the document's title
        ({"q": "100%"}, {"ev-payload"}),  # LIKE wildcards are literal
        ({"q": "5_000"}, {"ev-payload"}),
        ({"q": "%"}, {"ev-payload"}),
        ({"q": "no such words"}, set()),
        ({"campaign": "cmp-test"}, {"ev-talbiseh", "ev-kafrnabl"}),
    ],
)
def test_filters(client, params, expected):
    assert set(ids(client.get("/api/events", params=params))) == expected


# -- bad parameters: a clear 4xx, never a traceback -----------------------------------------------


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/api/events?since=2023-13-01", 400, "since"),
        ("/api/events?until=yesterday", 400, "until"),
        ("/api/events?since=2023-06-01&until=2023-05-01", 400, "after until"),
        ("/api/events?limit=0", 400, "limit"),
        (f"/api/events?limit={MAX_PAGE + 1}", 400, "limit"),
        ("/api/events?limit=ten", 400, "limit"),
        ("/api/events?offset=-1", 400, "offset"),
        ("/api/events?mode=rumoured", 400, "mode"),
        ("/api/events?q=" + "x" * 201, 400, "q"),
        ("/api/timeline?bin=month", 400, "bin"),
        ("/api/events?campaign=cmp-nope", 404, "cmp-nope"),
        ("/api/event/nope", 404, "nope"),
        ("/api/boundaries/admin2", 404, "admin2"),
        ("/api/boundaries/..%2f..%2fstore.py", 404, ""),
        ("/static/..%2fapp.py", 404, ""),
        ("/static/../query.py", 404, ""),
        ("/download/events.csv?since=bad", 400, "since"),
        ("/nowhere", 404, ""),
    ],
)
def test_bad_parameters(client, url, status, words):
    r = client.get(url)
    assert r.status_code == status, r.text
    assert "Traceback" not in r.text and 'File "' not in r.text
    if url.startswith(("/api/", "/download/")):
        assert r.json()["status"] == status and words in r.json()["error"]


def test_bad_page_parameters_give_an_html_error(client):
    r = client.get("/", params={"since": "not-a-date"})
    assert r.status_code == 400 and "text/html" in r.headers["content-type"]
    assert "is not a date" in r.text
    r = client.get("/event/nope")
    assert r.status_code == 404 and "no event" in r.text
    assert client.get("/campaign/nope").status_code == 404


def test_read_only_no_writes_accepted(client, store_path):
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/api/events").status_code == 405
    before = sqlite3.connect(store_path).execute("SELECT COUNT(*) FROM events").fetchone()
    client.get("/api/events", params={"q": "x'); DELETE FROM events; --"})
    after = sqlite3.connect(store_path).execute("SELECT COUNT(*) FROM events").fetchone()
    assert before == after == (5,)


def test_unexpected_error_is_a_plain_500(client, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr(client.app.state.data, "facets", broken)
    r = client.get("/api/facets")
    assert r.status_code == 500
    assert "secret" not in r.text and "passwd" not in r.text and "Traceback" not in r.text


def test_only_loopback_host_headers(client):
    assert client.get("/healthz", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/healthz", headers={"Host": "testserver"}).status_code == 400
    assert client.get("/healthz", headers={"Host": "[::1]:8000"}).status_code == 200
    assert client.get("/healthz", headers={"Host": "127.0.0.1:8000"}).status_code == 200


def test_security_headers(client):
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1][:30]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_no_interactive_docs_from_a_cdn(client):
    for url in ("/docs", "/redoc", "/openapi.json"):
        assert client.get(url).status_code == 404


def test_not_a_store_is_a_store_error(tmp_path):
    with pytest.raises(StoreError):
        create_app(tmp_path / "missing.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not sqlite at all" * 100)
    with pytest.raises(StoreError):
        create_app(junk)


# -- map, timeline, facets ----------------------------------------------------------------------


def test_map_points_only_with_coordinates(client):
    body = client.get("/api/map").json()
    assert {p["event_id"] for p in body["points"]} == {
        "ev-talbiseh", "ev-kafrnabl", "ev-sweida", "ev-payload"
    }  # fmt: skip
    assert body["without_coordinates"] == 1 and body["total"] == 5 and not body["truncated"]
    narrowed = client.get("/api/map", params={"admin1": "Homs"}).json()
    assert [p["location"] for p in narrowed["points"]] == ["Talbiseh"]


def test_timeline_per_day_and_week(client):
    day = client.get("/api/timeline").json()
    by_type = {s["type"]: dict(zip(s["x"], s["y"], strict=True)) for s in day["series"]}
    assert by_type["Strategic developments"] == {"2023-05-19": 1}  # the undated one is left out
    assert by_type["Protests"] == {"2023-06-02": 1}
    week = client.get("/api/timeline", params={"bin": "week"}).json()
    totals: dict[str, int] = {}
    for s in week["series"]:
        for x, y in zip(s["x"], s["y"], strict=True):
            totals[x] = totals.get(x, 0) + y
    # 19 and 21 May 2023 share the week of Monday 15 May; 1 and 2 June that of 29 May.
    assert totals == {"2023-05-15": 2, "2023-05-29": 2}


def test_facets(client):
    facets = client.get("/api/facets").json()
    assert facets["event_types"][0] == "Strategic developments"
    assert set(facets["admin1"]) == {"Homs", "Idleb", "As-Sweida", "Dar'a"}
    assert facets["first"] == "2023-05-19" and facets["last"] == "2023-06-02"
    assert "demanded" in facets["modes"]


def test_boundaries_are_shipped_and_small(client):
    for level, n in (("admin1", 14), ("admin3", 272)):
        r = client.get(f"/api/boundaries/{level}")
        assert r.status_code == 200 and len(r.content) < 300_000
        collection = r.json()
        assert len(collection["features"]) == n
        for feature in collection["features"]:
            assert feature["properties"]["pcode"].startswith("SY")
            ring = feature["geometry"]["coordinates"][0]
            while isinstance(ring[0][0], list):
                ring = ring[0]
            assert all(35 < lon < 43 and 32 < lat < 38 for lon, lat in ring)


def test_plotly_served_from_the_package(client):
    r = client.get("/vendor/plotly.min.js")
    assert r.status_code == 200 and r.content == plotly_js_path().read_bytes()
    page = client.get("/").text
    assert re.findall(r'src="([^"]+)"', page) == ["/vendor/plotly.min.js", "/static/dashboard.js"]
    assert "http://" not in page and "https://" not in page  # nothing from elsewhere


# -- pages and escaping ------------------------------------------------------------------------


def assert_inert(html: str) -> None:
    """No payload survives as markup; each is there as escaped text."""
    for payload in (XSS_SCRIPT, XSS_IMG, XSS_SVG):
        assert payload not in html
    assert "<script>window" not in html and "<img src=x" not in html and "<svg" not in html
    assert re.search(r"<[^>]*onerror", html) is None and re.search(r"<[^>]*onload", html) is None


def test_index_lists_filter_values_escaped(client):
    html = client.get("/").text
    assert_inert(html)
    assert "Gunmen &lt;script&gt;window.__xss = &#39;script&#39;&lt;/script&gt;" in html
    assert '<option value="Idleb"' in html


def test_event_page_shows_every_field_and_highlights_evidence(client):
    html = client.get("/event/ev-talbiseh").text
    for field in Event.__dataclass_fields__:
        if field not in ("actions", "quantities", "claims", "evidence"):
            assert f"<th>{field}</th>" in html, field
    marks = re.findall(r'<mark class="evidence" title="([^"]*)"[^>]*>([^<]*)</mark>', html)
    marked = {text: title for title, text in marks}
    assert marked["Security forces"] == "actor1"
    assert marked["19 May"] == "event_date"
    assert marked["20 rifles"] == "action DEMAND (demanded); count 20 rifles: demanded"
    assert "DEMAND" in html and "demanded" in html and "Test Wire" in html


def test_event_page_skips_stale_offsets(client):
    html = client.get("/event/ev-sweida").text
    marked = re.findall(r'<mark class="evidence"[^>]*>([^<]*)</mark>', html)
    assert marked == ["Protesters gathered"]  # the location span's offsets point elsewhere


def test_event_page_escapes_article_text(client):
    html = client.get("/event/ev-payload").text
    assert_inert(html)
    assert "&lt;img src=x onerror=&#34;window.__xss = &#39;img&#39;&#34;&gt; Town" in html
    assert "Title &lt;img" in html and "Wire &lt;script&gt;" in html
    assert html.count('<mark class="evidence"') >= 2


def test_campaign_view(client):
    listing = client.get("/campaigns").text
    assert 'href="/?campaign=cmp-test"' in listing and "0.004" in listing
    assert_inert(listing)
    page = client.get("/", params={"campaign": "cmp-test"}).text
    assert_inert(page)
    assert "Why: &lt;script&gt;" in page and 'id="campaign-members">2<' in page
    assert "<dt>observed</dt><dd>2.1</dd>" in page and "<dd>ev-talbiseh</dd>" in page
    assert client.get("/campaign/cmp-test", follow_redirects=False).headers["location"] == (
        "/?campaign=cmp-test"
    )
    assert "cmp-test" in client.get("/event/ev-kafrnabl").text
    listed = client.get("/api/campaigns").json()["campaigns"]
    assert listed[0]["members"] == ["ev-talbiseh", "ev-kafrnabl"]


def test_empty_store(tmp_path):
    from yaqut.store import Store

    with Store(tmp_path / "empty.db"):
        pass
    client = TestClient(create_app(tmp_path / "empty.db"), base_url="http://localhost")
    assert client.get("/").status_code == 200
    assert "No campaigns" in client.get("/campaigns").text
    assert client.get("/api/events").json() == {"total": 0, "limit": 50, "offset": 0,
                                                 "events": []}  # fmt: skip
    assert client.get("/api/timeline").json()["series"] == []


# -- downloads ---------------------------------------------------------------------------------


def test_download_acled_csv_of_the_filtered_set(client):
    r = client.get("/download/events.csv", params={"admin1": "Homs"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert tuple(rows[0].keys()) == ACLED_COLUMNS
    assert [row["event_id_cnty"] for row in rows] == ["ev-talbiseh"]
    assert rows[0]["event_date"] == "19 May 2023" and rows[0]["source"] == "Test Wire"
    everything = list(csv.DictReader(io.StringIO(client.get("/download/events.csv").text)))
    assert len(everything) == 5


def test_download_geojson(client):
    r = client.get("/download/events.geojson", params={"campaign": "cmp-test"})
    collection = json.loads(r.text)
    assert {f["id"] for f in collection["features"]} == {"ev-talbiseh", "ev-kafrnabl"}
    assert collection["features"][0]["geometry"]["type"] == "Point"


def test_download_is_bounded(client, monkeypatch):
    monkeypatch.setattr("yaqut.dashboard.app.MAX_DOWNLOAD", 3)
    r = client.get("/download/events.csv")
    assert r.status_code == 400 and "at most 3" in r.json()["error"]


# -- library pieces ----------------------------------------------------------------------------


def test_highlight_cuts_and_rejoins():
    text = "abcdefghij"
    pieces = highlight(text, [(2, 6, "x"), (4, 8, "y"), (9, 30, "out"), (5, 5, "empty")])
    assert "".join(p.text for p in pieces) == text
    assert [(p.text, p.labels) for p in pieces] == [
        ("ab", ()), ("cd", ("x",)), ("ef", ("x", "y")), ("gh", ("y",)), ("ij", ()),
    ]  # fmt: skip
    assert highlight("", []) == []


def test_evidence_marks_only_for_this_document():
    doc = Document(id="d2", text="alpha beta gamma")
    other = Span(0, 5, "alpha", "d1")
    mine = Span(6, 10, "beta", "d2")
    unnamed = Span(11, 16, "gamma", None)
    event = Event(event_id="e", doc_ids=("d1", "d2"),
                  evidence=(("location", (other, mine, unnamed)),))  # fmt: skip
    assert evidence_marks(event, doc, first=False) == [(6, 10, "location")]
    assert evidence_marks(event, doc, first=True) == [(6, 10, "location"), (11, 16, "location")]


def test_filters_parse():
    f = Filters.parse({"since": "2023-05-01", "q": "  Homs ", "mode": "", "actor": None})
    assert f.params() == {"since": "2023-05-01", "q": "Homs"}
    with pytest.raises(UsageError, match="mode"):
        Filters.parse({"mode": "sometimes"})


# -- the serve command -------------------------------------------------------------------------


@pytest.fixture
def fake_uvicorn(monkeypatch):
    import uvicorn

    from yaqut.cli import serve

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    monkeypatch.setattr(serve, "check_port", lambda host, port: None)  # other servers may run
    return calls


def test_serve_on_a_busy_port_says_so_in_one_line_and_exits_2(store_path, monkeypatch):
    import socket

    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: pytest.fail("must not start"))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli.main, ["serve", "--db", str(store_path),
                                               "--port", str(port)])  # fmt: skip
    assert result.exit_code == cli.EXIT_USAGE == 2
    assert result.stderr.strip().splitlines() == [
        f"Error: [E500] port {port} on 127.0.0.1 is in use (another `yaqut serve`?): "
        "choose another with --port"
    ]


def test_serve_binds_loopback_by_default(store_path, fake_uvicorn):
    result = CliRunner().invoke(cli.main, ["serve", "--db", str(store_path), "--port", "8123"])
    assert result.exit_code == 0, result.output
    app, kwargs = fake_uvicorn[0]
    assert kwargs["host"] == "127.0.0.1" and kwargs["port"] == 8123
    assert "http://127.0.0.1:8123/" in result.stderr and "warning" not in result.stderr


def test_serve_elsewhere_needs_a_flag_and_warns(store_path, fake_uvicorn):
    refused = CliRunner().invoke(cli.main, ["serve", "--db", str(store_path), "--host", "0.0.0.0"])
    assert refused.exit_code == cli.EXIT_USAGE and "--allow-remote" in refused.stderr
    assert fake_uvicorn == []
    allowed = CliRunner().invoke(
        cli.main, ["serve", "--db", str(store_path), "--host", "0.0.0.0", "--allow-remote"]
    )
    assert allowed.exit_code == 0 and "warning: listening on 0.0.0.0" in allowed.stderr
    assert fake_uvicorn[0][1]["host"] == "0.0.0.0"


def test_serve_without_a_store(tmp_path, fake_uvicorn):
    result = CliRunner().invoke(cli.main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == cli.EXIT_STORE and "no event store" in result.stderr
    assert fake_uvicorn == []


def test_serve_help():
    result = CliRunner().invoke(cli.main, ["serve", "--help"])
    assert result.exit_code == 0 and "--allow-remote" in result.output


# -- issue 15: documents named, campaigns readable ---------------------------------------------


def test_event_page_names_its_documents_by_title_with_the_id_beside(client):
    page = client.get("/event/ev-talbiseh").text
    assert "Source: Demands and shelling" in page and "doc-main" in page


def test_a_document_without_a_title_is_named_by_its_file_name(tmp_path):
    from yaqut.ingest import make_document
    from yaqut.store import Store

    doc = make_document(ARTICLE, published="2023-06-03", origin="in/homs-report.txt",
                        warnings=["W202 in/homs-report.txt: written in 'fr'"])
    with Store(tmp_path / "s.db") as store:
        store.add_coded(doc, build_events(doc.id, "doc-payload")[:1])
    client = TestClient(create_app(tmp_path / "s.db"), base_url="http://127.0.0.1")
    page = client.get("/event/ev-talbiseh").text
    assert f"Source: homs-report.txt <span class=\"muted mono\">{doc.id}</span>" in page
    assert "<li>W202 in/homs-report.txt: written in &#39;fr&#39;</li>" in page  # kept, shown
    geojson = client.get("/download/events.geojson").json()
    assert geojson["features"][0]["properties"]["documents"] == f"homs-report.txt [{doc.id}]"


def test_campaigns_list_shows_pattern_dates_places_members_p_and_why(client):
    row = client.get("/campaigns").text.split('data-campaign-id="cmp-test"', 1)[1]
    row = row.split("</tr>", 1)[0]
    for shown in (">coercion</a>", "2023-05-19 to 2023-05-21", "Talbiseh, Kafr Nabl",
                  "Homs, Idleb", '<td class="num">2</td>', "0.004", "Why: &lt;script"):
        assert shown in row, shown


def test_campaigns_are_listed_most_significant_first(store_path):
    from yaqut.dashboard.query import Dashboard
    from yaqut.store import Store

    weak = campaign_of(["ev-talbiseh"], campaign_id="cmp-weak")
    strong = campaign_of(["ev-talbiseh", "ev-kafrnabl"], campaign_id="cmp-strong")
    with Store(store_path) as store:
        store.put_campaigns([
            weak.__class__(**{**{f: getattr(weak, f) for f in weak.__dataclass_fields__},
                              "p_value": 0.04}),
            strong.__class__(**{**{f: getattr(strong, f) for f in strong.__dataclass_fields__},
                                "p_value": 0.001}),
        ])  # fmt: skip
    assert [c.campaign_id for c in Dashboard(store_path).campaigns()] == ["cmp-strong", "cmp-weak"]
