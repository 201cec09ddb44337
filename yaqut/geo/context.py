"""Document context: what a document's sure mentions say about where it is.

Countries, governorates and districts the text names are counted by distinct surface; an
``X in Y`` container, nearby places and the named part of a unit ("eastern Hama") add to
an option's score. Places abroad whose country the text does not name, and loose village
matches outside the governorates the text names, are dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import cache

from yaqut import lexicon
from yaqut.geo.cues import DIRECTION, IN_WORD, flat
from yaqut.geo.distance import km, lies_towards, within
from yaqut.geo.gazetteer import ADMIN_LEVELS, POINT_LEVELS, Entry, Gazetteer
from yaqut.geo.normalize import is_arabic
from yaqut.geo.scoring import Mention, Option


@cache
def _parts_pattern() -> tuple[re.Pattern, dict[str, str]]:
    parts = lexicon.mapping("geo_country_parts")
    names = sorted(parts, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])"), parts


def country_parts(text: str) -> set[str]:
    """ISO codes of the countries whose parts the text names ("England" -> GB; lexicon
    ``geo_country_parts``): parts the gazetteer does not hold as places."""
    if not text:
        return set()
    pat, parts = _parts_pattern()
    return {parts[m.group(1)] for m in pat.finditer(text)}


def own_name(o: Option) -> bool:
    """True when the option was matched by its place's own name (or in Arabic script),
    not by another name it also carries ("Salisbury" for Harare)."""
    return is_arabic(o.name) or flat(o.entry.name) == flat(o.name)


class DocumentContext:
    """The document-context step of :class:`yaqut.geo.resolve.Resolver` (a mixin: needs
    ``gaz``, ``focus`` and ``_lt``)."""

    gaz: Gazetteer
    focus: str | None

    def _lt(self, s: str) -> str:  # pragma: no cover - defined by the resolver
        raise NotImplementedError

    def _doc_context(self, mentions: list[Mention]) -> tuple[Counter, Counter, Counter]:
        """Countries, governorates and districts the document's confident mentions name,
        counted by distinct surface: a name repeated ten times is one piece of evidence,
        and never evidence for itself."""
        seen: dict[tuple[int, str | None], set[str]] = {}
        for m in mentions:
            if not m.options:
                continue
            ranked = sorted(m.options, key=lambda o: -o.score)
            top = ranked[0]
            if top.sim < 0.95:
                continue  # a loose spelling match is no evidence of where the text is
            clear = len(ranked) == 1 or ranked[1].score < top.score - 0.1
            shared1 = {o.entry.admin1_pcode for o in ranked if o.score > top.score - 0.1}
            shared_c = {o.entry.country for o in ranked if o.score > top.score - 0.1}
            surface = flat(m.cand.text)
            given: list[str | None] = [None, None, None]
            if clear or len(shared_c) == 1:
                seen.setdefault((0, top.entry.country), set()).add(surface)
                given[0] = top.entry.country
            if top.entry.admin1_pcode and (clear or len(shared1) == 1):
                seen.setdefault((1, top.entry.admin1_pcode), set()).add(surface)
                given[1] = top.entry.admin1_pcode
                if top.entry.admin2_pcode and clear:
                    seen.setdefault((2, top.entry.admin2_pcode), set()).add(surface)
                    given[2] = top.entry.admin2_pcode
            m.given = tuple(given)
        countries: Counter = Counter()
        admin1: Counter = Counter()
        admin2: Counter = Counter()
        for (kind, code), surfaces in seen.items():
            (countries, admin1, admin2)[kind][code] = len(surfaces)
        return countries, admin1, admin2

    def _drop_contradicted(self, mentions: list[Mention]) -> None:
        """Loose spelling matches in a governorate the text does not name.

        When the text names governorates ("in Aleppo countryside", "Idleb province") or
        places a name inside another ("Jatal axis in rural Menbij"), a village matched only
        loosely that lies in none of them is a misreading ("Jeb Amran area in Aleppo
        countryside" is not Jaba in Quneitra): such options go, and a mention left with none
        goes too. Exact spellings stay.
        """
        named = {  # governorates named, or their large cities ("east of Homs")
            m.best.entry.admin1_pcode
            for m in mentions
            if m.best is not None
            and m.best.entry.country == self.focus
            and m.best.sim >= 0.95
            and (m.best.entry.level == "admin1" or (m.best.entry.population or 0) >= 100_000)
        }
        for m in mentions:
            allowed = set(named)
            container = m.container
            outer = container.best if container is not None else None
            placed_in = False
            if container is not None and outer is not None and (
                outer.entry.level in ADMIN_LEVELS or (outer.entry.population or 0) >= 100_000
            ):
                # only a container that is itself sure (a unit, a large city) says where
                top = outer.score
                allowed |= {
                    x.entry.admin1_pcode for x in container.options
                    if x.score >= top - 0.15 and x.entry.country == self.focus
                }
                # "X in Y" (not a list "X, Y"): even an exact X elsewhere is another X
                # (a country says nothing of which governorate: "Afrin in northern Syria")
                placed_in = outer.entry.level != "country" and bool(
                    IN_WORD.search(m.container_gap)
                )
            allowed.discard(None)
            if not allowed or not m.options:
                continue
            if any(o.entry.admin1_pcode in allowed for o in m.options):
                continue
            keep = [
                o for o in m.options
                if (o.sim >= 1.0 and not placed_in) or o.entry.level in ("country", "admin1")
                or (o.entry.country != self.focus and not placed_in)
                # a district or sub-district spelt nearly right stays unless the text puts
                # the name in another unit ("Tel Rifaat" is Tall Refaat; "Maydaani front"
                # in Rural Damascus is not Maadan in Ar-Raqqa)
                or (o.entry.level in ("admin2", "admin3") and o.sim >= 0.9 and not placed_in)
            ]
            if len(keep) < len(m.options):
                m.options = keep
                m.best = max(keep, key=lambda o: o.score) if keep else None

    def _rescore(self, mentions: list[Mention], text: str = "") -> None:
        countries, admin1, admin2 = self._doc_context(mentions)
        for code in country_parts(text):
            countries[code] += 1  # "Salisbury, England": evidence of the country only
        anchors = [
            m.best.entry for m in mentions if m.best is not None and len(m.options) == 1
        ]
        # the text's country: the one its sure mentions name most (ties go to the focus);
        # none when no mention is sure, and then the focus country stands in for it
        main_country = countries.most_common(1)[0][0] if countries else None
        if self.focus and countries and countries[self.focus] >= countries[main_country]:
            main_country = self.focus
        own_country = main_country or self.focus
        self._drop_unnamed_abroad(mentions, countries, main_country, own_country)
        self._drop_contradicted(mentions)
        # sure point places with coordinates; a latitude gap of 0.3 degrees is over 33 km
        # of great circle, so only anchors within it need the exact distance
        points = [
            (a, a.latitude) for a in anchors
            if a.level in POINT_LEVELS and a.latitude is not None and a.longitude is not None
        ]
        near_memo: dict[int, bool] = {}

        def near_anchor(e: Entry) -> bool:
            v = near_memo.get(e.id)
            if v is None:
                lat = e.latitude
                v = near_memo[e.id] = lat is not None and e.longitude is not None and any(
                    a.id != e.id and abs(a_lat - lat) < 0.3 and km(a, e) < 30
                    for a, a_lat in points
                )
            return v

        for m in mentions:
            self._add_context(m, (countries, admin1, admin2), own_country, near_anchor)

    def _drop_unnamed_abroad(
        self, mentions: list[Mention], countries: Counter, main_country: str | None,
        own_country: str | None,
    ) -> None:
        """Options abroad the text gives no reason for.

        A transliteration-only match abroad ("Al Fath" ~ Fez) needs its country in the
        text when the text is about another country. A place abroad whose country the text
        does not name must be spelt exactly and be known: a country or governorate, a city
        of a million, or a city of 100,000 near the text's country (Kilis or Beirut in a
        text about Syria; not Taif, Ahmadi or Castelló), and a city only by its own name
        (not Harare by its old name Salisbury)."""
        for m in mentions:
            home = self.gaz.country(main_country)
            kept = [
                o for o in m.options
                if o.entry.country == own_country
                or countries[o.entry.country] - (m.given[0] == o.entry.country) > 0
                or (
                    o.sim >= 1.0
                    and (
                        o.entry.level in ("country", "admin1")
                        or own_name(o) and (
                            (o.entry.population or 0) >= 1_000_000
                            or (
                                (o.entry.population or 0) >= 100_000
                                and (home is None or km(home, o.entry) <= 700)
                            )
                        )
                    )
                )
            ]
            if len(kept) < len(m.options):
                m.options = kept
                m.best = max(kept, key=lambda o: o.score) if kept else None

    def _add_context(
        self, m: Mention, counts: tuple[Counter, Counter, Counter], own_country: str | None,
        near_anchor: Callable[[Entry], bool],
    ) -> None:
        """Add to one mention's options what the rest of the document says: its country,
        governorate and district named, a sure place nearby, its container ("X in Y") and
        the named part of that container ("in eastern Hama")."""
        countries, admin1, admin2 = counts
        # what this mention itself added to the counts does not count as support
        own_c, own_a1, own_a2 = m.given
        for o in m.options:
            e = o.entry
            c_other = countries[e.country] - (own_c == e.country)
            if c_other > 0 and not (
                e.level != "country" and e.country_name
                and self._lt(e.country_name) in (self._lt(e.name), self._lt(o.name))
            ):
                # a small town abroad gains little from its country being named
                # (Geneva, Illinois, in a text naming the US)
                small = e.country != self.focus and 0 < (e.population or 0) < 100_000
                o.score += 0.04 if small else 0.12
                o.why.append(f"country {e.country_name or e.country} named")
            elif (
                own_country
                and e.country != own_country
                and e.level != "country"
                and (e.population or 0) < 1_000_000  # not Moscow, Russia, in a US text
            ):
                o.score -= 0.1
            a1 = admin1[e.admin1_pcode] - (own_a1 == e.admin1_pcode)
            namesake = e.admin1 is not None and self._lt(e.admin1) in (
                self._lt(e.name), self._lt(o.name)
            )
            if (
                e.admin1_pcode
                and a1 > 0
                and e.level not in ("admin1", "country")
                and not namesake  # "Dar'a" named twice is no evidence for Dar'a city
            ):
                o.score += 0.25
                o.why.append(f"{e.admin1} named in the text")
            a2 = admin2[e.admin2_pcode] - (own_a2 == e.admin2_pcode)
            if e.admin2_pcode and a2 > 0 and e.level not in ("admin1", "admin2", "country"):
                o.score += 0.1
            if e.level in POINT_LEVELS and near_anchor(e):
                o.score += 0.08
                o.why.append("near another place in the text")
        if m.container is not None and m.container.best is not None:
            outer = [
                x for x in m.container.options if x.score >= m.container.best.score - 0.15
            ]
            part = DIRECTION.search(m.container_gap)
            for o in m.options:
                hit = next((x for x in outer if within(self.gaz, o.entry, x.entry)), None)
                if hit is not None:
                    o.score += 0.5
                    o.why.append(f"in {hit.entry.name} ({hit.entry.level}) per the text")
                    if part and hit.entry.level in ADMIN_LEVELS and lies_towards(
                        o.entry, hit.entry, part.groups()
                    ):
                        o.score += 0.1
                        o.why.append(f"in its {part.group(0).lower()} part")
            for x in m.container.options:
                if any(within(self.gaz, o.entry, x.entry) and o.entry.id != x.entry.id
                       for o in m.options if o.sim >= 0.85):
                    x.score += 0.2


__all__ = ["DocumentContext"]
