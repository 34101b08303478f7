# Two commands matter: `make demo` (build and serve the sample site) and
# `make test` (lint, format check, the test suite in parallel).
BIN := $(if $(wildcard .venv/bin/python),.venv/bin/,)
PYTHON := $(BIN)python
PELICAN := $(abspath $(if $(BIN),$(BIN)pelican,pelican))
PORT ?= 8000

.PHONY: demo build-sample test lint format bench bench-instructions audit screenshots clean

demo: build-sample
	cd sample_site && $(PELICAN) --listen --bind 127.0.0.1 --port $(PORT) --output output

build-sample:
	cd sample_site && $(PELICAN) content --settings pelicanconf.py --output output

test:
	$(BIN)ruff check .
	$(BIN)ruff format --check .
	$(PYTHON) -m pytest -n auto -q

lint:
	$(BIN)ruff check --fix .
	$(BIN)ruff format .

bench:
	$(PYTHON) -m benchmarks.run

bench-instructions:
	$(PYTHON) -m benchmarks.instructions

audit:
	$(PYTHON) -m verify.audit

screenshots:
	$(PYTHON) -m verify.screenshots

clean:
	rm -rf sample_site/output bench audit .pytest_cache
