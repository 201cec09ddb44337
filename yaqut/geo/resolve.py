"""Choosing places: surface guards, whole-document context, precision and a reason.

Steps, for one document (each in its own module; :class:`Resolver` ties them together):

1. *Options* (:mod:`yaqut.geo.options`): a candidate's gazetteer entries with a name
   similarity. Transliteration-tolerant similarity only for places in Arabic-speaking
   countries; elsewhere the text must equal a name letter for letter. An exact spelling
   drops loose look-alikes. "western Ghouta" finds the region the direction names.
2. *Selection and guards* (:mod:`yaqut.geo.guards`): candidates are taken longest and
   closest first, without overlaps; each passes the table of named rules that drop what
   is not a place mention: names of organisations and institutions
   (:mod:`yaqut.geo.nonplaces`), common Arabic words, lower case, abbreviations, demonyms,
   people (titles, given names, speakers, "X regime"; a surface once seen as a person
   stays one), organisations, tribes, fragments of longer unknown names, common English
   words and loose spellings without a locative cue.
3. *Scoring* (:mod:`yaqut.geo.scoring`, :mod:`yaqut.geo.context`) ranks each mention's
   entries by name similarity, prominence (level, population), the focus country, and
   document context counted by distinct surface: countries (and their parts, "England"),
   governorates and districts the text names, an ``X in Y`` container, nearby places, and
   the words around the mention (``countryside``, ``province``, ``town``...). Places
   abroad whose country the text does not name (or named only by another name of theirs),
   and loose village matches outside the governorates the text names, are dropped.
4. *Precision*: 1 for the place itself; 2 for ``near X``, ``X countryside``, ``east of X``
   (a town), a region (:mod:`yaqut.geo.regions`), and a name put in or by a sure town or
   region (``X in Y``, ``X, a village next to Y``) whose namesakes lie far away: coded at
   Y; 3 for a governorate, district or country alone (and a governorate's compass part).
   A name shared by places of one governorate or district is coded at that unit; one
   shared across governorates goes to the most prominent place, flagged "ambiguous" with
   a score of at most 0.5.
5. *Rescue* (:mod:`yaqut.geo.rescue`): capitalised names in a locative frame that the
   look-ups missed, searched by similarity within the governorates the text names; and
   unknown names anchored to a resolved place ("X, a village next to Y": coded at Y).

Every mention is resolved on its own and a failure in one never empties the document.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from yaqut.geo import normalize, vocab
from yaqut.geo.context import DocumentContext
from yaqut.geo.cues import (
    ANCHOR_GAP,
    CONTAINER_GAP,
    DIRECT_IN,
    DIRECTION,
    IN_NEAR_GAP,
    SENTENCE_STOP,
    LowerWords,
    caps,
    core,
    initial_of,
    is_cap,
    overlap,
)
from yaqut.geo.distance import km, lies_towards, within
from yaqut.geo.gazetteer import (
    ADMIN_LEVELS,
    POINT_LEVELS,
    REGION,
    Entry,
    Gazetteer,
    NameHit,
)
from yaqut.geo.guards import (
    NON_PLACE_REASON,
    PERSON_REASONS,
    GuardContext,
    NameKnowledge,
    guard,
)
from yaqut.geo.match import Candidate, find_candidates, tokenize
from yaqut.geo.nonplaces import NonPlaceNames
from yaqut.geo.options import Match, OptionFinder
from yaqut.geo.regions import is_compass_area
from yaqut.geo.rescue import NAME_BEFORE, Frame, RescueIndex, choose, frames
from yaqut.geo.scoring import Mention, MentionScoring, Option
from yaqut.records import Place

# a lower-case direction right before a name: "eastern Ghouta", "west Qalamoun"
_QUALIFIER_BEFORE = re.compile(r"\b((?:north|south|east|west)(?:ern)?)\s+$")


@cache
def _facility_gap() -> re.Pattern:
    """"X roundabout in Y", "X street in the city of Y": a facility named X that lies in Y."""
    return re.compile(
        rf"^(?:'s)?['’]?\s+{vocab.facility_words()}\s+"
        r"(?:in|of|inside)\s+(?:the\s+)?(?:(?:[a-z-]+ern|central)\s+)?"
        r"(?:(?:city|town|village|neighbou?rhood)\s+of\s+)?$",
        re.I,
    )


class Resolver(OptionFinder, MentionScoring, DocumentContext):
    """Turns a text's candidates into resolved places (one instance per gazetteer)."""

    def __init__(self, gaz: Gazetteer, focus: str | None, wide: bool = False) -> None:
        self.gaz = gaz
        self.focus = focus
        self.wide = wide  # also continents, unions and adjectives (yaqut.geo.wide)
        self._light: dict[str, str] = {}
        self._opt_cache: dict[str, list[Match]] = {}
        self._know = NameKnowledge(gaz, focus)
        self._nonplaces = NonPlaceNames(gaz)
        self._rescue_index: RescueIndex | None = None

    def _lt(self, s: str) -> str:
        v = self._light.get(s)
        if v is None:
            v = self._light[s] = normalize.light(s)
        return v


    def _select(self, text: str, ner: Sequence[tuple[int, int, str]]) -> list[Mention]:
        """The candidates the guards let through, without overlaps, as mentions in no
        particular order (see :mod:`yaqut.geo.guards`)."""
        sample = text[:4000]  # enough to tell mixed case from capitals
        upper = sum(map(sample.count, string.ascii_uppercase))  # [A-Z] letters
        lower = sum(map(sample.count, string.ascii_lowercase))
        all_caps = upper > 4 * lower
        # mixed-case text: names start with a capital (or are Arabic), so lower-case words
        # need no tokens; all-capitals or all-lower-case text: every word may be a name
        cased_only = not all_caps and upper > 0
        toks = tokenize(text, cased_only=cased_only)
        cands = find_candidates(text, self.gaz, toks, cased_only=cased_only)
        lowercase_words = LowerWords(text)
        nonplace = self._nonplaces.spans(text)
        pending: list[tuple[Candidate, list[Match]]] = []
        for c in cands:
            first = next((t for t in toks[c.first : c.last + 1] if not t.article), None)
            if first is None or (
                not all_caps and not is_cap(first.text) and not toks[c.last].cased
            ):
                continue  # lower case: cheap to reject before any similarity is computed
            opts = self._options(c, toks)
            if any(o.entry.level == REGION for o in opts):
                opts = self._qualified_region(text, c, opts)
            if opts:
                pending.append((c, opts))
        # where a likely name starts (for "fragment of a longer name")
        starts = frozenset(c.first for c, opts in pending if any(o.sim >= 0.9 for o in opts))
        # Overlaps: more capitalised words first (a full name over its fragment), then the
        # closer match ("Ar-Raqqa" over "Ar-Raqqa city" matching "RAK City"), then length;
        # a candidate is checked by the guards only when no chosen one overlaps it.
        pending.sort(
            key=lambda k: (
                -caps(k[0], toks),
                -round(max(o.sim for o in k[1]), 2),
                -(k[0].end - k[0].start),
                k[0].start,
            )
        )
        persons: set[str] = set()
        taken = bytearray(len(toks))  # tokens of the chosen mentions
        chosen: list[tuple[Candidate, list[Match], str | None]] = []
        for c, opts in pending:
            span = (c.start, c.end)
            if any(taken[c.first : c.last + 1]):
                continue
            label = next((lab for s, e, lab in ner if overlap((s, e), span)), None)
            why = guard(GuardContext(
                text, c, toks, opts, label, lowercase_words, all_caps, starts, self._know,
                nonplace,
            ))
            if why in PERSON_REASONS:
                persons.add(core(c, toks))
            if why:
                self._note_modifier(c, opts, why)
                continue
            taken[c.first : c.last + 1] = b"\x01" * (c.last + 1 - c.first)
            chosen.append((c, opts, label))
        # Persons named after places: a surface seen in a person context is a person
        # throughout the document ("Bashar al-Assad ... al-Assad's forces").
        return [
            Mention(c, [Option(o.entry, o.name, o.sim) for o in opts], ner=label)
            for c, opts, label in chosen
            if not persons or core(c, toks) not in persons
        ]

    def _note_modifier(self, c: Candidate, opts: list[Match], why: str) -> None:
        """Remember a country's exact name that starts the name of an organisation or force
        ("US military", "U.S.-led coalition"): with ``wide``, a mention of the country."""
        if not self.wide or not why.startswith(NON_PLACE_REASON):
            return
        country = next(
            (o.entry for o in opts if o.entry.level == "country" and o.sim >= 0.95), None
        )
        if country is not None and why.startswith(f"{NON_PLACE_REASON} ('{c.text}"):
            self._modifiers.append((c, country))

    def _modifier_places(self, taken: list[Place], doc_id: str | None) -> list[Place]:
        out = []
        for c, e in self._modifiers:
            if any(p.start < c.end and c.start < p.end for p in taken):
                continue
            reason = (
                f"a country named as the modifier of an organisation or force: {e.name} "
                "(a wider mention, coded at its centre)"
            )
            out.append(Place(
                start=c.start, end=c.end, text=c.text, name=e.name, latitude=e.latitude,
                longitude=e.longitude, level="country", geo_precision=3,
                country=e.country_name, geonameid=e.geonameid, score=0.5, reason=reason,
                doc_id=doc_id,
            ))
        return out

    def resolve(
        self, text: str, ner: Sequence[tuple[int, int, str]] = (), doc_id: str | None = None
    ) -> list[Place]:
        """The places of one text (see the module docstring for the steps)."""
        self._modifiers: list[tuple[Candidate, Entry]] = []
        mentions = self._select(text, ner)
        mentions.sort(key=lambda m: m.start)
        for i, m in enumerate(mentions):
            self._context(text, m)
            if i + 1 < len(mentions):
                nxt = mentions[i + 1]
                gap = text[m.end : nxt.start]
                if CONTAINER_GAP.match(gap) or ANCHOR_GAP.match(gap):
                    m.container = nxt
                    m.container_gap = gap
                elif _facility_gap().match(text[m.end : nxt.start]):
                    m.facility_in = nxt
            self._base(m)
            m.best = max(m.options, key=lambda o: o.score)
        self._rescore(mentions, text)
        placed: list[tuple[Mention | None, Place]] = []
        for m in mentions:
            if not m.options:
                continue
            try:
                placed.append((m, self._place(text, m, doc_id)))
            except Exception:  # noqa: BLE001 - one bad mention must not empty the document
                continue
        try:
            placed = self._rescue(text, placed, doc_id)
        except Exception:  # noqa: BLE001 - the fuzzy rescue only adds; never lose the rest
            pass
        out = [p for _, p in placed]
        out += self._anchored_unknown(text, out, doc_id)
        if self.wide:
            from yaqut.geo.wide import wide_mentions

            out += self._modifier_places(out, doc_id)
            out += wide_mentions(text, self.gaz, out, doc_id)
        return out

    def _anchored_unknown(self, text: str, places: list[Place], doc_id: str | None) -> list[Place]:
        """"Al Keshma, a village next to Baghouz": a capitalised name the gazetteer does not
        place (or places only far away) anchored by an apposition to a place that is
        resolved: coded at that place with precision 2."""
        out = []
        for y in places:
            if y.level not in (*POINT_LEVELS, REGION) or y.geo_precision > 2:
                continue
            before = text[max(0, y.start - 150) : y.start]
            comma = before.rfind(",")
            if comma < 0 or not ANCHOR_GAP.match(before[comma:]):
                continue
            name = NAME_BEFORE.search(before, 0, comma)
            if name is None:
                continue
            start = y.start - len(before) + name.start(1)
            end = start + len(name.group(1))
            if any(p.start < end and start < p.end for p in places):
                continue  # placed already (near its anchor, or at it by _place)
            reason = (
                f"'{name.group(1)}' is not a known place; the text puts it next to "
                f"{y.name}: coded near {y.name}"
            )
            out.append(replace(
                y, start=start, end=end, text=name.group(1), geo_precision=2,
                score=round(min(y.score, 0.5), 3), reason=reason,
            ))
        return out

    # 6. names in a locative frame the look-ups missed ----------------------------------
    def _rescue(
        self, text: str, placed: list[tuple[Mention | None, Place]], doc_id: str | None
    ) -> list[tuple[Mention | None, Place]]:
        """Add (or correct) places for capitalised names in a locative frame ("Ma'arrat
        Mukhus axis in Idleb countryside") by fuzzy search among the places of the
        governorates the text names (see :mod:`yaqut.geo.rescue`)."""
        if self.focus is None:
            return placed
        named = [  # (start, governorate p-code) of sure governorates, districts, cities
            (m.start, m.best.entry.admin1_pcode)
            for m, _ in placed
            if m is not None and m.best is not None
            and m.best.entry.country == self.focus and m.best.sim >= 0.95
            and m.best.entry.admin1_pcode
            and (m.best.entry.level in ("admin1", "admin2")
                 or (m.best.entry.population or 0) >= 100_000)
        ]
        if not named:
            return placed
        found_frames = frames(text)
        if not found_frames:
            return placed
        if self._rescue_index is None:
            self._rescue_index = RescueIndex(self.gaz, self.focus)
        out = list(placed)
        for f in found_frames:
            got = self._rescue_one(text, f, out, named, placed, doc_id)
            if got is None:
                continue
            place, over = got
            out = [(m, p) for m, p in out if not any(p is q for _, q in over)]
            out.append((None, place))
        out.sort(key=lambda mp: mp[1].start)
        return out

    def _rescue_one(
        self, text: str, f: Frame, out: list[tuple[Mention | None, Place]],
        named: list[tuple[int, str]], placed: list[tuple[Mention | None, Place]],
        doc_id: str | None,
    ) -> tuple[Place, list[tuple[Mention | None, Place]]] | None:
        """The place for one framed name and the places it replaces, or None."""
        assert self._rescue_index is not None
        words = [w for w in normalize.latin_tokens(f.text) if w not in normalize.ARTICLES]
        heads = vocab.generic_heads()  # "Tall", "Deir": Arabic heads, not English words
        if not words or any(self.gaz.word_zipf(w) >= 4.0 and w not in heads for w in words):
            return None  # "Military Base axis": English words, not a name
        over = [(m, p) for m, p in out if p.start < f.end and f.start < p.end]
        # the governorate that places this name: the first named after it in its
        # sentence ("X axis in Idleb countryside"), else any the text names
        stop = SENTENCE_STOP.search(text, f.end)
        limit = stop.start() if stop else len(text)
        after = [code for s, code in named if f.end <= s < limit]
        allowed = {after[0]} if after else {code for _, code in named}
        # "X front in Hama": the governorate places the name directly
        first_after = min((x for x, _ in named if f.end <= x < limit), default=None)
        direct = first_after is not None and bool(
            DIRECT_IN.fullmatch(text[f.end : first_after])
        )
        if any(
            m is None or m.best is None
            or (p.level in POINT_LEVELS and m.best.entry.admin1_pcode in allowed)
            or (m.best.entry.level in ADMIN_LEVELS and m.best.sim >= 0.95)
            or m.best.entry.country != self.focus
            # an exact name elsewhere is replaced only when the text places it
            # directly in another governorate ("Huweiz front in Hama")
            or (any(o.sim >= 0.95 for o in m.options) and not direct)
            for m, p in over
        ):
            return None  # already a place there, or the frame names a unit itself
        found = self._rescue_index.search(f.text, allowed)
        part = (
            DIRECTION.search(text[f.end : first_after]) if first_after is not None
            else None
        )
        if part and first_after is not None:
            # "Al-Jakusiyah in the eastern countryside of Hama": the named part of the
            # governorate narrows the candidates
            unit = self.gaz.entry(next(
                (u.id for m, _ in placed if m is not None and m.start == first_after
                 and m.best is not None for u in [m.best.entry]), None
            ))
            if unit is not None and unit.level in ADMIN_LEVELS:
                found = [t for t in found if lies_towards(t[1], unit, part.groups())]
        pick = choose(found, f.text)
        if pick is None:
            return None
        score, e, name = pick
        near = f.word in vocab.near_frame_words()
        was = "; replaces a namesake outside it" if over else ""
        reason = (
            f"'{f.text}' in a locative frame ({f.word}); spelling close to {name} "
            f"({score / 100:.2f}) in {e.admin1}, named in the text{was}"
        )
        if near:
            reason += "; near/part of the named place"
        place = Place(
            start=f.start, end=f.end, text=f.text, name=e.name, latitude=e.latitude,
            longitude=e.longitude, level=e.level, geo_precision=2 if near else 1,
            country=e.country_name, admin1=e.admin1, admin2=e.admin2, admin3=e.admin3,
            pcode=e.pcode, geonameid=e.geonameid, score=round(0.6 * score / 100, 3),
            reason=reason, doc_id=doc_id,
        )
        return place, over

    # 5. precision, fallback, the record ----------------------------------------------
    def _place(self, text: str, m: Mention, doc_id: str | None) -> Place:
        f = m.facility_in
        if f is not None and f.best is not None and f.best.entry.level in POINT_LEVELS:
            # "Port Said street in Deir-ez-Zor city", "Al-Athar checkpoint in Madiq Castle":
            # a facility named after a place lies in the settlement the text puts it in
            e = f.best.entry
            reason = f"a facility named '{m.cand.text}' in {e.name}: placed at {e.name}"
            return self._record(m, e, 1, min(f.best.score / 1.7, 0.8), reason, doc_id)
        ranked = sorted(m.options, key=lambda o: (-o.score, o.entry.id))
        top = ranked[0]
        e = top.entry
        by = self._near_container(m)
        if (
            by is not None and e.level in POINT_LEVELS
            and (km(e, by) > 30 if by.level != REGION else not within(self.gaz, e, by))
            and (e.population or 0) < 20_000  # a known town stays itself ("Douma in ...")
        ):
            # "Al Ma'amel in Kisweh area", "Jatal axis in rural Menbij", "Al-Tal Al-Ahmar
            # near Harfa": the text puts the name in or by a sure town, and the place of
            # that name it would be lies more than 30 km away (or outside the region the
            # text puts it in: "al-Marj in the Eastern Ghouta"): what is certain is the town
            where = "in it" if by.level == REGION else "within 30 km of it"
            reason = (
                f"'{m.cand.text}' is put in or near {by.name}, and no place of that name "
                f"lies {where}: coded near {by.name}"
            )
            return self._record(m, by, 2, min(top.score / 1.7, 0.5), reason, doc_id)
        if (
            e.level == REGION
            and is_compass_area(e.name)
            and (gov := self.gaz.entry(e.parent)) is not None
        ):
            # "ريف حمص الشمالي": the compass part of a governorate is coded as ACLED codes
            # it, at the governorate's centre (precision 3): on the tune half of the ACLED
            # notes, 9 of 9 such notes are coded there, none at the part's own centre
            reason = f"the {e.name}: coded at the governorate's centre"
            return self._record(m, gov, 3, top.score / 1.7, reason, doc_id)
        tied = [o for o in ranked if o.score >= top.score - 0.05 and o.entry.id != e.id]
        tied = [o for o in tied if not within(self.gaz, o.entry, e) and not within(
            self.gaz, e, o.entry)]
        reason = "; ".join(top.why)
        score = top.score / 1.7
        if tied:
            group = [e] + [o.entry for o in tied]
            common = self._common_unit(group)
            # Fall back to the unit they share when it still says where (a governorate or
            # smaller); places alike only in their country: the most prominent, flagged.
            if (
                common is not None
                and common.id != e.id
                and common.level in ("admin1", "admin2", "admin3", "community", "city")
            ):
                reason = (
                    f"ambiguous: {len(group)} places match '{m.cand.text}'; "
                    f"coded at the unit they share, {common.name} ({common.level})"
                )
                return self._record(m, common, 3, min(score, 0.5), reason, doc_id)
            reason += f"; ambiguous with {len(tied)} other place(s), chose the most likely"
            score = min(score, 0.5)
        if e.level == REGION:
            precision = 2
            reason += "; a region: coded at the centre of its member communities"
        elif e.level in POINT_LEVELS:
            precision = 2 if m.near else 1
        else:
            # a governorate, district or country only: 3 at its centre, "eastern X" and
            # "X countryside" included (as ACLED codes "Damascus countryside" alone)
            precision = 3
        if precision == 2:
            reason += "; near/part of the named place"
        return self._record(m, e, precision, score, reason, doc_id)

    def _qualified_region(self, text: str, c: Candidate, opts: list[Match]) -> list[Match]:
        """"western Ghouta" written with a lower-case direction: the region the direction
        and the name make ("Western Ghouta"), when the gazetteer has it."""
        q = _QUALIFIER_BEFORE.search(text, max(0, c.start - 20), c.start)
        if q is None:
            return opts
        name = f"{q.group(1)} {c.text}"
        found = [
            Match(h.entry, h.name, 1.0) for h in self.gaz.lookup(normalize.key(name))
            if h.entry.level == REGION
        ]
        return found or opts

    def _near_container(self, m: Mention) -> Entry | None:
        """The settlement or region the text puts a mention in or by ("X in Y", "X near
        Y", "X, a village next to Y", "X in the Eastern Ghouta"), when it is sure."""
        c = m.container
        gap = m.container_gap
        if c is None or c.best is None or not (IN_NEAR_GAP.search(gap) or ANCHOR_GAP.match(gap)):
            return None
        e = c.best.entry
        if e.level not in (*POINT_LEVELS, REGION) or c.best.sim < 0.95:
            return None
        if any(o.entry.level == "admin1" and o.sim >= 0.95 for o in c.options):
            return None  # "in Idlib" is the governorate as much as its city
        if any(o.entry.id != e.id and o.score >= c.best.score - 0.05 for o in c.options):
            return None
        return e

    def _common_unit(self, group: list[Entry]) -> Entry | None:
        chains = []
        for e in group:
            chains.append([e, *self.gaz.ancestors(e)])
        first = chains[0]
        for cand in first:
            if all(any(x.id == cand.id for x in ch) for ch in chains[1:]):
                return cand
        return None

    def _record(
        self, m: Mention, e: Entry, precision: int, score: float, reason: str,
        doc_id: str | None,
    ) -> Place:
        return Place(
            start=m.start,
            end=m.end,
            text=m.cand.text,
            name=e.name,
            latitude=e.latitude,
            longitude=e.longitude,
            level=e.level,
            geo_precision=precision,
            country=e.country_name,
            admin1=e.admin1,
            admin2=e.admin2,
            admin3=e.admin3,
            pcode=e.pcode,
            geonameid=e.geonameid,
            score=round(max(0.0, min(1.0, score)), 3),
            reason=reason,
            doc_id=doc_id,
        )


def __getattr__(name: str) -> object:
    # FACILITY_WORDS (the news lane's event-place choice imports it from here) and
    # TRANSLIT_COUNTRIES, read from the lexicon on first use
    if name == "FACILITY_WORDS":
        return vocab.facility_words()
    if name == "TRANSLIT_COUNTRIES":
        return vocab.translit_countries()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Mention", "NameHit", "Option", "Resolver", "initial_of", "km", "within"]
