"""A candidate's options: the gazetteer entries a surface may name, with a similarity.

Transliteration-tolerant similarity only for places in Arabic-speaking countries
(:func:`yaqut.geo.vocab.translit_countries`); elsewhere the text must equal a name letter for
letter. An exact spelling drops loose look-alikes.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from rapidfuzz import fuzz

from yaqut.geo import normalize, vocab
from yaqut.geo.cues import flat, is_cap
from yaqut.geo.distance import within
from yaqut.geo.gazetteer import ADMIN_LEVELS, Entry, Gazetteer
from yaqut.geo.match import Candidate, Token


class Match(NamedTuple):
    """A gazetteer entry a surface may name, and how closely (shared, immutable)."""

    entry: Entry
    name: str
    sim: float



_VOWELS = re.compile(r"[aeiouy]+")


class OptionFinder:
    """The options step of :class:`yaqut.geo.resolve.Resolver` (a mixin: needs ``gaz``,
    ``_opt_cache`` and ``_lt``)."""

    gaz: Gazetteer
    _opt_cache: dict[str, list[Match]]

    def _lt(self, s: str) -> str:  # pragma: no cover - defined by the resolver
        raise NotImplementedError

    def _options(self, c: Candidate, toks: list[Token]) -> list[Match]:
        """The gazetteer entries a candidate may name, with their name similarity.

        Transliteration-tolerant similarity is allowed only for places where Arabic names
        are transliterated (:data:`TRANSLIT_COUNTRIES`); elsewhere the folded text must equal
        one of the place's names ("Fox" is not Wuxi, "Hogg" is not Hough). Cached per
        surface text, since news repeats its names.
        """
        cached = self._opt_cache.get(c.text)
        if cached is None:
            cached = self._compute_options(c, toks)
            if len(self._opt_cache) > 50_000:
                self._opt_cache.clear()
            self._opt_cache[c.text] = cached
        return cached

    def _compute_options(self, c: Candidate, toks: list[Token]) -> list[Match]:
        words = [t for t in toks[c.first : c.last + 1] if not t.article]
        arabic = words and words[0].arabic
        acronym = c.first == c.last and toks[c.first].acronym is not None
        ml = self._lt(c.text)
        flat_text = flat(c.text)
        best: dict[int, tuple[Entry, str, float]] = {}
        lower = [
            normalize.fold(t.text).replace("'", "") for t in words if not is_cap(t.text)
        ]
        cap_text = " ".join(t.text for t in words if is_cap(t.text))
        for h in c.hits:
            if arabic or acronym:
                sim = 1.0
            else:
                if lower:
                    # lower-case words must be words of the name ("Sur in" is not Surin)
                    hn = normalize.latin_tokens(h.name)
                    if not all(w in hn for w in lower):
                        continue
                if h.entry.country not in vocab.translit_countries():
                    if flat_text != flat(h.name):
                        continue
                    best[h.entry.id] = (h.entry, h.name, 1.0)
                    continue
                hl = self._lt(h.name)
                sim = fuzz.ratio(ml, hl) / 100.0
                if sim < 0.88 and _VOWELS.sub("a", ml) == _VOWELS.sub("a", hl):
                    # same consonants with vowels in the same places ("Om Elmiathin" and
                    # "Um Elmayathen"): a likely transliteration, still short of a cue-free
                    # match
                    sim = 0.88
                if flat_text != flat(h.name):
                    # the same after transliteration folding is close, not identical:
                    # "China" is China before Shin, "Tunisia" Tunisia before Tunis
                    sim = min(sim, 0.97)
                if lower and cap_text and sim < 1.0:
                    # "Ar-Raqqa city" vs "RAK City": the generic word must not carry the match
                    rest = " ".join(w for w in normalize.latin_tokens(h.name) if w not in lower)
                    sim = min(sim, fuzz.ratio(self._lt(cap_text), self._lt(rest)) / 100.0)
            o = best.get(h.entry.id)
            if o is None or sim > o[2]:
                best[h.entry.id] = (h.entry, h.name, sim)
        min_sim = 0.8
        out = [o for o in best.values() if o[2] >= min_sim]
        exact = [o for o in out if o[2] >= 1.0]
        if exact:
            # the text is exactly one place's name: loose look-alikes are no rivals
            # ("Iran" is Iran, not the village Arran, however much Aleppo the text names),
            # and when that place is a country or a large city, near look-alikes neither
            # ("Turkey" is Türkiye, not the village Turkeia)
            big = any(
                e.level in ("country", "admin1") or (e.population or 0) >= 100_000
                for e, _, _ in exact
            )
            if big:
                # ... but the governorate named after that city stays ("Tartus province")
                out = exact + [
                    o for o in out
                    if o[2] < 1.0 and o[0].level in ADMIN_LEVELS
                    and any(within(self.gaz, e, o[0]) for e, _, _ in exact)
                ]
            else:
                out = [o for o in out if o[2] >= 0.9]
        else:
            # a city of 100,000 or a governorate has settled spellings in the news: a
            # loose look-alike of one is another place ("al-Hawamah" is not Hama)
            out = [
                o for o in out
                if o[2] >= 0.9
                or not (o[0].level == "admin1" or (o[0].population or 0) >= 100_000)
            ]
        return [Match(*o) for o in out]


__all__ = ["Match", "OptionFinder"]
