"""ACLED event type, sub-event type and disorder type of one incident.

Decided from the incident's *occurred* actions (their PLOVER types and trigger cues), the
weapon and setting words of its sentences, and the actors' inter codes. Actions that
were only demanded, threatened, planned or claimed never make an incident violent: an
ultimatum is a Strategic development ("Other"), not a battle. The rules run in ACLED's
order of specificity (a chemical attack is a chemical attack before it is shelling).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from yaqut.extract.modality import Moded

DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def _words(pattern: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + pattern + r")", re.IGNORECASE)


_CHEMICAL = _words(r"chemical|chlorine|sarin|mustard gas|nerve agent|toxic gas|poison(?:ous)? gas")
_SUICIDE = _words(r"suicide|blew (?:himself|herself|themselves) up|self-detonat")
_AIR = _words(
    r"air ?strikes?|air raids?|warplanes?|war planes?|jets?\b|fighter jets?|aircraft|drones?|"
    r"helicopters?|barrel bombs?|bombers?\b|airstrikes?|aerial"
)
_SHELLING = _words(
    r"shell(?:s|ed|ing)?\b|artillery|mortars?|rockets?|missiles?|bombard|howitzer|"
    r"tank (?:fire|shells?)|projectiles?|MLRS|katyusha"
)
_IED = _words(
    r"IEDs?\b|improvised explosive|landmines?|land mines?|mines?\b|car bombs?|roadside bomb|"
    r"explosive devices?|VBIEDs?|booby[- ]trap|explosive belt|sticky bomb|motorbike bomb"
)
_GRENADE = _words(r"grenades?")
_RIOT = _words(r"riot|rioters|threw (?:stones|rocks|bottles)|torched|set fire|vandali")
_MOB = _words(r"\bmob\b|lynch")
_PROTEST_FORCE = _words(r"live (?:ammunition|fire|bullets)|opened fire on (?:the )?protesters")
_PROTEST_INTERVENE = _words(r"tear ?gas|dispers|water cannon|rubber bullets|arrested .*protest")
_BASE = _words(r"\bbases?\b|military posts?|observation posts?|headquarters|\bHQ\b|checkpoints?")
_WEAPON_SEIZED = _words(r"weapons?|arms\b|ammunition|explosives?|rifles?|cache|munitions?")
_TERRITORY = _words(r"control|positions?|villages?|towns?|areas?|territory|hill|city")


def classify(
    actions: Sequence[Moded], text: str, inters: Iterable[int | None] = ()
) -> tuple[str, str, str]:
    """(event_type, sub_event_type, disorder_type) for one incident.

    ``actions`` are the incident's top-level actions (not folded), ``text`` the text of its
    sentences, ``inters`` the inter codes of actor1 and actor2.
    """
    occurred = [a for a in actions if a.mode == "occurred"]
    cues = {a.trigger.cue for a in occurred if a.trigger.cue}
    plovers = {a.trigger.plover for a in occurred}
    inter1, inter2 = (list(inters) + [None, None])[:2]
    violent = "ASSAULT" in plovers

    def pick(event_type: str, sub: str) -> tuple[str, str, str]:
        return event_type, sub, DISORDER[event_type]

    if violent or cues & {"explosion", "bomb", "grenade"}:
        if _CHEMICAL.search(text):
            return pick("Explosions/Remote violence", "Chemical weapon")
        if _SUICIDE.search(text) and cues & {"explosion", "bomb", "attack", "kill"}:
            return pick("Explosions/Remote violence", "Suicide bomb")
        if "air" in cues or (cues & {"strike", "bomb", "attack", "kill", "explosion"}
                             and _AIR.search(text)):
            return pick("Explosions/Remote violence", "Air/drone strike")
        if "grenade" in cues or _GRENADE.search(text):
            return pick("Explosions/Remote violence", "Grenade")
        if "shelling" in cues or (cues & {"fire", "strike", "attack", "kill"}
                                  and _SHELLING.search(text)):
            return pick("Explosions/Remote violence", "Shelling/artillery/missile attack")
        if cues & {"explosion", "bomb"} or _IED.search(text):
            return pick("Explosions/Remote violence", "Remote explosive/landmine/IED")
    if "sexual" in cues:
        return pick("Violence against civilians", "Sexual violence")
    if "riot" in cues or ("protest" in cues and _RIOT.search(text)):
        return "Riots", "Violent demonstration", "Demonstrations"
    if _MOB.search(text) and violent:
        return "Riots", "Mob violence", "Political violence"
    if "protest" in cues:
        if violent and (cues & {"kill", "shoot"} or _PROTEST_FORCE.search(text)):
            return pick("Protests", "Excessive force against protesters")
        if "disperse" in cues or "arrest" in cues or _PROTEST_INTERVENE.search(text):
            return pick("Protests", "Protest with intervention")
        return pick("Protests", "Peaceful protest")
    if "abduct" in cues:
        return pick("Violence against civilians", "Abduction/forced disappearance")
    if cues & {"capture", "recapture", "advance"} and _TERRITORY.search(text):
        if inter1 == 1 or "recapture" in cues and inter1 in (None, 1):
            return pick("Battles", "Government regains territory")
        return pick("Battles", "Non-state actor overtakes territory")
    if violent:
        one_sided = not (cues & {"clash"}) and inter2 == 7
        if one_sided:
            return pick("Violence against civilians", "Attack")
        return pick("Battles", "Armed clash")
    if "arrest" in cues:
        return pick("Strategic developments", "Arrests")
    if "agreement" in cues or "exchange" in cues or "AGREE" in plovers:
        return pick("Strategic developments", "Agreement")
    if "defuse" in cues or ("seize" in cues and _WEAPON_SEIZED.search(text)):
        return pick("Strategic developments", "Disrupted weapons use")
    if "base" in cues and _BASE.search(text):
        return pick("Strategic developments", "Headquarters or base established")
    if cues & {"loot", "destroy"}:
        return pick("Strategic developments", "Looting/property destruction")
    if "withdraw" in cues:
        return pick("Strategic developments", "Non-violent transfer of territory")
    if cues & {"recruit", "curfew", "handover"}:
        return pick("Strategic developments", "Change to group/activity")
    return pick("Strategic developments", "Other")
