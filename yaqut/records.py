"""The records at the centre of yaqut.

Every stage takes and returns these. They are frozen, slotted dataclasses that import
nothing from the rest of yaqut, so any module can use them and none can change them
behind another's back. Sequences are tuples so that records stay hashable and frozen.

Offsets (``start``/``end``) are always character offsets into ``Document.text``
(``end`` exclusive), so ``doc.text[start:end] == text`` for every span-bearing record.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import asdict, dataclass, field
from typing import Any

#: ACLED modes an action can have, in PLOVER's sense.
MODES = (
    "occurred",
    "demanded",
    "threatened",
    "planned",
    "claimed",
    "denied",
    "hypothetical",
    "historical",
)


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a document's text: ``text == doc.text[start:end]``."""

    start: int
    end: int
    text: str
    doc_id: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One input item (an article, a JSONL line, a CSV row).

    ``id`` is the caller's id when given, else ``sha:<first 16 hex of content hash>``;
    ``content_hash`` (sha256 of the text) is what the store uses to skip repeats.
    ``origin`` says where the item came from (``path``, ``path:line``, ``<stdin>``).
    """

    id: str
    text: str
    published: _dt.date | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    origin: str | None = None
    content_hash: str = ""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    """An input item that could not be coded, and why. Nothing is dropped silently."""

    origin: str  # file path, path:line, <stdin>
    code: str  # the error code, e.g. "E102"
    reason: str  # plain-language reason naming the item
    doc_id: str | None = None
    created: str | None = None  # ISO timestamp, set by the store


@dataclass(frozen=True, slots=True)
class Place:
    """A place mention in a document, resolved against the gazetteer.

    ``level`` is one of ``country``, ``admin1``, ``admin2``, ``admin3``, ``community``,
    ``neighbourhood``, ``city`` (a GeoNames populated place outside the OCHA set).
    ``geo_precision`` follows ACLED: 1 the exact town, 2 near a town / part of a region,
    3 only a larger region (coded at its centre).
    """

    start: int
    end: int
    text: str  # as written in the document
    name: str  # the gazetteer's name
    latitude: float | None
    longitude: float | None
    level: str
    geo_precision: int
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    pcode: str | None = None
    geonameid: int | None = None
    score: float = 0.0
    reason: str = ""
    doc_id: str | None = None


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression resolved against the publication date.

    ``precision`` follows ACLED's time_precision: 1 the day, 2 the week, 3 the month.
    ``date`` is the day ACLED would record for that period. ``historical`` marks
    expressions that put the text well before the report ("several years ago", "in 2018").
    """

    start: int
    end: int
    text: str
    date: _dt.date | None
    precision: int | None
    historical: bool = False


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor mention resolved to ACLED naming."""

    name: str  # ACLED name, e.g. "Military Forces of Syria (2000-) Military Intelligence"
    inter: int | None  # ACLED inter code 1..8
    family: str  # the name before any qualifier, e.g. "Military Forces of Syria (2000-)"
    start: int | None = None
    end: int | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Action:
    """A PLOVER action with its mode: what one side did, demanded or threatened."""

    type: str  # PLOVER type: DEMAND, THREATEN, AGREE, CONSULT, CONCEDE, ASSAULT, ...
    mode: str  # one of MODES
    actor: str | None  # ACLED actor name of the side acting
    target: str | None  # ACLED actor name of the side acted upon
    text: str  # the trigger's clause as written
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Quantity:
    """A count in the text: ``50 automatic rifles``, demanded; ``3 civilians``, killed."""

    count: int
    unit: str  # "people", "rifles", "automatic rifles", "pistols", ...
    role: str  # "killed", "injured", "demanded", "handed over", "to undergo reconciliation", ...
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement attributed to someone: ``the regime claimed ...``."""

    by: str  # who says it, as written ("the regime", "local sources", "SOHR")
    text: str  # what is said (the reported clause)
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Event:
    """One incident: one place, one date, one actor pair, with the evidence behind it.

    Fields follow ACLED's names and meanings where ACLED has them. ``evidence`` maps a
    field name to the spans of the source text that decided it. ``background`` is yaqut's
    own: see the field.
    """

    event_id: str
    doc_ids: tuple[str, ...]
    event_date: _dt.date | None = None
    time_precision: int | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    disorder_type: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    pcode: str | None = None
    geonameid: int | None = None
    fatalities: int = 0
    actions: tuple[Action, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    claims: tuple[Claim, ...] = ()
    notes: str = ""
    evidence: tuple[tuple[str, tuple[Span, ...]], ...] = ()
    source: str | None = None  # "yaqut" for coded events, "acled" for imported ones
    #: A specific incident told as background: more than 30 days before the report's
    #: publication date. Kept in the store; exports, the dashboard and campaigns leave it out
    #: unless asked (``--with-background``).
    background: bool = False

    def evidence_for(self, field_name: str) -> tuple[Span, ...]:
        """The spans behind one field (empty when the field has none)."""
        for name, spans in self.evidence:
            if name == field_name:
                return spans
        return ()

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with every field (dates as ISO strings, evidence as a mapping)."""
        return event_to_dict(self)


@dataclass(frozen=True, slots=True)
class Campaign:
    """Related incidents clustered in time and space, with why and how unusual."""

    campaign_id: str
    members: tuple[str, ...]  # event_ids
    start: _dt.date
    end: _dt.date
    places: tuple[str, ...]
    admin1s: tuple[str, ...]
    actors: tuple[str, ...]
    pattern: str
    p_value: float
    replications: int
    method: str
    explanation: str
    statistic: float = 0.0
    extra: tuple[tuple[str, Any], ...] = field(default=())
    # what ties the members and how unusual they are (filled by yaqut.campaigns; empty on
    # campaigns stored before these fields existed)
    family: str = ""  # the actor family the members share
    kind: str = ""  # what else they share: "type" (ACLED sub-event type), "action", "pair"
    where: str = ""  # e.g. "within a 30 km cell" or "anywhere on the map"
    when: str = ""  # e.g. "between 3 and 9 May 2023"
    window_days: int = 0  # the scan window the members fell in
    observed: float = 0.0  # members (aoristic weight) in the cylinder
    expected: float = 0.0  # what the store's own history expects there
    relative_risk: float = 0.0  # observed / expected
    history_per_month: float | None = None  # its rate in the year before (None: no history)
    rank: int = 0  # 1 = most significant, then largest


def _plain(value: Any) -> Any:
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def event_to_dict(event: Event) -> dict[str, Any]:
    """Serialise an Event: every field, dates ISO, evidence as ``{field: [span, ...]}``
    (``background`` only when true)."""
    data: dict[str, Any] = {}
    for name in Event.__dataclass_fields__:
        value = getattr(event, name)
        if name == "background" and not value:
            continue  # the usual case stays out: records written before the field read alike
        if name == "evidence":
            data[name] = {f: [asdict(s) for s in spans] for f, spans in value}
        elif name in ("actions", "quantities", "claims"):
            data[name] = [asdict(v) for v in value]
        else:
            data[name] = _plain(value)
    return data


def event_from_dict(data: dict[str, Any]) -> Event:
    """The inverse of :func:`event_to_dict` (unknown keys are ignored)."""
    kwargs: dict[str, Any] = {}
    for name in Event.__dataclass_fields__:
        if name not in data:
            continue
        value = data[name]
        if name == "event_date" and value:
            value = _dt.date.fromisoformat(value)
        elif name == "doc_ids":
            value = tuple(value or ())
        elif name == "actions":
            value = tuple(Action(**a) for a in value or ())
        elif name == "quantities":
            value = tuple(Quantity(**q) for q in value or ())
        elif name == "claims":
            value = tuple(Claim(**c) for c in value or ())
        elif name == "evidence":
            value = tuple(
                (f, tuple(Span(**s) for s in spans)) for f, spans in (value or {}).items()
            )
        kwargs[name] = value
    return Event(**kwargs)
