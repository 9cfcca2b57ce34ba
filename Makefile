# Two commands for a fresh machine (see README.md):
#   make run   install, migrate, load the demo content and serve http://127.0.0.1:8000/
#   make test  install the test tools (and Debian's Chromium for the browser tests) and run the suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install install-test browser lint format messages demo clean

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
	$(BIN)/python manage.py load_demo

run: demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-test browser
	$(BIN)/pytest $(PYTEST_ARGS)

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

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the Vietnamese catalogue after changing translatable strings, then compile it.
messages: install
	$(BIN)/python manage.py makemessages -l vi --ignore ".venv/*" --ignore "tests/*" --ignore "staticfiles/*"
	$(BIN)/python manage.py compilemessages -l vi --ignore ".venv/*"

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .test-media .pytest_cache .ruff_cache
