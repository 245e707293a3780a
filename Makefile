# calendar-export: the same targets for developers and CI.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
SHARED ?= ../shared

.DEFAULT_GOAL := help
.PHONY: help install run test lint bench bench-temporal bench-events bench-speed clean serve bench-feed

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 18

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## Make .venv and install the package with its dev tools

run: $(STAMP) ## Extract the bundled sample articles into out/calendar.ics
	$(VENV)/bin/calendar-export extract data/samples -o out/calendar.ics --name "calendar-export samples"

test: $(STAMP) ## Run the tests
	$(PY) -m pytest

lint: $(STAMP) ## ruff and mypy
	$(VENV)/bin/ruff check calendar_export tests benchmarks
	$(VENV)/bin/ruff format --check calendar_export tests benchmarks
	$(VENV)/bin/mypy

bench: bench-temporal bench-events bench-feed bench-speed ## Every benchmark

bench-temporal: $(STAMP) ## Temporal tagger scores on ../shared/bench
	$(PY) benchmarks/bench_temporal.py --shared $(SHARED)

bench-events: $(STAMP) ## Event extraction scores on ../shared/bench/news_dev.jsonl
	$(PY) benchmarks/bench_events.py --shared $(SHARED)

bench-speed: $(STAMP) ## Articles/s and memory: ours vs dateparser vs a regex floor
	$(PY) benchmarks/bench_speed.py

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
