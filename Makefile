# Fagbrev. `make run` serves the demo on http://127.0.0.1:8000; `make test` runs the whole suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# Django 6 needs Python 3.12+. Try the usual names, then pyenv's versions, and check each one runs.
PYTHON ?= $(shell for c in python3.13 python3.12 python3 $$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -r); do \
	  $$c -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1 && { command -v $$c; break; }; done)

.PHONY: run test test-dato lint format bench install check clean meldinger oversettelser

$(VENV)/.installed: requirements.txt
	@if [ -z "$(PYTHON)" ]; then echo "Fant ingen Python 3.12 eller nyere. Installer python3.12 (f.eks. 'apt-get install python3.12 python3.12-venv') og prøv igjen." >&2; exit 1; fi
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

install: $(VENV)/.installed oversettelser

# The participant's pages (minside/) in English and Arabic: .po files are the source, .mo files are
# built here (msgfmt, from apt's gettext). `make meldinger` re-reads the templates and code after a
# participant string changed; then translate the new entries (a test fails on an empty one).
oversettelser: $(VENV)/.installed
	@if command -v msgfmt >/dev/null; then \
	  FAGBREV_TESTING=true $(PY) manage.py compilemessages --ignore=.venv --ignore=staticfiles --ignore=node_modules; \
	else echo "msgfmt mangler (apt-get install gettext): deltakerens sider vises bare på bokmål." >&2; fi

meldinger: $(VENV)/.installed
	FAGBREV_TESTING=true $(PY) manage.py makemessages -l en -l ar --add-location=file \
	  --ignore=.venv --ignore=staticfiles --ignore=test-results --ignore=node_modules

run: install
	DEBUG=true $(PY) manage.py migrate --noinput
	DEBUG=true $(PY) manage.py seed_demo
	@# The local demo lets the demo users in with their password alone; TOTP_PAKREVD=true make run tries 2FA.
	DEBUG=true TOTP_PAKREVD=$${TOTP_PAKREVD:-false} $(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(VENV)/bin/pytest

# The suite (without browser tests) on another day: `make test-dato DATO='2028-02-29 10:00'`. DATO is
# Oslo time; libfaketime (apt-get install faketime) moves the clock of the test process there and lets
# it run on. TZ=Europe/Oslo makes libfaketime read DATO as Oslo time (Django sets the same zone anyway).
# The database server keeps the real time. .ci/run draws its DATO from the commit; this reproduces it.
FAKETIME_LIB ?= $(firstword $(wildcard /usr/lib/*/faketime/libfaketime.so.1) \
	$(shell dpkg -L libfaketime 2>/dev/null | grep '/libfaketime\.so\.1$$'))
test-dato: install
	@test -n "$(DATO)" || { echo "Bruk: make test-dato DATO='2028-02-29 10:00' (Oslo-tid)" >&2; exit 2; }
	@test -n "$(FAKETIME_LIB)" || { echo "Fant ikke libfaketime.so.1: apt-get install faketime" >&2; exit 1; }
	@tid=$$(TZ=Europe/Oslo date -d '$(DATO)' '+%Y-%m-%d %H:%M:%S') || { echo "Ugyldig DATO: $(DATO)" >&2; exit 2; }; \
	echo "Klokka flyttet til $$tid Oslo-tid ($$(date -u -d "TZ=\"Europe/Oslo\" $$tid" '+%Y-%m-%d %H:%M UTC')) med libfaketime"; \
	TZ=Europe/Oslo FAKETIME="@$$tid" LD_PRELOAD='$(FAKETIME_LIB)' $(VENV)/bin/pytest -m "not browser" $(PYTEST_ARGS)

check: install
	FAGBREV_TESTING=true $(PY) manage.py check
	FAGBREV_TESTING=true $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Benchmarks against PostgreSQL (one database per size, fagbrev_bench_1k …, reused while the generator is
# the same): `make bench BENCH_ARGS=--rask`
# for 1,000 and 20,000 participants only. The throughput row needs `wrk` (apt-get install wrk); without
# it that row says it was skipped. See docs/performance.md.
bench: install
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache
