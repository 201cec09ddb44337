"""Regular expressions whose vocabulary lives in lexicon files, compiled on first use.

The rule modules of ``yaqut.extract`` match words with regular expressions. Their word
lists (the alternatives of a pattern: ``protest(?:s|ers?)?\\b``, ``sit-ins?``, ...) live in
``yaqut/data/lexicon/extract_*.txt``, one alternative a line, read by :mod:`yaqut.lexicon`;
the module keeps the structure around them. A :class:`Pattern` is built from those files
the first time it is used, so importing a rule module reads nothing.

    _CROWD = vocab.Pattern(lambda: r"\\b(?:" + vocab.alternation("extract_crowd") + ")")
    _CROWD.search(text)
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from yaqut import lexicon

__all__ = ["Pattern", "alternation", "words"]


def alternation(name: str) -> str:
    """The entries of ``lexicon/NAME.txt`` joined as regex alternatives (file order kept)."""
    return "|".join(lexicon.entries(name))


class Pattern:
    """A compiled regular expression built by ``build()`` on first use (then cached).

    A hand-made class rather than a dataclass: it stands in for ``re.Pattern`` and forwards
    the methods the rule modules call.
    """

    __slots__ = ("_build", "_compiled", "_flags")

    def __init__(self, build: Callable[[], str], flags: int | re.RegexFlag = 0) -> None:
        self._build = build
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._build(), self._flags)
        return self._compiled

    @property
    def pattern(self) -> str:
        return self.compiled.pattern

    def search(self, *args: Any) -> re.Match[str] | None:
        return self.compiled.search(*args)

    def match(self, *args: Any) -> re.Match[str] | None:
        return self.compiled.match(*args)

    def fullmatch(self, *args: Any) -> re.Match[str] | None:
        return self.compiled.fullmatch(*args)

    def finditer(self, *args: Any) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(*args)

    def findall(self, *args: Any) -> list[Any]:
        return self.compiled.findall(*args)

    def sub(self, *args: Any) -> str:
        return self.compiled.sub(*args)


def words(name: str, flags: int | re.RegexFlag = re.IGNORECASE) -> Pattern:
    """``\\b(?:<the alternatives of lexicon/NAME.txt>)``: words starting at a word boundary."""
    return Pattern(lambda: r"\b(?:" + alternation(name) + ")", flags)
