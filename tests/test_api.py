"""The public API: what ``import yaqut`` offers, and what it does not load."""

from __future__ import annotations

import subprocess
import sys

import yaqut


def test_all_is_sorted_and_importable():
    assert yaqut.__all__ == sorted(yaqut.__all__)
    for name in yaqut.__all__:
        assert hasattr(yaqut, name), name


def test_record_types_come_from_records():
    from yaqut import records

    for name in ("Event", "Place", "Span", "Campaign", "ErrorRecord"):
        assert getattr(yaqut, name) is getattr(records, name)


def test_version_is_a_string():
    assert isinstance(yaqut.__version__, str) and yaqut.__version__.count(".") == 2


def test_import_loads_nothing_heavy():
    # A fresh interpreter: importing yaqut (and its CLI) must not pull in spaCy, the
    # gazetteer, numpy or the web stack; they load on first use.
    code = (
        "import sys, yaqut, yaqut.cli; "
        "heavy = [m for m in ('spacy', 'numpy', 'scipy', 'dateparser', 'trafilatura', "
        "'pyarrow', 'sqlite3', 'fastapi', 'yaqut.geo.gazetteer', 'yaqut.extract.assemble') "
        "if m in sys.modules]; print(','.join(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == ""


def test_unknown_attribute_is_a_clear_error():
    try:
        yaqut.no_such_thing  # noqa: B018
    except AttributeError as exc:
        assert "no_such_thing" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("expected AttributeError")
