"""Throughput of campaign detection on synthetic stores of 100k to 1M events.

Synthetic, reproducible stores shaped like ACLED Syria: 40 actor families over 10 years,
2,000 towns in a 600 x 500 km box, each event one of 6 battle/remote-violence sub-types with
its PLOVER action, a realistic precision mix (time: 90% day, 6% week, 4% month; place: 60%
town, 35% near a town, 5% governorate) and a number of planted campaigns (8-15 events of one
family and sub-type within 10 days and 25 km) on top of a background whose rate varies
by family, year and season. Reports the wall time and peak memory of ``find_campaigns``
(the generation of the events is timed apart), and how many planted campaigns came back.

    .venv/bin/python bench/campaigns_scale.py --sizes 100000 300000 1000000
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import time

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


def synthetic(n: int, seed: int, planted: int) -> tuple[list[Event], list[set[str]]]:
    """``n`` events (``planted`` campaigns among them) and the planted groups' event ids."""
    rng = np.random.default_rng(seed)
    families = [f"Armed Group {k} (Syria)" for k in range(40)]
    towns_lat = rng.uniform(32.3, 36.8, 2000)
    towns_lon = rng.uniform(35.8, 42.2, 2000)
    fam_weight = rng.pareto(1.2, 40) + 0.1
    fam_weight /= fam_weight.sum()
    # a family's activity moves over years and seasons: rate ~ exp(gaussian process-ish)
    year_rate = np.exp(rng.normal(0.0, 0.7, (40, 11)))
    day = np.arange(DAYS)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 300_000, 1_000_000])
    parser.add_argument("--planted", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    for n in args.sizes:
        t0 = time.perf_counter()
        events, groups = synthetic(n, args.seed, args.planted)
        t1 = time.perf_counter()
        campaigns = find_campaigns(events)
        t2 = time.perf_counter()
        found = 0
        for group in groups:
            if any(len(group & set(c.members)) * 2 >= len(group) for c in campaigns):
                found += 1
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"n={n:>9,}  generate {t1 - t0:6.1f} s  find_campaigns {t2 - t1:6.1f} s  "
              f"({(t2 - t1) / n * 1e6:5.1f} us/event)  campaigns {len(campaigns):4d}  "
              f"planted recovered {found}/{len(groups)}  peak RSS {peak_mb:,.0f} MB",
              flush=True)
        del events, campaigns
    return 0


if __name__ == "__main__":
    sys.exit(main())
