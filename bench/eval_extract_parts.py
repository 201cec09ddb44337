"""Measure the date and quantity extractors on ACLED notes.

Usage::

    .venv/bin/python bench/eval_extract_parts.py \
        --data ../shared/data/dev/acled_syria_battles_dev.csv [--show 10]

Each note is treated as a report published three days after its ``event_date``.

* event_date: the first non-historical date mention with a day (``find_dates``) against
  ``event_date``; reported over notes with such a mention (coverage is shown), and over all
  notes (a note with no date counts as wrong). time_precision agreement is shown too.
* fatalities: ``fatalities(find_quantities(note))`` against ``fatalities``, on the whole
  note, and on the narrative alone, with ACLED's closing tally sentence ("5 fatalities.",
  "There were no fatalities.") removed, which is the harder and more honest figure for
  news text that has no such tally.

Nothing here is tuned to rows: it only reads the file and prints figures (and, with
``--show``, a few misses to look at).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
import time
from pathlib import Path

from yaqut.extract.dates import find_dates
from yaqut.extract.quantities import fatalities, find_quantities

# ACLED notes that say a total was shared out between several events ("split between the
# four locations as follows"): the row's gold is one share, which depends on which location
# the row is and cannot come from the note's counts alone. Reported separately.
_SPLIT = re.compile(
    r"\b(?:split|distributed|spread|allocated|divided)\b|\bcoded\s+to\s+(?:each|this)\b"
    r"|\beach\s+(?:event|location)\b",
    re.IGNORECASE,
)
_TALLY = re.compile(
    r"(?:^|(?<=[.!?])\s+)(?:There\s+were\s+no\s+fatalities|\d+\s+fatalit(?:y|ies))\.?\s*$"
)


def _date(s: str) -> dt.date:
    return dt.datetime.strptime(s.strip(), "%d %B %Y").date()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--show", type=int, default=0, help="print this many misses of each kind")
    args = ap.parse_args(argv)
    rows = list(csv.DictReader(args.data.open(encoding="utf-8")))

    n = len(rows)
    d_cov = d_ok = d_prec = 0
    f_ok = f_narr_ok = 0
    n_unsplit = f_unsplit_ok = 0
    t_dates = t_qty = 0.0
    misses_d: list[str] = []
    misses_f: list[str] = []
    misses_n: list[str] = []
    for r in rows:
        note = r["notes"]
        gold = _date(r["event_date"])
        published = gold + dt.timedelta(days=3)
        t0 = time.perf_counter()
        mentions = find_dates(note, published)
        t_dates += time.perf_counter() - t0
        first = next((m for m in mentions if not m.historical and m.date is not None
                      and m.precision is not None), None)
        if first is not None:
            d_cov += 1
            if first.date == gold:
                d_ok += 1
            elif len(misses_d) < args.show:
                misses_d.append(f"{gold} got {first.date} ({first.text!r}): {note[:160]}")
            if first.precision == int(float(r["time_precision"])):
                d_prec += 1

        gold_f = int(float(r["fatalities"] or 0))
        t0 = time.perf_counter()
        qs = find_quantities(note)
        t_qty += time.perf_counter() - t0
        got = fatalities(qs)
        unsplit = not _SPLIT.search(note)
        n_unsplit += unsplit
        if got == gold_f:
            f_ok += 1
            f_unsplit_ok += unsplit
        elif len(misses_f) < args.show:
            misses_f.append(f"{gold_f} got {got}: {note[:300]}")
        narrative = _TALLY.sub("", note)
        got_n = fatalities(find_quantities(narrative))
        if got_n == gold_f:
            f_narr_ok += 1
        elif len(misses_n) < args.show:
            misses_n.append(f"{gold_f} got {got_n}: {narrative[:300]}")

    def pct(a: int, b: int) -> str:
        return f"{a}/{b} = {100 * a / b:.1f}%" if b else "n/a"

    print(f"rows: {n}")
    print(f"event_date, notes with a dated mention: {pct(d_ok, d_cov)}")
    print(f"event_date coverage (notes with a dated mention): {pct(d_cov, n)}")
    print(f"event_date over all notes (no mention = wrong): {pct(d_ok, n)}")
    print(f"time_precision agreement where dated: {pct(d_prec, d_cov)}")
    print(f"fatalities, whole note: {pct(f_ok, n)}")
    print(f"fatalities, narrative without ACLED's tally sentence: {pct(f_narr_ok, n)}")
    print(f"fatalities, whole note, notes with no split across events: "
          f"{pct(f_unsplit_ok, n_unsplit)}")
    print(f"speed: find_dates {1000 * t_dates / n:.3f} ms/note, "
          f"find_quantities {1000 * t_qty / n:.3f} ms/note")
    for title, misses in (("date misses", misses_d), ("fatality misses", misses_f),
                          ("narrative fatality misses", misses_n)):
        if misses:
            print(f"\n{title}:")
            for line in misses:
                print("  -", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
