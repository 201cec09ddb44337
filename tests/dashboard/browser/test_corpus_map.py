"""The dashboard over a whole corpus: the map opens on Syria, events outside its frame are
counted and listed beside it, no marker outgrows the cap, the legend is off the map, the
campaigns are readable and a campaign's map fits its members.

The store is the whole Guardian corpus (``../shared/data/corpus``, or $YAQUT_CORPUS) coded
by ``yaqut code`` with the real pipeline and its campaigns found by ``yaqut campaigns``;
about two minutes. Screenshots: corpus-map.png, corpus-overview.png (map and timeline),
corpus-campaigns.png, corpus-campaign.png.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_kit import ROOT, SHOTS, _yaqut, loaded, serving, shot

from yaqut.store import Store

CORPUS = Path(os.environ.get(
    "YAQUT_CORPUS", ROOT.parent / "shared" / "data" / "corpus" / "guardian_syria_2017_2019.jsonl"
))  # fmt: skip
SYRIA = {"x": (35.6, 42.4), "y": (32.2, 37.4)}  # the frame dashboard.js opens on
MARKER_CAP = 26  # px, dashboard.js MARKER.max


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> Path:
    if not CORPUS.is_file():
        pytest.skip(f"no corpus at {CORPUS} (set YAQUT_CORPUS)")
    db = tmp_path_factory.mktemp("corpus") / "guardian.db"
    done = _yaqut("code", str(CORPUS), "--db", str(db), "--no-progress")
    assert done.returncode == 0, done.stderr
    found = _yaqut("campaigns", "--db", str(db), "--format", "json")
    assert found.returncode == 0, found.stderr
    return db


@pytest.fixture(scope="module")
def server(corpus_db) -> Iterator[str]:
    with serving(corpus_db) as base:
        yield base


def inside(p: dict, frame: dict) -> bool:
    return (frame["x"][0] <= p["longitude"] <= frame["x"][1]
            and frame["y"][0] <= p["latitude"] <= frame["y"][1])  # fmt: skip


def full_ranges(page) -> dict:
    return page.evaluate(
        "() => { const l = document.getElementById('map')._fullLayout;"
        " return {x: l.xaxis.range, y: l.yaxis.range}; }"
    )


def test_the_map_opens_on_syria_and_lists_what_lies_outside(server, page):
    points = page.request.get(server + "/api/map").json()["points"]
    outside = [p for p in points if not inside(p, SYRIA)]
    assert len(points) > 100 and outside  # a corpus, with events coded abroad
    page.goto(server + "/")
    loaded(page)
    ranges = full_ranges(page)
    # Syria's frame is shown whole, and not much more (plotly widens one axis for the aspect)
    assert ranges["x"][0] <= SYRIA["x"][0] and ranges["x"][1] >= SYRIA["x"][1]
    assert ranges["y"][0] <= SYRIA["y"][0] and ranges["y"][1] >= SYRIA["y"][1]
    assert ranges["x"][1] - ranges["x"][0] < 2 * (SYRIA["x"][1] - SYRIA["x"][0])
    assert ranges["y"][1] - ranges["y"][0] < 2 * (SYRIA["y"][1] - SYRIA["y"][0])
    assert page.inner_text("#outside-count") == str(len(outside))
    listed = page.eval_on_selector_all("#outside-list li", "els => els.map(e => e.dataset.eventId)")
    assert set(listed) <= {p["event_id"] for p in outside} and len(listed) == min(200, len(outside))
    status = page.inner_text("#map-status")
    assert status.startswith(f"{len(points) - len(outside)} on the map, {len(outside)} outside")
    shot(page, "corpus-map.png")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.locator(".grid").screenshot(path=str(SHOTS / "corpus-overview.png"))  # the README's
    assert page.problems == []


def test_the_largest_marker_is_capped_and_the_legend_is_off_the_map(server, page):
    page.goto(server + "/")
    loaded(page)
    sizes = page.evaluate(
        "() => document.getElementById('map').data.filter(t => t.mode === 'markers')"
        ".flatMap(t => t.marker.size)"
    )
    points = page.request.get(server + "/api/map").json()["points"]
    fatalities = [p["fatalities"] or 0 for p in points if inside(p, SYRIA)]  # those drawn
    big = max(fatalities)
    expected_max = min(MARKER_CAP, 8 + 2.5 * big ** 0.5)  # dashboard.js markerSize
    assert abs(max(sizes) - expected_max) < 1e-6 and min(sizes) >= 8
    assert max(sizes) <= MARKER_CAP
    drawn = [box["width"] for box in (m.bounding_box() for m in
             page.locator("#map .scatterlayer path.point").all()) if box]  # fmt: skip
    assert drawn and round(max(drawn)) <= MARKER_CAP + 2  # + the white outline
    assert page.locator("#map .legend").count() == 0  # plotly draws no legend on the map
    legend, plot = page.locator("#map-legend").bounding_box(), page.locator("#map").bounding_box()
    assert legend["x"] >= plot["x"] + plot["width"]  # beside it
    assert page.problems == []


def test_campaigns_are_readable_and_a_campaign_map_fits_its_members(server, corpus_db, page):
    with Store(corpus_db) as store:
        campaigns = list(store.campaigns())
    assert campaigns
    page.goto(server + "/campaigns")
    rows = page.locator("#campaigns tbody tr")
    assert rows.count() == len(campaigns)
    best = min(campaigns, key=lambda c: (c.p_value, -len(c.members), c.start, c.campaign_id))
    first = rows.first.inner_text()
    for text in (best.pattern, best.start.isoformat(), best.explanation, str(len(best.members))):
        assert text in first
    assert best.places[0] in first
    shot(page, "corpus-campaigns.png")
    page.locator("#campaigns tbody tr a").first.click()
    loaded(page)
    points = page.request.get(server + f"/api/map?campaign={best.campaign_id}").json()["points"]
    near = [p for p in points if inside(p, SYRIA)] or points
    ranges = full_ranges(page)
    frame = {"x": ranges["x"], "y": ranges["y"]}
    assert all(inside(p, frame) for p in near)  # every member in Syria is on the map
    assert ranges["x"][1] - ranges["x"][0] <= SYRIA["x"][1] - SYRIA["x"][0]  # zoomed in, not out
    shot(page, "corpus-campaign.png")
    assert page.problems == []
