"""yaqut eval acled: reading rows, choosing the main event, scoring, the table and the CLI.

The coder is a fake built by hand (no spaCy, no gazetteer): these tests check the scoring,
not the coding.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from yaqut import cli
from yaqut.errors import MalformedInput, UsageError
from yaqut.eval.acled import (
    METRICS,
    actor_family,
    compare,
    format_table,
    main_event,
    names_its_day,
    read_rows,
    run,
)
from yaqut.records import Action, Document, Event

COLUMNS = ["event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type",
           "actor1", "actor2", "admin1", "location", "latitude", "longitude", "notes",
           "fatalities"]
ARMY = "Military Forces of Syria (2000-)"
MI = "Military Forces of Syria (2000-) Military Intelligence"
IS = "Islamic State (Syria)"


def _row(rid: str, notes: str, **kw: str) -> dict[str, str]:
    row = {"event_id_cnty": rid, "event_date": "10 May 2023", "time_precision": "1",
           "event_type": "Battles", "sub_event_type": "Armed clash", "actor1": ARMY,
           "actor2": IS, "admin1": "Homs", "location": "Tadmor", "latitude": "34.5601",
           "longitude": "38.2781", "notes": notes, "fatalities": "2"}
    row.update(kw)
    return row


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS)
        w.writeheader()
        w.writerows(rows)
    return path


def _event(**kw) -> Event:
    base = dict(event_id="e1", doc_ids=("d",), event_date=dt.date(2023, 5, 10),
                time_precision=1, event_type="Battles", sub_event_type="Armed clash",
                actor1=IS, actor2=MI, admin1="Homs", latitude=34.57, longitude=38.28,
                fatalities=2,
                actions=(Action("ASSAULT", "occurred", None, None, "clashed", 0, 7),))
    base.update(kw)
    return Event(**base)


def _parsed(row: dict[str, str]) -> dict:
    return {**row, "_date": dt.date(2023, 5, 10)}


def test_actor_family_is_the_name_before_the_qualifier() -> None:
    assert actor_family(MI) == ARMY
    assert actor_family(ARMY) == ARMY
    assert actor_family("Police Forces of Syria (2000-) Prison Guards") == \
        "Police Forces of Syria (2000-)"
    assert actor_family(IS) == IS
    assert actor_family(None) == ""


def test_compare_either_order_and_by_family() -> None:
    right = compare(_parsed(_row("r", "x")), _event())
    assert not right["actor_pair"]  # MI is not the army
    assert right["actor_family"]  # ... but of its family, and the order does not matter
    assert right["event_type"] and right["sub_event_type"] and right["fatalities"]
    assert right["event_date"] and right["time_precision"]
    assert right["within_5km"] and right["right_admin1"]
    exact = compare(_parsed(_row("r", "x", actor1=IS, actor2=MI)), _event())
    assert exact["actor_pair"]


def test_compare_wrong_fields() -> None:
    right = compare(_parsed(_row("r", "x", fatalities="3", admin1="Dar'a", actor2="")),
                    _event(event_date=dt.date(2023, 5, 13), latitude=35.0, longitude=38.28))
    assert not right["fatalities"] and not right["event_date"] and not right["right_admin1"]
    assert not right["within_5km"] and not right["within_25km"]
    assert not right["actor_pair"]  # ACLED has no actor2, the coder has one


def test_no_event_is_wrong_everywhere() -> None:
    assert compare(_parsed(_row("r", "x")), None) == dict.fromkeys(METRICS, False)


def test_main_event_is_the_first_that_occurred() -> None:
    threatened = _event(event_id="t", actions=(Action("THREATEN", "threatened", None, None,
                                                      "threatened", 0, 5),))
    occurred = _event(event_id="o")
    assert main_event([threatened, occurred]).event_id == "o"
    assert main_event([threatened]).event_id == "t"
    assert main_event([]) is None


@pytest.mark.parametrize(
    ("notes", "named"),
    [("On 10 May 2023, clashes.", True), ("On May 10th, clashes.", True),
     ("Clashes on the 10th of May.", True), ("Clashes on 10/5/2023.", True),
     ("Clashes took place near the town.", False), ("On 11 May 2023, clashes.", False)],
)
def test_names_its_day(notes: str, named: bool) -> None:
    assert names_its_day(notes, dt.date(2023, 5, 10)) is named


def test_read_rows_reports_bad_rows_by_line_and_goes_on(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.csv", [_row("A1", "On 10 May 2023, clashes."),
                                       _row("A2", "   "),
                                       _row("A3", "On 10 May 2023.", event_date="someday"),
                                       _row("A4", "On 10 May 2023, more clashes.")])
    good, bad = read_rows(path)
    assert [r["_id"] for r in good] == ["A1", "A4"]
    assert [(b["line"], b["id"]) for b in bad] == [(3, "A2"), (4, "A3")]
    assert "someday" in bad[1]["reason"]


def test_read_rows_needs_notes_and_date_columns(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(MalformedInput, match="notes"):
        read_rows(path)


def _fake_coder(seen: list[Document]):
    def code(doc: Document) -> list[Event]:
        seen.append(doc)
        if "nothing" in doc.text:
            return []
        return [_event(actor1=ARMY, actor2=IS)]

    return code


def test_run_scores_rows_and_publishes_three_days_later(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.csv", [
        _row("A1", "On 10 May 2023, clashes."),
        _row("A2", "On 10 May 2023, nothing happened.", event_type="Riots"),
        _row("A3", "Clashes near the town.", fatalities="0"),
    ])
    seen: list[Document] = []
    result = run(path, coder=_fake_coder(seen))
    assert [d.published for d in seen] == [dt.date(2023, 5, 13)] * 3
    assert [d.id for d in seen] == ["A1", "A2", "A3"]
    assert result["rows"] == 3
    assert result["scores"]["actor_pair"] == pytest.approx(2 / 3)
    assert result["scores"]["fatalities"] == pytest.approx(1 / 3)
    assert result["no_event"] == pytest.approx(1 / 3)
    assert result["rows_naming_their_day"] == 2
    assert result["event_date_named"] == pytest.approx(1 / 2)
    assert result["detail"][1]["coded"] is None
    table = format_table(result)
    assert "actor_pair" in table and "66.7%" in table
    assert run(path, limit=1, coder=_fake_coder([]))["rows"] == 1


def test_cli_eval_acled_prints_and_writes_json(tmp_path: Path, monkeypatch) -> None:
    path = _write(tmp_path / "a.csv", [_row("A1", "On 10 May 2023, clashes."),
                                       _row("A2", "x", event_date="never")])

    def fake_run(p, limit=None, half=None):
        return run(p, limit=limit, coder=_fake_coder([]), half=half)

    monkeypatch.setattr(cli, "_load_acled_eval", lambda: (fake_run, format_table))
    out = tmp_path / "r.json"
    res = CliRunner().invoke(cli.main, ["eval", "acled", str(path), "--json", str(out)])
    assert res.exit_code == 0, res.output
    assert "event_type" in res.output and "100.0%" in res.output
    data = json.loads(out.read_text("utf-8"))
    assert data["rows"] == 1 and data["bad_rows"][0]["id"] == "A2"
    from yaqut.eval.split import half

    res = CliRunner().invoke(cli.main, ["eval", "acled", str(path), "--half", "test",
                                        "--json", str(out)])
    assert res.exit_code == 0, res.output
    kept = 1 if half("acled", "A1") == "test" else 0
    assert json.loads(out.read_text("utf-8"))["rows"] == kept


def test_read_rows_keeps_one_half_by_event_id(tmp_path: Path) -> None:
    from yaqut.eval.split import half

    rows = [_row(f"SYR{i}", "On 10 May 2023, clashes.") for i in range(40)]
    path = _write(tmp_path / "a.csv", rows)
    test, _ = read_rows(path, half="test")
    tune, _ = read_rows(path, half="tune")
    every, _ = read_rows(path, half="all")
    assert len(test) + len(tune) == len(every) == 40
    assert test and tune
    assert all(half("acled", r["event_id_cnty"]) == "test" for r in test)
    assert not {r["_id"] for r in test} & {r["_id"] for r in tune}
    with pytest.raises(UsageError):
        read_rows(path, half="train")


def test_in_window_follows_the_coded_precision() -> None:
    from yaqut.eval.acled import in_window

    d = dt.date(2023, 5, 10)
    assert in_window(d, d, 1)
    assert not in_window(d, dt.date(2023, 5, 11), 1)
    assert in_window(d, dt.date(2023, 5, 13), 2)  # the week around the 13th
    assert not in_window(d, dt.date(2023, 5, 14), 2)
    assert in_window(d, dt.date(2023, 5, 16), 3)  # the same month
    assert not in_window(d, dt.date(2023, 4, 30), 3)
    assert not in_window(d, d, None)
    assert not in_window(d, None, 1)
