# Sociale Kaart — the two commands of the README are `make run` and `make test`.
PY := .venv/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup run serve test lint migrate import demo synthetic bench shell clean-db vendor

setup:
	bash .ci/setup.sh

migrate: setup
	$(PY) manage.py migrate --noinput

# Loads the real open data of Gent/Flanders (idempotent: a second run changes nothing).
import demo: migrate
	$(PY) manage.py load_demo

run: demo
	@echo "Sociale Kaart: http://$(HOST):$(PORT)/  (beheer: http://$(HOST):$(PORT)/admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

serve:
	$(PY) manage.py runserver $(HOST):$(PORT)

test:
	bash .ci/setup.sh --with-browser
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m ruff check .
	$(PY) -m pytest

lint:
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy

synthetic: migrate
	$(PY) manage.py generate_synthetic --organisations 35000 --seed 1

bench:
	$(PY) bench/run_all.py

shell:
	$(PY) manage.py shell

# Re-creates frontend/static/vendor/maplibre-gl/ from the npm registry (pinned version; see docs/ui.md).
MAPLIBRE_VERSION ?= 5.24.1
vendor:
	bash frontend/scripts/vendor_maplibre.sh $(MAPLIBRE_VERSION)
