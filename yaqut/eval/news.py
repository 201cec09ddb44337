"""Whole news articles against hand-coded incidents (``docs``: the news gold guide).

The gold is one JSON line per incident (``article``, ``n``, ``required``, ``event_date``,
``time_precision``, ``country``, ``admin1``, ``location``, ``latitude``, ``longitude``,
``geo_precision``, ``event_type``, ``sub_event_type``, ``actor1``, ``actor2``,
``fatalities``) and one ``{"article": ..., "n": 0, "none": true}`` line per article that
reports no incident. The corpus is the articles themselves (JSONL with ``id``, ``text``,
``published``). Every gold article is coded on its own (its events merged among themselves
as the store would, :func:`yaqut.dedup.dedup`); background events
(:attr:`~yaqut.records.Event.background`) are left out, as exports leave them out.

Matching, per article:

- a coded event **can match** a gold incident when the country is the same, the place is
  within 25 km (or, when either side is coarser than a town — geo precision 3 or no
  coordinates — the governorate is the same), and the dates are within 3 days (7 when
  either side is dated to the week, 31 when either is dated to the month);
- each incident takes its **best** match among the events not yet taken: the same event
  type first, then the nearest (days, then km). Required incidents choose first, in the
  gold's order; then the optional ones (``required: false``: background);
- an event matched to an optional incident is neither a true nor a false positive; an
  optional incident nobody matched does not count against recall;
- every other event is false, including a second event on an incident already matched.

Scores: precision = true / (events - neutral), recall = matched required / required, F1;
``events_per_empty_article`` = events (not neutral) per article whose gold says ``none``;
on matched required incidents: ``event_type``, ``sub_event_type``, ``actor_family``
(the unordered pair of actor families, :func:`family`), ``fatalities`` (equal),
``within_5km``, ``exact_date``.

``run()`` measures and returns a JSON-ready dict; ``format_table()`` prints it.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from yaqut.errors import MalformedInput, YaqutError
from yaqut.eval.split import keep
from yaqut.records import Document, Event

__all__ = ["MATCHED", "can_match", "family", "format_table", "read_gold", "run", "score_article"]

#: The measures on matched incidents, in the order the table prints them.
MATCHED = ("event_type", "sub_event_type", "actor_family", "fatalities", "within_5km",
           "exact_date")
PLACE_KM = 25.0
DAYS = {1: 3, 2: 7, 3: 31}  # by the coarser time precision of the two sides
_STATE = re.compile(r"^((?:military|police) forces of .*?)\s*\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)")
_PUNCT = re.compile(r"[^\w\s():-]")


def family(name: str | None) -> str:
    """An actor's family for scoring: a state force without its dates or branch
    (``Military Forces of the United States (2017-2021)`` and ``(2017-) Air Force`` are both
    ``Military Forces of the United States``), other names as written; case, apostrophes
    and spacing ignored."""
    if not name:
        return ""
    name = " ".join(_PUNCT.sub("", name).split()).lower()
    m = _STATE.match(name)
    return m.group(1) if m else name


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _norm(text: str | None) -> str:
    return re.sub(r"[^a-z]", "", (text or "").lower())


def _coarse(precision: Any, lat: Any) -> bool:
    return lat is None or (precision or 1) >= 3


def _distance(event: Event, gold: dict) -> float | None:
    """km between the two, or None when either has no coordinates."""
    if event.latitude is None or event.longitude is None or gold.get("latitude") is None:
        return None
    return _km(event.latitude, event.longitude, float(gold["latitude"]),
               float(gold["longitude"]))


def _days_apart(event: Event, gold: dict) -> int | None:
    if event.event_date is None:
        return None
    return abs((event.event_date - gold["_date"]).days)


def can_match(event: Event, gold: dict) -> bool:
    """Same country, place within 25 km (same governorate when either is coarser than a
    town), dates within the tolerance of the coarser side (see the module docstring)."""
    if _norm(event.country) != _norm(gold.get("country")):
        return False
    km = _distance(event, gold)
    coarse = (_coarse(event.geo_precision, event.latitude)
              or _coarse(gold.get("geo_precision"), gold.get("latitude")))
    if coarse:
        if _norm(event.admin1) != _norm(gold.get("admin1")) and not (km is not None
                                                                      and km <= PLACE_KM):
            return False
    elif km is None or km > PLACE_KM:
        return False
    days = _days_apart(event, gold)
    precision = max(event.time_precision or 1, int(gold.get("time_precision") or 1))
    return days is not None and days <= DAYS.get(precision, 31)


def _preference(event: Event, gold: dict) -> tuple:
    km = _distance(event, gold)
    return (event.event_type != gold.get("event_type"), _days_apart(event, gold) or 0,
            km if km is not None else PLACE_KM)


def _pair(a1: str | None, a2: str | None) -> tuple[str, ...]:
    return tuple(sorted((family(a1), family(a2))))


def _judge(event: Event, gold: dict) -> dict[str, bool]:
    km = _distance(event, gold)
    return {
        "event_type": event.event_type == gold.get("event_type"),
        "sub_event_type": event.sub_event_type == gold.get("sub_event_type"),
        "actor_family": _pair(event.actor1, event.actor2)
        == _pair(gold.get("actor1"), gold.get("actor2")),
        "fatalities": int(event.fatalities or 0) == int(gold.get("fatalities") or 0),
        "within_5km": km is not None and km <= 5.0,
        "exact_date": event.event_date == gold["_date"],
    }


def score_article(events: Sequence[Event], gold: Sequence[dict]) -> dict[str, Any]:
    """Match one article's coded events to its gold incidents (module docstring).

    Returns ``true``, ``false``, ``neutral`` (event counts), ``required``, ``found`` (required
    incidents matched) and ``pairs``: ``[(gold row, event, judgement)]`` for matched required
    incidents, and ``verdicts``: per event, ``"true"``, ``"neutral"`` or ``"false"``."""
    taken: dict[int, str] = {}
    pairs: list[tuple[dict, Event, dict[str, bool]]] = []
    ordered = [g for g in gold if g.get("required", True)] + \
              [g for g in gold if not g.get("required", True)]
    for g in ordered:
        options = [(i, e) for i, e in enumerate(events) if i not in taken and can_match(e, g)]
        if not options:
            continue
        i, e = min(options, key=lambda ie: _preference(ie[1], g))
        if g.get("required", True):
            taken[i] = "true"
            pairs.append((g, e, _judge(e, g)))
        else:
            taken[i] = "neutral"
    verdicts = [taken.get(i, "false") for i in range(len(events))]
    return {
        "true": verdicts.count("true"),
        "false": verdicts.count("false"),
        "neutral": verdicts.count("neutral"),
        "required": sum(1 for g in gold if g.get("required", True)),
        "found": len(pairs),
        "pairs": pairs,
        "verdicts": verdicts,
    }


def read_gold(path: Path) -> dict[str, list[dict]]:
    """``{article id: [incident, ...]}`` (an article whose gold says ``none`` maps to [])."""
    out: dict[str, list[dict]] = {}
    for n, line in enumerate(Path(path).read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            article = str(row["article"])
        except (ValueError, KeyError, TypeError) as exc:
            raise MalformedInput(f"{path}:{n}: not a gold row ({exc})") from None
        rows = out.setdefault(article, [])
        if row.get("none"):
            continue
        try:
            row["_date"] = _dt.date.fromisoformat(row["event_date"])
        except (KeyError, TypeError, ValueError):
            raise MalformedInput(f"{path}:{n}: event_date {row.get('event_date')!r} is not "
                                 "an ISO date") from None
        rows.append(row)
    return out


def _articles(corpus: Path, wanted: Iterable[str]) -> dict[str, Document]:
    from yaqut.ingest import make_document

    wanted = set(wanted)
    out: dict[str, Document] = {}
    for n, line in enumerate(Path(corpus).read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if str(row.get("id")) in wanted:
            out[str(row["id"])] = make_document(row["text"], published=row.get("published"),
                                                doc_id=str(row["id"]),
                                                origin=f"{corpus}:{n}")
    return out


def _default_coder() -> Callable[[Document], list[Event]]:
    from yaqut.coder import default_coder

    return default_coder()


def _short(event: Event) -> dict[str, Any]:
    return {"event_date": event.event_date.isoformat() if event.event_date else None,
            "location": event.location, "event_type": event.event_type,
            "sub_event_type": event.sub_event_type, "actor1": event.actor1,
            "actor2": event.actor2, "fatalities": event.fatalities}


def run(
    gold_path: Path,
    corpus: Path,
    half: str | None = None,
    coder: Callable[[Document], list[Event]] | None = None,
    with_background: bool = False,
) -> dict[str, Any]:
    """Code the gold's articles from ``corpus`` and score them (module docstring).

    ``half``: ``"tune"``, ``"test"`` or None/``"all"`` (by article id, ``split.half("news",
    article)``). Raises :class:`~yaqut.errors.MalformedInput` for an unreadable gold line."""
    from yaqut.dedup import dedup

    code = coder or _default_coder()
    gold = {a: rows for a, rows in read_gold(gold_path).items() if keep("news", a, half)}
    docs = _articles(corpus, gold)
    totals = dict.fromkeys(("true", "false", "neutral", "required", "found"), 0)
    hits = dict.fromkeys(MATCHED, 0)
    empty_articles = empty_events = 0
    missing = sorted(a for a in gold if a not in docs)
    failures: list[dict] = []
    detail: list[dict] = []
    started = time.perf_counter()
    for article, rows in gold.items():
        doc = docs.get(article)
        events: list[Event] = []
        if doc is not None:
            try:
                events = dedup(code(doc)).events
            except YaqutError as exc:
                failures.append({"article": article, "reason": str(exc)})
        if not with_background:
            events = [e for e in events if not getattr(e, "background", False)]
        scored = score_article(events, rows)
        for k in totals:
            totals[k] += scored[k]
        for _, _, judged in scored["pairs"]:
            for k in MATCHED:
                hits[k] += judged[k]
        if not rows:
            empty_articles += 1
            empty_events += scored["false"]
        detail.append({
            "article": article,
            "gold": [{k: g.get(k) for k in ("n", "required", "event_date", "location",
                                            "event_type", "sub_event_type", "actor1", "actor2",
                                            "fatalities")} for g in rows],
            "coded": [{**_short(e), "verdict": v} for e, v in zip(events, scored["verdicts"],
                                                                 strict=True)],
            "wrong": [{"n": g.get("n"), "wrong": [k for k in MATCHED if not j[k]]}
                      for g, _, j in scored["pairs"]],
        })
    judged = totals["true"] + totals["false"]
    precision = totals["true"] / judged if judged else 0.0
    recall = totals["found"] / totals["required"] if totals["required"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    found = totals["found"]
    return {
        "gold": str(gold_path),
        "corpus": str(corpus),
        "half": half or "all",
        "articles": len(gold),
        "empty_articles": empty_articles,
        "events": judged + totals["neutral"],
        **totals,
        "scores": {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "events_per_empty_article": empty_events / empty_articles if empty_articles else 0.0,
            **{k: (hits[k] / found if found else 0.0) for k in MATCHED},
        },
        "missing_articles": missing,
        "failures": failures,
        "seconds": round(time.perf_counter() - started, 2),
        "detail": detail,
    }


def format_table(result: dict[str, Any]) -> str:
    """The scores as a small text table."""
    s = result["scores"]
    lines = [
        f"news gold {result['gold']} (half: {result['half']}): {result['articles']} articles, "
        f"{result['required']} required incidents, {result['events']} coded events "
        f"({result['true']} true, {result['false']} false, {result['neutral']} on background)",
        f"  precision {s['precision']:.3f}   recall {s['recall']:.3f}   F1 {s['f1']:.3f}",
        f"  events per article without incidents {s['events_per_empty_article']:.2f} "
        f"({result['empty_articles']} articles)",
        f"  on {result['found']} matched incidents:",
    ]
    lines += [f"    {k:<16} {s[k]:.3f}" for k in MATCHED]
    if result["missing_articles"]:
        lines.append(f"  not in the corpus: {', '.join(result['missing_articles'])}")
    for f in result["failures"]:
        lines.append(f"  failed: {f['article']}: {f['reason']}")
    return "\n".join(lines)
