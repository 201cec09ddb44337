"""Scoring one mention's options: its surrounding words, name similarity, prominence.

Each option's score adds name similarity, prominence (level, population), the focus
country, and what the words around the mention ask for (``countryside``, ``province``,
``town``, ``near``...). Document-wide evidence is added later
(:mod:`yaqut.geo.context`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from yaqut.geo import normalize
from yaqut.geo.cues import (
    ADMIN1_AFTER,
    ADMIN2_AFTER,
    ADMIN3_AFTER,
    AFTER_A_PLACE,
    COUNTRYSIDE_AFTER,
    DIST_BEFORE,
    LOC_CUE_BEFORE,
    NEAR_AFTER,
    NEAR_BEFORE,
    POINT_AFTER,
    QUARTER_AFTER,
    REGION_BEFORE,
    SETTLEMENT_OF_BEFORE,
    bare,
    compass_part,
    ends,
    text_after,
)
from yaqut.geo.gazetteer import POINT_LEVELS, Entry, Gazetteer
from yaqut.geo.match import Candidate

# "the countryside of X", "rural X" (not "northern X": a city's own northern quarters)
_COUNTRYSIDE_BEFORE = re.compile(r"\b(?:countryside\s+of|rural)\s+(?:the\s+)?$", re.I)
_LEVEL_PRIOR = {
    "country": 0.75,
    "admin1": 0.65,
    "region": 0.5,
    "admin2": 0.45,
    "admin3": 0.35,
    "community": 0.3,
    "city": 0.3,
    "neighbourhood": 0.1,
}


@dataclass(slots=True)
class Option:
    """One gazetteer entry a mention may refer to, with its running score."""

    entry: Entry
    name: str
    sim: float
    score: float = 0.0
    why: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Mention:
    """A selected candidate with its options and the context around it."""

    cand: Candidate
    options: list[Option]
    near: bool = False  # "near X", "X countryside", "east of X"
    region_mod: bool = False  # "northern X", "rural X", "X countryside"
    want: str | None = None  # level the surrounding words ask for
    ner: str | None = None
    cue: bool = False
    container: Mention | None = None
    best: Option | None = None
    given: tuple = (None, None, None)  # country, admin1, admin2 this mention adds as context
    container_gap: str = ""  # the text between the mention and its container
    facility_in: Mention | None = None  # "X street in Y": the place the facility is in
    part: str | None = None  # "north-west" in "north-western countryside of X"

    @property
    def start(self) -> int:
        return self.cand.start

    @property
    def end(self) -> int:
        return self.cand.end



def importance(e: Entry) -> float:
    prior = _LEVEL_PRIOR.get(e.level, 0.2)
    if e.population:
        prior = max(prior, min(0.75, math.log10(e.population + 1) / 9))
    return prior



class MentionScoring:
    """The per-mention scoring step of :class:`yaqut.geo.resolve.Resolver` (a mixin:
    needs ``focus`` and ``_lt``)."""

    focus: str | None
    gaz: Gazetteer

    def _lt(self, s: str) -> str:  # pragma: no cover - defined by the resolver
        raise NotImplementedError

    def _context(self, text: str, m: Mention) -> None:
        before = text[max(0, m.start - 60) : m.start]
        after = text_after(text, m.end)
        m.near = bool(
            ends(NEAR_BEFORE, before) or NEAR_AFTER.search(after)
            or ends(DIST_BEFORE, before)
        )
        m.region_mod = ends(REGION_BEFORE, before) or bool(COUNTRYSIDE_AFTER.search(after))
        m.cue = ends(LOC_CUE_BEFORE, before)
        m.part = compass_part(before, after)
        m.region_mod = m.region_mod or m.part is not None  # "Idleb's eastern countryside"
        if ADMIN1_AFTER.search(after):
            m.want = "admin1"
        elif ADMIN3_AFTER.search(after):
            m.want = "admin3"
        elif ADMIN2_AFTER.search(after):
            m.want = "admin2"
        elif QUARTER_AFTER.search(after):
            m.want = "neighbourhood"  # "Al-Midan neighborhood", "the Jobar quarter"
        elif POINT_AFTER.search(after) or ends(SETTLEMENT_OF_BEFORE, before):
            m.want = "point"
        elif m.region_mod or ends(AFTER_A_PLACE, before):
            # "eastern Dara'a", "Balqah in Idleb", "Sawa village in Deir-ez-Zor": a
            # governorate's name placing another place is the governorate; a town's name
            # so used ("Manbij countryside", "northern Manbij") is near the town
            # (abroad, only where no city of a million shares the name: "Le Bernardin in
            # New York" is the city, the state would be "New York state")
            if any(o.entry.level == "admin1" and o.sim >= 0.85 for o in m.options) and (
                m.region_mod or not self._big_city_abroad(m)
            ):
                m.want = "admin1"
            elif m.region_mod:
                m.want = "point"
                m.near = True
        if m.want in ("admin1", "point") and (
            _COUNTRYSIDE_BEFORE.search(before[-40:]) or COUNTRYSIDE_AFTER.search(after)
        ):
            self._rural_unit(m)

    def _big_city_abroad(self, m: Mention) -> bool:
        """A city of a million outside the focus country is one of the mention's options."""
        return any(
            o.entry.level in POINT_LEVELS and o.entry.country != self.focus
            and (o.entry.population or 0) >= 1_000_000 and o.sim >= 0.95
            for o in m.options
        )

    def _rural_unit(self, m: Mention) -> None:
        """"the western countryside of Damascus": where a governorate "Rural X" surrounds
        the city X, the countryside of X is that governorate (its only option)."""
        names = {o.entry.name for o in m.options if o.entry.level in ("admin1", *POINT_LEVELS)}
        for name in names:
            for h in self.gaz.lookup(normalize.key(f"Rural {name}")):
                e = h.entry
                if e.level == "admin1" and e.name == f"Rural {name}":
                    # the city and its own governorate are not its countryside
                    m.options = [Option(e, h.name, 1.0)]
                    m.want = "admin1"
                    return

    def _base(self, m: Mention) -> None:
        written = bare(m.cand.text)
        for o in m.options:
            e = o.entry
            # the letters as written break ties between look-alikes the light form merges
            # ("Atameh" is Atma rather than Tama, "Qurayn" Al Karayn rather than Koran)
            letters = fuzz.ratio(written, bare(o.name)) / 100.0 if o.sim < 1.0 else 1.0
            o.score = 1.2 * o.sim + 0.35 * importance(e) - 0.15 * (1.0 - letters)
            o.why = [f"name {o.sim:.2f}"]
            if e.level == "country" and o.sim >= 0.95:
                # a country's name written out means the country ("Qatar and Turkey"),
                # unless the words around it call it a village ("the village of Qatar")
                o.score += 0.15 if m.want == "point" else 0.6
            if self.focus and e.country == self.focus:
                o.score += 0.15
                o.why.append(f"focus country {self.focus}")
            if m.want == "neighbourhood":
                o.score += 0.3 if e.level == "neighbourhood" else (
                    0.1 if e.level in POINT_LEVELS else 0.0)
            elif m.want == "point":
                if e.level in POINT_LEVELS:
                    o.score += 0.15
            elif m.want in ("admin1", "admin2", "admin3"):
                if e.level == m.want or (m.want == "admin2" and e.level == "admin3"):
                    o.score += 0.3
                    o.why.append(f"'{m.want}' wording")
                elif e.level in ("admin1", "admin2"):
                    o.score += 0.15
            elif e.level in ("community", "city"):
                o.score += 0.08  # a bare name is the town rather than the unit named after it
            if e.level in POINT_LEVELS and any(
                u and self._lt(u) == self._lt(e.name) for u in (e.admin3, e.admin2)
            ):
                o.score += 0.06  # the village a sub-district is named after is the known one
                o.why.append("gives its name to its sub-district")


__all__ = ["Mention", "MentionScoring", "Option", "importance"]
