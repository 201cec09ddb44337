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

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from yaqut import lexicon
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


def _is_anaphoric(token: Token, children: list[Token]) -> bool:
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    for child in children:
        if child.dep_ in ("det", "poss") and child.lower_ in _ANAPHORIC_DETS:
            return True
    return False


class _Tree:
    """One parse, read once: every token's children, and per token the answers that do
    not depend on which trigger is asked about (cues, clause head, the walk from a node to
    the root), kept, so a long sentence costs about its length and not length x depth x
    children (an 8,000-word sentence took 105 s)."""

    def __init__(self, doc: Doc, triggers: list[Trigger]) -> None:
        self.tokens = list(doc)
        self.children: list[list[Token]] = [[] for _ in self.tokens]
        self.head = [t.head.i for t in self.tokens]
        for t in self.tokens:
            if self.head[t.i] != t.i:
                self.children[self.head[t.i]].append(t)  # in index order, as spaCy's
        self.triggers = triggers
        self.by_head = {t.head: k for k, t in enumerate(triggers)}
        self._cues: dict[int, tuple[bool, bool, bool]] = {}
        self._subject: dict[int, int | None] = {}
        self._clause: dict[int, Token] = {}
        self._rest: dict[tuple[int, bool, bool], tuple[int | None, tuple[bool, ...]]] = {}

    def cues(self, i: int) -> tuple[bool, bool, bool]:
        if i not in self._cues:
            self._cues[i] = _cues(self.tokens[i], self.children[i])
        return self._cues[i]

    def demand_subject(self, i: int) -> int | None:
        if i not in self._subject:
            self._subject[i] = _demand_subject(self.tokens[i], self.children[i], self.by_head,
                                               self.triggers)
        return self._subject[i]

    def clause_head(self, i: int) -> Token:
        """The verb heading the clause a token belongs to (the token itself for verbs)."""
        walked = []
        node = i
        while node not in self._clause and self.tokens[node].pos_ not in ("VERB", "AUX") \
                and self.head[node] != node:
            walked.append(node)
            node = self.head[node]
        found = self._clause.get(node, self.tokens[node])
        for k in walked + [node]:
            self._clause[k] = found
        return found

    def rest(self, child: int, nominal: bool, adv: bool) -> tuple[int | None, tuple[bool, ...]]:
        """The walk from ``child``'s head to the root, three or more steps above a trigger,
        where nothing depends on the trigger but whether it is nominal and whether an advcl
        or prep edge was crossed (``adv``): (folded into, (hypothetical, planned, claimed,
        attributed, denied)). Iterative, and kept for every node it passes."""
        chain = []
        key = (child, nominal, adv)
        while key not in self._rest:
            node = self.head[child]
            folded, flags, stop = self._step(child, node, nominal, adv)
            if stop or self.head[node] == node:
                self._rest[key] = (folded, flags)
                break
            chain.append((key, flags))
            adv = adv or self.tokens[node].dep_ in _CLAIM_SETTING_DEPS
            child, key = node, (node, nominal, adv)
        folded, flags = self._rest[key]
        for earlier, own in reversed(chain):
            flags = tuple(a or b for a, b in zip(own, flags, strict=True))
            self._rest[earlier] = (folded, flags)
        return folded, flags

    def _step(self, child: int, node: int, nominal: bool, adv: bool
              ) -> tuple[int | None, tuple[bool, ...], bool]:
        """One step of :meth:`rest` onto ``node`` from ``child``: (folded, flags, stop)."""
        below = self.tokens[child]
        if below.dep_ == "prep" and below.lower_ in _SETTING_PREPS and nominal:
            return None, _NO_FLAGS, True
        if node in self.by_head and below.dep_ not in _BOUNDARY_DEPS:
            return self.by_head[node], _NO_FLAGS, True
        subject = self.demand_subject(node)
        if subject is not None and below.dep_ in _CONTENT_DEPS:
            return subject, _NO_FLAGS, True
        hypothetical, planned, _ = self.cues(node)
        lemma = self.tokens[node].lemma_.lower()
        claimed = lemma in _CLAIM_HEADS
        attributed = claimed and (lemma in _ATTRIBUTION_HEADS or adv)
        return None, (hypothetical, planned, claimed, attributed, lemma in _DENY_HEADS), False


_NO_FLAGS = (False,) * 5
_CLAIM_SETTING_DEPS = frozenset({"advcl", "prep"})  # a claim across these attributes the act
_EXPLICIT_STEPS = 3  # steps 0-2 of a walk depend on the trigger; from 3 on, rest() is shared


def _cues(token: Token, children: list[Token]) -> tuple[bool, bool, bool]:
    """(hypothetical, planned, negated) cues carried by one token on a path."""
    hypothetical = planned = negated = False
    lemma = token.lemma_.lower()
    if lemma in _HYPOTHETICAL_WORDS or lemma in lexicon.words("extract_modality_non_realis"):
        hypothetical = True
    if lemma in lexicon.words("extract_modality_planned"):
        planned = True
    for child in children:
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


def assign_modes(
    doc: Doc, triggers: list[Trigger], historical: Sequence[tuple[int, int]] = ()
) -> list[Moded]:
    """The mode of every trigger of one parsed sentence.

    ``historical`` lists (first, last) token ranges of date expressions that put their
    clause well before the report; a trigger whose clause holds one is historical.
    """
    tree = _Tree(doc, triggers)
    result: list[Moded] = []
    for trig in triggers:
        token = tree.tokens[trig.head]
        walk = _walk(tree, trig)
        clause = tree.clause_head(token.i)
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
        if walk.denied or walk.negated:
            mode = "denied"
        elif walk.hypothetical:
            mode = "hypothetical"
        elif walk.planned:
            mode = "planned"
        elif walk.claimed:
            mode = "claimed"
        elif is_historical or walk.habitual:
            mode = "historical"
        result.append(Moded(trig, mode, walk.folded,
                            _is_anaphoric(token, tree.children[token.i]),
                            attributed=mode == "claimed" and walk.attributed))
    return _settle(result)


@dataclass(slots=True)
class _Walk:
    """What the walk from a trigger to the root of its sentence found."""

    folded: int | None = None
    hypothetical: bool = False
    planned: bool = False
    negated: bool = False
    claimed: bool = False
    denied: bool = False
    habitual: bool = False
    attributed: bool = False

    def add(self, folded: int | None, flags: tuple[bool, ...]) -> _Walk:
        hypothetical, planned, claimed, attributed, denied = flags
        self.folded = folded
        self.hypothetical |= hypothetical
        self.planned |= planned
        self.claimed |= claimed
        self.attributed |= attributed
        self.denied |= denied
        return self


def _walk(tree: _Tree, trig: Trigger) -> _Walk:
    """Climb from the trigger towards the root of its sentence, gathering its mode's cues
    and stopping where it folds into a governing trigger (a demand, a threat ...). The
    first steps look at the trigger itself; the rest is :meth:`_Tree.rest`, shared."""
    token = tree.tokens[trig.head]
    nominal = token.pos_ in ("NOUN", "PROPN")
    path = [token]
    found = _Walk()
    for step in range(_EXPLICIT_STEPS):
        node = path[step]
        if step > 1 and path[step - 1].dep_ == "prep" and \
                path[step - 1].lower_ in _SETTING_PREPS and nominal:
            return found  # "attempted to advance during clashes": the clashes happened anyway
        if step > 0:
            edge = path[step - 1].dep_  # how the path enters ``node``
            if node.i in tree.by_head and edge not in _BOUNDARY_DEPS and not _own_act(
                    trig, tree.triggers[tree.by_head[node.i]], path[:step]):
                found.folded = tree.by_head[node.i]
                return found
            subject = tree.demand_subject(node.i)
            if subject is not None and edge in _CONTENT_DEPS:
                found.folded = subject
                return found
        h, p, n = tree.cues(node.i)
        found.hypothetical |= h
        found.planned |= p
        # negation counts on the trigger's own verb only (or a nominal's verb)
        if step == 0 or (step == 1 and nominal):
            found.negated |= n
        if step <= 1 and any(c.dep_ == "advmod" and c.lower_ in _HABITUAL
                             for c in tree.children[node.i]):
            found.habitual = True
        lemma = node.lemma_.lower()
        if step > 0 and lemma in _CLAIM_HEADS:
            found.claimed = True
            # "claimed responsibility for", "accused X of", "claimed the attack": an
            # attribution; "claimed to have killed", "claimed that": a report of the act
            # an act in a clause beside the claim ("after the clashes, X claimed the
            # killing") is the claim's setting: attributed too
            found.attributed |= lemma in _ATTRIBUTION_HEADS or (
                step == 1 and token.dep_ == "dobj" and nominal
            ) or any(t.dep_ in _CLAIM_SETTING_DEPS for t in path[:step])
        if step == 0 and any(c.dep_ == "amod" and c.lower_ in _ALLEGED
                             for c in tree.children[node.i]):
            found.claimed = found.attributed = True  # "its alleged chemical attack"
        if step > 0 and lemma in _DENY_HEADS:
            found.denied = True
        if tree.head[node.i] == node.i:
            return found  # the root
        path.append(tree.tokens[tree.head[node.i]])
    adv = any(t.dep_ in _CLAIM_SETTING_DEPS for t in path[:_EXPLICIT_STEPS])
    return found.add(*tree.rest(path[_EXPLICIT_STEPS - 1].i, nominal, adv))


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


def _demand_subject(node: Token, children: list[Token], by_head: dict[int, int],
                    triggers: list[Trigger]) -> int | None:
    """For "these conditions *included* X" / "the demands *were* X": the demand trigger."""
    if node.lemma_.lower() not in _SPECIFYING_VERBS:
        return None
    for child in children:
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
