# The two commands of README.md: `make serve` and `make test`. Everything else is set up by them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build check fix test test-fast test-live bench audit audit-reports audit-meetings setup browser fonts java lock clean

## The virtualenv, from the hashed locks; redone when a lock changes. Every file installed is
## pinned and hashed. Python's own bundled pip installs only the tools' lock (pip itself,
## setuptools, pip-tools); that pip then installs the project's lock, building the one
## package published only as source (SOURCE_ONLY) with the locked setuptools instead of
## fetching build tools, and refusing source for every other package.
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps
SOURCE_ONLY := jieba,feedgen
$(STAMP): requirements-tools.lock requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements-tools.lock
	$(PIP_INSTALL) --no-build-isolation --only-binary=:all: --no-binary=$(SOURCE_ONLY) -r requirements.lock
	touch $@

setup: $(STAMP)

## Browser tests need a Chromium; install Debian's when none is found and we may (root).
browser:
	@command -v chromium >/dev/null || command -v chromium-browser >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	  else echo "No Chromium found: install it (Debian/Ubuntu: sudo apt-get install chromium)" >&2; exit 1; fi; }

## The share images are drawn in the system's CJK fonts (Noto Sans CJK's Hong Kong and
## Simplified faces); install Debian's when none is found and we may (root), else say what to install.
SHARE_FONTS := PYTHONPATH=scripts $(BIN)/python -m measures_site.site.share_images --fonts
fonts: $(STAMP)
	@$(SHARE_FONTS) >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fontconfig fonts-noto-cjk >/dev/null; \
	  fi; $(SHARE_FONTS) >/dev/null; }

## The HTML checker (vnu.jar, from package-lock.json) runs on Java; install Debian's headless
## runtime when none is found and we may (root).
java:
	@command -v java >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	  else echo "No Java found: install it (Debian/Ubuntu: sudo apt-get install default-jre-headless)" >&2; exit 1; fi; }

check: $(STAMP)
	$(BIN)/python scripts/build_measures.py check

## Repair pasted-text artefacts in the data files in place, then list what needs a person.
fix: $(STAMP)
	$(BIN)/python scripts/build_measures.py fix

build: $(STAMP) fonts
	$(BIN)/python scripts/build_measures.py build

serve: $(STAMP) fonts
	$(BIN)/python scripts/build_measures.py serve

## The whole suite on several workers: most of its time is spent waiting on builds and the
## browser, so more workers than cores (TEST_WORKERS) finish sooner. A test file runs on one
## worker, so what a module builds is built once; what the session builds (each fixture site, the
## sweep of a page of each kind) is made once and shared by all (tests/conftest.py).
TEST_WORKERS ?= 3
PYTEST_PARALLEL := $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile
test: $(STAMP) browser fonts java node_modules/.installed
	$(PYTEST_PARALLEL)

## The unit layer alone: every test that needs neither a build nor a browser, in well under a minute.
test-fast: $(STAMP) fonts
	MEASURES_UNIT_LAYER_ONLY=1 $(BIN)/python -m pytest -m unit -q

## The checks of the live data's site alone (verbatim text, pages, links, valid HTML, open data):
## what the Pages workflow runs, instead of the whole suite, for a change of data/ alone.
test-live: $(STAMP) browser fonts java node_modules/.installed
	$(PYTEST_PARALLEL) -m live_content

## Speed and size figures (not pass/fail tests): every benchmarks/*_benchmark.py prints its tables,
## and benchmarks/record.py writes each one's latest into MAINTAINERS.md's benchmark section.
bench: $(STAMP) browser fonts
	@$(BIN)/python benchmarks/record.py

## Node tools, the exact versions of package-lock.json, installed without install scripts (no
## browser or Java download: the system Chromium and Java): Lighthouse, and the Nu HTML checker.
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

## Lighthouse (mobile) over the heaviest page of each kind (home, domain, measure, progress…) in both scripts,
## served gzip-compressed on loopback; prints the scores.
audit: $(STAMP) browser fonts node_modules/.installed
	$(BIN)/python scripts/audit.py

## The same over the pages with reports of progress: the fixture with its made-up reports (never
## published; tests/progress_fixture.py), written into the git-ignored cache.
audit-reports: $(STAMP) browser fonts node_modules/.installed
	mkdir -p .cache && $(BIN)/python tests/progress_fixture.py > .cache/with-reports.yaml
	$(BIN)/python scripts/audit.py --data .cache/with-reports.yaml

## The same over the pages of several meetings: the fixture with its made-up 5th and 3rd meetings
## (never published; tests/meetings_fixture.py), written into the git-ignored cache.
audit-meetings: $(STAMP) browser fonts node_modules/.installed
	mkdir -p .cache && $(BIN)/python tests/meetings_fixture.py > .cache/with-meetings.yaml
	$(BIN)/python scripts/audit.py --data .cache/with-meetings.yaml

## Re-resolve the pinned dependencies of pyproject.toml into requirements.lock, then the tools
## of requirements-tools.in into requirements-tools.lock, both with hashes, with the locked
## pip-compile; no build isolation, so reading pyproject.toml fetches nothing either.
PIP_COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-build-isolation \
  --no-emit-index-url --no-emit-find-links
lock: $(STAMP)
	$(PIP_COMPILE) --extra test -o requirements.lock pyproject.toml
	$(PIP_COMPILE) -o requirements-tools.lock requirements-tools.in

## Only what the build made: site/, a killed build's working folders, the share images' cache, the generated pages.
clean:
	$(PYTHON) scripts/clean.py
	rm -rf node_modules
