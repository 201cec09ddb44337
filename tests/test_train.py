"""The trainable sub-event classifier (yaqut.model) and `yaqut train acled` /
`yaqut code --model`: stacked on the rules, saved as JSON + arrays (no pickle)."""

from __future__ import annotations

import csv
import json

import numpy as np
import pytest
from click.testing import CliRunner

from yaqut.coder import Coder
from yaqut.errors import InputError, ResourceError
from yaqut.extract.classify import classify
from yaqut.extract.modality import Moded
from yaqut.extract.triggers import Trigger
from yaqut.model import NO_EVENT, fit, load_model, read_export, train_acled

CLASH, GOV = "Armed clash", "Government regains territory"
TYPES = {CLASH: ("Battles", "Political violence"), GOV: ("Battles", "Political violence")}


SHELLING = "Shelling/artillery/missile attack"


def corpus(n: int = 30):
    """Notes where the rules answer 'Government regains territory' for a front the army
    only reached (the coders say clash), 'Armed clash' for clashes that ended with the army
    taking a village, and 'Shelling' for exchanges of shelling the coders call clashes."""
    texts, labels, rules = [], [], []
    for k in range(n):
        texts.append(f"The army reached the front near village {k} and fought rebels.")
        labels.append(CLASH)
        rules.append(GOV)
        texts.append(f"After clashes the army took the village number {k}.")
        labels.append(GOV)
        rules.append(CLASH)
        texts.append(f"Rebels and the army exchanged shelling near hill {k}.")
        labels.append(CLASH)
        rules.append(SHELLING)
    return texts, labels, rules


def test_fit_learns_where_the_rules_go_wrong():
    texts, labels, rules = corpus()
    model = fit(texts, labels, rules, TYPES)
    assert model.classes == [CLASH, GOV]
    assert model.rule_support == {SHELLING: 30, CLASH: 30, GOV: 30}
    assert model.refine(("Battles", CLASH, "Political violence"),
                        "After clashes the army took the village.")[1] == GOV
    assert model.refine(("Battles", GOV, "Political violence"),
                        "The army reached the front near the village and fought rebels.") == \
        ("Battles", CLASH, "Political violence")
    # an answer outside the types the data holds stays the rules', however often the rules
    # gave it: an export of battles cannot tell a real shelling from a clash
    shelling = ("Explosions/Remote violence", SHELLING, "Political violence")
    assert model.refine(shelling, "Rebels and the army exchanged shelling at dawn.") == shelling
    protest = ("Protests", "Peaceful protest", "Demonstrations")
    assert model.refine(protest, "After clashes the army took the village.") == protest


def test_min_support_and_min_confidence_keep_the_rules():
    texts, labels, rules = corpus(4)
    model = fit(texts, labels, rules, TYPES, min_support=5)
    coded = ("Battles", CLASH, "Political violence")
    assert model.refine(coded, "After clashes the army took the village.") == coded
    model = fit(*corpus(10), TYPES, min_confidence=0.9999)
    assert model.refine(coded, "After clashes the army took the village.") == coded


def test_fit_needs_two_labels():
    with pytest.raises(InputError):
        fit(["a note here", "another note"], [CLASH, CLASH], [None, None], TYPES)


def test_save_and_load_round_trip_without_pickle(tmp_path):
    texts, labels, rules = corpus()
    model = fit(texts, labels, rules, TYPES)
    folder = model.save(tmp_path / "m")
    assert sorted(p.name for p in folder.iterdir()) == ["arrays.npz", "model.json"]
    meta = json.loads((folder / "model.json").read_text())
    assert meta["format"] == "yaqut-subevent-model/1"
    with np.load(folder / "arrays.npz", allow_pickle=False) as arrays:
        assert set(arrays.files) == {"idf", "coef", "intercept"}
    again = load_model(folder)
    probe = ["Rebels and the army exchanged shelling.", "The army took the village."]
    subs = [SHELLING, CLASH]
    assert np.allclose(model.proba(probe, subs), again.proba(probe, subs))
    assert again.types == TYPES


def test_load_model_refuses_what_is_not_a_model(tmp_path):
    with pytest.raises(ResourceError, match="not a yaqut model"):
        load_model(tmp_path)
    model = fit(*corpus(), TYPES)
    folder = model.save(tmp_path / "m")
    meta = json.loads((folder / "model.json").read_text())
    meta["format"] = "something-else/9"
    (folder / "model.json").write_text(json.dumps(meta))
    with pytest.raises(ResourceError, match="model format"):
        load_model(folder)


def test_classify_uses_a_model_only_when_given_one_and_hands_it_the_features():
    calls = []

    class Fake:
        def refine(self, coded, text, features=()):
            calls.append((coded, text, features))
            return ("Battles", GOV, "Political violence")

    actions = [Moded(Trigger(0, 0, 0, "ASSAULT", "clash", "clash"), "occurred")]
    text = "Rebels clashed with the army."
    assert classify(actions, text)[1] == CLASH
    assert classify(actions, text, (2, 1), model=Fake())[1] == GOV
    assert classify(actions, text)[1] == CLASH
    assert Coder(model=Fake()).classify(actions, text)[1] == GOV  # the coder passes its own
    assert len(calls) == 2 and calls[0][0][1] == CLASH
    assert {"cue_clash", "plover_ASSAULT", "mode_occurred", "inter1_2", "inter2_1",
            "violent", "lex_clash"} <= set(calls[0][2])


def test_the_shipped_model_loads_without_pickle_and_keeps_the_rules_where_unsure():
    from yaqut.model import shipped_model

    model = shipped_model()
    assert model is not None and CLASH in model.classes
    # a clash the rules are sure of stays a clash
    actions = [Moded(Trigger(0, 0, 0, "ASSAULT", "clash", "clash"), "occurred")]
    assert classify(actions, "Rebels clashed with regime forces near the town.", (2, 1),
                    model=model)[1] == CLASH


def write_export(path, rows):
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=["event_date", "disorder_type", "event_type",
                                           "sub_event_type", "notes"])
        w.writeheader()
        w.writerows(rows)


def export_rows(n=20):
    rows = []
    for k in range(n):
        rows.append({"event_date": "01 June 2023", "disorder_type": "Political violence",
                     "event_type": "Battles", "sub_event_type": CLASH,
                     "notes": f"The army reached the front near hill {k} and fought."})
        rows.append({"event_date": "2023-06-02", "disorder_type": "Political violence",
                     "event_type": "Battles", "sub_event_type": GOV,
                     "notes": f"After clashes the army took the village number {k}."})
    return rows


def fake_rules(notes, day):
    return GOV if "reached" in notes else CLASH


def test_read_export_skips_bad_rows_and_names_them(tmp_path):
    path = tmp_path / "export.csv"
    rows = export_rows(2)
    rows.insert(1, {"event_date": "x", "disorder_type": "", "event_type": "Battles",
                    "sub_event_type": "", "notes": "no label"})
    write_export(path, rows)
    good, problems = read_export(path)
    assert len(good) == 4
    assert problems == [f"{path}:3: no notes or no sub_event_type"]
    assert good[0]["date"].isoformat() == "2023-06-01"
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n")
    with pytest.raises(InputError, match="not an ACLED export"):
        read_export(bad)


def test_train_acled_with_holdout_beats_the_rules_it_is_stacked_on(tmp_path):
    path = tmp_path / "export.csv"
    write_export(path, export_rows(20))
    model, report = train_acled(path, holdout=0.5, rule_code=fake_rules)
    assert report["rows"] == 40 and report["held_out"] == 20 and report["trained_on"] == 20
    assert report["rules_accuracy_held_out"] == 0.0
    assert report["model_accuracy_held_out"] == 1.0
    assert model.report is report


def test_train_command_writes_a_model_that_code_uses(tmp_path, monkeypatch):
    from yaqut import cli, coder

    monkeypatch.setattr(coder, "rule_sub_event_coder", lambda: fake_rules)
    path = tmp_path / "export.csv"
    write_export(path, export_rows(10))
    out = tmp_path / "m"
    res = CliRunner().invoke(cli.main, ["train", "acled", str(path), "--out", str(out),
                                        "--holdout", "0.3", "--json", str(tmp_path / "r.json")])
    assert res.exit_code == 0, res.output
    assert "rules + model" in res.output
    assert (out / "model.json").is_file()
    assert json.loads((tmp_path / "r.json").read_text())["held_out"] == 6

    seen = []

    def load(config):  # the CLI's coder config carries --model; the coder loads it
        built = Coder.from_config(config)

        def fake_coder(doc):
            seen.append(built.classify([Moded(Trigger(0, 0, 0, "ASSAULT", "clash", "clash"),
                                              "occurred")],
                                       "After clashes the army took the village."))
            return []

        return fake_coder

    monkeypatch.setattr(cli, "_load_coder", load)
    text = tmp_path / "a.txt"
    text.write_text("After clashes the army took the village.")
    res = CliRunner().invoke(cli.main, ["code", str(text), "--db", str(tmp_path / "y.db"),
                                        "--published", "2023-06-03", "--model", str(out)])
    assert res.exit_code == 0, res.output
    assert seen and seen[0][1] == GOV
    res = CliRunner().invoke(cli.main, ["code", str(text), "--db", str(tmp_path / "y.db"),
                                        "--model", str(tmp_path)])
    assert res.exit_code == 4  # a folder that holds no model: a resource error


def test_no_event_answers_are_a_rule_label(tmp_path):
    texts, labels, rules = corpus(6)
    rules[0] = None
    model = fit(texts, labels, rules, TYPES)
    assert NO_EVENT in model.rule_labels
