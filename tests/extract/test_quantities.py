"""Quantities: numbers in words and digits, units and roles, ACLED's conservative fatalities."""

from __future__ import annotations

import pytest

from yaqut.extract.quantities import fatalities, find_quantities, parse_number, split_share
from yaqut.records import Quantity


def _q(text: str) -> list[tuple[int, str, str]]:
    found = find_quantities(text)
    for q in found:
        assert text[q.start : q.end] == q.text
    return [(q.count, q.unit, q.role) for q in found]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("two", 2), ("12", 12), ("1,200", 1200), ("twenty-one", 21), ("a dozen", 12),
        ("dozens", 12), ("dozens of", 12), ("more than 20", 20), ("at least 4", 4),
        ("hundreds", 100), ("one hundred and twenty", 120),
    ],
)  # fmt: skip
def test_parse_number(text: str, value: int) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Clashes killed two soldiers and injured a dozen civilians.",
         [(2, "soldiers", "killed"), (12, "civilians", "injured")]),
        ("Dozens of fighters were killed.", [(12, "fighters", "killed")]),
        ("More than 20 people were arrested.", [(20, "people", "arrested")]),
        ("Security forces arrested five men.", [(5, "men", "arrested")]),
        ("Three gunmen abducted a child.", [(3, "gunmen", "mentioned"),
                                            (1, "children", "abducted")]),
        ("5 people killed in the shelling.", [(5, "people", "killed")]),
        ("3 soldiers were killed and 4 injured.",
         [(3, "soldiers", "killed"), (4, "people", "injured")]),
        ("Killing 2 and injuring 3 others.", [(2, "people", "killed"), (3, "others", "injured")]),
        ("The regime demanded the handover of 50 automatic rifles and 10 pistols.",
         [(50, "automatic rifles", "demanded"), (10, "pistols", "demanded")]),
        ("The patrol seized 12 rifles.", [(12, "rifles", "seized")]),
        ("12 rifles were handed over.", [(12, "rifles", "handed over")]),
        ("Unknown gunmen shot and injured him.", [(1, "people", "injured")]),
    ],
)
def test_counts_units_and_roles(text: str, expected: list) -> None:
    assert _q(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The 4th Division entered on 19 May 2023 at 10 am.",
        "A 55-year-old shepherd returned home.",
        "Under Resolution 2254, 70 percent of the area.",
    ],
)
def test_not_counts_of_killed(text: str) -> None:
    assert all(q.role != "killed" for q in find_quantities(text))
    assert fatalities(find_quantities(text)) == 0


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("Clashes killed 3 soldiers and 2 civilians, including a child.", 5),
        ("Clashes resulted in killing 5 QDW members. 5 fatalities.", 5),
        ("SOHR said 7 were killed, while other sources said 10 people were killed.", 7),
        ("Between 3 and 5 people were killed.", 3),
        ("Dozens of fighters were killed.", 12),
        ("Clashes killed a man and his son.", 2),
        ("Gunmen shot and injured a soldier. There were no fatalities.", 0),
        ("Clashes broke out, killing several fighters.", 0),  # unknown is 0
    ],
)
def test_fatalities_acled_rule(text: str, dead: int) -> None:
    assert fatalities(find_quantities(text)) == dead


def test_fatalities_ignore_other_roles_and_add_marked_additions() -> None:
    qs = [
        Quantity(2, "soldiers", "killed", "2 soldiers", 0, 10),
        Quantity(1, "soldiers", "killed", "another soldier", 20, 35),
        Quantity(9, "people", "injured", "9 people", 40, 48),
        Quantity(30, "people", "arrested", "30 people", 50, 59),
    ]
    assert fatalities(qs) == 3


def test_window_offsets_are_absolute() -> None:
    text = "Intro. Two soldiers were killed. End."
    lo, hi = text.index("Two"), text.index(" End")
    found = find_quantities(text, start=lo, end=hi)
    assert [(q.start, q.count) for q in found] == [(lo, 2)]


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("An opposition sniper shot and killed a regime soldier. 1 fatality.", 1),
        ("Two gunmen shot and killed a member of the group.", 1),
        ("A QSD member's body was found near the road.", 1),
        ("Two regime fighters' bodies were found near the town.", 2),
        ("The airstrike killed two Palestinians and 4 militiamen.", 6),
    ],
)
def test_fatalities_agents_bodies_and_nationalities(text: str, dead: int) -> None:
    assert fatalities(find_quantities(text)) == dead


@pytest.mark.parametrize(
    ("text", "places", "share"),
    [
        ("Total fatalities coded to 37 and split between the four events with 10 coded to "
         "Kafr Noran, 9 coded to Kafr Aleppo, and 9 coded to Qanater.", ["Kafr Aleppo"], 9),
        ("Total fatalities of 48 are split, 2 each, among the 24 locations.", [], 2),
        ("3 fatalities split across 3 events as follows: Eastern Jurdi 1; Dablan 1.",
         ["Dablan"], 1),
        ("Total fatalities 47 split as follows: Tall Sukayk 15, Maghar al-Hammam 16.",
         ["Maghar Al Hammam"], 16),
        ("Total fatalities 47 split as follows: Tall Sukayk 15, Maghar al-Hammam 16.",
         ["Elsewhere"], 15),  # no listed place matches: the first share
        ("A total of 12 fatalities distributed evenly across the two events.", [], 6),
        ("Total fatalities coded to 35 with 5 fatalities coded to each location.", [], 5),
        ("The group split from HTS in 2020, killing 3.", [], None),
        ("Clashes killed 3 fighters.", [], None),
    ],
)
def test_split_share(text: str, places: list[str], share: int | None) -> None:
    assert split_share(text, places) == share


@pytest.mark.parametrize(
    ("text", "dead"),
    [
        ("Rebels reportedly killed regime Brig. General Mohamed al-Masri on the front.", 1),
        ("IS killed the group's field commander Mahmud Ayub west of the city.", 1),
        ("General Ali Yousef Sultan was killed in the fighting.", 1),
        ("The commander Abu Omar met officials.", 0),
    ],
)
def test_a_named_person_by_title(text: str, dead: int) -> None:
    assert fatalities(find_quantities(text)) == dead


def test_split_share_of_a_total_the_caller_counted() -> None:
    text = "Eight fighters were killed, with fatalities spread evenly across the four events."
    assert split_share(text, [], 8) == 2
    assert split_share("Fatalities are divided on Widyan, Turkiyah and Bayoud.", [], 24) == 8
    assert split_share("Fatalities are divided on Widyan, Turkiyah and Bayoud.", []) is None


@pytest.mark.parametrize(
    ("text", "places", "share"),
    [
        ("Fatalities coded as 10 and split between 4 events, with 3 fatalities each allocated "
         "to Oqeirbat and Abu Dali, and 2 each allocated to Rasm and Masud.", ["Masud"], 2),
        ("Fatalities coded as 10 and split between the 4 locations, with Hazrama and Hosh "
         "each allocated 3 and Jisrein and Mahmadiyeh each allocated 2.", ["Hazrama"], 3),
        ("Fatalities of 8 are split as follows: 3 Baghuz, 3 Sosa and 2 Rawda. Total "
         "fatalities at Sosa coded as 5.", ["Baghuz"], 5),
    ],
)
def test_split_share_allocations_and_own_figure(text: str, places: list[str], share: int) -> None:
    assert split_share(text, places, 10) == share


def test_a_place_named_after_a_sheikh_is_no_person_killed():
    text = "Snipers shot and killed 1 HTS member on Shaykh Sulayman axis. 1 fatality."
    assert fatalities(find_quantities(text)) == 1
    text = "Rebels killed Sheikh Ahmad Khalil in the village."
    assert [q.unit for q in find_quantities(text)] == ["commanders"]


def test_a_count_taken_from_a_group():
    qs = find_quantities("1 from Jaysh al Ahrar members died of his wounds.")
    assert [(q.count, q.unit, q.role) for q in qs] == [(1, "members", "killed")]
    qs = find_quantities("The clashes killed 2 from the Hamza Division fighters.")
    assert [(q.count, q.unit, q.role) for q in qs] == [(2, "fighters", "killed")]
    assert find_quantities("He said 3 from them left.") == []


@pytest.mark.parametrize(
    ("text", "killed"),
    [
        ("Four policemen and two passers-by were killed when the car bomb went off.", 6),
        ("6 militiamen - among them a commander - and 9 tribal fighters were killed.", 15),
        ("5 militiamen, including an officer, and 3 tribal fighters were killed.", 8),
        ("12 fighters, and one fighter of the other side were killed near the bridge.", 13),
        ("Three soldiers, two policemen and a nurse were killed in the blast.", 6),
        ("The raid left 4 army soldiers and 2 tribal soldiers dead.", 6),
        ("3 Kurdish and 5 Turkish soldiers were killed on the border.", 8),
        ("The ambush killed 2 tribal fighters and another from the army.", 3),
    ],
)
def test_joined_groups_share_the_verb_after_them(text: str, killed: int) -> None:
    assert fatalities(find_quantities(text)) == killed


def test_joined_groups_that_act_are_not_victims() -> None:
    found = _q("Four gunmen and two accomplices abducted a shepherd.")
    assert (4, "gunmen", "mentioned") in found
    assert fatalities(find_quantities("Four gunmen and two accomplices killed a shepherd.")) == 1


@pytest.mark.parametrize(
    ("text", "places", "share"),
    [
        # a split sentence that names no fatalities takes them from the sentence before
        ("Deaths on both sides; unknown fatalities coded as 12. Divided on Tell Bir, Zor "
         "and Umm Jurn.", [], 4),
        # a lower-case place beside a named one is still a place of the list
        ("Unknown fatalities coded as 10. Spread fatalities over the fighting in Qasr and the "
         "old mill.", [], 5),
        # shares listed with no split word
        ("9 soldiers were killed. 5 fatalities coded to fighting in Bir Ali and 4 to fighting "
         "in Hamra.", ["Hamra"], 4),
        ("Deaths were noted at four places. 3 were noted in this location.", [], 3),
    ],
)
def test_split_shares_told_in_other_words(text: str, places: list[str], share: int) -> None:
    assert split_share(text, places) == share


def test_a_second_verb_after_and_is_the_subjects() -> None:
    found = _q("The raid killed three members of the cell and wounded two others.")
    assert found == [(3, "members", "killed"), (2, "others", "injured")]
    assert _q("Two guards were shot and killed.") == [(2, "guards", "killed")]
