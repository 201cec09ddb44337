"""Counts in a sentence: how many of whom or of what, and what happened to them.

``find_quantities(text, start=, end=)`` returns :class:`~yaqut.records.Quantity` records
("3 civilians", killed; "50 automatic rifles", demanded) with absolute offsets.
``parse_number`` reads one number expression; ``fatalities`` applies ACLED's conservative
rule to a set of quantities.

How a count is found (regex and small lexicons, compiled once on first use):

* A number (digits, words, "a dozen", "dozens" = 12, "hundreds" = 100, "scores" = 20, with
  "more than", "at least", "nearly", "between 3 and 5" read as the figure or the lower
  bound), then up to three modifiers, then a unit noun from the lexicon ("QDW members",
  "pro-Iran militiamen", "automatic rifles"). A number with no unit counts only when a
  casualty verb governs it ("killing 5", "5 were killed"): its unit is then "people".
* "a man", "an IS member", "him", "her" count as one person only where a role verb governs
  them ("killing a man", "injuring him").
* Not counts: dates, years, times ("10 am", "10:30"), ordinals and unit names ("4th
  Division", "Brigade 93"), ages ("a 55-year-old man" is one man), percentages, money,
  distances: none of those is followed by a unit noun, and the few that could be are
  excluded by name.
* "No fatalities", "without causing any casualties", "neither injuries nor fatalities" give
  a count of 0 killed (and 0 injured), so the evidence for a zero is kept.

The role comes from the governing words, checked in this order: a verb after the group
("12 rifles were handed over", "the 25 individuals on the wanted list agreed to comply"),
the nearest role word before it in the same clause ("killing 3 soldiers and injuring four
others", "a new reconciliation process for 48 individuals"), a participle among its
modifiers ("25 wanted individuals"). A demand before a transfer wins ("demanded the
surrender of 50 rifles" is demanded). Roles must fit the unit (people are killed; rifles are
handed over, seized or fired). A group of wanted people that then acts takes the action as
its role ("agreed to comply"); otherwise it is "wanted". Anything else is "mentioned".

A sub-group ("5 people, including 2 children") gets a span that starts at its marker
("including 2 children") so that :func:`fatalities` can leave it out of the sum.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from yaqut import lexicon
from yaqut.extract import vocab
from yaqut.records import Quantity

__all__ = ["fatalities", "find_quantities", "parse_number"]

@dataclass(frozen=True, slots=True)
class _Vocab:
    """The word lists of ``yaqut/data/lexicon/extract_quantity_*``, read once by :func:`_vocab`."""

    number_words: dict[str, int]  # "one" .. "nineteen" (and "zero", "no")
    vague: dict[str, int]  # "dozens" -> 12, ACLED's conservative figures
    people: dict[str, str]  # surface form -> unit recorded
    not_single: frozenset[str]  # people words that are not one person after "a"
    weapons: tuple[str, ...]
    other: tuple[str, ...]
    person_roles: frozenset[str]
    roles: tuple[tuple[str, str], ...]  # (regex, role), the first that fits wins
    implied: dict[str, str]  # unit words that say the role themselves ("5 fatalities")
    active_chain: frozenset[str]  # words between an acting group and its verb
    plural: dict[str, str]  # singular unit -> the plural recorded


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    def ints(name: str) -> dict[str, int]:
        return {k: int(v) for k, v in lexicon.mapping(name).items()}

    return _Vocab(
        number_words=ints("extract_quantity_number_words"),
        vague=ints("extract_quantity_vague"),
        people=dict(lexicon.mapping("extract_quantity_people")),
        not_single=lexicon.words("extract_quantity_not_single"),
        weapons=lexicon.entries("extract_quantity_weapons"),
        other=lexicon.entries("extract_quantity_other"),
        person_roles=lexicon.words("extract_quantity_person_roles"),
        roles=tuple(lexicon.mapping("extract_quantity_roles").items()),
        implied=dict(lexicon.mapping("extract_quantity_implied")),
        active_chain=lexicon.words("extract_quantity_active_chain"),
        plural=dict(lexicon.mapping("extract_quantity_plural")),
    )


_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip

_THING_ROLES = {
    "demanded", "handed over", "seized", "fired", "deployed", "destroyed", "captured",
    "used", "dropped",
}
_TRANSFER_ROLES = {"handed over", "released", "displaced"}
_SUBSET = r"(?:including|among\s+them|among\s+whom|of\s+whom|of\s+them|mostly|mainly)"


@dataclass(frozen=True, slots=True)
class _Lex:
    """The compiled lexicons, built once by :func:`_lex`."""

    number: re.Pattern[str]
    token: re.Pattern[str]
    unit: re.Pattern[str]
    roles: tuple[tuple[re.Pattern[str], str], ...]
    role_any: re.Pattern[str]
    single: re.Pattern[str]
    pronoun: re.Pattern[str]
    subject: re.Pattern[str]
    body: re.Pattern[str]
    death_of: re.Pattern[str]
    bare: re.Pattern[str]
    bare_after: re.Pattern[str]
    zero: re.Pattern[str]
    coded: re.Pattern[str]
    totals: tuple[re.Pattern[str], ...]
    toll: re.Pattern[str]
    subset_before: re.Pattern[str]
    clause_stop: re.Pattern[str]


def _alt(words: Sequence[str]) -> str:
    ordered = sorted({re.escape(w).replace(r"\ ", r"\s+") for w in words}, key=len, reverse=True)
    return "|".join(ordered)


def _number_parts() -> tuple[str, str, re.Pattern[str]]:
    """(digits, number words, the number pattern): "at least 12", "between 3 and 5",
    "twenty-one", "dozens"."""
    word_num = _alt([*_vocab().number_words, *_TENS])
    tens = "|".join(_TENS)
    ones = "|".join(w for w in _vocab().number_words if w not in ("zero", "no"))
    digits = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?![\d.,:/]\d)"
    core = (
        rf"(?:{digits}|(?:{tens})[\s-](?:{ones})|(?:{ones}|{tens})\s+hundred(?:\s+and\s+"
        rf"(?:{word_num}))?|{_alt(list(_vocab().vague))}|{word_num})"
    )
    mod = (
        r"(?:more\s+than|over|at\s+least|nearly|almost|around|about|approximately|up\s+to"
        r"|some|roughly|an\s+estimated|as\s+many\s+as|no\s+(?:fewer|less)\s+than"
        r"|fewer\s+than|less\s+than|a\s+total\s+of|another|an\s+additional|a\s+further)"
    )
    number = re.compile(
        rf"(?<![\w$£€.-])(?:(?P<between>between)\s+)?(?:(?P<mod>{mod})\s+)?(?P<num>{core})"
        rf"(?:\s*(?:-|–|to|or|and)\s*(?P<hi>{digits}|{word_num}))?(?![\w%$£€])",
        re.IGNORECASE,
    )
    return digits, word_num, number


def _totals(digits: str, word_num: str) -> tuple[re.Pattern[str], ...]:
    """Stated totals: "the total number of fatalities was 12", "a total of 5 deaths"."""
    return (
        re.compile(
            r"\btotal\s+(?:number\s+of\s+)?(?:fatalities|fatuities|deaths)\s+(?:(?:in|at)\s+"
            r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+)?(?:(?:was|were|is|are)\s+)?"
            r"(?:(?:coded|estimated)\s+)?(?:(?:as|to|at|of)\s+)?(?P<n>[\w,]+)",
            re.IGNORECASE,
        ),
        re.compile(
            rf"\b(?:a\s+|the\s+)?total\s+(?:of\s+)?(?P<n>{digits}|{word_num})\s+"
            r"(?:fatalities|deaths|people\s+(?:were\s+)?killed)",
            re.IGNORECASE,
        ),
        re.compile(
            rf"\b(?P<n>{digits}|{word_num})\s+(?:fatalities|deaths)\s+in\s+total\b",
            re.IGNORECASE,
        ),
        re.compile(
            r"\b(?:unknown|undetermined|unspecified)\s+number\s+of\s+[^.;]{0,80}?\bcoded"
            r"\s+(?:as|to|at)\s+(?P<n>[\w,]+)",
            re.IGNORECASE,
        ),
    )


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    digits, word_num, number = _number_parts()
    units = _alt([*_vocab().people, *_vocab().weapons, *_vocab().other])
    role_pats = tuple((re.compile(rf"\b(?:{p})\b", re.IGNORECASE), r) for p, r in _vocab().roles)
    role_any = re.compile(r"\b(?:" + "|".join(p for p, _ in _vocab().roles) + r")\b", re.I)
    singular = [w for w in _vocab().people if not w.endswith("s") and w not in _vocab().not_single]
    return _Lex(
        number=number,
        token=re.compile(r"[A-Za-z0-9][\w'’\-]*|[^\w\s]"),
        unit=re.compile(rf"(?:{units})(?![\w-])", re.IGNORECASE),
        roles=role_pats,
        role_any=role_any,
        single=re.compile(
            r"(?<![\w-])(?P<det>a|an|another)\s+(?:(?!(?:and|or|of|in|on|at|by|with|to|few"
            r"|number|group|lot|couple|total|series|handful|dozen|pair|body|bodies|head)\b)"
            rf"[\w'’-]+\s+){{0,5}}?(?P<u>{_alt(singular)})(?![\w-])",
            re.IGNORECASE,
        ),
        pronoun=re.compile(
            r"(?<![\w-])(?:him|her|another(?=\s*(?:[,.;]|and\b|$|was\b|(?:later\s+)?died\b))"
            r"|his\s+(?P<u>"
            + _alt(singular) + r"))(?![\w-])",
            re.IGNORECASE,
        ),
        body=re.compile(
            r"\b(?:[Aa]n?|[Tt]he)\s+(?:[\w'’-]+\s+)?(?:body|corpse)\b(?!\s+of\b|['’])"
        ),
        death_of=re.compile(
            r"\b(?:death|killing|assassination|execution|injury|wounding|arrest|abduction)\s+of"
            r"\s+(?P<q>the\s+(?:(?!(?:and|or|of|in|on|at|by|with|to)\b)[\w'’-]+\s+){0,4}?"
            rf"(?P<u>{_alt(singular)}))(?![\w-])",
            re.IGNORECASE,
        ),
        subject=re.compile(
            r"\b(?:He|She)\s+(?=(?:was\s+(?:later\s+|also\s+)?(?:killed|executed|shot\s+dead)"
            r"|(?:later\s+)?(?:died|succumbed)))",
        ),
        bare=re.compile(
            r"\b(?:(?:kill|injure|wound|arrest|detain|abduct|kidnap"
            r"|killing|killed|kills|injuring|injured|wounding|wounded|arresting|arrested"
            r"|detaining|detained|abducting|abducted|kidnapping|kidnapped|assassinating"
            r"|assassinated)|(?:the\s+)?(?:killing|death|deaths|injury|wounding|arrest)\s+of)\s+$",
            re.IGNORECASE,
        ),
        bare_after=re.compile(
            r"^(?:\s+of\s+(?:them|whom|those|these))?(?:\s+(?:[A-Z][\w'’\-]*|pro-\w+|and))"
            r"{0,4}?\s+(?:(?:were|was|have\s+been|had\s+been|are|got)\s+)?(?:reportedly\s+)?"
            r"(?:killed|dead|injured|wounded|arrested|detained|abducted|kidnapped)\b",
            re.IGNORECASE,
        ),
        zero=re.compile(
            r"\b(?:no|neither|nor|without(?:\s+causing)?(?:\s+any)?|zero)\s+(?:\w+\s+)?"
            r"(?:(?P<k>fatalities|deaths|casualties|one\s+was\s+killed|killed|dead)"
            r"|(?P<i>injuries|injured|wounded))\b",
            re.IGNORECASE,
        ),
        coded=re.compile(
            r"\b(?:(?:fatalities|deaths)\s+(?:(?:were\s+|was\s+|is\s+|are\s+)?(?:coded|estimated"
            r"|assumed)\s+(?:(?:as|to|at)\s+)?|of\s+)|coded\s+fatalities\s+(?:as|to|at)\s+)"
            r"(?P<n>[\w,]+)",
            re.IGNORECASE,
        ),
        totals=_totals(digits, word_num),
        toll=re.compile(
            r"\bdeath\s+toll\s+(?:\w+\s+){0,3}?(?:to|of|at|reached|stands\s+at|is)\s+$",
            re.IGNORECASE,
        ),
        subset_before=re.compile(rf"\b{_SUBSET}\s+$", re.IGNORECASE),
        clause_stop=re.compile(r"[.;:!?]|\b(?:who|which|whom|whose|while|whereas)\b", re.I),
    )


def parse_number(s: str) -> int | None:
    """The figure in a number expression, conservatively; None if ``s`` is not one.

    "5,000" -> 5000, "twenty-five" -> 25, "a dozen"/"dozens" -> 12, "hundreds" -> 100,
    "more than 20" -> 20, "between 3 and 5" -> 3, "two hundred and ten" -> 210.
    """
    m = _lex().number.fullmatch(s.strip())
    if m is None:
        return None
    return _value(m["num"])


def _value(num: str) -> int | None:
    t = re.sub(r"\s+", " ", num.strip().lower())
    if t in _vocab().vague:
        return _vocab().vague[t]
    if re.fullmatch(r"[\d,]+", t):
        return int(t.replace(",", ""))
    if t in _vocab().number_words:
        return _vocab().number_words[t]
    if t in _TENS:
        return _TENS[t]
    parts = re.split(r"[\s-]+", t)
    total, current = 0, 0
    for p in parts:
        if p == "and":
            continue
        if p in _vocab().number_words:
            current += _vocab().number_words[p]
        elif p in _TENS:
            current += _TENS[p]
        elif p == "hundred":
            current = max(current, 1) * 100
        elif p == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current


def _unit_name(surface: str) -> str:
    s = re.sub(r"\s+", " ", surface.lower())
    if s in _vocab().people:
        return _vocab().people[s]
    s = s.replace("machine-guns", "machine guns").replace("armored", "armoured")
    if s in ("rpg", "rpgs", "rpg launchers"):
        return "RPGs"
    if s in ("ied", "ieds"):
        return "IEDs"
    return _vocab().plural.get(s, s)


def _is_person(unit: str) -> bool:
    return unit in set(_vocab().people.values())


def _fits(role: str, unit: str) -> bool:
    return role in (_vocab().person_roles if _is_person(unit) else _THING_ROLES)


def _clause_start(text: str, lo: int, pos: int) -> int:
    """Where the clause holding ``pos`` starts (a stop mark, or ``lo``)."""
    best = lo
    for m in _lex().clause_stop.finditer(text, lo, pos):
        best = m.end()
    return best


def _role_before(text: str, lo: int, pos: int, unit: str) -> str | None:
    """The nearest role word before ``pos`` in its clause that fits ``unit``."""
    cs = _clause_start(text, lo, pos)
    lex = _lex()
    hits: list[tuple[int, str]] = []
    for pattern, role in lex.roles:
        for m in pattern.finditer(text, cs, pos):
            hits.append((m.start(), role))
    hits.sort(reverse=True)
    for i, (where, role) in enumerate(hits):
        if not _fits(role, unit):
            continue
        trigger = re.match(r"[\w'’]+(?:\s+(?:over|up|dead|hostage))?", text[where:pos])
        if trigger and re.match(r"\s+by\b", text[where + trigger.end() : pos]):
            return None  # "killed by an IS member": the count is the agent, not the victim
        if role in _TRANSFER_ROLES and any(r == "demanded" for w, r in hits[i + 1 :]):
            return "demanded"
        if role == "wanted":
            continue  # "wanted" is a description, used only when nothing else governs
        return role
    return None


_NOUN_FORMS = re.compile(
    r"(?:injur(?:y|ies)|deaths?|killings?|detention|abduction|displacement|handover"
    r"|reconciliation|settlement|demands?|requests?|seizure|confiscation|deployment"
    r"|destruction|fatalit(?:y|ies)|casualt(?:y|ies)|bod(?:y|ies)|corpses?|wounds?|release"
    r"|arrests?|capture|surrender)$",
    re.IGNORECASE,
)


# What follows an active verb's object: "abducted a child", "killed two", "shot him".
_ACTIVE_OBJECT = re.compile(
    r"\s+(?:a|an|the|his|her|their|its|him|them|\d+|two|three|four|five|six|seven|eight|nine"
    r"|ten|several|dozens|one)\b(?!\s+(?:days?|weeks?|months?|years?|hours?)\b)",
    re.IGNORECASE,
)




def _role_after(text: str, pos: int, hi: int, unit: str) -> str | None:
    """A role given by the words right after the counted group, in the same clause."""
    tail_end = hi
    stop = _lex().clause_stop.search(text, pos, hi)
    if stop:
        tail_end = stop.start()
    tail = text[pos:tail_end]
    comma = tail.find(",")
    if comma >= 0:
        tail = tail[:comma]
    # Up to eight words after the group; stop at another number.
    if re.match(r"['’]s?\s+(?:bod(?:y|ies)|corpses?|remains)\b", tail):
        return "killed"  # "two fighters' bodies were found", "a member's body"
    words = list(re.finditer(r"[\w'’-]+", tail))[:10]
    for i, w in enumerate(words):
        token = w.group(0).lower()
        if re.fullmatch(r"\d[\d,]*", token) or token in _vocab().number_words:
            break
        rest = tail[w.start() :]
        if i > 0 and words[i - 1].group(0).lower() in ("and", "or") and token in (
            "the", "a", "an", "another", "his", "her", "their", "its"
        ):
            return None  # "... and the death of": another phrase
        if _NOUN_FORMS.match(token) and not (i == 0 and re.match(r"['’]", tail.lstrip())):
            continue  # "information about injuries": a noun, not what happened to the group
        for pattern, role in _lex().roles:
            m = pattern.match(rest)
            if m and _fits(role, unit) and role != "wanted":
                if words[i - 1].group(0).lower() in ("and", "or") if i else False:
                    if i == 1 or _ACTIVE_OBJECT.match(tail, m.end() + w.start()):
                        # "killed 2 soldiers and injured ...", "killed 2 members of the
                        # group and injured three others": the subject's second verb
                        return None
                if (token.endswith(("ed", "shot"))
                        and _ACTIVE_OBJECT.match(tail, m.end() + w.start())
                        and (all(x.group(0).lower() in _vocab().active_chain or x.group(0).lower()
                                 in _vocab().people for x in words[:i])
                             or _own_noun_then_object(words[:i], tail, m.end() + w.start()))):
                    return None  # "3 gunmen (shot and) abducted a child": the group acted
                prev = tail[: w.start()].lower().split()
                # "killing" after a group is a new action by the group, not done to it
                if token.endswith("ing") and role in ("killed", "injured", "arrested"):
                    return None
                if prev and prev[-1] in ("by", "of", "for", "to"):
                    continue
                return role
    return None


def _own_noun_then_object(before: list[re.Match[str]], tail: str, pos: int) -> bool:
    """ "two accomplices killed a shepherd": one word the lexicon does not know (the count's
    own noun), no auxiliary, then the verb and an object that opens with a/an/him/her/them/
    his/their: the group did it."""
    return (len(before) == 1
            and before[0].group(0).lower() not in lexicon.words("extract_quantity_auxiliary")
            and bool(re.match(r"\s+(?:an?|him|her|them|his|their)\b", tail[pos:], re.I)))


_RELATIVE = re.compile(
    r"^\s*,?\s*(?:who|that|which|whom)\s+(?:(?:was|were|had\s+been|have\s+been|has\s+been"
    r"|later|also|reportedly|then)\s+){0,2}(?P<rest>.{0,40})",
    re.IGNORECASE | re.DOTALL,
)


def _role_relative(text: str, pos: int, hi: int, unit: str) -> str | None:
    """The verb of a relative clause on the group: "a fighter who died of his wounds"."""
    m = _RELATIVE.match(text[pos:hi])
    if not m:
        return None
    for pattern, role in _lex().roles:
        r = pattern.match(m["rest"])
        if r and _fits(role, unit) and role != "wanted":
            return role
    return None


def _role_inside(mods: str, unit: str) -> str | None:
    for pattern, role in _lex().roles:
        if pattern.search(mods) and _fits(role, unit):
            return role
    return None




def _role(
    text: str, lo: int, hi: int, s: int, e: int, mods: str, unit: str, surface: str = ""
) -> str:
    implied = _vocab().implied.get(surface.lower())
    if implied:
        return implied
    after = _role_after(text, e, hi, unit)
    if not after and re.search(r"\bby\s+$", text[max(lo, s - 4) : s]):
        return "mentioned"  # "killed ... by two gunmen": the agent
    if after:
        before = _role_before(text, lo, s, unit)
        if before == "demanded" and after in _TRANSFER_ROLES:
            return "demanded"
        return after
    before = _role_before(text, lo, s, unit)
    if before:
        return before
    relative = _role_relative(text, e, hi, unit)
    if relative:
        return relative
    inside = _role_inside(mods, unit)
    if inside:
        return inside
    if re.search(r"\bwanted\b", text[_clause_start(text, lo, s) : e], re.I) and _is_person(unit):
        return "wanted"
    return "mentioned"


_FUNCTION_WORDS = frozenset(
    "and or of in on at from to the a an were was are is by with for as that who which had"
    " have has been be near into after before during while than but their its his her this"
    " these those them they he she it we you i not no all both each every some any".split()
)
_NEVER_MODIFIER = re.compile(
    r"(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|years?|days?"
    r"|hours?|months?|weeks?|minutes?|km|kilometres?|kilometers?|metres?|meters?|miles?"
    r"|percent|usd|dollars?|syp|liras?|pounds?|euros?|am|pm|o'clock|times)$",
    re.IGNORECASE,
)
_MAX_MODIFIERS = 5


def _is_modifier(token: str, first: bool) -> bool:
    """A word that may stand between a number and its noun ("QDW", "pro-Iran", "10th")."""
    if _NEVER_MODIFIER.match(token) or re.search(r"year-?old|years?-old", token, re.I):
        return False
    low = token.lower()
    if low in _FUNCTION_WORDS and not token.isupper():
        # "13 regime and pro-regime fighters": "and" only between modifiers
        return low == "and" and not first
    return True


_LABEL_BEFORE = re.compile(
    r"(?:resolution|no\.?|number|brigade|division|regiment|battalion|route|highway|law"
    r"|decree|article|flight|unit|room|squadron|corps|group|#|\$|£|€)\s*$",
    re.IGNORECASE,
)
_YEARISH = re.compile(r"(?:19|20)\d\d")


def _unit_after(
    text: str, e: int, hi: int, budget: int = _MAX_MODIFIERS
) -> tuple[int, int, str] | None:
    """A unit noun after a number: up to five modifiers, then the noun.

    "of the/them/their" or "from (the)" may come first ("one of the gunmen", "2 from the
    Hamza Division fighters"). Returns (start of the words
    after the number, end of the noun, the modifiers' text).
    """
    lex = _lex()
    pos = e
    # "one of the gunmen", "2 from the Hamza Division fighters" (a count taken from a group)
    of = re.match(r"\s+(?:of\s+(?:the|their|its|his|her|these|those)|from(?:\s+the)?)\b",
                  text[e:hi], re.I)
    if of:
        pos = e + of.end()
    for i in range(budget + 1):
        m = re.match(r"\s+", text[pos:hi])
        if not m:
            return None
        p = pos + m.end()
        u = lex.unit.match(text, p, hi)
        if u:
            found = (e, u.end(), text[e : u.start()])
            word = u.group(0).lower()
            if word in _vocab().people and not word.endswith("s") and word not in (
                    "personnel", "staff"):
                # "6 rebel fighters", "24 rebel and Islamist factions fighters": a singular
                # noun before another person noun is a modifier.
                later = _unit_after(text, u.end(), hi, budget - i - 1)
                if later is not None and _is_person(_unit_name(
                        lex.unit.search(text[later[0] : later[1]]).group(0))):  # type: ignore[union-attr]
                    return e, later[1], text[e : later[1]]
            return found
        t = re.match(r"[A-Za-z0-9][\w'’\-]*", text[p:hi])
        if not t or not _is_modifier(t.group(0), i == 0 and budget == _MAX_MODIFIERS):
            return None
        if t.group(0)[0].isdigit() and not re.fullmatch(r"\d+(?:st|nd|rd|th)", t.group(0)):
            return None
        pos = p + t.end()
    return None


@dataclass(slots=True)
class _Counts:
    """The counts found so far in ``text[start:end]``; a count never overlaps an earlier one."""

    text: str
    start: int
    end: int
    found: list[Quantity]
    taken: list[tuple[int, int]]

    def add(self, s: int, e: int, count: int, unit: str, role: str) -> None:
        if any(s < te and ts < e for ts, te in self.taken):
            return
        subset = _lex().subset_before
        if subset.search(self.text[max(self.start, s - 14) : s]):
            s = subset.search(self.text, max(self.start, s - 14), s).start()  # type: ignore[union-attr]
        self.taken.append((s, e))
        self.found.append(Quantity(count, unit, role, self.text[s:e], s, e))


def find_quantities(text: str, *, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Counts in ``text[start:end]`` with their unit and role; offsets are absolute.

    Stated totals and zeros first, then numbers with a unit, then single people ("a man",
    "the body", a titled commander, "he was killed"), then pronouns ("injuring him")."""
    if end is None:
        end = len(text)
    c = _Counts(text, start, end, [], [])
    for step in (_zeros_and_totals, _numbers, _single_people, _pronouns):
        step(c)
    c.found.sort(key=lambda q: q.start)
    return _coordinate(text, _another_after(text, end, c.found))


# Between two groups joined as one phrase: "and", "as well as", a list comma, and an aside
# in dashes, brackets or commas ("8 soldiers - including a colonel - and 14 fighters").
_ASIDE = r"(?:\s*[-–—(,]\s*(?:including|among\s+them|among\s+whom)?[^.;:()\-–—,]{0,50}[-–—),])"
_JOINED = re.compile(rf"^{_ASIDE}?\s*,?\s*(?:and|as\s+well\s+as)\s+$", re.IGNORECASE)
_LISTED = re.compile(r"^\s*,\s*$")


def _coordinate(text: str, found: list[Quantity]) -> list[Quantity]:
    """Groups joined by "and" share the verb that follows the last of them: "3 soldiers and
    2 civilians were killed" kills both, and so does a list ("3 soldiers, 2 policemen and 4
    civilians were killed"). Joined groups of one unit are one group of their sum ("8
    regime fighters and 14 Islamist fighters were killed": 22 fighters), so
    :func:`fatalities` does not read them as one group reported twice."""
    out = list(found)
    i = len(out) - 2
    while i >= 0:
        q1, q2 = out[i], out[i + 1]
        gap = text[q1.end : q2.start]
        joined = _JOINED.match(gap) or (_LISTED.match(gap) and q2.role != "mentioned"
                                         and i + 2 < len(out) and out[i + 2].role == q2.role
                                         and _JOINED.match(text[q2.end : out[i + 2].start]))
        if (q1.role == "mentioned" and q2.role in _VERB_ROLES and _is_person(q1.unit)
                and _is_person(q2.unit) and joined and not _acts(text, q2.end)
                and not re.match(_SUBSET, q2.text, re.IGNORECASE)):
            if q1.unit == q2.unit or q2.unit == "people":  # "4 policemen and two passers-by"
                out[i : i + 2] = [Quantity(q1.count + q2.count, q1.unit, q2.role,
                                           text[q1.start : q2.end], q1.start, q2.end)]
            else:
                out[i] = Quantity(q1.count, q1.unit, q2.role, q1.text, q1.start, q1.end)
        i -= 1
    return out


def _acts(text: str, pos: int) -> bool:
    """Whether the group ending at ``pos`` is the subject of an active verb with an object
    ("two gunmen abducted a child"): the verb is then theirs, not done to them."""
    for verb in re.finditer(r"\b\w+(?:ed|shot)\b", text[pos : pos + 40]):
        if re.fullmatch(r"\s+(?:[\w'’-]+\s+){0,2}", text[pos : pos + verb.start()]):
            return bool(_ACTIVE_OBJECT.match(text, pos + verb.end()))
    return False


_VERB_ROLES = frozenset({"killed", "injured", "arrested", "abducted", "captured", "executed",
                         "released"})
_AND_ANOTHER = re.compile(r"\s*,?\s*and\s+(another)(?=\s+(?:from|of)\b|\s*[,.;]|\s*$)",
                          re.IGNORECASE)


def _another_after(text: str, end: int, found: list[Quantity]) -> list[Quantity]:
    """ "killing 1 HTS fighter and another from the rebels": one more of the same unit and
    role (the count of "another" is the group's own, added by :func:`fatalities`)."""
    out = list(found)
    for q in found:
        m = _AND_ANOTHER.match(text, q.end, end)
        if m is None or q.role not in _VERB_ROLES or not _is_person(q.unit) or any(
                o.start <= m.start(1) < o.end for o in found):
            continue
        out.append(Quantity(1, q.unit, q.role, m[1], m.start(1), m.end(1)))
    out.sort(key=lambda q: q.start)
    return out


def _zeros_and_totals(c: _Counts) -> None:
    text, start, end, lex = c.text, c.start, c.end, _lex()
    for m in lex.zero.finditer(text, start, end):
        role = "killed" if m["k"] else "injured"
        c.add(m.start(), m.end(), 0, "people", role)
    for pat in lex.totals:
        for m in pat.finditer(text, start, end):
            n = parse_number(m["n"].rstrip(".,;"))
            if n is not None:
                c.add(m.start(), m.start("n") + len(m["n"].rstrip(".,;")), n, "people", "killed")
    for m in lex.coded.finditer(text, start, end):
        n = parse_number(m["n"].rstrip(".,;"))
        if n is not None:
            c.add(m.start(), m.start("n") + len(m["n"].rstrip(".,;")), n, "people", "killed")



def _numbers(c: _Counts) -> None:
    """A number with a unit noun after it, or a bare number a casualty verb governs."""
    text, start, end, lex = c.text, c.start, c.end, _lex()
    for m in lex.number.finditer(text, start, end):
        s, e = m.span()
        num = m["num"]
        if num.lower() == "no":
            continue
        value = _value(num)
        if value is None:
            continue
        before = text[max(start, s - 16) : s]
        if _LABEL_BEFORE.search(before):
            continue
        if re.match(r"\s*(?:-|\s)?(?:year|years)[\s-]old|\s*(?:%|percent|per\s+cent)"
                    r"|\s*(?:am|pm|a\.m\.|p\.m\.|o'clock)\b|(?:st|nd|rd|th)\b", text[e:end], re.I):
            continue
        if m["hi"] and m["between"] is None and _YEARISH.fullmatch(num):
            continue
        unit_hit = _unit_after(text, e, end)
        if unit_hit is None:
            if _YEARISH.fullmatch(num):
                continue
            shared = _shared_unit(text, e, end)
            if shared is not None:  # "2 Islamist and 3 regime fighters": the later noun
                c.add(s, shared[0], value, shared[1], "mentioned")
                continue
            # A bare count governed by a casualty verb: "killing 5", "5 were killed".
            bare_verb = lex.bare.search(text[max(start, s - 20) : s])
            toll = lex.toll.search(text[max(start, s - 60) : s])
            after = lex.bare_after.match(text[e:end])
            if not (bare_verb or toll or after):
                continue
            if re.match(r"\s+[A-Z][a-z]", text[e:end]) and not after:
                continue  # "killing 5 Hezbollah ..." an unknown noun follows: not sure
            role = _role(text, start, end, s, e, "", "people") if not toll else "killed"
            c.add(s, e, value, "people", role)
            continue
        mods_start, ue, mods = unit_hit
        unit_surface = text[mods_start:ue].strip()
        u = lex.unit.search(unit_surface)
        unit = _unit_name(u.group(0)) if u else "people"
        if _YEARISH.fullmatch(num) and mods.strip():
            continue
        role = _role(text, start, end, s, ue, mods, unit, u.group(0) if u else "")
        c.add(s, ue, value, unit, role)



def _shared_unit(text: str, e: int, hi: int) -> tuple[int, str] | None:
    """(end of the modifiers, unit) of a number whose noun comes only after a second number
    it is joined to: "2 Islamist faction and 3 regime fighters" (the unit of "fighters")."""
    m = re.match(r"((?:\s+[\w'’-]+){1,3}?)\s+and\s+", text[e:hi])
    if m is None or not all(_is_modifier(w, i == 0) and w.lower() != "and"
                            for i, w in enumerate(m[1].split())):
        return None
    second = _lex().number.match(text, e + m.end(), hi)
    later = _unit_after(text, second.end(), hi) if second else None
    if later is None:
        return None
    u = _lex().unit.search(text[later[0] : later[1]])
    unit = _unit_name(u.group(0)) if u else ""
    return (e + len(m[1]), unit) if _is_person(unit) else None


def _single_people(c: _Counts) -> None:
    text, start, end, lex = c.text, c.start, c.end, _lex()
    for m in lex.single.finditer(text, start, end):
        unit = _unit_name(m["u"])
        mods = text[m.start() : m.start("u")]
        role = _role(text, start, end, m.start(), m.end(), mods, unit, m["u"])
        if role == "mentioned" or role == "wanted":
            continue
        if m["det"].lower() == "the" and role not in ("killed", "injured", "arrested",
                                                      "abducted", "executed"):
            continue
        c.add(m.start(), m.end(), 1, unit, role)
    for m in lex.body.finditer(text, start, end):
        c.add(m.start(), m.end(), 1, "bodies", "killed")
    for m in lex.death_of.finditer(text, start, end):
        unit = _unit_name(m["u"])
        role = _role(text, start, end, m.start(), m.end(), "", unit, m["u"])
        if role in ("killed", "injured", "arrested", "abducted"):
            c.add(m.start("q"), m.end(), 1, unit, role)
    for m in _TITLED.finditer(text, start, end):
        if _PLACE_BEFORE.search(text[max(start, m.start() - 12): m.start()]) or \
                _PLACE_AFTER.match(text, m.end()):
            continue  # "on Shaykh Sulayman axis", "in Sheikh Maqsoud": a place, not a person
        role = _role(text, start, end, m.start(), m.end(), "", "commanders")
        if role in ("killed", "injured", "arrested", "abducted"):
            c.add(m.start(), m.end(), 1, "commanders", role)
    for m in lex.subject.finditer(text, start, end):
        c.add(m.start(), m.start() + 2 + (m.group(0)[:3] == "She"), 1, "people", "killed")


def _pronouns(c: _Counts) -> None:
    text, start, end, lex = c.text, c.start, c.end, _lex()
    for m in lex.pronoun.finditer(text, start, end):
        before = text[max(start, m.start() - 40) : m.start()]
        unit = _unit_name(m["u"]) if m["u"] else "people"
        if m["u"]:
            if not re.search(r"\band\s+$", before):
                continue  # "his escort" counts only when coordinated with a victim
            role = _role(text, start, end, m.start(), m.end(), "", unit)
        else:
            verb = re.search(r"\b(\w+)\s+$", before)
            if m.group(0).lower() == "another" and re.match(r"\s+(?:was|later|died)",
                                                            text[m.end():]):
                role = _role_after(text, m.end(), end, "people") or ""
            elif not verb:
                continue
            else:
                role = next((r for p, r in lex.roles if p.fullmatch(verb.group(1))), "")
            if role not in ("killed", "injured", "arrested", "abducted", "captured",
                            "released", "executed"):
                continue
            if (m.group(0).lower() == "another" and not re.search(r"\b\w+ing\s+$", before)
                    and not re.match(r"\s+(?:was|later|died)", text[m.end():])):
                continue  # "wounding another", "another was killed" count; "and another" not
        if role in ("mentioned", "wanted", ""):
            continue
        c.add(m.start(), m.end(), 1, unit, role)


# One named person by title: "killed Brig. General Mohamed al-Masri", "field commander Mahmud
# Ayub", "General Ali Yousef Sultan was killed". The name must be capitalised.
_TITLED = re.compile(
    r"\b(?i:(?:(?:field|military|senior|top|prominent|local)\s+)?(?:commander|leader|general"
    r"|brig(?:adier)?\.?(?:\s+general)?|colonel|col\.|lieutenant|lt\.|major|captain|emir"
    r"|sheikh|shaykh|advis[eo]r|officer))\s+(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]+"
)
_PLACE_BEFORE = re.compile(r"\b(?:in|on|at|near|of|from|to|towards?)\s+$", re.IGNORECASE)
_PLACE_AFTER = re.compile(
    r"\s+(?:axis|front(?:line)?s?|village|town|city|area|neighbo(?:u)?rhood|district|road|"
    r"countryside|hill|mountain|camp|plain|valley|outskirts|region)\b", re.IGNORECASE)
_SINGLE = re.compile(r"(?:a|an|one|the|he|she|him|her)\b", re.IGNORECASE)
_ADDITIONAL = re.compile(r"(?:another|an\s+additional|a\s+further|other|\w+\s+other)\b", re.I)


def fatalities(quantities: Sequence[Quantity]) -> int:
    """ACLED's conservative fatality count from the quantities of one incident.

    Groups of the killed with distinct units are added ("3 soldiers and 2 civilians" = 5);
    a unit reported several times counts at its lowest figure, unless a mention says it is
    an addition ("another officer"). A generic total ("5 people", "killing 5", "5
    fatalities") is compared with that sum and the larger is kept, so a total stated twice,
    or a total with its parts, is not double counted. Sub-groups ("including 2 children")
    are left out. Unknown is 0, and "no fatalities" is 0.
    """
    killed = [q for q in quantities if q.role == "killed" and q.count > 0]
    whole = [q for q in killed if not re.match(_SUBSET, q.text, re.IGNORECASE)]
    killed = whole or killed  # "including 6 fatalities" alone is still 6
    totals = [q.count for q in killed if re.search(r"\btotal\b", q.text, re.IGNORECASE)]
    if totals:
        return min(totals)
    generic: list[int] = []
    by_unit: dict[str, int] = {}
    for q in killed:
        if q.unit == "people" and not _SINGLE.match(q.text):
            generic.append(q.count)
        elif q.unit in by_unit and _ADDITIONAL.match(q.text):
            by_unit[q.unit] += q.count
        else:
            by_unit[q.unit] = min(by_unit.get(q.unit, q.count), q.count)
    parts = sum(by_unit.values())
    total = min(generic) if generic else 0
    return max(parts, total)


_SPLIT_WORD = re.compile(
    r"\b(?:split|distributed|allocated|divided|spread)\b(?P<rest>[^.]*)", re.IGNORECASE)
_EACH = vocab.Pattern(
    lambda: r"(?:\bwith\s+)?(?P<n>\d+|" + "|".join(_vocab().number_words)
    + r")\s+(?:fatalit(?:y|ies)\s+)?"
    r"(?:coded\s+(?:to|at)\s+)?(?:fighting\s+(?:at|in)\s+)?(?:each|this)\b"
    r"|\beach\s+(?:event|location)\s+(?:coded\s+)?"
    r"(?:with|gets?|receiv\w*)\s+(?P<m>\d+)",
    re.IGNORECASE,
)
_EVENLY = re.compile(
    r"\bevenly\s+(?:across|between|among)\s+(?:the\s+)?(?P<k>\d+|two|three|four|five|six)\b",
    re.IGNORECASE,
)
_OWN_CODED = re.compile(
    r"\b(?i:(?:total\s+)?(?:fatalities|deaths)\s+(?:at|in|for)\s+(?:the\s+)?)[A-Z][\w'’ -]{1,40}?"
    r"\s+(?i:(?:were\s+|was\s+|are\s+|is\s+)?(?:coded|allocated)\s+(?:as|to|at)\s+)(?P<n>\d+)"
)
_ALLOCATED = re.compile(
    r"(?P<n1>\d+)\s+(?:fatalit(?:y|ies)\s+)?each\s+allocated\s+to\s+(?P<names1>[^,;.\d]+?)"
    r"(?=\s*(?:[,;.]|$|and\s+\d))"
    r"|(?P<names2>[A-Z][^,;.\d]*?)\s+each\s+allocated\s+(?P<n2>\d+)"
    r"|(?:with\s+)(?P<names3>[A-Z][^,;.\d]*?)\s+allocated\s+(?P<n3>\d+)",
    re.IGNORECASE,
)
_SHARE_ITEM = re.compile(
    r"^\s*(?:and\s+)?(?:(?P<n1>\d+)\s+(?:fatalit(?:y|ies)\s+)?(?:(?:coded|allocated)\s+)?"
    r"(?:to|at|in|for)?\s*(?:fighting\s+)?(?:near\s+|in\s+|at\s+)?(?:the\s+)?(?P<p1>[^\d,;]+?)"
    r"|(?P<p2>[^\d,;]+?)\s+(?P<n2>\d+))\s*$",
    re.IGNORECASE,
)


def _name_key(name: str) -> str:
    return re.sub(r"[^a-z]", "", re.sub(r"^(?:the|al|el|ar|as|ad|ash|at)\b", "",
                                        name.lower().strip()))


def _sentence_before(text: str, pos: int) -> str:
    """The sentence that ends right before ``pos`` (with its full stop)."""
    dot = text.rfind(".", 0, pos)
    return text[text.rfind(".", 0, max(dot, 0)) + 1 : pos] if dot >= 0 else text[:pos]


def _places_listed(rest: str) -> int | None:
    """How many places a split lists: "between Hajin and Hawama" (2), "over the activities
    in A, B, C and D" (4), "in Tiba and the third station" (2: an item may be lower case
    when a named one is beside it). None below two."""
    parts = re.split(r"\b(?:between|among|across|over|in|on|at)\b|:", rest)
    for tail in parts[1:]:
        items = [x for x in re.split(r",|\band\b", tail) if x.strip()]
        if len(items) >= 2 and any(re.search(r"[A-Z]", x) for x in items) and all(
                len(x.split()) <= 5 for x in items):
            return len(items)
    return None


def split_share(text: str, places: Sequence[str] = (), total: int | None = None) -> int | None:
    """The share of a total that a report says was split between several events or
    places ("Total fatalities coded to 37 and split between the four events with 10 coded
    to Kafr Noran, 9 coded to Kafr Aleppo ..."; "48 are split, 2 each, among the 24
    locations"; "6 fatalities coded to fighting in A and 5 to fighting in B"): the share of
    the first of ``places`` (names as written or in the gazetteer) found in the list, else
    an even share (of the figure the text gives, else of ``total``), else the first listed
    share. None when the text splits nothing."""
    own = list(_OWN_CODED.finditer(text))
    if len(own) == 1:  # "Total fatalities at Sosa coded as 5": the report's own figure
        return int(own[0]["n"])
    clause = _split_clause(text)
    if clause is None:
        coded = _THIS_EVENT.search(text)
        if coded:
            return int(coded["n"])
        listed = _CODED_LIST.search(text)
        if listed is None:
            return None
        clause = listed.start(), text[listed.start() : _sentence_end(text, listed.start())]
    start, rest = clause
    shares = _allocations(rest)
    each = _EACH.search(rest) if not shares else None
    if each:
        return parse_number(each["n"] or each["m"])
    shares = shares or _share_items(rest)
    if shares:
        return _share_of(shares, places)
    return _even_share(text, start, rest, total)


# "4 were noted in this location", "2 fatalities coded to each event"
_THIS_EVENT = re.compile(
    r"(?P<n>\d+)\s+(?:fatalit(?:y|ies)\s+)?(?:(?:were|was)\s+)?"
    r"(?:coded|noted|recorded|allocated)\s+(?:to|at|in|for)\s+"
    r"(?:fighting\s+(?:at|in)\s+)?(?:each|this)\s+(?:event|location)", re.IGNORECASE)
# "6 fatalities coded to fighting in A and 5 to fighting in B": shares with no split word
_CODED_LIST = re.compile(
    r"(?<![\w.])\d+\s+(?:fatalit(?:y|ies)\s+)?(?:coded|allocated)\s+(?:to|at)\b[^.;]*?"
    r"(?:,|\band\b)\s*\d+\s+(?:fatalit(?:y|ies)\s+)?(?:(?:coded|allocated)\s+)?(?:to|at)\b",
    re.IGNORECASE)


def _sentence_end(text: str, pos: int) -> int:
    dot = re.compile(r"\.(?:\s|$)").search(text, pos)
    return dot.start() if dot else len(text)


def _split_clause(text: str) -> tuple[int, str] | None:
    """(start, the words after it) of the first split word of a sentence about fatalities
    ("split between", "distributed over"); a sentence that opens with the split word takes
    its fatalities from the sentence before ("Unknown fatalities coded as 10. Divided on A,
    B and C.")."""
    for cand in _SPLIT_WORD.finditer(text):
        head = text[text.rfind(".", 0, cand.start()) + 1 : cand.start()]
        if not head.strip():
            head = _sentence_before(text, cand.start())
        if re.search(r"fatalit|fatuit|deaths|killed|casualt", head + cand["rest"], re.I):
            return cand.start(), cand["rest"]
    return None


def _allocations(rest: str) -> list[tuple[str, int]]:
    """ "with 3 fatalities each allocated to A and B, and 2 each allocated to C and D",
    "with A and B each allocated 3", "with Hussainiyah allocated 4"."""
    shares: list[tuple[str, int]] = []
    for a in _ALLOCATED.finditer(rest):
        n = int(a["n1"] or a["n2"] or a["n3"])
        for name in re.split(r"\s*(?:,|\band\b)\s*", a["names1"] or a["names2"] or a["names3"]):
            if name.strip():
                shares.append((name.strip(), n))
    return shares


def _share_items(rest: str) -> list[tuple[str, int]]:
    """ "with 10 coded to A, 9 coded to B", ": 4 A, 3 B": (place, share) items."""
    shares: list[tuple[str, int]] = []
    body = rest.split(":", 1)[1] if ":" in rest else re.split(r"\bwith\b", rest, maxsplit=1)[-1]
    for item in re.split(r"[,;]|\band\b", body):
        im = _SHARE_ITEM.match(item)
        if im is None:
            continue
        n = int(im["n1"] or im["n2"])
        name = (im["p1"] or im["p2"] or "").strip()
        name = re.sub(r"^(?:coded\s+to|to|near|in|at|the)\s+", "", name, flags=re.I)
        if name and not re.fullmatch(r"(?:each|events?|locations?|areas?)", name, re.I):
            shares.append((name, n))
    return shares


def _share_of(shares: list[tuple[str, int]], places: Sequence[str]) -> int:
    """The share of the first of ``places`` named in ``shares``, else the first share."""
    for place in places:
        key = _name_key(place)
        if len(key) < 3:
            continue
        for name, n in shares:
            other = _name_key(name)
            if other and (key in other or other in key):
                return n
    return shares[0][1]


def _even_share(text: str, start: int, rest: str, total: int | None) -> int | None:
    """The figure the text gives (else ``total``) over the number of places split."""
    dot = text.rfind(".", 0, start)
    head = text[text.rfind(".", 0, max(dot, 0)) + 1 : start]  # this and the last sentence
    found = (re.search(r"\btotal\s+of\s+(\d+)", head + rest, re.I)
             or re.search(r"\bcoded\s+(?:as|to)\s+(\d+|ten)\b", head, re.I)
             or re.search(r"(\d+)\s+(?:fatalities|deaths)", head + rest, re.I))
    if found is None and not total:
        return None
    evenly = _EVENLY.search(rest) or re.search(
        r"\b(?P<k>\d+|two|three|four|five|six|seven|eight|nine|ten)\s+(?:locations|events"
        r"|areas|places|towns|villages|fronts)\b", rest, re.I)
    k = parse_number(evenly["k"]) if evenly else None
    if not k:
        k = _places_listed(rest)
    if not k:
        return None
    whole = parse_number(found.group(1)) if found is not None else total
    return whole // k if whole else None
