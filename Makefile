# Newsroom: `make run` serves the demo site (and runs its background jobs), `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
ARTICLES ?= 10000

# Local serving uses production settings over plain http, with a secret kept in var/.
# Links in mail and webhooks point at this server unless NEWSROOM_SITE_URL says otherwise.
RUN_ENV = DJANGO_SECRET_KEY="$$(cat var/secret_key)" \
	DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}" \
	DJANGO_HTTPS="$${DJANGO_HTTPS:-0}" DJANGO_SERVE_MEDIA="$${DJANGO_SERVE_MEDIA:-1}" \
	NEWSROOM_SITE_URL="$${NEWSROOM_SITE_URL:-http://$(HOST):$(PORT)}"

# System checks need settings that start; debug mode supplies a local secret.
CHECK_ENV = DJANGO_DEBUG=1 DJANGO_VAR_DIR=var/check

.PHONY: compile-tests test-database test-real-clock loadtest run test install install-test system-deps migrate demo lint format test-sqlite test-postgres test-browser clean

# One pip pass a target: the test extras hold the site's own dependencies too, so `make test`
# from a fresh clone resolves and installs once (a second pass cost about 25 s), and marks
# the plain install done as well. pip compiles no module (--no-compile): compiling all 6,600
# of them took 17 of its 44 s of CPU, alone on one core; Python compiles and keeps each
# module the first time one is imported instead (the Makefile lets it write them), and most
# never are: `compile-tests` imports what the tests do, beside lint.
define venv_install
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/pip install --quiet --disable-pip-version-check --no-compile -e "$(1)"
endef

$(BIN)/.installed: pyproject.toml
	$(call venv_install,.)
	touch $@

$(BIN)/.installed-test: pyproject.toml
	$(call venv_install,.[test])
	touch $(BIN)/.installed $@

install: $(BIN)/.installed

install-test: $(BIN)/.installed-test

var/secret_key:
	mkdir -p var
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

run: install var/secret_key
	@$(RUN_ENV) $(BIN)/python manage.py migrate --noinput
	@$(RUN_ENV) $(BIN)/python manage.py seed_demo --if-empty --verbosity 0
	@$(RUN_ENV) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo ""
	@echo "  Site:  http://$(HOST):$(PORT)/"
	@echo "  Admin: http://$(HOST):$(PORT)/admin/"
	@cat "$${DJANGO_VAR_DIR:-var}/demo_logins.txt" 2>/dev/null || true
	@echo ""
	@# One command for both: Ctrl-C or SIGTERM stops both, and if one dies the other stops.
	@$(RUN_ENV) exec $(BIN)/python -m jobs.supervise \
		-- $(BIN)/gunicorn newsroom.wsgi --config gunicorn.conf.py --bind $(HOST):$(PORT) \
		-- $(BIN)/python manage.py jobs_worker

system-deps:
	@bash .ci/system-deps

# Python's packages and the browser leg's two npm tools install side by side (pip alone
# kept one core idle for a minute), then lint beside the compiling of the tests and the
# making of the migrated test database the test processes copy.
# The SQLite and PostgreSQL legs run side by side, one a core, each line of their progress
# led by the leg's name as it comes (the whole of each leg is kept in test-output/); the
# browser tests run alone after them (Lighthouse scores a page's speed). tests/legs.py says
# which leg runs which tests: what the database decides runs on both, the rest once, placed
# by concern. (Two xdist workers a leg, four on two cores, were
# slower: 10:45 against about 8:40 when every test ran on both.)
test: system-deps
	$(MAKE) --no-print-directory -j3 install-test $(LIGHTHOUSE) $(VNU)
	$(MAKE) --no-print-directory -j2 lint compile-tests test-database
	$(MAKE) --no-print-directory -j3 test-sqlite test-postgres test-real-clock
	$(MAKE) --no-print-directory test-browser

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(CHECK_ENV) $(BIN)/python manage.py check --fail-level WARNING
	$(CHECK_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

# Each leg runs with the wall clock at an awkward hour (Debian's faketime; the clock still
# ticks): late evening, so the SQLite leg runs across midnight, and late morning. A test that
# leans on the real time of day ("10:00 today", "made now, still today") fails here, in every
# run, instead of in the runs started at the wrong hour. Every test that moves the clock runs
# in both legs, at both hours (tests/legs.py). The few tests that kill and restart
# worker processes (marked real_clock; libfaketime hangs the waits of their recovery) run
# on the real clock, beside the legs (test-real-clock); they read no time of day. Only the
# files that hold them are collected for that run.
REAL_CLOCK_FILES = $(shell grep -rl --include='test_*.py' 'mark.real_clock' tests)
SQLITE_CLOCK ?= 23:55:00
POSTGRES_CLOCK ?= 11:30:00
at_clock = TZ=UTC faketime "$$(date -u +%F) $(1)"
leg_output = 2>&1 | tee test-output/$(1).log | sed -u 's/^/[$(1)] /'

# Python keeps compiled modules, and pytest its assertion-rewritten tests, beside the source
# (git ignores them): collected once beside lint, so the legs, the browser workers and every
# server a test starts import them instead of compiling them again (a leg's collection took
# 19 s of CPU compiling, 8 s with them kept). Some environments turn the keeping off with
# PYTHONDONTWRITEBYTECODE; the tests turn it back on.
unexport PYTHONDONTWRITEBYTECODE
compile-tests: install-test
	@$(BIN)/pytest --collect-only -q > /dev/null

# The migrated SQLite test database every test process copies (tests/database_template.py),
# made here, where lint leaves a core free, if this tree's migrations have none yet: the
# SQLite leg's first test migrated it before (16 s in a clean clone, beside the other legs).
test-database: install-test
	@$(BIN)/python -m tests.database_template

test-sqlite: install-test
	@mkdir -p test-output
	set -o pipefail; export NEWSROOM_TEST_LEG=sqlite; PYTHONUNBUFFERED=1 \
		$(call at_clock,$(SQLITE_CLOCK)) $(BIN)/pytest -m "not browser and not real_clock" -q \
		--durations=10 $(call leg_output,sqlite)

test-postgres: install-test
	@mkdir -p test-output
	set -o pipefail; export NEWSROOM_TEST_LEG=postgres; PYTHONUNBUFFERED=1 \
		$(call at_clock,$(POSTGRES_CLOCK)) $(BIN)/python -m tests.pgserver -- \
		$(BIN)/pytest -m "not browser and not real_clock" -q --durations=10 \
		$(call leg_output,postgres)

# Beside the legs, on the real clock and on PostgreSQL (what many workers share): they mostly
# wait for workers to start, die and recover, so they cost the legs little.
test-real-clock: install-test
	@mkdir -p test-output
	set -o pipefail; PYTHONUNBUFFERED=1 $(BIN)/python -m tests.pgserver -- \
		$(BIN)/pytest -m real_clock -q $(REAL_CLOCK_FILES) $(call leg_output,real-clock)

LIGHTHOUSE := tests/lighthouse/node_modules/.bin/lighthouse

$(LIGHTHOUSE): tests/lighthouse/package.json tests/lighthouse/package-lock.json
	# npm ci rejects this lock: a dependency of lighthouse asks for "latest" of two packages.
	npm install --prefix tests/lighthouse --no-save --no-audit --no-fund --loglevel=error
	touch $@

# The Nu HTML checker: one jar, run on Debian's Java by tests/browser/test_html_validity.py.
VNU := tests/htmlcheck/node_modules/vnu-jar/build/dist/vnu.jar

$(VNU): tests/htmlcheck/package.json tests/htmlcheck/package-lock.json
	npm ci --prefix tests/htmlcheck --no-audit --no-fund --loglevel=error
	touch $@

# Two at a time (pytest-xdist: each worker has its own Chromium, live server and database),
# then Lighthouse alone: it scores a page's speed, which a busy machine would lower.
# Every browser test lives in tests/browser/, so each worker collects only that folder
# (collecting the whole suite to deselect 2,000 tests cost each worker about 11 s of CPU).
# Lighthouse's test starts beside the leg and makes its data meanwhile, then waits for
# the file the leg's end writes before it scores a page (tests/browser/lighthouse_runs.py);
# if the leg fails, it is stopped.
LIGHTHOUSE_AFTER = test-output/browser-leg.done
test-browser: install-test $(LIGHTHOUSE) $(VNU)
	@mkdir -p test-output && rm -f $(LIGHTHOUSE_AFTER)
	DJANGO_ALLOW_ASYNC_UNSAFE=1 LIGHTHOUSE_AFTER=$(LIGHTHOUSE_AFTER) \
		$(BIN)/pytest -m browser -q tests/browser/test_lighthouse.py & lighthouse=$$!; \
	DJANGO_ALLOW_ASYNC_UNSAFE=1 $(BIN)/pytest -m browser -q -n 2 --dist worksteal --durations=10 \
		--ignore=tests/browser/test_lighthouse.py tests/browser \
		|| { kill $$lighthouse; wait $$lighthouse; exit 1; }; \
	touch $(LIGHTHOUSE_AFTER); wait $$lighthouse

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Not part of make test: a burst of comments, a read soak with faults, on both databases.
loadtest: install-test system-deps
	$(BIN)/python -m tests.load.run $(LOADTEST_ARGS)

clean:
	rm -rf $(VENV) var

# Performance report (never part of `make test`): ARTICLES=100000 for the large archive,
# BENCH_DURATION=30s for steadier numbers. Results go to bench/results/.
BENCH_DURATION ?= 10s
$(BIN)/.installed-bench: $(BIN)/.installed
	$(BIN)/pip install --quiet --disable-pip-version-check -e ".[bench]"
	touch $@

.PHONY: bench
bench: $(BIN)/.installed-bench
	ARTICLES=$(ARTICLES) BENCH_DURATION=$(BENCH_DURATION) $(BIN)/python bench/run.py

# The writing surface's speed in Chromium (ready to type, keystrokes in a long body); a report
# in bench/results/editor-*.md, never part of `make test`.
.PHONY: bench-editor
bench-editor: install-test
	$(BIN)/python bench/editor.py

# The admin's rich body editor (docs/editor.md): npm ci, then the bundle into editor/static/editor/.
editor:
	cd editor/frontend && npm ci --no-audit --no-fund && npm run build
.PHONY: editor
