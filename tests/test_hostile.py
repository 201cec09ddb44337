"""Hostile input: each bad item sits between good ones; every good document is stored, every
bad one reported with its code, and nothing hangs, crashes or holds a huge file in memory.

Every input is generated here (never committed): sparse files cost no disk.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from yaqut.batch import BatchSummary, code_into_store
from yaqut.errors import printable
from yaqut.ingest import json_depth, make_document, read_inputs, read_lines
from yaqut.records import Document, ErrorRecord, Event
from yaqut.store import Store

GOOD = "Clashes were reported in the east of the province."


def fake_coder(doc: Document) -> list[Event]:
    return [Event(event_id=f"{doc.id}:1", doc_ids=(doc.id,), notes=doc.text[:40])]


def store_all(tmp_path: Path, items: list) -> tuple[list[Document], dict[str, str], int]:
    """Code ``items`` into a new store; (documents, stored errors by origin, stored docs)."""
    with Store(tmp_path / "s.db") as store:
        list(code_into_store(items, store, fake_coder, summary=BatchSummary()))
        stored = {e.origin: e.code for e in store.errors()}
        n = store.counts()["documents"]
    return [i for i in items if isinstance(i, Document)], stored, n


def jsonl_between_good(tmp_path: Path, bad: str) -> Path:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"id": "g1", "text": GOOD}) + "\n" + bad + "\n"
        + json.dumps({"id": "g2", "text": GOOD + " Again."}) + "\n",
        encoding="utf-8",
    )
    return path


# -- strings no encoder accepts -------------------------------------------------------------


@pytest.mark.parametrize("field", ["text", "id", "title", "source", "url", "published"])
def test_a_lone_surrogate_in_any_field_is_escaped_and_the_batch_is_stored(tmp_path, field):
    record = {"id": "bad", "text": "Shelling hit the town."}
    record[field] = record.get(field, "") + "\ud800 x"
    path = jsonl_between_good(tmp_path, json.dumps(record))  # json writes the \ud800 escape
    items = list(read_inputs([path]))
    docs, errors, stored = store_all(tmp_path, items)
    assert [d.id for d in docs][0] == "g1" and docs[-1].id == "g2"
    assert stored == 3 and not errors  # a bad date is a warning, not an error
    middle = docs[1]
    for value in (middle.text, middle.id, middle.title, middle.source, middle.url):
        assert value is None or value.encode("utf-8")  # encodable: no lone surrogate
    if field in ("text", "id", "title"):
        assert "\\ud800 x" in getattr(middle, field)


def test_make_document_escapes_surrogates_so_hashing_never_fails():
    doc = make_document("a\udcff b", doc_id="x\ud800")
    assert doc.text == "a\\udcff b" and doc.id == "x\\ud800"
    assert len(doc.content_hash) == 64


def test_error_output_escapes_control_characters_in_names():
    assert printable("evil\n2026-01-01\tE101\tforged") == "evil\\n2026-01-01\\tE101\\tforged"
    assert printable("plain name.txt") == "plain name.txt"
    assert printable("\udcff") == "\\udcff"


def test_a_file_name_with_a_newline_and_a_tab_is_one_escaped_error_line(tmp_path):
    path = tmp_path / "evil\n2026-01-01\tE999\tforged.txt"
    path.write_bytes(b"")
    [err] = read_inputs([path])
    assert err.code == "E101"
    assert "\n" not in err.reason and "\t" not in err.reason and "\n" not in err.origin
    assert "evil\\n2026-01-01\\tE999" in err.reason


# -- structure bombs --------------------------------------------------------------------------


def test_json_nested_100000_deep_is_one_error_between_good_lines(tmp_path):
    deep = '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}"
    path = jsonl_between_good(tmp_path, deep)
    items = list(read_inputs([path]))
    docs, errors, stored = store_all(tmp_path, items)
    assert [d.id for d in docs] == ["g1", "g2"] and stored == 2
    assert errors == {f"{path}:2": "E104"}
    assert "nested deeper" in next(i for i in items if isinstance(i, ErrorRecord)).reason


def test_json_depth_counts_brackets_outside_strings_only():
    assert json_depth(b'{"a": [1, {"b": "[[[[{{"}]}') == 3
    assert json_depth(b'"\\"[[["') == 0
    assert json_depth(b"[]") == 1


def test_a_fifo_named_txt_is_refused_without_blocking(tmp_path):
    good1 = tmp_path / "a.txt"
    good1.write_text(GOOD)
    fifo = tmp_path / "b.txt"
    os.mkfifo(fifo)
    good2 = tmp_path / "c.txt"
    good2.write_text(GOOD + " More.")
    # a child process, so a regression hangs only it, and the test fails on the timeout
    code = textwrap.dedent(f"""
        from yaqut.ingest import read_inputs
        for item in read_inputs([{str(tmp_path)!r}]):
            print(type(item).__name__, getattr(item, "code", ""), item.origin)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True).stdout.splitlines()
    assert out == [f"Document  {good1}", f"ErrorRecord E106 {fifo}", f"Document  {good2}"]


def test_a_device_behind_a_symlink_is_refused(tmp_path):
    (tmp_path / "zero.jsonl").symlink_to("/dev/zero")
    [err] = read_inputs([tmp_path / "zero.jsonl"])
    assert err.code == "E106" and "a device" in err.reason


def test_random_bytes_without_a_nul_are_binary_not_latin1(tmp_path):
    rng = random.Random(14)
    noise = bytes(rng.choice(range(1, 256)) for _ in range(4096))
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_bytes(noise)
    (tmp_path / "c.txt").write_bytes("Caf\u00e9 owners in Dar\u2019a reopened.".encode("cp1252"))
    items = list(read_inputs([tmp_path]))
    assert [type(i).__name__ for i in items] == ["Document", "ErrorRecord", "Document"]
    assert items[1].code == "E102" and "control characters" in items[1].reason
    assert "cp1252" in items[2].warnings[0]  # a real legacy encoding is still text


# -- size limits --------------------------------------------------------------------------


def test_a_text_over_the_character_limit_is_refused_not_left_to_the_parser(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_text("word " * 300)  # 1,500 characters
    (tmp_path / "c.txt").write_text(GOOD + " More.")
    items = list(read_inputs([tmp_path], max_chars=1000))
    assert [type(i).__name__ for i in items] == ["Document", "ErrorRecord", "Document"]
    assert items[1].code == "E103" and "characters" in items[1].reason


def test_a_huge_sparse_jsonl_line_and_csv_row_are_errors(tmp_path):
    for name in ("big.jsonl", "big.csv"):
        with open(tmp_path / name, "wb") as handle:
            handle.truncate(20_000_000)  # sparse: 20 MB of NUL, no newline
    good = jsonl_between_good(tmp_path, "")
    items = list(read_inputs([tmp_path / "big.jsonl", good, tmp_path / "big.csv"],
                             max_bytes=1_000_000))
    assert [(type(i).__name__, getattr(i, "code", "")) for i in items] == [
        ("ErrorRecord", "E103"), ("Document", ""), ("Document", ""), ("ErrorRecord", "E103")]
    assert "20,000,000 bytes" in items[0].reason


def test_read_lines_never_returns_more_than_the_limit():
    import io

    stream = io.BytesIO(b"short\n" + b"x" * 50 + b"\nlast")
    assert list(read_lines(stream.readline, 10)) == [(1, b"short"), (2, 50), (3, b"last")]


# -- CSV recovery ---------------------------------------------------------------------------


def test_csv_recovery_reports_each_malformed_row_and_keeps_every_good_one(tmp_path):
    lines = ["id,text"]
    for n in range(2000):
        lines.append(f'g{n},"A good row {n}."' if n % 2 else f'b{n},"bad "quote" {n}"')
    (tmp_path / "t.csv").write_text("\n".join(lines) + "\n")
    items = list(read_inputs([tmp_path / "t.csv"]))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, ErrorRecord)]
    assert [d.id for d in docs] == [f"g{n}" for n in range(1, 2000, 2)]
    assert [e.origin for e in errors] == [f"{tmp_path / 't.csv'}:{n + 2}"
                                          for n in range(0, 2000, 2)]


def test_csv_unclosed_quote_is_reported_and_the_lines_after_it_read_again(tmp_path):
    text = 'id,text\na,"first"\nb,"never closed\nc,"third"\nd,"fourth"\n'
    (tmp_path / "t.csv").write_text(text)
    items = list(read_inputs([tmp_path / "t.csv"]))
    assert [getattr(i, "id", None) or i.code for i in items] == ["a", "E104", "c", "d"]
    assert items[1].origin.endswith("t.csv:3")


def test_csv_a_binary_line_is_skipped_and_the_rows_around_it_kept(tmp_path):
    data = b'id,text\na,"first"\n\x00\x00\x00\nc,"third"\n'
    (tmp_path / "t.csv").write_bytes(data)
    items = list(read_inputs([tmp_path / "t.csv"]))
    assert [getattr(i, "id", None) or i.code for i in items] == ["a", "E102", "c"]


def test_csv_in_utf16_is_read_line_by_line(tmp_path):
    (tmp_path / "t.csv").write_bytes('id,text\na,"Idlib city"\n'.encode("utf-16"))
    [doc] = read_inputs([tmp_path / "t.csv"])
    assert (doc.id, doc.text) == ("a", "Idlib city")


# -- memory ---------------------------------------------------------------------------------

_MEMORY_PROBE = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (500 * 2**20, 500 * 2**20))
from pathlib import Path
from yaqut.ingest import read_inputs
from yaqut.records import Document, Event
from yaqut.batch import code_into_store
from yaqut.store import Store

def coder(doc):
    return [Event(event_id=doc.id + ":1", doc_ids=(doc.id,))]

root = Path(sys.argv[1])
inputs = sorted(root.iterdir())
with Store(root / "s.db") as store:
    list(code_into_store(read_inputs(inputs), store, coder))
    print(store.counts()["documents"], sorted(e.code for e in store.errors()))
"""


@pytest.mark.slow
def test_a_1gb_sparse_jsonl_and_csv_are_coded_under_a_500mb_cap(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    for name in ("big.jsonl", "big.csv"):
        with open(root / name, "wb") as handle:
            handle.truncate(2**30)  # 1 GB of NUL bytes, no newline: costs no disk
    (root / "good.jsonl").write_text(json.dumps({"text": GOOD}) + "\n")
    (root / "big.txt").write_bytes(b"")
    with open(root / "big.txt", "wb") as handle:
        handle.truncate(2**30)
    out = subprocess.run([sys.executable, "-c", _MEMORY_PROBE, str(root)], capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split(None, 1) == ["1", "['E103', 'E103', 'E103']\n"]


# -- everything at once ----------------------------------------------------------------------


def test_a_batch_of_every_hostile_item_between_good_ones_stores_every_good_document(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    good = {}

    def put(name: str, data: bytes | str) -> Path:
        path = root / name
        path.write_bytes(data.encode() if isinstance(data, str) else data)
        return path

    def good_one(n: int) -> None:
        good[str(put(f"{n:02d}-good.txt", f"{GOOD} Report {n}."))] = n

    good_one(0)
    surrogate = put("01-surrogate.jsonl", json.dumps({"id": "s\ud800", "text": "a\udfff b"}))
    good_one(2)
    deep = put("03-deep.jsonl", "[" * 50_000 + "]" * 50_000)
    good_one(4)
    os.mkfifo(root / "05-fifo.txt")
    good_one(6)
    rng = random.Random(7)
    put("07-noise.txt", bytes(rng.choice(range(1, 256)) for _ in range(2048)))
    good_one(8)
    put("09-long.txt", "word " * 400)  # over max_chars below
    good_one(10)
    with open(root / "11-sparse.jsonl", "wb") as handle:
        handle.truncate(3_000_000)
    good_one(12)
    put("13-rows.csv", 'id,text\nr1,"ok"\nr2,"bad "q" here"\nr3,"also ok"\n')
    good_one(14)
    put("15-evil\n\tname.txt", "")
    good_one(16)
    items = list(read_inputs([root], max_bytes=1_000_000, max_chars=1500))
    docs, errors, stored = store_all(tmp_path, items)
    assert {d.origin for d in docs} >= set(good)
    assert stored == len(docs) == len(good) + 3  # + the surrogate line and two CSV rows
    assert sorted(errors.values()) == ["E101", "E102", "E103", "E103", "E104", "E104",
                                       "E106"]
    assert all("\n" not in origin and "\t" not in origin for origin in errors)
    assert any(o.startswith(str(deep)) for o in errors)
    assert next(d for d in docs if d.origin == f"{surrogate}:1").id == "s\\ud800"


# -- standard input ---------------------------------------------------------------------------


def test_stdin_text_over_the_limit_is_refused_without_reading_it_all():
    import io

    stream = io.BytesIO(b"x" * 5000)
    [err] = read_inputs(["-"], stdin=stream, max_bytes=1000)
    assert err.code == "E103" and stream.tell() <= 1001


def test_stdin_jsonl_after_blank_lines_is_read_line_by_line_with_its_line_numbers():
    import io

    data = b"\n\n" + b'{"text": "One."}\n' + b"[" * 100 + b"\n" + b'{"text": "Two."}\n'
    items = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert [i.origin for i in items] == ["<stdin>:3", "<stdin>:4", "<stdin>:5"]
    assert [type(i).__name__ for i in items] == ["Document", "ErrorRecord", "Document"]
