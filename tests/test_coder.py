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
