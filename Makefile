PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STORE ?= rasad.db

.PHONY: run test install install-test browser-deps lint bench eval clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip

# Stamps make re-runs fast: pip runs again only when pyproject.toml changes (or after `make clean`).
install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	$(PIP) install -q -e '.[test,postgres,dask]'
	touch $@ $(VENV)/.installed

run: install
	$(VENV)/bin/rasad analyze examples --db $(STORE)
	$(VENV)/bin/rasad report --db $(STORE) --html rasad-report.html

test: install-test browser-deps
	$(VENV)/bin/ruff check src tests bench scripts
	$(PY) -m pytest -q

# Debian's chromium + chromedriver for the end-to-end browser tests; if they cannot be installed the
# browser tests skip and say why, and everything else still runs.
browser-deps:
	@if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing chromium and chromium-driver with apt-get (browser tests)"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
	      || echo "warning: could not install chromium; browser tests will be skipped"; \
	  else echo "note: chromium/chromedriver missing and apt-get not usable here: browser tests will be skipped"; fi; \
	fi

lint: install-test
	$(VENV)/bin/ruff check src tests bench scripts

# 1k and 10k take ~6 minutes; the issue's full table: make bench BENCH_SIZES=1000,10000,100000
# (about an hour, and ~16 GB while the merge still loads every document: docs/performance.md)
BENCH_SIZES ?= 1000,10000
bench: install-test
	$(PY) -m bench --sizes $(BENCH_SIZES)

clean:
	rm -rf $(VENV) $(STORE) $(STORE)-wal $(STORE)-shm rasad-report.html
