"""Validate a news gold file written under ``../shared/docs/news-gold-guide.md``.

A gold file has one JSON object per line: one per incident (``n`` = 1, 2, ... within its
article) and one ``{"article": ..., "n": 0, "none": true}`` per article without incidents.
Checked, each failure an ERROR naming the line and the reason:

- every line is JSON with the guide's keys and value types; ``n`` runs 1..k per article; an
  article is either a none-article or has incidents, never both;
- event_type / sub_event_type form one of ACLED's 25 pairs; time_precision and
  geo_precision are 1, 2 or 3; event_date is an ISO date, not after publication;
- ``required`` agrees with the 30-day rule of the guide (with the slack its precision allows);
- every evidence quote (quotes separated by ' | ') is an exact substring of the article's
  text in ``--corpus`` (a quote with ' ... ' elisions: its parts, in order);
- a Syrian place lies within 1 km of a row of the OCHA admin4 gazetteer (or a Syrian
  GeoNames row), the files the guide names, under ``--gazetteer``, and when its location
  name is a gazetteer name, within 1 km of a row of that name; admin1 is a governorate;
- every article exists in the corpus; with ``--contiguous``, every corpus article between the
  first and last annotated one appears (skipping articles of ``--skip`` files, e.g. the dev
  gold a tuning file leaves out).

WARNINGs (not failures): quotes over 200 characters, a location name that differs from the
gazetteer row it sits on, a non-Syrian place off the GeoNames rows, an actor name outside
``--actors`` and ACLED's generic patterns, a background incident dated within 30 days.

Prints a summary (articles, incidents required/background, none-articles) and exits 1 on
any ERROR.

Usage::

    python3 bench/check_gold.py bench/data/news_gold_tune.jsonl \\
        --corpus ../shared/data/corpus/guardian_syria_2017_2019.jsonl \\
        --contiguous --skip ../shared/data/dev/news_gold_dev.jsonl
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"

ACLED_TYPES = {
    "Battles": ("Armed clash", "Government regains territory",
                "Non-state actor overtakes territory"),
    "Explosions/Remote violence": ("Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"),
    "Violence against civilians": ("Sexual violence", "Attack",
                                   "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention",
                 "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": ("Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"),
}
GOVERNORATES = {"Aleppo", "Idleb", "Rural Damascus", "Damascus", "Dar'a", "Homs", "Hama",
                "Lattakia", "Tartous", "Ar-Raqqa", "Deir-ez-Zor", "Al-Hasakeh", "Quneitra",
                "As-Sweida"}
INCIDENT_KEYS = {"article": str, "n": int, "required": bool, "event_date": str,
                 "time_precision": int, "country": str, "admin1": str, "location": str,
                 "latitude": (int, float), "longitude": (int, float), "geo_precision": int,
                 "event_type": str, "sub_event_type": str, "actor1": str, "actor2": str,
                 "fatalities": int, "evidence": str}
# generic ACLED actor names: "Civilians (Syria)", "Military Forces of X (2000-)", ...
GENERIC_ACTOR = re.compile(
    r"^(Civilians|Protesters|Rioters|Unidentified Armed Group|Islamic State|Prisoners|"
    r"Refugees/IDPs|Journalists|Health Workers|Aid Workers|Labourers|Students)"
    r" \([A-Z][\w .'-]+\)( .*)?$|^(Military|Police) Forces of .+$")
SLACK = {1: 0, 2: 4, 3: 16}   # days of date slack by time_precision
RECENT_DAYS = 30
NEAR_KM = 1.0
MAX_QUOTE = 200


def fold(name: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a place name."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", text.lower())


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


class Gazetteer:
    """Rows (names, lat, lon) of the OCHA admin4 file and GeoNames, by country code."""

    def __init__(self, folder: Path):
        self.rows: dict[str, list[tuple[set[str], float, float]]] = defaultdict(list)
        with open(folder / "ocha_syr_admin4.csv", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                names = {fold(r["admin4Name_en"]), fold(r["admin4RefName_en"])}
                self.rows["SY"].append((names, float(r["Latitude_y"]),
                                        float(r["Longitude_x"])))
        self.codes: dict[str, str] = {"syria": "SY"}
        with open(folder / "geonames_cities_mideast500_world15000.csv",
                  encoding="utf-8") as f:
            for r in csv.DictReader(f):
                names = {fold(r["name"])} | {fold(a) for a in r["alternatenames"].split("|")}
                self.rows[r["countrycode"]].append((names, float(r["latitude"]),
                                                    float(r["longitude"])))

    def named(self, code: str, name: str) -> bool:
        """Some row of country ``code`` has this (folded) name."""
        return any(name in names for names, _, _ in self.rows.get(code, ()))

    def near(self, code: str, lat: float, lon: float) -> list[set[str]]:
        """Name sets of the rows of country ``code`` within NEAR_KM of (lat, lon)."""
        return [names for names, la, lo in self.rows.get(code, ())
                if abs(la - lat) < 0.02 and abs(lo - lon) < 0.03
                and km(lat, lon, la, lo) <= NEAR_KM]


COUNTRY_CODES = {"syria": "SY", "iraq": "IQ", "turkey": "TR", "lebanon": "LB",
                 "jordan": "JO", "israel": "IL", "palestine": "PS", "iran": "IR",
                 "united kingdom": "GB", "united states": "US", "france": "FR",
                 "germany": "DE", "belgium": "BE", "russia": "RU", "egypt": "EG",
                 "libya": "LY", "yemen": "YE", "afghanistan": "AF", "saudi arabia": "SA",
                 "canada": "CA", "netherlands": "NL", "spain": "ES", "australia": "AU"}


class Report:
    """Collects errors and warnings with their line numbers."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def error(self, where: str, msg: str) -> None:
        self.errors.append(f"ERROR {where}: {msg}")

    def warn(self, where: str, msg: str) -> None:
        self.warnings.append(f"WARNING {where}: {msg}")


def read_corpus(path: Path) -> tuple[dict[str, dict], list[str]]:
    """Articles by id, and the ids in corpus order."""
    by_id, order = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                art = json.loads(line)
                by_id[art["id"]] = art
                order.append(art["id"])
    return by_id, order


def check_fields(row: dict, where: str, rep: Report) -> bool:
    """Keys, types and value ranges of one incident line; False when unusable."""
    ok = True
    for key, kind in INCIDENT_KEYS.items():
        if key not in row:
            rep.error(where, f"missing key {key!r}")
            ok = False
        elif not isinstance(row[key], kind) or (kind is int and isinstance(row[key], bool)):
            rep.error(where, f"{key} has type {type(row[key]).__name__}")
            ok = False
    if not ok:
        return False
    if row["sub_event_type"] not in ACLED_TYPES.get(row["event_type"], ()):
        rep.error(where, f"not an ACLED pair: {row['event_type']} / {row['sub_event_type']}")
    for key in ("time_precision", "geo_precision"):
        if row[key] not in (1, 2, 3):
            rep.error(where, f"{key} {row[key]} not in 1..3")
    if row["fatalities"] < 0:
        rep.error(where, "negative fatalities")
    if not row["actor1"] and row["event_type"] != "Protests":
        rep.warn(where, "empty actor1")
    try:
        dt.date.fromisoformat(row["event_date"])
    except ValueError:
        rep.error(where, f"event_date {row['event_date']!r} is not an ISO date")
        return False
    return True


def check_recency(row: dict, published: str, where: str, rep: Report) -> None:
    """The event is not after publication and ``required`` follows the 30-day rule."""
    day = dt.date.fromisoformat(row["event_date"])
    pub = dt.date.fromisoformat(published[:10])
    slack = SLACK.get(row["time_precision"], 0)
    age = (pub - day).days
    if age < -slack:
        rep.error(where, f"event_date {day} is after publication {pub}")
    if row["required"] and age > RECENT_DAYS + slack:
        rep.error(where, f"required but {age} days before publication")
    if not row["required"] and age <= RECENT_DAYS - slack:
        rep.warn(where, f"background but only {age} days before publication")


def quoted(quote: str, text: str) -> bool:
    """The quote is in the text; ' ... ' marks an elision (its parts appear in order)."""
    start = 0
    for part in quote.split(" ... "):
        found = text.find(part, start)
        if not part or found < 0:
            return False
        start = found + len(part)
    return True


def check_evidence(row: dict, text: str, where: str, rep: Report) -> None:
    """Every ' | '-separated quote is an exact substring of the article text."""
    for quote in row["evidence"].split(" | "):
        if not quote.strip():
            rep.error(where, "empty evidence quote")
        elif not quoted(quote, text):
            rep.error(where, f"evidence not in article text: {quote[:70]!r}")
        elif " ... " in quote:
            rep.warn(where, "quote with an elision ' ... ' (parts checked in order)")
        if len(quote) > MAX_QUOTE:
            rep.warn(where, f"quote of {len(quote)} characters (guide: short quotes)")


def check_place(row: dict, gaz: Gazetteer, where: str, rep: Report) -> None:
    """Coordinates sit on a gazetteer row of the country; the name is that row's."""
    code = COUNTRY_CODES.get(row["country"].lower())
    syria = code == "SY"
    if syria and row["admin1"] not in GOVERNORATES:
        rep.error(where, f"admin1 {row['admin1']!r} is not a Syrian governorate")
    if code is None:
        rep.warn(where, f"country {row['country']!r} not checked against the gazetteer")
        return
    near = gaz.near(code, row["latitude"], row["longitude"])
    if not near:
        msg = (f"{row['location']} ({row['latitude']}, {row['longitude']}) is not within "
               f"{NEAR_KM:g} km of a gazetteer row of {row['country']}")
        (rep.error if syria else rep.warn)(where, msg)
        return
    name = fold(re.sub(r"\(.*?\)", "", row["location"]))
    if any(name in names for names in near):
        return
    if gaz.named(code, name):
        msg = f"location {row['location']!r} is in the gazetteer but not at these coordinates"
        (rep.error if syria else rep.warn)(where, msg)
    else:
        rep.warn(where, f"location {row['location']!r} is not a gazetteer name; "
                        "coordinates are those of a nearby row")


def check_actors(row: dict, actors: set[str], where: str, rep: Report) -> None:
    for key in ("actor1", "actor2"):
        name = row[key]
        if name and name not in actors and not GENERIC_ACTOR.match(name):
            rep.warn(where, f"{key} {name!r} is not in the ACLED actor list")


def check_file(path: Path, corpus: dict[str, dict], gaz: Gazetteer, actors: set[str],
               rep: Report) -> dict[str, list[dict]]:
    """All per-line checks; returns the incident rows by article ([] for none-articles)."""
    by_article: dict[str, list[dict]] = {}
    with open(path, encoding="utf-8") as f:
        lines = f.readlines()
    for number, line in enumerate(lines, 1):
        where = f"{path.name}:{number}"
        if not line.strip():
            rep.error(where, "empty line")
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            rep.error(where, f"not JSON ({exc.msg})")
            continue
        article = row.get("article")
        if article not in corpus:
            rep.error(where, f"article {article!r} is not in the corpus")
            continue
        where = f"{where} {article} n={row.get('n')}"
        if row.get("none"):
            if row.get("n") != 0:
                rep.error(where, "a none line must have n = 0")
            if article in by_article:
                rep.error(where, "article listed twice or with incidents and none")
            by_article[article] = []
            continue
        if by_article.get(article) == [] and article in by_article:
            rep.error(where, "article has a none line and incidents")
        incidents = by_article.setdefault(article, [])
        if row.get("n") != len(incidents) + 1:
            rep.error(where, f"n should be {len(incidents) + 1}")
        incidents.append(row)
        if not check_fields(row, where, rep):
            continue
        check_recency(row, corpus[article]["published"], where, rep)
        check_evidence(row, corpus[article]["text"], where, rep)
        check_place(row, gaz, where, rep)
        check_actors(row, actors, where, rep)
    return by_article


def check_coverage(by_article: dict[str, list[dict]], order: list[str], skip: set[str],
                   rep: Report) -> None:
    """Every corpus article between the first and last annotated one is in the file."""
    positions = [order.index(a) for a in by_article]
    if not positions:
        rep.error("file", "no articles")
        return
    for art in order[min(positions):max(positions) + 1]:
        if art not in by_article and art not in skip:
            rep.error("coverage", f"{art} is missing (between first and last annotated)")
    for art in by_article:
        if art in skip:
            rep.error("coverage", f"{art} is also in a --skip file")


def summary(by_article: dict[str, list[dict]]) -> str:
    rows = [r for incidents in by_article.values() for r in incidents]
    required = sum(1 for r in rows if r.get("required") is True)
    none = sum(1 for incidents in by_article.values() if not incidents)
    return (f"articles {len(by_article)}  incidents {len(rows)} "
            f"(required {required}, background {len(rows) - required})  "
            f"none-articles {none}")


def skip_ids(paths: list[Path]) -> set[str]:
    ids = set()
    for path in paths:
        with open(path, encoding="utf-8") as f:
            ids |= {json.loads(line)["article"] for line in f if line.strip()}
    return ids


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--corpus", type=Path,
                    default=SHARED / "corpus" / "guardian_syria_2017_2019.jsonl")
    ap.add_argument("--gazetteer", type=Path, default=SHARED / "gazetteer")
    ap.add_argument("--actors", type=Path,
                    default=SHARED / "reference" / "acled_syria_actor_names.csv")
    ap.add_argument("--contiguous", action="store_true",
                    help="every corpus article between the first and last one must appear")
    ap.add_argument("--skip", type=Path, action="append", default=[],
                    help="gold file whose articles are left out (with --contiguous)")
    ap.add_argument("--quiet", action="store_true", help="do not list warnings")
    args = ap.parse_args(argv)
    corpus, order = read_corpus(args.corpus)
    with open(args.actors, encoding="utf-8") as f:
        actors = {r["actor"] for r in csv.DictReader(f)}
    rep = Report()
    by_article = check_file(args.gold, corpus, Gazetteer(args.gazetteer), actors, rep)
    if args.contiguous:
        check_coverage(by_article, order, skip_ids(args.skip), rep)
    for line in rep.errors + ([] if args.quiet else rep.warnings):
        print(line)
    print(f"{args.gold}: {summary(by_article)}; "
          f"{len(rep.errors)} errors, {len(rep.warnings)} warnings")
    return 1 if rep.errors else 0


if __name__ == "__main__":
    sys.exit(main())
