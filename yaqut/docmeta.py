"""What a document says about itself beyond its text: publication date, source, language.

Readers (:mod:`yaqut.ingest`) take what an item states (a JSONL/CSV column, an HTML page's
metadata, ``--published``); before coding, :func:`complete` (or :func:`annotate` over a
reader's stream) fills what is still missing from the
item's file name and checks the language, and says so on the Document as a coded warning
that the store keeps and the batch summary counts:

    W201  no publication date: not given (``--published``), not in the item (a
          ``published``/``date`` column, the page's metadata), not in its file name
          (an ISO date such as ``2023-05-24``). Relative dates in the text ("on Tuesday",
          "last week") are then left unresolved rather than guessed; absolute ones are kept.
    W202  written in a language yaqut cannot code yet (event coding is English only).

Nothing here is loaded at import time: the language model (py3langid's, shipped in its
wheel) is read on first use.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import math
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import PurePath
from typing import Any

from yaqut.records import Document, ErrorRecord

W_NO_DATE = "W201"
W_LANGUAGE = "W202"
#: Languages yaqut's event coder handles (ISO 639-1).
CODED_LANGUAGES = frozenset({"en"})
#: Columns (JSONL keys, CSV headers) read as the publication date, first found wins.
DATE_FIELDS = ("published", "date", "published_at", "publication_date", "pubdate",
               "datePublished")  # fmt: skip
#: Below this many letters the language is not judged (too short to tell).
MIN_LETTERS = 40
#: The detector's normalised probability needed to call a text another language.
MIN_CONFIDENCE = 0.95

_NAME_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)([-_.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)"
)
_LETTER = re.compile(r"[^\W\d_]")


def published_field(fields: Mapping[str, Any]) -> Any:
    """The first non-empty date column of a JSONL object or CSV row (:data:`DATE_FIELDS`)."""
    for name in DATE_FIELDS:
        value = fields.get(name)
        if value not in (None, ""):
            return value
    return None


def item_path(origin: str | None) -> str | None:
    """The file an origin names (``path`` or ``path:line``); None for stdin or nothing."""
    if not origin or origin.startswith("<"):
        return None
    path, sep, line = origin.rpartition(":")
    return path if sep and line.isdigit() else origin


def file_name(origin: str | None) -> str | None:
    """The base name of the file an origin names (``reports/a.txt:3`` -> ``a.txt``)."""
    path = item_path(origin)
    return PurePath(path).name or None if path else None


def date_in_name(origin: str | None) -> _dt.date | None:
    """An ISO date in the item's file name (``2023-05-24``, ``2023_05_24``, ``20230524``)."""
    name = file_name(origin)
    if not name:
        return None
    for m in _NAME_DATE.finditer(name):
        try:
            return _dt.date(int(m[1]), int(m[3]), int(m[4]))
        except ValueError:
            continue
    return None


def detect_language(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability) of ``text``'s language; (None, 0.0) when too short.

    The probability is the detector's scores normalised over its 97 languages.
    """
    sample = text[:5000]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return None, 0.0
    import py3langid  # its model loads on first use (about 2 s, once a process)

    ranked = py3langid.rank(sample)
    best = ranked[0][1]
    total = sum(math.exp(score - best) for _, score in ranked)
    return str(ranked[0][0]), 1.0 / total


def complete(doc: Document) -> Document:
    """``doc`` with its source and date filled from its file name where it has none, and a
    W201/W202 warning when it still has no date or is in a language yaqut cannot code."""
    changes: dict[str, Any] = {}
    warnings = list(doc.warnings)
    where = doc.origin or doc.id
    if doc.source is None and file_name(doc.origin):
        changes["source"] = file_name(doc.origin)
    if doc.published is None:
        found = date_in_name(doc.origin)
        if found is not None:
            changes["published"] = found
        else:
            warnings.append(
                f"{W_NO_DATE} {where}: no publication date (give --published, a 'published'"
                " field, or a date in the file name); relative dates left unresolved"
            )
    language, probability = detect_language(doc.text)
    if language and language not in CODED_LANGUAGES and probability >= MIN_CONFIDENCE:
        warnings.append(
            f"{W_LANGUAGE} {where}: written in {language!r} (p={probability:.2f}); yaqut codes"
            " events in English only, so expect none"
        )
    if len(warnings) != len(doc.warnings):
        changes["warnings"] = tuple(warnings)
    return dataclasses.replace(doc, **changes) if changes else doc


def annotate(items: Iterable[Document | ErrorRecord]) -> Iterator[Document | ErrorRecord]:
    """:func:`complete` every Document of a reader's stream; error records pass through."""
    for item in items:
        yield complete(item) if isinstance(item, Document) else item


def document_name(doc: Document) -> str:
    """How a person knows a document: its title, else its file name, else its id."""
    return doc.title or file_name(doc.origin) or doc.id


def warning_code(warning: str) -> str | None:
    """The W-code a warning starts with, if any."""
    head = warning.split(" ", 1)[0]
    return head if re.fullmatch(r"W\d{3}", head) else None
