"""Geocoding: find place names in a text with the gazetteer and resolve them in context.

    >>> from yaqut.geo import geoparse
    >>> [p.name for p in geoparse("Clashes in Jasim town in Dara countryside.")]  # doctest: +SKIP
    ['Jasim', "Dar'a"]

Places are found by the gazetteer itself over the text (spaCy NER spans are an optional
signal, never the gate), so unusual transliterations are found too. Every mention becomes a
:class:`yaqut.records.Place` with p-code and/or GeoNames id, hierarchy, ACLED geo_precision,
a score and a one-line reason. Nothing is loaded until first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from yaqut.geo.gazetteer import (
    Entry,
    Gazetteer,
    MemoryGazetteer,
    SqliteGazetteer,
    default_gazetteer,
)
from yaqut.records import Place

if TYPE_CHECKING:  # pragma: no cover
    from yaqut.geo.resolve import Resolver

_ORDER = ("country", "admin1", "admin2", "admin3", "community", "city", "neighbourhood")


class Geocoder:
    """Finds and resolves every place mention of a text against one gazetteer.

    ``gazetteer`` defaults to the shipped SQLite file, opened on the first call. ``focus``
    (required: nothing here assumes a country) is the ISO code of the country the texts are
    mostly about: its places win ties with same-named places elsewhere unless the text
    names another country. ``None`` gives no country a head start. ``wide`` also reports
    continents, unions of countries and adjectives of places ("Europe", "EU", "Russian";
    :mod:`yaqut.geo.wide`), as geoparsing corpora count them; the event coder leaves it off.
    """

    def __init__(
        self, gazetteer: Gazetteer | None = None, *, focus: str | None, wide: bool = False
    ) -> None:
        self._gazetteer = gazetteer
        self._resolver: Resolver | None = None
        self.focus = focus
        self.wide = wide

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = default_gazetteer()
        return self._gazetteer

    def geoparse(
        self,
        text: str,
        *,
        doc_id: str | None = None,
        ner: Sequence[tuple[int, int, str]] = (),
    ) -> list[Place]:
        """All place mentions of ``text``, sorted by start offset.

        ``ner`` holds ``(start, end, label)`` spans (spaCy labels: GPE, LOC, FAC, PERSON,
        ORG, NORP ...) when the caller has them; they raise or lower confidence only.
        """
        if self._resolver is None:
            from yaqut.geo.resolve import Resolver

            self._resolver = Resolver(self.gazetteer, focus=self.focus, wide=self.wide)
        if not text:
            return []
        places = self._resolver.resolve(text, ner=ner, doc_id=doc_id)
        return sorted(places, key=lambda p: (p.start, p.end))


@lru_cache(maxsize=1)
def _default_geocoder() -> Geocoder:
    from yaqut.config import defaults, setting

    return Geocoder(focus=setting(defaults(), "coder.focus_country"))


def geoparse(text: str, doc_id: str | None = None) -> list[Place]:
    """All place mentions of ``text`` with the process-wide default :class:`Geocoder` (the
    shipped gazetteer and focus country, ``[coder] focus_country`` of the defaults)."""
    return _default_geocoder().geoparse(text, doc_id=doc_id)


def contains(outer: Place, inner: Place, gazetteer: Gazetteer | None = None) -> bool:
    """True when ``inner`` lies within ``outer``'s unit or is the same place (by hierarchy).

    Countries, governorates (admin1), districts (admin2) and sub-districts (admin3) contain
    what carries their names in its hierarchy; a community contains its neighbourhoods
    (checked through the p-codes of ``gazetteer``, the places' own: the shipped one when
    None); any place contains itself.
    """
    if outer.pcode and outer.pcode == inner.pcode:
        return True
    if outer.geonameid and outer.geonameid == inner.geonameid:
        return True
    if (outer.name, outer.level, outer.latitude, outer.longitude) == (
        inner.name,
        inner.level,
        inner.latitude,
        inner.longitude,
    ):
        return True
    if outer.level not in _ORDER or inner.level not in _ORDER:
        return False
    if _ORDER.index(inner.level) <= _ORDER.index(outer.level) and inner.level != "city":
        return False
    same_country = outer.country is not None and outer.country == inner.country
    if outer.level == "country":
        return same_country
    if not same_country:
        return False
    if outer.level == "admin1":
        return outer.admin1 is not None and inner.admin1 == outer.admin1
    if outer.level == "admin2":
        return (inner.admin1, inner.admin2) == (outer.admin1, outer.admin2) and bool(outer.admin2)
    if outer.level == "admin3":
        return bool(outer.admin3) and (inner.admin1, inner.admin2, inner.admin3) == (
            outer.admin1,
            outer.admin2,
            outer.admin3,
        )
    if outer.level == "community" and inner.level == "neighbourhood" and inner.pcode:
        try:
            gaz = gazetteer if gazetteer is not None else default_gazetteer()
        except Exception:  # noqa: BLE001 - without the file, hierarchy above admin3 only
            return False
        e = gaz.by_pcode(inner.pcode)
        parent = gaz.entry(e.parent) if e else None
        return parent is not None and parent.pcode == outer.pcode
    return False


__all__ = [
    "Entry",
    "Gazetteer",
    "Geocoder",
    "MemoryGazetteer",
    "SqliteGazetteer",
    "contains",
    "default_gazetteer",
    "geoparse",
]
