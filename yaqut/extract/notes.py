"""ACLED-style note prose for a coded event: "On 20 May 2023, in Neimeh (Dar'a), ...".

:func:`notes` writes the note of one :class:`~yaqut.records.Event` from its actions (in the
report's own words, each with its mode said), its place, date, counts and fatalities;
:func:`short_name` names an actor as a note does. The verb forms it needs (irregular pasts,
-ing stems, catch-all actor names in plain words) are data files under
``yaqut/data/lexicon/news_*``.
"""

from __future__ import annotations

import datetime as dt
import re

from yaqut import lexicon
from yaqut.records import Action, Event

__all__ = ["notes", "short_name"]


def _date_phrase(day: dt.date | None, precision: int | None) -> str:
    if day is None:
        return "On an unknown date"
    if precision == 1:
        return f"On {day.day} {day:%B %Y}"
    if precision == 2:
        return f"In the week of {day.day} {day:%B %Y}"
    return f"In {day:%B %Y}"


_STATE_BRANCH = re.compile(r"^(?P<state>.*?)\s*\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)\s*(?P<branch>.*)$")
_COUNTRY_QUALIFIER = re.compile(r"\s*\((?:[A-Z][\w'’ -]*|Pro-Government)\)\s*$")


def short_name(name: str | None) -> str:
    """An actor as an ACLED note writes it: a state force's branch alone ("Military
    Intelligence"), a state without its dates ("Military Forces of Syria"), a group by its
    abbreviation ("QSD", "HTS"), catch-all names in plain words ("an unidentified armed
    group", "civilians")."""
    if not name:
        return "an unidentified actor"
    name = " ".join(name.split())
    m = _STATE_BRANCH.match(name)
    if m:
        branch = m["branch"]
        if branch:
            return f"the {branch}" if branch[0].isdigit() else branch
        return m["state"]
    if ":" in name:
        abbr = name.split(":", 1)[0].strip()
        if 1 < len(abbr) <= 6 and " " not in abbr:
            return abbr
    bare = _COUNTRY_QUALIFIER.sub("", name)
    return lexicon.mapping("news_plain_actor_names").get(bare, bare)


# a verb for an action told by a noun ("shelling", "negotiations in Homs"), by its type
_NOUN_VERB = {
    "ASSAULT": "carried out", "CONSULT": "held", "AGREE": "reached", "PROTEST": "staged",
    "COERCE": "carried out", "MOBILIZE": "carried out", "RETREAT": "carried out",
}
_MODE_WORDS = {
    "planned": "planned", "hypothetical": "possible, not reported as done",
    "denied": "denied", "historical": "earlier",
}
_THREAT_NOUN = re.compile(r"^(?:(?:under|with|amid)\s+)?(?:the\s+|a\s+)?threats?\s+(?:of|to)\s+",
                          re.IGNORECASE)
_DEMAND_NOUN = re.compile(r"^(?:these|the|their|its|his|her)\s+(?:conditions|demands)\s+"
                          r"(?:included|include|were|are)\s+", re.IGNORECASE)
_TAIL_PLACE = re.compile(r"\s+(?:in|at|near|on)\s+(?:the\s+)?(?:(?:outskirts|vicinity|countryside|"
                         r"frontlines?|area|village|town|city)\s+of\s+)?[A-Z].*$")
_TAIL_DATE = re.compile(r"\s+on\s+(?:\d{1,2}\s+[A-Z][a-z]+|[A-Z][a-z]+day)\b.*$")






def _ing_past(word: str) -> str | None:
    """The past tense of an -ing form opening a phrase ("killing 2" -> "killed")."""
    if not re.fullmatch(r"[a-z]{2,}ing", word) or word in lexicon.words("news_ing_not_verbs"):
        return None
    base = word[:-3]
    if base in lexicon.mapping("news_ing_past"):
        return lexicon.mapping("news_ing_past")[base]
    return base + "ed"




def _base_past(word: str) -> str | None:
    """The past tense of a trigger verb in its base form ("to fight IS" -> "fought IS")."""
    from yaqut.extract.triggers import lexicon as trigger_lexicon

    low = word.lower()
    verbs = {e.lemmas[0] for e in trigger_lexicon() if e.pos in ("VERB", "ANY")}
    if low != word or low not in verbs:
        return None
    if low in lexicon.mapping("news_base_past"):
        return lexicon.mapping("news_base_past")[low]
    if low.endswith("e"):
        return low + "d"
    if re.fullmatch(r"\w+[^aeiou]y", low):
        return low[:-1] + "ied"
    return low + "ed"


def _unit(count: int, unit: str) -> str:
    """'1 commander', '1 person', '3 fighters'."""
    if count != 1:
        return unit
    return {"people": "person", "men": "man", "women": "woman", "children": "child"}.get(
        unit, unit[:-1] if unit.endswith("s") and not unit.endswith("ss") else unit)


def _past(word: str) -> bool:
    return (word.lower() in lexicon.mapping("news_irregular_past")
            or re.fullmatch(r"[a-z]{3,}ed", word) is not None)


def _verb_initial(words: list[str]) -> tuple[int, str] | None:
    """(index, participle) of a past-tense verb opening a phrase (after one adverb)."""
    for k, w in enumerate(words[:2]):
        low = w.lower()
        if low in lexicon.mapping("news_irregular_past"):
            return k, lexicon.mapping("news_irregular_past")[low]
        if re.fullmatch(r"[a-z]{3,}ed", w):
            return k, w
        if not low.endswith("ly"):
            return None
    return None


def _clause(a: Action, mentioned: str | None) -> tuple[str, str]:
    """One action in words: its own phrase (shortened, without the place and date the note
    gives anyway), with its mode said: "claimed to have ...", "(planned)". Returns the
    phrase and its kind: "verb" (to follow its actor), "clause" (a sentence of its own:
    "clashes took place between ...") or "noun" (a bare noun given a light verb)."""
    phrase = _clean(a.text)
    phrase = _TAIL_DATE.sub("", phrase)
    cut = _TAIL_PLACE.sub("", phrase)
    if len(cut.split()) >= 2:
        phrase = cut
    phrase = re.sub(r"(?:,\s*|\s+)(?:likely|possibly|reportedly|probably|allegedly)$", "",
                    phrase).rstrip(" ,;")
    words = phrase.split()
    if len(words) > 16:
        head = " ".join(words[:16])
        comma = head.rfind(",")
        phrase = head[:comma] if comma > 30 else head + " ..."
        words = phrase.split()
    target = short_name(a.target) if a.target and a.target != mentioned else None
    past = (_ing_past(words[0]) or _base_past(words[0])) if len(words) > 1 else None
    if past is not None:  # "killing 2 and wounding 1": "killed 2 and wounding 1"
        words = [past, *words[1:]]
        phrase = " ".join(words)
    verb = _verb_initial(words)
    if verb is None and any(_past(w) for w in words[1:4]) and words[0].lower() not in (
            "by", "with", "under", "amid", "during"):
        clause = phrase[:1].lower() + phrase[1:] if phrase[1:2].islower() else phrase
        return clause + (f" ({_MODE_WORDS[a.mode]})" if a.mode in _MODE_WORDS else ""), "clause"
    kind = "verb"
    if verb is None:
        kind = "noun"
        if words[0].lower() in lexicon.words("news_leading_preps") \
                and a.type not in ("THREATEN", "DEMAND"):
            return phrase, "setting"  # "in the killing of 6 fighters": said elsewhere
        # "attacks by YPG on rebels": the actor opens the note, not again inside it
        phrase = re.sub(r"\s+by\s+(?:the\s+)?[\w'’-]+(?:\s+[\w'’-]+)?(?=\s+(?:on|against|in|at|"
                        r"near|targeting)\b)", "", phrase)
        lowered = phrase[:1].lower() + phrase[1:] if phrase[:2].islower() or (
            phrase[:1].isupper() and phrase[1:2].islower()) else phrase
        if a.type == "THREATEN":
            rest = _THREAT_NOUN.sub("", phrase)
            phrase = f"threatened {rest}" if rest != phrase else (
                f"threatened {target}" if target else "made a threat")
        elif a.type == "DEMAND":
            rest = _DEMAND_NOUN.sub("", phrase)
            phrase = f"demanded {rest}" if rest != phrase else f"made demands ({lowered})"
        else:
            phrase = f"{_NOUN_VERB.get(a.type, 'carried out')} {lowered}"
    elif a.mode == "claimed":
        k, participle = verb
        phrase = " ".join(["claimed to have", participle, *words[k + 1:]])
    if a.mode in _MODE_WORDS:
        phrase += f" ({_MODE_WORDS[a.mode]})"
    if a.type in ("DEMAND", "THREATEN"):
        kind = "verb"  # "demanded ...", "threatened ..." read as verbs
    return phrase, kind


_TYPE_VERB = {"Armed clash": "clashed with", "Attack": "attacked",
              "Abduction/forced disappearance": "abducted", "Arrests": "arrested",
              "Government regains territory": "regained territory from",
              "Non-state actor overtakes territory": "took territory from",
              "Shelling/artillery/missile attack": "shelled",
              "Air/drone strike": "carried out an air or drone strike on"}
_COUNT_ROLES = (("injured", "injured"), ("arrested", "arrested"), ("abducted", "abducted"),
                ("captured", "captured"), ("displaced", "displaced"))


def notes(event: Event, text: str = "") -> str:
    """A plain summary in ACLED's manner: "On 20 May 2023, Military Intelligence met
    civilians and demanded ... in Neimeh (Dar'a). 2 injured. 1 fatality." The actions are
    told in the report's own words, each with its mode in words; the actor is named again
    only when it changes."""
    where = event.location or event.admin1 or event.country or "an unknown location"
    if event.location and event.admin1 and event.location != event.admin1:
        where = f"{event.location} ({event.admin1})"
    when = _date_phrase(event.event_date, event.time_precision)
    seen: set[str] = set()
    drafts = []
    for a in event.actions:
        if a.mode == "historical":
            continue
        clause, kind = _clause(a, a.actor)
        if clause.lower() in seen:
            continue
        seen.add(clause.lower())
        drafts.append((a, clause, kind))
    # bare nouns ("shelling", "the warplanes") only when nothing better tells the event;
    # what happened first, then what was only planned, possible or denied, up to four
    drafts = [d for d in drafts if d[2] != "setting"]
    if any(kind != "noun" for _, _, kind in drafts):
        drafts = [d for d in drafts if d[2] != "noun"]
    # a lone "destroyed" says nothing
    drafts = [d for d in drafts if len(d[1].split()) > 1]
    real = [d for d in drafts if d[0].mode not in _MODE_WORDS]
    unreal = [d for d in drafts if d[0].mode in _MODE_WORDS]
    drafts = (real + unreal[: max(0, 2 - len(real))])[:4]
    drafts.sort(key=lambda d: d[0].start)
    clauses: list[str] = []
    told_counts: set[tuple[str, int]] = set()
    last_actor: str | None = None
    for a, clause, kind in drafts:
        actor = a.actor or event.actor1
        if kind == "clause":
            clauses.append(clause)
            last_actor = None
            continue
        told = next((q for q in event.quantities if q.end <= a.start and q.role
                     and clause.lower().startswith(q.role.lower())), None)
        aux = None
        if told is not None and text:
            gap = text[told.end:a.start]
            aux = re.search(r"\b(?:was|were|been|being)\s+(?:\w+\s+)?$", gap)
            if aux is None and gap.strip():
                told = None  # the count is the subject only right before its verb
        if told is not None:  # "12 rifles were handed over": the count is the subject
            be = ("was " if told.count == 1 else "were ") if aux else ""
            clause = f"{told.count} {_unit(told.count, told.unit)} {be}{clause}"
            told_counts.add((told.role, told.count))
        elif actor != last_actor or not clauses:
            clause = f"{short_name(actor)} {clause}"
            last_actor = actor
        clauses.append(clause)
    if not clauses:  # nothing the report's words tell well: the coded type, plainly
        other = f" {short_name(event.actor2)}" if event.actor2 and \
            event.actor2 != event.actor1 else ""
        verb = _TYPE_VERB.get(event.sub_event_type or "", "")
        clauses = [f"{short_name(event.actor1)} {verb}{other}" if verb else
                   f"{short_name(event.actor1)}: {(event.sub_event_type or 'an event').lower()}"]
    body = clauses[0] if len(clauses) == 1 else (
        "; ".join(clauses[:-1]) + (" and " if len(clauses) == 2 else "; and ") + clauses[-1])
    out = [f"{when}, in {where}, {body}."]
    counts = []
    for role, word in _COUNT_ROLES:
        figures = [q.count for q in event.quantities if q.role == role and q.count > 0]
        if figures and (role, max(figures)) not in told_counts:
            counts.append(f"{max(figures)} {word}")
    if counts:
        out.append(", ".join(counts).capitalize() + ".")
    if event.fatalities:
        out.append(f"{event.fatalities} fatalit{'y' if event.fatalities == 1 else 'ies'}.")
    elif event.disorder_type == "Political violence":
        out.append("No fatalities reported.")
    return " ".join(out)


def _clean(text: str) -> str:
    return " ".join(text.split()).rstrip(".,;")
