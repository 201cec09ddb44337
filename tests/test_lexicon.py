import pytest

from yaqut import lexicon
from yaqut.errors import ResourceError


def test_lexicon_missing_file_names_it():
    with pytest.raises(ResourceError, match="no_such_list"):
        lexicon.words("no_such_list")


def test_lexicon_reads_txt_and_tsv(tmp_path, monkeypatch):
    folder = tmp_path / "data" / "lexicon"
    folder.mkdir(parents=True)
    (folder / "demo.txt").write_text("# a comment\nalpha\n\nbeta  # trailing note\n", "utf-8")
    (folder / "demo_map.tsv").write_text("a\tb\n# c\nx\ty\n", "utf-8")
    monkeypatch.setattr(lexicon.resources, "files", lambda _pkg: tmp_path)
    for f in (lexicon.words, lexicon.entries, lexicon.mapping):
        f.cache_clear()
    try:
        assert lexicon.entries("demo") == ("alpha", "beta")
        assert lexicon.words("demo") == frozenset({"alpha", "beta"})
        assert lexicon.mapping("demo_map") == {"a": "b", "x": "y"}
    finally:
        for f in (lexicon.words, lexicon.entries, lexicon.mapping):
            f.cache_clear()
