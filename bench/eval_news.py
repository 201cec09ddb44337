"""Whole news articles against the hand-coded news gold, with pinned floors.

Runs :func:`yaqut.eval.news.run` (the library behind ``yaqut eval news``) and fails (exit 1)
when a measure of the **test** half falls below its floor in ``bench/baselines.json`` (keys
``news_dev.<measure>``; ``events_per_empty_article_max`` is a ceiling). Floors are checked
only for ``--half test`` on the dev gold (the half that counts); other halves just print.

Usage::

    .venv/bin/python bench/eval_news.py --gold ../shared/data/dev/news_gold_dev.jsonl \\
        --corpus ../shared/data/corpus/guardian_syria_2017_2019.jsonl \\
        [--half tune|test|all] [--json out.json] [--detail]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pins

from yaqut.eval.news import format_table, run

PREFIX = "news_dev."
SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=SHARED / "dev" / "news_gold_dev.jsonl")
    ap.add_argument("--corpus", type=Path,
                    default=SHARED / "corpus" / "guardian_syria_2017_2019.jsonl")
    ap.add_argument("--half", choices=("tune", "test", "all"), default="test")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--detail", action="store_true", help="print every article's verdicts")
    args = ap.parse_args(argv)
    result = run(args.gold, args.corpus, half=args.half)
    print(format_table(result))
    if args.detail:
        for d in result["detail"]:
            print(json.dumps(d, default=str))
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, default=str) + "\n", "utf-8")
    if args.half != "test" or args.gold.name != "news_gold_dev.jsonl":
        return 0
    return pins.verdict(result["scores"], PREFIX)


if __name__ == "__main__":
    sys.exit(main())
