"""bench/check_gold.py on a hand-made corpus, gazetteer and gold file (no shared data)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "check_gold.py"
TEXT = ("Government aircraft bombed Kafr Test on Tuesday, killing three people. "
        "Nothing else happened.")
ADMIN4 = ("admin1Name_en,admin4Name_en,admin4RefName_en,Latitude_y,Longitude_x\n"
          "Idleb,Kafr Test,Kafr Test,35.5,36.5\n"
          "Idleb,Other Place,Other Place,35.6,36.7\n")
GEONAMES = ("geonameid,name,countrycode,admin1code,latitude,longitude,population,"
            "alternatenames\n1,Testford,GB,ENG,51.5,-0.1,100000,Test Ford\n")


@pytest.fixture(scope="module")
def check_gold():
    spec = importlib.util.spec_from_file_location("check_gold", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture()
def setup(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    rows = [{"id": "a-1", "published": "2019-03-14", "source": "t", "text": TEXT},
            {"id": "a-2", "published": "2019-03-13", "source": "t", "text": "Opinion."},
            {"id": "a-3", "published": "2019-03-12", "source": "t", "text": "More opinion."}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    gaz = tmp_path / "gaz"
    gaz.mkdir()
    (gaz / "ocha_syr_admin4.csv").write_text(ADMIN4, "utf-8")
    (gaz / "geonames_cities_mideast500_world15000.csv").write_text(GEONAMES, "utf-8")
    actors = tmp_path / "actors.csv"
    actors.write_text("actor,count\nMilitary Forces of Syria (2000-),1\n", "utf-8")
    return tmp_path, corpus, gaz, actors


def incident(**changes):
    row = {"article": "a-1", "n": 1, "required": True, "event_date": "2019-03-12",
           "time_precision": 1, "country": "Syria", "admin1": "Idleb",
           "location": "Kafr Test", "latitude": 35.5, "longitude": 36.5,
           "geo_precision": 1, "event_type": "Explosions/Remote violence",
           "sub_event_type": "Air/drone strike",
           "actor1": "Military Forces of Syria (2000-)", "actor2": "Civilians (Syria)",
           "fatalities": 3, "evidence": "Government aircraft bombed Kafr Test on Tuesday"}
    row.update(changes)
    return row


def run(check_gold, setup, rows, capsys, *extra):
    tmp, corpus, gaz, actors = setup
    gold = tmp / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    code = check_gold.main([str(gold), "--corpus", str(corpus), "--gazetteer", str(gaz),
                            "--actors", str(actors), *extra])
    return code, capsys.readouterr().out


def test_a_valid_file_passes_and_is_summarised(check_gold, setup, capsys):
    rows = [incident(), {"article": "a-2", "n": 0, "none": True}]
    code, out = run(check_gold, setup, rows, capsys)
    assert code == 0
    assert "articles 2  incidents 1 (required 1, background 0)  none-articles 1" in out


@pytest.mark.parametrize(("changes", "message"), [
    ({"sub_event_type": "Grenade", "event_type": "Battles"}, "not an ACLED pair"),
    ({"time_precision": 4}, "time_precision 4 not in 1..3"),
    ({"event_date": "2019-13-01"}, "is not an ISO date"),
    ({"evidence": "Rebel aircraft bombed"}, "evidence not in article text"),
    ({"latitude": 35.6, "longitude": 36.7}, "is in the gazetteer but not at these"),
    ({"latitude": 30.0}, "is not within 1 km of a gazetteer row"),
    ({"event_date": "2019-01-01"}, "required but 72 days before publication"),
    ({"event_date": "2019-03-20"}, "is after publication"),
    ({"admin1": "Idlib"}, "is not a Syrian governorate"),
    ({"n": 2}, "n should be 1"),
])
def test_each_broken_field_is_an_error(check_gold, setup, capsys, changes, message):
    code, out = run(check_gold, setup, [incident(**changes)], capsys)
    assert code == 1
    assert message in out


def test_an_elided_quote_is_checked_part_by_part(check_gold, setup, capsys):
    good = incident(evidence="Government aircraft ... killing three people")
    assert run(check_gold, setup, [good], capsys)[0] == 0
    wrong_order = incident(evidence="killing three people ... Government aircraft")
    assert run(check_gold, setup, [wrong_order], capsys)[0] == 1


def test_coverage_finds_a_skipped_article_unless_listed_in_skip(check_gold, setup, capsys):
    tmp = setup[0]
    rows = [incident(), {"article": "a-3", "n": 0, "none": True}]
    code, out = run(check_gold, setup, rows, capsys, "--contiguous")
    assert code == 1 and "a-2 is missing" in out
    skip = tmp / "dev.jsonl"
    skip.write_text(json.dumps({"article": "a-2", "n": 0, "none": True}) + "\n", "utf-8")
    code, _ = run(check_gold, setup, rows, capsys, "--contiguous", "--skip", str(skip))
    assert code == 0


def test_none_and_incidents_for_one_article_conflict(check_gold, setup, capsys):
    rows = [{"article": "a-1", "n": 0, "none": True}, incident()]
    code, out = run(check_gold, setup, rows, capsys)
    assert code == 1 and "none line and incidents" in out
