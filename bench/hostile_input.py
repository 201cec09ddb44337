"""Hostile input: how long ingest takes, and how much memory it holds, on the inputs that once
cost minutes or gigabytes (issue 14).

    .venv/bin/python bench/hostile_input.py [--rows 40000] [--gb 1]

Each case is generated in a temporary folder and read with :func:`yaqut.ingest.read_inputs`
in a child process (so each peak RSS is its own):

- ``csv_recovery``: a CSV of ``--rows`` malformed rows (a quote inside a quoted field) and
  one good row; each bad row must be reported, the good one kept (once quadratic: 34 s
  for 40k rows).
- ``json_depth``: a JSONL line nested 100,000 deep between two good lines (once a
  RecursionError that lost the batch).
- ``sparse_jsonl`` / ``sparse_csv``: a sparse file of ``--gb`` GB with no newline (once
  read whole: 2.16 GB / 1.07 GB peak).

Reported per case: seconds, peak RSS of the child (MB), and the items read (documents /
errors), which are checked.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = """
import json, resource, sys, time
from yaqut.ingest import read_inputs
from yaqut.records import Document
start = time.perf_counter()
items = list(read_inputs([sys.argv[1]]))
seconds = time.perf_counter() - start
docs = sum(isinstance(i, Document) for i in items)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "documents": docs,
                  "errors": len(items) - docs}))
"""


def make_cases(root: Path, rows: int, gb: float) -> dict[str, tuple[Path, int, int]]:
    """name -> (path, documents expected, errors expected)."""
    cases = {}
    path = root / "recovery.csv"
    lines = ["id,text"] + [f'b{n},"bad "quote" {n}"' for n in range(rows)] + ['g,"A good row."']
    path.write_text("\n".join(lines) + "\n")
    cases["csv_recovery"] = (path, 1, rows)
    path = root / "deep.jsonl"
    good = json.dumps({"text": "A good line."})
    path.write_text(good + "\n" + '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}\n" + good)
    cases["json_depth"] = (path, 2, 1)
    for name in ("sparse.jsonl", "sparse.csv"):
        path = root / name
        with open(path, "wb") as handle:
            handle.truncate(int(gb * 2**30))
        cases[name.replace(".", "_")] = (path, 0, 1)
    return cases


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=40_000)
    parser.add_argument("--gb", type=float, default=1.0)
    args = parser.parse_args()
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        cases = make_cases(Path(tmp), args.rows, args.gb)
        print(f"{'case':14s} {'seconds':>8s} {'peak_mb':>8s}  documents/errors")
        for name, (path, docs, errors) in cases.items():
            out = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True,
                                 text=True, check=True)
            got = json.loads(out.stdout)
            ok = (got["documents"], got["errors"]) == (docs, errors)
            failed += not ok
            print(f"{name:14s} {got['seconds']:8.2f} {got['peak_mb']:8.0f}  "
                  f"{got['documents']}/{got['errors']}{'' if ok else '  WRONG'}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
