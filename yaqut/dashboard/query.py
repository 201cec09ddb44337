"""Read-only, bounded queries over an event store for the dashboard.

Every request opens its own SQLite connection in ``mode=ro``: the dashboard cannot write
the store even by mistake, sees what ``yaqut code`` adds as soon as it is committed, and
needs no lock between the server's threads. Filters are applied in SQL on the store's
indexed columns (date, type, actors, governorate) and on the event JSON (modes of the
actions, free text), so a page of results, the map's points and the timeline's counts are
each one bounded query, whatever the store's size. Campaigns are read through
:meth:`yaqut.store.Store.campaigns`.
"""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from yaqut.errors import SchemaMismatch, StoreError, UsageError
from yaqut.records import MODES, Campaign, Document, Event, event_from_dict

#: Largest page of the event list.
MAX_PAGE = 500
#: Most points drawn on the map (the newest first are dropped last: oldest are cut).
MAX_POINTS = 20_000
#: Most events one download may hold (narrow the filters or use `yaqut export` beyond).
MAX_DOWNLOAD = 200_000
#: Most distinct values listed per filter menu.
MAX_FACET = 1_000
#: Longest text accepted in any filter.
MAX_TEXT = 200


@dataclass(frozen=True)
class Filters:
    """What the page is narrowed to; every field optional. Built by :meth:`parse`."""

    since: _dt.date | None = None
    until: _dt.date | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    actor: str | None = None
    admin1: str | None = None
    mode: str | None = None
    q: str | None = None
    campaign: str | None = None

    @classmethod
    def parse(cls, params: dict[str, Any]) -> Filters:
        """Check raw values (strings or dates); raises UsageError naming the bad parameter."""
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = params.get(f.name)
            if raw is None or raw == "":
                continue
            if f.name in ("since", "until"):
                if isinstance(raw, _dt.date):
                    values[f.name] = raw
                    continue
                try:
                    values[f.name] = _dt.date.fromisoformat(str(raw))
                except ValueError:
                    raise UsageError(f"{f.name}: {raw!r} is not a date (YYYY-MM-DD)") from None
                continue
            text = str(raw).strip()
            if len(text) > MAX_TEXT:
                raise UsageError(f"{f.name}: longer than {MAX_TEXT} characters")
            if text:
                values[f.name] = text
        if "mode" in values and values["mode"] not in MODES:
            raise UsageError(f"mode: {values['mode']!r} is not one of {', '.join(MODES)}")
        if values.get("since") and values.get("until") and values["since"] > values["until"]:
            raise UsageError("since: after until (the date range is empty)")
        return cls(**values)

    def params(self) -> dict[str, str]:
        """The filters as query-string parameters (only those set)."""
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None:
                out[f.name] = value.isoformat() if isinstance(value, _dt.date) else value
        return out


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


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
    pieces = []
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
    """The dashboard's view of one store file. Thread-safe; never writes."""

    def __init__(self, path: str | Path) -> None:
        from yaqut.store import SCHEMA_VERSION, Store

        self.path = Path(path)
        if not self.path.is_file():
            raise StoreError("no event store here (code something first)", item=str(self.path))
        self._store_cls = Store
        self._lock = threading.Lock()
        with self._connect() as db:
            try:
                row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            except sqlite3.DatabaseError as exc:
                raise StoreError(f"not a yaqut store ({exc})", item=str(self.path)) from None
        found = row[0] if row else "none"
        if found != str(SCHEMA_VERSION):
            raise SchemaMismatch(
                f"store has schema version {found}, this yaqut reads version {SCHEMA_VERSION}",
                item=str(self.path),
            )

    # -- connections --------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        uri = self.path.resolve().as_uri() + "?mode=ro"
        try:
            db = sqlite3.connect(uri, uri=True, timeout=10.0)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store ({exc})", item=str(self.path)) from None
        db.row_factory = sqlite3.Row
        return db

    def _read(self, sql: str, args: list[Any] | tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        db = self._connect()
        try:
            return db.execute(sql, args).fetchall()
        finally:
            db.close()

    # -- filters ------------------------------------------------------------------------------

    def _where(self, f: Filters) -> tuple[str, list[Any]]:
        where: list[str] = []
        args: list[Any] = []
        if f.since:
            where.append("e.event_date >= ?")
            args.append(f.since.isoformat())
        if f.until:
            where.append("e.event_date <= ?")
            args.append(f.until.isoformat())
        if f.event_type:
            where.append("e.event_type = ?")
            args.append(f.event_type)
        if f.sub_event_type:
            where.append("e.sub_event_type = ?")
            args.append(f.sub_event_type)
        if f.actor:
            where.append("(e.actor1 = ? OR e.actor2 = ?)")
            args += [f.actor, f.actor]
        if f.admin1:
            where.append("e.admin1 = ?")
            args.append(f.admin1)
        if f.mode:
            where.append(
                "EXISTS (SELECT 1 FROM json_each(e.data, '$.actions') a"
                " WHERE json_extract(a.value, '$.mode') = ?)"
            )
            args.append(f.mode)
        if f.q:
            pattern = _like(f.q)
            cols = ["e.event_id", "e.location", "e.actor1", "e.actor2", "e.admin1",
                    "json_extract(e.data, '$.notes')", "json_extract(e.data, '$.admin2')",
                    "json_extract(e.data, '$.admin3')"]  # fmt: skip
            text = " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in cols)
            where.append(
                f"({text} OR e.event_id IN (SELECT ed.event_id FROM event_documents ed"
                " JOIN documents d ON d.id = ed.doc_id"
                " WHERE d.text LIKE ? ESCAPE '\\' OR d.title LIKE ? ESCAPE '\\'))"
            )
            args += [pattern] * (len(cols) + 2)
        if f.campaign:
            campaign = self.campaign(f.campaign)
            if campaign is None:
                raise LookupError(f"no campaign {f.campaign!r}")
            where.append("e.event_id IN (SELECT value FROM json_each(?))")
            args.append(json.dumps(list(campaign.members)))
        return (" WHERE " + " AND ".join(where)) if where else "", args

    # -- events -------------------------------------------------------------------------------

    def count(self, f: Filters) -> int:
        where, args = self._where(f)
        return int(self._read(f"SELECT COUNT(*) FROM events e{where}", args)[0][0])

    def events_page(self, f: Filters, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        """One page of the filtered events (newest first), with the total."""
        if not 1 <= limit <= MAX_PAGE:
            raise UsageError(f"limit: must be between 1 and {MAX_PAGE}")
        if offset < 0:
            raise UsageError("offset: must not be negative")
        where, args = self._where(f)
        rows = self._read(
            "SELECT e.event_id, e.event_date, e.time_precision, e.event_type, e.sub_event_type,"
            " e.actor1, e.actor2, e.admin1, e.location, e.fatalities, e.latitude, e.longitude,"
            " json_extract(e.data, '$.notes') AS notes,"
            " (SELECT group_concat(json_extract(a.value, '$.mode'), ',')"
            "  FROM json_each(e.data, '$.actions') a) AS modes"
            # pick the page's rows first, so the JSON is read for those rows only
            f" FROM events e WHERE e.rowid IN (SELECT e.rowid FROM events e{where}"
            "  ORDER BY e.event_date IS NULL, e.event_date DESC, e.event_id LIMIT ? OFFSET ?)"
            " ORDER BY e.event_date IS NULL, e.event_date DESC, e.event_id",
            [*args, limit, offset],
        )
        items = []
        for r in rows:
            item = dict(r)
            item["modes"] = sorted(set((r["modes"] or "").split(",")) - {""})
            items.append(item)
        return {"total": self.count(f), "limit": limit, "offset": offset, "events": items}

    def points(self, f: Filters) -> dict[str, Any]:
        """Map points of the filtered events with coordinates (at most MAX_POINTS, newest)."""
        where, args = self._where(f)
        located = where + (" AND " if where else " WHERE ")
        located += "e.latitude IS NOT NULL AND e.longitude IS NOT NULL"
        rows = self._read(
            "SELECT e.event_id, e.event_date, e.event_type, e.sub_event_type, e.location,"
            " e.admin1, e.actor1, e.actor2, e.fatalities, e.latitude, e.longitude"
            f" FROM events e{located}"
            " ORDER BY e.event_date IS NULL, e.event_date DESC, e.event_id LIMIT ?",
            [*args, MAX_POINTS + 1],
        )
        total = self.count(f)
        shown = [dict(r) for r in rows[:MAX_POINTS]]
        return {
            "points": shown,
            "truncated": len(rows) > MAX_POINTS,
            "without_coordinates": total - self.count_located(f),
            "total": total,
        }

    def count_located(self, f: Filters) -> int:
        where, args = self._where(f)
        located = where + (" AND " if where else " WHERE ")
        located += "e.latitude IS NOT NULL AND e.longitude IS NOT NULL"
        return int(self._read(f"SELECT COUNT(*) FROM events e{located}", args)[0][0])

    def timeline(self, f: Filters, bin: str = "day") -> dict[str, Any]:
        """Event counts per day (or week, keyed by its Monday) and event type."""
        if bin not in ("day", "week"):
            raise UsageError(f"bin: {bin!r} is not day or week")
        where, args = self._where(f)
        dated = where + (" AND " if where else " WHERE ") + "e.event_date IS NOT NULL"
        rows = self._read(
            "SELECT e.event_date AS day, COALESCE(e.event_type, '(no type)') AS type,"
            f" COUNT(*) AS n FROM events e{dated} GROUP BY day, type ORDER BY day",
            args,
        )
        counts: dict[str, dict[str, int]] = {}
        for r in rows:
            day = _dt.date.fromisoformat(r["day"])
            key = (iso_week(day) if bin == "week" else day).isoformat()
            by_type = counts.setdefault(r["type"], {})
            by_type[key] = by_type.get(key, 0) + int(r["n"])
        series = [
            {"type": t, "x": sorted(c), "y": [c[k] for k in sorted(c)]}
            for t, c in sorted(counts.items())
        ]
        return {"bin": bin, "series": series}

    def facets(self) -> dict[str, Any]:
        """The values each filter menu offers, most frequent first, and the date range."""

        def column(expr: str) -> list[str]:
            rows = self._read(
                f"SELECT {expr} AS v, COUNT(*) AS n FROM events WHERE {expr} IS NOT NULL"
                f" GROUP BY v ORDER BY n DESC, v LIMIT {MAX_FACET}"
            )
            return [r["v"] for r in rows]

        actors = self._read(
            "SELECT v, COUNT(*) AS n FROM (SELECT actor1 AS v FROM events UNION ALL"
            " SELECT actor2 FROM events) WHERE v IS NOT NULL GROUP BY v"
            f" ORDER BY n DESC, v LIMIT {MAX_FACET}"
        )
        span = self._read("SELECT MIN(event_date), MAX(event_date) FROM events")[0]
        sub_types = self._read(
            "SELECT event_type, sub_event_type, COUNT(*) AS n FROM events"
            " WHERE sub_event_type IS NOT NULL GROUP BY 1, 2"
            f" ORDER BY n DESC LIMIT {MAX_FACET}"
        )
        return {
            "event_types": column("event_type"),
            "sub_event_types": [
                {"event_type": r[0], "sub_event_type": r[1]} for r in sub_types
            ],
            "actors": [r["v"] for r in actors],
            "admin1": column("admin1"),
            "modes": list(MODES),
            "first": span[0],
            "last": span[1],
        }

    def event(self, event_id: str) -> Event | None:
        rows = self._read("SELECT data FROM events WHERE event_id = ?", (event_id,))
        return event_from_dict(json.loads(rows[0][0])) if rows else None

    def documents(self, doc_ids: tuple[str, ...]) -> list[Document]:
        """The stored documents with these ids, in that order (missing ones skipped)."""
        out = []
        for doc_id in doc_ids:
            rows = self._read("SELECT * FROM documents WHERE id = ? ORDER BY rowid", (doc_id,))
            for row in rows[:1]:
                published = row["published"]
                out.append(
                    Document(
                        id=row["id"],
                        text=row["text"],
                        published=_dt.date.fromisoformat(published) if published else None,
                        source=row["source"],
                        url=row["url"],
                        title=row["title"],
                        origin=row["origin"],
                        content_hash=row["content_hash"],
                    )
                )
        return out

    def iter_events(self, f: Filters) -> Iterator[Event]:
        """Every filtered event, oldest first (for downloads; callers check the count)."""
        where, args = self._where(f)
        db = self._connect()
        try:
            cursor = db.execute(
                f"SELECT e.data FROM events e{where}"
                " ORDER BY e.event_date IS NULL, e.event_date, e.event_id",
                args,
            )
            for row in cursor:
                yield event_from_dict(json.loads(row[0]))
        finally:
            db.close()

    def document_sources(self) -> dict[str, str]:
        rows = self._read("SELECT id, source FROM documents WHERE source IS NOT NULL")
        return {r["id"]: r["source"] for r in rows}

    # -- campaigns (through the Store API) ----------------------------------------------------

    def campaigns(self) -> list[Campaign]:
        with self._lock, self._store_cls(self.path, create=False) as store:
            return list(store.campaigns())

    def campaign(self, campaign_id: str) -> Campaign | None:
        for campaign in self.campaigns():
            if campaign.campaign_id == campaign_id:
                return campaign
        return None

    def campaigns_of(self, event_id: str) -> list[Campaign]:
        return [c for c in self.campaigns() if event_id in c.members]
