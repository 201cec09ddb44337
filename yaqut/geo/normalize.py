"""Transliteration-aware normalisation of place names.

Arabic place names reach English text in many spellings: ``Um Elmayathen``, ``Om Elmiathin``
and ``Umm al-Mayadhin`` are one village. Two keys bring such variants together:

``light(name)``
    a readable folded form: lower case, no diacritics, no apostrophes (ayn, hamza), articles
    (``al-``, ``el``, ``ash-`` ...) dropped, ``Umm/Um/Om`` unified, ``th/dh/z`` and
    ``q/k/g`` merged, vowels reduced to three classes, doubled letters single. Used for string
    similarity between a mention and a gazetteer name.
``skeleton(name)``
    the consonant skeleton of ``light`` (vowels, inner ``w``/``y`` and final ``-h`` dropped),
    tokens joined. Used as the hash key that finds candidates; it collides for short names,
    so candidates are always scored afterwards.

Arabic-script names get their own key (``arabic_key``): diacritics and tatweel removed,
alef/teh-marbuta/yeh forms unified, the article ``ال`` dropped.

The gazetteer stores skeleton keys computed by this module; ``KEY_VERSION`` changes whenever a
rule here changes, and the gazetteer refuses a file built with another version.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from yaqut import lexicon
from yaqut.geo import vocab

KEY_VERSION = "6"

@lru_cache(maxsize=1)
def _special() -> dict[int, str]:
    """The fold's translation table: letters decomposition leaves alone, and the
    apostrophes and marks it drops (``lexicon/geo_fold_letters.tsv``, ``geo_fold_dropped``)."""
    table = dict(lexicon.mapping("geo_fold_letters"))
    table.update(dict.fromkeys(lexicon.entries("geo_fold_dropped"), ""))
    return str.maketrans(table)

_LATIN_TOKEN = re.compile(r"[a-z0-9]+")
_ARABIC_TOKEN = re.compile(r"[\u0621-\u064A\u0660-\u0669\u0671-\u06D3]+")
_ARABIC_MARKS = re.compile(r"[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]")

# Vowel classes for the light form.
_VOWELS = (
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ei", "ai"),
    ("ey", "ai"),
    ("ay", "ai"),
    ("e", "a"),
    ("o", "u"),
)

_DOUBLE = re.compile(r"(.)\1+")
_SKEL_DROP = re.compile(r"[aeiouyw]")


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case, strip diacritics and apostrophes; keep letters, digits, spaces, hyphens."""
    special = _special()
    text = text.translate(special)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.lower().translate(special)


def latin_tokens(name: str) -> list[str]:
    """Folded Latin tokens of a name, articles dropped (a name never becomes empty)."""
    toks = _LATIN_TOKEN.findall(fold(name))
    articles = vocab.articles()
    out = [t for i, t in enumerate(toks) if not (t in articles and i + 1 < len(toks))]
    return out or toks


@lru_cache(maxsize=200_000)
def light_token(tok: str) -> str:
    """The light form of one folded token (see the module docstring)."""
    tok = vocab.word_forms().get(tok, tok)
    # A joined article ("Elmiathin", "Albukamal") on a long token.
    if len(tok) >= 7 and tok[:2] in ("al", "el"):
        tok = tok[2:]
    for a, b in vocab.consonants():
        if a in tok:
            tok = tok.replace(a, b)
    # Final -ah/-eh/-oh: the h of a teh marbuta.
    if len(tok) > 3 and tok.endswith("h") and tok[-2] in "aeiou":
        tok = tok[:-1]
    for a, b in _VOWELS:
        if a in tok:
            tok = tok.replace(a, b)
    # Final vowel class: -a/-e/-ah/-eh are one ending.
    return _DOUBLE.sub(r"\1", tok)


@lru_cache(maxsize=200_000)
def skeleton_token(tok: str) -> str:
    """The consonant skeleton of one folded token (initial w/y kept)."""
    lt = light_token(tok)
    if not lt:
        return ""
    head = lt[0] if lt[0] in "wy" else ""
    # No re-collapse after the vowels go: "Azaz" is "zz", not "z" (which no name may be).
    return head + _SKEL_DROP.sub("", lt[len(head) :])


def light(name: str) -> str:
    """Readable folded form of a Latin name, tokens separated by one space."""
    return " ".join(light_token(t) for t in latin_tokens(name))


def skeleton(name: str) -> str:
    """Hash key of a Latin name: the tokens' consonant skeletons joined (the light form
    when the skeleton is shorter than two letters: "Hawaii", "Ohio")."""
    toks = latin_tokens(name)
    sk = "".join(skeleton_token(t) for t in toks)
    return sk if len(sk) >= 2 else "".join(light_token(t) for t in toks)


def arabic_tokens(name: str) -> list[str]:
    """Normalised Arabic-script tokens (article ``ال`` dropped from longer tokens)."""
    text = _ARABIC_MARKS.sub("", name)
    text = (
        text.replace("أ", "ا")
        .replace("إ", "ا")
        .replace("آ", "ا")
        .replace("ٱ", "ا")
        .replace("ة", "ه")
        .replace("ى", "ي")
        .replace("ؤ", "و")
        .replace("ئ", "ي")
    )
    out = []
    for tok in _ARABIC_TOKEN.findall(text):
        if tok.startswith("ال") and len(tok) > 3:
            tok = tok[2:]
        out.append(tok)
    return out


def arabic_key(name: str) -> str:
    """Hash key of an Arabic-script name (tokens joined)."""
    return "".join(arabic_tokens(name))


def is_arabic(text: str) -> bool:
    """True when the text holds Arabic letters."""
    return _ARABIC_TOKEN.search(text) is not None


_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,5}$")


def acronym_key(name: str) -> str | None:
    """``#USA`` for an all-capitals abbreviation (``USA``, ``U.S.``, ``UK``), else None."""
    if _ACRONYM.match(name.strip()):
        return "#" + name.replace(".", "").strip()
    return None


def key(name: str) -> str:
    """The gazetteer key of a name in either script ('' when it has no letters)."""
    ak = acronym_key(name)
    if ak:
        return ak
    if is_arabic(name):
        return arabic_key(name)
    return skeleton(name)


def admin_key(name: str) -> str:
    """A comparison key for administrative names across spellings.

    ACLED writes ``Dara``, ``Deir ez Zor``, ``Al Hasakeh``, ``Idleb``, ``As Sweida`` where OCHA
    writes ``Dar'a``, ``Deir-ez-Zor``, ``Al-Hasakeh``, ``Idleb``, ``As-Sweida``: equal keys.
    """
    return skeleton(name)


def __getattr__(name: str) -> frozenset[str]:
    # ARTICLES: the article forms (lexicon geo_articles), read on first use
    if name == "ARTICLES":
        return vocab.articles()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
