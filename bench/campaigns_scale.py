"""Throughput of campaign detection on synthetic stores of 100k to 1M events.

Synthetic, reproducible stores shaped like ACLED Syria: 40 actor families over 10 years,
2,000 towns in a 600 x 500 km box, each event one of 6 battle/remote-violence sub-types with
its PLOVER action, a realistic precision mix (time: 90% day, 6% week, 4% month; place: 60%
town, 35% near a town, 5% governorate) and a number of planted campaigns (8-15 events of one
family and sub-type within 10 days and 25 km) on top of a background whose rate varies
by family and year. Reports the wall time, the CPU time (what one core spends: on a
machine shared with other work the wall time is longer) and peak memory of
``find_campaigns`` (the generation of the events is timed apart), how many planted campaigns
came back (all, and those the method claims to find: where the background of their family
and sub-type expects at most one such event in their 10 days and 25 km; in the biggest
families a planted cluster is not unusual and is rightly missed), and the growth exponent
of the CPU time between sizes (1.0 is linear). Peak memory is the whole process's (the
synthetic events themselves included). With
``--check`` it fails (exit 1) when a figure breaks its bound in ``bench/baselines.json``
(keys ``campaigns_scale.*``).

    .venv/bin/python bench/campaigns_scale.py --sizes 100000 300000 1000000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import resource
import sys
import time
from pathlib import Path

import numpy as np

from yaqut.campaigns import find_campaigns
from yaqut.records import Action, Event

SUB_TYPES = (
    ("Battles", "Armed clash"),
    ("Battles", "Government regains territory"),
    ("Battles", "Non-state actor overtakes territory"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
)
START = dt.date(2014, 1, 1)
DAYS = 3652
#: what the method claims: a planted cluster (8-15 events in 10 days) is found when the
#: store's own history expects at most this many such events there and then
CLAIM_EXPECTED = 1.0
CLAIM_KM = 25.0


def synthetic(n: int, seed: int, planted: int) -> tuple[list[Event], list[set[str]]]:
    """``n`` events (``planted`` campaigns among them) and the planted groups' event ids."""
    rng = np.random.default_rng(seed)
    families = [f"Armed Group {k} (Syria)" for k in range(40)]
    towns_lat = rng.uniform(32.3, 36.8, 2000)
    towns_lon = rng.uniform(35.8, 42.2, 2000)
    fam_weight = rng.pareto(1.2, 40) + 0.1
    fam_weight /= fam_weight.sum()
    # a family's activity moves from year to year: rate ~ exp(gaussian)
    year_rate = np.exp(rng.normal(0.0, 0.7, (40, 11)))
    fam = rng.choice(40, size=n, p=fam_weight)
    # dates by rejection: draw uniform, accept with the family's yearly rate
    dates = rng.integers(0, DAYS, size=n)
    for _ in range(6):
        rate = year_rate[fam, dates // 365] / year_rate.max()
        redo = rng.random(n) > rate
        dates[redo] = rng.integers(0, DAYS, size=int(redo.sum()))
    town = rng.integers(0, 2000, size=n)
    sub = rng.integers(0, len(SUB_TYPES), size=n)
    tprec = rng.choice([1, 2, 3], size=n, p=[0.90, 0.06, 0.04])
    gprec = rng.choice([1, 2, 3], size=n, p=[0.60, 0.35, 0.05])
    lat = towns_lat[town] + rng.normal(0, 0.01, n)
    lon = towns_lon[town] + rng.normal(0, 0.01, n)
    groups: list[set[str]] = []
    cursor = 0
    for _ in range(planted):
        size = int(rng.integers(8, 16))
        sl = slice(cursor, cursor + size)
        f = int(rng.integers(0, 40))
        fam[sl] = f
        sub[sl] = int(rng.integers(0, len(SUB_TYPES)))
        d0 = int(rng.integers(400, DAYS - 400))
        dates[sl] = d0 + rng.integers(0, 10, size)
        c_lat, c_lon = rng.uniform(32.5, 36.5), rng.uniform(36.0, 42.0)
        lat[sl] = c_lat + rng.normal(0, 0.08, size)
        lon[sl] = c_lon + rng.normal(0, 0.08, size)
        tprec[sl] = 1
        gprec[sl] = 1
        groups.append({f"S{i:07d}" for i in range(cursor, cursor + size)})
        cursor += size
    actions = {(f, s): (Action("ASSAULT", "occurred", families[f], None, "synthetic", 0, 0),)
               for f in range(40) for s in range(len(SUB_TYPES))}
    ordinals = START.toordinal() + dates
    events = []
    date_of = dt.date.fromordinal
    for i in range(n):
        f, s = int(fam[i]), int(sub[i])
        etype, stype = SUB_TYPES[s]
        events.append(Event(
            event_id=f"S{i:07d}", doc_ids=(), event_date=date_of(int(ordinals[i])),
            time_precision=int(tprec[i]), event_type=etype, sub_event_type=stype,
            actor1=families[f], latitude=float(lat[i]), longitude=float(lon[i]),
            geo_precision=int(gprec[i]), actions=actions[(f, s)], source="synthetic",
        ))
    return events, groups


def background_expected(events: list[Event], groups: list[set[str]]) -> list[float]:
    """Per planted group, the events of its family and sub-type (not planted) within
    ``CLAIM_KM`` of its centre over the whole period, scaled to its 10 days: what the
    store's own history expects where and when it was planted."""
    planted = set().union(*groups) if groups else set()
    key = np.array([f"{e.actor1}|{e.sub_event_type}" for e in events])
    lat = np.array([e.latitude for e in events])
    lon = np.array([e.longitude for e in events])
    own = np.array([e.event_id not in planted for e in events])
    by_id = {e.event_id: i for i, e in enumerate(events)}
    out = []
    for group in groups:
        idx = [by_id[m] for m in group]
        c_lat, c_lon = lat[idx].mean(), lon[idx].mean()
        km = np.hypot((lat - c_lat) * 110.6, (lon - c_lon) * 110.6 * math.cos(math.radians(c_lat)))
        near = own & (key == key[idx[0]]) & (km <= CLAIM_KM)
        out.append(float(np.count_nonzero(near)) * 10 / DAYS)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000, 1_000_000])
    parser.add_argument("--planted", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--check", action="store_true", help="compare with bench/baselines.json")
    args = parser.parse_args(argv)
    rows = []
    for n in args.sizes:
        t0 = time.perf_counter()
        events, groups = synthetic(n, args.seed, args.planted)
        t1 = time.perf_counter()
        c1 = time.process_time()
        campaigns = find_campaigns(events)
        t2 = time.perf_counter()
        cpu = time.process_time() - c1
        expected = background_expected(events, groups)
        hits = [any(len(group & set(c.members)) * 2 >= len(group) for c in campaigns)
                for group in groups]
        found = sum(hits)
        claimed = [h for h, x in zip(hits, expected, strict=True) if x <= CLAIM_EXPECTED]
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"n={n:>9,}  generate {t1 - t0:6.1f} s  find_campaigns {t2 - t1:6.1f} s wall, "
              f"{cpu:6.1f} s CPU ({cpu / n * 1e6:5.1f} us/event)  campaigns {len(campaigns):4d}  "
              f"planted recovered {found}/{len(groups)}  peak RSS {peak_mb:,.0f} MB",
              flush=True)
        print(f"  planted clusters where the background expects <= {CLAIM_EXPECTED} such events "
              f"in their 10 days and {CLAIM_KM:.0f} km: {sum(claimed)}/{len(claimed)} found; "
              f"missed: " + ", ".join(f"{len(g)} events against {x:.1f} expected"
                                      for g, x, h in zip(groups, expected, hits, strict=True)
                                      if not h), flush=True)
        rows.append({"n": n, "wall_s": round(t2 - t1, 2), "cpu_s": round(cpu, 2),
                     "campaigns": len(campaigns), "planted_recovered": found,
                     "planted": len(groups), "peak_rss_mb": round(peak_mb),
                     "planted_claimed": len(claimed), "planted_claimed_recovered": sum(claimed),
                     "planted_background_expected": [round(x, 2) for x in expected]})
        del events, campaigns
    for a, b in zip(rows, rows[1:], strict=False):
        b["growth_exponent"] = round(math.log(b["cpu_s"] / a["cpu_s"]) / math.log(b["n"] / a["n"]),
                                     3)
        b["growth_from"] = a["n"]
        print(f"CPU time from {a['n']:,} to {b['n']:,}: grows as n^{b['growth_exponent']}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", "utf-8")
    if not args.check:
        return 0
    path = Path(__file__).with_name("baselines.json")
    bounds = json.loads(path.read_text("utf-8")) if path.exists() else {}
    failed = []
    for row in rows:
        ceiling = bounds.get(f"campaigns_scale.cpu_s_max_{row['n']}")
        if ceiling is not None and row["cpu_s"] > ceiling:
            failed.append(f"{row['n']:,} events: {row['cpu_s']} s CPU over {ceiling}")
        rss = bounds.get("campaigns_scale.peak_rss_mb_max")
        if rss is not None and row["peak_rss_mb"] > rss:
            failed.append(f"{row['n']:,} events: peak RSS {row['peak_rss_mb']} MB over {rss}")
        share = bounds.get("campaigns_scale.planted_recovered_share")
        if share is not None and row["planted_claimed_recovered"] < share * row["planted_claimed"]:
            failed.append(f"{row['n']:,} events: {row['planted_claimed_recovered']} of the "
                          f"{row['planted_claimed']} planted clusters it should find found")
        # below 100,000 events the largest keys are not yet significant (few replications)
        exponent = bounds.get("campaigns_scale.growth_exponent_max")
        if (exponent is not None and row.get("growth_from", 0) >= 100_000
                and row["growth_exponent"] > exponent):
            failed.append(f"{row['n']:,} events: CPU grows as n^{row['growth_exponent']}")
    for line in failed:
        print("FAIL", line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
