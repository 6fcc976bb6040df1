# The two commands of the README: `make run` and `make test` (both install first when needed).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run test bench bench-quick clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	# compile the Sudachi user dictionary of domain terms (normalizers/data/terms.yaml) once, at set-up
	$(BIN)/python -c "from jinzai.normalizers.terms import build_user_dictionary; from jinzai.normalizers.cache import cache_dir; print('Sudachi user dictionary:', build_user_dictionary(cache_dir()))"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/jinzai ingest data/raw --out data/structured

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile

bench: $(STAMP)
	$(BIN)/python bench/run.py

bench-quick: $(STAMP)
	$(BIN)/python bench/run.py --quick

clean:
	rm -rf data/structured/*/ .pytest_cache
