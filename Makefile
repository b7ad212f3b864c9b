# The single entry point: CI calls the same targets (docs/house-style.md §7).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
# The packaged model is loaded by path; never reach for the Hugging Face hub.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: run setup install test test-fast lint format check reindex bench e2e clean

$(VENV)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "Fant ikke $(PYTHON). Installer Python 3.11."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	# torch alone first: pip then takes the local CPU wheel instead of resolving a CUDA build.
	$(PIP) install --quiet "torch==2.13.0"
	$(PIP) install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

## First run sets everything up; later runs keep existing data and are quick.
setup: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_reference_data
	$(PY) manage.py load_demo
	$(PY) manage.py collectstatic --noinput --verbosity 0

run: setup
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest -q

test-fast: install
	$(PY) -m pytest -q -m "not slow and not e2e"

e2e: install
	$(PY) -m pytest -q -m e2e

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run

reindex: install
	$(PY) manage.py search_index rebuild

bench: install
	$(PY) benchmarks/search.py
	$(PY) benchmarks/matching.py

clean:
	rm -rf $(VENV) var/search

## Search benchmark only: embedded vs Wagtail's database backend at 1k/10k/100k (about 15 minutes;
## SIZES=1000 for a quick look). Runs in a temporary directory; var/ is not touched.
.PHONY: bench-search
SIZES ?= 1000,10000,100000
bench-search: install
	$(PY) benchmarks/search.py --sizes $(SIZES)
