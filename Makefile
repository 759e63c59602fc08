# Set-up and the two commands of the README: `make serve` and `make test`.
# Every dependency installs from the project's own files (PyPI, Debian packages, npm).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
WORKERS ?= 2

.PHONY: setup serve test test-all test-remote build bench bench-deps bench-results clean system-deps front-deps remote-deps

$(BIN)/kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Front-end assets served by the app itself (no CDN).
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Debian packages the tests drive: a real browser.
system-deps:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }

# Debian's nginx, the recommended front (deploy/nginx.conf): the package unpacked into .front/,
# not installed, so no service is started; tests/test_front.py runs it.
FRONT := .front/usr/sbin/nginx
$(FRONT):
	mkdir -p .front
	cd .front && { apt-get download nginx >/dev/null 2>&1 || { apt-get update -qq && apt-get download nginx >/dev/null 2>&1; }; }
	cd .front && dpkg -x nginx_*.deb . && rm -f nginx_*.deb
	touch $@

front-deps: $(FRONT)

# Debian's Virtuoso Open Source (the server binary alone: no service is installed or started),
# which the remote-store suite starts and stops itself.
remote-deps:
	@command -v virtuoso-t >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends virtuoso-opensource-7-bin >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends virtuoso-opensource-7-bin >/dev/null; fi; }

setup: $(BIN)/kg node_modules/.installed

# Rebuild the graph when a document, annotation, lexicon or the ontology changed.
INPUTS := $(shell find data ontology -type f 2>/dev/null)
var/.built: $(BIN)/kg $(INPUTS)
	$(BIN)/kg build
	@mkdir -p var && touch $@

build: setup var/.built

serve: setup var/.built
	@echo "kg is installed in $(BIN): run '. $(BIN)/activate' to call it as kg (kg query, kg ingest…)"
	$(BIN)/kg serve --host $(HOST) --port $(PORT) --workers $(WORKERS)

test: setup system-deps front-deps
	$(BIN)/ruff check kg tests bench
	$(BIN)/pytest -q

test-all: setup system-deps front-deps remote-deps
	$(BIN)/ruff check kg tests bench
	$(BIN)/pytest -q --run-slow --run-remote

# The suites over remote stores alone: Virtuoso and `oxigraph serve`, started on loopback by the tests.
test-remote: setup remote-deps
	$(BIN)/pytest -q --run-remote -m remote

# The benchmarks' own needs: the peers (PyPI, the `bench` extra) and the load generator wrk (Debian).
$(VENV)/.bench: pyproject.toml $(BIN)/kg
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $@

bench-deps: $(VENV)/.bench
	@command -v wrk >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; fi; }

# `make bench` runs every benchmark on the seed graph; BENCH= picks one, ARGS= passes its options
# (e.g. make bench BENCH=endpoint ARGS="--graph 10M"); see bench/run.py --help.
BENCH ?=
ARGS ?=
bench: setup bench-deps
	$(BIN)/python bench/run.py $(BENCH) $(ARGS)

# Every figure of bench/RESULTS.md in one run (about an hour on 2 cores), tables to bench/results/.
bench-results: setup bench-deps
	$(BIN)/python bench/run.py results

clean:
	rm -rf $(VENV) node_modules var tests/artifacts .front
