# 两条命令：make lab / make test。Two commands on a fresh machine with only python3 and make.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8866

.PHONY: lab test check lint format bench present install clean-venv fuzz

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	$(PY) -m compileall -q edu_helpers source  # as pip does for a wheel: kernels then skip compiling (#16)
	touch $(STAMP)

install: $(STAMP)

## make lab: install into .venv and open JupyterLab (in Chinese) on the first notebook; the same command as
## `python -m edu_helpers lab` (which adds --allow-root when run as root, e.g. in a container)
lab: $(STAMP)
	$(PY) -m edu_helpers lab

## make test: every test (browser tests skip with a reason where no Chromium is installed,
## unless EDU_REQUIRE_BROWSER=1)
test: $(STAMP)
	$(PY) -m pytest

## make fuzz: long runs of what `make test` runs briefly: the readers and `outline` on mutated inputs, then the
## property-based tests (Hypothesis) with many examples
FUZZ_ROUNDS ?= 300
fuzz: $(STAMP)
	$(PY) -m tests.text.fuzz --rounds $(FUZZ_ROUNDS) --seed $$(date +%s)
	EDU_HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest -p no:cacheprovider tests/text/test_properties_text.py tests/annotations/test_properties_annotations.py

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
	$(PY) -m edu_helpers present --port $(PORT)

clean-venv:
	rm -rf $(VENV)
