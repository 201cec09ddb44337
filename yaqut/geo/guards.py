"""Guards: the named rules that say why a candidate is not a place mention.

A candidate (an n-gram of the text whose key is a gazetteer key, with its options) passes
through :data:`RULES` in order. Each rule reads a :class:`GuardContext` and answers
``None`` (no objection: the next rule decides), a reason string (not a place: the
candidate is dropped with that reason), or :data:`KEEP` (a place mention: no later rule is
asked). :func:`guard` applies the table; each rule is tested on its own in
``tests/geo/test_guards.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from yaqut import lexicon
from yaqut.geo import normalize, vocab
from yaqut.geo.cues import (
    COUNCIL_AFTER,
    FINAL_WORDS,
    GUARD_PATTERNS,
    JOINED,
    KIN_AFTER,
    MIXED_CASE,
    NER_OTHER,
    NER_PLACE,
    ORG_OF_BEFORE,
    PRO_ANTI_BEFORE,
    TAIL_WORDS,
    bare,
    ends,
    flat,
    initial_of,
    is_cap,
    last_words,
    text_after,
)
from yaqut.geo.gazetteer import POINT_LEVELS, Gazetteer
from yaqut.geo.match import Candidate, Token
from yaqut.geo.options import Match

PERSON = "part of a person's name (after a title or given name)"
PERSON_FAMILY = "family name after a given name"
PERSON_GIVEN = "given name before a family name (X al-Y)"
#: Reasons that make a surface a person for the rest of the document (a given name alone
#: may be a place's first word, so PERSON_GIVEN is not one of them).
PERSON_REASONS = (PERSON, PERSON_FAMILY)
#: A rule's answer that the candidate is a place mention: no later rule is asked.
KEEP = "<keep>"

#: The reason of :func:`non_place_name` (the resolver reads it).
NON_PLACE_REASON = "part of a name that is not a place"

#: A city at least this populous, named exactly, is a place whatever its English frequency.
MAJOR_CITY = 250_000

# Demonyms: a place's name (its final vowel or "-on"/"-ey" dropped) + an English ending.
_DEMONYM_ENDINGS = ("ians", "ian", "ans", "an", "ns", "n", "ese", "ish", "is", "i")
_STEM_TAILS = ("", "a", "e", "y", "ia", "on", "ey")
_NOT_COUNTRY_HEADS = frozenset({"united", "new", "south", "north", "east", "west", "central"})


class NameKnowledge:
    """What the gazetteer says about words that are not places themselves: demonyms and
    the first words of country names (cached per gazetteer)."""

    def __init__(self, gaz: Gazetteer, focus: str | None = None) -> None:
        self.gaz = gaz
        self.focus = focus  # the geocoder's focus country (ISO code) or None
        self._demonyms: dict[str, bool] = {}
        self._heads: frozenset[str] | None = None

    def country_heads(self) -> frozenset[str]:
        """First words of many-word country names ("saudi", "costa"), read once."""
        if self._heads is None:
            self._heads = frozenset(
                flat(e.name.split()[0])
                for e in self.gaz._entries.values()
                if e.level == "country" and len(e.name.split()) > 1
            ) - _NOT_COUNTRY_HEADS
        return self._heads

    def demonym(self, word: str, opts: Sequence[Match]) -> bool:
        """True when ``word`` is a place's adjective or people ("Syrian", "Iraqis",
        "Lebanese", "Turkish"): the place's name plus an English demonym ending."""
        w = flat(word)
        if any(flat(o.name) == w or bare(o.name) == w for o in opts):
            return False  # the word is itself a place's name ("Rastan", Ar-Rastan)
        known = self._demonyms.get(w)
        if known is None:
            known = self._demonyms[w] = self._demonym_of(w)
        return known

    def _demonym_of(self, w: str) -> bool:
        for suf in _DEMONYM_ENDINGS:
            stem = w[: -len(suf)]
            if not w.endswith(suf) or len(stem) < 3:
                continue
            for tail in _STEM_TAILS:
                base = stem + tail
                for h in self.gaz.lookup(normalize.key(base)):
                    e = h.entry
                    if (
                        e.level in ("country", "admin1")
                        or (e.population or 0) >= 100_000  # Homsi, Aleppan; not "Rast-an"
                    ) and flat(h.name) == base:
                        return True
        return False


class WordSet(Protocol):
    """What ``w in words`` is asked of: a set of words, or the lazy cues.LowerWords."""

    def __contains__(self, word: str, /) -> bool: ...


class GuardContext:
    """One candidate and what the rules may ask about it: the facts most rules read are
    computed once; the context patterns are searched on first use and remembered."""

    def __init__(
        self, text: str, c: Candidate, toks: list[Token], opts: Sequence[Match],
        ner: str | None, lowercase_words: WordSet, all_caps: bool,
        starts: frozenset, know: NameKnowledge,
        nonplace: Sequence[tuple[int, int, str]] = (),
    ) -> None:
        self.text, self.c, self.toks, self.opts, self.ner = text, c, toks, opts, ner
        self.nonplace = nonplace  # (start, end, name) of the document's non-place names
        self.lowercase_words, self.all_caps, self.starts, self.know = (
            lowercase_words, all_caps, starts, know,
        )
        self.words = [t for t in toks[c.first : c.last + 1] if not t.article]
        self._seen: dict[str, bool] = {}
        self._tail: list[str] = []
        if self.words:
            self._facts()

    def _facts(self) -> None:
        """What most rules read, computed at once (cheaper than a lazy property each)."""
        c, text = self.c, self.text
        self.first = self.words[0]
        self.before = text[max(0, c.start - 40) : c.start]
        self.after = text_after(text, c.end)
        # A major place written out in full (a country, a governorate, a city of a
        # quarter million) outweighs the word's English frequency ("Boston", "Amsterdam":
        # frequent because they are big places); a loose match does not. The bar was a
        # million; at 250,000 GeoWebNews' tune half gains 2.9 points of recall for 0.6 of
        # precision, the ACLED notes' tune half does not move.
        self.major = any(
            o.sim >= 0.95
            and (o.entry.level in ("country", "admin1") or (o.entry.population or 0) >= MAJOR_CITY)
            for o in self.opts
        )
        self.single = len(self.words) == 1
        self.folded = normalize.fold(c.text).replace("-", " ")
        self.zipf = self.know.gaz.word_zipf(self.folded) if self.single else 0.0

    @property
    def prev(self) -> Token | None:
        return self.toks[self.c.first - 1] if self.c.first > 0 else None

    @property
    def nxt(self) -> Token | None:
        i = self.c.last + 1
        return self.toks[i] if i < len(self.toks) else None

    def zipf_of(self, word: str) -> float:
        return self.know.gaz.word_zipf(normalize.fold(word))

    def near(self, name: str) -> bool:
        """One of the context patterns (:data:`yaqut.geo.cues.GUARD_PATTERNS`), searched
        only when a rule needs it."""
        v = self._seen.get(name)
        if v is None:
            pat, side = GUARD_PATTERNS[name]
            finals = FINAL_WORDS.get(name)
            if finals is not None:
                # a pattern that ends in a word cannot match when the last word (or the
                # one before a last "the") is none of its words: skip the search
                if not self._tail:
                    self._tail.extend(last_words(self.before))
                if not any(w in finals for w in self._tail):
                    self._seen[name] = False
                    return False
            if side == "after":
                v = pat.search(self.after) is not None
            elif pat in TAIL_WORDS:
                v = ends(pat, self.before)
            else:
                v = pat.search(self.before) is not None
            self._seen[name] = v
        return v

    def after_cue(self) -> bool:
        return self.near("point_after") or self.near("near_after") or self.near("in_place_after")

    def placed(self) -> bool:
        """"the town of Hit", "Hole Camp", "Mare' axis"."""
        return self.near("place_word_before") or self.near("point_after") or self.near("near_after")

    def strong(self) -> bool:
        return self.near("strong_before") or self.near("place_word_before") or self.after_cue()

    def cue(self) -> bool:
        return self.near("loc_before") or self.near("place_word_before") or self.after_cue()

    def joined(self, a: int, b: int) -> bool:
        """True when only a space or hyphen separates text offsets ``a`` and ``b``."""
        return JOINED.fullmatch(self.text[a:b]) is not None


Check = Callable[[GuardContext], "str | None"]


@dataclass(frozen=True, slots=True)
class Rule:
    """A named guard: ``check`` answers None, a reason, or :data:`KEEP`."""

    name: str
    check: Check

    @property
    def doc(self) -> str:
        return (self.check.__doc__ or "").strip()


# -- the rules, in the order they apply ------------------------------------------------------


def article_only(x: GuardContext) -> str | None:
    """A candidate of articles alone ("al") names nothing."""
    return None if x.words else "article only"


def non_place_name(x: GuardContext) -> str | None:
    """Inside the name of an organisation, armed group or institution the document
    names ("al-Qaida", "Hezbollah", "White House"; :mod:`yaqut.geo.nonplaces`)."""
    c = x.c
    for s, e, name in x.nonplace:
        if s <= c.start and c.end <= e:
            return f"{NON_PLACE_REASON} ('{name}')"
    return None


def arabic_common_word(x: GuardContext) -> str | None:
    """Arabic text: months, prepositions, place-type nouns and directions are never
    places (lexicon ``geo_arabic_common``); a frequent Arabic word (wordfreq zipf >= 4,
    stored in the gazetteer) is one only after a locative word ("في", "بلدة", "قرب") or
    when it names a major place (a governorate, a country)."""
    if not x.first.arabic:
        return None
    if all(t.key in _arabic_keys("geo_arabic_common") for t in x.words):
        return "a common Arabic word (month, preposition, place-type noun or direction)"
    if not x.single or x.major:
        return None
    z = x.know.gaz.word_zipf(x.first.key)
    if z < 4.0:
        return None
    prev = x.toks[x.c.first - 1] if x.c.first > 0 else None
    if prev is not None and prev.arabic and prev.key in _arabic_keys("geo_arabic_locative"):
        return None
    return f"a frequent Arabic word (zipf {z:.1f}) without a locative word before it"


@cache
def _arabic_keys(name: str) -> frozenset[str]:
    return frozenset(normalize.arabic_key(w) for w in lexicon.entries(name))


def arabic_script(x: GuardContext) -> str | None:
    """A name written in Arabic script has no case and no English homonym: keep it."""
    return KEEP if x.first.arabic else None


def lower_case(x: GuardContext) -> str | None:
    """In mixed-case text a name starts with a capital, unless it ends capitalised and
    is exactly a place's name ("rural Damascus")."""
    if is_cap(x.first.text) or x.all_caps:
        return None
    if x.toks[x.c.last].cased and any(o.sim >= 1.0 for o in x.opts):
        return None
    return "lower case"


def short_capitals(x: GuardContext) -> str | None:
    """A short all-capitals word in mixed-case text ("IS", "SDF") that is not a known
    abbreviation is an abbreviation of something else."""
    first = x.first
    if not x.all_caps and first.text.isupper() and len(first.text) <= 5 and not first.acronym:
        return "acronym"
    return None


def acronym_mismatch(x: GuardContext) -> str | None:
    """An abbreviation matches only a gazetteer name that is itself an abbreviation."""
    if x.first.acronym and not x.c.hits[0].name.replace(".", "").isupper():
        return "acronym"
    return None


def mixed_case(x: GuardContext) -> str | None:
    """A word with a capital inside ("LaQ", "UConn") is a brand or abbreviation, unless
    the place's name is written so too."""
    if MIXED_CASE.search(x.first.text) and not any(MIXED_CASE.search(o.name) for o in x.opts):
        return "mixed-case word (an abbreviation or a brand: 'LaQ', 'UConn')"
    return None


def ner_place(x: GuardContext) -> str | None:
    """spaCy tagged the span a place (GPE, LOC, FAC): keep it."""
    return KEEP if x.ner in NER_PLACE else None


def pro_anti(x: GuardContext) -> str | None:
    """"pro-Iran", "anti-Assad": an adjective, not the place."""
    if ends(PRO_ANTI_BEFORE, x.before):
        return "an adjective ('pro-Iran', 'anti-Assad'), not the place"
    return None


def common_word(x: GuardContext) -> str | None:
    """A very frequent English word (zipf >= 4.5) is no place unless a place word frames it
    or it names a major place."""
    if x.zipf >= 4.5 and not x.major and not x.placed():
        return f"common English word (zipf {x.zipf:.1f})"
    return None


def common_word_at_sentence_start(x: GuardContext) -> str | None:
    """A frequent word (zipf >= 3) capitalised only because it starts a sentence."""
    if x.zipf >= 3.0 and not x.major and x.near("sentence_start") and not x.placed():
        return "common word at sentence start"
    return None


def lower_case_elsewhere(x: GuardContext) -> str | None:
    """A single word the same text also writes in lower case is an ordinary word."""
    if x.single and x.c.text.lower() in x.lowercase_words and not x.major:
        return "written lower case elsewhere in the text"
    return None


def title_before(x: GuardContext) -> str | None:
    """After a title or given name ("President X", "Abu X", "Mohammed X"): a person,
    unless the name is a country's."""
    if x.prev is not None and x.near("person_before") and not any(
        o.entry.level == "country" and o.sim >= 0.95 for o in x.opts
    ):
        return PERSON
    return None


def ruler_or_speaker(x: GuardContext) -> str | None:
    """"the X regime", "said X": a ruler or a speaker; "said X Y" (a two-word name after
    a speech verb) is a person even when X is a large city's name ("said Shiraz Maher")."""
    if not x.major and (x.near("ruler_after") or x.near("speech_before")):
        return PERSON
    nxt = x.nxt
    if (
        x.major and x.single and nxt is not None and nxt.cased and not nxt.article
        and not nxt.arabic and x.joined(x.c.end, nxt.start)
        and normalize.fold(nxt.text) not in vocab.place_types()
        and x.near("speech_before")
    ):
        return PERSON
    return None


def family_name(x: GuardContext) -> str | None:
    """"Bashar al-Assad": an article name right after a capitalised word (not a common
    word at a sentence start) is a family name."""
    prev, c = x.prev, x.c
    if (
        not x.major
        and x.toks[c.first].article
        and prev is not None
        and is_cap(prev.text)
        and not prev.article
        and re.fullmatch(r"\s+", x.text[prev.end : c.start])
        and not (initial_of(x.text, prev.start) and x.zipf_of(prev.text) >= 3.0)
    ):
        return PERSON_FAMILY
    return None


def generic_head_first(x: GuardContext) -> str | None:
    """"Kafr" of "Kafr Kasher": a generic Arabic head word before another name word
    begins a longer name the gazetteer lacks."""
    nxt = x.nxt
    if (
        x.single
        and normalize.fold(x.first.text) in vocab.generic_heads()
        and nxt is not None
        and (nxt.cased or nxt.article)
        and x.joined(x.c.end, nxt.start)
    ):
        return f"the first word of a longer name ('{x.c.text} {nxt.text}')"
    return None


def after_generic_head(x: GuardContext) -> str | None:
    """"Safa" of "Tlul al-Safa": a name after a generic head word ends a longer name."""
    toks, j, end = x.toks, x.c.first - 1, x.c.start
    if j >= 0 and toks[j].article and x.joined(toks[j].end, end):
        j, end = j - 1, toks[j].start
    if (
        j >= 0
        and toks[j].cased
        and normalize.fold(toks[j].text) in vocab.generic_heads()
        and x.joined(toks[j].end, end)
    ):
        return f"the end of a longer name ('{toks[j].text} … {x.c.text}')"
    return None


def demonym(x: GuardContext) -> str | None:
    """"Syrian", "Lebanese": a place's adjective or people, not the place."""
    if x.single and x.know.demonym(x.first.text, x.opts):
        return "demonym (an adjective of a place, not the place)"
    return None


def people_adjective(x: GuardContext) -> str | None:
    """A frequent English word ending like an adjective of a people ("Kurdish"), also
    before a place word that names another place ("the Kurdish city of Afrin")."""
    if (
        x.single
        and x.zipf >= 3.0
        and x.folded.endswith(("ish", "ian", "ese", "ians"))
        and (not x.placed() or _TYPE_OF_AFTER.match(x.after))
    ):
        return "an English adjective of a people ('Kurdish territory')"
    return None


# "the Kurdish city of Afrin": a place word and "of" a name after the word
_TYPE_OF_AFTER = re.compile(
    r"^\s+(?:city|town|village|region|area|enclave|province|district|neighbou?rhood)\s+of\s+"
    r"(?:the\s+)?[A-Z]"
)


def country_head(x: GuardContext) -> str | None:
    """"the Saudi capital": the first word of a many-word country name, used alone."""
    if (
        x.single
        and all(o.sim < 1.0 for o in x.opts)
        and flat(x.first.text) in x.know.country_heads()
    ):
        return "the first word of a country's name used alone ('the Saudi capital')"
    return None


def organisation(x: GuardContext) -> str | None:
    """Part of an organisation's name: the run of capitalised words around it ends in a
    head noun (Corps, Division, Operation Room) or starts with a group word (Jaysh,
    Ahrar, Liwa); or a tribe, family or local council follows; or "Army of X"."""
    text, c, toks = x.text, x.c, x.toks

    def capish(t: Token) -> bool:
        return t.article or is_cap(t.text)

    right = c.last
    while right + 1 < len(toks) and capish(toks[right + 1]) and x.joined(
        toks[right].end, toks[right + 1].start
    ):
        right += 1
    left = c.first
    while left > 0 and capish(toks[left - 1]) and x.joined(toks[left - 1].end, toks[left].start):
        left -= 1
    for t in toks[c.last + 1 : right + 1]:
        if not t.article and normalize.fold(t.text) in vocab.org_heads():
            return f"part of an organisation's name (… {t.text})"
    kin = KIN_AFTER.match(text, c.end)
    if kin:
        return f"a family or tribe's name (… {kin.group(1)})"
    council = COUNCIL_AFTER.match(text, c.end)
    if council:
        return f"part of an organisation's name (… {council.group(1)})"
    of = ORG_OF_BEFORE.search(text, max(0, c.start - 40), c.start)
    if of:
        return f"part of an organisation's name ({of.group(1)} of …)"
    own = toks[c.first] if right > c.last else None  # "Hayat Tahrir al-Sham"
    for t in [*toks[left : c.first], *([own] if own is not None else [])]:
        if not t.article and normalize.fold(t.text) in vocab.org_prefixes():
            return f"part of an organisation's name ({t.text} …)"
    return None


def fragment_before_next(x: GuardContext) -> str | None:
    """A small place's name followed by another capitalised word (not a place type,
    not the start of a likely name) is the first part of a longer name."""
    nxt = x.nxt
    if (
        not x.major
        and all((o.entry.population or 0) < 20_000 for o in x.opts if o.sim >= 1.0)
        and nxt is not None
        and nxt.cased
        and not nxt.arabic
        and x.joined(x.c.end, nxt.start)
        and x.c.last + 1 not in x.starts
        and normalize.fold(nxt.text) not in vocab.place_types()
    ):
        return f"fragment of a longer name ('{x.c.text} {nxt.text}')"
    return None


def end_of_longer_name(x: GuardContext) -> str | None:
    """"Ikthar Al Bitar": a capitalised word and an article before the name."""
    prev, toks, c = x.prev, x.toks, x.c
    if x.major or prev is None or not prev.article or c.first < 2:
        return None
    w = toks[c.first - 2]
    if (
        w.cased
        and not w.article
        and not w.arabic
        and x.joined(w.end, prev.start)
        and x.joined(prev.end, c.start)
        and not initial_of(x.text, w.start)
        and normalize.fold(w.text) not in vocab.place_types()
        and not x.know.demonym(w.text, [])
    ):
        return f"the end of a longer name ('{w.text} {prev.text} {c.text}')"
    return None


def fragment_after_prev(x: GuardContext) -> str | None:
    """A capitalised word right before the name (not at a sentence start, not a place
    type or demonym) makes a longer name; so does a capitalised direction before a
    village's name ("Eastern Ghouta"), a region's name the gazetteer lacks."""
    prev, opts = x.prev, x.opts
    if (
        not x.major
        and prev is not None
        and prev.cased
        and not prev.article
        and not prev.arabic
        and x.joined(prev.end, x.c.start)
        and not initial_of(x.text, prev.start)
        and (
            normalize.fold(prev.text) not in vocab.place_types()
            or (
                prev.text in vocab.cap_directions()
                and all(o.entry.level in POINT_LEVELS for o in opts)
                and all(o.entry.country in vocab.translit_countries() for o in opts)
                and all((o.entry.population or 0) < 100_000 for o in opts)
            )
        )
        and not x.know.demonym(prev.text, [])
    ):
        return f"fragment of a longer name ('{prev.text} {x.c.text}')"
    return None


def tagged_loose(x: GuardContext) -> str | None:
    """spaCy tagged the span a person, organisation or group: no transliteration-tolerant
    match may make it a place, whatever the cue (only a name spelt letter for letter)."""
    if x.ner in NER_OTHER and all(o.sim < 1.0 for o in x.opts):
        return f"tagged {x.ner}, and only a loose spelling match"
    return None


def loose_without_cue(x: GuardContext) -> str | None:
    """A name matched only loosely (similarity < 0.9) needs a locative cue."""
    if (
        not (x.near("strong_before") or x.near("place_word_before"))
        and not x.after_cue()
        and all(o.sim < 0.9 for o in x.opts)
    ):
        return "only a loose spelling match, and no locative cue"
    return None


def loose_abroad_without_cue(x: GuardContext) -> str | None:
    """A transliteration-tolerant match (not letter for letter) of places outside the
    focus country needs a locative cue of its own ("Pompeo" is not El Bomba, Egypt)."""
    focus = x.know.focus
    if (
        focus is not None
        and all(o.sim < 1.0 and o.entry.country != focus for o in x.opts)
        and not x.strong()
    ):
        return "only a loose spelling match abroad, and no locative cue"
    return None


def frequent_without_cue(x: GuardContext) -> str | None:
    """A word frequent in English news (zipf >= 3.3: "Assad", "Bolton", "Omar") is a
    name unless the words around it place it ("in Omar", "Omar town")."""
    if x.zipf >= 3.3 and not x.major and not (x.near("strong_before") or x.placed()):
        return f"common English word (zipf {x.zipf:.1f}) without a locative cue"
    return None


def common_phrase(x: GuardContext) -> str | None:
    """Several common English words naming a place outside the Arabic-speaking world
    ("Green Park") need a locative cue."""
    if (
        not x.single
        and not x.major
        and not x.strong()
        and all(o.entry.country not in vocab.translit_countries() for o in x.opts)
        and all(x.zipf_of(t.text) >= 3.0 for t in x.words)
    ):
        return "a phrase of common English words without a locative cue"
    return None


def given_name(x: GuardContext) -> str | None:
    """"Ahmad al-Ali": a name followed by an article and a capitalised word is a given
    name before a family name."""
    c, toks, nxt = x.c, x.toks, x.nxt
    nxt2 = toks[c.last + 2] if c.last + 2 < len(toks) else None
    if (
        not x.major
        and nxt is not None
        and nxt2 is not None
        and nxt.article
        and is_cap(nxt2.text)
        and re.fullmatch(r"\s+", x.text[c.end : nxt.start])
        and x.joined(nxt.end, nxt2.start)
        and not toks[c.first].article
    ):
        return PERSON_GIVEN
    return None


def tagged_not_place(x: GuardContext) -> str | None:
    """spaCy tagged the span a person, organisation or group, and no locative cue."""
    if not x.major and x.ner in NER_OTHER and not x.cue():
        return f"tagged {x.ner} and no locative cue"
    return None


def speech_subject(x: GuardContext) -> str | None:
    """"X said": the subject of a speech verb, without a locative cue."""
    if not x.major and x.near("speech_after") and not x.cue():
        return "subject of a speech verb"
    return None


#: The guards, applied in this order: the first reason (or KEEP) decides.
RULES: tuple[Rule, ...] = tuple(
    Rule(f.__name__, f)
    for f in (
        article_only, non_place_name, arabic_common_word, arabic_script, lower_case,
        short_capitals, acronym_mismatch, mixed_case, ner_place, pro_anti, common_word,
        common_word_at_sentence_start,
        lower_case_elsewhere, title_before, ruler_or_speaker, family_name,
        generic_head_first, after_generic_head, demonym, people_adjective, country_head,
        organisation, fragment_before_next, end_of_longer_name, fragment_after_prev,
        tagged_loose, loose_without_cue, loose_abroad_without_cue, frequent_without_cue,
        common_phrase, given_name, tagged_not_place, speech_subject,
    )
)


def guard(x: GuardContext, rules: Sequence[Rule] = RULES) -> str | None:
    """Why the candidate is not a place mention (None when it may be one)."""
    for rule in rules:
        why = rule.check(x)
        if why is not None:
            return None if why == KEEP else why
    return None


__all__ = [
    "KEEP", "NON_PLACE_REASON", "PERSON", "PERSON_FAMILY", "PERSON_GIVEN", "PERSON_REASONS",
    "RULES",
    "GuardContext", "NameKnowledge", "Rule", "guard",
]
