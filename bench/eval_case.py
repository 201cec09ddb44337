"""Event types on CASE 2021 task 2 snippets: the test half, the tune half beside it.

Runs :func:`yaqut.eval.case.run` (the library behind ``yaqut eval case``) on each half of the
dev file (:mod:`yaqut.eval.split`, file key ``case``, row id the snippet id or its line
number) and fails (exit 1) when a **test-half** measure passes its pin in
``bench/baselines.json``: keys ``case2021_dev.<measure>`` are floors (the figure must not
fall below), keys ``case2021_dev.<measure>_max`` are ceilings (the share of non-ACLED
snippets coded as events must not rise above). Pins sit a little on the safe side of a
measured run, so a regression shows and noise does not. ``--limit`` measures the first N
snippets of each half only; pins are then not checked.

Usage::

    .venv/bin/python bench/eval_case.py \\
        --data ../shared/data/dev/case2021_task2_dev.tsv [--limit 100] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pins

from yaqut.eval.case import format_halves, run

PREFIX = "case2021_dev."


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--model", type=Path, help="a model folder from `yaqut train acled`")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    test = run(args.data, limit=args.limit, model=args.model, half="test")
    tune = run(args.data, limit=args.limit, model=args.model, half="tune")
    print(format_halves(test, tune))
    if args.json:
        args.json.write_text(json.dumps({"test": test, "tune": tune}, indent=1, default=str)
                             + "\n", "utf-8")
    if args.limit or args.model:
        return 0
    return pins.verdict(pins.flatten(test), PREFIX)


if __name__ == "__main__":
    sys.exit(main())
