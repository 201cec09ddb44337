"""What a document says about itself: date from its field, page or file name; source; language."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from yaqut.docmeta import (
    W_LANGUAGE,
    W_NO_DATE,
    annotate,
    complete,
    date_in_name,
    detect_language,
    file_name,
    published_field,
    warning_code,
)
from yaqut.extract.dates import find_dates
from yaqut.ingest import make_document, read_inputs
from yaqut.records import ErrorRecord

ENGLISH = (
    "Government forces shelled the market town on Tuesday, killing four civilians and "
    "wounding a dozen more, a local monitoring group said."
)
# Written for this test: "Regime forces shelled a town in the Idlib countryside on Tuesday,
# killing five civilians."
ARABIC = "قصفت قوات النظام بلدة في ريف إدلب يوم الثلاثاء، ما أدى إلى مقتل خمسة مدنيين."


def test_an_iso_date_in_the_file_name_is_found_in_its_usual_spellings():
    assert date_in_name("reports/aleppo-2023-05-24.txt") == dt.date(2023, 5, 24)
    assert date_in_name("x/20230524_report.html") == dt.date(2023, 5, 24)
    assert date_in_name("feed_2019_11_02.jsonl:7") == dt.date(2019, 11, 2)
    assert date_in_name("2023-13-01.txt") is None  # no such month
    assert date_in_name("report-12023-05-245.txt") is None  # digits run on: not a date
    assert date_in_name("<stdin>") is None and date_in_name(None) is None


def test_file_name_drops_the_folder_and_the_line_number():
    assert file_name("reports/a.txt:12") == "a.txt"
    assert file_name("reports/a.txt") == "a.txt"
    assert file_name("<stdin>") is None


def test_published_field_takes_the_first_date_column_that_is_set():
    assert published_field({"published": "", "date": "2020-01-02"}) == "2020-01-02"
    assert published_field({"pubdate": "2020-01-03", "text": "x"}) == "2020-01-03"
    assert published_field({"text": "x"}) is None


def test_a_document_without_a_date_takes_the_one_in_its_file_name():
    doc = complete(make_document(ENGLISH, origin="in/hama-2018-02-03.txt"))
    assert doc.published == dt.date(2018, 2, 3)
    assert not [w for w in doc.warnings if warning_code(w) == W_NO_DATE]


def test_a_document_with_no_date_anywhere_carries_w201():
    doc = complete(make_document(ENGLISH, origin="in/report.txt"))
    assert doc.published is None
    [warning] = doc.warnings
    assert warning_code(warning) == W_NO_DATE and "in/report.txt" in warning


def test_a_stated_date_wins_over_the_file_name():
    doc = complete(make_document(ENGLISH, published="2020-06-01", origin="a-2018-02-03.txt"))
    assert doc.published == dt.date(2020, 6, 1) and doc.warnings == ()


def test_relative_dates_are_left_unresolved_without_a_publication_date():
    text = "The town was shelled on Tuesday and again on 3 May 2023."
    undated = find_dates(text, None)
    assert [m.date for m in undated] == [dt.date(2023, 5, 3)]  # only the absolute one
    dated = find_dates(text, dt.date(2023, 5, 24))
    assert dt.date(2023, 5, 23) in [m.date for m in dated]  # "on Tuesday" with a date


def test_source_is_the_file_name_when_the_item_names_none():
    assert complete(make_document(ENGLISH, origin="x/report.txt")).source == "report.txt"
    assert complete(make_document(ENGLISH, source="Reuters", origin="x/r.txt")).source == "Reuters"
    assert complete(make_document(ENGLISH, origin="<stdin>")).source is None


def test_language_is_detected_and_other_languages_carry_w202():
    assert detect_language(ENGLISH)[0] == "en"
    assert detect_language(ARABIC)[0] == "ar"
    assert detect_language("Idlib, 3 May")[0] is None  # too short to judge
    doc = complete(make_document(ARABIC, published="2023-05-24"))
    assert [warning_code(w) for w in doc.warnings] == [W_LANGUAGE]
    assert "'ar'" in doc.warnings[0]
    english = complete(make_document(ENGLISH, published="2023-05-24"))
    assert english.warnings == ()


def test_jsonl_and_csv_date_columns_are_read(tmp_path):
    (tmp_path / "feed.jsonl").write_text(json.dumps({"text": ENGLISH, "date": "2021-04-05"}))
    (tmp_path / "table.csv").write_text(f'text,published_at\n"{ENGLISH}",2021-04-06\n')
    items = list(annotate(read_inputs([tmp_path / "feed.jsonl", tmp_path / "table.csv"])))
    assert [d.published for d in items] == [dt.date(2021, 4, 5), dt.date(2021, 4, 6)]
    assert [d.source for d in items] == ["feed.jsonl", "table.csv"]


def test_html_meta_date_is_read(tmp_path):
    page = (
        '<html><head><meta property="article:published_time" content="2022-08-09T10:00:00Z">'
        f"</head><body><article><p>{ENGLISH}</p><p>{ENGLISH}</p></article></body></html>"
    )
    (tmp_path / "page.html").write_text(page)
    [doc] = annotate(read_inputs([tmp_path / "page.html"]))
    assert doc.published == dt.date(2022, 8, 9)
    assert not doc.warnings


def test_annotate_passes_error_records_through():
    err = ErrorRecord(origin="x", code="E101", reason="x: empty")
    assert list(annotate([err])) == [err]


@pytest.mark.slow
def test_the_coder_leaves_relative_dates_unresolved_without_a_publication_date():
    import yaqut

    text = ("Government forces shelled the market in Ariha on Tuesday, killing four civilians, "
            "the Syrian Observatory for Human Rights said.")
    undated = yaqut.code_document(text)
    assert undated and all(e.event_date is None for e in undated)
    dated = yaqut.code_document(text, published="2023-05-24")
    assert dated[0].event_date == dt.date(2023, 5, 23)  # the Tuesday before
