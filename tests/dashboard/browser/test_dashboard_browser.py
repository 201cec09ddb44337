"""The dashboard in a real browser: Debian's chromium driven by Playwright.

Run by ``make test-browser`` (which installs both and sets YAQUT_BROWSER_TESTS=1); plain
``make test`` does not collect this folder. The seed article is coded into a fresh store
with the real pipeline (``yaqut code``), ``yaqut campaigns`` finds and stores its campaign,
``yaqut serve`` is started on a free port, and for the last test an article full of script
payloads is added. Screenshots go to ``$YAQUT_SCREENSHOTS`` (default: build/screenshots).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from importlib import resources

import pytest
from browser_kit import _yaqut, loaded, serving, shot
from conftest import PAYLOAD_TEXT, XSS_IMG, XSS_SCRIPT, build_events, campaign_of

from yaqut.ingest import make_document
from yaqut.store import Store

SEED = "regime-demands-2023.txt"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> dict:
    """The seed coded by the real pipeline (``yaqut code``), its campaign found and stored by
    ``yaqut campaigns``."""
    tmp = tmp_path_factory.mktemp("browser")
    db = tmp / "seed.db"
    seed = resources.files("yaqut").joinpath(f"data/demo/{SEED}")
    with resources.as_file(seed) as path:
        done = _yaqut("code", str(path), "--published", "2023-05-24", "--db", str(db))
    assert done.returncode == 0, done.stderr
    found = _yaqut("campaigns", "--db", str(db), "--format", "json")
    assert found.returncode == 0, found.stderr
    with Store(db) as store:
        seed_events = {e.event_id: e for e in store.events()}  # the store holds only the seed
        campaigns = list(store.campaigns())
    assert len(seed_events) == 3, list(seed_events)
    campaign = next(c for c in campaigns if set(seed_events) <= set(c.members))
    return {"db": db, "seed": seed_events, "campaign": campaign.campaign_id,
            "explanation": campaign.explanation}  # fmt: skip


@pytest.fixture(scope="module")
def payload(seeded) -> dict:
    """An article, an event and a campaign full of script payloads, added to the store."""
    doc = make_document(
        PAYLOAD_TEXT, published="2023-06-02", doc_id="doc-payload",
        source=f"Wire {XSS_SCRIPT}", title=f"Title {XSS_IMG}",
    )  # fmt: skip
    event = build_events("doc-unused", doc.id)[4]
    with Store(seeded["db"]) as store:
        store.add_coded(doc, [event])
        evil = campaign_of([event.event_id], campaign_id="cmp-xss",
                           explanation=f"Why: {XSS_SCRIPT} {XSS_IMG}")  # fmt: skip
        store.put_campaigns([*store.campaigns(), evil])
    return {"event": event.event_id, "campaign": "cmp-xss"}


@pytest.fixture(scope="module")
def server(seeded) -> Iterator[str]:
    with serving(seeded["db"]) as base:
        yield base


def map_ids(page) -> set[str]:
    return set(
        page.evaluate(
            "() => document.getElementById('map').data"
            ".filter(t => t.mode === 'markers').flatMap(t => t.customdata)"
        )
    )


def list_ids(page) -> set[str]:
    rows = "rows => rows.map(r => r.dataset.eventId)"
    return set(page.eval_on_selector_all("#events tbody tr", rows))


def timeline_days(page) -> dict[str, int]:
    series = page.evaluate(
        "() => document.getElementById('timeline').data.map(t => [t.x, t.y])"
    )
    out: dict[str, int] = {}
    for xs, ys in series:
        for x, y in zip(xs, ys, strict=True):
            out[str(x)[:10]] = out.get(str(x)[:10], 0) + y
    return out


def test_seed_incidents_on_map_and_timeline(server, seeded, page):
    page.goto(server + "/")
    loaded(page)
    seed = seeded["seed"]
    assert map_ids(page) == set(seed) and list_ids(page) == set(seed)
    days = timeline_days(page)
    for event in seed.values():
        assert days.get(event.event_date.isoformat(), 0) >= 1, (event.event_date, days)
    # the points are drawn: one SVG marker per event with coordinates
    assert page.locator("#map .scatterlayer path.point").count() == len(map_ids(page))
    assert page.locator("#timeline .barlayer path").count() >= len(days)
    shot(page, "dashboard.png")
    page.check("input[name=bin][value=week]")
    loaded(page)
    weeks = timeline_days(page)
    assert sum(weeks.values()) == sum(days.values())
    assert all(dt.date.fromisoformat(w).weekday() == 0 for w in weeks)  # keyed by Monday
    assert page.problems == []


def test_a_filter_narrows_them(server, seeded, page):
    seed = seeded["seed"]
    homs = {i for i, e in seed.items() if e.admin1 == "Homs"}
    assert homs and homs != set(seed)
    page.goto(server + "/")
    loaded(page)
    page.select_option("#f-admin1", "Homs")
    page.click("#apply")
    loaded(page)
    assert "admin1=Homs" in page.url
    assert map_ids(page) == homs and list_ids(page) == homs
    # the downloads follow the filters
    href = page.get_attribute("#dl-csv", "href")
    assert "admin1=Homs" in href
    rows = list(csv.DictReader(io.StringIO(page.request.get(server + href).text())))
    assert {r["event_id_cnty"] for r in rows} == homs
    geojson = page.request.get(server + page.get_attribute("#dl-geojson", "href")).json()
    assert {f["id"] for f in geojson["features"]} == homs
    # brushing the timeline: dragging across one day's bars filters the whole page to it
    day = next(iter(seed.values())).event_date.isoformat()
    page.goto(server + "/")
    loaded(page)
    trace, point = page.evaluate(
        "(day) => { const d = document.getElementById('timeline').data;"
        " const t = d.findIndex(s => s.x.some(x => String(x).startsWith(day)));"
        " return [t, d[t].x.findIndex(x => String(x).startsWith(day))]; }",
        day,
    )
    bar = page.locator("#timeline .barlayer .trace").nth(trace).locator("path").nth(point)
    box = bar.bounding_box()
    plot = page.locator("#timeline .nsewdrag").first.bounding_box()
    y = plot["y"] + plot["height"] / 2
    page.mouse.move(box["x"] - 2, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] + 2, y, steps=8)
    page.mouse.up()
    page.wait_for_url(f"**since={day}**")
    loaded(page)
    expected = {i for i, e in seed.items() if e.event_date.isoformat() == day}
    assert list_ids(page) == expected and map_ids(page) == expected
    assert page.input_value("#f-since") == day and page.input_value("#f-until") == day
    assert page.problems == []


def test_click_a_point_opens_the_event_with_its_evidence(server, seeded, page):
    seed = seeded["seed"]
    page.goto(server + "/?admin1=Homs")
    loaded(page)
    point = page.locator("#map .scatterlayer path.point").first
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector(".hoverlayer .hovertext", timeout=5_000)
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url("**/event/**")
    event = seed[page.url.rsplit("/", 1)[1]]
    marks = page.locator("mark.evidence")
    assert marks.count() > 0
    highlighted = " ".join(marks.all_inner_texts())
    for span in event.evidence_for("location"):
        assert span.text in highlighted
    assert page.locator("#fields").inner_text().count(event.event_id) == 1
    assert page.locator("#actions tr").count() == len(event.actions) + 1
    shot(page, "event.png")
    assert page.problems == []


def test_campaign_view_shows_all_three(server, seeded, page):
    page.goto(server + "/campaigns")
    page.click(f"tr[data-campaign-id='{seeded['campaign']}'] a")  # the link is the pattern
    loaded(page)
    seed = set(seeded["seed"])
    assert map_ids(page) == seed and list_ids(page) == seed
    assert sum(timeline_days(page).values()) == 3
    assert page.inner_text("#campaign-members") == "3"
    assert page.inner_text("#campaign-explanation") == seeded["explanation"]
    shot(page, "campaign.png")
    assert page.problems == []


@pytest.mark.parametrize("bypass_csp", [False, True])
def test_xss_payloads_stay_inert(server, seeded, payload, browser, bypass_csp):
    """With the CSP and without it (so escaping alone must hold), nothing in an article runs."""
    context = browser.new_context(bypass_csp=bypass_csp, viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(server + "/?admin1=Dar%27a")
        loaded(page)
        assert "ev-payload" in map_ids(page)
        # hover the payload's point: plotly renders its label, which must show the text as is
        trace, point = page.evaluate(
            "() => { const d = document.getElementById('map').data;"
            " const t = d.findIndex(s => (s.customdata || []).includes('ev-payload'));"
            " return [t, d[t].customdata.indexOf('ev-payload')]; }"
        )
        marker = page.locator("#map .scatterlayer .trace").nth(trace).locator("path.point")
        box = marker.nth(point).bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        label = page.wait_for_selector(".hoverlayer .hovertext", timeout=5_000)
        assert XSS_IMG + " Town" in label.text_content()
        assert "Gunmen " + XSS_SCRIPT in label.text_content()
        assert page.evaluate("() => window.__xss") is None
        assert XSS_SCRIPT in page.inner_text("#events")
        for url in ("/event/ev-payload", "/campaigns", f"/?campaign={payload['campaign']}"):
            page.goto(server + url)
            if url.startswith("/?"):
                loaded(page)
            assert page.evaluate("() => window.__xss") is None, url
            handlers = "() => document.querySelectorAll('[onerror],[onload]').length"
            assert page.evaluate(handlers) == 0
        assert XSS_SCRIPT in page.inner_text("#campaign-explanation")  # as text
        page.goto(server + "/event/ev-payload")
        fields = page.inner_text("#fields")
        assert XSS_IMG + " Town" in fields and XSS_SCRIPT in fields
        assert page.locator(".doctext img, .doctext script, .doctext svg").count() == 0
        assert page.evaluate("() => window.__xss") is None
        assert dialogs == []
    finally:
        context.close()
