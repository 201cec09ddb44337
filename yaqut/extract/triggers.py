"""Event triggers: the words that say an action happened, was demanded or was threatened.

The lexicon is data (``yaqut/data/triggers.tsv``): a lemma or a multi-word lemma sequence,
the part of speech its head must have, its PLOVER type and a cue for the ACLED
sub-event classifier. Two entry points:

- :func:`may_hold_trigger` is a cheap surface-form test used before parsing, so the
  dependency parser only runs on sentences that can hold an event (the cascade);
- :func:`find_triggers` matches lemmas on a parsed sentence.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from yaqut import lexicon as word_files

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


@dataclass(frozen=True, slots=True)
class LexEntry:
    lemmas: tuple[str, ...]
    pos: str  # VERB, NOUN or ANY
    plover: str
    cue: str | None


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger found in a parsed sentence (token indices are the sentence doc's)."""

    head: int  # index of the head token (first token of a verb entry, last of a noun)
    first: int  # first token index of the match
    last: int  # last token index of the match (inclusive)
    plover: str
    cue: str | None
    lemma: str
    # the word only says who someone is ("a soldier fighting against Isis"): no act of the
    # incident (the type ignores it; the incidents stage tells why it is not reported)
    describes: bool = False


@functools.lru_cache(maxsize=1)
def lexicon() -> tuple[LexEntry, ...]:
    """The trigger lexicon, read once from the shipped TSV."""
    text = resources.files("yaqut.data").joinpath("triggers.tsv").read_text(encoding="utf-8")
    entries = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, pos, plover, cue = line.split("\t")
        entries.append(
            LexEntry(tuple(lemma.split()), pos, plover, None if cue == "-" else cue)
        )
    return tuple(entries)


@functools.lru_cache(maxsize=1)
def _by_first_lemma() -> dict[str, tuple[LexEntry, ...]]:
    table: dict[str, list[LexEntry]] = {}
    for entry in lexicon():
        table.setdefault(entry.lemmas[0], []).append(entry)
    # longest sequences first, so "air strike" wins over "air"
    return {k: tuple(sorted(v, key=lambda e: -len(e.lemmas))) for k, v in table.items()}


def _stem(word: str) -> str:
    """A prefix that every inflection of ``word`` starts with (crude but safe for a filter)."""
    irregular = word_files.mapping("extract_trigger_stems")
    if word in irregular:
        return irregular[word]
    for suffix in ("e", "y"):
        if word.endswith(suffix) and len(word) > 4:
            return word[: -len(suffix)]
    return word


@functools.lru_cache(maxsize=1)
def _prefilter() -> re.Pattern[str]:
    stems = sorted({_stem(e.lemmas[0]) for e in lexicon()}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(stems) + r")", re.IGNORECASE)


def may_hold_trigger(text: str) -> bool:
    """True when some inflection of a trigger word may occur in ``text`` (no parse needed)."""
    return _prefilter().search(text) is not None


def _pos_ok(token: Token, pos: str) -> bool:
    if pos == "ANY":
        return token.pos_ in ("VERB", "NOUN", "PROPN", "AUX", "ADJ")
    if pos == "VERB":
        return token.pos_ in ("VERB", "AUX")
    return token.pos_ in ("NOUN", "PROPN")


def _lemmas(token: Token) -> tuple[str, ...]:
    """The parser's lemma and, for a regular inflection the lemmatiser got wrong ("raped" ->
    "rap"), the lemmas its ending allows ("rape")."""
    lemma = token.lemma_.lower()
    low = token.lower_
    out = [lemma]
    for suffix in ("ing", "ed", "es", "s", "d"):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            stem = low[: -len(suffix)]
            out += [stem, stem + "e"]
    return tuple(dict.fromkeys(out))


def find_triggers(sent: SpacySpan) -> list[Trigger]:
    """Every trigger in a parsed sentence, longest match first, non-overlapping."""
    table = _by_first_lemma()
    tokens = list(sent)
    found: list[Trigger] = []
    taken: set[int] = set()
    for k, token in enumerate(tokens):
        if token.i in taken:
            continue
        entries = [e for lemma in _lemmas(token) for e in table.get(lemma, ())]
        entries.sort(key=lambda e: -len(e.lemmas))
        for entry in entries:
            n = len(entry.lemmas)
            if k + n > len(tokens):
                continue
            window = tokens[k : k + n]
            if any(w not in _lemmas(t) for t, w in zip(window, entry.lemmas, strict=True)):
                continue
            head = window[0] if entry.pos == "VERB" else window[-1]
            if not _pos_ok(head, entry.pos):
                continue
            if entry.pos == "VERB" and head.dep_ == "amod" and head.tag_ != "VBD":
                continue  # a participle describing a state ("the besieged town")
            if _describes(head, entry, table):
                continue
            found.append(
                Trigger(head.i, window[0].i, window[-1].i, entry.plover, entry.cue,
                        " ".join(entry.lemmas), describes=_who_they_are(head, entry))
            )
            taken.update(t.i for t in window)
            break
    found = [_body_found(sent, t) for t in found]
    for token in tokens:  # "opened small arms fire at", "opened heavy machine gun fire on"
        if token.i in taken or token.lemma_.lower() not in _FIRE_NOUNS:
            continue
        verb = token.head
        if token.dep_ == "dobj" and verb.lemma_.lower() == "open" and verb.i not in taken:
            found.append(Trigger(verb.i, verb.i, token.i, "ASSAULT", "shoot", "open fire"))
            taken.update((verb.i, token.i))
    return sorted(found, key=lambda t: t.first)


_FIRE_NOUNS = frozenset({"fire", "gunfire"})


def _who_they_are(head: Token, entry: LexEntry) -> bool:
    """A fight as what a person does ("a soldier fighting against Isis", "fighters battling
    the army": a present participle on a noun) says who they are, not what happened."""
    return entry.cue == "clash" and head.dep_ == "acl" and head.lower_.endswith("ing")


def _describes(head: Token, entry: LexEntry, table: dict[str, tuple[LexEntry, ...]]) -> bool:
    """Does the trigger word only describe something rather than tell that it happened?
    Holding a place told in the present tense ("the militias that control the enclave"),
    or a fight or attack noun modifying a noun that is no trigger itself ("battle lines",
    "attack helicopters"; but "a bomb attack" stays, and so do weapons: "sarin gas",
    "mortar shells")."""
    if head.tag_ in ("VBP", "VBZ") and " ".join(entry.lemmas) in word_files.words(
            "extract_trigger_holding"):
        return True  # "the militias that control the enclave": who holds it, not a taking
    return (entry.cue in ("clash", "attack") and head.dep_ == "compound"
            and head.pos_ in ("NOUN", "PROPN") and head.head.lemma_.lower() not in table)
_BODY_NOUNS = frozenset({"body", "corpse", "remains", "remain-s", "carcass"})


def _body_found(sent: SpacySpan, trig: Trigger) -> Trigger:
    """A body found ("the body of a fighter was found", "found the bodies of two men")
    tells of a killing: the find is the trace of an assault whose author is unknown."""
    if trig.cue != "find":
        return trig
    verb = sent.doc[trig.head]
    for child in verb.children:
        if child.dep_ in ("nsubjpass", "dobj", "nsubj") and \
                child.lemma_.lower() in _BODY_NOUNS | {"bodies"}:
            return Trigger(trig.head, trig.first, trig.last, "ASSAULT", "kill", trig.lemma)
    return trig
