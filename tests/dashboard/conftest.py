"""A hand-built store for the dashboard's tests; browser tests only with YAQUT_BROWSER_TESTS=1.

The browser tests (``tests/dashboard/browser``) need Chromium and Playwright and take tens
of seconds, so plain ``make test`` does not even collect them; ``make test-browser``
installs what they need and sets the variable.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from yaqut.ingest import make_document
from yaqut.records import Action, Campaign, Claim, Event, Quantity, Span
from yaqut.store import Store

if not os.environ.get("YAQUT_BROWSER_TESTS"):
    collect_ignore_glob = ["browser/*"]

CHROMIUM = os.environ.get("YAQUT_CHROMIUM", "/usr/bin/chromium")

#: Markup an attacker could put in an article; none of it may run or become markup.
XSS_SCRIPT = "<script>window.__xss = 'script'</script>"
XSS_IMG = "<img src=x onerror=\"window.__xss = 'img'\">"
XSS_SVG = "<svg onload=\"window.__xss = 'svg'\"></svg>"

ARTICLE = (
    "Security forces met elders in Talbiseh on 19 May. They demanded 20 rifles. "
    "Shelling hit Kafr Nabl on 21 May, killing 3 civilians. "
    "Protesters gathered in Sweida on 2 June."
)

PAYLOAD_TEXT = (
    f"Gunmen attacked {XSS_IMG} Town on 1 June. {XSS_SCRIPT} Witnesses said {XSS_SVG} "
    "nothing else, 100% of the 5_000 residents fled."
)


def _span(text: str, needle: str, doc_id: str | None = None) -> Span:
    start = text.index(needle)
    return Span(start, start + len(needle), needle, doc_id)


def build_events(doc_id: str, payload_id: str) -> list[Event]:
    """Four events of ARTICLE with evidence, and one of PAYLOAD_TEXT full of markup."""
    t = ARTICLE
    talbiseh = Event(
        event_id="ev-talbiseh",
        doc_ids=(doc_id,),
        event_date=dt.date(2023, 5, 19),
        time_precision=1,
        event_type="Strategic developments",
        sub_event_type="Agreement",
        actor1="Military Forces of Syria (2000-)",
        actor2="Civilians (Syria)",
        country="Syria",
        admin1="Homs",
        location="Talbiseh",
        latitude=34.84,
        longitude=36.73,
        geo_precision=1,
        actions=(
            Action("CONSULT", "occurred", "Military Forces of Syria (2000-)", None,
                   "met elders in Talbiseh", t.index("met elders"),
                   t.index("met elders") + len("met elders in Talbiseh")),
            Action("DEMAND", "demanded", "Military Forces of Syria (2000-)", None,
                   "demanded 20 rifles", t.index("demanded"),
                   t.index("demanded") + len("demanded 20 rifles")),
        ),  # fmt: skip
        quantities=(
            Quantity(20, "rifles", "demanded", "20 rifles", t.index("20 rifles"),
                     t.index("20 rifles") + len("20 rifles")),
        ),  # fmt: skip
        notes="On 19 May 2023, in Talbiseh (Homs), security forces demanded 20 rifles.",
        evidence=(
            ("location", (_span(t, "Talbiseh", doc_id),)),
            ("actor1", (_span(t, "Security forces", doc_id),)),
            ("event_date", (_span(t, "19 May"),)),
        ),
        source="yaqut",
    )
    kafr_nabl = Event(
        event_id="ev-kafrnabl",
        doc_ids=(doc_id,),
        event_date=dt.date(2023, 5, 21),
        time_precision=1,
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        actor1="Military Forces of Syria (2000-)",
        actor2="Civilians (Syria)",
        country="Syria",
        admin1="Idleb",
        location="Kafr Nabl",
        latitude=35.61,
        longitude=36.56,
        geo_precision=1,
        fatalities=3,
        actions=(Action("ASSAULT", "occurred", None, None, "Shelling hit Kafr Nabl",
                        t.index("Shelling"), t.index("Shelling") + 22),),  # fmt: skip
        quantities=(Quantity(3, "people", "killed", "3 civilians", t.index("3 civilians"),
                             t.index("3 civilians") + 11),),  # fmt: skip
        claims=(Claim("local sources", "the shelling was heavy", 0, 5),),
        notes="Shelling hit Kafr Nabl, killing 3 civilians.",
        evidence=(("location", (_span(t, "Kafr Nabl", doc_id),)),),
        source="yaqut",
    )
    sweida = Event(
        event_id="ev-sweida",
        doc_ids=(doc_id,),
        event_date=dt.date(2023, 6, 2),
        time_precision=1,
        event_type="Protests",
        sub_event_type="Peaceful protest",
        actor1="Protesters (Syria)",
        country="Syria",
        admin1="As-Sweida",
        location="Sweida",
        latitude=32.71,
        longitude=36.57,
        geo_precision=1,
        actions=(Action("PROTEST", "occurred", None, None, "Protesters gathered",
                        t.index("Protesters"), t.index("Protesters") + 19),),  # fmt: skip
        notes="Protesters gathered in Sweida.",
        evidence=(("location", (Span(0, 6, "Sweida", doc_id),)),),  # stale offsets on purpose
        source="yaqut",
    )
    nowhere = Event(
        event_id="ev-undated",
        doc_ids=(doc_id,),
        event_type="Strategic developments",
        sub_event_type="Other",
        actor1="Military Forces of Syria (2000-)",
        notes="An undated, unplaced development.",
        source="yaqut",
    )
    p = PAYLOAD_TEXT
    payload = Event(
        event_id="ev-payload",
        doc_ids=(payload_id,),
        event_date=dt.date(2023, 6, 1),
        time_precision=1,
        event_type="Violence against civilians",
        sub_event_type="Attack",
        actor1=f"Gunmen {XSS_SCRIPT}",
        actor2="Civilians (Syria)",
        country="Syria",
        admin1="Dar'a",
        location=f"{XSS_IMG} Town",
        latitude=32.62,
        longitude=36.10,
        geo_precision=2,
        actions=(Action("ASSAULT", "occurred", None, None, f"attacked {XSS_IMG}",
                        p.index("attacked"), p.index("attacked") + 9 + len(XSS_IMG)),),  # fmt: skip
        notes=f"Gunmen attacked {XSS_IMG} Town. {XSS_SCRIPT} {XSS_SVG}",
        evidence=(
            ("location", (_span(p, f"{XSS_IMG} Town", payload_id),)),
            ("actor1", (_span(p, "Gunmen", payload_id),)),
        ),
        source="yaqut",
    )
    return [talbiseh, kafr_nabl, sweida, nowhere, payload]


def campaign_of(
    members: list[str],
    *,
    explanation: str = "Three demands in a week.",
    campaign_id: str = "cmp-test",
) -> Campaign:
    return Campaign(
        campaign_id=campaign_id,
        members=tuple(members),
        start=dt.date(2023, 5, 19),
        end=dt.date(2023, 5, 21),
        places=("Talbiseh", "Kafr Nabl"),
        admin1s=("Homs", "Idleb"),
        actors=("Military Forces of Syria (2000-)",),
        pattern="coercion",
        p_value=0.004,
        replications=999,
        method="space-time scan",
        explanation=explanation,
        statistic=7.5,
        extra=(("observed", 2.1), ("expected", 0.02), ("note", XSS_IMG),
               ("coarse_members", members[:1])),  # fmt: skip
    )


def fill_store(path: Path) -> Path:
    doc = make_document(
        ARTICLE, published="2023-06-03", doc_id="doc-main", source="Test Wire",
        title="Demands and shelling", url="https://example.org/a",
    )  # fmt: skip
    payload = make_document(
        PAYLOAD_TEXT, published="2023-06-02", doc_id="doc-payload",
        source=f"Wire {XSS_SCRIPT}", title=f"Title {XSS_IMG}",
    )  # fmt: skip
    events = build_events(doc.id, payload.id)
    with Store(path) as store:
        store.add_coded(doc, events[:4])
        store.add_coded(payload, events[4:])
        store.put_campaigns(
            [campaign_of(["ev-talbiseh", "ev-kafrnabl"], explanation=f"Why: {XSS_SCRIPT}")]
        )
    return path


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return fill_store(tmp_path / "dash.db")


# -- the browser tests' chromium (only they ask for these) ---------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no chromium at {CHROMIUM} (make test-browser installs Debian's package)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A page that records console errors, page errors and dialogs (none may happen)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.problems = []
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(m.text))
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))
    pg.on("dialog", lambda d: (pg.problems.append("dialog: " + d.message), d.dismiss()))
    yield pg
    context.close()
