# make demo — set up, start the local portal, check and build the example datasets
# make test — set up and run the tests (they start the local portal themselves)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup test demo clean

setup: $(VENV)/.installed

$(VENV)/.installed: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

test: setup
	$(BIN)/python -m pytest

demo: setup
	scripts/dev-portal up
	$(BIN)/opendata validate
	$(BIN)/opendata build
	@echo
	@echo "Local portal: http://127.0.0.1:5050 (scripts/dev-portal status | down)"
	@echo "Built files:  build/<dataset>/ (CSV, JSON, structure files, datapackage.json)"
	@echo "Publishing them to the portal comes with the publish issue."

clean:
	-scripts/dev-portal down
	-rm -rf "$$(readlink .portal/postgres)"
	rm -rf $(VENV) build .pytest_cache .portal
