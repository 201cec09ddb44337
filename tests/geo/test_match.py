"""Finding candidates (yaqut.geo.match): the gazetteer itself finds names in raw text."""

from __future__ import annotations

from yaqut.geo.match import find_candidates, tokenize


def texts(text, gaz):
    return {c.text for c in find_candidates(text, gaz)}


def test_match_finds_unusual_transliterations_in_raw_text(gaz):
    found = texts("Shelling hit Om Elmiathin and Umm al-Mayadhin, then Um Elmayathen.", gaz)
    assert {"Om Elmiathin", "Umm al-Mayadhin", "Um Elmayathen"} <= found


def test_match_articles_joined_or_separate(gaz):
    for spelling in ("Al-Naima", "al Naima", "An-Nu'aymah", "Neimeh"):
        cands = find_candidates(f"Clashes in {spelling} today.", gaz)
        assert any(
            c.text == spelling and any(h.entry.pcode == "C5997" for h in c.hits)
            for c in cands
        ), spelling


def test_match_arabic_script_against_ocha_arabic_names(gaz):
    text = "قصف على النعيمة في ريف درعا"
    cands = find_candidates(text, gaz)
    by_text = {c.text: {h.entry.id for h in c.hits} for c in cands}
    assert {101, 102} <= by_text["النعيمة"]
    assert 10 in by_text["درعا"]
    for c in cands:
        assert text[c.start : c.end] == c.text


def test_match_offsets_are_exact_and_possessive_is_not_part_of_the_name(gaz):
    text = "Syria's war reached Dar'a's centre."
    cands = find_candidates(text, gaz)
    assert {c.text for c in cands} >= {"Syria", "Dar'a"}
    for c in cands:
        assert text[c.start : c.end] == c.text


def test_match_does_not_join_across_punctuation(gaz):
    # "Dar'a. Neimeh" must not be read as one two-word name
    assert all("." not in c.text for c in find_candidates("in Dar'a. Neimeh was hit", gaz))


def test_match_tokenize_marks_articles_and_arabic():
    toks = tokenize("al-Naima النعيمة")
    assert [t.article for t in toks] == [True, False, False]
    assert toks[2].arabic and not toks[1].arabic


def test_match_dotted_abbreviations_are_one_token():
    toks = tokenize("Officials in the U.S. and the U.K. said")
    assert [t.acronym for t in toks if t.acronym] == ["#US", "#UK"]
    assert [t.acronym for t in tokenize("in the U.S. and", cased_only=True) if t.acronym] == [
        "#US"]
