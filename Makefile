# The make targets of the hardening checklist's A.3 (docs/checklist.md). `make check` is what CI runs.
UV ?= uv
RUN := $(UV) run --frozen
CODE := src tests perf scripts noxfile.py

.PHONY: check lint format-check format typecheck test template-check bench bench-peers hook-timing footprint corpus-diff docker-corpus docs docs-gen docs-serve test-all clean reliability fuzz mutmut hk101-score hk1-corpus

check: lint format-check typecheck test docs template-check

lint:
	$(RUN) ruff check $(CODE)

format-check:
	$(RUN) ruff format --check $(CODE)

format:
	$(RUN) ruff format $(CODE)
	$(RUN) ruff check --fix $(CODE)

typecheck:
	$(RUN) pyright src scripts noxfile.py

test:
	$(RUN) pytest -x --cov=src --cov-report=term-missing --cov-fail-under=90

# The project template end to end (needs the package index, takes minutes): hardkit new,
# then hardkit doctor, hardkit check, uv sync and make check inside the new service.
template-check:
	$(RUN) pytest -m network -p no:randomly tests/integration/test_template_build.py

# Benchmarks (pytest-benchmark; never fails on a slow figure), archived as JSON.
bench:
	mkdir -p perf/results
	-$(RUN) pytest perf/ -p no:randomly --benchmark-only --benchmark-json=perf/results/bench-$$(date +%Y%m%d-%H%M%S).json

# hardkit next to bandit, ruff, fixit and hadolint on downloaded wheels: the README's table.
# REAL_DOCKERFILES=DIR adds the judged public Dockerfiles of perf/verdicts found there;
# BENCH_ARGS passes more (--workdir DIR keeps the downloads, --no-fixit, --runs N).
bench-peers:
	mkdir -p perf/results
	$(RUN) python -m perf.compare --json perf/results/peers-$$(date +%Y%m%d-%H%M%S).json $(if $(REAL_DOCKERFILES),--real-dockerfiles $(REAL_DOCKERFILES)) $(BENCH_ARGS)

# The hook as users run it: `pre-commit run hardkit --files one.py` next to ruff's hook and
# a no-op hook, each installed by pre-commit (hardkit from this repository's HEAD).
hook-timing:
	$(RUN) python -m perf.hook_timing --runs 15

# What installing hardkit costs a hook environment: packages, MB and time of a fresh
# install of the wheel, plain and with the audit extra (needs the package index).
footprint:
	$(RUN) python -m perf.footprint --runs 3

# HK3xx on a corpus of real Dockerfiles kept outside the project: the parser against
# BuildKit's, and (with EXPECT=judged.txt) precision and recall per rule.
#   make docker-corpus CORPUS=../corpus/list EXPECT=../corpus/judged.txt
docker-corpus:
	$(RUN) python -m perf.dockerfile_corpus $(CORPUS) $(if $(EXPECT),--expect $(EXPECT) --verbose)

# The fast paths against the full ones on the same real projects (needs the network).
corpus-diff:
	$(RUN) python -m perf.corpus_diff

# HK101 on its labelled set (tests/data/hk101_labelled): precision and recall, overall,
# per kind and per reason given; HK101_SCORE_ARGS=-v lists every miss.
hk101-score:
	$(RUN) python -m perf.hk101_score $(HK101_SCORE_ARGS)

# HK101/HK104 on 17 security-heavy projects downloaded now (django, allauth, oauthlib,
# synapse, ...; needs the network): every hit with its source line, to be judged, and the
# asserts bandit's B101 would report there.
hk1-corpus:
	$(RUN) python -m perf.hk1_corpus

# Fix safety on real code (issue 9): --fix over the wheels of FastAPI, Flask, SQLAlchemy,
# requests, Starlette and Pydantic in a temporary folder; every file still compiles, every
# hunk is an HK101 rewrite, a second --fix changes nothing; then again with every assert a
# finding (--stress). Prints the figures.
reliability:
	$(RUN) python -m perf.reliability --stress

# Longer fuzzing than the test suite's: atheris on the Dockerfile path for FUZZ_SECONDS,
# then the hypothesis fuzz tests (every Python rule and the fixer) with many more examples.
FUZZ_SECONDS ?= 300
fuzz:
	$(RUN) python -m tests.fuzz.dockerfile_atheris -max_total_time=$(FUZZ_SECONDS)
	HYPOTHESIS_PROFILE=fuzz $(RUN) pytest -q -p no:randomly tests/property/test_python_rules_generated.py tests/property/test_fuzz_dockerfile.py tests/property/test_hk1_generated_modules.py

# Mutation testing of the pure domain ([tool.mutmut] in pyproject.toml); slow on 2 cores.
mutmut:
	$(RUN) mutmut run --max-children 2
	$(RUN) mutmut results

# The docs site (mkdocs-material). The rule pages, the configuration reference and the
# hooks page are generated from the code: `make docs-gen` rewrites them, and `make docs`
# fails while they are stale.
docs-gen:
	$(RUN) python scripts/gen_docs.py

docs:
	$(RUN) python scripts/gen_docs.py --check
	NO_MKDOCS_2_WARNING=1 $(RUN) mkdocs build --strict

docs-serve:
	NO_MKDOCS_2_WARNING=1 $(RUN) mkdocs serve

# The test suite on every supported Python found on this machine (pyenv, PATH); the
# versions not installed are skipped and named.
test-all:
	$(RUN) nox

clean:
	rm -rf .hardkit_cache .pytest_cache .ruff_cache .coverage .coverage.* htmlcov site .nox
