"""Batch coding: N processes give what one gives, killed runs resume, Dask shards round-trip.

A cheap fake coder (written to a temporary module and named by the ``coder.plugin``
setting, in a CoderConfig or a ``$YAQUT_CONFIG`` file for subprocesses) stands in
for the NLP pipeline, so real worker processes, real subprocesses and a real Dask cluster
are exercised in seconds. It logs every document it codes, to check nothing is coded twice.
"""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from yaqut.batch import BatchSummary, Progress, code_batch, count_items
from yaqut.coder import CoderConfig, load_plugin
from yaqut.errors import UsageError
from yaqut.ingest import read_inputs
from yaqut.records import event_to_dict
from yaqut.store import SCHEMA_VERSION, Store

FAKE = textwrap.dedent(
    '''
    import os, time, zlib
    from yaqut.records import Action, Event

    def code(doc):
        log = os.environ.get("FAKE_LOG")
        if log:
            with open(log, "a") as handle:
                handle.write(doc.content_hash + "\\n")
        time.sleep(float(os.environ.get("FAKE_DELAY", "0")))
        if "crash" in doc.text:
            raise RuntimeError("stage fell over on " + doc.id)
        n = zlib.crc32(doc.text.encode()) % 3  # 0, 1 or 2 events, fixed by the text
        return [
            Event(
                event_id=f"{doc.id}:{k}",
                doc_ids=(doc.id,),
                event_date=doc.published,
                event_type="Battles",
                sub_event_type="Armed clash",
                country="Syria",
                location=f"Town {zlib.crc32(doc.text.encode()) % 97}",
                latitude=35.0 + k,
                longitude=36.0,
                actions=(Action("FIGHT", "occurred", None, None, doc.text[:20], 0, 20),),
                notes=doc.text[:40],
                source="fake",
            )
            for k in range(n)
        ]
    '''
)


@pytest.fixture
def fake(tmp_path, monkeypatch):
    """The fake coder as ``fake_coder:code``, importable here and in child processes."""
    folder = tmp_path / "mods"
    folder.mkdir()
    (folder / "fake_coder.py").write_text(FAKE)
    monkeypatch.syspath_prepend(str(folder))
    path = os.pathsep.join([str(folder), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    monkeypatch.setenv("PYTHONPATH", path)
    config = tmp_path / "fake.toml"  # for `yaqut code` in a subprocess
    config.write_text('[coder]\nplugin = "fake_coder:code"\n')
    monkeypatch.setenv("YAQUT_CONFIG", str(config))
    return "fake_coder:code"


def corpus(path: Path, n: int) -> Path:
    """n reports in JSONL, with a repeat, a malformed line and a document that crashes."""
    lines = []
    for i in range(n):
        text = f"Report {i}: fighting near village {i % 13} on day {i}."
        if i == 5:
            text = "This one will crash the coder."
        lines.append(json.dumps({"id": f"r{i}", "text": text, "published": "2019-04-10"}))
    lines.insert(7, "{not json")
    lines.append(lines[3])  # the same document again: stored once
    path.write_text("\n".join(lines) + "\n")
    return path


def snapshot(db: Path) -> tuple[list, list, list]:
    with Store(db, create=False) as store:
        events = [event_to_dict(e) for e in store.events()]
        docs = [(d.content_hash, d.id) for d in store.documents()]
        errors = [(e.origin, e.code, e.reason) for e in store.errors()]
    return events, docs, errors


def run_batch(inputs: list[Path], db: Path, workers: int, spec: str | None) -> BatchSummary:
    summary = BatchSummary()
    with Store(db) as store:
        for _ in code_batch(
            read_inputs(inputs), store, workers=workers, config=CoderConfig(plugin=spec or ""),
            summary=summary,
            batch_size=7,
        ):
            pass
    return summary


# -- processes ---------------------------------------------------------------------------


def test_two_workers_store_exactly_what_one_process_stores(tmp_path, fake):
    data = corpus(tmp_path / "in.jsonl", 40)
    one = run_batch([data], tmp_path / "one.db", 1, fake)
    two = run_batch([data], tmp_path / "two.db", 2, fake)
    assert one.line() == two.line()
    assert (one.documents, one.errors, one.skipped) == (39, 2, 1)  # the crash, the bad line
    a, b = snapshot(tmp_path / "one.db"), snapshot(tmp_path / "two.db")
    assert a[0] and a == b
    assert any("coding failed (RuntimeError: stage fell over on r5)" in r for _, _, r in b[2])


def test_workers_skip_what_the_store_holds(tmp_path, fake, monkeypatch):
    data = corpus(tmp_path / "in.jsonl", 20)
    log = tmp_path / "coded.log"
    run_batch([data], tmp_path / "s.db", 2, fake)
    monkeypatch.setenv("FAKE_LOG", str(log))
    again = run_batch([data], tmp_path / "s.db", 2, fake)
    assert again.documents == 0 and again.skipped == 20
    crash = [d.content_hash for d in read_inputs([data]) if "crash" in getattr(d, "text", "")]
    assert log.read_text().split() == crash  # only the document that failed is tried again


def test_a_bad_coder_spec_is_a_usage_error():
    with pytest.raises(UsageError, match="cannot load the coder"):
        load_plugin("no_such_module_here:code")


# -- interrupted runs resume ---------------------------------------------------------------


def _stored(db: Path) -> set[str]:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return {r[0] for r in con.execute("SELECT content_hash FROM documents")}
        finally:
            con.close()
    except sqlite3.Error:
        return set()


@pytest.mark.parametrize(
    ("how", "workers"),
    [(signal.SIGKILL, 1), (signal.SIGKILL, 2), (signal.SIGINT, 1), (signal.SIGINT, 2)],
    ids=["kill-9", "kill-9-2-workers", "ctrl-c", "ctrl-c-2-workers"],
)
def test_an_interrupted_run_resumes_with_nothing_lost_or_coded_twice(
    tmp_path, fake, monkeypatch, how, workers
):
    data = corpus(tmp_path / "in.jsonl", 120)
    db = tmp_path / "run.db"
    log = tmp_path / "coded.log"
    config = tmp_path / "yaqut.toml"
    config.write_text(f'[store]\nbatch_size = 5\n[coder]\nplugin = "{fake}"\n')
    monkeypatch.setenv("YAQUT_CONFIG", str(config))
    monkeypatch.setenv("FAKE_LOG", str(log))
    monkeypatch.setenv("FAKE_DELAY", "0.03")
    command = [sys.executable, "-m", "yaqut", "code", str(data), "--db", str(db),
               "--no-progress", "--workers", str(workers)]  # fmt: skip
    proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 60
    while len(_stored(db)) < 20 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, proc.communicate()[1]
    if how == signal.SIGINT:
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C sends: the whole process group
    else:
        os.kill(proc.pid, signal.SIGKILL)
    _, err = proc.communicate(timeout=60)
    if how == signal.SIGINT:
        assert proc.returncode == 130 and "run again to resume" in err
        assert "Traceback" not in err
    kept = _stored(db)
    assert 20 <= len(kept) < 119

    log.unlink()
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr  # the crash and the bad line are item errors
    recoded = log.read_text().split()
    crash_hash = next(
        d.content_hash for d in read_inputs([data]) if hasattr(d, "text") and "crash" in d.text
    )
    assert not (set(recoded) - {crash_hash}) & kept  # nothing stored was coded again
    assert len(recoded) == len(set(recoded))
    assert len(_stored(db)) == 119  # 120 reports, one crashes; the repeat is the same doc

    fresh = tmp_path / "fresh.db"
    subprocess.run([*command[:6], str(fresh), "--no-progress"], capture_output=True, timeout=120)
    a, b = snapshot(db), snapshot(fresh)
    assert a[0] == b[0] and sorted(a[1]) == sorted(b[1])


# -- progress ----------------------------------------------------------------------------


def test_progress_writes_plain_lines_when_not_on_a_terminal():
    out = io.StringIO()
    with Progress(10, stream=out, interval=0.0) as shown:
        for i in range(1, 4):
            shown.update(i, i)
    lines = out.getvalue().splitlines()
    assert len(lines) == 3 and lines[-1].startswith("coding: 3/10 items, ")
    assert "docs/s" in lines[-1] and "ETA" in lines[-1]


def test_progress_draws_a_bar_on_a_terminal():
    out = io.StringIO()
    with Progress(4, stream=out, terminal=True) as shown:
        shown.update(2, 2)
    text = out.getvalue()
    assert "docs/s" in text and "coding: " not in text  # the bar, not the plain lines


def test_count_items(tmp_path):
    corpus(tmp_path / "a.jsonl", 10)
    (tmp_path / "b.txt").write_text("One article.")
    assert count_items([tmp_path]) == 13  # 10 + the bad line + the repeat, + the article
    assert count_items(["-"]) is None


# -- Dask --------------------------------------------------------------------------------


@pytest.mark.slow
def test_dask_local_cluster_gives_the_single_process_events(tmp_path, fake):
    from click.testing import CliRunner

    from yaqut import cli
    from yaqut.engine.dask_engine import run

    shards = tmp_path / "shards"
    shards.mkdir()
    corpus(shards / "part-0.jsonl", 15)
    corpus(shards / "part-1.jsonl", 12)  # same texts as part-0: duplicates across shards
    (shards / "part-2.jsonl").write_text(
        json.dumps({"id": "x1", "text": "Shelling hit a market.", "published": "2019-05-01"})
    )
    out = tmp_path / "events"
    results = run([shards], out, workers=2, config=CoderConfig(plugin=fake))
    assert [r.skipped for r in results] == [False] * 3
    assert len(list(out.glob("*.events.parquet"))) == 3

    runner = CliRunner()
    loaded = runner.invoke(cli.main, ["import", "parquet", str(out), "--db",
                                      str(tmp_path / "dask.db")])  # fmt: skip
    assert loaded.exit_code == 1, loaded.output  # the crash and the bad line, as in `code`
    single = run_batch([shards], tmp_path / "single.db", 1, fake)
    a, b = snapshot(tmp_path / "dask.db"), snapshot(tmp_path / "single.db")
    assert a[0] and a == b
    assert single.documents == len(a[1])

    again = run([shards], out, workers=2, config=CoderConfig(plugin=fake))  # resume: nothing to do
    assert all(r.skipped for r in again)
    loaded = runner.invoke(cli.main, ["import", "parquet", str(out), "--db",
                                      str(tmp_path / "dask.db")])  # fmt: skip
    assert snapshot(tmp_path / "dask.db") == b  # importing again adds nothing twice


def test_import_parquet_loads_an_export_file(tmp_path, fake):
    from yaqut.engine.dask_engine import import_parquet
    from yaqut.export import write_events

    data = corpus(tmp_path / "in.jsonl", 12)
    run_batch([data], tmp_path / "a.db", 1, fake)
    with Store(tmp_path / "a.db", create=False) as store:
        events = list(store.events())
    write_events(events, "parquet", tmp_path / "ev.parquet")
    with Store(tmp_path / "b.db") as store:
        summary = import_parquet([tmp_path / "ev.parquet"], store)
        back = list(store.events())
    assert summary.events == len(events) > 0
    assert [event_to_dict(e) for e in back] == [event_to_dict(e) for e in events]


def test_parquet_shards_read_like_jsonl_row_by_row(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = corpus(tmp_path / "in.jsonl", 9)
    rows = [json.loads(line) for line in data.read_text().splitlines() if line != "{not json"]
    rows.append({"id": "bad", "text": None, "published": "2019-04-10"})
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "in.parquet", row_group_size=4)
    from_jsonl = [d for d in read_inputs([data]) if hasattr(d, "text")]
    from_parquet = list(read_inputs([tmp_path / "in.parquet"]))
    assert [(d.id, d.text, d.published, d.content_hash) for d in from_jsonl] == [
        (d.id, d.text, d.published, d.content_hash) for d in from_parquet[:-1]
    ]
    assert from_parquet[-1].reason.endswith("in.parquet:row 11: no 'text' field")
    (tmp_path / "empty.jsonl").write_text("\n  \n")
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really")
    errors = list(read_inputs([tmp_path / "empty.jsonl", tmp_path / "broken.parquet"]))
    assert [e.code for e in errors] == ["E101", "E104"]


REPORTS = [
    "Government warplanes struck a market in Maarat al-Numan in Idlib on Monday, killing "
    "nine civilians, rescuers said.",
    "Turkish-backed rebels captured the village of Tal Rifaat on Sunday after clashes with "
    "Kurdish fighters, a monitor said. Fourteen fighters were killed.",
    "A car bomb exploded in Azaz on Tuesday, wounding at least 20 people.",
    "Officials warned that the regime would storm Daraa unless the rebels hand over their "
    "heavy weapons.",
]


@pytest.mark.slow
def test_dask_with_the_real_coder_gives_the_single_process_events(tmp_path, monkeypatch):
    from yaqut.engine.dask_engine import import_parquet, run

    shards = tmp_path / "shards"
    shards.mkdir()
    for k in range(2):
        rows = [{"id": f"s{k}-{i}", "text": t, "published": "2019-05-21"}
                for i, t in enumerate(REPORTS[2 * k : 2 * k + 2])]  # fmt: skip
        (shards / f"part-{k}.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    results = run([shards], tmp_path / "out", workers=2)
    assert sum(r.documents for r in results) == 4
    with Store(tmp_path / "dask.db") as store:
        import_parquet([tmp_path / "out"], store)
    run_batch([shards], tmp_path / "single.db", 1, None)
    a, b = snapshot(tmp_path / "dask.db"), snapshot(tmp_path / "single.db")
    assert len(a[0]) >= 3 and a == b


# -- concurrent writers, time budget, documents the store cannot hold ------------------------


def _started_together(commands: list[list[str]], **kwargs) -> list[subprocess.CompletedProcess]:
    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              **kwargs) for c in commands]
    out = []
    for proc, command in zip(procs, commands, strict=True):
        stdout, stderr = proc.communicate(timeout=300)
        out.append(subprocess.CompletedProcess(command, proc.returncode, stdout, stderr))
    return out


def test_two_writers_on_one_new_store_both_finish_with_every_document_once(
    tmp_path, fake, monkeypatch
):
    data = corpus(tmp_path / "in.jsonl", 24)
    db = tmp_path / "shared.db"  # new: both processes also race to make it
    log = tmp_path / "coded.log"
    config = tmp_path / "yaqut.toml"
    # a batch takes 8 x 0.15 s to code, longer than a writer waits for the lock: only
    # coding outside the write transaction lets both finish
    config.write_text(f'[store]\nbatch_size = 8\nbusy_timeout = 1.0\n'
                      f'[coder]\nplugin = "{fake}"\n')
    monkeypatch.setenv("YAQUT_CONFIG", str(config))
    monkeypatch.setenv("FAKE_LOG", str(log))
    monkeypatch.setenv("FAKE_DELAY", "0.15")
    command = [sys.executable, "-m", "yaqut", "code", str(data), "--db", str(db),
               "--no-progress"]  # fmt: skip
    runs = _started_together([command, command])
    for run in runs:  # 1: the crash and the bad line are item errors; never 3 (locked)
        assert run.returncode == 1, run.stderr
        assert "locked" not in run.stderr and "already exists" not in run.stderr
    stored = [int(r.stderr.split(" document")[0].split()[-1]) for r in runs]
    assert sum(stored) == 23  # 24 reports, one crashes; each stored by one process only
    with Store(db, create=False) as store:
        docs = [d.content_hash for d in store.documents()]
        errors = [(e.code, e.reason) for e in store.errors()]
    want = {d.content_hash for d in read_inputs([data]) if hasattr(d, "text")
            and "crash" not in d.text}  # fmt: skip
    assert sorted(docs) == sorted(want)  # every good document, once
    assert sorted(c for c, _ in errors) == ["E104", "E400"]


def test_processes_racing_to_create_a_store_all_open_it(tmp_path):
    start = time.time() + 2.0
    script = ("import sys, time; from yaqut.store import Store; "
              "time.sleep(max(0.0, float(sys.argv[2]) - time.time())); "
              "Store(sys.argv[1]).close()")  # fmt: skip
    for k in range(3):
        db = tmp_path / f"new-{k}.db"
        runs = _started_together(
            [[sys.executable, "-c", script, str(db), str(start + 1.5 * k)]] * 4)
        assert [r.returncode for r in runs] == [0] * 4, [r.stderr for r in runs]
        with Store(db, create=False) as store:
            assert store.schema_version == SCHEMA_VERSION


SLOW = textwrap.dedent(
    '''
    import time
    from fake_coder import code as quick

    def code(doc):
        if "slow" in doc.text:
            time.sleep(60)  # one call: the budget must cut it short
        return quick(doc)
    '''
)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_over_the_time_budget_is_an_error_and_the_batch_goes_on(
    tmp_path, fake, workers
):
    (tmp_path / "mods" / "slow_coder.py").write_text(SLOW)
    rows = [{"id": f"r{i}", "text": f"Report {i}: {'slow' if i == 2 else 'quick'} news.",
             "published": "2019-04-10"} for i in range(6)]  # fmt: skip
    data = tmp_path / "in.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    summary = BatchSummary()
    started = time.monotonic()
    with Store(tmp_path / "s.db") as store:
        config = CoderConfig(plugin="slow_coder:code", time_budget=0.5)
        list(code_batch(read_inputs([data]), store, workers=workers, config=config,
                        summary=summary))
        errors = list(store.errors())
        stored = sorted(d.id for d in store.documents())
    assert time.monotonic() - started < 30
    assert stored == ["r0", "r1", "r3", "r4", "r5"]
    assert [(e.code, e.doc_id) for e in errors] == [("E402", "r2")]
    assert "over the time budget of 0.5 s" in errors[0].reason
    assert summary.documents == 5 and summary.errors == 1


def test_the_time_budget_holds_outside_the_main_thread_too():
    import threading

    from yaqut.coder import within_budget
    from yaqut.errors import OverBudget
    from yaqut.ingest import make_document

    def busy(doc):  # many short steps, as a coder's Python code runs
        end = time.monotonic() + 30
        while time.monotonic() < end:
            time.sleep(0.01)
        return []

    caught: list[BaseException] = []

    def run():
        try:
            within_budget(busy, 0.3)(make_document("text", doc_id="d"))
        except BaseException as exc:  # noqa: BLE001 - what it raised is the point
            caught.append(exc)

    thread = threading.Thread(target=run)
    started = time.monotonic()
    thread.start()
    thread.join(20)
    assert not thread.is_alive() and time.monotonic() - started < 10
    assert len(caught) == 1 and isinstance(caught[0], OverBudget)
    assert within_budget(lambda doc: [], 5.0)(make_document("x", doc_id="e")) == []


def test_a_document_the_store_cannot_hold_is_its_own_error(tmp_path):
    from yaqut.batch import code_into_store
    from yaqut.records import Document, ErrorRecord

    good = [Document(id=f"g{i}", text=f"Good report {i}.", content_hash=f"h{i}")
            for i in range(4)]  # fmt: skip
    bad = Document(id="bad", text="A lone surrogate \ud800 here.", content_hash="hbad")
    broken_origin = ErrorRecord(origin="in/\udcff.txt", code="E106", reason="unreadable")
    items = [good[0], good[1], bad, broken_origin, good[2], good[3]]
    summary = BatchSummary()
    with Store(tmp_path / "s.db") as store:
        list(code_into_store(items, store, lambda doc: [], summary=summary, batch_size=10))
        stored = sorted(d.id for d in store.documents())
        errors = list(store.errors())
    assert stored == ["g0", "g1", "g2", "g3"]  # the bad one undid none of the others
    assert [e.code for e in errors] == ["E401", "E106"]
    assert "bad: cannot be stored (UnicodeEncodeError" in errors[0].reason
    assert errors[1].origin == "in/\\udcff.txt"  # escaped, stored
    assert summary.documents == 4 and summary.errors == 2
