"""The coder: a Document in, its incidents out as Events.

A :class:`Coder` holds what coding needs: the gazetteer (through a
:class:`~yaqut.geo.Geocoder`), the spaCy pipeline (loaded on first use), an optional
trained sub-event model (:mod:`yaqut.model`) and the focus settings (the country the texts
are mostly about). The actor dictionary is the shipped one (:mod:`yaqut.extract.actors`,
loaded once per process); the coder passes it the focus country. Nothing is global: two
coders with different settings code side by side.

A :class:`CoderConfig` is the small, frozen, picklable description of a coder (settings and
the model's folder): batch workers and the Dask engine receive one and build their coder
with :meth:`Coder.from_config`. Its ``plugin`` names another coder (``module:function``, a
callable Document -> list[Event]), e.g. a cheap one in tests.

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
   lemma (:mod:`yaqut.nlp.speedups`); :mod:`~yaqut.extract.triggers` and
   :mod:`~yaqut.extract.modality` find the actions and their modes. A sentence's parse is
   used only through its triggers, so skipping trigger-less sentences changes nothing;
5. :mod:`yaqut.extract.assemble` groups sentences into incidents and decides every field,
   asking the coder (:class:`~yaqut.extract.assemble.Context`) for place containment,
   fatality counts, actor families and inter codes, and the classification.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import functools
import importlib
import signal
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from yaqut.config import defaults, setting
from yaqut.errors import CodingError, OverBudget, UsageError, YaqutError
from yaqut.records import Document, Event, Place, Quantity

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from yaqut.extract.assemble import SentenceInfo
    from yaqut.extract.modality import Moded
    from yaqut.geo import Gazetteer, Geocoder

#: What batch work accepts as a coder: a Coder, or any callable Document -> list[Event].
CodeFn = Callable[[Document], list[Event]]


@dataclass(frozen=True)
class CoderConfig:
    """A coder's description: small, frozen and picklable (sent to worker processes).

    ``model``: folder of a trained sub-event model (``yaqut train``); None: the model
    shipped in the package (``yaqut/data/model``, ``make model``); ``"rules"``: the rules
    alone.
    ``focus_country``: ISO 3166 alpha-2 code of the country the texts are mostly about
    (default: ``[coder] focus_country`` of the shipped ``defaults.toml``).
    ``speedups``: the exact speed-ups of :mod:`yaqut.nlp.speedups` (off only to check that
    they change nothing). ``memory_zone``: parse each document inside spaCy's memory zone,
    so the strings made for its new words are freed once it is coded (memory stays flat
    over any number of documents; 5-10% slower). ``plugin``: ``module:function`` naming
    another coder to use instead (a callable Document -> list[Event]); empty for yaqut's.
    ``time_budget``: seconds one document may take (:func:`within_budget`); 0: no limit.
    """

    model: str | None = None
    focus_country: str = field(default_factory=lambda: setting(defaults(), "coder.focus_country"))
    speedups: bool = True
    memory_zone: bool = True
    plugin: str = ""
    time_budget: float = 60.0

    @classmethod
    def from_settings(cls, config: Mapping[str, Any], **overrides: Any) -> CoderConfig:
        """The ``[coder]`` section of a configuration (:func:`yaqut.config.load_config`),
        with ``overrides`` (e.g. ``model=`` from ``--model``) where not None."""
        section = dict(config.get("coder", {}))
        section.update({k: v for k, v in overrides.items() if v is not None})
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in section.items() if k in known})


class Coder:
    """Codes documents: ``coder.code(doc)`` (or ``coder(doc)``) -> list[Event].

    ``gazetteer`` defaults to the shipped one (opened on first use); ``model`` is a trained
    sub-event model (anything with ``refine(coded, text)``) or None; ``pipeline`` a spaCy
    pipeline (default: :func:`yaqut.nlp.load_pipeline`, loaded on first use).
    ``focus_country`` is the ISO code of the country the texts are mostly about; None: the
    shipped setting (``[coder] focus_country`` of ``defaults.toml``).
    """

    def __init__(
        self,
        *,
        gazetteer: Gazetteer | None = None,
        model: Any = None,
        focus_country: str | None = None,
        speedups: bool = True,
        memory_zone: bool = True,
        pipeline: Language | None = None,
    ) -> None:
        from yaqut.geo import Geocoder

        if focus_country is None:
            focus_country = str(setting(defaults(), "coder.focus_country"))
        self.geocoder: Geocoder = Geocoder(gazetteer, focus=focus_country)
        self.model = model
        self.focus_code = focus_country
        self.speedups = speedups
        self.memory_zone = memory_zone
        self._pipeline = pipeline

    @classmethod
    def from_config(cls, config: CoderConfig) -> Coder:
        """The coder a CoderConfig describes (its model loaded; the pipeline on first use)."""
        from yaqut.model import load_model, shipped_model

        if config.model == "rules":
            model = None  # the rules alone
        elif config.model:
            model = load_model(config.model)
        else:
            model = shipped_model()  # the model shipped in the package (yaqut/data/model)
        return cls(
            model=model,
            focus_country=config.focus_country,
            speedups=config.speedups,
            memory_zone=config.memory_zone,
        )

    # -- what the stages ask of the coder ---------------------------------------------------

    @property
    def pipeline(self) -> Language:
        """The spaCy pipeline (loaded on first use)."""
        if self._pipeline is None:
            from yaqut.nlp import load_pipeline

            self._pipeline = load_pipeline()
        return self._pipeline

    @functools.cached_property
    def focus_name(self) -> str:
        """The focus country's name as places and actors spell it (from the gazetteer)."""
        entry = self.geocoder.gazetteer.country(self.focus_code)
        if entry is None:
            raise UsageError(f"focus_country {self.focus_code!r} is no country of the gazetteer")
        return entry.name

    def contains(self, outer: Place, inner: Place) -> bool:
        """``inner`` lies within ``outer`` (:func:`yaqut.geo.contains`, by this coder's own
        gazetteer)."""
        from yaqut.geo import contains

        return contains(outer, inner, self.geocoder.gazetteer)

    def fatalities(self, quantities: Sequence[Quantity]) -> int:
        from yaqut.extract.quantities import fatalities

        return fatalities(quantities)

    def family(self, name: str) -> str:
        from yaqut.extract.actors import family

        return family(name)

    def inter_of(self, name: str) -> int | None:
        from yaqut.extract.actors import inter_of

        return inter_of(name, country=self.focus_name)

    def interaction(self, inter1: int | None, inter2: int | None) -> int | None:
        from yaqut.extract.actors import interaction

        return interaction(inter1, inter2)

    def classify(
        self, actions: Sequence[Moded], text: str, inters: Iterable[int | None] = (),
        context: str | None = None,
    ) -> tuple[str, str, str] | None:
        """The rules' (event_type, sub_event_type, disorder_type), refined by the model."""
        from yaqut.extract.classify import classify

        return classify(actions, text, inters, context=context, model=self.model)

    # -- coding ----------------------------------------------------------------------------

    def code(self, doc: Document, decisions: list | None = None) -> list[Event]:
        """Code one document. Raises :class:`yaqut.errors.CodingError` if a stage fails.
        ``decisions``, when given, receives every candidate incident's
        :class:`~yaqut.extract.incidents.Decision` (what ``yaqut explain`` prints)."""
        try:
            return self._code(doc, decisions)
        except YaqutError:
            raise
        except Exception as exc:  # a bug in a stage: name the document, keep the cause
            raise CodingError(
                f"coding failed: {type(exc).__name__}: {exc}", item=doc.id
            ) from exc

    __call__ = code

    def explain(self, doc: Document) -> list:
        """Every candidate incident of ``doc`` with its decision and reason, in text order."""
        decisions: list = []
        self.code(doc, decisions)
        return decisions

    def code_text(
        self, text: str, published: dt.date | str | None = None, doc_id: str | None = None
    ) -> list[Event]:
        """Code a text (made into a Document by :func:`yaqut.ingest.make_document`)."""
        from yaqut.ingest import make_document

        return self.code(make_document(text, published=published, doc_id=doc_id))

    def _code(self, doc: Document, decisions: list | None = None) -> list[Event]:
        from yaqut.extract.assemble import assemble
        from yaqut.extract.triggers import may_hold_trigger

        infos, country = self._read_sentences(doc)
        to_parse = [i for i in infos if i.sent.kind == "text" and may_hold_trigger(i.sent.text)]
        nlp = self.pipeline if to_parse else None
        # Strings and lexemes spaCy makes for this document's words are freed when it is
        # done, so a long run's memory does not grow with every new word it meets.
        zone = nlp.memory_zone() if nlp is not None and self.memory_zone else nullcontext()
        with zone:
            if nlp is not None:
                self._parse(nlp, to_parse)
            return assemble(doc, infos, _InReport(self, country), decisions)

    def _read_sentences(self, doc: Document) -> tuple[list[SentenceInfo], str]:
        """Stages 1-3: sentences, places, and each text sentence's fast fields; with the
        report's country (its places weighed by the resolver's scores)."""
        from yaqut.extract import actors, claims, dates, quantities
        from yaqut.extract.assemble import SentenceInfo, focus_country
        from yaqut.extract.sentences import split_sentences

        text = doc.text
        places = self.geocoder.geoparse(text, doc_id=doc.id)
        country = focus_country(places, default=self.focus_name)  # by the resolver's scores
        infos: list[SentenceInfo] = []
        for sent in split_sentences(text):
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
        return infos, country

    def _parse(self, nlp: Language, to_parse: list[SentenceInfo]) -> None:
        """Parse the sentences that may hold a trigger; find their actions and modes."""
        from yaqut.extract.modality import assign_modes
        from yaqut.extract.triggers import find_triggers, lexicon
        from yaqut.nlp.speedups import (
            lemma_filter,
            speed_up_attribute_ruler,
            speed_up_lemmatizer,
        )

        tokenised = [nlp.make_doc(i.sent.text) for i in to_parse]
        if self.speedups:  # exact: see yaqut.nlp.speedups
            speed_up_attribute_ruler(nlp)
            speed_up_lemmatizer(nlp)
            may_trigger = lemma_filter(nlp, (e.lemmas[0] for e in lexicon())).may_trigger
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


class _InReport:
    """The coder as assembling sees it for one report: inter codes are decided in the
    report's own country (state forces are 1 at home, 8 abroad), not the focus setting's,
    so "Iraqi army forces clashed with IS near Tikrit" codes the army 1, as ACLED does."""

    def __init__(self, coder: Coder, country: str) -> None:
        self.coder, self.country = coder, country

    def inter_of(self, name: str) -> int | None:
        from yaqut.extract.actors import inter_of

        return inter_of(name, country=self.country)

    def contains(self, outer: Place, inner: Place) -> bool:
        return self.coder.contains(outer, inner)

    def fatalities(self, quantities: Sequence[Quantity]) -> int:
        return self.coder.fatalities(quantities)

    def family(self, name: str) -> str:
        return self.coder.family(name)

    def interaction(self, inter1: int | None, inter2: int | None) -> int | None:
        return self.coder.interaction(inter1, inter2)

    def classify(
        self, actions: Sequence[Moded], text: str, inters: Iterable[int | None] = (),
        context: str | None = None,
    ) -> tuple[str, str, str] | None:
        return self.coder.classify(actions, text, inters, context=context)


def _token_ranges(parsed: Any, base: int, mentions: Iterable[Any]) -> list[tuple[int, int]]:
    out = []
    for m in mentions:
        toks = [t.i for t in parsed if m.start <= base + t.idx < m.end]
        if toks:
            out.append((toks[0], toks[-1]))
    return out


# -- building coders -------------------------------------------------------------------------


def load_plugin(spec: str) -> CodeFn:
    """The coder ``module:function`` names (a callable Document -> list[Event])."""
    module, _, name = spec.partition(":")
    try:
        found = getattr(importlib.import_module(module), name or "code")
    except (ImportError, AttributeError) as exc:
        raise UsageError(f"coder.plugin = {spec!r}: cannot load the coder ({exc})") from None
    if not callable(found):
        raise UsageError(f"coder.plugin = {spec!r} is not callable")
    return found  # type: ignore[no-any-return]


def build_coder(config: CoderConfig | None = None) -> CodeFn:
    """The coder a CoderConfig describes: its plugin, else a :class:`Coder`; held to the
    config's time budget."""
    config = config if config is not None else default_config()
    coder = load_plugin(config.plugin) if config.plugin else Coder.from_config(config)
    if config.time_budget > 0:
        return within_budget(coder, config.time_budget)
    return coder


class _Expired(BaseException):
    """Raised into a coder that ran out of time (a BaseException, so that no stage's
    ``except Exception`` swallows it)."""


class _Deadline:
    """Raises :class:`_Expired` into the calling thread once ``seconds`` have passed.

    In the main thread a SIGALRM timer does it (it also interrupts a blocking sleep or
    read); in any other thread (e.g. a Dask worker's) a timer thread sets an asynchronous
    exception. Either lands between two Python steps. :meth:`stop` makes sure none is
    raised after it returns.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.lock = threading.Lock()
        self.done = False
        self.fired = False
        self.thread = threading.get_ident()
        self.main = threading.current_thread() is threading.main_thread() and hasattr(
            signal, "setitimer")
        self.timer: threading.Timer | None = None
        self.previous: Any = None

    def start(self) -> None:
        if self.main:
            self.previous = signal.signal(signal.SIGALRM, self._alarm)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        else:
            self.timer = threading.Timer(self.seconds, self._fire)
            self.timer.daemon = True
            self.timer.start()

    def _alarm(self, signum: int, frame: Any) -> None:
        raise _Expired

    def _fire(self) -> None:
        with self.lock:
            if not self.done:
                self.fired = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(
                    ctypes.c_ulong(self.thread), ctypes.py_object(_Expired))

    def stop(self) -> None:
        if self.main:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)
            return
        with self.lock:
            self.done = True
            if self.fired:  # set but not raised yet: take it back
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.thread), None)
        if self.timer is not None:
            self.timer.cancel()


def within_budget(coder: CodeFn, seconds: float) -> CodeFn:
    """``coder``, raising :class:`~yaqut.errors.OverBudget` (E402) for a document that
    takes more than ``seconds`` (the batch records it and goes on)."""

    def code(doc: Document) -> list[Event]:
        deadline = _Deadline(seconds)
        try:
            try:
                deadline.start()
                return coder(doc)
            finally:
                deadline.stop()
        except _Expired:
            raise OverBudget(f"over the time budget of {seconds:g} s", item=doc.id) from None

    code.__wrapped__ = coder  # type: ignore[attr-defined]
    return code


def default_config() -> CoderConfig:
    """The CoderConfig of the shipped defaults (and ``$YAQUT_CONFIG``, if set)."""
    from yaqut.config import load_config

    return CoderConfig.from_settings(load_config())


@functools.lru_cache(maxsize=1)
def default_coder() -> Coder:
    """The process-wide coder of the shipped settings (what :func:`code_document` uses)."""
    return Coder.from_config(CoderConfig.from_settings(defaults()))


def code_document(
    text: str, published: dt.date | str | None = None, doc_id: str | None = None
) -> list[Event]:
    """Code a text with the default coder: the Python API behind ``yaqut code``."""
    return default_coder().code_text(text, published=published, doc_id=doc_id)


def rule_sub_event_coder(
    coder: Coder | None = None,
) -> Callable[[str, dt.date | None], str | None]:
    """For ``yaqut train``: the rules' sub-event type of an ACLED note (its first event
    with an action that occurred, else its first event; None when it codes no event). A
    note is read as a report published a few days after its event date."""
    from yaqut.model import PUBLISHED_AFTER_DAYS

    use = coder if coder is not None else default_coder()

    def code(notes: str, day: dt.date | None) -> str | None:
        published = day + dt.timedelta(days=PUBLISHED_AFTER_DAYS) if day else None
        events = use.code_text(notes, published=published, doc_id="train")
        main = next((e for e in events if any(a.mode == "occurred" for a in e.actions)),
                    events[0] if events else None)
        return main.sub_event_type if main else None

    return code


__all__ = [
    "CodeFn",
    "Coder",
    "CoderConfig",
    "build_coder",
    "code_document",
    "default_coder",
    "default_config",
    "load_plugin",
    "rule_sub_event_coder",
    "within_budget",
]
