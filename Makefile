# The seed's A.3 targets. `make check` is what CI runs.
UV ?= uv
RUN := $(UV) run --frozen

.PHONY: check lint format-check format typecheck test bench clean

check: lint format-check typecheck test

lint:
	$(RUN) ruff check src tests perf

format-check:
	$(RUN) ruff format --check src tests perf

format:
	$(RUN) ruff format src tests perf
	$(RUN) ruff check --fix src tests perf

typecheck:
	$(RUN) pyright src

test:
	$(RUN) pytest -x -n auto --cov=src --cov-report=term-missing --cov-fail-under=90

bench:
	-$(RUN) pytest perf/ --benchmark-only --benchmark-json=perf/results/bench-$$(date +%Y%m%d-%H%M%S).json

clean:
	rm -rf .hardkit_cache .pytest_cache .ruff_cache .coverage .coverage.* htmlcov
