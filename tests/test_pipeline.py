"""The coder's exact speed-ups (yaqut.nlp.speedups) change nothing but the time taken.

- the cached attribute ruler sets every token attribute spaCy's own sets;
- the lemma filter lets through every sentence that holds a trigger, and keeps out some
  that cannot;
- an article coded with the speed-ups on and off gives the same events.
"""

from __future__ import annotations

import importlib

import pytest

from yaqut.coder import Coder
from yaqut.records import event_to_dict

pytestmark = pytest.mark.slow

SENTENCES = [
    "There are reports that government forces shelled the town of Kafr Nabl on Monday.",
    "There is no sign that the talks will resume, and rebels said they'd fight on.",
    "Y'all know we ain't gonna leave, a resident said; let's see what they do.",
    "I'd heard the regime was gonna send reinforcements, but it didn't.",
    "Islamic State fighters captured three villages and killed 12 soldiers.",
    "The weather was mild in spring and the markets were busy.",
    "Clashes broke out between the SDF and Turkish-backed groups near Manbij.",
    "He urged them to hand over their weapons, warning of an assault on the town.",
    "A car bomb exploded in Azaz, wounding at least 20 people.",
    "Negotiations between the two sides went on for hours.",
    "Who's responsible? Nobody knows, and no one has claimed the blast.",
    "The U.N. envoy met officials in Damascus on 3 March 2019.",
]


def _fresh():
    from yaqut.nlp import PIPELINES

    for name in PIPELINES:
        try:
            return importlib.import_module(name).load()
        except ImportError:
            continue
    pytest.skip("no English spaCy pipeline installed")


@pytest.fixture(scope="module")
def stock():
    return _fresh()


@pytest.fixture(scope="module")
def fast():
    from yaqut.nlp.speedups import speed_up_attribute_ruler, speed_up_lemmatizer

    nlp = _fresh()
    assert speed_up_attribute_ruler(nlp) and speed_up_lemmatizer(nlp)
    return nlp


def _attrs(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def test_cached_attribute_ruler_and_lemmatizer_set_what_spacys_set(stock, fast):
    want = [_attrs(d) for d in stock.pipe(SENTENCES, disable=["ner"])]
    twice = [_attrs(d) for d in fast.pipe(SENTENCES + SENTENCES, disable=["ner"])]
    assert twice[: len(SENTENCES)] == want  # first time through: filling the cache
    assert twice[len(SENTENCES) :] == want  # second time: from the cache
    expl = next(t for t in fast(SENTENCES[0]) if t.lower_ == "are")
    assert expl.pos_ == "VERB"  # the two-token pattern ("There are") applied too


def test_lemma_filter_lets_every_trigger_through(stock):
    from yaqut.extract.triggers import find_triggers, lexicon
    from yaqut.nlp.speedups import LemmaFilter

    firsts = {e.lemmas[0] for e in lexicon()}
    lemma_filter = LemmaFilter(stock, firsts)
    assert lemma_filter.exact
    verdicts = []
    for doc in stock.pipe(SENTENCES, disable=["ner"]):
        kept = lemma_filter.may_trigger(stock.make_doc(doc.text))
        if find_triggers(doc[:]):
            assert kept, doc.text
        verdicts.append(kept)
    assert not all(verdicts)  # it does keep some sentences from the parser
    assert not lemma_filter.may_trigger(stock.make_doc(SENTENCES[5]))


def test_lemma_candidates_cover_irregular_and_regular_forms(stock):
    from yaqut.nlp.speedups import LemmaFilter

    lemma_filter = LemmaFilter(stock, ["fight"])
    assert "fight" in lemma_filter.lemmas("fought")  # exception table
    assert "capture" in lemma_filter.lemmas("Captured")  # suffix rule, any case
    assert "man" in lemma_filter.lemmas("men")
    assert lemma_filter.may_trigger(stock.make_doc("They fought hard."))
    assert not lemma_filter.may_trigger(stock.make_doc("They ate bread."))


ARTICLE = """Turkish-backed rebels captured the village of Tal Rifaat on Sunday, a monitor said.

The Syrian Observatory for Human Rights said 14 fighters were killed in the clashes, which
began at dawn. The weather had been mild for days.

In Idlib, government warplanes struck a market in Maarat al-Numan on Monday, killing
nine civilians, rescuers said. Russia denied that its jets had taken part.

Officials warned that the regime would storm the town unless the rebels hand over their
heavy weapons."""


def test_the_speed_ups_change_no_event():
    slow = Coder(speedups=False, memory_zone=False, pipeline=_fresh()).code_text(
        ARTICLE, published="2019-05-20", doc_id="a")
    quick = Coder().code_text(ARTICLE, published="2019-05-20", doc_id="a")
    assert slow  # the article does report incidents
    assert [event_to_dict(e) for e in quick] == [event_to_dict(e) for e in slow]
