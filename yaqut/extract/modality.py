"""The mode of an action: did it occur, or was it demanded, threatened, planned, claimed,
denied, hypothetical or historical?

PLOVER defines these modes; yaqut decides them from the dependency path between a
trigger and the root of its sentence:

- a trigger governed by a DEMAND or THREATEN trigger is part of that demand or threat
  ("threatened to *storm* the town" is a threat, not an assault): it folds into it;
- modal auxiliaries, conditionals, "likely", "potential", "any ...", and heads that
  say the act is not (yet) real ("obstacles in carrying out raids", "rather than choosing
  an assault", "the ability to establish control") make it hypothetical;
- "will", "plan to", "prepare to" make it planned; negation or "deny" make it denied;
- "claim", "allege", "accuse" make it claimed (who claims it is recorded separately);
- a clause dated well before the report ("several years ago") or a habitual act ("has
  repeatedly shelled the area") makes it historical;
- a nominal trigger with a demonstrative or possessive determiner ("these demands",
  "this meeting", "their demands") refers back to an action already told: it is anaphoric
  and adds no action (the assembler uses it as a sign the incident continues).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from yaqut.extract.triggers import Trigger

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

# Edges that start a new action rather than fill the governor's: coordination, adverbial
# and relative clauses.
_BOUNDARY_DEPS = frozenset({"conj", "parataxis", "advcl", "relcl", "csubj"})
# Edges by which a clause is the content of a specifying verb ("included surrendering X").
_CONTENT_DEPS = frozenset({"dobj", "xcomp", "attr", "ccomp", "oprd", "acomp"})
_SPECIFYING_VERBS = frozenset({"include", "be", "involve", "comprise", "entail", "consist", "mean"})
_HYPOTHETICAL_AUX = frozenset({"could", "would", "might", "may", "should", "shall"})
_PLANNED_AUX = frozenset({"will"})
_HYPOTHETICAL_WORDS = frozenset(
    {"likely", "unlikely", "possible", "possibly", "potential", "potentially", "perhaps",
     "hypothetical", "risk"}
)
_NON_REALIS_HEADS = frozenset(
    {"obstacle", "ability", "capacity", "capability", "inability", "unable", "refrain",
     "avoid", "prevent", "possibility", "willingness", "readiness", "option", "choose",
     "consider", "scenario", "fear", "if", "unless", "try", "attempt", "fail"}
)
_PLANNED_HEADS = frozenset(
    {"plan", "intend", "intention", "prepare", "preparation", "aim", "seek", "expect", "vow",
     "pledge", "promise", "decide", "scheme"}
)
_CLAIM_HEADS = frozenset({"claim", "allege", "accuse", "allegation", "accusation", "blame",
                          "responsibility", "credit"})
# heads that attribute an act to someone rather than report it as done
_ATTRIBUTION_HEADS = frozenset({"accuse", "allegation", "accusation", "blame", "responsibility",
                                "credit"})
_ALLEGED = frozenset({"alleged", "purported", "supposed", "claimed"})
_DENY_HEADS = frozenset({"deny", "refute", "dismiss"})
_ANAPHORIC_DETS = frozenset({"this", "these", "those", "such", "their", "its", "his", "her"})
# Habitual or long-running acts ("has repeatedly shelled the area") are background.
_HABITUAL = frozenset({"repeatedly", "frequently", "often", "regularly", "routinely",
                       "previously", "formerly", "historically", "usually", "long"})
# a noun after these is the setting of its head's act, real whatever that act's mode
_SETTING_PREPS = frozenset({"during", "amid", "amidst"})
_CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})


@dataclass(frozen=True, slots=True)
class Moded:
    """A trigger with its mode, or folded into another trigger, or anaphoric."""

    trigger: Trigger
    mode: str
    folded_into: int | None = None  # index into the trigger list of the governing trigger
    anaphoric: bool = False
    # a claimed act told as an attribution ("claimed responsibility for", "accused X of",
    # "its alleged attack") rather than as a report of the act ("claimed to have killed")
    attributed: bool = False

    @property
    def eventive(self) -> bool:
        """Occurred, demanded, threatened, or claimed as done (not merely attributed):
        ACLED codes claimed attacks."""
        return self.mode in ("occurred", "demanded", "threatened") or (
            self.mode == "claimed" and not self.attributed)


def _is_anaphoric(token: Token) -> bool:
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    for child in token.children:
        if child.dep_ in ("det", "poss") and child.lower_ in _ANAPHORIC_DETS:
            return True
    return False


def _path(token: Token) -> list[Token]:
    """The token and its heads up to the root of its sentence."""
    path = [token]
    while path[-1].head.i != path[-1].i:
        path.append(path[-1].head)
    return path


def _cues(token: Token) -> tuple[bool, bool, bool]:
    """(hypothetical, planned, negated) cues carried by one token on a path."""
    hypothetical = planned = negated = False
    lemma = token.lemma_.lower()
    if lemma in _HYPOTHETICAL_WORDS or lemma in _NON_REALIS_HEADS:
        hypothetical = True
    if lemma in _PLANNED_HEADS:
        planned = True
    for child in token.children:
        low = child.lower_
        if child.dep_ in ("aux", "auxpass"):
            if low in _HYPOTHETICAL_AUX:
                hypothetical = True
            elif low in _PLANNED_AUX:
                planned = True
        elif child.dep_ == "neg":
            negated = True
        elif child.dep_ == "mark" and low in _CONDITIONAL_MARKS:
            hypothetical = True
        elif child.dep_ in ("advmod", "amod") and child.lemma_.lower() in _HYPOTHETICAL_WORDS \
                and not _qualifies_phrase(child):
            hypothetical = True
        elif child.dep_ == "det" and low == "any":
            hypothetical = True
        elif child.dep_ == "det" and low == "no":
            negated = True  # "no advances were made"
        elif child.dep_ == "advmod" and low == "rather":
            hypothetical = True
        elif child.dep_ == "prep" and low in ("than", "instead"):
            hypothetical = True
    # "rather than choosing X": "than" heads the clause holding the trigger
    if token.dep_ == "prep" and token.lower_ in ("than", "instead"):
        hypothetical = True
    return hypothetical, planned, negated


def _qualifies_phrase(word: Token) -> bool:
    """"likely in the X area", "likely with an ATGM": the hedge is on the place or the means
    that follow it, not on whether the act happened."""
    doc = word.doc
    nxt = doc[word.i + 1] if word.i + 1 < len(doc) else None
    return nxt is not None and nxt.pos_ == "ADP" and word.i > word.head.i


def assign_modes(doc: Doc, triggers: list[Trigger], historical: list[tuple[int, int]] = ()
                 ) -> list[Moded]:
    """The mode of every trigger of one parsed sentence.

    ``historical`` lists (first, last) token ranges of date expressions that put their
    clause well before the report; a trigger whose clause holds one is historical.
    """
    by_head = {t.head: k for k, t in enumerate(triggers)}
    result: list[Moded] = []
    for trig in triggers:
        token = doc[trig.head]
        path = _path(token)
        folded = None
        hypothetical = planned = negated = claimed = denied = habitual = attributed = False
        for step, node in enumerate(path):
            if step > 1 and path[step - 1].dep_ == "prep" and \
                    path[step - 1].lower_ in _SETTING_PREPS and token.pos_ in ("NOUN", "PROPN"):
                break  # "attempted to advance during clashes": the clashes happened anyway
            if step > 0:
                edge = path[step - 1].dep_  # how the path enters ``node``
                if node.i in by_head and edge not in _BOUNDARY_DEPS and not _own_act(
                        trig, triggers[by_head[node.i]], path[:step]):
                    folded = by_head[node.i]
                    break
                subject = _demand_subject(node, by_head, triggers)
                if subject is not None and edge in _CONTENT_DEPS:
                    folded = subject
                    break
            h, p, n = _cues(node)
            hypothetical |= h
            planned |= p
            # negation counts on the trigger's own verb only (or a nominal's verb)
            if step == 0 or (step == 1 and token.pos_ in ("NOUN", "PROPN")):
                negated |= n
            if step <= 1 and any(c.dep_ == "advmod" and c.lower_ in _HABITUAL
                                 for c in node.children):
                habitual = True
            lemma = node.lemma_.lower()
            if step > 0 and lemma in _CLAIM_HEADS:
                claimed = True
                # "claimed responsibility for", "accused X of", "claimed the attack": an
                # attribution; "claimed to have killed", "claimed that": a report of the act
                # an act in a clause beside the claim ("after the clashes, X claimed the
                # killing") is the claim's setting: attributed too
                attributed |= lemma in _ATTRIBUTION_HEADS or (
                    step == 1 and token.dep_ == "dobj" and token.pos_ in ("NOUN", "PROPN")
                ) or any(t.dep_ in ("advcl", "prep") for t in path[:step])
            if step == 0 and any(c.dep_ == "amod" and c.lower_ in _ALLEGED
                                 for c in node.children):
                claimed = attributed = True  # "its alleged chemical attack"
            if step > 0 and lemma in _DENY_HEADS:
                denied = True
        clause = _clause_head(token)
        is_historical = any(
            clause.left_edge.i <= first and last <= clause.right_edge.i
            for first, last in historical
        )
        if trig.plover == "DEMAND":
            mode = "demanded"
        elif trig.plover == "THREATEN":
            mode = "threatened"
        else:
            mode = "occurred"
        if denied or negated:
            mode = "denied"
        elif hypothetical:
            mode = "hypothetical"
        elif planned:
            mode = "planned"
        elif claimed:
            mode = "claimed"
        elif is_historical or habitual:
            mode = "historical"
        result.append(Moded(trig, mode, folded, _is_anaphoric(token),
                            attributed=mode == "claimed" and attributed))
    return _settle(result)


def _own_act(trig: Trigger, governor: Trigger, chain: list[Token]) -> bool:
    """An act of violence that is the subject or object of another, non-demand action is
    an act of its own ("the missile destroyed the ship", "an exchange of shelling",
    "exchanged shelling"); as the content of a demand or threat, or as its setting ("agreed
    a ceasefire after the fighting"), it is part of that action."""
    if trig.plover != "ASSAULT" or governor.plover in ("DEMAND", "THREATEN"):
        return False
    deps = [t.dep_ for t in chain]
    if deps in (["nsubj"], ["nsubjpass"], ["dobj"], ["compound"]):
        return True
    return deps == ["pobj", "prep"] and chain[1].lower_ == "of"


def _demand_subject(node: Token, by_head: dict[int, int], triggers: list[Trigger]) -> int | None:
    """For "these conditions *included* X" / "the demands *were* X": the demand trigger."""
    if node.lemma_.lower() not in _SPECIFYING_VERBS:
        return None
    for child in node.children:
        if child.dep_ in ("nsubj", "nsubjpass") and child.i in by_head:
            k = by_head[child.i]
            if triggers[k].plover in ("DEMAND", "THREATEN"):
                return k
    return None


def _settle(moded: list[Moded]) -> list[Moded]:
    """Folded triggers take their governor's mode; a governor that receives content is no
    longer a mere back-reference ("these conditions included surrendering weapons")."""
    receives = {m.folded_into for m in moded if m.folded_into is not None}
    out = []
    for k, m in enumerate(moded):
        if m.folded_into is not None:
            governor = moded[m.folded_into]
            if governor.mode in ("hypothetical", "historical", "denied", "claimed", "planned"):
                mode = governor.mode
            else:
                mode = {"DEMAND": "demanded", "THREATEN": "threatened"}.get(
                    governor.trigger.plover, m.mode
                )
            out.append(Moded(m.trigger, mode, m.folded_into, m.anaphoric,
                             attributed=mode == "claimed" and governor.attributed))
        elif m.anaphoric and k in receives:
            out.append(Moded(m.trigger, m.mode, None, False, attributed=m.attributed))
        else:
            out.append(m)
    return out


def _clause_head(token: Token) -> Token:
    """The verb heading the clause a token belongs to (the token itself for verbs)."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node
