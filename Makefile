# Two commands for a fresh machine (see README.md):
#   make run   install, migrate, load the demo content and serve http://127.0.0.1:8000/
#   make test  install the test tools (and Debian's Chromium and Java and the npm tools for the browser
#              tests) and run the suite
# and, while working, make test-fast: the suite without the slow and the browser tests.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest-xdist workers for make test: one per core of the 2-core machines CI runs on. Each takes its own
# test database (pytest-django adds _gw0, _gw1…) and five Redis databases (tests/services.py).
# TEST_WORKERS=0 runs the suite in this one process. The distribution is xdist's default (load), which
# keeps pytest-django's order in each worker: the transactional tests, which leave the tables empty, after
# the others. (--dist loadfile mixes them, and a test then finds no tree root.)
TEST_WORKERS ?= 2

.PHONY: run test test-fast install install-test browser browser-tools lint format messages demo clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo --province

run: demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-test browser browser-tools
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

# The inner loop: everything but the tests marked slow (load, OpenSearch, demo loading, page checkers,
# admin crawls, tests that start processes) and the browser tests. CI runs `make test`, the whole suite.
# The test database is kept between runs in its own file (--reuse-db: new migrations are applied to it);
# after changing an existing migration, run `make test-fast PYTEST_ARGS=--create-db` once.
test-fast: install-test
	TEST_SQLITE_NAME=$${TEST_SQLITE_NAME:-.test-db-fast.sqlite3} $(BIN)/pytest -m "not slow and not browser" --reuse-db $(PYTEST_ARGS)

# Debian's Chromium for the Playwright tests. Without it (or without root to install it) the
# browser tests skip with a visible reason; .ci/run sets REQUIRE_BROWSER=1 so that CI fails instead.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null) \
		|| echo "Could not install chromium: the browser tests will be skipped."; \
	else \
		echo "No /usr/bin/chromium and no root to install it: the browser tests will be skipped."; \
	fi

# The page checks' tools: the W3C Nu HTML checker (vnu-jar, which runs on Java 17 or newer) and
# Lighthouse, both pinned in package.json/package-lock.json. Java comes from Debian when we are root.
# Without them those checks skip with a visible reason; with REQUIRE_BROWSER=1 (.ci/run) they fail.
browser-tools: node_modules/.installed
	@if command -v java >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's default-jre-headless for the HTML checker..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null) \
		|| echo "Could not install Java: the HTML checks will be skipped."; \
	else \
		echo "No java and no root to install it: the HTML checks will be skipped."; \
	fi

# Reinstalled whenever package.json or the lock file changes. --ignore-scripts: the only install
# script, vnu-jar's, would download a Java runtime from outside the registry when java is missing.
# package.json's override pins third-party-web, which a Lighthouse dependency asks for as "latest":
# without it, `npm ci` rejects the lock file as soon as a newer third-party-web is published.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then \
		(npm ci --no-audit --no-fund --ignore-scripts && touch $@) \
		|| echo "npm ci failed: the HTML and Lighthouse checks will be skipped."; \
	else \
		echo "No npm: the HTML and Lighthouse checks will be skipped."; \
	fi

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the Vietnamese catalogue after changing translatable strings, then compile it.
messages: install
	$(BIN)/python manage.py makemessages -l vi --ignore ".venv/*" --ignore "tests/*" --ignore "staticfiles/*"
	$(BIN)/python manage.py compilemessages -l vi --ignore ".venv/*"

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .test-media .test-db*.sqlite3* .pytest_cache .ruff_cache node_modules
