"""Geocoding quality and speed (``yaqut eval geo``), checked against pinned floors.

Runs :func:`yaqut.eval.geo.run` on the ACLED Syria dev notes, GeoWebNews and the Arabic
sentences of ``bench/data/geo_arabic_sentences.jsonl`` (written for this bench), prints the
table (each dev set's test half, and its tune half beside it as ``<set>_tune``: split by
``event_id_cnty`` / article id, :mod:`yaqut.eval.split`), and fails (exit 1) when a measure
passes its pin in ``bench/baselines.json``: keys ``geo.<set>.<measure>`` (test halves) are
floors (the figure must not fall below), keys ending in ``_max`` are ceilings (time,
unresolved share, Arabic common words resolved). ``--limit`` runs a quick subset and skips
the check (the pins are for the full sets). ``--pipeline`` also scores the full coder's
event place on the ACLED notes (pinned under ``geo.acled_pipeline.*``).

Usage:
    python bench/eval_geo.py
    python bench/eval_geo.py --pipeline --json geo.json
    python bench/eval_geo.py --limit 100          # quick look, no check
    python bench/eval_geo.py --misses misses.txt  # also the tune half's ACLED misses
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pins

from yaqut.eval.geo import default_locate, eval_acled, format_misses, format_table, run
from yaqut.eval.split import TUNE

PREFIX = "geo."
DEV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "dev"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--acled", type=Path, default=DEV / "acled_syria_battles_dev.csv")
    ap.add_argument("--gwn", type=Path, default=DEV / "GWN.xml")
    ap.add_argument("--arabic", type=Path, default=Path(__file__).parent / "data" /
                    "geo_arabic_sentences.jsonl", help="Arabic sentences (written for it)")
    ap.add_argument("--limit", type=int, help="only the first N items of each set; no check")
    ap.add_argument("--pipeline", action="store_true", help="also the full coder's place")
    ap.add_argument("--json", type=Path, help="also write the result as JSON")
    ap.add_argument("--misses", type=Path, help="also write the ACLED notes of the tune "
                    "half placed more than 5 km from ACLED's point (to sort by cause)")
    args = ap.parse_args(argv)
    for path in (args.acled, args.gwn):
        if not path.is_file():
            print(f"missing data file: {path}", file=sys.stderr)
            return 2
    result = run(acled=args.acled, gwn=args.gwn, limit=args.limit, pipeline=args.pipeline,
                 arabic=args.arabic)
    print(format_table(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str) + "\n", "utf-8")
    if args.misses:
        from yaqut.config import defaults, setting
        from yaqut.geo import Geocoder

        misses: list[dict] = []
        geocoder = Geocoder(focus=setting(defaults(), "coder.focus_country"))
        eval_acled(args.acled, default_locate(geocoder), args.limit, TUNE, misses)
        args.misses.write_text(format_misses(misses) + "\n", "utf-8")
        print(f"{len(misses)} ACLED misses of the tune half written to {args.misses}")
    if args.limit:
        return 0
    return pins.verdict(pins.flatten(result), PREFIX)


if __name__ == "__main__":
    sys.exit(main())
