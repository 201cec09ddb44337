"""The store's indexes for the dashboard's default filter (background events left out) and
its type and date filters: made for new stores and old ones alike, and used by the queries
(shown by SQLite's EXPLAIN QUERY PLAN on the very SQL :mod:`yaqut.queries` runs)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from yaqut import queries
from yaqut.dashboard.query import Dashboard
from yaqut.queries import Filters
from yaqut.records import Event
from yaqut.store import Store

ADDED = {"events_incidents_newest", "events_incidents_date", "events_incidents_type_newest",
         "events_incidents_type"}


def _event(n: int, *, background: bool = False, kind: str = "Battles") -> Event:
    return Event(event_id=f"ev-{n}", doc_ids=("doc",), event_date=dt.date(2020, 1, 1 + n),
                 event_type=kind, latitude=35.0, longitude=36.0, background=background)


def _store(path: Path) -> Path:
    with Store(path) as store:
        store.import_events([_event(1), _event(2, background=True),
                             _event(3, kind="Protests"), _event(4)])
    return path


def _indexes(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}


def _made_old(path: Path) -> Path:
    """The file as an earlier yaqut wrote it: without the indexes added since."""
    with sqlite3.connect(path) as db:
        for name in ADDED:
            db.execute(f"DROP INDEX {name}")
    assert not ADDED & _indexes(path)
    return path


def test_a_new_store_has_the_indexes(tmp_path):
    assert ADDED <= _indexes(_store(tmp_path / "s.db"))


def test_an_old_store_gains_the_indexes_when_opened(tmp_path):
    path = _made_old(_store(tmp_path / "s.db"))
    with Store(path) as store:
        assert len(list(store.events())) == 4  # nothing else changed
    assert ADDED <= _indexes(path)


def test_the_dashboard_gives_an_old_store_the_indexes(tmp_path):
    path = _made_old(_store(tmp_path / "s.db"))
    Dashboard(path)
    assert ADDED <= _indexes(path)


def _plans(path: Path, f: Filters) -> dict[str, list[str]]:
    """Each dashboard query's SQL (as run, with its values) -> its query plan."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    ran: list[str] = []
    db.set_trace_callback(ran.append)
    queries.count(db, f)
    queries.events_page(db, f, 50, 0)
    queries.points(db, f, 100)
    queries.counts_by_day(db, f)
    db.set_trace_callback(None)
    plans = {sql: [r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql)] for sql in ran}
    db.close()
    assert len(plans) == 4
    return plans


@pytest.mark.parametrize("f", [
    Filters(),  # the default view: every incident
    Filters(event_type="Battles"),
    Filters(since=dt.date(2020, 1, 2), until=dt.date(2020, 1, 4)),
    Filters(event_type="Battles", since=dt.date(2020, 1, 2)),
], ids=["default", "type", "dates", "type-and-dates"])
def test_the_dashboards_queries_use_the_incident_indexes(tmp_path, f):
    for sql, plan in _plans(_store(tmp_path / "s.db"), f).items():
        used = " ".join(plan)
        assert any(f"INDEX {name}" in used for name in ADDED), (sql, plan)
        assert "SCAN e\n" not in "\n".join(plan) + "\n", (sql, plan)  # never the whole table


def test_without_the_indexes_the_default_view_reads_the_whole_table(tmp_path):
    # the same check fails on a store without them: the test can tell
    path = _made_old(_store(tmp_path / "s.db"))
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    clause, args = queries.where(Filters())
    plan = [r[3] for r in db.execute(f"EXPLAIN QUERY PLAN SELECT COUNT(*) FROM events e{clause}",
                                     args)]
    db.close()
    assert plan == ["SCAN e"]


def test_background_count_counts_off_the_indexes(tmp_path):
    path = _store(tmp_path / "s.db")
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert queries.background_count(db) == 1
    db.close()


def test_an_old_store_that_cannot_be_written_is_read_without_them(tmp_path, monkeypatch):
    from contextlib import contextmanager

    from yaqut.errors import StoreError

    path = _made_old(_store(tmp_path / "s.db"))

    @contextmanager
    def no_writes(self):
        raise StoreError("cannot write (attempt to write a readonly database)")
        yield self

    monkeypatch.setattr(Store, "transaction", no_writes)
    with Store(path, create=False) as store:
        assert [e.event_id for e in store.events()] == ["ev-1", "ev-2", "ev-3", "ev-4"]
    assert not ADDED & _indexes(path)
    monkeypatch.undo()
    with Store(path, create=False):
        pass
    assert ADDED <= _indexes(path)  # made at the next opening that can write
