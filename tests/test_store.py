"""The event store: round-trips, idempotence, schema version, WAL, errors, campaigns."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from yaqut.batch import BatchSummary, code_into_store
from yaqut.errors import GazetteerMissing, SchemaMismatch, StoreError
from yaqut.ingest import make_document
from yaqut.records import Campaign, Document, ErrorRecord, Event, event_from_dict
from yaqut.store import SCHEMA_VERSION, Store

FIXTURES = Path(__file__).parent / "fixtures"


def full_event() -> Event:
    """An event with every field set, nested ones included (hand-made fixture)."""
    return event_from_dict(json.loads((FIXTURES / "event_full.json").read_text()))


def fake_coder(doc: Document) -> list[Event]:
    return [Event(event_id=f"{doc.id}:1", doc_ids=(doc.id,), notes=doc.text[:40])]


def test_every_event_field_round_trips(tmp_path):
    event = full_event()
    assert all(  # the fixture really sets every field
        getattr(event, f.name) not in (None, (), "") for f in dataclasses.fields(Event)
    )
    doc = make_document("Example report.", doc_id="doc-7", published="2023-06-02")
    with Store(tmp_path / "s.db") as store:
        assert store.add_coded(doc, [event])
    with Store(tmp_path / "s.db") as store:  # read back from a fresh connection
        [back] = list(store.events())
    assert back == event


def test_documents_round_trip_with_warnings(tmp_path):
    doc = make_document(
        "Text.", doc_id="d", published="2020-01-01", source="S", url="u", title="T",
        origin="f.txt", warnings=("f.txt: decoded as cp1252",),
    )  # fmt: skip
    with Store(tmp_path / "s.db") as store:
        store.add_coded(doc, [])
        assert list(store.documents()) == [doc]
        assert store.document_sources() == {"d": "S"}


def test_coding_the_same_document_again_adds_nothing(tmp_path):
    doc = make_document("Same words.", doc_id="a")
    with Store(tmp_path / "s.db") as store:
        assert store.add_coded(doc, fake_coder(doc)) is True
        assert store.has_document(doc.content_hash)
        assert store.add_coded(doc, fake_coder(doc)) is False
        again = make_document("Same words.", doc_id="other-id")  # same text, same hash
        assert store.add_coded(again, fake_coder(again)) is False
        assert store.counts() == {"documents": 1, "events": 1, "errors": 0, "campaigns": 0}


def test_code_into_store_skips_documents_already_stored(tmp_path):
    docs = [make_document(t) for t in ("one", "two", "three")]
    calls: list[str] = []

    def coder(doc: Document) -> list[Event]:
        calls.append(doc.text)
        return fake_coder(doc)

    with Store(tmp_path / "s.db") as store:
        first = BatchSummary()
        assert len(list(code_into_store(docs[:2], store, coder, summary=first))) == 2
        second = BatchSummary()
        assert len(list(code_into_store(docs, store, coder, summary=second))) == 1
        assert store.counts()["documents"] == 3
    assert calls == ["one", "two", "three"]
    assert (second.documents, second.skipped, second.events) == (1, 2, 1)
    assert second.line() == "1 document, 1 event, 0 errors (2 already in the store)"


def test_a_failing_document_becomes_a_coding_error_and_the_batch_goes_on(tmp_path):
    docs = [make_document(t, origin=f"{t}.txt") for t in ("ok", "boom", "fine")]

    def coder(doc: Document) -> list[Event]:
        if doc.text == "boom":
            raise ValueError("unexpected token")
        return fake_coder(doc)

    summary = BatchSummary()
    with Store(tmp_path / "s.db") as store:
        events = list(code_into_store(docs, store, coder, summary=summary, batch_size=1))
        [err] = list(store.errors())
        assert not store.has_document(docs[1].content_hash)  # so a fixed coder retries it
    assert len(events) == 2 and summary.errors == 1
    assert err.code == "E400" and err.origin == "boom.txt" and err.doc_id == docs[1].id
    assert "ValueError: unexpected token" in err.reason


def test_a_missing_resource_stops_the_batch(tmp_path):
    def coder(doc: Document) -> list[Event]:
        raise GazetteerMissing("no gazetteer")

    with Store(tmp_path / "s.db") as store:
        with pytest.raises(GazetteerMissing):
            list(code_into_store([make_document("x")], store, coder))
        assert store.counts()["errors"] == 0


def test_batches_commit_so_an_interruption_keeps_earlier_batches(tmp_path):
    docs = [make_document(f"report {i}") for i in range(5)]

    def coder(doc: Document) -> list[Event]:
        if doc.text == "report 3":
            raise KeyboardInterrupt
        return fake_coder(doc)

    with Store(tmp_path / "s.db") as store:
        with pytest.raises(KeyboardInterrupt):
            list(code_into_store(docs, store, coder, batch_size=2))
    with Store(tmp_path / "s.db") as store:
        assert store.counts()["documents"] == 2  # the batch holding report 2 rolled back


def test_the_store_is_in_wal_mode_with_a_schema_version(tmp_path):
    with Store(tmp_path / "s.db") as store:
        assert store.journal_mode == "wal"
        assert store.schema_version == SCHEMA_VERSION


def test_a_store_of_another_schema_version_is_refused(tmp_path):
    path = tmp_path / "s.db"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(SchemaMismatch) as info:
        Store(path)
    assert "999" in str(info.value) and info.value.code == "E301"


def test_a_file_that_is_not_a_store_is_refused(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 10)
    with pytest.raises(StoreError):
        Store(junk)
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="no meta table"):
        Store(other)


def test_create_false_refuses_a_missing_store(tmp_path):
    with pytest.raises(StoreError, match="no event store"):
        Store(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()


def test_errors_are_kept_once_and_cleared_when_the_item_codes(tmp_path):
    err = ErrorRecord(origin="a.txt", code="E101", reason="a.txt: empty")
    with Store(tmp_path / "s.db") as store:
        store.add_error(err)
        store.add_error(err)
        store.add_error(ErrorRecord(origin="b.txt", code="E102", reason="b.txt: binary"))
        listed = list(store.errors())
        assert [(e.origin, e.code) for e in listed] == [("a.txt", "E101"), ("b.txt", "E102")]
        assert listed[0].created  # the store stamps the time
        store.add_coded(make_document("now it has text", origin="a.txt"), [])
        assert [e.origin for e in store.errors()] == ["b.txt"]


def test_event_queries_filter_and_order(tmp_path):
    def ev(i: str, day: int | None, **kw) -> Event:
        date = dt.date(2023, 5, day) if day else None
        return Event(event_id=i, doc_ids=(kw.pop("doc", "d1"),), event_date=date, **kw)

    events = [
        ev("c", 20, event_type="Battles", admin1="Homs", actor1="A"),
        ev("a", 1, event_type="Protests", admin1="Idleb", actor2="A"),
        ev("b", None, event_type="Battles", doc="d2"),
        ev("d", 25, event_type="Battles", admin1="Homs", actor1="B", doc="d2"),
    ]
    with Store(tmp_path / "s.db") as store:
        store.add_coded(make_document("one"), events)
        ids = lambda **kw: [e.event_id for e in store.events(**kw)]  # noqa: E731
        assert ids() == ["a", "c", "d", "b"]  # by date, undated last
        assert ids(since=dt.date(2023, 5, 2)) == ["c", "d"]
        assert ids(until=dt.date(2023, 5, 20)) == ["a", "c"]
        assert ids(event_type="Battles", admin1="Homs") == ["c", "d"]
        assert ids(actor="A") == ["a", "c"]
        assert ids(doc_id="d2") == ["d", "b"]
        assert ids(limit=2) == ["a", "c"]


def test_replace_events_swaps_the_event_set_and_keeps_documents(tmp_path):
    doc = make_document("r")
    with Store(tmp_path / "s.db") as store:
        store.add_coded(doc, [Event("x", ("d1",)), Event("y", ("d2",))])
        merged = Event("x+y", ("d1", "d2"), notes="merged")
        assert store.replace_events([merged]) == 1
        assert list(store.events()) == [merged]
        assert [e.event_id for e in store.events(doc_id="d2")] == ["x+y"]
        assert store.counts()["documents"] == 1


def test_campaigns_round_trip(tmp_path):
    campaign = Campaign(
        campaign_id="c1", members=("e1", "e2"), start=dt.date(2023, 5, 1),
        end=dt.date(2023, 5, 20), places=("P1", "P2"), admin1s=("Homs",), actors=("A",),
        pattern="demands", p_value=0.01, replications=999, method="space-time permutation",
        explanation="Two towns got the same demands within three weeks.", statistic=4.2,
        extra=(("radius_km", 120.0), ("window_days", 21)),
    )  # fmt: skip
    with Store(tmp_path / "s.db") as store:
        assert store.put_campaigns([campaign]) == 1
        assert list(store.campaigns()) == [campaign]
        store.put_campaigns([])
        assert store.counts()["campaigns"] == 0


def test_transaction_rolls_back_everything_on_error(tmp_path):
    with Store(tmp_path / "s.db") as store:
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.add_coded(make_document("kept?"), [Event("e", ("d",))])
                raise RuntimeError
        assert store.counts()["documents"] == 0 and store.counts()["events"] == 0


def test_a_second_writer_waits_then_fails_cleanly(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as first, Store(path, busy_timeout=0.05) as second:
        with first.transaction():
            with pytest.raises(StoreError, match="cannot write"):
                with second.transaction():
                    pass
        # readers are not blocked by the writer (WAL)
        assert second.counts()["documents"] == 0
