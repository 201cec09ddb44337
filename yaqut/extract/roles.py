"""Who did it and to whom: the agent and the patient of an action, from the dependency parse.

:func:`find_roles` reads the parse around one trigger and returns character spans
(absolute offsets) of the phrases that hold its sides; the assembler then takes the actor
mentions inside them. The rules, each shown by a test on a sentence of our own:

- the subject of an active verb is the agent, its object the patient ("rebels attacked
  the checkpoint");
- passive voice: the subject is the patient, the ``by`` phrase the agent ("two soldiers
  were killed by a Turkish drone"); a nominal trigger's own ``by`` phrase is its agent too
  ("the shelling by regime forces");
- "at the hands of X" names the agent, never a patient;
- ``with``, ``on``, ``against``, ``at``, ``upon``, ``toward(s)``, ``to`` after the verb or
  the nominal trigger introduce the other side ("clashed with IS", "an attack on a
  checkpoint"); ``between``/``among`` name both sides;
- a backer is no side: the ``by`` phrase of "backed by", "supported by", "aided by",
  "sponsored by", "funded by", "armed by" (and "with the support of") is returned as
  ``associated`` and left out of the agents and patients ("rebels backed by Turkey took
  the town": the rebels took it; Turkey is associated);
- an action joined to or completing another verb without a subject of its own takes that
  verb's agent ("regime forces continued to shell the town", "gunmen stormed the house
  and killed two men");
- the passive subject of a verb of firing is the weapon, not the victim: its owner is the
  agent ("Israeli missiles were fired at the port"); what "fell to" someone was taken by
  them ("the town fell to rebel forces");
- a nominal trigger's adjective or noun modifier names its agent ("a Turkish assault", "a
  coalition strike");
- a pronoun subject of a clause reported by a speaker is the speaker ("rebels said they had
  entered the town": the rebels entered it).

:func:`find_sources` gives the speakers of a sentence ("the UN said", "according to
monitors"): sources of the report, not sides. :func:`find_claimants` gives the groups that
"claimed responsibility" for an attack: ACLED codes the claimant as its perpetrator.

The victim of an action is its patient, so it becomes actor2: the assembler never makes the
patient actor1 when an agent is named.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from yaqut import lexicon

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

__all__ = ["Roles", "find_claimants", "find_roles", "find_sources"]

Spans = tuple[tuple[int, int], ...]

_AGENT_DEPS = frozenset({"nsubj", "csubj"})
_PASSIVE_SUBJECT = frozenset({"nsubjpass", "csubjpass"})
_PATIENT_DEPS = frozenset({"dobj", "dative", "iobj"})
_PATIENT_PREPS = frozenset({"with", "on", "against", "at", "upon", "toward", "towards", "to"})
_BOTH_PREPS = frozenset({"between", "among", "amongst"})
_BACKING = frozenset({"back", "support", "aid", "assist", "sponsor", "fund", "arm", "help",
                      "cover", "accompany"})
_PRONOUNS = frozenset({"they", "it", "he", "she", "we"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})


@dataclass(frozen=True, slots=True)
class Roles:
    """Spans (absolute character offsets) holding the sides of one action."""

    agents: Spans = ()
    patients: Spans = ()
    both: Spans = ()  # "between A and B": both sides
    associated: Spans = ()  # backers and supporters: no side


def _span(token: Token, base: int) -> tuple[int, int]:
    return base + token.left_edge.idx, base + token.right_edge.idx + len(token.right_edge)


def _pobjs(prep: Token) -> list[Token]:
    return [g for g in prep.children if g.dep_ == "pobj"]


def _hands_of(prep: Token) -> list[Token]:
    """"at the hands of X" -> [X] (empty for any other ``at`` phrase)."""
    if prep.lower_ != "at":
        return []
    for hands in _pobjs(prep):
        if hands.lower_ in ("hands", "hand"):
            return [g for of in hands.children if of.dep_ == "prep" and of.lower_ == "of"
                    for g in _pobjs(of)]
    return []


def _backers(doc: Doc, base: int) -> list[tuple[int, int]]:
    """The ``by`` phrases of backing participles and "with the support of X" phrases."""
    out: list[tuple[int, int]] = []
    for tok in doc:
        if tok.lemma_.lower() in _BACKING and tok.tag_ == "VBN":
            for child in tok.children:
                if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                    out.extend(_span(g, base) for g in _pobjs(child))
        if tok.lower_ in ("support", "backing", "help", "cover") and tok.dep_ == "pobj" \
                and tok.head.lower_ in ("with", "under"):
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    out.extend(_span(g, base) for g in _pobjs(child))
    return out


def _governor(trigger: Token) -> Token:
    gov = trigger
    while gov.pos_ not in ("VERB", "AUX") and gov.head.i != gov.i:
        gov = gov.head
    return gov


def _from_children(head: Token, skip: int, base: int, plover: str,
                   out: dict[str, list[tuple[int, int]]]) -> None:
    for child in head.children:
        if child.i == skip:
            continue
        dep = child.dep_
        if dep in _AGENT_DEPS:
            out["agents"].append(_span(child, base))
        elif dep in _PASSIVE_SUBJECT and head.lemma_.lower() in lexicon.words(
                "extract_roles_projectile"):
            out["agents"].append(_span(child, base))  # "Israeli missiles were fired at X"
        elif dep in _PASSIVE_SUBJECT:
            out["patients"].append(_span(child, base))
        elif dep == "prep" and child.lower_ == "to" and head.lemma_.lower() == "fall":
            out["agents"].extend(_span(g, base) for g in _pobjs(child))  # "fell to rebels"
        elif dep == "agent":
            out["agents"].extend(_span(g, base) for g in _pobjs(child))
        elif dep in _PATIENT_DEPS:
            out["patients"].append(_span(child, base))
        elif dep == "prep" and _hands_of(child):
            out["agents"].extend(_span(g, base) for g in _hands_of(child))
        elif dep == "prep" and child.lower_ in _PATIENT_PREPS:
            out["patients"].extend(_span(g, base) for g in _pobjs(child))
        elif dep == "prep" and child.lower_ in _BOTH_PREPS:
            out["both"].extend(_span(g, base) for g in _pobjs(child))
        elif dep == "ccomp" and plover in ("DEMAND", "THREATEN"):
            # "demanded that the residents leave": the residents are the ones asked
            out["patients"].extend(_span(g, base) for g in child.children
                                   if g.dep_ in _AGENT_DEPS)


def find_roles(doc: Doc, trigger: int, plover: str, base: int = 0, clause: bool = True
               ) -> Roles:
    """The sides of the action whose trigger head is ``doc[trigger]`` (a parsed sentence
    starting at character ``base`` of the report). See the module docstring. ``clause``:
    an action with no agent of its own takes its clause's subject (news articles; ACLED's
    one-incident notes name their sides where they act)."""
    t = doc[trigger]
    gov = _governor(t)
    out: dict[str, list[tuple[int, int]]] = {"agents": [], "patients": [], "both": []}
    _from_children(gov, t.i, base, plover, out)
    # "regime forces continued to fight IS", "gunmen attacked X and killed Y": the subject
    # of the verb this one completes or is joined to
    head = gov
    while not out["agents"] and head.dep_ in ("xcomp", "conj") and head.head.i != head.i:
        head = head.head
        for child in head.children:
            if child.dep_ in _AGENT_DEPS:
                out["agents"].append(_span(child, base))
            elif child.dep_ == "agent":
                out["agents"].extend(_span(g, base) for g in _pobjs(child))
    _reported_speaker(doc, gov, base, out)
    if clause and not out["agents"] and not out["both"]:
        _clause_subject(gov, base, out)
    if t.i != gov.i:  # a nominal trigger: its owner, its by-phrase, its other side
        for child in t.children:
            if child.dep_ in _MODIFIER_DEPS and child.i < t.i and (
                    child.dep_ != "amod" or child.text[:1].isupper()):
                out["agents"].append(_span(child, base))  # "a Turkish assault"
            elif child.dep_ == "poss":
                out["agents"].append(_span(child, base))
            elif child.dep_ == "prep" and child.lower_ == "by":
                out["agents"].extend(_span(g, base) for g in _pobjs(child))
            elif child.dep_ == "prep" and child.lower_ in _PATIENT_PREPS:
                out["patients"].extend(_span(g, base) for g in _pobjs(child))
            elif child.dep_ == "prep" and child.lower_ in _BOTH_PREPS:
                out["both"].extend(_span(g, base) for g in _pobjs(child))
    return Roles(agents=tuple(out["agents"]), patients=tuple(out["patients"]),
                 both=tuple(out["both"]), associated=tuple(_backers(doc, base)))


def _clause_subject(gov: Token, base: int, out: dict[str, list[tuple[int, int]]]) -> None:
    """"The army drove IS out of the town following a government offensive": an action
    with no agent of its own is done by the subject of the clause it sits in (the nearest
    verb above it with an active subject), never by a speaker, to that verb's object."""
    node = gov
    while node.head.i != node.i:
        node = node.head
        if node.pos_ not in ("VERB", "AUX"):
            continue
        if node.lemma_.lower() in lexicon.words("extract_roles_speech"):
            return
        subjects = [c for c in node.children if c.dep_ in _AGENT_DEPS]
        if subjects:
            out["agents"].extend(_span(c, base) for c in subjects)
            if not out["patients"]:  # and the clause's object its other side
                out["patients"].extend(_span(c, base) for c in node.children
                                       if c.dep_ == "dobj")
            return
        if any(c.dep_ in _PASSIVE_SUBJECT for c in node.children):
            return


def _reported_speaker(doc: Doc, gov: Token, base: int,
                      out: dict[str, list[tuple[int, int]]]) -> None:
    """"Rebels said they had entered the town": a pronoun subject of a reported clause is
    its speaker."""
    if gov.dep_ != "ccomp" or gov.head.lemma_.lower() not in lexicon.words(
            "extract_roles_speech"):
        return
    pronoun = [c for c in gov.children if c.dep_ in _AGENT_DEPS and c.lower_ in _PRONOUNS]
    if not pronoun:
        return
    speakers = [c for c in gov.head.children if c.dep_ in _AGENT_DEPS]
    if speakers:
        drop = _span(pronoun[0], base)
        out["agents"] = [s for s in out["agents"] if s != drop]
        out["agents"].extend(_span(s, base) for s in speakers)


def find_sources(doc: Doc, base: int = 0) -> Spans:
    """Spans of a sentence's speakers: the subjects of verbs of saying ("the UN and monitors
    said") and what follows "according to". A source is not a side of what it reports."""
    speech = lexicon.words("extract_roles_speech")
    out: list[tuple[int, int]] = []
    heads: list[Token] = []
    for tok in doc:
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in speech and (
                tok.tag_ != "VBN" or any(c.dep_ == "aux" for c in tok.children)):
            # a finite verb: "with no casualties reported" has no speaker
            heads.extend(c for c in tok.children if c.dep_ in _AGENT_DEPS)
        elif tok.lower_ == "according" and tok.dep_ == "prep":
            for to in tok.children:
                if to.lower_ == "to":
                    heads.extend(_pobjs(to))
    while heads:  # "the UN and monitors": each conjunct, without its clauses
        head = heads.pop()
        out.append((base + head.left_edge.idx, base + head.idx + len(head)))
        heads.extend(c for c in head.children if c.dep_ == "conj")
    return tuple(sorted(out))


def find_claimants(doc: Doc, base: int = 0) -> Spans:
    """Spans of the groups that "claimed responsibility" (or credit) for an act."""
    out: list[tuple[int, int]] = []
    for tok in doc:
        if tok.lemma_.lower() in ("claim", "take", "accept") and any(
                c.dep_ == "dobj" and c.lower_ in ("responsibility", "credit")
                for c in tok.children):
            out.extend(_span(c, base) for c in tok.children if c.dep_ in _AGENT_DEPS)
    return tuple(out)
