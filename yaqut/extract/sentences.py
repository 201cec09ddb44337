"""Sentences and what kind of line they stand on.

Lines are split first (news text keeps paragraphs on lines), then each line into
sentences with spaCy's rule-based sentencizer (:func:`yaqut.nlp.sentencizer`: no model
needed, so it is cheap enough to run on every document before deciding which sentences to
parse). A short line without
closing punctuation is a heading; a line starting "Read more:", "See also" and the like
is a link to another article. Neither can hold an incident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yaqut.nlp import sentencizer

_LINK = re.compile(
    r"^\s*(read more|read also|see also|related( articles?| stories)?|more on this|watch|"
    r"listen|click here|follow us|subscribe|recommended|also read)\b\s*[:\-–|]?",
    re.IGNORECASE,
)
_CLOSING = re.compile(r"[.!?:;\"'”’)\]]\s*$")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # index of the line it stands on
    kind: str  # "text", "heading" or "link"


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of a text with absolute offsets, each marked text/heading/link."""
    out: list[Sentence] = []
    pos = 0
    for paragraph, line in enumerate(text.split("\n")):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        if _LINK.match(line):
            lead = len(line) - len(line.lstrip())
            out.append(Sentence(line_start + lead, line_start + len(line.rstrip()),
                                line.strip(), paragraph, "link"))
            continue
        words = line.split()
        if len(words) <= 8 and not _CLOSING.search(line):
            lead = len(line) - len(line.lstrip())
            out.append(Sentence(line_start + lead, line_start + len(line.rstrip()),
                                line.strip(), paragraph, "heading"))
            continue
        for sent in sentencizer()(line).sents:
            s = sent.text.strip()
            if not s:
                continue
            start = line_start + sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
            out.append(Sentence(start, start + len(s), s, paragraph, "text"))
    return out
