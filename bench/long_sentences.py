"""Long sentences: how the modality stage (and a whole document) scales with sentence length.

    .venv/bin/python bench/long_sentences.py                 # 2k, 4k, 8k words
    .venv/bin/python bench/long_sentences.py --words 2000 4000 8000 16000 --document

One sentence of N words is built from ordinary clauses joined by ", and" (a shape a parser
nests deeply: the dependency path from a late clause to the root is hundreds of tokens
long, and every clause holds a trigger). It is parsed once; then the seconds of
:func:`yaqut.extract.modality.assign_modes` over its triggers are reported (best of
``--repeat``). ``--document`` also codes the sentence as a whole document
(:func:`yaqut.code_document`: ingest to events, parse included). To see the cost before
a change, run the script with ``PYTHONPATH`` pointing at an older copy of the package.

Measured 2026-12-04 on the shared 2-core machine (modality stage, seconds; the sentence has
2,278 / 4,557 / 9,117 tokens, 444 / 889 / 1,778 triggers, dependency depth 280 / 557 /
1,114):

    words   before (3001d05)   after
    2000    0.336              0.005
    4000    1.112              0.045
    8000    25.369             0.051

(before: ``git archive 3001d05 yaqut | tar -x -C /tmp/old`` and ``PYTHONPATH=/tmp/old``).
A word repeated 20,000 times (a chain 19,995 deep, every token a trigger) takes 1.0 s.
The whole document (``--document``) still takes 9.4 / 15.1 / 37.5 s: the parse, and
``extract/assemble.py`` ``_action_extent``, which grows faster than linearly.
"""

from __future__ import annotations

import argparse
import time

CLAUSES = (
    "government forces shelled the town",
    "rebels attacked a checkpoint near the river",
    "militants threatened to storm the village",
    "police arrested several protesters",
    "the army demanded that fighters hand over their weapons",
)


def sentence(words: int) -> str:
    """One sentence of about ``words`` words."""
    out: list[str] = []
    count = 0
    while count < words:
        clause = CLAUSES[len(out) % len(CLAUSES)]
        out.append(clause)
        count += len(clause.split()) + 1
    return ", and ".join(out) + "."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, nargs="+", default=[2000, 4000, 8000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--document", action="store_true", help="also code it as a document")
    args = parser.parse_args()

    from yaqut.extract.modality import assign_modes
    from yaqut.extract.triggers import find_triggers
    from yaqut.nlp import load_pipeline

    nlp = load_pipeline()
    print("words  tokens  triggers  depth  modality_s  document_s")
    for words in args.words:
        text = sentence(words)
        doc = nlp(text)
        triggers = find_triggers(doc[:])
        depth = max(sum(1 for _ in t.ancestors) for t in doc)
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            assign_modes(doc, triggers, [])
            best = min(best, time.perf_counter() - start)
        whole = "-"
        if args.document:
            from yaqut import code_document

            start = time.perf_counter()
            code_document(text, published="2023-05-24")
            whole = f"{time.perf_counter() - start:.2f}"
        print(f"{words:5d}  {len(doc):6d}  {len(triggers):8d}  {depth:5d}  {best:10.3f}"
              f"  {whole:>10}", flush=True)


if __name__ == "__main__":
    main()
