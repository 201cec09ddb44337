"""Names that are not places: organisations, armed groups, institutions and buildings.

A document's non-place names are found by exact (case-insensitive, word-bounded) search for
the names and aliases of the actor dictionary (``yaqut/data/actors.csv``) and the
institution lexicon (``yaqut/data/lexicon/geo_institutions.txt``). A place candidate inside
one ("al-Qaida", "Hezbollah", "White House", "Menbij Military Council") is dropped by the
guard :func:`yaqut.geo.guards.non_place_name`. Names that are themselves a place's exact name
in the gazetteer ("Turkey", an alias of the Turkish army) are left out of the actor names;
the institution lexicon is kept whole (it lists names a gazetteer wrongly holds as places).
"""

from __future__ import annotations

import csv
import io
from importlib import resources
from typing import Any

from yaqut import lexicon
from yaqut.geo import normalize
from yaqut.geo.gazetteer import Gazetteer

_MIN_LEN = 4  # "IS", "SAA", "MIT": abbreviations are the acronym guards' business


def _actor_names() -> list[str]:
    path = resources.files("yaqut").joinpath("data/actors.csv")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []  # the geocoder works without the actor dictionary
    rows = csv.DictReader(io.StringIO("".join(
        line for line in text.splitlines(keepends=True) if not line.startswith("#")
    )))
    out = []
    for r in rows:
        out.append(r["name"])
        out.extend(a for a in (r.get("aliases") or "").split("|") if a)
        out.extend(a for a in (r.get("arabic") or "").split("|") if a)
    return out


class NonPlaceNames:
    """The non-place names of one gazetteer's world (built on first use)."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self._automaton: Any = None  # an ahocorasick.Automaton, built on first use

    def _is_place_name(self, name: str) -> bool:
        flat = "".join(ch for ch in normalize.fold(name) if ch.isalnum())
        return any(
            "".join(ch for ch in normalize.fold(h.name) if ch.isalnum()) == flat
            for h in self.gaz.lookup(normalize.key(name))
        )

    def _build(self) -> Any:
        import ahocorasick

        auto = ahocorasick.Automaton()
        for n in _actor_names():
            n = " ".join(n.split())
            if len(n) < _MIN_LEN or n.lower() == n and not normalize.is_arabic(n):
                continue  # lower-case aliases ("rebels", "regime forces") name no place
            if "(" in n or self._is_place_name(n):
                continue  # "Turkey" (the Turkish army's alias) is a place's name too
            auto.add_word(n.lower(), n)
        for n in lexicon.entries("geo_institutions"):  # not places whatever the gazetteer
            auto.add_word(n.lower(), n)
        auto.make_automaton()
        return auto

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """Where non-place names stand in ``text``: (start, end, name), longest first at
        each place, bounded by non-letters."""
        if self._automaton is None:
            self._automaton = self._build()
        low = text.lower()
        if len(low) != len(text):  # a letter whose lower case is longer: compare as is
            low = text
        out = []
        for end, name in self._automaton.iter(low):
            start = end - len(name) + 1
            before = low[start - 1] if start else " "
            after = low[end + 1] if end + 1 < len(low) else " "
            if before.isalnum() or after.isalnum():
                continue
            out.append((start, end + 1, name))
        return out


__all__ = ["NonPlaceNames"]
