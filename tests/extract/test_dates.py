"""Dates: absolute forms, forms relative to the publication date, periods and background."""

from __future__ import annotations

import datetime as dt

import pytest

from yaqut.extract.dates import find_dates

# Thursday 25 May 2023
P = dt.date(2023, 5, 25)


def _one(text: str, published: dt.date | None = P):
    found = find_dates(text, published)
    assert len(found) == 1, found
    d = found[0]
    assert text[d.start : d.end] == d.text
    return d


@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("On 10 May 2023, clashes broke out.", dt.date(2023, 5, 10), 1),
        ("Clashes broke out on May 19, 2023.", dt.date(2023, 5, 19), 1),
        ("Gunmen attacked on the 17th of March.", dt.date(2023, 3, 17), 1),
        ("The raid came on 19 May.", dt.date(2023, 5, 19), 1),
        ("On 3 and 4 May, shelling hit the town.", dt.date(2023, 5, 3), 1),
        ("Between 5 and 11 May, raids went on.", dt.date(2023, 5, 8), 2),
        ("Around 10 May a man was killed.", dt.date(2023, 5, 10), 2),
        ("It was reported on 19/5/2023.", dt.date(2023, 5, 19), 1),
    ],
)
def test_absolute(text: str, day: dt.date, precision: int) -> None:
    d = _one(text)
    assert (d.date, d.precision, d.historical) == (day, precision, False)


def test_day_month_without_year_takes_the_year_before_publication() -> None:
    d = _one("Gunmen attacked on 19 December.", dt.date(2024, 1, 3))
    assert d.date == dt.date(2023, 12, 19)


@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("On Tuesday, gunmen attacked a checkpoint.", dt.date(2023, 5, 23), 1),
        ("Gunmen attacked on Thursday.", P, 1),  # the publication day itself
        ("Gunmen attacked last Thursday.", dt.date(2023, 5, 18), 1),
        ("Clashes erupted on the night of Monday.", dt.date(2023, 5, 22), 1),
        ("Clashes erupted on the night of 19 May.", dt.date(2023, 5, 19), 1),
        ("Clashes erupted on the night of 20-21 May.", dt.date(2023, 5, 20), 1),
        ("Clashes erupted yesterday.", dt.date(2023, 5, 24), 1),
        ("Two days ago, clashes erupted.", dt.date(2023, 5, 23), 1),
        ("A few days ago, clashes erupted.", dt.date(2023, 5, 22), 2),
        ("Clashes took place last week.", dt.date(2023, 5, 18), 2),  # Mon 15 - Sun 21
        ("Clashes took place earlier this week.", dt.date(2023, 5, 23), 2),  # Mon 22 - Wed 24
        ("Clashes took place earlier this month.", dt.date(2023, 5, 12), 3),  # 1 - 24 May
        ("Clashes took place last month.", dt.date(2023, 4, 15), 3),
        ("Clashes took place in May.", dt.date(2023, 5, 13), 3),  # 1 - 25 May, clipped
        ("Clashes took place in April.", dt.date(2023, 4, 15), 3),
        ("Clashes took place in late April 2023.", dt.date(2023, 4, 25), 3),
    ],
)
def test_relative_to_publication(text: str, day: dt.date, precision: int) -> None:
    d = _one(text)
    assert (d.date, d.precision, d.historical) == (day, precision, False)


def test_month_after_publication_month_is_last_year() -> None:
    d = _one("Clashes took place in August.")
    assert (d.date, d.precision) == (dt.date(2022, 8, 16), 3)


@pytest.mark.parametrize(
    "text",
    [
        "The group has held the town since 2017.",
        "The town has been besieged since March.",
        "The town has been besieged since 3 May.",
        "The town has been besieged since early 2020.",
        "The town fell several years ago.",
        "The town fell 10 years ago.",
        "The town fell in 2013.",
        "The militia was formed last year.",
        "The town was taken on 20 May 2021.",
    ],
)
def test_background_is_historical_not_the_event_date(text: str) -> None:
    d = _one(text)
    assert d.historical, d


def test_since_this_year_is_still_historical() -> None:
    d = _one("The town has been besieged since 2023.")
    assert d.historical and d.precision is None


@pytest.mark.parametrize(
    "text",
    [
        "The 4th Division deployed 12 rifles.",
        "Under Resolution 2254 the talks resume.",
        "Some 2000 people fled.",
        "Clashes broke out in Bait Jan.",
        "Fighters may attack the town.",
    ],
)
def test_numbers_and_words_that_are_not_dates(text: str) -> None:
    assert find_dates(text, P) == []


def test_without_publication_date_only_absolute_dates_are_kept() -> None:
    found = find_dates("On Tuesday, and on 10 May 2023, clashes broke out.", None)
    assert [(d.text, d.date) for d in found] == [("10 May 2023", dt.date(2023, 5, 10))]


def test_window_offsets_are_absolute() -> None:
    text = "Background. Clashes erupted on 19 May. More."
    lo = text.index("Clashes")
    found = find_dates(text, P, start=lo, end=text.index(" More"))
    assert [(d.start, d.text) for d in found] == [(text.index("19 May"), "19 May")]


def test_a_report_that_names_no_date_claims_the_week_before_it() -> None:
    from yaqut.eval.acled import in_window
    from yaqut.extract.dates import undated_report_date

    published = dt.date(2023, 6, 2)  # a report of 2 June on fighting of 30 May
    day, precision = undated_report_date(published)
    assert (day, precision) == (dt.date(2023, 5, 30), 2)
    for back in range(7):  # the window is the six days before the report and its own day
        assert in_window(published - dt.timedelta(days=back), day, precision)
    assert not in_window(published + dt.timedelta(days=1), day, precision)
    assert not in_window(published - dt.timedelta(days=7), day, precision)
