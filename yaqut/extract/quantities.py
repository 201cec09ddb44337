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

from yaqut.records import Quantity

__all__ = ["fatalities", "find_quantities", "parse_number"]

_UNITS_WORDS = {
    "zero": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
# Vague amounts with ACLED's conservative figures: "dozens" counts as 12, "hundreds" as 100.
_VAGUE = {
    "a dozen": 12, "dozen": 12, "dozens": 12, "dozens of": 12, "several dozen": 12,
    "a few dozen": 12, "tens": 10, "tens of": 10, "scores": 20, "scores of": 20,
    "a score": 20, "hundreds": 100, "hundreds of": 100, "several hundred": 100,
    "a few hundred": 100, "thousands": 1000, "thousands of": 1000, "several thousand": 1000,
    "a couple of": 2, "a couple": 2, "a pair of": 2, "a hundred": 100, "a thousand": 1000,
}  # fmt: skip

# People: surface form -> unit recorded. Generic words map to "people".
_PEOPLE = {
    "people": "people", "persons": "people", "person": "people", "individuals": "people",
    "individual": "people", "fatalities": "people", "fatality": "people", "deaths": "people",
    "dead": "people", "casualties": "people", "victims": "people", "victim": "people",
    "civilians": "civilians", "civilian": "civilians", "fighters": "fighters",
    "fighter": "fighters", "members": "members", "member": "members", "soldiers": "soldiers",
    "soldier": "soldiers", "men": "men", "man": "men", "women": "women", "woman": "women",
    "children": "children", "child": "children", "kids": "children", "girls": "girls",
    "girl": "girls", "boys": "boys", "boy": "boys", "infants": "children", "babies": "children",
    "militants": "militants", "militant": "militants", "gunmen": "gunmen", "gunman": "gunmen",
    "militiamen": "militiamen", "militiaman": "militiamen", "militia members": "members",
    "rebels": "rebels", "rebel": "rebels", "troops": "troops", "officers": "officers",
    "officer": "officers", "personnel": "personnel", "elements": "members",
    "element": "members", "jihadists": "militants", "jihadist": "militants",
    "insurgents": "militants", "insurgent": "militants", "policemen": "policemen",
    "policeman": "policemen", "guards": "guards", "guard": "guards", "recruits": "recruits",
    "conscripts": "conscripts", "conscript": "conscripts", "defectors": "defectors",
    "youths": "youths", "youth": "youths", "young men": "men", "residents": "residents",
    "resident": "residents", "villagers": "villagers", "workers": "workers",
    "worker": "workers", "shepherds": "shepherds", "shepherd": "shepherds",
    "farmers": "farmers", "farmer": "farmers", "students": "students", "journalists":
    "journalists", "journalist": "journalists", "doctors": "doctors", "prisoners": "prisoners",
    "prisoner": "prisoners", "detainees": "detainees", "detainee": "detainees",
    "hostages": "hostages", "hostage": "hostages", "bodies": "bodies", "body": "bodies",
    "corpses": "bodies", "others": "others", "commanders": "commanders",
    "commander": "commanders", "leaders": "leaders", "leader": "leaders",
    "smugglers": "smugglers", "smuggler": "smugglers", "traders": "traders",
    "trader": "traders", "refugees": "refugees", "displaced": "people", "wounded": "people",
    "injured": "people", "mercenaries": "mercenaries", "mercenary": "mercenaries",
    "relatives": "relatives", "brothers": "brothers", "brother": "brothers", "sons": "sons",
    "son": "sons", "escort": "escorts", "escorts": "escorts", "bodyguards": "guards",
    "bodyguard": "guards", "nationals": "people", "citizens": "civilians",
    "citizen": "civilians", "passengers": "passengers", "passenger": "passengers",
    "family members": "family members", "pilots": "pilots", "pilot": "pilots",
    "staff": "staff", "wanted individuals": "people", "wanted persons": "people",
    "wanted men": "men", "brigadier": "officers",
    "brigadiers": "officers", "general": "officers", "generals": "officers",
    "colonel": "officers", "colonels": "officers", "lieutenant": "officers",
    "lieutenants": "officers", "captain": "officers", "captains": "officers",
    "sergeant": "soldiers", "sergeants": "soldiers", "emir": "commanders",
    "emirs": "commanders", "mukhtar": "civilians", "sheikh": "civilians",
    "teacher": "civilians", "teachers": "civilians", "driver": "civilians",
    "drivers": "civilians", "engineer": "civilians", "doctor": "doctors", "nurse": "nurses",
    "nurses": "nurses", "elder": "civilians", "elders": "civilians", "sniper": "fighters",
    "snipers": "fighters", "companions": "others", "companion": "others",
    "cadres": "members", "cadre": "members", "agents": "members", "agent": "members",
    "informant": "civilians", "informants": "civilians", "dignitaries": "civilians",
    "guardsmen": "guards", "servicemen": "soldiers", "serviceman": "soldiers",
    "attackers": "attackers", "attacker": "attackers", "assailants": "attackers",
    "assailant": "attackers", "perpetrators": "attackers", "bombers": "attackers",
    "bomber": "attackers", "suicide bomber": "attackers", "suicide bombers": "attackers",
    "militia": "militiamen", "militias": "militiamen", "forces": "soldiers",
    # nationalities and communities named as people ("killed two Palestinians")
    **{w: w for w in (
        "syrians iraqis iranians afghans palestinians lebanese russians turks kurds pakistanis"
        " americans arabs bedouins druze alawites yazidis jordanians saudis egyptians tunisians"
        " chechens uyghurs turkmen foreigners").split()},
}  # fmt: skip
# Words that count people after a number but are not one person after "a": "a militia" is a
# group; "a body" is the body of someone counted beside it; "dead" and "wounded" are
# adjectives there.
_NOT_SINGLE = frozenset(
    "militia militias forces body bodies corpses dead wounded injured displaced others"
    " casualties fatalities deaths victims elements personnel staff troops".split()
)
_WEAPONS = (
    "automatic rifles", "assault rifles", "hunting rifles", "sniper rifles", "rifles", "rifle",
    "kalashnikovs", "pistols", "pistol", "handguns", "machine guns", "machine-guns",
    "heavy machine guns", "rpgs", "rpg launchers", "rpg", "launchers", "mortar shells",
    "mortar rounds", "mortars", "artillery shells", "shells", "rockets", "rocket",
    "missiles", "missile", "ieds", "ied", "explosive devices", "landmines", "mines",
    "grenades", "hand grenades", "tanks", "tank", "armoured vehicles", "armored vehicles",
    "military vehicles", "vehicles", "vehicle", "cars", "car", "motorbikes", "motorcycles",
    "drones", "drone", "bombs", "barrel bombs", "rounds of ammunition", "rounds", "bullets",
    "weapons", "pieces of weapons", "pieces of ammunition", "boxes of ammunition",
    "projectiles", "airstrikes", "air strikes", "air raids", "raids", "strikes", "guns",
)
_OTHER = (
    "families", "family", "houses", "house", "homes", "home", "villages", "towns",
    "buildings", "checkpoints", "positions", "points", "tents", "shops", "factions",
    "groups", "headquarters", "bases", "sites", "camps", "fighting positions",
)
_PERSON_ROLES = {
    "killed", "injured", "arrested", "abducted", "displaced", "released", "wanted",
    "agreed to comply", "to undergo reconciliation", "captured", "surrendered", "executed",
    "deployed", "demanded", "handed over", "casualties", "recruited", "defected",
}
_THING_ROLES = {
    "demanded", "handed over", "seized", "fired", "deployed", "destroyed", "captured",
    "used", "dropped",
}
# Role words (regex, role). Checked around the count; the first that fits the unit wins.
_ROLE_WORDS = (
    (r"kill(?:ed|ing|s)?|shot\s+dead|dead|died|dies|death(?:s)?|slain|killings?|executed"
     r"|executing|lost\s+their\s+lives|bod(?:y|ies)|corpses?|fatalit(?:y|ies)|massacred"
     r"|assassinat(?:ed|ing|es|ion)|succumbed|liquidat(?:ed|ing)", "killed"),
    (r"injur(?:ed|ing|ies|y|es|e)|wound(?:ed|ing|s)?|hurt", "injured"),
    (r"casualt(?:y|ies)", "casualties"),
    (r"arrest(?:ed|ing|s)?|detain(?:ed|ing|s)?|detention|apprehend(?:ed|ing)?"
     r"|rounded\s+up|round\s+up", "arrested"),
    (r"abduct(?:ed|ing|s|ion)?|kidnap(?:ped|ping|s)?|took\s+hostage|taken\s+hostage",
     "abducted"),
    (r"displac(?:ed|ing|ement)|forced\s+to\s+flee|expell(?:ed|ing)|deport(?:ed|ing)",
     "displaced"),
    (r"demand(?:ed|ing|s)?|request(?:ed|ing|s)?|asked\s+for|call(?:ed|ing)\s+for|required",
     "demanded"),
    (r"hand(?:ed|ing|s)?\s+over|handover|turn(?:ed|ing)?\s+(?:over|in)|deliver(?:ed|ing|y)?"
     r"|give\s+up|gave\s+up|surrender(?:ed|ing|s)?", "handed over"),
    (r"reconcil(?:iation|ed|e)|settle(?:d)?\s+their\s+status|settlement",
     "to undergo reconciliation"),
    (r"agreed\s+to\s+comply|agreed|compl(?:ied|y)", "agreed to comply"),
    (r"seiz(?:ed|ing|ure)|confiscat(?:ed|ing|ion)", "seized"),
    (r"captur(?:ed|ing|e)", "captured"),
    (r"releas(?:ed|ing|e)|freed|free", "released"),
    (r"deploy(?:ed|ing|ment)?|dispatch(?:ed|ing)?|reinforce(?:d|ments)?|sent", "deployed"),
    (r"fir(?:ed|ing)|launch(?:ed|ing)|shell(?:ed|ing)|dropp(?:ed|ing)|target(?:ed|ing)\s+with",
     "fired"),
    (r"destroy(?:ed|ing)|destruction", "destroyed"),
    (r"recruit(?:ed|ing)", "recruited"),
    (r"defect(?:ed|ing)", "defected"),
    (r"wanted", "wanted"),
)
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


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    word_num = _alt([*_UNITS_WORDS, *_TENS])
    tens = "|".join(_TENS)
    ones = "|".join(w for w in _UNITS_WORDS if w not in ("zero", "no"))
    digits = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+(?![\d.,:/]\d)"
    core = (
        rf"(?:{digits}|(?:{tens})[\s-](?:{ones})|(?:{ones}|{tens})\s+hundred(?:\s+and\s+"
        rf"(?:{word_num}))?|{_alt(list(_VAGUE))}|{word_num})"
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
    units = _alt([*_PEOPLE, *_WEAPONS, *_OTHER])
    role_pats = tuple((re.compile(rf"\b(?:{p})\b", re.IGNORECASE), r) for p, r in _ROLE_WORDS)
    role_any = re.compile(r"\b(?:" + "|".join(p for p, _ in _ROLE_WORDS) + r")\b", re.I)
    singular = [w for w in _PEOPLE if not w.endswith("s") and w not in _NOT_SINGLE]
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
        totals=(
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
        ),
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
    if t in _VAGUE:
        return _VAGUE[t]
    if re.fullmatch(r"[\d,]+", t):
        return int(t.replace(",", ""))
    if t in _UNITS_WORDS:
        return _UNITS_WORDS[t]
    if t in _TENS:
        return _TENS[t]
    parts = re.split(r"[\s-]+", t)
    total, current = 0, 0
    for p in parts:
        if p == "and":
            continue
        if p in _UNITS_WORDS:
            current += _UNITS_WORDS[p]
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
    if s in _PEOPLE:
        return _PEOPLE[s]
    s = s.replace("machine-guns", "machine guns").replace("armored", "armoured")
    if s in ("rpg", "rpgs", "rpg launchers"):
        return "RPGs"
    if s in ("ied", "ieds"):
        return "IEDs"
    singular_to_plural = {"rifle": "rifles", "pistol": "pistols", "rocket": "rockets",
                          "missile": "missiles", "tank": "tanks", "vehicle": "vehicles",
                          "car": "cars", "drone": "drones", "family": "families",
                          "house": "houses", "home": "homes"}
    return singular_to_plural.get(s, s)


def _is_person(unit: str) -> bool:
    return unit in set(_PEOPLE.values())


def _fits(role: str, unit: str) -> bool:
    return role in (_PERSON_ROLES if _is_person(unit) else _THING_ROLES)


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


# Words that may stand between an acting group and its active verb: "shot and killed a man".
_ACTIVE_CHAIN = frozenset({"shot", "and", "then", "reportedly", "later", "also", "opened",
                           "fire", "on", "at", "attacked", "ambushed", "targeted", "stabbed"})


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
        if re.fullmatch(r"\d[\d,]*", token) or token in _UNITS_WORDS:
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
                if i == 1 and words[0].group(0).lower() in ("and", "or"):
                    return None  # "killed 2 soldiers and injured ...": the subject's verb
                if (token.endswith(("ed", "shot"))
                        and _ACTIVE_OBJECT.match(tail, m.end() + w.start())
                        and all(x.group(0).lower() in _ACTIVE_CHAIN or x.group(0).lower()
                                in _PEOPLE for x in words[:i])):
                    return None  # "3 gunmen (shot and) abducted a child": the group acted
                prev = tail[: w.start()].lower().split()
                # "killing" after a group is a new action by the group, not done to it
                if token.endswith("ing") and role in ("killed", "injured", "arrested"):
                    return None
                if prev and prev[-1] in ("by", "of", "for", "to"):
                    continue
                return role
    return None


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


# Unit words that say the role themselves: "5 fatalities", "3 dead", "hundreds displaced".
_IMPLIED = {
    "fatalities": "killed", "fatality": "killed", "deaths": "killed", "dead": "killed",
    "bodies": "killed", "body": "killed", "corpses": "killed", "wounded": "injured",
    "injured": "injured", "displaced": "displaced", "casualties": "casualties",
    "hostages": "abducted", "hostage": "abducted",
}  # fmt: skip


def _role(
    text: str, lo: int, hi: int, s: int, e: int, mods: str, unit: str, surface: str = ""
) -> str:
    implied = _IMPLIED.get(surface.lower())
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

    "of the/them/their" may come first ("one of the gunmen"). Returns (start of the words
    after the number, end of the noun, the modifiers' text).
    """
    lex = _lex()
    pos = e
    of = re.match(r"\s+of\s+(?:the|their|its|his|her|these|those)\b", text[e:hi], re.I)
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
            if word in _PEOPLE and not word.endswith("s") and word not in ("personnel", "staff"):
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


def find_quantities(text: str, *, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Counts in ``text[start:end]`` with their unit and role; offsets are absolute."""
    if end is None:
        end = len(text)
    lex = _lex()
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []

    def add(s: int, e: int, count: int, unit: str, role: str) -> None:
        if any(s < te and ts < e for ts, te in taken):
            return
        if lex.subset_before.search(text[max(start, s - 14) : s]):
            s = lex.subset_before.search(text, max(start, s - 14), s).start()  # type: ignore[union-attr]
        taken.append((s, e))
        found.append(Quantity(count, unit, role, text[s:e], s, e))

    for m in lex.zero.finditer(text, start, end):
        role = "killed" if m["k"] else "injured"
        add(m.start(), m.end(), 0, "people", role)
    for pat in lex.totals:
        for m in pat.finditer(text, start, end):
            n = parse_number(m["n"].rstrip(".,;"))
            if n is not None:
                add(m.start(), m.start("n") + len(m["n"].rstrip(".,;")), n, "people", "killed")
    for m in lex.coded.finditer(text, start, end):
        n = parse_number(m["n"].rstrip(".,;"))
        if n is not None:
            add(m.start(), m.start("n") + len(m["n"].rstrip(".,;")), n, "people", "killed")

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
            # A bare count governed by a casualty verb: "killing 5", "5 were killed".
            bare_verb = lex.bare.search(text[max(start, s - 20) : s])
            toll = lex.toll.search(text[max(start, s - 60) : s])
            after = lex.bare_after.match(text[e:end])
            if not (bare_verb or toll or after):
                continue
            if re.match(r"\s+[A-Z][a-z]", text[e:end]) and not after:
                continue  # "killing 5 Hezbollah ..." an unknown noun follows: not sure
            role = _role(text, start, end, s, e, "", "people") if not toll else "killed"
            add(s, e, value, "people", role)
            continue
        mods_start, ue, mods = unit_hit
        unit_surface = text[mods_start:ue].strip()
        u = lex.unit.search(unit_surface)
        unit = _unit_name(u.group(0)) if u else "people"
        if _YEARISH.fullmatch(num) and mods.strip():
            continue
        role = _role(text, start, end, s, ue, mods, unit, u.group(0) if u else "")
        add(s, ue, value, unit, role)

    for m in lex.single.finditer(text, start, end):
        unit = _unit_name(m["u"])
        mods = text[m.start() : m.start("u")]
        role = _role(text, start, end, m.start(), m.end(), mods, unit, m["u"])
        if role == "mentioned" or role == "wanted":
            continue
        if m["det"].lower() == "the" and role not in ("killed", "injured", "arrested",
                                                      "abducted", "executed"):
            continue
        add(m.start(), m.end(), 1, unit, role)
    for m in lex.body.finditer(text, start, end):
        add(m.start(), m.end(), 1, "bodies", "killed")
    for m in lex.death_of.finditer(text, start, end):
        unit = _unit_name(m["u"])
        role = _role(text, start, end, m.start(), m.end(), "", unit, m["u"])
        if role in ("killed", "injured", "arrested", "abducted"):
            add(m.start("q"), m.end(), 1, unit, role)
    for m in _TITLED.finditer(text, start, end):
        if _PLACE_BEFORE.search(text[max(start, m.start() - 12): m.start()]) or \
                _PLACE_AFTER.match(text, m.end()):
            continue  # "on Shaykh Sulayman axis", "in Sheikh Maqsoud": a place, not a person
        role = _role(text, start, end, m.start(), m.end(), "", "commanders")
        if role in ("killed", "injured", "arrested", "abducted"):
            add(m.start(), m.end(), 1, "commanders", role)
    for m in lex.subject.finditer(text, start, end):
        add(m.start(), m.start() + 2 + (m.group(0)[:3] == "She"), 1, "people", "killed")
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
        add(m.start(), m.end(), 1, unit, role)
    found.sort(key=lambda q: q.start)
    return found


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
_EACH = re.compile(
    r"(?:\bwith\s+)?(?P<n>\d+|" + "|".join(_UNITS_WORDS) + r")\s+(?:fatalit(?:y|ies)\s+)?"
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


def split_share(text: str, places: Sequence[str] = (), total: int | None = None) -> int | None:
    """The share of a total that a report says was split between several events or
    places ("Total fatalities coded to 37 and split between the four events with 10 coded
    to Kafr Noran, 9 coded to Kafr Aleppo ..."; "48 are split, 2 each, among the 24
    locations"): the share of the first of ``places`` (names as written or in the
    gazetteer) found in the list, else an even share (of the figure the text gives, else of
    ``total``), else the first listed share. None when the text splits nothing."""
    own = list(_OWN_CODED.finditer(text))
    if len(own) == 1:  # "Total fatalities at Sosa coded as 5": the report's own figure
        return int(own[0]["n"])
    m = None
    for cand in _SPLIT_WORD.finditer(text):
        head = text[text.rfind(".", 0, cand.start()) + 1 : cand.start()]
        if re.search(r"fatalit|fatuit|deaths|killed|casualt", head + cand["rest"], re.I):
            m = cand
            break
    if m is None:
        coded = re.search(r"(?P<n>\d+)\s+(?:fatalit(?:y|ies)\s+)?coded\s+to\s+"
                          r"(?:fighting\s+(?:at|in)\s+)?(?:each|this)\s+(?:event|location)",
                          text, re.I)
        return int(coded["n"]) if coded else None
    rest = m["rest"]
    shares: list[tuple[str, int]] = []
    # "with 3 fatalities each allocated to A and B, and 2 each allocated to C and D",
    # "with A and B each allocated 3", "with Hussainiyah allocated 4"
    for a in _ALLOCATED.finditer(rest):
        n = int(a["n1"] or a["n2"] or a["n3"])
        for name in re.split(r"\s*(?:,|\band\b)\s*", a["names1"] or a["names2"] or a["names3"]):
            if name.strip():
                shares.append((name.strip(), n))
    each = _EACH.search(rest) if not shares else None
    if each:
        return parse_number(each["n"] or each["m"])
    body = rest.split(":", 1)[1] if ":" in rest else re.split(r"\bwith\b", rest, maxsplit=1)[-1]
    for item in [] if shares else re.split(r"[,;]|\band\b", body):
        im = _SHARE_ITEM.match(item)
        if im is None:
            continue
        n = int(im["n1"] or im["n2"])
        name = (im["p1"] or im["p2"] or "").strip()
        name = re.sub(r"^(?:coded\s+to|to|near|in|at|the)\s+", "", name, flags=re.I)
        if name and not re.fullmatch(r"(?:each|events?|locations?|areas?)", name, re.I):
            shares.append((name, n))
    if shares:
        for place in places:
            key = _name_key(place)
            if len(key) < 3:
                continue
            for name, n in shares:
                other = _name_key(name)
                if other and (key in other or other in key):
                    return n
        if len({n for _, n in shares}) == 1:
            return shares[0][1]
        return shares[0][1]
    dot = text.rfind(".", 0, m.start())
    head = text[text.rfind(".", 0, max(dot, 0)) + 1 : m.start()]  # this and the last sentence
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
        # "split between Hajin and Hawama", "over the activities in A, B, C and D"
        tail = re.split(r"\b(?:between|among|across|over|in|on)\b|:", rest, maxsplit=1)[-1]
        names = [x for x in re.split(r",|\band\b", tail) if re.search(r"[A-Z]", x)]
        k = len(names) if len(names) >= 2 else None
    if not k:
        return None
    whole = parse_number(found.group(1)) if found is not None else total
    return whole // k if whole else None
