"""Actor mentions resolved to ACLED names, from the shipped dictionary ``data/actors.csv``.

``find_actors`` finds every actor mention in a text (English or Arabic script) and names it
the way ACLED does: ``the military intelligence`` -> ``Military Forces of Syria (2000-)
Military Intelligence``, ``unknown gunmen`` -> ``Unidentified Armed Group (Syria)``,
``al-Nusra`` -> ``Jabhat Fateh al Sham`` in 2016 and ``HTS: Hayat Tahrir al Sham`` from
28 January 2017. It does not decide who acted on whom: that is the event assembler's job.

How matching works:
- the text is normalised once (lower case, hyphens as spaces, one space for any run of
  whitespace, one apostrophe, Arabic letter variants folded, Arabic diacritics dropped),
  keeping a map back to the original offsets;
- one Aho-Corasick automaton (pyahocorasick) over every alias finds all candidates; a
  candidate must sit between word boundaries (an Arabic one may carry a one-letter
  proclitic: wa-, fa-, bi-, li-, ka-), and single-word aliases written with a capital
  (``IS``, ``HTS``, ``Turkey``) must match with their case;
- among overlapping candidates, the set covering the most text wins (so the longest
  match wins: ``the military intelligence`` is the branch, not ``military``);
- a mention that only names a patron or an opponent is dropped (``Russian-backed``,
  ``anti-IS``, ``pro-Turkey``); a holder stays (``QSD-held town``: often the target);
- a family followed by one of its own branches becomes that branch
  (``regime Military Intelligence`` -> the Military Intelligence branch);
- when an alias names several rows, the row of the event's country, valid on the event date
  (``on``), with the most ACLED events wins. Template rows (country ``*``) are named for the
  event's country: ``Civilians (Iraq)``, ``Military Forces of Iraq (2022-)``.

The dictionary and the automaton are built once per process, on first use.
"""

from __future__ import annotations

import bisect
import csv
import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from yaqut.errors import ResourceError, UsageError
from yaqut.records import Actor

__all__ = ["ActorEntry", "Actor", "acled_country", "entries", "family", "find_actors",
           "interaction", "inter_of", "state_of_adjectives"]

_APOSTROPHES = "'\u2019\u2018`\u00b4\u02bf\u02be\u02bc\u2032"
_HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_ARABIC_FOLD = {"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
                "\u0629": "\u0647", "\u0649": "\u064a"}
_ARABIC_PROCLITICS = "\u0648\u0641\u0628\u0644\u0643"  # wa fa bi li ka
_BLOCK_AFTER = re.compile(
    r"^[-\u2010\u2011\u2013]\s?(?:backed|affiliated|aligned|allied|linked|supported|sponsored|"
    r"inspired|loyal|leaning|style|era|based|made|funded|trained|armed)\b",
    re.IGNORECASE)
# "Turkey backed opposition rebels": the same without the hyphen ("X supported by Y" keeps X).
_BLOCK_AFTER_SPACED = re.compile(
    r"^\s(?:backed|affiliated|aligned|allied|linked|sponsored|funded|led|supported)\b"
    r"(?!\s+(?:up\s+)?by\b)",  # "X backed up by Y" keeps X too
    re.IGNORECASE)
# "Russian and Iran-backed forces": the first patron shares the hyphenated participle
_BLOCK_AFTER_SHARED = re.compile(
    r"^\s(?:and|or)\s+[\w'’]+[-\u2010\u2011\u2013](?:backed|supported|sponsored|allied)\b",
    re.IGNORECASE)
_BLOCK_BEFORE = re.compile(r"\b(?:anti|pro|non|ex|post)[-\u2010\u2011\u2013]\s?$", re.IGNORECASE)
_POSSESSIVE_GAP = re.compile(r"^(?:['\u2019]s?)?\s+$")
_STATE_NAME = re.compile(r"^(Military|Police) Forces of (?:the )?(.+?) \((\d{4})-\s*(\d{4})?\s*\)$")


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One row of the shipped dictionary."""

    name: str
    family: str
    inter: int | None
    aliases: tuple[str, ...]
    arabic: tuple[str, ...]
    valid_from: _dt.date | None
    valid_to: _dt.date | None
    country: str
    weight: int

    @property
    def template(self) -> bool:
        """True for rows named per country (``Civilians ({country})``)."""
        return self.country == "*"

    def valid_on(self, day: _dt.date) -> bool:
        return ((self.valid_from is None or self.valid_from <= day)
                and (self.valid_to is None or day <= self.valid_to))


# --- the dictionary -----------------------------------------------------------------------


def _date(value: str) -> _dt.date | None:
    return _dt.date.fromisoformat(value) if value else None


@cache
def entries() -> tuple[ActorEntry, ...]:
    """Every row of ``yaqut/data/actors.csv`` (read once per process)."""
    try:
        text = resources.files("yaqut.data").joinpath("actors.csv").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:  # pragma: no cover
        raise ResourceError("the actor dictionary yaqut/data/actors.csv is missing") from exc
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    rows = []
    for r in csv.DictReader(lines):
        rows.append(ActorEntry(
            name=r["name"], family=r["family"] or r["name"],
            inter=int(r["inter"]) if r["inter"] else None,
            aliases=tuple(a for a in r["aliases"].split("|") if a),
            arabic=tuple(a for a in r["arabic"].split("|") if a),
            valid_from=_date(r["valid_from"]), valid_to=_date(r["valid_to"]),
            country=r["country"], weight=int(r["weight"] or 0)))
    return tuple(rows)


@cache
def _by_name() -> dict[str, ActorEntry]:
    return {e.name: e for e in entries()}


@cache
def _templates() -> tuple[tuple[re.Pattern[str], ActorEntry], ...]:
    out = []
    for e in entries():
        if e.template:
            pattern = re.escape(e.name).replace(re.escape("{country}"), r"(?:the )?(.+?)")
            out.append((re.compile(f"^{pattern}$"), e))
    return tuple(out)


# --- normalisation --------------------------------------------------------------------------


def _normalise(text: str) -> tuple[str, str, list[int]]:
    """(cased, lowered, offsets): the text folded for matching, and where each char came from."""
    cased: list[str] = []
    pos: list[int] = []
    for i, ch in enumerate(text):
        if ch in _APOSTROPHES:
            ch = "'"
        elif ch in _HYPHENS or ch.isspace():
            ch = " "
        elif ch == "\u0640" or ("\u064b" <= ch <= "\u0652") or ch == "\u0670":
            continue  # Arabic tatweel and diacritics
        else:
            ch = _ARABIC_FOLD.get(ch, ch)
        if ch == " " and cased and cased[-1] == " ":
            continue
        cased.append(ch)
        pos.append(i)
    lowered = []
    for ch in cased:
        low = ch.lower()
        lowered.append(low if len(low) == 1 else ch)
    return "".join(cased), "".join(lowered), pos


def _fold(alias: str) -> str:
    return _normalise(unicodedata.normalize("NFC", alias).strip())[0]


def _is_arabic(s: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in s)


def _variants(alias: str) -> set[str]:
    """Spellings of one alias: as written, without apostrophes, with ``al``/``el`` swapped."""
    base = _fold(alias)
    out = {base, base.replace("'", "")}
    if not _is_arabic(base):
        out |= {v.replace("U.S.", "US") for v in out}
    else:
        for v in list(out):
            if v.startswith("\u0627\u0644"):  # al-: li + al- is written lil-
                out.add("\u0644\u0644" + v[2:])
    return {v for v in out if v.strip()}


def _case_sensitive(alias: str) -> bool:
    """Single-word aliases written with a capital must match with their case (IS, Turkey)."""
    return " " not in alias and any(ch.isupper() for ch in alias)


@dataclass(frozen=True, slots=True)
class _Key:
    cased: str  # the alias as folded, case kept
    exact: bool  # match case exactly
    arabic: bool
    rows: tuple[int, ...]  # indexes into entries()


@cache
def _automaton():
    import ahocorasick  # pyahocorasick; imported on first use

    table: dict[tuple[str, bool], list[int]] = {}
    for idx, e in enumerate(entries()):
        for alias in (*e.aliases, *e.arabic, *([] if e.template else [e.name])):
            for v in _variants(alias):
                exact = _case_sensitive(v)
                key = (v if exact else v.lower(), exact)
                rows = table.setdefault(key, [])
                if idx not in rows:
                    rows.append(idx)
    by_low: dict[str, list[_Key]] = {}
    for (text, exact), rows in table.items():
        by_low.setdefault(text.lower(), []).append(
            _Key(cased=text, exact=exact, arabic=_is_arabic(text), rows=tuple(rows)))
    auto = ahocorasick.Automaton()
    for low, keys in by_low.items():
        keys.sort(key=lambda k: not k.exact)  # an exact-case key is tried first
        auto.add_word(low, (len(low), tuple(keys)))
    auto.make_automaton()
    return auto


# --- resolution ---------------------------------------------------------------------------


def _state_name(kind: str, country: str, on: _dt.date | None) -> str:
    """ACLED's name for a country's military or police forces on a date."""
    periods = []
    for e in entries():
        m = _STATE_NAME.match(e.name)
        if m and m.group(1) == "Military" and m.group(2) == country:
            periods.append(e)
    if not periods:
        article = "the " if country.startswith(("United ", "Netherlands", "Philippines")) else ""
        return f"{kind} Forces of {article}{country}"
    military = _pick(periods, country, on).name
    return military if kind == "Military" else "Police" + military[len("Military"):]


@cache
def acled_country(country: str) -> str:
    """The dictionary's name of a country the gazetteer spells otherwise ("Türkiye" is
    "Turkey"): the country of the state forces the name is an alias of, else as given."""
    if not country or any(e.country == country for e in entries()):
        return country
    for e in entries():
        m = _STATE_NAME.match(e.name)
        if m and country in e.aliases:
            return m.group(2)
    return country


def _fill(e: ActorEntry, country: str, on: _dt.date | None) -> tuple[str, int | None, str]:
    """(name, inter, family) of a row for an event in ``country`` on ``on``."""
    country = acled_country(country)
    if not e.template:
        return e.name, _state_inter(e.family, country) or e.inter, e.family
    if e.name.startswith(("Military Forces of", "Police Forces of")):
        name = _state_name(e.name.split()[0], country, on)
        return name, 1, name
    name = e.name.replace("{country}", country)
    return name, e.inter, name


def _state_inter(name: str, country: str) -> int | None:
    """State forces are 1 in their own country and 8 (external) elsewhere."""
    m = _STATE_NAME.match(name)
    if m is None:
        return None
    return 1 if m.group(2) == country else 8


def _pick(rows: list[ActorEntry], country: str, on: _dt.date | None) -> ActorEntry:
    def rank(e: ActorEntry) -> tuple:
        home = 0 if e.country in (country, "*") else 1
        if on is None:
            valid, gap = (0 if e.valid_to is None else 1), 0
        elif e.valid_on(on):
            valid, gap = 0, 0
        else:
            edge = e.valid_from if e.valid_from and on < e.valid_from else e.valid_to
            valid, gap = 1, abs((on - edge).days) if edge else 0
        return (home, valid, gap, -e.weight)

    return min(rows, key=rank)


# --- public API ---------------------------------------------------------------------------


def find_actors(text: str, *, start: int = 0, end: int | None = None, country: str,
                on: _dt.date | None = None) -> list[Actor]:
    """Every actor mention in ``text[start:end]``, named as ACLED names it.

    Offsets are absolute: ``text[a.start:a.end] == a.text``. Determiners and possessive
    ``'s`` stay outside the span. ``country`` (the event's country, e.g. the report's: see
    :class:`yaqut.coder.Coder`; no default, so no country is assumed) names templated
    actors (``Civilians (Iraq)``) and prefers that country's rows; ``on`` picks the name
    valid on the event date.
    """
    if not isinstance(text, str):
        raise UsageError(f"find_actors expects a str, not {type(text).__name__}")
    end = len(text) if end is None else end
    if start < 0 or end > len(text) or start > end:
        raise UsageError(f"window {start}:{end} is outside a text of {len(text)} characters")
    window = text[start:end]
    cased, lowered, pos = _normalise(window)
    table = entries()
    found: list[tuple[int, int, _Key]] = []
    for last, (length, keys) in _automaton().iter(lowered):
        first = last - length + 1
        for key in keys:
            if key.exact and cased[first:last + 1] != key.cased:
                continue
            if not _bounded(lowered, first, last + 1, key.arabic):
                continue
            found.append((first, last + 1, key))
            break
    chosen = _best_cover(found)

    mentions: list[Actor] = []
    umbrella_until = -1  # "QSD-backed Menbij Military Council": the council is QSD's
    for first, stop, key in chosen:
        a = pos[first]
        b = pos[stop - 1] + 1
        if a < umbrella_until:
            continue
        e = _pick([table[i] for i in key.rows], country, on)
        backed = _BLOCK_AFTER.match(window[b:b + 16]) or _BLOCK_AFTER_SPACED.match(
            window[b:b + 16])
        if backed and e.inter == 2 and re.match(r"[-\u2010\u2011\u2013 ]?backed\s+(?:the\s+)?",
                                                window[b:b + 16], re.IGNORECASE):
            # a rebel group backing another is its umbrella (ACLED codes "JWS backed Ahrar
            # al Sharqiyah" as JWS); a state backing a group is only its patron
            gap = re.match(r"[-\u2010\u2011\u2013 ]?backed\s+(?:the\s+)?", window[b:b + 16],
                           re.IGNORECASE)
            assert gap is not None  # matched just above
            umbrella_until = b + gap.end() + 1
        elif backed or _BLOCK_BEFORE.search(window[max(0, a - 6):a]):
            continue
        name, inter, fam = _fill(e, country, on)
        mentions.append(Actor(name=name, inter=inter, family=fam, start=start + a,
                              end=start + b, text=text[start + a:start + b]))
    mentions.extend(_shared_noun_states(text, start, end, mentions, country, on))
    mentions.sort(key=lambda m: m.start or 0)  # every mention found here has its span
    return _merge_branches(text, mentions)


# "Turkish and YPG forces": a state's adjective sharing the noun of the next side
_SHARED_NOUN = re.compile(r"\b(?P<adj>[A-Z][a-z]+|US|UK)\s+and\s+(?:the\s+)?[\w'’-]+"
                          r"(?:\s+[\w'’-]+)?\s+(?P<noun>forces|troops|soldiers|fighters)\b")


def _shared_noun_states(text: str, start: int, end: int, mentions: list[Actor],
                        country: str, on: _dt.date | None) -> list[Actor]:
    """States named by an adjective that shares the noun of the side after it ("Turkish and
    YPG forces clashed": the Turkish forces and the YPG)."""
    out = []
    for m in _SHARED_NOUN.finditer(text, start, end):
        a, b = m.start("adj"), m.end("adj")
        if any(x.start is not None and x.end is not None and x.start <= a < x.end
               for x in mentions) or _BLOCK_AFTER_SHARED.match(text[b:b + 40]):
            continue  # "Russian and Iran-backed forces": a patron
        found = find_actors(f"{m['adj']} {m['noun']}", country=country, on=on)
        if len(found) == 1 and found[0].name.startswith("Military Forces of ") and \
                found[0].end == len(m["adj"]) + 1 + len(m["noun"]):
            st = found[0]
            out.append(Actor(name=st.name, inter=st.inter, family=st.family, start=a, end=b,
                             text=text[a:b]))
    return out


def state_of_adjectives(adjectives: list[str], *, country: str,
                        on: _dt.date | None = None) -> Actor | None:
    """The side named by nationality adjectives alone ("a Turkish assault", "Russian and
    Syrian bombs"): the state whose "<adjective> forces" the dictionary knows, or for two
    adjectives the dictionary's joint row of their warplanes when it has one (ACLED's
    "Allied Syrian and/or Russian Forces"), else the first state. None when no adjective
    names a state. The Actor has no offsets: the caller places it. ``country`` as for
    :func:`find_actors` (no default: no country is assumed)."""
    states = []
    for adj in adjectives:
        text = f"{adj} forces"
        found = find_actors(text, country=country, on=on)
        if len(found) == 1 and found[0].start == 0 and found[0].end == len(text) \
                and _STATE_NAME.match(found[0].name):
            states.append(found[0])
    if len(states) >= 2 and states[0].family != states[1].family:
        text = f"{adjectives[0]} and/or {adjectives[1]} warplanes"
        joint = find_actors(text, country=country, on=on)
        if len(joint) == 1 and joint[0].start == 0 and joint[0].end == len(text):
            return joint[0]
    return states[0] if states else None


def _best_cover(found: list[tuple[int, int, _Key]]) -> list[tuple[int, int, _Key]]:
    """The non-overlapping candidates covering the most characters (ties: fewer, then left).

    ``regime Military Intelligence`` is ``regime`` + ``Military Intelligence`` rather than
    ``regime military`` + nothing; ``the military intelligence`` is the branch, not
    ``military``.
    """
    items = sorted(found, key=lambda f: (f[1], f[0]))
    ends = [f[1] for f in items]
    # best[i]: (covered chars, -mentions, chosen) using the first i items
    best: list[tuple[int, int, tuple[int, ...]]] = [(0, 0, ())]
    for i, (first, stop, _key) in enumerate(items):
        j = bisect.bisect_right(ends, first, 0, i)  # items before i ending at or before first
        covered, neg, picks = best[j]
        take = (covered + stop - first, neg - 1, (*picks, i))
        best.append(max(best[i], take, key=lambda b: (b[0], b[1])))
    return sorted((items[i] for i in best[-1][2]), key=lambda f: f[0])


def _merge_branches(text: str, mentions: list[Actor]) -> list[Actor]:
    """``regime`` + ``Military Intelligence`` side by side become one branch mention."""
    out: list[Actor] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (prev is not None and m.name != prev.name and _same_state(m.family, prev.name)
                and _POSSESSIVE_GAP.match(text[prev.end:m.start])):
            out[-1] = Actor(name=m.name, inter=m.inter, family=m.family, start=prev.start,
                            end=m.end, text=text[prev.start:m.end])
            continue
        if (prev is not None and m.name.startswith("Unidentified Armed Group")
                and not prev.name.startswith(("Unidentified", "Civilians"))
                and m.text is not None and _GENERIC_ARMED.fullmatch(m.text)
                and re.fullmatch(r"\s+", text[prev.end:m.start])):
            # "IS gunmen", "HTS gunmen": the named group's men, not unidentified ones
            out[-1] = Actor(name=prev.name, inter=prev.inter, family=prev.family,
                            start=prev.start, end=m.end, text=text[prev.start:m.end])
            continue
        out.append(m)
    return out


def _same_state(branch_family: str, name: str) -> bool:
    """A branch of ``name``'s forces: its own family, or the same state's police branch of
    its military ("the regime's State Security")."""
    if branch_family == name:
        return True
    a, b = _STATE_NAME.match(branch_family), _STATE_NAME.match(name)
    return bool(a and b and a.group(2) == b.group(2) and a.group(1) != b.group(1))


_GENERIC_ARMED = re.compile(r"(?:gunm[ae]n|armed\s+m[ae]n|assailants?|attackers?)", re.I)


def _bounded(s: str, first: int, stop: int, arabic: bool) -> bool:
    """True when s[first:stop] stands as whole words (Arabic: one proclitic letter allowed)."""
    if stop < len(s) and s[stop].isalnum():
        return False
    if first == 0 or not s[first - 1].isalnum():
        return True
    if arabic and s[first - 1] in _ARABIC_PROCLITICS:
        return first - 1 == 0 or not s[first - 2].isalnum()
    return False


def family(name: str) -> str:
    """The actor family: the name before any qualifier.

    ``Military Forces of Syria (2000-) Military Intelligence`` -> ``Military Forces of Syria
    (2000-)``; a branch of a state's forces always belongs to those forces (the police's
    gendarmerie too); ``QSD: Syrian Democratic Forces - Intelligence`` -> ``QSD: Syrian
    Democratic Forces`` (the dictionary's family column); any other name is its own family.
    This is the one family rule of yaqut (campaigns group events by it).
    """
    m = re.match(r"^((?:Military|Police) Forces of .+?\(\d{4}-\s*(?:\d{4})?\s*\))\s+\S", name)
    if m:
        return re.sub(r"\(\s*(\d{4})-\s*\)", r"(\1-)", m.group(1))
    known = _by_name().get(name)
    if known is not None and not known.template:
        return known.family
    for other in sorted(_by_name(), key=len, reverse=True):
        if (":" in other or other.endswith(")")) and name.startswith(other + " "):
            return _by_name()[other].family
    return name


def inter_of(name: str, *, country: str | None = None) -> int | None:
    """ACLED's inter code for an actor name in an event in ``country`` (None when unknown).

    State forces are 1 in their own country and 8 elsewhere; an event whose country is not
    known (``None``) is taken to be in the forces' own country. Other codes do not depend
    on the country.
    """
    own = _STATE_NAME.match(family(name))
    state = _state_inter(family(name), country or (own.group(2) if own else ""))
    if state is not None:
        return state
    known = _by_name().get(name)
    if known is not None and not known.template:
        return known.inter
    for pattern, e in _templates():
        if pattern.match(name):
            return e.inter
    fam = family(name)
    if fam != name:
        return inter_of(fam, country=country)
    return None


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction code: the two inter codes, lower first (1 and 7 -> 17).

    An event with one actor gets its code followed by 0 (a rebel event alone -> 20).
    """
    codes = sorted(c for c in (inter1, inter2) if c is not None)
    for c in codes:
        if not 1 <= c <= 8:
            raise UsageError(f"inter codes run from 1 to 8, not {c}")
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]
