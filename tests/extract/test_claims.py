"""Claims: who says it and what, in the forms news reports use."""

from __future__ import annotations

import pytest

from yaqut.extract.claims import find_claims


def _c(text: str) -> list[tuple[str, str]]:
    found = find_claims(text)
    for c in found:
        assert text[c.start : c.end] == c.text
    return [(c.by, c.text) for c in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Local sources said that regime forces stormed the town.",
         [("Local sources", "regime forces stormed the town")]),
        ("SANA reported that terrorists attacked a checkpoint.",
         [("SANA", "terrorists attacked a checkpoint")]),
        ("The Syrian Observatory for Human Rights (SOHR) stated that clashes erupted.",
         [("The Syrian Observatory for Human Rights (SOHR)", "clashes erupted")]),
        ("They further stated that the deal had collapsed.",
         [("They", "the deal had collapsed")]),
        ("The regime denied that it had shelled the village.",
         [("The regime", "it had shelled the village")]),
        ("The army warned that it would storm the town.",
         [("The army", "it would storm the town")]),
    ],
)
def test_x_said_that(text: str, expected: list) -> None:
    assert _c(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("According to SOHR, three people were killed.", [("SOHR", "three people were killed")]),
        ("Three people were killed, according to activists.",
         [("activists", "Three people were killed")]),
        ("Clashes erupted in the town, activists said.",
         [("activists", "Clashes erupted in the town")]),
        ("Two men were arrested (as reported by local sources).",
         [("local sources", "Two men were arrested")]),
    ],
)
def test_according_to_and_trailing_attribution(text: str, expected: list) -> None:
    assert _c(text) == expected


def test_two_sources_in_one_sentence() -> None:
    text = "While the regime claimed that the town was calm, activists said that shelling went on."
    assert _c(text) == [
        ("the regime", "the town was calm"),
        ("activists", "shelling went on"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The regime warned of an assault on the town.",
        "No fatalities were reported.",
        "The attack claimed the lives of two men.",
        "The reported clashes went on for hours.",
    ],
)
def test_not_claims(text: str) -> None:
    assert find_claims(text) == []
