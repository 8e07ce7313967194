# make demo — set up, check (and, with the publish issue, publish) the example datasets
# make test — set up and run the tests
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
	$(BIN)/opendata validate
	@echo
	@echo "Publishing the examples to a local portal comes with the publish issue."

clean:
	rm -rf $(VENV) build .pytest_cache
