"""Calibration of the campaign finder: shuffled dates give (almost) nothing, planted come back.

1. Imports an ACLED export (the dev battles) into a fresh store, as ``yaqut import acled``
   does, and finds the campaigns on the real dates.
2. **Null.** Permutes the event dates among the events (each event keeps its place, its actors
   and its pattern; the store keeps its overall rhythm, the number of events per day; only
   the link between date and place/actor, i.e. any cluster, is broken) ``--shuffles`` times
   and counts the campaigns each shuffle reports. The method's false-alarm rate at its
   threshold: under this null a pattern key's p-value is (about) uniform, so a key passes
   ``alpha`` with probability ``alpha``, and Benjamini-Hochberg across keys makes the chance that
   a shuffled store reports *any* campaign at most ``alpha`` (0.05). The bench reports the
   share of shuffles with at least one campaign (expected <= alpha, within its binomial error)
   and the share of keys whose p-value before Benjamini-Hochberg is <= alpha (expected about
   alpha; less where the Monte Carlo null is conservative for the key).
3. **Gumbel against exact.** Finds the campaigns on the real dates twice: every key's
   p-value from ``--replications`` Monte Carlo replications (exact), and every key's from a
   Gumbel law fitted to at most 39 (what keys of 1,000+ events get by default, here forced
   on all); reports the campaigns both find, those only one finds, and how far their
   p-values differ (the exact p cannot go below 1/(R+1), so pairs where it is at that floor
   compare only as "both at or below it").
4. **Power.** Into each shuffled store plants ``--planted`` campaigns: ``--size`` copies of a
   random stored event's pattern (its actor family and event type), within 5 days and 10 km
   of a random day and place. The method claims such a cluster (``size`` events where the
   baseline expects well under one) is found: its members make up a reported campaign (half
   or more of them in one campaign).

    .venv/bin/python bench/campaigns_calibration.py \\
        --data ../shared/data/dev/acled_syria_battles_dev.csv

Fails (exit 1) when a figure breaks its pin in ``bench/baselines.json`` (keys
``campaigns_calibration.*``; ``_max`` keys are ceilings).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))


def load(data: Path) -> list:
    from yaqut.importers import read_acled
    from yaqut.records import Event
    from yaqut.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp, "cal.db")) as store:
        store.import_events([r for r in read_acled(data) if isinstance(r, Event)])
        return list(store.events())


def plant(events: list, seed: int, count: int, size: int) -> tuple[list, list[set[str]]]:
    """``count`` clusters of ``size`` copies of a stored event, 5 days and ~10 km wide."""
    rng = np.random.default_rng(seed + 10_000)
    placed = [e for e in events if e.latitude is not None and (e.geo_precision or 1) <= 1]
    days = [e.event_date for e in events]
    first, last = min(days).toordinal(), max(days).toordinal()
    out, groups = [], []
    for g in range(count):
        model = placed[int(rng.integers(len(placed)))]
        day0 = int(rng.integers(first + 30, last - 30))
        ids = set()
        for k in range(size):
            eid = f"PLANT{g:03d}-{k:02d}"
            ids.add(eid)
            out.append(dataclasses.replace(
                model, event_id=eid, event_date=dt.date.fromordinal(day0 + int(rng.integers(5))),
                time_precision=1, geo_precision=1,
                latitude=model.latitude + float(rng.normal(0, 0.03)),
                longitude=model.longitude + float(rng.normal(0, 0.03))))
        groups.append(ids)
    return out, groups


def gumbel_against_exact(events: list, replications: int) -> dict:
    """The campaigns found with exact Monte Carlo p-values and with Gumbel-fitted ones."""
    from yaqut.campaigns import find_campaigns

    exact = {c.members: c.p_value for c in find_campaigns(
        events, replications=replications, gumbel_min_events=None)}
    fitted = {c.members: c.p_value for c in find_campaigns(
        events, replications=replications, gumbel_min_events=1)}
    both = sorted(set(exact) & set(fitted), key=lambda m: exact[m])
    floor = 1.0 / (replications + 1)
    above = [(exact[m], fitted[m]) for m in both if exact[m] > floor + 1e-12]
    ratios = [abs(np.log10(g / e)) for e, g in above]
    return {
        "exact": len(exact), "gumbel": len(fitted), "both": len(both),
        "only_exact": len(set(exact) - set(fitted)), "only_gumbel": len(set(fitted) - set(exact)),
        "both_at_floor": sum(exact[m] <= floor + 1e-12 and fitted[m] <= floor for m in both),
        "pairs_above_floor": [[round(e, 4), round(g, 4)] for e, g in above],
        "median_abs_log10_ratio": round(float(np.median(ratios)), 3) if ratios else None,
    }


def run(data: Path, shuffles: int, planted: int, size: int, replications: int) -> dict:
    from yaqut.campaigns import find_campaigns, shuffled_dates

    events = load(data)
    t0 = time.process_time()
    real = find_campaigns(events, replications=replications)
    out: dict = {"events": len(events), "real_campaigns": len(real),
                 "real_cpu_s": round(time.process_time() - t0, 2)}
    out["gumbel_vs_exact"] = gumbel_against_exact(events, replications)
    counts, found, total = [], 0, 0
    key_ps: list[float] = []
    for s in range(shuffles):
        mixed = shuffled_dates(events, 1000 + s)
        ps: dict = {}
        counts.append(len(find_campaigns(mixed, replications=replications, key_p_values=ps)))
        key_ps.extend(ps.values())
        if planted:
            extra, groups = plant(mixed, s, planted, size)
            camps = find_campaigns(mixed + extra, replications=replications)
            for group in groups:
                total += 1
                found += any(len(group & set(c.members)) * 2 >= len(group) for c in camps)
    out["shuffled_counts"] = counts
    out["shuffled_first"] = counts[0] if counts else 0
    out["shuffled_mean"] = round(float(np.mean(counts)), 3) if counts else 0.0
    out["shuffled_any_share"] = round(float(np.mean([c > 0 for c in counts])), 3)
    out["shuffled_keys"] = len(key_ps)
    out["shuffled_key_share_p_le_alpha"] = round(float(np.mean(np.asarray(key_ps) <= 0.05)), 4)
    out["planted_found_share"] = round(found / total, 3) if total else None
    out["planted"] = {"per_shuffle": planted, "size": size, "found": found, "total": total}
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="ACLED export CSV")
    ap.add_argument("--shuffles", type=int, default=20)
    ap.add_argument("--planted", type=int, default=5, help="clusters planted per shuffle")
    ap.add_argument("--size", type=int, default=6, help="events per planted cluster")
    ap.add_argument("--replications", type=int, default=999)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    result = run(args.data, args.shuffles, args.planted, args.size, args.replications)
    print(f"{result['events']} events: {result['real_campaigns']} campaigns on the real dates "
          f"({result['real_cpu_s']} s CPU)")
    print(f"{args.shuffles} shuffles of the dates: campaigns {result['shuffled_counts']} "
          f"(mean {result['shuffled_mean']}); share of shuffles with any campaign "
          f"{result['shuffled_any_share']:.2f} (the method's rate at alpha = 0.05: <= 0.05); "
          f"share of the {result['shuffled_keys']} pattern keys tested with p <= 0.05 before "
          f"Benjamini-Hochberg: {result['shuffled_key_share_p_le_alpha']:.3f} (claimed: 0.05)")
    g = result["gumbel_vs_exact"]
    print(f"Gumbel-fitted against exact p-values: {g['exact']} campaigns exact, {g['gumbel']} "
          f"Gumbel, {g['both']} the same members ({g['only_exact']} only exact, "
          f"{g['only_gumbel']} only Gumbel); {g['both_at_floor']} at the exact floor in both; "
          f"above it (exact, Gumbel): {g['pairs_above_floor']}; median |log10 ratio| "
          f"{g['median_abs_log10_ratio']}")
    if result["planted_found_share"] is not None:
        p = result["planted"]
        print(f"planted clusters of {p['size']} events: {p['found']}/{p['total']} found "
              f"({result['planted_found_share']:.0%})")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", "utf-8")
    try:
        from pins import verdict
    except ImportError:  # run against an older tree
        return 0
    from pins import flatten

    return verdict(flatten({k: v for k, v in result.items() if not isinstance(v, list)}),
                   "campaigns_calibration.")


if __name__ == "__main__":
    sys.exit(main())
