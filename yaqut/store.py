"""The event store: one SQLite file holding documents, events, their links, errors, campaigns.

- Documents are keyed by content hash, so coding the same inputs again adds nothing twice.
- Events keep every field as JSON (``yaqut.records.event_to_dict``) plus indexed columns
  for the fields queries filter on (date, type, actors, admin1, coordinates, precision).
- The file is in WAL mode: readers never block the one writer, and a second writer waits
  up to ``busy_timeout`` seconds before :class:`~yaqut.errors.StoreError` is raised. Two
  processes may create the same new store at once: the schema is made in one write
  transaction, after checking again that no one made it meanwhile.
- ``meta.schema_version`` says which layout the file has; opening a file of another
  version raises :class:`~yaqut.errors.SchemaMismatch` instead of guessing.

Writes are grouped with :meth:`Store.transaction`; each write method is also atomic on its
own. An error record for an item is removed when that item is later coded successfully,
and the same error seen again is kept once (with the time it was last seen).
"""

from __future__ import annotations

import datetime as _dt
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from yaqut.errors import SchemaMismatch, StoreError
from yaqut.records import (
    Campaign,
    Document,
    ErrorRecord,
    Event,
    event_from_dict,
    event_to_dict,
)

#: Bump when the layout changes; a store of another version is refused.
SCHEMA_VERSION = 1
DEFAULT_PATH = "yaqut.db"

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    content_hash TEXT PRIMARY KEY,
    id TEXT NOT NULL,
    published TEXT,
    source TEXT,
    url TEXT,
    title TEXT,
    origin TEXT,
    warnings TEXT NOT NULL DEFAULT '[]',
    text TEXT NOT NULL,
    n_events INTEGER NOT NULL DEFAULT 0,
    coded_at TEXT NOT NULL
);
CREATE INDEX documents_id ON documents(id);
CREATE INDEX documents_published ON documents(published);
CREATE TABLE events (
    event_id TEXT PRIMARY KEY,
    event_date TEXT,
    time_precision INTEGER,
    event_type TEXT,
    sub_event_type TEXT,
    actor1 TEXT,
    actor2 TEXT,
    country TEXT,
    admin1 TEXT,
    location TEXT,
    latitude REAL,
    longitude REAL,
    geo_precision INTEGER,
    fatalities INTEGER,
    source TEXT,
    data TEXT NOT NULL,
    stored_at TEXT NOT NULL
);
CREATE INDEX events_date ON events(event_date);
CREATE INDEX events_type ON events(event_type, sub_event_type);
CREATE INDEX events_actor1 ON events(actor1);
CREATE INDEX events_actor2 ON events(actor2);
CREATE INDEX events_admin1 ON events(admin1);
CREATE INDEX events_latlon ON events(latitude, longitude);
CREATE INDEX events_geo_precision ON events(geo_precision);
CREATE TABLE event_documents (
    event_id TEXT NOT NULL REFERENCES events(event_id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL,
    PRIMARY KEY (event_id, doc_id)
);
CREATE INDEX event_documents_doc ON event_documents(doc_id);
CREATE TABLE errors (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    code TEXT NOT NULL,
    reason TEXT NOT NULL,
    doc_id TEXT,
    created TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    UNIQUE (origin, code, reason)
);
CREATE TABLE campaigns (
    campaign_id TEXT PRIMARY KEY,
    start TEXT NOT NULL,
    end TEXT NOT NULL,
    p_value REAL,
    method TEXT,
    data TEXT NOT NULL
);
CREATE TABLE campaign_members (
    campaign_id TEXT NOT NULL REFERENCES campaigns(campaign_id) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    PRIMARY KEY (campaign_id, event_id)
);
CREATE INDEX campaign_members_event ON campaign_members(event_id);
"""

#: Indexes added to schema 1 since it was first written, made when a store is opened (old
#: files gain them too). The dashboard and exports leave background events out by default
#: (:func:`yaqut.queries.where`): partial indexes over the incidents alone answer those
#: queries without reading each event's JSON: newest first (the list and the map, which
#: then stop after a page), by date (date ranges, the timeline's counts), and the same two
#: within an event type (the type filter).
_INCIDENTS = "WHERE json_extract(data, '$.background') IS NOT 1"
_ADDED_INDEXES: tuple[tuple[str, str], ...] = (
    ("events_incidents_newest",
     f"ON events(event_date IS NULL, event_date DESC, event_id) {_INCIDENTS}"),
    ("events_incidents_date", f"ON events(event_date, event_type) {_INCIDENTS}"),
    ("events_incidents_type_newest",
     f"ON events(event_type, event_date IS NULL, event_date DESC, event_id) {_INCIDENTS}"),
    ("events_incidents_type", f"ON events(event_type, event_date) {_INCIDENTS}"),
)


def _yaqut_version() -> str:
    from yaqut import __version__

    return __version__


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def _storable(text: str | None) -> str | None:
    """``text`` with what UTF-8 cannot encode (lone surrogates) written as escapes."""
    if text is None:
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def campaign_to_dict(campaign: Campaign) -> dict[str, Any]:
    """A JSON-ready dict with every Campaign field (dates ISO, ``extra`` as a mapping)."""
    data = asdict(campaign)
    data["start"] = campaign.start.isoformat()
    data["end"] = campaign.end.isoformat()
    data["extra"] = {k: v for k, v in campaign.extra}
    for name in ("members", "places", "admin1s", "actors"):
        data[name] = list(data[name])
    return data


def campaign_from_dict(data: dict[str, Any]) -> Campaign:
    """The inverse of :func:`campaign_to_dict`."""
    fields = dict(data)
    fields["start"] = _dt.date.fromisoformat(fields["start"])
    fields["end"] = _dt.date.fromisoformat(fields["end"])
    for name in ("members", "places", "admin1s", "actors"):
        fields[name] = tuple(fields.get(name) or ())
    fields["extra"] = tuple((fields.get("extra") or {}).items())
    known = Campaign.__dataclass_fields__
    return Campaign(**{k: v for k, v in fields.items() if k in known})


class Store:
    """The SQLite event store. Use as a context manager: ``with Store(path) as store: ...``.

    ``create=False`` refuses to make a new file (for commands that only read), raising
    StoreError when ``path`` does not exist.
    """

    def __init__(
        self, path: str | Path = DEFAULT_PATH, *, create: bool = True, busy_timeout: float = 30.0
    ) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise StoreError("no event store here (code something first)", item=str(self.path))
        try:
            self._db = sqlite3.connect(
                self.path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store ({exc})", item=str(self.path)) from None
        self._depth = 0
        self._busy_timeout = busy_timeout
        try:
            self._setup()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise StoreError(
                f"not a yaqut store or not readable ({exc})", item=str(self.path)
            ) from None
        except StoreError:  # a schema mismatch, or a file it may not write (migration)
            self._db.close()
            raise

    # -- lifecycle ------------------------------------------------------------------------

    def _tables(self) -> set[str]:
        return {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type='table'")}

    def _setup(self) -> None:
        db = self._db
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA foreign_keys = ON")
        tables = self._tables()
        if not tables:
            self._wal()
            with self.transaction():  # the write lock: one process makes the schema
                if not self._tables():  # another may have made it while this one waited
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            db.execute(statement)
                    db.execute(
                        "INSERT INTO meta VALUES ('schema_version', ?), ('created', ?)",
                        (str(SCHEMA_VERSION), _now()),
                    )
            tables = self._tables()
        if "meta" not in tables:
            raise StoreError("not a yaqut store (it has no meta table)", item=str(self.path))
        row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        found = row[0] if row else "none"
        if found != str(SCHEMA_VERSION):
            raise SchemaMismatch(
                f"store has schema version {found}, this yaqut reads version {SCHEMA_VERSION};"
                " code the inputs into a new store",
                item=str(self.path),
            )
        self._wal()
        db.execute("PRAGMA synchronous = NORMAL")
        self._add_columns()
        self._add_indexes()

    def _wal(self) -> None:
        """Switch a new file to WAL. The switch needs the file to itself and SQLite does
        not wait for that (no busy handler): while other processes open the same new file
        it fails with "database is locked", so retry until the busy timeout."""
        deadline = time.monotonic() + self._busy_timeout
        while True:
            try:
                self._db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.01)

    def close(self) -> None:
        """Close the file (a pending transaction is rolled back)."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def journal_mode(self) -> str:
        """SQLite's journal mode for this file (``wal``)."""
        return str(self._db.execute("PRAGMA journal_mode").fetchone()[0])

    @property
    def schema_version(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0])

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Group writes: all of them are kept, or (on an exception) none. Nests."""
        if self._depth == 0:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StoreError(f"cannot write ({exc})", item=str(self.path)) from None
        self._depth += 1
        try:
            yield self
        except BaseException:
            self._depth -= 1
            if self._depth == 0:
                self._db.execute("ROLLBACK")
            raise
        self._depth -= 1
        if self._depth == 0:
            try:
                self._db.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                self._db.execute("ROLLBACK")
                raise StoreError(f"cannot commit ({exc})", item=str(self.path)) from None

    @contextmanager
    def savepoint(self) -> Iterator[Store]:
        """Within a transaction: writes kept together, or (on an exception) undone alone,
        leaving the transaction's other writes in place."""
        if self._depth == 0:
            raise StoreError("a savepoint needs a transaction", item=str(self.path))
        self._db.execute("SAVEPOINT yaqut_item")
        try:
            yield self
        except BaseException:
            self._db.execute("ROLLBACK TO yaqut_item")
            self._db.execute("RELEASE yaqut_item")
            raise
        self._db.execute("RELEASE yaqut_item")

    # -- documents ------------------------------------------------------------------------

    def has_document(self, content_hash: str) -> bool:
        """True when a document with this content hash has been coded into the store."""
        row = self._db.execute(
            "SELECT 1 FROM documents WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return row is not None

    def add_coded(self, doc: Document, events: Iterable[Event]) -> bool:
        """Store a coded document and its events in one transaction.

        Returns False (and writes nothing) when the document is already stored. Events are
        replaced by event_id, so storing the same event again keeps one copy. Earlier error
        records of the document's origin are removed: the item now codes.
        """
        events = list(events)
        with self.transaction():
            if self.has_document(doc.content_hash):
                return False
            self._db.execute(
                "INSERT INTO documents (content_hash, id, published, source, url, title, origin,"
                " warnings, text, n_events, coded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc.content_hash,
                    doc.id,
                    doc.published.isoformat() if doc.published else None,
                    doc.source,
                    doc.url,
                    doc.title,
                    doc.origin,
                    json.dumps(list(doc.warnings), ensure_ascii=False),
                    doc.text,
                    len(events),
                    _now(),
                ),
            )
            self._put_events(events)
            self._db.execute(
                "UPDATE documents SET yaqut_version = ? WHERE content_hash = ?",
                (_yaqut_version(), doc.content_hash),
            )
            if doc.origin:
                self._db.execute("DELETE FROM errors WHERE origin = ?", (doc.origin,))
        return True

    # -- re-coding (yaqut code --recode) ----------------------------------------------------

    def _add_columns(self) -> None:
        """Columns added to schema 1 since it was first written (additive: older files gain
        them when opened, and older yaqut versions still read newer files)."""
        if "yaqut_version" in self._columns("documents"):
            return
        with self.transaction():  # the write lock; another process may have added it
            if "yaqut_version" not in self._columns("documents"):
                self._db.execute("ALTER TABLE documents ADD COLUMN yaqut_version TEXT")

    def _add_indexes(self) -> None:
        """Make the indexes of ``_ADDED_INDEXES`` a store lacks (a store written by an
        earlier yaqut: built once, in one write transaction; older versions ignore them).
        A file that cannot be written now (read-only, or another writer holds it past the
        busy timeout) is read as it is, only slower; a later opening makes them."""
        if not self._missing_indexes():
            return
        try:
            with self.transaction():  # the write lock; another process may have made them
                for name in self._missing_indexes():
                    self._db.execute(
                        f"CREATE INDEX IF NOT EXISTS {name} {dict(_ADDED_INDEXES)[name]}")
        except (StoreError, sqlite3.OperationalError):
            return

    def _missing_indexes(self) -> list[str]:
        have = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
        return [name for name, _ in _ADDED_INDEXES if name not in have]

    def _columns(self, table: str) -> set[str]:
        return {r[1] for r in self._db.execute(f"PRAGMA table_info({table})")}

    def coded_with(self, content_hash: str) -> tuple[str | None, str | None] | None:
        """(publication date ISO, yaqut version) a stored document was coded with; None when
        it is not stored. The version is None for documents stored before it was recorded."""
        row = self._db.execute(
            "SELECT published, yaqut_version FROM documents WHERE content_hash = ?",
            (content_hash,),
        ).fetchone()
        return (row[0], row[1]) if row else None

    def forget_document(self, content_hash: str) -> int:
        """Remove a stored document and what only it reported, so it can be coded again.

        Its events that no other document reports are deleted; an event other documents
        report too stays, without this document's id and evidence. Returns how many events
        were deleted.
        """
        from dataclasses import replace

        with self.transaction():
            row = self._db.execute(
                "SELECT id FROM documents WHERE content_hash = ?", (content_hash,)
            ).fetchone()
            if row is None:
                return 0
            doc_id = row[0]
            self._db.execute("DELETE FROM documents WHERE content_hash = ?", (content_hash,))
            if self._db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone():
                return 0  # another stored text has this id: its events stay
            rows = self._db.execute(
                "SELECT e.data FROM events e JOIN event_documents ed ON ed.event_id = e.event_id"
                " WHERE ed.doc_id = ?",
                (doc_id,),
            ).fetchall()
            deleted = 0
            for (data,) in rows:
                event = event_from_dict(json.loads(data))
                others = tuple(d for d in event.doc_ids if d != doc_id)
                if not others:
                    self._db.execute("DELETE FROM events WHERE event_id = ?", (event.event_id,))
                    deleted += 1
                    continue
                evidence = tuple(
                    (name, tuple(s for s in spans if s.doc_id != doc_id))
                    for name, spans in event.evidence
                )
                self._db.execute(
                    "DELETE FROM event_documents WHERE event_id = ? AND doc_id = ?",
                    (event.event_id, doc_id),
                )
                self._put_events([replace(event, doc_ids=others, evidence=evidence)])
            return deleted

    def documents(self) -> Iterator[Document]:
        """Every stored document, in the order they were coded."""
        from yaqut.queries import all_documents

        return all_documents(self._db)

    def document_sources(self) -> dict[str, str]:
        """doc_id -> the document's source (for ACLED's ``source`` column)."""
        from yaqut.queries import document_sources

        return document_sources(self._db)

    def background_count(self) -> int:
        """How many stored events are background (exports and campaigns leave them out)."""
        from yaqut.queries import background_count

        return background_count(self._db)

    def document_names(self) -> dict[str, str]:
        """doc_id -> the document's title, else its file name (for exports naming sources)."""
        from yaqut.queries import document_names

        return document_names(self._db)

    # -- events ---------------------------------------------------------------------------

    def _put_events(self, events: Iterable[Event]) -> int:
        stored = _now()
        n = 0
        for event in events:
            data = event_to_dict(event)
            self._db.execute("DELETE FROM events WHERE event_id = ?", (event.event_id,))
            self._db.execute(
                "INSERT INTO events (event_id, event_date, time_precision, event_type,"
                " sub_event_type, actor1, actor2, country, admin1, location, latitude, longitude,"
                " geo_precision, fatalities, source, data, stored_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    event.event_id,
                    data["event_date"],
                    event.time_precision,
                    event.event_type,
                    event.sub_event_type,
                    event.actor1,
                    event.actor2,
                    event.country,
                    event.admin1,
                    event.location,
                    event.latitude,
                    event.longitude,
                    event.geo_precision,
                    event.fatalities,
                    event.source,
                    json.dumps(data, ensure_ascii=False),
                    stored,
                ),
            )
            self._db.executemany(
                "INSERT OR IGNORE INTO event_documents VALUES (?, ?)",
                [(event.event_id, d) for d in event.doc_ids],
            )
            n += 1
        return n

    def replace_events(self, events: Iterable[Event]) -> int:
        """Replace every stored event with ``events`` (e.g. after dedup merged some).

        Documents and errors stay. Returns the number of events stored.
        """
        with self.transaction():
            self._db.execute("DELETE FROM event_documents")
            self._db.execute("DELETE FROM events")
            return self._put_events(events)

    def events(
        self,
        since: _dt.date | None = None,
        until: _dt.date | None = None,
        *,
        event_type: str | None = None,
        admin1: str | None = None,
        actor: str | None = None,
        doc_id: str | None = None,
        limit: int | None = None,
    ) -> Iterator[Event]:
        """Stored events, oldest first (undated ones last), filtered by what is given.

        ``since``/``until`` bound event_date (inclusive); ``actor`` matches either side;
        ``doc_id`` keeps the events reported by that document.
        """
        where: list[str] = []
        args: list[Any] = []
        if since is not None:
            where.append("event_date >= ?")
            args.append(since.isoformat())
        if until is not None:
            where.append("event_date <= ?")
            args.append(until.isoformat())
        if event_type is not None:
            where.append("event_type = ?")
            args.append(event_type)
        if admin1 is not None:
            where.append("admin1 = ?")
            args.append(admin1)
        if actor is not None:
            where.append("(actor1 = ? OR actor2 = ?)")
            args.extend([actor, actor])
        if doc_id is not None:
            where.append("event_id IN (SELECT event_id FROM event_documents WHERE doc_id = ?)")
            args.append(doc_id)
        sql = "SELECT data FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY event_date IS NULL, event_date, event_id"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(int(limit))
        for row in self._db.execute(sql, args):
            yield event_from_dict(json.loads(row[0]))

    # -- errors ---------------------------------------------------------------------------

    def add_error(self, err: ErrorRecord) -> None:
        """Record a failed item; the same failure seen again is kept once, with its last time.

        Any text is stored: characters UTF-8 cannot hold (lone surrogates, e.g. from a file
        name of undecodable bytes) are written as escapes (``\\udc80``).
        """
        now = _now()
        with self.transaction():
            self._db.execute(
                "INSERT INTO errors (origin, code, reason, doc_id, created, last_seen)"
                " VALUES (?,?,?,?,?,?) ON CONFLICT (origin, code, reason)"
                " DO UPDATE SET last_seen = excluded.last_seen, doc_id = excluded.doc_id",
                (_storable(err.origin), err.code, _storable(err.reason),
                 _storable(err.doc_id), err.created or now, now),
            )

    def errors(self) -> Iterator[ErrorRecord]:
        """Every error record, in the order first seen."""
        for row in self._db.execute("SELECT * FROM errors ORDER BY id"):
            yield ErrorRecord(
                origin=row["origin"],
                code=row["code"],
                reason=row["reason"],
                doc_id=row["doc_id"],
                created=row["created"],
            )

    # -- campaigns ------------------------------------------------------------------------

    def put_campaigns(self, campaigns: Iterable[Campaign]) -> int:
        """Replace every stored campaign with ``campaigns``; returns how many were stored."""
        with self.transaction():
            self._db.execute("DELETE FROM campaign_members")
            self._db.execute("DELETE FROM campaigns")
            n = 0
            for campaign in campaigns:
                data = campaign_to_dict(campaign)
                self._db.execute(
                    "INSERT INTO campaigns VALUES (?,?,?,?,?,?)",
                    (
                        campaign.campaign_id,
                        data["start"],
                        data["end"],
                        campaign.p_value,
                        campaign.method,
                        json.dumps(data, ensure_ascii=False, default=str),
                    ),
                )
                self._db.executemany(
                    "INSERT OR IGNORE INTO campaign_members VALUES (?, ?)",
                    [(campaign.campaign_id, e) for e in campaign.members],
                )
                n += 1
        return n

    def campaigns(self) -> Iterator[Campaign]:
        """Every stored campaign, earliest start first."""
        for row in self._db.execute("SELECT data FROM campaigns ORDER BY start, campaign_id"):
            yield campaign_from_dict(json.loads(row[0]))

    # -- imported events and dedup --------------------------------------------------------

    def event(self, event_id: str) -> Event | None:
        """The stored event with this id, or None."""
        row = self._db.execute(
            "SELECT data FROM events WHERE event_id = ?", (event_id,)
        ).fetchone()
        return None if row is None else event_from_dict(json.loads(row[0]))

    def import_events(self, events: Iterable[Event]) -> int:
        """Store events coded elsewhere (e.g. an ACLED export), replacing any of the same id.

        No document stands behind them. Returns how many were stored.
        """
        with self.transaction():
            return self._put_events(events)

    def incident_candidates(
        self,
        since: _dt.date,
        until: _dt.date,
        *,
        event_type: str | None,
        event_id: str,
        box: tuple[float, float, float | None, float | None] | None = None,
        admin1: Iterable[str] = (),
        pcode: str | None = None,
    ) -> Iterator[Event]:
        """Stored events that may report the same incident as a new one (a superset).

        Within [since, until] and of ``event_type`` (any type when None), and placed by any of:
        a point in ``box`` (lat_lo, lat_hi, lon_lo, lon_hi; no longitude bound when those are
        None), an ``admin1`` spelled as one of the given, the OCHA ``pcode`` (with an admin1),
        or the same ``event_id``. Served by the events_date/events_latlon/events_admin1
        indexes; the exact test is :func:`yaqut.dedup.same_incident`.
        """
        where = ["event_date >= ?", "event_date <= ?"]
        args: list[Any] = [since.isoformat(), until.isoformat()]
        if event_type is not None:  # unary +: the date index is the narrow one, not the type's
            where.append("+event_type = ?")
            args.append(event_type)
        place = ["event_id = ?"]
        args_place: list[Any] = [event_id]
        if box is not None:
            lat_lo, lat_hi, lon_lo, lon_hi = box
            term = "(latitude BETWEEN ? AND ?"
            args_place += [lat_lo, lat_hi]
            if lon_lo is not None and lon_hi is not None:
                term += " AND longitude BETWEEN ? AND ?"
                args_place += [lon_lo, lon_hi]
            place.append(term + ")")
        names = sorted(set(admin1))
        if names:
            place.append(f"admin1 IN ({','.join('?' * len(names))})")
            args_place += names
        if pcode:
            place.append("(admin1 IS NOT NULL AND admin1 != ''"
                         " AND json_extract(data, '$.pcode') = ?)")
            args_place.append(pcode)
        where.append("(" + " OR ".join(place) + ")")
        sql = ("SELECT data FROM events WHERE " + " AND ".join(where)
               + " ORDER BY event_date IS NULL, event_date, event_id")
        for row in self._db.execute(sql, args + args_place):
            yield event_from_dict(json.loads(row[0]))

    def admin1_spellings(self) -> list[str]:
        """Every distinct admin1 the stored events give (read off the events_admin1 index)."""
        return [r[0] for r in self._db.execute(
            "SELECT DISTINCT admin1 FROM events WHERE admin1 IS NOT NULL")]

    # -- summary --------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """How many documents, events, errors and campaigns the store holds."""
        out = {}
        for table in ("documents", "events", "errors", "campaigns"):
            out[table] = int(self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
        return out
