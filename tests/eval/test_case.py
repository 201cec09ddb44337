"""CASE 2021 task 2 scoring (yaqut.eval.case): reading the TSV, weighted F1, the share of
non-ACLED snippets coded as events, and the `yaqut eval case` command."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from yaqut.errors import InputError
from yaqut.eval.case import LABELS, NO_EVENT, evaluate, format_table, read_case, weighted_f1

TSV = (
    "id\tEventSnippet\tSubType\n"
    "1\tWarplanes struck a market.\tAIR_STRIKE\n"
    "2\tRebels clashed with troops.\tARMED_CLASH\n"
    "3\tAn earthquake killed ten people.\tNATURAL_DISASTER\n"
    "4\tPolice fired tear gas at protesters.\tPROTEST_WITH_INTER\n"
    "5\tThe ministers met in Paris.\tDIPLO\n"
)


def test_labels_map_to_the_25_acled_sub_types_and_five_others():
    acled = [v for v in LABELS.values() if v is not None]
    assert len(acled) == len(set(acled)) == 25
    assert sorted(k for k, v in LABELS.items() if v is None) == [
        "ATTRIB", "DIPLO", "MAN_MADE_DISASTER", "NATURAL_DISASTER", "ORG_CRIME"]


def test_read_case_rows_limit_and_bad_files(tmp_path):
    path = tmp_path / "case.tsv"
    path.write_text(TSV, "utf-8")
    rows = read_case(path)
    assert rows[0] == ("1", "Warplanes struck a market.", "AIR_STRIKE")
    assert len(read_case(path, limit=2)) == 2
    bad = tmp_path / "bad.tsv"
    bad.write_text("id\tEventSnippet\tSubType\n1\tx\tNOT_A_LABEL\n", "utf-8")
    with pytest.raises(InputError, match="line 2: unknown label 'NOT_A_LABEL'"):
        read_case(bad)
    other = tmp_path / "other.tsv"
    other.write_text("id\ttext\n1\tx\n", "utf-8")
    with pytest.raises(InputError, match="not a CASE 2021 task 2 file"):
        read_case(other)


def test_weighted_f1_by_hand():
    gold = ["A", "A", "B", NO_EVENT]
    pred = ["A", "B", "B", "A"]
    f1, per = weighted_f1(gold, pred, ["A", "B"])
    # A: tp 1, fp 1 (the no-event item), fn 1 -> P 0.5 R 0.5 F1 0.5; B: tp 1, fp 1 -> F1 2/3
    assert per["A"]["f1"] == pytest.approx(0.5)
    assert per["B"]["f1"] == pytest.approx(2 / 3)
    assert f1 == pytest.approx((0.5 * 2 + 2 / 3 * 1) / 3)


def test_evaluate_with_a_fake_coder(tmp_path):
    path = tmp_path / "case.tsv"
    path.write_text(TSV, "utf-8")
    answers = {"Warplanes struck a market.": "Air/drone strike",
               "Rebels clashed with troops.": "Attack",
               "An earthquake killed ten people.": "Attack",
               "Police fired tear gas at protesters.": "Protest with intervention",
               "The ministers met in Paris.": None}
    result = evaluate(read_case(path), answers.get)
    assert (result["snippets"], result["acled_snippets"], result["non_acled_snippets"]) == \
        (5, 3, 2)
    assert result["accuracy_acled"] == pytest.approx(2 / 3)
    assert result["non_acled_coded_as_event"] == pytest.approx(0.5)
    assert result["acled_without_event"] == 0.0
    # Air 1.0 and Protest with intervention 1.0, Armed clash 0: weighted (1 + 1 + 0) / 3
    assert result["weighted_f1"] == pytest.approx(2 / 3)
    assert [i["pred"] for i in result["items"]][-1] == NO_EVENT
    table = format_table(result)
    assert "weighted F1 (25 ACLED sub-types)   0.667" in table
    assert "Armed clash -> Attack" in table


def test_eval_case_command(tmp_path, monkeypatch):
    from yaqut import cli

    seen = {}

    def fake_run(path, limit=None, model=None, half=None):
        seen.update(path=path, limit=limit, model=model, half=half)
        return {"snippets": 1, "acled_snippets": 1, "non_acled_snippets": 0,
                "weighted_f1": 1.0, "accuracy_acled": 1.0, "acled_without_event": 0.0,
                "non_acled_coded_as_event": 0.0, "per_class": {}, "confusions": [],
                "seconds": 0.0, "items": []}

    monkeypatch.setattr(cli, "_load_case_eval", lambda: (fake_run, format_table))
    path = tmp_path / "case.tsv"
    path.write_text(TSV, "utf-8")
    out = tmp_path / "r.json"
    res = CliRunner().invoke(cli.main, ["eval", "case", str(path), "--limit", "3",
                                        "--json", str(out)])
    assert res.exit_code == 0, res.output
    assert "weighted F1" in res.output
    assert seen["limit"] == 3 and seen["model"] is None and seen["half"] == "all"
    res = CliRunner().invoke(cli.main, ["eval", "case", str(path), "--half", "tune"])
    assert res.exit_code == 0 and seen["half"] == "tune"
    assert json.loads(out.read_text())["weighted_f1"] == 1.0
    res = CliRunner().invoke(cli.main, ["eval", "case", str(tmp_path / "missing.tsv")])
    assert res.exit_code == 2


def test_read_case_keeps_one_half_by_snippet_id(tmp_path):
    from yaqut.eval.split import half

    lines = ["id\tEventSnippet\tSubType"]
    lines += [f"s{i}\tRebels clashed.\tARMED_CLASH" for i in range(30)]
    path = tmp_path / "case.tsv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    test, tune = read_case(path, half="test"), read_case(path, half="tune")
    assert len(test) + len(tune) == len(read_case(path)) == 30
    assert all(half("case", rid) == "test" for rid, _, _ in test)
    assert all(half("case", rid) == "tune" for rid, _, _ in tune)
