"""Which candidate actions report an incident, and which mentions are one incident.

The assembler (:mod:`yaqut.extract.assemble`) groups a document's sentences into candidate
incidents and codes each as an Event. A whole news article also tells background,
opinion, diplomacy, plans, war-wide tolls and habits, so each candidate is reviewed here
before it becomes an incident, by named rules applied in order (the first that objects
decides; every decision keeps its reason, for ``yaqut explain``):

1. **in scope**: the classifier found an ACLED event type, and a peaceful protest is
   staged by people, not by an armed force or a state (a government "protesting" is a
   statement; forces breaking up a protest are another sub-type);
2. **realis**: at least one action occurred (or is claimed as done); an action only
   demanded or threatened counts only when it is addressed to a town or village (an
   ultimatum to a place), never as a distant government's policy threat;
3. **specific**: not generic or habitual (a bare plural subject with a verb in the
   present simple: "jets bomb hospitals"), not a summary over a war, an offensive or a
   year (the trigger's clause is scoped by a period: "since 2011", "over the past year",
   "in the weeklong offensive", "throughout the war") unless the sentence names a day;
4. **anchored**: a place finer than a country, and, when the report has a publication date,
   a date from the incident's sentences or carried from its paragraph (from the sentence
   before, in an article printed as one paragraph), or told before a like incident (same
   type) the report dates in its own span (it takes that month); a report with no
   publication date, or a brief of a few sentences, is taken as dated;
5. **one per place and day**: a candidate at the place and on the day of an earlier
   incident is merged into it (all its evidence spans kept); so is a candidate told only
   by definite nouns ("the attack", "Saturday's strike") at the place of an earlier
   incident of its type, whatever the date of its sentence;
6. **recency**: an incident dated more than 30 days before publication is kept with
   ``background=True`` (left out of exports, the dashboard and campaigns by default);
7. **the scene**: a strategic development placed outside the report's focus country (a
   capital where governments meet and announce) is politics, not an incident.

Fatalities belong to the incident: counts told in a summary clause or under a modal
("could be killed") are not the incident's, and a total over :data:`TOLL_NEEDS_TIE` needs a
killed-count in a sentence that also names the incident's place or day.

The rules read structure (the parse, modes, tense, determiners, dates), not phrases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from yaqut import lexicon
from yaqut.extract import incident_model
from yaqut.extract.incident_model import IncidentModel
from yaqut.records import Event, Place, Quantity, Span

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from yaqut.extract.modality import Moded

#: :class:`yaqut.extract.assemble.SentenceInfo` (not imported: the assembler imports this
#: module, and the import graph has no circles).
SentenceInfo = Any

__all__ = ["BACKGROUND_DAYS", "TOLL_NEEDS_TIE", "Candidate", "Decision", "review"]

#: An incident more than this many days before publication is background.
BACKGROUND_DAYS = 30
#: Fatalities above this need a sentence tying the count to the incident.
TOLL_NEEDS_TIE = 100
_POINT_LEVELS = frozenset({"community", "city", "neighbourhood", "admin3"})
_PERIOD_PREPS = frozenset({"since", "over", "throughout", "during", "in", "across", "for"})
# ACLED inter codes of armed sides: state forces, rebels, political and identity militias,
# external forces (protests are staged by protesters, rioters, civilians)
_ARMED_INTER = frozenset({1, 2, 3, 4, 8})
# verbs of flight: "people fled the fighting" tells displacement, not one clash
_FLIGHT_VERBS = frozenset({"flee", "escape", "evacuate"})
# PLOVER types that are talk, not an incident ACLED codes
_TALK_TYPES = frozenset({"CONSULT", "DISAPPROVE", "INVESTIGATE", "SANCTION", "REJECT"})
# verbs of a change in amount: "attacks have increased" tells a trend, not an attack
_TREND_VERBS = frozenset({"increase", "rise", "spike", "double", "surge", "decline", "drop",
                          "fall", "escalate", "intensify"})


@dataclass
class Candidate:
    """One candidate incident as the assembler saw it.

    ``event`` is None when the classifier found no ACLED type. ``actions`` pairs each action
    with the sentence it was read in; ``dated`` says where the date came from: ``"own"``
    (the incident's sentences), ``"paragraph"`` (an earlier sentence of its paragraph) or
    ``"none"`` (a made-up month). ``level`` is the gazetteer level of its place."""

    n: int
    event: Event | None
    sentences: list[SentenceInfo]
    actions: list[tuple[Moded, SentenceInfo]]
    dated: str = "own"
    level: str | None = None
    place: Place | None = None


@dataclass
class Decision:
    """What happened to one candidate, and why (``yaqut explain`` prints these)."""

    n: int
    kept: bool
    reason: str
    event: Event | None = None
    text: str = ""
    merged_into: int | None = None
    background: bool = False
    dated: str = "own"  # where the date came from (Candidate.dated)
    score: float | None = None  # the incident model's probability, when it judged
    features: dict[str, float] = field(default_factory=dict)  # what the model read


# -- the rules: each returns a reason to drop the candidate, or None --------------------


def out_of_scope(c: Candidate) -> str | None:
    if c.event is None:
        return "out of scope: no ACLED event type (talks, statements, votes, ...)"
    types = {m.trigger.plover for m, _ in c.actions if m.eventive}
    if types and types <= _TALK_TYPES:
        return "out of scope: talks, statements, investigations or sanctions"
    if c.event.sub_event_type == "Peaceful protest" and c.event.inter1 in _ARMED_INTER:
        return "out of scope: an armed force or state 'protesting' is a statement"
    return None


def not_realis(c: Candidate) -> str | None:
    done = [m for m, _ in c.actions if m.mode == "occurred"
            or (m.mode == "claimed" and not m.attributed)]
    if done:
        return None
    asked = [m for m, _ in c.actions if m.mode in ("demanded", "threatened")]
    if asked and c.level in _POINT_LEVELS:
        return None  # an ultimatum addressed to a town
    modes = sorted({m.mode for m, _ in c.actions}) or ["none"]
    return f"not realis: {'/'.join(modes)}"


def unasserted(c: Candidate) -> str | None:
    real = _real_actions(c)
    if real and all(_in_infinitive(m, info) for m, info in real):
        return "not realis: only an aim or purpose (a to-infinitive clause)"
    if real and all(_governed_by(m, info, lexicon.words("news_directive_verbs"),
                                 ("dobj", "xcomp"))
                    for m, info in real):
        return "not realis: only ordered, decided or called for"
    if real and all(_governed_by(m, info, _FLIGHT_VERBS, ("dobj", "pobj"))
                    for m, info in real):
        return "not an incident: people fleeing fighting (displacement)"
    if real and all(_definite_setting(m, info) for m, info in real):
        return "only a setting: a definite noun in a prepositional phrase ('in the fight " \
               "against X')"
    if real and all(_participle(m, info) for m, info in real):
        return "not reported as done: a participle describing an actor or a circumstance"
    return None


def generic(c: Candidate) -> str | None:
    real = _real_actions(c)
    if real and all(_generic_clause(m, info) for m, info in real):
        return "generic or habitual: present simple with a bare plural subject"
    return None


def summary(c: Candidate) -> str | None:
    real = _real_actions(c)
    if real and all(_summarised(m, info) or _trend(m, info) or _durative(m, info)
                    for m, info in real):
        return "summary over a period (war, offensive, year), not one occurrence"
    return None


def no_place(c: Candidate, brief: bool = False) -> str | None:
    """No place finer than a country. A brief (an ACLED note, a wire item) tells one
    incident: it stays even where the gazetteer knows none of its places."""
    if brief or c.event is None:
        return None
    if c.event.location is None or c.level == "country":
        return "no place finer than a country"
    return None


def far_from_the_scene(c: Candidate, focus: str = "") -> str | None:
    """A strategic development (a deal, a deployment, a change of activity) told by a report
    about another country happens where the report's fighting is: one placed abroad (a
    capital where governments decide, meet or announce) is politics, not an incident."""
    if (focus and c.event is not None and c.event.event_type == "Strategic developments"
            and c.event.country and c.event.country != focus):
        return f"out of scope: a strategic development outside {focus}, the report's scene"
    return None


def no_date(c: Candidate, published: dt.date | None, brief: bool = False) -> str | None:
    """No date in the incident's sentences or carried from its paragraph, in a report with
    a publication date. A brief is dated by its publication (its framing: what it tells
    happened just before)."""
    if published is not None and c.dated == "none" and not brief:
        return "no date in its sentences or paragraph"
    return None


_RULES: tuple[Callable[[Candidate], str | None], ...] = (
    out_of_scope, not_realis, unasserted, generic, summary)


# -- the review -------------------------------------------------------------------------


def review(
    candidates: Sequence[Candidate],
    published: dt.date | None,
    text: str = "",
    brief: bool = False,
    focus: str = "",
    model: IncidentModel | None | str = "shipped",
) -> list[Decision]:
    """Decide every candidate (module docstring); kept ones carry their final Event.
    ``brief``: the report is a brief of a few sentences (an ACLED note, a wire item), which
    tells one incident (see :func:`no_place`, :func:`no_date`). ``focus``: the country the
    report is about (:func:`yaqut.extract.assemble.focus_country`). ``model``: the learned
    judge of what the rules let through (:mod:`yaqut.extract.incident_model`; ``"shipped"``
    for the package's own, None for the rules alone)."""
    judge = incident_model.shipped() if model == "shipped" else model
    assert judge is None or isinstance(judge, IncidentModel)
    decisions: list[Decision] = []
    kept: list[Decision] = []
    reasons = [next((r for r in (rule(c) for rule in _RULES) if r), None)
               or no_place(c, brief) or far_from_the_scene(c, "" if brief else focus)
               for c in candidates]
    # incidents dated in the report's own span: an undated one told before a like one (same
    # type and sub-type) is the first of a series it dates ("The first town to face a
    # threat was X. ... Similarly, on 19 May, ...")
    anchors = [i for i, c in enumerate(candidates) if reasons[i] is None
               and c.dated != "none" and c.event is not None
               and not _background(c.event, published)]
    for i, c in enumerate(candidates):
        told = " ".join(info.sent.text for info in c.sentences[:1])
        reason = reasons[i]
        if reason is None and not any(a > i and _alike(candidates[a], c) for a in anchors):
            reason = no_date(c, published, brief)
        feats: dict[str, float] = {}
        score: float | None = None
        note = ""
        if reasons[i] is None and not brief:  # the rules found it may be an incident
            feats = incident_model.features(c, published, focus, text, reason is None)
            if judge is not None:
                score = judge.probability(feats)
                why = f"the incident model: {incident_model.explain(judge, feats, score)}"
                note = f" ({why}{'; ' + reason if reason else ''})"
                reason = why if score < judge.threshold else None
        if reason is not None:
            decisions.append(Decision(c.n, False, reason, c.event, told, dated=c.dated,
                                      score=score, features=feats))
            continue
        event = _own_fatalities(c, text)
        host = next((d for d in kept if _same_place_and_day(d.event, event)), None)
        if host is None and _only_mentioned(c):
            # "the attack in X", "Saturday's attack": a definite mention of an incident
            # already told at that place is that incident, whatever date its sentence has
            host = next((d for d in kept if _same_place_and_type(d.event, event)), None)
        if host is not None:
            host.event = _absorb(host.event, event)
            decisions.append(Decision(c.n, False, f"duplicate of #{host.n}", event, told,
                                      merged_into=host.n, dated=c.dated, score=score,
                                      features=feats))
            continue
        late = _background(event, published)
        if late:
            event = replace(event, background=True)
        d = Decision(c.n, True, ("background: more than 30 days before publication" if late
                                 else "incident") + note, event, told, background=late,
                     dated=c.dated, score=score, features=feats)
        decisions.append(d)
        kept.append(d)
    _fold_undated(kept)
    if brief and not kept:
        _keep_the_brief_incident(decisions, candidates, published, text)
    return decisions


def _fold_undated(kept: list[Decision]) -> None:
    """An incident with no date of its own (dated to a made-up month) at the place of a
    dated incident of its type, told before or after it, is that incident: with no day of
    its own nothing tells it apart (one incident per place and day)."""
    for d in list(kept):
        if d.dated != "none" or d.event is None:
            continue
        host = next((h for h in kept if h is not d and h.dated != "none"
                     and _same_place_and_type(h.event, d.event)), None)
        if host is None:
            continue
        host.event = _absorb(host.event, d.event)
        d.kept, d.merged_into, d.background = False, host.n, False
        d.reason = f"duplicate of #{host.n} (undated, at its place and of its type)"
        kept.remove(d)


def _keep_the_brief_incident(decisions: list[Decision], candidates: Sequence[Candidate],
                             published: dt.date | None, text: str) -> None:
    """A brief reports one incident: when every rule objected to every candidate, its first
    coded candidate is kept all the same (the rules read whole articles; a brief's present
    tense, "clashes continue", is its reporting style)."""
    for d, c in zip(decisions, candidates, strict=True):
        if c.event is None:
            continue
        event = _own_fatalities(c, text)
        late = _background(event, published)
        d.kept, d.event, d.background = True, replace(event, background=late), late
        d.reason = f"the brief's one incident (despite: {d.reason})"
        return


def _alike(a: Candidate, b: Candidate) -> bool:
    return (a.event is not None and b.event is not None
            and (a.event.event_type, a.event.sub_event_type)
            == (b.event.event_type, b.event.sub_event_type))


def events_of(decisions: Sequence[Decision]) -> list[Event]:
    """The Events of the kept decisions, in order."""
    return [d.event for d in decisions if d.kept and d.event is not None]


# -- helpers ----------------------------------------------------------------------------


def _real_actions(c: Candidate) -> list[tuple[Moded, SentenceInfo]]:
    return [(m, info) for m, info in c.actions if m.mode in ("occurred", "claimed")
            and info.parse is not None]


def _token(m: Moded, info: SentenceInfo) -> Token | None:
    if info.parse is None:
        return None
    return info.parse[m.trigger.head]


def _clause_verb(t: Token) -> Token:
    """The verb whose clause holds ``t`` (``t`` itself when it is a verb)."""
    node = t
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def _generic_clause(m: Moded, info: SentenceInfo) -> bool:
    """A verb in the present simple (no auxiliary) whose subject is a bare plural noun
    ("Russian jets bomb hospitals"): a habit or a kind, not an occurrence."""
    t = _token(m, info)
    if t is None or t.pos_ != "VERB":  # "clashes continue": the event itself goes on
        return False
    verb = t
    if verb.tag_ not in ("VBP", "VBZ") or any(c.dep_ in ("aux", "auxpass") for c in
                                               verb.children):
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and all(
        s.tag_ == "NNS" and not any(c.dep_ in ("det", "poss", "nummod") for c in s.children)
        for s in subjects)


def _in_infinitive(m: Moded, info: SentenceInfo) -> bool:
    """The action is (or is the object of) the verb of a to-infinitive clause of purpose
    ("to avert a clash, ...", "in order to oust X", "efforts to capture X"): an aim, not a
    report that it happened ("continued to fight" is a complement and stays)."""
    t = _token(m, info)
    if t is None:
        return False
    verb = _clause_verb(t)
    return verb.tag_ == "VB" and verb.dep_ in ("advcl", "acl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _durative(m: Moded, info: SentenceInfo) -> bool:
    """A verb in the present perfect progressive ("have been fighting"): an activity over
    a stretch of time up to now, not one occurrence."""
    t = _token(m, info)
    if t is None or t.tag_ != "VBG":
        return False
    aux = [c.lower_ for c in t.children if c.dep_ == "aux"]
    return "been" in aux and any(a in ("has", "have", "had") for a in aux)


def _definite_setting(m: Moded, info: SentenceInfo) -> bool:
    """A definite noun that is the object of a preposition ("in the fight against X",
    "during the battle to recapture Y"): the act is the background of another."""
    t = _token(m, info)
    return (t is not None and t.pos_ == "NOUN" and t.dep_ == "pobj"
            and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children))


def _participle(m: Moded, info: SentenceInfo) -> bool:
    """A bare -ing participle modifying a noun or a clause ("militias fighting X have
    called ...", "a volunteer killed fighting X"): it describes, it does not report."""
    t = _token(m, info)
    return (t is not None and t.tag_ == "VBG" and t.dep_ in ("acl", "advcl")
            and not any(c.dep_ in ("aux", "auxpass", "mark") for c in t.children))


def _trend(m: Moded, info: SentenceInfo) -> bool:
    """The action sits in the subject of a verb of change ("attacks have increased", "the
    number fleeing the fighting has doubled"): a trend over time."""
    t = _token(m, info)
    if t is None:
        return False
    node = t
    while node.head.i != node.i:
        if node.dep_ in ("nsubj", "nsubjpass") and node.head.lemma_.lower() in _TREND_VERBS:
            return True
        node = node.head
    return False


def _governed_by(m: Moded, info: SentenceInfo, verbs: frozenset[str],
                 deps: tuple[str, ...]) -> bool:
    """The action is the object of one of ``verbs`` (through a preposition for ``pobj``:
    "fled from the fighting")."""
    t = _token(m, info)
    if t is None or t.dep_ not in deps:
        return False
    head = t.head
    if t.dep_ == "pobj":
        head = head.head
    return head.lemma_.lower() in verbs


def _summarised(m: Moded, info: SentenceInfo) -> bool:
    """The action's clause is scoped by a period ("since 2011", "over the past year", "in
    the weeklong offensive", "throughout the war") and its sentence names no day."""
    if any(d.precision == 1 and not d.historical for d in info.dates):
        return False
    t = _token(m, info)
    if t is None:
        return False
    verb = _clause_verb(t)
    periods = lexicon.words("news_periods")
    for node in (t, verb):
        for prep in node.children:
            if prep.dep_ != "prep" or prep.lower_ not in _PERIOD_PREPS:
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                if obj.lemma_.lower() in periods:
                    return True
                if prep.lower_ == "since" and (obj.like_num or obj.ent_type_ == "DATE"
                                               or obj.tag_ == "CD"):
                    return True
    return False


def _same_place_and_day(a: Event | None, b: Event) -> bool:
    if a is None or a.event_date is None or b.event_date is None:
        return False
    if a.event_date != b.event_date or (a.time_precision or 1) != (b.time_precision or 1):
        return False
    if a.pcode and b.pcode:
        return a.pcode == b.pcode
    return (a.location, a.country) == (b.location, b.country) and a.location is not None


def _only_mentioned(c: Candidate) -> bool:
    """Every action of the candidate is a definite noun ("the attack", "Saturday's
    strike"): a mention of an incident, not the report of a new one."""
    real = _real_actions(c)
    if not real:
        return False
    for m, info in real:
        t = _token(m, info)
        if t is None or t.pos_ != "NOUN" or not any(
                (ch.dep_ == "det" and ch.lower_ == "the") or ch.dep_ == "poss"
                for ch in t.children):
            return False
    return True


def _same_place_and_type(a: Event | None, b: Event) -> bool:
    if a is None or a.event_type != b.event_type:
        return False
    if a.pcode and b.pcode:
        return a.pcode == b.pcode
    return (a.location, a.country) == (b.location, b.country) and a.location is not None


def _absorb(host: Event | None, other: Event) -> Event:
    """``host`` with ``other``'s evidence spans, actions, counts and claims added."""
    assert host is not None
    spans: dict[str, list[Span]] = {f: list(s) for f, s in host.evidence}
    for f, s in other.evidence:
        have = spans.setdefault(f, [])
        have.extend(x for x in s if x not in have)
    return replace(
        host,
        evidence=tuple((f, tuple(s)) for f, s in sorted(spans.items())),
        actions=host.actions + tuple(a for a in other.actions if a not in host.actions),
        quantities=host.quantities + tuple(q for q in other.quantities
                                           if q not in host.quantities),
        claims=host.claims + tuple(c for c in other.claims if c not in host.claims),
        fatalities=max(host.fatalities, other.fatalities),
    )


def _background(event: Event, published: dt.date | None) -> bool:
    return (published is not None and event.event_date is not None
            and (published - event.event_date).days > BACKGROUND_DAYS)


def _own_fatalities(c: Candidate, text: str) -> Event:
    """The candidate's Event with fatalities from its own occurrence: counts read in a
    summary clause are dropped; a total over :data:`TOLL_NEEDS_TIE` stands only when a
    killed-count sits in a sentence naming the incident's place or day."""
    event = c.event
    assert event is not None
    if event.fatalities <= 0:
        return event
    killed = [q for q in event.quantities if q.role == "killed"]
    summaries = [info for info in c.sentences if _period_sentence(info)]
    own = [q for q in killed if not any(info.sent.start <= q.start < info.sent.end
                                        for info in summaries)
           and not _modal_count(q, c)]
    total = event.fatalities if len(own) == len(killed) else _sum(own)
    if total > TOLL_NEEDS_TIE and not any(_tied(q, c, event) for q in own):
        total = 0
    if total == event.fatalities:
        return event
    evidence = tuple((f, s if f != "fatalities" else tuple(
        x for x in s if any(q.start <= x.start < q.end for q in own)))
        for f, s in event.evidence)
    return replace(event, fatalities=total, evidence=evidence)


def _modal_count(q: Quantity, c: Candidate) -> bool:
    """A count whose verb has a modal ("hundreds of thousands could be killed"): a fear or
    a forecast, not deaths."""
    for info in c.sentences:
        if info.parse is None or not info.sent.start <= q.start < info.sent.end:
            continue
        base = info.sent.start
        toks = [t for t in info.parse if q.start <= base + t.idx < q.end]
        if not toks:
            return False
        verb = _clause_verb(toks[-1])
        return any(ch.dep_ == "aux" and ch.tag_ == "MD" for ch in verb.children)
    return False


def _sum(quantities: Sequence[Quantity]) -> int:
    from yaqut.extract.quantities import fatalities

    return fatalities(quantities) if quantities else 0


def _period_sentence(info: SentenceInfo) -> bool:
    if info.parse is None or any(d.precision == 1 and not d.historical for d in info.dates):
        return False
    periods = lexicon.words("news_periods")
    return any(t.dep_ == "pobj" and t.head.lower_ in _PERIOD_PREPS
               and t.lemma_.lower() in periods for t in info.parse)


def _tied(q: Quantity, c: Candidate, event: Event) -> bool:
    for info in c.sentences:
        if not info.sent.start <= q.start < info.sent.end:
            continue
        if any(p.name == event.location for p in info.places):
            return True
        if any(d.date == event.event_date and d.precision == 1 for d in info.dates):
            return True
    return False
