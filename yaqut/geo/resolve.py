"""Choosing places: surface guards, whole-document context, precision and a reason.

Steps, for one document:

1. *Options*: a candidate's gazetteer entries with a name similarity. Transliteration-
   tolerant similarity only for places in Arabic-speaking countries; elsewhere the text
   must equal a name letter for letter. An exact spelling drops loose look-alikes.
2. *Selection and guards*: candidates are taken longest and closest first, without
   overlaps; each is checked by guards that drop what is not a place mention: lower case,
   abbreviations, demonyms and people's adjectives, people (titles, given names, speakers,
   "X regime"; a surface once seen as a person stays one), organisations, tribes,
   fragments of longer unknown names, common English words and loose spellings without a
   locative cue.
3. *Scoring* ranks each mention's entries by name similarity, prominence (level,
   population), the focus country, and document context counted by distinct surface:
   countries, governorates and districts the text names, an ``X in Y`` container, nearby
   places, and the words around the mention (``countryside``, ``province``, ``town``...).
   Places abroad whose country the text does not name, and loose village matches outside
   the governorates the text names, are dropped.
4. *Precision*: 1 for the place itself; 2 for ``near X``, ``X countryside``, ``east of X``
   (a town); 3 for a governorate, district or country alone. A name shared by places of
   one governorate or district is coded at that unit; one shared across governorates goes
   to the most prominent place, flagged "ambiguous" with a score of at most 0.5.

Every mention is resolved on its own and a failure in one never empties the document.
"""

from __future__ import annotations

import math
import re
import string
from collections import Counter
from collections.abc import Container, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz import fuzz

from yaqut.geo import normalize
from yaqut.geo.gazetteer import Entry, Gazetteer, NameHit
from yaqut.geo.match import Candidate, Token, find_candidates, tokenize
from yaqut.records import Place

ADMIN_LEVELS = ("country", "admin1", "admin2", "admin3")
POINT_LEVELS = ("community", "city", "neighbourhood")

_LEVEL_PRIOR = {
    "country": 0.75,
    "admin1": 0.65,
    "admin2": 0.45,
    "admin3": 0.35,
    "community": 0.3,
    "city": 0.3,
    "neighbourhood": 0.1,
}

# Words right before a mention.
_NEAR_BEFORE = re.compile(
    r"(?:\bnear(?:by)?|\bclose to|\boutskirts of|\bvicinity of|\baround|\boutside(?: of)?|"
    r"\bedge of|\bperiphery of|\bcountryside of|\bsurroundings of|"
    r"(?:\bnorth|\bsouth|\beast|\bwest|\bnorth-?east|\bnorth-?west|\bsouth-?east|"
    r"\bsouth-?west)(?:ern)?(?:\s+(?:side|part|outskirts|countryside))?\s+of)"
    r"(?:\s+the)?(?:\s+(?:town|city|village|area|countryside|outskirts)\s+of)?\s+$",
    re.I,
)
_DIST_BEFORE = re.compile(r"\b\d+\s*(?:km|kilometres|kilometers|miles)\s+(?:\w+\s+)?of\s+$", re.I)
_REGION_BEFORE = re.compile(
    r"\b(?:northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|"
    r"south-?western|central|rural|greater|the countryside of|countryside of|"
    r"north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+$",
    re.I,
)
_PLACE_WORD_BEFORE = re.compile(
    r"\b(?:towns?|city|cities|villages?|hamlets?|camps?|neighbou?rhoods?|district|suburbs?|"
    r"areas?|countryside|outskirts|vicinity|surroundings|frontlines?|fronts?)\s+of\s+"
    r"(?:the\s+)?$",
    re.I,
)
_LOC_CUE_BEFORE = re.compile(
    r"\b(?:in|at|on|near|from|to|into|towards?|outside|around|across|via|of|between|and|"
    r"attacked|shelled|bombed|entered|captured|stormed|besieged|took|raided|targeted|hit|"
    r"struck|reached|seized|liberated|recaptured|controlled|surrounded|overran|bombarded|"
    r"shelling|stationed|based|located|residents of|people of)\s+(?:the\s+)?$",
    re.I,
)
_QUARTER_AFTER = re.compile(r"^\s+(?:neighbou?rhoods?|quarters?|district of)\b", re.I)
# "the town of X", "the village of X": X is a settlement.
_SETTLEMENT_OF_BEFORE = re.compile(
    r"\b(?:town|city|village|hamlet|camp|neighbou?rhood|district|suburb|area)\s+of\s+"
    r"(?:the\s+)?$",
    re.I,
)
# The cues that let a loose spelling match stand ("clashes in Hamouriya"): place
# prepositions and verbs of attack, not "of", "and", "to" or "at".
_STRONG_CUE_BEFORE = re.compile(
    r"\b(?:in|near|into|inside|outside|around|towards?|"
    r"attacked|shelled|bombed|entered|captured|stormed|besieged|raided|targeted|struck|"
    r"reached|seized|liberated|recaptured|controlled|surrounded|overran|bombarded|shelling on|"
    r"residents of|people of)\s+(?:the\s+)?$",
    re.I,
)
# Words right after a mention.
_NEAR_AFTER = re.compile(
    r"^(?:'s)?\s+(?:countryside|outskirts|suburbs|environs|surroundings|vicinity|axis|"
    r"front(?:line)?|periphery|area|region|plains?|desert|badia)\b",
    re.I,
)
_ADMIN1_AFTER = re.compile(r"^\s+(?:province|governorate|gov\.|governate|muhafaza)\b", re.I)
_ADMIN2_AFTER = re.compile(r"^\s+(?:district|mantiqa|region)\b", re.I)
_ADMIN3_AFTER = re.compile(r"^\s+(?:sub-?district|nahiya|subdistrict)\b", re.I)
_POINT_AFTER = re.compile(
    r"^\s+(?:town|city|village|hamlet|camp|neighbou?rhood|quarter|farms?|"
    r"checkpoint|base|airport|crossing|bridge|dam|street|square|hospital)\b",
    re.I,
)
_COUNTRYSIDE_AFTER = re.compile(r"^(?:'s)?\s+(?:countryside|rural\b)", re.I)
# Between an inner mention and its container: "X in Y", "X, Y", "X town in eastern Y".
_CONTAINER_GAP = re.compile(
    r"^(?:'s)?\s*(?:(?:town|city|village|hamlet|area|camp|neighbou?rhood|district|"
    r"sub-?district|countryside|axis|outskirts|farms|front|fronts|frontline)\s*)?"
    r"(?:,|\bin|\bof|\bnear|\bwithin)"
    r"\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|north-?eastern|north-?western|"
    r"south-?eastern|south-?western|central|rural|countryside of|outskirts of)\s+){0,2}$",
    re.I,
)
# "X in the eastern countryside of Hama", "X in southern Idleb": the part of the container
_DIRECTION = re.compile(r"\b(north|south|east|west)(?:-?(east|west))?(?:ern)?\b", re.I)
_JOINED = re.compile(r"[ \t]{1,2}|[ ]?[-–‐][ ]?")
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\n\"“”(\[]\s*|\n\s*)$")
_PERSON_BEFORE = re.compile(
    r"\b(?:abu|abou|ibn|bin|bint|sheikh|shaikh|imam|mr|mrs|ms|dr|president|minister|general|"
    r"gen|colonel|col|brigadier|major|captain|lieutenant|commander|leader|emir|king|prince|"
    r"sultan|mullah|mufti|ayatollah|sayyed|sayyid|mohammed|muhammad|mohammad)\.?\s+$",
    re.I,
)
# "X in (eastern) Y", "X, Y": a name placed inside another place is a place.
_IN_PLACE_AFTER = re.compile(
    r"^\s+(?:in|near)\s+(?:the\s+)?(?:[a-z-]+ern\s+|central\s+)?"
    r"(?:(?:countryside|outskirts|suburbs)\s+of\s+)?[A-Z]"
)
# Before a name that places the one before it: "Balqah in ", "Sawa village in ", "Jasim, ".
_AFTER_A_PLACE = re.compile(
    r"[a-z,)]\s+[A-Z][\w'’-]+(?:\s+(?:town|village|city|area|camp|hill|farms?|axis|"
    r"front(?:line)?))?"
    r"(?:\s+in|,)\s+(?:the\s+)?$"
)
# "the Assad regime", "al-Assad's regime": a ruler, not a place.
_RULER_AFTER = re.compile(r"^(?:'s|’s)?\s+(?:regime|family|clan|dynasty)\b", re.I)
_SPEECH_AFTER = re.compile(
    r"^(?:'s)?\s+(?:\w+ly\s+)?(?:said|says|told|added|stated|wrote|tweeted)\b", re.I
)
# "…,” said Mediah.": the speaker of a quotation is a person.
_SPEECH_BEFORE = re.compile(r"\b(?:said|says|told|added|asked|according to)\s+$")

#: Countries whose place names reach English text as transliterations of Arabic: only
#: there may a mention match a name by transliteration-tolerant similarity.
TRANSLIT_COUNTRIES = frozenset(
    "SY IQ LB JO PS IL SA YE EG LY TN DZ MA KW QA AE BH OM SD".split()
)

_NER_PLACE = {"GPE", "LOC", "FAC"}

# The context patterns the guards consult, by name, and the side of the mention they read.
_GUARD_PATTERNS = {
    "sentence_start": (_SENTENCE_END, "before"),
    "point_after": (_POINT_AFTER, "after"),
    "near_after": (_NEAR_AFTER, "after"),
    "in_place_after": (_IN_PLACE_AFTER, "after"),
    "place_word_before": (_PLACE_WORD_BEFORE, "before"),
    "strong_before": (_STRONG_CUE_BEFORE, "before"),
    "loc_before": (_LOC_CUE_BEFORE, "before"),
    "person_before": (_PERSON_BEFORE, "before"),
    "ruler_after": (_RULER_AFTER, "after"),
    "speech_before": (_SPEECH_BEFORE, "before"),
    "speech_after": (_SPEECH_AFTER, "after"),
}


def _tail(before: str, words: int) -> str:
    """The end of ``before`` from the start of its last ``words`` words, with the
    whitespace before them (so that a word boundary there reads as in the whole)."""
    parts = before.rsplit(None, words)
    return before[len(parts[0]) :] if len(parts) > words else before


def _ends(pat: re.Pattern, before: str) -> bool:
    """``pat.search(before)`` for a pattern of :data:`_TAIL_WORDS`, on the tail only."""
    return pat.search(_tail(before, _TAIL_WORDS[pat])) is not None


def _pattern_words(pat: re.Pattern) -> frozenset[str]:
    """Every lower-case word a pattern's text holds, with its optional last letter
    dropped too ("towards?" gives "towards" and "toward"): a superset of the words it can
    end with."""
    out = set()
    for m in re.finditer(r"([a-z]+)(\?)?", pat.pattern):
        out.add(m.group(1))
        if m.group(2):
            out.add(m.group(1)[:-1])
    return frozenset(out)


# The before-patterns that end in a literal word (then spaces, an optional "the", the end).
_FINAL_WORDS = {
    name: _pattern_words(_GUARD_PATTERNS[name][0])
    for name in ("place_word_before", "strong_before", "loc_before", "person_before",
                 "speech_before")
}


def _last_words(before: str) -> list[str]:
    """The last word of a text, lower case without punctuation, and the one before it when
    it is "the"; ['#'] when there is none (so that the list is never empty)."""
    words = before.split()[-2:]
    out = []
    for w in reversed(words):
        w = w.strip(".,;:!?\"'()[]").lower()
        out.append(w)
        if w != "the":
            break
    return out or ["#"]


# Demonyms: a place's name (its final vowel or "-on"/"-ey" dropped) + an English ending.
# Arabic words that begin place names ("Kafr X", "Tal al-X", "Tlul al-Safa"): alone
# before another capitalised word they are the start of a name the gazetteer lacks.
_GENERIC_HEADS = frozenset(
    "kafr kfar tal tall tell tel tlul ain ein ayn deir dayr jabal jebel jabel wadi khirbet "
    "khirbat kherbet umm um om abu bir ras beit bait qasr maarat maaret marj nahr tallet hosh "
    "mazraat mazraa qaryat qarya".split()
)
# Capitalised words that may follow a place's name without making it a longer name.
_PLACE_TYPES = frozenset(
    "city town village hamlet province governorate district subdistrict sub countryside "
    "camp airport airbase base dam bridge crossing checkpoint area region plain plains "
    "valley mountain mountains hills river lake desert road highway street square "
    "neighbourhood neighborhood quarter suburb suburbs outskirts front frontline axis "
    "north south east west northern southern eastern western central".split()
)
_CAP_DIRECTIONS = frozenset(
    "Eastern Western Northern Southern East West North South Central Upper Lower".split()
)
_DEMONYM_ENDINGS = ("ians", "ian", "ans", "an", "ns", "n", "ese", "ish", "is", "i")
_STEM_TAILS = ("", "a", "e", "y", "ia", "on", "ey")

# Organisations named after places or made of place-like words: "Al Sham Corps",
# "Hamza Division", "Al Fath Al Mubeen Operation Room", "Jaysh al-Islam", "Ahrar al-Sham".
_ORG_HEADS = frozenset(
    "room rooms corps division divisions brigade brigades army armies front council councils "
    "movement battalion battalions regiment militia militias forces units guards guard party "
    "shield spring storm wrath operation operations group groups committee organization "
    "organisation "
    "network observatory gathering coalition alliance league union agency ministry tribe "
    "tribes clan clans".split()
)
# "QSD's Menbij military council": a local council written in lower case
_COUNCIL_AFTER = re.compile(r"\s+((?:military|revolutionary|local|civil)\s+council)\b", re.I)
# "the Liberation Army of Afrin", "Revolutionaries Front of Idlib": a group's name
_ORG_OF_BEFORE = re.compile(
    r"\b[A-Z][a-z]+\s+((?:Army|Front|Council|Brigades?|Division|Battalions?|Corps|Movement|"
    r"Gathering|Shield|Room|Union|Regiment))\s+of\s+(?:the\s+)?$"
)
_PRO_ANTI_BEFORE = re.compile(r"\b(?:pro|anti|non)-$", re.I)
_KIN_AFTER = re.compile(r"\s+(tribes?|clans?|family|families)\b")
# The before-patterns match at the end of the text before a mention and span at most
# this many whitespace-separated words (counted from each pattern, plus one to spare), so
# searching only that tail finds the same matches with a fraction of the work.
_TAIL_WORDS = {
    _NEAR_BEFORE: 7,  # "north-western outskirts of the town of"
    _DIST_BEFORE: 5,  # "10 km west of"
    _REGION_BEFORE: 4,  # "the countryside of"
    _LOC_CUE_BEFORE: 4,  # "residents of the"
    _SETTLEMENT_OF_BEFORE: 4,
    _STRONG_CUE_BEFORE: 4,
    _PLACE_WORD_BEFORE: 4,
    _PERSON_BEFORE: 2,
    _SPEECH_BEFORE: 3,  # "according to"
    _PRO_ANTI_BEFORE: 2,
    _AFTER_A_PLACE: 6,  # "…d Sawa village in the"
}
_ORG_PREFIXES = frozenset(
    "jaysh jaish jabhat jabha harakat haraka ahrar liwa liwaa faylaq failaq ansar hayat "
    "hayaat tahrir katibat katiba saraya sariya hizb quwat jund kataib asaib fursan thuwar "
    "suqour suquor suqur soqour alwiya alwiyat tajammu firqa firqat lajnat operation rijal".split()
)

PERSON = "part of a person's name (after a title or given name)"
PERSON_FAMILY = "family name after a given name"
PERSON_GIVEN = "given name before a family name (X al-Y)"
_PERSON_REASONS = (PERSON, PERSON_FAMILY)  # a given name alone may be a place's first word
_NER_OTHER = {"PERSON", "ORG", "NORP"}


class Match(NamedTuple):
    """A gazetteer entry a surface may name, and how closely (shared, immutable)."""

    entry: Entry
    name: str
    sim: float


@dataclass(slots=True)
class Option:
    """One gazetteer entry a mention may refer to, with its running score."""

    entry: Entry
    name: str
    sim: float
    score: float = 0.0
    why: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Mention:
    """A selected candidate with its options and the context around it."""

    cand: Candidate
    options: list[Option]
    near: bool = False  # "near X", "X countryside", "east of X"
    region_mod: bool = False  # "northern X", "rural X", "X countryside"
    want: str | None = None  # level the surrounding words ask for
    ner: str | None = None
    cue: bool = False
    container: Mention | None = None
    best: Option | None = None
    given: tuple = (None, None, None)  # country, admin1, admin2 this mention adds as context
    container_gap: str = ""  # the text between the mention and its container
    facility_in: Mention | None = None  # "X street in Y": the place the facility is in

    @property
    def start(self) -> int:
        return self.cand.start

    @property
    def end(self) -> int:
        return self.cand.end


# -- helpers ------------------------------------------------------------------------------


def within(gaz: Gazetteer, inner: Entry, outer: Entry) -> bool:
    """True when ``inner`` is ``outer`` or lies inside it (by hierarchy)."""
    if inner.id == outer.id:
        return True
    if outer.level == "country":
        return inner.country == outer.country
    if outer.level == "admin1":
        return bool(outer.admin1_pcode) and inner.admin1_pcode == outer.admin1_pcode
    if outer.level == "admin2":
        return bool(outer.admin2_pcode) and inner.admin2_pcode == outer.admin2_pcode
    if outer.level == "admin3":
        return bool(outer.admin3_pcode) and inner.admin3_pcode == outer.admin3_pcode
    return inner.parent == outer.id


def km(a: Entry, b: Entry) -> float:
    """Great-circle distance between two entries in km (inf without coordinates)."""
    if a.latitude is None or b.latitude is None or a.longitude is None or b.longitude is None:
        return math.inf
    p1, p2 = math.radians(a.latitude), math.radians(b.latitude)
    dp, dl = p2 - p1, math.radians(b.longitude - a.longitude)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def _importance(e: Entry) -> float:
    prior = _LEVEL_PRIOR.get(e.level, 0.2)
    if e.population:
        prior = max(prior, min(0.75, math.log10(e.population + 1) / 9))
    return prior


def _is_cap(word: str) -> bool:
    return word[:1].isupper() or normalize.is_arabic(word)


def _in_organisation(text: str, c: Candidate, toks: list[Token]) -> str | None:
    """Why a candidate is part of an organisation's name (None when it is not).

    The run of capitalised words (and articles) around the candidate, joined by spaces or
    hyphens, names an organisation when it ends in a head noun such as Corps, Division or
    Operation Room, or starts with an Arabic word for a group (Jaysh, Ahrar, Liwa ...).
    """
    def joined(i: int, j: int) -> bool:
        return _JOINED.fullmatch(text[toks[i].end : toks[j].start]) is not None

    def capish(t: Token) -> bool:
        return t.article or _is_cap(t.text)

    right = c.last
    while right + 1 < len(toks) and capish(toks[right + 1]) and joined(right, right + 1):
        right += 1
    left = c.first
    while left > 0 and capish(toks[left - 1]) and joined(left - 1, left):
        left -= 1
    for t in toks[c.last + 1 : right + 1]:
        if not t.article and normalize.fold(t.text) in _ORG_HEADS:
            return f"part of an organisation's name (… {t.text})"
    kin = _KIN_AFTER.match(text, c.end)
    if kin:
        return f"a family or tribe's name (… {kin.group(1)})"
    council = _COUNCIL_AFTER.match(text, c.end)
    if council:
        return f"part of an organisation's name (… {council.group(1)})"
    of = _ORG_OF_BEFORE.search(text, max(0, c.start - 40), c.start)
    if of:
        return f"part of an organisation's name ({of.group(1)} of …)"
    own = toks[c.first] if right > c.last else None  # "Hayat Tahrir al-Sham"
    for t in [*toks[left : c.first], *([own] if own is not None else [])]:
        if not t.article and normalize.fold(t.text) in _ORG_PREFIXES:
            return f"part of an organisation's name ({t.text} …)"
    return None


def _cased_exact(c: Candidate, toks: list[Token], opts: list) -> bool:
    """"rural Damascus" for "Rural Damascus": a lower-case first word is fine when the
    name ends capitalised and the text is exactly one of the place's names."""
    return toks[c.last].cased and any(o.sim >= 1.0 for o in opts)


def _core(c: Candidate, toks: list[Token]) -> str:
    """A candidate's words without articles, folded: "al-Assad" and "Assad" are one."""
    return "".join(_flat(t.text) for t in toks[c.first : c.last + 1] if not t.article)


def _caps(c: Candidate, toks: list[Token]) -> int:
    return sum(1 for t in toks[c.first : c.last + 1] if not t.article and _is_cap(t.text))


_VOWELS = re.compile(r"[aeiouy]+")
_DIRECT_IN = re.compile(
    r"['’]?\s*(?:(?:village|town|hamlet|front(?:line)?s?|axis|area|region|hill|farms)\s+)?"
    r"in\s+(?:the\s+)?(?:(?:[a-z-]+ern|central|rural)\s+)?(?:countryside\s+of\s+)?"
)
# Words after a place name that make it the name of a facility ("X checkpoint", "X street").
FACILITY_WORDS = (
    r"(?:street|road|roundabout|checkpoint|square|mosque|hospital|school|"
    r"market|bakery|junction|crossroads?|factory|silos?|station|bridge|gate|hotel|park)"
)
# "X roundabout in Y", "X street in the city of Y": a facility named X that lies in Y
_FACILITY_GAP = re.compile(
    rf"^(?:'s)?['’]?\s+{FACILITY_WORDS}\s+"
    r"(?:in|of|inside)\s+(?:the\s+)?(?:(?:[a-z-]+ern|central)\s+)?"
    r"(?:(?:city|town|village|neighbou?rhood)\s+of\s+)?$",
    re.I,
)
_IN_NEAR_GAP = re.compile(r"\b(?:in|near|within)\b", re.I)
_SENTENCE_STOP = re.compile(r"[.;!?](?:\s|$)")
_IN_WORD = re.compile(r"\b(?:in|within)\b", re.I)
_LOWER_RUN = re.compile(r"[a-z][a-z]+")
_MIXED_CASE = re.compile(r"(?<!^Mc)(?<!^Mac)[a-z][A-Z]")


@lru_cache(maxsize=200_000)
def _bare(name: str) -> str:
    """Folded letters of a name without its articles: "Ar-Rastan" is "rastan"."""
    return "".join(normalize.latin_tokens(name))


@lru_cache(maxsize=200_000)
def _flat(name: str) -> str:
    """Folded letters and digits only: the exact-match form of a name."""
    return "".join(ch for ch in normalize.fold(name) if ch.isalnum())


def _lies_towards(e: Entry, unit: Entry, parts: tuple[str | None, ...]) -> bool:
    """True when ``e`` lies in the named part of ``unit`` ("eastern": east of its centre
    by a tenth of a degree or more; "north-western": both)."""
    if None in (e.latitude, e.longitude, unit.latitude, unit.longitude):
        return False
    dlat, dlon = e.latitude - unit.latitude, e.longitude - unit.longitude
    need = {
        "north": dlat >= 0.1, "south": dlat <= -0.1, "east": dlon >= 0.1, "west": dlon <= -0.1,
    }
    words = [w.lower() for w in parts if w]
    return bool(words) and all(need[w] for w in words)


def _after(text: str, end: int) -> str:
    """The 30 characters after a mention; a closing ayn or hamza mark ("Mare' axis") that
    the word tokens leave out belongs to the name, not to what follows."""
    if text[end : end + 1] in ("'", "’", "ʿ", "ʾ") and text[end + 1 : end + 2].isspace():
        end += 1
    return text[end : end + 30]


class _LowerWords:
    """The words a text writes in lower case somewhere: ``w in words`` when ``w`` (a-z
    only) stands in the text as a whole word, with no letter, digit, underscore or
    apostrophe on either side nor a hyphen before it. Checked per word on demand (a
    find in C) rather than by listing every word of the text."""

    __slots__ = ("seen", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.seen: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:  # type: ignore[override]
        v = self.seen.get(word)
        if v is None:
            v = self.seen[word] = self._occurs(word)
        return v

    def _occurs(self, w: str) -> bool:
        if not _LOWER_RUN.fullmatch(w):
            return False
        t, n = self.text, len(w)
        i = t.find(w)
        while i >= 0:
            j = i + n
            left = t[i - 1] if i else " "
            right = t[j] if j < len(t) else " "
            if not (left.isalnum() or left in "_'’-") and not (
                right.isalnum() or right in "_'’"
            ):
                return True
            i = t.find(w, i + 1)
        return False


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# -- the resolver -------------------------------------------------------------------------


class Resolver:
    """Turns a text's candidates into resolved places (one instance per gazetteer)."""

    def __init__(self, gaz: Gazetteer, focus: str | None = "SY") -> None:
        self.gaz = gaz
        self.focus = focus
        self._light: dict[str, str] = {}
        self._opt_cache: dict[str, list[Match]] = {}
        self._demonyms: dict[str, bool] = {}
        self._heads: frozenset[str] | None = None
        self._rescue_index = None

    def _lt(self, s: str) -> str:
        v = self._light.get(s)
        if v is None:
            v = self._light[s] = normalize.light(s)
        return v

    # 1. guards ------------------------------------------------------------------------
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
        exact = _flat(c.text)
        best: dict[int, tuple[Entry, str, float]] = {}
        lower = [
            normalize.fold(t.text).replace("'", "") for t in words if not _is_cap(t.text)
        ]
        cap_text = " ".join(t.text for t in words if _is_cap(t.text))
        for h in c.hits:
            if arabic or acronym:
                sim = 1.0
            else:
                if lower:
                    # lower-case words must be words of the name ("Sur in" is not Surin)
                    hn = normalize.latin_tokens(h.name)
                    if not all(w in hn for w in lower):
                        continue
                if h.entry.country not in TRANSLIT_COUNTRIES:
                    if exact != _flat(h.name):
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
                if exact != _flat(h.name):
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

    def _guard(
        self, text: str, c: Candidate, toks: list[Token], opts: list[Option], ner: str | None,
        lowercase_words: Container[str], all_caps: bool, starts: frozenset = frozenset(),
    ) -> str | None:
        """Why a candidate is not a place mention (None when it may be one)."""
        words = [t for t in toks[c.first : c.last + 1] if not t.article]
        if not words:
            return "article only"
        first = words[0]
        if first.arabic:
            return None
        if not _is_cap(first.text) and not all_caps and not _cased_exact(c, toks, opts):
            return "lower case"
        if not all_caps and first.text.isupper() and len(first.text) <= 5 and not first.acronym:
            return "acronym"
        if first.acronym and not c.hits[0].name.replace(".", "").isupper():
            return "acronym"
        if _MIXED_CASE.search(first.text) and not any(
            _MIXED_CASE.search(o.name) for o in opts
        ):
            return "mixed-case word (an abbreviation or a brand: 'LaQ', 'UConn')"
        before = text[max(0, c.start - 40) : c.start]
        after = _after(text, c.end)
        seen: dict[str, bool] = {}

        tail: list[str] = []

        def near(name: str) -> bool:
            """One of the context patterns, searched only when a rule needs it."""
            v = seen.get(name)
            if v is None:
                pat, side = _GUARD_PATTERNS[name]
                finals = _FINAL_WORDS.get(name)
                if finals is not None:
                    # a pattern that ends in a word cannot match when the last word (or
                    # the one before a last "the") is none of its words: skip the search
                    if not tail:
                        tail.extend(_last_words(before))
                    if not any(w in finals for w in tail):
                        seen[name] = False
                        return False
                if side == "after":
                    v = pat.search(after) is not None
                elif pat in _TAIL_WORDS:
                    v = _ends(pat, before)
                else:
                    v = pat.search(before) is not None
                seen[name] = v
            return v

        def after_cue() -> bool:
            return near("point_after") or near("near_after") or near("in_place_after")

        def placed() -> bool:  # "the town of Hit", "Hole Camp", "Mare' axis"
            return near("place_word_before") or near("point_after") or near("near_after")

        def strong() -> bool:
            return near("strong_before") or near("place_word_before") or after_cue()

        def cue() -> bool:
            return near("loc_before") or near("place_word_before") or after_cue()

        # A major place written out in full (a country, a governorate, a city of a million)
        # outweighs the word's English frequency; a loose transliteration match does not.
        major = any(
            o.sim >= 0.95
            and (o.entry.level in ("country", "admin1") or (o.entry.population or 0) >= 1_000_000)
            for o in opts
        )
        single = len(words) == 1
        folded = normalize.fold(c.text).replace("-", " ")
        zipf = self.gaz.word_zipf(folded) if single else 0.0
        lowered = c.text.lower()
        if ner in _NER_PLACE:
            return None
        if _ends(_PRO_ANTI_BEFORE, before):
            return "an adjective ('pro-Iran', 'anti-Assad'), not the place"
        if zipf >= 4.5 and not major and not placed():
            return f"common English word (zipf {zipf:.1f})"
        if zipf >= 3.0 and not major and near("sentence_start") and not placed():
            return "common word at sentence start"
        if single and lowered in lowercase_words and not major:
            return "written lower case elsewhere in the text"
        prev = toks[c.first - 1] if c.first > 0 else None
        if prev is not None and near("person_before") and not any(
            o.entry.level == "country" and o.sim >= 0.95 for o in opts
        ):
            return PERSON
        if not major and (near("ruler_after") or near("speech_before")):
            return PERSON
        if (
            not major
            and toks[c.first].article
            and prev is not None
            and _is_cap(prev.text)
            and not prev.article
            and re.fullmatch(r"\s+", text[prev.end : c.start])
            and not (
                initial_of(text, prev.start)
                and self.gaz.word_zipf(normalize.fold(prev.text)) >= 3.0
            )
        ):
            return PERSON_FAMILY
        part = self._part_of_unknown_name(text, c, toks, single, first)
        if part:
            return part
        if single and self._demonym(first.text, opts):
            return "demonym (an adjective of a place, not the place)"
        if (
            single
            and zipf >= 3.0
            and folded.endswith(("ish", "ian", "ese", "ians"))
            and not placed()
        ):
            return "an English adjective of a people ('Kurdish territory')"
        if single and all(o.sim < 1.0 for o in opts) and _flat(first.text) in self._country_heads():
            return "the first word of a country's name used alone ('the Saudi capital')"
        org = _in_organisation(text, c, toks)
        if org:
            return org
        nxt = toks[c.last + 1] if c.last + 1 < len(toks) else None
        if (
            not major
            and all((o.entry.population or 0) < 20_000 for o in opts if o.sim >= 1.0)
            and nxt is not None
            and nxt.cased
            and not nxt.arabic
            and _JOINED.fullmatch(text[c.end : nxt.start])
            and c.last + 1 not in starts
            and normalize.fold(nxt.text) not in _PLACE_TYPES
        ):
            return f"fragment of a longer name ('{c.text} {nxt.text}')"
        prev = toks[c.first - 1] if c.first > 0 else None
        # "Ikthar Al Bitar": a capitalised word and an article before the name
        if (
            not major
            and prev is not None
            and prev.article
            and c.first >= 2
            and toks[c.first - 2].cased
            and not toks[c.first - 2].article
            and not toks[c.first - 2].arabic
            and _JOINED.fullmatch(text[toks[c.first - 2].end : prev.start])
            and _JOINED.fullmatch(text[prev.end : c.start])
            and not initial_of(text, toks[c.first - 2].start)
            and normalize.fold(toks[c.first - 2].text) not in _PLACE_TYPES
            and not self._demonym(toks[c.first - 2].text, [])
        ):
            return f"the end of a longer name ('{toks[c.first - 2].text} {prev.text} {c.text}')"
        if (
            not major
            and prev is not None
            and prev.cased
            and not prev.article
            and not prev.arabic
            and _JOINED.fullmatch(text[prev.end : c.start])
            and not initial_of(text, prev.start)
            and (
                normalize.fold(prev.text) not in _PLACE_TYPES
                # "Eastern Ghouta", "East Qalamoun": a capitalised direction before a
                # village's name makes a region's name the gazetteer lacks
                or (
                    prev.text in _CAP_DIRECTIONS
                    and all(o.entry.level in POINT_LEVELS for o in opts)
                    and all(o.entry.country in TRANSLIT_COUNTRIES for o in opts)
                    and all((o.entry.population or 0) < 100_000 for o in opts)
                )
            )
            and not self._demonym(prev.text, [])
        ):
            return f"fragment of a longer name ('{prev.text} {c.text}')"
        if (
            not (near("strong_before") or near("place_word_before"))
            and not after_cue()
            and all(o.sim < 0.9 for o in opts)
        ):
            return "only a loose spelling match, and no locative cue"
        if zipf >= 3.3 and not major and not (
            near("strong_before") or placed()  # not merely "X in Syria": "Isis in Syria"
        ):
            # frequent in English news: a name ("Assad", "Bolton", "Omar") unless the
            # words around it place it ("in Omar", "Omar town")
            return f"common English word (zipf {zipf:.1f}) without a locative cue"
        if (
            not single
            and not major
            and not strong()
            and all(o.entry.country not in TRANSLIT_COUNTRIES for o in opts)
            and all(self.gaz.word_zipf(normalize.fold(t.text)) >= 3.0 for t in words)
        ):
            return "a phrase of common English words without a locative cue"
        if not major:
            nxt2 = toks[c.last + 2] if c.last + 2 < len(toks) else None
            if (
                nxt is not None
                and nxt2 is not None
                and nxt.article
                and _is_cap(nxt2.text)
                and re.fullmatch(r"\s+", text[c.end : nxt.start])
                and _JOINED.fullmatch(text[nxt.end : nxt2.start])
                and not toks[c.first].article
            ):
                return PERSON_GIVEN
            if ner in _NER_OTHER and not cue():
                return f"tagged {ner} and no locative cue"
            if near("speech_after") and not cue():
                return "subject of a speech verb"
        return None

    def _country_heads(self) -> frozenset[str]:
        """First words of many-word country names ("saudi", "costa"), read once."""
        if self._heads is None:
            self._heads = frozenset(
                _flat(e.name.split()[0])
                for e in self.gaz._entries.values()
                if e.level == "country" and len(e.name.split()) > 1
            ) - {"united", "new", "south", "north", "east", "west", "central"}
        return self._heads

    @staticmethod
    def _part_of_unknown_name(
        text: str, c: Candidate, toks: list[Token], single: bool, first: Token
    ) -> str | None:
        """"Kafr" of "Kafr Kasher", "Safa" of "Tlul al-Safa": a generic Arabic head word
        and the name it begins are one name, which the gazetteer does not hold."""
        nxt = toks[c.last + 1] if c.last + 1 < len(toks) else None
        if (
            single
            and normalize.fold(first.text) in _GENERIC_HEADS
            and nxt is not None
            and (nxt.cased or nxt.article)
            and _JOINED.fullmatch(text[c.end : nxt.start])
        ):
            return f"the first word of a longer name ('{c.text} {nxt.text}')"
        j, end = c.first - 1, c.start
        if j >= 0 and toks[j].article and _JOINED.fullmatch(text[toks[j].end : end]):
            j, end = j - 1, toks[j].start
        if (
            j >= 0
            and toks[j].cased
            and normalize.fold(toks[j].text) in _GENERIC_HEADS
            and _JOINED.fullmatch(text[toks[j].end : end])
        ):
            return f"the end of a longer name ('{toks[j].text} … {c.text}')"
        return None

    def _demonym(self, word: str, opts: Sequence[Match]) -> bool:
        """True when ``word`` is a place's adjective or people ("Syrian", "Iraqis",
        "Lebanese", "Turkish"): the place's name plus an English demonym ending."""
        w = _flat(word)
        if any(_flat(o.name) == w or _bare(o.name) == w for o in opts):
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
                    ) and _flat(h.name) == base:
                        return True
        return False

    # 2-4. scoring ---------------------------------------------------------------------
    def _context(self, text: str, m: Mention) -> None:
        before = text[max(0, m.start - 60) : m.start]
        after = _after(text, m.end)
        m.near = bool(
            _ends(_NEAR_BEFORE, before) or _NEAR_AFTER.search(after)
            or _ends(_DIST_BEFORE, before)
        )
        m.region_mod = _ends(_REGION_BEFORE, before) or bool(_COUNTRYSIDE_AFTER.search(after))
        m.cue = _ends(_LOC_CUE_BEFORE, before)
        if _ADMIN1_AFTER.search(after):
            m.want = "admin1"
        elif _ADMIN3_AFTER.search(after):
            m.want = "admin3"
        elif _ADMIN2_AFTER.search(after):
            m.want = "admin2"
        elif _QUARTER_AFTER.search(after):
            m.want = "neighbourhood"  # "Al-Midan neighborhood", "the Jobar quarter"
        elif _POINT_AFTER.search(after) or _ends(_SETTLEMENT_OF_BEFORE, before):
            m.want = "point"
        elif m.region_mod or _ends(_AFTER_A_PLACE, before):
            # "eastern Dara'a", "Balqah in Idleb", "Sawa village in Deir-ez-Zor": a
            # governorate's name placing another place is the governorate; a town's name
            # so used ("Manbij countryside", "northern Manbij") is near the town
            if any(o.entry.level == "admin1" and o.sim >= 0.85 for o in m.options):
                m.want = "admin1"
            elif m.region_mod:
                m.want = "point"
                m.near = True

    def _base(self, m: Mention) -> None:
        bare = _bare(m.cand.text)
        for o in m.options:
            e = o.entry
            # the letters as written break ties between look-alikes the light form merges
            # ("Atameh" is Atma rather than Tama, "Qurayn" Al Karayn rather than Koran)
            letters = fuzz.ratio(bare, _bare(o.name)) / 100.0 if o.sim < 1.0 else 1.0
            o.score = 1.2 * o.sim + 0.35 * _importance(e) - 0.15 * (1.0 - letters)
            o.why = [f"name {o.sim:.2f}"]
            if e.level == "country" and o.sim >= 0.95:
                # a country's name written out means the country ("Qatar and Turkey"),
                # unless the words around it call it a village ("the village of Qatar")
                o.score += 0.15 if m.want == "point" else 0.6
            if self.focus and e.country == self.focus:
                o.score += 0.15
                o.why.append(f"focus country {self.focus}")
            if m.want == "neighbourhood":
                o.score += 0.3 if e.level == "neighbourhood" else (
                    0.1 if e.level in POINT_LEVELS else 0.0)
            elif m.want == "point":
                if e.level in POINT_LEVELS:
                    o.score += 0.15
            elif m.want in ("admin1", "admin2", "admin3"):
                if e.level == m.want or (m.want == "admin2" and e.level == "admin3"):
                    o.score += 0.3
                    o.why.append(f"'{m.want}' wording")
                elif e.level in ("admin1", "admin2"):
                    o.score += 0.15
            elif e.level in ("community", "city"):
                o.score += 0.08  # a bare name is the town rather than the unit named after it
            if e.level in POINT_LEVELS and any(
                u and self._lt(u) == self._lt(e.name) for u in (e.admin3, e.admin2)
            ):
                o.score += 0.06  # the village a sub-district is named after is the known one
                o.why.append("gives its name to its sub-district")

    def _doc_context(self, mentions: list[Mention]) -> tuple[Counter, Counter, Counter]:
        """Countries, governorates and districts the document's confident mentions name,
        counted by distinct surface: a name repeated ten times is one piece of evidence,
        and never evidence for itself."""
        seen: dict[tuple[int, str | None], set[str]] = {}
        for m in mentions:
            if not m.options:
                continue
            ranked = sorted(m.options, key=lambda o: -o.score)
            top = ranked[0]
            if top.sim < 0.95:
                continue  # a loose spelling match is no evidence of where the text is
            clear = len(ranked) == 1 or ranked[1].score < top.score - 0.1
            shared1 = {o.entry.admin1_pcode for o in ranked if o.score > top.score - 0.1}
            shared_c = {o.entry.country for o in ranked if o.score > top.score - 0.1}
            surface = _flat(m.cand.text)
            given = [None, None, None]
            if clear or len(shared_c) == 1:
                seen.setdefault((0, top.entry.country), set()).add(surface)
                given[0] = top.entry.country
            if top.entry.admin1_pcode and (clear or len(shared1) == 1):
                seen.setdefault((1, top.entry.admin1_pcode), set()).add(surface)
                given[1] = top.entry.admin1_pcode
                if top.entry.admin2_pcode and clear:
                    seen.setdefault((2, top.entry.admin2_pcode), set()).add(surface)
                    given[2] = top.entry.admin2_pcode
            m.given = tuple(given)
        countries: Counter = Counter()
        admin1: Counter = Counter()
        admin2: Counter = Counter()
        for (kind, code), surfaces in seen.items():
            (countries, admin1, admin2)[kind][code] = len(surfaces)
        return countries, admin1, admin2

    def _drop_contradicted(self, mentions: list[Mention]) -> None:
        """Loose spelling matches in a governorate the text does not name.

        When the text names governorates ("in Aleppo countryside", "Idleb province") or
        places a name inside another ("Jatal axis in rural Menbij"), a village matched only
        loosely that lies in none of them is a misreading ("Jeb Amran area in Aleppo
        countryside" is not Jaba in Quneitra): such options go, and a mention left with none
        goes too. Exact spellings stay.
        """
        named = {  # governorates named, or their large cities ("east of Homs")
            m.best.entry.admin1_pcode
            for m in mentions
            if m.best is not None
            and m.best.entry.country == self.focus
            and m.best.sim >= 0.95
            and (m.best.entry.level == "admin1" or (m.best.entry.population or 0) >= 100_000)
        }
        for m in mentions:
            allowed = set(named)
            outer = m.container.best if m.container is not None else None
            placed_in = False
            if outer is not None and (
                outer.entry.level in ADMIN_LEVELS or (outer.entry.population or 0) >= 100_000
            ):
                # only a container that is itself sure (a unit, a large city) says where
                top = outer.score
                allowed |= {
                    x.entry.admin1_pcode for x in m.container.options
                    if x.score >= top - 0.15 and x.entry.country == self.focus
                }
                # "X in Y" (not a list "X, Y"): even an exact X elsewhere is another X
                # (a country says nothing of which governorate: "Afrin in northern Syria")
                placed_in = outer.entry.level != "country" and bool(
                    _IN_WORD.search(m.container_gap)
                )
            allowed.discard(None)
            if not allowed or not m.options:
                continue
            if any(o.entry.admin1_pcode in allowed for o in m.options):
                continue
            keep = [
                o for o in m.options
                if (o.sim >= 1.0 and not placed_in) or o.entry.level in ("country", "admin1")
                or (o.entry.country != self.focus and not placed_in)
                # a district or sub-district spelt nearly right stays unless the text puts
                # the name in another unit ("Tel Rifaat" is Tall Refaat; "Maydaani front"
                # in Rural Damascus is not Maadan in Ar-Raqqa)
                or (o.entry.level in ("admin2", "admin3") and o.sim >= 0.9 and not placed_in)
            ]
            if len(keep) < len(m.options):
                m.options = keep
                m.best = max(keep, key=lambda o: o.score) if keep else None

    def _rescore(self, mentions: list[Mention]) -> None:
        countries, admin1, admin2 = self._doc_context(mentions)
        anchors = [
            m.best.entry for m in mentions if m.best is not None and len(m.options) == 1
        ]
        # the text's country: the one its sure mentions name most (ties go to the focus);
        # none when no mention is sure, and then the focus country stands in for it
        main_country = countries.most_common(1)[0][0] if countries else None
        if self.focus and countries and countries[self.focus] >= countries[main_country]:
            main_country = self.focus
        own_country = main_country or self.focus
        for m in mentions:
            # A transliteration-only match abroad ("Al Fath" ~ Fez) needs its country in
            # the text when the text is about another country.
            # A place abroad whose country the text does not name must be spelt exactly
            # and be known: a country or governorate, a city of a million, or a city of
            # 100,000 near the text's country (Kilis or Beirut in a text about Syria; not
            # Taif, Ahmadi or Castelló).
            home = self.gaz.country(main_country)
            kept = [
                o for o in m.options
                if o.entry.country == own_country
                or countries[o.entry.country] - (m.given[0] == o.entry.country) > 0
                or (
                    o.sim >= 1.0
                    and (
                        o.entry.level in ("country", "admin1")
                        or (o.entry.population or 0) >= 1_000_000
                        or (
                            (o.entry.population or 0) >= 100_000
                            and (home is None or km(home, o.entry) <= 700)
                        )
                    )
                )
            ]
            if len(kept) < len(m.options):
                m.options = kept
                m.best = max(kept, key=lambda o: o.score) if kept else None
        self._drop_contradicted(mentions)
        # sure point places with coordinates; a latitude gap of 0.3 degrees is over 33 km
        # of great circle, so only anchors within it need the exact distance
        points = [
            a for a in anchors
            if a.level in POINT_LEVELS and a.latitude is not None and a.longitude is not None
        ]
        near_memo: dict[int, bool] = {}

        def near_anchor(e: Entry) -> bool:
            v = near_memo.get(e.id)
            if v is None:
                lat = e.latitude
                v = near_memo[e.id] = lat is not None and e.longitude is not None and any(
                    a.id != e.id and abs(a.latitude - lat) < 0.3 and km(a, e) < 30
                    for a in points
                )
            return v

        for m in mentions:
            # what this mention itself added to the counts does not count as support
            own_c, own_a1, own_a2 = m.given
            for o in m.options:
                e = o.entry
                c_other = countries[e.country] - (own_c == e.country)
                if c_other > 0 and not (
                    e.level != "country" and e.country_name
                    and self._lt(e.country_name) in (self._lt(e.name), self._lt(o.name))
                ):
                    # a small town abroad gains little from its country being named
                    # (Geneva, Illinois, in a text naming the US)
                    small = e.country != self.focus and 0 < (e.population or 0) < 100_000
                    o.score += 0.04 if small else 0.12
                    o.why.append(f"country {e.country_name or e.country} named")
                elif (
                    own_country
                    and e.country != own_country
                    and e.level != "country"
                    and (e.population or 0) < 1_000_000  # not Moscow, Russia, in a US text
                ):
                    o.score -= 0.1
                a1 = admin1[e.admin1_pcode] - (own_a1 == e.admin1_pcode)
                namesake = e.admin1 is not None and self._lt(e.admin1) in (
                    self._lt(e.name), self._lt(o.name)
                )
                if (
                    e.admin1_pcode
                    and a1 > 0
                    and e.level not in ("admin1", "country")
                    and not namesake  # "Dar'a" named twice is no evidence for Dar'a city
                ):
                    o.score += 0.25
                    o.why.append(f"{e.admin1} named in the text")
                a2 = admin2[e.admin2_pcode] - (own_a2 == e.admin2_pcode)
                if e.admin2_pcode and a2 > 0 and e.level not in ("admin1", "admin2", "country"):
                    o.score += 0.1
                if e.level in POINT_LEVELS and near_anchor(e):
                    o.score += 0.08
                    o.why.append("near another place in the text")
            if m.container is not None and m.container.best is not None:
                outer = [
                    x for x in m.container.options if x.score >= m.container.best.score - 0.15
                ]
                part = _DIRECTION.search(m.container_gap)
                for o in m.options:
                    hit = next((x for x in outer if within(self.gaz, o.entry, x.entry)), None)
                    if hit is not None:
                        o.score += 0.5
                        o.why.append(f"in {hit.entry.name} ({hit.entry.level}) per the text")
                        if part and hit.entry.level in ADMIN_LEVELS and _lies_towards(
                            o.entry, hit.entry, part.groups()
                        ):
                            o.score += 0.1
                            o.why.append(f"in its {part.group(0).lower()} part")
                for x in m.container.options:
                    if any(within(self.gaz, o.entry, x.entry) and o.entry.id != x.entry.id
                           for o in m.options if o.sim >= 0.85):
                        x.score += 0.2

    def resolve(
        self, text: str, ner: Sequence[tuple[int, int, str]] = (), doc_id: str | None = None
    ) -> list[Place]:
        sample = text[:4000]  # enough to tell mixed case from capitals
        upper = sum(map(sample.count, string.ascii_uppercase))  # [A-Z] letters
        lower = sum(map(sample.count, string.ascii_lowercase))
        all_caps = upper > 4 * lower
        # mixed-case text: names start with a capital (or are Arabic), so lower-case words
        # need no tokens; all-capitals or all-lower-case text: every word may be a name
        cased_only = not all_caps and upper > 0
        toks = tokenize(text, cased_only=cased_only)
        cands = find_candidates(text, self.gaz, toks, cased_only=cased_only)
        lowercase_words = _LowerWords(text)
        pending: list[tuple[Candidate, list[Match]]] = []
        for c in cands:
            first = next((t for t in toks[c.first : c.last + 1] if not t.article), None)
            if first is None or (
                not all_caps and not _is_cap(first.text) and not toks[c.last].cased
            ):
                continue  # lower case: cheap to reject before any similarity is computed
            opts = self._options(c, toks)
            if opts:
                pending.append((c, opts))
        # where a likely name starts (for "fragment of a longer name")
        starts = frozenset(c.first for c, opts in pending if any(o.sim >= 0.9 for o in opts))
        # Overlaps: more capitalised words first (a full name over its fragment), then the
        # closer match ("Ar-Raqqa" over "Ar-Raqqa city" matching "RAK City"), then length;
        # a candidate is checked by the guards only when no chosen one overlaps it.
        pending.sort(
            key=lambda k: (
                -_caps(k[0], toks),
                -round(max(o.sim for o in k[1]), 2),
                -(k[0].end - k[0].start),
                k[0].start,
            )
        )
        persons: set[str] = set()
        taken = bytearray(len(toks))  # tokens of the chosen mentions
        chosen: list[tuple[Candidate, list[Match], str | None]] = []
        for c, opts in pending:
            span = (c.start, c.end)
            if any(taken[c.first : c.last + 1]):
                continue
            label = next((lab for s, e, lab in ner if _overlap((s, e), span)), None)
            why = self._guard(text, c, toks, opts, label, lowercase_words, all_caps, starts)
            if why in _PERSON_REASONS:
                persons.add(_core(c, toks))
            if why:
                continue
            taken[c.first : c.last + 1] = b"\x01" * (c.last + 1 - c.first)
            chosen.append((c, opts, label))
        # Persons named after places: a surface seen in a person context is a person
        # throughout the document ("Bashar al-Assad ... al-Assad's forces").
        mentions = [
            Mention(c, [Option(o.entry, o.name, o.sim) for o in opts], ner=label)
            for c, opts, label in chosen
            if not persons or _core(c, toks) not in persons
        ]
        mentions.sort(key=lambda m: m.start)
        for i, m in enumerate(mentions):
            self._context(text, m)
            if i + 1 < len(mentions):
                nxt = mentions[i + 1]
                if _CONTAINER_GAP.match(text[m.end : nxt.start]):
                    m.container = nxt
                    m.container_gap = text[m.end : nxt.start]
                elif _FACILITY_GAP.match(text[m.end : nxt.start]):
                    m.facility_in = nxt
            self._base(m)
            m.best = max(m.options, key=lambda o: o.score)
        self._rescore(mentions)
        placed: list[tuple[Mention, Place]] = []
        for m in mentions:
            if not m.options:
                continue
            try:
                placed.append((m, self._place(text, m, doc_id)))
            except Exception:  # noqa: BLE001 - one bad mention must not empty the document
                continue
        try:
            placed = self._rescue(text, placed, doc_id)
        except Exception:  # noqa: BLE001 - the fuzzy rescue only adds; never lose the rest
            pass
        return [p for _, p in placed]

    # 6. names in a locative frame the look-ups missed ----------------------------------
    def _rescue(
        self, text: str, placed: list[tuple[Mention | None, Place]], doc_id: str | None
    ) -> list[tuple[Mention | None, Place]]:
        """Add (or correct) places for capitalised names in a locative frame ("Ma'arrat
        Mukhus axis in Idleb countryside") by fuzzy search among the places of the
        governorates the text names (see :mod:`yaqut.geo.rescue`)."""
        from yaqut.geo.rescue import _NEAR_WORDS, RescueIndex, choose, frames

        if self.focus is None:
            return placed
        named = [  # (start, governorate p-code) of sure governorates, districts, cities
            (m.start, m.best.entry.admin1_pcode)
            for m, _ in placed
            if m is not None and m.best is not None
            and m.best.entry.country == self.focus and m.best.sim >= 0.95
            and m.best.entry.admin1_pcode
            and (m.best.entry.level in ("admin1", "admin2")
                 or (m.best.entry.population or 0) >= 100_000)
        ]
        if not named:
            return placed
        found_frames = frames(text)
        if not found_frames:
            return placed
        if self._rescue_index is None:
            self._rescue_index = RescueIndex(self.gaz, self.focus)
        out = list(placed)
        for f in found_frames:
            words = [w for w in normalize.latin_tokens(f.text) if w not in normalize.ARTICLES]
            if not words or any(self.gaz.word_zipf(w) >= 4.0 for w in words):
                continue  # "Military Base axis": English words, not a name
            over = [(m, p) for m, p in out if p.start < f.end and f.start < p.end]
            # the governorate that places this name: the first named after it in its
            # sentence ("X axis in Idleb countryside"), else any the text names
            stop = _SENTENCE_STOP.search(text, f.end)
            limit = stop.start() if stop else len(text)
            after = [code for s, code in named if f.end <= s < limit]
            allowed = {after[0]} if after else {code for _, code in named}
            # "X front in Hama": the governorate places the name directly
            first_after = min((x for x, _ in named if f.end <= x < limit), default=None)
            direct = first_after is not None and bool(
                _DIRECT_IN.fullmatch(text[f.end : first_after])
            )
            if any(
                m is None or m.best is None
                or (p.level in POINT_LEVELS and m.best.entry.admin1_pcode in allowed)
                or (m.best.entry.level in ADMIN_LEVELS and m.best.sim >= 0.95)
                or m.best.entry.country != self.focus
                # an exact name elsewhere is replaced only when the text places it
                # directly in another governorate ("Huweiz front in Hama")
                or (any(o.sim >= 0.95 for o in m.options) and not direct)
                for m, p in over
            ):
                continue  # already a place there, or the frame names a unit itself
            found = self._rescue_index.search(f.text, allowed)
            part = (
                _DIRECTION.search(text[f.end : first_after]) if first_after is not None
                else None
            )
            if part and first_after is not None:
                # "Al-Jakusiyah in the eastern countryside of Hama": the named part of the
                # governorate narrows the candidates
                unit = self.gaz.entry(next(
                    (u.id for m, _ in placed if m is not None and m.start == first_after
                     and m.best is not None for u in [m.best.entry]), None
                ))
                if unit is not None and unit.level in ADMIN_LEVELS:
                    found = [t for t in found if _lies_towards(t[1], unit, part.groups())]
            pick = choose(found, f.text)
            if pick is None:
                continue
            score, e, name = pick
            near = f.word in _NEAR_WORDS
            was = "; replaces a namesake outside it" if over else ""
            reason = (
                f"'{f.text}' in a locative frame ({f.word}); spelling close to {name} "
                f"({score / 100:.2f}) in {e.admin1}, named in the text{was}"
            )
            if near:
                reason += "; near/part of the named place"
            place = Place(
                start=f.start, end=f.end, text=f.text, name=e.name, latitude=e.latitude,
                longitude=e.longitude, level=e.level, geo_precision=2 if near else 1,
                country=e.country_name, admin1=e.admin1, admin2=e.admin2, admin3=e.admin3,
                pcode=e.pcode, geonameid=e.geonameid, score=round(0.6 * score / 100, 3),
                reason=reason, doc_id=doc_id,
            )
            out = [(m, p) for m, p in out if not any(p is q for _, q in over)]
            out.append((None, place))
        out.sort(key=lambda mp: mp[1].start)
        return out

    # 5. precision, fallback, the record ----------------------------------------------
    def _place(self, text: str, m: Mention, doc_id: str | None) -> Place:
        f = m.facility_in
        if f is not None and f.best is not None and f.best.entry.level in POINT_LEVELS:
            # "Port Said street in Deir-ez-Zor city", "Al-Athar checkpoint in Madiq Castle":
            # a facility named after a place lies in the settlement the text puts it in
            e = f.best.entry
            reason = f"a facility named '{m.cand.text}' in {e.name}: placed at {e.name}"
            return self._record(m, e, 1, min(f.best.score / 1.7, 0.8), reason, doc_id)
        ranked = sorted(m.options, key=lambda o: (-o.score, o.entry.id))
        top = ranked[0]
        e = top.entry
        by = self._near_container(m)
        if (
            by is not None and e.level in POINT_LEVELS and km(e, by) > 30
            and (e.population or 0) < 20_000  # a known town stays itself ("Douma in ...")
        ):
            # "Al Ma'amel in Kisweh area", "Jatal axis in rural Menbij", "Al-Tal Al-Ahmar
            # near Harfa": the text puts the name in or by a sure town, and the place of
            # that name it would be lies more than 30 km away: what is certain is the town
            reason = (
                f"'{m.cand.text}' is put in or near {by.name}, and no place of that name "
                f"lies within 30 km of it: coded near {by.name}"
            )
            return self._record(m, by, 2, min(top.score / 1.7, 0.5), reason, doc_id)
        tied = [o for o in ranked if o.score >= top.score - 0.05 and o.entry.id != e.id]
        tied = [o for o in tied if not within(self.gaz, o.entry, e) and not within(
            self.gaz, e, o.entry)]
        reason = "; ".join(top.why)
        score = top.score / 1.7
        if tied:
            group = [e] + [o.entry for o in tied]
            common = self._common_unit(group)
            # Fall back to the unit they share when it still says where (a governorate or
            # smaller); places alike only in their country: the most prominent, flagged.
            if (
                common is not None
                and common.id != e.id
                and common.level in ("admin1", "admin2", "admin3", "community", "city")
            ):
                reason = (
                    f"ambiguous: {len(group)} places match '{m.cand.text}'; "
                    f"coded at the unit they share, {common.name} ({common.level})"
                )
                return self._record(m, common, 3, min(score, 0.5), reason, doc_id)
            reason += f"; ambiguous with {len(tied)} other place(s), chose the most likely"
            score = min(score, 0.5)
        if e.level in POINT_LEVELS:
            precision = 2 if m.near else 1
        else:
            # a governorate, district or country only: 3 at its centre, "eastern X" and
            # "X countryside" included (as ACLED codes "Damascus countryside" alone)
            precision = 3
        if precision == 2:
            reason += "; near/part of the named place"
        return self._record(m, e, precision, score, reason, doc_id)

    def _near_container(self, m: Mention) -> Entry | None:
        """The settlement the text puts a mention in or by ("X in Y", "X near Y"), when it
        is sure."""
        c = m.container
        if c is None or c.best is None or not _IN_NEAR_GAP.search(m.container_gap):
            return None
        e = c.best.entry
        if e.level not in POINT_LEVELS or c.best.sim < 0.95:
            return None
        if any(o.entry.level == "admin1" and o.sim >= 0.95 for o in c.options):
            return None  # "in Idlib" is the governorate as much as its city
        if any(o.entry.id != e.id and o.score >= c.best.score - 0.05 for o in c.options):
            return None
        return e

    def _common_unit(self, group: list[Entry]) -> Entry | None:
        chains = []
        for e in group:
            chains.append([e, *self.gaz.ancestors(e)])
        first = chains[0]
        for cand in first:
            if all(any(x.id == cand.id for x in ch) for ch in chains[1:]):
                return cand
        return None

    def _record(
        self, m: Mention, e: Entry, precision: int, score: float, reason: str,
        doc_id: str | None,
    ) -> Place:
        return Place(
            start=m.start,
            end=m.end,
            text=m.cand.text,
            name=e.name,
            latitude=e.latitude,
            longitude=e.longitude,
            level=e.level,
            geo_precision=precision,
            country=e.country_name,
            admin1=e.admin1,
            admin2=e.admin2,
            admin3=e.admin3,
            pcode=e.pcode,
            geonameid=e.geonameid,
            score=round(max(0.0, min(1.0, score)), 3),
            reason=reason,
            doc_id=doc_id,
        )


def initial_of(text: str, start: int) -> bool:
    """True when ``start`` begins a sentence (or the text)."""
    return bool(_SENTENCE_END.search(text[max(0, start - 4) : start]))


__all__ = ["Mention", "Option", "Resolver", "within", "NameHit"]
