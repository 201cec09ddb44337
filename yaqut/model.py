"""A sub-event-type classifier learnt from a user's own ACLED export.

``yaqut train acled EXPORT.csv --out MODEL`` reads each row's ``notes`` and codes, runs
yaqut's rule coder on the notes, and fits a multinomial logistic regression
(scikit-learn) on two kinds of features:

- the words of the notes (TF-IDF of word uni- and bigrams), and
- the rule coder's own answer (one indicator per sub-event type; "no event" included).

The model is *stacked* on the rules: it learns from the user's data where the rules are
right and where words tell better, instead of replacing them. At coding time
(``yaqut code --model MODEL``) the rules still decide whether there is an event at all and
whether violence occurred (a threat stays a threat); the model then re-decides the
sub-event type only when the rules' answer is one of the types the user's data holds
(an export of battles has no real air strikes, so it cannot tell when the rules' "air
strike" is wrong: only the choice among the battle types is the model's) and the rules
gave that answer at least ``min_support`` times in training, and only when the model is at
least ``min_confidence`` sure. The event type and disorder type follow the sub-event type
as the training data paired them.

A model is a folder with ``model.json`` (format, labels, vocabulary, settings, training
report) and ``arrays.npz`` (IDF weights, coefficients, intercepts), read back with
``allow_pickle=False``: loading a model never runs code.
"""

from __future__ import annotations

import csv
import datetime as _dt
import functools
import json
import random
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from yaqut.errors import InputError, ResourceError

FORMAT = "yaqut-subevent-model/1"
NO_EVENT = "(no event)"
PUBLISHED_AFTER_DAYS = 3  # an ACLED note is read as a report published 3 days later
_VECTORIZER = {"ngram_range": (1, 2), "sublinear_tf": True, "lowercase": True}


@dataclass
class SubEventModel:
    """A trained model: plain arrays and JSON, nothing pickled."""

    classes: list[str]
    rule_labels: list[str]
    vocabulary: dict[str, int]
    idf: Any  # numpy array (n_words,)
    coef: Any  # numpy array (n_classes or 1, n_words + n_rule_labels)
    intercept: Any  # numpy array (n_classes or 1,)
    types: dict[str, tuple[str, str]]  # sub_event_type -> (event_type, disorder_type)
    rule_support: dict[str, int] = field(default_factory=dict)  # rules' answers in training
    rule_weight: float = 1.0
    min_support: int = 5
    min_confidence: float = 0.6
    report: dict[str, Any] = field(default_factory=dict)

    # -- features and prediction --------------------------------------------------------

    def _vectorizer(self):
        from sklearn.feature_extraction.text import TfidfVectorizer

        if not hasattr(self, "_vec"):
            vec = TfidfVectorizer(vocabulary=self.vocabulary, **_VECTORIZER)
            vec.idf_ = self.idf
            self._vec = vec
        return self._vec

    def features(self, texts: Sequence[str], rule_subs: Sequence[str | None]):
        return _features(self._vectorizer(), texts, rule_subs, self.rule_labels,
                         self.rule_weight)

    def proba(self, texts: Sequence[str], rule_subs: Sequence[str | None]):
        """Class probabilities, one row per text (columns in ``classes`` order)."""
        import numpy as np

        scores = self.features(texts, rule_subs) @ self.coef.T + self.intercept
        scores = np.asarray(scores)
        if len(self.classes) == 2:  # binary logistic regression: one score column
            p1 = 1.0 / (1.0 + np.exp(-scores[:, 0]))
            return np.column_stack([1.0 - p1, p1])
        scores = scores - scores.max(axis=1, keepdims=True)
        e = np.exp(scores)
        return e / e.sum(axis=1, keepdims=True)

    def refine(self, coded: tuple[str, str, str], text: str,
               features: Sequence[str] = ()) -> tuple[str, str, str]:
        """The rules' (event_type, sub_event_type, disorder_type), re-decided by the model
        where it has seen the rules give that answer often enough and is sure enough.
        ``features``: the incident's structured features (:func:`classify.features`)."""
        if coded[1] not in self.classes or self.rule_support.get(coded[1], 0) < self.min_support:
            return coded
        p = self.proba([with_features(text, features)], [coded[1]])[0]
        best = int(p.argmax())
        if p[best] < self.min_confidence:
            return coded
        sub = self.classes[best]
        event_type, disorder = self.types.get(sub, (coded[0], coded[2]))
        return event_type, sub, disorder

    # -- files --------------------------------------------------------------------------

    def save(self, folder: str | Path) -> Path:
        import numpy as np

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        meta = {
            "format": FORMAT,
            "classes": self.classes,
            "rule_labels": self.rule_labels,
            "types": {k: list(v) for k, v in self.types.items()},
            "rule_support": self.rule_support,
            "rule_weight": self.rule_weight,
            "min_support": self.min_support,
            "min_confidence": self.min_confidence,
            "vectorizer": {k: list(v) if isinstance(v, tuple) else v
                           for k, v in _VECTORIZER.items()},
            "vocabulary": self.vocabulary,
            "report": self.report,
        }
        (folder / "model.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1),
                                           "utf-8")
        np.savez_compressed(folder / "arrays.npz", idf=np.asarray(self.idf, dtype=np.float64),
                            coef=np.asarray(self.coef, dtype=np.float64),
                            intercept=np.asarray(self.intercept, dtype=np.float64))
        return folder


def load_model(folder: str | Path) -> SubEventModel:
    """Read a model folder written by :meth:`SubEventModel.save` (no pickle)."""
    import numpy as np

    folder = Path(folder)
    meta_path, arrays_path = folder / "model.json", folder / "arrays.npz"
    if not meta_path.is_file() or not arrays_path.is_file():
        raise ResourceError("not a yaqut model: model.json and arrays.npz expected",
                            item=str(folder))
    try:
        meta = json.loads(meta_path.read_text("utf-8"))
        with np.load(arrays_path, allow_pickle=False) as arrays:
            idf, coef, intercept = arrays["idf"], arrays["coef"], arrays["intercept"]
    except (ValueError, KeyError, OSError) as exc:
        raise ResourceError(f"unreadable model: {exc}", item=str(folder)) from exc
    if meta.get("format") != FORMAT:
        raise ResourceError(f"model format {meta.get('format')!r}, expected {FORMAT!r}",
                            item=str(folder))
    vocab = meta["vocabulary"]
    n_features = len(vocab) + len(meta["rule_labels"])
    if idf.shape != (len(vocab),) or coef.shape[1] != n_features:
        raise ResourceError("model arrays do not match its vocabulary", item=str(folder))
    return SubEventModel(
        classes=list(meta["classes"]), rule_labels=list(meta["rule_labels"]),
        vocabulary={k: int(v) for k, v in vocab.items()}, idf=idf, coef=coef,
        intercept=intercept, types={k: (v[0], v[1]) for k, v in meta["types"].items()},
        rule_support={k: int(v) for k, v in meta.get("rule_support", {}).items()},
        rule_weight=float(meta.get("rule_weight", 1.0)),
        min_support=int(meta.get("min_support", 5)),
        min_confidence=float(meta.get("min_confidence", 0.6)), report=meta.get("report", {}),
    )


def _features(vec, texts, rule_subs, rule_labels, weight):
    from scipy.sparse import csr_matrix, hstack

    words = vec.transform(list(texts))
    index = {label: k for k, label in enumerate(rule_labels)}
    rows, cols = [], []
    for r, sub in enumerate(rule_subs):
        k = index.get(sub or NO_EVENT)
        if k is not None:
            rows.append(r)
            cols.append(k)
    rule = csr_matrix(([weight] * len(rows), (rows, cols)), shape=(len(texts), len(rule_labels)))
    return hstack([words, rule]).tocsr()


def fit(
    texts: Sequence[str],
    labels: Sequence[str],
    rule_subs: Sequence[str | None],
    types: dict[str, tuple[str, str]],
    *,
    rule_weight: float = 1.0,
    c: float = 4.0,
    min_support: int = 5,
    min_confidence: float = 0.6,
) -> SubEventModel:
    """Fit a model on notes, their gold sub-event types and the rules' answers."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    if len(set(labels)) < 2:
        raise InputError("training needs at least two different sub_event_types")
    vec = TfidfVectorizer(min_df=2 if len(texts) >= 50 else 1, **_VECTORIZER)
    vec.fit(list(texts))
    rule_labels = sorted({s or NO_EVENT for s in rule_subs} | set(labels))
    x = _features(vec, texts, rule_subs, rule_labels, rule_weight)
    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit(x, list(labels))
    return SubEventModel(
        classes=[str(k) for k in clf.classes_], rule_labels=rule_labels,
        vocabulary={str(k): int(v) for k, v in vec.vocabulary_.items()}, idf=vec.idf_,
        coef=clf.coef_, intercept=clf.intercept_, types=types,
        rule_support=dict(Counter(s or NO_EVENT for s in rule_subs)), rule_weight=rule_weight,
        min_support=min_support, min_confidence=min_confidence,
    )


def with_features(text: str, features: Sequence[str]) -> str:
    """The text the model reads: the incident's text, then its structured features as
    tokens of their own (``zqcue_air``, ``zqinter2_7``) that no English word collides with."""
    if not features:
        return text
    return text + " " + " ".join("zq" + re.sub(r"\W+", "_", f).lower() for f in features)


@functools.cache
def shipped_model() -> SubEventModel | None:
    """The model shipped in the package (``yaqut/data/model/``, built by
    ``tools/train_model.py``), or None when the package holds none (the rules alone)."""
    folder = resources.files("yaqut").joinpath("data/model")
    if not folder.joinpath("model.json").is_file():
        return None
    with resources.as_file(folder) as path:
        return load_model(path)


class Recorder:
    """A stand-in model that records what :func:`classify` hands a model (the rules'
    answer, the incident's text and features) and changes nothing: training reads the same
    features coding will."""

    def __init__(self) -> None:
        self.calls: list[tuple[tuple[str, str, str], str, tuple[str, ...]]] = []

    def refine(self, coded: tuple[str, str, str], text: str,
               features: Sequence[str] = ()) -> tuple[str, str, str]:
        self.calls.append((coded, text, tuple(features)))
        return coded


# -- ACLED exports --------------------------------------------------------------------------


def _date(value: str) -> _dt.date | None:
    for fmt in ("%d %B %Y", "%Y-%m-%d", "%d-%B-%Y", "%m/%d/%Y"):
        try:
            return _dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def read_export(path: Path, limit: int | None = None) -> tuple[list[dict], list[str]]:
    """Usable rows of an ACLED export (notes, codes, date) and one problem line per row
    that cannot be used (``file:line: reason``); the rest go on."""
    rows, problems = [], []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        need = {"notes", "sub_event_type", "event_type"}
        missing = need - set(reader.fieldnames or ())
        if missing:
            raise InputError(f"not an ACLED export: no column {sorted(missing)}", item=str(path))
        for line, r in enumerate(reader, start=2):
            notes, sub = (r.get("notes") or "").strip(), (r.get("sub_event_type") or "").strip()
            if not notes or not sub:
                problems.append(f"{path}:{line}: no notes or no sub_event_type")
                continue
            day = _date(r.get("event_date") or "")
            rows.append({"line": line, "notes": notes, "sub": sub,
                         "event_type": (r.get("event_type") or "").strip(),
                         "disorder_type": (r.get("disorder_type") or "").strip(), "date": day})
            if limit and len(rows) >= limit:
                break
    return rows, problems


def rule_answers(rows: Sequence[dict], code: Callable[[str, _dt.date | None], Any]
                 ) -> list[str | None]:
    """The rule coder's sub-event type for each row's notes: ``code(notes, event_date)``
    (the CLI passes :func:`rule_reader`, or :func:`yaqut.coder.rule_sub_event_coder`). A
    coder that answers ``(sub_event_type, text)`` also gives the row ``row["features"]``:
    the text and features the model reads (:func:`with_features`)."""
    out = []
    for r in rows:
        got = code(r["notes"], r["date"])
        if isinstance(got, tuple):
            got, r["features"] = got
        out.append(got)
    return out


def rule_reader(coder: Any) -> Callable[[str, _dt.date | None], tuple[str | None, str]]:
    """For training: ``read(notes, event_date)`` -> (the rules' sub-event type of the note's
    main event, the text with features a model reads for it). The main event is the first
    with an occurred action; the note is read as a report published a few days later.
    ``coder``: a :class:`yaqut.coder.Coder` (e.g. ``default_coder()``), used with a
    :class:`Recorder` in place of its model."""
    import copy

    recorder = Recorder()
    use = copy.copy(coder)
    use.model = recorder

    def read(notes: str, day: _dt.date | None) -> tuple[str | None, str]:
        published = day + _dt.timedelta(days=PUBLISHED_AFTER_DAYS) if day else None
        recorder.calls.clear()
        events = use.code_text(notes, published=published, doc_id="train")
        main = next((e for e in events if any(a.mode == "occurred" for a in e.actions)),
                    events[0] if events else None)
        if main is None:
            return None, notes
        for coded, text, feats in recorder.calls:
            if coded[1] == main.sub_event_type:
                return main.sub_event_type, with_features(text, feats)
        return main.sub_event_type, notes

    return read


def train_acled(
    path: Path,
    *,
    holdout: float = 0.0,
    seed: int = 13,
    limit: int | None = None,
    rule_code: Callable[[str, _dt.date | None], Any],
) -> tuple[SubEventModel, dict[str, Any]]:
    """Train on an ACLED export, stacked on ``rule_code(notes, event_date)``, the rules'
    sub-event type of a note (:func:`yaqut.coder.rule_sub_event_coder`). With ``holdout``
    > 0 a seeded random share of the rows is held back and the report compares
    sub_event_type accuracy on it: rules alone vs rules with the model."""
    rows, problems = read_export(path, limit)
    if len(rows) < 4:
        raise InputError(f"too few usable rows to train on ({len(rows)})", item=str(path))
    rules = rule_answers(rows, rule_code)
    order = list(range(len(rows)))
    random.Random(seed).shuffle(order)
    n_test = int(round(len(rows) * holdout)) if holdout > 0 else 0
    test, train = sorted(order[:n_test]), sorted(order[n_test:])
    pairs: dict[str, Counter] = {}
    for k in train:
        pairs.setdefault(rows[k]["sub"], Counter())[(rows[k]["event_type"],
                                                     rows[k]["disorder_type"])] += 1
    types = {sub: c.most_common(1)[0][0] for sub, c in pairs.items()}
    model = fit([rows[k].get("features", rows[k]["notes"]) for k in train],
                [rows[k]["sub"] for k in train],
                [rules[k] for k in train], types)
    report: dict[str, Any] = {
        "file": str(path), "rows": len(rows), "skipped_rows": len(problems),
        "problems": problems[:50], "trained_on": len(train),
        "labels": dict(Counter(rows[k]["sub"] for k in train)),
        "rules_accuracy_train": _accuracy([rules[k] for k in train],
                                          [rows[k]["sub"] for k in train]),
    }
    if test:
        gold = [rows[k]["sub"] for k in test]
        rule_subs = [rules[k] for k in test]
        combined: list[str | None] = []
        for k in test:
            r = rules[k]
            if r is None:
                combined.append(None)
                continue
            # what `yaqut code --model` does with the rules' answer
            combined.append(model.refine(("", r, ""), rows[k].get("features",
                                                                rows[k]["notes"]))[1])
        report.update({
            "held_out": len(test), "holdout": holdout, "seed": seed,
            "rules_accuracy_held_out": _accuracy(rule_subs, gold),
            "model_accuracy_held_out": _accuracy(combined, gold),
            "majority_label_accuracy_held_out": _accuracy(
                [Counter(rows[k]["sub"] for k in train).most_common(1)[0][0]] * len(test), gold),
        })
    model.report = report
    return model, report


def _accuracy(pred: Sequence[str | None], gold: Sequence[str]) -> float:
    return sum(p == g for p, g in zip(pred, gold, strict=True)) / len(gold) if gold else 0.0


def format_report(report: dict[str, Any]) -> str:
    lines = [f"trained on {report['trained_on']} of {report['rows']} rows of {report['file']}"
             f" ({report['skipped_rows']} rows skipped)",
             "  labels: " + ", ".join(f"{k} {v}" for k, v in sorted(report["labels"].items(),
                                                                    key=lambda kv: -kv[1])),
             f"  rules alone, sub_event_type accuracy on the training rows: "
             f"{report['rules_accuracy_train']:.3f}"]
    if "held_out" in report:
        lines += [
            f"  held out {report['held_out']} rows (share {report['holdout']}, seed "
            f"{report['seed']}): sub_event_type accuracy",
            f"    rules alone          {report['rules_accuracy_held_out']:.3f}",
            f"    rules + model        {report['model_accuracy_held_out']:.3f}",
            f"    majority label       {report['majority_label_accuracy_held_out']:.3f}",
        ]
    return "\n".join(lines)
