"""The text around a mention: the context patterns the resolver reads, and small helpers.

Patterns named ``*_BEFORE`` match at the end of the text before a mention, ``*_AFTER`` at
the start of the text after it; ``*_GAP`` match the text between two mentions. Before-
patterns are searched on a short tail only (:data:`TAIL_WORDS`, :func:`ends`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from yaqut.geo import normalize
from yaqut.geo.match import Candidate, Token

# Words right before a mention.
NEAR_BEFORE = re.compile(
    r"(?:\bnear(?:by)?|\bclose to|\boutskirts of|\bvicinity of|\baround|\boutside(?: of)?|"
    r"\bedge of|\bperiphery of|\bcountryside of|\bsurroundings of|"
    r"(?:\bnorth|\bsouth|\beast|\bwest|\bnorth-?east|\bnorth-?west|\bsouth-?east|"
    r"\bsouth-?west)(?:ern)?(?:\s+(?:side|part|outskirts|countryside))?\s+of)"
    r"(?:\s+the)?(?:\s+(?:town|city|village|area|countryside|outskirts)\s+of)?\s+$",
    re.I,
)
DIST_BEFORE = re.compile(r"\b\d+\s*(?:km|kilometres|kilometers|miles)\s+(?:\w+\s+)?of\s+$", re.I)
REGION_BEFORE = re.compile(
    r"\b(?:northern|southern|eastern|western|north-?eastern|north-?western|south-?eastern|"
    r"south-?western|central|rural|greater|the countryside of|countryside of|"
    r"north|south|east|west|north-?east|north-?west|south-?east|south-?west)\s+$",
    re.I,
)
PLACE_WORD_BEFORE = re.compile(
    r"\b(?:towns?|city|cities|villages?|hamlets?|camps?|neighbou?rhoods?|district|suburbs?|"
    r"areas?|countryside|outskirts|vicinity|surroundings|frontlines?|fronts?)\s+of\s+"
    r"(?:the\s+)?$",
    re.I,
)
LOC_CUE_BEFORE = re.compile(
    r"\b(?:in|at|on|near|from|to|into|towards?|outside|around|across|via|of|between|and|"
    r"attacked|shelled|bombed|entered|captured|stormed|besieged|took|raided|targeted|hit|"
    r"struck|reached|seized|liberated|recaptured|controlled|surrounded|overran|bombarded|"
    r"shelling|stationed|based|located|residents of|people of)\s+(?:the\s+)?$",
    re.I,
)
QUARTER_AFTER = re.compile(r"^\s+(?:neighbou?rhoods?|quarters?|district of)\b", re.I)
# "the town of X", "the village of X": X is a settlement.
SETTLEMENT_OF_BEFORE = re.compile(
    r"\b(?:town|city|village|hamlet|camp|neighbou?rhood|district|suburb|area)\s+of\s+"
    r"(?:the\s+)?$",
    re.I,
)
# The cues that let a loose spelling match stand ("clashes in Hamouriya"): place
# prepositions and verbs of attack, not "of", "and", "to" or "at".
STRONG_CUE_BEFORE = re.compile(
    r"\b(?:in|near|into|inside|outside|around|towards?|"
    r"attacked|shelled|bombed|entered|captured|stormed|besieged|raided|targeted|struck|"
    r"reached|seized|liberated|recaptured|controlled|surrounded|overran|bombarded|shelling on|"
    r"residents of|people of)\s+(?:the\s+)?$",
    re.I,
)
# Words right after a mention.
NEAR_AFTER = re.compile(
    r"^(?:'s)?\s+(?:countryside|outskirts|suburbs|environs|surroundings|vicinity|axis|"
    r"front(?:line)?|periphery|area|region|plains?|desert|badia)\b",
    re.I,
)
ADMIN1_AFTER = re.compile(r"^\s+(?:province|governorate|gov\.|governate|muhafaza)\b", re.I)
ADMIN2_AFTER = re.compile(r"^\s+(?:district|mantiqa|region)\b", re.I)
ADMIN3_AFTER = re.compile(r"^\s+(?:sub-?district|nahiya|subdistrict)\b", re.I)
POINT_AFTER = re.compile(
    r"^\s+(?:town|city|village|hamlet|camp|neighbou?rhood|quarter|farms?|"
    r"checkpoint|base|airport|crossing|bridge|dam|street|square|hospital)\b",
    re.I,
)
COUNTRYSIDE_AFTER = re.compile(r"^(?:'s)?\s+(?:countryside|rural\b)", re.I)
# Between an inner mention and its container: "X in Y", "X, Y", "X town in eastern Y".
CONTAINER_GAP = re.compile(
    r"^(?:'s)?\s*(?:(?:town|city|village|hamlet|area|camp|neighbou?rhood|district|"
    r"sub-?district|countryside|axis|outskirts|farms|front|fronts|frontline)\s*)?"
    r"(?:,|\bin|\bof|\bnear|\bwithin)"
    r"\s+(?:the\s+)?(?:(?:northern|southern|eastern|western|north-?eastern|north-?western|"
    r"south-?eastern|south-?western|central|rural|countryside of|outskirts of)\s+){0,2}$",
    re.I,
)
# "X, a village next to Y", "X, a small town east of Y": an apposition that anchors an
# (often unknown) place to a known one
ANCHOR_GAP = re.compile(
    r"^(?:'s)?\s*,\s+(?:an?|the)\s+(?:(?:small|tiny|nearby|remote|frontline|border)\s+)?"
    r"(?:village|town|hamlet|area|neighbou?rhood|suburb|settlement|farm|camp)\s+"
    r"(?:(?:just|right)\s+)?(?:next\s+to|near|close\s+to|outside|adjacent\s+to|by|"
    r"(?:on\s+the\s+)?outskirts\s+of|"
    r"(?:(?:a\s+few|\d+)\s+(?:km|kilometres|kilometers|miles)\s+)?"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of)\s+(?:the\s+)?"
    r"(?:(?:town|city|village)\s+of\s+)?$",
    re.I,
)
# "X in the eastern countryside of Hama", "X in southern Idleb": the part of the container
# "the northern countryside of Homs", "north-western Idleb", "Hama's eastern countryside":
# the compass part of a unit the text names (before or after the name)
PART_BEFORE = re.compile(
    r"\b(north|south|east|west)(?:-?(east|west))?(?:ern)?\s+"
    r"(?:(?:countryside|outskirts|suburbs|parts?|areas?|desert|badia)\s+of\s+)?(?:the\s+)?$",
    re.I,
)
PART_AFTER = re.compile(
    r"^(?:'s|’s)?\s+(north|south|east|west)(?:-?(east|west))?(?:ern)?\s+"
    r"(?:countryside|rural|outskirts|suburbs|desert|badia)\b",
    re.I,
)


def compass_part(before: str, after: str) -> str | None:
    """"north-west" for "north-western countryside of X" or "X's north-western
    countryside"; None when the words around a name give no compass part."""
    m = PART_BEFORE.search(before[-60:]) or PART_AFTER.search(after)
    if m is None:
        return None
    return m.group(1).lower() + (f"-{m.group(2).lower()}" if m.group(2) else "")


DIRECTION = re.compile(r"\b(north|south|east|west)(?:-?(east|west))?(?:ern)?\b", re.I)
JOINED = re.compile(r"[ \t]{1,2}|[ ]?[-–‐][ ]?")
SENTENCE_END = re.compile(r"(?:^|[.!?:;\n\"“”(\[]\s*|\n\s*)$")
PERSON_BEFORE = re.compile(
    r"\b(?:abu|abou|ibn|bin|bint|sheikh|shaikh|imam|mr|mrs|ms|dr|president|minister|general|"
    r"gen|colonel|col|brigadier|major|captain|lieutenant|commander|leader|emir|king|prince|"
    r"sultan|mullah|mufti|ayatollah|sayyed|sayyid|mohammed|muhammad|mohammad)\.?\s+$",
    re.I,
)
# "X in (eastern) Y", "X, Y": a name placed inside another place is a place.
IN_PLACE_AFTER = re.compile(
    r"^\s+(?:in|near)\s+(?:the\s+)?(?:[a-z-]+ern\s+|central\s+)?"
    r"(?:(?:countryside|outskirts|suburbs)\s+of\s+)?[A-Z]"
)
# Before a name that places the one before it: "Balqah in ", "Sawa village in ", "Jasim, ".
AFTER_A_PLACE = re.compile(
    r"[a-z,)]\s+[A-Z][\w'’-]+(?:\s+(?:town|village|city|area|camp|hill|farms?|axis|"
    r"front(?:line)?))?"
    r"(?:\s+in|,)\s+(?:the\s+)?$"
)
# "the Assad regime", "al-Assad's regime": a ruler, not a place.
RULER_AFTER = re.compile(r"^(?:'s|’s)?\s+(?:regime|family|clan|dynasty)\b", re.I)
SPEECH_AFTER = re.compile(
    r"^(?:'s)?\s+(?:\w+ly\s+)?(?:said|says|told|added|stated|wrote|tweeted)\b", re.I
)
# "…,” said Mediah.": the speaker of a quotation is a person.
SPEECH_BEFORE = re.compile(r"\b(?:said|says|told|added|asked|according to)\s+$", re.I)

# The context patterns the guards consult, by name, and the side of the mention they read.
# (A registry of rule names, written as keywords: its keys are identifiers, not words.)
GUARD_PATTERNS: dict[str, tuple[re.Pattern, str]] = dict(
    sentence_start=(SENTENCE_END, "before"),
    point_after=(POINT_AFTER, "after"),
    near_after=(NEAR_AFTER, "after"),
    in_place_after=(IN_PLACE_AFTER, "after"),
    place_word_before=(PLACE_WORD_BEFORE, "before"),
    strong_before=(STRONG_CUE_BEFORE, "before"),
    loc_before=(LOC_CUE_BEFORE, "before"),
    person_before=(PERSON_BEFORE, "before"),
    ruler_after=(RULER_AFTER, "after"),
    speech_before=(SPEECH_BEFORE, "before"),
    speech_after=(SPEECH_AFTER, "after"),
)


def tail(before: str, words: int) -> str:
    """The end of ``before`` from the start of its last ``words`` words, with the
    whitespace before them (so that a word boundary there reads as in the whole)."""
    parts = before.rsplit(None, words)
    return before[len(parts[0]) :] if len(parts) > words else before


def ends(pat: re.Pattern, before: str) -> bool:
    """``pat.search(before)`` for a pattern of :data:`TAIL_WORDS`, on the tail only."""
    return pat.search(tail(before, TAIL_WORDS[pat])) is not None


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
FINAL_WORDS = {
    name: _pattern_words(GUARD_PATTERNS[name][0])
    for name in ("place_word_before", "strong_before", "loc_before", "person_before",
                 "speech_before")
}


def last_words(before: str) -> list[str]:
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


# "QSD's Menbij military council": a local council written in lower case
COUNCIL_AFTER = re.compile(r"\s+((?:military|revolutionary|local|civil)\s+council)\b", re.I)
# "the Liberation Army of Afrin", "Revolutionaries Front of Idlib": a group's name
ORG_OF_BEFORE = re.compile(
    r"\b[A-Z][a-z]+\s+((?:Army|Front|Council|Brigades?|Division|Battalions?|Corps|Movement|"
    r"Gathering|Shield|Room|Union|Regiment))\s+of\s+(?:the\s+)?$"
)
PRO_ANTI_BEFORE = re.compile(r"\b(?:pro|anti|non)-$", re.I)
KIN_AFTER = re.compile(r"\s+(tribes?|clans?|family|families)\b")
# The before-patterns match at the end of the text before a mention and span at most
# this many whitespace-separated words (counted from each pattern, plus one to spare), so
# searching only that tail finds the same matches with a fraction of the work.
TAIL_WORDS = {
    NEAR_BEFORE: 7,  # "north-western outskirts of the town of"
    DIST_BEFORE: 5,  # "10 km west of"
    REGION_BEFORE: 4,  # "the countryside of"
    LOC_CUE_BEFORE: 4,  # "residents of the"
    SETTLEMENT_OF_BEFORE: 4,
    STRONG_CUE_BEFORE: 4,
    PLACE_WORD_BEFORE: 4,
    PERSON_BEFORE: 2,
    SPEECH_BEFORE: 3,  # "according to"
    PRO_ANTI_BEFORE: 2,
    AFTER_A_PLACE: 6,  # "…d Sawa village in the"
}

# What a mention's ``ner`` label (spaCy) says: a place, or something else.
NER_PLACE = {"GPE", "LOC", "FAC"}
NER_OTHER = {"PERSON", "ORG", "NORP"}

DIRECT_IN = re.compile(
    r"['’]?\s*(?:(?:village|town|hamlet|front(?:line)?s?|axis|area|region|hill|farms)\s+)?"
    r"in\s+(?:the\s+)?(?:(?:[a-z-]+ern|central|rural)\s+)?(?:countryside\s+of\s+)?"
)
IN_NEAR_GAP = re.compile(r"\b(?:in|near|within)\b", re.I)
SENTENCE_STOP = re.compile(r"[.;!?](?:\s|$)")
IN_WORD = re.compile(r"\b(?:in|within)\b", re.I)
_LOWER_RUN = re.compile(r"[a-z][a-z]+")
MIXED_CASE = re.compile(r"(?<!^Mc)(?<!^Mac)[a-z][A-Z]")


def is_cap(word: str) -> bool:
    return word[:1].isupper() or normalize.is_arabic(word)



def core(c: Candidate, toks: list[Token]) -> str:
    """A candidate's words without articles, folded: "al-Assad" and "Assad" are one."""
    return "".join(flat(t.text) for t in toks[c.first : c.last + 1] if not t.article)


def caps(c: Candidate, toks: list[Token]) -> int:
    return sum(1 for t in toks[c.first : c.last + 1] if not t.article and is_cap(t.text))



@lru_cache(maxsize=200_000)
def bare(name: str) -> str:
    """Folded letters of a name without its articles: "Ar-Rastan" is "rastan"."""
    return "".join(normalize.latin_tokens(name))


@lru_cache(maxsize=200_000)
def flat(name: str) -> str:
    """Folded letters and digits only: the exact-match form of a name."""
    return "".join(ch for ch in normalize.fold(name) if ch.isalnum())



def text_after(text: str, end: int) -> str:
    """The 30 characters after a mention; a closing ayn or hamza mark ("Mare' axis") that
    the word tokens leave out belongs to the name, not to what follows."""
    if text[end : end + 1] in ("'", "’", "ʿ", "ʾ") and text[end + 1 : end + 2].isspace():
        end += 1
    return text[end : end + 30]


class LowerWords:
    """The words a text writes in lower case somewhere: ``w in words`` when ``w`` (a-z
    only) stands in the text as a whole word, with no letter, digit, underscore or
    apostrophe on either side nor a hyphen before it. Checked per word on demand (a
    find in C) rather than by listing every word of the text."""

    __slots__ = ("seen", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.seen: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
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


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]



def initial_of(text: str, start: int) -> bool:
    """True when ``start`` begins a sentence (or the text)."""
    return bool(SENTENCE_END.search(text[max(0, start - 4) : start]))
