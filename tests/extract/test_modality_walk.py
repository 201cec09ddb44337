"""The modality walk on long sentences (no model: parses built by hand). The upper part of
each trigger's walk to the root is shared between triggers (that is what makes a long
sentence cost its length); these check that a trigger deep in a chain gets the answer a
shallow one gets, whichever trigger's walk passed a node first."""

from __future__ import annotations

import functools

import spacy
from spacy.tokens import Doc

from yaqut.extract.modality import assign_modes
from yaqut.extract.triggers import Trigger


@functools.lru_cache(maxsize=1)
def _vocab():
    return spacy.blank("en").vocab  # English lexical attributes (lower_), no model


def chain(top: list[tuple[str, str, str, str, int]], links: int, link_dep: str = "conj"
          ) -> tuple[Doc, list[Trigger]]:
    """``top`` tokens (word, lemma, pos, dep, head index), then ``links`` x "and shelled"
    hanging one below the other from the last top token by ``link_dep``."""
    words, lemmas, pos, deps, heads = ([t[i] for t in top] for i in range(5))
    previous = len(top) - 1
    for _ in range(links):
        words += ["and", "shelled"]
        lemmas += ["and", "shell"]
        pos += ["CCONJ", "VERB"]
        deps += ["cc", link_dep]
        verb = len(words) - 1
        heads += [verb, previous]
        previous = verb
    doc = Doc(_vocab(), words=words, lemmas=lemmas, pos=pos, deps=deps, heads=heads)
    triggers = [Trigger(t.i, t.i, t.i, "ASSAULT", None, "shell") for t in doc
                if t.lemma_ == "shell"]
    return doc, triggers


CLAIMED = [  # "They claimed that fighters shelled ..."
    ("They", "they", "PRON", "nsubj", 1),
    ("claimed", "claim", "VERB", "ROOT", 1),
    ("that", "that", "SCONJ", "mark", 4),
    ("fighters", "fighter", "NOUN", "nsubj", 4),
    ("shelled", "shell", "VERB", "ccomp", 1),
]


def test_every_act_in_a_long_chain_under_a_claim_is_claimed_as_reported():
    doc, triggers = chain(CLAIMED, 40)
    moded = assign_modes(doc, triggers)
    assert len(moded) == 41
    assert {(m.mode, m.attributed, m.folded_into) for m in moded} == {("claimed", False, None)}


def test_an_adverbial_clause_on_the_way_to_the_claim_makes_every_act_attributed():
    top = [t if t[0] != "shelled" else ("shelled", "shell", "VERB", "advcl", 1)
           for t in CLAIMED]
    doc, triggers = chain(top, 40)
    assert {(m.mode, m.attributed) for m in assign_modes(doc, triggers)} == {("claimed", True)}


def test_a_chain_under_would_is_hypothetical_at_any_depth():
    top = [
        ("Forces", "force", "NOUN", "nsubj", 2),
        ("would", "would", "AUX", "aux", 2),
        ("shell", "shell", "VERB", "ROOT", 2),
    ]
    doc, triggers = chain(top, 30)
    moded = assign_modes(doc, triggers)
    assert len(moded) == 31 and {m.mode for m in moded} == {"hypothetical"}


def test_a_chain_of_content_under_a_threat_folds_into_it():
    top = [
        ("They", "they", "PRON", "nsubj", 1),
        ("threatened", "threaten", "VERB", "ROOT", 1),
        ("to", "to", "PART", "aux", 3),
        ("shelled", "shell", "VERB", "xcomp", 1),
    ]
    doc, triggers = chain(top, 20, link_dep="xcomp")
    threat = Trigger(1, 1, 1, "THREATEN", None, "threaten")
    moded = assign_modes(doc, [threat, *triggers])
    # the first act folds into the threat, each deeper one into the act above it
    assert [m.folded_into for m in moded[1:]] == list(range(21))
    assert moded[0].mode == moded[1].mode == "threatened"
