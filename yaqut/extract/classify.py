"""ACLED event type, sub-event type and disorder type of one incident.

Decided from the incident's *occurred* actions (their PLOVER types and trigger cues), the
weapon, setting and participant words of its sentences, and the actors' inter codes.
Actions that were only demanded, threatened or planned never make an incident violent: an
ultimatum is a Strategic development ("Other"), not a battle. A claimed act counts when
nothing is told as having occurred: ACLED codes claimed attacks.

:func:`classify` returns ``None`` when the incident is not something ACLED codes at all:
a natural or industrial disaster, ordinary crime (robbery, smuggling, drugs), or
diplomacy (expulsions, sanctions, talks, statements). The assembler then makes no event.

The rules run in ACLED's order of specificity:

1. weapons found, seized or defused with nobody hurt: Disrupted weapons use;
2. a crowd with a purpose (protesters, a rally, a march, a sit-in): what the crowd did
   (violence, vandalism, road blocks: Violent demonstration) comes before what was done
   to it (lethal force: Excessive force; tear gas, dispersal, arrests: Protest with
   intervention); otherwise a Peaceful protest. A violent crowd with no purpose (a mob, a
   lynching, looters) is Mob violence;
3. a weapon used: chemical, suicide, air/drone, grenade, shelling/missile, IED/mine;
4. sexual violence; abduction; territory taken (by the state: Government regains
   territory; by anyone else: Non-state actor overtakes territory; after a withdrawal and
   with no fighting: Non-violent transfer of territory);
5. other violence: a fight between armed sides is an Armed clash, violence against unarmed
   people an Attack (Violence against civilians);
6. non-violent developments: agreements, arrests, disrupted weapons, bases, looting,
   withdrawals, changes to a group; anything else (threats, ultimatums): Other.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from yaqut.extract import vocab
from yaqut.extract.modality import Moded

DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

# PLOVER types that say nothing ACLED codes on their own (diplomacy, statements, crime)
_NON_ACLED_PLOVERS = frozenset(
    {"SANCTION", "DISAPPROVE", "CONSULT", "INVESTIGATE", "REJECT", "SUPPORT", "AID",
     "COOPERATE", "CRIME"}
)


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + pattern + r")", re.IGNORECASE)


_words_file = vocab.words  # the same, with the alternatives in lexicon/NAME.txt


@dataclass(frozen=True, slots=True)
class _Hit:
    """Where a side is named (the two methods of a regex match the rules read)."""

    a: int
    b: int

    def start(self) -> int:
        return self.a

    def end(self) -> int:
        return self.b


@functools.lru_cache(maxsize=512)
def _actor_spans(text: str) -> tuple[tuple[int, int, int | None, bool], ...]:
    """(start, end, inter, named) of every actor the dictionary finds in ``text``; ``named``
    is false for the catch-all of unnamed men ("gunmen", "assailants": Unidentified Armed
    Group), which robbers and murderers are too. No country is assumed (``country=""``):
    an actor's kind read here (state, non-state, named) is the same in every country."""
    from yaqut.extract.actors import find_actors

    return tuple((a.start, a.end, a.inter, not a.name.startswith("Unidentified"))
                 for a in find_actors(text, country="")
                 if a.start is not None and a.end is not None)


class _Side:
    """Words naming one kind of side: the generic words of a lexicon file ("rebels",
    "troops") and every actor of the actor dictionary (``data/actors.csv``) whose inter code
    is one of ``inters``: named groups are the dictionary's, not this module's. Offers the
    ``search``/``finditer`` of a regex (hits in text order)."""

    def __init__(self, lexicon_file: str, inters: frozenset[int], named_only: bool = False
                 ) -> None:
        self._words = vocab.words(lexicon_file)
        self._inters = inters
        self._named_only = named_only

    def finditer(self, text: str) -> list[_Hit]:
        spans = {(m.start(), m.end()) for m in self._words.finditer(text)}
        spans |= {(a, b) for a, b, inter, named in _actor_spans(text)
                  if inter in self._inters and (named or not self._named_only)}
        return [_Hit(a, b) for a, b in sorted(spans)]

    def search(self, text: str) -> _Hit | None:
        hits = self.finditer(text)
        return hits[0] if hits else None


# -- weapons ------------------------------------------------------------------------------
_CHEMICAL = _words(r"chemical (?:weapon|attack|agent|munition|bomb|strike)|chlorine|sarin|"
                   r"mustard gas|nerve (?:agent|gas)|toxic gas|poison(?:ous)? gas|"
                   r"gas attack|chemical")
_CHEMICAL_USE = _words(r"chemical weapons?|chemical attack|chlorine|sarin|mustard gas|"
                       r"sulfur mustard|sulphur mustard|nerve agent|poison(?:ous)? gas|toxic gas")
_SUICIDE = _words(r"suicide|blew (?:himself|herself|themselves) up|self-detonat|"
                  r"detonated (?:his|her|their) (?:explosive|vest|belt)|explosive (?:vest|belt)")
_AIR = _words_file("extract_classify_air")
_SHELLING = _words_file("extract_classify_shelling")
_IED = _words_file("extract_classify_ied")
_GRENADE = _words(r"(?<!smoke )(?<!stun )(?<!flash )(?<!tear gas )(?<!tear-gas )"
                  r"(?<!propelled )grenades?")
_GUNS = _words_file("extract_classify_guns")
_DISRUPT = _words_file("extract_classify_disrupt")
# cues of triggers that may only name a weapon ("a bomb was found", "missiles intercepted")
_WEAPON_NOUN_CUES = frozenset({"bomb", "grenade", "explosion", "shelling", "chemical", "kill",
                               None})
# both sides fire: an armed clash whatever the weapons ("an exchange of shelling")
_EXCHANGE = _words(
    r"exchange(?:d|s)? (?:of )?(?:\w+ ){0,2}(?:fire|gunfire|shelling|shells|rockets?|"
    r"artillery|mortars?|missiles?|bullets)|(?:shelling|fire|rocket|artillery) exchanges?|"
    r"mutual (?:shelling|fire)|respond(?:ed|ing)? (?:by|with) (?:\w+ ){0,2}(?:fire|shelling)|"
    r"returned fire|in return|(?:shelled|fired|struck|hit|responded) back|"
    r"(?:as a|in) response,? (?:[\w'-]+ ){0,4}(?:shelled|fired|"
    r"targeted|struck|bombed)|air[- ]defen[cs]es? (?:\w+ ){0,3}(?:intercept|respond|"
    r"confront|engag|fired)|anti-?aircraft"
)
# an assault on the other side's forces (suicide bombers in it make it no bombing)
_ASSAULT_ON_FORCES = _words(
    r"(?:attack|assault|offensive|infiltrat\w*|raid)s? (?:on |against |into )?(?:the )?"
    r"(?:[\w'-]+ ){0,3}(?:positions|forces|troops|fighters|frontlines?)\b"
)
# direct fire (beside a remote weapon it means the sides met)
_DIRECT_FIRE = _words_file("extract_classify_direct_fire")
# air power that only supported a ground operation
_AIR_SUPPORT = _words(
    r"(?:supported|backed|covered|accompanied|assisted) (?:by|with) (?:\w+[ -]){0,4}"
    r"(?:warplanes|airstrikes|air ?strikes|air support|aircraft|jets|drones|helicopters|"
    r"air cover|aerial support|air forces?)"
)


def _armed_victim() -> str:
    """The victims are fighters: violence against them is a clash, not an attack on civilians."""
    armed = r"(?:" + vocab.alternation("extract_classify_armed_words") + r")\b"
    victim = r"(?:" + vocab.alternation("extract_classify_victim_verbs") + r")"
    return (
        # (fighters after "by" or "at the hands of" are the agents, not the victims)
        r"\b" + victim + r"\s+(?:at\s+)?(?:(?!by\b|hands\b)[\w'-]+\s+){0,5}?" + armed + r"|\b"
        # "shot and killed 1 man, likely to be an Islamist faction fighter"
        + victim + r"\s+(?:[\w'-]+\s+){0,4}?(?:man|men|person|people|individuals?|him),\s+"
        r"(?:[\w'-]+\s+){0,6}?" + armed + r"|\b"
        + armed + r"\s+(?:\w+\s+){0,4}?(?:was|were|been)\s+(?:\w+\s+)?" + victim
    )


_ARMED_VICTIM = vocab.Pattern(_armed_victim, re.IGNORECASE)
# fire and explosions told as part of a fight: "amid clashes", "in shelling and clashes"
_AMID_CLASHES = _words(
    r"(?:amid|amidst|during|in|after|following|with|and|accompanied (?:by|with)|"
    r"led to|resulted in|where) (?:\w+ ){0,2}(?:clash(?:es)?|fighting|battles?|"
    r"gun ?fights?|fire ?fights?)\b|clash(?:es|ed)? (?:with|between|against|erupted|"
    r"ensued|took place)"
)
# a fight told as the news ("A fought B", "clashes broke out"), not only named as a setting
_FIGHT_TOLD = _words(
    r"(?:clashed|fought|battled|skirmished)\b|engaged in (?:\w+ ){0,2}"
    r"(?:clashes|fighting|battles?|firefights?)|(?:clashes|fighting|battles?|infighting) "
    r"(?:\w+ )?(?:erupted|broke out|took place|occurred|ensued|raged|continued|"
    r"(?:was |were )?reported)"
)
# a chemical weapon only alleged ("with claims of the use of chlorine gas")
_ALLEGED_BEFORE = re.compile(r"\b(?:claims?|claimed|allegations?|alleged(?:ly)?|accus\w*)\b"
                             r"[^.;]{0,40}$", re.IGNORECASE)
_MILITARY_KIT = _words(r"(?:machine ?guns?|tanks?|armou?red|vehicles?|bulldozers?|"
                      r"artillery|launchers?|cannons?|BMPs?|technicals?|positions?|"
                      r"checkpoints?|fortifications?)\b")
_CASUALTY = _words_file("extract_classify_casualty")

# -- crowds -------------------------------------------------------------------------------
_CROWD = _words_file("extract_classify_crowd")
_RIOT_ONLY = _words(r"riot(?:s|ers|ing)?\b(?! police| gear| control| squad)|unrest")
_CROWD_VIOLENCE = _words_file("extract_classify_crowd_violence")
_CROWD_LETHAL = _words_file("extract_classify_crowd_lethal")
_CROWD_INTERVENE = _words_file("extract_classify_crowd_intervene")
_MOB = _words(r"\bmobs?\b|lynch|angry (?:crowd|residents|villagers)|looters|"
              r"mob justice|(?:opposing|rival|dueling) (?:rallies|groups|demonstrations)")

# -- sides --------------------------------------------------------------------------------
_STATE = _Side("extract_classify_state", frozenset({1, 8}))
_NON_STATE = _Side("extract_classify_non_state", frozenset({2, 3, 4}))
_CIVILIAN = _words_file("extract_classify_civilian")
_CLASH = _words_file("extract_classify_clash")

# -- territory ----------------------------------------------------------------------------
_TERRITORY = _words_file("extract_classify_territory")
_GOV_GAIN = _words(r"recaptur|retook|retake|regain|recover(?:ed)? control|liberat|freed|"
                   r"purg|clear(?:ed|ing) (?:\w+ )?of")
_PASSIVE_LOSS = _words(r"(?:were|was|have been|had been) (?:pushed|driven|forced|expelled|"
                       r"kicked|ousted|routed|flushed|cleared) (?:back|out|from)")
_NO_FIGHT = _words_file("extract_classify_no_fight")
_BASE = _words(r"\bbases?\b|military (?:posts?|points?)|observation (?:posts?|points?)|"
               r"headquarters|\bHQs?\b|checkpoints?|camps?\b|outposts?|positions?|points?\b")
_GROUP = _words_file("extract_classify_group")
_ARRESTS = _words(r"arrest|detain|detention|round(?:ed)? up|taken into custody|"
                  r"(?:have |had )?taken (?:dozens|hundreds|\d+|scores)")
_CAPTURED_PEOPLE = _words(
    r"(?:fighters?|members?|soldiers?|men|people|civilians|officers?|him|them|others|"
    r"militants?|rebels?|troops) (?:\w+ )?(?:were|was|have been|had been) (?:\w+ )?captured|"
    r"captur(?:ed|ing) (?:\w+ ){0,2}(?:fighters?|members?|soldiers?|men|people|officers?|"
    r"him|them|militants?|rebels?|troops)\b"
)
_PASSIVE_ARREST = _words(r"(?:were|was|been|being|are|is) (?:\w+ )?(?:arrested|detained|"
                         r"rounded up|taken into custody) (?:\w+ ){0,8}?by\b")
_PASSIVE_ARRESTED = _words(r"(?:were|was|been|being|are|is) (?:\w+ )?(?:arrested|detained|"
                           r"rounded up|taken into custody|jailed)")
_PRISONERS = _words(r"prisoners?|detainees|captives|bodies|remains|hostages")

# -- not ACLED ----------------------------------------------------------------------------
_DISASTER = _words_file("extract_classify_disaster")
_CRIME = _words_file("extract_classify_crime")
_ARMED = _Side("extract_classify_armed", frozenset({2, 3}), named_only=True)
_SEXUAL = _words(r"rap(?:e|ed|es|ing|ist|ists)\b|sexual|molest|abused (?:\w+ )?(?:women|girls|"
                 r"boys|children|detainees)")
_DIPLOMACY = _words_file("extract_classify_diplomacy")
_PEACE = _words(r"peace|ceasefire|cease-fire|truce|armistice|reconciliation|"
                r"prisoner (?:exchange|swap)|exchanged prisoners|surrender")


def _pick(event_type: str, sub: str) -> tuple[str, str, str]:
    return event_type, sub, DISORDER[event_type]


def _main_capture(text: str) -> bool:
    """Is some taking of territory told as the news, not as what came before it
    ("Clashes broke out after the SDF seized several villages")? A text with no capture
    verb the patterns know is given the benefit of the doubt."""
    found = list(_CAPTURE_VERBS.finditer(text))
    if not found:
        return True
    return any(not _BEFORE_CAPTURE.search(text[max(0, m.start() - 70): m.start()])
               for m in found)


# what was taken: a post, a checkpoint or a street is no territory (ACLED codes the fight)
_POST_OBJECT = re.compile(
    r"\s+(?:of\s+|over\s+)?(?:(?:the|a|an|two|three|several|some|\d+|its|their|his)\s+)?"
    r"(?:[\w'’-]+\s+){0,2}?(?:posts?|checkpoints?|positions?|points?|street|streets|"
    r"buildings?|headquarters|barracks|outposts?|roundabout|hospital|school|house|"
    r"sites?|bases?|vehicles?)\b", re.IGNORECASE)


def _posts_only(text: str) -> bool:
    """Were only posts, checkpoints, positions or streets taken ("took control of several
    regime posts")? Then ACLED codes the fight, not a change of territory."""
    found = list(_CAPTURE_VERBS.finditer(text))
    if not found:
        return False
    for m in found:
        rest = re.sub(r"^\w*(?:\s+(?:over|control|of))*", "", text[m.end(): m.end() + 80])
        if not _POST_OBJECT.match(rest) or re.search(
                r"\band\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}(?:villages?|towns?|city|area|hills?)\b",
                rest, re.IGNORECASE):
            return False
    return True


_BEFORE_CAPTURE = re.compile(r"\b(?:after|following|since|before)\b[^,.;]*$", re.IGNORECASE)


def _arrests(text: str, inter1: int | None) -> tuple[str, str, str]:
    """Arrests are made by the state; an armed group detaining others' members is a
    clash between armed groups in ACLED's coding. The arrester is the agent after "by" of
    a passive verb, else the side named before the verb, else actor1's inter code."""
    passive = _PASSIVE_ARREST.search(text)
    taken = _PASSIVE_ARRESTED.search(text)
    if passive is None and taken:
        # "an activist was detained": the subject is who was taken; the one who took them
        # is the first side named in the sentences before, if any
        before = text[: max(text.rfind(". ", 0, taken.start()), 0)]
        side = _named_first(_STATE.search(before), _NON_STATE.search(before))
        if side is None and inter1 in (2, 3, 4):
            side = False  # armed-group members taken by an unnamed side
    elif passive:
        after = text[passive.end(): passive.end() + 80]
        side = _named_first(_STATE.search(after), _NON_STATE.search(after))
    else:
        side = _side_from_text(text, _ARRESTS)
        if side is None and inter1 in (2, 3, 4):
            side = False
    if side is False:
        return _pick("Battles", "Armed clash")
    return _pick("Strategic developments", "Arrests")


def _named_first(state: _Hit | None, rebel: _Hit | None) -> bool | None:
    """True when a state side is named before any non-state one, False when a non-state
    side is named first, None when neither is named."""
    if state is None and rebel is None:
        return None
    return state is not None and (rebel is None or state.start() < rebel.start())


def _state_side(text: str, verbs: re.Pattern[str] | vocab.Pattern, inter1: int | None
                ) -> bool | None:
    """Is the side that took territory state forces? From the actor's inter code when known,
    else from the nearest side word before the capture verb (the subject's), with a passive
    loss ("were pushed back") telling the loser instead of the winner."""
    side = _side_from_text(text, verbs)
    if side is None and inter1 is not None:
        return inter1 == 1
    return side


def _side_from_text(text: str, verbs: re.Pattern[str] | vocab.Pattern) -> bool | None:
    m = _PASSIVE_LOSS.search(text)
    if m:
        before = text[max(0, m.start() - 160): m.start()]
        state = [x.end() for x in _STATE.finditer(before)]
        rebel = [x.end() for x in _NON_STATE.finditer(before)]
        if state or rebel:
            return (max(rebel) if rebel else -1) > (max(state) if state else -1)
    m = verbs.search(text)
    if not m:
        return None
    # the subject: the first side named in the nearest comma-separated stretch before the
    # verb that names any ("After clashes with IS, regime forces and militias took ...")
    start = max(text.rfind(". ", 0, m.start()) + 1, m.start() - 240, 0)
    for segment in reversed(re.split(r",\s", text[start: m.start()])):
        state = [x.start() for x in _STATE.finditer(segment)]
        rebel = [x.start() for x in _NON_STATE.finditer(segment)]
        if state or rebel:
            return (min(state) if state else 10**6) < (min(rebel) if rebel else 10**6)
    return None


_CAPTURE_VERBS = _words_file("extract_classify_capture_verbs")


def not_acled(actions: Sequence[Moded], text: str, inters: Iterable[int | None] = (),
              context: str | None = None) -> bool:
    """True when an incident is nothing ACLED codes: a disaster, ordinary crime or
    diplomacy (see the module docstring). A rebel group among the sides (inter code 2)
    makes crime words ("clashed with smugglers", "arrested on smuggling charges") no
    ordinary crime. ``context`` is the whole report: a disaster or a crime told in another
    sentence ("The quake struck at dawn. Rescuers found 12 bodies.") still counts, and so
    do armed groups named there."""
    whole = context or text
    weapons = _DISRUPT.search(text) is not None and _GUNS.search(text) is not None
    eventive = [a for a in actions if a.eventive and (a.trigger.cue != "find" or weapons)]
    plovers = {a.trigger.plover for a in eventive}
    cues = {a.trigger.cue for a in eventive if a.trigger.cue}
    armed = _ARMED.search(whole) is not None or 2 in inters
    if _DISASTER.search(whole) and not armed:
        return True
    if plovers & {"DEMAND", "THREATEN", "PROTEST"} or cues & {"ultimatum"}:
        return False
    if not eventive:
        return True
    if _CRIME.search(whole) and not armed and not weapons:
        return True
    if plovers and plovers <= _NON_ACLED_PLOVERS:
        if "CONSULT" in plovers and _PEACE.search(text):
            return False
        return True
    return bool(not plovers and _DIPLOMACY.search(text))


def classify(
    actions: Sequence[Moded], text: str, inters: Iterable[int | None] = (),
    context: str | None = None, model: Any = None,
) -> tuple[str, str, str] | None:
    """(event_type, sub_event_type, disorder_type) for one incident, or None when it is
    nothing ACLED codes.

    ``actions`` are the incident's top-level actions (not folded), ``text`` the text of its
    sentences, ``inters`` the inter codes of actor1 and actor2, ``context`` the whole
    report (only for telling what ACLED does not code, see :func:`not_acled`). ``model``
    (anything with ``refine(coded, text, features)``, e.g. :class:`yaqut.model.SubEventModel`;
    the Coder's default is the model shipped in the package) re-decides the rules'
    sub-event type, reading :func:`features`; None means the rules alone.
    """
    inters = list(inters)
    coded = _rules(actions, text, inters, context)
    if coded is None or model is None:
        return coded
    return model.refine(coded, text, features(actions, text, inters))


# answers that say only that something happened, not what: the lead sentence gives way to
# the words of the incident's other sentences
_UNTOLD = frozenset({"Other", "Change to group/activity"})
# (lead, whole): the other sentences tell how the lead sentence's act was done ("The
# bomber struck a restaurant." + "a suicide bombing claimed by ...")
_REFINED = frozenset({("Remote explosive/landmine/IED", "Suicide bomb")})
_PLAIN_VIOLENCE = frozenset({"Armed clash", "Attack"})


def incident_type(
    decide: Callable[[Sequence[Moded], str], _Coded], actions: Sequence[Moded], text: str,
    parts: Sequence[tuple[Sequence[Moded], str]] = (), anchor: int | None = None,
) -> _Coded:
    """The type of an incident told over several sentences: ``decide(actions, text)`` (e.g.
    :func:`classify` with the incident's sides) on the sentence that tells it as the news,
    else on the whole incident (``actions``, ``text``).

    ``parts`` are the incident's sentences in order, each with its own top-level actions;
    ``anchor`` the index of the one that gives the incident its date. The lead sentence is
    the anchor when something is told there as having happened, else the first sentence
    where something violent happened. An article's incident gathers background and comment
    ("after weeks of fighting", "the chemical attack last year"): their weapon and fight
    words must not outvote the sentence that reports the incident. When the lead sentence
    says only that something happened ("Other") or nothing ACLED codes, the whole decides.
    """
    whole = decide(actions, text)
    if whole is None or len(parts) < 2:
        return whole
    k = _lead_sentence(parts, anchor)
    if k is None:
        return whole
    lead = decide(*parts[k])
    if lead is None or lead[1] in _UNTOLD or (lead[1], whole[1]) in _REFINED:
        return whole
    if lead[1] in _PLAIN_VIOLENCE and whole[0] == "Explosions/Remote violence" \
            and not _fight_named(*parts[k]):
        # "X was killed on Thursday." + "... in the roadside bomb blast": the lead says who
        # died, the other sentences by what means
        return whole
    return lead


def _fight_named(actions: Sequence[Moded], text: str) -> bool:
    """Does the sentence itself tell of a fight, not only of a killing or an attack?"""
    return any(a.trigger.cue == "clash" for a in actions) or _CLASH.search(text) is not None


def _lead_sentence(parts: Sequence[tuple[Sequence[Moded], str]], anchor: int | None
                   ) -> int | None:
    def told(acts: Sequence[Moded], violent: bool) -> bool:
        return any(a.eventive and a.mode not in ("demanded", "threatened")
                   and not a.trigger.describes
                   and (not violent or a.trigger.plover == "ASSAULT") for a in acts)

    if anchor is not None and told(parts[anchor][0], violent=False):
        return anchor
    return next((k for k, (acts, _) in enumerate(parts) if told(acts, violent=True)), None)


def features(actions: Sequence[Moded], text: str, inters: Iterable[int | None] = ()
             ) -> tuple[str, ...]:
    """What the learned model (:mod:`yaqut.model`) reads beside the text and the rules'
    answer: the triggers' cues, PLOVER types and lemmas of what occurred, every action's
    mode, the actors' inter codes, whether it was violent, hurt anyone or had a crowd, and
    which of the rules' word patterns occur in the text (weapons, crowds, sides, ...)."""
    f = _facts(actions, text, list(inters))
    out = [f"cue_{c}" for c in sorted(f.cues)]
    out += [f"plover_{p}" for p in sorted(f.plovers)]
    out += sorted({f"lemma_{a.trigger.lemma}" for a in f.occurred})
    out += sorted({f"mode_{a.mode}" for a in actions})
    out += [f"inter1_{f.inter1}", f"inter2_{f.inter2}"]
    out += [name for name, on in (("violent", f.violent), ("hurt", f.hurt),
                                   ("crowd", f.crowd)) if on]
    out += [f"lex_{name}" for name, pattern in _feature_patterns() if pattern.search(text)]
    return tuple(out)


def _feature_patterns() -> tuple[tuple[str, Any], ...]:
    """The rules' word patterns a model may weigh, by name."""
    return (
        ("chemical", _CHEMICAL), ("suicide", _SUICIDE), ("air", _AIR),
        ("shelling", _SHELLING), ("ied", _IED), ("grenade", _GRENADE), ("guns", _GUNS),
        ("disrupt", _DISRUPT), ("exchange", _EXCHANGE), ("direct_fire", _DIRECT_FIRE),
        ("armed_victim", _ARMED_VICTIM), ("amid_clashes", _AMID_CLASHES),
        ("crowd", _CROWD), ("crowd_violence", _CROWD_VIOLENCE), ("crowd_lethal", _CROWD_LETHAL),
        ("crowd_intervene", _CROWD_INTERVENE), ("mob", _MOB), ("state", _STATE),
        ("non_state", _NON_STATE), ("civilian", _CIVILIAN), ("clash", _CLASH),
        ("territory", _TERRITORY), ("no_fight", _NO_FIGHT), ("base", _BASE),
        ("group", _GROUP), ("arrests", _ARRESTS), ("sexual", _SEXUAL), ("peace", _PEACE),
        ("capture", _CAPTURE_VERBS), ("gov_gain", _GOV_GAIN), ("casualty", _CASUALTY),
    )


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the rules read about one incident, worked out once by :func:`_facts`."""

    occurred: list[Moded]  # what happened (or, when nothing did, what was claimed)
    cues: set[str]  # the trigger cues of those actions
    plovers: set[str]
    assault_cues: set[str | None]  # cues of the ASSAULT actions
    inter1: int | None
    inter2: int | None
    violent: bool
    hurt: bool  # casualty words
    crowd: bool  # a crowd with a purpose


def _facts(actions: Sequence[Moded], text: str, inters: list[int | None]) -> _Facts:
    # what happened; when the report has it only as claimed, what was claimed (ACLED codes
    # claimed attacks)
    actions = [a for a in actions if not a.trigger.describes]  # "a soldier fighting X"
    occurred = [a for a in actions if a.mode == "occurred"] or [
        a for a in actions if a.mode == "claimed" and not a.attributed]
    cues = {a.trigger.cue for a in occurred if a.trigger.cue}
    plovers = {a.trigger.plover for a in occurred}
    inter1, inter2 = (list(inters) + [None, None])[:2]
    crowd = "protest" in cues or "riot" in cues or (
        _CROWD.search(text) is not None and bool(occurred) and not cues & {"air", "shelling"})
    return _Facts(
        occurred=occurred, cues=cues, plovers=plovers,
        assault_cues={a.trigger.cue for a in occurred if a.trigger.plover == "ASSAULT"},
        inter1=inter1, inter2=inter2,
        violent="ASSAULT" in plovers or bool(cues & {"explosion", "bomb", "grenade", "sexual"}),
        hurt=_CASUALTY.search(text) is not None, crowd=crowd)


_Coded = tuple[str, str, str] | None


def _rules(
    actions: Sequence[Moded], text: str, inters: Iterable[int | None],
    context: str | None = None,
) -> tuple[str, str, str] | None:
    """The rules in ACLED's order of specificity (the module docstring): the first step
    that decides wins."""
    inters = list(inters)
    if not_acled(actions, text, inters, context):
        return None
    f = _facts(actions, text, inters)
    for step in (_weapons_found, _chemical_or_suicide, _crowds, _fights_and_weapons,
                 _people_taken, _other_violence):
        coded = step(f, text)
        if coded is not None:
            return coded
    return _non_violent(f, text)


def _weapons_found(f: _Facts, text: str) -> _Coded:
    """1. weapons found, seized or defused, nobody hurt (a weapon's name is no attack)."""
    named_only = f.assault_cues <= _WEAPON_NOUN_CUES
    if (not f.violent or (f.cues & {"defuse", "seize", "find"} and named_only)) \
            and not f.hurt and _DISRUPT.search(text) and _GUNS.search(text) and not f.crowd:
        return _pick("Strategic developments", "Disrupted weapons use")
    if "defuse" in f.cues and named_only and _GUNS.search(text):
        return _pick("Strategic developments", "Disrupted weapons use")
    return None


def _chemical_or_suicide(f: _Facts, text: str) -> _Coded:
    chemical = any(not _ALLEGED_BEFORE.search(text[max(0, m.start() - 60): m.start()])
                   for m in _CHEMICAL_USE.finditer(text))
    if chemical and (f.violent or f.occurred):
        return _pick("Explosions/Remote violence", "Chemical weapon")
    # a fight told as the news: suicide bombers, shelling or air strikes are part of it
    fight_told = "clash" in f.cues and _FIGHT_TOLD.search(text) is not None
    if f.violent and _SUICIDE.search(text) and not _AMID_CLASHES.search(text) \
            and not _ASSAULT_ON_FORCES.search(text) and not fight_told:
        return _pick("Explosions/Remote violence", "Suicide bomb")
    return None


def _crowds(f: _Facts, text: str) -> _Coded:
    """2. crowds: what the crowd did comes before what was done to it."""
    cues = f.cues
    if f.crowd:
        if _CROWD_VIOLENCE.search(text) or "riot" in cues or (
                _RIOT_ONLY.search(text) and "protest" not in cues):
            if _MOB.search(text) and "protest" not in cues and not _CROWD.search(
                    _MOB.sub("", text)):
                return "Riots", "Mob violence", "Political violence"
            return "Riots", "Violent demonstration", "Demonstrations"
        intervened = bool(cues & {"disperse", "arrest"}) or _CROWD_INTERVENE.search(text)
        if _CROWD_LETHAL.search(text) or (intervened and f.hurt):
            return _pick("Protests", "Excessive force against protesters")
        if intervened:
            return _pick("Protests", "Protest with intervention")
        return _pick("Protests", "Peaceful protest")
    if _MOB.search(text) and (f.violent or cues & {"loot", "destroy"}):
        return "Riots", "Mob violence", "Political violence"
    return None


def _fights_and_weapons(f: _Facts, text: str) -> _Coded:
    """3. territory taken; two armed sides fighting (whatever their weapons); a weapon used."""
    cues = f.cues
    takes = bool(cues & {"capture", "recapture", "advance"}) or (
        "seize" in cues and not _GUNS.search(text))
    takes = takes and _main_capture(text) and not _posts_only(text)
    if takes and (_TERRITORY.search(text) or not _CAPTURED_PEOPLE.search(text)):
        return _territory(f, text)
    if (f.violent or "exchange" in cues) and ("clash" in cues or _EXCHANGE.search(text)
                                               or _AMID_CLASHES.search(text)):
        return _pick("Battles", "Armed clash")
    if f.violent and _DIRECT_FIRE.search(text) and (
            _IED.search(text) or _SHELLING.search(text) or _AIR.search(text)) \
            and _ARMED_VICTIM.search(text):
        # remote weapons used together with direct fire: the two sides met
        return _pick("Battles", "Armed clash")
    if f.violent:
        return _weapon_used(f, text)
    return None


def _territory(f: _Facts, text: str) -> tuple[str, str, str]:
    if _NO_FIGHT.search(text) and not _CLASH.search(text) and not f.hurt:
        return _pick("Strategic developments", "Non-violent transfer of territory")
    state = _state_side(text, _CAPTURE_VERBS, f.inter1)
    if state is None:
        state = "recapture" in f.cues or _GOV_GAIN.search(text) is not None
    if state:
        return _pick("Battles", "Government regains territory")
    return _pick("Battles", "Non-state actor overtakes territory")


def _weapon_used(f: _Facts, text: str) -> _Coded:
    cues = f.cues
    if any(not _ALLEGED_BEFORE.search(text[max(0, m.start() - 60): m.start()])
           for m in _CHEMICAL.finditer(text)):
        return _pick("Explosions/Remote violence", "Chemical weapon")
    if "air" in cues and not _AIR.search(_AIR_SUPPORT.sub("", text)) and (
            _AIR_SUPPORT.search(text)):
        pass  # air power only supported a ground operation: see below
    elif "air" in cues or _AIR.search(_AIR_SUPPORT.sub("", text)):
        return _pick("Explosions/Remote violence", "Air/drone strike")
    if "grenade" in cues or _GRENADE.search(text):
        return _pick("Explosions/Remote violence", "Grenade")
    territory_taken = cues & {"capture", "recapture", "advance"}
    if ("shelling" in cues or _SHELLING.search(text)) and not territory_taken:
        return _pick("Explosions/Remote violence", "Shelling/artillery/missile attack")
    if not territory_taken and _from_the_air(text):
        # "killed by a coalition strike": the strike may be no trigger of its own
        return _pick("Explosions/Remote violence", "Air/drone strike")
    if (cues & {"explosion", "bomb"} or _IED.search(text)) and not territory_taken \
            and not (cues & {"clash"}) and not _ASSAULT_ON_FORCES.search(text):
        # (explosives in an assault on the other side's forces: a clash, below)
        return _pick("Explosions/Remote violence", "Remote explosive/landmine/IED")
    return None


# bombs and strikes with no other word for how they came (not "car bomb", "missile strike")
_DROPPED = _words(r"(?<!car )(?<!roadside )(?<!truck )(?<!sticky )(?<!suicide )"
                  r"(?<!missile )(?<!hunger )(?<!general )(?:bomb(?:s|ed|ing)?|strikes?|struck)\b")
_PLANTED = _words(r"IEDs?\b|improvised|VBIEDs?\b|explosive devices?|(?:land ?)?mines?\b|"
                  r"booby|(?:car|roadside|truck|sticky|motorbike|motorcycle) bombs?|suicide")


def _from_the_air(text: str) -> bool:
    """Were the bombs or strikes a state's ("Israel bombed a drone base", "killed by a
    coalition strike")? Armies and air forces drop bombs and launch strikes from the air;
    a planted bomb (a car bomb, an IED, a mine) is no air strike whoever set it. The side
    is the one named last before the word in its clause, at most 40 characters before."""
    if _PLANTED.search(text):
        return False
    sides = [(a, b, inter) for a, b, inter, named in _actor_spans(text) if named]
    for m in _DROPPED.finditer(text):
        clause = max(text.rfind(".", 0, m.start()), text.rfind(";", 0, m.start())) + 1
        before = [inter for a, b, inter in sides
                  if a >= clause and b <= m.start() and m.start() - b <= 40]
        if before and before[-1] in (1, 8):
            return True
    return False


def _people_taken(f: _Facts, text: str) -> _Coded:
    """4. sexual violence, abduction, arrests, prisoner exchanges."""
    cues = f.cues
    if "sexual" in cues or (f.violent and _SEXUAL.search(text)):
        return _pick("Violence against civilians", "Sexual violence")
    if "abduct" in cues and not (cues & {"kill"}):
        if _ARMED_VICTIM.search(text):  # fighters taken by the other side: a clash
            return _pick("Battles", "Armed clash")
        return _pick("Violence against civilians", "Abduction/forced disappearance")
    if f.assault_cues <= {"raid", None} and ("arrest" in cues or _ARRESTS.search(text)):
        return _arrests(text, f.inter1)
    if "exchange" in cues and _PRISONERS.search(text):
        return _pick("Strategic developments", "Agreement")
    return None


def _other_violence(f: _Facts, text: str) -> _Coded:
    """5. other violence: a fight between armed sides, or an attack on unarmed people."""
    if not f.violent:
        return None
    if "abduct" in f.cues:
        return _pick("Violence against civilians", "Attack")
    if f.cues & {"clash"} or _CLASH.search(text) or _ARMED_VICTIM.search(text):
        return _pick("Battles", "Armed clash")
    if f.inter2 == 7 or (f.inter2 is None and _CIVILIAN.search(text)):
        return _pick("Violence against civilians", "Attack")
    return _pick("Battles", "Armed clash")


def _non_violent(f: _Facts, text: str) -> tuple[str, str, str]:
    """6. non-violent developments; anything else (threats, ultimatums) is Other."""
    cues, plovers, inter1, inter2 = f.cues, f.plovers, f.inter1, f.inter2
    if "agreement" in cues or "AGREE" in plovers or (
            "handover" in cues and "surrender" in {a.trigger.lemma for a in f.occurred}):
        return _pick("Strategic developments", "Agreement")
    if "CONSULT" in plovers and _PEACE.search(text):
        return _pick("Strategic developments", "Agreement")
    if "arrest" in cues:
        return _arrests(text, inter1)
    if cues & {"seize", "find"} and _GUNS.search(text):
        return _pick("Strategic developments", "Disrupted weapons use")
    if "base" in cues and _BASE.search(text):
        return _pick("Strategic developments", "Headquarters or base established")
    if "base" in cues and _GROUP.search(text):
        return _pick("Strategic developments", "Change to group/activity")
    if "destroy" in cues and inter1 in (1, 2, 3) and inter2 in (1, 2, 3) and \
            _MILITARY_KIT.search(text):
        # one armed side destroying the other's guns, tanks or vehicles: they fought
        return _pick("Battles", "Armed clash")
    if cues & {"loot", "destroy"}:
        return _pick("Strategic developments", "Looting/property destruction")
    if "withdraw" in cues and _TERRITORY.search(text) and not (
            cues & {"deploy", "recruit", "defect", "group"}):
        return _pick("Strategic developments", "Non-violent transfer of territory")
    if cues & {"recruit", "curfew", "handover", "deploy", "defect", "group", "withdraw"}:
        return _pick("Strategic developments", "Change to group/activity")
    return _pick("Strategic developments", "Other")
