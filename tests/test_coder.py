"""The Coder as a whole: what depends on the report rather than the settings."""

import pytest

import yaqut


@pytest.mark.slow
def test_inter_codes_use_the_reports_country_not_the_focus_setting():
    # The shipped focus country is Syria; this report is set in Iraq, where the Iraqi army
    # is the state force at home (inter 1), as ACLED codes it, not a foreign force (8).
    events = yaqut.code_document(
        "Iraqi army forces clashed with Islamic State fighters near Mosul on Monday, "
        "killing four militants.", published="2019-03-12")
    assert [(e.country, e.inter1, e.inter2, e.interaction) for e in events] == [
        ("Iraq", 1, 2, 12)]


@pytest.mark.slow
def test_a_foreign_state_force_is_inter_8_in_the_reports_country():
    events = yaqut.code_document(
        "Turkish troops clashed with Kurdish fighters of the YPG in Tal Rifaat on Monday.",
        published="2019-03-12")
    assert events and events[0].country == "Syria"
    assert 8 in (events[0].inter1, events[0].inter2)


def _coder(focus: str):
    from yaqut.coder import Coder
    from yaqut.geo.gazetteer import Entry, MemoryGazetteer

    gaz = MemoryGazetteer([Entry(1, "country", "Syria", 35.0, 38.0, "SY", "Syria"),
                           Entry(2, "country", "Iraq", 33.0, 44.0, "IQ", "Iraq"),
                           Entry(3, "community", "Mosul", 36.34, 43.13, "IQ", "Iraq",
                                 population=1_000_000, parent=2)])
    return Coder(gazetteer=gaz, focus_country=focus)


def test_a_report_naming_no_place_is_read_in_the_focus_settings_country():
    # No country is assumed in code: the focus setting names the templated actors of a
    # report whose places say nothing.
    from yaqut.ingest import make_document

    doc = make_document("Unknown gunmen shot a shepherd on Monday.", published="2019-03-12")
    for focus, name in (("IQ", "Iraq"), ("SY", "Syria")):
        infos, country = _coder(focus)._read_sentences(doc)
        assert country == name
        assert [a.name for i in infos for a in i.actors] == [
            f"Unidentified Armed Group ({name})", f"Civilians ({name})"]


def test_a_reports_own_places_outweigh_the_focus_setting():
    from yaqut.ingest import make_document

    doc = make_document("Unknown gunmen shot a shepherd in Mosul on Monday.",
                        published="2019-03-12")
    infos, country = _coder("SY")._read_sentences(doc)
    assert country == "Iraq"
    assert [a.name for i in infos for a in i.actors] == [
        "Unidentified Armed Group (Iraq)", "Civilians (Iraq)"]
