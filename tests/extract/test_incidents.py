"""The incident stage (yaqut.extract.incidents) and the background flag it sets."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from yaqut.extract import incidents
from yaqut.extract.assemble import SentenceInfo
from yaqut.extract.modality import Moded
from yaqut.extract.sentences import Sentence
from yaqut.extract.triggers import Trigger
from yaqut.ingest import make_document
from yaqut.records import Event, Place, Quantity, Span, event_from_dict, event_to_dict
from yaqut.store import Store


def test_background_round_trips_through_the_store(tmp_path):
    event = Event(event_id="e1", doc_ids=("d",), location="Somewhere", background=True)
    assert event_from_dict(event_to_dict(event)).background is True
    plain = dataclasses.replace(event, event_id="e2", background=False)
    assert "background" not in event_to_dict(plain)  # written only when true
    doc = make_document("Example report.", doc_id="d", published="2019-01-02")
    with Store(tmp_path / "s.db") as store:
        store.add_coded(doc, [event, plain])
    with Store(tmp_path / "s.db") as store:
        back = {e.event_id: e.background for e in store.events()}
    assert back == {"e1": True, "e2": False}


# -- the review's logic on hand-built candidates (no parse needed) ----------------------

PUBLISHED = dt.date(2019, 3, 10)


def _info(text="Something happened.", start=0):
    return SentenceInfo(Sentence(start, start + len(text), text, 0, "text"))


def _moded(plover="ASSAULT", mode="occurred"):
    return Moded(Trigger(head=0, first=0, last=0, plover=plover, cue=None, lemma="x"), mode)


def _cand(n=0, *, mode="occurred", plover="ASSAULT", level="community", dated="own",
          info=None, **event):
    fields = dict(event_id=f"e{n}", doc_ids=("d",), event_date=dt.date(2019, 3, 8),
                  time_precision=1, event_type="Battles", sub_event_type="Armed clash",
                  country="Syria", location="Kafr Nabl", pcode="C1", latitude=35.6,
                  longitude=36.6)
    fields.update(event)
    info = info or _info()
    return incidents.Candidate(n=n, event=Event(**fields), sentences=[info],
                               actions=[(_moded(plover, mode), info)], dated=dated,
                               level=level)


def test_only_threats_are_no_incident_unless_addressed_to_a_town():
    assert incidents.not_realis(_cand(mode="threatened", level="country"))
    assert incidents.not_realis(_cand(mode="threatened", level="community")) is None
    assert incidents.not_realis(_cand(mode="planned")).startswith("not realis: planned")
    assert incidents.not_realis(_cand()) is None


def test_talks_and_a_state_protesting_are_out_of_scope():
    assert "talks" in incidents.out_of_scope(_cand(plover="CONSULT"))
    peaceful = {"event_type": "Protests", "sub_event_type": "Peaceful protest"}
    assert incidents.out_of_scope(_cand(inter1=1, **peaceful))
    assert incidents.out_of_scope(_cand(inter1=6, **peaceful)) is None
    # police breaking up a protest is a protest with intervention, in scope
    assert incidents.out_of_scope(_cand(event_type="Protests", inter1=1,
                                        sub_event_type="Protest with intervention")) is None
    empty = incidents.Candidate(n=0, event=None, sentences=[], actions=[])
    assert "no ACLED event type" in incidents.out_of_scope(empty)


def test_a_country_is_no_place_and_an_undated_candidate_no_date_except_in_a_brief():
    assert incidents.no_place(_cand(level="country"))
    assert incidents.no_place(_cand(level="country"), brief=True) is None
    assert incidents.no_place(_cand(location=None, level=None))
    assert incidents.no_date(_cand(dated="none"), PUBLISHED)
    assert incidents.no_date(_cand(dated="none"), None) is None  # no publication date
    assert incidents.no_date(_cand(dated="none"), PUBLISHED, brief=True) is None
    assert incidents.no_date(_cand(dated="paragraph"), PUBLISHED) is None


def test_one_incident_per_place_and_day_merges_evidence():
    span = (("location", (Span(0, 4, "Kafr", "d"),)),)
    other = (("location", (Span(50, 54, "Kafr", "d"),)),)
    a, b = _cand(0, evidence=span), _cand(1, evidence=other)
    c = _cand(2, event_date=dt.date(2019, 3, 9))  # another day
    d = _cand(3, location="Ariha", pcode="C2")  # another place
    out = incidents.review([a, b, c, d], PUBLISHED)
    assert [x.kept for x in out] == [True, False, True, True]
    assert out[1].reason == "duplicate of #0" and out[1].merged_into == 0
    assert [s.start for s in out[0].event.evidence_for("location")] == [0, 50]
    assert len(incidents.events_of(out)) == 3


def test_more_than_30_days_before_publication_is_background():
    old = _cand(event_date=PUBLISHED - dt.timedelta(days=31))
    recent = _cand(1, event_date=PUBLISHED - dt.timedelta(days=30), location="Ariha",
                   pcode="C2")
    out = incidents.review([old, recent], PUBLISHED)
    assert out[0].kept and out[0].background and out[0].event.background
    assert out[1].kept and not out[1].event.background


def test_an_undated_candidate_told_before_a_dated_one_takes_its_span():
    first = _cand(0, dated="none", event_date=dt.date(2019, 3, 15), time_precision=3)
    later = _cand(1, location="Ariha", pcode="C2")
    assert [d.kept for d in incidents.review([first, later], PUBLISHED)] == [True, True]
    assert [d.kept for d in incidents.review([later, _cand(2, dated="none")], PUBLISHED)] \
        == [True, False]


def test_a_brief_keeps_its_one_incident_when_every_rule_objects():
    c = _cand(mode="planned", country="Cyprus")
    assert not incidents.review([c], PUBLISHED)[0].kept
    kept = incidents.review([c], PUBLISHED, brief=True, focus="Syria")[0]
    assert kept.kept and kept.reason.startswith("the brief's one incident")


def test_a_toll_over_100_needs_a_sentence_naming_the_place_or_day():
    text = "The war has killed 500 people. On Friday 150 people were killed in Kafr Nabl."
    toll = Quantity(500, "people", "killed", "500 people", 19, 29)
    own = Quantity(150, "people", "killed", "150 people", 41, 51)
    first, second = _info(text[:30]), _info(text[31:], 31)
    second.places = [Place(67, 76, "Kafr Nabl", "Kafr Nabl", 35.6, 36.6, "community", 1)]
    c = _cand(fatalities=500, quantities=(toll,), info=first)
    assert incidents.review([c], PUBLISHED, text)[0].event.fatalities == 0
    c = _cand(fatalities=150, quantities=(own,), info=second)
    assert incidents.review([c], PUBLISHED, text)[0].event.fatalities == 150


# -- the rules that read the parse (spaCy: slow) ----------------------------------------


def _reasons(monkeypatch, text: str, rule, published: str = "2019-03-10"):
    """``rule`` applied to each coded candidate the assembler hands to the review (inside
    the coding, while the parse is alive)."""
    import yaqut.extract.assemble as assemble
    from yaqut.coder import default_coder

    got: list = []

    def capture(candidates, *args, **kwargs):
        got.extend(rule(c) for c in candidates if c.event is not None)
        return incidents.review(candidates, *args, **kwargs)

    monkeypatch.setattr(assemble, "review", capture)
    default_coder().code(make_document(text, published=published, doc_id="t"))
    return got


def _article(text: str) -> str:
    """``text`` padded into an article (more sentences than a brief) with sentences that
    hold no action."""
    return " ".join([text] + ["Officials gave no further details."] * 8)


@pytest.mark.slow
def test_generic_present_simple_with_a_bare_plural_subject(monkeypatch):
    [r] = _reasons(monkeypatch, "Government helicopters bomb markets in Ariha.",
                   incidents.generic)
    assert r and r.startswith("generic")
    [r] = _reasons(monkeypatch, "Government helicopters bombed a market in Ariha on Friday.",
                   incidents.generic)
    assert r is None
    # the event noun going on is no habit: "clashes continue in X"
    assert _reasons(monkeypatch, "Clashes continue in Ariha between two factions.",
                    incidents.generic) == [None]


@pytest.mark.slow
def test_summary_over_a_period_trend_and_duration(monkeypatch):
    for text in ("More than 300 fighters were killed in the long offensive on Ariha.",
                 "Car bombings have increased in the town of Azaz.",
                 "Rebels have been fighting government forces near Kafr Zita.",
                 "Militants have attacked villages around Salamiyah throughout the war."):
        reasons = _reasons(monkeypatch, text, incidents.summary)
        assert reasons and all(r and r.startswith("summary") for r in reasons), text
    assert _reasons(monkeypatch, "Rebels attacked government forces near Kafr Zita on "
                    "Friday.", incidents.summary) == [None]


@pytest.mark.slow
def test_purpose_orders_and_flight_are_not_the_act(monkeypatch):
    for text in ("The president ordered a withdrawal of troops from Tal Abyad.",
                 "Thousands of families fled the fighting near Saraqib on Monday."):
        reasons = _reasons(monkeypatch, text, incidents.unasserted)
        assert reasons and all(r for r in reasons), text
    assert _reasons(monkeypatch, "Regime forces continued to shell Saraqib on Monday.",
                    incidents.unasserted) == [None]


@pytest.mark.slow
def test_a_place_that_acts_is_not_the_scene(monkeypatch):
    places = _reasons(monkeypatch, _article("Ankara launched an offensive into Tal Abyad on "
                                            "Saturday."), lambda c: c.event.location)
    assert places and "Ankara" not in places


def test_exports_leave_background_events_out_unless_asked():
    import io
    import json

    from yaqut.export import write_events

    events = [Event(event_id="now", doc_ids=("d",)),
              Event(event_id="old", doc_ids=("d",), background=True)]
    out = io.StringIO()
    assert write_events(events, "jsonl", out) == 1
    assert [json.loads(x)["event_id"] for x in out.getvalue().splitlines()] == ["now"]
    assert write_events(events, "jsonl", io.StringIO(), with_background=True) == 2


def test_an_undated_candidate_needs_a_like_dated_one_after_it():
    first = _cand(0, dated="none", event_date=dt.date(2019, 3, 15), time_precision=3)
    unlike = _cand(1, location="Ariha", pcode="C2", event_type="Protests",
                   sub_event_type="Peaceful protest")
    assert [d.kept for d in incidents.review([first, unlike], PUBLISHED)] == [False, True]


def test_an_article_carries_a_date_one_sentence_only():
    from yaqut.extract.assemble import _Incident, _inherited_date
    from yaqut.records import DateMention

    infos = [_info(f"Sentence {k}.", 20 * k) for k in range(4)]
    infos[0].dates = [DateMention(0, 5, "Monday", dt.date(2019, 3, 4), 1)]
    late, next_one = _Incident(None, 3, sentences=[3]), _Incident(None, 1, sentences=[1])
    assert _inherited_date(late, infos) == (dt.date(2019, 3, 4), 1)  # a note's paragraph
    assert _inherited_date(late, infos, reach=1) is None
    assert _inherited_date(next_one, infos, reach=1) == (dt.date(2019, 3, 4), 1)


@pytest.mark.slow
def test_a_name_inside_a_longer_proper_name_is_no_place(monkeypatch):
    places = _reasons(monkeypatch, _article("The Aleppo Evening Courier reported that rebels "
                                            "shelled Azaz on Monday."),
                      lambda c: c.event.location)
    assert places and "Aleppo" not in places


def test_a_strategic_development_abroad_is_politics():
    deal = _cand(event_type="Strategic developments", sub_event_type="Agreement",
                 country="Russia", location="Sochi")
    assert incidents.far_from_the_scene(deal, focus="Syria")
    assert incidents.far_from_the_scene(deal, focus="") is None
    assert incidents.far_from_the_scene(_cand(country="Turkey"), focus="Syria") is None


@pytest.mark.slow
def test_a_definite_mention_is_no_new_incident(monkeypatch):
    flags = _reasons(monkeypatch, _article("Government jets bombed a bakery in Ariha on "
                                           "Saturday. Residents buried the victims of the "
                                           "attack in Ariha on Tuesday."),
                     incidents._only_mentioned)
    assert flags[0] is False and flags[-1] is True


@pytest.mark.slow
def test_a_participle_or_a_definite_setting_is_not_reported_as_done(monkeypatch):
    reasons = _reasons(monkeypatch, _article("Local militias fighting the rebels near Ariha "
                                             "have received new uniforms."),
                       incidents.unasserted)
    assert reasons and all(r and "participle" in r for r in reasons)
    reasons = _reasons(monkeypatch, _article("Prices rose sharply in the town during the siege "
                                             "of Ariha."), incidents.unasserted)
    assert reasons and all(r and r.startswith("only a setting") for r in reasons)


@pytest.mark.slow
def test_a_count_under_a_modal_is_no_death(monkeypatch):
    killed = _reasons(monkeypatch, _article("Government jets bombed Ariha on Monday and "
                                            "officials warned that 300 people could be killed "
                                            "in Ariha."),
                      lambda c: incidents._own_fatalities(c, "").fatalities)
    assert killed and max(killed) == 0


# -- one incident per place and day: an undated mention folds into its dated incident ---


def test_an_undated_candidate_folds_into_the_dated_incident_of_its_place_and_type():
    undated = _cand(0, dated="none", event_date=dt.date(2019, 3, 15), time_precision=3)
    dated = _cand(1)
    elsewhere = _cand(2, dated="none", location="Maarat", pcode="C2",
                      event_date=dt.date(2019, 3, 15), time_precision=3)
    out = incidents.review([elsewhere, undated, dated], PUBLISHED, model=None)
    assert [d.kept for d in out] == [True, False, True]  # another place stays
    assert out[1].merged_into == 1 and out[1].reason.startswith("duplicate of #1")
    # another type at the same place is another incident
    shelling = _cand(3, dated="none", event_type="Explosions/Remote violence",
                     sub_event_type="Shelling/artillery/missile attack",
                     event_date=dt.date(2019, 3, 15), time_precision=3)
    out = incidents.review([shelling, _cand(4)], PUBLISHED, model=None)
    assert [d.kept for d in out] == [False, True]  # undated, told before no like incident
    out = incidents.review([_cand(5), shelling], PUBLISHED, model=None)
    assert out[1].reason.startswith("no date")


# -- the learned judge (yaqut.extract.incident_model) on hand-built weights --------------


def test_the_incident_model_decides_what_the_rules_let_through_and_says_why():
    from yaqut.extract.incident_model import IncidentModel

    model = IncidentModel({"dated_none": -4.0, "days_2-7": 1.0}, 0.5, 0.5)
    kept, undated = _cand(0), _cand(1, dated="none", location="Maarat", pcode="C2",
                                    event_date=dt.date(2019, 3, 15), time_precision=3)
    out = incidents.review([kept, undated], PUBLISHED, model=model)
    assert out[0].kept and out[0].score > 0.5 and "p=0.82" in out[0].reason
    assert not out[1].kept and out[1].reason.startswith("the incident model: p=0.03 < 0.50")
    assert "dated_none" in out[1].reason  # the feature that weighed most
    assert out[1].features["dated_none"] == 1.0 and out[1].features["rules_keep"] == 0.0
    # what the rules drop for content the model never sees; a brief is never judged
    out = incidents.review([_cand(2, mode="planned")], PUBLISHED, model=model)
    assert out[0].score is None and out[0].reason.startswith("not realis")
    out = incidents.review([_cand(3)], PUBLISHED, brief=True, model=model)
    assert out[0].kept and out[0].score is None


def test_incident_model_features_read_date_place_and_scope():
    from yaqut.extract.incident_model import features

    f = features(_cand(0, country="Syria"), PUBLISHED, focus="Syria", text="x")
    assert f["dated_own"] == f["tp1"] == f["in_focus"] == f["level_point"] == 1.0
    assert f["days_2-7"] == 1.0 and f["abroad"] == 0.0 and f["unparsed"] == 1.0
    f = features(_cand(1, country="Iraq", event_date=dt.date(2018, 1, 1)), PUBLISHED,
                 focus="Syria")
    assert f["abroad"] == 1.0 and f["days_old"] == 1.0


@pytest.mark.slow
def test_a_persons_home_town_is_no_scene(monkeypatch):
    for text in ("Senator Jane Doe of Texas was wounded when rebels shelled a base in Syria "
                 "on Friday.",
                 "Anna Smith, a nurse from Birmingham, was killed by a car bomb in Syria on "
                 "Friday."):
        places = _reasons(monkeypatch, _article(text), lambda c: c.event.location)
        assert places and not {"Texas", "Birmingham"} & set(places), places
    # "the town of X" is the scene
    places = _reasons(monkeypatch, _article("Rebels shelled the town of Mhardeh on Friday."),
                      lambda c: c.event.location)
    assert places == ["Muhradah"], places  # the gazetteer's spelling
