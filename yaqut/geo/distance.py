"""Distances and containment between gazetteer entries (one module for the geocoder)."""

from __future__ import annotations

import math

from yaqut.geo.gazetteer import Entry, Gazetteer


def within(gaz: Gazetteer, inner: Entry, outer: Entry) -> bool:
    """True when ``inner`` is ``outer`` or lies inside it (by hierarchy)."""
    if inner.id == outer.id:
        return True
    if outer.level == "country":
        return inner.country == outer.country
    if outer.level == "admin1":
        return bool(outer.admin1_pcode) and inner.admin1_pcode == outer.admin1_pcode
    if outer.level == "admin2":
        return bool(outer.admin2_pcode) and inner.admin2_pcode == outer.admin2_pcode
    if outer.level == "admin3":
        return bool(outer.admin3_pcode) and inner.admin3_pcode == outer.admin3_pcode
    fp = gaz.footprint(outer)
    if fp is not None:  # a region: what lies in its member sub-districts
        return bool(inner.admin3_pcode) and inner.admin3_pcode in fp.members
    return inner.parent == outer.id


def great_circle(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points in km (haversine, Earth radius 6371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def km(a: Entry, b: Entry) -> float:
    """Great-circle distance between two entries in km (inf without coordinates)."""
    if a.latitude is None or b.latitude is None or a.longitude is None or b.longitude is None:
        return math.inf
    return great_circle(a.latitude, a.longitude, b.latitude, b.longitude)


def lies_towards(e: Entry, unit: Entry, parts: tuple[str | None, ...]) -> bool:
    """True when ``e`` lies in the named part of ``unit`` ("eastern": east of its centre
    by a tenth of a degree or more; "north-western": both)."""
    lat, lon, ulat, ulon = e.latitude, e.longitude, unit.latitude, unit.longitude
    if lat is None or lon is None or ulat is None or ulon is None:
        return False
    dlat, dlon = lat - ulat, lon - ulon
    need = {
        "north": dlat >= 0.1, "south": dlat <= -0.1, "east": dlon >= 0.1, "west": dlon <= -0.1,
    }
    words = [w.lower() for w in parts if w]
    return bool(words) and all(need[w] for w in words)


__all__ = ["great_circle", "km", "lies_towards", "within"]
