"""Campaigns: planted clusters found with small p, uniform background not, coarse at own scale."""

from __future__ import annotations

import dataclasses
import datetime as dt

import numpy as np
import pytest

from yaqut.campaigns import (
    actor_family,
    find_campaigns,
    format_p,
    gumbel_p,
    monte_carlo_p,
    pattern_keys,
    shuffled_dates,
)
from yaqut.errors import UsageError
from yaqut.records import Action, Event, Quantity

ARMY = "Military Forces of Syria (2000-)"
MI = "Military Forces of Syria (2000-) Military Intelligence"
REBELS = "Opposition Rebels (Syria)"
DAY0 = dt.date(2021, 1, 1)


def clash(i: int, day: int, lat: float, lon: float, *, actor: str = ARMY, tp: int = 1,
          gp: int = 1, prefix: str = "B", sub: str = "Armed clash") -> Event:
    return Event(
        event_id=f"{prefix}{i:04d}", doc_ids=(), event_date=DAY0 + dt.timedelta(days=day),
        time_precision=tp, event_type="Battles", sub_event_type=sub, actor1=actor,
        actor2=REBELS, admin1="Idleb", location=f"Town {prefix}{i}", latitude=lat,
        longitude=lon, geo_precision=gp,
        actions=(Action("ASSAULT", "occurred", actor, REBELS, "derived", 0, 0),),
        source="test",
    )


def background(n: int = 240, seed: int = 3, days: int = 730) -> list[Event]:
    """Events spread evenly over ``days`` days and a box of about 330 x 270 km."""
    rng = np.random.default_rng(seed)
    return [clash(i, int(rng.integers(0, days)), float(rng.uniform(34.0, 37.0)),
                  float(rng.uniform(36.0, 39.0))) for i in range(n)]


def planted(n: int = 6, day: int = 400, *, tp: int = 1, gp: int = 1, spread_days: int = 3,
            lat: float = 35.5, lon: float = 37.0) -> list[Event]:
    rng = np.random.default_rng(11)
    return [clash(i, day + int(rng.integers(0, spread_days)), lat + float(rng.normal(0, 0.03)),
                  lon + float(rng.normal(0, 0.03)), tp=tp, gp=gp, prefix="P")
            for i in range(n)]


def test_actor_family():
    assert actor_family(MI) == ARMY
    assert actor_family(ARMY) == ARMY
    assert actor_family("QSD: Syrian Democratic Forces") == "QSD: Syrian Democratic Forces"
    assert actor_family(None) is None


def test_pattern_keys_use_real_modes_and_families():
    ev = Event(
        event_id="e", doc_ids=(), event_date=DAY0, actor1=MI,
        event_type="Strategic developments", sub_event_type="Other",
        actions=(Action("DEMAND", "demanded", MI, None, "t", 0, 1),
                 Action("THREATEN", "threatened", None, None, "t", 0, 1),
                 Action("ASSAULT", "hypothetical", MI, None, "t", 0, 1)),
    )
    keys = pattern_keys(ev)
    assert (ARMY, "type", "Strategic developments/Other") in keys
    assert (ARMY, "pair", "DEMAND + THREATEN") in keys
    assert (ARMY, "action", "DEMAND") in keys
    assert not any("ASSAULT" in k[2] for k in keys)  # hypothetical: not a real action


def test_monte_carlo_p():
    assert monte_carlo_p(0, 999) == pytest.approx(0.001)
    assert monte_carlo_p(999, 999) == 1.0
    with pytest.raises(UsageError):
        monte_carlo_p(5, 3)


def test_planted_cluster_is_found_with_small_p():
    events = background() + planted()
    found = find_campaigns(events, replications=199, seed=1)
    hits = [c for c in found if {f"P{i:04d}" for i in range(6)} <= set(c.members)]
    assert hits, [c.explanation for c in found]
    camp = hits[0]
    assert camp.p_value <= 0.01
    assert camp.replications == 199
    # p = (r+1)/(R+1): an exact fraction of the replications
    assert camp.p_value * (camp.replications + 1) == pytest.approx(
        round(camp.p_value * (camp.replications + 1)))
    # the cluster is the planted events (and perhaps a background event that fell among them)
    assert sum(not m.startswith("P") for m in camp.members) <= 1
    assert camp.start >= DAY0 + dt.timedelta(days=395)
    assert camp.end <= DAY0 + dt.timedelta(days=405)
    assert ARMY in camp.pattern or ARMY in camp.actors
    assert "p = " in camp.explanation and "199 Monte Carlo replications" in camp.explanation
    assert camp.campaign_id.startswith("cmp-")


def test_uniform_background_gives_nothing():
    for seed in (3, 4):
        assert find_campaigns(background(seed=seed), replications=199, seed=1) == []


def test_same_seed_same_result_and_other_seed_same_campaign():
    events = background() + planted()
    a = find_campaigns(events, replications=99, seed=5)
    b = find_campaigns(list(reversed(events)), replications=99, seed=5)
    assert [c.members for c in a] == [c.members for c in b]
    assert [c.p_value for c in a] == [c.p_value for c in b]
    c = find_campaigns(events, replications=99, seed=6)
    assert [x.members for x in a] == [x.members for x in c]


def test_seed_like_demands_under_threat_form_one_campaign():
    def demand(i, day, lat, lon, actor, tp=1):
        return Event(
            event_id=f"D{i}", doc_ids=("doc",), event_date=dt.date(2023, 5, day),
            time_precision=tp, event_type="Strategic developments", sub_event_type="Other",
            actor1=actor, admin1="Dar'a" if lat < 33 else "Homs", location=f"Town {i}",
            latitude=lat, longitude=lon, geo_precision=1,
            actions=(Action("DEMAND", "demanded", actor, None, "demanded weapons", 0, 1),
                     Action("THREATEN", "threatened", actor, None, "threatened", 0, 1)),
            quantities=(Quantity(50, "automatic rifles", "demanded", "50 rifles", 0, 1),),
        )

    events = [demand(1, 15, 32.58, 36.20, MI, tp=3), demand(2, 19, 34.84, 36.73, ARMY),
              demand(3, 20, 32.63, 36.16, MI)]
    (camp,) = find_campaigns(events, replications=199)
    assert set(camp.members) == {"D1", "D2", "D3"}
    assert "DEMAND" in camp.pattern and "THREATEN" in camp.pattern
    assert camp.admin1s == ("Dar'a", "Homs")
    assert camp.p_value < 0.05
    assert camp.start == dt.date(2023, 5, 19)  # the month-dated member does not set the start
    assert "dated only to the month" in camp.explanation


def test_governorate_level_events_never_enter_a_kilometre_cell():
    # the same tight cluster, but coded only at governorate level (geo_precision 3)
    events = background() + planted(gp=3)
    for camp in find_campaigns(events, replications=199, seed=1):
        if any(m.startswith("P") for m in camp.members):
            assert dict(camp.extra)["zone_km"] is None  # the whole map only
    # known to the town, the same cluster is found in a cell measured in kilometres
    (hit,) = [c for c in find_campaigns(background() + planted(), replications=199, seed=1)
              if any(m.startswith("P") for m in c.members)]
    assert dict(hit.extra)["zone_km"] is not None


def test_month_dated_events_take_part_only_at_month_scale():
    # eight events known only to the month, all placed on day 400 (ACLED codes such events
    # on a day of the month): spread over the month they must not make a 3- or 7-day burst
    events = background() + planted(n=8, tp=3, spread_days=1)
    for camp in find_campaigns(events, replications=199, seed=1):
        coarse = dict(camp.extra)["coarse_members"]
        if coarse:
            assert camp.window_days >= 28
    # the same eight events known to the day are a burst, found in a short window
    day_level = find_campaigns(background() + planted(n=8, spread_days=1), replications=199,
                               seed=1)
    (hit,) = [c for c in day_level if any(m.startswith("P") for m in c.members)]
    assert hit.window_days <= 7


def test_since_until_and_small_input():
    events = background() + planted()
    assert find_campaigns(events, until=DAY0 + dt.timedelta(days=300), replications=99) == []
    assert find_campaigns(planted(n=2), replications=99) == []
    undated = [Event(event_id=f"u{i}", doc_ids=()) for i in range(5)]
    assert find_campaigns(undated) == []


@pytest.mark.parametrize("kwargs", [{"replications": 0}, {"alpha": 1.5}, {"windows": ()}])
def test_bad_arguments(kwargs):
    with pytest.raises(UsageError):
        find_campaigns(background(n=10), **kwargs)


# ------------------------------------------------------------------------------ the CLI


def _store_with(path, events):
    from yaqut.store import Store

    with Store(path) as store:
        store.import_events(events)


@pytest.fixture
def cli_runner(monkeypatch, tmp_path):
    from click.testing import CliRunner

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("YAQUT_CONFIG", raising=False)
    return CliRunner()


def test_cli_campaigns_json_fields_and_stored(cli_runner, tmp_path):
    import json

    from yaqut.cli import main
    from yaqut.store import Store

    db = tmp_path / "s.db"
    _store_with(db, background() + planted())
    result = cli_runner.invoke(main, ["campaigns", "--db", str(db), "--format", "json",
                                      "--replications", "99"])
    assert result.exit_code == 0, result.output
    records = json.loads(result.stdout)
    (hit,) = [r for r in records if "P0000" in r["members"]]
    assert set(hit) >= {"campaign_id", "members", "start", "end", "places", "actors", "pattern",
                        "p_value", "replications", "seed", "explanation", "governorates"}
    assert hit["replications"] == 99 and hit["seed"] == 20230524
    assert hit["p_value"] <= 0.05
    assert hit["places"][0]["governorate"] == "Idleb"
    assert hit["start"] <= hit["end"]
    assert "p = " in hit["explanation"]
    with Store(db, create=False) as store:
        assert [c.campaign_id for c in store.campaigns()] == [r["campaign_id"] for r in records]
    assert "stored" in result.stderr


def test_cli_campaigns_since_until_geojson_and_table(cli_runner, tmp_path):
    import json

    from yaqut.cli import main

    db = tmp_path / "s.db"
    _store_with(db, background() + planted())
    late = cli_runner.invoke(main, ["campaigns", "--db", str(db), "--format", "json",
                                    "--replications", "49", "--since", "2022-06-01"])
    assert late.exit_code == 0
    assert json.loads(late.stdout) == []  # the planted burst is in February 2022
    geo = cli_runner.invoke(main, ["campaigns", "--db", str(db), "--format", "geojson",
                                   "--replications", "49", "--until", "2022-12-31"])
    collection = json.loads(geo.stdout)
    assert collection["type"] == "FeatureCollection"
    feature = next(f for f in collection["features"]
                   if "P0000" in f["properties"]["members"])
    assert feature["geometry"]["type"] == "MultiPoint"
    assert len(feature["geometry"]["coordinates"]) == len(feature["properties"]["members"])
    table = cli_runner.invoke(main, ["campaigns", "--db", str(db), "--replications", "49"])
    assert table.exit_code == 0 and "cmp-" in table.stdout


def test_cli_campaigns_top_and_background(cli_runner, tmp_path):
    import json

    from yaqut.cli import main

    db = tmp_path / "s.db"
    second = [clash(700 + i, 600 + i % 2, 34.5 + 0.01 * i, 38.0, prefix="Q") for i in range(7)]
    told = [dataclasses.replace(e, background=True) for e in planted()]
    _store_with(db, background() + second + told)
    args = ["campaigns", "--db", str(db), "--format", "json", "--replications", "99"]
    best = json.loads(cli_runner.invoke(main, [*args, "--top", "1"]).stdout)
    assert len(best) == 1 and best[0]["rank"] == 1
    assert best[0]["family"] == ARMY and best[0]["relative_risk"] >= 2.0
    plain = json.loads(cli_runner.invoke(main, args).stdout)
    assert plain[0] == best[0]
    assert not any(m.startswith("P") for c in plain for m in c["members"])  # background
    every = json.loads(cli_runner.invoke(main, [*args, "--with-background"]).stdout)
    assert any(m.startswith("P") for c in every for m in c["members"])


def test_cli_campaigns_without_store(cli_runner, tmp_path):
    from yaqut.cli import main

    result = cli_runner.invoke(main, ["campaigns", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 3
    assert "no event store" in result.stderr


def test_demo_prints_the_campaign_under_its_incidents(cli_runner, monkeypatch):
    from yaqut import cli

    def coder(doc):
        return [
            Event(event_id=f"{doc.id}:{i}", doc_ids=(doc.id,), event_date=dt.date(2023, 5, d),
                  time_precision=1, event_type="Strategic developments", sub_event_type="Other",
                  actor1=ARMY, admin1=gov, location=town, latitude=lat, longitude=lon,
                  geo_precision=1,
                  actions=(Action("DEMAND", "demanded", ARMY, None, "demanded", 0, 1),
                           Action("THREATEN", "threatened", ARMY, None, "warned", 0, 1)))
            for i, (d, town, gov, lat, lon) in enumerate([
                (18, "Town A", "Dar'a", 32.6, 36.2), (19, "Town B", "Homs", 34.8, 36.7),
                (20, "Town C", "Dar'a", 32.63, 36.16)])
        ]

    monkeypatch.setattr(cli, "_load_coder", lambda config: coder)
    result = cli_runner.invoke(cli.main, ["demo"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("Campaign behind these incidents") > out.index("Town C")
    below = out[out.index("Campaign behind these incidents"):]
    assert "cmp-" in below and "3 events" in below and "THREATEN" in below


@pytest.mark.parametrize("factor", [0.0, 1e12])  # every zone scanned by events / on the grid
def test_both_scan_layouts_find_the_planted_cluster(monkeypatch, factor):
    import yaqut.campaigns as campaigns_module

    monkeypatch.setattr(campaigns_module, "_GRID_FACTOR", factor)
    found = find_campaigns(background() + planted(), replications=99, seed=1)
    (hit,) = [c for c in found if any(m.startswith("P") for m in c.members)]
    assert {f"P{i:04d}" for i in range(6)} <= set(hit.members)
    assert hit.p_value <= 0.02
    # the statistic of the reported cylinder is recomputed from its members
    assert hit.observed >= 6 and hit.expected < 1.0
    assert find_campaigns(background(), replications=99, seed=1) == []


def test_a_busier_quarter_everywhere_is_not_a_campaign():
    # 1,200 events over two years, and 40% more during one quarter all over the map:
    # far beyond chance for so many events, but no concentration
    rng = np.random.default_rng(8)
    base = background(n=1200, seed=8)
    extra = [clash(2000 + i, int(rng.integers(300, 392)), float(rng.uniform(34.0, 37.0)),
                   float(rng.uniform(36.0, 39.0))) for i in range(70)]
    assert find_campaigns(base + extra, replications=99, seed=1) == []
    # the same store with a planted burst still shows the burst
    found = find_campaigns(base + extra + planted(), replications=99, seed=1)
    assert any({f"P{i:04d}" for i in range(6)} <= set(c.members) for c in found)


# -- calibration: shuffled dates give (almost) nothing, planted clusters come back ------------

FAMILIES = (ARMY, REBELS, "Islamic State (Syria)", "QSD: Syrian Democratic Forces")
SUBS = ("Armed clash", "Government regains territory", "Non-state actor overtakes territory")


def realistic(n: int = 600, seed: int = 21) -> list[Event]:
    """A store shaped like a conflict's: families of unequal size that each keep to a part of
    the map, sub-types of unequal frequency, a year-on-year change of rate per family, and a
    day-to-day rhythm (busy days with three times the events), over two years."""
    rng = np.random.default_rng(seed)
    towns = np.column_stack([rng.uniform(34.0, 37.0, 80), rng.uniform(36.0, 39.0, 80)])
    busy = rng.random(730) < 0.1
    day_weight = np.where(busy, 3.0, 1.0)
    events = []
    for i in range(n):
        f = int(rng.choice(4, p=[0.4, 0.3, 0.2, 0.1]))
        home = towns[f * 20:(f + 1) * 20]  # each family keeps to its own towns
        town = home[int(rng.integers(len(home)))]
        year = int(rng.random() < (0.3 if f % 2 else 0.7))  # rates change between the years
        days = np.arange(365) + 365 * year
        day = int(rng.choice(days, p=day_weight[days] / day_weight[days].sum()))
        sub = SUBS[int(rng.choice(3, p=[0.7, 0.2, 0.1]))]
        events.append(clash(i, day, float(town[0] + rng.normal(0, 0.01)),
                            float(town[1] + rng.normal(0, 0.01)), actor=FAMILIES[f],
                            prefix="R", sub=sub))
    return events


def test_shuffled_dates_keep_places_and_rhythm_and_give_at_most_the_false_alarm_rate():
    events = realistic()
    mixed = shuffled_dates(events, 1)
    assert sorted(e.event_date for e in mixed) == sorted(e.event_date for e in events)
    assert [(e.event_id, e.latitude, e.actor1) for e in mixed] == [
        (e.event_id, e.latitude, e.actor1) for e in events]
    # with alpha = 0.05 and Benjamini-Hochberg over the keys, a store without clusters
    # reports any campaign at most 5% of the time: in 8 shuffles, one is already a lot
    alarms = [len(find_campaigns(shuffled_dates(events, s), replications=999, seed=s))
              for s in range(8)]
    assert sum(a > 0 for a in alarms) <= 1, alarms


def test_planted_clusters_in_a_shuffled_store_are_found():
    events = realistic()
    found = 0
    for s in range(4):
        day = 100 + 150 * s
        extra = [clash(i, day + i % 3, 35.0 + 0.4 * s + 0.01 * i, 37.5, prefix=f"K{s}",
                       actor=FAMILIES[s % 4]) for i in range(6)]
        camps = find_campaigns(shuffled_dates(events, s) + extra, replications=999, seed=s)
        ids = {e.event_id for e in extra}
        found += any(len(ids & set(c.members)) >= 4 for c in camps)
    assert found == 4


def test_a_campaign_spans_more_than_one_place_or_day_and_says_what_ties_it():
    # four reports of one incident (one town, one day) are not a campaign
    same = [dataclasses.replace(clash(i, 400, 35.5, 37.0, prefix="S"), location="Town S")
            for i in range(4)]
    assert not any(m.startswith("S") for c in find_campaigns(background() + same,
                                                                replications=99, seed=1)
                   for m in c.members)
    found = find_campaigns(background() + planted(), replications=99, seed=1)
    (hit,) = [c for c in found if any(m.startswith("P") for m in c.members)]
    assert hit.family == ARMY and hit.kind in ("type", "action")
    assert hit.when.startswith("between") and "km" in hit.where
    assert hit.relative_risk >= 2.0 and hit.rank == 1
    # the background: 240 such events over two years, about ten a month
    assert 5.0 < hit.history_per_month < 20.0


def test_ranked_by_significance_then_size_and_top():
    events = background() + planted(n=9) + [
        clash(500 + i, 600 + i % 2, 34.5 + 0.01 * i, 38.0, prefix="Q") for i in range(5)]
    found = find_campaigns(events, replications=99, seed=1)
    assert [c.rank for c in found] == list(range(1, len(found) + 1))
    keys = [(c.p_value, -len(c.members)) for c in found]
    assert keys == sorted(keys)
    assert find_campaigns(events, replications=99, seed=1, top=1) == found[:1]
    with pytest.raises(UsageError):
        find_campaigns(events, top=0)


def test_background_and_country_level_events_join_no_campaign():
    cluster = planted()
    as_background = [dataclasses.replace(e, background=True) for e in cluster]
    assert not find_campaigns(background() + as_background, replications=99, seed=1)
    with_bg = find_campaigns(background() + as_background, replications=99, seed=1,
                             with_background=True)
    assert any(m.startswith("P") for c in with_bg for m in c.members)
    country = [dataclasses.replace(e, admin1=None, location="Syria", country="Syria",
                                   geo_precision=3, latitude=35.0, longitude=38.0)
               for e in cluster]
    assert not any(m.startswith("P") for c in find_campaigns(background() + country,
                                                                replications=99, seed=1)
                   for m in c.members)



def test_compiled_kernel_gives_the_numpy_null_maxima():
    pytest.importorskip("numba")
    import yaqut.campaigns as cm

    events = realistic(n=1500) + [clash(i, 200 + i % 40, 34.0 + 0.02 * i, 36.5, tp=1 + i % 3,
                                        prefix="W") for i in range(300)]
    kept = sorted(events, key=lambda e: e.event_id)
    store = cm._build_store(kept, 92, 365)
    by_key = cm._keys_of(kept)
    key = max(by_key, key=lambda k: len(by_key[k]))
    scan = cm._KeyScan(np.asarray(by_key[key]), store, cm.DEFAULT_WINDOWS,
                       cm.DEFAULT_SCALES_KM)
    assert any(z.compiled for z in scan.zones)
    # null dates by the guide table are those of a binary search over the baseline's cdf
    u = np.random.default_rng(5).random((5, 400)) * scan.F0[-1]
    assert (scan._draw_days(u) == np.searchsorted(scan.F0[1:], u, side="right")).all()
    compiled = scan.null_maxima(np.random.default_rng(4), 7)
    for zone in scan.zones:
        zone.compiled = False
    plain = scan.null_maxima(np.random.default_rng(4), 7)
    assert compiled == pytest.approx(plain, rel=1e-9, abs=1e-9)
    assert compiled.max() > 0


def test_gumbel_p_reads_the_tail_of_the_null_maxima():
    rng = np.random.default_rng(0)
    null = rng.gumbel(10.0, 2.0, 400)
    # P(X >= x) of a Gumbel(10, 2): 1 - exp(-exp(-(x - 10) / 2))
    for x, want in ((10.0, 0.632), (16.0, 0.0486), (24.0, 0.000912)):
        assert gumbel_p(x, null) == pytest.approx(want, rel=0.25)
    assert gumbel_p(30.0, null) < 1 / 401  # below what 400 replications can say


def test_format_p_keeps_small_gumbel_p_values_readable():
    assert format_p(0.0123) == "0.012"
    assert format_p(0.001) == "0.001"
    assert format_p(3.2e-17) == "3.2e-17"
