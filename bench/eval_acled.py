"""Event coding on ACLED notes against ACLED's codes: the test half, the tune half beside it.

Runs :func:`yaqut.eval.acled.run` (the library behind ``yaqut eval acled``) on each half of
the dev file (:mod:`yaqut.eval.split`, file key ``acled``, row id ``event_id_cnty``) and
fails (exit 1) when a **test-half** measure falls below its floor in ``bench/baselines.json``
(keys ``acled_battles_dev.<measure>``, pinned from a measured run a little below it, so a
regression shows and noise does not). Rules are tuned on the tune half only; the test half
is what the pins guard. ``--limit`` measures the first N rows of each half only; floors are
then not checked.

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

from yaqut.eval.acled import format_halves, run

PREFIX = "acled_battles_dev."


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    test = run(args.data, limit=args.limit, half="test")
    tune = run(args.data, limit=args.limit, half="tune")
    print(format_halves(test, tune))
    rows, seconds = test["rows"] + tune["rows"], test["seconds"] + tune["seconds"]
    print(f"{rows / seconds if seconds else 0:.2f} rows/s")
    if args.json:
        args.json.write_text(json.dumps({"test": test, "tune": tune}, indent=1, default=str)
                             + "\n", "utf-8")
    if args.limit:
        return 0
    figures = {**test["scores"], "event_date_named": test["event_date_named"]}
    return pins.verdict(figures, PREFIX)


if __name__ == "__main__":
    sys.exit(main())
