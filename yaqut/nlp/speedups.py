"""The exact per-document speed-ups: parse only sentences that can hold a trigger, cheaply.

Three exact speed-ups over running spaCy's pipeline on every candidate sentence; neither
changes a single token attribute or event (``bench/throughput.py --verify`` checks it):

1. :func:`lemma_filter` — a trigger is a token whose lemma starts a trigger-lexicon entry
   (:func:`yaqut.extract.triggers.find_triggers`). spaCy's English lemmatizer is a rule
   lemmatizer: a token's lemma is its lower-cased text, its text (proper nouns), an
   exception-table form or a suffix-rule form for *some* part of speech, or a lemma the
   attribute ruler assigns. The union of those over every part of speech is a superset of
   the lemma the token can get, so a sentence none of whose tokens can have a trigger
   lemma can hold no trigger whatever the tagger says, and is not parsed.
2. :func:`speed_up_attribute_ruler` — the attribute ruler runs a Matcher of ~180 patterns
   over every token and builds a Span per match. Nearly all its patterns look at one token
   (TAG, LOWER, DEP, IS_SPACE), so the matches of a token depend only on those four values
   and are cached per value tuple; the few multi-token patterns still go through a
   Matcher. Matches are sorted and applied exactly as spaCy does.
3. :func:`speed_up_lemmatizer` — spaCy's rule lemmatizer caches its answer per (word,
   part of speech, morphology) except for base forms ("village", "attack" as a singular
   noun), which it works out again each time; their answer depends on the same three
   values, so it is cached too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

_TOKEN_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")


# -- 1. which sentences to parse -----------------------------------------------------------


class LemmaFilter:
    """``may_trigger(doc)``: can any token of this tokenised sentence get a trigger lemma?"""

    def __init__(self, nlp: Language, first_lemmas: Iterable[str]) -> None:
        self.targets = frozenset(x.lower() for x in first_lemmas)
        lemmatizer: Any = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        self.exact = lemmatizer is not None and getattr(lemmatizer, "mode", None) == "rule"
        self._tables: list[tuple[dict, list, Any]] = []
        self._forms: set[str] = set()  # lower-case forms the attribute ruler gives a target
        if self.exact:
            lookups = lemmatizer.lookups
            rules = lookups.get_table("lemma_rules", {})
            exc = lookups.get_table("lemma_exc", {})
            pos_names = set(rules.keys()) | set(exc.keys())
            for pos in sorted(pos_names):
                self._tables.append((exc.get(pos, {}), list(rules.get(pos, [])), pos))
            self.exact = self._ruler_forms(nlp)
        self._cache: dict[str, bool] = {}

    def _ruler_forms(self, nlp: Language) -> bool:
        """Collect the word forms the attribute ruler may give a trigger lemma.

        False (no filtering: parse every sentence) when such a pattern does not name the
        forms it applies to.
        """
        if "attribute_ruler" not in nlp.pipe_names:
            return True
        ruler: Any = nlp.get_pipe("attribute_ruler")
        for entry in ruler.patterns:
            lemma = entry["attrs"].get("LEMMA")
            if not isinstance(lemma, str) or lemma.lower() not in self.targets:
                continue
            for pattern in entry["patterns"]:
                token = pattern[entry.get("index", 0)]
                lower = token.get("LOWER")
                if isinstance(lower, str):
                    self._forms.add(lower)
                elif isinstance(lower, dict) and set(lower) == {"IN"}:
                    self._forms.update(lower["IN"])
                else:
                    return False
        return True

    def lemmas(self, text: str) -> set[str]:
        """Every lemma spaCy's rule lemmatizer could give a token written ``text``."""
        low = text.lower()
        out = {low}
        for exceptions, rules, _pos in self._tables:
            out.update(f.lower() for f in exceptions.get(low, ()))
            for old, new in rules:
                if low.endswith(old):
                    form = low[: len(low) - len(old)] + new
                    if form:
                        out.add(form)
        return out

    def _word(self, text: str) -> bool:
        hit = self._cache.get(text)
        if hit is None:
            hit = text.lower() in self._forms or not self.targets.isdisjoint(self.lemmas(text))
            if len(self._cache) > 500_000:
                self._cache.clear()
            self._cache[text] = hit
        return hit

    def may_trigger(self, doc: Doc) -> bool:
        if not self.exact:
            return True
        return any(self._word(t.text) for t in doc)


def lemma_filter(nlp: Language, first_lemmas: Iterable[str]) -> LemmaFilter:
    """The filter for this pipeline and these trigger first lemmas (built once per nlp).

    ``first_lemmas`` are the lemmas trigger-lexicon entries start with (the coder passes
    the shipped lexicon's, :func:`yaqut.extract.triggers.lexicon`).
    """
    found = getattr(nlp, "_yaqut_lemma_filter", None)
    firsts = frozenset(x.lower() for x in first_lemmas)
    if found is None or found.targets != firsts:
        found = LemmaFilter(nlp, firsts)
        nlp._yaqut_lemma_filter = found  # type: ignore[attr-defined]
    return found


# -- 2. a faster attribute ruler ------------------------------------------------------------


def _value(token: Any, key: str) -> Any:
    if key == "TAG":
        return token.tag_
    if key == "LOWER":
        return token.lower_
    if key == "DEP":
        return token.dep_
    return token.is_space


def _predicate(spec: Any, value: Any) -> bool | None:
    """A Matcher token predicate on one value (None: a form this module does not know)."""
    if isinstance(spec, str | bool | int):
        return value == spec
    if isinstance(spec, dict) and len(spec) == 1:
        (op, arg), = spec.items()
        if op == "IN":
            return value in arg
        if op == "NOT_IN":
            return value not in arg
        if op == "REGEX":
            return re.search(arg, str(value)) is not None
    return None


class _FastRuler:
    def __init__(self, nlp: Language, ruler: Any) -> None:
        from spacy.matcher import Matcher

        self.ruler = ruler
        self.strings = nlp.vocab.strings
        self.single: list[tuple[int, int, list[dict[str, Any]]]] = []  # (attr_id, key, specs)
        self.multi = Matcher(nlp.vocab, validate=False)
        self.has_multi = False
        self.cache: dict[tuple, list[int]] = {}
        for attr_id in range(len(ruler.attrs)):
            key = str(attr_id)
            _, patterns = ruler.matcher.get(key)
            singles = []
            for pattern in patterns:
                if len(pattern) == 1 and set(pattern[0]) <= set(_TOKEN_KEYS):
                    singles.append(pattern[0])
                else:
                    self.multi.add(key, [pattern])
                    self.has_multi = True
            if singles:
                self.single.append((attr_id, self.strings.add(key), singles))
        self.match_ids = {a: m for a, m, _ in self.single}
        self.setters = _setters(ruler)
        self._index()

    def _index(self) -> None:
        """Patterns naming the token's lower-case form, by that form; the others apart."""
        self._by_lower: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        self._general: list[tuple[int, dict[str, Any]]] = []
        for attr_id, _mid, specs in self.single:
            for spec in specs:
                lower = spec.get("LOWER")
                if isinstance(lower, str):
                    self._by_lower.setdefault(lower, []).append((attr_id, spec))
                elif isinstance(lower, dict) and set(lower) == {"IN"}:
                    for form in lower["IN"]:
                        self._by_lower.setdefault(form, []).append((attr_id, spec))
                else:
                    self._general.append((attr_id, spec))

    def _matches_of(self, values: tuple) -> list[int]:
        """The attr ids of the single-token patterns a token with these values matches."""
        found: set[int] = set()
        env = dict(zip(_TOKEN_KEYS, values, strict=True))
        for attr_id, spec in (*self._general, *self._by_lower.get(values[1], ())):
            if attr_id in found:
                continue  # one match per (pattern key, token), as the Matcher gives
            for k, v in spec.items():
                res = _predicate(v, env[k])
                if res is None:
                    raise ValueError(f"unsupported attribute-ruler pattern {spec}")
                if not res:
                    break
            else:
                found.add(attr_id)
        return sorted(found)

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        out = []
        cache = self.cache
        for token in doc:
            values = (token.tag_, token.lower_, token.dep_, token.is_space)
            ids = cache.get(values)
            if ids is None:
                ids = cache[values] = self._matches_of(values)
            i = token.i
            for attr_id in ids:
                out.append((attr_id, self.match_ids[attr_id], i, i + 1))
        if self.has_multi:
            strings = self.strings
            for m_id, s, e in self.multi(doc, allow_missing=True, as_spans=False):
                out.append((int(strings[m_id]), m_id, s, e))
        out.sort()
        return out

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        attrs, indices, n = self.setters, self.ruler.indices, len(doc)
        for attr_id, _mid, start, end in matches:
            index = indices[attr_id]
            at = (start if index >= 0 else end) + index
            if not start <= at < end or at >= n:
                raise ValueError(f"attribute-ruler index {index} outside match {start}-{end}")
            token = doc[at]
            for name, value in attrs[attr_id]:
                if name == "morph":
                    token.set_morph(value)
                else:
                    setattr(token, name, value)


def _setters(ruler: Any) -> list[list[tuple[str, Any]]]:
    """Each attribute-ruler entry's attributes as public Token setters (name, value).

    spaCy sets them through a private helper; the Token properties ``tag``, ``pos``,
    ``dep``, ``lemma`` and :meth:`~spacy.tokens.Token.set_morph` set the same values (none
    of the five is a lexeme attribute). Raises KeyError for any other attribute, and then
    the ruler is left as spaCy made it.
    """
    from spacy.attrs import IDS

    names = {IDS[n]: n.lower() for n in ("TAG", "POS", "DEP", "LEMMA", "MORPH")}
    return [[(names[key], value) for key, value in entry.items()] for entry in ruler.attrs]


def speed_up_attribute_ruler(nlp: Language) -> bool:
    """Swap the attribute ruler's matching for the cached one (once). False if it cannot."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler: Any = nlp.get_pipe("attribute_ruler")
    if getattr(ruler, "_yaqut_fast", None) is not None:
        return True
    try:
        fast = _FastRuler(nlp, ruler)
        for _attr, _mid, specs in fast.single:  # every predicate form is understood
            for spec in specs:
                for k, v in spec.items():
                    if _predicate(v, "" if k != "IS_SPACE" else False) is None:
                        return False
    except (ValueError, KeyError):
        return False
    ruler._yaqut_fast = fast
    ruler.match = fast.match
    ruler.set_annotations = fast.set_annotations
    return True


# -- 3. the lemmatizer's cache, for base forms too --------------------------------------------


def speed_up_lemmatizer(nlp: Language) -> bool:
    """Cache every rule-lemmatizer answer per (orth, pos, morph), once. False if it cannot."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    lemmatizer: Any = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "_yaqut_fast", False):
        return True
    if getattr(lemmatizer, "mode", None) != "rule":
        return False
    original = lemmatizer.lemmatize
    cache: dict[tuple[int, int, int], list[str]] = {}

    def lemmatize(token: Any) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        found = cache.get(key)
        if found is None:
            found = original(token)
            if token.pos == 0:  # no part of speech: spaCy warns each time; do not cache
                return found
            if len(cache) > 1_000_000:
                cache.clear()
            cache[key] = found
        return found

    lemmatizer.lemmatize = lemmatize
    lemmatizer._yaqut_fast = True
    return True
