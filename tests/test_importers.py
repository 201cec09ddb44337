"""ACLED import: columns to Event fields, bad rows to E104 records with their line numbers."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from yaqut.errors import MalformedInput, UnreadableInput
from yaqut.importers import acled_row_to_event, read_acled
from yaqut.records import ErrorRecord, Event

COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "iso", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "notes", "fatalities",
]


def row(**over: str) -> dict[str, str]:
    base = {
        "event_id_cnty": "SYR1", "event_date": "02 June 2023", "year": "2023.0",
        "time_precision": "1.0", "disorder_type": "Political violence", "event_type": "Battles",
        "sub_event_type": "Armed clash", "actor1": "Military Forces of Syria (2000-)",
        "assoc_actor_1": "", "inter1": "1.0", "actor2": "Islamic State (Syria)",
        "assoc_actor_2": "", "inter2": "2.0", "interaction": "12.0", "iso": "760.0",
        "country": "Syria", "admin1": "Homs", "admin2": "Tadmor", "admin3": "Tadmor",
        "location": "Tadmor", "latitude": "34.5601", "longitude": "38.2785",
        "geo_precision": "2.0", "source": "SOHR", "notes": "On 2 June 2023, clashes took place.",
        "fatalities": "3.0",
    }
    base.update(over)
    return base


def write_csv(path, rows, columns=COLUMNS) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for r in rows:
            writer.writerow(r)


def test_row_fields_map_to_event():
    ev = acled_row_to_event(row())
    assert ev.event_id == "SYR1"
    assert ev.doc_ids == ()
    assert ev.event_date == dt.date(2023, 6, 2)
    assert ev.time_precision == 1
    assert (ev.event_type, ev.sub_event_type) == ("Battles", "Armed clash")
    assert ev.actor1 == "Military Forces of Syria (2000-)"
    assert ev.actor2 == "Islamic State (Syria)"
    assert (ev.inter1, ev.inter2, ev.interaction) == (1, 2, 12)
    assert (ev.admin1, ev.admin2, ev.location) == ("Homs", "Tadmor", "Tadmor")
    assert ev.latitude == pytest.approx(34.5601)
    assert ev.longitude == pytest.approx(38.2785)
    assert ev.geo_precision == 2
    assert ev.fatalities == 3
    assert ev.notes.startswith("On 2 June 2023")
    assert ev.source == "acled"
    assert ev.assoc_actor_1 is None


def test_iso_and_other_date_forms():
    assert acled_row_to_event(row(event_date="2023-06-02")).event_date == dt.date(2023, 6, 2)
    assert acled_row_to_event(row(event_date="02-June-2023")).event_date == dt.date(2023, 6, 2)


def test_battle_is_an_assault_by_actor1_on_actor2_derived_from_type():
    (action,) = acled_row_to_event(row()).actions
    assert action.type == "ASSAULT"
    assert action.mode == "occurred"
    assert action.actor == "Military Forces of Syria (2000-)"
    assert action.target == "Islamic State (Syria)"
    assert "derived from ACLED type" in action.text
    assert (action.start, action.end) == (0, 0)


def test_types_that_say_nothing_about_who_did_what_get_no_action():
    ev = acled_row_to_event(row(event_type="Strategic developments", sub_event_type="Agreement"))
    assert ev.actions == ()
    protest = acled_row_to_event(row(event_type="Protests", sub_event_type="Peaceful protest"))
    assert [a.type for a in protest.actions] == ["PROTEST"]


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("event_date", "yesterday", "event_date"),
        ("event_date", "", "missing event_date"),
        ("event_id_cnty", "", "missing event_id_cnty"),
        ("latitude", "95", "latitude out of range"),
        ("longitude", "abc", "could not convert"),
        ("time_precision", "4", "time_precision must be 1, 2 or 3"),
        ("geo_precision", "1.5", "geo_precision is not a whole number"),
        ("fatalities", "-2", "fatalities is negative"),
        ("fatalities", "nan", "not a finite number"),
    ],
)
def test_bad_cells_name_the_field(field, value, words):
    with pytest.raises(MalformedInput) as info:
        acled_row_to_event(row(**{field: value}))
    assert words in str(info.value)
    assert info.value.code == "E104"


def test_bad_rows_between_good_ones_are_reported_with_line_numbers(tmp_path):
    path = tmp_path / "export.csv"
    rows = [
        row(event_id_cnty="SYR1"),
        row(event_id_cnty="SYR2", event_date="not a date"),
        # a quoted note over two physical lines: the next row starts two lines further on
        row(event_id_cnty="SYR3", notes="first line\nsecond line"),
        row(event_id_cnty="SYR4", latitude="north"),
        row(event_id_cnty="SYR5", event_date="2023-06-05"),
    ]
    write_csv(path, rows)
    out = list(read_acled(path))
    assert [type(x).__name__ for x in out] == ["Event", "ErrorRecord", "Event", "ErrorRecord",
                                              "Event"]
    assert [x.event_id for x in out if isinstance(x, Event)] == ["SYR1", "SYR3", "SYR5"]
    errors = [x for x in out if isinstance(x, ErrorRecord)]
    assert [e.origin for e in errors] == [f"{path}:3", f"{path}:6"]
    assert all(e.code == "E104" for e in errors)
    assert "SYR2" in errors[0].reason and "event_date" in errors[0].reason
    assert errors[1].doc_id == "SYR4"
    assert out[2].notes == "first line\nsecond line"


def test_row_with_more_cells_than_header(tmp_path):
    path = tmp_path / "export.csv"
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(COLUMNS)
    writer.writerow([row()[c] for c in COLUMNS] + ["spare"])
    writer.writerow([row(event_id_cnty="SYR9")[c] for c in COLUMNS])
    path.write_text(buf.getvalue(), encoding="utf-8")
    out = list(read_acled(path))
    assert isinstance(out[0], ErrorRecord)
    assert out[0].origin == f"{path}:2"
    assert "more cells" in out[0].reason
    assert isinstance(out[1], Event) and out[1].event_id == "SYR9"


def test_bom_and_minimal_columns(tmp_path):
    path = tmp_path / "min.csv"
    path.write_text("\ufeffevent_id_cnty,event_date,event_type,actor1\n"
                    "SYR7,2023-01-01,Riots,Rioters (Syria)\n", encoding="utf-8")
    (ev,) = list(read_acled(path))
    assert ev.event_id == "SYR7"
    assert ev.latitude is None and ev.time_precision is None and ev.fatalities == 0


def test_not_an_acled_file(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("id,text\n1,hello\n", encoding="utf-8")
    with pytest.raises(MalformedInput) as info:
        list(read_acled(path))
    assert "event_id_cnty" in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(UnreadableInput):
        list(read_acled(tmp_path / "absent.csv"))


def test_cli_import_acled(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from yaqut.cli import main
    from yaqut.store import Store

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("YAQUT_CONFIG", raising=False)
    path = tmp_path / "export.csv"
    write_csv(path, [row(event_id_cnty="SYR1"), row(event_id_cnty="SYR2", event_date="soon"),
                     row(event_id_cnty="SYR3", event_date="2023-06-03")])
    db = tmp_path / "s.db"
    runner = CliRunner()
    result = runner.invoke(main, ["import", "acled", str(path), "--db", str(db)])
    assert result.exit_code == 1  # a row was skipped
    assert f"{path}:3" in result.stderr and "SYR2" in result.stderr
    assert "2 events imported, 1 row skipped" in result.stderr
    again = runner.invoke(main, ["import", "acled", str(path), "--db", str(db)])
    assert again.exit_code == 1
    with Store(db, create=False) as store:
        assert [e.event_id for e in store.events()] == ["SYR1", "SYR3"]  # nothing twice
        (err,) = list(store.errors())
        assert err.code == "E104" and err.origin == f"{path}:3"
    missing = runner.invoke(main, ["import", "acled", str(tmp_path / "no.csv"), "--db", str(db)])
    assert missing.exit_code == 5 and "E106" in missing.stderr
    ok_path = tmp_path / "ok.csv"
    write_csv(ok_path, [row(event_id_cnty="SYR8")])
    assert runner.invoke(main, ["import", "acled", str(ok_path), "--db", str(db)]).exit_code == 0


# -- hostile values, encodings, duplicates (issue 14) ----------------------------------------


def test_every_bad_value_is_a_row_error_naming_path_and_line(tmp_path):
    path = tmp_path / "export.csv"
    write_csv(path, [
        row(event_id_cnty="SYR1"),
        row(event_id_cnty="SYR2", fatalities="99999999999999999999"),
        row(event_id_cnty="SYR3", inter1="two"),
        row(event_id_cnty="SYR4", event_date="31 February 2023"),
        row(event_id_cnty="SYR5", fatalities="1e400"),
        row(event_id_cnty="SYR6"),
    ])
    out = list(read_acled(path))
    assert [x.event_id for x in out if isinstance(x, Event)] == ["SYR1", "SYR6"]
    errors = [x for x in out if isinstance(x, ErrorRecord)]
    assert [e.origin for e in errors] == [f"{path}:{n}" for n in (3, 4, 5, 6)]
    assert all(e.reason.startswith(f"{e.origin}: ACLED row SYR") for e in errors)
    assert "out of range" in errors[0].reason and "fatalities" in errors[0].reason


def test_a_non_utf8_byte_is_decoded_by_the_fallback_not_a_crash(tmp_path):
    path = tmp_path / "export.csv"
    write_csv(path, [row(event_id_cnty="SYR1", notes="Caf\u00e9 shelled"),
                     row(event_id_cnty="SYR2")])
    path.write_bytes(path.read_bytes().replace("Caf\u00e9".encode(), b"Caf\xe9"))
    first, second = read_acled(path)
    assert first.notes == "Caf\u00e9 shelled" and second.event_id == "SYR2"
    result, _ = _import(path, tmp_path / "s.db")
    assert result.imported == 2 and "cp1252" in result.warnings[0]
    assert result.warnings[0].startswith(f"{path}:2")


def _import(path, db, replace=False):
    from yaqut.importers import import_acled
    from yaqut.store import Store

    with Store(db) as store:
        result = import_acled(path, store, replace=replace)
        return result, {e.event_id: e.fatalities for e in store.events()}


def test_a_duplicate_id_in_the_file_is_an_error_unless_replace(tmp_path):
    path = tmp_path / "export.csv"
    write_csv(path, [row(event_id_cnty="SYR1", fatalities="1"),
                     row(event_id_cnty="SYR1", fatalities="7")])
    result, stored = _import(path, tmp_path / "a.db")
    assert stored == {"SYR1": 1}
    (failure,) = result.errors
    assert failure.origin == f"{path}:3" and "already on line 2" in failure.reason
    result, stored = _import(path, tmp_path / "b.db", replace=True)
    assert stored == {"SYR1": 7} and not result.errors


def test_a_stored_id_with_other_values_is_never_overwritten_silently(tmp_path):
    db = tmp_path / "s.db"
    first, changed = tmp_path / "first.csv", tmp_path / "changed.csv"
    write_csv(first, [row(event_id_cnty="SYR1", fatalities="1")])
    write_csv(changed, [row(event_id_cnty="SYR1", fatalities="9")])
    assert _import(first, db)[1] == {"SYR1": 1}
    again, stored = _import(first, db)  # the same rows again: nothing to do, no error
    assert (again.imported, again.unchanged, again.errors) == (0, 1, [])
    result, stored = _import(changed, db)
    assert stored == {"SYR1": 1} and "already stored with other values" in result.errors[0].reason
    result, stored = _import(changed, db, replace=True)
    assert stored == {"SYR1": 9} and result.imported == 1


def test_cli_errors_shows_path_and_line_and_escapes_control_characters(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from yaqut.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("YAQUT_CONFIG", raising=False)
    path = tmp_path / "evil\n2026-01-01\tE999\tforged.csv"
    write_csv(path, [row(event_id_cnty="SYR1", fatalities="x")])
    runner = CliRunner()
    assert runner.invoke(main, ["import", "acled", str(path), "--db", "s.db"]).exit_code == 1
    shown = runner.invoke(main, ["errors", "--db", "s.db"])
    lines = shown.stdout.splitlines()
    assert len(lines) == 1 and lines[0].count("\t") == 2
    assert "evil\\n2026-01-01\\tE999\\tforged.csv:2: ACLED row SYR1" in lines[0]


def test_cli_import_parquet_of_a_broken_file_is_an_error_record(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from yaqut.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("YAQUT_CONFIG", raising=False)
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really parquet at all")
    result = CliRunner().invoke(main, ["import", "parquet", "broken.parquet", "--db", "s.db"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "E104" in result.stderr and "broken.parquet" in result.stderr
