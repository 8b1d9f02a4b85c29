PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STORE ?= rasad.db

.PHONY: run test install install-test lint bench eval clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

install: $(PY)
	$(PIP) install -q -e .

install-test: $(PY)
	$(PIP) install -q -e '.[test,postgres,dask]'

run: install
	$(VENV)/bin/rasad analyze examples --db $(STORE)
	$(VENV)/bin/rasad report --db $(STORE)

test: install-test
	$(VENV)/bin/ruff check src tests bench
	$(PY) -m pytest -q

lint: install-test
	$(VENV)/bin/ruff check src tests bench

bench: install-test
	$(PY) -m bench

clean:
	rm -rf $(VENV) $(STORE) $(STORE)-wal $(STORE)-shm
