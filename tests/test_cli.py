"""The CLI, with the heavy stages replaced by fakes: exit codes, summaries, outputs, help."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from yaqut import __version__, cli
from yaqut.errors import ModelMissing
from yaqut.records import Action, Document, Event, Place, Quantity

COMMANDS = [["code"], ["export"], ["errors"], ["demo"], ["geoparse"], ["eval"], ["eval", "geo"]]


def fake_coder(doc: Document) -> list[Event]:
    """One event per document; 'crash' in the text raises, like a bug in a stage."""
    if "crash" in doc.text:
        raise RuntimeError("stage fell over")
    return [
        Event(
            event_id=f"{doc.id}:1",
            doc_ids=(doc.id,),
            event_date=doc.published,
            time_precision=1,
            event_type="Strategic developments",
            sub_event_type="Agreement",
            actor1="Military Forces of Syria (2000-)",
            actor2="Civilians (Syria)",
            country="Syria",
            admin1="Homs",
            location="Example Town",
            pcode="C0000",
            latitude=34.5,
            longitude=36.5,
            geo_precision=1,
            actions=(Action("DEMAND", "demanded", None, None, "demanded rifles", 0, 15),),
            quantities=(Quantity(12, "rifles", "handed over", "12 rifles", 20, 29),),
            notes=f"Notes for {doc.id}.",
            source="yaqut",
        )
    ]


@pytest.fixture
def runner(monkeypatch, tmp_path):
    monkeypatch.setattr(cli, "_load_coder", lambda config: fake_coder)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("YAQUT_CONFIG", raising=False)
    return CliRunner()


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Troops demanded rifles from the town.")
    (folder / "b.jsonl").write_text(
        '{"id": "j1", "text": "A second report.", "published": "2023-05-19", "source": "SOHR"}\n'
    )
    return folder


def test_version(runner):
    result = runner.invoke(cli.main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.output


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_explains_itself_with_examples(runner, command):
    result = runner.invoke(cli.main, [*command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: " in result.output and "Examples:" in result.output


def test_top_level_help_lists_every_command(runner):
    result = runner.invoke(cli.main, ["--help"])
    for name in ("code", "export", "errors", "demo", "geoparse", "eval"):
        assert f"  {name} " in result.output


def test_code_stores_events_and_prints_a_summary(runner, inputs):
    result = runner.invoke(cli.main, ["code", str(inputs), "--published", "2023-05-24"])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().splitlines()[-1] == (
        "2 documents, 0 errors: 2 events coded, 0 merged into existing events, 2 stored")
    assert result.stdout == ""  # nothing asked for on stdout
    with sqlite3.connect("yaqut.db") as db:
        assert db.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 2
    again = runner.invoke(cli.main, ["code", str(inputs)])
    assert again.exit_code == 0
    assert ("0 documents, 0 errors: 0 events coded, 0 merged into existing events, 0 stored"
            " (2 already in the store, 1 of them with another publication date or yaqut"
            " version: --recode codes them again)") in again.stderr  # a.txt: no date now


def test_code_writes_new_events_to_stdout_as_jsonl(runner, inputs):
    result = runner.invoke(
        cli.main, ["code", str(inputs / "a.txt"), "--published", "2023-05-24", "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    [line] = result.stdout.splitlines()
    event = json.loads(line)
    assert event["event_date"] == "2023-05-24" and event["actions"][0]["mode"] == "demanded"


def test_code_out_file_format_follows_its_extension(runner, inputs, tmp_path):
    out = tmp_path / "new.csv"
    result = runner.invoke(cli.main, ["code", str(inputs), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["event_id_cnty"] for r in rows] == [rows[0]["event_id_cnty"], "j1:1"]
    assert rows[1]["source"] == "SOHR" and rows[1]["event_date"] == "19 May 2023"


def test_bad_items_are_reported_and_the_exit_code_is_1(runner, inputs):
    (inputs / "c.txt").write_text("")
    (inputs / "d.txt").write_text("this one makes the coder crash")
    (inputs / "e.pdf").write_bytes(b"%PDF")
    result = runner.invoke(cli.main, ["code", str(inputs)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "2 documents, 3 errors: 2 events coded, 0 merged into existing events, 2 stored;"
        " 2 documents had no publication date (W201: relative dates left unresolved)")
    assert "[E101]" in result.stderr and "c.txt" in result.stderr
    assert "[E400]" in result.stderr and "RuntimeError: stage fell over" in result.stderr
    assert "[E105]" in result.stderr and "e.pdf" in result.stderr
    listed = runner.invoke(cli.main, ["errors"])
    assert listed.exit_code == 0
    codes = [line.split("\t")[1] for line in listed.stdout.splitlines()]
    assert sorted(codes) == ["E101", "E105", "E400"]
    assert "3 error records" in listed.stderr


def test_a_cp1252_input_is_coded_with_a_warning(runner, tmp_path):
    (tmp_path / "w.txt").write_bytes("Dar\u2019a".encode("cp1252"))
    result = runner.invoke(cli.main, ["code", str(tmp_path / "w.txt")])
    assert result.exit_code == 0
    assert "warning:" in result.stderr and "cp1252" in result.stderr


def test_code_reads_stdin(runner):
    result = runner.invoke(
        cli.main, ["code", "-", "--format", "jsonl"], input="Gunmen attacked a checkpoint."
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["doc_ids"][0].startswith("sha:")


def test_a_missing_model_stops_with_exit_4(runner, inputs, monkeypatch):
    def broken(doc: Document) -> list[Event]:
        raise ModelMissing("spaCy pipeline en_core_web_sm is not installed")

    monkeypatch.setattr(cli, "_load_coder", lambda config: broken)
    result = runner.invoke(cli.main, ["code", str(inputs)])
    assert result.exit_code == 4
    assert "[E202]" in result.stderr and "en_core_web_sm" in result.stderr


def test_a_store_of_another_schema_exits_3(runner, inputs):
    runner.invoke(cli.main, ["code", str(inputs)])
    with sqlite3.connect("yaqut.db") as db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    result = runner.invoke(cli.main, ["code", str(inputs)])
    assert result.exit_code == 3 and "[E301]" in result.stderr


def test_bad_arguments_exit_2(runner, inputs):
    assert runner.invoke(cli.main, ["code"]).exit_code == 2
    assert runner.invoke(cli.main, ["code", str(inputs), "--published", "May 24"]).exit_code == 2
    parquet = runner.invoke(cli.main, ["code", str(inputs), "--format", "parquet"])
    assert parquet.exit_code == 2 and "--out FILE" in parquet.stderr


def test_config_file_sets_the_store_and_bad_config_exits_2(runner, inputs, tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[store]\npath = "other.db"\n')
    result = runner.invoke(cli.main, ["--config", str(cfg), "code", str(inputs)])
    assert result.exit_code == 0 and Path("other.db").exists() and not Path("yaqut.db").exists()
    cfg.write_text("[store]\npaht = 1\n")
    bad = runner.invoke(cli.main, ["--config", str(cfg), "code", str(inputs)])
    assert bad.exit_code == 2 and "store.paht" in bad.stderr
    env = runner.invoke(cli.main, ["code", str(inputs)], env={"YAQUT_CONFIG": str(cfg)})
    assert env.exit_code == 2


@pytest.mark.parametrize("fmt", ["jsonl", "acled-csv", "geojson"])
def test_export_writes_each_text_format_to_stdout(runner, inputs, fmt):
    runner.invoke(cli.main, ["code", str(inputs), "--published", "2023-05-24"])
    result = runner.invoke(cli.main, ["export", "--format", fmt])
    assert result.exit_code == 0, result.output
    assert "2 events written" in result.stderr
    if fmt == "jsonl":
        assert len(result.stdout.splitlines()) == 2
    elif fmt == "acled-csv":
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert len(rows) == 2 and rows[0]["iso"] == "760"
    else:
        assert len(json.loads(result.stdout)["features"]) == 2


def test_export_parquet_and_date_filters(runner, inputs, tmp_path):
    runner.invoke(cli.main, ["code", str(inputs), "--published", "2023-05-24"])
    out = tmp_path / "e.parquet"
    result = runner.invoke(
        cli.main, ["export", "--format", "parquet", "--out", str(out), "--since", "2023-05-20"]
    )
    assert result.exit_code == 0, result.output
    assert pq.read_table(out).column("event_date").to_pylist() == [dt.date(2023, 5, 24)]


def test_export_and_errors_refuse_a_missing_store(runner):
    for args in (["export", "--format", "jsonl"], ["errors"]):
        result = runner.invoke(cli.main, [*args, "--db", "nothing.db"])
        assert result.exit_code == 3 and "no event store" in result.stderr
    assert not Path("nothing.db").exists()


def test_demo_codes_the_bundled_article_and_shows_its_incidents(runner, monkeypatch):
    seen: list[Document] = []

    def coder(doc: Document) -> list[Event]:
        seen.append(doc)
        return fake_coder(doc)

    monkeypatch.setattr(cli, "_load_coder", lambda config: coder)
    result = runner.invoke(cli.main, ["demo"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    [doc] = seen
    assert doc.published == dt.date(2023, 5, 24) and doc.id == "regime-demands-2023"
    assert len(doc.text) > 1000
    for shown in (
        "1 incident",
        "Example Town",
        "Homs governorate",
        "C0000",
        "2023-05-24 (day)",
        "Military Forces of Syria (2000-) → Civilians (Syria)",
        "Strategic developments / Agreement",
        "DEMAND (demanded)",
        "12 rifles: handed over",
        "Notes for regime-demands-2023.",
    ):
        assert shown in result.stdout, shown
    assert not Path("yaqut.db").exists()  # a temporary store unless --db


def test_demo_keeps_its_store_with_db(runner):
    result = runner.invoke(cli.main, ["demo", "--db", "demo.db"])
    assert result.exit_code == 0
    again = runner.invoke(cli.main, ["demo", "--db", "demo.db"])  # already stored: shown again
    assert again.exit_code == 0 and "Example Town" in again.stdout
    assert "1 already in the store" in again.stderr


def fake_geoparse(text: str, doc_id: str | None = None) -> list[Place]:
    start = text.find("Homs")
    if start < 0:
        return []
    return [
        Place(start, start + 4, "Homs", "Homs", 34.73, 36.71, "admin1", 3, country="Syria",
              admin1="Homs", pcode="SY04", score=0.9, reason="governorate name", doc_id=doc_id)
    ]  # fmt: skip


@pytest.mark.parametrize("fmt", ["jsonl", "geojson", "table"])
def test_geoparse_writes_one_record_per_place(runner, monkeypatch, tmp_path, fmt):
    monkeypatch.setattr(cli, "_load_geoparser", lambda: fake_geoparse)
    (tmp_path / "a.txt").write_text("Shelling in Homs.")
    (tmp_path / "b.txt").write_text("Nothing here.")
    (tmp_path / "c.txt").write_text("")
    args = ["geoparse", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), str(tmp_path / "c.txt")]
    result = runner.invoke(cli.main, [*args, "--format", fmt], env={"COLUMNS": "200"})
    assert result.exit_code == 1  # c.txt is empty
    assert "1 place mention, 1 errors" in result.stderr and "[E101]" in result.stderr
    if fmt == "jsonl":
        record = json.loads(result.stdout)
        assert list(record) == list(cli.PLACE_FIELDS)
        assert (record["start"], record["end"], record["pcode"]) == (12, 16, "SY04")
        assert record["doc_id"].startswith("sha:")
    elif fmt == "geojson":
        [feature] = json.loads(result.stdout)["features"]
        assert feature["geometry"]["coordinates"] == [36.71, 34.73]
    else:
        assert "SY04" in result.stdout and "governorate name" in result.stdout


def test_eval_geo_prints_the_table_and_writes_json(runner, monkeypatch, tmp_path):
    calls = []

    def run(acled=None, gwn=None, limit=None):
        calls.append((acled, gwn, limit))
        return {"gwn": {"accuracy_161km": 0.5}}

    monkeypatch.setattr(cli, "_load_geo_eval", lambda: (run, lambda r: "TABLE " + str(r)))
    gwn = tmp_path / "g.xml"
    gwn.write_text("<x/>")
    out = tmp_path / "r.json"
    result = runner.invoke(
        cli.main, ["eval", "geo", "--gwn", str(gwn), "--limit", "5", "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert calls == [(None, gwn, 5)]
    assert result.stdout.startswith("TABLE ")
    assert json.loads(out.read_text()) == {"gwn": {"accuracy_161km": 0.5}}


def test_python_dash_m_runs_the_same_cli():
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "yaqut", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and __version__ in done.stdout


def test_demo_table_shows_bracketed_text_literally():
    event = Event(event_id="e[1]", doc_ids=("d",), notes="Said [bold]nothing[/bold] [E101].")
    from rich.console import Console

    console = Console(file=io.StringIO(), width=200)
    console.print(cli.incidents_table([event], "t"))
    shown = console.file.getvalue()
    assert "Said [bold]nothing[/bold] [E101]." in shown and "e[1]" in shown


# -- issue 15: seeing the results, provenance, busy port ----------------------------------------


def test_code_prints_a_table_of_its_events_on_a_terminal(runner, inputs, monkeypatch):
    from yaqut.cli import common

    monkeypatch.setattr(common, "on_terminal", lambda: True)
    result = runner.invoke(cli.main, ["code", str(inputs), "--published", "2023-05-24"])
    assert result.exit_code == 0, result.output
    assert "Events coded" in result.stdout and "Example Town" in result.stdout
    assert "#2" in result.stdout and "#3" not in result.stdout


def test_code_table_on_request_and_nothing_on_a_pipe(runner, inputs):
    asked = runner.invoke(cli.main, ["code", str(inputs / "a.txt"), "--published", "2023-05-24",
                                     "--format", "table"])  # fmt: skip
    assert asked.exit_code == 0 and "Example Town" in asked.stdout
    piped = runner.invoke(cli.main, ["code", str(inputs), "--db", "other.db"])
    assert piped.exit_code == 0 and piped.stdout == ""


def test_a_terminal_table_is_capped_and_says_how_many_more(tmp_path):
    from yaqut.cli.output import write_table

    events = [fake_coder(Document(id=f"d{i}", text="x"))[0] for i in range(5)]
    out = io.StringIO()
    assert write_table(events, out, "t", limit=2) == 5
    assert "#2" in out.getvalue() and "#3" not in out.getvalue()
    assert "... and 3 more" in out.getvalue()


def test_export_defaults_to_jsonl_on_stdout_or_the_extension_of_out(runner, inputs):
    runner.invoke(cli.main, ["code", str(inputs), "--published", "2023-05-24"])
    plain = runner.invoke(cli.main, ["export"])
    assert plain.exit_code == 0, plain.output
    assert [json.loads(line)["location"] for line in plain.stdout.splitlines()] == [
        "Example Town", "Example Town"]  # fmt: skip
    by_name = runner.invoke(cli.main, ["export", "--out", "e.csv"])
    assert by_name.exit_code == 0 and Path("e.csv").read_text().startswith("event_id_cnty,")
    table = runner.invoke(cli.main, ["export", "--format", "table"])
    assert table.exit_code == 0 and "Stored events" in table.stdout


def test_acled_source_names_the_file_when_the_input_names_no_source(runner, inputs):
    runner.invoke(cli.main, ["code", str(inputs), "--published", "2023-05-24"])
    result = runner.invoke(cli.main, ["export", "--format", "acled-csv"])
    sources = sorted(row["source"] for row in csv.DictReader(io.StringIO(result.stdout)))
    assert sources == ["SOHR", "a.txt"]  # b.jsonl's row names its source; a.txt does not


def test_undated_input_warns_with_w201(runner, inputs):
    result = runner.invoke(cli.main, ["code", str(inputs / "a.txt")])
    assert result.exit_code == 0
    assert "warning: W201" in result.stderr and "a.txt" in result.stderr


def test_recode_codes_stored_documents_again_with_their_new_date(runner, inputs):
    article = str(inputs / "a.txt")
    runner.invoke(cli.main, ["code", article])  # no date: W201
    with sqlite3.connect("yaqut.db") as db:
        assert db.execute("SELECT event_date FROM events").fetchall() == [(None,)]
        assert db.execute("SELECT yaqut_version FROM documents").fetchall() == [(__version__,)]
    hint = runner.invoke(cli.main, ["code", article, "--published", "2023-05-24"])
    assert "--recode codes them again" in hint.stderr
    again = runner.invoke(cli.main, ["code", article, "--published", "2023-05-24", "--recode"])
    assert again.exit_code == 0, again.output
    assert "1 document, 0 errors: 1 event coded, 0 merged into existing events, 1 stored" \
        " (1 coded again)" in again.stderr
    with sqlite3.connect("yaqut.db") as db:
        assert db.execute("SELECT event_date FROM events").fetchall() == [("2023-05-24",)]
        assert db.execute("SELECT published FROM documents").fetchall() == [("2023-05-24",)]


def test_the_summary_counts_events_merged_into_stored_ones(runner, tmp_path, monkeypatch):
    def one_incident(doc: Document) -> list[Event]:  # every report is of the same incident
        [event] = fake_coder(doc)
        return [Event(**{**{f: getattr(event, f) for f in Event.__dataclass_fields__},
                         "event_id": f"{doc.id}:1", "source": doc.source})]  # fmt: skip

    monkeypatch.setattr(cli, "_load_coder", lambda config: one_incident)
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(
        json.dumps({"id": f"r{i}", "text": f"Report {i}.", "published": "2023-05-24",
                    "source": f"Agency {i}"}) + "\n" for i in range(3)))  # fmt: skip
    result = runner.invoke(cli.main, ["code", str(feed)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect("yaqut.db") as db:
        stored = db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    assert stored == 1  # three sources of one incident: one event
    assert "3 events coded, 2 merged into existing events, 1 stored" in result.stderr


def test_other_languages_are_counted_in_the_summary(runner, tmp_path):
    (tmp_path / "ar.txt").write_text(
        "قصفت قوات النظام بلدة في ريف إدلب يوم الثلاثاء، ما أدى إلى مقتل خمسة مدنيين.")
    result = runner.invoke(cli.main, ["code", str(tmp_path / "ar.txt"), "--published",
                                      "2023-05-24"])  # fmt: skip
    assert result.exit_code == 0
    assert "warning: W202" in result.stderr
    assert "1 document in a language yaqut cannot code yet (W202: ar 1)" in result.stderr


def test_geojson_exports_name_documents_with_their_ids(runner, inputs):
    runner.invoke(cli.main, ["code", str(inputs), "--published", "2023-05-24"])
    result = runner.invoke(cli.main, ["export", "--format", "geojson"])
    named = sorted(f["properties"]["documents"] for f in json.loads(result.stdout)["features"])
    assert named[0].startswith("a.txt [sha:") and named[1] == "b.jsonl [j1]"


def test_the_readme_quotes_the_summary_line_the_command_prints():
    """The README's quoted summary is what Tally.line prints for those figures."""
    import re
    from types import SimpleNamespace

    from yaqut.cli.code import Tally

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    assert readme.startswith("# yaqut\n\nyaqut turns news reports about armed conflict into")
    quoted = re.search(r"\n  (\d+ documents, 0 errors: ([\d,]+) events coded, ([\d,]+) merged"
                       r" into existing events, ([\d,]+) stored)\n", readme)  # fmt: skip
    assert quoted, "the README quotes yaqut code's summary line"
    coded, merged, stored = (int(g.replace(",", "")) for g in quoted.groups()[1:])
    assert coded - merged == stored
    documents = int(quoted[1].split()[0])
    summary = SimpleNamespace(documents=documents, events=coded, errors=0, skipped=0, warnings=[])
    assert Tally(before=0, after=stored).line(summary) == quoted[1]


def test_many_warnings_of_one_code_are_shown_ten_then_counted(runner, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(13):
        (folder / f"r{i:02d}.txt").write_text(f"Report number {i} of shelling in the town.")
    result = runner.invoke(cli.main, ["code", str(folder)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("warning: W201 /") == 10  # each names its file
    assert "warning: W201 ... and 3 more like it (counted below)" in result.stderr
    assert "13 documents had no publication date" in result.stderr


def test_tables_say_which_reports_an_incident_comes_from(runner, inputs):
    demo = runner.invoke(cli.main, ["demo"])
    assert "regime-demands-2023.txt [regime-demands-2023]" in demo.stdout
    runner.invoke(cli.main, ["code", str(inputs), "--published", "2023-05-24"])
    table = runner.invoke(cli.main, ["export", "--format", "table"])
    assert "b.jsonl [j1]" in table.stdout and "a.txt [sha:" in table.stdout
