"""Geocoding quality on real data: ACLED Syria notes and GeoWebNews.

``run()`` measures, ``format_table()`` prints. The data files are read by path (they are
never part of the project):

- ACLED: each row's ``notes`` is one incident report; the incident's place (from
  ``locate`` when given, else :func:`default_locate`) is compared with ACLED's
  latitude/longitude/admin1: share within 5 km, within 25 km, right governorate, unresolved.
- GeoWebNews (Gritta et al. 2019): gold toponyms with character offsets and coordinates;
  recall of gold toponyms that have coordinates, precision of found mentions (a mention is
  right when it overlaps a gold toponym with coordinates), accuracy at 161 km and median
  error of the found ones.
"""

from __future__ import annotations

import csv
import datetime as _dt
import re
import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

from yaqut.eval.split import TEST, TUNE, keep
from yaqut.geo import Geocoder
from yaqut.geo.distance import great_circle as km
from yaqut.geo.normalize import admin_key
from yaqut.records import Place

_POINT = ("community", "neighbourhood", "city")
_TOPIC = re.compile(r"^\s*[A-Z][\w'’ -]{1,40}:\s")
_CLAUSE_END = re.compile(r"[.;](?:\s|$)")
_FACILITY_AFTER = re.compile(
    r"\s+(?:checkpoint|street|roundabout|mosque|hospital|school|market|bakery|bridge|"
    r"junction|crossroads?|square|factory|silos?|station)\b",
    re.I,
)


def main_clause(text: str) -> str:
    """The first sentence of a note (ACLED notes name the incident's place there)."""
    m = _CLAUSE_END.search(text, 15)
    return text[: m.start()] if m else text


def default_locate(geocoder: Geocoder) -> Callable[[str, _dt.date], Place | None]:
    """The stand-in incident locator: the first village-level mention of the main clause,
    else the most specific mention there, else the most specific mention of the note."""
    order = {"neighbourhood": 0, "community": 1, "city": 1, "admin3": 2, "region": 2,
             "admin2": 3, "admin1": 4, "country": 5}

    def locate(text: str, date: _dt.date) -> Place | None:
        places = geocoder.geoparse(text)
        if not places:
            return None
        head = len(main_clause(text))
        # "Daraa: ... near Tafas": a dateline or topic before a colon is not the place of
        # the incident when the clause after it names one
        topic = _TOPIC.match(text)
        if topic and any(topic.end() <= p.start < head for p in places):
            places = [p for p in places if p.start >= topic.end()]
        first = [p for p in places if p.start < head] or places
        points = [p for p in first if p.level in _POINT]
        # a facility named after a place ("Al-Athar checkpoint in Madiq Castle") is not
        # the settlement: the next place of the clause is
        settled = [p for p in points if not _FACILITY_AFTER.match(text, p.end)]
        if settled:
            return settled[0]
        if points:
            return points[0]
        return min(first, key=lambda p: (order.get(p.level, 9), p.start))

    return locate


def _date(s: str) -> _dt.date:
    for fmt in ("%d %B %Y", "%Y-%m-%d"):
        try:
            return _dt.datetime.strptime(s.strip(), fmt).date()
        except ValueError:
            continue
    return _dt.date(1970, 1, 1)


def eval_acled(
    path: Path, locate: Callable[[str, _dt.date], Place | None], limit: int | None = None,
    which: str | None = None, misses: list[dict] | None = None,
) -> dict:
    """ACLED rows: incident place vs ACLED's coordinates and governorate.

    ``which`` keeps one half of the rows (``"tune"`` or ``"test"``, split by
    ``event_id_cnty`` with file key ``acled``; :mod:`yaqut.eval.split`); None keeps all.
    ``limit`` applies before the split. ``misses``, when given, receives one record per
    row placed more than 5 km from ACLED's point (see :func:`miss_record`)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if limit:
        rows = rows[:limit]
    rows = [r for r in rows if keep("acled", r["event_id_cnty"], which)]
    n = w5 = w25 = gov = unresolved = 0
    errors = []
    for r in rows:
        n += 1
        place = locate(r["notes"], _date(r["event_date"]))
        if place is None or place.latitude is None or place.longitude is None:
            unresolved += 1
            if misses is not None:
                misses.append(miss_record(r, None, None))
            continue
        d = km(float(r["latitude"]), float(r["longitude"]), place.latitude, place.longitude)
        errors.append(d)
        w5 += d <= 5
        w25 += d <= 25
        gov += bool(place.admin1 and admin_key(place.admin1) == admin_key(r["admin1"]))
        if misses is not None and d > 5:
            misses.append(miss_record(r, place, d))
    return {
        "rows": n,
        "within_5km": w5 / n if n else 0.0,
        "within_25km": w25 / n if n else 0.0,
        "right_admin1": gov / n if n else 0.0,
        "unresolved": unresolved / n if n else 0.0,
        "median_km": statistics.median(errors) if errors else None,
    }


def miss_record(row: dict, place: Place | None, d: float | None) -> dict:
    """What a reader needs to sort an ACLED miss by cause: ACLED's place and precision,
    the place chosen (its text, level, precision, reason), the distance and whether the
    governorate is right, and the start of the note."""
    right = bool(place and place.admin1 and admin_key(place.admin1) == admin_key(row["admin1"]))
    return {
        "event_id": row["event_id_cnty"],
        "gold": f"{row['location']} ({row['admin1']}/{row['admin2']}), precision "
                f"{row['geo_precision']}",
        "got": "unresolved" if place is None else (
            f"'{place.text}' -> {place.name} ({place.level}, {place.admin1}), precision "
            f"{place.geo_precision}"
        ),
        "km": None if d is None else round(d, 1),
        "right_admin1": right,
        "reason": place.reason if place is not None else "",
        "note": row["notes"][:300],
    }


def format_misses(misses: list[dict]) -> str:
    """The misses of :func:`eval_acled`, one block each, farthest first."""
    out = []
    for m in sorted(misses, key=lambda m: -(m["km"] if m["km"] is not None else 1e9)):
        gov = "right" if m["right_admin1"] else "WRONG"
        out.append(
            f"{m['event_id']}  {m['km']} km, governorate {gov}\n  ACLED: {m['gold']}\n"
            f"  yaqut: {m['got']}\n  why:   {m['reason']}\n  note:  {m['note']}"
        )
    return "\n".join(out)


def read_gwn(path: Path, which: str | None = None) -> list[tuple[str, list[dict]]]:
    """GeoWebNews articles: (text, toponyms with start/end/lat/lon/type); ``which`` keeps
    one half (split by the article's ``file`` id with file key ``gwn``), None all."""
    out = []
    for art in ET.parse(path).getroot().iter("article"):
        if not keep("gwn", art.get("file"), which):
            continue
        text = art.findtext("text") or ""
        tops = []
        for t in art.iter("toponym"):
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            tops.append(
                {
                    "start": int(t.findtext("start", "")),
                    "end": int(t.findtext("end", "")),
                    "name": t.findtext("extractedName"),
                    "type": t.findtext("type"),
                    "lat": float(lat) if lat else None,
                    "lon": float(lon) if lon else None,
                }
            )
        out.append((text, tops))
    return out


def eval_gwn(
    path: Path, geocoder: Geocoder, limit: int | None = None, which: str | None = None
) -> dict:
    """GeoWebNews: recall, precision, accuracy at 161 km, median error (``which``: one
    half of the articles, see :func:`read_gwn`; ``limit`` applies after the split)."""
    arts = read_gwn(path, which)
    if limit:
        arts = arts[:limit]
    gold_n = found_n = tp = recalled = 0
    errors: list[float] = []
    place_errors: list[float] = []  # mentions resolved below country level
    for text, tops in arts:
        gold = [t for t in tops if t["lat"] is not None]
        gold_n += len(gold)
        places = geocoder.geoparse(text)
        found_n += len(places)
        hit_gold = set()
        for p in places:
            match = next(
                (i for i, g in enumerate(gold) if g["start"] < p.end and p.start < g["end"]),
                None,
            )
            if match is None:
                continue
            tp += 1
            hit_gold.add(match)
            g = gold[match]
            if p.latitude is not None and p.longitude is not None:
                errors.append(km(g["lat"], g["lon"], p.latitude, p.longitude))
                if p.level != "country":
                    place_errors.append(errors[-1])
        recalled += len(hit_gold)
    return {
        "articles": len(arts),
        "gold_toponyms": gold_n,
        "found": found_n,
        "recall": recalled / gold_n if gold_n else 0.0,
        "precision": tp / found_n if found_n else 0.0,
        "acc_161km": sum(e <= 161 for e in errors) / len(errors) if errors else 0.0,
        # countries are scored against GeoNames' country points, which can lie more than
        # 161 km from the conventional centres yaqut ships (US, Canada, India, Libya...)
        "acc_161km_below_country": (
            sum(e <= 161 for e in place_errors) / len(place_errors) if place_errors else 0.0
        ),
        "median_km": statistics.median(errors) if errors else None,
    }


def eval_arabic(path: Path, geocoder: Geocoder) -> dict:
    """Arabic sentences written in the style of Syrian monitors' reports (JSONL rows with
    ``text`` and ``places``, the surfaces that name places). A found mention is right when
    it overlaps a gold surface; ``common_words_resolved`` counts found mentions that overlap
    none (months, prepositions, nouns and adjectives taken for places)."""
    import json

    found = right = gold_n = recalled = 0
    wrong: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        text = row["text"]
        spans = []
        for surface in row["places"]:
            spans += [(m.start(), m.end()) for m in re.finditer(re.escape(surface), text)]
        gold_n += len(spans)
        places = geocoder.geoparse(text)
        found += len(places)
        hit = set()
        for p in places:
            k = next((j for j, (s, e) in enumerate(spans) if s < p.end and p.start < e), None)
            if k is None:
                wrong.append(p.text)
            else:
                right += 1
                hit.add(k)
        recalled += len(hit)
    return {
        "gold_places": gold_n,
        "found": found,
        "precision": right / found if found else 0.0,
        "recall": recalled / gold_n if gold_n else 0.0,
        "common_words_resolved": len(wrong),
        "common_words": " ".join(wrong) or "-",
    }


def _synthetic_article(words: int = 1000) -> str:
    filler = (
        "Local sources said that clashes broke out on Monday between government forces and "
        "gunmen in {a} town in the countryside of {b}, while shelling hit {c} and the "
        "outskirts of {d}, killing two people and injuring several others. "
    )
    names = ["Jasim", "Daraa", "Tafas", "Homs", "Palmyra", "Idlib", "Aleppo", "Manbij",
             "Raqqa", "Hama", "Damascus", "Beirut", "Ankara", "Baghdad", "Amman", "Latakia"]
    parts: list[str] = []
    i = 0
    while sum(len(p.split()) for p in parts) < words:
        parts.append(filler.format(a=names[i % 16], b=names[(i + 3) % 16],
                                   c=names[(i + 5) % 16], d=names[(i + 7) % 16]))
        i += 1
    return "".join(parts)


def eval_speed(
    geocoder: Geocoder, texts: list[str] | None = None, rounds: int = 3,
    source: str = "GeoWebNews articles",
) -> dict:
    """Milliseconds per 1,000 words: the whole geoparse, and finding alone.

    ``texts`` are real articles (GeoWebNews when given); else one made-up 1,000-word
    report dense with place names. *Finding* is tokenising plus the gazetteer look-ups of
    every n-gram that may start a name (:func:`yaqut.geo.match.find_candidates`); *resolving*
    is the rest of :meth:`Geocoder.geoparse` (guards, similarity, whole-document context,
    precision, records). Times are CPU time of this process (``time.process_time``), the
    best of ``rounds`` passes after a warm-up, so that other processes on a shared machine
    weigh less. Those passes find the resolver's caches (options per surface, fuzzy
    searches per name) holding the texts' names already; *first pass* is one pass over the
    texts by a new resolver on the same gazetteer whose caches hold only a made-up report's
    names (its indexes built, as for a user's first articles; process-wide word caches
    stay warm).
    """
    from yaqut.geo.match import find_candidates, tokenize

    source = source if texts else "synthetic 1,000-word report"
    texts = texts or [_synthetic_article()]
    words = sum(len(t.split()) for t in texts)
    gaz = geocoder.gazetteer
    first: float | None = None
    if texts[0] != _synthetic_article():
        fresh = Geocoder(gaz, focus=geocoder.focus)  # a new resolver: empty caches
        fresh.geoparse(_synthetic_article())  # builds what is built on first use
        t0 = time.process_time()
        for t in texts:
            fresh.geoparse(t)
        first = (time.process_time() - t0) * 1000 * 1000 / words
    for t in texts:
        geocoder.geoparse(t)

    def best(fn) -> float:
        out = []
        for _ in range(rounds):
            t0 = time.process_time()
            for t in texts:
                fn(t)
            out.append(time.process_time() - t0)
        return min(out) * 1000 * 1000 / words

    full = best(geocoder.geoparse)
    find = best(lambda t: find_candidates(t, gaz, tokenize(t), cased_only=True))
    return {
        "text": source,
        "words": words,
        "ms_per_1000_words": full,
        "find_ms_per_1000_words": find,
        "resolve_ms_per_1000_words": max(0.0, full - find),
        **({"first_pass_ms_per_1000_words": first} if first is not None else {}),
    }


class PipelineLocate:
    """The incident's place as the full coder decides it: the first event that
    :func:`yaqut.coder.code_document` codes from the note (published three days after
    the event date, as ACLED's sources are), as a :class:`Place`. Notes without a placed
    event go to ``fallback`` (and are counted in ``fallbacks``)."""

    def __init__(self, fallback: Callable[[str, _dt.date], Place | None] | None = None) -> None:
        self.fallback = fallback
        self.fallbacks = 0

    def __call__(self, text: str, date: _dt.date) -> Place | None:
        from yaqut.coder import code_document

        events = code_document(text, published=date + _dt.timedelta(days=3))
        ev = next((e for e in events if e.latitude is not None), None)
        if ev is None:
            self.fallbacks += 1
            return self.fallback(text, date) if self.fallback else None
        return Place(
            start=0, end=0, text=ev.location or "", name=ev.location or "",
            latitude=ev.latitude, longitude=ev.longitude, level="event",
            geo_precision=ev.geo_precision or 3, country=ev.country, admin1=ev.admin1,
            admin2=ev.admin2, admin3=ev.admin3, pcode=ev.pcode, geonameid=ev.geonameid,
        )


def pipeline_locate(
    fallback: Callable[[str, _dt.date], Place | None] | None = None,
) -> PipelineLocate:
    """A :class:`PipelineLocate` (the full coder's place of a note) with ``fallback``."""
    return PipelineLocate(fallback)


def run(
    acled: Path | None = None,
    gwn: Path | None = None,
    limit: int | None = None,
    locate: Callable[[str, _dt.date], Place | None] | None = None,
    pipeline: bool = False,
    arabic: Path | None = None,
) -> dict:
    """Measure geocoding on the given data sets (each optional) and speed.

    ``pipeline`` also scores ACLED with the full coder's event place
    (:func:`pipeline_locate`) beside the geoparser-only locator. Each data set is
    measured on its test half (sections ``acled``, ``acled_pipeline``, ``gwn``) and its
    tune half beside it (``*_tune``); see :mod:`yaqut.eval.split`. ``arabic`` is the
    file of Arabic sentences of :func:`eval_arabic` (no halves: written for the purpose).
    """
    from yaqut.config import defaults, setting

    geocoder = Geocoder(focus=setting(defaults(), "coder.focus_country"))  # as the default coder's
    result: dict = {}
    if acled is not None:
        for which, suffix in ((TEST, ""), (TUNE, "_tune")):
            loc = locate or default_locate(geocoder)
            result["acled" + suffix] = eval_acled(Path(acled), loc, limit, which)
        if pipeline:
            for which, suffix in ((TEST, ""), (TUNE, "_tune")):
                loc = pipeline_locate(fallback=default_locate(geocoder))
                got = eval_acled(Path(acled), loc, limit, which)
                got["geoparser_fallbacks"] = loc.fallbacks
                result["acled_pipeline" + suffix] = got
    if arabic is not None:
        result["arabic"] = eval_arabic(Path(arabic), geocoder)
    texts = None
    if gwn is not None:
        # GeoWebNews counts continents and adjectives of places ("Europe", "Russian") as
        # toponyms: the geocoder is asked for them too (yaqut.geo.wide); the places proper
        # are the same as the coder's
        wide = Geocoder(geocoder.gazetteer, focus=geocoder.focus, wide=True)
        result["gwn"] = eval_gwn(Path(gwn), wide, limit, TEST)
        result["gwn_tune"] = eval_gwn(Path(gwn), wide, limit, TUNE)
        texts = [t for t, _ in read_gwn(Path(gwn))][: limit or None]
    result["speed"] = eval_speed(geocoder, texts)
    return result


def format_table(result: dict) -> str:
    """A plain-text table of a :func:`run` result."""
    lines = [f"{'set':<15} {'measure':<26} {'value':>12}"]
    for section, figures in result.items():
        for k, v in figures.items():
            if isinstance(v, float):
                shown = f"{v:.2f}" if k == "median_km" or k.endswith("words") else f"{v:.1%}"
            else:
                shown = str(v)
            lines.append(f"{section:<15} {k:<26} {shown:>12}")
    return "\n".join(lines)
