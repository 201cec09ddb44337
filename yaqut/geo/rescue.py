"""Names in a locative frame that the exact and key look-ups miss, found by fuzzy search.

"Ma'arrat Mukhus axis in Idleb countryside", "the village of Ghanim al-Ali in Ar-Raqqa",
"Huweiz front in Hama": a capitalised name standing in a frame that makes it a place
(``X village/town/front/axis/area...``, ``village/town of X``, ``in X in <governorate>``)
whose spelling the gazetteer keys do not meet, or whose exact namesakes all lie outside the
governorate the text names. Such a name is searched by similarity of light forms
(:func:`yaqut.geo.normalize.light`, rapidfuzz) among the Syrian places of the governorates
the text names (never the whole country), and also as the distinctive word of a longer
name there ("Huweiz" in "Eastern Huweiz", "Daghelbash" in "Qemmet Daghelbash"). A single
clear best candidate above the threshold is accepted; ties between places far apart are
not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yaqut.geo import normalize
from yaqut.geo.distance import km
from yaqut.geo.gazetteer import Entry, Gazetteer

_ART = r"(?:al|el|Al|El|ad|Ad|ar|Ar|as|As|ash|Ash|at|At|az|Az|an|An|ad-|ed|ad)"
_CAP = r"(?:[A-Z]|[A-Z][a-z]*['’ʿ])[\w'’ʿ]*"
_NAME = rf"(?:{_ART}[- ])?{_CAP}(?:(?:[- ]{_ART}[- ]|[- ]){_CAP}){{0,3}}"
#: A capitalised name right before a position ("... entered Al Keshma" + ", a village ...").
NAME_BEFORE = re.compile(rf"(?<![\w'’-])({_NAME})['’]?\s*$")
_AFTER_WORDS = (
    r"village|town|hamlet|front|frontline|frontlines|axis|area|region|hill|hills|farms|"
    r"neighbou?rhood|outskirts"
)
_FRAME_AFTER = re.compile(rf"(?<![\w'’-])(?P<name>{_NAME})['’]?\s+(?P<w>{_AFTER_WORDS})\b")
_FRAME_BEFORE = re.compile(
    rf"\b(?P<w>village|town|city|area|frontlines?|front|axis|outskirts|vicinity)\s+of\s+"
    rf"(?:the\s+)?(?P<name>{_NAME})(?![\w'’-])"
)
# "took control of X in southern Aleppo", "shelled X in Hama countryside": a verb of
# taking or striking, a name, and the unit that places it
_FRAME_VERB = re.compile(
    r"\b(?P<w>captured|recaptured|seized|stormed|entered|shelled|attacked|targeted|"
    r"bombarded|(?:took|regained|gained|seized|retook)\s+control\s+(?:of|over))\s+"
    rf"(?:the\s+)?(?P<name>{_NAME})['’]?(?=\s+in\s)"
)
_FRAME_IN = re.compile(
    rf"\b(?P<w>in|near|on)\s+(?:the\s+)?(?P<name>{_NAME})['’]?(?=\s+in\s|,\s)"
)
_POINTS = ("community", "neighbourhood", "city", "admin3")

#: Minimum light-form similarity (0-100) to accept a name; short names need more.
THRESHOLD = 88.0
THRESHOLD_SHORT = 90.0
#: A runner-up this close to the best, and farther than ``TIE_KM`` from it, makes the
#: name ambiguous: nothing is accepted.
MARGIN = 3.0
TIE_KM = 10.0


@dataclass(frozen=True, slots=True)
class Frame:
    """A capitalised name in a locative frame."""

    start: int
    end: int
    text: str
    word: str  # the frame word ("axis", "village", "in")


@dataclass(frozen=True, slots=True)
class Rescue:
    """An entry found for a framed name, with its similarity (0-1) and why."""

    frame: Frame
    entry: Entry
    name: str
    sim: float
    near: bool
    reason: str


def frames(text: str) -> list[Frame]:
    """Capitalised names in locative frames, in text order, without overlaps."""
    out: dict[tuple[int, int], Frame] = {}
    for pat in (_FRAME_AFTER, _FRAME_BEFORE, _FRAME_IN, _FRAME_VERB):
        for m in pat.finditer(text):
            s, e = m.span("name")
            out.setdefault((s, e), Frame(s, e, m.group("name"), m.group("w").lower()))
    taken: list[Frame] = []
    for f in sorted(out.values(), key=lambda f: (f.start, -(f.end - f.start))):
        if taken and f.start < taken[-1].end:
            continue
        taken.append(f)
    return taken


class RescueIndex:
    """Light forms of the names of one country's places, by governorate p-code."""

    def __init__(self, gaz: Gazetteer, country: str) -> None:
        self.by_admin1: dict[str, tuple[list[str], list[tuple[Entry, str]]]] = {}
        self.words: dict[str, dict[str, list[tuple[Entry, str]]]] = {}
        # the same by each word's consonant key ("Samn" and "Saman" are both "smn")
        self.skeletons: dict[str, dict[str, list[tuple[Entry, str]]]] = {}
        seen: set[tuple[int, str]] = set()
        for h in gaz.iter_names():
            e = h.entry
            if (
                e.country != country
                or e.level not in _POINTS
                or not e.admin1_pcode
                or e.latitude is None
                or normalize.is_arabic(h.name)
            ):
                continue
            lt = normalize.light(h.name)
            if not lt or (e.id, lt) in seen:
                continue
            seen.add((e.id, lt))
            choices, items = self.by_admin1.setdefault(e.admin1_pcode, ([], []))
            choices.append(lt)
            items.append((e, h.name))
            words = self.words.setdefault(e.admin1_pcode, {})
            skeletons = self.skeletons.setdefault(e.admin1_pcode, {})
            for w in set(lt.split()):
                words.setdefault(w, []).append((e, h.name))
                skeletons.setdefault(normalize.key(w), []).append((e, h.name))
        self._found: dict[tuple[str, frozenset[str]], list[tuple[float, Entry, str]]] = {}

    def search(self, query: str, admin1: set[str]) -> list[tuple[float, Entry, str]]:
        """Places of the given governorates whose name is like ``query``, best first.

        Scores (0-100): rapidfuzz ratio of light forms; a query that is every distinctive
        word of a longer name ("Huweiz" in "Eastern Huweiz") scores 92. Remembered per
        query and governorates (news repeats its names; the index never changes)."""
        key = (query, frozenset(admin1))
        got = self._found.get(key)
        if got is None:
            if len(self._found) > 20_000:
                self._found.clear()
            got = self._found[key] = self._search(query, admin1)
        return list(got)

    def _search(self, query: str, admin1: set[str]) -> list[tuple[float, Entry, str]]:
        from rapidfuzz import fuzz, process

        q = normalize.light(query)
        if not q:
            return []
        qwords = q.split()
        best: dict[int, tuple[float, Entry, str]] = {}
        for code in admin1:
            got = self.by_admin1.get(code)
            if got is None:
                continue
            choices, items = got
            for _, score, i in process.extract(
                q, choices, scorer=fuzz.ratio, score_cutoff=THRESHOLD - MARGIN, limit=8
            ):
                e, name = items[i]
                head, _, rest = choices[i].partition(" ")
                if rest and qwords[0] == head and len(qwords) > 1:
                    # a shared generic head ("Kafr", "Tal", "Deir") must not carry the
                    # match: the rest of the names must be alike too
                    score = min(score, fuzz.ratio(" ".join(qwords[1:]), rest))
                if score > best.get(e.id, (0.0,))[0]:
                    best[e.id] = (score, e, name)
            words = self.words.get(code, {})
            if len("".join(qwords)) >= 5 and all(len(w) >= 2 for w in qwords):
                pools = [words.get(w, []) for w in qwords]
                ids = set.intersection(*({e.id for e, _ in p} for p in pools)) if pools else set()
                for e, name in pools[0] if pools else []:
                    if e.id in ids and 92.0 > best.get(e.id, (0.0,))[0]:
                        best[e.id] = (92.0, e, name)
            self._by_skeleton(qwords, code, best)
        return sorted(best.values(), key=lambda t: (-t[0], t[1].id))

    def _by_skeleton(
        self, qwords: list[str], code: str, best: dict[int, tuple[float, Entry, str]]
    ) -> None:
        """Every word of the query has the consonants of a word of one longer name ("Tall
        Samn" in "Tal Elsamen Dahham": vowels and doubled letters are where
        transliterations differ): score 89, above the threshold, below a word-for-word
        match (89.5 when the name begins with them); several such names far apart make
        :func:`choose` refuse."""
        keys = [normalize.key(w) for w in qwords]
        if len(qwords) < 2 or sum(map(len, keys)) < 5 or any(len(k) < 2 for k in keys):
            return
        skeletons = self.skeletons.get(code, {})
        pools = [skeletons.get(k, []) for k in keys]
        ids = _pool_ids(pools)
        for e, name in pools[0]:
            # a name that begins with the query's words before one that ends with them
            first = normalize.light(name).split()[0]
            score = 89.5 if normalize.key(first) == keys[0] else 89.0
            if e.id in ids and score > best.get(e.id, (0.0,))[0]:
                best[e.id] = (score, e, name)


def _pool_ids(pools: list[list[tuple[Entry, str]]]) -> set[int]:
    return set.intersection(*({e.id for e, _ in p} for p in pools)) if pools else set()


def choose(
    found: list[tuple[float, Entry, str]], query: str
) -> tuple[float, Entry, str] | None:
    """The one clear candidate of a search, or None (too weak, or ambiguous)."""
    if not found:
        return None
    score, e, name = found[0]
    q = normalize.light(query).replace(" ", "")
    if len(q) < 4 or score < (THRESHOLD_SHORT if len(q) < 6 else THRESHOLD):
        return None
    for s2, e2, _ in found[1:]:
        if s2 < score - MARGIN:
            break
        if km(e, e2) > TIE_KM:
            return None
    return found[0]


__all__ = ["Frame", "Rescue", "RescueIndex", "choose", "frames"]
