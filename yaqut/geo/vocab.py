"""The geocoder's vocabulary: word lists read from ``yaqut/data/lexicon/geo_*.txt|tsv``.

Each accessor reads its file on first use through :mod:`yaqut.lexicon` (cached for the
process); nothing is read at import. ``FACILITY_WORDS`` (a regex alternation) is also
available as a module attribute, built on first access, for the event-place choice of
:mod:`yaqut.extract.assemble`.
"""

from __future__ import annotations

from functools import cache

from yaqut import lexicon


def articles() -> frozenset[str]:
    """Arabic article forms as separate tokens (al, el, ash, ...)."""
    return lexicon.words("geo_articles")


def word_forms() -> dict[str, str]:
    """Word-initial forms that are the same Arabic word (om -> um, abou -> abu)."""
    return lexicon.mapping("geo_word_forms")


@cache
def consonants() -> tuple[tuple[str, str], ...]:
    """Consonant merges of the light form, in the order they apply."""
    return tuple(lexicon.mapping("geo_consonants").items())


def translit_countries() -> frozenset[str]:
    """ISO codes of countries whose names reach English as transliterations of Arabic."""
    return lexicon.words("geo_translit_countries")


def generic_heads() -> frozenset[str]:
    """Arabic words that begin place names (kafr, tal, deir ...)."""
    return lexicon.words("geo_generic_heads")


def place_types() -> frozenset[str]:
    """Words that may follow a place's name without making it a longer name."""
    return lexicon.words("geo_place_types")


def cap_directions() -> frozenset[str]:
    """Capitalised directions that make a region's name before a village's."""
    return lexicon.words("geo_cap_directions")


def org_heads() -> frozenset[str]:
    """Head nouns ending an organisation's name (corps, division, brigade ...)."""
    return lexicon.words("geo_org_heads")


def org_prefixes() -> frozenset[str]:
    """Arabic words beginning a group's name (jaysh, ahrar, liwa ...)."""
    return lexicon.words("geo_org_prefixes")


def near_frame_words() -> frozenset[str]:
    """Frame words that put an event around a place (front, axis, outskirts ...)."""
    return lexicon.words("geo_near_frame_words")


@cache
def facility_words() -> str:
    """The facility words as one regex alternation, longest first: ``(?:street|road|...)``."""
    words = sorted(lexicon.entries("geo_facility_words"), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(words) + ")"


def __getattr__(name: str) -> str:
    if name == "FACILITY_WORDS":
        return facility_words()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "articles", "cap_directions", "consonants", "facility_words", "generic_heads",
    "near_frame_words", "org_heads", "org_prefixes", "place_types", "translit_countries",
    "word_forms",
]
