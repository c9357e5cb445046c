# The README's commands. Every target bootstraps its own virtual environment.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: demo test lint typecheck pytest browser fonts bench clean

## demo: build the demo Jobcenter in lotse.db (SQLite) and show what Lotse holds
demo: $(STAMP)
	$(BIN)/lotse demo

## test: lint, type-check and run the whole test suite (SQLite, PostgreSQL, browser)
test: $(STAMP) browser fonts lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests $(wildcard bench)
	$(BIN)/ruff format --check src tests $(wildcard bench)

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -n 2 --dist loadgroup

## browser: Debian's chromium for the end-to-end tests (Playwright drives it)
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get install -y --no-install-recommends chromium >/dev/null || \
	  { apt-get update >/dev/null && apt-get install -y --no-install-recommends chromium >/dev/null; }; }

## fonts: an Ethiopic font for Tigrinya letters (DejaVu covers Latin, Cyrillic, Arabic script)
fonts:
	@fc-list :lang=ti family | grep -q . || { \
	  echo "installing Debian's fonts-sil-abyssinica for Tigrinya letters"; \
	  apt-get install -y --no-install-recommends fonts-sil-abyssinica >/dev/null || \
	  { apt-get update >/dev/null && apt-get install -y --no-install-recommends fonts-sil-abyssinica >/dev/null; }; }

## bench: run every benchmark and print its figures
bench: $(STAMP)
	$(BIN)/python -m bench

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -qq --upgrade pip
	$(BIN)/pip install -qq -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $@

clean:
	rm -rf $(VENV) lotse.db lotse.db-* .mypy_cache .ruff_cache .pytest_cache
