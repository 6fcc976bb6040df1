# The two commands of the README: `make run` and `make test` (both install first when needed).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install run test bench bench-quick clean ocr-packages

# Tesseract OCR with Japanese (horizontal and vertical) reads scanned PDFs.
OCR_PACKAGES := tesseract-ocr tesseract-ocr-jpn tesseract-ocr-jpn-vert

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	# compile the Sudachi user dictionary of domain terms (normalizers/data/terms.yaml) once, at set-up
	$(BIN)/python -c "from jinzai.normalizers.terms import build_user_dictionary; from jinzai.normalizers.cache import cache_dir; print('Sudachi user dictionary:', build_user_dictionary(cache_dir()))"
	touch $(STAMP)

install: $(STAMP) ocr-packages

# Installs the OCR packages where this user can (root, or sudo without a password);
# otherwise says what to install and goes on: scanned PDFs then stay `failures` rows.
ocr-packages:
	@if tesseract --list-langs 2>/dev/null | grep -qx jpn && tesseract --list-langs 2>/dev/null | grep -qx jpn_vert; then \
	  :; \
	elif ! command -v apt-get >/dev/null; then \
	  echo "OCR of scanned PDFs needs Tesseract with Japanese data (Debian: $(OCR_PACKAGES)); install them with your package manager"; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(OCR_PACKAGES); \
	elif sudo -n true 2>/dev/null; then \
	  sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(OCR_PACKAGES); \
	else \
	  echo "OCR of scanned PDFs needs: sudo apt-get install $(OCR_PACKAGES)  (not installed; scanned PDFs will be reported as failures)"; \
	fi

run: $(STAMP) ocr-packages
	$(BIN)/jinzai ingest data/raw --out data/structured

test: $(STAMP) ocr-packages
	$(BIN)/python -m pytest -n 2 --dist loadfile

bench: $(STAMP)
	$(BIN)/python bench/run.py

bench-quick: $(STAMP)
	$(BIN)/python bench/run.py --quick

clean:
	rm -rf data/structured/*/ .pytest_cache
