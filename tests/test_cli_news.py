"""``yaqut explain`` and ``yaqut eval news``: thin over the library (seams replaced)."""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner

import yaqut.cli as cli
from yaqut.extract.incidents import Decision
from yaqut.records import Event


def test_explain_prints_every_candidate_with_its_reason(monkeypatch, tmp_path):
    event = Event(event_id="e", doc_ids=("d",), event_date=dt.date(2019, 3, 4),
                  location="Ariha", event_type="Battles", sub_event_type="Armed clash")

    def explainer():
        return lambda doc: [Decision(0, True, "incident", event, "Rebels attacked Ariha."),
                            Decision(1, False, "duplicate of #0", event, "They attacked.",
                                     merged_into=0)]

    monkeypatch.setattr(cli, "_load_explainer", explainer)
    (tmp_path / "a.txt").write_text("Rebels attacked Ariha on Monday. They attacked.")
    result = CliRunner().invoke(cli.main, ["explain", str(tmp_path / "a.txt"),
                                           "--published", "2019-03-10"])
    assert result.exit_code == 0, result.output
    assert "2 candidates, 1 kept" in result.output
    assert "#1 left duplicate of #0" in result.output and "Ariha Battles/Armed clash" in \
        result.output


class _ExplainingCoder:
    """A coder with yaqut's ``explain``: one kept incident, one left out."""

    def explain(self, doc):
        event = Event(event_id=f"{doc.id}-0", doc_ids=(doc.id,), event_date=dt.date(2019, 3, 4),
                      location="Ariha", event_type="Battles", sub_event_type="Armed clash")
        return [Decision(0, True, "incident", event, "Rebels attacked Ariha on Monday."),
                Decision(1, False, "no date in its sentences or paragraph", event,
                         "Jets bombed Saraqib.")]

    def __call__(self, doc):
        raise AssertionError("--explain codes through explain")


def test_code_explain_prints_the_decisions_and_stores_the_kept_events(monkeypatch, tmp_path):
    from yaqut.coder import within_budget

    monkeypatch.setattr(cli, "_load_coder",
                        lambda config: within_budget(_ExplainingCoder(), 60))
    (tmp_path / "a.txt").write_text("Rebels attacked Ariha on Monday. Jets bombed Saraqib.")
    db = tmp_path / "s.db"
    result = CliRunner().invoke(cli.main, ["code", str(tmp_path / "a.txt"), "--db", str(db),
                                           "--published", "2019-03-10", "--explain",
                                           "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "2 candidates, 1 kept" in result.stderr
    assert "#1 left no date in its sentences or paragraph" in result.stderr
    assert "1 event coded" in result.stderr
    exported = CliRunner().invoke(cli.main, ["export", "--db", str(db), "--format", "jsonl"])
    assert [json.loads(line)["location"] for line in exported.stdout.splitlines()] == ["Ariha"]


def test_code_explain_needs_one_process_and_a_coder_that_explains(monkeypatch, tmp_path):
    (tmp_path / "a.txt").write_text("Rebels attacked Ariha on Monday.")
    monkeypatch.setattr(cli, "_load_coder", lambda config: (lambda doc: []))
    args = ["code", str(tmp_path / "a.txt"), "--db", str(tmp_path / "s.db"), "--explain"]
    plugin = CliRunner().invoke(cli.main, args)
    assert plugin.exit_code != 0 and "cannot explain" in plugin.output
    parallel = CliRunner().invoke(cli.main, [*args, "--workers", "2"])
    assert parallel.exit_code != 0 and "--explain codes in this process" in parallel.output


def test_eval_news_prints_the_table_and_writes_json(monkeypatch, tmp_path):
    seen = {}

    def loader():
        def run(gold, corpus, half=None):
            seen.update(gold=gold.name, half=half)
            return {"scores": {"precision": 0.5}}
        return run, lambda r: f"precision {r['scores']['precision']}"

    monkeypatch.setattr(cli, "_load_news_eval", loader)
    gold, corpus = tmp_path / "g.jsonl", tmp_path / "c.jsonl"
    gold.write_text("{}\n")
    corpus.write_text("{}\n")
    out = tmp_path / "r.json"
    result = CliRunner().invoke(cli.main, ["eval", "news", str(gold), "--corpus", str(corpus),
                                           "--half", "test", "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "precision 0.5" in result.output and seen == {"gold": "g.jsonl", "half": "test"}
    assert json.loads(out.read_text())["scores"]["precision"] == 0.5


def test_export_leaves_background_out_unless_asked(tmp_path):
    from yaqut.ingest import make_document
    from yaqut.store import Store

    db = tmp_path / "s.db"
    with Store(db) as store:
        store.add_coded(make_document("A report.", doc_id="d", published="2019-03-10"),
                        [Event(event_id="now", doc_ids=("d",)),
                         Event(event_id="old", doc_ids=("d",), background=True)])
    plain = CliRunner().invoke(cli.main, ["export", "--db", str(db), "--format", "jsonl"])
    every = CliRunner().invoke(cli.main, ["export", "--db", str(db), "--format", "jsonl",
                                          "--with-background"])
    assert [json.loads(x)["event_id"] for x in plain.stdout.splitlines()] == ["now"]
    assert len(every.stdout.splitlines()) == 2
