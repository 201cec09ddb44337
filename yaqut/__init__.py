"""yaqut: news reports about armed conflict in, geocoded, dated, evidence-backed events out.

The public API is declared once, here, and ``tests/test_api.py`` keeps ``__all__`` honest.
Nothing heavy is loaded at import time: the spaCy pipeline and the gazetteer open on
first use.
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
    """Code one report: its incidents as Events (see :mod:`yaqut.pipeline`)."""
    from yaqut.pipeline import code_document as _code

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
