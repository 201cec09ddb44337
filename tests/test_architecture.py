"""The package's shape, checked by reading its source with ``ast`` (nothing is imported).

1. **No import circle** between modules of ``yaqut/`` (module-level, function-level and
   ``TYPE_CHECKING`` imports all count).
2. **No arrow back up**: every import goes to a module of the same layer or a lower one.
   The layers, bottom to top (also in ``yaqut/__init__.py``'s docstring):

   ==  ==========  ===============================================================
   0   base        records, errors, config, lexicon
   1   adapters    nlp (spaCy), geo (gazetteer, resolver), ingest, docmeta
   2   extract     extract/* (one module per stage), model (the trained sub-event model)
   3   coder       coder (the Coder, CoderConfig), the package's public API (yaqut)
   4   store       store, queries, dedup, campaigns, campaigns_kernel, export
   5   engines     batch, engine/* (Dask), importers (other data into a store)
   6   apps        eval/*, dashboard/*
   7   cli         cli, __main__
   ==  ==========  ===============================================================

3. **No function over 80 lines** unless its docstring says why ("Long because ...").
4. **No word list inside a rule module** (``yaqut/extract/``, ``yaqut/geo/``): a set, list,
   tuple or dict literal of more than 10 string constants belongs in a data file under
   ``yaqut/data/lexicon/`` (:mod:`yaqut.lexicon`).

Checks 1, 3 and 4 carry an allowlist of the offenders found when they were written, which
other work is removing. **These lists may only shrink**: a new offender fails, and so does
an entry that no longer offends (delete it).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "yaqut"

#: Layer of each module, by its longest matching dotted prefix (see the module docstring).
LAYERS: dict[str, int] = {
    "yaqut.records": 0,
    "yaqut.errors": 0,
    "yaqut.config": 0,
    "yaqut.lexicon": 0,
    "yaqut.nlp": 1,
    "yaqut.geo": 1,
    "yaqut.ingest": 1,
    "yaqut.docmeta": 1,
    "yaqut.extract": 2,
    "yaqut.model": 2,
    "yaqut.coder": 3,
    "yaqut": 3,  # the package itself: the public API over the coder
    "yaqut.store": 4,
    "yaqut.queries": 4,
    "yaqut.dedup": 4,
    "yaqut.campaigns": 4,
    "yaqut.campaigns_kernel": 4,
    "yaqut.export": 4,
    "yaqut.batch": 5,
    "yaqut.engine": 5,
    "yaqut.importers": 5,  # ACLED exports and Dask shards into a store
    "yaqut.eval": 6,
    "yaqut.dashboard": 6,
    "yaqut.cli": 7,
    "yaqut.__main__": 7,
}

# Import circles known when this test was written (geo.rescue <-> geo.resolve, gone since).
# This list may only shrink.
KNOWN_CYCLES: set[frozenset[str]] = set()

MAX_LINES = 80
# Functions over 80 lines whose docstring does not say why. Empty: a function over 80 lines
# is split into named steps or says "Long because" in its docstring.
LONG_FUNCTIONS: set[str] = set()

MAX_WORDS = 10
RULE_PACKAGES = ("extract", "geo")
# Word lists (more than 10 string constants) inside rule modules when this test was
# written, as file:name (the assigned name, or the enclosing function). They move to
# yaqut/data/lexicon/. This list may only shrink; the lead empties it.
WORD_LISTS: set[str] = set()


# -- reading the package ------------------------------------------------------------------


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


MODULES = _modules()
TREES = {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}


def _owner(name: str) -> str | None:
    """The module of ``yaqut`` a dotted import name refers to (a module or a name in one)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str) -> set[str]:
    """Every yaqut module ``module`` imports, anywhere in its source."""
    is_package = MODULES[module].name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(TREES[module]):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = module.split(".")
                keep = len(parts) - node.level + (1 if is_package else 0)
                base = ".".join(parts[:keep] + ([base] if base else []))
            # "from yaqut.geo import normalize" imports the submodule, not the package
            names = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base
                     for a in node.names]
        else:
            continue
        for name in names:
            if name == "yaqut" or name.startswith("yaqut."):
                owner = _owner(name)
                if owner is not None and owner != module:
                    found.add(owner)
    return found


GRAPH = {module: _imports(module) for module in MODULES}


def layer_of(module: str) -> int:
    name = module
    while name not in LAYERS:
        name = name.rpartition(".")[0]
        assert name, f"{module} has no layer: add it to LAYERS"
    return LAYERS[name]


def _cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[frozenset[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                on.discard(w)
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(frozenset(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


# -- 1, 2: the import graph -------------------------------------------------------------


def test_the_import_reader_sees_module_and_function_level_imports():
    assert "yaqut.coder" in GRAPH["yaqut.batch"]  # module level
    assert "yaqut.store" in GRAPH["yaqut.dedup"]  # under TYPE_CHECKING
    assert "yaqut.extract.assemble" in GRAPH["yaqut.coder"]  # inside a method


def test_cycle_finder_finds_a_circle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [
        frozenset({"a", "b", "c"})]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_circles():
    found = set(_cycles(GRAPH))
    new = found - KNOWN_CYCLES
    assert not new, f"import circles: {[sorted(c) for c in new]}"
    gone = KNOWN_CYCLES - found
    assert not gone, f"gone, delete from KNOWN_CYCLES: {[sorted(c) for c in gone]}"


def test_every_module_has_a_layer():
    for module in MODULES:
        layer_of(module)


def test_no_arrow_back_up():
    upward = sorted(
        f"{m} (layer {layer_of(m)}) imports {t} (layer {layer_of(t)})"
        for m, targets in GRAPH.items()
        for t in targets
        if layer_of(t) > layer_of(m)
    )
    assert not upward, "\n".join(upward)


# -- 3: long functions ------------------------------------------------------------------------


def _functions(tree: ast.AST, prefix: str = "") -> list[tuple[str, ast.AST]]:
    out: list[tuple[str, ast.AST]] = []
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            out.append((prefix + node.name, node))
            out.extend(_functions(node, prefix + node.name + "."))
        elif isinstance(node, ast.ClassDef):
            out.extend(_functions(node, prefix + node.name + "."))
    return out


def long_functions() -> set[str]:
    found = set()
    for module, tree in TREES.items():
        rel = MODULES[module].relative_to(ROOT).as_posix()
        for name, node in _functions(tree):
            assert isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            size = (node.end_lineno or node.lineno) - node.lineno + 1
            if size > MAX_LINES and "Long because" not in (ast.get_docstring(node) or ""):
                found.add(f"{rel}:{name}")
    return found


def test_no_function_over_80_lines_without_a_reason():
    found = long_functions()
    new = sorted(found - LONG_FUNCTIONS)
    assert not new, f"over {MAX_LINES} lines, no 'Long because' in the docstring: {new}"
    gone = sorted(LONG_FUNCTIONS - found)
    assert not gone, f"no longer long, delete from LONG_FUNCTIONS: {gone}"


# -- 4: word lists in rule modules --------------------------------------------------------------


def _strings(node: ast.AST) -> int:
    """How many string constants a set/list/tuple literal holds (dict: its keys)."""
    if isinstance(node, ast.Set | ast.List | ast.Tuple):
        items = node.elts
    elif isinstance(node, ast.Dict):
        items = [k for k in node.keys if k is not None]
    else:
        return 0
    return sum(isinstance(x, ast.Constant) and isinstance(x.value, str) for x in items)


def _word_lists_in(tree: ast.Module, rel: str) -> set[str]:
    found = set()

    def walk(node: ast.AST, where: str) -> None:
        for child in ast.iter_child_nodes(node):
            here = where
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                here = f"{where}.{child.name}" if where else child.name
            elif not where and isinstance(child, ast.Assign | ast.AnnAssign):
                targets = child.targets if isinstance(child, ast.Assign) else [child.target]
                here = ",".join(t.id for t in targets if isinstance(t, ast.Name)) or "<module>"
                if here == "__all__":  # the module's public names, not words
                    continue
            if _strings(child) > MAX_WORDS:
                found.add(f"{rel}:{here or '<module>'}")
            walk(child, here)

    walk(tree, "")
    return found


def word_lists() -> set[str]:
    found = set()
    for module, tree in TREES.items():
        rel = MODULES[module].relative_to(ROOT).as_posix()
        if rel.split("/")[1] in RULE_PACKAGES:
            assert isinstance(tree, ast.Module)
            found |= _word_lists_in(tree, rel)
    return found


def test_word_list_finder_sees_a_list_of_eleven_words():
    source = "X = {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'}\n" \
             "def f():\n    return ['a', 'b']\n" \
             "def g():\n    return ('a','b','c','d','e','f','g','h','i','j','k', 'l')\n"
    assert _word_lists_in(ast.parse(source), "m.py") == {"m.py:X", "m.py:g"}


def test_no_word_list_in_a_rule_module():
    found = word_lists()
    new = sorted(found - WORD_LISTS)
    assert not new, f"word lists over {MAX_WORDS} words (move to yaqut/data/lexicon/): {new}"
    gone = sorted(WORD_LISTS - found)
    assert not gone, f"no longer there, delete from WORD_LISTS: {gone}"
