"""Deduplication: several reports of one incident become one Event carrying all their doc_ids.

Two events are **reports of one incident** (:func:`same_incident`) when all of these hold:

* **different sources**: they share no document (the events one document yields are separate
  incidents by construction), and they are not both imported (an ACLED export is already
  deduplicated by its coders);
* **dates within each other's precision**: the days each date stands for overlap, a day-precise
  date standing for itself +- ``day_tolerance`` (reports differ by a day: "yesterday"), a week
  for its 7 days, a month for the whole month (ACLED ``time_precision`` 1/2/3);
* **compatible places, respecting geo_precision**: two points coded at the town
  (geo_precision 1) within ``town_km``; a point coded *near* a town (precision 2) within
  ``near_km``; an event coded only at a region's centre (precision 3), or with no coordinates,
  is never compared by kilometres: it matches only by its names (the same governorate named
  on both sides, and the same district and place when both give them; a report placed only
  in a country matches nothing). Equal p-codes always match;
* **compatible types**: the same ACLED event_type; sub_event_types equal, or one of them
  ``Other`` or absent;
* **compatible actors**: both name actor1, of the same family (the name before any
  qualifier); actor2 of the same family or absent on one side; for battles the sides may be
  named in either order when both reports name both sides (a side is never matched through
  a side left unnamed). The relation is symmetric.

Groups are built complete-link: an event joins a group only when it is the same incident as
every member, and an event compatible with two groups joins neither (ambiguous: two incidents
are never merged through a vague report). A group becomes one event (:func:`merge_events`):

* the id of an imported event when there is one (ACLED's ``event_id_cnty`` is the external
  key), else of the first report (the smallest event_id in :func:`dedup`, the stored one in
  :func:`merge_into_store`), so ids stay stable from run to run;
* ``doc_ids``: all of them; every evidence span kept, each naming its document;
* date and place from the most precise report (the date most reports give, earliest on a tie);
  the most specific type and actor names; associated actors, actions, claims joined;
* counts by ACLED's conservative rule: fatalities the **lowest figure reported** (a report that
  gives no figure does not count as zero), each (unit, role) quantity its lowest count.

:func:`dedup` runs over a whole list (``yaqut dedup``); :func:`merge_into_store` merges newly
coded events into the incidents a store already holds (``yaqut code``, incrementally).
"""

from __future__ import annotations

import datetime as _dt
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from yaqut.records import Event, Quantity, Span

if TYPE_CHECKING:
    from yaqut.store import Store

__all__ = [
    "DedupRules",
    "DedupResult",
    "dedup",
    "merge_events",
    "merge_into_store",
    "same_incident",
]

_EARTH_KM = 6371.0088
_SYMMETRIC_TYPES = frozenset({"Battles"})
_PLACE_FIELDS = ("country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
                 "geo_precision", "pcode", "geonameid")


@dataclass(frozen=True)
class DedupRules:
    """The thresholds of :func:`same_incident` (defaults follow ACLED practice)."""

    town_km: float = 5.0
    near_km: float = 25.0
    day_tolerance: int = 1


@dataclass
class DedupResult:
    """Events after dedup, and which ids were absorbed into which kept id."""

    events: list[Event]
    merged: dict[str, list[str]] = field(default_factory=dict)  # kept id -> absorbed ids

    @property
    def absorbed(self) -> int:
        return sum(len(v) for v in self.merged.values())


# ------------------------------------------------------------------------------ comparisons


def _family(name: str | None) -> str | None:
    from yaqut.campaigns import actor_family

    return actor_family(name)


def _norm(text: str | None) -> str | None:
    if not text:
        return None
    return " ".join(text.casefold().replace("'", "").replace("-", " ").split())


def _imported(event: Event) -> bool:
    return not event.doc_ids


def date_interval(event: Event, day_tolerance: int = 0) -> tuple[int, int] | None:
    """Ordinal days [lo, hi] an event's date stands for (None when undated)."""
    date = event.event_date
    if date is None:
        return None
    day = date.toordinal()
    if event.time_precision == 2:
        return day - 3, day + 3
    if event.time_precision == 3:
        first = date.replace(day=1)
        nxt = (first + _dt.timedelta(days=32)).replace(day=1)
        return first.toordinal(), nxt.toordinal() - 1
    return day - day_tolerance, day + day_tolerance


def _dates_agree(a: Event, b: Event, rules: DedupRules) -> bool:
    ia = date_interval(a, rules.day_tolerance)
    ib = date_interval(b, rules.day_tolerance)
    if ia is None or ib is None:
        return False  # an undated report cannot be matched to a dated one
    if a.time_precision in (None, 1) and b.time_precision in (None, 1):
        return abs(a.event_date.toordinal() - b.event_date.toordinal()) <= rules.day_tolerance  # type: ignore[union-attr]
    return ia[0] <= ib[1] and ib[0] <= ia[1]


def _km(a: Event, b: Event) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))  # type: ignore[arg-type]
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * _EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def _point(event: Event) -> bool:
    """True when the event's coordinates stand for a town (geo_precision 1 or 2)."""
    return (event.latitude is not None and event.longitude is not None
            and (event.geo_precision or 1) <= 2)


def _same_name(x: str | None, y: str | None) -> bool | None:
    """True/False when both names are given, None when one is missing."""
    nx, ny = _norm(x), _norm(y)
    if nx is None or ny is None:
        return None
    return nx == ny


def _places_agree(a: Event, b: Event, rules: DedupRules) -> bool:
    if a.pcode and a.pcode == b.pcode and a.admin1 and b.admin1:
        return True  # the same OCHA unit (a country's code alone is too vague)
    if _same_name(a.country, b.country) is False:
        return False
    if _point(a) and _point(b):
        limit = rules.town_km if (a.geo_precision or 1) == 1 == (b.geo_precision or 1) \
            else rules.near_km
        return _km(a, b) <= limit
    # a region-level (or unplaced) report: by names only, never by kilometres
    if not _same_name(a.admin1, b.admin1):
        return False  # without a governorate on both sides a vague place matches nothing
    coarse = a if not _point(a) else b
    fine = b if coarse is a else a
    # a coarse event names its region; the other must lie in it (same admin2/3 when given)
    for level in ("admin2", "admin3"):
        if _same_name(getattr(coarse, level), getattr(fine, level)) is False:
            return False
    if not _point(coarse) and not _point(fine):
        return _same_name(coarse.location, fine.location) is not False
    return True


def _types_agree(a: Event, b: Event) -> bool:
    if a.event_type and b.event_type and a.event_type != b.event_type:
        return False
    sa, sb = a.sub_event_type, b.sub_event_type
    return not sa or not sb or sa == sb or "Other" in (sa, sb)


def _actors_agree(a: Event, b: Event) -> bool:
    a1, a2, b1, b2 = (_family(x) for x in (a.actor1, a.actor2, b.actor1, b.actor2))
    if a1 is None or b1 is None:
        return False  # a report that names no one acting is too vague to merge

    def ok(x: str | None, y: str | None) -> bool:
        return x is None or y is None or x == y

    if a1 == b1 and ok(a2, b2):
        return True
    # battles: both sides named by both reports, the other way round
    symmetric = a.event_type in _SYMMETRIC_TYPES or b.event_type in _SYMMETRIC_TYPES
    return symmetric and a2 is not None and a1 == b2 and a2 == b1


def same_incident(a: Event, b: Event, rules: DedupRules | None = None) -> bool:
    """True when ``a`` and ``b`` are reports of one incident (see the module's rules)."""
    rules = rules or DedupRules()
    if a.event_id == b.event_id:
        return True
    if set(a.doc_ids) & set(b.doc_ids):
        return False
    if _imported(a) and _imported(b):
        return False
    return (_types_agree(a, b) and _dates_agree(a, b, rules) and _actors_agree(a, b)
            and _places_agree(a, b, rules))


# ------------------------------------------------------------------------------ merging


def _with_doc(spans: Sequence[Span], doc_ids: Sequence[str]) -> tuple[Span, ...]:
    if len(doc_ids) != 1:
        return tuple(spans)
    return tuple(s if s.doc_id else replace(s, doc_id=doc_ids[0]) for s in spans)


def _stated_fatalities(event: Event) -> bool:
    return _imported(event) or event.fatalities > 0 or bool(event.evidence_for("fatalities"))


def _most_specific_name(names: Iterable[str | None]) -> str | None:
    """The longest name of the commonest family ("... Military Intelligence" over "...")."""
    given = [n for n in names if n]
    if not given:
        return None
    families = Counter(_family(n) for n in given)
    top = max(families, key=lambda f: (families[f], f or ""))
    same = [n for n in given if _family(n) == top]
    return max(same, key=lambda n: (len(n), n))


def _primary(events: Sequence[Event]) -> Event:
    """The report whose id the incident keeps: the first imported one, else the first."""
    return next((e for e in events if _imported(e)), events[0])


def merge_events(events: Sequence[Event]) -> Event:
    """One Event from several reports of one incident (rules in the module docstring)."""
    if len(events) == 1:
        return events[0]
    primary = _primary(events)
    others = [e for e in events if e is not primary]
    ordered = [primary, *others]

    doc_ids = tuple(dict.fromkeys(d for e in ordered for d in e.doc_ids))
    # the date: the most precise; among those, the day most reports give, earliest on a tie
    dated = [e for e in ordered if e.event_date is not None]
    best_tp = min((e.time_precision or 1) for e in dated) if dated else None
    days = Counter(e.event_date for e in dated if (e.time_precision or 1) == best_tp)
    day = min(days, key=lambda d: (-days[d], d)) if days else None
    # the place: the most precise report's, all its fields together
    where = min(ordered, key=lambda e: (e.geo_precision or 4 if e.latitude is not None else 5,
                                        ordered.index(e)))
    place = {name: getattr(where, name) for name in _PLACE_FIELDS}
    # the type: a specific sub-type over Other/absent, the commonest first
    subs = Counter(e.sub_event_type for e in ordered if e.sub_event_type
                   and e.sub_event_type != "Other")
    sub = (min(subs, key=lambda s: (-subs[s], s)) if subs
           else next((e.sub_event_type for e in ordered if e.sub_event_type), None))
    typed = next((e for e in ordered if e.sub_event_type == sub and e.event_type), primary)

    stated = [e.fatalities for e in ordered if _stated_fatalities(e)]
    fatalities = min(stated) if stated else 0

    quantities: dict[tuple[str, str], Quantity] = {}
    for e in ordered:
        for q in e.quantities:
            key = (q.unit, q.role)
            if key not in quantities or q.count < quantities[key].count:
                quantities[key] = q
    actions = tuple(dict.fromkeys(a for e in ordered for a in e.actions))
    claims = tuple(dict.fromkeys(c for e in ordered for c in e.claims))

    def joined(name: str) -> str | None:
        parts = [p.strip() for e in ordered for p in (getattr(e, name) or "").split(";")]
        return "; ".join(dict.fromkeys(p for p in parts if p)) or None

    evidence: dict[str, list[Span]] = defaultdict(list)
    for e in ordered:
        for name, spans in e.evidence:
            for span in _with_doc(spans, e.doc_ids):
                if span not in evidence[name]:
                    evidence[name].append(span)

    actor1 = _most_specific_name(e.actor1 for e in ordered)
    actor2 = _most_specific_name(e.actor2 for e in ordered)
    inter1 = next((e.inter1 for e in ordered if e.actor1 == actor1 and e.inter1), primary.inter1)
    inter2 = next((e.inter2 for e in ordered if e.actor2 == actor2 and e.inter2), primary.inter2)
    time_precision = next((e.time_precision for e in dated if e.event_date == day
                           and (e.time_precision or 1) == best_tp), primary.time_precision)
    return replace(
        primary,
        doc_ids=doc_ids,
        event_date=day,
        time_precision=time_precision,
        event_type=typed.event_type,
        sub_event_type=sub,
        disorder_type=typed.disorder_type or primary.disorder_type,
        actor1=actor1,
        actor2=actor2,
        inter1=inter1,
        inter2=inter2,
        assoc_actor_1=joined("assoc_actor_1"),
        assoc_actor_2=joined("assoc_actor_2"),
        fatalities=fatalities,
        actions=actions,
        quantities=tuple(quantities.values()),
        claims=claims,
        evidence=tuple((name, tuple(spans)) for name, spans in sorted(evidence.items())),
        **place,
    )


# ------------------------------------------------------------------------------ grouping


class _Groups:
    """Complete-link groups of reports, indexed by the days their dates may stand for."""

    def __init__(self, rules: DedupRules) -> None:
        self.rules = rules
        self.members: list[list[Event]] = []
        self.by_day: dict[int, list[int]] = defaultdict(list)

    def _days(self, event: Event) -> range:
        span = date_interval(event, self.rules.day_tolerance)
        return range(0) if span is None else range(span[0], span[1] + 1)

    def candidates(self, event: Event) -> list[int]:
        seen: dict[int, None] = {}
        for day in self._days(event):
            for g in self.by_day.get(day, ()):
                seen[g] = None
        return list(seen)

    def add(self, event: Event) -> int:
        """Put ``event`` in the one group it fits, or a new one; returns the group index."""
        fits = [g for g in self.candidates(event)
                if all(same_incident(event, m, self.rules) for m in self.members[g])]
        if len(fits) == 1:
            g = fits[0]
            self.members[g].append(event)
        else:
            g = len(self.members)
            self.members.append([event])
        for day in self._days(event):
            if g not in self.by_day[day]:
                self.by_day[day].append(g)
        return g


def dedup(events: Iterable[Event], rules: DedupRules | None = None) -> DedupResult:
    """Merge the reports of one incident among ``events`` (order does not matter)."""
    rules = rules or DedupRules()
    groups = _Groups(rules)
    undated: list[Event] = []
    # precise reports first, so a vague one meets every group it could belong to
    for event in sorted(events, key=lambda e: (not _point(e), e.time_precision or 1,
                                               e.event_id)):
        if event.event_date is None:
            undated.append(event)
        else:
            groups.add(event)
    result = DedupResult(events=[])
    for members in groups.members:
        merged = merge_events(members)
        result.events.append(merged)
        if len(members) > 1:
            result.merged[merged.event_id] = sorted(
                e.event_id for e in members if e.event_id != merged.event_id)
    result.events.extend(undated)
    return result


def _box(event: Event, km: float) -> tuple[float, float, float | None, float | None]:
    """Latitude/longitude bounds holding every point within ``km`` of ``event`` (by _km).

    Haversine distance is at least R*|dlat|, and at least 2R*asin(c*sin(|dlon|/2)) where c is
    the smallest cos(latitude) in the box; the bounds follow, widened by a hair for rounding.
    No longitude bound near a pole or across the antimeridian.
    """
    lat, lon = event.latitude, event.longitude
    assert lat is not None and lon is not None
    dlat = math.degrees(km / _EARTH_KM) * (1 + 1e-6) + 1e-6
    lat_lo, lat_hi = lat - dlat, lat + dlat
    if max(abs(lat_lo), abs(lat_hi)) >= 89.0:
        return lat_lo, lat_hi, None, None
    c = math.cos(math.radians(max(abs(lat_lo), abs(lat_hi))))
    x = math.sin(km / (2 * _EARTH_KM)) / c
    if x >= 1.0:
        return lat_lo, lat_hi, None, None
    dlon = math.degrees(2 * math.asin(x)) * (1 + 1e-6) + 1e-6
    if lon - dlon < -180.0 or lon + dlon > 180.0:
        return lat_lo, lat_hi, None, None
    return lat_lo, lat_hi, lon - dlon, lon + dlon


def _candidates(store: Store, event: Event, span: tuple[int, int], rules: DedupRules,
                spellings: dict[str, list[str]]) -> Iterable[Event]:
    """The stored events :func:`same_incident` could accept for ``event``, narrowed in SQL.

    A superset, by the rules of :func:`_places_agree`: the date window and the type; then a
    point within the larger km threshold (a bounding box), or the same governorate by name
    (every stored spelling that normalises alike), or the same p-code, or the same id.
    """
    since = _dt.date.fromordinal(span[0] - 31)
    until = _dt.date.fromordinal(span[1] + 31)
    box = _box(event, max(rules.town_km, rules.near_km)) if _point(event) else None
    name = _norm(event.admin1)
    return store.incident_candidates(
        since, until, event_type=event.event_type, event_id=event.event_id, box=box,
        admin1=spellings.get(name, ()) if name is not None else (),
        pcode=event.pcode if event.pcode and event.admin1 else None,
    )


def merge_into_store(store: Store, events: Sequence[Event],
                     rules: DedupRules | None = None) -> list[Event]:
    """New events as they should be stored, each merged into the stored incident it reports.

    A new event that reports an incident already in ``store`` (exactly one stored candidate
    fits, complete-link over its stored reports' merged form) comes back as the merged event
    under the stored event's id (imported ids win), so storing it replaces the old one; the
    others come back as they are. Events of one document are never merged with each other.
    Call inside the store's transaction, before storing the new events. Candidates are
    narrowed in SQL by date, type and place (:func:`_candidates`), never changing the result.
    """
    rules = rules or DedupRules()
    out: list[Event] = []
    taken: set[str] = set()
    spellings: dict[str, list[str]] | None = None
    for event in events:
        span = date_interval(event, rules.day_tolerance)
        if span is None:
            out.append(event)
            continue
        if spellings is None:
            spellings = defaultdict(list)
            for raw in store.admin1_spellings():
                key = _norm(raw)
                if key is not None:
                    spellings[key].append(raw)
        fits = [old for old in _candidates(store, event, span, rules, spellings)
                if old.event_id not in taken and same_incident(event, old, rules)]
        if len(fits) != 1:
            out.append(event)
            continue
        (old,) = fits
        merged = merge_events([old, event])  # keeps old's id: storing it replaces old
        taken.add(merged.event_id)
        out.append(merged)
    return out
