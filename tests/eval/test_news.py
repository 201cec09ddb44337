"""The news-gold matcher on hand-made events and incidents."""

import datetime as dt
import json

from yaqut.eval.news import can_match, family, read_gold, run, score_article
from yaqut.records import Document, Event


def _gold(**kw):
    row = {"article": "a", "n": 1, "required": True, "event_date": "2018-03-10",
           "time_precision": 1, "country": "Syria", "admin1": "Idleb", "location": "Town",
           "latitude": 35.90, "longitude": 36.60, "geo_precision": 1,
           "event_type": "Battles", "sub_event_type": "Armed clash",
           "actor1": "Military Forces of Syria (2000-)", "actor2": "Opposition Rebels (Syria)",
           "fatalities": 3}
    row.update(kw)
    row["_date"] = dt.date.fromisoformat(row["event_date"])
    return row


def _event(i=0, **kw):
    base = dict(event_id=f"e{i}", doc_ids=("a",), event_date=dt.date(2018, 3, 10),
                time_precision=1, country="Syria", admin1="Idleb", latitude=35.90,
                longitude=36.60, geo_precision=1, event_type="Battles",
                sub_event_type="Armed clash", actor1="Opposition Rebels (Syria)",
                actor2="Military Forces of Syria (2000-) Air Force", fatalities=3)
    base.update(kw)
    return Event(**base)


def test_place_within_25_km_and_dates_within_3_days():
    assert can_match(_event(latitude=36.05), _gold())  # ~17 km north
    assert not can_match(_event(latitude=36.20), _gold())  # ~33 km
    assert can_match(_event(event_date=dt.date(2018, 3, 13)), _gold())
    assert not can_match(_event(event_date=dt.date(2018, 3, 14)), _gold())


def test_week_and_month_precision_widen_the_date_window():
    assert can_match(_event(event_date=dt.date(2018, 3, 16), time_precision=2), _gold())
    assert not can_match(_event(event_date=dt.date(2018, 3, 18), time_precision=2), _gold())
    assert can_match(_event(event_date=dt.date(2018, 3, 30)), _gold(time_precision=3))


def test_a_coarse_side_matches_by_governorate():
    far = _event(latitude=36.5, geo_precision=3)  # ~67 km, but only the governorate known
    assert can_match(far, _gold())
    assert not can_match(_event(latitude=36.5, geo_precision=3, admin1="Aleppo"), _gold())
    assert not can_match(_event(country="Turkey"), _gold())


def test_second_event_on_an_incident_is_false_and_best_match_prefers_the_type():
    other = _event(1, event_type="Explosions/Remote violence", sub_event_type="Air/drone strike")
    same = _event(2, event_date=dt.date(2018, 3, 11))
    scored = score_article([other, same], [_gold()])
    assert scored["verdicts"] == ["false", "true"]
    assert scored["found"] == 1 and scored["required"] == 1


def test_optional_incidents_neither_reward_nor_punish():
    back = _gold(required=False, event_date="2017-01-15", time_precision=3)
    scored = score_article([_event(event_date=dt.date(2017, 1, 20))], [back])
    assert scored["verdicts"] == ["neutral"] and scored["required"] == 0
    assert score_article([], [back])["required"] == 0


def test_actor_family_ignores_dates_branches_and_apostrophes():
    assert family("Military Forces of the United States (2017-2021)") == \
        family("Military Forces of the United States (2017-) Air Force") == \
        family("Military Forces of the United States")
    assert family("YPG: Peoples Protection Units") == family("YPG: People's Protection Units")
    assert family("Civilians (Syria)") != family("Civilians (Iraq)")


def test_run_scores_a_tiny_corpus(tmp_path):
    gold = tmp_path / "gold.jsonl"
    rows = [dict(_gold(), _date=None), {"article": "b", "n": 0, "none": True}]
    gold.write_text("\n".join(json.dumps({k: v for k, v in r.items() if k != "_date"})
                              for r in rows), "utf-8")
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(json.dumps({"id": i, "text": f"text {i}",
                                            "published": "2018-03-11"}) for i in "ab"), "utf-8")
    coded = {"a": [_event(0)], "b": [_event(1), _event(2, background=True)]}

    def coder(doc: Document):
        return coded[doc.id]

    result = run(gold, corpus, coder=coder)
    s = result["scores"]
    assert (result["true"], result["false"]) == (1, 1)
    assert s["precision"] == 0.5 and s["recall"] == 1.0
    assert s["events_per_empty_article"] == 1.0
    assert s["actor_family"] == 1.0 and s["exact_date"] == 1.0
    assert set(read_gold(gold)) == {"a", "b"}
