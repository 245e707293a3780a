# calendar-export: the same targets for developers and CI.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
SHARED ?= ../shared

.DEFAULT_GOAL := help
.PHONY: help install run test lint bench bench-temporal bench-events bench-speed clean

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

bench: bench-temporal bench-events bench-speed ## Every benchmark

bench-temporal: $(STAMP) ## Temporal tagger scores on ../shared/bench
	$(PY) benchmarks/bench_temporal.py --shared $(SHARED)

bench-events: $(STAMP) ## Event extraction scores on ../shared/bench/news_dev.jsonl
	$(PY) benchmarks/bench_events.py --shared $(SHARED)

bench-speed: $(STAMP) ## Articles/s and memory: ours vs dateparser vs a regex floor
	$(PY) benchmarks/bench_speed.py

clean: ## Remove build output and caches
	rm -rf out build dist .pytest_cache .mypy_cache .ruff_cache
