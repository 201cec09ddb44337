"""A small learned judge of candidate incidents: logistic regression over structure.

The rules of :mod:`yaqut.extract.incidents` drop what is plainly no incident (out of scope,
not realis, generic, a summary, no place). What they let through still mixes today's
incident with background, asides and politics told in the past tense; which of those an
ACLED coder records depends on many small signs at once, which is what a linear model
weighs well. Each candidate is described by :func:`features` (where its date came from and
how far it lies before publication, how fine and how sure its place is, whether it is in
the report's country, its event type, the tense, voice and clause of its actions, whether
they are told as definite nouns, in quotes, early in the report, ...) and scored by
:func:`probability`. Nothing here names a place, an actor or a phrase.

The weights are a small JSON file (``yaqut/data/incident_model.json``) fitted by
``tools/train_incidents.py`` (``make incident-model``) on candidates labelled by matching
the tuning gold (``bench/data/news_gold_tune.jsonl``) only. Without the file the rules
decide alone.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

#: :class:`yaqut.extract.incidents.Candidate` (not imported: that module imports this one,
#: and the import graph has no circles).
Candidate = Any

__all__ = ["IncidentModel", "features", "load", "probability", "shipped"]

_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
          "Riots", "Strategic developments")
_LEVELS = {"neighbourhood": "point", "community": "point", "city": "point",
           "admin3": "point", "admin2": "district", "region": "region", "admin1": "province",
           "country": "country"}
_QUOTES = ("\u201c", "\u201d", '"')


@dataclass(frozen=True)
class IncidentModel:
    """Weights by feature name, an intercept and the probability a candidate needs."""

    weights: Mapping[str, float]
    intercept: float
    threshold: float
    trained_on: str = ""

    def probability(self, feats: Mapping[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def strongest(self, feats: Mapping[str, float], n: int = 3, sign: int = -1) -> list[str]:
        """The ``n`` features that pushed the score most down (``sign=-1``) or up."""
        pushes = sorted(((sign * self.weights.get(k, 0.0) * v, k) for k, v in feats.items()
                         if v), reverse=True)
        return [k for p, k in pushes[:n] if p > 0]

    def to_dict(self) -> dict[str, Any]:
        return {"weights": dict(sorted(self.weights.items())), "intercept": self.intercept,
                "threshold": self.threshold, "trained_on": self.trained_on}


def load(path: str | Path) -> IncidentModel:
    data = json.loads(Path(path).read_text("utf-8"))
    return IncidentModel({str(k): float(v) for k, v in data["weights"].items()},
                         float(data["intercept"]), float(data["threshold"]),
                         str(data.get("trained_on", "")))


@functools.lru_cache(maxsize=1)
def shipped() -> IncidentModel | None:
    """The shipped model, or None when the package has none (the rules decide alone)."""
    ref = resources.files("yaqut").joinpath("data/incident_model.json")
    if not ref.is_file():
        return None
    with resources.as_file(ref) as path:
        return load(path)


def probability(model: IncidentModel, feats: Mapping[str, float]) -> float:
    return model.probability(feats)


# -- features ---------------------------------------------------------------------------


def features(c: Candidate, published: dt.date | None, focus: str = "", text: str = "",
             rules_keep: bool = True) -> dict[str, float]:
    """The candidate as named numbers (0/1 flags and a few small counts)."""
    f: dict[str, float] = {"rules_keep": float(rules_keep), f"dated_{c.dated}": 1.0}
    e = c.event
    if e is not None:
        f[f"tp{e.time_precision or 0}"] = 1.0
        f.update(_recency(e.event_date, published))
        f[f"type_{_TYPES.index(e.event_type) if e.event_type in _TYPES else 'other'}"] = 1.0
        f["in_focus"] = float(bool(focus) and e.country == focus)
        f["abroad"] = float(bool(focus) and bool(e.country) and e.country != focus)
        f["actor2"] = float(bool(e.actor2))
        f["no_actor1"] = float(not e.actor1)
        f["killed"] = float(e.fatalities > 0)
        if text and e.location:
            f["place_told_often"] = float(text.count(e.location) >= 2)
    f[f"level_{_LEVELS.get(c.level or '', 'none')}"] = 1.0
    if c.place is not None:
        f["place_sure"] = float((c.place.score or 0.0) >= 0.5)
    f.update(_action_features(c))
    first = c.sentences[0] if c.sentences else None
    if first is not None:
        f["lede"] = float(first.sent.start < 400)
        f["late"] = float(bool(text) and first.sent.start > 0.6 * len(text))
        f["quoted"] = float(any(q in first.sent.text for q in _QUOTES))
        f["day_in_sentence"] = float(any(d.precision == 1 and not d.historical
                                         for info in c.sentences for d in info.dates))
        f["place_in_sentence"] = float(e is not None and any(
            p.name == e.location for p in first.places))
    f["sentences_many"] = float(len(c.sentences) >= 3)
    f["actions_many"] = float(len(c.actions) >= 2)
    return f


def _recency(day: dt.date | None, published: dt.date | None) -> dict[str, float]:
    if day is None or published is None:
        return {"days_unknown": 1.0}
    ago = (published - day).days
    bucket = ("future" if ago < 0 else "0-1" if ago <= 1 else "2-7" if ago <= 7
              else "8-30" if ago <= 30 else "old")
    return {f"days_{bucket}": 1.0}


def _action_features(c: Candidate) -> dict[str, float]:
    """Tense, voice, clause and form of the candidate's actions (any of them)."""
    toks = [(m, _token(m, info)) for m, info in c.actions]
    parsed = [(m, t) for m, t in toks if t is not None]
    f: dict[str, float] = {}
    modes = {m.mode for m, _ in c.actions}
    f["occurred"] = float("occurred" in modes)
    f["claimed"] = float("claimed" in modes)
    f["only_asked"] = float(bool(modes) and modes <= {"demanded", "threatened"})
    if not parsed:
        f["unparsed"] = 1.0
        return f
    f["past"] = float(any(t.tag_ == "VBD" for _, t in parsed))
    f["perfect"] = float(any(_aux(t) & {"has", "have", "had"} for _, t in parsed))
    f["passive"] = float(any(t.tag_ == "VBN" and any(ch.dep_ == "auxpass" for ch in t.children)
                             for _, t in parsed))
    f["present"] = float(all(t.tag_ in ("VBP", "VBZ") for _, t in parsed))
    f["gerund"] = float(all(t.tag_ == "VBG" for _, t in parsed))
    f["nouns_only"] = float(all(t.pos_ in ("NOUN", "PROPN") for _, t in parsed))
    f["definite_only"] = float(all(_definite(t) for _, t in parsed))
    f["main_clause"] = float(any(_clause_verb(t).dep_ == "ROOT" for _, t in parsed))
    f["subordinate"] = float(all(_clause_verb(t).dep_ in ("advcl", "relcl", "ccomp", "acl")
                                 for _, t in parsed))
    f["negated"] = float(all(any(ch.dep_ == "neg" for ch in _clause_verb(t).children)
                             for _, t in parsed))
    return f


def _token(m: Any, info: Any) -> Token | None:
    parse = getattr(info, "parse", None)
    if parse is None or not 0 <= m.trigger.head < len(parse):
        return None
    return parse[m.trigger.head]


def _aux(t: Token) -> set[str]:
    return {ch.lower_ for ch in t.children if ch.dep_ in ("aux", "auxpass")}


def _definite(t: Token) -> bool:
    return t.pos_ == "NOUN" and any((ch.dep_ == "det" and ch.lower_ in ("the", "this", "that"))
                                    or ch.dep_ == "poss" for ch in t.children)


def _clause_verb(t: Token) -> Token:
    node = t
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def explain(model: IncidentModel, feats: Mapping[str, float], p: float) -> str:
    """A reason line: the probability, the bar and the features that weighed most."""
    kept = p >= model.threshold
    top = model.strongest(feats, sign=1 if kept else -1)
    return (f"p={p:.2f} {'>=' if kept else '<'} {model.threshold:.2f}"
            + (f" ({', '.join(top)})" if top else ""))


def fit_rows(rows: Sequence[tuple[dict[str, float], int]]) -> tuple[list[str], Any, Any]:
    """Feature names, the matrix and the labels of labelled feature rows (for training)."""
    import numpy as np

    names = sorted({k for f, _ in rows for k in f})
    index = {k: i for i, k in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for r, (f, _) in enumerate(rows):
        for k, v in f.items():
            x[r, index[k]] = v
    y = np.array([label for _, label in rows])
    return names, x, y
