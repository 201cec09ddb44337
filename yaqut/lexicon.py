"""Word lists as data: one loader for the vocabulary the rule modules use.

Rule modules (``yaqut.extract.*``, ``yaqut.geo.*``) keep their logic; the words they match
live in plain files under ``yaqut/data/lexicon/`` so that a list can be read, reviewed and
extended without touching code, and so that two modules never keep two copies of one list.

File formats (UTF-8, ``#`` starts a comment, blank lines are skipped):

- ``NAME.txt``: one entry per line  -> :func:`words` gives a ``frozenset[str]``,
  :func:`entries` the entries in file order (a tuple, for ordered alternations);
- ``NAME.tsv``: ``key<TAB>value`` per line -> :func:`mapping` gives a ``dict[str, str]``.

Every list is read on first use and cached for the process (nothing is read at import).
A missing or malformed file raises :class:`yaqut.errors.ResourceError` naming the file.
"""

from __future__ import annotations

import functools
from importlib import resources

from yaqut.errors import ResourceError

_FOLDER = "data/lexicon"


def _lines(name: str) -> list[str]:
    path = resources.files("yaqut").joinpath(f"{_FOLDER}/{name}")
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        where = f"yaqut/{_FOLDER}/{name}"
        raise ResourceError(f"lexicon file missing: {exc}", item=where) from None
    out = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


@functools.cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of ``lexicon/NAME.txt`` in file order (stripped, comments removed)."""
    return tuple(_lines(f"{name}.txt"))


@functools.cache
def words(name: str) -> frozenset[str]:
    """The entries of ``lexicon/NAME.txt`` as a set."""
    return frozenset(entries(name))


@functools.cache
def mapping(name: str) -> dict[str, str]:
    """``lexicon/NAME.tsv`` as ``{key: value}`` (a fresh dict is never needed: do not mutate)."""
    out: dict[str, str] = {}
    for n, line in enumerate(_lines(f"{name}.tsv"), 1):
        key, tab, value = line.partition("\t")
        if not tab:
            raise ResourceError(f"line {n}: expected key<TAB>value", item=f"{name}.tsv")
        out[key.strip()] = value.strip()
    return out
