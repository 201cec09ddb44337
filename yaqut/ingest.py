"""Readers: input paths in, :class:`Document` or :class:`ErrorRecord` out, one per item.

What each input kind gives:

- ``.txt``: the file is one article.
- ``.html`` / ``.htm``: one article; main text, title and publication date are extracted
  with trafilatura (its metadata API).
- ``.jsonl`` / ``.ndjson``: one article per line, an object with ``text`` and optionally
  ``id``, ``published``, ``source``, ``url``, ``title``.
- ``.csv``: one article per row; a ``text`` column and optionally the same other columns.
- a directory: every file below it, recursively, in sorted order (hidden files and
  folders, whose names start with ``.``, are left out).
- ``-``: standard input; a JSON object on the first line makes it JSONL, a leading ``<``
  makes it HTML, anything else is one plain-text article.

A bad item becomes an :class:`ErrorRecord` naming it (``path`` or ``path:line``) with the
code of the :mod:`yaqut.errors` class that says why, and reading goes on with the next item:
one bad item never stops a batch. Text that is not UTF-8 is decoded with the first fallback
encoding that works (cp1252, then latin-1) and the Document carries a warning saying so.
``max_bytes`` bounds each item: a whole .txt/.html file, one JSONL line, one CSV row.
"""

from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from yaqut.docmeta import published_field
from yaqut.errors import (
    BinaryInput,
    EmptyInput,
    InputError,
    MalformedInput,
    TooLarge,
    UnknownFormat,
    UnreadableInput,
)
from yaqut.records import Document, ErrorRecord

DEFAULT_MAX_BYTES = 5_000_000
FALLBACK_ENCODINGS: tuple[str, ...] = ("cp1252", "latin-1")
STDIN = "-"
STDIN_ORIGIN = "<stdin>"

_TEXT = {".txt"}
_HTML = {".html", ".htm"}
_JSONL = {".jsonl", ".ndjson"}
_CSV = {".csv"}
_PARQUET = {".parquet"}  # streamed, like JSONL: big shards never sit in memory whole
KNOWN_EXTENSIONS = tuple(sorted(_TEXT | _HTML | _JSONL | _CSV | _PARQUET))
_TAG = re.compile(r"<[A-Za-z!/?][^<>]*>")


def content_hash(text: str) -> str:
    """sha256 (hex) of a text's UTF-8 bytes: what the store keys documents by."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_published(value: _dt.date | str | None) -> _dt.date | None:
    """A publication date from a date, a datetime, or an ISO string (``2023-05-24``,
    ``2023-05-24T10:00:00Z``); None for None or an empty string.

    Raises MalformedInput for a string that is not an ISO date.
    """
    if value is None:
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return _dt.datetime.fromisoformat(text).date()
    except ValueError:
        raise MalformedInput(f"published date {text!r} is not an ISO date (YYYY-MM-DD)") from None


def make_document(
    text: str,
    *,
    published: _dt.date | str | None = None,
    doc_id: str | None = None,
    source: str | None = None,
    url: str | None = None,
    title: str | None = None,
    origin: str | None = None,
    warnings: Sequence[str] = (),
) -> Document:
    """A Document for ``text``: id is ``doc_id`` or ``sha:`` + the first 16 hex of its hash.

    Raises MalformedInput when ``published`` is a string that is not an ISO date.
    """
    digest = content_hash(text)
    return Document(
        id=doc_id if doc_id else f"sha:{digest[:16]}",
        text=text,
        published=parse_published(published),
        source=source,
        url=url,
        title=title,
        origin=origin,
        content_hash=digest,
        warnings=tuple(warnings),
    )


def error_record(exc: InputError, origin: str) -> ErrorRecord:
    """The record of one bad item: its code, and a reason that names it."""
    item = exc.item or origin
    return ErrorRecord(origin=item, code=exc.code, reason=f"{item}: {exc.message}")


def decode(
    data: bytes, item: str, fallbacks: Sequence[str] = FALLBACK_ENCODINGS
) -> tuple[str, list[str]]:
    """Bytes to text: UTF-8 (a BOM is honoured), else the first fallback encoding that works.

    Returns the text and the warnings to put on the Document. Raises BinaryInput when the
    bytes hold NUL bytes (and carry no UTF-16 byte-order mark).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), []
        except UnicodeDecodeError:
            raise BinaryInput("starts with a UTF-16 mark but is not UTF-16", item=item) from None
    if b"\x00" in data:
        raise BinaryInput("looks binary (it holds NUL bytes), not text", item=item)
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        where = f"byte {exc.start}"
    for encoding in fallbacks:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, [f"{item}: not valid UTF-8 (at {where}); decoded as {encoding}"]
    raise MalformedInput(f"not valid UTF-8 (at {where}) nor {', '.join(fallbacks)}", item=item)


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _Reader:
    """Reads every kind of input with the same limits and fallbacks."""

    def __init__(
        self,
        published: _dt.date | None,
        max_bytes: int,
        fallbacks: Sequence[str],
        stdin: BinaryIO | None,
    ) -> None:
        self.published = published
        self.max_bytes = max_bytes
        self.fallbacks = tuple(fallbacks)
        self.stdin = stdin

    # -- dispatch -------------------------------------------------------------------------

    def read(self, inputs: Sequence[str | Path]) -> Iterator[Document | ErrorRecord]:
        for raw in inputs:
            if str(raw) == STDIN:
                yield from self._guard(self._stdin(), STDIN_ORIGIN)
                continue
            path = Path(raw)
            if path.is_dir():
                yield from self._directory(path)
            else:
                yield from self._guard(self._file(path), str(path))

    def _guard(
        self, items: Iterator[Document | ErrorRecord], origin: str
    ) -> Iterator[Document | ErrorRecord]:
        """Turn an InputError raised for a whole file into its error record."""
        try:
            yield from items
        except InputError as exc:
            yield error_record(exc, origin)

    def _directory(self, root: Path) -> Iterator[Document | ErrorRecord]:
        found: list[Path] = []
        errors: list[ErrorRecord] = []

        def failed(exc: OSError) -> None:
            item = exc.filename or str(root)
            errors.append(
                ErrorRecord(
                    str(item), UnreadableInput.code, f"{item}: cannot list ({exc.strerror})"
                )
            )

        for folder, dirs, files in os.walk(root, onerror=failed):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found.extend(Path(folder, f) for f in files if not f.startswith("."))
        yield from errors
        for path in sorted(found, key=lambda p: p.as_posix()):
            yield from self._guard(self._file(path), str(path))

    def _file(self, path: Path) -> Iterator[Document | ErrorRecord]:
        item = str(path)
        suffix = path.suffix.lower()
        if suffix not in KNOWN_EXTENSIONS:
            known = ", ".join(KNOWN_EXTENSIONS)
            raise UnknownFormat(
                f"unknown file extension {suffix or '(none)'!r}; yaqut reads {known}", item=item
            )
        try:
            size = path.stat().st_size
            per_item = suffix in _TEXT | _HTML
            if per_item and size > self.max_bytes:
                raise TooLarge(f"{size:,} bytes, over the limit of {self.max_bytes:,}", item=item)
            if suffix in _JSONL | _PARQUET:
                yield from self._stream(path, suffix, item)
                return
            data = path.read_bytes()
        except FileNotFoundError:
            raise UnreadableInput("no such file", item=item) from None
        except PermissionError:
            raise UnreadableInput("permission denied", item=item) from None
        except OSError as exc:
            raise UnreadableInput(f"cannot be read ({exc.strerror or exc})", item=item) from None
        yield from self._bytes(data, suffix, item)

    def _stdin(self) -> Iterator[Document | ErrorRecord]:
        stream = self.stdin if self.stdin is not None else sys.stdin.buffer
        data = stream.read()
        head = data.lstrip()[:1]
        suffix = ".txt"
        if head == b"{":
            first = data.lstrip().split(b"\n", 1)[0]
            try:
                suffix = ".jsonl" if isinstance(json.loads(first), dict) else ".txt"
            except ValueError:
                suffix = ".txt"
        elif head == b"<":
            suffix = ".html"
        if suffix in _TEXT | _HTML and len(data) > self.max_bytes:
            raise TooLarge(
                f"{len(data):,} bytes, over the limit of {self.max_bytes:,}", item=STDIN_ORIGIN
            )
        yield from self._bytes(data, suffix, STDIN_ORIGIN)

    def _bytes(self, data: bytes, suffix: str, item: str) -> Iterator[Document | ErrorRecord]:
        if not data.strip():
            raise EmptyInput("empty (no text at all)", item=item)
        if suffix in _TEXT:
            yield self._text(data, item)
        elif suffix in _HTML:
            yield self._html(data, item)
        elif suffix in _JSONL:
            yield from self._jsonl(data, item)
        else:
            yield from self._csv(data, item)

    # -- one reader per kind ---------------------------------------------------------------

    def _text(self, data: bytes, item: str) -> Document:
        text, warnings = decode(data, item, self.fallbacks)
        text = _normalise(text)
        if not text.strip():
            raise EmptyInput("empty (whitespace only)", item=item)
        return make_document(text, published=self.published, origin=item, warnings=warnings)

    def _html(self, data: bytes, item: str) -> Document:
        import trafilatura  # heavy: imported on first HTML input

        html, warnings = decode(data, item, self.fallbacks)
        if not _TAG.search(html):
            raise MalformedInput("malformed HTML: it holds no tags", item=item)
        try:
            extracted = trafilatura.bare_extraction(
                html, with_metadata=True, include_comments=False, include_tables=False
            )
        except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
            raise MalformedInput(
                f"malformed HTML ({type(exc).__name__}: {exc})", item=item
            ) from None
        text = _normalise(getattr(extracted, "text", None) or "").strip()
        if not text:
            raise MalformedInput("malformed HTML: no main text could be extracted", item=item)
        published: _dt.date | str | None = self.published
        found = getattr(extracted, "date", None)
        if found:
            try:
                published = parse_published(found)
            except MalformedInput:
                warnings.append(f"{item}: page date {found!r} not understood; not used")
        return make_document(
            text,
            published=published,
            title=getattr(extracted, "title", None) or None,
            url=getattr(extracted, "url", None) or None,
            source=getattr(extracted, "sitename", None) or None,
            origin=item,
            warnings=warnings,
        )

    def _record(self, fields: dict[str, Any], item: str, warnings: list[str]) -> Document:
        """A Document from one JSONL object or CSV row (already decoded)."""
        text = fields.get("text")
        if text is None:
            raise MalformedInput("no 'text' field", item=item)
        if not isinstance(text, str):
            raise MalformedInput(f"'text' is {type(text).__name__}, not a string", item=item)
        text = _normalise(text)
        if not text.strip():
            raise EmptyInput("'text' is empty", item=item)
        extra: dict[str, str | None] = {}
        for name in ("id", "source", "url", "title"):
            value = fields.get(name)
            extra[name] = None if value in (None, "") else str(value)
        published: _dt.date | None = self.published
        raw_date = published_field(fields)  # "published", "date", ... (yaqut.docmeta)
        if raw_date not in (None, ""):
            try:
                published = parse_published(str(raw_date)) or self.published
            except MalformedInput:
                fallback = self.published.isoformat() if self.published else "no date"
                warnings.append(
                    f"{item}: published {raw_date!r} is not an ISO date; used {fallback}"
                )
        return make_document(
            text,
            published=published,
            doc_id=extra["id"],
            source=extra["source"],
            url=extra["url"],
            title=extra["title"],
            origin=item,
            warnings=warnings,
        )

    def _stream(self, path: Path, suffix: str, item: str) -> Iterator[Document | ErrorRecord]:
        """A JSONL or Parquet file read a line / a row group at a time (bounded memory)."""
        seen = False
        if suffix in _PARQUET:
            for found in self._parquet(path, item):
                seen = True
                yield found
        else:
            with open(path, "rb") as handle:
                lines = (raw[:-1] if raw.endswith(b"\n") else raw for raw in handle)
                for found in self._jsonl(lines, item):
                    seen = True
                    yield found
        if not seen:
            raise EmptyInput("empty (no text at all)", item=item)

    def _parquet(self, path: Path, item: str) -> Iterator[Document | ErrorRecord]:
        import pyarrow.parquet as pq

        try:
            parquet = pq.ParquetFile(path)
        except Exception as exc:  # pyarrow raises several kinds for a broken file
            raise MalformedInput(f"not a Parquet file ({exc})", item=item) from None
        number = 0
        for batch in parquet.iter_batches(batch_size=256):
            for fields in batch.to_pylist():
                number += 1
                where = f"{item}:row {number}"
                try:
                    yield self._record(fields, where, [])
                except InputError as exc:
                    yield error_record(exc, where)

    def _jsonl(self, data: bytes | Iterable[bytes], item: str) -> Iterator[Document | ErrorRecord]:
        lines = data.split(b"\n") if isinstance(data, bytes) else data
        for number, raw in enumerate(lines, start=1):
            where = f"{item}:{number}"
            if not raw.strip():
                continue
            try:
                if len(raw) > self.max_bytes:
                    raise TooLarge(
                        f"line of {len(raw):,} bytes, over the limit of {self.max_bytes:,}",
                        item=where,
                    )
                line, warnings = decode(raw, where, self.fallbacks)
                try:
                    fields = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise MalformedInput(
                        f"malformed JSON ({exc.msg} at column {exc.colno})", item=where
                    ) from None
                if not isinstance(fields, dict):
                    raise MalformedInput(
                        f"a JSON {type(fields).__name__}, not an object with 'text'", item=where
                    )
                yield self._record(fields, where, warnings)
            except InputError as exc:
                yield error_record(exc, where)

    def _csv(self, data: bytes, item: str) -> Iterator[Document | ErrorRecord]:
        text, warnings = decode(data, item, self.fallbacks)
        csv.field_size_limit(max(self.max_bytes, csv.field_size_limit()))
        lines = text.splitlines(keepends=True)
        try:
            header = next(csv.reader(lines[:1], strict=True))
        except csv.Error as exc:
            raise MalformedInput(f"malformed CSV header ({exc})", item=f"{item}:1") from None
        except StopIteration:
            raise EmptyInput("empty (no header row)", item=item) from None
        header = [h.strip().lower() for h in header]
        if "text" not in header:
            raise MalformedInput(
                f"no 'text' column (columns: {', '.join(header)})", item=f"{item}:1"
            )
        offset = 1  # physical lines consumed before the current reader's first line
        rows = csv.reader(io.StringIO("".join(lines[offset:]), newline=""), strict=True)
        while True:
            start = offset + rows.line_num + 1  # 1-based line where the next row starts
            where = f"{item}:{start}"
            try:
                row = next(rows)
            except StopIteration:
                return
            except csv.Error as exc:
                yield error_record(MalformedInput(f"malformed CSV row ({exc})", item=where), where)
                # A broken quoted field can swallow the rest of the file: read on from the
                # physical line after the one the bad row started on.
                offset = start
                rows = csv.reader(io.StringIO("".join(lines[offset:]), newline=""), strict=True)
                continue
            if not any(cell.strip() for cell in row):
                continue
            try:
                if len(row) != len(header):
                    raise MalformedInput(
                        f"row has {len(row)} fields, the header has {len(header)}", item=where
                    )
                size = sum(len(cell.encode("utf-8")) for cell in row)
                if size > self.max_bytes:
                    raise TooLarge(
                        f"row of {size:,} bytes, over the limit of {self.max_bytes:,}", item=where
                    )
                yield self._record(dict(zip(header, row, strict=True)), where, list(warnings))
            except InputError as exc:
                yield error_record(exc, where)


def read_inputs(
    inputs: Sequence[str | Path],
    *,
    published: _dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fallback_encodings: Sequence[str] = FALLBACK_ENCODINGS,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | ErrorRecord]:
    """Every item of every input, in order, as a Document or as the ErrorRecord saying why not.

    ``published`` is used for items that carry no date of their own. ``stdin`` replaces
    ``sys.stdin.buffer`` for the input ``-`` (for tests and embedding).
    """
    reader = _Reader(published, max_bytes, fallback_encodings, stdin)
    yield from reader.read(inputs)
