# Set-up is one step on a fresh clone: a virtualenv in .venv with policykit
# installed editable (plus the test tools). It is re-done only when
# pyproject.toml changes; running and testing never reach the network.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test clean

run: $(STAMP)
	$(BIN)/policykit extract corpus/ -o outputs/

test: $(STAMP)
	$(BIN)/python -m pytest -q

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf outputs build dist *.egg-info .pytest_cache .hypothesis
	find policykit tests -name __pycache__ -type d -prune -exec rm -rf {} +
