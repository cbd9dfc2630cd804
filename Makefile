# invoice-pipeline: every target creates the virtual environment it needs.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
INBOX  ?= inbox
OUT    ?= exports/$(shell date +%Y-%m)
N      ?= 500
ARGS   ?=

.PHONY: install export test lint golden samples engines shuffled shuffled-score bench clean

# Two installs: what the export needs (.runtime), and that plus the test tools (.installed).
$(VENV)/.runtime: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed: $(VENV)/.runtime
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed  ## create .venv and install the package with its dev tools

# Exit status 1 (files need attention, the summary names them) is a finished batch, not a
# failed target; 2 (the export could not run: missing inbox, busy register…) fails. Only the
# default inbox/ is created; another INBOX that does not exist is an error.
export: $(VENV)/.runtime  ## parse every PDF in $(INBOX) and write the ledger files to $(OUT)
	@if [ "$(INBOX)" = "inbox" ]; then mkdir -p inbox; fi
	$(PY) -m pipeline export "$(INBOX)" --out "$(OUT)" $(ARGS) || test $$? -eq 1

test: $(VENV)/.installed lint  ## lint, then run the whole test suite
	$(PY) -m pytest -n 2

lint: $(VENV)/.installed  ## ruff check, ruff format --check, mypy
	$(PY) -m ruff check pipeline tests samples bench
	$(PY) -m ruff format --check pipeline tests samples bench
	$(PY) -m mypy

golden: $(VENV)/.installed  ## regenerate the samples and their expected records on purpose
	$(PY) -m samples.generate --out samples
	$(PY) -m samples.timeline --out samples/timeline

samples: golden  ## same as golden: the samples are generated from the generator's own data

engines: $(VENV)/.installed  ## re-print samples/engines: Chromium (apt-get install chromium), WeasyPrint
	$(PY) -m pip install --quiet -e '.[dev,engines]'
	$(PY) -m samples.html --out samples/engines
	$(PY) -m samples.timeline --out samples/timeline --chromium
	$(PY) -m samples.html_corpus --engine weasyprint --pinned --out samples/engines/weasyprint

shuffled: $(VENV)/.installed  ## re-write samples/engines/shuffled: the pinned shuffled layouts (reportlab, fpdf2)
	$(PY) -m samples.shuffled_corpus --pinned --out samples/engines/shuffled

SEED   ?= 1
CASES  ?= /tmp/invoice-pipeline-shuffled
shuffled-score: $(VENV)/.installed  ## write N shuffled invoices per engine into $(CASES) and score them
	for engine in reportlab fpdf; do \
	  rm -rf "$(CASES)/$$engine" && \
	  $(PY) -m samples.shuffled_corpus --engine $$engine --n $(N) --seed $(SEED) --out "$(CASES)/$$engine" && \
	  $(PY) ../shared/tools/score_records.py --project . --cases "$(CASES)/$$engine" | tail -1; \
	done

bench: $(VENV)/.installed  ## generate N invoices and measure parse, export and re-run (bench/results.json)
	$(PY) -m bench.run --n $(N)

clean:  ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
