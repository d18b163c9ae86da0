# The two commands: `make run` and `make test`. Everything else here serves them.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= $(shell for p in python3.13 python3.12; do \
	  if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then command -v $$p; exit; fi; done; \
	  for p in $$HOME/.pyenv/versions/3.13*/bin/python3.13 $$HOME/.pyenv/versions/3.12*/bin/python3.12; do \
	  if [ -x "$$p" ]; then echo $$p; exit; fi; done)
HOST ?= 127.0.0.1
PORT ?= 8000
# pytest's worker processes (pytest-xdist): one a core, at most 4 (each runs its own browser, live
# server and test database); TEST_WORKERS=0 runs every test in one process.
TEST_WORKERS ?= $(shell n=$$( (nproc || getconf _NPROCESSORS_ONLN || echo 2) 2>/dev/null); [ "$$n" -gt 4 ] && n=4; echo $$n)

.PHONY: run dev test install lint check messages clean

$(VENV)/.installed: pyproject.toml
	@if [ -z "$(PYTHON)" ]; then echo "InnoCluster needs Python 3.12 or newer: install python3.12 or python3.13 (or set PYTHON=/path/to/python)." >&2; exit 1; fi
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

messages: install
	cd innocluster && ../$(PY) ../manage.py compilemessages --ignore=.venv >/dev/null

run: install messages
	$(VENV)/bin/innocluster run --host $(HOST) --port $(PORT) --demo

# Development only: DEBUG on (tracebacks in the browser) and a fixed secret key.
dev: install messages
	$(VENV)/bin/innocluster run --host $(HOST) --port $(PORT) --demo --debug

test: install messages
	$(VENV)/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run >/dev/null
	DJANGO_SETTINGS_MODULE=innocluster.config.production \
	  INNOCLUSTER_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(60))') \
	  INNOCLUSTER_ALLOWED_HOSTS=cluster.example.org INNOCLUSTER_EMAIL_HOST=smtp.example.org \
	  $(PY) manage.py check --deploy --fail-level WARNING
	$(VENV)/bin/pytest -q --numprocesses $(TEST_WORKERS) $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(VENV) var
