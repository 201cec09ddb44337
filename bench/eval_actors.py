"""Coverage of yaqut's actor matcher on ACLED notes: does it find ACLED's actor1 and actor2?

For each event in an ACLED CSV (``notes``, ``actor1``, ``actor2``, ``inter1``, ``inter2``,
``event_date``, ``country``), run :func:`yaqut.extract.actors.find_actors` on the note with
the event's date and country, and check whether the set of names found holds ACLED's actors,
exactly and by family (``family()`` of both sides). It also checks the dictionary's inter
codes against ACLED's and reports how many distinct actors a note yields (the choice the
event assembler then has to make).

Usage:
    python bench/eval_actors.py --data ../shared/data/dev/acled_syria_battles_dev.csv
    python bench/eval_actors.py --data ... --misses 30   # the actors most often missed
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import time
from collections import Counter
from pathlib import Path

from yaqut.extract.actors import family, find_actors, inter_of


def _date(value: str) -> dt.date | None:
    for fmt in ("%d %B %Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def evaluate(path: Path, misses: int = 0) -> dict[str, float]:
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    hits = Counter()
    missed = Counter()
    inter_ok = inter_total = 0
    distinct = 0
    started = time.perf_counter()
    for r in rows:
        found = find_actors(r["notes"], country=r.get("country") or "Syria",
                            on=_date(r["event_date"]))
        names = {a.name for a in found}
        fams = {family(a.name) for a in found}
        distinct += len(names)
        ok = {}
        for side in ("actor1", "actor2"):
            gold = r[side]
            if not gold:
                ok[side] = ok[side + "_fam"] = True
                continue
            ok[side] = gold in names
            ok[side + "_fam"] = family(gold) in fams
            if not ok[side]:
                missed[gold] += 1
            code = r["inter1" if side == "actor1" else "inter2"]
            if code:
                inter_total += 1
                inter_ok += inter_of(gold, country=r.get("country") or "Syria") == int(
                    float(code))
        for key, value in ok.items():
            hits[key] += value
        hits["both"] += ok["actor1"] and ok["actor2"]
        hits["both_fam"] += ok["actor1_fam"] and ok["actor2_fam"]
    elapsed = time.perf_counter() - started
    n = len(rows)
    result = {
        "events": n,
        "actor1_exact": hits["actor1"] / n,
        "actor2_exact": hits["actor2"] / n,
        "pair_exact": hits["both"] / n,
        "actor1_family": hits["actor1_fam"] / n,
        "actor2_family": hits["actor2_fam"] / n,
        "pair_family": hits["both_fam"] / n,
        "inter_agreement": inter_ok / inter_total if inter_total else 0.0,
        "distinct_actors_per_note": distinct / n,
        "notes_per_second": n / elapsed if elapsed else 0.0,
    }
    if misses:
        result["_misses"] = missed.most_common(misses)  # type: ignore[assignment]
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path,
                    default=Path("../shared/data/dev/acled_syria_battles_dev.csv"))
    ap.add_argument("--misses", type=int, default=0, help="list the N actors most often missed")
    args = ap.parse_args()
    result = evaluate(args.data, args.misses)
    for key, value in result.items():
        if key == "_misses":
            print("most often missed (gold name, notes):")
            for name, count in value:
                print(f"  {count:4d}  {name}")
        elif isinstance(value, float):
            print(f"{key:26s} {value:.3f}")
        else:
            print(f"{key:26s} {value}")


if __name__ == "__main__":
    main()
