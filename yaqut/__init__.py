"""yaqut: news reports about armed conflict in, geocoded, dated, evidence-backed events out.

The public API is declared once, here, and ``tests/test_api.py`` keeps ``__all__`` honest.
Nothing heavy is loaded at import time: the spaCy pipeline and the gazetteer open on
first use.

The package is built in layers; a module imports only from its own layer or lower ones,
and no two modules import each other, even through others (``tests/test_architecture.py``
checks both):

0. base: :mod:`~yaqut.records` (the data), :mod:`~yaqut.errors`, :mod:`~yaqut.config`,
   :mod:`~yaqut.lexicon` (word lists as data files);
1. adapters and inputs: :mod:`yaqut.nlp` (the only spaCy user), :mod:`yaqut.geo`
   (gazetteer, resolver), :mod:`~yaqut.ingest`, :mod:`~yaqut.docmeta`;
2. the stages: :mod:`yaqut.extract` (one module per stage), :mod:`~yaqut.model` (the
   trained sub-event model);
3. :mod:`yaqut.coder` (a :class:`~yaqut.coder.Coder` runs the stages on a Document) and
   this package's public API;
4. storage and outputs: :mod:`~yaqut.store`, :mod:`~yaqut.queries`, :mod:`~yaqut.dedup`,
   :mod:`~yaqut.campaigns`, :mod:`~yaqut.export`;
5. engines: :mod:`~yaqut.batch` (one process or N, into a store), :mod:`yaqut.engine`
   (Dask), :mod:`~yaqut.importers` (ACLED exports and shards into a store);
6. applications: :mod:`yaqut.eval`, :mod:`yaqut.dashboard`;
7. the command line, :mod:`yaqut.cli`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from yaqut.errors import YaqutError
from yaqut.records import (
    Action,
    Actor,
    Campaign,
    Claim,
    DateMention,
    Document,
    ErrorRecord,
    Event,
    Place,
    Quantity,
    Span,
)

if TYPE_CHECKING:  # pragma: no cover
    import datetime as _dt


def code_document(
    text: str, published: _dt.date | str | None = None, doc_id: str | None = None
) -> list[Event]:
    """Code one report with the default coder: its incidents as Events (see
    :mod:`yaqut.coder`)."""
    from yaqut.coder import code_document as _code

    return _code(text, published=published, doc_id=doc_id)


def geoparse(text: str, doc_id: str | None = None) -> list[Place]:
    """Every place mention in a text, resolved (see :mod:`yaqut.geo`)."""
    from yaqut.geo import geoparse as _geoparse

    return _geoparse(text, doc_id=doc_id)


def __getattr__(name: str) -> Any:  # pragma: no cover - only for helpful errors
    raise AttributeError(f"module 'yaqut' has no attribute {name!r}")


__all__ = [
    "Action",
    "Actor",
    "Campaign",
    "Claim",
    "DateMention",
    "Document",
    "ErrorRecord",
    "Event",
    "Place",
    "Quantity",
    "Span",
    "YaqutError",
    "__version__",
    "code_document",
    "geoparse",
]
