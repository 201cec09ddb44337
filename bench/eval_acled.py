"""Event coding on ACLED notes against ACLED's codes, with pinned floors.

Runs :func:`yaqut.eval.acled.run` (the library behind ``yaqut eval acled``) on the dev file
and fails (exit 1) when a measure falls below its floor in ``bench/baselines.json``
(keys ``acled_battles_dev.<measure>``, pinned from a measured run a little below it, so a
regression shows and noise does not). ``--limit`` measures the first N rows only; floors
are then not checked, since they were pinned on the whole file.

Usage::

    .venv/bin/python bench/eval_acled.py \\
        --data ../shared/data/dev/acled_syria_battles_dev.csv [--limit 200] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pins

from yaqut.eval.acled import format_table, run

PREFIX = "acled_battles_dev."


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    result = run(args.data, limit=args.limit)
    print(format_table(result))
    print(f"{result['rows_per_second']} rows/s")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str) + "\n", "utf-8")
    if args.limit:
        return 0
    figures = {**result["scores"], "event_date_named": result["event_date_named"]}
    return pins.verdict(figures, PREFIX)


if __name__ == "__main__":
    sys.exit(main())
