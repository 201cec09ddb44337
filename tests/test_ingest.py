"""Ingest: every kind of input becomes Documents, every bad item an ErrorRecord naming it."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from pathlib import Path

import pytest

from yaqut.batch import BatchSummary, code_into_store
from yaqut.errors import MalformedInput
from yaqut.ingest import make_document, parse_published, read_inputs
from yaqut.records import Document, ErrorRecord, Event
from yaqut.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
MAY_24 = dt.date(2023, 5, 24)


def fake_coder(doc: Document) -> list[Event]:
    """One event per document, recording which document it came from."""
    return [Event(event_id=f"{doc.id}:1", doc_ids=(doc.id,), notes=doc.text[:40])]


def docs(items: list) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def errs(items: list) -> list[ErrorRecord]:
    return [i for i in items if isinstance(i, ErrorRecord)]


# -- make_document ----------------------------------------------------------------------------


def test_make_document_derives_id_and_hash_from_the_text():
    doc = make_document("Clashes broke out.", published="2023-05-24")
    digest = hashlib.sha256(b"Clashes broke out.").hexdigest()
    assert doc.content_hash == digest
    assert doc.id == "sha:" + digest[:16]
    assert doc.published == MAY_24


def test_make_document_keeps_a_given_id_and_fields():
    doc = make_document("x y", doc_id="a-1", source="S", url="u", title="t", origin="o")
    assert (doc.id, doc.source, doc.url, doc.title, doc.origin) == ("a-1", "S", "u", "t", "o")
    assert doc.published is None


def test_parse_published_reads_dates_and_timestamps_and_refuses_words():
    assert parse_published("2019-04-10T10:00:00Z") == dt.date(2019, 4, 10)
    assert parse_published(dt.datetime(2020, 1, 2, 3, 4)) == dt.date(2020, 1, 2)
    assert parse_published("") is None
    with pytest.raises(MalformedInput):
        parse_published("last Tuesday")


# -- each kind of input -----------------------------------------------------------------------


def test_txt_is_one_article_with_normalised_line_ends(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"First line.\r\nSecond line.\r\n")
    [doc] = read_inputs([path], published=MAY_24)
    assert doc.text == "First line.\nSecond line.\n"
    assert doc.published == MAY_24
    assert doc.origin == str(path)


def test_html_gives_main_text_title_and_the_page_date_over_the_fallback():
    [doc] = read_inputs([FIXTURES / "article.html"], published=MAY_24)
    assert isinstance(doc, Document)
    assert "vegetable market in the town of Ariha" in doc.text
    assert "All rights reserved" not in doc.text and "About us" not in doc.text
    assert doc.title == "Shelling hits market in a northern town"
    assert doc.published == dt.date(2021, 3, 14)
    assert doc.source == "Example Monitor"


def test_html_without_a_date_takes_the_fallback(tmp_path):
    body = "<p>" + "Fighting went on near the river crossing for a second day. " * 6 + "</p>"
    (tmp_path / "p.htm").write_text(f"<html><body><article>{body}</article></body></html>")
    [doc] = read_inputs([tmp_path / "p.htm"], published=MAY_24)
    assert doc.published == MAY_24
    assert doc.text.startswith("Fighting went on")


def test_jsonl_reads_every_field_and_line_origins():
    items = list(read_inputs([FIXTURES / "articles.jsonl"], published=MAY_24))
    assert [d.id for d in items][:2] == ["wire-1", "wire-2"]
    first, second, third = items
    assert first.published == dt.date(2022, 7, 5)
    assert (first.source, first.url, first.title) == (
        "Example Wire",
        "https://example.org/wire-1",
        "Checkpoint attacked",
    )
    assert second.published == dt.date(2022, 7, 6)  # a timestamp is read as its day
    assert third.published == MAY_24  # no date of its own: the fallback
    assert third.id.startswith("sha:")
    assert [d.origin for d in items] == [f"{FIXTURES / 'articles.jsonl'}:{n}" for n in (1, 2, 3)]


def test_csv_reads_rows_with_multiline_text_and_physical_line_numbers():
    items = list(read_inputs([FIXTURES / "articles.csv"]))
    assert [d.id for d in items] == ["row-1", "row-2"]
    assert items[0].published == dt.date(2020, 1, 2)
    assert items[1].published is None
    assert items[1].text == "A drone struck a vehicle on the highway.\nThe driver survived."
    assert items[1].origin.endswith("articles.csv:3")


def test_csv_without_text_column_is_one_error(tmp_path):
    (tmp_path / "t.csv").write_text("id,body\n1,hello\n")
    [err] = read_inputs([tmp_path / "t.csv"])
    assert err.code == "E104" and "no 'text' column" in err.reason


def test_directory_is_read_recursively_in_sorted_order_without_hidden_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "z.txt").write_text("zed")
    (tmp_path / "b" / "a.txt").write_text("ay")
    (tmp_path / "c.txt").write_text("see")
    (tmp_path / ".hidden.txt").write_text("no")
    (tmp_path / ".git" / "x.txt").write_text("no")
    items = list(read_inputs([tmp_path]))
    assert [d.text for d in items] == ["ay", "zed", "see"]


def test_stdin_is_plain_text_unless_it_looks_like_jsonl():
    [doc] = read_inputs(["-"], stdin=io.BytesIO(b"Troops withdrew."), published=MAY_24)
    assert doc.text == "Troops withdrew." and doc.origin == "<stdin>"
    lines = b'{"id": "s1", "text": "One."}\n{"id": "s2", "text": "Two."}\n'
    items = list(read_inputs(["-"], stdin=io.BytesIO(lines)))
    assert [d.id for d in items] == ["s1", "s2"]
    assert items[1].origin == "<stdin>:2"


def test_utf8_bom_and_utf16_are_decoded_without_warnings(tmp_path):
    (tmp_path / "bom.txt").write_bytes("\ufeffDar'a".encode())
    (tmp_path / "wide.txt").write_bytes("Idlib city".encode("utf-16"))
    bom, wide = read_inputs([tmp_path / "bom.txt", tmp_path / "wide.txt"])
    assert bom.text == "Dar'a" and not bom.warnings
    assert wide.text == "Idlib city" and not wide.warnings


def test_cp1252_is_decoded_with_a_warning_not_an_error(tmp_path):
    (tmp_path / "w.txt").write_bytes("Dar\u2019a caf\u00e9".encode("cp1252"))
    [doc] = read_inputs([tmp_path / "w.txt"])
    assert doc.text == "Dar\u2019a caf\u00e9"
    assert len(doc.warnings) == 1 and "cp1252" in doc.warnings[0] and "w.txt" in doc.warnings[0]


def test_bytes_cp1252_cannot_decode_fall_back_to_latin1(tmp_path):
    (tmp_path / "l.txt").write_bytes(b"x\x81y")  # 0x81 is undefined in cp1252
    [doc] = read_inputs([tmp_path / "l.txt"])
    assert doc.text == "x\x81y" and "latin-1" in doc.warnings[0]


def test_a_bad_published_value_in_a_line_is_a_warning_and_the_fallback_is_used(tmp_path):
    (tmp_path / "d.jsonl").write_text(json.dumps({"text": "T", "published": "soon"}) + "\n")
    [doc] = read_inputs([tmp_path / "d.jsonl"], published=MAY_24)
    assert doc.published == MAY_24
    assert "not an ISO date" in doc.warnings[0]


# -- nothing is lost ------------------------------------------------------------------------


def _batch_with_every_kind_of_bad_input(tmp_path: Path) -> tuple[list[Path | str], dict]:
    """Good and bad inputs interleaved; returns them and the errors expected by origin."""

    def put(name: str, data: bytes | str) -> Path:
        path = tmp_path / name
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return path

    good1 = put("01-good.txt", "Clashes were reported in the east of the province.")
    empty = put("02-empty.txt", "  \n\t\n")
    good2 = put("03-good.html", (FIXTURES / "article.html").read_bytes())
    binary = put("04-binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    cp1252 = put("05-cp1252.txt", "The convoy reached Dar\u2019a at dawn.".encode("cp1252"))
    big = put("06-big.txt", "word " * 1000)
    html = put("07-bad.html", "<<<< >>>> not markup at all")
    jsonl = put(
        "08-lines.jsonl",
        '{"id": "j1", "text": "A first report."}\n'
        '{"id": "j2", "text": "broken\n'
        '{"id": "j3", "title": "no text here"}\n'
        '{"id": "j4", "text": "A fourth report."}\n',
    )
    table = put(
        "09-rows.csv",
        'id,text\nc1,"A first row."\nc2,"unbalanced "quote" here"\nc3,"A third row."\n',
    )
    unknown = put("10-notes.docx", "PK\x03\x04")
    missing = tmp_path / "11-missing.txt"
    good3 = put("12-good.txt", "Protesters gathered in the main square.")
    inputs: list[Path | str] = [
        good1, empty, good2, binary, cp1252, big, html, jsonl, table, unknown, missing, good3
    ]  # fmt: skip
    expected_errors = {
        str(empty): "E101",
        str(binary): "E102",
        str(big): "E103",
        str(html): "E104",
        f"{jsonl}:2": "E104",
        f"{jsonl}:3": "E104",
        f"{table}:3": "E104",
        str(unknown): "E105",
        str(missing): "E106",
    }
    return inputs, expected_errors


def test_every_good_item_is_coded_and_every_bad_one_reported(tmp_path):
    inputs, expected_errors = _batch_with_every_kind_of_bad_input(tmp_path)
    items = list(read_inputs(inputs, published=MAY_24, max_bytes=3000))
    coded_ids: list[str] = []

    def coder(doc: Document) -> list[Event]:
        coded_ids.append(doc.id)
        return fake_coder(doc)

    summary = BatchSummary()
    with Store(tmp_path / "s.db") as store:
        events = list(code_into_store(items, store, coder, summary=summary))
        stored_errors = {e.origin: e.code for e in store.errors()}
        counts = store.counts()

    good = docs(items)
    good_origins = [d.origin for d in good]
    assert good_origins == [
        str(inputs[0]),
        str(inputs[2]),
        str(inputs[4]),
        f"{inputs[7]}:1",
        f"{inputs[7]}:4",
        f"{inputs[8]}:2",
        f"{inputs[8]}:4",
        str(inputs[11]),
    ]
    assert {e.origin: e.code for e in errs(items)} == expected_errors
    assert stored_errors == expected_errors
    assert all(e.reason.startswith(e.origin) for e in errs(items))  # the reason names the item
    assert coded_ids == [d.id for d in good]
    assert len(events) == len(good) == summary.documents == counts["documents"] == 8
    assert summary.errors == len(expected_errors) == counts["errors"]
    cp = next(d for d in good if d.origin.endswith("05-cp1252.txt"))
    assert "Dar\u2019a" in cp.text and cp.warnings
    assert summary.warnings == list(cp.warnings)


def test_an_oversize_jsonl_line_is_reported_and_the_others_kept(tmp_path):
    line = json.dumps({"id": "long", "text": "x" * 500})
    (tmp_path / "l.jsonl").write_text(f'{{"text": "short"}}\n{line}\n{{"text": "also short"}}\n')
    items = list(read_inputs([tmp_path / "l.jsonl"], max_bytes=100))
    assert [type(i).__name__ for i in items] == ["Document", "ErrorRecord", "Document"]
    assert items[1].code == "E103" and items[1].origin.endswith("l.jsonl:2")


def test_a_path_that_cannot_be_read_is_reported(tmp_path):
    (tmp_path / "a.txt").write_text("text")
    [err] = read_inputs([tmp_path / "a.txt" / "b.txt"])  # a file used as a folder
    assert err.code == "E106" and "cannot be read" in err.reason and "b.txt" in err.reason
