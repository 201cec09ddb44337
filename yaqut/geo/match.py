"""Finding candidate place mentions: gazetteer look-ups of normalised token n-grams.

The text is split into word tokens; from each token, n-grams are extended one token at a
time while their joined key is still a prefix of some gazetteer key (a trie check), and
every n-gram whose key is a full gazetteer key becomes a :class:`Candidate`. Tokens must be
joined by spaces or hyphens only. Arabic article tokens (``al``, ``el``, ``ash`` ...) add
nothing to the key, so ``al-Mayadin``, ``Al Mayadin`` and ``Almayadin`` meet.

No surface filtering happens here (capitalisation, English words, person names): that is
:mod:`yaqut.geo.resolve`'s job, which sees the whole document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from yaqut.geo import normalize, vocab
from yaqut.geo.gazetteer import Gazetteer, NameHit

MAX_TOKENS = 6

_WORD = re.compile(
    r"(?:[A-Z]\.){2,}|[^\W\d_]+(?:['’ʿʾ`][^\W\d_]+)*|['’ʿʾ][^\W\d_]+", re.UNICODE
)
_APOSTROPHES = "'’`"


@lru_cache(maxsize=1)
def _cased_word() -> re.Pattern:
    """In mixed-case text only capitalised words, Arabic words, articles and a few
    lower-case name words can be part of a name: matching only those skips most of the
    text in C (built on first use: the articles come from the lexicon)."""
    articles = sorted(vocab.articles() | {"rural", "countryside"}, key=len, reverse=True)
    return re.compile(
        r"(?<![^\W\d_'’ʿʾ`])(?:"
        r"(?:[A-Z]\.){2,}|"  # U.S., U.K.
        r"(?=[A-ZÀ-ÖØ-Þ\u0100-\u017f\u0600-\u06ff])[^\W\d_]+(?:['’ʿʾ`][^\W\d_]+)*"
        r"|['’ʿʾ](?=[A-ZÀ-ÖØ-Þ])[^\W\d_]+"
        r"|(?:" + "|".join(articles) + r")(?![^\W\d_'’ʿʾ`])"
        r")",
        re.UNICODE,
    )


# lower-case words that end names in running text ("Damascus countryside", Rural Damascus)
_NAME_TAILS = frozenset({"countryside"})
# ... and that begin them ("rural Damascus", Rural Damascus)
_NAME_HEADS = frozenset({"rural"})
_JOIN = re.compile(r"[ \t\u00a0]{1,2}|[ ]?[-–‐][ ]?")
# short gaps between words seen so far, and whether they join the words
_JOINED_GAPS: dict[str, bool] = {}


@dataclass(slots=True)
class Token:
    """A word of the text with its gazetteer key."""

    start: int
    end: int
    text: str
    key: str  # '' for an article token
    article: bool
    arabic: bool
    acronym: str | None  # '#USA' for all-capitals abbreviations
    cased: bool = False  # starts with a capital letter (or is Arabic: no case)


@dataclass(frozen=True, slots=True)
class Candidate:
    """An n-gram of the text whose key is a gazetteer key."""

    start: int
    end: int
    text: str
    first: int  # index of the first token
    last: int  # index of the last token
    hits: Sequence[NameHit]


@lru_cache(maxsize=100_000)
def _token_info(word: str) -> tuple[str, bool, bool, str | None]:
    if normalize.is_arabic(word):
        return normalize.arabic_key(word), False, True, None
    folded = normalize.fold(word)
    folded = "".join(c for c in folded if c.isalnum())
    if folded in vocab.articles():
        return "", True, False, None
    acr = normalize.acronym_key(word) if word.isupper() else None
    return normalize.skeleton_token(folded), False, False, acr


def _light_key(toks: list[Token]) -> str:
    return "".join(
        normalize.light_token("".join(ch for ch in normalize.fold(t.text) if ch.isalnum()))
        for t in toks
        if not t.article
    )


def tokenize(text: str, cased_only: bool = False) -> list[Token]:
    """Word tokens of a text with their keys.

    ``cased_only`` leaves out lower-case words other than articles (no name starts or
    continues with one in mixed-case text; the gap they leave stops an n-gram anyway).
    """
    out: list[Token] = []
    articles = vocab.articles()
    for m in (_cased_word() if cased_only else _WORD).finditer(text):
        w, end = m.group(), m.end()
        if (
            cased_only
            and w[0].islower()
            and w not in articles
            and not (w in _NAME_TAILS and out and text[out[-1].end : m.start()] == " ")
            and not (w in _NAME_HEADS and text[m.end() : m.end() + 2][-1:].isupper())
        ):
            continue
        if len(w) > 3 and w[-1] in "sS" and w[-2] in _APOSTROPHES:  # possessive "Syria's"
            w, end = w[:-2], end - 2
        k, art, ar, acr = _token_info(w)
        out.append(Token(m.start(), end, w, k, art, ar, acr, ar or w[0].isupper()))
    return out


def find_candidates(
    text: str, gaz: Gazetteer, tokens: list[Token] | None = None, cased_only: bool = False
) -> list[Candidate]:
    """All n-grams of ``text`` whose key is a gazetteer key (overlapping, unfiltered).

    ``cased_only`` starts n-grams only at capitalised (or Arabic) words and at articles
    before them, which is all the resolver keeps in mixed-case text; several times faster.
    """
    toks = tokenize(text) if tokens is None else tokens
    out: list[Candidate] = []
    n = len(toks)
    for i in range(n):
        t = toks[i]
        if cased_only and not t.cased and not (
            (t.article or t.text in _NAME_HEADS) and i + 1 < n and toks[i + 1].cased
        ):
            continue
        if t.acronym:
            hits = gaz.lookup(t.acronym)
            if hits:
                out.append(Candidate(t.start, t.end, t.text, i, i, hits))
        k = ""
        for j in range(i, min(n, i + MAX_TOKENS)):
            tj = toks[j]
            if j > i:
                gap = text[toks[j - 1].end : tj.start]
                # _JOIN matches three characters at most: longer gaps need no regex
                joined = len(gap) <= 3 and _JOINED_GAPS.get(gap)
                if joined is None:
                    joined = _JOINED_GAPS[gap] = _JOIN.fullmatch(gap) is not None
                if not joined or tj.arabic != t.arabic:
                    break
            k += tj.key
            if tj.article or not k:
                if j > i + 1:  # at most one article in a row
                    if toks[j - 1].article and tj.article:
                        break
                continue
            hits = gaz.lookup(k)
            if len(k) < 2 and not t.arabic:
                # a one-consonant skeleton ("Hawaii", "Ohio") is keyed by its light form
                hits = gaz.lookup(_light_key(toks[i : j + 1]))
            if hits:
                out.append(Candidate(t.start, tj.end, text[t.start : tj.end], i, j, hits))
            if not gaz.has_prefix(k):
                break
    return out
