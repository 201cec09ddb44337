"""Event types on CASE 2021 task 2 snippets (Haneczok et al. 2021).

Each snippet is a short news text from anywhere in the world, labelled with one of the 25
ACLED sub-event types or one of five classes ACLED does not code (``NATURAL_DISASTER``,
``MAN_MADE_DISASTER``, ``ORG_CRIME``, ``DIPLO``, ``ATTRIB``). yaqut codes the snippet and
its *first* event's ``sub_event_type`` is compared with the label; a non-ACLED snippet is
right when it yields no event.

Scores: weighted F1 over the 25 ACLED sub-types (weights = gold support, as the shared
task computed it; "no event" is a prediction that is never right for an ACLED label),
accuracy on ACLED snippets, and the share of non-ACLED snippets coded as an event.

The file is a TSV with the columns ``id``, ``EventSnippet`` and ``SubType``; it is read by
path and never part of the project. ``run()`` measures, ``format_table()`` prints.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from yaqut.errors import InputError, UsageError

# CASE 2021 task 2 labels -> ACLED sub_event_type (None: not an ACLED event)
LABELS: dict[str, str | None] = {
    "ARMED_CLASH": "Armed clash",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "CHEM_WEAP": "Chemical weapon",
    "AIR_STRIKE": "Air/drone strike",
    "SUIC_BOMB": "Suicide bomb",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "GRENADE": "Grenade",
    "SEX_VIOL": "Sexual violence",
    "ATTACK": "Attack",
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "PEACE_PROTEST": "Peaceful protest",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "VIOL_DEMONSTR": "Violent demonstration",
    "MOB_VIOL": "Mob violence",
    "AGREEMENT": "Agreement",
    "ARREST": "Arrests",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "DISR_WEAP": "Disrupted weapons use",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "NATURAL_DISASTER": None,
    "MAN_MADE_DISASTER": None,
    "ORG_CRIME": None,
    "DIPLO": None,
    "ATTRIB": None,
}
NO_EVENT = "(no event)"


def read_case(path: Path, limit: int | None = None, half: str | None = None
              ) -> list[tuple[str, str, str]]:
    """(id, snippet, label) rows of a CASE 2021 task 2 TSV; ``half`` keeps the ``"tune"`` or
    ``"test"`` half only (:mod:`yaqut.eval.split`, file key ``case``, row id the snippet id
    or its line number), ``None``/``"all"`` every row."""
    from yaqut.eval.split import keep

    if half not in (None, "all", "tune", "test"):
        raise UsageError(f"half must be tune, test or all, not {half!r}")
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = {"EventSnippet", "SubType"} - set(reader.fieldnames or ())
        if missing:
            raise InputError(f"not a CASE 2021 task 2 file: no column {sorted(missing)}",
                             item=str(path))
        for n, r in enumerate(reader, start=2):
            label = (r.get("SubType") or "").strip()
            if label not in LABELS:
                raise InputError(f"line {n}: unknown label {label!r}", item=str(path))
            rid = r.get("id") or str(n)
            if not keep("case", rid, half):
                continue
            rows.append((rid, r.get("EventSnippet") or "", label))
            if limit and len(rows) >= limit:
                break
    return rows


def weighted_f1(gold: Sequence[str], pred: Sequence[str], classes: Sequence[str]
                ) -> tuple[float, dict[str, dict[str, float]]]:
    """Support-weighted F1 over ``classes`` and the per-class precision/recall/F1/support.

    Items whose gold label is outside ``classes`` still count as false positives of the
    class they were predicted as (a disaster coded as an attack hurts Attack's precision).
    """
    per: dict[str, dict[str, float]] = {}
    total = sum(1 for g in gold if g in classes)
    score = 0.0
    for c in classes:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if g == c and p != c)
        support = tp + fn
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / support if support else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[c] = {"precision": prec, "recall": rec, "f1": f1, "support": support}
        score += f1 * support
    return (score / total if total else 0.0), per


def evaluate(
    rows: Sequence[tuple[str, str, str]], code: Callable[[str], str | None]
) -> dict:
    """Score ``code`` (snippet -> first event's sub_event_type, or None) on CASE rows."""
    started = time.perf_counter()
    gold: list[str] = []
    pred: list[str] = []
    items = []
    for rid, text, label in rows:
        got = code(text)
        g = LABELS[label] or NO_EVENT
        p = got or NO_EVENT
        gold.append(g)
        pred.append(p)
        items.append({"id": rid, "label": label, "gold": g, "pred": p})
    classes = [v for v in LABELS.values() if v is not None]
    f1, per = weighted_f1(gold, pred, classes)
    acled = [(g, p) for g, p in zip(gold, pred, strict=True) if g != NO_EVENT]
    other = [(g, p) for g, p in zip(gold, pred, strict=True) if g == NO_EVENT]
    confusion = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
    return {
        "snippets": len(rows),
        "acled_snippets": len(acled),
        "non_acled_snippets": len(other),
        "weighted_f1": f1,
        "accuracy_acled": sum(g == p for g, p in acled) / len(acled) if acled else 0.0,
        "acled_without_event": sum(p == NO_EVENT for _, p in acled) / len(acled)
        if acled else 0.0,
        "non_acled_coded_as_event": sum(p != NO_EVENT for _, p in other) / len(other)
        if other else 0.0,
        "per_class": per,
        "confusions": [{"gold": g, "pred": p, "n": n} for (g, p), n in confusion.most_common(25)],
        "seconds": round(time.perf_counter() - started, 1),
        "items": items,
    }


def default_coder(model: str | Path | None = None) -> Callable[[str], str | None]:
    """Snippet -> first event's sub_event_type with yaqut's own coder (and a trained model,
    see :mod:`yaqut.model`, when a model folder is given)."""
    from yaqut.coder import Coder, default_coder

    coder = default_coder()
    if model is not None:
        from yaqut.model import load_model

        coder = Coder(model=load_model(model))

    def code(text: str) -> str | None:
        events = coder.code_text(text, doc_id="case")
        return events[0].sub_event_type if events else None

    return code


def run(path: Path, limit: int | None = None, model: str | Path | None = None,
        half: str | None = None) -> dict:
    """Read a CASE TSV (one ``half`` of it, see :func:`read_case`) and score yaqut's coder."""
    result = evaluate(read_case(path, limit, half), default_coder(model))
    result["file"] = str(path)
    result["half"] = half or "all"
    return result


def format_halves(test: dict, tune: dict) -> str:
    """The test half's scores with the tune half's beside them, then the test half's
    per-class figures (two :func:`run` results)."""
    rows = [("weighted F1 (25 ACLED sub-types)", "weighted_f1"),
            ("accuracy on ACLED snippets", "accuracy_acled"),
            ("ACLED snippets with no event", "acled_without_event"),
            ("non-ACLED snippets coded as event", "non_acled_coded_as_event")]
    lines = [f"CASE 2021 task 2, test half: {test['snippets']} snippets "
             f"({test['acled_snippets']} ACLED, {test['non_acled_snippets']} other); "
             f"tune half: {tune['snippets']} ({tune['acled_snippets']} ACLED, "
             f"{tune['non_acled_snippets']} other)",
             f"  {'':<36} {'test':>6} {'tune':>6}"]
    lines += [f"  {label:<36} {test[k]:6.3f} {tune[k]:6.3f}" for label, k in rows]
    lines += ["", "  test half, per class:"]
    lines += format_table(test).splitlines()[6:]
    return "\n".join(lines)


def format_table(result: dict) -> str:
    """A plain-text table of the scores and the per-class figures."""
    lines = [
        f"CASE 2021 task 2: {result['snippets']} snippets "
        f"({result['acled_snippets']} ACLED, {result['non_acled_snippets']} other), "
        f"{result['seconds']} s",
        f"  weighted F1 (25 ACLED sub-types)   {result['weighted_f1']:.3f}",
        f"  accuracy on ACLED snippets         {result['accuracy_acled']:.3f}",
        f"  ACLED snippets with no event       {result['acled_without_event']:.3f}",
        f"  non-ACLED snippets coded as event  {result['non_acled_coded_as_event']:.3f}",
        "",
        f"  {'sub_event_type':<36} {'prec':>5} {'rec':>5} {'F1':>5} {'n':>4}",
    ]
    for c, s in sorted(result["per_class"].items(), key=lambda kv: -kv[1]["support"]):
        lines.append(f"  {c:<36} {s['precision']:5.2f} {s['recall']:5.2f} {s['f1']:5.2f} "
                     f"{int(s['support']):4d}")
    if result["confusions"]:
        lines += ["", "  most frequent confusions (gold -> coded)"]
        for c in result["confusions"][:12]:
            lines.append(f"  {c['n']:4d}  {c['gold']} -> {c['pred']}")
    return "\n".join(lines)
