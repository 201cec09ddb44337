"""The fixed tune/test split of every dev file: tune on one half, report the other.

A row goes to the **test** half when the first byte of ``sha1("<file key>:<row id>")`` is
odd, else to the **tune** half. The row id is the file's own id column: ``event_id_cnty``
for the ACLED battles, the snippet ``id`` for CASE 2021 (its line number when it has none),
the article id for GWN and the news gold (so every incident of one article is in the same
half). The file key keeps the halves of different files independent.

Rules and word lists are adjusted only on the tune half; the README and the pins in
``bench/baselines.json`` report and guard the test half, with the tune half beside it.

    from yaqut.eval.split import half, is_test
    half("acled", "SYR12345")  -> "tune" or "test"
"""

from __future__ import annotations

import hashlib

TUNE, TEST = "tune", "test"

#: One key per dev file (the first argument of :func:`half`).
FILES = ("acled", "case", "gwn", "news")


def half(file_key: str, row_id: object) -> str:
    """``"test"`` or ``"tune"`` for one row of one dev file (fixed, by hash)."""
    digest = hashlib.sha1(f"{file_key}:{row_id}".encode()).digest()
    return TEST if digest[0] & 1 else TUNE


def is_test(file_key: str, row_id: object) -> bool:
    return half(file_key, row_id) == TEST


def keep(file_key: str, row_id: object, which: str | None) -> bool:
    """Whether a row belongs to ``which`` (``"tune"``, ``"test"``, or None/``"all"``: every row)."""
    if which in (None, "all"):
        return True
    if which not in (TUNE, TEST):
        raise ValueError(f"half must be tune, test or all, not {which!r}")
    return half(file_key, row_id) == which
