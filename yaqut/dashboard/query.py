"""Read-only, bounded queries over an event store for the dashboard.

Every request opens its own SQLite connection in ``mode=ro``: the dashboard cannot write
the store even by mistake, sees what ``yaqut code`` adds as soon as it is committed, and
needs no lock between the server's threads. The SQL lives in :mod:`yaqut.queries` (one
bounded query per page of results, map points or timeline counts, whatever the store's
size); campaigns are read through :meth:`yaqut.store.Store.campaigns`.
"""

from __future__ import annotations

import datetime as _dt
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from yaqut import queries
from yaqut.errors import SchemaMismatch, StoreError, UsageError
from yaqut.queries import MAX_FACET, MAX_TEXT, Filters
from yaqut.records import Campaign, Document, Event

T = TypeVar("T")

#: Largest page of the event list.
MAX_PAGE = 500
#: Most points drawn on the map (the newest first are dropped last: oldest are cut).
MAX_POINTS = 20_000
#: Most events one download may hold (narrow the filters or use `yaqut export` beyond).
MAX_DOWNLOAD = 200_000
__all__ = ["MAX_FACET", "MAX_TEXT", "Dashboard", "Filters", "evidence_marks", "highlight"]


def iso_week(day: _dt.date) -> _dt.date:
    """The Monday of ``day``'s week."""
    return day - _dt.timedelta(days=day.weekday())


@dataclass(frozen=True)
class Highlight:
    """A stretch of document text and the evidence labels covering it (none: plain text)."""

    text: str
    labels: tuple[str, ...] = ()


def highlight(text: str, marks: list[tuple[int, int, str]]) -> list[Highlight]:
    """Cut ``text`` at every mark's ends; each piece lists the marks covering it.

    Marks outside the text or empty are ignored; overlapping marks give pieces with
    several labels. The pieces concatenate back to ``text``.
    """
    marks = [(s, e, label) for s, e, label in marks if 0 <= s < e <= len(text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in marks), *(e for _, e, _ in marks)})
    pieces: list[Highlight] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        labels = tuple(dict.fromkeys(label for s, e, label in marks if s <= a and b <= e))
        if pieces and pieces[-1].labels == labels:
            pieces[-1] = Highlight(pieces[-1].text + text[a:b], labels)
        else:
            pieces.append(Highlight(text[a:b], labels))
    return pieces


def evidence_marks(event: Event, doc: Document, first: bool) -> list[tuple[int, int, str]]:
    """The spans of ``event`` that point into ``doc``, as (start, end, label).

    A span counts when it names this document (or names none and ``doc`` is the event's
    first) and its text is what the document has at those offsets, so a stale offset
    never highlights the wrong words.
    """
    marks: list[tuple[int, int, str]] = []

    def add(start: int, end: int, expected: str, label: str, doc_id: str | None) -> None:
        if doc_id is not None and doc_id != doc.id:
            return
        if doc_id is None and not first:
            return
        if doc.text[start:end] == expected:
            marks.append((start, end, label))

    for name, spans in event.evidence:
        for span in spans:
            add(span.start, span.end, span.text, name, span.doc_id)
    for action in event.actions:
        add(action.start, action.end, action.text, f"action {action.type} ({action.mode})", None)
    for quantity in event.quantities:
        label = f"count {quantity.count} {quantity.unit}: {quantity.role}"
        add(quantity.start, quantity.end, quantity.text, label, None)
    for claim in event.claims:
        add(claim.start, claim.end, claim.text, f"claim by {claim.by}", None)
    return marks


class Dashboard:
    """The dashboard's view of one store file. Thread-safe; never writes events.

    Each call opens its own read-only connection and asks :mod:`yaqut.queries`. Opening
    it gives a store written by an earlier yaqut the indexes its queries use.
    """

    def __init__(self, path: str | Path) -> None:
        from yaqut.store import SCHEMA_VERSION, Store

        self.path = Path(path)
        if not self.path.is_file():
            raise StoreError("no event store here (code something first)", item=str(self.path))
        self._store_cls = Store
        self._lock = threading.Lock()
        try:
            found = self._ask(queries.schema_version)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"not a yaqut store ({exc})", item=str(self.path)) from None
        if found != str(SCHEMA_VERSION):
            raise SchemaMismatch(
                f"store has schema version {found}, this yaqut reads version {SCHEMA_VERSION}",
                item=str(self.path),
            )
        self._upgrade()

    def _upgrade(self) -> None:
        """Give a store written by an earlier yaqut the indexes the queries use (opening it
        as a :class:`~yaqut.store.Store` adds them, once). A file this process may not write
        is served as it is, only slower."""
        try:
            with self._lock, self._store_cls(self.path, create=False):
                pass
        except StoreError:
            pass

    # -- connections --------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        uri = self.path.resolve().as_uri() + "?mode=ro"
        try:
            db = sqlite3.connect(uri, uri=True, timeout=10.0)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store ({exc})", item=str(self.path)) from None
        db.row_factory = sqlite3.Row
        return db

    def _ask(self, query: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``query(connection, *args, **kwargs)`` on a fresh read-only connection."""
        db = self._connect()
        try:
            return query(db, *args, **kwargs)
        finally:
            db.close()

    def _known(self, f: Filters) -> Filters:
        if f.campaign and self.campaign(f.campaign) is None:
            raise LookupError(f"no campaign {f.campaign!r}")
        return f

    # -- events -------------------------------------------------------------------------------

    def count(self, f: Filters) -> int:
        return self._ask(queries.count, self._known(f))

    def count_located(self, f: Filters) -> int:
        return self._ask(queries.count, self._known(f), located=True)

    def events_page(self, f: Filters, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        """One page of the filtered events (newest first), with the total."""
        if not 1 <= limit <= MAX_PAGE:
            raise UsageError(f"limit: must be between 1 and {MAX_PAGE}")
        if offset < 0:
            raise UsageError("offset: must not be negative")
        items = self._ask(queries.events_page, self._known(f), limit, offset)
        return {"total": self.count(f), "limit": limit, "offset": offset, "events": items}

    def points(self, f: Filters) -> dict[str, Any]:
        """Map points of the filtered events with coordinates (at most MAX_POINTS, newest)."""
        rows = self._ask(queries.points, self._known(f), MAX_POINTS + 1)
        total = self.count(f)
        return {
            "points": rows[:MAX_POINTS],
            "truncated": len(rows) > MAX_POINTS,
            "without_coordinates": total - self.count_located(f),
            "total": total,
        }

    def timeline(self, f: Filters, bin: str = "day") -> dict[str, Any]:
        """Event counts per day (or week, keyed by its Monday) and event type."""
        if bin not in ("day", "week"):
            raise UsageError(f"bin: {bin!r} is not day or week")
        counts: dict[str, dict[str, int]] = {}
        for day_text, kind, n in self._ask(queries.counts_by_day, self._known(f)):
            day = _dt.date.fromisoformat(day_text)
            key = (iso_week(day) if bin == "week" else day).isoformat()
            by_type = counts.setdefault(kind, {})
            by_type[key] = by_type.get(key, 0) + n
        series = [
            {"type": t, "x": sorted(c), "y": [c[k] for k in sorted(c)]}
            for t, c in sorted(counts.items())
        ]
        return {"bin": bin, "series": series}

    def facets(self) -> dict[str, Any]:
        """The values each filter menu offers, most frequent first, and the date range."""
        return self._ask(queries.facets)

    def event(self, event_id: str) -> Event | None:
        return self._ask(queries.event, event_id)

    def documents(self, doc_ids: tuple[str, ...]) -> list[Document]:
        """The stored documents with these ids, in that order (missing ones skipped)."""
        return self._ask(queries.documents, doc_ids)

    def iter_events(self, f: Filters) -> Iterator[Event]:
        """Every filtered event, oldest first (for downloads; callers check the count)."""
        db = self._connect()
        try:
            yield from queries.iter_events(db, self._known(f))
        finally:
            db.close()

    def document_sources(self) -> dict[str, str]:
        return self._ask(queries.document_sources)

    def document_names(self) -> dict[str, str]:
        return self._ask(queries.document_names)

    # -- campaigns (through the Store API) ----------------------------------------------------

    def campaigns(self) -> list[Campaign]:
        """The stored campaigns, most significant first (then the largest, the earliest)."""
        with self._lock, self._store_cls(self.path, create=False) as store:
            found = list(store.campaigns())
        return sorted(found, key=lambda c: (c.p_value, -len(c.members), c.start, c.campaign_id))

    def campaign(self, campaign_id: str) -> Campaign | None:
        for campaign in self.campaigns():
            if campaign.campaign_id == campaign_id:
                return campaign
        return None

    def campaigns_of(self, event_id: str) -> list[Campaign]:
        return [c for c in self.campaigns() if event_id in c.members]
