"""Dedup: reports of one incident merge; places by precision, dates by precision, counts low."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace as dataclass_replace

import pytest

from yaqut.batch import BatchSummary, code_into_store
from yaqut.dedup import DedupRules, dedup, merge_events, same_incident
from yaqut.records import Action, Document, Event, Quantity, Span
from yaqut.store import Store

ARMY = "Military Forces of Syria (2000-)"
MI = "Military Forces of Syria (2000-) Military Intelligence"
HTS = "HTS: Hayat Tahrir al Sham"
DAY = dt.date(2023, 5, 20)
# Neimeh (Dar'a) and a point 3 km east of it; Talbiseh (Homs)
NEIMEH = (32.6323, 36.1583)


def report(eid: str, doc: str | None = "d1", *, day: dt.date = DAY, tp: int = 1,
           lat: float | None = NEIMEH[0], lon: float | None = NEIMEH[1], gp: int = 1,
           admin1: str | None = "Dar'a", admin2: str | None = "Dar'a", location: str = "Neimeh",
           etype: str = "Battles", sub: str = "Armed clash", actor1: str = ARMY,
           actor2: str | None = HTS, fatalities: int = 0, stated: bool = False,
           quantities: tuple[Quantity, ...] = ()) -> Event:
    evidence = [("location", (Span(0, 6, location, doc),))]
    if stated:
        evidence.append(("fatalities", (Span(10, 20, f"{fatalities} killed", doc),)))
    return Event(
        event_id=eid, doc_ids=(doc,) if doc else (), event_date=day, time_precision=tp,
        event_type=etype, sub_event_type=sub, actor1=actor1, actor2=actor2, country="Syria",
        admin1=admin1, admin2=admin2, location=location, latitude=lat, longitude=lon,
        geo_precision=gp, fatalities=fatalities, quantities=quantities,
        actions=(Action("ASSAULT", "occurred", actor1, actor2, f"text of {eid}", 0, 5),),
        evidence=tuple(evidence), notes=f"Notes of {eid}.", source="yaqut" if doc else "acled",
    )


def east(km: float) -> tuple[float, float]:
    import math

    return NEIMEH[0], NEIMEH[1] + km / (111.32 * math.cos(math.radians(NEIMEH[0])))


def test_two_reports_of_one_clash_in_one_town():
    a = report("a", "d1")
    lat, lon = east(3)
    b = report("b", "d2", lat=lat, lon=lon, day=DAY + dt.timedelta(days=1))
    assert same_incident(a, b)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"day": DAY + dt.timedelta(days=2)}, "two days apart"),
        ({"lat": east(8)[0], "lon": east(8)[1]}, "8 km apart, both at the town"),
        ({"etype": "Explosions/Remote violence", "sub": "Air/drone strike"}, "other type"),
        ({"sub": "Government regains territory"}, "other sub-type"),
        ({"actor1": "Islamic State (Syria)"}, "other actor family"),
        ({"actor1": HTS, "actor2": None}, "only the other side named, as actor1"),
        ({"actor1": None}, "no one named acting"),
        ({"doc": "d1"}, "same document"),
        ({"admin1": "Homs", "lat": None, "lon": None, "gp": 3}, "coarse, other governorate"),
    ],
)
def test_not_the_same_incident(change, why):
    a = report("a", "d1", actor2=None) if "only the other" in why else report("a", "d1")
    b = report("b", **{"doc": "d2", **change})
    assert not same_incident(a, b), why
    assert not same_incident(b, a), why


def test_one_side_named_the_other_way_round_is_not_enough():
    # "civilians v. HTS" and "HTS v. (unnamed)": HTS is on both, but not as the same side
    a = report("a", "d1", actor1="Civilians (Syria)", actor2=HTS)
    b = report("b", "d2", actor1=HTS, actor2=None)
    assert not same_incident(a, b) and not same_incident(b, a)


def test_country_level_reports_match_nothing():
    a = report("a", "d1", lat=None, lon=None, gp=3, admin1=None, admin2=None, location="Syria")
    b = report("b", "d2", lat=None, lon=None, gp=3, admin1=None, admin2=None, location="Syria")
    assert not same_incident(a, b)
    from dataclasses import replace

    assert not same_incident(replace(a, pcode="SY"), replace(b, pcode="SY"))
    # a governorate's own p-code on both sides is a match
    assert same_incident(replace(a, pcode="SY02", admin1="Aleppo"),
                         replace(b, pcode="SY02", admin1="Aleppo", location="Aleppo"))


def test_near_a_town_allows_a_wider_radius():
    lat, lon = east(20)
    assert same_incident(report("a", "d1"), report("b", "d2", lat=lat, lon=lon, gp=2))
    assert not same_incident(report("a", "d1"), report("b", "d2", lat=lat, lon=lon, gp=1))


def test_governorate_level_report_matches_by_names_never_by_kilometres():
    # coded at the centre of Dar'a governorate, 40 km from Neimeh: same incident by its names
    centre = report("g", "d2", lat=32.9, lon=36.3, gp=3, admin2=None, location="Dar'a")
    assert same_incident(report("a", "d1"), centre)
    # a governorate-level point 2 km from Neimeh but coded in another governorate: not it
    lat, lon = east(2)
    elsewhere = report("g2", "d2", lat=lat, lon=lon, gp=3, admin1="As-Sweida", admin2=None)
    assert not same_incident(report("a", "d1"), elsewhere)
    # a district-level report of another district of the same governorate: not it
    other_district = report("g3", "d2", lat=32.7, lon=36.0, gp=3, admin2="Izra'")
    assert not same_incident(report("a", "d1"), other_district)


def test_dates_within_each_others_precision():
    month = report("m", "d2", day=dt.date(2023, 5, 1), tp=3)
    week = report("w", "d3", day=DAY + dt.timedelta(days=3), tp=2)
    assert same_incident(report("a", "d1"), month)
    assert same_incident(report("a", "d1"), week)
    assert not same_incident(report("a", "d1"), report("j", "d2", day=dt.date(2023, 6, 3), tp=3))


def test_other_subtype_and_qualified_actor_and_swapped_sides():
    assert same_incident(report("a", "d1"), report("b", "d2", sub="Other"))
    assert same_incident(report("a", "d1"), report("b", "d2", actor1=MI))
    assert same_incident(report("a", "d1"), report("b", "d2", actor1=HTS, actor2=ARMY))
    assert same_incident(report("a", "d1"), report("b", "d2", actor2=None))


def test_imported_rows_never_merge_with_each_other():
    assert not same_incident(report("SYR1", None), report("SYR2", None))
    assert same_incident(report("SYR1", None), report("yq-1", "d1"))


def test_merge_keeps_every_source_and_counts_conservatively():
    q = Quantity
    a = report("yq-b", "d1", fatalities=5, stated=True,
               quantities=(q(50, "rifles", "demanded", "50 rifles", 0, 9),))
    b = report("yq-a", "d2", fatalities=3, stated=True, actor1=MI, gp=2,
               quantities=(q(40, "rifles", "demanded", "40 rifles", 0, 9),
                           q(4, "people", "injured", "4 injured", 10, 19)))
    c = report("yq-c", "d3", fatalities=0, lat=None, lon=None, gp=3, admin2=None)
    merged = merge_events([a, b, c])
    assert merged.event_id == "yq-b"  # the first report's id
    assert merged.doc_ids == ("d1", "d2", "d3")
    assert merged.fatalities == 3  # lowest figure stated; d3 gave none
    assert {(x.unit, x.role): x.count for x in merged.quantities} == {
        ("rifles", "demanded"): 40, ("people", "injured"): 4}
    assert merged.actor1 == MI  # the most specific name of the family
    assert merged.geo_precision == 1 and merged.latitude == NEIMEH[0]
    docs = {s.doc_id for s in merged.evidence_for("location")}
    assert docs == {"d1", "d2", "d3"}
    assert {s.doc_id for s in merged.evidence_for("fatalities")} == {"d1", "d2"}
    assert len(merged.actions) == 3  # each report's action, with its own text


def test_merge_prefers_imported_id_and_precise_date():
    coded = report("yq-1", "d1", day=DAY)
    acled = report("SYR9", None, day=dt.date(2023, 5, 1), tp=3, fatalities=2)
    merged = merge_events([coded, acled])
    assert merged.event_id == "SYR9"
    assert merged.event_date == DAY and merged.time_precision == 1
    assert merged.fatalities == 2  # the imported figure is a stated one
    assert merged.doc_ids == ("d1",)


def test_dedup_groups_and_is_order_free():
    lat, lon = east(2)
    events = [
        report("e3", "d3", lat=lat, lon=lon),
        report("e1", "d1"),
        report("e2", "d2", day=DAY + dt.timedelta(days=1)),
        report("x1", "d1", location="Talbiseh", admin1="Homs", admin2="Ar-Rastan",
               lat=34.8427, lon=36.7267),
    ]
    first = dedup(events)
    second = dedup(list(reversed(events)))
    assert sorted(e.event_id for e in first.events) == ["e1", "x1"]
    assert first.merged == {"e1": ["e2", "e3"]}
    assert first.absorbed == 2
    assert [e.to_dict() for e in sorted(first.events, key=lambda e: e.event_id)] == [
        e.to_dict() for e in sorted(second.events, key=lambda e: e.event_id)]


def test_ambiguous_vague_report_joins_neither_incident():
    # two clashes on one day, 30 km apart in Dar'a; a governorate-level report fits both
    a = report("a", "d1")
    lat, lon = east(30)
    b = report("b", "d2", lat=lat, lon=lon, location="Other town")
    for vid in ("0v", "v"):  # whatever its id, it is judged after the precise reports
        vague = report(vid, "d3", lat=32.9, lon=36.3, gp=3, admin2=None, location="Dar'a")
        out = dedup([a, b, vague])
        assert sorted(e.event_id for e in out.events) == sorted(["a", "b", vid])
        assert out.merged == {}
    # with one clash only, the vague report joins it
    assert dedup([a, vague]).merged == {"a": ["v"]}


def test_rules_are_adjustable():
    lat, lon = east(8)
    b = report("b", "d2", lat=lat, lon=lon)
    assert same_incident(report("a", "d1"), b, DedupRules(town_km=10))


def _coder_of(reports: dict[str, Event]):
    def coder(doc: Document) -> list[Event]:
        return [reports[doc.id]]

    return coder


def _doc(doc_id: str) -> Document:
    return Document(id=doc_id, text=f"text {doc_id}", content_hash=f"h-{doc_id}")


def test_code_into_store_merges_incrementally(tmp_path):
    reports = {"d1": report("yq-1", "d1", fatalities=4, stated=True),
               "d2": report("yq-2", "d2", day=DAY + dt.timedelta(days=1), fatalities=2,
                            stated=True),
               "d3": report("yq-3", "d3", location="Talbiseh", admin1="Homs",
                            admin2="Ar-Rastan", lat=34.8427, lon=36.7267)}
    with Store(tmp_path / "s.db") as store:
        summary = BatchSummary()
        out = list(code_into_store([_doc("d1")], store, _coder_of(reports), summary=summary))
        assert [e.event_id for e in out] == ["yq-1"]
        out = list(code_into_store([_doc("d2"), _doc("d3")], store, _coder_of(reports)))
        assert [e.event_id for e in out] == ["yq-1", "yq-3"]  # d2's report joined yq-1
        stored = {e.event_id: e for e in store.events()}
        assert sorted(stored) == ["yq-1", "yq-3"]
        assert stored["yq-1"].doc_ids == ("d1", "d2")
        assert stored["yq-1"].fatalities == 2
        assert [e.event_id for e in store.events(doc_id="d2")] == ["yq-1"]


def test_code_into_store_without_dedup_keeps_every_report(tmp_path):
    reports = {"d1": report("yq-1", "d1"), "d2": report("yq-2", "d2")}
    with Store(tmp_path / "s.db") as store:
        list(code_into_store([_doc("d1"), _doc("d2")], store, _coder_of(reports), dedup=False))
        assert sorted(e.event_id for e in store.events()) == ["yq-1", "yq-2"]


def test_cli_dedup_reruns_over_the_store(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from yaqut.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("YAQUT_CONFIG", raising=False)
    db = tmp_path / "s.db"
    with Store(db) as store:
        # stored without dedup: an imported row, a coded report of it, an unrelated event
        store.import_events([report("SYR1", None, fatalities=3),
                             report("yq-1", "d1", fatalities=2, stated=True),
                             report("yq-2", "d2", location="Talbiseh", admin1="Homs",
                                    admin2="Ar-Rastan", lat=34.8427, lon=36.7267)])
    runner = CliRunner()
    result = runner.invoke(main, ["dedup", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "SYR1\tyq-1"
    assert "3 events, 1 merged into others: 2 incidents" in result.stderr
    with Store(db, create=False) as store:
        stored = {e.event_id: e for e in store.events()}
    assert sorted(stored) == ["SYR1", "yq-2"]
    assert stored["SYR1"].doc_ids == ("d1",) and stored["SYR1"].fatalities == 2
    again = runner.invoke(main, ["dedup", "--db", str(db)])
    assert again.stdout == "" and "0 merged" in again.stderr


# ------------------------------------------------------------------ the SQL prefilter of candidates


def _merged_into_store(tmp_path, stored: list[Event], new: Event) -> list[Event]:
    from yaqut.dedup import merge_into_store

    tmp_path.mkdir(parents=True, exist_ok=True)
    with Store(tmp_path / "s.db") as store:
        store.import_events(stored)
        with store.transaction():
            return merge_into_store(store, [new])


def test_prefilter_keeps_a_governorate_report_for_a_village_in_it(tmp_path):
    # the governorate spelled otherwise ("Dara" ~ "Dar'a"), no coordinates on the stored side
    gov = report("g", "d1", lat=None, lon=None, gp=3, admin1="Dara", admin2=None,
                 location="Dara")
    village = report("v", "d2")
    assert same_incident(village, gov)
    (out,) = _merged_into_store(tmp_path / "a", [gov], village)
    assert out.event_id == "g" and set(out.doc_ids) == {"d1", "d2"}
    # and the other way round: a stored village, a new governorate-level report
    (out,) = _merged_into_store(tmp_path / "b", [village], gov)
    assert out.event_id == "v" and set(out.doc_ids) == {"d1", "d2"}


def test_prefilter_keeps_near_reports_20_km_apart_and_drops_far_ones(tmp_path):
    from yaqut.dedup import _candidates, date_interval

    lat, lon = east(20)
    near = report("n", "d2", lat=lat, lon=lon, gp=2, admin1="Other spelling", admin2=None)
    far_lat, far_lon = east(200)
    stored = [report("a", "d1", gp=2),
              report("far", "d3", lat=far_lat, lon=far_lon, admin1="Homs", admin2="Homs")]
    assert same_incident(near, stored[0])
    (out,) = _merged_into_store(tmp_path, stored, near)
    assert out.event_id == "a" and set(out.doc_ids) == {"d1", "d2"}
    with Store(tmp_path / "s.db") as store:  # the far point is not even read
        span = date_interval(near, 1)
        got = [e.event_id for e in _candidates(store, near, span, DedupRules(), {})]
        assert got == ["a"]


def test_prefilter_keeps_a_shared_pcode_whatever_the_spelling(tmp_path):
    a = report("a", "d1", lat=None, lon=None, gp=3, admin1="Daraa")
    b = report("b", "d2", lat=None, lon=None, gp=3, admin1="Dar'a")
    a, b = (dataclass_replace(e, pcode="SY12") for e in (a, b))
    assert same_incident(a, b)
    (out,) = _merged_into_store(tmp_path, [a], b)
    assert out.event_id == "a"


@pytest.mark.parametrize("lat", [0.0, 33.0, -60.0, 80.0, 88.9])
def test_box_holds_every_point_within_the_radius(lat):
    import math

    from yaqut.dedup import _box, _km

    centre = report("c", lat=lat, lon=10.0)
    lat_lo, lat_hi, lon_lo, lon_hi = _box(centre, 25.0)
    for k in range(72):  # points on a circle of 24.999 km around the centre
        bearing = math.radians(k * 5)
        d = 24.999 / 6371.0088
        la1, lo1 = math.radians(lat), math.radians(10.0)
        la2 = math.asin(math.sin(la1) * math.cos(d)
                        + math.cos(la1) * math.sin(d) * math.cos(bearing))
        lo2 = lo1 + math.atan2(math.sin(bearing) * math.sin(d) * math.cos(la1),
                               math.cos(d) - math.sin(la1) * math.sin(la2))
        p = report("p", lat=math.degrees(la2), lon=math.degrees(lo2))
        assert _km(centre, p) <= 25.0
        assert lat_lo <= p.latitude <= lat_hi
        assert lon_lo is None or lon_lo <= p.longitude <= lon_hi
    assert lon_lo is not None or abs(lat) > 85  # bounded longitude away from the poles
