# Two commands do everything on a fresh machine with Python 3.11: `make serve` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PORT ?= 8000
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site test install import pdf bench evaluate clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "needs $(PYTHON) (set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

serve: $(STAMP)  ## live preview on http://127.0.0.1:$(PORT) (make serve PORT=8001 for another port)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

site: $(STAMP)  ## build the site into site/, failing on any warning
	$(BIN)/mkdocs build --strict

test: $(STAMP)  ## the whole suite, browser tests included
	$(BIN)/python -m pytest -n 2  # two workers (pytest-xdist): the machines here have two cores

import: $(STAMP)  ## re-import the five seed policies into source_policies/
	$(BIN)/python scripts/import_seeds.py

evaluate: $(STAMP)  ## alignment quality on the labelled seeds and the held-out policies; model lint counts; import fidelity per format
	$(BIN)/python scripts/evaluate_alignment.py
	$(BIN)/python scripts/evaluate_heldout.py
	$(BIN)/python scripts/audit_rows.py
	$(BIN)/python scripts/evaluate_paraphrase.py
	$(BIN)/python scripts/lint_model.py
	$(BIN)/python scripts/evaluate_import.py

bench: $(STAMP)  ## build-time benchmark against plain MkDocs; time to import a 40-page PDF
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_import.py

clean:
	rm -rf site build *.egg-info .pytest_cache .policy_compare_cache
