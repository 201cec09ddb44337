"""One exception tree for yaqut, with coded messages a user can search for.

    YaqutError                      [E000] base: catch this to catch everything yaqut raises
    ├── InputError                  [E1xx] an input item cannot be read or decoded
    │   ├── EmptyInput              E101 empty or whitespace-only
    │   ├── BinaryInput             E102 looks binary (NUL bytes, or mostly control characters)
    │   ├── TooLarge                E103 over a size limit (bytes of an item, characters of a text)
    │   ├── MalformedInput          E104 malformed JSON / CSV / HTML (with line number), JSON
    │   │                                nested too deep, a bad or duplicated imported value
    │   ├── UnknownFormat           E105 unknown file extension
    │   └── UnreadableInput         E106 missing or unreadable file, or not a regular file
    ├── ResourceError               [E2xx] a shipped resource is missing or broken
    │   ├── GazetteerMissing        E201
    │   └── ModelMissing            E202 spaCy pipeline or trained model not installed
    ├── StoreError                  [E3xx] the event store cannot be opened or written
    │   └── SchemaMismatch          E301 store written by an incompatible schema
    ├── CodingError                 [E4xx] a stage failed on a document (reported; batch goes on)
    │   ├── Unstorable              E401 coded, but the store cannot hold it (e.g. bad text)
    │   └── OverBudget              E402 over the per-document time budget
    └── UsageError                  [E5xx] bad arguments to the library or the CLI

The CLI turns these into messages and exit codes; the library never prints or exits.
"""

from __future__ import annotations


class YaqutError(Exception):
    """Base of every error yaqut raises. ``code`` is stable and searchable."""

    code = "E000"

    def __init__(self, message: str, *, item: str | None = None) -> None:
        self.message = message
        self.item = item
        where = f"{item}: " if item else ""
        super().__init__(f"[{self.code}] {where}{message}")


class InputError(YaqutError):
    code = "E100"


class EmptyInput(InputError):
    code = "E101"


class BinaryInput(InputError):
    code = "E102"


class TooLarge(InputError):
    code = "E103"


class MalformedInput(InputError):
    code = "E104"


class UnknownFormat(InputError):
    code = "E105"


class UnreadableInput(InputError):
    code = "E106"


class ResourceError(YaqutError):
    code = "E200"


class GazetteerMissing(ResourceError):
    code = "E201"


class ModelMissing(ResourceError):
    code = "E202"


class StoreError(YaqutError):
    code = "E300"


class SchemaMismatch(StoreError):
    code = "E301"


class CodingError(YaqutError):
    code = "E400"


class Unstorable(CodingError):
    code = "E401"


class OverBudget(CodingError):
    code = "E402"


class UsageError(YaqutError):
    code = "E500"


def printable(text: str) -> str:
    """``text`` with control characters and lone surrogates escaped (``\\n``, ``\\t``,
    ``\\x1b``, ``\\udcff``), so a name or reason always prints as one line of valid text: a
    file named with a newline cannot forge a line of `yaqut errors`."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(ch) or ascii(ch)[1:-1]
