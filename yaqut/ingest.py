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
encoding that works (cp1252, then latin-1) and the Document carries a warning saying so;
bytes that decode only to a run of control characters are binary (E102), not latin-1 text.

Limits, all checked before the bytes are held: ``max_bytes`` bounds each item (a whole
.txt/.html file, one JSONL line, one CSV row; files are read a bounded line at a time, so
a 1 GB file with no newline costs no more memory than one item), ``max_chars`` bounds the
text of a document (1,000,000, spaCy's ``max_length``, so a document that passes ingest is
never refused by the parser), and JSON nesting is bounded by :data:`MAX_JSON_DEPTH`. Only
regular files are opened (a FIFO or device named ``*.txt`` is an error, not a hang).
Every string of a Document (text, id, title ...) is valid Unicode: a lone surrogate (from
a JSON ``"\\ud800"`` escape) is escaped as the six characters ``\\ud800``, so no later
stage, hash or store meets a string it cannot encode.
"""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import hashlib
import io
import json
import os
import re
import stat
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, AnyStr, BinaryIO

from yaqut.docmeta import published_field
from yaqut.errors import (
    BinaryInput,
    EmptyInput,
    InputError,
    MalformedInput,
    TooLarge,
    UnknownFormat,
    UnreadableInput,
    printable,
)
from yaqut.records import Document, ErrorRecord

DEFAULT_MAX_BYTES = 5_000_000
#: spaCy's ``nlp.max_length``: a longer text would fail in the parser with its E088.
DEFAULT_MAX_CHARS = 1_000_000
#: JSONL objects are flat; deeper nesting than this is refused before it is parsed.
MAX_JSON_DEPTH = 64
#: Decoded text with more than this share of control characters (other than whitespace)
#: is binary: real text in any encoding has next to none, random bytes about a quarter.
BINARY_CONTROL_SHARE = 0.10
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
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # not \t \n \v \f \r
_JSON_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')  # strings skipped, brackets kept
_CHUNK = 1 << 20  # bytes read at a time while skipping an over-long line
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def valid_text(text: str) -> str:
    """``text`` with each lone surrogate escaped (``\\ud800`` as six characters): a string
    that always encodes as UTF-8. Valid text is returned as it is."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def content_hash(text: str) -> str:
    """sha256 (hex) of a text's UTF-8 bytes: what the store keys documents by (any string:
    lone surrogates are hashed as their escapes, see :func:`valid_text`)."""
    return hashlib.sha256(valid_text(text).encode("utf-8")).hexdigest()


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


def _optional(value: str | None) -> str | None:
    return None if value is None else valid_text(value)


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
    max_chars: int | None = DEFAULT_MAX_CHARS,
) -> Document:
    """A Document for ``text``: id is ``doc_id`` or ``sha:`` + the first 16 hex of its hash.

    Every string is made valid Unicode (:func:`valid_text`). Raises MalformedInput when
    ``published`` is a string that is not an ISO date, TooLarge when the text is longer
    than ``max_chars`` characters (None: no limit).
    """
    if max_chars is not None and len(text) > max_chars:
        raise TooLarge(
            f"{len(text):,} characters, over the limit of {max_chars:,} (spaCy's max_length)",
            item=origin,
        )
    text = valid_text(text)
    digest = content_hash(text)
    return Document(
        id=valid_text(doc_id) if doc_id else f"sha:{digest[:16]}",
        text=text,
        published=parse_published(published),
        source=_optional(source),
        url=_optional(url),
        title=_optional(title),
        origin=None if origin is None else printable(origin),
        content_hash=digest,
        warnings=tuple(valid_text(w) for w in warnings),
    )


def error_record(exc: InputError, origin: str) -> ErrorRecord:
    """The record of one bad item: its code, and a reason that names it (control
    characters and surrogates escaped, so it is one printable line)."""
    item = printable(exc.item or origin)
    return ErrorRecord(origin=item, code=exc.code, reason=printable(f"{item}: {exc.message}"))


def decode(
    data: bytes, item: str, fallbacks: Sequence[str] = FALLBACK_ENCODINGS
) -> tuple[str, list[str]]:
    """Bytes to text: UTF-8 (a BOM is honoured), else the first fallback encoding that works.

    Returns the text and the warnings to put on the Document. Raises BinaryInput when the
    bytes hold NUL bytes (and carry no UTF-16 byte-order mark), or when the text they decode
    to is more than :data:`BINARY_CONTROL_SHARE` control characters (random bytes decode
    as latin-1 without a NUL; text in any encoding has next to no control characters).
    """
    if data.startswith(_UTF16_BOMS):
        try:
            wide = data.decode("utf-16")
        except UnicodeDecodeError:
            raise BinaryInput("starts with a UTF-16 mark but is not UTF-16", item=item) from None
        _refuse_binary(wide, item)
        return wide, []
    if b"\x00" in data:
        raise BinaryInput("looks binary (it holds NUL bytes), not text", item=item)
    warnings: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = _fallback(data, item, fallbacks, f"byte {exc.start}", warnings)
    _refuse_binary(text, item)
    return text, warnings


def _fallback(data: bytes, item: str, fallbacks: Sequence[str], where: str,
              warnings: list[str]) -> str:
    for encoding in fallbacks:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        warnings.append(f"{item}: not valid UTF-8 (at {where}); decoded as {encoding}")
        return text
    raise MalformedInput(f"not valid UTF-8 (at {where}) nor {', '.join(fallbacks)}", item=item)


def _refuse_binary(text: str, item: str) -> None:
    controls = len(_CONTROL.findall(text))
    if controls >= 4 and controls > BINARY_CONTROL_SHARE * len(text):
        share = controls / len(text)
        raise BinaryInput(f"looks binary ({share:.0%} of its characters are control"
                          " characters), not text", item=item)


def json_depth(data: bytes) -> int:
    """How deep the arrays and objects of a JSON text nest (brackets inside strings are
    not counted); linear and without recursion."""
    depth = deepest = 0
    for match in _JSON_TOKEN.finditer(data):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in (b"]", b"}"):
            depth -= 1
    return deepest


def _parse_json(raw: bytes, text: str, where: str) -> Any:
    """One JSONL line as a Python value; E104 for malformed or too deeply nested JSON."""
    if raw.count(b"[") + raw.count(b"{") > MAX_JSON_DEPTH and json_depth(raw) > MAX_JSON_DEPTH:
        raise MalformedInput(f"JSON nested deeper than {MAX_JSON_DEPTH} levels", item=where)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise MalformedInput(
            f"malformed JSON ({exc.msg} at column {exc.colno})", item=where
        ) from None
    except RecursionError:  # a guard behind the depth check
        raise MalformedInput("JSON nested too deeply", item=where) from None


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_lines(
    readline: Callable[[int], AnyStr], limit: int
) -> Iterator[tuple[int, AnyStr | int]]:
    """(number, line) for each line of a byte stream, without its newline, never holding
    more than ``limit`` bytes: a longer line comes as its size (an int), its bytes skipped
    a chunk at a time. ``readline`` is a binary stream's ``readline(size)``, or a text
    stream's (lines and sizes then in characters)."""
    number = 0
    while True:
        raw = readline(limit + 1)
        if not raw:
            return
        number += 1
        newline = "\n" if isinstance(raw, str) else b"\n"  # a text stream works too
        if raw.endswith(newline):
            yield number, raw[:-1]
        elif len(raw) <= limit:
            yield number, raw  # the last line, without a newline
        else:
            size = len(raw)
            while True:
                more = readline(_CHUNK)
                size += len(more)
                if not more or more.endswith(newline):
                    break
            yield number, size - (1 if more.endswith(newline) else 0)


def open_regular(path: Path, item: str) -> BinaryIO:
    """``path`` opened for reading, if it is a regular file: a FIFO, socket or device is
    refused before it is opened (opening a FIFO blocks), and again after (without
    blocking: O_NONBLOCK), in case the name was swapped in between."""
    try:
        mode = os.stat(path).st_mode
        _regular(mode, item)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise UnreadableInput("no such file", item=item) from None
    except PermissionError:
        raise UnreadableInput("permission denied", item=item) from None
    except OSError as exc:
        raise UnreadableInput(f"cannot be read ({exc.strerror or exc})", item=item) from None
    try:
        _regular(os.fstat(fd).st_mode, item)
    except InputError:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb", buffering=_CHUNK)  # readline is 8x faster than on 8 KB


def _regular(mode: int, item: str) -> None:
    if stat.S_ISREG(mode):
        return
    kind = ("a FIFO" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file")
    raise UnreadableInput(f"not a regular file ({kind}); only regular files are read",
                          item=item)


class _BadLine(Exception):
    """A physical line of a CSV file that cannot be read (raised through csv.reader)."""

    def __init__(self, error: InputError, number: int) -> None:
        super().__init__(error.message)
        self.error = error
        self.number = number


class _Pushback:
    """The decoded lines of a CSV file as csv.reader reads them, keeping the lines of the
    row being read, so a malformed row is re-read from its second line without re-joining
    the rest of the file (recovery is linear in the file's length)."""

    def __init__(self, source: Iterator[tuple[int, Any, list[str]]]) -> None:
        self.source = source
        self.back: deque[tuple[int, str, list[str]]] = deque()
        self.taken: list[tuple[int, str, list[str]]] = []

    def __iter__(self) -> _Pushback:
        return self

    def __next__(self) -> str:
        line = self.back.popleft() if self.back else next(self.source)
        if isinstance(line[1], InputError):
            raise _BadLine(line[1], line[0])  # raised here: the source generator goes on
        self.taken.append(line)
        return line[1]

    def reread(self, lines: list[tuple[int, str, list[str]]]) -> None:
        self.back.extendleft(reversed(lines))


class _Reader:
    """Reads every kind of input with the same limits and fallbacks."""

    def __init__(
        self,
        published: _dt.date | None,
        max_bytes: int,
        fallbacks: Sequence[str],
        stdin: BinaryIO | None,
        max_chars: int | None = DEFAULT_MAX_CHARS,
    ) -> None:
        self.published = published
        self.max_bytes = max_bytes
        self.max_chars = max_chars
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
        """Turn an InputError raised for a whole file into its error record (and an error
        while reading a file that opened, such as EIO, into an E106)."""
        try:
            yield from items
        except InputError as exc:
            yield error_record(exc, origin)
        except OSError as exc:
            yield error_record(UnreadableInput(f"read failed ({exc.strerror or exc})"), origin)

    def _directory(self, root: Path) -> Iterator[Document | ErrorRecord]:
        found: list[Path] = []
        errors: list[ErrorRecord] = []

        def failed(exc: OSError) -> None:
            item = printable(str(exc.filename or root))
            errors.append(
                ErrorRecord(item, UnreadableInput.code, f"{item}: cannot list ({exc.strerror})")
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
        with open_regular(path, item) as handle:
            if suffix in _PARQUET:
                yield from self._nonempty(self._parquet(handle, item), item)
            elif suffix in _JSONL:
                yield from self._nonempty(self._jsonl(read_lines(handle.readline,
                                                                 self.max_bytes), item), item)
            elif suffix in _CSV:
                yield from self._csv(handle, item)
            else:
                size = os.fstat(handle.fileno()).st_size
                if size > self.max_bytes:  # refused before a byte is read
                    raise TooLarge(f"{size:,} bytes, over the limit of {self.max_bytes:,}",
                                   item=item)
                yield from self._bytes(self._whole(handle, item), suffix, item)

    def _whole(self, handle: BinaryIO, item: str, head: bytes = b"") -> bytes:
        """The rest of a stream after ``head``, refused unread past ``max_bytes`` (a file
        that grew since its size was checked, or standard input)."""
        data = head + handle.read(self.max_bytes + 1 - len(head))
        if len(data) > self.max_bytes:
            raise TooLarge(f"more than {self.max_bytes:,} bytes, over the limit", item=item)
        return data

    def _nonempty(self, items: Iterator[Document | ErrorRecord], item: str
                  ) -> Iterator[Document | ErrorRecord]:
        seen = False
        for found in items:
            seen = True
            yield found
        if not seen:
            raise EmptyInput("empty (no text at all)", item=item)

    def _stdin(self) -> Iterator[Document | ErrorRecord]:
        """Standard input: JSONL (a JSON object on the first non-blank line) is read line by
        line; anything else is one article of at most ``max_bytes``."""
        stream = self.stdin if self.stdin is not None else sys.stdin.buffer
        head = b""
        while len(head) <= self.max_bytes:
            line = stream.readline(self.max_bytes + 1)
            head += line
            if not line or line.strip():
                break
        first = head.lstrip()
        complete = head.endswith(b"\n") or len(head) <= self.max_bytes
        if first[:1] == b"{" and complete and _is_object(first):
            lines = _chain_readline(io.BytesIO(head).readline, stream.readline)
            yield from self._nonempty(
                self._jsonl(read_lines(lines, self.max_bytes), STDIN_ORIGIN), STDIN_ORIGIN
            )
            return
        suffix = ".html" if first[:1] == b"<" else ".txt"
        yield from self._bytes(self._whole(stream, STDIN_ORIGIN, head), suffix, STDIN_ORIGIN)

    def _bytes(self, data: bytes, suffix: str, item: str) -> Iterator[Document | ErrorRecord]:
        if not data.strip():
            raise EmptyInput("empty (no text at all)", item=item)
        if suffix in _TEXT:
            yield self._text(data, item)
        else:
            yield self._html(data, item)

    # -- one reader per kind ---------------------------------------------------------------

    def _document(self, text: str, **fields: Any) -> Document:
        return make_document(text, max_chars=self.max_chars, **fields)

    def _text(self, data: bytes, item: str) -> Document:
        text, warnings = decode(data, item, self.fallbacks)
        text = _normalise(text)
        if not text.strip():
            raise EmptyInput("empty (whitespace only)", item=item)
        return self._document(text, published=self.published, origin=item, warnings=warnings)

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
        return self._document(
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
        return self._document(
            text,
            published=published,
            doc_id=extra["id"],
            source=extra["source"],
            url=extra["url"],
            title=extra["title"],
            origin=item,
            warnings=warnings,
        )

    def _parquet(self, handle: BinaryIO, item: str) -> Iterator[Document | ErrorRecord]:
        """A Parquet file read a row group at a time (bounded memory)."""
        import pyarrow.parquet as pq

        try:
            parquet = pq.ParquetFile(handle)
            batches = parquet.iter_batches(batch_size=256)
        except Exception as exc:  # pyarrow raises several kinds for a broken file
            raise MalformedInput(f"not a Parquet file ({exc})", item=item) from None
        number = 0
        while True:
            try:
                batch = next(batches)
            except StopIteration:
                return
            except Exception as exc:  # a corrupt row group: the rest is unreadable too
                raise MalformedInput(f"broken Parquet data after row {number} ({exc})",
                                     item=item) from None
            for fields in batch.to_pylist():
                number += 1
                where = f"{item}:row {number}"
                try:
                    yield self._record(fields, where, [])
                except InputError as exc:
                    yield error_record(exc, where)

    def _jsonl(self, lines: Iterable[tuple[int, bytes | int]], item: str
               ) -> Iterator[Document | ErrorRecord]:
        for number, raw in lines:
            where = f"{item}:{number}"
            try:
                if isinstance(raw, int):
                    raise TooLarge(
                        f"line of {raw:,} bytes, over the limit of {self.max_bytes:,}",
                        item=where,
                    )
                if not raw.strip():
                    continue
                line, warnings = decode(raw, where, self.fallbacks)
                fields = _parse_json(raw, line, where)
                if not isinstance(fields, dict):
                    raise MalformedInput(
                        f"a JSON {type(fields).__name__}, not an object with 'text'", item=where
                    )
                yield self._record(fields, where, warnings)
            except InputError as exc:
                yield error_record(exc, where)

    def _csv(self, handle: BinaryIO, item: str) -> Iterator[Document | ErrorRecord]:
        rows = csv_rows(handle, item, max_bytes=self.max_bytes, fallbacks=self.fallbacks)
        first = next(rows, None)
        if first is None:
            raise EmptyInput("empty (no header row)", item=item)
        if isinstance(first[1], InputError):
            raise first[1]
        header = [h.strip().lower() for h in first[1]]
        if "text" not in header:
            raise MalformedInput(
                f"no 'text' column (columns: {', '.join(header)})", item=f"{item}:1"
            )
        for number, row, warnings in rows:
            where = f"{item}:{number}"
            try:
                if isinstance(row, InputError):
                    raise row
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(header):
                    raise MalformedInput(
                        f"row has {len(row)} fields, the header has {len(header)}", item=where
                    )
                yield self._record(dict(zip(header, row, strict=True)), where, warnings)
            except InputError as exc:
                yield error_record(exc, where)


def _csv_lines(handle: BinaryIO, item: str, max_bytes: int, fallbacks: Sequence[str]
               ) -> Iterator[tuple[int, Any, list[str]]]:
    """(number, text with its newline, warnings) per physical line; a line that cannot be
    read (too long, binary, undecodable) comes as (number, its InputError, [])."""
    if handle.peek(2)[:2] not in _UTF16_BOMS:  # type: ignore[attr-defined]
        for number, raw in read_lines(handle.readline, max_bytes):
            where = f"{item}:{number}"
            try:
                if isinstance(raw, int):
                    raise TooLarge(f"line of {raw:,} bytes, over the limit of {max_bytes:,}",
                                   item=where)
                text, warnings = decode(raw, where, fallbacks)
            except InputError as exc:
                yield number, exc, []
                continue
            yield number, text + "\n", warnings
        return
    wide = io.TextIOWrapper(handle, encoding="utf-16", newline="")
    try:
        for number, line in read_lines(wide.readline, max_bytes):
            if isinstance(line, int):
                yield number, TooLarge(f"line of {line:,} characters, over the limit of"
                                       f" {max_bytes:,}", item=f"{item}:{number}"), []
            else:
                yield number, line + "\n", []
    except UnicodeDecodeError as exc:
        raise MalformedInput(f"not valid UTF-16 ({exc.reason})", item=item) from None
    finally:
        wide.detach()  # the file is closed by its owner


def csv_rows(
    handle: BinaryIO,
    item: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fallbacks: Sequence[str] = FALLBACK_ENCODINGS,
) -> Iterator[tuple[int, list[str] | InputError, list[str]]]:
    """Every row of a CSV file, the header first, as (the physical line it starts on, its
    cells, the decoding warnings of its lines); a row that cannot be read comes as (line,
    the InputError saying why, []) and reading goes on.

    ``handle`` is a binary file opened for reading (with ``peek``). Lines are read bounded
    by ``max_bytes`` and decoded one by one (UTF-8, else ``fallbacks``; UTF-16 with a BOM);
    a row over ``max_bytes`` is TooLarge. After a malformed row, reading goes on from the
    line after the one it started on, re-reading only the lines that row took: recovery is
    linear in the file's length.
    """
    csv.field_size_limit(max(max_bytes, csv.field_size_limit()))
    lines = _Pushback(_csv_lines(handle, item, max_bytes, fallbacks))
    reader = csv.reader(lines, strict=True)
    while True:
        lines.taken = []
        try:
            row = next(reader)
        except StopIteration:
            return
        except _BadLine as bad:
            # the line is skipped; lines of a row it interrupted are read again
            yield bad.number, bad.error, []
            lines.reread(lines.taken)
            continue
        except csv.Error as exc:
            number = lines.taken[0][0] if lines.taken else 0
            yield number, MalformedInput(f"malformed CSV row ({exc})",
                                         item=f"{item}:{number}"), []
            # A broken quoted field can swallow the lines after it: read on from the
            # physical line after the one the bad row started on.
            lines.reread(lines.taken[1:])
            continue
        number = lines.taken[0][0]
        size = sum(len(cell.encode("utf-8", "surrogatepass")) for cell in row)
        if size > max_bytes:
            yield number, TooLarge(f"row of {size:,} bytes, over the limit of {max_bytes:,}",
                                   item=f"{item}:{number}"), []
            continue
        yield number, row, [w for _, _, found in lines.taken for w in found]


def _is_object(line: bytes) -> bool:
    if json_depth(line) > MAX_JSON_DEPTH:
        return True  # a JSON object, too deep: JSONL, and that line an error
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False


def _chain_readline(*readlines: Callable[[int], bytes]) -> Callable[[int], bytes]:
    """One ``readline(size)`` over several streams, one after the other (the first ones
    end on line boundaries)."""
    pending = list(readlines)

    def readline(size: int) -> bytes:
        while pending:
            line = pending[0](size)
            if line:
                return line
            pending.pop(0)
        return b""

    return readline


def read_inputs(
    inputs: Sequence[str | Path],
    *,
    published: _dt.date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fallback_encodings: Sequence[str] = FALLBACK_ENCODINGS,
    stdin: BinaryIO | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
) -> Iterator[Document | ErrorRecord]:
    """Every item of every input, in order, as a Document or as the ErrorRecord saying why not.

    ``published`` is used for items that carry no date of their own. ``stdin`` replaces
    ``sys.stdin.buffer`` for the input ``-`` (for tests and embedding). ``max_bytes`` bounds
    an item's bytes, ``max_chars`` a document's characters (see the module's docstring).
    """
    reader = _Reader(published, max_bytes, fallback_encodings, stdin, max_chars)
    yield from reader.read(inputs)
