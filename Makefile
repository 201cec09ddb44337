# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test check venv clean gazetteer

# Re-install only when the project's metadata changes.
$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (set PYTHON=...)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/yaqut demo

test: $(STAMP)
	$(BIN)/python -m pytest

check: $(STAMP)
	$(BIN)/ruff check yaqut tests tools bench
	$(BIN)/python -m pytest

# Rebuild the shipped gazetteer from ../shared/data/gazetteer (not needed to install or test).
gazetteer: $(STAMP)
	$(BIN)/python tools/build_gazetteer.py --src ../shared/data/gazetteer --out yaqut/data/gazetteer.sqlite

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
