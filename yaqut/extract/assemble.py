"""Incidents from sentences: one Event per place + date + actor pair.

This is where an event's fields are decided. Reading a document in order:

- a sentence with an *eventive* action (occurred, demanded or threatened) and a place
  that is not the current incident's place (nor contains it) **starts an incident** there;
- a sentence that names no new place **continues** the current incident when it is
  eventive, or refers back to it ("During this meeting", "the town", "They further
  stated"); a precise date that differs from the incident's starts a new incident at the
  same place;
- a **background** sentence (all its actions historical or hypothetical) or a heading
  closes the current incident; links to other articles ("Read more: ...") are skipped;
- within a sentence, an action whose own clause names a place belonging to an earlier
  incident goes to that incident ("While negotiations in Homs appear to be ongoing, ...").

Each grouped incident is a *candidate*: :mod:`yaqut.extract.incidents` decides which
candidates report an incident (realis, specific, anchored, in scope), merges those of one
place and day, and marks background ones; every decision keeps its reason
(``yaqut explain``).

Field by field: location = the incident's most specific place (:func:`_pick_place`);
event_date = the first dated mention of its sentences, else a coarse month or week
(:func:`_coarse_date`); actor1/actor2 = the most specific agent and target of its actions
(:func:`_choose_actors`); type = :func:`yaqut.extract.classify.classify`; fatalities =
:func:`yaqut.extract.quantities.fatalities`; notes = :func:`yaqut.extract.notes.notes`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Protocol

from yaqut import lexicon
from yaqut.extract.actors import acled_country
from yaqut.extract.dates import undated_report_date
from yaqut.extract.incidents import Candidate, Decision, events_of, review
from yaqut.extract.modality import Moded
from yaqut.extract.notes import notes as write_notes
from yaqut.extract.quantities import split_share
from yaqut.extract.roles import find_claimants, find_roles, find_sources
from yaqut.extract.sentences import Sentence
from yaqut.geo.resolve import FACILITY_WORDS
from yaqut.records import (
    Action,
    Actor,
    Claim,
    DateMention,
    Document,
    Event,
    Place,
    Quantity,
    Span,
)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

# Modes that make an incident; a claimed act ("IS claimed to have assassinated ...") also
# does unless it is a mere attribution (Moded.eventive): ACLED codes claimed attacks.
EVENTIVE = frozenset({"occurred", "demanded", "threatened"})
BACKGROUND = frozenset({"historical", "hypothetical"})
# From the most to the least specific, in the gazetteer's order (``geo.gazetteer.LEVELS``):
# a named region or a compass part of a governorate ("Eastern Ghouta", "the northern
# countryside of Homs") is finer than its governorate and coarser than a district.
LEVEL_RANK = {
    "neighbourhood": 7,
    "community": 6,
    "city": 6,
    "admin3": 5,
    "admin2": 4,
    "region": 3,
    "admin1": 2,
    "country": 1,
}
_BACK_REFERENCE = re.compile(
    r"^\s*(?:they|he|she|it|this|these|those|the latter|the former)\b|"
    r"\b(?:the|this|that) (?:town|village|city|area|region|neighbourhood|neighborhood|"
    r"meeting|agreement|incident|attack|clashes|operation|raid|explosion|strike|deal)\b",
    re.IGNORECASE,
)
_TALLY = re.compile(
    r"^\s*(?:(?:there\s+(?:were|was)\s+)?(?:no|\d+|one|two|three|four|five|six|seven|eight|nine"
    r"|ten|unknown|total)(?:\s+(?:number\s+of|other))?\s+(?:fatalit(?:y|ies)|deaths|casualties)"
    r"|(?:neither\s+)?(?:injuries|fatalities|casualties)\s+(?:nor\s+\w+\s+)?(?:were\s+)?"
    r"(?:unknown|coded|reported|not\s+reported)"
    r"|(?:unknown\s+)?(?:fatalities|casualties)\s+(?:were\s+)?(?:coded|unknown))"
    r"[^.;]{0,60}[.;]?\s*$",
    re.IGNORECASE,
)
_PRONOUNS = frozenset({"they", "he", "she", "it", "we", "them"})
#: A report of at most this many sentences is a brief (an ACLED note, a wire item): it
#: tells one incident, dated and placed by its publication where it says no more.
BRIEF_SENTENCES = 8


@dataclass
class SentenceInfo:
    """Everything the stages found in one sentence (offsets absolute)."""

    sent: Sentence
    parse: Doc | None = None
    moded: list[Moded] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    @property
    def actions(self) -> list[Moded]:
        """Top-level actions: not folded into another, not mere back-references."""
        return [m for m in self.moded if m.folded_into is None and not m.anaphoric]

    @property
    def eventive(self) -> bool:
        return any(m.eventive for m in self.actions)

    @property
    def background(self) -> bool:
        acts = self.actions
        return bool(acts) and all(m.mode in BACKGROUND for m in acts)

    @property
    def refers_back(self) -> bool:
        return any(m.anaphoric for m in self.moded) or bool(_BACK_REFERENCE.search(self.sent.text))


@dataclass
class _ActionDraft:
    moded: Moded
    info: SentenceInfo
    start: int
    end: int
    agents: list[Actor]
    targets: list[Actor]
    participants: list[Actor]  # "between X and Y" / "among X"


@dataclass
class _Incident:
    place: Place | None
    first_sentence: int
    date: DateMention | None = None
    sentences: list[int] = field(default_factory=list)
    actions: list[_ActionDraft] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)


def focus_country(places: Sequence[Place], default: str = "") -> str:
    """The country a report is about: its places' countries weighted by how sure the
    resolver was of each; a country's own name counts a quarter, as it names a foreign
    side more often than the scene ("Turkey-backed factions", "pro-Iran militias"); ties
    go to the first named. One doubtful village abroad does not outweigh the rest.
    ``default`` when no place names a country (the Coder passes its focus setting)."""
    weight: dict[str, float] = {}
    for p in places:
        if p.country:
            w = p.score if p.score and p.score > 0 else 0.5
            weight[p.country] = weight.get(p.country, 0.0) + (w / 4 if p.level == "country"
                                                              else w)
    if not weight:
        return default
    return max(weight, key=lambda c: weight[c])  # max keeps the first of equals


class Context(Protocol):
    """What assembling asks of the coder (:class:`yaqut.coder.Coder` is one)."""

    def contains(self, outer: Place, inner: Place) -> bool: ...
    def fatalities(self, quantities: Sequence[Quantity]) -> int: ...
    def family(self, name: str) -> str: ...
    def inter_of(self, name: str) -> int | None: ...
    def interaction(self, inter1: int | None, inter2: int | None) -> int | None: ...
    def classify(
        self, actions: Sequence[Moded], text: str, inters: Iterable[int | None] = (),
        context: str | None = None,
    ) -> tuple[str, str, str] | None: ...


def assemble(doc: Document, infos: Sequence[SentenceInfo], ctx: Context,
             decisions: list[Decision] | None = None) -> list[Event]:
    """The incidents of one document as Events (see the module docstring): candidates
    grouped here, reviewed by :func:`yaqut.extract.incidents.review`. ``decisions``, when
    given, receives every candidate's decision and reason (for ``yaqut explain``)."""
    contains = ctx.contains
    incidents: list[_Incident] = []
    current: _Incident | None = None
    brief = sum(1 for i in infos if i.sent.kind == "text") <= BRIEF_SENTENCES
    article = not brief
    for k, info in enumerate(infos):
        kind = info.sent.kind
        if kind == "heading":
            current = None
            continue
        if kind == "link":
            continue
        if info.background and not info.eventive:
            current = None
            continue
        if info.eventive:
            current = _place_eventive(k, info, incidents, current, contains, article)
            continue
        # a bare tally ("1 fatality.", "Fatalities coded as 10.") counts the report's main
        # incident: the first of its paragraph
        if _TALLY.match(info.sent.text):
            main = next((i for i in incidents if i.actions
                         and infos[i.first_sentence].sent.paragraph == info.sent.paragraph), None)
            if main is not None:
                main.sentences.append(k)
                continue
        # no eventive action: it may still tell more about the current incident
        if current is not None and (
            info.refers_back or infos[current.sentences[-1]].sent.paragraph == info.sent.paragraph
        ):
            current.sentences.append(k)
    kept = [inc for inc in incidents if inc.actions]
    _place_unplaced(kept, infos, contains, article)
    focus = focus_country([p for info in infos for p in info.places], default="")
    candidates = []
    reach = _date_reach(infos, brief)
    for n, inc in enumerate(kept):
        inherited = _inherited_date(inc, infos, reach)
        event = _finish(doc, n, inc, infos, focus,
                        inherited or _coarse_date(inc, kept, doc.published),
                        ctx)
        own = inc.date is not None and inc.date.date is not None
        candidates.append(Candidate(
            n=n, event=event, sentences=[infos[k] for k in sorted(set(inc.sentences))],
            actions=[(d.moded, d.info) for d in inc.actions],
            dated="own" if own else "paragraph" if inherited else "none",
            level=inc.place.level if inc.place is not None else None, place=inc.place))
    decided = review(candidates, doc.published, doc.text, brief=brief, focus=focus)
    if decisions is not None:
        decisions.extend(decided)
    return events_of(decided)


# -- deciding which incident a sentence and its actions belong to ---------------------


def _place_eventive(
    k: int,
    info: SentenceInfo,
    incidents: list[_Incident],
    current: _Incident | None,
    contains: Callable[[Place, Place], bool],
    article: bool = False,
) -> _Incident:
    pick = _pick_place(_candidates(info, article), contains)
    dated = [d for d in info.dates if not d.historical and d.date is not None]
    new_date = dated[0] if dated else None
    relation = _relation(current.place if current else None, pick, contains) if pick else None

    if current is None:
        current = _Incident(place=pick, first_sentence=k, date=new_date)
        incidents.append(current)
    elif pick is not None and relation == "other":
        current = _Incident(place=pick, first_sentence=k, date=new_date)
        incidents.append(current)
    else:
        if pick is not None and (relation == "finer" or current.place is None):
            current.place = pick
        if new_date is not None:
            old = current.date
            if old is None or (old.precision or 9) > (new_date.precision or 9):
                current.date = new_date
            elif (
                old.precision == 1
                and new_date.precision == 1
                and old.date != new_date.date
                and old.date is not None
            ):
                current = _Incident(place=current.place, first_sentence=k, date=new_date)
                incidents.append(current)
    current.sentences.append(k)
    for m in info.actions:
        draft = _draft(m, info, article)
        target = _owner_by_clause(draft, info, current, incidents, contains) or current
        target.actions.append(draft)
        if target is not current and k not in target.sentences:
            target.sentences.append(k)
    return current


def _place_unplaced(
    kept: Sequence[_Incident],
    infos: Sequence[SentenceInfo],
    contains: Callable[[Place, Place], bool] | None = None,
    article: bool = False,
) -> None:
    """An incident whose eventive sentences name no place takes one from the sentences
    that tell more about it ("... in the Syrian Badiya. Coded as Tadmor."); when no
    incident of the report has a place, the first sentence that names one locates them
    ("FSA sniper targets SAA soldier in Homs countryside")."""
    def first_pick(ks: Sequence[int]) -> Place | None:
        for k in ks:
            if infos[k].sent.kind in ("heading", "link"):
                continue
            pick = _pick_place(_candidates(infos[k], article), contains)
            if pick is not None:
                return pick
        return None

    for inc in kept:
        if inc.place is None:
            inc.place = first_pick(sorted(inc.sentences))
    if kept and all(inc.place is None for inc in kept):
        pick = first_pick(range(len(infos)))
        for inc in kept:
            inc.place = pick


def _usable_places(info: SentenceInfo) -> list[Place]:
    """Places of a sentence that can locate an incident: not inside an actor's name
    ("Al Bab Communal Militia"). Places inside reported speech stay: news tells events
    through sources ("..., local activists said")."""
    out = []
    for p in info.places:
        if any(a.start is not None and a.end is not None and a.start <= p.start and p.end <= a.end
               and a.end - a.start > p.end - p.start for a in info.actors):
            continue
        out.append(p)
    return out


# "Daraa: Syrian Opposition conducted an offensive near Tafas.": a topic or dateline
# before a colon at the start of a sentence
_TOPIC = re.compile(r"^\s*[A-Z][\w'’ -]{1,40}:\s")
# "Al Sadd checkpoint which belongs to QSD in Al-Hasakeh city": a facility named after a
# place is not the settlement where it stands
_FACILITY_AFTER = re.compile(rf"['’]?s?\s+{FACILITY_WORDS}\b", re.IGNORECASE)
_POINT_LEVELS = frozenset({"community", "city", "neighbourhood"})


def _candidates(info: SentenceInfo, article: bool = False) -> list[Place]:
    """The places of a sentence that may locate its incident, in text order:

    - not inside an actor's name (:func:`_usable_places`);
    - not a topic or dateline before a colon ("Daraa: ... near Tafas") when the rest of
      the sentence names a place;
    - not a facility named after a place ("Al Sadd checkpoint") when the sentence names
      a settlement besides;
    - in an article (``article``: not a brief), not a place that acts, the subject of an
      active verb or a possessor ("Ankara launched an offensive into X", "Washington's
      plan"): it names a government, when
      the sentence names another place (:func:`_role`); never a name inside a longer
      proper name ("the Sydney Morning Herald"), nor a person's home town ("Jane Roe,
      31, from Leeds", :func:`_origin`);
    - those of the main clause (:func:`_main_clause`), unless it names no more than a
      country ("a Turkey backed rebel ... while driving in Suran town"): a country's
      name or adjective tells a side more often than the scene.
    """
    places = _usable_places(info)
    topic = _TOPIC.match(info.sent.text)
    if topic:
        cut = info.sent.start + topic.end()
        after = [p for p in places if p.start >= cut]
        if after:
            places = after
    text, base = info.sent.text, info.sent.start
    facilities = [p for p in places if _FACILITY_AFTER.match(text, p.end - base)]
    if facilities and any(p.level in _POINT_LEVELS for p in places if p not in facilities):
        places = [p for p in places if p not in facilities]
    if article:  # a brief names its scene plainly; an article names governments by capital
        places = [p for p in places if _role(p, info) not in ("name part", "origin")]
        acting = [p for p in places if _role(p, info) == "acts"]
        if acting and len(acting) < len(places):
            places = [p for p in places if p not in acting]
    main = _main_clause(places, info)
    if any(p.level != "country" for p in main):
        return main
    finer = [p for p in places if p.level != "country"]
    return finer or main or places


def _role(place: Place, info: SentenceInfo) -> str | None:
    """What a place's name does in the parse: ``"acts"`` when it is the subject of an active
    verb, a possessor or the agent of a passive ("Ankara launched", "Washington's plan",
    "retaken by Damascus": a capital or country standing for its government); ``"name
    part"`` when it is a compound inside a longer proper name ("the Sydney Morning Herald",
    "Shiraz Maher": a newspaper, a person); else None."""
    if info.parse is None:
        return None
    base = info.sent.start
    inside = [t for t in info.parse if place.start <= base + t.idx < place.end]
    heads = [t for t in inside if not (place.start <= base + t.head.idx < place.end)
             or t.head.i == t.i]
    if not heads:
        return None
    head = heads[0]
    if head.dep_ in ("nsubj", "poss") or (head.dep_ == "pobj" and head.head.dep_ == "agent"):
        return "acts"
    if head.dep_ == "compound" and head.head.pos_ == "PROPN" and head.head.i > head.i:
        return "name part"
    if _origin(head):
        return "origin"
    return None


def _origin(head: Token) -> bool:
    """A place told as where a person is from: the object of "from" or "of" attached to a
    name or to a noun in apposition to one ("Jane Roe, 31, from Leeds", "a carpenter from
    Bristol", "Senator Jane Doe of Ohio"): a home town, not a scene."""
    prep = head.head
    if head.dep_ != "pobj" or prep.lower_ not in ("from", "of"):
        return False
    owner = prep.head
    return (owner.pos_ == "PROPN" and owner.dep_ != "compound") or (
        owner.pos_ == "NOUN" and owner.dep_ == "appos")


def _main_clause(places: Sequence[Place], info: SentenceInfo) -> list[Place]:
    """Places outside subordinate clauses ("While negotiations in Homs go on, ... met in
    X"): the main clause locates the sentence's incident."""
    if info.parse is None:
        return list(places)
    base = info.sent.start
    out = []
    for p in places:
        token = next((t for t in info.parse if base + t.idx >= p.start), None)
        if token is None or not _in_subordinate(token):
            out.append(p)
    return out


def _in_subordinate(token: Token) -> bool:
    node = token
    while node.head.i != node.i:
        if node.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in lexicon.words("news_subordinate_marks")
            for c in node.children
        ):
            return True
        node = node.head
    return False


def _pick_place(
    places: Sequence[Place], contains: Callable[[Place, Place], bool] | None = None
) -> Place | None:
    """The most specific place (village before district before governorate), first wins:
    of "clashed in Hajar Aswad and Yarmouk Camp ... and in Al-Midan neighbourhood" the
    first village or town is the scene; a neighbourhood wins only over the town that
    ``contains`` it ("in Damascus city's Al-Qadam neighbourhood")."""
    best = None
    for p in places:
        if best is None:
            best = p
        elif best.level in _POINT_LEVELS and p.level in _POINT_LEVELS:
            if (p.level == "neighbourhood" and best.level != "neighbourhood"
                    and contains is not None and contains(best, p)):
                best = p
        elif _rank(p) > _rank(best):
            best = p
    return best


def _rank(p: Place) -> int:
    return 6 if p.level in _POINT_LEVELS else LEVEL_RANK.get(p.level, 0)


def _same_place(a: Place, b: Place) -> bool:
    if a.pcode and b.pcode:
        return a.pcode == b.pcode
    if a.geonameid and b.geonameid:
        return a.geonameid == b.geonameid
    return a.name == b.name and a.level == b.level


def _relation(
    current: Place | None, new: Place, contains: Callable[[Place, Place], bool]
) -> str:
    """How a new place relates to the current incident's: same, coarser, finer or other."""
    if current is None:
        return "finer"
    if _same_place(current, new):
        return "same"
    if contains(new, current):
        return "coarser"
    if contains(current, new):
        return "finer"
    return "other"


def _owner_by_clause(
    draft: _ActionDraft,
    info: SentenceInfo,
    current: _Incident,
    incidents: list[_Incident],
    contains: Callable[[Place, Place], bool],
) -> _Incident | None:
    """An earlier incident that the action's own clause places it in, if any."""
    if info.parse is None:
        return None
    token = info.parse[draft.moded.trigger.head]
    clause = _clause_root(token)
    lo = info.sent.start + clause.left_edge.idx
    hi = info.sent.start + clause.right_edge.idx + len(clause.right_edge)
    clause_places = [p for p in info.places if lo <= p.start and p.end <= hi]
    if not clause_places or current.place is None:
        return None
    for p in clause_places:
        if _same_place(p, current.place) or contains(p, current.place):
            return None
    for other in reversed(incidents):
        if other is current or other.place is None:
            continue
        if any(_same_place(p, other.place) or contains(p, other.place) for p in clause_places):
            return other
    return None


def _clause_root(token: Token) -> Token:
    """The head of the clause holding a token: up to a verb that heads a clause."""
    node = token
    while node.head.i != node.i:
        if node.pos_ in ("VERB", "AUX") and node.dep_ in ("advcl", "ccomp", "conj", "relcl",
                                                           "parataxis", "ROOT"):
            return node
        node = node.head
    return node


# -- actions and the roles of the actors around them ----------------------------------

# (which actors are the agents and the patients: yaqut.extract.roles)


def _span_of(token: Token, sent_start: int) -> tuple[int, int]:
    return (sent_start + token.left_edge.idx,
            sent_start + token.right_edge.idx + len(token.right_edge))


def _draft(m: Moded, info: SentenceInfo, article: bool = False) -> _ActionDraft:
    doc = info.parse
    base = info.sent.start
    assert doc is not None
    t = doc[m.trigger.head]
    gov = t
    while gov.pos_ not in ("VERB", "AUX") and gov.head.i != gov.i:
        gov = gov.head
    start, end = _action_extent(doc, t, gov, m, info)
    start += base
    end += base

    r = find_roles(doc, t.i, m.trigger.plover, base, clause=article)

    def within(spans: tuple[tuple[int, int], ...]) -> list[Actor]:
        # a backer ("rebels backed by Turkey") is no side: left out (yaqut.extract.roles)
        return [a for a in info.actors
                if a.start is not None and a.end is not None
                and any(lo <= a.start and a.end <= hi for lo, hi in spans)
                and not any(lo <= a.start and a.end <= hi for lo, hi in r.associated)]

    agents = within(r.agents)
    if not agents and not any(a.start is not None and a.end is not None
                              and lo <= a.start and a.end <= hi
                              for a in info.actors for lo, hi in (*r.agents, *r.associated)):
        agents = _adjective_agents(doc, r.agents, base, info)
    return _ActionDraft(m, info, start, end, agents, within(r.patients), within(r.both))


def _adjective_agents(doc: Doc, spans: tuple[tuple[int, int], ...], base: int,
                      info: SentenceInfo) -> list[Actor]:
    """An agent named only by nationality adjectives ("a Turkish assault", "killed by Russian
    and Syrian bombs"): the state they name (:func:`yaqut.extract.actors.state_of_adjectives`),
    placed on the first adjective."""
    from yaqut.extract.actors import state_of_adjectives

    on = next((d.date for d in info.dates if d.date is not None), None)
    for lo, hi in spans:
        adjs = [t for t in doc if lo <= base + t.idx and base + t.idx + len(t) <= hi
                and t.text[:1].isupper() and t.tag_ in ("JJ", "NNP", "NNPS")
                and t.dep_ in ("amod", "conj", "compound")]
        if not adjs:
            continue
        state = state_of_adjectives([t.text for t in adjs], country="", on=on)
        if state is not None:
            a = base + adjs[0].idx
            return [Actor(name=state.name, inter=state.inter, family=state.family, start=a,
                          end=a + len(adjs[0]), text=adjs[0].text)]
    return []


def _action_extent(doc: Doc, t: Token, gov: Token, m: Moded, info: SentenceInfo
                   ) -> tuple[int, int]:
    """Character extent (sentence-relative) of an action's phrase: from its verb (or, for a
    nominal trigger, the verb it is the object of, or its own determiner) to the end of the
    governing phrase, stopping before a later clause or another action of its own."""
    nominal = t.pos_ in ("NOUN", "PROPN")
    anchor, first = t, doc[m.trigger.first]
    if nominal and t.dep_ == "dobj" and gov.i < t.i:
        anchor = first = gov  # "held a meeting with ..."
    elif nominal and t.dep_ == "pobj":
        prep = t.head
        if prep.head.i == gov.i and gov.i < t.i \
                and gov.lemma_.lower() in lexicon.words("news_light_verbs"):
            first = gov  # "presenting them with several demands"
        else:
            first = prep  # "under the threat of ..."
    elif nominal and t.dep_ in ("nsubj", "nsubjpass"):
        anchor, first = gov, t.left_edge  # "These conditions included ..."
    elif nominal:
        first = t.left_edge
    others = {doc[x.trigger.head].i for x in info.moded
              if x.folded_into is None and not x.anaphoric and x.trigger.head != t.i}
    extent_end = _extent_end_in_order if _projective(doc) else _extent_end
    last = extent_end(doc, anchor, t, first, others)
    if t.i > last.i:
        last = t
    while last.i > first.i and (last.is_punct or last.dep_ in ("cc", "punct")):
        last = doc[last.i - 1]
    return first.idx, last.idx + len(last)


def _clause_stop(child: Token, anchor: Token, t: Token, others: set[int]) -> int | None:
    """Where the action's phrase stops because of ``child`` (a token of ``anchor``'s
    subtree after the trigger ``t``): before the later clause or other action it belongs
    to; None when it belongs to neither."""
    chain = _ancestors_until(child, anchor)
    top = chain[-1] if chain else child
    clause_conj = top.dep_ == "conj" and top.pos_ in ("VERB", "AUX")
    if clause_conj or top.dep_ in ("advcl", "parataxis", "relcl") or any(
        a.i in others for a in chain
    ):
        return top.left_edge.i if top.left_edge.i > t.i else child.i
    return None


def _extent_end(doc: Doc, anchor: Token, t: Token, first: Token, others: set[int]) -> Token:
    """The last token of the action's phrase: of ``anchor``'s subtree, taken in spaCy's
    order, the last one after ``first`` and before the first later clause or other action
    (:func:`_clause_stop`). Any parse; quadratic in a long sentence."""
    stop = len(doc)
    for child in anchor.subtree:
        if child.i <= max(t.i, first.i) or child.i >= stop:
            continue
        here = _clause_stop(child, anchor, t, others)
        if here is not None:
            stop = min(stop, here)
    last = first
    for child in anchor.subtree:
        if last.i < child.i < stop:
            last = child
    return last


def _extent_end_in_order(doc: Doc, anchor: Token, t: Token, first: Token, others: set[int]
                         ) -> Token:
    """:func:`_extent_end` for a projective parse, where every subtree is the run of tokens
    from its left to its right edge, in text order: the walk stops at the first clause
    boundary instead of visiting the whole subtree twice (a document of one long sentence
    was quadratic). The same token as :func:`_extent_end`."""
    lo, hi = anchor.left_edge.i, anchor.right_edge.i
    stop = len(doc)
    i = max(lo, t.i + 1, first.i + 1)
    while i <= hi and i < stop:
        here = _clause_stop(doc[i], anchor, t, others)
        if here is not None:
            stop = min(stop, here)
        i += 1
    end = min(hi, stop - 1)
    return doc[end] if end > first.i and end >= lo else first


def _projective(doc: Doc) -> bool:
    """Whether every token's subtree is the run from its left to its right edge (no arcs
    cross), worked out once per parse (kept in ``doc.user_data``)."""
    known = doc.user_data.get(_PROJECTIVE)
    if known is None:
        heads = [tok.head.i for tok in doc]
        size = [1] * len(heads)
        for i in sorted(range(len(heads)), key=_depths(heads).__getitem__, reverse=True):
            if heads[i] != i:
                size[heads[i]] += size[i]
        known = all(tok.right_edge.i - tok.left_edge.i + 1 == size[tok.i] for tok in doc)
        doc.user_data[_PROJECTIVE] = known
    return known


_PROJECTIVE = "yaqut.assemble.projective"


def _depths(heads: Sequence[int]) -> list[int]:
    """Each token's distance from its root, given each token's head (a root heads itself)."""
    depth = [-1] * len(heads)
    for i in range(len(heads)):
        path: list[int] = []
        j = i
        while depth[j] < 0 and heads[j] != j and len(path) <= len(heads):
            path.append(j)
            j = heads[j]
        base = max(depth[j], 0)
        depth[j] = base
        for node in reversed(path):
            base += 1
            depth[node] = base
    return depth


def _ancestors_until(token: Token, stop: Token) -> list[Token]:
    chain = []
    node = token
    while node.i != stop.i and node.head.i != node.i:
        chain.append(node)
        node = node.head
    return chain


def _most_specific(actors: Sequence[Actor], family: Callable[[str], str]) -> Actor | None:
    """Of the most frequent family, the most specific name ("... Military Intelligence"
    over "Military Forces of Syria (2000-)"); first mention breaks ties."""
    if not actors:
        return None
    fam_count = Counter(family(a.name) for a in actors)
    order = {f: i for i, f in reversed(list(enumerate(family(a.name) for a in actors)))}
    best_family = max(fam_count, key=lambda f: (fam_count[f], -order[f]))
    members = [a for a in actors if family(a.name) == best_family]
    specific = [a for a in members if a.name != best_family]
    pool = specific or members
    names = Counter(a.name for a in pool)
    first: dict[str, int] = {}
    for i, a in enumerate(pool):
        first.setdefault(a.name, i)
    name = max(names, key=lambda n: (names[n], -first[n]))
    return next(a for a in pool if a.name == name)


# "regime forces supported by pro-Iran militias": a supporter is an associated actor, not a side.
_SUPPORT_BEFORE = re.compile(
    r"(?:(?:supported|backed|assisted|aided|accompanied|reinforced|joined|helped|covered)"
    r"(?:\s+up)?\s+by(?:\s+(?:the\s+)?(?:strikes|airstrikes|air\s+strikes|fire|shelling)"
    r"\s+(?:from|of|by))?(?:\s+suspected)?"
    r"|with\s+(?:the\s+)?(?:support|help|backing|cover|assistance|participation)"
    r"\s+(?:of|from))\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+)?$",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+and\s+)(?:the\s+)?",
                       re.IGNORECASE)
# "the 3rd Corps, operating under JWS": ACLED names the umbrella group.
_UMBRELLA_GAP = re.compile(
    r"\s*,?\s*(?:(?:who|whom|which|that)\s+(?:(?:is|are)\s+)?)?(?:both\s+|all\s+)?"
    r"(?:operat(?:ing|es?)\s+(?:under|within|as\s+part\s+of)|affiliated\s+(?:with|to)"
    r"|(?:is\s+|are\s+)?part\s+of|under\s+the\s+umbrella\s+of)\s+(?:the\s+)?"
    r"(?:operations?\s+(?:room\s+(?:of\s+)?)?)?",
    re.IGNORECASE,
)
_EACH_OTHER = re.compile(
    r"\b(?:with\s+each\s+other|with\s+one\s+another|among\s+themselves|between\s+themselves"
    r"|infighting|in\s*fighting|internal\s+(?:clashes|fighting|dispute)"
    r"|(?:two|2|rival)\s+(?:groups|factions|wings|sides)\s+(?:of|from|within)"
    # "HTS detained 10 members of the group", "QSD detained a number of its members"
    r"|(?:its|their)\s+(?:own\s+)?(?:members|fighters|commanders|elements)"
    r"|members\s+of\s+the\s+(?:group|faction|organi[sz]ation))\b",
    re.IGNORECASE)
# "clashes between A and B in X": the sides, read up to where the place or the outcome starts.
_BETWEEN = re.compile(r"\b(?:between|among|amongst)\b", re.IGNORECASE)
_BETWEEN_END = re.compile(
    r"\b(?:in|on(?!\s+(?:the\s+)?(?:one|other)\s+(?:hand|side))|near|at|over|after|during"
    r"|which|resulting|causing|killing|injuring|wounding"
    r"|leaving|across|along|around|following|amid|since|due|because)\b|[.;:]",
    re.IGNORECASE,
)


@dataclass
class _Sides:
    """Per sentence: supporters' spans, and mentions renamed to their umbrella group."""

    support: set[tuple[int | None, int | None]]
    umbrella: dict[tuple[int | None, int | None], Actor]


_GENERIC = re.compile(r"^(?:Opposition Rebels|Islamist Militia|Islamist Rebels|"
                      r"Unidentified Armed Group|Militia \(Pro-Government\))\b")
_STATE_FORCE = re.compile(r"^(?:Military|Police) Forces of ")
# "A and B clashed / exchanged shelling": two sides, not one list
# ... unless the verb has its own other side ("A and B clashed with C": A and B are allies)
_RECIPROCAL_AFTER = re.compile(
    r"\s*(?:[\w'’-]+\s+){0,2}?(?:clash|exchang|fought|battl|engag)\w*\b"
    r"(?!(?:\s+[\w'’-]+){0,3}\s+(?:with|against)\b)", re.IGNORECASE)
# "rebel factions, including Ahrar al-Sham, ...": ACLED names the first group named
_INCLUDING_GAP = re.compile(r"\s*,?\s*(?:[\w'’-]+\s+){0,3}?(?:including|such\s+as|among\s+them|"
                            r"namely|led\s+by)\s+(?:the\s+)?", re.IGNORECASE)
# "gunmen believed to be members of an IS cell": the unnamed side, identified
_IDENTIFIED_GAP = re.compile(
    r"\s*,?\s*(?:(?:who|whom)\s+(?:are|were|was|is)\s+)?(?:(?:believed|thought|suspected|said"
    r"|reported)\s+to\s+(?:be|have\s+been)|suspected\s+of\s+being|identified\s+as)"
    r"\s+(?:(?:members?|fighters?|militants?|elements?)\s+(?:of|from)\s+)?(?:an?\s+|the\s+)?",
    re.IGNORECASE)
_AND_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?(?:[\w'’-]+\s+)?",
                      re.IGNORECASE)
_COMMA_GAP = re.compile(r"\s*,\s*(?:the\s+)?", re.IGNORECASE)


def _generic(name: str) -> bool:
    """An ACLED catch-all name: rebels, Islamists, unidentified gunmen, loyalist militias."""
    return _GENERIC.match(name) is not None


def _named_over_generic(actors: Sequence[Actor], text: str, window: tuple[int, int] | None,
                        support: set[tuple[int | None, int | None]],
                        umbrella: dict[tuple[int | None, int | None], Actor]
                        ) -> None:
    """In a list of groups fighting on one side ("HTS, Free Syrian Army, rebel and
    Islamist faction fighters"), ACLED codes a named group, the catch-alls are associated;
    "rebels, including FaR" names FaR. Inside "between A and B" only commas make a list."""
    for i in range(1, len(actors)):
        prev, cur = actors[i - 1], actors[i]
        gap = text[prev.end : cur.start]
        if _generic(prev.name) and not _generic(cur.name) and (
                _INCLUDING_GAP.fullmatch(gap) or _IDENTIFIED_GAP.fullmatch(gap)):
            umbrella[(prev.start, prev.end)] = cur
    lists: list[list[Actor]] = [[actors[0]]] if actors else []
    for i in range(1, len(actors)):
        prev, cur = actors[i - 1], actors[i]
        gap = text[prev.end : cur.start]
        inside = window is not None and window[0] <= (prev.start or 0) < window[1]
        joined = _COMMA_GAP.fullmatch(gap) if inside else _AND_GAP.fullmatch(gap)
        if joined and re.search(r"\b(?:against|versus|with|between)\b", gap, re.I) is None:
            lists[-1].append(cur)
        else:
            lists.append([cur])
    for group in lists:
        named = [a for a in group if not _generic(a.name)]
        if not named or len(named) == len(group) or any(
                _STATE_FORCE.match(a.name) for a in named):
            continue  # a state beside rebels is the other side ("regime and rebel forces")
        if _RECIPROCAL_AFTER.match(text, group[-1].end or 0):
            continue
        for a in group:
            if _generic(a.name) and (a.start, a.end) not in umbrella:
                support.add((a.start, a.end))


def _sides(info: SentenceInfo, text: str) -> _Sides:
    actors = sorted((a for a in info.actors if a.start is not None), key=lambda a: a.start or 0)
    support: set[tuple[int | None, int | None]] = set()
    umbrella: dict[tuple[int | None, int | None], Actor] = {}
    window = _between_window(info, text)
    for i, a in enumerate(actors):
        key = (a.start, a.end)
        if _SUPPORT_BEFORE.search(text[max(info.sent.start, (a.start or 0) - 60) : a.start]):
            support.add(key)
        elif i and (actors[i - 1].start, actors[i - 1].end) in support and _LIST_GAP.fullmatch(
                text[actors[i - 1].end : a.start]) and not (
                window and window[0] <= (a.start or 0) < window[1]
                and re.match(r"\s*(?:,\s*)?and\b", text[actors[i - 1].end : a.start])
                and not (re.match(r"\s+and\b", text[actors[i - 1].end : a.start])
                         and re.search(r",\s*and\b", text[a.end : window[1]]))):
            # "supported by YPG, Asayish, and US forces"; but "between A, supported by B,
            # and C": C is the other side, unless a later ", and" names it ("between A,
            # backed by US and UK airstrikes, and IS")
            support.add(key)
        gap = text[actors[i - 1].end : a.start] if i else ""
        if i and (_UMBRELLA_GAP.fullmatch(gap) or (
                re.fullmatch(r"\s+(?:of|under)\s+(?:the\s+)?", gap) and a.inter == 2
                and actors[i - 1].inter in (2, 3))):
            # "the 3rd Corps, operating under JWS", "Al Bab Military Council of QSD",
            # "opposition rebels under OPS"
            member = (actors[i - 1].start, actors[i - 1].end)
            umbrella[member] = a
            if member not in support:  # the umbrella of a supporter supports too
                support.discard(key)
            else:
                support.add(key)
    _named_over_generic(actors, text, window, support, umbrella)
    return _Sides(support, umbrella)


def _sided(actors: Sequence[Actor], sides: dict[int, _Sides], where: dict[int, int]
           ) -> list[Actor]:
    """Actors with supporters left out and members renamed to their umbrella group."""
    out = []
    for a in actors:
        sd = sides.get(where.get(id(a), -1))
        if sd is None:
            out.append(a)
            continue
        key = (a.start, a.end)
        if key in sd.support:
            continue
        out.append(sd.umbrella.get(key, a))
    return out


def _between_window(info: SentenceInfo, text: str) -> tuple[int, int] | None:
    """Where the sides after "between"/"among" are named: up to the place or the outcome."""
    m = _BETWEEN.search(text, info.sent.start, info.sent.end)
    if m is None:
        return None
    stop = _BETWEEN_END.search(text, m.end(), info.sent.end)
    return m.end(), stop.start() if stop else info.sent.end


def _between(info: SentenceInfo, text: str, sd: _Sides) -> list[Actor]:
    """The sides named after "between"/"among" in a sentence, supporters left out."""
    window = _between_window(info, text)
    if window is None:
        return []
    lo, hi = window
    out = []
    for a in sorted((a for a in info.actors if a.start is not None), key=lambda a: a.start or 0):
        if (a.end is not None and lo <= (a.start or 0) and a.end <= hi
                and (a.start, a.end) not in sd.support):
            out.append(sd.umbrella.get((a.start, a.end), a))
    return out


def _choose_actors(
    inc: _Incident, infos: Sequence[SentenceInfo], family: Callable[[str], str],
    text: str = "", skip: Callable[[Actor], bool] | None = None,
) -> tuple[Actor | None, Actor | None]:
    eventive = [d for d in inc.actions if d.moded.eventive] or inc.actions
    core = _core_actions(eventive)
    sides: dict[int, _Sides] = {}
    where: dict[int, int] = {}
    if text:
        for k in sorted(set(inc.sentences)):
            sides[k] = _sides(infos[k], text)
            for a in infos[k].actors:
                where[id(a)] = k
        for d in inc.actions:  # agents named by an adjective alone are no mention
            k = next((k for k in inc.sentences if infos[k] is d.info), -1)
            for a in d.agents:
                where.setdefault(id(a), k)

    speakers = _speaker_spans(inc, infos)

    def sided(actors: Sequence[Actor]) -> list[Actor]:
        return [a for a in _sided(actors, sides, where) if skip is None or not skip(a)]

    def unsaid(actors: Sequence[Actor], victims: bool = False) -> list[Actor]:
        # the sources of the report left out, and its victims unless asked for
        return [a for a in actors if (victims or not family(a.name).startswith("Civilians"))
                and not (a.start is not None and a.end is not None
                         and any(lo <= a.start and a.end <= hi for lo, hi in speakers))]

    # ACLED's actor1 is the side the report opens with: agents of the first sentence that
    # names any ("regime forces clashed with IS ... amid Russian airstrikes"); victims
    # (civilians) act only in protests
    def acting(d: _ActionDraft) -> list[Actor]:
        return [a for a in sided(d.agents) if d.moded.trigger.plover in _CROWD
                or not family(a.name).startswith("Civilians")]

    by_sentence = sorted({where.get(id(a), -1) for d in core for a in acting(d)})
    first_k = by_sentence[0] if by_sentence else None
    agents = [a for d in core for a in acting(d)
              if first_k is None or where.get(id(a), -1) == first_k]
    if text:
        # "clashes took place between A and B": the report names both sides itself
        for k in sorted(set(inc.sentences))[:1]:
            named = [a for a in _between(infos[k], text, sides[k])
                     if skip is None or not skip(a)]
            if len({family(a.name) for a in named}) >= 2:
                agents = [named[0]]
    targets = sided([a for d in eventive for a in d.targets])
    pair = sided([a for d in eventive for a in d.participants])
    actor1 = _most_specific(agents, family)
    if actor1 is None and pair:
        actor1 = pair[0]
    if actor1 is None:
        actor1 = _claimant(inc, infos, sided)  # "IS claimed responsibility for the attack"
    if actor1 is None:
        # no subject found by the parse: the first actor named before a trigger
        for d in eventive:
            before = unsaid(sided([a for a in d.info.actors
                                   if a.end is not None and a.end <= d.start]),
                            victims=d.moded.trigger.plover in _CROWD)
            if before:
                actor1 = before[-1]
                break
    mentioned = sided([a for k in sorted(set(inc.sentences)) for a in infos[k].actors])
    if actor1 is None:
        actor1 = next(iter(unsaid(mentioned, victims=any(
            d.moded.trigger.plover in _CROWD for d in core))), None)
    fam1 = family(actor1.name) if actor1 else None
    # "regime forces and pro-regime militias captured ...": actor1's allies are no side
    allies = {fam1} | (_allies(inc, infos, text, fam1, family) if text and fam1 else set())
    if first_k is not None:  # the other side of actor1's own sentence first
        targets.sort(key=lambda a: where.get(id(a), -1) != first_k)
    seen = _Seen(sides, where, pair, targets, unsaid(mentioned, victims=True), skip, first_k)
    return actor1, _other_side(inc, infos, text, actor1, allies, seen, family)


_FORCE = frozenset({"ASSAULT", "COERCE", "PROTEST"})
_CROWD = frozenset({"PROTEST", "MOBILIZE"})


def _core_actions(eventive: list[_ActionDraft]) -> list[_ActionDraft]:
    """The actions whose agents may be actor1: the acts of force (attacks, arrests,
    protests) that occurred when the incident has any with a named agent, else every
    eventive action. "The UN warned ... 100 fighters were killed by US forces": the UN's
    warning names no side of the killing."""
    force = [d for d in eventive if d.moded.trigger.plover in _FORCE
             and d.moded.mode == "occurred"]
    return force if any(d.agents for d in force) else eventive


def _speaker_spans(inc: _Incident, infos: Sequence[SentenceInfo]) -> list[tuple[int, int]]:
    """The speakers of the incident's sentences (yaqut.extract.roles.find_sources)."""
    out: list[tuple[int, int]] = []
    for k in sorted(set(inc.sentences)):
        info = infos[k]
        if info.parse is not None:
            out.extend(find_sources(info.parse, info.sent.start))
    return out


def _claimant(inc: _Incident, infos: Sequence[SentenceInfo],
              sided: Callable[[Sequence[Actor]], list[Actor]]) -> Actor | None:
    """The group that claimed responsibility in one of the incident's sentences."""
    for k in sorted(set(inc.sentences)):
        info = infos[k]
        if info.parse is None:
            continue
        spans = find_claimants(info.parse, info.sent.start)
        got = sided([a for a in info.actors if a.start is not None and a.end is not None
                     and any(lo <= a.start and a.end <= hi for lo, hi in spans)])
        if got:
            return got[0]
    return None


@dataclass
class _Seen:
    """What :func:`_choose_actors` read off an incident's sentences, for the other side."""

    sides: dict[int, _Sides]
    where: dict[int, int]
    pair: list[Actor]
    targets: list[Actor]
    mentioned: list[Actor]
    skip: Callable[[Actor], bool] | None
    first_k: int | None = None  # the sentence actor1 was read from



def _other_side(inc: _Incident, infos: Sequence[SentenceInfo], text: str,
                actor1: Actor | None, allies: set, seen: _Seen, family: Callable[[str], str]
                ) -> Actor | None:
    """actor2: the side the report sets against actor1 ("between A and B", the target of
    the actions, another branch of actor1's force, "each other"), never one of its allies."""
    fam1 = family(actor1.name) if actor1 else None
    sides, where, pair, targets = seen.sides, seen.where, seen.pair, seen.targets
    mentioned, skip = seen.mentioned, seen.skip
    actor2 = None
    if text:
        # "clashes took place between A and B": the parse may miss a side ("IS" read as
        # a verb), the words do not
        for k in sorted(set(inc.sentences)):
            named = [a for a in _between(infos[k], text, sides[k]) if skip is None or not skip(a)]
            if not any(family(a.name) == fam1 for a in named):
                continue
            against = re.search(r"\b(?:against|versus|vs\.?)\s", text[infos[k].sent.start:
                                                                        infos[k].sent.end])
            if against:  # "between A and B against C": C is the other side
                cut = infos[k].sent.start + against.end()
                named = [a for a in named if a.start is not None and a.start >= cut] or named
            other = [a for a in named if family(a.name) not in allies]
            if other and actor1 is not None:
                actor2 = other[0]
                break
    if actor2 is None:
        actor2 = _most_specific([a for a in targets if family(a.name) not in allies], family)
    if actor2 is None and actor1 is not None and actor1.name != fam1:
        # one branch of a force against another ("a member of Military Intelligence shot a
        # member of the 4th Division"): ACLED names both branches
        actor2 = next((a for a in targets if family(a.name) == fam1 and a.name != fam1
                       and a.name != actor1.name), None)
    if actor2 is None:
        rest = [a for a in pair if actor1 is None or family(a.name) not in allies]
        if rest:
            actor2 = rest[0]
        elif pair and actor1 is not None:
            # "clashes among QDW members": one group on both sides
            actor2 = actor1
    if actor2 is None and actor1 is not None and text and any(
            _EACH_OTHER.search(text, infos[k].sent.start, infos[k].sent.end)
            for k in inc.sentences):
        actor2 = actor1  # "gunmen clashed with each other", "infighting among X"
    if actor2 is None and actor1 is not None:
        # the other side named in actor1's own sentence (else the incident's first), when
        # the parse gave none
        k1 = seen.first_k if seen.first_k is not None else min(inc.sentences, default=-1)
        first = [a for a in mentioned if where.get(id(a)) == k1
                 or (a.start is not None and where.get(id(a)) is None)]
        rest = [a for a in first if family(a.name) not in allies]
        if rest:
            actor2 = rest[0]
    if actor2 is None and actor1 is None:
        # no side acts: the civilians named are the victims ("the attack cost 75 lives,
        # children among them"); the attacker stays unnamed
        actor2 = next((a for a in mentioned if family(a.name).startswith("Civilians")), None)
    return actor2


def _allies(inc: _Incident, infos: Sequence[SentenceInfo], text: str, fam1: str,
            family: Callable[[str], str]) -> set[str]:
    """Families named side by side with actor1's ("A and B attacked", "A, B and C"),
    outside a "between"/"among" phrase, where "A and B" are the two sides."""
    out: set[str] = set()
    for k in sorted(set(inc.sentences)):
        info = infos[k]
        acts = sorted((a for a in info.actors if a.start is not None), key=lambda a: a.start or 0)
        window = _between_window(info, text)
        for a, b in zip(acts, acts[1:], strict=False):
            if window is not None and window[0] <= (a.start or 0) < window[1]:
                continue  # "between A and B": two sides
            gap = text[a.end : b.start]
            if not re.fullmatch(r"\s*(?:,\s*)?(?:and|&)\s+(?:the\s+)?|\s*,\s*", gap, re.I):
                continue
            if re.search(r"\b(?:between|among|amongst|with|against)\s+(?:the\s+)?(?:[\w'’-]+\s+)?$",
                         text[max(info.sent.start, (a.start or 0) - 30) : a.start], re.I):
                continue
            if _RECIPROCAL_AFTER.match(text[b.end : info.sent.end]):
                continue  # "regime forces and IS clashed": two sides
            fa, fb = family(a.name), family(b.name)
            if fa == fam1 and fb != fam1:
                out.add(fb)
            elif fb == fam1 and fa != fam1:
                out.add(fa)
    return out


# -- dates ------------------------------------------------------------------------------


def _date_reach(infos: Sequence[SentenceInfo], brief: bool) -> int | None:
    """How far back an undated incident takes a date from (:func:`_inherited_date`): its
    whole paragraph (the sentences since the last line break or heading), except in an
    article printed as one paragraph, where the paragraph is not known and only the sentence
    before carries its date (the whole text, or three sentences, put background dates on
    today's incidents: tuning gold F1 0.381 -> 0.362 and 0.374)."""
    if brief:
        return None
    lines = {i.sent.paragraph for i in infos if i.sent.kind == "text"}
    return None if len(lines) > 1 else 1


def _inherited_date(
    inc: _Incident, infos: Sequence[SentenceInfo], reach: int | None = None
) -> tuple[dt.date, int | None] | None:
    """An undated incident told right after a dated sentence of the same paragraph happened
    then ("On 20 February, HTS launched an operation ... During which, 10 were detained"):
    the latest dated mention before it (or in its own sentences), background dates left out.
    ``reach``: how many sentences back a date may come from (None: the whole paragraph; an
    article printed as one paragraph carries a date only to the next sentence)."""
    first = min(inc.sentences, default=inc.first_sentence)
    paragraph = infos[first].sent.paragraph
    stop = -1 if reach is None else max(-1, first - reach - 1)
    for k in range(first, stop, -1):
        info = infos[k]
        if info.sent.paragraph != paragraph or info.sent.kind == "heading":
            break
        dated = [d for d in info.dates if not d.historical and d.date is not None
                 and d.precision is not None]
        if dated:
            return dated[-1].date, dated[-1].precision  # type: ignore[return-value]
    return None


def _coarse_date(
    inc: _Incident, incidents: Sequence[_Incident], published: dt.date | None
) -> tuple[dt.date | None, int | None]:
    """An undated incident gets the month it is told in, never a made-up day: the month of
    the nearest dated incident of the same report; in a report with no date at all, the
    week before publication (:func:`yaqut.extract.dates.undated_report_date`)."""
    dated = [i for i in incidents if i.date is not None and i.date.date is not None]
    anchor = None
    if dated:
        nearest = min(dated, key=lambda i: abs(i.first_sentence - inc.first_sentence)).date
        anchor = nearest.date if nearest is not None else None
    elif published is not None:
        return undated_report_date(published)
    if anchor is None:
        return None, None
    day = dt.date(anchor.year, anchor.month, 15)
    if published is not None and day > published:
        day = published
    return day, 3


# -- the Event ------------------------------------------------------------------------


def _event_id(doc: Document, n: int, place: Place | None, day: dt.date | None) -> str:
    key = f"{doc.content_hash or doc.id}|{n}|{place.pcode or place.name if place else ''}|{day}"
    return "yq-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _typed(ctx: Context, inc: _Incident, infos: Sequence[SentenceInfo], text: str,
           inters: tuple[int | None, int | None], doc_text: str) -> tuple[str, str, str] | None:
    """The incident's type (:func:`yaqut.extract.classify.incident_type`): in an article,
    the sentence that tells it as the news (the one giving its date) decides before the
    words of its other sentences; a brief report is read whole."""
    from yaqut.extract.classify import incident_type

    def decide(actions: Sequence[Moded], words: str) -> tuple[str, str, str] | None:
        return ctx.classify(actions, words, inters, context=doc_text)

    ks = sorted(set(inc.sentences))
    brief = sum(1 for i in infos if i.sent.kind == "text") <= BRIEF_SENTENCES
    parts = [([d.moded for d in inc.actions if d.info is infos[k]], infos[k].sent.text)
             for k in ks]
    day = inc.date
    anchor = next((n for n, k in enumerate(ks) if day is not None
                   and infos[k].sent.start <= day.start < infos[k].sent.end), None)
    return incident_type(decide, [d.moded for d in inc.actions], text,
                         [] if brief else parts, anchor)


# Actions by which a side gives in to another's demand.
_YIELDING = frozenset({"CONCEDE", "AGREE", "YIELD"})


@dataclass
class _Pair:
    """The incident's two sides as they are being decided, with their inter codes."""

    actor1: Actor | None
    actor2: Actor | None
    inter1: int | None = None
    inter2: int | None = None


def _finish(
    doc: Document,
    n: int,
    inc: _Incident,
    infos: Sequence[SentenceInfo],
    focus: str,
    fallback_date: tuple[dt.date | None, int | None],
    ctx: Context,
) -> Event | None:
    """One incident's Event, in named steps: its claims and counts, its two sides, its
    actions, its type, the sides a battle or attack implies, the place, date, fatalities
    and the note, each field with the spans that decided it."""
    fatalities, family, inter_of, interaction = (
        ctx.fatalities, ctx.family, ctx.inter_of, ctx.interaction)
    evidence: dict[str, list[Span]] = {}

    def cite(field_name: str, start: int, end: int) -> None:
        evidence.setdefault(field_name, []).append(Span(start, end, doc.text[start:end], doc.id))

    claims, quantities = _claims_and_counts(inc, infos)
    pair = _first_sides(inc, infos, family, inter_of, doc.text, doc.published)
    for name in ("actor1", "actor2"):
        a = getattr(pair, name)
        if a is not None and a.start is not None and not (name == "actor2"
                                                          and a is pair.actor1):
            cite(name, a.start, a.end)
    actions = _actions(doc, inc, pair, family)
    text = " ".join(infos[k].sent.text for k in sorted(set(inc.sentences)))
    coded = _typed(ctx, inc, infos, text, (pair.inter1, pair.inter2), doc.text)
    if coded is None:
        return None
    event_type, sub_event_type, disorder_type = coded
    if event_type == "Battles":
        _battle_sides(pair, inc, infos, family, inter_of, doc.text, text)
    # the report's country, not one doubtful place's
    country = focus or (inc.place.country if inc.place is not None else None)
    if country:
        _unidentified_sides(pair, inc, event_type, country, family, inter_of)
    _cite_triggers(inc, cite)
    if "event_type" in evidence:
        evidence["sub_event_type"] = list(evidence["event_type"])

    place = inc.place
    if place is not None:
        cite("location", place.start, place.end)
    day: dt.date | None
    if inc.date is not None and inc.date.date is not None:
        day, precision = inc.date.date, inc.date.precision
        cite("event_date", inc.date.start, inc.date.end)
    else:
        day, precision = fallback_date
    killed = _killed(doc.text, place, quantities, fatalities)
    for q in quantities:
        if q.role == "killed":
            cite("fatalities", q.start, q.end)
    a1, a2 = pair.actor1, pair.actor2
    event = Event(
        event_id=_event_id(doc, n, place, day),
        doc_ids=(doc.id,),
        event_date=day,
        time_precision=precision,
        event_type=event_type,
        sub_event_type=sub_event_type,
        disorder_type=disorder_type,
        actor1=a1.name if a1 else None,
        inter1=pair.inter1,
        actor2=a2.name if a2 else None,
        inter2=pair.inter2,
        interaction=interaction(pair.inter1, pair.inter2),
        fatalities=killed,
        actions=tuple(actions),
        quantities=tuple(quantities),
        claims=tuple(claims),
        source="yaqut",
        **_place_fields(place),
    )
    notes = write_notes(event, doc.text)
    return _with(event, notes=notes,
                 evidence=tuple((f, tuple(spans)) for f, spans in sorted(evidence.items())))


def _claims_and_counts(inc: _Incident, infos: Sequence[SentenceInfo]
                       ) -> tuple[list[Claim], list[Quantity]]:
    """The claims and quantities of the incident's sentences, each once, in text order; a
    claim by a pronoun ("they said") is by the last named source."""
    claims: list[Claim] = []
    quantities: list[Quantity] = []
    last_by = None
    for k in sorted(set(inc.sentences)):
        info = infos[k]
        for c in info.claims:
            by = c.by
            if by.lower() in _PRONOUNS and last_by:
                by = last_by
            last_by = by
            claims.append(Claim(by, c.text, c.start, c.end))
        quantities.extend(info.quantities)
    return claims, quantities


def _first_sides(inc: _Incident, infos: Sequence[SentenceInfo], family: Callable[[str], str],
                 inter_of: Callable[[str], int | None], text: str,
                 published: dt.date | None = None) -> _Pair:
    for d in inc.actions:  # states named by an adjective, under their name of the day
        d.agents = [_dated(a, published) for a in d.agents]
    actor1, actor2 = _choose_actors(inc, infos, family, text)
    return _Pair(actor1, actor2, inter_of(actor1.name) if actor1 else None,
                 inter_of(actor2.name) if actor2 else None)


def _dated(actor: Actor, published: dt.date | None) -> Actor:
    """A state named by an adjective alone ("a Turkish assault") under the name it had when
    the report was published (the sentence may give no date)."""
    from yaqut.extract.actors import find_actors, state_of_adjectives

    if published is None or not actor.text \
            or find_actors(actor.text, country="") \
            or not actor.name.startswith("Military Forces of "):
        return actor
    state = state_of_adjectives([actor.text], country="", on=published)
    return actor if state is None else replace(actor, name=state.name, family=state.family)


def _actions(doc: Document, inc: _Incident, pair: _Pair, family: Callable[[str], str]
             ) -> list[Action]:
    """Each action of the incident with its own agent and target (else the incident's)."""
    actor1, actor2 = pair.actor1, pair.actor2
    actions = []
    demanded = any(d.moded.trigger.plover == "DEMAND" for d in inc.actions)
    for d in sorted(inc.actions, key=lambda d: d.start):
        agent = _most_specific(d.agents, family)
        if agent is None and d.moded.trigger.plover in _YIELDING and demanded \
                and actor2 is not None and actor2 is not actor1:
            # "12 rifles were handed over at the regime's request": a concession whose
            # agent goes unnamed is made by the side the incident's demands were made of.
            agent = actor2
        agent = agent or actor1
        target = _most_specific([a for a in d.targets if agent is None or a.name != agent.name],
                                family) or actor2
        if target is not None and agent is not None and target.name == agent.name \
                and actor2 is not actor1:
            target = actor2 if actor2 is not None and actor2.name != agent.name else None
        actions.append(Action(
            type=d.moded.trigger.plover,
            mode=d.moded.mode,
            actor=agent.name if agent else None,
            target=target.name if target else None,
            text=doc.text[d.start:d.end],
            start=d.start,
            end=d.end,
        ))
    return actions


def _battle_sides(pair: _Pair, inc: _Incident, infos: Sequence[SentenceInfo],
                  family: Callable[[str], str], inter_of: Callable[[str], int | None],
                  doc_text: str, text: str) -> None:
    """A battle is fought by armed groups: civilians hurt in it are victims, not a side
    (the sides are chosen again without them); "clashes between two families in X" is
    ACLED's X Communal Militia on both sides."""
    if not any(a is not None and family(a.name).startswith("Civilians")
               for a in (pair.actor1, pair.actor2)):
        return

    def civilian(a: Actor) -> bool:
        return family(a.name).startswith("Civilians")

    actor1, actor2 = _choose_actors(inc, infos, family, doc_text, skip=civilian)
    if actor1 is None and inc.place is not None and inc.place.country and re.search(
            r"\b(?:famil(?:y|ies)|clans?)\b", text, re.IGNORECASE):
        name = f"{inc.place.name} Communal Militia ({inc.place.country})"
        actor1 = actor2 = Actor(name=name, inter=4, family=name)
    pair.actor1, pair.actor2 = actor1, actor2
    pair.inter1 = (inter_of(actor1.name) or actor1.inter) if actor1 else None
    pair.inter2 = (inter_of(actor2.name) or actor2.inter) if actor2 else None


def _unidentified_sides(pair: _Pair, inc: _Incident, event_type: str, country: str,
                        family: Callable[[str], str], inter_of: Callable[[str], int | None]
                        ) -> None:
    """ACLED names a side the report leaves unnamed "Unidentified Armed Group (<country>)"
    (the country as ACLED spells it: "Turkey" for the gazetteer's "Türkiye"):
    the other side of a battle, the perpetrator of an attack or an explosion; a battle with
    no side named is fought between two of them."""
    actor1, actor2 = pair.actor1, pair.actor2
    agent_spans = {(a.start, a.end) for d in inc.actions for a in d.agents}
    target_spans = {(a.start, a.end) for d in inc.actions for a in d.targets}
    # "A Sham Corps fighter was shot and killed": the one side named is the victim
    victim = (actor2 is None and actor1 is not None and (actor1.start, actor1.end) in target_spans
              and (actor1.start, actor1.end) not in agent_spans)
    name = f"Unidentified Armed Group ({acled_country(country)})"
    if (actor1 is None) != (actor2 is None) and (
        event_type == "Battles"
        or ((actor1 is None or victim) and event_type in ("Violence against civilians",
                                                          "Explosions/Remote violence"))
    ):
        unknown = Actor(name=name, inter=inter_of(name), family=family(name))
        if victim:
            pair.actor1, pair.actor2, pair.inter2 = None, actor1, pair.inter1
        if pair.actor1 is None:
            pair.actor1, pair.inter1 = unknown, unknown.inter
        else:
            pair.actor2, pair.inter2 = unknown, unknown.inter
    if pair.actor1 is None and pair.actor2 is None and event_type == "Battles":
        # "Clashes reported in X", "the bodies of two fighters were found"
        pair.actor1 = pair.actor2 = Actor(name=name, inter=inter_of(name), family=family(name))
        pair.inter1 = pair.inter2 = pair.actor1.inter


def _cite_triggers(inc: _Incident, cite: Callable[[str, int, int], None]) -> None:
    """The event type's evidence: the triggers of the actions that occurred (of all of them
    when none did)."""
    any_occurred = any(x.moded.mode == "occurred" for x in inc.actions)
    for d in inc.actions:
        if d.moded.mode != "occurred" and any_occurred:
            continue
        parse = d.info.parse
        if parse is None:
            continue
        first, last = parse[d.moded.trigger.first], parse[d.moded.trigger.last]
        base = d.info.sent.start
        cite("event_type", base + first.idx, base + last.idx + len(last))


def _killed(text: str, place: Place | None, quantities: Sequence[Quantity],
            fatalities: Callable[[Sequence[Quantity]], int]) -> int:
    """The incident's fatalities; "Total fatalities coded to 37 and split between the four
    events with 10 coded to Kafr Noran, ...": this incident's share."""
    killed = fatalities(quantities)
    names = [place.text, place.name] if place is not None else []
    share = split_share(text, names, killed)
    return share if share is not None else killed


def _place_fields(place: Place | None) -> dict:
    if place is None:
        return {}
    return {"country": place.country, "admin1": place.admin1, "admin2": place.admin2,
            "admin3": place.admin3, "location": place.name, "latitude": place.latitude,
            "longitude": place.longitude, "geo_precision": place.geo_precision,
            "pcode": place.pcode, "geonameid": place.geonameid}


def _with(event: Event, **changes) -> Event:
    from dataclasses import replace

    return replace(event, **changes)
