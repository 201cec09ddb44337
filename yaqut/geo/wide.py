"""Wider mentions: continents, unions of countries, and adjectives of places.

"Across Europe", "EU rules", "Russian jets", "a European court": these name a continent, a
union or a country without being the place of anything that happens there. Geoparsing
corpora such as GeoWebNews count them as toponyms (an adjective is coded at its country),
an event coder must not (an event is never coded to a continent, and "Russian jets" says
who, not where). So they are found only when a :class:`yaqut.geo.Geocoder` is asked for
them (``wide=True``), after the places proper, where no place was found, and they carry
ACLED geo_precision 3 and a reason that says what they are.

The words come from the gazetteer's ``wide`` table (``tools/build_gazetteer.py``: GeoNames'
continents, countryinfo's demonyms, the continents' adjectives); none is typed here.
"""

from __future__ import annotations

import re

from yaqut.geo.gazetteer import Gazetteer, WideName
from yaqut.records import Place

# a capitalised word, or an abbreviation in capitals ("EU"); the next one when it follows
# after a single space ("North American", "European Union")
_WORD = re.compile(r"(?<![\w’'-])[A-Z][A-Za-z]*(?![\w-])")

_WHAT = {
    "continent": "a continent",
    "union": "a union of countries",
    "adjective": "an adjective of a place",
}


def _inside_name(text: str, prev: re.Match, m: re.Match) -> bool:
    """The word ends a longer capitalised name ("North Africa", "Central American", "Percy
    French Hotel"): the capitalised word before it is joined by one space and does not
    merely start a sentence ("In Europe")."""
    if text[prev.end() : m.start()] != " ":
        return False
    before = text[: prev.start()].rstrip()
    return bool(before) and before[-1] not in ".!?:;\"“'‘(\n"


def _level(w: WideName) -> str:
    return "country" if w.place is not None else "continent"


def wide_mentions(
    text: str, gaz: Gazetteer, taken: list[Place], doc_id: str | None = None
) -> list[Place]:
    """The continents, unions and adjectives of ``text`` that no place of ``taken``
    overlaps (two words before one: "South American" before "American")."""
    if not gaz.has_wide:
        return []
    words = list(_WORD.finditer(text))
    out: list[Place] = []
    skip = -1
    for i, m in enumerate(words):
        if i <= skip:
            continue
        if i > 0 and _inside_name(text, words[i - 1], m):
            continue
        hit, start, end = None, m.start(), m.end()
        nxt = words[i + 1] if i + 1 < len(words) else None
        if nxt is not None and text[m.end() : nxt.start()] == " ":
            hit = gaz.wide(text[start : nxt.end()])
            if hit is not None:
                end, skip = nxt.end(), i + 1
        if hit is None:
            hit = gaz.wide(m.group())
        if hit is None or any(p.start < end and start < p.end for p in taken):
            continue
        out.append(_place(hit, gaz, start, end, text[start:end], doc_id))
    return out


def _place(
    w: WideName, gaz: Gazetteer, start: int, end: int, surface: str, doc_id: str | None
) -> Place:
    e = gaz.entry(w.place)
    reason = f"{_WHAT.get(w.kind, w.kind)}: {w.name} (a wider mention, coded at its centre)"
    return Place(
        start=start, end=end, text=surface, name=w.name, latitude=w.latitude,
        longitude=w.longitude, level=_level(w), geo_precision=3,
        country=e.country_name if e is not None else None,
        geonameid=e.geonameid if e is not None else None, score=0.5, reason=reason,
        doc_id=doc_id,
    )


__all__ = ["wide_mentions"]
