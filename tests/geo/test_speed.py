"""The speed-ups of the resolver give the same answers as the plain forms they replace."""

from __future__ import annotations

import re

import pytest

from yaqut.eval.geo import eval_speed
from yaqut.geo import cues

BEFORES = [
    "", " ", "near ", "clashes near the ", "fighting 10 km west of ",
    "in the north-western outskirts of the town of ", "residents of the ",
    "shelling on the ", "the pro-", "the anti- ", "said Sawa village in the ",
    "according to ", "a.near\t", "x(near\n ", "in\u00a0", "pre-near ", "Gen. ",
    "the countryside of ", "they said, Jasim, ", "outside of the city of ",
]


@pytest.mark.parametrize("pat", list(cues.TAIL_WORDS), ids=lambda p: p.pattern[:20])
def test_tail_search_matches_the_whole_search(pat):
    # every suffix of every sample, so that words are cut at each place
    for text in BEFORES:
        for i in range(len(text) + 1):
            before = "Some words " + text[i:]
            assert cues.ends(pat, before) == (pat.search(before) is not None), before


def test_tail_keeps_the_whitespace_before_its_words():
    assert cues.tail("a b  c d", 2) == "  c d"
    assert cues.tail("a b", 5) == "a b"


def test_lower_words_are_the_whole_lower_case_words_of_the_text():
    text = "Homs and homs-x, al-bab x_daraa ’idlib idlib’ Aleppo aleppo. raqqa2 ab a"
    plain = set(re.findall(r"(?<![\w'’-])[a-z][a-z]+(?![\w'’])", text))
    words = cues.LowerWords(text)
    for w in ["homs", "and", "aleppo", "bab", "daraa", "idlib", "raqqa", "ab", "a", "x",
              "al", "Homs", "ome", ""]:
        assert (w in words) == (w in plain), w


def test_eval_speed_reports_a_first_pass_with_empty_caches(geocoder):
    texts = ["Clashes broke out in Jasim in Dar'a countryside and near Homs. " * 20]
    got = eval_speed(geocoder, texts, rounds=1, source="test")
    assert got["words"] == len(texts[0].split())
    assert got["first_pass_ms_per_1000_words"] > 0
    assert got["ms_per_1000_words"] >= got["resolve_ms_per_1000_words"]
