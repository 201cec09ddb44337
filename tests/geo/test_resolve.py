"""Resolving mentions in context (yaqut.geo.resolve) against the hand-made gazetteer."""

from __future__ import annotations

import pytest

from yaqut.geo import Geocoder
from yaqut.geo.resolve import Resolver


def one(places, text):
    hits = [p for p in places if p.text == text]
    assert len(hits) == 1, [(p.text, p.name) for p in places]
    return hits[0]


# -- disambiguation ---------------------------------------------------------------------


@pytest.mark.parametrize("gov", ["Dara'a", "Daraa", "Deraa", "Dar'a"])
def test_resolve_governorate_mention_picks_the_namesake_inside_it(parse, gov):
    p = one(parse(f"Regime forces stormed Al-Naima in {gov} on Monday."), "Al-Naima")
    assert (p.name, p.pcode, p.admin1) == ("Neimeh", "C5997", "Dar'a")


def test_resolve_the_same_name_goes_to_aleppo_when_aleppo_is_named(parse):
    p = one(parse("Regime forces stormed Al-Naima in Aleppo countryside."), "Al-Naima")
    assert (p.name, p.pcode) == ("Noaimeh", "C1234")


def test_resolve_governorate_named_elsewhere_in_the_document_also_counts(parse):
    text = "Fighting continued across Aleppo province. Later, shells hit Al-Naima."
    assert one(parse(text), "Al-Naima").pcode == "C1234"


def test_resolve_arabic_text_disambiguated_by_arabic_governorate(parse):
    p = one(parse("قصف على النعيمة في درعا"), "النعيمة")
    assert p.pcode == "C5997"


def test_resolve_ambiguous_name_in_one_district_falls_back_to_it(parse):
    p = one(parse("Shelling hit Tayyibeh."), "Tayyibeh")  # two villages in Homs district
    assert (p.level, p.pcode, p.geo_precision) == ("admin2", "SY0400", 3)
    assert "ambiguous" in p.reason and p.score <= 0.5


def test_resolve_ambiguous_across_governorates_is_flagged_not_dropped(parse):
    p = one(parse("قصف على النعيمة"), "النعيمة")  # the Arabic name both villages have
    assert p.pcode in ("C5997", "C1234")
    assert "ambiguous" in p.reason and p.score <= 0.5


def test_resolve_focus_country_wins_ties_and_can_be_switched_off(gaz):
    # Tripoli is in Lebanon and in Libya; with Lebanon named, the Lebanese one
    p = one(Geocoder(gaz, focus="SY").geoparse("Clashes in Tripoli, Lebanon."), "Tripoli")
    assert p.country == "Lebanon"
    # Without any context and no focus country, the larger city
    p = one(Geocoder(gaz, focus=None).geoparse("Clashes in Tripoli."), "Tripoli")
    assert p.country == "Libya"


# -- precision --------------------------------------------------------------------------


def test_resolve_a_village_named_alone_is_precision_1(parse):
    p = one(parse("Gunmen attacked a checkpoint in Talbiseh."), "Talbiseh")
    assert (p.pcode, p.level, p.geo_precision) == ("C2882", "community", 1)


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen attacked a checkpoint near Talbiseh.",
        "Gunmen attacked a checkpoint on the outskirts of Talbiseh.",
        "Gunmen attacked a checkpoint in Talbiseh countryside.",
        "Gunmen attacked a checkpoint 5 km north of Talbiseh.",
    ],
)
def test_resolve_near_or_countryside_is_precision_2(parse, text):
    p = one(parse(text), "Talbiseh")
    assert p.pcode == "C2882" and p.geo_precision == 2
    assert "near" in p.reason


@pytest.mark.parametrize("text", ["Clashes in Homs province.", "Clashes in Homs governorate."])
def test_resolve_governorate_only_is_precision_3_at_its_centre(parse, text):
    p = one(parse(text), "Homs")
    assert (p.level, p.pcode, p.geo_precision) == ("admin1", "SY04", 3)
    assert (p.latitude, p.longitude) == (34.73, 36.71)


def test_resolve_eastern_governorate_is_the_governorate_not_its_capital(parse):
    p = one(parse("Clashes broke out in eastern Dara'a."), "Dara'a")
    assert p.level == "admin1" and p.pcode == "SY12"


def test_resolve_bare_homs_is_the_city_like_acled(parse):
    p = one(parse("Clashes broke out in Homs on Monday."), "Homs")
    assert (p.level, p.pcode, p.geo_precision) == ("community", "C4000", 1)


def test_resolve_homs_countryside_is_the_governorate(parse):
    p = one(parse("Clashes broke out in Homs countryside."), "Homs")
    assert p.level == "admin1" and p.geo_precision == 3


def test_resolve_record_carries_hierarchy_score_and_reason(parse):
    p = one(parse("Regime forces stormed Al-Naima in Dar'a."), "Al-Naima")
    assert (p.country, p.admin1, p.admin2, p.admin3) == ("Syria", "Dar'a", "Dar'a", "Dar'a")
    assert (p.latitude, p.longitude) == (32.63, 36.16)
    assert 0 < p.score <= 1 and "Dar'a" in p.reason


# -- false places kept out ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Read more about the war.",  # English word that is also a village (Rad)
        "Syrian and Russian jets struck the area.",  # demonyms
        "The Syrians said Russians were there.",
        "President Bashar al-Assad spoke. Later al-Assad left.",  # a person, not 'As Sadd'
        "Fighters of Hamza Division clashed with Jaysh al-Islam.",  # organisations
        "The olive branch was offered.",  # lower case
        "Olive Branch fighters advanced.",  # a US town made of common English words
    ],
)
def test_resolve_false_places_are_kept_out(parse, text):
    assert [(p.text, p.name) for p in parse(text)] == []


def test_resolve_possessive_country_is_the_country(parse):
    text = "Syria's war goes on."
    p = one(parse(text), "Syria")
    assert (p.level, p.start, p.end) == ("country", 0, 5)


def test_resolve_person_surface_is_a_person_throughout_the_document(parse):
    text = "Forces loyal to al-Assad advanced. President Bashar al-Assad spoke."
    assert parse(text) == []


def test_resolve_place_after_a_locative_cue_is_kept(parse):
    p = one(parse("Shells fell on Rad village."), "Rad")
    assert p.pcode == "C4300"


# -- robustness -------------------------------------------------------------------------


def test_resolve_one_failing_mention_does_not_empty_the_document(gaz, monkeypatch):
    real = Resolver._place

    def flaky(self, text, m, doc_id):
        if m.cand.text == "Talbiseh":
            raise RuntimeError("boom")
        return real(self, text, m, doc_id)

    monkeypatch.setattr(Resolver, "_place", flaky)
    places = Geocoder(gaz, focus="SY").geoparse("Clashes in Talbiseh and in Qaryatein.")
    assert [p.text for p in places] == ["Qaryatein"]


def test_resolve_empty_text_gives_no_places(parse):
    assert parse("") == []
    assert parse("Nothing to see here.") == []


def test_resolve_offsets_and_doc_id(geocoder):
    text = "Clashes in Talbiseh."
    (p,) = geocoder.geoparse(text, doc_id="d1")
    assert text[p.start : p.end] == "Talbiseh" and p.doc_id == "d1"


def test_resolve_loose_match_outside_the_named_governorate_is_dropped(parse):
    # "Talbisa" is only a loose spelling of Talbiseh (Homs); the text places it in Dar'a
    places = parse("A checkpoint was attacked near Talbisso in Dar'a countryside.")
    assert [p.text for p in places] == ["Dar'a"]
    # the same loose spelling with no governorate named is kept, flagged by its score
    (p,) = parse("A checkpoint was attacked near Talbisso.")
    assert p.pcode == "C2882" and p.score < 0.9


def test_resolve_governorate_name_placing_another_place_is_the_governorate(parse):
    places = parse("Gunmen shot a man in Zabadani town in Homs yesterday.")
    p = one(places, "Homs")
    assert p.level == "admin1" and p.geo_precision == 3


def test_resolve_common_word_village_stands_with_a_place_word(parse):
    # "Rad" is also an English-looking word; "Read" (zipf 5.5) needs a place word to stand
    assert parse("Read the report.") == []
    assert one(parse("Shells fell on Rad village."), "Rad").pcode == "C4300"


def test_resolve_exact_country_beats_a_look_alike_village(gaz):
    from yaqut.geo.gazetteer import Entry, MemoryGazetteer

    entries = [*gaz._entries.values(),
               Entry(300, "community", "Iraqa", 35.2, 36.5, "SY", "Syria",
                     admin1="Homs", admin1_pcode="SY04", pcode="C9999")]
    geo = Geocoder(MemoryGazetteer(entries, {}, {}), focus="SY")
    (p,) = [p for p in geo.geoparse("Clashes in Homs; fighters fled to Iraq.") if p.text == "Iraq"]
    assert p.level == "country" and p.country == "Iraq"


def test_resolve_speaker_of_a_quotation_is_a_person(parse):
    assert parse("“We lost everything,” said Talbiseh. Later Talbiseh left.") == []
    assert parse("Qaryatein reportedly told the court nothing.") == []


def test_resolve_a_distant_town_abroad_needs_its_country_in_the_text(parse):
    # Balıkesir (300,000 people, 1,000 km from Syria): not in a text about Syria alone ...
    assert [p.text for p in parse("Clashes in Talbiseh and in Balıkesir.")] == ["Talbiseh"]
    # ... but yes when its country is named
    places = parse("Clashes in Talbiseh; protests in Balıkesir, Turkey.")
    assert one(places, "Balıkesir").country == "Türkiye"
    # and a text about it alone keeps it
    assert one(parse("Protests in Balıkesir."), "Balıkesir").country == "Türkiye"


def test_resolve_generic_head_words_make_one_unknown_name(parse):
    # "Tal Hamza" and "Kafr Rad" are not in the gazetteer: neither part is a place
    assert parse("Shelling hit Tal Hamza and Kafr Rad villages.") == []
    assert parse("Clashes near Tlul al-Hamza.") == []


def test_resolve_exact_name_placed_in_another_governorate_is_not_that_place(parse):
    # Talbiseh exists only in Homs; "Talbiseh in Dar'a" is another, unknown Talbiseh
    places = parse("Gunmen attacked Talbiseh in Dar'a province.")
    assert [p.text for p in places] == ["Dar'a"]
    # a list is not a container: "Talbiseh, Dar'a and Aleppo" keeps Talbiseh
    places = parse("Shelling hit Talbiseh, Dar'a and Aleppo.")
    assert one(places, "Talbiseh").pcode == "C2882"


def test_resolve_country_name_is_the_country_not_a_village_of_that_name(gaz):
    from yaqut.geo.gazetteer import Entry, MemoryGazetteer

    entries = [*gaz._entries.values(),
               Entry(301, "community", "Iraq", 36.1, 37.2, "SY", "Syria", admin1="Aleppo",
                     admin1_pcode="SY02", pcode="C9998")]
    geo = Geocoder(MemoryGazetteer(entries, {}, {}), focus="SY")
    (p,) = [p for p in geo.geoparse("Fighting near Aleppo; Iraq sent help.") if p.text == "Iraq"]
    assert p.level == "country"
    (p,) = [p for p in geo.geoparse("Shells hit the village of Iraq near Aleppo.")
            if p.text == "Iraq"]
    assert p.pcode == "C9998"


def test_resolve_nisba_after_a_given_name_is_a_person(parse):
    assert parse("Their target, Abu Bakr al-Homsi, fled. Homsi was not found.") == []


def test_resolve_governorate_keeps_its_capitals_spelling_with_province(parse):
    # "Hims" is a spelling of the city only; "Hims province" is still the governorate
    p = one(parse("Jets flew over Hims province."), "Hims")
    assert (p.level, p.pcode) == ("admin1", "SY04")
    assert one(parse("Clashes in Hims today."), "Hims").pcode == "C4000"


def test_resolve_name_after_a_capitalised_word_and_an_article_is_a_fragment(parse):
    # "Jisr al-Hamza" is not in the gazetteer: its last word alone is not the village Hamza
    assert parse("Clashes broke out near Jisr al-Hamza yesterday.") == []
