# Two commands for a fresh machine with Python 3.11 and make: `make demo`, `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DB ?= eventwire.db

.PHONY: install dev demo test quality lint bench train clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# pip 23 (what python3.11 -m venv brings) warns "lxml 6.1.3 does not provide the extra
# 'html_clean'" at every install (it does not normalise extra names); a current pip reads it.
PIP_VERSION := 26.3

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet pip==$(PIP_VERSION)
	$(BIN)/pip install --quiet -c constraints.txt -e .
	@touch $@

$(VENV)/.dev: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	@touch $@

install: $(VENV)/.installed

dev: $(VENV)/.dev

# The bundled examples (examples/README.md): extracted, stored into $(DB), shown as tables;
# then ingested (what is stored is skipped) and clustered into incidents, which are listed.
demo: install
	$(BIN)/eventwire extract examples/articles/*.txt --batch examples/articles.jsonl \
		--db $(DB) --format table
	$(BIN)/eventwire ingest examples/articles examples/articles.jsonl --db $(DB)
	$(BIN)/eventwire incidents --db $(DB)
	@echo "web page and REST API: $(BIN)/eventwire serve --db $(DB)   then open http://localhost:8000/"

# The test suite (with the import layers of ARCHITECTURE.md: tests/test_architecture.py),
# then the types of the public API (mypy, strict; files in pyproject.toml).
test: dev
	$(BIN)/python -m pytest -q
	$(BIN)/mypy

# The accuracy gate: every dataset in ../shared/data against the floors in quality/floors.yaml
# (fails when a headline figure drops); rewrites README.md's accuracy table from the same run.
# Raise floors: make quality GATE_FLAGS=--update
quality: install
	$(BIN)/eventwire evaluate all --data ../shared/data --readme README.md $(GATE_FLAGS)

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install
	$(BIN)/eventwire bench ../shared/data/polnear/train/text

# Rebuild the trained components from ../shared/data (writes into src/eventwire/knowledge).
train: $(VENV)/.installed
	$(BIN)/eventwire train roles --data ../shared/data/muc4
	$(BIN)/eventwire train muc4-scope --data ../shared/data/muc4
	$(BIN)/eventwire train attribution --data ../shared/data/polnear
	$(BIN)/eventwire train geo --data ../shared/data/geo

# Refresh constraints.txt (every transitive dependency pinned) from the current venv.
lock: dev
	$(BIN)/pip freeze --exclude-editable | grep -v '^eventwire' > constraints.txt

clean:
	rm -rf $(VENV) build src/*.egg-info .pytest_cache .ruff_cache
