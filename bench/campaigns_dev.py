"""Campaigns on real data: the seed's campaign, the ACLED dev battles beside it, seed stability.

1. Codes the bundled seed article (published 2023-05-24) into a fresh store and finds the
   campaigns: its three incidents should form one campaign.
2. Imports an ACLED export (the dev battles) into the same store and finds the campaigns
   again: the seed's campaign must keep exactly its own members (no ACLED row absorbed, none
   of its incidents lost).
3. Lists the campaigns found among the ACLED rows (to be read: real offensives and sieges,
   not noise) and re-runs with other random seeds: a campaign is *reproduced* under another
   seed when a campaign there has the same members (Jaccard >= 0.8) and is also significant.

Prints a report, optionally writes it as JSON, and fails (exit 1) when a figure falls below
its floor in ``bench/baselines.json`` (keys ``campaigns_dev.*``).

    .venv/bin/python bench/campaigns_dev.py --data ../shared/data/dev/acled_syria_battles_dev.csv
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

BASELINES = Path(__file__).with_name("baselines.json")
PREFIX = "campaigns_dev."


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a | b else 1.0


def run(data: Path, seeds: list[int], replications: int) -> dict:
    from yaqut.batch import code_into_store
    from yaqut.campaigns import find_campaigns
    from yaqut.cli import demo_document
    from yaqut.coder import default_coder
    from yaqut.importers import read_acled
    from yaqut.records import Event
    from yaqut.store import Store

    out: dict = {"replications": replications, "seeds": seeds}
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp, "dev.db")) as store:
        doc = demo_document("2023-05-24")
        list(code_into_store([doc], store, default_coder()))
        seed_ids = {e.event_id for e in store.events()}
        alone = find_campaigns(store.events(), replications=replications, seed=seeds[0])
        seed_camps = [c for c in alone if set(c.members) & seed_ids]
        out["seed_events"] = len(seed_ids)
        out["seed_alone"] = [{"members": list(c.members), "p_value": c.p_value,
                              "pattern": c.pattern} for c in seed_camps]

        rows = list(read_acled(data))
        imported = [r for r in rows if isinstance(r, Event)]
        store.import_events(imported)
        out["imported"] = len(imported)
        out["bad_rows"] = len(rows) - len(imported)
        events = list(store.events())

    runs = {}
    for seed in seeds:
        t0 = time.perf_counter()
        runs[seed] = find_campaigns(events, replications=replications, seed=seed)
        out.setdefault("seconds", {})[seed] = round(time.perf_counter() - t0, 2)
    first = runs[seeds[0]]
    with_seed = [c for c in first if set(c.members) & seed_ids]
    out["seed_beside_acled"] = [{"members": list(c.members), "p_value": c.p_value,
                                 "pattern": c.pattern} for c in with_seed]
    out["seed_one_campaign_alone"] = int(len(seed_camps) == 1
                                         and set(seed_camps[0].members) == seed_ids)
    out["seed_kept_beside_acled"] = int(len(with_seed) == 1
                                        and set(with_seed[0].members) == seed_ids)

    acled = [c for c in first if not set(c.members) & seed_ids]
    listed = []
    reproduced = loosely = 0
    for c in acled:
        members = set(c.members)
        best = []
        for seed in seeds[1:]:
            best.append(max((_jaccard(members, set(o.members)) for o in runs[seed]), default=0.0))
        ok = all(b >= 0.8 for b in best)
        reproduced += ok
        loosely += all(b >= 0.5 for b in best)
        listed.append({
            "campaign_id": c.campaign_id, "start": c.start.isoformat(),
            "end": c.end.isoformat(), "members": len(c.members), "pattern": c.pattern,
            "p_value": round(c.p_value, 4), "replications": c.replications,
            "places": list(c.places), "governorates": list(c.admin1s),
            "jaccard_other_seeds": [round(b, 3) for b in best], "explanation": c.explanation,
        })
    out["acled_campaigns"] = listed
    out["acled_campaign_count"] = len(acled)
    out["acled_events_in_campaigns"] = len({m for c in acled for m in c.members})
    out["reproduced_share"] = round(reproduced / len(acled), 3) if acled else 0.0
    out["reproduced_share_j50"] = round(loosely / len(acled), 3) if acled else 0.0
    out["campaign_counts_by_seed"] = {s: len(r) for s, r in runs.items()}
    return out


def report(result: dict) -> str:
    lines = [
        f"seed article: {result['seed_events']} incidents; alone -> "
        f"{len(result['seed_alone'])} campaign(s) "
        + "; ".join(f"{len(c['members'])} members, p={c['p_value']:.3f}"
                    for c in result["seed_alone"]),
        f"beside {result['imported']} ACLED rows ({result['bad_rows']} bad) -> "
        + "; ".join(f"{len(c['members'])} members, p={c['p_value']:.3f}"
                    for c in result["seed_beside_acled"]),
        f"seed campaign alone: {'yes' if result['seed_one_campaign_alone'] else 'NO'}; "
        f"kept intact beside ACLED: {'yes' if result['seed_kept_beside_acled'] else 'NO'}",
        f"campaigns among ACLED rows: {result['acled_campaign_count']} "
        f"({result['acled_events_in_campaigns']} of {result['imported']} rows in one); "
        f"reproduced under every other seed: {result['reproduced_share']:.0%} (Jaccard >= 0.8), "
        f"{result['reproduced_share_j50']:.0%} (>= 0.5); "
        f"counts by seed {result['campaign_counts_by_seed']}; seconds {result['seconds']}",
        "",
    ]
    for c in result["acled_campaigns"]:
        lines.append(f"{c['start']}..{c['end']}  {c['members']:3d} ev  p={c['p_value']:.3f}  "
                     f"J={c['jaccard_other_seeds']}  {c['pattern']}  "
                     f"[{', '.join(c['governorates'])}]")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="ACLED export CSV")
    ap.add_argument("--seeds", type=int, nargs="+", default=[20230524, 1, 2, 3])
    ap.add_argument("--replications", type=int, default=999)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--explain", action="store_true", help="print each campaign's sentence")
    args = ap.parse_args(argv)
    result = run(args.data, args.seeds, args.replications)
    print(report(result))
    if args.explain:
        for c in result["acled_campaigns"]:
            print("\n" + c["explanation"])
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str) + "\n", "utf-8")
    floors = json.loads(BASELINES.read_text("utf-8")) if BASELINES.exists() else {}
    failed = [f"{k[len(PREFIX):]}: {result[k[len(PREFIX):]]} is below its floor {v}"
              for k, v in sorted(floors.items())
              if k.startswith(PREFIX) and k[len(PREFIX):] in result
              and result[k[len(PREFIX):]] < v]
    for line in failed:
        print("FAIL", line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
