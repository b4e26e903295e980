# corresp: `make run` serves the demo, `make test` runs the tests. Both set themselves up.
VENV := .venv
PY := $(VENV)/bin/python
PYTEST := $(PY) -m pytest
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: e2e run serve test test-postgres prod-smoke faults load lint format bench parse-corpus parse-compare letter-styles response-corpus precedents-eval topics-eval migrate demo check clean

$(VENV)/.installed: requirements.txt
	@test -x $(PY) || "$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

venv: $(VENV)/.installed

migrate: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_schedule

demo: migrate
	$(PY) manage.py seed_demo

# Without a broker no worker waits for a notice's window: the console shows each e-mail at once.
run: export NOTICE_WINDOW_SECONDS ?= 0
# Links in the demo's e-mails point at the address it serves on.
run: demo
	@echo "corresp is serving on http://$(HOST):$(PORT)/ (log in with a demo login above; Ctrl-C stops)"
	SITE_URL=http://$(HOST):$(PORT) $(PY) manage.py runserver $(HOST):$(PORT)

# The whole suite on SQLite; the PostgreSQL, Redis and browser suites run from .ci/run.
test: venv
	$(PYTEST) -m "not postgres and not redis and not browser"

test-postgres: venv
	scripts/test-postgres

# The browser suite: Debian's Chromium (apt-get install chromium) driven by Playwright.
# Screenshots of each step land in e2e-screenshots/ (not committed).
e2e: venv
	$(PYTEST) -m browser tests/e2e

# The compose file's commands (gunicorn, Celery worker and beat) run here with DEBUG off against
# the local PostgreSQL and Redis, checked over HTTP (login, import, approval, export, e-mail).
prod-smoke: venv
	scripts/prod-smoke

# Faults: PostgreSQL restarted under load, Redis down, a worker killed mid-sweep.
# It restarts the local PostgreSQL: run it when no other test uses the database.
faults: venv
	scripts/faults

# 200,000 comments, 20 users for 60 s against gunicorn; prints throughput and percentiles, and
# the pages' throughput as a share of a trivial view's on the same gunicorn. BUSY=1 keeps one
# core busy with a CPU-bound loop beside the server, as other work does on a real server.
load: venv
	scripts/with-throwaway-db $(PY) -m scripts.load $(if $(filter 1,$(BUSY)),--busy)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Speed figures as JSON (SQLite, or PostgreSQL with DATABASE_URL). With CORPUS=folder (EDGAR review
# threads; ../shared/corpus when present) also the time to import it into the library, and the
# precedent section builds its library from its staff letters (else from its own sentences).
bench: venv
	CORPUS=$(or $(CORPUS),../shared/corpus) $(PY) -m scripts.bench

parse-corpus: venv
	$(PY) -m tracker.parsing.corpus $(or $(CORPUS),../shared/corpus)

# How many real response letters (CORPUS/*/*/*_corresp.htm) the letter style reproduces.
# Whether this tree's letter parser gives, for every staff letter of CORPUS and for synthetic
# letters, exactly what BASE's gave (default: where this branch left main). PDFS=0 skips the PDFs.
parse-compare: venv
	CORPUS=$(or $(CORPUS),../shared/corpus) $(PY) scripts/compare_parsers.py

letter-styles: venv
	$(PY) -m tracker.parsing.style_corpus $(or $(CORPUS),../shared/corpus)

# How well the response-letter reader splits real response letters into keyed answers, against
# the hand-read truth in scripts/eval/response_truth.json.
response-corpus: venv
	$(PY) -m tracker.parsing.response_corpus $(or $(CORPUS),../shared/corpus) scripts/eval/response_truth.json

# How often the precedent ranking finds the comment a staff follow-up cites (recall@1 and @5,
# lexical, semantic and fused), on PostgreSQL; CORPUS is a folder of EDGAR review threads.
precedents-eval: venv
	scripts/with-throwaway-db $(PY) -m scripts.precedents_eval $(CORPUS)

# Precision and recall of the topic rules on the hand-labelled comments (scripts/eval/topic_labels.json).
topics-eval: venv
	$(PY) -m scripts.topics_eval $(CORPUS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache staticfiles
