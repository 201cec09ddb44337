"""The incident stage (yaqut.extract.incidents) and the background flag it sets."""

from __future__ import annotations

import dataclasses

from yaqut.ingest import make_document
from yaqut.records import Event, event_from_dict, event_to_dict
from yaqut.store import Store


def test_background_round_trips_through_the_store_and_stays_out_when_false(tmp_path):
    event = Event(event_id="e1", doc_ids=("d",), location="Somewhere", background=True)
    assert event_from_dict(event_to_dict(event)).background is True
    plain = dataclasses.replace(event, event_id="e2", background=False)
    assert "background" not in event_to_dict(plain)
    doc = make_document("Example report.", doc_id="d", published="2019-01-02")
    with Store(tmp_path / "s.db") as store:
        store.add_coded(doc, [event, plain])
    with Store(tmp_path / "s.db") as store:
        back = {e.event_id: e.background for e in store.events()}
    assert back == {"e1": True, "e2": False}
