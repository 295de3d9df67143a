# The two commands people need: `make run` and `make test`. Everything else is a step they use.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/postgres

REDIS_URL ?= redis://127.0.0.1:6379/0
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml)
CONTAINER ?= $(shell command -v podman >/dev/null 2>&1 && echo podman || echo docker)

SCAN_VENV := .venv-scan
SCAN_STAMP := $(SCAN_VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

CLIENT_SOURCES := $(shell find client/src -type f 2>/dev/null) client/index.html client/package.json \
	client/package-lock.json client/vite.config.ts client/tsconfig.json

.PHONY: run run-split client image test test-client test-kube test-unit test-monolith test-split test-behaviour test-observability test-faults test-faults-sqlite test-migration test-compose lint scan bench bench-smoke bench-scale bench-road clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==25.2
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $@

$(SCAN_STAMP): pyproject.toml
	test -x $(SCAN_VENV)/bin/python || $(PYTHON) -m venv $(SCAN_VENV)
	$(SCAN_VENV)/bin/python -m pip install --quiet --upgrade pip==25.2
	$(SCAN_VENV)/bin/python -m pip install --quiet $$($(PYTHON) -c 'import tomllib; print(" ".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["scan"]))')
	rm -f $(SCAN_VENV)/.installed-*
	touch $@

client/node_modules/.installed: client/package-lock.json
	cd client && npm ci --no-audit --no-fund --loglevel=error
	touch $@

client/dist/index.html: client/node_modules/.installed $(CLIENT_SOURCES)
	cd client && npm run build

## The image both builds run from (compose and Kubernetes), tagged with the version
image:
	$(CONTAINER) build $(if $(filter podman,$(CONTAINER)),--format docker) \
	  -t localhost/tandem:$(VERSION) -t localhost/tandem:latest .

## The web client, built into client/dist (the monolith and the query service serve it)
client: client/dist/index.html

## Serve the monolith and the client on SQLite at http://$(HOST):$(PORT)
run: $(STAMP) client
	mkdir -p var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

## The split stack as separate processes on SQLite, against the Redis at REDIS_URL; the
## client at the query service's address (http://127.0.0.1:4002)
run-split: $(STAMP) client
	$(BIN)/python -m microservices.run --broker-url=$(REDIS_URL)

## Everything CI runs
test: lint scan test-unit test-client test-monolith test-split test-behaviour test-observability test-faults test-migration test-compose test-kube bench-smoke

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## The Dockerfile by hadolint and checkov, and the repository (compose/ too) by checkov's
## secrets scan; checkov has no policies for compose files themselves. The stand-in base
## images are CI's replacements for official images, not part of what people run. Then
## every Kubernetes overlay, rendered, against the Kubernetes schemas and by checkov.
scan: $(SCAN_STAMP) $(STAMP)
	$(SCAN_VENV)/bin/hadolint Dockerfile
	$(SCAN_VENV)/bin/checkov --skip-download --quiet --compact --framework dockerfile secrets \
	  -d . --skip-path .venv --skip-path $(SCAN_VENV) --skip-path tests/compose/standins \
	  --skip-path client/node_modules --skip-path var
	rm -rf var/k8s-rendered
	$(BIN)/python -m tests.support.kube var/k8s-rendered
	$(SCAN_VENV)/bin/kubernetes-validate --strict --quiet var/k8s-rendered/*.yaml
	$(SCAN_VENV)/bin/checkov --skip-download --quiet --compact --config-file k8s/.checkov.yaml \
	  -d var/k8s-rendered

test-unit: $(STAMP)
	$(BIN)/pytest tests/unit

## The client's component tests (Vitest), then its end-to-end tests in headless Chromium
## against both builds
test-client: $(STAMP) client
	cd client && npm test
	$(BIN)/pytest tests/client

test-monolith: $(STAMP)
	$(BIN)/pytest tests/monolith --ds=monolith.config.settings
	DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest tests/monolith --ds=monolith.config.settings --create-db

## The split build's delivery parts in-process, each service's tests under its own settings,
## on SQLite then PostgreSQL; Celery publishes to kombu's in-memory broker and no worker runs
SPLIT_SERVICES := users posts comments moderation query
test-split: $(STAMP)
	for db in "" "$(POSTGRES_URL)"; do \
	  for s in $(SPLIT_SERVICES); do \
	    DATABASE_URL=$$db TANDEM_BROKER_URL=memory:// $(BIN)/pytest -q -p no:cacheprovider \
	      $$(test -d tests/split/$$s && echo tests/split/$$s) tests/split/test_routing.py \
	      --ds=microservices.$$s.settings $${db:+--create-db} || exit 1; \
	  done; \
	  DATABASE_URL=$$db TANDEM_BROKER_URL=memory:// $(BIN)/pytest -q -p no:cacheprovider tests/eventbus \
	    --ds=microservices.eventbus.settings $${db:+--create-db} || exit 1; \
	done

test-behaviour: $(STAMP)
	$(BIN)/pytest tests/behaviour --target=monolith --database=sqlite
	$(BIN)/pytest tests/behaviour --target=monolith --database=postgres --postgres-url=$(POSTGRES_URL)
	$(BIN)/pytest tests/behaviour --target=split --database=sqlite --redis-url=$(REDIS_URL)
	$(BIN)/pytest tests/behaviour --target=split --database=postgres --postgres-url=$(POSTGRES_URL) --redis-url=$(REDIS_URL)

## Traces of both builds into an OTLP receiver the tests start, on PostgreSQL
test-observability: $(STAMP)
	$(BIN)/pytest tests/observability --postgres-url=$(POSTGRES_URL)

## The fault tests on PostgreSQL, the database compose and Kubernetes run
test-faults: $(STAMP)
	$(BIN)/pytest tests/faults --database=postgres --postgres-url=$(POSTGRES_URL)

## The split build's fault tests on SQLite too (the local stack's database; some four
## minutes): the same delivery code, left out of `make test` to keep CI inside its hour and a
## half (docs/decisions/0021-what-make-test-runs.md)
test-faults-sqlite: $(STAMP)
	$(BIN)/pytest tests/faults --database=sqlite

## The road from the monolith to the split build (docs/migration.md), walked step by step on
## PostgreSQL under a steady load through the gateway (needs Debian's nginx). Each step
## stands on the one before, so the first failure ends the walk (-x).
test-migration: $(STAMP)
	$(BIN)/pytest -x tests/migration --postgres-url=$(POSTGRES_URL) --redis-url=$(REDIS_URL)

## Both compose stacks under podman, the suite through their one origin (needs podman and
## the base images: pulled, or the stand-ins that .ci/run builds)
test-compose: $(STAMP)
	$(BIN)/pytest tests/compose

## The dev overlay played by podman (k8s/overlays/ci): the suite through its gateway
test-kube: $(STAMP)
	$(BIN)/pytest tests/kube

## The comparison of both builds on this machine: writes docs/comparison/ (results.json,
## plots and the summary page), the scale section and the road section included. About an
## hour, half of it the scale section's million posts; needs PostgreSQL and Redis, some 10 GB
## free for PostgreSQL at a million posts, and Debian's nginx for the road.
bench: $(STAMP)
	$(BIN)/python -m bench.compare --out docs/comparison --postgres-url=$(POSTGRES_URL) --redis-url=$(REDIS_URL)

## The same bench in a minute, into var/, so that it cannot rot
bench-smoke: $(STAMP)
	$(BIN)/python -m bench.compare --smoke --out var/bench-smoke --postgres-url=$(POSTGRES_URL) --redis-url=$(REDIS_URL)

## The scale section alone: both builds seeded with 10,000, 100,000 and 1,000,000 posts
## (SCALE_SIZES=10000,100000 for fewer), its figures merged into docs/comparison/results.json
## and the page written again
SCALE_SIZES ?= 10000,100000,1000000
bench-scale: $(STAMP)
	$(BIN)/python -m bench.compare --scale-only --scale-sizes=$(SCALE_SIZES) --out docs/comparison --postgres-url=$(POSTGRES_URL) --redis-url=$(REDIS_URL)

## The road section alone: the road from the monolith to the split build walked by its test
## (tests/migration, some ten minutes; needs Debian's nginx), its figures kept as
## docs/comparison/road.json and in results.json, and the page written again
bench-road: $(STAMP)
	$(BIN)/python -m bench.compare --road-only --out docs/comparison --postgres-url=$(POSTGRES_URL) --redis-url=$(REDIS_URL)

clean:
	rm -rf $(VENV) $(SCAN_VENV) var client/dist client/node_modules .pytest_cache .hypothesis
