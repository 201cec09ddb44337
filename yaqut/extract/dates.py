"""Date expressions in a sentence, resolved against the publication date.

``find_dates(text, published, start=, end=)`` returns :class:`~yaqut.records.DateMention`
records with absolute offsets into ``text``. Everything is regex based: the patterns are
compiled once, on first use, and every expression is resolved by explicit rules, so no date
is ever guessed from a bare number ("12 rifles", "Resolution 2254", "4th Division").

Resolution rules (``published`` is the report's date, ``P`` below):

* A day and month without a year take the year that puts them on or before ``P``
  (19 December with P = 3 January is the previous year).
* A weekday ("on Tuesday", "Tuesday night", "the night of Monday") is the most recent such
  day on or before ``P``; "yesterday" and "last night" are P - 1; "today", "this morning",
  "tonight" are P.
* A period is recorded at its middle day, clipped so it never falls after ``P``: ACLED codes
  the middle of the week (time_precision 2) or of the month (time_precision 3) when only
  that is known. ACLED's own notes bear this out ("between 21 and 26 November" is coded on
  the 23rd with precision 2). Ranges of days ("between 5 and 11 May") are periods; a list
  of days ("on 3 and 4 May") is recorded at its first day with precision 1. "Around 10 May"
  keeps the day with precision 2.
* "early/mid/late May" are the thirds of the month (1-10, 11-20, 21-end), precision 3.
* A date after "since" ("since March", "since 3 May") is when a state began: historical.
* Years without a day or month, "since 2011", "several years ago", "a decade", "last year"
  are ``historical``: their ``date`` is the middle of the year meant and ``precision`` is
  None (ACLED has no code for a year). A year equal to P's year is not historical.
  A full date more than 365 days before P is historical too.
* With ``published=None`` only absolute dates are kept: a day with a year, a month with a
  year.
* A report that names no date at all tells of the days just before it: its events get the
  week that ends on ``P``, recorded at its middle (``P - 3``, precision 2;
  :func:`undated_report_date`). The calendar month of ``P`` would claim days after the
  report and miss the end of the previous month in a report of the 1st to the 3rd.

dateparser is not used: its search mode turns bare numbers into dates, and every form
handled here resolves with a few lines of explicit arithmetic.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

from yaqut import lexicon
from yaqut.extract import vocab
from yaqut.records import DateMention

__all__ = ["find_dates", "undated_report_date"]


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    """Month names and abbreviations -> month number (``lexicon/extract_date_months.tsv``)."""
    return {k: int(v) for k, v in lexicon.mapping("extract_date_months").items()}


@lru_cache(maxsize=1)
def _small() -> dict[str, int]:
    """Small number words -> value ("a" is 1): ``lexicon/extract_date_small_numbers.tsv``."""
    return {k: int(v) for k, v in lexicon.mapping("extract_date_small_numbers").items()}


@lru_cache(maxsize=1)
def _full_months() -> frozenset[str]:
    return frozenset(k for k in _months() if len(k) > 3 and k != "sept") | {"may"}


_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_HISTORICAL_DAYS = 365

# Building blocks (all used with re.IGNORECASE). Abbreviations need their dot or a word end;
# "may" needs a capital M to be a month when it stands alone (see _is_month_token).
_MON = r"(?P<{n}>{months})(?![a-z])"  # months: lexicon/extract_date_month_tokens.txt
_DAY = r"(?P<{n}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{n}>(?:19|20)\d\d)(?!\d)"
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s?"
_PART = r"(?:\s+(?:morning|afternoon|evening|night|dawn|noon))?"
_AROUND = r"(?P<around>(?:around|about|approximately|circa|roughly)\s+)?"


_LABEL_BEFORE = re.compile(
    r"(?:resolution|no\.?|number|brigade|division|regiment|battalion|route|highway|law|decree"
    r"|article|flight|unit|code|room|#)\s*$",
    re.IGNORECASE,
)


# "since" before a date makes it the start of a state that lasts to the report ("besieged
# since March", "since the 3rd of May"), not the date of an event.
_SINCE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?$", re.I)


def _f(block: str, name: str) -> str:
    months = vocab.alternation("extract_date_month_tokens") if "{months}" in block else ""
    return block.replace("{months}", months).format(n=name)


def _mon_num(token: str) -> int:
    return _months()[token.lower().rstrip(".")]


def _is_month_token(token: str) -> bool:
    """Month names are capitalised in news text: 'may' and 'march' are a verb and a noun."""
    return token[:1].isupper()


def _clip(day: dt.date, published: dt.date | None) -> dt.date:
    return min(day, published) if published else day


def _middle(lo: dt.date, hi: dt.date, published: dt.date | None) -> dt.date:
    """The middle day of [lo, hi], with hi clipped to ``published``."""
    if published is not None and hi > published:
        hi = max(published, lo)
    return lo + (hi - lo) // 2


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _year_for(month: int, day: int, published: dt.date) -> int:
    """The year that puts day/month on or before ``published``."""
    year = published.year
    try:
        if dt.date(year, month, day) > published:
            year -= 1
    except ValueError:  # 29 February
        year -= 1
    return year


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# A handler gets the match and ``published`` and returns (date, precision, historical) or
# None to reject the match.
_Resolved = tuple[dt.date | None, int | None, bool] | None
_Handler = Callable[[re.Match[str], dt.date | None], _Resolved]


def _historical(day: dt.date, published: dt.date | None) -> bool:
    return published is not None and (published - day).days > _HISTORICAL_DAYS


def _full(day: dt.date | None, precision: int, published: dt.date | None) -> _Resolved:
    if day is None:
        return None
    return day, precision, _historical(day, published)


def _h_range(m: re.Match[str], published: dt.date | None) -> _Resolved:
    """between 5 and 11 May (2023); from 5 to 11 May; 5-11 May; November 21st and 26th."""
    if not _is_month_token(m["m1"]):
        return None
    month = _mon_num(m["m1"])
    month0 = _mon_num(m["m0"]) if m["m0"] else month
    d0, d1 = int(m["d0"]), int(m["d1"])
    if m["y1"]:
        year = int(m["y1"])
    elif published is not None:
        year = _year_for(month, min(d1, calendar.monthrange(published.year, month)[1]),
                         published)
    else:
        return None
    year0 = year - 1 if month0 > month else year
    last = calendar.monthrange(year, month)[1]
    lo = _safe_date(year0, month0, d0)
    hi = _safe_date(year, month, min(d1, last))
    if lo is None or hi is None or hi < lo:
        return None
    listed = m["conj"] and m["conj"].strip().lower() == "and" and not m["between"]
    night = re.search(r"night\s+of\s+(?:the\s+)?$", m.string[max(0, m.start() - 16) : m.start()],
                      re.I)
    if listed or lo == hi or (night and (hi - lo).days == 1):
        return _full(lo, 1, published)  # "the night of 20-21 May" began on the 20th
    span = (hi - lo).days
    return _full(_middle(lo, hi, None), 2 if span <= 7 else 3, published)


def _h_day_month(m: re.Match[str], published: dt.date | None) -> _Resolved:
    """19 May (2023); May 19(th)(, 2023); the 19th of May; the night of 3 June."""
    if not _is_month_token(m["m"]):
        return None
    month, day = _mon_num(m["m"]), int(m["d"])
    if not 1 <= day <= 31:
        return None
    if m["y"]:
        year = int(m["y"])
    elif published is not None:
        year = _year_for(month, day, published)
    else:
        return None
    precision = 2 if m["around"] else 1
    return _full(_safe_date(year, month, day), precision, published)


def _h_numeric(m: re.Match[str], published: dt.date | None) -> _Resolved:
    """19/5/2023, 19.05.2023, 2023-05-19: day first unless that cannot be."""
    if m["iso"]:
        day = _safe_date(int(m["iy"]), int(m["im"]), int(m["id"]))
    else:
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        if y < 100:
            y += 2000
        day = _safe_date(y, b, a) if b <= 12 else _safe_date(y, a, b)
    return _full(day, 1, published)


def _h_month_year(m: re.Match[str], published: dt.date | None) -> _Resolved:
    """(early/mid/late) May 2023; the end of May 2023."""
    if not _is_month_token(m["m"]):
        return None
    if not m["y"] and m["m"].lower().rstrip(".") not in _full_months() and not (
        m["m"].endswith(".")
        and (m["part"] or _TIME_PREP.search(m.string[max(0, m.start() - 8) : m.start()]))
    ):
        return None  # "Bait Jan(.)", "Mar Elias": an abbreviation alone is no month
    month = _mon_num(m["m"])
    if m["y"]:
        year = int(m["y"])
    elif published is not None:
        year = published.year if month <= published.month else published.year - 1
    else:
        return None
    lo, hi = dt.date(year, month, 1), _month_end(year, month)
    part = (m["part"] or "").lower()
    if part.startswith(("early", "beginning", "start")):
        lo, hi = lo, lo.replace(day=10)
    elif part.startswith("mid"):
        lo, hi = lo.replace(day=11), lo.replace(day=20)
    elif part.startswith(("late", "end")):
        lo = lo.replace(day=21)
    day = _middle(lo, hi, published)
    if published is not None and lo > published:
        return None
    return day, 3, _historical(hi, published)


_TIME_PREP = re.compile(r"\b(?:in|during|since|until|till|by|from|of|to)\s+$", re.I)


def _h_month_pair(m: re.Match[str], published: dt.date | None) -> _Resolved:
    """July and August 2022, March to May 2023: the middle of the months named."""
    if not (_is_month_token(m["m"]) and _is_month_token(m["m1"])):
        return None
    year = int(m["y"])
    m0, m1 = _mon_num(m["m"]), _mon_num(m["m1"])
    lo = dt.date(year - 1 if m0 > m1 else year, m0, 1)
    hi = _month_end(year, m1)
    if published is not None and lo > published:
        return None
    return _middle(lo, hi, published), 3, _historical(hi, published)


def _h_weekday(m: re.Match[str], published: dt.date | None) -> _Resolved:
    if published is None:
        return None
    wd = _WEEKDAYS[m["wd"].lower()]
    back = (published.weekday() - wd) % 7
    if m["last"] and back == 0:
        back = 7
    return published - dt.timedelta(days=back), 1, False


def _h_relative_day(m: re.Match[str], published: dt.date | None) -> _Resolved:
    if published is None:
        return None
    word = m.group(0).lower()
    if "before yesterday" in word:
        back = 2
    elif "yesterday" in word or "last night" in word:
        back = 1
    else:
        back = 0
    return published - dt.timedelta(days=back), 1, False


def _h_days_ago(m: re.Match[str], published: dt.date | None) -> _Resolved:
    if published is None:
        return None
    n_txt = re.sub(r"\s+", " ", m["n"].lower())
    n = _small().get(n_txt, 3 if n_txt in ("a few", "few", "several") else None) \
        if not n_txt.isdigit() else int(n_txt)
    if n is None:
        return None
    unit = m["unit"].lower()
    vague = not n_txt.isdigit() and n_txt not in _small()
    if unit.startswith("day"):
        return published - dt.timedelta(days=n), 2 if vague else 1, False
    if unit.startswith("week"):
        return published - dt.timedelta(days=7 * n), 2, False
    # months
    y, mo = divmod(published.year * 12 + published.month - 1 - n, 12)
    return _middle(dt.date(y, mo + 1, 1), _month_end(y, mo + 1), published), 3, n >= 12


def _h_week(m: re.Match[str], published: dt.date | None) -> _Resolved:
    """last/this/past/previous week, (last/over the) weekend, earlier this week."""
    if published is None:
        return None
    word = m.group(0).lower()
    monday = published - dt.timedelta(days=published.weekday())
    if "weekend" in word:
        back = (published.weekday() - 5) % 7  # most recent Saturday on or before P
        return published - dt.timedelta(days=back), 2, False
    if "past" in word:
        lo, hi = published - dt.timedelta(days=7), published - dt.timedelta(days=1)
    elif "this" in word:
        lo, hi = monday, published
        if "earlier" in word and published > monday:
            hi = published - dt.timedelta(days=1)
    else:  # last / previous week
        lo, hi = monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
    return _middle(lo, hi, published), 2, False


def _h_month_rel(m: re.Match[str], published: dt.date | None) -> _Resolved:
    """last month, this month, earlier this month, (earlier) this year, last year."""
    if published is None:
        return None
    word = m.group(0).lower()
    if "year" in word:
        if "last" in word or "previous" in word:
            y = published.year - 1
            return dt.date(y, 7, 1), None, True
        return _middle(dt.date(published.year, 1, 1), published, published), None, False
    first = published.replace(day=1)
    if "last" in word or "previous" in word:
        hi = first - dt.timedelta(days=1)
        return _middle(hi.replace(day=1), hi, published), 3, False
    hi = published - dt.timedelta(days=1) if "earlier" in word and published.day > 1 else published
    return _middle(first, hi, published), 3, False


def _h_year(m: re.Match[str], published: dt.date | None) -> _Resolved:
    """in 2013, since 2011, (in) early 2022, the 2012 uprising."""
    if published is None:
        return None
    year = int(m["y"])
    part = (m["part"] or "").lower()
    if part.startswith("early"):
        day = dt.date(year, 3, 1)
    elif part.startswith("late") or part.startswith("end"):
        day = dt.date(year, 11, 1)
    else:
        day = dt.date(year, 7, 1)
    since = bool(m["since"])
    if year == published.year and not since:
        return _middle(dt.date(year, 1, 1), dt.date(year, 12, 31), published), None, False
    return _clip(day, published), None, year < published.year or since


def _h_years_ago(m: re.Match[str], published: dt.date | None) -> _Resolved:
    """several years ago, 10 years ago, a decade ago: mid-year that many years back.

    Vague amounts ("several", "many", "some", none) count as three years.
    """
    if published is None:
        return None
    n_txt = re.sub(r"\s+", " ", (m["n"] or "").lower())
    n = int(n_txt) if n_txt.isdigit() else _small().get(n_txt, 3)
    years = n * 10 if "decade" in m.group(0).lower() else n
    return dt.date(max(published.year - years, 1), 7, 1), None, True


def _h_vague_years(m: re.Match[str], published: dt.date | None) -> _Resolved:
    """a decade (of war), decades, for years, in recent years: before the report, undated."""
    if published is None:
        return None
    return None, None, True


def _calendar() -> list[tuple[str, _Handler]]:
    """Dates told by the calendar: days and months by name, ranges, numeric dates."""
    day_month = (
        _AROUND + r"(?:the\s+night\s+of\s+)?(?:the\s+)?" + _f(_DAY, "d")
        + r"\s*(?:of\s+)?" + _f(_MON, "m") + r"(?:,?\s+" + _f(_YEAR, "y") + r")?"
    )
    month_day = (
        _AROUND + r"(?:the\s+night\s+of\s+)?" + _f(_MON, "m") + r"\s+" + _f(_DAY, "d")
        + r"(?!\d|:)(?:,?\s+" + _f(_YEAR, "y") + r")?"
    )
    rng_dm = (
        r"(?P<between>between\s+|from\s+)?(?:the\s+)?" + _f(_DAY, "d0")
        + r"(?:\s*(?:of\s+)?" + _f(_MON, "m0") + r")?"
        + r"(?P<conj>\s*(?:-|–|to|and|until|till)\s*)(?:the\s+)?"
        + _f(_DAY, "d1") + r"\s*(?:of\s+)?" + _f(_MON, "m1")
        + r"(?:,?\s+" + _f(_YEAR, "y1") + r")?"
    )
    rng_md = (
        r"(?P<between>between\s+|from\s+)?" + _f(_MON, "m1") + r"\s+" + _f(_DAY, "d0")
        + r"(?P<conj>\s*(?:-|–|to|and|until|till)\s*)" + _f(_DAY, "d1")
        + r"(?!\d)(?P<m0>)(?:,?\s+" + _f(_YEAR, "y1") + r")?"
    )
    numeric = (
        r"(?<![\d/.\-])(?:(?P<a>[0-3]?\d)[/.](?P<b>[01]?\d)[/.](?P<y>(?:19|20)\d\d|\d\d)"
        r"|(?P<iso>(?P<iy>(?:19|20)\d\d)-(?P<im>[01]\d)-(?P<id>[0-3]\d)))(?![\d/.]\d)"
    )
    month_year = (
        r"(?P<part>(?:early|mid|late)[\s-]+|(?:the\s+)?(?:beginning|start|end|middle)\s+of\s+)?"
        + _f(_MON, "m") + r"(?:,?\s+" + _f(_YEAR, "y") + r")?"
    )
    month_pair = (
        _f(_MON, "m") + r"\s+(?:and|or|to|through|until|-|–)\s+" + _f(_MON, "m1") + r",?\s+"
        + _f(_YEAR, "y")
    )
    return [
        (rng_dm, _h_range),
        (rng_md, _h_range),
        (day_month, _h_day_month),
        (month_day, _h_day_month),
        (numeric, _h_numeric),
        (month_year, _h_month_year),
        (month_pair, _h_month_pair),
    ]


def _relative() -> list[tuple[str, _Handler]]:
    """Dates told relative to the report: weekdays, yesterday, weeks, years, decades."""
    few = r"(?P<n>" + vocab.alternation("extract_date_few") + ")"
    several = r"(?P<n>" + vocab.alternation("extract_date_several") + ")"
    count_nouns = r"(?:" + vocab.alternation("extract_date_count_nouns") + ")"
    weekday = (
        r"(?:the\s+night\s+of\s+)?(?P<last>last\s+|this\s+past\s+|past\s+)?"
        + _WD + r"(?:'s)?" + _PART + r"(?:\s+night)?"
    )
    rel_day = (
        r"(?:the\s+day\s+before\s+yesterday|yesterday(?:\s+(?:morning|afternoon|evening))?"
        r"|last\s+night|today|tonight|this\s+(?:morning|afternoon|evening))"
    )
    days_ago = (
        r"(?<![\w-])" + few + r"\s+(?P<unit>days?|weeks?|months?)\s+ago"
    )
    week = (
        r"(?:earlier\s+this\s+week|(?:last|this|the\s+past|the\s+previous|previous|past)\s+week"
        r"|(?:last|this\s+past|over\s+the|the\s+previous)\s+weekend)(?!\w)"
    )
    month_rel = (
        r"(?:earlier\s+this\s+month|(?:last|this|the\s+previous|previous)\s+month"
        r"|earlier\s+this\s+year|(?:last|the\s+previous)\s+year)(?!\w)"
    )
    year = (
        r"(?<![\w,./-])(?P<since>since\s+|from\s+)?(?P<part>(?:early|mid|late|the\s+end\s+of)"
        r"[\s-]+)?" + _f(_YEAR, "y") + r"(?![\w/-]|[.,]\d|\s+" + count_nouns + r"\b)"
    )
    years_ago = (
        r"(?:" + several + r"\s+)?(?:years?|decades?)\s+ago(?!\w)"
    )
    vague = (
        r"(?:(?:a|one|two|three|several|many|over\s+a|more\s+than\s+a|nearly\s+a|almost\s+a)"
        r"\s+decades?|decades|for\s+years|in\s+recent\s+years|over\s+the\s+(?:past\s+)?years)"
        r"(?!\w)"
    )
    return [
        (weekday, _h_weekday),
        (rel_day, _h_relative_day),
        (days_ago, _h_days_ago),
        (week, _h_week),
        (month_rel, _h_month_rel),
        (year, _h_year),
        (years_ago, _h_years_ago),
        (vague, _h_vague_years),
    ]


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], _Handler], ...]:
    """The compiled patterns with their resolvers, in the order they are tried, built once
    on first use."""
    return tuple(
        (re.compile(r"(?<![\w-])" + p if not p.startswith("(?<!") else p, re.IGNORECASE), h)
        for p, h in (*_calendar(), *_relative())
    )


def undated_report_date(published: dt.date) -> tuple[dt.date, int]:
    """(date, precision) of an event in a report that names no date: the week ending on the
    publication day, at its middle day with ACLED's week precision (2), which claims the
    days ``published - 6`` to ``published``."""
    return published - dt.timedelta(days=3), 2


def find_dates(
    text: str,
    published: dt.date | None,
    *,
    start: int = 0,
    end: int | None = None,
) -> list[DateMention]:
    """Date expressions in ``text[start:end]``, resolved against ``published``.

    Offsets are absolute: ``text[d.start:d.end] == d.text``. Overlapping candidates are
    settled longest first ("19 May 2023" beats "May 2023"). The result is in text order.
    """
    if end is None:
        end = len(text)
    candidates: list[tuple[int, int, int, DateMention]] = []
    for rank, (pattern, handler) in enumerate(_patterns()):
        for m in pattern.finditer(text, start, end):
            s, e = m.span()
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1] in " \t\n,.":
                # keep the dot of "Jan." only when it is part of the match's month
                if text[e - 1] == "." and re.search(r"\b[A-Za-z]{3}\.$", text[s:e]):
                    break
                e -= 1
            if handler is _h_year and _LABEL_BEFORE.search(text[max(start, s - 12) : s]):
                continue
            resolved = handler(m, published)
            if resolved is None:
                continue
            day, precision, historical = resolved
            if _SINCE_BEFORE.search(text[max(start, s - 16) : s]):
                historical = True  # "since March", "since 3 May": when a state began
            if published is None and (day is None or precision is None):
                continue
            mention = DateMention(s, e, text[s:e], day, precision, historical)
            candidates.append((s, e, rank, mention))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen: list[DateMention] = []
    for s, e, _rank, mention in candidates:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        chosen.append(mention)
    chosen.sort(key=lambda d: d.start)
    return chosen
