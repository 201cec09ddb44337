"""Coding shards on a Dask cluster: one task per input shard, Parquet shards out.

``yaqut code SHARDS/ --engine dask --out EVENTS/`` sends every input file (a JSONL, CSV or
Parquet shard, or any input ``yaqut code`` reads) to a worker of a Dask cluster. The
worker reads it with :func:`yaqut.ingest.read_inputs`, codes each document and writes

- ``EVENTS/NNNNN-<name>.events.parquet``: the events, in the export's columns
  (:func:`yaqut.export.parquet_schema`) plus ``item`` (the document's position in the
  shard) and ``data`` (the event's full JSON record, so nothing is lost on the way);
- ``EVENTS/NNNNN-<name>.documents.parquet``: every item of the shard in order, a coded
  document (id, text, dates, content hash ...) or an error record, written last: its
  presence marks the shard done, so a rerun skips finished shards (resume).

:func:`import_parquet` (``yaqut import parquet EVENTS/``) loads the shards into a store
in shard order through :func:`yaqut.batch.code_into_store`, so the store ends up as a
single-process ``yaqut code`` run leaves it: documents keyed by content hash, reports of
one incident merged, errors recorded. Plain event Parquet files (``yaqut export --format
parquet``) load too, as imported events.

Without a scheduler address a local cluster of ``workers`` single-threaded processes is
started; with one (``tcp://host:8786``) the tasks go to that cluster, whose workers must
have yaqut installed and see the input and output paths (a shared file system).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yaqut.batch import BatchSummary, code_into_store, remote_error
from yaqut.coder import CodeFn, CoderConfig, build_coder
from yaqut.errors import ResourceError, UsageError, YaqutError
from yaqut.records import Document, ErrorRecord, Event, event_from_dict, event_to_dict

EVENTS_SUFFIX = ".events.parquet"
_DOCUMENT_FIELDS = ("id", "text", "source", "url", "title", "origin", "content_hash")
DOCUMENTS_SUFFIX = ".documents.parquet"


# -- which shards ------------------------------------------------------------------------


def shard_paths(inputs: Sequence[str | Path]) -> list[Path]:
    """Every input file, in the order ``yaqut code`` reads them (folders sorted, recursive)."""
    out: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        if str(raw) == "-":
            raise UsageError("--engine dask reads files (shards), not stdin")
        if path.is_dir():
            found: list[Path] = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                found.extend(Path(folder, f) for f in files if not f.startswith("."))
            out.extend(sorted(found, key=lambda p: p.as_posix()))
        else:
            out.append(path)
    if not out:
        raise UsageError("no input shards found")
    return out


def shard_name(index: int, path: Path) -> str:
    stem = path.name
    for suffix in (".jsonl", ".ndjson", ".parquet", ".csv", ".txt", ".html"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
    return f"{index:05d}-{stem}"


# -- one shard, on a worker ----------------------------------------------------------------

_CODERS: dict[CoderConfig, CodeFn] = {}  # a worker's coders, built once per config


def _coder(config: CoderConfig) -> CodeFn:
    if config not in _CODERS:
        _CODERS[config] = build_coder(config)
    return _CODERS[config]


def _doc_row(doc: Document, n_events: int) -> dict[str, Any]:
    return {
        "kind": "document",
        "id": doc.id,
        "text": doc.text,
        "published": doc.published.isoformat() if doc.published else None,
        "source": doc.source,
        "url": doc.url,
        "title": doc.title,
        "origin": doc.origin,
        "content_hash": doc.content_hash,
        "warnings": json.dumps(list(doc.warnings), ensure_ascii=False),
        "n_events": n_events,
        "code": None,
        "reason": None,
        "doc_id": None,
    }


def _error_row(err: ErrorRecord) -> dict[str, Any]:
    row = dict.fromkeys(_doc_row(Document(id="", text=""), 0))
    row.update(kind="error", origin=err.origin, code=err.code, reason=err.reason,
               doc_id=err.doc_id, n_events=0)  # fmt: skip
    return row


def _documents_schema() -> Any:
    import pyarrow as pa

    text = ("kind", "id", "text", "published", "source", "url", "title", "origin",
            "content_hash", "warnings", "code", "reason", "doc_id")  # fmt: skip
    fields = [pa.field(n, pa.string()) for n in text]
    fields.insert(10, pa.field("n_events", pa.int32()))
    return pa.schema(fields)


def events_table(events: Sequence[tuple[int, Event]]) -> Any:
    """Events as an Arrow table: the export's columns, ``item`` and ``data`` (full JSON)."""
    import pyarrow as pa

    from yaqut.export import parquet_record, parquet_schema

    schema = parquet_schema()
    schema = schema.append(pa.field("item", pa.int32())).append(pa.field("data", pa.string()))
    rows = []
    for item, event in events:
        data = event_to_dict(event)
        row = parquet_record(event, data)
        row["item"] = item
        row["data"] = json.dumps(data, ensure_ascii=False)
        rows.append(row)
    return pa.Table.from_pylist(rows, schema=schema)


def _write(table: Any, path: Path) -> None:
    import pyarrow.parquet as pq

    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(table, str(tmp))
    os.replace(tmp, path)  # atomic: a shard file is whole or absent


@dataclass
class ShardResult:
    shard: str
    name: str
    documents: int = 0
    events: int = 0
    errors: int = 0
    skipped: bool = False
    failed: list[str] = field(default_factory=list)


def code_shard(
    index: int,
    path: str,
    out_dir: str,
    *,
    published: str | None = None,
    max_bytes: int | None = None,
    fallback_encodings: Sequence[str] | None = None,
    config: CoderConfig | None = None,
) -> ShardResult:
    """Code one shard and write its two Parquet files (skipped when already written)."""
    import datetime as _dt

    import pyarrow as pa

    from yaqut.docmeta import annotate
    from yaqut.ingest import DEFAULT_MAX_BYTES, FALLBACK_ENCODINGS, read_inputs

    name = shard_name(index, Path(path))
    out = Path(out_dir)
    done_marker = out / f"{name}{DOCUMENTS_SUFFIX}"
    result = ShardResult(shard=path, name=name)
    if done_marker.exists():
        result.skipped = True
        return result
    coder = _coder(config if config is not None else CoderConfig())
    rows: list[dict[str, Any]] = []
    events: list[tuple[int, Event]] = []
    items = annotate(read_inputs(  # date from the file name, source, language (docmeta)
        [path],
        published=_dt.date.fromisoformat(published) if published else None,
        max_bytes=max_bytes or DEFAULT_MAX_BYTES,
        fallback_encodings=fallback_encodings or FALLBACK_ENCODINGS,
    ))
    for item in items:
        if isinstance(item, ErrorRecord):
            rows.append(_error_row(item))
            result.errors += 1
            result.failed.append(item.reason)
            continue
        try:
            coded = list(coder(item))
        except ResourceError:
            raise
        except Exception as exc:  # kept as data: the import records it as `yaqut code` does
            row = _doc_row(item, 0)
            why = exc.message if isinstance(exc, YaqutError) else str(exc)  # as batch._work
            row.update(kind="failed", code=type(exc).__name__, reason=why)
            rows.append(row)
            result.errors += 1
            result.failed.append(f"{item.origin or item.id}: {type(exc).__name__}: {exc}")
            continue
        position = len(rows)
        rows.append(_doc_row(item, len(coded)))
        events.extend((position, e) for e in coded)
        result.documents += 1
        result.events += len(coded)
    out.mkdir(parents=True, exist_ok=True)
    _write(events_table(events), out / f"{name}{EVENTS_SUFFIX}")
    _write(pa.Table.from_pylist(rows, schema=_documents_schema()), done_marker)
    return result


# -- the cluster ---------------------------------------------------------------------------


def _client(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise UsageError(
            "--engine dask needs Dask: pip install 'yaqut[dask]' (dask[distributed])"
        ) from None
    if scheduler:
        return Client(scheduler), None
    # no dashboard, and the scheduler's HTTP server on a free loopback port: with
    # dashboard_address=None Dask still binds :8787 and warns when it is taken
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address="127.0.0.1:0",
        scheduler_kwargs={"dashboard": False},
    )
    return Client(cluster), cluster


def run(
    inputs: Sequence[str | Path],
    out_dir: str | Path,
    *,
    scheduler: str | None = None,
    workers: int = 2,
    published: str | None = None,
    max_bytes: int | None = None,
    fallback_encodings: Sequence[str] | None = None,
    config: CoderConfig | None = None,
    on_result: Any = None,
) -> list[ShardResult]:
    """Code every shard of ``inputs`` on the cluster; the results in shard order.

    Every worker codes with the coder ``config`` describes (default: the shipped settings).

    ``on_result(result, done, total)`` is called as shards finish (for progress).
    """
    shards = shard_paths(inputs)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    from dask.distributed import as_completed

    client, cluster = _client(scheduler, workers)
    try:
        futures = [
            client.submit(
                code_shard,
                i,
                str(p.resolve()),
                str(out.resolve()),
                published=published,
                max_bytes=max_bytes,
                fallback_encodings=list(fallback_encodings) if fallback_encodings else None,
                config=config,
                key=f"yaqut-shard-{i}-{p.name}",
                pure=False,
            )
            for i, p in enumerate(shards)
        ]
        results: dict[int, ShardResult] = {}
        index = {f.key: i for i, f in enumerate(futures)}
        for done, future in enumerate(as_completed(futures), start=1):
            result = future.result()
            results[index[future.key]] = result
            if on_result is not None:
                on_result(result, done, len(futures))
        return [results[i] for i in range(len(futures))]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


# -- loading shards into a store ----------------------------------------------------------


def read_events(path: str | Path) -> Iterator[tuple[int | None, Event]]:
    """Events of a Parquet file: a shard of this engine or a ``yaqut export`` file."""
    import pyarrow.parquet as pq

    from yaqut.export import event_from_parquet_record

    table = pq.read_table(str(path))
    names = set(table.schema.names)
    for row in table.to_pylist():
        item = row.get("item") if "item" in names else None
        if row.get("data"):
            yield item, event_from_dict(json.loads(row["data"]))
            continue
        yield item, event_from_parquet_record(row)


def _shard_items(documents: Path) -> Iterator[tuple[int, Document | ErrorRecord]]:
    import datetime as _dt

    import pyarrow.parquet as pq

    for position, row in enumerate(pq.read_table(str(documents)).to_pylist()):
        if row["kind"] == "error":  # an input error; "failed" rows are documents
            yield position, ErrorRecord(
                origin=row["origin"], code=row["code"], reason=row["reason"], doc_id=row["doc_id"]
            )
            continue
        fields = {k: row[k] for k in _DOCUMENT_FIELDS}
        day = row["published"]
        fields["published"] = _dt.date.fromisoformat(day) if day else None
        fields["warnings"] = tuple(json.loads(row["warnings"] or "[]"))
        yield position, Document(**fields)


def _failures(
    documents: Path, items: list[tuple[int, Document | ErrorRecord]]
) -> Iterator[tuple[int, Document | ErrorRecord, tuple[str, str]]]:
    """The documents whose coding failed on the worker, with the exception's name and text."""
    import pyarrow.parquet as pq

    table = pq.read_table(str(documents), columns=["kind", "code", "reason"]).to_pylist()
    for (position, obj), row in zip(items, table, strict=True):
        if row["kind"] == "failed":
            yield position, obj, (row["code"], row["reason"])


def parquet_files(paths: Sequence[str | Path]) -> list[Path]:
    """The Parquet files to import: folders give their ``*.parquet`` files, sorted."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*.parquet") if not p.name.startswith(".")))
        elif path.exists():
            out.append(path)
        else:
            raise UsageError(f"{path}: no such file or folder")
    return out


def import_parquet(
    paths: Sequence[str | Path], store: Any, *, summary: BatchSummary | None = None,
    batch_size: int = 100,
) -> BatchSummary:
    """Load shards (and plain event Parquet files) into ``store``; returns the BatchSummary.

    A shard's documents already in the store are skipped, so importing again adds nothing
    twice. Plain files' events are stored with :meth:`yaqut.store.Store.import_events`.
    """
    summary = summary if summary is not None else BatchSummary()
    files = parquet_files(paths)
    shards = {p for p in files if p.name.endswith(DOCUMENTS_SUFFIX)}
    for path in files:
        if path.name.endswith(EVENTS_SUFFIX):
            partner = path.with_name(path.name[: -len(EVENTS_SUFFIX)] + DOCUMENTS_SUFFIX)
            if partner in shards or partner.exists():
                continue  # loaded with its documents
        if path in shards:
            events_path = path.with_name(path.name[: -len(DOCUMENTS_SUFFIX)] + EVENTS_SUFFIX)
            by_item: dict[int, list[Event]] = {}
            if events_path.exists():
                for item, event in read_events(events_path):
                    by_item.setdefault(int(item or 0), []).append(event)
            items = list(_shard_items(path))
            coded = {id(obj): by_item.get(pos, []) for pos, obj in items}
            failed = {id(obj): why for _, obj, why in _failures(path, items)}

            def lookup(doc: Document, coded: dict = coded, failed: dict = failed) -> list[Event]:
                if id(doc) in failed:  # coding failed on the worker: fail here the same way
                    name, message = failed[id(doc)]
                    raise remote_error(name, message, False)
                return coded[id(doc)]

            for _ in code_into_store(
                [obj for _, obj in items], store, lookup, summary=summary, batch_size=batch_size
            ):
                pass
            continue
        events = [e for _, e in read_events(path)]
        with store.transaction():
            summary.events += store.import_events(events)
    return summary
