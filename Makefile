# Set-up is one step on a fresh clone: a virtualenv in .venv with policykit
# installed editable (plus the test tools). It is re-done only when
# pyproject.toml changes; running and testing never reach the network.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test fuzz bench audit clean

# run: the JSON of every document in corpus/, then its Word task-assignment
# sheets, summary and ledger in outputs/sheets/<name>/ (--force: a re-run
# replaces them).
run: $(STAMP)
	$(BIN)/policykit extract corpus/ -o outputs/
	@for doc in corpus/*.txt corpus/*.docx corpus/*.html corpus/*.htm corpus/*.pdf corpus/*.doc; do \
	  [ -f "$$doc" ] || continue; \
	  name=$$(basename "$${doc%.*}"); \
	  echo "$(BIN)/policykit assign outputs/$$name.json -o outputs/sheets/$$name --xlsx --force"; \
	  $(BIN)/policykit assign "outputs/$$name.json" -o "outputs/sheets/$$name" --xlsx --force || exit 1; \
	done

test: $(STAMP)
	$(BIN)/python -m pytest -q

# fuzz: the fuzz test of make test at 20 times its length (200,000 generated
# inputs, some 5 minutes); FUZZ_N and FUZZ_SEED choose others.
fuzz: $(STAMP)
	FUZZ_N=$${FUZZ_N:-200000} $(BIN)/python -m pytest -q -p no:cacheprovider tests/test_fuzz.py

# audit: every regular expression policykit compiles, searched in long runs of
# the characters it mentions; a pattern slower than linear fails (timed, so not in make test).
audit: $(STAMP)
	POLICYKIT_REGEX_AUDIT=1 $(BIN)/python -m pytest -q tests/test_limits.py

# bench: speed, workers, cold start, memory and Word sheets, each against a
# baseline measured in the same run; prints one table, writes bench/RESULTS.md.
bench: $(STAMP)
	$(BIN)/python bench/run.py

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[test,dask]'
	touch $(STAMP)

clean:
	rm -rf outputs build dist *.egg-info .pytest_cache .hypothesis
	find policykit tests -name __pycache__ -type d -prune -exec rm -rf {} +
