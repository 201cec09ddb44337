"""Read-only queries over an event store's SQLite file: the one place besides the store
that knows its tables (see :mod:`yaqut.store` for the schema).

Every function takes an open :class:`sqlite3.Connection` whose ``row_factory`` is
:class:`sqlite3.Row` (the store's own connection, or the dashboard's read-only one) and
writes nothing. Filters are applied in SQL on the indexed columns (date, type, actors,
governorate) and on the event JSON (modes of the actions, free text), so a page of
results, the map's points and the timeline's counts are each one bounded query, whatever
the store's size.
"""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

from yaqut.errors import UsageError
from yaqut.records import MODES, Document, Event, event_from_dict

#: Most distinct values listed per filter menu.
MAX_FACET = 1_000
#: Longest text accepted in any filter.
MAX_TEXT = 200
#: The order events are listed in: dated ones first, by date (then id).
_OLDEST_FIRST = " ORDER BY e.event_date IS NULL, e.event_date, e.event_id"
_NEWEST_FIRST = " ORDER BY e.event_date IS NULL, e.event_date DESC, e.event_id"
_LOCATED = "e.latitude IS NOT NULL AND e.longitude IS NOT NULL"


@dataclass(frozen=True)
class Filters:
    """What a query is narrowed to; every field optional. Built by :meth:`parse`."""

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


def _text_match(q: str) -> tuple[str, list[Any]]:
    pattern = _like(q)
    cols = ["e.event_id", "e.location", "e.actor1", "e.actor2", "e.admin1",
            "json_extract(e.data, '$.notes')", "json_extract(e.data, '$.admin2')",
            "json_extract(e.data, '$.admin3')"]  # fmt: skip
    text = " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in cols)
    sql = (
        f"({text} OR e.event_id IN (SELECT ed.event_id FROM event_documents ed"
        " JOIN documents d ON d.id = ed.doc_id"
        " WHERE d.text LIKE ? ESCAPE '\\' OR d.title LIKE ? ESCAPE '\\'))"
    )
    return sql, [pattern] * (len(cols) + 2)


def where(f: Filters, *extra: str) -> tuple[str, list[Any]]:
    """The ``WHERE`` clause (on ``events e``) and its arguments for ``f`` and ``extra`` terms.

    A campaign filter keeps the campaign's members (none when no such campaign is stored).
    Background events are left out, as exports and campaigns leave them out.
    """
    terms: list[str] = []
    args: list[Any] = []
    for name, sql in (("since", "e.event_date >= ?"), ("until", "e.event_date <= ?"),
                      ("event_type", "e.event_type = ?"),
                      ("sub_event_type", "e.sub_event_type = ?"),
                      ("admin1", "e.admin1 = ?")):  # fmt: skip
        value = getattr(f, name)
        if value:
            terms.append(sql)
            args.append(value.isoformat() if isinstance(value, _dt.date) else value)
    if f.actor:
        terms.append("(e.actor1 = ? OR e.actor2 = ?)")
        args += [f.actor, f.actor]
    if f.mode:
        terms.append(
            "EXISTS (SELECT 1 FROM json_each(e.data, '$.actions') a"
            " WHERE json_extract(a.value, '$.mode') = ?)"
        )
        args.append(f.mode)
    if f.q:
        sql, more = _text_match(f.q)
        terms.append(sql)
        args += more
    if f.campaign:
        terms.append("e.event_id IN (SELECT event_id FROM campaign_members WHERE campaign_id = ?)")
        args.append(f.campaign)
    # background events (told as more than 30 days old) stay out, as in exports and campaigns;
    # the term is the WHERE of the store's partial indexes (yaqut.store._INCIDENTS), which
    # the planner uses only when the query says the same
    terms.append("json_extract(e.data, '$.background') IS NOT 1")
    terms += extra
    return " WHERE " + " AND ".join(terms), args


# -- meta and documents -----------------------------------------------------------------------


def schema_version(db: sqlite3.Connection) -> str:
    """The file's ``meta.schema_version`` (``none`` when it has none)."""
    row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return str(row[0]) if row else "none"


def document_from_row(row: sqlite3.Row) -> Document:
    """A Document from a row of the store's ``documents`` table."""
    published = row["published"]
    return Document(
        id=row["id"],
        text=row["text"],
        published=_dt.date.fromisoformat(published) if published else None,
        source=row["source"],
        url=row["url"],
        title=row["title"],
        origin=row["origin"],
        content_hash=row["content_hash"],
        warnings=tuple(json.loads(row["warnings"] or "[]")),
    )


def all_documents(db: sqlite3.Connection) -> Iterator[Document]:
    """Every stored document, in the order they were coded."""
    for row in db.execute("SELECT * FROM documents ORDER BY rowid"):
        yield document_from_row(row)


def documents(db: sqlite3.Connection, doc_ids: tuple[str, ...]) -> list[Document]:
    """The stored documents with these ids, in that order (missing ones skipped)."""
    out = []
    for doc_id in doc_ids:
        row = db.execute(
            "SELECT * FROM documents WHERE id = ? ORDER BY rowid LIMIT 1", (doc_id,)
        ).fetchone()
        if row is not None:
            out.append(document_from_row(row))
    return out


def document_sources(db: sqlite3.Connection) -> dict[str, str]:
    """doc_id -> the document's source (for ACLED's ``source`` column)."""
    rows = db.execute("SELECT id, source FROM documents WHERE source IS NOT NULL")
    return {r["id"]: r["source"] for r in rows}


def document_names(db: sqlite3.Connection) -> dict[str, str]:
    """doc_id -> how a person knows the document: its title, else its file name."""
    from yaqut.docmeta import file_name

    rows = db.execute("SELECT id, title, origin FROM documents")
    return {r["id"]: r["title"] or file_name(r["origin"]) or r["id"] for r in rows}


# -- events -----------------------------------------------------------------------------------


def background_count(db: sqlite3.Connection) -> int:
    """How many stored events are background (told as more than 30 days old): all events
    but the incidents, both counted off indexes (the incidents' is partial)."""
    row = db.execute(
        "SELECT (SELECT COUNT(*) FROM events)"
        " - (SELECT COUNT(*) FROM events WHERE json_extract(data, '$.background') IS NOT 1)"
    ).fetchone()
    return int(row[0])


def event(db: sqlite3.Connection, event_id: str) -> Event | None:
    """The stored event with this id, or None."""
    row = db.execute("SELECT data FROM events WHERE event_id = ?", (event_id,)).fetchone()
    return event_from_dict(json.loads(row[0])) if row else None


def count(db: sqlite3.Connection, f: Filters, *, located: bool = False) -> int:
    """How many events pass ``f`` (only those with coordinates when ``located``)."""
    clause, args = where(f, *([_LOCATED] if located else []))
    return int(db.execute(f"SELECT COUNT(*) FROM events e{clause}", args).fetchone()[0])


def events_page(db: sqlite3.Connection, f: Filters, limit: int, offset: int) -> list[dict]:
    """One page of the filtered events (newest first) as list rows, with their modes."""
    clause, args = where(f)
    rows = db.execute(
        "SELECT e.event_id, e.event_date, e.time_precision, e.event_type, e.sub_event_type,"
        " e.actor1, e.actor2, e.admin1, e.location, e.fatalities, e.latitude, e.longitude,"
        " json_extract(e.data, '$.notes') AS notes,"
        " (SELECT group_concat(json_extract(a.value, '$.mode'), ',')"
        "  FROM json_each(e.data, '$.actions') a) AS modes"
        # pick the page's rows first, so the JSON is read for those rows only
        f" FROM events e WHERE e.rowid IN (SELECT e.rowid FROM events e{clause}"
        f"  {_NEWEST_FIRST} LIMIT ? OFFSET ?) {_NEWEST_FIRST}",
        [*args, limit, offset],
    ).fetchall()
    items = []
    for r in rows:
        item = dict(r)
        item["modes"] = sorted(set((r["modes"] or "").split(",")) - {""})
        items.append(item)
    return items


def points(db: sqlite3.Connection, f: Filters, limit: int) -> list[dict]:
    """Up to ``limit`` filtered events with coordinates (newest first), as map points."""
    clause, args = where(f, _LOCATED)
    rows = db.execute(
        "SELECT e.event_id, e.event_date, e.event_type, e.sub_event_type, e.location,"
        " e.admin1, e.country, e.actor1, e.actor2, e.fatalities, e.latitude, e.longitude"
        f" FROM events e{clause}{_NEWEST_FIRST} LIMIT ?",
        [*args, limit],
    )
    return [dict(r) for r in rows]


def counts_by_day(db: sqlite3.Connection, f: Filters) -> list[tuple[str, str, int]]:
    """(day, event type, count) of the filtered dated events, by day."""
    clause, args = where(f, "e.event_date IS NOT NULL")
    rows = db.execute(
        "SELECT e.event_date AS day, COALESCE(e.event_type, '(no type)') AS type,"
        f" COUNT(*) AS n FROM events e{clause} GROUP BY day, type ORDER BY day",
        args,
    )
    return [(r["day"], r["type"], int(r["n"])) for r in rows]


def iter_events(db: sqlite3.Connection, f: Filters) -> Iterator[Event]:
    """Every filtered event, oldest first."""
    clause, args = where(f)
    for row in db.execute(f"SELECT e.data FROM events e{clause}{_OLDEST_FIRST}", args):
        yield event_from_dict(json.loads(row[0]))


def facets(db: sqlite3.Connection) -> dict[str, Any]:
    """The values each filter menu offers, most frequent first, and the date range."""

    def column(expr: str) -> list[str]:
        rows = db.execute(
            f"SELECT {expr} AS v, COUNT(*) AS n FROM events WHERE {expr} IS NOT NULL"
            f" GROUP BY v ORDER BY n DESC, v LIMIT {MAX_FACET}"
        )
        return [r["v"] for r in rows]

    actors = db.execute(
        "SELECT v, COUNT(*) AS n FROM (SELECT actor1 AS v FROM events UNION ALL"
        " SELECT actor2 FROM events) WHERE v IS NOT NULL GROUP BY v"
        f" ORDER BY n DESC, v LIMIT {MAX_FACET}"
    ).fetchall()
    span = db.execute("SELECT MIN(event_date), MAX(event_date) FROM events").fetchone()
    sub_types = db.execute(
        "SELECT event_type, sub_event_type, COUNT(*) AS n FROM events"
        " WHERE sub_event_type IS NOT NULL GROUP BY 1, 2"
        f" ORDER BY n DESC LIMIT {MAX_FACET}"
    ).fetchall()
    return {
        "event_types": column("event_type"),
        "sub_event_types": [{"event_type": r[0], "sub_event_type": r[1]} for r in sub_types],
        "actors": [r["v"] for r in actors],
        "admin1": column("admin1"),
        "modes": list(MODES),
        "first": span[0],
        "last": span[1],
    }
