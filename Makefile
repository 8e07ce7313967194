# make demo — set up, start the local portal, check and publish the example datasets
#   (make demo LIKE=datagovua: on the local portal that answers as data.gov.ua does)
# make test — set up, lint and run the tests (they start the local portal themselves)
# make test-fast — the tests that need no portal; make fuzz — the long differential and fuzz runs
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LIKE ?=
PORTAL_MODE := $(if $(LIKE),--like $(LIKE))

.PHONY: setup test test-fast fuzz lint tools screenshots demo clean

setup: $(VENV)/.installed

$(VENV)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

test: setup lint tools
	$(BIN)/python -m pytest

# Chromium, LibreOffice and poppler, through which the report tests look (Debian packages)
tools:
	scripts/test-tools

# docs/report-html.png and docs/report-xlsx.png, as the README shows them
screenshots: setup
	scripts/screenshots

# the library without the local portal: seconds, not minutes
test-fast: setup
	$(BIN)/python -m pytest -m "not portal"

# the differential and fuzz suites with thousands of examples instead of CI's budget
fuzz: setup
	HYPOTHESIS_PROFILE=thorough FUZZ_EXAMPLES=3000 NETWORK_EXAMPLES=1000 $(BIN)/python -m pytest \
		tests/test_differential.py tests/test_fuzz.py tests/test_network_fuzz.py

lint: setup
	$(BIN)/ruff check opendata tests
	$(BIN)/mypy

demo: setup
	@scripts/dev-portal up $(PORTAL_MODE) > /dev/null
	$(BIN)/opendata validate
	@set -a && eval "$$(scripts/dev-portal up $(PORTAL_MODE) 2>/dev/null)" && set +a && \
		$(BIN)/opendata portal check --portal "$$OPENDATA_URL" && \
		$(BIN)/opendata publish --portal "$$OPENDATA_URL" && \
		echo && echo "Local portal: $$OPENDATA_URL (scripts/dev-portal status | down)"
	@echo "Built files:  build/<dataset>/   Publication log: .opendata/log.sqlite"
	@echo "Run 'make demo' again: everything is reported unchanged."
	@echo "The staff's desk in the browser on this example project: $(BIN)/opendata serve"

clean:
	-scripts/dev-portal down
	-rm -rf "$$(readlink .portal/postgres)"
	rm -rf $(VENV) build .pytest_cache .portal
