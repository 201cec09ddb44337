"""Batch coding: one process or N, a progress display, and runs that resume.

:func:`code_into_store` codes a stream of input items into a store, keeping the store's
rules: documents keyed by content hash and skipped when already stored, errors recorded,
reports of one incident merged (:mod:`yaqut.dedup`), commits every ``batch_size``
documents. :func:`code_batch` adds:

- ``workers=N`` codes documents in N worker processes. The main process still reads the
  inputs and writes the store, in input order, so the store ends up exactly as one process
  would leave it. A bounded window of documents is in flight, so memory does not grow with
  the corpus. Each worker builds its coder from a :class:`~yaqut.coder.CoderConfig`
  (picklable), never from globals.
- A progress display on stderr: a rich bar with documents/s and the ETA when stderr is a
  terminal, a plain line every few seconds otherwise (logs, pipes).
- Resuming: a run that is interrupted (Ctrl-C, kill -9, a crash) loses at most the
  documents since the last commit; running the same command again skips every document
  already stored (by content hash) and codes the rest, so nothing is lost or coded twice.
- Concurrent runs: documents are coded outside any write transaction and written in short
  transactions (tried again if the store is locked), so two runs on one store both finish,
  each document stored once by whichever is first.
- Bounds: a document over the coder's time budget (``coder.time_budget``) or that the
  store cannot hold becomes its own error record (E402, E401); the batch goes on.

Another coder (e.g. a cheap one in tests) is plugged in with the ``coder.plugin`` setting
(``module:function``, see :class:`~yaqut.coder.CoderConfig`) or, in one process, by passing
any callable Document -> list[Event] as ``coder``.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from yaqut.coder import CodeFn, CoderConfig, build_coder
from yaqut.errors import (
    CodingError,
    ResourceError,
    StoreError,
    Unstorable,
    UsageError,
    YaqutError,
)
from yaqut.records import Document, ErrorRecord, Event
from yaqut.store import Store

# -- counting the work (for the ETA) ---------------------------------------------------------


def count_items(inputs: Sequence[str | Path]) -> int | None:
    """About how many items the inputs hold (None when unknown, e.g. stdin).

    Cheap: JSONL lines and CSV lines are counted as bytes, Parquet rows read from the
    footer, other files count one. It only feeds the progress display.
    """
    total = 0
    for raw in inputs:
        if str(raw) == "-":
            return None
        path = Path(raw)
        files = (
            sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            if path.is_dir()
            else [path]
        )
        for f in files:
            total += _count_file(f)
    return total


def _count_file(path: Path) -> int:
    suffix = path.suffix.lower()
    try:
        if suffix in (".jsonl", ".ndjson", ".csv"):
            n = 0
            with open(path, "rb") as handle:
                for line in handle:
                    n += bool(line.strip())
            return max(n - (suffix == ".csv"), 0)
        if suffix in (".parquet", ".pq"):
            import pyarrow.parquet as pq

            return int(pq.ParquetFile(path).metadata.num_rows)
    except OSError:
        return 1
    except Exception:  # a broken Parquet footer: ingest will report it; count one
        return 1
    return 1


# -- progress ----------------------------------------------------------------------------


class Progress:
    """Items done out of ``total``: a rich bar on a terminal, plain lines elsewhere."""

    def __init__(
        self,
        total: int | None,
        *,
        stream: TextIO | None = None,
        enabled: bool = True,
        interval: float = 5.0,
        terminal: bool | None = None,
    ) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled
        self.interval = interval
        self.terminal = self.stream.isatty() if terminal is None else terminal
        self.done = 0
        self.documents = 0
        self.start = time.monotonic()
        self._last = self.start
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        if self.enabled and self.terminal:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            from rich.progress import (
                Progress as RichProgress,
            )

            self._bar = RichProgress(
                TextColumn("coding"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} docs/s"),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                TimeElapsedColumn(),
                console=Console(file=self.stream),
                transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task("coding", total=self.total, rate="-")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.refresh()
            self._bar.stop()

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self.start
        return self.documents / elapsed if elapsed > 0 else 0.0

    def eta(self) -> float | None:
        elapsed = time.monotonic() - self.start
        if not self.total or not self.done or elapsed <= 0:
            return None
        return max(self.total - self.done, 0) * elapsed / self.done

    def line(self) -> str:
        of = f"/{self.total}" if self.total else ""
        eta = self.eta()
        tail = f", ETA {_clock(eta)}" if eta is not None else ""
        return f"coding: {self.done}{of} items, {self.rate:.1f} docs/s{tail}"

    def update(self, done: int, documents: int) -> None:
        self.done, self.documents = done, documents
        if not self.enabled:
            return
        if self._bar is not None:
            self._bar.update(self._task, completed=done, rate=f"{self.rate:.1f}")
            return
        now = time.monotonic()
        if now - self._last >= self.interval:
            self._last = now
            print(self.line(), file=self.stream, flush=True)


def _clock(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


# -- worker processes ----------------------------------------------------------------------

_WORKER_CODER: CodeFn | None = None


def _watch_parent(parent: int) -> None:
    """End this worker when the main process is gone (e.g. kill -9): no orphans left."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)


def _init_worker(config: CoderConfig, parent: int) -> None:
    import signal
    import threading

    global _WORKER_CODER
    # Ctrl-C reaches the whole process group: the main process stops the batch and the
    # workers, which would otherwise each print a KeyboardInterrupt traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    _WORKER_CODER = build_coder(config)


def _work(doc: Document) -> tuple[str, Any]:
    """Code one document in a worker: ("ok", events) or ("err", how it failed)."""
    assert _WORKER_CODER is not None
    try:
        return "ok", list(_WORKER_CODER(doc))
    except Exception as exc:  # sent back as data: exceptions do not all pickle
        if isinstance(exc, YaqutError):  # rebuilt as it was (class, message, item)
            return "err", (type(exc).__name__, exc.message, isinstance(exc, ResourceError),
                           exc.item)
        return "err", (type(exc).__name__, str(exc), False, None)


def remote_error(name: str, message: str, resource: bool, item: str | None = None
                 ) -> Exception:
    """An exception that reads like the worker's (same type name and message).

    A yaqut error (:mod:`yaqut.errors`) comes back as its own class, with ``message`` and
    ``item``; ``resource`` marks a ResourceError whose class is unknown here.
    """
    import yaqut.errors as errors_module

    cls = getattr(errors_module, name, None)
    if isinstance(cls, type) and issubclass(cls, YaqutError):
        return cls(message, item=item)
    if resource:
        return ResourceError(message, item=item)
    return type(name, (Exception,), {})(message)


class _Parallel:
    """Feeds code_into_store in input order while N processes code the documents ahead."""

    def __init__(self, store: Any, workers: int, config: CoderConfig, window: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.store = store
        self.window = window
        self.config = config
        # spawn: workers start clean (no copy of the store's connection or of threads)
        self.pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(config, os.getpid()),
        )
        self.futures: dict[int, Any] = {}
        self._local: CodeFn | None = None

    def close(self, cancel: bool = False) -> None:
        self.pool.shutdown(wait=not cancel, cancel_futures=cancel)

    def feed(self, items: Iterable[Document | ErrorRecord]) -> Iterator[Document | ErrorRecord]:
        queue: deque[Document | ErrorRecord] = deque()
        iterator = iter(items)
        exhausted = False
        flying: set[str] = set()
        while True:
            while (
                not exhausted and len(self.futures) < self.window and len(queue) < 8 * self.window
            ):
                item = next(iterator, None)
                if item is None:
                    exhausted = True
                    break
                queue.append(item)
                if (
                    isinstance(item, Document)
                    and item.content_hash not in flying
                    and not self.store.has_document(item.content_hash)
                ):
                    flying.add(item.content_hash)
                    self.futures[id(item)] = self.pool.submit(_work, item)
            if not queue:
                return
            item = queue.popleft()
            yield item
            # code_into_store skipped it (stored meanwhile) or coded it: drop what is left
            left = self.futures.pop(id(item), None)
            if left is not None:
                left.cancel()
            if isinstance(item, Document):
                flying.discard(item.content_hash)

    def __call__(self, doc: Document) -> list[Event]:
        future = self.futures.pop(id(doc), None)
        if future is None:  # a repeat whose first copy failed: code it here
            if self._local is None:
                self._local = build_coder(self.config)
            return list(self._local(doc))
        status, value = future.result()
        if status == "ok":
            return value
        raise remote_error(*value)


# -- the batch ---------------------------------------------------------------------------


@dataclass
class BatchSummary:
    """What one batch did: documents coded, already stored, events made, items failed."""

    documents: int = 0
    skipped: int = 0
    events: int = 0
    errors: int = 0
    warnings: list[str] = field(default_factory=list)
    failed: list[ErrorRecord] = field(default_factory=list)

    def line(self) -> str:
        """``N documents, M events, K errors`` (and how many were already stored)."""

        def n(count: int, word: str) -> str:
            return f"{count} {word}{'' if count == 1 else 's'}"

        text = (
            f"{n(self.documents, 'document')}, {n(self.events, 'event')}, {n(self.errors, 'error')}"
        )
        if self.skipped:
            text += f" ({self.skipped} already in the store)"
        return text


def code_into_store(
    items: Iterable[Document | ErrorRecord],
    store: Store,
    coder: CodeFn,
    *,
    summary: BatchSummary | None = None,
    batch_size: int = 100,
    dedup: bool = True,
) -> Iterator[Event]:
    """Code every new Document of ``items`` with ``coder`` into ``store``; yield new events.

    Documents already in the store are skipped; ErrorRecords are stored; a document whose
    coding raises anything but a :class:`~yaqut.errors.ResourceError` (which stops the
    batch: no later document could be coded either) is stored as an error record (its
    :class:`~yaqut.errors.CodingError` code, E400 for any other exception) and the batch
    goes on. ``summary`` is updated as items go by.

    Coding happens outside any write transaction; the coded documents are written every
    ``batch_size`` documents in one short transaction (:func:`_write`), so another process
    can write to the same store meanwhile (a document it stored first is skipped here),
    and an interruption loses at most one batch, which the next run codes again. A
    document the store cannot hold becomes its own error record (E401) without undoing the
    others. With ``dedup`` (the default) a new event that reports an incident the store
    already holds is merged into it (:func:`yaqut.dedup.merge_into_store`, in the same
    transaction as the document's writes) and yielded in its merged form.
    """
    summary = summary if summary is not None else BatchSummary()
    pending: list[tuple[Document | ErrorRecord, list[Event]]] = []
    hashes: set[str] = set()  # of the pending documents: a repeat is not coded twice
    try:
        for item in items:
            if isinstance(item, Document):
                if item.content_hash in hashes or store.has_document(item.content_hash):
                    summary.skipped += 1
                    continue
                summary.warnings.extend(item.warnings)
                hashes.add(item.content_hash)
                pending.append(_code_one(item, coder))
            else:
                pending.append((item, []))
            if len(hashes) >= batch_size:
                yield from _write(store, pending, summary, dedup)
                pending, hashes = [], set()
    except ResourceError:  # the batch stops; what was coded before it is kept
        for _ in _write(store, pending, summary, dedup):
            pass
        raise
    yield from _write(store, pending, summary, dedup)


def _code_one(doc: Document, coder: CodeFn) -> tuple[Document | ErrorRecord, list[Event]]:
    """(doc, its events), or (its error record, []) when coding fails."""
    try:
        return doc, list(coder(doc))
    except ResourceError:
        raise
    except Exception as exc:  # a bug in a stage or a budget overrun: report it, go on
        where = doc.origin or doc.id
        code = exc.code if isinstance(exc, CodingError) else CodingError.code
        detail = exc.message if isinstance(exc, CodingError) else f"{type(exc).__name__}: {exc}"
        return ErrorRecord(
            origin=where, code=code, reason=f"{where}: coding failed ({detail})",
            doc_id=doc.id,
        ), []


#: How often a write transaction that finds the store locked is tried again (each try
#: waits up to the store's busy_timeout for the other writer).
WRITE_ATTEMPTS = 3


def _write(
    store: Store,
    pending: list[tuple[Document | ErrorRecord, list[Event]]],
    summary: BatchSummary,
    dedup: bool,
) -> Iterator[Event]:
    """Write coded documents and error records in one transaction (tried again when the
    store is locked); yield the events stored, once committed."""
    from yaqut.dedup import merge_into_store

    if not pending:
        return

    for attempt in range(1, WRITE_ATTEMPTS + 1):
        stored: list[Event] = []
        counts = BatchSummary()
        try:
            with store.transaction():
                for item, events in pending:
                    if isinstance(item, ErrorRecord):
                        store.add_error(item)
                        counts.errors += 1
                        counts.failed.append(item)
                    elif store.has_document(item.content_hash):  # another writer's
                        counts.skipped += 1
                    else:
                        kept = _store_one(store, item, events, merge_into_store if dedup
                                          else None, counts)
                        stored.extend(kept)
        except StoreError as exc:
            if attempt == WRITE_ATTEMPTS or "locked" not in str(exc):
                raise
            time.sleep(0.1 * attempt)
            continue
        break
    summary.documents += counts.documents
    summary.events += counts.events
    summary.skipped += counts.skipped
    summary.errors += counts.errors
    summary.failed.extend(counts.failed)
    yield from stored


def _store_one(
    store: Store, doc: Document, events: list[Event], merge: Any, counts: BatchSummary
) -> list[Event]:
    """Store one coded document (merged into stored incidents when ``merge``); on a
    failure only its own writes are undone and it is recorded as an error (E401)."""
    try:
        with store.savepoint():
            if merge is not None:  # reports of an incident already stored join it
                events = merge(store, events)
            store.add_coded(doc, events)
    except sqlite3.OperationalError as exc:  # the file, not the document (disk full ...)
        raise StoreError(f"cannot write ({exc})", item=str(store.path)) from None
    except Exception as exc:  # e.g. a text SQLite cannot encode: this document only
        where = doc.origin or doc.id
        err = ErrorRecord(
            origin=where, code=Unstorable.code,
            reason=f"{where}: cannot be stored ({type(exc).__name__}: {exc})", doc_id=doc.id,
        )
        store.add_error(err)
        counts.errors += 1
        counts.failed.append(err)
        return []
    counts.documents += 1
    counts.events += len(events)
    return events


def code_batch(
    items: Iterable[Document | ErrorRecord],
    store: Store,
    *,
    workers: int = 1,
    coder: CodeFn | None = None,
    config: CoderConfig | None = None,
    summary: BatchSummary | None = None,
    batch_size: int = 100,
    progress: Progress | None = None,
    window: int | None = None,
) -> Iterator[Event]:
    """Code ``items`` into ``store`` with 1 or ``workers`` processes; yield the new events.

    The events, errors and the store's content are the same whatever ``workers`` is. With
    one worker ``coder`` (default: the one ``config`` describes) runs here; with more, each
    worker process builds the coder ``config`` describes (default: the shipped settings).
    ``progress`` is told how many items are done.
    """
    if workers < 1:
        raise UsageError(f"--workers must be at least 1, not {workers}")
    summary = summary if summary is not None else BatchSummary()
    config = config if config is not None else CoderConfig()
    parallel = None
    if workers > 1:
        parallel = _Parallel(store, workers, config, window or 4 * workers)
        use: CodeFn = parallel
        stream: Iterable[Document | ErrorRecord] = parallel.feed(items)
    else:
        use = coder if coder is not None else build_coder(config)
        stream = items
    counted = _counting(stream, summary, progress)
    finished = False
    try:
        yield from code_into_store(counted, store, use, summary=summary, batch_size=batch_size)
        finished = True
    finally:
        if progress is not None:
            progress.update(progress.done, summary.documents)
        if parallel is not None:
            parallel.close(cancel=not finished)


def _counting(
    items: Iterable[Document | ErrorRecord], summary: Any, progress: Progress | None
) -> Iterator[Document | ErrorRecord]:
    done = 0
    for item in items:
        if progress is not None:
            progress.update(done, summary.documents)
        yield item
        done += 1
    if progress is not None:
        progress.update(done, summary.documents)


__all__ = [
    "BatchSummary",
    "Progress",
    "code_batch",
    "code_into_store",
    "count_items",
]
