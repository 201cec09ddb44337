"""The per-document coder: a Document in, its incidents out as Events.

Stages, in order (each a module of its own):

1. :mod:`yaqut.extract.sentences` splits the text into sentences, marking headings and
   links to other articles;
2. :mod:`yaqut.geo` finds and resolves every place over the whole text (the gazetteer
   finds names, the whole document disambiguates them);
3. per sentence, :mod:`yaqut.extract.dates`, :mod:`~yaqut.extract.actors`,
   :mod:`~yaqut.extract.quantities` and :mod:`~yaqut.extract.claims` read their fields
   with fast lexicons;
4. only sentences that may hold a trigger are parsed by spaCy (:mod:`yaqut.nlp`), in one
   batch: those the cheap surface test lets through and whose tokens can have a trigger
   lemma (:mod:`yaqut.engine.cascade`); :mod:`~yaqut.extract.triggers` and
   :mod:`~yaqut.extract.modality` find the actions and their modes. A sentence's parse is
   used only through its triggers, so skipping trigger-less sentences changes nothing;
5. :mod:`yaqut.extract.assemble` groups sentences into incidents and decides every field.
"""

from __future__ import annotations

import datetime as dt
import os
from contextlib import nullcontext

from yaqut.errors import CodingError, YaqutError
from yaqut.records import Document, Event

#: The exact speed-ups of :mod:`yaqut.engine.cascade` (the lemma filter before the parser,
#: the cached attribute ruler and lemmatizer). ``YAQUT_SPEEDUPS=0`` turns them off, to check
#: that they change nothing (``bench/throughput.py --verify``).
SPEEDUPS = os.environ.get("YAQUT_SPEEDUPS", "1") != "0"
#: Parse each document inside spaCy's memory zone, so the strings and lexemes made for its
#: new words are freed once it is coded: memory stays flat over any number of documents
#: (5-10% slower). ``YAQUT_MEMORY_ZONE=0`` turns it off.
MEMORY_ZONE = os.environ.get("YAQUT_MEMORY_ZONE", "1") != "0"


def code_doc(doc: Document, decisions: list | None = None) -> list[Event]:
    """Code one document. Raises :class:`yaqut.errors.CodingError` if a stage fails.
    ``decisions``, when given, receives every candidate incident's
    :class:`~yaqut.extract.incidents.Decision` (what ``yaqut explain`` prints)."""
    try:
        return _code(doc, decisions)
    except YaqutError:
        raise
    except Exception as exc:  # a bug in a stage: name the document, keep the cause
        raise CodingError(f"coding failed: {type(exc).__name__}: {exc}", item=doc.id) from exc


def code_document(
    text: str, published: dt.date | str | None = None, doc_id: str | None = None
) -> list[Event]:
    """Code a text: the Python API behind ``yaqut code``."""
    from yaqut.ingest import make_document

    return code_doc(make_document(text, published=published, doc_id=doc_id))


def explain(doc: Document) -> list:
    """Every candidate incident of ``doc`` with its decision and reason, in text order."""
    decisions: list = []
    code_doc(doc, decisions)
    return decisions


def _code(doc: Document, decisions: list | None = None) -> list[Event]:
    from yaqut import geo
    from yaqut.extract import actors, claims, dates, quantities
    from yaqut.extract.assemble import SentenceInfo, assemble, focus_country
    from yaqut.extract.sentences import split_sentences
    from yaqut.extract.triggers import may_hold_trigger
    from yaqut.nlp import load_pipeline

    text = doc.text
    sentences = split_sentences(text)
    places = geo.geoparse(text, doc_id=doc.id)
    country = focus_country(places)  # weighted by the resolver's scores
    infos: list[SentenceInfo] = []
    for sent in sentences:
        info = SentenceInfo(sent)
        if sent.kind == "text":
            s, e = sent.start, sent.end
            info.places = [p for p in places if s <= p.start and p.end <= e]
            info.dates = dates.find_dates(text, doc.published, start=s, end=e)
            info.actors = actors.find_actors(text, start=s, end=e, country=country,
                                             on=doc.published)
            info.quantities = quantities.find_quantities(text, start=s, end=e)
            info.claims = claims.find_claims(text, start=s, end=e)
        infos.append(info)

    to_parse = [i for i in infos if i.sent.kind == "text" and may_hold_trigger(i.sent.text)]
    nlp = load_pipeline() if to_parse else None
    # Strings and lexemes spaCy makes for this document's words are freed when it is done,
    # so a long run's memory does not grow with every new word it meets.
    with nlp.memory_zone() if nlp is not None and MEMORY_ZONE else nullcontext():
        if nlp is not None:
            _parse(nlp, to_parse)
        return assemble(
            doc,
            infos,
            contains=geo.contains,
            fatalities=quantities.fatalities,
            family=actors.family,
            inter_of=actors.inter_of,
            interaction=actors.interaction,
            decisions=decisions,
        )


def _parse(nlp, to_parse) -> None:
    """Parse the sentences that may hold a trigger; find their actions and modes."""
    from yaqut.engine.cascade import (
        lemma_filter,
        speed_up_attribute_ruler,
        speed_up_lemmatizer,
    )
    from yaqut.extract.modality import assign_modes
    from yaqut.extract.triggers import find_triggers

    tokenised = [nlp.make_doc(i.sent.text) for i in to_parse]
    if SPEEDUPS:  # exact: see yaqut.engine.cascade
        speed_up_attribute_ruler(nlp)
        speed_up_lemmatizer(nlp)
        may_trigger = lemma_filter(nlp).may_trigger
        kept = [(i, d) for i, d in zip(to_parse, tokenised, strict=True) if may_trigger(d)]
        to_parse = [i for i, _ in kept]
        tokenised = [d for _, d in kept]
    disable = [p for p in ("ner",) if p in nlp.pipe_names]
    parses = list(nlp.pipe(tokenised, batch_size=64, disable=disable))
    for info, parsed in zip(to_parse, parses, strict=True):
        info.parse = parsed
        triggers = find_triggers(parsed[:])
        if not triggers:
            continue
        historical = _token_ranges(parsed, info.sent.start,
                                   [d for d in info.dates if d.historical])
        info.moded = assign_modes(parsed, triggers, historical)


def _token_ranges(parsed, base: int, mentions) -> list[tuple[int, int]]:
    out = []
    for m in mentions:
        toks = [t.i for t in parsed if m.start <= base + t.idx < m.end]
        if toks:
            out.append((toks[0], toks[-1]))
    return out
