"""Fit the incident model (yaqut/data/incident_model.json) on the tuning gold.

Codes every article of the tuning gold (``bench/data/news_gold_tune.jsonl``: hand-coded
corpus articles that are not in the dev gold) and labels each candidate the rules let
through (:attr:`yaqut.extract.incidents.Decision.features`): 1 when its event can match a
required gold incident (:func:`yaqut.eval.news.can_match`), 0 when it matches none;
candidates that match only background (``required: false``) incidents are left out. A
logistic regression (scikit-learn, L2) is fitted on the flags; the threshold is the one
that gives the best F1 when each article's kept candidates are scored against its gold
as ``yaqut eval news`` scores them, with probabilities from a cross-validation that keeps
each article's candidates in one fold (so the threshold is not fitted to the fit).

Usage::

    .venv/bin/python tools/train_incidents.py [--gold bench/data/news_gold_tune.jsonl] \\
        [--corpus ../shared/data/corpus/guardian_syria_2017_2019.jsonl] \\
        [--out yaqut/data/incident_model.json] [--rows rows.jsonl]

``--rows`` keeps the labelled rows in a file and reads them from it when it exists (to
try settings without coding the articles again).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from yaqut.eval.news import can_match, read_gold, score_article  # noqa: E402
from yaqut.extract.incident_model import IncidentModel, fit_rows  # noqa: E402

SHARED = ROOT / ".." / "shared" / "data"
THRESHOLDS = [round(0.05 * k, 2) for k in range(2, 15)]


def labelled_rows(gold_path: Path, corpus: Path) -> list[dict[str, Any]]:
    """One row per candidate the rules let through: article, features, label, and the
    event's fields the scorer needs; plus the rule-kept events the model never judges."""
    from yaqut.coder import default_coder
    from yaqut.eval.news import _articles
    from yaqut.records import event_to_dict

    gold = read_gold(gold_path)
    docs = _articles(corpus, gold)
    coder = default_coder()
    rows: list[dict[str, Any]] = []
    for article, incidents in gold.items():
        decisions: list = []
        coder.code(docs[article], decisions)
        for d in decisions:
            if d.event is None or (not d.features and not d.kept):
                continue
            required = any(can_match(d.event, g) for g in incidents if g.get("required", True))
            optional = any(can_match(d.event, g) for g in incidents)
            rows.append({"article": article, "features": d.features,
                         "label": 1 if required else None if optional else 0,
                         "background": d.event.background or d.background,
                         "event": event_to_dict(d.event)})
    return rows


def _scored(rows: list[dict], probs: list[float | None], threshold: float,
            gold: dict[str, list[dict]]) -> tuple[float, float, float]:
    """Precision, recall, F1 of the candidates kept at ``threshold`` (probs None: always
    kept), background ones left out as the news eval leaves them out."""
    from yaqut.records import event_from_dict

    by_article: dict[str, list] = {a: [] for a in gold}
    for row, p in zip(rows, probs, strict=True):
        if (p is None or p >= threshold) and not row["background"]:
            by_article[row["article"]].append(event_from_dict(row["event"]))
    true = false = found = required = 0
    for article, incidents in gold.items():
        s = score_article(by_article[article], incidents)
        true, false = true + s["true"], false + s["false"]
        found, required = found + s["found"], required + s["required"]
    precision = true / (true + false) if true + false else 0.0
    recall = found / required if required else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall)
                               if precision + recall else 0.0)


def fit(rows: list[dict[str, Any]], gold: dict[str, list[dict]], c: float = 0.5,
        folds: int = 5) -> tuple[IncidentModel, list[tuple[float, float, float, float]]]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    train = [(r["features"], r["label"]) for r in rows if r["features"] and r["label"] is not None]
    names, x, y = fit_rows(train)
    groups = [r["article"] for r in rows if r["features"] and r["label"] is not None]
    fold_of = {a: i % folds for i, a in enumerate(sorted(set(groups)))}
    cv = np.zeros(len(y))
    for k in range(folds):
        test = np.array([fold_of[g] == k for g in groups])
        clf = LogisticRegression(C=c, max_iter=2000).fit(x[~test], y[~test])
        cv[test] = clf.predict_proba(x[test])[:, 1]
    probs: list[float | None] = []
    it = iter(cv.tolist())
    for r in rows:
        probs.append(next(it) if r["features"] and r["label"] is not None
                     else None if not r["features"] else 0.0)
    curve = [(t, *_scored(rows, probs, t, gold)) for t in THRESHOLDS]
    best = max(curve, key=lambda row: row[3])[0]
    clf = LogisticRegression(C=c, max_iter=2000).fit(x, y)
    weights = {n: round(float(w), 4) for n, w in zip(names, clf.coef_[0], strict=True)}
    model = IncidentModel(weights, round(float(clf.intercept_[0]), 4), best,
                          trained_on=f"{len(y)} candidates of the tuning gold, C={c}")
    return model, curve


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "bench" / "data" / "news_gold_tune.jsonl")
    ap.add_argument("--corpus", type=Path,
                    default=SHARED / "corpus" / "guardian_syria_2017_2019.jsonl")
    ap.add_argument("--out", type=Path, default=ROOT / "yaqut" / "data" / "incident_model.json")
    ap.add_argument("--rows", type=Path, help="cache of the labelled rows (JSONL)")
    ap.add_argument("--c", type=float, default=0.5, help="inverse L2 strength")
    args = ap.parse_args(argv)
    if args.rows is not None and args.rows.exists():
        rows = [json.loads(line) for line in args.rows.read_text("utf-8").splitlines()]
    else:
        rows = labelled_rows(args.gold, args.corpus)
        if args.rows is not None:
            args.rows.write_text("".join(json.dumps(r, default=str) + "\n" for r in rows),
                                 "utf-8")
    model, curve = fit(rows, read_gold(args.gold), c=args.c)
    for t, p, r, f1 in curve:
        print(f"threshold {t:.2f}: precision {p:.3f} recall {r:.3f} F1 {f1:.3f} "
              "(cross-validated, before merging)")
    print(f"chosen threshold {model.threshold:.2f}; {model.trained_on}")
    args.out.write_text(json.dumps(model.to_dict(), indent=1) + "\n", "utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
