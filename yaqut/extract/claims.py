"""Statements attributed to someone: who says it, and what is said.

``find_claims(text, start=, end=)`` returns :class:`~yaqut.records.Claim` records: ``by`` is
the source as written ("the regime", "local sources", "They"; the assembler resolves
pronouns) and ``text``/``start``/``end`` are the reported content with absolute offsets.

Patterns (regex over the window, compiled once on first use):

* ``X claimed/said/stated/reported/suggested/alleged/accused/denied/confirmed ... (that) C``
  with adverbs between ("They further stated that C") and objects before "that" ("X told
  reporters that C"). The source is the noun phrase right before the verb, stopped by
  punctuation or a subordinator ("While the regime claimed ..."); a relative pronoun ("SOHR,
  which said ...") is replaced by the phrase before it.
* ``According to X, C`` and ``C, according to X.``
* ``C, X said.`` and ``C, said X.`` (attribution after the content).
* ``C, as reported by X`` / ``C (as reported by X)``.

The content runs to the end of the sentence, or to the start of the next claim's source in
the same sentence, so "While A claimed that P, B suggested that Q" gives two claims.
Passives ("no fatalities were reported"), adjectives ("the reported clashes") and "claimed
the lives of" are not claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from yaqut import lexicon
from yaqut.extract import vocab
from yaqut.records import Claim

__all__ = ["find_claims"]

_RELATIVE = {"who", "which"}
_MAX_SOURCE_TOKENS = 10
# What stands between two claims side by side ("..., local sources said"), as opposed to a
# claim reported inside another's content ("SOHR said that the regime claimed ...").
_SIBLING = re.compile(
    r"(?:[,;]|\b(?:while|whereas|but)\b)\s*(?:\b(?:while|whereas|but)\s+)?$", re.I
)


def _not_source() -> frozenset[str]:
    return lexicon.words("extract_claim_not_source")  # words a source cannot end with


@dataclass(frozen=True, slots=True)
class _Pats:
    """The compiled patterns, built once by :func:`_pats`."""

    verb: re.Pattern[str]
    according_front: re.Pattern[str]
    according_back: re.Pattern[str]
    as_reported: re.Pattern[str]
    sentence_end: re.Pattern[str]
    token: re.Pattern[str]


@lru_cache(maxsize=1)
def _pats() -> _Pats:
    verbs = vocab.alternation("extract_claim_verbs")
    adverbs = vocab.alternation("extract_claim_adverbs")
    return _Pats(
        verb=re.compile(rf"\b(?P<v>{verbs})\b(?P<adv>(?:\s+(?:{adverbs})\b)*)", re.I),
        according_front=re.compile(
            r"\b[Aa]ccording\s+to\s+(?P<by>[^,.;]{2,80}?)\s*,\s*", re.UNICODE
        ),
        according_back=re.compile(r",?\s*\(?\baccording\s+to\s+(?P<by>[^,.;)]{2,80})\)?", re.I),
        as_reported=re.compile(
            r",?\s*\(?\bas\s+(?:reported|stated|claimed|said)\s+by\s+(?P<by>[^,.;)]{2,80})\)?",
            re.I,
        ),
        sentence_end=re.compile(r"[.!?](?=\s+[A-Z\"'“(]|\s*$)|\n"),
        token=re.compile(r"[\w'’\-]+|[^\w\s]"),
    )


@dataclass(slots=True)
class _Found:
    by: str
    by_start: int  # where the source starts (bounds the previous claim's content)
    c_start: int
    c_end: int | None  # None: up to the next claim's source or the sentence end


def _sentences(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    out = []
    s = lo
    for m in _pats().sentence_end.finditer(text, lo, hi):
        out.append((s, m.end()))
        s = m.end()
    if s < hi:
        out.append((s, hi))
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in ",:;\"'“”"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",.;:!?\"'“”"):
        e -= 1
    return s, e


def _source_before(text: str, lo: int, pos: int) -> tuple[int, int] | None:
    """The noun phrase ending right before ``pos`` (the verb), as (start, end)."""
    toks = list(_pats().token.finditer(text, lo, pos))
    # "They further stated", "SOHR has also reported": adverbs are not part of the source
    while toks and toks[-1].group(0).lower() in lexicon.words("extract_claim_pre_adverbs"):
        toks.pop()
    if not toks:
        return None
    boundary = lexicon.words("extract_claim_boundary_words")
    i = len(toks) - 1
    end_tok = i
    depth = 0
    start_tok = None
    while i >= 0 and end_tok - i < _MAX_SOURCE_TOKENS:
        t = toks[i].group(0)
        low = t.lower()
        if t == ")":
            depth += 1
        elif t == "(":
            depth -= 1
        elif depth == 0 and (not re.match(r"[\w'’\-]", t) or low in boundary):
            # "Russia and Turkey said": keep "and" between two capitalised words
            if (low == "and" and start_tok is not None and i > 0
                    and toks[start_tok].group(0)[:1].isupper()
                    and toks[i - 1].group(0)[:1].isupper()):
                i -= 1
                continue
            break
        start_tok = i
        i -= 1
    if start_tok is None or depth != 0:
        return None
    s, e = toks[start_tok].start(), toks[end_tok].end()
    words = text[s:e].split()
    if not words or words[-1].lower() in _not_source() or words[0].lower() in {
        "was", "were", "is", "are", "been", "be", "being"
    }:
        return None
    if any(w.lower() in {"was", "were", "is", "are", "been", "be", "being"} for w in words[-2:]):
        return None  # a passive: "no fatalities were reported"
    if words[0].lower() in _RELATIVE and len(words) == 1:
        # "SOHR, which said ...": the source is the phrase before the comma
        k = start_tok - 1
        while k >= 0 and toks[k].group(0) in ",":
            k -= 1
        if k < 0:
            return None
        return _source_before(text, lo, toks[k].end())
    if words[0].lower() in {"the", "a", "an"} and len(words) == 1:
        return None
    return s, e


def _verb_claims(text: str, lo: int, hi: int) -> list[_Found]:
    """X said (that) C, and C, X said."""
    out: list[_Found] = []
    p = _pats()
    for m in p.verb.finditer(text, lo, hi):
        verb = m["v"].lower()
        prev = text[max(lo, m.start() - 12) : m.start()].lower()
        if re.search(r"\b(?:the|a|an|its|their|his|her)\s+$", prev):
            continue  # "the reported clashes", "the said town"
        after = text[m.end() : hi]
        if verb.startswith("claim") and re.match(r"\s+(?:the\s+)?li(?:fe|ves)\b", after, re.I):
            continue
        # "C, said X." / "C, said X on Monday." : the source follows the verb.
        if re.search(r",\s*$", text[max(lo, m.start() - 3) : m.start()]):
            tail = re.match(r"\s+([^,.;]{2,60}?)\s*[.]?\s*$", after)
            if tail and verb in ("said", "says", "added", "reported", "stated", "claimed"):
                s, e = m.end() + tail.start(1), m.end() + tail.end(1)
                c_s, c_e = _trim(text, lo, m.start())
                if c_e > c_s:
                    out.append(_Found(text[s:e], s, c_s, c_e))
                continue
        src = _source_before(text, lo, m.start())
        if src is None:
            continue
        s, e = src
        rest_s = m.end()
        rest = text[rest_s:hi]
        # Sentence-final attribution: "C, X said." -> the content is before the source.
        if re.fullmatch(r"\s*[.!?]?\s*", rest) or re.fullmatch(
            r"\s+(?:on\s+\w+day|in\s+a\s+statement|yesterday|today)\s*[.!?]?\s*", rest, re.I
        ):
            before = text[lo:s]
            if re.search(r",\s*$", before):
                c_s, c_e = _trim(text, lo, s)
                if c_e > c_s:
                    out.append(_Found(text[s:e], s, c_s, c_e))
            continue
        that = re.match(
            r"(?:\s+(?:to\s+)?[\w'’\-]+(?:\s+[\w'’\-]+){0,4}?)??\s*,?\s*\bthat\b", rest, re.I
        )
        if that and verb in ("told", "tells", "warned", "warns", "quoted", "quotes"):
            c_s = rest_s + that.end()
        elif re.match(r"\s*,?\s*that\b", rest, re.I):
            c_s = rest_s + re.match(r"\s*,?\s*that\b", rest, re.I).end()  # type: ignore[union-attr]
        elif verb in lexicon.words("extract_claim_direct_verbs"):
            if not re.match(r"\s*[:\"“]?\s*[\w\"“]", rest):
                continue
            # "warned of an assault", "reported on the talks": a prepositional object is
            # a topic, not a reported statement.
            if re.match(r"\s*(?:of|about|against|on|upon|for|with|to|in|at|from)\b", rest, re.I):
                continue
            c_s = rest_s
        else:
            continue
        c_end: int | None = None
        if re.search(r",\s*(?:who|which)\s*$", text[lo : m.start()], re.I):
            comma = text.find(",", c_s, hi)
            c_end = comma if comma >= 0 else None  # "X, which said C, did Y"
        out.append(_Found(text[s:e], s, c_s, c_end))
    return out


def _according(text: str, lo: int, hi: int) -> list[_Found]:
    out: list[_Found] = []
    p = _pats()
    for m in p.according_front.finditer(text, lo, hi):
        if text[lo : m.start()].strip(" ,"):
            continue  # not at the front of the sentence: handled as a back attribution
        out.append(_Found(m["by"].strip(), m.start(), m.end(), None))
    for pat in (p.according_back, p.as_reported):
        for m in pat.finditer(text, lo, hi):
            if not text[lo : m.start()].strip(" ,"):
                continue
            c_s, c_e = _trim(text, lo, m.start())
            by = m["by"].strip()
            if c_e > c_s and by:
                out.append(_Found(by, m.start("by"), c_s, c_e))
    return out


def find_claims(text: str, *, start: int = 0, end: int | None = None) -> list[Claim]:
    """Attributed statements in ``text[start:end]``, in text order; offsets are absolute."""
    if end is None:
        end = len(text)
    claims: list[Claim] = []
    for lo, hi in _sentences(text, start, end):
        found = _according(text, lo, hi)
        covered = [(f.c_start, f.c_end or hi) for f in found]
        for f in _verb_claims(text, lo, hi):
            # A verb inside another claim's content with no source of its own is kept
            # (nested reports are real); exact duplicates are not.
            if any(f.c_start == a and (f.c_end or hi) == b for a, b in covered):
                continue
            found.append(f)
        found.sort(key=lambda f: f.by_start)
        for i, f in enumerate(found):
            c_end = f.c_end
            if c_end is None:
                nxt = [
                    g.by_start for g in found[i + 1 :]
                    if g.by_start > f.c_start and _SIBLING.search(text[f.c_start : g.by_start])
                ]
                c_end = min(nxt) if nxt else hi
                # a trailing "according to X" belongs to no content
                for g in found:
                    if g.c_end is not None and g.by_start > f.c_start:
                        c_end = min(c_end, g.c_end)
            c_s, c_e = _trim(text, f.c_start, c_end)
            if c_e - c_s < 3 or len(text[c_s:c_e].split()) < 2:
                continue
            by = f.by.strip()
            claims.append(Claim(by, text[c_s:c_e], c_s, c_e))
    claims.sort(key=lambda c: c.start)
    return claims
