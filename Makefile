# 两条命令：make lab / make test。Two commands on a fresh machine with only python3 and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8866

.PHONY: lab test check lint format bench present install clean-venv

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

## make lab: install into .venv and open JupyterLab on the first notebook
# (root, e.g. in a container, needs --allow-root or Jupyter refuses to start)
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
lab: $(STAMP)
	$(VENV)/bin/jupyter lab $(ROOT_FLAG) notebooks/00-start-here.ipynb

## make test: every test (browser tests skip with a reason where no Chromium is installed,
## unless EDU_REQUIRE_BROWSER=1)
test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff format --check edu_helpers tests benchmarks

format: $(STAMP)
	$(VENV)/bin/ruff format edu_helpers tests benchmarks
	$(VENV)/bin/ruff check --fix .

check: lint test

## make bench: medians against targets; writes benchmarks/results/latest.json
bench: $(STAMP)
	$(PY) -m benchmarks

## make present: code-free Voilà view of the notebooks on 127.0.0.1 (for the projector)
# (the class view's configuration: edu_helpers/ui/present.py voila_command, template in edu_helpers/ui/voila/)
present: $(STAMP)
	$(PY) -m edu_helpers.ui.present notebooks --port=$(PORT)

clean-venv:
	rm -rf $(VENV)
